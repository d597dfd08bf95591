"""Emit rules for structured control flow and calls: ``func``, ``scf``, ``cf.assert``, and
the loops, conditions and index arithmetic of irkit's ``affine`` dialect.

Loops become Python ``for`` loops over ``range``; loop-carried values (``iter_args``) are
locals that the body's yield reassigns; a region's results are the locals that its
yields assign.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from typing import cast

from xdsl.dialects.builtin import DenseArrayBase, StringAttr, SymbolRefAttr
from xdsl.dialects.cf import ConditionalBranchOp
from xdsl.dialects.scf import ParallelOp as ScfParallelOp
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.ir.affine import AffineMap

from irkit.dialects.affine import ApplyOp, ForOp, IfOp, MaxOp, MinOp, ParallelOp
from irkit.reference.affine_exprs import map_sources, set_source
from irkit.reference.codegen import FunctionCompiler, emit_rule
from irkit.reference.errors import UnsupportedError
from irkit.reference.scalar_rules import float_type, int_width, op_attribute, wrap
from irkit.reference.types import float_dtype

# --- shared by the region-holding ops ----------------------------------------------------


def _emit_body(compiler: FunctionCompiler, block: Block, targets: Sequence[str]) -> None:
    """Write ``block``'s ops, then assign the values its yield passes to ``targets``."""
    terminator = compiler.emit_block(block)
    yielded = compiler.values(terminator.operands) if terminator is not None else []
    compiler.assign(targets, yielded)


def _result_names(compiler: FunctionCompiler, op: Operation) -> list[str]:
    return [compiler.bind_new(result) for result in op.results]


def _bind_args(compiler: FunctionCompiler, block: Block) -> list[str]:
    return [compiler.bind_new(arg) for arg in block.args]


def _loop(
    compiler: FunctionCompiler,
    op: Operation,
    bounds: str,
    inits: Sequence[SSAValue],
) -> None:
    """``for iv in range(bounds)`` over the op's single-block body, whose first argument
    is the induction variable and the rest the loop-carried values, which are also the
    op's results."""
    block = op.regions[0].block
    carried = [compiler.bind_new(arg) for arg in block.args[1:]]
    compiler.assign(carried, compiler.values(inits))
    for result, name in zip(op.results, carried, strict=True):
        compiler.bind(result, name)
    induction_var = compiler.bind_new(block.args[0])
    compiler.line(f"for {induction_var} in range({bounds}):")
    with compiler.indented():
        _emit_body(compiler, block, carried)


def _conditional(
    compiler: FunctionCompiler, op: Operation, condition: str, then: Region, other: Region
) -> None:
    results = _result_names(compiler, op)
    compiler.line(f"if {condition}:")
    with compiler.indented():
        _emit_body(compiler, then.block, results)
    if other.blocks:
        compiler.line("else:")
        with compiler.indented():
            _emit_body(compiler, other.block, results)


# --- func --------------------------------------------------------------------------------


@emit_rule("func.return")
def _return(op: Operation, compiler: FunctionCompiler) -> None:
    compiler.line(f"return {', '.join(compiler.values(op.operands))}".rstrip())


@emit_rule("func.call")
def _call(op: Operation, compiler: FunctionCompiler) -> None:
    callee = op_attribute(op, "callee")
    assert isinstance(callee, SymbolRefAttr)
    symbol = callee.root_reference.data
    if symbol not in compiler.program.functions:
        raise UnsupportedError(op, f"calls '@{symbol}', which has no body in the module")
    function = compiler.program.function_name(symbol)
    compiler.assign_results(op, f"{function}({', '.join(compiler.values(op.operands))})")


# --- scf ---------------------------------------------------------------------------------


@emit_rule("scf.for")
def _scf_for(op: Operation, compiler: FunctionCompiler) -> None:
    lower, upper, step = compiler.values(op.operands[:3])
    _loop(compiler, op, f"{lower}, {upper}, {step}", op.operands[3:])


@emit_rule("scf.if")
def _scf_if(op: Operation, compiler: FunctionCompiler) -> None:
    _conditional(compiler, op, compiler.value(op.operands[0]), op.regions[0], op.regions[1])


@emit_rule("scf.while")
def _scf_while(op: Operation, compiler: FunctionCompiler) -> None:
    """The before region runs first; its ``scf.condition`` either leaves the loop with
    its values as the results or passes them to the after region, whose yield feeds the
    before region again."""
    before, after = op.regions[0].block, op.regions[1].block
    before_args = _bind_args(compiler, before)
    compiler.assign(before_args, compiler.values(op.operands))
    after_args = _bind_args(compiler, after)
    for result, name in zip(op.results, after_args, strict=True):
        compiler.bind(result, name)
    compiler.line("while True:")
    with compiler.indented():
        condition = compiler.emit_block(before)
        assert condition is not None
        compiler.assign(after_args, compiler.values(condition.operands[1:]))
        compiler.line(f"if not {compiler.value(condition.operands[0])}:")
        with compiler.indented():
            compiler.line("break")
        _emit_body(compiler, after, before_args)


@emit_rule("scf.parallel")
def _scf_parallel(op: Operation, compiler: FunctionCompiler) -> None:
    """Nested loops; the ``scf.reduce`` ending the body combines each value it is given
    into the matching result, which starts as the init value, with its region."""
    loop = cast(ScfParallelOp, op)
    accumulators = _result_names(compiler, op)
    compiler.assign(accumulators, compiler.values(loop.initVals))
    block = loop.body.block
    with ExitStack() as nest:
        for arg, lower, upper, step in zip(
            block.args,
            compiler.values(loop.lowerBound),
            compiler.values(loop.upperBound),
            compiler.values(loop.step),
            strict=True,
        ):
            compiler.line(f"for {compiler.bind_new(arg)} in range({lower}, {upper}, {step}):")
            nest.enter_context(compiler.indented())
        reduce = compiler.emit_block(block)
        assert reduce is not None
        for acc, value, region in zip(accumulators, reduce.operands, reduce.regions, strict=True):
            lhs, rhs = region.block.args
            compiler.bind(lhs, acc)
            compiler.bind(rhs, compiler.value(value))
            _emit_body(compiler, region.block, [acc])


@emit_rule("scf.execute_region")
def _execute_region(op: Operation, compiler: FunctionCompiler) -> None:
    if len(op.regions[0].blocks) != 1:
        raise UnsupportedError(op, "the reference executor runs single-block regions only")
    _emit_body(compiler, op.regions[0].block, _result_names(compiler, op))


@emit_rule("scf.index_switch")
def _index_switch(op: Operation, compiler: FunctionCompiler) -> None:
    selector = compiler.value(op.operands[0])
    cases = op_attribute(op, "cases")
    values = cases.get_values() if isinstance(cases, DenseArrayBase) else ()
    results = _result_names(compiler, op)
    default, *case_regions = op.regions
    for number, (value, region) in enumerate(zip(values, case_regions, strict=True)):
        compiler.line(f"{'if' if number == 0 else 'elif'} {selector} == {value}:")
        with compiler.indented():
            _emit_body(compiler, region.block, results)
    if values:
        compiler.line("else:")
        with compiler.indented():
            _emit_body(compiler, default.block, results)
    else:
        _emit_body(compiler, default.block, results)


# --- cf ----------------------------------------------------------------------------------


@emit_rule("cf.br")
def _branch(op: Operation, compiler: FunctionCompiler) -> None:
    compiler.branch(op.successors[0], op.operands)


@emit_rule("cf.cond_br")
def _conditional_branch(op: Operation, compiler: FunctionCompiler) -> None:
    branch = cast(ConditionalBranchOp, op)
    compiler.line(f"if {compiler.value(branch.cond)}:")
    with compiler.indented():
        compiler.branch(branch.then_block, branch.then_arguments)
    compiler.line("else:")
    with compiler.indented():
        compiler.branch(branch.else_block, branch.else_arguments)


@emit_rule("cf.assert")
def _assert(op: Operation, compiler: FunctionCompiler) -> None:
    message = op_attribute(op, "msg")
    text = message.data if isinstance(message, StringAttr) else ""
    compiler.fail_if(f"not {compiler.value(op.operands[0])}", repr(f"assertion failed: {text}"))


# --- affine ------------------------------------------------------------------------------


def _bound(amap: AffineMap, operands: Sequence[str], combine: str) -> str:
    """The max (lower bound) or min (upper bound) of a bound map's results."""
    results = map_sources(amap, operands)
    return results[0] if len(results) == 1 else f"{combine}({', '.join(results)})"


@emit_rule("affine.for")
def _affine_for(op: Operation, compiler: FunctionCompiler) -> None:
    loop = cast(ForOp, op)
    lower = _bound(loop.lower_bound_map, compiler.values(loop.lowerBoundOperands), "max")
    upper = _bound(loop.upper_bound_map, compiler.values(loop.upperBoundOperands), "min")
    step = loop.step_value
    bounds = f"{lower}, {upper}" if step == 1 else f"{lower}, {upper}, {step}"
    _loop(compiler, op, bounds, loop.inits)


@emit_rule("affine.if")
def _affine_if(op: Operation, compiler: FunctionCompiler) -> None:
    branch = cast(IfOp, op)
    assert branch.condition is not None
    condition = set_source(branch.condition.data, compiler.values(branch.args))
    _conditional(compiler, op, condition, branch.then_region, branch.else_region)


@emit_rule("affine.apply", "affine.min", "affine.max")
def _affine_index_map(op: Operation, compiler: FunctionCompiler) -> None:
    index_op = cast(ApplyOp | MinOp | MaxOp, op)
    results = map_sources(index_op.affine_map, compiler.values(index_op.mapOperands))
    if len(results) == 1:
        compiler.define(op.results[0], results[0])
    else:
        combine = "min" if isinstance(op, MinOp) else "max"
        compiler.define(op.results[0], f"{combine}({', '.join(results)})")


def _groups(amap: AffineMap, operands: Sequence[str], sizes: Sequence[int]) -> list[list[str]]:
    """The bound expressions of each dimension of an ``affine.parallel``."""
    results = map_sources(amap, operands)
    groups, start = [], 0
    for size in sizes:
        groups.append(results[start : start + size])
        start += size
    return groups


Combine = Callable[[str, str], str]
"""The source that combines an accumulator with a new value."""


def _float_reduction(kind: str) -> tuple[float, Combine]:
    """The identity and the combination of an ``affine.parallel`` float reduction."""
    match kind:
        case "addf":
            return 0.0, lambda acc, value: f"{acc} + {value}"
        case "mulf":
            return 1.0, lambda acc, value: f"{acc} * {value}"
        case "maximumf" | "minimumf":
            identity = -math.inf if kind == "maximumf" else math.inf
            return identity, lambda acc, value: f"_rt.{kind}({acc}, {value})"
        case "maxnumf" | "minnumf":
            # NaN is the identity of maxnum and minnum: either gives the other operand.
            return math.nan, lambda acc, value: f"_rt.{kind}({acc}, {value})"
        case _:  # assign
            return 0.0, lambda acc, value: value


def _int_reduction(kind: str, width: int) -> tuple[int, Combine]:
    """The identity and the combination of an ``affine.parallel`` integer reduction."""
    mask = (1 << width) - 1
    match kind:
        case "addi":
            return 0, lambda acc, value: wrap(f"{acc} + {value}", width)
        case "muli":
            return 1, lambda acc, value: wrap(f"{acc} * {value}", width)
        case "andi":
            return -1, lambda acc, value: f"{acc} & {value}"
        case "ori":
            return 0, lambda acc, value: f"{acc} | {value}"
        case "xori":
            return 0, lambda acc, value: f"{acc} ^ {value}"
        case "maxs":
            return -(1 << (width - 1)), lambda acc, value: f"max({acc}, {value})"
        case "mins":
            return (1 << (width - 1)) - 1, lambda acc, value: f"min({acc}, {value})"
        case "maxu":
            return (
                0,
                lambda acc, value: f"({acc} if {acc} & {mask} >= {value} & {mask} else {value})",
            )
        case "minu":
            return (
                -1,
                lambda acc, value: f"({acc} if {acc} & {mask} <= {value} & {mask} else {value})",
            )
        case _:  # assign
            return 0, lambda acc, value: value


@emit_rule("affine.parallel")
def _affine_parallel(op: Operation, compiler: FunctionCompiler) -> None:
    """Nested loops, one per dimension; each reduction starts at its identity and
    combines the value yielded by every iteration."""
    loop = cast(ParallelOp, op)
    operands = compiler.values(loop.mapOperands)
    lower_count = loop.lower_bounds_map.num_dims + loop.lower_bounds_map.num_symbols
    lowers = _groups(loop.lower_bounds_map, operands[:lower_count], loop.lower_bounds_groups)
    uppers = _groups(loop.upper_bounds_map, operands[lower_count:], loop.upper_bounds_groups)
    accumulators = _result_names(compiler, op)
    combines: list[Combine] = []
    for result, acc, kind in zip(op.results, accumulators, loop.reduction_names, strict=True):
        if float_dtype(result.type) is not None:
            float_identity, combine = _float_reduction(kind)
            identity = compiler.constant(float_type(op, result).type(float_identity))
        else:
            int_identity, combine = _int_reduction(kind, int_width(op, result))
            identity = str(int_identity)
        compiler.line(f"{acc} = {identity}")
        combines.append(combine)
    block = loop.body.block
    with ExitStack() as nest:
        for arg, low, high, step in zip(block.args, lowers, uppers, loop.step_values, strict=True):
            lower = low[0] if len(low) == 1 else f"max({', '.join(low)})"
            upper = high[0] if len(high) == 1 else f"min({', '.join(high)})"
            bounds = f"{lower}, {upper}" if step == 1 else f"{lower}, {upper}, {step}"
            compiler.line(f"for {compiler.bind_new(arg)} in range({bounds}):")
            nest.enter_context(compiler.indented())
        terminator = compiler.emit_block(block)
        values = compiler.values(terminator.operands) if terminator is not None else []
        updates = [
            combine(acc, v) for combine, acc, v in zip(combines, accumulators, values, strict=True)
        ]
        compiler.assign(accumulators, updates)


@emit_rule("affine.prefetch")
def _prefetch(op: Operation, compiler: FunctionCompiler) -> None:
    """A hint to the cache: nothing to evaluate."""
