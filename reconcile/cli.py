"""The command line: parse, call the library, render, exit.

Exit status: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 invalid input or usage; 3 reconcile itself failed (a bug).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from reconcile.report import Report

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
ISSUES_URL = "https://github.com/reconcile-claims/reconcile/issues"

app = typer.Typer(
    name="reconcile",
    help="Reconcile the figures that news outlets report: "
    "where they agree, where they conflict, and why.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class FailOn(Enum):
    error = "error"
    warning = "warning"
    never = "never"


class CheckFormat(Enum):
    text = "text"
    json = "json"


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
MaxFileSize = Annotated[
    int, typer.Option("--max-file-size", help="Largest YAML or JSON file read, in bytes.")
]
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024

Command = TypeVar("Command", bound=Callable[..., Any])


def guarded(command: Command) -> Command:
    """Turn an unexpected exception into exit 3 and a one-line message; the
    traceback only under --debug."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, KeyboardInterrupt, SystemExit):
            raise
        except Exception as error:
            if kwargs.get("debug"):
                import traceback

                traceback.print_exc()
            message = f"{type(error).__name__}: {error}".splitlines()[0][:200]
            print(
                f"reconcile: internal error ({message}); this is a bug, please report it "
                f"at {ISSUES_URL} (run again with --debug for the traceback)",
                file=sys.stderr,
            )
            raise typer.Exit(EXIT_BUG) from None

    return run  # type: ignore[return-value]


def _run(paths: list[Path] | None, max_file_size: int) -> Report:
    from reconcile.example import default_paths
    from reconcile.loading import load
    from reconcile.reconciler import reconcile

    return reconcile(load(paths or default_paths(), max_bytes=max_file_size))


def exit_status(report: Report, fail_on: FailOn) -> int:
    if report.problems:
        return EXIT_INPUT
    worst = report.worst_severity()
    if worst == "error" and fail_on is not FailOn.never:
        return EXIT_FINDINGS
    if worst == "warning" and fail_on is FailOn.warning:
        return EXIT_FINDINGS
    return EXIT_OK


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
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    debug: Debug = False,
) -> None:
    """The terminal report: per story and event, each group's verdict and why."""
    result = _run(paths, max_file_size)
    if format is ReportFormat.json:
        from reconcile.render.json import to_json

        sys.stdout.write(to_json(result))
    else:
        from reconcile.render.terminal import print_report

        print_report(result)
    raise typer.Exit(exit_status(result, fail_on))


@app.command()
@guarded
def check(
    paths: Paths = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text or json.")] = (
        CheckFormat.text
    ),
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 on findings of this severity.")] = (
        FailOn.error
    ),
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    debug: Debug = False,
) -> None:
    """Validate and reconcile for CI: findings and exit codes."""
    result = _run(paths, max_file_size)
    if format is CheckFormat.json:
        from reconcile.render.json import to_json

        sys.stdout.write(to_json(result))
    else:
        from reconcile.render.text import to_text

        sys.stdout.write(to_text(result))
    raise typer.Exit(exit_status(result, fail_on))


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
    from fractions import Fraction

    from reconcile.formatting import format_interval
    from reconcile.render.safe import visible
    from reconcile.values import ValueSyntaxError, read_value

    try:
        reading = read_value(value, type.value, tolerance=Fraction(tolerance))
    except ValueSyntaxError as error:
        print(f"reconcile: {visible(error.message)}", file=sys.stderr)
        raise typer.Exit(EXIT_INPUT) from None
    except (ValueError, ZeroDivisionError):
        print(
            f"reconcile: --tolerance takes a number such as 0.10, not {tolerance!r}",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_INPUT) from None
    interval = format_interval(reading.interval, is_date=type is ValueType.date)
    because = reading.rule.rsplit(" → ", 1)[0]
    print(visible(value))
    print(f"  read as  {interval}  ({type.value})")
    print(f"  because  {visible(because)}")


def main() -> None:
    app()
