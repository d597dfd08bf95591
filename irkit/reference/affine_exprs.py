"""Affine expressions as Python source, with MLIR's integer semantics.

The source works on Python ints and on numpy integer arrays alike: Python's and numpy's
``//`` both round toward negative infinity, as ``floordiv`` does, and their ``%`` takes the
sign of the divisor, so ``mod`` by a positive divisor is never negative, as in MLIR.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymExpr,
)
from xdsl.ir.affine.affine_set import AffineConstraintKind, AffineSet


def expr_source(expr: AffineExpr, dims: Sequence[str], symbols: Sequence[str]) -> str:
    """``expr`` as a Python expression over the names of its dims and symbols."""
    if isinstance(expr, AffineDimExpr):
        return dims[expr.position]
    if isinstance(expr, AffineSymExpr):
        return symbols[expr.position]
    if isinstance(expr, AffineConstantExpr):
        return str(expr.value) if expr.value >= 0 else f"({expr.value})"
    assert isinstance(expr, AffineBinaryOpExpr)
    lhs = expr_source(expr.lhs, dims, symbols)
    rhs = expr_source(expr.rhs, dims, symbols)
    match expr.kind:
        case AffineBinaryOpKind.Add:
            return f"({lhs} + {rhs})"
        case AffineBinaryOpKind.Mul:
            return f"({lhs} * {rhs})"
        case AffineBinaryOpKind.FloorDiv:
            return f"({lhs} // {rhs})"
        case AffineBinaryOpKind.CeilDiv:
            return f"(-((-{lhs}) // {rhs}))"
        case AffineBinaryOpKind.Mod:
            return f"({lhs} % {rhs})"


def map_sources(amap: AffineMap, operands: Sequence[str]) -> list[str]:
    """The results of ``amap`` applied to ``operands`` (dims first, then symbols)."""
    dims, symbols = operands[: amap.num_dims], operands[amap.num_dims :]
    return [expr_source(result, dims, symbols) for result in amap.results]


def set_source(integer_set: AffineSet, operands: Sequence[str]) -> str:
    """The condition of ``integer_set`` over ``operands`` (dims first, then symbols)."""
    dims, symbols = operands[: integer_set.num_dims], operands[integer_set.num_dims :]
    tests = []
    for constraint in integer_set.constraints:
        lhs = expr_source(constraint.lhs, dims, symbols)
        rhs = expr_source(constraint.rhs, dims, symbols)
        match constraint.kind:
            case AffineConstraintKind.ge:
                tests.append(f"{lhs} >= {rhs}")
            case AffineConstraintKind.le:
                tests.append(f"{lhs} <= {rhs}")
            case AffineConstraintKind.eq:
                tests.append(f"{lhs} == {rhs}")
    return " and ".join(tests) if tests else "True"
