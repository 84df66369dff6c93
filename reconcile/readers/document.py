"""YAML and JSON documents as plain data, with the position of every value.

A YAML document is built straight from the parser's events, in one pass that is
also the safety check: anchors, aliases and tags are refused before anything is
built from them, so an alias bomb or a ``!!python/object`` tag never gets a
chance to act. Every scalar stays the string as written (``0.10``, ``NO``,
``2017-02-30``); only a plain ``null``, ``~`` or nothing becomes ``None``.

A JSON document is parsed strictly by the standard library (no duplicate keys,
no ``NaN``), then passed through the same event builder for positions: JSON is
YAML flow syntax. Numbers and booleans are kept as written, too.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import ruamel.yaml.main
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, StreamMark, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

from reconcile.limits import DEFAULT_MAX_BYTES
from reconcile.problems import InputError
from reconcile.readers.json_values import (
    JSON_DECODER,
    JSON_DECODER_KEEPING_FIRST,
    DuplicateKeyError,
    JsonConstant,
    json_problem,
)
from reconcile.readers.text import LONE_SURROGATE, Position, decode, locate, whole_characters

NodePath = tuple[str | int, ...]

MAX_DEPTH = 32
_NULLS = frozenset({"", "null", "Null", "NULL", "~"})
_VERSION_DIRECTIVE = re.compile(r"^%YAML[ \t]+(\S*)", re.MULTILINE)
_ALIAS_WHY = (
    "are not accepted in claim files: nested aliases can make a few lines expand "
    "without limit when read; write each value out in full"
)
_TAG_WHY = (
    "are not accepted in claim files: a tag can make a YAML loader build objects "
    "or run code; write plain values"
)
_CORE_TAGS = "tag:yaml.org,2002:"
_LONE_SURROGATE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F]"
)


@dataclass(frozen=True, slots=True)
class Document:
    """A document's data, and where each node's value (and each mapping key) starts."""

    data: object
    values: dict[NodePath, Position]
    keys: dict[NodePath, Position]
    # What leaves its part of the document in doubt, listed with ``keep_going``: a path
    # within that part (a key's mapping, a constant itself), and the error. Of a key given
    # twice, the first value is kept, the other read (for its position) but left out of
    # ``data``; a JSON ``NaN`` or ``Infinity`` is kept as the text written.
    doubts: tuple[tuple[NodePath, InputError], ...] = ()

    def position(self, path: NodePath, *, key: bool = False) -> Position:
        """Where the node at ``path`` starts; for a missing node, its nearest ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)


def read_limited(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, refused before reading when it is over the limit."""
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > max_bytes:
            raise _too_large(size, max_bytes)
        raw = stream.read(max_bytes + 1)  # the size may have been 0 (a special file)
    if len(raw) > max_bytes:
        raise _too_large(len(raw), max_bytes, at_least=True)
    return raw


def read_document(
    raw: bytes, *, suffix: str, max_bytes: int = DEFAULT_MAX_BYTES, keep_going: bool = False
) -> Document:
    """Read a whole YAML (``.yaml``, ``.yml``) or JSON (``.json``) file. A key given twice
    in a mapping, or a JSON ``NaN`` or ``Infinity``, raises, or with ``keep_going`` is
    listed in the document's ``doubts`` (so that the rest of the file can still be
    checked)."""
    kind = suffix.lower()
    if kind not in (".yaml", ".yml", ".json"):
        raise ValueError(f"not a document suffix: {suffix!r}")
    if len(raw) > max_bytes:
        raise _too_large(len(raw), max_bytes)
    text = decode(raw)
    read = _read_json if kind == ".json" else _read_yaml
    document = read(text, keep_going)
    if not isinstance(document.data, dict):
        raise InputError(
            "not-a-mapping",
            f"the file holds {_kind(document.data)}; expected a mapping of fields",
            *document.position(()),
        )
    return document


def _read_yaml(text: str, keep_going: bool = False) -> Document:
    """The one YAML document in ``text``, checked and built from parser events."""
    _check_version(text)
    if _C_PARSER is not None and _NEEDS_PURE_PARSER.search(text) is None:
        try:
            return _build(text, _c_events(text), "", keep_going)
        except Exception:  # the pure parser then says what is wrong, in its own words
            pass
    return _build(text, YAML(typ="safe", pure=True).parse(text), None, keep_going)


def _c_events(text: str) -> Iterator[Event]:
    assert _C_PARSER is not None
    parser = _C_PARSER(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _build(
    text: str, events: Iterator[Event], plain_style: str | None, keep_going: bool
) -> Document:
    tree = _Tree(keep_going)
    try:
        for event in events:
            handle = _HANDLERS.get(type(event))
            if handle is not None:
                if type(event) is ScalarEvent and event.style == plain_style:
                    event.style = None  # the C parser marks plain scalars ''
                handle(tree, event)
    except YAMLError as error:
        raise _syntax_error(error, text) from None
    return tree.document()


# libyaml, in C, parses YAML 1.1 ten times faster than ruamel's pure-Python 1.2 parser
# does. On plain files the two agree, event for event and mark for mark; where they
# might not (tabs, block scalars, other line breaks, explicit keys, document markers,
# a quoted key right before its colon), or where the C parser finds fault, the pure
# parser reads the file, and its messages are the ones shown.
_C_PARSER: Callable[[str], Any] | None = getattr(ruamel.yaml.main, "CParser", None)
_NEEDS_PURE_PARSER = re.compile(
    r"[\t\x85\u2028\u2029\ufeff|>]|['\"] *:|\?(?:[ \r\n,\]}]|$)|(?:^|[\r\n])(?:---|\.\.\.)"
)


def _check_version(text: str) -> None:
    for match in _VERSION_DIRECTIVE.finditer(text):
        if match.group(1) != "1.2":
            message = "only YAML 1.2 is read: remove the %YAML directive"
            raise InputError("yaml-version", message, *locate(text, match.start()))


class _Frame:
    """An open mapping or sequence; for a mapping, the key awaiting its value."""

    __slots__ = ("container", "discard", "key", "path")

    def __init__(self, container: dict[str, object] | list[object], path: NodePath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.discard = False  # the key awaiting its value is given twice


class _Tree:
    """The document being built, event by event."""

    def __init__(self, keep_going: bool = False) -> None:
        self.values: dict[NodePath, Position] = {}
        self.keys: dict[NodePath, Position] = {}
        self.stack: list[_Frame] = []
        self.root: object = None
        self.documents = 0
        self.last_end: StreamMark | None = None
        self.keep_going = keep_going
        self.doubts: list[tuple[NodePath, InputError]] = []

    def start_document(self, event: DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            message = "several documents in one file (---): put each report in its own file"
            raise InputError("several-documents", message, *_at(event.start_mark))

    def scalar(self, event: ScalarEvent) -> None:
        _refuse_unsafe(event)
        value: str = event.value if event.style != '"' else _whole_characters(event)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.key is None and type(frame.container) is dict:
            self._key(frame, value, _at(event.start_mark))
        elif event.style is None and value in _NULLS:
            mark = event.start_mark if value else self.last_end
            self._attach(None, _at(mark or event.start_mark))
        else:
            self._attach(value, _at(event.start_mark))
        self.last_end = event.end_mark

    def start(self, event: CollectionStartEvent) -> None:
        _refuse_unsafe(event)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.key is None and type(frame.container) is dict:
            message = "a mapping key must be plain text, not a list or a mapping"
            raise InputError("key-not-text", message, *_at(event.start_mark))
        if len(self.stack) >= MAX_DEPTH:
            raise _too_deep(_at(event.start_mark))
        container: dict[str, object] | list[object]
        container = {} if type(event) is MappingStartEvent else []
        path = self._attach(container, _at(event.start_mark))
        self.stack.append(_Frame(container, path))
        self.last_end = event.end_mark

    def end(self, event: Event) -> None:
        self.stack.pop()
        self.last_end = event.end_mark

    def _key(self, frame: _Frame, key: str, position: Position) -> None:
        path = (*frame.path, key)
        first = self.keys.get(path)
        if first is not None:
            message = f"duplicate key {key!r}: it already appears on line {first[0]}"
            error = InputError("duplicate-key", message, *position)
            if not self.keep_going:
                raise error
            self.doubts.append((frame.path, error))
            frame.discard = True
        else:
            self.keys[path] = position
        frame.key = key

    def _attach(self, node: object, position: Position) -> NodePath:
        if not self.stack:
            self.root = node
            path: NodePath = ()
        else:
            frame = self.stack[-1]
            container = frame.container
            if type(container) is list:
                path = (*frame.path, len(container))
                container.append(node)
            elif frame.discard:  # a path no key or index has: its nodes are read, not kept
                path = (*frame.path, -len(self.doubts))
                frame.key, frame.discard = None, False
            else:
                assert frame.key is not None and type(container) is dict
                path = (*frame.path, frame.key)
                container[frame.key] = node
                frame.key = None
        self.values[path] = position
        return path

    def document(self) -> Document:
        if self.root is None:
            message = "the file has no content; expected a mapping of fields"
            raise InputError("empty-file", message, 1, 1)
        return Document(self.root, self.values, self.keys, tuple(self.doubts))


def _refuse_alias(tree: _Tree, event: AliasEvent) -> NoReturn:
    message = f"aliases (*{_clip(event.anchor)}) and anchors {_ALIAS_WHY}"
    raise InputError("yaml-alias", message, *_at(event.start_mark))


def _refuse_unsafe(event: NodeEvent) -> None:
    if event.anchor is not None:
        message = f"anchors (&{_clip(event.anchor)}) and aliases {_ALIAS_WHY}"
        raise InputError("yaml-anchor", message, *_at(event.start_mark))
    tag = event.tag  # type: ignore[attr-defined]
    if tag is not None:
        shown = _clip(str(tag).replace(_CORE_TAGS, "!!", 1))
        message = f"tags ({shown}) {_TAG_WHY}"
        raise InputError("yaml-tag", message, *_at(event.start_mark))


def _whole_characters(event: ScalarEvent) -> str:
    value = whole_characters(event.value)
    if value is None:
        raise InputError("invalid-text", LONE_SURROGATE, *_at(event.start_mark))
    return value


_HANDLERS: dict[type[Event], Callable[[_Tree, Any], None]] = {
    DocumentStartEvent: _Tree.start_document,
    ScalarEvent: _Tree.scalar,
    MappingStartEvent: _Tree.start,
    SequenceStartEvent: _Tree.start,
    MappingEndEvent: _Tree.end,
    SequenceEndEvent: _Tree.end,
    AliasEvent: _refuse_alias,
}


def _at(mark: StreamMark) -> Position:
    return mark.line + 1, mark.column + 1


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _syntax_error(error: YAMLError, text: str) -> InputError:
    if isinstance(error, ReaderError):
        message = f"the character U+{error.character:04X} is not allowed in YAML"
        return InputError("yaml-syntax", message, *locate(text, error.position))
    if isinstance(error, MarkedYAMLError):
        return _marked_error(error)
    return InputError("yaml-syntax", str(error) or "the file is not valid YAML", 1, 1)


def _marked_error(error: MarkedYAMLError) -> InputError:
    mark = error.problem_mark or error.context_mark
    position = _at(mark) if mark is not None else (1, 1)
    message = error.problem or error.context or "the file is not valid YAML"
    context_mark = error.context_mark
    if error.problem and error.context and context_mark is not None:
        message = f"{message} ({error.context} from line {context_mark.line + 1})"
    hint = next((hint for start, hint in _YAML_HINTS if message.startswith(start)), None)
    return InputError("yaml-syntax", f"{message}; {hint}" if hint else message, *position)


_YAML_HINTS = (
    ("mapping values are not allowed", "quote a value that holds ': ', or check the indentation"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("found character", "put a value that starts with this character in quotes"),
    ("found unexpected end of stream", "close the quote"),
    ("could not find expected ':'", "write each field as 'name: value'"),
    ("expected <block end>", "check the indentation, and quote the whole value"),
)


def _too_large(size: int, limit: int, *, at_least: bool = False) -> InputError:
    message = (
        f"the file is {'more than ' * at_least}{size - at_least:,} bytes, over the limit of "
        f"{limit:,} bytes; raise the limit with --max-file-size"
    )
    return InputError("file-too-large", message, 1, 1)


def _kind(data: object) -> str:
    if isinstance(data, list):
        return "a list"
    return "nothing" if data is None else "a single value"


# JSON --------------------------------------------------------------------------


def _read_json(text: str, keep_going: bool = False) -> Document:
    if not text.strip():
        raise InputError("empty-file", "the file has no content; expected a JSON object", 1, 1)
    data = _load_json(text, JSON_DECODER_KEEPING_FIRST if keep_going else JSON_DECODER)
    try:
        shape = _read_yaml(text, keep_going)  # where each value is, and each duplicate
    except InputError as error:
        if error.code in ("deep-nesting", "invalid-text"):
            raise
        shape = Document(None, {}, {})  # valid JSON that the YAML parser trips on
        if _LONE_SURROGATE_ESCAPE.search(text):
            raise InputError("invalid-text", LONE_SURROGATE, 1, 1) from None
        if keep_going:  # a duplicate it cannot place is refused, as ever
            _load_json(text, JSON_DECODER)
    constants: list[tuple[NodePath, InputError]] | None = [] if keep_going else None
    data = _as_written(data, (), shape, constants)
    doubts = shape.doubts + tuple(constants or ())
    return Document(data, shape.values or {(): (1, 1)}, shape.keys, doubts)


def _load_json(text: str, decoder: json.JSONDecoder) -> object:
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as error:
        message = f"this is not valid JSON: {json_problem(error)}"
        raise InputError("json-syntax", message, *locate(text, error.pos)) from None
    except DuplicateKeyError as error:
        raise _locate_duplicate(text, error.key) from None
    except RecursionError:
        raise _too_deep((1, 1)) from None


def _locate_duplicate(text: str, key: str) -> InputError:
    """The YAML pass sees the same duplicate, and knows where it is."""
    try:
        _read_yaml(text)
    except InputError as error:
        if error.code == "duplicate-key":
            return error
    return InputError("duplicate-key", f"duplicate key {key!r} in one object", 1, 1)


def _as_written(
    data: object,
    path: NodePath,
    shape: Document,
    constants: list[tuple[NodePath, InputError]] | None,
) -> object:
    """JSON data with booleans as written; ``NaN`` and ``Infinity`` refused, or listed
    in ``constants`` (with the path of what holds them) and kept as written."""
    if isinstance(data, (dict, list)) and len(path) >= MAX_DEPTH:
        raise _too_deep(shape.position(path))
    if isinstance(data, dict):
        return {
            key: _as_written(value, (*path, key), shape, constants) for key, value in data.items()
        }
    if isinstance(data, list):
        return [
            _as_written(item, (*path, index), shape, constants) for index, item in enumerate(data)
        ]
    if isinstance(data, bool):
        return "true" if data else "false"
    if isinstance(data, JsonConstant):
        error = InputError("json-constant", data.problem(), *shape.position(path))
        if constants is None:
            raise error
        constants.append((path, error))
        return data.name
    return data


def _too_deep(position: Position) -> InputError:
    message = f"the data is nested more than {MAX_DEPTH} levels deep"
    return InputError("deep-nesting", message, *position)
