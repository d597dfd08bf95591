"""Helpers for the tests of irkit.target: JIT-compiling LLVM IR and calling its C-interface
entry points with MLIR memref descriptors over numpy arrays."""

from __future__ import annotations

import ctypes

import llvmlite.binding as llvm
import numpy as np
import pytest


def _memref_descriptor_type(rank: int) -> type[ctypes.Structure]:
    fields = [
        ("allocated", ctypes.c_void_p),
        ("aligned", ctypes.c_void_p),
        ("offset", ctypes.c_int64),
    ]
    if rank:
        fields += [("sizes", ctypes.c_int64 * rank), ("strides", ctypes.c_int64 * rank)]
    return type(f"MemRef{rank}D", (ctypes.Structure,), {"_fields_": fields})


def memref_descriptor(array: np.ndarray) -> ctypes.Structure:
    """MLIR's descriptor of a C-contiguous array: no offset, strides in elements."""
    assert array.flags.c_contiguous
    descriptor = _memref_descriptor_type(array.ndim)()
    descriptor.allocated = descriptor.aligned = array.ctypes.data
    descriptor.offset = 0
    for dim, (size, stride) in enumerate(zip(array.shape, array.strides, strict=True)):
        descriptor.sizes[dim] = size
        descriptor.strides[dim] = stride // array.itemsize
    return descriptor


class Jit:
    """An MCJIT engine for one LLVM IR module; the engine keeps the code alive."""

    def __init__(self, llvm_ir: str) -> None:
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        module = llvm.parse_assembly(llvm_ir)
        module.verify()
        machine = llvm.Target.from_default_triple().create_target_machine()
        self.engine = llvm.create_mcjit_compiler(module, machine)
        self.engine.finalize_object()

    def call_memrefs(self, name: str, *arrays: np.ndarray) -> None:
        """Call `_mlir_ciface_<name>` with one memref descriptor per array."""
        address = self.engine.get_function_address(f"_mlir_ciface_{name}")
        assert address, f"no _mlir_ciface_{name} in the module"
        function = ctypes.CFUNCTYPE(None, *([ctypes.c_void_p] * len(arrays)))(address)
        descriptors = [memref_descriptor(array) for array in arrays]
        function(*(ctypes.addressof(descriptor) for descriptor in descriptors))


@pytest.fixture
def make_jit() -> type[Jit]:
    return Jit
