"""Interoperability of irkit-opt with MLIR's own mlir-opt on the affine round-trip tests.

Every ``tests/lit/dialects/affine/*.mlir`` file whose RUN lines do not use
``-verify-diagnostics`` (those files hold valid IR) is run through both tools, and:

* mlir-opt's custom output and its generic output must parse in irkit-opt, and what irkit-opt
  makes of them must be the same IR again;
* irkit-opt's custom output and its generic output must parse in mlir-opt;
* ``mlir-opt --mlir-print-op-generic`` of the original file must be identical to
  ``mlir-opt --mlir-print-op-generic`` of irkit-opt's output, whether irkit-opt printed the
  custom or the generic form.

"The same IR" is judged by mlir-opt itself: both sides are printed by
``mlir-opt --mlir-print-op-generic``, which gives the same text for the same IR whatever the
SSA names, map aliases or attribute spellings of its input.

Files whose RUN lines use ``-split-input-file`` are split on ``// -----`` and each chunk is
checked on its own.

Set ``IRKIT_INTEROP_OPT`` to another binary to run the checks against it instead of the
irkit-opt next to the Python interpreter (``IRKIT_INTEROP_OPT=mlir-opt``, say, checks that the
test inputs themselves are sound).
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path

import pytest

from irkit.mlir_tools import run_mlir_tool
from irkit.testing.lit_inputs import LitInput, accepted_lit_inputs, require_mlir_tool

AFFINE_TESTS = Path(__file__).resolve().parents[1] / "lit" / "dialects" / "affine"
GENERIC = "--mlir-print-op-generic"
TIMEOUT_S = 120


CASES = accepted_lit_inputs(AFFINE_TESTS)


def _irkit_opt() -> Path:
    override = os.environ.get("IRKIT_INTEROP_OPT")
    if override == "mlir-opt":
        return require_mlir_tool("mlir-opt")
    tool = Path(override) if override else Path(sys.executable).parent / "irkit-opt"
    if not tool.exists():
        pytest.fail(f"irkit-opt not found at {tool}: install irkit (pip install -e .)")
    return tool


def _run(tool: Path, text: str, *args: str, what: str) -> str:
    """Run ``tool`` on ``text`` (on stdin) and return its stdout; fail with its stderr."""
    proc = run_mlir_tool(tool, args, text, TIMEOUT_S)
    if proc.returncode != 0:
        pytest.fail(
            f"{what}: `{tool.name} {' '.join(args)}` exited with {proc.returncode}\n"
            f"--- stderr ---\n{proc.stderr}\n--- input ---\n{text}"
        )
    return proc.stdout


def _same_ir(expected_generic: str, actual: str, *, what: str) -> None:
    """Check that ``actual`` (any form) is the IR that mlir-opt printed as ``expected_generic``."""
    actual_generic = _run(
        require_mlir_tool("mlir-opt"), actual, GENERIC, what=f"mlir-opt parsing {what}"
    )
    if actual_generic != expected_generic:
        diff = "".join(
            difflib.unified_diff(
                expected_generic.splitlines(keepends=True),
                actual_generic.splitlines(keepends=True),
                "mlir-opt --mlir-print-op-generic of the original",
                f"mlir-opt --mlir-print-op-generic of {what}",
            )
        )
        pytest.fail(f"{what} is not the original IR:\n{diff}\n--- {what} ---\n{actual}")


def _original_generic(case: LitInput) -> str:
    return _run(require_mlir_tool("mlir-opt"), case.text, GENERIC, what=f"mlir-opt on {case.name}")


def test_there_are_cases() -> None:
    assert CASES, f"no round-trip .mlir files found in {AFFINE_TESTS}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_irkit_parses_mlir_custom_output(case: LitInput) -> None:
    expected = _original_generic(case)
    mlir_custom = _run(require_mlir_tool("mlir-opt"), case.text, what=f"mlir-opt on {case.name}")
    for args in ((), (GENERIC,)):
        printed = _run(
            _irkit_opt(), mlir_custom, *args, what="irkit-opt on mlir-opt's custom output"
        )
        _same_ir(expected, printed, what=f"irkit-opt {' '.join(args)} of mlir-opt's custom form")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_irkit_parses_mlir_generic_output(case: LitInput) -> None:
    expected = _original_generic(case)
    for args in ((), (GENERIC,)):
        printed = _run(_irkit_opt(), expected, *args, what="irkit-opt on mlir-opt's generic output")
        _same_ir(expected, printed, what=f"irkit-opt {' '.join(args)} of mlir-opt's generic form")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_mlir_parses_irkit_custom_output(case: LitInput) -> None:
    expected = _original_generic(case)
    irkit_custom = _run(_irkit_opt(), case.text, what=f"irkit-opt on {case.name}")
    _run(require_mlir_tool("mlir-opt"), irkit_custom, what="mlir-opt on irkit-opt's custom output")
    _same_ir(expected, irkit_custom, what="irkit-opt's custom output")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_mlir_parses_irkit_generic_output(case: LitInput) -> None:
    expected = _original_generic(case)
    irkit_generic = _run(_irkit_opt(), case.text, GENERIC, what=f"irkit-opt on {case.name}")
    _run(
        require_mlir_tool("mlir-opt"), irkit_generic, what="mlir-opt on irkit-opt's generic output"
    )
    _same_ir(expected, irkit_generic, what="irkit-opt's generic output")
