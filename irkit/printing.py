"""Printing IR as MLIR prints it.

xDSL's printer keeps attribute dictionaries in insertion order; MLIR's dictionaries are
sorted by name, in properties (``<{...}>``), attribute dictionaries and dictionary
attributes alike. Printing them sorted makes irkit's output match ``mlir-opt``'s
byte for byte where the ops agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import StringIO

from xdsl.ir import Attribute, Operation
from xdsl.printer import Printer


class MLIRPrinter(Printer):
    def print_attr_dict(self, attr_dict: Mapping[str, Attribute]) -> None:
        super().print_attr_dict(dict(sorted(attr_dict.items())))


def print_ir(op: Operation, generic: bool = False, debuginfo: bool = False) -> str:
    """The text of ``op``, custom or generic, with a final newline."""
    stream = StringIO()
    MLIRPrinter(stream=stream, print_generic_format=generic, print_debuginfo=debuginfo).print_op(op)
    return stream.getvalue() + "\n"
