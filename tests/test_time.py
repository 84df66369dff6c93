"""Quantities that change over time (SPEC "Verdicts", `over_time`): running totals
that may only rise, and snapshots compared within a date."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import reconcile
from reconcile.report import GroupResult, Report


def reconciled(path: Path) -> Report:
    corpus = reconcile.load([path])
    assert [str(problem) for problem in corpus.problems] == []
    return reconcile.reconcile(corpus)


def by_event(report: Report) -> dict[str, GroupResult]:
    return {group.event: group for group in report.groups}


def estimate(group: GroupResult) -> tuple[object, object, object] | None:
    found = group.estimate
    return None if found is None else (found.low, found.best, found.high)


# -- cumulative: a later figure may not fall below an earlier one ----------------------


def test_cumulative_verdicts_and_estimates(datadir: Path) -> None:
    report = reconciled(datadir / "cumulative")
    assert {g.event: (g.verdict, estimate(g)) for g in report.groups} == {
        "rising": ("consistent", (52, 52, 52)),  # from the latest claim
        "falling": ("conflict", (60, 60, 60)),
        "same_day": ("consistent", None),  # one day: not ordered, so no fall
        "date_times": ("conflict", (60, 60, 60)),  # 09:00 then 18:00 on one day
        "month_and_day": ("consistent", None),  # 2020-03 and 2020-03-14: not ordered
        "undated": ("consistent", None),  # undated claims never contradict
    }


@pytest.mark.parametrize(
    ("event", "explanation"),
    [
        (
            "rising",
            "2 origins, figures differ but none falls below an earlier one; latest: 52; "
            "rose from 40 on 2020-03-01 to 52 on 2020-03-04",
        ),
        (
            "falling",
            "Example Gazette gives 90 on 2020-03-02, then Example Wire gives 60 on "
            "2020-03-03: a running total cannot fall, gap 30 (33.3%); latest: 60",
        ),
        (
            "date_times",
            "Example Gazette gives 90 on 2020-03-02T09:00, then Example Wire gives 60 on "
            "2020-03-02T18:00: a running total cannot fall, gap 30 (33.3%); latest: 60",
        ),
        (
            "same_day",
            "2 origins, figures differ but none falls below an earlier one; no estimate: "
            "the latest claims share no value and no cluster of them is the largest",
        ),
    ],
)
def test_cumulative_explanations(datadir: Path, event: str, explanation: str) -> None:
    assert by_event(reconciled(datadir / "cumulative"))[event].explanation == explanation


def test_a_fall_is_measured_between_the_two_figures(datadir: Path) -> None:
    falling = by_event(reconciled(datadir / "cumulative"))["falling"]
    assert falling.gap is not None
    assert (falling.gap.absolute, falling.gap.relative) == (30, Fraction(1, 3))
    assert (falling.gap.lower.value, falling.gap.upper.value) == ("60", "90")


def test_a_fall_points_at_the_later_lower_figure(
    datadir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(datadir)
    report = reconciled(Path("cumulative"))
    assert [(f.code, f.event, str(f.location)) for f in report.findings] == [
        ("value-conflict", "falling", "cumulative/wire.yaml:15:12"),
        ("value-conflict", "date_times", "cumulative/wire.yaml:23:12"),
    ]


def test_claims_read_in_date_order(datadir: Path) -> None:
    rising = by_event(reconciled(datadir / "cumulative"))["rising"]
    assert [(c.value, c.date and c.date.text) for c in rising.claims] == [
        ("40", "2020-03-01"),
        ("about 45", "2020-03-02"),
        ("52", "2020-03-04"),
    ]


# -- snapshot: only claims of the same date are compared --------------------------------


def test_snapshots_of_different_dates_do_not_contradict(datadir: Path) -> None:
    ward = by_event(reconciled(datadir / "snapshot"))["ward"]
    assert (ward.verdict, estimate(ward), ward.gap) == ("consistent", (80, 80, 80), None)
    assert ward.explanation == (
        "2 origins, figures differ but none contradicts another of its date; latest: 80"
    )


def test_snapshots_of_one_date_that_share_no_value_conflict(datadir: Path) -> None:
    clash = by_event(reconciled(datadir / "snapshot"))["clash"]
    assert clash.gap is not None
    assert (clash.verdict, estimate(clash), clash.gap.absolute) == ("conflict", (35, 35, 35), 40)
    assert clash.explanation == (
        "on 2020-03-02, Example Wire gives 80 and Example Gazette gives 120: no value fits "
        "both, gap 40 (33.3%); latest: 35"
    )


# -- date-times with offsets: moments ---------------------------------------------------------

_MOMENTS_STORY = (
    "story: s\nevents: {quake: {}}\nquantities:\n"
    "  deaths: {over_time: cumulative}\n  hospital: {over_time: snapshot}\n"
)


def _reported(
    folder: Path, claims: list[tuple[str, str, str, str]], attributed_to: str | None = None
) -> dict[str, GroupResult]:
    """Each claim (outlet, quantity, value, as of) a report of its own."""
    (folder / "story.yaml").write_text(_MOMENTS_STORY, encoding="utf-8")
    origin = f", attributed_to: {attributed_to}" if attributed_to else ""
    for number, (outlet, quantity, value, as_of) in enumerate(claims):
        (folder / f"r{number}.yaml").write_text(
            f"source: {{outlet: {outlet}, url: 'https://example.org/{number}'}}\nclaims:\n"
            f"  - {{event: quake, quantity: {quantity}, value: '{value}', as_of: '{as_of}'"
            f"{origin}}}\n",
            encoding="utf-8",
        )
    return {group.quantity.name: group for group in reconciled(folder).groups}


def test_a_running_total_that_falls_is_seen_across_time_zones(tmp_path: Path) -> None:
    """100 at 10:00+02:00 (08:00 UTC), then 50 at 09:00Z: the total fell, though 09:00
    is written before 10:00."""
    groups = _reported(
        tmp_path,
        [
            ("Example Gazette", "deaths", "100", "2024-01-01T10:00+02:00"),
            ("Example Wire", "deaths", "50", "2024-01-01T09:00Z"),
        ],
    )
    assert groups["deaths"].verdict == "conflict"
    assert groups["deaths"].explanation.startswith(
        "Example Gazette gives 100 on 2024-01-01T10:00+02:00 (2024-01-01T08:00 UTC), then "
        "Example Wire gives 50 on 2024-01-01T09:00Z:"
    )


def test_a_moment_late_in_utc_is_no_earlier_than_the_day_its_outlet_wrote(
    tmp_path: Path,
) -> None:
    """12 at 01:30+03:00 on the 20th (22:30 UTC on the 19th), 9 on the 20th: both of
    the 20th as their outlets wrote them, so not ordered, and no fall."""
    groups = _reported(
        tmp_path,
        [
            ("Example Gazette", "deaths", "12", "2024-09-20T01:30+03:00"),
            ("Example Wire", "deaths", "9", "2024-09-20"),
        ],
    )
    assert groups["deaths"].verdict == "consistent"


def test_moments_near_midnight_are_still_ordered_by_their_moments(tmp_path: Path) -> None:
    """01:30 and 02:30 at +03:00 are on the 19th in UTC, the 20th as written: each is
    widened to both days against plain dates, but the two are still an hour apart."""
    groups = _reported(
        tmp_path,
        [
            ("Example Gazette", "deaths", "50", "2024-09-20T01:30+03:00"),
            ("Example Wire", "deaths", "40", "2024-09-20T02:30+03:00"),
            ("Example Post", "deaths", "45", "2024-09-20"),
        ],
    )
    assert groups["deaths"].verdict == "conflict"
    assert groups["deaths"].explanation.startswith(
        "Example Gazette gives 50 on 2024-09-20T01:30+03:00 (2024-09-19T22:30 UTC), then "
        "Example Wire gives 40 on 2024-09-20T02:30+03:00 (2024-09-19T23:30 UTC):"
    )
    # latest: the 02:30 moment, and the day (not ordered against it), which disagree
    assert estimate(groups["deaths"]) is None
    assert "the latest claims share no value" in groups["deaths"].explanation


def test_claims_are_listed_in_the_order_of_their_moments(tmp_path: Path) -> None:
    """23:00-03:00 on the 19th is 02:00 UTC on the 20th, after 01:00Z: listed after it,
    so that the list reads as the fall the verdict names."""
    groups = _reported(
        tmp_path,
        [
            ("Example Gazette", "deaths", "130", "2024-09-21"),
            ("Example Courier", "deaths", "100", "2024-09-20T01:00Z"),
            ("Example Herald", "deaths", "90", "2024-09-19T23:00-03:00"),
        ],
    )
    assert [claim.value for claim in groups["deaths"].claims] == ["100", "90", "130"]
    assert groups["deaths"].explanation.startswith(
        "Example Courier gives 100 on 2024-09-20T01:00Z, then Example Herald gives 90"
    )


def test_a_running_total_says_how_many_claims_fall(tmp_path: Path) -> None:
    """The gap is the nearest fall; a later figure below both earlier ones is counted."""
    groups = _reported(
        tmp_path,
        [
            ("Example Gazette", "deaths", "about 100", "2020-05-01"),
            ("Sample Herald", "deaths", "80", "2020-05-03"),
            ("Demo Courier", "deaths", "70", "2020-05-05"),
        ],
    )
    explanation = groups["deaths"].explanation
    assert explanation.startswith(
        "Example Gazette gives about 100 ([90, 110]) on 2020-05-01, then Sample Herald gives 80 "
        "on 2020-05-03: a running total cannot fall"
    )
    assert "; 2 claims in all fall below an earlier figure" in explanation


def test_a_snapshot_names_every_date_whose_claims_clash(tmp_path: Path) -> None:
    """The gap is the nearest miss, on one date; another date's clash is named too."""
    groups = _reported(
        tmp_path,
        [
            ("Example Gazette", "hospital", "40", "2023-05-01"),
            ("Sample Herald", "hospital", "55", "2023-05-01"),
            ("Sample Herald", "hospital", "25", "2023-05-02T08:00"),
            ("Demo Courier", "hospital", "30", "2023-05-02T08:00:00"),
        ],
    )
    assert groups["hospital"].explanation.startswith(
        "on 2023-05-02T08:00, Sample Herald gives 25 and Demo Courier gives 30: no value "
        "fits both, gap 5 (16.7%); claims of 1 other date share no value either: 2023-05-01"
    )


def test_an_offset_of_hours_alone_is_said_in_utc_too(tmp_path: Path) -> None:
    groups = _reported(
        tmp_path,
        [
            ("Example Gazette", "deaths", "100", "2024-01-01T10:00+02"),
            ("Example Wire", "deaths", "50", "2024-01-01T09:00Z"),
        ],
    )
    assert "2024-01-01T10:00+02 (2024-01-01T08:00 UTC)" in groups["deaths"].explanation


def test_snapshots_of_one_moment_are_compared_however_it_is_written(tmp_path: Path) -> None:
    groups = _reported(
        tmp_path,
        [
            ("Example Gazette", "hospital", "20", "2024-09-14T08:00"),
            ("Example Wire", "hospital", "22", "2024-09-14T08:00:00"),
        ],
    )
    assert groups["hospital"].verdict == "conflict"


def test_an_origin_that_revises_its_own_total_down_is_said_to(tmp_path: Path) -> None:
    """One ministry's toll, relayed by two outlets, falls: who said it, and where."""
    groups = _reported(
        tmp_path,
        [
            ("Example Gazette", "deaths", "more than 150", "2023-03-03"),
            ("Sample Herald", "deaths", "138", "2023-03-05"),
        ],
        attributed_to="Interior Ministry",
    )
    group = groups["deaths"]
    assert group.explanation.startswith(
        "Interior Ministry gives more than 150 ([151, ∞)) in Example Gazette on 2023-03-03, "
        "then 138 in Sample Herald on 2023-03-05: a running total cannot fall"
    )
