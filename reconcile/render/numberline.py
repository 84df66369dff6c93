"""A number line: every claim of a group drawn as a bar on one shared axis.

    Example Wire     ━━━━━━━━━━━━━━━━━━━━━●━━━━━━━━━━━━━━━━━━━━━━━━━━━
    Hezbollah                             ●
    Example Courier  ○
    estimate                              ◆
                     ─┬───────────────────┬───────────────────────┬─
                      12                  17                      19

Exact values are points, intervals bars, unbounded ends arrows at the edge of
the axis. Where the claims of a fixed quantity conflict, the claims outside the
largest cluster are drawn hollow (``○``, ``┄``) as well as in another colour, so
that the picture reads without colour too; over time (running totals, levels on
a date), the two claims that contradict are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from reconcile.claims import Claim
from reconcile.formatting import format_bound
from reconcile.interval import Bound, Interval
from reconcile.render.safe import visible
from reconcile.report import GroupResult

MIN_WIDTH = 30  # narrower than this, the number line is left out
MARGIN = 2  # columns kept free at each end of the axis, for arrows
GAP = "  "


@dataclass(frozen=True, slots=True)
class Glyphs:
    point: str
    bar: str
    left: str  # an unbounded low end
    right: str  # an unbounded high end
    style: str


INSIDE = Glyphs("●", "━", "◀", "▶", "cyan")
OUTSIDE = Glyphs("○", "┄", "◁", "▷", "red")
ESTIMATE = Glyphs("◆", "═", "◀", "▶", "bold")


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    interval: Interval
    glyphs: Glyphs
    mark: Bound | None = None  # a point drawn on the bar: the best estimate


class Scale:
    """Maps values to columns: the bounded ends of all rows span the axis, less a margin."""

    def __init__(self, low: Bound, high: Bound, columns: int) -> None:
        self.low, self.high, self.columns = low, high, columns

    @classmethod
    def fit(cls, rows: Sequence[Row], columns: int) -> Scale | None:
        ends = [end for row in rows for end in _finite_ends(row)]
        return cls(min(ends), max(ends), columns) if ends else None

    def column(self, value: Bound) -> int:
        if self.high == self.low:
            return self.columns // 2
        span = self.columns - 1 - 2 * MARGIN
        return MARGIN + round(Fraction(value - self.low) * span / (self.high - self.low))


def _finite_ends(row: Row) -> list[Bound]:
    ends = [row.interval.low, row.interval.high, row.mark]
    return [end for end in ends if end is not None]


class NumberLine:
    """The claims of one group on one axis, with the estimate; nothing for a group
    of one claim (the table says it all) or where the width is too small."""

    def __init__(self, group: GroupResult) -> None:
        self.group = group
        self.is_date = group.quantity.type == "date"

    def shows(self, width: int) -> bool:
        """Whether anything is drawn at this width."""
        return width >= MIN_WIDTH and len(self.group.claims) >= 2

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if not self.shows(width):
            return
        rows = self.rows()
        # a date keeps its start (day, hour), a name its two ends
        cut = _middle_cut if self.group.quantity.over_time == "fixed" else _end_cut
        labels = distinct_labels([row.label for row in rows], width // 3, cut)
        label_width = max(cell_len(label) for label in labels)
        scale = Scale.fit(rows, width - label_width - len(GAP))
        if scale is None:
            return
        indent = " " * (label_width + len(GAP))
        for row, shown in zip(rows, labels, strict=True):
            label = Text(shown, style="dim" if row.glyphs is ESTIMATE else "")
            label.truncate(label_width, overflow="ellipsis", pad=True)
            yield Text.assemble(label, GAP, _bar(row, scale))
        labelled = self._labelled_ticks(scale)
        yield Text.assemble(indent, _axis(scale, labelled))
        yield Text.assemble(indent, _labels(scale, labelled))
        if any(row.glyphs is OUTSIDE for row in rows):
            fixed = self.group.quantity.over_time == "fixed"
            yield _legend(fixed, clustered=self.group.estimate is not None or not fixed)

    def rows(self) -> list[Row]:
        outside = self._outliers()
        rows = [
            Row(self._label(claim), claim.interval, OUTSIDE if claim in outside else INSIDE)
            for claim in self.group.claims  # in date order (groups.claim_order)
        ]
        estimate = self.group.estimate
        if estimate is not None:
            rows.append(Row("estimate", estimate.interval, ESTIMATE, estimate.best))
        return rows

    def _label(self, claim: Claim) -> str:
        if self.group.quantity.over_time == "fixed":
            return visible(claim.origin)
        return visible(claim.date.text) if claim.date is not None else "undated"

    def _outliers(self) -> set[Claim]:
        """For a fixed quantity, the claims outside the largest cluster (those not
        holding its common part); over time, the two claims that contradict."""
        group = self.group
        if group.verdict != "conflict":
            return set()
        if group.quantity.over_time != "fixed":
            return {group.gap.lower, group.gap.upper} if group.gap else set()
        if group.estimate is None:  # no cluster is the largest: none is drawn as one
            return set(group.claims)
        common = group.estimate.interval
        return {claim for claim in group.claims if not claim.interval.covers(common)}

    def _ticks(self, scale: Scale) -> dict[int, Bound]:
        """Where the axis is labelled: its two ends and the best estimate."""
        ticks = {scale.column(scale.low): scale.low, scale.column(scale.high): scale.high}
        best = self.group.estimate.best if self.group.estimate else None
        if best is not None:
            ticks.setdefault(scale.column(best), best)
        return ticks

    def _labelled_ticks(self, scale: Scale) -> dict[int, tuple[str, int]]:
        """The ticks that get a label, with the label and where it starts: the ends first,
        then the estimate where its label touches none of theirs. A tick without its
        label is not drawn: it would sit under another's, at a value it is not."""
        placed: dict[int, tuple[str, int]] = {}
        for column, value in sorted(self._ticks(scale).items(), key=_outer_first(scale)):
            text = format_bound(value, is_date=self.is_date)
            start = _label_start(column, len(text), scale)
            stop = start + len(text)
            if start < 0 or stop > scale.columns:  # longer than the line: it would wrap
                continue
            if not any(  # touching a label already placed (no space between them)
                start <= begin + len(label) and begin <= stop for label, begin in placed.values()
            ):
                placed[column] = (text, start)
        return placed


def distinct_labels(
    labels: Sequence[str], width: int, cut: Callable[[str, int], str] | None = None
) -> list[str]:
    """The rows' labels in ``width``: a long one cut, by default in its middle (names
    that begin alike keep their different ends), and a label two rows would share
    numbered, so that each row can be told from the others (one origin gives two
    figures)."""
    cut = cut or _middle_cut
    shown = [cut(label, width) for label in labels]
    repeated = {label for label, count in Counter(shown).items() if count > 1}
    numbers: Counter[str] = Counter()
    for index, label in enumerate(shown):
        if label in repeated:
            numbers[label] += 1
            suffix = f" ({numbers[label]})"
            shown[index] = cut(labels[index], width - len(suffix)) + suffix
    return shown


def _middle_cut(label: str, width: int) -> str:
    if cell_len(label) <= width or width < 3:
        return label
    tail = (width - 1) // 2
    return label[: width - 1 - tail] + "…" + (label[-tail:] if tail else "")


def _end_cut(label: str, width: int) -> str:
    """A date that does not fit, written short (``2020-05-01T10:00:00+02:00`` as
    ``2020-05-01T10:00+02``, or in UTC, ``2020-05-01T08:00Z``, as moments are ordered),
    else cut at its end, which keeps the day and the hour."""
    if cell_len(label) <= width or width < 2:
        return label
    for shorter in (_WHOLE_MINUTE.sub("", _WHOLE_HOUR_OFFSET.sub(r"\1", label)), _in_utc(label)):
        if shorter is not None and len(shorter) <= width:
            return shorter
    return label[: width - 1] + "…"


def _in_utc(label: str) -> str | None:
    """A moment written with an offset, in UTC; None for any other label."""
    try:
        moment = datetime.fromisoformat(label)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="minutes" if not utc.second else "seconds") + "Z"


_WHOLE_HOUR_OFFSET = re.compile(r"([+-][0-9]{2}):?00$")
_WHOLE_MINUTE = re.compile(r"(?<=T[0-9]{2}:[0-9]{2}):00(?:\.0+)?(?=[Z+-]|$)")


def _outer_first(scale: Scale) -> Callable[[tuple[int, Bound]], tuple[bool, int]]:
    """Axis ends before the ticks between them, so that the ends are always labelled."""
    ends = {scale.column(scale.low), scale.column(scale.high)}
    return lambda item: (item[0] not in ends, item[0])


def _label_start(column: int, length: int, scale: Scale) -> int:
    """Left end labels start at their tick, right end labels end at it, others centre."""
    if scale.high != scale.low and column == scale.column(scale.low):
        start = column
    elif scale.high != scale.low and column == scale.column(scale.high):
        start = column - length + 1
    else:
        start = column - length // 2
    return max(0, min(start, scale.columns - length))


def _bar(row: Row, scale: Scale) -> Text:
    cells = [" "] * scale.columns
    interval, glyphs = row.interval, row.glyphs
    first = 0 if interval.low is None else scale.column(interval.low)
    last = scale.columns - 1 if interval.high is None else scale.column(interval.high)
    cells[first : last + 1] = glyphs.bar * (last - first + 1)
    if interval.is_exact:
        cells[first] = glyphs.point
    if row.mark is not None:
        cells[scale.column(row.mark)] = glyphs.point
    if interval.low is None:
        cells[0] = glyphs.left
    if interval.high is None:
        cells[-1] = glyphs.right
    return Text("".join(cells).rstrip(), style=glyphs.style)


def _axis(scale: Scale, ticks: Iterable[int]) -> Text:
    cells = ["─"] * scale.columns
    for column in ticks:
        cells[column] = "┬"
    return Text("".join(cells), style="dim")


def _labels(scale: Scale, labelled: dict[int, tuple[str, int]]) -> Text:
    cells = [" "] * scale.columns
    for text, start in labelled.values():
        cells[start : start + len(text)] = text
    return Text("".join(cells).rstrip(), style="dim")


def _legend(fixed: bool, *, clustered: bool = True) -> Text:
    inside, outside = ("largest cluster", "outside it") if fixed else ("", "the contradiction")
    if not clustered:
        inside, outside = "", "no cluster of claims is the largest"
    legend = Text(f"{OUTSIDE.point} {OUTSIDE.bar} {outside}", style=OUTSIDE.style)
    if inside:
        legend = Text.assemble(
            (f"{INSIDE.point} {INSIDE.bar} {inside}", INSIDE.style), "  ", legend
        )
    return legend
