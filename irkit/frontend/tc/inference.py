"""TC's range inference (docs/source/inference.rst in TC), and the bounds checks after it.

Every tensor read ``T(e_0, ..., e_n)`` of a statement says ``0 <= e_k < size_k``. Inference
runs in rounds. A round looks, for each index variable still unresolved, at the
inequalities in which it is the only unresolved variable; the variables resolved in earlier
rounds (and those a ``where`` clause gives) are replaced by their worst case over their
range, as Halide's ``and_condition_over_domain`` does. The variable gets the largest
interval those inequalities allow, their intersection, when it is bounded on both sides.
Rounds go on until every variable is resolved; a round that resolves nothing is an error
that asks for a ``where`` clause.

The inequalities no round used are preconditions: an access that leaves its tensor for
every value of the sizes is an error, one that may leave it for some values a warning (TC's
"Required precondition will not be checked at runtime").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import islpy as isl

from irkit.diagnostics import Diagnostic, Severity, SourceBuffer
from irkit.frontend.tc.checked import Read
from irkit.frontend.tc.errors import error_at
from irkit.frontend.tc.linear import Lin, Prover

Ranges = dict[str, tuple[Lin, Lin]]


@dataclass(frozen=True)
class Inequality:
    """``expr >= 0``, one side of dimension ``dim`` of a read staying in bounds."""

    expr: Lin
    read: Read
    dim: int


def inequalities_of(reads: Sequence[Read]) -> list[Inequality]:
    result: list[Inequality] = []
    for read in reads:
        for dim, (index, size) in enumerate(zip(read.indices, read.value.shape, strict=True)):
            result.append(Inequality(index, read, dim))
            result.append(Inequality(size - 1 - index, read, dim))
    return result


class RangeInference:
    """Infers and checks the ranges of one statement's index variables."""

    def __init__(
        self,
        prover: Prover,
        buffer: SourceBuffer,
        variables: Sequence[str],
        first_use: Mapping[str, int],
        order: Callable[[str], int],
    ) -> None:
        self.prover = prover
        self.buffer = buffer
        self.variables = list(variables)
        self.first_use = first_use
        self.order = order

    def render(self, expr: Lin) -> str:
        return expr.render(self.order)

    # -- inference ---------------------------------------------------------------------------

    def infer(self, given: Ranges, reads: Sequence[Read]) -> tuple[Ranges, list[Inequality]]:
        """The range of every variable, and the inequalities left unused."""
        resolved: Ranges = dict(given)
        pending = inequalities_of(reads)
        unresolved = [v for v in self.variables if v not in resolved]
        while unresolved:
            found: Ranges = {}
            used: set[int] = set()
            for var in unresolved:
                mine = [q for q in pending if {n for n in q.expr.names if n in unresolved} == {var}]
                if not mine:
                    continue
                solution = self._solve(var, mine, resolved)
                if solution is not None:
                    found[var] = solution
                    used.update(id(q) for q in mine)
            if not found:
                self._unresolvable(unresolved, pending)
            resolved.update(found)
            pending = [q for q in pending if id(q) not in used]
            unresolved = [v for v in unresolved if v not in found]
        return resolved, pending

    def _solve(
        self, var: str, inequalities: list[Inequality], resolved: Ranges
    ) -> tuple[Lin, Lin] | None:
        """The largest interval of ``var`` that keeps every inequality true for all values
        of the resolved variables; None when it is unbounded."""
        lows: list[Lin] = []
        highs: list[Lin] = []
        for q in inequalities:
            expr = _worst_case(q.expr, resolved)
            if expr is None or not expr.occurs_linearly(var):
                return self._solve_exactly(var, inequalities, resolved)
            a = expr.coefficient(var)
            rest = expr - Lin.var(var).scale(a)
            if a > 0:
                lows.append((-rest).ceildiv(a))
            else:
                highs.append(rest.floordiv(-a) + 1)
        if not lows or not highs:
            return None
        low = self._dominant(var, lows, lambda a, b: self.prover.always_le(b, a), "below")
        high = self._dominant(var, highs, self.prover.always_le, "above")
        self._check_not_empty(var, low, high)
        return low, high

    def _solve_exactly(
        self, var: str, inequalities: list[Inequality], resolved: Ranges
    ) -> tuple[Lin, Lin] | None:
        """Inference with isl, for variables inside floor divisions."""
        others = sorted({n for q in inequalities for n in q.expr.names if n in resolved})
        variables = [var, *others]
        holds = [f"{self.prover.text(q.expr, variables)} >= 0" for q in inequalities]
        box = self.prover.box({v: resolved[v] for v in others}, variables)
        within = self.prover.set_of(variables, box)
        failing = within.subtract(self.prover.set_of(variables, holds))
        failing = failing.project_out(isl.dim_type.set, 1, len(others))
        allowed = self.prover.set_of([var], []).subtract(failing)
        if allowed.is_empty():
            self._empty(var)
        if not allowed.is_bounded():
            return None
        bounds = self.prover.bounds_of_set(allowed, 0)
        if bounds is None:
            raise error_at(
                self.buffer,
                self.first_use[var],
                f"cannot infer a range for '{var}' that is one affine expression of the "
                f"sizes; give it with 'where {var} in <lo>:<hi>'",
            )
        low, last = bounds
        return low, last + 1

    def _dominant(
        self, var: str, candidates: list[Lin], beats: Callable[[Lin, Lin], bool], side: str
    ) -> Lin:
        """The candidate bound that implies all the others, for every value of the sizes."""
        for candidate in candidates:
            if all(other == candidate or beats(candidate, other) for other in candidates):
                return candidate
        texts = [f"'{self.render(c)}'" for c in dict.fromkeys(candidates)]
        listed = ", ".join(texts[:-1]) + " and " + texts[-1]
        raise error_at(
            self.buffer,
            self.first_use[var],
            f"ambiguous range for '{var}': its reads bound it {side} by {listed}, and none of "
            f"these bounds implies the others for all sizes; give its range with "
            f"'where {var} in <lo>:<hi>'",
        )

    def _check_not_empty(self, var: str, low: Lin, high: Lin) -> None:
        if self.prover.never((), [f"{self.prover.text(low)} < {self.prover.text(high)}"]):
            self._empty(var)

    def _empty(self, var: str) -> None:
        raise error_at(
            self.buffer,
            self.first_use[var],
            f"inferred an empty range for '{var}': no value keeps its reads in bounds",
        )

    def _unresolvable(self, unresolved: list[str], pending: list[Inequality]) -> None:
        ordered = sorted(unresolved, key=lambda v: self.first_use[v])
        var = ordered[0]
        read_vars = {n for q in pending for n in q.expr.names}
        alone = {
            v
            for q in pending
            for v in q.expr.names
            if {n for n in q.expr.names if n in unresolved} == {v}
        }
        example = var
        if var not in read_vars:
            reason = f"'{var}' is not used to index any tensor"
        elif var in alone:
            reason = f"the reads that use '{var}' do not bound it on both sides"
        else:
            reason = "every read that uses one of them also uses another whose range is unknown"
            example = ordered[-1]
        names = " and ".join(f"'{v}'" for v in ordered)
        plural = "s" if len(ordered) > 1 else ""
        raise error_at(
            self.buffer,
            self.first_use[var],
            f"cannot infer the range{plural} of {names}: {reason}; give "
            f"{'one' if plural else 'it'} a range with 'where {example} in <lo>:<hi>'",
        )

    # -- checks ------------------------------------------------------------------------------

    def check_reads(self, ranges: Ranges, leftover: Sequence[Inequality]) -> list[Diagnostic]:
        """Report the reads that leave their tensor: an error when that happens for every
        value of the sizes for which the statement runs, a warning (returned) when it may."""
        warnings: list[Diagnostic] = []
        box = self.prover.box(ranges, self.variables)
        runs = self.prover.params_of(self.variables, box)
        seen: set[tuple[int, int]] = set()
        for q in leftover:
            key = (id(q.read), q.dim)
            if key in seen:
                continue
            escaping = self.prover.set_of(
                self.variables, [*box, f"{self.prover.text(q.expr, self.variables)} < 0"]
            )
            if escaping.is_empty():
                continue
            seen.add(key)
            message = self._out_of_bounds(q, ranges)
            if runs.is_subset(escaping.params()):
                raise error_at(self.buffer, q.read.offset, message)
            location = self.buffer.location(q.read.offset)
            warnings.append(
                Diagnostic(
                    Severity.WARNING,
                    f"{message} for some sizes; this precondition is not checked at run time",
                    location,
                )
            )
        return warnings

    def _out_of_bounds(self, q: Inequality, ranges: Ranges) -> str:
        index = q.read.indices[q.dim]
        size = q.read.value.shape[q.dim]
        variables = ["%index", *self.variables]
        value = f"{self.prover.text(Lin.var('%index'), variables)} = "
        value += self.prover.text(index, variables)
        bounds = self.prover.bounds(variables, [value, *self.prover.box(ranges, variables)], 0)
        span = (
            f", which ranges over [{self.render(bounds[0])}, {self.render(bounds[1])}]"
            if bounds is not None
            else ""
        )
        return (
            f"read of '{q.read.value.name}' out of bounds: index '{self.render(index)}' of "
            f"dimension {q.dim}{span}, but the size is {self.render(size)}"
        )

    def check_written(
        self, var: str, offset: int, low: Lin, high: Lin, size: Lin | None, tensor: str, dim: int
    ) -> None:
        """The range of an index of the written tensor must start at 0 or after, and, for a
        tensor written before, end within its size."""
        nonempty = f"{self.prover.text(low)} < {self.prover.text(high)}"
        if not self.prover.never((), [nonempty, f"{self.prover.text(low)} < 0"]):
            raise error_at(
                self.buffer,
                offset,
                f"the range of '{var}' starts at {self.render(low)}, which can be negative, "
                f"but it indexes dimension {dim} of '{tensor}'; give its range with "
                f"'where {var} in <lo>:<hi>'",
            )
        if size is not None and not self.prover.never(
            (), [nonempty, f"{self.prover.text(high)} > {self.prover.text(size)}"]
        ):
            raise error_at(
                self.buffer,
                offset,
                f"'{var}' ranges up to {self.render(high - 1)}, beyond dimension {dim} of "
                f"'{tensor}', whose size is {self.render(size)}",
            )


def _worst_case(expr: Lin, resolved: Ranges) -> Lin | None:
    """``expr`` at the point of the resolved variables' box where it is least, or None
    when that point depends on the other variables (``expr`` is not monotone)."""
    for name in sorted(expr.names & resolved.keys()):
        direction = expr.direction(name)
        if direction is None:
            return None
        low, high = resolved[name]
        expr = expr.substitute({name: low if direction > 0 else high - 1})
    return expr
