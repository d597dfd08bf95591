"""arith (and index-typed arith) to the llvm dialect, following MLIR's ArithToLLVM.

The extended ops follow MLIR: `addui_extended` is `llvm.intr.uadd.with.overflow` (called
through `llvm.call_intrinsic`), and `mulsi_extended`/`mului_extended` multiply at twice the
width after sign or zero extension, the low half truncated and the high half shifted down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from irkit.dialects.llvm import UIToFPOp
from irkit.lowering.llvm_emitter import (
    LLVMEmitter,
    Lowering,
    bit_width,
    convert_type,
    lowering_failure,
)
from xdsl.dialects import arith, llvm
from xdsl.dialects.builtin import (
    DenseIntOrFPElementsAttr,
    FloatAttr,
    IntegerAttr,
    IntegerType,
    VectorType,
    i64,
)
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.irdl import IRDLOperation

# arith binary ops and the llvm op with the same semantics.
_BINARY: dict[str, Callable[[SSAValue, SSAValue], Operation]] = {
    "arith.addi": llvm.AddOp,
    "arith.subi": llvm.SubOp,
    "arith.muli": llvm.MulOp,
    "arith.divsi": llvm.SDivOp,
    "arith.divui": llvm.UDivOp,
    "arith.remsi": llvm.SRemOp,
    "arith.remui": llvm.URemOp,
    "arith.andi": llvm.AndOp,
    "arith.ori": llvm.OrOp,
    "arith.xori": llvm.XOrOp,
    "arith.shli": llvm.ShlOp,
    "arith.shrsi": llvm.AShrOp,
    "arith.shrui": llvm.LShrOp,
    "arith.addf": llvm.FAddOp,
    "arith.subf": llvm.FSubOp,
    "arith.mulf": llvm.FMulOp,
    "arith.divf": llvm.FDivOp,
    "arith.maxnumf": llvm.VectorFMaxOp,
    "arith.minnumf": llvm.VectorFMinOp,
}

# arith binary ops that become an LLVM intrinsic xDSL has no op for.
_BINARY_INTRINSICS: dict[str, str] = {
    "arith.maximumf": "llvm.maximum",
    "arith.minimumf": "llvm.minimum",
    "arith.maxsi": "llvm.smax",
    "arith.minsi": "llvm.smin",
    "arith.maxui": "llvm.umax",
    "arith.minui": "llvm.umin",
}

# llvm.icmp predicates.
_ICMP_EQ = IntegerAttr(0, i64)
_ICMP_NE = IntegerAttr(1, i64)
_ICMP_SLT = IntegerAttr(2, i64)

# Casts that map to one llvm cast op whatever the widths.
_CASTS: dict[str, Callable[[SSAValue, Attribute], Operation]] = {
    "arith.extsi": llvm.SExtOp,
    "arith.extui": llvm.ZExtOp,
    "arith.trunci": llvm.TruncOp,
    "arith.sitofp": llvm.SIToFPOp,
    "arith.uitofp": UIToFPOp,
    "arith.extf": llvm.FPExtOp,
    "arith.truncf": llvm.FPTruncOp,
    "arith.bitcast": llvm.BitcastOp,
}

# fptosi/fptoui have no op in xDSL's llvm dialect. The saturating intrinsics return the
# same value wherever the plain conversion is defined (it is poison out of range), so they
# are a correct refinement.
_SATURATING_CASTS: dict[str, str] = {
    "arith.fptosi": "llvm.fptosi.sat",
    "arith.fptoui": "llvm.fptoui.sat",
}


def _binary(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    lhs, rhs = emitter.values_of(op.operands)
    return [emitter.binary(_BINARY[op.name], lhs, rhs)]


def _binary_intrinsic(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    lhs, rhs = emitter.values_of(op.operands)
    result = emitter.intrinsic(_BINARY_INTRINSICS[op.name], [lhs, rhs], lhs.type)
    assert result is not None
    return [result]


def _cast(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    target = convert_type(op.results[0].type)
    return [emitter.add(_CASTS[op.name](emitter.value(op.operands[0]), target)).results[0]]


def _saturating_cast(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    result = emitter.intrinsic(
        _SATURATING_CASTS[op.name],
        [emitter.value(op.operands[0])],
        convert_type(op.results[0].type),
    )
    assert result is not None
    return [result]


def _index_cast(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """index_cast sign-extends when widening and truncates when narrowing."""
    return [emitter.resize_integer(op.operands[0], op.results[0].type, llvm.SExtOp)]


def _constant(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, arith.ConstantOp)
    type = convert_type(op.result.type)
    value = op.value
    if isinstance(value, IntegerAttr) and isinstance(type, IntegerType):
        value = IntegerAttr(value.value.data, type)
    elif not isinstance(value, IntegerAttr | FloatAttr | DenseIntOrFPElementsAttr):
        raise lowering_failure(op, f"cannot lower constant {value} to the llvm dialect")
    return [emitter.add(llvm.ConstantOp(value, type)).results[0]]


def _compare(
    emitter: LLVMEmitter,
    compare_type: type[IRDLOperation],
    op: Operation,
    predicate: IntegerAttr,
) -> SSAValue:
    """An llvm.icmp or llvm.fcmp, built generically so that vector comparisons get their
    vector<Nxi1> result type."""
    compare = compare_type.create(
        operands=emitter.values_of(op.operands),
        result_types=[convert_type(op.results[0].type)],
        properties={"predicate": predicate},
    )
    return emitter.add(compare).results[0]


def _cmpi(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, arith.CmpiOp)
    # arith's and llvm's integer predicates are numbered alike (eq, ne, slt, ... uge).
    return [_compare(emitter, llvm.ICmpOp, op, op.predicate)]


def _cmpf(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, arith.CmpfOp)
    # arith's and llvm's float predicates are numbered alike (false, oeq, ... true).
    return [_compare(emitter, llvm.FCmpOp, op, op.predicate)]


def _select(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    condition, true_value, false_value = emitter.values_of(op.operands)
    return [emitter.add(llvm.SelectOp(condition, true_value, false_value)).results[0]]


def _negf(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    operand = emitter.value(op.operands[0])
    return [emitter.add(llvm.FNegOp(operand)).results[0]]


def _rounded_division(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """Signed floor and ceiling division from the truncating `sdiv`, as MLIR's arith-expand
    does: the quotient moves one step when the division is inexact and the exact quotient
    is negative (floor) or positive (ceil)."""
    lhs, rhs = emitter.values_of(op.operands)
    type = lhs.type
    zero, one = emitter.constant(0, type), emitter.constant(1, type)
    quotient = emitter.binary(llvm.SDivOp, lhs, rhs)
    inexact = emitter.add(
        llvm.ICmpOp(emitter.binary(llvm.MulOp, quotient, rhs), lhs, _ICMP_NE)
    ).results[0]
    lhs_negative = emitter.add(llvm.ICmpOp(lhs, zero, _ICMP_SLT)).results[0]
    rhs_negative = emitter.add(llvm.ICmpOp(rhs, zero, _ICMP_SLT)).results[0]
    if op.name == "arith.floordivsi":
        sign_test, step = _ICMP_NE, llvm.SubOp
    else:
        sign_test, step = _ICMP_EQ, llvm.AddOp
    signs = emitter.add(llvm.ICmpOp(lhs_negative, rhs_negative, sign_test)).results[0]
    adjust = emitter.binary(llvm.AndOp, inexact, signs)
    stepped = emitter.binary(step, quotient, one)
    return [emitter.add(llvm.SelectOp(adjust, stepped, quotient)).results[0]]


def _ceildivui(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """`a == 0 ? 0 : (a - 1) / b + 1`, as MLIR's arith-expand does."""
    lhs, rhs = emitter.values_of(op.operands)
    type = lhs.type
    zero, one = emitter.constant(0, type), emitter.constant(1, type)
    is_zero = emitter.add(llvm.ICmpOp(lhs, zero, _ICMP_EQ)).results[0]
    quotient = emitter.binary(llvm.UDivOp, emitter.binary(llvm.SubOp, lhs, one), rhs)
    ceiling = emitter.binary(llvm.AddOp, quotient, one)
    return [emitter.add(llvm.SelectOp(is_zero, zero, ceiling)).results[0]]


def _with_element_type(type: Attribute, element: Attribute) -> Attribute:
    """``type`` with its element type replaced: a vector keeps its shape."""
    if isinstance(type, VectorType):
        return VectorType(element, type.get_shape())
    return element


def _element_width(type: Attribute) -> int:
    return bit_width(type.element_type if isinstance(type, VectorType) else type)


def _splat(emitter: LLVMEmitter, value: int, type: Attribute) -> SSAValue:
    """An integer constant of ``type``, splat across a vector type."""
    if isinstance(type, VectorType):
        attr = DenseIntOrFPElementsAttr.from_list(type, [value] * type.element_count())
        return emitter.add(llvm.ConstantOp(attr, type)).results[0]
    return emitter.constant(value, type)


def _addui_extended(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """The sum and its carry, from `llvm.intr.uadd.with.overflow`'s {sum, overflow}."""
    lhs, rhs = emitter.values_of(op.operands)
    sum_type = convert_type(op.results[0].type)
    overflow_type = convert_type(op.results[1].type)
    pair_type = llvm.LLVMStructType.from_type_list([sum_type, overflow_type])
    pair = emitter.intrinsic("llvm.uadd.with.overflow", [lhs, rhs], pair_type)
    assert pair is not None
    return [emitter.extract(pair, (0,), sum_type), emitter.extract(pair, (1,), overflow_type)]


def _mul_extended(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """The low and high halves of the double-width product, as MLIR computes them."""
    lhs, rhs = emitter.values_of(op.operands)
    type = lhs.type
    width = _element_width(type)
    wide_type = _with_element_type(type, IntegerType(2 * width))
    extend = llvm.SExtOp if op.name == "arith.mulsi_extended" else llvm.ZExtOp
    wide_lhs = emitter.add(extend(lhs, wide_type)).results[0]
    wide_rhs = emitter.add(extend(rhs, wide_type)).results[0]
    product = emitter.binary(llvm.MulOp, wide_lhs, wide_rhs)
    low = emitter.add(llvm.TruncOp(product, type)).results[0]
    shifted = emitter.binary(llvm.LShrOp, product, _splat(emitter, width, wide_type))
    high = emitter.add(llvm.TruncOp(shifted, type)).results[0]
    return [low, high]


ARITH_LOWERINGS: dict[str, Lowering] = {
    **dict.fromkeys(_BINARY, _binary),
    **dict.fromkeys(_BINARY_INTRINSICS, _binary_intrinsic),
    **dict.fromkeys(_CASTS, _cast),
    **dict.fromkeys(_SATURATING_CASTS, _saturating_cast),
    "arith.index_cast": _index_cast,
    "arith.constant": _constant,
    "arith.cmpi": _cmpi,
    "arith.cmpf": _cmpf,
    "arith.select": _select,
    "arith.negf": _negf,
    "arith.floordivsi": _rounded_division,
    "arith.ceildivsi": _rounded_division,
    "arith.ceildivui": _ceildivui,
    "arith.addui_extended": _addui_extended,
    "arith.mulsi_extended": _mul_extended,
    "arith.mului_extended": _mul_extended,
}
