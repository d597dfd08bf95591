"""affine-parallelize: convert affine.for loops without loop-carried dependences to
affine.parallel, as MLIR's pass of that name does.

Options (MLIR's):

* ``max-nested`` (unsigned, default unlimited): the most `affine.parallel` ops to nest;
  a parallel loop inside that many `affine.parallel` ops stays an `affine.for`.
* ``parallel-reductions`` (bool, default false): also convert loops whose iter_args are
  reductions (the yielded value is one `arith` op of a reduction kind combining the
  iter_arg with a value of the body); the `affine.parallel` then reduces the body's values
  and the op combines the result with the loop's initial value after the loop.

Candidates are found, outer loops first, before any loop is converted; whether a loop is
parallel comes from the exact dependence analysis of :mod:`irkit.polyhedral`. A loop whose
accesses cannot be analysed stays as it is, with a remark saying why.
"""

from __future__ import annotations

from dataclasses import dataclass

from irkit.dialects import affine
from xdsl.context import Context
from xdsl.dialects import arith
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass

from irkit.diagnostics import emit_remark
from irkit.polyhedral.dependences import is_loop_memory_parallel
from irkit.polyhedral.model import NotAffineError

UNLIMITED = 2**32 - 1
"""MLIR's default for `max-nested` (UINT_MAX)."""

_REDUCTION_KINDS: dict[type[Operation], str] = {
    arith.AddfOp: "addf",
    arith.MulfOp: "mulf",
    arith.AddiOp: "addi",
    arith.MuliOp: "muli",
    arith.AndIOp: "andi",
    arith.OrIOp: "ori",
    arith.XOrIOp: "xori",
    arith.MaximumfOp: "maximumf",
    arith.MinimumfOp: "minimumf",
    arith.MaxnumfOp: "maxnumf",
    arith.MinnumfOp: "minnumf",
    arith.MaxSIOp: "maxs",
    arith.MinSIOp: "mins",
    arith.MaxUIOp: "maxu",
    arith.MinUIOp: "minu",
}
"""The single-op reductions that MLIR's `getSupportedReductions` recognises."""


@dataclass(frozen=True)
class _Reduction:
    kind: str
    combiner: Operation
    """The op of the body that combines the iter_arg with `value`."""
    value: SSAValue
    """What one iteration contributes."""


def _reductions(loop: affine.ForOp) -> list[_Reduction] | None:
    """The reductions of all of `loop`'s iter_args, or None when one is not a reduction."""
    yield_op = loop.body.block.last_op
    assert isinstance(yield_op, affine.YieldOp)
    reductions: list[_Reduction] = []
    for iter_arg, yielded in zip(loop.region_iter_args, yield_op.arguments, strict=True):
        combiner = yielded.owner
        kind = _REDUCTION_KINDS.get(type(combiner)) if isinstance(combiner, Operation) else None
        if kind is None or combiner.parent_op() is not loop or len(combiner.operands) != 2:
            return None
        uses = list(iter_arg.uses)
        if len(uses) != 1 or uses[0].operation is not combiner or len(list(yielded.uses)) != 1:
            return None
        lhs, rhs = combiner.operands
        reductions.append(_Reduction(kind, combiner, rhs if lhs is iter_arg else lhs))
    return reductions


def _parallel_ancestors(loop: Operation) -> int:
    count = 0
    current = loop
    while (parent := current.parent_op()) is not None and not affine.is_affine_scope(parent):
        count += isinstance(parent, affine.ParallelOp)
        current = parent
    return count


def parallelize(loop: affine.ForOp, reductions: list[_Reduction]) -> affine.ParallelOp:
    """Replace `loop` by an `affine.parallel` with the same bounds and step (MLIR's
    `affineParallelize`); `reductions` covers all of its iter_args."""
    lower = loop.lower_bound_map
    upper = loop.upper_bound_map
    parallel = affine.ParallelOp(
        [lower],
        loop.lowerBoundOperands,
        [upper],
        loop.upperBoundOperands,
        [loop.step_value],
        [r.kind for r in reductions],
        [r.value.type for r in reductions],
        body=loop.detach_region(loop.body),
    )
    block = parallel.body.block
    yield_op = block.last_op
    assert isinstance(yield_op, affine.YieldOp)
    parent_block = loop.parent_block()
    assert parent_block is not None
    parent_block.insert_op_before(parallel, loop)
    # The body yields what each iteration contributes; each combining op moves after the
    # loop, where it combines the loop's initial value with the parallel reduction.
    new_yield = affine.YieldOp(*(r.value for r in reductions))
    block.insert_op_before(new_yield, yield_op)
    block.erase_op(yield_op)
    for index, (reduction, init) in enumerate(zip(reductions, loop.inits, strict=True)):
        reduction.combiner.detach()
        parent_block.insert_op_after(reduction.combiner, parallel)
        reduction.combiner.operands = [init, parallel.results[index]]
        loop.results[index].replace_all_uses_with(reduction.combiner.results[0])
    for iter_arg in reversed(block.args[1:]):
        block.erase_arg(iter_arg)
    parent_block.erase_op(loop)
    return parallel


@dataclass(frozen=True)
class AffineParallelizePass(ModulePass):
    """Convert affine.for loops without loop-carried dependences to affine.parallel."""

    name = "affine-parallelize"

    max_nested: int = UNLIMITED
    parallel_reductions: bool = False

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        candidates: list[tuple[affine.ForOp, list[_Reduction]]] = []
        for loop in op.walk():
            if not isinstance(loop, affine.ForOp):
                continue
            reductions = _reductions(loop) if self.parallel_reductions else []
            if reductions is None or (loop.inits and not self.parallel_reductions):
                continue
            try:
                if is_loop_memory_parallel(loop):
                    candidates.append((loop, reductions))
            except NotAffineError as error:
                emit_remark(loop, f"cannot parallelize: {error}")
        for loop, reductions in candidates:
            if _parallel_ancestors(loop) < self.max_nested:
                parallelize(loop, reductions)
