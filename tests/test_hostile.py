"""Hostile and broken input: every problem located, no traceback, the good claims kept.

Each folder of ``tests/data/hostile`` holds a small valid story (``story.yaml`` and
``gazette.yaml``, two claims) beside one broken file. Reading the folder must exit 2,
list each problem as ``file:line:column: message``, and still report the good claims.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from reconcile.cli import CheckFormat, app
from reconcile.render.table import TABLE_FORMATS

runner = CliRunner()

GOOD_GROUPS = [("convoy", "buses.departed"), ("convoy", "people.total")]
TEXT_PROBLEM = re.compile(r"^(?P<where>\S+:\d+:\d+): error: (?P<message>.*) \[[a-z-]+\]$")


@dataclass(frozen=True)
class Case:
    """A folder of the corpus, what reading it must say, and how many claims survive."""

    folder: str
    problems: list[tuple[str, int, int, str]]  # file in the folder, line, column, message part
    claims: int = 2
    extra_paths: tuple[str, ...] = ()


CASES = [
    Case(
        "yaml-syntax",
        [("wire.yaml", 9, 26, "mapping values are not allowed here; quote a value that holds")],
    ),
    Case(
        "duplicate-key",
        [("wire.yaml", 9, 5, "duplicate key 'value': it already appears on line 8")],
    ),
    Case(
        "anchors-aliases",
        [("wire.yaml", 6, 5, "anchors (&buses) and aliases are not accepted in claim files")],
    ),
    Case("alias-bomb", [("wire.yaml", 2, 6, "anchors (&a) and aliases are not accepted")]),
    Case(
        "python-tag",
        [("wire.yaml", 8, 12, "tags (!!python/object/apply:os.system) are not accepted")],
    ),
    Case(
        "several-documents",
        [("wire.yaml", 9, 1, "several documents in one file (---): put each report in its own")],
    ),
    Case("empty-file", [("wire.yaml", 1, 1, "the file has no content; expected a mapping")]),
    Case("comment-only", [("wire.yaml", 1, 1, "the file has no content; expected a mapping")]),
    # The BOM is dropped: the file is read, its good claim counted, its columns right.
    Case("byte-order-mark", [("wire.yaml", 12, 12, "cannot read 'lots' as a count")], claims=3),
    Case(
        "not-utf8",
        [("wire.yaml", 4, 27, "the file is not UTF-8: byte 0xe9 cannot be read; save the file as")],
    ),
    Case("deep-nesting", [("wire.yaml", 9, 40, "the data is nested more than 32 levels deep")]),
    Case(
        "wrong-types",
        [
            ("wire.yaml", 2, 11, "'outlet' must be text, not a list"),
            ("wire.yaml", 3, 8, "'url' must be text, not a mapping"),
            ("wire.yaml", 4, 10, "'title' must be text, not a list"),
            ("wire.yaml", 5, 14, "'published' must be text, not a list"),
            ("wire.yaml", 6, 10, "'cites' must be a list, not a mapping"),
            ("wire.yaml", 8, 12, "'event' must be text, not a list"),
            ("wire.yaml", 9, 15, "'quantity' must be text, not a mapping"),
            ("wire.yaml", 10, 12, "'value' must be text, not a list"),
            ("wire.yaml", 11, 20, "'attributed_to' must be text, not a list"),
            ("wire.yaml", 12, 12, "'as_of' must be text, not a mapping"),
            ("wire.yaml", 13, 12, "'quote' must be text, not a list"),
            ("wire.yaml", 14, 9, "'id' must be text, not a list"),
            ("wire.yaml", 15, 11, "'note' must be text, not a mapping"),
            ("wire.yaml", 16, 5, "'claims[1]' must be a mapping, not text"),
        ],
    ),
    Case(
        "wrong-types-top",
        [
            ("wire.yaml", 1, 9, "'source' must be a mapping, not text"),
            ("wire.yaml", 2, 9, "'claims' must be a list, not text"),
        ],
    ),
    Case(
        "wrong-types-story",
        [
            ("other/story.yaml", 1, 8, "'story' cannot be a list: use lowercase letters"),
            ("other/story.yaml", 2, 8, "'title' must be text, not a mapping"),
            ("other/story.yaml", 3, 19, "'approx_tolerance' cannot be a list: write a fraction"),
            ("other/story.yaml", 4, 9, "'events' must be a mapping, not a list"),
            ("other/story.yaml", 5, 13, "'quantities' must be a mapping, not text"),
            ("other/story.yaml", 6, 12, "'relations' must be a list, not a mapping"),
            ("other/story.yaml", 7, 10, "'aliases' must be a mapping, not a list"),
            ("other/story.yaml", 8, 17, "'dozens' must be a list, not text"),
        ],
    ),
    Case(
        "unknown-fields",
        [
            ("wire.yaml", 1, 1, "unknown field '$shema'; did you mean '$schema'?; accepted: '$sch"),
            ("wire.yaml", 5, 3, "unknown field 'publshed'; did you mean 'published'?; accepted:"),
            ("wire.yaml", 10, 5, "unknown field 'qoute'; did you mean 'quote'?; accepted: 'as_of'"),
            ("wire.yaml", 11, 5, "unknown field 'atributed_to'; did you mean 'attributed_to'?"),
        ],
    ),
    Case(
        "unknown-fields-story",
        [
            ("other/story.yaml", 2, 1, "unknown field 'evnts'; did you mean 'events'?"),
            ("other/story.yaml", 5, 33, "unknown field 'overtime'; did you mean 'over_time'?"),
        ],
    ),
    Case(
        "unknown-names",
        [
            ("wire.yaml", 6, 12, "unknown event 'convoi' in story 'example-convoy'; did you mean"),
            ("wire.yaml", 10, 15, "unknown quantity 'buses.departd' in story 'example-convoy'"),
        ],
    ),
    Case("not-a-mapping", [("wire.yaml", 1, 1, "the file holds a list; expected a mapping")]),
    Case(
        "json-nan",
        [("wire.json", 4, 64, "NaN is not a JSON number; write the value as a")],
    ),
    Case("json-duplicate-key", [("wire.json", 4, 70, "duplicate key 'value'")]),
    # A quoted cell spans lines 2-3: the rows after it still know their lines.
    Case(
        "csv-columns",
        [
            ("claims.csv", 4, 1, "missing field 'outlet'"),
            ("claims.csv", 5, 94, "this row has 8 cells but the header names 7 columns"),
            ("claims.csv", 6, 36, "cannot read 'lots' as a count"),
            ("claims.csv", 7, 36, "cannot read 'heaps' as a count"),  # in a two-line row
        ],
        claims=3,
    ),
    Case(
        "jsonl-broken-lines",
        [
            ("claims.jsonl", 2, 92, "this line is not valid JSON: Expecting property name"),
            ("claims.jsonl", 3, 85, "NaN is not a JSON number"),
            ("claims.jsonl", 4, 1, "each line of a JSON Lines file must be a JSON object"),
            ("claims.jsonl", 6, 85, "cannot read 'lots' as a count"),
        ],
        claims=4,
    ),
    Case(
        "duplicate-ids",
        [
            (
                "wire.yaml",
                6,
                9,
                "claim id 'gazette-buses' is used twice in story 'example-convoy': "
                "first at duplicate-ids/gazette.yaml:6:9",
            )
        ],
        claims=3,  # both claims of the clash still count
    ),
    Case(
        "two-story-ids",
        [
            (
                "copy/story.yaml",
                1,
                8,
                "story 'example-convoy' is declared twice: "
                "first in two-story-ids/convoy/story.yaml",
            )
        ],
    ),
    Case("outside-story", [("loose/wire.yaml", 1, 1, "this report is not in a story folder")]),
    Case(
        "good",
        [("nowhere.yaml", 1, 1, "no such file or folder: good/nowhere.yaml")],
        extra_paths=("good/nowhere.yaml",),
    ),
    Case(
        "no-claim-files",
        [("notes", 1, 1, "no claim files (.csv, .json, .jsonl, .yaml, .yml) in folder")],
        extra_paths=("no-claim-files/notes",),
    ),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the corpus for the tests that only read it."""
    copy = tmp_path_factory.mktemp("corpus") / "hostile"
    shutil.copytree(Path(__file__).parent / "data" / "hostile", copy)
    return copy


@pytest.fixture
def hostile(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The corpus as the working directory, so that files read "case/file"."""
    monkeypatch.chdir(corpus)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERMINAL_WIDTH", "100")
    return corpus


@pytest.fixture
def writable(shared_datadir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the corpus of this test's own, to add files to."""
    root = shared_datadir / "hostile"
    monkeypatch.chdir(root)
    return root


def invoke(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def check_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = invoke("check", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def expected_locations(case: Case) -> list[tuple[str, int, int]]:
    return [(f"{case.folder}/{file}", line, column) for file, line, column, _ in case.problems]


def groups_of(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(group["event"], group["quantity"]) for group in document["groups"]]


@pytest.mark.parametrize("case", CASES, ids=[case.folder for case in CASES])
def test_every_problem_is_located_and_the_good_claims_are_kept(hostile: Path, case: Case) -> None:
    exit_code, document = check_json(case.folder, *case.extra_paths)
    assert exit_code == 2
    errors = document["errors"]
    assert [(e["file"], e["line"], e["column"]) for e in errors] == expected_locations(case)
    for error, (_, _, _, part) in zip(errors, case.problems, strict=True):
        assert part in error["message"]
    assert document["summary"]["claims"] == case.claims
    assert document["summary"]["errors"] == len(case.problems)
    assert groups_of(document) == GOOD_GROUPS


@pytest.mark.parametrize("case", CASES, ids=[case.folder for case in CASES])
def test_text_output_lists_file_line_column_message(hostile: Path, case: Case) -> None:
    result = invoke("check", case.folder, *case.extra_paths)
    assert result.exit_code == 2
    problems = [m for m in map(TEXT_PROBLEM.match, result.stdout.splitlines()) if m]
    shown = [(m["where"], m["message"]) for m in problems]
    expected = [f"{file}:{line}:{column}" for file, line, column in expected_locations(case)]
    assert [where for where, _ in shown] == expected
    for (_, message), (_, _, _, part) in zip(shown, case.problems, strict=True):
        assert part in message
    assert result.stdout.splitlines()[-1].startswith(f"{case.claims} claims in 2 groups")


@pytest.mark.parametrize("case", CASES, ids=[case.folder for case in CASES])
def test_the_report_lists_problems_on_stderr_and_the_good_groups(hostile: Path, case: Case) -> None:
    result = invoke("report", case.folder, *case.extra_paths)
    assert result.exit_code == 2
    expected = [f"{file}:{line}:{column}: " for file, line, column in expected_locations(case)]
    lines = problem_lines(result)
    assert [line[: len(start)] for line, start in zip(lines, expected, strict=True)] == expected
    assert "buses.departed" in result.stdout
    assert "people.total" in result.stdout


def problem_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]


def test_the_good_story_alone_is_clean(hostile: Path) -> None:
    exit_code, document = check_json("good")
    assert exit_code == 0
    assert document["errors"] == []
    assert groups_of(document) == GOOD_GROUPS


# Refused before anything is built ---------------------------------------------------


def test_an_alias_bomb_is_refused_in_well_under_a_second(hostile: Path) -> None:
    started = time.perf_counter()
    exit_code, document = check_json("alias-bomb")
    assert time.perf_counter() - started < 0.5
    assert exit_code == 2
    assert "expand without limit" in document["errors"][0]["message"]


def test_a_python_tag_runs_nothing(hostile: Path) -> None:
    invoke("check", "python-tag")
    assert not (hostile / "python-tag" / "pwned.txt").exists()
    assert not Path("pwned.txt").exists()


# Size limit ---------------------------------------------------------------------------


RAISE = "raise the limit with --max-file-size"


def padded_report(size: int) -> bytes:
    """A valid report of ``size`` bytes: one claim, then a long comment."""
    head = (
        b"source:\n  outlet: Example Wire\n  url: https://www.example.net/convoy\n"
        b"claims:\n  - event: convoy\n    quantity: buses.departed\n    value: 17\n# "
    )
    return head + b"x" * (size - len(head) - 1) + b"\n"


def test_a_file_over_the_default_size_limit_is_refused(writable: Path) -> None:
    (writable / "good" / "wire.yaml").write_bytes(padded_report(5 * 1024 * 1024 + 1))
    exit_code, document = check_json("good")
    assert exit_code == 2
    assert document["errors"] == [
        {
            "file": "good/wire.yaml",
            "line": 1,
            "column": 1,
            "message": "the file is 5,242,881 bytes, over the limit of 5,242,880 bytes; " + RAISE,
        }
    ]
    assert document["summary"]["claims"] == 2


def test_max_file_size_raises_the_limit(writable: Path) -> None:
    (writable / "good" / "wire.yaml").write_bytes(padded_report(2000))
    exit_code, document = check_json("good", "--max-file-size", "1999")
    assert (exit_code, document["summary"]["claims"]) == (2, 2)
    assert document["errors"][0]["message"].startswith("the file is 2,000 bytes, over the limit")
    exit_code, document = check_json("good", "--max-file-size", "2000")
    assert (exit_code, document["errors"], document["summary"]["claims"]) == (0, [], 3)


def test_a_huge_file_is_refused_without_being_read(writable: Path) -> None:
    with open(writable / "good" / "wire.yaml", "wb") as huge:
        huge.truncate(8 * 1024**3)  # sparse: 8 GiB that would take long to read
    started = time.perf_counter()
    exit_code, document = check_json("good")
    assert time.perf_counter() - started < 1
    assert exit_code == 2
    assert document["errors"][0]["message"].startswith("the file is 8,589,934,592 bytes")


def test_the_size_limit_applies_to_every_file(hostile: Path) -> None:
    exit_code, document = check_json("good", "--max-file-size", "200")
    assert exit_code == 2
    assert [(e["file"], e["message"]) for e in document["errors"]] == [
        ("good/gazette.yaml", "the file is 381 bytes, over the limit of 200 bytes; " + RAISE),
        ("good/story.yaml", "the file is 206 bytes, over the limit of 200 bytes; " + RAISE),
    ]
    assert document["summary"]["claims"] == 0


# Links ----------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symbolic_link_loops_end_and_are_named(writable: Path) -> None:
    good = writable / "good"
    (good / "again").symlink_to(good, target_is_directory=True)  # a folder inside itself
    (good / "deeper").mkdir()
    (good / "deeper" / "up").symlink_to("..", target_is_directory=True)
    (good / "self.yaml").symlink_to("self.yaml")  # a link to itself
    exit_code, document = check_json("good")
    assert exit_code == 2
    assert [(e["file"], e["line"], e["column"]) for e in document["errors"]] == [
        ("good/self.yaml", 1, 1)
    ]
    assert "symbolic links" in document["errors"][0]["message"]
    assert document["summary"]["claims"] == 2  # each file read once, however many paths lead to it


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_looping_link_given_as_a_path_is_named(writable: Path) -> None:
    (writable / "loop.yaml").symlink_to("loop.yaml")
    exit_code, document = check_json("good", "loop.yaml")
    assert exit_code == 2
    assert document["errors"] == [
        {
            "file": "loop.yaml",
            "line": 1,
            "column": 1,
            "message": "the link loop.yaml leads nowhere (its target is missing, or it loops)",
        }
    ]
    assert document["summary"]["claims"] == 2


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_links_out_of_a_folder_are_named_and_not_followed(writable: Path, tmp_path: Path) -> None:
    """A pull request could link to a secret elsewhere on the machine: its text must not
    reach the log, not even inside an error message."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("token: ghp_SECRETVALUE\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "more.yaml").write_text("token: ghp_SECRETVALUE\n")
    (writable / "good" / "leak.yaml").symlink_to(secret)
    (writable / "good" / "out").symlink_to(elsewhere, target_is_directory=True)
    result = invoke("check", "good", "--format", "json")
    assert "ghp_SECRETVALUE" not in result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert result.exit_code == 2
    assert [(e["file"], e["message"].split(";")[0]) for e in document["errors"]] == [
        ("good/leak.yaml", "the link good/leak.yaml leads out of good"),
        ("good/out", "the link good/out leads out of good"),
    ]
    assert document["summary"]["claims"] == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_named_as_a_claim_file_is_named_not_passed_over(writable: Path) -> None:
    """Its claims, if a process were to write them, are not read: the run says so, and
    does not wait on it."""
    os.mkfifo(writable / "good" / "stream.yaml")
    result = invoke("check", "good", "--format", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 2
    assert [(e["file"], e["message"]) for e in document["errors"]] == [
        ("good/stream.yaml", "not a file: stream.yaml (a pipe, a socket or a device) is not read")
    ]
    assert document["summary"]["claims"] == 2


def test_a_folder_that_cannot_be_listed_is_an_input_problem(
    writable: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.walk passes over a folder it cannot list without a word: its claims (here a
    conflict) would go unjudged and the check pass. (As root a chmod cannot refuse the
    listing, so listing is refused where os.walk asks for it.)"""
    shutil.copytree(writable / "good", writable / "good" / "locked")
    listing = os.scandir

    def refuse(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", refuse)
    exit_code, document = check_json("good")
    assert exit_code == 2
    assert [(e["file"], e["message"]) for e in document["errors"]] == [
        (
            "good/locked",
            "cannot read this folder: Permission denied; its claim files are not read",
        )
    ]
    assert document["summary"]["claims"] == 2


def test_a_path_too_long_for_the_system_is_an_input_problem(hostile: Path) -> None:
    exit_code, document = check_json("a" * 300)
    assert exit_code == 2
    (error,) = document["errors"]
    assert error["message"].endswith("File name too long")


# A real process: nothing but the report on stdout, nothing like a traceback on stderr -------


def run_reconcile(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "TERMINAL_WIDTH": "100"}
    return subprocess.run(
        [sys.executable, "-m", "reconcile", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_a_real_check_run_over_the_whole_corpus_has_no_traceback(hostile: Path) -> None:
    done = run_reconcile("check", ".", "--format", "json", cwd=hostile)
    assert done.returncode == 2
    assert done.stderr == ""
    document = json.loads(done.stdout)
    assert document["summary"]["errors"] == len(document["errors"]) > 0


def test_a_real_report_run_shows_problems_on_stderr_without_traceback(hostile: Path) -> None:
    done = run_reconcile("report", "alias-bomb", "not-utf8", "python-tag", cwd=hostile)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0].startswith("alias-bomb/wire.yaml:2:6: anchors (&a)")
    assert "buses.departed" in done.stdout


# Nothing written into the input ---------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every entry below ``root`` (links not followed): a digest of its bytes and its mtime."""
    entries = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.lstat()
            digest = "" if not path.is_file() or path.is_symlink() else sha256(path)
            entries[path.relative_to(root).as_posix()] = (digest, info.st_mtime_ns)
    return entries


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


EVERY_COMMAND = [
    ("report", "."),
    ("report", ".", "--format", "json"),
    *(("check", ".", "--format", kind.value) for kind in CheckFormat),
    *(("table", ".", "--format", name) for name in TABLE_FORMATS),
    ("table", ".", "--relations"),
    ("explain", "about 600"),
]


@pytest.mark.parametrize("option", ["--svg", "--html"])
@pytest.mark.parametrize("target", ["good/gazette.yaml", "good/story.yaml", "good/new.svg"])
def test_the_report_is_never_saved_among_the_files_read(
    writable: Path, option: str, target: str
) -> None:
    before = snapshot(writable)
    result = invoke("report", "good/gazette.yaml" if "story" in target else "good", option, target)
    assert result.exit_code == 2
    assert result.stderr == (
        f"reconcile: will not save the report as {target}: it lies among the claim files "
        "being read; save it somewhere else\n"
    )
    assert snapshot(writable) == before


def test_no_command_writes_into_the_paths_it_reads(
    writable: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (writable / "good" / "loop").symlink_to(writable / "good", target_is_directory=True)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    before = snapshot(writable)
    saved = tmp_path / "saved"
    saved.mkdir()
    for args in EVERY_COMMAND:
        assert runner.invoke(app, list(args)).exit_code in (0, 2), args
    html, svg = saved / "report.html", saved / "report.svg"
    assert (
        runner.invoke(app, ["report", ".", "--html", str(html), "--svg", str(svg)]).exit_code == 2
    )
    assert snapshot(writable) == before
    assert sorted(path.name for path in saved.iterdir()) == ["report.html", "report.svg"]


def test_saved_reports_are_written_whole_then_renamed(
    hostile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renames: list[tuple[Path, Path, str]] = []
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        renames.append((Path(source), Path(target), Path(source).read_text(encoding="utf-8")))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    html = tmp_path / "report.html"
    html.write_text("the previous report", encoding="utf-8")
    assert invoke("report", "good", "--html", str(html)).exit_code == 0
    [(source, target, written)] = renames
    assert (target, source.parent) == (html, tmp_path)  # a temporary file beside it
    assert written == html.read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.html"]


def test_a_failed_save_keeps_the_previous_file(
    hostile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def replace(source: str | Path, target: str | Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", replace)
    html = tmp_path / "report.html"
    html.write_text("the previous report", encoding="utf-8")
    result = invoke("report", "good", "--html", str(html))
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert html.read_text(encoding="utf-8") == "the previous report"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.html"]


def test_a_very_long_value_is_refused_at_once(writable: Path) -> None:
    report = padded_report(300).replace(b"value: 17", b"value: " + b"twenty-" * 20_000)
    (writable / "good" / "wire.yaml").write_bytes(report)
    started = time.perf_counter()
    exit_code, document = check_json("good")
    assert time.perf_counter() - started < 1
    assert exit_code == 2
    assert document["errors"][0]["message"].startswith(
        "the value is 140,000 characters long; write the figure as the outlet gave it, "
        "in 200 characters at most"
    )
