"""convert-scf-to-cf and convert-to-llvm, end to end and numerically.

The lowered llvm dialect goes through MLIR's `mlir-translate --mlir-to-llvmir` (irkit's own
translation is tested elsewhere) and is compiled with llvmlite's MCJIT. The
`_mlir_ciface_` entry points are called through ctypes with MLIR memref descriptors over
numpy arrays, and the results are compared with numpy. Skipped when MLIR's tools are not
installed (``pip install '.[mlir]'``, as CI does).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from irkit.diagnostics import DiagnosedError, SourceBuffer
from irkit.frontend import tc
from irkit.mlir_tools import find_mlir_tool, run_mlir_tool
from irkit.parsing import parse_module
from irkit.pass_pipeline import apply_pipeline
from irkit.printing import print_ir
from irkit.registry import make_context
from irkit.runtime.descriptors import memref_descriptor
from irkit.runtime.jit import compile_llvm_ir

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "tc"
TIMEOUT_S = 120


def _mlir_tool(name: str) -> Path:
    tool = find_mlir_tool(name)
    if tool is None:
        pytest.skip(f"MLIR's {name} is not installed: pip install '.[mlir]' to run this test")
    return tool


def _run_mlir_tool(name: str, arguments: list[str], text: str) -> str:
    proc = run_mlir_tool(_mlir_tool(name), arguments, text, TIMEOUT_S)
    if proc.returncode != 0:
        pytest.fail(f"{name} {' '.join(arguments)} rejects:\n{proc.stderr}\n--- input ---\n{text}")
    return proc.stdout


def _lower_to_llvm_dialect(text: str, name: str) -> str:
    module = parse_module(make_context(), SourceBuffer(name, text))
    apply_pipeline(module, "convert-scf-to-cf,convert-to-llvm")
    return print_ir(module)


class _Jit:
    """One LLVM IR module compiled for the host at -O0, so that the code runs as lowered;
    the compiled module keeps the code alive."""

    def __init__(self, llvm_ir: str) -> None:
        self.compiled = compile_llvm_ir(llvm_ir, opt_level=0)

    def memref_entry(self, name: str, arity: int) -> _MemrefEntry:
        """``_mlir_ciface_<name>`` taking ``arity`` memrefs."""
        address = self.compiled.function_address(f"_mlir_ciface_{name}")
        assert address, f"no _mlir_ciface_{name} in the module"
        function = ctypes.CFUNCTYPE(None, *([ctypes.c_void_p] * arity))(address)
        return _MemrefEntry(self, function)

    def scalar_entry(self, name: str, result: type, *arguments: type) -> Callable[..., object]:
        """``_mlir_ciface_<name>`` on scalars; the engine stays alive with the entry."""
        address = self.compiled.function_address(f"_mlir_ciface_{name}")
        assert address, f"no _mlir_ciface_{name} in the module"
        function = ctypes.CFUNCTYPE(result, *arguments)(address)
        function.jit = self  # type: ignore[attr-defined]
        return function


@dataclass(frozen=True)
class _MemrefEntry:
    """An entry point called with numpy arrays; it holds the engine that owns its code."""

    jit: _Jit
    function: Callable[..., None]

    def __call__(self, *arrays: np.ndarray) -> None:
        descriptors = [memref_descriptor(array, f"array #{i}") for i, array in enumerate(arrays)]
        self.function(*(ctypes.addressof(descriptor) for descriptor in descriptors))


@cache
def _matmul_llvm_ir() -> str:
    """matmul.tc through irkit-tc, lower-to-affine, mlir-opt's lower-affine, then irkit's
    convert-scf-to-cf and convert-to-llvm, and mlir-translate."""
    module = tc.parse((EXAMPLES / "matmul.tc").read_text(), filename="matmul.tc")
    apply_pipeline(module, "lower-to-affine")
    scf_level = _run_mlir_tool("mlir-opt", ["--lower-affine"], print_ir(module))
    llvm_dialect = _lower_to_llvm_dialect(scf_level, "matmul.mlir")
    return _run_mlir_tool("mlir-translate", ["--mlir-to-llvmir"], llvm_dialect)


def test_matmul_chain_yields_llvm_ir() -> None:
    llvm_ir = _matmul_llvm_ir()
    assert "define void @matmul(" in llvm_ir
    assert "define void @_mlir_ciface_matmul(ptr" in llvm_ir


@pytest.mark.parametrize(("m", "k", "n"), [(3, 5, 4), (1, 1, 1), (16, 7, 9)])
def test_matmul_matches_numpy(m: int, k: int, n: int) -> None:
    rng = np.random.default_rng(m * 100 + k * 10 + n)
    a = rng.standard_normal((m, k), dtype=np.float32)
    b = rng.standard_normal((k, n), dtype=np.float32)
    c = np.full((m, n), np.nan, dtype=np.float32)
    _Jit(_matmul_llvm_ir()).memref_entry("matmul", 3)(a, b, c)
    expected = a.astype(np.float64) @ b.astype(np.float64)
    np.testing.assert_allclose(c, expected, rtol=1e-5, atol=1e-5)


# A kernel at the scf level that uses every memref lowering at once: a strided subview,
# a heap temporary that is copied out and freed, a constant global, and a libm call.
_MEMREF_KERNEL = """
"memref.global"() <{constant, initial_value = dense<[0.5, -1.0, 2.0, 0.25]> : tensor<4xf32>,
  sym_name = "bias", sym_visibility = "private", type = memref<4xf32>}> : () -> ()
func.func @odd_columns(%x: memref<?x8xf32>, %out: memref<?x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %n = memref.dim %x, %c0 : memref<?x8xf32>
  %odd = memref.subview %x[0, 1] [%n, 4] [1, 2]
      : memref<?x8xf32> to memref<?x4xf32, strided<[8, 2], offset: 1>>
  %bias = memref.get_global @bias : memref<4xf32>
  %tmp = memref.alloc(%n) : memref<?x4xf32>
  scf.for %i = %c0 to %n step %c1 {
    scf.for %j = %c0 to %c4 step %c1 {
      %v = memref.load %odd[%i, %j] : memref<?x4xf32, strided<[8, 2], offset: 1>>
      %t = math.tanh %v : f32
      %b = memref.load %bias[%j] : memref<4xf32>
      %s = arith.addf %t, %b : f32
      memref.store %s, %tmp[%i, %j] : memref<?x4xf32>
    }
  }
  "memref.copy"(%tmp, %out) : (memref<?x4xf32>, memref<?x4xf32>) -> ()
  memref.dealloc %tmp : memref<?x4xf32>
  return
}
"""

# Integer kernels: floor and ceiling division (expanded from sdiv), and an scf.while.
_INTEGER_KERNEL = """
func.func @rounded_division(%a: memref<?xi64>, %b: memref<?xi64>, %floor: memref<?xi64>,
                            %ceil: memref<?xi64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %a, %c0 : memref<?xi64>
  scf.for %i = %c0 to %n step %c1 {
    %x = memref.load %a[%i] : memref<?xi64>
    %y = memref.load %b[%i] : memref<?xi64>
    %f = arith.floordivsi %x, %y : i64
    %c = arith.ceildivsi %x, %y : i64
    memref.store %f, %floor[%i] : memref<?xi64>
    memref.store %c, %ceil[%i] : memref<?xi64>
  }
  return
}
func.func @collatz_steps(%start: memref<?xi64>, %steps: memref<?xi64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1 : i64
  %two = arith.constant 2 : i64
  %three = arith.constant 3 : i64
  %zero = arith.constant 0 : i64
  %n = memref.dim %start, %c0 : memref<?xi64>
  scf.for %i = %c0 to %n step %c1 {
    %x0 = memref.load %start[%i] : memref<?xi64>
    %r:2 = scf.while (%x = %x0, %count = %zero) : (i64, i64) -> (i64, i64) {
      %more = arith.cmpi sgt, %x, %one : i64
      scf.condition(%more) %x, %count : i64, i64
    } do {
    ^bb0(%y: i64, %k: i64):
      %rem = arith.remsi %y, %two : i64
      %even = arith.cmpi eq, %rem, %zero : i64
      %half = arith.divsi %y, %two : i64
      %triple = arith.muli %y, %three : i64
      %odd = arith.addi %triple, %one : i64
      %next = arith.select %even, %half, %odd : i64
      %k1 = arith.addi %k, %one : i64
      scf.yield %next, %k1 : i64, i64
    }
    memref.store %r#1, %steps[%i] : memref<?xi64>
  }
  return
}
"""


@cache
def _jit_of(kernel: str, name: str) -> _Jit:
    llvm_dialect = _lower_to_llvm_dialect(kernel, name)
    return _Jit(_run_mlir_tool("mlir-translate", ["--mlir-to-llvmir"], llvm_dialect))


def test_memref_kernel_matches_numpy() -> None:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((5, 8), dtype=np.float32)
    out = np.full((5, 4), np.nan, dtype=np.float32)
    _jit_of(_MEMREF_KERNEL, "odd_columns.mlir").memref_entry("odd_columns", 2)(x, out)
    bias = np.array([0.5, -1.0, 2.0, 0.25])
    np.testing.assert_allclose(out, np.tanh(x[:, 1::2].astype(np.float64)) + bias, rtol=1e-6)


def test_rounded_division_matches_numpy() -> None:
    a = np.array([7, -7, 7, -7, 6, -6, 0, 1, -1], dtype=np.int64)
    b = np.array([2, 2, -2, -2, 3, 3, 5, -4, 4], dtype=np.int64)
    floor = np.zeros_like(a)
    ceil = np.zeros_like(a)
    entry = _jit_of(_INTEGER_KERNEL, "integer.mlir").memref_entry("rounded_division", 4)
    entry(a, b, floor, ceil)
    np.testing.assert_array_equal(floor, np.floor_divide(a, b))
    np.testing.assert_array_equal(ceil, -np.floor_divide(-a, b))


def _collatz_steps(start: int) -> int:
    steps = 0
    while start > 1:
        start = start // 2 if start % 2 == 0 else 3 * start + 1
        steps += 1
    return steps


def test_while_loop_matches_python() -> None:
    start = np.array([1, 2, 3, 6, 7, 27], dtype=np.int64)
    steps = np.full_like(start, -1)
    _jit_of(_INTEGER_KERNEL, "integer.mlir").memref_entry("collatz_steps", 2)(start, steps)
    np.testing.assert_array_equal(steps, [_collatz_steps(int(value)) for value in start])


# Vector code as lower-affine makes it from affine.vector_load/store: y = a * x + y over
# vectors of 4, and the sum of the new y through a vector reduction.
_VECTOR_KERNEL = """
func.func @axpy_sum(%x: memref<?xf32>, %y: memref<?xf32>, %a: memref<f32>, %total: memref<f32>) {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  %n = memref.dim %x, %c0 : memref<?xf32>
  %alpha = memref.load %a[] : memref<f32>
  %va = vector.broadcast %alpha : f32 to vector<4xf32>
  %sum = scf.for %i = %c0 to %n step %c4 iter_args(%acc = %zero) -> (f32) {
    %vx = vector.load %x[%i] : memref<?xf32>, vector<4xf32>
    %vy = vector.load %y[%i] : memref<?xf32>, vector<4xf32>
    %r = vector.fma %va, %vx, %vy : vector<4xf32>
    vector.store %r, %y[%i] : memref<?xf32>, vector<4xf32>
    %s = vector.reduction <add>, %r, %acc : vector<4xf32> into f32
    scf.yield %s : f32
  }
  memref.store %sum, %total[] : memref<f32>
  return
}
"""


def test_vector_kernel_matches_numpy() -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal(12, dtype=np.float32)
    y = rng.standard_normal(12, dtype=np.float32)
    alpha = np.array(1.5, dtype=np.float32)
    total = np.array(np.nan, dtype=np.float32)
    expected = alpha.astype(np.float64) * x + y
    _jit_of(_VECTOR_KERNEL, "axpy.mlir").memref_entry("axpy_sum", 4)(x, y, alpha, total)
    np.testing.assert_allclose(y, expected, rtol=1e-6)
    np.testing.assert_allclose(total, expected.sum(), rtol=1e-5)


_SWITCH_KERNEL = """
func.func @pick(%k: index) -> i32 {
  %r = scf.index_switch %k -> i32
  case 2 {
    %c20 = arith.constant 20 : i32
    scf.yield %c20 : i32
  }
  case 5 {
    %c50 = arith.constant 50 : i32
    scf.yield %c50 : i32
  }
  default {
    %c0 = arith.constant -1 : i32
    scf.yield %c0 : i32
  }
  return %r : i32
}
"""


def test_switch_picks_the_matching_case() -> None:
    pick = _jit_of(_SWITCH_KERNEL, "switch.mlir").scalar_entry(
        "pick", ctypes.c_int32, ctypes.c_int64
    )
    expected = {2: 20, 5: 50}
    for key in range(-1, 8):
        assert pick(key) == expected.get(key, -1)


def test_unlowerable_op_raises_a_diagnosed_error() -> None:
    module = parse_module(
        make_context(),
        SourceBuffer(
            "tensor.mlir",
            "func.func @f() {\n  %t = tensor.empty() : tensor<2xf32>\n  return\n}\n",
        ),
    )
    with pytest.raises(DiagnosedError):
        apply_pipeline(module, "convert-to-llvm")
