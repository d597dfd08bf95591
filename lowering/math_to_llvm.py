"""math to the llvm dialect: LLVM intrinsics where LLVM has one that every supported LLVM
version knows (MLIR's MathToLLVM), and libm calls for the rest (MLIR's MathToLibm), so
that the result also runs through llvmlite's older LLVM."""

from __future__ import annotations

from collections.abc import Sequence

from irkit.lowering.llvm_emitter import LLVMEmitter, Lowering, lowering_failure
from xdsl.dialects import llvm
from xdsl.dialects.builtin import Float32Type, Float64Type, FloatAttr, IntegerAttr, i1
from xdsl.ir import Operation, SSAValue
from xdsl.irdl import IRDLOperation

# Float ops with an llvm.intr op in xDSL's llvm dialect, by arity.
_UNARY_INTRINSIC_OPS: dict[str, type[IRDLOperation]] = {
    "math.absf": llvm.FAbsOp,
    "math.ceil": llvm.FCeilOp,
    "math.floor": llvm.FFloorOp,
    "math.sqrt": llvm.FSqrtOp,
    "math.exp": llvm.FExpOp,
    "math.exp2": llvm.FExp2Op,
    "math.log": llvm.FLogOp,
    "math.log2": llvm.FLog2Op,
    "math.sin": llvm.FSinOp,
    "math.cos": llvm.FCosOp,
}
_BINARY_INTRINSIC_OPS: dict[str, type[IRDLOperation]] = {
    "math.powf": llvm.FPowOp,
    "math.copysign": llvm.FCopySignOp,
}

# Ops whose intrinsic xDSL has no op for: llvm.call_intrinsic, operands as they are.
_CALLED_INTRINSICS: dict[str, str] = {
    "math.log10": "llvm.log10",
    "math.round": "llvm.round",
    "math.roundeven": "llvm.roundeven",
    "math.trunc": "llvm.trunc",
    "math.fpowi": "llvm.powi",
    "math.ctpop": "llvm.ctpop",
}
# Intrinsics that take a trailing i1 flag, false here as in MLIR (is_int_min_poison,
# is_zero_poison).
_FLAGGED_INTRINSICS: dict[str, str] = {
    "math.absi": "llvm.abs",
    "math.ctlz": "llvm.ctlz",
    "math.cttz": "llvm.cttz",
}

# libm functions (f64 name; the f32 one ends in `f`), as MLIR's convert-math-to-libm.
_LIBM: dict[str, str] = {
    "math.tanh": "tanh",
    "math.erf": "erf",
    "math.tan": "tan",
    "math.sinh": "sinh",
    "math.cosh": "cosh",
    "math.asin": "asin",
    "math.acos": "acos",
    "math.atan": "atan",
    "math.asinh": "asinh",
    "math.acosh": "acosh",
    "math.atanh": "atanh",
    "math.cbrt": "cbrt",
    "math.atan2": "atan2",
}


def _intrinsic_op(
    emitter: LLVMEmitter, op_type: type[IRDLOperation], operands: Sequence[SSAValue]
) -> SSAValue:
    """An llvm.intr op of xDSL's, without fast-math flags; its constructors disagree, so it
    is built generically."""
    intrinsic = op_type.create(
        operands=operands,
        result_types=[operands[0].type],
        properties={"fastmathFlags": llvm.FastMathAttr(None)},
    )
    return emitter.add(intrinsic).results[0]


def _unary_intrinsic(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    operand = emitter.value(op.operands[0])
    return [_intrinsic_op(emitter, _UNARY_INTRINSIC_OPS[op.name], [operand])]


def _binary_intrinsic(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    operands = emitter.values_of(op.operands)
    return [_intrinsic_op(emitter, _BINARY_INTRINSIC_OPS[op.name], operands)]


def _fma(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    return [_intrinsic_op(emitter, llvm.FMAOp, emitter.values_of(op.operands))]


def _called_intrinsic(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    operands = emitter.values_of(op.operands)
    if op.name in _FLAGGED_INTRINSICS:
        name = _FLAGGED_INTRINSICS[op.name]
        operands.append(emitter.add(llvm.ConstantOp(IntegerAttr(0, i1), i1)).results[0])
    else:
        name = _CALLED_INTRINSICS[op.name]
    result = emitter.intrinsic(name, operands, operands[0].type)
    assert result is not None
    return [result]


def _one(emitter: LLVMEmitter, operand: SSAValue) -> SSAValue:
    return emitter.add(llvm.ConstantOp(FloatAttr(1.0, operand.type), operand.type)).results[0]


def _rsqrt(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    operand = emitter.value(op.operands[0])
    one = _one(emitter, operand)
    root = _intrinsic_op(emitter, llvm.FSqrtOp, [operand])
    return [emitter.binary(llvm.FDivOp, one, root)]


def _expm1(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    operand = emitter.value(op.operands[0])
    one = _one(emitter, operand)
    exp = _intrinsic_op(emitter, llvm.FExpOp, [operand])
    return [emitter.binary(llvm.FSubOp, exp, one)]


def _log1p(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    operand = emitter.value(op.operands[0])
    one = _one(emitter, operand)
    return [_intrinsic_op(emitter, llvm.FLogOp, [emitter.binary(llvm.FAddOp, one, operand)])]


def _libm(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    operands = emitter.values_of(op.operands)
    type = operands[0].type
    if isinstance(type, Float32Type):
        name = _LIBM[op.name] + "f"
    elif isinstance(type, Float64Type):
        name = _LIBM[op.name]
    else:
        raise lowering_failure(op, f"no libm function for '{op.name}' on {type}")
    result = emitter.call(name, operands, [type] * len(operands), type)
    assert result is not None
    return [result]


MATH_LOWERINGS: dict[str, Lowering] = {
    **dict.fromkeys(_UNARY_INTRINSIC_OPS, _unary_intrinsic),
    **dict.fromkeys(_BINARY_INTRINSIC_OPS, _binary_intrinsic),
    **dict.fromkeys(_CALLED_INTRINSICS, _called_intrinsic),
    **dict.fromkeys(_FLAGGED_INTRINSICS, _called_intrinsic),
    **dict.fromkeys(_LIBM, _libm),
    "math.fma": _fma,
    "math.rsqrt": _rsqrt,
    "math.expm1": _expm1,
    "math.log1p": _log1p,
}
