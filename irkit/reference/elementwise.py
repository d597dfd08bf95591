"""Evaluation rules for ``arith`` and ``math`` on whole numpy arrays.

The ``ta`` level evaluates a comprehension's region once, on arrays holding the values
of every point of its box, so each scalar op here works elementwise on arrays (and on
numpy scalars, for values defined above the region). Results keep the element type's
dtype: integers wrap around at their width as numpy's do, floats round as their type
does. The semantics are those of :mod:`irkit.reference.scalar_rules`, which compiles the
same ops for the affine level.

A rule is a factory: given the op, it returns the function of the operand values that
computes the result (several results as a tuple). :func:`register_elementwise` adds one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from xdsl.dialects.builtin import FloatAttr, IntegerAttr
from xdsl.ir import Attribute, Operation

from irkit.reference import runtime
from irkit.reference.errors import UnsupportedError, op_name
from irkit.reference.scalar_rules import int_property, op_attribute
from irkit.reference.types import element_dtype, integer_width, wrap_signed

ElementwiseFactory = Callable[[Operation], Callable[..., Any]]

_RULES: dict[str, ElementwiseFactory] = {}


def register_elementwise(name: str, factory: ElementwiseFactory) -> None:
    """Evaluate ops named ``name`` on arrays with the function ``factory(op)``."""
    _RULES[name] = factory


def elementwise_function(op: Operation) -> Callable[..., Any]:
    name = op_name(op)
    factory = _RULES.get(name)
    if factory is None:
        raise UnsupportedError(
            op, f"the reference executor cannot evaluate '{name}'", prefixed=False
        )
    return factory(op)


def _scalar(value: Any) -> Any:
    """A 0-d array as the numpy scalar it holds, as numpy's own operators give."""
    return value[()] if isinstance(value, np.ndarray) and value.ndim == 0 else value


def _dtype(op: Operation, value_type: Attribute) -> np.dtype:
    dtype = element_dtype(value_type)
    if dtype is None:
        raise UnsupportedError(op, f"the reference executor has no numpy dtype for '{value_type}'")
    return dtype


def _width(op: Operation, position: int = 0) -> int:
    width = integer_width(op.operands[position].type)
    if width is None:
        raise UnsupportedError(op, f"expects an integer, not '{op.operands[position].type}'")
    return width


def _unsigned(value: Any, width: int) -> Any:
    """The unsigned reading of a signed (or bool) integer array."""
    if width == 1:
        return np.asarray(value).astype(np.uint8) & 1
    return np.asarray(value).astype(np.dtype(f"uint{width}"))


def _signed(value: Any, width: int) -> Any:
    """The signed reading: an i1 ``True`` is -1."""
    if width == 1:
        return -np.asarray(value).astype(np.int8)
    return value


def _to_type(value: Any, dtype: np.dtype) -> Any:
    """``value`` wrapped into ``dtype`` (an i1 keeps its low bit)."""
    if dtype == np.bool_:
        return _scalar((np.asarray(value) & 1).astype(np.bool_))
    return _scalar(np.asarray(value).astype(dtype))


def _check_divisor(divisor: Any) -> None:
    if np.any(np.asarray(divisor) == 0):
        raise runtime.Fault("division by zero")


def _rule(name: str) -> Callable[[ElementwiseFactory], ElementwiseFactory]:
    def register(factory: ElementwiseFactory) -> ElementwiseFactory:
        register_elementwise(name, factory)
        return factory

    return register


def _int_binary(compute: Callable[[Any, Any, int], Any]) -> ElementwiseFactory:
    """A rule computing on the operands' signed values (i1 as 0/-1 in int8), then
    wrapping the result into the result type."""

    def factory(op: Operation) -> Callable[..., Any]:
        width = _width(op)
        dtype = _dtype(op, op.results[0].type)

        def evaluate(lhs: Any, rhs: Any) -> Any:
            return _to_type(compute(_signed(lhs, width), _signed(rhs, width), width), dtype)

        return evaluate

    return factory


def _divsi(lhs: Any, rhs: Any, width: int) -> Any:
    _check_divisor(rhs)
    inexact = np.asarray(np.remainder(lhs, rhs) != 0)
    return np.floor_divide(lhs, rhs) + (inexact & ((np.asarray(lhs) < 0) != (np.asarray(rhs) < 0)))


def _floordivsi(lhs: Any, rhs: Any, width: int) -> Any:
    _check_divisor(rhs)
    return np.floor_divide(lhs, rhs)


def _ceildivsi(lhs: Any, rhs: Any, width: int) -> Any:
    _check_divisor(rhs)
    return np.floor_divide(lhs, rhs) + (np.remainder(lhs, rhs) != 0)


def _remsi(lhs: Any, rhs: Any, width: int) -> Any:
    _check_divisor(rhs)
    return np.fmod(lhs, rhs)


def _unsigned_binary(compute: Callable[[Any, Any], Any]) -> Callable[[Any, Any, int], Any]:
    def evaluate(lhs: Any, rhs: Any, width: int) -> Any:
        return compute(_unsigned(lhs, width), _unsigned(rhs, width))

    return evaluate


def _checked(compute: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def evaluate(lhs: Any, rhs: Any) -> Any:
        _check_divisor(rhs)
        return compute(lhs, rhs)

    return evaluate


def _shift(direction: str) -> Callable[[Any, Any, int], Any]:
    """A shift; by the width or more it is poison, 0 here."""

    def evaluate(value: Any, amount: Any, width: int) -> Any:
        amount = _unsigned(amount, width).astype(np.uint64)
        in_range = amount < width
        safe = np.where(in_range, amount, 0)
        if direction == "left":
            shifted = np.left_shift(np.asarray(value).astype(np.int64), safe.astype(np.int64))
        elif direction == "arithmetic":
            shifted = np.right_shift(np.asarray(value).astype(np.int64), safe.astype(np.int64))
        else:
            shifted = np.right_shift(_unsigned(value, width).astype(np.uint64), safe)
        return np.where(in_range, shifted, 0)

    return evaluate


def _select_signed(pick_lhs: Callable[[Any, Any], Any]) -> Callable[[Any, Any, int], Any]:
    return lambda lhs, rhs, width: np.where(pick_lhs(lhs, rhs), lhs, rhs)


def _select_unsigned(pick_lhs: Callable[[Any, Any], Any]) -> Callable[[Any, Any, int], Any]:
    def evaluate(lhs: Any, rhs: Any, width: int) -> Any:
        return np.where(pick_lhs(_unsigned(lhs, width), _unsigned(rhs, width)), lhs, rhs)

    return evaluate


_INT_BINARY: dict[str, Callable[[Any, Any, int], Any]] = {
    "arith.addi": lambda a, b, w: np.add(a, b),
    "arith.subi": lambda a, b, w: np.subtract(a, b),
    "arith.muli": lambda a, b, w: np.multiply(a, b),
    "arith.andi": lambda a, b, w: np.bitwise_and(a, b),
    "arith.ori": lambda a, b, w: np.bitwise_or(a, b),
    "arith.xori": lambda a, b, w: np.bitwise_xor(a, b),
    "arith.divsi": _divsi,
    "arith.floordivsi": _floordivsi,
    "arith.ceildivsi": _ceildivsi,
    "arith.remsi": _remsi,
    "arith.divui": _unsigned_binary(_checked(np.floor_divide)),
    "arith.remui": _unsigned_binary(_checked(np.remainder)),
    "arith.ceildivui": _unsigned_binary(
        _checked(lambda a, b: np.floor_divide(a, b) + (np.remainder(a, b) != 0))
    ),
    "arith.maxsi": _select_signed(np.greater_equal),
    "arith.minsi": _select_signed(np.less_equal),
    "arith.maxui": _select_unsigned(np.greater_equal),
    "arith.minui": _select_unsigned(np.less_equal),
    "arith.shli": _shift("left"),
    "arith.shrsi": _shift("arithmetic"),
    "arith.shrui": _shift("logical"),
}
for _name, _compute in _INT_BINARY.items():
    register_elementwise(_name, _int_binary(_compute))


@_rule("arith.cmpi")
def _cmpi(op: Operation) -> Callable[..., Any]:
    width = _width(op)
    predicate = int_property(op, "predicate")
    compare = (
        np.equal,
        np.not_equal,
        np.less,
        np.less_equal,
        np.greater,
        np.greater_equal,
    )[predicate if predicate < 6 else predicate - 4]
    read = _signed if predicate < 6 else _unsigned
    return lambda lhs, rhs: _scalar(compare(read(lhs, width), read(rhs, width)))


@_rule("arith.select")
def _select(op: Operation) -> Callable[..., Any]:
    return lambda condition, lhs, rhs: _scalar(np.where(condition, lhs, rhs))


@_rule("arith.constant")
def _constant(op: Operation) -> Callable[..., Any]:
    value = op_attribute(op, "value")
    dtype = _dtype(op, op.results[0].type)
    if isinstance(value, IntegerAttr):
        width = integer_width(op.results[0].type) or 64
        constant = dtype.type(wrap_signed(value.value.data, width))
    elif isinstance(value, FloatAttr):
        constant = dtype.type(value.value.data)
    else:
        raise UnsupportedError(op, f"the reference executor has no scalar for '{value}'")
    return lambda: constant


def _cast(compute: Callable[[Any, int, np.dtype], Any]) -> ElementwiseFactory:
    """A conversion computed from the operand, its integer width (if any) and the
    result dtype."""

    def factory(op: Operation) -> Callable[..., Any]:
        width = integer_width(op.operands[0].type) or 0
        dtype = _dtype(op, op.results[0].type)
        _dtype(op, op.operands[0].type)
        return lambda value: _scalar(compute(value, width, dtype))

    return factory


def _fp_to_int(value: Any, width: int, dtype: np.dtype, low: int, high: int) -> Any:
    """A float truncated to an integer; out of range or NaN it is poison, 0 here."""
    truncated = np.trunc(np.asarray(value, dtype=np.float64))
    valid = np.isfinite(truncated) & (truncated >= low) & (truncated < high)
    whole = np.where(valid, truncated, 0).astype(np.int64 if low < 0 else np.uint64)
    return _to_type(whole, dtype)


def _result_width(dtype: np.dtype) -> int:
    return 1 if dtype == np.bool_ else dtype.itemsize * 8


_CASTS: dict[str, Callable[[Any, int, np.dtype], Any]] = {
    "arith.extsi": lambda v, w, d: _to_type(_signed(v, w), d),
    "arith.extui": lambda v, w, d: _to_type(_unsigned(v, w), d),
    "arith.trunci": lambda v, w, d: _to_type(v, d),
    "arith.index_cast": lambda v, w, d: _to_type(_signed(v, w), d),
    "arith.index_castui": lambda v, w, d: _to_type(_unsigned(v, w), d),
    "arith.sitofp": lambda v, w, d: np.asarray(_signed(v, w)).astype(d),
    "arith.uitofp": lambda v, w, d: _unsigned(v, w).astype(d),
    "arith.extf": lambda v, w, d: np.asarray(v).astype(d),
    "arith.truncf": lambda v, w, d: np.asarray(v).astype(d),
    "arith.fptosi": lambda v, w, d: _fp_to_int(
        v, w, d, -(1 << (_result_width(d) - 1)), 1 << (_result_width(d) - 1)
    ),
    "arith.fptoui": lambda v, w, d: _fp_to_int(v, w, d, 0, 1 << _result_width(d)),
    "arith.bitcast": lambda v, w, d: np.asarray(v).view(d),
}
for _name, _conversion in _CASTS.items():
    register_elementwise(_name, _cast(_conversion))


def _float(compute: Callable[..., Any]) -> ElementwiseFactory:
    def factory(op: Operation) -> Callable[..., Any]:
        dtype = _dtype(op, op.results[0].type)
        if dtype.kind != "f":
            raise UnsupportedError(op, f"expects a float, not '{op.results[0].type}'")
        return lambda *operands: _scalar(np.asarray(compute(*operands)).astype(dtype, copy=False))

    return factory


def _signed_zero(result: Any, lhs: Any, rhs: Any, pick_negative: bool) -> Any:
    """IEEE maximum and minimum order -0 below +0, which numpy's do not."""
    zeros = (np.asarray(lhs) == 0) & (np.asarray(rhs) == 0)
    lhs_wins = np.signbit(lhs) == pick_negative
    return np.where(zeros, np.where(lhs_wins, lhs, rhs), result)


_FLOAT_OPS: dict[str, Callable[..., Any]] = {
    "arith.addf": np.add,
    "arith.subf": np.subtract,
    "arith.mulf": np.multiply,
    "arith.divf": np.divide,
    "arith.negf": np.negative,
    "arith.remf": np.fmod,
    "arith.maximumf": lambda a, b: _signed_zero(np.maximum(a, b), a, b, pick_negative=False),
    "arith.minimumf": lambda a, b: _signed_zero(np.minimum(a, b), a, b, pick_negative=True),
    "arith.maxnumf": np.fmax,
    "arith.minnumf": np.fmin,
    "math.absf": np.abs,
    "math.fma": lambda a, b, c: a * b + c,
    "math.powf": np.power,
    "math.copysign": np.copysign,
    "math.atan2": np.arctan2,
    "math.rsqrt": lambda a: np.reciprocal(np.sqrt(a)),
    "math.erf": runtime.erf,
    "math.round": runtime.round_half_away,
    "math.acos": np.arccos,
    "math.acosh": np.arccosh,
    "math.asin": np.arcsin,
    "math.asinh": np.arcsinh,
    "math.atan": np.arctan,
    "math.atanh": np.arctanh,
    "math.cbrt": np.cbrt,
    "math.ceil": np.ceil,
    "math.cos": np.cos,
    "math.cosh": np.cosh,
    "math.exp": np.exp,
    "math.exp2": np.exp2,
    "math.expm1": np.expm1,
    "math.floor": np.floor,
    "math.log": np.log,
    "math.log10": np.log10,
    "math.log1p": np.log1p,
    "math.log2": np.log2,
    "math.roundeven": np.rint,
    "math.sin": np.sin,
    "math.sinh": np.sinh,
    "math.sqrt": np.sqrt,
    "math.tan": np.tan,
    "math.tanh": np.tanh,
    "math.trunc": np.trunc,
}
for _name, _function in _FLOAT_OPS.items():
    register_elementwise(_name, _float(_function))


@_rule("math.fpowi")
def _fpowi(op: Operation) -> Callable[..., Any]:
    dtype = _dtype(op, op.results[0].type)
    width = _width(op, 1)
    return lambda base, exponent: _scalar(
        np.power(base, np.asarray(_signed(exponent, width)).astype(dtype))
    )


_CMPF: tuple[Callable[[Any, Any], Any], ...] = (
    lambda a, b: np.zeros(np.broadcast(a, b).shape, np.bool_),
    np.equal,
    np.greater,
    np.greater_equal,
    np.less,
    np.less_equal,
    lambda a, b: np.less(a, b) | np.greater(a, b),
    lambda a, b: ~(np.isnan(a) | np.isnan(b)),
    lambda a, b: ~(np.less(a, b) | np.greater(a, b)),
    lambda a, b: ~np.less_equal(a, b),
    lambda a, b: ~np.less(a, b),
    lambda a, b: ~np.greater_equal(a, b),
    lambda a, b: ~np.greater(a, b),
    np.not_equal,
    lambda a, b: np.isnan(a) | np.isnan(b),
    lambda a, b: np.ones(np.broadcast(a, b).shape, np.bool_),
)


@_rule("arith.cmpf")
def _cmpf(op: Operation) -> Callable[..., Any]:
    compare = _CMPF[int_property(op, "predicate")]
    return lambda lhs, rhs: _scalar(np.asarray(compare(lhs, rhs)))


def _int_unary(compute: Callable[[Any, int], Any]) -> ElementwiseFactory:
    def factory(op: Operation) -> Callable[..., Any]:
        width = _width(op)
        dtype = _dtype(op, op.results[0].type)
        return lambda value: _to_type(compute(value, width), dtype)

    return factory


def _bit_count(compute: Callable[[int, int], int]) -> Callable[[Any, int], Any]:
    return lambda value, width: np.vectorize(lambda v: compute(int(v), width), otypes=[np.int64])(
        np.asarray(value)
    )


register_elementwise("math.absi", _int_unary(lambda v, w: np.abs(_signed(v, w))))
register_elementwise("math.ctlz", _int_unary(_bit_count(runtime.ctlz)))
register_elementwise("math.cttz", _int_unary(_bit_count(runtime.cttz)))
register_elementwise("math.ctpop", _int_unary(_bit_count(runtime.ctpop)))
