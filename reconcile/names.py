"""Matching names as people write them: outlets, origins, aliases, ids."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache


@lru_cache(maxsize=65_536)  # called for every claim's outlet and origin; names repeat
def fold(name: str) -> str:
    """The form two spellings of one name share: case, repeated spaces and a
    leading "the" do not count ("The  Example Wire" ~ "example wire"), nor what
    cannot be seen: a zero-width space, a soft hyphen, a byte order mark, an accent
    written apart from its letter (``unicodedata`` NFKC)."""
    if not name.isascii():
        name = unicodedata.normalize("NFKC", INVISIBLE.sub("", name))
    folded = " ".join(name.split()).casefold()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


# Characters that take no room and show nothing (in a name, where they could make two
# of what reads as one): the soft hyphen, the zero-width ones, direction marks, the word
# joiner and its kin, variation selectors, Hangul fillers, the byte order mark, and tag
# characters but those of a flag (🏴 then tags: Scotland's, Wales'). Not every format
# character: Arabic's signs show.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff9-\ufffb\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0100-\U000e01ef]"
    "|(?<![\U0001f3f4\U000e0020-\U000e007f])[\U000e0020-\U000e007f]+"
)


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """A suffix for an error message naming the closest choice, or ''."""
    ordered = sorted(choices)
    # 'killed' for 'fighters.killed': a part of a dotted name, before any near spelling
    parts = [choice for choice in ordered if name in choice.split(".")]
    if 0 < len(parts) <= 3:
        return f"; did you mean {listing(parts)}?"
    others = [choice for choice in ordered if choice not in parts]  # not one of too many
    close = close_names(name, others)
    return f"; did you mean '{close[0]}'?" if close else ""


def close_names(
    name: str, choices: Iterable[str], *, closeness: float = 0.6, most: int = 1
) -> list[str]:
    """The choices spelled most like ``name`` (difflib's ratio, 0 to 1), closest first."""
    return difflib.get_close_matches(name, list(choices), n=most, cutoff=closeness)


def joined(items: Sequence[str], word: str = "and") -> str:
    """Items in their order, for a sentence: "a", "a and b", "a, b or c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def listing(choices: Iterable[str]) -> str:
    """Choices for an error message: "'a', 'b' or 'c'"."""
    quoted = [f"'{choice}'" for choice in sorted(choices)]
    if len(quoted) <= 1:
        return "".join(quoted) or "(none declared)"
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def split_cites(text: str) -> list[str]:
    """CSV cells hold cited outlets as one ``;``-separated string."""
    return [part.strip() for part in text.split(";") if part.strip()]
