"""Helpers shared by the affine loop transformations, after MLIR's `Affine/Analysis` and
`Affine/Utils`: expression simplification by flattening (`simplifyAffineExpr`), map and
operand canonicalization (`canonicalizeMapAndOperands`, `AffineValueMap::difference`), trip
counts (`getConstantTripCount`, `getTripCountMapAndOperands`), loop bands, and the loop
rewrites several passes share (`promoteIfSingleIteration`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.dialects import arith, func
from xdsl.dialects.builtin import AffineMapAttr, DenseArrayBase, IndexType, IntegerAttr, i32
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymExpr,
)
from xdsl.rewriter import InsertPoint, Rewriter

from irkit.affine_syntax import (
    expr_add,
    expr_ceildiv,
    expr_floordiv,
    expr_mul,
    expr_sub,
    largest_known_divisor,
    replace_dims_and_symbols,
)
from irkit.dialects import affine

# ---------------------------------------------------------------------------
# simplifyAffineExpr: flatten to a linear form with local division variables
# ---------------------------------------------------------------------------

_Key = tuple[str, int]
_Flat = dict[_Key, int]
_CONST: _Key = ("c", 0)


@dataclass
class _Flattener:
    """MLIR's `SimpleAffineExprFlattener`: a pure affine expression as coefficients of
    dims, symbols and local (floor/ceil division) variables plus a constant."""

    local_exprs: list[AffineExpr]

    def flatten(self, expr: AffineExpr) -> _Flat | None:
        if isinstance(expr, AffineConstantExpr):
            return {_CONST: expr.value}
        if isinstance(expr, AffineDimExpr):
            return {("d", expr.position): 1}
        if isinstance(expr, AffineSymExpr):
            return {("s", expr.position): 1}
        assert isinstance(expr, AffineBinaryOpExpr)
        lhs = self.flatten(expr.lhs)
        rhs = self.flatten(expr.rhs)
        if lhs is None or rhs is None:
            return None
        if expr.kind == AffineBinaryOpKind.Add:
            return _combine(lhs, rhs, 1)
        rhs_const = _as_constant(rhs)
        if expr.kind == AffineBinaryOpKind.Mul:
            lhs_const = _as_constant(lhs)
            if rhs_const is None and lhs_const is None:
                return None
            if rhs_const is None:
                lhs, rhs_const = rhs, lhs_const
            return {key: value * rhs_const for key, value in lhs.items() if value * rhs_const}
        if rhs_const is None or rhs_const <= 0:
            return None
        if expr.kind == AffineBinaryOpKind.Mod:
            return self._mod(lhs, rhs_const)
        return self._div(lhs, rhs_const, expr.kind == AffineBinaryOpKind.CeilDiv)

    def _local(self, div_expr: AffineExpr) -> _Key:
        if div_expr not in self.local_exprs:
            self.local_exprs.append(div_expr)
        return ("l", self.local_exprs.index(div_expr))

    def _div(self, lhs: _Flat, divisor: int, is_ceil: bool) -> _Flat:
        gcd = divisor
        for value in lhs.values():
            gcd = _gcd(gcd, value)
        lhs = {key: value // gcd for key, value in lhs.items()}
        divisor //= gcd
        if divisor == 1:
            return lhs
        dividend = self.rebuild(lhs)
        build = expr_ceildiv if is_ceil else expr_floordiv
        return {self._local(build(dividend, AffineConstantExpr(divisor))): 1}

    def _mod(self, lhs: _Flat, modulus: int) -> _Flat:
        if all(value % modulus == 0 for value in lhs.values()):
            return {}
        gcd = modulus
        for value in lhs.values():
            gcd = _gcd(gcd, value)
        dividend = self.rebuild({key: value // gcd for key, value in lhs.items()})
        quotient = self._local(expr_floordiv(dividend, AffineConstantExpr(modulus // gcd)))
        return _combine(lhs, {quotient: -modulus}, 1)

    def rebuild(self, flat: _Flat) -> AffineExpr:
        """MLIR's `getAffineExprFromFlatForm`: dims, symbols, locals, then the constant."""
        expr: AffineExpr = AffineConstantExpr(0)
        for kind in ("d", "s", "l"):
            for (key_kind, position), coefficient in sorted(flat.items()):
                if key_kind != kind or coefficient == 0:
                    continue
                if kind == "d":
                    term: AffineExpr = AffineDimExpr(position)
                elif kind == "s":
                    term = AffineSymExpr(position)
                else:
                    term = self.local_exprs[position]
                expr = expr_add(expr, expr_mul(term, AffineConstantExpr(coefficient)))
        constant = flat.get(_CONST, 0)
        if constant:
            expr = expr_add(expr, AffineConstantExpr(constant))
        return expr


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return abs(a)


def _as_constant(flat: _Flat) -> int | None:
    if all(key == _CONST or value == 0 for key, value in flat.items()):
        return flat.get(_CONST, 0)
    return None


def _combine(lhs: _Flat, rhs: _Flat, scale: int) -> _Flat:
    result = dict(lhs)
    for key, value in rhs.items():
        result[key] = result.get(key, 0) + scale * value
    return {key: value for key, value in result.items() if value}


def simplify_affine_expr(expr: AffineExpr) -> AffineExpr:
    """MLIR's `simplifyAffineExpr`: a pure affine expression in its flattened canonical
    form (`d0 + d1 - d1` is `d0`); semi-affine expressions are returned as they are."""
    flattener = _Flattener([])
    flat = flattener.flatten(expr)
    if flat is None:
        return expr
    return flattener.rebuild(flat)


def simplify_map(amap: AffineMap) -> AffineMap:
    """MLIR's `simplifyAffineMap`."""
    return AffineMap(
        amap.num_dims, amap.num_symbols, tuple(simplify_affine_expr(e) for e in amap.results)
    )


# ---------------------------------------------------------------------------
# Maps with their operands
# ---------------------------------------------------------------------------


def constant_index_value(value: SSAValue) -> int | None:
    """The value of an `arith.constant` of index (or integer) type, else None."""
    owner = value.owner
    if isinstance(owner, arith.ConstantOp) and isinstance(owner.value, IntegerAttr):
        return owner.value.value.data
    return None


def compose_map_and_operands(
    amap: AffineMap, operands: Sequence[SSAValue]
) -> tuple[AffineMap, list[SSAValue]]:
    """MLIR's `fullyComposeAffineMapAndOperands`: operands produced by `affine.apply` are
    replaced by the apply's own map and operands, until none is left."""
    while True:
        num_dims = amap.num_dims
        dims: list[AffineExpr] = []
        syms: list[AffineExpr] = []
        new_dim_operands: list[SSAValue] = []
        new_sym_operands: list[SSAValue] = []
        composed = False
        for index, operand in enumerate(operands):
            owner = operand.owner
            target = dims if index < num_dims else syms
            if isinstance(owner, affine.ApplyOp):
                composed = True
                inner = owner.affine_map
                inner_dims = [
                    AffineDimExpr(len(new_dim_operands) + i) for i in range(inner.num_dims)
                ]
                inner_syms = [
                    AffineSymExpr(len(new_sym_operands) + i) for i in range(inner.num_symbols)
                ]
                new_dim_operands.extend(owner.mapOperands[: inner.num_dims])
                new_sym_operands.extend(owner.mapOperands[inner.num_dims :])
                target.append(replace_dims_and_symbols(inner.results[0], inner_dims, inner_syms))
            elif index < num_dims:
                target.append(AffineDimExpr(len(new_dim_operands)))
                new_dim_operands.append(operand)
            else:
                target.append(AffineSymExpr(len(new_sym_operands)))
                new_sym_operands.append(operand)
        if not composed:
            return amap, list(operands)
        results = tuple(replace_dims_and_symbols(e, dims, syms) for e in amap.results)
        amap = AffineMap(len(new_dim_operands), len(new_sym_operands), results)
        operands = [*new_dim_operands, *new_sym_operands]


def canonicalize_map_and_operands(
    amap: AffineMap, operands: Sequence[SSAValue]
) -> tuple[AffineMap, list[SSAValue]]:
    """MLIR's `canonicalizeMapAndOperands`: dims that are valid symbols become symbols,
    constant operands are folded into the map, repeated operands are merged and unused
    ones dropped; the map is then simplified."""
    dim_operands = list(operands[: amap.num_dims])
    sym_operands = list(operands[amap.num_dims :])
    used = set()
    for expr in amap.results:
        used |= _used_positions(expr)
    dim_exprs: list[AffineExpr] = []
    sym_exprs: list[AffineExpr] = []
    new_dims: list[SSAValue] = []
    new_syms: list[SSAValue] = []
    promoted: list[tuple[int, SSAValue]] = []
    for position, value in enumerate(dim_operands):
        if ("d", position) in used and affine.is_valid_symbol(value):
            promoted.append((position, value))
            dim_exprs.append(AffineDimExpr(position))  # replaced below
            continue
        dim_exprs.append(_canonical_operand(("d", position), value, used, new_dims, "d"))
    for position, value in enumerate(sym_operands):
        sym_exprs.append(_canonical_operand(("s", position), value, used, new_syms, "s"))
    for position, value in promoted:
        dim_exprs[position] = _canonical_operand(("d", position), value, used, new_syms, "s")
    results = tuple(replace_dims_and_symbols(e, dim_exprs, sym_exprs) for e in amap.results)
    simplified = simplify_map(AffineMap(len(new_dims), len(new_syms), results))
    new_operands = [*new_dims, *new_syms]
    if simplified != amap or new_operands != list(operands):
        # Merged operands can cancel out (`s0 - s0`): drop the ones no longer used.
        return canonicalize_map_and_operands(simplified, new_operands)
    return simplified, new_operands


def _canonical_operand(
    key: _Key, value: SSAValue, used: set[_Key], kept: list[SSAValue], kind: str
) -> AffineExpr:
    if key not in used:
        return AffineConstantExpr(0)
    constant = constant_index_value(value)
    if constant is not None:
        return AffineConstantExpr(constant)
    if value not in kept:
        kept.append(value)
    position = kept.index(value)
    return AffineDimExpr(position) if kind == "d" else AffineSymExpr(position)


def _used_positions(expr: AffineExpr) -> set[_Key]:
    if isinstance(expr, AffineDimExpr):
        return {("d", expr.position)}
    if isinstance(expr, AffineSymExpr):
        return {("s", expr.position)}
    if isinstance(expr, AffineBinaryOpExpr):
        return _used_positions(expr.lhs) | _used_positions(expr.rhs)
    return set()


def _shifted(
    amap: AffineMap, dim_shift: int, sym_shift: int, num_dims: int, num_syms: int
) -> AffineMap:
    dims = [AffineDimExpr(i + dim_shift) for i in range(amap.num_dims)]
    syms = [AffineSymExpr(i + sym_shift) for i in range(amap.num_symbols)]
    return AffineMap(
        num_dims, num_syms, tuple(replace_dims_and_symbols(e, dims, syms) for e in amap.results)
    )


def value_map_difference(
    a_map: AffineMap,
    a_operands: Sequence[SSAValue],
    b_map: AffineMap,
    b_operands: Sequence[SSAValue],
) -> tuple[AffineMap, list[SSAValue]]:
    """MLIR's `AffineValueMap::difference`: result-wise `a - b`, composed with the
    `affine.apply`s that produce the operands, canonicalized and simplified."""
    num_dims = a_map.num_dims + b_map.num_dims
    num_syms = a_map.num_symbols + b_map.num_symbols
    operands = [
        *a_operands[: a_map.num_dims],
        *b_operands[: b_map.num_dims],
        *a_operands[a_map.num_dims :],
        *b_operands[b_map.num_dims :],
    ]
    shifted_a = _shifted(a_map, 0, 0, num_dims, num_syms)
    shifted_b = _shifted(b_map, a_map.num_dims, a_map.num_symbols, num_dims, num_syms)
    diff = AffineMap(
        num_dims,
        num_syms,
        tuple(expr_sub(x, y) for x, y in zip(shifted_a.results, shifted_b.results, strict=True)),
    )
    diff, operands = compose_map_and_operands(diff, operands)
    return canonicalize_map_and_operands(diff, operands)


# ---------------------------------------------------------------------------
# Loops
# ---------------------------------------------------------------------------


def iv_stride(
    expr: AffineExpr, amap: AffineMap, operands: Sequence[SSAValue], iv: SSAValue
) -> int | None:
    """How much `expr` (a result of `amap` applied to `operands`) grows when `iv` grows by
    one, or None when that is not a constant."""
    dims: list[AffineExpr] = []
    syms: list[AffineExpr] = []
    for position, operand in enumerate(operands):
        is_dim = position < amap.num_dims
        base: AffineExpr = (
            AffineDimExpr(position) if is_dim else AffineSymExpr(position - amap.num_dims)
        )
        shifted = expr_add(base, AffineConstantExpr(1)) if operand is iv else base
        (dims if is_dim else syms).append(shifted)
    difference = simplify_affine_expr(expr_sub(replace_dims_and_symbols(expr, dims, syms), expr))
    return difference.value if isinstance(difference, AffineConstantExpr) else None


def access_strides(
    access: affine.LoadOp | affine.StoreOp | affine.VectorLoadOp | affine.VectorStoreOp,
    iv: SSAValue,
) -> list[int | None]:
    """For each dimension of the memref that `access` touches, how much its index grows
    when `iv` grows by one (None where that is not a constant)."""
    amap, operands = compose_map_and_operands(access.affine_map, list(access.map_operands))
    return [iv_stride(expr, amap, operands, iv) for expr in amap.results]


def trip_count_map(for_op: affine.ForOp) -> tuple[AffineMap, list[SSAValue]] | None:
    """MLIR's `getTripCountMapAndOperands`: the trip count as the results of a map
    (their minimum), or None when the lower bound has several results."""
    step = for_op.step_value
    lb_map, ub_map = for_op.lower_bound_map, for_op.upper_bound_map
    if for_op.has_constant_bounds():
        lb = lb_map.results[0]
        ub = ub_map.results[0]
        assert isinstance(lb, AffineConstantExpr) and isinstance(ub, AffineConstantExpr)
        span = max(ub.value - lb.value, 0)
        return AffineMap.constant_map(-(-span // step)), []
    if len(lb_map.results) != 1:
        return None
    splat = AffineMap(lb_map.num_dims, lb_map.num_symbols, lb_map.results * len(ub_map.results))
    diff, operands = value_map_difference(
        ub_map, list(for_op.upperBoundOperands), splat, list(for_op.lowerBoundOperands)
    )
    results = tuple(expr_ceildiv(e, AffineConstantExpr(step)) for e in diff.results)
    return AffineMap(diff.num_dims, diff.num_symbols, results), operands


def constant_trip_count(for_op: affine.ForOp) -> int | None:
    """MLIR's `getConstantTripCount`: the smallest constant result of the trip count map,
    clamped at zero, when all results are constant."""
    trip = trip_count_map(for_op)
    if trip is None:
        return None
    values = [e.value for e in trip[0].results if isinstance(e, AffineConstantExpr)]
    if len(values) != len(trip[0].results):
        return None
    return max(min(values), 0)


def largest_divisor_of_trip_count(for_op: affine.ForOp) -> int:
    """MLIR's `getLargestDivisorOfTripCount`: the gcd of the largest known divisors of the
    trip count map's results (a zero trip count is divisible by anything)."""
    trip = trip_count_map(for_op)
    if trip is None:
        return 1
    gcd = 0
    for result in trip[0].results:
        if isinstance(result, AffineConstantExpr):
            divisor = result.value if result.value != 0 else _ANY_DIVISOR
        else:
            divisor = largest_known_divisor(result)
        gcd = _gcd(gcd, divisor)
    return gcd


_ANY_DIVISOR = 2**64 - 1


def body_block(for_op: affine.ForOp) -> Block:
    block = for_op.body.blocks.first
    assert block is not None
    return block


def body_ops(for_op: affine.ForOp) -> list[Operation]:
    """The ops of the loop body, its `affine.yield` excluded."""
    return list(body_block(for_op).ops)[:-1]


def yield_op(for_op: affine.ForOp) -> affine.YieldOp:
    terminator = body_block(for_op).last_op
    assert isinstance(terminator, affine.YieldOp)
    return terminator


def replace_with_additional_iter_args(
    loop: affine.ForOp, inits: Sequence[SSAValue]
) -> affine.ForOp:
    """MLIR's `replaceWithAdditionalYields` for `affine.for`: `loop` rebuilt with `inits`
    appended to its iter_args, its body moved into the new loop and its results' uses
    taken over by the new loop's first results; `loop` is erased. The caller appends the
    values to yield for the new iter_args to the body's `affine.yield`."""
    old_block = body_block(loop)
    all_inits = [*loop.inits, *inits]
    new_loop = affine.ForOp(
        list(loop.lowerBoundOperands),
        list(loop.upperBoundOperands),
        all_inits,
        loop.lower_bound_map,
        loop.upper_bound_map,
        loop.step_value,
        Region(Block(arg_types=[old_block.args[0].type, *(init.type for init in all_inits)])),
    )
    new_loop.attributes |= loop.attributes
    Rewriter.insert_op(new_loop, InsertPoint.before(loop))
    new_block = body_block(new_loop)
    for old_arg, new_arg in zip(old_block.args, new_block.args, strict=False):
        old_arg.replace_all_uses_with(new_arg)
    for op in list(old_block.ops):
        op.detach()
        new_block.add_op(op)
    for old_result, new_result in zip(loop.results, new_loop.results, strict=False):
        old_result.replace_all_uses_with(new_result)
    loop.detach()
    loop.erase()
    return new_loop


def perfectly_nested_band(root: affine.ForOp) -> list[affine.ForOp]:
    """MLIR's `getPerfectlyNestedLoops`: `root` and the loops below it while each body
    holds only the next loop (and its terminator)."""
    band = [root]
    while True:
        ops = body_ops(band[-1])
        if len(ops) != 1 or not isinstance(ops[0], affine.ForOp):
            return band
        band.append(ops[0])


def is_hyperrectangular(band: Sequence[affine.ForOp]) -> bool:
    """Whether no loop of `band` has bounds that use the induction variable of another."""
    ivs = {loop.induction_var for loop in band}
    return not any(
        v in ivs for loop in band for v in (*loop.lowerBoundOperands, *loop.upperBoundOperands)
    )


def innermost_loops(root: Operation) -> list[affine.ForOp]:
    """The `affine.for` ops under `root` with no `affine.for` nested in them, in walk
    order."""
    return [
        op
        for op in root.walk()
        if isinstance(op, affine.ForOp)
        and not any(isinstance(inner, affine.ForOp) for inner in op.body.walk())
    ]


def index_constant_at_function_entry(op: Operation, value: int) -> SSAValue:
    """An `arith.constant` of index type at the top of the function holding `op` (where
    MLIR's loop utilities put the constants they create), or just before `op` outside a
    function."""
    constant = arith.ConstantOp(IntegerAttr(value, IndexType()))
    parent = op.parent_op()
    while parent is not None and not isinstance(parent, func.FuncOp):
        parent = parent.parent_op()
    if parent is not None and (entry := parent.body.blocks.first) is not None:
        if entry.first_op is not None:
            entry.insert_op_before(constant, entry.first_op)
        else:
            entry.add_op(constant)
    else:
        Rewriter.insert_op(constant, InsertPoint.before(op))
    return constant.result


def replace_uses_except(value: SSAValue, new: SSAValue, exception: Operation) -> None:
    """MLIR's `replaceAllUsesExcept`."""
    for use in list(value.uses):
        if use.operation is not exception:
            use.operation.operands[use.index] = new


def set_loop_bounds(
    for_op: affine.ForOp,
    lb_operands: Sequence[SSAValue],
    lb_map: AffineMap,
    ub_operands: Sequence[SSAValue],
    ub_map: AffineMap,
    step: int,
) -> None:
    """Replaces the bounds and step of `for_op` in place (MLIR's `setLowerBound`,
    `setUpperBound` and `setStep`)."""
    inits = list(for_op.inits)
    for_op.operands = [*lb_operands, *ub_operands, *inits]
    for_op.properties["lowerBoundMap"] = AffineMapAttr(lb_map)
    for_op.properties["upperBoundMap"] = AffineMapAttr(ub_map)
    for_op.properties["step"] = IntegerAttr(step, IndexType())
    for_op.properties["operandSegmentSizes"] = DenseArrayBase.from_list(
        i32, [len(lb_operands), len(ub_operands), len(inits)]
    )


def promote_if_single_iteration(for_op: affine.ForOp) -> bool:
    """MLIR's `promoteIfSingleIteration`: a loop that runs exactly once is replaced by its
    body, with the induction variable replaced by the lower bound (an `arith.constant` at
    the function entry, the operand of an identity map, or an `affine.apply` of a
    single-result lower bound map) and the iter_args by the inits."""
    if constant_trip_count(for_op) != 1:
        return False
    lb_map = for_op.lower_bound_map
    iv = for_op.induction_var
    if iv.uses:
        lb = lb_map.results[0] if len(lb_map.results) == 1 else None
        if isinstance(lb, AffineConstantExpr) and lb_map.num_dims + lb_map.num_symbols == 0:
            iv.replace_all_uses_with(index_constant_at_function_entry(for_op, lb.value))
        elif lb_map == AffineMap.identity(1):
            iv.replace_all_uses_with(for_op.lowerBoundOperands[0])
        elif len(lb_map.results) == 1:
            apply = affine.ApplyOp(list(for_op.lowerBoundOperands), lb_map)
            Rewriter.insert_op(apply, InsertPoint.before(for_op))
            iv.replace_all_uses_with(apply.results[0])
        else:
            return False
    for arg, init in zip(for_op.region_iter_args, for_op.inits, strict=True):
        arg.replace_all_uses_with(init)
    terminator = yield_op(for_op)
    for result, yielded in zip(for_op.results, terminator.operands, strict=True):
        result.replace_all_uses_with(yielded)
    terminator.detach()
    terminator.erase()
    block = body_block(for_op)
    for op in list(block.ops):
        op.detach()
        Rewriter.insert_op(op, InsertPoint.before(for_op))
    for_op.detach()
    for_op.erase()
    return True
