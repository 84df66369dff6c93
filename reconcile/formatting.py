"""Values as people read them: 17, 1.5, 2017-08-27, [540, 660], [41, ∞), 0.3%."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from reconcile.interval import Bound, Interval


def format_bound(value: Bound, *, is_date: bool = False) -> str:
    if is_date:
        return date.fromordinal(int(value)).isoformat()
    if isinstance(value, Fraction) and value.denominator != 1:
        return _decimal(value)
    whole = int(value)
    return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)


def _decimal(value: Fraction) -> str:
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    return text if Fraction(text) == value else f"≈{text}"


def format_interval(interval: Interval, *, is_date: bool = False) -> str:
    """``17`` for an exact value, else the interval in bracket notation."""
    if interval.is_exact:
        return format_bound(interval.low, is_date=is_date)  # type: ignore[arg-type]
    low = "-∞" if interval.low is None else format_bound(interval.low, is_date=is_date)
    high = "∞" if interval.high is None else format_bound(interval.high, is_date=is_date)
    left = "(" if interval.low is None or interval.low_open else "["
    right = ")" if interval.high is None or interval.high_open else "]"
    return f"{left}{low}, {high}{right}"


def format_percent(ratio: Fraction) -> str:
    percent = float(ratio) * 100
    return f"{percent:.1f}%" if percent >= 0.1 else f"{percent:.2g}%"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
