"""The shared machinery of convert-to-llvm: type conversion, the memref descriptor, and the
emitter that the per-dialect lowering tables build llvm-dialect ops with.

Each lowering is a function `(op, emitter) -> results` registered by op name; it reads the
already-lowered operands through `emitter.value` and appends new ops to the current block.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from xdsl.dialects import llvm
from xdsl.dialects.builtin import (
    DYNAMIC_INDEX,
    AnyFloat,
    DenseArrayBase,
    FunctionType,
    IndexType,
    IntegerAttr,
    IntegerType,
    MemRefType,
    ModuleOp,
    VectorType,
    i64,
)
from xdsl.ir import Attribute, Block, Operation, SSAValue
from xdsl.traits import SymbolTable

from irkit.diagnostics import DiagnosedError, emit_error

Lowering = Callable[[Operation, "LLVMEmitter"], Sequence[SSAValue]]
"""Lowers one op; returns the values that replace its results, in order."""

# Field positions in MLIR's memref descriptor.
ALLOCATED_PTR = 0
ALIGNED_PTR = 1
OFFSET = 2
SIZES = 3
STRIDES = 4


def descriptor_type(memref_type: MemRefType) -> llvm.LLVMStructType:
    """MLIR's memref descriptor: allocated and aligned pointers, offset, then (for ranked
    memrefs of rank > 0) the sizes and strides arrays."""
    fields: list[Attribute] = [llvm.LLVMPointerType(), llvm.LLVMPointerType(), i64]
    rank = memref_type.get_num_dims()
    if rank > 0:
        fields += [llvm.LLVMArrayType(rank, i64), llvm.LLVMArrayType(rank, i64)]
    return llvm.LLVMStructType.from_type_list(fields)


def convert_type(type: Attribute) -> Attribute:
    """The llvm-dialect type of a value of builtin type ``type``."""
    if isinstance(type, IndexType):
        return i64
    if isinstance(type, MemRefType):
        return descriptor_type(type)
    if isinstance(type, VectorType):
        return VectorType(convert_type(type.element_type), type.get_shape())
    return type


def function_argument_types(type: Attribute) -> list[Attribute]:
    """The parameters one argument becomes in an llvm.func signature: a memref expands into
    its descriptor's fields, as MLIR's func-to-llvm does."""
    if isinstance(type, MemRefType):
        rank = type.get_num_dims()
        return [llvm.LLVMPointerType(), llvm.LLVMPointerType(), i64] + [i64] * (2 * rank)
    return [convert_type(type)]


def result_type(types: Sequence[Attribute]) -> Attribute:
    """The llvm.func result type for ``types``: void, the one converted type, or a struct
    packing several results, as MLIR does."""
    if not types:
        return llvm.LLVMVoidType()
    if len(types) == 1:
        return convert_type(types[0])
    return llvm.LLVMStructType.from_type_list([convert_type(t) for t in types])


def llvm_function_type(type: FunctionType) -> llvm.LLVMFunctionType:
    inputs = [field for t in type.inputs.data for field in function_argument_types(t)]
    return llvm.LLVMFunctionType(inputs, result_type(type.outputs.data))


def lowering_failure(op: Operation, message: str) -> DiagnosedError:
    """Report ``message`` at ``op`` and return the error that aborts the pass."""
    emit_error(op, message)
    return DiagnosedError(message)


Index = int | SSAValue
"""An index quantity (size, stride, offset) while it is computed: a Python int while it is
known statically, so that index arithmetic folds and only the values used are emitted."""


class LLVMEmitter:
    """Appends llvm-dialect ops to a block, and maps the values of the input IR to their
    lowered counterparts."""

    def __init__(self, module: ModuleOp) -> None:
        self.module = module
        self.block = Block()
        self.values: dict[SSAValue, SSAValue] = {}
        self.blocks: dict[Block, Block] = {}
        """The lowered block of each block of the function being lowered."""
        self.created_blocks: dict[Block, list[Block]] = {}
        """Blocks that lowerings added, each list placed after the block it was added from."""

    def new_block(self) -> Block:
        """A fresh block, placed after the current one in the lowered region."""
        block = Block()
        self.created_blocks.setdefault(self.block, []).append(block)
        return block

    def in_region_order(self, block: Block) -> list[Block]:
        """``block`` followed by the blocks created from it, recursively."""
        order = [block]
        for created in self.created_blocks.get(block, []):
            order += self.in_region_order(created)
        return order

    def add(self, op: Operation) -> Operation:
        self.block.add_op(op)
        return op

    def value(self, value: SSAValue) -> SSAValue:
        return self.values[value]

    def values_of(self, values: Sequence[SSAValue]) -> list[SSAValue]:
        return [self.values[value] for value in values]

    def constant(self, value: int, type: Attribute = i64) -> SSAValue:
        """An integer constant; i64 is the lowered index type."""
        return self.add(llvm.ConstantOp(IntegerAttr(value, type), type)).results[0]

    def resize_integer(
        self,
        value: SSAValue,
        result_type: Attribute,
        extend: type[llvm.SExtOp] | type[llvm.ZExtOp],
    ) -> SSAValue:
        """The integer or index `value` at the width of `result_type`: extended with
        `extend` when widening, truncated when narrowing, unchanged at equal width (index
        is i64)."""
        source = self.value(value)
        source_width, target_width = bit_width(value.type), bit_width(result_type)
        if source_width == target_width:
            return source
        cast = llvm.TruncOp if source_width > target_width else extend
        return self.add(cast(source, convert_type(result_type))).results[0]

    def materialize(self, value: Index) -> SSAValue:
        return self.constant(value) if isinstance(value, int) else value

    def binary(
        self, op_type: Callable[[SSAValue, SSAValue], Operation], lhs: SSAValue, rhs: SSAValue
    ) -> SSAValue:
        return self.add(op_type(lhs, rhs)).results[0]

    def multiply(self, lhs: Index, rhs: Index) -> Index:
        """``lhs * rhs`` on i64, folded where the operands are known."""
        if isinstance(lhs, int) and isinstance(rhs, int):
            return lhs * rhs
        if lhs == 0 or rhs == 0:
            return 0
        if lhs == 1:
            return rhs
        if rhs == 1:
            return lhs
        return self.binary(llvm.MulOp, self.materialize(lhs), self.materialize(rhs))

    def sum(self, lhs: Index, rhs: Index) -> Index:
        """``lhs + rhs`` on i64, folded where the operands are known."""
        if isinstance(lhs, int) and isinstance(rhs, int):
            return lhs + rhs
        if lhs == 0:
            return rhs
        if rhs == 0:
            return lhs
        return self.binary(llvm.AddOp, self.materialize(lhs), self.materialize(rhs))

    def intrinsic(
        self, name: str, operands: Sequence[SSAValue], result: Attribute | None
    ) -> SSAValue | None:
        """`llvm.call_intrinsic`, for intrinsics that xDSL's llvm dialect has no op for."""
        call = self.add(llvm.CallIntrinsicOp(name, operands, [] if result is None else [result]))
        return call.results[0] if call.results else None

    def declare_function(self, name: str, inputs: Sequence[Attribute], output: Attribute) -> None:
        """Declare an external C function (malloc, free, libm) once, at the module's start,
        where MLIR puts them."""
        if SymbolTable.lookup_symbol(self.module, name) is not None:
            return
        declaration = llvm.FuncOp(
            name, llvm.LLVMFunctionType(inputs, output), linkage=llvm.LinkageAttr("external")
        )
        self.module.body.block.insert_op_before(declaration, self.module.body.block.first_op)

    def call(
        self,
        name: str,
        operands: Sequence[SSAValue],
        inputs: Sequence[Attribute],
        output: Attribute,
    ) -> SSAValue | None:
        """Call the C function ``name``, declaring it first where needed."""
        self.declare_function(name, inputs, output)
        returns = None if isinstance(output, llvm.LLVMVoidType) else output
        call = self.add(llvm.CallOp(name, *operands, return_type=returns))
        return call.results[0] if call.results else None

    # -- aggregates ------------------------------------------------------------------------

    def extract(self, aggregate: SSAValue, position: Sequence[int], type: Attribute) -> SSAValue:
        return self.add(
            llvm.ExtractValueOp(DenseArrayBase.from_list(i64, position), aggregate, type)
        ).results[0]

    def insert(self, aggregate: SSAValue, value: SSAValue, position: Sequence[int]) -> SSAValue:
        return self.add(
            llvm.InsertValueOp(DenseArrayBase.from_list(i64, position), aggregate, value)
        ).results[0]

    def pack(self, type: Attribute, fields: Sequence[tuple[Sequence[int], SSAValue]]) -> SSAValue:
        """A struct of ``type`` built from (position, value) pairs, starting from undef."""
        aggregate = self.add(llvm.UndefOp(type)).results[0]
        for position, field in fields:
            aggregate = self.insert(aggregate, field, position)
        return aggregate

    # -- memref descriptors ----------------------------------------------------------------

    def descriptor(
        self,
        memref_type: MemRefType,
        allocated: SSAValue,
        aligned: SSAValue,
        offset: Index,
        sizes: Sequence[Index],
        strides: Sequence[Index],
    ) -> SSAValue:
        fields: list[tuple[Sequence[int], SSAValue]] = [
            ((ALLOCATED_PTR,), allocated),
            ((ALIGNED_PTR,), aligned),
            ((OFFSET,), self.materialize(offset)),
        ]
        for dim, (size, stride) in enumerate(zip(sizes, strides, strict=True)):
            fields += [
                ((SIZES, dim), self.materialize(size)),
                ((STRIDES, dim), self.materialize(stride)),
            ]
        return self.pack(descriptor_type(memref_type), fields)

    def aligned_pointer(self, descriptor: SSAValue) -> SSAValue:
        return self.extract(descriptor, (ALIGNED_PTR,), llvm.LLVMPointerType())

    def size(self, descriptor: SSAValue, memref_type: MemRefType, dim: int) -> Index:
        static = memref_type.get_shape()[dim]
        if static == DYNAMIC_INDEX:
            return self.extract(descriptor, (SIZES, dim), i64)
        return static

    def stride(self, descriptor: SSAValue, memref_type: MemRefType, dim: int) -> Index:
        static = memref_type.get_strides()[dim]
        if static is None:
            return self.extract(descriptor, (STRIDES, dim), i64)
        return static

    def offset(self, descriptor: SSAValue, memref_type: MemRefType) -> Index:
        static = memref_type.get_offset()
        if static is None:
            return self.extract(descriptor, (OFFSET,), i64)
        return static

    def element_pointer(
        self, descriptor: SSAValue, memref_type: MemRefType, indices: Sequence[Index]
    ) -> SSAValue:
        """The address of the element at ``indices``: the aligned pointer advanced by the
        offset plus the strided indices, as MLIR's load/store lowering computes it."""
        base = self.aligned_pointer(descriptor)
        linear = self.offset(descriptor, memref_type)
        for dim, index in enumerate(indices):
            linear = self.sum(
                linear, self.multiply(index, self.stride(descriptor, memref_type, dim))
            )
        if linear == 0:
            return base
        element = convert_type(memref_type.element_type)
        return self.add(
            llvm.GEPOp.from_mixed_indices(base, [self.materialize(linear)], element, inbounds=True)
        ).results[0]

    def byte_size(self, element_type: Attribute, count: Index) -> SSAValue:
        """``count`` elements in bytes, through the `gep null[count]` idiom MLIR uses, so that
        the data layout decides the element size."""
        null = self.add(llvm.ZeroOp.create(result_types=[llvm.LLVMPointerType()])).results[0]
        end = self.add(
            llvm.GEPOp.from_mixed_indices(null, [self.materialize(count)], element_type)
        ).results[0]
        return self.add(llvm.PtrToIntOp(end, i64)).results[0]


def bit_width(type: Attribute) -> int:
    if isinstance(type, IndexType):
        return 64
    assert isinstance(type, IntegerType | AnyFloat)
    return type.bitwidth
