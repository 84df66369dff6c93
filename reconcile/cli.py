"""The command line: parse, call the library, render, exit.

Exit status: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 invalid input or usage; 3 reconcile itself failed (a bug).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO, TypeVar

import typer

from reconcile.exit_codes import EXIT_BUG, EXIT_INPUT
from reconcile.limits import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from reconcile.parallel import GroupParts
    from reconcile.report import Report, Severity

BUG_REPORT_REQUEST = (
    "this is a bug in reconcile, please report it with the traceback that --debug shows"
)

app = typer.Typer(
    name="reconcile",
    help="Reconcile the figures that news outlets report: "
    "where they agree, where they conflict, and why.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        from reconcile import __version__

        print(f"reconcile {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Reconcile the figures that news outlets report: where they agree, where they
    conflict, and why."""


class FailOn(Enum):
    error = "error"
    warning = "warning"
    never = "never"


class CheckFormat(Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"
    auto = "auto"


class SchemaKind(Enum):
    story = "story"
    report = "report"
    record = "record"


class ReportFormat(Enum):
    rich = "rich"
    json = "json"


class ValueType(Enum):
    count = "count"
    number = "number"
    date = "date"


Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Claim files or folders (searched recursively). Default: ./claims, "
        "else the example story.",
        show_default=False,
    ),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")]
Jobs = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        max=64,
        help="Processes that judge stories at once (check, table; report --format json): "
        "0 picks by input size and CPUs, 1 uses this process only.",
    ),
]
MaxFileSize = Annotated[
    int,
    typer.Option("--max-file-size", min=1, help="Largest YAML or JSON file read, in bytes."),
]

Command = TypeVar("Command", bound=Callable[..., Any])
T = TypeVar("T")


def _finding_codes(values: list[str] | None) -> list[str] | None:
    """--ignore: comma-separated finding codes, each one known (none: nothing ignored)."""
    return _codes(values, at_least_one=False)


def _selected_codes(values: list[str] | None) -> list[str] | None:
    """--select: as --ignore, and at least one (``finding_codes``)."""
    return _codes(values, at_least_one=True)


def _codes(values: list[str] | None, *, at_least_one: bool) -> list[str] | None:
    if not values:
        return values
    from reconcile.outputs import finding_codes

    try:
        return finding_codes(values, at_least_one=at_least_one)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _codes_option(help: str, callback: Callable[[list[str] | None], list[str] | None]) -> Any:
    return typer.Option(metavar="CODES", callback=callback, help=help, show_default=False)


Select = Annotated[
    list[str] | None,
    _codes_option(
        "Only findings of these codes count (comma-separated; may be repeated).", _selected_codes
    ),
]
Ignore = Annotated[
    list[str] | None,
    _codes_option(
        "Findings of these codes are left out, e.g. single-source,no-provenance.", _finding_codes
    ),
]


def guarded(command: Command) -> Command:
    """Turn an unexpected exception into exit 3 and a one-line message; the
    traceback only under --debug."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, KeyboardInterrupt, SystemExit, BrokenPipeError):
            raise  # a pipe closed early outside _output, where app is embedded: click's
        except Exception as error:
            if kwargs.get("debug"):
                import traceback

                traceback.print_exc()
            from reconcile.render.safe import visible

            message = visible(f"{type(error).__name__}: {error}".splitlines()[0][:200])
            print(
                f"reconcile: internal error ({message}); {BUG_REPORT_REQUEST}",
                file=sys.stderr,
            )
            raise typer.Exit(EXIT_BUG) from None

    return run  # type: ignore[return-value]


def _inputs(paths: list[Path] | None) -> list[Path]:
    """The paths given, else ./claims, else the example that comes with reconcile."""
    from reconcile.example import default_paths

    if paths:
        return paths
    if not Path("claims").is_dir():  # say so: a CI job may have meant its own files
        print(
            "reconcile: no ./claims folder here; reading the example story that comes "
            "with reconcile (give paths to read your own)",
            file=sys.stderr,
        )
    return default_paths()


def _run(paths: list[Path] | None, max_file_size: int) -> Report:
    from reconcile.loading import load
    from reconcile.progress import ProgressBar
    from reconcile.reconciler import reconcile

    paths = _inputs(paths)
    if not sys.stderr.isatty():  # no progress bar in CI logs or pipes
        return reconcile(load(paths, max_bytes=max_file_size))
    with ProgressBar(sys.stderr) as progress:  # drawn after a second; erased before output
        corpus = load(paths, max_bytes=max_file_size, progress=progress)
        progress.reconciling()
        return reconcile(corpus)


def _check_save_targets(targets: list[Path], paths: list[Path] | None) -> None:
    """Exit 2 before reading anything if a file to save would land among the inputs,
    or in a folder that does not exist."""
    from reconcile.discovery import lies_within
    from reconcile.example import default_paths
    from reconcile.render.safe import visible

    inputs = paths or default_paths()
    for target in targets:
        shown = visible(str(target))
        if lies_within(target, inputs):
            why = "it lies among the claim files being read; save it somewhere else"
        elif not (folder := Path(os.path.realpath(target)).parent).is_dir():
            why = f"there is no folder {visible(str(folder))}"  # where a link leads, too
        else:
            continue
        print(f"reconcile: will not save the report as {shown}: {why}", file=sys.stderr)
        raise typer.Exit(EXIT_INPUT)


def _done(status: int) -> NoReturn:
    """End the command with exit ``status``. Run as a program (``main``), the process
    ends at once, its output flushed, without freeing what it built one object at a
    time (most of a second for a million claims); called in-process, by tests, as
    ``typer.Exit``."""
    if _EXIT_AT_ONCE and sys.gettrace() is None and sys.getprofile() is None:
        with _output():
            sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    raise typer.Exit(status)  # under a profiler or coverage, whose results are saved at exit


@contextmanager
def _output() -> Iterator[None]:
    """Write to stdout. Where its reader stops reading early (``| head``), the rest goes
    nowhere and the command goes on to its end: its files saved, its step summary
    written, its own exit status (a pipe closed early is no finding, and not click's
    exit 1, which would say there were). stderr is never closed so (``main``). Where it
    cannot be written (a full disk), a line says so and the command ends with exit 2."""
    from reconcile.streams import stop_writing

    try:
        yield
    except BrokenPipeError:
        stop_writing(sys.stdout)
    except OSError as error:  # a full disk, a quota: not reconcile's bug, nor all written
        _cannot_write(error)
        raise typer.Exit(EXIT_INPUT) from None


def _cannot_write(error: OSError) -> None:
    from reconcile.streams import stop_writing

    print(f"reconcile: cannot write the output: {error.strerror or error}", file=sys.stderr)
    stop_writing(sys.stdout)  # what is still buffered would only fail again


_EXIT_AT_ONCE = False  # set by main()


def exit_status(report: Report, fail_on: FailOn) -> int:
    from reconcile import outputs

    return outputs.exit_status(report, fail_on.value)


def _exit_code(problems: int, worst: Severity | None, fail_on: FailOn) -> int:
    from reconcile.outputs import status_of

    return status_of(problems, worst, fail_on.value)


@app.command()
@guarded
def report(
    paths: Paths = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="rich or json.")] = (
        ReportFormat.rich
    ),
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 on findings of this severity.")] = (
        FailOn.never
    ),
    svg: Annotated[
        Path | None,
        typer.Option(metavar="FILE", dir_okay=False, help="Also save the report as SVG."),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(metavar="FILE", dir_okay=False, help="Also save the report as HTML."),
    ] = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_BYTES,
    jobs: Jobs = 0,
    debug: Debug = False,
) -> None:
    """The terminal report: per story and event, each group's verdict and why."""
    if format is ReportFormat.json and (svg or html):
        message = "reconcile: --svg and --html save the rich report, not --format json"
        print(message, file=sys.stderr)
        raise typer.Exit(EXIT_INPUT)
    _check_save_targets([target for target in (svg, html) if target], paths)
    if format is ReportFormat.json:
        from reconcile.report import FINDING_CODES

        _json_report(paths, max_file_size, FINDING_CODES, fail_on, jobs)
    from reconcile.render.terminal import make_console, print_report, save_recording

    result = _run(paths, max_file_size)
    console = make_console(record=bool(svg or html))
    with _output():
        print_report(result, console)
    try:
        if svg is not None:
            save_recording(console, svg, "svg")
        if html is not None:
            save_recording(console, html, "html")
    except OSError as error:
        print(f"reconcile: cannot save the report: {error}", file=sys.stderr)
        raise typer.Exit(EXIT_INPUT) from None
    _done(exit_status(result, fail_on))


@app.command()
@guarded
def check(
    paths: Paths = None,
    format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json, github, sarif, junit, or auto (github under GitHub Actions, "
            "else text).",
        ),
    ] = CheckFormat.text,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 on findings of this severity.")] = (
        FailOn.error
    ),
    select: Select = None,
    ignore: Ignore = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_BYTES,
    jobs: Jobs = 0,
    debug: Debug = False,
) -> None:
    """Validate and reconcile for CI: findings and exit codes.

    --select keeps only the findings of the codes given, --ignore leaves those out;
    input problems are always reported. Acknowledged findings are shown but never fail.
    """
    from reconcile.outputs import selected_codes

    codes = selected_codes(select, ignore)
    format = _chosen_format(format)
    if format is CheckFormat.json:
        _json_report(paths, max_file_size, codes, fail_on, jobs)
    from reconcile.parallel import GroupParts

    if format is CheckFormat.junit:
        from reconcile.render.junit import group_cases, to_junit

        result, cases = _findings(paths, max_file_size, codes, jobs, GroupParts(group_cases))
        with _output():
            sys.stdout.write(to_junit(result, fail_on=fail_on.value, groups=cases))
        _done(exit_status(result, fail_on))
    from reconcile.render.findings import render_findings, write_findings

    on_summary = format is CheckFormat.github and bool(os.environ.get("GITHUB_STEP_SUMMARY"))
    if on_summary:
        from reconcile.render.github import rows_that_may_show, taking_order

        result, rows = _findings(
            paths, max_file_size, codes, jobs, GroupParts(rows_that_may_show, taking_order)
        )
    else:
        result, rows = _findings(paths, max_file_size, codes, jobs)
    from reconcile.streams import writing_guarded_text

    ours = writing_guarded_text() if format is CheckFormat.github else nullcontext()
    with _output(), ours:
        if _writes_utf8(sys.stdout):
            write_findings(result, format.value, sys.stdout.write, fail_on=fail_on.value)
        else:  # a character it cannot take would stop it part way: all of it, or nothing
            sys.stdout.write(render_findings(result, format.value, fail_on=fail_on.value))
    if format is CheckFormat.github:
        from reconcile.render.github import GroupRows, publish_step_summary

        made = None if rows is None else GroupRows(rows, result.summary()["groups"])
        trouble = publish_step_summary(result, os.environ, made)
        if trouble:
            print(f"reconcile: warning: {trouble}", file=sys.stderr)
    _done(exit_status(result, fail_on))


def _findings(
    paths: list[Path] | None,
    max_file_size: int,
    codes: Collection[str],
    jobs: int,
    groups: GroupParts[T] | None = None,
) -> tuple[Report, list[T] | None]:
    """The report ``check`` lists findings from: judged in parallel where the input
    is large, its groups then left in the workers but for what ``groups`` makes of
    them (None where judged here: the report holds its groups)."""
    from reconcile.parallel import WorkersFailed, findings_in_parallel
    from reconcile.partition import workers_for
    from reconcile.report import with_findings_of

    inputs = _inputs(paths)
    workers = workers_for(inputs, jobs)
    try:
        if workers > 1:
            return findings_in_parallel(
                inputs,
                workers=workers,
                max_bytes=max_file_size,
                codes=codes,
                progress=sys.stderr.isatty(),
                groups=groups,
            )
    except WorkersFailed as error:
        _working_in_one_process(error)
    return with_findings_of(_run(inputs, max_file_size), codes), None


def _working_in_one_process(error: Exception) -> None:
    from reconcile.render.safe import visible

    message = visible(str(error))[:200]
    print(f"reconcile: working in one process ({message})", file=sys.stderr)


def _json_report(
    paths: list[Path] | None,
    max_file_size: int,
    codes: Collection[str],
    fail_on: FailOn,
    jobs: int,
) -> NoReturn:
    """Write the JSON report (in parallel where the input is large), and end."""
    from reconcile.outputs import to_json, write_json
    from reconcile.parallel import Outcome, WorkersFailed, write_json_in_parallel
    from reconcile.partition import workers_for
    from reconcile.report import beside_verdicts, with_findings_of

    inputs = _inputs(paths)
    workers = workers_for(inputs, jobs)
    if workers > 1 and _writes_utf8(sys.stdout):
        sys.stdout.flush()
        told: list[Outcome] = []  # before anything is written: a closed pipe may end it
        try:
            with _output():
                write_json_in_parallel(
                    inputs,
                    sys.stdout.buffer,
                    workers=workers,
                    max_bytes=max_file_size,
                    codes=codes,
                    progress=sys.stderr.isatty(),
                    errors=sys.stdout.errors or "strict",
                    judged=told.append,
                )
            (outcome,) = told
            _say_what_json_leaves_out(outcome.beside_verdicts, fail_on, outcome.problems)
            _done(_exit_code(outcome.problems, outcome.worst_severity, fail_on))
        except WorkersFailed as error:
            _working_in_one_process(error)
    result = with_findings_of(_run(inputs, max_file_size), codes)
    with _output():
        if _writes_utf8(sys.stdout):
            write_json(result, sys.stdout)  # a group at a time: never held whole
        else:  # a character it cannot take would stop it part way: all of it, or nothing
            sys.stdout.write(to_json(result))
    _say_what_json_leaves_out(beside_verdicts(result.findings), fail_on, len(result.problems))
    _done(exit_status(result, fail_on))


def _say_what_json_leaves_out(counts: Mapping[str, int], fail_on: FailOn, problems: int) -> None:
    """Under ``--fail-on warning``, the findings that fail the run but that the JSON
    document has no place for (SPEC fixes its shape): else it may fail and not say why.
    (With input problems, those decide the exit status, and the document lists them.)"""
    if fail_on is FailOn.warning and counts and not problems:
        _say_findings(counts, "that the JSON document does not show")


def _say_why_the_table_fails(report: Report, fail_on: FailOn) -> None:
    """The findings that fail the run: a table shows none of them as such (and
    --only or --relations may leave out the rows that have them)."""
    from collections import Counter

    from reconcile.report import FAILING, fails

    failing = FAILING[fail_on.value]
    counts = Counter(finding.code for finding in report.findings if fails(finding, failing))
    if counts and not report.problems:
        _say_findings(counts, f"fail{{s}} the run under --fail-on {fail_on.value}")


def _say_findings(counts: Mapping[str, int], which: str) -> None:
    from reconcile.report import FINDING_CODES

    total = sum(counts.values())
    by_code = ", ".join(f"{code} {counts[code]:,}" for code in FINDING_CODES if code in counts)
    which = which.format(s="s" if total == 1 else "")  # "1 finding fails", "2 findings fail"
    print(
        f"reconcile: {total:,} {'finding' if total == 1 else 'findings'} {which}"
        f" ({by_code}); reconcile check --format text on the same paths lists them",
        file=sys.stderr,
    )


def _writes_utf8(stream: TextIO) -> bool:
    """Whether text written to ``stream`` comes out as UTF-8, with a binary layer
    beneath to write such bytes to directly."""
    import codecs

    encoding = getattr(stream, "encoding", None)
    return (
        hasattr(stream, "buffer")
        and isinstance(encoding, str)
        and codecs.lookup(encoding).name == "utf-8"
    )


def _chosen_format(format: CheckFormat) -> CheckFormat:
    """``auto``: GitHub annotations in GitHub Actions, else plain text."""
    if format is not CheckFormat.auto:
        return format
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    return CheckFormat.github if on_github else CheckFormat.text


@app.command()
@guarded
def schema(
    kind: Annotated[
        SchemaKind, typer.Option("--kind", "-k", help="story, report or record (a flat row).")
    ] = SchemaKind.story,
    debug: Debug = False,
) -> None:
    """JSON Schema (draft-07) of story, report and flat-record files, for editors."""
    from reconcile.schema import schema_text

    with _output():
        sys.stdout.write(schema_text(kind.value))


@app.command()
@guarded
def table(
    paths: Paths = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Any tabulate format (github, pipe, grid, simple, html, latex, tsv ...) or csv.",
        ),
    ] = "github",
    only: Annotated[
        str | None,
        typer.Option(
            help="Only these verdicts, comma-separated, e.g. conflict,consistent "
            "(with --relations: statuses holds, violated, unknown).",
            show_default=False,
        ),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            help="These columns in this order, comma-separated. Groups: story, event, quantity, "
            "unit, verdict, values, best, estimate, gap, relative-gap (the default), origins, "
            "low, high, explanation, acknowledged. Relations: story, event, relation, scope, "
            "report, as_of, status, detail (the default), acknowledged.",
            show_default=False,
        ),
    ] = None,
    relations: Annotated[
        bool, typer.Option("--relations", help="The relation checks instead of the groups.")
    ] = False,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 on findings of this severity.")] = (
        FailOn.never
    ),
    max_file_size: MaxFileSize = DEFAULT_MAX_BYTES,
    jobs: Jobs = 0,
    debug: Debug = False,
) -> None:
    """The discrepancy table, for articles and spreadsheets: one row per group."""
    from operator import itemgetter

    from reconcile.outputs import comma_words, to_table
    from reconcile.parallel import GroupParts
    from reconcile.render.safe import visible
    from reconcile.render.table import (
        TableOptionError,
        check_table_options,
        group_rows,
        groups_table,
    )

    names, shown = comma_words(columns), comma_words(only)
    verdicts = None if shown is None else set(shown)
    try:
        check_table_options(format, only=verdicts, columns=names, relations=relations)
    except TableOptionError as error:
        print(f"reconcile table: {error}", file=sys.stderr)
        raise typer.Exit(EXIT_INPUT) from None
    codes = _codes_deciding(fail_on)
    if relations:
        result, _ = _findings(paths, max_file_size, codes, jobs)
        rendered = to_table(result, format, only=verdicts, columns=names, relations=True)
    else:
        make = functools.partial(group_rows, fmt=format, only=verdicts, columns=names)
        result, rows = _findings(paths, max_file_size, codes, jobs, GroupParts(make, itemgetter(0)))
        rendered = groups_table(make(result.groups) if rows is None else rows, format, names)
    for problem in result.problems:
        print(visible(f"{problem.location}: {problem.message}"), file=sys.stderr)
    with _output():
        sys.stdout.write(rendered)
    _say_why_the_table_fails(result, fail_on)
    _done(exit_status(result, fail_on))


def _codes_deciding(fail_on: FailOn) -> Collection[str]:
    """The finding codes that may decide the exit status under ``fail_on``: the table
    shows no findings, and needs no other (a table without urls has one per claim)."""
    from reconcile.report import FAILING, FINDING_CODES

    failing = FAILING[fail_on.value]
    return [code for code, (severity, _) in FINDING_CODES.items() if severity in failing]


@app.command()
@guarded
def explain(
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="A value as written, e.g. 'around 600' (put -- before one starting with -).",
        ),
    ],
    type: Annotated[ValueType, typer.Option("--type", "-t", help="The quantity's type.")] = (
        ValueType.count
    ),
    tolerance: Annotated[
        str, typer.Option(help="The story's approx_tolerance, e.g. 0.10.")
    ] = "0.10",
    debug: Debug = False,
) -> None:
    """How a value is read: its interval and the rule that produced it."""
    import re
    from fractions import Fraction

    from reconcile.formatting import format_interval
    from reconcile.render.safe import visible
    from reconcile.values import TOLERANCE_PATTERN, ValueSyntaxError, read_value

    if re.fullmatch(TOLERANCE_PATTERN, tolerance) is None:  # as a story's approx_tolerance
        shown = visible(repr(tolerance))
        message = f"--tolerance takes a number from 0 to 1 such as 0.10, not {shown}"
        print(f"reconcile: {message}", file=sys.stderr)
        raise typer.Exit(EXIT_INPUT)
    try:
        reading = read_value(value, type.value, tolerance=Fraction(tolerance))
    except ValueSyntaxError as error:
        print(f"reconcile: {visible(error.message)}{_other_type(value, type)}", file=sys.stderr)
        raise typer.Exit(EXIT_INPUT) from None
    interval = format_interval(reading.interval, is_date=type is ValueType.date)
    with _output():
        print(visible(value))
        print(f"  read as  {interval}  ({type.value})")
        print(f"  because  {visible(reading.reason)}")


def _other_type(value: str, asked: ValueType) -> str:
    """Where another type reads the value (``2017-08-01``, ``2.5``): how to ask for it."""
    from reconcile.values import ValueSyntaxError, read_value

    for other in ValueType:
        if other is not asked:
            try:
                read_value(value, other.value)
            except ValueSyntaxError:
                continue
            return f"; --type {other.value} reads it as a {other.value}"
    return ""


def main() -> None:
    """The ``reconcile`` program. It ends the process when a command is done: embed
    ``app`` (or the library) rather than this."""
    from reconcile import memory
    from reconcile.streams import (
        no_workflow_commands,
        quiet_when_unread,
        take_every_character,
        wait_when_full,
    )

    global _EXIT_AT_ONCE
    _EXIT_AT_ONCE = True
    memory.FREEZE = True  # the process ends with the command: what it builds may be frozen
    if sys.stderr is None:  # started with it closed (2>&-): what it would say is not wanted
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (to the end)
    if sys.stdout is None:  # started with it closed (>&-): Python gives None
        message = "reconcile: standard output is closed; send it to a file or to /dev/null"
        print(message, file=sys.stderr)
        sys.exit(EXIT_INPUT)
    take_every_character()
    wait_when_full()
    no_workflow_commands()
    quiet_when_unread()
    try:
        app()
    except OSError as error:  # click's own writes (--help, --version) to a full disk
        _cannot_write(error)
        sys.exit(EXIT_INPUT)
