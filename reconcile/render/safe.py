"""Text from claim files is data: make it harmless before it reaches any output.

Control characters (ESC, OSC, newlines inside one value ...) and the invisible
bidirectional overrides that reorder what a reader sees become visible escapes.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Lone surrogates are not text: Python keeps a byte of a file name that is not UTF-8 as one.
_SURROGATES = "\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}{_SURROGATES}]")
# A '[' that a CI runner reads as a command's, after its '#' or '##vso' (group 1):
# GitHub's ##[error] and Azure's ##vso[task...], anywhere in a line. A literal first, so
# that text without a '#' is passed over at the speed of a search for it.
COMMAND_BRACKET = re.compile(r"(#(?i:#vso)?)\[")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal or a browser acts on.
_RAW_IN_JSON = re.compile(f"[\x7f-\x9f\u2028\u2029{_BIDI}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # the byte of a name that is not UTF-8, as it was
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with every control or bidi character, and every lone surrogate,
    shown as an escape."""
    return _UNSAFE.sub(_escape, text)


def name_as_text(name: str) -> str:
    """A file name that every output can carry: a byte that is not UTF-8 shows as
    ``\\xff``, and so that this reads back one way, a backslash as two (the rest is
    shown, made harmless, where it is printed)."""
    return _IN_NAMES.sub(_escape_in_name, name)


def _escape_in_name(match: re.Match[str]) -> str:
    return "\\\\" if match.group() == "\\" else _escape(match)


_IN_NAMES = re.compile(f"[\\\\{_SURROGATES}]")


def name_as_written(shown: str) -> str:
    """The name ``name_as_text`` shows, as the file system has it (one backslash, not
    two), for outputs that name files to tools; a byte that is not UTF-8 stays ``\\xff``."""
    return shown if "\\" not in shown else name_as_bytes(shown).decode("utf-8", "backslashreplace")


def name_as_bytes(shown: str) -> bytes:
    """The bytes of the name ``name_as_text`` shows (UTF-8, and each byte that was not
    UTF-8 as it was): for a URI, which names bytes (``%FF``)."""
    return _NAME_ESCAPE.sub(_unescape, shown).encode("utf-8", "surrogateescape")


def _unescape(match: re.Match[str]) -> str:
    byte = match.group(1)
    return "\\" if byte is None else chr(0xDC00 + int(byte, 16))


_NAME_ESCAPE = re.compile(r"\\(?:\\|x([89a-f][0-9a-f]))")


def json_escaped(dumped: str) -> str:
    """JSON text with DEL, C1 controls, line separators and bidi characters as
    ``\\u`` escapes, and the ``[`` of ``#[`` and ``##vso[`` (``#\\u005b``: CI runners
    obey ``##[command]`` anywhere in a line): the document reads back to the same data."""
    if not dumped.isascii() or "\x7f" in dumped:  # most text is neither
        dumped = _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
    if "#" in dumped:
        dumped = COMMAND_BRACKET.sub(r"\1\\u005b", dumped)
    return dumped
