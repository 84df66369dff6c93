"""Groups: all claims about one (story, event, quantity), and their verdict.

What contradicts depends on how the quantity may change over time (``fixed``,
``cumulative``, ``snapshot``); the rest of the verdict, the estimate and its
``best`` value follow SPEC "Verdicts" the same way for all three.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import attrgetter

from reconcile.claims import Claim, Quantity
from reconcile.dates import ClaimDate, Position, order_key
from reconcile.explanations import explain_group
from reconcile.interval import Bound, EndKey, Interval
from reconcile.report import Estimate, GroupResult, Verdict
from reconcile.rules import agreement, time
from reconcile.rules.agreement import Gap

GroupKey = tuple[str, str, str]


def group_claims(claims: Iterable[Claim]) -> dict[GroupKey, list[Claim]]:
    groups: dict[GroupKey, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[_group_key(claim)].append(claim)
    return groups


_group_key = attrgetter("story", "event", "quantity")


def claim_order(claim: Claim) -> tuple[object, ...]:
    """A reading order that depends on what claims say, not on file order."""
    return _place(claim) + _rest_of_order(claim)


def _place(claim: Claim) -> tuple[tuple[int, Position, Position], EndKey, EndKey]:
    """``claim_order`` as far as the date and the interval."""
    date, interval = claim.date, claim.interval
    return (_UNDATED if date is None else _when(date), interval.low_key, interval.high_key)


_UNDATED = (1, (0, 0.0), (0, 0.0))


def _when(date: ClaimDate) -> tuple[int, Position, Position]:
    """Where a date sorts, computed once for each date as written (they are few)."""
    when = _WHENS.get(date.text)
    if when is None:
        if len(_WHENS) > 65_536:
            _WHENS.clear()
        when = _WHENS[date.text] = (0, *order_key(date))
    return when


_WHENS: dict[str, tuple[int, Position, Position]] = {}


def in_claim_order(claims: Sequence[Claim]) -> list[Claim]:
    """The claims sorted by ``claim_order``. A large group has few distinct dates and
    intervals: its claims are put in bins by those first, the bins sorted, and each
    bin's claims by the rest of the order (stable, as one sort would be)."""
    if len(claims) < _FEW:
        return sorted(claims, key=claim_order)
    bins: dict[tuple[tuple[int, Position, Position], EndKey, EndKey], list[Claim]] = {}
    for claim in claims:
        place = _place(claim)
        same = bins.get(place)
        if same is None:
            same = bins[place] = []
        same.append(claim)
    ordered: list[Claim] = []
    for place in sorted(bins):
        ordered += sorted(bins[place], key=_rest_of_order)
    return ordered


_FEW = 64


def _rest_of_order(claim: Claim) -> tuple[object, ...]:
    """``claim_order`` after the date and the interval."""
    return (
        claim.origin,
        claim.outlet,
        claim.value,
        claim.id or "",
        claim.quote or "",
        claim.note or "",
        claim.file,
        claim.line,
    )


def judge_group(key: GroupKey, quantity: Quantity, claims: Sequence[Claim]) -> GroupResult:
    claims = in_claim_order(claims)
    is_date = quantity.type == "date"
    basis = claims if quantity.over_time == "fixed" else time.latest(claims)
    common = agreement.common_part(basis)  # of all claims where fixed: found once
    contradicted, gap, over_time = _contradiction(quantity, claims, common)
    estimate = _estimate(basis, common, is_date=is_date)
    origins = tuple(sorted({claim.origin for claim in claims}))
    verdict = _verdict(contradicted, origins, claims)
    story, event, _ = key
    explanation = explain_group(quantity, verdict, claims, origins, estimate, gap, over_time)
    return GroupResult(
        story, event, quantity, verdict, origins, estimate, tuple(claims), gap, explanation
    )


def _contradiction(
    quantity: Quantity, claims: Sequence[Claim], common: Interval | None
) -> tuple[bool, Gap | None, time.Fall | time.Clash | None]:
    """Whether the claims contradict each other, the nearest miss if so, and over time
    what else the rule found (how many claims fall, which other dates clash);
    ``common`` is the common part of the claims (used where fixed)."""
    is_date = quantity.type == "date"
    if quantity.over_time != "fixed":
        if quantity.over_time == "cumulative":
            found: time.Fall | time.Clash | None = time.falls(claims, is_date=is_date)
        else:
            found = time.snapshot_clash(claims, is_date=is_date)
        return (False, None, None) if found is None else (True, found.gap, found)
    if common is not None:
        return False, None, None
    return True, agreement.nearest_miss(claims, is_date=is_date), None


def _verdict(contradicted: bool, origins: Sequence[str], claims: Sequence[Claim]) -> Verdict:
    if contradicted:
        return "conflict"
    if len(origins) == 1:
        return "single-source"
    return "agree" if agreement.all_same(claims) else "consistent"


def _estimate(basis: Sequence[Claim], common: Interval | None, *, is_date: bool) -> Estimate | None:
    common = common or agreement.largest_cluster(basis)
    if common is None:
        return None
    best = agreement.best_value(common, basis, is_date=is_date)
    return _as_estimate(common, best)


def _as_estimate(interval: Interval, best: Bound | None) -> Estimate:
    return Estimate(
        interval.low,
        best,
        interval.high,
        interval.low_open,
        interval.high_open,
    )
