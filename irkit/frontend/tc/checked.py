"""The checked program: what semantic analysis and range inference establish about each
def, and what the emitter turns into `ta` IR.

Tensors are values: each statement that writes a tensor makes a new
:class:`TensorValue`, and a read names the value it reads, so a statement that updates a
tensor reads (and passes as ``init``) the value before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from irkit.dialects.ta import ReductionKind
from irkit.frontend.tc import syntax
from irkit.frontend.tc.linear import Lin
from irkit.frontend.tc.scalars import BOOL, INT32, ScalarType


@dataclass(eq=False)
class TensorValue:
    """One value of a named tensor: a parameter, or the result of one statement."""

    name: str
    element: ScalarType
    shape: tuple[Lin, ...]
    offset: int


@dataclass(eq=False)
class Read:
    """``T(indices)``: a read of a tensor value at affine indices of the statement's index
    variables and the def's sizes."""

    value: TensorValue
    indices: tuple[Lin, ...]
    offset: int


# --- typed scalar expressions --------------------------------------------------------------
# `weak` marks a value made only of literals: like C's integer constants in Halide, it takes
# the type of the operand it is combined with.


@dataclass(eq=False)
class Const:
    value: int | float
    type: ScalarType
    offset: int
    weak: bool = True


@dataclass(eq=False)
class IndexValue:
    """An index variable used as a value: an ``int32``, as in TC."""

    var: str
    offset: int
    type: ScalarType = INT32
    weak: bool = False


@dataclass(eq=False)
class SizeValue:
    """A size (a size variable or ``T.n``) used as a value: an ``int32``."""

    size: Lin
    offset: int
    type: ScalarType = INT32
    weak: bool = False


@dataclass(eq=False)
class ReadValue:
    read: Read
    type: ScalarType
    weak: bool = False

    @property
    def offset(self) -> int:
        return self.read.offset


@dataclass(eq=False)
class Arith:
    """``+ - * / %`` on two operands brought to ``type``."""

    op: str
    lhs: TExpr
    rhs: TExpr
    type: ScalarType
    offset: int
    weak: bool = False


@dataclass(eq=False)
class Negate:
    operand: TExpr
    type: ScalarType
    offset: int
    weak: bool = False


@dataclass(eq=False)
class Compare:
    """A comparison of two operands brought to ``operand_type``; a ``bool``."""

    op: str
    lhs: TExpr
    rhs: TExpr
    operand_type: ScalarType
    offset: int
    type: ScalarType = BOOL
    weak: bool = False


@dataclass(eq=False)
class Logical:
    """``&&``, ``||`` or ``!`` (``rhs`` is None) on booleans."""

    op: str
    lhs: TExpr
    rhs: TExpr | None
    offset: int
    type: ScalarType = BOOL
    weak: bool = False


@dataclass(eq=False)
class Select:
    condition: TExpr
    then: TExpr
    otherwise: TExpr
    type: ScalarType
    offset: int
    weak: bool = False


@dataclass(eq=False)
class MinMax:
    op: str
    lhs: TExpr
    rhs: TExpr
    type: ScalarType
    offset: int
    weak: bool = False


@dataclass(eq=False)
class BuiltinCall:
    """A builtin function; its arguments are brought to ``type``."""

    name: str
    args: tuple[TExpr, ...]
    type: ScalarType
    offset: int
    weak: bool = False


@dataclass(eq=False)
class Cast:
    operand: TExpr
    type: ScalarType
    offset: int
    weak: bool = False


TExpr = (
    Const
    | IndexValue
    | SizeValue
    | ReadValue
    | Arith
    | Negate
    | Compare
    | Logical
    | Select
    | MinMax
    | BuiltinCall
    | Cast
)


# --- statements and defs -------------------------------------------------------------------


@dataclass(eq=False)
class CheckedComprehension:
    """One TC statement, with its loops made explicit."""

    source: syntax.Comprehension
    result: TensorValue
    previous: TensorValue | None
    """The value the statement updates (``init``), when the tensor was written before."""
    indices: tuple[str, ...]
    """The index variables in loop order: the written ones, then the reduction ones."""
    ranges: dict[str, tuple[Lin, Lin]]
    reads: list[Read]
    """The distinct reads of the right-hand side, in order of appearance."""
    rhs: TExpr
    reduction: ReductionKind
    identity_init: bool


@dataclass(eq=False)
class CheckedCall:
    source: syntax.Call
    callee: DefInstance
    args: tuple[TensorValue, ...]
    results: tuple[TensorValue, ...]


@dataclass(eq=False)
class DefInstance:
    """A def with its sizes bound: the def as written (``binding`` holds the sizes the
    caller of :func:`irkit.frontend.tc.parse` fixed), or a specialisation for a call whose
    arguments have other static sizes."""

    definition: syntax.Definition
    symbol: str
    binding: dict[str, int]
    size_vars: list[str]
    """The dynamic size variables, in order of first appearance in the signature."""
    size_sources: dict[str, tuple[int, int]]
    """Where each dynamic size is read: (parameter, dimension)."""
    params: list[TensorValue] = field(default_factory=list["TensorValue"])
    statements: list[CheckedComprehension | CheckedCall] = field(
        default_factory=list["CheckedComprehension | CheckedCall"]
    )
    results: list[TensorValue] = field(default_factory=list["TensorValue"])
