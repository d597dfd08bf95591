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
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from irkit.mlir_tools import find_mlir_tool, run_mlir_tool

AFFINE_TESTS = Path(__file__).resolve().parents[1] / "lit" / "dialects" / "affine"
GENERIC = "--mlir-print-op-generic"
TIMEOUT_S = 120

_RUN_LINE = re.compile(r"^\s*//\s*RUN:(.*)$", re.MULTILINE)
_SPLIT_MARKER = re.compile(r"^// -----\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    """One input: a whole file, or one chunk of a -split-input-file file."""

    path: Path
    chunk: int | None
    text: str

    @property
    def name(self) -> str:
        rel = self.path.name
        return rel if self.chunk is None else f"{rel}#chunk{self.chunk}"


def _cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(AFFINE_TESTS.glob("*.mlir")):
        text = path.read_text()
        run_lines = _RUN_LINE.findall(text)
        if not run_lines or any("verify-diagnostics" in line for line in run_lines):
            continue
        if any("split-input-file" in line for line in run_lines):
            for index, chunk in enumerate(_SPLIT_MARKER.split(text)):
                if chunk.strip():
                    cases.append(Case(path, index, chunk))
        else:
            cases.append(Case(path, None, text))
    return cases


CASES = _cases()


def _mlir_opt() -> Path:
    tool = find_mlir_tool("mlir-opt")
    if tool is None:
        pytest.skip(
            "MLIR's mlir-opt is not installed: pip install '.[mlir]' to run the interop tests"
        )
    return tool


def _irkit_opt() -> Path:
    override = os.environ.get("IRKIT_INTEROP_OPT")
    if override == "mlir-opt":
        return _mlir_opt()
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
    actual_generic = _run(_mlir_opt(), actual, GENERIC, what=f"mlir-opt parsing {what}")
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


def _original_generic(case: Case) -> str:
    return _run(_mlir_opt(), case.text, GENERIC, what=f"mlir-opt on {case.name}")


def test_there_are_cases() -> None:
    assert CASES, f"no round-trip .mlir files found in {AFFINE_TESTS}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_irkit_parses_mlir_custom_output(case: Case) -> None:
    expected = _original_generic(case)
    mlir_custom = _run(_mlir_opt(), case.text, what=f"mlir-opt on {case.name}")
    for args in ((), (GENERIC,)):
        printed = _run(
            _irkit_opt(), mlir_custom, *args, what="irkit-opt on mlir-opt's custom output"
        )
        _same_ir(expected, printed, what=f"irkit-opt {' '.join(args)} of mlir-opt's custom form")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_irkit_parses_mlir_generic_output(case: Case) -> None:
    expected = _original_generic(case)
    for args in ((), (GENERIC,)):
        printed = _run(_irkit_opt(), expected, *args, what="irkit-opt on mlir-opt's generic output")
        _same_ir(expected, printed, what=f"irkit-opt {' '.join(args)} of mlir-opt's generic form")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_mlir_parses_irkit_custom_output(case: Case) -> None:
    expected = _original_generic(case)
    irkit_custom = _run(_irkit_opt(), case.text, what=f"irkit-opt on {case.name}")
    _run(_mlir_opt(), irkit_custom, what="mlir-opt on irkit-opt's custom output")
    _same_ir(expected, irkit_custom, what="irkit-opt's custom output")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_mlir_parses_irkit_generic_output(case: Case) -> None:
    expected = _original_generic(case)
    irkit_generic = _run(_irkit_opt(), case.text, GENERIC, what=f"irkit-opt on {case.name}")
    _run(_mlir_opt(), irkit_generic, what="mlir-opt on irkit-opt's generic output")
    _same_ir(expected, irkit_generic, what="irkit-opt's generic output")
