"""Flat rows whose story id looks like a typo of a declared one.

A story with no story.yaml is taken as it comes, so ``rivr-flood-2021`` beside a
declared ``river-flood-2021`` makes a story of its own, and its claims are compared
with nothing. Where the id is spelled like a declared one, with the same numbers, and
its rows name an event and quantity that story declares, an ``undeclared-story``
warning says so, once, at the story's first claim. Ids whose numbers differ
(``river-flood-2020``) are taken for other years or editions of a story, not typos.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from reconcile.claims import Claim, Story
from reconcile.names import close_names
from reconcile.report import Finding

# As close as one letter left out or mistyped in an id of a dozen letters or so.
_CLOSENESS = 0.8
_NUMBERS = re.compile(r"[0-9]+")


def find_story_typos(
    stories: Mapping[str, Story], by_story: Mapping[str, Sequence[Claim]]
) -> list[Finding]:
    declared_by_numbers: dict[tuple[str, ...], list[str]] = {}
    for story_id in sorted(stories):
        if stories[story_id].declared:
            declared_by_numbers.setdefault(_numbers(story_id), []).append(story_id)
    findings = []
    for story_id, claims in by_story.items():
        alike = declared_by_numbers.get(_numbers(story_id))
        if stories[story_id].declared or not alike:
            continue
        near = next(
            (
                stories[close]
                for close in close_names(story_id, alike, closeness=_CLOSENESS, most=3)
                if _names_what_it_declares(stories[close], claims)
            ),
            None,
        )
        if near is not None:
            findings.append(_typo(story_id, near, claims[0]))
    return findings


def _numbers(story_id: str) -> tuple[str, ...]:
    return tuple(_NUMBERS.findall(story_id))


def _names_what_it_declares(story: Story, claims: Sequence[Claim]) -> bool:
    return any(
        claim.event in story.events and claim.quantity in story.quantities for claim in claims
    )


def _typo(story_id: str, near: Story, first: Claim) -> Finding:
    message = (
        f"story '{story_id}' has no story.yaml, but '{near.id}' ({near.file}) declares the "
        f"events and quantities its rows name: did you mean '{near.id}'? Its claims are "
        "compared with none of that story's"
    )
    return Finding.of("undeclared-story", message, first.location, story=story_id)
