"""Finding claim files below the paths the user gives."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reconcile.problems import Location, Problem
from reconcile.render.safe import name_as_text

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
    """The path as the user would write it: relative to here where it lies below. A
    byte of a name that is not UTF-8 shows as ``\\xff``, a backslash as two: every
    output is text."""
    try:
        shown = path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return shown if shown.isascii() and "\\" not in shown else name_as_text(shown)


def real_path(path: Path) -> Path:
    """The path with every link followed; a link that loops stays as it is
    (``Path.resolve`` raises on a loop)."""
    return Path(os.path.realpath(path))


def lies_within(target: Path, paths: Iterable[Path]) -> bool:
    """Whether ``target`` is one of ``paths``, lies below one of them, or is the story.yaml
    read with one of them: the files reconcile reads, which it must never write."""
    real = real_path(target)
    for path in paths:
        root = real_path(path)
        if real == root or root in real.parents:
            return True
        story = story_file_beside(path) if path.is_file() else None
        if story is not None and real == real_path(story):
            return True
    return False


def find_claim_files(paths: Iterable[Path]) -> Found:
    found = Found()
    seen: set[Path] = set()
    for path in paths:
        for file in _checked_files_under(path, found.problems):
            real = real_path(file)
            if real not in seen:
                seen.add(real)
                _sort_into(found, file)
    _add_stories_beside_reports(found, seen)
    for bucket in (found.stories, found.reports, found.tables):
        bucket.sort(key=display_path)
    return found


def _checked_files_under(path: Path, problems: list[Problem]) -> Iterator[Path]:
    """The files below a path; a path the system cannot even look at (too long, say)
    is a problem of its own, not a crash."""
    try:
        yield from _files_under(path, problems)
    except OSError as error:
        reason = error.strerror or str(error)
        where = Location(display_path(path))
        problems.append(Problem("unreadable", f"cannot read {path}: {reason}", where))


def _files_under(path: Path, problems: list[Problem]) -> Iterator[Path]:
    where = Location(display_path(path))
    if path.is_file():
        if path.suffix.lower() in CLAIM_SUFFIXES:
            yield path
        else:
            problems.append(Problem("not-a-claim-file", _not_claim_file(path), where))
    elif path.is_dir():
        files = list(_walk(path, problems))
        if not files:
            problems.append(Problem("no-claim-files", _no_claim_files(path), where))
        yield from files
    else:
        problems.append(Problem("missing-path", _missing(path), where))


def _walk(folder: Path, problems: list[Problem]) -> Iterator[Path]:
    """Claim files below a folder, following links but never a loop nor out of the
    folder (a pull request could link to a secret elsewhere on the machine), skipping
    hidden folders (.git, .venv ...)."""
    inside = os.path.realpath(folder)
    visited: set[str] = set()

    def leads_out(path: Path) -> bool:
        if not path.is_symlink() or _is_below(os.path.realpath(path), inside):
            return False
        problems.append(Problem("outside-link", _outside_link(path, folder), _where(path)))
        return True

    def unreadable(error: OSError) -> None:  # os.walk would pass over it without a word
        where = Path(error.filename) if error.filename else folder
        message = (
            f"cannot read this folder: {error.strerror or error}; its claim files are not read"
        )
        problems.append(Problem("unreadable", message, _where(where)))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not leads_out(Path(root) / d))
        for name in sorted(files):
            if Path(name).suffix.lower() in CLAIM_SUFFIXES and not name.startswith("."):
                file = Path(root) / name
                if not (file.is_file() or file.is_symlink()):  # a pipe, a socket, a device
                    shown = display_path(file).rsplit("/", 1)[-1]
                    message = f"not a file: {shown} (a pipe, a socket or a device) is not read"
                    problems.append(Problem("unreadable", message, _where(file)))
                elif not leads_out(file):
                    yield file


def _is_below(real: str, folder: str) -> bool:
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def _where(path: Path) -> Location:
    return Location(display_path(path))


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


def _outside_link(link: Path, folder: Path) -> str:
    return (
        f"the link {link} leads out of {folder}; reconcile follows no link out of the "
        "folders it is given (give the target's folder on the command line to read it)"
    )


def _not_claim_file(path: Path) -> str:
    accepted = ", ".join(sorted(CLAIM_SUFFIXES))
    return f"not a claim file: {path.name}; reconcile reads {accepted}"


def _no_claim_files(path: Path) -> str:
    accepted = ", ".join(sorted(CLAIM_SUFFIXES))
    return f"no claim files ({accepted}) in folder {path}"
