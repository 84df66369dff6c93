"""What the CLI prints, from a ``Report``: each machine format of ``reconcile check``
and ``reconcile table``, the findings ``--select`` and ``--ignore`` keep, and the exit
status ``--fail-on`` decides.

    >>> report = reconcile.select_findings(reconcile.check("claims"), ignore="no-provenance")
    >>> sys.stdout.write(reconcile.to_sarif(report))
    >>> sys.exit(reconcile.exit_status(report, "warning"))

Each ``to_*`` gives, byte for byte, the text the command prints for the same report
(``check`` lists the report as ``select_findings`` leaves it). A ``write_*`` writes
the same text to a text stream in pieces, as it is made: a large report is never held
whole as text. Options are plain strings, as on the command line; one that is not known
is a ``ValueError`` naming the choices.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, TextIO

from reconcile.exit_codes import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from reconcile.report import FAILING, FINDING_CODES, Report, Severity, with_findings_of

FailOn = Literal["error", "warning", "never"]
Words = str | Iterable[str]  # "a,b" as on the command line, or several such


# -- the formats of reconcile check ---------------------------------------------------------


def to_json(report: Report) -> str:
    """The JSON document of ``reconcile check --format json`` and of ``reconcile report
    --format json`` (SPEC "JSON output"). It lists no findings, so ``select_findings``
    leaves it as it is. A date is an ISO string in it."""
    from reconcile.render.json import to_json as render

    return render(report)


def write_json(report: Report, stream: TextIO) -> None:
    """``to_json``, written to ``stream`` a group at a time."""
    from reconcile.render.json import write_json as write

    write(report, stream.write)


def to_sarif(report: Report) -> str:
    """The SARIF 2.1.0 log of ``reconcile check --format sarif``, for code scanning; files
    are named from the root of the git repository that holds the working folder."""
    from reconcile.render.sarif import to_sarif as render

    return render(report)


def write_sarif(report: Report, stream: TextIO) -> None:
    """``to_sarif``, written to ``stream`` a result at a time."""
    from reconcile.render.sarif import write_sarif as write

    write(report, stream.write)


def to_github(report: Report) -> str:
    """The GitHub Actions annotations of ``reconcile check --format github`` (a workflow
    command per input problem and finding), then ``to_text`` between ``::stop-commands::``
    and a token drawn from it, so that no line of the claim files is taken for a command."""
    from reconcile.render.github import to_github as render

    return render(report)


def write_github(report: Report, stream: TextIO) -> None:
    """``to_github``, written to ``stream`` a line at a time."""
    from reconcile.render.github import write_github as write

    write(report, stream.write)


def to_junit(report: Report, *, fail_on: FailOn = "error") -> str:
    """The JUnit XML of ``reconcile check --format junit --fail-on FAIL_ON``: a test case
    per group, relation row and input problem, failing on findings that ``fail_on`` fails."""
    from reconcile.render.junit import to_junit as render

    _failing(fail_on)
    return render(report, fail_on=fail_on)


def to_text(report: Report) -> str:
    """The plain text of ``reconcile check --format text``: a ``file:line:column:`` line
    per input problem and finding, then the summary line."""
    from reconcile.render.text import to_text as render

    return render(report)


# -- reconcile table ------------------------------------------------------------------------


def to_table(
    report: Report,
    format: str = "github",
    *,
    only: Words | None = None,
    columns: Words | None = None,
    relations: bool = False,
) -> str:
    """The table of ``reconcile table --format FORMAT``: one row per group, or per
    relation check with ``relations``. ``format`` is any tabulate format (github, pipe,
    grid, html, latex, tsv ...) or csv; ``only`` the verdicts (with ``relations``: the
    statuses) to show, and ``columns`` the columns in their order, each as ``--only`` and
    ``--columns`` take them (``"conflict,consistent"``, or a list). Every cell is escaped
    for the format. Raises ``ValueError`` on a format, verdict or column it does not know."""
    from reconcile.render.table import render_table

    verdicts = comma_words(only)
    shown = None if verdicts is None else set(verdicts)
    return render_table(
        report, format, only=shown, columns=comma_words(columns), relations=relations
    )


# -- --select, --ignore, --fail-on ----------------------------------------------------------


def select_findings(
    report: Report, *, select: Words | None = None, ignore: Words | None = None
) -> Report:
    """The report with the findings that ``reconcile check --select SELECT --ignore
    IGNORE`` keeps: only those of the codes ``select`` names (None: every code), less
    those ``ignore`` names; each a finding code, ``"single-source,no-provenance"`` or a
    list. Input problems are never left out. Raises ``ValueError`` on an unknown code,
    and on a ``select`` that names none."""
    return with_findings_of(report, selected_codes(select, ignore))


def exit_status(report: Report, fail_on: FailOn = "error") -> int:
    """The exit status of ``reconcile check --fail-on FAIL_ON`` for ``report``: 2 where it
    holds input problems; else 1 where a finding not acknowledged has a severity that
    ``fail_on`` fails (``error``: errors; ``warning``: errors and warnings; ``never``:
    none); else 0. Give it the report ``select_findings`` leaves, as ``check`` does."""
    return status_of(len(report.problems), report.worst_severity(), fail_on)


def status_of(problems: int, worst: Severity | None, fail_on: str) -> int:
    """``exit_status`` of a report known only by its count of input problems and the worst
    severity of its findings not acknowledged (judged in worker processes)."""
    failing = _failing(fail_on)
    if problems:
        return EXIT_INPUT
    return EXIT_FINDINGS if worst in failing else EXIT_OK


def selected_codes(select: Words | None = None, ignore: Words | None = None) -> set[str]:
    """The finding codes that ``select`` and ``ignore`` leave (see ``select_findings``)."""
    chosen = finding_codes(select, at_least_one=True)
    left_out = finding_codes(ignore) or ()
    return set(FINDING_CODES if chosen is None else chosen) - set(left_out)


def finding_codes(values: Words | None, *, at_least_one: bool = False) -> list[str] | None:
    """The codes ``values`` names (None where it is None), each a known finding code, or
    ``ValueError``; with ``at_least_one``, naming none is one too (``--select "$CODES"``
    with the variable unset would otherwise keep every code, the opposite of what it says)."""
    codes = comma_words(values)
    if codes is None:
        return None
    unknown = [code for code in codes if code not in FINDING_CODES]
    if unknown:
        raise ValueError(
            f"unknown finding code {', '.join(map(repr, unknown))}; the finding codes are "
            f"{', '.join(FINDING_CODES)} (input problems are never ignored)"
        )
    if at_least_one and not codes:
        raise ValueError(f"name at least one finding code: {', '.join(FINDING_CODES)}")
    return codes


def _failing(fail_on: str) -> tuple[Severity, ...]:
    """The severities that fail a run under ``fail_on``."""
    if fail_on not in FAILING:
        raise ValueError(f"fail_on is one of {', '.join(FAILING)}, not {fail_on!r}")
    return FAILING[fail_on]


def comma_words(values: Words | None) -> list[str] | None:
    """The words of ``values``, split at commas, blanks trimmed and empty ones dropped,
    as the command line takes a list."""
    if values is None:
        return None
    if isinstance(values, str):  # one list, not the characters of its text
        values = [values]
    return [word.strip() for value in values for word in value.split(",") if word.strip()]
