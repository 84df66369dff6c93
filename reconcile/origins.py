"""Origins: who a claim really comes from, and the one name each is shown by.

The origin of a claim is its ``attributed_to``, else the single outlet its report
``cites``, else the outlet itself. Spellings are folded (``reconcile.names.fold``)
and mapped through the story's ``aliases``; an aliased name is shown by its alias
key, any other by the spelling most claims use (ties: one without spaces around it or
doubled, then the smallest by code point).
Origins and outlets are named from one pool of spellings, so that one name is shown
the same way in both columns. Names are shown as written, never tidied: they are data.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter
from collections.abc import Sequence

from reconcile.claims import Claim, Story
from reconcile.names import INVISIBLE, fold


def alias_table(aliases: dict[str, list[str]]) -> tuple[dict[str, str], list[AliasClash]]:
    """Folded spelling -> alias key, for every key and every name listed under it; and
    the names that fold into two keys (the first key keeps them)."""
    table: dict[str, str] = {}
    spelled: dict[str, str] = {}  # folded -> the spelling first met
    clashes: list[AliasClash] = []
    for key, names in aliases.items():
        for name in (key, *names):
            folded = fold(name)
            first = table.setdefault(folded, key)
            first_name = spelled.setdefault(folded, name)
            if first != key:
                clashes.append(AliasClash(name, first, key, first_name))
    return table, clashes


@dataclasses.dataclass(frozen=True, slots=True)
class AliasClash:
    name: str
    first_key: str
    key: str  # where the name is met again
    first_name: str  # the spelling it was first met as: the first key, or a name under it

    @property
    def message(self) -> str:
        if self.name == self.key:
            same = f"'{_shown(self.first_key)}'"
            if self.first_name != self.first_key:
                same = f"'{_shown(self.first_name)}', an alias of '{self.first_key}'"
            return (
                f"alias key '{_shown(self.key)}' is the same name as {same} ({_MATCHED}); "
                "merge the two lists"
            )
        if fold(self.first_name) == fold(self.first_key):  # the first key itself
            return (
                f"'{_shown(self.name)}' is an alias key already, so it cannot be an alias of "
                f"'{self.key}' too ({_MATCHED}); list it under one key only"
            )
        return (
            f"'{_shown(self.name)}' is an alias of '{self.first_key}' already, so it cannot "
            f"be one of '{self.key}' too ({_MATCHED}); list it under one key only"
        )


_MATCHED = "names are matched ignoring case, spaces, a leading 'the' and what does not show"


def _shown(name: str) -> str:
    """A name with what does not show in it as escapes (``Example\\u200bWire``), and,
    where it is not composed as NFC writes it, its combining marks (``Le Cafe\\u0301``):
    so that two spellings that look alike can be told apart."""
    name = INVISIBLE.sub(lambda match: _escaped(match.group()), name)
    if unicodedata.is_normalized("NFC", name):
        return name
    return "".join(_escaped(char) if unicodedata.combining(char) else char for char in name)


def _escaped(text: str) -> str:
    return text.encode("unicode_escape").decode("ascii")


def identity(story: Story, name: str) -> str:
    """The key under which two spellings of one origin or outlet meet."""
    folded = fold(name)
    alias = story.aliases.get(folded)
    return fold(alias) if alias is not None else folded


def origin_of(story: Story, outlet: str, attributed_to: str | None, cites: Sequence[str]) -> str:
    """The spelling of the claim's origin, before naming."""
    if attributed_to and fold(attributed_to):  # blanks, or nothing that shows: not given
        return attributed_to
    shown = [name for name in cites if fold(name)]  # blanks, or nothing that shows: none
    if shown and len({identity(story, name) for name in shown}) == 1:
        return shown[0]
    return outlet


def display_names(story: Story, counts: Counter[str]) -> dict[str, str]:
    """Identity -> the name it is shown by, from how often each spelling is used."""
    best: dict[str, tuple[int, bool, str]] = {}
    for spelling, count in counts.items():  # each spelling is folded once
        key = identity(story, spelling)
        rank = (-count, spelling != " ".join(spelling.split()), spelling)
        if key not in best or rank < best[key]:
            best[key] = rank
    names = {key: spelling for key, (*_, spelling) in best.items()}
    keys = dict.fromkeys(story.aliases.values())  # in the order of story.yaml
    for key in reversed(keys):  # where two keys fold alike (an alias-clash), the first
        names[fold(key)] = key
    return names


def name_claims(story: Story, claims: list[Claim]) -> list[Claim]:
    """The claims of one story with origins and outlets shown by their display names."""
    counts = Counter(claim.origin for claim in claims)  # each spelling once for each claim
    counts.update(claim.outlet for claim in claims if claim.outlet != claim.origin)
    names = display_names(story, counts)
    renamed = {
        spelling: name
        for spelling in counts
        if (name := names[identity(story, spelling)]) != spelling
    }
    if not renamed:  # every name is shown as written: the usual case
        return claims
    return [
        dataclasses.replace(
            claim,
            origin=renamed.get(claim.origin, claim.origin),
            outlet=renamed.get(claim.outlet, claim.outlet),
        )
        if claim.origin in renamed or claim.outlet in renamed
        else claim
        for claim in claims
    ]
