"""Diagnostics in MLIR's form: ``file:line:col: error: message``, the source line, a caret.

Passes and verifiers report through :func:`emit`, or its shorthands :func:`emit_error`,
:func:`emit_warning` and :func:`emit_remark`. The tool that runs them decides where the
diagnostics go by installing a handler with :func:`diagnostic_handler`: printed to stderr,
collected for ``--verify-diagnostics``, or turned into an exception from the Python API.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum

from xdsl.dialects.builtin import FileLineColLoc
from xdsl.ir import Operation
from xdsl.utils.exceptions import VerifyException


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    REMARK = "remark"
    NOTE = "note"


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A 1-based line and column in a named source buffer."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        if self == UNKNOWN_LOCATION:
            return "<unknown>:0"
        return f"{self.file}:{self.line}:{self.column}"


UNKNOWN_LOCATION = SourceLocation("<unknown>", 0, 0)
"""Where an op written with ``loc(unknown)`` is; printed as MLIR prints it."""


@dataclass
class Diagnostic:
    severity: Severity
    message: str
    location: SourceLocation | None = None
    notes: list[Diagnostic] = field(default_factory=list["Diagnostic"])

    def attach_note(self, message: str, location: SourceLocation | None = None) -> Diagnostic:
        note = Diagnostic(Severity.NOTE, message, location or self.location)
        self.notes.append(note)
        return note


class SourceBuffer:
    """The text of one input, with a line index for turning offsets into locations."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self._line_starts = [0]
        self._line_starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def location(self, offset: int) -> SourceLocation:
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return SourceLocation(self.name, line + 1, offset - self._line_starts[line] + 1)

    def line_text(self, line: int) -> str | None:
        if not 1 <= line <= len(self._line_starts):
            return None
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)].removesuffix("\r")


class SourceManager:
    """The buffers that diagnostics can quote, by name."""

    def __init__(self) -> None:
        self._buffers: dict[str, SourceBuffer] = {}

    def add(self, buffer: SourceBuffer) -> None:
        self._buffers[buffer.name] = buffer

    def line_text(self, location: SourceLocation) -> str | None:
        buffer = self._buffers.get(location.file)
        return None if buffer is None else buffer.line_text(location.line)


def format_diagnostic(
    diagnostic: Diagnostic, sources: SourceManager | None = None, underline: int = 1
) -> str:
    """MLIR's rendering: the located message, then the source line and a caret."""
    loc = diagnostic.location
    header = f"{loc}: " if loc is not None else ""
    text = f"{header}{diagnostic.severity}: {diagnostic.message}\n"
    if loc is not None and sources is not None:
        line = sources.line_text(loc)
        if line is not None:
            # Tabs keep their width in the caret line so the caret lines up.
            pad = "".join(ch if ch == "\t" else " " for ch in line[: loc.column - 1])
            text += f"{line}\n{pad}^{'~' * max(underline - 1, 0)}\n"
    for note in diagnostic.notes:
        text += format_diagnostic(note, sources)
    return text


DiagnosticHandler = Callable[[Diagnostic], None]


def _print_to_stderr(diagnostic: Diagnostic) -> None:
    sys.stderr.write(format_diagnostic(diagnostic))


_handler: ContextVar[DiagnosticHandler] = ContextVar(
    "irkit_diagnostic_handler", default=_print_to_stderr
)


@contextmanager
def diagnostic_handler(handler: DiagnosticHandler) -> Iterator[None]:
    """Route every diagnostic emitted inside the block to ``handler``."""
    token = _handler.set(handler)
    try:
        yield
    finally:
        _handler.reset(token)


def location_of(op: Operation) -> SourceLocation:
    """The source location of ``op``; :data:`UNKNOWN_LOCATION` for ``loc(unknown)``."""
    loc = op.location
    if isinstance(loc, FileLineColLoc):
        return SourceLocation(loc.filename.data, loc.line.data, loc.column.data)
    return UNKNOWN_LOCATION


def op_generic_text(op: Operation) -> str:
    """The op in MLIR's generic form, on one line where it fits, for "see current operation"."""
    from irkit.printing import print_ir

    return print_ir(op, generic=True)


def report(diagnostic: Diagnostic) -> None:
    """Hand a built diagnostic, notes and all, to the current handler."""
    _handler.get()(diagnostic)


def emit(
    severity: Severity,
    where: Operation | SourceLocation | None,
    message: str,
    notes: Sequence[tuple[str, Operation | SourceLocation | None]] = (),
) -> Diagnostic:
    """Build a diagnostic located at an op or a source location, and report it."""
    location = location_of(where) if isinstance(where, Operation) else where
    diagnostic = Diagnostic(severity, message, location)
    for note_message, note_where in notes:
        note_loc = location_of(note_where) if isinstance(note_where, Operation) else note_where
        diagnostic.attach_note(note_message, note_loc)
    report(diagnostic)
    return diagnostic


def emit_error(where: Operation | SourceLocation | None, message: str) -> Diagnostic:
    return emit(Severity.ERROR, where, message)


def emit_warning(where: Operation | SourceLocation | None, message: str) -> Diagnostic:
    return emit(Severity.WARNING, where, message)


def emit_remark(where: Operation | SourceLocation | None, message: str) -> Diagnostic:
    return emit(Severity.REMARK, where, message)


class DiagnosedError(Exception):
    """A failure whose diagnostics have already been reported.

    Passes raise it after :func:`emit_error`, as MLIR passes call ``signalPassFailure()``.
    """


OpNote = tuple[str, Operation]
"""A note attached to an error: its message, located at the op."""


class OpError(Exception):
    """An error about one op, not yet reported: the tool reports it at the op's location,
    in MLIR's ``emitOpError`` form ``'op.name' op message``, or as the bare message
    (``emitError``) when ``prefixed`` is false, followed by its ``notes``."""

    def __init__(
        self,
        op: Operation,
        message: str,
        prefixed: bool = True,
        notes: Sequence[OpNote] = (),
    ) -> None:
        super().__init__(message)
        self.op = op
        self.message = message
        self.prefixed = prefixed
        self.notes = list(notes)

    @property
    def text(self) -> str:
        return f"'{self.op.name}' op {self.message}" if self.prefixed else self.message


class UnprefixedVerifyException(VerifyException):
    """A verifier error that MLIR reports with ``emitError``, without the
    ``'op.name' op`` prefix that ``emitOpError`` adds."""


class NotedVerifyException(VerifyException):
    """A verifier error with notes, each located at an op, as MLIR's verifiers attach
    them with ``diag.attachNote(op->getLoc())``."""

    def __init__(self, message: str, notes: Sequence[OpNote]) -> None:
        super().__init__(message)
        self.notes = list(notes)
