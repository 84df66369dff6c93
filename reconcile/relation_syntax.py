"""Relations as written in story.yaml: ``buses.departed = buses.stranded + buses.returned``.

A relation compares two sums of terms; a term is a quantity id or a whole number,
added or subtracted. Dates compare with dates, offset by whole days.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from reconcile.names import did_you_mean, listing

Operator = Literal["=", "<=", ">=", "<", ">"]
OPERATORS: tuple[Operator, ...] = ("<=", ">=", "=", "<", ">")
NEGATED: dict[Operator, str] = {"=": "≠", "<=": ">", ">=": "<", "<": "≥", ">": "≤"}

_TOKEN = re.compile(r"\s*(?:(\d[\d_]*)|([A-Za-z][A-Za-z0-9_.]*)|(<=|>=|=|<|>|\+|-))")
FORMS = (
    "write sums and differences of quantity ids and whole numbers on both sides of "
    "=, <=, >=, < or >, e.g. 'people.total = people.fighters + people.civilians'"
)


@dataclass(frozen=True, slots=True)
class Term:
    sign: int  # +1 or -1
    quantity: str | None  # None for a whole number
    number: int = 0


@dataclass(frozen=True, slots=True)
class Relation:
    text: str
    left: tuple[Term, ...]
    operator: Operator
    right: tuple[Term, ...]

    @property
    def quantities(self) -> tuple[str, ...]:
        terms = self.left + self.right
        return tuple(dict.fromkeys(t.quantity for t in terms if t.quantity is not None))


class RelationSyntaxError(ValueError):
    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def parse_relation(text: str, quantities: Mapping[str, str]) -> Relation:
    """Read one relation, given the declared quantities and their types; raise
    RelationSyntaxError naming what is wrong and where."""
    tokens = _tokens(text)
    ops = [i for i, (kind, value, _) in enumerate(tokens) if kind == "op" and value in OPERATORS]
    if len(ops) != 1:
        written = "".join(tokens[i][1] for i in ops)
        side_by_side = len(ops) == 2 and ops[1] == ops[0] + 1
        hint = (
            f" ('{written[::-1]}', not '{written}')"
            if side_by_side and written in ("=>", "=<")
            else ""
        )
        raise RelationSyntaxError(f"a relation needs exactly one comparison{hint}; {FORMS}")
    split = ops[0]
    left = _terms(tokens[:split], text, quantities)
    right = _terms(tokens[split + 1 :], text, quantities)
    relation = Relation(text, left, tokens[split][1], right)  # type: ignore[arg-type]
    if not relation.quantities:  # '3 = 4' would be checked against no claim, ever
        raise RelationSyntaxError(f"'{text}' names no quantity; {FORMS}")
    _check_types(relation, quantities)
    return relation


def _tokens(text: str) -> list[tuple[str, str, int]]:
    tokens, position = [], 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            rest = text[position:]
            offset = position + len(rest) - len(rest.lstrip())
            raise RelationSyntaxError(f"cannot read '{rest.strip()}'; {FORMS}", offset)
        number, name, op = match.groups()
        kind, value = ("number", number) if number else ("name", name) if name else ("op", op)
        tokens.append((kind, value, match.start(match.lastindex or 0)))
        position = match.end()
    return tokens


def _terms(
    tokens: list[tuple[str, str, int]], text: str, quantities: Mapping[str, str]
) -> tuple[Term, ...]:
    terms: list[Term] = []
    sign, expect_term = 1, True
    for kind, value, offset in tokens:
        if expect_term and not terms and kind == "op" and value == "-":
            sign = -1
        elif expect_term and kind in ("number", "name"):
            terms.append(_term(sign, kind, value, offset, quantities))
            expect_term = False
        elif not expect_term and kind == "op" and value in ("+", "-"):
            sign, expect_term = (1 if value == "+" else -1), True
        else:
            raise RelationSyntaxError(f"unexpected '{value}' in '{text}'; {FORMS}", offset)
    if expect_term:
        raise RelationSyntaxError(f"a side of '{text}' is empty or ends in a sign; {FORMS}")
    return tuple(terms)


def _term(sign: int, kind: str, value: str, offset: int, quantities: Mapping[str, str]) -> Term:
    if kind == "number":
        return Term(sign, None, int(value.replace("_", "")))
    if value not in quantities:
        hint = did_you_mean(value, quantities)
        raise RelationSyntaxError(
            f"unknown quantity '{value}' in relation{hint}; declared: {listing(quantities)}",
            offset,
        )
    return Term(sign, value)


def _check_types(relation: Relation, quantities: Mapping[str, str]) -> None:
    """Dates compare with dates: a date quantity may be offset by whole days
    (``handover.date <= ceasefire.date + 3``) and two taken apart for the days between
    them (``ceasefire.date - talks.date <= 7``), but dates are never added up, nor
    compared with a number or a count."""
    types = {quantities[name] for name in relation.quantities}
    if "date" not in types:
        return
    dates = [_dates(relation.left), _dates(relation.right)]
    if types != {"date"} or dates[0] != dates[1] or None in dates:
        raise RelationSyntaxError(
            f"'{relation.text}': dates compare one date quantity with another, each may be "
            "offset by whole days (e.g. 'handover.date <= ceasefire.date + 3'), or the days "
            "between two with a number ('ceasefire.date - talks.date <= 7'); dates are "
            "never added together, nor compared with counts"
        )


def _dates(terms: tuple[Term, ...]) -> int | None:
    """How many dates a side comes to: 1 for a date (plus days), 0 for days between two
    (one date less another); None for any other sum of dates."""
    signs = sorted(term.sign for term in terms if term.quantity is not None)
    return {(1,): 1, (-1, 1): 0, (): 0}.get(tuple(signs))
