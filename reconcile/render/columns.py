"""Column widths that never break a word: the wrapping columns of a table give way,
widest first, down to their longest word; past that, the table does not fit.

rich's own squeeze, once the wrapping columns are even, cuts every column, the
ones that must not wrap included ("2017-09-…"); the report would rather show
its claims another way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

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


def fitted_rows(table: Table) -> RenderableType:
    """A table that ``fit_columns`` fitted, drawn as rich would draw it, but without
    rich's layout of cells, which renders each cell and its padding and then cuts and
    pads every line again: most of a long report's time. Any table not built as a
    report's claims are (no box, no edge, left-justified text) is left to rich."""
    if _plain_text_in_columns(table):
        return _FittedRows(table)
    return table


def _plain_text_in_columns(table: Table) -> bool:
    plain = table.box is None and not table.show_edge and not table.pad_edge
    plain = plain and table.padding == (0, 1, 0, 1) and not table.collapse_padding
    plain = plain and not (table.show_footer or table.row_styles or table.title or table.caption)
    plain = plain and not (table.expand or table.min_width or table.highlight)
    if not plain or any(row.style is not None for row in table.rows):
        return False
    for column in table.columns:
        if column.width is None or column.justify != "left" or column.vertical != "top":
            return False
        header = column.header
        if column.style or not isinstance(header, str) or cell_len(header) > column.width:
            return False  # a header is one line: rich sets it at the foot of its row
        if "[" in header or ":" in header:  # rich would read it as markup or an emoji
            return False
        for cell in column.cells:
            if not isinstance(cell, Text) or cell.justify:
                return False
            if "\n" in cell.plain or "\t" in cell.plain:
                return False
    return True


class _FittedRows:
    """Each row its cells side by side, two spaces apart, each padded to its column's
    width in the cell's style (a header's dim); a cell that does not fit wraps as rich
    wraps it, and the row is as tall as its tallest cell."""

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
            lines = [
                self._lines(console, columns[place], self.widths[place], text)
                for place, (_, text) in enumerate(row)
            ]
            for line_number in range(max(map(len, lines))):
                for place, (style, _) in enumerate(row):
                    if place:
                        yield Segment(" ", style)
                    if line_number < len(lines[place]):
                        yield from _segments(console, lines[place][line_number], style)
                    else:  # below a shorter cell: blank, in its style
                        yield Segment(" " * self.widths[place], style)
                    if place < last:
                        yield Segment(" ", style)
                yield Segment.line()

    @staticmethod
    def _lines(console: Console, column: Column, width: int, text: Text) -> list[Text]:
        overflow = text.overflow or column.overflow
        if cell_len(text.plain) <= width:  # the rule: no wrapping to work out
            text.truncate(width, overflow=overflow, pad=True)
            return [text]
        no_wrap = column.no_wrap if text.no_wrap is None else text.no_wrap
        return list(text.wrap(console, width, justify="left", overflow=overflow, no_wrap=no_wrap))


def _segments(console: Console, line: Text, style: Style) -> Iterable[Segment]:
    if line.spans:
        return Segment.apply_style(line.render(console), style)
    # rendered alone, a text with no spans leaves out its own style
    return [Segment(line.plain, style + console.get_style(line.style))]


def _copied(cell: RenderableType) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(str(cell))
