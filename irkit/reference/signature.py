"""Binding numpy arrays to a function's parameters, and allocating its outputs.

The size variables of a TC ``def`` are recorded on the function (docs/ta.md, "Function
boundaries"): ``ta.size_vars`` names them, and each parameter's ``ta.shape`` map gives its
shape as affine expressions of them. The arrays given bind the size variables; repeated
ones must agree, and the shapes of the outputs follow from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from xdsl.dialects.builtin import (
    DYNAMIC_INDEX,
    AffineMapAttr,
    ArrayAttr,
    DictionaryAttr,
    MemRefType,
    StringAttr,
    TensorType,
)
from xdsl.dialects.func import FuncOp
from xdsl.ir import Attribute
from xdsl.ir.affine import AffineExpr, AffineMap, AffineSymExpr

from irkit.affine_syntax import affine_expr_to_str
from irkit.reference.errors import ArgumentError, UnsupportedError
from irkit.reference.types import element_dtype, float_dtype, integer_width, wrap_signed

SIZE_VARS_ATTR = "ta.size_vars"
SHAPE_ATTR = "ta.shape"


@dataclass(frozen=True)
class Parameter:
    """One parameter (or result) of the entry function."""

    position: int
    label: str
    type: Attribute
    shape_map: AffineMap | None

    @property
    def is_shaped(self) -> bool:
        return isinstance(self.type, MemRefType | TensorType)

    @property
    def static_shape(self) -> list[int | None]:
        """The sizes of a memref or tensor type, None where dynamic."""
        shaped = cast(MemRefType | TensorType, self.type)
        return [None if d == DYNAMIC_INDEX else d for d in shaped.get_shape()]

    def dtype(self, func: FuncOp) -> np.dtype:
        element_type = (
            cast(MemRefType | TensorType, self.type).element_type if self.is_shaped else self.type
        )
        dtype = element_dtype(element_type)
        if dtype is None:
            raise UnsupportedError(
                func,
                f"the reference executor has no numpy dtype for {self.label}'s '{element_type}'",
            )
        return dtype


def _shape_maps(attrs: ArrayAttr | None, count: int) -> list[AffineMap | None]:
    maps: list[AffineMap | None] = [None] * count
    if attrs is not None:
        for position, entry in enumerate(attrs.data[:count]):
            shape = entry.data.get(SHAPE_ATTR) if isinstance(entry, DictionaryAttr) else None
            if isinstance(shape, AffineMapAttr):
                maps[position] = shape.data
    return maps


def parameters(func: FuncOp) -> list[Parameter]:
    """The parameters of ``func``, labelled for messages as ``parameter 0 (%A)``."""
    types = func.function_type.inputs.data
    maps = _shape_maps(func.arg_attrs, len(types))
    result = []
    for position, (arg, arg_type) in enumerate(zip(func.body.blocks[0].args, types, strict=True)):
        name = f" (%{arg.name_hint})" if arg.name_hint else ""
        result.append(Parameter(position, f"parameter {position}{name}", arg_type, maps[position]))
    return result


def results(func: FuncOp) -> list[Parameter]:
    types = func.function_type.outputs.data
    maps = _shape_maps(func.res_attrs, len(types))
    return [
        Parameter(position, f"result {position}", result_type, maps[position])
        for position, result_type in enumerate(types)
    ]


def size_var_names(func: FuncOp, count: int) -> list[str]:
    """The names of the size variables: ``ta.size_vars``, else ``s0``, ``s1``, ..."""
    names = func.attributes.get(SIZE_VARS_ATTR)
    given = (
        [n.data for n in names.data if isinstance(n, StringAttr)]
        if isinstance(names, ArrayAttr)
        else []
    )
    return given + [f"s{i}" for i in range(len(given), count)]


def _symbols(expr: AffineExpr) -> set[int]:
    return {e.position for e in expr.dfs() if isinstance(e, AffineSymExpr)}


class SizeVariables:
    """The values of the size variables, as the arrays bind them."""

    def __init__(self, func: FuncOp) -> None:
        self.func = func
        self.values: dict[int, int] = {}
        self._sources: dict[int, str] = {}

    def name(self, position: int) -> str:
        return size_var_names(self.func, position + 1)[position]

    def bind(self, parameter: Parameter, shape: tuple[int, ...]) -> None:
        """Bind the size variables that are whole dimensions of ``parameter``'s shape."""
        if parameter.shape_map is None:
            return
        for dim, expr in enumerate(parameter.shape_map.results):
            if not isinstance(expr, AffineSymExpr):
                continue
            where = f"{parameter.label} dimension {dim}"
            known = self.values.get(expr.position)
            if known is None:
                self.values[expr.position] = shape[dim]
                self._sources[expr.position] = where
            elif known != shape[dim]:
                raise ArgumentError(
                    f"size variable '{self.name(expr.position)}' is {known} from "
                    f"{self._sources[expr.position]} but {shape[dim]} from {where}"
                )

    def evaluate(self, expr: AffineExpr, what: str) -> int:
        unbound = sorted(_symbols(expr) - self.values.keys())
        if unbound:
            names = ", ".join(f"'{self.name(s)}'" for s in unbound)
            raise ArgumentError(f"{what}: size variable {names} is not determined by the inputs")
        symbols = [self.values.get(s, 0) for s in range(max(_symbols(expr), default=-1) + 1)]
        return expr.eval([], symbols)

    def check(self, parameter: Parameter, shape: tuple[int, ...]) -> None:
        """Check the dimensions of ``shape`` that ``ta.shape`` computes from others."""
        if parameter.shape_map is None:
            return
        for dim, expr in enumerate(parameter.shape_map.results):
            expected = self.evaluate(expr, parameter.label)
            if expected != shape[dim]:
                raise ArgumentError(
                    f"{parameter.label} has size {shape[dim]} in dimension {dim}, but its "
                    f"ta.shape ({_describe(expr, self)}) gives {expected}"
                )


def _describe(expr: AffineExpr, sizes: SizeVariables) -> str:
    """``expr`` as MLIR prints it, with the size variables' names."""
    count = max(_symbols(expr), default=-1) + 1
    as_dims = expr.replace_dims_and_symbols([], [AffineExpr.dimension(i) for i in range(count)])
    return affine_expr_to_str(as_dims, [sizes.name(i) for i in range(count)])


def check_array(func: FuncOp, parameter: Parameter, value: Any) -> np.ndarray:
    """Check an array against a memref or tensor parameter: dtype, rank, static sizes,
    and the rank of its ``ta.shape``."""
    if not isinstance(value, np.ndarray):
        raise ArgumentError(
            f"{parameter.label} expects a numpy array for '{parameter.type}', "
            f"got {type(value).__name__}"
        )
    dtype = parameter.dtype(func)
    if value.dtype != dtype:
        raise ArgumentError(
            f"{parameter.label} has dtype {value.dtype}, but its type '{parameter.type}' "
            f"needs {dtype}"
        )
    expected = parameter.static_shape
    if value.ndim != len(expected):
        raise ArgumentError(
            f"{parameter.label} has rank {value.ndim} (shape {list(value.shape)}), but its "
            f"type '{parameter.type}' has rank {len(expected)}"
        )
    if any(e is not None and e != actual for e, actual in zip(expected, value.shape, strict=True)):
        raise ArgumentError(
            f"{parameter.label} has shape {list(value.shape)}, which does not match its "
            f"type '{parameter.type}'"
        )
    check_shape_map_rank(parameter)
    return value


def check_shape_map_rank(parameter: Parameter) -> None:
    if parameter.shape_map is not None and len(parameter.shape_map.results) != len(
        parameter.static_shape
    ):
        raise ArgumentError(
            f"{parameter.label}'s ta.shape has {len(parameter.shape_map.results)} results "
            f"for its type '{parameter.type}'"
        )


def convert_scalar(func: FuncOp, parameter: Parameter, value: Any) -> Any:
    """A Python or numpy scalar (or a 0-d array) for a scalar parameter, in the
    executor's representation."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    dtype = parameter.dtype(func)
    if isinstance(value, np.generic) and value.dtype != dtype:
        raise ArgumentError(
            f"{parameter.label} has dtype {value.dtype}, but its type '{parameter.type}' "
            f"needs {dtype}"
        )
    width = integer_width(parameter.type)
    if width is not None and isinstance(value, int | bool | np.integer | np.bool_):
        number = int(value)
        if not -(1 << (width - 1)) <= number < (1 << width):
            raise ArgumentError(
                f"{parameter.label} is {number}, which '{parameter.type}' cannot hold"
            )
        return wrap_signed(number, width)
    if float_dtype(parameter.type) is not None and isinstance(value, int | float | np.floating):
        return dtype.type(value)
    raise ArgumentError(
        f"{parameter.label} expects a scalar of type '{parameter.type}', got {type(value).__name__}"
    )


def output_shape(parameter: Parameter, sizes: SizeVariables) -> tuple[int, ...]:
    """The shape of an output to allocate: static sizes from its type, the others from
    its ``ta.shape``."""
    check_shape_map_rank(parameter)
    shape = []
    for dim, static in enumerate(parameter.static_shape):
        if static is not None:
            shape.append(static)
        elif parameter.shape_map is None:
            raise ArgumentError(
                f"cannot allocate output {parameter.label}: its type '{parameter.type}' has "
                "dynamic sizes and it has no ta.shape"
            )
        else:
            expr = parameter.shape_map.results[dim]
            shape.append(sizes.evaluate(expr, f"cannot allocate output {parameter.label}"))
    if any(size < 0 for size in shape):
        raise ArgumentError(f"output {parameter.label} would have the negative shape {shape}")
    return tuple(shape)


def bind_inputs(
    func: FuncOp, params: Sequence[Parameter], values: Sequence[Any]
) -> tuple[list[Any], SizeVariables]:
    """Check the given values against the leading parameters and bind the size
    variables; the values come back in the executor's representation."""
    sizes = SizeVariables(func)
    converted = []
    for parameter, value in zip(params, values, strict=False):
        if parameter.is_shaped:
            array = check_array(func, parameter, value)
            sizes.bind(parameter, array.shape)
            converted.append(array)
        else:
            converted.append(convert_scalar(func, parameter, value))
    for parameter, value in zip(params, converted, strict=False):
        if parameter.is_shaped:
            sizes.check(parameter, value.shape)
    return converted, sizes


def to_numpy(value_type: Attribute, value: Any) -> Any:
    """A result in the executor's representation as numpy: arrays stay, scalars become
    numpy scalars of their type."""
    if isinstance(value, np.ndarray | np.generic):
        return value
    dtype = element_dtype(value_type)
    return dtype.type(value) if dtype is not None else value
