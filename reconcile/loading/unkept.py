"""The checks of a claim that is not kept: a report's claim, or a table's row, whose
source, story or one of its fields is wrong.

What does not depend on the mistake is checked all the same (its dates, its id, its
value as its story reads it), so that a file's problems are listed at once.
"""

from __future__ import annotations

from functools import partial

from reconcile.claims import Quantity, Story
from reconcile.flat_record import is_story_id
from reconcile.loading.claims import ClaimReader
from reconcile.loading.state import FieldAt, located
from reconcile.problems import Location
from reconcile.readers import Record


class UnkeptChecks(ClaimReader):
    def _check_value(self, story: Story, item: object, file: str, field_at: FieldAt) -> None:
        """The checks of a claim that cannot be kept (its source or another of its fields
        is wrong) that do not depend on what is wrong, so that a file's problems are all
        listed at once rather than one round of corrections at a time."""
        fields = item if isinstance(item, dict) else {}
        at = partial(located, file, field_at)
        self._check_id(story, fields, file, field_at)
        if isinstance(as_of := fields.get("as_of"), str) and as_of:  # "": not given
            self._claim_date(as_of, at)
        event, quantity, value = (fields.get(name) for name in ("event", "quantity", "value"))
        if not all(isinstance(text, str) and text.strip() for text in (event, quantity)):
            return
        from reconcile.models import ClaimEntry

        is_text = isinstance(value, str) and bool(value.strip())
        entry = ClaimEntry.model_construct(
            event=event, quantity=quantity, value=value if is_text else ""
        )
        known = self._quantity(story, entry, at)  # its names, whatever its value
        if not is_text:
            return
        if known is not None:
            self._interval(story, known, entry.value, at)
        else:
            self._check_value_alone(story, entry, at)

    def _check_id(self, story: Story, fields: dict[str, object], file: str, at: FieldAt) -> None:
        """A claim not kept still uses its id: a clash with another is said now."""
        if isinstance(claim_id := fields.get("id"), str):
            self._unique_id(story, claim_id, (file, *at("id")))

    def _check_without_story(self, item: object, file: str, field_at: FieldAt) -> None:
        """The checks of a claim whose story.yaml cannot be used that need nothing of it:
        its date, and its value where no type of quantity reads it and it holds a digit
        (the quantity's type, and the story's own vague words, are the story's)."""
        fields = item if isinstance(item, dict) else {}
        as_of, value = fields.get("as_of"), fields.get("value")
        if isinstance(as_of, str) and as_of:
            self._claim_date(as_of, partial(located, file, field_at))
        if isinstance(value, str) and any(character.isdigit() for character in value):
            self._check_untyped(value, Location(file, *field_at("value")))

    def _check_unkept_record(self, record: Record, file: str) -> None:
        """The checks of a row that cannot be kept (a field unknown or missing) that do
        not depend on what is wrong: its dates, and its value as its story reads it."""
        fields = record.fields
        if isinstance(published := fields.get("published"), str) and published:
            self._date_at(published, file, record.position("published"))
        story_id, name, value = (fields.get(key) for key in ("story", "quantity", "value"))
        story = self.stories.get(story_id) if isinstance(story_id, str) else None
        if story is not None and story.declared:
            self._check_value(story, fields, file, record.position)
        elif is_story_id(story_id) and isinstance(name, str) and isinstance(value, str):
            # a story of no story.yaml: its quantities are counts, read with no words of its own
            self._check_id(story or Story(story_id), fields, file, record.position)
            at = partial(located, file, record.position)
            if isinstance(as_of := fields.get("as_of"), str) and as_of:
                self._claim_date(as_of, at)
            if value.strip():
                self._interval(story or Story(story_id), Quantity(name), value, at)
        else:
            self._check_without_story(fields, file, record.position)
