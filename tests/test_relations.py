"""Relations between quantities (SPEC "Relations"): how they are written, how they
are checked with interval arithmetic, in report and consensus scope."""

from __future__ import annotations

from pathlib import Path

import pytest

import reconcile
from reconcile.relation_syntax import RelationSyntaxError, Term, parse_relation
from reconcile.report import Report

TYPES = {
    "people.total": "count",
    "people.fighters": "count",
    "people.civilians": "count",
    "buses.departed": "count",
    "ceasefire.date": "date",
    "departure.date": "date",
}


DATES_COMPARE = (
    "dates compare one date quantity with another, each may be offset by whole days (e.g. "
    "'handover.date <= ceasefire.date + 3'), or the days between two with a number "
    "('ceasefire.date - talks.date <= 7'); dates are never added together, nor compared "
    "with counts"
)


def reconciled(path: Path) -> Report:
    corpus = reconcile.load([path])
    assert [str(problem) for problem in corpus.problems] == []
    return reconcile.reconcile(corpus)


def rows(report: Report, scope: str) -> list[tuple[str, str, str, str]]:
    return [
        (row.event, row.relation, row.status, row.detail)
        for row in report.relations
        if row.scope == scope
    ]


def report_rows(report: Report, what: str) -> list[tuple[object, ...]]:
    """The report scope's rows: event, ``what`` (report or as_of), status, detail, place."""
    return [
        (row.event, getattr(row, what), row.status, row.detail, str(row.location))
        for row in report.relations
        if row.scope == "report"
    ]


# -- syntax --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "left", "operator", "right"),
    [
        (
            "people.total = people.fighters + people.civilians",
            [(1, "people.total", 0)],
            "=",
            [(1, "people.fighters", 0), (1, "people.civilians", 0)],
        ),
        (
            "people.total - people.civilians = people.fighters",
            [(1, "people.total", 0), (-1, "people.civilians", 0)],
            "=",
            [(1, "people.fighters", 0)],
        ),
        ("buses.departed >= 1", [(1, "buses.departed", 0)], ">=", [(1, None, 1)]),
        ("buses.departed<=1_000", [(1, "buses.departed", 0)], "<=", [(1, None, 1000)]),
        ("-people.total < 0", [(-1, "people.total", 0)], "<", [(1, None, 0)]),
        (
            "ceasefire.date > departure.date",
            [(1, "ceasefire.date", 0)],
            ">",
            [(1, "departure.date", 0)],
        ),
    ],
)
def test_relations_are_sums_and_differences(
    text: str,
    left: list[tuple[int, str | None, int]],
    operator: str,
    right: list[tuple[int, str | None, int]],
) -> None:
    relation = parse_relation(text, TYPES)
    assert relation.left == tuple(Term(*term) for term in left)
    assert (relation.operator, relation.right) == (operator, tuple(Term(*t) for t in right))


def test_each_quantity_of_a_relation_counts_once() -> None:
    relation = parse_relation("people.total + people.total = people.fighters + 1", TYPES)
    assert relation.quantities == ("people.total", "people.fighters")


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        (
            "people.totl = people.fighters",
            "unknown quantity 'people.totl' in relation; did you mean 'people.total'?; declared: "
            "'buses.departed', 'ceasefire.date', 'departure.date', 'people.civilians', "
            "'people.fighters' or 'people.total'",
            0,
        ),
        ("people.total = people.fighters = 1", "a relation needs exactly one comparison", 0),
        ("people.total people.fighters", "a relation needs exactly one comparison", 0),
        (
            "people.total => people.fighters",
            "a relation needs exactly one comparison ('>=', not '=>')",
            0,
        ),
        (
            "people.total =< people.fighters",
            "a relation needs exactly one comparison ('<=', not '=<')",
            0,
        ),
        ("people.total = people.fighters > 1", "a relation needs exactly one comparison", 0),
        ("people.total = ", "a side of 'people.total = ' is empty or ends in a sign", 0),
        (
            "people.total = + people.fighters",
            "unexpected '+' in 'people.total = + people.fighters'",
            15,
        ),
        ("people.total = 2 * people.fighters", "cannot read '* people.fighters'", 17),
        ("people.total = 1.5", "cannot read '.5'", 16),
        ("3 = 4", "'3 = 4' names no quantity", 0),
        ("1 + 2 <= 3", "'1 + 2 <= 3' names no quantity", 0),
        (
            "ceasefire.date + departure.date >= 2",
            "'ceasefire.date + departure.date >= 2': " + DATES_COMPARE,
            0,
        ),
        (
            "departure.date + ceasefire.date - departure.date <= ceasefire.date",
            "'departure.date + ceasefire.date - departure.date <= ceasefire.date': "
            + DATES_COMPARE,
            0,
        ),
        (
            "ceasefire.date >= 736000",
            "'ceasefire.date >= 736000': " + DATES_COMPARE,
            0,
        ),
        (
            "ceasefire.date = buses.departed",
            "'ceasefire.date = buses.departed': " + DATES_COMPARE,
            0,
        ),
    ],
)
def test_relations_that_cannot_be_read(text: str, message: str, offset: int) -> None:
    with pytest.raises(RelationSyntaxError) as caught:
        parse_relation(text, TYPES)
    assert caught.value.message.split("; write sums")[0] == message
    assert caught.value.offset == offset


def test_a_relation_error_points_into_story_yaml(
    datadir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(datadir)
    corpus = reconcile.load([Path("parse-errors")])
    assert [
        (p.code, str(p.location), p.message.split("; write sums")[0]) for p in corpus.problems
    ] == [
        (
            "invalid-relation",
            "parse-errors/story.yaml:10:5",
            "unknown quantity 'buses.departd' in relation; did you mean 'buses.departed'?; "
            "declared: 'buses.departed', 'buses.returned', 'buses.stranded' or 'ceasefire.date'",
        ),
        (
            "invalid-relation",
            "parse-errors/story.yaml:11:5",
            "a relation needs exactly one comparison",
        ),
        (
            "invalid-relation",
            "parse-errors/story.yaml:12:5",
            "a side of 'buses.departed = buses.stranded +' is empty or ends in a sign",
        ),
        ("invalid-relation", "parse-errors/story.yaml:13:20", "cannot read '* 2 = buses.stranded'"),
        (
            "invalid-relation",
            "parse-errors/story.yaml:14:5",
            "'ceasefire.date = buses.departed': " + DATES_COMPARE,
        ),
    ]
    # the one relation that reads is still checked
    assert [r.relation for r in reconcile.reconcile(corpus).relations] == [
        "buses.departed = buses.stranded + buses.returned",
        "buses.departed = buses.stranded + buses.returned",
    ]


# -- evaluation ---------------------------------------------------------------------------


def test_every_operator_on_counts(datadir: Path) -> None:
    assert rows(reconciled(datadir / "operators"), "consensus") == [
        ("above", "buses.stranded = buses.departed", "holds", "[10, 12] = 10"),
        ("above", "buses.stranded <= buses.departed", "holds", "[10, 12] <= 10"),
        ("above", "buses.stranded >= buses.departed", "holds", "[10, 12] >= 10"),
        ("above", "buses.stranded < buses.departed", "violated", "[10, 12] ≥ 10: equal at best"),
        ("above", "buses.stranded > buses.departed", "holds", "[10, 12] > 10"),
        ("equal", "buses.stranded = buses.departed", "holds", "10 = 10"),
        ("equal", "buses.stranded <= buses.departed", "holds", "10 <= 10"),
        ("equal", "buses.stranded >= buses.departed", "holds", "10 >= 10"),
        ("equal", "buses.stranded < buses.departed", "violated", "10 ≥ 10: equal at best"),
        ("equal", "buses.stranded > buses.departed", "violated", "10 ≤ 10: equal at best"),
        ("far_above", "buses.stranded = buses.departed", "violated", "[12, ∞) ≠ 10: 2 unaccounted"),
        ("far_above", "buses.stranded <= buses.departed", "violated", "[12, ∞) > 10: off by 2"),
        ("far_above", "buses.stranded >= buses.departed", "holds", "[12, ∞) >= 10"),
        ("far_above", "buses.stranded < buses.departed", "violated", "[12, ∞) ≥ 10: off by 2"),
        ("far_above", "buses.stranded > buses.departed", "holds", "[12, ∞) > 10"),
        ("up_to", "buses.stranded = buses.departed", "holds", "[0, 10] = 10"),
        ("up_to", "buses.stranded <= buses.departed", "holds", "[0, 10] <= 10"),
        ("up_to", "buses.stranded >= buses.departed", "holds", "[0, 10] >= 10"),
        ("up_to", "buses.stranded < buses.departed", "holds", "[0, 10] < 10"),
        ("up_to", "buses.stranded > buses.departed", "violated", "[0, 10] ≤ 10: equal at best"),
    ]


def test_open_ends_of_numbers_never_reach_their_bound(datadir: Path) -> None:
    assert rows(reconciled(datadir / "numbers"), "consensus") == [
        (
            "above",
            "level.before = level.after",
            "violated",
            "(2.5, ∞) ≠ 2.5: close, but never equal",
        ),
        (
            "above",
            "level.before < level.after",
            "violated",
            "(2.5, ∞) ≥ 2.5: close, but never equal",
        ),
        ("above", "level.before >= level.after", "holds", "(2.5, ∞) >= 2.5"),
        (
            "below",
            "level.before = level.after",
            "violated",
            "(-∞, 2.5) ≠ 2.5: close, but never equal",
        ),
        ("below", "level.before < level.after", "holds", "(-∞, 2.5) < 2.5"),
        (
            "below",
            "level.before >= level.after",
            "violated",
            "(-∞, 2.5) < 2.5: close, but never equal",
        ),
    ]


def test_unbounded_intervals(datadir: Path) -> None:
    assert rows(reconciled(datadir / "unbounded"), "consensus") == [
        (
            "open_part",
            "buses.departed = buses.stranded + buses.returned",
            "violated",
            "17 ≠ [12, ∞) + 6: 1 too many",
        ),
        (
            "open_total",
            "buses.departed = buses.stranded + buses.returned",
            "holds",
            "[10, ∞) = 10 + 6",
        ),
    ]


def test_dates_compare_in_days(datadir: Path) -> None:
    assert rows(reconciled(datadir / "dates"), "consensus") == [
        (
            "ordered",
            "ceasefire.date <= departure.date",
            "holds",
            "2017-08-27 <= [2017-08-01, 2017-08-31]",
        ),
        (
            "ordered",
            "ceasefire.date < departure.date",
            "holds",
            "2017-08-27 < [2017-08-01, 2017-08-31]",
        ),
        (
            "reversed",
            "ceasefire.date <= departure.date",
            "violated",
            "[2017-08-29, ∞) > 2017-08-28: off by 1 day",
        ),
        (
            "reversed",
            "ceasefire.date < departure.date",
            "violated",
            "[2017-08-29, ∞) ≥ 2017-08-28: off by 1 day",
        ),
        ("same_day", "ceasefire.date <= departure.date", "holds", "2017-08-28 <= 2017-08-28"),
        (
            "same_day",
            "ceasefire.date < departure.date",
            "violated",
            "2017-08-28 ≥ 2017-08-28: equal at best",
        ),
    ]


@pytest.mark.parametrize(
    ("ceasefire", "departure", "detail"),
    [
        ("2017-08-28", "2017-08-26", "2017-08-28 ≠ 2017-08-26: 2 days apart"),
        ("2017-08-26", "2017-08-28", "2017-08-26 ≠ 2017-08-28: 2 days apart"),
    ],
)
def test_dates_that_should_be_one_are_days_apart(
    tmp_path: Path, ceasefire: str, departure: str, detail: str
) -> None:
    """Days are not unaccounted, nor too many, as a count's shortfall is."""
    (tmp_path / "story.yaml").write_text(
        "story: dates\nevents: {convoy: {}}\n"
        "quantities: {ceasefire.date: {type: date}, departure.date: {type: date}}\n"
        "relations: [ceasefire.date = departure.date]\n"
    )
    (tmp_path / "wire.yaml").write_text(
        "source: {outlet: Example Wire, url: 'https://wire.example/1'}\nclaims:\n"
        f"  - {{event: convoy, quantity: ceasefire.date, value: '{ceasefire}'}}\n"
        f"  - {{event: convoy, quantity: departure.date, value: '{departure}'}}\n"
    )
    report = reconciled(tmp_path)
    assert {row.detail for row in report.relations} == {detail}


@pytest.mark.parametrize(
    ("relation", "status", "detail"),
    [
        ("departure.date <= ceasefire.date + 3", "holds", "2017-08-30 <= 2017-08-27 + 3 days"),
        (
            "departure.date <= ceasefire.date + 2",
            "violated",
            "2017-08-30 > 2017-08-27 + 2 days: off by 1 day",
        ),
        ("departure.date - ceasefire.date = 3", "holds", "2017-08-30 - 2017-08-27 = 3 days"),
        (
            "departure.date - 1 >= ceasefire.date + 3",
            "violated",
            "2017-08-30 - 1 day < 2017-08-27 + 3 days: off by 1 day",
        ),
    ],
)
def test_dates_may_be_offset_by_whole_days(
    tmp_path: Path, relation: str, status: str, detail: str
) -> None:
    (tmp_path / "story.yaml").write_text(
        "story: dates\nevents: {convoy: {}}\n"
        "quantities: {ceasefire.date: {type: date}, departure.date: {type: date}}\n"
        f"relations: ['{relation}']\n"
    )
    (tmp_path / "wire.yaml").write_text(
        "source: {outlet: Example Wire, url: 'https://wire.example/1'}\nclaims:\n"
        "  - {event: convoy, quantity: ceasefire.date, value: '27 August 2017'}\n"
        "  - {event: convoy, quantity: departure.date, value: '2017-08-30'}\n"
    )
    report = reconciled(tmp_path)
    assert {(row.status, row.detail) for row in report.relations} == {(status, detail)}


def test_whole_numbers_and_differences(datadir: Path) -> None:
    assert rows(reconciled(datadir / "arithmetic"), "consensus") == [
        ("convoy", "people.total - people.civilians = people.fighters", "holds", "639 - 331 = 308"),
        ("convoy", "buses.departed >= 1", "violated", "0 < 1: off by 1"),
        (
            "convoy",
            "people.total = people.fighters + people.civilians + 10",
            "violated",
            "639 ≠ 308 + 331 + 10: 10 too many",
        ),
    ]


# -- scopes -------------------------------------------------------------------------------


def test_report_scope(datadir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(datadir)
    report = reconciled(Path("report-scope"))
    assert report_rows(report, "report") == [
        (
            "disjoint",
            "report-scope/disjoint.yaml",
            "unknown",
            "the report's claims of buses.departed share no value",
            "report-scope/disjoint.yaml:6:56",
        ),
        (
            "stuck",
            "report-scope/stuck.yaml",
            "violated",
            "17 ≠ 10 + 6: 1 unaccounted",
            "report-scope/stuck.yaml:12:12",
        ),
        (
            "two_claims",
            "report-scope/two-claims.yaml",
            "holds",
            "[16, 18] = 10 + 6",
            "report-scope/two-claims.yaml:6:58",
        ),
        # one report, two dates: each date checked on its own
        (
            "two_dates",
            "report-scope/two-dates.yaml",
            "violated",
            "17 ≠ 10 + 6: 1 unaccounted",
            "report-scope/two-dates.yaml:6:57",
        ),
        (
            "two_dates",
            "report-scope/two-dates.yaml",
            "holds",
            "20 = 12 + 8",
            "report-scope/two-dates.yaml:9:57",
        ),
    ]  # no row for "partial", which lacks buses.returned


def test_a_fixed_quantity_holds_at_every_date_of_its_report(
    datadir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """17 buses set off (published 2017-09-02), ten stuck as of 2017-09-01, six came
    back: the 17 and the six hold on the 1st too, so the article is checked against
    itself (SPEC's own example); 600 people as of one date, 308 fighters and 331
    civilians as of another, all fixed: checked together, under no date."""
    monkeypatch.chdir(datadir)
    report = reconciled(Path("over-time"))
    assert report_rows(report, "as_of") == [
        ("camp", None, "violated", "600 ≠ 308 + 331: 39 too many", "over-time/counted.yaml:6:50"),
        (
            "convoy",
            "2017-09-01",
            "violated",
            "17 ≠ 10 + 6: 1 unaccounted",
            "over-time/stuck.yaml:7:54",  # at the claim of its date, not a fixed one's
        ),
    ]
    row = next(row for row in report.relations if row.event == "convoy" and row.report)
    assert [str(place) for place in row.checked] == [
        "over-time/stuck.yaml:6:54",  # 17, the fixed figure the date takes
        "over-time/stuck.yaml:7:54",
        "over-time/stuck.yaml:8:54",
    ]


def test_consensus_scope(datadir: Path) -> None:
    assert [
        (event, status, detail)
        for event, _, status, detail in rows(reconciled(datadir / "report-scope"), "consensus")
    ] == [
        ("disjoint", "unknown", "buses.departed is in conflict"),
        ("partial", "unknown", "no claim gives buses.returned"),
        ("stuck", "violated", "17 ≠ 10 + 6: 1 unaccounted"),
        ("two_claims", "holds", "[16, 18] = 10 + 6"),
        # every quantity that keeps it unknown, not the first only
        (
            "two_dates",
            "unknown",
            "buses.departed, buses.stranded and buses.returned are in conflict",
        ),
    ]


def test_violated_rows_are_findings(datadir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(datadir)
    report = reconciled(Path("report-scope"))
    assert [
        (str(f.location), f.message) for f in report.findings if f.code == "relation-violated"
    ] == [
        (
            "report-scope/story.yaml:13:5",
            "stuck: buses.departed = buses.stranded + buses.returned (consensus): "
            "17 ≠ 10 + 6: 1 unaccounted",
        ),
        (
            "report-scope/stuck.yaml:12:12",
            "stuck: buses.departed = buses.stranded + buses.returned (report, as of 2017-09-02): "
            "17 ≠ 10 + 6: 1 unaccounted",
        ),
        (
            "report-scope/two-dates.yaml:6:57",
            "two_dates: buses.departed = buses.stranded + buses.returned "
            "(report, as of 2017-09-01): "
            "17 ≠ 10 + 6: 1 unaccounted",
        ),
    ]
    assert report.summary()["relations_violated"] == 3


def test_the_report_quotes_every_claim_a_report_row_checked(
    datadir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 17 a date took from the report's fixed figures is quoted with the ten."""
    from typer.testing import CliRunner

    from reconcile.cli import app

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(datadir)
    shown = CliRunner().invoke(app, ["report", "over-time"]).stdout
    row = shown[shown.index("report over-time/stuck.yaml") :]
    for quote in ("“the original 17 buses”", "“as of Friday, ten are stuck”", "“six retreated”"):
        assert quote in row.split("consensus")[0]
