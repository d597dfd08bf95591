"""Numerical checks that affine-loop-interchange and affine-parallelize preserve results:
examples/tc programs are lowered to the affine level, transformed, run by the reference
executor and compared with independent numpy code."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from irkit.dialects import affine
from numpy.lib.stride_tricks import sliding_window_view
from xdsl.dialects.builtin import ModuleOp

from irkit import reference
from irkit.frontend import tc
from irkit.pass_pipeline import apply_pipeline
from irkit.verifier import verify

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples" / "tc"


def _affine_module(file: str) -> ModuleOp:
    path = EXAMPLES_DIR / file
    module = tc.parse(path.read_text(), filename=str(path))
    apply_pipeline(module, "lower-to-affine")
    return module


def _transformed(file: str, pipeline: str) -> ModuleOp:
    module = _affine_module(file)
    apply_pipeline(module, pipeline)
    verify(module)
    return module


def _conv2d_numpy(image: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    windows = sliding_window_view(image, weights.shape[2:], axis=(2, 3))  # N C H' W' KH KW
    return np.einsum("nchwij,mcij->nmhw", windows, weights) + bias[None, :, None, None]


def _loop_order(module: ModuleOp) -> list[str]:
    return [
        op.induction_var.name_hint or "?"
        for op in module.walk()
        if isinstance(op, affine.ForOp) and not op.inits
    ]


def test_matmul_interchanged_matches_numpy() -> None:
    module = _transformed("matmul.tc", "affine-loop-interchange{permutation=2,0,1}")
    # The 3-deep reduction nest m, n, r_k is now n, r_k, m; the 2-deep init nest stays.
    assert _loop_order(module) == ["m", "n", "n", "r_k", "m"]
    rng = np.random.default_rng(3)
    a = rng.standard_normal((5, 6)).astype(np.float32)
    b = rng.standard_normal((6, 7)).astype(np.float32)
    np.testing.assert_allclose(reference.run(module, "matmul", a, b), a @ b, rtol=1e-5, atol=1e-5)


def test_transpose_interchanged_matches_numpy() -> None:
    module = _transformed("transpose.tc", "affine-loop-interchange{permutation=3,2,1,0}")
    image = np.random.default_rng(4).standard_normal((2, 3, 4, 5)).astype(np.float32)
    np.testing.assert_array_equal(
        reference.run(module, "transpose", image), image.transpose(1, 0, 3, 2)
    )


@pytest.mark.parametrize("options", ["", "{parallel-reductions=true}", "{max-nested=1}"])
def test_conv2d_parallelized_matches_numpy(options: str) -> None:
    module = _transformed("conv2d.tc", f"affine-parallelize{options}")
    assert any(isinstance(op, affine.ParallelOp) for op in module.walk())
    rng = np.random.default_rng(5)
    image = rng.standard_normal((2, 3, 7, 6)).astype(np.float32)
    weights = rng.standard_normal((4, 3, 3, 2)).astype(np.float32)
    bias = rng.standard_normal(4).astype(np.float32)
    np.testing.assert_allclose(
        reference.run(module, "conv2d", image, weights, bias),
        _conv2d_numpy(image, weights, bias),
        rtol=1e-4,
        atol=1e-4,
    )


def test_matmul_parallelized_keeps_the_reduction_loop() -> None:
    module = _transformed("matmul.tc", "affine-parallelize")
    # m and n of both nests become parallel; the reduction over r_k stays a loop.
    assert _loop_order(module) == ["r_k"]
    rng = np.random.default_rng(6)
    a = rng.standard_normal((5, 6)).astype(np.float32)
    b = rng.standard_normal((6, 7)).astype(np.float32)
    np.testing.assert_allclose(reference.run(module, "matmul", a, b), a @ b, rtol=1e-5, atol=1e-5)
