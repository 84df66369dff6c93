"""GitHub Actions: an annotation per input problem and finding, then the full report.

Each annotation is a workflow command, ``::error file=F,line=L,col=C,title=T::MESSAGE``,
that GitHub shows at the file and line: input problems as errors, findings by their
severity, acknowledged findings as notices. GitHub shows only ten annotations of each
kind per step, so the plain-text report follows in full. It is printed between
``::stop-commands::`` and a closing token drawn from its own text, so that no line of it
is taken for a workflow command, whatever the claim files hold.

``publish_step_summary`` appends the discrepancy table, in Markdown, to the file that
``GITHUB_STEP_SUMMARY`` names, for the job's summary page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from reconcile.problems import Location, Problem
from reconcile.render.paths import repository_path
from reconcile.render.safe import visible
from reconcile.render.text import acknowledgement_text, summary_line, to_text
from reconcile.report import Finding, GroupResult, RelationResult, Report

Row = TypeVar("Row")


def to_github(report: Report) -> str:
    annotations = [_problem(problem) for problem in report.problems]
    annotations += [_finding(finding) for finding in report.findings]
    text = to_text(report)
    token = f"reconcile-{hashlib.sha256(text.encode()).hexdigest()[:32]}"
    return "".join(
        line + "\n"
        for line in (*annotations, f"::stop-commands::{token}", text.rstrip("\n"), f"::{token}::")
    )


def annotation(level: str, message: str, location: Location, title: str) -> str:
    """One workflow command; ``message`` and ``title`` are shown as they are given."""
    properties = {
        "file": visible(repository_path(location.file)),
        "line": str(location.line),
        "col": str(location.column),
        "title": title,
    }
    shown = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{level} {shown}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped as the runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _problem(problem: Problem) -> str:
    return annotation("error", visible(problem.message), problem.location, problem.code)


def _finding(finding: Finding) -> str:
    message = visible(finding.message)
    if finding.acknowledged is None:
        return annotation(finding.severity, message, finding.location, finding.code)
    message += "\n" + acknowledgement_text(finding.acknowledged)
    return annotation("notice", message, finding.location, f"{finding.code} (acknowledged)")


# -- the step summary --------------------------------------------------------------


# GitHub keeps up to 1 MiB of a step's summary, and past it none of it (an error says so).
STEP_SUMMARY_BYTES = 1_000_000  # a little less, to be sure


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A group's row of the step summary's table, made where the group was judged."""

    key: tuple[str, str, str]  # story, event, quantity: where it stands in the report
    rank: int  # 0 first: see _group_rank
    cells: list[str]


@dataclass(frozen=True, slots=True)
class GroupRows:
    """The rows of a report's groups that may show in its step summary
    (``rows_that_may_show``, merged in the report's order), of ``total`` groups."""

    rows: list[GroupRow]
    total: int


def step_summary(report: Report, limit: int | None = None, rows: GroupRows | None = None) -> str:
    """The job summary in Markdown: the summary line, the discrepancy table, and the
    relation checks where there are any, in ``limit`` bytes (``STEP_SUMMARY_BYTES``).
    A table that would not fit (a few thousand groups) shows those that need
    attention first, conflicts or violations, as many as fit, in their order, and
    says how many it leaves out. The groups' rows come from ``rows`` where the
    report was judged elsewhere and holds no groups."""
    from reconcile.render.table import render_table

    def groups_table(groups: Sequence[GroupResult]) -> str:
        return render_table(replace(report, groups=list(groups)), "github")

    def relations_table(relations: Sequence[RelationResult]) -> str:
        return render_table(replace(report, relations=list(relations)), "github", relations=True)

    def rows_table(shown: Sequence[GroupRow]) -> str:
        from reconcile.render.table import table_of_cells

        return table_of_cells([row.cells for row in shown], "github")

    limit = STEP_SUMMARY_BYTES if limit is None else limit
    head = f"## reconcile check\n\n{summary_line(report)}\n"
    room = max(0, limit - _size(head) - 3)  # and the line breaks between the parts
    relations = ""
    if report.relations:
        relations = _fitted(
            "Relations", report.relations, relations_table, _relation_rank, room // 2
        )
    room -= _size(relations)
    if rows is None:
        groups = _fitted("Groups", report.groups, groups_table, _group_rank, room)
    else:
        groups = _fitted("Groups", rows.rows, rows_table, _rank_of, room, total=rows.total)
    return "\n".join([head, groups, relations] if relations else [head, groups]) + "\n"


def rows_that_may_show(groups: Sequence[GroupResult], limit: int | None = None) -> list[GroupRow]:
    """The rows of those of ``groups`` that may show in a step summary of ``limit``
    bytes, in their order: all, or as many as the table's header leaves room for,
    those that need attention first. Of the groups of several workers, merged, they
    give the step summary that all the groups give."""
    from reconcile.render.table import group_cells, table_of_cells

    limit = STEP_SUMMARY_BYTES if limit is None else limit
    most = limit // (_header_size(lambda rows: table_of_cells(rows, "github")) + 1)
    if len(groups) > most:
        first = sorted(range(len(groups)), key=lambda index: _group_rank(groups[index]))
        groups = [groups[index] for index in sorted(first[:most])]
    return [
        GroupRow(
            (group.story, group.event, group.quantity.name),
            _group_rank(group),
            group_cells(group, "github"),
        )
        for group in groups
    ]


def _group_rank(group: GroupResult) -> int:
    return {"conflict": 0, "single-source": 1}.get(group.verdict, 2)


def _rank_of(row: GroupRow) -> int:
    return row.rank


def _relation_rank(row: RelationResult) -> int:
    return 0 if row.status == "violated" else 1


def _fitted(
    title: str,
    rows: Sequence[Row],
    table: Callable[[Sequence[Row]], str],
    rank: Callable[[Row], int],
    room: int,
    total: int | None = None,
) -> str:
    """``### title`` and the table of ``rows`` (of ``total``: the rest would not show),
    in ``room`` bytes where it can be. Where not all rows fit, those of the lowest
    ``rank`` come first, as many as fit."""
    total = len(rows) if total is None else total
    shown = min(total, max(0, room) // (_header_size(table) + 1))  # no row is narrower
    order: list[int] = []
    while True:
        if shown == total:
            part = f"### {title}\n\n{table(rows)}"
        else:
            order = order or sorted(range(len(rows)), key=lambda index: rank(rows[index]))
            chosen = [rows[index] for index in sorted(order[:shown])]
            left_out = (
                f"\n{shown:,} of the {total:,} rows shown, those that need attention "
                "first: GitHub keeps no more than 1 MiB of a step's summary. "
                "`reconcile table` lists them all.\n"
            )
            part = f"### {title}\n\n{table(chosen)}{left_out}"
        size = _size(part)
        if size <= room or shown <= 0:
            return part
        shown = min(shown - 1, shown * room // size)  # rows are about as wide as each other


def _header_size(table: Callable[[Sequence[Any]], str]) -> int:
    """The width of a table's first line, its header: every row is as wide or wider."""
    return _size(table([]).partition("\n")[0])


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def publish_step_summary(
    report: Report, environ: Mapping[str, str], rows: GroupRows | None = None
) -> str | None:
    """Append the step summary (of ``rows``, where given) to the file
    ``GITHUB_STEP_SUMMARY`` names, if it is set. The file is only ever appended to:
    other steps write theirs there too. Returns why it could not be written, or None."""
    path = environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return None
    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(step_summary(report, rows=rows))
    except OSError as error:
        return f"cannot write the step summary to {path}: {error.strerror or error}"
    return None
