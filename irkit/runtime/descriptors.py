"""MLIR's memref descriptors over numpy arrays, without copying.

A rank-N memref is passed to a ``_mlir_ciface_`` entry point as a pointer to
``{ptr allocated, ptr aligned, i64 offset, i64 sizes[N], i64 strides[N]}``, strides counted
in elements. Scalars are passed by value.
"""

from __future__ import annotations

import ctypes
from functools import cache

import numpy as np
from xdsl.dialects.builtin import (
    Float32Type,
    Float64Type,
    IndexType,
    IntegerType,
)
from xdsl.ir import Attribute

from irkit.reference.errors import ArgumentError


@cache
def memref_descriptor_type(rank: int) -> type[ctypes.Structure]:
    """The ctypes structure of a rank-``rank`` memref descriptor."""
    fields: list[tuple[str, type]] = [
        ("allocated", ctypes.c_void_p),
        ("aligned", ctypes.c_void_p),
        ("offset", ctypes.c_int64),
    ]
    if rank:
        fields += [("sizes", ctypes.c_int64 * rank), ("strides", ctypes.c_int64 * rank)]
    return type(f"MemRefDescriptor{rank}D", (ctypes.Structure,), {"_fields_": fields})


def memref_descriptor(array: np.ndarray, label: str) -> ctypes.Structure:
    """The descriptor of a C-contiguous, aligned array; it points into the array's data,
    which must outlive the call."""
    if not array.flags.c_contiguous:
        raise ArgumentError(
            f"{label} is not C-contiguous (strides {list(array.strides)}); the kernel takes "
            "arrays in row-major order: pass numpy.ascontiguousarray(...) of it"
        )
    if not array.flags.aligned:
        raise ArgumentError(f"{label} is not aligned to its element size")
    descriptor = memref_descriptor_type(array.ndim)()
    descriptor.allocated = descriptor.aligned = array.ctypes.data
    descriptor.offset = 0
    for dim, size in enumerate(array.shape):
        descriptor.sizes[dim] = size
        # Any stride is valid for a dimension of size 1; MLIR's row-major one is used.
        descriptor.strides[dim] = int(np.prod(array.shape[dim + 1 :], dtype=np.int64))
    return descriptor


def scalar_ctype(scalar_type: Attribute) -> type | None:
    """The ctypes type that carries a scalar of ``scalar_type`` by value, if any."""
    if isinstance(scalar_type, IndexType):
        return ctypes.c_int64
    if isinstance(scalar_type, IntegerType):
        return {
            1: ctypes.c_bool,
            8: ctypes.c_int8,
            16: ctypes.c_int16,
            32: ctypes.c_int32,
            64: ctypes.c_int64,
        }.get(scalar_type.width.data)
    if isinstance(scalar_type, Float32Type):
        return ctypes.c_float
    if isinstance(scalar_type, Float64Type):
        return ctypes.c_double
    return None
