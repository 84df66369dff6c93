"""A story.yaml, read into a story: its events, quantities, relations, aliases, vague
words and acknowledgements, each mistake located where it is written. A story that
cannot be used is not judged, but the mistakes of the rest of it are still listed.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile import origins
from reconcile.claims import DeclaredAcknowledgement, DeclaredRelation, Event, Quantity, Story
from reconcile.discovery import display_path, real_path
from reconcile.interval import Bound, normalize
from reconcile.loading.state import LoaderState, locator
from reconcile.problems import Location, Problem
from reconcile.relation_syntax import RelationSyntaxError, parse_relation
from reconcile.values import Vague

if TYPE_CHECKING:  # pydantic and the YAML reader load when a story is read
    from reconcile.models import StoryFile
    from reconcile.readers.document import Document


def _as_in_the_file(name: str, index: int) -> int:
    """Where the item ``index`` of the list ``name`` stands in a story read whole."""
    return index


class StoryReader(LoaderState):
    def read_story(self, path: Path) -> None:
        """Every story.yaml is read, since flat tables may name its story; its problems
        are kept where its story is."""
        problems_before = len(self.problems)
        story_id = self._read_story(path)
        if not self._keeps(story_id):
            del self.problems[problems_before:]

    def _read_story(self, path: Path) -> str | None:
        """Read a story.yaml; the id it declares, if it can be read."""
        from reconcile.models import StoryFile
        from reconcile.story_salvage import salvage_story
        from reconcile.validation import validate

        file = display_path(path)
        document = self._document(path)
        if document is None:
            return None
        model, problems = validate(StoryFile, document.data, file, locator(document))
        self.problems.extend(problems)
        place_of = _as_in_the_file
        if model is None:
            salvaged = salvage_story(document.data)  # its mistakes are reported above
            if salvaged is None:
                self._other_mistakes(document, file)
                return None
            model, place_of = salvaged.story, salvaged.place
        if model.story in self.stories:
            first = self.stories[model.story].file
            where = Location(file, *document.position(("story",)))
            message = (
                f"story '{model.story}' is declared twice: first in {first}; give each "
                "story its own id (the reports beside this file are not judged)"
            )
            self.problems.append(Problem("duplicate-story", message, where))
            self.stories_given_up.add(real_path(path))
            return model.story
        story = self._build_story(model, file, document, place_of)
        self.stories[story.id] = story
        self.story_by_file[real_path(path)] = story
        return story.id

    def _build_story(
        self,
        model: StoryFile,
        file: str,
        document: Document,
        place_of: Callable[[str, int], int] = _as_in_the_file,
    ) -> Story:
        def at(*path: str | int) -> Location:
            if len(path) >= 2 and isinstance(path[1], int):  # an item of a list, kept
                path = (path[0], place_of(str(path[0]), path[1]), *path[2:])
            return Location(file, *document.position(path))

        story = Story(model.story, model.title, model.tolerance, file=file)
        for name, event in model.events.items():
            story.events[name] = Event(
                name, event.title if event else None, event.date if event else None
            )
            if event and event.date is not None:
                self._check_date(event.date, at("events", name, "date"))
        for name, spec in model.quantities.items():
            story.quantities[name] = (
                Quantity(name, spec.type, spec.unit, spec.over_time, spec.description)
                if spec
                else Quantity(name)
            )
        for index, text in enumerate(model.relations):
            self._relation(story, text, at("relations", index))
        story.aliases, clashes = origins.alias_table(model.aliases)
        for clash in clashes:
            names = model.aliases[clash.key]
            place = ("aliases", clash.key, names.index(clash.name)) if clash.name in names else ()
            where = at(*place) if place else at("aliases", clash.key)
            self.problems.append(Problem("alias-clash", clash.message, where))
        story.vague = self._vague(model.vague, at)
        story.acknowledged = self._acknowledgements(model, at)
        return story

    def _other_mistakes(self, document: Document, file: str) -> None:
        """A story without a usable id is not judged; the mistakes of the rest of it
        (relations, aliases, acknowledgements) are listed all the same, now rather than
        once the id is mended."""
        from reconcile.story_salvage import salvage_story

        if isinstance(document.data, dict):
            stand_in = salvage_story({**document.data, "story": "story"})
            if stand_in is not None:
                self._build_story(stand_in.story, file, document, stand_in.place)

    def _acknowledgements(
        self, model: StoryFile, at: Callable[..., Location]
    ) -> list[DeclaredAcknowledgement]:
        """The entries to apply: not one whose date of review does not read, as what it
        covers (claims reported up to that date) cannot be known; its error says why."""
        applied = []
        for index, entry in enumerate(model.acknowledged):
            date = entry.date
            if (
                date is not None
                and self._check_date(date, at("acknowledged", index, "date")) is None
            ):
                continue
            applied.append(DeclaredAcknowledgement(entry, at("acknowledged", index)))
        return applied

    def _vague(self, table: dict[str, list[str]], at: Callable[..., Location]) -> Vague:
        words: list[tuple[str, Bound, Bound]] = []
        for word, (low, high) in table.items():
            message = _vague_message(word)
            try:
                bounds = (normalize(Fraction(low)), normalize(Fraction(high)))
            except (ValueError, ZeroDivisionError):
                bounds = (1, 0)
            else:
                if bounds[0] > bounds[1] >= 0:
                    message += f"; {low} and {high} are the other way round"
            if bounds[0] > bounds[1] or bounds[0] < 0:
                where = at("vague", word)
                self.problems.append(Problem("invalid-vague", message, where))
                continue
            words.append((" ".join(word.lower().split()), *bounds))
        return tuple(sorted(words))

    def _relation(self, story: Story, text: str, where: Location) -> None:
        types = {name: quantity.type for name, quantity in story.quantities.items()}
        try:
            story.relations.append(DeclaredRelation(parse_relation(text, types), where))
        except RelationSyntaxError as error:
            column = where.column + error.offset
            self.problems.append(
                Problem("invalid-relation", error.message, Location(where.file, where.line, column))
            )


def _vague_message(word: str) -> str:
    return f"vague word '{word}' needs two numbers, low then high, e.g. '{word}: [24, 99]'"
