"""Figures over time: running totals that may only rise, and snapshots of a date.

A claim is earlier than another when its date ends before the other's begins;
date-times on one day are ordered by their time as written. Each date becomes a
start and an end position on one line, so that "earlier" is ``end(a) < start(b)``
and one sweep answers every question in O(n log n).
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import time

from reconcile.claims import Claim
from reconcile.dates import ClaimDate
from reconcile.interval import EndKey
from reconcile.rules.agreement import Gap, _rank, closer_gap, common_part, nearest_miss

Position = tuple[int, float]


def _seconds(moment: time) -> float:
    return moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6


def start(date: ClaimDate) -> Position:
    if date.time is not None and date.first == date.last:
        return (date.first, _seconds(date.time))
    return (date.first, -math.inf)


def end(date: ClaimDate) -> Position:
    if date.time is not None and date.first == date.last:
        return (date.last, _seconds(date.time))
    return (date.last, math.inf)


def dated(claims: Sequence[Claim]) -> list[tuple[Claim, ClaimDate]]:
    return [(claim, claim.date) for claim in claims if claim.date is not None]


def latest(claims: Sequence[Claim]) -> list[Claim]:
    """The dated claims that no claim is later than; all claims where none is dated."""
    with_dates = dated(claims)
    if not with_dates:
        return list(claims)
    last_start = max(start(date) for _, date in with_dates)
    return [claim for claim, date in with_dates if end(date) >= last_start]


def in_date_order(claims: Sequence[Claim]) -> list[Claim]:
    """Dated claims by start, then end; undated claims after them, in their order."""
    ordered = sorted(dated(claims), key=lambda pair: (start(pair[1]), end(pair[1])))
    return [claim for claim, _ in ordered] + [c for c in claims if c.date is None]


def falls(claims: Sequence[Claim], *, is_date: bool) -> Gap | None:
    """For a running total: the nearest pair where a later claim lies wholly below
    an earlier one, or None when the total never falls."""
    earlier = sorted(dated(claims), key=lambda pair: end(pair[1]))
    ends = [end(date) for _, date in earlier]
    later = sorted(dated(claims), key=lambda pair: start(pair[1]))
    lows = _LowIndex(claim for claim, _ in earlier)
    best: Gap | None = None
    taken = 0
    for claim, date in later:
        begins = start(date)
        while taken < len(earlier) and ends[taken] < begins:
            lows.add(earlier[taken][0])
            taken += 1
        above = lows.first_above(claim.interval.high_key)
        if above is not None:
            best = closer_gap(best, claim, above, is_date=is_date)
    return best


def snapshot_clash(claims: Sequence[Claim], *, is_date: bool) -> Gap | None:
    """For a snapshot: the nearest miss among claims of one date (as written), or
    None when every date's claims share a value. (On a line, claims that share no
    common value always include two that do not overlap, so a clash has a gap.)"""
    by_date: dict[str, list[Claim]] = defaultdict(list)
    for claim, date in dated(claims):
        by_date[date.text].append(claim)
    gaps = [
        nearest_miss(same_day, is_date=is_date)
        for same_day in by_date.values()
        if common_part(same_day) is None
    ]
    return min((gap for gap in gaps if gap is not None), key=_rank, default=None)


class _LowIndex:
    """Claims added one by one, asked for the added claim whose low end is the
    smallest above a point: a Fenwick tree over the sorted distinct low ends."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self._keys: list[EndKey] = sorted({c.interval.low_key for c in claims})
        self._first: dict[EndKey, Claim] = {}
        self._tree = [0] * (len(self._keys) + 1)
        # Answers since the last claim with a new low end: points and low ends are few.
        self._answers: dict[EndKey, Claim | None] = {}

    def add(self, claim: Claim) -> None:
        key = claim.interval.low_key
        if key in self._first:
            return
        self._first[key] = claim
        self._answers.clear()
        index = bisect.bisect_left(self._keys, key) + 1
        while index < len(self._tree):
            self._tree[index] += 1
            index += index & -index

    def first_above(self, point: EndKey) -> Claim | None:
        """The added claim with the smallest low end strictly above ``point``."""
        if point in self._answers:
            return self._answers[point]
        answer = self._answers[point] = self._search_above(point)
        return answer

    def _search_above(self, point: EndKey) -> Claim | None:
        below = bisect.bisect_right(self._keys, point)
        wanted = self._count(below) + 1
        index = self._find(wanted)
        return None if index is None else self._first[self._keys[index]]

    def _count(self, prefix: int) -> int:
        total = 0
        while prefix > 0:
            total += self._tree[prefix]
            prefix -= prefix & -prefix
        return total

    def _find(self, wanted: int) -> int | None:
        """The 0-based index of the ``wanted``-th added key, if there are that many."""
        position, step = 0, 1 << len(self._tree).bit_length()
        while step:
            nxt = position + step
            if nxt < len(self._tree) and self._tree[nxt] < wanted:
                position = nxt
                wanted -= self._tree[nxt]
            step >>= 1
        return position if position < len(self._keys) else None
