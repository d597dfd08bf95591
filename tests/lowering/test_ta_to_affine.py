"""Numerical checks of lower-ta-to-affine.

Each program runs twice on the reference executor, at the ta level and after lowering to
the affine level, and both results are compared with independent numpy code. The programs
are the inputs of the lit tests in tests/lit/lowering/ta-to-affine, so what those tests
check textually is checked numerically here too.

The lowered functions run with their out-parameters given, filled with garbage (NaN, or
an unlikely integer): an element the lowering forgets to write, or a zero fill it wrongly
leaves out, shows up in the result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from xdsl.dialects.builtin import ModuleOp

from irkit import reference
from irkit.diagnostics import DiagnosedError, Diagnostic, SourceBuffer, diagnostic_handler
from irkit.parsing import parse_module
from irkit.pass_pipeline import apply_pipeline
from irkit.printing import print_ir
from irkit.registry import default_registry, make_context

LIT_INPUTS = Path(__file__).resolve().parents[1] / "lit" / "lowering" / "ta-to-affine"
INT_GARBAGE = -123456789

rng = np.random.default_rng(20240611)


@cache
def _source(name: str) -> str:
    """A lit input as one module: its `// -----` chunks define distinct functions."""
    text = (LIT_INPUTS / name).read_text()
    return re.sub(r"^// -----\s*$", "", text, flags=re.MULTILINE)


def _parse(text: str, name: str = "test.mlir") -> ModuleOp:
    return parse_module(make_context(), SourceBuffer(name, text))


def _lowered(module: ModuleOp) -> ModuleOp:
    lowered = module.clone()
    apply_pipeline(lowered, "lower-to-affine")
    return lowered


def _as_tuple(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


def _garbage_like(array: np.ndarray) -> np.ndarray:
    if np.issubdtype(array.dtype, np.floating):
        return np.full_like(array, np.nan)
    return np.full_like(array, INT_GARBAGE)


def _check(
    source: str,
    entry: str,
    inputs: Sequence[Any],
    expected: Sequence[np.ndarray],
    rtol: float = 1e-5,
) -> None:
    """Run `entry` at the ta level and lowered, and compare both with `expected`."""
    module = _parse(_source(source) if source.endswith(".mlir") else source)
    ta_results = _as_tuple(reference.run(module, entry, *inputs))
    outs = [_garbage_like(np.asarray(want)) for want in expected]
    returned = reference.run(_lowered(module), entry, *inputs, *outs)
    assert returned is None, "a lowered function returns nothing: its results are out-parameters"
    assert len(ta_results) == len(expected)
    for index, (at_ta, lowered, want) in enumerate(zip(ta_results, outs, expected, strict=True)):
        want = np.asarray(want)
        assert lowered.shape == want.shape
        np.testing.assert_allclose(at_ta, want, rtol=rtol, err_msg=f"ta level, result #{index}")
        np.testing.assert_allclose(
            lowered, want, rtol=rtol, err_msg=f"affine level, result #{index}"
        )


def _f32(*shape: int) -> np.ndarray:
    return rng.standard_normal(shape).astype(np.float32)


def _i32(*shape: int, low: int = -9, high: int = 10) -> np.ndarray:
    return rng.integers(low, high, shape).astype(np.int32)


# ---------------------------------------------------------------------------
# The lit inputs, numerically
# ---------------------------------------------------------------------------


def test_matmul_dynamic() -> None:
    a, b = _f32(5, 7), _f32(7, 3)
    _check("matmul.mlir", "matmul", [a, b], [np.einsum("mk,kn->mn", a, b)])


def test_matmul_static() -> None:
    a, b = rng.standard_normal((4, 8)), rng.standard_normal((8, 16))
    _check("matmul.mlir", "matmul_static", [a, b], [np.einsum("mk,kn->mn", a, b)], rtol=1e-12)


def test_conv2d() -> None:
    image, kernel = _f32(9, 7), _f32(3, 2)
    windows = sliding_window_view(image, kernel.shape)
    _check("conv.mlir", "conv2d", [image, kernel], [np.einsum("hwij,ij->hw", windows, kernel)])


@pytest.mark.parametrize("length", [11, 12])
def test_strided_conv1d_relu(length: int) -> None:
    signal, kernel = _f32(length), _f32(4)
    windows = sliding_window_view(signal, 4)[::2]
    expected = np.maximum(windows @ kernel, 0)
    _check("conv.mlir", "conv1d_strided_relu", [signal, kernel], [expected])


def test_where_ranges() -> None:
    a = _f32(6)
    _check("where.mlir", "shift", [a], [np.concatenate([[0], a[:-1]]).astype(np.float32)])
    b = rng.integers(-100, 100, (6, 4))
    window = np.zeros((6, 4), np.int64)
    window[2:6, 0:3] = b[2:6, 1:4]
    _check("where.mlir", "window", [b], [window])
    c = _f32(5, 3)
    _check("where.mlir", "full", [c], [c[1:]])


def test_reductions_with_identity() -> None:
    a = _f32(4, 6)
    want = [a.sum(1), a.prod(1), a.max(1), a.min(1)]
    _check("reductions.mlir", "float_identity", [a, _f32(4)], want)
    b = _i32(4, 6, low=-3, high=4)
    want = [b.sum(1, dtype=np.int32), b.prod(1, dtype=np.int32), b.max(1), b.min(1)]
    _check("reductions.mlir", "int_identity", [b, _i32(4)], want)


def test_reductions_into_init() -> None:
    a, acc = _f32(4, 6), _f32(4)
    want = [acc + a.sum(1), acc * a.prod(1), np.maximum(acc, a.max(1)), np.minimum(acc, a.min(1))]
    _check("reductions.mlir", "float_accumulate", [a, acc], want)
    b, acc_i = _i32(4, 6, low=-3, high=4), _i32(4)
    want = [
        acc_i + b.sum(1, dtype=np.int32),
        acc_i * b.prod(1, dtype=np.int32),
        np.maximum(acc_i, b.max(1)),
        np.minimum(acc_i, b.min(1)),
    ]
    _check("reductions.mlir", "int_accumulate", [b, acc_i], want)


def test_max_and_min_propagate_nan() -> None:
    a = _f32(3, 5)
    a[1, 2] = np.nan
    module = _parse(_source("reductions.mlir"))
    outs = [_garbage_like(a[:, 0]) for _ in range(4)]
    reference.run(_lowered(module), "float_identity", a, _f32(3), *outs)
    for out, numpy_reduction in zip(outs[2:], (np.max, np.min), strict=True):
        np.testing.assert_array_equal(out, numpy_reduction(a, axis=1))


def test_in_place_chain() -> None:
    inputs, weights, bias = _f32(3, 5), _f32(4, 5), _f32(4)
    expected = np.maximum(np.einsum("bm,nm->bn", inputs, weights) + bias, 0)
    _check("in-place.mlir", "chain", [inputs, weights, bias], [expected])


def test_updates_that_must_copy() -> None:
    a = _f32(8)
    t = a + a
    u = t.copy()
    u[2:4] = a[2:4]
    _check("in-place.mlir", "read_after", [a], [u, t - u])
    n = 6
    b = _f32(n)
    _check("in-place.mlir", "read_before", [b], [b[::-1], np.ones(n, np.float32)])
    _check("in-place.mlir", "mirror", [b], [b[::-1]])
    c = _f32(4, 3)
    _check("in-place.mlir", "reduce_self", [c], [1 + c.sum(1)])


def test_updates_of_parameters() -> None:
    a = _i32(5)
    updated = a.copy()
    updated[0] = 7
    _check("in-place.mlir", "parameter_init", [a], [updated, np.full(5, 9, np.int32)])


def test_parameters_are_never_written() -> None:
    a = _i32(5, low=0, high=5)
    before = a.copy()
    lowered = _lowered(_parse(_source("in-place.mlir")))
    reference.run(lowered, "parameter_init", a, _garbage_like(a), _garbage_like(a))
    np.testing.assert_array_equal(a, before)


def test_temporaries() -> None:
    a = _f32(4, 3)
    t = a + a
    p = np.zeros((5, 3), np.float32)
    p[1:] = a
    _check("temporaries.mlir", "temporaries", [a], [(t - p[:4]).sum(1)])
    b = _i32(16)
    _check("temporaries.mlir", "pipeline", [b], [(2 * b * b)[::-1]])


def test_scalar_signature() -> None:
    """Without tensors in its signature a function keeps it: it runs as it is."""
    lowered = _lowered(_parse(_source("temporaries.mlir")))
    assert reference.run(lowered, "scalar_signature", 6, np.float32(2.5)) == 4


def test_results() -> None:
    a, alpha = _f32(7), np.float32(1.5)
    scaled = a * alpha
    _check("results.mlir", "results", [a, alpha], [scaled, np.float32(scaled.sum()), scaled, a])


def test_index() -> None:
    a = _f32(4, 5)
    m, n = np.indices(a.shape)
    expected = np.where(n < m, a + (m * 5 + n), 0).astype(np.float32)
    _check("index.mlir", "ramp_lower", [a], [expected])


def test_calls() -> None:
    a, b, z = _f32(3, 4), _f32(4, 5), _f32(5, 3)
    ab = a @ b
    _check("call.mlir", "chain", [a, b, z], [ab, ab @ z @ a], rtol=1e-4)
    x, y = _f32(5, 6), _f32(7)
    padded = np.concatenate([[0], x[0], [0]]).astype(np.float32)
    _check("call.mlir", "use_pad", [x, y], [padded[:7]])


# ---------------------------------------------------------------------------
# The ABI
# ---------------------------------------------------------------------------


def test_outputs_allocated_from_ta_shape() -> None:
    """The out-parameter keeps the result's ta.shape: the executor allocates the output
    from it when the caller leaves it out."""
    a, b = _f32(2, 3), _f32(3, 4)
    lowered = _lowered(_parse(_source("matmul.mlir")))
    np.testing.assert_allclose(reference.run(lowered, "matmul", a, b), a @ b, rtol=1e-5)


def test_strided_update_of_a_reduction() -> None:
    """A strided statement that updates the matmul result it reads: the update reads
    elements it also writes, so it must work on a copy."""
    source = _source("matmul.mlir").replace(
        "  func.return %C : tensor<?x?xf32>\n}",
        """  %D = ta.comprehension (i: 0 to (%M - 2) floordiv 2 + 1, j: 1 to %N)
         ins(%C[2 * i + 1, j] : tensor<?x?xf32>) outs(%C[i, j] : tensor<?x?xf32>)
         -> tensor<?x?xf32> {
  ^bb0(%c: f32):
    ta.yield %c : f32
  }
  func.return %D : tensor<?x?xf32>
}""",
        1,
    )
    a, b = _f32(7, 3), _f32(3, 4)
    c = a @ b
    d = c.copy()
    rows = (7 - 2) // 2 + 1
    d[:rows, 1:] = c[1 : 2 * rows : 2, 1:]
    _check(source, "matmul", [a, b], [d])


# ---------------------------------------------------------------------------
# Refusals, from the Python API
# ---------------------------------------------------------------------------

_GOOD_THEN_BAD = """
func.func @good(%A: tensor<4xf32>) -> tensor<4xf32> {
  %B = ta.comprehension (i: 0 to 4) ins(%A[i] : tensor<4xf32>) outs[i] -> tensor<4xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  func.return %B : tensor<4xf32>
}
func.func @bad(%N: index) -> tensor<?xf32> {
  %E = tensor.empty(%N) : tensor<?xf32>
  func.return %E : tensor<?xf32>
}
"""


def test_refusal_is_a_located_diagnostic_and_changes_nothing() -> None:
    module = _parse(_GOOD_THEN_BAD, "refused.mlir")
    before = print_ir(module)
    diagnostics: list[Diagnostic] = []
    with diagnostic_handler(diagnostics.append), pytest.raises(DiagnosedError):
        apply_pipeline(module, "lower-ta-to-affine")
    assert [(d.location and (d.location.file, d.location.line)) for d in diagnostics] == [
        ("refused.mlir", 10)
    ]
    assert "cannot lower 'tensor.empty' on tensors" in diagnostics[0].message
    assert print_ir(module) == before


def test_registered_with_summary() -> None:
    registry = default_registry()
    pass_class = registry.passes["lower-ta-to-affine"]()
    assert pass_class.name == "lower-ta-to-affine"
    assert registry.summaries["lower-ta-to-affine"].startswith("Lower ta comprehensions")
