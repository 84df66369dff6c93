"""From paths to a corpus: stories, claims, and every problem, located.

Every file is read; a problem ends at most the file (or flat record, or claim) it
stands in, so that one broken file never hides what the others say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path

from reconcile import origins
from reconcile.claims import Claim, Corpus, DeclaredRelation, Event, Quantity, Story
from reconcile.dates import ClaimDate, read_claim_date
from reconcile.discovery import display_path, find_claim_files, story_file_beside
from reconcile.interval import Bound, Interval, normalize
from reconcile.models import ClaimEntry, FlatRecord, ReportOutline, Source, StoryFile
from reconcile.names import did_you_mean, listing
from reconcile.problems import InputError, Location, Problem
from reconcile.readers import (
    DEFAULT_MAX_BYTES,
    Document,
    Record,
    open_text,
    read_document,
    read_records,
)
from reconcile.relation_syntax import RelationSyntaxError, parse_relation
from reconcile.validation import Locate, NodePath, validate
from reconcile.values import Vague, ValueSyntaxError, read_value

FieldAt = Callable[[str], tuple[int, int]]


def load(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Read every claim file below ``paths`` into a corpus."""
    found = find_claim_files(Path(path) for path in paths)
    loader = _Loader(max_bytes)
    loader.problems.extend(found.problems)
    for path in found.stories:
        loader.read_story(path)
    for path in found.reports:
        loader.read_report(path)
    for path in found.tables:
        loader.read_table(path)
    return loader.corpus()


class _Loader:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.stories: dict[str, Story] = {}
        self.story_by_file: dict[Path, Story] = {}
        self.claims: list[Claim] = []
        self.problems: list[Problem] = []
        self.ids: dict[tuple[str, str], Location] = {}

    def corpus(self) -> Corpus:
        named: list[Claim] = []
        by_story: dict[str, list[Claim]] = {}
        for claim in self.claims:
            by_story.setdefault(claim.story, []).append(claim)
        for story_id, claims in by_story.items():
            named.extend(origins.name_claims(self.stories[story_id], claims))
        return Corpus(self.stories, named, self.problems)

    # -- documents -------------------------------------------------------------

    def _document(self, path: Path) -> Document | None:
        file = display_path(path)
        try:
            raw = path.read_bytes()
            return read_document(raw, suffix=path.suffix.lower(), max_bytes=self.max_bytes)
        except InputError as error:
            self.problems.append(error.at(file))
        except OSError as error:
            self.problems.append(Problem("unreadable", _os_message(error), Location(file)))
        return None

    # -- story.yaml ------------------------------------------------------------

    def read_story(self, path: Path) -> None:
        file = display_path(path)
        document = self._document(path)
        if document is None:
            return
        model, problems = validate(StoryFile, document.data, file, _locator(document))
        self.problems.extend(problems)
        if model is None:
            return
        if model.story in self.stories:
            first = self.stories[model.story].file
            where = Location(file, *document.position(("story",)))
            message = f"story '{model.story}' is declared twice: first in {first}"
            self.problems.append(Problem("duplicate-story", message, where))
            return
        story = self._build_story(model, file, document)
        self.stories[story.id] = story
        self.story_by_file[path.resolve()] = story

    def _build_story(self, model: StoryFile, file: str, document: Document) -> Story:
        def at(*path: str | int) -> Location:
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
        story.aliases = origins.alias_table(model.aliases)
        story.vague = self._vague(model.vague, at)
        return story

    def _vague(self, table: dict[str, list[str]], at: Callable[..., Location]) -> Vague:
        words: list[tuple[str, Bound, Bound]] = []
        for word, (low, high) in table.items():
            try:
                bounds = (normalize(Fraction(low)), normalize(Fraction(high)))
            except (ValueError, ZeroDivisionError):
                bounds = (1, 0)
            if bounds[0] > bounds[1] or bounds[0] < 0:
                where = at("vague", word)
                self.problems.append(Problem("invalid-vague", _vague_message(word), where))
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

    def _check_date(self, text: str, where: Location) -> ClaimDate | None:
        try:
            return read_claim_date(text)
        except ValueSyntaxError as error:
            self.problems.append(Problem("invalid-date", error.message, where))
            return None

    # -- report files ------------------------------------------------------------

    def read_report(self, path: Path) -> None:
        file = display_path(path)
        story = self._story_beside(path, file)
        document = self._document(path)
        if document is None or story is None:
            return
        locate = _locator(document)
        outline, problems = validate(ReportOutline, document.data, file, locate)
        source, source_problems = validate(
            Source, _get(document.data, "source"), file, locate, ("source",)
        )
        self.problems.extend(problems + (source_problems if outline else []))
        if outline is None or source is None:
            return
        published = self._date_at(
            source.published, file, document.position(("source", "published"))
        )
        for index, item in enumerate(outline.claims):
            base = ("claims", index)
            entry, problems = validate(ClaimEntry, item, file, locate, base)
            self.problems.extend(problems)
            if entry is not None:

                def field_at(field: str, base: NodePath = base) -> tuple[int, int]:
                    return document.position((*base, field))

                self._add_claim(story, source, entry, published, file, file, field_at)

    def _story_beside(self, path: Path, file: str) -> Story | None:
        story_path = story_file_beside(path)
        if story_path is None:
            message = (
                "this report is not in a story folder: put a story.yaml beside it "
                "(or use a flat table, .jsonl or .csv, with a 'story' column)"
            )
            self.problems.append(Problem("no-story", message, Location(file)))
            return None
        return self.story_by_file.get(story_path.resolve())

    def _date_at(self, text: str | None, file: str, position: tuple[int, int]) -> ClaimDate | None:
        return None if text is None else self._check_date(text, Location(file, *position))

    # -- claims ----------------------------------------------------------------

    def _add_claim(
        self,
        story: Story,
        source: Source,
        entry: ClaimEntry,
        published: ClaimDate | None,
        file: str,
        report: str,
        field_at: FieldAt,
    ) -> None:
        def at(field: str) -> Location:
            return Location(file, *field_at(field))

        quantity = self._quantity(story, entry, at)
        if quantity is None:
            return
        interval = self._interval(story, quantity, entry.value, at("value"))
        date = published if entry.as_of is None else self._check_date(entry.as_of, at("as_of"))
        if interval is None or (entry.as_of is not None and date is None):
            return
        if entry.id is not None and not self._unique_id(story, entry.id, at("id")):
            return
        line, column = field_at("value")
        origin = origins.origin_of(story, source.outlet, entry.attributed_to, source.cites)
        self.claims.append(
            Claim(
                story.id,
                entry.event,
                entry.quantity,
                entry.value,
                interval,
                source.outlet,
                origin,
                date,
                report,
                file,
                line,
                column,
                entry.id,
                entry.quote,
                source.url,
                entry.note,
            )
        )

    def _quantity(
        self, story: Story, entry: ClaimEntry, at: Callable[[str], Location]
    ) -> Quantity | None:
        if not story.declared:
            story.events.setdefault(entry.event, Event(entry.event))
            story.quantities.setdefault(entry.quantity, Quantity(entry.quantity))
        if entry.event not in story.events:
            self._unknown("event", entry.event, story.events, story, at("event"))
            return None
        if entry.quantity not in story.quantities:
            self._unknown("quantity", entry.quantity, story.quantities, story, at("quantity"))
            return None
        return story.quantities[entry.quantity]

    def _unknown(
        self, kind: str, name: str, declared: Iterable[str], story: Story, where: Location
    ) -> None:
        message = (
            f"unknown {kind} '{name}' in story '{story.id}'{did_you_mean(name, declared)}; "
            f"declared: {listing(declared)}"
        )
        self.problems.append(Problem(f"unknown-{kind}", message, where))

    def _interval(
        self, story: Story, quantity: Quantity, value: str, where: Location
    ) -> Interval | None:
        try:
            return read_value(
                value, quantity.type, tolerance=story.tolerance, vague=story.vague
            ).interval
        except ValueSyntaxError as error:
            self.problems.append(Problem("invalid-value", error.message, where))
            return None

    def _unique_id(self, story: Story, claim_id: str, where: Location) -> bool:
        first = self.ids.setdefault((story.id, claim_id), where)
        if first is where:
            return True
        message = f"claim id '{claim_id}' is used twice in story '{story.id}': first at {first}"
        self.problems.append(Problem("duplicate-id", message, where))
        return False

    # -- flat tables -------------------------------------------------------------

    def read_table(self, path: Path) -> None:
        file = display_path(path)
        try:
            with open_text(path) as stream:
                for item in read_records(stream, suffix=path.suffix.lower()):
                    if isinstance(item, InputError):
                        self.problems.append(item.at(file))
                    else:
                        self._read_record(item, file)
        except OSError as error:
            self.problems.append(Problem("unreadable", _os_message(error), Location(file)))

    def _read_record(self, record: Record, file: str) -> None:
        def locate(path: NodePath, key: bool) -> tuple[int, int]:
            return record.position(str(path[0]) if path else None)

        flat, problems = validate(FlatRecord, record.fields, file, locate)
        self.problems.extend(problems)
        if flat is None:
            return
        story = self.stories.get(flat.story)
        if story is None:
            story = self.stories[flat.story] = Story(flat.story)
        if not story.declared and flat.quantity not in story.quantities:
            story.quantities[flat.quantity] = Quantity(flat.quantity, unit=flat.unit)
        source = Source(
            outlet=flat.outlet, url=flat.url, published=flat.published, cites=flat.cites
        )
        published = self._date_at(flat.published, file, record.position("published"))
        report = f"{file}: {flat.outlet}, {flat.url or flat.published or 'undated'}"
        self._add_claim(story, source, flat, published, file, report, record.position)


def _locator(document: Document) -> Locate:
    def locate(path: NodePath, key: bool) -> tuple[int, int]:
        return document.position(path, key=key)

    return locate


def _get(data: object, key: str) -> object:
    return data.get(key) if isinstance(data, dict) else None


def _os_message(error: OSError) -> str:
    return f"cannot read this file: {error.strerror or error}"


def _vague_message(word: str) -> str:
    return f"vague word '{word}' needs two numbers, low then high, e.g. '{word}: [24, 99]'"
