"""test-affine-dependences: report the dependences between every pair of affine accesses.

irkit's counterpart of MLIR's ``-test-memref-dependence-check``, with its remarks, so that
MLIR's tests of that pass carry over. The affine memory ops are numbered in walk order;
for every ordered pair (source ``i``, sink ``j``) and every depth ``d`` from 1 to the
number of common loops + 1, the source op gets the remark::

    dependence from i to j at depth d = RESULT

RESULT is ``false`` without a dependence; ``true`` for a loop-independent one (``d`` past
the common loops, or no common loops); otherwise the ``[lb, ub]`` range of sink iv -
source iv on each common loop (``-inf``/``+inf`` when unbounded). As in MLIR, accesses to
different memref values never depend on each other here, nor do two reads.

When the region cannot be modelled exactly, the op at fault gets the remark
``dependence analysis failed: <reason>`` and no other remark is emitted.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

from irkit.diagnostics import emit_remark
from irkit.polyhedral.dependences import (
    Component,
    common_depth,
    dependence_components,
    dependence_relation,
)
from irkit.polyhedral.model import MemoryAccess, NotAffineError, collect_accesses


def _result_text(source: MemoryAccess, sink: MemoryAccess, source_first: bool, depth: int) -> str:
    if source.memref is not sink.memref or not (source.is_write or sink.is_write):
        return "false"
    relation = dependence_relation(source, sink, source_first, depth)
    if relation.is_empty():
        return "false"
    n_common = common_depth(source, sink)
    if depth > n_common:
        return "true"
    return "".join(_component_text(c) for c in dependence_components(relation, n_common))


def _component_text(component: Component) -> str:
    lower, upper = component
    return f"[{'-inf' if lower is None else lower}, {'+inf' if upper is None else upper}]"


@dataclass(frozen=True)
class TestAffineDependencesPass(ModulePass):
    """Test only: remark the dependence between every pair of affine memory accesses."""

    name = "test-affine-dependences"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        try:
            accesses = collect_accesses(op)
        except NotAffineError as error:
            emit_remark(error.op or op, f"dependence analysis failed: {error}")
            return
        for source_index, source in enumerate(accesses):
            for sink_index, sink in enumerate(accesses):
                for depth in range(1, common_depth(source, sink) + 2):
                    result = _result_text(source, sink, source_index < sink_index, depth)
                    emit_remark(
                        source.op,
                        f"dependence from {source_index} to {sink_index} at depth {depth} = "
                        f"{result}",
                    )
