"""Affine code from an isl schedule: isl's AST build, then the AST as affine ops.

Each isl AST node becomes affine IR:

* a `for` becomes `affine.for` (or `affine.parallel` for the loop of a band marked
  :data:`~irkit.polyhedral.scheduler.PARALLEL_MARK`): a `max` in its initial value gives a
  lower-bound map with several results, a `min` in its condition an upper-bound map with
  several results, and its increment the step;
* an `if` becomes `affine.if` on the integer set of its (conjunctive) condition;
* a call of statement ``Sk`` becomes a clone of the statement's ops, its induction
  variables replaced by the loop induction variables, or by `affine.apply` of the AST's
  expressions.

Expressions are affine over the AST's iterators (map dimensions) and the scop's parameters
(map symbols); `floordiv` and `mod` come from isl's integer divisions. An AST that does not
fit (a disjunction, a `min` inside an expression) raises :class:`CodegenError`, before the
function is changed.
"""

from __future__ import annotations

from collections.abc import Sequence

import islpy as isl
from xdsl.ir import Block, Operation, SSAValue
from xdsl.ir.affine import (
    AffineConstraintExpr,
    AffineConstraintKind,
    AffineExpr,
    AffineMap,
    AffineSet,
)

from irkit.affine_syntax import expr_add, expr_floordiv, expr_mod, expr_mul, expr_neg, expr_sub
from irkit.dialects import affine
from irkit.polyhedral.scheduler import PARALLEL_END_MARK, PARALLEL_MARK, isl_options
from irkit.polyhedral.statements import Scop

__all__ = ["CodegenError", "build_ast", "generate_code", "rewrite_function"]

_op = isl.ast_expr_op_type


class CodegenError(Exception):
    """The isl AST has a construct that affine ops cannot express."""


def build_ast(scop: Scop, schedule: isl.Schedule | isl.UnionMap) -> isl.AstNode:
    """isl's AST for `schedule` (a schedule tree, or a map from statement instances to
    times) over `scop`'s statements."""
    ctx = scop.context.get_ctx()
    # Conjunctive guards and one `min` per upper bound are what affine ops express.
    with isl_options(ctx, ast_build_allow_or=0, ast_build_atomic_upper_bound=1):
        build = isl.AstBuild.from_context(scop.context)
        try:
            if isinstance(schedule, isl.Schedule):
                return build.node_from_schedule(schedule)
            return build.node_from_schedule_map(schedule.intersect_domain(scop.domain()))
        except isl.Error as error:
            raise CodegenError(f"isl cannot build the AST: {error}") from None


class _MapBuilder:
    """Affine expressions of isl AST expressions, and the operands of their map:
    iterators as dimensions, then parameters as symbols."""

    def __init__(self, iterators: dict[str, SSAValue], parameters: dict[str, SSAValue]) -> None:
        self._iterators = iterators
        self._parameters = parameters
        self._dims: list[SSAValue] = []
        self._symbols: list[SSAValue] = []

    def expr(self, node: isl.AstExpr) -> AffineExpr:
        kind = node.get_type()
        if kind == isl.ast_expr_type.int:
            return AffineExpr.constant(node.get_val().to_python())
        if kind == isl.ast_expr_type.id:
            return self._id(node.get_id().get_name())
        args = [node.get_op_arg(k) for k in range(node.get_op_n_arg())]
        op_type = node.get_op_type()
        if op_type == _op.minus:
            return expr_neg(self.expr(args[0]))
        if op_type == _op.add:
            return expr_add(self.expr(args[0]), self.expr(args[1]))
        if op_type == _op.sub:
            return expr_sub(self.expr(args[0]), self.expr(args[1]))
        if op_type == _op.mul:
            return expr_mul(self.expr(args[0]), self.expr(args[1]))
        if op_type in (_op.fdiv_q, _op.pdiv_q, _op.div):
            return expr_floordiv(self.expr(args[0]), self.expr(args[1]))
        if op_type in (_op.pdiv_r, _op.zdiv_r):
            return expr_mod(self.expr(args[0]), self.expr(args[1]))
        raise CodegenError(f"the expression '{node.to_C_str()}' is not affine")

    def _id(self, name: str) -> AffineExpr:
        if name in self._iterators:
            return AffineExpr.dimension(_position(self._dims, self._iterators[name]))
        if name in self._parameters:
            return AffineExpr.symbol(_position(self._symbols, self._parameters[name]))
        raise CodegenError(f"the AST names '{name}', which is neither a loop nor a parameter")

    def map(self, results: Sequence[AffineExpr]) -> AffineMap:
        return AffineMap(len(self._dims), len(self._symbols), tuple(results))

    def set(self, constraints: Sequence[AffineConstraintExpr]) -> AffineSet:
        return AffineSet(len(self._dims), len(self._symbols), tuple(constraints))

    @property
    def operands(self) -> list[SSAValue]:
        return [*self._dims, *self._symbols]


def _position(values: list[SSAValue], value: SSAValue) -> int:
    if value not in values:
        values.append(value)
    return values.index(value)


def _args(node: isl.AstExpr) -> list[isl.AstExpr]:
    return [node.get_op_arg(k) for k in range(node.get_op_n_arg())]


def _is_op(node: isl.AstExpr, op_type: isl.ast_expr_op_type) -> bool:
    return node.get_type() == isl.ast_expr_type.op and node.get_op_type() == op_type


def _flatten(node: isl.AstExpr, op_type: isl.ast_expr_op_type) -> list[isl.AstExpr]:
    """The operands of nested `op_type` ops (max, min, and): [node] for any other node."""
    if not _is_op(node, op_type):
        return [node]
    return [leaf for arg in _args(node) for leaf in _flatten(arg, op_type)]


def _is_iterator(node: isl.AstExpr, iterator: str) -> bool:
    return node.get_type() == isl.ast_expr_type.id and node.get_id().get_name() == iterator


def _upper_bounds(cond: isl.AstExpr, iterator: str) -> list[tuple[isl.AstExpr, int]]:
    """The exclusive upper bounds in a loop condition, as (expression, offset) pairs."""
    bounds: list[tuple[isl.AstExpr, int]] = []
    for clause in _flatten(cond, _op.and_):
        args = _args(clause) if clause.get_type() == isl.ast_expr_type.op else []
        if _is_op(clause, _op.le) and _is_iterator(args[0], iterator):
            bounds += [(bound, 1) for bound in _flatten(args[1], _op.min)]
        elif _is_op(clause, _op.lt) and _is_iterator(args[0], iterator):
            bounds += [(bound, 0) for bound in _flatten(args[1], _op.min)]
        elif _is_op(clause, _op.ge) and _is_iterator(args[1], iterator):
            bounds += [(bound, 1) for bound in _flatten(args[0], _op.min)]
        elif _is_op(clause, _op.gt) and _is_iterator(args[1], iterator):
            bounds += [(bound, 0) for bound in _flatten(args[0], _op.min)]
        else:
            raise CodegenError(f"the loop condition '{cond.to_C_str()}' is not an upper bound")
    return bounds


_COMPARISONS = {
    # op: (kind, whether the operands swap, offset): `lhs op rhs` reads as
    # `(lhs - rhs) + offset kind 0`, or `(rhs - lhs) + offset kind 0` when they swap.
    _op.le: (AffineConstraintKind.ge, True, 0),
    _op.lt: (AffineConstraintKind.ge, True, -1),
    _op.ge: (AffineConstraintKind.ge, False, 0),
    _op.gt: (AffineConstraintKind.ge, False, -1),
    _op.eq: (AffineConstraintKind.eq, False, 0),
}


def _constraints(cond: isl.AstExpr, builder: _MapBuilder) -> list[AffineConstraintExpr]:
    constraints: list[AffineConstraintExpr] = []
    for clause in _flatten(cond, _op.and_):
        if clause.get_type() != isl.ast_expr_type.op or clause.get_op_type() not in _COMPARISONS:
            raise CodegenError(f"the condition '{cond.to_C_str()}' is not a conjunction")
        kind, swap, offset = _COMPARISONS[clause.get_op_type()]
        lhs, rhs = (builder.expr(arg) for arg in _args(clause))
        difference = expr_sub(rhs, lhs) if swap else expr_sub(lhs, rhs)
        constraint = expr_add(difference, AffineExpr.constant(offset))
        constraints.append(AffineConstraintExpr(kind, constraint, AffineExpr.constant(0)))
    return constraints


def _append(block: Block, op: Operation) -> None:
    """Add `op` at the end of `block`, before its terminator if it has one."""
    last = block.last_op
    if isinstance(last, affine.YieldOp):
        block.insert_op_before(op, last)
    else:
        block.add_op(op)


class _Emitter:
    def __init__(self, scop: Scop) -> None:
        self._parameters = scop.parameters
        self._statements = {statement.name: statement for statement in scop.statements}
        self._iterators: dict[str, SSAValue] = {}
        self._parallel_depth = 0

    def _builder(self) -> _MapBuilder:
        return _MapBuilder(self._iterators, self._parameters)

    def emit(self, node: isl.AstNode, block: Block, parallel: bool) -> None:
        kind = node.get_type()
        if kind == isl.ast_node_type.block:
            children = node.block_get_children()
            for k in range(children.n_ast_node()):
                self.emit(children.get_at(k), block, parallel)
        elif kind == isl.ast_node_type.mark:
            name = node.mark_get_id().get_name()
            if name not in (PARALLEL_MARK, PARALLEL_END_MARK):
                raise CodegenError(f"unknown mark '{name}' in the schedule")
            # Only the outermost parallel loops become affine.parallel.
            starts_parallel = name == PARALLEL_MARK and not self._parallel_depth
            self.emit(node.mark_get_node(), block, starts_parallel)
        elif kind == isl.ast_node_type.for_:
            self._emit_for(node, block, parallel)
        elif kind == isl.ast_node_type.if_:
            self._emit_if(node, block, parallel)
        elif kind == isl.ast_node_type.user:
            self._emit_statement(node.user_get_expr(), block)
        else:
            raise CodegenError(f"unexpected isl AST node '{node.to_C_str().strip()}'")

    def _emit_for(self, node: isl.AstNode, block: Block, parallel: bool) -> None:
        iterator = node.for_get_iterator().get_id().get_name()
        lower = self._builder()
        lower_map = lower.map([lower.expr(e) for e in _flatten(node.for_get_init(), _op.max)])
        upper = self._builder()
        upper_map = upper.map(
            [
                expr_add(upper.expr(bound), AffineExpr.constant(offset))
                for bound, offset in _upper_bounds(node.for_get_cond(), iterator)
            ]
        )
        step_expr = node.for_get_inc()
        if step_expr.get_type() != isl.ast_expr_type.int:
            raise CodegenError(f"the loop step '{step_expr.to_C_str()}' is not a constant")
        step = step_expr.get_val().to_python()
        loop: affine.ForOp | affine.ParallelOp
        if parallel:
            loop = affine.ParallelOp(
                [lower_map], lower.operands, [upper_map], upper.operands, [step]
            )
            induction_var = loop.induction_vars[0]
        else:
            loop = affine.ForOp(lower.operands, upper.operands, [], lower_map, upper_map, step)
            induction_var = loop.induction_var
        # In the block before its body is built: on failure, generate_code erases both.
        _append(block, loop)
        self._iterators[iterator] = induction_var
        self._parallel_depth += parallel
        self.emit(node.for_get_body(), loop.body.block, False)
        self._parallel_depth -= parallel
        del self._iterators[iterator]

    def _emit_if(self, node: isl.AstNode, block: Block, parallel: bool) -> None:
        builder = self._builder()
        condition = builder.set(_constraints(node.if_get_cond(), builder))
        if_op = affine.IfOp(condition, builder.operands, with_else=node.if_has_else_node())
        _append(block, if_op)
        self.emit(node.if_get_then_node(), if_op.then_region.block, parallel)
        if node.if_has_else_node():
            self.emit(node.if_get_else_node(), if_op.else_region.block, parallel)

    def _emit_statement(self, call: isl.AstExpr, block: Block) -> None:
        args = _args(call)
        statement = self._statements[args[0].get_id().get_name()]
        values: dict[SSAValue, SSAValue] = {}
        for iv, index in zip(statement.ivs, args[1:], strict=True):
            values[iv] = self._index_value(index, block)
        for op in statement.ops:
            _append(block, op.clone(value_mapper=values))

    def _index_value(self, index: isl.AstExpr, block: Block) -> SSAValue:
        """The value of an AST index expression: a loop's induction variable, or an
        `affine.apply` of the expression."""
        if index.get_type() == isl.ast_expr_type.id:
            name = index.get_id().get_name()
            if name in self._iterators:
                return self._iterators[name]
        builder = self._builder()
        expr = builder.expr(index)
        apply = affine.ApplyOp(builder.operands, builder.map([expr]))
        _append(block, apply)
        return apply.result


def generate_code(scop: Scop, schedule: isl.Schedule | isl.UnionMap) -> list[Operation]:
    """The affine ops that run `scop`'s statements in the order of `schedule`, as
    top-level ops of its function (detached; the function is left unchanged)."""
    ast = build_ast(scop, schedule)
    block = Block()
    try:
        _Emitter(scop).emit(ast, block, False)
    except CodegenError:
        for op in reversed(list(block.ops)):
            block.erase_op(op, safe_erase=False)
        raise
    ops = list(block.ops)
    for op in ops:
        op.detach()
    return ops


def rewrite_function(scop: Scop, schedule: isl.Schedule | isl.UnionMap) -> None:
    """Replace the statements of `scop`'s function by code for `schedule`: the hoisted ops
    first, then the generated loops, then the deallocations."""
    generated = generate_code(scop, schedule)
    block = scop.func.body.block
    for op in reversed(scop.region_ops):
        block.erase_op(op, safe_erase=False)
    terminator = block.last_op
    assert terminator is not None
    for op in scop.sunk:
        op.detach()
        block.insert_op_before(op, terminator)
    anchor = scop.sunk[0] if scop.sunk else terminator
    for op in generated:
        block.insert_op_before(op, anchor)
