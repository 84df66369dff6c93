"""``json.dumps(value, ensure_ascii=False, indent=2)``: the same text, made faster.

The standard library writes indented JSON in pure Python, value by value; a million
claims take it many seconds. Its C encoder is fast but knows one item separator for
every level. Here each container whose items are all plain values (text, numbers,
true/false/null) is written by the C encoder in one call, with the separator of its
level; a list of such objects (a group's claims) too, with the separator of the
objects' members, and the few places where the list's own separator belongs are
put right afterwards. Only the containers above those are walked in Python.

This relies on one fact of JSON text: a line break stands only between items, never
inside a string (where it is written ``\\n``), so a line break followed by ``{``
can only be where the encoder separated two objects of a list.

``write_indented`` writes the same text in pieces as it goes; a list given as an
iterator (``map(...)``) is written item by item, so that a million claims need never
be held as objects all at once. An item may come encoded already (``CompactJSON``):
msgspec's formatter lays it out as ``indent=2`` does, faster still.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import chain
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]

import msgspec

_PAD = "  "


class CompactJSON(bytes):
    """A value encoded by ``msgspec.json.encode``, written as ``json.dumps(value,
    indent=2)`` writes the value. Only for values msgspec writes as the standard
    library does: msgspec writes a float with an exponent otherwise (``1e16`` for
    ``1e+16``) and NaN as null."""


def dumps_indented(value: object) -> str:
    """Exactly ``json.dumps(value, ensure_ascii=False, indent=2)``."""
    return "".join(indented_parts(value))


def indented_parts(value: object) -> list[str]:
    """The text of ``dumps_indented(value)``, in pieces (a group's claims are one)."""
    parts: list[str] = []
    try:
        _write(value, 0, parts)
    except (_Unusual, RecursionError):
        return [json.dumps(value, ensure_ascii=False, indent=2)]
    return parts


def write_indented(value: object, write: Callable[[str], object]) -> None:
    """Write the text of ``dumps_indented(value)`` with ``write``, in pieces; an
    iterator stands for a list, and is written (and let go) an item at a time.
    A value the standard library would refuse or write otherwise is a TypeError."""
    parts = _Flushing(write)
    try:
        _write(value, 0, parts)
    except _Unusual:
        raise TypeError(f"not written as plain JSON: {value!r:.80}") from None
    parts.flush()


class LaidOut(str):
    """Text written in place as it is: a value laid out already, as ``write_indented``
    lays out a value at the depth where this one stands."""


class _Flushing(list[str]):
    """Pieces of text, handed on to ``write`` after each item of an iterator."""

    def __init__(self, write: Callable[[str], object]) -> None:
        super().__init__()
        self.write = write

    def flush(self) -> None:
        self.write("".join(self))
        self.clear()


class _Unusual(Exception):
    """A value this writer leaves to the standard library (a key that is not text,
    a type JSON does not know)."""


@lru_cache(maxsize=64)
def _flat_encoder(depth: int) -> Callable[[object], str]:
    """The C encoder, separating items as ``indent=2`` does at ``depth``."""
    separator = ",\n" + _PAD * depth
    if c_make_encoder is None:
        return json.JSONEncoder(ensure_ascii=False, separators=(separator, ": ")).encode
    encoder = c_make_encoder(
        None, None, encode_basestring, None, ": ", separator, False, False, True
    )
    return lambda value: "".join(encoder(value, 0))


def _write(value: object, depth: int, parts: list[str]) -> None:
    if type(value) is CompactJSON:
        parts.append(laid_out(value, depth))
    elif type(value) is LaidOut:
        parts.append(value)
    elif isinstance(value, dict):
        _write_object(value, depth, parts)
    elif isinstance(value, (list, tuple)):
        _write_array(value, depth, parts)
    elif isinstance(value, Iterator):
        _write_items(value, depth, parts)
    else:
        parts.append(_scalar(value))


def laid_out(encoded: CompactJSON, depth: int) -> str:
    """The text indented as at ``depth``: a line break stands only between items."""
    if not depth:
        return msgspec.json.format(encoded, indent=2).decode()
    nested = b"[" * depth + encoded + b"]" * depth
    return str(in_place(msgspec.json.format(nested, indent=2), depth), "utf-8")


def in_place(formatted: bytes, depth: int) -> memoryview:
    """The one value of ``formatted``, a document that holds it ``depth`` arrays deep
    (``[[value]]`` for 2), indented as at ``depth``; a view, not a copy. Formatted
    so, it is indented in the one pass (indenting each line after is another)."""
    start, end = depth * (depth + 3), depth * (depth + 1)  # "[\n  [\n    " ... "\n  ]\n]"
    return memoryview(formatted)[start : len(formatted) - end]


def _write_items(items: Iterator[object], depth: int, parts: list[str]) -> None:
    """An array given item by item; written as the list of them would be."""
    opening = "[\n" + _PAD * (depth + 1)
    for item in items:
        parts.append(opening)
        _write(item, depth + 1, parts)
        opening = item_separator(depth + 1)
        if isinstance(parts, _Flushing):
            parts.flush()
    parts.append("[]" if opening.startswith("[") else f"\n{_PAD * depth}]")


def item_separator(depth: int) -> str:
    """What stands between two items of an array whose items are at ``depth``."""
    return ",\n" + _PAD * depth


def _scalar(value: object) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)  # type: ignore[arg-type]
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return _float(value)  # type: ignore[arg-type]
    raise _Unusual


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _write_object(value: dict[object, object], depth: int, parts: list[str]) -> None:
    if not value:
        parts.append("{}")
        return
    flat = _flat_text(value, depth + 1) if _all_plain(value.values()) else None
    if flat is not None:
        parts += ("{\n", _PAD * (depth + 1), flat[1:-1], "\n", _PAD * depth, "}")
        return
    pad = _PAD * (depth + 1)
    opening = "{\n"
    for key, item in value.items():
        if type(key) is not str:
            raise _Unusual
        parts += (opening, pad, encode_basestring(key), ": ")
        _write(item, depth + 1, parts)
        opening = ",\n"
    parts += ("\n", _PAD * depth, "}")


def _write_array(value: list[object] | tuple[object, ...], depth: int, parts: list[str]) -> None:
    if not value:
        parts.append("[]")
        return
    if _write_array_of_objects(value, depth, parts):
        return
    flat = _flat_text(value, depth + 1) if _all_plain(value) else None
    if flat is not None:
        parts += ("[\n", _PAD * (depth + 1), flat[1:-1], "\n", _PAD * depth, "]")
        return
    opening = "[\n"
    for item in value:
        parts += (opening, _PAD * (depth + 1))
        _write(item, depth + 1, parts)
        opening = ",\n"
    parts += ("\n", _PAD * depth, "]")


def _write_array_of_objects(
    value: list[object] | tuple[object, ...], depth: int, parts: list[str]
) -> bool:
    """A list of non-empty objects of plain values, in one call of the C encoder."""
    if not _all_objects_of_plain_values(value):
        return False
    flat = _flat_text(value, depth + 2)
    if flat is None:
        return False
    item_pad = _PAD * (depth + 1)
    between = "}" + ",\n" + _PAD * (depth + 2) + "{"
    body = flat[2:-2].replace(between, f"\n{item_pad}}},\n{item_pad}{{\n{_PAD * (depth + 2)}")
    parts += ("[\n", item_pad, "{\n", _PAD * (depth + 2), body)
    parts += ("\n", item_pad, "}\n", _PAD * depth, "]")
    return True


def _all_plain(values: Iterable[object]) -> bool:
    """Whether every value is text, a number, true/false or null (checked in C)."""
    return set(map(type, values)) <= _PLAIN


def _all_objects_of_plain_values(values: list[object] | tuple[object, ...]) -> bool:
    if type(values[0]) is not dict or not all(values):
        return False
    try:
        return _all_plain(chain.from_iterable(map(dict.values, values)))  # type: ignore[arg-type]
    except TypeError:  # an item is not a dict
        return False


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _flat_text(value: object, depth: int) -> str | None:
    """The C encoder's text of ``value``, items separated as at ``depth``; None
    where it refuses ``value`` (the standard library is left to say why)."""
    try:
        return _flat_encoder(depth)(value)
    except (TypeError, ValueError):
        return None
