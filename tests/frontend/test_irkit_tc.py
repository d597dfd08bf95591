"""irkit-tc's command line: inputs, outputs written whole or not at all, --size, and
diagnostics with exit status 1."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from irkit.tools.irkit_tc import main

from irkit.diagnostics import SourceBuffer
from irkit.parsing import parse_module
from irkit.registry import make_context
from irkit.verifier import verify

GOOD = "def scale(float(N) A) -> (B) {\n  B(i) = 2 * A(i)\n}\n"
BAD = "def scale(float(N) A) -> (B) {\n  B(i) = 2 * Q(i)\n}\n"


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        _stdin(stdin),
    ):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _stdin(text: str):  # type: ignore[no-untyped-def]
    previous = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode()))
    try:
        yield
    finally:
        sys.stdin = previous


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "scale.tc"
    path.write_text(GOOD)
    return path


def test_prints_ta_ir_that_parses_back(good: Path) -> None:
    status, out, err = run([str(good)])
    assert (status, err) == (0, "")
    module = parse_module(make_context(), SourceBuffer("out.mlir", out))
    verify(module)
    assert "ta.comprehension (i: 0 to %N)" in out


@pytest.mark.parametrize("argv", [["-"], []])
def test_reads_stdin(argv: list[str]) -> None:
    status, out, _ = run(argv, GOOD)
    assert status == 0 and "func.func @scale" in out
    status, out, err = run(argv, BAD)
    assert status == 1 and out == ""
    assert err.startswith("<stdin>:2:14: error: undefined tensor 'Q'\n")


def test_diagnostic_has_the_source_line_and_a_caret(tmp_path: Path) -> None:
    path = tmp_path / "bad.tc"
    path.write_text(BAD)
    status, out, err = run([str(path)])
    assert status == 1 and out == ""
    assert err == f"{path}:2:14: error: undefined tensor 'Q'\n  B(i) = 2 * Q(i)\n             ^\n"


def test_output_file_is_written_whole(good: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.mlir"
    status, out, _ = run([str(good), "-o", str(output)])
    assert status == 0 and out == ""
    assert "func.func @scale" in output.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_failure_leaves_no_output_file(tmp_path: Path) -> None:
    source = tmp_path / "bad.tc"
    source.write_text(BAD)
    output = tmp_path / "out.mlir"
    output.write_text("old contents")
    status, _, _ = run([str(source), f"-o={output}"])
    assert status == 1 and not output.exists()


def test_unwritable_output(good: Path, tmp_path: Path) -> None:
    status, _, err = run([str(good), "-o", str(tmp_path / "missing" / "out.mlir")])
    assert status == 1 and "cannot open output file" in err


@pytest.mark.parametrize(
    "flags", [["--size", "N=8"], ["--size=N=8"], ["-size", "N=8"], ["--size=N=3", "--size=N=8"]]
)
def test_size_binds_a_size_variable(good: Path, flags: list[str]) -> None:
    status, out, _ = run([str(good), *flags])
    assert status == 0
    assert "%A: tensor<8xf32>" in out and "(i: 0 to 8)" in out


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--size", "N"], "--size expects NAME=VALUE"),
        (["--size", "N=x"], "must be an integer"),
        (["--size"], "requires a value"),
        (["--size", "Q=3"], "no def has a size variable named 'Q'"),
        (["--size", "N=0"], "must be an integer from 1"),
        (["--frobnicate"], "Unknown command line argument '--frobnicate'"),
        (["other.tc"], "Too many positional arguments"),
    ],
)
def test_bad_command_lines(good: Path, flags: list[str], message: str) -> None:
    status, out, err = run([str(good), *flags])
    assert status == 1 and out == ""
    assert message in err and "Traceback" not in err


def test_missing_input_file(tmp_path: Path) -> None:
    status, _, err = run([str(tmp_path / "nothing.tc")])
    assert status == 1 and "could not open input file" in err


def test_help() -> None:
    status, out, _ = run(["--help"])
    assert status == 0 and "USAGE: irkit-tc" in out and "--size" in out


def test_warnings_go_to_stderr_with_a_caret(tmp_path: Path) -> None:
    path = tmp_path / "warn.tc"
    path.write_text(
        "def f(float(I) B, float(K) C) -> (A) {\n  A(i) = B(i) * C(i) where i in 0:I\n}\n"
    )
    status, out, err = run([str(path)])
    assert status == 0 and "func.func @f" in out
    assert err.startswith(f"{path}:2:17: warning: read of 'C' out of bounds")
    assert err.endswith("  A(i) = B(i) * C(i) where i in 0:I\n                ^\n")


def test_debuginfo_and_generic_form(good: Path) -> None:
    status, out, _ = run([str(good), "--mlir-print-debuginfo", "--mlir-print-op-generic"])
    assert status == 0
    assert '"ta.comprehension"' in out and f'loc("{good}":2:3)' in out


def test_console_script(good: Path) -> None:
    script = Path(sys.executable).parent / "irkit-tc"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "irkit.tools.irkit_tc"]
    result = subprocess.run([*command, str(good)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "func.func @scale" in result.stdout
