"""Checking the shape of what was read against the file models, as located problems."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reconcile.names import did_you_mean, joined, listing
from reconcile.problems import Location, Problem

Model = TypeVar("Model", bound=BaseModel)
NodePath = tuple[str | int, ...]
Locate = Callable[[NodePath, bool], tuple[int, int]]  # (path, key?) -> (line, column)

_MESSAGES = {
    "missing": "missing field '{field}'",
    "missing_fields": "missing fields {fields}",
    "extra_forbidden": "unknown field '{field}'{hint}; accepted: {accepted}",
    "string_type": "'{field}' must be text, not {kind}",
    "list_type": "'{field}' must be a list, not {kind}",
    "dict_type": "'{field}' must be a mapping, not {kind}",
    "model_type": "'{field}' must be a mapping, not {kind}",
    "string_pattern_mismatch": "'{input}' is not a valid {what}: {pattern_help}",
    "string_too_short": "'{field}' must not be empty",
    "blank": "'{field}' is blank: name the outlet that published the report",  # OutletName
    "literal_error": "'{field}' must be {expected}, not '{input}'",
    "too_short": "'{field}' needs at least {min_length} items, not {actual_length}",
    "too_long": "'{field}' takes at most {max_length} items, not {actual_length}",
}
BLANK_OUTLET = _MESSAGES["blank"].format(field="outlet")
_KEY_MARKER = "[key]"
_NAME_KINDS = {"events": "event name", "quantities": "quantity name"}
_WHAT = {"story": "story id", "event": "event name", "quantity": "quantity name"}
_PATTERN_HELP = {
    "story": "use lowercase letters, digits and '-'",
    "name": "use lowercase letters, digits, '_' and '.', starting with a letter",
    "approx_tolerance": "write a fraction between 0 and 1, e.g. 0.10",
}


def validate(
    model: type[Model],
    data: object,
    file: str,
    locate: Locate,
    base: NodePath = (),
    *,
    missing_said: Collection[str] = (),
) -> tuple[Model | None, list[Problem]]:
    """The model built from ``data``, or None and every problem, each located, but
    that of a top-level field of ``missing_said`` missing: said once elsewhere (at a
    CSV header that has no column for it)."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        errors = [e for e in error.errors() if not _is_missing(e, missing_said)]
        return None, [_problem(model, e, file, locate, base) for e in _missing_once(errors)]


def _missing_once(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """The fields a mapping lacks, said in one error, at the first: a totals row of a
    table ('TOTAL,,,,') lacks four."""
    missing: dict[tuple[int | str, ...], list[str]] = {}
    for error in errors:
        if error["type"] == "missing":
            missing.setdefault(error["loc"][:-1], []).append(str(error["loc"][-1]))
    said: set[tuple[int | str, ...]] = set()
    kept = []
    for error in errors:
        parent = error["loc"][:-1]
        if error["type"] == "missing" and len(missing[parent]) > 1:
            if parent in said:
                continue
            said.add(parent)
            fields = missing[parent]
            listed = joined([f"'{field}'" for field in fields])
            error = {**error, "type": "missing_fields", "ctx": {"fields": listed}}
        kept.append(error)
    return kept


def _is_missing(error: ErrorDetails, fields: Collection[str]) -> bool:
    loc = error["loc"]
    return error["type"] == "missing" and len(loc) == 1 and loc[0] in fields


def _problem(
    model: type[BaseModel], error: ErrorDetails, file: str, locate: Locate, base: NodePath
) -> Problem:
    is_key = error["type"] == "extra_forbidden" or _is_bad_key(error)
    line, column = locate(base + _without_key_marker(error["loc"]), is_key)
    code = "unknown-field" if error["type"] == "extra_forbidden" else "invalid-field"
    return Problem(code, _message(model, error, base), Location(file, line, column))


def _is_bad_key(error: ErrorDetails) -> bool:
    return error["loc"][-1:] == (_KEY_MARKER,)


def _without_key_marker(loc: tuple[int | str, ...]) -> NodePath:
    return tuple(part for part in loc if part != _KEY_MARKER)


def _message(model: type[BaseModel], error: ErrorDetails, base: NodePath) -> str:
    loc = list(_without_key_marker(error["loc"]))
    field = _field_name([*base, *loc])
    if _is_bad_key(error) and error["type"] == "string_pattern_mismatch":
        return _bad_name(error, [*base, *loc])
    template = _MESSAGES.get(error["type"])
    if error["type"] == "string_type" and field in _PATTERN_HELP:  # a number, written as text
        template = "'{field}' cannot be {kind}: {pattern_help}"
    if template is None:
        return f"'{field}': {_pydantic_message(error)}"
    accepted = _accepted_fields(model, loc[:-1])
    return template.format(
        **(error.get("ctx") or {}),
        field=field,
        input=error.get("input"),
        kind=_kind(error.get("input")),
        hint=_comma_hint(field) or did_you_mean(field, accepted),
        accepted=listing(accepted),
        pattern_help=_pattern_help(error),
        what=_WHAT.get(field, field),
    )


def _comma_hint(field: str) -> str:
    """A field named by digits: the end of a number a comma cut off in a flow mapping
    (``{value: nearly 2,000}`` gives value 'nearly 2' and a field '000')."""
    if not re.fullmatch(r"[0-9]{3}(?:[.,][0-9]+)?", field):  # not a date key: 2017-08-28
        return ""
    return (
        " (the end of a number? a comma inside {…} ends a field: put a value that holds "
        'one in quotes, as in value: "nearly 2,000")'
    )


def _field_name(loc: list[str | int]) -> str:
    """How a message names the node at ``loc``: its key, or ``claims[2]`` for an item."""
    if not loc:
        return "file"
    if isinstance(loc[-1], int):
        parent = f"{loc[-2]}" if len(loc) > 1 else "item"
        return f"{parent}[{loc[-1]}]"
    return str(loc[-1])


def _bad_name(error: ErrorDetails, loc: list[str | int]) -> str:
    """A mapping key that is not a valid id: ``events: {Convoy: ...}``."""
    kind = _NAME_KINDS.get(str(loc[-2]) if len(loc) > 1 else "", "name")
    return f"'{error.get('input')}' is not a valid {kind}: {_PATTERN_HELP['name']}"


def _pydantic_message(error: ErrorDetails) -> str:
    """pydantic's own message, without the "Value error, " that a validator's gets."""
    message = error["msg"]
    prefix = "Value error, "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _accepted_fields(model: type[BaseModel], parent: list[str | int]) -> list[str]:
    """The field names of the model found by following ``parent`` from ``model``.

    Items of a list and values of a mapping (``quantities: {name: ...}``) take
    the model of their container's items."""
    current: type[BaseModel] | None = model
    in_container = False
    for part in parent:
        if current is None:
            return []
        if isinstance(part, int) or in_container:
            in_container = False
            continue
        field_info = current.model_fields.get(str(part))
        if field_info is None:
            return []
        current = _inner_model(field_info.annotation)
        in_container = _is_container(field_info.annotation)
    if current is None:
        return []
    return [info.alias or name for name, info in current.model_fields.items()]


def _is_container(annotation: object) -> bool:
    origin = getattr(annotation, "__origin__", None)
    return origin in (list, dict)


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return "text" if isinstance(value, str) else type(value).__name__


def _pattern_help(error: ErrorDetails) -> str:
    loc = error["loc"]
    if loc and loc[-1] in _PATTERN_HELP:
        return _PATTERN_HELP[str(loc[-1])]
    return _PATTERN_HELP["name"]


def without_bad_fields(
    model: type[Model], data: object, droppable: Collection[str]
) -> Model | None:
    """``data`` as ``model`` once the top-level fields that fail are set aside, where
    each is unknown or one of ``droppable`` (fields that change no verdict); else None.
    The failures themselves are reported by ``validate``."""
    if not isinstance(data, dict):
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        failing = {str(detail["loc"][0]) for detail in error.errors() if detail["loc"]}
        unknown = {str(d["loc"][0]) for d in error.errors() if d["type"] == "extra_forbidden"}
    if not failing or not failing <= unknown | set(droppable):
        return None
    kept = {key: value for key, value in data.items() if key not in failing}
    try:
        return model.model_validate(kept)
    except ValidationError:
        return None
