"""Plain text for CI logs: one line per problem or finding, then a summary."""

from __future__ import annotations

from reconcile.formatting import plural
from reconcile.render.safe import visible
from reconcile.report import Report


def to_text(report: Report) -> str:
    lines = [
        f"{problem.location}: error: {visible(problem.message)} [{problem.code}]"
        for problem in report.problems
    ]
    lines += [
        f"{finding.location}: {finding.severity}: {visible(finding.message)} [{finding.code}]"
        for finding in report.findings
    ]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


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
    return (
        f"{plural(s['claims'], 'claim')} in {plural(s['groups'], 'group')}: {verdicts}; "
        f"{plural(s['relations_violated'], 'relation')} violated; "
        f"{plural(s['errors'], 'input error')}"
    )
