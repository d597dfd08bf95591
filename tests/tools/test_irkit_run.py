"""irkit-run: .npy inputs in, .npz outputs out, and a clear error with exit status 1,
no traceback and no output file for each way a run can go wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from irkit.tools.irkit_run import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "tc"


def _save(directory: Path, name: str, array: np.ndarray) -> str:
    path = directory / name
    np.save(path, array)
    return str(path)


@pytest.fixture
def matmul_inputs(tmp_path: Path) -> tuple[np.ndarray, np.ndarray, list[str]]:
    rng = np.random.default_rng(42)
    a = rng.standard_normal((5, 6)).astype(np.float32)
    b = rng.standard_normal((6, 7)).astype(np.float32)
    paths = [_save(tmp_path, "A.npy", a), _save(tmp_path, "B.npy", b)]
    return a, b, ["--input", paths[0], "--input", paths[1]]


@pytest.mark.parametrize("opt", ["-O0", "-O3"])
def test_matmul_writes_numpys_answer(
    tmp_path: Path, matmul_inputs: tuple[np.ndarray, np.ndarray, list[str]], opt: str
) -> None:
    a, b, inputs = matmul_inputs
    out = tmp_path / "C.npz"
    assert main([str(EXAMPLES / "matmul.tc"), *inputs, "-o", str(out), opt]) == 0
    with np.load(out) as saved:
        assert list(saved) == ["arr_0"]
        expected = (a.astype(np.float64) @ b.astype(np.float64)).astype(np.float32)
        np.testing.assert_allclose(saved["arr_0"], expected, rtol=1e-5, atol=1e-5)


def test_outputs_are_saved_in_result_order(tmp_path: Path) -> None:
    a = np.random.default_rng(3).standard_normal((5, 4)).astype(np.float32)
    out = tmp_path / "out.npz"
    arguments = [str(EXAMPLES / "sizes.tc"), "-e", "center_columns", "-o", str(out)]
    assert main([*arguments, "--input", _save(tmp_path, "A.npy", a)]) == 0
    with np.load(out) as saved:
        assert list(saved) == ["arr_0", "arr_1"]
        mean = a.astype(np.float64).mean(axis=0)
        np.testing.assert_allclose(saved["arr_0"], mean, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(saved["arr_1"], a - mean, rtol=1e-5, atol=1e-6)


def test_without_output_file_the_outputs_are_printed(
    matmul_inputs: tuple[np.ndarray, np.ndarray, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, inputs = matmul_inputs
    assert main([str(EXAMPLES / "matmul.tc"), *inputs]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("arr_0 = array([[")
    assert "dtype=float32)" in printed


def test_time_prints_the_median_of_the_repeats(
    matmul_inputs: tuple[np.ndarray, np.ndarray, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, inputs = matmul_inputs
    assert main([str(EXAMPLES / "matmul.tc"), *inputs, "--repeat", "3", "--time"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("median time of 3 runs: ")
    assert last.endswith(" ms")


def test_console_script(
    tmp_path: Path, matmul_inputs: tuple[np.ndarray, np.ndarray, list[str]]
) -> None:
    a, b, inputs = matmul_inputs
    out = tmp_path / "C.npz"
    tool = Path(sys.executable).with_name("irkit-run")
    subprocess.run([str(tool), str(EXAMPLES / "matmul.tc"), *inputs, "-o", str(out)], check=True)
    with np.load(out) as saved:
        np.testing.assert_allclose(saved["arr_0"], a @ b, rtol=1e-5, atol=1e-5)


# --- errors -------------------------------------------------------------------------------


def _fails(arguments: list[str], output: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run with ``-o output`` over a stale file; the run must fail with status 1, leave
    no output file and print no traceback. Returns stderr."""
    output.write_text("stale")
    assert main([*arguments, "-o", str(output)]) == 1
    assert not output.exists()
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_wrong_array_count(
    tmp_path: Path,
    matmul_inputs: tuple[np.ndarray, np.ndarray, list[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, _, inputs = matmul_inputs
    err = _fails([str(EXAMPLES / "matmul.tc"), *inputs[:2]], tmp_path / "C.npz", capsys)
    assert err == "irkit-run: error: function 'matmul' takes 2 arrays, but 1 were given\n"


def test_wrong_dtype(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _save(tmp_path, "A.npy", np.zeros((2, 3), np.float64))
    b = _save(tmp_path, "B.npy", np.zeros((3, 4), np.float32))
    err = _fails([str(EXAMPLES / "matmul.tc"), "--input", a, "--input", b], tmp_path / "C", capsys)
    assert "error: parameter 0 (%A) has dtype float64" in err


def test_wrong_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _save(tmp_path, "A.npy", np.zeros((2, 3), np.float32))
    b = _save(tmp_path, "B.npy", np.zeros((4, 4), np.float32))
    err = _fails([str(EXAMPLES / "matmul.tc"), "--input", a, "--input", b], tmp_path / "C", capsys)
    assert "error: size variable 'K' is 3 from parameter 0 (%A) dimension 1 but 4" in err


def test_non_contiguous_array(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # np.save keeps Fortran order, and np.load gives it back as it was.
    a = _save(tmp_path, "A.npy", np.asfortranarray(np.ones((3, 3), np.float32)))
    b = _save(tmp_path, "B.npy", np.ones((3, 4), np.float32))
    err = _fails([str(EXAMPLES / "matmul.tc"), "--input", a, "--input", b], tmp_path / "C", capsys)
    assert "error: parameter 0 (%A) is not C-contiguous" in err


def test_unknown_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails([str(EXAMPLES / "matmul.tc"), "-e", "conv"], tmp_path / "C.npz", capsys)
    assert err == (
        "irkit-run: error: no public function named 'conv' (the program has: 'matmul')\n"
    )


def test_op_that_cannot_be_lowered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = tmp_path / "collapse.mlir"
    program.write_text(
        "func.func @f(%a: memref<2x2xf32>) {\n"
        "  %b = memref.collapse_shape %a [[0, 1]] : memref<2x2xf32> into memref<4xf32>\n"
        "  return\n"
        "}\n"
    )
    err = _fails([str(program)], tmp_path / "out.npz", capsys)
    assert err.startswith(f"{program}:2:8: error: no lowering from 'memref.collapse_shape'")


def test_tc_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = tmp_path / "bad.tc"
    program.write_text("def f(float(N) A) -> (B) {\n  B(i) = A(i) +* 2\n}\n")
    err = _fails([str(program)], tmp_path / "out.npz", capsys)
    assert err.startswith(f"{program}:2:16: error: expected an expression")


def test_unreadable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_npy = tmp_path / "A.npy"
    not_npy.write_text("not an array")
    err = _fails([str(EXAMPLES / "matmul.tc"), "--input", str(not_npy)], tmp_path / "C", capsys)
    assert f"error: '{not_npy}' is not a .npy array file" in err
    err = _fails([str(EXAMPLES / "matmul.tc"), "--input", "missing.npy"], tmp_path / "C", capsys)
    assert "error: could not read input array 'missing.npy'" in err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "no program given"),
        (["a.tc", "b.tc"], "Too many positional arguments"),
        (["a.tc", "--repeat", "0"], "--repeat expects a positive integer, got '0'"),
        (["a.tc", "-O4"], "Unknown command line argument '-O4'"),
        (["a.tc", "--input"], "option '--input' requires a value"),
    ],
)
def test_command_line_errors(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(arguments) == 1
    assert message in capsys.readouterr().err


def test_program_that_is_not_tc_or_mlir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails([str(tmp_path / "program.txt")], tmp_path / "out.npz", capsys)
    assert "is neither a .tc nor a .mlir file" in err
