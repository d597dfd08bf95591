"""The exceptions of the reference executor.

Each one says what is wrong in words a user can act on. Errors about an op carry a
:class:`~irkit.diagnostics.Diagnostic` located at the op, so a tool can print it in MLIR's
form, with the source line and a caret.
"""

from __future__ import annotations

from xdsl.dialects.builtin import UnregisteredOp
from xdsl.ir import Operation

from irkit.diagnostics import Diagnostic, Severity, location_of


def op_name(op: Operation) -> str:
    """The op's name, also for an op of a dialect the context does not know."""
    return op.op_name.data if isinstance(op, UnregisteredOp) else op.name


class ArgumentError(ValueError):
    """The arrays given do not fit the entry function: count, dtype, rank, shape, or size
    variables that disagree; or the module has no such function."""


class _OpDiagnosticError(Exception):
    """An error at an op, worded as MLIR's ``emitOpError`` (``'name' op message``) or,
    when not ``prefixed``, as its ``emitError``."""

    def __init__(self, op: Operation, message: str, prefixed: bool = True) -> None:
        self.op = op
        text = f"'{op_name(op)}' op {message}" if prefixed else message
        self.diagnostic = Diagnostic(Severity.ERROR, text, location_of(op))
        super().__init__(f"{self.diagnostic.location}: error: {text}")


class UnsupportedError(_OpDiagnosticError, NotImplementedError):
    """An op, or a type, that the reference executor has no evaluation rule for."""


class ExecutionError(_OpDiagnosticError, RuntimeError):
    """The program went wrong while it ran: an out-of-bounds access, a division by zero,
    a failed ``cf.assert``. The diagnostic is located at the op that failed."""
