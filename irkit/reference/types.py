"""How the reference executor represents MLIR types with numpy.

Scalars at the affine level: an ``index`` or ``iN`` value (N > 1) is a Python ``int`` in
the signed range of its width, an ``i1`` is a Python ``bool``, and a float is a numpy
scalar of its own precision (``np.float16``, ``np.float32``, ``np.float64``), so every
operation rounds as the element type does. Memrefs and tensors are numpy arrays of the
element dtype; ``index`` elements are ``int64``.
"""

from __future__ import annotations

import numpy as np
from xdsl.dialects.builtin import (
    Float16Type,
    Float32Type,
    Float64Type,
    IndexType,
    IntegerType,
    Signedness,
)
from xdsl.ir import Attribute

INDEX_WIDTH = 64
"""The width of ``index``: the executor models a 64-bit target."""

_FLOAT_DTYPES: dict[type[Attribute], np.dtype] = {
    Float16Type: np.dtype(np.float16),
    Float32Type: np.dtype(np.float32),
    Float64Type: np.dtype(np.float64),
}
_SIGNED_DTYPES = {8: np.int8, 16: np.int16, 32: np.int32, 64: np.int64}
_UNSIGNED_DTYPES = {8: np.uint8, 16: np.uint16, 32: np.uint32, 64: np.uint64}


def element_dtype(element_type: Attribute) -> np.dtype | None:
    """The numpy dtype that holds elements of ``element_type``; None when numpy has none
    (``bf16``, ``i3``, ...)."""
    if isinstance(element_type, IndexType):
        return np.dtype(np.int64)
    if isinstance(element_type, IntegerType):
        width = element_type.width.data
        if width == 1:
            return np.dtype(np.bool_)
        unsigned = element_type.signedness.data == Signedness.UNSIGNED
        dtype = (_UNSIGNED_DTYPES if unsigned else _SIGNED_DTYPES).get(width)
        return None if dtype is None else np.dtype(dtype)
    return _FLOAT_DTYPES.get(type(element_type))


def float_dtype(scalar_type: Attribute) -> np.dtype | None:
    """The dtype of a float type; None for any other type."""
    return _FLOAT_DTYPES.get(type(scalar_type))


def integer_width(scalar_type: Attribute) -> int | None:
    """The bit width of an integer or ``index`` type; None for any other type."""
    if isinstance(scalar_type, IndexType):
        return INDEX_WIDTH
    if isinstance(scalar_type, IntegerType):
        return scalar_type.width.data
    return None


def wrap_signed(value: int, width: int) -> int | bool:
    """``value`` reduced to ``width`` bits, in the executor's representation: the signed
    range for widths above 1, a bool for ``i1``."""
    if width == 1:
        return bool(value & 1)
    half = 1 << (width - 1)
    return ((value + half) & ((1 << width) - 1)) - half
