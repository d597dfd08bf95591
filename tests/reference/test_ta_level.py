"""The reference executor on hand-written ``ta`` IR, checked against numpy."""

from __future__ import annotations

import re

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

import irkit.reference
from irkit.reference import ArgumentError, ExecutionError, tensor_level

RNG = np.random.default_rng(11)


def random(*shape: int, dtype: type = np.float32) -> np.ndarray:
    return RNG.standard_normal(shape).astype(dtype)


MATMUL = """
func.func @matmul(
    %A: tensor<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s1)>},
    %B: tensor<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s1, s2)>})
    -> (tensor<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s2)>})
    attributes {ta.size_vars = ["M", "K", "N"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %K = tensor.dim %A, %c1 : tensor<?x?xf32>
  %N = tensor.dim %B, %c1 : tensor<?x?xf32>
  %C = ta.comprehension reduce(add, init) (m: 0 to %M, n: 0 to %N, r_k: 0 to %K)
      ins(%A[m, r_k], %B[r_k, n] : tensor<?x?xf32>, tensor<?x?xf32>)
      outs[m, n] -> tensor<?x?xf32> {
  ^bb0(%a: f32, %b: f32):
    %p = arith.mulf %a, %b : f32
    ta.yield %p : f32
  }
  return %C : tensor<?x?xf32>
}
func.func @chain(%A: tensor<?x?xf32>, %B: tensor<?x?xf32>, %Z: tensor<?x?xf32>)
    -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %AB = func.call @matmul(%A, %B) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %ABZ = func.call @matmul(%AB, %Z) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %AB, %ABZ : tensor<?x?xf32>, tensor<?x?xf32>
}
"""


def test_matmul(parse) -> None:
    a, b = random(5, 6), random(6, 4)
    c = irkit.reference.run(parse(MATMUL), "matmul", a, b)
    assert c.dtype == np.float32
    np.testing.assert_allclose(c, np.einsum("mk,kn->mn", a, b), rtol=1e-5, atol=1e-5)


def test_calls_between_functions(parse) -> None:
    a, b, z = random(3, 4), random(4, 5), random(5, 2)
    ab, abz = irkit.reference.run(parse(MATMUL), "chain", a, b, z)
    np.testing.assert_allclose(ab, a @ b, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(abz, (a @ b) @ z, rtol=1e-5, atol=1e-5)


def test_the_affine_lowering_computes_the_same(parse) -> None:
    """The same module before and after lower-to-affine, on the same inputs."""
    from irkit.pass_pipeline import apply_pipeline

    module = parse(MATMUL)
    a, b = random(4, 7), random(7, 3)
    at_ta_level = irkit.reference.run(module, "matmul", a, b)
    apply_pipeline(module, "lower-to-affine")
    at_affine_level = irkit.reference.run(module, "matmul", a, b)
    np.testing.assert_allclose(at_affine_level, at_ta_level, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(at_affine_level, a @ b, rtol=1e-5, atol=1e-5)


CONV = """
func.func @conv(%I: tensor<?x?xf32>, %K: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %H = tensor.dim %I, %c0 : tensor<?x?xf32>
  %W = tensor.dim %I, %c1 : tensor<?x?xf32>
  %KH = tensor.dim %K, %c0 : tensor<?x?xf32>
  %KW = tensor.dim %K, %c1 : tensor<?x?xf32>
  %O = ta.comprehension reduce(add, init)
      (h: 0 to (%H - %KH) floordiv 2 + 1, w: 0 to %W - %KW + 1, r_kh: 0 to %KH, r_kw: 0 to %KW)
      ins(%I[2 * h + r_kh, w + r_kw], %K[r_kh, r_kw] : tensor<?x?xf32>, tensor<?x?xf32>)
      outs[h, w] -> tensor<?x?xf32> {
  ^bb0(%x: f32, %k: f32):
    %p = arith.mulf %x, %k : f32
    ta.yield %p : f32
  }
  return %O : tensor<?x?xf32>
}
"""


@pytest.mark.parametrize("height", [9, 10])
def test_strided_conv(parse, height: int) -> None:
    image, kernel = random(height, 7), random(3, 2)
    out = irkit.reference.run(parse(CONV), "conv", image, kernel)
    windows = sliding_window_view(image, kernel.shape)[::2]
    np.testing.assert_allclose(out, np.einsum("hwij,ij->hw", windows, kernel), rtol=1e-5, atol=1e-5)


def test_where_bounded_range_updates_init(parse) -> None:
    """S = A, then S(i) = A(i - 1) + A(i + 1) for 1 <= i < N - 1."""
    module = parse(
        """
        func.func @smooth(%A: tensor<?xf32>) -> tensor<?xf32> {
          %c0 = arith.constant 0 : index
          %N = tensor.dim %A, %c0 : tensor<?xf32>
          %S = ta.comprehension (i: 1 to %N - 1)
              ins(%A[i - 1], %A[i + 1] : tensor<?xf32>, tensor<?xf32>)
              outs(%A[i] : tensor<?xf32>) -> tensor<?xf32> {
          ^bb0(%l: f32, %r: f32):
            %s = arith.addf %l, %r : f32
            ta.yield %s : f32
          }
          return %S : tensor<?xf32>
        }
        """
    )
    a = random(8)
    original = a.copy()
    expected = a.copy()
    expected[1:-1] = a[:-2] + a[2:]
    np.testing.assert_array_equal(irkit.reference.run(module, "smooth", a), expected)
    np.testing.assert_array_equal(a, original)  # tensors are values: the input is unchanged


REDUCTIONS = """
func.func @rows(%A: tensor<?x?xf32>) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %N = tensor.dim %A, %c1 : tensor<?x?xf32>
  %max = ta.comprehension reduce(max, init) (m: 0 to %M, r_n: 0 to %N)
      ins(%A[m, r_n] : tensor<?x?xf32>) outs[m] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %min = ta.comprehension reduce(min, init) (m: 0 to %M, r_n: 0 to %N)
      ins(%A[m, r_n] : tensor<?x?xf32>) outs[m] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %prod = ta.comprehension reduce(mul, init) (m: 0 to %M, r_n: 0 to %N)
      ins(%A[m, r_n] : tensor<?x?xf32>) outs[m] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %max, %min, %prod : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}
func.func @accumulate(%C: tensor<3x4xi32>, %A: tensor<3x5xi32>) -> tensor<3x4xi32> {
  %S = ta.comprehension reduce(add) (m: 0 to 3, n: 0 to 4, r_k: 0 to 5)
      ins(%A[m, r_k] : tensor<3x5xi32>) outs(%C[m, n] : tensor<3x4xi32>) -> tensor<3x4xi32> {
  ^bb0(%a: i32):
    ta.yield %a : i32
  }
  return %S : tensor<3x4xi32>
}
"""


def test_reductions_start_from_their_identity(parse) -> None:
    """All-negative rows: a max starting from 0 instead of -inf would give 0."""
    a = -np.abs(random(4, 6)) - 0.5
    largest, smallest, product = irkit.reference.run(parse(REDUCTIONS), "rows", a)
    np.testing.assert_array_equal(largest, a.max(axis=1))
    np.testing.assert_array_equal(smallest, a.min(axis=1))
    np.testing.assert_allclose(product, np.prod(a.astype(np.float64), axis=1), rtol=1e-5)


def test_reduction_into_init(parse) -> None:
    c = RNG.integers(-50, 50, (3, 4), dtype=np.int32)
    a = RNG.integers(-50, 50, (3, 5), dtype=np.int32)
    result = irkit.reference.run(parse(REDUCTIONS), "accumulate", c, a)
    np.testing.assert_array_equal(result, c + a.sum(axis=1, keepdims=True))


def test_reductions_in_slices_of_the_box(parse, monkeypatch: pytest.MonkeyPatch) -> None:
    """A box larger than the slice limit runs in slices and still reduces everything."""
    a, b = random(7, 5), random(5, 3)
    whole = irkit.reference.run(parse(MATMUL), "matmul", a, b)
    monkeypatch.setattr(tensor_level, "MAX_BOX_ELEMENTS", 16)
    sliced = irkit.reference.run(parse(MATMUL), "matmul", a, b)
    np.testing.assert_allclose(sliced, whole, rtol=1e-6)
    np.testing.assert_allclose(sliced, a @ b, rtol=1e-5, atol=1e-5)


def test_index_values_sizes_and_transposed_output(parse) -> None:
    """R(n, m) = A(m, n) + m * N + n: ta.index, a size used in the region, and an output
    map that transposes."""
    module = parse(
        """
        func.func @ramp(%A: tensor<?x?xf64>) -> tensor<?x?xf64> {
          %c0 = arith.constant 0 : index
          %c1 = arith.constant 1 : index
          %M = tensor.dim %A, %c0 : tensor<?x?xf64>
          %N = tensor.dim %A, %c1 : tensor<?x?xf64>
          %R = ta.comprehension (m: 0 to %M, n: 0 to %N) ins(%A[m, n] : tensor<?x?xf64>)
              outs[n, m] -> tensor<?x?xf64> {
          ^bb0(%a: f64):
            %i = ta.index 0 : index
            %j = ta.index 1 : index
            %row = arith.muli %i, %N : index
            %pos = arith.addi %row, %j : index
            %pos64 = arith.index_cast %pos : index to i64
            %posf = arith.sitofp %pos64 : i64 to f64
            %r = arith.addf %a, %posf : f64
            ta.yield %r : f64
          }
          return %R : tensor<?x?xf64>
        }
        """
    )
    a = random(3, 5, dtype=np.float64)
    expected = (a + np.arange(15).reshape(3, 5)).T
    np.testing.assert_array_equal(irkit.reference.run(module, "ramp", a), expected)


def test_rank_zero_result(parse) -> None:
    module = parse(
        """
        func.func @dot(%x: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<f64> {
          %c0 = arith.constant 0 : index
          %N = tensor.dim %x, %c0 : tensor<?xf64>
          %d = ta.comprehension reduce(add, init) (r_i: 0 to %N)
              ins(%x[r_i], %y[r_i] : tensor<?xf64>, tensor<?xf64>) outs[] -> tensor<f64> {
          ^bb0(%a: f64, %b: f64):
            %p = arith.mulf %a, %b : f64
            ta.yield %p : f64
          }
          return %d : tensor<f64>
        }
        """
    )
    x, y = random(9, dtype=np.float64), random(9, dtype=np.float64)
    result = irkit.reference.run(module, "dot", x, y)
    assert result.shape == () and float(result) == pytest.approx(float(np.dot(x, y)), rel=1e-12)


def test_empty_box_leaves_the_result_at_its_start(parse) -> None:
    a = np.zeros((0, 3), np.float32)
    largest, _, product = irkit.reference.run(
        parse(REDUCTIONS), "rows", np.zeros((2, 0), np.float32)
    )
    np.testing.assert_array_equal(largest, [-np.inf, -np.inf])
    np.testing.assert_array_equal(product, [1.0, 1.0])
    assert irkit.reference.run(parse(MATMUL), "matmul", a, random(3, 2)).shape == (0, 2)


def test_out_of_bounds_read(parse) -> None:
    module = parse(
        """
        func.func @shift(%A: tensor<?xf32>) -> tensor<?xf32> {
          %c0 = arith.constant 0 : index
          %N = tensor.dim %A, %c0 : tensor<?xf32>
          %S = ta.comprehension (i: 0 to %N) ins(%A[i + 1] : tensor<?xf32>)
              outs[i] -> tensor<?xf32> {
          ^bb0(%a: f32):
            ta.yield %a : f32
          }
          return %S : tensor<?xf32>
        }
        """
    )
    with pytest.raises(ExecutionError) as error:
        irkit.reference.run(module, "shift", random(4))
    assert str(error.value) == (
        "test.mlir:5:16: error: 'ta.comprehension' op reads indices 1 to 4 of dimension 0 "
        "of input 0, which has size 4"
    )


def test_division_by_zero_in_a_region(parse) -> None:
    module = parse(
        """
        func.func @ratio(%A: tensor<4xi32>, %B: tensor<4xi32>) -> tensor<4xi32> {
          %R = ta.comprehension (i: 0 to 4) ins(%A[i], %B[i] : tensor<4xi32>, tensor<4xi32>)
              outs[i] -> tensor<4xi32> {
          ^bb0(%a: i32, %b: i32):
            %q = arith.divsi %a, %b : i32
            ta.yield %q : i32
          }
          return %R : tensor<4xi32>
        }
        """
    )
    ones = np.ones(4, np.int32)
    with pytest.raises(
        ExecutionError, match=re.escape("test.mlir:6:18: error: 'arith.divsi' op division by zero")
    ):
        irkit.reference.run(module, "ratio", ones, np.array([1, 2, 0, 3], np.int32))


def test_results_are_checked_against_their_ta_shape(parse) -> None:
    module = parse(
        """
        func.func @wrong(%A: tensor<?xf32> {ta.shape = affine_map<()[s0] -> (s0)>})
            -> (tensor<?xf32> {ta.shape = affine_map<()[s0] -> (s0 + 1)>})
            attributes {ta.size_vars = ["N"]} {
          return %A : tensor<?xf32>
        }
        """
    )
    with pytest.raises(ExecutionError) as error:
        irkit.reference.run(module, "wrong", random(3))
    assert str(error.value) == (
        "test.mlir:5:11: error: 'func.return' op returns result 0 of shape [3], but its "
        "ta.shape gives [4] for these inputs"
    )


def test_every_parameter_must_be_given(parse) -> None:
    with pytest.raises(
        ArgumentError, match=r"^function 'matmul' takes 2 arrays, but 1 were given$"
    ):
        irkit.reference.run(parse(MATMUL), "matmul", random(2, 2))
