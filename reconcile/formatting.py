"""Values as people read them: 17, 1.5, 2017-08-27, [540, 660], [41, ∞), 0.3%."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from reconcile.interval import Bound, Interval

MOST_DECIMALS = 12  # beyond this a decimal is shown rounded, marked ≈


def format_bound(value: Bound, *, is_date: bool = False) -> str:
    if is_date:
        return date.fromordinal(int(value)).isoformat()
    if isinstance(value, Fraction) and value.denominator != 1:
        return _decimal(value)
    return _grouped(int(value))


def _grouped(whole: int) -> str:
    return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)


def _decimal(value: Fraction) -> str:
    """Exactly, where the value has a short decimal form (values as written do);
    else to six significant digits, marked ≈. Never in exponent form."""
    needed = _decimal_places(value.denominator)
    exact = needed is not None and needed <= MOST_DECIMALS
    shown = value if exact else Fraction(Decimal(value.numerator) / Decimal(value.denominator))
    places = needed if needed is not None and exact else max(0, 6 - _digits_before_point(shown))
    scaled = round(abs(shown) * 10**places)
    whole, fraction = divmod(scaled, 10**places)
    digits = f"{fraction:0{places}d}".rstrip("0") if places else ""
    sign = "-" if value < 0 else ""
    text = sign + _grouped(whole) + (f".{digits}" if digits else "")
    return text if exact else f"≈{text}"


def _decimal_places(denominator: int) -> int | None:
    """How many decimal places a fraction with this denominator needs; None: endless."""
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    return max(twos, fives) if denominator == 1 else None


def _digits_before_point(value: Fraction) -> int:
    whole = abs(int(value))
    if whole:
        return len(str(whole))
    # 0.000123: count the zeros after the point as negative digits, so that six
    # significant digits are kept however small the value.
    return -len(str(int(1 / abs(value)))) + 1 if value else 1


def format_interval(
    interval: Interval, *, is_date: bool = False, bound: Callable[[Bound], str] | None = None
) -> str:
    """``17`` for an exact value, else the interval in bracket notation; ``bound``
    writes each end where ``format_bound`` is not wanted (plain numbers for CSV)."""
    show = bound or (lambda value: format_bound(value, is_date=is_date))
    if interval.is_exact:
        return show(interval.low)  # type: ignore[arg-type]
    return bracketed(interval, show)


def bracketed(interval: Interval, show: Callable[[Bound], str]) -> str:
    """The interval in bracket notation, each end as ``show`` writes it: ``[540, 660]``,
    ``(47, ∞)``; an open or unbounded end takes a round bracket."""
    low = "-∞" if interval.low is None else show(interval.low)
    high = "∞" if interval.high is None else show(interval.high)
    left = "(" if interval.low is None or interval.low_open else "["
    right = ")" if interval.high is None or interval.high_open else "]"
    return f"{left}{low}, {high}{right}"


def format_percent(ratio: Fraction) -> str:
    """``7.7%``, ``0.05%``; a gap too small to show is ``<0.01%``, never ``1e-05%``."""
    percent = ratio * 100
    if percent >= Fraction(1, 10):
        return f"{float(percent):.1f}%"
    if percent >= Fraction(1, 100):
        return f"{float(percent):.2f}%"
    return "0%" if percent == 0 else "<0.01%"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
