"""Flat claim tables, JSON Lines and CSV, read one record at a time.

A table is streamed, never read whole. A broken line or row does not stop the
file: it comes out as an ``InputError`` among the records, and reading goes on.
Each record knows the line it starts on; the column of a field is found only
when asked for, in the text of the line, kept with the record (when the record
is one line).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache, partial
from typing import TYPE_CHECKING, TextIO

from reconcile.flat_record import REQUIRED_FIELDS, FlatFields, read_plain_line, story_of_line
from reconcile.names import close_names, did_you_mean, listing
from reconcile.problems import InputError
from reconcile.readers.json_values import (
    JSON_DECODER,
    DuplicateKeyError,
    JsonConstant,
    json_problem,
)
from reconcile.readers.text import (
    LONE_SURROGATE,
    Position,
    stream_decode_error,
    whole_characters,
)

# Where a field's value starts in a record's text: (lines below its first line, column).
Place = tuple[int, int]
ColumnFinder = Callable[[str, str], Place | None]

if TYPE_CHECKING:
    from _csv import Reader

_BOM = "\ufeff"
_FIELDS = frozenset(FlatFields._fields)
_REQUIRED = frozenset(REQUIRED_FIELDS)


@dataclasses.dataclass(slots=True)
class Record:
    """One claim of a flat table: its fields as written, and where they are."""

    fields: dict[str, object]
    line: int
    columns: dict[str, Place] = dataclasses.field(default_factory=dict)
    text: str = dataclasses.field(default="", repr=False, compare=False)
    find_column: ColumnFinder | None = dataclasses.field(default=None, repr=False, compare=False)
    # The record's fields as FlatRecord takes them, where the reader saw they are plainly
    # valid (``fields`` is then left empty: nothing else needs them).
    flat: FlatFields | None = dataclasses.field(default=None, repr=False, compare=False)
    # Fields a claim needs that the table's header has no column for: said once, at the
    # header, and not again for each record.
    not_in_header: frozenset[str] = dataclasses.field(
        default=frozenset(), repr=False, compare=False
    )

    def position(self, field: str | None = None) -> Position:
        """Where the record, or the value of one of its fields, starts."""
        if field is None:
            return self.line, 1
        place = self.columns.get(field)
        if place is None and self.find_column is not None:
            place = self.find_column(self.text, field)
            if place is not None:
                self.columns[field] = place
        if place is None:
            return self.line, 1
        below, column = place
        return self.line + below, column


def read_records(
    stream: TextIO | Iterable[str], *, suffix: str, skip: int = 0
) -> Iterator[Record | InputError]:
    """Records of a ``.jsonl`` or ``.csv`` table, with an ``InputError`` per broken one.

    Open files with ``open_text``: a byte that is not UTF-8 ends the table with an
    ``encoding`` error at its line. ``skip`` lines, already read, are passed over (and
    counted): of CSV, the header and the lines after it, each a row of one line.
    """
    kind = suffix.lower()
    if kind == ".jsonl":
        return _read_json_lines(stream, skip)
    if kind == ".csv":
        return _read_csv(stream, skip)
    raise ValueError(f"not a flat table suffix: {suffix!r}")


# JSON Lines --------------------------------------------------------------------


def plain_record(flat: FlatFields, number: int, line: str) -> Record:
    """The record of line ``number``, which ``read_plain_lines`` found plainly valid."""
    return Record({}, number, {}, line, _json_column, flat)


def plain_column(line: str, field: str) -> int:
    """Where the value of top-level key ``field`` starts in a line that
    ``read_plain_lines`` took (1 if not there), as ``Record.position`` says.

    Such a line has no backslash, so every ``"`` opens or closes a string: the
    usual spelling, the name quoted then ``: "``, is the key itself, given once."""
    usual = f'"{field}": "'
    at = line.find(usual)
    if at != -1:
        return at + len(usual)
    found = _key_pattern(field).search(line)
    return 1 if found is None else found.end() + 1


def _read_json_lines(lines: Iterable[str], skip: int = 0) -> Iterator[Record | InputError]:
    number = 0
    try:
        for line in lines:
            number += 1
            if number <= skip or line.isspace() or not line:
                continue
            record = _json_record(line, number)
            if isinstance(record, InputError):
                record.story = story_of_line(line)
            yield record
    except UnicodeDecodeError as error:
        yield stream_decode_error(error, number)


def _json_record(line: str, number: int) -> Record | InputError:
    flat = read_plain_line(line)
    if flat is not None:
        return Record({}, number, {}, line, _json_column, flat)
    plain = _plain_fields(line)
    if plain is not None:
        return Record(plain, number, {}, line, _json_column)
    try:
        fields = JSON_DECODER.decode(line)
    except json.JSONDecodeError as error:
        if number == 1 and line.startswith(_BOM):
            return _json_record(line[1:], number)
        column = min(error.pos, len(line.rstrip("\r\n"))) + 1
        problem = json_problem(error, one_line=True)
        message = f"this line is not valid JSON: {problem}; each line holds one JSON object"
        return InputError("json-syntax", message, number, column)
    except DuplicateKeyError as error:
        message = f"duplicate key {error.key!r} in one object"
        return InputError("duplicate-key", message, number, _second_key_column(line, error.key))
    except RecursionError:
        return InputError("deep-nesting", "the line is nested too deeply", number, 1)
    if type(fields) is not dict:
        message = "each line of a JSON Lines file must be a JSON object ({...})"
        return InputError("not-a-mapping", message, number, 1)
    record = Record(fields, number, {}, line, _json_column)
    if "\\u" in line:
        return _flatten(record)
    for value in fields.values():
        if value.__class__ is not str and value is not None:
            return _flatten(record)
    return record


def _plain_fields(line: str) -> dict[str, object] | None:
    """The fields of the usual line, read by the C scanner alone: one object of text,
    null and lists of text, without escapes. None for any other line, which
    ``JSON_DECODER`` then reads with every check.

    Without a backslash every ``"`` in the line opens or closes a string, so a key
    given twice shows as more quotes than the strings the object kept."""
    if "\\" in line or not line.startswith("{"):
        return None
    try:
        fields, end = _SCAN_PLAIN(line, 0)
    except (ValueError, StopIteration):
        return None
    if line[end:].strip(" \t\r\n") or type(fields) is not dict:
        return None
    values = list(fields.values())
    if set(map(type, values)) <= _TEXT_OR_NULL:  # the commonest case, checked in C
        strings = 2 * len(values) - values.count(None)
    else:
        strings = _strings_kept(fields)
    return fields if line.count('"') == 2 * strings else None


def _strings_kept(fields: dict[str, object]) -> int:
    """The keys and text values of an object of text, null and lists of text; -1
    where it holds anything else."""
    strings = len(fields)
    for value in fields.values():
        if value.__class__ is str:
            strings += 1
        elif value.__class__ is list and all(item.__class__ is str for item in value):
            strings += len(value)
        elif value is not None:
            return -1
    return strings


_SCAN_PLAIN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_TEXT_OR_NULL = frozenset((str, type(None)))


def _flatten(record: Record) -> Record | InputError:
    """Booleans as written, in lists too; anything not flat text refused."""
    fields = record.fields
    for name, value in fields.items():
        value = fields[name] = _as_written(value)
        problem = _flat_problem(name, value)
        if problem is not None:
            return InputError(*problem, *record.position(name))
    return record


def _as_written(value: object) -> object:
    if isinstance(value, list):
        return [_as_written(item) for item in value]
    if value is True or value is False:
        return "true" if value else "false"
    return value


def _flat_problem(name: str, value: object) -> tuple[str, str] | None:
    """The code and message of what makes a field's value unfit, if anything."""
    items = value if isinstance(value, list) else [] if value is None else [value]
    for item in items:
        if isinstance(item, JsonConstant):
            return "json-constant", item.problem()
        if type(item) is not str:
            return "nested-value", _nested(name, value)
        if whole_characters(item) is None:
            return "invalid-text", LONE_SURROGATE
    if whole_characters(name) is None:
        return "invalid-text", LONE_SURROGATE
    return None


def _nested(name: str, value: object) -> str:
    shape = (
        "a list with null, a list or an object in it" if isinstance(value, list) else "an object"
    )
    return (
        f"field {name!r} holds {shape}; a flat table takes text, a number, true/false or "
        "null, or a list of text, numbers and true/false"
    )


def _json_column(line: str, field: str) -> Place | None:
    """Where the value of top-level key ``field`` starts in one JSON line."""
    found = _key_pattern(field).search(line)
    return None if found is None else (0, found.end() + 1)


@lru_cache(maxsize=256)
def _key_pattern(key: str) -> re.Pattern[str]:
    """The key, quoted as JSON writes it, then its colon."""
    return re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + "[ \t]*:[ \t]*")


def _second_key_column(line: str, key: str) -> int:
    needle = json.dumps(key, ensure_ascii=False)
    first = line.find(needle)
    second = line.find(needle, first + len(needle)) if first != -1 else -1
    return second + 1 if second != -1 else 1


# CSV ---------------------------------------------------------------------------


class _RowLines:
    """Lines handed to the csv reader, remembering the lines of the row being read (a
    quoted cell may hold line breaks)."""

    __slots__ = ("lines", "row", "skipped")

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = iter(lines)
        self.row: list[str] = []
        self.skipped = 0  # lines passed over, which the csv reader did not count

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.row.append(line)
        return line

    def new_row(self) -> None:
        self.row = []

    def skip(self, count: int) -> None:
        for _ in zip(range(count), self.lines, strict=False):
            self.skipped += 1


def _read_csv(lines: Iterable[str], skip: int = 0) -> Iterator[Record | InputError]:
    seen = _RowLines(lines)
    reader = csv.reader(seen, strict=True)
    names: list[str | None] = []  # None: an unknown column, not read
    for start, cells in _rows(reader, seen):
        if isinstance(cells, InputError):
            yield cells
            if not names:
                return
        elif not names:
            raw = "".join(seen.row)
            header = _header(cells, start, raw)
            if isinstance(header, InputError):
                yield header
                return
            yield from _header_problems(header, start, raw)
            names = [name if name in _FIELDS else None for name in header]
            not_in_header = _REQUIRED.difference(header)
            finder = partial(_cell_column, {name: i for i, name in enumerate(names) if name})
            seen.skip(skip - reader.line_num)  # rows read already: each on a line of its own
        else:
            yield _csv_record(cells, names, start, "".join(seen.row), finder, not_in_header)


def plain_csv_record(names: list[str], line: int, text: str) -> Record:
    """The record of a CSV row that is one line, ``text``, of no more cells than
    ``names``."""
    cells = next(csv.reader([text], strict=True))
    finder = partial(_cell_column, {name: i for i, name in enumerate(names)})
    record = _csv_record(cells, names, line, text, finder)
    assert isinstance(record, Record)
    return record


def plain_csv_column(index_of: dict[str, int], text: str, field: str) -> int:
    """Where the cell of ``field`` starts in a CSV row that is one line (1 if the
    header does not name it), as ``Record.position`` says."""
    index = index_of.get(field)
    return 1 if index is None else _cell_start(text, index)[1]


def _rows(reader: Reader, seen: _RowLines) -> Iterator[tuple[int, list[str] | InputError]]:
    """Non-blank rows with the line each starts on; csv and decoding errors as data."""
    while True:
        start = reader.line_num + seen.skipped + 1
        seen.new_row()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as error:
            yield start, stream_decode_error(error, reader.line_num + seen.skipped)
            return
        except csv.Error as error:
            yield start, _csv_syntax(error, start, "".join(seen.row))
            if reader.line_num + seen.skipped < start:
                return
            continue
        if any(cell.strip() for cell in cells):  # a row of empty cells is a blank line
            yield start, cells


def _csv_syntax(error: csv.Error, line: int, raw: str) -> InputError:
    problem = str(error)
    if problem == "unexpected end of data":
        problem = "a quoted cell is never closed: the file ends inside it"
    at = _fault(raw)
    if at is None:
        return InputError("csv-syntax", f"this row is not valid CSV: {problem}", line, 1)
    lines_before = raw.count("\n", 0, at)
    column = at - (raw.rfind("\n", 0, at) + 1) + 1
    return InputError(
        "csv-syntax", f"this row is not valid CSV: {problem}", line + lines_before, column
    )


def _fault(raw: str) -> int | None:
    """Where a row of CSV goes wrong, as the csv module reads it strictly: the character
    after a quoted cell's closing quote that is no separator, or the opening quote of a
    cell never closed; None where neither is found."""
    at, size = 0, len(raw)
    line_end = _line_end(raw, 0)  # of the line the cell begins on
    while at <= size:
        if raw.startswith('"', at):  # a quoted cell: to its closing quote
            opening, at = at, at + 1
            while True:
                at = raw.find('"', at)
                if at < 0:
                    return opening
                if raw.startswith('""', at):
                    at += 2
                    continue
                at += 1
                break
            if at < size and raw[at] not in ",\r\n":
                return at
            if at > line_end:  # the cell held a line break: its row goes on below
                line_end = _line_end(raw, at)
        else:
            comma = raw.find(",", at, line_end)
            at = line_end if comma < 0 else comma
            if at == line_end:
                return None  # the row ended well
        at += 1
    return None


def _line_end(raw: str, at: int) -> int:
    end = raw.find("\n", at)
    return len(raw) if end < 0 else end


def _header(cells: list[str], line: int, raw: str) -> list[str] | InputError:
    names = [cell.strip() for cell in cells]
    names[0] = names[0].lstrip(_BOM).strip()
    while len(names) > 1 and not names[-1]:  # a spreadsheet's empty columns at the end
        names.pop()
    other = next((mark for mark in ";\t|" if len(names) == 1 and mark in names[0]), None)
    if other is not None:  # saved with another separator: every row would be wrong
        shown = names[0] if len(names[0]) <= 40 else names[0][:39] + "…"
        message = (
            f"the header is one column, {shown!r}, with {other!r} between its names; "
            "reconcile reads CSV with a comma between cells: save the table as "
            "comma-separated values"
        )
        return InputError("csv-header", message, line, 1)
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        below, column = _cell_start(raw, index)
        if not name:
            message = f"column {index + 1} of the header has no name"
            return InputError("csv-header", message, line + below, column)
        if name in seen:
            message = f"the header names {name!r} twice (columns {seen[name] + 1} and {index + 1})"
            return InputError("csv-header", message, line + below, column)
        seen[name] = index
    return names


def _header_problems(names: list[str], line: int, raw: str) -> Iterator[InputError]:
    """An error at each column of the header that is no field, and one for the fields
    a claim needs that it has no column for: a mistake of the header is said once,
    not at every row."""
    missing = [field for field in REQUIRED_FIELDS if field not in names]
    for index, name in enumerate(names):
        if name not in _FIELDS:
            below, column = _cell_start(raw, index)
            meant = close_names(name.strip().lower(), missing, closeness=0.8)
            if meant:  # 'Story': the needed column, misspelled, said at its cell alone
                missing.remove(meant[0])
                message = (
                    f"column {name!r} is not {meant[0]!r}, which every claim needs: name it "
                    f"{meant[0]!r}; until then no row of this table is read as a claim"
                )
            else:
                message = _unknown_column(name)
            yield InputError("csv-header", message, line + below, column)
    if missing:
        message = (
            f"the header has no column {listing(missing)}, which every claim needs: no row "
            "of this table is read as a claim (the rows' other mistakes are still listed)"
        )
        yield InputError("csv-header", message, line, 1)


def _unknown_column(name: str) -> str:
    hint = did_you_mean(name.lower(), _FIELDS)  # 'Story', 'Quote': a spreadsheet's capitals
    return f"unknown column {name!r}{hint}; accepted: {listing(_FIELDS)}; its cells are not read"


def _csv_record(
    cells: list[str],
    names: Sequence[str | None],
    line: int,
    raw: str,
    finder: ColumnFinder,
    not_in_header: frozenset[str] = frozenset(),
) -> Record | InputError:
    if len(cells) > len(names) and any(cell.strip() for cell in cells[len(names) :]):
        message = (
            f"this row has {len(cells)} cells but the header names {len(names)} columns; "
            "quote cells that contain commas"
        )
        first = next(i for i in range(len(names), len(cells)) if cells[i].strip())
        below, column = _cell_start(raw, first)
        return InputError("csv-extra-cells", message, line + below, column)
    fields: dict[str, object] = {
        name: cell or None for name, cell in zip(names, cells, strict=False) if name is not None
    }
    return Record(fields, line, {}, raw, finder if raw else None, not_in_header=not_in_header)


def _cell_column(index_of: dict[str, int], raw: str, field: str) -> Place | None:
    index = index_of.get(field)
    return None if index is None else _cell_start(raw, index)


def _cell_start(raw: str, index: int) -> Place:
    """Where cell ``index`` of the CSV row ``raw`` starts (its lines: a quoted cell may
    hold line breaks): lines below its first, and the 1-based column; else (0, 1)."""
    if '"' not in raw:  # the usual row: one line, its cells split at every comma (in C)
        cells = raw.split(",", index)
        return (0, len(raw) - len(cells[index]) + 1) if len(cells) > index else (0, 1)
    if "\n" not in raw and "\r" not in raw:
        return 0, _quoted_cell_column(raw, index)
    quoted = False
    cell = below = column = 0
    for at, char in enumerate(raw):
        column += 1
        if cell == index:
            return below, column
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            cell += 1
        elif char == "\n" or (char == "\r" and raw[at + 1 : at + 2] != "\n"):  # as lines are
            below, column = below + 1, 0
    return (below, column + 1) if cell == index else (0, 1)


def _quoted_cell_column(raw: str, index: int) -> int:
    """``_cell_start`` in a row of one line that holds quotes: split at them, the even
    parts lie outside quotes (a doubled quote inside leaves an empty part between)."""
    column, cell = 1, 0
    for number, part in enumerate(raw.split('"')):
        if not number % 2:
            commas = part.count(",")
            if cell + commas >= index:
                at = -1
                for _ in range(index - cell):
                    at = part.index(",", at + 1)
                return column + at + 1
            cell += commas
        column += len(part) + 1
    return 1
