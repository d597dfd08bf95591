"""The reference executor on hand-written affine-level IR, checked against numpy."""

from __future__ import annotations

import math

import numpy as np
import pytest

import irkit.reference

RNG = np.random.default_rng(7)

MATMUL = """
func.func @matmul(
    %A: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s1)>},
    %B: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s1, s2)>},
    %C: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s2)>})
    attributes {ta.size_vars = ["M", "K", "N"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = memref.dim %A, %c0 : memref<?x?xf32>
  %K = memref.dim %A, %c1 : memref<?x?xf32>
  %N = memref.dim %B, %c1 : memref<?x?xf32>
  affine.for %i = 0 to %M {
    affine.for %j = 0 to %N {
      %zero = arith.constant 0.0 : f32
      %sum = affine.for %k = 0 to %K iter_args(%acc = %zero) -> (f32) {
        %a = affine.load %A[%i, %k] : memref<?x?xf32>
        %b = affine.load %B[%k, %j] : memref<?x?xf32>
        %p = arith.mulf %a, %b : f32
        %s = arith.addf %acc, %p : f32
        affine.yield %s : f32
      }
      affine.store %sum, %C[%i, %j] : memref<?x?xf32>
    }
  }
  return
}
"""


def random(*shape: int, dtype: type = np.float32) -> np.ndarray:
    return RNG.standard_normal(shape).astype(dtype)


def test_matmul_allocates_the_output_from_the_size_variables(parse) -> None:
    a, b = random(5, 7), random(7, 3)
    c = irkit.reference.run(parse(MATMUL), "matmul", a, b)
    assert c.shape == (5, 3) and c.dtype == np.float32
    np.testing.assert_allclose(c, np.einsum("mk,kn->mn", a, b), rtol=1e-5, atol=1e-5)


def test_matmul_in_place_with_every_array_given(parse) -> None:
    a, b = random(4, 6), random(6, 2)
    c = np.full((4, 2), 99.0, np.float32)
    assert irkit.reference.run(parse(MATMUL), "matmul", a, b, c) is None
    np.testing.assert_allclose(c, a @ b, rtol=1e-5, atol=1e-5)


def test_prepared_entry_runs_many_times(parse) -> None:
    matmul = irkit.reference.prepare(parse(MATMUL), "matmul")
    for m, k, n in [(1, 1, 1), (3, 4, 5), (6, 2, 3), (2, 0, 2)]:
        a, b = random(m, k), random(k, n)
        np.testing.assert_allclose(matmul(a, b), a @ b, rtol=1e-5, atol=1e-5)


def test_static_shapes_need_no_size_variables(parse) -> None:
    module = parse(
        """
        func.func @scale(%X: memref<3x4xf64>, %Y: memref<3x4xf64>) {
          %two = arith.constant 2.5 : f64
          affine.for %i = 0 to 3 {
            affine.for %j = 0 to 4 {
              %x = affine.load %X[%i, %j] : memref<3x4xf64>
              %y = arith.mulf %x, %two : f64
              affine.store %y, %Y[%i, %j] : memref<3x4xf64>
            }
          }
          return
        }
        """
    )
    x = random(3, 4, dtype=np.float64)
    np.testing.assert_array_equal(irkit.reference.run(module, "scale", x), x * 2.5)


# A 2-D convolution with zero padding 1 ("same" output size): the kernel loops are clipped
# to the input with max/min bounds over the output position and symbols from memref.dim.
CONV_SAME = """
#lb = affine_map<(d0) -> (0, 1 - d0)>
#ub = affine_map<(d0)[s0, s1] -> (s1, s0 + 1 - d0)>
func.func @conv(
    %I: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2, s3] -> (s0, s1)>},
    %K: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2, s3] -> (s2, s3)>},
    %O: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2, s3] -> (s0, s1)>})
    attributes {ta.size_vars = ["H", "W", "KH", "KW"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %H = memref.dim %I, %c0 : memref<?x?xf32>
  %W = memref.dim %I, %c1 : memref<?x?xf32>
  %KH = memref.dim %K, %c0 : memref<?x?xf32>
  %KW = memref.dim %K, %c1 : memref<?x?xf32>
  %zero = arith.constant 0.0 : f32
  affine.for %h = 0 to %H {
    affine.for %w = 0 to %W {
      %row = affine.for %kh = max #lb(%h) to min #ub(%h)[%H, %KH]
          iter_args(%acc = %zero) -> (f32) {
        %col = affine.for %kw = max #lb(%w) to min #ub(%w)[%W, %KW]
            iter_args(%acc2 = %acc) -> (f32) {
          %x = affine.load %I[%h + %kh - 1, %w + %kw - 1] : memref<?x?xf32>
          %k = affine.load %K[%kh, %kw] : memref<?x?xf32>
          %p = arith.mulf %x, %k : f32
          %s = arith.addf %acc2, %p : f32
          affine.yield %s : f32
        }
        affine.yield %col : f32
      }
      affine.store %row, %O[%h, %w] : memref<?x?xf32>
    }
  }
  return
}
"""


def test_conv_with_max_min_bounds_and_symbols(parse) -> None:
    image, kernel = random(9, 7), random(3, 3)
    out = irkit.reference.run(parse(CONV_SAME), "conv", image, kernel)
    padded = np.pad(image, 1)
    expected = sum(
        padded[kh : kh + 9, kw : kw + 7] * kernel[kh, kw] for kh in range(3) for kw in range(3)
    )
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_strided_loop_and_affine_apply(parse) -> None:
    """out[i] = X[2 i + 1] for the odd positions, by a step-2 loop and affine.apply."""
    module = parse(
        """
        #half = affine_map<(d0) -> (d0 floordiv 2)>
        func.func @odd(%X: memref<11xi32>, %Y: memref<5xi32>) {
          affine.for %i = 1 to 11 step 2 {
            %x = affine.load %X[%i] : memref<11xi32>
            %j = affine.apply #half(%i)
            affine.store %x, %Y[%j] : memref<5xi32>
          }
          return
        }
        """
    )
    x = RNG.integers(-100, 100, 11, dtype=np.int32)
    np.testing.assert_array_equal(irkit.reference.run(module, "odd", x), x[1::2])


def test_affine_if_with_and_without_results(parse) -> None:
    module = parse(
        """
        #lower = affine_set<(d0, d1) : (d0 - d1 >= 0)>
        #middle = affine_set<(d0)[s0] : (d0 - s0 floordiv 2 == 0)>
        func.func @masks(%A: memref<6x6xf32>, %L: memref<6x6xf32>, %R: memref<6xf32>) {
          %c6 = arith.constant 6 : index
          %zero = arith.constant 0.0 : f32
          %one = arith.constant 1.0 : f32
          affine.for %i = 0 to 6 {
            affine.for %j = 0 to 6 {
              %v = affine.if #lower(%i, %j) -> f32 {
                %a = affine.load %A[%i, %j] : memref<6x6xf32>
                affine.yield %a : f32
              } else {
                affine.yield %zero : f32
              }
              affine.store %v, %L[%i, %j] : memref<6x6xf32>
            }
            affine.if #middle(%i)[%c6] {
              affine.store %one, %R[%i] : memref<6xf32>
            }
          }
          return
        }
        """
    )
    a = random(6, 6)
    lower, row = irkit.reference.run(module, "masks", a)
    np.testing.assert_array_equal(lower, np.tril(a))
    np.testing.assert_array_equal(row, np.eye(6, dtype=np.float32)[3])


def test_iter_args_swap_and_several_reductions(parse) -> None:
    """Fibonacci by swapping two iter_args, and a sum and a max carried together."""
    module = parse(
        """
        func.func @fib(%out: memref<1xi64>) {
          %c0 = arith.constant 0 : i64
          %c1 = arith.constant 1 : i64
          %r:2 = affine.for %i = 0 to 90 iter_args(%a = %c0, %b = %c1) -> (i64, i64) {
            %s = arith.addi %a, %b : i64
            affine.yield %b, %s : i64, i64
          }
          affine.store %r#0, %out[0] : memref<1xi64>
          return
        }
        func.func @stats(%X: memref<?xf32>, %S: memref<2xf32>) {
          %c0 = arith.constant 0 : index
          %n = memref.dim %X, %c0 : memref<?xf32>
          %zero = arith.constant 0.0 : f32
          %low = arith.constant 0xFF800000 : f32
          %r:2 = affine.for %i = 0 to %n iter_args(%sum = %zero, %max = %low) -> (f32, f32) {
            %x = affine.load %X[%i] : memref<?xf32>
            %s = arith.addf %sum, %x : f32
            %m = arith.maximumf %max, %x : f32
            affine.yield %s, %m : f32, f32
          }
          affine.store %r#0, %S[0] : memref<2xf32>
          affine.store %r#1, %S[1] : memref<2xf32>
          return
        }
        """
    )
    first, second = 0, 1
    for _ in range(90):
        first, second = second, first + second
    assert irkit.reference.run(module, "fib")[0] == first
    x = random(37)
    total, largest = irkit.reference.run(module, "stats", x)
    # f32 accumulation in order, as the loop does it.
    expected_total = np.float32(0)
    for value in x:
        expected_total = np.float32(expected_total + value)
    assert total == expected_total
    assert largest == x.max()


def test_affine_parallel_reductions(parse) -> None:
    module = parse(
        """
        func.func @reduce(%X: memref<5x8xf32>, %O: memref<2xf32>) {
          %sum, %max = affine.parallel (%i, %j) = (0, 0) to (5, 8)
              reduce ("addf", "maximumf") -> (f32, f32) {
            %x = affine.load %X[%i, %j] : memref<5x8xf32>
            affine.yield %x, %x : f32, f32
          }
          affine.store %sum, %O[0] : memref<2xf32>
          affine.store %max, %O[1] : memref<2xf32>
          return
        }
        """
    )
    x = random(5, 8)
    total, largest = irkit.reference.run(module, "reduce", x)
    assert total == pytest.approx(float(x.astype(np.float64).sum()), rel=1e-5)
    assert largest == x.max()


def test_affine_parallel_without_results_and_with_min_max_bounds(parse) -> None:
    module = parse(
        """
        func.func @band(%X: memref<6x6xi32>) {
          %c1 = arith.constant 1 : i32
          affine.for %i = 0 to 6 {
            affine.parallel (%j) = (max(0, %i - 1)) to (min(6, %i + 2)) {
              affine.store %c1, %X[%i, %j] : memref<6x6xi32>
            }
          }
          return
        }
        """
    )
    out = np.zeros((6, 6), np.int32)
    irkit.reference.run(module, "band", out)
    expected = (np.abs(np.subtract.outer(np.arange(6), np.arange(6))) <= 1).astype(np.int32)
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("divisor", [3, 4])
def test_affine_expressions_round_as_mlir(parse, divisor: int) -> None:
    """floordiv rounds toward -inf, ceildiv toward +inf, mod is never negative."""
    module = parse(
        f"""
        #shift = affine_map<(d0) -> (d0 - 7)>
        #fdiv = affine_map<(d0) -> ((d0 - 7) floordiv {divisor})>
        #cdiv = affine_map<(d0) -> ((d0 - 7) ceildiv {divisor})>
        #mod = affine_map<(d0) -> ((d0 - 7) mod {divisor})>
        #mix = affine_map<(d0) -> (d0 - 7, (d0 - 7) * 2, 3)>
        func.func @exprs(%O: memref<15x5xindex>) {{
          affine.for %i = 0 to 15 {{
            %f = affine.apply #fdiv(%i)
            %c = affine.apply #cdiv(%i)
            %m = affine.apply #mod(%i)
            %lo = affine.min #mix(%i)
            %hi = affine.max #mix(%i)
            affine.store %f, %O[%i, 0] : memref<15x5xindex>
            affine.store %c, %O[%i, 1] : memref<15x5xindex>
            affine.store %m, %O[%i, 2] : memref<15x5xindex>
            affine.store %lo, %O[%i, 3] : memref<15x5xindex>
            affine.store %hi, %O[%i, 4] : memref<15x5xindex>
          }}
          return
        }}
        """
    )
    out = irkit.reference.run(module, "exprs")
    for row, value in zip(out, range(-7, 8), strict=True):
        floor = math.floor(value / divisor)
        expected = [floor, math.ceil(value / divisor), value - divisor * floor]
        expected += [min(value, 2 * value, 3), max(value, 2 * value, 3)]
        assert row.tolist() == expected, value


def test_calls_and_scalar_results(parse) -> None:
    module = parse(
        """
        func.func @sum(%X: memref<?xf64>) -> f64 {
          %c0 = arith.constant 0 : index
          %n = memref.dim %X, %c0 : memref<?xf64>
          %zero = arith.constant 0.0 : f64
          %s = affine.for %i = 0 to %n iter_args(%acc = %zero) -> (f64) {
            %x = affine.load %X[%i] : memref<?xf64>
            %t = arith.addf %acc, %x : f64
            affine.yield %t : f64
          }
          return %s : f64
        }
        func.func @center(%X: memref<?xf64>, %Y: memref<?xf64>) -> (f64, index) {
          %c0 = arith.constant 0 : index
          %n = memref.dim %X, %c0 : memref<?xf64>
          %total = func.call @sum(%X) : (memref<?xf64>) -> f64
          %ni = arith.index_cast %n : index to i64
          %nf = arith.sitofp %ni : i64 to f64
          %mean = arith.divf %total, %nf : f64
          affine.for %i = 0 to %n {
            %x = affine.load %X[%i] : memref<?xf64>
            %d = arith.subf %x, %mean : f64
            affine.store %d, %Y[%i] : memref<?xf64>
          }
          return %mean, %n : f64, index
        }
        """
    )
    x = random(9, dtype=np.float64)
    total = irkit.reference.run(module, "sum", x)
    assert isinstance(total, np.float64) and total == pytest.approx(x.sum(), rel=1e-12)
    y = np.empty_like(x)
    mean, n = irkit.reference.run(module, "center", x, y)
    assert mean == pytest.approx(x.mean(), rel=1e-12) and n == 9
    np.testing.assert_allclose(y, x - x.mean(), rtol=1e-12, atol=1e-12)


def test_temporaries_copies_and_subviews(parse) -> None:
    """A transposed copy through a temporary buffer, and a strided subview."""
    module = parse(
        """
        func.func @f(%X: memref<4x6xf32>, %T: memref<6x4xf32>, %S: memref<2x3xf32>) {
          %tmp = memref.alloc() : memref<6x4xf32>
          affine.for %i = 0 to 4 {
            affine.for %j = 0 to 6 {
              %x = affine.load %X[%i, %j] : memref<4x6xf32>
              affine.store %x, %tmp[%j, %i] : memref<6x4xf32>
            }
          }
          "memref.copy"(%tmp, %T) : (memref<6x4xf32>, memref<6x4xf32>) -> ()
          memref.dealloc %tmp : memref<6x4xf32>
          %sub = memref.subview %X[1, 0] [2, 3] [2, 2]
              : memref<4x6xf32> to memref<2x3xf32, strided<[12, 2], offset: 6>>
          affine.for %i = 0 to 2 {
            affine.for %j = 0 to 3 {
              %x = memref.load %sub[%i, %j] : memref<2x3xf32, strided<[12, 2], offset: 6>>
              memref.store %x, %S[%i, %j] : memref<2x3xf32>
            }
          }
          return
        }
        """
    )
    x = random(4, 6)
    transposed, sub = irkit.reference.run(module, "f", x)
    np.testing.assert_array_equal(transposed, x.T)
    np.testing.assert_array_equal(sub, x[1::2, ::2])


def test_rank_reducing_subview(parse) -> None:
    module = parse(
        """
        func.func @row(%X: memref<3x5xi32>, %R: memref<5xi32>) {
          %c2 = arith.constant 2 : index
          %row = memref.subview %X[%c2, 0] [1, 5] [1, 1]
              : memref<3x5xi32> to memref<5xi32, strided<[1], offset: ?>>
          affine.for %j = 0 to 5 {
            %x = affine.load %row[%j] : memref<5xi32, strided<[1], offset: ?>>
            affine.store %x, %R[%j] : memref<5xi32>
          }
          return
        }
        """
    )
    x = RNG.integers(0, 100, (3, 5), dtype=np.int32)
    np.testing.assert_array_equal(irkit.reference.run(module, "row", x), x[2])


def test_allocated_floats_start_as_nan(parse) -> None:
    """Reading a buffer that was never written gives NaN, not a plausible zero."""
    module = parse(
        """
        func.func @f(%O: memref<2xf32>) {
          %tmp = memref.alloca() : memref<2xf32>
          "memref.copy"(%tmp, %O) : (memref<2xf32>, memref<2xf32>) -> ()
          return
        }
        """
    )
    assert np.isnan(irkit.reference.run(module, "f")).all()


def test_non_contiguous_arrays_are_indexed_logically(parse) -> None:
    a, b = random(10, 8)[::2, 1::2], random(6, 4).T
    assert not a.flags.c_contiguous and not b.flags.c_contiguous
    c = irkit.reference.run(parse(MATMUL), "matmul", a, b)
    np.testing.assert_allclose(c, a @ b, rtol=1e-5, atol=1e-5)
