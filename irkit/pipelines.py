"""The pipeline aliases of ``irkit-opt``: ``--lower-to-ta``, ``--lower-to-affine`` and
``--lower-to-llvm``.

Each alias is an ordered list of lowering steps. A step runs only when the module still
holds ops of the dialects it lowers, so every alias accepts input at any level above its
target. Steps refer to their passes by registered name: the core never imports
``irkit.lowering``, and a lowering that is not registered yet is reported as missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, UnregisteredOp
from xdsl.ir import Operation
from xdsl.passes import ModulePass

from irkit.diagnostics import DiagnosedError, emit_error


@dataclass(frozen=True)
class LoweringStep:
    """``pass_name`` lowers away every op of ``dialects``."""

    dialects: tuple[str, ...]
    pass_name: str


_GRAPH_TO_TA = LoweringStep(("graph",), "lower-graph-to-ta")
_TA_TO_AFFINE = LoweringStep(("ta",), "lower-ta-to-affine")
_AFFINE_TO_SCF = LoweringStep(("affine",), "lower-affine")
_SCF_PARALLEL_TO_GOMP = LoweringStep(("scf",), "convert-scf-parallel-to-gomp")
_SCF_TO_CF = LoweringStep(("scf",), "convert-scf-to-cf")
_TO_LLVM = LoweringStep(
    ("func", "arith", "math", "memref", "cf", "vector", "index", "ub"), "convert-to-llvm"
)


def _dialect_of(op: Operation) -> str:
    # An op of a dialect that is not loaded (--allow-unregistered-dialect) still names it.
    if isinstance(op, UnregisteredOp):
        return op.op_name.data.split(".", 1)[0]
    return op.dialect_name()


def _first_op_of(module: ModuleOp, dialects: tuple[str, ...]) -> Operation | None:
    for op in module.walk():
        if _dialect_of(op) in dialects:
            return op
    return None


@dataclass(frozen=True)
class PipelineAlias(ModulePass):
    """Runs the lowering steps that the input still needs, in order."""

    steps: ClassVar[tuple[LoweringStep, ...]] = ()

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        from irkit.registry import default_registry

        passes = default_registry().passes
        for step in self.steps:
            found = _first_op_of(op, step.dialects)
            if found is None:
                continue
            factory = passes.get(step.pass_name)
            if factory is None:
                emit_error(found, f"no lowering for dialect '{_dialect_of(found)}' yet")
                raise DiagnosedError(step.pass_name)
            factory()().apply(ctx, op)


@dataclass(frozen=True)
class LowerToTa(PipelineAlias):
    """Lower framework graphs (graph dialect) to tensor algebra (ta dialect)."""

    name = "lower-to-ta"
    steps = (_GRAPH_TO_TA,)


@dataclass(frozen=True)
class LowerToAffine(PipelineAlias):
    """Lower graph or ta IR to affine loop nests over memrefs."""

    name = "lower-to-affine"
    steps = (_GRAPH_TO_TA, _TA_TO_AFFINE)


@dataclass(frozen=True)
class LowerToLLVM(PipelineAlias):
    """Lower IR at any level down to the llvm dialect."""

    name = "lower-to-llvm"
    steps = (
        _GRAPH_TO_TA,
        _TA_TO_AFFINE,
        _AFFINE_TO_SCF,
        _SCF_PARALLEL_TO_GOMP,
        _SCF_TO_CF,
        _TO_LLVM,
    )


PIPELINE_ALIASES: tuple[type[PipelineAlias], ...] = (LowerToTa, LowerToAffine, LowerToLLVM)
