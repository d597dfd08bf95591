"""affine-loop-unroll: MLIR's LoopUnroll on the innermost `affine.for` loops.

Each innermost loop is unrolled by a factor: its step is multiplied by the factor and its
body is repeated, copy `i` using `affine.apply (d0) -> (d0 + i * step)` of the induction
variable and the values the previous copy yields for the iter_args. When the trip count is
not a known multiple of the factor, a cleanup loop runs the remaining iterations from
`lb + (tc - tc mod factor) * step` (loops with a `max` lower or `min` upper bound are then
left alone, as in MLIR). A loop left with one iteration is replaced by its body.

Options (MLIR's):
- `unroll-factor` (default 4): the factor; -1 unrolls fully.
- `unroll-up-to-factor` (default false): loops with a smaller constant trip count are
  unrolled by their trip count.
- `unroll-full` (default false): unroll loops with a constant trip count fully. MLIR 22
  takes it only as an argument of `createLoopUnrollPass` (mlir-opt spells it
  `unroll-factor=-1`); irkit also accepts it as an option.
- `unroll-full-threshold`: with `unroll-full`, fully unroll every loop (not only innermost
  ones) whose constant trip count is at most this (without it, ignored, as in MLIR).
- `unroll-num-reps` (default 1): unroll the innermost loops this many times over.
- `cleanup-unroll` (default false): fully unroll when the factor does not divide the trip
  count, instead of making a cleanup loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from irkit.dialects import affine
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from irkit.affine_syntax import expr_add, expr_mod, expr_mul, expr_sub
from irkit.affine_utils import (
    body_block,
    body_ops,
    canonicalize_map_and_operands,
    compose_map_and_operands,
    constant_trip_count,
    innermost_loops,
    largest_divisor_of_trip_count,
    promote_if_single_iteration,
    set_loop_bounds,
    simplify_map,
    trip_count_map,
    yield_op,
)
from irkit.diagnostics import DiagnosedError, emit_error


def generate_unrolled_loop(for_op: affine.ForOp, unroll_factor: int, step: int) -> None:
    """MLIR's `generateUnrolledLoop`: appends `unroll_factor - 1` copies of the body before
    its terminator, copy `i` with the induction variable bumped by `i * step` and the
    iter_args bound to what the previous copy yields."""
    block = body_block(for_op)
    terminator = yield_op(for_op)
    original = body_ops(for_op)
    iv = for_op.induction_var
    yielded = list(terminator.operands)
    last_yielded = list(yielded)
    for copy in range(1, unroll_factor):
        mapping: dict[SSAValue, SSAValue] = dict(
            zip(for_op.region_iter_args, last_yielded, strict=True)
        )
        if iv.uses:
            bump = AffineMap(1, 0, (expr_add(AffineDimExpr(0), AffineConstantExpr(copy * step)),))
            apply = affine.ApplyOp([iv], bump)
            block.insert_op_before(apply, terminator)
            mapping[iv] = apply.result
        for op in original:
            block.insert_op_before(op.clone(value_mapper=mapping), terminator)
        last_yielded = [
            mapping[value]
            if value.owner is not block
            and isinstance(value.owner, Operation)
            and value.owner.parent_block() is block
            else last
            for value, last in zip(yielded, last_yielded, strict=True)
        ]
    terminator.operands = last_yielded


def cleanup_loop_lower_bound(
    for_op: affine.ForOp, unroll_factor: int
) -> tuple[AffineMap, list[SSAValue]] | None:
    """MLIR's `getCleanupLoopLowerBound`: `lb + (tc - tc mod factor) * step` for each
    result `tc` of the trip count map, composed and canonicalized."""
    trip = trip_count_map(for_op)
    if trip is None:
        return None
    trip_map, trip_operands = trip
    step = for_op.step_value
    lb_apply = affine.ApplyOp(list(for_op.lowerBoundOperands), for_op.lower_bound_map)
    Rewriter.insert_op(lb_apply, InsertPoint.before(for_op))
    bumps: list[affine.ApplyOp] = []
    for result in trip_map.results:
        bump_expr = expr_mul(
            expr_sub(result, expr_mod(result, AffineConstantExpr(unroll_factor))),
            AffineConstantExpr(step),
        )
        bump = affine.ApplyOp(
            trip_operands, AffineMap(trip_map.num_dims, trip_map.num_symbols, (bump_expr,))
        )
        Rewriter.insert_op(bump, InsertPoint.before(for_op))
        bumps.append(bump)
    count = len(trip_map.results)
    lb_map = AffineMap(
        1 + count,
        0,
        tuple(expr_add(AffineDimExpr(0), AffineDimExpr(i + 1)) for i in range(count)),
    )
    operands: list[SSAValue] = [lb_apply.result, *(b.result for b in bumps)]
    lb_map, operands = compose_map_and_operands(lb_map, operands)
    lb_map, operands = canonicalize_map_and_operands(simplify_map(lb_map), operands)
    for apply in (*bumps, lb_apply):
        if not apply.result.uses:
            apply.detach()
            apply.erase()
    return lb_map, operands


def generate_cleanup_loop(for_op: affine.ForOp, unroll_factor: int) -> None:
    """MLIR's `generateCleanupLoopForUnroll`: a copy of the loop after it runs the
    iterations that the unrolled loop leaves over."""
    cleanup = for_op.clone()
    Rewriter.insert_op(cleanup, InsertPoint.after(for_op))
    for result, cleanup_result, cleanup_init in zip(
        for_op.results, cleanup.results, list(cleanup.inits), strict=True
    ):
        result.replace_all_uses_with(cleanup_result)
        cleanup.operands = [result if v is cleanup_init else v for v in cleanup.operands]
    bound = cleanup_loop_lower_bound(for_op, unroll_factor)
    assert bound is not None, "single-result bounds always have a cleanup lower bound"
    lb_map, lb_operands = bound
    set_loop_bounds(
        cleanup,
        lb_operands,
        lb_map,
        list(cleanup.upperBoundOperands),
        cleanup.upper_bound_map,
        cleanup.step_value,
    )
    promote_if_single_iteration(cleanup)
    set_loop_bounds(
        for_op,
        list(for_op.lowerBoundOperands),
        for_op.lower_bound_map,
        lb_operands,
        lb_map,
        for_op.step_value,
    )


def loop_unroll_full(for_op: affine.ForOp) -> bool:
    """MLIR's `loopUnrollFull`: only loops with a constant trip count."""
    trip_count = constant_trip_count(for_op)
    if trip_count is None:
        return False
    if trip_count == 0:
        return True
    if trip_count == 1:
        return promote_if_single_iteration(for_op)
    return loop_unroll_by_factor(for_op, trip_count)


def loop_unroll_up_to_factor(for_op: affine.ForOp, unroll_factor: int) -> bool:
    """MLIR's `loopUnrollUpToFactor`."""
    trip_count = constant_trip_count(for_op)
    if trip_count is not None and trip_count < unroll_factor:
        return loop_unroll_by_factor(for_op, trip_count)
    return loop_unroll_by_factor(for_op, unroll_factor)


def loop_unroll_by_factor(
    for_op: affine.ForOp, unroll_factor: int, cleanup_unroll: bool = False
) -> bool:
    """MLIR's `loopUnrollByFactor`; False where the loop is left as it is."""
    trip_count = constant_trip_count(for_op)
    if unroll_factor == 1:
        return trip_count != 1 or promote_if_single_iteration(for_op)
    if not body_ops(for_op):
        return True
    if trip_count is not None and trip_count < unroll_factor:
        return loop_unroll_full(for_op) if cleanup_unroll else False
    if largest_divisor_of_trip_count(for_op) % unroll_factor != 0:
        if len(for_op.lower_bound_map.results) != 1 or len(for_op.upper_bound_map.results) != 1:
            return False
        if cleanup_unroll:
            return loop_unroll_full(for_op)
        generate_cleanup_loop(for_op, unroll_factor)
    step = for_op.step_value
    set_loop_bounds(
        for_op,
        list(for_op.lowerBoundOperands),
        for_op.lower_bound_map,
        list(for_op.upperBoundOperands),
        for_op.upper_bound_map,
        step * unroll_factor,
    )
    generate_unrolled_loop(for_op, unroll_factor, step)
    promote_if_single_iteration(for_op)
    return True


def _loops_up_to_trip_count(root: Operation, threshold: int) -> Sequence[affine.ForOp]:
    return [
        op
        for op in root.walk(region_first=True)
        if isinstance(op, affine.ForOp)
        and (count := constant_trip_count(op)) is not None
        and count <= threshold
    ]


@dataclass(frozen=True)
class AffineLoopUnrollPass(ModulePass):
    """Unroll affine loops"""

    name = "affine-loop-unroll"

    unroll_factor: int = 4
    unroll_up_to_factor: bool = False
    unroll_full: bool = False
    unroll_full_threshold: int | None = None
    unroll_num_reps: int = 1
    cleanup_unroll: bool = False

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if self.unroll_factor == 0 or self.unroll_factor < -1:
            emit_error(op, f"affine-loop-unroll: invalid unroll-factor {self.unroll_factor}")
            raise DiagnosedError("affine-loop-unroll")
        if self.unroll_full and self.unroll_full_threshold is not None:
            # Innermost first (post order), so that unrolling an outer loop does not
            # delete gathered inner ones.
            for loop in _loops_up_to_trip_count(op, self.unroll_full_threshold):
                loop_unroll_full(loop)
            return
        for _ in range(self.unroll_num_reps):
            loops = innermost_loops(op)
            if not loops:
                break
            unrolled = False
            for loop in loops:
                unrolled |= self._unroll(loop)
            if not unrolled:
                break

    def _unroll(self, loop: affine.ForOp) -> bool:
        if self.unroll_full or self.unroll_factor == -1:
            return loop_unroll_full(loop)
        if self.unroll_up_to_factor:
            return loop_unroll_up_to_factor(loop, self.unroll_factor)
        return loop_unroll_by_factor(loop, self.unroll_factor, self.cleanup_unroll)
