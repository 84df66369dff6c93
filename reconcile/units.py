"""The unit of a quantity, as the rows of flat tables give it.

A row may give a ``unit``. A quantity whose story.yaml declares no unit (or that no
story.yaml declares) takes the unit most of its kept rows give, whatever order they
come in: units are compared ignoring case and extra spaces, and a unit of measure
whatever its spelling (km, kilometres: ``value_units``), each written as most of its
rows write it, ties going to the smallest by code point. A unit other than the
quantity's is a ``unit-mismatch`` warning, given once per unit at its first row, with
how many rows give it. The rows' claims are judged all the same: a unit says what a
figure counts, and a reader decides whether "persons" and "people" are one thing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from reconcile.claims import Story
from reconcile.formatting import plural
from reconcile.names import listing
from reconcile.problems import Location
from reconcile.report import Finding
from reconcile.value_units import unit_key


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
        # Rows by unit as written (a few units, many rows: counted as they come, tidied once).
        self.written: dict[tuple[str, str], dict[str, int]] = {}
        self.first: dict[tuple[str, str, str], Location] = {}

    def count(self, story: str, quantity: str, unit: str) -> bool:
        """Count a kept row's unit; whether it is the first row to write it so, to be
        ``place``d."""
        rows = self.written.setdefault((story, quantity), {})
        before = rows.get(unit)
        rows[unit] = 1 if before is None else before + 1
        return before is None

    def place(self, story: str, quantity: str, unit: str, where: Location) -> None:
        """Where the first row that writes ``unit`` so gives it."""
        self.first[(story, quantity, unit)] = where

    def settle(self, stories: Mapping[str, Story]) -> list[Finding]:
        """Give each quantity with no unit of its own the unit most of its rows give; a
        warning for each unit that differs from a quantity's."""
        findings: list[Finding] = []
        for (story_id, name), rows in self.written.items():
            units = self._units(story_id, name, rows)
            if not units:  # blank units only
                continue
            quantity = stories[story_id].quantities[name]  # a row is kept only if it is known
            declared = " ".join((quantity.unit or "").split())
            if declared:
                expected, source = declared, "the unit story.yaml declares for it"
            else:
                expected, count = _most((given.written, given.rows) for given in units.values())
                stories[story_id].quantities[name] = replace(quantity, unit=expected)
                source = f"which {plural(count, 'row')} of it give{'s' * (count == 1)}"
                tied = [
                    given.written
                    for given in units.values()
                    if given.rows == count and given.written != expected
                ]
                if tied:  # the first by code point is taken: say so, not "the" unit
                    source += f", as many as give {listing(tied)} (tied: the first by code point)"
            findings += (
                _mismatch(given, story_id, name, expected, source)
                for key, given in units.items()
                if key != unit_key(expected)
            )
        return findings

    def _units(self, story: str, quantity: str, rows: dict[str, int]) -> dict[str, _Given]:
        """The units of a quantity's rows, tidied (spaces), by what they are compared
        as (``unit_key``); a blank unit is none, as an empty cell of CSV is."""
        units: dict[str, _Given] = {}
        for written, count in rows.items():
            spelling = " ".join(written.split())
            if not spelling:
                continue
            where = self.first[(story, quantity, written)]
            given = units.get(key := unit_key(spelling))
            if given is None:
                units[key] = _Given(Counter({spelling: count}), where)
            else:
                given.spellings[spelling] += count
                given.first = min(given.first, where)  # files are read in the order of names
        return units


def _mismatch(given: _Given, story: str, quantity: str, expected: str, source: str) -> Finding:
    rows, figures = "this row", "this figure a quantity of its own"
    if given.rows > 1:
        rows, figures = f"{given.rows} rows, the first here", "these figures one of their own"
    message = (
        f"unit '{given.written}' ({rows}) is not the unit of quantity '{quantity}', "
        f"'{expected}', {source}; correct it, or give {figures}"
    )
    return Finding.of("unit-mismatch", message, given.first, story=story, quantity=quantity)
