"""The fast JSON writer writes exactly what ``json.dumps(indent=2)`` writes."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.loading import load
from reconcile.reconciler import reconcile
from reconcile.render.json import to_document, to_json
from reconcile.render.json_text import CompactJSON, dumps_indented, write_indented
from reconcile.render.safe import json_escaped

EXAMPLE = Path(__file__).parents[1] / "claims"

# Text that looks like the separators the writer relies on, and what JSON escapes.
_TEXT = st.lists(
    st.sampled_from([*'ab"{}[],:\\\n \u2028é😀', '": {', "},\n  {", "NaN", "{}", "[]"]),
    max_size=5,
).map("".join)
_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | _TEXT
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(_TEXT, inner, max_size=4)
        | st.tuples(inner, inner)
    ),
    max_leaves=30,
)
_OBJECTS = st.lists(st.dictionaries(_TEXT, _SCALARS, max_size=4), min_size=1, max_size=5)


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=500)
@given(_VALUES)
def test_any_value_is_written_as_the_standard_library_writes_it(value: object) -> None:
    assert dumps_indented(value) == dumps(value)


@settings(max_examples=500)
@given(st.dictionaries(_TEXT, _OBJECTS, max_size=3) | _OBJECTS)
def test_lists_of_objects_are_written_as_the_standard_library_writes_them(
    value: object,
) -> None:
    assert dumps_indented(value) == dumps(value)


def test_a_group_with_its_claims() -> None:
    claim = {"id": None, "value": "about 600", "low": 540, "high": 660, "line": 9}
    group = {"verdict": "agree", "origins": ["Example Wire"], "estimate": {"low": 1.5}}
    document = {"groups": [{**group, "claims": [claim, {**claim, "id": "x"}], "gap": None}]}
    assert dumps_indented(document) == dumps(document)


def test_what_json_cannot_hold_fails_as_in_the_standard_library() -> None:
    for value in ({"a": {1, 2}}, [object()], {(1, 2): "tuple key"}):
        try:
            dumps(value)
        except TypeError as expected:
            try:
                dumps_indented(value)
            except TypeError as error:
                assert str(error) == str(expected)
            else:
                raise AssertionError(f"{value!r} was written")


@settings(max_examples=300)
@given(st.lists(_VALUES | _OBJECTS, max_size=5), st.dictionaries(_TEXT, _SCALARS, max_size=3))
def test_an_iterator_is_written_as_its_list_piece_by_piece(
    items: list[object], head: dict[str, object]
) -> None:
    pieces: list[str] = []
    write_indented({**head, "items": iter(items)}, pieces.append)
    assert "".join(pieces) == dumps({**head, "items": items})
    assert len(pieces) >= len(items)  # written as it goes, not at the end


def test_the_json_report_is_its_document_written_out() -> None:
    report = reconcile(load([EXAMPLE]))
    expected = json.dumps(to_document(report), ensure_ascii=False, indent=2)
    assert to_json(report) == json_escaped(expected) + "\n"


_PLAIN_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300)
@given(st.lists(_PLAIN_VALUES, max_size=4))
def test_items_encoded_already_are_laid_out_as_the_standard_library_writes_them(
    items: list[object],
) -> None:
    encoded = iter([CompactJSON(msgspec.json.encode(item)) for item in items])
    pieces: list[str] = []
    write_indented({"items": encoded}, pieces.append)
    assert "".join(pieces) == dumps({"items": items})


def test_numbers_that_are_not_whole_read_as_in_the_standard_library(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "story.yaml").write_text(
        "story: s\nevents: {e: {}}\nquantities: {x: {type: number}, y: {type: number}}\n"
    )
    values = ["0.00001", "0.00002", "20000000000000000000.5", "more than 1.5", "-2.25"]
    lines = [
        json.dumps(
            {
                "story": "s",
                "event": "e",
                "quantity": "xy"[i % 2],
                "value": value,
                "outlet": f"O{i}",
                "url": "u",
            }
        )
        for i, value in enumerate(values)
    ]
    (story / "claims.jsonl").write_text("\n".join(lines) + "\n")
    report = reconcile(load([story]))
    expected = json.dumps(to_document(report), ensure_ascii=False, indent=2)
    assert "1e-05" in expected and "2e+19" in expected
    assert to_json(report) == json_escaped(expected) + "\n"
