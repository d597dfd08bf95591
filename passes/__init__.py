"""Transformations within one level of abstraction (MLIR's lib/Transforms)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xdsl.passes import ModulePass

    from irkit.registry import Registry


_XDSL_CLEANUPS = {
    "canonicalize": "Canonicalize operations",
    "cse": "Eliminate common sub-expressions",
    "dce": "Eliminate dead operations",
}


def register_passes(registry: Registry) -> None:
    """Add every pass that irkit ships to ``registry``."""
    from xdsl.transforms import get_all_passes

    xdsl_passes = get_all_passes()
    # Generic cleanups that xDSL implements as MLIR does, with MLIR's summaries.
    for name, summary in _XDSL_CLEANUPS.items():
        registry.register_pass(name, xdsl_passes[name], summary)
    registry.register_pass("test-emit-diagnostics", _test_emit_diagnostics)
    registry.register_pass("test-affine-dependences", _test_affine_dependences)
    registry.register_pass("affine-loop-interchange", _affine_loop_interchange)
    registry.register_pass("affine-parallelize", _affine_parallelize)


def _test_emit_diagnostics() -> type[ModulePass]:
    from irkit.passes.test_emit_diagnostics import TestEmitDiagnosticsPass

    return TestEmitDiagnosticsPass


def _test_affine_dependences() -> type[ModulePass]:
    from irkit.passes.test_affine_dependences import TestAffineDependencesPass

    return TestAffineDependencesPass


def _affine_loop_interchange() -> type[ModulePass]:
    from irkit.passes.affine_loop_interchange import AffineLoopInterchangePass

    return AffineLoopInterchangePass


def _affine_parallelize() -> type[ModulePass]:
    from irkit.passes.affine_parallelize import AffineParallelizePass

    return AffineParallelizePass
