"""Parsing test inputs: MLIR text to a verified module."""

from __future__ import annotations

from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.func import FuncOp

from irkit.diagnostics import SourceBuffer
from irkit.parsing import parse_module
from irkit.registry import make_context
from irkit.verifier import verify


def parse_verified(text: str, name: str = "test.mlir") -> ModuleOp:
    """`text` parsed with every irkit dialect loaded and verified."""
    module = parse_module(make_context(), SourceBuffer(name, text))
    verify(module)
    assert isinstance(module, ModuleOp)
    return module


def first_function(module: ModuleOp) -> FuncOp:
    """The module's first op, which must be a function."""
    function = module.body.block.first_op
    assert isinstance(function, FuncOp)
    return function
