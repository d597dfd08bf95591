"""irkit's dialects (MLIR's lib/Dialect): one module per dialect."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from irkit.registry import Registry


def register_dialects(registry: Registry) -> None:
    """Add irkit's dialects; they replace xDSL's dialects of the same name."""
    from irkit.registry import lazy_dialect

    registry.register_dialect("affine", lazy_dialect("irkit.dialects.affine", "Affine"))
    registry.register_dialect("ta", lazy_dialect("irkit.dialects.ta", "Ta"))
    registry.register_dialect("index", lazy_dialect("irkit.dialects.index", "Index"))
    registry.register_dialect("llvm", lazy_dialect("irkit.dialects.llvm", "LLVMWithExtensions"))
