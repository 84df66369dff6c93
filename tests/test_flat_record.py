"""Flat records read by the quick path give what the FlatRecord model gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile import flat_record, loading
from reconcile.flat_record import quick_flat_record, read_plain_line
from reconcile.models import FlatRecord


def test_the_quick_path_mirrors_the_model_as_it_is() -> None:
    schema = json.dumps(FlatRecord.model_json_schema(), sort_keys=True, separators=(",", ":"))
    assert schema == flat_record.MIRRORED_SCHEMA, (
        "FlatRecord changed: bring reconcile/flat_record.py in line (checks and schema)"
    )
    assert FlatRecord.model_config.get("extra") == "forbid"
    required = [name for name, field in FlatRecord.model_fields.items() if field.is_required()]
    assert set(flat_record.REQUIRED_FIELDS) == set(required)


_VALUES = st.none() | st.sampled_from(["", " ", "x", "story-1", "Story 1", "a;b", " ; ", ";"])
_FIELDS = st.sampled_from([*FlatRecord.model_fields, "colour"])
_RECORDS = st.dictionaries(
    _FIELDS, _VALUES | st.lists(_VALUES, max_size=3) | st.integers(), min_size=3
)


@settings(max_examples=2000)
@given(_RECORDS)
def test_a_record_the_quick_path_takes_is_one_the_model_takes_alike(
    fields: dict[str, object],
) -> None:
    quick = quick_flat_record(fields)
    given_fields = {name: value for name, value in fields.items() if value is not None}
    try:
        model = FlatRecord.model_validate(given_fields)
    except ValueError:
        assert quick is None
        return
    if quick is not None:
        assert quick._asdict() == model.model_dump()


def test_tables_read_alike_with_and_without_the_quick_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "claims.jsonl"
    good = {"story": "s-1", "event": "e", "quantity": "q", "value": "about 600", "outlet": "O"}
    lines = [
        {**good, "cites": ["A", "the a"], "id": "one"},
        {**good, "cites": "A; B", "published": "2017-08", "as_of": "2017-08-30"},
        {**good, "value": "", "id": "two"},
        {**good, "id": "one", "attributed_to": "  "},
        {**good, "story": "S 1"},
        {**good, "published": "2017-02-30", "unit": "people"},
        {**good, "colour": "red"},
        {**good, "value": 17, "note": None},
    ]
    table.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    quick = loading.load([table])
    monkeypatch.setattr(loading.tables, "quick_flat_record", lambda fields: None)
    slow = loading.load([table])
    # 2017-02-30 does not read: judged all the same, its quantity fixed (the error said)
    assert quick.claims == slow.claims and len(quick.claims) == 5
    assert quick.problems == slow.problems and len(quick.problems) == 5


@settings(max_examples=1000)
@given(_RECORDS)
def test_a_line_read_plainly_is_the_record_the_model_takes_alike(
    fields: dict[str, object],
) -> None:
    plain = read_plain_line(json.dumps(fields) + "\n")
    given_fields = {name: value for name, value in fields.items() if value is not None}
    try:
        model = FlatRecord.model_validate(given_fields)
    except ValueError:
        assert plain is None
        return
    assert plain is not None and plain._asdict() == model.model_dump()


def test_lines_with_a_key_twice_escapes_or_other_json_are_left_to_the_full_reader() -> None:
    good = '"event": "e", "quantity": "q", "value": "17", "outlet": "O"'
    assert read_plain_line('{"story": "s", ' + good + "}\n") is not None
    for line in (
        '{"story": "s", "story": "t", ' + good + "}",
        '{"story": "s", "note": "x", "note": null, ' + good + "}",
        '{"story": "s", "cites": ["A"], "cites": [], ' + good + "}",
        '{"story": "\\u0073", ' + good + "}",
        '\ufeff{"story": "s", ' + good + "}",
        '{"story": "s", ' + good + "} {}",
        '{"story": "s", "value": NaN, "event": "e", "quantity": "q", "outlet": "O"}',
    ):
        assert read_plain_line(line) is None, line


def test_a_spreadsheet_s_csv_keeps_the_quick_path() -> None:
    """Empty columns after the header's names are passed over there as the line-by-line
    reader passes them (a row of empty cells too: by the loader, as a row that is not
    plainly a claim); a cell with text beyond the names is the reader's to say."""
    from reconcile.flat_record import read_plain_header, read_plain_rows

    header = read_plain_header("story,event,quantity,value,outlet,,")
    assert header is not None and (header.width, header.named) == (7, 5)
    read = read_plain_rows(["s,e,q,5,Example Wire,,", ",,,,,,", "s,e,q,6,Sample Post,,"], header)
    assert read is not None and read[0] == [1, 2, 3]
    assert read_plain_rows(["s,e,q,5,Example Wire,,oops"], header) is None
