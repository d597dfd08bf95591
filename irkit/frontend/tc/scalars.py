"""TC's scalar types and its rules for mixing them (``match_types`` in TC's sema.h)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from xdsl.dialects.builtin import AnyFloat, Float16Type, Float32Type, Float64Type, IntegerType
from xdsl.ir import Attribute


class Kind(StrEnum):
    INT = "int"
    UINT = "uint"
    FLOAT = "float"


@dataclass(frozen=True)
class ScalarType:
    """A TC scalar type: signed or unsigned integers (``bool`` is a 1-bit unsigned one, as
    in TC) and floats."""

    kind: Kind
    bits: int

    @property
    def is_float(self) -> bool:
        return self.kind == Kind.FLOAT

    @property
    def is_integer(self) -> bool:
        return self.kind != Kind.FLOAT

    @property
    def is_signed(self) -> bool:
        return self.kind == Kind.INT

    @property
    def is_bool(self) -> bool:
        return self == BOOL

    def mlir(self) -> Attribute:
        """The MLIR type: signless integers, the sign lives in the ops."""
        return self.mlir_float() if self.is_float else self.mlir_integer()

    def mlir_float(self) -> AnyFloat:
        return {16: Float16Type(), 32: Float32Type(), 64: Float64Type()}[self.bits]

    def mlir_integer(self) -> IntegerType:
        return IntegerType(self.bits)

    def __str__(self) -> str:
        return next(name for name, scalar in SCALAR_TYPES.items() if scalar == self)


BOOL = ScalarType(Kind.UINT, 1)
INT32 = ScalarType(Kind.INT, 32)
INT64 = ScalarType(Kind.INT, 64)
FLOAT32 = ScalarType(Kind.FLOAT, 32)

# TC's type names (lexer.h), with `half` for float16. The first name of a type is the one
# messages use.
SCALAR_TYPES: dict[str, ScalarType] = {
    "bool": BOOL,
    "uint8": ScalarType(Kind.UINT, 8),
    "uint16": ScalarType(Kind.UINT, 16),
    "uint32": ScalarType(Kind.UINT, 32),
    "uint64": ScalarType(Kind.UINT, 64),
    "int8": ScalarType(Kind.INT, 8),
    "int16": ScalarType(Kind.INT, 16),
    "int32": INT32,
    "int64": INT64,
    "half": ScalarType(Kind.FLOAT, 16),
    "float": FLOAT32,
    "double": ScalarType(Kind.FLOAT, 64),
    "float16": ScalarType(Kind.FLOAT, 16),
    "float32": FLOAT32,
    "float64": ScalarType(Kind.FLOAT, 64),
}


def match_types(a: ScalarType, b: ScalarType) -> ScalarType:
    """The type two operands are brought to, as TC's ``match_types``: a float wins over an
    integer, the wider float or unsigned type wins, and mixed signed/unsigned integers give
    the signed type of the wider width."""
    if a == b:
        return a
    if a.is_float != b.is_float:
        return a if a.is_float else b
    if a.is_float or a.kind == b.kind == Kind.UINT:
        return a if a.bits > b.bits else b
    return ScalarType(Kind.INT, max(a.bits, b.bits, 8))


def is_narrowing(source: ScalarType, target: ScalarType) -> bool:
    """Whether storing a ``source`` value into a ``target`` tensor needs a cast: TC refuses
    it when ``match_types`` would not give ``target``."""
    return match_types(source, target) != target
