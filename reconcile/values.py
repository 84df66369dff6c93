"""Reading a value as written ("around 600", "at least 47", "dozens") as an interval.

The grammar is SPEC "Values": an exact number, a hedged number (``about 600``,
``more than 40``, ``600+``), a range (``10-20``, ``between 10 and 20``), a zero word
(``none``) or a vague word (``dozens``), each optionally followed by one word that is
ignored (``639 people``), and as copy writes them beyond SPEC's table: hedges after the
number or around a range (``600-odd``, ``dozens plus``; the words are in
``reconcile.hedges``), more scale words, and refusals where a reader cannot be sure
(``5.000`` of a count, ``10-20,000``). Dates have their own grammar in
``reconcile.dates``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from functools import lru_cache

from reconcile.hedges import (
    AFTER,
    AFTER_PATTERN,
    BEFORE,
    BEFORE_PATTERN,
    HEDGE_WORDS,
    HYPHENED,
    ON_ENDS,
    UNSURE_WORDS,
    HedgeReader,
    at_least,
    on_ends,
)
from reconcile.interval import Bound, Interval, normalize
from reconcile.numbers import NUMBER_WORDS, SCALES, read_number, share_scale, split_number

# What a reading is, made in ``reconcile.readings``, is imported from here by the rest.
from reconcile.readings import QUANTITY_TYPES as QUANTITY_TYPES
from reconcile.readings import QuantityType as QuantityType
from reconcile.readings import Reading as Reading
from reconcile.readings import Vague as Vague
from reconcile.readings import ValueContext, written_offset
from reconcile.readings import ValueSyntaxError as ValueSyntaxError
from reconcile.readings import show_interval as show_interval
from reconcile.readings import show_number as show_number

DEFAULT_TOLERANCE = Fraction(1, 10)
# Longer is a sentence, not a value as written; and reading time grows faster than it.
MAX_VALUE_LENGTH = 200
# A story's approx_tolerance as it may be written: from 0 to 1.
TOLERANCE_PATTERN = r"^(0(\.\d+)?|1(\.0*)?)$"

VAGUE_WORDS: dict[str, tuple[int, int]] = {
    "several": (3, 9),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "several hundred": (300, 900),
    "several thousand": (3_000, 9_000),
    "several dozen": (36, 108),  # as SPEC's several hundred: several (3 to 9) dozens
    # and on, as SPEC's thousands go: 2 to 9.999 of the scale
    "several million": (3_000_000, 9_000_000),
    "millions": (2_000_000, 9_999_999),
    "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
}
_NUMBER_FORMS = (
    "a number (17, 1,200, seventeen, 1.2 million)",
    "a hedge (about 600, at least 47, more than 40, up to 150, 600-plus, 600 or so)",
    "a range (10-20, between 10 and 20)",
    "a vague word (several, dozens, hundreds)",
)
_FORMS = f"write {', '.join(_NUMBER_FORMS[:-1])} or {_NUMBER_FORMS[-1]}"
# For a value whose quantity's type is not known (its story.yaml cannot be read).
NUMBER_AND_DATE_FORMS = f"write {', '.join(_NUMBER_FORMS)} or a date (2017-09-01, 2017-09, 2017)"


def read_value(
    text: str,
    type: QuantityType = "count",
    *,
    tolerance: Fraction | float | int | str = DEFAULT_TOLERANCE,
    vague: Vague | Mapping[str, tuple[float | int | str, float | int | str]] = (),
    unit: str | None = None,
) -> Reading:
    """Read ``text`` as the interval of values of ``type`` it allows; raise
    ValueSyntaxError where the grammar does not read it (or it is longer than
    ``MAX_VALUE_LENGTH``). ``tolerance`` is the share "about N" allows either side
    (0 to 1, as in story.yaml; a float is taken as written, 0.2 as 1/5); ``vague`` the
    story's own vague words, (word, low, high) each, or a mapping of words to (low,
    high); ``unit`` the quantity's unit, as story.yaml gives it, which after a number is
    the unit where it could be read as something else (``7.5 m`` of metres is not 7.5
    million, ``100s`` of seconds not hundreds). ValueError for arguments of none of
    these kinds.

    The interval is shared with every other reading of the same text: it is frozen."""
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, not {text!r}")
    if type not in QUANTITY_TYPES:
        raise ValueError(f"type must be one of {', '.join(QUANTITY_TYPES)}, not {type!r}")
    if unit is not None and not isinstance(unit, str):
        raise ValueError(f"unit must be a str or None, not {unit!r}")
    share = _share(tolerance, "tolerance")
    if share > 1:
        raise ValueError(f"tolerance must be 1 or less, not {tolerance!r}")
    words = _vague_words(dict(_word_bounds(vague)) if isinstance(vague, tuple) else vague)
    return read_as(text, type, share, words, scale_unit(unit))


def read_as(
    text: str, type: QuantityType, tolerance: Fraction, vague: Vague, unit: str | None
) -> Reading:
    """``read_value`` for the loader, whose story gives arguments already checked."""
    if type != "date" and text.isdigit() and text.isascii() and len(text) < 100:
        return _read_digits(text)
    if len(text) > MAX_VALUE_LENGTH:  # reading time grows faster than the length
        raise ValueSyntaxError(too_long(text))
    # A Fraction hashes slowly; its two ints make a faster cache key.
    numerator, denominator = tolerance.numerator, tolerance.denominator
    if unit is not None and type != "date":
        without_unit = _unit_pattern(unit).sub("", text)
        if without_unit != text:
            try:
                return _read(without_unit, type, numerator, denominator, vague)
            except ValueSyntaxError as error:
                _read(text, type, numerator, denominator, vague)  # what is wrong, as written
                raise error from None  # read as written, the unit would be a scale: 7.5 million
    return _read(text, type, numerator, denominator, vague)


def too_long(value: str) -> str:
    return (
        f"the value is {len(value):,} characters long; write the figure as the outlet "
        f"gave it, in {MAX_VALUE_LENGTH} characters at most, and put the sentence in 'quote'"
    )


def _word_bounds(vague: tuple[object, ...]) -> list[tuple[object, object]]:
    """Vague words given as ``Story.vague`` is, (word, low, high) each, as mapping items."""
    items: list[tuple[object, object]] = []
    for entry in vague:
        if not isinstance(entry, tuple) or len(entry) != 3:
            raise ValueError(f"vague must hold (word, low, high) triples, not {entry!r}")
        word, low, high = entry
        items.append((word, (low, high)))
    return items


def _share(given: object, what: str) -> Fraction:
    """A number given as a Fraction, an int, a float or text, exactly as written (0.2 as
    1/5), or ValueError naming ``what`` where it is none, or below 0."""
    try:
        if not isinstance(given, (int, float, str, Fraction)) or isinstance(given, bool):
            raise TypeError
        share = Fraction(str(given) if isinstance(given, float) else given)
    except (TypeError, ValueError, ZeroDivisionError):
        raise ValueError(f"{what} must be a number, 0 or more, not {given!r}") from None
    if share < 0:
        raise ValueError(f"{what} must be 0 or more, not {given!r}")
    return share


def _vague_words(given: object) -> Vague:
    """A story's vague words given as a mapping of words to (low, high), as ``Vague``:
    bounds as written (a float too), 0 or more, the low one first; else ValueError."""
    problem = "vague must map words to (low, high), 0 <= low <= high, or be Story.vague"
    if not isinstance(given, Mapping):
        raise ValueError(problem)
    blank = [word for word in given if not isinstance(word, str) or not word.strip()]
    if blank:
        raise ValueError(f"{problem}; each word a text that is not blank, not {blank[0]!r}")
    words = []
    for word, bounds in sorted(given.items()):
        try:
            low, high = (normalize(_share(bound, "a bound")) for bound in bounds)
        except (TypeError, ValueError):
            raise ValueError(f"{problem}; {word!r}: {bounds!r}") from None
        if not isinstance(word, str) or low > high:
            raise ValueError(f"{problem}; {word!r}: {bounds!r}")
        words.append((word, low, high))
    return tuple(words)


def scale_unit(unit: str | None) -> str | None:
    """A quantity's unit, folded, where after a number it would be read as something
    else: a scale word (``m`` for metres, ``K`` for kelvin: not millions or thousands),
    or ``s`` for seconds (``100s`` is 100 seconds, not hundreds)."""
    if unit is None:
        return None
    folded = fold(unit)
    if folded in _SECONDS:
        return "s"
    # "m/s": a scale letter before a slash is the unit's, not a million; and a unit that
    # is a scale elsewhere ("MB", "tn") is the unit where the quantity declares it
    first = folded.split("/")[0]
    return folded if first in SCALES or first in _UNSURE_SCALES else None


_SECONDS = frozenset({"s", "sec", "secs", "second", "seconds"})


@lru_cache(maxsize=64)
def _unit_pattern(unit: str) -> re.Pattern[str]:
    """The unit after a number in digits (``7.5 m``, ``7.5m``), with the space before it."""
    # not before "of": "10s of thousands", "100s of seconds" are no 10 or 100 of the unit
    return re.compile(rf"(?<=[0-9])\s*{re.escape(unit)}(?![^\W_])(?!\s+of\b)", re.IGNORECASE)


def percent_as_a_word(text: str) -> str:
    """ "12%" and "12 per cent" as "12 percent": one word after a number, read as any."""
    return text.replace("per cent", "percent").replace("%", " percent")


def fold(text: str) -> str:
    """Lower case, single spaces, and every dash or minus sign as a hyphen."""
    return " ".join(text.lower().split()).translate(_DASHES)


# Every dash that looks like a hyphen: "10‑20" (a non-breaking hyphen) is 10-20.
_DASHES = str.maketrans("‐‑‒–—―−﹘﹣－", "----------")


@lru_cache(maxsize=65_536)
def _read_digits(text: str) -> Reading:
    value = int(text)
    return Reading(Interval(value, value), f"exact value → [{value}, {value}]")


@lru_cache(maxsize=65_536)
def _read(text: str, type: QuantityType, numerator: int, denominator: int, vague: Vague) -> Reading:
    if type == "date":
        from reconcile.dates import read_date_value  # here, as dates imports this module

        return read_date_value(text)
    context = ValueContext(text, type, Fraction(numerator, denominator), vague)
    # "2½" is 2.5; a sentence's full stop or comma after the value is no part of it
    folded = _VULGAR.sub(lambda m: m.group(1) + _VULGAR_DECIMALS[m.group(2)], fold(text))
    folded = percent_as_a_word(_END_PUNCTUATION.sub("", folded))
    # "$1.5 billion": the currency is the quantity's unit; "5 000": thousands by spaces
    if _MONEY_IN_MM.search(folded):  # "$5MM": American finance's million, not millimetres
        message = (
            f"cannot read {text.strip()!r} as a {type}: 'MM' after a sum of money is a million "
            "in some copy and millimetres elsewhere; write million (or m)"
        )
        raise context.fail(message, 0, unread=True)
    folded = _SPACED_THOUSANDS.sub(lambda m: m.group().replace(" ", ""), _CURRENCY.sub("", folded))
    folded = _PART_OF_SCALE.sub(_part_as_decimal, folded)  # "half a million": 0.5 million
    if context.vague:  # the story's own words first, as written: "early 40s", "100s of people"
        reading = _read_vague(folded, context)
        if reading is not None:
            return reading
    folded = _plural_numbers_as_words(folded, context)  # "1000s": thousands
    if _DATE.fullmatch(folded):  # before ranges: 2017-09 is no range of 2017 to 9
        raise _not_understood(folded, context)
    _check_thousands(folded, context)
    readers = (_read_vague, _read_hedged, _read_zero, _read_plain, _read_range, _read_hedged_after)
    for reader in readers:
        reading = reader(folded, context)
        if reading is not None:
            return reading
    raise _not_understood(folded, context)


_VULGAR_DECIMALS = {"½": ".5", "¼": ".25", "¾": ".75", "⅛": ".125", "⅜": ".375", "⅝": ".625"}
_VULGAR = re.compile(r"([0-9]?) ?([½¼¾⅛⅜⅝])")
# Thousands written with a point, as much of Europe writes them: 5.000 for a count.
_THOUSANDS_POINT = re.compile(r"(?<![0-9.,])[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?![0-9.,])")
# A range whose thousands are written once, at its high end: 10-20,000.
_THOUSANDS_ONCE = re.compile(
    r"(?<![0-9.,])([0-9]{1,3})(?: ?- ?| to | and | or )([0-9]{1,3}((?:,[0-9]{3})+))(?![0-9])"
)
_PARTS = {
    "half a": Fraction(1, 2),
    "a quarter of a": Fraction(1, 4),
    "three quarters of a": Fraction(3, 4),
}
_PART_OF_SCALE = re.compile(
    r"\b(?:(half a|a quarter of a|three quarters of a)|([a-z0-9.-]+) and a half) "
    r"(hundred|thousand|million|billion|trillion)\b"
    r"|\b([a-z0-9.-]+) (million|billion|trillion) and a half\b"  # a million and a half
)


def _part_as_decimal(match: re.Match[str]) -> str:
    """ "half a million" as "0.5 million", "one and a half million" and "a million and
    a half" as "1.5 million"; as written where the whole before "and a half" is no whole
    number ("1.2 million and a half" is no figure)."""
    part, whole, scale, whole_first, scale_first = match.groups()
    if part is not None:
        return f"{show_number(_PARTS[part])} {scale}"
    if whole_first is not None:
        whole, scale = whole_first, scale_first
    number = 1 if whole == "a" else read_number(whole)
    if number is None or normalize(number) != int(number):
        return match.group()
    return f"{show_number(number + Fraction(1, 2))} {scale}"


# A numeral in the plural: "1000s" is "thousands", never the number 1000 and a word.
_PLURAL_NUMBER = re.compile(r"(?<![0-9.,])([0-9][0-9,]*)(?:'|’)?s(?![a-z0-9])")
_PLURAL_POWERS = {
    "10": "tens",
    "100": "hundreds",
    "1000": "thousands",
    "10000": "tens of thousands",
    "100000": "hundreds of thousands",
    "1000000": "millions",
}


def _plural_numbers_as_words(folded: str, context: ValueContext) -> str:
    """ "100s", "1,000s", "10s of thousands" as the vague words they spell; any other
    numeral in the plural ("40s": an age, a decade) is an error, never the number. One
    the story's vague table reads ("40s": [40, 49]) is left to it, hedged or not."""
    if "s" not in folded:
        return folded
    own = {" ".join(word.lower().split()) for word, _, _ in context.vague}

    def as_words(match: re.Match[str]) -> str:
        if match.group() in own and not folded.startswith("/", match.end()):  # not "40s/yr"
            return match.group()
        words = _PLURAL_POWERS.get(match[1].replace(",", ""))
        if words is None:
            message = (
                f"{match.group()!r} is a number in the plural (an age, a decade?), not a "
                f"{context.type}; {_FORMS}"
            )
            raise context.fail(message, match.start())
        return words

    return _PLURAL_NUMBER.sub(as_words, folded)


_CURRENCY = re.compile(r"(?:^|(?<=[ -]))(?:us\$|\$|€|£|¥)(?=[0-9.])")
_MONEY_IN_MM = re.compile(r"(?:\$|€|£|¥)[0-9.,]+ ?mm\b")
_SPACED_THOUSANDS = re.compile(r"(?<![0-9.,])[1-9][0-9]{0,2}(?: [0-9]{3})+(?![0-9.,])")
# A sentence's full stop or comma after a value, but the point of an abbreviation ("c.").
_END_PUNCTUATION = re.compile(r"(?<![ .][a-z])[.,;:]+$")


def _check_thousands(folded: str, context: ValueContext) -> None:
    """Numbers whose thousands a reader cannot be sure of: an error, never a guess."""
    pointed = _THOUSANDS_POINT.search(folded)
    if pointed is not None and context.is_count and not _scaled_after(folded, pointed.end()):
        written = pointed.group()
        message = (
            f"'{written}' is a count written with a point: write {written.replace('.', ',')} "
            "if the point separates thousands, as much of Europe writes them (a quantity "
            "that need not be whole is declared 'type: number' in story.yaml)"
        )
        raise context.fail(message, pointed.start())
    once = _THOUSANDS_ONCE.search(folded)
    if once is not None:
        low, high = once.group(1), once.group(2)
        scaled = int(low) * 1000 ** once.group(3).count(",")
        if 0 < scaled < int(high.replace(",", "")):
            message = (
                f"'{low}' to '{high}' may mean {scaled:,} to {high} (the zeros written once) "
                f"or {low} to {high}: write both ends in full, as in {scaled:,}-{high}"
            )
            raise context.fail(message, once.start())


def _scaled_after(folded: str, at: int) -> bool:
    """Whether a scale word follows the number that ends at ``at``: 1.500 million."""
    split = split_number("1" + folded[at:])
    return split is not None and split[0] != 1


def _not_understood(folded: str, context: ValueContext) -> ValueSyntaxError:
    if not folded:
        return context.fail(f"the value is empty; {_FORMS}")
    split = split_number(folded)
    at = 0 if split is None else len(folded) - len(split[1])
    written = context.text.strip()
    if _DATE.fullmatch(folded):
        message = (
            f"{written!r} is written as a date, but this quantity is a {context.type}; "
            f"{_FORMS} (a quantity that is a date is declared 'type: date' in story.yaml)"
        )
        return context.fail(message, 0, unread=True)
    glued = at > 0 and not folded[at - 1].isspace()  # "1e3", not "20 e-2 visas"
    exponent = _EXPONENT.match(split[1]) if split is not None and glued else None
    if exponent is not None:  # "1e3"
        message = (
            f"cannot read {written!r} as a {context.type}: a power of ten "
            f"({exponent.group()!r}) is not read; write the number in full (1,000) or with "
            "a scale word (1.5 million)"
        )
        return context.fail(message, at, unread=True)
    if split is not None and split[1] in UNSURE_WORDS:  # "600 perhaps"
        message = (
            f"{written!r} is no sure figure ({split[1]!r}): leave the claim out, or give a "
            "figure the outlet is sure of, with its hedge (about 600, up to 600)"
        )
        return context.fail(message, at, unread=True)
    if split is not None and _first_word(split[1]).rstrip(".") in _UNSURE_SCALES:  # "5b"
        word = _first_word(split[1])
        message = (
            f"cannot read {written!r} as a {context.type}: {word!r} is a scale in some copy "
            "and something else elsewhere (bytes, tonnes, millimetres, a milliard); write the "
            "scale in full (thousand, million, billion, trillion) or its usual short form "
            f"(k, m, bn); where {word!r} is the unit, story.yaml declares it as the quantity's unit"
        )
        return context.fail(message, at, unread=True)
    if split is not None and re.match(r"/ ?[0-9]", split[1]):
        message = (  # "1/2", "24/7": no date (those are refused as dates), and no ratio
            f"cannot read {written!r} as a {context.type}: a fraction is not read"
            + ("; write it as a decimal (0.5)" if context.type == "number" else "")
        )
        return context.fail(message, at, unread=True)
    if split is not None and split[1].startswith("/"):  # "5 m/s": m read as a million
        message = (
            f"cannot read {written!r} as a {context.type}: a scale before a slash (the m of "
            "m/s, the million of million/year) is read as a scale; a unit such as m/s is read "
            f"where story.yaml declares it as the quantity's unit; {_FORMS}"
        )
        return context.fail(message, at, unread=True)
    if split is not None and _hedge_alone(split[1]):  # "600 over", "600 nearly"
        word, number = _first_word(split[1]), folded[:at].rstrip(" -")
        message = (
            f"cannot read {written!r} as a {context.type}: '{word}' goes before the number, "
            f"as in '{word} {number}'; {_FORMS}"
        )
        return context.fail(message, at, unread=True)
    message = f"cannot read {written!r} as a {context.type}; {_FORMS}"
    if _WORDS_ONLY.fullmatch(fold(context.text)):  # "a few hundred": the story may say
        message += (
            f"; if it is a vague phrase, give it this story's reading in story.yaml, as in "
            f"vague: {{{written}: [LOW, HIGH]}}"
        )
    return context.fail(message, at, unread=True)


_WORDS_ONLY = re.compile(r"[a-z]+(?:[ -][a-z]+)*")
_EXPONENT = re.compile(r"e[+-]?[0-9]+\b")


def _first_word(text: str) -> str:
    return text.lstrip("-").partition(" ")[0]


def _hedge_alone(rest: str) -> bool:
    """Whether what follows a number is a hedge that goes before it, and at most a word
    ("600 over", not "300 over two days")."""
    word, _, after = rest.lstrip("-").partition(" ")
    return word in BEFORE and _is_trailing(after)


_DATE = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?")  # 1200-50 is not


# Grammar words and numbers: never the ignored word after a number, nor part of it.
_RESERVED = NUMBER_WORDS.union(SCALES, VAGUE_WORDS, ("to", "or", "than", "of", "from"))
_RESERVED = _RESERVED.union(("between", "more", "less", "fewer", "tens", "millions", "billions"))
# Scales that are words too, and words that are other scales elsewhere: never ignored.
_LAST_WORD_SCALES = {"grand": 1_000, "score": 20}  # "5 grand", but "20 grand slams"
# Scales of other copy or other languages, or other things elsewhere (a byte? tonnes? a
# milliard? million barrels?): refused, never read as a word after the number.
_UNSURE_SCALES = frozenset(
    {"b", "tn", "mil", "mio", "bil", "mb", "mrd", "mld", "mlrd", "tsd", "ths", "thou", "cr"}
    | {"crs", "mds", "md"}  # "5 Md" of French copy
)
# Parts of a whole: "5 thousandths" is no 5.
_FRACTION_WORDS = frozenset(
    f"{part}{plural}"
    for part in ("third", "quarter", "fifth", "tenth", "hundredth", "thousandth", "millionth")
    for plural in ("", "s")
) | {"half", "halves"}
_RESERVED = _RESERVED.union(_LAST_WORD_SCALES, _UNSURE_SCALES, _FRACTION_WORDS)
# A word, or a unit of measure written as one: °c, km/h, km2, m²
_WORD = re.compile(r"(?:° ?)?[^\W\d_]+(?:['’-][^\W\d_]+)*(?:/[^\W\d_]+)?[23²³]?")


def _is_trailing(rest: str, *, allow_of: bool = False) -> bool:
    """Whether ``rest`` is nothing or one word that may follow a value and be ignored."""
    if allow_of and rest.startswith("of "):
        rest = rest[3:]
    if not rest:
        return True
    if _WORD.fullmatch(rest) is None or _EXPONENT.match(rest):  # "1e3" is no 1 of unit e3
        return False
    core = rest.lstrip("° ").rstrip("23²³")  # "perhaps2" is no unit: its letters are read
    hedged = core in HEDGE_WORDS or HEDGE_WORDS.intersection(core.split("/"))
    # "km/h": a word each side, neither a scale ("m²" is a unit, "m" a million), nor a
    # scale with a footnote's digit ("million2")
    parts = [part for side in rest.split("/") for part in re.split(r"['’-]", side)]
    bare = [part.rstrip("23²³") for part in parts]
    scaled = _RESERVED.intersection(parts) or _RESERVED.intersection(b for b in bare if len(b) > 1)
    return not hedged and not scaled


def _number_at(text: str) -> tuple[Bound, str] | None:
    """The number ``text`` starts with and the rest, as ``split_number`` reads them, and
    also ``twenty-odd`` (number words, a hyphen, a hedge) and ``5 grand`` (a scale that
    is a word too, read as one only at the end of the value, or before a hedge)."""
    split = split_number(text) or _number_with_hyphened_hedge(text)
    if split is None:
        return None
    value, rest = split
    word, _, after = rest.partition(" ")
    scale = _LAST_WORD_SCALES.get(word)
    if scale is not None and (not after or _after_hedge(after) is not None):
        return normalize(value * scale), after
    return split


def _read_plain(folded: str, context: ValueContext) -> Reading | None:
    split = _number_at(folded)
    if split is None:
        return None
    value, rest = split
    if rest.startswith("+") and _is_trailing(rest[1:].lstrip()):
        return at_least("+", context.checked(value), context)
    if not _is_trailing(rest):
        after = _after_hedge(rest)
        noun, _, more = rest.partition(" ")
        if after is None and _is_trailing(noun):  # "600 people or more"
            after = _after_hedge(more)
        if after is None:
            return None
        return after[1](after[0], context.checked(value), context)
    exact = Interval.exact(context.checked(value))
    return Reading(exact, f"exact value → {show_interval(exact)}")


def _read_zero(folded: str, context: ValueContext) -> Reading | None:
    word, _, rest = folded.partition(" ")
    if word not in ("none", "no") or not _is_trailing(rest, allow_of=True):
        return None
    if rest in _NO_FIGURE:
        message = (
            f"{context.text.strip()!r} says the figure is not known, not that it is zero: "
            "leave the claim out until the outlet gives one"
        )
        raise context.fail(message, len(word) + 1)
    return Reading(Interval(0, 0), f"'{word}' means zero → [0, 0]")


# "No figure" is no figure at all, not a figure of zero.
_NO_FIGURE = frozenset(
    {
        *("figure", "figures", "estimate", "estimates", "data", "details", "detail"),
        *("confirmation", "information", "info", "number", "numbers", "count", "tally"),
        *("word", "report", "reports", "comment", "breakdown", "toll"),
    }
)


def _read_vague(folded: str, context: ValueContext) -> Reading | None:
    for word, low, high, from_story in _vague_table(context.vague):
        if not folded.startswith(word):  # most values: no vague word at all
            continue
        rest = folded[len(word) + 1 :]
        if folded == word or (folded.startswith(f"{word} ") and _is_trailing(rest, allow_of=True)):
            interval = Interval(normalize(low), normalize(high))
            source = "story's vague table: '{}'" if from_story else "'{}' is a vague word"
            return Reading(interval, f"{source.format(word)} → {show_interval(interval)}")
    return None


@lru_cache(maxsize=256)
def _vague_table(vague: Vague) -> tuple[tuple[str, Bound, Bound, bool], ...]:
    """Every vague word, the story's over the defaults, longest first."""
    table: dict[str, tuple[Bound, Bound, bool]] = {
        word: (low, high, False) for word, (low, high) in VAGUE_WORDS.items()
    }
    for word, low, high in vague:
        table[" ".join(word.lower().split())] = (low, high, True)
    rows = sorted(table.items(), key=lambda row: (-len(row[0]), row[0]))
    return tuple((word, low, high, from_story) for word, (low, high, from_story) in rows)


# -- hedges (reconcile.hedges) around numbers, ranges and vague words --------------------


def _after_hedge(rest: str) -> tuple[str, HedgeReader] | None:
    """The hedge ``rest`` (what follows a value) begins with, where at most a word that
    may be ignored comes after it."""
    match = AFTER_PATTERN.match(rest)
    if match is None or not _is_trailing(rest[match.end() :].lstrip()):
        return None
    return match.group(1), AFTER[match.group(1)]


def _number_with_hyphened_hedge(folded: str) -> tuple[Bound, str] | None:
    """``twenty-odd`` as ``twenty odd``: number words and the hedge joined by a hyphen."""
    spaced = HYPHENED.sub(r" \1", folded, count=1)
    return None if spaced == folded else split_number(spaced)


def _read_hedged_after(folded: str, context: ValueContext) -> Reading | None:
    """A vague word or a range, then a hedge: "dozens plus", "10-20 odd". The hedge
    applies to its ends: at least the low end, up to the high end, or both ends widened
    by the tolerance."""
    for match in _AFTER_HEDGE_IN.finditer(folded):
        head = folded[: match.start()].rstrip()
        after = _after_hedge(folded[match.start() :].lstrip())
        if not head or after is None:
            continue
        reading = _read_vague(head, context) or _read_range(head, context)
        if reading is not None:
            return on_ends(after[0], after[1], reading, context)
    return None


_AFTER_HEDGE_IN = re.compile(
    r"(?<=[^\s-])(?=[ -]-?(?:{})(?:\s|$))".format(
        "|".join(re.escape(w) for w in sorted(AFTER, key=len, reverse=True))
    )
)


def _hedged_range(word: str, rest: str, context: ValueContext) -> Reading | None:
    """A hedge before a range or a vague word, on its ends as after it; None where
    ``rest`` is neither, or the hedge has no meaning for two ends ("more than 10-20")."""
    hedge = BEFORE[word]
    if hedge not in ON_ENDS:
        return None
    reading = _read_vague(rest, context) or _read_range(rest, context)
    return None if reading is None else on_ends(word, hedge, reading, context)


def _read_hedged(folded: str, context: ValueContext) -> Reading | None:
    match = BEFORE_PATTERN.match(folded)
    if match is None:
        return None
    word = match.group(1) or match.group(2)
    if context.vague and _read_vague(folded[match.end() :], context) is not None:
        return _hedged_range(word, folded[match.end() :], context)  # the story's "40s"
    split = _number_at(folded[match.end() :])
    if split is not None and not _is_trailing(split[1]):
        after = _after_hedge(split[1])  # the same hedge again ("at least 600 plus"): said twice
        if after is not None and after[1] is BEFORE[word]:
            split = (split[0], "")
    if split is None or not _is_trailing(split[1]):
        ranged = _hedged_range(word, folded[match.end() :], context)
        if ranged is not None:  # "about 10-20", "at least dozens"
            return ranged
        rest = context.text[written_offset(context.text, match.end()) :].strip()  # as written
        message = f"cannot read {rest!r} after {word!r} as a {context.type}; {_FORMS}"
        raise context.fail(message, match.end(), unread=True)
    return BEFORE[word](word, context.checked(split[0], match.end()), context)


# -- ranges: two numbers ------------------------------------------------------------------

RANGE_FORMS = (("between ", " and "), ("from ", " to "), ("", " to "), ("", "-"))  # and dates
# Numbers only, as copy writes them too: "between 10-20", "two or three".
_NUMBER_RANGE_FORMS = (
    *RANGE_FORMS,
    *(("between ", " to "), ("between ", "-"), ("from ", "-"), ("", " or ")),
)


def _read_range(folded: str, context: ValueContext) -> Reading | None:
    for opener, separator in _NUMBER_RANGE_FORMS:
        if folded.startswith(opener):
            ends = _range_ends(folded[len(opener) :], separator)
            if ends is not None:
                return _range(*ends, context)
    return None


def _range_ends(body: str, separator: str) -> tuple[Bound, Bound] | None:
    """The ends of the range ``body`` writes: at the first split where both sides are
    numbers and in order, else at the first where both are numbers."""
    found: list[tuple[Bound, Bound]] = []
    at = body.find(separator)
    while at >= 0:
        found.extend(_split_range(body[:at].strip(), body[at + len(separator) :].strip()))
        at = body.find(separator, at + 1)
    return next((ends for ends in found if ends[0] <= ends[1]), found[0] if found else None)


def _split_range(left: str, right: str) -> list[tuple[Bound, Bound]]:
    split = split_number(right)
    if split is None or not _is_trailing(split[1]):
        return []
    low = read_number(share_scale(left, right[: len(right) - len(split[1])].rstrip()))
    return [] if low is None else [(low, split[0])]


def _range(low: Bound, high: Bound, context: ValueContext) -> Reading:
    low, high = context.checked(low), context.checked(high)
    if low > high:
        written = context.text.strip()
        message = (
            f"the range {written!r} runs backwards; write the smaller end first, as in 10-20 "
            "or between 10 and 20"
        )
        raise context.fail(message)
    interval = Interval(normalize(low), normalize(high))
    shown = show_interval(interval)
    return Reading(interval, f"range from {show_number(low)} to {show_number(high)} → {shown}")
