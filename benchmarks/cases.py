"""What is benchmarked: f32 sgemm, the 3x3 convolutions of ResNet-18 and every def of
``examples/tc``, each as TC source for irkit, the sizes it runs at, how its inputs are made
and the reference (numpy/OpenBLAS or onnxruntime) that both checks and races it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import partial
from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES_DIR = REPO_ROOT / "examples" / "tc"
# The examples' sizes for benchmarking, keyed by benchmark name without the "tc/" prefix:
# examples/tc/sizes.json's shapes are for correctness tests, too small to time.
EXAMPLE_SIZES: dict[str, dict[str, int]] = json.loads(
    (Path(__file__).with_name("sizes.json")).read_text()
)

SGEMM_SIZES = (256, 512, 1024, 2048)
# (spatial size, channels) of ResNet-18's 3x3 stride-1 convolutions measured.
RESNET18_CONVS = ((56, 64), (14, 256))

Outputs = tuple[np.ndarray, ...]
InputMaker = Callable[[np.random.Generator, tuple[int, ...], np.dtype], np.ndarray]
# Given the inputs and a thread count, the reference as a call without arguments (an
# onnxruntime session is built once, outside the timed calls).
ReferenceFactory = Callable[[Sequence[np.ndarray], int], Callable[[], Outputs]]

SGEMM_TC = """
def sgemm(float(M, K) A, float(K, N) B) -> (C) {
    C(m, n) +=! A(m, r_k) * B(r_k, n)
}
"""

# NCHW, stride 1, no padding: the input comes padded, so that ONNX's Conv with pads 0
# computes the same thing.
CONV3X3_TC = """
def conv3x3(float(N, C, H, W) I, float(K, C, R, S) W1) -> (O) {
    O(n, k, h, w) +=! I(n, r_c, h + r_r, w + r_s) * W1(k, r_c, r_r, r_s)
}
"""


@dataclass(frozen=True)
class Benchmark:
    """One program, the sizes it runs at, its inputs and its reference.

    ``inputs`` has one maker per parameter of ``entry``; the shapes and element types
    come from the program parsed with ``sizes``. ``missing`` says why the benchmark
    cannot run (it then becomes a failure row). ``predicted_from`` names a smaller run of
    the same program whose measured rates predict how long this one's calls take."""

    name: str
    group: str
    source: str
    entry: str
    sizes: Mapping[str, int]
    inputs: tuple[InputMaker, ...] = ()
    reference: str = "numpy"
    make_reference: ReferenceFactory | None = None
    quick: bool = False
    missing: str | None = field(default=None)
    predicted_from: str | None = None


# --- inputs ------------------------------------------------------------------------------


def normal(scale: float = 1.0) -> InputMaker:
    def make(rng: np.random.Generator, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
        return (scale * rng.standard_normal(shape)).astype(dtype)

    return make


def uniform(low: float, high: float) -> InputMaker:
    """Values in ``[low, high)``: positive ones for log and sqrt, ones near 1 for long
    products that must neither overflow nor vanish."""

    def make(rng: np.random.Generator, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
        return rng.uniform(low, high, shape).astype(dtype)

    return make


def with_zeros(maker: InputMaker) -> InputMaker:
    """``maker``'s values with about a quarter of them exactly zero."""

    def make(rng: np.random.Generator, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
        values = maker(rng, shape, dtype)
        values[rng.random(shape) < 0.25] = 0
        return values

    return make


def integers(low: int, high: int) -> InputMaker:
    def make(rng: np.random.Generator, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
        return rng.integers(low, high, shape, dtype=dtype)

    return make


# --- references --------------------------------------------------------------------------


def numpy_reference(function: Callable[..., Outputs]) -> ReferenceFactory:
    """A numpy function of the inputs; the harness limits BLAS's threads around it."""

    def factory(inputs: Sequence[np.ndarray], threads: int) -> Callable[[], Outputs]:
        return partial(function, *inputs)

    return factory


def onnx_conv_reference(inputs: Sequence[np.ndarray], threads: int) -> Callable[[], Outputs]:
    """onnxruntime running one ONNX Conv (3x3, pads 0, stride 1, NCHW, f32) on the padded
    input, with the weights as an initializer, as in an exported model."""
    import onnx
    import onnxruntime
    from onnx import TensorProto, helper, numpy_helper

    image, weights = inputs
    out_shape = [
        image.shape[0],
        weights.shape[0],
        image.shape[2] - weights.shape[2] + 1,
        image.shape[3] - weights.shape[3] + 1,
    ]
    node = helper.make_node(
        "Conv",
        ["X", "W"],
        ["Y"],
        kernel_shape=list(weights.shape[2:]),
        pads=[0, 0, 0, 0],
        strides=[1, 1],
    )
    graph = helper.make_graph(
        [node],
        "conv3x3",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, list(image.shape))],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, out_shape)],
        initializer=[numpy_helper.from_array(weights, "W")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    # onnx writes its newest IR version, which an older onnxruntime refuses; opset 17
    # needs IR version 8.
    model.ir_version = 8
    onnx.checker.check_model(model)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    session = onnxruntime.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )

    def run() -> Outputs:
        return (session.run(None, {"X": image})[0],)

    return run


def _windows(image: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """(N, C, Ho, Wo, kh, kw): every kh x kw window of the last two axes, stride 1."""
    return sliding_window_view(image, (kh, kw), axis=(2, 3))


def np_matmul(a: np.ndarray, b: np.ndarray) -> Outputs:
    return (a @ b,)


def np_batch_matmul(x: np.ndarray, y: np.ndarray) -> Outputs:
    return (np.matmul(x, y),)


def np_conv2d(image: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> Outputs:
    windows = _windows(image, weights.shape[2], weights.shape[3])
    out = np.einsum("nchwij,mcij->nmhw", windows, weights, optimize=True)
    return (out + bias[None, :, None, None],)


def np_conv2d_strided(image: np.ndarray, weights: np.ndarray) -> Outputs:
    windows = _windows(image, weights.shape[2], weights.shape[3])[:, :, ::2, ::2]
    return (np.einsum("nchwij,mcij->nmhw", windows, weights, optimize=True),)


def np_depthwise_conv(image: np.ndarray, weights: np.ndarray) -> Outputs:
    windows = _windows(image, weights.shape[1], weights.shape[2])
    return (np.einsum("nchwij,cij->nchw", windows, weights, optimize=True),)


def np_maxpool(image: np.ndarray) -> Outputs:
    n, c, h, w = image.shape
    tiles = image[:, :, : h // 2 * 2, : w // 2 * 2].reshape(n, c, h // 2, 2, w // 2, 2)
    return (tiles.max(axis=(3, 5)),)


def np_avgpool(image: np.ndarray) -> Outputs:
    return (_windows(image, 3, 3).mean(axis=(4, 5), dtype=image.dtype),)


def np_softmax(x: np.ndarray) -> Outputs:
    shifted = np.exp(x - x.max(axis=1, keepdims=True))
    return (shifted / shifted.sum(axis=1, keepdims=True),)


def np_layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> Outputs:
    mean = x.mean(axis=1)
    centered = x - mean[:, None]
    variance = (centered * centered).mean(axis=1)
    return (gamma * centered / np.sqrt(variance[:, None] + 1e-5) + beta, mean, variance)


def np_mlp(
    x: np.ndarray, w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray
) -> Outputs:
    hidden = np.maximum(x @ w1.T + b1, 0)
    return (hidden, hidden @ w2.T + b2)


def np_tensordot(i0: np.ndarray, i1: np.ndarray) -> Outputs:
    return (np.einsum("nabhw,nbchw->nachw", i0, i1, optimize=True),)


def np_transpose(x: np.ndarray) -> Outputs:
    return (np.ascontiguousarray(x.transpose(1, 0, 3, 2)),)


def np_kronecker(a: np.ndarray, b: np.ndarray) -> Outputs:
    return (a[:, None, :, None] * b[None, :, None, :],)


def np_conv1d_dilated(x: np.ndarray, w: np.ndarray) -> Outputs:
    taps = w.shape[2]
    length = x.shape[2] - 2 * (taps - 1)
    out = sum(w[:, :, k] @ x[:, :, 2 * k : 2 * k + length] for k in range(taps))
    return (np.asarray(out),)


def np_elementwise(x: np.ndarray, y: np.ndarray) -> Outputs:
    sigmoid = 1 / (1 + np.exp(-x))
    gelu = 0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
    mixed = np.log(y) + np.sqrt(y) - np.power(y, 1.5) + np.abs(x)
    return (sigmoid, gelu, mixed)


def np_prod_min(a: np.ndarray) -> Outputs:
    return (a.prod(axis=1), a.min(axis=0))


def np_unit_lower(a: np.ndarray) -> Outputs:
    return (np.tril(a, k=-1) + np.eye(a.shape[0], dtype=a.dtype),)


def np_leaky_relu6(x: np.ndarray) -> Outputs:
    activated = np.where(x >= 0, np.minimum(x, 6), 0.01 * x)
    # Both branches of `X != 0 ? 1 : 0` are int32 literals: TC types the result int32.
    return (activated, (x != 0).astype(np.int32))


def np_center_columns(a: np.ndarray) -> Outputs:
    mean = (a / a.shape[0]).sum(axis=0)
    return (mean, a - mean)


def _positions(shape: tuple[int, ...], dtype: type[np.generic]) -> np.ndarray:
    """Every element's row-major position m * N + n."""
    return np.arange(shape[0] * shape[1], dtype=dtype).reshape(shape)


def np_ramp_flip(a: np.ndarray) -> Outputs:
    return (a + _positions(a.shape, np.float32), np.ascontiguousarray(a[:, ::-1]))


def np_rnn_cell(
    x: np.ndarray, h: np.ndarray, wx: np.ndarray, wh: np.ndarray, bias: np.ndarray
) -> Outputs:
    return (np.tanh(x @ wx.T + h @ wh.T + bias),)


def np_int_matvec(a: np.ndarray, x: np.ndarray) -> Outputs:
    return (a @ x,)


def np_int_hash(a: np.ndarray) -> Outputs:
    return ((a * 7 + _positions(a.shape, np.int32)) % 13,)


def np_int64_stats(a: np.ndarray) -> Outputs:
    low, high = a.min(axis=1), a.max(axis=1)
    return (low, high, high - low, a.sum(axis=1))


def np_gram(x: np.ndarray) -> Outputs:
    return (x @ x.T,)


def np_dot(x: np.ndarray, y: np.ndarray) -> Outputs:
    return (np.asarray(np.dot(x, y)),)


def np_scaled_matmul(a: np.ndarray, b: np.ndarray, s: np.ndarray) -> Outputs:
    product = a @ b
    return (product, s[:, None] * product)


def np_matmul_chain(a: np.ndarray, b: np.ndarray, z: np.ndarray) -> Outputs:
    product = a @ b
    return (product, product @ z)


N = normal()
# Benchmark name (without "tc/") -> (input makers, numpy reference).
EXAMPLE_SPECS: dict[str, tuple[tuple[InputMaker, ...], Callable[..., Outputs]]] = {
    "matmul": ((N, N), np_matmul),
    "batch_matmul": ((N, N), np_batch_matmul),
    "conv2d": ((N, N, N), np_conv2d),
    "conv2d_strided": ((N, N), np_conv2d_strided),
    "depthwise_conv": ((N, N), np_depthwise_conv),
    "maxpool": ((N,), np_maxpool),
    "avgpool": ((N,), np_avgpool),
    "softmax": ((normal(3.0),), np_softmax),
    "layernorm": ((normal(2.0), N, N), np_layernorm),
    "mlp": ((N, N, N, N, N), np_mlp),
    "tensordot": ((N, N), np_tensordot),
    "transpose": ((N,), np_transpose),
    "kronecker": ((N, N), np_kronecker),
    "conv1d_dilated": ((N, N), np_conv1d_dilated),
    "elementwise": ((normal(2.0), uniform(0.1, 4.0)), np_elementwise),
    "prod_min": ((uniform(0.5, 1.5),), np_prod_min),
    "select.unit_lower": ((N,), np_unit_lower),
    "select.leaky_relu6": ((with_zeros(normal(5.0)),), np_leaky_relu6),
    "sizes.center_columns": ((N,), np_center_columns),
    "sizes.ramp_flip": ((N,), np_ramp_flip),
    "rnn_cell": ((N, N, N, N, N), np_rnn_cell),
    # Small enough that the int32 products cannot overflow.
    "int32.int_matvec": ((integers(-100, 100), integers(-50, 50)), np_int_matvec),
    # Non-negative, so that `%` means the same whether it truncates or floors.
    "int32.int_hash": ((integers(0, 1000),), np_int_hash),
    # Beyond the int32 range, so a kernel that narrows to 32 bits gives wrong results.
    "int64.int64_stats": ((integers(-(2**40), 2**40),), np_int64_stats),
    "double.gram": ((N,), np_gram),
    "double.dot": ((N, N), np_dot),
    "call.matmul": ((N, N), np_matmul),
    "call.scaled_matmul": ((N, N, N), np_scaled_matmul),
    "call.matmul_chain": ((N, N, N), np_matmul_chain),
}
QUICK_EXAMPLES = frozenset({"softmax", "transpose", "conv2d"})


def sgemm(size: int, quick: bool = False) -> Benchmark:
    """f32 C = A B with square size x size matrices."""
    return Benchmark(
        name=f"sgemm-{size}",
        group="sgemm",
        source=SGEMM_TC,
        entry="sgemm",
        sizes={"M": size, "K": size, "N": size},
        inputs=(N, N),
        make_reference=numpy_reference(np_matmul),
        quick=quick,
        predicted_from=f"sgemm-{size // 2}",
    )


def resnet18_conv3x3(spatial: int, channels: int, quick: bool = False) -> Benchmark:
    """One 3x3, stride-1, padding-1 convolution of ResNet-18, batch 1, on the input
    padded beforehand (TC has no padding)."""
    return Benchmark(
        name=f"resnet18-conv3x3-{spatial}x{spatial}x{channels}",
        group="conv",
        source=CONV3X3_TC,
        entry="conv3x3",
        sizes={
            "N": 1,
            "C": channels,
            "H": spatial + 2,
            "W": spatial + 2,
            "K": channels,
            "R": 3,
            "S": 3,
        },
        inputs=(N, N),
        reference="onnxruntime",
        make_reference=onnx_conv_reference,
        quick=quick,
    )


def example_benchmarks() -> list[Benchmark]:
    """One benchmark per def of examples/tc; a def without sizes or a reference here
    gives a benchmark that says so (a failure row), so that none goes unreported."""
    benchmarks = []
    for path in sorted(EXAMPLES_DIR.glob("*.tc")):
        source = path.read_text()
        for entry in re.findall(r"^\s*def\s+(\w+)", source, re.MULTILINE):
            key = path.stem if path.stem == entry else f"{path.stem}.{entry}"
            spec = EXAMPLE_SPECS.get(key)
            sizes = EXAMPLE_SIZES.get(key)
            missing = None
            if spec is None:
                missing = f"no numpy reference for '{key}' in benchmarks/cases.py"
            elif sizes is None:
                missing = f"no sizes for '{key}' in benchmarks/sizes.json"
            benchmarks.append(
                Benchmark(
                    name=f"tc/{key}",
                    group="examples",
                    source=source,
                    entry=entry,
                    sizes=sizes or {},
                    inputs=spec[0] if spec else (),
                    make_reference=numpy_reference(spec[1]) if spec else None,
                    quick=key in QUICK_EXAMPLES,
                    missing=missing,
                )
            )
    return benchmarks


def all_benchmarks() -> list[Benchmark]:
    """Every benchmark, in report order."""
    return [
        *(sgemm(size, quick=size == 256) for size in SGEMM_SIZES),
        *(resnet18_conv3x3(s, c, quick=s == 14) for s, c in RESNET18_CONVS),
        *example_benchmarks(),
    ]


def select(patterns: Sequence[str] | None, quick: bool) -> list[Benchmark]:
    """The benchmarks whose names match one of ``patterns`` (fnmatch style; ``sgemm-N``
    names any size), or the quick subset, or all; a pattern that matches nothing raises
    ValueError."""
    catalogue = all_benchmarks()
    if quick:
        catalogue = [b for b in catalogue if b.quick]
    if not patterns:
        return catalogue
    chosen: list[Benchmark] = []
    for pattern in patterns:
        matches = [b for b in catalogue if fnmatchcase(b.name, pattern)]
        sized = re.fullmatch(r"sgemm-(\d+)", pattern)
        if not matches and sized:
            matches = [sgemm(int(sized.group(1)))]
        if not matches:
            names = ", ".join(b.name for b in catalogue)
            raise ValueError(f"no benchmark matches '{pattern}' (there are: {names})")
        chosen.extend(b for b in matches if b not in chosen)
    return chosen
