"""Parallel loops on libgomp threads (convert-scf-parallel-to-gomp): the results are
numpy's and the same bits with any thread count, more than one thread really runs, and
the thread count comes from the argument, IRKIT_NUM_THREADS, OMP_NUM_THREADS or the
cores, in that order."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

import irkit.runtime.jit as jit
from irkit.frontend import tc
from irkit.pass_pipeline import apply_pipeline
from irkit.runtime import CompileError, compile
from irkit.runtime.kernel import resolve_num_threads

THREAD_COUNTS = (1, 2, 3)

MATMUL_TC = """
def matmul(float(M,K) A, float(K,N) B) -> (C) {
    C(m, n) +=! A(m, r_k) * B(r_k, n)
}
"""

ELEMENTWISE = """
func.func @fma(%A: memref<37x21xf32>, %B: memref<37x21xf32>, %C: memref<37x21xf32>) {
  affine.parallel (%i, %j) = (0, 0) to (37, 21) {
    %a = affine.load %A[%i, %j] : memref<37x21xf32>
    %b = affine.load %B[%i, %j] : memref<37x21xf32>
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %p, %a : f32
    affine.store %s, %C[%i, %j] : memref<37x21xf32>
  }
  return
}
"""

MATVEC = """
func.func @matvec(%A: memref<45x29xf32>, %x: memref<29xf32>, %y: memref<45xf32>) {
  affine.parallel (%i) = (0) to (45) {
    %zero = arith.constant 0.0 : f32
    %sum = affine.for %k = 0 to 29 iter_args(%acc = %zero) -> (f32) {
      %a = affine.load %A[%i, %k] : memref<45x29xf32>
      %b = affine.load %x[%k] : memref<29xf32>
      %p = arith.mulf %a, %b : f32
      %q = arith.addf %acc, %p : f32
      affine.yield %q : f32
    }
    affine.store %sum, %y[%i] : memref<45xf32>
  }
  return
}
"""

# A parallel loop with a reduction runs sequentially, so that its sum has the same bits
# with any thread count.
TOTAL = """
func.func @total(%A: memref<53xf32>, %out: memref<1xf32>) {
  %sum = affine.parallel (%i) = (0) to (53) reduce ("addf") -> (f32) {
    %a = affine.load %A[%i] : memref<53xf32>
    affine.yield %a : f32
  }
  affine.store %sum, %out[0] : memref<1xf32>
  return
}
"""

# A parallel loop nested in another, and one inside a sequential loop: dispatched on each
# of its iterations.
NESTED = """
func.func @nested(%A: memref<19x23xf32>, %B: memref<19x23xf32>) {
  affine.parallel (%i) = (0) to (19) {
    affine.parallel (%j) = (0) to (23) {
      %a = affine.load %A[%i, %j] : memref<19x23xf32>
      affine.store %a, %B[%i, %j] : memref<19x23xf32>
    }
  }
  affine.for %t = 0 to 3 {
    affine.parallel (%i, %j) = (0, 0) to (19, 23) {
      %a = affine.load %A[%i, %j] : memref<19x23xf32>
      %b = affine.load %B[%i, %j] : memref<19x23xf32>
      %s = arith.addf %a, %b : f32
      affine.store %s, %B[%i, %j] : memref<19x23xf32>
    }
  }
  return
}
"""

THREAD_IDS = """
func.func private @omp_get_thread_num() -> i32
func.func @thread_ids(%ids: memref<64xi32>) {
  affine.parallel (%i) = (0) to (64) {
    %t = func.call @omp_get_thread_num() : () -> i32
    affine.store %t, %ids[%i] : memref<64xi32>
  }
  return
}
"""


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / f"{name}.mlir"
    path.write_text(text)
    return str(path)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(7)


def test_elementwise_is_numpy_with_any_thread_count(
    tmp_path: Path, rng: np.random.Generator
) -> None:
    path = _write(tmp_path, "fma", ELEMENTWISE)
    a = rng.standard_normal((37, 21), dtype=np.float32)
    b = rng.standard_normal((37, 21), dtype=np.float32)
    results = [compile(path, num_threads=n)(a, b) for n in THREAD_COUNTS]
    np.testing.assert_allclose(results[0], a * b + a, rtol=1e-6, atol=1e-6)
    for result in results[1:]:
        np.testing.assert_array_equal(result, results[0])


def test_matvec_is_numpy_with_any_thread_count(tmp_path: Path, rng: np.random.Generator) -> None:
    path = _write(tmp_path, "matvec", MATVEC)
    a = rng.standard_normal((45, 29), dtype=np.float32)
    x = rng.standard_normal(29, dtype=np.float32)
    results = [compile(path, num_threads=n)(a, x) for n in THREAD_COUNTS]
    expected = a.astype(np.float64) @ x.astype(np.float64)
    np.testing.assert_allclose(results[0], expected, rtol=1e-5, atol=1e-5)
    for result in results[1:]:
        np.testing.assert_array_equal(result, results[0])


def test_nested_and_repeated_loops_are_numpy_with_any_thread_count(
    tmp_path: Path, rng: np.random.Generator
) -> None:
    path = _write(tmp_path, "nested", NESTED)
    a = rng.standard_normal((19, 23), dtype=np.float32)
    results = [compile(path, num_threads=n)(a) for n in THREAD_COUNTS]
    np.testing.assert_array_equal(results[0], a + a + a + a)
    for result in results[1:]:
        np.testing.assert_array_equal(result, results[0])


def test_affine_parallelize_matmul_at_o3_has_the_same_bits_with_1_and_2_threads(
    rng: np.random.Generator,
) -> None:
    module = tc.parse(MATMUL_TC)
    apply_pipeline(module, "lower-to-affine,affine-parallelize")
    a = rng.standard_normal((33, 47), dtype=np.float32)
    b = rng.standard_normal((47, 29), dtype=np.float32)
    one, two = (compile(module, opt_level=3, num_threads=n)(a, b) for n in (1, 2))
    np.testing.assert_allclose(one, a.astype(np.float64) @ b, rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(two, one)


def test_reduction_has_the_same_bits_with_any_thread_count(
    tmp_path: Path, rng: np.random.Generator
) -> None:
    path = _write(tmp_path, "total", TOTAL)
    a = rng.standard_normal(53, dtype=np.float32)
    results = [compile(path, num_threads=n)(a) for n in THREAD_COUNTS]
    np.testing.assert_allclose(results[0], [a.astype(np.float64).sum()], rtol=1e-5)
    for result in results[1:]:
        np.testing.assert_array_equal(result, results[0])


@pytest.mark.parametrize("num_threads", [1, 2, 3])
def test_each_thread_runs_one_contiguous_chunk(tmp_path: Path, num_threads: int) -> None:
    ids = compile(_write(tmp_path, "ids", THREAD_IDS), num_threads=num_threads)()
    chunk = -(-64 // num_threads)
    np.testing.assert_array_equal(ids, np.arange(64) // chunk)


def test_environment_sets_the_thread_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IRKIT_NUM_THREADS", "2")
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    kernel = compile(_write(tmp_path, "ids", THREAD_IDS))
    assert kernel.num_threads == 2
    assert sorted(set(kernel().tolist())) == [0, 1]


def test_kernels_of_one_program_keep_their_own_thread_counts(tmp_path: Path) -> None:
    path = _write(tmp_path, "ids", THREAD_IDS)
    two, three = compile(path, num_threads=2), compile(path, num_threads=3)
    assert set(three().tolist()) == {0, 1, 2}
    assert set(two().tolist()) == {0, 1}


def test_thread_count_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IRKIT_NUM_THREADS", "5")
    monkeypatch.setenv("OMP_NUM_THREADS", "7,2")
    assert resolve_num_threads(3) == 3
    assert resolve_num_threads() == 5
    monkeypatch.setenv("IRKIT_NUM_THREADS", "")
    assert resolve_num_threads() == 7
    monkeypatch.delenv("IRKIT_NUM_THREADS")
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert resolve_num_threads() == len(os.sched_getaffinity(0))


@pytest.mark.parametrize(
    ("variable", "value"), [("IRKIT_NUM_THREADS", "many"), ("OMP_NUM_THREADS", "0")]
)
def test_bad_thread_count_in_the_environment(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.delenv("IRKIT_NUM_THREADS", raising=False)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValueError, match=f"{variable} must be a positive integer"):
        resolve_num_threads()


@pytest.mark.parametrize("num_threads", [0, -1, True, 2.0])
def test_bad_thread_count_argument(num_threads: object) -> None:
    with pytest.raises(ValueError, match="num_threads must be a positive integer"):
        resolve_num_threads(num_threads)  # type: ignore[arg-type]


def test_missing_libgomp_is_a_compile_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jit, "_openmp_loaded", False)
    monkeypatch.setattr(jit, "OPENMP_LIBRARY", "libirkit-no-such-gomp.so.1")
    monkeypatch.setattr(jit.ctypes.util, "find_library", lambda name: None)
    # A program no other test compiles, so that no cached engine answers.
    source = THREAD_IDS.replace("64", "65")
    with pytest.raises(CompileError, match="libgomp, which could not be loaded"):
        compile(_write(tmp_path, "ids65", source), num_threads=2)


def test_irkit_run_num_threads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from irkit.tools.irkit_run import main

    monkeypatch.setenv("IRKIT_NUM_THREADS", "3")
    path = _write(tmp_path, "ids", THREAD_IDS)
    output = str(tmp_path / "ids.npz")
    assert main([path, "--num-threads", "2", "-o", output]) == 0
    np.testing.assert_array_equal(np.load(output)["arr_0"], np.arange(64) // 32)
    assert main([path, "-o", output]) == 0
    np.testing.assert_array_equal(np.load(output)["arr_0"], np.arange(64) // 22)
    assert main([path, "--num-threads", "0"]) == 1
    assert "--num-threads expects a positive integer, got '0'" in capsys.readouterr().err
    monkeypatch.setenv("IRKIT_NUM_THREADS", "two")
    assert main([path]) == 1
    assert "IRKIT_NUM_THREADS must be a positive integer, got 'two'" in capsys.readouterr().err
