"""convert-scf-to-cf: structured control flow to a CFG of `cf` branches.

xDSL's patterns for `scf.for`, `scf.if` and `scf.index_switch` produce what MLIR 22 does and
are reused as they are. MLIR's `scf.while` and `scf.parallel` lowerings, which xDSL lacks,
are added here: `scf.parallel` first becomes a nest of `scf.for` loops that carry the
reductions, as MLIR's ParallelLowering does, and those loops then lower like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import scf
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.cf import BranchOp, ConditionalBranchOp
from xdsl.ir import Block, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import BlockInsertPoint, InsertPoint
from xdsl.transforms.convert_scf_to_cf import ForLowering, IfLowering, SwitchLowering


class WhileLowering(RewritePattern):
    """`scf.while` to a `before` block that branches on the condition to the `after` block
    or to the continuation."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, while_op: scf.WhileOp, rewriter: PatternRewriter, /) -> None:
        parent_block = while_op.parent_block()
        assert parent_block is not None
        continuation = parent_block.split_before(while_op)

        before = while_op.before_region.block
        after = while_op.after_region.block
        condition = before.last_op
        assert isinstance(condition, scf.ConditionOp)
        results = tuple(condition.args)
        yield_op = after.last_op
        assert isinstance(yield_op, scf.YieldOp)

        rewriter.inline_region(while_op.before_region, BlockInsertPoint.before(continuation))
        rewriter.inline_region(while_op.after_region, BlockInsertPoint.before(continuation))
        rewriter.insert(BranchOp(before, *while_op.arguments), InsertPoint.at_end(parent_block))
        rewriter.replace(
            condition,
            ConditionalBranchOp(condition.condition, after, condition.args, continuation, ()),
        )
        rewriter.replace(yield_op, BranchOp(before, *yield_op.arguments))
        # The before block dominates the continuation, so the values passed to the
        # condition are the loop's results.
        rewriter.replace(while_op, [], results)


class ParallelLowering(RewritePattern):
    """`scf.parallel` to nested `scf.for` loops, outermost first; the reductions are
    carried through every loop and combined in the innermost body."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, parallel: scf.ParallelOp, rewriter: PatternRewriter, /) -> None:
        body = parallel.body.block
        reduce_op = body.last_op
        assert isinstance(reduce_op, scf.ReduceOp)

        carried: list[SSAValue] = list(parallel.initVals)
        loops: list[scf.ForOp] = []
        ivs: list[SSAValue] = []
        insert_point = InsertPoint.before(parallel)
        for lower, upper, step in zip(
            parallel.lowerBound, parallel.upperBound, parallel.step, strict=True
        ):
            loop_block = Block(arg_types=[lower.type, *(value.type for value in carried)])
            loop = scf.ForOp(lower, upper, step, carried, Region(loop_block))
            rewriter.insert(loop, insert_point)
            if loops:
                rewriter.insert(scf.YieldOp(*loop.results), InsertPoint.after(loop))
            loops.append(loop)
            ivs.append(loop_block.args[0])
            carried = list(loop_block.args[1:])
            insert_point = InsertPoint.at_end(loop_block)

        innermost = loops[-1].body.block
        rewriter.inline_block(body, InsertPoint.at_end(innermost), ivs)
        combined: list[SSAValue] = []
        for accumulator, value, reduction in zip(
            carried, reduce_op.args, reduce_op.reductions, strict=True
        ):
            reduction_block = reduction.block
            reduce_return = reduction_block.last_op
            assert isinstance(reduce_return, scf.ReduceReturnOp)
            combined.append(reduce_return.result)
            rewriter.inline_block(
                reduction_block, InsertPoint.before(reduce_op), (accumulator, value)
            )
            rewriter.erase(reduce_return)
        rewriter.replace(reduce_op, scf.YieldOp(*combined))
        rewriter.replace(parallel, [], loops[0].results)


@dataclass(frozen=True)
class ConvertScfToCfPass(ModulePass):
    """Lowers scf.for, scf.if, scf.index_switch, scf.while and scf.parallel to `cf`
    branches, as MLIR's convert-scf-to-cf does."""

    name = "convert-scf-to-cf"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        # Parallel loops become scf.for nests first, so that the for lowering sees them.
        PatternRewriteWalker(ParallelLowering()).rewrite_module(op)
        PatternRewriteWalker(
            GreedyRewritePatternApplier(
                [SwitchLowering(), IfLowering(), ForLowering(), WhileLowering()]
            )
        ).rewrite_module(op)
