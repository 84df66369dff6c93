"""The library gives what the CLI prints (``reconcile.outputs``): for the same report,
each format byte for byte, the same findings kept by --select and --ignore, and the
same exit status under each --fail-on."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import reconcile
from reconcile.cli import app
from reconcile.example import example_path
from reconcile.report import FINDING_CODES

runner = CliRunner()
CASES = ["acknowledged", "conflict", "example", "hostile", "invalid"]
FAIL_ON = ["error", "warning", "never"]


@pytest.fixture(autouse=True)
def here(datadir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the data folder, the example story (dates, relations) beside the cases."""
    shutil.copytree(example_path(), datadir / "example")
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(datadir)


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


# the formats of check -------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    ("format", "render"),
    [
        ("json", reconcile.to_json),
        ("sarif", reconcile.to_sarif),
        ("github", reconcile.to_github),
        ("text", reconcile.to_text),
    ],
)
def test_each_format_is_what_check_prints(
    case: str, format: str, render: Callable[[reconcile.Report], str]
) -> None:
    assert render(reconcile.check(case)) == run("check", case, "--format", format).stdout


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fail_on", FAIL_ON)
def test_junit_is_what_check_prints_under_each_fail_on(case: str, fail_on: Any) -> None:
    printed = run("check", case, "--format", "junit", "--fail-on", fail_on).stdout
    assert reconcile.to_junit(reconcile.check(case), fail_on=fail_on) == printed


@pytest.mark.parametrize("case", CASES)
def test_the_json_document_is_also_what_report_prints(case: str) -> None:
    assert reconcile.to_json(reconcile.check(case)) == run("report", case, "-f", "json").stdout


@pytest.mark.parametrize(
    ("write", "render"),
    [
        (reconcile.write_json, reconcile.to_json),
        (reconcile.write_sarif, reconcile.to_sarif),
        (reconcile.write_github, reconcile.to_github),
    ],
)
def test_a_format_written_to_a_stream_is_the_same_text(
    write: Callable[[reconcile.Report, io.StringIO], None],
    render: Callable[[reconcile.Report], str],
) -> None:
    report = reconcile.check(CASES)
    stream = io.StringIO()
    write(report, stream)
    assert stream.getvalue() == render(report)


# the table ------------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["github", "html", "latex", "csv", "tsv"])
@pytest.mark.parametrize(
    ("options", "kwargs"),
    [
        ([], {}),
        (["--only", "conflict,agree"], {"only": "conflict,agree"}),
        (["--only", "single-source"], {"only": ["single-source"]}),
        (["--columns", "story,verdict,values"], {"columns": ["story", "verdict", "values"]}),
        (["--relations"], {"relations": True}),
        (
            ["--relations", "--only", "violated", "--columns", "relation,status,acknowledged"],
            {"relations": True, "only": "violated", "columns": "relation,status,acknowledged"},
        ),
    ],
)
def test_the_table_is_what_table_prints(
    format: str, options: list[str], kwargs: dict[str, Any]
) -> None:
    printed = run("table", *CASES, "--format", format, *options).stdout
    assert reconcile.to_table(reconcile.check(CASES), format, **kwargs) == printed


@pytest.mark.parametrize(
    "kwargs",
    [{"format": "nonsense"}, {"only": "disputed"}, {"columns": "colour"}, {"columns": ""}],
)
def test_a_table_option_it_does_not_know_is_a_value_error(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"^(unknown|name at least one)"):
        reconcile.to_table(reconcile.check("conflict"), **kwargs)


# --select, --ignore and --fail-on -------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "kwargs"),
    [
        ([], {}),
        (
            ["--ignore", "value-conflict,relation-violated"],
            {"ignore": ["value-conflict", "relation-violated"]},
        ),
        (
            ["--ignore", "value-conflict", "--ignore", "relation-violated"],
            {"ignore": "value-conflict,relation-violated"},
        ),
        (["--select", "single-source"], {"select": "single-source"}),
        (
            ["--select", "value-conflict", "--ignore", "value-conflict"],
            {"select": "value-conflict", "ignore": "value-conflict"},
        ),
        (["--select", "no-provenance"], {"select": ["no-provenance"]}),
        (["--ignore", ""], {"ignore": ""}),
    ],
)
@pytest.mark.parametrize("fail_on", FAIL_ON)
def test_select_and_exit_status_are_what_check_does(
    options: list[str], kwargs: dict[str, Any], fail_on: Any
) -> None:
    printed = run("check", *CASES, "--fail-on", fail_on, *options)
    report = reconcile.select_findings(reconcile.check(CASES), **kwargs)
    assert (reconcile.exit_status(report, fail_on), reconcile.to_text(report)) == (
        printed.exit_code,
        printed.stdout,
    )


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fail_on", FAIL_ON)
def test_exit_status_is_what_check_exits_with(case: str, fail_on: Any) -> None:
    status = reconcile.exit_status(reconcile.check(case), fail_on)
    assert status == run("check", case, "--fail-on", fail_on).exit_code


def test_exit_status_is_2_for_input_problems_1_for_failing_findings_else_0() -> None:
    check = reconcile.check
    assert [reconcile.exit_status(check("invalid"), on) for on in FAIL_ON] == [2, 2, 2]
    assert [reconcile.exit_status(check("conflict"), on) for on in FAIL_ON] == [1, 1, 0]
    # its conflict and relation acknowledged, its single-source groups still warnings
    assert [reconcile.exit_status(check("acknowledged"), on) for on in FAIL_ON] == [0, 1, 0]
    assert reconcile.exit_status(check("conflict")) == 1  # check's default: error


def test_input_problems_are_never_left_out() -> None:
    report = reconcile.select_findings(reconcile.check("invalid"), select="single-source")
    assert [problem.code for problem in report.problems] == ["invalid-value"]
    assert reconcile.exit_status(report, "never") == 2


def test_an_unknown_code_is_a_value_error_as_check_says_it() -> None:
    report = reconcile.check("conflict")
    with pytest.raises(ValueError) as raised:
        reconcile.select_findings(report, ignore="single-sauce")
    assert str(raised.value) in " ".join(
        run("check", "conflict", "--ignore", "single-sauce").stderr.split()
    )
    assert ", ".join(FINDING_CODES) in str(raised.value)


@pytest.mark.parametrize("nothing", ["", " , ", []])
def test_selecting_no_code_is_a_value_error(nothing: Any) -> None:
    with pytest.raises(ValueError, match="name at least one finding code"):
        reconcile.select_findings(reconcile.check("conflict"), select=nothing)


def test_an_unknown_fail_on_is_a_value_error() -> None:
    report = reconcile.check("conflict")
    with pytest.raises(ValueError, match="fail_on is one of error, warning, never"):
        reconcile.exit_status(report, "sometimes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="fail_on is one of"):
        reconcile.to_junit(report, fail_on="always")  # type: ignore[arg-type]
