"""Flat tables, JSON Lines and CSV: a row for each claim, read into claims.

A table is read a run of lines at a time while every line is plainly a valid record
(the fast path, where each row costs the least: keep it so); from the first line that
is not, line by line, with every check and the messages they give.
"""

from __future__ import annotations

import codecs
import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from msgspec import UNSET

from reconcile import origins
from reconcile.claims import Claim, Story
from reconcile.discovery import display_path
from reconcile.flat_record import (
    PlainRow,
    is_plain_row,
    plain_fields,
    quick_flat_record,
    read_plain_header,
    read_plain_lines,
    read_plain_rows,
    read_stories,
    story_of_line,
)
from reconcile.loading.state import os_message, quick_date
from reconcile.loading.unkept import UnkeptChecks
from reconcile.names import fold, split_cites
from reconcile.problems import InputError, Location, Problem
from reconcile.progress import RECORDS_BETWEEN_COUNTS
from reconcile.readers import (
    Record,
    open_text,
    plain_column,
    plain_csv_column,
    plain_csv_record,
    plain_record,
    read_records,
)

if TYPE_CHECKING:  # pydantic loads when a record is validated
    from reconcile.models import FlatRecord
    from reconcile.validation import NodePath

MAX_HEADER_BYTES = 1 << 16  # a CSV header longer than this is read row by row
RUN_BYTES = 1 << 18  # a table read at a time (and, before, the next as many bytes)


class TableReader(UnkeptChecks):
    def read_table(self, path: Path) -> None:
        file = display_path(path)
        suffix = path.suffix.lower()
        try:
            if _is_empty(path):  # as an empty YAML file is: a table cut short, at times
                if self._keeps(None):
                    message = f"the file has no content; expected {_TABLE_CONTENT[suffix]}"
                    self.problems.append(Problem("empty-file", message, Location(file, 1, 1)))
                return
            done = self._read_plain_runs(path, file, is_csv=suffix == ".csv")
            if done is None:
                return
            with open_text(path) as stream:
                records = read_records(stream, suffix=suffix, skip=done)
                for count, item in enumerate(records, 1):
                    if isinstance(item, InputError):
                        if self._keeps(item.story):
                            self.problems.append(item.at(file))
                    elif self._keeps(_story_of(item, suffix)):
                        self._read_record(item, file)
                    if not count % RECORDS_BETWEEN_COUNTS:
                        self.read.within(path, stream.tell())
        except OSError as error:
            if self._keeps(None):
                self.problems.append(Problem("unreadable", os_message(error), Location(file)))

    def _read_plain_runs(self, path: Path, file: str, *, is_csv: bool) -> int | None:
        """Read a table a run of lines at a time while every line is plainly a valid
        record; the number of lines read where the rest is to be read line by line
        (with every check, and the messages they give), None where all is read.

        A run is read only once the next is known to be UTF-8: a byte that is not
        ends the table where the line-by-line reader would end it."""
        with open(path, "rb") as stream:
            table = _plain_csv(stream) if is_csv else self._plain_json_lines()
            if table is None:
                return 0
            done = table.header_lines
            run = _run_of_lines(stream, first=not is_csv)
            while run is not None and run[0]:
                following = _run_of_lines(stream)
                plain = None if following is None else table.rows(*run)
                if plain is None:
                    return done
                numbers, lines, rows, count = plain
                for number, row, line in zip(numbers, rows, lines, strict=True):
                    number += done
                    if table.plain is None or table.plain(row):
                        if self._add_row(row, number, line, file, table):
                            continue
                    # its story as written another's share, or a spreadsheet's empty row
                    elif not self._keeps(row[0]) or (is_csv and _is_blank(row)):
                        continue
                    self._read_record(table.record(row, number, line), file)
                done += count
                self.read.within(path, stream.tell())
                run = following
        return None if run is not None else done

    def _plain_json_lines(self) -> _PlainTable:
        def record(row: PlainRow, number: int, line: str) -> Record:
            return plain_record(plain_fields(row), number, line)

        return _PlainTable(0, self._plain_rows, plain_column, record)

    def _plain_rows(self, raw: bytes, text: str) -> _PlainRun | None:
        """``read_plain_lines`` of the lines of a run that are this loader's: their
        numbers within the run, the lines and their rows, and how many lines the run
        has. Where stories are shared out, the others' lines are not decoded."""
        stories = read_stories(raw) if self.share.count > 1 else None
        if stories:
            kept = {story: self._keeps(story) for story in set(stories)}
            count = len(stories)
            if len(kept) == 1:  # one story: tables are often sorted by story
                if not kept[stories[0]] and count == raw.count(b"\n") and raw.endswith(b"\n"):
                    return (), [], [], count
            else:
                lines = text.split("\n")
                if len(lines) == count + 1 and not lines[-1]:
                    flags = list(map(kept.__getitem__, stories))
                    numbers = list(compress(range(1, count + 1), flags))
                    if not numbers:
                        return (), [], [], count
                    mine = list(compress(lines, flags))
                    text = "\n".join(mine) + "\n"
                    plain = read_plain_lines(text.encode(), text, mine)
                    return None if plain is None else (numbers, *plain, count)
        plain = read_plain_lines(raw, text)
        return None if plain is None else (range(1, len(plain[0]) + 1), *plain, len(plain[0]))

    def _add_row(
        self, row: PlainRow, number: int, line: str, file: str, table: _PlainTable
    ) -> bool:
        """Add the claim of a plainly valid record where nothing about it is new or
        wrong: its story, event and quantity known, its value read before, its dates
        plain. False, having done nothing, where ``_read_record`` is to add it."""
        (story_id, event, name, value, outlet, attributed_to, as_of, quote, claim_id, note,
         url, _, published, cites, unit) = row  # fmt: skip
        kept = self.kept.get(story_id)
        if not (kept or (kept is None and self._keeps(story_id))):
            return True  # another worker's story
        story = self.stories.get(story_id)
        if story is None or (known_event := story.events.get(event)) is None:
            return False
        quantity = story.quantities.get(name)
        known = self.intervals_by_story.get(story_id)
        if quantity is None or known is None:
            return False
        interval = known.get((quantity.reads_as, value)) or self._new_interval(
            story, quantity, value
        )
        if interval is None:
            return False
        date = None  # a field not given, null or "" (as an empty cell of CSV): none
        if not published:
            published = None
        else:
            date = self.dates.get(published) or self._plain_date(published)
            if date is None:
                return False
        reported = date
        if as_of:
            date = self.dates.get(as_of) or self._plain_date(as_of)
            if date is None:
                return False
        claim_id = claim_id or None
        url = url or None
        if claim_id is not None:
            place = (file, number, table.column(line, "id"))
            first = self.ids.setdefault((story_id, claim_id), place)
            if first is not place:
                self._duplicate_id(story, claim_id, first, place)
        cited: Sequence[str] = ()
        if isinstance(cites, str):
            cited = split_cites(cites)
        elif isinstance(cites, list):
            cited = cites
        attributed = None if attributed_to is UNSET else attributed_to
        keep = self.names.setdefault  # self._name, without a call in Python for each claim
        known_outlet = self.names.get(outlet)
        if known_outlet is None:  # a name met first: a blank one is the model's to say
            if not fold(outlet):
                return False
            known_outlet = keep(outlet, outlet)
        outlet = known_outlet
        origin = origins.origin_of(story, outlet, attributed, cited)
        origin = keep(origin, origin)
        self.claims.append(
            Claim(
                story.id,
                known_event.name,
                quantity.name,
                value,
                interval,
                outlet,
                origin,
                date,
                f"{file}: {outlet}, {url or published or 'undated'}",
                file,
                number,
                table.column(line, "value"),
                claim_id,
                None if quote is UNSET else quote,
                url,
                None if note is UNSET else note,
                reported,
            )
        )
        # count() counts the row, and says whether it is the first to write its unit so
        if unit is not UNSET and unit is not None and self.units.count(story_id, name, unit):
            self.units.place(
                story_id, name, unit, Location(file, number, table.column(line, "unit"))
            )
        return True

    def _read_record(self, record: Record, file: str) -> None:
        if record.flat is not None and not fold(record.flat.outlet):  # read plainly, but blank
            given = {name: value for name, value in record.flat._asdict().items() if value}
            record = dataclasses.replace(record, fields=given, flat=None)  # the model's to say
        flat = (
            record.flat or quick_flat_record(record.fields) or self._validate_record(record, file)
        )
        if flat is None:
            self._check_unkept_record(record, file)
            return
        story = self.stories.get(flat.story)
        if story is None:
            story = self.stories[flat.story] = Story(flat.story)
        published = None  # and no column looked for where there is no date
        if flat.published is not None:
            published = quick_date(flat.published) or self._date_at(
                flat.published, file, record.position("published")
            )
        report = f"{file}: {flat.outlet}, {flat.url or flat.published or 'undated'}"
        added = self._add_claim(story, flat, flat, published, file, report, record.position)
        if added and flat.unit is not None and self.units.count(story.id, flat.quantity, flat.unit):
            where = Location(file, *record.position("unit"))
            self.units.place(story.id, flat.quantity, flat.unit, where)

    def _validate_record(self, record: Record, file: str) -> FlatRecord | None:
        from reconcile.models import FlatRecord
        from reconcile.validation import validate

        def locate(path: NodePath, key: bool) -> tuple[int, int]:
            return record.position(str(path[0]) if path else None)

        given = {name: value for name, value in record.fields.items() if value is not None}
        flat, problems = validate(  # an empty cell: not given
            FlatRecord, given, file, locate, missing_said=record.not_in_header
        )
        self.problems.extend(problems)
        return flat


_TABLE_CONTENT = {
    ".jsonl": "a JSON object of a claim's fields on each line",
    ".csv": "a header row naming the fields, then a row for each claim",
}


def _is_blank(row: PlainRow) -> bool:
    return not any(type(value) is str and value.strip() for value in row)


def _is_empty(path: Path) -> bool:
    """Whether a file holds nothing, or nothing but blanks (after a byte order mark, as
    an empty sheet saved as CSV UTF-8 has)."""
    with open(path, "rb") as stream:
        start = stream.read(4096)
        blank = not start.removeprefix(codecs.BOM_UTF8).strip()
        return blank and (len(start) < 4096 or not stream.read().strip())


def _story_of(record: Record, suffix: str) -> object:
    """The story by which a record is shared out: of a line of JSON Lines, as
    ``read_stories`` finds it for a run of lines."""
    if record.flat is not None:
        return record.flat.story
    if suffix == ".jsonl":
        return story_of_line(record.text)
    return record.fields.get("story")


def _run_of_lines(stream: BinaryIO, *, first: bool = False) -> tuple[bytes, str] | None:
    """The next whole lines of a file, about ``RUN_BYTES`` of them, and their text
    (no byte order mark); None where they are not UTF-8."""
    raw = stream.read(RUN_BYTES)
    if raw and not raw.endswith(b"\n"):
        raw += stream.readline()
    if first and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


# The fast path's rows of a run of lines: their numbers within the run, the lines and
# their rows, and how many lines the run has.
_PlainRun = tuple[Iterable[int], list[str], list[PlainRow], int]


@dataclass(frozen=True, slots=True)
class _PlainTable:
    """How the fast path reads a table: how many lines its header has, its runs of
    lines as rows, where a field of a row is in its line, a row's ``Record`` (for the
    checks of ``_read_record``), and whether a row is plainly valid as it is."""

    header_lines: int
    rows: Callable[[bytes, str], _PlainRun | None]
    column: Callable[[str, str], int]
    record: Callable[[PlainRow, int, str], Record]
    plain: Callable[[PlainRow], bool] | None = None  # None: every row is


def _plain_csv(stream: BinaryIO) -> _PlainTable | None:
    """The fast path's reading of a CSV table whose header (read from ``stream``)
    plainly names fields; None for any other."""
    first = stream.readline(MAX_HEADER_BYTES).removeprefix(codecs.BOM_UTF8)
    if not first.endswith(b"\n"):  # no line end (a file of lone CRs, at times): not plain
        return None
    try:
        header = read_plain_header(first.decode("utf-8").removesuffix("\n").removesuffix("\r"))
    except UnicodeDecodeError:
        return None
    if header is None:
        return None
    names = sorted(header.index_of, key=header.index_of.__getitem__)

    def rows(raw: bytes, text: str) -> _PlainRun | None:
        if "\r" in text and text.count("\r") != text.count("\r\n"):
            return None  # a lone carriage return ends a line too
        lines = text.replace("\r\n", "\n").split("\n")
        if not lines[-1]:
            lines.pop()  # after the last line end
        plain = read_plain_rows(lines, header)
        return None if plain is None else (*plain, len(lines))

    def record(row: PlainRow, number: int, line: str) -> Record:
        return plain_csv_record(names, number, line)

    column = partial(plain_csv_column, header.index_of)
    return _PlainTable(1, rows, column, record, is_plain_row)
