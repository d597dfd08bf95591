"""polyhedral-schedule: reschedule the affine loop nests of each function with isl's
scheduler and regenerate them from isl's AST, as Tensor Comprehensions does.

Each `func.func` becomes a set of polyhedral statements (maximal sequences of non-loop ops
in its loop nests, see :mod:`irkit.polyhedral.statements`). isl computes a new schedule under
TC's constraints: validity = all flow, anti and output dependences, proximity = the same
dependences, coincidence = validity. The loops are then rebuilt from isl's AST: `affine.for`
with max/min bounds and steps, `affine.if` guards, the statements' ops cloned inside.
Loop-invariant top-level ops (constants, `memref.dim`, allocations) stay above the new
loops, deallocations below them.

Options:

* ``fusion`` (``max`` | ``preserve`` | ``min``, default ``max``), TC's fusion strategies:
  ``max`` lets isl fuse the loops of different nests wherever the dependences allow;
  ``preserve`` schedules each top-level nest of the input on its own and keeps the nests
  in their order, so loops are only fused within an original nest; ``min`` separates the
  strongly connected components of the dependence graph (isl's ``serialize_sccs``), so
  that statements share loops only when they depend on each other cyclically.
* ``tile-sizes`` (list of positive integers, default empty): tile the outermost band of
  each scheduled nest with these sizes, its first members first (isl's band tiling; a band
  that is not permutable stays untiled). Empty leaves the loops untiled.
* ``parallelize`` (bool, default false): emit the outermost loop of each outermost band
  as `affine.parallel` when isl found it coincident (it carries no dependence). With
  tiling, that is the outermost tile loop, or its point loop where the tile loop has a
  single iteration (isl then emits no loop for it). Loops inside a parallel loop stay
  `affine.for`.

A function that cannot be modelled (loops with iter_args, non-affine memory accesses, calls,
values flowing from one statement into another), or for which isl finds no schedule or
code, is left unchanged with a remark ``polyhedral-schedule: <reason>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.func import FuncOp
from xdsl.passes import ModulePass

from irkit.diagnostics import emit_remark
from irkit.polyhedral.codegen import CodegenError, rewrite_function
from irkit.polyhedral.scheduler import (
    Fusion,
    SchedulerError,
    compute_schedule,
    transform_outermost_bands,
)
from irkit.polyhedral.statements import ScopError, extract_scop


@dataclass(frozen=True)
class PolyhedralSchedulePass(ModulePass):
    """Reschedule affine loop nests with isl (TC-style fusion, tiling, parallel loops)."""

    name = "polyhedral-schedule"

    fusion: str = "max"
    tile_sizes: tuple[int, ...] = ()
    parallelize: bool = False

    def __post_init__(self) -> None:
        if self.fusion not in {strategy.value for strategy in Fusion}:
            choices = ", ".join(strategy.value for strategy in Fusion)
            raise ValueError(f"fusion must be one of {choices}, not '{self.fusion}'")
        if any(size <= 0 for size in self.tile_sizes):
            raise ValueError("tile-sizes must be positive")

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for func in [nested for nested in op.walk() if isinstance(nested, FuncOp)]:
            if func.body.blocks:
                self._schedule_function(func)

    def _schedule_function(self, func: FuncOp) -> None:
        try:
            scop = extract_scop(func)
            if not scop.statements:
                return
            schedule = compute_schedule(scop, Fusion(self.fusion))
            schedule = transform_outermost_bands(schedule, self.tile_sizes, self.parallelize)
            rewrite_function(scop, schedule)
        except (ScopError, SchedulerError, CodegenError) as error:
            emit_remark(func, f"polyhedral-schedule: {error}")
