"""affine-super-vectorize and affine-data-copy-generate preserve the results of
``examples/tc`` programs.

Each program is lowered to affine loops (static shapes from ``examples/tc/sizes.json``) and
transformed. Vectorized modules are JIT-compiled (the reference executor has no vector
ops); copied ones run on the reference executor. Both results are compared with the
untransformed module's and with the independent numpy reference of
``tests/examples/test_tc_examples.py``.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
import test_tc_examples as tc_examples
from irkit.dialects import affine
from xdsl.dialects.builtin import ModuleOp
from xdsl.parser import Parser

import irkit
import irkit.reference
from irkit.pass_pipeline import apply_pipeline
from irkit.registry import make_context

EXAMPLES = {example.entry: example for example in tc_examples.EXAMPLES}

VECTORIZE = "affine-super-vectorize{virtual-vector-size=4}"
COPY = "affine-data-copy-generate{fast-mem-space=0}"
TILED_COPY = (
    "affine-loop-tile{tile-size=2},"
    "affine-data-copy-generate{fast-mem-space=0 skip-non-unit-stride-loops=true}"
)
# m, r_k, n: the innermost loop walks rows of B and C contiguously.
INTERCHANGE = "affine-loop-interchange{permutation=0,2,1}"

# (program, pipeline, whether the result runs through the JIT)
CASES = [
    # D = 5: no remainder loop (scalar and vector math intrinsics in one module do not
    # translate to LLVM IR yet, see the report of affine-super-vectorize).
    ("elementwise", "affine-super-vectorize{virtual-vector-size=5}", True),
    ("softmax", "affine-super-vectorize{virtual-vector-size=7}", True),
    ("layernorm", VECTORIZE, True),
    ("transpose", VECTORIZE, True),
    ("int_matvec", VECTORIZE, True),
    ("int_hash", VECTORIZE, True),
    ("gram", VECTORIZE, True),
    ("matmul", COPY, False),
    ("matmul", TILED_COPY, False),
    ("conv2d", TILED_COPY, False),
    ("softmax", TILED_COPY, False),
    ("matmul", f"{TILED_COPY},{VECTORIZE}", True),
    ("matmul", f"{INTERCHANGE},{COPY},{VECTORIZE}", True),
]


def _affine_module(entry: str, pipeline: str | None) -> ModuleOp:
    module = tc_examples.affine_module(EXAMPLES[entry])
    if pipeline is not None:
        apply_pipeline(module, pipeline)
    return module


@cache
def _baseline(
    entry: str,
) -> tuple[list[np.ndarray], tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Inputs, numpy results and untransformed affine results of the program `entry`."""
    example = EXAMPLES[entry]
    rng = np.random.default_rng(20240607)
    inputs = [make(rng, tc_examples.SIZES[example.file]) for make in example.inputs]
    expected = example.reference(*inputs)
    before = tc_examples._as_tuple(
        irkit.reference.run(_affine_module(entry, None), example.entry, *inputs)
    )
    return inputs, expected, before


@pytest.mark.parametrize(("entry", "pipeline", "jit"), CASES)
def test_pass_preserves_results(entry: str, pipeline: str, jit: bool) -> None:
    inputs, expected, before = _baseline(entry)
    transformed = _affine_module(entry, pipeline)
    if jit:
        outputs = irkit.compile(transformed, entry, opt_level=0)(*[a.copy() for a in inputs])
    else:
        outputs = irkit.reference.run(transformed, entry, *inputs)
    after = tc_examples._as_tuple(outputs)
    assert len(after) == len(expected)
    for position, (got, untransformed, want) in enumerate(
        zip(after, before, expected, strict=True)
    ):
        message = f"output {position} of {entry} after {pipeline}"
        tolerances = tc_examples._tolerances(want.dtype)
        assert got.dtype == want.dtype and got.shape == want.shape, message
        np.testing.assert_allclose(got, want, err_msg=message, **tolerances)
        np.testing.assert_allclose(got, untransformed, err_msg=message, **tolerances)


@pytest.mark.parametrize(
    ("entry", "pipeline", "op_type"),
    [
        ("elementwise", "affine-super-vectorize{virtual-vector-size=5}", affine.VectorStoreOp),
        ("matmul", f"{INTERCHANGE},{COPY},{VECTORIZE}", affine.VectorLoadOp),
        ("matmul", TILED_COPY, type(None)),
    ],
)
def test_pass_transforms_the_program(entry: str, pipeline: str, op_type: type) -> None:
    """The cases above are not vacuous: the passes do rewrite these programs."""
    module = _affine_module(entry, pipeline)
    if op_type is type(None):
        allocs = [op for op in module.walk() if op.name == "memref.alloc"]
        deallocs = [op for op in module.walk() if op.name == "memref.dealloc"]
        assert allocs and len(allocs) == len(deallocs)
    else:
        assert any(isinstance(op, op_type) for op in module.walk())


_REDUCTIONS = """
func.func @sum(%A: memref<?xf32>, %init: memref<f32>, %out: memref<f32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %A, %c0 : memref<?xf32>
  %start = affine.load %init[] : memref<f32>
  %r = affine.for %i = 0 to %n iter_args(%acc = %start) -> (f32) {
    %a = affine.load %A[%i] : memref<?xf32>
    %s = arith.addf %acc, %a : f32
    affine.yield %s : f32
  }
  affine.store %r, %out[] : memref<f32>
  return
}
func.func @max(%A: memref<?xi32>, %out: memref<i32>) {
  %c0 = arith.constant 0 : index
  %start = arith.constant -100 : i32
  %n = memref.dim %A, %c0 : memref<?xi32>
  %r = affine.for %i = 0 to %n iter_args(%acc = %start) -> (i32) {
    %a = affine.load %A[%i] : memref<?xi32>
    %s = arith.maxsi %a, %acc : i32
    affine.yield %s : i32
  }
  affine.store %r, %out[] : memref<i32>
  return
}
"""


@pytest.mark.parametrize("length", [3, 8, 13])
def test_vectorized_reductions(length: int) -> None:
    module = Parser(make_context(), _REDUCTIONS).parse_module()
    apply_pipeline(
        module, "affine-super-vectorize{virtual-vector-size=4 vectorize-reductions=true}"
    )
    # The trip counts are dynamic: a vector loop and a scalar remainder loop each.
    assert sum(op.name == "vector.reduction" for op in module.walk()) == 2
    rng = np.random.default_rng(length)
    floats = rng.standard_normal(length).astype(np.float32)
    integers = rng.integers(-50, 50, length).astype(np.int32)
    total = irkit.compile(module, "sum", opt_level=0)(floats, np.array(1.5, np.float32))
    np.testing.assert_allclose(total, floats.sum(dtype=np.float64) + 1.5, rtol=1e-5)
    largest = irkit.compile(module, "max", opt_level=0)(integers)
    assert int(largest) == max(-100, int(integers.max()))
