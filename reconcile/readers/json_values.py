"""JSON read as claim files are read: numbers kept as written, a key given twice
refused (or its first value kept, where the reader lists it), NaN and Infinity held
until their place is known. Apart from the YAML
reader, so that reading a JSON Lines table never loads it."""

from __future__ import annotations

import json


class DuplicateKeyError(Exception):
    """Raised by ``JSON_DECODER`` on a key met twice in one object."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class JsonConstant:
    """A ``NaN`` or ``Infinity`` from ``JSON_DECODER``, to be refused once located."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def problem(self) -> str:
        return f"{self.name} is not a JSON number; write the value as a string"


def unique_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return mapping


def first_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    mapping: dict[str, object] = {}
    for key, value in pairs:
        mapping.setdefault(key, value)
    return mapping


# Numbers stay the text as written: ``1.10`` is "1.10", not 1.1.
JSON_DECODER = json.JSONDecoder(
    object_pairs_hook=unique_pairs, parse_int=str, parse_float=str, parse_constant=JsonConstant
)
JSON_DECODER_KEEPING_FIRST = json.JSONDecoder(
    object_pairs_hook=first_pairs, parse_int=str, parse_float=str, parse_constant=JsonConstant
)


def json_problem(error: json.JSONDecodeError, *, one_line: bool = False) -> str:
    """What ``error.msg`` says, whole: it ends "… at", its place given apart (reconcile
    gives it as the line and column). A line break inside a string: in a line of JSON
    Lines (``one_line``) the line's own end, so a string never closed; in a document,
    that, or a line break to write as \\n."""
    message = error.msg
    line_break = error.doc[error.pos : error.pos + 1] in ("\r", "\n")
    if message == "Invalid control character at" and line_break:
        if not one_line:
            return "a line break inside a string: a closing quote missing, or write it as \\n"
        message = "Unterminated string starting at"
    if message == "Unterminated string starting at":
        return "a string is never closed (a quote missing, or the text cut short?)"
    if message == "Invalid control character at":
        return "a control character inside a string (a tab? write it as \\t)"
    return message[: -len(" at")] + " here" if message.endswith(" at") else message
