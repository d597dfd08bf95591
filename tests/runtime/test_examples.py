"""Every def of examples/tc, compiled to native code by ``irkit.compile`` at -O0 and -O3,
against the reference executor running the same def at the ta level, and a few against
independent numpy code."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.func import FuncOp

import irkit
import irkit.reference
from irkit.frontend import tc
from irkit.reference.signature import SizeVariables, output_shape, parameters

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples" / "tc"

# examples/tc/sizes.json binds the size variables of each file, shared by all of its
# defs: distinct values, so that a size used in the wrong place shows up as a shape
# mismatch, and odd spatial sizes, which check the rounding of strided ranges.
SIZES: dict[str, dict[str, int]] = json.loads((EXAMPLES_DIR / "sizes.json").read_text())


def _defs() -> list[tuple[str, str]]:
    return [
        (path.name, name)
        for path in sorted(EXAMPLES_DIR.glob("*.tc"))
        for name in re.findall(r"^\s*def\s+(\w+)", path.read_text(), re.MULTILINE)
    ]


@cache
def _ta_module(file: str) -> ModuleOp:
    path = EXAMPLES_DIR / file
    return tc.parse(path.read_text(), filename=str(path))


def _inputs(file: str, entry: str) -> list[np.ndarray]:
    """Random inputs of the shapes the def's ta.shape gives for SIZES[file]: floats in
    [0.5, 1.5) (valid for log, sqrt and long products), integers in [-50, 50)."""
    func = next(
        op for op in _ta_module(file).ops if isinstance(op, FuncOp) and op.sym_name.data == entry
    )
    sizes = SizeVariables(func)
    names = [name.data for name in func.attributes["ta.size_vars"].data]
    sizes.values = {position: SIZES[file][name] for position, name in enumerate(names)}
    rng = np.random.default_rng(sum(map(ord, file + entry)))
    inputs = []
    for parameter in parameters(func):
        shape = output_shape(parameter, sizes)
        dtype = parameter.dtype(func)
        if np.issubdtype(dtype, np.integer):
            inputs.append(rng.integers(-50, 50, shape, dtype=dtype))
        else:
            inputs.append(rng.uniform(0.5, 1.5, shape).astype(dtype))
    return inputs


def _as_tuple(outputs: object) -> tuple[np.ndarray, ...]:
    return outputs if isinstance(outputs, tuple) else (outputs,)  # type: ignore[return-value]


def _assert_matches(actual: object, expected: object, what: str) -> None:
    actual_outputs, expected_outputs = _as_tuple(actual), _as_tuple(expected)
    assert len(actual_outputs) == len(expected_outputs), f"{what}: number of outputs"
    for position, (got, want) in enumerate(zip(actual_outputs, expected_outputs, strict=True)):
        message = f"{what}: output {position}"
        assert isinstance(got, np.ndarray), message
        assert got.dtype == want.dtype, f"{message}: dtype {got.dtype}, expected {want.dtype}"
        assert got.shape == want.shape, f"{message}: shape {got.shape}, expected {want.shape}"
        if np.issubdtype(want.dtype, np.integer):
            np.testing.assert_array_equal(got, want, err_msg=message)
        else:
            # libm and numpy may differ in the last bits of exp, tanh, log.
            tolerance = 1e-5 if want.dtype == np.float32 else 1e-12
            np.testing.assert_allclose(got, want, rtol=tolerance, atol=tolerance, err_msg=message)


def test_every_example_file_has_sizes() -> None:
    assert {path.name for path in EXAMPLES_DIR.glob("*.tc")} == set(SIZES)


@pytest.mark.parametrize("opt_level", [0, 3])
@pytest.mark.parametrize(("file", "entry"), _defs(), ids=lambda value: str(value))
def test_example_matches_reference_executor(file: str, entry: str, opt_level: int) -> None:
    inputs = _inputs(file, entry)
    kernel = irkit.compile(EXAMPLES_DIR / file, entry=entry, opt_level=opt_level)
    expected = irkit.reference.run(_ta_module(file), entry, *inputs)
    _assert_matches(kernel(*inputs), expected, f"{file} @{entry} -O{opt_level}")


@pytest.mark.parametrize(("file", "entry"), _defs(), ids=lambda value: str(value))
def test_example_at_O3_is_identical_with_one_and_two_threads(file: str, entry: str) -> None:
    """affine-optimize keeps every reduction's order: the team size changes no bit. The
    team size is read at each call, so one compile serves both (compiles are slow)."""
    inputs = _inputs(file, entry)
    kernel = irkit.compile(EXAMPLES_DIR / file, entry=entry, opt_level=3, num_threads=1)
    one = _as_tuple(kernel(*inputs))
    kernel.num_threads = 2
    two = _as_tuple(kernel(*inputs))
    assert len(one) == len(two)
    for position, (single, team) in enumerate(zip(one, two, strict=True)):
        np.testing.assert_array_equal(team, single, err_msg=f"{file} @{entry}: output {position}")


# --- against numpy ------------------------------------------------------------------------


@pytest.mark.parametrize("opt_level", [0, 3])
def test_matmul_from_tc_text_matches_numpy(opt_level: int) -> None:
    kernel = irkit.compile((EXAMPLES_DIR / "matmul.tc").read_text(), opt_level=opt_level)
    rng = np.random.default_rng(7)
    for m, k, n in [(1, 1, 1), (5, 6, 7), (33, 17, 65)]:
        a = rng.standard_normal((m, k)).astype(np.float32)
        b = rng.standard_normal((k, n)).astype(np.float32)
        expected = (a.astype(np.float64) @ b.astype(np.float64)).astype(np.float32)
        np.testing.assert_allclose(kernel(a, b), expected, rtol=1e-5, atol=1e-5)


def test_softmax_matches_numpy() -> None:
    kernel = irkit.compile(EXAMPLES_DIR / "softmax.tc")
    x = np.random.default_rng(3).standard_normal((4, 9)).astype(np.float32) * 3
    wide = np.exp(x.astype(np.float64))
    expected = (wide / wide.sum(axis=1, keepdims=True)).astype(np.float32)
    np.testing.assert_allclose(kernel(x), expected, rtol=1e-5, atol=1e-6)


def test_int64_stats_beyond_32_bits_match_numpy() -> None:
    kernel = irkit.compile(EXAMPLES_DIR / "int64.tc", entry="int64_stats")
    a = np.random.default_rng(5).integers(-(2**40), 2**40, (3, 5), dtype=np.int64)
    low, high, spread, total = kernel(a)
    np.testing.assert_array_equal(low, a.min(axis=1))
    np.testing.assert_array_equal(high, a.max(axis=1))
    np.testing.assert_array_equal(spread, a.max(axis=1) - a.min(axis=1))
    np.testing.assert_array_equal(total, a.sum(axis=1))


def test_conv2d_matches_numpy() -> None:
    kernel = irkit.compile(EXAMPLES_DIR / "conv2d.tc")
    rng = np.random.default_rng(11)
    image = rng.standard_normal((2, 3, 7, 6)).astype(np.float32)
    weights = rng.standard_normal((4, 3, 3, 2)).astype(np.float32)
    bias = rng.standard_normal(4).astype(np.float32)
    windows = np.lib.stride_tricks.sliding_window_view(image.astype(np.float64), (3, 2), (2, 3))
    expected = np.einsum("nchwij,mcij->nmhw", windows, weights.astype(np.float64))
    expected += bias[None, :, None, None]
    np.testing.assert_allclose(kernel(image, weights, bias), expected, rtol=1e-5, atol=1e-5)


# --- through the irkit-run command line ----------------------------------------------------


@pytest.mark.parametrize("opt_level", [0, 3])
@pytest.mark.parametrize(("file", "entry"), _defs(), ids=lambda value: str(value))
def test_example_through_irkit_run(file: str, entry: str, opt_level: int, tmp_path: Path) -> None:
    """`irkit-run FILE.tc -e ENTRY --input X.npy... -o OUT.npz -O<n>` writes the outputs
    as arr_0, arr_1, ... in the def's output order."""
    from irkit.tools.irkit_run import main

    inputs = _inputs(file, entry)
    arguments = [str(EXAMPLES_DIR / file), "-e", entry, f"-O{opt_level}"]
    for position, array in enumerate(inputs):
        np.save(tmp_path / f"in{position}.npy", array)
        arguments += ["--input", str(tmp_path / f"in{position}.npy")]
    assert main([*arguments, "-o", str(tmp_path / "out.npz")]) == 0
    expected = _as_tuple(irkit.reference.run(_ta_module(file), entry, *inputs))
    with np.load(tmp_path / "out.npz") as saved:
        assert set(saved.files) == {f"arr_{i}" for i in range(len(expected))}
        outputs = tuple(saved[f"arr_{i}"] for i in range(len(expected)))
    _assert_matches(outputs, expected, f"irkit-run {file} -e {entry} -O{opt_level}")
