"""affine-loop-invariant-code-motion: MLIR's affine LoopInvariantCodeMotion.

Each `affine.for` (innermost first) hoists, to just before itself and in their order, the
ops of its body that do not depend on its induction variable, its iter_args or an op of
the body that stays:
- ops free of memory effects;
- `affine.load`/`affine.store` (and their vector forms) when no other op inside the loop
  writes the same memref (for a store: also none reads it); like MLIR, aliasing memrefs
  are not considered;
- `affine.for`, `affine.parallel` and `affine.if` ops whose nested ops all qualify.

Where MLIR does not see an effect (an op without memory-effect information that uses the
memref), this pass assumes the op writes it, so that it never hoists across such an op.
The pass has no options.
"""

from __future__ import annotations

from dataclasses import dataclass

from irkit.dialects import affine
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter
from xdsl.traits import MemoryEffectKind, get_effects, is_side_effect_free

from irkit.affine_utils import body_ops

_ACCESS_OPS = (affine.LoadOp, affine.StoreOp, affine.VectorLoadOp, affine.VectorStoreOp)
_WRITE_OPS = (affine.StoreOp, affine.VectorStoreOp)


def _has_effect(op: Operation, kind: MemoryEffectKind, memref: SSAValue) -> bool:
    effects = get_effects(op)
    if effects is None:
        # Unknown effects: assume the op may write what it uses.
        return kind == MemoryEffectKind.WRITE
    return any(effect.kind == kind and effect.value in (memref, None) for effect in effects)


@dataclass
class _Invariance:
    """MLIR's `isOpLoopInvariant` state for one loop: the ops found to have users inside
    it and the ops to hoist."""

    loop: affine.ForOp
    ops_with_users: set[Operation]
    ops_to_hoist: set[Operation]

    def is_invariant(self, op: Operation) -> bool:
        if isinstance(op, affine.IfOp | affine.ForOp | affine.ParallelOp):
            if not all(self._region_invariant(region) for region in op.regions):
                return False
        elif isinstance(op, _ACCESS_OPS):
            self.ops_with_users.add(op)
            if not self._access_invariant(op):
                return False
        elif not is_side_effect_free(op):
            return False
        for operand in op.operands:
            if operand is self.loop.induction_var or operand in self.loop.region_iter_args:
                return False
            owner = operand.owner
            if (
                isinstance(owner, Operation)
                and owner in self.ops_with_users
                and owner not in self.ops_to_hoist
            ):
                return False
        self.ops_to_hoist.add(op)
        return True

    def _region_invariant(self, region: Region) -> bool:
        return all(
            isinstance(op, affine.YieldOp) or self.is_invariant(op)
            for block in region.blocks
            for op in block.ops
        )

    def _access_invariant(self, op: Operation) -> bool:
        memref = op.operands[1] if isinstance(op, _WRITE_OPS) else op.operands[0]
        is_write = isinstance(op, _WRITE_OPS)
        for use in memref.uses:
            user = use.operation
            if user is op or not self.loop.is_ancestor(user):
                continue
            if _has_effect(user, MemoryEffectKind.WRITE, memref) or (
                is_write and _has_effect(user, MemoryEffectKind.READ, memref)
            ):
                return False
        return True


def hoist_loop_invariant_ops(loop: affine.ForOp) -> list[Operation]:
    """MLIR's `runOnAffineForOp`: moves the invariant ops of `loop`'s body before it and
    returns them."""
    invariance = _Invariance(loop, set(), set())
    to_move: list[Operation] = []
    for op in body_ops(loop):
        if op.results and any(result.uses for result in op.results):
            invariance.ops_with_users.add(op)
        if invariance.is_invariant(op):
            to_move.append(op)
    for op in to_move:
        op.detach()
        Rewriter.insert_op(op, InsertPoint.before(loop))
    return to_move


@dataclass(frozen=True)
class AffineLoopInvariantCodeMotionPass(ModulePass):
    """Hoist loop invariant instructions outside of affine loops"""

    name = "affine-loop-invariant-code-motion"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        # Innermost loops first, as MLIR's post-order walk.
        for loop in list(op.walk(region_first=True)):
            if isinstance(loop, affine.ForOp):
                hoist_loop_invariant_ops(loop)
