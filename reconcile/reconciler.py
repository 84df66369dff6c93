"""From a corpus to a report: judge every group, check relations, list findings."""

from __future__ import annotations

from reconcile.acknowledgements import acknowledge
from reconcile.claims import Claim, Corpus
from reconcile.groups import group_claims, judge_group
from reconcile.memory import long_lived_objects
from reconcile.report import Finding, GroupResult, RelationResult, Report, listing_order
from reconcile.rules.relations import check_relations


def reconcile(corpus: Corpus) -> Report:
    """Judge every group of the corpus and check every relation of its stories."""
    with long_lived_objects():  # a result per group and per claim, kept to the end
        return _reconcile(corpus)


def _reconcile(corpus: Corpus) -> Report:
    grouped = group_claims(corpus.claims)
    groups = [
        judge_group(key, corpus.stories[key[0]].quantities[key[2]], claims)
        for key, claims in sorted(grouped.items())
    ]
    relations = check_relations(corpus, groups)
    findings = [
        *(_group_finding(group) for group in groups if group.verdict in _FLAGGED),
        *(_relation_finding(row) for row in relations if row.status == "violated"),
        *(_unsourced(claim) for claim in corpus.claims if not _has_provenance(claim)),
        *corpus.findings,
    ]
    findings.sort(key=listing_order)
    problems = sorted(corpus.problems, key=listing_order)
    report = Report(groups, relations, findings, problems, len(corpus.claims), corpus.stories)
    return acknowledge(report, corpus.stories)


_FLAGGED = {"conflict": "value-conflict", "single-source": "single-source"}


def _group_finding(group: GroupResult) -> Finding:
    code = _FLAGGED[group.verdict]
    claim = _pointed_claim(group)
    message = f"{group.event} {group.quantity.name}: {group.verdict}: {group.explanation}"
    return Finding.of(
        code,
        message,
        claim.location,
        story=group.story,
        event=group.event,
        quantity=group.quantity.name,
        claim_id=claim.id,
    )


def _pointed_claim(group: GroupResult) -> Claim:
    """Where a finding about a group points: the first claim outside the estimate
    (the odd one out), else the nearest miss, else the first claim. Over time the
    estimate is of the latest claims, so there the nearest miss is the odd one out."""
    fixed = group.quantity.over_time == "fixed"
    if group.verdict == "conflict" and group.estimate is not None and fixed:
        estimate = group.estimate.interval
        for claim in group.claims:
            if not claim.interval.overlaps(estimate):
                return claim
    if group.gap is not None:
        return group.gap.lower
    return group.claims[0]


def _relation_finding(row: RelationResult) -> Finding:
    scope = row.scope if row.as_of is None else f"{row.scope}, as of {row.as_of}"
    message = f"{row.event}: {row.relation} ({scope}): {row.detail}"
    return Finding.of(
        "relation-violated",
        message,
        row.location,
        story=row.story,
        event=row.event,
        relation=row.relation,
    )


def _has_provenance(claim: Claim) -> bool:
    """A url or a quote: blanks alone are neither."""
    url, quote = claim.url, claim.quote
    return bool((url and not url.isspace()) or (quote and not quote.isspace()))


def _unsourced(claim: Claim) -> Finding:
    message = (
        f"claim of {claim.outlet} for {claim.event} {claim.quantity} has neither url nor quote"
    )
    return Finding.of(
        "no-provenance",
        message,
        claim.location,
        story=claim.story,
        event=claim.event,
        quantity=claim.quantity,
        claim_id=claim.id,
    )
