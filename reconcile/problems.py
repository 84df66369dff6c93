"""Problems with the input, as data.

A problem is a value, not an exception: loading collects every problem of every
file and carries on, so that one broken file never hides what the others say.
Each has a stable kebab-case ``code`` (``invalid-value``, ``yaml-syntax`` ...), a
message that says what is wrong and what is accepted, and a 1-based location.

``InputError`` is raised only inside the readers, to abandon one file (or one
line of a flat table) at the first problem that makes the rest unreadable; the
loader turns it into a ``Problem``.
"""

from __future__ import annotations

from dataclasses import dataclass


# Not frozen, for the reason Claim is not (reconcile.claims): a table without urls has
# a finding per claim, each at a Location. Treat it as immutable; it hashes by value.
@dataclass(slots=True, order=True, unsafe_hash=True)
class Location:
    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    location: Location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class InputError(Exception):
    """Abandon reading a file (or a record) at a located problem."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.story: object = None  # of a broken line that names one (``story_of_line``)

    def at(self, file: str) -> Problem:
        return Problem(self.code, self.message, Location(file, self.line, self.column))
