"""Polyhedral statements of a function: what the scheduler reorders and codegen rebuilds.

A statement is a maximal sequence of non-loop ops in one block of an affine loop nest (or at
the top level of the function), named ``S0``, ``S1``, ... in program order. It carries

* its iteration domain: an isl set over the induction variables of the enclosing
  `affine.for` / `affine.parallel` ops, restricted by the enclosing `affine.if` conditions,
  with the function's symbols as parameters (see :mod:`irkit.polyhedral.model`);
* its memory accesses, as isl maps from the domain to the elements of a named array;
* its original schedule, the 2d+1 textual-order schedule ``[c0, i0, c1, i1, ..., cd]``.

The scheduled region is the body of the function. Ops at its top level that compute
loop-invariant values (constants, `memref.dim`, allocations) are kept above the region and
deallocations below it; every other op belongs to a statement. Whatever does not fit this
model raises :class:`ScopError`: loops with `iter_args`, values flowing from one statement
into another, memory effects that are not affine loads and stores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import islpy as isl
from xdsl.dialects import memref
from xdsl.dialects.func import FuncOp
from xdsl.ir import Block, BlockArgument, Operation, SSAValue
from xdsl.traits import is_side_effect_free

from irkit.dialects import affine
from irkit.polyhedral.dependences import check_aliasing
from irkit.polyhedral.model import (
    MemoryAccess,
    NotAffineError,
    collect_accesses,
    induction_vars,
    iv_name,
    param_name,
)

__all__ = ["Scop", "ScopError", "Statement", "StatementAccess", "extract_scop"]

_LOOP_TYPES = (affine.ForOp, affine.ParallelOp)
_ALLOCATION_TYPES = (memref.AllocOp, memref.AllocaOp)


class ScopError(Exception):
    """The function cannot be modelled as polyhedral statements; `op` is the op at fault."""

    def __init__(self, message: str, op: Operation | None = None) -> None:
        super().__init__(message)
        self.op = op


@dataclass(frozen=True)
class StatementAccess:
    """One memory access of a statement: statement iteration -> element of `array`."""

    op: Operation
    array: str
    is_write: bool
    relation: isl.Map


@dataclass
class Statement:
    """A sequence of ops run once per point of `domain`."""

    name: str
    ops: tuple[Operation, ...]
    ivs: tuple[SSAValue, ...]
    """The induction variables of the enclosing loops: the domain's dimensions, in order."""
    nest: int
    """The position of the top-level op (loop nest or statement) it comes from."""
    domain: isl.Set
    accesses: tuple[StatementAccess, ...]
    original_schedule: isl.Map


@dataclass
class Scop:
    """The statements of one function, and the ops kept around them."""

    func: FuncOp
    statements: list[Statement]
    parameters: dict[str, SSAValue]
    """isl parameter name -> the symbol it stands for."""
    context: isl.Set
    """What is known of the parameters (sizes are non-negative)."""
    hoisted: list[Operation]
    """Top-level ops kept above the scheduled region."""
    sunk: list[Operation]
    """Top-level deallocations kept below the scheduled region."""
    region_ops: list[Operation]
    """The top-level ops that the statements replace."""

    def domain(self) -> isl.UnionSet:
        return _union_set([s.domain for s in self.statements], self.context)

    def original_schedule(self) -> isl.UnionMap:
        return _union_map([s.original_schedule for s in self.statements], self.context)

    def reads(self) -> isl.UnionMap:
        return self._accesses(is_write=False)

    def writes(self) -> isl.UnionMap:
        return self._accesses(is_write=True)

    def _accesses(self, is_write: bool) -> isl.UnionMap:
        relations = [
            access.relation
            for statement in self.statements
            for access in statement.accesses
            if access.is_write == is_write
        ]
        return _union_map(relations, self.context)


def _union_set(sets: Sequence[isl.Set], context: isl.Set) -> isl.UnionSet:
    result = isl.UnionSet.empty(context.get_space())
    for s in sets:
        result = result.union(isl.UnionSet.from_set(s))
    return result


def _union_map(maps: Sequence[isl.Map], context: isl.Set) -> isl.UnionMap:
    result = isl.UnionMap.empty(context.get_space())
    for m in maps:
        result = result.union(isl.UnionMap.from_map(m))
    return result


# A schedule entry: a textual position, or the index of an induction variable.
_ScheduleEntry = int | tuple[str, int]


@dataclass
class _PendingStatement:
    ops: list[Operation]
    loops: tuple[Operation, ...]
    nest: int
    schedule: list[_ScheduleEntry]


class _Extractor:
    def __init__(self, func: FuncOp) -> None:
        self.func = func
        self.hoisted: list[Operation] = []
        self.sunk: list[Operation] = []
        self.region_ops: list[Operation] = []
        self.pending: list[_PendingStatement] = []

    def run(self) -> Scop:
        if len(self.func.body.blocks) != 1:
            raise ScopError("the function body has more than one block", self.func)
        block = self.func.body.block
        position = 0
        group: list[Operation] = []
        for op in block.ops:
            if op is block.last_op and op.name == "func.return":
                break
            if self._is_hoistable(op):
                self.hoisted.append(op)
            elif isinstance(op, memref.DeallocOp):
                self.sunk.append(op)
            elif isinstance(op, (*_LOOP_TYPES, affine.IfOp)):
                position = self._flush(group, (), position, [], position)
                group = []
                self.region_ops.append(op)
                self._visit_structured(op, (), position, [position])
                position += 1
            else:
                if op.regions:
                    raise ScopError(f"'{op.name}' is not an affine construct", op)
                self.region_ops.append(op)
                group.append(op)
        self._flush(group, (), position, [], position)
        terminator = block.last_op
        if terminator is not None:
            self._check_uses_outside_statements(terminator)
        return self._build()

    def _is_hoistable(self, op: Operation) -> bool:
        """A top-level op whose value does not depend on the region: kept above it."""
        if op.regions:
            return False
        if not (is_side_effect_free(op) or isinstance(op, _ALLOCATION_TYPES)):
            return False
        return all(self._defined_outside_region(v) for v in op.operands)

    def _defined_outside_region(self, value: SSAValue) -> bool:
        if isinstance(value, BlockArgument):
            return value.block is self.func.body.block
        return value.owner in self.hoisted

    def _visit_block(
        self,
        block: Block,
        loops: tuple[Operation, ...],
        nest: int,
        prefix: list[_ScheduleEntry],
    ) -> None:
        position = 0
        group: list[Operation] = []
        for op in block.ops:
            if isinstance(op, affine.YieldOp):
                if op.operands:
                    raise ScopError("a region yields values", op)
                continue
            if isinstance(op, (*_LOOP_TYPES, affine.IfOp)):
                position = self._flush(group, loops, nest, prefix, position)
                group = []
                self._visit_structured(op, loops, nest, [*prefix, position])
                position += 1
            elif op.regions:
                raise ScopError(f"'{op.name}' is not an affine construct", op)
            else:
                group.append(op)
        self._flush(group, loops, nest, prefix, position)

    def _visit_structured(
        self,
        op: Operation,
        loops: tuple[Operation, ...],
        nest: int,
        prefix: list[_ScheduleEntry],
    ) -> None:
        if op.results:
            raise ScopError(f"'{op.name}' with results (iter_args or reductions)", op)
        depth = len(induction_vars(loops))
        if isinstance(op, affine.IfOp):
            self._visit_block(op.then_region.block, loops, nest, [*prefix, 0])
            if op.has_else():
                self._visit_block(op.else_region.block, loops, nest, [*prefix, 1])
            return
        assert isinstance(op, _LOOP_TYPES)
        inner = (*loops, op)
        schedule = list(prefix)
        for k in range(len(induction_vars([op]))):
            if k:
                schedule.append(0)
            schedule.append(("iv", depth + k))
        self._visit_block(op.body.block, inner, nest, schedule)

    def _flush(
        self,
        group: list[Operation],
        loops: tuple[Operation, ...],
        nest: int,
        prefix: list[_ScheduleEntry],
        position: int,
    ) -> int:
        """Record `group` as a statement at `position`; the next free position."""
        if not group:
            return position
        self.pending.append(_PendingStatement(list(group), loops, nest, [*prefix, position]))
        return position + 1

    def _check_uses_outside_statements(self, op: Operation, own: Sequence[Operation] = ()) -> None:
        """Raise ScopError if `op` uses a value that an op of the region outside `own`
        defines: the statements are reordered, so no value may flow between them."""
        for value in op.operands:
            owner = value.owner
            if (
                isinstance(owner, Operation)
                and owner not in own
                and not self._defined_outside_region(value)
            ):
                raise ScopError(
                    f"the value of '{owner.name}' flows from one statement into another", op
                )

    def _build(self) -> Scop:
        statements: list[Statement] = []
        # Pad the 2d+1 schedules to one width, so that they compare lexicographically.
        width = max((len(pending.schedule) for pending in self.pending), default=1)
        arrays: dict[SSAValue, str] = {}
        params: set[str] = set()
        all_accesses: list[MemoryAccess] = []
        for pending in self.pending:
            ivs = induction_vars(pending.loops)
            for op in pending.ops:
                self._check_statement_operands(op, pending.ops, ivs)
            accesses = _accesses(pending.ops)
            all_accesses += accesses
            if not accesses:
                # Side-effect free ops that no other statement uses compute nothing.
                continue
            name = f"S{len(statements)}"
            domain = accesses[0].domain.set_tuple_name(name)
            statement_accesses = []
            for access in accesses:
                array = arrays.setdefault(access.memref, f"A{len(arrays)}")
                relation = access.access.set_tuple_name(isl.dim_type.in_, name)
                relation = relation.set_tuple_name(isl.dim_type.out, array)
                statement_accesses.append(
                    StatementAccess(access.op, array, access.is_write, relation)
                )
                params.update(_param_names(relation.get_space()))
            params.update(_param_names(domain.get_space()))
            statements.append(
                Statement(
                    name=name,
                    ops=tuple(pending.ops),
                    ivs=ivs,
                    nest=pending.nest,
                    domain=domain,
                    accesses=tuple(statement_accesses),
                    original_schedule=_schedule_map(domain, pending.schedule, width),
                )
            )
        try:
            # Distinct arrays must be distinct memory for the dependences to be complete.
            check_aliasing(all_accesses)
        except NotAffineError as error:
            raise ScopError(str(error), error.op) from None
        parameters = self._parameters(params)
        return Scop(
            func=self.func,
            statements=statements,
            parameters=parameters,
            context=_context(parameters),
            hoisted=self.hoisted,
            sunk=self.sunk,
            region_ops=self.region_ops,
        )

    def _check_statement_operands(
        self, op: Operation, own: Sequence[Operation], ivs: Sequence[SSAValue]
    ) -> None:
        for value in op.operands:
            if isinstance(value, BlockArgument) and value in ivs:
                continue
            if isinstance(value, BlockArgument) and not self._defined_outside_region(value):
                raise ScopError("a block argument other than an induction variable is used", op)
        self._check_uses_outside_statements(op, own)

    def _parameters(self, names: set[str]) -> dict[str, SSAValue]:
        candidates = [*self.func.body.block.args]
        candidates += [result for op in self.hoisted for result in op.results]
        by_name = {param_name(value): value for value in candidates}
        parameters: dict[str, SSAValue] = {}
        for name in sorted(names):
            if name not in by_name:
                raise ScopError(
                    "a loop bound or index uses a symbol defined inside the region", self.func
                )
            parameters[name] = by_name[name]
        return parameters


def _accesses(ops: Sequence[Operation]) -> list[MemoryAccess]:
    accesses: list[MemoryAccess] = []
    for op in ops:
        try:
            accesses.extend(collect_accesses(op))
        except NotAffineError as error:
            raise ScopError(str(error), error.op) from None
    return accesses


def _param_names(space: isl.Space) -> list[str]:
    return [space.get_dim_name(isl.dim_type.param, k) for k in range(space.dim(isl.dim_type.param))]


def _schedule_map(domain: isl.Set, entries: Sequence[_ScheduleEntry], width: int) -> isl.Map:
    """The textual-order schedule of a statement, as a map from its domain."""
    dims = ", ".join(iv_name(k) for k in range(domain.dim(isl.dim_type.set)))
    times = [iv_name(entry[1]) if isinstance(entry, tuple) else str(entry) for entry in entries]
    times += ["0"] * (width - len(times))
    name = domain.get_tuple_name()
    schedule = isl.Map(f"{{ {name}[{dims}] -> [{', '.join(times)}] }}")
    return schedule.intersect_domain(domain)


def _context(parameters: dict[str, SSAValue]) -> isl.Set:
    """Sizes read with `memref.dim` are non-negative; other symbols are unconstrained."""
    names = ", ".join(parameters)
    sizes = [
        f"{name} >= 0"
        for name, value in parameters.items()
        if isinstance(value.owner, memref.DimOp)
    ]
    return isl.Set(f"[{names}] -> {{ : {' and '.join(sizes) or 'true'} }}")


def extract_scop(func: FuncOp) -> Scop:
    """The polyhedral statements of `func`; raises ScopError when it is not modellable."""
    try:
        return _Extractor(func).run()
    except isl.Error as error:
        raise ScopError(f"isl cannot model the function: {error}", func) from None
