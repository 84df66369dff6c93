"""Stories judged by several processes give the JSON report one process gives, byte
for byte, with the same exit status: whatever the input holds, however it is shared."""

from __future__ import annotations

import io
import json
import multiprocessing
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from reconcile import parallel, partition
from reconcile.cli import FailOn, app, exit_status
from reconcile.loading import load, tables
from reconcile.parallel import (
    GroupParts,
    Outcome,
    findings_in_parallel,
    write_json_in_parallel,
)
from reconcile.partition import WHOLE, Share, shares, workers_for
from reconcile.problems import Location, Problem
from reconcile.reconciler import reconcile
from reconcile.render import github
from reconcile.render.findings import render_findings
from reconcile.render.github import GroupRows, rows_that_may_show, step_summary, taking_order
from reconcile.render.json import to_json
from reconcile.render.junit import group_cases, to_junit
from reconcile.report import (
    FINDING_CODES,
    Finding,
    beside_verdicts,
    listing_order,
    with_findings_of,
)

TESTS = Path(__file__).parent
EXAMPLE = TESTS.parent / "claims"
# Every folder of test data: each case of each test module, and the example story.
CASES = sorted(
    {path.parent for path in TESTS.glob("*/*/*") if path.is_file() and "__" not in str(path)}
    | {path.parent for path in TESTS.glob("data/hostile/*/*") if path.is_file()}
)


def serial(paths: list[Path], codes: set[str] | frozenset[str] = frozenset(FINDING_CODES)):
    report = with_findings_of(reconcile(load(paths)), codes)
    beside = dict(beside_verdicts(report.findings))
    return to_json(report).encode(), Outcome(len(report.problems), report.worst_severity(), beside)


def in_parallel(
    paths: list[Path], workers: int, codes: set[str] | frozenset[str] = frozenset(FINDING_CODES)
):
    out = io.BytesIO()
    outcome = write_json_in_parallel(paths, out, workers=workers, max_bytes=10_000_000, codes=codes)
    return out.getvalue(), outcome


SUMMARY_ROWS = GroupParts(rows_that_may_show, taking_order)


def summary_rows(paths: list[Path], workers: int, codes=frozenset(FINDING_CODES)):
    """The report of ``paths`` judged in parallel, and the rows of its step summary."""
    report, rows = findings_in_parallel(
        paths, workers=workers, max_bytes=10**7, codes=codes, groups=SUMMARY_ROWS
    )
    assert rows is not None
    return report, GroupRows(rows, report.summary()["groups"])


def listed(paths: list[Path], workers: int, codes: frozenset[str] = frozenset(FINDING_CODES)):
    """The findings of ``paths`` in each format that lists only them, the GitHub
    step summary, the JUnit document and the exit status under --fail-on warning: in
    one process (``workers`` 1) or in parallel."""
    rows, cases = None, None
    if workers == 1:
        report = with_findings_of(reconcile(load(paths)), codes)
    else:
        report, rows = summary_rows(paths, workers, codes)
        _, cases = findings_in_parallel(
            paths, workers=workers, max_bytes=10**7, codes=codes, groups=GroupParts(group_cases)
        )
    formats = ["text", "sarif", "github"]
    rendered = [render_findings(report, format, fail_on="warning") for format in formats]
    rendered.append(to_junit(report, fail_on="warning", groups=cases))
    return rendered, step_summary(report, rows=rows), exit_status(report, FailOn.warning)


@pytest.mark.parametrize("case", CASES, ids=lambda path: str(path.relative_to(TESTS.parent)))
def test_every_test_folder_reads_the_same_in_parallel(case: Path) -> None:
    expected = serial([case])
    assert in_parallel([case], 2) == expected
    assert in_parallel([case], 3) == expected
    assert listed([case], 2) == listed([case], 1)


def test_all_test_data_at_once_reads_the_same_in_parallel() -> None:
    paths = [EXAMPLE, *(TESTS / "data" / "hostile").iterdir()]
    assert in_parallel(paths, 2) == serial(paths)
    assert listed(paths, 3) == listed(paths, 1)


def test_findings_left_out_are_left_out_in_parallel_too() -> None:
    codes = frozenset({"value-conflict"})
    assert in_parallel([EXAMPLE], 2, codes) == serial([EXAMPLE], codes)
    assert listed([EXAMPLE], 2, codes) == listed([EXAMPLE], 1, codes)


def test_groups_copied_by_the_kernel_into_a_file_are_the_same(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    with target.open("wb") as out:
        write_json_in_parallel(
            [EXAMPLE], out, workers=2, max_bytes=10_000_000, codes=set(FINDING_CODES)
        )
    assert target.read_bytes() == serial([EXAMPLE])[0]


# -- any table, any share -------------------------------------------------------------

_STORIES = st.sampled_from(["s", "t", "u", "story-4", "Bad Id", "true"])
_RECORD = st.fixed_dictionaries(
    {
        "story": st.one_of(_STORIES, st.sampled_from([True, 5, 1.5, None, ["s"]])),
        "event": st.sampled_from(["e", "e", "f"]),
        "quantity": st.sampled_from(["q", "q", "d"]),
        "value": st.sampled_from(["17", "seventeen", "about 600", "lots", "2017-09-01"]),
        "outlet": st.sampled_from(["Example Wire", "the example wire", "Example Post"]),
    },
    optional={
        "attributed_to": st.sampled_from(["Example Ministry", "example ministry"]),
        "as_of": st.sampled_from(["2017-09-01", "2017-09", "soon"]),
        "id": st.sampled_from(["a", "b"]),
        "cites": st.sampled_from([["Example Wire"], ["A", "B"], "A; B"]),
        "url": st.sampled_from(["https://example.org/a", 5]),
        "colour": st.just("red"),
    },
)
_LINE = st.one_of(
    _RECORD.map(json.dumps),
    st.sampled_from(
        [
            "",
            "{",
            "[]",
            '{"story": "s", "story": "t", "event": "e", "quantity": "q", "value": "1", '
            '"outlet": "O"}',
            '{"story": "t", "event": "e", "quantity": "q", "value": {"n": 1}, "outlet": "O"}',
            '{"story": "u", "event": "e", "quantity": "q", "value": NaN, "outlet": "O"}',
            '{"story": "\\ud800", "event": "e", "quantity": "q", "value": "1", "outlet": "O"}',
            '{"story": "s\\u0074", "event": "e", "quantity": "q", "value": "1", "outlet": "O"}',
        ]
    ),
)
STORY = "story: {id}\nevents: {{e: {{}}}}\nquantities: {{q: {{}}, d: {{type: date}}}}\n"
REPORT = """source: {outlet: Example Gazette, url: "https://example.org/1"}
claims:
  - {event: e, quantity: q, value: "about 20", quote: "about 20 buses"}
  - {event: e, quantity: x, value: "21"}
"""


@settings(max_examples=40, deadline=None)
@given(
    lines=st.lists(_LINE, min_size=1, max_size=60),
    sorted_by_story=st.booleans(),
    declared=st.lists(_STORIES, max_size=2),
    workers=st.sampled_from([2, 3]),
    run_bytes=st.sampled_from([64, 300, 1 << 18]),
)
def test_any_table_reads_the_same_in_parallel(
    lines: list[str], sorted_by_story: bool, declared: list[str], workers: int, run_bytes: int
) -> None:
    if sorted_by_story:  # the usual order of a large table: runs of one story
        lines.sort()
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(tables, "RUN_BYTES", run_bytes)  # the workers are forked: they see it
        root = Path(folder)
        (root / "claims.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for story in declared:
            (root / story).mkdir(exist_ok=True)
            (root / story / "story.yaml").write_text(STORY.format(id=story), encoding="utf-8")
            (root / story / "report.yaml").write_text(REPORT, encoding="utf-8")
        assert in_parallel([root], workers) == serial([root])
        assert listed([root], workers) == listed([root], 1)


_CSV_ROW = st.lists(
    st.sampled_from(["s", "t", "u", "Bad Id", "", "e", "q", "17", "lots", "Example Wire", "a,b"]),
    min_size=5,
    max_size=6,
)


_CSV_HEADER = st.sampled_from(
    [
        ["story", "event", "quantity", "value", "outlet"],
        ["story", "event", "quantity", "value", "outlet", "Quote"],  # an unknown column
        ["Story", "event", "quantity", "value", "outlet"],  # and no story
        ["story", "event", "value", "outlet", "quote"],  # no quantity
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    header=_CSV_HEADER,
    rows=st.lists(_CSV_ROW, min_size=1, max_size=60),
    declared=st.lists(_STORIES, max_size=2),
    workers=st.sampled_from([2, 3]),
    run_bytes=st.sampled_from([64, 300, 1 << 18]),
)
def test_any_csv_table_reads_the_same_in_parallel(
    header: list[str], rows: list[list[str]], declared: list[str], workers: int, run_bytes: int
) -> None:
    """Each row's problems are said once, by the worker whose share its story is, as the
    fast path reads it (a row it does not take, as the row-by-row reader reads it); the
    header's, once, by the worker of what has no story."""
    import csv

    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(tables, "RUN_BYTES", run_bytes)  # the workers are forked: they see it
        root = Path(folder)
        with (root / "claims.csv").open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
        for story in declared:
            (root / story).mkdir(exist_ok=True)
            (root / story / "story.yaml").write_text(STORY.format(id=story), encoding="utf-8")
        assert in_parallel([root], workers) == serial([root])
        assert listed([root], workers) == listed([root], 1)


# -- sharing out ----------------------------------------------------------------------


def test_each_story_falls_to_exactly_one_worker() -> None:
    stories = ["s", "story-4", "hama-convoy-2017", "é", "\ud800", ""]
    for count in (1, 2, 3, 8):
        for known in ([], ["s", "é", "not in the input"]):
            dealt = shares(count, known)
            for story in stories:
                assert sum(share.keeps(story) for share in dealt) == 1


def test_what_has_no_story_falls_to_the_first_worker() -> None:
    assert [Share(index, 3).keeps(None) for index in range(3)] == [True, False, False]
    assert Share(0, 2).keeps(5) and not Share(1, 2).keeps(["s"])
    assert WHOLE.keeps("anything") and WHOLE.keeps(None)


def test_a_few_stories_seen_beforehand_are_dealt_to_every_worker(tmp_path: Path) -> None:
    alike = ["story-0", "story-1", "story-2"]  # their ids all hash to the first of two
    assert all(Share(0, 2).keeps(story) for story in alike)
    line = '{{"story": "{}", "event": "e", "quantity": "q", "value": "1", "outlet": "O"}}\n'
    table = tmp_path / "claims.jsonl"
    table.write_text("".join(line.format(story) * 4000 for story in alike))  # sorted by story
    known = partition.known_stories([tmp_path])  # start, middle and end sampled
    assert known == set(alike)
    first, second = shares(2, known)
    assert [first.keeps(story) for story in alike] == [True, False, True]
    assert [second.keeps(story) for story in alike] == [False, True, False]
    assert first.keeps("story-3") and not second.keeps("story-3")  # unseen: by hash


def test_small_inputs_and_single_stories_are_read_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(partition.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    line = '{{"story": "{}", "event": "e", "quantity": "q", "value": "1", "outlet": "O"}}\n'
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_text(line.format("s") * 3000)
    two.write_text(line.format("s") * 2000 + line.format("t") * 1000)  # sorted by story
    assert workers_for([two], 0) == 1  # small
    assert workers_for([two], 3) == 3  # as asked
    monkeypatch.setattr(partition, "PARALLEL_FROM_BYTES", 1)
    assert workers_for([two], 0) == 4
    assert workers_for([one], 0) == 1  # one story: one worker would do all the work
    one.write_text(line.format("s") * 3000 + "\n" + line.format("s") * 10)
    assert workers_for([one], 0) == 1  # a blank line is no story
    assert workers_for([EXAMPLE], 0) == 1  # the reports of one story folder
    assert workers_for([EXAMPLE, two], 0) == 4


def test_where_forking_is_not_safe_one_process_does_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(partition.sys, "platform", "darwin")
    assert workers_for([EXAMPLE], 4) == 1


# -- the command line -----------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["report", "--fail-on", "warning"]])
def test_jobs_change_nothing_but_the_time(command: list[str]) -> None:
    runner = CliRunner()
    args = [*command, str(EXAMPLE), str(TESTS / "data" / "hostile"), "--format", "json"]
    one = runner.invoke(app, [*args, "--jobs", "1"])
    two = runner.invoke(app, [*args, "--jobs", "2"])
    assert (two.exit_code, two.stdout) == (one.exit_code, one.stdout)
    assert one.exit_code == 2  # the hostile files' problems
    assert json.loads(two.stdout)["summary"]["errors"] > 0


@pytest.mark.parametrize("format", ["text", "sarif", "github", "junit", "auto"])
def test_check_lists_the_same_findings_in_parallel(
    format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # auto: github
    runner = CliRunner()
    args = ["check", str(EXAMPLE), str(TESTS / "data" / "hostile"), "--format", format]
    one = runner.invoke(app, [*args, "--jobs", "1", "--fail-on", "warning"])
    two = runner.invoke(app, [*args, "--jobs", "2", "--fail-on", "warning"])
    assert (two.exit_code, two.stdout) == (one.exit_code, one.stdout)
    assert one.exit_code == 2 and "invalid-value" in one.stdout


def test_junit_is_judged_in_parallel_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each worker sends the cases of its groups; the document is the same as one process's."""
    calls = []

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(kwargs["groups"])
        return findings_in_parallel(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "findings_in_parallel", spy)
    args = ["check", str(EXAMPLE), str(TESTS / "data" / "hostile"), "--format", "junit"]
    one = CliRunner().invoke(app, [*args, "-j", "1"])
    two = CliRunner().invoke(app, [*args, "-j", "2"])
    assert len(calls) == 1 and isinstance(calls[0], GroupParts)
    assert (two.exit_code, two.stdout) == (one.exit_code, one.stdout)
    assert two.stdout.count("<testcase ") > 10 and "<failure " in two.stdout


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--format", "csv", "--only", "conflict,single-source"],
        ["--format", "html", "--columns", "quantity,low,high,explanation"],
        ["--relations"],
        ["--relations", "--format", "latex", "--only", "violated,unknown"],
    ],
)
def test_a_table_is_the_same_in_parallel(
    options: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each worker makes the rows of its groups; the table, the problems on stderr and
    the exit status are one process's."""
    calls = []

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(kwargs)
        return findings_in_parallel(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "findings_in_parallel", spy)
    sound = [EXAMPLE, *(TESTS / "test_relations" / name for name in ("operators", "dates"))]
    hostile = [*sound, TESTS / "data" / "hostile"]
    for inputs, status in ((hostile, 2), (sound, 1)):  # with problems, and without
        args = ["table", *map(str, inputs), *options, "--fail-on", "warning"]
        one = CliRunner().invoke(app, [*args, "-j", "1"])
        two = CliRunner().invoke(app, [*args, "-j", "2"])
        assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)
        assert one.exit_code == status and one.stdout.count("\n") > 10
    assert len(calls) == 2


def test_github_with_a_step_summary_is_the_same_in_parallel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summaries = []
    for jobs in ("1", "2"):
        summary = tmp_path / f"summary-{jobs}.md"
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
        args = ["check", str(EXAMPLE), str(TESTS / "data" / "hostile"), "--format", "github"]
        result = CliRunner().invoke(app, [*args, "-j", jobs])
        summaries.append((result.exit_code, result.stdout, summary.read_text(encoding="utf-8")))
    assert summaries[0] == summaries[1]
    assert "### Groups" in summaries[0][2] and "### Relations" in summaries[0][2]


@settings(max_examples=15, deadline=None)
@given(
    counts=st.lists(st.integers(0, 120), min_size=2, max_size=5),
    limit=st.sampled_from([2_000, 9_000, 30_000, 10**6]),
    workers=st.sampled_from([2, 3]),
)
def test_a_step_summary_cut_to_fit_is_the_same_in_parallel(
    counts: list[int], limit: int, workers: int
) -> None:
    """Each worker sends only the rows that may show; together they give the same cut."""
    lines = []
    for story, count in enumerate(counts):
        for n in range(count):
            for outlet, value in (("Example Wire", 100), ("Example Post", 100 + n % 7 * 50)):
                record = {"story": f"s{story}", "event": "e", "quantity": f"q{n}"}
                record |= {"value": str(value), "outlet": outlet, "url": "u"}
                lines.append(json.dumps(record))
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(github, "STEP_SUMMARY_BYTES", limit)  # the workers are forked: they see it
        table = Path(folder) / "claims.jsonl"
        table.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = reconcile(load([table]))
        expected = step_summary(report)
        together, rows = summary_rows([table], workers)
        assert step_summary(together, rows=rows) == expected


def test_a_failing_worker_leaves_the_listing_to_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = CliRunner().invoke(app, ["check", str(EXAMPLE), "--jobs", "1"])

    def broken(corpus: object) -> None:
        raise MemoryError("no room")

    monkeypatch.setattr(parallel, "reconcile", broken)  # in the workers only
    result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--jobs", "2"])
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    assert "working in one process (MemoryError: no room)" in result.stderr
    assert multiprocessing.active_children() == []


def test_a_failing_worker_leaves_the_report_to_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(corpus: object) -> None:
        raise MemoryError("no room")

    monkeypatch.setattr(parallel, "reconcile", broken)  # in the workers only
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(EXAMPLE), "--format", "json", "--jobs", "2"])
    assert result.stdout.encode() == serial([EXAMPLE])[0]
    assert result.exit_code == 1  # the example's violated relation
    assert "working in one process (MemoryError: no room)" in result.stderr
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("format", ["json", "text"])
def test_workers_that_judge_one_story_twice_leave_the_report_to_one_process(
    format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sharing rule gone wrong would interleave a story's groups, or split them
    (two single-source halves of a conflict): never written."""
    expected = CliRunner().invoke(app, ["check", str(EXAMPLE), "--format", format, "-j", "1"])

    class Everything(Share):
        def keeps(self, story_id: object) -> bool:
            return True

    def greedy(count: int, known: object) -> list[Share]:
        return [Everything(index, count) for index in range(count)]

    monkeypatch.setattr(parallel, "shares", greedy)
    result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--format", format, "-j", "2"])
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    assert "working in one process (two workers judged one story)" in result.stderr


def test_the_progress_bar_is_drawn_here_until_every_worker_is_done(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first worker says how far it has read; this process draws the bar until
    the last worker is done, and erases it before the report is written."""
    events: list[object] = []

    class Bar:
        def __init__(self, stream: object) -> None:
            events.append("shown")

        def __enter__(self) -> Bar:
            return self

        def __exit__(self, *exception: object) -> None:
            events.append("erased")

        def __call__(self, done: int, total: int) -> None:
            events.append(("read", done, total))

        def reconciling(self) -> None:
            events.append("reconciling")

    class Out(io.BytesIO):
        def write(self, data: object) -> int:
            events.append("written")
            return super().write(data)  # type: ignore[call-overload]

    read, judge = parallel.load, parallel.reconcile  # each slowed: seen by the bar
    monkeypatch.setattr(parallel, "ProgressBar", Bar)
    monkeypatch.setattr(parallel, "load", lambda *a, **k: (read(*a, **k), time.sleep(0.3))[0])
    monkeypatch.setattr(parallel, "reconcile", lambda corpus: (time.sleep(0.3), judge(corpus))[1])
    out = Out()
    codes = set(FINDING_CODES)
    write_json_in_parallel([EXAMPLE], out, workers=2, max_bytes=10**7, codes=codes, progress=True)
    assert out.getvalue() == serial([EXAMPLE])[0]
    total = sum(path.stat().st_size for path in EXAMPLE.rglob("*.yaml"))
    assert ("read", total, total) in events
    assert events.index(("read", total, total)) < events.index("reconciling")
    assert events.index("erased") < events.index("written")


# -- workers never outlive the run --------------------------------------------------


def test_an_interrupted_run_leaves_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(connection: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(parallel, "_received", interrupted)
    with pytest.raises(KeyboardInterrupt):
        in_parallel([EXAMPLE], 3)
    assert multiprocessing.active_children() == []


def test_workers_that_cannot_start_leave_the_report_to_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_room(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(parallel.tempfile, "TemporaryFile", no_room)
    result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--format", "json", "-j", "2"])
    assert result.stdout.encode() == serial([EXAMPLE])[0]
    assert "working in one process (OSError: [Errno 28] No space left on device)" in result.stderr


def test_workers_end_with_a_killed_parent(tmp_path: Path) -> None:
    slow = (  # a run whose workers take their time
        "import time, reconcile.parallel as p; judge = p.reconcile; "
        "p.reconcile = lambda corpus: (time.sleep(60), judge(corpus))[1]; "
        "from reconcile.cli import main; main()"
    )
    command = [sys.executable, "-c", slow, "check", str(EXAMPLE), "--format", "json", "-j", "2"]
    parent = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    for _ in range(100):  # until both are forked
        workers = _children(parent.pid)
        if len(workers) == 2:
            break
        time.sleep(0.05)
    assert len(workers) == 2
    parent.kill()
    parent.wait()
    assert parent.stdout is not None
    with parent.stdout:  # the pipe ends with the parent: no worker holds it open
        assert select.select([parent.stdout], [], [], 10)[0], "a worker holds stdout"
        assert parent.stdout.read() == b""
    for _ in range(100):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def _children(parent: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                children.append(int(entry.name))
    return children


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_names_that_are_not_utf8_are_written_as_one_process_writes_them() -> None:
    paths = [EXAMPLE, Path("missing\udcff.jsonl")]  # a byte of a name that is not UTF-8
    report = with_findings_of(reconcile(load(paths)), FINDING_CODES)
    out = io.BytesIO()
    write_json_in_parallel(
        paths, out, workers=2, max_bytes=10_000_000, codes=FINDING_CODES,
        errors="surrogateescape",
    )  # fmt: skip
    assert out.getvalue() == to_json(report).encode("utf-8", "surrogateescape")


_WORDS = st.sampled_from(["", "a", "b", "é", "a b"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(FINDING_CODES)),
            _WORDS,
            _WORDS,
            st.integers(1, 3),
            st.integers(1, 3),
        ),
        max_size=30,
    )
)
def test_rows_sent_by_workers_sort_as_their_findings_and_problems(
    items: list[tuple[str, str, str, int, int]],
) -> None:
    """Workers send findings and problems as rows, merged by a key of the rows: the
    order one process lists them in (``listing_order``)."""
    findings = [
        Finding.of(code, message, Location(file, line, column))
        for code, message, file, line, column in items
    ]
    problems = [
        Problem(code, message, Location(file, line, column))
        for code, message, file, line, column in items
    ]
    finding_rows = sorted(map(parallel._finding_row, findings), key=parallel._FINDING_ORDER)
    problem_rows = sorted(map(parallel._problem_row, problems), key=parallel._PROBLEM_ORDER)
    assert list(map(parallel._finding_of, finding_rows)) == sorted(findings, key=listing_order)
    assert list(map(parallel._problem_of, problem_rows)) == sorted(problems, key=listing_order)
