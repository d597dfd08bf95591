"""MLIR's `index` dialect: integer arithmetic on `index` values whose width is the target's.

xDSL 0.74 has no index dialect. This is MLIR 22's, with its custom syntax
(https://mlir.llvm.org/docs/Dialects/IndexOps/):

    %c = index.constant 42
    %t = index.bool.constant true
    %s = index.add %a, %b
    %p = index.cmp slt(%a, %b)
    %i = index.casts %x : i32 to index
    %n = index.sizeof

Each op checks its operand, result and property kinds itself, before xDSL's generic
constraint check, so that its errors read as MLIR's ODS verifier words them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from xdsl.dialects.builtin import (
    BoolAttr,
    IndexType,
    IndexTypeConstr,
    IntegerAttr,
    IntegerType,
    i1,
)
from xdsl.dialects.utils import EnumAttribute
from xdsl.ir import Attribute, Dialect, Operation, SpacedOpaqueSyntaxAttribute, SSAValue
from xdsl.irdl import (
    EqAttrConstraint,
    IRDLOperation,
    irdl_attr_definition,
    irdl_op_definition,
    operand_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.traits import Commutative, ConstantLike, Pure
from xdsl.utils.exceptions import VerifyException
from xdsl.utils.str_enum import StrEnum

TypeRule = tuple[Callable[[Attribute], bool], str]
"""Whether a type is accepted, and ODS's description of what is accepted."""

_INDEX: TypeRule = (lambda type: isinstance(type, IndexType), "index")
_BOOL: TypeRule = (lambda type: type == i1, "1-bit signless integer")
_INTEGER_OR_INDEX: TypeRule = (
    lambda type: isinstance(type, IntegerType | IndexType),
    "integer or index",
)


class IndexCmpPredicate(StrEnum):
    """The comparisons of `index.cmp`, in MLIR's order."""

    EQ = "eq"
    NE = "ne"
    SLT = "slt"
    SLE = "sle"
    SGT = "sgt"
    SGE = "sge"
    ULT = "ult"
    ULE = "ule"
    UGT = "ugt"
    UGE = "uge"


@irdl_attr_definition
class IndexCmpPredicateAttr(EnumAttribute[IndexCmpPredicate], SpacedOpaqueSyntaxAttribute):
    """`#index<cmp_predicate slt>`: the predicate of `index.cmp`."""

    name = "index.cmp_predicate"


def _check_types(kind: str, values: Sequence[SSAValue], rules: Sequence[TypeRule]) -> None:
    """ODS's `<kind> #<i> must be <description>, but got '<type>'`."""
    for position, (value, (accepts, description)) in enumerate(zip(values, rules, strict=True)):
        if not accepts(value.type):
            raise VerifyException(
                f"{kind} #{position} must be {description}, but got '{value.type}'"
            )


class _IndexOp(IRDLOperation):
    """Shared verification: operand and result kinds, then required properties, with
    MLIR's wording, before xDSL's own checks."""

    OPERAND_RULES: ClassVar[tuple[TypeRule, ...]] = ()
    RESULT_RULES: ClassVar[tuple[TypeRule, ...]] = ()

    def verify(self, verify_nested_ops: bool = True) -> None:
        if len(self.operands) == len(self.OPERAND_RULES):
            _check_types("operand", self.operands, self.OPERAND_RULES)
        if len(self.results) == len(self.RESULT_RULES):
            _check_types("result", self.results, self.RESULT_RULES)
        self._verify_properties()
        super().verify(verify_nested_ops)

    def _verify_properties(self) -> None:
        return


def _require(op: Operation, name: str, accepts: Callable[[Attribute], bool], what: str) -> None:
    """ODS's checks of a required property: present, then of the right kind."""
    value = op.properties.get(name)
    if value is None:
        raise VerifyException(f"requires attribute '{name}'")
    if not accepts(value):
        raise VerifyException(f"attribute '{name}' failed to satisfy constraint: {what}")


@irdl_op_definition
class ConstantOp(_IndexOp):
    """`index.constant`: an index constant."""

    name = "index.constant"

    value = prop_def(IntegerAttr.constr(IndexTypeConstr))
    result = result_def(IndexType)

    RESULT_RULES: ClassVar[tuple[TypeRule, ...]] = (_INDEX,)
    traits = traits_def(Pure(), ConstantLike())
    assembly_format = "attr-dict $value"

    def __init__(self, value: int) -> None:
        super().__init__(
            result_types=[IndexType()], properties={"value": IntegerAttr(value, IndexType())}
        )

    def _verify_properties(self) -> None:
        _require(
            self,
            "value",
            lambda value: isinstance(value, IntegerAttr) and isinstance(value.type, IndexType),
            "index attribute",
        )


@irdl_op_definition
class BoolConstantOp(_IndexOp):
    """`index.bool.constant`: an i1 constant, for the results of folded `index.cmp`."""

    name = "index.bool.constant"

    value = prop_def(BoolAttr)
    result = result_def(EqAttrConstraint(i1))

    RESULT_RULES: ClassVar[tuple[TypeRule, ...]] = (_BOOL,)
    traits = traits_def(Pure(), ConstantLike())
    assembly_format = "attr-dict $value"

    def __init__(self, value: bool) -> None:
        super().__init__(result_types=[i1], properties={"value": IntegerAttr(int(value), i1)})

    def _verify_properties(self) -> None:
        _require(
            self,
            "value",
            lambda value: isinstance(value, IntegerAttr) and value.type == i1,
            "bool attribute",
        )


class _BinaryOp(_IndexOp):
    """Two index operands, one index result: `index.<op> %lhs, %rhs`."""

    lhs = operand_def(IndexType)
    rhs = operand_def(IndexType)
    result = result_def(IndexType)

    OPERAND_RULES: ClassVar[tuple[TypeRule, ...]] = (_INDEX, _INDEX)
    RESULT_RULES: ClassVar[tuple[TypeRule, ...]] = (_INDEX,)
    assembly_format = "$lhs `,` $rhs attr-dict"

    def __init__(self, lhs: SSAValue | Operation, rhs: SSAValue | Operation) -> None:
        super().__init__(operands=[lhs, rhs], result_types=[IndexType()])


@irdl_op_definition
class AddOp(_BinaryOp):
    """`index.add`: sum."""

    name = "index.add"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class SubOp(_BinaryOp):
    """`index.sub`: difference."""

    name = "index.sub"
    traits = traits_def(Pure())


@irdl_op_definition
class MulOp(_BinaryOp):
    """`index.mul`: product."""

    name = "index.mul"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class DivSOp(_BinaryOp):
    """`index.divs`: signed quotient, rounded towards zero."""

    name = "index.divs"
    traits = traits_def(Pure())


@irdl_op_definition
class DivUOp(_BinaryOp):
    """`index.divu`: unsigned quotient."""

    name = "index.divu"
    traits = traits_def(Pure())


@irdl_op_definition
class CeilDivSOp(_BinaryOp):
    """`index.ceildivs`: signed quotient, rounded towards positive infinity."""

    name = "index.ceildivs"
    traits = traits_def(Pure())


@irdl_op_definition
class CeilDivUOp(_BinaryOp):
    """`index.ceildivu`: unsigned quotient, rounded up."""

    name = "index.ceildivu"
    traits = traits_def(Pure())


@irdl_op_definition
class FloorDivSOp(_BinaryOp):
    """`index.floordivs`: signed quotient, rounded towards negative infinity."""

    name = "index.floordivs"
    traits = traits_def(Pure())


@irdl_op_definition
class RemSOp(_BinaryOp):
    """`index.rems`: signed remainder, with the sign of the dividend."""

    name = "index.rems"
    traits = traits_def(Pure())


@irdl_op_definition
class RemUOp(_BinaryOp):
    """`index.remu`: unsigned remainder."""

    name = "index.remu"
    traits = traits_def(Pure())


@irdl_op_definition
class MaxSOp(_BinaryOp):
    """`index.maxs`: signed maximum."""

    name = "index.maxs"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class MaxUOp(_BinaryOp):
    """`index.maxu`: unsigned maximum."""

    name = "index.maxu"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class MinSOp(_BinaryOp):
    """`index.mins`: signed minimum."""

    name = "index.mins"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class MinUOp(_BinaryOp):
    """`index.minu`: unsigned minimum."""

    name = "index.minu"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class ShlOp(_BinaryOp):
    """`index.shl`: left shift."""

    name = "index.shl"
    traits = traits_def(Pure())


@irdl_op_definition
class ShrSOp(_BinaryOp):
    """`index.shrs`: arithmetic right shift."""

    name = "index.shrs"
    traits = traits_def(Pure())


@irdl_op_definition
class ShrUOp(_BinaryOp):
    """`index.shru`: logical right shift."""

    name = "index.shru"
    traits = traits_def(Pure())


@irdl_op_definition
class AndOp(_BinaryOp):
    """`index.and`: bitwise and."""

    name = "index.and"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class OrOp(_BinaryOp):
    """`index.or`: bitwise or."""

    name = "index.or"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class XOrOp(_BinaryOp):
    """`index.xor`: bitwise exclusive or."""

    name = "index.xor"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class CmpOp(_IndexOp):
    """`index.cmp`: compares two index values; `index.cmp slt(%a, %b)`."""

    name = "index.cmp"

    pred = prop_def(IndexCmpPredicateAttr)
    lhs = operand_def(IndexType)
    rhs = operand_def(IndexType)
    result = result_def(EqAttrConstraint(i1))

    OPERAND_RULES: ClassVar[tuple[TypeRule, ...]] = (_INDEX, _INDEX)
    RESULT_RULES: ClassVar[tuple[TypeRule, ...]] = (_BOOL,)
    traits = traits_def(Pure())
    assembly_format = "$pred `(` $lhs `,` $rhs `)` attr-dict"

    def __init__(
        self,
        predicate: IndexCmpPredicate,
        lhs: SSAValue | Operation,
        rhs: SSAValue | Operation,
    ) -> None:
        super().__init__(
            operands=[lhs, rhs],
            result_types=[i1],
            properties={"pred": IndexCmpPredicateAttr(predicate)},
        )

    def _verify_properties(self) -> None:
        _require(
            self,
            "pred",
            lambda value: isinstance(value, IndexCmpPredicateAttr),
            "index comparison predicate kind",
        )


class _CastOp(_IndexOp):
    """A cast between index and an integer type: exactly one side is index."""

    # Any type parses; the kinds are checked by the rules below, after parsing, as in MLIR.
    input = operand_def()
    output = result_def()

    OPERAND_RULES: ClassVar[tuple[TypeRule, ...]] = (_INTEGER_OR_INDEX,)
    RESULT_RULES: ClassVar[tuple[TypeRule, ...]] = (_INTEGER_OR_INDEX,)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` type($input) `to` type($output)"

    def __init__(self, value: SSAValue | Operation, result_type: Attribute) -> None:
        super().__init__(operands=[value], result_types=[result_type])

    def verify_(self) -> None:
        # MLIR's CastOpInterface: a cast between two index or two integer types is refused.
        source, target = self.input.type, self.output.type
        if isinstance(source, IndexType) == isinstance(target, IndexType):
            raise VerifyException(
                f"operand type '{source}' and result type '{target}' are cast incompatible"
            )


@irdl_op_definition
class CastSOp(_CastOp):
    """`index.casts`: sign-extends or truncates between index and an integer type."""

    name = "index.casts"


@irdl_op_definition
class CastUOp(_CastOp):
    """`index.castu`: zero-extends or truncates between index and an integer type."""

    name = "index.castu"


@irdl_op_definition
class SizeOfOp(_IndexOp):
    """`index.sizeof`: the width of index in bits on the target."""

    name = "index.sizeof"

    result = result_def(IndexType)

    RESULT_RULES: ClassVar[tuple[TypeRule, ...]] = (_INDEX,)
    traits = traits_def(Pure())
    assembly_format = "attr-dict"

    def __init__(self) -> None:
        super().__init__(result_types=[IndexType()])


BINARY_OPS: tuple[type[_BinaryOp], ...] = (
    AddOp,
    SubOp,
    MulOp,
    DivSOp,
    DivUOp,
    CeilDivSOp,
    CeilDivUOp,
    FloorDivSOp,
    RemSOp,
    RemUOp,
    MaxSOp,
    MaxUOp,
    MinSOp,
    MinUOp,
    ShlOp,
    ShrSOp,
    ShrUOp,
    AndOp,
    OrOp,
    XOrOp,
)

Index = Dialect(
    "index",
    [ConstantOp, BoolConstantOp, *BINARY_OPS, CmpOp, CastSOp, CastUOp, SizeOfOp],
    [IndexCmpPredicateAttr],
)
