"""Column widths that never break a word: the wrapping columns of a table give way,
widest first, down to their longest word; past that, the table does not fit.

rich's own squeeze, once the wrapping columns are even, cuts every column, the
ones that must not wrap included ("2017-09-…"); the report would rather show
its claims another way.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
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
