"""JUnit XML, for CI test reports (GitLab, Jenkins ...): one test case per group, per
relation row and per input problem, each named uniquely (GitLab keys cases on
``classname`` and ``name`` and drops repeats).

A case fails where a finding at or above ``fail_on`` is not acknowledged; an input
problem is an error. Warnings below ``fail_on`` and acknowledged findings, with their
reason, go to the case's ``system-out``. Characters that XML 1.0 does not allow are
removed before writing, so the document is always well-formed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from reconcile.problems import Location, Problem
from reconcile.render.paths import PerFile, repository_path
from reconcile.render.safe import COMMAND_BRACKET, name_as_written, visible
from reconcile.render.text import acknowledgement_text
from reconcile.report import FAILING, Finding, GroupResult, Report, fails

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_GROUP_CODES = frozenset({"value-conflict", "single-source", "no-provenance"})


class GroupCase(NamedTuple):
    """What names a group's test case: its key, and the file of its first claim."""

    story: str
    event: str
    quantity: str
    file: str


def group_cases(groups: Iterable[GroupResult]) -> list[GroupCase]:
    """The cases of ``groups``, in their order (the report's: by key)."""
    return [GroupCase(g.story, g.event, g.quantity.name, g.claims[0].file) for g in groups]


@dataclass(slots=True)
class Case:
    classname: str
    name: str
    file: str
    findings: list[Finding] = field(default_factory=list)
    problem: Problem | None = None


def to_junit(
    report: Report, *, fail_on: str = "error", groups: Sequence[GroupCase] | None = None
) -> str:
    """The JUnit document of ``report``; ``groups``: the cases of its groups, where the
    report does not hold them (judged in parallel, see ``group_cases``)."""
    failing = FAILING[fail_on]
    # as SARIF and GitHub name files: from the root, the name as it is
    paths = PerFile(lambda file: repository_path(name_as_written(file)))
    groups = group_cases(report.groups) if groups is None else groups
    cases = _unique(list(_cases(report, groups, paths)))
    failures = sum(any(fails(f, failing) for f in case.findings) for case in cases)
    errors = sum(case.problem is not None for case in cases)
    counts = {"tests": len(cases), "failures": failures, "errors": errors, "skipped": 0}
    totals = {key: str(value) for key, value in counts.items()}
    root = ET.Element("testsuites", {"name": "reconcile", **totals})
    suite = ET.SubElement(root, "testsuite", {"name": "reconcile check", **totals})
    for case in cases:
        _write_case(suite, case, failing, paths)
    ET.indent(root)
    document = _NO_COMMAND.sub(_as_reference, ET.tostring(root, "unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + document + "\n"


# What a CI runner would obey in its log: '::' that starts a line (after blanks), or
# '##[command]' or '##vso[command]' anywhere; as a character reference, it reads the same.
_NO_COMMAND = re.compile(rf"(\n[^\S\r\n]*):|{COMMAND_BRACKET.pattern}")


def _as_reference(match: re.Match[str]) -> str:
    line_start, before_bracket = match.groups()
    return f"{line_start}&#58;" if before_bracket is None else f"{before_bracket}&#91;"


def xml_text(text: str) -> str:
    """Text from a claim file, fit for XML: control characters shown, the rest removed."""
    return _NOT_XML.sub("", visible(text))


# -- cases -------------------------------------------------------------------------


def _cases(report: Report, groups: Sequence[GroupCase], paths: PerFile[str]) -> Iterator[Case]:
    """The cases, named as from the repository's root, wherever reconcile runs: GitLab
    keeps a test's history by its name."""
    for problem in report.problems:
        name = f"{problem.code} at {_where(problem.location, paths)}"
        yield Case("input", name, problem.location.file, problem=problem)
    by_group: dict[tuple[str, str, str], Case] = {}
    for story, event, quantity, file in groups:
        by_group[(story, event, quantity)] = Case(f"{story}.{event}", quantity, file)
    by_row: dict[tuple[str, str, str, Location], Case] = {}
    for row in report.relations:
        scope = row.scope if row.report is None else f"{row.scope}: {paths[row.report]}"
        if row.as_of is not None:  # named by its date, not numbered: a stable history
            scope += f", as of {row.as_of}"
        case = Case(f"{row.story}.{row.event}", f"{row.relation} ({scope})", row.location.file)
        by_row.setdefault((row.story, row.event, row.relation, row.location), case)
    yield from by_group.values()
    yield from by_row.values()
    yield from _attach(report.findings, by_group, by_row, paths)


def _attach(
    findings: list[Finding],
    by_group: dict[tuple[str, str, str], Case],
    by_row: dict[tuple[str, str, str, Location], Case],
    paths: PerFile[str],
) -> Iterator[Case]:
    """Put each finding in the case of its group or relation row; a finding with
    neither (an unused acknowledgement) makes a case of its own."""
    for finding in findings:
        key = (finding.story or "", finding.event or "", finding.quantity or "")
        case = by_group.get(key) if finding.code in _GROUP_CODES else None
        if finding.relation is not None and finding.code == "relation-violated":
            row = (finding.story or "", finding.event or "", finding.relation, finding.location)
            case = by_row.get(row)
        if case is None:
            name = f"{finding.code} at {_where(finding.location, paths)}"
            case = Case(finding.story or "findings", name, finding.location.file)
            yield case
        case.findings.append(finding)


def _unique(cases: list[Case]) -> list[Case]:
    """Number repeated (classname, name) pairs: ``name (2)``, ``name (3)`` ..."""
    seen: Counter[tuple[str, str]] = Counter()
    for case in cases:
        key = (xml_text(case.classname), xml_text(case.name))
        seen[key] += 1
        if seen[key] > 1:
            case.name = f"{case.name} ({seen[key]})"
    return cases


# -- writing -----------------------------------------------------------------------


def _write_case(
    suite: ET.Element, case: Case, failing: tuple[str, ...], paths: PerFile[str]
) -> None:
    # the worst first: GitLab shows the failure's type and message, not its lines
    failed = sorted(
        (finding for finding in case.findings if fails(finding, failing)),
        key=lambda finding: finding.severity != "error",
    )
    file = failed[0].location.file if failed else case.file  # where a reader must look
    element = ET.SubElement(
        suite,
        "testcase",
        classname=xml_text(case.classname),
        name=xml_text(case.name),
        file=xml_text(paths[file]),
    )
    if case.problem is not None:
        problem = case.problem
        error = ET.SubElement(
            element, "error", type=problem.code, message=xml_text(problem.message)
        )
        error.text = xml_text(f"{_where(problem.location, paths)}: {problem.message}")
    if failed:
        failure = ET.SubElement(
            element, "failure", type=failed[0].code, message=xml_text(failed[0].message)
        )
        failure.text = "\n".join(_line(finding, paths) for finding in failed)
    passed = [finding for finding in case.findings if not fails(finding, failing)]
    if passed:
        ET.SubElement(element, "system-out").text = "\n".join(_line(f, paths) for f in passed)


def _where(location: Location, paths: PerFile[str]) -> str:
    """A place as the cases name it: from the repository's root."""
    return f"{paths[location.file]}:{location.line}:{location.column}"


def _line(finding: Finding, paths: PerFile[str]) -> str:
    status: str = finding.severity
    if finding.acknowledged is not None:
        status = f"acknowledged {status}"
    line = f"{_where(finding.location, paths)}: {status}: {finding.message} [{finding.code}]"
    if finding.acknowledged is not None:
        line += f"; {acknowledgement_text(finding.acknowledged)}"
    return xml_text(line)
