"""The terminal report: per story and event, each group's verdict, its claims and why.

``ReportView`` is a rich renderable: it holds the report and yields its look at
the width it is given. Every string that comes from a claim file is wrapped in
``Text`` after ``visible()``, so it is never read as markup or escapes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import groupby

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from reconcile.claims import Claim
from reconcile.formatting import format_bound, format_interval
from reconcile.interval import Interval
from reconcile.render.safe import visible
from reconcile.render.text import summary_line
from reconcile.report import GroupResult, RelationResult, Report

VERDICT_STYLES = {
    "agree": "bold green",
    "consistent": "green",
    "single-source": "yellow",
    "conflict": "bold red",
}
STATUS_STYLES = {"holds": "green", "violated": "bold red", "unknown": "yellow"}


def safe_text(text: str | None, style: str = "") -> Text:
    return Text(visible(text or ""), style=style)


class ReportView:
    def __init__(self, report: Report) -> None:
        self.report = report

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for story, groups in groupby(self.report.groups, key=lambda g: g.story):
            yield Text(visible(story), style="bold underline")
            for event, event_groups in groupby(groups, key=lambda g: g.event):
                relations = [
                    r for r in self.report.relations if (r.story, r.event) == (story, event)
                ]
                yield from self._event(event, list(event_groups), relations)
        if not self.report.groups:
            yield Text("No claims were read.", style="yellow")
        yield Text(summary_line(self.report), style="bold")

    def _event(
        self, event: str, groups: list[GroupResult], relations: list[RelationResult]
    ) -> Iterator[RenderableType]:
        yield Text.assemble("\n", ("event ", "dim"), (visible(event), "bold"))
        yield _groups_table(groups)
        yield Group(*(_why(group) for group in groups))
        if relations:
            yield _relations_table(relations)


def _groups_table(groups: list[GroupResult]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    for header in ("quantity", "verdict", "value as written", "read as", "origin", "date"):
        table.add_column(header, overflow="fold")
    for group in groups:
        table.add_row(*_group_row(group), style="bold")
        for claim in group.claims:
            table.add_row(*_claim_row(claim, group), style="")
        table.add_section()
    return table


def _group_row(group: GroupResult) -> list[Text]:
    unit = f" {group.quantity.unit}" if group.quantity.unit else ""
    return [
        safe_text(group.quantity.name),
        Text(group.verdict, style=VERDICT_STYLES[group.verdict]),
        Text("estimate", style="dim"),
        Text(_estimate_text(group) + visible(unit) if group.estimate else "none"),
        Text(f"{len(group.origins)} origin{'s' * (len(group.origins) != 1)}"),
        Text(""),
    ]


def _claim_row(claim: Claim, group: GroupResult) -> list[Text]:
    is_date = group.quantity.type == "date"
    origin = visible(claim.origin)
    if claim.outlet != claim.origin:
        origin += f" (via {visible(claim.outlet)})"
    return [
        Text("  " + visible(claim.id or ""), style="dim"),
        Text(""),
        safe_text(claim.value),
        Text(format_interval(claim.interval, is_date=is_date)),
        Text(origin),
        Text(claim.date.text if claim.date else "undated", style="dim"),
    ]


def _estimate_text(group: GroupResult) -> str:
    estimate = group.estimate
    assert estimate is not None
    is_date = group.quantity.type == "date"
    interval = Interval(estimate.low, estimate.high, estimate.low_open, estimate.high_open)
    shown = format_interval(interval, is_date=is_date)
    if estimate.best is None or interval.is_exact:
        return shown
    return f"{format_bound(estimate.best, is_date=is_date)} in {shown}"


def _why(group: GroupResult) -> Text:
    style = "red" if group.verdict == "conflict" else "dim"
    return Text.assemble(
        ("  " + visible(group.quantity.name) + ": ", "bold" if style == "red" else ""),
        (visible(group.explanation), style),
    )


def _relations_table(relations: list[RelationResult]) -> Table:
    order = {"violated": 0, "unknown": 1, "holds": 2}
    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        title_justify="left",
        title=Text("relations", style="bold"),
    )
    for header in ("relation", "scope", "status", "detail"):
        table.add_column(header, overflow="fold")
    for row in sorted(relations, key=lambda r: order[r.status]):
        scope = row.scope if row.report is None else f"{row.scope}: {visible(row.report)}"
        table.add_row(
            safe_text(row.relation),
            Text(scope),
            Text(row.status, style=STATUS_STYLES[row.status]),
            safe_text(row.detail),
        )
    return table


def print_report(report: Report, console: Console | None = None) -> None:
    """Problems to stderr, the report to stdout."""
    errors = Console(stderr=True, emoji=False, highlight=False)
    for problem in report.problems:
        errors.print(Text(f"{problem.location}: {visible(problem.message)}", style="red"))
    out = console or Console(emoji=False, highlight=False)
    out.print(ReportView(report))
    sys.stdout.flush()
