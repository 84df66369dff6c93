"""Dates: the date a claim describes (``as_of`` / ``published``) and date values.

A date is a span of days, as proleptic Gregorian ordinals (``date.toordinal()``):
``2017-08-26`` is one day, ``2017-08`` every day of August, ``2017`` every day of the
year. A claim's date may also be a date-time, which orders claims within its day; one
with an offset (``Z``, ``+02:00``) is a moment, taken in UTC, day and time of day.
Date values read as closed intervals of ordinals: ``2017-08``, ``2017-08-25 to
2017-08-26``, ``before 2017-09-01``, ``after 2017-08-27``, ``by 2017-09-01``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from reconcile.interval import Bound, Interval
from reconcile.values import RANGE_FORMS, Reading, ValueSyntaxError, fold, show_interval

_SPAN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]")
_CLAIM_FORMS = (
    "write a day (2017-09-01), a month (2017-09), a year (2017) or a date-time (2017-09-01T14:30)"
)
_VALUE_FORMS = (
    "write a day (2017-08-26, 26 August 2017), a month (2017-08), a year (2017), a range"
    " (2017-08-25 to 2017-08-26, between 2017-08-25 and 2017-08-26) or an open end"
    " (before 2017-09-01, after 2017-08-27, by 2017-09-01)"
)


@dataclass(frozen=True, slots=True)
class ClaimDate:
    """A day, a month or a year (a span of days, as ordinals), or a date-time."""

    text: str  # as written: "2017-09-01", "2017-09", "2017", "2017-09-01T14:30"
    first: int  # ordinal of the first day of the span
    last: int  # ordinal of the last day
    time: time | None = None  # time of day as written (in UTC where an offset is given)
    in_utc: bool = False  # a moment written with an offset, its day and time made UTC
    # A moment whose day as written is not its day in UTC (01:30+03:00 is 22:30 UTC the
    # day before): it is ordered against neither day's plain dates (by its moment
    # against other date-times still).
    written_day: int | None = None

    def is_earlier_than(self, other: ClaimDate) -> bool:
        """Whether self ends before other begins; on one single day, only date-times
        are ordered, by their time of day (in UTC where an offset is given); two
        date-times always by their moments."""
        if end(self) < start(other):
            return True
        at, other_at = moment(self), moment(other)
        return at is not None and other_at is not None and at < other_at


Position = tuple[int, float]  # a day, and a time of day in seconds, or ∓∞ for all of it


def start(date: ClaimDate) -> Position:
    """Where ``date`` begins on one line of days and times: ``a`` is earlier than ``b``
    where ``end(a) < start(b)``."""
    if date.time is None:
        return (date.first, -math.inf)
    if date.written_day is not None and date.written_day < date.first:
        return (date.written_day, math.inf)  # a moment written the day before it is in UTC
    return (date.first, _seconds(date.time))


def end(date: ClaimDate) -> Position:
    """Where ``date`` ends (see ``start``)."""
    if date.time is None:
        return (date.last, math.inf)
    if date.written_day is not None and date.written_day > date.last:
        return (date.written_day, -math.inf)  # a moment written the day after it is in UTC
    return (date.last, _seconds(date.time))


def order_key(date: ClaimDate) -> tuple[Position, Position]:
    """Where a date sorts so that every date sorts after those earlier than it: a day,
    a month or a year by its span, a date-time by its moment (not by its span, which
    reaches back to its written day where that is the day before its day in UTC)."""
    at = moment(date)
    return (start(date), end(date)) if at is None else (at, at)


def moment(date: ClaimDate) -> Position | None:
    """A date-time's moment (in UTC where an offset is given), by which date-times are
    ordered among themselves; None for a day, a month or a year."""
    return None if date.time is None else (date.first, _seconds(date.time))


def _seconds(of_day: time) -> float:
    return of_day.hour * 3600 + of_day.minute * 60 + of_day.second + of_day.microsecond / 1e6


@lru_cache(maxsize=4096)
def read_claim_date(text: str) -> ClaimDate:
    """Read an ``as_of`` or ``published`` date; raise ValueSyntaxError if it is none."""
    written = text.strip()
    if _DATE_TIME.match(written):
        return _read_date_time(written)
    span = read_span(written)
    if span is None:
        raise ValueSyntaxError(f"cannot read {written!r} as a date; {_CLAIM_FORMS}")
    return ClaimDate(written, *span)


def _read_date_time(written: str) -> ClaimDate:
    try:
        moment = datetime.fromisoformat(written)
    except ValueError as error:
        raise ValueSyntaxError(f"{written!r} is not a date-time: {error}; {_CLAIM_FORMS}") from None
    in_utc = moment.tzinfo is not None
    written_day = moment.date().toordinal()
    if in_utc:  # a moment: ordered as one, in UTC, whatever its offset
        moment = moment.astimezone(UTC)
    day = moment.date().toordinal()
    other_day = written_day if written_day != day else None
    return ClaimDate(written, day, day, moment.time(), in_utc, other_day)  # time() drops the zone


def read_span(text: str) -> tuple[int, int] | None:
    """The first and last day (ordinals) of a day, month or year; None where ``text`` is
    written as none of them; ValueSyntaxError where it is one but not in the calendar."""
    match = _SPAN.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        return _span(year or 0, month, day)
    except ValueError as error:
        message = f"{text!r} is not a date: {error}; write a day of the calendar (2017-09-01)"
        raise ValueSyntaxError(f"{message}, a month (2017-09) or a year (2017)") from None


def _span(year: int, month: int | None, day: int | None) -> tuple[int, int]:
    if month is None:
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    if day is None:
        first = date(year, month, 1).toordinal()
        last = date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(1)
        return first, last.toordinal()
    day_ordinal = date(year, month, day).toordinal()
    return day_ordinal, day_ordinal


def show_day(ordinal: Bound) -> str:
    return date.fromordinal(int(ordinal)).isoformat()


# -- date values ---------------------------------------------------------------------------


def read_date_value(text: str) -> Reading:
    """Read a value of a ``date`` quantity as an interval of day ordinals."""
    folded = _END_OF_SENTENCE.sub("", fold(text))  # "on 26 August 2017."
    for reader in (_read_single, _read_open_end, _read_date_range):
        reading = reader(folded)
        if reading is not None:
            return reading
    if not folded:
        raise ValueSyntaxError(f"the value is empty; {_VALUE_FORMS}")
    raise ValueSyntaxError(f"cannot read {text.strip()!r} as a date; {_VALUE_FORMS}", unread=True)


def _read_single(folded: str) -> Reading | None:
    span = _value_span(folded)
    if span is None:
        return None
    interval = Interval(*span)
    kind = "the day" if span[0] == span[1] else "every day of"
    return Reading(interval, f"{kind} {folded} → {_show(interval)}")


def _value_span(folded: str) -> tuple[int, int] | None:
    """``read_span`` of a date value, which may also be written out as copy writes it:
    ``28 august 2017``, ``aug. 28, 2017``, ``28th of august 2017``, ``august 2017``."""
    _refuse_two_years(folded)
    span = read_span(folded)
    if span is not None or not folded[:1].isalnum():
        return span
    return _written_span(folded)


def _refuse_two_years(folded: str) -> None:
    """``2016-17`` is a season or a fiscal year, no month 17: said so, not read."""
    years = _TWO_YEARS.fullmatch(folded)
    if years is None:
        return
    first, later = int(years[1]), int(years[2])
    if not 1 <= later <= 12 and later == (first + 1) % 100:
        raise ValueSyntaxError(
            f"{folded!r} is written as two years (a season, a fiscal year), not a month: write"
            f" {first} to {first + 1} for both, or the day or month it means"
        )


def _written_span(folded: str) -> tuple[int, int] | None:
    """A day or a month written out; an error where the writing leaves it unsure (no
    year, day and month in an unknown order)."""
    written = _WRITTEN_DAY.fullmatch(folded) or _WRITTEN_MONTH_FIRST.fullmatch(folded)
    if written is not None:
        day, month, year = written.group("day", "month", "year")
        try:
            return _span(int(year), _MONTHS[month], int(day))
        except ValueError as error:
            raise ValueSyntaxError(f"{folded!r} is not a date: {error}") from None
    month_of_year = _WRITTEN_MONTH.fullmatch(folded)
    if month_of_year is not None:
        month, year = month_of_year.group("month", "year")
        return read_span(f"{year}-{_MONTHS[month]:02d}")
    if any(pattern.fullmatch(folded) for pattern in _NO_YEAR):
        raise ValueSyntaxError(
            f"{folded!r} names no year; write it with its year (28 August 2017, or 2017-08-28)"
        )
    if _SLASHED.fullmatch(folded):
        raise ValueSyntaxError(_slashed_message(folded))
    return None


def _slashed_message(folded: str) -> str:
    """Why a slashed date is not read, with the dates it may be, written so that it is."""
    first, second, year_written = re.split(r"[/.]", folded)
    if len(year_written) < 4:  # '98 or 2098? not for the tool to guess either
        return (
            f"{folded!r}: a date in numbers alone is day/month in some places and month/day "
            "in others, so it is never read; write the month as a word and the year in full"
        )
    year = int(year_written)
    readings = []
    for day, month in ((int(first), int(second)), (int(second), int(first))):
        try:
            readings.append(date(year, month, day).isoformat())
        except ValueError:
            continue
    if not readings:
        return f"{folded!r} is no date, whether read day/month or month/day"
    return (
        f"{folded!r}: a date in numbers alone is day/month in some places and month/day "
        "in others, so it is never read; write the month as a word, or the date as "
        f"year-month-day (here {' or '.join(dict.fromkeys(readings))})"
    )


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>{})\.?".format("|".join(sorted(_MONTHS, key=len, reverse=True)))
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR = r",? (?P<year>[0-9]{4})"
_WRITTEN_DAY = re.compile(rf"(?:the )?{_DAY}(?: of)? {_MONTH}{_YEAR}")  # 28 August 2017
_WRITTEN_MONTH_FIRST = re.compile(rf"{_MONTH} {_DAY}{_YEAR}")  # August 28, 2017
_WRITTEN_MONTH = re.compile(rf"{_MONTH}(?: of)?{_YEAR}")  # August 2017
_NO_YEAR = (re.compile(rf"(?:the )?{_DAY}(?: of)? {_MONTH}"), re.compile(rf"{_MONTH} {_DAY}"))
_END_OF_SENTENCE = re.compile(r"(?<=[0-9])[.,;:]+$")
_TWO_YEARS = re.compile(r"([0-9]{4})-([0-9]{2})")  # 2016-17
_SLASHED = re.compile(r"[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}")


def _before(first: int, last: int) -> Interval:
    if first == 1:
        raise ValueSyntaxError("no date is before 0001-01-01, the first in the calendar")
    return Interval(None, first - 1)


def _after(first: int, last: int) -> Interval:
    if last == date.max.toordinal():
        raise ValueSyntaxError("no date is after 9999-12-31, the last in the calendar")
    return Interval(last + 1, None)


def _on_or_before(first: int, last: int) -> Interval:
    return Interval(None, last)


def _on_or_after(first: int, last: int) -> Interval:
    return Interval(first, None)


_BEFORE_AFTER = "excludes {}: dates close on whole days"
_OPEN_ENDS: dict[str, tuple[Callable[[int, int], Interval], str]] = {
    "before": (_before, _BEFORE_AFTER),
    "after": (_after, _BEFORE_AFTER),
    "by": (_on_or_before, "means on or before {}"),
    "on or before": (_on_or_before, "takes {} and every day before it"),
    "no later than": (_on_or_before, "means on or before {}"),
    "on or after": (_on_or_after, "takes {} and every day after it"),
    "no earlier than": (_on_or_after, "means on or after {}"),
}
_OPEN_END = re.compile("({}) (.*)".format("|".join(sorted(_OPEN_ENDS, key=len, reverse=True))))


def _read_open_end(folded: str) -> Reading | None:
    match = _OPEN_END.fullmatch(folded)
    if match is None:
        return None
    word, written = match.groups()
    span = _value_span(written)
    if span is None:
        message = f"cannot read {written!r} after {word!r} as a date; {_VALUE_FORMS}"
        raise ValueSyntaxError(message, len(word) + 1, unread=True)
    end, means = _OPEN_ENDS[word]
    interval = end(*span)
    return Reading(interval, f"'{word}' {means.format(written)} → {_show(interval)}")


def _read_date_range(folded: str) -> Reading | None:
    for opener, separator in RANGE_FORMS:
        if not folded.startswith(opener):
            continue
        body = folded[len(opener) :]
        at = body.find(separator)
        while at >= 0:
            ends = _value_span(body[:at].strip()), _value_span(body[at + len(separator) :].strip())
            if ends[0] is not None and ends[1] is not None:
                return _date_range(ends[0][0], ends[1][1], folded)
            at = body.find(separator, at + 1)
    return None


def _date_range(first: int, last: int, folded: str) -> Reading:
    if first > last:
        raise ValueSyntaxError(
            f"the range {folded!r} runs backwards; write the earlier end first, as in "
            "2017-08-25 to 2017-08-26"
        )
    interval = Interval(first, last)
    return Reading(
        interval, f"range from {show_day(first)} to {show_day(last)} → {_show(interval)}"
    )


def _show(interval: Interval) -> str:
    return show_interval(interval, show_day)
