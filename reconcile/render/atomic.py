"""Files written whole or not at all: a reader never sees half a report."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from reconcile.streams import beneath_quiet, open_without_waiting


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename over it: a reader never sees half a file.
    A link is followed, and the file it leads to replaced (the link stays a link).
    What is not a file (a pipe, a device) is written to as it is, and where stdout or
    stderr already goes (``/dev/stdout``, or the file it is sent to), that stream is
    written to, after what it holds: replacing the file would lose it."""
    try:
        found: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        found = None  # to be made (where a link leads nowhere yet, where it leads)
    standard = _standard_stream(path, found)
    if standard is not None:
        standard.flush()
        standard.write(text)
        standard.flush()
        return
    if found is not None and not stat.S_ISREG(found.st_mode):
        _write_through(path, text)
        return
    path = Path(os.path.realpath(path))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, _file_mode(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """The mode a new file gets (0o666 less the umask), or the replaced file's own."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _standard_stream(path: Path, found: os.stat_result | None) -> TextIO | None:
    """stdout or stderr, where ``path`` names it (``/dev/stderr``: even where, having
    failed, it now goes to /dev/null) or is the file it writes to."""
    streams = {1: sys.stdout, 2: sys.stderr}
    for descriptor, name in ((1, "stdout"), (2, "stderr")):
        if str(path) in (f"/dev/{name}", f"/dev/fd/{descriptor}", f"/proc/self/fd/{descriptor}"):
            return beneath_quiet(streams[descriptor])
    for stream in streams.values():
        try:
            same = found is not None and os.path.samestat(found, os.fstat(stream.fileno()))
        except (AttributeError, OSError, ValueError):  # no descriptor (a test's stream)
            continue
        if same:
            return beneath_quiet(stream)
    return None


def _write_through(path: Path, text: str) -> None:
    """Write to a pipe or a device (a pipe no process reads: an error)."""
    with os.fdopen(open_without_waiting(path, os.O_WRONLY), "w", encoding="utf-8") as stream:
        stream.write(text)
