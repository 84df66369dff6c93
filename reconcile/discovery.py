"""Finding claim files below the paths the user gives."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reconcile.problems import Location, Problem

DOCUMENT_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
FLAT_SUFFIXES = frozenset({".jsonl", ".csv"})
CLAIM_SUFFIXES = DOCUMENT_SUFFIXES | FLAT_SUFFIXES
STORY_FILE_NAMES = ("story.yaml", "story.yml")


@dataclass(slots=True)
class Found:
    """Claim files found, in a stable order, and the paths that held none."""

    stories: list[Path] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)
    tables: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def display_path(path: Path) -> str:
    """The path as the user would write it: relative to here where it lies below."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def real_path(path: Path) -> Path:
    """The path with every link followed; a link that loops stays as it is
    (``Path.resolve`` raises on a loop)."""
    return Path(os.path.realpath(path))


def find_claim_files(paths: Iterable[Path]) -> Found:
    found = Found()
    seen: set[Path] = set()
    for path in paths:
        for file in _files_under(path, found.problems):
            real = real_path(file)
            if real not in seen:
                seen.add(real)
                _sort_into(found, file)
    _add_stories_beside_reports(found, seen)
    for bucket in (found.stories, found.reports, found.tables):
        bucket.sort(key=display_path)
    return found


def _files_under(path: Path, problems: list[Problem]) -> Iterator[Path]:
    where = Location(display_path(path))
    if path.is_file():
        if path.suffix.lower() in CLAIM_SUFFIXES:
            yield path
        else:
            problems.append(Problem("not-a-claim-file", _not_claim_file(path), where))
    elif path.is_dir():
        files = list(_walk(path))
        if not files:
            problems.append(Problem("no-claim-files", _no_claim_files(path), where))
        yield from files
    else:
        problems.append(Problem("missing-path", _missing(path), where))


def _walk(folder: Path) -> Iterator[Path]:
    """Claim files below a folder, following links but never a loop, skipping
    hidden folders (.git, .venv ...)."""
    visited: set[str] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if Path(name).suffix.lower() in CLAIM_SUFFIXES and not name.startswith("."):
                file = Path(root) / name
                if file.is_file() or file.is_symlink():  # not a pipe or a device
                    yield file


def _sort_into(found: Found, file: Path) -> None:
    if file.name.lower() in STORY_FILE_NAMES:
        found.stories.append(file)
    elif file.suffix.lower() in DOCUMENT_SUFFIXES:
        found.reports.append(file)
    else:
        found.tables.append(file)


def _add_stories_beside_reports(found: Found, seen: set[Path]) -> None:
    """A report given on its own is read with the story.yaml beside it."""
    for report in list(found.reports):
        for name in STORY_FILE_NAMES:
            story = report.parent / name
            if story.is_file() and real_path(story) not in seen:
                seen.add(real_path(story))
                found.stories.append(story)


def story_file_beside(report: Path) -> Path | None:
    for name in STORY_FILE_NAMES:
        if (report.parent / name).is_file():
            return report.parent / name
    return None


def _missing(path: Path) -> str:
    if path.is_symlink():
        return f"the link {path} leads nowhere (its target is missing, or it loops)"
    if path.exists():
        return f"not a file or a folder: {path}; give claim files or folders of them"
    return f"no such file or folder: {path}"


def _not_claim_file(path: Path) -> str:
    accepted = ", ".join(sorted(CLAIM_SUFFIXES))
    return f"not a claim file: {path.name}; reconcile reads {accepted}"


def _no_claim_files(path: Path) -> str:
    accepted = ", ".join(sorted(CLAIM_SUFFIXES))
    return f"no claim files ({accepted}) in folder {path}"
