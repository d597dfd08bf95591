"""index to the llvm dialect, following MLIR 22's IndexToLLVM with index as i64.

Most ops map to one llvm op. The rounded divisions expand as MLIR expands them, without
overflow for any operands where the exact quotient is representable:

* `ceildivs(n, m)`: `x = m > 0 ? -1 : 1`; `(n + x) / m + 1` when n and m have the same
  sign and n != 0, else `-(-n / m)`;
* `floordivs(n, m)`: `x = m < 0 ? 1 : -1`; `-1 - (x - n) / m` when n and m have opposite
  signs and n != 0, else `n / m`;
* `ceildivu(n, m)`: `n == 0 ? 0 : (n - 1) / m + 1`.

Casts extend (`casts` with sext, `castu` with zext) or truncate to and from the 64-bit
index, and are no-ops at 64 bits; `index.sizeof` is the constant 64.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from irkit.dialects.index import BoolConstantOp, CastSOp, CmpOp, ConstantOp, IndexCmpPredicate
from irkit.lowering.llvm_emitter import LLVMEmitter, Lowering
from xdsl.dialects import llvm
from xdsl.dialects.builtin import IntegerAttr, i1, i64
from xdsl.ir import Operation, SSAValue

INDEX_BIT_WIDTH = 64
"""The width of index on irkit's targets, as convert_type lowers it."""

# index ops and the llvm op with the same semantics on i64.
_BINARY: dict[str, Callable[[SSAValue, SSAValue], Operation]] = {
    "index.add": llvm.AddOp,
    "index.sub": llvm.SubOp,
    "index.mul": llvm.MulOp,
    "index.divs": llvm.SDivOp,
    "index.divu": llvm.UDivOp,
    "index.rems": llvm.SRemOp,
    "index.remu": llvm.URemOp,
    "index.shl": llvm.ShlOp,
    "index.shrs": llvm.AShrOp,
    "index.shru": llvm.LShrOp,
    "index.and": llvm.AndOp,
    "index.or": llvm.OrOp,
    "index.xor": llvm.XOrOp,
}

# index ops that become an LLVM intrinsic xDSL's llvm dialect has no op for.
_BINARY_INTRINSICS: dict[str, str] = {
    "index.maxs": "llvm.smax",
    "index.maxu": "llvm.umax",
    "index.mins": "llvm.smin",
    "index.minu": "llvm.umin",
}

# llvm.icmp numbers its predicates in the order of IndexCmpPredicate: eq, ne, slt, ... uge.
_ICMP_PREDICATES: dict[IndexCmpPredicate, int] = {
    predicate: number for number, predicate in enumerate(IndexCmpPredicate)
}


def _icmp(
    emitter: LLVMEmitter, predicate: IndexCmpPredicate, lhs: SSAValue, rhs: SSAValue
) -> SSAValue:
    number = IntegerAttr(_ICMP_PREDICATES[predicate], i64)
    return emitter.add(llvm.ICmpOp(lhs, rhs, number)).results[0]


def _select(
    emitter: LLVMEmitter, condition: SSAValue, true_value: SSAValue, false_value: SSAValue
) -> SSAValue:
    return emitter.add(llvm.SelectOp(condition, true_value, false_value)).results[0]


def _binary(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    lhs, rhs = emitter.values_of(op.operands)
    return [emitter.binary(_BINARY[op.name], lhs, rhs)]


def _binary_intrinsic(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    lhs, rhs = emitter.values_of(op.operands)
    result = emitter.intrinsic(_BINARY_INTRINSICS[op.name], [lhs, rhs], i64)
    assert result is not None
    return [result]


def _ceildivs(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    n, m = emitter.values_of(op.operands)
    zero, one, minus_one = emitter.constant(0), emitter.constant(1), emitter.constant(-1)
    m_positive = _icmp(emitter, IndexCmpPredicate.SGT, m, zero)
    x = _select(emitter, m_positive, minus_one, one)
    n_plus_x = emitter.binary(llvm.AddOp, n, x)
    positive_result = emitter.binary(llvm.AddOp, emitter.binary(llvm.SDivOp, n_plus_x, m), one)
    minus_n = emitter.binary(llvm.SubOp, zero, n)
    negative_result = emitter.binary(llvm.SubOp, zero, emitter.binary(llvm.SDivOp, minus_n, m))
    n_positive = _icmp(emitter, IndexCmpPredicate.SGT, n, zero)
    same_sign = _icmp(emitter, IndexCmpPredicate.EQ, n_positive, m_positive)
    n_nonzero = _icmp(emitter, IndexCmpPredicate.NE, n, zero)
    rounds_up = emitter.binary(llvm.AndOp, same_sign, n_nonzero)
    return [_select(emitter, rounds_up, positive_result, negative_result)]


def _floordivs(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    n, m = emitter.values_of(op.operands)
    zero, one, minus_one = emitter.constant(0), emitter.constant(1), emitter.constant(-1)
    m_negative = _icmp(emitter, IndexCmpPredicate.SLT, m, zero)
    x = _select(emitter, m_negative, one, minus_one)
    x_minus_n = emitter.binary(llvm.SubOp, x, n)
    negative_result = emitter.binary(
        llvm.SubOp, minus_one, emitter.binary(llvm.SDivOp, x_minus_n, m)
    )
    positive_result = emitter.binary(llvm.SDivOp, n, m)
    n_negative = _icmp(emitter, IndexCmpPredicate.SLT, n, zero)
    opposite_signs = _icmp(emitter, IndexCmpPredicate.NE, n_negative, m_negative)
    n_nonzero = _icmp(emitter, IndexCmpPredicate.NE, n, zero)
    rounds_down = emitter.binary(llvm.AndOp, opposite_signs, n_nonzero)
    return [_select(emitter, rounds_down, negative_result, positive_result)]


def _ceildivu(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    n, m = emitter.values_of(op.operands)
    zero, one = emitter.constant(0), emitter.constant(1)
    n_minus_one = emitter.binary(llvm.SubOp, n, one)
    quotient = emitter.binary(llvm.UDivOp, n_minus_one, m)
    ceiling = emitter.binary(llvm.AddOp, quotient, one)
    n_zero = _icmp(emitter, IndexCmpPredicate.EQ, n, zero)
    return [_select(emitter, n_zero, zero, ceiling)]


def _cmp(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, CmpOp)
    lhs, rhs = emitter.values_of(op.operands)
    return [_icmp(emitter, op.pred.data, lhs, rhs)]


def _cast(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    """Extends (signed for casts, unsigned for castu) or truncates."""
    extend = llvm.SExtOp if isinstance(op, CastSOp) else llvm.ZExtOp
    return [emitter.resize_integer(op.operands[0], op.results[0].type, extend)]


def _constant(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, ConstantOp)
    return [emitter.constant(op.value.value.data)]


def _bool_constant(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    assert isinstance(op, BoolConstantOp)
    return [emitter.constant(op.value.value.data, i1)]


def _sizeof(op: Operation, emitter: LLVMEmitter) -> Sequence[SSAValue]:
    return [emitter.constant(INDEX_BIT_WIDTH)]


INDEX_LOWERINGS: dict[str, Lowering] = {
    **dict.fromkeys(_BINARY, _binary),
    **dict.fromkeys(_BINARY_INTRINSICS, _binary_intrinsic),
    "index.ceildivs": _ceildivs,
    "index.ceildivu": _ceildivu,
    "index.floordivs": _floordivs,
    "index.cmp": _cmp,
    "index.casts": _cast,
    "index.castu": _cast,
    "index.constant": _constant,
    "index.bool.constant": _bool_constant,
    "index.sizeof": _sizeof,
}
