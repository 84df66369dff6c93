from fractions import Fraction

import pytest

from reconcile.numbers import read_number, share_scale, split_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("639", 639),
        ("0", 0),
        ("1,200", 1200),
        ("12,345,678", 12345678),
        ("1,00,000", 100000),
        ("12,34,567", 1234567),
        ("1.2", Fraction(6, 5)),
        (".5", Fraction(1, 2)),
        ("-5", -5),
        ("1,200.5", Fraction(2401, 2)),
        ("1.2 million", 1200000),
        ("1.2m", 1200000),
        ("1.2mn", 1200000),
        ("1.2 M", 1200000),
        ("5k", 5000),
        ("5 thousand", 5000),
        ("2bn", 2000000000),
        ("1.5 billion", 1500000000),
        ("2 dozen", 24),
        ("3 hundred", 300),
        ("0.1234567 million", Fraction(1234567, 10)),
    ],
)
def test_digits(text: str, value: int | Fraction) -> None:
    assert read_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seventeen", 17),
        ("Ten", 10),
        ("zero", 0),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("one hundred and fifty-four", 154),
        ("one thousand and one", 1001),
        ("two million", 2000000),
        ("a hundred", 100),
        ("a hundred and fifty", 150),
        ("a thousand", 1000),
        ("a dozen", 12),
        ("dozen", 12),
        ("half a dozen", 6),
        ("two dozen", 24),
        ("  Seventeen  ", 17),
    ],
)
def test_words(text: str, value: int) -> None:
    assert read_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "lots",
        "a",
        "and",
        "a large number",
        "one one",
        "zero hundred",  # text2num would say 100
        "fifty and two",  # text2num would say 52
        "one hundred and",
        "1,2000",
        "1.2.3",
        "5 people",
        "1e5",
        "dozens",
    ],
)
def test_not_numbers(text: str) -> None:
    assert read_number(text) is None


def test_values_are_exact() -> None:
    value = read_number("1.2 million")
    assert value == 1200000 and isinstance(value, int)
    assert isinstance(read_number("2.5"), Fraction)


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("639 people", (639, "people")),
        ("17 buses", (17, "buses")),
        ("40cars", (40, "cars")),
        ("5 mangoes", (5, "mangoes")),
        ("600+", (600, "+")),
        ("10-20", (10, "-20")),
        ("seventeen buses set off", (17, "buses set off")),
        ("one hundred and fifty and two hundred", (150, "and two hundred")),
        ("1.2m people", (1200000, "people")),
        ("lots", None),
        ("", None),
    ],
)
def test_split_number(text: str, split: tuple[int, str] | None) -> None:
    assert split_number(text) == split


@pytest.mark.parametrize(
    ("left", "right", "shared"),
    [
        ("1.5", "2 million", "1.5 million"),
        ("10", "20k", "10 k"),
        ("two", "three million", "two million"),
        ("500", "1 million", "500"),  # the low end stands alone
        ("1 million", "2 million", "1 million"),
        ("10", "20", "10"),
    ],
)
def test_share_scale(left: str, right: str, shared: str) -> None:
    assert share_scale(left, right) == shared
