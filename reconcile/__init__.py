"""reconcile: read news claims as intervals and find where outlets agree or conflict.

    >>> import reconcile
    >>> report = reconcile.check(["claims"])
    >>> [(group.quantity.name, group.verdict) for group in report.groups]

``load`` reads claim files into a ``Corpus``; ``reconcile`` judges it into a
``Report`` of groups, relation checks, findings and input problems; ``check``
does both. ``read_value`` reads one value as written.

What the CLI prints, from a ``Report`` (``reconcile.outputs``): ``to_json``,
``to_sarif``, ``to_github``, ``to_junit``, ``to_text`` and ``to_table`` give the text
of each format (``write_json``, ``write_sarif`` and ``write_github`` write it to a
stream); ``select_findings`` keeps the findings ``--select`` and ``--ignore`` would;
``exit_status`` is the exit status ``--fail-on`` decides.

The names are imported on first use, so that ``reconcile --help`` starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reconcile.api import check
    from reconcile.claims import Claim, Corpus, Quantity, Story
    from reconcile.interval import Interval
    from reconcile.loading import load
    from reconcile.outputs import (
        exit_status,
        select_findings,
        to_github,
        to_json,
        to_junit,
        to_sarif,
        to_table,
        to_text,
        write_github,
        write_json,
        write_sarif,
    )
    from reconcile.problems import Location, Problem
    from reconcile.reconciler import reconcile
    from reconcile.report import Estimate, Finding, GroupResult, RelationResult, Report
    from reconcile.values import Reading, ValueSyntaxError, read_value

__version__ = "0.1.0"

_HOMES = {
    "Claim": "reconcile.claims",
    "Corpus": "reconcile.claims",
    "Estimate": "reconcile.report",
    "Finding": "reconcile.report",
    "GroupResult": "reconcile.report",
    "Interval": "reconcile.interval",
    "Location": "reconcile.problems",
    "Problem": "reconcile.problems",
    "Quantity": "reconcile.claims",
    "Reading": "reconcile.values",
    "RelationResult": "reconcile.report",
    "Report": "reconcile.report",
    "Story": "reconcile.claims",
    "ValueSyntaxError": "reconcile.values",
    "check": "reconcile.api",
    "exit_status": "reconcile.outputs",
    "load": "reconcile.loading",
    "read_value": "reconcile.values",
    "reconcile": "reconcile.reconciler",
    "select_findings": "reconcile.outputs",
    "to_github": "reconcile.outputs",
    "to_json": "reconcile.outputs",
    "to_junit": "reconcile.outputs",
    "to_sarif": "reconcile.outputs",
    "to_table": "reconcile.outputs",
    "to_text": "reconcile.outputs",
    "write_github": "reconcile.outputs",
    "write_json": "reconcile.outputs",
    "write_sarif": "reconcile.outputs",
}

__all__ = [
    "Claim",
    "Corpus",
    "Estimate",
    "Finding",
    "GroupResult",
    "Interval",
    "Location",
    "Problem",
    "Quantity",
    "Reading",
    "RelationResult",
    "Report",
    "Story",
    "ValueSyntaxError",
    "check",
    "exit_status",
    "load",
    "read_value",
    "reconcile",
    "select_findings",
    "to_github",
    "to_json",
    "to_junit",
    "to_sarif",
    "to_table",
    "to_text",
    "write_github",
    "write_json",
    "write_sarif",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'reconcile' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)


def __dir__() -> list[str]:
    return [*globals(), *__all__]
