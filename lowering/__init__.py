"""Conversions between levels of abstraction (MLIR's lib/Conversion)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from irkit.registry import Registry


def register_lowerings(registry: Registry) -> None:
    """Add every lowering irkit ships. None has landed yet: the pipeline aliases report
    the dialects they cannot lower."""
