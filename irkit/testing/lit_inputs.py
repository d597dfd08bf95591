"""The inputs of irkit's lit tests, for tests that feed them to other tools (MLIR's own,
say) and compare what those make of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from irkit.mlir_tools import find_mlir_tool

_RUN_LINE = re.compile(r"^\s*//\s*RUN:(.*)$", re.MULTILINE)
_SPLIT_MARKER = re.compile(r"^// -----\s*$", re.MULTILINE)


@dataclass(frozen=True)
class LitInput:
    """One input: a whole file, or chunk `chunk` of a --split-input-file file."""

    path: Path
    chunk: int | None
    text: str

    @property
    def name(self) -> str:
        return self.path.name if self.chunk is None else f"{self.path.name}#chunk{self.chunk}"


def accepted_lit_files(directory: Path) -> list[Path]:
    """The `.mlir` lit tests in `directory` whose input the tool under test accepts: those
    with RUN lines, none of which uses --verify-diagnostics."""
    paths = []
    for path in sorted(directory.glob("*.mlir")):
        run_lines = _RUN_LINE.findall(path.read_text())
        if run_lines and not any("verify-diagnostics" in line for line in run_lines):
            paths.append(path)
    return paths


def accepted_lit_inputs(directory: Path) -> list[LitInput]:
    """The inputs of `accepted_lit_files(directory)`, each chunk of a --split-input-file
    file on its own (numbered by its place in the file)."""
    inputs: list[LitInput] = []
    for path in accepted_lit_files(directory):
        text = path.read_text()
        if any("split-input-file" in line for line in _RUN_LINE.findall(text)):
            chunks = enumerate(_SPLIT_MARKER.split(text))
            inputs.extend(LitInput(path, index, chunk) for index, chunk in chunks if chunk.strip())
        else:
            inputs.append(LitInput(path, None, text))
    return inputs


def require_mlir_tool(name: str) -> Path:
    """MLIR's tool `name`; the calling pytest test is skipped when it is not installed."""
    import pytest

    tool = find_mlir_tool(name)
    if tool is None:
        pytest.skip(f"MLIR's {name} is not installed: pip install '.[mlir]' to run this test")
    return tool
