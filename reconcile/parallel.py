"""The reports of a large input, its stories judged by several processes at once.

Stories share nothing (see ``reconcile.partition``), so each worker, forked from
this process, reads every input, keeps its share of the stories and judges them.

For the JSON report, a worker writes its groups' JSON text, laid out in place, to
a temporary file of its own. Through a pipe it then sends the rest (summary,
relations, problems, the worst severity of its findings) and the story and length
of each run of groups (the groups of a story lie together, in one worker's file).
This process writes the document: the head, then the groups of all workers in
order, by story (a merge of sorted runs, each copied whole, by the kernel), then
relations and errors, sorted as one process sorts them. For the formats that list
findings, a worker sends its findings, problems and summary, merged here in the
order one process lists them, and what the format needs of its groups
(``GroupParts``: JUnit's cases, the GitHub step summary's rows). The text is the
same, byte for byte.

Forking is used where the platform does it safely (Linux); elsewhere, and for
small inputs, where starting workers would cost more than it saves, the report is
made in one process. Nothing is written before every worker is done, so where one
fails (no room for its file, say) the caller can still make the report itself.
"""

from __future__ import annotations

import ctypes
import errno
import heapq
import multiprocessing
import os
import signal
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, MutableSequence, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, TypeVar, cast

from reconcile.loading import load
from reconcile.memory import long_lived_objects
from reconcile.partition import Share, known_stories, shares
from reconcile.problems import Location, Problem
from reconcile.progress import ProgressBar
from reconcile.reconciler import reconcile
from reconcile.render.json import GROUP_SEPARATOR, group_text, write_document
from reconcile.render.json_text import LaidOut
from reconcile.report import (
    Finding,
    GroupResult,
    RelationResult,
    Report,
    Severity,
    beside_verdicts,
    with_findings_of,
)
from reconcile.streams import wait_for_room

if TYPE_CHECKING:
    from reconcile.models import Acknowledgement

# How far the first worker has read, in memory it shares with this process: bytes
# read, bytes in all, and 1 once it is reconciling.
_HowFar = MutableSequence[int]
_BAR_EVERY = 0.1  # seconds between two looks at it

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class GroupParts(Generic[T]):
    """What a listing needs of the groups, which stay in the workers: each worker
    ``make``s its part from its groups (in the report's order); the parts, merged by
    ``order`` (the items themselves where None), are in the order one process gives."""

    make: Callable[[Sequence[GroupResult]], list[T]]
    order: Callable[[T], Any] | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What decides the exit status of a report written in parallel."""

    problems: int
    worst_severity: Severity | None
    beside_verdicts: dict[str, int]  # findings the JSON cannot show, by code


@dataclass(frozen=True, slots=True)
class _Head:
    summary: dict[str, int]
    relations: list[RelationResult]
    problems: list[_ProblemRow]
    worst_severity: Severity | None
    beside_verdicts: dict[str, int]
    stories: list[str]  # whose groups lie in the worker's file, in order
    lengths: list[int]  # of each story's groups there, in bytes


@dataclass(frozen=True, slots=True)
class _Found:
    summary: dict[str, int]
    findings: list[_FindingRow]
    problems: list[_ProblemRow]
    relations: list[RelationResult]
    stories: list[str]  # judged by the worker
    groups: list[Any] | None  # the worker's part of GroupParts, where asked for


@dataclass(frozen=True, slots=True)
class _Failed:
    message: str


class WorkersFailed(Exception):
    """A worker could not finish (nothing has been written yet): make the report in
    this process instead."""


def write_json_in_parallel(
    paths: Sequence[Path],
    out: BinaryIO,
    *,
    workers: int,
    max_bytes: int,
    codes: Collection[str],
    progress: bool = False,
    errors: str = "strict",
    judged: Callable[[Outcome], object] | None = None,
) -> Outcome:
    """Write the JSON report of ``paths`` (findings of ``codes`` only) to ``out`` as
    UTF-8 (``errors`` as ``str.encode`` takes it, for text that is not), judged by
    ``workers`` processes; ``progress`` draws a bar on stderr; ``judged`` is told the
    outcome before anything is written. Raises ``WorkersFailed`` before writing
    anything where the workers cannot do it. The workers are forked: call it where
    no other thread runs (a lock another thread holds at the fork stays held in the
    worker)."""
    with _parts(paths, workers, max_bytes, codes, progress, _json_part) as parts:
        heads = [cast(_Head, part) for part, _ in parts]
        files = [file for _, file in parts]
        for head, file in zip(heads, files, strict=True):
            if os.fstat(file.fileno()).st_size != sum(head.lengths):
                raise WorkersFailed("a worker's file is not as long as it says")
        stories = [story for head in heads for story in head.stories]
        if len(set(stories)) != len(stories):  # the merge, by story, would mix them up
            raise WorkersFailed("two workers judged one story")
        severities = {head.worst_severity for head in heads}
        worst: Severity | None = next((s for s in ("error", "warning") if s in severities), None)
        beside = sum((Counter(head.beside_verdicts) for head in heads), Counter[str]())
        outcome = Outcome(sum(len(head.problems) for head in heads), worst, dict(beside))
        if judged is not None:
            judged(outcome)
        _write_merged(heads, files, out, errors)
    return outcome


def findings_in_parallel(
    paths: Sequence[Path],
    *,
    workers: int,
    max_bytes: int,
    codes: Collection[str],
    progress: bool = False,
    groups: GroupParts[T] | None = None,
) -> tuple[Report, list[T] | None]:
    """The report of ``paths`` that the formats listing findings need (text, SARIF,
    GitHub annotations): its input problems, its findings of ``codes``, its
    relations and its summary (``Report.counts``), judged by ``workers`` processes;
    its groups stay in the workers. With ``groups``, also what each worker makes
    of its groups (the rows of a GitHub step summary, the cases of JUnit), merged.
    As ``write_json_in_parallel`` otherwise."""

    def make(report: Report, file: BinaryIO) -> _Found:
        found = _findings_part(report, file)
        return found if groups is None else replace(found, groups=groups.make(report.groups))

    with _parts(paths, workers, max_bytes, codes, progress, make) as parts:
        found = [cast(_Found, part) for part, _ in parts]
    stories = [story for part in found for story in part.stories]
    if len(set(stories)) != len(stories):  # a story's groups split: verdicts would be wrong
        raise WorkersFailed("two workers judged one story")
    summary = {key: sum(part.summary[key] for part in found) for key in found[0].summary}
    findings = heapq.merge(*(part.findings for part in found), key=_FINDING_ORDER)
    with long_lived_objects():  # as many findings as claims, at times
        report = Report(
            relations=list(heapq.merge(*(part.relations for part in found), key=_story_of)),
            findings=list(map(_finding_of, findings)),
            problems=_merged_problems(part.problems for part in found),
            claims_read=summary["claims"],
            counts=summary,
        )
    if groups is None:
        return report, None
    return report, list(heapq.merge(*(part.groups or () for part in found), key=groups.order))


@contextmanager
def _parts(
    paths: Sequence[Path],
    workers: int,
    max_bytes: int,
    codes: Collection[str],
    progress: bool,
    make: Callable[[Report, BinaryIO], object],
) -> Iterator[list[tuple[object, BinaryIO]]]:
    """Fork ``workers`` processes; each judges its share of the stories (findings of
    ``codes`` only) and ``make``s its part of the output from its report, with a
    temporary file of its own to write. Gives each part and file, in worker order,
    the files still open; raises ``WorkersFailed`` where a worker cannot do it.
    ``progress``: a bar on stderr, drawn here until every worker is done, of how far
    the first has read (each reads every file)."""
    context = multiprocessing.get_context("fork")
    reading = context.RawArray("q", 3) if progress else None  # done, total, reconciling
    with ExitStack() as stack:
        processes: list[BaseProcess] = []
        receivers: list[Connection] = []
        stack.callback(_end, processes)  # last: whatever happens, no worker outlives this
        try:
            files = [stack.enter_context(tempfile.TemporaryFile()) for _ in range(workers)]
            for share, file in zip(shares(workers, known_stories(paths)), files, strict=True):
                receiving, sending = context.Pipe(duplex=False)
                stack.callback(receiving.close)
                receivers.append(receiving)
                told = reading if share.index == 0 else None
                process = context.Process(
                    target=_work,
                    args=(sending, receivers, file, paths, share, max_bytes, codes, told, make),
                    kwargs={"parent": os.getpid()},
                )
                process.start()
                processes.append(process)
                sending.close()
        except OSError as error:  # no room for files, too many open files or processes
            raise WorkersFailed(f"{type(error).__name__}: {error}") from error
        with long_lived_objects():  # what the workers send: a row per finding, at times
            if reading is None:
                parts = [_received(connection) for connection in receivers]
            else:
                with ProgressBar(sys.stderr) as bar:  # erased before anything is written
                    parts = [_received(connection, bar, reading) for connection in receivers]
        yield list(zip(parts, files, strict=True))


def _end(processes: list[BaseProcess]) -> None:
    """Done (they have exited), failed or interrupted: stop the workers now."""
    for process in processes:
        process.kill()
    for process in processes:
        process.join()


def _received(
    connection: Connection, bar: ProgressBar | None = None, reading: _HowFar | None = None
) -> object:
    """A worker's part, once it is done; meanwhile ``bar`` shows ``reading``."""
    while bar is not None and reading is not None and not connection.poll(_BAR_EVERY):
        if reading[2]:
            bar.reconciling()
        else:
            bar(reading[0], reading[1])
    try:
        part = connection.recv()
    except EOFError:
        raise WorkersFailed("a worker process stopped before it was done") from None
    if isinstance(part, _Failed):
        raise WorkersFailed(part.message)
    return part


def _write_merged(
    heads: list[_Head], files: Sequence[BinaryIO], out: BinaryIO, errors: str
) -> None:
    """The document, its groups copied from the workers' files in order."""
    summary = {key: sum(head.summary[key] for head in heads) for key in heads[0].summary}
    relations = heapq.merge(*(head.relations for head in heads), key=_story_of)
    problems = _merged_problems(head.problems for head in heads)
    some = any(head.stories for head in heads)
    chunks: list[str] = []
    groups = iter([LaidOut(_GROUPS)] if some else [])
    write_document(summary, groups, relations, problems, chunks.append)
    text = "".join(chunks)
    if not some:
        out.write(text.encode("utf-8", errors))
        out.flush()
        return
    before, groups_here, after = text.partition(_GROUPS)
    if not groups_here or _GROUPS in after:
        raise RuntimeError("the document does not mark the groups' place once")
    out.write(before.encode("utf-8", errors))
    out.flush()
    skip = len(_SEPARATOR)  # the first group follows the opening bracket
    for index, start, length in _runs(heads):
        _copy(files[index], start + skip, length - skip, out)
        skip = 0
    out.write(after.encode("utf-8", errors))
    out.flush()


_GROUPS = "\x00groups\x00"  # where the groups go: escaped, it can be in no other text
_SEPARATOR = GROUP_SEPARATOR.encode()  # before each group in a worker's file


def _runs(heads: list[_Head]) -> Iterator[tuple[int, int, int]]:
    """(worker, start, length) of the byte ranges of the workers' files, in the
    order the groups are written: by story (the groups of one are in order already)."""
    runs = [
        [(story, index, length) for story, length in zip(head.stories, head.lengths, strict=True)]
        for index, head in enumerate(heads)
    ]
    offsets = [0] * len(heads)
    current: tuple[int, int, int] | None = None
    for _, index, length in heapq.merge(*runs):
        start = offsets[index]
        offsets[index] += length
        if current is not None and current[0] == index:
            current = (index, current[1], current[2] + length)
            continue
        if current is not None:
            yield current
        current = (index, start, length)
    if current is not None:
        yield current


def _copy(source: BinaryIO, start: int, length: int, out: BinaryIO) -> None:
    """Bytes of ``source`` to ``out``: in the kernel where both are files or pipes."""
    try:
        target = out.fileno()
    except (AttributeError, OSError, ValueError):
        target = None
    while length > 0:
        if target is not None:
            try:
                sent = os.sendfile(target, source.fileno(), start, length)
            except BlockingIOError:  # a pipe the caller set non-blocking, full for now
                wait_for_room(target)
                continue
            except OSError as error:
                if error.errno not in (errno.EINVAL, errno.ENOSYS):
                    raise
                target = None
                continue
        else:
            data = os.pread(source.fileno(), min(length, 1 << 20), start)
            out.write(data)
            sent = len(data)
        if sent == 0:  # its length was checked: the file has been cut since
            raise OSError(errno.EIO, "a worker's file ended early")
        start += sent
        length -= sent


def _story_of(row: RelationResult) -> str:
    return row.story


# -- a worker --------------------------------------------------------------------------


def _work(
    connection: Connection,
    receivers: list[Connection],
    file: BinaryIO,
    paths: Sequence[Path],
    share: Share,
    max_bytes: int,
    codes: Collection[str],
    reading: _HowFar | None,
    make: Callable[[Report, BinaryIO], object],
    *,
    parent: int,
) -> None:
    _leave_to_parent(receivers, parent)
    try:
        if reading is None:
            report = reconcile(load(paths, max_bytes=max_bytes, share=share))
        else:

            def told(done: int, total: int) -> None:
                reading[0], reading[1] = done, total

            corpus = load(paths, max_bytes=max_bytes, progress=told, share=share)
            reading[2] = 1
            report = reconcile(corpus)
        connection.send(make(with_findings_of(report, codes), file))
    except BaseException as error:  # the parent makes the report itself
        with suppress(OSError):  # unless it has stopped listening
            connection.send(_Failed(f"{type(error).__name__}: {error}"))
    connection.close()
    # Done: freeing half a million claims one by one would only keep the parent waiting.
    os._exit(0)


def _json_part(report: Report, file: BinaryIO) -> _Head:
    """The groups' JSON, laid out in place, written to ``file``; the rest sent."""
    stories: list[str] = []
    lengths: list[int] = []
    for group in report.groups:
        text = group_text(group)
        file.write(_SEPARATOR)
        file.write(text)
        length = len(_SEPARATOR) + len(text)
        if stories and stories[-1] == group.story:
            lengths[-1] += length
        else:
            stories.append(group.story)
            lengths.append(length)
    file.flush()
    summary, severity = report.summary(), report.worst_severity()
    problems = list(map(_problem_row, report.problems))
    beside = dict(beside_verdicts(report.findings))
    return _Head(summary, report.relations, problems, severity, beside, stories, lengths)


def _findings_part(report: Report, file: BinaryIO) -> _Found:
    """What a listing of findings needs (nothing is written)."""
    findings = list(map(_finding_row, report.findings))
    problems = list(map(_problem_row, report.problems))
    stories = sorted({group.story for group in report.groups})
    return _Found(report.summary(), findings, problems, report.relations, stories, None)


# Findings and problems go through the pipe as tuples: pickled and read back three
# times as fast as the objects (a large table without urls has a finding per claim).
_FindingRow = tuple[
    str, Severity, str, str, int, int, str | None, str | None, str | None, str | None,
    str | None, "Acknowledgement | None",
]  # fmt: skip
_ProblemRow = tuple[str, str, str, int, int]


def _finding_row(finding: Finding) -> _FindingRow:
    where = finding.location
    return (
        finding.code,
        finding.severity,
        finding.message,
        where.file,
        where.line,
        where.column,
        finding.story,
        finding.event,
        finding.quantity,
        finding.claim_id,
        finding.relation,
        finding.acknowledged,
    )


def _finding_of(row: _FindingRow) -> Finding:
    code, severity, message, file, line, column, story, event, quantity, claim, relation, ack = row
    where = Location(file, line, column)
    return Finding(code, severity, message, where, story, event, quantity, claim, relation, ack)


# listing_order (reconcile.report) of the rows: file, line, column, code, message. The
# rows are merged by it before they are made objects, in C (a million findings: 3 s less).
_FINDING_ORDER = itemgetter(3, 4, 5, 0, 2)
_PROBLEM_ORDER = itemgetter(2, 3, 4, 0, 1)


def _merged_problems(parts: Iterable[list[_ProblemRow]]) -> list[Problem]:
    return list(map(_problem_of, heapq.merge(*parts, key=_PROBLEM_ORDER)))


def _problem_row(problem: Problem) -> _ProblemRow:
    where = problem.location
    return (problem.code, problem.message, where.file, where.line, where.column)


def _problem_of(row: _ProblemRow) -> Problem:
    code, message, file, line, column = row
    return Problem(code, message, Location(file, line, column))


def _leave_to_parent(receivers: list[Connection], parent: int) -> None:
    """What a worker does first. It closes the parent's ends of the pipes, so that
    it cannot wait forever on a parent that has stopped reading; writes nothing to
    stdout, so that a pipeline's next command sees it end with the parent; ends when
    the parent does (Linux kills it), whether the parent is interrupted, killed or
    fails; and leaves Ctrl-C to the parent."""
    for receiving in receivers:
        receiving.close()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with suppress(OSError, AttributeError):  # at best; the parent kills its workers anyway
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before that was asked
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # prctl(2)
