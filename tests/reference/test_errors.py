"""Bad inputs give clear exceptions that say what is wrong and where."""

from __future__ import annotations

import re

import numpy as np
import pytest

import irkit.reference
from irkit.reference import ArgumentError, ExecutionError, UnsupportedError

MATMUL = """
func.func @matmul(
    %A: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s1)>},
    %B: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s1, s2)>},
    %C: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s2)>})
    attributes {ta.size_vars = ["M", "K", "N"]} {
  return
}
func.func @fixed(%A: memref<2x3xf32>, %n: index, %B: memref<?xf32>) {
  return
}
func.func private @declared(%A: memref<2xf32>)
"""


def f32(*shape: int) -> np.ndarray:
    return np.zeros(shape, np.float32)


@pytest.mark.parametrize(
    "entry, arrays, message",
    [
        ("mat", [], "no function named 'mat' in the module"),
        ("declared", [], "function 'declared' is only declared: it has no body to run"),
        (
            "matmul",
            [f32(2, 3)] * 4,
            "function 'matmul' takes 0 to 3 arrays, but 4 were given",
        ),
        (
            "matmul",
            [f32(2, 3), np.zeros((3, 4), np.float64)],
            "parameter 1 (%B) has dtype float64, but its type 'memref<?x?xf32>' needs float32",
        ),
        (
            "matmul",
            [f32(2, 3, 1), f32(3, 4)],
            "parameter 0 (%A) has rank 3 (shape [2, 3, 1]), but its type 'memref<?x?xf32>' "
            "has rank 2",
        ),
        (
            "matmul",
            [f32(2, 3), [[1.0]]],
            "parameter 1 (%B) expects a numpy array for 'memref<?x?xf32>', got list",
        ),
        (
            "matmul",
            [f32(2, 3), f32(4, 5)],
            "size variable 'K' is 3 from parameter 0 (%A) dimension 1 but 4 from "
            "parameter 1 (%B) dimension 0",
        ),
        (
            "matmul",
            [f32(2, 3)],
            "cannot allocate output parameter 1 (%B): size variable 'N' is not determined "
            "by the inputs",
        ),
        (
            "fixed",
            [f32(2, 4), 1],
            "parameter 0 (%A) has shape [2, 4], which does not match its type 'memref<2x3xf32>'",
        ),
        (
            "fixed",
            [f32(2, 3)],
            "parameter 1 (%n) of type 'index' must be given: only trailing memref "
            "parameters are outputs the executor allocates",
        ),
        (
            "fixed",
            [f32(2, 3), 4],
            "cannot allocate output parameter 2 (%B): its type 'memref<?xf32>' has dynamic "
            "sizes and it has no ta.shape",
        ),
        (
            "fixed",
            [f32(2, 3), 2.5, f32(1)],
            "parameter 1 (%n) expects a scalar of type 'index', got float",
        ),
    ],
)
def test_bad_arguments(parse, entry: str, arrays: list, message: str) -> None:
    with pytest.raises(ArgumentError, match=f"^{re.escape(message)}$"):
        irkit.reference.run(parse(MATMUL), entry, *arrays)


def test_computed_sizes_are_checked(parse) -> None:
    module = parse(
        """
        func.func @valid(
            %X: memref<?xf32> {ta.shape = affine_map<()[s0, s1] -> (s0)>},
            %K: memref<?xf32> {ta.shape = affine_map<()[s0, s1] -> (s1)>},
            %Y: memref<?xf32> {ta.shape = affine_map<()[s0, s1] -> (s0 - s1 + 1)>})
            attributes {ta.size_vars = ["N", "W"]} {
          return
        }
        """
    )
    assert irkit.reference.run(module, "valid", f32(7), f32(3)).shape == (5,)
    with pytest.raises(ArgumentError) as error:
        irkit.reference.run(module, "valid", f32(7), f32(3), f32(4))
    assert str(error.value) == (
        "parameter 2 (%Y) has size 4 in dimension 0, but its ta.shape (N - W + 1) gives 5"
    )


def test_unsupported_op_is_reported_at_its_location(parse) -> None:
    module = parse(
        """
        func.func @f(%A: memref<4xf32>) {
          %c0 = arith.constant 0 : index
          %x = memref.load %A[%c0] : memref<4xf32>
          "foo.bar"(%x) : (f32) -> ()
          return
        }
        """
    )
    with pytest.raises(UnsupportedError) as error:
        irkit.reference.prepare(module, "f")
    assert str(error.value) == (
        "test.mlir:5:11: error: the reference executor cannot evaluate 'foo.bar'"
    )
    assert error.value.diagnostic.location.line == 5


def test_unsupported_op_at_the_ta_level(parse) -> None:
    module = parse(
        """
        func.func @f(%A: tensor<4xf32>) -> tensor<4xf32> {
          %B = "foo.bar"(%A) : (tensor<4xf32>) -> tensor<4xf32>
          return %B : tensor<4xf32>
        }
        """
    )
    with pytest.raises(UnsupportedError, match=r"cannot evaluate 'foo\.bar'"):
        irkit.reference.run(module, "f", f32(4))


RUNTIME_ERRORS = """
func.func @read(%A: memref<4xf32>, %i: index, %O: memref<1xf32>) {
  %x = affine.load %A[%i - 1] : memref<4xf32>
  affine.store %x, %O[0] : memref<1xf32>
  return
}
func.func @divide(%a: i32, %b: i32) -> i32 {
  %q = arith.divsi %a, %b : i32
  return %q : i32
}
func.func @check(%a: index) {
  %c3 = arith.constant 3 : index
  %ok = arith.cmpi slt, %a, %c3 : index
  cf.assert %ok, "a must be below 3"
  return
}
func.func @write(%A: memref<2xi32>) {
  %c0 = arith.constant 0 : index
  %c7 = arith.constant 7 : i32
  memref.store %c7, %A[%c0] : memref<2xi32>
  return
}
func.func @calls_undefined(%A: memref<2xi32>) {
  func.call @nowhere(%A) : (memref<2xi32>) -> ()
  return
}
func.func private @nowhere(%A: memref<2xi32>)
"""


@pytest.mark.parametrize(
    "entry, arguments, message",
    [
        (
            "read",
            [f32(4), 0],
            "test.mlir:3:8: error: 'affine.load' op out-of-bounds access: index [-1] into a "
            "memref of shape [4]",
        ),
        (
            "read",
            [f32(4), 5],
            "test.mlir:3:8: error: 'affine.load' op out-of-bounds access: index 4 is out of "
            "bounds for axis 0 with size 4",
        ),
        ("divide", [7, 0], "test.mlir:8:8: error: 'arith.divsi' op division by zero"),
        (
            "check",
            [3],
            "test.mlir:14:3: error: 'cf.assert' op assertion failed: a must be below 3",
        ),
    ],
)
def test_runtime_errors_are_located_at_the_failing_op(
    parse, entry: str, arguments: list, message: str
) -> None:
    module = parse(RUNTIME_ERRORS)
    with pytest.raises(ExecutionError) as error:
        irkit.reference.run(module, entry, *arguments)
    assert str(error.value) == message


def test_runtime_errors_pass_when_the_inputs_are_good(parse) -> None:
    module = parse(RUNTIME_ERRORS)
    a = np.arange(4, dtype=np.float32)
    assert irkit.reference.run(module, "read", a, 3)[0] == a[2]
    assert irkit.reference.run(module, "divide", -7, 2) == -3
    assert irkit.reference.run(module, "check", 2) is None


def test_writing_a_read_only_array(parse) -> None:
    array = np.zeros(2, np.int32)
    array.flags.writeable = False
    with pytest.raises(ExecutionError, match=r"'memref\.store' op writes to a read-only array"):
        irkit.reference.run(parse(RUNTIME_ERRORS), "write", array)


def test_calling_a_function_without_body(parse) -> None:
    with pytest.raises(UnsupportedError, match="calls '@nowhere', which has no body"):
        irkit.reference.prepare(parse(RUNTIME_ERRORS), "calls_undefined")


def test_scalar_arguments_must_fit_their_type(parse) -> None:
    with pytest.raises(ArgumentError, match=r"parameter 0 \(%a\) is 4294967296, which 'i32'"):
        irkit.reference.run(parse(RUNTIME_ERRORS), "divide", 2**32, 1)
    with pytest.raises(ArgumentError, match=r"has dtype int64, but its type 'i32' needs int32"):
        irkit.reference.run(parse(RUNTIME_ERRORS), "divide", np.int64(1), 1)
