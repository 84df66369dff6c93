"""Agreement among intervals: the common part, the largest cluster, the nearest miss.

Pure functions over claims; every one is O(n log n) in the claims of a group.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from operator import attrgetter

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
    cluster = [c for c in claims if _covers_any(c.interval, points)]
    return intersect_all([claim.interval for claim in cluster])


def _fullest_points(claims: Sequence[Claim]) -> list[EndKey]:
    """The points where the most distinct origins meet, found by one sweep over
    the ends (starts before ends at a point: closed ends touch). The starts and
    the ends are sorted apart, by their end keys alone, and merged as they go."""
    starts = sorted(claims, key=_LOW_END)
    ends = sorted(claims, key=_HIGH_END)
    active: Counter[str] = Counter()
    most, points = 0, []
    finished = 0
    for claim in starts:
        key = claim.interval.low_key
        while finished < len(ends) and ends[finished].interval.high_key < key:
            _leave(active, ends[finished].origin)
            finished += 1
        active[claim.origin] += 1
        if len(active) > most:
            most, points = len(active), [key]
        elif len(active) == most:
            points.append(key)
    return points


def _leave(active: Counter[str], origin: str) -> None:
    active[origin] -= 1
    if not active[origin]:
        del active[origin]


_LOW_END = attrgetter("interval.low_key")
_HIGH_END = attrgetter("interval.high_key")


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
    ties go to the smaller relative gap."""
    by_low = sorted(claims, key=lambda claim: claim.interval.low_key)
    lows = [claim.interval.low_key for claim in by_low]
    best: Gap | None = None
    for lower in claims:
        above = bisect.bisect_right(lows, lower.interval.high_key)
        if above < len(by_low):
            best = closer_gap(best, lower, by_low[above], is_date=is_date)
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
