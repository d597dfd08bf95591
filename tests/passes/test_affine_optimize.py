"""affine-optimize preserves the results of contractions and other nests.

TC programs are lowered to affine loops, optimized by ``affine-optimize`` with explicit
options, JIT-compiled at ``opt_level=2`` (which does not run the pass again) and compared
with independent numpy code computed in float64. Each kernel runs at several sizes, so that
one compile covers full tiles, partial row, vector and reduction tiles, and sizes smaller
than one tile. Every contraction is checked to have got the register tile (vector iter_args),
where the sizes allow a full tile, so that the numbers test the recipe, not a refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from irkit.dialects import affine
from irkit.passes.affine_optimize import AffineOptimizePass
from xdsl.context import Context
from xdsl.dialects import arith, vector
from xdsl.dialects.builtin import ModuleOp, VectorType

import irkit
from irkit.frontend import tc
from irkit.pass_pipeline import apply_pipeline
from irkit.runtime.kernel import Kernel

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples" / "tc"

MATMUL = (EXAMPLES_DIR / "matmul.tc").read_text()
MATMUL_F64 = "def matmul(double(M,K) A, double(K,N) B) -> (C) { C(m, n) +=! A(m, r_k) * B(r_k, n) }"
MATMUL_I32 = "def matmul(int32(M,K) A, int32(K,N) B) -> (C) { C(m, n) +=! A(m, r_k) * B(r_k, n) }"

# vector-bits=256 with 4 rows and 2 vectors: a 4x16 f32 register tile.
DEFAULT = "vector-bits=256 register-rows=4 register-vectors=2 reduction-tile=256"

# (M, K, N) with the DEFAULT tile: full tiles only; partial row, vector and reduction tiles
# together; smaller than one tile in every dimension; a single element.
MATMUL_SIZES = [(16, 256, 32), (19, 300, 45), (3, 5, 7), (1, 1, 1)]


def _optimized(source: str, options: str, sizes: dict[str, int] | None = None) -> ModuleOp:
    module = tc.parse(source, sizes=sizes)
    apply_pipeline(module, "lower-to-affine")
    apply_pipeline(module, f"affine-optimize{{{options}}}")
    return module


def _register_tiles(module: ModuleOp) -> list[affine.ForOp]:
    """The reduction loops that carry output tiles in vector iter_args."""
    return [
        op
        for op in module.walk()
        if isinstance(op, affine.ForOp)
        and op.inits
        and all(isinstance(value.type, VectorType) for value in op.inits)
    ]


def _compile(module: ModuleOp, has_full_tiles: bool = True) -> Kernel:
    assert bool(_register_tiles(module)) == has_full_tiles, "register tiles"
    return irkit.compile(module, opt_level=2)


def _assert_close(actual: object, expected: np.ndarray) -> None:
    assert isinstance(actual, np.ndarray)
    assert actual.shape == expected.shape
    np.testing.assert_allclose(actual, expected, rtol=1e-4, atol=1e-4)


def _random(rng: np.random.Generator, shape: tuple[int, ...], dtype: type) -> np.ndarray:
    return rng.standard_normal(shape).astype(dtype)


def _check_matmul(kernel: Kernel, sizes: list[tuple[int, int, int]], dtype: type) -> None:
    rng = np.random.default_rng(sum(map(sum, sizes)))
    for m, k, n in sizes:
        a, b = _random(rng, (m, k), dtype), _random(rng, (k, n), dtype)
        expected = a.astype(np.float64) @ b.astype(np.float64)
        result = kernel(a, b)
        assert isinstance(result, np.ndarray) and result.dtype == dtype, (m, k, n)
        _assert_close(result, expected)


@pytest.mark.parametrize(
    "options",
    [
        DEFAULT,
        "vector-bits=128 register-rows=1 register-vectors=1 reduction-tile=16 parallelize=false",
        "vector-bits=512 register-rows=8 register-vectors=2 reduction-tile=64",
        "vector-bits=256 register-rows=8 register-vectors=1 reduction-tile=7 parallelize=false",
    ],
)
def test_dynamic_matmul_matches_numpy(options: str) -> None:
    kernel = _compile(_optimized(MATMUL, options))
    _check_matmul(kernel, MATMUL_SIZES, np.float32)


@pytest.mark.parametrize(("m", "k", "n", "has_full_tiles"), [(19, 300, 45, True), (1, 1, 1, False)])
def test_static_matmul_matches_numpy(m: int, k: int, n: int, has_full_tiles: bool) -> None:
    module = _optimized(MATMUL, DEFAULT, sizes={"M": m, "K": k, "N": n})
    _check_matmul(_compile(module, has_full_tiles), [(m, k, n)], np.float32)


def test_f64_matmul_matches_numpy() -> None:
    # 256 bits hold 4 doubles: a 4x8 register tile.
    kernel = _compile(_optimized(MATMUL_F64, DEFAULT))
    _check_matmul(kernel, MATMUL_SIZES, np.float64)


def test_int32_matmul_is_exact_without_fma() -> None:
    module = _optimized(MATMUL_I32, DEFAULT)
    # Integers accumulate with muli and addi: vector.fma is for floats.
    assert not any(isinstance(op, vector.FMAOp) for op in module.walk())
    assert any(
        isinstance(op, arith.MuliOp) and isinstance(op.result.type, VectorType)
        for op in module.walk()
    )
    kernel = _compile(module)
    rng = np.random.default_rng(17)
    for m, k, n in MATMUL_SIZES:
        a = rng.integers(-50, 50, (m, k), dtype=np.int32)
        b = rng.integers(-50, 50, (k, n), dtype=np.int32)
        expected = (a.astype(np.int64) @ b.astype(np.int64)).astype(np.int32)
        np.testing.assert_array_equal(kernel(a, b), expected, err_msg=str((m, k, n)))


def _batch_matmul(rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    x, y = _random(rng, (3, 13, 37), np.float32), _random(rng, (3, 37, 21), np.float32)
    return [x, y], np.einsum("bnm,bmk->bnk", x.astype(np.float64), y.astype(np.float64))


def _conv2d(rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    image = _random(rng, (2, 5, 12, 20), np.float32)
    weights = _random(rng, (11, 5, 3, 3), np.float32)
    bias = _random(rng, (11,), np.float32)
    windows = np.lib.stride_tricks.sliding_window_view(image.astype(np.float64), (3, 3), (2, 3))
    expected = np.einsum("nchwij,mcij->nmhw", windows, weights.astype(np.float64))
    return [image, weights, bias], expected + bias[None, :, None, None]


def _tensordot(rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    i0 = _random(rng, (2, 9, 6, 3, 5), np.float32)
    i1 = _random(rng, (2, 6, 19, 3, 5), np.float32)
    expected = np.einsum("nabhw,nbchw->nachw", i0.astype(np.float64), i1.astype(np.float64))
    return [i0, i1], expected


def _gram(rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    # G(i, j) = X(i, r_d) X(j, r_d): j runs along the first dimension of X.
    x = rng.standard_normal((21, 37))
    return [x], x @ x.T


@pytest.mark.parametrize(
    ("file", "entry", "case"),
    [
        ("batch_matmul.tc", "batch_matmul", _batch_matmul),
        ("conv2d.tc", "conv2d", _conv2d),
        ("tensordot.tc", "tensordot", _tensordot),
        ("double.tc", "gram", _gram),
    ],
    ids=["batch_matmul", "conv2d", "tensordot", "gram_f64"],
)
def test_example_contraction_matches_numpy(
    file: str,
    entry: str,
    case: Callable[[np.random.Generator], tuple[list[np.ndarray], np.ndarray]],
) -> None:
    module = _optimized((EXAMPLES_DIR / file).read_text(), DEFAULT)
    assert _register_tiles(module), "the contraction did not get a register tile"
    kernel = irkit.compile(module, entry=entry, opt_level=2)
    inputs, expected = case(np.random.default_rng(len(entry)))
    _assert_close(kernel(*inputs), expected)


def test_elementwise_and_reductions_match_numpy() -> None:
    """Nests that are not contractions (softmax: maxima, exponentials, sums, divisions)
    are vectorized and parallelized, with remainders."""
    module = _optimized((EXAMPLES_DIR / "softmax.tc").read_text(), DEFAULT)
    assert any(isinstance(op, affine.ParallelOp) for op in module.walk())
    assert any(isinstance(op, affine.VectorLoadOp) for op in module.walk())
    kernel = irkit.compile(module, opt_level=2)
    x = np.random.default_rng(3).standard_normal((13, 37)).astype(np.float32) * 3
    wide = np.exp(x.astype(np.float64) - x.max(axis=1, keepdims=True))
    _assert_close(kernel(x), wide / wide.sum(axis=1, keepdims=True))


def test_compile_at_O3_runs_affine_optimize(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[AffineOptimizePass] = []
    apply = AffineOptimizePass.apply

    def recording_apply(self: AffineOptimizePass, ctx: Context, op: ModuleOp) -> None:
        runs.append(self)
        apply(self, ctx, op)

    monkeypatch.setattr(AffineOptimizePass, "apply", recording_apply)
    kernel = irkit.compile(MATMUL, opt_level=3)
    assert len(runs) == 1
    # 67 = 64 + 3: full tiles for any register tile up to 8 rows and 64 lanes, and partial
    # ones.
    _check_matmul(kernel, [(67, 67, 67)], np.float32)
