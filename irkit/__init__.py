"""irkit: an MLIR-style multi-level IR compiler infrastructure on top of xDSL."""

__version__ = "0.1.0"
