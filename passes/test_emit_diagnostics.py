"""test-emit-diagnostics: emit the diagnostics that ops ask for, to test diagnostic plumbing.

An op carrying ``test.error``, ``test.warning`` or ``test.remark`` (a string attribute) gets
that diagnostic, at its own location; ``test.note`` attaches a note to it. This exercises
``--verify-diagnostics`` for every severity, as MLIR's test passes do.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, StringAttr
from xdsl.passes import ModulePass

from irkit.diagnostics import DiagnosedError, Severity, emit


@dataclass(frozen=True)
class TestEmitDiagnosticsPass(ModulePass):
    """Test only: emit the diagnostics requested by test.error/warning/remark attributes."""

    name = "test-emit-diagnostics"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        failed = False
        for nested in op.walk():
            note = nested.attributes.get("test.note")
            notes = [(note.data, nested)] if isinstance(note, StringAttr) else []
            for severity in (Severity.ERROR, Severity.WARNING, Severity.REMARK):
                message = nested.attributes.get(f"test.{severity}")
                if isinstance(message, StringAttr):
                    emit(severity, nested, message.data, notes)
                    failed |= severity is Severity.ERROR
        if failed:
            raise DiagnosedError("test-emit-diagnostics emitted errors")
