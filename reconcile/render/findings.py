"""``reconcile check``'s formats other than JSON, each as one string for stdout."""

from __future__ import annotations

from collections.abc import Callable

from reconcile.report import Report


def render_findings(report: Report, format: str, *, fail_on: str) -> str:
    """``format`` is text, github, sarif or junit (``auto`` is decided by the caller)."""
    if format == "github":
        from reconcile.render.github import to_github

        return to_github(report)
    if format == "sarif":
        from reconcile.render.sarif import to_sarif

        return to_sarif(report)
    if format == "junit":
        from reconcile.render.junit import to_junit

        return to_junit(report, fail_on=fail_on)
    from reconcile.render.text import to_text

    return to_text(report)


def write_findings(
    report: Report, format: str, write: Callable[[str], object], *, fail_on: str
) -> None:
    """``render_findings``, handed to ``write``; SARIF and GitHub's in pieces, as they
    are made (a table without urls has a finding per claim)."""
    if format == "sarif":
        from reconcile.render.sarif import write_sarif

        write_sarif(report, write)
    elif format == "github":
        from reconcile.render.github import write_github

        write_github(report, write)
    else:
        write(render_findings(report, format, fail_on=fail_on))
