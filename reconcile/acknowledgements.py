"""Acknowledged discrepancies: the ``acknowledged`` entries of story.yaml, matched to findings.

An acknowledgement names a group (``event`` and ``quantity``) or a relation (``event``
and ``relation`` as written in ``relations``) whose discrepancy editors have reviewed
and accept, with the ``reason`` and who ``reviewed_by``. The findings it matches stay
in the report, marked with it, and no longer fail ``reconcile check``; their group or
relation rows are marked too. An acknowledgement that matches no finding is itself a
warning, ``unused-acknowledgement``: the discrepancy it excused is gone, or it names
something that does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from reconcile.claims import DeclaredAcknowledgement, Story
from reconcile.names import did_you_mean
from reconcile.report import Finding, GroupResult, RelationResult, Report, listing_order

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
    findings = [_marked(f, declared) for f in report.findings if f.code != UNUSED]
    used = {_finding_target(f) for f in findings if f.acknowledged is not None}
    findings += [
        _unused(entry, stories[target[0]], report)
        for target, entry in declared.items()
        if target not in used
    ]
    findings += [_repeated(entry, first, target[0]) for target, entry, first in repeated]
    findings.sort(key=listing_order)
    return replace(
        report,
        groups=[_marked_group(group, declared, used) for group in report.groups],
        relations=[_marked_row(row, declared, used) for row in report.relations],
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


# -- acknowledgements that match nothing --------------------------------------------


def _unused(entry: DeclaredAcknowledgement, story: Story, report: Report) -> Finding:
    ack = entry.acknowledgement
    what = ack.relation if ack.relation is not None else ack.quantity
    message = f"acknowledgement of {ack.event} {what} matches no finding: " + _why_unused(
        entry, story, report
    )
    return Finding.of(
        UNUSED,
        message,
        entry.location,
        story=story.id,
        event=ack.event,
        quantity=ack.quantity,
        relation=ack.relation,
    )


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


def _repeated(
    entry: DeclaredAcknowledgement, first: DeclaredAcknowledgement, story: str
) -> Finding:
    ack = entry.acknowledgement
    message = (
        f"acknowledgement of {ack.event} {ack.relation or ack.quantity} repeats the one at "
        f"line {first.location.line}; remove one of them"
    )
    return Finding.of(
        UNUSED,
        message,
        entry.location,
        story=story,
        event=ack.event,
        quantity=ack.quantity,
        relation=ack.relation,
    )
