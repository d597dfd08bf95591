"""The reference executor: runs ``ta``-level and affine-level IR on numpy arrays, without
native code, so that every lowering can be checked numerically.

    outputs = irkit.reference.run(module, "matmul", A, B)

The entry function's signature picks the level:

- **ta level** (tensor parameters or results): the body is interpreted with vectorised
  numpy (:mod:`irkit.reference.tensor_level`). Every parameter is given; the results come
  back.
- **affine level** (memrefs and scalars): the reachable functions are compiled to Python
  once (:mod:`irkit.reference.codegen`). Following the ABI after bufferization (inputs,
  then the outputs as trailing out-parameters), the arrays given bind the leading
  parameters; trailing memref parameters left out are outputs, allocated zero-filled with
  the shapes their ``ta.shape`` gives from the size variables, and returned. With every
  parameter given, the function runs in place on the arrays and only its own results, if
  any, come back. The function's own results follow the allocated outputs.

One output comes back bare, several as a tuple in order, none as ``None``. Arrays are
used as given, never copied: any strides work, since memrefs are indexed logically, but
they must have exactly the element type's dtype.

Bad arguments raise :class:`ArgumentError`; an op the executor has no rule for raises
:class:`UnsupportedError`; a failure while running (out-of-bounds access, division by
zero, failed ``cf.assert``) raises :class:`ExecutionError` located at the op.

Rules for further ops are registered by name, from any package:
:func:`register_emit_rule` or :func:`register_scalar_function` for the affine level,
:func:`register_tensor_rule` and :func:`register_elementwise` for the ta level.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.dialects.func import FuncOp

from irkit.reference import control_rules, memory_rules, scalar_rules  # noqa: F401 (rules)
from irkit.reference.codegen import (
    FunctionCompiler,
    ProgramCompiler,
    emit_rule,
    register_emit_rule,
    register_scalar_function,
)
from irkit.reference.elementwise import register_elementwise
from irkit.reference.errors import ArgumentError, ExecutionError, UnsupportedError
from irkit.reference.signature import (
    Parameter,
    bind_inputs,
    output_shape,
    parameters,
    results,
    to_numpy,
)
from irkit.reference.tensor_level import TensorInterpreter, register_tensor_rule

__all__ = [
    "ArgumentError",
    "ExecutionError",
    "FunctionCompiler",
    "UnsupportedError",
    "emit_rule",
    "prepare",
    "register_elementwise",
    "register_emit_rule",
    "register_scalar_function",
    "register_tensor_rule",
    "run",
]


def run(module: ModuleOp, entry: str, *arrays: Any) -> Any:
    """Run function ``@entry`` of ``module`` on ``arrays``; see the module docstring."""
    return prepare(module, entry)(*arrays)


def prepare(module: ModuleOp, entry: str) -> Callable[..., Any]:
    """``run`` in two steps: check and compile once, then call as often as needed with
    arrays. The module must not change in between."""
    functions = {op.sym_name.data: op for op in module.ops if isinstance(op, FuncOp)}
    func = functions.get(entry)
    if func is None:
        raise ArgumentError(f"no function named '{entry}' in the module")
    if not func.body.blocks:
        raise ArgumentError(f"function '{entry}' is only declared: it has no body to run")
    signature = (*func.function_type.inputs.data, *func.function_type.outputs.data)
    if any(isinstance(t, TensorType) for t in signature):
        return _TensorEntry(func, functions)
    return _AffineEntry(module, func)


def _outputs(values: Sequence[Any]) -> Any:
    if not values:
        return None
    return values[0] if len(values) == 1 else tuple(values)


def _check_count(func: FuncOp, count: int, low: int, high: int) -> None:
    if not low <= count <= high:
        expected = str(high) if low == high else f"{low} to {high}"
        raise ArgumentError(
            f"function '{func.sym_name.data}' takes {expected} arrays, but {count} were given"
        )


class _TensorEntry:
    """A ``ta``-level entry function: every parameter is given."""

    def __init__(self, func: FuncOp, functions: dict[str, FuncOp]) -> None:
        self.func = func
        self.params = parameters(func)
        self.results = results(func)
        self.interpreter = TensorInterpreter(
            {name: f for name, f in functions.items() if f.body.blocks}
        )

    def __call__(self, *arrays: Any) -> Any:
        _check_count(self.func, len(arrays), len(self.params), len(self.params))
        values, sizes = bind_inputs(self.func, self.params, arrays)
        returned = self.interpreter.call(self.func, values)
        outputs = [to_numpy(r.type, v) for r, v in zip(self.results, returned, strict=True)]
        for result, value in zip(self.results, outputs, strict=True):
            if result.shape_map is not None and isinstance(value, np.ndarray):
                self._check_result_shape(result, value, sizes)
        return _outputs(outputs)

    def _check_result_shape(self, result: Parameter, value: np.ndarray, sizes: Any) -> None:
        """A result must have the shape its ``ta.shape`` promises the caller."""
        expected = output_shape(result, sizes)
        if value.shape != expected:
            terminator = self.func.body.block.last_op
            assert terminator is not None
            raise ExecutionError(
                terminator,
                f"returns {result.label} of shape {list(value.shape)}, but its ta.shape "
                f"gives {list(expected)} for these inputs",
            )


class _AffineEntry:
    """An affine-level entry function, compiled to Python."""

    def __init__(self, module: ModuleOp, func: FuncOp) -> None:
        self.func = func
        self.params = parameters(func)
        self.results = results(func)
        self.program = ProgramCompiler(module).compile(func.sym_name.data)

    def __call__(self, *arrays: Any) -> Any:
        _check_count(self.func, len(arrays), 0, len(self.params))
        missing = self.params[len(arrays) :]
        for parameter in missing:
            if not parameter.is_shaped:
                raise ArgumentError(
                    f"{parameter.label} of type '{parameter.type}' must be given: only "
                    "trailing memref parameters are outputs the executor allocates"
                )
        values, sizes = bind_inputs(self.func, self.params, arrays)
        outputs = [np.zeros(output_shape(p, sizes), p.dtype(self.func)) for p in missing]
        returned = self.program(*values, *outputs)
        if len(self.results) == 1:
            returned = (returned,)
        own = [to_numpy(r.type, v) for r, v in zip(self.results, returned or (), strict=True)]
        return _outputs([*outputs, *own])
