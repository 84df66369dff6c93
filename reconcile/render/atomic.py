"""Files written whole or not at all: a reader never sees half a report."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename over it: a reader never sees half a file.
    A link is followed, and the file it leads to replaced (the link stays a link);
    what is not a file (``/dev/stdout``, a pipe, a device) is written to as it is."""
    try:
        is_file = stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        is_file = True  # to be made (where a link leads nowhere yet, where it leads)
    if not is_file:
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(text)
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
