"""Values that name a unit other than their quantity's: ``5 miles`` for a quantity in km.

A word after the number is ignored (SPEC), so ``5 miles`` and ``5 km`` agree. Where
a quantity's declared unit and a word of a value in a report (YAML or JSON) are both
units of measure known here (length, area, mass, volume, time, money, per cent) and are
not one unit, that is a ``unit-mismatch`` warning, once per unit and quantity, at its
first claim. Flat tables say a row's unit in their ``unit`` column, checked by
``reconcile.units``. Count nouns (``people``, ``militants``, ``buses``) are no units
here: they say what is counted, and a reader decides whether "fighters" and "people"
are one thing. Words that are also something else (``m`` for million, ``pounds`` of
money or of weight) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from reconcile.claims import Claim, Quantity, Story
from reconcile.discovery import FLAT_SUFFIXES
from reconcile.formatting import plural
from reconcile.report import Finding
from reconcile.values import percent_as_a_word

_SPELLINGS = {
    "km": ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
    "mile": ("mile", "miles", "mi"),
    "metre": ("metre", "metres", "meter", "meters"),
    "foot": ("foot", "feet", "ft"),
    "hectare": ("hectare", "hectares", "ha"),
    "acre": ("acre", "acres"),
    "kg": ("kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"),
    "tonne": ("tonne", "tonnes", "ton", "tons"),
    "litre": ("litre", "litres", "liter", "liters"),
    "gallon": ("gallon", "gallons"),
    "barrel": ("barrel", "barrels", "bbl"),
    "minute": ("minute", "minutes", "mins"),
    "hour": ("hour", "hours", "hrs"),
    "day": ("day", "days"),
    "week": ("week", "weeks"),
    "month": ("month", "months"),
    "year": ("year", "years"),
    "dollar": ("dollar", "dollars", "usd", "$", "us$"),
    "euro": ("euro", "euros", "eur", "€"),
    "sterling": ("gbp", "sterling", "£"),
    "yen": ("yen", "jpy", "¥"),
    "percent": ("percent", "pct"),
}
_UNIT_OF = {spelling: unit for unit, spellings in _SPELLINGS.items() for spelling in spellings}
_WORDS = re.compile(r"us\$|[^\W\d_]+|[$€£¥]")
_FLAT_TABLES = tuple(FLAT_SUFFIXES)


def find_unit_mismatches(
    stories: Mapping[str, Story], by_story: Mapping[str, Sequence[Claim]]
) -> list[Finding]:
    findings: list[Finding] = []
    for story_id, claims in by_story.items():
        story = stories[story_id]
        declared = _declared_units(story) if story.declared else None
        if not declared:
            continue
        by_unit: dict[tuple[str, str], list[tuple[Claim, str]]] = {}
        is_table: dict[str, bool] = {}  # by file: a million rows may share one
        for claim in claims:
            expected = declared.get(claim.quantity)
            if expected is None:
                continue
            table = is_table.get(claim.file)
            if table is None:
                table = is_table[claim.file] = claim.file.lower().endswith(_FLAT_TABLES)
            if table:
                continue
            for unit, written in _units_in(claim.value):
                if unit != expected[0]:
                    by_unit.setdefault((claim.quantity, unit), []).append((claim, written))
                    break
        findings += (
            _mismatch(story_id, quantity, declared[quantity][1], given)
            for (quantity, _), given in by_unit.items()
        )
    return findings


def _declared_units(story: Story) -> dict[str, tuple[str, str]]:
    """Quantity name -> (its unit, as written) where the unit is one known here."""
    declared = {}
    for name, quantity in story.quantities.items():
        unit = _unit_of_quantity(quantity)
        if unit is not None:
            declared[name] = (unit, quantity.unit or "")
    return declared


def unit_key(unit: str) -> str:
    """What ``unit`` is compared as: a unit of measure known here as itself ('km' for
    'kilometres', 'kilometers' or 'KM'), any other as written, but for case and spaces."""
    folded = " ".join(unit.casefold().split())
    return _UNIT_OF.get(folded, folded)


def _unit_of_quantity(quantity: Quantity) -> str | None:
    if quantity.unit is None or quantity.type == "date":
        return None
    return _UNIT_OF.get(" ".join(quantity.unit.lower().split()))


@lru_cache(maxsize=4096)
def _units_in(value: str) -> tuple[tuple[str, str], ...]:
    """The known units a value names, each with its word as written (folded)."""
    words = _WORDS.findall(percent_as_a_word(value.lower()))
    return tuple((_UNIT_OF[word], word) for word in words if word in _UNIT_OF)


def _mismatch(story: str, quantity: str, expected: str, claims: list[tuple[Claim, str]]) -> Finding:
    first, written = claims[0]
    how_many = "this claim"
    if len(claims) > 1:
        how_many = f"{plural(len(claims), 'claim')}, the first here"
    message = (
        f"'{first.value}' gives '{written}' ({how_many}), not the unit of quantity "
        f"'{quantity}', '{expected}', the unit story.yaml declares for it: the figure is "
        "compared as if in that unit; correct the claim's quantity, or give such figures "
        "a quantity of their own"
    )
    return Finding.of("unit-mismatch", message, first.location, story=story, quantity=quantity)
