"""The unit of a quantity, as the rows of flat tables give it (SPEC "Flat claim
tables": rows carry an optional ``unit``): the unit most kept rows give, whatever their
order, and a warning for each other unit, the claims judged all the same."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reconcile

STORY = "story: s\nevents: {e: {}}\nquantities: {q: {unit: people}}\n"


def row(value: int, unit: str | None = None, *, story: str = "s") -> dict[str, str]:
    record = {"story": story, "event": "e", "quantity": "q", "value": str(value)}
    record |= {"outlet": f"Example Outlet {value}", "url": f"https://example.org/{value}"}
    return record if unit is None else {**record, "unit": unit}


def write(folder: Path, rows: list[dict[str, str]], suffix: str = ".jsonl") -> Path:
    table = folder / f"claims{suffix}"
    if suffix == ".csv":
        with table.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(
                out, ["story", "event", "quantity", "value", "outlet", "url", "unit"]
            )
            writer.writeheader()
            writer.writerows(rows)
    else:
        table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return table


def judged(paths: list[Path]) -> tuple[str | None, list[tuple[str, str, str]], int]:
    """The quantity's unit, the unit warnings (code, place, message) and the claims kept."""
    report = reconcile.check(paths)
    (group,) = report.groups
    assert report.problems == []
    warnings = [
        (f.code, str(f.location), f.message) for f in report.findings if f.code == "unit-mismatch"
    ]
    assert all(f.severity == "warning" for f in report.findings if f.code == "unit-mismatch")
    return group.quantity.unit, warnings, len(group.claims)


def unit_column(table: Path, line: int, unit: str) -> int:
    """Where ``unit`` stands in line ``line`` of ``table`` (1-based; in JSON, its quote)."""
    text = table.read_text(encoding="utf-8").splitlines()[line - 1]
    return text.index(f'"{unit}"') + 1 if table.suffix == ".jsonl" else text.index(f",{unit}") + 2


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_a_quantity_takes_the_unit_most_rows_give(tmp_path: Path, suffix: str) -> None:
    rows = [row(10), row(11, "cars"), row(12, "buses"), row(13, "Buses "), row(14, "buses")]
    table = write(tmp_path, rows, suffix)
    line = 2 if suffix == ".jsonl" else 3  # below the header
    assert judged([table]) == (
        "buses",  # as most of its rows write it; case and spaces do not count
        [
            (
                "unit-mismatch",
                f"{table}:{line}:{unit_column(table, line, 'cars')}",
                "unit 'cars' (this row) is not the unit of quantity 'q', 'buses', which 3 rows "
                "of it give; correct it, or give this figure a quantity of its own",
            )
        ],
        5,  # the claims are judged all the same: a unit says what a figure counts
    )


def test_only_kept_rows_choose_the_unit_and_spellings_are_tidied(tmp_path: Path) -> None:
    """Rows whose value is not read give no unit; a unit's spaces do not count."""
    rows = [row(10, "cars"), row(11, "  Cars "), {**row(12, "buses"), "value": "lots"}]
    rows += [{**row(13, "buses"), "value": "lots"}, {**row(14, "buses"), "value": "lots"}]
    report = reconcile.check([write(tmp_path, rows)])
    (group,) = report.groups
    assert group.quantity.unit == "Cars"  # two spellings once each: the smaller
    assert [f.code for f in report.findings if f.code == "unit-mismatch"] == []
    assert [p.code for p in report.problems] == ["invalid-value"] * 3


def test_a_unit_of_measure_spelled_otherwise_is_the_same_unit(tmp_path: Path) -> None:
    """A unit cell is compared as the values' units are: km, kilometres and kilometers
    are one unit, as ha and hectares are; miles are another."""
    spellings = ["km", "kilometres", "Kilometers", "km", "miles"]
    rows = [row(10 + number, unit) for number, unit in enumerate(spellings)]
    report = reconcile.check([write(tmp_path, rows)])
    mismatches = [f.message for f in report.findings if f.code == "unit-mismatch"]
    assert [message.split(" (")[0] for message in mismatches] == ["unit 'miles'"]
    assert report.groups[0].quantity.unit == "km"  # as most of its rows write it


def test_a_unit_warning_is_a_finding_that_fail_on_and_ignore_govern(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reconcile.cli import app

    outlets = ("Example Wire", "Example Post", "Example Gazette")  # agreeing: no other finding
    rows = [
        {**row(10, unit), "outlet": o}
        for o, unit in zip(outlets, ("people", "persons", "people"), strict=True)
    ]
    table = str(write(tmp_path, rows))
    runner = CliRunner()
    assert runner.invoke(app, ["check", table]).exit_code == 0
    warned = runner.invoke(app, ["check", table, "--fail-on", "warning"])
    assert warned.exit_code == 1 and "[unit-mismatch]" in warned.stdout
    ignored = runner.invoke(
        app, ["check", table, "--fail-on", "warning", "--ignore", "unit-mismatch"]
    )
    assert ignored.exit_code == 0


def test_a_unit_given_after_rows_without_one_is_the_quantitys(tmp_path: Path) -> None:
    rows = [row(10), row(10, " "), row(10, "cars")]  # a blank unit is none
    assert judged([write(tmp_path, rows)]) == ("cars", [], 3)


def test_a_unit_other_than_story_yaml_declares_is_a_warning_once(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(STORY, encoding="utf-8")
    table = write(tmp_path, [row(10, "people"), row(11, "cars"), row(12), row(13, "CARS")])
    assert judged([tmp_path]) == (
        "people",
        [
            (
                "unit-mismatch",
                f"{table}:2:{unit_column(table, 2, 'cars')}",
                "unit 'CARS' (2 rows, the first here) is not the unit of quantity 'q', "
                "'people', the unit story.yaml declares for it; correct it, or give these "
                "figures one of their own",
            )
        ],
        4,
    )


@settings(max_examples=40, deadline=None)
@given(st.permutations(["cars", "buses", "buses", "Cars", None, "vans", "vans", "vans"]))
def test_the_order_of_rows_changes_nothing_but_where_a_problem_is_said(
    units: list[str | None],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        table = write(Path(folder), [row(10 + n, unit) for n, unit in enumerate(units)])
        unit, problems, kept = judged([table])
    assert (unit, kept) == ("vans", 8)
    assert sorted(message for _, _, message in problems) == [
        "unit 'Cars' (2 rows, the first here) is not the unit of quantity 'q', 'vans', which "
        "3 rows of it give; correct it, or give these figures one of their own",
        "unit 'buses' (2 rows, the first here) is not the unit of quantity 'q', 'vans', which "
        "3 rows of it give; correct it, or give these figures one of their own",
    ]


def test_a_quantity_story_yaml_gives_no_unit_takes_its_rows(tmp_path: Path) -> None:
    story = STORY.replace("{q: {unit: people}}", "{q: {unit: ' '}}")  # blank: none
    (tmp_path / "story.yaml").write_text(story, encoding="utf-8")
    write(tmp_path, [row(10, "buses"), row(11, "buses"), row(12, "cars")])
    unit, warnings, kept = judged([tmp_path])
    assert (unit, kept) == ("buses", 3)
    assert [message.split(";")[0] for _, _, message in warnings] == [
        "unit 'cars' (this row) is not the unit of quantity 'q', 'buses', which 2 rows of it give"
    ]


def test_a_tie_between_units_is_said_to_be_one(tmp_path: Path) -> None:
    """One row each: 'buses' is taken (the first by code point), and the warning says
    so rather than call it the unit the rows give."""
    write(tmp_path, [row(10, "cars"), row(11, "buses")])
    unit, warnings, _ = judged([tmp_path])
    assert unit == "buses"
    assert [message.split(";")[0] for _, _, message in warnings] == [
        "unit 'cars' (this row) is not the unit of quantity 'q', 'buses', which 1 row of it "
        "gives, as many as give 'cars' (tied: the first by code point)"
    ]


# -- a unit of measure in the value -----------------------------------------------------

MEASURED = (
    "story: s\nevents: {e: {}}\n"
    "quantities: {dist: {type: number, unit: km}, cost: {type: number, unit: USD}, "
    "fled: {unit: people}}\n"
)


def value_warnings(tmp_path: Path, *claims: tuple[str, str]) -> list[tuple[str, str]]:
    (tmp_path / "story.yaml").write_text(MEASURED, encoding="utf-8")
    lines = "".join(
        f'  - {{event: e, quantity: {quantity}, value: "{value}", quote: x}}\n'
        for quantity, value in claims
    )
    report = "source: {outlet: Example Gazette, url: https://example.com}\nclaims:\n" + lines
    (tmp_path / "gazette.yaml").write_text(report, encoding="utf-8")
    found = reconcile.check(tmp_path)
    assert found.problems == []
    return [
        (str(f.location).rsplit("/", 1)[-1], f.message)
        for f in found.findings
        if f.code == "unit-mismatch"
    ]


def test_a_value_in_another_unit_of_measure_is_a_warning(tmp_path: Path) -> None:
    """'5 miles' and '5 km' agreed: the word after the number is ignored (SPEC)."""
    warned = value_warnings(
        tmp_path, ("dist", "5 km"), ("dist", "5 miles"), ("dist", "about 1 mile"),
        ("cost", "€2 million"), ("cost", "2 million euros"),
    )  # fmt: skip
    assert warned == [
        (
            "gazette.yaml:4:39",
            "'5 miles' gives 'miles' (2 claims, the first here), not the unit of quantity "
            "'dist', 'km', the unit story.yaml declares for it: the figure is compared as if "
            "in that unit; correct the claim's quantity, or give such figures a quantity of "
            "their own",
        ),
        (
            "gazette.yaml:6:39",
            "'€2 million' gives '€' (2 claims, the first here), not the unit of quantity "
            "'cost', 'USD', the unit story.yaml declares for it: the figure is compared as if "
            "in that unit; correct the claim's quantity, or give such figures a quantity of "
            "their own",
        ),
    ]


def test_the_same_unit_spelled_otherwise_and_count_nouns_are_no_mismatch(tmp_path: Path) -> None:
    assert value_warnings(
        tmp_path, ("dist", "5 kilometres"), ("dist", "about 5 kms"), ("cost", "2 million dollars"),
        ("cost", "2.5 million USD"), ("cost", "$2 million"),
        ("fled", "600 militants"), ("fled", "600 people"),
    ) == []  # fmt: skip


def test_a_flat_row_s_unit_is_its_unit_cell_warned_once(tmp_path: Path) -> None:
    """Its value's word and its cell said the same thing twice."""
    (tmp_path / "story.yaml").write_text(MEASURED, encoding="utf-8")
    rows = [{**row(5, "miles"), "quantity": "dist", "value": "5 miles"}]
    write(tmp_path, rows, ".csv")
    warned = [f.message for f in reconcile.check(tmp_path).findings if f.code == "unit-mismatch"]
    assert len(warned) == 1 and warned[0].startswith("unit 'miles' (this row)")
