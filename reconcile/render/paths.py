"""File paths as CI tools want them: relative to the root of the repository checked."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

_T = TypeVar("_T")


def repository_path(file: str) -> str:
    """``file`` (as reconcile shows it: relative to the working folder, or absolute)
    relative to the repository that holds the working folder, in POSIX form; as it is
    where there is no repository or the file lies outside it. GitHub annotations and
    SARIF name files from the repository root, wherever in it reconcile was run."""
    root = _repository_root(Path.cwd())
    if root is None:
        return Path(file).as_posix()
    try:
        return (Path.cwd() / file).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return Path(file).as_posix()


@cache
def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder.resolve(), *folder.resolve().parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class PerFile(dict[str, _T]):
    """``find(file)`` of each file asked for, found once: for the many lines of one
    document, while the working folder stays as it is (a table without urls has a
    finding per claim, all in one file; its path from the repository root costs a
    dozen system calls)."""

    def __init__(self, find: Callable[[str], _T]) -> None:
        super().__init__()
        self.find = find

    def __missing__(self, file: str) -> _T:
        found = self[file] = self.find(file)
        return found
