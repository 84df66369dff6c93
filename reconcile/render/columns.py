"""Column widths that never break a word: the wrapping columns of a table give way,
widest first, down to their longest word; past that, the table does not fit.

rich's own squeeze, once the wrapping columns are even, cuts every column, the
ones that must not wrap included ("2017-09-…"); the report would rather show
its claims another way.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Column, Table
from rich.text import Text

COLUMN_GAP = 2  # padding (0, 1) puts two spaces between columns


def fit_columns(table: Table, width: int) -> bool:
    """Set the columns' widths so that ``table`` fits ``width`` with every word
    whole; False, leaving it as it was, where it cannot."""
    columns = table.columns
    widths = [_longest(column, str.splitlines) for column in columns]
    least = [
        width if column.no_wrap else _longest(column, str.split)
        for width, column in zip(widths, columns, strict=True)
    ]
    excess = sum(widths) + COLUMN_GAP * (len(columns) - 1) - width
    for _ in range(max(excess, 0)):
        shrinkable = [i for i, width in enumerate(widths) if width > least[i]]
        if not shrinkable:
            return False
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    for column, column_width in zip(columns, widths, strict=True):
        column.width = column_width
    return True


def _longest(column: Column, pieces: Callable[[str], list[str]]) -> int:
    texts = [column.header, *column.cells]
    plain = [text.plain if isinstance(text, Text) else str(text) for text in texts]
    return max((cell_len(piece) for text in plain for piece in pieces(text)), default=0)


def one_line_rows(table: Table) -> RenderableType:
    """A table that ``fit_columns`` fitted, drawn as rich would draw it; where every cell
    is one line within its column (a report's claims, as a rule), without rich's
    layout, which pads, wraps and cuts each cell and its padding in turn: ten times the
    work, a third of a long report's time."""
    if _one_line_each(table):
        return _OneLineRows(table)
    return table


def _one_line_each(table: Table) -> bool:
    plain = table.box is None and not table.show_edge and not table.pad_edge
    plain = plain and table.padding == (0, 1, 0, 1) and not table.collapse_padding
    plain = plain and not (table.show_footer or table.row_styles or table.title or table.caption)
    if not plain or any(row.style is not None for row in table.rows):
        return False
    for column in table.columns:
        if column.width is None or column.justify != "left" or column.style:
            return False
        for cell in (column.header, *column.cells):
            if not isinstance(cell, str | Text):
                return False
            text = cell.plain if isinstance(cell, Text) else cell
            if "\n" in text or "\t" in text or cell_len(text) > column.width:
                return False
    return True


class _OneLineRows:
    """Each row a line: its cells, each padded to its column's width, two spaces apart,
    the padding in the cell's style (a header's dim)."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.widths = [column.width or 0 for column in table.columns]
        self.width = sum(self.widths) + COLUMN_GAP * (len(self.widths) - 1)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width).with_maximum(options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = self.table
        if self.width > options.max_width:  # narrower than it was fitted to: rich squeezes it
            yield table
            return
        columns, get_style = table.columns, console.get_style
        rows: list[list[tuple[Style, Text]]] = []
        if table.show_header:
            header_style = get_style(table.header_style or "")
            rows.append(
                [(header_style + get_style(c.header_style), _copied(c.header)) for c in columns]
            )
        cells = zip(*(column.cells for column in columns), strict=True)
        rows.extend([(Style.null(), _copied(cell)) for cell in row] for row in cells)
        last = len(columns) - 1
        for row in rows:
            for place, (style, line) in enumerate(row):
                line.truncate(self.widths[place], overflow=columns[place].overflow, pad=True)
                if place:
                    yield Segment(" ", style)
                if line.spans:
                    yield from Segment.apply_style(line.render(console), style)
                else:  # rendered alone, a text with no spans leaves out its own style
                    yield Segment(line.plain, style + get_style(line.style))
                if place < last:
                    yield Segment(" ", style)
            yield Segment.line()


def _copied(cell: RenderableType) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(str(cell))
