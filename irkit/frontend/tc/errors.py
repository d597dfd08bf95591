"""The error every stage of the TC front end raises: one located diagnostic."""

from __future__ import annotations

from collections.abc import Sequence

from irkit.diagnostics import (
    DiagnosedError,
    Diagnostic,
    Severity,
    SourceBuffer,
    SourceManager,
    format_diagnostic,
)


class TCError(DiagnosedError):
    """A TC program the front end rejects: ``diagnostic`` says where and why, and
    ``str()`` gives it as the tools print it (``file:line:col: error: ...``, the source
    line, a caret)."""

    def __init__(self, diagnostic: Diagnostic, buffer: SourceBuffer) -> None:
        self.diagnostic = diagnostic
        self.sources = SourceManager()
        self.sources.add(buffer)
        super().__init__(format_diagnostic(diagnostic, self.sources).rstrip("\n"))


def error_at(
    buffer: SourceBuffer, offset: int, message: str, notes: Sequence[tuple[int, str]] = ()
) -> TCError:
    """A :class:`TCError` located at ``offset`` in ``buffer``, with notes at other offsets."""
    diagnostic = Diagnostic(Severity.ERROR, message, buffer.location(offset))
    for note_offset, note in notes:
        diagnostic.attach_note(note, buffer.location(note_offset))
    return TCError(diagnostic, buffer)
