"""The outcome of reconciling a corpus, as data: groups, relations, findings.

Nothing here knows how it will be shown; the renderers in ``reconcile.render``
turn a ``Report`` into terminal output, JSON, tables and CI formats.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from reconcile.claims import Claim, Quantity, Story
from reconcile.interval import Bound, Interval
from reconcile.problems import Location, Problem
from reconcile.rules.agreement import Gap

if TYPE_CHECKING:
    from reconcile.models import Acknowledgement

Verdict = Literal["agree", "consistent", "single-source", "conflict"]
Severity = Literal["error", "warning"]
RelationStatus = Literal["holds", "violated", "unknown"]
VERDICTS: tuple[Verdict, ...] = ("agree", "consistent", "single-source", "conflict")


@dataclass(frozen=True, slots=True)
class Estimate:
    low: Bound | None
    best: Bound | None
    high: Bound | None
    low_open: bool = False
    high_open: bool = False

    @property
    def interval(self) -> Interval:
        """The values the estimate allows (``best`` is one of them)."""
        return Interval(self.low, self.high, self.low_open, self.high_open)


@dataclass(frozen=True, slots=True)
class GroupResult:
    """All claims about one (story, event, quantity), and what they amount to."""

    story: str
    event: str
    quantity: Quantity
    verdict: Verdict
    origins: tuple[str, ...]
    estimate: Estimate | None
    claims: tuple[Claim, ...]
    gap: Gap | None
    explanation: str
    acknowledged: Acknowledgement | None = None


@dataclass(frozen=True, slots=True)
class RelationResult:
    story: str
    event: str
    relation: str
    scope: Literal["report", "consensus"]
    report: str | None
    status: RelationStatus
    detail: str
    location: Location
    acknowledged: Acknowledgement | None = None
    as_of: str | None = None  # report scope: the date of the claims checked together
    checked: tuple[Location, ...] = ()  # report scope: the claims checked, in its order


# Not frozen, as Location (reconcile.problems): a frozen one costs 1.1 µs to build,
# against 0.17 µs, and there may be one per claim. Treat it as immutable.
@dataclass(slots=True, unsafe_hash=True)
class Finding:
    """Something a reader should look at, with a stable ``code`` and a severity."""

    code: str
    severity: Severity
    message: str
    location: Location
    story: str | None = None
    event: str | None = None
    quantity: str | None = None
    claim_id: str | None = None
    relation: str | None = None
    acknowledged: Acknowledgement | None = None  # reviewed and accepted: shown, never failing

    @classmethod
    def of(cls, code: str, message: str, location: Location, **about: str | None) -> Finding:
        """A finding with its code's severity (``FINDING_CODES``)."""
        return cls(code, FINDING_CODES[code][0], message, location, **about)  # type: ignore[arg-type]


def listing_order(item: Finding | Problem) -> tuple[str, int, int, str, str]:
    """The order findings, and input problems, are listed in: by place in the files,
    then code, then message (a flat tuple: compared in C, not through Location's
    methods, for a million findings at times)."""
    where = item.location
    return (where.file, where.line, where.column, item.code, item.message)


FINDING_CODES: dict[str, tuple[Severity, str]] = {
    "value-conflict": ("error", "The claims about one quantity contradict each other"),
    "relation-violated": ("error", "A relation between quantities cannot hold"),
    "single-source": ("warning", "Every claim about a quantity comes from one origin"),
    "no-provenance": ("warning", "A claim has neither a url nor a quote"),
    "unit-mismatch": ("warning", "Figures are given in a unit other than their quantity's"),
    "undeclared-story": (
        "warning",
        "Flat rows name a story with no story.yaml, whose id is close to a declared one",
    ),
    "unused-acknowledgement": (
        "warning",
        "An acknowledgement in story.yaml matches no finding, or predates claims it"
        " would cover: remove it, correct it, or review again",
    ),
}
# The severities that fail a run, by --fail-on.
FAILING: dict[str, tuple[Severity, ...]] = {
    "error": ("error",),
    "warning": ("error", "warning"),
    "never": (),
}


def fails(finding: Finding, failing: Collection[str]) -> bool:
    """Whether ``finding`` fails a run whose failing severities are ``failing``
    (``FAILING[fail_on]``): an acknowledged one never does."""
    return finding.severity in failing and finding.acknowledged is None


# The findings that restate a group's verdict or a relation's status: the report and
# the JSON document show them as such. The others are about a claim, a row or an
# acknowledgement, and need a listing of their own.
VERDICT_CODES = frozenset({"value-conflict", "single-source", "relation-violated"})
PROBLEM_CODES: dict[str, str] = {
    "missing-path": "A path given on the command line does not exist",
    "not-a-claim-file": "A file given on the command line is not a claim file",
    "no-claim-files": "A folder given on the command line holds no claim files",
    "unreadable": "A file cannot be read",
    "outside-link": "A link inside a folder given leads out of it, and is not followed",
    "file-too-large": "A file is larger than --max-file-size",
    "encoding": "A file is not UTF-8",
    "invalid-text": "A value holds a lone surrogate, which is not text",
    "empty-file": "A file has no content",
    "not-a-mapping": "A file (or JSON Lines record) is not a mapping of fields",
    "yaml-syntax": "A YAML file cannot be parsed",
    "yaml-version": "A YAML file asks for a YAML version other than 1.2",
    "several-documents": "A YAML file holds more than one document",
    "yaml-alias": "A YAML alias: claim files take none",
    "yaml-anchor": "A YAML anchor: claim files take none",
    "yaml-tag": "A YAML tag: claim files take none",
    "key-not-text": "A mapping key is not plain text",
    "duplicate-key": "A key is given twice in one mapping",
    "deep-nesting": "A file is nested too deeply",
    "json-syntax": "A JSON (or JSON Lines) file cannot be parsed",
    "json-constant": "A JSON value is NaN or Infinity",
    "csv-syntax": "A CSV row cannot be parsed",
    "csv-header": "A CSV header has an empty, repeated or unknown name, or lacks a needed column",
    "csv-extra-cells": "A CSV row has more cells than the header",
    "nested-value": "A flat record's field holds a list or mapping where text belongs",
    "unknown-field": "A field the file format does not have",
    "invalid-field": "A field of the wrong shape: missing, not text, not a list ...",
    "no-story": "A report file has no story.yaml beside it",
    "duplicate-story": "Two story.yaml files declare the same story",
    "story-unusable": "A report's story.yaml cannot be used (no story id, or unreadable)",
    "duplicate-id": "A claim id is used twice in one story",
    "unknown-event": "A claim names an event the story does not declare",
    "unknown-quantity": "A claim names a quantity the story does not declare",
    "invalid-value": "A value cannot be read as an interval",
    "invalid-date": "A date cannot be read",
    "invalid-relation": "A relation in story.yaml cannot be read",
    "alias-clash": "A name is listed under two alias keys in story.yaml",
    "invalid-vague": "A vague word in story.yaml needs two numbers, low then high",
}


@dataclass(slots=True)
class Report:
    groups: list[GroupResult] = field(default_factory=list)
    relations: list[RelationResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    claims_read: int = 0
    stories: dict[str, Story] = field(default_factory=dict)  # titles, relations, for display
    # The summary, where the groups and relations were left out (judged by worker
    # processes for a format that lists only findings: ``reconcile.parallel``). Such a
    # report is for listing its findings and problems only: nothing that reads its
    # groups, relations or stories (tables, JUnit, acknowledging) can use it.
    counts: dict[str, int] | None = None

    def summary(self) -> dict[str, int]:
        if self.counts is not None:
            return dict(self.counts)
        verdicts = Counter(group.verdict for group in self.groups)
        return {
            "claims": self.claims_read,
            "groups": len(self.groups),
            "agree": verdicts["agree"],
            "consistent": verdicts["consistent"],
            "single_source": verdicts["single-source"],
            "conflict": verdicts["conflict"],
            "relations_violated": sum(r.status == "violated" for r in self.relations),
            "errors": len(self.problems),
        }

    def worst_severity(self) -> Severity | None:
        severities = {f.severity for f in self.findings if f.acknowledged is None}
        order: tuple[Severity, ...] = ("error", "warning")
        return next((severity for severity in order if severity in severities), None)


def beside_verdicts(findings: Iterable[Finding]) -> Counter[str]:
    """How many findings of each code no group or relation shows (``VERDICT_CODES``):
    the JSON document and the table have no place for them. (None of them can be
    acknowledged: an acknowledgement names a group or a relation.)"""
    return Counter(f.code for f in findings if f.code not in VERDICT_CODES)


def with_findings_of(report: Report, codes: Collection[str]) -> Report:
    """The report with only the findings whose code is in ``codes`` (``--select``,
    ``--ignore``). Input problems are never left out."""
    return replace(report, findings=[f for f in report.findings if f.code in codes])
