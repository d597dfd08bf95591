"""Numerical checks of lower-affine.

Every examples/tc program is lowered to the affine level and then by lower-affine; the
reference executor runs both levels, and the scf level must give exactly the affine
level's results (the arithmetic is the same op for op, only the loops and index
computations change), for some programs also checked against numpy. Hand-written affine
functions cover what TC does not produce: floordiv/ceildiv/mod of negative values,
max/min bounds with steps, iter_args, if/else with results, parallel loops with each
reduction kind, and linearize/delinearize_index. Their expected values are computed by
numpy or plain Python.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from xdsl.dialects.builtin import MemRefType, ModuleOp
from xdsl.dialects.func import FuncOp

from irkit import reference
from irkit.diagnostics import DiagnosedError, Diagnostic, diagnostic_handler
from irkit.frontend import tc
from irkit.pass_pipeline import apply_pipeline
from irkit.testing.ir import parse_verified
from irkit.verifier import verify

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples" / "tc"


def _as_tuple(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


def _lower_affine(module: ModuleOp) -> ModuleOp:
    lowered = module.clone()
    apply_pipeline(lowered, "lower-affine")
    left = sorted({op.name for op in lowered.walk() if op.dialect_name() == "affine"})
    assert not left, f"affine ops left after lower-affine: {left}"
    verify(lowered)
    return lowered


# --- examples/tc ---------------------------------------------------------------------------

# (file, entry, input shapes): every def of every example, with sizes that differ from each
# other and odd spatial sizes, so that strided and windowed bounds round.
EXAMPLE_INPUTS: list[tuple[str, str, tuple[tuple[int, ...], ...]]] = [
    ("matmul.tc", "matmul", ((5, 6), (6, 7))),
    ("batch_matmul.tc", "batch_matmul", ((2, 3, 4), (2, 4, 5))),
    ("conv2d.tc", "conv2d", ((2, 3, 7, 6), (4, 3, 3, 2), (4,))),
    ("conv2d_strided.tc", "conv2d_strided", ((1, 2, 9, 8), (3, 2, 3, 3))),
    ("depthwise_conv.tc", "depthwise_conv", ((2, 3, 6, 7), (3, 3, 2))),
    ("maxpool.tc", "maxpool", ((2, 3, 7, 6),)),
    ("avgpool.tc", "avgpool", ((1, 2, 6, 7),)),
    ("softmax.tc", "softmax", ((4, 7),)),
    ("layernorm.tc", "layernorm", ((4, 8), (8,), (8,))),
    ("mlp.tc", "mlp", ((3, 5), (6, 5), (6,), (4, 6), (4,))),
    ("tensordot.tc", "tensordot", ((2, 3, 4, 3, 2), (2, 4, 2, 3, 2))),
    ("transpose.tc", "transpose", ((2, 3, 4, 5),)),
    ("kronecker.tc", "kronecker", ((2, 3), (3, 2))),
    ("conv1d_dilated.tc", "conv1d_dilated", ((2, 3, 12), (2, 3, 3))),
    ("elementwise.tc", "elementwise", ((3, 5), (3, 5))),
    ("prod_min.tc", "prod_min", ((4, 6),)),
    ("select.tc", "unit_lower", ((5, 5),)),
    ("select.tc", "leaky_relu6", ((4, 5),)),
    ("sizes.tc", "center_columns", ((5, 4),)),
    ("sizes.tc", "ramp_flip", ((5, 4),)),
    ("rnn_cell.tc", "rnn_cell", ((3, 4), (3, 5), (5, 4), (5, 5), (5,))),
    ("int32.tc", "int_matvec", ((4, 6), (6,))),
    ("int32.tc", "int_hash", ((4, 6),)),
    ("int64.tc", "int64_stats", ((3, 5),)),
    ("double.tc", "gram", ((4, 6),)),
    ("double.tc", "dot", ((4,), (4,))),
    ("call.tc", "matmul", ((3, 4), (4, 5))),
    ("call.tc", "scaled_matmul", ((3, 4), (4, 5), (3,))),
    ("call.tc", "matmul_chain", ((3, 4), (4, 5), (5, 2))),
]


def _affine_module(file: str) -> ModuleOp:
    path = EXAMPLES_DIR / file
    module = tc.parse(path.read_text(), filename=str(path))
    apply_pipeline(module, "lower-to-affine")
    return module


def _inputs(module: ModuleOp, entry: str, shapes: tuple[tuple[int, ...], ...]) -> list[Any]:
    """Random inputs of the entry's element types: positive floats (log, sqrt and products
    stay finite) and small non-negative integers (`%` is the same truncating or flooring)."""
    rng = np.random.default_rng(20240612)
    func = next(op for op in module.ops if isinstance(op, FuncOp) and op.sym_name.data == entry)
    arrays: list[Any] = []
    for param_type, shape in zip(func.function_type.inputs.data, shapes, strict=False):
        element = str(cast(MemRefType, param_type).element_type)
        if element.startswith("i"):
            dtype = np.int32 if element == "i32" else np.int64
            arrays.append(rng.integers(0, 100, shape).astype(dtype))
        else:
            dtype = np.float64 if element == "f64" else np.float32
            arrays.append(rng.uniform(0.5, 1.5, shape).astype(dtype))
    return arrays


def test_every_example_def_is_checked() -> None:
    defined = {
        (path.name, name)
        for path in EXAMPLES_DIR.glob("*.tc")
        for name in re.findall(r"^\s*def\s+(\w+)", path.read_text(), re.MULTILINE)
    }
    assert defined == {(file, entry) for file, entry, _ in EXAMPLE_INPUTS}


@pytest.mark.parametrize(
    ("file", "entry", "shapes"), EXAMPLE_INPUTS, ids=[f"{f}:{e}" for f, e, _ in EXAMPLE_INPUTS]
)
def test_example_scf_level_matches_affine_level(
    file: str, entry: str, shapes: tuple[tuple[int, ...], ...]
) -> None:
    affine_module = _affine_module(file)
    scf_module = _lower_affine(affine_module)
    inputs = _inputs(affine_module, entry, shapes)
    expected = _as_tuple(reference.run(affine_module, entry, *inputs))
    actual = _as_tuple(reference.run(scf_module, entry, *inputs))
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected, strict=True):
        assert got.dtype == want.dtype and got.shape == want.shape
        np.testing.assert_array_equal(got, want)


def _run_example(file: str, entry: str, *inputs: np.ndarray) -> tuple[np.ndarray, ...]:
    return _as_tuple(reference.run(_lower_affine(_affine_module(file)), entry, *inputs))


def test_matmul_matches_numpy() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((5, 6), np.float32), rng.standard_normal((6, 7), np.float32)
    (c,) = _run_example("matmul.tc", "matmul", a, b)
    np.testing.assert_allclose(c, a @ b, rtol=1e-5, atol=1e-5)


def test_conv2d_strided_matches_numpy() -> None:
    rng = np.random.default_rng(2)
    image = rng.standard_normal((1, 2, 9, 8), np.float32)
    weights = rng.standard_normal((3, 2, 3, 3), np.float32)
    (out,) = _run_example("conv2d_strided.tc", "conv2d_strided", image, weights)
    windows = sliding_window_view(image, (3, 3), axis=(2, 3))[:, :, ::2, ::2]
    expected = np.einsum("nchwij,mcij->nmhw", windows, weights)
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_maxpool_matches_numpy() -> None:
    rng = np.random.default_rng(3)
    image = rng.standard_normal((2, 3, 7, 6), np.float32)
    (out,) = _run_example("maxpool.tc", "maxpool", image)
    # 2x2 windows with stride 2; the odd last row is left out.
    expected = image[:, :, :6, :6].reshape(2, 3, 3, 2, 3, 2).max(axis=(3, 5))
    np.testing.assert_array_equal(out, expected)


def test_ramp_flip_matches_numpy() -> None:
    rng = np.random.default_rng(4)
    a = rng.standard_normal((5, 4), np.float32)
    ramp, flipped = _run_example("sizes.tc", "ramp_flip", a)
    rows, cols = np.indices(a.shape)
    np.testing.assert_allclose(ramp, a + (rows * 4 + cols).astype(np.float32), rtol=1e-6)
    np.testing.assert_array_equal(flipped, a[:, ::-1])


# --- hand-written affine IR ---------------------------------------------------------------

INDEX_EXPRESSIONS = """
func.func @index_exprs(%out: memref<40x9xindex>, %shift: index, %d: index) {
  affine.for %i = 0 to 40 {
    %x = affine.apply affine_map<(d0)[s0] -> (d0 + s0)>(%i)[%shift]
    %fd = affine.apply affine_map<(d0) -> (d0 floordiv 3)>(%x)
    %cd = affine.apply affine_map<(d0) -> (d0 ceildiv 4)>(%x)
    %md = affine.apply affine_map<(d0) -> (d0 mod 5)>(%x)
    %lin = affine.apply affine_map<(d0)[s0] -> (d0 * 3 - s0 + 7)>(%x)[%d]
    %sfd = affine.apply affine_map<(d0)[s0] -> (d0 floordiv s0)>(%x)[%d]
    %smd = affine.apply affine_map<(d0)[s0] -> ((d0 * 2 + 1) mod s0)>(%x)[%d]
    %mn = affine.min affine_map<(d0)[s0] -> (d0, s0 - 3, 10)>(%x)[%d]
    %mx = affine.max affine_map<(d0)[s0] -> (d0 * 2, -s0)>(%x)[%d]
    %nest = affine.apply affine_map<(d0) -> ((d0 floordiv 2) ceildiv 3 + d0 mod 7)>(%x)
    affine.store %fd, %out[%i, 0] : memref<40x9xindex>
    affine.store %cd, %out[%i, 1] : memref<40x9xindex>
    affine.store %md, %out[%i, 2] : memref<40x9xindex>
    affine.store %lin, %out[%i, 3] : memref<40x9xindex>
    affine.store %sfd, %out[%i, 4] : memref<40x9xindex>
    affine.store %smd, %out[%i, 5] : memref<40x9xindex>
    affine.store %mn, %out[%i, 6] : memref<40x9xindex>
    affine.store %mx, %out[%i, 7] : memref<40x9xindex>
    affine.store %nest, %out[%i, 8] : memref<40x9xindex>
  }
  return
}
"""


def _ceil_div(a: np.ndarray, b: int) -> np.ndarray:
    return -((-a) // b)


def test_index_expressions_round_like_affine() -> None:
    """floordiv and mod floor and ceildiv rounds up, for negative operands too."""
    module = parse_verified(INDEX_EXPRESSIONS)
    shift, divisor = -20, 6
    out = np.zeros((40, 9), np.int64)
    reference.run(_lower_affine(module), "index_exprs", out, shift, divisor)
    x = np.arange(40) + shift
    expected = np.stack(
        [
            np.floor_divide(x, 3),
            _ceil_div(x, 4),
            np.mod(x, 5),
            x * 3 - divisor + 7,
            np.floor_divide(x, divisor),
            np.mod(x * 2 + 1, divisor),
            np.minimum(np.minimum(x, divisor - 3), 10),
            np.maximum(x * 2, -divisor),
            _ceil_div(np.floor_divide(x, 2), 3) + np.mod(x, 7),
        ],
        axis=1,
    )
    np.testing.assert_array_equal(out, expected)


LOOPS = """
func.func @strided_sum(%A: memref<?xf64>, %a: index, %b: index, %c: index, %d: index) -> f64 {
  %zero = arith.constant 0.0 : f64
  %s = affine.for %i = max affine_map<()[s0, s1] -> (s0, s1)>()[%a, %b]
                   to min affine_map<()[s0, s1] -> (s0, s1)>()[%c, %d] step 3
                   iter_args(%acc = %zero) -> (f64) {
    %v = affine.load %A[%i] : memref<?xf64>
    %n = arith.addf %acc, %v : f64
    affine.yield %n : f64
  }
  return %s : f64
}
func.func @upper_triangle(%A: memref<?x?xf32>, %B: memref<?x?xf32>, %n: index) {
  affine.for %i = 0 to %n {
    affine.for %j = affine_map<(d0) -> (d0)>(%i) to %n {
      %v = affine.load %A[%i, %j] : memref<?x?xf32>
      affine.store %v, %B[%i, %j] : memref<?x?xf32>
    }
  }
  return
}
func.func @two_sums(%A: memref<?x?xi32>, %n: index, %m: index) -> (i32, i32) {
  %zero = arith.constant 0 : i32
  %r:2 = affine.for %i = 0 to %n iter_args(%rows = %zero, %all = %zero) -> (i32, i32) {
    %row = affine.for %j = 0 to %m iter_args(%acc = %zero) -> (i32) {
      %v = affine.load %A[%i, %j] : memref<?x?xi32>
      %s = arith.addi %acc, %v : i32
      affine.yield %s : i32
    }
    %w = arith.muli %row, %row : i32
    %rows2 = arith.addi %rows, %w : i32
    %all2 = arith.addi %all, %row : i32
    affine.yield %rows2, %all2 : i32, i32
  }
  return %r#0, %r#1 : i32, i32
}
"""


@pytest.mark.parametrize(("a", "b", "c", "d"), [(2, 5, 30, 27), (7, 1, 12, 40), (9, 9, 3, 20)])
def test_for_with_max_min_bounds_step_and_iter_args(a: int, b: int, c: int, d: int) -> None:
    values = np.random.default_rng(5).standard_normal(40)
    total = reference.run(_lower_affine(parse_verified(LOOPS)), "strided_sum", values, a, b, c, d)
    expected = sum(values[i] for i in range(max(a, b), min(c, d), 3))
    assert total == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_nested_for_with_dim_bound() -> None:
    a = np.random.default_rng(6).standard_normal((6, 6)).astype(np.float32)
    b = np.zeros_like(a)
    reference.run(_lower_affine(parse_verified(LOOPS)), "upper_triangle", a, b, 6)
    np.testing.assert_array_equal(b, np.triu(a))


def test_nested_iter_args_with_several_results() -> None:
    a = np.random.default_rng(7).integers(-50, 50, (4, 5)).astype(np.int32)
    rows, total = reference.run(_lower_affine(parse_verified(LOOPS)), "two_sums", a, 4, 5)
    row_sums = a.sum(axis=1)
    assert rows == (row_sums * row_sums).sum()
    assert total == a.sum()


CONDITIONALS = """
func.func @band(%A: memref<?xf32>, %B: memref<?xf32>, %C: memref<?xf32>, %lo: index, %hi: index) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %A, %c0 : memref<?xf32>
  affine.for %i = 0 to %n {
    %v = affine.load %A[%i] : memref<?xf32>
    %r = affine.if affine_set<(d0)[s0, s1] : (d0 - s0 >= 0, s1 - d0 - 1 >= 0)>(%i)[%lo, %hi]
        -> f32 {
      %t = arith.addf %v, %v : f32
      affine.yield %t : f32
    } else {
      affine.yield %v : f32
    }
    affine.store %r, %B[%i] : memref<?xf32>
    affine.if affine_set<(d0) : (d0 mod 3 == 0)>(%i) {
      affine.store %v, %C[%i] : memref<?xf32>
    }
  }
  return
}
"""


def test_if_with_and_without_else() -> None:
    module = parse_verified(CONDITIONALS)
    a = np.random.default_rng(8).standard_normal(12).astype(np.float32)
    b = np.zeros_like(a)
    c = np.full_like(a, -7.0)
    reference.run(_lower_affine(module), "band", a, b, c, 3, 8)
    index = np.arange(12)
    in_band = (index >= 3) & (index < 8)
    np.testing.assert_array_equal(b, np.where(in_band, a + a, a))
    np.testing.assert_array_equal(c, np.where(index % 3 == 0, a, np.float32(-7.0)))


PARALLEL = """
func.func @float_reductions(%A: memref<?x?xf64>, %n: index, %m: index) -> (f64, f64, f64, f64) {
  %r:4 = affine.parallel (%i, %j) = (0, 0) to (%n, %m)
      reduce ("addf", "mulf", "maximumf", "minimumf") -> (f64, f64, f64, f64) {
    %v = affine.load %A[%i, %j] : memref<?x?xf64>
    affine.yield %v, %v, %v, %v : f64, f64, f64, f64
  }
  return %r#0, %r#1, %r#2, %r#3 : f64, f64, f64, f64
}
func.func @int_reductions(%A: memref<?xi32>, %n: index) -> (i32, i32, i32, i32) {
  %r:4 = affine.parallel (%i) = (0) to (%n) reduce ("addi", "muli", "andi", "ori")
      -> (i32, i32, i32, i32) {
    %v = affine.load %A[%i] : memref<?xi32>
    affine.yield %v, %v, %v, %v : i32, i32, i32, i32
  }
  return %r#0, %r#1, %r#2, %r#3 : i32, i32, i32, i32
}
func.func @window(%A: memref<?x?xf32>, %B: memref<?x?xf32>, %lo: index, %hi: index) {
  affine.parallel (%i, %j) = (max(%lo, 1), 0) to (min(%hi, 9), 10) step (2, 3) {
    %v = affine.load %A[%i, %j] : memref<?x?xf32>
    affine.store %v, %B[%i, %j] : memref<?x?xf32>
  }
  return
}
"""


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_parallel_float_reductions(sign: float) -> None:
    """All-positive and all-negative values: a wrong identity for max or min shows."""
    a = sign * np.random.default_rng(9).uniform(0.5, 1.5, (3, 4))
    results = reference.run(_lower_affine(parse_verified(PARALLEL)), "float_reductions", a, 3, 4)
    total, product, largest, smallest = results
    assert total == pytest.approx(a.sum(), rel=1e-12)
    assert product == pytest.approx(a.prod(), rel=1e-12)
    assert largest == a.max() and smallest == a.min()


def test_parallel_int_reductions() -> None:
    a = np.random.default_rng(10).integers(1, 64, 7).astype(np.int32)
    results = reference.run(_lower_affine(parse_verified(PARALLEL)), "int_reductions", a, 7)
    assert tuple(int(r) for r in results) == (
        int(a.sum()),
        int(np.prod(a, dtype=np.int32)),  # wraps around, as arith.muli does
        int(np.bitwise_and.reduce(a)),
        int(np.bitwise_or.reduce(a)),
    )


@pytest.mark.parametrize(("lo", "hi"), [(0, 20), (4, 7)])
def test_parallel_with_max_min_bounds_and_steps(lo: int, hi: int) -> None:
    a = np.random.default_rng(11).standard_normal((10, 10)).astype(np.float32)
    b = np.zeros_like(a)
    reference.run(_lower_affine(parse_verified(PARALLEL)), "window", a, b, lo, hi)
    expected = np.zeros_like(a)
    rows = slice(max(lo, 1), min(hi, 9), 2)
    expected[rows, ::3] = a[rows, ::3]
    np.testing.assert_array_equal(b, expected)


INDEX_OPS = """
func.func @index_ops(%out: memref<?x5xindex>, %m: index) {
  %count = affine.apply affine_map<()[s0] -> (s0 * 12)>()[%m]
  affine.for %l = 0 to %count {
    %d:3 = affine.delinearize_index %l into (3, %m, 4) : index, index, index
    %back = affine.linearize_index disjoint [%d#0, %d#1, %d#2] by (3, %m, 4) : index
    %swapped = affine.linearize_index [%d#2, %d#0] by (3) : index
    affine.store %d#0, %out[%l, 0] : memref<?x5xindex>
    affine.store %d#1, %out[%l, 1] : memref<?x5xindex>
    affine.store %d#2, %out[%l, 2] : memref<?x5xindex>
    affine.store %back, %out[%l, 3] : memref<?x5xindex>
    affine.store %swapped, %out[%l, 4] : memref<?x5xindex>
  }
  return
}
"""


def test_linearize_and_delinearize_index() -> None:
    m = 5
    out = np.zeros((12 * m, 5), np.int64)
    reference.run(_lower_affine(parse_verified(INDEX_OPS)), "index_ops", out, m)
    linear = np.arange(12 * m)
    outer, middle, inner = np.unravel_index(linear, (3, m, 4))
    np.testing.assert_array_equal(out[:, 0], outer)
    np.testing.assert_array_equal(out[:, 1], middle)
    np.testing.assert_array_equal(out[:, 2], inner)
    np.testing.assert_array_equal(out[:, 3], linear)
    np.testing.assert_array_equal(out[:, 4], inner * 3 + outer)


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "%r = affine.apply affine_map<(d0) -> (d0 mod -2)>(%i)",
            "modulo by non-positive value is not supported",
        ),
        (
            "%r = affine.apply affine_map<(d0) -> (d0 floordiv 0)>(%i)",
            "division by non-positive value is not supported",
        ),
        (
            "affine.prefetch %A[%i], read, locality<3>, data : memref<8xf32>",
            "'affine.prefetch' cannot be lowered: there is no 'memref.prefetch' op",
        ),
    ],
)
def test_refused_ops_are_reported_and_nothing_changes(body: str, message: str) -> None:
    text = f"func.func @f(%A: memref<8xf32>, %i: index) {{\n  {body}\n  return\n}}\n"
    module = parse_verified(text)
    before = str(module)
    diagnostics: list[Diagnostic] = []
    with diagnostic_handler(diagnostics.append), pytest.raises(DiagnosedError):
        apply_pipeline(module, "lower-affine")
    assert [d.message for d in diagnostics] == [message]
    assert str(module) == before
