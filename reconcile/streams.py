"""Standard output and error, written in full, whatever the caller hands over.

Their encoding may not take every character a claim file holds (a legacy code page,
``PYTHONIOENCODING=ascii``): every format would then stop at an outlet's name in
Arabic. A file or pipe is given UTF-8, which JSON, SARIF, JUnit and GitHub's runner
read (and Python's own default from 3.15), and a terminal an escape (``\\u0627``) for
what it cannot show.

Some callers (CI runners, process supervisors, Node.js) hand a program a pipe set
``O_NONBLOCK``. Once the reader falls behind and the pipe is full, a write there
fails with EAGAIN: Python's buffered streams then raise ``BlockingIOError``, and its
unbuffered ones (``PYTHONUNBUFFERED``) drop what did not fit, without a word. A
report cut short is worse than a slow one, so such a stream is replaced by one that
waits until the pipe has room. The descriptor's flags are left as the caller set
them: the caller shares them.

In a GitHub Actions log, a line that starts with ``::`` (after blanks) is a workflow
command, whatever printed it: an outlet or a file name at the start of a line of the
report could add an annotation, hide text (``::add-mask::``) or stop the commands of
``--format github``. There, stdout (unless it is a file) and stderr get a zero-width
space where a command would start (``no_workflow_commands``), except where reconcile
writes its own commands (``writing_guarded_text``). JSON, SARIF and JUnit escape a
command's start in their own syntax, and so keep their bytes in a log.

A reader may also stop reading (``| head``). What is left to write then goes nowhere
and the run goes on to its end, its files saved and its exit status its own
(``stop_writing``; stdout and stderr go quiet so by themselves, ``quiet_when_unread``).
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import select
import stat
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import IO, TYPE_CHECKING, BinaryIO, TextIO, cast

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


def take_every_character() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` write any text: UTF-8 where their encoding
    cannot take every character, or on a terminal, an escape for one it cannot show."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not isinstance(stream, io.TextIOWrapper) or not isinstance(encoding, str):
            continue  # not a file's stream (a test's): left as it is
        if codecs.lookup(encoding).name in _EVERY_CHARACTER:
            continue
        if stream.isatty():
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding="utf-8")


_EVERY_CHARACTER = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-32"})


def stop_writing(stream: IO[str]) -> None:
    """Send what is still to be written to ``stream``, and all that follows, nowhere: its
    reader has stopped reading (``| head``), and the run goes on to its end."""
    with suppress(OSError, ValueError):  # no descriptor (a test's stream): nothing to do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def quiet_when_unread() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` go quiet, rather than fail, where their
    reader stops reading: what they say is for whoever reads it, and must not change
    the run (click would end it with exit 1, which means findings, even for --help).
    stderr goes quiet where it cannot be written at all (a full disk), too; stdout's
    other errors are the command's to report. A command's writes to the binary layer
    beneath stdout are its own to guard."""
    sys.stdout = cast(TextIO, _QuietWhenUnread(sys.stdout, BrokenPipeError))
    sys.stderr = cast(TextIO, _QuietWhenUnread(sys.stderr, OSError))


def beneath_quiet(stream: TextIO) -> TextIO:
    """The stream itself, beneath ``quiet_when_unread``'s: for writing that must fail
    where it cannot be done (a report saved to ``/dev/stderr``). Where it has gone quiet
    already (what it writes goes to /dev/null), an OSError."""
    if not isinstance(stream, _QuietWhenUnread):
        return stream
    if stream.quiet:
        raise OSError(errno.EIO, "an earlier write to it failed (a full disk, or no reader)")
    return stream._stream


class _QuietWhenUnread:
    """A stream that, once writing fails so (its reader gone), writes nowhere."""

    def __init__(self, stream: TextIO, failing: type[OSError]) -> None:
        self._stream = stream
        self._failing = failing
        self.quiet = False

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except self._failing:
            self._go_quiet()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except self._failing:
            self._go_quiet()

    def _go_quiet(self) -> None:
        stop_writing(self._stream)
        self.quiet = True

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def open_without_waiting(path: str | os.PathLike[str], flags: int) -> int:
    """A descriptor ``os.open`` gives (``0o666`` where made), blocking as ever once open:
    opening a pipe no process reads is an error, not a wait forever."""
    try:
        descriptor = os.open(path, flags | os.O_NONBLOCK, 0o666)
    except OSError as error:
        if error.errno != errno.ENXIO:
            raise
        raise OSError(error.errno, "no process reads from this pipe", str(path)) from None
    os.set_blocking(descriptor, True)
    return descriptor


def wait_when_full() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` wait for room where their descriptor is
    non-blocking (and leave them as they are elsewhere)."""
    sys.stdout = _patient(sys.stdout)
    sys.stderr = _patient(sys.stderr)


def _patient(stream: TextIO) -> TextIO:
    try:
        descriptor = stream.fileno()
        if os.get_blocking(descriptor):
            return stream
    except (AttributeError, OSError, ValueError):  # not a file (a test's), or closed
        return stream
    stream.flush()
    raw = _PatientWriter(descriptor)  # never closes the descriptor
    buffered = isinstance(getattr(stream, "buffer", None), io.BufferedWriter)
    # Unbuffered (PYTHONUNBUFFERED) stays so: a line shows when it is written.
    binary = cast(BinaryIO, io.BufferedWriter(raw) if buffered else raw)
    return io.TextIOWrapper(
        binary,
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=bool(stream.line_buffering),
        write_through=getattr(stream, "write_through", False),
    )


class _PatientWriter(io.RawIOBase):
    """Writes to a non-blocking descriptor that wait, where it is full, for room."""

    def __init__(self, descriptor: int) -> None:
        super().__init__()
        self.descriptor = descriptor

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.descriptor

    def isatty(self) -> bool:  # a terminal stays one: colours, the progress bar
        return os.isatty(self.descriptor)

    def write(self, data: ReadableBuffer, /) -> int:
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            try:
                done += os.write(self.descriptor, view[done:])
            except BlockingIOError:
                wait_for_room(self.descriptor)
        return done


def wait_for_room(descriptor: int) -> None:
    """Until a write to ``descriptor`` (non-blocking, full) can go on."""
    select.select([], [descriptor], [])


def no_workflow_commands(environ: Mapping[str, str] = os.environ) -> None:
    """Under GitHub Actions, make ``sys.stdout`` (unless it is a file, whose bytes are
    the user's) and ``sys.stderr`` break every workflow command that GitHub's runner
    would find in a line: a zero-width space, which the runner does not trim, before a
    ``:`` that starts a line (after blanks, which it does: ``::error::``), and between
    ``#`` and ``[`` anywhere (the older ``##[error]``, found anywhere in a line). Azure
    Pipelines (``TF_BUILD``) obeys ``##vso[`` anywhere in a line: it is broken too."""
    if environ.get("GITHUB_ACTIONS") != "true" and not environ.get("TF_BUILD"):
        return
    if not _is_a_file(sys.stdout):
        sys.stdout = cast(TextIO, _NoWorkflowCommands(sys.stdout))
    sys.stderr = cast(TextIO, _NoWorkflowCommands(sys.stderr))


@contextmanager
def writing_guarded_text() -> Iterator[None]:
    """Let reconcile's own workflow commands through to stdout (``--format github``,
    which puts all it prints of the claim files between ``::stop-commands::`` and its
    token). Azure's commands are still broken: its agent knows no stop-commands. JSON,
    SARIF and JUnit need no such leave: they write a command's start in their own
    escapes (``#\\u005b``, ``&#58;``), so the guard finds nothing to break in them."""
    stream: object = sys.stdout
    while isinstance(stream, _QuietWhenUnread):  # quiet_when_unread wraps it after
        stream = stream._stream
    if not isinstance(stream, _NoWorkflowCommands):
        yield
        return
    stream.guarding = False
    try:
        yield
    finally:
        stream.guarding = True


# A colon that starts a line, after blanks (any whitespace but a line break; the runner
# reads lines as .NET does, ending them at CR, LF or CR LF), or a '[' after a '#' (or,
# for Azure Pipelines' agent, after '##vso', in any case).
_COMMAND_START = re.compile(r"[\r\n][^\S\r\n]*(?=:)|#(?i:#vso)?(?=\[)")
# Azure's agent knows no ::stop-commands::: its commands are broken in --format github too.
_AZURE_COMMAND = re.compile(r"(?i:##vso)(?=\[)")
_LOOKED_BACK = len("##vso")  # the most of what came before that a command start needs


class _NoWorkflowCommands:
    """A stream that writes a zero-width space where a workflow command would start,
    however the text is cut into writes."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.guarding = True
        self._line_start = True  # nothing but blanks written since the last line break
        self._last = ""  # the last characters written (##vso, before a '[')

    def write(self, text: str) -> int:
        if not text:
            return 0
        shown = text
        if self.guarding:
            # what came before: a line break where the line has not begun, else the last
            # characters (a '#' before a '['), read with the text but not written again
            head = "\n" if self._line_start else self._last
            shown = _broken(_COMMAND_START, head + text, len(head))
        elif "#" in text or "#" in self._last:
            shown = _broken(_AZURE_COMMAND, self._last + text, len(self._last))
        cut = max(text.rfind("\n"), text.rfind("\r")) + 1  # where its last line begins
        self._line_start = (cut > 0 or self._line_start) and not text[cut:].strip()
        self._last = (self._last + text[-_LOOKED_BACK:])[-_LOOKED_BACK:]
        self._stream.write(shown)
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _broken(commands: re.Pattern[str], text: str, start: int) -> str:
    """``text`` from ``start`` with a zero-width space where a command would start."""
    pieces, at = [], start
    for match in commands.finditer(text):
        if match.end() >= start:  # in the text written now, not in what came before
            pieces += [text[at : match.end()], "\u200b"]
            at = match.end()
    pieces.append(text[at:])
    return "".join(pieces)


def _is_a_file(stream: TextIO) -> bool:
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):  # not a file's stream (a test's)
        return False
