"""The fast path for the records of a flat table: plain checks, no pydantic.

A table may hold a million records, nearly all of them valid; validating each with
the ``FlatRecord`` model costs more than everything else done with it. Here a record
whose fields are plainly what the model accepts (known names, text where text is
due, a story id of the right form, cites as text or a list of text) becomes a
``FlatFields`` at once. Any other record gets ``None``, and the loader asks the
model, which says exactly what is wrong and where.

The checks mirror ``reconcile.models.FlatRecord`` as ``MIRRORED_SCHEMA`` records
it. Should that model change, tests/test_flat_record.py fails until this module is
brought in line; nothing here imports pydantic, so reading a plain table never does.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import count, repeat
from operator import itemgetter
from typing import Annotated, Any, NamedTuple, Protocol, TypeGuard

import msgspec

from reconcile.names import fold, split_cites


class SourceFields(Protocol):
    """What a claim takes from its report's source: a ``Source``, a flat record."""

    @property
    def outlet(self) -> str: ...
    @property
    def url(self) -> str | None: ...
    @property
    def published(self) -> str | None: ...
    @property
    def cites(self) -> list[str]: ...


class ClaimFields(Protocol):
    """A claim's own fields: a ``ClaimEntry``, a flat record."""

    @property
    def event(self) -> str: ...
    @property
    def quantity(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def attributed_to(self) -> str | None: ...
    @property
    def as_of(self) -> str | None: ...
    @property
    def quote(self) -> str | None: ...
    @property
    def id(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...


class FlatFields(NamedTuple):
    """A valid flat record, shaped like ``FlatRecord`` (and a report's ``Source``)."""

    story: str
    event: str
    quantity: str
    value: str
    outlet: str
    attributed_to: str | None
    as_of: str | None
    quote: str | None
    id: str | None
    note: str | None
    url: str | None
    title: str | None
    published: str | None
    cites: list[str]
    unit: str | None


_STORY_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_NAME = re.compile(r"[a-z][a-z0-9_.]*")
# FlatRecord's JSON Schema when these checks were written (sorted keys, compact).
MIRRORED_SCHEMA = (
    '{"additionalProperties":false,"properties":{"as_of":{"anyOf":[{"type":"string"},'
    '{"type":"null"}],"default":null,"title":"As Of"},"attributed_to":{"anyOf":[{"type":'
    '"string"},{"type":"null"}],"default":null,"title":"Attributed To"},"cites":{"anyOf":'
    '[{"items":{"minLength":1,"type":"string"},"type":"array"},{"minLength":1,"type":'
    '"string"}],"title":"Cites"},"event":{"minLength":1,"title":"Event","type":"string"},'
    '"id":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Id"},'
    '"note":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Note"},'
    '"outlet":{"minLength":1,"title":"Outlet","type":"string"},"published":{"anyOf":'
    '[{"type":"string"},{"type":"null"}],"default":null,"title":"Published"},"quantity":'
    '{"minLength":1,"title":"Quantity","type":"string"},"quote":{"anyOf":[{"type":'
    '"string"},{"type":"null"}],"default":null,"title":"Quote"},"story":{"pattern":'
    '"^[a-z0-9][a-z0-9-]*$","title":"Story","type":"string"},"title":{"anyOf":[{"type":'
    '"string"},{"type":"null"}],"default":null,"title":"Title"},"unit":{"anyOf":[{"type":'
    '"string"},{"type":"null"}],"default":null,"title":"Unit"},"url":{"anyOf":[{"type":'
    '"string"},{"type":"null"}],"default":null,"title":"Url"},"value":{"minLength":1,'
    '"title":"Value","type":"string"}},"required":["event","quantity","value","story",'
    '"outlet"],"title":"FlatRecord","type":"object"}'
)


_NAMES = frozenset(FlatFields._fields)
# The fields FlatRecord requires, first in FlatFields (as MIRRORED_SCHEMA lists them).
REQUIRED_FIELDS = FlatFields._fields[:5]
_REQUIRED = frozenset(REQUIRED_FIELDS)
_TEXT_FIELDS = tuple(name for name in FlatFields._fields if name != "cites")
_TEXT_OR_NULL = frozenset((str, type(None)))
_CITES = FlatFields._fields.index("cites")


def quick_flat_record(fields: dict[str, object]) -> FlatFields | None:
    """The record's fields where ``FlatRecord`` plainly accepts them (a null is a
    field not given), else None."""
    if not fields.keys() <= _NAMES:
        return None
    get = fields.get
    plain = set(map(type, fields.values())) <= _TEXT_OR_NULL  # checked in C: the usual case
    if not (plain or all(type(get(name)) in _TEXT_OR_NULL for name in _TEXT_FIELDS)):
        return None
    cites = _cites(get("cites"))
    if cites is None or not is_story_id(get("story")):
        return None
    values = [None if value == "" else value for value in map(get, FlatFields._fields)]
    values[_CITES] = cites
    record = FlatFields._make(values)
    if not (record.event and record.quantity and record.value and record.outlet):
        return None  # missing or empty
    if not fold(record.outlet):
        return None  # blank, or nothing that shows: the model says so
    return record


def _is_text(value: object) -> bool:
    return type(value) is str and value != ""


def is_story_id(text: object) -> TypeGuard[str]:
    return type(text) is str and _story_id(text)


def is_name(text: str) -> bool:
    """Whether ``text`` is an event or quantity id, as ``reconcile.models.Name`` says."""
    return _NAME.fullmatch(text) is not None


@lru_cache(maxsize=4096)
def _story_id(text: str) -> bool:
    return _STORY_ID.fullmatch(text) is not None


def _cites(value: object) -> list[str] | None:
    if value is None:
        return []
    if type(value) is str:
        value = split_cites(value)
    if type(value) is list and all(_is_text(item) for item in value):
        return list(value)
    return None


# -- a JSON line read straight into its fields ----------------------------------------

_Text = Annotated[str, msgspec.Meta(min_length=1)]
_Optional = str | None | msgspec.UnsetType


class _PlainLine(msgspec.Struct, forbid_unknown_fields=True):
    """``FlatRecord`` as msgspec checks it while it reads (in C): the fields in the
    order of ``FlatFields``; a field not given is UNSET, so that its key is not counted."""

    story: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]*\Z")]
    event: _Text
    quantity: _Text
    value: _Text
    outlet: _Text  # a blank one is the loader's to send to the model
    attributed_to: _Optional = msgspec.UNSET
    as_of: _Optional = msgspec.UNSET
    quote: _Optional = msgspec.UNSET
    id: _Optional = msgspec.UNSET
    note: _Optional = msgspec.UNSET
    url: _Optional = msgspec.UNSET
    title: _Optional = msgspec.UNSET
    published: _Optional = msgspec.UNSET
    cites: list[_Text] | str | msgspec.UnsetType | None = msgspec.UNSET
    unit: _Optional = msgspec.UNSET


_DECODER = msgspec.json.Decoder(_PlainLine)
_decode_line = _DECODER.decode
_UNSET = msgspec.UNSET


def read_plain_line(line: str) -> FlatFields | None:
    """The fields of a line of JSON Lines that is plainly a valid record: one object
    of known fields, text or null where ``FlatRecord`` takes them, no escapes, no key
    given twice. None for any other line, which the reader and the model then read
    with every check (and the messages they give).

    Without a backslash every ``"`` in the line opens or closes a string, so a key
    given twice (which the decoder lets pass, keeping the last) shows as more quotes
    than the strings the record kept."""
    if "\\" in line:
        return None
    try:
        values = msgspec.structs.astuple(_decode_line(line))
    except msgspec.DecodeError:
        return None
    given = len(values) - values.count(_UNSET)
    texts = given - values.count(None)  # keys with text (or a list of cites)
    cites = values[_CITES]
    if type(cites) is list:
        texts += len(cites) - 1
    if line.count('"') != 2 * (given + texts):
        return None
    return _as_fields(values)


def _as_fields(values: tuple[object, ...]) -> FlatFields:
    # not given, or "" (as an empty cell of CSV): none
    fields = [None if value is _UNSET or value == "" else value for value in values]
    cites = fields[_CITES]
    if type(cites) is str:
        fields[_CITES] = split_cites(cites)
    elif cites is None:
        fields[_CITES] = []
    return FlatFields._make(fields)


_decode_lines = _DECODER.decode_lines
_encode = msgspec.json.Encoder().encode


PlainRow = tuple[Any, ...]  # a record's values in the order of FlatFields; UNSET: not given


def read_plain_lines(
    raw: bytes, text: str, lines: list[str] | None = None
) -> tuple[list[str], list[PlainRow]] | None:
    """The lines of a run of JSON Lines (whole lines; ``text`` is ``raw`` decoded) and
    their records as rows (see ``plain_fields``), where every line is plainly a valid
    record, as ``read_plain_line`` would find each; None where any line is not (or
    one is blank), and the lines are then read one by one. ``lines``: the lines of
    ``text``, where the caller has split it already.

    The run is decoded at once, in C. Each line starts with ``{`` (a line break is
    never inside a string, and a record holds no object), so each starts a record of
    its own; as many records as lines, and no line holds two. Each string a record
    kept, encoded again, has its two quotes (there was no escape to keep), so the
    run has more quotes than its records encoded only where a line gives a key
    twice (the decoder keeps the last)."""
    # An escape, or a lone carriage return that ends a line (carriage returns are
    # counted only where there is one: counting is slow next to finding one).
    if b"\\" in raw or (b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n")):
        return None
    try:
        records = _decode_lines(raw)
    except msgspec.DecodeError:
        return None
    if lines is None:  # else the caller has split them already
        lines = text.split("\n")
        if not lines[-1]:
            lines.pop()
    if len(records) != len(lines) or not all(map(str.startswith, lines, repeat("{"))):
        return None
    if raw.count(b'"') != _encode(records).count(b'"'):
        return None
    return lines, list(map(msgspec.structs.astuple, records))


class _StoryOnly(msgspec.Struct):
    story: object = None


class _StoryAsWritten(msgspec.Struct):
    story: msgspec.Raw = msgspec.Raw(b"null")


_STORY_ONLY = msgspec.json.Decoder(_StoryOnly)
_STORY_AS_WRITTEN = msgspec.json.Decoder(_StoryAsWritten)


def read_stories(raw: bytes) -> list[object] | None:
    """``story_of_line`` of each line of a run of JSON Lines, at once; None where a
    line is not a JSON object."""
    try:
        stories = [record.story for record in _STORY_ONLY.decode_lines(raw)]
        if set(map(type, stories)) == {str}:  # the usual case: text reads alike either way
            return stories
        return [_as_written(record.story) for record in _STORY_AS_WRITTEN.decode_lines(raw)]
    except msgspec.DecodeError:
        return None


def story_of_line(line: str) -> object:
    """The ``story`` a line of JSON Lines gives, as the line reader keeps it (a number
    or true/false as written, see ``reconcile.readers.document``; the last, if given
    twice), found without decoding the rest; None where it gives no text, a number or
    true/false, or is not a JSON object. Work is shared out by it
    (``reconcile.partition``)."""
    try:
        return _as_written(_STORY_AS_WRITTEN.decode(line.removeprefix("\ufeff")).story)
    except msgspec.DecodeError:
        return None


def _as_written(value: msgspec.Raw) -> str | None:
    text = bytes(value)
    if text.startswith(b'"'):
        try:
            return str(msgspec.json.decode(text))
        except msgspec.DecodeError:  # a lone surrogate: a line read with a problem
            return None
    if text in (b"true", b"false") or text[:1] in b"-0123456789":
        return text.decode()
    return None


def plain_fields(row: PlainRow) -> FlatFields:
    """The fields of a row of ``read_plain_lines``."""
    return _as_fields(row)


# -- CSV rows read straight into their fields -------------------------------------------


class PlainHeader(NamedTuple):
    """The header of a CSV table whose every column is a field of ``FlatFields``,
    named once, and that names every field a claim needs: how many cells each row
    has, and where each field's cell is."""

    width: int
    index_of: dict[str, int]
    pick: Callable[[list[str | None]], PlainRow]  # the cells, then a None: a row
    named: int  # the columns with a name: a spreadsheet's empty ones may follow them


def read_plain_header(line: str) -> PlainHeader | None:
    """The header of a CSV table from its first line (line end and BOM removed),
    where it plainly names fields; None for any other, which the reader then reads
    (and says what is wrong with it, once, at the header)."""
    if '"' in line or "\r" in line or "\x00" in line:
        return None
    cells = [name.strip() for name in line.split(",")]
    names = cells[:]
    while len(names) > 1 and not names[-1]:  # empty columns at the end: passed over
        names.pop()
    index_of = {name: index for index, name in enumerate(names)}
    if len(index_of) != len(names) or not _REQUIRED <= index_of.keys() <= _NAMES:
        return None
    absent = len(cells)  # the None put after the cells
    at = [index_of.get(name, absent) for name in FlatFields._fields]
    return PlainHeader(len(cells), index_of, itemgetter(*at), len(names))


def read_plain_rows(
    lines: list[str], header: PlainHeader
) -> tuple[list[int], list[str], list[PlainRow]] | None:
    """The rows of a run of CSV lines (line ends removed), where each line is a whole
    row of ``header.width`` cells: their numbers within the run (a blank line is no
    row), the lines, and the rows (see ``plain_fields``; an empty cell is a field not
    given). None where a line is not such a row, and the lines are read one by one.

    Without a quote, a comma always ends a cell; with one, the csv module reads the
    run (in C), and each row is a line of its own where there are as many rows as
    lines (each row takes at least one)."""
    if any('"' in line for line in lines):
        try:
            cells_of: Iterable[list[str]] = list(csv.reader(lines, strict=True))
        except csv.Error:
            return None
        if len(cells_of) != len(lines):  # type: ignore[arg-type]
            return None
    else:
        cells_of = (line.split(",") for line in lines)
    numbers: list[int] = []
    kept: list[str] = []
    rows: list[PlainRow] = []
    width, pick, named = header.width, header.pick, header.named
    for number, line, cells in zip(count(1), lines, cells_of):
        if not line:
            continue
        if len(cells) != width or "\x00" in line or (named < width and any(cells[named:])):
            return None  # a cell with no column: the reader says so
        numbers.append(number)
        kept.append(line)
        rows.append(pick([cell or None for cell in cells] + [None]))
    return numbers, kept, rows


def is_plain_row(row: PlainRow) -> bool:
    """Whether a row of ``read_plain_rows`` is plainly what ``FlatRecord`` accepts:
    a story id of the right form, an event, a quantity, a value and an outlet."""
    return is_story_id(row[0]) and all(row[1:5])  # a blank outlet: see the loader
