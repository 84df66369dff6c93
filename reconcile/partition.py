"""Sharing stories out among worker processes: how many workers, and which
stories each keeps.

Stories share nothing: no group, relation, name or claim id reaches across two of
them. So each of ``count`` workers can read every input, keep the stories whose id
falls to it, and judge them on its own. What belongs to no story (a path that does
not exist, a line that is not JSON, a record with no story) falls to the first.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reconcile.discovery import find_claim_files, story_file_beside
from reconcile.flat_record import story_of_line

# Below this many bytes of claim files, one process is quicker (a worker costs ~50 ms).
PARALLEL_FROM_BYTES = 8 * 1024 * 1024
# Each worker reads all the input: past a few, more of them mostly read more.
MAX_AUTO_WORKERS = 8


@dataclass(frozen=True, slots=True)
class Share:
    """Worker ``index`` of ``count``: the stories it keeps. Those in ``placed`` fall to
    the worker it gives; the others by a hash of their id."""

    index: int
    count: int
    placed: Mapping[str, int] = field(default_factory=dict, compare=False)

    def keeps(self, story_id: object) -> bool:
        """Whether the story (or, given anything but a story id, what has none) is this
        worker's. The same id falls to the same worker in every run."""
        if not isinstance(story_id, str):
            return self.index == 0
        worker = self.placed.get(story_id)
        if worker is None:
            worker = zlib.crc32(story_id.encode("utf-8", "surrogatepass")) % self.count
        return worker == self.index


def shares(count: int, known: Iterable[str] = ()) -> list[Share]:
    """The shares of ``count`` workers. The stories ``known`` beforehand are dealt in
    turn, so that where there are only a few each worker gets some (by hash alone,
    three stories all fall to one of two workers one time in four)."""
    placed = {story: turn % count for turn, story in enumerate(sorted(set(known)))}
    return [Share(index, count, placed) for index in range(count)]


WHOLE = Share(0, 1)  # one worker keeps everything


def workers_for(paths: Sequence[Path], jobs: int) -> int:
    """How many processes to use: ``jobs`` where given (1 or more), else one per
    CPU (up to ``MAX_AUTO_WORKERS``) for inputs large enough to gain from it, of
    more than one story. One where forking is not safe."""
    if not _can_fork():
        return 1
    if jobs >= 1:
        return jobs
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not cpus or cpus < 2:
        return 1
    found = find_claim_files(paths)
    size = sum(_size(path) for path in (*found.stories, *found.reports, *found.tables))
    if size < PARALLEL_FROM_BYTES or not _several_stories(found.reports, found.tables):
        return 1
    return min(cpus, MAX_AUTO_WORKERS)


def _several_stories(reports: Sequence[Path], tables: Sequence[Path]) -> bool:
    """Whether the input seems to hold more than one story (a single story would
    keep one worker busy and the others idle). The reports of a folder count as one
    story; of a JSON Lines table, the lines at its start, middle and end are looked
    at. A table of several stories that shows only one there is read by one
    process: a chance missed, never a wrong report. (A table and a story folder
    count as two stories even where they are one: a worker idles, no more.)"""
    seen: set[object] = {story_file_beside(path) for path in reports}
    for table in tables:
        if table.suffix.lower() != ".jsonl":
            return True  # a CSV table is not sampled: assume it may
        seen |= _sampled_stories(table)
    seen.discard(None)  # a line or report that names no story
    return len(seen) > 1


def known_stories(paths: Sequence[Path]) -> set[str]:
    """Stories of the input seen before reading it: those of a sample of each JSON
    Lines table (folders are not read for it)."""
    tables = find_claim_files(paths).tables
    sampled = (_sampled_stories(table) for table in tables if table.suffix.lower() == ".jsonl")
    return {story for stories in sampled for story in stories if isinstance(story, str)}


def _sampled_stories(table: Path) -> set[object]:
    """The stories of the whole lines in three stretches of a JSON Lines table."""
    stories: set[object] = set()
    try:
        with table.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            for start in sorted({0, max(0, size // 2 - _SAMPLE), max(0, size - _SAMPLE)}):
                stream.seek(start)
                lines = stream.read(_SAMPLE).split(b"\n")
                whole = lines[1:-1] if start else lines[:-1]  # not the lines cut short
                stories.update(story_of_line(line.decode("utf-8", "replace")) for line in whole)
    except OSError:
        pass  # unreadable: the workers will say so
    return stories


_SAMPLE = 1 << 16  # bytes of a table looked at in each place


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
