"""affine-optimize: irkit's default optimizing pipeline at the affine level (`-O3`).

Each nest at the top level of a function is optimized on its own:

- A **contraction**: a perfectly nested band whose innermost body accumulates into
  one element of an output that some of the loops (the reduction loops) do not index, as
  matmul and convolution do. It gets Bondhugula's MLIR GEMM recipe, built from the affine
  passes' own transformations:
  1. the band is permuted and tiled (`affine-loop-interchange`, `affine-loop-tile`) into
     `R0, i0, others, j0 | i, R, R', j`: the outermost reduction loop `R` is tiled for the
     cache by `reduction-tile`; `i` (the output loop in which the most vector operands are
     invariant) by `register-rows`; `j` (the output loop that runs along the last
     dimension of every access that uses it) by `register-vectors` times the vector
     width; the other loops are not tiled. The reduction loops keep their relative order,
     so each output element is accumulated in the original order;
  2. full tiles are separated from partial ones (`separate`); in a full tile,
  3. `i` is unroll-jammed by `register-rows` (`affine-loop-unroll-jam`),
  4. `j` is vectorized by the vector width (`affine-super-vectorize`) and unrolled,
  5. the output's elements, invariant in the reduction loops, are carried in vector
     iter_args (`affine-scalrep`'s promotion): the register tile;
  6. `mulf` feeding `addf` becomes `vector.fma`, and redundant loads are removed
     (`affine-scalrep`).
  Partial tiles keep the scalar nest, vectorized where it can be.
- Any other nest has its innermost loops vectorized (`affine-super-vectorize`).

Finally the row tile loop `i0` of a contraction, and in other nests the outermost loop that
carries no dependence (looking through one sequential loop), becomes an `affine.parallel`
(`affine-parallelize`), which the lowering runs on a team of threads. Every reduction
keeps its order, so results do not depend on the thread count.

The recipe is legal when no dependence relates iterations that write different output
elements (every dependence has distance 0 in the output loops); a contraction that fails
this gets the treatment of other nests.

Options:
- `vector-bits` (default: the host's widest vector registers, 128 without SIMD): the width
  of the target's vector registers.
- `register-rows` (default 8 with 32 vector registers, else 4) and `register-vectors`
  (default 2): the register tile of a contraction, in rows of `i` and vectors of `j`.
- `reduction-tile` (default 256): the cache tile of the outermost reduction loop.
- `parallelize` (default true): make the outermost parallel loops `affine.parallel`.
"""

from __future__ import annotations

import platform
from collections.abc import Sequence
from dataclasses import dataclass

from irkit.dialects import affine
from irkit.passes.affine_loop_interchange import permute_band
from irkit.passes.affine_loop_invariant_code_motion import hoist_loop_invariant_ops
from irkit.passes.affine_loop_tile import separate_full_tiles, tile_perfectly_nested
from irkit.passes.affine_loop_unroll import loop_unroll_full
from irkit.passes.affine_loop_unroll_jam import loop_unroll_jam_by_factor
from irkit.passes.affine_parallelize import parallelize
from irkit.passes.affine_scalrep import affine_scalar_replace, promote_loop_invariant_accesses
from irkit.passes.affine_super_vectorize import vectorize_loop
from xdsl.context import Context
from xdsl.dialects import arith, func, memref, vector
from xdsl.dialects.builtin import AffineMapAttr, MemRefType, ModuleOp, NoneAttr, VectorType
from xdsl.ir import Operation, SSAValue
from xdsl.ir.affine import AffineMap, AffineSymExpr
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from irkit.affine_utils import (
    access_strides,
    body_block,
    body_ops,
    index_constant_at_function_entry,
    innermost_loops,
    is_hyperrectangular,
    perfectly_nested_band,
    promote_if_single_iteration,
    yield_op,
)
from irkit.diagnostics import DiagnosedError, emit_error
from irkit.polyhedral.dependences import compute_dependences, is_loop_parallel
from irkit.polyhedral.model import NotAffineError


def host_vector_bits() -> int:
    """The width of the host's widest vector registers, from LLVM's view of its CPU."""
    from llvmlite import binding as llvm

    features = llvm.get_host_cpu_features()
    if features.get("avx512f"):
        return 512
    if features.get("avx") or features.get("avx2"):
        return 256
    return 128


def host_vector_registers(vector_bits: int) -> int:
    """How many vector registers the host has at `vector_bits` (x86: 32 with AVX-512,
    else 16; AArch64 and others: 32)."""
    if platform.machine().lower() in ("x86_64", "amd64", "i386", "i686"):
        return 32 if vector_bits >= 512 else 16
    return 32


@dataclass(frozen=True)
class Contraction:
    """A band that accumulates into one output element per iteration of its output loops,
    with the roles the recipe gives its loops (positions in `band`)."""

    band: list[affine.ForOp]
    row_loop: int
    """`i`: register-tiled by unroll-and-jam."""
    vector_loop: int
    """`j`: vectorized; it runs along the last, contiguous, dimension of every access
    that uses it."""
    reduction_loops: list[int]
    other_loops: list[int]
    packing: dict[SSAValue, int]
    """Memrefs to pack so that the vector loop runs along their last dimension, each with
    the dimension that becomes the last."""


_Access = affine.LoadOp | affine.StoreOp


def match_contraction(band: list[affine.ForOp]) -> Contraction | None:
    """The roles of `band`'s loops when it is a contraction, else None."""
    if len(band) < 3 or any(loop.inits or loop.step_value != 1 for loop in band):
        return None
    body = body_ops(band[-1])
    if any(op.regions for op in body):
        return None
    accesses = [op for op in body if isinstance(op, affine.LoadOp | affine.StoreOp)]
    stores = [op for op in accesses if isinstance(op, affine.StoreOp)]
    if len(stores) != 1 or not all(
        isinstance(op.memref.type, MemRefType) and op.memref.type.layout == NoneAttr()
        for op in accesses
    ):
        return None
    store = stores[0]
    ivs = [loop.induction_var for loop in band]
    strides = {op: [access_strides(op, iv) for iv in ivs] for op in accesses}
    if any(None in by_iv for by_op in strides.values() for by_iv in by_op):
        return None
    output_loops = [p for p in range(len(band)) if any(strides[store][p])]
    reduction_loops = [p for p in range(len(band)) if p not in output_loops]
    if not reduction_loops:
        return None
    loads = [op for op in accesses if isinstance(op, affine.LoadOp)]
    best: tuple[tuple[bool, int, int, int], Contraction] | None = None
    for vector_loop in output_loops:
        packing = _packing_along(vector_loop, accesses, strides)
        if packing is None:
            continue
        rows = [p for p in output_loops if p != vector_loop]
        if not rows:
            continue
        # The vector loads (of operands that vary along the vector loop) invariant in the
        # row loop are loaded once for all rows of the register tile.
        vector_loads = [op for op in loads if any(strides[op][vector_loop])]

        def reuse(row: int, vector_loads: list[affine.LoadOp] = vector_loads) -> int:
            return sum(not any(strides[op][row]) for op in vector_loads)

        row_loop = max(rows, key=lambda row: (reuse(row), row))
        # Spatial dimensions of convolutions are short and are read through windows
        # (`w + r_s`): channels make better vectors, even though they must be packed.
        windowed = any(
            any(strides[op][r][_dim_of(strides[op][vector_loop])] for r in reduction_loops)
            for op in accesses
            if any(strides[op][vector_loop])
        )
        rank = (not windowed, reuse(row_loop), -len(packing), vector_loop)
        others = [p for p in output_loops if p not in (vector_loop, row_loop)]
        contraction = Contraction(band, row_loop, vector_loop, reduction_loops, others, packing)
        if best is None or rank > best[0]:
            best = (rank, contraction)
    return None if best is None else best[1]


def _dim_of(strides: list[int | None]) -> int:
    return next(d for d, stride in enumerate(strides) if stride)


def _packing_along(
    loop: int, accesses: list[_Access], strides: dict[_Access, list[list[int | None]]]
) -> dict[SSAValue, int] | None:
    """For vectorizing along `loop`: the memrefs to pack, each with the dimension to move
    last, or None when some access uses `loop` in several dimensions, with a stride other
    than 1, or in different dimensions of one memref."""
    dims: dict[SSAValue, int] = {}
    for op in accesses:
        used = [d for d, stride in enumerate(strides[op][loop]) if stride]
        if not used:
            continue
        if len(used) != 1 or strides[op][loop][used[0]] != 1:
            return None
        if dims.setdefault(op.memref, used[0]) != used[0]:
            return None
    return {
        memref_value: dim
        for memref_value, dim in dims.items()
        if isinstance(memref_value.type, MemRefType) and dim != memref_value.type.get_num_dims() - 1
    }


def _copy_nest(
    original: SSAValue,
    packed: SSAValue,
    permutation: list[int],
    sizes: list[SSAValue | int],
    into_packed: bool,
) -> affine.ForOp:
    """A nest over `original`'s shape (`sizes`) that copies each element of `original`
    into `packed` (indices permuted by `permutation`), or back where not `into_packed`."""
    loops: list[affine.ForOp] = []
    for size in sizes:
        if isinstance(size, int):
            loop = affine.ForOp.from_constant_bounds(0, size)
        else:
            loop = affine.ForOp([], [size], (), AffineMap.constant_map(0), _SYMBOL_MAP, 1)
        if loops:
            body_block(loops[-1]).insert_op_before(loop, yield_op(loops[-1]))
        loops.append(loop)
    ivs: list[SSAValue] = [loop.induction_var for loop in loops]
    permuted = [ivs[d] for d in permutation]
    (source, source_indices), (target, target_indices) = (
        ((original, ivs), (packed, permuted))
        if into_packed
        else ((packed, permuted), (original, ivs))
    )
    load = affine.LoadOp(source, source_indices)
    store = affine.StoreOp(load, target, target_indices)
    innermost = body_block(loops[-1])
    innermost.insert_op_before(load, yield_op(loops[-1]))
    innermost.insert_op_before(store, yield_op(loops[-1]))
    return loops[0]


_COPY_TILE = 16
"""Copies move blocks of this many elements along every dimension: a transposing copy's
strided side then stays in the L1 cache."""


_SYMBOL_MAP = AffineMap(0, 1, (AffineSymExpr(0),))


def pack_memrefs(band: list[affine.ForOp], packing: dict[SSAValue, int]) -> None:
    """Give each memref of `packing` a packed copy for the duration of `band`: a new
    allocation with the dimension to pack moved last, filled before the band when the
    band reads it, copied back after the band when the band writes it, and freed. The
    band's accesses go to the packed copy (distinct function arguments do not alias, as
    everywhere at this level)."""
    root = band[0]
    for original, dim in packing.items():
        memref_type = original.type
        assert isinstance(memref_type, MemRefType)
        rank = memref_type.get_num_dims()
        permutation = [d for d in range(rank) if d != dim] + [dim]
        sizes: list[SSAValue | int] = []
        for d, extent in enumerate(memref_type.get_shape()):
            if extent >= 0:
                sizes.append(extent)
                continue
            size = memref.DimOp(original, index_constant_at_function_entry(root, d))
            Rewriter.insert_op(size, InsertPoint.before(root))
            sizes.append(size.result)
        packed_type = MemRefType(
            memref_type.element_type, [memref_type.get_shape()[d] for d in permutation]
        )
        dynamic = [sizes[d] for d in permutation if not isinstance(sizes[d], int)]
        alloc = memref.AllocOp(dynamic, [], packed_type)  # type: ignore[arg-type]
        Rewriter.insert_op(alloc, InsertPoint.before(root))
        packed = alloc.memref
        accesses = [
            op
            for op in root.walk()
            if isinstance(op, affine.LoadOp | affine.StoreOp) and op.memref is original
        ]
        if any(isinstance(op, affine.LoadOp) for op in accesses):
            copy_in = _copy_nest(original, packed, permutation, sizes, True)
            Rewriter.insert_op(copy_in, InsertPoint.before(root))
            tile_perfectly_nested(perfectly_nested_band(copy_in), [_COPY_TILE] * rank)
        for op in accesses:
            amap = op.affine_map
            permuted_map = AffineMap(
                amap.num_dims, amap.num_symbols, tuple(amap.results[d] for d in permutation)
            )
            op.properties["map"] = AffineMapAttr(permuted_map)
            op.operands[1 if isinstance(op, affine.StoreOp) else 0] = packed
        dealloc = memref.DeallocOp.get(packed)
        Rewriter.insert_op(dealloc, InsertPoint.after(root))
        if any(isinstance(op, affine.StoreOp) for op in accesses):
            copy_back = _copy_nest(original, packed, permutation, sizes, False)
            Rewriter.insert_op(copy_back, InsertPoint.after(root))
            tile_perfectly_nested(perfectly_nested_band(copy_back), [_COPY_TILE] * rank)


def contraction_refusal(contraction: Contraction) -> str | None:
    """Why the recipe would be illegal on `contraction`, or None.

    The recipe keeps the order of the reduction loops among themselves (only the
    outermost is tiled, and its tile loop stays outside the others) and moves the output
    loops freely: legal when no dependence relates iterations of different output
    elements, that is, when every dependence has distance 0 in every output loop."""
    band = contraction.band
    if not is_hyperrectangular(band):
        return "non-rectangular band"
    try:
        dependences = compute_dependences(band[0])
    except NotAffineError as error:
        return f"dependences cannot be analysed: {error}"
    output_loops = [contraction.row_loop, contraction.vector_loop, *contraction.other_loops]
    for dependence in dependences:
        if any(dependence.components[p] != (0, 0) for p in output_loops):
            return f"it would violate the {dependence.describe()}"
    return None


@dataclass(frozen=True)
class RegisterTile:
    rows: int
    vectors: int
    lanes: int
    reduction_tile: int


def _element_bits(band: Sequence[affine.ForOp]) -> int:
    """The widest element type that the band's innermost body accesses."""
    widths = [
        op.memref.type.element_type.bitwidth
        for op in body_ops(band[-1])
        if isinstance(op, affine.LoadOp | affine.StoreOp)
        and isinstance(op.memref.type, MemRefType)
        and hasattr(op.memref.type.element_type, "bitwidth")
    ]
    return max(widths, default=32)


def _permuted(band: Sequence[affine.ForOp], order: Sequence[int]) -> list[affine.ForOp]:
    """`band` rebuilt with its loops in `order` (positions in `band`, outermost first)."""
    permutation = [order.index(position) for position in range(len(band))]
    return perfectly_nested_band(permute_band(band, permutation))[: len(band)]


def tile_contraction(contraction: Contraction, tile: RegisterTile) -> affine.ForOp:
    """Steps 1 to 6 of the recipe (see the module docstring) on a legal contraction;
    returns the row tile loop, which carries no dependence."""
    c = contraction
    first_reduction, *inner_reductions = c.reduction_loops
    outer = [first_reduction, c.row_loop, *c.other_loops, c.vector_loop]
    band = _permuted(c.band, [*outer, *inner_reductions])
    tile_sizes = [
        tile.reduction_tile,
        tile.rows,
        *[1] * len(c.other_loops),
        tile.vectors * tile.lanes,
    ]
    tiled = tile_perfectly_nested(band[: len(outer)], tile_sizes)
    row_tile_loop = tiled[1]
    intra = tiled[len(outer) :]
    for loop in intra[2 : 2 + len(c.other_loops)]:
        promote_if_single_iteration(loop)
    # Intra-tile loops: reduction, row, vector, then the inner reductions; the row loop
    # goes outermost and the vector loop innermost.
    intra_count = 3 + len(inner_reductions)
    intra = perfectly_nested_band(tiled[len(outer) - 1])[1 : 1 + intra_count]
    intra = _permuted(intra, [1, 0, *range(3, intra_count), 2])
    row_loop, vector_loop = intra[0], intra[-1]
    if _is_partial(vector_loop):
        full_tile, partial_tile = _separate(intra, vector_loop)
        _vectorize_innermost(partial_tile, tile.lanes)
        row_loop = full_tile
    _tile_rows(row_loop, tile, tile.rows)
    return row_tile_loop


def _is_partial(loop: affine.ForOp) -> bool:
    """Whether an intra-tile loop may run a partial tile (its upper bound is a min)."""
    return len(loop.upper_bound_map.results) > 1


def _separate(nest: list[affine.ForOp], loop: affine.ForOp) -> tuple[affine.ForOp, affine.ForOp]:
    """`separate_full_tiles` on `loop` of `nest`: the nest's full-tile and partial-tile
    copies."""
    if_op = separate_full_tiles(nest, full=[loop])
    full_tile = if_op.then_region.block.first_op
    partial_tile = if_op.else_region.block.first_op
    assert isinstance(full_tile, affine.ForOp) and isinstance(partial_tile, affine.ForOp)
    return full_tile, partial_tile


def _tile_rows(row_loop: affine.ForOp, tile: RegisterTile, rows: int) -> None:
    """Register-tile `row_loop`'s nest by `rows`; a partial tile of rows is tiled again by
    half as many rows, down to single rows, so that short row ranges (a convolution's
    14-pixel rows) still run register tiles."""
    if rows == 1 or not _is_partial(row_loop):
        _register_tile(row_loop, RegisterTile(rows, tile.vectors, tile.lanes, tile.reduction_tile))
        return
    nest = perfectly_nested_band(row_loop)
    if rows < tile.rows:
        nest = perfectly_nested_band(tile_perfectly_nested(nest[:1], [rows])[1])
    full_tile, partial_tile = _separate(nest, nest[0])
    _register_tile(full_tile, RegisterTile(rows, tile.vectors, tile.lanes, tile.reduction_tile))
    _tile_rows(partial_tile, tile, rows // 2)


def _register_tile(row_loop: affine.ForOp, tile: RegisterTile) -> None:
    """Steps 3 to 6 on a full tile: `row_loop` runs `tile.rows` times around the reduction
    loops, around the vector loop of `tile.vectors * tile.lanes` iterations. The full tile
    is the only loop nest of its block."""
    container = row_loop.parent_op()
    parent = row_loop.parent_block()
    assert container is not None and parent is not None

    def nest() -> affine.ForOp:
        return next(op for op in parent.ops if isinstance(op, affine.ForOp))

    loop_unroll_jam_by_factor(row_loop, tile.rows)
    promote_if_single_iteration(nest())
    (vector_loop,) = innermost_loops(nest())
    if not vectorize_loop(vector_loop, tile.lanes, vectorize_reductions=False):
        return
    (vector_loop,) = innermost_loops(nest())
    loop_unroll_full(vector_loop)
    # Carry the output tile in iter_args, from the innermost reduction loop outwards.
    for depth in reversed(range(len(perfectly_nested_band(nest())))):
        loop = perfectly_nested_band(nest())[depth]
        hoist_loop_invariant_ops(loop)
        promote_loop_invariant_accesses(loop)
    contract_multiply_adds(container)


def contract_multiply_adds(root: Operation) -> None:
    """Each vector `arith.addf` of an `arith.mulf` used nowhere else becomes `vector.fma`."""
    for add in [op for op in root.walk() if isinstance(op, arith.AddfOp)]:
        if not isinstance(add.result.type, VectorType):
            continue
        for product, addend in ((add.lhs, add.rhs), (add.rhs, add.lhs)):
            multiply = product.owner
            if isinstance(multiply, arith.MulfOp) and product.has_one_use():
                fma = vector.FMAOp(multiply.lhs, multiply.rhs, addend)
                Rewriter.replace_op(add, fma)
                Rewriter.erase_op(multiply)
                break


def _vectorize_innermost(root: Operation, lanes: int) -> None:
    for loop in innermost_loops(root):
        vectorize_loop(loop, lanes, vectorize_reductions=False)


def _parallelize_outermost(op: Operation, sequential_depth: int) -> None:
    """Make `op`, or else the outermost dependence-free loops in it, `affine.parallel`,
    looking through at most `sequential_depth` sequential loops."""
    if isinstance(op, affine.IfOp):
        for region in op.regions:
            for child in list(region.block.ops):
                _parallelize_outermost(child, sequential_depth)
        return
    if not isinstance(op, affine.ForOp) or op.inits:
        return
    try:
        parallel = is_loop_parallel(op)
    except NotAffineError:
        return
    if parallel:
        parallelize(op, [])
    elif sequential_depth > 0:
        for child in body_ops(op):
            _parallelize_outermost(child, sequential_depth - 1)


@dataclass(frozen=True)
class AffineOptimizePass(ModulePass):
    """irkit's default optimizing pipeline at the affine level (the -O3 of irkit.compile and
    irkit-run)."""

    name = "affine-optimize"

    vector_bits: int = 0
    register_rows: int = 0
    register_vectors: int = 2
    reduction_tile: int = 256
    parallelize: bool = True

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if min(self.vector_bits, self.register_rows) < 0 or (
            min(self.register_vectors, self.reduction_tile) < 1
        ):
            emit_error(
                op,
                "affine-optimize: vector-bits and register-rows must not be negative, "
                "register-vectors and reduction-tile must be positive",
            )
            raise DiagnosedError("affine-optimize")
        vector_bits = self.vector_bits or host_vector_bits()
        rows = self.register_rows or (8 if host_vector_registers(vector_bits) >= 32 else 4)
        for function in [f for f in op.walk() if isinstance(f, func.FuncOp)]:
            if len(function.body.blocks) != 1:  # declarations, and bodies with branches
                continue
            for nest in [n for n in function.body.block.ops if isinstance(n, affine.ForOp)]:
                band = perfectly_nested_band(nest)
                lanes = max(vector_bits // _element_bits(band), 1)
                contraction = match_contraction(band)
                if contraction is not None and contraction_refusal(contraction) is None:
                    if contraction.packing:
                        pack_memrefs(band, contraction.packing)
                        contraction = match_contraction(band)
                        assert contraction is not None and not contraction.packing
                    tile = RegisterTile(rows, self.register_vectors, lanes, self.reduction_tile)
                    row_tile_loop = tile_contraction(contraction, tile)
                    if self.parallelize:
                        parallelize(row_tile_loop, [])
                else:
                    _vectorize_innermost(nest, lanes)
                    if self.parallelize:
                        _parallelize_outermost(nest, sequential_depth=1)
            affine_scalar_replace(function)
