"""MLIR 22 accepts what convert-to-llvm produces, and convert-scf-to-cf produces what MLIR's
own convert-scf-to-cf does.

* Every input of the lit tests in ``tests/lit/lowering/to-llvm`` that the lowering accepts
  (files whose RUN lines do not use ``--verify-diagnostics``) is lowered in-process;
  ``mlir-opt`` parses and verifies the result, only llvm-dialect ops are left, and
  ``mlir-translate --mlir-to-llvmir`` translates it to LLVM IR.
* Every input of ``tests/lit/lowering/scf-to-cf`` lowered by irkit is the same IR as
  ``mlir-opt --convert-scf-to-cf`` makes of it, compared in mlir-opt's generic print.

Skipped when MLIR's tools are not installed (``pip install '.[mlir]'``, as CI does).
"""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest

from irkit.diagnostics import SourceBuffer
from irkit.mlir_tools import run_mlir_tool
from irkit.parsing import parse_module
from irkit.pass_pipeline import apply_pipeline
from irkit.printing import print_ir
from irkit.registry import make_context
from irkit.testing.lit_inputs import accepted_lit_files, require_mlir_tool

LIT_LOWERING = Path(__file__).resolve().parents[1] / "lit" / "lowering"
GENERIC = "--mlir-print-op-generic"
TIMEOUT_S = 120
LLVM_LEVEL_DIALECTS = {"builtin", "llvm"}

_GENERIC_OP_NAME = re.compile(r'^\s*(?:%[^=]+=\s*)?"([a-z_]+)\.[\w.]+"\(', re.MULTILINE)


TO_LLVM_INPUTS = accepted_lit_files(LIT_LOWERING / "to-llvm")
SCF_TO_CF_INPUTS = accepted_lit_files(LIT_LOWERING / "scf-to-cf")


def _run(tool_name: str, arguments: list[str], text: str) -> subprocess.CompletedProcess[str]:
    return run_mlir_tool(require_mlir_tool(tool_name), arguments, text, TIMEOUT_S)


def _accepted(tool_name: str, arguments: list[str], text: str, what: str) -> str:
    proc = _run(tool_name, arguments, text)
    if proc.returncode != 0:
        pytest.fail(f"{tool_name} rejects {what}:\n{proc.stderr}\n--- input ---\n{text}")
    return proc.stdout


@cache
def _lowered(path: Path, pipeline: str) -> str:
    module = parse_module(make_context(), SourceBuffer(path.name, path.read_text()))
    apply_pipeline(module, pipeline)
    return print_ir(module)


def test_there_are_inputs() -> None:
    assert TO_LLVM_INPUTS, f"no convert-to-llvm inputs in {LIT_LOWERING / 'to-llvm'}"
    assert SCF_TO_CF_INPUTS, f"no convert-scf-to-cf inputs in {LIT_LOWERING / 'scf-to-cf'}"


@pytest.mark.parametrize("path", TO_LLVM_INPUTS, ids=lambda path: path.name)
def test_mlir_accepts_and_translates_llvm_dialect_output(path: Path) -> None:
    lowered = _lowered(path, "convert-to-llvm")
    generic = _accepted("mlir-opt", [GENERIC], lowered, f"lowered {path.name}")
    dialects = set(_GENERIC_OP_NAME.findall(generic))
    assert dialects <= LLVM_LEVEL_DIALECTS, (
        f"ops of {sorted(dialects - LLVM_LEVEL_DIALECTS)} are left:\n{generic}"
    )
    llvm_ir = _accepted("mlir-translate", ["--mlir-to-llvmir"], lowered, f"lowered {path.name}")
    assert "define " in llvm_ir


@pytest.mark.parametrize("path", SCF_TO_CF_INPUTS, ids=lambda path: path.name)
def test_scf_to_cf_matches_mlir(path: Path) -> None:
    ours = _accepted("mlir-opt", [GENERIC], _lowered(path, "convert-scf-to-cf"), path.name)
    theirs = _accepted("mlir-opt", ["--convert-scf-to-cf", GENERIC], path.read_text(), path.name)
    assert ours == theirs, "irkit's convert-scf-to-cf differs from MLIR's"
