"""The TC syntax tree, and the parser that builds it from source text with grammar.lark.

Every node records the offset in the source that diagnostics point at: an identifier's
first character, a literal's, and for operators the operator itself, as TC's own parser
locates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import cast

from lark import Lark, Token, Transformer, UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.exceptions import VisitError

from irkit.diagnostics import SourceBuffer
from irkit.frontend.tc.errors import TCError, error_at

KEYWORDS = frozenset({"def", "where", "in", "exists"})


@dataclass(frozen=True)
class Name:
    """One occurrence of an identifier."""

    text: str
    offset: int


# --- expressions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IntLiteral:
    value: int
    offset: int


@dataclass(frozen=True)
class FloatLiteral:
    value: float
    text: str
    offset: int


@dataclass(frozen=True)
class Ident:
    """A bare identifier: an index, size, scalar tensor or let-bound variable."""

    name: str
    offset: int


@dataclass(frozen=True)
class Apply:
    """``name(args)``: a tensor read, a builtin call or a cast (``float(x)``)."""

    name: Name
    args: tuple[Expr, ...]

    @property
    def offset(self) -> int:
        return self.name.offset


@dataclass(frozen=True)
class DimSelect:
    """``T.n``: the size of dimension ``n`` of tensor ``T``."""

    name: Name
    dim: int

    @property
    def offset(self) -> int:
        return self.name.offset


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Expr
    offset: int


@dataclass(frozen=True)
class Binary:
    op: str
    lhs: Expr
    rhs: Expr
    offset: int


@dataclass(frozen=True)
class Conditional:
    condition: Expr
    then: Expr
    otherwise: Expr
    offset: int


Expr = IntLiteral | FloatLiteral | Ident | Apply | DimSelect | Unary | Binary | Conditional


def start_of(expr: Expr) -> int:
    """Where ``expr`` begins in the source (its ``offset`` is its operator's)."""
    if isinstance(expr, Binary):
        return start_of(expr.lhs)
    if isinstance(expr, Conditional):
        return start_of(expr.condition)
    return expr.offset


# --- statements and definitions -------------------------------------------------------------


@dataclass(frozen=True)
class RangeClause:
    """``where i in lo:hi``."""

    var: Name
    low: Expr
    high: Expr


@dataclass(frozen=True)
class ExistsClause:
    """``where exists T(i)``: an access used only for range inference."""

    expr: Expr
    offset: int


@dataclass(frozen=True)
class LetClause:
    """``where x = e``: ``x`` stands for ``e`` in the statement."""

    var: Name
    expr: Expr


WhereClause = RangeClause | ExistsClause | LetClause


@dataclass(frozen=True)
class Comprehension:
    """``T(i, j) op rhs where ...``; ``indices`` is None for ``T op rhs`` (rank 0)."""

    target: Name
    indices: tuple[Expr, ...] | None
    op: str
    op_offset: int
    rhs: Expr
    where: tuple[WhereClause, ...]


@dataclass(frozen=True)
class Call:
    """``C, D = f(A, B)``: a call of another def of the file."""

    targets: tuple[Name, ...]
    callee: Name
    args: tuple[Name, ...]


Statement = Comprehension | Call


@dataclass(frozen=True)
class ConstantDim:
    value: int
    offset: int


@dataclass(frozen=True)
class TensorType:
    """``float(M, 4)``; ``dims`` is empty for a rank-0 ``float``."""

    scalar: Name
    dims: tuple[Name | ConstantDim, ...]


@dataclass(frozen=True)
class Param:
    type: TensorType
    name: Name


@dataclass(frozen=True)
class Output:
    """An output of a def; ``type`` is None when it is inferred."""

    name: Name
    type: TensorType | None


@dataclass(frozen=True)
class Definition:
    name: Name
    params: tuple[Param, ...]
    outputs: tuple[Output, ...]
    statements: tuple[Statement, ...]
    end_offset: int


# --- parsing -------------------------------------------------------------------------------


@cache
def _parser() -> Lark:
    grammar = files("irkit.frontend.tc").joinpath("grammar.lark").read_text()
    return Lark(grammar, parser="lalr", lexer="contextual", maybe_placeholders=True)


def _of(children: list[object], kind: type | tuple[type, ...]) -> list:
    return [c for c in children if isinstance(c, kind)]


def _is_expr(child: object) -> bool:
    return isinstance(
        child, IntLiteral | FloatLiteral | Ident | Apply | DimSelect | Unary | Binary | Conditional
    )


# Integers are at most 64-bit, as MLIR's affine constants and TC's largest type.
_INT_LIMIT = 2**63


class _Problem(Exception):
    """A token the grammar accepts but the language does not."""

    def __init__(self, token: Token, message: str) -> None:
        self.token = token
        self.message = message


def _name(token: Token) -> Name:
    if token.value in KEYWORDS:
        raise _Problem(token, f"'{token.value}' is a keyword, not a name")
    return Name(token.value, token.start_pos or 0)


def _integer(token: Token) -> int:
    value = int(token.value)
    if value >= _INT_LIMIT:
        raise _Problem(token, f"integer literal {token.value} is too large")
    return value


class _Builder(Transformer):
    """Turns lark's parse tree into the syntax tree above."""

    def start(self, children: list[object]) -> list[Definition]:
        return _of(children, Definition)

    def definition(self, children: list[object]) -> Definition:
        tokens = _of(children, Token)
        outputs = next(c for c in children if isinstance(c, tuple))
        return Definition(
            name=_name(tokens[1]),
            params=tuple(_of(children, Param)),
            outputs=outputs,
            statements=tuple(_of(children, Comprehension | Call)),
            end_offset=tokens[-1].start_pos or 0,
        )

    def outputs(self, children: list[object]) -> tuple[Output, ...]:
        return tuple(_of(children, Output))

    def inferred_output(self, children: list[Token]) -> Output:
        return Output(_name(children[0]), None)

    def typed_output(self, children: list[object]) -> Output:
        tensor_type, name = children
        assert isinstance(tensor_type, TensorType) and isinstance(name, Token)
        return Output(_name(name), tensor_type)

    def param(self, children: list[object]) -> Param:
        tensor_type, name = children
        assert isinstance(tensor_type, TensorType) and isinstance(name, Token)
        return Param(tensor_type, _name(name))

    def tensor_type(self, children: list[Token | None]) -> TensorType:
        scalar, *rest = children
        assert scalar is not None
        dims: list[Name | ConstantDim] = []
        for token in rest:
            if token is None or (token.type != "INT" and token.type != "IDENT"):
                continue
            if token.type == "INT":
                dims.append(ConstantDim(_integer(token), token.start_pos or 0))
            else:
                dims.append(_name(token))
        return TensorType(_name(scalar), tuple(dims))

    def comprehension(self, children: list[object]) -> Comprehension:
        target = children[0]
        assert isinstance(target, Token)
        has_indices = isinstance(children[1], Token) and children[1].type == "LPAR"
        assign = next(
            c for c in children if isinstance(c, Token) and c.type in ("EQUAL", "REDUCE_OP")
        )
        position = children.index(assign)
        indices = tuple(cast(Expr, c) for c in children[:position] if _is_expr(c))
        rhs = children[position + 1]
        where = children[position + 2]
        return Comprehension(
            target=_name(target),
            indices=indices if has_indices else None,
            op=assign.value,
            op_offset=assign.start_pos or 0,
            rhs=cast(Expr, rhs),
            where=where if isinstance(where, tuple) else (),
        )

    def call(self, children: list[object]) -> Call:
        tokens = [c for c in children if isinstance(c, Token)]
        equal = next(i for i, t in enumerate(tokens) if t.type == "EQUAL")
        names = [t for t in tokens if t.type == "IDENT"]
        targets = [t for t in tokens[:equal] if t.type == "IDENT"]
        callee, *args = names[len(targets) :]
        return Call(tuple(map(_name, targets)), _name(callee), tuple(map(_name, args)))

    def where_clauses(self, children: list[object]) -> tuple[WhereClause, ...]:
        return tuple(_of(children, RangeClause | ExistsClause | LetClause))

    def range_clause(self, children: list[object]) -> RangeClause:
        var, _, low, _, high = children
        assert isinstance(var, Token)
        return RangeClause(_name(var), cast(Expr, low), cast(Expr, high))

    def exists_clause(self, children: list[object]) -> ExistsClause:
        keyword, expr = children
        assert isinstance(keyword, Token)
        return ExistsClause(cast(Expr, expr), keyword.start_pos or 0)

    def let_clause(self, children: list[object]) -> LetClause:
        var, _, expr = children
        assert isinstance(var, Token)
        return LetClause(_name(var), cast(Expr, expr))

    def conditional(self, children: list[object]) -> Conditional:
        condition, mark, then, _, otherwise = children
        assert isinstance(mark, Token)
        parts = cast(tuple[Expr, Expr, Expr], (condition, then, otherwise))
        return Conditional(*parts, mark.start_pos or 0)

    def binary(self, children: list[object]) -> Binary:
        lhs, op, rhs = children
        assert isinstance(op, Token)
        return Binary(op.value, cast(Expr, lhs), cast(Expr, rhs), op.start_pos or 0)

    def unary(self, children: list[object]) -> Unary:
        op, operand = children
        assert isinstance(op, Token)
        return Unary(op.value, cast(Expr, operand), op.start_pos or 0)

    def int_literal(self, children: list[Token]) -> IntLiteral:
        return IntLiteral(_integer(children[0]), children[0].start_pos or 0)

    def float_literal(self, children: list[Token]) -> FloatLiteral:
        token = children[0]
        return FloatLiteral(float(token.value.rstrip("fF")), token.value, token.start_pos or 0)

    def name(self, children: list[Token]) -> Ident:
        name = _name(children[0])
        return Ident(name.text, name.offset)

    def apply(self, children: list[object]) -> Apply:
        name = children[0]
        assert isinstance(name, Token)
        return Apply(_name(name), tuple(cast(Expr, c) for c in children[1:] if _is_expr(c)))

    def dim_select(self, children: list[Token]) -> DimSelect:
        return DimSelect(_name(children[0]), _integer(children[2]))

    def parenthesized(self, children: list[object]) -> Expr:
        return cast(Expr, children[1])


# How a terminal is named in "expected ..." messages.
_TERMINAL_TEXT = {
    "IDENT": "an identifier",
    "INT": "an integer",
    "FLOAT": "a number",
    "REDUCE_OP": "a reduction operator",
    "COMPARE": "a comparison",
    "DEF": "'def'",
    "WHERE": "'where'",
    "IN": "'in'",
    "EXISTS": "'exists'",
    "$END": "end of input",
}
_EXPRESSION_START = frozenset({"IDENT", "INT", "FLOAT", "LPAR", "MINUS", "BANG"})
_BINARY_OPERATORS = frozenset(
    {"PLUS", "MINUS", "STAR", "SLASH", "PERCENT", "COMPARE", "AND", "OR", "QMARK"}
)
_ORDER = [
    "an expression",
    "an operator",
    "an assignment ('=', '+=', '+=!', 'max=!', ...)",
    "an identifier",
    "an integer",
    "'def'",
    "'where'",
    "'in'",
    "'exists'",
    "'->'",
    "'('",
    "')'",
    "'{'",
    "'}'",
    "','",
    "':'",
    "'='",
    "end of input",
]


def _terminal_text(name: str) -> str:
    if name in _TERMINAL_TEXT:
        return _TERMINAL_TEXT[name]
    pattern = _parser().get_terminal(name).pattern
    return f"'{pattern.value}'"


def _expected(names: set[str]) -> str:
    texts: set[str] = set()
    if names >= _EXPRESSION_START:
        texts.add("an expression")
        names = names - _EXPRESSION_START
    if names >= _BINARY_OPERATORS:
        texts.add("an operator")
        names = names - _BINARY_OPERATORS
    if {"EQUAL", "REDUCE_OP"} <= names:
        texts.add("an assignment ('=', '+=', '+=!', 'max=!', ...)")
        names = names - {"EQUAL", "REDUCE_OP"}
    texts.update(_terminal_text(name) for name in names)
    ordered = sorted(texts, key=lambda t: (_ORDER.index(t) if t in _ORDER else len(_ORDER), t))
    if len(ordered) == 1:
        return ordered[0]
    return ", ".join(ordered[:-1]) + " or " + ordered[-1]


_ASSIGNMENT = re.compile(r"(\+|\*|min|max)?=!?")


def _second_assignment(text: str, offset: int) -> re.Match[str] | None:
    """The assignment or reduction operator covering ``offset`` (which the lexer split,
    as ``+=!`` in an expression reads as ``+``, ``=``, ``!``), if any."""
    for start in range(max(offset - 4, 0), offset + 1):
        match = _ASSIGNMENT.match(text, start)
        if match is not None and match.end() > offset and text[offset : offset + 2] != "==":
            return match
    return None


def _syntax_error(buffer: SourceBuffer, error: UnexpectedInput) -> TCError:
    offset = error.pos_in_stream or 0
    if isinstance(error, UnexpectedCharacters):
        return error_at(buffer, offset, f"unexpected character '{error.char}'")
    assert isinstance(error, UnexpectedToken)
    token = error.token
    # The interactive parser knows exactly which tokens fit; `expected` over-approximates
    # after LALR's default reductions.
    parser = error.interactive_parser
    expected = set(parser.accepts()) if parser is not None else set(error.expected)
    if token.type == "EQUAL" and not expected & {"EQUAL", "REDUCE_OP"}:
        second = _second_assignment(buffer.text, offset)
        if second is not None:
            return error_at(
                buffer,
                second.start(),
                f"unexpected '{second.group()}': a statement has a single assignment or "
                "reduction operator",
            )
    found = "end of input" if token.type == "$END" else f"'{token.value}'"
    if token.type == "$END":
        offset = len(buffer.text.rstrip())
    return error_at(buffer, offset, f"expected {_expected(expected)}, found {found}")


def parse_definitions(buffer: SourceBuffer) -> list[Definition]:
    """The defs of a TC source, in order; a syntax error raises :class:`TCError`."""
    try:
        tree = _parser().parse(buffer.text)
    except UnexpectedInput as error:
        raise _syntax_error(buffer, error) from None
    try:
        return _Builder().transform(tree)
    except VisitError as error:
        # lark wraps the errors raised in a transformer's callbacks.
        if isinstance(error.orig_exc, _Problem):
            problem = error.orig_exc
            raise error_at(buffer, problem.token.start_pos or 0, problem.message) from None
        raise error.orig_exc from None
