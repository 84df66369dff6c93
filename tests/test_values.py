import dataclasses
import re
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.interval import Bound, Interval
from reconcile.values import (
    DEFAULT_TOLERANCE,
    QuantityType,
    Reading,
    Vague,
    ValueSyntaxError,
    read_value,
    scale_unit,
)

INF = None


def interval(
    text: str,
    type: QuantityType = "count",
    tolerance: Fraction = DEFAULT_TOLERANCE,
    vague: Vague = (),
) -> tuple[object, ...]:
    found = read_value(text, type, tolerance=tolerance, vague=vague).interval
    ends = (found.low, found.high)
    return (*ends, found.low_open, found.high_open) if type == "number" else ends


# -- counts: SPEC "Values", row by row ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("639", 639, 639),
        ("639 people", 639, 639),
        ("17 buses", 17, 17),
        ("seventeen", 17, 17),
        ("Ten", 10, 10),
        ("twenty-one", 21, 21),
        ("a dozen", 12, 12),
        ("one hundred and fifty-four", 154, 154),
        ("1,200", 1200, 1200),
        ("1,00,000", 100000, 100000),
        ("1.2 million", 1200000, 1200000),
        ("1.5 million people", 1500000, 1500000),
        ("1.2m", 1200000, 1200000),
        ("5k", 5000, 5000),
        ("  SEVENTEEN   Buses ", 17, 17),
        # wire copy's abbreviations and South Asian counts are scale words, not units
        ("5 mln", 5_000_000, 5_000_000),
        ("1.2 mln people", 1_200_000, 1_200_000),
        ("3 bln", 3_000_000_000, 3_000_000_000),
        ("12 lakh", 1_200_000, 1_200_000),
        ("2 crore", 20_000_000, 20_000_000),
        ("1.5 crores", 15_000_000, 15_000_000),
        ("5 mountains", 5, 5),  # "m" only as a word of its own
        ("twelve lakh", 1_200_000, 1_200_000),
        ("a lakh", 100_000, 100_000),
        ("two crore people", 20_000_000, 20_000_000),
    ],
)
def test_exact(text: str, low: int, high: int) -> None:
    assert interval(text) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("about 600", 540, 660),
        ("around 600", 540, 660),
        ("around 600 people", 540, 660),
        ("approximately 600", 540, 660),
        ("roughly 600", 540, 660),
        ("some 600", 540, 660),
        ("an estimated 600", 540, 660),
        ("estimated 600", 540, 660),
        ("~600", 540, 660),
        ("~ 600", 540, 660),
        ("c. 600", 540, 660),
        ("approximately 1,500", 1350, 1650),  # exact: never 1651
        ("about 7", 6, 8),  # [6.3, 7.7] rounded outward
        ("about a dozen", 10, 14),
        ("about 0", 0, 0),
        ("nearly 600", 540, 600),
        ("almost 600", 540, 600),
        ("close to 600", 540, 600),
        ("just under 600", 540, 600),
        ("nearly 7", 6, 7),
    ],
)
def test_approximately(text: str, low: int, high: int) -> None:
    assert interval(text) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("at least 47", 47, INF),
        ("no fewer than 47", 47, INF),
        ("a minimum of 47", 47, INF),
        ("47+", 47, INF),
        ("twenty+", 20, INF),  # a number word takes the sign as digits do
        ("twenty-one+ buses", 21, INF),
        ("600+ people", 600, INF),
        (">= 47", 47, INF),
        ("more than 40", 41, INF),
        ("over 40", 41, INF),
        ("above 40", 41, INF),
        ("upwards of 40", 41, INF),
        ("> 40", 41, INF),
        ("more than a dozen", 13, INF),
        ("up to 150", 0, 150),
        ("at most 150", 0, 150),
        ("no more than 5", 0, 5),
        ("a maximum of 5", 0, 5),
        ("<= 5", 0, 5),
        ("as many as 40", 0, 40),
        ("fewer than 10", 0, 9),
        ("less than 10", 0, 9),
        ("under 10", 0, 9),
        ("below 10", 0, 9),
        ("< 10", 0, 9),
        ("fewer than 1", 0, 0),
    ],
)
def test_open_ends_close_on_whole_numbers(text: str, low: int, high: int | None) -> None:
    assert interval(text) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("10-20", 10, 20),
        ("10–20", 10, 20),
        ("10 - 20", 10, 20),
        ("10 to 20", 10, 20),
        ("between 10 and 20", 10, 20),
        ("from 10 to 20", 10, 20),
        ("10-20 people", 10, 20),
        ("20-20", 20, 20),
        ("ten to twenty", 10, 20),
        ("between one hundred and fifty and two hundred", 150, 200),
        ("between 1.5 and 2 million", 1500000, 2000000),
        ("10-20k", 10000, 20000),
        ("500 to 1 million", 500, 1000000),
        # a scale word at the high end is shared where the low end is its mantissa
        ("two to three dozen", 24, 36),
        ("3-4 dozen", 36, 48),
        ("one to two hundred", 100, 200),
        ("fifty to two hundred", 50, 200),
    ],
)
def test_ranges(text: str, low: int, high: int) -> None:
    assert interval(text) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("none", 0, 0),
        ("no", 0, 0),
        ("zero", 0, 0),
        ("no buses", 0, 0),
        ("several", 3, 9),
        ("dozens", 24, 99),
        ("dozens of people", 24, 99),
        ("scores", 40, 99),
        ("hundreds", 200, 999),
        ("thousands", 2000, 9999),
        ("tens of thousands", 20000, 99999),
        ("hundreds of thousands", 200000, 999999),
        ("several hundred", 300, 900),
        ("several thousand", 3000, 9000),
        ("Several Hundred people", 300, 900),
    ],
)
def test_zero_and_vague_words(text: str, low: int, high: int) -> None:
    assert interval(text) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("600 plus", 600, INF),
        ("600-plus people", 600, INF),
        ("five hundred plus", 500, INF),
        ("600 or more", 600, INF),
        ("600 minimum", 600, INF),
        ("600-odd", 600, 699),  # and some more: the zeros filled
        ("600ish", 540, 660),
        ("600 or so", 540, 660),
        ("600 approx.", 540, 660),
        ("600 roughly", 540, 660),
        ("600 max", 0, 600),
        ("600 or fewer", 0, 600),
        ("600 at most", 0, 600),
        ("600 tops", 0, 600),
        ("600 or under", 0, 600),
        ("600 upwards", 600, INF),
        ("600 and upwards", 600, INF),
        ("600-some", 600, 699),
        ("twenty-something", 20, 29),
        ("37-odd", 37, 41),  # no zeros to fill: up to the tolerance more
        ("twenty-odd", 20, 29),
        ("a hundred-plus", 100, INF),
        # the same hedge on both sides of the number is said twice, not contradicted
        ("some 600 or so", 540, 660),
        ("at least 600 plus", 600, INF),
        # after a range or a vague word, the hedge applies to its ends
        ("dozens plus", 24, INF),
        ("10-20 odd", 10, 22),
        ("between 10 and 20 max", 0, 20),
        # and before it, as wire copy abbreviates
        ("ca. 600", 540, 660),
        ("approx. 600", 540, 660),
        ("several dozen", 36, 108),
    ],
)
def test_hedges_newsrooms_write_that_spec_does_not_list(
    text: str, low: int, high: int | None
) -> None:
    """After the number, as the same hedge before it: '600 plus' was read as 600 (the
    word after the number ignored), a conflict with 650 that the outlet never gave."""
    assert interval(text) == (low, high)


@pytest.mark.parametrize("word", ["over", "nearly", "under", "about"])
def test_a_hedge_that_only_goes_before_the_number_is_an_error_after_it(word: str) -> None:
    message = (
        f"cannot read '600 {word}' as a count: '{word}' goes before the number, as in '{word} 600'"
    )
    with pytest.raises(ValueSyntaxError, match=re.escape(message)):
        read_value(f"600 {word}")


def test_two_hedges_that_disagree_are_an_error() -> None:
    with pytest.raises(ValueSyntaxError, match="cannot read '600 plus' after 'about'"):
        read_value("about 600 plus")


@pytest.mark.parametrize(("text", "low"), [("300 under-fives", 300), ("50 over-sixties", 50)])
def test_a_word_with_a_hedge_in_it_is_a_word_after_the_number(text: str, low: int) -> None:
    assert interval(text) == (low, low)


def test_a_hedge_word_before_more_words_is_not_said_to_go_before_the_number() -> None:
    with pytest.raises(ValueSyntaxError) as raised:
        read_value("300 over two days")
    assert "goes before the number" not in raised.value.message


def test_a_storys_vague_table_overrides_and_adds() -> None:
    vague = (("a handful", 2, 6), ("dozens", 12, 99))
    assert interval("dozens", vague=vague) == (12, 99)
    assert interval("a handful of fighters", vague=vague) == (2, 6)
    assert interval("hundreds", vague=vague) == (200, 999)


@pytest.mark.parametrize(
    ("tolerance", "text", "low", "high"),
    [
        (Fraction(1, 5), "about 600", 480, 720),
        (Fraction(1, 5), "nearly 600", 480, 600),
        (Fraction(0), "about 600", 600, 600),
        (Fraction(1, 20), "approximately 1,500", 1425, 1575),
        (Fraction(1), "about 10", 0, 20),  # the most a story allows: a count stays at least 0
    ],
)
def test_tolerance(tolerance: Fraction, text: str, low: int, high: int) -> None:
    assert interval(text, tolerance=tolerance) == (low, high)


# -- numbers: open ends stay open, and may be negative -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.5", (Fraction(5, 2), Fraction(5, 2), False, False)),
        ("-5", (-5, -5, False, False)),
        ("about 7", (Fraction(63, 10), Fraction(77, 10), False, False)),
        ("about -10", (-11, -9, False, False)),
        ("nearly -10", (-10, -9, False, False)),
        ("more than 40", (40, INF, True, False)),
        ("at least 40", (40, INF, False, False)),
        ("fewer than 10", (INF, 10, False, True)),
        ("< -3", (INF, -3, False, True)),
        ("up to 5", (INF, 5, False, False)),  # a number has no floor at 0
        ("-5-3", (-5, 3, False, False)),
        ("-5 to -3", (-5, -3, False, False)),
        ("1.5-2.5", (Fraction(3, 2), Fraction(5, 2), False, False)),
    ],
)
def test_numbers(text: str, expected: tuple[object, ...]) -> None:
    assert interval(text, "number") == expected


def test_bounds_are_exact_and_normalised() -> None:
    found = read_value("1.5 million").interval
    assert found == Interval(1500000, 1500000) and type(found.low) is int


# -- rules, for `reconcile explain` ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("639", "exact value → [639, 639]"),
        ("seventeen", "exact value → [17, 17]"),
        ("around 600", "'around' allows ±10%: 600 → [540, 660]"),
        (
            "about 7",
            "'about' allows ±10%: 7 → [6.3, 7.7], rounded outward to whole numbers → [6, 8]",
        ),
        ("more than 40", "'more than' excludes 40: counts close on whole numbers → [41, ∞)"),
        ("up to 150", "'up to' includes 150 → [0, 150]"),
        ("between 10 and 20", "range from 10 to 20 → [10, 20]"),
        ("none", "'none' means zero → [0, 0]"),
        ("dozens", "'dozens' is a vague word → [24, 99]"),
    ],
)
def test_rules(text: str, rule: str) -> None:
    assert read_value(text).rule == rule


def test_rules_for_numbers_and_story_words() -> None:
    assert read_value("more than 40", "number").rule == "'more than' excludes 40 → (40, ∞)"
    story = read_value("a handful", vague=(("a handful", 2, 6),))
    assert story.rule == "story's vague table: 'a handful' → [2, 6]"


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type", "message"),
    [
        ("lots", "count", "cannot read 'lots' as a count; write a number (17, 1,200"),
        ("a large number", "count", "cannot read 'a large number' as a count"),
        ("40s", "count", "'40s' is a number in the plural (an age, a decade?), not a count"),
        ("1.2 million and a half", "count", "cannot read '1.2 million and a half'"),
        # a word with a slash is a unit, but never a scale, a hedge or no figure hid in it
        ("5 million/year", "count", "cannot read '5 million/year'"),
        ("5k/month", "count", "cannot read '5k/month'"),
        ("1.2m/yr", "count", "cannot read '1.2m/yr'"),
        ("several thousand/yr", "count", "cannot read"),
        ("600 plus/minus", "count", "cannot read"),
        ("600 perhaps/maybe", "count", "cannot read"),
        ("600 perhaps2", "count", "cannot read"),
        ("5 m/s", "count", "cannot read '5 m/s' as a count: a scale before a slash (the m"),
        ("5 million2", "count", "cannot read '5 million2'"),  # a footnote's digit, copied
        ("about 1.2 bn2", "number", "cannot read '1.2 bn2' after 'about'"),
        ("5 Mrd", "count", "'mrd' is a scale in some copy and something else elsewhere"),
        ("5 mb/d", "count", "cannot read '5 mb/d'"),
        ("1e3", "count", "a power of ten ('e3') is not read"),  # was read as 1
        ("1/2", "number", "cannot read '1/2' as a number: a fraction is not read"),
        ("5E2", "number", "a power of ten ('e2') is not read"),
        ("1.5e+06 people", "count", "a power of ten ('e+06') is not read"),
        ("$5MM", "count", "'MM' after a sum of money is a million"),  # not 5 dollars
        ("5 Md", "count", "'md' is a scale in some copy"),  # a French milliard, not 5
        ("5 thousandths", "number", "cannot read '5 thousandths'"),  # a part, not 5
        ("2 thirds", "number", "cannot read '2 thirds'"),
        ("the 1990s", "number", "'1990s' is a number in the plural"),
        # a phrase of words only: the story may give it a reading
        (
            "a few hundred",
            "count",
            "if it is a vague phrase, give it this story's reading in story.yaml, as in "
            "vague: {a few hundred: [LOW, HIGH]}",
        ),
        ("", "count", "the value is empty; write a number"),
        ("   ", "number", "the value is empty"),
        ("-5", "count", "a count cannot be negative, and -5 is; write 0 or more"),
        ("2.5", "count", "a count must be a whole number, and 2.5 is not; write 2 or 3, or"),
        ("about 2.5", "count", "a count must be a whole number, and 2.5 is not; write whole"),
        ("1.5-2.5", "count", "and 1.5 is not; write whole numbers (a quantity that need not"),
        ("30-20", "count", "the range '30-20' runs backwards; write the smaller end first, as"),
        ("between 30 and 20", "number", "runs backwards"),
        ("fewer than 0", "count", "no count is fewer than 0"),
        ("about lots", "count", "cannot read 'lots' after 'about' as a count"),
        ("17 buses set off", "count", "cannot read '17 buses set off'"),
        ("5 and 6", "count", "cannot read '5 and 6'"),
        ("5 thousands", "count", "cannot read"),
        ("2017-08-26", "count", "'2017-08-26' is written as a date, but this quantity is a"),
        ("2017-09", "number", "'2017-09' is written as a date, but this quantity is a number"),
        ("1200-50", "count", "the range '1200-50' runs backwards"),  # no month 50: no date
        ("2017-02-30", "count", "a date, but this quantity is a count; write a number (17"),
        ("some", "count", "cannot read 'some' as a count"),
        ("lots", "number", "cannot read 'lots' as a number"),
    ],
)
def test_errors(text: str, type: QuantityType, message: str) -> None:
    with pytest.raises(ValueSyntaxError) as raised:
        read_value(text, type)
    assert message in raised.value.message


def test_error_offsets_point_at_what_was_not_understood() -> None:
    def offset(text: str) -> int:
        with pytest.raises(ValueSyntaxError) as raised:
            read_value(text)
        return raised.value.offset

    assert offset("lots") == 0
    assert offset("about  lots") == 7
    assert offset("  17 buses set off") == 5


def test_readings_are_cached() -> None:
    assert read_value("around 600") is read_value("around 600")


# -- any text: a reading or a ValueSyntaxError, never another exception -----------------------

_PIECES = st.one_of(
    st.sampled_from("0123456789,.-–+~<>= kT:"),
    st.sampled_from(["about ", "more than ", "between ", " and ", " to ", "million", "twenty"]),
    st.sampled_from(["one", "hundred", "a ", "dozen", "none", "no ", "several", "2017-08-26"]),
    st.sampled_from(["2017-02", "before ", "by ", "after "]),
)
_TEXTS = st.one_of(st.text(), st.lists(_PIECES, max_size=8).map("".join))


@given(_TEXTS, st.sampled_from(["count", "number", "date"]))
def test_any_text_reads_or_fails_cleanly(text: str, type: QuantityType) -> None:
    try:
        reading = read_value(text, type)
    except ValueSyntaxError as error:
        assert 0 <= error.offset <= len(text) and error.message
        return
    assert isinstance(reading, Reading) and reading.rule
    low: Bound | None = reading.interval.low
    high: Bound | None = reading.interval.high
    assert low is None or high is None or low <= high
    if type == "count":
        assert low is not None and low >= 0


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("7.5 m", "m", Interval(Fraction(15, 2), Fraction(15, 2))),
        ("7.5M", "m", Interval(Fraction(15, 2), Fraction(15, 2))),
        ("7.5  m", "m", Interval(Fraction(15, 2), Fraction(15, 2))),
        ("7.5\u00a0m", "m", Interval(Fraction(15, 2), Fraction(15, 2))),
        ("7 m to 8 m", "m", Interval(7, 8)),
        ("1.2 million", "m", Interval(1_200_000, 1_200_000)),
        ("7.5 m", None, Interval(7_500_000, 7_500_000)),
        ("300 K", "k", Interval(300, 300)),
        ("5 km", "k", Interval(5, 5)),  # another word, ignored as ever
    ],
)
def test_a_unit_that_is_a_scale_word_is_the_unit_after_a_number(
    text: str, unit: str | None, expected: Interval
) -> None:
    """SPEC's 'm' multiplies, and a word after the number is ignored: for a quantity in
    metres, '7.5 m' is 7.5 metres, never 7.5 million."""
    assert read_value(text, "number", unit=scale_unit(unit)).interval == expected


def test_a_unit_that_is_a_scale_word_never_scales_a_count_it_makes_a_fraction() -> None:
    """'7.5 m' of a count in metres is no whole number: not 7.5 million either."""
    with pytest.raises(ValueSyntaxError, match=r"a count must be a whole number, and 7\.5 is not"):
        read_value("7.5 m", unit="m")


def test_a_value_with_a_scale_word_unit_that_does_not_read_is_quoted_as_written() -> None:
    with pytest.raises(ValueSyntaxError, match=r"cannot read '7\.5 m by 3' as a number"):
        read_value("7.5 m by 3", "number", unit="m")


def test_a_library_caller_may_give_a_tolerance_as_a_float_and_vague_words_as_a_mapping():
    assert read_value("about 100", tolerance=0.2).interval == Interval(80, 120)  # type: ignore[arg-type]
    vague = {"dozens": (30, 90)}
    assert read_value("dozens", vague=vague).interval == Interval(30, 90)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"type": "bogus"}, "type must be one of count, number, date, not 'bogus'"),
        ({"tolerance": -0.1}, "tolerance must be 0 or more, not -0.1"),
        ({"tolerance": "lots"}, "tolerance must be a number, 0 or more, not 'lots'"),
        ({"vague": [("dozens", 30, 90)]}, "vague must map words to (low, high)"),
        ({"tolerance": 5}, "tolerance must be 1 or less, not 5"),
        ({"vague": (("handful", 6, 3),)}, "0 <= low <= high, or be Story.vague; 'handful'"),
        ({"vague": (("handful", 3),)}, "vague must hold (word, low, high) triples"),
        ({"unit": 7}, "unit must be a str or None, not 7"),
        ({"vague": {1: (1, 2), "a": (1, 2)}}, "each word a text that is not blank, not 1"),
        ({"vague": {" ": (1, 2)}}, "each word a text that is not blank, not ' '"),
    ],
)
def test_arguments_read_value_cannot_take_are_a_value_error(arguments, message):
    """Not a wrong reading, nor an AttributeError from deep inside, nor '±-10%'."""
    with pytest.raises(ValueError, match=re.escape(message)):
        read_value("about 100", **arguments)


@pytest.mark.parametrize("text", [600, None, b"600"])
def test_a_value_that_is_not_text_is_a_value_error(text):
    with pytest.raises(ValueError, match=re.escape(f"text must be a str, not {text!r}")):
        read_value(text)


def test_a_value_longer_than_a_loader_takes_is_refused_before_it_is_read():
    """Reading time grows faster than the length: 32 KB of number words took seconds."""
    with pytest.raises(ValueSyntaxError, match="the value is 16,003 characters long"):
        read_value("one hundred and " * 1000 + "one")


def test_the_interval_of_a_reading_cannot_be_changed_under_other_readers():
    """Readings are shared by text across the process: a change would reach them all."""
    reading = read_value("around 600")
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.interval.low = 0  # type: ignore[misc]
    assert read_value("around 600").interval == Interval(540, 660)


# -- what copy writes beyond SPEC's table: read as meant, or refused, never misread --------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # scale words: each was read as the number alone, the word ignored
        ("5 trillion", 5 * 10**12, 5 * 10**12),
        ("one trillion", 10**12, 10**12),
        ("5 trn", 5 * 10**12, 5 * 10**12),
        ("5 grand", 5_000, 5_000),
        ("about 5 grand", 4_500, 5_500),
        ("2 lac", 200_000, 200_000),
        ("two score", 40, 40),
        ("2½ million", 2_500_000, 2_500_000),
        # hedges before the number
        ("exactly 17", 17, 17),
        ("a total of 17", 17, 17),
        ("just over 600", 601, INF),
        ("in excess of 600", 601, INF),
        ("as much as 600", 0, 600),
        ("not less than 600", 600, INF),
        ("in the region of 600", 540, 660),
        ("just shy of 600", 540, 600),
        # and after it
        ("600 thereabouts", 540, 660),
        ("600 est.", 540, 660),
        ("600 onwards", 600, INF),
        ("600 or higher", 600, INF),
        ("600 and under", 0, 600),
        # vague words, on from SPEC's thousands
        ("millions", 2_000_000, 9_999_999),
        ("tens of millions", 20_000_000, 99_999_999),
        ("several million", 3_000_000, 9_000_000),
        # a sentence's full stop, a hyphen of another code point
        ("600 people.", 600, 600),
        ("12 per cent", 12, 12),
        ("62%", 62, 62),
        # money with its sign, thousands with spaces, a noun between number and hedge
        ("$1.5 billion", 1_500_000_000, 1_500_000_000),
        ("about €2 million", 1_800_000, 2_200_000),
        ("£300m", 300_000_000, 300_000_000),
        ("US$5-10 million", 5_000_000, 10_000_000),
        ("5 000", 5_000, 5_000),
        ("1 500 000", 1_500_000, 1_500_000),
        ("600 people or more", 600, INF),
        ("half a million", 500_000, 500_000),
        ("one and a half million", 1_500_000, 1_500_000),
        ("a quarter of a million", 250_000, 250_000),
        ("a million and a half", 1_500_000, 1_500_000),
        # a unit of measure after the number, as a word: ignored as one
        ("120 km/h", 120, 120),
        ("17 millionaires", 17, 17),
        ("5 miles", 5, 5),
        ("about 30 °C", 27, 33),
        ("30°C", 30, 30),
        ("12 km2", 12, 12),
        ("12 m²", 12, 12),
        # numerals in the plural spell vague words: never the number and a word
        ("1000s", 2_000, 9_999),
        ("1,000's", 2_000, 9_999),
        ("100s of people", 200, 999),
        ("10s of thousands", 20_000, 99_999),
        ("at least 100s", 200, INF),
        ("two billion and a half", 2_500_000_000, 2_500_000_000),
        # ranges as copy writes them, and hedges before them, on their ends
        ("between 10-20", 10, 20),
        ("between 10 to 20", 10, 20),
        ("two or three", 2, 3),
        ("five or six hundred", 500, 600),
        ("about 10-20", 9, 22),
        ("at least dozens", 24, INF),
        ("up to hundreds", 0, 999),
        ("10\u201120", 10, 20),
        ("600\u2010odd", 600, 699),
    ],
)
def test_what_copy_writes_beyond_spec_is_read_as_meant(text: str, low: int, high: int | None):
    assert interval(text) == (low, high)


def test_a_fraction_written_as_one_character_is_read() -> None:
    assert interval("2½", "number") == (Fraction(5, 2), Fraction(5, 2), False, False)
    with pytest.raises(ValueSyntaxError, match=r"a count must be a whole number, and 2\.5 is not"):
        read_value("2½")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5.000", "'5.000' is a count written with a point: write 5,000 if the point"),
        ("about 1.500", "'1.500' is a count written with a point: write 1,500"),
        ("10-20,000", "'10' to '20,000' may mean 10,000 to 20,000 (the zeros written once)"),
        ("10 - 20,000", "'10' to '20,000' may mean 10,000 to 20,000"),
        ("1 to 2,000,000", "'1' to '2,000,000' may mean 1,000,000 to 2,000,000"),
        # scales that are words too, or other scales elsewhere: never ignored, never guessed
        ("20 grand slams", "cannot read '20 grand slams'"),
        ("3 score draws", "cannot read '3 score draws'"),
        ("5b", "cannot read '5b'"),
        ("300 tn", "cannot read '300 tn'"),
        ("10 mil", "cannot read '10 mil'"),
        ("1.500 Mio.", "'1.500' is a count written with a point"),
        ("2-3,000 people", "'2' to '3,000' may mean 2,000 to 3,000"),
        ("no figure", "'no figure' says the figure is not known, not that it is zero"),
        ("no estimate", "'no estimate' says the figure is not known"),
        ("600 perhaps", "'600 perhaps' is no sure figure ('perhaps'): leave the claim out"),
    ],
)
def test_what_a_reader_cannot_be_sure_of_is_refused_not_guessed(text: str, message: str) -> None:
    """Each was read: 5.000 as 5, 10-20,000 as [10, 20000], 'no figure' as zero, '600
    perhaps' as exactly 600."""
    with pytest.raises(ValueSyntaxError, match=re.escape(message)):
        read_value(text)


def test_a_point_in_a_number_with_a_scale_or_of_a_number_type_is_a_decimal_point() -> None:
    assert interval("1.500 million") == (1_500_000, 1_500_000)
    assert interval("5.000", "number") == (5, 5, False, False)
    assert interval("999-1,000") == (999, 1000)
    assert interval("0-1,000") == (0, 1000)  # both readings are one
    assert interval("0.000") == (0, 0)


def test_a_story_may_read_a_numeral_in_the_plural_its_own_way() -> None:
    vague = {"1000s": (1000, 9999), "40S": (40, 49)}
    assert read_value("1000s", vague=vague).interval == Interval(1000, 9999)
    assert read_value("40s", vague=vague).interval == Interval(40, 49)
    assert read_value("about 40s", vague=vague).interval == Interval(36, 54)  # hedged too
    assert read_value("about 1000s", vague=vague).interval == Interval(900, 10_999)
    with pytest.raises(ValueSyntaxError, match="'50s' is a number in the plural"):
        read_value("50s", vague=vague)  # a plural the story does not read: as ever
    with pytest.raises(ValueSyntaxError, match="'40s' is a number in the plural"):
        read_value("40s/yr", vague=vague)  # the story's word, but not with a unit glued on
    phrases = {"100s of people": (100, 500), "early 40s": (40, 44), "the 1000s": (1000, 1999)}
    for phrase, (low, high) in phrases.items():  # a phrase of the story's with a plural in it
        assert read_value(phrase, vague=phrases).interval == Interval(low, high)


@pytest.mark.parametrize(("unit", "text"), [("seconds", "100s"), ("s", "100s"), ("sec", "100 s")])
def test_a_quantity_in_seconds_reads_100s_as_100_seconds(unit: str, text: str) -> None:
    assert read_value(text, "number", unit=unit).interval == Interval(100, 100)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("5 m/s", "m/s"), ("5 MB", "MB"), ("940 mb", "mb"), ("5 tn", "tn")],
)
def test_a_unit_that_is_a_scale_elsewhere_is_the_unit_where_declared(text: str, unit: str) -> None:
    number = int(text.split()[0])
    assert read_value(text, "number", unit=unit).interval == Interval(number, number)


def test_hundreds_of_seconds_are_still_hundreds() -> None:
    assert read_value("100s of seconds", unit="seconds").interval == Interval(200, 999)


@pytest.mark.parametrize("text", ["17 buses set off", "10s"])
def test_a_number_is_never_told_to_be_a_vague_phrase(text: str) -> None:
    """A story's vague words are read as written; a numeral would never match one."""
    with pytest.raises(ValueSyntaxError) as raised:
        read_value(text)
    assert "vague:" not in raised.value.message


def test_nearly_a_negative_number_is_said_to_be_nearer_zero() -> None:
    read = read_value("nearly -10", "number")
    assert read.interval == Interval(-10, -9)
    assert read.rule == "'nearly' allows up to 10% nearer zero: -10 → [-10, -9]"


@pytest.mark.parametrize("unit", [None, "mm", "millimetres"])
def test_millimetres_are_read_as_a_unit_not_refused_as_a_scale(unit: str | None) -> None:
    """'MM' is a million only after a sum of money ($5MM): 120 mm of rain is 120."""
    assert read_value("120 mm", "number", unit=unit).interval == Interval(120, 120)


def test_a_word_after_a_space_is_no_power_of_ten() -> None:
    with pytest.raises(ValueSyntaxError) as raised:
        read_value("20 E-2 visas")
    assert "power of ten" not in raised.value.message
