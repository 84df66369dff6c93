"""From paths to a corpus: stories, claims, and every problem, located.

Every file is read; a problem ends at most the file (or flat record, or claim) it
stands in, so that one broken file never hides what the others say.

One loader reads them all, each kind of file in a module of its own over the state
they share (``state``): story.yaml (``stories``), report files (``reports``) and flat
tables (``tables``), whose claims are read against their story (``claims``) or, where
one cannot be kept, checked as far as it can be (``unkept``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reconcile import origins
from reconcile.claims import Claim, Corpus
from reconcile.discovery import find_claim_files
from reconcile.loading.reports import ReportReader
from reconcile.loading.stories import StoryReader
from reconcile.loading.tables import TableReader
from reconcile.memory import long_lived_objects
from reconcile.partition import WHOLE, Share
from reconcile.problems import Problem
from reconcile.progress import OnProgress, ReadCount
from reconcile.readers import DEFAULT_MAX_BYTES
from reconcile.render.safe import visible
from reconcile.story_typos import find_story_typos
from reconcile.value_units import find_unit_mismatches


def load(
    paths: str | Path | Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: OnProgress | None = None,
    share: Share = WHOLE,
) -> Corpus:
    """Read every claim file below ``paths`` (or the one path) into a corpus;
    ``progress`` is told the bytes read so far and in all, as reading goes. Only the
    stories of ``share`` are kept, with the problems found in them (see
    ``reconcile.partition``). No path at all is a ``ValueError``: an empty report would
    pass for an all-clear."""
    if isinstance(paths, (str, Path)):  # one path, not the characters of its name
        paths = [paths]
    given = [Path(path) for path in paths]
    if not given:
        raise ValueError("no paths given: name the claim files or folders to read")
    found = find_claim_files(given)
    loader = _Loader(max_bytes, share)
    if share.keeps(None):
        loader.problems.extend(found.problems)
    loader.read = ReadCount(progress, [*found.stories, *found.reports, *found.tables])
    with long_lived_objects():
        for path in found.stories:
            loader.read_story(path)
            loader.read.file_read(path)
        for path in found.reports:
            loader.read_report(path)
            loader.read.file_read(path)
        for path in found.tables:
            loader.read_table(path)
            loader.read.file_read(path)
        return loader.corpus()


class _Loader(StoryReader, ReportReader, TableReader):
    """One loader for every kind of file: its readers add to the one state, so that a
    table finds the stories read before it, and a claim id its first use in any file."""

    def corpus(self) -> Corpus:
        by_story: dict[str, list[Claim]] = {}
        for claim in self.claims:
            by_story.setdefault(claim.story, []).append(claim)
        # Units story.yaml declares, before flat rows give units to the other quantities.
        findings = find_unit_mismatches(self.stories, by_story)
        findings += self.units.settle(self.stories)
        named: list[Claim] = []
        for story_id, claims in by_story.items():
            named.extend(origins.name_claims(self.stories[story_id], claims))
        findings += find_story_typos(self.stories, by_story)
        # Messages echo what files hold (names, values): no control characters in them.
        problems = [Problem(p.code, visible(p.message), p.location) for p in self.problems]
        stories = {id: story for id, story in self.stories.items() if self._keeps(id)}
        return Corpus(stories, named, problems, findings)
