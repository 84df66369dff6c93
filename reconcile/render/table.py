"""The discrepancy table: one row per group, or per relation check, in any
tabulate format or CSV, for articles, wikis, step summaries and spreadsheets.

All values of a group stand in one ``values`` cell (``Example Wire: seventeen;
Hezbollah: 17``), origin by origin: one column per origin would leave a story
with twenty origins a table of mostly empty cells.

Every cell is escaped for its format (see ``table_escape``). ``unsafehtml`` and
``latex_raw`` exist to pass markup through, which text from claim files must
never be: they are rendered as ``html`` and ``latex``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Generic, NamedTuple, TypeVar

from tabulate import tabulate, tabulate_formats

from reconcile.formatting import format_bound, format_interval, format_percent, plural
from reconcile.interval import Bound
from reconcile.render.table_escape import escape_cell
from reconcile.render.text import acknowledgement_text
from reconcile.report import VERDICTS, GroupResult, RelationResult, Report

TABLE_FORMATS: tuple[str, ...] = tuple(sorted([*tabulate_formats, "csv"]))
RENDERED_AS = {"unsafehtml": "html", "latex_raw": "latex"}
# Written for spreadsheets: plain numbers, empty cells for nothing, no padding.
# tabulate's own tsv pads cells with spaces and drops trailing empty cells; ours
# is IANA text/tab-separated-values (visible() leaves no TAB or newline in a cell).
DATA_FORMATS = frozenset({"csv", "tsv"})
RELATION_STATUSES = ("holds", "violated", "unknown")
_LATEX_SYMBOLS = {
    "∞": r"\ensuremath{\infty}",
    "≈": r"\ensuremath{\approx}",
    "≠": r"\ensuremath{\neq}",
    "≥": r"\ensuremath{\geq}",  # a relation violated: "12 ≥ 10: off by 2"
    "≤": r"\ensuremath{\leq}",
}

Row = TypeVar("Row", GroupResult, RelationResult)


class TableOptionError(ValueError):
    """A format, verdict or column that the table does not know."""


@dataclass(frozen=True)
class Column(Generic[Row]):
    """``cell(row, plain)`` gives the text of one cell, or None where there is
    nothing to show; ``plain`` asks for numbers without thousands separators.
    A ``number`` column (numbers, dates, intervals) is aligned right, and a
    plain number in it is no formula to defuse."""

    name: str
    cell: Callable[[Row, bool], str | None]
    number: bool = False


def render_table(
    report: Report,
    fmt: str = "github",
    *,
    only: set[str] | None = None,
    columns: list[str] | None = None,
    relations: bool = False,
) -> str:
    """The groups of ``report`` (or its relation checks) as a table in ``fmt``,
    ending with a newline. Raises ``TableOptionError`` on an unknown format,
    verdict (status, with ``relations``) or column."""
    check_table_options(fmt, only=only, columns=columns, relations=relations)
    if relations:
        statuses = only or set(RELATION_STATUSES)
        chosen = [row for row in report.relations if row.status in statuses]
        return _render(
            chosen, _pick(RELATION_COLUMNS, columns or list(DEFAULT_RELATION_COLUMNS)), fmt
        )
    return groups_table(group_rows(report.groups, fmt, only=only, columns=columns), fmt, columns)


class GroupRow(NamedTuple):
    key: tuple[str, str, str]  # story, event, quantity: the report's order
    cells: list[str]


def group_rows(
    groups: Iterable[GroupResult],
    fmt: str = "github",
    *,
    only: set[str] | None = None,
    columns: list[str] | None = None,
) -> list[GroupRow]:
    """The rows of ``groups`` (of the verdicts ``only``) in the table in ``fmt``: made
    where the groups are (judged in parallel, in each worker), and put into a table
    by ``groups_table``. The options are as ``check_table_options`` takes them."""
    verdicts = only or set(VERDICTS)
    shown = _pick(GROUP_COLUMNS, columns or list(DEFAULT_COLUMNS))
    fmt = RENDERED_AS.get(fmt, fmt)
    return [
        GroupRow((group.story, group.event, group.quantity.name), _cells(group, shown, fmt))
        for group in groups
        if group.verdict in verdicts
    ]


def groups_table(rows: Iterable[GroupRow], fmt: str, columns: list[str] | None = None) -> str:
    """The table in ``fmt`` of the rows ``group_rows`` made, with the same ``columns``."""
    shown = _pick(GROUP_COLUMNS, columns or list(DEFAULT_COLUMNS))
    return _table([row.cells for row in rows], shown, RENDERED_AS.get(fmt, fmt))


def check_table_options(
    fmt: str,
    *,
    only: set[str] | None = None,
    columns: list[str] | None = None,
    relations: bool = False,
) -> None:
    """Raise ``TableOptionError`` naming the choices if an option is unknown."""
    word, words = ("status", RELATION_STATUSES) if relations else ("verdict", VERDICTS)
    _check_choices("format", [fmt], TABLE_FORMATS)
    _check_choices(word, sorted(only or ()), words)
    _check_choices("column", columns or [], list(RELATION_COLUMNS if relations else GROUP_COLUMNS))
    if only is not None and not only:
        raise TableOptionError(f"name at least one {word}")
    if columns is not None and not columns:
        raise TableOptionError("name at least one column")
    if fmt == "rst" and columns is not None and len(columns) == 1:
        raise TableOptionError(
            "reStructuredText reads a table of one column as a title and its text: name "
            "two columns or more, or choose another format"
        )


def _check_choices(kind: str, given: Iterable[str], choices: Sequence[str]) -> None:
    for name in given:
        if name not in choices:
            raise TableOptionError(f"unknown {kind} {name!r}; choose from: {', '.join(choices)}")


def _pick(available: Mapping[str, Column[Row]], names: list[str] | None) -> list[Column[Row]]:
    return [available[name] for name in names] if names else list(available.values())


def group_cells(group: GroupResult, fmt: str = "github") -> list[str]:
    """The cells of the group's row of the table in ``fmt`` (default columns)."""
    return _cells(group, _pick(GROUP_COLUMNS, list(DEFAULT_COLUMNS)), RENDERED_AS.get(fmt, fmt))


def relation_cells(row: RelationResult, fmt: str = "github") -> list[str]:
    """The cells of the relation check's row of the table in ``fmt``."""
    columns = _pick(RELATION_COLUMNS, list(DEFAULT_RELATION_COLUMNS))
    return _cells(row, columns, RENDERED_AS.get(fmt, fmt))


def headings(*, relations: bool = False) -> list[tuple[str, bool]]:
    """The name of each column ``group_cells`` (``relation_cells``) gives, and whether
    it holds numbers (aligned right)."""
    columns: Sequence[Column[GroupResult]] | Sequence[Column[RelationResult]]
    columns = (
        _pick(RELATION_COLUMNS, list(DEFAULT_RELATION_COLUMNS))
        if relations
        else _pick(GROUP_COLUMNS, list(DEFAULT_COLUMNS))
    )
    return [(column.name, column.number) for column in columns]


def _render(rows: Sequence[Row], columns: Sequence[Column[Row]], fmt: str) -> str:
    fmt = RENDERED_AS.get(fmt, fmt)
    return _table([_cells(row, columns, fmt) for row in rows], columns, fmt)


def _cells(row: Row, columns: Sequence[Column[Row]], fmt: str) -> list[str]:
    plain = fmt in DATA_FORMATS
    return [_cell(column, row, fmt, plain) for column in columns]


def _table(body: Sequence[list[str]], columns: Sequence[Column[Row]], fmt: str) -> str:
    headers = [column.name for column in columns]
    if fmt == "csv":
        return _csv(headers, body)
    if fmt == "tsv":
        return "".join("\t".join(cells) + "\n" for cells in [headers, *body])
    align = ["right" if column.number else "left" for column in columns]
    return _tabulated(headers, body, fmt, align)


def _tabulated(headers: list[str], body: Sequence[list[str]], fmt: str, align: list[str]) -> str:
    text = str(tabulate(body, headers, fmt, disable_numparse=True, colalign=align))
    return (_latex(text, align) if fmt.startswith("latex") else text) + "\n"


def _latex(text: str, align: list[str]) -> str:
    """tabulate's LaTeX, made to compile whatever the cells hold: symbols pdflatex
    cannot typeset from UTF-8 as math; ``{}`` before a row that starts with ``[`` or
    ``*`` (``\\\\`` and ``\\midrule`` would take ``[15, 18]`` for an optional
    argument); and the columns of a table with no rows, which tabulate leaves out."""
    for symbol, command in _LATEX_SYMBOLS.items():  # the only commands the cells hold
        text = text.replace(symbol, command)
    text = _ROW_START.sub(r"\1{}\2", text)
    columns = "".join("r" if side == "right" else "l" for side in align)
    return _NO_COLUMNS.sub(lambda match: f"{match.group(1)}{{{columns}}}", text, count=1)


_ROW_START = re.compile(r"((?:\\\\|\\midrule)\n *)([\[*])")  # booktabs' \midrule[width]
_NO_COLUMNS = re.compile(r"^(\\begin\{(?:tabular|longtable)\})\{\}", re.MULTILINE)


def _cell(column: Column[Row], row: Row, fmt: str, plain: bool) -> str:
    text = column.cell(row, plain)
    if text is None:
        return "" if plain else "—"
    return escape_cell(text, fmt, number=column.number)


def _csv(headers: list[str], body: Sequence[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(body)
    return buffer.getvalue()


# Group columns ----------------------------------------------------------------


def values_as_written(group: GroupResult) -> str:
    """Each origin, in the order of ``group.origins``, with the distinct values it
    gave as written: ``Example Wire: seventeen; Hezbollah: 17 / eighteen``."""
    by_origin: dict[str, list[str]] = {origin: [] for origin in group.origins}
    for claim in group.claims:
        values = by_origin.setdefault(claim.origin, [])
        if claim.value not in values:
            values.append(claim.value)
    return "; ".join(f"{origin}: {' / '.join(values)}" for origin, values in by_origin.items())


def plain_number(value: Bound) -> str:
    """A number as a spreadsheet reads it: ``12000``, ``0.125``, ``-3``."""
    if isinstance(value, Fraction) and value.denominator != 1:
        return format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    return str(int(value))


def _bound(group: GroupResult, value: Bound | None, plain: bool) -> str | None:
    if value is None:
        return None
    if group.quantity.type == "date" or not plain:
        return format_bound(value, is_date=group.quantity.type == "date")
    return plain_number(value)


def _best(group: GroupResult, plain: bool) -> str | None:
    return _bound(group, group.estimate.best, plain) if group.estimate else None


def _low(group: GroupResult, plain: bool) -> str | None:
    return _end(group, plain, high=False)


def _high(group: GroupResult, plain: bool) -> str | None:
    return _end(group, plain, high=True)


def _end(group: GroupResult, plain: bool, *, high: bool) -> str | None:
    """An end of the estimate. For readers, an open end is marked (``> 130``: 130 itself
    is out) and a missing one is infinite, not a dash (which means no estimate); CSV
    keeps plain numbers for spreadsheets, its ``estimate`` column the brackets."""
    if group.estimate is None:
        return None
    interval = group.estimate.interval
    value, is_open = (
        (interval.high, interval.high_open) if high else (interval.low, interval.low_open)
    )
    if plain:
        return _bound(group, value, plain)
    if value is None:
        return "∞" if high else "-∞"
    shown = _bound(group, value, plain)
    return f"{'<' if high else '>'} {shown}" if is_open else shown


def _estimate(group: GroupResult, plain: bool) -> str | None:
    estimate = group.estimate
    if estimate is None:
        return None
    is_date = group.quantity.type == "date"
    bound = plain_number if plain and not is_date else None  # 1234567, not 1,234,567
    return format_interval(estimate.interval, is_date=is_date, bound=bound)


def _gap(group: GroupResult, plain: bool) -> str | None:
    if group.gap is None:
        return None
    absolute = group.gap.absolute
    if group.quantity.type == "date" and not plain:
        return plural(int(absolute), "day")
    return plain_number(absolute) if plain else format_bound(absolute)


def _relative_gap(group: GroupResult, plain: bool) -> str | None:
    relative = group.gap.relative if group.gap else None
    return None if relative is None else format_percent(relative)


GROUP_COLUMNS: dict[str, Column[GroupResult]] = {
    column.name: column
    for column in (
        Column[GroupResult]("story", lambda group, _: group.story),
        Column[GroupResult]("event", lambda group, _: group.event),
        Column[GroupResult]("quantity", lambda group, _: group.quantity.name),
        Column[GroupResult]("unit", lambda group, _: group.quantity.unit),
        Column[GroupResult]("verdict", lambda group, _: group.verdict),
        Column[GroupResult]("origins", lambda group, _: str(len(group.origins)), number=True),
        Column[GroupResult]("values", lambda group, _: values_as_written(group)),
        Column[GroupResult]("best", _best, number=True),
        Column[GroupResult]("low", _low, number=True),
        Column[GroupResult]("high", _high, number=True),
        Column[GroupResult]("estimate", _estimate, number=True),
        Column[GroupResult]("gap", _gap, number=True),
        Column[GroupResult]("relative-gap", _relative_gap, number=True),
        Column[GroupResult]("explanation", lambda group, _: group.explanation),
        Column[GroupResult]("acknowledged", lambda group, _: _acknowledged(group)),
    )
}
DEFAULT_COLUMNS = (
    "story",
    "event",
    "quantity",
    "unit",
    "verdict",
    "values",
    "best",
    "estimate",
    "gap",
    "relative-gap",
)

RELATION_COLUMNS: dict[str, Column[RelationResult]] = {
    column.name: column
    for column in (
        Column[RelationResult]("story", lambda row, _: row.story),
        Column[RelationResult]("event", lambda row, _: row.event),
        Column[RelationResult]("relation", lambda row, _: row.relation),
        Column[RelationResult]("scope", lambda row, _: row.scope),
        Column[RelationResult]("report", lambda row, _: row.report),
        Column[RelationResult]("as_of", lambda row, _: row.as_of),
        Column[RelationResult]("status", lambda row, _: row.status),
        Column[RelationResult]("detail", lambda row, _: row.detail),
        Column[RelationResult]("acknowledged", lambda row, _: _acknowledged(row)),
    )
}
DEFAULT_RELATION_COLUMNS = tuple(name for name in RELATION_COLUMNS if name != "acknowledged")


def _acknowledged(row: GroupResult | RelationResult) -> str | None:
    """Who accepted the row's discrepancy, and why: a column to ask for (``--columns``),
    as most tables have no such row."""
    return None if row.acknowledged is None else acknowledgement_text(row.acknowledged)
