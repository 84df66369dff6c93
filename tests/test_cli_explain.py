"""`reconcile explain VALUE`: how a value is read, and why."""

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from reconcile.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "read_as", "because"),
    [
        (["around 600"], "[540, 660]  (count)", "'around' allows ±10%: 600"),
        (["approximately 1,500"], "[1350, 1650]  (count)", "'approximately' allows ±10%: 1500"),
        (["more than 40"], "[41, ∞)  (count)", "'more than' excludes 40"),
        (["seventeen"], "17  (count)", ""),
        (["--tolerance", "0.2", "about 100"], "[80, 120]  (count)", "±20%"),
        (["--type", "date", "2017-08"], "[2017-08-01, 2017-08-31]  (date)", "2017-08"),
        (["--type", "number", "--", "-5"], "-5  (number)", ""),
    ],
)
def test_explain_prints_the_interval_and_the_rule(args, read_as, because):
    result = runner.invoke(app, ["explain", *args])
    assert result.exit_code == 0, result.output
    value, read_line, because_line = result.stdout.splitlines()
    assert value == args[-1]
    assert read_line == f"  read as  {read_as}"
    assert because_line.startswith("  because  ") and because in because_line


def test_an_unreadable_value_exits_2_and_lists_the_accepted_forms():
    result = runner.invoke(app, ["explain", "lots"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "cannot read 'lots' as a count" in result.stderr
    assert "a hedge (about 600" in result.stderr


@pytest.mark.parametrize("tolerance", ["ten", "-0.1", "2", "1e400", "1.5", ".1", "0.1\n"])
def test_a_tolerance_story_yaml_would_refuse_is_a_usage_error(tolerance):
    result = runner.invoke(app, ["explain", "--tolerance", tolerance, "about 600"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--tolerance takes a number from 0 to 1 such as 0.10, not " in result.stderr


@pytest.mark.parametrize(("tolerance", "shown"), [("0", "600"), ("1", "[0, 1200]")])
def test_a_tolerance_of_0_or_1_is_taken(tolerance, shown):
    result = runner.invoke(app, ["explain", "--tolerance", tolerance, "about 600"])
    assert result.exit_code == 0
    assert f"read as  {shown}  (count)" in result.stdout


def test_control_characters_in_the_value_are_shown_escaped():
    result = runner.invoke(app, ["explain", "\x1b[31m600"])
    assert "\x1b" not in result.stdout + result.stderr
    assert "\\x1b[31m600" in result.stderr


# explain and check read every value alike --------------------------------------------

HEDGES = ["", "about ", "around ", "nearly ", "at least ", "more than ", "up to ", "fewer than "]
NUMBERS = ["17", "600", "1,500", "seventeen", "a dozen", "1.2 million", "0", "twenty-one"]
RANGES = ["10-20", "between 10 and 20", "two to three dozen", "several", "dozens", "none"]
TOLERANCES = ["0.10", "0.05", "0.2"]


def _json_interval(claim: dict) -> str:
    """The interval of a claim of the JSON document, as explain writes it."""
    low, high = claim["low"], claim["high"]
    if low == high and low is not None:
        return _number(low)
    left = "(" if low is None or claim.get("low_open") else "["
    right = ")" if high is None or claim.get("high_open") else "]"
    low_text = "-∞" if low is None else _number(low)
    high_text = "∞" if high is None else _number(high)
    return f"{left}{low_text}, {high_text}{right}"


def _number(value: float) -> str:
    whole = int(value)
    if whole != value:
        return str(value)
    return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(
        st.one_of(
            st.builds(lambda h, n: h + n, st.sampled_from(HEDGES), st.sampled_from(NUMBERS)),
            st.sampled_from(RANGES),
        ),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    tolerance=st.sampled_from(TOLERANCES),
)
def test_explain_and_the_json_agree_on_every_interval(values, tolerance):
    with tempfile.TemporaryDirectory() as folder:
        story = Path(folder) / "story"
        story.mkdir()
        (story / "story.yaml").write_text(
            f"story: s\napprox_tolerance: {tolerance}\nevents: {{e: {{}}}}\n"
            "quantities: {q: {unit: people}}\n"
        )
        claims = "".join(f'  - {{event: e, quantity: q, value: "{v}"}}\n' for v in values)
        (story / "r.yaml").write_text(f"source: {{outlet: Example Wire}}\nclaims:\n{claims}")
        checked = runner.invoke(app, ["check", str(story), "--format", "json"])
    document = json.loads(checked.stdout)
    read = {c["value"]: c for group in document["groups"] for c in group["claims"]}
    assert len(read) + len(document["errors"]) == len(values)
    for value in values:  # both read it alike, or both refuse it ("fewer than 0")
        shown = runner.invoke(app, ["explain", "--tolerance", tolerance, value])
        if value in read:
            expected = f"  read as  {_json_interval(read[value])}  (count)"
            assert shown.stdout.splitlines()[1] == expected
        else:
            assert shown.exit_code == 2


@pytest.mark.parametrize(
    ("value", "asked", "hint"),
    [
        ("2017-08-01", "count", "; --type date reads it as a date\n"),
        ("2.5", "count", "; --type number reads it as a number\n"),
        ("600", "date", "; --type count reads it as a count\n"),
        ("lots", "count", "as in vague: {lots: [LOW, HIGH]}\n"),  # no type reads it
    ],
)
def test_a_value_of_another_type_says_which_reads_it(value, asked, hint):
    result = runner.invoke(app, ["explain", "--type", asked, value])
    assert result.exit_code == 2
    assert result.stderr.endswith(hint)
    assert result.stderr.count("--type") == (0 if value == "lots" else 1)
