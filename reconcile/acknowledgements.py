"""Acknowledged discrepancies: the ``acknowledged`` entries of story.yaml, matched to findings.

An acknowledgement names a group (``event`` and ``quantity``) or a relation (``event``
and ``relation`` as written in ``relations``) whose discrepancy editors have reviewed
and accept, with the ``reason`` and who ``reviewed_by``. The findings it matches stay
in the report, marked with it, and no longer fail ``reconcile check``; their group or
relation rows are marked too. An acknowledgement that matches no finding is itself a
warning, ``unused-acknowledgement``: the discrepancy it excused is gone, or it names
something that does not exist.

An acknowledgement with a ``date`` (of the review) covers what was reported up to that
date: a claim of its group (or of its relation's quantities) reported later, by its
report's ``published`` date (else its own date), was not reviewed, so the finding fails
again and the entry is said to be out of date, until it is reviewed again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from reconcile.claims import Claim, DeclaredAcknowledgement, Story
from reconcile.dates import ClaimDate, read_claim_date
from reconcile.names import did_you_mean
from reconcile.report import Finding, GroupResult, RelationResult, Report, listing_order
from reconcile.values import ValueSyntaxError

if TYPE_CHECKING:
    from reconcile.models import Acknowledgement

# (story, event, "quantity" or "relation", the quantity id or the relation without spaces)
Target = tuple[str, str, str, str]

GROUP_CODES = frozenset({"value-conflict", "single-source"})
UNUSED = "unused-acknowledgement"


def acknowledge(report: Report, stories: Mapping[str, Story]) -> Report:
    """The report with every finding that a story acknowledges marked as acknowledged,
    and a warning for each acknowledgement that matches none. Marks made before (by an
    earlier call) are made anew, so that ``acknowledge`` may be applied again."""
    declared, repeated = _declared(stories)
    outdated = _reported_since(declared, report, stories)
    covering = {target: entry for target, entry in declared.items() if target not in outdated}
    findings = [_marked(f, covering) for f in report.findings if f.code != UNUSED]
    used = {_finding_target(f) for f in findings if f.acknowledged is not None}
    wanted = {_finding_target(f) for f in findings}
    findings += [
        _out_of_date(entry, outdated[target], target[0])
        if target in outdated and target in wanted
        else _unused(entry, stories[target[0]], report)
        for target, entry in declared.items()
        if target not in used
    ]
    findings += [_repeated(entry, first, target[0]) for target, entry, first in repeated]
    findings.sort(key=listing_order)
    return replace(
        report,
        groups=[_marked_group(group, covering, used) for group in report.groups],
        relations=[_marked_row(row, covering, used) for row in report.relations],
        findings=findings,
    )


def relation_key(text: str) -> str:
    """A relation as compared: spaces do not count (``a=b+c`` is ``a = b + c``)."""
    return "".join(text.split())


# -- matching --------------------------------------------------------------------

Declared = dict[Target, DeclaredAcknowledgement]
Repeated = list[tuple[Target, DeclaredAcknowledgement, DeclaredAcknowledgement]]


def _declared(stories: Mapping[str, Story]) -> tuple[Declared, Repeated]:
    """Each story's acknowledgements by target; a second one of a target is repeated."""
    declared: Declared = {}
    repeated: Repeated = []
    for story_id in sorted(stories):
        for entry in stories[story_id].acknowledged:
            target = _declared_target(story_id, entry)
            if target in declared:
                repeated.append((target, entry, declared[target]))
            else:
                declared[target] = entry
    return declared, repeated


def _declared_target(story: str, entry: DeclaredAcknowledgement) -> Target:
    ack = entry.acknowledgement
    if ack.relation is not None:
        return (story, ack.event, "relation", relation_key(ack.relation))
    return (story, ack.event, "quantity", ack.quantity or "")


def _finding_target(finding: Finding) -> Target | None:
    if finding.story is None or finding.event is None:
        return None
    if finding.code in GROUP_CODES and finding.quantity is not None:
        return (finding.story, finding.event, "quantity", finding.quantity)
    if finding.code == "relation-violated" and finding.relation is not None:
        return (finding.story, finding.event, "relation", relation_key(finding.relation))
    return None


def _marked(finding: Finding, declared: Declared) -> Finding:
    target = _finding_target(finding)
    entry = declared.get(target) if target is not None else None
    return _with_acknowledgement(finding, entry.acknowledgement if entry else None)


def _marked_group(group: GroupResult, declared: Declared, used: set[Target | None]) -> GroupResult:
    target: Target = (group.story, group.event, "quantity", group.quantity.name)
    entry = declared[target] if target in used else None
    return _with_acknowledgement(group, entry.acknowledgement if entry else None)


def _marked_row(
    row: RelationResult, declared: Declared, used: set[Target | None]
) -> RelationResult:
    target: Target = (row.story, row.event, "relation", relation_key(row.relation))
    entry = declared[target] if row.status == "violated" and target in used else None
    return _with_acknowledgement(row, entry.acknowledgement if entry else None)


Marked = TypeVar("Marked", Finding, GroupResult, RelationResult)


def _with_acknowledgement(item: Marked, acknowledgement: Acknowledgement | None) -> Marked:
    """The item marked; the same item where the mark is unchanged (nearly always)."""
    if item.acknowledged is acknowledgement:
        return item
    return replace(item, acknowledged=acknowledgement)


# -- acknowledgements older than what they cover -----------------------------------


def _reported_since(
    declared: Declared, report: Report, stories: Mapping[str, Story]
) -> dict[Target, Claim]:
    """For each acknowledgement with a date of review, the first claim it covers that
    was reported after that date (its report's date, else its own), if any."""
    dated = {target: _review_date(entry) for target, entry in declared.items()}
    reviewed_on = {target: date for target, date in dated.items() if date is not None}
    if not reviewed_on:
        return {}
    claims_by_key = {(g.story, g.event, g.quantity.name): g.claims for g in report.groups}
    found: dict[Target, Claim] = {}
    for target, reviewed in reviewed_on.items():
        story, event, kind, name = target
        quantities = [name] if kind == "quantity" else _relation_quantities(stories[story], name)
        later = (
            claim
            for quantity in quantities
            for claim in claims_by_key.get((story, event, quantity), ())
            if _reported_after(claim, reviewed)
        )
        first = next(later, None)
        if first is not None:
            found[target] = first
    return found


def _review_date(entry: DeclaredAcknowledgement) -> ClaimDate | None:
    text = entry.acknowledgement.date
    try:
        return None if text is None else read_claim_date(text)
    except ValueSyntaxError:  # said where the story is read
        return None


def _reported_after(claim: Claim, reviewed: ClaimDate) -> bool:
    reported = claim.published or claim.date
    return reported is not None and reported.first > reviewed.last


def _relation_quantities(story: Story, key: str) -> tuple[str, ...]:
    for declared in story.relations:
        if relation_key(declared.relation.text) == key:
            return declared.relation.quantities
    return ()


def _out_of_date(entry: DeclaredAcknowledgement, later: Claim, story: str) -> Finding:
    ack = entry.acknowledgement
    what = ack.relation if ack.relation is not None else ack.quantity
    reported = later.published or later.date
    message = (
        f"acknowledgement of {ack.event} {what} was reviewed on {ack.date}, before "
        f"{later.outlet}'s claim of {reported.text if reported else 'a later date'} "
        f"({later.location}): review the discrepancy again and update the date; until "
        "then it is not acknowledged"
    )
    return _entry_finding(entry, story, message)


# -- acknowledgements that match nothing --------------------------------------------


def _unused(entry: DeclaredAcknowledgement, story: Story, report: Report) -> Finding:
    ack = entry.acknowledgement
    what = ack.relation if ack.relation is not None else ack.quantity
    message = f"acknowledgement of {ack.event} {what} matches no finding: " + _why_unused(
        entry, story, report
    )
    return _entry_finding(entry, story.id, message)


def _why_unused(entry: DeclaredAcknowledgement, story: Story, report: Report) -> str:
    ack = entry.acknowledgement
    if ack.event not in story.events:
        return f"the story has no event '{ack.event}'{did_you_mean(ack.event, story.events)}"
    if ack.relation is not None:
        return _why_relation_unused(ack.relation, story)
    quantity = ack.quantity or ""
    if quantity not in story.quantities:
        return f"the story has no quantity '{quantity}'{did_you_mean(quantity, story.quantities)}"
    key = (story.id, ack.event, quantity)
    group = next((g for g in report.groups if (g.story, g.event, g.quantity.name) == key), None)
    if group is None:
        return "no claim gives it; remove this acknowledgement"
    return f"its verdict is {group.verdict} now; remove this acknowledgement"


def _why_relation_unused(relation: str, story: Story) -> str:
    declared = {relation_key(r.relation.text): r.relation.text for r in story.relations}
    if relation_key(relation) not in declared:
        hint = did_you_mean(relation, declared.values())
        return f"the story declares no such relation{hint}"
    return "the relation is not violated now; remove this acknowledgement"


def _entry_finding(entry: DeclaredAcknowledgement, story: str, message: str) -> Finding:
    """An ``unused-acknowledgement`` warning at the entry, about what it names."""
    ack = entry.acknowledgement
    return Finding.of(
        UNUSED,
        message,
        entry.location,
        story=story,
        event=ack.event,
        quantity=ack.quantity,
        relation=ack.relation,
    )


def _repeated(
    entry: DeclaredAcknowledgement, first: DeclaredAcknowledgement, story: str
) -> Finding:
    ack = entry.acknowledgement
    message = (
        f"acknowledgement of {ack.event} {ack.relation or ack.quantity} repeats the one at "
        f"line {first.location.line}; remove one of them"
    )
    return _entry_finding(entry, story, message)
