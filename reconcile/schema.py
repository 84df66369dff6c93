"""JSON Schemas of the files people write, for editors and other validators.

Built from the pydantic models in validation mode, then made fit for draft-07, the
draft the YAML language server validates at: ``$defs`` become ``definitions`` (and
every ``$ref`` follows), and a ``$schema`` key names the draft.

reconcile reads every scalar as the text written (``0.10``, ``NO``, ``17``), while an
editor types ``17`` as a number and ``true`` as a boolean: wherever the models take
text, the schemas accept numbers and booleans too, so that an editor flags no file
that reconcile reads. A mapping keyed by ids refuses keys that are not ids, as the
models do. The files under ``schema/`` are these schemas, committed; a test keeps them
current.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from reconcile.models import FlatRecord, ReportFile, StoryFile

Kind = Literal["story", "report", "record"]
KINDS: dict[Kind, type[BaseModel]] = {
    "story": StoryFile,
    "report": ReportFile,
    "record": FlatRecord,
}
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCALAR_TYPES = ["string", "number", "boolean"]
_DESCRIPTIONS: dict[Kind, str] = {
    "story": "A story.yaml of reconcile: the story's events, quantities, relations, "
    "aliases and acknowledged discrepancies.",
    "report": "A report file of reconcile: one article or statement by one outlet, "
    "and the claims it makes.",
    "record": "One claim of a flat claim table of reconcile: a line of a .jsonl file "
    "or a row of a .csv file.",
}


def json_schema(kind: Kind) -> dict[str, Any]:
    """The draft-07 JSON Schema of one kind of file."""
    schema = KINDS[kind].model_json_schema(mode="validation")
    schema = _draft_07(_accept_scalars(schema))
    schema["description"] = _DESCRIPTIONS[kind]
    return {"$schema": DRAFT_07, **schema}


def schema_text(kind: Kind) -> str:
    """The schema as committed under ``schema/``: the same bytes for the same models."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def _draft_07(node: Any) -> Any:
    """``$defs`` renamed ``definitions``, and every ``$ref`` pointing there."""
    if isinstance(node, list):
        return [_draft_07(item) for item in node]
    if not isinstance(node, dict):
        return node
    renamed = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            value = value.replace("#/$defs/", "#/definitions/")
        renamed["definitions" if key == "$defs" else key] = _draft_07(value)
    return renamed


def _accept_scalars(node: Any) -> Any:
    """Text fields accept any scalar as written; id-keyed mappings refuse other keys."""
    if isinstance(node, list):
        return [_accept_scalars(item) for item in node]
    if not isinstance(node, dict):
        return node
    widened = {
        key: value if key == "propertyNames" else _accept_scalars(value)
        for key, value in node.items()
    }
    if widened.get("type") == "string":
        widened["type"] = SCALAR_TYPES
    if "patternProperties" in widened and "additionalProperties" not in widened:
        widened["additionalProperties"] = False
    return widened
