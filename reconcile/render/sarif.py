"""SARIF 2.1.0, for code scanning: one rule per finding and input-problem code, one
result per finding and input problem.

Locations are the files as reconcile names them (relative to the working folder, which
in CI is the repository's root), in ``/`` form; columns count code points. An
acknowledged finding carries an external suppression with its reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import msgspec

from reconcile import __version__
from reconcile.problems import Location, Problem
from reconcile.render.json_text import CompactJSON, write_indented
from reconcile.render.paths import PerFile, repository_path
from reconcile.render.safe import json_escaped, name_as_bytes, visible
from reconcile.report import FINDING_CODES, PROBLEM_CODES, Finding, Report, Severity

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INPUT_HELP = (
    "Correct the file at the location given: the message says what is wrong and what is "
    "accepted. reconcile check exits 2 while any input problem remains."
)
FINDING_HELP = {
    "value-conflict": (
        "The outlets' figures cannot all be true. Check each claim against its article; "
        "correct a misread value, or acknowledge the conflict in story.yaml "
        "('acknowledged:' with a reason and a reviewer)."
    ),
    "relation-violated": (
        "No values within the claims' intervals satisfy a relation of story.yaml. Check the "
        "claims and the relation, or acknowledge the discrepancy in story.yaml."
    ),
    "single-source": (
        "Only one origin gives this figure, however many outlets repeat it. Find a second, "
        "independent source, or acknowledge it in story.yaml."
    ),
    "no-provenance": "Give the claim the url of its article or a quote of the sentence.",
    "unit-mismatch": (
        "A quantity has one unit, and its figures are compared as if in it. Correct the "
        "rows' unit or the claim's quantity, or give such figures a quantity of their own, "
        "or declare the unit in story.yaml."
    ),
    "undeclared-story": (
        "Correct the story id of the rows to the declared story's, or, if it is another "
        "story, give it a story.yaml of its own."
    ),
    "unused-acknowledgement": (
        "An entry of 'acknowledged:' in story.yaml matches no finding: the discrepancy is "
        "gone, or the entry names an event, quantity or relation that does not exist. Or "
        "its date of review is older than a claim it would cover: review the discrepancy "
        "again and update the date."
    ),
}


def to_sarif(report: Report) -> str:
    """The SARIF document, as ``json.dumps(to_sarif_document(report), ensure_ascii=False,
    indent=2)`` writes it, and a line break."""
    parts: list[str] = []
    write_sarif(report, parts.append)
    return "".join(parts)


def write_sarif(report: Report, write: Callable[[str], object]) -> None:
    """The text of ``to_sarif``, handed to ``write`` in pieces, a result at a time (each
    encoded in C): a table without urls has a result per claim, never all held at once."""
    document = _document(report, lambda results: map(_encoded, results))
    write_indented(document, lambda text: write(json_escaped(text)))
    write("\n")


def to_sarif_document(report: Report) -> dict[str, Any]:
    return _document(report, list)


def _document(
    report: Report, held: Callable[[Iterator[dict[str, Any]]], Iterable[object]]
) -> dict[str, Any]:
    """The document, its results as ``held`` gives them (a list, or one at a time)."""
    rules = _rules(report)
    places = _Places({rule["id"]: position for position, rule in enumerate(rules)})
    results = chain(
        (_problem_result(problem, places) for problem in report.problems),
        (_finding_result(finding, places) for finding in report.findings),
    )
    driver = {
        "name": "reconcile",
        "version": __version__,
        "rules": rules,
    }
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": held(results)}
    return {"version": SARIF_VERSION, "$schema": SARIF_SCHEMA, "runs": [run]}


def _encoded(result: dict[str, Any]) -> CompactJSON:
    """A result, encoded as ``json.dumps`` writes it: it holds text (all of it made
    ``visible``, so no lone surrogate) and whole numbers only."""
    return CompactJSON(msgspec.json.encode(result))


# -- rules -------------------------------------------------------------------------


def _rules(report: Report) -> list[dict[str, Any]]:
    rules = [
        _rule(code, severity, summary, FINDING_HELP.get(code, summary))
        for code, (severity, summary) in FINDING_CODES.items()
    ]
    problem_codes = {**PROBLEM_CODES}
    for problem in report.problems:
        problem_codes.setdefault(problem.code, "A problem with the input files")
    rules += [
        _rule(code, "error", f"{summary} (an input problem)", INPUT_HELP)
        for code, summary in problem_codes.items()
    ]
    return rules


def _rule(code: str, severity: Severity, summary: str, help_text: str) -> dict[str, Any]:
    return {
        "id": code,
        "name": "".join(part.capitalize() for part in code.split("-")),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": f"{summary}. {help_text}"},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": severity},
    }


# -- results -----------------------------------------------------------------------


class _Places:
    """The rule index of each code, and the artifact location of each file, found once
    per document (results are many; files few)."""

    def __init__(self, index: dict[str, int]) -> None:
        self.index = index
        self.artifacts = PerFile(artifact_location)

    def location(self, location: Location) -> dict[str, Any]:
        return {
            "physicalLocation": {
                "artifactLocation": dict(self.artifacts[location.file]),  # each a copy
                "region": {"startLine": location.line, "startColumn": location.column},
            }
        }


def _problem_result(problem: Problem, places: _Places) -> dict[str, Any]:
    return _result(problem.code, "error", problem.message, problem.location, places)


def _finding_result(finding: Finding, places: _Places) -> dict[str, Any]:
    result = _result(finding.code, finding.severity, finding.message, finding.location, places)
    if finding.acknowledged is not None:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": visible(finding.acknowledged.reason),
                "properties": {"reviewedBy": visible(finding.acknowledged.reviewed_by)},
            }
        ]
    return result


def _result(
    code: str, level: str, message: str, location: Location, places: _Places
) -> dict[str, Any]:
    return {
        "ruleId": code,
        "ruleIndex": places.index[code],
        "level": level,
        "message": {"text": visible(message)},
        "locations": [places.location(location)],
    }


def artifact_location(file: str) -> dict[str, str]:
    """A file as SARIF names it: a relative URI from the source root (the repository's
    root), or a file URI."""
    path = PurePosixPath(repository_path(file))
    if ".." in path.parts:  # may lead outside the source root: no URI from it would do
        path = PurePosixPath(Path(os.path.abspath(file)).as_posix())
    uri = quote(name_as_bytes(str(path)))  # the bytes of a name that is not UTF-8
    if path.is_absolute():
        return {"uri": "file://" + uri}
    return {"uri": uri, "uriBaseId": "%SRCROOT%"}
