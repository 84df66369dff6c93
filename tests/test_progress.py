"""The progress of a long run: counted by the loader, drawn on stderr after a second."""

from __future__ import annotations

import io
from pathlib import Path

from reconcile.loading import load
from reconcile.progress import ProgressBar, ReadCount


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_loader_tells_how_many_bytes_it_has_read(tmp_path: Path) -> None:
    table = tmp_path / "claims.jsonl"
    line = '{"story": "s", "event": "e", "quantity": "q", "value": "1", "outlet": "O"}\n'
    table.write_text(line * 10_000, encoding="utf-8")
    told: list[tuple[int, int]] = []
    corpus = load([table], progress=lambda done, total: told.append((done, total)))
    size = table.stat().st_size
    assert len(corpus.claims) == 10_000
    assert told[-1] == (size, size)
    assert [done for done, _ in told] == sorted(done for done, _ in told)
    assert len(told) > 2  # also while the table is read, not only once it is


def test_counts_add_up_over_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_bytes(b"x" * 100)
    second.write_bytes(b"y" * 50)
    told: list[tuple[int, int]] = []
    count = ReadCount(lambda done, total: told.append((done, total)), [first, second])
    count.file_read(first)
    count.within(second, 20)
    count.within(second, 500)  # a position past the size seen: never more than the file
    count.file_read(second)
    assert told == [(100, 150), (120, 150), (150, 150), (150, 150)]


def test_a_short_run_draws_nothing() -> None:
    clock, stream = Clock(), Terminal()
    with ProgressBar(stream, clock=clock) as bar:
        clock.now = 0.9
        bar(10, 100)
        bar.reconciling()
    assert stream.getvalue() == ""


def test_a_long_run_draws_a_bar_and_erases_it() -> None:
    clock, stream = Clock(), Terminal()
    with ProgressBar(stream, clock=clock) as bar:
        clock.now = 1.5
        bar(10, 100)
        assert bar.bar is not None
        bar.bar.refresh()
        assert "reading claim files" in stream.getvalue()
        bar.reconciling()
        bar.bar.refresh()
        assert "reconciling" in stream.getvalue()
    assert bar.bar is None
