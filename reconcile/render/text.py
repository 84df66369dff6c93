"""Plain text for CI logs: one line per problem or finding, then a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconcile.formatting import plural
from reconcile.problems import Location
from reconcile.render.safe import visible
from reconcile.report import Finding, Report

if TYPE_CHECKING:
    from reconcile.models import Acknowledgement


def to_text(report: Report) -> str:
    lines = [
        f"{_where(problem.location)}: error: {visible(problem.message)} [{problem.code}]"
        for problem in report.problems
    ]
    lines += [_finding_line(finding) for finding in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _finding_line(finding: Finding) -> str:
    shown = f"{visible(finding.message)} [{finding.code}]"
    if finding.acknowledged is None:
        return f"{_where(finding.location)}: {finding.severity}: {shown}"
    return (
        f"{_where(finding.location)}: acknowledged {finding.severity}: {shown}; "
        f"{acknowledgement_text(finding.acknowledged)}"
    )


def _where(location: Location) -> str:
    """``file:line:column``; a file name may hold a newline or an escape, too."""
    return visible(str(location))


def acknowledgement_text(acknowledgement: Acknowledgement) -> str:
    """Who accepted a discrepancy and why, for one line of output."""
    when = f" on {visible(acknowledgement.date)}" if acknowledgement.date else ""
    return (
        f"acknowledged by {visible(acknowledgement.reviewed_by)}{when}: "
        f"{visible(acknowledgement.reason)}"
    )


def summary_line(report: Report) -> str:
    s = report.summary()
    verdicts = ", ".join(
        f"{s[key]} {label}"
        for key, label in (
            ("agree", "agree"),
            ("consistent", "consistent"),
            ("single_source", "single-source"),
            ("conflict", "conflict"),
        )
    )
    acknowledged = sum(finding.acknowledged is not None for finding in report.findings)
    return (
        f"{plural(s['claims'], 'claim')} in {plural(s['groups'], 'group')}: {verdicts}; "
        f"{plural(s['relations_violated'], 'relation')} violated; "
        f"{plural(s['errors'], 'input error')}"
        + (f"; {acknowledged} acknowledged" if acknowledged else "")
    )
