"""1-D vector ops to the llvm dialect, following MLIR's VectorToLLVM: loads and stores of
whole vectors at an element's address, broadcasts as insertelement plus a zero shuffle,
fma as llvm.intr.fmuladd, and reductions as the llvm.vector.reduce intrinsics. Arithmetic
on vectors is arith's, lowered elementwise by the llvm ops themselves."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from irkit.lowering.llvm_emitter import (
    LLVMEmitter,
    Lowering,
    bit_width,
    convert_type,
    lowering_failure,
)
from xdsl.dialects import llvm, vector
from xdsl.dialects.builtin import (
    AnyFloat,
    DenseArrayBase,
    FloatAttr,
    MemRefType,
    VectorType,
    i32,
)
from xdsl.ir import Operation, SSAValue


def _vector_type(op: Operation, value: SSAValue) -> VectorType:
    if not (isinstance(value.type, VectorType) and value.type.get_num_dims() == 1):
        raise lowering_failure(op, f"only 1-D vectors lower to the llvm dialect, not {value.type}")
    return value.type


def _element_alignment(type: VectorType) -> int:
    """The element's size in bytes, the alignment MLIR gives vector loads and stores."""
    return max(1, bit_width(type.element_type) // 8)


def _load(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, vector.LoadOp)
    assert isinstance(op.base.type, MemRefType)
    type = _vector_type(op, op.result)
    address = emitter.element_pointer(
        emitter.value(op.base), op.base.type, emitter.values_of(op.indices)
    )
    result_type = convert_type(type)
    return [emitter.add(llvm.LoadOp(address, result_type, _element_alignment(type))).results[0]]


def _store(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, vector.StoreOp)
    assert isinstance(op.base.type, MemRefType)
    type = _vector_type(op, op.vector)
    address = emitter.element_pointer(
        emitter.value(op.base), op.base.type, emitter.values_of(op.indices)
    )
    emitter.add(llvm.StoreOp(emitter.value(op.vector), address, _element_alignment(type)))
    return []


def _broadcast(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, vector.BroadcastOp)
    type = _vector_type(op, op.vector)
    if isinstance(op.source.type, VectorType):
        raise lowering_failure(op, "only broadcasts of a scalar lower to the llvm dialect yet")
    result_type = convert_type(type)
    undefined = emitter.add(llvm.UndefOp(result_type)).results[0]
    zero = emitter.constant(0, i32)
    first = emitter.add(llvm.InsertElementOp(undefined, emitter.value(op.source), zero)).results[0]
    mask = DenseArrayBase.from_list(i32, [0] * type.get_shape()[0])
    return [emitter.add(llvm.ShuffleVectorOp(first, undefined, mask, result_type)).results[0]]


def _fma(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, vector.FMAOp)
    _vector_type(op, op.res)
    operands = emitter.values_of(op.operands)
    result = emitter.intrinsic("llvm.fmuladd", operands, operands[0].type)
    assert result is not None
    return [result]


# Reductions: the intrinsic, and the llvm op that folds the accumulator in.
_INTEGER_REDUCTIONS: dict[str, tuple[str, Callable[[SSAValue, SSAValue], Operation] | str]] = {
    "add": ("llvm.vector.reduce.add", llvm.AddOp),
    "mul": ("llvm.vector.reduce.mul", llvm.MulOp),
    "and": ("llvm.vector.reduce.and", llvm.AndOp),
    "or": ("llvm.vector.reduce.or", llvm.OrOp),
    "xor": ("llvm.vector.reduce.xor", llvm.XOrOp),
    "minsi": ("llvm.vector.reduce.smin", "llvm.smin"),
    "maxsi": ("llvm.vector.reduce.smax", "llvm.smax"),
    "minui": ("llvm.vector.reduce.umin", "llvm.umin"),
    "maxui": ("llvm.vector.reduce.umax", "llvm.umax"),
}
_FLOAT_REDUCTIONS: dict[str, tuple[str, Callable[[SSAValue, SSAValue], Operation] | str]] = {
    "maxnumf": ("llvm.vector.reduce.fmax", llvm.VectorFMaxOp),
    "minnumf": ("llvm.vector.reduce.fmin", llvm.VectorFMinOp),
    "maximumf": ("llvm.vector.reduce.fmaximum", "llvm.maximum"),
    "minimumf": ("llvm.vector.reduce.fminimum", "llvm.minimum"),
}
# Ordered float sums and products start from the accumulator, or from the identity.
_ORDERED_FLOAT_REDUCTIONS: dict[str, tuple[type[Operation], float]] = {
    "add": (llvm.VectorReduceFAddOp, -0.0),
    "mul": (llvm.VectorReduceFMulOp, 1.0),
}


def _reduction(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, vector.ReductionOp)
    _vector_type(op, op.vector)
    kind = op.kind.data.value
    source = emitter.value(op.vector)
    accumulator = emitter.value(op.acc) if op.acc is not None else None
    result_type = convert_type(op.dest.type)
    floating = isinstance(result_type, AnyFloat)
    if floating and kind in _ORDERED_FLOAT_REDUCTIONS:
        reduce_type, identity = _ORDERED_FLOAT_REDUCTIONS[kind]
        if accumulator is None:
            start = llvm.ConstantOp(FloatAttr(identity, result_type), result_type)
            accumulator = emitter.add(start).results[0]
        reduced = reduce_type.create(
            operands=[accumulator, source],
            result_types=[result_type],
            properties={"fastmathFlags": llvm.FastMathAttr(None)},
        )
        return [emitter.add(reduced).results[0]]
    table = _FLOAT_REDUCTIONS if floating else _INTEGER_REDUCTIONS
    if kind not in table:
        raise lowering_failure(op, f"no llvm reduction '{kind}' for {op.dest.type}")
    intrinsic, combine = table[kind]
    result = emitter.intrinsic(intrinsic, [source], result_type)
    assert result is not None
    if accumulator is None:
        return [result]
    if isinstance(combine, str):
        combined = emitter.intrinsic(combine, [accumulator, result], result_type)
        assert combined is not None
        return [combined]
    return [emitter.binary(combine, accumulator, result)]


VECTOR_LOWERINGS: dict[str, Lowering] = {
    "vector.load": _load,
    "vector.store": _store,
    "vector.broadcast": _broadcast,
    "vector.fma": _fma,
    "vector.reduction": _reduction,
}
