"""affine-loop-interchange: permute perfectly nested affine.for loops, when it is legal.

MLIR has the transformation (`permuteLoops`) but no pass for it; this pass applies it to
every outermost perfect band of `affine.for` loops whose depth is the permutation's
length, as MLIR's `-test-loop-permutation` does for the first one.

Options:

* ``permutation`` (comma-separated list, required): ``permutation[i]`` is the new
  position of loop ``i`` of the band, outermost first (MLIR's `permuteLoops` convention):
  ``permutation=1,2,0`` makes the outermost loop innermost.

A band is left unchanged, with a remark on its outermost loop, when the permutation would
reverse a dependence (the remark names it), when a loop's bounds use the induction
variable of a band loop that would end up inside it, when a band loop has iter_args, or
when the band's memory accesses cannot be analysed exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from irkit.dialects import affine
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass

from irkit.diagnostics import emit_remark
from irkit.polyhedral.dependences import find_permutation_violation
from irkit.polyhedral.model import NotAffineError


def perfect_band(loop: affine.ForOp) -> list[affine.ForOp]:
    """`loop` and the loops perfectly nested in it: each body holds only the next loop
    and the terminator."""
    band = [loop]
    while True:
        body_ops = [op for op in band[-1].body.block.ops if not isinstance(op, affine.YieldOp)]
        if len(body_ops) != 1 or not isinstance(body_ops[0], affine.ForOp):
            return band
        band.append(body_ops[0])


def _outermost_loops(root: Operation) -> list[affine.ForOp]:
    return [
        op
        for op in root.walk()
        if isinstance(op, affine.ForOp)
        and not isinstance(op.parent_op(), affine.ForOp | affine.ParallelOp)
    ]


def _refusal(band: Sequence[affine.ForOp], permutation: Sequence[int]) -> str | None:
    """Why `band` cannot be permuted, or None when it can."""
    if any(loop.inits for loop in band):
        return "a loop of the band has iter_args"
    positions = {loop.induction_var: permutation[index] for index, loop in enumerate(band)}
    for index, loop in enumerate(band):
        for operand in (*loop.lowerBoundOperands, *loop.upperBoundOperands):
            if positions.get(operand, -1) >= permutation[index]:
                return (
                    f"the bounds of loop {index} would use the induction variable of a loop "
                    "nested inside it"
                )
    try:
        violation = find_permutation_violation(band, permutation)
    except NotAffineError as error:
        return f"dependences cannot be analysed: {error}"
    if violation is not None:
        return f"it would violate the {violation.describe()}"
    return None


def permute_band(band: Sequence[affine.ForOp], permutation: Sequence[int]) -> affine.ForOp:
    """Rebuild `band` with loop `i` at position `permutation[i]`; return the new
    outermost loop, which replaces `band[0]`. Bounds must only use the induction
    variables of loops that stay outside them."""
    original_at = sorted(range(len(band)), key=lambda index: permutation[index])
    new_ivs: dict[SSAValue, SSAValue] = {}
    new_loops: list[affine.ForOp] = []
    for index in original_at:
        loop = band[index]
        new_loop = affine.ForOp(
            [new_ivs.get(v, v) for v in loop.lowerBoundOperands],
            [new_ivs.get(v, v) for v in loop.upperBoundOperands],
            (),
            loop.lower_bound_map,
            loop.upper_bound_map,
            loop.step_value,
        )
        new_ivs[loop.induction_var] = new_loop.induction_var
        if new_loops:
            outer_block = new_loops[-1].body.block
            outer_block.insert_op_before(new_loop, outer_block.last_op)  # before the yield
        new_loops.append(new_loop)
    innermost_block = new_loops[-1].body.block
    terminator = innermost_block.last_op
    assert terminator is not None
    for op in [op for op in band[-1].body.block.ops if not isinstance(op, affine.YieldOp)]:
        op.detach()
        innermost_block.insert_op_before(op, terminator)
    for old_iv, new_iv in new_ivs.items():
        old_iv.replace_all_uses_with(new_iv)
    outermost = band[0]
    parent_block = outermost.parent_block()
    assert parent_block is not None
    parent_block.insert_op_before(new_loops[0], outermost)
    parent_block.erase_op(outermost)
    return new_loops[0]


@dataclass(frozen=True)
class AffineLoopInterchangePass(ModulePass):
    """Permute perfectly nested affine.for loops when the dependences allow it."""

    name = "affine-loop-interchange"

    permutation: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        # The pipeline reports a ValueError here as an invalid option.
        if sorted(self.permutation) != list(range(len(self.permutation))):
            raise ValueError(
                f"permutation={','.join(map(str, self.permutation))} is not a permutation of 0..n-1"
            )

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for outermost in _outermost_loops(op):
            band = perfect_band(outermost)
            if len(band) != len(self.permutation):
                continue
            reason = _refusal(band, self.permutation)
            if reason is not None:
                emit_remark(outermost, f"cannot interchange the loops: {reason}")
                continue
            permute_band(band, self.permutation)
