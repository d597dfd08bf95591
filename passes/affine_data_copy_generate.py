"""affine-data-copy-generate: MLIR's explicit copying of accessed memref regions into fast
buffers ("packing"), with point-wise copy loops.

As MLIR's `runOnBlock`, each block of a function is split into ranges: each `affine.for`
is a range of its own, and the straight-line ops between loops, from the first
`affine.load`/`affine.store`, another; a loop whose memory footprint exceeds
`fast-mem-capacity` (or, with `skip-non-unit-stride-loops`, whose step is not 1) gets its
copies inside its body instead. For every memref in the slow memory space accessed in a
range, the region of elements it touches is computed with isl from the access relations
(irkit.polyhedral.model), parameterized by the enclosing induction variables and symbols.
Each region dimension gets a lower bound `L` (an affine function of those values) and a
constant extent `e`; then

- a buffer `memref.alloc() : memref<e0 x e1 x ... , fast-mem-space>` and copy-in loops
  `for c = L to min(L + e, dim size)` are placed before the range;
- the accesses of the range index the buffer at `index - L`;
- copy-out loops (for written memrefs) and `memref.dealloc` follow the range;
- single-iteration copy loops are then promoted, as MLIR does.

A memref whose region has no lower bound with a constant extent is not copied.

Departures from MLIR: copies are not hoisted out of the loops enclosing a range where the
region is invariant in them; written regions are copied in as well (so that elements of
the bounding box that are not written keep their values on copy-out).

Options (MLIR's):
- `fast-mem-capacity` (KiB, default unlimited): the largest footprint copied at a depth.
- `fast-mem-space` (default 1): the memory space of the buffers (0 prints none).
- `generate-dma` (default false): DMA generation is not supported; `true` is an error.
- `min-dma-transfer`, `tag-mem-space`: DMA options, without effect on point-wise copies.
- `slow-mem-space` (default 0): only memrefs in this memory space are copied.
- `skip-non-unit-stride-loops` (default false): recurse into loops of step other than 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import islpy as isl
from irkit.dialects import affine
from irkit.passes.affine_loop_tile import memory_footprint_bytes
from xdsl.context import Context
from xdsl.dialects import arith, func, memref
from xdsl.dialects.builtin import AffineMapAttr, IntegerAttr, MemRefType, ModuleOp, NoneAttr, i64
from xdsl.ir import Block, Operation, SSAValue
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineExpr, AffineMap
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter
from xdsl.traits import IsTerminator

from irkit.affine_syntax import expr_add, expr_mul, expr_sub, replace_dims_and_symbols
from irkit.affine_utils import (
    canonicalize_map_and_operands,
    compose_map_and_operands,
    promote_if_single_iteration,
)
from irkit.diagnostics import DiagnosedError, emit_error
from irkit.polyhedral.model import (
    MemoryAccess,
    NotAffineError,
    collect_accesses,
    enclosing_loops,
    induction_vars,
    param_name,
)

UNLIMITED_CAPACITY = 2**64 - 1
"""MLIR's default `fast-mem-capacity`, `std::numeric_limits<uint64_t>::max()`."""


@dataclass
class _RegionBounds:
    """Per memref dimension: the lower bound over `values`, the constant extent, and the
    largest value of `lower + extent` (None when unbounded)."""

    lower: list[AffineExpr]
    extents: list[int]
    values: list[SSAValue]
    ends: list[int | None]


def _outer_name(depth: int) -> str:
    return f"outer{depth}"


def _region(accesses: Sequence[MemoryAccess], depth: int) -> isl.Set:
    """The elements touched by `accesses`, with the `depth` outer ivs as parameters."""
    region: isl.Set | None = None
    for access in accesses:
        relation = access.access
        for k in range(depth):
            relation = relation.set_dim_name(isl.dim_type.in_, k, _outer_name(k))
        first_param = relation.dim(isl.dim_type.param)
        image = relation.move_dims(isl.dim_type.param, first_param, isl.dim_type.in_, 0, depth)
        image_set = image.range()
        if region is None:
            region = image_set
        else:
            region = region.align_params(image_set.get_space()).union(
                image_set.align_params(region.get_space())
            )
    assert region is not None
    return region.coalesce()


def _aff_to_expr(
    aff: isl.Aff, values_by_name: dict[str, SSAValue], values: list[SSAValue]
) -> AffineExpr | None:
    """`aff` (over parameters only) as an affine expression over dims indexing `values`."""
    if aff.dim(isl.dim_type.div) != 0 or aff.dim(isl.dim_type.in_) != 0:
        return None
    if not aff.get_denominator_val().is_one():
        return None
    expr: AffineExpr = AffineConstantExpr(aff.get_constant_val().to_python())
    for k in range(aff.dim(isl.dim_type.param)):
        coefficient = aff.get_coefficient_val(isl.dim_type.param, k).to_python()
        if coefficient == 0:
            continue
        value = values_by_name.get(aff.get_dim_name(isl.dim_type.param, k))
        if value is None:
            return None
        if value not in values:
            values.append(value)
        term = expr_mul(AffineDimExpr(values.index(value)), AffineConstantExpr(coefficient))
        expr = expr_add(expr, term)
    return expr


def _region_bounds(region: isl.Set, values_by_name: dict[str, SSAValue]) -> _RegionBounds | None:
    """MLIR's constant bounding size: per dimension, the candidate lower bound (a piece of
    the region's minimum) with the smallest constant extent."""
    bounds = _RegionBounds([], [], [], [])
    context = region.params()
    for dim in range(region.dim(isl.dim_type.set)):
        minimum, maximum = region.dim_min(dim), region.dim_max(dim)
        best: tuple[int, AffineExpr, isl.PwAff] | None = None
        for piece, piece_min in minimum.get_pieces():
            # The piece's own constraints drop divs like `i - i mod 128` where `i mod 128 = 0`.
            candidate = piece_min.gist(piece)
            below = isl.PwAff.from_aff(candidate)
            slack = minimum.sub(below).min_val()
            span = maximum.sub(below).max_val()
            if not (slack.is_int() and span.is_int()) or slack.to_python() < 0:
                continue
            expr = _aff_to_expr(candidate, values_by_name, bounds.values)
            if expr is None:
                continue
            extent = span.to_python() + 1
            if best is None or extent < best[0]:
                best = (extent, expr, below)
        if best is None:
            return None
        extent, expr, below = best
        largest = below.intersect_params(context).max_val()
        bounds.extents.append(extent)
        bounds.lower.append(expr)
        bounds.ends.append(largest.to_python() + extent if largest.is_int() else None)
    return bounds


def _memory_space(memref_type: MemRefType) -> int:
    space = memref_type.memory_space
    return space.value.data if isinstance(space, IntegerAttr) else 0


def _shifted_map(
    amap: AffineMap, operands: Sequence[SSAValue], bounds: _RegionBounds
) -> tuple[AffineMap, list[SSAValue]]:
    """The access `amap(operands) - lower bounds`, over `operands` and the bound values."""
    extra = len(bounds.values)
    dims = [AffineDimExpr(i) for i in range(amap.num_dims)]
    syms = [AffineDimExpr(amap.num_dims + extra + i) for i in range(amap.num_symbols)]
    lower_dims = [AffineDimExpr(amap.num_dims + i) for i in range(extra)]
    results = tuple(
        expr_sub(
            replace_dims_and_symbols(result, dims, syms),
            replace_dims_and_symbols(lower, lower_dims, []),
        )
        for result, lower in zip(amap.results, bounds.lower, strict=True)
    )
    new_map = AffineMap(amap.num_dims + extra + amap.num_symbols, 0, results)
    dim_operands = list(operands[: amap.num_dims])
    sym_operands = list(operands[amap.num_dims :])
    return canonicalize_map_and_operands(new_map, [*dim_operands, *bounds.values, *sym_operands])


def _copy_nest(
    source: SSAValue,
    buffer: SSAValue,
    bounds: _RegionBounds,
    shape: Sequence[int],
    copy_in: bool,
) -> affine.ForOp:
    """Loops over the region's bounding box (clipped to static memref sizes) that copy
    between `source` and `buffer`."""
    rank = len(bounds.lower)
    loops: list[affine.ForOp] = []
    for dim in range(rank):
        lower = AffineMap(len(bounds.values), 0, (bounds.lower[dim],))
        upper_results = [expr_add(bounds.lower[dim], AffineConstantExpr(bounds.extents[dim]))]
        # Clip to the memref's size unless the bounding box provably fits in it.
        end = bounds.ends[dim]
        if shape[dim] >= 0 and (end is None or end > shape[dim]):
            upper_results.append(AffineConstantExpr(shape[dim]))
        upper = AffineMap(len(bounds.values), 0, tuple(upper_results))
        lb_map, lb_operands = canonicalize_map_and_operands(lower, bounds.values)
        ub_map, ub_operands = canonicalize_map_and_operands(upper, bounds.values)
        loop = affine.ForOp(lb_operands, ub_operands, [], lb_map, ub_map)
        if loops:
            body = loops[-1].body.block
            assert body.first_op is not None
            body.insert_op_before(loop, body.first_op)
        loops.append(loop)
    ivs = [loop.induction_var for loop in loops]
    identity = AffineMap.identity(rank)
    buffer_map, buffer_operands = _shifted_map(identity, ivs, bounds)
    body = loops[-1].body.block
    assert body.last_op is not None
    if copy_in:
        load: Operation = affine.LoadOp(source, ivs, identity)
        store: Operation = affine.StoreOp(load, buffer, buffer_operands, buffer_map)
    else:
        load = affine.LoadOp(buffer, buffer_operands, buffer_map)
        store = affine.StoreOp(load, source, ivs, identity)
    body.insert_ops_before([load, store], body.last_op)
    return loops[0]


def _promote_single_iterations(nest: affine.ForOp) -> None:
    """As MLIR after generating copies: single-iteration copy loops are promoted and the
    copies' index maps simplified (`%buf[0, 0]`)."""
    accesses = [op for op in nest.walk() if isinstance(op, affine.LoadOp | affine.StoreOp)]
    for loop in reversed([op for op in nest.walk() if isinstance(op, affine.ForOp)]):
        promote_if_single_iteration(loop)
    promoted_values: list[Operation] = []
    for access in accesses:
        promoted_values.extend(
            v.owner
            for v in access.map_operands
            if isinstance(v.owner, affine.ApplyOp | arith.ConstantOp)
        )
        amap, operands = compose_map_and_operands(access.affine_map, list(access.map_operands))
        amap, operands = canonicalize_map_and_operands(amap, operands)
        first_index = 2 if isinstance(access, affine.StoreOp) else 1
        access.operands = [*access.operands[:first_index], *operands]
        access.properties["map"] = AffineMapAttr(amap)
    # The promoted loops' ivs (an `affine.apply` or an index constant) are now folded into
    # the maps.
    for value_op in dict.fromkeys(promoted_values):
        if value_op.parent is not None and not any(r.uses for r in value_op.results):
            value_op.detach()
            value_op.erase()


@dataclass(frozen=True)
class AffineDataCopyGeneratePass(ModulePass):
    """Generate explicit copying for affine memory operations"""

    name = "affine-data-copy-generate"

    fast_mem_capacity: int = UNLIMITED_CAPACITY
    fast_mem_space: int = 1
    generate_dma: bool = False
    min_dma_transfer: int = 1024
    slow_mem_space: int = 0
    skip_non_unit_stride_loops: bool = False
    tag_mem_space: int = 0

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if self.generate_dma:
            emit_error(
                op,
                "affine-data-copy-generate: 'generate-dma=true' is not supported "
                "(irkit generates point-wise copy loops only)",
            )
            raise DiagnosedError("affine-data-copy-generate")
        for function in op.walk():
            if isinstance(function, func.FuncOp):
                values_by_name = {
                    param_name(value): value
                    for inner in function.walk()
                    for region in inner.regions
                    for block in region.blocks
                    for value in (*block.args, *(r for o in block.ops for r in o.results))
                }
                for block in function.body.blocks:
                    self._run_on_block(block, values_by_name)

    def _recurse_into(self, loop: affine.ForOp) -> bool:
        if self.skip_non_unit_stride_loops:
            return loop.step_value != 1
        if self.fast_mem_capacity == UNLIMITED_CAPACITY:
            return False
        footprint = memory_footprint_bytes(loop)
        return footprint is not None and footprint > self.fast_mem_capacity * 1024

    def _run_on_block(self, block: Block, values_by_name: dict[str, SSAValue]) -> None:
        """MLIR's `runOnBlock`: a range starts at a load, store or loop; every loop ends the
        range before it and is a range of its own, unless copies go inside it."""
        ops = list(block.ops)
        if ops and ops[-1].has_trait(IsTerminator):
            ops.pop()
        current: list[Operation] = []
        for op in ops:
            if isinstance(op, affine.ForOp):
                self._generate(current, values_by_name)
                current = []
                if self._recurse_into(op):
                    self._run_on_block(op.body.block, values_by_name)
                else:
                    self._generate([op], values_by_name)
            elif current or isinstance(op, affine.LoadOp | affine.StoreOp):
                current.append(op)
        self._generate(current, values_by_name)

    def _generate(self, ops: list[Operation], values_by_name: dict[str, SSAValue]) -> None:
        """MLIR's `affineDataCopyGenerate` on the range `ops`."""
        if not ops:
            return
        try:
            accesses = [access for op in ops for access in collect_accesses(op)]
            outer = induction_vars(enclosing_loops(ops[0]))
        except NotAffineError:
            return
        names = dict(values_by_name)
        names.update({_outer_name(k): iv for k, iv in enumerate(outer)})
        by_memref: dict[SSAValue, list[MemoryAccess]] = {}
        for access in accesses:
            by_memref.setdefault(access.memref, []).append(access)
        for memref_value, group in by_memref.items():
            memref_type = memref_value.type
            assert isinstance(memref_type, MemRefType)
            if _memory_space(memref_type) != self.slow_mem_space:
                continue
            # A memref allocated within the range cannot be copied in before it.
            owner = memref_value.owner
            if isinstance(owner, Operation) and any(op.is_ancestor(owner) for op in ops):
                continue
            if not all(isinstance(a.op, affine.LoadOp | affine.StoreOp) for a in group):
                continue
            region = _region(group, len(outer))
            if region.is_empty():
                continue
            bounds = _region_bounds(region, names)
            if bounds is None:
                continue
            self._copy(memref_value, memref_type, group, bounds, ops)

    def _copy(
        self,
        source: SSAValue,
        source_type: MemRefType,
        group: Sequence[MemoryAccess],
        bounds: _RegionBounds,
        ops: list[Operation],
    ) -> None:
        space = NoneAttr() if self.fast_mem_space == 0 else IntegerAttr(self.fast_mem_space, i64)
        buffer_type = MemRefType(source_type.get_element_type(), bounds.extents, memory_space=space)
        alloc = memref.AllocOp([], [], buffer_type)
        buffer = alloc.memref
        shape = source_type.get_shape()
        copy_in = _copy_nest(source, buffer, bounds, shape, copy_in=True)
        Rewriter.insert_op([alloc, copy_in], InsertPoint.before(ops[0]))
        nests = [copy_in]
        after: list[Operation] = []
        if any(access.is_write for access in group):
            nests.append(_copy_nest(source, buffer, bounds, shape, copy_in=False))
            after.append(nests[-1])
        after.append(memref.DeallocOp.get(buffer))
        Rewriter.insert_op(after, InsertPoint.after(ops[-1]))
        for nest in nests:
            _promote_single_iterations(nest)
        for access in group:
            old = access.op
            assert isinstance(old, affine.LoadOp | affine.StoreOp)
            new_map, new_operands = _shifted_map(old.affine_map, list(old.map_operands), bounds)
            if isinstance(old, affine.LoadOp):
                new: Operation = affine.LoadOp(buffer, new_operands, new_map)
            else:
                new = affine.StoreOp(old.value, buffer, new_operands, new_map)
            Rewriter.replace_op(old, new)
            # The range's ends anchor the copies of the memrefs that come next.
            if old in ops:
                ops[ops.index(old)] = new
