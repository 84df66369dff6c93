"""What the loader knows, shared by the readers of every kind of file.

``LoaderState`` holds the stories, claims and problems read so far, and what is kept
so as not to read it twice (names, intervals, dates, ids); beside them, the reading
every kind of file does alike: a document, a date, whether a story is in the share.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile.claims import Claim, Story
from reconcile.dates import ClaimDate, read_claim_date
from reconcile.discovery import display_path
from reconcile.interval import Interval
from reconcile.partition import WHOLE, Share
from reconcile.problems import InputError, Location, Problem
from reconcile.progress import ReadCount
from reconcile.units import Units
from reconcile.values import QuantityType, Vague, ValueSyntaxError

if TYPE_CHECKING:  # the YAML reader loads when a story or report is read
    from reconcile.readers.document import Document
    from reconcile.validation import Locate, NodePath

# A value as a quantity reads it: by its type (and a unit that is a scale word), as written.
_ValueKey = tuple[tuple[QuantityType, str | None], str]

FieldAt = Callable[[str], tuple[int, int]]
Place = tuple[str, int, int]  # a Location's fields: one is built only when it is shown
MAX_DATES_KEPT = 65_536


class LoaderState:
    """The state every reader adds to, declared once: the readers are classes over it
    (``ClaimReader``, ``StoryReader``, ...), joined into the one loader ``load`` uses."""

    def __init__(self, max_bytes: int, share: Share = WHOLE) -> None:
        self.max_bytes = max_bytes
        self.share = share
        self.kept: dict[str, bool] = {}  # story id -> whether it is in the share
        self.read = ReadCount(None, [])
        self.stories: dict[str, Story] = {}
        self.story_by_file: dict[Path, Story] = {}
        self.stories_given_up: set[Path] = set()  # said once, at the first report beside
        self.claims: list[Claim] = []
        self.problems: list[Problem] = []
        self.ids: dict[tuple[str, str], Place] = {}  # where each id is first given
        # Intervals read, by how a story reads values, then by (type, value as written).
        self.intervals: dict[tuple[Fraction, Vague], dict[_ValueKey, Interval]] = {}
        self.intervals_by_story: dict[str, dict[_ValueKey, Interval]] = {}
        self.dates: dict[str, ClaimDate] = {}  # dates read well, by text
        # Names repeated by many claims (story, event, quantity, outlet, origin) are kept
        # once, not once per claim: a sixth less memory, and faster grouping and judging.
        self.names: dict[str, str] = {}
        self.units = Units()  # what flat tables' rows give

    def _name(self, name: str) -> str:
        """The one copy kept of a name claims repeat."""
        return self.names.setdefault(name, name)

    def _keeps(self, story_id: object) -> bool:
        """Whether the story (or what has none) is in this loader's share."""
        if type(story_id) is not str:
            return self.share.keeps(story_id)
        kept = self.kept.get(story_id)
        if kept is None:
            kept = self.kept[story_id] = self.share.keeps(story_id)
        return kept

    # -- documents -------------------------------------------------------------

    def _document(self, path: Path, *, keep_going: bool = False) -> Document | None:
        from reconcile.readers.document import read_document, read_limited

        file = display_path(path)
        try:
            raw = read_limited(path, max_bytes=self.max_bytes)
            suffix = path.suffix.lower()
            return read_document(
                raw, suffix=suffix, max_bytes=self.max_bytes, keep_going=keep_going
            )
        except InputError as error:
            self.problems.append(error.at(file))
        except OSError as error:
            self.problems.append(Problem("unreadable", os_message(error), Location(file)))
        return None

    # -- dates -----------------------------------------------------------------

    def _check_date(self, text: str, where: Location) -> ClaimDate | None:
        try:
            return read_claim_date(text)
        except ValueSyntaxError as error:
            self.problems.append(Problem("invalid-date", error.message, where))
            return None

    def _date_at(self, text: str | None, file: str, position: tuple[int, int]) -> ClaimDate | None:
        return None if text is None else self._check_date(text, Location(file, *position))

    def _claim_date(self, text: str, at: Callable[[str], Location]) -> ClaimDate | None:
        return quick_date(text) or self._check_date(text, at("as_of"))

    def _plain_date(self, text: str) -> ClaimDate | None:
        """``quick_date``, kept by text for the rows of flat tables (dates are few)."""
        date = quick_date(text)
        if date is not None:
            if len(self.dates) > MAX_DATES_KEPT:
                self.dates.clear()
            self.dates[text] = date
        return date


def located(file: str, field_at: FieldAt, field: str) -> Location:
    """Where ``field`` of a claim is: ``partial(located, file, field_at)``."""
    return Location(file, *field_at(field))


def quick_date(text: str | None) -> ClaimDate | None:
    """The date, where it reads without a problem (else the loader locates one)."""
    try:
        return None if text is None else read_claim_date(text)
    except ValueSyntaxError:
        return None


def locator(document: Document) -> Locate:
    def locate(path: NodePath, key: bool) -> tuple[int, int]:
        return document.position(path, key=key)

    return locate


def os_message(error: OSError) -> str:
    return f"cannot read this file: {error.strerror or error}"
