"""JSON Lines and CSV read a run of lines at a time read exactly as line by line.

The run reader (``_Loader._read_plain_runs``) takes the lines it can prove plain and
hands the rest to the line-by-line reader; whatever a table holds, the claims and the
problems must be the same as with the line-by-line reader alone, however small the runs.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile import loading
from reconcile.loading import tables

STORY = "story: s\nevents: {e: {}}\nquantities: {q: {unit: buses}, d: {type: date}}\n"

_TEXT = st.sampled_from(["17", "seventeen", "about 600", "lots", "", "  ", "2017-09-01"])
_DATE = st.sampled_from(["2017-09-01", "2017-09", "2017-02-30", "", "soon"])
_RECORD = st.fixed_dictionaries(
    {
        "story": st.sampled_from(["s", "s", "t", "Bad Id"]),
        "event": st.sampled_from(["e", "e", "f"]),
        "quantity": st.sampled_from(["q", "q", "d", "x"]),
        "value": _TEXT,
        "outlet": st.sampled_from(["Example Wire", "the example wire", "Example Post"]),
    },
    optional={
        "attributed_to": st.sampled_from(["Example Ministry", " ", "example ministry"]),
        "as_of": _DATE,
        "published": _DATE,
        "id": st.sampled_from(["a", "b", "c"]),
        "cites": st.sampled_from([["Example Wire"], ["A", "B"], "A; B", "A", []]),
        "quote": st.sampled_from(["a quote", 'a "quoted" quote', "é\\u00e9"]),
        "url": st.sampled_from(["https://example.org/a", 5]),
        "unit": st.sampled_from(["buses", "cars", "Buses", ""]),
        "colour": st.just("red"),
    },
)
_LINE = st.one_of(
    _RECORD.map(json.dumps),
    _RECORD.map(lambda record: json.dumps(record, separators=(",", ":"))),
    _RECORD.map(lambda record: " " + json.dumps(record)),  # does not start with {
    st.sampled_from(
        [
            "",
            "{",
            "[]",
            '{"story": "s", "story": "t", "event": "e", "quantity": "q", "value": "1", '
            '"outlet": "O"}',
            '{"story": "s", "event": "e", "quantity": "q", "value": NaN, "outlet": "O"}',
            '{"story": "s", "event": "e", "quantity": "q", "value": "1", "outlet": "O"} {}',
        ]
    ),
)


def read(table: Path, monkeypatch: pytest.MonkeyPatch, *, runs: bool) -> tuple[list, ...]:
    """The claims, problems and findings of reading, and the units quantities take."""
    with monkeypatch.context() as patch:
        if not runs:
            patch.setattr(loading._Loader, "_read_plain_runs", lambda *args, is_csv: 0)
        corpus = loading.load([table.parent])
    units = [
        (story.id, quantity.name, quantity.unit)
        for story in corpus.stories.values()
        for quantity in story.quantities.values()
    ]
    return corpus.claims, corpus.problems, corpus.findings, units


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(_LINE, min_size=1, max_size=40),
    ending=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    run_bytes=st.sampled_from([64, 200, 1 << 18]),
    declared=st.booleans(),
)
def test_runs_read_as_lines_do(
    lines: list[str], ending: str, bom: bool, run_bytes: int, declared: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(tables, "RUN_BYTES", run_bytes)
        table = Path(folder) / "claims.jsonl"
        text = ("\ufeff" if bom else "") + ending.join(lines) + ending
        table.write_bytes(text.encode("utf-8"))
        if declared:
            (Path(folder) / "story.yaml").write_text(STORY)
        assert read(table, patch, runs=True) == read(table, patch, runs=False)


def test_a_byte_that_is_not_utf8_ends_the_table_where_it_stands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = '{"story": "s", "event": "e", "quantity": "q", "value": "17", "outlet": "O"}\n'
    table = tmp_path / "claims.jsonl"
    table.write_bytes((good * 50).encode() + b"\xff\n" + (good * 50).encode())
    monkeypatch.setattr(tables, "RUN_BYTES", 256)
    claims, problems, *rest = read(table, monkeypatch, runs=True)
    assert [(p.code, str(p.location)) for p in problems] == [("encoding", f"{table}:51:1")]
    assert len(claims) == 50  # every line before the bad byte, none after
    assert read(table, monkeypatch, runs=False) == (claims, problems, *rest)


# -- CSV ------------------------------------------------------------------------------

_COLUMNS = [*_RECORD.wrapped_strategy.mapping, *_RECORD.wrapped_strategy.optional]  # type: ignore[attr-defined]
_CELL = st.one_of(
    st.sampled_from(["17", "about 600", "between 3,000 and 4,500", "s", "e", "q", "d"]),
    st.sampled_from(["Example Wire", "A; B", "2017-09-01", "", " ", 'say "17"', "x\ny"]),
    st.sampled_from(["buses", "cars", "Bad Id", "=1+1", "\x00", "a\rb"]),
)


def _csv_row(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


@st.composite
def _csv_table(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A header (the usual fields, at times one unknown or in capitals, given twice or
    blank) and rows of its width or not, quoted as the csv module writes them, or broken."""
    header = draw(st.lists(st.sampled_from([*_COLUMNS, "", " story ", "Story"]), max_size=8))
    header = header or ["story", "event", "quantity", "value", "outlet"]
    rows = draw(
        st.lists(
            st.one_of(
                st.lists(_CELL, min_size=len(header), max_size=len(header)).map(_csv_row),
                st.lists(_CELL, max_size=len(header) + 1).map(_csv_row),
                st.fixed_dictionaries({name: _CELL for name in header}).map(
                    lambda cells: _csv_row(list(cells.values()))
                ),
                st.sampled_from(["", '"never closed', 'a,"b', '"a"b,c', "s,e,q,17,O"]),
            ),
            max_size=40,
        )
    )
    return ",".join(header), rows


@settings(max_examples=200, deadline=None)
@given(
    table=_csv_table(),
    ending=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    run_bytes=st.sampled_from([64, 200, 1 << 18]),
    declared=st.booleans(),
)
def test_csv_runs_read_as_rows_do(
    table: tuple[str, list[str]], ending: str, bom: bool, run_bytes: int, declared: bool
) -> None:
    header, rows = table
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(tables, "RUN_BYTES", run_bytes)
        path = Path(folder) / "claims.csv"
        text = ("\ufeff" if bom else "") + ending.join([header, *rows]) + ending
        path.write_bytes(text.encode("utf-8"))
        if declared:
            (Path(folder) / "story.yaml").write_text(STORY)
        assert read(path, patch, runs=True) == read(path, patch, runs=False)
