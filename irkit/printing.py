"""Printing IR as MLIR prints it.

xDSL's printer keeps attribute dictionaries in insertion order; MLIR's dictionaries are
sorted by name, in properties (``<{...}>``), attribute dictionaries and dictionary
attributes alike. Affine maps and sets print with MLIR's expression syntax
(:mod:`irkit.affine_syntax`). Both make irkit's output match ``mlir-opt``'s where the
ops agree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from io import StringIO
from typing import cast

from xdsl.dialects.builtin import (
    AffineMapAttr,
    AffineSetAttr,
    AnyFloat,
    ArrayAttr,
    Float80Type,
    Float128Type,
    IntegerAttr,
    IntegerType,
    MemRefType,
    NoneAttr,
)
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.printer import Printer

from irkit.affine_syntax import print_map_attr, print_set_attr


class MLIRPrinter(Printer):
    def print_attr_dict(self, attr_dict: Mapping[str, Attribute]) -> None:
        super().print_attr_dict(dict(sorted(attr_dict.items())))

    def print_attribute(self, attribute: Attribute) -> None:
        if isinstance(attribute, AffineMapAttr):
            print_map_attr(self, attribute)
        elif isinstance(attribute, AffineSetAttr):
            print_set_attr(self, attribute)
        elif isinstance(attribute, ArrayAttr):
            # Inside arrays MLIR leaves the default integer type, i64, implicit: `[1, 2]`.
            self.print_string("[")
            self.print_list(attribute.data, self._print_array_element)
            self.print_string("]")
        elif isinstance(attribute, MemRefType) and _is_i64(attribute.memory_space):
            self._print_memref_with_integer_space(attribute)
        else:
            super().print_attribute(attribute)

    def print_float(self, value: float, type: AnyFloat) -> None:
        if not isinstance(type, Float80Type | Float128Type):
            if math.isnan(value) or math.isinf(value):
                # MLIR prints the bit pattern of infinities and NaNs in upper case.
                self.print_string(f"0x{type.pack((value,))[::-1].hex().upper()}")
            else:
                super().print_float(value, type)
            return
        # xDSL cannot pack these widths; the value is a Python float, so print it as
        # MLIR would print that double: short scientific form when it reads back exactly.
        short = f"{value:.6e}"
        self.print_string(short if float(short) == value else repr(value))

    def _print_array_element(self, element: Attribute) -> None:
        if _is_i64(element):
            self.print_string(str(cast(IntegerAttr, element).value.data))
        else:
            self.print_attribute(element)

    def _print_memref_with_integer_space(self, memref: MemRefType) -> None:
        # MLIR prints an i64 memory space bare: `memref<4xf32, 1>`, not `1 : i64`.
        self.print_string("memref<")
        if memref.shape.data:
            self.print_dimension_list(memref.get_shape())
            self.print_string("x")
        self.print_attribute(memref.element_type)
        if not isinstance(memref.layout, NoneAttr):
            self.print_string(", ")
            self.print_attribute(memref.layout)
        self.print_string(f", {cast(IntegerAttr, memref.memory_space).value.data}>")

    def _print_results(self, op: Operation) -> None:
        results = op.results
        if len(results) <= 1:
            super()._print_results(op)
            return
        # MLIR groups several results under one name, `%r:2 = ...`, used as `%r#0`, `%r#1`.
        base = self._fresh_name(results[0])
        for index, result in enumerate(results):
            self._ssa_values[result] = f"{base}#{index}"
        self.print_string(f"%{base}:{len(results)} = ")

    def _fresh_name(self, value: SSAValue) -> str:
        if not value.name_hint:
            return self._get_new_valid_name_id()
        count = self.ssa_names.get(value.name_hint, 0)
        self.ssa_names[value.name_hint] = count + 1
        return value.name_hint + (f"_{count}" if count else "")


def _is_i64(attribute: Attribute) -> bool:
    return (
        isinstance(attribute, IntegerAttr)
        and isinstance(attribute.type, IntegerType)
        and attribute.type.width.data == 64
    )


def print_ir(op: Operation, generic: bool = False, debuginfo: bool = False) -> str:
    """The text of ``op``, custom or generic, with a final newline."""
    stream = StringIO()
    MLIRPrinter(stream=stream, print_generic_format=generic, print_debuginfo=debuginfo).print_op(op)
    return stream.getvalue() + "\n"
