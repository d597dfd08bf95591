"""Interop: llvm-dialect IR from MLIR's own lowering, translated by irkit-translate.

An affine kernel goes through mlir-opt 22 (`--lower-affine --convert-scf-to-cf
--convert-to-llvm`), then irkit-translate; the LLVM IR is JIT-compiled and its result is
compared with numpy. mlir-opt's output is taken in the generic form: xDSL 0.74 cannot parse
the custom form of MLIR 22's `llvm.getelementptr` with no-wrap flags (`inbounds|nuw`).
Skipped when mlir-opt is not installed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from irkit.tools.irkit_translate import main

from irkit.mlir_tools import find_mlir_tool, run_mlir_tool

_AFFINE_KERNEL = """
func.func @exp_matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>)
    attributes {llvm.emit_c_interface} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %a, %c0 : memref<?x?xf32>
  %k = memref.dim %a, %c1 : memref<?x?xf32>
  %n = memref.dim %b, %c1 : memref<?x?xf32>
  affine.for %i = 0 to %m {
    affine.for %j = 0 to %n {
      %zero = arith.constant 0.0 : f32
      %sum = affine.for %r = 0 to %k iter_args(%acc = %zero) -> f32 {
        %x = affine.load %a[%i, %r] : memref<?x?xf32>
        %y = affine.load %b[%r, %j] : memref<?x?xf32>
        %p = arith.mulf %x, %y : f32
        %s = arith.addf %acc, %p : f32
        affine.yield %s : f32
      }
      %e = math.exp %sum : f32
      affine.store %e, %c[%i, %j] : memref<?x?xf32>
    }
  }
  return
}
"""


@pytest.mark.parametrize("opt_level", ["-O0", "-O3"])
def test_mlir_lowered_kernel_runs(tmp_path: Path, opt_level: str, make_jit: Callable) -> None:
    mlir_opt = find_mlir_tool("mlir-opt")
    if mlir_opt is None:
        pytest.skip("MLIR's mlir-opt is not installed: pip install '.[mlir]'")
    passes = ["--lower-affine", "--convert-scf-to-cf", "--convert-to-llvm"]
    lowering = run_mlir_tool(
        mlir_opt,
        [*passes, "--reconcile-unrealized-casts", "--mlir-print-op-generic"],
        _AFFINE_KERNEL,
    )
    assert lowering.returncode == 0, lowering.stderr
    lowered = lowering.stdout
    assert "llvm.mlir.poison" in lowered  # what MLIR emits and xDSL's dialect lacks
    source = tmp_path / "kernel.mlir"
    source.write_text(lowered)
    output = tmp_path / "kernel.ll"
    assert main([str(source), "--mlir-to-llvmir", opt_level, "-o", str(output)]) == 0

    rng = np.random.default_rng(7)
    a = rng.uniform(-0.5, 0.5, (5, 6)).astype(np.float32)
    b = rng.uniform(-0.5, 0.5, (6, 4)).astype(np.float32)
    c = np.full((5, 4), np.nan, dtype=np.float32)
    make_jit(output.read_text()).call_memrefs("exp_matmul", a, b, c)
    expected = np.exp(a.astype(np.float64) @ b.astype(np.float64))
    np.testing.assert_allclose(c, expected, rtol=1e-5)
