"""Reading claim files: plain data, every value as written, every position known."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reconcile.readers
from reconcile.problems import InputError
from reconcile.readers import Document, Record, decode, open_text, read_document, read_records


def read(datadir: Path, name: str, **options: int) -> Document:
    path = datadir / name
    return read_document(path.read_bytes(), suffix=path.suffix, **options)


def refusal(datadir: Path, name: str, **options: int) -> tuple[str, int, int]:
    with pytest.raises(InputError) as caught:
        read(datadir, name, **options)
    return caught.value.code, caught.value.line, caught.value.column


def records(datadir: Path, name: str) -> list[Record | InputError]:
    with open_text(datadir / name) as stream:
        return list(read_records(stream, suffix=Path(name).suffix))


def summary(items: list[Record | InputError]) -> list[tuple[str | int, ...]]:
    return [
        (item.code, item.line, item.column) if isinstance(item, InputError) else ("ok", item.line)
        for item in items
    ]


def test_public_names_are_sorted() -> None:
    assert reconcile.readers.__all__ == sorted(reconcile.readers.__all__)


# YAML: data and positions ----------------------------------------------------------


def test_yaml_data_is_plain(datadir: Path) -> None:
    assert read(datadir, "positions.yaml").data == {
        "source": {"outlet": "Example Gazette", "cites": ["Example Wire", "Hezbollah"]},
        "claims": [
            {"event": "convoy", "value": "seventeen", "quote": "seventeen buses\n"},
            {"event": "airstrikes", "value": "about 40"},
        ],
    }


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        ((), (2, 1), None),
        (("source",), (3, 3), (2, 1)),
        (("source", "outlet"), (3, 11), (3, 3)),
        (("source", "cites"), (4, 10), (4, 3)),
        (("source", "cites", 0), (4, 11), None),
        (("source", "cites", 1), (4, 25), None),
        (("claims", 0), (6, 5), None),
        (("claims", 0, "quote"), (8, 12), (8, 5)),
        (("claims", 1, "event"), (10, 14), (10, 7)),
        (("claims", 1, "value"), (11, 16), (11, 7)),
    ],
)
def test_yaml_positions(
    datadir: Path, path: tuple[str | int, ...], value: tuple[int, int], key: tuple[int, int] | None
) -> None:
    document = read(datadir, "positions.yaml")
    assert document.position(path) == value
    assert document.position(path, key=True) == (key or value)


def test_a_missing_path_falls_back_to_its_nearest_ancestor(datadir: Path) -> None:
    document = read(datadir, "positions.yaml")
    assert document.position(("claims", 1, "as_of")) == (10, 7)
    assert document.position(("claims", 1, "as_of"), key=True) == (10, 7)
    assert document.position(("claims", 7, "value")) == (6, 3)
    assert document.position(("nowhere",)) == (2, 1)


def test_scalars_stay_as_written(datadir: Path) -> None:
    assert read(datadir, "scalars.yaml").data == {
        "tolerance": "0.10",
        "answer": "NO",
        "date": "2017-02-30",
        "mode": "0777",
        "time": "12:30",
        "count": "17",
        "flag": "true",
        "quoted": "null",
        "single": "null",
        "plain_null": None,
        "capital_null": None,
        "upper_null": None,
        "tilde": None,
        "empty": None,
    }


def test_an_empty_value_points_just_after_its_key(datadir: Path) -> None:
    assert read(datadir, "scalars.yaml").position(("empty",)) == (14, 6)


def test_a_bom_is_dropped(datadir: Path) -> None:
    document = read(datadir, "bom.yaml")
    assert document.data == {"source": {"outlet": "Example Gazette"}}
    assert document.position(("source",), key=True) == (1, 1)


def test_escaped_surrogate_pairs_make_one_character() -> None:
    document = read_document(b'a: "\\ud83d\\ude00"\n', suffix=".yml")
    assert document.data == {"a": "\N{GRINNING FACE}"}


# YAML: refusals --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("duplicate-key.yaml", ("duplicate-key", 4, 3)),
        ("alias-bomb.yaml", ("yaml-anchor", 1, 4)),
        ("alias.yaml", ("yaml-alias", 5, 12)),
        ("python-tag.yaml", ("yaml-tag", 2, 11)),
        ("several-documents.yaml", ("several-documents", 3, 1)),
        ("empty.yaml", ("empty-file", 1, 1)),
        ("comments-only.yaml", ("empty-file", 1, 1)),
        ("not-utf8.yaml", ("encoding", 2, 14)),
        ("deep.yaml", ("deep-nesting", 33, 65)),
        ("syntax-error.yaml", ("yaml-syntax", 6, 1)),
        ("not-a-mapping.yaml", ("not-a-mapping", 1, 1)),
        ("complex-key.yaml", ("key-not-text", 2, 5)),
    ],
)
def test_yaml_refusals_are_located(
    datadir: Path, name: str, expected: tuple[str, int, int]
) -> None:
    assert refusal(datadir, name) == expected


def test_messages_say_what_and_why(datadir: Path) -> None:
    messages = {}
    for name in ["duplicate-key.yaml", "alias-bomb.yaml", "python-tag.yaml", "deep.yaml"]:
        with pytest.raises(InputError) as caught:
            read(datadir, name)
        messages[name] = caught.value.message
    assert "already appears on line 2" in messages["duplicate-key.yaml"]
    assert "aliases" in messages["alias-bomb.yaml"]
    assert "expand without limit" in messages["alias-bomb.yaml"]
    assert "!!python/object/apply:os.system" in messages["python-tag.yaml"]
    assert "run code" in messages["python-tag.yaml"]
    assert "32 levels" in messages["deep.yaml"]


@pytest.mark.parametrize("text", ["a: !!str 17\n", "a: !custom x\n", "a: ! x\n", "a: !!map {}\n"])
def test_every_explicit_tag_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="tags") as caught:
        read_document(text.encode(), suffix=".yaml")
    assert (caught.value.code, caught.value.line, caught.value.column) == ("yaml-tag", 1, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: \x01\n", ("yaml-syntax", 2, 4)),
        ('a: "\\ud800"\n', ("invalid-text", 1, 4)),
        ("%YAML 1.1\n---\na: 1\n", ("yaml-version", 1, 1)),
        ("%YAML 1.3\n---\na: 1\n", ("yaml-version", 1, 1)),
        ("a: b: c\n", ("yaml-syntax", 1, 5)),
        ("17\n", ("not-a-mapping", 1, 1)),
    ],
)
def test_odd_yaml_is_refused_with_a_position(text: str, expected: tuple[str, int, int]) -> None:
    with pytest.raises(InputError) as caught:
        read_document(text.encode(), suffix=".yaml")
    assert (caught.value.code, caught.value.line, caught.value.column) == expected


def test_the_size_cap_is_checked_before_parsing(datadir: Path) -> None:
    size = (datadir / "alias-bomb.yaml").stat().st_size
    with pytest.raises(InputError) as caught:
        read(datadir, "alias-bomb.yaml", max_bytes=100)
    assert caught.value.code == "file-too-large"
    assert f"{size:,} bytes" in caught.value.message
    assert "100 bytes" in caught.value.message
    assert "--max-file-size" in caught.value.message


def test_decode_locates_the_first_bad_byte() -> None:
    assert decode(b"\xef\xbb\xbfa") == "a"
    with pytest.raises(InputError) as caught:
        decode("ab\ncdé\r\nf\xff".encode("latin-1"))
    assert (caught.value.code, caught.value.line, caught.value.column) == ("encoding", 2, 3)
    assert "not UTF-8" in caught.value.message


def test_a_file_cut_inside_a_character_is_said_to_be_cut_short() -> None:
    """Not 'save the file as UTF-8': it is UTF-8, and its last character is cut."""
    with pytest.raises(InputError) as caught:
        decode("a: Café".encode()[:-1])
    assert (caught.value.line, caught.value.column) == (1, 7)
    assert caught.value.message.startswith("the file ends inside a character (byte 0xc3")
    table = io.BytesIO("story,value\ns,Café".encode()[:-1])
    (error,) = list(read_records(io.TextIOWrapper(table, "utf-8"), suffix=".csv"))[-1:]
    assert isinstance(error, InputError) and "is it cut short?" in error.message


# JSON ------------------------------------------------------------------------------


def test_json_numbers_and_booleans_stay_as_written(datadir: Path) -> None:
    document = read(datadir, "report.json")
    assert document.data == {
        "$schema": "../report.schema.json",
        "source": {"outlet": "Example Gazette", "cites": ["Example Wire"]},
        "claims": [
            {
                "event": "convoy",
                "value": "17",
                "share": "1.10",
                "exact": "true",
                "note": None,
                "quote": '"seventeen" buses — said',
            }
        ],
    }


def test_json_positions(datadir: Path) -> None:
    document = read(datadir, "report.json")
    assert document.position(("source", "outlet")) == (3, 24)
    assert document.position(("source", "cites", 0)) == (3, 53)
    assert document.position(("claims", 0, "value")) == (5, 34)
    assert document.position(("claims", 0, "quote"), key=True) == (6, 6)
    assert document.position(("claims", 0, "as_of")) == (5, 5)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("nan.json", ("json-constant", 3, 15)),
        ("duplicate-key.json", ("duplicate-key", 4, 3)),
        ("json-syntax.json", ("json-syntax", 3, 14)),
    ],
)
def test_json_refusals_are_located(
    datadir: Path, name: str, expected: tuple[str, int, int]
) -> None:
    assert refusal(datadir, name) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty-file"), ("  \n", "empty-file"), ("[]", "not-a-mapping"), ("Infinity", None)],
)
def test_json_that_is_no_object_is_refused(text: str, code: str | None) -> None:
    with pytest.raises(InputError) as caught:
        read_document(text.encode(), suffix=".json")
    assert caught.value.code == (code or "json-constant")


def test_json_that_trips_the_yaml_pass_still_reads() -> None:
    long_key = "k" * 2000  # YAML caps implicit keys at 1024 characters
    document = read_document(json.dumps({long_key: 1.50}).encode(), suffix=".json")
    assert document.data == {long_key: "1.5"}
    assert document.position((long_key,)) == (1, 1)


def test_json_nested_too_deep_is_refused() -> None:
    with pytest.raises(InputError, match="levels deep"):
        read_document(b'{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}", suffix=".json")


# JSON Lines ------------------------------------------------------------------------


def test_broken_json_lines_do_not_stop_the_file(datadir: Path) -> None:
    items = records(datadir, "broken-lines.jsonl")
    assert summary(items) == [
        ("ok", 1),
        ("json-syntax", 3, 36),
        ("ok", 4),
        ("not-a-mapping", 5, 1),
        ("json-constant", 6, 25),
        ("duplicate-key", 7, 16),
        ("nested-value", 8, 26),
        ("ok", 9),
    ]


def test_json_lines_values_stay_as_written(datadir: Path) -> None:
    good = [item for item in records(datadir, "broken-lines.jsonl") if isinstance(item, Record)]
    assert [item.fields for item in good] == [
        {"story": "s", "value": "17", "cites": ["A", "B"], "published": "2017-09-02"},
        {"story": "s", "value": "1.10", "exact": "false", "note": None},
        {"story": "s", "value": "about 40"},
    ]
    assert good[0].position("cites") == (1, 38)
    assert good[2].position("value") == (9, 30)
    assert good[2].position("missing") == (9, 1)
    assert good[2].position() == (9, 1)


def test_a_bad_byte_mid_stream_is_an_error_at_its_line(tmp_path: Path) -> None:
    lines = [b'{"n": "%d"}\n' % n for n in range(20_000)]
    lines[12_344] = b'{"n": "caf\xe9"}\n'
    (tmp_path / "table.jsonl").write_bytes(b"".join(lines))
    *good, last = records(tmp_path, "table.jsonl")
    assert isinstance(last, InputError)
    assert (last.code, last.line, last.column) == ("encoding", 12_345, 11)
    assert [item.line for item in good] == list(range(1, len(good) + 1))


def test_read_records_takes_plain_lines() -> None:
    items = list(read_records(['\ufeff{"a": 1}', "", '{"b": "x"}'], suffix=".jsonl"))
    assert summary(items) == [("ok", 1), ("ok", 3)]


# CSV ---------------------------------------------------------------------------------


def test_csv_rows_know_their_first_line(datadir: Path) -> None:
    items = records(datadir, "table.csv")
    assert summary(items) == [
        ("csv-header", 1, 1),  # no quantity nor outlet: said once, before the rows
        ("ok", 2),
        ("ok", 3),
        ("ok", 4),
        ("ok", 7),
        ("csv-extra-cells", 8, 15),
        ("ok", 9),
    ]


def test_csv_cells_are_text_or_none(datadir: Path) -> None:
    good = [item for item in records(datadir, "table.csv") if isinstance(item, Record)]
    assert [item.fields for item in good] == [
        {"story": "s", "event": "convoy", "value": "17", "quote": "seventeen buses"},
        {"story": "s", "event": "convoy", "value": None, "quote": None},
        {"story": "s", "event": "airstrikes", "value": "about\r\n40", "quote": "x"},
        {"story": "s", "event": "convoy", "value": "12"},
        {"story": "s", "event": "convoy", "value": "1,200", "quote": "last"},
    ]
    assert good[0].position("quote") == (2, 13)
    assert good[4].position("quote") == (9, 20)
    assert good[2].position("quote") == (5, 5)  # after a cell that holds a line break
    assert good[3].position("quote") == (7, 1)


def test_csv_with_a_bom(datadir: Path) -> None:
    items = records(datadir, "bom.csv")
    assert [item.fields for item in items if isinstance(item, Record)] == [
        {"story": "s", "value": "17"}
    ]


def test_bad_quoting_is_a_row_error(datadir: Path) -> None:
    assert summary(records(datadir, "bad-quotes.csv")) == [
        ("csv-header", 1, 1),  # no event, quantity nor outlet
        ("csv-syntax", 2, 17),  # the 'b' after the closing quote
        ("ok", 3),
        ("csv-syntax", 4, 6),  # the quote never closed
    ]


def test_bad_quoting_in_a_cell_of_several_lines_is_placed_on_its_line() -> None:
    lines = ["story,value,quote\n", 's,17,"two\n', 'lines"x\n']
    found = [item for item in read_records(lines, suffix=".csv") if isinstance(item, InputError)]
    assert [(e.code, e.line, e.column) for e in found if e.code == "csv-syntax"] == [
        ("csv-syntax", 3, 7)
    ]


@pytest.mark.parametrize(
    ("name", "column"), [("empty-header.csv", 7), ("duplicate-header.csv", 13)]
)
def test_a_bad_header_stops_the_table(datadir: Path, name: str, column: int) -> None:
    assert summary(records(datadir, name)) == [("csv-header", 1, column)]


def test_a_header_says_its_unknown_and_missing_columns_once_before_the_rows() -> None:
    """The rows are read without the unknown columns, and know which needed field the
    header has no column for (its absence is said at the header alone)."""
    lines = ["story,Event,value,outlet,colour\n", "s,e,17,O,red\n", "s,e,5,P\n"]
    found = list(read_records(lines, suffix=".csv"))
    assert summary(found) == [
        ("csv-header", 1, 7),
        ("csv-header", 1, 26),
        ("csv-header", 1, 1),
        ("ok", 2),
        ("ok", 3),
    ]
    misspelled, unknown, missing = found[:3]
    assert all(isinstance(item, InputError) for item in (misspelled, unknown, missing))
    assert [item.message for item in (misspelled, unknown, missing)] == [
        "column 'Event' is not 'event', which every claim needs: name it 'event'; until "
        "then no row of this table is read as a claim",
        "unknown column 'colour'; accepted: 'as_of', 'attributed_to', 'cites', 'event', "
        "'id', 'note', 'outlet', 'published', 'quantity', 'quote', 'story', 'title', 'unit', "
        "'url' or 'value'; its cells are not read",
        "the header has no column 'quantity', which every claim needs: no row of this "
        "table is read as a claim (the rows' other mistakes are still listed)",
    ]
    rows = [item for item in found if isinstance(item, Record)]
    assert [row.fields for row in rows] == [
        {"story": "s", "value": "17", "outlet": "O"},
        {"story": "s", "value": "5", "outlet": "P"},
    ]
    assert [row.not_in_header for row in rows] == [frozenset({"event", "quantity"})] * 2
    assert rows[0].position("outlet") == (2, 8)


@settings(max_examples=500)
@given(
    cells=st.lists(st.text(st.characters(exclude_characters="\r\n")), min_size=1),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONE]),
    ending=st.sampled_from(["", "\n"]),
    data=st.data(),
)
def test_a_cell_starts_after_the_cells_before_it(
    cells: list[str], quoting: int, ending: str, data: st.DataObject
) -> None:
    """Where cell i starts: each cell before it, as written, and its comma further on,
    whether the row is read by the quick path (no quote in it), the one for a row of
    one line, or the careful one (the row's line end kept)."""
    from reconcile.readers.flat import _cell_start

    if quoting == csv.QUOTE_NONE:
        cells = [cell.replace(",", "").replace('"', "") for cell in cells]
    shown = [_written(cell, quoting) for cell in cells]
    raw = ",".join(shown) + ending
    index = data.draw(st.integers(0, len(cells) - 1))
    assert _cell_start(raw, index) == (0, sum(len(cell) + 1 for cell in shown[:index]) + 1)


def _written(cell: str, quoting: int) -> str:
    """The cell as CSV writes it: quoted, with each quote doubled, where asked or needed."""
    if quoting == csv.QUOTE_ALL or (quoting == csv.QUOTE_MINIMAL and ("," in cell or '"' in cell)):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_cell_after_a_line_break_in_a_quoted_cell_is_found_on_its_line(newline: str) -> None:
    """Lines end as the file ends them, a lone CR too: the date, after a quote of two
    lines, is on the row's second line; a header's cell can hold a line break too."""
    rows = ["story,event,quantity,value,outlet,quote,as_of", 's,e,q,17,O,"one', 'two",2017-13-01']
    text = newline.join(rows) + newline
    (record,) = read_records(io.StringIO(text, newline=""), suffix=".csv")
    assert isinstance(record, Record)
    assert record.position("as_of") == (3, 6)
    header = 'story,"eve' + newline + 'nt",quantity,value,outlet,url,value' + newline
    (problem,) = read_records(io.StringIO(header, newline=""), suffix=".csv")
    assert isinstance(problem, InputError)
    assert (problem.line, problem.column) == (2, 31)


@pytest.mark.parametrize("separator", [";", "\t", "|"])
def test_a_table_saved_with_another_separator_is_one_error_at_its_header(separator: str) -> None:
    header = separator.join(["story", "event", "quantity", "value", "outlet"])
    rows = [header, separator.join(["s", "e", "q", "5", "Example Gazette"])]
    found = list(read_records([row + "\n" for row in rows], suffix=".csv"))
    assert summary(found) == [("csv-header", 1, 1)]
    assert isinstance(found[0], InputError)
    assert f"with {separator!r} between its names" in found[0].message
    assert found[0].message.endswith("save the table as comma-separated values")


def test_an_unknown_suffix_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="suffix"):
        read_document(b"a: 1", suffix=".toml")
    with pytest.raises(ValueError, match="suffix"):
        read_records([], suffix=".tsv")


# Never another exception -------------------------------------------------------------

yaml_text = st.lists(
    st.sampled_from([*"ab:-[]{},#&*!|>'\"%?~ \t\n\r0.\\", "\x85", "\u2028", "é", "\x00"]),
    max_size=40,
).map("".join)


@settings(max_examples=300)
@given(
    raw=st.binary(max_size=64) | yaml_text.map(str.encode),
    suffix=st.sampled_from([".yaml", ".json"]),
)
def test_any_bytes_give_a_document_or_an_input_error(raw: bytes, suffix: str) -> None:
    try:
        document = read_document(raw, suffix=suffix)
    except InputError as error:
        assert error.line >= 1 and error.column >= 1
    else:
        assert isinstance(document.data, dict)


@settings(max_examples=300)
@given(
    lines=st.lists(st.text(alphabet='ab,"{}[]:1 \n\r\ufeff\\', max_size=12) | st.text(max_size=6)),
    suffix=st.sampled_from([".jsonl", ".csv"]),
)
def test_any_lines_give_records_or_input_errors(lines: list[str], suffix: str) -> None:
    for item in read_records(io.StringIO("".join(lines), newline=""), suffix=suffix):
        assert isinstance(item, Record | InputError)
        if isinstance(item, Record):
            assert all(item.position(name)[1] >= 1 for name in item.fields)


json_data = st.recursive(
    st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)


def paths(data: object, path: tuple[str | int, ...] = ()) -> set[tuple[str | int, ...]]:
    found = {path}
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else []
    )
    for key, value in items:
        found |= paths(value, (*path, key))
    return found


@settings(max_examples=200)
@given(
    data=st.dictionaries(st.text(max_size=5), json_data, min_size=1, max_size=3),
    indent=st.sampled_from([None, 2]),
    suffix=st.sampled_from([".json", ".yaml"]),
)
def test_every_node_of_a_json_text_is_read_and_located(
    data: dict[str, object], indent: int | None, suffix: str
) -> None:
    document = read_document(json.dumps(data, indent=indent).encode(), suffix=suffix)
    assert document.data == data
    assert set(document.values) == paths(data)


def test_a_spreadsheet_s_empty_columns_and_rows_are_passed_over() -> None:
    """Excel and Sheets write a comma for every column once used, and rows of empty
    cells for formatted blank rows: neither is a mistake, nor hides a claim."""
    lines = [
        "story,event,quantity,value,outlet,\r\n",
        "s,e,q,5,Example Gazette,\r\n",
        ",,,,,\r\n",
        "   \r\n",
        "s,e,q,9,Sample Wire,,\r\n",
        "s,e,q,7,Sample Post,,oops\r\n",
    ]
    found = list(read_records(lines, suffix=".csv"))
    assert summary(found) == [("ok", 2), ("ok", 5), ("csv-extra-cells", 6, 22)]  # at "oops"
    assert [item.fields["value"] for item in found if isinstance(item, Record)] == ["5", "9"]


@pytest.mark.parametrize(
    ("line", "column", "problem"),
    [
        (
            '{"story": "s", "outlet": "Exam\n',
            31,
            "a string is never closed (a quote missing, or the text cut short?)",
        ),
        ('{"story": "s", "outlet": "Exam', 26, "a string is never closed (a quote missing"),
        ('{"story": "s", "outlet": "Ex\tam"}\n', 29, "a control character inside a string (a tab?"),
        ('{"story": "s",, "outlet": "x"}\n', 15, "Expecting property name enclosed in double"),
    ],
)
def test_a_line_that_is_no_json_says_so_whole(line: str, column: int, problem: str) -> None:
    """json's own message ends in "at", its place given apart: said whole here."""
    (error,) = read_records([line], suffix=".jsonl")
    assert isinstance(error, InputError) and (error.line, error.column) == (1, column)
    assert error.message.startswith(f"this line is not valid JSON: {problem}")
    assert " at;" not in error.message


def test_a_line_break_in_a_json_string_is_said_to_be_one() -> None:
    """Not 'a control character': a closing quote missing, or a line break to escape."""
    with pytest.raises(InputError) as caught:
        read_document(b'{"source": {"outlet": "Example Gazette},\n "claims": []}\n', suffix=".json")
    assert (caught.value.line, caught.value.column) == (1, 41)
    assert caught.value.message == (
        "this is not valid JSON: a line break inside a string: a closing quote missing, or "
        "write it as \\n"
    )
