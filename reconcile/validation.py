"""Checking the shape of what was read against the file models, as located problems."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reconcile.names import did_you_mean, listing
from reconcile.problems import Location, Problem

Model = TypeVar("Model", bound=BaseModel)
NodePath = tuple[str | int, ...]
Locate = Callable[[NodePath, bool], tuple[int, int]]  # (path, key?) -> (line, column)

_MESSAGES = {
    "missing": "missing field '{field}'",
    "extra_forbidden": "unknown field '{field}'{hint}; accepted: {accepted}",
    "string_type": "'{field}' must be text, not {kind}",
    "list_type": "'{field}' must be a list, not {kind}",
    "dict_type": "'{field}' must be a mapping, not {kind}",
    "model_type": "'{field}' must be a mapping, not {kind}",
    "string_pattern_mismatch": "'{input}' is not a valid {field}: {pattern_help}",
    "string_too_short": "'{field}' must not be empty",
}
_PATTERN_HELP = {
    "story": "use lowercase letters, digits and '-'",
    "name": "use lowercase letters, digits, '_' and '.', starting with a letter",
    "approx_tolerance": "write a fraction between 0 and 1, e.g. 0.10",
}


def validate(
    model: type[Model], data: object, file: str, locate: Locate, base: NodePath = ()
) -> tuple[Model | None, list[Problem]]:
    """The model built from ``data``, or None and every problem, each located."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        problems = [_problem(model, e, file, locate, base) for e in error.errors()]
        return None, problems


def _problem(
    model: type[BaseModel], error: ErrorDetails, file: str, locate: Locate, base: NodePath
) -> Problem:
    loc = base + tuple(error["loc"])
    is_key = error["type"] in ("extra_forbidden",) or _is_bad_key(error)
    line, column = locate(loc, is_key)
    code = "unknown-field" if error["type"] == "extra_forbidden" else "invalid-field"
    return Problem(code, _message(model, error), Location(file, line, column))


def _is_bad_key(error: ErrorDetails) -> bool:
    return error["loc"][-1:] == ("[key]",)


def _message(model: type[BaseModel], error: ErrorDetails) -> str:
    loc = [part for part in error["loc"] if part != "[key]"]
    field = str(loc[-1]) if loc else "file"
    if isinstance(loc[-1] if loc else None, int):
        field = f"{loc[-2]}[{loc[-1]}]" if len(loc) > 1 else field
    template = _MESSAGES.get(error["type"])
    if template is None:
        return f"'{field}': {error['msg']}"
    accepted = _accepted_fields(model, loc[:-1])
    return template.format(
        field=field,
        input=error.get("input"),
        kind=_kind(error.get("input")),
        hint=did_you_mean(field, accepted),
        accepted=listing(accepted),
        pattern_help=_pattern_help(error),
    )


def _accepted_fields(model: type[BaseModel], parent: list[str | int]) -> list[str]:
    """The field names of the model found by following ``parent`` from ``model``."""
    current: type[BaseModel] | None = model
    for part in parent:
        if current is None or isinstance(part, int):
            continue
        field_info = current.model_fields.get(str(part))
        current = _inner_model(field_info.annotation) if field_info else None
    if current is None:
        return []
    return [info.alias or name for name, info in current.model_fields.items()]


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
