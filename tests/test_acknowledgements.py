"""Acknowledged discrepancies: story.yaml's `acknowledged:` entries. An acknowledged
finding no longer fails `reconcile check` but stays visible, with its reason, in every
output; an acknowledgement that matches nothing is a warning."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from reconcile.acknowledgements import acknowledge, relation_key
from reconcile.api import check as check_paths
from reconcile.cli import app
from reconcile.loading import load
from reconcile.reconciler import reconcile

runner = CliRunner()
WIRE_REASON = "The Wire counted the escort vehicles too; its editor confirmed it."
BUS_REASON = "One bus broke down and was towed; neither stranded nor returned."


@pytest.fixture(autouse=True)
def _inside_data(monkeypatch: pytest.MonkeyPatch, datadir: Path) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(datadir)


def check(*args: str) -> Result:
    return runner.invoke(app, ["check", *args])


# the library --------------------------------------------------------------------------


def test_acknowledged_findings_are_marked_with_their_acknowledgement() -> None:
    report = check_paths(["acknowledged"])
    marked = [
        (f.code, f.quantity or f.relation, f.acknowledged and f.acknowledged.reviewed_by)
        for f in report.findings
    ]
    assert marked == [
        ("relation-violated", "buses.departed = buses.stranded + buses.returned", "B. Checker"),
        ("value-conflict", "buses.departed", "A. Editor"),
        ("single-source", "buses.stranded", None),
        ("single-source", "buses.returned", None),
    ]
    assert report.worst_severity() == "warning"


def test_acknowledged_groups_and_relation_rows_are_marked() -> None:
    report = check_paths(["acknowledged"])
    groups = {g.quantity.name: g.acknowledged and g.acknowledged.reason for g in report.groups}
    assert groups == {
        "buses.departed": WIRE_REASON,
        "buses.returned": None,
        "buses.stranded": None,
    }
    rows = [(r.scope, r.status, r.acknowledged and r.acknowledged.reason) for r in report.relations]
    assert rows == [("consensus", "unknown", None), ("report", "violated", BUS_REASON)]


def test_a_table_shows_acknowledgements_in_a_column_asked_for() -> None:
    """An acknowledged conflict is a conflict still, and the table says so; who accepted
    it, and why, is a column of its own (--columns), as most tables have none."""
    groups = runner.invoke(
        app, ["table", "acknowledged", "-f", "csv", "--columns", "quantity,verdict,acknowledged"]
    )
    assert list(csv.reader(io.StringIO(groups.stdout))) == [
        ["quantity", "verdict", "acknowledged"],
        ["buses.departed", "conflict", f"acknowledged by A. Editor on 2017-09-10: {WIRE_REASON}"],
        ["buses.returned", "single-source", ""],
        ["buses.stranded", "single-source", ""],
    ]
    relations = runner.invoke(
        app,
        ["table", "acknowledged", "--relations", "-f", "csv", "--columns", "scope,acknowledged"],
    )
    assert list(csv.reader(io.StringIO(relations.stdout))) == [
        ["scope", "acknowledged"],
        ["consensus", ""],
        ["report", f"acknowledged by B. Checker: {BUS_REASON}"],
    ]


def test_acknowledge_is_a_pure_function_of_report_and_stories() -> None:
    corpus = load(["acknowledged"])
    report = reconcile(corpus)
    assert acknowledge(report, corpus.stories) == report  # applied twice: the same report
    bare = acknowledge(report, {})
    assert [f.acknowledged for f in bare.findings] == [None] * 4
    assert [g.acknowledged for g in bare.groups + bare.relations] == [None] * 5
    assert [f.acknowledged is not None for f in report.findings] == [True, True, False, False]


def test_relations_match_whatever_their_spacing() -> None:
    assert relation_key("a.b=c.d+ 2") == relation_key("a.b = c.d + 2")


def test_an_acknowledgement_that_matches_nothing_is_a_warning() -> None:
    report = check_paths(["unused"])
    unused = [
        (f.location.line, f.message.split(" matches no finding: ")[-1])
        for f in report.findings
        if f.code == "unused-acknowledgement"
    ]
    assert unused == [
        (12, "its verdict is agree now; remove this acknowledgement"),
        (16, "no claim gives it; remove this acknowledgement"),
        (20, "the story has no quantity 'buses.departd'; did you mean 'buses.departed'?"),
        (24, "the story has no event 'convoi'; did you mean 'convoy'?"),
        (28, "the relation is not violated now; remove this acknowledgement"),
        (
            32,
            "the story declares no such relation; "
            "did you mean 'buses.departed = buses.stranded + buses.returned'?",
        ),
        (
            36,
            "acknowledgement of convoy buses.departed repeats the one at line 12; "
            "remove one of them",
        ),
    ]
    assert {f.severity for f in report.findings} == {"warning"}
    assert all(f.location.file == "unused/story.yaml" for f in report.findings[2:])


@pytest.mark.parametrize("as_table", [False, True], ids=["report", "flat table"])
def test_a_claim_reported_after_the_review_reopens_an_acknowledged_conflict(
    datadir: Path, tmp_path: Path, as_table: bool
) -> None:
    """The Wire's 20 against the Gazette's 17 was reviewed on 2017-09-10; the Post's 400,
    published on the 12th, was not: the conflict fails again, and the entry says why.
    The relation's acknowledgement has no date: it covers whatever comes."""
    import shutil

    story = tmp_path / "acknowledged"
    shutil.copytree(datadir / "acknowledged", story)
    if as_table:
        row = {"story": "test-convoy", "event": "convoy", "quantity": "buses.departed"}
        row |= {"value": "400", "outlet": "Example Post", "published": "2017-09-12"}
        (story / "post.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    else:
        (story / "post.yaml").write_text(
            "source: {outlet: Example Post, published: 2017-09-12}\n"
            "claims:\n  - {event: convoy, quantity: buses.departed, value: '400'}\n",
            encoding="utf-8",
        )
    report = check_paths([story])
    marked = {
        (f.code, f.quantity or f.relation): f.acknowledged is not None for f in report.findings
    }
    assert marked[("value-conflict", "buses.departed")] is False
    assert marked[("relation-violated", "buses.departed = buses.stranded + buses.returned")]
    (stale,) = [f for f in report.findings if f.code == "unused-acknowledgement"]
    assert stale.message.startswith(
        "acknowledgement of convoy buses.departed was reviewed on 2017-09-10, before "
        "Example Post's claim of 2017-09-12"
    )
    assert report.worst_severity() == "error"


def test_a_claim_reported_up_to_the_review_is_covered(datadir: Path, tmp_path: Path) -> None:
    import shutil

    story = tmp_path / "acknowledged"
    shutil.copytree(datadir / "acknowledged", story)
    (story / "post.yaml").write_text(
        "source: {outlet: Example Post, published: 2017-09-10}\n"
        "claims:\n  - {event: convoy, quantity: buses.departed, value: '400'}\n",
        encoding="utf-8",
    )
    report = check_paths([story])
    assert [f.code for f in report.findings if f.code == "unused-acknowledgement"] == []
    assert report.worst_severity() == "warning"


# the command line -----------------------------------------------------------------------


@pytest.mark.parametrize(("fail_on", "status"), [("error", 0), ("warning", 1), ("never", 0)])
def test_acknowledged_findings_do_not_fail_the_check(fail_on: str, status: int) -> None:
    assert check("acknowledged", "--fail-on", fail_on).exit_code == status


def test_unused_acknowledgements_fail_under_fail_on_warning() -> None:
    assert check("unused").exit_code == 0
    assert check("unused", "--fail-on", "warning").exit_code == 1
    assert (
        check(
            "unused", "--ignore", "unused-acknowledgement,single-source", "--fail-on", "warning"
        ).exit_code
        == 0
    )


def test_text_shows_acknowledged_findings_with_their_reason() -> None:
    lines = check("acknowledged").stdout.splitlines()
    assert lines[1] == (
        "acknowledged/gazette.yaml:8:12: acknowledged error: convoy buses.departed: conflict: "
        "Example Gazette gives seventeen (17) and Example Wire gives 20: no value fits both, "
        "gap 3 (15.0%); no cluster of claims is the largest, so no estimate [value-conflict]; "
        f"acknowledged by A. Editor on 2017-09-10: {WIRE_REASON}"
    )
    assert lines[-1].endswith("; 0 input errors; 2 acknowledged")


def test_json_marks_only_the_acknowledged_rows() -> None:
    document = json.loads(check("acknowledged", "--format", "json").stdout)
    groups = {g["quantity"]: g for g in document["groups"]}
    assert groups["buses.departed"]["acknowledged"] == {
        "reason": WIRE_REASON,
        "reviewed_by": "A. Editor",
        "date": "2017-09-10",  # where given, as the text shows it
    }
    assert list(groups["buses.departed"])[-1] == "acknowledged"
    assert "acknowledged" not in groups["buses.stranded"]
    consensus, report = document["relations"]
    assert "acknowledged" not in consensus
    assert report["acknowledged"] == {"reason": BUS_REASON, "reviewed_by": "B. Checker"}


def test_json_keys_are_unchanged_without_acknowledgements() -> None:
    document = json.loads(check("unused", "--format", "json").stdout)
    assert all("acknowledged" not in row for row in document["groups"] + document["relations"])


def test_github_shows_acknowledged_findings_as_notices() -> None:
    lines = check("acknowledged", "--format", "github").stdout.splitlines()
    assert lines[1] == (
        "::notice file=acknowledged/gazette.yaml,line=8,col=12,"
        "title=value-conflict (acknowledged)::convoy buses.departed: conflict: "
        "Example Gazette gives seventeen (17) and Example Wire gives 20: no value fits both, "
        "gap 3 (15.0%25); no cluster of claims is the largest, so no estimate"
        f"%0Aacknowledged by A. Editor on 2017-09-10: {WIRE_REASON}"
    )
    assert [line.split(" ")[0] for line in lines[:4]] == [
        "::notice",
        "::notice",
        "::warning",
        "::warning",
    ]


def test_sarif_suppresses_acknowledged_results() -> None:
    results: list[dict[str, Any]] = json.loads(check("acknowledged", "--format", "sarif").stdout)[
        "runs"
    ][0]["results"]
    suppressions = [(r["ruleId"], r.get("suppressions")) for r in results]
    assert suppressions[1] == (
        "value-conflict",
        [
            {
                "kind": "external",
                "status": "accepted",
                "justification": WIRE_REASON,
                "properties": {"reviewedBy": "A. Editor"},
            }
        ],
    )
    assert [bool(s) for _, s in suppressions] == [True, True, False, False]


def test_junit_does_not_fail_acknowledged_cases() -> None:
    root = ET.fromstring(check("acknowledged", "--format", "junit").stdout.encode())
    assert root.get("failures") == "0"
    cases = {c.get("name"): c for c in root.iter("testcase")}
    departed = cases["buses.departed"]
    assert departed.find("failure") is None
    assert departed.findtext("system-out") == (
        "acknowledged/gazette.yaml:8:12: acknowledged error: convoy buses.departed: conflict: "
        "Example Gazette gives seventeen (17) and Example Wire gives 20: no value fits both, "
        "gap 3 (15.0%); no cluster of claims is the largest, so no estimate [value-conflict]; "
        f"acknowledged by A. Editor on 2017-09-10: {WIRE_REASON}"
    )


def test_junit_gives_unused_acknowledgements_cases_of_their_own() -> None:
    root = ET.fromstring(check("unused", "--format", "junit").stdout.encode())
    names = [c.get("name") for c in root.iter("testcase") if c.get("classname") == "test-unused"]
    assert names == [
        f"unused-acknowledgement at unused/story.yaml:{line}:5"
        for line in (12, 16, 20, 24, 28, 32, 36)
    ]


# invalid acknowledgements -------------------------------------------------------------------


def problems(result: Result) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": error: " in line]


def test_an_acknowledgement_needs_a_reason_and_a_reviewer() -> None:
    result = check("missing-reason")
    assert result.exit_code == 2
    assert problems(result) == [
        "missing-reason/story.yaml:7:5: error: missing fields 'reason' and 'reviewed_by' "
        "[invalid-field]",
    ]


def test_an_entry_that_does_not_validate_sets_aside_itself_only(datadir: Path) -> None:
    """A bad entry is an error at its line; the entries after it still apply (their
    conflicts stay reviewed), and what is said of them is said at their own lines."""
    story = datadir / "acknowledged" / "story.yaml"
    bad_ones = (
        "acknowledged:\n"
        "  - {event: convoy, quantity: buses.departed}\n"
        "  - {event: convoy, quantity: buses.strandd, reason: A typo., reviewed_by: C. Desk}\n"
    )
    story.write_text(story.read_text().replace("acknowledged:\n", bad_ones), encoding="utf-8")
    result = check("acknowledged")
    assert result.exit_code == 2
    shown = result.stdout.splitlines()
    assert shown[0] == (
        "acknowledged/story.yaml:11:5: error: missing fields 'reason' and 'reviewed_by' "
        "[invalid-field]"
    )
    assert sum("acknowledged by A. Editor" in line for line in shown) == 1
    assert sum("acknowledged by B. Checker" in line for line in shown) == 1
    typo = [line for line in shown if "did you mean 'buses.stranded'" in line]
    assert [line.split(": warning: ")[0] for line in typo] == ["acknowledged/story.yaml:12:5"]


def test_an_acknowledgement_names_a_quantity_or_a_relation() -> None:
    result = check("both-targets")
    assert result.exit_code == 2
    assert [line.split(": error: ")[0] for line in problems(result)] == [
        "both-targets/story.yaml:7:5",
        "both-targets/story.yaml:12:5",
    ]
    assert all("name either a 'quantity' or a 'relation'" in line for line in problems(result))


def test_an_acknowledgement_date_must_be_a_date() -> None:
    result = check("bad-date")
    assert result.exit_code == 2
    assert problems(result) == [
        "bad-date/story.yaml:11:11: error: '2017-02-30' is not a date: "
        "day is out of range for month; write a day of the calendar (2017-09-01), "
        "a month (2017-09) or a year (2017) [invalid-date]"
    ]


def test_an_acknowledgement_whose_date_does_not_read_is_not_applied() -> None:
    """What it covers (claims reported up to its date) cannot be known: it was applied
    as if undated, to every claim to come."""
    (finding,) = check_paths(["bad-date"]).findings
    assert (finding.code, finding.acknowledged) == ("single-source", None)
