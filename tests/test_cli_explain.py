"""`reconcile explain VALUE`: how a value is read, and why."""

import pytest
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


def test_a_bad_tolerance_is_a_usage_error():
    result = runner.invoke(app, ["explain", "--tolerance", "ten", "600"])
    assert result.exit_code == 2
    assert "--tolerance takes a number" in result.stderr


def test_control_characters_in_the_value_are_shown_escaped():
    result = runner.invoke(app, ["explain", "\x1b[31m600"])
    assert "\x1b" not in result.stdout + result.stderr
    assert "\\x1b[31m600" in result.stderr
