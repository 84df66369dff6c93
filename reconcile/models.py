"""The files people write, as pydantic models: story.yaml, report files, flat records.

These models check shape only (fields, types, ids). Values, dates and names are
read later by the loader, which knows where each one stands in its file, so a bad
value is one located problem rather than a rejected file. Every scalar arrives as
the string the author wrote.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from reconcile.names import fold, split_cites
from reconcile.values import TOLERANCE_PATTERN, QuantityType

StoryId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_.]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]


def _not_blank(name: str) -> str:
    if not fold(name):  # spaces, or nothing that shows (a zero-width space)
        raise PydanticCustomError("blank", "the name is blank")  # said as validation says
    return name


OutletName = Annotated[str, StringConstraints(min_length=1), AfterValidator(_not_blank)]
OverTime = Literal["fixed", "cumulative", "snapshot"]


def _cites_as_list(value: object) -> object:
    return split_cites(value) if isinstance(value, str) else value


Cites = Annotated[
    list[Text], BeforeValidator(_cites_as_list, json_schema_input_type=list[Text] | Text)
]


class _FileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class EventSpec(_FileModel):
    title: str | None = None
    date: str | None = None


class QuantitySpec(_FileModel):
    type: QuantityType = "count"
    unit: str | None = None
    description: str | None = None
    over_time: OverTime = "fixed"


class Acknowledgement(_FileModel):
    """A discrepancy that editors have reviewed and accept: a group (event and
    quantity) or a relation (event and relation, as written in relations), with the
    reason and who reviewed it. It is still shown, but no longer fails reconcile check."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["quantity"]}, {"required": ["relation"]}]}
    )

    event: Name
    quantity: Name | None = None
    relation: Text | None = None
    reason: Text
    reviewed_by: Text
    date: str | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Acknowledgement:
        if (self.quantity is None) == (self.relation is None):
            raise ValueError("name either a 'quantity' or a 'relation' (one of them)")
        return self


class StoryFile(_FileModel):
    schema_: str | None = Field(default=None, alias="$schema")
    story: StoryId
    title: str | None = None
    approx_tolerance: Annotated[str, StringConstraints(pattern=TOLERANCE_PATTERN)] = "0.10"
    events: dict[Name, EventSpec | None] = Field(default_factory=dict)
    quantities: dict[Name, QuantitySpec | None] = Field(default_factory=dict)
    relations: list[Text] = Field(default_factory=list)
    aliases: dict[Text, list[Text]] = Field(default_factory=dict)
    vague: dict[Text, Annotated[list[str], Field(min_length=2, max_length=2)]] = Field(
        default_factory=dict
    )
    acknowledged: list[Acknowledgement] = Field(default_factory=list)

    @property
    def tolerance(self) -> Fraction:
        return Fraction(self.approx_tolerance)


def _empty_as_none(value: object) -> object:
    return None if value == "" else value


# An optional field written "" is not given, as an empty cell of CSV is: in every form.
MaybeText = Annotated[str | None, BeforeValidator(_empty_as_none)]


class Source(_FileModel):
    outlet: OutletName
    url: MaybeText = None
    title: MaybeText = None
    published: MaybeText = None
    cites: Cites = Field(default_factory=list)


class ClaimEntry(_FileModel):
    event: Text
    quantity: Text
    value: Text
    attributed_to: MaybeText = None
    as_of: MaybeText = None
    quote: MaybeText = None
    id: MaybeText = None
    note: MaybeText = None


class ReportFile(_FileModel):
    schema_: str | None = Field(default=None, alias="$schema")
    source: Source
    claims: list[ClaimEntry]


class FlatRecord(ClaimEntry):
    story: StoryId
    outlet: OutletName
    url: MaybeText = None
    title: MaybeText = None
    published: MaybeText = None
    cites: Cites = Field(default_factory=list)
    unit: MaybeText = None


class ReportOutline(_FileModel):
    """The top level of a report file, checked on its own so that one bad claim
    costs that claim alone (see ``reconcile.loading``)."""

    schema_: str | None = Field(default=None, alias="$schema")
    source: dict[str, object]
    claims: list[object]
