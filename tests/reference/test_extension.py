"""A dialect outside irkit adds evaluation rules for its ops through the public API.

The ops here are unregistered (parsed in the generic form); their names are unique to
this file, since the rules are registered for the whole process.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from xdsl.dialects.builtin import IntegerAttr
from xdsl.ir import Operation

import irkit.reference
from irkit.reference import FunctionCompiler


def scale_factory(op: Operation) -> Any:
    factor = op.attributes["factor"]
    assert isinstance(factor, IntegerAttr)
    return lambda x: x * x.dtype.type(factor.value.data)


def test_scalar_function_rule_at_the_affine_level(parse) -> None:
    irkit.reference.register_scalar_function("test_ext.scale", scale_factory)
    module = parse(
        """
        func.func @f(%A: memref<5xf32>, %B: memref<5xf32>) {
          affine.for %i = 0 to 5 {
            %x = affine.load %A[%i] : memref<5xf32>
            %y = "test_ext.scale"(%x) {factor = 3 : i64} : (f32) -> f32
            affine.store %y, %B[%i] : memref<5xf32>
          }
          return
        }
        """
    )
    a = np.arange(5, dtype=np.float32)
    np.testing.assert_array_equal(irkit.reference.run(module, "f", a), a * 3)


def test_emit_rule_writes_source(parse) -> None:
    @irkit.reference.emit_rule("test_ext.divmod")
    def divmod_rule(op: Operation, compiler: FunctionCompiler) -> None:
        """Two results from one line of Python."""
        lhs, rhs = compiler.values(op.operands)
        compiler.assign_results(op, f"divmod({lhs}, {rhs})")

    module = parse(
        """
        func.func @f(%A: memref<4xindex>, %Q: memref<4xindex>, %R: memref<4xindex>) {
          %c3 = arith.constant 3 : index
          affine.for %i = 0 to 4 {
            %x = affine.load %A[%i] : memref<4xindex>
            %q, %r = "test_ext.divmod"(%x, %c3) : (index, index) -> (index, index)
            affine.store %q, %Q[%i] : memref<4xindex>
            affine.store %r, %R[%i] : memref<4xindex>
          }
          return
        }
        """
    )
    a = np.array([0, 5, 9, 13])
    quotient, remainder = irkit.reference.run(module, "f", a)
    np.testing.assert_array_equal(quotient, [0, 1, 3, 4])
    np.testing.assert_array_equal(remainder, [0, 2, 0, 1])


def test_tensor_and_elementwise_rules_at_the_ta_level(parse) -> None:
    irkit.reference.register_tensor_rule(
        "test_ext.reverse", lambda op, operands, interpreter: [operands[0][::-1]]
    )
    irkit.reference.register_elementwise("test_ext.scale", scale_factory)
    module = parse(
        """
        func.func @f(%A: tensor<4xf64>) -> tensor<4xf64> {
          %R = "test_ext.reverse"(%A) : (tensor<4xf64>) -> tensor<4xf64>
          %S = ta.comprehension (i: 0 to 4) ins(%R[i] : tensor<4xf64>) outs[i] -> tensor<4xf64> {
          ^bb0(%x: f64):
            %y = "test_ext.scale"(%x) {factor = 2 : i64} : (f64) -> f64
            ta.yield %y : f64
          }
          return %S : tensor<4xf64>
        }
        """
    )
    a = np.array([1.0, 2.0, 3.0, 4.0])
    np.testing.assert_array_equal(irkit.reference.run(module, "f", a), a[::-1] * 2)
