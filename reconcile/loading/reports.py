"""A report file, YAML or JSON beside its story.yaml, read into claims.

Its outline, its source and each of its claims are checked on their own, so that
every problem of the file is listed; a claim is judged only where its story is usable
and nothing leaves in doubt which value was meant.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reconcile.discovery import display_path, real_path, story_file_beside
from reconcile.loading.state import locator
from reconcile.loading.unkept import UnkeptChecks
from reconcile.problems import Location, Problem

if TYPE_CHECKING:  # pydantic and the YAML reader load when a report is read
    from pydantic import BaseModel

    from reconcile.claims import Story
    from reconcile.readers.document import Document
    from reconcile.validation import Locate, NodePath

SOURCE_FIELDS_TO_SPARE = ("url", "title")  # set aside when wrong: they change no verdict
Part = TypeVar("Part", bound="BaseModel")


class ReportReader(UnkeptChecks):
    def read_report(self, path: Path) -> None:
        """A report is read where its story is kept (a report with no usable story,
        by the share of what has none)."""
        beside = story_file_beside(path)
        known = None if beside is None else self.story_by_file.get(real_path(beside))
        if not self._keeps(None if known is None else known.id):
            return
        file = display_path(path)
        story_path = self._story_path_beside(path, file)
        document = self._document(path, keep_going=True)
        if document is None:
            return
        before = len(self.problems)
        in_doubt = self._in_doubt(document, file)
        if story_path is None:
            return
        self._read_claims_of(document, file, story_path, in_doubt)
        self._said_once(before)

    def _said_once(self, since: int) -> None:
        """A NaN where a value belongs is said to be no JSON number; that its text,
        'NaN', reads as no value is the same mistake said again."""
        constants = {p.location for p in self.problems[since:] if p.code == "json-constant"}
        if constants:
            self.problems[since:] = [
                p
                for p in self.problems[since:]
                if not (p.code == "invalid-value" and p.location in constants)
            ]

    def _read_claims_of(
        self, document: Document, file: str, story_path: Path, in_doubt: set[int | None]
    ) -> None:
        from reconcile.models import ClaimEntry, ReportOutline, Source
        from reconcile.validation import validate, without_bad_fields

        story = self._usable_story(story_path, file)  # None: checked, not judged
        locate = locator(document)
        _, problems = validate(ReportOutline, document.data, file, locate)
        self.problems.extend(problems)
        # Each part is checked on its own, so that every problem of the file is listed.
        source_data = _get(document.data, "source")
        source = self._part(Source, source_data, ("source",), file, locate)
        if source is None:  # an unknown field or a bad url changes no verdict: read on
            source = without_bad_fields(Source, source_data, SOURCE_FIELDS_TO_SPARE)
        claims = _get(document.data, "claims")
        items = claims if isinstance(claims, list) else []
        entries = [
            self._part(ClaimEntry, item, ("claims", index), file, locate)
            for index, item in enumerate(items)
        ]
        published = None
        if source is not None:
            where = document.position(("source", "published"))
            published = self._date_at(source.published, file, where)
        for index, (item, entry) in enumerate(zip(items, entries, strict=True)):

            def field_at(field: str, base: NodePath = ("claims", index)) -> tuple[int, int]:
                return document.position((*base, field))

            if story is None:
                self._check_without_story(item, file, field_at)
            elif entry is not None and source is not None:
                added = self._add_claim(story, source, entry, published, file, file, field_at)
                if added and in_doubt & {index, None}:
                    self.claims.pop()  # every check made, but which value was meant?
            else:  # not a claim to count, but its value can still be checked now
                self._check_value(story, item, file, field_at)

    def _in_doubt(self, document: Document, file: str) -> set[int | None]:
        """The claims left in doubt (by a key given twice, or a JSON ``NaN``), listed:
        its claim's index, or None where it lies outside the claims (every claim, then).
        Such a claim is checked, as the rest of the file is, but not judged."""
        for mapping, error in document.doubts:
            judged = (
                "no claim of the file is" if _claim_index(mapping) is None else "this claim is not"
            )
            fix = "; keep one of the two" if error.code == "duplicate-key" else ""
            message = f"{error.message}{fix} ({judged} judged until then)"
            self.problems.append(
                Problem(error.code, message, Location(file, error.line, error.column))
            )
        return {_claim_index(mapping) for mapping, _ in document.doubts}

    def _part(
        self, model: type[Part], data: object, base: NodePath, file: str, locate: Locate
    ) -> Part | None:
        """A part of a report as its model; a source that is not a mapping is left
        to the outline's message."""
        from reconcile.models import Source
        from reconcile.validation import validate

        if model is Source and not isinstance(data, dict):
            return None
        part, problems = validate(model, data, file, locate, base)
        self.problems.extend(problems)
        return part

    def _story_path_beside(self, path: Path, file: str) -> Path | None:
        story_path = story_file_beside(path)
        if story_path is None:
            message = (
                "this report is not in a story folder: put a story.yaml beside it "
                "(or use a flat table, .jsonl or .csv, with a 'story' column)"
            )
            self.problems.append(Problem("no-story", message, Location(file)))
        return story_path

    def _usable_story(self, story_path: Path, file: str) -> Story | None:
        """The story a report belongs to; where its story.yaml could not be used, that
        is said once, at the first report beside it, so that no claim goes unnoticed
        (the reports' own mistakes are still listed)."""
        real = real_path(story_path)
        story = self.story_by_file.get(real)
        if story is None and real not in self.stories_given_up:
            self.stories_given_up.add(real)
            message = (
                f"not judged, nor are the other reports beside {display_path(story_path)}, "
                "until its errors are corrected; their mistakes that do not depend on it "
                "are listed"
            )
            self.problems.append(Problem("story-unusable", message, Location(file)))
        return story


def _claim_index(mapping: NodePath) -> int | None:
    """The index of the claim a report's mapping at ``mapping`` lies in; None outside."""
    if len(mapping) >= 2 and mapping[0] == "claims" and type(mapping[1]) is int:
        return mapping[1]
    return None


def _get(data: object, key: str) -> object:
    return data.get(key) if isinstance(data, dict) else None
