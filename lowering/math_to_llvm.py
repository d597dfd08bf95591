"""math to the llvm dialect: LLVM intrinsics where LLVM has one that every supported LLVM
version knows (MLIR's MathToLLVM), and libm calls for the rest (MLIR's MathToLibm), so
that the result also runs through llvmlite's older LLVM.

`math.ipowi` and `math.fpowi`, which MLIR's convert-math-to-funcs turns into called
functions, are expanded in place with the same semantics, a loop of repeated squaring.
(MLIR's convert-to-llvm gives `llvm.intr.powi` for fpowi, which LLVM compiles to a call to
compiler-rt's `__powidf2`; the in-process JIT cannot resolve it.) For ipowi, `b == 0` gives
1, and a negative exponent gives 1 for a base of 1, ±1 for a base of -1 (by the exponent's
parity) and 0 for any other base (a base of 0 divides by zero in MLIR's function,
undefined behaviour, and gives 0 here).
"""

from __future__ import annotations

from collections.abc import Sequence

from irkit.lowering.llvm_emitter import LLVMEmitter, Lowering, lowering_failure
from xdsl.dialects import llvm
from xdsl.dialects.builtin import (
    AnyFloat,
    Float32Type,
    Float64Type,
    FloatAttr,
    IntegerAttr,
    IntegerType,
    i1,
    i64,
)
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
        operands.append(emitter.constant(0, i1))
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


# llvm.icmp predicates.
_ICMP_EQ = IntegerAttr(0, i64)
_ICMP_NE = IntegerAttr(1, i64)
_ICMP_SLT = IntegerAttr(2, i64)
_ICMP_SLE = IntegerAttr(3, i64)


def _icmp(emitter: LLVMEmitter, lhs: SSAValue, rhs: SSAValue, predicate: IntegerAttr) -> SSAValue:
    return emitter.add(llvm.ICmpOp(lhs, rhs, predicate)).results[0]


def _select(
    emitter: LLVMEmitter, condition: SSAValue, true_value: SSAValue, false_value: SSAValue
) -> SSAValue:
    return emitter.add(llvm.SelectOp(condition, true_value, false_value)).results[0]


def _power_loop(
    emitter: LLVMEmitter,
    skip: SSAValue,
    skipped: SSAValue,
    one: SSAValue,
    base: SSAValue,
    exponent: SSAValue,
    multiply: type[llvm.MulOp] | type[llvm.FMulOp],
) -> SSAValue:
    """`base ** exponent` for an exponent read as unsigned, by repeated squaring in a loop,
    or ``skipped`` where ``skip`` holds. The ops after it continue in the loop's exit
    block, whose argument is the result."""
    integer_type = exponent.type
    zero = emitter.constant(0, integer_type)
    unit = emitter.constant(1, integer_type)
    loop, exit_block = emitter.new_block(), emitter.new_block()
    for position, arg_type in enumerate((one.type, base.type, integer_type)):
        loop.insert_arg(arg_type, position)
    exit_block.insert_arg(one.type, 0)
    emitter.add(llvm.CondBrOp(skip, exit_block, [skipped], loop, [one, base, exponent]))

    # loop(result, power, remaining): multiply in the power of each set bit.
    emitter.block = loop
    result, power, remaining = loop.args
    bit_set = _icmp(emitter, emitter.binary(llvm.AndOp, remaining, unit), zero, _ICMP_NE)
    result = _select(emitter, bit_set, emitter.binary(multiply, result, power), result)
    remaining = emitter.binary(llvm.LShrOp, remaining, unit)
    done = _icmp(emitter, remaining, zero, _ICMP_EQ)
    power = emitter.binary(multiply, power, power)
    emitter.add(llvm.CondBrOp(done, exit_block, [result], loop, [result, power, remaining]))
    emitter.block = exit_block
    return exit_block.args[0]


def _ipowi(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """`base ** exponent` on integers, as MLIR's convert-math-to-funcs computes it."""
    base, exponent = emitter.values_of(op.operands)
    type = base.type
    if not isinstance(type, IntegerType):
        raise lowering_failure(op, f"cannot lower '{op.name}' on {type} to the llvm dialect")
    zero, one, minus_one = (emitter.constant(value, type) for value in (0, 1, -1))
    # Exponent <= 0: 1 for 0; for a negative one, 1/base rounded towards zero.
    odd = _icmp(emitter, emitter.binary(llvm.AndOp, exponent, one), zero, _ICMP_NE)
    minus_one_power = _select(emitter, odd, minus_one, one)
    base_is_one = _icmp(emitter, base, one, _ICMP_EQ)
    base_is_minus_one = _icmp(emitter, base, minus_one, _ICMP_EQ)
    reciprocal = _select(
        emitter, base_is_one, one, _select(emitter, base_is_minus_one, minus_one_power, zero)
    )
    exponent_is_zero = _icmp(emitter, exponent, zero, _ICMP_EQ)
    not_positive_result = _select(emitter, exponent_is_zero, one, reciprocal)
    not_positive = _icmp(emitter, exponent, zero, _ICMP_SLE)
    return [
        _power_loop(emitter, not_positive, not_positive_result, one, base, exponent, llvm.MulOp)
    ]


def _fpowi(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """`base ** exponent` for a float base, as MLIR's convert-math-to-funcs computes it:
    the power of |exponent| by repeated squaring (for the most negative exponent, of
    |exponent| - 1, times base), inverted for a negative exponent."""
    base, exponent = emitter.values_of(op.operands)
    float_type, integer_type = base.type, exponent.type
    if not isinstance(float_type, AnyFloat) or not isinstance(integer_type, IntegerType):
        raise lowering_failure(op, f"cannot lower '{op.name}' on {float_type} to the llvm dialect")
    width = integer_type.bitwidth
    one = _one(emitter, base)
    zero = emitter.constant(0, integer_type)
    minimum = emitter.constant(-(2 ** (width - 1)), integer_type)
    maximum = emitter.constant(2 ** (width - 1) - 1, integer_type)
    negative = _icmp(emitter, exponent, zero, _ICMP_SLT)
    is_minimum = _icmp(emitter, exponent, minimum, _ICMP_EQ)
    magnitude = _select(emitter, negative, emitter.binary(llvm.SubOp, zero, exponent), exponent)
    magnitude = _select(emitter, is_minimum, maximum, magnitude)
    is_zero = _icmp(emitter, exponent, zero, _ICMP_EQ)
    power = _power_loop(emitter, is_zero, one, one, base, magnitude, llvm.FMulOp)
    power = _select(emitter, is_minimum, emitter.binary(llvm.FMulOp, power, base), power)
    return [_select(emitter, negative, emitter.binary(llvm.FDivOp, one, power), power)]


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
    "math.ipowi": _ipowi,
    "math.fpowi": _fpowi,
}
