"""The outcome of reconciling a corpus, as data: groups, relations, findings.

Nothing here knows how it will be shown; the renderers in ``reconcile.render``
turn a ``Report`` into terminal output, JSON, tables and CI formats.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from reconcile.claims import Claim, Quantity
from reconcile.interval import Bound
from reconcile.problems import Location, Problem
from reconcile.rules.agreement import Gap

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


@dataclass(frozen=True, slots=True)
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


FINDING_CODES: dict[str, tuple[Severity, str]] = {
    "value-conflict": ("error", "The claims about one quantity contradict each other"),
    "relation-violated": ("error", "A relation between quantities cannot hold"),
    "single-source": ("warning", "Every claim about a quantity comes from one origin"),
    "no-provenance": ("warning", "A claim has neither a url nor a quote"),
}


@dataclass(slots=True)
class Report:
    groups: list[GroupResult] = field(default_factory=list)
    relations: list[RelationResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    claims_read: int = 0

    def summary(self) -> dict[str, int]:
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
        severities = {finding.severity for finding in self.findings}
        order: tuple[Severity, ...] = ("error", "warning")
        return next((severity for severity in order if severity in severities), None)
