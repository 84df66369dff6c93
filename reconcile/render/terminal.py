"""The terminal report: per story and event, what the outlets say and what it amounts to.

``ReportView`` is a rich renderable: it holds the report and yields its look at
the width it is given. Per event: a table of its groups, then each group with its
claims, why it got its verdict and a number line, then the relation checks,
violated first. Every string that comes from a claim file is wrapped in ``Text``
after ``visible()``, so it is never read as markup, emoji codes or escapes; a
verdict or status is shown by a symbol as well as a colour, so that the report
reads the same without colour. After the stories, the findings that no group or
relation shows (a claim without provenance, a row's other unit), ten of a kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import groupby
from pathlib import Path
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from reconcile.claims import Claim, Story
from reconcile.formatting import format_bound, format_interval
from reconcile.models import Acknowledgement
from reconcile.problems import Problem
from reconcile.render.atomic import write_atomically
from reconcile.render.columns import fit_columns, fitted_rows
from reconcile.render.numberline import NumberLine
from reconcile.render.safe import visible
from reconcile.render.text import acknowledgement_text as plain_acknowledgement
from reconcile.render.text import summary_line
from reconcile.report import (
    FINDING_CODES,
    VERDICT_CODES,
    Finding,
    GroupResult,
    RelationResult,
    RelationStatus,
    Report,
    Verdict,
)
from reconcile.streams import stop_writing

VERDICT_MARKS: dict[Verdict, tuple[str, str]] = {
    "agree": ("✓", "green"),
    "consistent": ("≈", "green"),
    "single-source": ("!", "yellow"),
    "conflict": ("✗", "bold red"),
}
STATUS_MARKS: dict[RelationStatus, tuple[str, str]] = {
    "violated": ("✗", "bold red"),
    "unknown": ("?", "yellow"),
    "holds": ("✓", "green"),
}
STATUS_ORDER: dict[RelationStatus, int] = {"violated": 0, "unknown": 1, "holds": 2}
OVER_TIME_NOTES = {
    "cumulative": "a running total: claims in date order, a later figure may not fall",
    "snapshot": "a level on each date: claims in date order, each compared with those of its date",
}
SEVERITY_MARKS = {"error": ("✗", "bold red"), "warning": ("!", "yellow")}
# Past this many findings of one code, the report counts the rest: ``check`` lists them.
FINDINGS_SHOWN_PER_CODE = 10


def safe_text(text: str | None, style: str = "") -> Text:
    """Text from a claim file, made harmless: never markup, never a control character."""
    return Text(visible(text or ""), style=style)


def verdict_text(verdict: Verdict, *, acknowledged: bool = False, stacked: bool = False) -> Text:
    """The verdict with its mark; one reviewed and accepted says so, after it or, in
    a narrow column, below it."""
    mark, style = VERDICT_MARKS[verdict]
    text = Text(f"{mark} {verdict}", style=style)
    if acknowledged:
        text.append("\nacknowledged" if stacked else " (acknowledged)", style="dim")
    return text


def status_text(status: RelationStatus) -> Text:
    mark, style = STATUS_MARKS[status]
    return Text(f"{mark} {status}", style=style)


def acknowledgement_text(acknowledgement: Acknowledgement) -> Text:
    """Who reviewed a discrepancy and accepted it, and why: "acknowledged" in bold."""
    line = plain_acknowledgement(acknowledgement)  # made visible part by part
    return Text.assemble(("acknowledged", "bold"), Text(line.removeprefix("acknowledged")))


def indented(renderable: RenderableType, left: int = 2, top: int = 0) -> Padding:
    return Padding(renderable, (top, 0, 0, left), expand=False)


# -- the report ------------------------------------------------------------------------


class ReportView:
    """The whole report: every story, then the summary line."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for part in self.parts():
            yield from _Trimmed(part).__rich_console__(console, options)

    def parts(self) -> Iterator[RenderableType]:
        """The report a story and an event at a time (each of them trimmed, as
        ``_Trimmed``, is a piece of the report's text)."""
        if not self.report.groups:
            yield Text("No claims were read.", style="yellow")
        for story_id, groups in groupby(self.report.groups, key=lambda g: g.story):
            yield from self._story(story_id, list(groups))
        beside = [f for f in self.report.findings if f.code not in VERDICT_CODES]
        if beside:
            yield FindingsView(beside)
        if self.report.problems:
            yield ProblemsView(self.report.problems)
        yield Text("")
        alarming = self.report.problems or self.report.worst_severity() == "error"
        yield Text(summary_line(self.report), style="bold red" if alarming else "bold")

    def _story(self, story_id: str, groups: list[GroupResult]) -> Iterator[RenderableType]:
        story = self.report.stories.get(story_id)
        yield _heading(story_id, story.title if story else None, "bold")
        yield Rule(style="dim")
        for event, event_groups in groupby(groups, key=lambda g: g.event):
            relations = [
                row for row in self.report.relations if (row.story, row.event) == (story_id, event)
            ]
            yield EventView(event, _event_title(story, event), list(event_groups), relations)


class _Trimmed:
    """A renderable's lines less the padding that tables and paddings add: nothing
    to copy by mistake."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self.renderable, options, pad=False):
            yield from _without_trailing_spaces(line)
            yield Segment.line()


def _without_trailing_spaces(line: list[Segment]) -> list[Segment]:
    """A line less the padding that tables and paddings add: nothing to copy by mistake."""
    segments = list(line)
    while segments and not segments[-1].control and not segments[-1].text.strip(" "):
        segments.pop()
    if segments and not segments[-1].control:
        last = segments[-1]
        segments[-1] = Segment(last.text.rstrip(" "), last.style)
    return segments


def _event_title(story: Story | None, event: str) -> str | None:
    declared = story.events.get(event) if story else None
    return declared.title if declared else None


def _heading(name: str, title: str | None, style: str) -> Table:
    """A name and its title beside it; a long title wraps under itself."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(safe_text(name, style), safe_text(title, "dim"))
    return grid


# -- one event -------------------------------------------------------------------------


class EventView:
    """One event: its groups at a glance, each group in detail, then its relations."""

    def __init__(
        self,
        event: str,
        title: str | None,
        groups: Sequence[GroupResult],
        relations: Sequence[RelationResult],
    ) -> None:
        self.event, self.title = event, title
        self.groups, self.relations = groups, relations

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("")
        yield _heading(self.event, self.title, "bold underline")
        overview = overview_table(self.groups)
        if fit_columns(overview, options.max_width - 2):
            yield indented(overview, top=1)
        else:  # too narrow for its columns: a group's line, and its estimate below it
            yield indented(Group(*overview_list(self.groups)), top=1)
        # One layout for all the event's claims: tables where every one fits (a group
        # is indented twice), else lists.
        tables = [claims_table(group) for group in self.groups]
        fit = all(fit_columns(table, options.max_width - 4) for table in tables)
        for group, table in zip(self.groups, tables, strict=True):
            yield indented(GroupView(group, table if fit else None), top=1)
        if self.relations:
            yield indented(RelationsView(self.relations, self.groups), top=1)


def overview_table(groups: Sequence[GroupResult]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="dim", show_edge=False)
    table.add_column("quantity", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("origins", justify="right", no_wrap=True)
    table.add_column("estimate")  # the only column that wraps
    for group in groups:
        table.add_row(
            safe_text(group.quantity.name, "bold"),
            verdict_text(group.verdict, acknowledged=group.acknowledged is not None, stacked=True),
            Text(str(len(group.origins))),
            Text(estimate_text(group)),
        )
    return table


def overview_list(groups: Sequence[GroupResult]) -> Iterator[RenderableType]:
    """The overview, for a narrow terminal: each group's name and verdict, then how many
    origins give it and its estimate."""
    for group in groups:
        acknowledged = group.acknowledged is not None
        yield Text.assemble(
            safe_text(group.quantity.name, "bold"),
            "  ",
            verdict_text(group.verdict, acknowledged=acknowledged),
        )
        origins = f"{len(group.origins)} origin{'s' * (len(group.origins) != 1)}"
        yield indented(Text(f"{origins}, estimate {estimate_text(group)}", style="dim"))


def estimate_text(group: GroupResult) -> str:
    """``17 buses``, ``600 in [540, 660] people``; ``none`` where there is no estimate."""
    estimate = group.estimate
    if estimate is None:
        return "none"
    is_date = group.quantity.type == "date"
    interval = estimate.interval
    shown = format_interval(interval, is_date=is_date)
    if estimate.best is not None and not interval.is_exact:
        shown = f"{format_bound(estimate.best, is_date=is_date)} in {shown}"
    unit = group.quantity.unit
    return f"{shown} {visible(unit)}" if unit else shown


# -- one group -------------------------------------------------------------------------


class GroupView:
    """A group's verdict and why, its claims (``table``, fitted to the width already,
    or a list where a table would break words), and its number line."""

    def __init__(self, group: GroupResult, table: Table | None) -> None:
        self.group = group
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        group = self.group
        conflict = group.verdict == "conflict"
        yield Text.assemble(
            safe_text(group.quantity.name, "bold"),
            "  ",
            verdict_text(group.verdict, acknowledged=group.acknowledged is not None),
        )
        yield indented(safe_text(group.explanation, "red" if conflict else ""))
        if group.acknowledged is not None:
            yield indented(acknowledgement_text(group.acknowledged))
        note = OVER_TIME_NOTES.get(group.quantity.over_time)
        if note:
            yield indented(Text(note, style="dim"))
        if self.table is not None:
            yield indented(fitted_rows(self.table))
        else:
            yield indented(Group(*claims_list(group)))
        line = NumberLine(group)
        if line.shows(options.max_width - 2):
            yield indented(line, top=1)


def claims_list(group: GroupResult) -> Iterator[RenderableType]:
    """Two lines a claim: who (after the date, for figures over time), then the value,
    how it reads (and when it is dated, for fixed quantities)."""
    timeline = group.quantity.over_time != "fixed"
    for claim in group.claims:  # in date order
        cells = _claim_cells(claim, group, timeline)
        source = cells["origin"]
        if claim.origin != claim.outlet:
            source = Text.assemble(source, " via ", cells["outlet"])
        value = Text.assemble(cells["value"], " → ", cells["read as"])
        if timeline:
            yield Text.assemble(cells["date"], "  ", source)
            yield indented(value)
        else:  # the date said as one: wrapped, "2017-08-28" alone would read as a value
            date = cells["date"]
            dated = Text.assemble(", ", date) if claim.date is None else Text(", dated ") + date
            yield source
            yield indented(Text.assemble(value, dated))


def claims_table(group: GroupResult) -> Table:
    """The claims in the group's order; for figures over time the date comes first."""
    timeline = group.quantity.over_time != "fixed"
    table = Table(box=None, pad_edge=False, header_style="dim", show_edge=False)
    columns = _TIMELINE_COLUMNS if timeline else _FIXED_COLUMNS
    for name in columns:
        table.add_column(
            name,
            header_style="bold" if timeline and name == "date" else "dim",
            no_wrap=name not in _WRAPPING_COLUMNS,
            overflow="fold",  # a name is evidence: folded, never cut short
        )
    for claim in group.claims:  # in date order
        cells = _claim_cells(claim, group, timeline)
        table.add_row(*(cells[name] for name in columns))
    return table


_FIXED_COLUMNS = ("outlet", "origin", "value", "read as", "date")
_TIMELINE_COLUMNS = ("date", "value", "read as", "outlet", "origin")
_WRAPPING_COLUMNS = ("outlet", "origin")  # values and intervals read best whole


def _claim_cells(claim: Claim, group: GroupResult, timeline: bool) -> dict[str, Text]:
    is_date = group.quantity.type == "date"
    date = claim.date.text if claim.date else "undated"
    return {
        "outlet": safe_text(claim.outlet),
        "origin": safe_text(claim.origin),
        "value": safe_text(claim.value),
        "read as": Text(format_interval(claim.interval, is_date=is_date)),
        "date": safe_text(date, "bold" if timeline else "dim"),
    }


# -- relations -------------------------------------------------------------------------


class RelationsView:
    """An event's relation checks, violated first; a violated check within one report
    shows the quotes of that report's claims involved."""

    def __init__(self, rows: Sequence[RelationResult], groups: Sequence[GroupResult]) -> None:
        self.rows = sorted(rows, key=lambda row: (STATUS_ORDER[row.status], row.report is None))
        self.groups = groups
        checks = Counter((row.relation, row.report) for row in rows if row.report is not None)
        self.checked_on_several_dates = {check for check, count in checks.items() if count > 1}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("relations", style="bold")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for row in self.rows:
            grid.add_row(status_text(row.status), Group(*self._body(row)))
        yield indented(grid)

    def _body(self, row: RelationResult) -> Iterator[RenderableType]:
        violated = row.status == "violated"
        yield safe_text(row.relation, "bold" if violated else "")
        if row.report is None:
            yield Text("consensus of the groups' estimates", style="dim")
        else:
            scope = Text.assemble(("report ", "dim"), safe_text(row.report, "dim"))
            scope.overflow = "fold"  # a long path folds rather than loses its end
            yield scope
            if (row.relation, row.report) in self.checked_on_several_dates:
                yield safe_text(f"as of {row.as_of or 'no date'}", "dim")
        yield safe_text(row.detail, "red" if violated else "")
        if row.acknowledged is not None:
            yield acknowledgement_text(row.acknowledged)
        if violated and row.report is not None:
            yield QuotesView(self._claims_involved(row))

    def _claims_involved(self, row: RelationResult) -> list[Claim]:
        """The claims the report's row checked, in the relation's order."""
        checked = dict.fromkeys(row.checked)
        by_place = {
            claim.location: claim
            for group in self.groups
            if group.event == row.event
            for claim in group.claims
            if claim.location in checked
        }
        return [by_place[place] for place in checked if place in by_place]


# -- findings beside the verdicts ---------------------------------------------------------


class FindingsView:
    """The findings that no group or relation shows (a claim without provenance, a
    row's unit, an acknowledgement that matches nothing), by code: without them a
    report run with ``--fail-on warning`` could fail and not say why."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.by_code = {code: [f for f in findings if f.code == code] for code in FINDING_CODES}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("")
        yield Text("findings beside the verdicts", style="bold")
        yield Rule(style="dim")
        for code, findings in self.by_code.items():
            if findings:
                yield indented(Group(*self._code(code, findings)), top=1)

    def _code(self, code: str, findings: list[Finding]) -> Iterator[RenderableType]:
        severity, description = FINDING_CODES[code]
        mark, style = SEVERITY_MARKS[severity]
        yield Text.assemble(
            (f"{mark} {code} ({len(findings):,})", style), "  ", (description, "dim")
        )
        for finding in findings[:FINDINGS_SHOWN_PER_CODE]:  # none is ever acknowledged
            where = safe_text(str(finding.location), "dim")
            where.overflow = "fold"  # a long path folds rather than loses its end
            yield indented(where)
            yield indented(safe_text(finding.message), left=4)
        unlisted = len(findings) - FINDINGS_SHOWN_PER_CODE
        if unlisted > 0:
            more = f"and {unlisted:,} more: reconcile check --select {code} PATH… lists them all"
            yield indented(Text(more, style="dim"))


class ProblemsView:
    """The input problems, after the stories (they go to stderr too, before them, where
    a terminal scrolls them away, and a saved report would not have them)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = problems

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("")
        yield Text(f"input problems ({len(self.problems):,})", style="bold red")
        yield Rule(style="dim")
        for problem in self.problems[:FINDINGS_SHOWN_PER_CODE]:
            where = safe_text(f"{problem.location} [{problem.code}]", "dim")
            where.overflow = "fold"
            yield indented(where, top=1)
            yield indented(safe_text(problem.message), left=4)
        unlisted = len(self.problems) - FINDINGS_SHOWN_PER_CODE
        if unlisted > 0:
            more = f"and {unlisted:,} more: on stderr, and reconcile check PATH… lists them all"
            yield indented(Text(more, style="dim"), top=1)


class QuotesView:
    """Each claim's quantity, value and quote: in three columns, or, where that would
    leave the quote too narrow to read, each quote below its claim."""

    NARROWEST_QUOTE = 20

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.claims = claims

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = [
            (safe_text(claim.quantity, "dim"), safe_text(claim.value, "bold"), _quote(claim))
            for claim in self.claims
        ]
        beside = max((cell_len(q.plain) for q, _, _ in rows), default=0) + max(
            (cell_len(v.plain) for _, v, _ in rows), default=0
        )  # each column is as wide as its widest cell
        if options.max_width - beside - 4 >= self.NARROWEST_QUOTE:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(no_wrap=True)
            grid.add_column(no_wrap=True)
            grid.add_column(ratio=1, overflow="fold")  # a quote is evidence: never cut short
            for row in rows:
                grid.add_row(*row)
            yield grid
            return
        for quantity, value, quote in rows:
            yield Text.assemble(quantity, "  ", value)
            quote.overflow = "fold"
            yield indented(quote)


def _quote(claim: Claim) -> Text:
    return safe_text(f"“{claim.quote}”") if claim.quote else Text("no quote", style="dim")


# -- output ----------------------------------------------------------------------------


def make_console(*, record: bool = False, stderr: bool = False) -> Console:
    """A console that never reads emoji codes or highlights numbers in claim text."""
    return _Console(emoji=False, highlight=False, record=record, stderr=stderr)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """A reader that stops reading (``| head``): the rest goes nowhere, and the run
        goes on to its end (the report still recorded for --svg and --html, the run's
        own exit status), where rich would end it with exit 1, which means findings."""
        stop_writing(self.file)


def print_report(report: Report, console: Console | None = None) -> None:
    """Input problems to stderr, as ``file:line:column: message``; the report to stdout."""
    errors = make_console(stderr=True)
    for problem in report.problems:
        errors.print(safe_text(f"{problem.location}: {problem.message}", "red"), soft_wrap=True)
    console = console or make_console()
    for part in ReportView(report).parts():  # printed in turn: never held whole
        console.print(_Trimmed(part), end="")


def save_recording(console: Console, path: Path, kind: Literal["svg", "html"]) -> None:
    if kind == "svg":
        document = console.export_svg(title="reconcile report", clear=False)
    else:
        document = console.export_html(clear=False)
    write_atomically(path, document)
