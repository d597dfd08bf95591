"""The Tensor Comprehensions front end: TC source to `ta` IR.

    module = irkit.frontend.tc.parse(source, filename="matmul.tc", sizes={"K": 64})

:func:`parse` reads every ``def`` of the source, checks it, infers the ranges of its index
variables as TC does, and returns a verified module with one ``func.func`` per def. A
program it rejects raises :class:`TCError`, a :class:`~irkit.diagnostics.DiagnosedError`
with a located diagnostic.
"""

from __future__ import annotations

from collections.abc import Mapping

from xdsl.dialects.builtin import ModuleOp

from irkit.diagnostics import Diagnostic, OpError, Severity, SourceBuffer, location_of, report
from irkit.frontend.tc.emit import Emitter
from irkit.frontend.tc.errors import TCError, error_at
from irkit.frontend.tc.sema import ProgramAnalyzer
from irkit.frontend.tc.syntax import Name, parse_definitions
from irkit.verifier import verify

__all__ = ["TCError", "analyze", "parse"]


def analyze(
    source: str, *, filename: str = "<stdin>", sizes: Mapping[str, int] | None = None
) -> tuple[ModuleOp, list[Diagnostic]]:
    """The verified `ta` module of ``source`` and the warnings about it (reads that may be
    out of bounds for some sizes).

    ``sizes`` binds size variables to integers, in every def that has them: their
    dimensions become static and the bounds that use them constant. Naming a size that no
    def has, or giving one a value below 1 (or beyond 64 bits), raises ValueError.
    """
    buffer = SourceBuffer(filename, source)
    try:
        return _analyze(buffer, sizes)
    except RecursionError:
        raise error_at(buffer, 0, "the program is nested too deeply") from None


def _analyze(
    buffer: SourceBuffer, sizes: Mapping[str, int] | None
) -> tuple[ModuleOp, list[Diagnostic]]:
    definitions = parse_definitions(buffer)
    bound = dict(sizes or {})
    known = {
        dim.text
        for definition in definitions
        for param in definition.params
        for dim in param.type.dims
        if isinstance(dim, Name)
    }
    for name, value in bound.items():
        if name not in known:
            raise ValueError(f"no def has a size variable named '{name}'")
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < 2**63:
            raise ValueError(f"size '{name}' must be an integer from 1 to 2**63 - 1, not {value!r}")
    program = ProgramAnalyzer(buffer, definitions, bound)
    instances = program.run()
    module = Emitter(buffer).module(instances)
    try:
        verify(module)
    except OpError as error:
        # The ta verifier's own checks, located at the TC construct the op comes from.
        location = location_of(error.op)
        diagnostic = Diagnostic(Severity.ERROR, error.text, location)
        raise TCError(diagnostic, buffer) from None
    return module, program.warnings


def parse(
    source: str, *, filename: str = "<stdin>", sizes: Mapping[str, int] | None = None
) -> ModuleOp:
    """The verified `ta` module of the TC program ``source``; see :func:`analyze`. Warnings
    go to the current diagnostic handler (:func:`irkit.diagnostics.diagnostic_handler`)."""
    module, warnings = analyze(source, filename=filename, sizes=sizes)
    for warning in warnings:
        report(warning)
    return module
