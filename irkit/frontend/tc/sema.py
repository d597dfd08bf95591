"""Semantic analysis of TC defs, after TC's own (tc/lang/sema.h): name resolution, types,
the rules on statements, range inference for each statement, and TC-to-TC calls.

Names share one namespace per def, as in TC: size variables, tensors (inputs, outputs,
temporaries), and, per statement, index variables, which are the identifiers used in a
statement that are not otherwise in scope.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from irkit.diagnostics import Diagnostic, SourceBuffer
from irkit.dialects.ta import ReductionKind
from irkit.frontend.tc import syntax
from irkit.frontend.tc.builtins import BUILTINS, MIN_MAX, UNSUPPORTED_BUILTINS
from irkit.frontend.tc.checked import (
    Arith,
    BuiltinCall,
    Cast,
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
    TensorValue,
    TExpr,
)
from irkit.frontend.tc.errors import TCError, error_at
from irkit.frontend.tc.inference import RangeInference
from irkit.frontend.tc.linear import Lin, Prover
from irkit.frontend.tc.scalars import (
    BOOL,
    FLOAT32,
    INT32,
    SCALAR_TYPES,
    ScalarType,
    is_narrowing,
    match_types,
)

_REDUCTIONS = {
    "+": ReductionKind.ADD,
    "*": ReductionKind.MUL,
    "min": ReductionKind.MIN,
    "max": ReductionKind.MAX,
}


def _plural(count: int, noun: str) -> str:
    plural = "indices" if noun == "index" else f"{noun}s"
    return f"{count} {noun if count == 1 else plural}"


def _did_you_mean(name: str, candidates: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def adopt(literal: ScalarType, other: ScalarType) -> ScalarType:
    """The type a literal takes next to a value of type ``other``: an integer literal
    takes any numeric type, a float literal any float type."""
    if literal.is_integer and not other.is_bool:
        return other
    if literal.is_float and other.is_float:
        return other
    return match_types(literal, other)


def join(a: TExpr, b: TExpr) -> ScalarType:
    """The type two operands are brought to (TC's ``match_types``, with literals adopting
    the other operand's type)."""
    if a.weak and not b.weak:
        return adopt(a.type, b.type)
    if b.weak and not a.weak:
        return adopt(b.type, a.type)
    return match_types(a.type, b.type)


def fits(rhs: TExpr, element: ScalarType) -> bool:
    """Whether a value can be stored in a tensor of ``element`` without a cast."""
    if rhs.weak:
        return adopt(rhs.type, element) == element
    return not is_narrowing(rhs.type, element)


def _fold(op: str, lhs: Const, rhs: Const, offset: int) -> Const | None:
    """``lhs op rhs`` of two literals, computed now; None for a division by zero, which is
    left to run time as C leaves it."""
    a, b = lhs.value, rhs.value
    result_type = match_types(lhs.type, rhs.type)
    if result_type.is_float:
        a, b = float(a), float(b)
    if op in "/%" and b == 0:
        return None
    value: int | float
    if op == "+":
        value = a + b
    elif op == "-":
        value = a - b
    elif op == "*":
        value = a * b
    elif op == "/":
        value = a / b if result_type.is_float else a // b
    else:
        value = a - b * (a // b)
    return Const(value, result_type, offset)


def _convert_constant(value: int | float, target: ScalarType) -> int | float:
    """C's conversion of a literal: to a float, to a bool (non-zero), or to an integer
    (truncating towards zero)."""
    if target.is_float:
        return float(value)
    if target.is_bool:
        return int(value != 0)
    return int(value)


@dataclass
class _Uses:
    """What checking one part of a statement found: its reads, and the index variables in
    order of first appearance."""

    reads: list[Read] = field(default_factory=list["Read"])
    appearance: list[str] = field(default_factory=list[str])

    def appear(self, var: str) -> None:
        if var not in self.appearance:
            self.appearance.append(var)


class DefAnalyzer:
    """Checks one def with its sizes bound, statement by statement."""

    def __init__(self, program: ProgramAnalyzer, instance: DefInstance) -> None:
        self.program = program
        self.buffer = program.buffer
        self.instance = instance
        self.definition = instance.definition
        self.sizes: dict[str, Lin] = {}
        self.size_order: list[str] = []
        self.tensors: dict[str, TensorValue] = {}
        self.defined_at: dict[str, int] = {}
        self.inputs: set[str] = set()
        self.outputs: dict[str, syntax.Output] = {}
        self.declared: dict[str, tuple[ScalarType, tuple[Lin, ...]]] = {}
        self.written: set[str] = {
            name.text
            for statement in self.definition.statements
            for name in (
                statement.targets if isinstance(statement, syntax.Call) else (statement.target,)
            )
        }
        self.prover: Prover

    # -- names -------------------------------------------------------------------------------

    def _check_free(self, name: syntax.Name, what: str) -> None:
        """A new def-level name must not be taken."""
        text = name.text
        if text in BUILTINS or text in MIN_MAX or text in UNSUPPORTED_BUILTINS:
            raise error_at(
                self.buffer,
                name.offset,
                f"'{text}' is a builtin function and cannot be redefined as {what}",
            )
        if text in SCALAR_TYPES:
            raise error_at(self.buffer, name.offset, f"'{text}' is a type name, not {what}")
        if text in self.defined_at:
            raise error_at(
                self.buffer,
                name.offset,
                f"redefinition of '{text}'",
                [(self.defined_at[text], f"'{text}' is first defined here")],
            )

    def _scalar_type(self, name: syntax.Name) -> ScalarType:
        if name.text not in SCALAR_TYPES:
            raise error_at(
                self.buffer,
                name.offset,
                f"unknown scalar type '{name.text}'{_did_you_mean(name.text, list(SCALAR_TYPES))}"
                f"; TC's types are {', '.join(SCALAR_TYPES)}",
            )
        return SCALAR_TYPES[name.text]

    def _dim(self, dim: syntax.Name | syntax.ConstantDim, declare: bool) -> Lin:
        if isinstance(dim, syntax.ConstantDim):
            if dim.value < 1:
                raise error_at(
                    self.buffer, dim.offset, f"a dimension must be at least 1, not {dim.value}"
                )
            return Lin.const(dim.value)
        if dim.text in self.sizes:
            return self.sizes[dim.text]
        if not declare:
            raise error_at(
                self.buffer,
                dim.offset,
                f"unknown size variable '{dim.text}': the sizes of a declared output must be "
                "sizes of the inputs or integers",
            )
        self._check_free(dim, "a size variable")
        self.defined_at[dim.text] = dim.offset
        self.size_order.append(dim.text)
        bound = self.instance.binding.get(dim.text)
        self.sizes[dim.text] = Lin.var(dim.text) if bound is None else Lin.const(bound)
        return self.sizes[dim.text]

    # -- the def -----------------------------------------------------------------------------

    def analyze(self) -> list[Diagnostic]:
        """Fill in the instance; returns the warnings."""
        definition = self.definition
        instance = self.instance
        for position, param in enumerate(definition.params):
            element = self._scalar_type(param.type.scalar)
            shape = []
            for dim_position, dim in enumerate(param.type.dims):
                new = isinstance(dim, syntax.Name) and dim.text not in self.sizes
                shape.append(self._dim(dim, declare=True))
                if new and isinstance(dim, syntax.Name) and dim.text not in instance.binding:
                    instance.size_sources[dim.text] = (position, dim_position)
            self._check_free(param.name, "a tensor")
            value = TensorValue(param.name.text, element, tuple(shape), param.name.offset)
            self.defined_at[param.name.text] = param.name.offset
            self.tensors[param.name.text] = value
            self.inputs.add(param.name.text)
            instance.params.append(value)
        instance.size_vars = [s for s in self.size_order if s not in instance.binding]
        self.prover = Prover(instance.size_vars)
        for output in definition.outputs:
            self._check_free(output.name, "an output")
            self.defined_at[output.name.text] = output.name.offset
            self.outputs[output.name.text] = output
            if output.type is not None:
                element = self._scalar_type(output.type.scalar)
                shape = tuple(self._dim(dim, declare=False) for dim in output.type.dims)
                self.declared[output.name.text] = (element, shape)
        warnings: list[Diagnostic] = []
        for statement in definition.statements:
            if isinstance(statement, syntax.Call):
                instance.statements.append(self._call(statement, statement.targets))
                continue
            call = self._as_call(statement)
            if call is not None:
                instance.statements.append(call)
                continue
            checked, found = StatementAnalyzer(self, statement).analyze()
            instance.statements.append(checked)
            warnings.extend(found)
            self.tensors[statement.target.text] = checked.result
        for output in definition.outputs:
            if output.name.text not in self.tensors:
                raise error_at(
                    self.buffer, output.name.offset, f"output '{output.name.text}' is never written"
                )
            instance.results.append(self.tensors[output.name.text])
        return warnings

    def order(self, name: str) -> int:
        """Sizes print in the order of the signature."""
        return self.size_order.index(name) if name in self.size_order else len(self.size_order)

    # -- writes ------------------------------------------------------------------------------

    def check_target(self, name: syntax.Name) -> None:
        """A statement may write outputs and temporaries, never inputs or sizes."""
        text = name.text
        if text in self.inputs:
            raise error_at(
                self.buffer,
                name.offset,
                f"cannot write to '{text}': the inputs of a def are immutable",
                [(self.defined_at[text], f"'{text}' is an input here")],
            )
        if text in self.sizes:
            raise error_at(
                self.buffer, name.offset, f"cannot write to '{text}': it is a size variable"
            )
        if text not in self.tensors and text not in self.outputs:
            self._check_free(name, "a tensor")

    # -- calls -------------------------------------------------------------------------------

    def _as_call(self, statement: syntax.Comprehension) -> CheckedCall | None:
        """``C = f(A, B)`` parses as a rank-0 comprehension; it is a call when ``f`` is a
        def of the file and not a name in scope."""
        rhs = statement.rhs
        if (
            statement.indices is not None
            or statement.op != "="
            or statement.where
            or not isinstance(rhs, syntax.Apply)
            or rhs.name.text in self.tensors
            or rhs.name.text in self.sizes
        ):
            return None
        name = rhs.name.text
        if name not in self.program.definitions and (
            name in BUILTINS
            or name in MIN_MAX
            or name in UNSUPPORTED_BUILTINS
            or name in SCALAR_TYPES
            or name in self.written
            or not all(isinstance(a, syntax.Ident) and a.name in self.tensors for a in rhs.args)
        ):
            # Not a call of a def: a builtin, a cast, or a read that checking explains.
            return None
        args = []
        for arg in rhs.args:
            if not isinstance(arg, syntax.Ident):
                raise error_at(
                    self.buffer,
                    arg.offset,
                    f"the arguments of a call of '{rhs.name.text}' must be tensor names",
                )
            args.append(syntax.Name(arg.name, arg.offset))
        call = syntax.Call((statement.target,), rhs.name, tuple(args))
        return self._call(call, call.targets)

    def _call(self, call: syntax.Call, targets: Sequence[syntax.Name]) -> CheckedCall:
        callee_def = self.program.definition_of(call.callee)
        if len(call.args) != len(callee_def.params):
            raise error_at(
                self.buffer,
                call.callee.offset,
                f"'{call.callee.text}' takes {_plural(len(callee_def.params), 'argument')}, "
                f"but {len(call.args)} {'is' if len(call.args) == 1 else 'are'} given",
            )
        if len(targets) != len(callee_def.outputs):
            raise error_at(
                self.buffer,
                call.callee.offset,
                f"'{call.callee.text}' returns {_plural(len(callee_def.outputs), 'tensor')}, "
                f"but {len(targets)} {'is' if len(targets) == 1 else 'are'} assigned",
            )
        args = tuple(self._argument(arg) for arg in call.args)
        substitution = self._unify(call, callee_def, args)
        binding = {n: s.constant for n, s in substitution.items() if s.is_constant}
        callee = self.program.instance(call.callee, binding)
        results = []
        for target, result in zip(targets, callee.results, strict=True):
            self.check_target(target)
            if target.text in self.tensors:
                raise error_at(
                    self.buffer,
                    target.offset,
                    f"'{target.text}' is already written; a call must define new tensors",
                )
            if target.text in (r.name for r in results):
                raise error_at(
                    self.buffer, target.offset, f"'{target.text}' is assigned twice by this call"
                )
            shape = tuple(s.substitute(substitution) for s in result.shape)
            value = TensorValue(target.text, result.element, shape, target.offset)
            self._check_declared(value, target.offset)
            results.append(value)
        for value in results:
            self.tensors[value.name] = value
        return CheckedCall(call, callee, args, tuple(results))

    def _argument(self, name: syntax.Name) -> TensorValue:
        if name.text in self.tensors:
            return self.tensors[name.text]
        if name.text in self.written:
            raise error_at(self.buffer, name.offset, f"'{name.text}' is read before it is written")
        raise error_at(
            self.buffer,
            name.offset,
            f"undefined tensor '{name.text}'{_did_you_mean(name.text, list(self.tensors))}",
        )

    def _unify(
        self, call: syntax.Call, callee: syntax.Definition, args: Sequence[TensorValue]
    ) -> dict[str, Lin]:
        """The callee's sizes as expressions of the caller's, from the argument shapes."""
        substitution: dict[str, Lin] = {}
        for position, (param, arg, name) in enumerate(
            zip(callee.params, args, call.args, strict=True)
        ):
            where = f"argument {position + 1} of '{call.callee.text}'"
            element = SCALAR_TYPES.get(param.type.scalar.text)
            if element is not None and element != arg.element:
                raise error_at(
                    self.buffer,
                    name.offset,
                    f"type mismatch: {where} is a tensor of {element}, but '{arg.name}' is a "
                    f"tensor of {arg.element}",
                )
            if len(param.type.dims) != len(arg.shape):
                raise error_at(
                    self.buffer,
                    name.offset,
                    f"{where} has {_plural(len(param.type.dims), 'dimension')}, but "
                    f"'{arg.name}' has {len(arg.shape)}",
                )
            for dim, (declared, actual) in enumerate(zip(param.type.dims, arg.shape, strict=True)):
                if isinstance(declared, syntax.ConstantDim):
                    expected = Lin.const(declared.value)
                elif declared.text in substitution:
                    expected = substitution[declared.text]
                else:
                    substitution[declared.text] = actual
                    continue
                if not self.prover.equal(expected, actual):
                    raise error_at(
                        self.buffer,
                        name.offset,
                        f"size mismatch: dimension {dim} of {where} must be "
                        f"{expected.render(self.order)}, but it is {actual.render(self.order)} "
                        f"for '{arg.name}'",
                    )
        return substitution

    def _check_declared(self, value: TensorValue, offset: int) -> None:
        """A value written to an output declared with a type must have that type."""
        if value.name not in self.declared:
            return
        element, shape = self.declared[value.name]
        declared_at = self.defined_at[value.name]
        if element != value.element:
            raise error_at(
                self.buffer,
                offset,
                f"type mismatch: '{value.name}' is declared {element}, but it is given "
                f"{value.element} values",
                [(declared_at, "declared here")],
            )
        same_rank = len(shape) == len(value.shape)
        if not same_rank or not all(
            self.prover.equal(a, b) for a, b in zip(shape, value.shape, strict=True)
        ):
            raise error_at(
                self.buffer,
                offset,
                f"the inferred shape of '{value.name}', ({self.render_shape(value.shape)}), "
                f"does not match its declared shape ({self.render_shape(shape)})",
                [(declared_at, "declared here")],
            )

    def render_shape(self, shape: Sequence[Lin]) -> str:
        return ", ".join(s.render(self.order) for s in shape)


class StatementAnalyzer:
    """Checks one comprehension and infers its ranges."""

    def __init__(self, owner: DefAnalyzer, statement: syntax.Comprehension) -> None:
        self.owner = owner
        self.buffer = owner.buffer
        self.statement = statement
        self.target = statement.target.text
        self.lhs: list[str] = []
        self.vars: dict[str, int] = {}
        self.lets: dict[str, syntax.LetClause] = {}
        self.let_order: list[str] = []
        self.given: dict[str, tuple[Lin, Lin]] = {}

    def error(self, offset: int, message: str) -> TCError:
        return error_at(self.buffer, offset, message)

    # -- the statement -------------------------------------------------------------------

    def analyze(self) -> tuple[CheckedComprehension, list[Diagnostic]]:
        owner, statement = self.owner, self.statement
        owner.check_target(statement.target)
        previous = owner.tensors.get(self.target)
        self._lhs(previous)
        exists = _Uses()
        for clause in statement.where:
            self._where(clause, exists)
        rhs_uses = _Uses()
        rhs = self.check(statement.rhs, rhs_uses, len(self.let_order))
        reduction, identity_init = self._reduction(previous)
        order = [v for v in rhs_uses.appearance if v not in self.lhs]
        inference = RangeInference(
            owner.prover, self.buffer, list(self.vars), self.vars, self.order
        )
        ranges, leftover = inference.infer(self.given, [*rhs_uses.reads, *exists.reads])
        warnings = inference.check_reads(ranges, leftover)
        result = self._result(previous, rhs, ranges, inference)
        checked = CheckedComprehension(
            source=statement,
            result=result,
            previous=previous,
            indices=(*self.lhs, *order),
            ranges={v: ranges[v] for v in (*self.lhs, *order)},
            reads=_distinct(rhs_uses.reads),
            rhs=rhs,
            reduction=reduction,
            identity_init=identity_init,
        )
        return checked, warnings

    def order(self, name: str) -> int:
        """Index variables print first, in order, then sizes in signature order."""
        names = list(self.vars)
        if name in names:
            return names.index(name)
        return len(names) + self.owner.order(name)

    def _lhs(self, previous: TensorValue | None) -> None:
        indices = self.statement.indices or ()
        for index in indices:
            if not isinstance(index, syntax.Ident):
                raise self.error(
                    syntax.start_of(index),
                    f"the indices of '{self.target}' on the left-hand side must be plain index "
                    "variables",
                )
            if index.name in self.vars:
                raise self.error(
                    index.offset, f"index variable '{index.name}' appears twice on the left"
                )
            self._check_new_index(syntax.Name(index.name, index.offset))
            self.vars[index.name] = index.offset
            self.lhs.append(index.name)
        if previous is not None and len(previous.shape) != len(indices):
            raise self.error(
                self.statement.target.offset,
                f"'{self.target}' has {_plural(len(previous.shape), 'dimension')}, but it is "
                f"written with {_plural(len(indices), 'index')}",
            )

    def _check_new_index(self, name: syntax.Name) -> None:
        owner = self.owner
        what = None
        if name.text in owner.sizes:
            what = "a size variable"
        elif name.text in owner.tensors or name.text == self.target:
            what = "a tensor"
        elif name.text in BUILTINS or name.text in MIN_MAX:
            what = "a builtin function"
        elif name.text in SCALAR_TYPES:
            what = "a type name"
        if what is not None:
            raise self.error(name.offset, f"'{name.text}' is {what}, not an index variable")

    def _where(self, clause: syntax.WhereClause, exists: _Uses) -> None:
        if isinstance(clause, syntax.LetClause):
            name = clause.var
            if name.text in self.lets or name.text in self.vars:
                raise self.error(name.offset, f"'{name.text}' is already defined")
            self._check_new_index(name)
            # Checked once here for its errors (and, as in TC, the index variables it
            # introduces); its reads count where it is used.
            self.check(clause.expr, _Uses(), len(self.let_order))
            self.lets[name.text] = clause
            self.let_order.append(name.text)
        elif isinstance(clause, syntax.RangeClause):
            name = clause.var
            if name.text in self.lets:
                raise self.error(name.offset, f"'{name.text}' is not an index variable")
            if name.text not in self.vars:
                self._check_new_index(name)
                self.vars[name.text] = name.offset
            if name.text in self.given:
                raise self.error(name.offset, f"the range of '{name.text}' is given twice")
            self.given[name.text] = (self.size_expr(clause.low), self.size_expr(clause.high))
        else:
            self.check(clause.expr, exists, len(self.let_order))

    def _reduction(self, previous: TensorValue | None) -> tuple[ReductionKind, bool]:
        op = self.statement.op
        reducing = [v for v in self.vars if v not in self.lhs]
        if op == "=":
            if reducing:
                raise self.error(
                    self.statement.op_offset,
                    f"this statement includes reduction variable '{reducing[0]}' but does not "
                    "specify a reduction (use '+=!', '*=!', 'min=!' or 'max=!')",
                )
            return ReductionKind.NONE, False
        identity_init = op.endswith("!")
        if not identity_init and previous is None:
            raise self.error(
                self.statement.op_offset,
                f"'{op}' accumulates into the current value of '{self.target}', but it has "
                f"none yet; use '{op}!' to start from the reduction's identity",
            )
        return _REDUCTIONS[op.rstrip("=!")], identity_init

    def _result(
        self,
        previous: TensorValue | None,
        rhs: TExpr,
        ranges: Mapping[str, tuple[Lin, Lin]],
        inference: RangeInference,
    ) -> TensorValue:
        owner = self.owner
        statement = self.statement
        declared = owner.declared.get(self.target)
        if previous is not None:
            element = previous.element
        elif declared is not None:
            element = declared[0]
        else:
            element = rhs.type
        if not fits(rhs, element):
            raise self.error(
                statement.op_offset,
                f"type mismatch: attempting to assign type {rhs.type} to '{self.target}' of "
                f"narrower type {element} without an explicit cast",
            )
        for dim, var in enumerate(self.lhs):
            low, high = ranges[var]
            size = previous.shape[dim] if previous is not None else None
            inference.check_written(var, self.vars[var], low, high, size, self.target, dim)
        if previous is not None:
            shape = previous.shape
        else:
            shape = tuple(ranges[var][1] for var in self.lhs)
            for dim, (var, size) in enumerate(zip(self.lhs, shape, strict=True)):
                if size.is_constant and size.constant < 0:
                    raise self.error(
                        self.vars[var],
                        f"the range of '{var}' ends at {size.constant}, which would give "
                        f"dimension {dim} of '{self.target}' a negative size",
                    )
        result = TensorValue(self.target, element, shape, statement.target.offset)
        if previous is None:
            owner._check_declared(result, statement.target.offset)
        return result

    # -- expressions -----------------------------------------------------------------------

    def _index_var(self, name: str, offset: int, uses: _Uses) -> IndexValue:
        if name not in self.vars:
            self._check_new_index(syntax.Name(name, offset))
            self.vars[name] = offset
        uses.appear(name)
        return IndexValue(name, offset)

    def _let(self, name: str, visible: int) -> tuple[syntax.LetClause, int] | None:
        if name in self.lets and self.let_order.index(name) < visible:
            return self.lets[name], self.let_order.index(name)
        return None

    def check(self, expr: syntax.Expr, uses: _Uses, visible: int) -> TExpr:
        """The typed form of ``expr``; ``visible`` is how many let bindings are in scope."""
        if isinstance(expr, syntax.IntLiteral):
            return Const(expr.value, INT32, expr.offset)
        if isinstance(expr, syntax.FloatLiteral):
            return Const(expr.value, FLOAT32, expr.offset)
        if isinstance(expr, syntax.Ident):
            return self._ident(expr, uses, visible)
        if isinstance(expr, syntax.Apply):
            return self._apply(expr, uses, visible)
        if isinstance(expr, syntax.DimSelect):
            return SizeValue(self._dim_select(expr), expr.offset)
        if isinstance(expr, syntax.Unary):
            operand = self.check(expr.operand, uses, visible)
            if expr.op == "!":
                self._expect_bool(operand, "the operand of '!'")
                return Logical("!", operand, None, expr.offset)
            if isinstance(operand, Const) and operand.weak:
                return Const(-operand.value, operand.type, expr.offset)
            return Negate(operand, operand.type, expr.offset)
        if isinstance(expr, syntax.Binary):
            return self._binary(expr, uses, visible)
        condition = self.check(expr.condition, uses, visible)
        self._expect_bool(condition, "the condition of '?:'")
        then = self.check(expr.then, uses, visible)
        otherwise = self.check(expr.otherwise, uses, visible)
        both_weak = then.weak and otherwise.weak
        return Select(condition, then, otherwise, join(then, otherwise), expr.offset, both_weak)

    def _expect_bool(self, value: TExpr, what: str) -> None:
        if value.type != BOOL:
            raise self.error(value.offset, f"expected boolean but found {value.type}: {what}")

    def _binary(self, expr: syntax.Binary, uses: _Uses, visible: int) -> TExpr:
        lhs = self.check(expr.lhs, uses, visible)
        rhs = self.check(expr.rhs, uses, visible)
        if expr.op in ("&&", "||"):
            self._expect_bool(lhs, f"the left operand of '{expr.op}'")
            self._expect_bool(rhs, f"the right operand of '{expr.op}'")
            return Logical(expr.op, lhs, rhs, expr.offset)
        operand_type = join(lhs, rhs)
        if expr.op in ("==", "!=", "<", "<=", ">", ">="):
            return Compare(expr.op, lhs, rhs, operand_type, expr.offset)
        if isinstance(lhs, Const) and isinstance(rhs, Const) and lhs.weak and rhs.weak:
            folded = _fold(expr.op, lhs, rhs, expr.offset)
            if folded is not None:
                return folded
        return Arith(expr.op, lhs, rhs, operand_type, expr.offset)

    def _ident(self, expr: syntax.Ident, uses: _Uses, visible: int) -> TExpr:
        owner = self.owner
        name = expr.name
        let = self._let(name, visible)
        if let is not None:
            return self.check(let[0].expr, uses, let[1])
        if name in self.vars and name not in owner.tensors:
            return self._index_var(name, expr.offset, uses)
        if name in owner.sizes:
            return SizeValue(owner.sizes[name], expr.offset)
        if name in owner.tensors:
            value = owner.tensors[name]
            if value.shape:
                raise self.error(
                    expr.offset,
                    f"'{name}' is a tensor of {_plural(len(value.shape), 'dimension')}; read it "
                    f"with indices, {name}(...)",
                )
            read = Read(value, (), expr.offset)
            uses.reads.append(read)
            return ReadValue(read, value.element)
        if name in BUILTINS or name in MIN_MAX:
            raise self.error(expr.offset, f"'{name}' is a builtin function; call it, {name}(...)")
        if name in SCALAR_TYPES:
            raise self.error(expr.offset, f"'{name}' is a type, not a value")
        return self._index_var(name, expr.offset, uses)

    def _apply(self, expr: syntax.Apply, uses: _Uses, visible: int) -> TExpr:
        owner = self.owner
        name = expr.name.text
        count = len(expr.args)
        if name in owner.tensors:
            value = owner.tensors[name]
            if len(value.shape) != count:
                raise self.error(
                    expr.offset,
                    f"'{name}' has {_plural(len(value.shape), 'dimension')}, but "
                    f"{_plural(count, 'index')} {'is' if count == 1 else 'are'} given",
                )
            indices = tuple(self.index_expr(arg, uses, visible) for arg in expr.args)
            read = Read(value, indices, expr.offset)
            uses.reads.append(read)
            return ReadValue(read, value.element)
        if name in SCALAR_TYPES and name not in owner.sizes and name not in self.vars:
            self._arity(expr, 1)
            operand = self.check(expr.args[0], uses, visible)
            target = SCALAR_TYPES[name]
            if isinstance(operand, Const) and operand.weak:
                return Const(_convert_constant(operand.value, target), target, expr.offset, False)
            return Cast(operand, target, expr.offset)
        if name in MIN_MAX:
            self._arity(expr, 2)
            lhs, rhs = (self.check(arg, uses, visible) for arg in expr.args)
            return MinMax(name, lhs, rhs, join(lhs, rhs), expr.offset)
        if name in BUILTINS:
            self._arity(expr, BUILTINS[name])
            args = tuple(self.check(arg, uses, visible) for arg in expr.args)
            result = args[0]
            result_type = args[0].type
            for arg in args[1:]:
                result_type = join(result, arg)
                result = Cast(result, result_type, arg.offset, result.weak and arg.weak)
            if not result_type.is_float:
                result_type = FLOAT32
            return BuiltinCall(name, args, result_type, expr.offset)
        if name in UNSUPPORTED_BUILTINS:
            raise self.error(
                expr.offset,
                f"the TC builtin '{name}' is not supported: MLIR's math dialect has no "
                "operation for it",
            )
        if name in owner.sizes or name in self.vars or self._let(name, visible) is not None:
            raise self.error(expr.offset, f"'{name}' is not a tensor or a function")
        if name in owner.written:
            raise self.error(expr.offset, f"'{name}' is read before it is written")
        if name in self.owner.program.definitions:
            raise self.error(
                expr.offset,
                f"a call of '{name}' must be a statement of its own, as in 'X = {name}(...)'",
            )
        if any(not _index_like(arg) for arg in expr.args):
            functions = [*BUILTINS, *MIN_MAX]
            raise self.error(
                expr.offset,
                f"unknown builtin function '{name}'{_did_you_mean(name, functions)}",
            )
        raise self.error(
            expr.offset,
            f"undefined tensor '{name}'{_did_you_mean(name, list(owner.tensors))}",
        )

    def _arity(self, expr: syntax.Apply, expected: int) -> None:
        count = len(expr.args)
        if count != expected:
            raise self.error(
                expr.offset,
                f"'{expr.name.text}' takes {_plural(expected, 'argument')}, but {count} "
                f"{'is' if count == 1 else 'are'} given",
            )

    def _dim_select(self, expr: syntax.DimSelect) -> Lin:
        name = expr.name.text
        value = self.owner.tensors.get(name)
        if value is None:
            if name in self.owner.written:
                raise self.error(expr.offset, f"'{name}' is read before it is written")
            raise self.error(expr.offset, f"'{name}.{expr.dim}': '{name}' is not a tensor")
        if expr.dim >= len(value.shape):
            raise self.error(
                expr.offset,
                f"'{name}' has {_plural(len(value.shape), 'dimension')}; '{name}.{expr.dim}' "
                "does not exist",
            )
        return value.shape[expr.dim]

    # -- affine expressions ------------------------------------------------------------------

    def index_expr(self, expr: syntax.Expr, uses: _Uses, visible: int) -> Lin:
        """A tensor index, which must be affine: ta accesses are affine maps."""
        return self._affine(expr, uses, visible, indices=True)

    def size_expr(self, expr: syntax.Expr) -> Lin:
        """A bound of a ``where`` range: an affine expression of the sizes."""
        return self._affine(expr, _Uses(), 0, indices=False)

    def _affine(self, expr: syntax.Expr, uses: _Uses, visible: int, indices: bool) -> Lin:
        def walk(e: syntax.Expr, visible: int) -> Lin:
            if isinstance(e, syntax.IntLiteral):
                return Lin.const(e.value)
            if isinstance(e, syntax.FloatLiteral):
                raise self.error(e.offset, f"expected an integer but found float {e.text}")
            if isinstance(e, syntax.DimSelect):
                return self._dim_select(e)
            if isinstance(e, syntax.Ident):
                return ident(e, visible)
            if isinstance(e, syntax.Unary) and e.op == "-":
                return -walk(e.operand, visible)
            if isinstance(e, syntax.Binary) and e.op in ("+", "-"):
                lhs, rhs = walk(e.lhs, visible), walk(e.rhs, visible)
                return lhs + rhs if e.op == "+" else lhs - rhs
            if isinstance(e, syntax.Binary) and e.op == "*":
                lhs, rhs = walk(e.lhs, visible), walk(e.rhs, visible)
                if lhs.is_constant:
                    return rhs.scale(lhs.constant)
                if rhs.is_constant:
                    return lhs.scale(rhs.constant)
            if isinstance(e, syntax.Binary) and e.op in ("/", "%"):
                lhs, rhs = walk(e.lhs, visible), walk(e.rhs, visible)
                if rhs.is_constant and rhs.constant == 0:
                    raise self.error(e.offset, "division by zero")
                if rhs.is_constant and (e.op == "/" or rhs.constant > 0):
                    return lhs.floordiv(rhs.constant) if e.op == "/" else lhs.mod(rhs.constant)
            raise not_affine(e)

        def ident(e: syntax.Ident, visible: int) -> Lin:
            owner = self.owner
            let = self._let(e.name, visible) if indices else None
            if let is not None:
                return walk(let[0].expr, let[1])
            if e.name in owner.sizes:
                return owner.sizes[e.name]
            if e.name in owner.tensors:
                raise not_affine(e)
            if not indices:
                raise self.error(
                    e.offset,
                    f"'{e.name}' is not a size: the bounds of a range are expressions of the "
                    "sizes and integers",
                )
            self._index_var(e.name, e.offset, uses)
            return Lin.var(e.name)

        def not_affine(e: syntax.Expr) -> TCError:
            if indices:
                return self.error(
                    e.offset,
                    "tensor indices must be affine: sums of index variables and sizes times "
                    "integers, and their floor division and remainder by positive integers",
                )
            return self.error(
                e.offset,
                "the bounds of a range must be affine expressions of the sizes and integers",
            )

        return walk(expr, visible)


def _index_like(expr: syntax.Expr) -> bool:
    """Whether ``expr`` looks like a tensor index rather than a function's argument."""
    if isinstance(expr, syntax.IntLiteral | syntax.Ident | syntax.DimSelect):
        return True
    if isinstance(expr, syntax.Unary):
        return expr.op == "-" and _index_like(expr.operand)
    if isinstance(expr, syntax.Binary):
        return expr.op in "+-*/%" and _index_like(expr.lhs) and _index_like(expr.rhs)
    return False


def _distinct(reads: list[Read]) -> list[Read]:
    """One read per tensor value and index list."""
    seen: dict[tuple[int, tuple[Lin, ...]], Read] = {}
    for read in reads:
        seen.setdefault((id(read.value), read.indices), read)
    return list(seen.values())


class ProgramAnalyzer:
    """Checks every def of a file, and the specialisations its calls need."""

    def __init__(
        self,
        buffer: SourceBuffer,
        definitions: Sequence[syntax.Definition],
        sizes: Mapping[str, int],
    ) -> None:
        self.buffer = buffer
        self.definitions: dict[str, syntax.Definition] = {}
        for definition in definitions:
            name = definition.name
            if name.text in self.definitions:
                raise error_at(
                    buffer,
                    name.offset,
                    f"redefinition of def '{name.text}'",
                    [(self.definitions[name.text].name.offset, "previously defined here")],
                )
            self.definitions[name.text] = definition
        self.sizes = dict(sizes)
        self.instances: dict[tuple[str, tuple[tuple[str, int], ...]], DefInstance] = {}
        self.symbols: set[str] = set(self.definitions)
        self.active: list[str] = []
        self.warnings: list[Diagnostic] = []

    def size_vars_of(self, definition: syntax.Definition) -> list[str]:
        return list(
            dict.fromkeys(
                dim.text
                for param in definition.params
                for dim in param.type.dims
                if isinstance(dim, syntax.Name)
            )
        )

    def run(self) -> list[DefInstance]:
        """Every def with the sizes bound, then the specialisations, each after its def."""
        tops = []
        for name, definition in self.definitions.items():
            binding = {v: self.sizes[v] for v in self.size_vars_of(definition) if v in self.sizes}
            tops.append(self._instance(name, binding, top=True))
        ordered = []
        for top in tops:
            ordered.append(top)
            ordered.extend(
                i
                for i in self.instances.values()
                if i.definition is top.definition and i is not top
            )
        return ordered

    def definition_of(self, callee: syntax.Name) -> syntax.Definition:
        if callee.text not in self.definitions:
            close = _did_you_mean(callee.text, list(self.definitions))
            raise error_at(
                self.buffer, callee.offset, f"call to unknown def '{callee.text}'{close}"
            )
        if callee.text in self.active:
            raise error_at(
                self.buffer,
                callee.offset,
                f"recursive call to '{callee.text}': TC defs cannot call themselves",
            )
        return self.definitions[callee.text]

    def instance(self, callee: syntax.Name, binding: dict[str, int]) -> DefInstance:
        """The callee with the static sizes its arguments have."""
        return self._instance(callee.text, binding, top=False)

    def _instance(self, name: str, binding: dict[str, int], top: bool) -> DefInstance:
        definition = self.definitions[name]
        order = self.size_vars_of(definition)
        key = (name, tuple(sorted(binding.items(), key=lambda item: order.index(item[0]))))
        if key in self.instances:
            return self.instances[key]
        top_binding = {v: self.sizes[v] for v in order if v in self.sizes}
        symbol = name if top or binding == top_binding else self._symbol(name, key[1])
        instance = DefInstance(definition, symbol, dict(binding), [], {})
        self.active.append(name)
        self.warnings.extend(DefAnalyzer(self, instance).analyze())
        self.active.pop()
        self.instances[key] = instance
        return instance

    def _symbol(self, name: str, binding: tuple[tuple[str, int], ...]) -> str:
        base = f"{name}_" + ("_".join(f"{v}{n}" for v, n in binding) or "dynamic")
        symbol, counter = base, 1
        while symbol in self.symbols:
            symbol, counter = f"{base}_{counter}", counter + 1
        self.symbols.add(symbol)
        return symbol
