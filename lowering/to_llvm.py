"""convert-to-llvm: func, cf, arith, index, math, memref, vector and ub to the llvm dialect,
as MLIR 22's `--convert-to-llvm --reconcile-unrealized-casts` lowers them.

Functions follow MLIR's calling convention: each memref argument expands into its
descriptor's fields, several results come back packed in a struct, and every public
function with a body gets a C-interface wrapper `_mlir_ciface_<name>` that takes memrefs
(and a memref or multiple result) through pointers to descriptors, as
`llvm.emit_c_interface` gives.

Each function is rebuilt block by block into an llvm.func, op by op through the tables of
`arith_to_llvm`, `index_to_llvm`, `math_to_llvm`, `memref_to_llvm` and `vector_to_llvm`,
and the func and cf lowerings here.
An op that has no lowering stops the pass with a diagnostic at that op.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from irkit.dialects.llvm import PoisonOp
from irkit.lowering.arith_to_llvm import ARITH_LOWERINGS
from irkit.lowering.index_to_llvm import INDEX_LOWERINGS
from irkit.lowering.llvm_emitter import (
    ALIGNED_PTR,
    ALLOCATED_PTR,
    OFFSET,
    SIZES,
    STRIDES,
    LLVMEmitter,
    Lowering,
    convert_type,
    descriptor_type,
    function_argument_types,
    llvm_function_type,
    lowering_failure,
    result_type,
)
from irkit.lowering.math_to_llvm import MATH_LOWERINGS
from irkit.lowering.memref_to_llvm import MEMREF_LOWERINGS
from irkit.lowering.vector_to_llvm import VECTOR_LOWERINGS
from xdsl.context import Context
from xdsl.dialects import cf, func, llvm, memref
from xdsl.dialects.builtin import (
    DenseIntOrFPElementsAttr,
    IntegerAttr,
    MemRefType,
    ModuleOp,
    StringAttr,
    TensorType,
    UnitAttr,
    UnrealizedConversionCastOp,
    UnregisteredOp,
    i8,
    i64,
)
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.traits import SymbolTable

from irkit.diagnostics import DiagnosedError

C_INTERFACE_ATTR = "llvm.emit_c_interface"
_ICMP_EQ = IntegerAttr(0, i64)
C_INTERFACE_PREFIX = "_mlir_ciface_"


def _descriptor_fields(
    emitter: LLVMEmitter, descriptor: SSAValue, memref_type: MemRefType
) -> list[SSAValue]:
    """The descriptor's fields in signature order: pointers, offset, sizes, strides."""
    field_types = function_argument_types(memref_type)
    rank = memref_type.get_num_dims()
    positions = [(ALLOCATED_PTR,), (ALIGNED_PTR,), (OFFSET,)]
    positions += [(SIZES, dim) for dim in range(rank)] + [(STRIDES, dim) for dim in range(rank)]
    return [
        emitter.extract(descriptor, position, type)
        for position, type in zip(positions, field_types, strict=True)
    ]


def _call_operands(
    emitter: LLVMEmitter, operands: Sequence[SSAValue], types: Sequence[Attribute]
) -> list[SSAValue]:
    """Lowered call operands, memref descriptors expanded into their fields."""
    expanded: list[SSAValue] = []
    for value, type in zip(operands, types, strict=True):
        if isinstance(type, MemRefType):
            expanded += _descriptor_fields(emitter, value, type)
        else:
            expanded.append(value)
    return expanded


def _unpack_results(
    emitter: LLVMEmitter, packed: SSAValue | None, types: Sequence[Attribute]
) -> list[SSAValue]:
    if packed is None:
        return []
    if len(types) == 1:
        return [packed]
    return [
        emitter.extract(packed, (position,), convert_type(type))
        for position, type in enumerate(types)
    ]


def _return(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    values = emitter.values_of(op.operands)
    if len(values) > 1:
        packed_type = result_type([operand.type for operand in op.operands])
        values = [
            emitter.pack(
                packed_type, [((position,), value) for position, value in enumerate(values)]
            )
        ]
    emitter.add(llvm.ReturnOp(values[0] if values else None))
    return []


def _call(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, func.CallOp)
    operands = _call_operands(
        emitter, emitter.values_of(op.arguments), [value.type for value in op.arguments]
    )
    types = [result.type for result in op.res]
    returned = result_type(types)
    call = emitter.add(
        llvm.CallOp(
            op.callee.string_value(),
            *operands,
            return_type=None if isinstance(returned, llvm.LLVMVoidType) else returned,
        )
    )
    return _unpack_results(emitter, call.results[0] if call.results else None, types)


def _branch(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, cf.BranchOp)
    emitter.add(llvm.BrOp(emitter.blocks[op.successor], *emitter.values_of(op.arguments)))
    return []


def _conditional_branch(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, cf.ConditionalBranchOp)
    emitter.add(
        llvm.CondBrOp(
            emitter.value(op.cond),
            emitter.blocks[op.then_block],
            emitter.values_of(op.then_arguments),
            emitter.blocks[op.else_block],
            emitter.values_of(op.else_arguments),
        )
    )
    return []


def _switch(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """A chain of equality tests, one block per case, ending in a branch to the default
    (xDSL's llvm dialect has no llvm.switch)."""
    assert isinstance(op, cf.SwitchOp)
    flag = emitter.value(op.flag)
    case_values = op.case_values.get_values() if op.case_values is not None else ()
    for value, destination, operands in zip(
        case_values, op.case_blocks, op.case_operand, strict=True
    ):
        case = emitter.constant(value, flag.type)
        matches = emitter.add(llvm.ICmpOp(flag, case, _ICMP_EQ)).results[0]
        next_case = emitter.new_block()
        emitter.add(
            llvm.CondBrOp(
                matches, emitter.blocks[destination], emitter.values_of(operands), next_case, ()
            )
        )
        emitter.block = next_case
    default_operands = emitter.values_of(op.default_operands)
    emitter.add(llvm.BrOp(emitter.blocks[op.default_block], *default_operands))
    return []


def _unrealized_conversion_cast(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """A cast between a value's type and its llvm type, as a partial conversion leaves it
    (convert-scf-parallel-to-gomp): the lowered value is the input's, as MLIR's
    reconcile-unrealized-casts makes it."""
    assert isinstance(op, UnrealizedConversionCastOp)
    if len(op.inputs) != 1 or len(op.outputs) != 1:
        raise lowering_failure(op, "cannot lower a cast of several values to the llvm dialect")
    if convert_type(op.inputs[0].type) != convert_type(op.outputs[0].type):
        raise lowering_failure(
            op,
            f"cannot lower a cast from {op.inputs[0].type} to {op.outputs[0].type}, whose "
            "llvm types differ",
        )
    return [emitter.value(op.inputs[0])]


def _llvm_op(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """An op of the llvm dialect already: the same op on the lowered operands."""
    lowered = op.clone(
        value_mapper={operand: emitter.value(operand) for operand in op.operands},
        block_mapper=dict(emitter.blocks),
    )
    emitter.add(lowered)
    return lowered.results


def _unique_symbol(module: ModuleOp, name: str) -> str:
    """``name``, or ``name_<n>`` with the first n that is free, as MLIR uniques symbols."""
    candidate, suffix = name, 0
    while SymbolTable.lookup_symbol(module, candidate) is not None:
        candidate, suffix = f"{name}_{suffix}", suffix + 1
    return candidate


def _assert(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """MLIR's cf.assert lowering: on failure, `puts` the message (a private global) and
    `abort`; the ops after the assert continue in a new block."""
    assert isinstance(op, cf.AssertOp)
    message = [*op.msg.data.encode(), 0]
    message_type = llvm.LLVMArrayType(len(message), i8)
    name = _unique_symbol(emitter.module, "assert_msg")
    emitter.module.body.block.insert_op_before(
        llvm.GlobalOp(
            message_type,
            name,
            "private",
            constant=True,
            value=DenseIntOrFPElementsAttr.from_list(TensorType(i8, [len(message)]), message),
        ),
        emitter.module.body.block.first_op,
    )
    continuation, failure = emitter.new_block(), emitter.new_block()
    emitter.add(llvm.CondBrOp(emitter.value(op.arg), continuation, (), failure, ()))
    emitter.block = failure
    address = emitter.add(llvm.AddressOfOp(name, llvm.LLVMPointerType())).results[0]
    text = emitter.add(llvm.GEPOp.from_mixed_indices(address, [0], message_type)).results[0]
    emitter.call("puts", [text], [llvm.LLVMPointerType()], llvm.LLVMVoidType())
    emitter.call("abort", [], [], llvm.LLVMVoidType())
    emitter.add(llvm.UnreachableOp())
    emitter.block = continuation
    return []


def _poison(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    return [emitter.add(PoisonOp(convert_type(op.results[0].type))).results[0]]


def _unreachable(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    emitter.add(llvm.UnreachableOp())
    return []


_FUNC_AND_CF_LOWERINGS: dict[str, Lowering] = {
    "func.return": _return,
    "func.call": _call,
    "cf.br": _branch,
    "cf.cond_br": _conditional_branch,
    "cf.switch": _switch,
    "cf.assert": _assert,
    "ub.poison": _poison,
    "ub.unreachable": _unreachable,
    "builtin.unrealized_conversion_cast": _unrealized_conversion_cast,
}

LOWERINGS: dict[str, Lowering] = {
    **ARITH_LOWERINGS,
    **INDEX_LOWERINGS,
    **MATH_LOWERINGS,
    **MEMREF_LOWERINGS,
    **VECTOR_LOWERINGS,
    **_FUNC_AND_CF_LOWERINGS,
}


def _reverse_post_order(entry: Block) -> list[Block]:
    """Blocks reachable from ``entry``, each after its dominators, so that every value is
    lowered before its uses."""
    visited: set[Block] = set()
    order: list[Block] = []
    stack: list[tuple[Block, int]] = [(entry, 0)]
    visited.add(entry)
    while stack:
        block, next_successor = stack.pop()
        terminator = block.last_op
        successors = terminator.successors if terminator is not None else ()
        if next_successor < len(successors):
            stack.append((block, next_successor + 1))
            successor = successors[next_successor]
            if successor not in visited:
                visited.add(successor)
                stack.append((successor, 0))
        else:
            order.append(block)
    return order[::-1]


def _no_lowering(op: Operation) -> DiagnosedError:
    name = op.op_name.data if isinstance(op, UnregisteredOp) else op.name
    return lowering_failure(op, f"no lowering from '{name}' to the llvm dialect")


def _lower_op(op: Operation, emitter: LLVMEmitter) -> None:
    lowering = LOWERINGS.get(op.name)
    if lowering is None and op.dialect_name() == "llvm" and not isinstance(op, UnregisteredOp):
        lowering = _llvm_op
    if lowering is None:
        raise _no_lowering(op)
    results = lowering(op, emitter)
    for result, lowered in zip(op.results, results, strict=True):
        emitter.values[result] = lowered


def _lower_body(function: func.FuncOp, emitter: LLVMEmitter) -> Region:
    blocks = list(function.body.blocks)
    entry = blocks[0]
    new_entry = Block(arg_types=llvm_function_type(function.function_type).inputs.data)
    emitter.blocks = {entry: new_entry}
    for block in blocks[1:]:
        emitter.blocks[block] = Block(arg_types=[convert_type(arg.type) for arg in block.args])
        for arg, new_arg in zip(block.args, emitter.blocks[block].args, strict=True):
            emitter.values[arg] = new_arg

    # Entry arguments: a memref's expanded fields are packed back into its descriptor.
    emitter.block = new_entry
    fields = iter(new_entry.args)
    for arg in entry.args:
        if isinstance(arg.type, MemRefType):
            rank = arg.type.get_num_dims()
            allocated, aligned, offset = next(fields), next(fields), next(fields)
            sizes = [next(fields) for _ in range(rank)]
            strides = [next(fields) for _ in range(rank)]
            emitter.values[arg] = emitter.descriptor(
                arg.type, allocated, aligned, offset, sizes, strides
            )
        else:
            emitter.values[arg] = next(fields)

    reachable = _reverse_post_order(entry)
    unreachable = [block for block in blocks if block not in set(reachable)]
    for block in reachable + unreachable:
        emitter.block = emitter.blocks[block]
        for op in block.ops:
            _lower_op(op, emitter)
    return Region(
        [lowered for block in blocks for lowered in emitter.in_region_order(emitter.blocks[block])]
    )


def _function_attributes(function: func.FuncOp, with_c_interface: bool) -> dict[str, Attribute]:
    attributes = dict(function.attributes)
    if function.sym_visibility is not None:
        attributes["sym_visibility"] = function.sym_visibility
    if with_c_interface:
        attributes[C_INTERFACE_ATTR] = UnitAttr()
    return attributes


def _c_interface_wrapper(function: func.FuncOp, module: ModuleOp) -> llvm.FuncOp:
    """`_mlir_ciface_<name>`: memref arguments come as pointers to descriptors; a memref or
    multiple result is stored through a leading result pointer, as MLIR's wrapper does."""
    inputs = list(function.function_type.inputs.data)
    outputs = list(function.function_type.outputs.data)
    returned = result_type(outputs)
    result_through_pointer = isinstance(returned, llvm.LLVMStructType)
    wrapper_inputs: list[Attribute] = [llvm.LLVMPointerType()] if result_through_pointer else []
    wrapper_inputs += [
        llvm.LLVMPointerType() if isinstance(type, MemRefType) else convert_type(type)
        for type in inputs
    ]
    block = Block(arg_types=wrapper_inputs)
    emitter = LLVMEmitter(module)
    emitter.block = block
    wrapper_args = block.args[1:] if result_through_pointer else block.args
    operands: list[SSAValue] = []
    for arg, type in zip(wrapper_args, inputs, strict=True):
        if isinstance(type, MemRefType):
            descriptor = emitter.add(llvm.LoadOp(arg, descriptor_type(type))).results[0]
            operands += _descriptor_fields(emitter, descriptor, type)
        else:
            operands.append(arg)
    call = emitter.add(
        llvm.CallOp(
            function.sym_name.data,
            *operands,
            return_type=None if isinstance(returned, llvm.LLVMVoidType) else returned,
        )
    )
    if result_through_pointer:
        emitter.add(llvm.StoreOp(call.results[0], block.args[0]))
        emitter.add(llvm.ReturnOp())
    else:
        emitter.add(llvm.ReturnOp(call.results[0] if call.results else None))
    wrapper_type = llvm.LLVMFunctionType(
        wrapper_inputs, llvm.LLVMVoidType() if result_through_pointer else returned
    )
    return llvm.FuncOp(
        C_INTERFACE_PREFIX + function.sym_name.data,
        wrapper_type,
        linkage=llvm.LinkageAttr("external"),
        body=Region(block),
        extra_attrs={C_INTERFACE_ATTR: UnitAttr()},
    )


def _lower_function(function: func.FuncOp, module: ModuleOp) -> list[Operation]:
    public = function.sym_visibility is None or function.sym_visibility == StringAttr("public")
    with_c_interface = public and not function.is_declaration
    body = Region() if function.is_declaration else _lower_body(function, LLVMEmitter(module))
    lowered = llvm.FuncOp(
        function.sym_name,
        llvm_function_type(function.function_type),
        linkage=llvm.LinkageAttr("external"),
        body=body,
        extra_attrs=_function_attributes(function, with_c_interface),
    )
    if not with_c_interface:
        return [lowered]
    return [lowered, _c_interface_wrapper(function, module)]


@dataclass(frozen=True)
class ConvertToLLVMPass(ModulePass):
    """Convert to LLVM via dialect interfaces found in the input IR"""

    name = "convert-to-llvm"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        block = op.body.block
        for top_level in list(block.ops):
            if isinstance(top_level, func.FuncOp):
                lowered = _lower_function(top_level, op)
            elif isinstance(top_level, memref.GlobalOp):
                emitter = LLVMEmitter(op)
                _lower_op(top_level, emitter)
                lowered = list(emitter.block.ops)
                for new_op in lowered:
                    new_op.detach()
            elif top_level.dialect_name() == "llvm":
                continue
            else:
                raise _no_lowering(top_level)
            block.insert_ops_before(lowered, top_level)
            block.erase_op(top_level)
