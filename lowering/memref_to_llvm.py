"""memref to the llvm dialect on MLIR's memref descriptor, following MLIR's
finalize-memref-to-llvm: heap buffers come from malloc and go back to free, accesses index
the aligned pointer with the layout's offset and strides."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from irkit.lowering.llvm_emitter import (
    ALIGNED_PTR,
    ALLOCATED_PTR,
    Index,
    LLVMEmitter,
    Lowering,
    convert_type,
    lowering_failure,
)
from xdsl.dialects import arith, llvm, memref
from xdsl.dialects.builtin import (
    DYNAMIC_INDEX,
    DenseIntOrFPElementsAttr,
    IntegerAttr,
    MemRefType,
    NoneAttr,
    StridedLayoutAttr,
    TensorType,
    UnitAttr,
    i1,
    i64,
)
from xdsl.ir import Attribute, Operation, SSAValue


def _memref_type(value: SSAValue) -> MemRefType:
    assert isinstance(value.type, MemRefType)
    return value.type


def _row_major_strides(emitter: LLVMEmitter, sizes: Sequence[Index]) -> list[Index]:
    """The strides of a contiguous row-major buffer of ``sizes``; the innermost is 1."""
    strides: list[Index] = [1] * len(sizes)
    for dim in reversed(range(len(sizes) - 1)):
        strides[dim] = emitter.multiply(strides[dim + 1], sizes[dim + 1])
    return strides


def _allocation_sizes(op: memref.AllocOp | memref.AllocaOp, emitter: LLVMEmitter) -> list[Index]:
    return _mixed(_memref_type(op.memref).get_shape(), emitter.values_of(op.dynamic_sizes))


def _element_count(emitter: LLVMEmitter, sizes: Sequence[Index]) -> Index:
    count: Index = 1
    for size in sizes:
        count = emitter.multiply(count, size)
    return count


def _check_identity_layout(op: Operation, memref_type: MemRefType) -> None:
    if not isinstance(memref_type.layout, NoneAttr):
        raise lowering_failure(op, f"cannot allocate a memref with layout {memref_type.layout}")


def _fresh_buffer(
    op: memref.AllocOp | memref.AllocaOp,
    emitter: LLVMEmitter,
    allocate: Callable[[Attribute, Index], SSAValue],
) -> Sequence[SSAValue]:
    """The descriptor of a new contiguous row-major buffer for ``op``'s memref, whose
    pointer ``allocate(element type, element count)`` gives."""
    memref_type = _memref_type(op.memref)
    _check_identity_layout(op, memref_type)
    sizes = _allocation_sizes(op, emitter)
    pointer = allocate(convert_type(memref_type.element_type), _element_count(emitter, sizes))
    strides = _row_major_strides(emitter, sizes)
    return [emitter.descriptor(memref_type, pointer, pointer, 0, sizes, strides)]


def _alloc(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, memref.AllocOp)

    def malloc(element: Attribute, count: Index) -> SSAValue:
        bytes = emitter.byte_size(element, count)
        pointer = emitter.call("malloc", [bytes], [i64], llvm.LLVMPointerType())
        assert pointer is not None
        return pointer

    return _fresh_buffer(op, emitter, malloc)


def _alloca(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, memref.AllocaOp)
    alignment = op.alignment.value.data if op.alignment is not None else 0

    def alloca(element: Attribute, count: Index) -> SSAValue:
        return emitter.add(llvm.AllocaOp(emitter.materialize(count), element, alignment)).results[0]

    return _fresh_buffer(op, emitter, alloca)


def _dealloc(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, memref.DeallocOp)
    allocated = emitter.extract(emitter.value(op.memref), (ALLOCATED_PTR,), llvm.LLVMPointerType())
    emitter.call("free", [allocated], [llvm.LLVMPointerType()], llvm.LLVMVoidType())
    return []


def _load(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, memref.LoadOp)
    memref_type = _memref_type(op.memref)
    address = emitter.element_pointer(
        emitter.value(op.memref), memref_type, emitter.values_of(op.indices)
    )
    return [emitter.add(llvm.LoadOp(address, convert_type(memref_type.element_type))).results[0]]


def _store(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, memref.StoreOp)
    address = emitter.element_pointer(
        emitter.value(op.memref), _memref_type(op.memref), emitter.values_of(op.indices)
    )
    emitter.add(llvm.StoreOp(emitter.value(op.value), address))
    return []


def _dim(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, memref.DimOp)
    index_op = op.index.owner
    if not (isinstance(index_op, arith.ConstantOp) and isinstance(index_op.value, IntegerAttr)):
        raise lowering_failure(op, "cannot lower memref.dim with a non-constant index yet")
    memref_type = _memref_type(op.source)
    dim = index_op.value.value.data
    if not 0 <= dim < memref_type.get_num_dims():
        raise lowering_failure(op, f"dimension {dim} is out of range for {memref_type}")
    return [emitter.materialize(emitter.size(emitter.value(op.source), memref_type, dim))]


def _mixed(static: Sequence[int], dynamic: Sequence[SSAValue]) -> list[Index]:
    """Static sizes (or offsets, or strides), the dynamic ones taken from ``dynamic`` in
    order."""
    remaining = iter(dynamic)
    return [next(remaining) if value == DYNAMIC_INDEX else value for value in static]


def _subview(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """The view's offset is the source's plus each offset times the source stride; its
    strides are the source strides times the view's. Unit dimensions that the result type
    drops are dropped from the first."""
    assert isinstance(op, memref.SubviewOp)
    source = emitter.value(op.source)
    source_type = _memref_type(op.source)
    result_type = _memref_type(op.result)
    offsets = _mixed(op.static_offsets.get_values(), emitter.values_of(op.offsets))
    sizes = _mixed(op.static_sizes.get_values(), emitter.values_of(op.sizes))
    steps = _mixed(op.static_strides.get_values(), emitter.values_of(op.strides))

    offset = emitter.offset(source, source_type)
    strides: list[Index] = []
    for dim, (dim_offset, step) in enumerate(zip(offsets, steps, strict=True)):
        source_stride = emitter.stride(source, source_type, dim)
        offset = emitter.sum(offset, emitter.multiply(dim_offset, source_stride))
        strides.append(emitter.multiply(source_stride, step))

    static_sizes = op.static_sizes.get_values()
    dropped = len(static_sizes) - result_type.get_num_dims()
    kept: list[int] = []
    for dim, size in enumerate(static_sizes):
        if dropped > 0 and size == 1:
            dropped -= 1
            continue
        kept.append(dim)
    if dropped:
        raise lowering_failure(op, f"cannot tell which dimensions {result_type} drops")

    allocated = emitter.extract(source, (ALLOCATED_PTR,), llvm.LLVMPointerType())
    aligned = emitter.extract(source, (ALIGNED_PTR,), llvm.LLVMPointerType())
    return [
        emitter.descriptor(
            result_type,
            allocated,
            aligned,
            offset,
            [sizes[dim] for dim in kept],
            [strides[dim] for dim in kept],
        )
    ]


def _array_type(memref_type: MemRefType) -> Attribute:
    """The nested LLVM array type that holds a global of ``memref_type``."""
    type: Attribute = convert_type(memref_type.element_type)
    for size in reversed(memref_type.get_shape()):
        type = llvm.LLVMArrayType(size, type)
    return type


def _global(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, memref.GlobalOp)
    memref_type = op.type
    assert isinstance(memref_type, MemRefType)
    if not memref_type.has_static_shape():
        raise lowering_failure(op, "a global memref needs a static shape")
    value = op.initial_value
    if isinstance(value, UnitAttr):
        raise lowering_failure(op, "cannot lower an uninitialized memref.global yet")
    if isinstance(value, DenseIntOrFPElementsAttr):
        # The initializer's shaped type is a tensor, as in MLIR's lowering.
        value = DenseIntOrFPElementsAttr(
            TensorType(memref_type.element_type, memref_type.get_shape()), value.data
        )
    visibility = op.sym_visibility.data if op.sym_visibility is not None else "public"
    linkage = "private" if visibility == "private" else "external"
    emitter.add(
        llvm.GlobalOp(
            _array_type(memref_type),
            op.sym_name,
            linkage,
            constant=op.constant is not None or None,
            value=value,
            alignment=op.alignment.value.data if op.alignment is not None else None,
        )
    )
    return []


def _get_global(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, memref.GetGlobalOp)
    memref_type = _memref_type(op.memref)
    address = emitter.add(
        llvm.AddressOfOp(op.name_.root_reference, llvm.LLVMPointerType())
    ).results[0]
    sizes: list[Index] = list(memref_type.get_shape())
    return [
        emitter.descriptor(
            memref_type, address, address, 0, sizes, _row_major_strides(emitter, sizes)
        )
    ]


def _is_contiguous(memref_type: MemRefType) -> bool:
    return isinstance(memref_type.layout, NoneAttr) or (
        isinstance(memref_type.layout, StridedLayoutAttr)
        and list(memref_type.get_strides())
        == list(MemRefType.strides_for_shape(memref_type.get_shape()))
    )


def _copy(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """A contiguous copy is one llvm.memcpy of the source's size, from and to the first
    elements (aligned pointer plus offset), as MLIR lowers it."""
    assert isinstance(op, memref.CopyOp)
    source_type = _memref_type(op.source)
    target_type = _memref_type(op.destination)
    if not (_is_contiguous(source_type) and _is_contiguous(target_type)):
        raise lowering_failure(op, "cannot lower memref.copy between strided memrefs yet")
    source = emitter.value(op.source)
    target = emitter.value(op.destination)
    sizes = [emitter.size(source, source_type, dim) for dim in range(source_type.get_num_dims())]
    element = convert_type(source_type.element_type)
    bytes = emitter.byte_size(element, _element_count(emitter, sizes))
    source_start = emitter.element_pointer(source, source_type, [])
    target_start = emitter.element_pointer(target, target_type, [])
    not_volatile = emitter.constant(0, i1)
    emitter.intrinsic("llvm.memcpy", [target_start, source_start, bytes, not_volatile], None)
    return []


MEMREF_LOWERINGS: dict[str, Lowering] = {
    "memref.alloc": _alloc,
    "memref.alloca": _alloca,
    "memref.dealloc": _dealloc,
    "memref.load": _load,
    "memref.store": _store,
    "memref.dim": _dim,
    "memref.subview": _subview,
    "memref.global": _global,
    "memref.get_global": _get_global,
    "memref.copy": _copy,
}
