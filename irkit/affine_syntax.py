"""MLIR's textual syntax for affine expressions, maps and integer sets.

MLIR builds affine expressions through simplifying constructors (``d0 + 1 + 2`` is
``d0 + 3``, constants and symbolic terms go right) and prints them with its own
precedence rules; ``mlir-opt`` output depends on both. xDSL's attribute parser builds and
prints expressions differently (it distributes products over sums, parenthesizes fully,
and rejects semi-affine maps). This module is the MLIR behaviour: irkit's parser and printer
use it for every ``affine_map<...>`` and ``affine_set<...>``, and the affine dialect for
its ``[%i + symbol(%n)]`` index lists.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import cast

from xdsl.dialects.builtin import AffineMapAttr, AffineSetAttr, IndexType
from xdsl.ir import SSAValue
from xdsl.ir.affine import (
    AffineBinaryOpExpr,
    AffineBinaryOpKind,
    AffineConstantExpr,
    AffineConstraintExpr,
    AffineConstraintKind,
    AffineDimExpr,
    AffineExpr,
    AffineMap,
    AffineSet,
    AffineSymExpr,
)
from xdsl.parser import AttrParser, Parser, UnresolvedOperand
from xdsl.printer import Printer
from xdsl.utils.mlir_lexer import MLIRTokenKind

from irkit.parsing import core_parsing, raise_wrong_token

# ---------------------------------------------------------------------------
# Affine expressions, built and printed the way MLIR builds and prints them
# ---------------------------------------------------------------------------

_ADD = AffineBinaryOpKind.Add
_MUL = AffineBinaryOpKind.Mul
_MOD = AffineBinaryOpKind.Mod
_FLOORDIV = AffineBinaryOpKind.FloorDiv
_CEILDIV = AffineBinaryOpKind.CeilDiv


def _cst(value: int) -> AffineConstantExpr:
    return AffineConstantExpr(value)


def _const_value(expr: AffineExpr) -> int | None:
    return expr.value if isinstance(expr, AffineConstantExpr) else None


def _binop(expr: AffineExpr, kind: AffineBinaryOpKind) -> AffineBinaryOpExpr | None:
    if isinstance(expr, AffineBinaryOpExpr) and expr.kind == kind:
        return expr
    return None


def _is_symbolic_or_constant(expr: AffineExpr) -> bool:
    if isinstance(expr, AffineDimExpr):
        return False
    if isinstance(expr, AffineBinaryOpExpr):
        return _is_symbolic_or_constant(expr.lhs) and _is_symbolic_or_constant(expr.rhs)
    return True


def largest_known_divisor(expr: AffineExpr) -> int:
    if isinstance(expr, AffineConstantExpr):
        return abs(expr.value)
    if not isinstance(expr, AffineBinaryOpExpr):
        return 1
    if expr.kind in (_FLOORDIV, _CEILDIV):
        rhs = _const_value(expr.rhs)
        if rhs:
            lhs_div = largest_known_divisor(expr.lhs)
            if lhs_div % rhs == 0:
                return lhs_div // rhs
        return 1
    if expr.kind == _MUL:
        return largest_known_divisor(expr.lhs) * largest_known_divisor(expr.rhs)
    return math.gcd(largest_known_divisor(expr.lhs), largest_known_divisor(expr.rhs))


def _ids_out_of_order(lhs: AffineExpr, rhs: AffineExpr) -> bool:
    # `d1 + d0` becomes `d0 + d1` and `s1 * s0` becomes `s0 * s1` (as mlir-opt 22 does).
    return (
        type(lhs) is type(rhs)
        and isinstance(lhs, AffineDimExpr | AffineSymExpr)
        and cast(AffineDimExpr, rhs).position < cast(AffineDimExpr, lhs).position
    )


def _c_div(lhs: int, rhs: int) -> int:
    # C++ integer division truncates towards zero.
    quotient = abs(lhs) // abs(rhs)
    return quotient if (lhs >= 0) == (rhs >= 0) else -quotient


def expr_add(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    """`lhs + rhs`, simplified as MLIR's `AffineExpr::operator+` does."""
    lhs_c, rhs_c = _const_value(lhs), _const_value(rhs)
    if lhs_c is not None and rhs_c is not None:
        return _cst(lhs_c + rhs_c)
    # Constants, then symbolic terms, go to the right.
    if lhs_c is not None or (_is_symbolic_or_constant(lhs) and not _is_symbolic_or_constant(rhs)):
        return expr_add(rhs, lhs)
    if _ids_out_of_order(lhs, rhs):
        return expr_add(rhs, lhs)
    if rhs_c == 0:
        return lhs
    l_add = _binop(lhs, _ADD)
    if l_add is not None and rhs_c is not None and (lr := _const_value(l_add.rhs)) is not None:
        return expr_add(l_add.lhs, _cst(lr + rhs_c))
    # c1 * e + c2 * e -> (c1 + c2) * e
    l_mul, r_mul = _binop(lhs, _MUL), _binop(rhs, _MUL)
    first, first_c = lhs, 1
    if l_mul is not None and (c := _const_value(l_mul.rhs)) is not None:
        first, first_c = l_mul.lhs, c
    second, second_c = rhs, 1
    if r_mul is not None and (c := _const_value(r_mul.rhs)) is not None:
        second, second_c = r_mul.lhs, c
    if first == second:
        return expr_mul(first, _cst(first_c + second_c))
    if l_add is not None and (lr := _const_value(l_add.rhs)) is not None:
        return expr_add(expr_add(l_add.lhs, rhs), _cst(lr))
    # e - (e floordiv q) * q -> e mod q
    if isinstance(rhs, AffineBinaryOpExpr):
        lrhs, rrhs = rhs.lhs, rhs.rhs
        lrhs_mul = _binop(lrhs, _MUL)
        if _const_value(rrhs) == -1 and lrhs_mul is not None:
            floordiv = _binop(lrhs_mul.lhs, _FLOORDIV)
            if floordiv is None:
                return AffineBinaryOpExpr(_ADD, lhs, rhs)
            if floordiv.rhs == lrhs_mul.rhs and lhs == floordiv.lhs:
                return expr_mod(lhs, lrhs_mul.rhs)
        floordiv = _binop(lrhs, _FLOORDIV)
        if floordiv is not None and lhs == floordiv.lhs and floordiv.rhs == expr_neg(rrhs):
            return expr_mod(lhs, floordiv.rhs)
    # (a + b) + (e floordiv q) * c -> a + (b + (e floordiv q) * c) when the inner
    # sum simplifies, so that `a + e - (e floordiv q) * q` becomes `a + e mod q`.
    # (Inferred from mlir-opt 22's output.)
    if l_add is not None and r_mul is not None and _binop(r_mul.lhs, _FLOORDIV) is not None:
        inner = expr_add(l_add.rhs, rhs)
        if inner != AffineBinaryOpExpr(_ADD, l_add.rhs, rhs):
            return expr_add(l_add.lhs, inner)
    return AffineBinaryOpExpr(_ADD, lhs, rhs)


def expr_mul(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    """`lhs * rhs`, simplified as MLIR's `AffineExpr::operator*` does."""
    lhs_c, rhs_c = _const_value(lhs), _const_value(rhs)
    if lhs_c is not None and rhs_c is not None:
        return _cst(lhs_c * rhs_c)
    # The constant or symbolic factor goes to the right.
    if lhs_c is not None or (not _is_symbolic_or_constant(rhs) and _is_symbolic_or_constant(lhs)):
        return expr_mul(rhs, lhs)
    if _ids_out_of_order(lhs, rhs):
        return expr_mul(rhs, lhs)
    if rhs_c == 1:
        return lhs
    if rhs_c == 0:
        return rhs
    l_mul = _binop(lhs, _MUL)
    if l_mul is not None and (lr := _const_value(l_mul.rhs)) is not None:
        if rhs_c is not None:
            return expr_mul(l_mul.lhs, _cst(lr * rhs_c))
        return expr_mul(expr_mul(l_mul.lhs, rhs), _cst(lr))
    return AffineBinaryOpExpr(_MUL, lhs, rhs)


def expr_neg(expr: AffineExpr) -> AffineExpr:
    """`-expr`, i.e. `expr * -1` as in MLIR."""
    return expr_mul(expr, _cst(-1))


def expr_sub(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    """`lhs - rhs`, i.e. `lhs + rhs * -1` as in MLIR."""
    return expr_add(lhs, expr_neg(rhs))


def expr_floordiv(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    """`lhs floordiv rhs`, simplified as MLIR's `AffineExpr::floorDiv` does."""
    divisor = _const_value(rhs)
    if divisor is None or divisor < 1:
        return AffineBinaryOpExpr(_FLOORDIV, lhs, rhs)
    if (lhs_c := _const_value(lhs)) is not None:
        return _cst(lhs_c // divisor)
    if divisor == 1:
        return lhs
    l_mul = _binop(lhs, _MUL)
    if l_mul is not None and (lr := _const_value(l_mul.rhs)) is not None and lr % divisor == 0:
        return expr_mul(l_mul.lhs, _cst(_c_div(lr, divisor)))
    l_add = _binop(lhs, _ADD)
    if l_add is not None and (
        largest_known_divisor(l_add.lhs) % divisor == 0
        or largest_known_divisor(l_add.rhs) % divisor == 0
    ):
        return expr_add(expr_floordiv(l_add.lhs, rhs), expr_floordiv(l_add.rhs, rhs))
    return AffineBinaryOpExpr(_FLOORDIV, lhs, rhs)


def expr_ceildiv(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    """`lhs ceildiv rhs`, simplified as MLIR's `AffineExpr::ceilDiv` does."""
    divisor = _const_value(rhs)
    if divisor is None or divisor < 1:
        return AffineBinaryOpExpr(_CEILDIV, lhs, rhs)
    if (lhs_c := _const_value(lhs)) is not None:
        return _cst(-(-lhs_c // divisor))
    if divisor == 1:
        return lhs
    l_mul = _binop(lhs, _MUL)
    if l_mul is not None and (lr := _const_value(l_mul.rhs)) is not None and lr % divisor == 0:
        return expr_mul(l_mul.lhs, _cst(_c_div(lr, divisor)))
    return AffineBinaryOpExpr(_CEILDIV, lhs, rhs)


def expr_mod(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    """`lhs mod rhs`, simplified as MLIR's `AffineExpr::operator%` does."""
    divisor = _const_value(rhs)
    if divisor is None or divisor < 1:
        return AffineBinaryOpExpr(_MOD, lhs, rhs)
    if (lhs_c := _const_value(lhs)) is not None:
        return _cst(lhs_c % divisor)
    if largest_known_divisor(lhs) % divisor == 0:
        return _cst(0)
    if (l_add := _binop(lhs, _ADD)) is not None:
        if largest_known_divisor(l_add.lhs) % divisor == 0:
            return expr_mod(l_add.rhs, rhs)
        if largest_known_divisor(l_add.rhs) % divisor == 0:
            return expr_mod(l_add.lhs, rhs)
    if (l_mod := _binop(lhs, _MOD)) is not None:
        inner = _const_value(l_mod.rhs)
        if inner is not None and inner >= 1 and inner % divisor == 0:
            return expr_mod(l_mod.lhs, rhs)
    return AffineBinaryOpExpr(_MOD, lhs, rhs)


_BUILDERS: dict[AffineBinaryOpKind, Callable[[AffineExpr, AffineExpr], AffineExpr]] = {
    _ADD: expr_add,
    _MUL: expr_mul,
    _MOD: expr_mod,
    _FLOORDIV: expr_floordiv,
    _CEILDIV: expr_ceildiv,
}


def replace_dims_and_symbols(
    expr: AffineExpr, dims: Sequence[AffineExpr], syms: Sequence[AffineExpr]
) -> AffineExpr:
    """MLIR's `AffineExpr::replaceDimsAndSymbols`: rebuilt nodes are re-simplified."""
    if isinstance(expr, AffineDimExpr):
        return dims[expr.position] if expr.position < len(dims) else expr
    if isinstance(expr, AffineSymExpr):
        return syms[expr.position] if expr.position < len(syms) else expr
    if isinstance(expr, AffineBinaryOpExpr):
        lhs = replace_dims_and_symbols(expr.lhs, dims, syms)
        rhs = replace_dims_and_symbols(expr.rhs, dims, syms)
        if lhs == expr.lhs and rhs == expr.rhs:
            return expr
        return _BUILDERS[expr.kind](lhs, rhs)
    return expr


def _mlir_simplified(expr: AffineExpr) -> AffineExpr:
    """Rebuilds `expr` bottom-up with MLIR's constructors, so that expressions built by
    xDSL's affine parser print in MLIR's canonical term order."""
    if isinstance(expr, AffineBinaryOpExpr):
        return _BUILDERS[expr.kind](_mlir_simplified(expr.lhs), _mlir_simplified(expr.rhs))
    return expr


def _negated(expr: AffineExpr) -> AffineExpr:
    # Distributes the negation like MLIR's parser does for `lhs <= rhs`.
    if (add := _binop(expr, _ADD)) is not None:
        return expr_add(_negated(add.lhs), _negated(add.rhs))
    return expr_neg(expr)


_Emit = Callable[[str], None]
_EmitId = Callable[[int], None]


def _emit_expr(
    expr: AffineExpr, emit: _Emit, emit_dim: _EmitId, emit_sym: _EmitId, strong: bool
) -> None:
    """MLIR's `printAffineExprInternal`; `strong` is `BindingStrength::Strong`."""
    if isinstance(expr, AffineSymExpr):
        emit_sym(expr.position)
        return
    if isinstance(expr, AffineDimExpr):
        emit_dim(expr.position)
        return
    if isinstance(expr, AffineConstantExpr):
        emit(str(expr.value))
        return
    assert isinstance(expr, AffineBinaryOpExpr)

    def sub(e: AffineExpr, tight: bool) -> None:
        _emit_expr(e, emit, emit_dim, emit_sym, tight)

    if strong:
        emit("(")
    lhs, rhs = expr.lhs, expr.rhs
    if expr.kind != _ADD:
        if expr.kind == _MUL and _const_value(rhs) == -1:
            emit("-")
            sub(lhs, True)
        else:
            sub(lhs, True)
            emit(f" {expr.kind.get_token()} ")
            sub(rhs, True)
    elif (r_mul := _binop(rhs, _MUL)) is not None and (
        (factor := _const_value(r_mul.rhs)) is not None and factor < 0
    ):
        sub(lhs, False)
        emit(" - ")
        if factor == -1:
            sub(r_mul.lhs, _binop(r_mul.lhs, _ADD) is not None)
        else:
            sub(r_mul.lhs, True)
            emit(f" * {-factor}")
    elif (rhs_c := _const_value(rhs)) is not None and rhs_c < 0:
        sub(lhs, False)
        emit(f" - {-rhs_c}")
    else:
        sub(lhs, False)
        emit(" + ")
        sub(rhs, False)
    if strong:
        emit(")")


def affine_expr_to_str(expr: AffineExpr, dim_names: Sequence[str] | None = None) -> str:
    """The expression as MLIR prints it, with `d<i>`/`s<i>` identifiers, or the given
    names for the dimensions."""
    parts: list[str] = []
    _emit_expr(
        expr,
        parts.append,
        lambda i: parts.append(dim_names[i] if dim_names is not None else f"d{i}"),
        lambda i: parts.append(f"s{i}"),
        False,
    )
    return "".join(parts)


def _space_str(num_dims: int, num_symbols: int) -> str:
    text = "(" + ", ".join(f"d{i}" for i in range(num_dims)) + ")"
    if num_symbols:
        text += "[" + ", ".join(f"s{i}" for i in range(num_symbols)) + "]"
    return text


def affine_map_to_str(amap: AffineMap) -> str:
    """The map as MLIR prints it inside `affine_map<...>`."""
    results = ", ".join(affine_expr_to_str(_mlir_simplified(e)) for e in amap.results)
    return f"{_space_str(amap.num_dims, amap.num_symbols)} -> ({results})"


def _constraint_expr(constraint: AffineConstraintExpr) -> tuple[AffineExpr, bool]:
    """The MLIR form `expr >= 0` / `expr == 0` of an xDSL constraint."""
    lhs, rhs = _mlir_simplified(constraint.lhs), _mlir_simplified(constraint.rhs)
    if constraint.kind == AffineConstraintKind.le:
        diff = _negated(lhs) if rhs == _cst(0) else expr_sub(rhs, lhs)
        return diff, False
    diff = lhs if rhs == _cst(0) else expr_sub(lhs, rhs)
    return diff, constraint.kind == AffineConstraintKind.eq


def affine_set_to_str(aset: AffineSet) -> str:
    """The integer set as MLIR prints it inside `affine_set<...>`."""
    constraints: list[str] = []
    for constraint in aset.constraints:
        expr, is_eq = _constraint_expr(constraint)
        constraints.append(f"{affine_expr_to_str(expr)} {'==' if is_eq else '>='} 0")
    # MLIR's parser turns an empty constraint list into the universe set `0 == 0`.
    body = ", ".join(constraints) if constraints else "0 == 0"
    return f"{_space_str(aset.num_dims, aset.num_symbols)} : ({body})"


def print_map_attr(printer: Printer, attr: AffineMapAttr) -> None:
    printer.print_string(f"affine_map<{affine_map_to_str(attr.data)}>")


def print_set_attr(printer: Printer, attr: AffineSetAttr) -> None:
    printer.print_string(f"affine_set<{affine_set_to_str(attr.data)}>")


def print_expr_of_ssa_ids(
    printer: Printer,
    expr: AffineExpr,
    dims: Sequence[SSAValue],
    syms: Sequence[SSAValue],
) -> None:
    """MLIR's `printAffineExprOfSSAIds`: dimensions as `%x`, symbols as `symbol(%x)`."""

    def emit_sym(pos: int) -> None:
        printer.print_string("symbol(")
        printer.print_ssa_value(syms[pos])
        printer.print_string(")")

    _emit_expr(
        expr,
        printer.print_string,
        lambda pos: printer.print_ssa_value(dims[pos]),
        emit_sym,
        False,
    )


def print_expr_with_names(
    printer: Printer, expr: AffineExpr, dim_names: Sequence[str], syms: Sequence[SSAValue]
) -> None:
    """An expression whose dimensions print as the given names and symbols as SSA values."""
    _emit_expr(
        _mlir_simplified(expr),
        printer.print_string,
        lambda pos: printer.print_string(dim_names[pos]),
        lambda pos: printer.print_ssa_value(syms[pos]),
        False,
    )


def print_map_of_ssa_ids(printer: Printer, amap: AffineMap, operands: Sequence[SSAValue]) -> None:
    """MLIR's `printAffineMapOfSSAIds`, without the surrounding brackets."""
    dims, syms = operands[: amap.num_dims], operands[amap.num_dims :]
    printer.print_list(amap.results, lambda e: print_expr_of_ssa_ids(printer, e, dims, syms))


# ---------------------------------------------------------------------------
# Parsing, as MLIR's core parser does (its `AffineParser`)
# ---------------------------------------------------------------------------


class AffineExprParser:
    """Parses affine expressions as MLIR's `AffineParser` does.

    With SSA ids (the default), a bare `%x` is a dimension and `symbol(%x)` a symbol;
    each distinct value gets one position, in order of first appearance, whichever way
    it appears later. With `bare_ids`, the identifiers are the declared dimension and
    symbol names of an inline `affine_map`/`affine_set`. The errors are those of MLIR's
    core parser, with its wording and locations."""

    _HIGH_PREC = ("floordiv", "ceildiv", "mod")

    def __init__(
        self,
        parser: AttrParser,
        bare_ids: dict[str, AffineExpr] | None = None,
        ssa_ids_are_symbols: bool = False,
    ) -> None:
        self.parser = parser
        self.bare_ids = bare_ids
        # Dialects that name their dimensions (ta's index variables) take SSA values as
        # symbols, the same value getting the same position in every expression parsed.
        self.ssa_ids_are_symbols = ssa_ids_are_symbols
        self.ids: dict[tuple[str, int], AffineExpr] = {}
        self.dims: list[UnresolvedOperand] = []
        self.syms: list[UnresolvedOperand] = []

    def parse_map(self, delimiter: Parser.Delimiter) -> AffineMap:
        """MLIR's `parseAffineMapOfSSAIds`: a delimited list of expressions."""
        with core_parsing(self.parser):
            exprs = self.parser.parse_comma_separated_list(
                delimiter, self._parse_expr, " in affine map"
            )
        return AffineMap(len(self.dims), len(self.syms), tuple(exprs))

    def parse_expr(self) -> AffineExpr:
        """One affine expression (MLIR's `parseAffineExprOfSSAIds`)."""
        with core_parsing(self.parser):
            return self._parse_expr()

    def resolve(self) -> list[SSAValue]:
        """The map operands, dimensions first, as index values."""
        parser = cast(Parser, self.parser)
        return [parser.resolve_operand(o, IndexType()) for o in (*self.dims, *self.syms)]

    def _record(self, operand: UnresolvedOperand, is_symbol: bool) -> AffineExpr:
        key = (operand.operand_name, operand.index)
        if (known := self.ids.get(key)) is not None:
            return known
        if is_symbol:
            expr: AffineExpr = AffineSymExpr(len(self.syms))
            self.syms.append(operand)
        else:
            expr = AffineDimExpr(len(self.dims))
            self.dims.append(operand)
        self.ids[key] = expr
        return expr

    def _ssa_id(self, is_symbol: bool) -> AffineExpr:
        """MLIR's `parseSSAIdExpr`."""
        if self.bare_ids is not None and not self.ssa_ids_are_symbols:
            raise_wrong_token(self.parser, "unexpected ssa identifier")
        operand = cast(Parser, self.parser).parse_optional_unresolved_operand()
        if operand is None:
            raise_wrong_token(self.parser, "expected ssa identifier")
        return self._record(operand, is_symbol)

    def _bare_id(self) -> AffineExpr:
        """MLIR's `parseBareIdExpr`: a declared dimension or symbol name."""
        name = self.parser._current_token.text
        if self.bare_ids is None or name not in self.bare_ids:
            raise_wrong_token(self.parser, "use of undeclared identifier")
        self.parser.parse_optional_identifier()
        return self.bare_ids[name]

    def _operand(self, has_lhs: bool) -> AffineExpr:
        """MLIR's `parseAffineOperandExpr`; `has_lhs` when the operand is the right one
        of a binary operator."""
        parser = self.parser
        if parser.parse_optional_keyword("symbol") is not None:
            parser.parse_punctuation("(", " at start of SSA symbol")
            expr = self._ssa_id(True)
            parser.parse_punctuation(")", " at end of SSA symbol")
            return expr
        token = parser._current_token
        if token.kind == MLIRTokenKind.PERCENT_IDENT:
            return self._ssa_id(self.ssa_ids_are_symbols)
        if (value := parser.parse_optional_integer(False, False)) is not None:
            if value >= 2**63:
                parser.raise_error("constant too large for index", token.span)
            return _cst(value)
        if parser.parse_optional_punctuation("(") is not None:
            inside = parser.pos
            if parser.parse_optional_punctuation(")") is not None:
                parser.raise_error("no expression inside parentheses", inside)
            expr = self._parse_expr()
            parser.parse_punctuation(")")
            return expr
        if parser.parse_optional_punctuation("-") is not None:
            return expr_neg(self._operand(has_lhs))
        # Keywords, `floordiv` and the like included, are identifiers here.
        if token.kind == MLIRTokenKind.BARE_IDENT:
            return self._bare_id()
        if has_lhs:
            parser.raise_error("missing right operand of binary operator")
        if token.kind in (MLIRTokenKind.PLUS, MLIRTokenKind.STAR):
            parser.raise_error("missing left operand of binary operator")
        parser.raise_error("expected affine expression")

    def _high_prec(self) -> str | None:
        parser = self.parser
        if parser.parse_optional_punctuation("*") is not None:
            return "*"
        return parser.parse_optional_keyword_in(self._HIGH_PREC)

    def _term(self, has_lhs: bool) -> AffineExpr:
        lhs = self._operand(has_lhs)
        while True:
            op_pos = self.parser.pos
            if (op := self._high_prec()) is None:
                return lhs
            rhs = self._operand(True)
            lhs = self._combine_high(op, lhs, rhs, op_pos)

    def _combine_high(self, op: str, lhs: AffineExpr, rhs: AffineExpr, pos: int) -> AffineExpr:
        if op == "*":
            if not _is_symbolic_or_constant(lhs) and not _is_symbolic_or_constant(rhs):
                self.parser.raise_error(
                    "non-affine expression: at least one of the multiply operands has to "
                    "be either a constant or symbolic",
                    pos,
                )
            return expr_mul(lhs, rhs)
        if not _is_symbolic_or_constant(rhs):
            self.parser.raise_error(
                f"non-affine expression: right operand of {op} has to be either a "
                "constant or symbolic",
                pos,
            )
        return {"floordiv": expr_floordiv, "ceildiv": expr_ceildiv, "mod": expr_mod}[op](lhs, rhs)

    def _parse_expr(self) -> AffineExpr:
        lhs = self._term(False)
        while True:
            if self.parser.parse_optional_punctuation("+") is not None:
                lhs = expr_add(lhs, self._term(True))
            elif self.parser.parse_optional_punctuation("-") is not None:
                lhs = expr_sub(lhs, self._term(True))
            else:
                return lhs


def parse_map_of_ssa_ids(
    parser: Parser, delimiter: Parser.Delimiter = Parser.Delimiter.SQUARE
) -> tuple[AffineMap, list[SSAValue]]:
    expr_parser = AffineExprParser(parser)
    amap = expr_parser.parse_map(delimiter)
    return amap, expr_parser.resolve()


def _parse_affine_space(parser: AttrParser) -> tuple[dict[str, AffineExpr], int, int]:
    """`(d0, ...)[s0, ...]`: the declared dimension and symbol names."""
    names: dict[str, AffineExpr] = {}
    counts = [0, 0]

    def declare(is_symbol: bool) -> None:
        # MLIR's `parseIdentifierDefinition`; keywords are identifiers too.
        token = parser._current_token
        if token.kind != MLIRTokenKind.BARE_IDENT:
            raise_wrong_token(parser, "expected bare identifier")
        if token.text in names:
            parser.raise_error(f"redefinition of identifier '{token.text}'", token.span)
        parser.parse_optional_identifier()
        position = counts[is_symbol]
        counts[is_symbol] += 1
        names[token.text] = AffineSymExpr(position) if is_symbol else AffineDimExpr(position)

    parser.parse_comma_separated_list(
        Parser.Delimiter.PAREN, lambda: declare(False), " in dimensional identifier list"
    )
    if parser._current_token.kind == MLIRTokenKind.L_SQUARE:
        parser.parse_comma_separated_list(
            Parser.Delimiter.SQUARE, lambda: declare(True), " in symbol list"
        )
    return names, counts[0], counts[1]


def _parse_map_or_set(parser: AttrParser) -> AffineMap | AffineSet:
    """MLIR's `parseAffineMapOrIntegerSetInline`: the declared dimensions and symbols,
    then `-> (results)` for a map or `: (constraints)` for an integer set.

    Expressions are built with MLIR's simplifying constructors, and semi-affine ones
    are allowed. In a set, `a >= b` is `a - b >= 0`, `a <= b` is `b - a >= 0`,
    `a == b` is `a - b == 0`, and `()` is the universe set `0 == 0`."""
    names, num_dims, num_symbols = _parse_affine_space(parser)
    expr_parser = AffineExprParser(parser, names)
    if parser.parse_optional_punctuation("->") is not None:
        exprs = parser.parse_comma_separated_list(
            Parser.Delimiter.PAREN, expr_parser.parse_expr, " in affine map range"
        )
        return AffineMap(num_dims, num_symbols, tuple(exprs))
    if parser.parse_optional_punctuation(":") is None:
        raise_wrong_token(parser, "expected '->' or ':'")

    def parse_constraint() -> AffineConstraintExpr:
        lhs = expr_parser.parse_expr()
        if (
            parser.parse_optional_punctuation(">") is not None
            and parser.parse_optional_punctuation("=") is not None
        ):
            kind, diff = AffineConstraintKind.ge, expr_sub(lhs, expr_parser.parse_expr())
        elif (
            parser.parse_optional_punctuation("<") is not None
            and parser.parse_optional_punctuation("=") is not None
        ):
            kind, diff = AffineConstraintKind.ge, expr_sub(expr_parser.parse_expr(), lhs)
        elif (
            parser.parse_optional_punctuation("=") is not None
            and parser.parse_optional_punctuation("=") is not None
        ):
            kind, diff = AffineConstraintKind.eq, expr_sub(lhs, expr_parser.parse_expr())
        else:
            parser.raise_error(
                "expected '== affine-expr' or '>= affine-expr' at end of affine constraint"
            )
        return AffineConstraintExpr(kind, diff, _cst(0), canonicalize=False)

    constraints = parser.parse_comma_separated_list(
        Parser.Delimiter.PAREN, parse_constraint, " in integer set constraint list"
    )
    if not constraints:
        constraints = [AffineConstraintExpr(AffineConstraintKind.eq, _cst(0), _cst(0))]
    return AffineSet(num_dims, num_symbols, tuple(constraints))


def parse_affine_map_body(parser: AttrParser) -> AffineMap:
    """The inside of `affine_map<...>`."""
    pos = parser.pos
    result = _parse_map_or_set(parser)
    if not isinstance(result, AffineMap):
        parser.raise_error("expected AffineMap, but got IntegerSet", pos)
    return result


def parse_affine_set_body(parser: AttrParser) -> AffineSet:
    """The inside of `affine_set<...>`."""
    pos = parser.pos
    result = _parse_map_or_set(parser)
    if not isinstance(result, AffineSet):
        parser.raise_error("expected IntegerSet, but got AffineMap", pos)
    return result
