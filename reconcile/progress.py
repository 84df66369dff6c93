"""How far reading has got, and a progress bar on stderr for long runs.

The loader counts the bytes of claim files it has read (``ReadCount``) and tells a
callback ``(done, total)``; the library draws nothing. The command line passes a
``ProgressBar`` when stderr is a terminal: it stays hidden for the first second, so
short runs never show it, then draws a rich progress bar on stderr, and erases it
before anything is written to stdout.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

OnProgress = Callable[[int, int], None]  # (bytes done, bytes in all)

# How often, in records of a flat table, the loader looks at how far it has read.
RECORDS_BETWEEN_COUNTS = 4096


class ReadCount:
    """Bytes of the claim files read so far, told to ``report`` as reading goes."""

    def __init__(self, report: OnProgress | None, files: Sequence[Path]) -> None:
        self.report = report
        self.sizes = {path: _size(path) for path in files} if report else {}
        self.total = sum(self.sizes.values())
        self.done = 0

    def file_read(self, path: Path) -> None:
        if self.report is not None:
            self.done += self.sizes.get(path, 0)
            self.report(self.done, self.total)

    def within(self, path: Path, position: int) -> None:
        """Reading ``path`` has got to byte ``position``."""
        if self.report is not None:
            self.report(self.done + min(position, self.sizes.get(path, 0)), self.total)


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class ProgressBar:
    """A rich progress bar on stderr, shown only once a run has taken ``delay`` seconds.

    Use it as a context manager around the work, and as the ``progress`` callback
    of ``reconcile.loading.load``; ``reconciling()`` marks the step after reading."""

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.step = "reading claim files"

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()  # transient: the bar is erased
            self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self._shown():
            assert self.bar is not None and self.task is not None
            self.bar.update(self.task, completed=done, total=total or None)

    def reconciling(self) -> None:
        """Reading is done; what remains cannot be counted, so the bar only pulses."""
        self.step = "reconciling"
        if self._shown():
            assert self.bar is not None and self.task is not None
            self.bar.update(self.task, description=self.step, total=None)

    def _shown(self) -> bool:
        if self.bar is None and self.clock() - self.started >= self.delay:
            self._show()
        return self.bar is not None

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(file=self.stream, stderr=True)
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            redirect_stdout=False,  # stdout carries the report, untouched
            redirect_stderr=False,
        )
        self.task = self.bar.add_task(self.step, total=None)
        self.bar.start()
