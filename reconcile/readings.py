"""A reading of a value: its interval and the rule that gave it, the error where no
rule reads it, and the context a value is read in (its text, type, tolerance and vague
words), with how bounds and intervals are shown in rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from math import ceil, floor
from typing import Literal, TypeAlias, get_args

from reconcile.formatting import bracketed
from reconcile.interval import Bound, Interval, normalize
from reconcile.numbers import read_number

QuantityType: TypeAlias = Literal["count", "number", "date"]
QUANTITY_TYPES: tuple[QuantityType, ...] = get_args(QuantityType)
# A story's reading of vague words, as (word, low, high), sorted by word so it hashes
# and caches. Words are lower-case with single spaces.
Vague: TypeAlias = tuple[tuple[str, Bound, Bound], ...]


class ValueSyntaxError(ValueError):
    """A value that no rule of the grammar reads. ``message`` says why and lists the
    forms accepted; ``offset`` is the 0-based position in the text where reading failed;
    ``unread``: the text is written as no value of the type asked for (it may be one of
    another type), rather than as one that is wrong (a range that runs backwards)."""

    def __init__(self, message: str, offset: int = 0, *, unread: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.unread = unread


@dataclass(frozen=True, slots=True)
class Reading:
    """An interval and, in plain words, the rule that produced it."""

    interval: Interval
    rule: str  # "<why> → <interval>"

    @property
    def reason(self) -> str:
        """The rule without the interval it gives: "'around' allows ±10%: 600"."""
        return self.rule.rsplit(" → ", 1)[0]


def show_number(value: Bound) -> str:
    """Exactly, for rules: ``1350``, ``6.3``, ``-2.25``, ``1/3``."""
    value = normalize(value)
    if isinstance(value, int):
        return str(value)
    places = next((p for p in range(24) if 10**p % value.denominator == 0), None)
    if places is None:
        return str(value)
    whole, part = divmod(abs(value.numerator) * 10**places // value.denominator, 10**places)
    return f"{'-' if value < 0 else ''}{whole}.{part:0{places}d}"


def show_interval(interval: Interval, show: Callable[[Bound], str] = show_number) -> str:
    """Exactly, for rules, even where it is one value: ``[17, 17]``."""
    return bracketed(interval, show)


@dataclass(frozen=True, slots=True)
class ValueContext:
    text: str
    type: QuantityType
    tolerance: Fraction
    vague: Vague

    @property
    def is_count(self) -> bool:
        return self.type == "count"

    def fail(self, message: str, at: int = 0, *, unread: bool = False) -> ValueSyntaxError:
        """An error at position ``at`` of the folded text, placed in the text as written."""
        return ValueSyntaxError(message, written_offset(self.text, at), unread=unread)

    def checked(self, value: Bound, at: int = 0) -> Bound:
        """The value, where it may be one of this type."""
        if self.is_count and value < 0:
            message = (
                f"a count cannot be negative, and {show_number(value)} is; write 0 or more "
                "(a quantity that may be negative is declared 'type: number' in story.yaml)"
            )
            raise self.fail(message, at)
        if self.is_count and type(value) is not int and Fraction(value).denominator != 1:
            below, above = floor(value), ceil(value)
            instead = "whole numbers"
            if read_number(self.text) == value:  # the value is the number alone
                instead = f"{below} or {above}, or the range {below}-{above}"
            message = (
                f"a count must be a whole number, and {show_number(value)} is not; write "
                f"{instead} (a quantity that need not be whole is declared 'type: number' "
                "in story.yaml)"
            )
            raise self.fail(message, at)
        return value


def written_offset(text: str, folded_at: int) -> int:
    position = 0
    for word in re.finditer(r"\S+", text):
        if folded_at <= position + len(word.group()):
            return word.start() + folded_at - position
        position += len(word.group()) + 1
    return len(text)
