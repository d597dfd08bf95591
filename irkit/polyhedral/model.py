"""The polyhedral model of affine code: iteration domains and access relations in isl.

Every `affine.load`, `affine.store`, `affine.vector_load` and `affine.vector_store` becomes
a :class:`MemoryAccess`: the integer set of loop iterations that execute it (its domain)
and the map from those iterations to the memref elements it touches (its access).

Conventions of the isl objects:

* one set dimension per induction variable of the enclosing `affine.for` / `affine.parallel`
  ops, outermost first, named ``i0``, ``i1``, ... after its depth (an `affine.parallel` with
  several induction variables gives one dimension to each, so :attr:`MemoryAccess.ivs` and
  not :attr:`MemoryAccess.loops` indexes the dimensions);
* every symbol (a function argument, `memref.dim`, any other valid affine symbol) is an isl
  parameter; constants and `affine.apply` chains are folded into the expressions;
* loop steps, max/min bounds, `floordiv`/`ceildiv`/`mod` and the conditions of the
  enclosing `affine.if` ops (negated in else regions) are modelled exactly.

Whatever cannot be modelled exactly raises :class:`NotAffineError`, so that clients stay
conservative rather than silently wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
import islpy as isl
from xdsl.dialects.arith import ConstantOp
from xdsl.dialects.builtin import IntegerAttr, MemRefType, VectorType
from xdsl.ir import Operation, SSAValue
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineConstraintKind,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymExpr,
)
from xdsl.traits import MemoryEffectKind, RecursiveMemoryEffect, get_effects

from irkit.dialects import affine

__all__ = [
    "MemoryAccess",
    "NotAffineError",
    "collect_accesses",
    "enclosing_loops",
    "induction_vars",
    "iv_name",
    "loop_domain",
    "param_name",
]

ACCESS_OP_TYPES = (affine.LoadOp, affine.StoreOp, affine.VectorLoadOp, affine.VectorStoreOp)
"""The affine ops whose memory accesses are modelled."""

# Ops that structure affine code without touching memory themselves.
_STRUCTURAL_OP_TYPES = (
    affine.ForOp,
    affine.ParallelOp,
    affine.IfOp,
    affine.YieldOp,
    affine.ApplyOp,
    affine.MinOp,
    affine.MaxOp,
    # A prefetch is a hint with no effect on the values computed.
    affine.PrefetchOp,
)


class NotAffineError(Exception):
    """Part of a region cannot be modelled exactly; `op` is the op at fault."""

    def __init__(self, message: str, op: Operation | None) -> None:
        super().__init__(message)
        self.op = op


@attrs.frozen
class MemoryAccess:
    """One affine memory op with its iteration domain and access relation."""

    op: Operation
    memref: SSAValue
    is_write: bool
    loops: tuple[Operation, ...]
    """The enclosing `affine.for` / `affine.parallel` ops, outermost first, up to the
    function."""
    domain: isl.Set
    """The iterations that execute the op: one dimension per induction variable."""
    access: isl.Map
    """Domain iteration -> memref element indices (every lane of a vector access)."""

    @property
    def ivs(self) -> tuple[SSAValue, ...]:
        """The induction variables that index the domain's dimensions."""
        return induction_vars(self.loops)


def iv_name(depth: int) -> str:
    """The isl name of the domain dimension at `depth` (0-based)."""
    return f"i{depth}"


def induction_vars(loops: Sequence[Operation]) -> tuple[SSAValue, ...]:
    """The induction variables of `loops`, in order."""
    ivs: list[SSAValue] = []
    for loop in loops:
        if isinstance(loop, affine.ForOp):
            ivs.append(loop.induction_var)
        elif isinstance(loop, affine.ParallelOp):
            ivs.extend(loop.induction_vars)
    return tuple(ivs)


def enclosing_loops(op: Operation) -> tuple[Operation, ...]:
    """The `affine.for` / `affine.parallel` ops around `op`, outermost first, up to the
    closest affine scope (the function).

    Raises NotAffineError when a non-affine op with regions (an `scf.for`, say) lies in
    between: the iterations of such an op are not in the model."""
    loops: list[Operation] = []
    current = op
    while (parent := current.parent_op()) is not None and not affine.is_affine_scope(parent):
        if isinstance(parent, affine.ForOp | affine.ParallelOp):
            loops.append(parent)
        elif not isinstance(parent, affine.IfOp):
            raise NotAffineError(f"'{parent.name}' around an affine access is not modelled", parent)
        current = parent
    return tuple(reversed(loops))


def param_name(value: SSAValue) -> str:
    """The isl parameter that stands for the symbol ``value`` in domains and relations."""
    # The object id keeps names of distinct values distinct; the hint keeps them readable.
    hint = re.sub(r"\W", "_", value.name_hint or "s")
    return f"{hint}_{id(value):x}"


@attrs.frozen
class _Term:
    """An affine expression as isl text, with its value when it is a constant."""

    text: str
    constant: int | None = None


class _ExprBuilder:
    """Turns affine expressions over SSA operands into isl text over `i<depth>` dims and
    named parameters."""

    def __init__(self, ivs: Sequence[SSAValue], context: Operation | None) -> None:
        self._dims = {iv: iv_name(depth) for depth, iv in enumerate(ivs)}
        self._context = context
        self.params: set[str] = set()

    def operand(self, value: SSAValue) -> _Term:
        if value in self._dims:
            return _Term(self._dims[value])
        owner = value.owner
        if isinstance(owner, ConstantOp) and isinstance(owner.value, IntegerAttr):
            constant = owner.value.value.data
            return _Term(str(constant), constant)
        if isinstance(owner, affine.ApplyOp):
            return self.expr(owner.affine_map.results[0], owner.mapOperands, owner.affine_map)
        if affine.is_valid_symbol(value):
            name = param_name(value)
            self.params.add(name)
            return _Term(name)
        raise NotAffineError(
            "an index operand is neither an enclosing induction variable nor a valid affine symbol",
            owner if isinstance(owner, Operation) else self._context,
        )

    def expr(self, expr: AffineExpr, operands: Sequence[SSAValue], amap: AffineMap) -> _Term:
        if isinstance(expr, AffineConstantExpr):
            return _Term(str(expr.value), expr.value)
        if isinstance(expr, AffineDimExpr):
            return self.operand(operands[expr.position])
        if isinstance(expr, AffineSymExpr):
            return self.operand(operands[amap.num_dims + expr.position])
        assert isinstance(expr, AffineBinaryOpExpr)
        lhs = self.expr(expr.lhs, operands, amap)
        rhs = self.expr(expr.rhs, operands, amap)
        if lhs.constant is not None and rhs.constant is not None:
            return _Term(str(_fold(expr.kind, lhs.constant, rhs.constant, self._context)))
        match expr.kind:
            case AffineBinaryOpKind.Add:
                return _Term(f"({lhs.text}) + ({rhs.text})")
            case AffineBinaryOpKind.Mul:
                if lhs.constant is None and rhs.constant is None:
                    raise NotAffineError(
                        "a product of two non-constant values is not affine", self._context
                    )
                # isl reads a constant factor only in front: `-1 * (x)`, not `(x) * (-1)`.
                factor, other = (lhs, rhs) if lhs.constant is not None else (rhs, lhs)
                return _Term(f"{factor.constant} * ({other.text})")
        if rhs.constant is None or rhs.constant <= 0:
            raise NotAffineError(
                f"'{expr.kind.get_token()}' by a non-positive or non-constant value is not "
                "modelled",
                self._context,
            )
        match expr.kind:
            case AffineBinaryOpKind.FloorDiv:
                return _Term(f"floor(({lhs.text}) / {rhs.constant})")
            case AffineBinaryOpKind.CeilDiv:
                return _Term(f"ceil(({lhs.text}) / {rhs.constant})")
            case _:
                return _Term(f"(({lhs.text}) mod {rhs.constant})")

    def results(self, amap: AffineMap, operands: Sequence[SSAValue]) -> list[str]:
        return [self.expr(e, operands, amap).text for e in amap.results]


def _fold(kind: AffineBinaryOpKind, lhs: int, rhs: int, context: Operation | None) -> int:
    match kind:
        case AffineBinaryOpKind.Add:
            return lhs + rhs
        case AffineBinaryOpKind.Mul:
            return lhs * rhs
    if rhs <= 0:
        raise NotAffineError(f"'{kind.get_token()}' by a non-positive constant", context)
    match kind:
        case AffineBinaryOpKind.FloorDiv:
            return lhs // rhs
        case AffineBinaryOpKind.CeilDiv:
            return -(-lhs // rhs)
        case _:
            return lhs % rhs


def _space_text(params: set[str], dims: Sequence[str]) -> str:
    return f"[{', '.join(sorted(params))}] -> {{ [{', '.join(dims)}]"


def _constrained_set(builder: _ExprBuilder, dims: Sequence[str], constraints: str) -> isl.Set:
    return isl.Set(f"{_space_text(builder.params, dims)} : {constraints} }}")


def _bound_constraints(iv: str, lower: Sequence[str], upper: Sequence[str], step: int) -> list[str]:
    """`max(lower) <= iv < min(upper)`, `iv` on the step grid from `max(lower)`."""
    constraints = [f"{iv} >= {lb}" for lb in lower] + [f"{iv} < {ub}" for ub in upper]
    if step != 1:
        # iv = max(lower) + step * k: one disjunct per bound that may be the maximum.
        grid = [
            "("
            + " and ".join([f"{lb} >= {other}" for other in lower if other != lb])
            + (" and " if len(lower) > 1 else "")
            + f"exists (k: {iv} = {lb} + {step} * k))"
            for lb in lower
        ]
        constraints.append("(" + " or ".join(grid) + ")")
    return constraints


def _loop_constraints(loop: Operation, builder: _ExprBuilder, first_dim: int) -> list[str]:
    if isinstance(loop, affine.ForOp):
        operands_lb = loop.lowerBoundOperands
        operands_ub = loop.upperBoundOperands
        return _bound_constraints(
            iv_name(first_dim),
            builder.results(loop.lower_bound_map, operands_lb),
            builder.results(loop.upper_bound_map, operands_ub),
            loop.step_value,
        )
    assert isinstance(loop, affine.ParallelOp)
    lowers = builder.results(loop.lower_bounds_map, loop.lower_bounds_operands)
    uppers = builder.results(loop.upper_bounds_map, loop.upper_bounds_operands)
    constraints: list[str] = []
    lb_start = ub_start = 0
    for index, (lb_count, ub_count, step) in enumerate(
        zip(loop.lower_bounds_groups, loop.upper_bounds_groups, loop.step_values, strict=True)
    ):
        constraints += _bound_constraints(
            iv_name(first_dim + index),
            lowers[lb_start : lb_start + lb_count],
            uppers[ub_start : ub_start + ub_count],
            step,
        )
        lb_start += lb_count
        ub_start += ub_count
    return constraints


def loop_domain(loops: Sequence[Operation]) -> isl.Set:
    """The iterations of the loop nest `loops` (outermost first, each nested in the
    previous one): one dimension per induction variable, named after its depth."""
    ivs = induction_vars(loops)
    dims = [iv_name(d) for d in range(len(ivs))]
    domain = isl.Set(f"{{ [{', '.join(dims)}] }}")
    first_dim = 0
    for loop in loops:
        builder = _ExprBuilder(ivs, loop)
        constraints = _loop_constraints(loop, builder, first_dim)
        domain = domain.intersect(_constrained_set(builder, dims, " and ".join(constraints)))
        first_dim += len(induction_vars([loop]))
    return domain


def _if_condition(if_op: affine.IfOp, ivs: Sequence[SSAValue], dims: Sequence[str]) -> isl.Set:
    builder = _ExprBuilder(ivs, if_op)
    condition = if_op.integer_set
    as_map = AffineMap(condition.num_dims, condition.num_symbols, ())
    constraints: list[str] = []
    for constraint in condition.constraints:
        lhs = builder.expr(constraint.lhs, if_op.args, as_map).text
        rhs = builder.expr(constraint.rhs, if_op.args, as_map).text
        relation = {
            AffineConstraintKind.eq: "=",
            AffineConstraintKind.ge: ">=",
            AffineConstraintKind.le: "<=",
        }[constraint.kind]
        constraints.append(f"{lhs} {relation} {rhs}")
    return _constrained_set(builder, dims, " and ".join(constraints) or "true")


def _access_domain(op: Operation, loops: Sequence[Operation]) -> isl.Set:
    ivs = induction_vars(loops)
    dims = [iv_name(d) for d in range(len(ivs))]
    domain = loop_domain(loops)
    # Restrict by the conditions of the enclosing affine.if ops, negated in else regions.
    current = op
    while (parent := current.parent_op()) is not None and not affine.is_affine_scope(parent):
        if isinstance(parent, affine.IfOp):
            condition = _if_condition(parent, ivs, dims)
            if current.parent_region() is parent.then_region:
                domain = domain.intersect(condition)
            else:
                domain = domain.subtract(condition)
        current = parent
    return domain.coalesce()


def _access_relation(op: Operation, ivs: Sequence[SSAValue], domain: isl.Set) -> isl.Map:
    assert isinstance(
        op, affine.LoadOp | affine.StoreOp | affine.VectorLoadOp | affine.VectorStoreOp
    )
    builder = _ExprBuilder(ivs, op)
    indices = builder.results(op.affine_map, op.map_operands)
    outs = [f"o{k}" for k in range(len(indices))]
    constraints = [f"{out} = {index}" for out, index in zip(outs, indices, strict=True)]
    if isinstance(op, affine.VectorLoadOp | affine.VectorStoreOp):
        vector_type = op.result.type if isinstance(op, affine.VectorLoadOp) else op.value.type
        assert isinstance(vector_type, VectorType)
        shape = vector_type.get_shape()
        # The lanes cover the innermost memref dimensions, contiguously.
        for lane_dim, width in zip(range(len(outs) - len(shape), len(outs)), shape, strict=True):
            index = indices[lane_dim]
            constraints[lane_dim] = f"{index} <= {outs[lane_dim]} < ({index}) + {width}"
    dims = [iv_name(d) for d in range(len(ivs))]
    text = (
        f"[{', '.join(sorted(builder.params))}] -> {{ [{', '.join(dims)}] -> "
        f"[{', '.join(outs)}] : {' and '.join(constraints) or 'true'} }}"
    )
    return isl.Map(text).intersect_domain(domain)


def _check_modelled(op: Operation) -> None:
    """Raise NotAffineError if `op` touches memory in a way the model does not show."""
    if isinstance(op, ACCESS_OP_TYPES + _STRUCTURAL_OP_TYPES) or affine.is_affine_scope(op):
        return
    if op.name == "func.return" or op.has_trait(RecursiveMemoryEffect):
        # The effects of a region op like scf.for are those of its nested ops, which are
        # checked on their own; affine accesses nested in it fail in enclosing_loops.
        return
    effects = get_effects(op)
    if effects is None:
        raise NotAffineError(f"'{op.name}' may have unknown memory effects", op)
    for effect in effects:
        # A fresh allocation is invisible to the other accesses; anything else is not.
        if effect.kind != MemoryEffectKind.ALLOC:
            raise NotAffineError(f"'{op.name}' accesses memory outside the affine model", op)


def collect_accesses(root: Operation) -> list[MemoryAccess]:
    """Every affine memory access under `root` (included), in program (walk) order.

    Raises NotAffineError when an op under `root` accesses memory in a way that is not
    modelled (a `memref.load`, a call with memref operands, an op with unknown effects),
    or when an index or bound is not affine."""
    accesses: list[MemoryAccess] = []
    for op in root.walk():
        _check_modelled(op)
        if not isinstance(op, ACCESS_OP_TYPES):
            continue
        loops = enclosing_loops(op)
        domain = _access_domain(op, loops)
        memref_value = op.accessed_memref
        if not isinstance(memref_value.type, MemRefType):
            raise NotAffineError("the accessed value is not a ranked memref", op)
        accesses.append(
            MemoryAccess(
                op=op,
                memref=memref_value,
                is_write=isinstance(op, affine.StoreOp | affine.VectorStoreOp),
                loops=loops,
                domain=domain,
                access=_access_relation(op, induction_vars(loops), domain),
            )
        )
    return accesses
