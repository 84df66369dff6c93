"""YAML read by libyaml where it may be reads as the pure-Python parser reads it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from reconcile.problems import InputError
from reconcile.readers import document

pytestmark = pytest.mark.skipif(document._C_PARSER is None, reason="no libyaml for ruamel.yaml")

_PIECES = [
    "source:\n",
    "  outlet: Example Wire\n",
    "claims:\n",
    "  - value: about 600\n",
    "    quote: 'it''s 600'\n",
    '    id: "a\\u00e9"\n',
    "    note:\n",
    "  - {a: b, c: [d, e]}\n",
    "key: [x, 'y', \"z\"]\n",
    "k: ~\n",
    "k: null\n",
    "# comment\n",
    "\n",
    "k:  v  # c\n",
    "- a\n",
    "  - b\n",
    "k: v\n",
    "k: 'a\n  b'\n",
    "&a k: v\n",
    "k: *a\n",
    "k: !t v\n",
    "k: >-\n  folded\n",
    "k: |\n  block\n",
    "\tk: v\n",
    "---\n",
    "...\n",
    "? k\n",
    ": v\n",
    '"k": v\n',
    "k: a:b\n",
    "k: [a, b: c]\n",
    "k: {a: [b, {c: d}]}\n",
    "  k: v\n",
    "k:v\n",
    "k: é😀\u2028\n",
    "k: \x85\n",
    "\ufeffk: v\n",
    "k: v\r\n",
    "k: 'v'\r",
    ": \n",
    "k: [\n",
]


def pure(text: str) -> object:
    document._check_version(text)
    parsed = YAML(typ="safe", pure=True).parse(text)
    return document._build(text, parsed, None, False)


def outcome(read: object) -> object:
    try:
        built = read() if callable(read) else read
    except InputError as error:
        return (error.code, error.message, error.line, error.column)
    assert isinstance(built, document.Document)
    return (built.data, built.values, built.keys)


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_every_file_reads_as_the_pure_parser_reads_it(text: str) -> None:
    assert outcome(lambda: document._read_yaml(text)) == outcome(lambda: pure(text))
