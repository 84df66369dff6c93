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
import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from reconcile.problems import Location, Problem
from reconcile.render.paths import PerFile, repository_path
from reconcile.render.safe import name_as_written, visible
from reconcile.render.text import acknowledgement_text, summary_line, to_text
from reconcile.report import Finding, GroupResult, RelationResult, Report
from reconcile.streams import open_without_waiting


def to_github(report: Report) -> str:
    parts: list[str] = []
    write_github(report, parts.append)
    return "".join(parts)


def write_github(report: Report, write: Callable[[str], object]) -> None:
    """The text of ``to_github``, handed to ``write`` a line at a time: a table without
    urls has an annotation per claim."""
    text = to_text(report)
    token = f"reconcile-{hashlib.sha256(text.encode()).hexdigest()[:32]}"
    paths = PerFile(annotated_path)
    for problem in report.problems:
        write(_problem(problem, paths) + "\n")
    for finding in report.findings:
        write(_finding(finding, paths) + "\n")
    write(f"::stop-commands::{token}\n")
    write(text.rstrip("\n"))
    write(f"\n::{token}::\n")


def annotated_path(file: str) -> str:
    """The file as GitHub finds it in the repository: from its root, and its name as
    it is (reconcile shows a backslash in a name as two, so that a byte that is not
    UTF-8, ``\\xff``, reads back one way; GitHub needs the name itself)."""
    return repository_path(name_as_written(file))


def annotation(
    level: str, message: str, location: Location, title: str, paths: Mapping[str, str]
) -> str:
    """One workflow command; ``message`` and ``title`` are shown as they are given, the
    file as ``paths`` names it from the repository root (``PerFile(annotated_path)``)."""
    properties = {
        # a line break as the runner reads it back (%0A), and a tab as it is, so that the
        # file is found; any other control character cannot be, and is shown as an escape
        "file": "\t".join(map(visible, escape_property(paths[location.file]).split("\t"))),
        "line": str(location.line),
        "col": str(location.column),
        "title": escape_property(title),
    }
    shown = ",".join(f"{key}={value}" for key, value in properties.items())
    return f"::{level} {shown}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped as the runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _problem(problem: Problem, paths: Mapping[str, str]) -> str:
    return annotation("error", visible(problem.message), problem.location, problem.code, paths)


def _finding(finding: Finding, paths: Mapping[str, str]) -> str:
    message = visible(finding.message)
    if finding.acknowledged is None:
        return annotation(finding.severity, message, finding.location, finding.code, paths)
    message += "\n" + acknowledgement_text(finding.acknowledged)
    title = f"{finding.code} (acknowledged)"
    return annotation("notice", message, finding.location, title, paths)


# -- the step summary --------------------------------------------------------------


# GitHub keeps up to 1 MiB of a step's summary, and past it none of it (an error says so).
STEP_SUMMARY_BYTES = 1_000_000  # a little less, to be sure


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A group's row of the step summary's table, made where the group was judged."""

    key: tuple[str, str, str]  # story, event, quantity: where it stands in the report
    rank: int  # 0 first: see _group_rank
    line: str | None  # None: the row a worker did not send, since it could not fit


@dataclass(frozen=True, slots=True)
class GroupRows:
    """The rows of a report's groups that may show in its step summary
    (``rows_that_may_show`` of each worker, merged in the order rows are taken in),
    of ``total`` groups."""

    rows: list[GroupRow]
    total: int


def step_summary(report: Report, limit: int | None = None, rows: GroupRows | None = None) -> str:
    """The job summary in Markdown: the summary line, the discrepancy table, and the
    relation checks where there are any, in ``limit`` bytes (``STEP_SUMMARY_BYTES``).
    A table that would not fit (a few thousand groups) shows those that need
    attention first, conflicts or violations, as many as fit, in their order, and
    says how many it leaves out. The groups' rows come from ``rows`` where the
    report was judged elsewhere and holds no groups. The tables are not padded:
    GitHub shows them the same, and every byte counts against the limit."""
    from reconcile.render.table import headings, relation_cells

    limit = STEP_SUMMARY_BYTES if limit is None else limit
    head = f"## reconcile check\n\n{summary_line(report)}\n"
    room = max(0, limit - _size(head) - 4)  # and the line breaks between the parts
    problems = _problems_part(report.problems, room // 4) if report.problems else ""
    room -= _size(problems)
    relations = ""
    if report.relations:
        checks = report.relations
        order = sorted(range(len(checks)), key=lambda index: _relation_rank(checks[index]))
        ranked = ((index, _pipe_row(relation_cells(checks[index]))) for index in order)
        relations = _fitted("Relations", headings(relations=True), ranked, len(checks), room // 2)
    room -= _size(relations)
    if rows is None:  # the groups are here: made as a worker makes its own
        rows = GroupRows(rows_that_may_show(report.groups, limit), len(report.groups))
    ranked_groups = ((row.key, row.line) for row in rows.rows)
    groups_part = _fitted("Groups", headings(), ranked_groups, rows.total, room)
    parts = [head, problems, groups_part, relations]
    return "\n".join(part for part in parts if part) + "\n"


_PROBLEM_COLUMNS = [("file", False), ("line", True), ("column", True), ("code", False)]


def _problems_part(problems: Sequence[Problem], room: int) -> str:
    """The input problems (what makes the run exit 2), as many as fit in ``room``: the
    job's log lists them all, and GitHub shows ten as annotations."""
    from reconcile.render.table_escape import escape_cell

    paths = PerFile(annotated_path)  # as the annotations name them: from the repository root

    def row(problem: Problem) -> str:
        where = problem.location
        cells = [paths[where.file], str(where.line), str(where.column), problem.code]
        cells.append(problem.message)
        return _pipe_row([escape_cell(cell, "github") for cell in cells])

    ranked = ((index, row(problem)) for index, problem in enumerate(problems))
    columns = [*_PROBLEM_COLUMNS, ("message", False)]
    return _fitted("Input problems", columns, ranked, len(problems), room, _problems_left_out)


def rows_that_may_show(groups: Sequence[GroupResult], limit: int | None = None) -> list[GroupRow]:
    """The rows of ``groups`` that may show in a step summary of ``limit`` bytes, in
    the order they are taken in (those that need attention first): as many as fit in
    it alone, then, where there are more, the next as a row that was not sent. Of
    the groups of several workers, merged, they give the step summary that all the
    groups give: the rows taken stop at that row, or before."""
    from reconcile.render.table import group_cells

    limit = STEP_SUMMARY_BYTES if limit is None else limit
    order = sorted(range(len(groups)), key=lambda index: _group_rank(groups[index]))
    rows: list[GroupRow] = []
    used = 0
    for index in order:
        group = groups[index]
        key, rank = (group.story, group.event, group.quantity.name), _group_rank(group)
        line = _pipe_row(group_cells(group, "github"))
        used += _size(line)
        if used > limit:
            rows.append(GroupRow(key, rank, None))
            break
        rows.append(GroupRow(key, rank, line))
    return rows


def taking_order(row: GroupRow) -> tuple[int, tuple[str, str, str]]:
    """The order a step summary takes rows in (``rows_that_may_show``): those that
    need attention first, then the report's order; several workers' rows merge by it."""
    return (row.rank, row.key)


def _group_rank(group: GroupResult) -> int:
    return {"conflict": 0, "single-source": 1}.get(group.verdict, 2)


def _relation_rank(row: RelationResult) -> int:
    return 0 if row.status == "violated" else 1


def _fitted(
    title: str,
    columns: list[tuple[str, bool]],
    ranked: Iterable[tuple[object, str | None]],
    total: int,
    room: int,
    left_out: Callable[[int, int], str] | None = None,
) -> str:
    """``### title`` and a table of ``total`` rows, in ``room`` bytes where it can be:
    ``ranked`` gives (place in the report, line) of each row in the order rows are
    taken in, as long as they fit (a line None fits nowhere); those taken are shown
    in their places, and a line says how many are left out."""
    top = f"### {title}\n\n{_pipe_head(columns)}"
    free = room - _size(top)
    taken: list[tuple[object, str]] = []
    used = 0
    for place, line in ranked:
        if line is None or used + _size(line) > free:
            break
        taken.append((place, line))
        used += _size(line)
    say_left_out = left_out or _left_out
    if len(taken) < total:  # room for the line that says so too, however long it is
        while taken and used > free - _size(say_left_out(total, total)):
            used -= _size(taken.pop()[1])
    shown = [line for _, line in sorted(taken, key=_place)]
    rest = say_left_out(len(taken), total) if len(taken) < total else ""
    return top + "".join(shown) + rest


def _place(row: tuple[object, str]) -> Any:
    return row[0]


def _left_out(shown: int, total: int) -> str:
    return (
        f"\n{shown:,} of the {total:,} rows shown, those that need attention first: "
        "GitHub keeps no more than 1 MiB of a step's summary. "
        "`reconcile table` lists them all.\n"
    )


def _problems_left_out(shown: int, total: int) -> str:
    return f"\n{shown:,} of the {total:,} input problems shown: the job's log lists them all.\n"


def _pipe_head(columns: list[tuple[str, bool]]) -> str:
    rule = "|".join("---:" if number else "---" for _, number in columns)
    return _pipe_row([name for name, _ in columns]) + f"|{rule}|\n"


def _pipe_row(cells: list[str]) -> str:
    """A row of a Markdown table, its cells escaped already (``table_escape``)."""
    return "| " + " | ".join(cells) + " |\n"


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
        with _open_to_append(path) as summary:
            found = os.fstat(summary.fileno())
            held = found.st_size if stat.S_ISREG(found.st_mode) else 0  # not a pipe's
            room = STEP_SUMMARY_BYTES - held  # what the step wrote before counts
            if room < _LEAST_SUMMARY_BYTES:
                return (
                    f"the step summary {path} holds {held:,} bytes already, and "
                    "GitHub keeps none of one over 1 MiB: reconcile's is left out"
                )
            summary.write(step_summary(report, room, rows))
    except OSError as error:
        return f"cannot write the step summary to {path}: {error.strerror or error}"
    return None


_LEAST_SUMMARY_BYTES = 4096  # the summary line and a few rows


def _open_to_append(path: str) -> TextIO:
    """The file, opened to add to its end (a pipe no process reads: an error)."""
    descriptor = open_without_waiting(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    return open(descriptor, "a", encoding="utf-8")
