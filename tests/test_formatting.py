"""Numbers as people read them, in every output: exact where the value is short, never
in exponent form, never a tiny gap shown as nothing."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.formatting import format_bound, format_percent
from reconcile.render.json import _ratio


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(600), "600"),
        (Fraction(9999), "9999"),
        (Fraction(12000), "12,000"),
        (Fraction(-25000), "-25,000"),
        (Fraction(3, 2), "1.5"),
        (Fraction(-5, 2), "-2.5"),
        (Fraction("0.000001"), "0.000001"),
        (Fraction("0.0000033"), "0.0000033"),
        (Fraction("1111111.1019"), "1,111,111.1019"),
        (Fraction("12345678901234567.5"), "12,345,678,901,234,567.5"),
        (Fraction(1, 3), "≈0.333333"),
        (Fraction(2_000_000, 3), "≈666,667"),
        (Fraction(1, 7000), "≈0.000142857"),
    ],
)
def test_numbers_are_shown_exactly_or_marked_as_rounded(value: Fraction, shown: str) -> None:
    assert format_bound(value) == shown


@pytest.mark.parametrize(
    ("ratio", "shown"),
    [
        (Fraction(1, 13), "7.7%"),
        (Fraction(1, 331), "0.3%"),
        (Fraction(1, 2000), "0.05%"),
        (Fraction(1, 10_000_001), "<0.01%"),
        (Fraction(0), "0%"),
    ],
)
def test_percentages(ratio: Fraction, shown: str) -> None:
    assert format_percent(ratio) == shown


decimals = st.decimals(
    min_value=-(10**15), max_value=10**15, places=8, allow_nan=False, allow_infinity=False
)


@given(decimals)
def test_a_decimal_as_written_reads_back_exactly(value: object) -> None:
    shown = format_bound(Fraction(str(value)))
    assert "e" not in shown.lower() and "≈" not in shown
    assert Fraction(shown.replace(",", "")) == Fraction(str(value))


@given(st.fractions(min_value=Fraction(1, 10**12), max_value=1))
def test_no_gap_is_shown_as_nothing(ratio: Fraction) -> None:
    assert format_percent(ratio) != "0%"
    assert _ratio(ratio) > 0
