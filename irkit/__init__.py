"""irkit: an MLIR-style multi-level IR compiler infrastructure on top of xDSL."""

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # `irkit.compile` loads the lowerings and llvmlite: only on first use.
    if name == "compile":
        from irkit.runtime import compile

        return compile
    raise AttributeError(f"module 'irkit' has no attribute '{name}'")
