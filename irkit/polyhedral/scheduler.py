"""Schedules for polyhedral statements, computed by isl's scheduler as Tensor Comprehensions
does.

The dependences are memory-based: every pair of accesses to one array, one of them a write,
whose instances run in this order under the original schedule. The constraints are TC's:

* validity: all dependences (flow, anti and output), so that the new schedule is legal;
* proximity: the same dependences, so that the scheduler brings dependent instances close;
* coincidence: the same dependences, so that coincident (parallel) band members carry none.

Fusion follows TC's strategies: ``max`` lets isl's incremental scheduler fuse whatever it can,
``min`` serializes the strongly connected components of the dependence graph as soon as they
are found (isl's ``schedule_serialize_sccs``), and ``preserve`` schedules each top-level loop
nest of the input on its own and runs the nests in their original order, so that only
statements of one nest may be fused.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

import islpy as isl

from irkit.polyhedral.statements import Scop

__all__ = [
    "PARALLEL_END_MARK",
    "PARALLEL_MARK",
    "Fusion",
    "MemoryDependences",
    "SchedulerError",
    "compute_schedule",
    "memory_dependences",
    "transform_outermost_bands",
]


class Fusion(StrEnum):
    """TC's fusion strategies."""

    MAX = "max"
    PRESERVE = "preserve"
    MIN = "min"


class SchedulerError(Exception):
    """isl found no schedule, or a schedule transformation failed."""


@dataclass(frozen=True)
class MemoryDependences:
    """Dependences between statement instances: source iteration -> sink iteration."""

    flow: isl.UnionMap
    anti: isl.UnionMap
    output: isl.UnionMap

    def all(self) -> isl.UnionMap:
        return self.flow.union(self.anti).union(self.output)


def memory_dependences(scop: Scop) -> MemoryDependences:
    """The flow (write then read), anti (read then write) and output (write then write)
    dependences between the instances of `scop`'s statements."""
    schedule = scop.original_schedule()
    before = schedule.lex_lt_union_map(schedule)
    writes, reads = scop.writes(), scop.reads()
    return MemoryDependences(
        flow=writes.apply_range(reads.reverse()).intersect(before),
        anti=reads.apply_range(writes.reverse()).intersect(before),
        output=writes.apply_range(writes.reverse()).intersect(before),
    )


@contextmanager
def isl_options(ctx: isl.Context, **options: int) -> Iterator[None]:
    """Set isl options for the duration of a block: the context is shared by all of irkit."""
    saved = {name: getattr(ctx, f"get_{name}")() for name in options}
    try:
        for name, value in options.items():
            getattr(ctx, f"set_{name}")(value)
        yield
    finally:
        for name, value in saved.items():
            getattr(ctx, f"set_{name}")(value)


def _schedule_domain(
    domain: isl.UnionSet, dependences: isl.UnionMap, context: isl.Set, fusion: Fusion
) -> isl.Schedule:
    constraints = dependences.intersect_domain(domain).intersect_range(domain)
    schedule_constraints = (
        isl.ScheduleConstraints.on_domain(domain)
        .set_context(context)
        .set_validity(constraints)
        .set_proximity(constraints)
        .set_coincidence(constraints)
    )
    with isl_options(
        domain.get_ctx(),
        schedule_whole_component=0,
        schedule_serialize_sccs=int(fusion is Fusion.MIN),
    ):
        return schedule_constraints.compute_schedule()


def compute_schedule(scop: Scop, fusion: Fusion) -> isl.Schedule:
    """A legal schedule of `scop`'s statements under the given fusion strategy."""
    try:
        return _compute_schedule(scop, fusion)
    except isl.Error as error:
        raise SchedulerError(f"isl found no schedule: {error}") from None


def _compute_schedule(scop: Scop, fusion: Fusion) -> isl.Schedule:
    dependences = memory_dependences(scop).all()
    if fusion is not Fusion.PRESERVE:
        return _schedule_domain(scop.domain(), dependences, scop.context, fusion)
    # Each original nest on its own, the nests in their original order.
    nests: dict[int, list[isl.Set]] = {}
    for statement in scop.statements:
        nests.setdefault(statement.nest, []).append(statement.domain)
    schedule: isl.Schedule | None = None
    for domains in nests.values():
        nest_domain = _union_of(domains)
        nest_schedule = _schedule_domain(nest_domain, dependences, scop.context, fusion)
        schedule = nest_schedule if schedule is None else schedule.sequence(nest_schedule)
    if schedule is None:
        return isl.Schedule.from_domain(scop.domain())
    return schedule


def _union_of(sets: Sequence[isl.Set]) -> isl.UnionSet:
    result = isl.UnionSet.from_set(sets[0])
    for s in sets[1:]:
        result = result.union(isl.UnionSet.from_set(s))
    return result


PARALLEL_MARK = "parallel"
"""Marks a one-member band whose loop codegen emits as `affine.parallel`, unless it is
inside another parallel loop."""
PARALLEL_END_MARK = "parallel_end"
"""Marks the end of that band: isl drops a loop with one iteration, and the loops below
this mark are not parallel."""


def _under_band(node: isl.ScheduleNode) -> bool:
    return any(
        node.ancestor(generation).get_type() == isl.schedule_node_type.band
        for generation in range(1, node.get_tree_depth() + 1)
    )


def _tile_band(node: isl.ScheduleNode, tile_sizes: Sequence[int]) -> isl.ScheduleNode | None:
    """Tile the leading members of the band `node` by `tile_sizes`: the tile band, whose
    child is the point band; None when the band cannot be tiled."""
    members = node.band_n_member()
    if members > 1 and not node.band_get_permutable():
        # Tiling reorders the members' iterations: legal on permutable bands only.
        return None
    count = min(members, len(tile_sizes))
    if count < members:
        node = node.band_split(count)
    sizes = isl.MultiVal.zero(node.band_get_space())
    for position, size in enumerate(tile_sizes[:count]):
        sizes = sizes.set_val(position, isl.Val.int_from_si(node.get_ctx(), size))
    return node.band_tile(sizes)


def _mark_parallel(node: isl.ScheduleNode) -> isl.ScheduleNode:
    """Mark the first member of the band `node` parallel when it is coincident: the node
    at the band's position."""
    if not node.band_member_get_coincident(0):
        return node
    if node.band_n_member() > 1:
        node = node.band_split(1)
    ctx = node.get_ctx()
    node = node.child(0).insert_mark(isl.Id(PARALLEL_END_MARK, context=ctx)).parent()
    return node.insert_mark(isl.Id(PARALLEL_MARK, context=ctx))


def transform_outermost_bands(
    schedule: isl.Schedule, tile_sizes: Sequence[int], parallelize: bool
) -> isl.Schedule:
    """Tile the outermost bands of `schedule` (those with no band above them) by
    `tile_sizes` (left untiled when empty), and mark their outermost loop parallel when
    `parallelize` and it is coincident."""

    def transform(node: isl.ScheduleNode) -> isl.ScheduleNode:
        if node.get_type() != isl.schedule_node_type.band or _under_band(node):
            return node
        if node.band_n_member() == 0:
            return node
        tile_band = _tile_band(node, tile_sizes) if tile_sizes else None
        if tile_band is not None:
            node = tile_band
        if parallelize:
            if tile_band is not None:
                # isl drops a tile loop with one iteration: its point loop is parallel then.
                node = _mark_parallel(node.child(0)).parent()
            node = _mark_parallel(node)
        return node

    with isl_options(schedule.get_ctx(), tile_scale_tile_loops=1, tile_shift_point_loops=0):
        try:
            return schedule.map_schedule_node_bottom_up(transform)
        except isl.Error as error:
            raise SchedulerError(f"cannot transform the schedule: {error}") from None
