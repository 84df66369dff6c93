"""Relations between quantities, checked with interval arithmetic (SPEC "Relations").

Report scope: within each report that gives every quantity of a relation for one
date. Consensus scope: on the groups' estimates, where none is in conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from reconcile.claims import Claim, Corpus, DeclaredRelation, Story
from reconcile.formatting import format_bound, format_interval, plural
from reconcile.interval import Interval, normalize
from reconcile.names import joined
from reconcile.relation_syntax import NEGATED, Relation, Term
from reconcile.report import GroupResult, RelationResult, RelationStatus
from reconcile.rules.agreement import common_part

Verdict = tuple[RelationStatus, str]
_ZERO = (0, 0)


def check_relations(corpus: Corpus, groups: Sequence[GroupResult]) -> list[RelationResult]:
    if not any(story.relations for story in corpus.stories.values()):
        return []  # nothing to check: a large flat table is not indexed for nothing
    by_story: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        by_story[claim.story].append(claim)
    group_index = {(g.story, g.event, g.quantity.name): g for g in groups}
    rows: list[RelationResult] = []
    for story_id in sorted(corpus.stories):
        story = corpus.stories[story_id]
        for declared in story.relations:
            claims = [c for c in by_story[story_id] if c.quantity in declared.relation.quantities]
            rows += _consensus_rows(story, declared, claims, group_index)
            rows += _report_rows(story, declared, claims)
    rows.sort(key=lambda row: (row.story, row.event))  # stable: relations stay in order
    return rows


# -- evaluation ------------------------------------------------------------------


def evaluate(relation: Relation, values: Mapping[str, Interval], *, is_date: bool) -> Verdict:
    """holds where some values within the intervals satisfy the relation, else
    violated, with the detail a reader needs."""
    difference = _add(_side(relation.left, values), _negate(_side(relation.right, values)))
    shown = (
        f"{_side_text(relation.left, values, is_date)} {{op}} "
        f"{_side_text(relation.right, values, is_date)}"
    )
    if _satisfiable(relation.operator, difference):
        return "holds", shown.format(op=relation.operator)
    detail = shown.format(op=NEGATED[relation.operator])
    return "violated", f"{detail}: {_shortfall(relation, difference, is_date)}"


def _satisfiable(operator: str, difference: Interval) -> bool:
    if operator == "=":
        return difference.contains(0)
    if operator == "<=":
        return difference.low_key <= _ZERO
    if operator == "<":
        return difference.low_key < _ZERO
    if operator == ">=":
        return difference.high_key >= _ZERO
    return difference.high_key > _ZERO


def _shortfall(relation: Relation, difference: Interval, is_date: bool) -> str:
    """How far the relation is from holding: the distance from 0 to the difference
    (left minus right), which lies wholly on the wrong side of 0, or touches it."""
    above = relation.operator in ("<", "<=") or (
        relation.operator == "=" and difference.low_key > _ZERO
    )
    facing = difference.low if above else difference.high
    assert facing is not None  # a violated relation has a bounded end facing 0
    distance = facing if above else -facing
    if distance == 0:
        return "equal at best" if difference.contains(0) else "close, but never equal"
    amount = plural(int(distance), "day") if is_date else format_bound(normalize(distance))
    if relation.operator != "=":
        return f"off by {amount}"
    if is_date:  # a day is neither unaccounted nor one too many
        return f"{amount} apart"
    return f"{amount} unaccounted" if above else f"{amount} too many"


def _side(terms: Iterable[Term], values: Mapping[str, Interval]) -> Interval:
    total = Interval.exact(0)
    for term in terms:
        value = values[term.quantity] if term.quantity else Interval.exact(term.number)
        total = _add(total, value if term.sign > 0 else _negate(value))
    return total


def _add(a: Interval, b: Interval) -> Interval:
    low = None if a.low is None or b.low is None else normalize(a.low + b.low)
    high = None if a.high is None or b.high is None else normalize(a.high + b.high)
    return Interval(low, high, a.low_open or b.low_open, a.high_open or b.high_open)


def _negate(a: Interval) -> Interval:
    low = None if a.high is None else -a.high
    high = None if a.low is None else -a.low
    return Interval(low, high, a.high_open, a.low_open)


def _side_text(terms: Sequence[Term], values: Mapping[str, Interval], is_date: bool) -> str:
    parts = []
    for index, term in enumerate(terms):
        shown = (
            format_interval(values[term.quantity], is_date=is_date)
            if term.quantity
            else plural(term.number, "day")
            if is_date
            else str(term.number)
        )
        sign = ("-" if term.sign < 0 else "") if index == 0 else (" - " if term.sign < 0 else " + ")
        parts.append(sign + shown)
    return "".join(parts)


# -- scopes ----------------------------------------------------------------------


def _consensus_rows(
    story: Story,
    declared: DeclaredRelation,
    claims: Sequence[Claim],
    groups: Mapping[tuple[str, str, str], GroupResult],
) -> list[RelationResult]:
    relation = declared.relation
    rows = []
    for event in sorted({claim.event for claim in claims}):
        status, detail = _consensus(story, event, relation, groups)
        rows.append(
            RelationResult(
                story.id, event, relation.text, "consensus", None, status, detail, declared.location
            )
        )
    return rows


def _consensus(
    story: Story, event: str, relation: Relation, groups: Mapping[tuple[str, str, str], GroupResult]
) -> Verdict:
    values: dict[str, Interval] = {}
    missing, in_conflict, unestimated = [], [], []  # every reason, not the first only
    for name in relation.quantities:
        group = groups.get((story.id, event, name))
        if group is None:
            missing.append(name)
        elif group.verdict == "conflict":
            in_conflict.append(name)
        elif group.estimate is None:
            unestimated.append(name)
        else:
            values[name] = group.estimate.interval
    reasons = []
    if missing:
        reasons.append(f"no claim gives {joined(missing, 'or')}")
    if in_conflict:
        reasons.append(
            f"{joined(in_conflict, 'and')} {'is' if len(in_conflict) == 1 else 'are'} in conflict"
        )
    if unestimated:
        has = "has" if len(unestimated) == 1 else "have"
        reasons.append(f"{joined(unestimated, 'and')} {has} no estimate")
    if reasons:
        return "unknown", "; ".join(reasons)
    return evaluate(relation, values, is_date=_is_date(story, relation))


def _report_rows(
    story: Story, declared: DeclaredRelation, claims: Sequence[Claim]
) -> list[RelationResult]:
    relation = declared.relation
    reports: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        reports[(claim.event, claim.report)].append(claim)
    fixed = {name for name in relation.quantities if story.quantities[name].over_time == "fixed"}
    buckets = {
        (event, report, when): by_quantity
        for (event, report), its_claims in reports.items()
        for when, by_quantity in _by_date(its_claims, fixed, len(relation.quantities)).items()
    }
    rows = []
    for (event, report, when), by_quantity in sorted(buckets.items()):
        if len(by_quantity) < len(relation.quantities):
            continue
        status, detail = _within_report(story, relation, by_quantity)
        checked = [claim for name in relation.quantities for claim in by_quantity[name]]
        first = _place_of(checked, relation.quantities[0], when)
        rows.append(
            RelationResult(
                story.id,
                event,
                relation.text,
                "report",
                report,
                status,
                detail,
                first.location,
                as_of=when or None,
                checked=tuple(claim.location for claim in checked),
            )
        )
    return rows


def _place_of(checked: list[Claim], quantity: str, when: str) -> Claim:
    """Where a report's row stands: at its first claim of the relation's first quantity,
    of the row's own date (not one of a fixed quantity's claims that every date takes);
    else at its first claim of that date."""
    own = [claim for claim in checked if _date_text(claim) == when] or checked
    first_quantity = [claim for claim in own if claim.quantity == quantity] or own
    return min(first_quantity, key=lambda claim: (claim.line, claim.column))


def _date_text(claim: Claim) -> str:
    return claim.date.text if claim.date else ""


def _by_date(
    claims: Sequence[Claim], fixed: set[str], quantities: int
) -> dict[str, dict[str, list[Claim]]]:
    """A report's claims of a relation's quantities for each date it gives, by quantity.
    A fixed quantity has one value whatever the date (SPEC "over_time"), so a date that
    lacks one takes the report's claims of it at its other dates, where that date has a
    figure of a quantity that changes over time ("17 buses set off; as of Monday, ten are
    stuck"); where every quantity is fixed and no date has them all, the report's claims
    are checked together, under no date ("")."""
    by_date: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        by_date[_date_text(claim)][claim.quantity].append(claim)
    if all(len(by_quantity) == quantities for by_quantity in by_date.values()):
        return by_date
    every: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        every[claim.quantity].append(claim)
    if len(fixed) == quantities:
        if len(every) < quantities or any(len(b) == quantities for b in by_date.values()):
            return by_date
        return {"": every}
    for by_quantity in by_date.values():
        if len(by_quantity) < quantities and any(name not in fixed for name in by_quantity):
            for name in fixed - by_quantity.keys():
                if name in every:
                    by_quantity[name] = every[name]
    return by_date


def _within_report(
    story: Story, relation: Relation, by_quantity: Mapping[str, list[Claim]]
) -> Verdict:
    values: dict[str, Interval] = {}
    for name in relation.quantities:
        common = common_part(by_quantity[name])
        if common is None:
            return "unknown", f"the report's claims of {name} share no value"
        values[name] = common
    return evaluate(relation, values, is_date=_is_date(story, relation))


def _is_date(story: Story, relation: Relation) -> bool:
    return any(story.quantities[name].type == "date" for name in relation.quantities)
