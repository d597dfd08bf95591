"""The `ta` dialect: tensor algebra in the style of Tensor Comprehensions.

One `ta.comprehension` is one TC statement with everything TC leaves implicit written
out: the index variables and their ranges, an affine access map for every tensor read
and for the tensor written, the reduction, and the scalar computation as a region.
docs/ta.md is the reference for its syntax and semantics.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from xdsl.dialects.builtin import (
    I64,
    AffineMapAttr,
    AnyFloat,
    ArrayAttr,
    IndexType,
    IntegerAttr,
    IntegerType,
    StringAttr,
    TensorType,
    UnitAttr,
)
from xdsl.dialects.utils import EnumAttribute
from xdsl.ir import (
    Attribute,
    Block,
    Dialect,
    Operation,
    Region,
    SpacedOpaqueSyntaxAttribute,
    SSAValue,
)
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSymExpr,
)
from xdsl.irdl import (
    AttrSizedOperandSegments,
    IRDLOperation,
    irdl_attr_definition,
    irdl_op_definition,
    lazy_traits_def,
    operand_def,
    opt_operand_def,
    opt_prop_def,
    prop_def,
    region_def,
    result_def,
    traits_def,
    var_operand_def,
)
from xdsl.parser import Parser, UnresolvedOperand
from xdsl.printer import Printer
from xdsl.traits import HasParent, IsTerminator, Pure, RecursiveMemoryEffect
from xdsl.utils.exceptions import VerifyException
from xdsl.utils.str_enum import StrEnum

from irkit.affine_syntax import AffineExprParser, affine_expr_to_str, print_expr_with_names
from irkit.parsing import core_parsing


class ReductionKind(StrEnum):
    """How a comprehension combines the values it computes into its result."""

    NONE = "none"
    ADD = "add"
    MUL = "mul"
    MAX = "max"
    MIN = "min"


@irdl_attr_definition
class ReductionKindAttr(EnumAttribute[ReductionKind], SpacedOpaqueSyntaxAttribute):
    """`#ta<reduction add>`."""

    name = "ta.reduction"


def reduction_identity(kind: ReductionKind, element_type: Attribute) -> int | float:
    """The value a reduction starts from: TC's `!` fills the result with it."""
    if kind == ReductionKind.ADD:
        return 0
    if kind == ReductionKind.MUL:
        return 1
    if kind not in (ReductionKind.MAX, ReductionKind.MIN):
        raise ValueError(f"reduction '{kind}' has no identity")
    lowest = kind == ReductionKind.MAX
    if isinstance(element_type, AnyFloat):
        return float("-inf") if lowest else float("inf")
    width = 64 if isinstance(element_type, IndexType) else cast(IntegerType, element_type).bitwidth
    return -(2 ** (width - 1)) if lowest else 2 ** (width - 1) - 1


# ---------------------------------------------------------------------------
# Ranges of affine expressions, for the static bounds check
# ---------------------------------------------------------------------------

Interval = tuple[int, int]


def _interval(expr: AffineExpr, dims: Sequence[Interval]) -> Interval | None:
    """The smallest and largest values `expr` takes when each dimension ranges over its
    closed interval; None when they cannot be told exactly (symbols, a dimension used
    twice as in `i - i floordiv 2`, a `mod` that wraps around)."""
    if not _uses_dims_once(expr, set()):
        return None
    return _monotone_interval(expr, dims)


def _uses_dims_once(expr: AffineExpr, seen: set[int]) -> bool:
    if isinstance(expr, AffineDimExpr):
        if expr.position in seen:
            return False
        seen.add(expr.position)
    if isinstance(expr, AffineBinaryOpExpr):
        return _uses_dims_once(expr.lhs, seen) and _uses_dims_once(expr.rhs, seen)
    return True


def _monotone_interval(expr: AffineExpr, dims: Sequence[Interval]) -> Interval | None:
    # Each dimension occurs once and every operator is monotone in each operand, so the
    # extremes are reached at corners of the box and combining intervals is exact.
    if isinstance(expr, AffineConstantExpr):
        return expr.value, expr.value
    if isinstance(expr, AffineDimExpr):
        return dims[expr.position]
    if isinstance(expr, AffineSymExpr):
        return None
    assert isinstance(expr, AffineBinaryOpExpr)
    lhs = _monotone_interval(expr.lhs, dims)
    rhs = _monotone_interval(expr.rhs, dims)
    if lhs is None or rhs is None:
        return None
    if expr.kind == AffineBinaryOpKind.Add:
        return lhs[0] + rhs[0], lhs[1] + rhs[1]
    if expr.kind == AffineBinaryOpKind.Mul:
        products = [a * b for a in lhs for b in rhs]
        return min(products), max(products)
    divisor = rhs[0]
    if rhs[0] != rhs[1] or divisor <= 0:
        return None
    if expr.kind == AffineBinaryOpKind.FloorDiv:
        return lhs[0] // divisor, lhs[1] // divisor
    if expr.kind == AffineBinaryOpKind.CeilDiv:
        return -(-lhs[0] // divisor), -(-lhs[1] // divisor)
    if lhs[0] // divisor == lhs[1] // divisor:
        return lhs[0] % divisor, lhs[1] % divisor
    return None


# ---------------------------------------------------------------------------
# ta.comprehension
# ---------------------------------------------------------------------------


def _map_attr(amap: AffineMap | AffineMapAttr) -> AffineMapAttr:
    return amap if isinstance(amap, AffineMapAttr) else AffineMapAttr(amap)


def _remap_symbols(amap: AffineMap, positions: Sequence[int], count: int) -> AffineMap:
    return amap.replace_dims_and_symbols(
        [AffineDimExpr(i) for i in range(amap.num_dims)],
        [AffineSymExpr(p) for p in positions],
        amap.num_dims,
        count,
    )


def _symbols_in_order(exprs: Sequence[AffineExpr]) -> list[int]:
    """Symbol positions in order of first appearance, as the custom syntax prints them."""
    order: list[int] = []

    def visit(expr: AffineExpr) -> None:
        if isinstance(expr, AffineSymExpr):
            if expr.position not in order:
                order.append(expr.position)
        elif isinstance(expr, AffineBinaryOpExpr):
            visit(expr.lhs)
            visit(expr.rhs)

    for expr in exprs:
        visit(expr)
    return order


@irdl_op_definition
class ComprehensionOp(IRDLOperation):
    """One tensor comprehension: `out[output_map(i)] (reduce)= body(in[input_map(i)]...)`
    for every `i` in the box `lower_bounds <= i < upper_bounds`."""

    name = "ta.comprehension"

    inputs = var_operand_def(TensorType)
    init = opt_operand_def(TensorType)
    sizes = var_operand_def(IndexType)
    result = result_def(TensorType)

    indices = prop_def(ArrayAttr[StringAttr])
    lower_bounds = prop_def(AffineMapAttr)
    upper_bounds = prop_def(AffineMapAttr)
    input_maps = prop_def(ArrayAttr[AffineMapAttr])
    output_map = prop_def(AffineMapAttr)
    reduction = prop_def(ReductionKindAttr)
    identity_init = opt_prop_def(UnitAttr)

    body = region_def("single_block")

    irdl_options = (AttrSizedOperandSegments(as_property=True),)
    traits = traits_def(RecursiveMemoryEffect())

    def __init__(
        self,
        *,
        indices: Sequence[str],
        lower_bounds: AffineMap,
        upper_bounds: AffineMap,
        sizes: Sequence[SSAValue | Operation],
        inputs: Sequence[SSAValue | Operation],
        input_maps: Sequence[AffineMap],
        output_map: AffineMap,
        result_type: Attribute,
        body: Region,
        reduction: ReductionKind = ReductionKind.NONE,
        identity_init: bool = False,
        init: SSAValue | Operation | None = None,
    ) -> None:
        # Number the sizes as the custom syntax first mentions them and drop unused ones,
        # so that printing and parsing the op gives back the same op.
        maps = [lower_bounds, upper_bounds, *input_maps, output_map]
        bound_exprs = [
            e for pair in zip(lower_bounds.results, upper_bounds.results, strict=True) for e in pair
        ]
        access_exprs = [e for m in (*input_maps, output_map) for e in m.results]
        order = _symbols_in_order([*bound_exprs, *access_exprs])
        values = [SSAValue.get(sizes[p]) for p in order]
        unique = list(dict.fromkeys(values))
        positions = [0] * len(sizes)
        for new, old in enumerate(order):
            positions[old] = unique.index(values[new])
        lb, ub, *ins, out = (_remap_symbols(m, positions, len(unique)) for m in maps)
        super().__init__(
            operands=[inputs, [init] if init is not None else [], unique],
            result_types=[result_type],
            properties={
                "indices": ArrayAttr(StringAttr(n) for n in indices),
                "lower_bounds": AffineMapAttr(lb),
                "upper_bounds": AffineMapAttr(ub),
                "input_maps": ArrayAttr(AffineMapAttr(m) for m in ins),
                "output_map": AffineMapAttr(out),
                "reduction": ReductionKindAttr(reduction),
                **({"identity_init": UnitAttr()} if identity_init else {}),
            },
            regions=[body],
        )

    # -- accessors -------------------------------------------------------------

    @property
    def index_names(self) -> tuple[str, ...]:
        return tuple(name.data for name in self.indices)

    @property
    def reduction_kind(self) -> ReductionKind:
        return self.reduction.data

    @property
    def has_identity_init(self) -> bool:
        return self.identity_init is not None

    @property
    def output_dims(self) -> tuple[int, ...]:
        """The index variable written to each result dimension."""
        return tuple(cast(AffineDimExpr, e).position for e in self.output_map.data.results)

    @property
    def reduction_dims(self) -> tuple[int, ...]:
        """The index variables that do not appear in the output: TC's reduction indices."""
        written = set(self.output_dims)
        return tuple(i for i in range(len(self.indices)) if i not in written)

    @property
    def yielded(self) -> SSAValue:
        return cast(YieldOp, self.body.block.last_op).value

    def result_size(self, dim: int) -> AffineExpr:
        """The size of result dimension `dim` of a fresh result, over the `sizes` symbols."""
        return self.upper_bounds.data.results[self.output_dims[dim]]

    # -- custom syntax ------------------------------------------------------------

    def print(self, printer: Printer) -> None:
        names = self.index_names
        sizes = list(self.sizes)

        def expr(e: AffineExpr) -> None:
            print_expr_with_names(printer, e, names, sizes)

        def access(value: SSAValue | None, amap: AffineMapAttr) -> None:
            if value is not None:
                printer.print_ssa_value(value)
            printer.print_string("[")
            printer.print_list(amap.data.results, expr)
            printer.print_string("]")

        if self.reduction_kind != ReductionKind.NONE:
            init = ", init" if self.has_identity_init else ""
            printer.print_string(f" reduce({self.reduction_kind}{init})")
        printer.print_string(" (")
        bounds = zip(
            names, self.lower_bounds.data.results, self.upper_bounds.data.results, strict=True
        )

        def bound(item: tuple[str, AffineExpr, AffineExpr]) -> None:
            printer.print_string(f"{item[0]}: ")
            expr(item[1])
            printer.print_string(" to ")
            expr(item[2])

        printer.print_list(bounds, bound)
        printer.print_string(")")
        if self.inputs:
            printer.print_string(" ins(")
            printer.print_list(
                zip(self.inputs, self.input_maps, strict=True), lambda pair: access(*pair)
            )
            printer.print_string(" : ")
            printer.print_list((v.type for v in self.inputs), printer.print_attribute)
            printer.print_string(")")
        if self.init is None:
            printer.print_string(" outs")
            access(None, self.output_map)
        else:
            printer.print_string(" outs(")
            access(self.init, self.output_map)
            printer.print_string(" : ")
            printer.print_attribute(self.init.type)
            printer.print_string(")")
        printer.print_string(" -> ")
        printer.print_attribute(self.result.type)
        printer.print_op_attributes(self.attributes, print_keyword=True)
        printer.print_string(" ")
        printer.print_region(self.body, print_entry_block_args=True)

    @classmethod
    def parse(cls, parser: Parser) -> ComprehensionOp:
        reduction, identity_init = ReductionKind.NONE, False
        if parser.parse_optional_keyword("reduce") is not None:
            parser.parse_punctuation("(")
            reduction = parser.parse_str_enum(ReductionKind)
            identity_init = parser.parse_optional_punctuation(",") is not None
            if identity_init:
                parser.parse_keyword("init")
            parser.parse_punctuation(")")
        exprs = AffineExprParser(parser, bare_ids={}, ssa_ids_are_symbols=True)

        def parse_bound() -> tuple[str, AffineExpr, AffineExpr]:
            name = parser.parse_identifier(" for an index variable")
            parser.parse_punctuation(":")
            lower = exprs.parse_expr()
            parser.parse_keyword("to")
            return name, lower, exprs.parse_expr()

        parser.parse_punctuation("(")
        bounds: list[tuple[str, AffineExpr, AffineExpr]] = []
        if parser.parse_optional_punctuation(")") is None:
            bounds = parser.parse_comma_separated_list(Parser.Delimiter.NONE, parse_bound)
            parser.parse_punctuation(")")
        names = [name for name, _, _ in bounds]
        exprs.bare_ids = {name: AffineDimExpr(i) for i, name in enumerate(names)}

        def parse_access_indices() -> list[AffineExpr]:
            with core_parsing(parser):
                return parser.parse_comma_separated_list(Parser.Delimiter.SQUARE, exprs._parse_expr)

        def parse_access() -> tuple[UnresolvedOperand, list[AffineExpr]]:
            return parser.parse_unresolved_operand(), parse_access_indices()

        inputs: list[SSAValue] = []
        input_exprs: list[list[AffineExpr]] = []
        if parser.parse_optional_keyword("ins") is not None:
            parser.parse_punctuation("(")
            accesses = parser.parse_comma_separated_list(Parser.Delimiter.NONE, parse_access)
            parser.parse_punctuation(":")
            types = parser.parse_comma_separated_list(Parser.Delimiter.NONE, parser.parse_type)
            parser.parse_punctuation(")")
            if len(types) != len(accesses):
                parser.raise_error(f"expected {len(accesses)} input types, got {len(types)}")
            inputs = [
                parser.resolve_operand(a, t) for (a, _), t in zip(accesses, types, strict=True)
            ]
            input_exprs = [e for _, e in accesses]
        parser.parse_keyword("outs")
        init: SSAValue | None = None
        if parser.parse_optional_punctuation("(") is not None:
            init_operand, output_exprs = parse_access()
            parser.parse_punctuation(":")
            init = parser.resolve_operand(init_operand, parser.parse_type())
            parser.parse_punctuation(")")
        else:
            output_exprs = parse_access_indices()
        parser.parse_punctuation("->")
        result_type = parser.parse_type()
        attributes = parser.parse_optional_attr_dict_with_keyword()
        body = parser.parse_region()
        sizes = exprs.resolve()
        n, s = len(names), len(sizes)
        op = cls(
            indices=names,
            lower_bounds=AffineMap(0, s, tuple(lb for _, lb, _ in bounds)),
            upper_bounds=AffineMap(0, s, tuple(ub for _, _, ub in bounds)),
            sizes=sizes,
            inputs=inputs,
            input_maps=[AffineMap(n, s, tuple(e)) for e in input_exprs],
            output_map=AffineMap(n, s, tuple(output_exprs)),
            result_type=result_type,
            body=body,
            reduction=reduction,
            identity_init=identity_init,
            init=init,
        )
        if attributes is not None:
            op.attributes |= attributes.data
        return op

    # -- verification -------------------------------------------------------------

    def verify_(self) -> None:
        names = self.index_names
        n, s = len(names), len(self.sizes)
        for i, name in enumerate(names):
            if not name:
                raise VerifyException(f"index variable #{i} has an empty name")
            if name in names[:i]:
                raise VerifyException(f"index variable '{name}' is declared twice")
        for which, bound_map in (("lower", self.lower_bounds), ("upper", self.upper_bounds)):
            amap = bound_map.data
            if amap.num_dims != 0 or amap.num_symbols != s or len(amap.results) != n:
                raise VerifyException(
                    f"{which} bounds must map {s} sizes to {n} bounds, one per index "
                    f"variable, with no dimensions, got {amap}"
                )
        if len(self.input_maps) != len(self.inputs):
            raise VerifyException(
                f"expected {len(self.inputs)} input maps, one per input, got {len(self.input_maps)}"
            )
        for i, (value, amap) in enumerate(zip(self.inputs, self.input_maps, strict=True)):
            self._verify_access(f"input #{i}", amap.data, cast(TensorType, value.type))
        result_type = cast(TensorType[Attribute], self.result.type)
        self._verify_access("the result", self.output_map.data, result_type)
        written = self.output_map.data.results
        for k, e in enumerate(written):
            if not isinstance(e, AffineDimExpr):
                raise VerifyException(
                    f"dimension {k} of the result must be written at an index variable, "
                    "not an expression"
                )
            if e in written[:k]:
                raise VerifyException(
                    f"index variable '{names[e.position]}' writes two dimensions of the result"
                )
        if self.init is not None and self.init.type != result_type:
            raise VerifyException(
                f"init type {self.init.type} does not match the result type {result_type}"
            )
        self._verify_reduction()
        self._verify_body()
        self._verify_static_bounds()

    def _verify_access(self, what: str, amap: AffineMap, tensor: TensorType) -> None:
        n, s = len(self.indices), len(self.sizes)
        if amap.num_dims != n or amap.num_symbols != s:
            raise VerifyException(
                f"the access map of {what} must have {n} dimensions (the index variables) "
                f"and {s} symbols (the sizes), got {amap}"
            )
        if len(amap.results) != tensor.get_num_dims():
            raise VerifyException(
                f"the access map of {what} has {len(amap.results)} results but its type "
                f"{tensor} has rank {tensor.get_num_dims()}"
            )

    def _verify_reduction(self) -> None:
        kind = self.reduction_kind
        reducing = self.reduction_dims
        if kind == ReductionKind.NONE:
            if reducing:
                raise VerifyException(
                    f"index variable '{self.index_names[reducing[0]]}' is not written to the "
                    "result, so the comprehension must reduce over it"
                )
            if self.has_identity_init:
                raise VerifyException("'init' (TC's '!') needs a reduction")
            return
        if not self.has_identity_init and self.init is None:
            raise VerifyException(
                f"reduce({kind}) without 'init' needs an outs tensor to accumulate into"
            )

    def _verify_body(self) -> None:
        block = self.body.block
        element_types = [cast(TensorType, v.type).get_element_type() for v in self.inputs]
        arg_types = [arg.type for arg in block.args]
        if arg_types != element_types:
            raise VerifyException(
                "the body's arguments must be the element types of the inputs "
                f"({', '.join(map(str, element_types)) or 'none'}), got "
                f"({', '.join(map(str, arg_types)) or 'none'})"
            )
        if not isinstance(block.last_op, YieldOp):
            raise VerifyException("the body must end with 'ta.yield'")
        result_element = cast(TensorType, self.result.type).get_element_type()
        if self.yielded.type != result_element:
            raise VerifyException(
                f"the body yields {self.yielded.type} but the result has elements of type "
                f"{result_element}"
            )

    def _verify_static_bounds(self) -> None:
        """With constant bounds and static shapes, every access must stay in bounds."""
        lower = [_interval(e, []) for e in self.lower_bounds.data.results]
        upper = [_interval(e, []) for e in self.upper_bounds.data.results]
        if any(b is None for b in (*lower, *upper)):
            return
        box = [
            (cast(Interval, lb)[0], cast(Interval, ub)[0] - 1)
            for lb, ub in zip(lower, upper, strict=True)
        ]
        if any(lo > hi for lo, hi in box):
            return
        accesses = [
            (f"input #{i}", v.type, m.data)
            for i, (v, m) in enumerate(zip(self.inputs, self.input_maps, strict=True))
        ]
        accesses.append(("the result", self.result.type, self.output_map.data))
        for what, tensor_type, amap in accesses:
            shape = cast(TensorType, tensor_type).get_shape()
            for dim, (e, size) in enumerate(zip(amap.results, shape, strict=True)):
                span = _interval(e, box)
                if size < 0 or span is None or (span[0] >= 0 and span[1] < size):
                    continue
                expr_text = affine_expr_to_str(e, self.index_names)
                raise VerifyException(
                    f"access out of bounds: dimension {dim} of {what} is indexed by "
                    f"'{expr_text}', which ranges over [{span[0]}, {span[1]}], but its size "
                    f"is {size}"
                )


# ---------------------------------------------------------------------------
# ta.yield and ta.index
# ---------------------------------------------------------------------------


@irdl_op_definition
class YieldOp(IRDLOperation):
    """Ends a comprehension's body with the value computed at one point."""

    name = "ta.yield"

    value = operand_def()

    traits = lazy_traits_def(lambda: (IsTerminator(), Pure(), HasParent(ComprehensionOp)))

    assembly_format = "$value attr-dict `:` type($value)"

    def __init__(self, value: SSAValue | Operation) -> None:
        super().__init__(operands=[value])


@irdl_op_definition
class IndexOp(IRDLOperation):
    """The value of one index variable of the enclosing comprehension, as `linalg.index`."""

    name = "ta.index"

    dim = prop_def(IntegerAttr[I64])
    result = result_def(IndexType)

    traits = traits_def(Pure())

    assembly_format = "$dim attr-dict `:` type($result)"

    def __init__(self, dim: int) -> None:
        super().__init__(
            properties={"dim": IntegerAttr(dim, IntegerType(64))}, result_types=[IndexType()]
        )

    @property
    def dim_value(self) -> int:
        return self.dim.value.data

    def verify_(self) -> None:
        parent = self.parent_op()
        while parent is not None and not isinstance(parent, ComprehensionOp):
            parent = parent.parent_op()
        if parent is None:
            raise VerifyException("must be nested in a 'ta.comprehension'")
        if not 0 <= self.dim_value < len(parent.indices):
            raise VerifyException(
                f"index {self.dim_value} is out of range: the comprehension has "
                f"{len(parent.indices)} index variables"
            )


def comprehension_body(input_types: Sequence[Attribute]) -> tuple[Region, Block]:
    """An empty body for a comprehension reading elements of these types."""
    block = Block(arg_types=[cast(TensorType, t).get_element_type() for t in input_types])
    return Region(block), block


Ta = Dialect("ta", [ComprehensionOp, YieldOp, IndexOp], [ReductionKindAttr])

__all__ = [
    "ComprehensionOp",
    "IndexOp",
    "ReductionKind",
    "ReductionKindAttr",
    "Ta",
    "YieldOp",
    "comprehension_body",
    "reduction_identity",
]
