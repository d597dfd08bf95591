"""Shared fixtures of the reference executor's tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from xdsl.dialects.builtin import ModuleOp

from irkit.diagnostics import SourceBuffer
from irkit.parsing import parse_module
from irkit.registry import make_context
from irkit.verifier import verify

Parse = Callable[..., ModuleOp]


@pytest.fixture
def parse() -> Parse:
    """Parses MLIR text (unregistered ops allowed) and verifies it as irkit-opt would."""

    def parse_text(text: str) -> ModuleOp:
        context = make_context(allow_unregistered=True)
        module = parse_module(context, SourceBuffer("test.mlir", text))
        verify(module)
        return module

    return parse_text
