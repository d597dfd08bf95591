"""lower-affine: affine ops to `scf`, `arith`, `memref` and `vector` ops, as MLIR's
AffineToStandard conversion does.

Every affine expression becomes `arith` on `index` values the way MLIR's
`expandAffineExpr` builds it, op for op: `+` is `arith.addi`, `*` is `arith.muli` with
`nsw`, and `floordiv`, `ceildiv` and `mod` by a positive divisor are the branch-free
`arith.divsi`/`arith.remsi` sequences that round towards negative infinity (mod: a
non-negative remainder). Constants are not folded or shared; each expansion makes its own,
as MLIR's conversion driver leaves them.

- `affine.for` becomes `scf.for` from the `arith.maxsi` chain of its lower-bound results
  to the `arith.minsi` chain of its upper-bound results, its `iter_args` carried over;
- `affine.if` becomes `scf.if` on the conjunction (`arith.andi`, no short circuit) of one
  `arith.cmpi sge 0` or `eq 0` per constraint of its integer set;
- `affine.parallel` becomes `scf.parallel`; each reduction starts from the identity of its
  kind and combines in an `scf.reduce` region with the matching `arith` op;
- `affine.apply`, `affine.min` and `affine.max` become their expanded expressions;
- `affine.load`/`store` and `affine.vector_load`/`vector_store` become `memref.load`/`store`
  and `vector.load`/`store` on the expanded indices;
- `affine.yield` becomes `scf.yield` (`scf.reduce` in a parallel loop);
- `affine.linearize_index` and `affine.delinearize_index` become the `arith` sequences of
  MLIR's AffineExpandIndexOps patterns, which `-lower-affine` includes.

Where MLIR's patterns fail (division or modulo by a non-positive constant, a reduction
without an identity value), for `affine.prefetch`, whose target `memref.prefetch` xDSL does
not have, and for `affine.dma_start`/`dma_wait`, whose xDSL targets lack MLIR's syntax and
strided form, the pass reports an error at each such op and changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import cast

from irkit.dialects import affine
from xdsl.context import Context
from xdsl.dialects import arith, memref, scf, vector
from xdsl.dialects.builtin import (
    AnyFloat,
    FloatAttr,
    IndexType,
    IntegerAttr,
    IntegerType,
    ModuleOp,
    Signedness,
    VectorType,
    i1,
)
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineConstraintExpr,
    AffineConstraintKind,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymExpr,
)
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from irkit.affine_syntax import expr_add, expr_ceildiv, expr_floordiv, expr_mod, expr_mul, expr_sub
from irkit.diagnostics import DiagnosedError, emit_error

# ---------------------------------------------------------------------------
# Affine expressions to arith
# ---------------------------------------------------------------------------

_MLIR_BUILDERS: dict[AffineBinaryOpKind, Callable[[AffineExpr, AffineExpr], AffineExpr]] = {
    AffineBinaryOpKind.Add: expr_add,
    AffineBinaryOpKind.Mul: expr_mul,
    AffineBinaryOpKind.FloorDiv: expr_floordiv,
    AffineBinaryOpKind.CeilDiv: expr_ceildiv,
    AffineBinaryOpKind.Mod: expr_mod,
}


def _as_mlir_builds(expr: AffineExpr) -> AffineExpr:
    """`expr` rebuilt with MLIR's simplifying constructors: maps built by xDSL's own
    constructors then have the term order and shape that MLIR expands."""
    if isinstance(expr, AffineBinaryOpExpr):
        return _MLIR_BUILDERS[expr.kind](_as_mlir_builds(expr.lhs), _as_mlir_builds(expr.rhs))
    return expr


def _division_error(expr: AffineExpr) -> str | None:
    """MLIR's message for a `mod`/`floordiv`/`ceildiv` by a non-positive constant inside
    `expr`, which its expansion refuses."""
    if not isinstance(expr, AffineBinaryOpExpr):
        return None
    if (
        expr.kind
        in (AffineBinaryOpKind.Mod, AffineBinaryOpKind.FloorDiv, AffineBinaryOpKind.CeilDiv)
        and isinstance(expr.rhs, AffineConstantExpr)
        and expr.rhs.value <= 0
    ):
        if expr.kind == AffineBinaryOpKind.Mod:
            return "modulo by non-positive value is not supported"
        return "division by non-positive value is not supported"
    return _division_error(expr.lhs) or _division_error(expr.rhs)


def _index_constant(rewriter: PatternRewriter, value: int) -> SSAValue:
    return rewriter.insert(arith.ConstantOp(IntegerAttr(value, IndexType()))).result


@dataclass
class _Expander:
    """MLIR's `AffineApplyExpander`: builds, before the matched op, the `arith` ops that
    compute an affine expression of `dims` and `symbols`."""

    rewriter: PatternRewriter
    dims: Sequence[SSAValue]
    symbols: Sequence[SSAValue]

    def _insert(self, op: Operation) -> SSAValue:
        return self.rewriter.insert(op).results[0]

    def expand(self, expr: AffineExpr) -> SSAValue:
        if isinstance(expr, AffineDimExpr):
            return self.dims[expr.position]
        if isinstance(expr, AffineSymExpr):
            return self.symbols[expr.position]
        if isinstance(expr, AffineConstantExpr):
            return _index_constant(self.rewriter, expr.value)
        assert isinstance(expr, AffineBinaryOpExpr)
        lhs = self.expand(expr.lhs)
        rhs = self.expand(expr.rhs)
        if expr.kind == AffineBinaryOpKind.Add:
            return self._insert(arith.AddiOp(lhs, rhs))
        if expr.kind == AffineBinaryOpKind.Mul:
            nsw = arith.IntegerOverflowAttr([arith.IntegerOverflowFlag.NSW])
            return self._insert(arith.MuliOp(lhs, rhs, overflow=nsw))
        if expr.kind == AffineBinaryOpKind.Mod:
            return self._mod(lhs, rhs)
        if expr.kind == AffineBinaryOpKind.FloorDiv:
            return self._floor_div(lhs, rhs)
        return self._ceil_div(lhs, rhs)

    def _mod(self, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        # a mod b = let r = a srem b in r < 0 ? r + b : r
        remainder = self._insert(arith.RemSIOp(lhs, rhs))
        zero = _index_constant(self.rewriter, 0)
        negative = self._insert(arith.CmpiOp(remainder, zero, "slt"))
        corrected = self._insert(arith.AddiOp(remainder, rhs))
        return self._insert(arith.SelectOp(negative, corrected, remainder))

    def _floor_div(self, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        # a floordiv b = let n = a < 0 in let q = (n ? -a - 1 : a) / b in n ? -q - 1 : q
        zero = _index_constant(self.rewriter, 0)
        minus_one = _index_constant(self.rewriter, -1)
        negative = self._insert(arith.CmpiOp(lhs, zero, "slt"))
        negated_decremented = self._insert(arith.SubiOp(minus_one, lhs))
        dividend = self._insert(arith.SelectOp(negative, negated_decremented, lhs))
        quotient = self._insert(arith.DivSIOp(dividend, rhs))
        corrected = self._insert(arith.SubiOp(minus_one, quotient))
        return self._insert(arith.SelectOp(negative, corrected, quotient))

    def _ceil_div(self, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        # a ceildiv b = let n = a <= 0 in let q = (n ? -a : a - 1) / b in n ? -q : q + 1
        zero = _index_constant(self.rewriter, 0)
        one = _index_constant(self.rewriter, 1)
        non_positive = self._insert(arith.CmpiOp(lhs, zero, "sle"))
        negated = self._insert(arith.SubiOp(zero, lhs))
        decremented = self._insert(arith.SubiOp(lhs, one))
        dividend = self._insert(arith.SelectOp(non_positive, negated, decremented))
        quotient = self._insert(arith.DivSIOp(dividend, rhs))
        negated_quotient = self._insert(arith.SubiOp(zero, quotient))
        incremented_quotient = self._insert(arith.AddiOp(quotient, one))
        return self._insert(arith.SelectOp(non_positive, negated_quotient, incremented_quotient))


def expand_affine_expr(
    rewriter: PatternRewriter,
    expr: AffineExpr,
    dims: Sequence[SSAValue],
    symbols: Sequence[SSAValue],
) -> SSAValue:
    """MLIR's `expandAffineExpr`: the value of `expr`, computed by `arith` ops inserted
    at `rewriter`'s insertion point. Divisors must not be non-positive constants."""
    return _Expander(rewriter, dims, symbols).expand(_as_mlir_builds(expr))


def expand_affine_map(
    rewriter: PatternRewriter, amap: AffineMap, operands: Sequence[SSAValue]
) -> list[SSAValue]:
    """MLIR's `expandAffineMap`: one value per result of `amap` applied to `operands`
    (dimensions first, then symbols)."""
    dims, symbols = operands[: amap.num_dims], operands[amap.num_dims :]
    return [expand_affine_expr(rewriter, expr, dims, symbols) for expr in amap.results]


def _min_max_chain(
    rewriter: PatternRewriter,
    amap: AffineMap,
    operands: Sequence[SSAValue],
    combine: type[arith.MinSIOp] | type[arith.MaxSIOp],
) -> SSAValue:
    """MLIR's `buildMinMaxReductionSeq`: the results of `amap`, combined left to right
    (a linear chain, which later passes recognize as a reduction)."""
    values = expand_affine_map(rewriter, amap, operands)
    result = values[0]
    for value in values[1:]:
        result = rewriter.insert(combine(result, value)).result
    return result


def _lower_max(
    rewriter: PatternRewriter, amap: AffineMap, operands: Sequence[SSAValue]
) -> SSAValue:
    return _min_max_chain(rewriter, amap, operands, arith.MaxSIOp)


def _lower_min(
    rewriter: PatternRewriter, amap: AffineMap, operands: Sequence[SSAValue]
) -> SSAValue:
    return _min_max_chain(rewriter, amap, operands, arith.MinSIOp)


def _constraint(constraint: AffineConstraintExpr) -> tuple[AffineExpr, bool]:
    """The constraint as MLIR's `expr >= 0` or `expr == 0`, and whether it is `==`."""
    zero = AffineConstantExpr(0)
    if constraint.kind == AffineConstraintKind.le:
        return expr_sub(constraint.rhs, constraint.lhs), False
    expr = constraint.lhs if constraint.rhs == zero else expr_sub(constraint.lhs, constraint.rhs)
    return expr, constraint.kind == AffineConstraintKind.eq


# ---------------------------------------------------------------------------
# Reductions of affine.parallel (MLIR's arith::getIdentityValue/getReductionOp)
# ---------------------------------------------------------------------------


def _all_ones(int_type: IntegerType) -> int:
    width = int_type.width.data
    return (1 << width) - 1 if int_type.signedness.data == Signedness.UNSIGNED else -1


def _identity(kind: str, result_type: Attribute) -> Attribute | None:
    """The value each reduction of `kind` starts from; None where MLIR has none."""
    if isinstance(result_type, AnyFloat):
        float_identities = {"addf": 0.0, "mulf": 1.0, "maximumf": -math.inf, "minimumf": math.inf}
        if kind in float_identities:
            return FloatAttr(float_identities[kind], result_type)
        return None
    if not isinstance(result_type, IntegerType):
        return None
    width = result_type.width.data
    int_identities = {
        "addi": 0,
        "ori": 0,
        "maxu": 0,
        "muli": 1,
        "andi": _all_ones(result_type),
        "minu": _all_ones(result_type),
        "maxs": -(1 << (width - 1)),
        "mins": (1 << (width - 1)) - 1,
    }
    if kind in int_identities:
        return IntegerAttr(int_identities[kind], result_type)
    return None


_COMBINING_OPS: dict[str, Callable[[SSAValue, SSAValue], Operation]] = {
    "addf": arith.AddfOp,
    "mulf": arith.MulfOp,
    "maximumf": arith.MaximumfOp,
    "minimumf": arith.MinimumfOp,
    "addi": arith.AddiOp,
    "muli": arith.MuliOp,
    "andi": arith.AndIOp,
    "ori": arith.OrIOp,
    "maxs": arith.MaxSIOp,
    "mins": arith.MinSIOp,
    "maxu": arith.MaxUIOp,
    "minu": arith.MinUIOp,
}


def _reduction_region(kind: str, value_type: Attribute) -> Region:
    block = Block(arg_types=[value_type, value_type])
    combined = _COMBINING_OPS[kind](block.args[0], block.args[1])
    block.add_ops([combined, scf.ReduceReturnOp(combined.results[0])])
    return Region(block)


# ---------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------


class AffineApplyLowering(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.ApplyOp, rewriter: PatternRewriter, /) -> None:
        (value,) = expand_affine_map(rewriter, op.affine_map, op.mapOperands)
        rewriter.replace(op, [], [value])


class AffineMinLowering(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.MinOp, rewriter: PatternRewriter, /) -> None:
        rewriter.replace(op, [], [_lower_min(rewriter, op.affine_map, op.mapOperands)])


class AffineMaxLowering(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.MaxOp, rewriter: PatternRewriter, /) -> None:
        rewriter.replace(op, [], [_lower_max(rewriter, op.affine_map, op.mapOperands)])


class AffineYieldOpLowering(RewritePattern):
    """`affine.yield` to `scf.yield`, except in parallel loops, whose lowering rewrites
    the terminator itself."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.YieldOp, rewriter: PatternRewriter, /) -> None:
        if isinstance(op.parent_op(), scf.ParallelOp | affine.ParallelOp):
            return
        rewriter.replace(op, scf.YieldOp(*op.arguments))


class AffineForLowering(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.ForOp, rewriter: PatternRewriter, /) -> None:
        lower = _lower_max(rewriter, op.lower_bound_map, op.lowerBoundOperands)
        upper = _lower_min(rewriter, op.upper_bound_map, op.upperBoundOperands)
        step = _index_constant(rewriter, op.step_value)
        body = rewriter.move_region_contents_to_new_regions(op.body)
        loop = scf.ForOp(lower, upper, step, op.inits, body)
        rewriter.replace(op, loop)


class AffineParallelLowering(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.ParallelOp, rewriter: PatternRewriter, /) -> None:
        lower_bounds: list[SSAValue] = []
        upper_bounds: list[SSAValue] = []
        lb_maps = _group_maps(op.lower_bounds_map, op.lower_bounds_groups)
        ub_maps = _group_maps(op.upper_bounds_map, op.upper_bounds_groups)
        for lb_map, ub_map in zip(lb_maps, ub_maps, strict=True):
            lower_bounds.append(_lower_max(rewriter, lb_map, op.lower_bounds_operands))
            upper_bounds.append(_lower_min(rewriter, ub_map, op.upper_bounds_operands))
        steps = [_index_constant(rewriter, step) for step in op.step_values]
        kinds = op.reduction_names
        inits: list[SSAValue] = []
        for kind, result_type in zip(kinds, op.result_types, strict=True):
            identity = _identity(kind, result_type)
            assert identity is not None, "unsupported reductions are reported before rewriting"
            inits.append(rewriter.insert(arith.ConstantOp(identity, result_type)).result)

        body = rewriter.move_region_contents_to_new_regions(op.body)
        terminator = body.block.last_op
        assert isinstance(terminator, affine.YieldOp)
        regions = [
            _reduction_region(kind, value.type)
            for kind, value in zip(kinds, terminator.arguments, strict=True)
        ]
        rewriter.replace(terminator, scf.ReduceOp(terminator.arguments, regions))
        rewriter.replace(op, scf.ParallelOp(lower_bounds, upper_bounds, steps, body, inits))


def _group_maps(amap: AffineMap, groups: Sequence[int]) -> Iterator[AffineMap]:
    """MLIR's `AffineParallelOp::getLowerBoundMap(i)`/`getUpperBoundMap(i)`: the results
    of each group as a map over all the dimensions and symbols."""
    start = 0
    for size in groups:
        yield AffineMap(amap.num_dims, amap.num_symbols, amap.results[start : start + size])
        start += size


class AffineIfLowering(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.IfOp, rewriter: PatternRewriter, /) -> None:
        integer_set = op.integer_set
        zero = _index_constant(rewriter, 0)
        dims = op.args[: integer_set.num_dims]
        symbols = op.args[integer_set.num_dims :]
        condition: SSAValue | None = None
        # A conjunction without short circuit, in constraint order.
        for constraint in integer_set.constraints:
            expr, is_equality = _constraint(constraint)
            value = expand_affine_expr(rewriter, expr, dims, symbols)
            predicate = "eq" if is_equality else "sge"
            holds = rewriter.insert(arith.CmpiOp(value, zero, predicate)).result
            condition = (
                holds
                if condition is None
                else rewriter.insert(arith.AndIOp(condition, holds)).result
            )
        if condition is None:
            condition = rewriter.insert(arith.ConstantOp(IntegerAttr(1, i1))).result
        then_region = rewriter.move_region_contents_to_new_regions(op.then_region)
        else_region = rewriter.move_region_contents_to_new_regions(op.else_region)
        rewriter.replace(op, scf.IfOp(condition, op.result_types, then_region, else_region))


class AffineLoadLowering(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.LoadOp, rewriter: PatternRewriter, /) -> None:
        indices = expand_affine_map(rewriter, op.affine_map, op.map_operands)
        rewriter.replace(op, memref.LoadOp.get(op.memref, indices))


class AffineStoreLowering(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.StoreOp, rewriter: PatternRewriter, /) -> None:
        indices = expand_affine_map(rewriter, op.affine_map, op.map_operands)
        rewriter.replace(op, memref.StoreOp.get(op.value, op.memref, indices))


class AffineVectorLoadLowering(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.VectorLoadOp, rewriter: PatternRewriter, /) -> None:
        indices = expand_affine_map(rewriter, op.affine_map, op.map_operands)
        vector_type = cast(VectorType, op.result.type)
        rewriter.replace(op, vector.LoadOp(op.memref, indices, vector_type))


class AffineVectorStoreLowering(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.VectorStoreOp, rewriter: PatternRewriter, /) -> None:
        indices = expand_affine_map(rewriter, op.affine_map, op.map_operands)
        rewriter.replace(op, vector.StoreOp(op.value, op.memref, indices))


# ---------------------------------------------------------------------------
# affine.linearize_index / affine.delinearize_index (MLIR's AffineExpandIndexOps)
# ---------------------------------------------------------------------------

_LOOP_OPS = (affine.ForOp, affine.ParallelOp, scf.ForOp, scf.ParallelOp, scf.WhileOp)


def _overflow(*flags: arith.IntegerOverflowFlag) -> arith.IntegerOverflowAttr:
    return arith.IntegerOverflowAttr(flags)


def _compute_strides(
    rewriter: PatternRewriter,
    dynamic_basis: Sequence[SSAValue],
    static_basis: Sequence[int],
    known_non_negative: bool,
) -> list[SSAValue]:
    """MLIR's `computeStrides`: the suffix products of the basis (which has no outer bound),
    the whole product first. Dynamic entries are taken from the end of `dynamic_basis`, so
    leading ones that belong to a dropped outer bound are ignored."""
    flags = [arith.IntegerOverflowFlag.NSW]
    if known_non_negative:
        flags.append(arith.IntegerOverflowFlag.NUW)
    overflow = _overflow(*flags)
    strides: list[SSAValue] = []
    dynamic_index = len(dynamic_basis)
    dynamic_part: SSAValue | None = None
    static_part = 1
    for size in reversed(static_basis):
        if size == affine.K_DYNAMIC:
            value = dynamic_basis[dynamic_index - 1]
            dynamic_part = (
                value
                if dynamic_part is None
                else rewriter.insert(arith.MuliOp(dynamic_part, value, overflow=overflow)).result
            )
            dynamic_index -= 1
        else:
            static_part *= size
        if dynamic_part is not None and static_part == 1:
            strides.append(dynamic_part)
            continue
        stride = _index_constant(rewriter, static_part)
        if dynamic_part is not None:
            stride = rewriter.insert(arith.MuliOp(dynamic_part, stride, overflow=overflow)).result
        strides.append(stride)
    strides.reverse()
    return strides


def _invariant_loop_count(value: SSAValue, user: Operation) -> int:
    """MLIR's `numEnclosingInvariantLoops`: how many loops around `user`, innermost first,
    `value` is defined outside of."""
    count = 0
    loop = user.parent_op()
    while loop is not None:
        if isinstance(loop, _LOOP_OPS):
            # The owner is the defining op, or the block of a block argument.
            if loop.is_ancestor(value.owner):
                break
            count += 1
        loop = loop.parent_op()
    return count


class AffineDelinearizeIndexLowering(RewritePattern):
    """MLIR's `lowerAffineDelinearizeIndexOp`: the outermost index is a floordiv by the
    product of the inner basis, each inner one a (non-negative) remainder divided by the
    next stride, the innermost a remainder."""

    @op_type_rewrite_pattern
    def match_and_rewrite(
        self, op: affine.DelinearizeIndexOp, rewriter: PatternRewriter, /
    ) -> None:
        linear = op.linear_index
        static_basis = list(op.static_basis_values)
        if len(op.results) == len(static_basis):
            static_basis = static_basis[1:]
        if len(op.results) == 1:
            rewriter.replace(op, [], [linear])
            return
        strides = _compute_strides(rewriter, op.dynamic_basis, static_basis, True)
        zero = _index_constant(rewriter, 0)
        results = [rewriter.insert(arith.FloorDivSIOp(linear, strides[0])).result]

        def mod_term(stride: SSAValue) -> SSAValue:
            remainder = rewriter.insert(arith.RemSIOp(linear, stride)).result
            negative = rewriter.insert(arith.CmpiOp(remainder, zero, "slt")).result
            nsw = _overflow(arith.IntegerOverflowFlag.NSW)
            corrected = rewriter.insert(arith.AddiOp(remainder, stride, overflow=nsw)).result
            return rewriter.insert(arith.SelectOp(negative, corrected, remainder)).result

        for stride, next_stride in pairwise(strides):
            modulus = mod_term(stride)
            results.append(rewriter.insert(arith.DivSIOp(modulus, next_stride)).result)
        results.append(mod_term(strides[-1]))
        rewriter.replace(op, [], results)


class AffineLinearizeIndexLowering(RewritePattern):
    """MLIR's `lowerAffineLinearizeIndexOp`: each index times its stride, summed with the
    terms invariant in the most enclosing loops first (a stable order otherwise)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: affine.LinearizeIndexOp, rewriter: PatternRewriter, /) -> None:
        indices = list(op.multi_index)
        if not indices:
            rewriter.replace(op, arith.ConstantOp(IntegerAttr(0, IndexType())))
            return
        static_basis = list(op.static_basis_values)
        if len(indices) == len(static_basis):
            static_basis = static_basis[1:]
        strides = _compute_strides(rewriter, op.dynamic_basis, static_basis, op.is_disjoint)
        nsw = _overflow(arith.IntegerOverflowFlag.NSW)
        terms: list[tuple[SSAValue, int]] = []
        for index, stride in zip(indices, strides, strict=False):
            scaled = rewriter.insert(arith.MuliOp(index, stride, overflow=nsw)).result
            terms.append((scaled, _invariant_loop_count(index, op)))
        terms.append((indices[-1], _invariant_loop_count(indices[-1], op)))
        terms.sort(key=lambda term: -term[1])
        result = terms[0][0]
        for term, _ in terms[1:]:
            result = rewriter.insert(arith.AddiOp(result, term, overflow=nsw)).result
        rewriter.replace(op, [], [result])


# ---------------------------------------------------------------------------
# The pass
# ---------------------------------------------------------------------------


def _maps_of(op: Operation) -> list[AffineMap]:
    if isinstance(op, affine.ForOp):
        return [op.lower_bound_map, op.upper_bound_map]
    if isinstance(op, affine.ParallelOp):
        return [op.lower_bounds_map, op.upper_bounds_map]
    if isinstance(
        op,
        affine.ApplyOp
        | affine.MinOp
        | affine.MaxOp
        | affine.LoadOp
        | affine.StoreOp
        | affine.VectorLoadOp
        | affine.VectorStoreOp,
    ):
        return [op.affine_map]
    return []


def _exprs_of(op: Operation) -> Iterator[AffineExpr]:
    for amap in _maps_of(op):
        yield from amap.results
    if isinstance(op, affine.IfOp):
        for constraint in op.integer_set.constraints:
            yield _constraint(constraint)[0]


def _refusal(op: Operation) -> str | None:
    """Why MLIR's patterns (or this pass, for lack of a target op) leave `op` as it is."""
    if isinstance(op, affine.PrefetchOp):
        return "'affine.prefetch' cannot be lowered: there is no 'memref.prefetch' op"
    if isinstance(op, affine.DmaStartOp | affine.DmaWaitOp):
        target = op.name.replace("affine.", "memref.")
        return f"'{op.name}' cannot be lowered: there is no MLIR-compatible '{target}' op"
    if isinstance(op, affine.ParallelOp):
        for kind, result_type in zip(op.reduction_names, op.result_types, strict=True):
            if _identity(kind, result_type) is None:
                return "Reduction operation type not supported"
    for expr in _exprs_of(op):
        if (message := _division_error(_as_mlir_builds(expr))) is not None:
            return message
    return None


class LowerAffinePass(ModulePass):
    """Lower Affine operations to a combination of Arith and SCF operations

    MLIR's `-lower-affine` (AffineToStandard): loops, conditionals and parallel loops to
    `scf`, index maps to `arith`, memory accesses to `memref` and `vector`. Ops it cannot
    lower are reported, each at its location, before anything is rewritten.
    """

    name = "lower-affine"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        refused = False
        for nested in op.walk():
            if nested.dialect_name() == "affine" and (message := _refusal(nested)) is not None:
                emit_error(nested, message)
                refused = True
        if refused:
            raise DiagnosedError("lower-affine")
        patterns: list[RewritePattern] = [
            AffineApplyLowering(),
            AffineLoadLowering(),
            AffineMinLowering(),
            AffineMaxLowering(),
            AffineParallelLowering(),
            AffineStoreLowering(),
            AffineForLowering(),
            AffineIfLowering(),
            AffineYieldOpLowering(),
            AffineVectorLoadLowering(),
            AffineVectorStoreLowering(),
            AffineDelinearizeIndexLowering(),
            AffineLinearizeIndexLowering(),
        ]
        # No dead-code elimination: MLIR keeps unused ops as they are.
        applier = GreedyRewritePatternApplier(patterns, dce_enabled=False)
        PatternRewriteWalker(applier).rewrite_module(op)
