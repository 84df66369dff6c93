from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.dates import read_claim_date
from reconcile.values import ValueSyntaxError, read_value


def day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


# -- claim dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last", "moment"),
    [
        ("2017-08-28", "2017-08-28", "2017-08-28", None),
        ("2017-08", "2017-08-01", "2017-08-31", None),
        ("2017-02", "2017-02-01", "2017-02-28", None),
        ("2016-02", "2016-02-01", "2016-02-29", None),
        ("2017-12", "2017-12-01", "2017-12-31", None),
        ("2017", "2017-01-01", "2017-12-31", None),
        ("2017-08-28T14:30", "2017-08-28", "2017-08-28", time(14, 30)),
        ("2017-08-28 14:30:00+02:00", "2017-08-28", "2017-08-28", time(12, 30)),
        ("2017-08-29T01:00+05:00", "2017-08-28", "2017-08-28", time(20, 0)),  # in UTC
        ("2017-08-28T23:59:59Z", "2017-08-28", "2017-08-28", time(23, 59, 59)),
    ],
)
def test_read_claim_date(text: str, first: str, last: str, moment: time | None) -> None:
    in_utc = text[-1] == "Z" or "+" in text  # written with an offset
    read = read_claim_date(text)
    assert (read.text, read.first, read.last, read.time, read.in_utc) == (
        text,
        day(first),
        day(last),
        moment,
        in_utc,
    )
    # a date-time's day as written, where it is not its day in UTC
    written = day(text[:10]) if moment is not None else read.first
    assert read.written_day == (written if written != read.first else None)


def test_a_date_time_with_an_offset_is_its_moment_in_utc_but_shown_as_written() -> None:
    read = read_claim_date(" 2017-08-28T14:30+05:00 ")
    assert read.text == "2017-08-28T14:30+05:00"
    assert read.time == time(9, 30) and read.time.tzinfo is None


def test_date_times_with_offsets_are_ordered_by_their_moments() -> None:
    """10:00 at +02:00 is 08:00 in UTC, before 09:00Z: as written, it would be after."""
    gazette, wire = read_claim_date("2024-01-01T10:00+02:00"), read_claim_date("2024-01-01T09:00Z")
    assert gazette.is_earlier_than(wire) and not wire.is_earlier_than(gazette)


@pytest.mark.parametrize(
    ("moment", "day_written"),
    [
        ("2024-09-20T01:30+03:00", "2024-09-20"),  # 22:30 UTC on the 19th
        ("2024-09-19T22:30-03:00", "2024-09-19"),  # 01:30 UTC on the 20th
    ],
)
def test_a_moment_is_never_ordered_against_the_day_it_is_written_on(
    moment: str, day_written: str
) -> None:
    """A moment that is on another day in UTC is no earlier (or later) than the plain
    date of the day its writer gave it, nor than the plain date of its day in UTC."""
    at, written = read_claim_date(moment), read_claim_date(day_written)
    in_utc = read_claim_date(date.fromordinal(at.first).isoformat())
    for plain in (written, in_utc):
        assert not at.is_earlier_than(plain) and not plain.is_earlier_than(at)


def test_a_moment_near_midnight_is_still_ordered_against_the_days_around() -> None:
    late = read_claim_date("2024-09-20T01:30+03:00")  # 22:30 UTC on the 19th
    assert read_claim_date("2024-09-18").is_earlier_than(late)
    assert late.is_earlier_than(read_claim_date("2024-09-21"))
    assert late.is_earlier_than(read_claim_date("2024-09-20T00:10Z"))
    assert read_claim_date("2024-09-19T20:00Z").is_earlier_than(late)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "cannot read '' as a date; write a day (2017-09-01)"),
        ("yesterday", "cannot read 'yesterday' as a date"),
        ("28/08/2017", "cannot read '28/08/2017' as a date"),
        ("2017-02-30", "'2017-02-30' is not a date: day is out of range for month"),
        ("2017-13", "'2017-13' is not a date: month must be in 1..12"),
        ("0000", "'0000' is not a date"),
        ("2017-08-28T25:00", "'2017-08-28T25:00' is not a date-time"),
    ],
)
def test_claim_date_errors(text: str, message: str) -> None:
    with pytest.raises(ValueSyntaxError) as raised:
        read_claim_date(text)
    assert message in raised.value.message


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2017-08", "2017-09-14"),
        ("2017-08-31", "2017-09"),
        ("2016", "2017-01-01"),
        ("2017-08-28", "2017-08-29"),
        ("2017-08-28T23:00", "2017-08-29T01:00"),
        ("2017-08-28T09:00", "2017-08-28T14:30"),
        ("2017-08-28T09:00", "2017-08-29"),
        ("2017-08-28T16:00+05:00", "2017-08-28T17:00+00:00"),  # as written, zones ignored
    ],
)
def test_ordered(earlier: str, later: str) -> None:
    first, second = read_claim_date(earlier), read_claim_date(later)
    assert first.is_earlier_than(second)
    assert not second.is_earlier_than(first)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("2017-09", "2017-09-14"),
        ("2017", "2017-09"),
        ("2017-09-14", "2017-09-14"),
        ("2017-09-14T10:00", "2017-09-14"),  # a date-time and a plain date of its day
        ("2017-09-14T10:00", "2017-09-14T10:00"),
        ("2017-09-14T10:00", "2017-09"),
    ],
)
def test_not_ordered(one: str, other: str) -> None:
    first, second = read_claim_date(one), read_claim_date(other)
    assert not first.is_earlier_than(second)
    assert not second.is_earlier_than(first)


# -- date values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("2017-08-26", "2017-08-26", "2017-08-26"),
        ("2017-08", "2017-08-01", "2017-08-31"),
        ("2017-02", "2017-02-01", "2017-02-28"),
        ("2016-02", "2016-02-01", "2016-02-29"),
        ("2017", "2017-01-01", "2017-12-31"),
        ("2017-08-25 to 2017-08-26", "2017-08-25", "2017-08-26"),
        ("between 2017-08-25 and 2017-08-26", "2017-08-25", "2017-08-26"),
        ("from 2017-08-25 to 2017-08-26", "2017-08-25", "2017-08-26"),
        ("2017-08-25–2017-08-26", "2017-08-25", "2017-08-26"),
        ("2017-08-25 - 2017-08-26", "2017-08-25", "2017-08-26"),
        ("2017-08 to 2017-09", "2017-08-01", "2017-09-30"),
        ("2017-08-26 to 2017-08-26", "2017-08-26", "2017-08-26"),
        ("before 2017-09-01", None, "2017-08-31"),
        ("before 2017-09", None, "2017-08-31"),
        ("after 2017-08-27", "2017-08-28", None),
        ("after 2017-08", "2017-09-01", None),
        ("by 2017-09-01", None, "2017-09-01"),
        ("By 2017-09", None, "2017-09-30"),
        ("on or after 2017-08-27", "2017-08-27", None),
        ("no later than 2017-09-01", None, "2017-09-01"),
        # written out, as copy writes them
        ("28 August 2017", "2017-08-28", "2017-08-28"),
        ("Aug. 28, 2017", "2017-08-28", "2017-08-28"),
        ("August 28 2017", "2017-08-28", "2017-08-28"),
        ("the 1st of Sept 2017", "2017-09-01", "2017-09-01"),
        ("28th August, 2017", "2017-08-28", "2017-08-28"),
        ("August 2017", "2017-08-01", "2017-08-31"),
        ("May of 2017", "2017-05-01", "2017-05-31"),
        ("before 1 September 2017", None, "2017-08-31"),
        ("between 25 August 2017 and 2017-08-26", "2017-08-25", "2017-08-26"),
        ("25 Aug 2017 - 26 Aug 2017", "2017-08-25", "2017-08-26"),
        ("26 August 2017.", "2017-08-26", "2017-08-26"),  # copied with its full stop
        ("2017-08-26,", "2017-08-26", "2017-08-26"),
    ],
)
def test_date_values(text: str, low: str | None, high: str | None) -> None:
    found = read_value(text, "date").interval
    assert (found.low, found.high) == (low and day(low), high and day(high))
    assert not found.low_open and not found.high_open


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("2017-08-26", "the day 2017-08-26 → [2017-08-26, 2017-08-26]"),
        ("2017-08", "every day of 2017-08 → [2017-08-01, 2017-08-31]"),
        (
            "before 2017-09-01",
            "'before' excludes 2017-09-01: dates close on whole days → (-∞, 2017-08-31]",
        ),
        ("by 2017-09-01", "'by' means on or before 2017-09-01 → (-∞, 2017-09-01]"),
        (
            "2017-08-25 to 2017-08-26",
            "range from 2017-08-25 to 2017-08-26 → [2017-08-25, 2017-08-26]",
        ),
    ],
)
def test_date_rules(text: str, rule: str) -> None:
    assert read_value(text, "date").rule == rule


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2017-02-30", "'2017-02-30' is not a date: day is out of range for month"),
        ("639", "cannot read '639' as a date; write a day (2017-08-26, 26 August 2017)"),
        ("about 600", "cannot read 'about 600' as a date"),
        ("", "the value is empty"),
        ("2017-08-26 to 2017-08-25", "runs backwards"),
        ("before lots", "cannot read 'lots' after 'before' as a date"),
        ("before 0001-01-01", "no date is before 0001-01-01"),
        ("after 9999-12-31", "no date is after 9999-12-31"),
        ("between 2017-02-30 and 2017-03-02", "'2017-02-30' is not a date"),
        ("31 June 2017", "'31 june 2017' is not a date: day is out of range for month"),
        ("August 28", "'august 28' names no year; write it with its year"),
        ("the 28th of August", "names no year"),
        ("08/09/2017", "'08/09/2017': a date in numbers alone is day/month in some places"),
        ("08/09/2017", "(here 2017-09-08 or 2017-08-09)"),  # the two it may be
        ("28.08.2017", "(here 2017-08-28)"),  # only one: no month 28
        ("30/02/2017", "'30/02/2017' is no date, whether read day/month or month/day"),
        ("05/06/98", "write the month as a word and the year in full"),  # 1998? 2098?
        ("28 Augustus 2017", "cannot read '28 Augustus 2017' as a date"),
        ("2016-17", "'2016-17' is written as two years (a season, a fiscal year), not a month"),
        ("1999-00", "write 1999 to 2000 for both"),
        ("2017-13", "'2017-13' is not a date: month must be in 1..12"),
    ],
)
def test_date_value_errors(text: str, message: str) -> None:
    with pytest.raises(ValueSyntaxError) as raised:
        read_value(text, "date")
    assert message in raised.value.message


@given(st.one_of(st.text(), st.dates().map(str), st.datetimes().map(str)))
def test_any_text_is_a_claim_date_or_fails_cleanly(text: str) -> None:
    try:
        read = read_claim_date(text)
    except ValueSyntaxError:
        return
    assert read.first <= read.last
