"""Evaluating ``ta``-level functions (tensors in, tensors out) with vectorised numpy.

A function body is interpreted op by op; tensors are numpy arrays, never modified once
made. A ``ta.comprehension`` is evaluated at once for every point of its box
(docs/ta.md, "Semantics"): each index variable is an ``arange`` laid along its own axis,
the input maps index the inputs with those grids, the region's ops run elementwise on the
gathered arrays (:mod:`irkit.reference.elementwise`), and the values are reduced over the
reduction indices and combined into the result.

Ops are evaluated by *tensor rules* registered under their names
(:func:`register_tensor_rule`); an op with no tensor rule and no regions falls back to its
elementwise rule, which covers scalar ``arith`` and ``math`` on sizes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, cast

import numpy as np
from xdsl.dialects.builtin import DYNAMIC_INDEX, SymbolRefAttr, TensorType
from xdsl.dialects.func import FuncOp
from xdsl.ir import Block, Operation, SSAValue
from xdsl.ir.affine import AffineMap

from irkit.dialects.ta import ComprehensionOp, IndexOp, ReductionKind, YieldOp, reduction_identity
from irkit.reference.affine_exprs import expr_source
from irkit.reference.elementwise import elementwise_function
from irkit.reference.errors import ExecutionError, UnsupportedError, op_name
from irkit.reference.runtime import Fault
from irkit.reference.scalar_rules import op_attribute
from irkit.reference.types import element_dtype

TensorRule = Callable[[Operation, Sequence[Any], "TensorInterpreter"], Sequence[Any]]
"""Computes an op's results from its operand values."""

_TENSOR_RULES: dict[str, TensorRule] = {}

MAX_BOX_ELEMENTS = 1 << 22
"""A comprehension whose box has more points runs in slices of its first index variable,
so that its temporaries stay small."""


def register_tensor_rule(name: str, rule: TensorRule) -> None:
    """Evaluate ops named ``name`` at the ``ta`` level with ``rule``."""
    _TENSOR_RULES[name] = rule


def _tensor_rule(name: str) -> Callable[[TensorRule], TensorRule]:
    def register(rule: TensorRule) -> TensorRule:
        register_tensor_rule(name, rule)
        return rule

    return register


class TensorInterpreter:
    """Runs the functions of one module on numpy values."""

    def __init__(self, functions: dict[str, FuncOp]) -> None:
        self.functions = functions
        # The values of the functions being run, innermost call last.
        self._frames: list[dict[SSAValue, Any]] = []

    def call(self, func: FuncOp, arguments: Sequence[Any]) -> list[Any]:
        if len(func.body.blocks) != 1:
            raise UnsupportedError(
                func, "the reference executor runs tensor functions of a single block only"
            )
        block = func.body.block
        env: dict[SSAValue, Any] = dict(zip(block.args, arguments, strict=True))
        self._frames.append(env)
        try:
            for op in block.ops:
                operands = [env[v] for v in op.operands]
                if op.name == "func.return":
                    return operands
                for result, value in zip(op.results, self.evaluate(op, operands), strict=True):
                    env[result] = value
            return []
        finally:
            self._frames.pop()

    def value(self, value: SSAValue) -> Any:
        """A value of the function being run (a size used inside a region, say)."""
        return self._frames[-1][value]

    def evaluate(self, op: Operation, operands: Sequence[Any]) -> list[Any]:
        """The results of one op; a failure is reported at the op."""
        name = op_name(op)
        rule = _TENSOR_RULES.get(name)
        try:
            with np.errstate(all="ignore"):
                if rule is not None:
                    return list(rule(op, operands, self))
                if op.regions:
                    raise UnsupportedError(
                        op, f"the reference executor cannot evaluate '{name}'", prefixed=False
                    )
                results = elementwise_function(op)(*operands)
        except Fault as fault:
            raise ExecutionError(op, str(fault)) from None
        return list(results) if isinstance(results, tuple) else [results]


# --- func and tensor ---------------------------------------------------------------------


@_tensor_rule("func.call")
def _call(op: Operation, operands: Sequence[Any], interpreter: TensorInterpreter) -> list[Any]:
    callee = op_attribute(op, "callee")
    assert isinstance(callee, SymbolRefAttr)
    func = interpreter.functions.get(callee.root_reference.data)
    if func is None:
        raise UnsupportedError(op, f"calls '@{callee.root_reference.data}', which has no body")
    return interpreter.call(func, operands)


@_tensor_rule("tensor.dim")
def _dim(op: Operation, operands: Sequence[Any], interpreter: TensorInterpreter) -> list[Any]:
    tensor, dim = operands
    if not 0 <= dim < tensor.ndim:
        raise Fault(f"dimension {dim} of a tensor of rank {tensor.ndim}")
    return [np.int64(tensor.shape[dim])]


@_tensor_rule("tensor.empty")
def _empty(op: Operation, operands: Sequence[Any], interpreter: TensorInterpreter) -> list[Any]:
    result_type = cast(TensorType, op.results[0].type)
    dynamic = iter(operands)
    shape = [int(next(dynamic)) if d == DYNAMIC_INDEX else d for d in result_type.get_shape()]
    return [np.zeros(shape, _dtype(op, result_type))]


@_tensor_rule("tensor.cast")
def _cast(op: Operation, operands: Sequence[Any], interpreter: TensorInterpreter) -> list[Any]:
    result_type = cast(TensorType, op.results[0].type)
    shape = operands[0].shape
    if any(
        d not in (DYNAMIC_INDEX, s) for d, s in zip(result_type.get_shape(), shape, strict=True)
    ):
        raise Fault(f"casts a tensor of shape {list(shape)} to '{result_type}'")
    return [operands[0]]


@_tensor_rule("tensor.extract")
def _extract(op: Operation, operands: Sequence[Any], interpreter: TensorInterpreter) -> list[Any]:
    tensor, *indices = operands
    _check_indices(tensor, [int(i) for i in indices], "extracts")
    return [tensor[tuple(int(i) for i in indices)]]


def _check_indices(tensor: np.ndarray, indices: Sequence[int], what: str) -> None:
    if any(not 0 <= i < n for i, n in zip(indices, tensor.shape, strict=True)):
        raise Fault(f"{what} index {list(indices)} of a tensor of shape {list(tensor.shape)}")


def _dtype(op: Operation, tensor_type: TensorType) -> np.dtype:
    dtype = element_dtype(tensor_type.element_type)
    if dtype is None:
        raise UnsupportedError(
            op, f"the reference executor has no numpy dtype for '{tensor_type.element_type}'"
        )
    return dtype


# --- ta.comprehension --------------------------------------------------------------------

_COMBINE: dict[ReductionKind, np.ufunc] = {
    ReductionKind.ADD: np.add,
    ReductionKind.MUL: np.multiply,
    ReductionKind.MAX: np.maximum,
    ReductionKind.MIN: np.minimum,
}


def _map_functions(amap: AffineMap) -> Callable[[Sequence[Any], Sequence[int]], list[Any]]:
    """``amap`` as a Python function of the index grids and the sizes."""
    dims = [f"d[{i}]" for i in range(amap.num_dims)]
    symbols = [f"s[{i}]" for i in range(amap.num_symbols)]
    results = ", ".join(expr_source(e, dims, symbols) for e in amap.results)
    return eval(f"lambda d, s: [{results}]")  # the source is built from the map alone


@_tensor_rule("ta.comprehension")
def _comprehension(
    op: Operation, operands: Sequence[Any], interpreter: TensorInterpreter
) -> list[Any]:
    comprehension = cast(ComprehensionOp, op)
    inputs = operands[: len(comprehension.inputs)]
    init = operands[len(inputs)] if comprehension.init is not None else None
    sizes = [int(s) for s in operands[len(operands) - len(comprehension.sizes) :]]
    lower = comprehension.lower_bounds.data.eval([], sizes)
    upper = comprehension.upper_bounds.data.eval([], sizes)
    result_type = cast(TensorType, comprehension.result.type)
    dtype = _dtype(op, result_type)
    output_dims = comprehension.output_dims
    kind = comprehension.reduction_kind

    # 1. The result starts as init, else zeros; 2. identity_init fills it.
    if init is not None:
        result = np.array(init, dtype=dtype, copy=True)
    else:
        shape = [
            upper[output_dims[k]] if d == DYNAMIC_INDEX else d
            for k, d in enumerate(result_type.get_shape())
        ]
        if any(size < 0 for size in shape):
            raise Fault(f"makes a result of negative shape {shape}")
        result = np.zeros(shape, dtype)
    if comprehension.has_identity_init:
        result[...] = reduction_identity(kind, result_type.element_type)

    # 3. Every point of the box.
    extents = [high - low for low, high in zip(lower, upper, strict=True)]
    if any(extent <= 0 for extent in extents):
        return [result]
    names = comprehension.index_names
    for k, j in enumerate(output_dims):
        if lower[j] < 0 or upper[j] > result.shape[k]:
            raise Fault(
                f"writes indices {lower[j]} to {upper[j] - 1} of dimension {k} of its result "
                f"(index variable '{names[j]}'), which has size {result.shape[k]}"
            )
    input_maps = [_map_functions(m.data) for m in comprehension.input_maps]
    rows_per_slice = max(1, MAX_BOX_ELEMENTS // math.prod(extents[1:]))
    for start in range(lower[0], upper[0], rows_per_slice):
        ranges = [
            (start, min(start + rows_per_slice, upper[0])),
            *zip(lower[1:], upper[1:], strict=True),
        ]
        box = [high - low for low, high in ranges]
        grids = [
            np.arange(low, high).reshape([-1 if axis == j else 1 for axis in range(len(box))])
            for j, (low, high) in enumerate(ranges)
        ]
        gathered = [
            _gather(tensor, access(grids, sizes), position, names)
            for position, (tensor, access) in enumerate(zip(inputs, input_maps, strict=True))
        ]
        value = _evaluate_body(interpreter, comprehension.body.block, gathered, grids)
        value = np.broadcast_to(np.asarray(value, dtype=dtype), box)
        if comprehension.reduction_dims:
            value = _COMBINE[kind].reduce(value, axis=comprehension.reduction_dims, dtype=dtype)
        # The remaining axes are the output's index variables in loop order.
        in_loop_order = sorted(output_dims)
        value = np.transpose(value, [in_loop_order.index(j) for j in output_dims])
        target = tuple(slice(*ranges[j]) for j in output_dims)
        if kind == ReductionKind.NONE:
            result[target] = value
        else:
            result[target] = _COMBINE[kind](result[target], value)
    return [result]


def _gather(tensor: np.ndarray, indices: Sequence[Any], position: int, names: Sequence[str]) -> Any:
    """The elements of input ``position`` at ``indices`` (one grid per dimension)."""
    for dim, index in enumerate(indices):
        low, high = int(np.min(index)), int(np.max(index))
        if low < 0 or high >= tensor.shape[dim]:
            raise Fault(
                f"reads indices {low} to {high} of dimension {dim} of input {position}, "
                f"which has size {tensor.shape[dim]}"
            )
    return tensor[tuple(indices)]


def _evaluate_body(
    interpreter: TensorInterpreter, block: Block, gathered: Sequence[Any], grids: Sequence[Any]
) -> Any:
    """The value the region yields, as an array over the box (or broadcastable to it)."""
    env: dict[SSAValue, Any] = dict(zip(block.args, gathered, strict=True))
    terminator = cast(YieldOp, block.last_op)
    for op in block.ops:
        if op is terminator:
            break
        if isinstance(op, IndexOp):
            env[op.result] = grids[op.dim_value]
            continue
        operands = [env[v] if v in env else interpreter.value(v) for v in op.operands]
        for result, value in zip(op.results, interpreter.evaluate(op, operands), strict=True):
            env[result] = value
    value = terminator.value
    return env[value] if value in env else interpreter.value(value)
