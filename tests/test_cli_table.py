"""`reconcile table`: the discrepancy table on stdout, usage errors and exit codes."""

import re

import pytest
from typer.testing import CliRunner

from reconcile.cli import app
from reconcile.render.table import (
    DEFAULT_COLUMNS,
    DEFAULT_RELATION_COLUMNS,
    GROUP_COLUMNS,
    RELATION_COLUMNS,
)

runner = CliRunner()

STORY_TABLE = (
    "| story       | event   | quantity       | unit   | verdict   "
    "| values                                        "
    "|   best |   estimate |   gap |   relative-gap |\n"
    "|-------------|---------|----------------|--------|-----------"
    "|-----------------------------------------------"
    "|--------|------------|-------|----------------|\n"
    "| test-convoy | convoy  | buses.departed | buses  | agree     "
    "| Example Gazette: seventeen; Example Wire: 17  "
    "|     17 |         17 |     — |              — |\n"
    "| test-convoy | convoy  | people.total   | people | conflict  "
    "| Example Gazette: about 300; Example Wire: 331 "
    "|      — |          — |     1 |           0.3% |\n"
)


@pytest.fixture(autouse=True)
def in_datadir(datadir, monkeypatch):
    monkeypatch.chdir(datadir)


def table(*args):
    return runner.invoke(app, ["table", *args])


def test_github_by_default_and_exit_0_with_conflicts():
    result = table("story")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == STORY_TABLE


def test_fail_on_error_exits_1_on_a_conflict():
    assert table("story", "--fail-on", "error").exit_code == 1


def test_csv():
    result = table("story", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == (
        "story,event,quantity,unit,verdict,values,best,estimate,gap,relative-gap\n"
        "test-convoy,convoy,buses.departed,buses,agree,"
        "Example Gazette: seventeen; Example Wire: 17,17,17,,\n"
        "test-convoy,convoy,people.total,people,conflict,"
        "Example Gazette: about 300; Example Wire: 331,,,1,0.3%\n"
    )


def test_only_and_columns():
    result = table("story", "-f", "simple", "--only", "conflict, consistent", "--columns",
                   "quantity,verdict,gap,relative-gap")  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == (
        "quantity      verdict      gap    relative-gap\n"
        "------------  ---------  -----  --------------\n"
        "people.total  conflict       1            0.3%\n"
    )


def test_relations_with_no_relations_declared_is_an_empty_table():
    result = table("story", "--relations", "-f", "csv")
    assert (result.exit_code, result.stdout) == (
        0,
        "story,event,relation,scope,report,as_of,status,detail\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "markdown"], "reconcile table: unknown format 'markdown'; choose from: "
         "asciidoc, colon_grid, csv, double_grid,"),
        (["--only", "conflict,disputed"], "reconcile table: unknown verdict 'disputed'; "
         "choose from: agree, consistent, single-source, conflict\n"),
        (["--columns", "story,outlet"], "reconcile table: unknown column 'outlet'; choose from: "
         "story, event, quantity, unit, verdict, origins, values, best, low, high, estimate, "
         "gap, relative-gap, explanation, acknowledged\n"),
        (["--relations", "--only", "conflict"], "reconcile table: unknown status 'conflict'; "
         "choose from: holds, violated, unknown\n"),
    ],
)  # fmt: skip
def test_unknown_choices_are_usage_errors_that_list_the_choices(args, message):
    result = table("story", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)


def test_input_errors_go_to_stderr_and_the_table_of_what_was_read_to_stdout():
    result = table("bad-value", "-f", "csv", "--columns", "quantity,values")
    assert result.exit_code == 2
    assert result.stdout == (
        "quantity,values\nbuses.departed,Example Wire: 17\npeople.total,Example Wire: 331\n"
    )
    assert result.stderr.startswith("bad-value/courier.yaml:8:12: cannot read 'lots' as a count")
    assert result.stderr.count("\n") == 1


def test_without_paths_it_reads_the_example_story(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = table("--columns", "quantity", "--format", "plain")
    assert result.exit_code == 0
    assert "people.total" in result.stdout.splitlines()


def test_the_help_names_every_column_and_the_default():
    help_text = runner.invoke(app, ["table", "--help"], env={"TERMINAL_WIDTH": "100"}).stdout
    text = " ".join(help_text.split())
    groups = re.search(r"Groups: (.*?)\. Relations: (.*?)\.", text)
    assert groups is not None
    default, others = groups.group(1).split(" (the default), ")
    assert default.split(", ") == list(DEFAULT_COLUMNS)
    assert set(default.split(", ") + others.split(", ")) == set(GROUP_COLUMNS)
    default, others = groups.group(2).split(" (the default), ")
    assert default.split(", ") == list(DEFAULT_RELATION_COLUMNS)
    assert set(default.split(", ") + others.split(", ")) == set(RELATION_COLUMNS)


def test_a_table_that_fails_says_which_findings_fail_it(tmp_path):
    """A table shows no finding as such, and --only may leave out every row that has
    one: where the run fails, stderr says which findings fail it."""
    table = tmp_path / "claims.jsonl"
    table.write_text(
        '{"story": "s", "event": "e", "quantity": "q", "value": "5",'
        ' "outlet": "Example Gazette", "quote": "5 trucks"}\n'
        '{"story": "s", "event": "e", "quantity": "q", "value": "5",'
        ' "outlet": "Example Wire"}\n'
        '{"story": "s", "event": "e", "quantity": "r", "value": "5",'
        ' "outlet": "Example Wire", "quote": "5 cars"}\n'
    )
    result = CliRunner().invoke(
        app, ["table", str(table), "--only", "agree", "--fail-on", "warning"]
    )
    assert result.exit_code == 1
    assert "| agree " in result.stdout and "single-source" not in result.stdout
    assert result.stderr == (
        "reconcile: 2 findings fail the run under --fail-on warning (single-source 1,"
        " no-provenance 1); reconcile check --format text on the same paths lists them\n"
    )
    quiet = CliRunner().invoke(app, ["table", str(table), "--fail-on", "error"])
    assert (quiet.exit_code, quiet.stderr) == (0, "")


def test_one_failing_finding_is_said_in_the_singular(tmp_path):
    table = tmp_path / "claims.jsonl"
    record = '{"story": "s", "event": "e", "quantity": "q", "value": "%s", "outlet": "%s",'
    record += ' "quote": "as written"}\n'
    table.write_text(record % ("5", "Example Gazette") + record % ("9", "Example Wire"))
    result = CliRunner().invoke(app, ["table", str(table), "--fail-on", "error"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "reconcile: 1 finding fails the run under --fail-on error (value-conflict 1);"
    )
