"""affine-loop-tile: MLIR's LoopTiling of the outermost perfect loop nests.

Each band (a top-level `affine.for` of a function with the loops perfectly nested in it,
MLIR's `getTileableBands`) becomes `2 * width` loops: inter-tile loops with the original
bounds and step `tile size * step`, then intra-tile loops from the inter-tile induction
variable to `iv + tile size * step`. Where the tile size may not divide the trip count the
intra-tile upper bound is a `min` with the original one, e.g.
`affine_map<(d0)[s0] -> (d0 + 32, s0)>`; where the trip count is below the tile size it is
`iv + trip count * step`.

Unlike MLIR 22, which no longer checks, a band is tiled only when it is fully permutable:
a band that a dependence would keep from it (see `find_tiling_violation`), whose bounds
depend on its own induction variables, or that carries iter_args is left as it is, with a
remark on its outermost loop.

Options (MLIR's):
- `tile-size`: one tile size for every loop.
- `tile-sizes`: tile sizes per loop, outermost first; missing ones are 4.
- `cache-size` (default 512): L1 size in KiB for MLIR's tile-size heuristic, used when no
  size is given: when the band's memory footprint exceeds it by a factor `e`, every loop
  gets `floor(e^(1/width))` and the innermost the balance, each then lowered to a divisor
  of a constant trip count (at most half of it); an unknown footprint gives 4s, a fitting
  one 1s.
- `separate` (default false): separate full and partial tiles (MLIR's
  `separateFullTiles`): an `affine.if` on the tile being full (every other intra-tile upper
  bound at least the full-tile one) runs a copy of the intra-tile nest without `min`s, else
  the original one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import islpy as isl
from irkit.dialects import affine
from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import MemRefType, ModuleOp
from xdsl.ir import SSAValue
from xdsl.ir.affine import (
    AffineConstantExpr,
    AffineConstraintExpr,
    AffineConstraintKind,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSet,
    AffineSymExpr,
)
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from irkit.affine_syntax import expr_add, expr_sub, replace_dims_and_symbols
from irkit.affine_utils import (
    body_block,
    canonicalize_map_and_operands,
    constant_trip_count,
    is_hyperrectangular,
    largest_divisor_of_trip_count,
    perfectly_nested_band,
    set_loop_bounds,
)
from irkit.diagnostics import DiagnosedError, emit_error, emit_remark
from irkit.polyhedral.dependences import find_tiling_violation
from irkit.polyhedral.model import NotAffineError, collect_accesses

DEFAULT_TILE_SIZE = 4
"""MLIR's `LoopTiling::kDefaultTileSize`."""


def tileable_bands(module: ModuleOp) -> list[list[affine.ForOp]]:
    """MLIR's `getTileableBands`: for each `affine.for` at the top level of a function,
    the loops perfectly nested from it."""
    return [
        perfectly_nested_band(op)
        for function in module.walk()
        if isinstance(function, func.FuncOp)
        for op in function.body.ops
        if isinstance(op, affine.ForOp)
    ]


def band_refusal(band: Sequence[affine.ForOp]) -> str | None:
    """Why `band` is not tiled, or None."""
    if any(loop.inits for loop in band):
        return "affine-loop-tile: loops with iter_args are not tiled"
    if not is_hyperrectangular(band):
        return "Non-hyperrectangular nests not supported for tiling!"
    try:
        violation = find_tiling_violation(band)
    except NotAffineError as error:
        return f"affine-loop-tile: dependences cannot be analysed: {error}"
    if violation is not None:
        return (
            "tiling nest is invalid due to dependences: band is not fully permutable: "
            f"{violation.describe()}"
        )
    return None


def _extent(image: isl.Set, dim: int) -> int | None:
    """A constant bound on the number of indices along `dim` of `image`, whatever its
    parameters (MLIR's constant bounding size): the largest difference of two indices in
    it, plus one; None when unbounded."""
    count = image.dim(isl.dim_type.set)
    single = image.project_out(isl.dim_type.set, dim + 1, count - dim - 1)
    single = single.project_out(isl.dim_type.set, 0, dim)
    if single.is_empty():
        return 0
    pairs = single.flat_product(single)
    space = isl.LocalSpace.from_space(pairs.get_space())
    difference = isl.Aff.var_on_domain(space, isl.dim_type.set, 1) - isl.Aff.var_on_domain(
        space, isl.dim_type.set, 0
    )
    largest = pairs.max_val(difference)
    if not largest.is_int():
        return None
    return largest.to_python() + 1


def _within_shape(image: isl.Set, memref_type: MemRefType) -> isl.Set:
    """`image` limited to the static dimensions of the memref, as MLIR's `MemRefRegion`
    adds them."""
    for dim, size in enumerate(memref_type.get_shape()):
        if size >= 0:
            image = image.lower_bound_val(isl.dim_type.set, dim, isl.Val(0))
            image = image.upper_bound_val(isl.dim_type.set, dim, isl.Val(size - 1))
    return image


def memory_footprint_bytes(root: affine.ForOp) -> int | None:
    """MLIR's `getMemoryFootprintBytes`: the bytes of the bounding boxes of the memref
    regions accessed under `root`, or None when one is not of constant size."""
    try:
        accesses = collect_accesses(root)
    except NotAffineError:
        return None
    regions: dict[SSAValue, isl.Set] = {}
    for access in accesses:
        memref_type = access.memref.type
        assert isinstance(memref_type, MemRefType)
        image = _within_shape(access.access.intersect_domain(access.domain).range(), memref_type)
        previous = regions.get(access.memref)
        regions[access.memref] = (
            image
            if previous is None
            else previous.union(image.align_params(previous.get_space())).coalesce()
        )
    total = 0
    for memref_value, image in regions.items():
        memref_type = memref_value.type
        assert isinstance(memref_type, MemRefType)
        element_bits = getattr(memref_type.element_type, "bitwidth", None)
        if not isinstance(element_bits, int):
            return None
        elements = 1
        for dim in range(image.dim(isl.dim_type.set)):
            extent = _extent(image, dim)
            if extent is None:
                return None
            elements *= extent
        total += elements * math.ceil(element_bits / 8)
    return total


def _adjust_to_divisors_of_trip_counts(band: Sequence[affine.ForOp], sizes: list[int]) -> None:
    """MLIR's `adjustToDivisorsOfTripCounts`."""
    for index, loop in enumerate(band):
        trip_count = constant_trip_count(loop)
        if trip_count is None:
            continue
        if trip_count > 1 and sizes[index] > trip_count // 2:
            sizes[index] = trip_count // 2
        while sizes[index] > 1 and trip_count % sizes[index] != 0:
            sizes[index] -= 1


def cache_tile_sizes(band: Sequence[affine.ForOp], cache_size_kib: int) -> list[int]:
    """MLIR's footprint-based tile sizes (`LoopTiling::getTileSizes` without given sizes)."""
    footprint = memory_footprint_bytes(band[0])
    if footprint is None:
        sizes = [DEFAULT_TILE_SIZE] * len(band)
        _adjust_to_divisors_of_trip_counts(band, sizes)
        return sizes
    excess = -(-footprint // (cache_size_kib * 1024))
    if excess <= 1:
        return [1] * len(band)
    per_loop = math.floor(excess ** (1.0 / len(band)))
    sizes: list[int] = []
    product = 1
    for index in range(len(band)):
        size = per_loop if index < len(band) - 1 else max(1, excess // product)
        sizes.append(size)
        product *= size
    _adjust_to_divisors_of_trip_counts(band, sizes)
    return sizes


def _shift_map(shift: int) -> AffineMap:
    return AffineMap(1, 0, (expr_add(AffineDimExpr(0), AffineConstantExpr(shift)),))


def tile_perfectly_nested(
    band: Sequence[affine.ForOp], tile_sizes: Sequence[int]
) -> list[affine.ForOp]:
    """MLIR's `tilePerfectlyNested`: replaces `band` with its tiled nest (inter-tile loops
    then intra-tile loops, outermost first) and returns the new loops."""
    width = len(band)
    root = band[0]
    tiled = [affine.ForOp.from_constant_bounds(0, 0) for _ in range(2 * width)]
    for outer, inner in pairwise(tiled):
        block = body_block(outer)
        assert block.first_op is not None
        block.insert_op_before(inner, block.first_op)
    Rewriter.insert_op(tiled[0], InsertPoint.before(root))
    # The original innermost body moves into the innermost intra-tile loop.
    innermost = body_block(tiled[-1])
    original_body = body_block(band[-1])
    placeholder_yield = innermost.last_op
    assert placeholder_yield is not None
    placeholder_yield.detach()
    placeholder_yield.erase()
    for op in list(original_body.ops):
        op.detach()
        innermost.add_op(op)
    for index, (loop, size) in enumerate(zip(band, tile_sizes, strict=True)):
        step = loop.step_value
        set_loop_bounds(
            tiled[index],
            list(loop.lowerBoundOperands),
            loop.lower_bound_map,
            list(loop.upperBoundOperands),
            loop.upper_bound_map,
            size * step,
        )
    for index, (loop, size) in enumerate(zip(band, tile_sizes, strict=True)):
        step = loop.step_value
        tile_iv = tiled[index].induction_var
        trip_count = constant_trip_count(loop)
        ub_operands: list[SSAValue] = [tile_iv]
        if trip_count is not None and trip_count < size:
            ub_map = _shift_map(trip_count * step)
        elif largest_divisor_of_trip_count(loop) % size != 0:
            original = loop.upper_bound_map
            operands = list(loop.upperBoundOperands)
            ub_operands = [*operands[: original.num_dims], tile_iv, *operands[original.num_dims :]]
            new_dim: AffineExpr = AffineDimExpr(original.num_dims)
            ub_map = AffineMap(
                original.num_dims + 1,
                original.num_symbols,
                (expr_add(new_dim, AffineConstantExpr(size * step)), *original.results),
            )
        else:
            ub_map = _shift_map(size * step)
        set_loop_bounds(
            tiled[width + index], [tile_iv], AffineMap.identity(1), ub_operands, ub_map, step
        )
    for loop, intra in zip(band, tiled[width:], strict=True):
        loop.induction_var.replace_all_uses_with(intra.induction_var)
    root.detach()
    root.erase()
    return tiled


def _full_tile_constraints(
    intra: Sequence[affine.ForOp],
) -> tuple[list[AffineExpr], list[SSAValue], list[SSAValue]]:
    """`ub - full tile ub >= 0` for every other upper bound of the intra-tile loops, over
    the union of their dims and symbols."""
    dims: list[SSAValue] = []
    syms: list[SSAValue] = []
    exprs: list[AffineExpr] = []
    for loop in intra:
        ub_map = loop.upper_bound_map
        operands = list(loop.upperBoundOperands)
        dim_exprs: list[AffineExpr] = []
        for value in operands[: ub_map.num_dims]:
            if value not in dims:
                dims.append(value)
            dim_exprs.append(AffineDimExpr(dims.index(value)))
        sym_exprs: list[AffineExpr] = []
        for value in operands[ub_map.num_dims :]:
            if value not in syms:
                syms.append(value)
            sym_exprs.append(AffineSymExpr(syms.index(value)))
        full, *others = ub_map.results
        for other in others:
            difference = expr_sub(other, full)
            exprs.append(replace_dims_and_symbols(difference, dim_exprs, sym_exprs))
    return exprs, dims, syms


def separate_full_tiles(
    intra: Sequence[affine.ForOp], full: Sequence[affine.ForOp] | None = None
) -> affine.IfOp:
    """MLIR's `separateFullTiles` for the intra-tile loops built by this pass: an
    `affine.if` on the tile being full runs a copy of the nest whose upper bounds are the
    full-tile ones, else the original (partial tile) nest. With `full`, only those of the
    intra-tile loops are made full (the others keep their bounds in both copies)."""
    full_loops = list(intra) if full is None else list(full)
    full_positions = [index for index, loop in enumerate(intra) if loop in full_loops]
    exprs, dims, syms = _full_tile_constraints(full_loops)
    condition_map, operands = canonicalize_map_and_operands(
        AffineMap(len(dims), len(syms), tuple(exprs)), [*dims, *syms]
    )
    zero = AffineConstantExpr(0)
    constraints = tuple(
        AffineConstraintExpr(AffineConstraintKind.ge, e, zero, canonicalize=False)
        for e in condition_map.results
    ) or (AffineConstraintExpr(AffineConstraintKind.eq, zero, zero, canonicalize=False),)
    condition = AffineSet(condition_map.num_dims, condition_map.num_symbols, constraints)
    root = intra[0]
    full_tile = root.clone()
    cloned = perfectly_nested_band(full_tile)
    for loop in (cloned[index] for index in full_positions):
        ub_map = loop.upper_bound_map
        full_map, full_operands = canonicalize_map_and_operands(
            AffineMap(ub_map.num_dims, ub_map.num_symbols, ub_map.results[:1]),
            list(loop.upperBoundOperands),
        )
        set_loop_bounds(
            loop,
            list(loop.lowerBoundOperands),
            loop.lower_bound_map,
            full_operands,
            full_map,
            loop.step_value,
        )
    if_op = affine.IfOp(condition, operands, with_else=True)
    Rewriter.insert_op(if_op, InsertPoint.before(root))
    then_block = if_op.then_region.blocks.first
    else_block = if_op.else_region.blocks.first
    assert then_block is not None and else_block is not None
    assert then_block.last_op is not None and else_block.last_op is not None
    then_block.insert_op_before(full_tile, then_block.last_op)
    root.detach()
    else_block.insert_op_before(root, else_block.last_op)
    return if_op


@dataclass(frozen=True)
class AffineLoopTilePass(ModulePass):
    """Tile affine loop nests"""

    name = "affine-loop-tile"

    cache_size: int = 512
    separate: bool = False
    tile_size: int | None = None
    tile_sizes: tuple[int, ...] = field(default=())

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        given = [self.tile_size] if self.tile_size is not None else list(self.tile_sizes)
        if any(size < 1 for size in given) or self.cache_size < 1:
            emit_error(op, "affine-loop-tile: tile sizes and the cache size must be positive")
            raise DiagnosedError("affine-loop-tile")
        for band in tileable_bands(op):
            refusal = band_refusal(band)
            if refusal is not None:
                emit_remark(band[0], refusal)
                continue
            tiled = tile_perfectly_nested(band, self._tile_sizes(band))
            if self.separate:
                separate_full_tiles(tiled[len(band) :])

    def _tile_sizes(self, band: Sequence[affine.ForOp]) -> list[int]:
        if self.tile_size is not None:
            return [self.tile_size] * len(band)
        if self.tile_sizes:
            sizes = list(self.tile_sizes)[: len(band)]
            return sizes + [DEFAULT_TILE_SIZE] * (len(band) - len(sizes))
        return cache_tile_sizes(band, self.cache_size)
