"""A story.yaml with mistakes, still used for what it gets right.

The mistakes themselves are reported by validation; here the parts they stand in are
set aside (a field left at its default, a quantity left without its bad ``type``), so
that the reports beside the file are still checked against the rest of it rather
than skipped in silence. Only a story without a usable ``story`` id is given up.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from reconcile.models import StoryFile

MAX_ROUNDS = 8  # each round sets aside every part that failed; a few always suffice
_DECLARATIONS = ("events", "quantities")  # an entry set aside stays declared, bare
_LISTS = ("relations", "acknowledged")  # an item set aside would renumber the rest


def salvage_story(data: object) -> StoryFile | None:
    """The story of ``data`` (which failed validation) with what failed set aside, or
    None where its id itself is missing or invalid."""
    if not isinstance(data, dict):
        return None
    kept: dict[str, Any] = copy.deepcopy(data)
    for _ in range(MAX_ROUNDS):
        try:
            return StoryFile.model_validate(kept)
        except ValidationError as error:
            locations = [detail["loc"] for detail in error.errors()]
        if any(not loc or loc[0] == "story" for loc in locations):
            return None
        for loc in locations:
            _set_aside(kept, loc)
    return None


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
