"""Bytes to text: every claim file is UTF-8, with or without a byte order mark.

Lines are counted as editors count them: a line ends at ``\\n``, ``\\r\\n`` or a
lone ``\\r``. Columns count code points, from 1.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TextIO

from reconcile.problems import InputError

Position = tuple[int, int]

_SURROGATE = re.compile("[\ud800-\udfff]")
LONE_SURROGATE = (
    "the text holds a \\u escape of half a UTF-16 surrogate pair, which is not a character"
)


def decode(raw: bytes) -> str:
    """The text of a whole file; a leading BOM is dropped."""
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        before = body[: error.start].decode("utf-8")
        line, column = locate(before, len(before))
        raise not_utf8(body[error.start], line, column) from None


def open_text(path: str | Path) -> TextIO:
    """Open a file for streaming: UTF-8, BOM dropped, line ends kept as written.

    ``newline=""`` is what the csv module needs for quoted cells that span lines.
    """
    return open(path, encoding="utf-8-sig", errors="strict", newline="")


def locate(text: str, index: int) -> Position:
    """The 1-based (line, column) of ``text[index]``."""
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    breaks = text.count("\n", 0, index) + text.count("\r", 0, index)
    breaks -= text.count("\r\n", 0, index)
    return breaks + 1, index - line_start + 1


def not_utf8(byte: int, line: int, column: int) -> InputError:
    message = f"the file is not UTF-8: byte 0x{byte:02x} cannot be read; save the file as UTF-8"
    return InputError("encoding", message, line, column)


def stream_decode_error(error: UnicodeDecodeError, lines_read: int) -> InputError:
    """Locate a decoding error met while streaming, after ``lines_read`` whole lines.

    The decoder works on chunks: ``error.object`` holds the bytes that follow
    what it decoded before, which ended with those lines and perhaps the start
    of the next (so the column is exact only when the chunk has a line break
    before the bad byte).
    """
    before = bytes(error.object[: error.start]).decode("utf-8-sig", errors="replace")
    line, column = locate(before, len(before))
    return not_utf8(error.object[error.start], lines_read + line, column)


def whole_characters(value: str) -> str | None:
    """``value`` with escaped surrogate pairs joined; None if half a pair stands alone.

    YAML's ``"\\ud83d\\ude00"`` gives two halves that make one character; a half
    alone cannot be written out as UTF-8.
    """
    if _SURROGATE.search(value) is None:
        return value
    try:
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return None
