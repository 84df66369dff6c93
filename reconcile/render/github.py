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
from collections.abc import Mapping

from reconcile.problems import Location, Problem
from reconcile.render.paths import repository_path
from reconcile.render.safe import visible
from reconcile.render.text import acknowledgement_text, summary_line, to_text
from reconcile.report import Finding, Report


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


def step_summary(report: Report) -> str:
    """The job summary in Markdown: the summary line, the discrepancy table, and the
    relation checks where there are any."""
    from reconcile.render.table import render_table

    parts = [f"## reconcile check\n\n{summary_line(report)}\n"]
    parts.append(f"### Groups\n\n{render_table(report, 'github')}")
    if report.relations:
        parts.append(f"### Relations\n\n{render_table(report, 'github', relations=True)}")
    return "\n".join(parts) + "\n"


def publish_step_summary(report: Report, environ: Mapping[str, str]) -> str | None:
    """Append the step summary to the file ``GITHUB_STEP_SUMMARY`` names, if it is set.
    The file is only ever appended to: other steps write theirs there too. Returns why
    it could not be written, or None."""
    path = environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return None
    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(step_summary(report))
    except OSError as error:
        return f"cannot write the step summary to {path}: {error.strerror or error}"
    return None
