"""`reconcile check` for CI: GitHub annotations, SARIF, JUnit, `auto`, exit codes under
each --fail-on, --select and --ignore. Each format is checked against the rules of the
tool that reads it."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import reconcile
from reconcile.cli import app
from reconcile.render.github import escape_data, escape_property
from reconcile.report import FINDING_CODES, PROBLEM_CODES

runner = CliRunner()


def check(*args: str) -> Result:
    return runner.invoke(app, ["check", *args])


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch, datadir: Path) -> None:
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(datadir)


@pytest.fixture
def hostile(datadir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A story in a folder whose name holds ',' and ':', whose outlet's name holds '%',
    a newline followed by a workflow command, an escape sequence and markup."""
    folder = "odd,name:dir"
    shutil.copytree(datadir / "hostile", tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return folder


# exit codes ----------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["text", "json", "github", "sarif", "junit"])
@pytest.mark.parametrize(
    ("story", "fail_on", "status"),
    [
        ("conflict", "error", 1),
        ("conflict", "warning", 1),
        ("conflict", "never", 0),
        ("single-source", "error", 0),
        ("single-source", "warning", 1),
        ("single-source", "never", 0),
        ("invalid", "error", 2),
        ("invalid", "never", 2),
    ],
)
def test_exit_status_follows_fail_on_in_every_format(
    story: str, fail_on: str, status: int, format: str
) -> None:
    assert check(story, "--format", format, "--fail-on", fail_on).exit_code == status


# --select and --ignore ------------------------------------------------------------------


def codes_in(result: Result) -> list[str]:
    return re.findall(r"\[([a-z-]+)\]$", result.stdout, re.MULTILINE)


def test_ignore_leaves_findings_out_of_output_and_exit_status() -> None:
    result = check("conflict", "--ignore", "value-conflict,relation-violated")
    assert result.exit_code == 0
    assert codes_in(result) == ["single-source", "single-source"]


def test_ignore_may_be_repeated() -> None:
    repeated = check("conflict", "--ignore", "value-conflict", "--ignore", "relation-violated")
    assert (
        repeated.stdout == check("conflict", "--ignore", "value-conflict,relation-violated").stdout
    )


def test_select_keeps_only_the_codes_given() -> None:
    result = check("conflict", "--select", "single-source")
    assert result.exit_code == 0
    assert codes_in(result) == ["single-source", "single-source"]
    assert check("conflict", "--select", "single-source", "--fail-on", "warning").exit_code == 1


def test_ignore_wins_over_select() -> None:
    result = check("conflict", "--select", "value-conflict", "--ignore", "value-conflict")
    assert (result.exit_code, codes_in(result)) == (0, [])


def test_an_unknown_code_is_a_usage_error_listing_the_known_codes() -> None:
    result = check("conflict", "--ignore", "single-sauce")
    assert result.exit_code == 2
    assert "unknown finding code 'single-sauce'" in result.stderr
    assert ", ".join(FINDING_CODES) in result.stderr
    assert result.stdout == ""


def test_selecting_no_code_is_a_usage_error_and_ignoring_none_ignores_nothing() -> None:
    """--select '' (an unset variable in a workflow) would keep every finding; --ignore ''
    leaves out none, as written."""
    result = check("conflict", "--select", " , ")
    assert result.exit_code == 2
    assert "name at least one finding code" in result.stderr
    assert check("conflict", "--ignore", "").stdout == check("conflict").stdout


def test_input_problems_cannot_be_ignored() -> None:
    assert check("invalid", "--ignore", "invalid-value").exit_code == 2
    result = check("invalid", "--select", "single-source")
    assert result.exit_code == 2
    assert codes_in(result) == ["invalid-value"]


# GitHub annotations -----------------------------------------------------------------------


def test_github_annotates_each_finding_then_prints_the_whole_report() -> None:
    result = check("conflict", "--format", "github")
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "::error file=conflict/gazette.yaml,line=8,col=12,title=relation-violated::"
        "convoy: buses.departed = buses.stranded + buses.returned (report, as of 2017-09-02): "
        "17 ≠ 10 + 6: 1 unaccounted",
        "::error file=conflict/gazette.yaml,line=8,col=12,title=value-conflict::"
        "convoy buses.departed: conflict: Example Gazette gives seventeen (17) and "
        "Example Wire gives 20: no value fits both, gap 3 (15.0%25); no cluster of claims "
        "is the largest, so no estimate",
        "::warning file=conflict/gazette.yaml,line=11,col=12,title=single-source::"
        "convoy buses.stranded: single-source: only from Example Gazette: 10",
        "::warning file=conflict/gazette.yaml,line=14,col=12,title=single-source::"
        "convoy buses.returned: single-source: only from Example Gazette: six (6)",
    ]
    token = re.fullmatch(r"::stop-commands::(reconcile-[0-9a-f]{32})", lines[4])
    assert token is not None
    assert lines[-1] == f"::{token.group(1)}::"
    assert "\n".join(lines[5:-1]) + "\n" == check("conflict").stdout


def test_github_annotates_input_problems_as_errors() -> None:
    first = check("invalid", "--format", "github").stdout.splitlines()[0]
    assert first.startswith(
        "::error file=invalid/gazette.yaml,line=7,col=12,title=invalid-value::"
        "cannot read 'lots' as a count"
    )


def test_github_escaping() -> None:
    assert escape_data("50% \r\n::error::x") == "50%25 %0D%0A::error::x"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_no_claim_file_can_issue_a_workflow_command(hostile: str) -> None:
    result = check(hostile, "--format", "github")
    lines = result.stdout.splitlines()
    stop = lines[2]
    assert stop.startswith("::stop-commands::reconcile-")
    closing = f"::{stop.removeprefix('::stop-commands::')}::"
    commands = [line for line in lines if line.startswith("::")]
    assert commands == [lines[0], lines[1], stop, closing]
    assert lines[-1] == closing
    assert commands[0] == (
        "::warning file=odd%2Cname%3Adir/report.yaml,line=6,col=12,title=no-provenance::"
        "claim of Example 100%25 Gazette\\x0a::error::x\\x1b[31m\\x0b, <b>&</b> "
        "for convoy buses.departed has neither url nor quote"
    )
    assert "\x1b" not in result.stdout and "\x0b" not in result.stdout


def test_an_annotation_names_a_file_with_a_line_break_as_the_runner_reads_it(
    tmp_path: Path,
) -> None:
    """GitHub unescapes %0A in a property, not a \\x0a escape: the annotation must name
    the file so for GitHub to find it; a tab it takes as it is. Other control characters
    it cannot read back."""
    (tmp_path / "new\nline\t\x1b.yaml").write_text("claims: [", encoding="utf-8")
    first = check(str(tmp_path), "--format", "github").stdout.splitlines()[0]
    assert first.startswith("::error file=")
    assert "new%0Aline\t\\x1b.yaml,line=1," in first


def test_auto_is_github_under_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    assert check("conflict", "--format", "auto").stdout == check("conflict").stdout
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    github = check("conflict", "--format", "github").stdout
    assert check("conflict", "--format", "auto").stdout == github


# the GitHub step summary ----------------------------------------------------------------


@pytest.fixture
def table_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """A stand-in for reconcile.render.table, recording how it is called."""
    calls: list[tuple[Any, ...]] = []

    def render_table(report: Any, fmt: str = "github", **options: Any) -> str:
        calls.append((len(report.groups), fmt, options))
        return "| quantity | verdict |\n| --- | --- |\n| buses.departed | conflict |\n"

    stub = types.ModuleType("reconcile.render.table")
    stub.render_table = render_table  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reconcile.render.table", stub)
    return calls


def test_the_step_summary_is_appended_in_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("## an earlier step\n\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert check("conflict", "--format", "github").exit_code == 1
    assert check("conflict", "--format", "github").exit_code == 1
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("## an earlier step\n\n## reconcile check\n\n")
    part = written.removeprefix("## an earlier step\n\n")
    half = len(part) // 2
    assert part[:half] == part[half:]  # appended, once each run
    assert part[:half].startswith(
        "## reconcile check\n\n"
        "4 claims in 3 groups: 0 agree, 0 consistent, 2 single-source, 1 conflict; "
        "1 relation violated; 0 input errors\n\n"
        "### Groups\n\n"
        "| story | event | quantity | unit | verdict | values | best | estimate | gap "
        "| relative-gap |\n|---|---|---|---|---|---|---:|---:|---:|---:|\n"
    )
    assert "\n### Relations\n\n| story | event | relation | scope |" in part[:half]


def test_the_step_summary_is_written_only_for_github(
    table_calls: list[tuple[Any, ...]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    check("conflict", "--format", "sarif")
    check("conflict")
    assert not summary.exists()
    assert table_calls == []


def test_an_unwritable_step_summary_is_a_warning(
    table_calls: list[tuple[Any, ...]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no-such-folder" / "summary.md"))
    result = check("conflict", "--format", "github")
    assert result.exit_code == 1
    assert "reconcile: warning: cannot write the step summary to " in result.stderr
    assert result.stdout.startswith("::error ")


def test_the_step_summary_with_the_real_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("reconcile.render.table")
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    check("conflict", "--format", "github")
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("## reconcile check\n\n4 claims in 3 groups")
    groups, relations = written.split("### Relations")
    assert re.search(r"^\| test-convoy +\| convoy +\| buses.departed .*\| conflict ", groups, re.M)
    assert re.search(
        r"^\| test-convoy +\| convoy +\| buses.departed = .*\| violated ", relations, re.M
    )


_WIRE = "Example Wire, the international service of the Example News Agency"


def _many_groups(folder: Path, count: int) -> Path:
    """A table of ``count`` groups of two claims each; one group in ten a conflict."""
    lines = []
    for n in range(count):
        for outlet, value in ((_WIRE, 100), ("Example Post", 300 if n % 10 == 0 else 100)):
            record = {"story": "s", "event": "e", "quantity": f"q{n:05}", "value": str(value)}
            record |= {"outlet": outlet, "url": f"https://example.org/{n}"}
            lines.append(json.dumps(record))
    table = folder / "many.jsonl"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return table


def test_a_step_summary_too_long_for_github_shows_conflicts_first(tmp_path: Path) -> None:
    """GitHub drops a step summary of more than 1 MiB whole: the table is cut to fit,
    the groups that need attention kept, in their order, and the cut said."""
    from reconcile.render.github import STEP_SUMMARY_BYTES, step_summary

    report = reconcile.check([_many_groups(tmp_path, 8000)])
    full = step_summary(report, limit=10**9)
    assert len(full.encode()) > STEP_SUMMARY_BYTES  # the whole table would not do
    summary = step_summary(report)
    assert len(summary.encode()) <= STEP_SUMMARY_BYTES
    assert summary.startswith("## reconcile check\n\n16000 claims in 8000 groups")
    rows = re.findall(r"^\| s +\| e +\| (q\d+) +\|.*\| (conflict|agree) ", summary, re.M)
    shown = [quantity for quantity, _ in rows]
    assert shown == sorted(shown)  # in the report's order
    assert sum(verdict == "conflict" for _, verdict in rows) == 800  # every conflict
    assert f"\n{len(rows):,} of the 8,000 rows shown, those that need attention first" in summary
    small = step_summary(report, limit=20_000)
    assert len(small.encode()) <= 20_000
    assert set(re.findall(r"\| (conflict|agree) ", small)) == {"conflict"}  # those first


def test_a_step_summary_lists_the_input_problems_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that exits 2 says in its summary what to correct, as many problems as a
    quarter of the room takes, with the rest counted: the log lists them all."""
    from reconcile.render.github import step_summary

    monkeypatch.chdir(tmp_path)
    table = Path("claims.jsonl")
    table.write_text("".join('{"story": "s", "value": "lots"}\n' for _ in range(300)))
    report = reconcile.check([table])
    summary = step_summary(report, limit=20_000)
    assert len(summary.encode()) <= 20_000
    head, rest = summary.split("\n### Input problems\n\n")
    problems = rest.split("\n### Groups")[0]
    assert head.endswith("300 input errors\n")  # no event, quantity nor outlet: one each
    lines = problems.splitlines()
    assert lines[:2] == ["| file | line | column | code | message |", "|---|---:|---:|---|---|"]
    missing = "missing fields 'event', 'quantity' and 'outlet'"
    assert lines[2] == f"| {table} | 1 | 1 | invalid-field | {missing} |"
    shown = sum(line.startswith("| ") for line in lines) - 1
    assert 0 < shown < 300
    assert f"{shown:,} of the 300 input problems shown: the job's log lists them all." in summary


def test_a_step_summary_counts_what_the_step_wrote_before(tmp_path: Path) -> None:
    """GitHub keeps none of a step summary over 1 MiB, whoever wrote it: reconcile's
    fits in what is left, and where too little is, it is left out, with a warning."""
    table = _many_groups(tmp_path, 8000)
    summary = tmp_path / "summary.md"
    for before, written in ((600_000, True), (998_000, False)):
        summary.write_text("x" * before, encoding="utf-8")
        result = CliRunner().invoke(
            app,
            ["check", str(table), "--format", "github", "--fail-on", "never"],
            env={"GITHUB_STEP_SUMMARY": str(summary)},
        )
        assert result.exit_code == 0
        size = summary.stat().st_size
        if written:
            assert 990_000 < size <= 1_000_000 and result.stderr == ""
        else:
            assert size == before
            assert result.stderr == (
                f"reconcile: warning: the step summary {summary} holds 998,000 bytes already,"
                " and GitHub keeps none of one over 1 MiB: reconcile's is left out\n"
            )


def test_a_step_summary_that_is_a_pipe_is_written_whole(tmp_path: Path) -> None:
    """GITHUB_STEP_SUMMARY=/dev/stdout: a pipe has no size to count against the budget."""
    done = subprocess.run(
        [sys.executable, "-m", "reconcile", "check", "conflict", "--format", "github"],
        env={**os.environ, "GITHUB_STEP_SUMMARY": "/dev/stdout"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and done.stderr == ""
    assert "## reconcile check\n\n4 claims in 3 groups" in done.stdout


def test_a_step_summary_that_fits_is_whole(tmp_path: Path) -> None:
    from reconcile.render.github import step_summary

    report = reconcile.check([_many_groups(tmp_path, 40)])
    summary = step_summary(report)
    rows = re.findall(r"^\| s \| e \| (q\d+) \|", summary, re.M)
    assert rows == [f"q{n:05}" for n in range(40)]  # every group, in order
    assert "rows shown" not in summary


# SARIF --------------------------------------------------------------------------------------


def sarif(*args: str) -> dict[str, Any]:
    result = check(*args, "--format", "sarif")
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_sarif_is_a_2_1_0_document() -> None:
    document = sarif("conflict")
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-2.1.0.json")
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("reconcile", reconcile.__version__)
    assert run["columnKind"] == "unicodeCodePoints"
    for rule in driver["rules"]:
        assert set(rule) >= {
            "id",
            "shortDescription",
            "fullDescription",
            "help",
            "defaultConfiguration",
        }
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")


def test_sarif_has_one_rule_per_finding_and_input_problem_code() -> None:
    rules = sarif("conflict")["runs"][0]["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == [*FINDING_CODES, *PROBLEM_CODES]
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in rules}
    assert levels["value-conflict"] == "error" and levels["single-source"] == "warning"
    assert levels["invalid-value"] == "error"


def test_sarif_results_point_at_their_rule_and_their_place() -> None:
    (run,) = sarif("conflict")["runs"]
    results = [
        (
            r["ruleId"],
            run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in run["results"]
    ]
    place = {"startLine": 8, "startColumn": 12}
    assert results == [
        ("relation-violated", "relation-violated", "error", "conflict/gazette.yaml", place),
        ("value-conflict", "value-conflict", "error", "conflict/gazette.yaml", place),
        (
            "single-source",
            "single-source",
            "warning",
            "conflict/gazette.yaml",
            {**place, "startLine": 11},
        ),
        (
            "single-source",
            "single-source",
            "warning",
            "conflict/gazette.yaml",
            {**place, "startLine": 14},
        ),
    ]
    assert run["results"][1]["message"]["text"].startswith("convoy buses.departed: conflict: ")


def test_sarif_reports_input_problems_as_errors() -> None:
    (result,) = sarif("invalid")["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("invalid-value", "error")
    assert result["message"]["text"].startswith("cannot read 'lots' as a count")


def test_sarif_uris_are_relative_and_percent_encoded(hostile: str) -> None:
    (run,) = sarif(hostile)["runs"]
    locations = {
        json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"])
        for r in run["results"]
    }
    assert locations == {'{"uri": "odd%2Cname%3Adir/report.yaml", "uriBaseId": "%SRCROOT%"}'}
    assert "\x1b" not in json.dumps(run, ensure_ascii=False)


def test_sarif_names_a_file_outside_the_source_root_by_its_file_uri(
    datadir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``../claims`` from %SRCROOT% would point outside it, where code scanning cannot
    place a result: such a file is named by its absolute file URI, as one given so is."""
    inside = tmp_path / "repository"
    (inside / ".git").mkdir(parents=True)
    shutil.copytree(datadir / "invalid", tmp_path / "claims")
    (inside / "sub").mkdir()
    monkeypatch.chdir(inside)
    for path in ("../claims", "sub/../../claims"):
        (result,) = sarif(path)["runs"][0]["results"]
        where = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert where == {"uri": (tmp_path / "claims" / "gazette.yaml").as_uri()}


def test_sarif_is_written_as_the_standard_library_writes_its_document(hostile: str) -> None:
    """Results are encoded one at a time, in C: the text is json.dumps's, byte for byte,
    with names, escapes and acknowledgements in it."""
    from reconcile.render.sarif import to_sarif_document

    tests = Path(__file__).parent
    paths = [Path(hostile), tests / "data" / "hostile", tests / "test_acknowledgements"]
    report = reconcile.check(paths)
    document = to_sarif_document(report)
    assert len(document["runs"][0]["results"]) > 10
    assert any("suppressions" in result for result in document["runs"][0]["results"])
    expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert check(*map(str, paths), "--format", "sarif").stdout == expected


ARABIC = "الجزيرة"  # an outlet's name, as a story of the region may well hold


@pytest.fixture
def arabic_table(tmp_path: Path) -> Path:
    records = [
        {"story": "s", "event": "e", "quantity": "q", "value": str(value), "outlet": outlet}
        for value, outlet in ((10, ARABIC), (20, "Example Wire"))
    ]
    table = tmp_path / "claims.jsonl"
    table.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return table


def _reconcile(args: list[str], **streams: Any) -> subprocess.CompletedProcess[bytes]:
    """The program, in a process of its own, its output encoded in ASCII."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "100"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    command = [sys.executable, "-m", "reconcile", *args]
    return subprocess.run(command, env=env, check=False, **streams)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "text"],
        ["check", "--format", "json"],
        ["check", "--format", "github"],
        ["check", "--format", "sarif"],
        ["check", "--format", "junit"],
        ["report"],
        ["table"],
    ],
)
def test_output_that_cannot_take_every_character_is_written_in_utf8(
    args: list[str], arabic_table: Path
) -> None:
    """A file or pipe whose encoding cannot take a claim's characters (a legacy code
    page) gets UTF-8, which the machine formats are read in, rather than a crash."""
    result = _reconcile([*args, str(arabic_table)], capture_output=True)
    assert result.returncode in (0, 1), result.stderr
    assert ARABIC in result.stdout.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="a terminal made with pty")
def test_a_terminal_that_cannot_show_a_character_shows_its_escape(arabic_table: Path) -> None:
    import pty

    terminal, program_side = pty.openpty()
    result = _reconcile(["check", str(arabic_table)], stdout=program_side, stderr=subprocess.PIPE)
    os.close(program_side)
    shown = b""
    with contextlib.suppress(OSError):  # the terminal is gone once all is read
        while chunk := os.read(terminal, 65536):
            shown += chunk
    os.close(terminal)
    assert result.returncode == 1, result.stderr
    assert "claim of \\u0627\\u0644" in shown.decode("ascii")


@pytest.mark.skipif(sys.platform == "win32", reason="closes a descriptor before exec")
def test_a_closed_stdout_is_said_to_be_closed(arabic_table: Path) -> None:
    result = _reconcile(
        ["check", str(arabic_table)], stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1)
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "reconcile: standard output is closed; send it to a file or to /dev/null\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="closes a descriptor before exec")
def test_a_closed_stderr_silences_what_would_go_there(arabic_table: Path) -> None:
    result = _reconcile(
        ["check", str(arabic_table), "--format", "json"],
        stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
    )
    assert result.returncode == 1  # the claims conflict
    assert json.loads(result.stdout)["summary"]["conflict"] == 1


@pytest.mark.parametrize("format", ["json", "sarif", "github"])
def test_a_document_is_not_left_half_written_on_a_stream_that_fails(
    format: str, arabic_table: Path
) -> None:
    """JSON, SARIF and GitHub annotations are written as they are made where stdout
    takes any text; elsewhere (the app embedded, its stdout not made to) at once, so
    that a character it cannot take leaves nothing half written."""
    ascii_first = arabic_table.parent / "before.jsonl"  # a group written before the name
    record = {"story": "s", "event": "e", "quantity": "a", "value": "1", "outlet": "Wire"}
    ascii_first.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner(charset="ascii").invoke(
        app, ["check", str(ascii_first), str(arabic_table), "--format", format]
    )
    assert result.exit_code != 0
    assert result.stdout_bytes == b""


# JUnit --------------------------------------------------------------------------------------


def junit(*args: str) -> ET.Element:
    return ET.fromstring(check(*args, "--format", "junit").stdout.encode())


def cases(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    found = {(c.get("classname", ""), c.get("name", "")): c for c in root.iter("testcase")}
    assert len(found) == len(list(root.iter("testcase"))), "a (classname, name) pair repeats"
    return found


def test_junit_has_a_case_per_group_and_relation_row() -> None:
    root = junit("conflict")
    found = cases(root)
    assert sorted(found) == [
        ("test-convoy.convoy", "buses.departed"),
        ("test-convoy.convoy", "buses.departed = buses.stranded + buses.returned (consensus)"),
        (
            "test-convoy.convoy",
            "buses.departed = buses.stranded + buses.returned (report: conflict/gazette.yaml, "
            "as of 2017-09-02)",
        ),
        ("test-convoy.convoy", "buses.returned"),
        ("test-convoy.convoy", "buses.stranded"),
    ]
    failed = {key for key, case in found.items() if case.find("failure") is not None}
    assert failed == {
        ("test-convoy.convoy", "buses.departed"),
        (
            "test-convoy.convoy",
            "buses.departed = buses.stranded + buses.returned (report: conflict/gazette.yaml, "
            "as of 2017-09-02)",
        ),
    }
    failure = found[("test-convoy.convoy", "buses.departed")].find("failure")
    assert failure is not None and failure.get("type") == "value-conflict"
    stranded = found[("test-convoy.convoy", "buses.stranded")]
    assert stranded.findtext("system-out") == (
        "conflict/gazette.yaml:11:12: warning: convoy buses.stranded: single-source: "
        "only from Example Gazette: 10 [single-source]"
    )


def test_a_failing_junit_case_names_the_file_of_its_failure(tmp_path: Path) -> None:
    """The group's claims come in date order (the Wire's, a day earlier, first), but its
    conflict is reported at the Gazette's claim: the case points a reader there."""
    story = tmp_path / "junit-story"
    story.mkdir()
    (story / "story.yaml").write_text(
        "story: junit-test\nevents: {convoy: {}}\nquantities: {buses.departed: {}}\n"
    )
    report = "source: {outlet: %s, url: 'https://example.org/%s', published: %s}\n"
    report += "claims:\n  - {event: convoy, quantity: buses.departed, value: '%s'}\n"
    (story / "a.yaml").write_text(report % ("Example Gazette", "a", "2017-09-02", "17"))
    (story / "b.yaml").write_text(report % ("Example Wire", "b", "2017-09-01", "20"))
    root = ET.fromstring(check(str(story), "--format", "junit").stdout.encode())
    (case,) = root.iter("testcase")
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    assert failure.text.startswith(f"{story / 'a.yaml'}:3:")
    assert case.get("file") == str(story / "a.yaml")


def test_junit_names_its_cases_alike_from_any_folder_of_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitLab keeps a test's history by its classname and name: a job run from another
    folder must not start new histories for the same findings."""
    (tmp_path / ".git").mkdir()
    story = tmp_path / "claims" / "s"
    story.mkdir(parents=True)
    (story / "story.yaml").write_text(
        "story: s\nevents: {convoy: {}}\nquantities: {a: {}, b: {}}\nrelations: [a < b]\n"
    )
    (story / "r.yaml").write_text(
        "source: {outlet: Example Wire, url: 'https://example.org'}\n"
        "claims:\n  - {event: convoy, quantity: a, value: '20'}\n"
        "  - {event: convoy, quantity: b, value: '10'}\n"
    )
    (story / "broken.yaml").write_text("claims: [\n")

    def names(folder: Path, path: str) -> list[str]:
        monkeypatch.chdir(folder)
        root = ET.fromstring(check(path, "--format", "junit").stdout.encode())
        texts = [element.text or "" for kind in ("failure", "error") for element in root.iter(kind)]
        return sorted(case.get("name", "") for case in root.iter("testcase")) + sorted(texts)

    from_the_root = names(tmp_path, "claims")
    assert "a < b (report: claims/s/r.yaml)" in from_the_root
    assert any(name.startswith("yaml-syntax at claims/s/broken.yaml:") for name in from_the_root)
    assert names(story, "..") == from_the_root  # the same claims folder


def test_a_junit_failure_is_named_by_its_worst_finding(tmp_path: Path) -> None:
    """Under --fail-on warning a warning (no provenance, at the first claim) fails the
    case too; GitLab shows the failure's type and message, which must be the conflict."""
    story = tmp_path / "junit-story"
    story.mkdir()
    (story / "story.yaml").write_text(
        "story: junit-test\nevents: {convoy: {}}\nquantities: {buses.departed: {}}\n"
    )
    (story / "a.yaml").write_text(
        "source: {outlet: Example A}\nclaims:\n"
        "  - {event: convoy, quantity: buses.departed, value: '5'}\n"
        "  - {event: convoy, quantity: buses.departed, value: '7'}\n"
    )
    root = ET.fromstring(
        check(str(story), "--format", "junit", "--fail-on", "warning").stdout.encode()
    )
    failure = root.find(".//testcase[@name='buses.departed']/failure")
    assert failure is not None and failure.text is not None
    assert failure.get("type") == "value-conflict"
    assert [line.rsplit("[", 1)[1] for line in failure.text.splitlines()] == [
        "value-conflict]",
        "no-provenance]",
        "no-provenance]",
    ]


@pytest.mark.parametrize(
    ("story", "fail_on"),
    [("conflict", "error"), ("single-source", "warning"), ("two-dates", "never")],
)
def test_junit_counts_add_up(story: str, fail_on: str) -> None:
    root = junit(story, "--fail-on", fail_on)
    (suite,) = root.iter("testsuite")
    testcases = list(suite.iter("testcase"))
    for element in (root, suite):
        assert element.get("tests") == str(len(testcases))
        assert element.get("failures") == str(sum(c.find("failure") is not None for c in testcases))
        assert element.get("errors") == str(sum(c.find("error") is not None for c in testcases))


def test_junit_fails_warnings_under_fail_on_warning() -> None:
    assert junit("single-source").find(".//failure") is None
    failure = junit("single-source", "--fail-on", "warning").find(".//failure")
    assert failure is not None and failure.get("type") == "single-source"


def test_junit_input_problems_are_errors() -> None:
    found = cases(junit("invalid"))
    error = found[("input", "invalid-value at invalid/gazette.yaml:7:12")].find("error")
    assert error is not None and error.get("type") == "invalid-value"


def test_json_tells_a_report_s_relation_rows_of_two_dates_apart() -> None:
    """One report gives the relation's quantities for two dates: a row each, which only
    their date tells apart (SPEC: report scope is "for one date")."""
    document = json.loads(check("two-dates", "--format", "json").stdout)
    rows = [(r["scope"], r.get("as_of"), r["status"]) for r in document["relations"]]
    assert rows == [
        ("consensus", None, "unknown"),
        ("report", "2017-09-01", "violated"),
        ("report", "2017-09-02", "violated"),
    ]


def test_junit_names_a_report_s_relation_rows_by_their_dates() -> None:
    """By date, not numbered: a date added before the others would shift the numbers,
    and with them each case's history in GitLab or Jenkins."""
    names = [name for _, name in cases(junit("two-dates"))]
    relation = "buses.departed = buses.stranded + buses.returned (report: two-dates/wire.yaml"
    assert f"{relation}, as of 2017-09-01)" in names
    assert f"{relation}, as of 2017-09-02)" in names


def test_check_says_the_date_of_a_report_s_relation_row() -> None:
    lines = check("two-dates").stdout.splitlines()
    dated = [line for line in lines if "(report, as of " in line]
    assert [line.split("(report, as of ")[1][:10] for line in dated] == [
        "2017-09-01",
        "2017-09-02",
    ]


def test_junit_is_well_formed_whatever_the_claims_hold(hostile: str) -> None:
    output = check(hostile, "--format", "junit").stdout
    root = ET.fromstring(output.encode())  # raises on characters XML 1.0 forbids
    assert "\x1b" not in output and "\x0b" not in output
    (case,) = root.iter("testcase")
    assert case.get("file") == "odd,name:dir/report.yaml"
    assert "Example 100% Gazette\\x0a::error::x\\x1b[31m\\x0b, <b>&</b>" in (
        case.findtext("system-out") or ""
    )


# machine formats are plain -------------------------------------------------------------------


@pytest.mark.parametrize("format", ["json", "github", "sarif", "junit"])
def test_machine_formats_carry_no_terminal_styling(
    format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    output = check("conflict", "--format", format).stdout
    assert "\x1b" not in output
    assert output == check("conflict", "--format", format).stdout


def test_every_input_problem_code_has_a_rule() -> None:
    """The SARIF rules and the README list PROBLEM_CODES: a new code must join it."""
    source = Path(reconcile.__file__).parent
    used = set()
    for path in source.rglob("*.py"):
        used |= set(re.findall(r'(?:Problem|InputError)\(\s*"([a-z-]+)"', path.read_text()))
    assert used <= set(PROBLEM_CODES), sorted(used - set(PROBLEM_CODES))
    assert not set(PROBLEM_CODES) & set(FINDING_CODES)


def test_ci_formats_name_files_from_the_repository_root(
    datadir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub places annotations and SARIF results by the path from the repository's
    root, wherever in the repository reconcile was run; JUnit's cases name them alike."""
    repository = tmp_path / "newsroom"
    (repository / ".git").mkdir(parents=True)
    shutil.copytree(datadir / "conflict", repository / "claims" / "conflict")
    monkeypatch.chdir(repository / "claims")
    (run,) = sarif("conflict")["runs"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris and all(uri.startswith("claims/conflict/") for uri in uris)
    annotations = check("conflict", "--format", "github").stdout
    assert "::error file=claims/conflict/" in annotations
    files = {case.get("file", "") for case in junit("conflict").iter("testcase")}
    assert files and all(file.startswith("claims/conflict/") for file in files)


def test_a_step_summary_with_no_room_shows_no_rows_and_ends() -> None:
    """A limit smaller than the summary's head leaves room for no row: the tables say
    so (this once over the limit) instead of looking for rows that fit for ever."""
    from reconcile.render.github import step_summary

    report = reconcile.check([Path(__file__).parents[1] / "claims"])
    for limit in (0, 100, 400):
        summary = step_summary(report, limit=limit)
        assert "\n0 of the 13 rows shown, those that need attention first" in summary
        assert "\n0 of the 3 rows shown" in summary  # the relation checks


def test_one_wide_row_does_not_crowd_out_the_others(tmp_path: Path) -> None:
    """The summary's tables are not padded: a 20 KB name in one row no longer makes
    every row 20 KB wide (2,000 conflicts cut to 49, and 850 MB to find that)."""
    from reconcile.render.github import step_summary

    lines = []
    for n in range(2000):
        for outlet, value in (("Example Wire", 100), ("Example Post", 300)):
            record = {"story": "s", "event": "e", "quantity": f"q{n:04}", "value": str(value)}
            lines.append(json.dumps(record | {"outlet": outlet, "url": "u"}))
    wide = {"story": "s", "event": "e", "quantity": "wide", "value": "1", "url": "u"}
    lines.append(json.dumps(wide | {"outlet": "Example " * 2500}))
    table = tmp_path / "claims.jsonl"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = step_summary(reconcile.check([table]))
    assert len(re.findall(r"\| conflict \|", summary)) == 2000
    assert "rows shown" not in summary and len(summary.encode()) < 400_000
