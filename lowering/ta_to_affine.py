"""lower-ta-to-affine: `ta` comprehensions on tensors to affine loop nests on memrefs.

Bufferization follows the destination-passing ABI of design.md: every function on tensors
becomes a function on memrefs whose tensor results are trailing out-parameters, in result
order, and which returns nothing. Inside a function, every tensor value gets a buffer:

* a function argument is its memref parameter, which is only ever read;
* a comprehension without `init` writes a fresh buffer, zero-filled first (docs/ta.md: a
  fresh result starts as zeros) unless the statement writes every element anyway;
* a comprehension with `init` updates its init's buffer in place when no other op can see
  the difference (see `_updates_in_place`), and otherwise a fresh buffer that starts as a
  copy of the init;
* a `func.call` result is a fresh buffer that the caller passes as the callee's
  out-argument, sized from the callee's `ta.shape` result attributes.

A fresh buffer is the function's out-parameter when the value it ends up holding is
returned, and otherwise a temporary: `memref.alloc`, then `memref.dealloc` after its last
use. A returned value whose buffer is not that result's out-parameter (a function
argument, or the same value returned twice) is copied into it before the return.

Out-parameters are assumed not to alias each other or the inputs, as in MLIR's
destination-passing style.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from irkit.dialects import affine, ta
from xdsl.context import Context
from xdsl.dialects import arith, func, memref, tensor
from xdsl.dialects.builtin import (
    DYNAMIC_INDEX,
    AffineMapAttr,
    AnyFloat,
    ArrayAttr,
    DictionaryAttr,
    FloatAttr,
    FunctionType,
    IndexType,
    IntegerAttr,
    IntegerType,
    MemRefType,
    ModuleOp,
    NoneAttr,
    Signedness,
    StringAttr,
    TensorType,
    UnrankedTensorType,
)
from xdsl.ir import Attribute, Block, BlockArgument, Operation, OpResult, SSAValue
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymExpr,
)
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter
from xdsl.traits import SymbolTable

from irkit.affine_syntax import replace_dims_and_symbols
from irkit.diagnostics import DiagnosedError, emit_error

_SHAPE_ATTR = "ta.shape"
_SIZE_VARS_ATTR = "ta.size_vars"


def _fail(op: Operation, message: str) -> DiagnosedError:
    emit_error(op, message)
    return DiagnosedError(message)


# ---------------------------------------------------------------------------
# Types
# ---------------------------------------------------------------------------


def _is_tensor(type_: Attribute) -> bool:
    return isinstance(type_, TensorType | UnrankedTensorType)


def _has_tensor(values: Sequence[SSAValue]) -> bool:
    return any(_is_tensor(v.type) for v in values)


def _check_tensor_type(type_: Attribute, where: Operation) -> None:
    """Only ranked tensors without an encoding have a memref counterpart here."""
    if isinstance(type_, UnrankedTensorType) or (
        isinstance(type_, TensorType) and not isinstance(type_.encoding, NoneAttr)
    ):
        raise _fail(
            where,
            f"cannot lower {type_} to a memref: only ranked tensors without an encoding "
            "are supported",
        )


def _memref_type(type_: Attribute) -> MemRefType:
    tensor_type = cast(TensorType[Attribute], type_)
    return MemRefType(tensor_type.get_element_type(), tensor_type.get_shape())


def _is_scalar_number(type_: Attribute) -> bool:
    if isinstance(type_, IntegerType):
        return type_.signedness.data == Signedness.SIGNLESS
    return isinstance(type_, AnyFloat | IndexType)


def _constant(value: float, type_: Attribute) -> arith.ConstantOp:
    if isinstance(type_, AnyFloat):
        return arith.ConstantOp(FloatAttr(float(value), type_))
    return arith.ConstantOp(IntegerAttr(int(value), cast(IntegerType | IndexType, type_)))


_FLOAT_COMBINERS: dict[ta.ReductionKind, type[arith.FloatingPointLikeBinaryOperation]] = {
    ta.ReductionKind.ADD: arith.AddfOp,
    ta.ReductionKind.MUL: arith.MulfOp,
    # maximumf/minimumf propagate NaN, as numpy's max and min do.
    ta.ReductionKind.MAX: arith.MaximumfOp,
    ta.ReductionKind.MIN: arith.MinimumfOp,
}
_INTEGER_COMBINERS: dict[ta.ReductionKind, type[arith.SignlessIntegerBinaryOperation]] = {
    ta.ReductionKind.ADD: arith.AddiOp,
    ta.ReductionKind.MUL: arith.MuliOp,
    ta.ReductionKind.MAX: arith.MaxSIOp,
    ta.ReductionKind.MIN: arith.MinSIOp,
}


def _combine(kind: ta.ReductionKind, old: SSAValue, new: SSAValue) -> Operation:
    if isinstance(old.type, AnyFloat):
        return _FLOAT_COMBINERS[kind](old, new)
    return _INTEGER_COMBINERS[kind](old, new)


# ---------------------------------------------------------------------------
# Affine maps over SSA values
# ---------------------------------------------------------------------------


def _collect_positions(expr: AffineExpr, dims: dict[int, None], syms: dict[int, None]) -> None:
    """The dimensions and symbols of `expr`, in the order they are printed."""
    if isinstance(expr, AffineDimExpr):
        dims.setdefault(expr.position)
    elif isinstance(expr, AffineSymExpr):
        syms.setdefault(expr.position)
    elif isinstance(expr, AffineBinaryOpExpr):
        _collect_positions(expr.lhs, dims, syms)
        _collect_positions(expr.rhs, dims, syms)


def _compact_map(
    exprs: Sequence[AffineExpr], dims: Sequence[SSAValue], syms: Sequence[SSAValue]
) -> tuple[AffineMap, list[SSAValue]]:
    """The map of `exprs` over only the dimensions and symbols they use, numbered in the
    order they first appear, with its operands: the op MLIR's parser builds from the custom
    form (`%B[%k, %n]`), so that the op prints and parses back as itself."""
    used_dims: dict[int, None] = {}
    used_syms: dict[int, None] = {}
    for expr in exprs:
        _collect_positions(expr, used_dims, used_syms)
    dim_order, sym_order = list(used_dims), list(used_syms)
    new_dims: list[AffineExpr] = [AffineDimExpr(0)] * len(dims)
    new_syms: list[AffineExpr] = [AffineSymExpr(0)] * len(syms)
    for new, old in enumerate(dim_order):
        new_dims[old] = AffineDimExpr(new)
    for new, old in enumerate(sym_order):
        new_syms[old] = AffineSymExpr(new)
    results = tuple(replace_dims_and_symbols(e, new_dims, new_syms) for e in exprs)
    operands = [dims[i] for i in dim_order] + [syms[i] for i in sym_order]
    return AffineMap(len(dim_order), len(sym_order), results), operands


# ---------------------------------------------------------------------------
# Analysis: what can be lowered, and where every value lives
# ---------------------------------------------------------------------------


@dataclass
class _Chain:
    """Tensor values that share one buffer: a root (a comprehension or call result) and
    the comprehensions that update it in place, in program order."""

    values: list[SSAValue]
    returned_at: list[int] = field(default_factory=list[int])
    """The result positions at which the chain's last value is returned."""


@dataclass(frozen=True)
class _SizeRecipe:
    """A dynamic dimension of a call result: `expr` over the callee's size variables, each
    read from dimension `dim` of call argument `arg` (`sources[i]` for size variable i)."""

    expr: AffineExpr
    sources: dict[int, tuple[int, int]]


@dataclass
class _FunctionPlan:
    converts_signature: bool
    lowers_body: bool = False
    """Whether the body holds tensors, and so needs rewriting."""
    chains: dict[SSAValue, _Chain] = field(default_factory=dict[SSAValue, _Chain])
    in_place: set[ta.ComprehensionOp] = field(default_factory=set[ta.ComprehensionOp])
    call_sizes: dict[func.CallOp, list[dict[int, _SizeRecipe]]] = field(
        default_factory=dict[func.CallOp, list[dict[int, _SizeRecipe]]]
    )


def _is_function_on_tensors(function: func.FuncOp) -> bool:
    signature = function.function_type
    return any(_is_tensor(t) for t in (*signature.inputs, *signature.outputs))


def _shape_map(attrs: ArrayAttr[DictionaryAttr] | None, index: int) -> AffineMap | None:
    if attrs is None or index >= len(attrs.data):
        return None
    shape = attrs.data[index].data.get(_SHAPE_ATTR)
    return shape.data if isinstance(shape, AffineMapAttr) else None


def _size_sources(callee: func.FuncOp) -> dict[int, tuple[int, int]]:
    """For each size variable, the first parameter dimension that is exactly that size."""
    sources: dict[int, tuple[int, int]] = {}
    for index in range(len(callee.function_type.inputs)):
        shape = _shape_map(callee.arg_attrs, index)
        for dim, expr in enumerate(shape.results if shape is not None else ()):
            if isinstance(expr, AffineSymExpr):
                sources.setdefault(expr.position, (index, dim))
    return sources


def _size_var_name(callee: func.FuncOp, position: int) -> str:
    names = callee.attributes.get(_SIZE_VARS_ATTR)
    if isinstance(names, ArrayAttr) and position < len(names.data):
        name = names.data[position]
        if isinstance(name, StringAttr):
            return f"'{name.data}'"
    return f"s{position}"


def _plan_call_sizes(call: func.CallOp, callee: func.FuncOp) -> list[dict[int, _SizeRecipe]]:
    """How to compute each dynamic dimension of each result of `call`."""
    sources = _size_sources(callee)
    recipes: list[dict[int, _SizeRecipe]] = []
    for index, result in enumerate(call.res):
        dims: dict[int, _SizeRecipe] = {}
        recipes.append(dims)
        if not isinstance(result.type, TensorType):
            continue
        shape = cast(TensorType[Attribute], result.type).get_shape()
        dynamic = [dim for dim, size in enumerate(shape) if size == DYNAMIC_INDEX]
        if not dynamic:
            continue
        shape_map = _shape_map(callee.res_attrs, index)
        if shape_map is None or len(shape_map.results) != len(shape):
            raise _fail(
                call,
                f"cannot allocate result #{index} of the call to @{callee.sym_name.data}: its "
                f"type {result.type} has dynamic sizes and the callee gives no '{_SHAPE_ATTR}' "
                "of that rank for it",
            )
        for dim in dynamic:
            expr = shape_map.results[dim]
            used: dict[int, None] = {}
            _collect_positions(expr, {}, used)
            missing = sorted(used.keys() - sources.keys())
            if missing:
                raise _fail(
                    call,
                    f"cannot allocate result #{index} of the call to @{callee.sym_name.data}: "
                    f"size variable {_size_var_name(callee, missing[0])} is not the size of "
                    "any parameter dimension",
                )
            dims[dim] = _SizeRecipe(expr, {s: sources[s] for s in used})
    return recipes


_TENSOR_OPS = (ta.ComprehensionOp, tensor.DimOp, func.CallOp, func.ReturnOp)


def _check_op(op: Operation, entry: Block, function: func.FuncOp) -> None:
    """Refuse what the lowering cannot handle, before anything is changed."""
    values = (*op.operands, *op.results)
    if not isinstance(op, ta.ComprehensionOp) and not _has_tensor(values):
        return
    if not isinstance(op, _TENSOR_OPS):
        raise _fail(
            op,
            f"cannot lower '{op.name}' on tensors: lower-ta-to-affine handles tensors only "
            "in ta.comprehension, tensor.dim, func.call and func.return",
        )
    if op.parent_block() is not entry:
        raise _fail(
            op,
            f"cannot lower '{op.name}' on tensors here: it must be at the top level of the "
            f"body of @{function.sym_name.data}",
        )
    for value in values:
        _check_tensor_type(value.type, op)
    if isinstance(op, ta.ComprehensionOp):
        element_type = cast(TensorType[Attribute], op.result.type).get_element_type()
        if not _is_scalar_number(element_type):
            raise _fail(
                op,
                f"cannot lower a comprehension on elements of type {element_type}: only "
                "signless integer, index and floating-point elements are supported",
            )


def _updates_in_place(op: ta.ComprehensionOp, position: dict[Operation, int]) -> bool:
    """Whether `op` may write its result into its init's buffer: no other op may observe
    the init's elements after `op` has changed them.

    The init must be a value this function owns (a comprehension or call result, not an
    argument), and each of its other uses must be one of:
    * `tensor.dim`, which reads only the shape;
    * a read that runs before `op`: an input of an earlier comprehension, an argument of
      an earlier call (callees never write their arguments);
    * an input of `op` itself, read at exactly the element written at the same point, in a
      statement without reduction: each element is then read once, before its own update.
    """
    init = op.init
    if not isinstance(init, OpResult) or not isinstance(init.op, ta.ComprehensionOp | func.CallOp):
        return False
    for use in init.uses:
        user = use.operation
        if user is op:
            if use.index >= len(op.inputs):
                continue  # the init operand itself
            pointwise = op.input_maps.data[use.index] == op.output_map
            if op.reduction_kind != ta.ReductionKind.NONE or not pointwise:
                return False
            continue
        if isinstance(user, tensor.DimOp):
            continue
        is_read = isinstance(user, func.CallOp) or (
            isinstance(user, ta.ComprehensionOp) and use.index < len(user.inputs)
        )
        if not is_read or position.get(user, len(position)) >= position[op]:
            return False
    return True


def _plan_function(function: func.FuncOp) -> _FunctionPlan:
    converts_signature = _is_function_on_tensors(function)
    plan = _FunctionPlan(converts_signature)
    if converts_signature:
        for type_ in function.function_type.inputs:
            _check_tensor_type(type_, function)
        for index, type_ in enumerate(function.function_type.outputs):
            if not _is_tensor(type_):
                raise _fail(
                    function,
                    f"cannot lower @{function.sym_name.data}: result #{index} has type "
                    f"{type_}, and only tensor results can become out-parameters",
                )
            _check_tensor_type(type_, function)
    if not function.body.blocks:
        return plan
    entry = cast(Block, function.body.blocks.first)
    has_tensors = converts_signature or any(
        _has_tensor((*op.operands, *op.results)) or isinstance(op, ta.ComprehensionOp)
        for op in function.walk()
        if op is not function
    )
    if not has_tensors:
        return plan
    plan.lowers_body = True
    if len(function.body.blocks) > 1:
        raise _fail(
            function,
            f"cannot lower @{function.sym_name.data}: functions on tensors must have a single "
            "block",
        )
    for op in function.walk():
        if op is not function:
            _check_op(op, entry, function)

    position = {op: index for index, op in enumerate(entry.ops)}
    for op in entry.ops:
        if isinstance(op, ta.ComprehensionOp):
            if op.init is not None and _updates_in_place(op, position):
                plan.in_place.add(op)
                chain = plan.chains[op.init]
                chain.values.append(op.result)
            else:
                chain = _Chain([op.result])
            plan.chains[op.result] = chain
        elif isinstance(op, func.CallOp) and _has_tensor((*op.arguments, *op.res)):
            callee = SymbolTable.lookup_symbol(op, op.callee)
            if not isinstance(callee, func.FuncOp):
                raise _fail(op, f"cannot lower the call to {op.callee}: no such function")
            plan.call_sizes[op] = _plan_call_sizes(op, callee)
            for result in op.res:
                plan.chains[result] = _Chain([result])
        elif isinstance(op, func.ReturnOp):
            for index, value in enumerate(op.arguments):
                chain = plan.chains.get(value)
                if chain is not None:
                    # Only a chain's last value can be returned: the others have no use
                    # after the update that consumes them.
                    assert chain.values[-1] is value
                    chain.returned_at.append(index)
    return plan


# ---------------------------------------------------------------------------
# Rewriting one function
# ---------------------------------------------------------------------------


class _FunctionLowering:
    """Lowers the body of one function, following its plan."""

    def __init__(self, function: func.FuncOp, plan: _FunctionPlan) -> None:
        self.function = function
        self.plan = plan
        self.entry = function.body.block
        self.buffers: dict[SSAValue, SSAValue] = {}
        self.out_params: list[BlockArgument] = []
        self.temporaries: list[memref.AllocOp] = []
        self.old_ops = list(self.entry.ops)
        self.old_args = list(self.entry.args)
        # Index constants and the sizes of parameters are defined once, at the top.
        self.prologue_end: Operation | None = None
        self.index_constants: dict[int, SSAValue] = {}
        self.param_dims: dict[tuple[SSAValue, int], SSAValue] = {}

    # -- helpers -------------------------------------------------------------------

    def add_to_prologue(self, op: Operation) -> None:
        if self.prologue_end is None:
            Rewriter.insert_op(op, InsertPoint.at_start(self.entry))
        else:
            Rewriter.insert_op(op, InsertPoint.after(self.prologue_end))
        self.prologue_end = op

    def index_constant(self, value: int) -> SSAValue:
        if value not in self.index_constants:
            constant = arith.ConstantOp(IntegerAttr(value, IndexType()))
            constant.result.name_hint = f"c{value}" if value >= 0 else None
            self.add_to_prologue(constant)
            self.index_constants[value] = constant.result
        return self.index_constants[value]

    def dim_size(self, buffer: SSAValue, dim: int) -> int | SSAValue:
        """The size of dimension `dim` of `buffer`: an int when static, else the alloc's
        operand or `memref.dim` of the parameter, both valid affine symbols."""
        shape = cast(MemRefType, buffer.type).get_shape()
        if shape[dim] != DYNAMIC_INDEX:
            return shape[dim]
        if isinstance(buffer, OpResult):
            alloc = cast(memref.AllocOp, buffer.op)
            return alloc.dynamic_sizes[shape[:dim].count(DYNAMIC_INDEX)]
        key = (buffer, dim)
        if key not in self.param_dims:
            dim_op = memref.DimOp(buffer, self.index_constant(dim))
            dim_op.result.name_hint = "dim"
            self.add_to_prologue(dim_op)
            self.param_dims[key] = dim_op.result
        return self.param_dims[key]

    def dim_sizes(self, buffer: SSAValue) -> list[int | SSAValue]:
        rank = cast(MemRefType, buffer.type).get_num_dims()
        return [self.dim_size(buffer, dim) for dim in range(rank)]

    def index_value(
        self, expr: AffineExpr, symbols: Sequence[SSAValue], at: InsertPoint
    ) -> SSAValue:
        """`expr` over `symbols` as an index value."""
        if isinstance(expr, AffineConstantExpr):
            return self.index_constant(expr.value)
        if isinstance(expr, AffineSymExpr):
            return symbols[expr.position]
        amap, operands = _compact_map([expr], [], symbols)
        apply = affine.ApplyOp(operands, amap)
        Rewriter.insert_op(apply, at)
        return apply.result

    def alloc(
        self, type_: Attribute, sizes: Sequence[int | SSAValue], at: InsertPoint, name: str | None
    ) -> SSAValue:
        memref_type = _memref_type(type_)
        dynamic = [s for s in sizes if isinstance(s, SSAValue)]
        alloc = memref.AllocOp(dynamic, [], memref_type)
        alloc.memref.name_hint = name
        Rewriter.insert_op(alloc, at)
        self.temporaries.append(alloc)
        return alloc.memref

    def destination(self, value: SSAValue) -> SSAValue | None:
        """The out-parameter that a fresh buffer for `value`'s chain must be, if any."""
        returned_at = self.plan.chains[value].returned_at
        return self.out_params[returned_at[0]] if returned_at else None

    def loop_nest(
        self,
        bounds: Sequence[tuple[AffineExpr, AffineExpr]],
        symbols: Sequence[SSAValue],
        names: Sequence[str],
        at: InsertPoint,
    ) -> tuple[list[SSAValue], InsertPoint]:
        """`affine.for` loops from each lower to each upper bound (expressions over
        `symbols`), outermost first; returns the induction variables and the point inside
        the innermost loop where its body goes."""
        ivs: list[SSAValue] = []
        for (lower, upper), name in zip(bounds, names, strict=True):
            lower_map, lower_operands = _compact_map([lower], [], symbols)
            upper_map, upper_operands = _compact_map([upper], [], symbols)
            loop = affine.ForOp(lower_operands, upper_operands, [], lower_map, upper_map)
            Rewriter.insert_op(loop, at)
            iv = loop.body.block.args[0]
            iv.name_hint = name
            ivs.append(iv)
            at = InsertPoint.before(cast(Operation, loop.body.block.last_op))
        return ivs, at

    def fill(
        self,
        buffer: SSAValue,
        value: float,
        shape: tuple[Sequence[AffineExpr], Sequence[SSAValue]],
        names: Sequence[str],
        at: InsertPoint,
    ) -> None:
        """Store `value` into every element of `buffer`, whose sizes are `shape`:
        expressions over symbols."""
        constant = _constant(value, cast(MemRefType, buffer.type).get_element_type())
        constant.result.name_hint = "cst"
        Rewriter.insert_op(constant, at)
        sizes, symbols = shape
        bounds = [(AffineConstantExpr(0), size) for size in sizes]
        ivs, inner = self.loop_nest(bounds, symbols, names, at)
        Rewriter.insert_op(affine.StoreOp(constant, buffer, ivs), inner)

    def buffer_shape(self, buffer: SSAValue) -> tuple[list[AffineExpr], list[SSAValue]]:
        """The sizes of `buffer` as expressions over symbols."""
        symbols: list[SSAValue] = []
        sizes: list[AffineExpr] = []
        for size in self.dim_sizes(buffer):
            if isinstance(size, int):
                sizes.append(AffineConstantExpr(size))
            else:
                sizes.append(AffineSymExpr(len(symbols)))
                symbols.append(size)
        return sizes, symbols

    # -- the function ----------------------------------------------------------------

    def run(self) -> None:
        if self.plan.converts_signature:
            self.convert_signature()
        replaced: list[Operation] = []
        for op in self.old_ops:
            at = InsertPoint.before(op)
            if isinstance(op, ta.ComprehensionOp):
                self.lower_comprehension(op, at)
            elif isinstance(op, tensor.DimOp):
                dim = memref.DimOp(self.buffers[op.source], op.index)
                Rewriter.insert_op(dim, at)
                op.result.replace_all_uses_with(dim.result)
            elif isinstance(op, func.CallOp) and op in self.plan.call_sizes:
                self.lower_call(op, at)
            elif isinstance(op, func.ReturnOp) and self.plan.converts_signature:
                self.lower_return(op, at)
            else:
                continue
            replaced.append(op)
        # Users come after their operands: erasing backwards leaves no dangling use.
        for op in reversed(replaced):
            Rewriter.erase_op(op)
        if self.plan.converts_signature:
            # Every use has moved to the new arguments.
            for arg in self.old_args:
                self.entry.erase_arg(arg)
        self.place_deallocs()

    def convert_signature(self) -> None:
        """Memref parameters for tensor parameters, then one out-parameter per result; the
        result attributes (`ta.shape`) move to the out-parameters."""
        signature = self.function.function_type
        for arg in self.old_args:
            new_arg = self.entry.insert_arg(
                _memref_type(arg.type) if _is_tensor(arg.type) else arg.type,
                len(self.entry.args),
            )
            new_arg.name_hint = arg.name_hint
            if _is_tensor(arg.type):
                self.buffers[arg] = new_arg
            else:
                arg.replace_all_uses_with(new_arg)
        returned = self.returned_values()
        for index, type_ in enumerate(signature.outputs):
            out_param = self.entry.insert_arg(_memref_type(type_), len(self.entry.args))
            if index < len(returned) and isinstance(returned[index], OpResult):
                out_param.name_hint = returned[index].name_hint
            self.out_params.append(out_param)
        _convert_function_type(self.function)

    def returned_values(self) -> Sequence[SSAValue]:
        terminator = self.entry.last_op
        return terminator.arguments if isinstance(terminator, func.ReturnOp) else ()

    def lower_comprehension(self, op: ta.ComprehensionOp, at: InsertPoint) -> None:
        result = op.result
        names = [op.index_names[dim] for dim in op.output_dims]
        if op in self.plan.in_place:
            buffer = self.buffers[cast(SSAValue, op.init)]
        elif op.init is not None:
            init_buffer = self.buffers[op.init]
            buffer = self.destination(result) or self.alloc(
                result.type, self.dim_sizes(init_buffer), at, result.name_hint
            )
            # With TC's `!` the identity overwrites every element: only the shape is kept.
            if not op.has_identity_init:
                Rewriter.insert_op(memref.CopyOp(init_buffer, buffer), at)
        else:
            buffer = self.destination(result) or self.alloc(
                result.type, self.fresh_sizes(op, at), at, result.name_hint
            )
            if not op.has_identity_init and not _writes_every_element(op):
                self.fill(buffer, 0, _fresh_shape(op), names, at)
        if op.has_identity_init:
            element_type = cast(MemRefType, buffer.type).get_element_type()
            identity = ta.reduction_identity(op.reduction_kind, element_type)
            shape = _fresh_shape(op) if op.init is None else self.buffer_shape(buffer)
            self.fill(buffer, identity, shape, names, at)
        self.buffers[result] = buffer
        self.emit_statement(op, buffer, at)

    def fresh_sizes(self, op: ta.ComprehensionOp, at: InsertPoint) -> list[int | SSAValue]:
        """The shape of a fresh result, as the operands of its `memref.alloc`."""
        exprs, symbols = _fresh_shape(op)
        shape = cast(TensorType[Attribute], op.result.type).get_shape()
        return [
            size if size != DYNAMIC_INDEX else self.index_value(expr, symbols, at)
            for size, expr in zip(shape, exprs, strict=True)
        ]

    def emit_statement(self, op: ta.ComprehensionOp, buffer: SSAValue, at: InsertPoint) -> None:
        """The loop nest of `op`, with its body inlined between the loads of its inputs and
        the store (or read-combine-store) of its result."""
        sizes = list(op.sizes)
        bounds = zip(op.lower_bounds.data.results, op.upper_bounds.data.results, strict=True)
        ivs, inner = self.loop_nest(list(bounds), sizes, op.index_names, at)
        body = op.body.block
        for index_op in [o for o in body.walk() if isinstance(o, ta.IndexOp)]:
            index_op.result.replace_all_uses_with(ivs[index_op.dim_value])
            Rewriter.erase_op(index_op)
        for arg, value, input_map in zip(body.args, op.inputs, op.input_maps.data, strict=True):
            if arg.first_use is None:
                continue
            load_map, operands = _compact_map(input_map.data.results, ivs, sizes)
            load = affine.LoadOp(self.buffers[value], operands, load_map)
            load.result.name_hint = arg.name_hint
            Rewriter.insert_op(load, inner)
            arg.replace_all_uses_with(load.result)
        terminator = cast(ta.YieldOp, body.last_op)
        for body_op in list(body.ops):
            if body_op is not terminator:
                body_op.detach()
                Rewriter.insert_op(body_op, inner)
        value = terminator.value
        store_map, operands = _compact_map(op.output_map.data.results, ivs, sizes)
        if op.reduction_kind != ta.ReductionKind.NONE:
            current = affine.LoadOp(buffer, operands, store_map)
            combined = _combine(op.reduction_kind, current.result, value)
            Rewriter.insert_op((current, combined), inner)
            value = combined.results[0]
        Rewriter.insert_op(affine.StoreOp(value, buffer, operands, store_map), inner)

    def lower_call(self, op: func.CallOp, at: InsertPoint) -> None:
        """The callee writes its results into buffers that the caller passes after the
        arguments."""
        arguments = [self.buffers.get(arg, arg) for arg in op.arguments]
        outs: list[SSAValue] = []
        for result, recipes in zip(op.res, self.plan.call_sizes[op], strict=True):
            buffer = self.destination(result)
            if buffer is None:
                shape = cast(TensorType[Attribute], result.type).get_shape()
                sizes = [
                    self.call_result_size(recipes[dim], arguments, at)
                    if size == DYNAMIC_INDEX
                    else size
                    for dim, size in enumerate(shape)
                ]
                buffer = self.alloc(result.type, sizes, at, result.name_hint)
            self.buffers[result] = buffer
            outs.append(buffer)
        Rewriter.insert_op(func.CallOp(op.callee, [*arguments, *outs], []), at)

    def call_result_size(
        self, recipe: _SizeRecipe, arguments: Sequence[SSAValue], at: InsertPoint
    ) -> SSAValue:
        """A dimension of a call result: its `ta.shape` expression, evaluated on the sizes
        of the actual arguments."""
        symbols: list[SSAValue] = []
        replacements: dict[int, AffineExpr] = {}
        for size_var, (arg, dim) in recipe.sources.items():
            size = self.dim_size(arguments[arg], dim)
            if isinstance(size, int):
                replacements[size_var] = AffineConstantExpr(size)
            else:
                replacements[size_var] = AffineSymExpr(len(symbols))
                symbols.append(size)
        count = max(replacements, default=-1) + 1
        syms = [replacements.get(i, AffineSymExpr(0)) for i in range(count)]
        expr = replace_dims_and_symbols(recipe.expr, [], syms)
        return self.index_value(expr, symbols, at)

    def lower_return(self, op: func.ReturnOp, at: InsertPoint) -> None:
        """Results that are not already in their out-parameter are copied there."""
        for value, out_param in zip(op.arguments, self.out_params, strict=True):
            source = self.buffers[value]
            if source is not out_param:
                Rewriter.insert_op(memref.CopyOp(source, out_param), at)
        Rewriter.insert_op(func.ReturnOp(), at)

    def place_deallocs(self) -> None:
        """Free each temporary right after the last top-level op that uses it."""
        position = {op: index for index, op in enumerate(self.entry.ops)}
        # Backwards, so that temporaries freed after the same op are freed in the order
        # they were allocated.
        for alloc in reversed(self.temporaries):
            last_user = alloc
            for use in alloc.memref.uses:
                user = use.operation
                while user.parent_block() is not self.entry:
                    user = cast(Operation, user.parent_op())
                if position[user] > position[last_user]:
                    last_user = user
            Rewriter.insert_op(memref.DeallocOp.get(alloc.memref), InsertPoint.after(last_user))


def _fresh_shape(op: ta.ComprehensionOp) -> tuple[list[AffineExpr], list[SSAValue]]:
    """The sizes of a fresh result over the op's sizes: static sizes, and for each dynamic
    dimension the upper bound of the index variable written there (docs/ta.md)."""
    shape = cast(TensorType[Attribute], op.result.type).get_shape()
    sizes = [
        AffineConstantExpr(size) if size != DYNAMIC_INDEX else op.result_size(dim)
        for dim, size in enumerate(shape)
    ]
    return sizes, list(op.sizes)


def _is_constant(expr: AffineExpr, value: int) -> bool:
    return isinstance(expr, AffineConstantExpr) and expr.value == value


def _writes_every_element(op: ta.ComprehensionOp) -> bool:
    """Whether a fresh statement without reduction stores to every element of its result:
    each result dimension is written by an index variable that starts at 0 and ends at the
    dimension's size (a dynamic size is that upper bound by definition)."""
    shape = cast(TensorType[Attribute], op.result.type).get_shape()
    lower = op.lower_bounds.data.results
    upper = op.upper_bounds.data.results
    return all(
        _is_constant(lower[index], 0)
        and (size == DYNAMIC_INDEX or _is_constant(upper[index], size))
        for index, size in zip(op.output_dims, shape, strict=True)
    )


@dataclass(frozen=True)
class LowerTaToAffinePass(ModulePass):
    """Lower ta comprehensions to affine loop nests on memrefs, in destination-passing style

    Functions on tensors become functions on memrefs whose results are trailing
    out-parameters; each `ta.comprehension` becomes an `affine.for` nest of `affine.load`s,
    its inlined body and an `affine.store`; `tensor.dim` becomes `memref.dim`.
    """

    name = "lower-ta-to-affine"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        functions = [f for f in op.walk() if isinstance(f, func.FuncOp)]
        # Everything is checked before anything changes: a refusal leaves the module intact.
        plans = [(function, _plan_function(function)) for function in functions]
        for function, plan in plans:
            if plan.lowers_body:
                _FunctionLowering(function, plan).run()
            elif plan.converts_signature:
                _convert_function_type(function)


def _convert_function_type(function: func.FuncOp) -> None:
    """The destination-passing signature: tensors become memrefs, results trailing
    out-parameters that take over the result attributes."""
    signature = function.function_type
    inputs = [_memref_type(t) if _is_tensor(t) else t for t in signature.inputs]
    outputs = [_memref_type(t) for t in signature.outputs]
    function.function_type = FunctionType.from_lists([*inputs, *outputs], [])
    empty = DictionaryAttr({})
    arg_attrs = [
        *(function.arg_attrs or [empty] * len(inputs)),
        *(function.res_attrs or [empty] * len(outputs)),
    ]
    function.arg_attrs = ArrayAttr(arg_attrs) if any(a.data for a in arg_attrs) else None
    function.res_attrs = None
