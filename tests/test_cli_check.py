"""`reconcile check`: the JSON document of SPEC, exit codes, same bytes every time."""

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reconcile.cli import app

runner = CliRunner()


def check(*args):
    return runner.invoke(app, ["check", *map(str, args)])


def test_the_json_document_follows_the_spec(datadir, monkeypatch):
    monkeypatch.chdir(datadir)
    result = check("small-story", "--format", "json")
    assert result.exit_code == 1  # a conflict is an error finding
    document = json.loads(result.stdout)
    assert list(document) == ["version", "summary", "groups", "relations", "errors"]
    assert document["summary"] == {
        "claims": 4,
        "groups": 2,
        "agree": 1,
        "consistent": 0,
        "single_source": 0,
        "conflict": 1,
        "relations_violated": 0,
        "errors": 0,
    }
    buses, people = document["groups"]
    assert buses == {
        "story": "test-convoy",
        "event": "convoy",
        "quantity": "buses.departed",
        "unit": "buses",
        "verdict": "agree",
        "origins": ["Example Ministry", "Example Wire"],
        "estimate": {"low": 17, "best": 17, "high": 17},
        "claims": [
            {
                "id": "gazette-buses",
                "outlet": "Example Gazette",
                "origin": "Example Ministry",
                "value": "seventeen",
                "low": 17,
                "high": 17,
                "as_of": "2017-09-01",
                "file": "small-story/gazette.yaml",
                "line": 8,
            },
            {
                "id": None,
                "outlet": "Example Wire",
                "origin": "Example Wire",
                "value": "17",
                "low": 17,
                "high": 17,
                "as_of": "2017-09-03",
                "file": "small-story/wire.yaml",
                "line": 8,
            },
        ],
        "gap": None,
        "explanation": "2 origins give 17",
    }
    assert people["verdict"] == "conflict"
    assert people["estimate"] is None  # two clusters of one origin each: a tie
    assert people["gap"] == {"absolute": 40, "relative": 0.0571}


def test_the_same_input_gives_the_same_bytes(datadir, monkeypatch):
    monkeypatch.chdir(datadir)
    first = check("small-story", "--format", "json").stdout
    assert check("small-story", "--format", "json").stdout == first
    assert check("small-story/wire.yaml", "small-story", "--format", "json").stdout == first


def test_explain_and_the_json_agree_on_every_interval():
    from reconcile.example import example_path

    document = json.loads(check(example_path(), "--format", "json").stdout)
    for group in document["groups"]:
        kind = (
            "date" if re.fullmatch(r"\d{4}-\d\d-\d\d", str(group["claims"][0]["low"])) else "count"
        )
        for claim in group["claims"]:
            shown = runner.invoke(app, ["explain", "--type", kind, claim["value"]]).stdout
            low, high = claim["low"], claim["high"]
            expected = str(low) if low == high else f"[{low}, {high}]"
            assert f"  read as  {expected}  ({kind})" in shown, (claim, shown)


def test_exit_codes_follow_fail_on(datadir, tmp_path):
    agree_only = tmp_path / "story"
    shutil.copytree(datadir / "small-story", agree_only)
    wire = agree_only / "wire.yaml"
    wire.write_text(wire.read_text().replace('"700"', "about 650"))
    assert check(agree_only).exit_code == 0  # agree and consistent: no finding
    assert check(datadir / "small-story").exit_code == 1
    assert check(datadir / "small-story", "--fail-on", "never").exit_code == 0


def test_warnings_fail_only_when_asked(datadir, tmp_path):
    story = tmp_path / "story"
    shutil.copytree(datadir / "small-story", story)
    (story / "wire.yaml").unlink()  # every group single-source: warnings only
    assert check(story).exit_code == 0
    assert check(story, "--fail-on", "warning").exit_code == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_says_on_stderr_which_warnings_it_has_no_place_for(tmp_path, jobs):
    """No url, no quote: a warning the JSON document cannot show. Where it fails the
    run (--fail-on warning), stderr says so, in one process and in parallel."""
    table = tmp_path / "claims.jsonl"
    table.write_text(
        '{"story": "s", "event": "e", "quantity": "q", "value": "5",'
        ' "outlet": "Example Gazette"}\n'
        '{"story": "s", "event": "e", "quantity": "q", "value": "5",'
        ' "outlet": "Example Wire", "url": "https://wire.example/5"}\n'
    )
    failing = check(table, "--format", "json", "--fail-on", "warning", "-j", jobs)
    assert failing.exit_code == 1
    assert json.loads(failing.stdout)["summary"]["agree"] == 1  # nothing in it fails
    assert failing.stderr == (
        "reconcile: 1 finding that the JSON document does not show (no-provenance 1);"
        " reconcile check --format text on the same paths lists them\n"
    )
    for quiet in (["--fail-on", "error"], ["--fail-on", "warning", "--ignore", "no-provenance"]):
        result = check(table, "--format", "json", *quiet, "-j", jobs)
        assert (result.exit_code, result.stderr) == (0, "")
    # with input problems, they decide the exit status, and the document lists them
    broken = tmp_path / "broken.jsonl"
    broken.write_text(table.read_text() + '{"story": "s", "event": "e", "quantity": "q"}\n')
    result = check(broken, "--format", "json", "--fail-on", "warning", "-j", jobs)
    assert (result.exit_code, result.stderr) == (2, "")


def test_input_errors_outrank_findings_and_keep_the_good_files(datadir, tmp_path):
    story = tmp_path / "story"
    shutil.copytree(datadir / "small-story", story)
    (story / "broken.yaml").write_text(
        "source:\n  outlet: Example Courier\nclaims:\n  - event: convoy\n"
        "    quantity: buses.departd\n    value: lots\n"
    )
    result = check(story, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["summary"]["claims"] == 4
    assert [(e["line"], e["column"]) for e in document["errors"]] == [(5, 15), (6, 12)]
    assert "did you mean 'buses.departed'?" in document["errors"][0]["message"]
    # its quantity unknown, its type too: still no type reads 'lots'
    assert document["errors"][1]["message"].startswith("cannot read 'lots' as a number or a date")


def test_text_format_lists_problems_and_findings_at_their_lines(datadir, monkeypatch):
    monkeypatch.chdir(datadir)
    lines = check("small-story").stdout.splitlines()
    # no cluster is the largest, so the finding points at the lower claim of the nearest miss
    assert lines[0].startswith("small-story/gazette.yaml:15:12: error: convoy people.total: ")
    assert lines[0].endswith("[value-conflict]")
    assert lines[-1] == (
        "4 claims in 2 groups: 1 agree, 0 consistent, 0 single-source, 1 conflict; "
        "0 relations violated; 0 input errors"
    )


def test_without_paths_it_reads_claims_here_else_the_example_story(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    example = json.loads(check("--format", "json").stdout)
    assert example["summary"]["claims"] == 13
    assert {g["story"] for g in example["groups"]} == {"qalamoun-convoy-2017"}
    (tmp_path / "claims").mkdir()
    here = check("--format", "json")
    assert here.exit_code == 2
    assert json.loads(here.stdout)["errors"][0]["message"].startswith("no claim files")


EXAMPLE_NOTICE = (
    "reconcile: no ./claims folder here; reading the example story that comes with "
    "reconcile (give paths to read your own)\n"
)


def test_with_no_claims_folder_the_example_is_read_and_that_is_said(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check("--format", "json")
    assert result.stderr == EXAMPLE_NOTICE
    assert result.exit_code == 1  # the example's bus relation is violated
    assert json.loads(result.stdout)["summary"]["relations_violated"] == 2


def test_a_claims_folder_here_is_read_without_a_word(datadir, monkeypatch, tmp_path):
    shutil.copytree(datadir / "small-story", tmp_path / "claims")
    monkeypatch.chdir(tmp_path)
    result = check("--format", "json")
    assert result.stderr == ""
    assert json.loads(result.stdout)["groups"][0]["story"] == "test-convoy"


def test_a_profiled_run_still_saves_its_profile(tmp_path):
    """The program ends at once when done, except under a profiler or coverage,
    whose results are written as the process exits."""
    import subprocess
    import sys
    from pathlib import Path

    example = Path(__file__).parents[1] / "claims"
    profile = tmp_path / "profile"
    command = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "reconcile"]
    done = subprocess.run([*command, "check", str(example)], capture_output=True)
    assert b"relations violated" in done.stdout  # (cProfile keeps the exit status to itself)
    assert profile.stat().st_size > 0


ACCEPTED = (
    "accepted: 'as_of', 'attributed_to', 'cites', 'event', 'id', 'note', 'outlet', "
    "'published', 'quantity', 'quote', 'story', 'title', 'unit', 'url' or 'value'"
)
ROW = "storm-2023,storm,deaths,30,Example Gazette,a\n"


def errors_of(result):
    return [line for line in result.stdout.splitlines() if ": error: " in line]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_misspelt_column_is_one_error_at_its_header_cell(tmp_path, monkeypatch, jobs):
    """The mistake is the header's: said once, where the name is, not at each of the
    rows, which are read without the column (and so have no quote)."""
    monkeypatch.chdir(tmp_path)
    Path("big").mkdir()
    Path("big/q.csv").write_text("story,event,quantity,value,outlet,Quote\n" + ROW * 200)
    result = check("big", "-j", jobs)
    assert result.exit_code == 2
    assert errors_of(result) == [
        "big/q.csv:1:35: error: unknown column 'Quote'; did you mean 'quote'?; "
        f"{ACCEPTED}; its cells are not read [csv-header]"
    ]
    assert result.stdout.count("has neither url nor quote [no-provenance]") == 200
    assert result.stdout.splitlines()[-1] == (
        "200 claims in 1 group: 0 agree, 0 consistent, 1 single-source, 0 conflict; "
        "0 relations violated; 1 input error"
    )
    annotations = check("big", "--format", "github", "-j", jobs).stdout.splitlines()
    assert [line for line in annotations if line.startswith("::error ")] == [
        "::error file=big/q.csv,line=1,col=35,title=csv-header::unknown column 'Quote'; "
        f"did you mean 'quote'?; {ACCEPTED}; its cells are not read"
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_header_in_capitals_is_said_at_the_header_and_no_row_is_read(tmp_path, monkeypatch, jobs):
    monkeypatch.chdir(tmp_path)
    Path("cap").mkdir()
    Path("cap/q.csv").write_text("Story,Event,Quantity,Value,Outlet,Quote\n" + ROW * 200)
    result = check("cap", "-j", jobs)
    assert result.exit_code == 2
    needed = [(1, "Story"), (7, "Event"), (13, "Quantity"), (22, "Value"), (28, "Outlet")]
    assert errors_of(result) == [
        *(
            f"cap/q.csv:1:{column}: error: column '{name}' is not '{name.lower()}', which "
            f"every claim needs: name it '{name.lower()}'; until then no row of this table "
            "is read as a claim [csv-header]"
            for column, name in needed
        ),
        f"cap/q.csv:1:35: error: unknown column 'Quote'; did you mean 'quote'?; {ACCEPTED}; "
        "its cells are not read [csv-header]",
    ]
    assert result.stdout.splitlines()[-1] == (
        "0 claims in 0 groups: 0 agree, 0 consistent, 0 single-source, 0 conflict; "
        "0 relations violated; 6 input errors"
    )
    document = json.loads(check("cap", "--format", "json", "-j", jobs).stdout)
    assert (document["summary"]["claims"], document["summary"]["errors"]) == (0, 6)


def test_rows_under_a_header_without_a_needed_column_still_say_their_own_mistakes(
    tmp_path, monkeypatch
):
    """No row can be a claim without a story, and that is said once; a row's own
    mistakes (a date not in the calendar, an empty outlet) are still listed."""
    monkeypatch.chdir(tmp_path)
    Path("q.csv").write_text(
        "Story,event,quantity,value,outlet,as_of\n"
        "storm-2023,storm,deaths,30,Example Gazette,2023-02-30\n"
        "storm-2023,storm,deaths,30,Example Gazette,2023-02-03\n"
        "storm-2023,storm,deaths,30,,\n"
    )
    result = check("q.csv")
    assert result.exit_code == 2
    assert errors_of(result) == [
        "q.csv:1:1: error: column 'Story' is not 'story', which every claim needs: name it "
        "'story'; until then no row of this table is read as a claim [csv-header]",
        "q.csv:2:44: error: '2023-02-30' is not a date: day is out of range for month; "
        "write a day of the calendar (2017-09-01), a month (2017-09) or a year (2017) "
        "[invalid-date]",
        "q.csv:4:28: error: missing field 'outlet' [invalid-field]",
    ]
    Path("q.csv").write_text("story,event,value,outlet\nstorm-2023,storm,30,Example Gazette\n")
    result = check("q.csv")
    assert (result.exit_code, errors_of(result)) == (
        2,
        [
            "q.csv:1:1: error: the header has no column 'quantity', which every claim "
            "needs: no row of this table is read as a claim (the rows' other mistakes are "
            "still listed) [csv-header]"
        ],
    )
