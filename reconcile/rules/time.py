"""Figures over time: running totals that may only rise, and snapshots of a date.

A claim is earlier than another when its date ends before the other's begins;
date-times on one day are ordered by their time (a moment with an offset, in UTC).
Each date becomes a start and an end position on one line, so that "earlier" is
``end(a) < start(b)`` and one sweep answers every question in O(n log n). A moment
written on another day than its day in UTC is widened on that line to both days (it
is ordered against neither day's plain dates); date-times are also ordered among
themselves by their moments, in a second sweep where any is so widened.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import time
from operator import itemgetter

from reconcile.claims import Claim
from reconcile.dates import ClaimDate, Position, end, moment, order_key, start
from reconcile.interval import EndKey
from reconcile.rules.agreement import Gap, _rank, closer_gap, common_part, nearest_miss


def dated(claims: Sequence[Claim]) -> list[tuple[Claim, ClaimDate]]:
    return [(claim, claim.date) for claim in claims if claim.date is not None]


Span = tuple[Claim, Position, Position]


def _spans(claims: Sequence[Claim]) -> list[Span]:
    """Each dated claim with its start and end, computed once for each date (claims
    share few)."""
    known: dict[int, tuple[Position, Position]] = {}
    spans = []
    for claim in claims:
        date = claim.date
        if date is not None:
            span = known.get(id(date))
            if span is None:
                span = known[id(date)] = (start(date), end(date))
            spans.append((claim, *span))
    return spans


def _moments(claims: Sequence[Claim]) -> list[Span]:
    """The date-times among the claims, each at its moment, where one is widened on the
    line of days (written on another day than its day in UTC): two date-times are
    ordered by their moments, which the line then does not say."""
    if not any(c.date is not None and c.date.written_day is not None for c in claims):
        return []
    at = [(claim, moment(claim.date)) for claim in claims if claim.date is not None]
    return [(claim, position, position) for claim, position in at if position is not None]


def latest(claims: Sequence[Claim]) -> list[Claim]:
    """The dated claims that no claim is later than; all claims where none is dated."""
    spans = _spans(claims)
    if not spans:
        return list(claims)
    last_start = max(map(_START, spans))
    found = [claim for claim, _, ends in spans if ends >= last_start]
    moments = _moments(claims)
    if moments:  # nor a date-time later by its moment
        last = max(map(_START, moments))
        earlier = {id(claim) for claim, at, _ in moments if at < last}
        found = [claim for claim in found if id(claim) not in earlier]
    return found


def in_date_order(claims: Sequence[Claim]) -> list[Claim]:
    """Dated claims in date order (see ``order_key``); undated claims after them, in their
    order."""
    ordered = sorted(dated(claims), key=lambda pair: order_key(pair[1]))
    return [claim for claim, _ in ordered] + [c for c in claims if c.date is None]


@dataclass(frozen=True, slots=True)
class Fall:
    """Where a running total falls: the nearest pair, and how many claims in all lie
    wholly below an earlier one (the pair's later claim among them)."""

    gap: Gap
    claims_below: int


def falls(claims: Sequence[Claim], *, is_date: bool) -> Fall | None:
    """For a running total: where a later claim lies wholly below an earlier one, or
    None when the total never falls: on the line of days, and among date-times by
    their moments."""
    (line, below), (by_moment, also_below) = (
        _falls(_spans(claims), is_date),
        _falls(_moments(claims), is_date),
    )
    found = [gap for gap in (line, by_moment) if gap is not None]
    if not found:
        return None
    return Fall(min(found, key=_rank), len(below | also_below))


def _falls(spans: list[Span], is_date: bool) -> tuple[Gap | None, set[int]]:
    """``falls`` where a claim is earlier than another when its span ends before the
    other's starts, with the claims that fall (by id). Claims that start together see
    the same earlier claims: of those, one claim per interval is asked (the rest would
    tie with it, and a tie keeps the first), and the answer holds for all."""
    earlier = sorted(spans, key=_END)
    lows = _LowIndex(claim for claim, _, _ in earlier)
    best: Gap | None = None
    below: set[int] = set()
    taken = 0
    begun: Position | None = None
    tried: dict[int, bool] = {}  # intervals of the claims that start at ``begun``: fall?
    for claim, begins, _ in sorted(spans, key=_START):
        if begins != begun:
            while taken < len(earlier) and earlier[taken][2] < begins:
                lows.add(earlier[taken][0])
                taken += 1
            begun, tried = begins, {}
        fell = tried.get(id(claim.interval))
        if fell is None:
            above = lows.first_above(claim.interval.high_key)
            fell = tried[id(claim.interval)] = above is not None
            if above is not None:
                best = closer_gap(best, claim, above, is_date=is_date)
        if fell:
            below.add(id(claim))
    return best, below


_START = itemgetter(1)
_END = itemgetter(2)


@dataclass(frozen=True, slots=True)
class Clash:
    """Where a snapshot's claims of one date share no value: the nearest miss, on one
    date, and the other dates whose claims share none either, as written, in order."""

    gap: Gap
    other_dates: tuple[str, ...]


def snapshot_clash(claims: Sequence[Claim], *, is_date: bool) -> Clash | None:
    """For a snapshot: the nearest miss among claims of one date (one day, month or
    year, or one moment however written: ``08:00`` and ``08:00:00``, ``10:00+02:00``
    and ``08:00Z``) and the other dates that clash, or None when every date's claims
    share a value. (On a line, claims
    that share no common value always include two that do not overlap, so a clash has a
    gap.)"""
    clashes = _clashes(claims)
    missed = [(nearest_miss(same, is_date=is_date), date) for date, same in clashes.items()]
    found = [(gap, date) for gap, date in missed if gap is not None]
    if not found:
        return None
    gap, shown = min(found, key=lambda pair: _rank(pair[0]))
    others = sorted((date for date in clashes if date is not shown), key=order_key)
    return Clash(gap, tuple(date.text for date in others))


def _clashes(claims: Sequence[Claim]) -> dict[ClaimDate, list[Claim]]:
    """The claims of each date (one moment however written: the first date as written
    stands for it) that share no value."""
    first: dict[tuple[int, int, time | None], ClaimDate] = {}
    by_date: dict[ClaimDate, list[Claim]] = defaultdict(list)
    for claim, date in dated(claims):
        by_date[first.setdefault((date.first, date.last, date.time), date)].append(claim)
    return {date: same for date, same in by_date.items() if common_part(same) is None}


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
