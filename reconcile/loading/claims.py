"""A claim of a report or a flat table, read against its story.

Its event and quantity must be the story's (or, in a story with no story.yaml, ids);
its value reads as its quantity's type (as any type, where the quantity is not known),
and is read once for all the claims that give it alike; its id is its own. A claim
that reads well is added; each mistake is a problem, located.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from reconcile import origins
from reconcile.claims import Claim, Event, Quantity, Story
from reconcile.dates import ClaimDate
from reconcile.flat_record import ClaimFields, SourceFields, is_name
from reconcile.interval import Interval
from reconcile.loading.state import FieldAt, LoaderState, Place, located
from reconcile.names import did_you_mean, listing
from reconcile.problems import Location, Problem
from reconcile.render.safe import visible
from reconcile.values import (
    MAX_VALUE_LENGTH,
    NUMBER_AND_DATE_FORMS,
    QUANTITY_TYPES,
    Reading,
    ValueSyntaxError,
    read_as,
    too_long,
)


class ClaimReader(LoaderState):
    def _add_claim(
        self,
        story: Story,
        source: SourceFields,
        entry: ClaimFields,
        published: ClaimDate | None,
        file: str,
        report: str,
        field_at: FieldAt,
    ) -> bool:
        """Add the claim, where it reads well; whether it was added."""
        at = partial(located, file, field_at)
        if entry.id is not None:  # a clash is reported, whatever else is wrong; both count
            self._unique_id(story, entry.id, (file, *field_at("id")))
        quantity = self._quantity(story, entry, at)
        if quantity is None:  # what can be checked without it still is
            self._check_value_alone(story, entry, at)
            if entry.as_of is not None:
                self._claim_date(entry.as_of, at)
            return False
        interval = self._interval(story, quantity, entry.value, at)
        date = published if entry.as_of is None else self._claim_date(entry.as_of, at)
        # A date given that cannot be read (reported), as_of or published: the claim's
        # place in time is unknown, and judging it undated could change a verdict, but
        # for a fixed quantity, whose claims are judged whatever their dates: there it
        # is judged, so that its conflicts are not hidden behind the date's error.
        given = entry.as_of if entry.as_of is not None else source.published
        unplaced = given is not None and date is None and quantity.over_time != "fixed"
        if interval is None or unplaced:
            return False
        line, column = field_at("value")
        outlet = self._name(source.outlet)
        origin = self._name(origins.origin_of(story, outlet, entry.attributed_to, source.cites))
        self.claims.append(
            Claim(
                story.id,
                story.events[entry.event].name,
                quantity.name,
                entry.value,
                interval,
                outlet,
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
                published,
            )
        )
        return True

    # -- names -----------------------------------------------------------------

    def _quantity(
        self, story: Story, entry: ClaimFields, at: Callable[[str], Location]
    ) -> Quantity | None:
        if not story.declared:  # taken as they come, where they are ids (built when new)
            if entry.event not in story.events and self._is_id("event", entry.event, story, at):
                story.events[entry.event] = Event(entry.event)
            if entry.quantity not in story.quantities and self._is_id(
                "quantity", entry.quantity, story, at
            ):
                story.quantities[entry.quantity] = Quantity(entry.quantity)
            if entry.event not in story.events or entry.quantity not in story.quantities:
                return None
        known_event = entry.event in story.events
        if not known_event:
            self._unknown("event", entry.event, story.events, story, at("event"))
        quantity = story.quantities.get(entry.quantity)
        if quantity is None:
            self._unknown("quantity", entry.quantity, story.quantities, story, at("quantity"))
        return quantity if known_event else None

    def _is_id(self, kind: str, name: str, story: Story, at: Callable[[str], Location]) -> bool:
        """Whether a name of a story with no story.yaml is an id (SPEC: lowercase letters,
        digits, '_' and '.', starting with a letter); else that is said, so that
        ``Deaths`` or ``deaths `` never make a group of their own beside ``deaths``."""
        if is_name(name):
            return True
        if is_name(name.strip()):
            fix = "remove the spaces around it"
        else:
            declared = story.events if kind == "event" else story.quantities
            fix = (
                "use lowercase letters, digits, '_' and '.', starting with a letter"
                f"{did_you_mean(name.lower(), declared)}"
            )
        message = f"{visible(repr(name))} is not a valid {kind} name: {fix}"
        self.problems.append(Problem("invalid-field", message, at(kind)))
        return False

    def _unknown(
        self, kind: str, name: str, declared: Iterable[str], story: Story, where: Location
    ) -> None:
        message = (
            f"unknown {kind} '{name}' in story '{story.id}'{did_you_mean(name, declared)}; "
            f"declared: {listing(declared)}"
        )
        self.problems.append(Problem(f"unknown-{kind}", message, where))

    # -- values ----------------------------------------------------------------

    def _interval(
        self, story: Story, quantity: Quantity, value: str, at: Callable[[str], Location]
    ) -> Interval | None:
        """The value's interval; a value met before, in a story that reads values
        alike (tolerance, vague words), is not read again."""
        known = self.intervals_by_story.get(story.id)
        if known is None:
            known = self.intervals.setdefault((story.tolerance, story.vague), {})
            self.intervals_by_story[story.id] = known
        key = (quantity.reads_as, value)
        interval = known.get(key)
        if interval is None:
            interval = self._read_interval(story, quantity, value, at)
            if interval is not None:
                known[key] = interval
        return interval

    def _read_interval(
        self, story: Story, quantity: Quantity, value: str, at: Callable[[str], Location]
    ) -> Interval | None:
        try:
            return _read_as(quantity, value, story).interval
        except ValueSyntaxError as error:
            self.problems.append(Problem("invalid-value", error.message, at("value")))
            return None

    def _new_interval(self, story: Story, quantity: Quantity, value: str) -> Interval | None:
        """The interval of a value not met before, kept as ``_interval`` keeps it; None
        where it does not read well (the usual path then reads it again, and says why)."""
        try:
            read = _read_as(quantity, value, story)
        except ValueSyntaxError:
            return None
        self.intervals_by_story[story.id][(quantity.reads_as, value)] = read.interval
        return read.interval

    def _check_value_alone(
        self, story: Story, entry: ClaimFields, at: Callable[[str], Location]
    ) -> None:
        """The value of a claim of an unknown event or quantity: read as its quantity's
        type where the quantity is known (of a story with no story.yaml, a count, as its
        quantities are), else as any type."""
        quantity = story.quantities.get(entry.quantity)
        if quantity is None and not story.declared:
            quantity = Quantity(entry.quantity)
        if quantity is not None:
            self._interval(story, quantity, entry.value, at)
        else:
            self._check_untyped(entry.value, at("value"), story)

    def _check_untyped(self, value: str, where: Location, story: Story | None = None) -> None:
        """A value whose quantity is not known, so neither its type: an error where no
        type reads it (with the story's vague words, where the story is known)."""
        if len(value) > MAX_VALUE_LENGTH:
            self.problems.append(Problem("invalid-value", too_long(value), where))
            return
        story = story or Story("")  # the default tolerance, no vague words of its own
        errors = []
        for type in QUANTITY_TYPES:
            try:
                read_as(value, type, story.tolerance, story.vague, None)
                return
            except ValueSyntaxError as error:
                errors.append(error)
        self.problems.append(Problem("invalid-value", _untyped_error(value, errors), where))

    # -- ids -------------------------------------------------------------------

    def _unique_id(self, story: Story, claim_id: str, place: Place) -> None:
        first = self.ids.setdefault((story.id, claim_id), place)
        if first is not place:
            self._duplicate_id(story, claim_id, first, place)

    def _duplicate_id(self, story: Story, claim_id: str, first: Place, place: Place) -> None:
        message = (
            f"claim id '{claim_id}' is used twice in story '{story.id}': "
            f"first at {Location(*first)}"
        )
        self.problems.append(Problem("duplicate-id", message, Location(*place)))


def _read_as(quantity: Quantity, value: str, story: Story) -> Reading:
    type, unit = quantity.reads_as
    return read_as(value, type, story.tolerance, story.vague, unit)


def _untyped_error(value: str, errors: list[ValueSyntaxError]) -> str:
    """What is wrong with a value that no type of quantity reads, for a quantity whose
    type is not known: a reader's own finding (a range that runs backwards, a day not
    in the calendar), else that it reads as no value (no type named: which it is, is
    the story's)."""
    found = next((error.message for error in errors if not error.unread), None)
    return found or f"cannot read {value.strip()!r} as a number or a date; {NUMBER_AND_DATE_FORMS}"
