"""A story.yaml with mistakes, still used for what it gets right.

The mistakes themselves are reported by validation; here the parts they stand in are
set aside (a field left at its default, a quantity left without its bad ``type``), so
that the reports beside the file are still checked against the rest of it rather
than skipped in silence. Only a story without a usable ``story`` id is given up.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from reconcile.models import StoryFile

MAX_ROUNDS = 8  # each round sets aside every part that failed; a few always suffice
_DECLARATIONS = ("events", "quantities")  # an entry set aside stays declared, bare
_LISTS = ("relations", "acknowledged")  # an item set aside: the rest keep their places


@dataclass(frozen=True, slots=True)
class Salvaged:
    """A story with what failed set aside; ``places``: where each item kept of a list
    stood in the file (an item set aside leaves the others' places as they were)."""

    story: StoryFile
    places: dict[str, list[int]]

    def place(self, name: str, index: int) -> int:
        return self.places[name][index] if name in self.places else index


def salvage_story(data: object) -> Salvaged | None:
    """The story of ``data`` (which failed validation) with what failed set aside, or
    None where its id itself is missing or invalid."""
    if not isinstance(data, dict):
        return None
    kept: dict[str, Any] = copy.deepcopy(data)
    places = {name: list(range(len(kept[name]))) for name in _LISTS if _is_list(kept, name)}
    for _ in range(MAX_ROUNDS):
        try:
            return Salvaged(StoryFile.model_validate(kept), places)
        except ValidationError as error:
            locations = [detail["loc"] for detail in error.errors()]
        if any(not loc or loc[0] == "story" for loc in locations):
            return None
        items = [loc for loc in locations if _is_item(kept, loc)]
        for loc in locations:
            if loc not in items:
                _set_aside(kept, loc)
        for name in _LISTS:
            bad = {loc[1] for loc in items if loc[0] == name}
            if bad and _is_list(kept, name):
                kept[name] = [item for i, item in enumerate(kept[name]) if i not in bad]
                places[name] = [place for i, place in enumerate(places[name]) if i not in bad]
    return None


def _is_list(data: dict[str, Any], name: str) -> bool:
    return isinstance(data.get(name), list)


def _is_item(data: dict[str, Any], loc: tuple[int | str, ...]) -> bool:
    """Whether ``loc`` is in one item of a list that keeps the rest (``relations``)."""
    if len(loc) < 2 or loc[0] not in _LISTS or not isinstance(loc[1], int):
        return False
    return _is_list(data, str(loc[0]))


def _set_aside(data: dict[str, Any], loc: tuple[int | str, ...]) -> None:
    path = [part for part in loc if part != "[key]"]
    bad_name = "[key]" in loc
    top = str(path[0])
    entries = data.get(top)
    if len(path) == 1 or top in _LISTS or not isinstance(entries, dict):
        data.pop(top, None)
    elif bad_name or top not in _DECLARATIONS:
        entries.pop(path[1], None)  # a badly named declaration, an alias, a vague word
    elif len(path) >= 3 and isinstance(entries.get(path[1]), dict):
        entries[path[1]].pop(path[2], None)  # a bad field of one declaration
    else:
        entries[path[1]] = None  # a declaration that is no mapping: declared, bare
