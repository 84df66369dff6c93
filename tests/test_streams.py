"""Output to a pipe the caller set non-blocking comes out whole, however slow the reader."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reconcile.streams import _patient, _PatientWriter


def _table(path: Path) -> Path:
    """Two stories, 3,000 claims without url or quote: a warning each, 300 KB of text."""
    lines = [
        json.dumps(
            {
                "story": f"s{n % 2}",
                "event": "e",
                "quantity": f"q{n % 50}",
                "value": str(n % 7),
                "outlet": f"Example Gazette {n % 13}",
            }
        )
        for n in range(3000)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run_into_pipe(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run reconcile with stdout a non-blocking pipe that is read only after a while."""
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    process = subprocess.Popen(
        [sys.executable, "-m", "reconcile", *args], stdout=write_end, env=env
    )
    os.close(write_end)
    time.sleep(0.5)  # the pipe fills meanwhile (64 KB)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read()
    return process.wait(timeout=60), output


@pytest.mark.skipif(sys.platform == "win32", reason="pipes set non-blocking: POSIX")
@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize(
    "options",
    [[], ["--format", "json", "--jobs", "1"], ["--format", "json", "--jobs", "2"]],
    ids=["text", "json", "json-in-parallel"],
)
def test_a_full_non_blocking_pipe_loses_nothing(
    tmp_path: Path, options: list[str], unbuffered: str
) -> None:
    table = _table(tmp_path / "claims.jsonl")
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    args = ["check", str(table), *options]
    with (tmp_path / "out").open("wb") as file:
        expected = subprocess.run([sys.executable, "-m", "reconcile", *args], stdout=file, env=env)
    status, output = _run_into_pipe(args, env)
    assert status == expected.returncode == 1  # the warnings
    assert len(output) > 100_000
    assert output == (tmp_path / "out").read_bytes()


def test_the_patient_writer_waits_for_room() -> None:
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    data = bytes(range(256)) * 4096  # 1 MB: sixteen pipes full
    received = bytearray()

    def slow_reader() -> None:
        time.sleep(0.2)
        while chunk := os.read(read_end, 65536):
            received.extend(chunk)

    reader = threading.Thread(target=slow_reader)
    reader.start()
    assert _PatientWriter(write_end).write(data) == len(data)
    os.close(write_end)
    reader.join(timeout=30)
    os.close(read_end)
    assert bytes(received) == data


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals: POSIX")
def test_a_terminal_set_non_blocking_is_still_a_terminal() -> None:
    """Else the report would lose its colours and the progress bar."""
    leader, follower = os.openpty()
    os.set_blocking(follower, False)
    with open(follower, "w", closefd=False) as stream:
        patient = _patient(stream)
        assert patient is not stream and patient.isatty()
    os.close(leader)
    os.close(follower)


def test_unbuffered_output_stays_unbuffered() -> None:
    """Under PYTHONUNBUFFERED a line is out as soon as it is written, with or without
    the wait for room."""
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    os.set_blocking(read_end, False)  # nothing there yet: an error, not a wait
    stream = io.TextIOWrapper(io.FileIO(write_end, "w", closefd=False), write_through=True)
    patient = _patient(stream)
    patient.write("hello\n")
    assert os.read(read_end, 100) == b"hello\n"
    os.close(read_end)
    os.close(write_end)
