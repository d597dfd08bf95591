"""Quasi-affine expressions over named variables, and the proofs range inference needs.

A :class:`Lin` is an integer combination of atoms plus a constant; an atom is a variable
name (a size or an index variable) or the floor division of a :class:`Lin` by a positive
constant. That is exactly what an MLIR affine expression can say, so tensor accesses, index
ranges and tensor shapes are all :class:`Lin`. Facts about them ("this bound never exceeds
that one", "this access can leave its tensor") are decided with isl, over all values of the
sizes that are at least 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from math import gcd

import islpy as isl
from xdsl.ir.affine import AffineConstantExpr, AffineExpr


@dataclass(frozen=True)
class FloorDiv:
    numerator: Lin
    divisor: int


Atom = str | FloorDiv


def _atom_key(atom: Atom) -> tuple[int, str]:
    return (0, atom) if isinstance(atom, str) else (1, repr(atom))


@dataclass(frozen=True)
class Lin:
    """``sum(coefficient * atom) + constant``, kept in a canonical form: atoms sorted, no
    zero coefficients, floor divisions simplified."""

    terms: tuple[tuple[Atom, int], ...] = ()
    constant: int = 0

    # -- construction ------------------------------------------------------------------------

    @staticmethod
    def var(name: str) -> Lin:
        return Lin(((name, 1),))

    @staticmethod
    def const(value: int) -> Lin:
        return Lin((), value)

    @staticmethod
    def _build(coefficients: Mapping[Atom, int], constant: int) -> Lin:
        terms = tuple(
            sorted(((a, c) for a, c in coefficients.items() if c), key=lambda t: _atom_key(t[0]))
        )
        return Lin(terms, constant)

    def __add__(self, other: Lin | int) -> Lin:
        other = other if isinstance(other, Lin) else Lin.const(other)
        coefficients = dict(self.terms)
        for atom, c in other.terms:
            coefficients[atom] = coefficients.get(atom, 0) + c
        return Lin._build(coefficients, self.constant + other.constant)

    def __radd__(self, other: int) -> Lin:
        return self + other

    def __neg__(self) -> Lin:
        return self.scale(-1)

    def __sub__(self, other: Lin | int) -> Lin:
        return self + (-other if isinstance(other, Lin) else Lin.const(-other))

    def __rsub__(self, other: int) -> Lin:
        return Lin.const(other) - self

    def scale(self, factor: int) -> Lin:
        return Lin._build({a: c * factor for a, c in self.terms}, self.constant * factor)

    def floordiv(self, divisor: int) -> Lin:
        """``floor(self / divisor)``, simplified: terms that are multiples of the divisor
        come out, and the constant left inside lies in ``[0, divisor)``."""
        if divisor == 0:
            raise ZeroDivisionError("floor division by zero")
        if divisor < 0:
            return (-self).floordiv(-divisor)
        if divisor == 1:
            return self
        outside: dict[Atom, int] = {}
        inside: dict[Atom, int] = {}
        for atom, c in self.terms:
            if c % divisor == 0:
                outside[atom] = c // divisor
            else:
                inside[atom] = c
        quotient, remainder = divmod(self.constant, divisor)
        result = Lin._build(outside, quotient)
        if not inside:
            return result
        common = gcd(divisor, remainder, *inside.values())
        numerator = Lin._build({a: c // common for a, c in inside.items()}, remainder // common)
        if divisor // common == 1:
            return result + numerator
        return result + Lin(((FloorDiv(numerator, divisor // common), 1),))

    def mod(self, divisor: int) -> Lin:
        """``self mod divisor`` for a positive divisor: the remainder of floor division."""
        return self - self.floordiv(divisor).scale(divisor)

    def ceildiv(self, divisor: int) -> Lin:
        return -((-self).floordiv(divisor))

    # -- inspection --------------------------------------------------------------------------

    @property
    def is_constant(self) -> bool:
        return not self.terms

    @cached_property
    def names(self) -> frozenset[str]:
        """Every variable the expression mentions, inside floor divisions too."""
        found: set[str] = set()
        for atom, _ in self.terms:
            found |= {atom} if isinstance(atom, str) else atom.numerator.names
        return frozenset(found)

    def coefficient(self, name: str) -> int:
        return dict(self.terms).get(name, 0)

    def occurs_linearly(self, name: str) -> bool:
        """Whether ``name`` appears only outside floor divisions."""
        return all(
            isinstance(atom, str) or name not in atom.numerator.names for atom, _ in self.terms
        )

    def direction(self, name: str) -> int | None:
        """How the value moves as ``name`` grows: 1 up, -1 down, 0 not at all, None when it
        depends on where ``name`` is (floor divisions are monotone, so the sign of each
        occurrence decides)."""
        signs: set[int] = set()
        for atom, c in self.terms:
            if atom == name:
                signs.add(1 if c > 0 else -1)
            elif isinstance(atom, FloorDiv):
                inner = atom.numerator.direction(name)
                if inner is None:
                    return None
                if inner:
                    signs.add(inner if c > 0 else -inner)
        if len(signs) > 1:
            return None
        return signs.pop() if signs else 0

    def substitute(self, values: Mapping[str, Lin]) -> Lin:
        result = Lin.const(self.constant)
        for atom, c in self.terms:
            if isinstance(atom, str):
                part = values.get(atom, Lin.var(atom))
            else:
                part = atom.numerator.substitute(values).floordiv(atom.divisor)
            result = result + part.scale(c)
        return result

    # -- rendering ---------------------------------------------------------------------------

    def _pieces(self, order: Callable[[str], int]) -> list[tuple[Atom | Mod, int]]:
        """The terms, with ``c*x - c*d*floor(x/d)`` shown as ``c*(x mod d)``, variables ordered
        by ``order``, then floor divisions and remainders."""
        rest = self
        remainders: list[tuple[Atom | Mod, int]] = []
        for atom, c in self.terms:
            if not isinstance(atom, FloorDiv) or c % atom.divisor:
                continue
            k = -c // atom.divisor
            quotient = Lin(((atom, 1),))
            left = rest - (atom.numerator - quotient.scale(atom.divisor)).scale(k)
            inner = {a for a, _ in atom.numerator.terms}
            if not inner & {a for a, _ in left.terms}:
                rest = left
                remainders.append((Mod(atom.numerator, atom.divisor), k))

        def key(term: tuple[Atom | Mod, int]) -> tuple[int, int, str]:
            atom = term[0]
            if isinstance(atom, str):
                return (0, order(atom), atom)
            return (1, 0, repr(atom))

        return sorted([*rest.terms, *remainders], key=key)

    def _rest_constant(self, order: Callable[[str], int]) -> int:
        """The constant left once :meth:`_pieces` has taken the remainders out."""
        total = Lin.const(0)
        for atom, c in self._pieces(order):
            total = total + (atom.as_lin() if isinstance(atom, Mod) else Lin(((atom, 1),))).scale(c)
        return (self - total).constant

    def render(self, order: Callable[[str], int] = lambda _: 0) -> str:
        """TC's notation: ``H - KH + 1``, ``(H + 1)/2``, ``i % 3``."""
        text = ""
        for atom, c in self._pieces(order):
            magnitude = abs(c)
            if isinstance(atom, str):
                word = atom
            else:
                inner = atom.numerator.render(order)
                simple = len(atom.numerator.terms) == 1 and not atom.numerator.constant
                operator = " % " if isinstance(atom, Mod) else "/"
                word = f"{inner}{operator}{atom.divisor}"
                word = word if simple else f"({inner}){operator}{atom.divisor}"
                word = word if magnitude == 1 else f"({word})"
            piece = word if magnitude == 1 else f"{magnitude}*{word}"
            if not text:
                text = piece if c > 0 else f"-{piece}"
            else:
                text += f" + {piece}" if c > 0 else f" - {piece}"
        constant = self._rest_constant(order)
        if not text:
            return str(constant)
        if constant:
            text += f" + {constant}" if constant > 0 else f" - {-constant}"
        return text

    def __str__(self) -> str:
        return self.render()

    def to_affine(
        self, atom_expr: Callable[[str], AffineExpr], order: Callable[[str], int]
    ) -> AffineExpr:
        """The MLIR affine expression, each variable given by ``atom_expr``, remainders as
        ``mod``."""
        result: AffineExpr | None = None
        for atom, c in self._pieces(order):
            if isinstance(atom, str):
                base = atom_expr(atom)
            elif isinstance(atom, Mod):
                base = atom.numerator.to_affine(atom_expr, order) % atom.divisor
            else:
                base = atom.numerator.to_affine(atom_expr, order) // atom.divisor
            piece = base if c == 1 else base * c
            result = piece if result is None else result + piece
        constant = self._rest_constant(order)
        if result is None:
            return AffineConstantExpr(constant)
        return result + constant if constant else result


@dataclass(frozen=True)
class Mod:
    """``numerator mod divisor``: only a way of showing a :class:`Lin`, not one of its
    atoms."""

    numerator: Lin
    divisor: int

    def as_lin(self) -> Lin:
        return self.numerator.mod(self.divisor)


def isl_text(expr: Lin, names: Mapping[str, str]) -> str:
    """The expression in isl's syntax, variables renamed by ``names``."""
    text = str(expr.constant)
    for atom, c in expr.terms:
        if isinstance(atom, str):
            word = names[atom]
        else:
            word = f"floor(({isl_text(atom.numerator, names)})/{atom.divisor})"
        text += f" + {c}*{word}" if c > 0 else f" - {-c}*{word}"
    return text


def lin_from_isl(aff: isl.Aff, names: Mapping[str, str]) -> Lin:
    """A quasi-affine isl expression over the parameters as a :class:`Lin`; ``names`` maps
    isl's parameter names back to the variables."""
    denominator = aff.get_denominator_val()
    numerator = Lin.const(_scaled(aff.get_constant_val(), denominator))
    for position in range(aff.dim(isl.dim_type.param)):
        c = _scaled(aff.get_coefficient_val(isl.dim_type.param, position), denominator)
        name = names[aff.get_dim_name(isl.dim_type.param, position)]
        numerator = numerator + Lin.var(name).scale(c)
    for position in range(aff.dim(isl.dim_type.div)):
        c = _scaled(aff.get_coefficient_val(isl.dim_type.div, position), denominator)
        if c:
            numerator = numerator + lin_from_isl(aff.get_div(position), names).scale(c)
    return numerator.floordiv(denominator.to_python())


def _scaled(value: isl.Val, denominator: isl.Val) -> int:
    return value.mul(denominator).to_python()


class Prover:
    """Decides facts about :class:`Lin` expressions over the sizes of one def, for every
    value of its sizes that is at least 1."""

    def __init__(self, sizes: Iterable[str]) -> None:
        self.ctx = isl.Context()
        self.sizes = list(sizes)
        self._param_names = {name: f"p{i}" for i, name in enumerate(self.sizes)}
        self._params = "[" + ", ".join(self._param_names.values()) + "]"

    def _names(self, variables: Sequence[str]) -> dict[str, str]:
        return {**self._param_names, **{v: f"v{i}" for i, v in enumerate(variables)}}

    def _context(self) -> str:
        return " and ".join(f"{p} >= 1" for p in self._param_names.values()) or "true"

    def set_of(
        self,
        variables: Sequence[str],
        constraints: Iterable[str],
    ) -> isl.Set:
        """``{ [variables] : constraints }`` within the sizes' context; constraints are isl
        text over the names :meth:`text` gives."""
        names = self._names(variables)
        tuple_text = ", ".join(names[v] for v in variables)
        body = " and ".join([self._context(), *constraints])
        return isl.Set.read_from_str(self.ctx, f"{self._params} -> {{ [{tuple_text}] : {body} }}")

    def text(self, expr: Lin, variables: Sequence[str] = ()) -> str:
        return isl_text(expr, self._names(variables))

    def box(self, ranges: Mapping[str, tuple[Lin, Lin]], variables: Sequence[str]) -> list[str]:
        """Constraints saying each variable lies in its half-open range."""
        return [
            f"{self.text(low, variables)} <= {self.text(Lin.var(v), variables)} < "
            f"{self.text(high, variables)}"
            for v, (low, high) in ranges.items()
        ]

    def never(self, variables: Sequence[str], constraints: Iterable[str]) -> bool:
        """Whether no sizes and variables satisfy all the constraints."""
        return self.set_of(variables, constraints).is_empty()

    def always_le(self, a: Lin, b: Lin, assuming: Iterable[str] = ()) -> bool:
        """``a <= b`` for all sizes (where ``assuming`` holds)."""
        return self.never((), [*assuming, f"{self.text(a)} > {self.text(b)}"])

    def equal(self, a: Lin, b: Lin) -> bool:
        return self.always_le(a, b) and self.always_le(b, a)

    def params_of(self, variables: Sequence[str], constraints: Iterable[str]) -> isl.Set:
        """The sizes for which some variables satisfy the constraints."""
        return self.set_of(variables, constraints).params()

    def bounds(
        self, variables: Sequence[str], constraints: Iterable[str], position: int
    ) -> tuple[Lin, Lin] | None:
        """The least and greatest value of variable ``position`` over the set, each as one
        expression of the sizes; None when the set is empty or unbounded or either needs
        several pieces."""
        return self.bounds_of_set(self.set_of(variables, constraints), position)

    def bounds_of_set(self, points: isl.Set, position: int) -> tuple[Lin, Lin] | None:
        if points.is_empty() or not points.is_bounded():
            return None
        names = {isl_name: name for name, isl_name in self._param_names.items()}
        low = _single_piece(points.dim_min(position), names)
        high = _single_piece(points.dim_max(position), names)
        if low is None or high is None:
            return None
        return low, high


def _single_piece(value: isl.PwAff, names: Mapping[str, str]) -> Lin | None:
    pieces = value.coalesce().get_pieces()
    results = {lin_from_isl(aff, names) for _, aff in pieces}
    return results.pop() if len(results) == 1 else None
