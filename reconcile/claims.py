"""What the loader produces: stories with their declarations, and claims.

These are plain, lean values: a corpus may hold a million claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from reconcile.dates import ClaimDate
from reconcile.interval import Interval
from reconcile.problems import Location, Problem
from reconcile.relation_syntax import Relation
from reconcile.values import DEFAULT_TOLERANCE, QuantityType, Vague, scale_unit

if TYPE_CHECKING:
    from reconcile.models import Acknowledgement, OverTime
    from reconcile.report import Finding


@dataclass(frozen=True, slots=True)
class Quantity:
    name: str
    type: QuantityType = "count"
    unit: str | None = None
    over_time: OverTime = "fixed"
    description: str | None = None
    # What reading a value depends on, beside the story's tolerance and vague words: the
    # type, and a unit that is also a scale word ('7.5 m' of metres is not 7.5 million).
    reads_as: tuple[QuantityType, str | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "reads_as", (self.type, scale_unit(self.unit)))


@dataclass(frozen=True, slots=True)
class Event:
    name: str
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class DeclaredRelation:
    """A relation of story.yaml, read, with where it stands."""

    relation: Relation
    location: Location


@dataclass(frozen=True, slots=True)
class DeclaredAcknowledgement:
    """An entry of story.yaml's ``acknowledged``, with where it stands."""

    acknowledgement: Acknowledgement
    location: Location


@dataclass(slots=True)
class Story:
    """A story's declarations. A story met only in flat tables is not ``declared``:
    its events and quantities are taken as they come."""

    id: str
    title: str | None = None
    tolerance: Fraction = DEFAULT_TOLERANCE
    events: dict[str, Event] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    relations: list[DeclaredRelation] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # folded name -> alias key
    vague: Vague = ()
    acknowledged: list[DeclaredAcknowledgement] = field(default_factory=list)
    file: str | None = None

    @property
    def declared(self) -> bool:
        return self.file is not None


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which
# makes a claim seven times slower to build (2.2 µs against 0.3 µs; a million are
# built). Claims are still never changed once made, and hash by value as before.
@dataclass(slots=True, unsafe_hash=True)
class Claim:
    """One value that one report gives for one quantity of one event.

    ``origin`` and ``outlet`` are display names once the corpus is named
    (see ``reconcile.origins``); ``report`` identifies the report, for checks
    made within one report. Treat it as immutable."""

    story: str
    event: str
    quantity: str
    value: str
    interval: Interval
    outlet: str
    origin: str
    date: ClaimDate | None
    report: str
    file: str
    line: int
    column: int = 1
    id: str | None = None
    quote: str | None = None
    url: str | None = None
    note: str | None = None
    published: ClaimDate | None = None  # its report's date, where given (``date``: as_of)

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)


@dataclass(slots=True)
class Corpus:
    """Everything read from the paths given: stories, claims and input problems, and the
    findings reading makes (units of flat tables that differ, see ``reconcile.units``)."""

    stories: dict[str, Story] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
