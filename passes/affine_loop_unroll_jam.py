"""affine-loop-unroll-jam: MLIR's LoopUnrollAndJam.

As in MLIR, the pass unroll-jams the first op of each function's entry block when it is an
`affine.for`: the loop's step is multiplied by the factor and every maximal run of non-loop
ops in its body and in its nested loops (a "sub-block") is followed by `factor - 1` copies
of itself, copy `i` using `affine.apply (d0) -> (d0 + i * step)` of the induction variable.
A cleanup loop runs the iterations left when the factor may not divide the trip count.

The loop is left as it is when MLIR refuses (a trip count below the factor, an inner loop
bound defined inside the loop, a `max`/`min` bound that needs a cleanup loop) and, with a
remark, where MLIR does not check: when a dependence carried by the loop (between
iterations that the same unrolled iteration now runs) would be reversed by the jamming,
when the dependences cannot be analysed, and when the loop itself has iter_args (MLIR then
combines the copies' results by their reduction kind, which irkit does not do). Nested
loops with iter_args get one set of iter_args per copy, as in MLIR.

Options:
- `unroll-jam-factor` (default 4): the unroll-jam factor.
"""

from __future__ import annotations

from dataclasses import dataclass

import islpy as isl
from irkit.dialects import affine
from irkit.passes.affine_loop_unroll import generate_cleanup_loop
from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, Operation, SSAValue
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from xdsl.passes import ModulePass

from irkit.affine_syntax import expr_add
from irkit.affine_utils import (
    body_block,
    constant_trip_count,
    largest_divisor_of_trip_count,
    promote_if_single_iteration,
    replace_with_additional_iter_args,
    set_loop_bounds,
    yield_op,
)
from irkit.diagnostics import DiagnosedError, emit_error, emit_remark
from irkit.polyhedral.dependences import Dependence, compute_dependences, loop_depth
from irkit.polyhedral.model import NotAffineError


def jam_sub_blocks(loop: affine.ForOp) -> list[list[Operation]]:
    """MLIR's `JamBlockGatherer`: the maximal runs of non-`affine.for` ops (terminators
    excluded) in `loop`'s body and, recursively, in the loops and regions nested in it."""
    sub_blocks: list[list[Operation]] = []

    def gather_op(op: Operation) -> None:
        for region in op.regions:
            for block in region.blocks:
                gather_block(block)

    def gather_block(block: Block) -> None:
        run: list[Operation] = []
        for op in list(block.ops)[:-1]:
            if isinstance(op, affine.ForOp):
                if run:
                    sub_blocks.append(run)
                    run = []
                gather_op(op)
            else:
                run.append(op)
        if run:
            sub_blocks.append(run)

    gather_op(loop)
    return sub_blocks


def _inner_bounds_invariant(loop: affine.ForOp) -> bool:
    """MLIR's `areInnerBoundsInvariant`."""
    for inner in loop.walk():
        if isinstance(inner, affine.ForOp):
            for operand in (*inner.lowerBoundOperands, *inner.upperBoundOperands):
                if _defined_inside(operand, loop):
                    return False
    return True


def _defined_inside(value: SSAValue, loop: Operation) -> bool:
    owner = value.owner
    parent = owner.parent_op() if isinstance(owner, Block) else owner
    return parent is not None and loop.is_ancestor(parent)


def _jam_reorders_same_inner_iteration(dependence: Dependence, loop: affine.ForOp) -> bool:
    """Whether, for source and sink in the same iteration of their common loops inside
    `loop`, jamming runs the sink (of a later `loop` iteration) first: the sink sits in a
    sub-block before the source's."""
    source, sink = dependence.source.op, dependence.sink.op
    common = loop
    for candidate in dependence.source.loops:
        if candidate in dependence.sink.loops and loop.is_ancestor(candidate):
            common = candidate
    block = body_block(common)
    source_child = block.find_ancestor_op_in_block(source)
    sink_child = block.find_ancestor_op_in_block(sink)
    assert source_child is not None and sink_child is not None
    ops = list(block.ops)
    first, last = sorted((ops.index(source_child), ops.index(sink_child)))
    same_sub_block = not any(isinstance(op, affine.ForOp) for op in ops[first : last + 1])
    return not same_sub_block and ops.index(sink_child) < ops.index(source_child)


def _common_deltas(dependence: Dependence) -> isl.Set:
    relation = dependence.relation
    n_common = min(len(dependence.source.ivs), len(dependence.sink.ivs))
    n_in, n_out = relation.dim(isl.dim_type.in_), relation.dim(isl.dim_type.out)
    relation = relation.project_out(isl.dim_type.in_, n_common, n_in - n_common)
    relation = relation.project_out(isl.dim_type.out, n_common, n_out - n_common)
    return relation.deltas()


def _common_depth(dependence: Dependence) -> int:
    count = 0
    for a, b in zip(dependence.source.ivs, dependence.sink.ivs, strict=False):
        if a is not b:
            break
        count += 1
    return count


def find_unroll_jam_violation(loop: affine.ForOp, factor: int) -> Dependence | None:
    """A dependence between two iterations of `loop` that one unrolled iteration runs
    (at most `(factor - 1) * step` apart) whose sink the jammed body would run before its
    source. Raises NotAffineError when the loop is not modelled."""
    depth = loop_depth(loop) - 1
    max_distance = (factor - 1) * loop.step_value
    for dependence in compute_dependences(loop):
        n_common = _common_depth(dependence)
        if n_common <= depth:
            continue
        deltas = _common_deltas(dependence)
        names = [f"x{d}" for d in range(deltas.dim(isl.dim_type.set))]
        outer = [f"{names[d]} = 0" for d in range(depth)]
        carried = [f"1 <= {names[depth]} <= {max_distance}"]
        inner = names[depth + 1 : n_common]
        negative = [
            " and ".join([*(f"{n} = 0" for n in inner[:k]), f"{inner[k]} < 0"])
            for k in range(len(inner))
        ]
        if _jam_reorders_same_inner_iteration(dependence, loop):
            negative.append(" and ".join([f"{n} = 0" for n in inner]) or "true")
        if not negative:
            continue
        condition = " and ".join([*outer, *carried, "(" + " or ".join(negative) + ")"])
        violating = isl.Set(f"{{ [{', '.join(names)}] : {condition} }}")
        if not deltas.intersect(violating.align_params(deltas.get_space())).is_empty():
            return dependence
    return None


def _with_copies_of_iter_args(
    inner: affine.ForOp, factor: int, mappings: list[dict[SSAValue, SSAValue]]
) -> affine.ForOp:
    """MLIR's `replaceWithAdditionalYields` step: `inner` rebuilt with `factor` sets of
    iter_args (copy `i`'s set bound in `mappings[i - 1]`); its inits and yields are fixed by
    `_bind_copies_of_iter_args` once the body has been jammed."""
    count = len(inner.inits)
    terminator = yield_op(inner)
    new_loop = replace_with_additional_iter_args(inner, list(inner.inits) * (factor - 1))
    terminator.operands = list(terminator.operands) * factor
    iter_args = new_loop.region_iter_args
    for copy, mapping in enumerate(mappings, start=1):
        for index in range(count):
            mapping[iter_args[index]] = iter_args[copy * count + index]
            mapping[new_loop.results[index]] = new_loop.results[copy * count + index]
    return new_loop


def _bind_copies_of_iter_args(
    loop: affine.ForOp, factor: int, mappings: list[dict[SSAValue, SSAValue]]
) -> None:
    count = len(loop.inits) // factor
    terminator = body_block(loop).last_op
    assert isinstance(terminator, affine.YieldOp)
    inits = list(loop.inits)
    yielded = list(terminator.operands)
    for copy, mapping in enumerate(mappings, start=1):
        for index in range(count):
            inits[copy * count + index] = mapping.get(inits[index], inits[index])
            yielded[copy * count + index] = mapping.get(yielded[index], yielded[index])
    controls = len(loop.operands) - len(inits)
    loop.operands = [*loop.operands[:controls], *inits]
    terminator.operands = yielded


def loop_unroll_jam_by_factor(loop: affine.ForOp, factor: int) -> bool:
    """MLIR's `loopUnrollJamByFactor` (without iter_args); False where the loop is left as
    it is. Remarks say why where MLIR would not refuse."""
    trip_count = constant_trip_count(loop)
    if factor == 1:
        return trip_count != 1 or promote_if_single_iteration(loop)
    if len(body_block(loop).ops) == 1:
        return True
    if trip_count is not None and trip_count < factor:
        return False
    if not _inner_bounds_invariant(loop):
        return False
    if loop.inits:
        emit_remark(loop, "affine-loop-unroll-jam: a loop with iter_args is not unroll-jammed")
        return False
    try:
        violation = find_unroll_jam_violation(loop, factor)
    except NotAffineError as error:
        emit_remark(loop, f"affine-loop-unroll-jam: dependences cannot be analysed: {error}")
        return False
    if violation is not None:
        emit_remark(
            loop, f"affine-loop-unroll-jam: unroll-and-jam would violate a {violation.describe()}"
        )
        return False
    sub_blocks = jam_sub_blocks(loop)
    if largest_divisor_of_trip_count(loop) % factor != 0:
        if len(loop.lower_bound_map.results) != 1 or len(loop.upper_bound_map.results) != 1:
            return False
        generate_cleanup_loop(loop, factor)
    step = loop.step_value
    set_loop_bounds(
        loop,
        list(loop.lowerBoundOperands),
        loop.lower_bound_map,
        list(loop.upperBoundOperands),
        loop.upper_bound_map,
        step * factor,
    )
    mappings: list[dict[SSAValue, SSAValue]] = [{} for _ in range(factor - 1)]
    inner_with_iter_args = [
        _with_copies_of_iter_args(inner, factor, mappings)
        for inner in [op for op in loop.walk() if isinstance(op, affine.ForOp) and op.inits]
    ]
    iv = loop.induction_var
    has_iv_uses = bool(iv.uses)
    for sub_block in sub_blocks:
        block = sub_block[-1].parent_block()
        assert block is not None
        insertion = sub_block[-1].next_op
        assert insertion is not None
        for copy, mapping in enumerate(mappings, start=1):
            if has_iv_uses:
                bump = AffineMap(
                    1, 0, (expr_add(AffineDimExpr(0), AffineConstantExpr(copy * step)),)
                )
                apply = affine.ApplyOp([iv], bump)
                block.insert_op_before(apply, insertion)
                mapping[iv] = apply.result
            for op in sub_block:
                block.insert_op_before(op.clone(value_mapper=mapping), insertion)
    for inner in inner_with_iter_args:
        _bind_copies_of_iter_args(inner, factor, mappings)
    promote_if_single_iteration(loop)
    return True


@dataclass(frozen=True)
class AffineLoopUnrollJamPass(ModulePass):
    """Unroll and jam affine loops"""

    name = "affine-loop-unroll-jam"

    unroll_jam_factor: int = 4

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if self.unroll_jam_factor < 1:
            emit_error(
                op, f"affine-loop-unroll-jam: invalid unroll-jam-factor {self.unroll_jam_factor}"
            )
            raise DiagnosedError("affine-loop-unroll-jam")
        for function in [f for f in op.walk() if isinstance(f, func.FuncOp)]:
            entry = function.body.blocks.first
            if entry is not None and isinstance(entry.first_op, affine.ForOp):
                loop_unroll_jam_by_factor(entry.first_op, self.unroll_jam_factor)
