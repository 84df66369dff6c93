"""Agreement among intervals: the common part, the largest cluster, the nearest miss.

Pure functions over claims; every one is O(n log n) in the claims of a group.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from reconcile.claims import Claim
from reconcile.interval import Bound, EndKey, Interval, intersect_all, normalize


@dataclass(frozen=True, slots=True)
class Gap:
    """The nearest miss between two contradicting claims: ``lower`` lies wholly
    below ``upper`` by ``absolute``; ``relative`` is that distance against the
    larger of the two facing ends (None for dates, or where both ends are 0)."""

    absolute: Bound
    relative: Fraction | None
    lower: Claim
    upper: Claim


def common_part(claims: Sequence[Claim]) -> Interval | None:
    return intersect_all([claim.interval for claim in claims])


def all_same(claims: Sequence[Claim]) -> bool:
    first = claims[0].interval
    return all(claim.interval == first for claim in claims)


def largest_cluster(claims: Sequence[Claim]) -> Interval | None:
    """The common part of the largest set of claims that share a value, counted in
    distinct origins; None when no such set is strictly the largest."""
    points = _fullest_points(claims)
    intervals = {id(claim.interval): claim.interval for claim in claims}.values()
    return intersect_all([interval for interval in intervals if _covers_any(interval, points)])


def _fullest_points(claims: Sequence[Claim]) -> list[EndKey]:
    """The points where the most distinct origins meet, found by one sweep over
    the distinct ends (starts before ends at a point: closed ends touch), the
    origins of all the claims that start, or end, at each taken at once."""
    starting: dict[EndKey, list[list[str]]] = defaultdict(list)
    ending: dict[EndKey, list[list[str]]] = defaultdict(list)
    by_interval: dict[int, list[str]] = {}  # claims share few intervals: the ends of each once
    for claim in claims:
        origins = by_interval.get(id(claim.interval))
        if origins is None:
            origins = by_interval[id(claim.interval)] = []
            starting[claim.interval.low_key].append(origins)
            ending[claim.interval.high_key].append(origins)
        origins.append(claim.origin)
    ends = sorted(ending)
    active: Counter[str] = Counter()
    most, points = 0, []
    finished = 0
    for key in sorted(starting):
        while finished < len(ends) and ends[finished] < key:
            for origins in ending[ends[finished]]:
                _leave(active, origins)
            finished += 1
        for origins in starting[key]:
            active.update(origins)
        if len(active) > most:
            most, points = len(active), [key]
        elif len(active) == most:
            points.append(key)
    return points


def _leave(active: Counter[str], origins: list[str]) -> None:
    for origin in origins:
        left = active[origin] - 1
        if left:
            active[origin] = left
        else:
            del active[origin]


def _covers_any(interval: Interval, points: list[EndKey]) -> bool:
    first_inside = bisect.bisect_left(points, interval.low_key)
    return first_inside < len(points) and points[first_inside] <= interval.high_key


def best_value(estimate: Interval, claims: Sequence[Claim], *, is_date: bool) -> Bound | None:
    """The median of the exact claims inside the estimate, else the middle of a
    bounded estimate (the earlier middle day for dates), else None."""
    inside_from, inside_to = estimate.low_key, estimate.high_key  # estimate.contains, inline
    exact = sorted(
        low
        for claim in claims
        if (low := claim.interval.low) is not None
        and claim.interval.is_exact
        and inside_from <= (low, 0) <= inside_to
    )
    if exact:
        return _median(exact, is_date=is_date)
    if estimate.low is None or estimate.high is None:
        return None
    return _middle(estimate.low, estimate.high, is_date=is_date)


def _median(values: list[Bound], *, is_date: bool) -> Bound:
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return _middle(values[middle - 1], values[middle], is_date=is_date)


def _middle(low: Bound, high: Bound, *, is_date: bool) -> Bound:
    if is_date:
        return (low + high) // 2
    total = low + high
    if type(total) is int:  # the usual case, without Fraction arithmetic (slow)
        return total // 2 if total % 2 == 0 else Fraction(total, 2)
    return normalize(Fraction(total) / 2)


def nearest_miss(claims: Sequence[Claim], *, is_date: bool) -> Gap | None:
    """Among pairs of claims whose intervals do not overlap, the closest pair;
    ties go to the smaller relative gap, then to the first such pair in ``claims``
    (the lower claim first, then the upper first in the order of low ends)."""
    first_at: dict[EndKey, Claim] = {}  # the first claim of each low end
    distinct: dict[int, Claim] = {}  # the first claim of each interval: the rest tie with it
    for claim in claims:
        first_at.setdefault(claim.interval.low_key, claim)
        distinct.setdefault(id(claim.interval), claim)
    lows = sorted(first_at)
    best: Gap | None = None
    for lower in distinct.values():
        above = bisect.bisect_right(lows, lower.interval.high_key)
        if above < len(lows):
            best = closer_gap(best, lower, first_at[lows[above]], is_date=is_date)
    return best


def closer_gap(best: Gap | None, lower: Claim, upper: Claim, *, is_date: bool) -> Gap | None:
    """The nearer of ``best`` and the gap from ``lower`` up to ``upper`` (ties: the
    smaller relative gap). Farther pairs are passed over before any division."""
    facing_low, facing_high = lower.interval.high, upper.interval.low
    assert facing_low is not None and facing_high is not None  # disjoint, lower below
    if best is not None and facing_high - facing_low > best.absolute:
        return best
    gap = _gap(lower, upper, is_date=is_date)
    return gap if best is None or _rank(gap) < _rank(best) else best


def _gap(lower: Claim, upper: Claim, *, is_date: bool) -> Gap:
    facing_low, facing_high = lower.interval.high, upper.interval.low
    assert facing_low is not None and facing_high is not None  # disjoint, lower below
    absolute = normalize(facing_high - facing_low)
    scale = max(abs(Fraction(facing_low)), abs(Fraction(facing_high)))
    relative = None if is_date or scale == 0 else Fraction(absolute) / scale
    return Gap(absolute, relative, lower, upper)


def _rank(gap: Gap) -> tuple[Bound, Fraction]:
    return (gap.absolute, gap.relative if gap.relative is not None else Fraction(0))
