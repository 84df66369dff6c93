"""The unit of a quantity, as the rows of flat tables give it.

A row may give a ``unit``. A quantity that no story.yaml declares takes the unit most
of its rows give, whatever order they come in (units are compared ignoring case and
repeated spaces; each is written as most of its rows write it; ties, the smallest by
code point). A unit other than that one, or other than the one story.yaml declares,
is an input problem, said once per unit, at its first row, with how many rows give
it. The rows' claims are kept: the unit says what a figure counts, not what it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from reconcile.claims import Story
from reconcile.formatting import plural
from reconcile.problems import Location, Problem


@dataclass(slots=True)
class _Given:
    spellings: Counter[str]  # how many rows write the unit each way
    first: Location

    @property
    def rows(self) -> int:
        return self.spellings.total()

    @property
    def written(self) -> str:
        return _most(self.spellings.items())[0]


def _most(counted: Iterable[tuple[str, int]]) -> tuple[str, int]:
    """The one most rows give; ties, the smallest by code point."""
    return min(counted, key=lambda item: (-item[1], item[0]))


class Units:
    """The units flat tables give, by story and quantity, until ``settle``."""

    def __init__(self) -> None:
        self.given: dict[tuple[str, str], dict[str, _Given]] = {}

    def give(self, story: str, quantity: str, unit: str, where: Callable[[], Location]) -> None:
        """A row of ``quantity`` gives ``unit``; ``where`` locates it (asked once per unit).
        A blank unit is none, as an empty cell of CSV is."""
        key = _folded(unit)
        if not key:
            return
        units = self.given.setdefault((story, quantity), {})
        given = units.get(key)
        if given is None:
            given = units[key] = _Given(Counter(), where())
        given.spellings[unit] += 1

    def settle(self, stories: Mapping[str, Story]) -> list[Problem]:
        """Give each quantity that no story.yaml declares its unit; the problems of the
        units that differ from a quantity's."""
        problems: list[Problem] = []
        for (story_id, name), units in self.given.items():
            story = stories[story_id]
            quantity = story.quantities.get(name)
            if quantity is None:  # an unknown quantity: said already
                continue
            if story.declared:
                if quantity.unit is None:  # story.yaml gives it none: the rows may
                    continue
                expected, source = quantity.unit, "the unit story.yaml declares for it"
            else:
                expected, rows = _most((given.written, given.rows) for given in units.values())
                story.quantities[name] = replace(quantity, unit=expected)
                source = f"which {plural(rows, 'row')} of it give"
            problems += (
                _mismatch(given, name, expected, source)
                for key, given in units.items()
                if key != _folded(expected)
            )
        return problems


def _mismatch(given: _Given, quantity: str, expected: str, source: str) -> Problem:
    rows, figures = "this row", "this figure a quantity of its own"
    if given.rows > 1:
        rows, figures = f"{given.rows} rows, the first here", "these figures one of their own"
    message = (
        f"unit '{given.written}' ({rows}) is not the unit of quantity '{quantity}', "
        f"'{expected}', {source}; correct it, or give {figures}"
    )
    return Problem("unit-mismatch", message, given.first)


def _folded(unit: str) -> str:
    return " ".join(unit.split()).casefold()
