"""Hedges: the words that widen or bound a number ("about 600", "at least 47",
"600-plus", "600-odd"), and what each makes of a number, or of the ends of a range or
a vague word ("dozens plus", "about 10-20").

``BEFORE`` are written before the number, ``AFTER`` after it; each maps the hedge to
its reader, which gives the reading of the number it hedges.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from math import ceil, floor
from typing import TypeAlias

from reconcile.interval import Bound, Interval, normalize
from reconcile.readings import Reading, ValueContext, show_interval, show_number

# Words that make a figure no figure: refused where they follow it, never ignored.
UNSURE_WORDS = frozenset({"perhaps", "maybe", "probably", "possibly", "unconfirmed"})


# -- what each hedge makes of a number ----------------------------------------------------


def approximately(word: str, value: Bound, context: ValueContext) -> Reading:
    low, high = sorted((value * (1 - context.tolerance), value * (1 + context.tolerance)))
    return _around(word, value, low, high, f"allows ±{_percent(context)}", context)


def nearly(word: str, value: Bound, context: ValueContext) -> Reading:
    low, high = sorted((value * (1 - context.tolerance), value))
    less = "less" if value >= 0 else "nearer zero"  # nearly -10: -9.5, not -10.5
    return _around(word, value, low, high, f"allows up to {_percent(context)} {less}", context)


def _around(
    word: str, value: Bound, low: Bound, high: Bound, allows: str, context: ValueContext
) -> Reading:
    exact = Interval(normalize(low), normalize(high))
    rule = f"'{word}' {allows}: {show_number(value)} → {show_interval(exact)}"
    rounded = _outward(exact, context)
    if rounded != exact:
        rule += f", rounded outward to whole numbers → {show_interval(rounded)}"
    return Reading(rounded, rule)


def _outward(interval: Interval, context: ValueContext) -> Interval:
    """A count's interval rounded outward to whole numbers, 0 or more."""
    if not context.is_count or interval.low is None or interval.high is None:
        return interval
    return Interval(max(0, floor(interval.low)), ceil(interval.high))


def _percent(context: ValueContext) -> str:
    return f"{show_number(context.tolerance * 100)}%"


def and_some(word: str, value: Bound, context: ValueContext) -> Reading:
    """ "600-odd", "twenty-something": the number and some more, up to where its last
    digit but the zeros would change (600 to 699, 20 to 29); for a number with no zeros
    to fill, or a fraction, up to the tolerance more."""
    zeros = len(str(value)) - len(str(value).rstrip("0")) if type(value) is int else 0
    if zeros and value > 0:
        interval = Interval(value, value + 10**zeros - 1)
        rule = f"'{word}' adds to {show_number(value)} less than {10**zeros:,}"
        return Reading(interval, f"{rule} → {show_interval(interval)}")
    return _around(word, value, value, value * (1 + context.tolerance), _more(context), context)


def _more(context: ValueContext) -> str:
    return f"allows up to {_percent(context)} more"


def exactly(word: str, value: Bound, context: ValueContext) -> Reading:
    interval = Interval.exact(value)
    return Reading(interval, f"'{word}' gives the value itself → {show_interval(interval)}")


def at_least(word: str, value: Bound, context: ValueContext) -> Reading:
    interval = Interval(value, None)
    return Reading(interval, f"'{word}' includes {show_number(value)} → {show_interval(interval)}")


def up_to(word: str, value: Bound, context: ValueContext) -> Reading:
    # A count starts at 0; a number may be negative, so nothing bounds it below.
    interval = Interval(0 if context.is_count else None, value)
    return Reading(interval, f"'{word}' includes {show_number(value)} → {show_interval(interval)}")


def more_than(word: str, value: Bound, context: ValueContext) -> Reading:
    if context.is_count:
        return _excludes(word, value, Interval(value + 1, None))
    return _excludes(word, value, Interval(value, None, low_open=True))


def fewer_than(word: str, value: Bound, context: ValueContext) -> Reading:
    if not context.is_count:
        return _excludes(word, value, Interval(None, value, high_open=True))
    if value == 0:
        raise context.fail(f"no count is {word} 0; write 0 or none")
    return _excludes(word, value, Interval(0, value - 1))


def _excludes(word: str, value: Bound, interval: Interval) -> Reading:
    why = "" if interval.low_open or interval.high_open else ": counts close on whole numbers"
    return Reading(
        interval, f"'{word}' excludes {show_number(value)}{why} → {show_interval(interval)}"
    )


HedgeReader: TypeAlias = Callable[[str, Bound, ValueContext], Reading]
BEFORE: dict[str, HedgeReader] = {
    **dict.fromkeys(
        ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated"),
        approximately,
    ),
    **dict.fromkeys(("circa", "~", "c.", "ca.", "approx.", "approx"), approximately),
    **dict.fromkeys(("in the region of", "in the order of"), approximately),
    **dict.fromkeys(("exactly", "only", "just", "a total of"), exactly),
    **dict.fromkeys(("nearly", "almost", "close to", "just under", "just shy of"), nearly),
    **dict.fromkeys(("at least", "no fewer than", "no less than", "a minimum of"), at_least),
    **dict.fromkeys(("not fewer than", "not less than", "minimum"), at_least),
    **dict.fromkeys((">=", "≥"), at_least),
    **dict.fromkeys(("more than", "over", "above", "upwards of", "upward of", ">"), more_than),
    **dict.fromkeys(("just over", "well over", "in excess of", "slightly more than"), more_than),
    **dict.fromkeys(("up to", "at most", "no more than", "a maximum of", "as many as"), up_to),
    **dict.fromkeys(("not more than", "as much as", "as high as", "maximum", "max"), up_to),
    **dict.fromkeys(("<=", "≤"), up_to),
    **dict.fromkeys(("fewer than", "less than", "under", "below", "<"), fewer_than),
}
_SYMBOLS = ("~", "c.", "ca.", "approx.", ">=", "≥", ">", "<=", "≤", "<")
BEFORE_PATTERN = re.compile(
    "(?:({}) |({}) ?)".format(
        "|".join(re.escape(w) for w in sorted(BEFORE.keys() - _SYMBOLS, key=len, reverse=True)),
        "|".join(re.escape(w) for w in sorted(_SYMBOLS, key=len, reverse=True)),
    )
)


# Hedges newsrooms write after the number: "600-plus", "600-odd", "600 or so", "600 max".
AFTER: dict[str, HedgeReader] = {
    **dict.fromkeys(("plus", "or more", "and more", "or above", "and above"), at_least),
    **dict.fromkeys(("at least", "minimum", "or over", "and over", "upwards"), at_least),
    **dict.fromkeys(
        ("and upwards", "or upwards", "and up", "upward", "onward", "onwards"), at_least
    ),
    **dict.fromkeys(("or higher", "if not more", "at the very least"), at_least),
    **dict.fromkeys(("odd", "some", "something"), and_some),
    **dict.fromkeys(("ish", "or so", "or thereabouts", "thereabouts"), approximately),
    **dict.fromkeys(
        ("approximately", "approximate", "roughly", "estimated", "est", "est."), approximately
    ),
    **dict.fromkeys(("approx", "approx.", "or thereabout"), approximately),
    **dict.fromkeys(("max", "max.", "maximum", "at most", "at the most", "tops"), up_to),
    **dict.fromkeys(("or fewer", "or less", "or under", "or below", "and under"), up_to),
    **dict.fromkeys(("and below", "or lower"), up_to),
}
AFTER_PATTERN = re.compile(
    r"-?({})(?=\s|$)".format("|".join(re.escape(w) for w in sorted(AFTER, key=len, reverse=True)))
)
HYPHENED = re.compile(r"-(odd|plus|something|some|ish)(?=\s|$)")  # "twenty-odd"
# Hedges as words of their own ("under-fives" is a word), never the word after a number
# that is ignored: "600 plus" is not 600, and "600 over" is not read at all (the hedge
# goes before it), nor "600 perhaps".
_SAYS_IT_ALL = {"exactly", "only", "just"}  # "600 only" is 600
HEDGE_WORDS = frozenset(
    {word for word in (*BEFORE, *AFTER) if word.isalpha() and word not in _SAYS_IT_ALL}
    | {"least", "most"}  # of "at least", "at most": "600 least" is no 600
    | UNSURE_WORDS
)


def on_ends(word: str, hedge: HedgeReader, read: Reading, context: ValueContext) -> Reading:
    low, high = read.interval.low, read.interval.high
    if hedge is at_least:
        interval = Interval(low, None)
        why = f"'{word}' includes its low end and above"
    elif hedge is up_to:
        interval = Interval(0 if context.is_count else None, high)
        why = f"'{word}' includes its high end and below"
    elif hedge is and_some:
        assert low is not None and high is not None  # a vague word or a range has both
        more = high * (1 + context.tolerance)
        interval = _outward(Interval(low, normalize(max(high, more))), context)
        why = f"'{word}' allows up to {_percent(context)} more"
    elif hedge is approximately:
        assert low is not None and high is not None  # a vague word or a range has both
        share = context.tolerance
        ends = (low * (1 - share), low * (1 + share), high * (1 - share), high * (1 + share))
        interval = _outward(Interval(normalize(min(ends)), normalize(max(ends))), context)
        why = f"'{word}' allows {_percent(context)} either side"
    else:
        raise ValueError(f"'{word}' has no meaning for the two ends of a range")
    return Reading(interval, f"{read.rule}; {why} → {show_interval(interval)}")


# What ``on_ends`` reads: the hedges with a meaning for the two ends of a range.
ON_ENDS = frozenset({at_least, up_to, and_some, approximately})
