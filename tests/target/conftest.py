"""Helpers for the tests of irkit.target: JIT-compiling LLVM IR, as generated, and calling
its C-interface entry points with MLIR memref descriptors over numpy arrays."""

from __future__ import annotations

import ctypes

import numpy as np
import pytest

from irkit.runtime.descriptors import memref_descriptor
from irkit.runtime.jit import compile_llvm_ir


class Jit:
    """One LLVM IR module compiled for the host at -O0, so that the code runs as the
    translation wrote it; the compiled module keeps the code alive."""

    def __init__(self, llvm_ir: str) -> None:
        self.compiled = compile_llvm_ir(llvm_ir, opt_level=0)

    def function_address(self, symbol: str) -> int:
        return self.compiled.function_address(symbol)

    def call_memrefs(self, name: str, *arrays: np.ndarray) -> None:
        """Call `_mlir_ciface_<name>` with one memref descriptor per array."""
        address = self.function_address(f"_mlir_ciface_{name}")
        assert address, f"no _mlir_ciface_{name} in the module"
        function = ctypes.CFUNCTYPE(None, *([ctypes.c_void_p] * len(arrays)))(address)
        descriptors = [memref_descriptor(array, f"array #{i}") for i, array in enumerate(arrays)]
        function(*(ctypes.addressof(descriptor) for descriptor in descriptors))


@pytest.fixture
def make_jit() -> type[Jit]:
    return Jit
