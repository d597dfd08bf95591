"""affine-loop-normalize: MLIR's AffineLoopNormalize on `affine.for` and `affine.parallel`.

Every `affine.for` whose lower bound has a single result is rewritten to run from 0 by step
1: its upper bound becomes `(ub - lb) ceildiv step` (one result per upper bound result) and
the old induction variable is recomputed at the top of the body by an `affine.apply` of
`lb + iv * step`, which replaces its uses. Loops are visited innermost first, as MLIR's
post-order walk does. Loops already from 0 by 1 and loops with a `max` lower bound (several
results) are left as they are. Each dimension of an `affine.parallel` without `max`/`min`
bounds is normalized the same way.

Options:
- `promote-single-iter` (default false): a loop that runs exactly once is replaced by its
  body first (MLIR's `promoteIfSingleIteration`).
"""

from __future__ import annotations

from dataclasses import dataclass

from irkit.dialects import affine
from xdsl.context import Context
from xdsl.dialects.builtin import AffineMapAttr, ArrayAttr, IntegerAttr, ModuleOp, i64
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from xdsl.passes import ModulePass

from irkit.affine_syntax import expr_add, expr_ceildiv, expr_mul, replace_dims_and_symbols
from irkit.affine_utils import (
    body_block,
    promote_if_single_iteration,
    replace_uses_except,
    set_loop_bounds,
    value_map_difference,
)


def normalize_affine_for(for_op: affine.ForOp, promote_single_iter: bool = False) -> bool:
    """MLIR's `normalizeAffineFor`; False where the loop cannot be normalized."""
    if promote_single_iter and promote_if_single_iteration(for_op):
        return True
    lb_map = for_op.lower_bound_map
    step = for_op.step_value
    if lb_map.results == (AffineConstantExpr(0),) and step == 1:
        return True
    if len(lb_map.results) != 1:
        return False
    ub_map = for_op.upper_bound_map
    lb_operands = list(for_op.lowerBoundOperands)
    padded_lb = AffineMap(lb_map.num_dims, lb_map.num_symbols, lb_map.results * len(ub_map.results))
    span_map, span_operands = value_map_difference(
        ub_map, list(for_op.upperBoundOperands), padded_lb, lb_operands
    )
    scale_down = [
        expr_ceildiv(AffineDimExpr(i), AffineConstantExpr(step))
        for i in range(len(span_map.results))
    ]
    new_ub = AffineMap(
        span_map.num_dims,
        span_map.num_symbols,
        tuple(replace_dims_and_symbols(e, span_map.results, []) for e in scale_down),
    )
    # lb - (-iv * step), as MLIR computes the old induction variable.
    scaled_iv = AffineMap(1, 0, (expr_mul(AffineDimExpr(0), AffineConstantExpr(-step)),))
    iv = for_op.induction_var
    iv_map, iv_operands = value_map_difference(lb_map, lb_operands, scaled_iv, [iv])

    set_loop_bounds(for_op, [], AffineMap.constant_map(0), span_operands, new_ub, 1)
    apply = affine.ApplyOp(iv_operands, iv_map)
    block = body_block(for_op)
    assert block.first_op is not None
    block.insert_op_before(apply, block.first_op)
    replace_uses_except(iv, apply.result, apply)
    return True


def normalize_affine_parallel(op: affine.ParallelOp) -> None:
    """MLIR's `normalizeAffineParallel`: every dimension from 0 by step 1, the old
    induction variables recomputed by `affine.apply`s of `lb + iv * step`. Loops with
    `max`/`min` bounds are left as they are."""
    if any(size != 1 for size in (*op.lower_bounds_groups, *op.upper_bounds_groups)):
        return
    lb_map = op.lower_bounds_map
    steps = op.step_values
    if all(
        step == 1 and lb == AffineConstantExpr(0)
        for step, lb in zip(steps, lb_map.results, strict=True)
    ):
        return
    lb_operands = list(op.lower_bounds_operands)
    ranges, range_operands = value_map_difference(
        op.upper_bounds_map, list(op.upper_bounds_operands), lb_map, lb_operands
    )
    block = op.body.blocks.first
    assert block is not None and block.first_op is not None
    first_body_op = block.first_op
    num_dims = lb_map.num_dims
    for step, lb_expr, iv in zip(steps, lb_map.results, op.induction_vars, strict=True):
        scaled_iv = expr_mul(AffineDimExpr(num_dims), AffineConstantExpr(step))
        iv_map = AffineMap(num_dims + 1, lb_map.num_symbols, (expr_add(lb_expr, scaled_iv),))
        apply = affine.ApplyOp([*lb_operands[:num_dims], iv, *lb_operands[num_dims:]], iv_map)
        block.insert_op_before(apply, first_body_op)
        replace_uses_except(iv, apply.result, apply)
    upper = tuple(
        expr_ceildiv(result, AffineConstantExpr(step))
        for result, step in zip(ranges.results, steps, strict=True)
    )
    op.operands = range_operands
    op.properties["lowerBoundsMap"] = AffineMapAttr(
        AffineMap(0, 0, (AffineConstantExpr(0),) * len(steps))
    )
    op.properties["upperBoundsMap"] = AffineMapAttr(
        AffineMap(ranges.num_dims, ranges.num_symbols, upper)
    )
    op.properties["steps"] = ArrayAttr([IntegerAttr(1, i64)] * len(steps))


@dataclass(frozen=True)
class AffineLoopNormalizePass(ModulePass):
    """Apply normalization transformations to affine loop-like ops"""

    name = "affine-loop-normalize"

    promote_single_iter: bool = False

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        # Innermost first, as MLIR's post-order walk.
        for loop in list(op.walk(region_first=True)):
            if isinstance(loop, affine.ParallelOp):
                normalize_affine_parallel(loop)
            elif isinstance(loop, affine.ForOp):
                normalize_affine_for(loop, self.promote_single_iter)
