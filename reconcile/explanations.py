"""Each verdict in plain words: "2 origins give 17; Example Courier gives sixteen (16):
no value fits both, gap 1 (5.9%)"."""

from __future__ import annotations

from collections.abc import Sequence

from reconcile.claims import Claim, Quantity
from reconcile.dates import show_day
from reconcile.formatting import format_bound, format_interval, format_percent, plural
from reconcile.report import Estimate, Verdict
from reconcile.rules import time
from reconcile.rules.agreement import Gap

_MOST_NAMED = 3


def explain_group(
    quantity: Quantity,
    verdict: Verdict,
    claims: Sequence[Claim],
    origins: Sequence[str],
    estimate: Estimate | None,
    gap: Gap | None,
    over_time: time.Fall | time.Clash | None = None,
) -> str:
    """``over_time``: what the rule of a quantity that changes over time found beside
    the gap (how many claims fall, which other dates clash)."""
    is_date = quantity.type == "date"
    if verdict == "conflict" and gap is not None:
        return _explain_conflict(quantity, claims, estimate, gap, over_time)
    if verdict == "single-source":
        text = f"only from {origins[0]}: {_values(claims, is_date)}"
    elif verdict == "agree":
        shared = format_interval(claims[0].interval, is_date=is_date)
        text = f"{plural(len(origins), 'origin')} give {shared}"
    elif quantity.over_time == "fixed":
        text = f"{plural(len(origins), 'origin')}, intervals differ but share a value"
        if estimate is not None:
            text += f": {format_interval(estimate.interval, is_date=is_date)}"
    else:
        text = f"{plural(len(origins), 'origin')}, {_NO_CONTRADICTION[quantity.over_time]}"
        text += _latest(estimate, is_date)
    return _with_timeline(text, quantity, claims)


_NO_CONTRADICTION = {
    "cumulative": "figures differ but none falls below an earlier one",
    "snapshot": "figures differ but none contradicts another of its date",
}


def _latest(estimate: Estimate | None, is_date: bool) -> str:
    """The estimate of a quantity that changes over time, from its latest claims."""
    if estimate is None:
        return (
            "; no estimate: the latest claims share no value and no cluster of them is the largest"
        )
    return f"; latest: {format_interval(estimate.interval, is_date=is_date)}"


def _explain_conflict(
    quantity: Quantity,
    claims: Sequence[Claim],
    estimate: Estimate | None,
    gap: Gap,
    over_time: time.Fall | time.Clash | None,
) -> str:
    is_date = quantity.type == "date"
    pair = _pair(gap.lower, gap.upper, is_date)
    if quantity.over_time == "cumulative":
        reason = f"{_fall(gap.upper, gap.lower, is_date)}: a running total cannot fall"
    elif quantity.over_time == "snapshot":
        reason = f"on {_when(gap.lower)}, {pair}: no value fits both"
    else:
        reason = f"{pair}: no value fits both"
    text = f"{reason}, gap {_gap_size(gap, is_date)}"
    if isinstance(over_time, time.Clash) and over_time.other_dates:  # the gap names one
        text += _other_dates(over_time.other_dates)
    if isinstance(over_time, time.Fall) and over_time.claims_below > 1:
        text += f"; {over_time.claims_below} claims in all fall below an earlier figure"
    if quantity.over_time != "fixed":
        return text + _latest(estimate, is_date)
    if estimate is None:
        return text + "; no cluster of claims is the largest, so no estimate"
    common = estimate.interval
    cluster = [c for c in claims if c.interval.covers(common)]
    shared = format_interval(common, is_date=is_date)
    count = len({claim.origin for claim in cluster})
    return f"{text}; the largest cluster, {plural(count, 'origin')}, gives {shared}"


def _other_dates(dates: Sequence[str]) -> str:
    """The other dates of a snapshot whose claims share no value."""
    named = ", ".join(dates[:_MOST_NAMED])
    more = f" and {len(dates) - _MOST_NAMED} more" if len(dates) > _MOST_NAMED else ""
    return f"; claims of {plural(len(dates), 'other date')} share no value either: {named}{more}"


def _with_timeline(text: str, quantity: Quantity, claims: Sequence[Claim]) -> str:
    if quantity.over_time != "cumulative":
        return text
    ordered = [claim for claim in time.in_date_order(claims) if claim.date is not None]
    if len(ordered) < 2:
        return text
    first, last = ordered[0], ordered[-1]
    assert first.date is not None and last.date is not None
    if not (first.date.is_earlier_than(last.date) and first.interval.lies_below(last.interval)):
        return text
    is_date = quantity.type == "date"
    return (
        f"{text}; rose from {_said(first, is_date)} on {_when(first)} "
        f"to {_said(last, is_date)} on {_when(last)}"
    )


def _values(claims: Sequence[Claim], is_date: bool) -> str:
    distinct = list(dict.fromkeys(_said(claim, is_date) for claim in claims))
    shown = ", ".join(distinct[:_MOST_NAMED])
    return shown + (
        f" and {len(distinct) - _MOST_NAMED} more" if len(distinct) > _MOST_NAMED else ""
    )


def _said(claim: Claim, is_date: bool) -> str:
    """The value as written, with how it was read where that is not plain from it
    ("around 600 ([540, 660])", but "40 cars", not "40 cars (40)")."""
    read = format_interval(claim.interval, is_date=is_date)
    return claim.value if read in claim.value.split() else f"{claim.value} ({read})"


def _gives(claim: Claim, is_date: bool) -> str:
    return f"{claim.origin} gives {_said(claim, is_date)}"


def _pair(lower: Claim, upper: Claim, is_date: bool) -> str:
    """The two claims a gap lies between, by origin; where one origin gives both, as
    relayed by two outlets, which outlet printed which (else it reads as the origin
    contradicting itself)."""
    if lower.origin != upper.origin:
        return f"{_gives(lower, is_date)} and {_gives(upper, is_date)}"
    said = _said(lower, is_date), _said(upper, is_date)
    if lower.outlet == upper.outlet:
        return f"{lower.origin} gives {said[0]} and {said[1]}"
    return f"{lower.origin} gives {said[0]} (in {lower.outlet}) and {said[1]} (in {upper.outlet})"


def _fall(earlier: Claim, later: Claim, is_date: bool) -> str:
    """Who gave a running total's earlier figure and who its later, lower one, when;
    where one origin gives both, in which outlets (a revision of its own)."""
    in_outlets = earlier.origin == later.origin and earlier.outlet != later.outlet
    before, after = (
        f"{_said(claim, is_date)}{f' in {claim.outlet}' if in_outlets else ''} on {_when(claim)}"
        for claim in (earlier, later)
    )
    if earlier.origin != later.origin:
        return f"{earlier.origin} gives {before}, then {later.origin} gives {after}"
    return f"{earlier.origin} gives {before}, then {after}"


def _when(claim: Claim) -> str:
    """The claim's date as written, and, for a moment written with an offset, the moment
    in UTC by which it was ordered ('10:00+02:00' is before '09:00Z')."""
    date = claim.date
    if date is None:
        return "undated"
    if not date.in_utc or date.time is None or date.text[-1] in "Zz":
        return date.text
    timespec = "minutes" if not (date.time.second or date.time.microsecond) else "auto"
    return f"{date.text} ({show_day(date.first)}T{date.time.isoformat(timespec)} UTC)"


def _gap_size(gap: Gap, is_date: bool) -> str:
    size = format_bound(gap.absolute)
    if is_date:
        return plural(int(gap.absolute), "day")
    return size if gap.relative is None else f"{size} ({format_percent(gap.relative)})"
