"""MLIR 22's `affine` dialect for irkit, written with xDSL's IRDL.

The ops, their properties, custom syntax, generic form and verifier messages follow
MLIR 22 (`mlir/lib/Dialect/Affine/IR/AffineOps.cpp` and `AffineOps.td`):

* custom syntax prints and parses exactly what `mlir-opt` prints;
* the generic form uses MLIR's property names (`lowerBoundMap`, `condition`, `map`, ...);
* in the `[...]` index lists of load/store-like ops a bare `%x` is a dimension and
  `symbol(%x)` a symbol, as in MLIR's `parseAffineMapOfSSAIds`;
* dimension/symbol validity follows MLIR's `isValidDim`/`isValidSymbol` rules, with
  `AffineScope` ops delimiting the polyhedral scopes.

A `VerifyException` raised by an op's verifier carries MLIR's message without the
`'<op-name>' op ` prefix; `UnprefixedVerifyException` marks the one message MLIR emits
without that prefix (`emitError` rather than `emitOpError`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from xdsl.dialects import memref
from xdsl.dialects.builtin import (
    DYNAMIC_INDEX,
    AffineMapAttr,
    AffineSetAttr,
    AnyFloat,
    ArrayAttr,
    BoolAttr,
    DenseArrayBase,
    DenseIntOrFPElementsAttr,
    IndexType,
    IntegerAttr,
    IntegerType,
    MemRefType,
    Signedness,
    TensorType,
    UnitAttr,
    UnrankedMemRefType,
    UnregisteredOp,
    VectorType,
    i32,
    i64,
)
from xdsl.ir import (
    Attribute,
    Block,
    BlockArgument,
    Dialect,
    Operation,
    OpResult,
    Region,
    SSAValue,
    TypeAttribute,
)
from xdsl.ir.affine import (
    AffineConstantExpr,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSet,
    AffineSymExpr,
)
from xdsl.irdl import (
    AnyAttr,
    AttrSizedOperandSegments,
    IRDLOperation,
    irdl_op_definition,
    lazy_traits_def,
    operand_def,
    opt_attr_def,
    opt_prop_def,
    region_def,
    result_def,
    traits_def,
    var_operand_def,
    var_result_def,
)
from xdsl.parser import Parser, UnresolvedOperand
from xdsl.printer import Printer
from xdsl.traits import (
    ConditionallySpeculatable,
    ConstantLike,
    EffectInstance,
    HasParent,
    IsolatedFromAbove,
    IsTerminator,
    MemoryEffect,
    MemoryEffectKind,
    OpTrait,
    Pure,
    RecursivelySpeculatable,
    RecursiveMemoryEffect,
    ReturnLike,
    SingleBlockImplicitTerminator,
    is_side_effect_free,
    is_speculatable,
)
from xdsl.utils.exceptions import VerifyException
from xdsl.utils.hints import isa
from xdsl.utils.lexer import Position

from irkit.affine_syntax import (
    AffineExprParser,
    parse_map_of_ssa_ids,
    print_expr_of_ssa_ids,
    print_map_attr,
    print_map_of_ssa_ids,
    print_set_attr,
    replace_dims_and_symbols,
)
from irkit.diagnostics import NotedVerifyException, OpNote, UnprefixedVerifyException
from irkit.parsing import op_name_position

__all__ = [
    "Affine",
    "AffineScope",
    "ApplyOp",
    "AtomicRMWKind",
    "DelinearizeIndexOp",
    "DmaStartOp",
    "DmaWaitOp",
    "ForOp",
    "IfOp",
    "LinearizeIndexOp",
    "LoadOp",
    "MaxOp",
    "MinOp",
    "ParallelOp",
    "PrefetchOp",
    "StoreOp",
    "VectorLoadOp",
    "VectorStoreOp",
    "YieldOp",
    "get_affine_scope",
    "is_affine_for_induction_var",
    "is_affine_induction_var",
    "is_affine_parallel_induction_var",
    "is_affine_scope",
    "is_top_level_value",
    "is_valid_dim",
    "is_valid_symbol",
]

K_DYNAMIC = -(2**63)
"""MLIR's `ShapedType::kDynamic`, the static-basis marker of a dynamic basis entry."""


# ---------------------------------------------------------------------------
# Affine scopes and the dimension/symbol rules
# ---------------------------------------------------------------------------


class AffineScope(OpTrait):
    """MLIR's `AffineScope`: the op's regions start a new polyhedral scope, in which
    top-level index values are valid symbols.

    Ops defined elsewhere cannot carry this trait, so `is_affine_scope` also knows the
    upstream ops that MLIR 22 marks `AffineScope`."""


AFFINE_SCOPE_OP_NAMES = frozenset(
    {
        "builtin.module",
        "func.func",
        "gpu.func",
        "gpu.launch",
        "llvm.func",
        "shape.func",
        "shape.function_library",
        "wasmssa.func",
        "wasmssa.global",
    }
)
"""The ops that have the `AffineScope` trait in MLIR 22's own dialects."""


def _op_name(op: Operation) -> str:
    if isinstance(op, UnregisteredOp):
        return op.op_name.data
    return op.name


def is_affine_scope(op: Operation) -> bool:
    """Whether `op` has MLIR's `AffineScope` trait."""
    return op.has_trait(AffineScope) or _op_name(op) in AFFINE_SCOPE_OP_NAMES


def _is_index(value: SSAValue) -> bool:
    return isinstance(value.type, IndexType)


def get_affine_scope(op: Operation) -> Region | None:
    """The closest region around `op` held by an `AffineScope` op (MLIR's
    `getAffineScope`), or None."""
    current = op
    while (parent := current.parent_op()) is not None:
        if is_affine_scope(parent):
            return current.parent_region()
        current = parent
    return None


def is_top_level_value(value: SSAValue, region: Region | None = None) -> bool:
    """MLIR's `isTopLevelValue`: without `region`, whether the value is defined at the
    top level of an `AffineScope` op; with it, whether it is defined at the top level
    of `region` or is one of its arguments."""
    if region is not None:
        if isinstance(value, BlockArgument):
            return value.block.parent is region
        assert isinstance(value, OpResult)
        return value.op.parent_region() is region
    if isinstance(value, BlockArgument):
        parent = value.block.parent_op()
    else:
        assert isinstance(value, OpResult)
        parent = value.op.parent_op()
    return parent is not None and is_affine_scope(parent)


def is_affine_for_induction_var(value: SSAValue) -> bool:
    """Whether `value` is the induction variable of an `affine.for`."""
    if not isinstance(value, BlockArgument):
        return False
    owner = value.block.parent_op()
    return isinstance(owner, ForOp) and owner.body.blocks.first is value.block and value.index == 0


def is_affine_parallel_induction_var(value: SSAValue) -> bool:
    """Whether `value` is an induction variable of an `affine.parallel`."""
    if not isinstance(value, BlockArgument):
        return False
    owner = value.block.parent_op()
    return isinstance(owner, ParallelOp) and owner.body.blocks.first is value.block


def is_affine_induction_var(value: SSAValue) -> bool:
    """Whether `value` is an `affine.for` or `affine.parallel` induction variable."""
    return is_affine_for_induction_var(value) or is_affine_parallel_induction_var(value)


class _NoRegion:
    """Marks the one-argument forms of `is_valid_dim`/`is_valid_symbol`."""


_UNSET = _NoRegion()


def _is_isolated(op: Operation) -> bool:
    return op.has_trait(IsolatedFromAbove)


def _dominating_region(region: Region | None) -> Region | None:
    """The region in which values dominating `region`'s parent op are looked up."""
    region_op = region.parent if region is not None else None
    if region_op is None or _is_isolated(region_op):
        return None
    return region_op.parent_region()


def _constant_int(value: SSAValue) -> int | None:
    if not isinstance(value, OpResult) or not value.op.has_trait(ConstantLike):
        return None
    attr = value.op.properties.get("value", value.op.attributes.get("value"))
    if isinstance(attr, IntegerAttr):
        return cast(IntegerAttr, attr).value.data
    return None


def _is_pure(op: Operation) -> bool:
    return is_speculatable(op) and is_side_effect_free(op)


_DIM_OP_NAMES = ("memref.dim", "tensor.dim")


def _is_dim_op(op: Operation) -> bool:
    return _op_name(op) in _DIM_OP_NAMES and len(op.operands) == 2


def _is_memref_size_valid_symbol(op: Operation, index: int, region: Region | None) -> bool:
    result_type = op.results[0].type if op.results else None
    if not isinstance(result_type, MemRefType):
        return False
    shape = result_type.get_shape()
    if index < 0 or index >= len(shape):
        return False
    if shape[index] != DYNAMIC_INDEX:
        return True
    if isinstance(op, memref.AllocOp):
        sizes = op.dynamic_sizes
    elif isinstance(op, memref.SubviewOp | memref.ViewOp):
        sizes = op.sizes
    else:
        return False
    position = sum(1 for dim in shape[:index] if dim == DYNAMIC_INDEX)
    return position < len(sizes) and is_valid_symbol(sizes[position], region)


def _is_dim_op_valid_symbol(dim_op: Operation, region: Region | None) -> bool:
    shaped = dim_op.operands[0]
    if is_top_level_value(shaped):
        return True
    if isinstance(shaped, BlockArgument):
        return False
    index = _constant_int(dim_op.operands[1])
    if index is None:
        return False
    assert isinstance(shaped, OpResult)
    source_op: Operation = shaped.op
    # Look through memref.cast, as MLIR does.
    while isinstance(source_op, memref.CastOp):
        if isinstance(source_op.source.type, UnrankedMemRefType):
            return False
        if not isinstance(source_op.source, OpResult):
            return False
        source_op = source_op.source.op
    if isinstance(source_op, memref.AllocOp | memref.SubviewOp | memref.ViewOp):
        return _is_memref_size_valid_symbol(source_op, index, region)
    return False


def is_valid_symbol(value: SSAValue, region: Region | _NoRegion | None = _UNSET) -> bool:
    """MLIR's `isValidSymbol`.

    Without `region`: the value is an index that is a top-level value of an affine
    scope, or a valid symbol of the scope around its definition. With `region` (which
    may be None for "no scope"): the value is a valid symbol for uses in `region`:
    a top-level value or argument of `region`, a constant, the result of a pure op
    whose operands are valid symbols, a `dim` of a suitable memref, or a value that
    dominates `region`'s parent op (when that op is not isolated from above) and is
    a valid symbol there."""
    if not _is_index(value):
        return False
    if isinstance(region, _NoRegion):
        if is_top_level_value(value):
            return True
        if isinstance(value, OpResult):
            return is_valid_symbol(value, get_affine_scope(value.op))
        return False
    if region is not None and is_top_level_value(value, region):
        return True
    if isinstance(value, OpResult):
        def_op = value.op
        if def_op.has_trait(ConstantLike):
            return True
        if _is_pure(def_op) and all(is_valid_symbol(o, region) for o in def_op.operands):
            return True
        if _is_dim_op(def_op):
            return _is_dim_op_valid_symbol(def_op, region)
    if (outer := _dominating_region(region)) is not None:
        return is_valid_symbol(value, outer)
    return False


def is_valid_dim(value: SSAValue, region: Region | _NoRegion | None = _UNSET) -> bool:
    """MLIR's `isValidDim`: a valid symbol, an `affine.for`/`affine.parallel` induction
    variable, the result of an `affine.apply`, `affine.linearize_index` or
    `affine.delinearize_index` whose operands are valid dimensions, or a `dim` of a
    top-level memref. See `is_valid_symbol` for the meaning of `region`."""
    if not _is_index(value):
        return False
    if isinstance(region, _NoRegion):
        if isinstance(value, OpResult):
            return is_valid_dim(value, get_affine_scope(value.op))
        if is_affine_induction_var(value):
            return True
        assert isinstance(value, BlockArgument)
        parent = value.block.parent_op()
        return parent is not None and is_affine_scope(parent)
    if is_valid_symbol(value, region):
        return True
    if isinstance(value, BlockArgument):
        return is_affine_induction_var(value)
    assert isinstance(value, OpResult)
    def_op = value.op
    if isinstance(def_op, ApplyOp | LinearizeIndexOp | DelinearizeIndexOp):
        return all(is_valid_dim(o, region) for o in def_op.operands)
    if _is_dim_op(def_op):
        return is_top_level_value(def_op.operands[0])
    return False


def _is_valid_affine_index_operand(value: SSAValue, region: Region | None) -> bool:
    return is_valid_dim(value, region) or is_valid_symbol(value, region)


def _verify_dims_and_symbols(op: Operation, operands: Sequence[SSAValue], num_dims: int) -> None:
    """MLIR's `verifyDimAndSymbolIdentifiers`."""
    scope = get_affine_scope(op)
    for position, operand in enumerate(operands):
        if position < num_dims:
            if not is_valid_dim(operand, scope):
                raise VerifyException("operand cannot be used as a dimension id")
        elif not is_valid_symbol(operand, scope):
            raise VerifyException("operand cannot be used as a symbol")


# ---------------------------------------------------------------------------
# Verification helpers with MLIR's ODS wording
# ---------------------------------------------------------------------------


def _type_str(attr: Attribute) -> str:
    return str(attr)


def _is_memref(t: Attribute) -> bool:
    return isinstance(t, MemRefType)


def _is_vector(t: Attribute) -> bool:
    return isinstance(t, VectorType) and len(t.get_shape()) > 0


def _is_index_type(t: Attribute) -> bool:
    return isinstance(t, IndexType)


def _any_type(t: Attribute) -> bool:
    return True


_OperandSpec = tuple[Sequence[SSAValue], Callable[[Attribute], bool], str]


def _check_values(kind: str, groups: Sequence[_OperandSpec]) -> None:
    """ODS's `<kind> #<i> must be <description>, but got '<type>'`."""
    position = 0
    for values, accepts, description in groups:
        for value in values:
            if not accepts(value.type):
                raise VerifyException(
                    f"{kind} #{position} must be {description}, but got '{_type_str(value.type)}'"
                )
            position += 1


def _require(op: Operation, name: str, accepts: type[Attribute], description: str) -> None:
    """ODS's checks of a required property (`requires attribute`) and its kind."""
    attr = op.properties.get(name)
    if attr is None:
        raise VerifyException(f"requires attribute '{name}'")
    if not isinstance(attr, accepts):
        raise VerifyException(f"attribute '{name}' failed to satisfy constraint: {description}")


def _check_segments(op: Operation, count: int) -> None:
    """ODS's `AttrSizedOperandSegments` check."""
    sizes = op.properties.get("operandSegmentSizes")
    if not isinstance(sizes, DenseArrayBase):
        raise VerifyException("requires attribute 'operandSegmentSizes'")
    values = cast(DenseArrayBase[IntegerType], sizes).get_values()
    if len(values) != count:
        raise VerifyException(
            f"'operandSegmentSizes' attribute for specifying operand segments must have "
            f"{count} elements, but got {len(values)}"
        )
    if sum(values) != len(op.operands):
        raise VerifyException(
            f"operand count ({len(op.operands)}) does not match with the total size "
            f"({sum(values)}) specified in attribute 'operandSegmentSizes'"
        )


def _check_single_block_regions(op: Operation) -> None:
    """MLIR's `SingleBlock` trait."""
    for index, region in enumerate(op.regions):
        if not region.blocks:
            continue
        if len(region.blocks) > 1:
            raise VerifyException(f"expects region #{index} to have 0 or 1 blocks")
        block = region.blocks.first
        if block is not None and block.first_op is None:
            raise VerifyException("expects a non-empty block")


def _check_sized_region(region: Region, index: int, name: str) -> None:
    """ODS's `SizedRegion<1>` constraint."""
    if len(region.blocks) != 1:
        raise VerifyException(
            f"region #{index} ('{name}') failed to verify constraint: region with 1 blocks"
        )


def _subtree_fails(op: Operation) -> bool:
    """Whether an op nested in `op` fails to verify.

    MLIR runs region verifiers after the nested ops; irkit's driver verifies in
    pre-order, so a region-level error is only raised once the nested ops verify."""
    for nested in op.walk():
        if nested is op:
            continue
        try:
            nested.verify(verify_nested_ops=False)
        except VerifyException:
            return True
    return False


def _raise_after_nested(op: Operation, message: str, notes: Sequence[OpNote] = ()) -> None:
    if not _subtree_fails(op):
        raise NotedVerifyException(message, notes) if notes else VerifyException(message)


def _check_terminators(op: Operation) -> None:
    """The region part of MLIR's `SingleBlockImplicitTerminator<"AffineYieldOp">`."""
    for region in op.regions:
        block = region.blocks.first
        if block is None or block.last_op is None:
            continue
        last = block.last_op
        if not isinstance(last, YieldOp):
            _raise_after_nested(
                op,
                f"expects regions to end with 'affine.yield', found '{_op_name(last)}'",
            )


def _ensure_terminator(region: Region) -> None:
    """MLIR's `ensureTerminator` for an `affine.yield`-terminated region."""
    if not region.blocks:
        region.add_block(Block())
    block = region.blocks.last
    assert block is not None
    last = block.last_op
    if last is None or not last.has_trait(IsTerminator, value_if_unregistered=False):
        block.add_op(YieldOp())


@dataclass(frozen=True)
class _ImplicitAffineTerminator(SingleBlockImplicitTerminator):
    """MLIR's `ImplicitAffineTerminator`; its checks run in the ops' verifiers so that
    they use MLIR's wording and order."""

    def verify(self, op: Operation) -> None:
        return


@dataclass(frozen=True, init=False)
class _YieldParent(HasParent):
    """`HasParent` with MLIR's message for `affine.yield`."""

    def verify(self, op: Operation) -> None:
        parent = op.parent_op()
        if parent is not None and not isinstance(parent, self.op_types):
            raise VerifyException("only terminates affine.if/for/parallel regions")


class _ForSpeculatable(ConditionallySpeculatable):
    """`affine.for` is speculatable like its body only when its step is 1."""

    @classmethod
    def is_speculatable(cls, op: Operation) -> bool:
        return (
            isinstance(op, ForOp)
            and op.step_value == 1
            and RecursivelySpeculatable.is_speculatable(op)
        )


class _ReadsMemRef(MemoryEffect):
    """Reads the op's `memref` operand."""

    @classmethod
    def get_effects(cls, op: Operation) -> set[EffectInstance]:
        return {EffectInstance(MemoryEffectKind.READ, cast(_MemRefAccess, op).accessed_memref)}


class _WritesMemRef(MemoryEffect):
    """Writes the op's `memref` operand."""

    @classmethod
    def get_effects(cls, op: Operation) -> set[EffectInstance]:
        return {EffectInstance(MemoryEffectKind.WRITE, cast(_MemRefAccess, op).accessed_memref)}


class _AffineOp(IRDLOperation):
    """Shared behaviour of the affine ops.

    `_verify_invariants` holds the checks that MLIR runs before the nested ops (ODS
    constraints, structural traits and `verify()`), with MLIR's wording."""

    def _verify_invariants(self) -> None:
        return

    def verify(self, verify_nested_ops: bool = True) -> None:
        self._verify_invariants()
        super().verify(verify_nested_ops)


class _MemRefAccess(_AffineOp):
    """Ops accessing their `memref` operand through `map` applied to `indices`."""

    if TYPE_CHECKING:
        # Defined by each op with `operand_def`; declared here for type checkers only.
        memref: SSAValue
        indices: Sequence[SSAValue]

    @property
    def affine_map(self) -> AffineMap:
        return cast(AffineMapAttr, self.properties["map"]).data

    @property
    def accessed_memref(self) -> SSAValue:
        return cast(SSAValue, self.memref)

    @property
    def map_operands(self) -> Sequence[SSAValue]:
        return cast(Sequence[SSAValue], self.indices)


def _identity_map_for(memref_value: SSAValue) -> AffineMapAttr:
    memref_type = memref_value.type
    if not isinstance(memref_type, MemRefType):
        raise ValueError("expected a value of memref type")
    rank = len(memref_type.get_shape())
    return AffineMapAttr(AffineMap.identity(rank) if rank else AffineMap.empty())


def _as_map_attr(amap: AffineMap | AffineMapAttr) -> AffineMapAttr:
    return amap if isinstance(amap, AffineMapAttr) else AffineMapAttr(amap)


def _parse_dim_and_symbol_list(parser: Parser) -> tuple[list[UnresolvedOperand], int]:
    """MLIR's `parseDimAndSymbolList`: `(dims)` then an optional `[symbols]`."""
    dims = parser.parse_comma_separated_list(
        Parser.Delimiter.PAREN, parser.parse_unresolved_operand, " in operand list"
    )
    syms = parser.parse_optional_comma_separated_list(
        Parser.Delimiter.SQUARE, parser.parse_unresolved_operand, " in operand list"
    )
    return [*dims, *(syms or ())], len(dims)


def _print_dim_and_symbol_list(
    printer: Printer, operands: Sequence[SSAValue], num_dims: int
) -> None:
    printer.print_string("(")
    printer.print_list(operands[:num_dims], printer.print_ssa_value)
    printer.print_string(")")
    if len(operands) > num_dims:
        printer.print_string("[")
        printer.print_list(operands[num_dims:], printer.print_ssa_value)
        printer.print_string("]")


def _resolve_indices(parser: Parser, operands: Sequence[UnresolvedOperand]) -> list[SSAValue]:
    return [parser.resolve_operand(o, IndexType()) for o in operands]


def _parse_map_attr(parser: Parser) -> AffineMapAttr:
    pos = parser.pos
    attr = parser.parse_attribute()
    if not isinstance(attr, AffineMapAttr):
        parser.raise_error("invalid kind of attribute specified", pos)
    return attr


_TypeT = TypeVar("_TypeT", bound=TypeAttribute)


def _parse_type_of_kind(parser: Parser, kind: type[_TypeT], pos: Position) -> _TypeT:
    """MLIR's `parseType<T>` for a builtin type kind: a type of another kind is reported
    at `pos`, with the kind's MLIR name (`builtin.memref`) and the type found."""
    parsed = parser.parse_type()
    if not isinstance(parsed, kind):
        parser.raise_error(
            f"invalid kind of type specified: expected builtin.{kind.name}, but found "
            f"'{_type_str(parsed)}'",
            pos,
        )
    return parsed


def _print_attr_dict(printer: Printer, op: Operation) -> None:
    printer.print_op_attributes(op.attributes)


def _parse_arrow_type_list(parser: Parser, optional: bool) -> list[Attribute]:
    """MLIR's `parse(Optional)ArrowTypeList`: `-> type` or `-> (types)`."""
    if not optional:
        parser.parse_punctuation("->")
    elif parser.parse_optional_punctuation("->") is None:
        return []
    if parser.parse_optional_punctuation("(") is not None:
        if parser.parse_optional_punctuation(")") is not None:
            return []
        types = parser.parse_comma_separated_list(Parser.Delimiter.NONE, parser.parse_type)
        parser.parse_punctuation(")")
        return list(types)
    return [parser.parse_type()]


def _print_arrow_type_list(printer: Printer, types: Sequence[Attribute]) -> None:
    """MLIR's `printOptionalArrowTypeList`."""
    if not types:
        return
    printer.print_string(" -> ")
    if len(types) == 1:
        printer.print_attribute(types[0])
        return
    printer.print_string("(")
    printer.print_list(types, printer.print_attribute)
    printer.print_string(")")


# ---------------------------------------------------------------------------
# affine.yield
# ---------------------------------------------------------------------------


@irdl_op_definition
class YieldOp(_AffineOp):
    """`affine.yield`: terminates the regions of `affine.for`, `affine.if` and
    `affine.parallel`, passing values to the parent's results or next iteration."""

    name = "affine.yield"

    arguments = var_operand_def()

    traits = lazy_traits_def(
        lambda: (IsTerminator(), ReturnLike(), Pure(), _YieldParent(ForOp, IfOp, ParallelOp))
    )

    assembly_format = "attr-dict ($arguments^ `:` type($arguments))?"

    def __init__(self, *values: SSAValue | Operation) -> None:
        super().__init__(operands=[[SSAValue.get(v) for v in values]])

    @staticmethod
    def get(*values: SSAValue | Operation) -> YieldOp:
        return YieldOp(*values)

    def _verify_invariants(self) -> None:
        block = self.parent_block()
        if block is None or block.last_op is not self:
            raise VerifyException("must be the last operation in the parent block")

    def verify_(self) -> None:
        parent = self.parent_op()
        if parent is None:
            return
        if len(parent.results) != len(self.arguments):
            raise VerifyException(
                "parent of yield must have same number of results as the yield operands"
            )
        for result, operand in zip(parent.results, self.arguments, strict=True):
            if result.type != operand.type:
                raise VerifyException("types mismatch between yield op and its parent")


# ---------------------------------------------------------------------------
# affine.apply / affine.min / affine.max
# ---------------------------------------------------------------------------


class _IndexMapOp(_AffineOp):
    """Shared definition of the ops that apply `map` to index operands (dimensions
    first, then symbols) and produce one index: apply, min and max."""

    mapOperands = var_operand_def(IndexType)
    map = opt_prop_def(AffineMapAttr)
    result = result_def(IndexType)

    traits = traits_def(Pure())

    def __init__(
        self,
        map_operands: Sequence[SSAValue | Operation],
        affine_map: AffineMap | AffineMapAttr,
    ) -> None:
        super().__init__(
            operands=[list(map_operands)],
            properties={"map": _as_map_attr(affine_map)},
            result_types=[IndexType()],
        )

    @property
    def affine_map(self) -> AffineMap:
        return cast(AffineMapAttr, self.map).data

    @classmethod
    def _parse_parts(
        cls, parser: Parser
    ) -> tuple[AffineMapAttr, list[UnresolvedOperand], int, dict[str, Attribute]]:
        map_attr = _parse_map_attr(parser)
        operands, num_dims = _parse_dim_and_symbol_list(parser)
        return map_attr, operands, num_dims, parser.parse_optional_attr_dict()

    @classmethod
    def parse(cls, parser: Parser) -> _IndexMapOp:
        map_attr, operands, _, attributes = cls._parse_parts(parser)
        return cls._build(parser, map_attr, operands, attributes)

    @classmethod
    def _build(
        cls,
        parser: Parser,
        map_attr: AffineMapAttr,
        operands: list[UnresolvedOperand],
        attributes: dict[str, Attribute],
    ) -> _IndexMapOp:
        op = cls(_resolve_indices(parser, operands), map_attr)
        op.attributes |= attributes
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        print_map_attr(printer, cast(AffineMapAttr, self.map))
        _print_dim_and_symbol_list(printer, self.mapOperands, self.affine_map.num_dims)
        _print_attr_dict(printer, self)

    def _verify_invariants(self) -> None:
        _require(self, "map", AffineMapAttr, "AffineMap attribute")
        _check_values("operand", [(self.mapOperands, _is_index_type, "variadic of index")])
        _check_values("result", [(self.results, _is_index_type, "index")])

    def verify_(self) -> None:
        amap = self.affine_map
        if len(self.mapOperands) != amap.num_dims + amap.num_symbols:
            raise VerifyException(
                "operand count and affine map dimension and symbol count must match"
            )


@irdl_op_definition
class ApplyOp(_IndexMapOp):
    """`affine.apply`: applies a single-result affine map to index operands (dimensions
    first, then symbols), e.g. `%1 = affine.apply #map(%i)[%n]`."""

    name = "affine.apply"

    @classmethod
    def parse(cls, parser: Parser) -> _IndexMapOp:
        map_attr, operands, num_dims, attributes = cls._parse_parts(parser)
        amap = map_attr.data
        if amap.num_dims != num_dims or num_dims + amap.num_symbols != len(operands):
            parser.raise_error("dimension or symbol index mismatch", op_name_position(parser))
        return cls._build(parser, map_attr, operands, attributes)

    def verify_(self) -> None:
        super().verify_()
        amap = self.affine_map
        if len(amap.results) != 1:
            raise VerifyException("mapping must produce one value")
        scope = get_affine_scope(self)
        for operand in self.mapOperands[amap.num_dims :]:
            if is_valid_dim(operand, scope) and not is_valid_symbol(operand, scope):
                raise UnprefixedVerifyException("dimensional operand cannot be used as a symbol")


class _MinMaxOp(_IndexMapOp):
    """Shared definition of `affine.min` and `affine.max`."""

    def verify_(self) -> None:
        super().verify_()
        if not self.affine_map.results:
            raise VerifyException("affine map expect at least one result")


@irdl_op_definition
class MinOp(_MinMaxOp):
    """`affine.min`: the minimum of the results of an affine map applied to index
    operands, e.g. `%0 = affine.min #map(%i)[%n]`."""

    name = "affine.min"


@irdl_op_definition
class MaxOp(_MinMaxOp):
    """`affine.max`: the maximum of the results of an affine map applied to index
    operands, e.g. `%0 = affine.max #map(%i)[%n]`."""

    name = "affine.max"


# ---------------------------------------------------------------------------
# affine.for
# ---------------------------------------------------------------------------


def _parse_for_bound(parser: Parser, is_lower: bool) -> tuple[AffineMapAttr, list[SSAValue]]:
    """MLIR's `parseBound` for `affine.for`."""
    keyword = "max" if is_lower else "min"
    has_min_max = parser.parse_optional_keyword(keyword) is not None
    name_pos = op_name_position(parser)
    if (operand := parser.parse_optional_unresolved_operand()) is not None:
        if parser.parse_optional_punctuation(",") is not None:
            parser.raise_error("expected only one loop bound operand", name_pos)
        value = parser.resolve_operand(operand, IndexType())
        return AffineMapAttr(AffineMap(0, 1, (AffineSymExpr(0),))), [value]
    attr_pos = parser.pos
    if (value := parser.parse_optional_integer(allow_boolean=False)) is not None:
        return AffineMapAttr(AffineMap.constant_map(value)), []
    attr = parser.parse_attribute()
    if not isinstance(attr, AffineMapAttr):
        parser.raise_error("expected valid affine map representation for loop bounds", name_pos)
    operands, num_dims = _parse_dim_and_symbol_list(parser)
    amap = attr.data
    if amap.num_dims != num_dims:
        parser.raise_error("dim operand count and affine map dim count must match", name_pos)
    if num_dims + amap.num_symbols != len(operands):
        parser.raise_error("symbol operand count and affine map symbol count must match", name_pos)
    if len(amap.results) > 1 and not has_min_max:
        bound = "lower" if is_lower else "upper"
        parser.raise_error(
            f"{bound} loop bound affine map with multiple results requires '{keyword}' prefix",
            attr_pos,
        )
    return attr, _resolve_indices(parser, operands)


def _parse_index_attr_value(parser: Parser) -> int:
    """The value of MLIR's `parseAttribute<IntegerAttr>` with the index type."""
    if (value := parser.parse_optional_integer(allow_boolean=False)) is not None:
        return value
    pos = parser.pos
    attr = parser.parse_attribute()
    if not isinstance(attr, IntegerAttr):
        parser.raise_error("invalid kind of attribute specified", pos)
    return attr.value.data


def _print_for_bound(
    printer: Printer, attr: AffineMapAttr, operands: Sequence[SSAValue], prefix: str
) -> None:
    """MLIR's `printBound`: a constant or single-symbol bound in short form."""
    amap = attr.data
    if len(amap.results) == 1:
        expr = amap.results[0]
        if amap.num_dims == 0 and amap.num_symbols == 0 and isinstance(expr, AffineConstantExpr):
            printer.print_string(str(expr.value))
            return
        if amap.num_dims == 0 and amap.num_symbols == 1 and isinstance(expr, AffineSymExpr):
            printer.print_ssa_value(operands[0])
            return
    else:
        printer.print_string(f"{prefix} ")
    print_map_attr(printer, attr)
    _print_dim_and_symbol_list(printer, operands, amap.num_dims)


@irdl_op_definition
class ForOp(_AffineOp):
    """`affine.for`: a loop from the max of a lower-bound map to the min of an
    upper-bound map (both over dims and symbols) by a positive constant step, with
    optional loop-carried `iter_args` returned as results.

    `affine.for %i = max #lb(%a)[%n] to min #ub(%b) step 2 iter_args(%x = %init) -> (f32)`
    """

    name = "affine.for"

    lowerBoundOperands = var_operand_def(IndexType)
    upperBoundOperands = var_operand_def(IndexType)
    inits = var_operand_def()

    res = var_result_def()

    lowerBoundMap = opt_prop_def(AffineMapAttr)
    upperBoundMap = opt_prop_def(AffineMapAttr)
    step = opt_prop_def(IntegerAttr)

    body = region_def()

    irdl_options = (AttrSizedOperandSegments(as_property=True),)

    traits = lazy_traits_def(
        lambda: (
            _ImplicitAffineTerminator(YieldOp),
            RecursiveMemoryEffect(),
            _ForSpeculatable(),
        )
    )

    def __init__(
        self,
        lower_bound_operands: Sequence[SSAValue | Operation],
        upper_bound_operands: Sequence[SSAValue | Operation],
        inits: Sequence[SSAValue | Operation],
        lower_bound_map: AffineMap | AffineMapAttr,
        upper_bound_map: AffineMap | AffineMapAttr,
        step: int | IntegerAttr = 1,
        body: Region | None = None,
    ) -> None:
        """Builds a loop; without `body`, the body is a block with the induction
        variable and iter_args arguments, terminated by `affine.yield` when there are
        no iter_args (as MLIR's builder does)."""
        init_values = [SSAValue.get(v) for v in inits]
        if body is None:
            block = Block(arg_types=[IndexType(), *(v.type for v in init_values)])
            if not init_values:
                block.add_op(YieldOp())
            body = Region(block)
        if isinstance(step, int):
            step = IntegerAttr(step, IndexType())
        super().__init__(
            operands=[list(lower_bound_operands), list(upper_bound_operands), init_values],
            result_types=[[v.type for v in init_values]],
            properties={
                "lowerBoundMap": _as_map_attr(lower_bound_map),
                "upperBoundMap": _as_map_attr(upper_bound_map),
                "step": step,
            },
            regions=[body],
        )

    def __post_init__(self) -> None:
        # MLIR's property storage defaults missing segment sizes to zeros.
        if "operandSegmentSizes" not in self.properties:
            self.properties["operandSegmentSizes"] = DenseArrayBase.from_list(i32, [0, 0, 0])
        super().__post_init__()

    @classmethod
    def from_constant_bounds(
        cls,
        lower_bound: int,
        upper_bound: int,
        step: int = 1,
        inits: Sequence[SSAValue | Operation] = (),
        body: Region | None = None,
    ) -> ForOp:
        """`affine.for %i = <lower_bound> to <upper_bound> step <step>`."""
        return cls(
            (),
            (),
            inits,
            AffineMap.constant_map(lower_bound),
            AffineMap.constant_map(upper_bound),
            step,
            body,
        )

    @classmethod
    def from_values(
        cls,
        lower_bound: SSAValue | Operation | int,
        upper_bound: SSAValue | Operation | int,
        step: int = 1,
        inits: Sequence[SSAValue | Operation] = (),
        body: Region | None = None,
    ) -> ForOp:
        """A loop whose bounds are constants or index values; like MLIR's
        `buildAffineLoopFromValues`, a value bound uses the map `(d0) -> (d0)`, valid
        for induction variables as well as symbols."""

        def bound(value: SSAValue | Operation | int) -> tuple[AffineMap, list[SSAValue]]:
            if isinstance(value, int):
                return AffineMap.constant_map(value), []
            return AffineMap.identity(1), [SSAValue.get(value)]

        lb_map, lb_operands = bound(lower_bound)
        ub_map, ub_operands = bound(upper_bound)
        return cls(lb_operands, ub_operands, inits, lb_map, ub_map, step, body)

    @property
    def lower_bound_map(self) -> AffineMap:
        return cast(AffineMapAttr, self.lowerBoundMap).data

    @property
    def upper_bound_map(self) -> AffineMap:
        return cast(AffineMapAttr, self.upperBoundMap).data

    @property
    def step_value(self) -> int:
        return cast(IntegerAttr, self.step).value.data

    @property
    def induction_var(self) -> BlockArgument:
        block = self.body.blocks.first
        assert block is not None
        return block.args[0]

    @property
    def region_iter_args(self) -> Sequence[BlockArgument]:
        block = self.body.blocks.first
        return block.args[1:] if block is not None else ()

    def has_constant_bounds(self) -> bool:
        return all(
            m.num_dims == 0
            and m.num_symbols == 0
            and len(m.results) == 1
            and isinstance(m.results[0], AffineConstantExpr)
            for m in (self.lower_bound_map, self.upper_bound_map)
        )

    @classmethod
    def parse(cls, parser: Parser) -> ForOp:
        iv = parser.parse_argument(expect_type=False).resolve(IndexType())
        parser.parse_punctuation("=")
        lb_map, lb_operands = _parse_for_bound(parser, True)
        parser.parse_keyword("to", " between bounds")
        ub_map, ub_operands = _parse_for_bound(parser, False)
        step = 1
        if parser.parse_optional_keyword("step") is not None:
            step_pos = parser.pos
            step = _parse_index_attr_value(parser)
            if step < 0:
                parser.raise_error(
                    "expected step to be representable as a positive signed integer",
                    step_pos,
                )
        iter_args: list[Parser.Argument] = []
        inits: list[SSAValue] = []
        if parser.parse_optional_keyword("iter_args") is not None:

            def parse_pair() -> tuple[Parser.UnresolvedArgument, UnresolvedOperand]:
                arg = parser.parse_argument(expect_type=False)
                parser.parse_punctuation("=")
                return arg, parser.parse_unresolved_operand()

            pairs = parser.parse_comma_separated_list(Parser.Delimiter.PAREN, parse_pair)
            types = _parse_arrow_type_list(parser, optional=False)
            # As MLIR, resolve the pairs that have a type before checking the counts.
            for (arg, init), arg_type in zip(pairs, types, strict=False):
                inits.append(parser.resolve_operand(init, arg_type))
                iter_args.append(arg.resolve(arg_type))
            if len(pairs) != len(types):
                parser.raise_error(
                    "mismatch between the number of loop-carried values and results",
                    op_name_position(parser),
                )
        body = parser.parse_region([iv, *iter_args])
        _ensure_terminator(body)
        attributes = parser.parse_optional_attr_dict()
        op = cls(lb_operands, ub_operands, inits, lb_map, ub_map, step, body)
        op.attributes |= attributes
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_block_argument(self.induction_var, print_type=False)
        printer.print_string(" = ")
        _print_for_bound(
            printer, cast(AffineMapAttr, self.lowerBoundMap), self.lowerBoundOperands, "max"
        )
        printer.print_string(" to ")
        _print_for_bound(
            printer, cast(AffineMapAttr, self.upperBoundMap), self.upperBoundOperands, "min"
        )
        if self.step_value != 1:
            printer.print_string(f" step {self.step_value}")
        if self.inits:
            printer.print_string(" iter_args(")

            def print_pair(pair: tuple[BlockArgument, SSAValue]) -> None:
                printer.print_block_argument(pair[0], print_type=False)
                printer.print_string(" = ")
                printer.print_ssa_value(pair[1])

            printer.print_list(zip(self.region_iter_args, self.inits, strict=False), print_pair)
            printer.print_string(") -> (")
            printer.print_list(self.result_types, printer.print_attribute)
            printer.print_string(")")
        printer.print_string(" ")
        printer.print_region(
            self.body,
            print_entry_block_args=False,
            print_empty_block=False,
            print_block_terminators=bool(self.inits),
        )
        _print_attr_dict(printer, self)

    def _verify_invariants(self) -> None:
        _check_single_block_regions(self)
        _check_segments(self, 3)
        _require(self, "lowerBoundMap", AffineMapAttr, "AffineMap attribute")
        _require(self, "step", IntegerAttr, "index attribute")
        if not isinstance(cast(IntegerAttr, self.step).type, IndexType):
            raise VerifyException("attribute 'step' failed to satisfy constraint: index attribute")
        _require(self, "upperBoundMap", AffineMapAttr, "AffineMap attribute")
        _check_values(
            "operand",
            [
                (self.lowerBoundOperands, _is_index_type, "variadic of index"),
                (self.upperBoundOperands, _is_index_type, "variadic of index"),
            ],
        )
        _check_sized_region(self.body, 0, "region")

    def verify_(self) -> None:
        _check_terminators(self)
        self._verify_loop_like()
        self._verify_regions()

    def _verify_loop_like(self) -> None:
        """MLIR's `LoopLikeOpInterface` verifier (its index bug included: every
        result mismatch is reported as the 0-th)."""
        block = self.body.blocks.first
        if block is None:
            return
        iter_args = block.args[1:]
        num_iter_operands = (
            len(self.operands)
            - self.lower_bound_map.num_dims
            - self.lower_bound_map.num_symbols
            - self.upper_bound_map.num_dims
            - self.upper_bound_map.num_symbols
        )
        inits = self.operands[len(self.operands) - num_iter_operands :]
        terminator = block.last_op
        yielded = terminator.operands if isinstance(terminator, YieldOp) else ()
        if len(inits) != len(iter_args):
            _raise_after_nested(
                self,
                f"different number of inits and region iter_args: {len(inits)} != {len(iter_args)}",
            )
            return
        if yielded and len(iter_args) != len(yielded):
            _raise_after_nested(
                self,
                f"different number of region iter_args and yielded values: "
                f"{len(iter_args)} != {len(yielded)}",
            )
            return
        if len(self.results) != len(iter_args):
            _raise_after_nested(
                self,
                f"different number of loop results and region iter_args: "
                f"{len(self.results)} != {len(iter_args)}",
            )
            return
        for index, (init, arg) in enumerate(zip(inits, iter_args, strict=True)):
            if init.type != arg.type:
                _raise_after_nested(
                    self,
                    f"{index}-th init and {index}-th region iter_arg have different type: "
                    f"'{_type_str(init.type)}' != '{_type_str(arg.type)}'",
                )
                return
            if yielded and arg.type != yielded[index].type:
                _raise_after_nested(
                    self,
                    f"{index}-th region iter_arg and {index}-th yielded value have "
                    f"different type: '{_type_str(arg.type)}' != "
                    f"'{_type_str(yielded[index].type)}'",
                )
                return
        for arg, result in zip(iter_args, self.results, strict=True):
            if arg.type != result.type:
                _raise_after_nested(
                    self,
                    f"0-th region iter_arg and 0-th loop result have different type: "
                    f"'{_type_str(arg.type)}' != '{_type_str(result.type)}'",
                )
                return

    def _verify_regions(self) -> None:
        """MLIR's `AffineForOp::verifyRegions`."""
        block = self.body.blocks.first
        assert block is not None
        if not block.args or not isinstance(block.args[0].type, IndexType):
            _raise_after_nested(
                self,
                "expected body to have a single index argument for the induction variable",
            )
            return
        try:
            lb_map, ub_map = self.lower_bound_map, self.upper_bound_map
            if lb_map.num_dims + lb_map.num_symbols > 0:
                _verify_dims_and_symbols(self, self.lowerBoundOperands, lb_map.num_dims)
            if ub_map.num_dims + ub_map.num_symbols > 0:
                _verify_dims_and_symbols(self, self.upperBoundOperands, ub_map.num_dims)
            if not lb_map.results:
                raise VerifyException("expected lower bound map to have at least one result")
            if not ub_map.results:
                raise VerifyException("expected upper bound map to have at least one result")
            if not self.results:
                return
            num_iter_operands = (
                len(self.operands)
                - lb_map.num_dims
                - lb_map.num_symbols
                - ub_map.num_dims
                - ub_map.num_symbols
            )
            if num_iter_operands != len(self.results):
                raise VerifyException(
                    "mismatch between the number of loop-carried values and results"
                )
        except VerifyException as error:
            _raise_after_nested(self, str(error))


# ---------------------------------------------------------------------------
# affine.if
# ---------------------------------------------------------------------------


@irdl_op_definition
class IfOp(_AffineOp):
    """`affine.if`: runs its `then` region when the integer set `condition` holds for
    its dimension and symbol operands, else its optional `else` region; results come
    from the regions' `affine.yield`s and then need an else region.

    `%r = affine.if #set(%i)[%n] -> f32 { ... } else { ... }`
    """

    name = "affine.if"

    args = var_operand_def()
    res = var_result_def()
    condition = opt_prop_def(AffineSetAttr)

    then_region = region_def()
    else_region = region_def()

    traits = lazy_traits_def(
        lambda: (
            _ImplicitAffineTerminator(YieldOp),
            RecursiveMemoryEffect(),
            RecursivelySpeculatable(),
        )
    )

    def __init__(
        self,
        condition: AffineSet | AffineSetAttr,
        operands: Sequence[SSAValue | Operation],
        result_types: Sequence[Attribute] = (),
        then_region: Region | None = None,
        else_region: Region | None = None,
        with_else: bool = False,
    ) -> None:
        """Builds an `affine.if`; missing regions are created as MLIR's builder does:
        a then block, and an else block when `with_else` (terminated by `affine.yield`
        when there are no results)."""

        def new_region() -> Region:
            block = Block()
            if not result_types:
                block.add_op(YieldOp())
            return Region(block)

        if then_region is None:
            then_region = new_region()
        if else_region is None:
            else_region = new_region() if with_else else Region()
        if isinstance(condition, AffineSet):
            condition = AffineSetAttr(condition)
        super().__init__(
            operands=[list(operands)],
            result_types=[list(result_types)],
            properties={"condition": condition},
            regions=[then_region, else_region],
        )

    @property
    def integer_set(self) -> AffineSet:
        return cast(AffineSetAttr, self.condition).data

    def has_else(self) -> bool:
        return bool(self.else_region.blocks)

    @classmethod
    def parse(cls, parser: Parser) -> IfOp:
        pos = parser.pos
        attr = parser.parse_attribute()
        if not isinstance(attr, AffineSetAttr):
            parser.raise_error("invalid kind of attribute specified", pos)
        operands, num_dims = _parse_dim_and_symbol_list(parser)
        aset = attr.data
        name_pos = op_name_position(parser)
        if aset.num_dims != num_dims:
            parser.raise_error("dim operand count and integer set dim count must match", name_pos)
        if num_dims + aset.num_symbols != len(operands):
            parser.raise_error(
                "symbol operand count and integer set symbol count must match", name_pos
            )
        values = _resolve_indices(parser, operands)
        result_types = _parse_arrow_type_list(parser, optional=True)
        then_region = parser.parse_region()
        _ensure_terminator(then_region)
        else_region = Region()
        if parser.parse_optional_keyword("else") is not None:
            else_region = parser.parse_region()
            _ensure_terminator(else_region)
        attributes = parser.parse_optional_attr_dict()
        op = cls(attr, values, result_types, then_region, else_region)
        op.attributes |= attributes
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        print_set_attr(printer, cast(AffineSetAttr, self.condition))
        _print_dim_and_symbol_list(printer, self.args, self.integer_set.num_dims)
        _print_arrow_type_list(printer, self.result_types)
        printer.print_string(" ")
        print_terminators = bool(self.results)
        printer.print_region(
            self.then_region,
            print_entry_block_args=False,
            print_empty_block=False,
            print_block_terminators=print_terminators,
        )
        if self.else_region.blocks:
            printer.print_string(" else ")
            printer.print_region(
                self.else_region,
                print_entry_block_args=False,
                print_empty_block=False,
                print_block_terminators=print_terminators,
            )
        _print_attr_dict(printer, self)

    def _verify_invariants(self) -> None:
        _check_single_block_regions(self)
        _require(self, "condition", AffineSetAttr, "IntegerSet attribute")
        _check_sized_region(self.then_region, 0, "thenRegion")
        for index, region in enumerate(self.regions):
            block = region.blocks.first
            if block is not None and block.args:
                raise VerifyException(f"region #{index} should have no arguments")
        aset = self.integer_set
        if len(self.args) != aset.num_dims + aset.num_symbols:
            raise VerifyException(
                "operand count and condition integer set dimension and symbol count must match"
            )
        _verify_dims_and_symbols(self, self.args, aset.num_dims)

    def verify_(self) -> None:
        _check_terminators(self)
        if self.results and not self.else_region.blocks:
            _raise_after_nested(
                self,
                "along control flow edge from parent to parent: region branch point has "
                f"0 operands, but region successor needs {len(self.results)} inputs",
                [("region branch point", self)],
            )


# ---------------------------------------------------------------------------
# Memory accesses: load, store, vector_load, vector_store, prefetch
# ---------------------------------------------------------------------------


def _parse_memref_access(parser: Parser) -> tuple[UnresolvedOperand, AffineMap, list[SSAValue]]:
    """`%memref[<affine map of SSA ids>]`; the indices are resolved as index values."""
    memref_operand = parser.parse_unresolved_operand()
    amap, indices = parse_map_of_ssa_ids(parser)
    return memref_operand, amap, indices


def _parse_colon_memref_type(parser: Parser) -> MemRefType[Attribute]:
    """MLIR's `parseColonType<MemRefType>`: a mismatch is reported at the colon."""
    pos = parser.pos
    parser.parse_punctuation(":")
    return _parse_type_of_kind(parser, MemRefType, pos)


def _parse_typed_access(
    parser: Parser,
) -> tuple[UnresolvedOperand, AffineMap, list[SSAValue], dict[str, Attribute], MemRefType]:
    """`%memref[...] {attrs} : memref-type`, shared by the load and store ops; the memref
    is left unresolved, as MLIR's parsers resolve it after the remaining types."""
    memref_operand, amap, indices = _parse_memref_access(parser)
    attributes = parser.parse_optional_attr_dict()
    return memref_operand, amap, indices, attributes, _parse_colon_memref_type(parser)


def _print_typed_access(printer: Printer, op: _MemRefAccess) -> None:
    _print_memref_access(printer, op)
    _print_attr_dict(printer, op)
    printer.print_string(" : ")
    printer.print_attribute(op.accessed_memref.type)


def _print_memref_access(printer: Printer, op: _MemRefAccess) -> None:
    printer.print_ssa_value(op.accessed_memref)
    printer.print_string("[")
    if isinstance(op.properties.get("map"), AffineMapAttr):
        print_map_of_ssa_ids(printer, op.affine_map, op.map_operands)
    printer.print_string("]")


def _verify_memory_op_indexing(op: _MemRefAccess, num_index_operands: int) -> None:
    """MLIR's `verifyMemoryOpIndexing`."""
    amap = op.affine_map
    memref_type = cast(MemRefType, op.accessed_memref.type)
    if len(amap.results) != len(memref_type.get_shape()):
        raise VerifyException("affine map num results must equal memref rank")
    if amap.num_dims + amap.num_symbols != num_index_operands:
        raise VerifyException("expects as many subscripts as affine map inputs")
    _verify_dims_and_symbols(op, op.map_operands, amap.num_dims)


class _LoadAccess(_MemRefAccess):
    """`affine.load` and `affine.vector_load`: `result` read through the access."""

    memref = operand_def()
    indices = var_operand_def(IndexType)
    result = result_def()
    map = opt_prop_def(AffineMapAttr)

    traits = traits_def(_ReadsMemRef())


@irdl_op_definition
class LoadOp(_LoadAccess):
    """`affine.load`: reads a memref element at the results of an affine map of its
    index operands, e.g. `%v = affine.load %A[%i + 1, symbol(%n)] : memref<?x?xf32>`."""

    name = "affine.load"

    def __init__(
        self,
        memref: SSAValue | Operation,
        indices: Sequence[SSAValue | Operation],
        map: AffineMap | AffineMapAttr | None = None,
        result_type: Attribute | None = None,
    ) -> None:
        """Without `map`, the identity map of the memref's rank is used."""
        memref = SSAValue.get(memref)
        map_attr = _identity_map_for(memref) if map is None else _as_map_attr(map)
        if result_type is None:
            result_type = cast(MemRefType, memref.type).get_element_type()
        super().__init__(
            operands=[memref, list(indices)],
            properties={"map": map_attr},
            result_types=[result_type],
        )

    @classmethod
    def parse(cls, parser: Parser) -> LoadOp:
        memref_operand, amap, indices, attributes, memref_type = _parse_typed_access(parser)
        memref_value = parser.resolve_operand(memref_operand, memref_type)
        op = cls(memref_value, indices, amap, memref_type.get_element_type())
        op.attributes |= attributes
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        _print_typed_access(printer, self)

    def _verify_invariants(self) -> None:
        _require(self, "map", AffineMapAttr, "AffineMap attribute")
        _check_values(
            "operand",
            [
                ((self.memref,), _is_memref, "memref of any type values"),
                (self.indices, _is_index_type, "variadic of index"),
            ],
        )
        memref_type = cast(MemRefType, self.memref.type)
        if self.result.type != memref_type.get_element_type():
            raise VerifyException("result type must match element type of memref")
        _verify_memory_op_indexing(self, len(self.operands) - 1)


class _StoreAccess(_MemRefAccess):
    """`affine.store` and `affine.vector_store`: `value` written through the access."""

    value = operand_def()
    memref = operand_def()
    indices = var_operand_def(IndexType)
    map = opt_prop_def(AffineMapAttr)

    traits = traits_def(_WritesMemRef())

    def __init__(
        self,
        value: SSAValue | Operation,
        memref: SSAValue | Operation,
        indices: Sequence[SSAValue | Operation],
        map: AffineMap | AffineMapAttr | None = None,
    ) -> None:
        """Without `map`, the identity map of the memref's rank is used."""
        memref = SSAValue.get(memref)
        map_attr = _identity_map_for(memref) if map is None else _as_map_attr(map)
        super().__init__(operands=[value, memref, list(indices)], properties={"map": map_attr})


@irdl_op_definition
class StoreOp(_StoreAccess):
    """`affine.store`: writes a value to a memref element at the results of an affine
    map of its index operands, e.g. `affine.store %v, %A[%i, %j] : memref<?x?xf32>`."""

    name = "affine.store"

    @classmethod
    def parse(cls, parser: Parser) -> StoreOp:
        value = parser.parse_unresolved_operand()
        parser.parse_punctuation(",")
        memref_operand, amap, indices, attributes, memref_type = _parse_typed_access(parser)
        stored = parser.resolve_operand(value, memref_type.get_element_type())
        memref_value = parser.resolve_operand(memref_operand, memref_type)
        op = cls(stored, memref_value, indices, amap)
        op.attributes |= attributes
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_ssa_value(self.value)
        printer.print_string(", ")
        _print_typed_access(printer, self)

    def _verify_invariants(self) -> None:
        _require(self, "map", AffineMapAttr, "AffineMap attribute")
        _check_values(
            "operand",
            [
                ((self.value,), _any_type, "any type"),
                ((self.memref,), _is_memref, "memref of any type values"),
                (self.indices, _is_index_type, "variadic of index"),
            ],
        )
        memref_type = cast(MemRefType, self.memref.type)
        if self.value.type != memref_type.get_element_type():
            raise VerifyException("value to store must have the same type as memref element type")
        _verify_memory_op_indexing(self, len(self.operands) - 2)


def _verify_vector_memory_op(memref_type: MemRefType, vector_type: VectorType) -> None:
    if memref_type.get_element_type() != vector_type.get_element_type():
        raise VerifyException("requires memref and vector types of the same elemental type")


@irdl_op_definition
class VectorLoadOp(_LoadAccess):
    """`affine.vector_load`: reads a vector from a memref starting at the results of an
    affine map of its indices, e.g.
    `%v = affine.vector_load %A[%i * 8] : memref<100xf32>, vector<8xf32>`."""

    name = "affine.vector_load"

    def __init__(
        self,
        result_type: VectorType,
        memref: SSAValue | Operation,
        indices: Sequence[SSAValue | Operation],
        map: AffineMap | AffineMapAttr | None = None,
    ) -> None:
        """Without `map`, the identity map of the memref's rank is used."""
        memref = SSAValue.get(memref)
        map_attr = _identity_map_for(memref) if map is None else _as_map_attr(map)
        super().__init__(
            operands=[memref, list(indices)],
            properties={"map": map_attr},
            result_types=[result_type],
        )

    @classmethod
    def parse(cls, parser: Parser) -> VectorLoadOp:
        memref_operand, amap, indices, attributes, memref_type = _parse_typed_access(parser)
        parser.parse_punctuation(",")
        vector_type = _parse_type_of_kind(parser, VectorType, parser.pos)
        memref_value = parser.resolve_operand(memref_operand, memref_type)
        op = cls(vector_type, memref_value, indices, amap)
        op.attributes |= attributes
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        _print_typed_access(printer, self)
        printer.print_string(", ")
        printer.print_attribute(self.result.type)

    def _verify_invariants(self) -> None:
        _require(self, "map", AffineMapAttr, "AffineMap attribute")
        _check_values(
            "operand",
            [
                ((self.memref,), _is_memref, "memref of any type values"),
                (self.indices, _is_index_type, "variadic of index"),
            ],
        )
        _check_values("result", [(self.results, _is_vector, "vector of any type values")])
        memref_type = cast(MemRefType, self.memref.type)
        _verify_memory_op_indexing(self, len(self.operands) - 1)
        _verify_vector_memory_op(memref_type, cast(VectorType, self.result.type))


@irdl_op_definition
class VectorStoreOp(_StoreAccess):
    """`affine.vector_store`: writes a vector to a memref starting at the results of an
    affine map of its indices, e.g.
    `affine.vector_store %v, %A[%i * 8] : memref<100xf32>, vector<8xf32>`."""

    name = "affine.vector_store"

    @classmethod
    def parse(cls, parser: Parser) -> VectorStoreOp:
        value = parser.parse_unresolved_operand()
        parser.parse_punctuation(",")
        memref_operand, amap, indices, attributes, memref_type = _parse_typed_access(parser)
        parser.parse_punctuation(",")
        vector_type = _parse_type_of_kind(parser, VectorType, parser.pos)
        stored = parser.resolve_operand(value, vector_type)
        memref_value = parser.resolve_operand(memref_operand, memref_type)
        op = cls(stored, memref_value, indices, amap)
        op.attributes |= attributes
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_ssa_value(self.value)
        printer.print_string(", ")
        _print_typed_access(printer, self)
        printer.print_string(", ")
        printer.print_attribute(self.value.type)

    def _verify_invariants(self) -> None:
        _require(self, "map", AffineMapAttr, "AffineMap attribute")
        _check_values(
            "operand",
            [
                ((self.value,), _is_vector, "vector of any type values"),
                ((self.memref,), _is_memref, "memref of any type values"),
                (self.indices, _is_index_type, "variadic of index"),
            ],
        )
        memref_type = cast(MemRefType, self.memref.type)
        _verify_memory_op_indexing(self, len(self.operands) - 2)
        _verify_vector_memory_op(memref_type, cast(VectorType, self.value.type))


@irdl_op_definition
class PrefetchOp(_MemRefAccess):
    """`affine.prefetch`: a hint to prefetch a memref element (read or write, locality
    0 to 3, data or instruction cache), e.g.
    `affine.prefetch %A[%i, %j + 5], read, locality<3>, data : memref<400x400xi32>`."""

    name = "affine.prefetch"

    memref = operand_def()
    indices = var_operand_def(IndexType)
    isWrite = opt_prop_def(BoolAttr)
    localityHint = opt_prop_def(IntegerAttr)
    isDataCache = opt_prop_def(BoolAttr)
    map = opt_prop_def(AffineMapAttr)

    traits = traits_def(_ReadsMemRef())

    def __init__(
        self,
        memref: SSAValue | Operation,
        indices: Sequence[SSAValue | Operation],
        is_write: bool,
        locality_hint: int,
        is_data_cache: bool,
        map: AffineMap | AffineMapAttr | None = None,
    ) -> None:
        """Without `map`, the identity map of the memref's rank is used."""
        memref = SSAValue.get(memref)
        map_attr = _identity_map_for(memref) if map is None else _as_map_attr(map)
        super().__init__(
            operands=[memref, list(indices)],
            properties={
                "isDataCache": IntegerAttr.from_bool(is_data_cache),
                "isWrite": IntegerAttr.from_bool(is_write),
                "localityHint": IntegerAttr(locality_hint, i32),
                "map": map_attr,
            },
        )

    @property
    def is_write(self) -> bool:
        return bool(cast(IntegerAttr, self.isWrite).value.data)

    @property
    def is_data_cache(self) -> bool:
        return bool(cast(IntegerAttr, self.isDataCache).value.data)

    @property
    def locality_hint(self) -> int:
        return cast(IntegerAttr, self.localityHint).value.data

    @classmethod
    def parse(cls, parser: Parser) -> PrefetchOp:
        memref_operand, amap, indices = _parse_memref_access(parser)
        parser.parse_punctuation(",")
        read_or_write = parser.parse_identifier()
        parser.parse_punctuation(",")
        parser.parse_keyword("locality")
        parser.parse_punctuation("<")
        hint = parser.parse_integer(allow_boolean=False)
        parser.parse_punctuation(">")
        parser.parse_punctuation(",")
        cache_type = parser.parse_identifier()
        attributes = parser.parse_optional_attr_dict()
        memref_type = _parse_colon_memref_type(parser)
        if read_or_write not in ("read", "write"):
            parser.raise_error("rw specifier has to be 'read' or 'write'", op_name_position(parser))
        if cache_type not in ("data", "instr"):
            parser.raise_error("cache type has to be 'data' or 'instr'", op_name_position(parser))
        memref_value = parser.resolve_operand(memref_operand, memref_type)
        op = cls(memref_value, indices, read_or_write == "write", hint, cache_type == "data", amap)
        op.attributes |= attributes
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        _print_memref_access(printer, self)
        printer.print_string(
            f", {'write' if self.is_write else 'read'}, locality<{self.locality_hint}>, "
            f"{'data' if self.is_data_cache else 'instr'}"
        )
        _print_attr_dict(printer, self)
        printer.print_string(" : ")
        printer.print_attribute(self.memref.type)

    def _verify_invariants(self) -> None:
        _require(self, "isDataCache", IntegerAttr, "bool attribute")
        _require(self, "isWrite", IntegerAttr, "bool attribute")
        _require(self, "localityHint", IntegerAttr, "32-bit signless integer attribute")
        _require(self, "map", AffineMapAttr, "AffineMap attribute")
        for name in ("isDataCache", "isWrite"):
            if cast(IntegerAttr, self.properties[name]).type != IntegerType(1):
                raise VerifyException(
                    f"attribute '{name}' failed to satisfy constraint: bool attribute"
                )
        hint = cast(IntegerAttr, self.localityHint)
        if hint.type != i32 or not 0 <= hint.value.data <= 3:
            raise VerifyException(
                "attribute 'localityHint' failed to satisfy constraint: 32-bit signless "
                "integer attribute whose minimum value is 0 whose maximum value is 3"
            )
        _check_values(
            "operand",
            [
                ((self.memref,), _is_memref, "memref of any type values"),
                (self.indices, _is_index_type, "variadic of index"),
            ],
        )
        amap = self.affine_map
        if len(amap.results) != len(cast(MemRefType, self.memref.type).get_shape()):
            raise VerifyException("affine.prefetch affine map num results must equal memref rank")
        if amap.num_dims + amap.num_symbols + 1 != len(self.operands):
            raise VerifyException("too few operands")
        scope = get_affine_scope(self)
        for index in self.indices:
            if not _is_valid_affine_index_operand(index, scope):
                raise VerifyException("index must be a valid dimension or symbol identifier")


# ---------------------------------------------------------------------------
# affine.parallel
# ---------------------------------------------------------------------------


class AtomicRMWKind:
    """MLIR's `arith::AtomicRMWKind`, the reductions of `affine.parallel`, with the
    integer values MLIR stores in the `reductions` property."""

    NAMES: ClassVar[tuple[str, ...]] = (
        "addf",
        "addi",
        "andi",
        "assign",
        "maximumf",
        "maxnumf",
        "maxs",
        "maxu",
        "minimumf",
        "minnumf",
        "mins",
        "minu",
        "mulf",
        "muli",
        "ori",
        "xori",
    )

    @classmethod
    def value_of(cls, name: str) -> int | None:
        return cls.NAMES.index(name) if name in cls.NAMES else None

    @classmethod
    def name_of(cls, value: int) -> str | None:
        return cls.NAMES[value] if 0 <= value < len(cls.NAMES) else None

    @staticmethod
    def matches(name: str, result_type: Attribute) -> bool:
        """MLIR's `isResultTypeMatchAtomicRMWKind`."""
        is_float = isa(result_type, AnyFloat)
        if name in ("addf", "mulf", "maximumf", "minimumf"):
            return is_float
        if name in ("addi", "muli", "ori", "andi"):
            return isinstance(result_type, IntegerType)
        if name == "assign":
            return True
        if name in ("maxs", "mins"):
            return (
                isinstance(result_type, IntegerType)
                and result_type.signedness.data == Signedness.SIGNED
            )
        if name in ("maxu", "minu"):
            return (
                isinstance(result_type, IntegerType)
                and result_type.signedness.data == Signedness.UNSIGNED
            )
        return False


_BoundGroup = tuple[AffineMap, list[UnresolvedOperand], list[UnresolvedOperand]]


def _parse_parallel_bound(
    parser: Parser, keyword: str
) -> tuple[AffineMap, list[int], list[SSAValue]]:
    """MLIR's `parseAffineMapWithMinMax`: `(group, ...)` where a group is one
    expression of SSA ids or `max(...)`/`min(...)` of several; operands are
    deduplicated across groups, dimensions first."""
    parser.parse_punctuation("(")
    if parser.parse_optional_punctuation(")") is not None:
        return AffineMap(0, 0, ()), [], []
    groups: list[_BoundGroup] = []
    sizes: list[int] = []

    def parse_group() -> None:
        expr_parser = AffineExprParser(parser)
        if parser.parse_optional_keyword(keyword) is not None:
            amap = expr_parser.parse_map(Parser.Delimiter.PAREN)
        else:
            expr = expr_parser.parse_expr()
            amap = AffineMap(len(expr_parser.dims), len(expr_parser.syms), (expr,))
        groups.append((amap, expr_parser.dims, expr_parser.syms))
        sizes.append(len(amap.results))

    parser.parse_comma_separated_list(Parser.Delimiter.NONE, parse_group)
    parser.parse_punctuation(")")

    dim_values: list[SSAValue] = []
    sym_values: list[SSAValue] = []
    results: list[AffineExpr] = []
    for amap, dims, syms in groups:
        dim_repl: list[AffineExpr] = []
        for operand in dims:
            value = parser.resolve_operand(operand, IndexType())
            if value not in dim_values:
                dim_values.append(value)
            dim_repl.append(AffineDimExpr(dim_values.index(value)))
        sym_repl: list[AffineExpr] = []
        for operand in syms:
            value = parser.resolve_operand(operand, IndexType())
            if value not in sym_values:
                sym_values.append(value)
            sym_repl.append(AffineSymExpr(sym_values.index(value)))
        results.extend(replace_dims_and_symbols(e, dim_repl, sym_repl) for e in amap.results)
    flat = AffineMap(len(dim_values), len(sym_values), tuple(results))
    return flat, sizes, [*dim_values, *sym_values]


def _print_parallel_bound(
    printer: Printer,
    amap: AffineMap,
    groups: Sequence[int],
    operands: Sequence[SSAValue],
    keyword: str,
) -> None:
    """MLIR's `printMinMaxBound`."""
    dims, syms = operands[: amap.num_dims], operands[amap.num_dims :]
    start = 0
    for index, size in enumerate(groups):
        if index:
            printer.print_string(", ")
        if size == 1:
            print_expr_of_ssa_ids(printer, amap.results[start], dims, syms)
        else:
            printer.print_string(f"{keyword}(")
            submap = AffineMap(amap.num_dims, amap.num_symbols, amap.results[start : start + size])
            print_map_of_ssa_ids(printer, submap, operands)
            printer.print_string(")")
        start += size


def _i32_tensor(values: Sequence[int]) -> DenseIntOrFPElementsAttr:
    return DenseIntOrFPElementsAttr.from_list(TensorType(i32, [len(values)]), values)


@irdl_op_definition
class ParallelOp(_AffineOp):
    """`affine.parallel`: a multi-dimensional parallel loop; each dimension runs from
    the max of a group of lower-bound expressions to the min of a group of upper-bound
    expressions by a constant step, and results are combined with `reductions`.

    `%r = affine.parallel (%i, %j) = (0, 0) to (symbol(%n), min(%m, 100)) step (2, 4)
    reduce ("addf") -> (f32) { ... affine.yield %v : f32 }`
    """

    name = "affine.parallel"

    mapOperands = var_operand_def(IndexType)
    res = var_result_def()

    reductions = opt_prop_def(ArrayAttr)
    lowerBoundsMap = opt_prop_def(AffineMapAttr)
    lowerBoundsGroups = opt_prop_def(DenseIntOrFPElementsAttr)
    upperBoundsMap = opt_prop_def(AffineMapAttr)
    upperBoundsGroups = opt_prop_def(DenseIntOrFPElementsAttr)
    steps = opt_prop_def(ArrayAttr)

    body = region_def()

    traits = lazy_traits_def(
        lambda: (
            _ImplicitAffineTerminator(YieldOp),
            RecursiveMemoryEffect(),
            RecursivelySpeculatable(),
        )
    )

    def __init__(
        self,
        lower_bounds: Sequence[AffineMap],
        lower_bound_operands: Sequence[SSAValue | Operation],
        upper_bounds: Sequence[AffineMap],
        upper_bound_operands: Sequence[SSAValue | Operation],
        steps: Sequence[int],
        reductions: Sequence[str] = (),
        result_types: Sequence[Attribute] = (),
        body: Region | None = None,
    ) -> None:
        """Builds a loop with one lower and one upper bound map per dimension (maps of
        one bound share their dims and symbols, as in MLIR's builder); without `body`,
        a block with one index argument per dimension is created, terminated by
        `affine.yield` when there are no results."""

        def concat(maps: Sequence[AffineMap]) -> AffineMap:
            if not maps:
                return AffineMap(0, 0, ())
            exprs = tuple(e for m in maps for e in m.results)
            return AffineMap(maps[0].num_dims, maps[0].num_symbols, exprs)

        if body is None:
            block = Block(arg_types=[IndexType()] * len(steps))
            if not result_types:
                block.add_op(YieldOp())
            body = Region(block)
        reduction_values: list[Attribute] = []
        for reduction in reductions:
            value = AtomicRMWKind.value_of(reduction)
            if value is None:
                raise ValueError(f"invalid reduction value: {reduction!r}")
            reduction_values.append(IntegerAttr(value, i64))
        super().__init__(
            operands=[[*lower_bound_operands, *upper_bound_operands]],
            result_types=[list(result_types)],
            properties={
                "lowerBoundsGroups": _i32_tensor([len(m.results) for m in lower_bounds]),
                "lowerBoundsMap": AffineMapAttr(concat(lower_bounds)),
                "reductions": ArrayAttr(reduction_values),
                "steps": ArrayAttr([IntegerAttr(s, i64) for s in steps]),
                "upperBoundsGroups": _i32_tensor([len(m.results) for m in upper_bounds]),
                "upperBoundsMap": AffineMapAttr(concat(upper_bounds)),
            },
            regions=[body],
        )

    @classmethod
    def from_ranges(
        cls,
        ranges: Sequence[int],
        reductions: Sequence[str] = (),
        result_types: Sequence[Attribute] = (),
        body: Region | None = None,
    ) -> ParallelOp:
        """`affine.parallel (%i, ...) = (0, ...) to (<ranges>...)` with unit steps."""
        return cls(
            [AffineMap.constant_map(0)] * len(ranges),
            (),
            [AffineMap.constant_map(r) for r in ranges],
            (),
            [1] * len(ranges),
            reductions,
            result_types,
            body,
        )

    @property
    def lower_bounds_map(self) -> AffineMap:
        return cast(AffineMapAttr, self.lowerBoundsMap).data

    @property
    def upper_bounds_map(self) -> AffineMap:
        return cast(AffineMapAttr, self.upperBoundsMap).data

    @property
    def lower_bounds_groups(self) -> tuple[int, ...]:
        return _int_values(self.lowerBoundsGroups)

    @property
    def upper_bounds_groups(self) -> tuple[int, ...]:
        return _int_values(self.upperBoundsGroups)

    @property
    def step_values(self) -> tuple[int, ...]:
        return tuple(cast(IntegerAttr, s).value.data for s in cast(ArrayAttr, self.steps).data)

    @property
    def reduction_names(self) -> tuple[str, ...]:
        names = (
            AtomicRMWKind.name_of(cast(IntegerAttr, r).value.data)
            for r in cast(ArrayAttr, self.reductions).data
        )
        return tuple(n or "?" for n in names)

    @property
    def lower_bounds_operands(self) -> Sequence[SSAValue]:
        amap = self.lower_bounds_map
        return self.mapOperands[: amap.num_dims + amap.num_symbols]

    @property
    def upper_bounds_operands(self) -> Sequence[SSAValue]:
        amap = self.lower_bounds_map
        return self.mapOperands[amap.num_dims + amap.num_symbols :]

    @property
    def induction_vars(self) -> Sequence[BlockArgument]:
        block = self.body.blocks.first
        return block.args if block is not None else ()

    @classmethod
    def parse(cls, parser: Parser) -> ParallelOp:
        ivs = parser.parse_comma_separated_list(
            Parser.Delimiter.PAREN, lambda: parser.parse_argument(expect_type=False)
        )
        parser.parse_punctuation("=")
        lb_map, lb_groups, lb_operands = _parse_parallel_bound(parser, "max")
        parser.parse_keyword("to")
        ub_map, ub_groups, ub_operands = _parse_parallel_bound(parser, "min")
        steps = [1] * len(ivs)
        if parser.parse_optional_keyword("step") is not None:
            # Like MLIR, the ids of a non-constant step are never resolved.
            steps_map = AffineExprParser(parser).parse_map(Parser.Delimiter.PAREN)
            steps = []
            for expr in steps_map.results:
                if not isinstance(expr, AffineConstantExpr):
                    parser.raise_error("steps must be constant integers", op_name_position(parser))
                steps.append(expr.value)
        reductions: list[Attribute] = []
        if parser.parse_optional_keyword("reduce") is not None:

            def parse_reduction() -> None:
                pos = parser.pos
                name = parser.parse_str_literal()
                value = AtomicRMWKind.value_of(name)
                if value is None:
                    parser.raise_error(f'invalid reduction value: "{name}"', pos)
                reductions.append(IntegerAttr(value, i64))

            parser.parse_comma_separated_list(Parser.Delimiter.PAREN, parse_reduction)
        result_types = _parse_arrow_type_list(parser, optional=True)
        body = parser.parse_region([iv.resolve(IndexType()) for iv in ivs])
        attributes = parser.parse_optional_attr_dict()
        _ensure_terminator(body)
        op = cls.create(
            operands=[*lb_operands, *ub_operands],
            result_types=result_types,
            properties={
                "lowerBoundsGroups": _i32_tensor(lb_groups),
                "lowerBoundsMap": AffineMapAttr(lb_map),
                "reductions": ArrayAttr(reductions),
                "steps": ArrayAttr([IntegerAttr(s, i64) for s in steps]),
                "upperBoundsGroups": _i32_tensor(ub_groups),
                "upperBoundsMap": AffineMapAttr(ub_map),
            },
            attributes=attributes,
            regions=[body],
        )
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" (")
        printer.print_list(
            self.induction_vars, lambda a: printer.print_block_argument(a, print_type=False)
        )
        printer.print_string(") = (")
        _print_parallel_bound(
            printer,
            self.lower_bounds_map,
            self.lower_bounds_groups,
            self.lower_bounds_operands,
            "max",
        )
        printer.print_string(") to (")
        _print_parallel_bound(
            printer,
            self.upper_bounds_map,
            self.upper_bounds_groups,
            self.upper_bounds_operands,
            "min",
        )
        printer.print_string(")")
        steps = self.step_values
        if any(s != 1 for s in steps):
            printer.print_string(" step (" + ", ".join(str(s) for s in steps) + ")")
        if self.results:
            printer.print_string(" reduce (")
            printer.print_list(self.reduction_names, lambda n: printer.print_string(f'"{n}"'))
            printer.print_string(") -> (")
            printer.print_list(self.result_types, printer.print_attribute)
            printer.print_string(")")
        printer.print_string(" ")
        printer.print_region(
            self.body,
            print_entry_block_args=False,
            print_empty_block=False,
            print_block_terminators=bool(self.results),
        )
        _print_attr_dict(printer, self)

    def _verify_invariants(self) -> None:
        _check_single_block_regions(self)
        _require(self, "lowerBoundsGroups", DenseIntOrFPElementsAttr, _I32_ELEMENTS)
        _require(self, "lowerBoundsMap", AffineMapAttr, "AffineMap attribute")
        _require(self, "reductions", ArrayAttr, "Reduction ops")
        _require(self, "steps", ArrayAttr, "64-bit integer array attribute")
        _require(self, "upperBoundsGroups", DenseIntOrFPElementsAttr, _I32_ELEMENTS)
        _require(self, "upperBoundsMap", AffineMapAttr, "AffineMap attribute")
        for name in ("lowerBoundsGroups", "upperBoundsGroups"):
            if cast(DenseIntOrFPElementsAttr, self.properties[name]).get_element_type() != i32:
                raise VerifyException(
                    f"attribute '{name}' failed to satisfy constraint: {_I32_ELEMENTS}"
                )
        for reduction in cast(ArrayAttr, self.reductions).data:
            if not (
                isinstance(reduction, IntegerAttr)
                and reduction.type == i64
                and AtomicRMWKind.name_of(reduction.value.data) is not None
            ):
                raise VerifyException(
                    "attribute 'reductions' failed to satisfy constraint: Reduction ops"
                )
        for step in cast(ArrayAttr, self.steps).data:
            if not (isinstance(step, IntegerAttr) and step.type == i64):
                raise VerifyException(
                    "attribute 'steps' failed to satisfy constraint: 64-bit integer array attribute"
                )
        _check_values("operand", [(self.mapOperands, _is_index_type, "variadic of index")])
        _check_sized_region(self.body, 0, "region")
        self._verify_parallel()

    def _verify_parallel(self) -> None:
        """MLIR's `AffineParallelOp::verify`."""
        num_dims = len(self.step_values)
        lb_groups, ub_groups = self.lower_bounds_groups, self.upper_bounds_groups
        num_args = len(self.induction_vars)
        if len(lb_groups) != num_dims or len(ub_groups) != num_dims or num_args != num_dims:
            raise VerifyException(
                f"the number of region arguments ({num_args}) and the number of map groups "
                f"for lower ({len(lb_groups)}) and upper bound ({len(ub_groups)}), and the "
                f"number of steps ({num_dims}) must all match"
            )
        for bound, groups, amap in (
            ("lower", lb_groups, self.lower_bounds_map),
            ("upper", ub_groups, self.upper_bounds_map),
        ):
            if any(size == 0 for size in groups):
                raise VerifyException(f"expected {bound} bound map to have at least one result")
            if sum(groups) != len(amap.results):
                raise VerifyException(f"expected {bound} bounds map to have {sum(groups)} results")
        if len(cast(ArrayAttr, self.reductions).data) != len(self.results):
            raise VerifyException("a reduction must be specified for each output")
        for name, result in zip(self.reduction_names, self.results, strict=True):
            if not AtomicRMWKind.matches(name, result.type):
                raise VerifyException("result type cannot match reduction attribute")
        _verify_dims_and_symbols(self, self.lower_bounds_operands, self.lower_bounds_map.num_dims)
        _verify_dims_and_symbols(self, self.upper_bounds_operands, self.upper_bounds_map.num_dims)

    def verify_(self) -> None:
        _check_terminators(self)


_I32_ELEMENTS = "32-bit signless integer elements attribute"


def _int_values(attr: Attribute | None) -> tuple[int, ...]:
    if not isinstance(attr, DenseIntOrFPElementsAttr):
        return ()
    return tuple(int(v) for v in cast(DenseIntOrFPElementsAttr, attr).get_values())


# ---------------------------------------------------------------------------
# affine.linearize_index / affine.delinearize_index
# ---------------------------------------------------------------------------


def _parse_dynamic_index_list(parser: Parser) -> tuple[list[SSAValue], list[int]]:
    """MLIR's `parseDynamicIndexList` with parentheses: integers or index values."""
    dynamic: list[SSAValue] = []
    static: list[int] = []

    def parse_entry() -> None:
        if (operand := parser.parse_optional_unresolved_operand()) is not None:
            dynamic.append(parser.resolve_operand(operand, IndexType()))
            static.append(K_DYNAMIC)
        else:
            static.append(parser.parse_integer(allow_boolean=False))

    parser.parse_comma_separated_list(Parser.Delimiter.PAREN, parse_entry)
    return dynamic, static


def _print_dynamic_index_list(
    printer: Printer, dynamic: Sequence[SSAValue], static: Sequence[int]
) -> None:
    printer.print_string("(")
    values = iter(dynamic)

    def print_entry(entry: int) -> None:
        if entry == K_DYNAMIC:
            printer.print_ssa_value(next(values))
        else:
            printer.print_string(str(entry))

    printer.print_list(static, print_entry)
    printer.print_string(")")


def _split_basis(basis: Sequence[SSAValue | Operation | int]) -> tuple[list[SSAValue], list[int]]:
    dynamic: list[SSAValue] = []
    static: list[int] = []
    for entry in basis:
        if isinstance(entry, int):
            static.append(entry)
        elif (value := _constant_int(SSAValue.get(entry))) is not None:
            static.append(value)
        else:
            dynamic.append(SSAValue.get(entry))
            static.append(K_DYNAMIC)
    return dynamic, static


def _check_basis(static_basis: Sequence[int], dynamic_basis: Sequence[SSAValue]) -> None:
    if sum(1 for v in static_basis if v == K_DYNAMIC) != len(dynamic_basis):
        raise VerifyException(
            "mismatch between dynamic and static basis (kDynamic marker but no "
            "corresponding dynamic basis entry) -- this can only happen due to an "
            "incorrect fold/rewrite"
        )


def _static_basis(op: Operation) -> tuple[int, ...]:
    attr = op.properties.get("static_basis")
    if not isinstance(attr, DenseArrayBase):
        return ()
    return tuple(int(v) for v in cast(DenseArrayBase[IntegerType], attr).get_values())


def _require_static_basis(op: Operation) -> None:
    _require(op, "static_basis", DenseArrayBase, "i64 dense array attribute")
    if cast(DenseArrayBase[IntegerType], op.properties["static_basis"]).elt_type != i64:
        raise VerifyException(
            "attribute 'static_basis' failed to satisfy constraint: i64 dense array attribute"
        )


@irdl_op_definition
class LinearizeIndexOp(_AffineOp):
    """`affine.linearize_index`: the linear index of a multi-index in a basis; the
    first index may have no basis element (no outer bound); `disjoint` asserts each
    index is within its basis element.

    `%l = affine.linearize_index disjoint [%i, %j] by (%n, 8) : index`
    """

    name = "affine.linearize_index"

    multi_index = var_operand_def(IndexType)
    dynamic_basis = var_operand_def(IndexType)
    static_basis = opt_prop_def(DenseArrayBase)
    disjoint = opt_prop_def(AnyAttr(), default_value=IntegerAttr.from_bool(False))
    linear_index = result_def(IndexType)

    irdl_options = (AttrSizedOperandSegments(as_property=True),)

    traits = traits_def(Pure())

    def __init__(
        self,
        multi_index: Sequence[SSAValue | Operation],
        basis: Sequence[SSAValue | Operation | int],
        disjoint: bool = False,
    ) -> None:
        """`basis` mixes integers and index values; constant values become static."""
        dynamic, static = _split_basis(basis)
        super().__init__(
            operands=[list(multi_index), dynamic],
            result_types=[IndexType()],
            properties={
                "disjoint": UnitAttr() if disjoint else IntegerAttr.from_bool(False),
                "static_basis": DenseArrayBase.from_list(i64, static),
            },
        )

    def __post_init__(self) -> None:
        # MLIR's UnitProp defaults to false and prints as `disjoint = false`.
        if "disjoint" not in self.properties:
            self.properties["disjoint"] = IntegerAttr.from_bool(False)
        if "operandSegmentSizes" not in self.properties:
            self.properties["operandSegmentSizes"] = DenseArrayBase.from_list(i32, [0, 0])
        super().__post_init__()

    @property
    def is_disjoint(self) -> bool:
        return isinstance(self.properties.get("disjoint"), UnitAttr)

    @property
    def static_basis_values(self) -> tuple[int, ...]:
        return _static_basis(self)

    @classmethod
    def parse(cls, parser: Parser) -> LinearizeIndexOp:
        disjoint = parser.parse_optional_keyword("disjoint") is not None
        indices = parser.parse_comma_separated_list(
            Parser.Delimiter.SQUARE, parser.parse_unresolved_operand
        )
        parser.parse_keyword("by")
        multi_index = _resolve_indices(parser, indices)
        dynamic, static = _parse_dynamic_index_list(parser)
        attributes = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        result_type = _parse_type_of_kind(parser, IndexType, parser.pos)
        op = cls.create(
            operands=[*multi_index, *dynamic],
            result_types=[result_type],
            properties={
                "disjoint": UnitAttr() if disjoint else IntegerAttr.from_bool(False),
                "operandSegmentSizes": DenseArrayBase.from_list(
                    i32, [len(multi_index), len(dynamic)]
                ),
                "static_basis": DenseArrayBase.from_list(i64, static),
            },
            attributes=attributes,
        )
        return op

    def print(self, printer: Printer) -> None:
        if self.is_disjoint:
            printer.print_string(" disjoint")
        printer.print_string(" [")
        printer.print_list(self.multi_index, printer.print_ssa_value)
        printer.print_string("] by ")
        _print_dynamic_index_list(printer, self.dynamic_basis, self.static_basis_values)
        _print_attr_dict(printer, self)
        printer.print_string(" : ")
        printer.print_attribute(self.linear_index.type)

    def _verify_invariants(self) -> None:
        _check_segments(self, 2)
        _require_static_basis(self)
        if not isinstance(self.properties.get("disjoint"), UnitAttr | IntegerAttr):
            raise VerifyException(
                "attribute 'disjoint' failed to satisfy constraint: unit property"
            )
        _check_values(
            "operand",
            [
                (self.multi_index, _is_index_type, "variadic of index"),
                (self.dynamic_basis, _is_index_type, "variadic of index"),
            ],
        )
        _check_values("result", [(self.results, _is_index_type, "index")])
        static = self.static_basis_values
        if len(self.multi_index) not in (len(static), len(static) + 1):
            raise VerifyException(
                "should be passed a basis element for each index except possibly the first"
            )
        _check_basis(static, self.dynamic_basis)


@irdl_op_definition
class DelinearizeIndexOp(_AffineOp):
    """`affine.delinearize_index`: the multi-index of a linear index in a basis; with
    one result more than basis elements, the first result has no outer bound.

    `%r:3 = affine.delinearize_index %l into (%n, 8) : index, index, index`
    """

    name = "affine.delinearize_index"

    linear_index = operand_def(IndexType)
    dynamic_basis = var_operand_def(IndexType)
    static_basis = opt_prop_def(DenseArrayBase)
    multi_index = var_result_def(IndexType)

    traits = traits_def(Pure())

    def __init__(
        self,
        linear_index: SSAValue | Operation,
        basis: Sequence[SSAValue | Operation | int],
        has_outer_bound: bool = True,
    ) -> None:
        """`basis` mixes integers and index values; constant values become static.
        Without an outer bound, there is one more result than basis elements."""
        dynamic, static = _split_basis(basis)
        num_results = len(static) if has_outer_bound else len(static) + 1
        super().__init__(
            operands=[linear_index, dynamic],
            result_types=[[IndexType()] * num_results],
            properties={"static_basis": DenseArrayBase.from_list(i64, static)},
        )

    @property
    def static_basis_values(self) -> tuple[int, ...]:
        return _static_basis(self)

    def has_outer_bound(self) -> bool:
        return len(self.multi_index) == len(self.static_basis_values)

    @classmethod
    def parse(cls, parser: Parser) -> DelinearizeIndexOp:
        index = parser.parse_unresolved_operand()
        parser.parse_keyword("into")
        linear_index = parser.resolve_operand(index, IndexType())
        dynamic, static = _parse_dynamic_index_list(parser)
        attributes = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        result_types = parser.parse_comma_separated_list(Parser.Delimiter.NONE, parser.parse_type)
        return cls.create(
            operands=[linear_index, *dynamic],
            result_types=result_types,
            properties={"static_basis": DenseArrayBase.from_list(i64, static)},
            attributes=attributes,
        )

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_ssa_value(self.linear_index)
        printer.print_string(" into ")
        _print_dynamic_index_list(printer, self.dynamic_basis, self.static_basis_values)
        _print_attr_dict(printer, self)
        printer.print_string(" : ")
        printer.print_list(self.result_types, printer.print_attribute)

    def _verify_invariants(self) -> None:
        _require_static_basis(self)
        _check_values(
            "operand",
            [
                ((self.linear_index,), _is_index_type, "index"),
                (self.dynamic_basis, _is_index_type, "variadic of index"),
            ],
        )
        _check_values("result", [(self.results, _is_index_type, "variadic of index")])
        static = self.static_basis_values
        if len(self.results) not in (len(static), len(static) + 1):
            raise VerifyException(
                "should return an index for each basis element and up to one extra index"
            )
        _check_basis(static, self.dynamic_basis)
        if any(v <= 0 and v != K_DYNAMIC for v in static):
            raise VerifyException("no basis element may be statically non-positive")


# ---------------------------------------------------------------------------
# affine.dma_start / affine.dma_wait
# ---------------------------------------------------------------------------


def _map_inputs(op: Operation, name: str) -> int:
    attr = op.attributes.get(name)
    if not isinstance(attr, AffineMapAttr):
        return 0
    return attr.data.num_dims + attr.data.num_symbols


class _DmaStartEffects(MemoryEffect):
    """Reads the source and tag memrefs, writes the destination memref."""

    @classmethod
    def get_effects(cls, op: Operation) -> set[EffectInstance]:
        dma = cast(DmaStartOp, op)
        return {
            EffectInstance(MemoryEffectKind.READ, dma.src_memref),
            EffectInstance(MemoryEffectKind.WRITE, dma.dst_memref),
            EffectInstance(MemoryEffectKind.READ, dma.tag_memref),
        }


class _DmaWaitEffects(MemoryEffect):
    """Reads the tag memref."""

    @classmethod
    def get_effects(cls, op: Operation) -> set[EffectInstance]:
        return {EffectInstance(MemoryEffectKind.READ, op.operands[0])}


def _parse_dma_access(
    parser: Parser,
) -> tuple[UnresolvedOperand, AffineMap, list[UnresolvedOperand]]:
    memref_operand = parser.parse_unresolved_operand()
    expr_parser = AffineExprParser(parser)
    amap = expr_parser.parse_map(Parser.Delimiter.SQUARE)
    return memref_operand, amap, [*expr_parser.dims, *expr_parser.syms]


def _print_dma_access(
    printer: Printer, memref_value: SSAValue, amap: AffineMap, indices: Sequence[SSAValue]
) -> None:
    printer.print_ssa_value(memref_value)
    printer.print_string("[")
    print_map_of_ssa_ids(printer, amap, indices)
    printer.print_string("]")


def _verify_dma_indices(
    op: Operation, indices: Sequence[SSAValue], what: str, type_message: str
) -> None:
    scope = get_affine_scope(op)
    for index in indices:
        if not _is_index(index):
            raise VerifyException(type_message)
        if not _is_valid_affine_index_operand(index, scope):
            raise VerifyException(f"{what}index must be a valid dimension or symbol identifier")


@irdl_op_definition
class DmaStartOp(_AffineOp):
    """`affine.dma_start`: starts a DMA transfer of `num_elements` elements from a source
    to a destination memref (optionally strided), signalling completion on a tag
    memref; each memref is indexed by an affine map of SSA ids.

    `affine.dma_start %src[%i], %dst[%j], %tag[%c0], %n : memref<..>, memref<..>, memref<1xi32>`
    """

    name = "affine.dma_start"

    dma_operands = var_operand_def()
    src_map = opt_attr_def(AffineMapAttr)
    dst_map = opt_attr_def(AffineMapAttr)
    tag_map = opt_attr_def(AffineMapAttr)

    traits = traits_def(_DmaStartEffects())

    def __init__(
        self,
        src_memref: SSAValue | Operation,
        src_map: AffineMap | AffineMapAttr,
        src_indices: Sequence[SSAValue | Operation],
        dst_memref: SSAValue | Operation,
        dst_map: AffineMap | AffineMapAttr,
        dst_indices: Sequence[SSAValue | Operation],
        tag_memref: SSAValue | Operation,
        tag_map: AffineMap | AffineMapAttr,
        tag_indices: Sequence[SSAValue | Operation],
        num_elements: SSAValue | Operation,
        stride: SSAValue | Operation | None = None,
        elements_per_stride: SSAValue | Operation | None = None,
    ) -> None:
        operands = [
            src_memref,
            *src_indices,
            dst_memref,
            *dst_indices,
            tag_memref,
            *tag_indices,
            num_elements,
        ]
        if stride is not None and elements_per_stride is not None:
            operands += [stride, elements_per_stride]
        super().__init__(
            operands=[operands],
            attributes={
                "dst_map": _as_map_attr(dst_map),
                "src_map": _as_map_attr(src_map),
                "tag_map": _as_map_attr(tag_map),
            },
        )

    def _map(self, name: str) -> AffineMap:
        attr = self.attributes.get(name)
        return attr.data if isinstance(attr, AffineMapAttr) else AffineMap(0, 0, ())

    @property
    def src_memref_index(self) -> int:
        return 0

    @property
    def dst_memref_index(self) -> int:
        return self.src_memref_index + _map_inputs(self, "src_map") + 1

    @property
    def tag_memref_index(self) -> int:
        return self.dst_memref_index + _map_inputs(self, "dst_map") + 1

    @property
    def src_memref(self) -> SSAValue:
        return self.operands[self.src_memref_index]

    @property
    def dst_memref(self) -> SSAValue:
        return self.operands[self.dst_memref_index]

    @property
    def tag_memref(self) -> SSAValue:
        return self.operands[self.tag_memref_index]

    @property
    def src_indices(self) -> Sequence[SSAValue]:
        return self.operands[1 : self.dst_memref_index]

    @property
    def dst_indices(self) -> Sequence[SSAValue]:
        return self.operands[self.dst_memref_index + 1 : self.tag_memref_index]

    @property
    def tag_indices(self) -> Sequence[SSAValue]:
        start = self.tag_memref_index + 1
        return self.operands[start : start + _map_inputs(self, "tag_map")]

    @property
    def num_elements(self) -> SSAValue:
        return self.operands[self.tag_memref_index + 1 + _map_inputs(self, "tag_map")]

    def is_strided(self) -> bool:
        return len(self.operands) != self.tag_memref_index + 1 + _map_inputs(self, "tag_map") + 1

    @classmethod
    def parse(cls, parser: Parser) -> DmaStartOp:
        pos = op_name_position(parser)
        src, src_map, src_indices = _parse_dma_access(parser)
        parser.parse_punctuation(",")
        dst, dst_map, dst_indices = _parse_dma_access(parser)
        parser.parse_punctuation(",")
        tag, tag_map, tag_indices = _parse_dma_access(parser)
        parser.parse_punctuation(",")
        num_elements = parser.parse_unresolved_operand()
        strides: list[UnresolvedOperand] = []
        while parser.parse_optional_punctuation(",") is not None:
            strides.append(parser.parse_unresolved_operand())
        if strides and len(strides) != 2:
            parser.raise_error("expected two stride related operands", pos)
        parser.parse_punctuation(":")
        types = parser.parse_comma_separated_list(Parser.Delimiter.NONE, parser.parse_type)
        if len(types) != 3:
            parser.raise_error("expected three types", pos)
        index = IndexType()
        operands = [
            parser.resolve_operand(src, types[0]),
            *(parser.resolve_operand(o, index) for o in src_indices),
            parser.resolve_operand(dst, types[1]),
            *(parser.resolve_operand(o, index) for o in dst_indices),
            parser.resolve_operand(tag, types[2]),
            *(parser.resolve_operand(o, index) for o in tag_indices),
            parser.resolve_operand(num_elements, index),
            *(parser.resolve_operand(o, index) for o in strides),
        ]
        return cls.create(
            operands=operands,
            attributes={
                "dst_map": AffineMapAttr(dst_map),
                "src_map": AffineMapAttr(src_map),
                "tag_map": AffineMapAttr(tag_map),
            },
        )

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        _print_dma_access(printer, self.src_memref, self._map("src_map"), self.src_indices)
        printer.print_string(", ")
        _print_dma_access(printer, self.dst_memref, self._map("dst_map"), self.dst_indices)
        printer.print_string(", ")
        _print_dma_access(printer, self.tag_memref, self._map("tag_map"), self.tag_indices)
        printer.print_string(", ")
        printer.print_ssa_value(self.num_elements)
        if self.is_strided():
            printer.print_string(", ")
            printer.print_list(self.operands[-2:], printer.print_ssa_value)
        printer.print_string(" : ")
        printer.print_list(
            (self.src_memref.type, self.dst_memref.type, self.tag_memref.type),
            printer.print_attribute,
        )

    def _verify_invariants(self) -> None:
        """MLIR's `AffineDmaStartOp::verifyInvariantsImpl`."""
        operands = self.operands
        for index, what in (
            (self.src_memref_index, "source"),
            (self.dst_memref_index, "destination"),
            (self.tag_memref_index, "tag"),
        ):
            if index >= len(operands) or not _is_memref(operands[index].type):
                raise VerifyException(f"expected DMA {what} to be of memref type")
        num_inputs = sum(_map_inputs(self, n) for n in ("src_map", "dst_map", "tag_map"))
        if len(operands) not in (num_inputs + 4, num_inputs + 6):
            raise VerifyException("incorrect number of operands")
        _verify_dma_indices(
            self, self.src_indices, "src ", "src index to dma_start must have 'index' type"
        )
        _verify_dma_indices(
            self, self.dst_indices, "dst ", "dst index to dma_start must have 'index' type"
        )
        _verify_dma_indices(
            self, self.tag_indices, "tag ", "tag index to dma_start must have 'index' type"
        )


@irdl_op_definition
class DmaWaitOp(_AffineOp):
    """`affine.dma_wait`: blocks until the DMA transfer tracked by a tag memref element
    (indexed by an affine map of SSA ids) has completed.

    `affine.dma_wait %tag[%c0], %n : memref<1xi32>`
    """

    name = "affine.dma_wait"

    dma_operands = var_operand_def()
    tag_map = opt_attr_def(AffineMapAttr)

    traits = traits_def(_DmaWaitEffects())

    def __init__(
        self,
        tag_memref: SSAValue | Operation,
        tag_map: AffineMap | AffineMapAttr,
        tag_indices: Sequence[SSAValue | Operation],
        num_elements: SSAValue | Operation,
    ) -> None:
        super().__init__(
            operands=[[tag_memref, *tag_indices, num_elements]],
            attributes={"tag_map": _as_map_attr(tag_map)},
        )

    @property
    def tag_memref(self) -> SSAValue:
        return self.operands[0]

    @property
    def tag_indices(self) -> Sequence[SSAValue]:
        return self.operands[1 : 1 + _map_inputs(self, "tag_map")]

    @property
    def num_elements(self) -> SSAValue:
        return self.operands[1 + _map_inputs(self, "tag_map")]

    @classmethod
    def parse(cls, parser: Parser) -> DmaWaitOp:
        pos = op_name_position(parser)
        tag, tag_map, tag_indices = _parse_dma_access(parser)
        parser.parse_punctuation(",")
        num_elements = parser.parse_unresolved_operand()
        parser.parse_punctuation(":")
        tag_type = parser.parse_type()
        operands = [
            parser.resolve_operand(tag, tag_type),
            *(parser.resolve_operand(o, IndexType()) for o in tag_indices),
            parser.resolve_operand(num_elements, IndexType()),
        ]
        if not isinstance(tag_type, MemRefType):
            parser.raise_error("expected tag to be of memref type", pos)
        return cls.create(operands=operands, attributes={"tag_map": AffineMapAttr(tag_map)})

    def print(self, printer: Printer) -> None:
        attr = self.attributes.get("tag_map")
        amap = attr.data if isinstance(attr, AffineMapAttr) else AffineMap(0, 0, ())
        printer.print_string(" ")
        _print_dma_access(printer, self.tag_memref, amap, self.tag_indices)
        printer.print_string(", ")
        printer.print_ssa_value(self.num_elements)
        printer.print_string(" : ")
        printer.print_attribute(self.tag_memref.type)

    def _verify_invariants(self) -> None:
        """MLIR's `AffineDmaWaitOp::verifyInvariantsImpl`."""
        if not self.operands or not _is_memref(self.operands[0].type):
            raise VerifyException("expected DMA tag to be of memref type")
        _verify_dma_indices(self, self.tag_indices, "", "index to dma_wait must have 'index' type")


def _all_ops() -> Iterable[type[Operation]]:
    return (
        ApplyOp,
        DelinearizeIndexOp,
        DmaStartOp,
        DmaWaitOp,
        ForOp,
        IfOp,
        LinearizeIndexOp,
        LoadOp,
        MaxOp,
        MinOp,
        ParallelOp,
        PrefetchOp,
        StoreOp,
        VectorLoadOp,
        VectorStoreOp,
        YieldOp,
    )


Affine = Dialect("affine", list(_all_ops()), [])
