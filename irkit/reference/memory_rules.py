"""Emit rules for memory: ``memref`` ops and ``affine.load``/``affine.store``.

A memref is a numpy array; an access indexes it with Python ints. numpy raises on an
index past the end but wraps a negative one around, so every index that is not a
non-negative literal is checked for being negative first: an out-of-bounds access is an
error at the op, never a silent read of another element.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
from xdsl.dialects.builtin import DYNAMIC_INDEX, MemRefType
from xdsl.dialects.memref import AllocaOp, AllocOp, SubviewOp
from xdsl.ir import Operation, SSAValue

from irkit.dialects.affine import LoadOp, StoreOp
from irkit.reference.affine_exprs import map_sources
from irkit.reference.codegen import FunctionCompiler, emit_rule
from irkit.reference.errors import UnsupportedError
from irkit.reference.types import element_dtype, integer_width


def memref_dtype(op: Operation, value: SSAValue) -> np.dtype:
    memref_type = value.type
    if not isinstance(memref_type, MemRefType):
        raise UnsupportedError(op, f"the reference executor expects a memref, not '{memref_type}'")
    dtype = element_dtype(memref_type.element_type)
    if dtype is None:
        raise UnsupportedError(
            op, f"the reference executor has no numpy dtype for '{memref_type.element_type}'"
        )
    return dtype


def _checked_index(compiler: FunctionCompiler, memref: str, indices: Sequence[str]) -> str:
    """The subscript ``[i, j, ...]`` for an access, after a check that no index is
    negative; each computed index is evaluated once, into a local."""
    names = []
    for index in indices:
        if not index.isidentifier() and not index.isdigit():
            name = compiler.new_name("i")
            compiler.line(f"{name} = {index}")
            index = name
        names.append(index)
    checked = [name for name in names if not name.isdigit()]
    if checked:
        condition = " or ".join(f"{name} < 0" for name in checked)
        subscript = ", ".join(names) + ("," if len(names) == 1 else "")
        compiler.fail_if(condition, f"_rt.out_of_bounds(({subscript}), {memref}.shape)")
    return f"{memref}[{', '.join(names) if names else '()'}]"


def _load(
    op: Operation, compiler: FunctionCompiler, memref: SSAValue, indices: Sequence[str]
) -> None:
    element = _checked_index(compiler, compiler.value(memref), indices)
    # numpy integers would leave the executor's representation (Python ints and bools).
    width = integer_width(cast(MemRefType, memref.type).element_type)
    if width is not None:
        element = f"bool({element})" if width == 1 else f"int({element})"
    compiler.define(op.results[0], element)


def _store(
    compiler: FunctionCompiler, value: SSAValue, memref: SSAValue, indices: Sequence[str]
) -> None:
    element = _checked_index(compiler, compiler.value(memref), indices)
    compiler.line(f"{element} = {compiler.value(value)}")


@emit_rule("memref.load")
def _memref_load(op: Operation, compiler: FunctionCompiler) -> None:
    memref_dtype(op, op.operands[0])
    _load(op, compiler, op.operands[0], compiler.values(op.operands[1:]))


@emit_rule("memref.store")
def _memref_store(op: Operation, compiler: FunctionCompiler) -> None:
    memref_dtype(op, op.operands[1])
    _store(compiler, op.operands[0], op.operands[1], compiler.values(op.operands[2:]))


@emit_rule("affine.load")
def _affine_load(op: Operation, compiler: FunctionCompiler) -> None:
    load = cast(LoadOp, op)
    memref_dtype(op, load.memref)
    indices = map_sources(load.affine_map, compiler.values(load.indices))
    _load(op, compiler, load.memref, indices)


@emit_rule("affine.store")
def _affine_store(op: Operation, compiler: FunctionCompiler) -> None:
    store = cast(StoreOp, op)
    memref_dtype(op, store.memref)
    indices = map_sources(store.affine_map, compiler.values(store.indices))
    _store(compiler, store.value, store.memref, indices)


@emit_rule("memref.alloc", "memref.alloca")
def _alloc(op: Operation, compiler: FunctionCompiler) -> None:
    """A new buffer. Its contents are undefined in MLIR; floats start as NaN here, so
    that a program reading what it never wrote gives NaNs instead of plausible zeros."""
    alloc = cast(AllocOp | AllocaOp, op)
    dtype = memref_dtype(op, alloc.memref)
    dynamic = iter(compiler.values(alloc.dynamic_sizes))
    shape = [
        next(dynamic) if size == DYNAMIC_INDEX else str(size)
        for size in cast(MemRefType, alloc.memref.type).get_shape()
    ]
    shape_source = f"({', '.join(shape)}{',' if len(shape) == 1 else ''})"
    sizes = [size for size in shape if not size.isdigit()]
    if sizes:
        condition = " or ".join(f"{size} < 0" for size in sizes)
        compiler.fail_if(condition, f"f'negative size in {{{shape_source}}}'")
    fill = "np.nan" if dtype.kind == "f" else "0"
    dtype_name = compiler.global_name(dtype, "dtype")
    compiler.define(op.results[0], f"np.full({shape_source}, {fill}, {dtype_name})")


@emit_rule("memref.dealloc")
def _dealloc(op: Operation, compiler: FunctionCompiler) -> None:
    """numpy frees the array once nothing refers to it."""


@emit_rule("memref.cast", "memref.assume_alignment")
def _same_buffer(op: Operation, compiler: FunctionCompiler) -> None:
    compiler.bind(op.results[0], compiler.value(op.operands[0]))


@emit_rule("memref.dim")
def _dim(op: Operation, compiler: FunctionCompiler) -> None:
    source, index = compiler.values(op.operands)
    compiler.define(op.results[0], f"{source}.shape[{index}]")


@emit_rule("memref.rank")
def _rank(op: Operation, compiler: FunctionCompiler) -> None:
    compiler.define(op.results[0], f"{compiler.value(op.operands[0])}.ndim")


@emit_rule("memref.copy")
def _copy(op: Operation, compiler: FunctionCompiler) -> None:
    source, target = compiler.values(op.operands)
    compiler.fail_if(
        f"{source}.shape != {target}.shape",
        f"f'copies shape {{list({source}.shape)}} to shape {{list({target}.shape)}}'",
    )
    compiler.line(f"np.copyto({target}, {source})")


def _rank_reduction(sizes: Sequence[int], result_shape: Sequence[int]) -> list[int] | None:
    """The unit dimensions that a rank-reducing subview drops: MLIR's
    ``computeRankReductionMask``, matching the result's sizes greedily from the left."""
    dropped, position = [], 0
    for dim, size in enumerate(sizes):
        if position < len(result_shape) and result_shape[position] == size:
            position += 1
        elif size == 1:
            dropped.append(dim)
        else:
            return None
    return dropped if position == len(result_shape) else None


@emit_rule("memref.subview")
def _subview(op: Operation, compiler: FunctionCompiler) -> None:
    """A numpy view of the selected elements; unit dimensions the result type drops are
    indexed away."""
    subview = cast(SubviewOp, op)
    parts = []
    for static, dynamic in (
        (subview.static_offsets, subview.offsets),
        (subview.static_sizes, subview.sizes),
        (subview.static_strides, subview.strides),
    ):
        values = iter(compiler.values(dynamic))
        parts.append([next(values) if v == DYNAMIC_INDEX else str(v) for v in static.get_values()])
    offsets, sizes, strides = parts
    static_sizes = [DYNAMIC_INDEX if not s.isdigit() else int(s) for s in sizes]
    dropped = _rank_reduction(static_sizes, cast(MemRefType, subview.result.type).get_shape())
    if dropped is None:
        raise UnsupportedError(op, "the reference executor cannot tell which dimensions it drops")
    source = compiler.value(subview.source)
    compiler.define(
        op.results[0],
        f"_rt.subview({source}, ({', '.join(offsets)},), ({', '.join(sizes)},), "
        f"({', '.join(strides)},), {tuple(dropped)})",
    )
