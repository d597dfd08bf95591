"""Control flow: scf loops and conditions, and functions of several blocks (cf)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import irkit.reference

SCF = """
func.func @prefix_sums(%X: memref<?xi32> {ta.shape = affine_map<()[s0] -> (s0)>},
                       %Y: memref<?xi32> {ta.shape = affine_map<()[s0] -> (s0)>}) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0 : i32
  %n = memref.dim %X, %c0 : memref<?xi32>
  %total = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (i32) {
    %x = memref.load %X[%i] : memref<?xi32>
    %s = arith.addi %acc, %x : i32
    memref.store %s, %Y[%i] : memref<?xi32>
    scf.yield %s : i32
  }
  return %total : i32
}
func.func @relu_even(%X: memref<?xf32>, %Y: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %zero = arith.constant 0.0 : f32
  %n = memref.dim %X, %c0 : memref<?xf32>
  scf.for %i = %c0 to %n step %c2 {
    %x = memref.load %X[%i] : memref<?xf32>
    %positive = arith.cmpf ogt, %x, %zero : f32
    %y = scf.if %positive -> (f32) {
      scf.yield %x : f32
    } else {
      scf.yield %zero : f32
    }
    memref.store %y, %Y[%i] : memref<?xf32>
  }
  return
}
func.func @gcd(%a: i64, %b: i64) -> i64 {
  %zero = arith.constant 0 : i64
  %r:2 = scf.while (%x = %a, %y = %b) : (i64, i64) -> (i64, i64) {
    %more = arith.cmpi ne, %y, %zero : i64
    scf.condition(%more) %x, %y : i64, i64
  } do {
  ^bb0(%x: i64, %y: i64):
    %rem = arith.remsi %x, %y : i64
    scf.yield %y, %rem : i64, i64
  }
  return %r#0 : i64
}
func.func @classify(%X: memref<5xindex>, %Y: memref<5xf32>) {
  affine.for %i = 0 to 5 {
    %k = affine.load %X[%i] : memref<5xindex>
    %v = scf.index_switch %k -> f32
    case 0 {
      %a = arith.constant 10.0 : f32
      scf.yield %a : f32
    }
    case 2 {
      %b = arith.constant 20.0 : f32
      scf.yield %b : f32
    }
    default {
      %c = arith.constant -1.0 : f32
      scf.yield %c : f32
    }
    affine.store %v, %Y[%i] : memref<5xf32>
  }
  return
}
"""


def test_scf_for_with_iter_args(parse) -> None:
    x = np.array([3, -1, 4, 1, -5, 9], np.int32)
    y = np.zeros_like(x)
    total = irkit.reference.run(parse(SCF), "prefix_sums", x, y)
    np.testing.assert_array_equal(y, np.cumsum(x))
    assert total == x.sum() and isinstance(total, np.int32)
    # With the output left out, it is allocated and comes back before the result.
    prefix, total = irkit.reference.run(parse(SCF), "prefix_sums", x)
    np.testing.assert_array_equal(prefix, np.cumsum(x))
    assert total == x.sum()


def test_scf_for_step_and_scf_if(parse) -> None:
    x = np.array([-1.0, 2.0, 3.0, -4.0, -5.0, 6.0, 7.0], np.float32)
    y = np.full_like(x, 42.0)
    irkit.reference.run(parse(SCF), "relu_even", x, y)
    expected = np.full_like(x, 42.0)
    expected[::2] = np.maximum(x[::2], 0)
    np.testing.assert_array_equal(y, expected)


def test_scf_while(parse) -> None:
    module = parse(SCF)
    for a, b in [(48, 18), (17, 5), (0, 9), (2**40, 2**20 * 3)]:
        assert irkit.reference.run(module, "gcd", a, b) == math.gcd(a, b)


def test_scf_index_switch(parse) -> None:
    keys = np.array([0, 1, 2, 3, 0])
    result = irkit.reference.run(parse(SCF), "classify", keys)
    np.testing.assert_array_equal(result, [10.0, -1.0, 20.0, -1.0, 10.0])


def test_scf_parallel_with_reductions(parse) -> None:
    module = parse(
        """
        func.func @stats(%X: memref<4x6xf32>) -> (f32, f32) {
          %c0 = arith.constant 0 : index
          %c1 = arith.constant 1 : index
          %c4 = arith.constant 4 : index
          %c6 = arith.constant 6 : index
          %zero = arith.constant 0.0 : f32
          %low = arith.constant 0xFF800000 : f32
          %r:2 = "scf.parallel"(%c0, %c0, %c4, %c6, %c1, %c1, %zero, %low)
              <{operandSegmentSizes = array<i32: 2, 2, 2, 2>}> ({
          ^bb0(%i: index, %j: index):
            %x = memref.load %X[%i, %j] : memref<4x6xf32>
            "scf.reduce"(%x, %x) ({
            ^bb0(%a: f32, %b: f32):
              %s = arith.addf %a, %b : f32
              scf.reduce.return %s : f32
            }, {
            ^bb0(%a: f32, %b: f32):
              %m = arith.maximumf %a, %b : f32
              scf.reduce.return %m : f32
            }) : (f32, f32) -> ()
          }) : (index, index, index, index, index, index, f32, f32) -> (f32, f32)
          return %r#0, %r#1 : f32, f32
        }
        """
    )
    x = np.random.default_rng(3).standard_normal((4, 6)).astype(np.float32)
    total, largest = irkit.reference.run(module, "stats", x)
    assert total == pytest.approx(float(x.astype(np.float64).sum()), rel=1e-5)
    assert largest == x.max()


def test_functions_of_several_blocks(parse) -> None:
    """A loop written with cf branches: the index of the first negative element, or -1."""
    module = parse(
        """
        func.func @find(%X: memref<?xi32>) -> index {
          %c0 = arith.constant 0 : index
          %c1 = arith.constant 1 : index
          %none = arith.constant -1 : index
          %zero = arith.constant 0 : i32
          %n = memref.dim %X, %c0 : memref<?xi32>
          cf.br ^check(%c0 : index)
        ^check(%i: index):
          %more = arith.cmpi slt, %i, %n : index
          cf.cond_br %more, ^body, ^done(%none : index)
        ^body:
          %x = memref.load %X[%i] : memref<?xi32>
          %negative = arith.cmpi slt, %x, %zero : i32
          %next = arith.addi %i, %c1 : index
          cf.cond_br %negative, ^done(%i : index), ^check(%next : index)
        ^done(%result: index):
          return %result : index
        }
        """
    )
    find = irkit.reference.prepare(module, "find")
    for values in ([3, 1, -4, 1, -5], [2, 7], [], [-1]):
        x = np.array(values, np.int32)
        negative = np.flatnonzero(x < 0)
        assert find(x) == (negative[0] if negative.size else -1)
