"""Conversions between levels of abstraction (MLIR's lib/Conversion)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xdsl.passes import ModulePass

    from irkit.registry import Registry


def register_lowerings(registry: Registry) -> None:
    """Add every lowering irkit ships to ``registry``; each module is imported only when
    its pass is first used."""
    registry.register_pass(
        "lower-ta-to-affine",
        _lower_ta_to_affine,
        "Lower ta comprehensions to affine loop nests on memrefs, in destination-passing style",
    )
    registry.register_pass("lower-affine", _lower_affine)
    registry.register_pass(
        "convert-scf-parallel-to-gomp",
        _convert_scf_parallel_to_gomp,
        "Run scf.parallel loops without reductions on libgomp threads (GOMP_parallel)",
    )
    registry.register_pass(
        "convert-scf-to-cf",
        _convert_scf_to_cf,
        "Convert SCF dialect to ControlFlow dialect, replacing structured control flow with a CFG",
    )
    registry.register_pass(
        "convert-to-llvm",
        _convert_to_llvm,
        "Convert to LLVM via dialect interfaces found in the input IR",
    )


def _lower_ta_to_affine() -> type[ModulePass]:
    from irkit.lowering.ta_to_affine import LowerTaToAffinePass

    return LowerTaToAffinePass


def _lower_affine() -> type[ModulePass]:
    from irkit.lowering.affine_to_scf import LowerAffinePass

    return LowerAffinePass


def _convert_scf_parallel_to_gomp() -> type[ModulePass]:
    from irkit.lowering.scf_parallel_to_gomp import ConvertScfParallelToGompPass

    return ConvertScfParallelToGompPass


def _convert_scf_to_cf() -> type[ModulePass]:
    from irkit.lowering.scf_to_cf import ConvertScfToCfPass

    return ConvertScfToCfPass


def _convert_to_llvm() -> type[ModulePass]:
    from irkit.lowering.to_llvm import ConvertToLLVMPass

    return ConvertToLLVMPass
