"""Emit rules for the scalar ops of ``arith`` and ``math`` at the affine level.

Integers follow MLIR: results wrap around at the type's width, ``divsi`` and ``remsi``
round toward zero, ``floordivsi`` toward negative infinity, and the unsigned ops read
their operands as unsigned. Floats are numpy scalars of the element type, so an f32
computation rounds as f32 does; fast-math flags are ignored.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from xdsl.dialects.builtin import FloatAttr, IntegerAttr
from xdsl.ir import Attribute, Operation, SSAValue

from irkit.reference.codegen import FunctionCompiler, emit_rule
from irkit.reference.errors import UnsupportedError, op_name
from irkit.reference.types import float_dtype, integer_width, wrap_signed


def op_attribute(op: Operation, name: str) -> Attribute | None:
    """An attribute of ``op`` wherever the input put it: properties or the dictionary."""
    attribute = op.properties.get(name)
    return attribute if attribute is not None else op.attributes.get(name)


def int_property(op: Operation, name: str) -> int:
    attr = op_attribute(op, name)
    if not isinstance(attr, IntegerAttr):
        raise UnsupportedError(op, f"has no integer attribute '{name}'")
    return attr.value.data


def int_width(op: Operation, value: SSAValue) -> int:
    width = integer_width(value.type)
    if width is None:
        raise UnsupportedError(
            op, f"the reference executor evaluates it on scalars only, not on '{value.type}'"
        )
    return width


def float_type(op: Operation, value: SSAValue) -> np.dtype:
    dtype = float_dtype(value.type)
    if dtype is None:
        raise UnsupportedError(
            op,
            f"the reference executor evaluates it on f16, f32 and f64 only, not on '{value.type}'",
        )
    return dtype


# --- integer source fragments ----------------------------------------------------------


def wrap(expression: str, width: int) -> str:
    """``expression`` reduced to ``width`` bits (a bool for i1)."""
    if width == 1:
        return f"bool(({expression}) & 1)"
    half = 1 << (width - 1)
    return f"((({expression}) + {half}) & {(1 << width) - 1}) - {half}"


def signed(expression: str, width: int) -> str:
    """The signed value of an integer (an i1 ``True`` is -1)."""
    return f"(-({expression}))" if width == 1 else expression


def unsigned(expression: str, width: int) -> str:
    """The unsigned value of an integer."""
    return f"(({expression}) & {(1 << width) - 1})"


def _int_operands(op: Operation, compiler: FunctionCompiler) -> tuple[list[str], int]:
    return compiler.values(op.operands), int_width(op, op.results[0])


def _int_binary(template: Callable[[str, str, int], str]) -> Callable[..., None]:
    """A rule for an integer op whose result is ``template(lhs, rhs, width)``."""

    def rule(op: Operation, compiler: FunctionCompiler) -> None:
        (lhs, rhs), width = _int_operands(op, compiler)
        compiler.define(op.results[0], template(lhs, rhs, width))

    return rule


_INT_BINARY: dict[str, Callable[[str, str, int], str]] = {
    "arith.addi": lambda a, b, w: wrap(f"{a} + {b}", w),
    "arith.subi": lambda a, b, w: wrap(f"{a} - {b}", w),
    "arith.muli": lambda a, b, w: wrap(f"{a} * {b}", w),
    "arith.andi": lambda a, b, w: f"{a} & {b}",
    "arith.ori": lambda a, b, w: f"{a} | {b}",
    "arith.xori": lambda a, b, w: f"{a} ^ {b}",
    "arith.divsi": lambda a, b, w: wrap(f"_rt.divsi({signed(a, w)}, {signed(b, w)})", w),
    "arith.divui": lambda a, b, w: wrap(f"{unsigned(a, w)} // {unsigned(b, w)}", w),
    "arith.floordivsi": lambda a, b, w: wrap(f"{signed(a, w)} // {signed(b, w)}", w),
    "arith.ceildivsi": lambda a, b, w: wrap(f"-((-{signed(a, w)}) // {signed(b, w)})", w),
    "arith.ceildivui": lambda a, b, w: wrap(f"-((-{unsigned(a, w)}) // {unsigned(b, w)})", w),
    "arith.remsi": lambda a, b, w: wrap(f"_rt.remsi({signed(a, w)}, {signed(b, w)})", w),
    "arith.remui": lambda a, b, w: wrap(f"{unsigned(a, w)} % {unsigned(b, w)}", w),
    "arith.maxsi": lambda a, b, w: f"({a} if {signed(a, w)} >= {signed(b, w)} else {b})",
    "arith.minsi": lambda a, b, w: f"({a} if {signed(a, w)} <= {signed(b, w)} else {b})",
    "arith.maxui": lambda a, b, w: f"({a} if {unsigned(a, w)} >= {unsigned(b, w)} else {b})",
    "arith.minui": lambda a, b, w: f"({a} if {unsigned(a, w)} <= {unsigned(b, w)} else {b})",
    "arith.shli": lambda a, b, w: wrap(f"_rt.shli({a}, {b}, {w})", w),
    "arith.shrsi": lambda a, b, w: wrap(f"_rt.shrsi({signed(a, w)}, {b}, {w})", w),
    "arith.shrui": lambda a, b, w: wrap(f"_rt.shrui({a}, {b}, {w})", w),
    "math.ipowi": lambda a, b, w: wrap(f"_rt.ipowi({signed(a, w)}, {signed(b, w)})", w),
}
for _name, _template in _INT_BINARY.items():
    emit_rule(_name)(_int_binary(_template))


_INT_UNARY: dict[str, Callable[[str, int], str]] = {
    "math.absi": lambda a, w: wrap(f"abs({signed(a, w)})", w),
    "math.ctlz": lambda a, w: f"_rt.ctlz({a}, {w})",
    "math.cttz": lambda a, w: f"_rt.cttz({a}, {w})",
    "math.ctpop": lambda a, w: f"_rt.ctpop({a}, {w})",
}


@emit_rule(*_INT_UNARY)
def _int_unary(op: Operation, compiler: FunctionCompiler) -> None:
    (operand,), width = _int_operands(op, compiler)
    compiler.define(op.results[0], _INT_UNARY[op_name(op)](operand, width))


# MLIR's `arith::CmpIPredicate`, by value.
_CMPI: tuple[Callable[[str, str, int], str], ...] = (
    lambda a, b, w: f"{a} == {b}",
    lambda a, b, w: f"{a} != {b}",
    lambda a, b, w: f"{signed(a, w)} < {signed(b, w)}",
    lambda a, b, w: f"{signed(a, w)} <= {signed(b, w)}",
    lambda a, b, w: f"{signed(a, w)} > {signed(b, w)}",
    lambda a, b, w: f"{signed(a, w)} >= {signed(b, w)}",
    lambda a, b, w: f"{unsigned(a, w)} < {unsigned(b, w)}",
    lambda a, b, w: f"{unsigned(a, w)} <= {unsigned(b, w)}",
    lambda a, b, w: f"{unsigned(a, w)} > {unsigned(b, w)}",
    lambda a, b, w: f"{unsigned(a, w)} >= {unsigned(b, w)}",
)


@emit_rule("arith.cmpi")
def _cmpi(op: Operation, compiler: FunctionCompiler) -> None:
    lhs, rhs = compiler.values(op.operands)
    width = int_width(op, op.operands[0])
    compiler.define(op.results[0], _CMPI[int_property(op, "predicate")](lhs, rhs, width))


@emit_rule("arith.select")
def _select(op: Operation, compiler: FunctionCompiler) -> None:
    if integer_width(op.operands[0].type) != 1:
        raise UnsupportedError(op, "the reference executor selects on a scalar i1 only")
    condition, true_value, false_value = compiler.values(op.operands)
    compiler.define(op.results[0], f"({true_value} if {condition} else {false_value})")


@emit_rule("arith.constant")
def _constant(op: Operation, compiler: FunctionCompiler) -> None:
    value = op_attribute(op, "value")
    result = op.results[0]
    if isinstance(value, IntegerAttr):
        number = wrap_signed(value.value.data, int_width(op, result))
        compiler.bind(result, str(number) if number >= 0 else f"({number})")
    elif isinstance(value, FloatAttr):
        dtype = float_type(op, result)
        compiler.bind(result, compiler.constant(dtype.type(value.value.data), "k"))
    else:
        raise UnsupportedError(op, f"the reference executor has no scalar for '{value}'")


# --- casts -----------------------------------------------------------------------------


@emit_rule("arith.extsi", "arith.extui", "arith.trunci", "arith.index_cast", "arith.index_castui")
def _int_cast(op: Operation, compiler: FunctionCompiler) -> None:
    (operand,) = compiler.values(op.operands)
    source_width = int_width(op, op.operands[0])
    target_width = int_width(op, op.results[0])
    zero_extends = op_name(op) in ("arith.extui", "arith.index_castui")
    value = unsigned(operand, source_width) if zero_extends else signed(operand, source_width)
    compiler.define(
        op.results[0], value if target_width > source_width else wrap(value, target_width)
    )


@emit_rule("arith.sitofp", "arith.uitofp")
def _int_to_float(op: Operation, compiler: FunctionCompiler) -> None:
    (operand,) = compiler.values(op.operands)
    width = int_width(op, op.operands[0])
    value = signed(operand, width) if op_name(op) == "arith.sitofp" else unsigned(operand, width)
    to_float = compiler.global_name(float_type(op, op.results[0]).type, "float")
    compiler.define(op.results[0], f"{to_float}({value})")


@emit_rule("arith.fptosi", "arith.fptoui")
def _float_to_int(op: Operation, compiler: FunctionCompiler) -> None:
    (operand,) = compiler.values(op.operands)
    float_type(op, op.operands[0])
    width = int_width(op, op.results[0])
    helper = op_name(op).removeprefix("arith.")
    compiler.define(op.results[0], wrap(f"_rt.{helper}({operand}, {width})", width))


@emit_rule("arith.extf", "arith.truncf")
def _float_cast(op: Operation, compiler: FunctionCompiler) -> None:
    (operand,) = compiler.values(op.operands)
    float_type(op, op.operands[0])
    to_float = compiler.global_name(float_type(op, op.results[0]).type, "float")
    compiler.define(op.results[0], f"{to_float}({operand})")


@emit_rule("arith.bitcast")
def _bitcast(op: Operation, compiler: FunctionCompiler) -> None:
    (operand,) = compiler.values(op.operands)
    source, target = op.operands[0].type, op.results[0].type
    if integer_width(source) is not None and integer_width(target) is not None:
        compiler.bind(op.results[0], operand)
        return
    dtypes = []
    for value_type in (source, target):
        width = integer_width(value_type)
        dtype = np.dtype(f"int{width}") if width in (16, 32, 64) else float_dtype(value_type)
        if dtype is None:
            raise UnsupportedError(op, f"the reference executor cannot bitcast '{value_type}'")
        dtypes.append(compiler.global_name(dtype, "dtype"))
    compiler.define(op.results[0], f"_rt.bitcast({operand}, {dtypes[0]}, {dtypes[1]})")


# --- floats ----------------------------------------------------------------------------


def _float_rule(template: Callable[..., str]) -> Callable[[Operation, FunctionCompiler], None]:
    """A rule for a float op whose result is ``template(*operands)``."""

    def rule(op: Operation, compiler: FunctionCompiler) -> None:
        float_type(op, op.results[0])
        compiler.define(op.results[0], template(*compiler.values(op.operands)))

    return rule


def _call(function: str) -> Callable[..., str]:
    return lambda *operands: f"{function}({', '.join(operands)})"


_FLOAT_OPS: dict[str, Callable[..., str]] = {
    "arith.addf": lambda a, b: f"{a} + {b}",
    "arith.subf": lambda a, b: f"{a} - {b}",
    "arith.mulf": lambda a, b: f"{a} * {b}",
    "arith.divf": lambda a, b: f"{a} / {b}",
    "arith.negf": lambda a: f"-{a}",
    "arith.remf": _call("np.fmod"),
    "arith.maxnumf": _call("_rt.maxnumf"),
    "arith.minnumf": _call("_rt.minnumf"),
    "arith.maximumf": _call("_rt.maximumf"),
    "arith.minimumf": _call("_rt.minimumf"),
    "math.absf": _call("abs"),
    "math.fma": lambda a, b, c: f"{a} * {b} + {c}",
    "math.powf": _call("np.power"),
    "math.copysign": _call("np.copysign"),
    "math.atan2": _call("np.arctan2"),
    "math.rsqrt": lambda a: f"np.reciprocal(np.sqrt({a}))",
    "math.erf": _call("_rt.erf"),
    "math.round": _call("_rt.round_half_away"),
}
# The math ops that are numpy ufuncs of the same meaning.
_UFUNCS: dict[str, str] = {
    "math.acos": "arccos",
    "math.acosh": "arccosh",
    "math.asin": "arcsin",
    "math.asinh": "arcsinh",
    "math.atan": "arctan",
    "math.atanh": "arctanh",
    "math.cbrt": "cbrt",
    "math.ceil": "ceil",
    "math.cos": "cos",
    "math.cosh": "cosh",
    "math.exp": "exp",
    "math.exp2": "exp2",
    "math.expm1": "expm1",
    "math.floor": "floor",
    "math.log": "log",
    "math.log10": "log10",
    "math.log1p": "log1p",
    "math.log2": "log2",
    "math.roundeven": "rint",
    "math.sin": "sin",
    "math.sinh": "sinh",
    "math.sqrt": "sqrt",
    "math.tan": "tan",
    "math.tanh": "tanh",
    "math.trunc": "trunc",
}
for _name, _ufunc in _UFUNCS.items():
    _FLOAT_OPS[_name] = _call(f"np.{_ufunc}")
for _name, _float_template in _FLOAT_OPS.items():
    emit_rule(_name)(_float_rule(_float_template))


@emit_rule("math.fpowi")
def _fpowi(op: Operation, compiler: FunctionCompiler) -> None:
    base, exponent = compiler.values(op.operands)
    to_float = compiler.global_name(float_type(op, op.results[0]).type, "float")
    exponent_value = signed(exponent, int_width(op, op.operands[1]))
    compiler.define(op.results[0], f"np.power({base}, {to_float}({exponent_value}))")


# MLIR's `arith::CmpFPredicate`, by value: ordered tests are false on NaN, unordered
# ones true.
_CMPF: tuple[Callable[[str, str], str], ...] = (
    lambda a, b: "False",
    lambda a, b: f"bool({a} == {b})",
    lambda a, b: f"bool({a} > {b})",
    lambda a, b: f"bool({a} >= {b})",
    lambda a, b: f"bool({a} < {b})",
    lambda a, b: f"bool({a} <= {b})",
    lambda a, b: f"bool({a} < {b} or {a} > {b})",
    lambda a, b: f"bool({a} == {a} and {b} == {b})",
    lambda a, b: f"not ({a} < {b} or {a} > {b})",
    lambda a, b: f"not {a} <= {b}",
    lambda a, b: f"not {a} < {b}",
    lambda a, b: f"not {a} >= {b}",
    lambda a, b: f"not {a} > {b}",
    lambda a, b: f"bool({a} != {b})",
    lambda a, b: f"bool({a} != {a} or {b} != {b})",
    lambda a, b: "True",
)


@emit_rule("arith.cmpf")
def _cmpf(op: Operation, compiler: FunctionCompiler) -> None:
    float_type(op, op.operands[0])
    lhs, rhs = compiler.values(op.operands)
    compiler.define(op.results[0], _CMPF[int_property(op, "predicate")](lhs, rhs))
