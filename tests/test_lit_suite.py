"""Runs the lit/FileCheck suite under tests/lit as one pytest test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

LIT_ROOT = Path(__file__).parent / "lit"


def test_lit_suite() -> None:
    lit = Path(sys.executable).parent / "lit"
    jobs = str(max(1, os.cpu_count() or 1))
    result = subprocess.run(
        [str(lit), "-q", "-j", jobs, "--order=lexical", str(LIT_ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    failing = re.findall(r"^\s+irkit :: (\S+)$", result.stdout, re.MULTILINE)
    assert result.returncode == 0, (
        f"lit failed ({len(failing)} failing): {', '.join(failing) or '(see output)'}\n"
        f"{result.stdout[-20000:]}\n{result.stderr[-5000:]}"
    )
