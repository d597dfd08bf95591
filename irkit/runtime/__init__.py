"""The JIT runtime: programs compiled to native code for the host and called with numpy
arrays through MLIR's memref descriptors, without copying.

    kernel = irkit.runtime.compile("examples/tc/matmul.tc", opt_level=3)
    C = kernel(A, B)

Wrong array count, dtype, rank, shape or a non-contiguous array raise
:class:`ArgumentError` (a ValueError); a program that cannot be compiled raises
:class:`CompileError`.
"""

from irkit.reference.errors import ArgumentError
from irkit.runtime.jit import JitError, compile_llvm_ir
from irkit.runtime.kernel import CompileError, Kernel, compile, outputs_as_list

__all__ = [
    "ArgumentError",
    "CompileError",
    "JitError",
    "Kernel",
    "compile",
    "compile_llvm_ir",
    "outputs_as_list",
]
