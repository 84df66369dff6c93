"""Bytes to text: every claim file is UTF-8, with or without a byte order mark.

Lines are counted as editors count them: a line ends at ``\\n``, ``\\r\\n`` or a
lone ``\\r``. Columns count code points, from 1.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

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
        raise not_utf8(body[error.start], line, column, cut=error.reason == _CUT) from None


def open_text(path: str | Path) -> TextLines:
    """Open a file for streaming its lines: UTF-8, BOM dropped, line ends kept as written."""
    return TextLines(open(path, "rb"))


class TextLines:
    """The lines of a UTF-8 file, decoded one at a time, so that a byte that is not
    UTF-8 ends the reading at its own line with every line before it read (a text file
    object decodes 8 KB at once, and would lose the lines before it in that block).

    Lines end at LF, CRLF or a lone CR, their ends kept, as ``open(newline="")`` gives
    them: what the csv module needs for quoted cells that span lines."""

    def __init__(self, binary: BinaryIO) -> None:
        self.binary = binary

    def __enter__(self) -> TextLines:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.binary.close()

    def tell(self) -> int:
        """How many bytes have been read (for progress)."""
        return self.binary.tell()

    def __iter__(self) -> Iterator[str]:
        first = True
        for raw in self.binary:
            if first and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            first = False
            text = raw.decode("utf-8")  # a bad byte raises here, error.object its line
            if "\r" not in text:
                yield text
                continue
            start = 0
            for lone_cr in _LONE_CR.finditer(text):
                yield text[start : lone_cr.end()]
                start = lone_cr.end()
            if start < len(text):
                yield text[start:]


_LONE_CR = re.compile("\r(?!\n)")


def locate(text: str, index: int) -> Position:
    """The 1-based (line, column) of ``text[index]``."""
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    breaks = text.count("\n", 0, index) + text.count("\r", 0, index)
    breaks -= text.count("\r\n", 0, index)
    return breaks + 1, index - line_start + 1


def not_utf8(byte: int, line: int, column: int, *, cut: bool = False) -> InputError:
    message = f"the file is not UTF-8: byte 0x{byte:02x} cannot be read; save the file as UTF-8"
    if cut:  # the first bytes of a character, and no more
        message = (
            f"the file ends inside a character (byte 0x{byte:02x} begins one): is it cut "
            "short? save it whole, as UTF-8"
        )
    return InputError("encoding", message, line, column)


_CUT = "unexpected end of data"  # UnicodeDecodeError's reason for a character cut short


def stream_decode_error(error: UnicodeDecodeError, lines_read: int) -> InputError:
    """Locate a decoding error met while streaming, after ``lines_read`` whole lines.

    The decoder works on chunks: ``error.object`` holds the bytes that follow
    what it decoded before, which ended with those lines and perhaps the start
    of the next (so the column is exact only when the chunk has a line break
    before the bad byte).
    """
    before = bytes(error.object[: error.start]).decode("utf-8-sig", errors="replace")
    line, column = locate(before, len(before))
    byte = error.object[error.start]
    return not_utf8(byte, lines_read + line, column, cut=error.reason == _CUT)


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
