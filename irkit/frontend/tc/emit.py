"""Emitting checked TC defs as `ta` IR (docs/ta.md): one `func.func` per def on tensors,
one `ta.comprehension` per statement, the scalar computation in `arith` and `math` ops.

Every op is located at the TC construct it comes from, so that later diagnostics point
into the .tc file.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects import arith, func, math, tensor
from xdsl.dialects.builtin import (
    DYNAMIC_INDEX,
    AffineMapAttr,
    ArrayAttr,
    DictionaryAttr,
    FileLineColLoc,
    FloatAttr,
    IndexType,
    IntAttr,
    IntegerAttr,
    IntegerType,
    ModuleOp,
    StringAttr,
    TensorType,
)
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.ir.affine import AffineDimExpr, AffineExpr, AffineMap, AffineSymExpr

from irkit.diagnostics import SourceBuffer
from irkit.dialects.ta import ComprehensionOp, IndexOp, YieldOp, comprehension_body
from irkit.frontend.tc.checked import (
    Arith,
    BuiltinCall,
    CheckedCall,
    CheckedComprehension,
    Compare,
    Const,
    DefInstance,
    IndexValue,
    Logical,
    MinMax,
    Negate,
    Read,
    ReadValue,
    Select,
    SizeValue,
    TExpr,
)
from irkit.frontend.tc.errors import error_at
from irkit.frontend.tc.linear import FloorDiv, Lin
from irkit.frontend.tc.scalars import BOOL, INT32, ScalarType

_MATH_OPS: dict[str, type[Operation]] = {op.name: op for op in math.Math.operations}

# Builtins that are one `math` or `arith` op.
_BUILTIN_OPS: dict[str, str] = {
    "acos": "math.acos",
    "acosh": "math.acosh",
    "asin": "math.asin",
    "asinh": "math.asinh",
    "atan": "math.atan",
    "atan2": "math.atan2",
    "atanh": "math.atanh",
    "cbrt": "math.cbrt",
    "ceil": "math.ceil",
    "copysign": "math.copysign",
    "cos": "math.cos",
    "cosh": "math.cosh",
    "erf": "math.erf",
    "exp": "math.exp",
    "exp2": "math.exp2",
    "expm1": "math.expm1",
    "fabs": "math.absf",
    "floor": "math.floor",
    "fma": "math.fma",
    "log": "math.log",
    "log10": "math.log10",
    "log1p": "math.log1p",
    "log2": "math.log2",
    "pow": "math.powf",
    "round": "math.round",
    "rsqrt": "math.rsqrt",
    "sin": "math.sin",
    "sinh": "math.sinh",
    "sqrt": "math.sqrt",
    "tan": "math.tan",
    "tanh": "math.tanh",
    "trunc": "math.trunc",
}

_FLOAT_PREDICATES = {"==": "oeq", "!=": "une", "<": "olt", "<=": "ole", ">": "ogt", ">=": "oge"}
_SIGNED_PREDICATES = {"==": "eq", "!=": "ne", "<": "slt", "<=": "sle", ">": "sgt", ">=": "sge"}
_UNSIGNED_PREDICATES = {"==": "eq", "!=": "ne", "<": "ult", "<=": "ule", ">": "ugt", ">=": "uge"}


def tensor_type(element: ScalarType, shape: Sequence[Lin]) -> TensorType:
    dims = [s.constant if s.is_constant else DYNAMIC_INDEX for s in shape]
    return TensorType(element.mlir(), dims)


class Emitter:
    """Builds the module of one TC file."""

    def __init__(self, buffer: SourceBuffer) -> None:
        self.buffer = buffer
        self._filename = StringAttr(buffer.name)

    def loc(self, offset: int) -> FileLineColLoc:
        where = self.buffer.location(offset)
        return FileLineColLoc(self._filename, IntAttr(where.line), IntAttr(where.column))

    def module(self, instances: Sequence[DefInstance]) -> ModuleOp:
        return ModuleOp([FunctionEmitter(self, instance).emit() for instance in instances])


class FunctionEmitter:
    """Emits one def instance as a `func.func`."""

    def __init__(self, emitter: Emitter, instance: DefInstance) -> None:
        self.emitter = emitter
        self.instance = instance
        self.block = Block(arg_types=[tensor_type(p.element, p.shape) for p in instance.params])
        self.values: dict[int, SSAValue] = {}
        self.sizes: dict[str, SSAValue] = {}

    def add(self, op: Operation, offset: int, block: Block | None = None) -> Operation:
        op.location = self.emitter.loc(offset)
        (block or self.block).add_op(op)
        return op

    def symbol(self, name: str) -> AffineExpr:
        return AffineSymExpr(self.instance.size_vars.index(name))

    def shape_map(self, shape: Sequence[Lin]) -> DictionaryAttr:
        """``ta.shape``: the shape as affine expressions of the size variables."""
        results = tuple(s.to_affine(self.symbol, self.size_order) for s in shape)
        amap = AffineMap(0, len(self.instance.size_vars), results)
        return DictionaryAttr({"ta.shape": AffineMapAttr(amap)})

    def size_order(self, name: str) -> int:
        return self.instance.size_vars.index(name)

    def emit(self) -> func.FuncOp:
        instance = self.instance
        definition = instance.definition
        for arg, param in zip(self.block.args, instance.params, strict=True):
            arg.name_hint = param.name
            arg.location = self.emitter.loc(param.offset)
            self.values[id(param)] = arg
        self._read_sizes()
        for statement in instance.statements:
            if isinstance(statement, CheckedCall):
                self._call(statement)
            else:
                self._comprehension(statement)
        results = [self.values[id(r)] for r in instance.results]
        self.add(func.ReturnOp(*results), definition.end_offset)
        function = func.FuncOp(
            instance.symbol,
            (
                [a.type for a in self.block.args],
                [tensor_type(r.element, r.shape) for r in instance.results],
            ),
            Region(self.block),
            arg_attrs=ArrayAttr([self.shape_map(p.shape) for p in instance.params]),
            res_attrs=ArrayAttr([self.shape_map(r.shape) for r in instance.results]),
        )
        function.attributes["ta.size_vars"] = ArrayAttr(
            [StringAttr(name) for name in instance.size_vars]
        )
        function.location = self.emitter.loc(definition.name.offset)
        return function

    def _read_sizes(self) -> None:
        """``tensor.dim`` of the first parameter dimension of each dynamic size."""
        indices: dict[int, SSAValue] = {}
        for name in self.instance.size_vars:
            param_position, dim = self.instance.size_sources[name]
            param = self.instance.definition.params[param_position]
            offset = param.type.dims[dim].offset
            if dim not in indices:
                constant = self.add(arith.ConstantOp(IntegerAttr(dim, IndexType())), offset)
                constant.results[0].name_hint = f"c{dim}"
                indices[dim] = constant.results[0]
            size = self.add(tensor.DimOp(self.block.args[param_position], indices[dim]), offset)
            size.results[0].name_hint = name
            self.sizes[name] = size.results[0]

    def _call(self, statement: CheckedCall) -> None:
        callee = statement.callee
        call = func.CallOp(
            callee.symbol,
            [self.values[id(a)] for a in statement.args],
            [tensor_type(r.element, r.shape) for r in statement.results],
        )
        self.add(call, statement.source.callee.offset)
        for value, result in zip(call.results, statement.results, strict=True):
            value.name_hint = result.name
            self.values[id(result)] = value

    def _comprehension(self, statement: CheckedComprehension) -> None:
        indices = list(statement.indices)

        def atom(name: str) -> AffineExpr:
            if name in indices:
                return AffineDimExpr(indices.index(name))
            return self.symbol(name)

        def order(name: str) -> int:
            if name in indices:
                return indices.index(name)
            return len(indices) + self.size_order(name)

        def affine_map(exprs: Sequence[Lin], dims: int) -> AffineMap:
            results = tuple(e.to_affine(atom, order) for e in exprs)
            return AffineMap(dims, len(self.instance.size_vars), results)

        ranges = [statement.ranges[v] for v in indices]
        inputs = [self.values[id(read.value)] for read in statement.reads]
        body, block = comprehension_body([value.type for value in inputs])
        for arg, read in zip(block.args, statement.reads, strict=True):
            arg.name_hint = read.value.name.lower()
            arg.location = self.emitter.loc(read.offset)
        result = statement.result
        lhs = statement.source.indices or ()
        RegionEmitter(self, statement, block).emit()
        op = ComprehensionOp(
            indices=indices,
            lower_bounds=affine_map([low for low, _ in ranges], 0),
            upper_bounds=affine_map([high for _, high in ranges], 0),
            sizes=[self.sizes[name] for name in self.instance.size_vars],
            inputs=inputs,
            input_maps=[affine_map(read.indices, len(indices)) for read in statement.reads],
            output_map=affine_map([Lin.var(v) for v in indices[: len(lhs)]], len(indices)),
            result_type=tensor_type(result.element, result.shape),
            body=body,
            reduction=statement.reduction,
            identity_init=statement.identity_init,
            init=None if statement.previous is None else self.values[id(statement.previous)],
        )
        self.add(op, statement.source.target.offset)
        op.results[0].name_hint = result.name
        self.values[id(result)] = op.results[0]


class RegionEmitter:
    """Emits the scalar computation of one statement into its comprehension's body."""

    def __init__(
        self, function: FunctionEmitter, statement: CheckedComprehension, block: Block
    ) -> None:
        self.function = function
        self.statement = statement
        self.block = block
        self.reads = {
            (id(read.value), read.indices): arg
            for read, arg in zip(statement.reads, block.args, strict=True)
        }
        self.offset = statement.source.op_offset
        # Each index, size and constant is computed once per body.
        self.cache: dict[object, SSAValue] = {}

    def add(self, op: Operation, offset: int | None = None) -> SSAValue:
        self.function.add(op, self.offset if offset is None else offset, self.block)
        return op.results[0]

    def emit(self) -> None:
        result = self.statement.result.element
        value = self.value(self.statement.rhs, result)
        self.function.add(YieldOp(value), self.statement.source.op_offset, self.block)

    # -- values --------------------------------------------------------------------------------

    def constant(self, value: int | float, type: ScalarType, offset: int) -> SSAValue:
        key = ("constant", type, repr(value))
        if key in self.cache:
            return self.cache[key]
        self.offset = offset
        if type.is_float:
            result = self.add(arith.ConstantOp(FloatAttr(float(value), type.mlir())))
        else:
            low = -(2 ** (type.bits - 1)) if type.bits > 1 else 0
            if not isinstance(value, int) or not low <= value < 2**type.bits:
                raise error_at(
                    self.function.emitter.buffer,
                    offset,
                    f"the constant {value} does not fit in type {type}",
                )
            result = self.add(arith.ConstantOp(IntegerAttr(value, IntegerType(type.bits))))
        self.cache[key] = result
        return result

    def value(self, expr: TExpr, want: ScalarType) -> SSAValue:
        """``expr`` as a value of type ``want``."""
        weak_constant = isinstance(expr, Const) and expr.weak
        if weak_constant and (want.is_float or isinstance(expr.value, int)):
            return self.constant(expr.value, want, expr.offset)
        if isinstance(expr, Select) and expr.weak:
            condition = self.value(expr.condition, BOOL)
            then = self.value(expr.then, want)
            otherwise = self.value(expr.otherwise, want)
            return self.add(arith.SelectOp(condition, then, otherwise), expr.offset)
        if isinstance(expr, IndexValue | SizeValue) and want.is_integer and not want.is_bool:
            return self.add(arith.IndexCastOp(self.index(expr), want.mlir()), expr.offset)
        return self.convert(self.emit_expr(expr), expr.type, want, expr.offset)

    def index(self, expr: IndexValue | SizeValue) -> SSAValue:
        """An index variable's or a size's value, of type `index`."""
        key = ("index", expr.var if isinstance(expr, IndexValue) else expr.size)
        if key not in self.cache:
            if isinstance(expr, IndexValue):
                op = IndexOp(self.statement.indices.index(expr.var))
                self.add(op, expr.offset)
                op.results[0].name_hint = expr.var
                self.cache[key] = op.results[0]
            else:
                self.cache[key] = self.size(expr.size, expr.offset)
        return self.cache[key]

    def size(self, size: Lin, offset: int) -> SSAValue:
        """A size expression computed with `index` arithmetic."""
        self.offset = offset

        def index_constant(value: int) -> SSAValue:
            key = ("index constant", value)
            if key not in self.cache:
                self.cache[key] = self.add(arith.ConstantOp(IntegerAttr(value, IndexType())))
            return self.cache[key]

        total: SSAValue | None = None
        for atom, coefficient in size.terms:
            if isinstance(atom, FloorDiv):
                numerator = self.size(atom.numerator, offset)
                part = self.add(arith.FloorDivSIOp(numerator, index_constant(atom.divisor)))
            else:
                part = self.function.sizes[atom]
            if coefficient != 1:
                part = self.add(arith.MuliOp(part, index_constant(coefficient)))
            total = part if total is None else self.add(arith.AddiOp(total, part))
        if total is None:
            return index_constant(size.constant)
        if size.constant:
            total = self.add(arith.AddiOp(total, index_constant(size.constant)))
        return total

    def convert(
        self, value: SSAValue, source: ScalarType, target: ScalarType, offset: int
    ) -> SSAValue:
        """C's conversions between scalar types."""
        self.offset = offset
        if source == target:
            return value
        if target.is_bool:
            zero = self.constant(0.0 if source.is_float else 0, source, offset)
            if source.is_float:
                return self.add(arith.CmpfOp(value, zero, "une"))
            return self.add(arith.CmpiOp(value, zero, "ne"))
        if source.is_float and target.is_float:
            resize = arith.ExtFOp if target.bits > source.bits else arith.TruncFOp
            return self.add(resize(value, target.mlir_float()))
        if source.is_float:
            to_integer = arith.FPToSIOp if target.is_signed else arith.FPToUIOp
            return self.add(to_integer(value, target.mlir_integer()))
        if target.is_float:
            to_float = arith.SIToFPOp if source.is_signed else arith.UIToFPOp
            return self.add(to_float(value, target.mlir_float()))
        if target.bits == source.bits:
            return value
        if target.bits < source.bits:
            return self.add(arith.TruncIOp(value, target.mlir_integer()))
        extend = arith.ExtSIOp if source.is_signed else arith.ExtUIOp
        return self.add(extend(value, target.mlir_integer()))

    # -- expressions -------------------------------------------------------------------------

    def emit_expr(self, expr: TExpr) -> SSAValue:
        """``expr`` as a value of its own type."""
        if isinstance(expr, Const):
            return self.constant(expr.value, expr.type, expr.offset)
        if isinstance(expr, IndexValue | SizeValue):
            return self.add(arith.IndexCastOp(self.index(expr), INT32.mlir()), expr.offset)
        if isinstance(expr, ReadValue):
            return self._read(expr.read)
        if isinstance(expr, Arith):
            return self._arith(expr)
        if isinstance(expr, Negate):
            operand = self.value(expr.operand, expr.type)
            self.offset = expr.offset
            if expr.type.is_float:
                return self.add(arith.NegfOp(operand))
            zero = self.constant(0, expr.type, expr.offset)
            return self.add(arith.SubiOp(zero, operand))
        if isinstance(expr, Compare):
            return self._compare(expr)
        if isinstance(expr, Logical):
            return self._logical(expr)
        if isinstance(expr, Select):
            condition = self.value(expr.condition, BOOL)
            then = self.value(expr.then, expr.type)
            otherwise = self.value(expr.otherwise, expr.type)
            return self.add(arith.SelectOp(condition, then, otherwise), expr.offset)
        if isinstance(expr, MinMax):
            return self._min_max(expr.op, expr.lhs, expr.rhs, expr.type, expr.offset)
        if isinstance(expr, BuiltinCall):
            return self._builtin(expr)
        operand = self.value(expr.operand, expr.operand.type)
        return self.convert(operand, expr.operand.type, expr.type, expr.offset)

    def _read(self, read: Read) -> SSAValue:
        return self.reads[(id(read.value), read.indices)]

    def _arith(self, expr: Arith) -> SSAValue:
        lhs = self.value(expr.lhs, expr.type)
        rhs = self.value(expr.rhs, expr.type)
        self.offset = expr.offset
        kind = expr.type
        if kind.is_float:
            if expr.op == "%":
                return self._float_mod(lhs, rhs)
            op = {"+": arith.AddfOp, "-": arith.SubfOp, "*": arith.MulfOp, "/": arith.DivfOp}
            return self.add(op[expr.op](lhs, rhs))
        if expr.op in "+-*":
            op = {"+": arith.AddiOp, "-": arith.SubiOp, "*": arith.MuliOp}
            return self.add(op[expr.op](lhs, rhs))
        if not kind.is_signed:
            return self.add((arith.DivUIOp if expr.op == "/" else arith.RemUIOp)(lhs, rhs))
        if expr.op == "/":
            # TC divides integers rounding towards negative infinity.
            return self.add(arith.FloorDivSIOp(lhs, rhs))
        return self._floor_mod(lhs, rhs, kind)

    def _floor_mod(self, lhs: SSAValue, rhs: SSAValue, kind: ScalarType) -> SSAValue:
        """The remainder of floor division: it has the sign of the divisor."""
        remainder = self.add(arith.RemSIOp(lhs, rhs))
        zero = self.constant(0, kind, self.offset)
        nonzero = self.add(arith.CmpiOp(remainder, zero, "ne"))
        signs = self.add(arith.XOrIOp(remainder, rhs))
        differ = self.add(arith.CmpiOp(signs, zero, "slt"))
        adjust = self.add(arith.AndIOp(nonzero, differ))
        adjusted = self.add(arith.AddiOp(remainder, rhs))
        return self.add(arith.SelectOp(adjust, adjusted, remainder))

    def _float_mod(self, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        """``lhs - rhs * floor(lhs / rhs)``, as Halide (and so TC) defines a float `%`."""
        quotient = self.add(arith.DivfOp(lhs, rhs))
        floor = self.add(math.FloorOp(quotient))
        product = self.add(arith.MulfOp(rhs, floor))
        return self.add(arith.SubfOp(lhs, product))

    def _compare(self, expr: Compare) -> SSAValue:
        kind = expr.operand_type
        lhs = self.value(expr.lhs, kind)
        rhs = self.value(expr.rhs, kind)
        self.offset = expr.offset
        if kind.is_float:
            return self.add(arith.CmpfOp(lhs, rhs, _FLOAT_PREDICATES[expr.op]))
        predicates = _SIGNED_PREDICATES if kind.is_signed else _UNSIGNED_PREDICATES
        return self.add(arith.CmpiOp(lhs, rhs, predicates[expr.op]))

    def _logical(self, expr: Logical) -> SSAValue:
        lhs = self.value(expr.lhs, BOOL)
        self.offset = expr.offset
        if expr.rhs is None:
            true = self.add(arith.ConstantOp(IntegerAttr(1, IntegerType(1))))
            return self.add(arith.XOrIOp(lhs, true))
        rhs = self.value(expr.rhs, BOOL)
        self.offset = expr.offset
        return self.add((arith.AndIOp if expr.op == "&&" else arith.OrIOp)(lhs, rhs))

    def _min_max(self, op: str, a: TExpr, b: TExpr, kind: ScalarType, offset: int) -> SSAValue:
        lhs = self.value(a, kind)
        rhs = self.value(b, kind)
        self.offset = offset
        if kind.is_float:
            return self.add((arith.MinnumfOp if op == "min" else arith.MaxnumfOp)(lhs, rhs))
        if kind.is_signed:
            return self.add((arith.MinSIOp if op == "min" else arith.MaxSIOp)(lhs, rhs))
        return self.add((arith.MinUIOp if op == "min" else arith.MaxUIOp)(lhs, rhs))

    def _builtin(self, expr: BuiltinCall) -> SSAValue:
        kind = expr.type
        args = [self.value(arg, kind) for arg in expr.args]
        self.offset = expr.offset
        name = expr.name
        if name in _BUILTIN_OPS:
            return self.add(_MATH_OPS[_BUILTIN_OPS[name]](*args))
        if name in ("fmax", "fmin"):
            return self.add((arith.MaxnumfOp if name == "fmax" else arith.MinnumfOp)(*args))
        if name == "fdivide":
            return self.add(arith.DivfOp(*args))
        if name == "exp10":
            ten = self.constant(10.0, kind, expr.offset)
            return self.add(math.PowFOp(ten, args[0]))
        if name == "rcbrt":
            one = self.constant(1.0, kind, expr.offset)
            return self.add(arith.DivfOp(one, self.add(math.CbrtOp(args[0]))))
        if name == "fdim":
            # C's fdim: x - y when x > y (or either is NaN), else +0.
            greater = self.add(arith.CmpfOp(args[0], args[1], "ugt"))
            difference = self.add(arith.SubfOp(args[0], args[1]))
            zero = self.constant(0.0, kind, expr.offset)
            return self.add(arith.SelectOp(greater, difference, zero))
        # hypot, norm3d, norm4d and their reciprocals: the root of the sum of squares.
        squares = [self.add(arith.MulfOp(arg, arg)) for arg in args]
        total = squares[0]
        for square in squares[1:]:
            total = self.add(arith.AddfOp(total, square))
        if name in ("rhypot", "rnorm3d", "rnorm4d"):
            return self.add(math.RsqrtOp(total))
        return self.add(math.SqrtOp(total))
