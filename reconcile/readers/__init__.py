"""Reading claim files safely, keeping the position of every value.

``read_document`` turns a YAML or JSON file into plain data (every scalar the
text as written) with the position of each value and key; ``read_records``
streams the records of a JSON Lines or CSV table. Both speak in ``InputError``:
raised to abandon a document, yielded among the records of a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconcile.limits import DEFAULT_MAX_BYTES
from reconcile.readers.flat import (
    Record,
    plain_column,
    plain_csv_column,
    plain_csv_record,
    plain_record,
    read_records,
)
from reconcile.readers.text import Position, decode, open_text

if TYPE_CHECKING:
    from reconcile.readers.document import Document, NodePath, read_document, read_limited

_DOCUMENT_NAMES = {"Document", "NodePath", "read_document", "read_limited"}


def __getattr__(name: str) -> object:
    """The YAML reader is loaded when a document is first read, not for a table."""
    if name in _DOCUMENT_NAMES:
        from reconcile.readers import document

        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "NodePath",
    "Position",
    "Record",
    "decode",
    "open_text",
    "plain_column",
    "plain_csv_column",
    "plain_csv_record",
    "plain_record",
    "read_document",
    "read_limited",
    "read_records",
]
