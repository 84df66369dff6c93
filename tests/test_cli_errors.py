"""A bug is not an input error: exit 3 and one line asking for a report; --debug shows why.

And usage errors are exit 2 with click's own message, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import reconcile
import reconcile.loading
import reconcile.reconciler
import reconcile.values
from reconcile.cli import BUG_REPORT_REQUEST, app

runner = CliRunner()

GOOD = Path(__file__).parent / "data" / "hostile" / "good"
ASK = BUG_REPORT_REQUEST
ONE_LINE = f"reconcile: internal error (RuntimeError: something broke); {ASK}\n"
COMMANDS = [
    ("report", str(GOOD)),
    ("report", str(GOOD), "--format", "json"),
    ("check", str(GOOD)),
    ("check", str(GOOD), "--format", "json"),
    ("table", str(GOOD)),
]


def fail(*args: object, **kwargs: object) -> None:
    raise RuntimeError("something broke\nin two lines")


@pytest.fixture(params=["loading", "reconciling"])
def broken(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in one of the library's steps."""
    if request.param == "loading":
        monkeypatch.setattr(reconcile.loading, "load", fail)
    else:
        monkeypatch.setattr(reconcile.reconciler, "reconcile", fail)


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


@pytest.mark.usefixtures("broken")
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:1] + a[2:]) for a in COMMANDS])
def test_a_bug_exits_3_with_one_line(args: tuple[str, ...]) -> None:
    result = invoke(*args)
    assert result.exit_code == 3
    assert result.stderr == ONE_LINE
    assert result.stdout == ""


@pytest.mark.usefixtures("broken")
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:1] + a[2:]) for a in COMMANDS])
def test_debug_shows_the_traceback(args: tuple[str, ...]) -> None:
    result = invoke(*args, "--debug")
    assert result.exit_code == 3
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert "RuntimeError: something broke\nin two lines\n" in result.stderr
    assert result.stderr.endswith(ONE_LINE)


def test_a_bug_in_explain_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reconcile.values, "read_value", fail)
    result = invoke("explain", "about 600")
    assert result.exit_code == 3
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" in invoke("explain", "about 600", "--debug").stderr


def test_the_one_line_shows_no_control_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail_with_escapes(*args: object) -> None:
        raise ValueError("cannot handle '\x1b[31mred\u202e'\x07")

    monkeypatch.setattr(reconcile.reconciler, "reconcile", fail_with_escapes)
    result = invoke("check", str(GOOD))
    assert result.exit_code == 3
    assert result.stderr.startswith(
        "reconcile: internal error (ValueError: cannot handle '\\x1b[31mred\\u202e'\\x07); "
    )


@pytest.mark.parametrize("error", [RecursionError, MemoryError, KeyError, AssertionError])
def test_any_exception_is_a_bug(monkeypatch: pytest.MonkeyPatch, error: type[Exception]) -> None:
    def fail_with(*args: object) -> None:
        raise error("x")

    monkeypatch.setattr(reconcile.reconciler, "reconcile", fail_with)
    result = invoke("check", str(GOOD))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"reconcile: internal error ({error.__name__}: ")


def test_a_real_process_prints_one_line_and_no_traceback() -> None:
    program = textwrap.dedent(
        """
        import sys
        import reconcile.reconciler

        def fail(corpus):
            raise RuntimeError("something broke")

        reconcile.reconciler.reconcile = fail
        sys.argv = ["reconcile", "check", sys.argv[1]]
        from reconcile.cli import main
        main()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(GOOD)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr == ONE_LINE


# Usage errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--format", "yaml"], "Invalid value for '--format'"),
        (["check", "--fail-on", "sometimes"], "Invalid value for '--fail-on'"),
        (["check", "--max-file-size", "big"], "Invalid value for '--max-file-size'"),
        (["check", "--max-file-size", "0"], "Invalid value for '--max-file-size'"),
        (["report", "--no-such-option"], "No such option: --no-such-option"),
        (["reconcile-everything"], "No such command 'reconcile-everything'"),
        (["explain"], "Missing argument 'VALUE'"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_tolerance_is_a_usage_error() -> None:
    result = invoke("explain", "about 600", "--tolerance", "ten percent")
    assert result.exit_code == 2
    assert result.stderr == (
        "reconcile: --tolerance takes a number from 0 to 1 such as 0.10, not 'ten percent'\n"
    )


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["report", "--format", "json"], 0),  # report fails on nothing by default
        (["report"], 0),
        (["check", "--fail-on", "never"], 0),
        (["check", "--fail-on", "warning"], 1),  # no url, no quote: a warning per claim
        (["check", "--format", "json", "--fail-on", "never", "-j", "2"], 0),  # in parallel
        (["check", "--format", "json", "--fail-on", "warning", "-j", "2"], 1),
        (["check", "--format", "sarif", "--fail-on", "never"], 0),
        (["table", "--format", "csv"], 0),
    ],
)
def test_a_reader_that_stops_early_changes_no_exit_status(
    tmp_path: Path, args: list[str], status: int
) -> None:
    """``reconcile ... | head -1``: the closed pipe ends the run quietly, with the status
    the run has (click's exit 1 on a closed pipe would say there were findings)."""
    table = tmp_path / "claims.jsonl"
    records = (
        f'{{"story": "big-{n % 2}", "event": "e", "quantity": "q{n}", "value": "{n}", '
        f'"outlet": "Example Gazette"}}\n'
        for n in range(4000)
    )
    table.write_text("".join(records))  # its outputs are more than a pipe holds
    command = [sys.executable, "-m", "reconcile", *args, str(table)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read().decode()
    assert process.returncode == status, stderr
    told = "--fail-on" in args and "warning" in args and "json" in args
    assert stderr == (LEFT_OUT_OF_JSON if told else "")


# What --format json --fail-on warning says of the findings the document cannot show.
LEFT_OUT_OF_JSON = (
    "reconcile: 4,000 findings that the JSON document does not show (no-provenance 4,000);"
    " reconcile check --format text on the same paths lists them\n"
)


def _big_table(folder: Path, *, bad_values: bool = False) -> Path:
    table = folder / "claims.jsonl"
    records = (
        f'{{"story": "big-{n % 2}", "event": "e", "quantity": "q{n}", '
        f'"value": "{"lots" if bad_values and n % 2 else n}", "outlet": "Example Gazette"}}\n'
        for n in range(1500)
    )
    table.write_text("".join(records))  # its outputs, and its problems, overflow a pipe
    return table


def _stopping_early(command: list[str], **kwargs: object) -> tuple[int, str]:
    """Run ``command``, read one line of its stdout and close it: its status and stderr."""
    with subprocess.Popen(
        [sys.executable, "-m", "reconcile", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[call-overload]
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read().decode()
    return process.returncode, stderr


def test_a_report_still_saves_its_files_when_its_reader_stops_early(tmp_path: Path) -> None:
    svg, html = tmp_path / "report.svg", tmp_path / "report.html"
    command = ["report", str(_big_table(tmp_path)), "--svg", str(svg), "--html", str(html)]
    assert _stopping_early(command) == (0, "")
    assert svg.read_text().startswith("<svg") and "q1499" in svg.read_text()
    assert "q1499" in html.read_text()


def test_the_step_summary_is_written_when_the_reader_stops_early(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    environment = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    command = ["check", str(_big_table(tmp_path)), "--format", "github", "-j", "1"]
    assert _stopping_early(command, env=environment) == (0, "")
    assert summary.read_text().startswith("## reconcile")


@pytest.mark.parametrize("command", [["table"], ["report"], ["check"]])
def test_a_reader_of_stderr_that_stops_early_changes_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    """The problems go to stderr; its reader stopping changes neither stdout nor the status."""
    table = _big_table(tmp_path, bad_values=True)
    out = tmp_path / "out.txt"
    with (
        out.open("wb") as stdout,
        subprocess.Popen(
            [sys.executable, "-m", "reconcile", *command, str(table)],
            stdout=stdout,
            stderr=subprocess.PIPE,
        ) as process,
    ):
        assert process.stderr is not None
        process.stderr.readline()
        process.stderr.close()
    assert process.returncode == 2  # the values that cannot be read
    whole = subprocess.run(
        [sys.executable, "-m", "reconcile", *command, str(table)],
        capture_output=True,
        check=False,
    )
    assert out.read_bytes() == whole.stdout


@pytest.mark.parametrize(
    "command", [["--version"], ["--help"], ["check", "--help"], ["explain", "600"], ["schema"]]
)
def test_output_to_a_reader_already_gone_is_no_failure(command: list[str]) -> None:
    """A pipe whose reader has gone before a word is written: the command still ends 0
    (click ends --help and --version so with exit 1, which means findings)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reconcile", *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command",
    [
        ["--help"],
        ["--version"],
        ["explain", "600"],
        ["check", str(GOOD)],
        ["check", str(GOOD), "--format", "json", "-j", "2"],
        ["table", str(GOOD)],
        ["report", str(GOOD)],
    ],
)
def test_a_full_disk_is_no_bug(command: list[str]) -> None:
    """Output that cannot be written (a full disk, a quota): said in a line, exit 2."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "reconcile", *command],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == b"reconcile: cannot write the output: No space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    ("command", "status"),
    [
        (["check", "--bogus"], 2),  # click's usage message
        (["table", str(GOOD.parent)], 2),  # the problems of the hostile files
        (["report", str(GOOD), "--svg", "/dev/stderr"], 2),  # a save that fails says so
    ],
)
def test_a_full_disk_under_stderr_changes_no_exit_status(command: list[str], status: int) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "reconcile", *command],
            stdout=subprocess.PIPE,
            stderr=full,
            check=False,
        )
    assert done.returncode == status


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_save_to_a_stderr_that_has_failed_fails(tmp_path: Path) -> None:
    """Run with no ./claims, reconcile says on stderr that it reads the example story; on a
    full disk that fails, and stderr then writes nowhere. --svg /dev/stderr must fail too,
    not save into nowhere and end 0."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "reconcile", "report", "--svg", "/dev/stderr"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=full,
            check=False,
        )
    assert done.returncode == 2


def test_a_step_summary_pipe_no_process_reads_is_a_warning_not_a_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "summary"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "reconcile", "check", str(GOOD), "--format", "github"],
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(fifo)},
        capture_output=True,
        text=True,
        timeout=60,  # a wait forever fails the test, rather than hang the suite
        check=False,
    )
    assert done.stderr == (
        f"reconcile: warning: cannot write the step summary to {fifo}: "
        "no process reads from this pipe\n"
    )


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"reconcile {reconcile.__version__}\n"
