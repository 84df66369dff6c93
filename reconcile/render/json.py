"""The JSON document of SPEC "JSON output": stable keys, stable order, same bytes
for the same input."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import msgspec

from reconcile.claims import Claim
from reconcile.interval import Bound
from reconcile.problems import Problem
from reconcile.render.json_text import (
    CompactJSON,
    LaidOut,
    in_place,
    item_separator,
    write_indented,
)
from reconcile.render.safe import json_escaped, name_as_written
from reconcile.report import Estimate, GroupResult, RelationResult, Report
from reconcile.rules.agreement import Gap

if TYPE_CHECKING:
    from reconcile.models import Acknowledgement

VERSION = 1
Real = Callable[[float], object]  # how a number that is not whole is given to JSON


def to_json(report: Report) -> str:
    chunks: list[str] = []
    write_json(report, chunks.append)
    return "".join(chunks)


def write_json(report: Report, write: Callable[[str], object]) -> None:
    """The text of ``to_json``, handed to ``write`` in pieces as they are made, a
    group at a time: a large report is never held whole, as objects or as text."""
    groups = map(_encoded_group, report.groups)
    write_document(report.summary(), groups, report.relations, report.problems, write)


def write_document(
    summary: dict[str, int],
    groups: Iterable[CompactJSON | LaidOut],
    relations: Iterable[RelationResult],
    problems: Iterable[Problem],
    write: Callable[[str], object],
) -> None:
    """``write_json`` of a report given in parts; each group may come laid out
    already (``group_text``), by the worker that judged it."""
    document = _document(summary, groups, relations, problems)
    write_indented(document, lambda text: write(json_escaped(text)))
    write("\n")


def group_text(group: GroupResult) -> memoryview:
    """The group's text exactly as ``write_json`` writes it in its place, as UTF-8
    (``write_document`` takes it decoded, as a ``LaidOut``): a view, to be written
    (or measured) as it is, not copied."""
    nested = msgspec.json.encode([[_group(group, _float_as_written)]])  # as deep as in place
    text = msgspec.json.format(nested, indent=2)
    if not text.isascii() or b"\x7f" in text or b"#" in text:
        text = json_escaped(text.decode()).encode()
    return in_place(text, _GROUP_DEPTH)


_GROUP_DEPTH = 2  # {"groups": [ a group here ]}
GROUP_SEPARATOR = item_separator(_GROUP_DEPTH)  # between two groups of the document


def _encoded_group(group: GroupResult) -> CompactJSON:
    """The group's object, encoded in C."""
    return CompactJSON(msgspec.json.encode(_group(group, _float_as_written)))


def _float_as_written(value: float) -> msgspec.Raw:
    """A float as ``json.dumps`` writes it: msgspec does so only between 1e-4 and
    1e16 (``1e-05`` is its ``0.00001``), so the standard library's text goes in as is."""
    return msgspec.Raw(float.__repr__(value).encode())


def to_document(report: Report) -> dict[str, Any]:
    groups = [msgspec.to_builtins(_group(group)) for group in report.groups]
    return _document(report.summary(), groups, report.relations, report.problems)


def _document(
    summary: dict[str, int],
    groups: Iterable[dict[str, Any] | CompactJSON | LaidOut],
    relations: Iterable[RelationResult],
    problems: Iterable[Problem],
) -> dict[str, Any]:
    return {
        "version": VERSION,
        "summary": summary,
        "groups": groups,
        "relations": [_relation(row) for row in relations],
        "errors": [
            {
                "file": name_as_written(p.location.file),
                "line": p.location.line,
                "column": p.location.column,
                "message": p.message,
            }
            for p in problems
        ],
    }


def _group(group: GroupResult, real: Real = float) -> dict[str, Any]:
    """The group's object; ``real`` gives each number that is not whole."""
    is_date = group.quantity.type == "date"
    row: dict[str, Any] = {
        "story": group.story,
        "event": group.event,
        "quantity": group.quantity.name,
        "unit": group.quantity.unit,
        "verdict": group.verdict,
        "origins": list(group.origins),
        "estimate": _estimate(group.estimate, is_date, real),
        "claims": [_claim(claim, is_date, real) for claim in group.claims],
        "gap": _gap(group.gap, is_date, real),
        "explanation": group.explanation,
    }
    return _with_acknowledgement(row, group.acknowledged)


class _ClaimRow(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A claim of the JSON report: its keys in order; an end is marked open only
    where it is (False is left out)."""

    id: str | None
    outlet: str
    origin: str
    value: str
    low: object
    high: object
    low_open: bool = False
    high_open: bool = False
    as_of: str | None
    file: str
    line: int


def _claim(claim: Claim, is_date: bool, real: Real) -> _ClaimRow:
    interval = claim.interval
    return _ClaimRow(
        id=claim.id,
        outlet=claim.outlet,
        origin=claim.origin,
        value=claim.value,
        low=bound(interval.low, is_date, real),
        high=bound(interval.high, is_date, real),
        low_open=interval.low_open,
        high_open=interval.high_open,
        as_of=claim.date.text if claim.date else None,
        file=claim.file if "\\" not in claim.file else name_as_written(claim.file),
        line=claim.line,
    )


def _estimate(estimate: Estimate | None, is_date: bool, real: Real) -> dict[str, Any] | None:
    if estimate is None:
        return None
    row: dict[str, Any] = {
        "low": bound(estimate.low, is_date, real),
        "best": bound(estimate.best, is_date, real),
        "high": bound(estimate.high, is_date, real),
    }
    if estimate.low_open:
        row["low_open"] = True
    if estimate.high_open:
        row["high_open"] = True
    return row


def _gap(gap: Gap | None, is_date: bool, real: Real) -> dict[str, Any] | None:
    if gap is None:
        return None
    relative = None if gap.relative is None else real(_ratio(gap.relative))
    return {"absolute": bound(gap.absolute, False, real), "relative": relative}


def _ratio(value: Fraction) -> float:
    """Four decimal places (0.003 for 1/331), but never 0.0 for a gap that is not zero:
    a tiny one keeps two significant digits (1.2e-07)."""
    rounded = round(float(value), 4)
    return rounded if rounded or not value else float(f"{float(value):.2g}")


def _relation(row: RelationResult) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "story": row.story,
        "event": row.event,
        "relation": row.relation,
        "scope": row.scope,
        "report": None if row.report is None else name_as_written(row.report),
        "status": row.status,
        "detail": row.detail,
    }
    if row.as_of is not None:  # a report's claims of one date: rows of two dates told apart
        shown["as_of"] = row.as_of
    return _with_acknowledgement(shown, row.acknowledged)


def _with_acknowledgement(
    row: dict[str, Any], acknowledgement: Acknowledgement | None
) -> dict[str, Any]:
    """Only an acknowledged row has the key, so the rest of the document stays as SPEC has it."""
    if acknowledgement is not None:
        row["acknowledged"] = {
            "reason": acknowledgement.reason,
            "reviewed_by": acknowledgement.reviewed_by,
        }
        if acknowledgement.date is not None:  # as the text shows it
            row["acknowledged"]["date"] = acknowledgement.date
    return row


def bound(value: Bound | None, is_date: bool, real: Real = float) -> object:
    """A bound for JSON: whole numbers as integers, dates as ISO strings, others
    as ``real`` makes them."""
    if value is None:
        return None
    if is_date:
        return date.fromordinal(int(value)).isoformat()
    if type(value) is int:  # the usual case, before the slower isinstance of an ABC
        return value
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else real(float(value))
    return value
