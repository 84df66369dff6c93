"""`reconcile schema`: draft-07 JSON Schemas of story, report and flat-record files,
committed under schema/ and kept current; every file of the example story fits them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from ruamel.yaml import YAML
from ruamel.yaml.nodes import Node, ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from typer.testing import CliRunner

from reconcile.api import check
from reconcile.cli import app
from reconcile.schema import KINDS, Kind, json_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FOLDER = ROOT / "schema"
REGENERATE = (
    "for kind in story report record; do "
    "reconcile schema --kind $kind > schema/$kind.schema.json; done"
)
runner = CliRunner()


class _AsWritten(VersionedResolver):
    """Every plain scalar is the text written, as reconcile reads it."""

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> Any:
        if kind is ScalarNode and implicit[0]:
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def as_written(path: Path) -> Any:
    yaml = YAML(typ="safe", pure=True)
    yaml.Resolver = _AsWritten
    return yaml.load(path.read_text(encoding="utf-8"))


def as_an_editor_types_it(path: Path) -> Any:
    """YAML 1.2 core types (17 a number, true a boolean), dates left as text, as the
    YAML language server has them."""
    return _dates_as_text(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


def _dates_as_text(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _dates_as_text(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_dates_as_text(item) for item in node]
    return node.isoformat() if hasattr(node, "isoformat") else node


def validator(kind: Kind) -> Draft7Validator:
    return Draft7Validator(json_schema(kind))


def errors(kind: Kind, data: Any) -> list[str]:
    return sorted(error.message for error in validator(kind).iter_errors(data))


def example_files() -> list[Path]:
    """The example story of the checkout, where its editor modelines point into schema/."""
    return sorted((SCHEMA_FOLDER.parent / "claims").rglob("*.yaml"))


# the committed files -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_committed_schemas_are_current(kind: Kind) -> None:
    committed = (SCHEMA_FOLDER / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"schema/{kind}.schema.json no longer matches the models; regenerate with: {REGENERATE}"
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_schemas_are_draft_07(kind: Kind) -> None:
    schema = json_schema(kind)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    text = json.dumps(schema)
    assert "$defs" not in text and "prefixItems" not in text
    for ref in _refs(schema):
        name = ref.removeprefix("#/definitions/")
        assert ref.startswith("#/definitions/") and name in schema["definitions"], ref


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in _refs(item)]
    return []


@pytest.mark.parametrize(("kind", "title"), [("story", "StoryFile"), ("report", "ReportFile")])
def test_the_command_prints_the_schema(kind: str, title: str) -> None:
    result = runner.invoke(app, ["schema", "--kind", kind])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == title
    assert result.stdout == (SCHEMA_FOLDER / f"{kind}.schema.json").read_text(encoding="utf-8")


def test_the_command_prints_the_story_schema_by_default() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.stdout == schema_text("story")


# the example story -----------------------------------------------------------------------------


def kind_of(path: Path) -> Kind:
    return "story" if path.name == "story.yaml" else "report"


@pytest.mark.parametrize("path", example_files(), ids=lambda path: path.name)
def test_every_example_file_fits_its_schema(path: Path) -> None:
    assert errors(kind_of(path), as_written(path)) == []
    assert errors(kind_of(path), as_an_editor_types_it(path)) == []


@pytest.mark.parametrize("path", example_files(), ids=lambda path: path.name)
def test_every_example_file_names_its_schema_for_editors(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = f"../../schema/{kind_of(path)}.schema.json"
    assert first == f"# yaml-language-server: $schema={target}"
    assert (path.parent / target).resolve() == SCHEMA_FOLDER / f"{kind_of(path)}.schema.json"


def test_the_example_story_has_reports() -> None:
    assert {kind_of(path) for path in example_files()} == {"story", "report"}


# what the schemas accept and refuse ---------------------------------------------------------


def test_a_json_report_may_name_its_schema(datadir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads((datadir / "json-report" / "wire.json").read_text(encoding="utf-8"))
    assert document["$schema"] == "../../../schema/report.schema.json"
    assert errors("report", document) == []
    assert errors("story", as_an_editor_types_it(datadir / "json-report" / "story.yaml")) == []
    monkeypatch.chdir(datadir)
    report = check(["json-report"])
    assert (report.problems, report.claims_read) == ([], 1)


def test_scalars_are_accepted_as_an_editor_types_them() -> None:
    claim = {"event": "convoy", "quantity": "buses.departed", "value": 17, "note": True}
    assert errors("report", {"source": {"outlet": "Example Wire"}, "claims": [claim]}) == []
    assert errors("record", {"story": "test", "outlet": "Example Wire", **claim}) == []
    assert errors("record", {**claim, "story": "test", "outlet": "E", "cites": "A; B"}) == []


def test_unknown_fields_and_bad_ids_are_refused() -> None:
    report = {"source": {"outlet": "Example Wire"}, "claims": [], "claim": []}
    assert errors("report", report) == [
        "Additional properties are not allowed ('claim' was unexpected)"
    ]
    story = {"story": "test", "events": {"Convoy": {}}}
    assert errors("story", story) == [
        "'Convoy' does not match any of the regexes: '^[a-z][a-z0-9_.]*$'"
    ]
    assert errors("story", {"story": "Test Story"}) == [
        "'Test Story' does not match '^[a-z0-9][a-z0-9-]*$'"
    ]


@pytest.mark.parametrize(
    ("target", "valid"),
    [
        ({"quantity": "buses.departed"}, True),
        ({"relation": "buses.departed = 17"}, True),
        ({"quantity": "buses.departed", "relation": "buses.departed = 17"}, False),
        ({}, False),
    ],
)
def test_an_acknowledgement_names_a_quantity_or_a_relation(
    target: dict[str, str], valid: bool
) -> None:
    entry = {"event": "convoy", "reason": "reviewed", "reviewed_by": "A. Editor", **target}
    assert (errors("story", {"story": "test", "acknowledged": [entry]}) == []) is valid


def test_an_acknowledgement_needs_a_reason_and_a_reviewer() -> None:
    entry = {"event": "convoy", "quantity": "buses.departed"}
    assert errors("story", {"story": "test", "acknowledged": [entry]}) == [
        "'reason' is a required property",
        "'reviewed_by' is a required property",
    ]
