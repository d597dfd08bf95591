"""Helpers that the compiled programs call, for the semantics Python has no operator for.

Results that MLIR calls poison (a shift by the width or more, a float converted to an
integer it does not fit) are 0 here: the executor picks one value and sticks to it.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np


class Fault(Exception):
    """Raised by compiled code; the executor reports it at the op that raised it."""


def describe_fault(error: BaseException) -> str:
    """What went wrong, in words, for an exception raised by a compiled program."""
    if isinstance(error, Fault):
        return str(error)
    if isinstance(error, ZeroDivisionError):
        return "division by zero"
    if isinstance(error, IndexError):
        return f"out-of-bounds access: {error}"
    if isinstance(error, RecursionError):
        return "calls nested too deeply (infinite recursion?)"
    if isinstance(error, ValueError) and "read-only" in str(error):
        return "writes to a read-only array"
    return f"failed: {type(error).__name__}: {error}"


def out_of_bounds(indices: tuple[int, ...], shape: tuple[int, ...]) -> str:
    """The message for a negative index (numpy would wrap it around)."""
    return f"out-of-bounds access: index {list(indices)} into a memref of shape {list(shape)}"


# --- integers (Python ints in the signed range of their width) -------------------------


def divsi(lhs: int, rhs: int) -> int:
    """Signed division rounding toward zero (the caller wraps the one overflow)."""
    quotient = abs(lhs) // abs(rhs)
    return quotient if (lhs < 0) == (rhs < 0) else -quotient


def remsi(lhs: int, rhs: int) -> int:
    """Signed remainder with the sign of the dividend."""
    if rhs == 0:
        raise ZeroDivisionError
    remainder = abs(lhs) % abs(rhs)
    return -remainder if lhs < 0 else remainder


def shift_amount(amount: int, width: int) -> int | None:
    """The amount of a shift as unsigned, or None when it is poison (``>= width``)."""
    amount &= (1 << width) - 1
    return amount if amount < width else None


def shli(value: int, amount: int, width: int) -> int:
    shift = shift_amount(amount, width)
    return 0 if shift is None else value << shift


def shrsi(value: int, amount: int, width: int) -> int:
    shift = shift_amount(amount, width)
    return 0 if shift is None else value >> shift


def shrui(value: int, amount: int, width: int) -> int:
    shift = shift_amount(amount, width)
    return 0 if shift is None else (value & ((1 << width) - 1)) >> shift


def fptosi(value: Any, width: int) -> int:
    if not math.isfinite(value):
        return 0
    result = int(value)
    return result if -(1 << (width - 1)) <= result < (1 << (width - 1)) else 0


def fptoui(value: Any, width: int) -> int:
    if not math.isfinite(value):
        return 0
    result = int(value)
    return result if 0 <= result < (1 << width) else 0


def ctlz(value: int, width: int) -> int:
    return width - (value & ((1 << width) - 1)).bit_length()


def cttz(value: int, width: int) -> int:
    value &= (1 << width) - 1
    return width if value == 0 else (value & -value).bit_length() - 1


def ctpop(value: int, width: int) -> int:
    return (value & ((1 << width) - 1)).bit_count()


def ipowi(base: int, exponent: int) -> int:
    """``math.ipowi``: a negative exponent gives 0 except for bases 1 and -1 (the caller
    wraps the result)."""
    if exponent >= 0:
        return base**exponent
    if base == 1:
        return 1
    if base == -1:
        return -1 if exponent % 2 else 1
    if base == 0:
        raise ZeroDivisionError
    return 0


def bitcast(value: Any, source: np.dtype, target: np.dtype) -> Any:
    """Reinterpret the bits of a scalar as another type of the same width."""
    bits = np.array(value, dtype=source).view(target)[()]
    return bits if target.kind == "f" else int(bits)


# --- floats (numpy scalars of their own precision) ------------------------------------


def maxnumf(lhs: Any, rhs: Any) -> Any:
    """IEEE maxNum: a NaN operand gives the other operand."""
    if lhs != lhs:
        return rhs
    return lhs if lhs > rhs or rhs != rhs else rhs


def minnumf(lhs: Any, rhs: Any) -> Any:
    if lhs != lhs:
        return rhs
    return lhs if lhs < rhs or rhs != rhs else rhs


def maximumf(lhs: Any, rhs: Any) -> Any:
    """IEEE maximum: NaN if either is NaN, and +0 above -0."""
    if lhs != lhs or lhs > rhs:
        return lhs
    if rhs != rhs or rhs > lhs:
        return rhs
    return rhs if np.signbit(lhs) else lhs


def minimumf(lhs: Any, rhs: Any) -> Any:
    if lhs != lhs or lhs < rhs:
        return lhs
    if rhs != rhs or rhs < lhs:
        return rhs
    return lhs if np.signbit(lhs) else rhs


def erf(value: Any) -> Any:
    """``math.erf`` on a numpy scalar or array, in its own precision (numpy has no erf)."""
    array = np.asarray(value)
    result = np.vectorize(math.erf, otypes=[np.float64])(array).astype(array.dtype)
    return result if array.ndim else result[()]


def round_half_away(value: Any) -> Any:
    """``math.round``: halfway cases away from zero (numpy's ``round`` goes to even).
    ``value - trunc(value)`` is exact, so the test of the fraction is too."""
    truncated = np.trunc(value)
    return np.where(np.abs(value - truncated) >= 0.5, truncated + np.sign(value), truncated)[()]


def subview(
    array: np.ndarray,
    offsets: tuple[int, ...],
    sizes: tuple[int, ...],
    strides: tuple[int, ...],
    dropped: tuple[int, ...],
) -> np.ndarray:
    """``memref.subview`` as a numpy view, after checking that it stays inside ``array``."""
    selection: list[slice | int] = []
    for dim, (offset, size, stride) in enumerate(zip(offsets, sizes, strides, strict=True)):
        last = offset + (size - 1) * stride
        if size < 0 or stride <= 0 or (size > 0 and not (offset >= 0 and last < array.shape[dim])):
            raise Fault(
                f"out-of-bounds subview: offsets {list(offsets)}, sizes {list(sizes)}, "
                f"strides {list(strides)} of a memref of shape {list(array.shape)}"
            )
        selection.append(
            offset if dim in dropped else slice(offset, offset + size * stride, stride)
        )
    return array[tuple(selection)]
