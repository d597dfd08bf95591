"""Numerical tests of the Tensor Comprehensions programs in ``examples/tc``.

Every ``def`` there is run by the reference executor at two levels, on the ``ta`` module the
TC front end builds and on the same module lowered to affine loops, each with dynamic shapes
(``sizes=None``) and with every size variable bound (static shapes). The results are compared
with numpy code written independently of the TC source: einsum, sliding windows, reshapes
and numpy's own reductions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from xdsl.dialects.builtin import ModuleOp

import irkit.reference
from irkit.frontend import tc
from irkit.pass_pipeline import apply_pipeline

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples" / "tc"

Sizes = Mapping[str, int]
InputMaker = Callable[[np.random.Generator, Sizes], np.ndarray]
Reference = Callable[..., tuple[np.ndarray, ...]]

# examples/tc/sizes.json binds the size variables of each file, shared by all of its
# defs: distinct values, so that a size used in the wrong place shows up as a shape
# mismatch, and odd spatial sizes, which check the rounding of strided ranges.
SIZES: dict[str, dict[str, int]] = json.loads((EXAMPLES_DIR / "sizes.json").read_text())


# --- inputs ------------------------------------------------------------------------------


def normal(*dims: str, dtype: type[np.floating] = np.float32, scale: float = 1.0) -> InputMaker:
    """Normally distributed values of the shape named by ``dims``."""

    def make(rng: np.random.Generator, sizes: Sizes) -> np.ndarray:
        shape = tuple(sizes[d] for d in dims)
        return (scale * rng.standard_normal(shape)).astype(dtype)

    return make


def uniform(*dims: str, low: float, high: float) -> InputMaker:
    """float32 values drawn uniformly from ``[low, high)``: positive ones for log and sqrt,
    ones near 1 for products that must neither overflow nor vanish."""

    def make(rng: np.random.Generator, sizes: Sizes) -> np.ndarray:
        shape = tuple(sizes[d] for d in dims)
        return rng.uniform(low, high, shape).astype(np.float32)

    return make


def with_zeros(maker: InputMaker) -> InputMaker:
    """``maker``'s values with about a quarter of them set to exactly zero."""

    def make(rng: np.random.Generator, sizes: Sizes) -> np.ndarray:
        values = maker(rng, sizes)
        values[rng.random(values.shape) < 0.25] = 0
        return values

    return make


def integers(*dims: str, low: int, high: int, dtype: type[np.integer]) -> InputMaker:
    """Integers drawn uniformly from ``[low, high)``."""

    def make(rng: np.random.Generator, sizes: Sizes) -> np.ndarray:
        shape = tuple(sizes[d] for d in dims)
        return rng.integers(low, high, shape, dtype=dtype)

    return make


# --- references --------------------------------------------------------------------------
# float32 kernels are checked against float64 results rounded to float32 at the end.


def _f64(*arrays: np.ndarray) -> list[np.ndarray]:
    return [a.astype(np.float64) for a in arrays]


def _f32(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(a, dtype=np.float32) for a in arrays)


def ref_matmul(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    a, b = _f64(a, b)
    return _f32(a @ b)


def ref_batch_matmul(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    x, y = _f64(x, y)
    return _f32(np.matmul(x, y))


def _conv_windows(image: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """(N, C, Ho, Wo, kh, kw): every kh x kw window of the last two axes, stride 1."""
    return sliding_window_view(image, (kh, kw), axis=(2, 3))


def ref_conv2d(image: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> tuple[np.ndarray, ...]:
    image, weights, bias = _f64(image, weights, bias)
    windows = _conv_windows(image, weights.shape[2], weights.shape[3])
    out = np.einsum("nchwij,mcij->nmhw", windows, weights) + bias[None, :, None, None]
    return _f32(out)


def ref_conv2d_strided(image: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, ...]:
    image, weights = _f64(image, weights)
    windows = _conv_windows(image, weights.shape[2], weights.shape[3])[:, :, ::2, ::2]
    return _f32(np.einsum("nchwij,mcij->nmhw", windows, weights))


def ref_depthwise_conv(image: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, ...]:
    image, weights = _f64(image, weights)
    windows = _conv_windows(image, weights.shape[1], weights.shape[2])
    return _f32(np.einsum("nchwij,cij->nchw", windows, weights))


def ref_maxpool(image: np.ndarray) -> tuple[np.ndarray, ...]:
    n, c, h, w = image.shape
    tiles = image[:, :, : h // 2 * 2, : w // 2 * 2].reshape(n, c, h // 2, 2, w // 2, 2)
    return (tiles.max(axis=(3, 5)),)


def ref_avgpool(image: np.ndarray) -> tuple[np.ndarray, ...]:
    (image,) = _f64(image)
    return _f32(_conv_windows(image, 3, 3).mean(axis=(4, 5)))


def ref_softmax(x: np.ndarray) -> tuple[np.ndarray, ...]:
    (x,) = _f64(x)
    # Unshifted: float64 cannot overflow on these inputs, so this is independent of the
    # max-shift the kernel uses.
    probabilities = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
    return _f32(probabilities)


def ref_layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> tuple[np.ndarray, ...]:
    x, gamma, beta = _f64(x, gamma, beta)
    mean = x.mean(axis=1)
    variance = x.var(axis=1)
    normalised = (x - mean[:, None]) / np.sqrt(variance[:, None] + 1e-5)
    return _f32(gamma * normalised + beta, mean, variance)


def ref_mlp(
    x: np.ndarray, w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray
) -> tuple[np.ndarray, ...]:
    x, w1, b1, w2, b2 = _f64(x, w1, b1, w2, b2)
    hidden = np.maximum(x @ w1.T + b1, 0.0)
    return _f32(hidden, hidden @ w2.T + b2)


def ref_tensordot(i0: np.ndarray, i1: np.ndarray) -> tuple[np.ndarray, ...]:
    i0, i1 = _f64(i0, i1)
    return _f32(np.einsum("nabhw,nbchw->nachw", i0, i1))


def ref_transpose(x: np.ndarray) -> tuple[np.ndarray, ...]:
    return (x.transpose(1, 0, 3, 2),)


def ref_kronecker(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    a, b = _f64(a, b)
    (m, n), (p, q) = a.shape, b.shape
    return _f32(np.kron(a, b).reshape(m, p, n, q))


def ref_conv1d_dilated(x: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, ...]:
    x, w = _f64(x, w)
    taps = w.shape[2]
    length = x.shape[2] - 2 * (taps - 1)
    out = sum(
        np.einsum("bct,fc->bft", x[:, :, 2 * k : 2 * k + length], w[:, :, k]) for k in range(taps)
    )
    return _f32(out)


def ref_elementwise(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    x, y = _f64(x, y)
    sigmoid = 0.5 * (1.0 + np.tanh(x / 2.0))
    gelu = 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x**3)))
    mixed = np.log(y) + np.sqrt(y) - y**1.5 + np.abs(x)
    return _f32(sigmoid, gelu, mixed)


def ref_prod_min(a: np.ndarray) -> tuple[np.ndarray, ...]:
    (wide,) = _f64(a)
    return (*_f32(np.prod(wide, axis=1)), a.min(axis=0))


def ref_unit_lower(a: np.ndarray) -> tuple[np.ndarray, ...]:
    return (np.tril(a, k=-1) + np.eye(a.shape[0], dtype=np.float32),)


def ref_leaky_relu6(x: np.ndarray) -> tuple[np.ndarray, ...]:
    (wide,) = _f64(x)
    activated = np.where(wide >= 0, np.minimum(wide, 6.0), 0.01 * wide)
    # Both branches of `X != 0 ? 1 : 0` are int32 literals, so TC types the result int32.
    return (*_f32(activated), (x != 0).astype(np.int32))


def ref_center_columns(a: np.ndarray) -> tuple[np.ndarray, ...]:
    (a,) = _f64(a)
    mean = a.mean(axis=0)
    return _f32(mean, a - mean)


def ref_ramp_flip(a: np.ndarray) -> tuple[np.ndarray, ...]:
    positions = np.arange(a.size, dtype=np.float64).reshape(a.shape)
    return (*_f32(a.astype(np.float64) + positions), np.fliplr(a))


def ref_rnn_cell(
    x: np.ndarray, h: np.ndarray, wx: np.ndarray, wh: np.ndarray, bias: np.ndarray
) -> tuple[np.ndarray, ...]:
    x, h, wx, wh, bias = _f64(x, h, wx, wh, bias)
    return _f32(np.tanh(x @ wx.T + h @ wh.T + bias))


def ref_int_matvec(a: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, ...]:
    # The inputs are small enough that the int32 kernel cannot overflow.
    return ((a.astype(np.int64) @ x.astype(np.int64)).astype(np.int32),)


def ref_int_hash(a: np.ndarray) -> tuple[np.ndarray, ...]:
    positions = np.arange(a.size, dtype=np.int64).reshape(a.shape)
    return (((7 * a.astype(np.int64) + positions) % 13).astype(np.int32),)


def ref_int64_stats(a: np.ndarray) -> tuple[np.ndarray, ...]:
    low, high = np.min(a, axis=1), np.max(a, axis=1)
    return low, high, high - low, np.sum(a, axis=1)


def ref_gram(x: np.ndarray) -> tuple[np.ndarray, ...]:
    return (x @ x.T,)


def ref_dot(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    return (np.asarray(np.dot(x, y)),)


def ref_scaled_matmul(a: np.ndarray, b: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, ...]:
    a, b, s = _f64(a, b, s)
    product = a @ b
    return _f32(product, s[:, None] * product)


def ref_matmul_chain(a: np.ndarray, b: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, ...]:
    a, b, z = _f64(a, b, z)
    return _f32(a @ b, np.linalg.multi_dot([a, b, z]))


# --- the examples ------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """One def of one file in ``examples/tc``, its inputs and its numpy reference."""

    file: str
    entry: str
    inputs: tuple[InputMaker, ...]
    reference: Reference

    @property
    def name(self) -> str:
        stem = Path(self.file).stem
        return stem if stem == self.entry else f"{stem}.{self.entry}"


EXAMPLES = [
    Example("matmul.tc", "matmul", (normal("M", "K"), normal("K", "N")), ref_matmul),
    Example(
        "batch_matmul.tc",
        "batch_matmul",
        (normal("B", "N", "M"), normal("B", "M", "K")),
        ref_batch_matmul,
    ),
    Example(
        "conv2d.tc",
        "conv2d",
        (normal("N", "C", "H", "W"), normal("M", "C", "KH", "KW"), normal("M")),
        ref_conv2d,
    ),
    Example(
        "conv2d_strided.tc",
        "conv2d_strided",
        (normal("N", "C", "H", "W"), normal("M", "C", "KH", "KW")),
        ref_conv2d_strided,
    ),
    Example(
        "depthwise_conv.tc",
        "depthwise_conv",
        (normal("N", "C", "H", "W"), normal("C", "KH", "KW")),
        ref_depthwise_conv,
    ),
    Example("maxpool.tc", "maxpool", (normal("N", "C", "H", "W"),), ref_maxpool),
    Example("avgpool.tc", "avgpool", (normal("N", "C", "H", "W"),), ref_avgpool),
    Example("softmax.tc", "softmax", (normal("N", "D", scale=3.0),), ref_softmax),
    Example(
        "layernorm.tc",
        "layernorm",
        (normal("N", "D", scale=2.0), normal("D"), normal("D")),
        ref_layernorm,
    ),
    Example(
        "mlp.tc",
        "mlp",
        (normal("B", "M"), normal("N", "M"), normal("N"), normal("P", "N"), normal("P")),
        ref_mlp,
    ),
    Example(
        "tensordot.tc",
        "tensordot",
        (normal("N", "C1", "C2", "H", "W"), normal("N", "C2", "C3", "H", "W")),
        ref_tensordot,
    ),
    Example("transpose.tc", "transpose", (normal("N", "C", "H", "W"),), ref_transpose),
    Example("kronecker.tc", "kronecker", (normal("M", "N"), normal("P", "Q")), ref_kronecker),
    Example(
        "conv1d_dilated.tc",
        "conv1d_dilated",
        (normal("B", "C", "T"), normal("F", "C", "K")),
        ref_conv1d_dilated,
    ),
    Example(
        "elementwise.tc",
        "elementwise",
        (normal("N", "D", scale=2.0), uniform("N", "D", low=0.1, high=4.0)),
        ref_elementwise,
    ),
    Example("prod_min.tc", "prod_min", (uniform("M", "N", low=0.5, high=1.5),), ref_prod_min),
    Example("select.tc", "unit_lower", (normal("N", "N"),), ref_unit_lower),
    Example(
        "select.tc", "leaky_relu6", (with_zeros(normal("M", "N", scale=5.0)),), ref_leaky_relu6
    ),
    Example("sizes.tc", "center_columns", (normal("M", "N"),), ref_center_columns),
    Example("sizes.tc", "ramp_flip", (normal("M", "N"),), ref_ramp_flip),
    Example(
        "rnn_cell.tc",
        "rnn_cell",
        (normal("B", "I"), normal("B", "H"), normal("H", "I"), normal("H", "H"), normal("H")),
        ref_rnn_cell,
    ),
    Example(
        "int32.tc",
        "int_matvec",
        (
            integers("M", "N", low=-100, high=100, dtype=np.int32),
            integers("N", low=-50, high=50, dtype=np.int32),
        ),
        ref_int_matvec,
    ),
    # Non-negative, so that `%` means the same whether it truncates or floors.
    Example(
        "int32.tc",
        "int_hash",
        (integers("M", "N", low=0, high=1000, dtype=np.int32),),
        ref_int_hash,
    ),
    # Beyond the int32 range, so a kernel that narrows to 32 bits gives wrong results.
    Example(
        "int64.tc",
        "int64_stats",
        (integers("R", "N", low=-(2**40), high=2**40, dtype=np.int64),),
        ref_int64_stats,
    ),
    Example("double.tc", "gram", (normal("N", "D", dtype=np.float64),), ref_gram),
    Example(
        "double.tc",
        "dot",
        (normal("N", dtype=np.float64), normal("N", dtype=np.float64)),
        ref_dot,
    ),
    Example("call.tc", "matmul", (normal("M", "K"), normal("K", "N")), ref_matmul),
    Example(
        "call.tc",
        "scaled_matmul",
        (normal("M", "K"), normal("K", "N"), normal("M")),
        ref_scaled_matmul,
    ),
    Example(
        "call.tc",
        "matmul_chain",
        (normal("M", "K"), normal("K", "N"), normal("N", "P")),
        ref_matmul_chain,
    ),
]


def _tolerances(dtype: np.dtype) -> dict[str, float]:
    if dtype == np.float32:
        return {"rtol": 1e-5, "atol": 1e-5}
    if dtype == np.float64:
        return {"rtol": 1e-12, "atol": 1e-12}
    # Integer kernels must be exact.
    return {"rtol": 0.0, "atol": 0.0}


def _as_tuple(results: object) -> tuple[np.ndarray, ...]:
    """The executor's outputs as a tuple: one output may come back bare."""
    if isinstance(results, tuple | list):
        return tuple(np.asarray(r) for r in results)
    return (np.asarray(results),)


def parse_example(example: Example, shapes: str = "static") -> ModuleOp:
    """The example's file at the ta level, with its SIZES bound ("static") or not
    ("dynamic")."""
    path = EXAMPLES_DIR / example.file
    sizes = SIZES[example.file] if shapes == "static" else None
    return tc.parse(path.read_text(), filename=str(path), sizes=sizes)


def affine_module(example: Example, shapes: str = "static") -> ModuleOp:
    """The example's file lowered to the affine level (see :func:`parse_example`)."""
    module = parse_example(example, shapes)
    apply_pipeline(module, "lower-to-affine")
    return module


def _run(example: Example, shapes: str, level: str, inputs: list[np.ndarray]) -> object:
    module = parse_example(example, shapes)
    if level == "affine":
        apply_pipeline(module, "lower-to-affine")
        left = sorted({op.name for op in module.walk() if op.dialect_name() == "ta"})
        assert not left, f"ta ops left after lower-to-affine: {left}"
    return irkit.reference.run(module, example.entry, *inputs)


@pytest.mark.parametrize("level", ["ta", "affine"])
@pytest.mark.parametrize("shapes", ["static", "dynamic"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_example_matches_numpy(example: Example, shapes: str, level: str) -> None:
    rng = np.random.default_rng(20240607)
    inputs = [make(rng, SIZES[example.file]) for make in example.inputs]
    expected = example.reference(*inputs)
    actual = _as_tuple(_run(example, shapes, level, inputs))
    assert len(actual) == len(expected), f"{len(actual)} outputs, expected {len(expected)}"
    for position, (got, want) in enumerate(zip(actual, expected, strict=True)):
        message = f"output {position} of {example.entry}"
        assert got.dtype == want.dtype, f"{message}: dtype {got.dtype}, expected {want.dtype}"
        assert got.shape == want.shape, f"{message}: shape {got.shape}, expected {want.shape}"
        np.testing.assert_allclose(got, want, err_msg=message, **_tolerances(want.dtype))


def test_every_def_has_a_numerical_test() -> None:
    files = sorted(EXAMPLES_DIR.glob("*.tc"))
    assert len(files) >= 16
    defined = {
        (path.name, name)
        for path in files
        for name in re.findall(r"^\s*def\s+(\w+)", path.read_text(), re.MULTILINE)
    }
    tested = {(example.file, example.entry) for example in EXAMPLES}
    assert defined == tested
    assert set(SIZES) == {path.name for path in files}


@pytest.mark.parametrize("path", sorted(EXAMPLES_DIR.glob("*.tc")), ids=lambda path: path.name)
def test_example_starts_with_a_comment(path: Path) -> None:
    assert path.read_text().startswith("# ")
