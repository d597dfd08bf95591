"""Transformations within one level of abstraction (MLIR's lib/Transforms)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
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
    for name, (module, class_name) in _PASSES.items():
        registry.register_pass(name, _lazy_pass(module, class_name))


# Each pass's module is imported only when the pass is first used.
_PASSES = {
    # MLIR's affine loop transformations (lib/Dialect/Affine/Transforms).
    "affine-loop-normalize": ("affine_loop_normalize", "AffineLoopNormalizePass"),
    "affine-loop-unroll": ("affine_loop_unroll", "AffineLoopUnrollPass"),
    "affine-loop-invariant-code-motion": (
        "affine_loop_invariant_code_motion",
        "AffineLoopInvariantCodeMotionPass",
    ),
    "affine-loop-tile": ("affine_loop_tile", "AffineLoopTilePass"),
    "affine-loop-unroll-jam": ("affine_loop_unroll_jam", "AffineLoopUnrollJamPass"),
    "affine-scalrep": ("affine_scalrep", "AffineScalrepPass"),
    "affine-loop-fusion": ("affine_loop_fusion", "AffineLoopFusionPass"),
    "affine-super-vectorize": ("affine_super_vectorize", "AffineSuperVectorizePass"),
    "affine-data-copy-generate": ("affine_data_copy_generate", "AffineDataCopyGeneratePass"),
    "affine-parallelize": ("affine_parallelize", "AffineParallelizePass"),
    # Polyhedral passes that MLIR lacks.
    "affine-loop-interchange": ("affine_loop_interchange", "AffineLoopInterchangePass"),
    "polyhedral-schedule": ("polyhedral_schedule", "PolyhedralSchedulePass"),
    # irkit's default optimizing pipeline (-O3).
    "affine-optimize": ("affine_optimize", "AffineOptimizePass"),
    # Test passes, as MLIR's -test-* ones.
    "test-affine-dependences": ("test_affine_dependences", "TestAffineDependencesPass"),
    "test-emit-diagnostics": ("test_emit_diagnostics", "TestEmitDiagnosticsPass"),
}


def _lazy_pass(module: str, class_name: str) -> Callable[[], type[ModulePass]]:
    def load() -> type[ModulePass]:
        return getattr(import_module(f"irkit.passes.{module}"), class_name)

    return load
