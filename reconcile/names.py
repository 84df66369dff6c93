"""Matching names as people write them: outlets, origins, aliases, ids."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=65_536)  # called for every claim's outlet and origin; names repeat
def fold(name: str) -> str:
    """The form two spellings of one name share: case, repeated spaces and a
    leading "the" do not count ("The  Example Wire" ~ "example wire"), nor what
    cannot be seen: a zero-width space, a soft hyphen, a byte order mark, an accent
    written apart from its letter (``unicodedata`` NFKC)."""
    if not name.isascii():
        seen = "".join(char for char in name if unicodedata.category(char) != "Cf")
        name = unicodedata.normalize("NFKC", seen)
    folded = " ".join(name.split()).casefold()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """A suffix for an error message naming the closest choice, or ''."""
    ordered = sorted(choices)
    # 'killed' for 'fighters.killed': a part of a dotted name, before any near spelling
    close = [choice for choice in ordered if name in choice.split(".")]
    if not 0 < len(close) <= 3:  # none, or too many to name
        close = difflib.get_close_matches(name, ordered, n=1, cutoff=0.6)
    return f"; did you mean {listing(close)}?" if close else ""


def listing(choices: Iterable[str]) -> str:
    """Choices for an error message: "'a', 'b' or 'c'"."""
    quoted = [f"'{choice}'" for choice in sorted(choices)]
    if len(quoted) <= 1:
        return "".join(quoted) or "(none declared)"
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def split_cites(text: str) -> list[str]:
    """CSV cells hold cited outlets as one ``;``-separated string."""
    return [part.strip() for part in text.split(";") if part.strip()]
