"""affine-scalrep: MLIR's affine scalar replacement (`affineScalarReplace`).

Three rewrites, in MLIR's order:
1. store-to-load forwarding: a load whose element was written by a store that dominates it,
   in the same block or the same loops, with nothing in between that may write the element,
   takes the stored value;
2. redundant load elimination: a load of the element that a dominating load already read,
   with nothing in between that may write it, reuses that value;
3. dead store elimination: a store overwritten, later in the same block, by a store of the
   same element with nothing in between that may read it, is erased;
and a locally allocated memref left with only stores and its dealloc is erased.

Accesses are "the same element" when the difference of their composed access maps is
zero; an access with a nonzero constant difference is another element; anything else may
be the same element. As MLIR's alias analysis, two memrefs may alias unless one of them is
a distinct `memref.alloc`/`memref.alloca`; an op with unknown memory effects may read and
write anything.

Options:
- `promote-loop-invariant-accesses` (default false; not in MLIR): afterwards, in each
  innermost `affine.for`, the element of a memref that the loop only accesses through
  loads and stores of one loop-invariant access (with at least one store) is carried in an
  iter_arg instead: loaded before the loop, stored after it. Here distinct function
  arguments are taken not to alias (irkit's destination-passing style), and nothing else in
  the loop may touch the memref. With a zero-trip loop the element is loaded and stored
  back unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from irkit.dialects import affine
from xdsl.context import Context
from xdsl.dialects import func, memref
from xdsl.dialects.builtin import ModuleOp, UnregisteredOp, VectorType
from xdsl.ir import Attribute, Block, BlockArgument, Operation, SSAValue
from xdsl.ir.affine import AffineConstantExpr
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter
from xdsl.traits import MemoryEffectKind, RecursiveMemoryEffect, get_effects

from irkit.affine_utils import (
    body_block,
    innermost_loops,
    replace_with_additional_iter_args,
    value_map_difference,
    yield_op,
)

_READS = (affine.LoadOp, affine.VectorLoadOp)
_WRITES = (affine.StoreOp, affine.VectorStoreOp)
_ALLOCATIONS = (memref.AllocOp, memref.AllocaOp)

AliasQuery = Callable[[SSAValue, SSAValue], bool]


def _has_nested_effects_only(op: Operation) -> bool:
    """Whether `op`'s effects are those of the ops nested in it (an unregistered op, which
    claims every trait, does not count)."""
    return not isinstance(op, UnregisteredOp) and op.has_trait(RecursiveMemoryEffect)


def _memref_of(op: Operation) -> SSAValue:
    assert isinstance(op, _READS + _WRITES)
    return op.accessed_memref


def mlir_may_alias(first: SSAValue, second: SSAValue) -> bool:
    """MLIR's local alias analysis, as scalrep uses it: a distinct allocation aliases
    nothing else; other distinct values (function arguments among them) may alias."""
    if first is second:
        return True
    return not any(isinstance(v.owner, _ALLOCATIONS) for v in (first, second))


def _dps_may_alias(first: SSAValue, second: SSAValue) -> bool:
    """irkit's assumption: distinct function arguments and allocations do not alias."""
    if first is second:
        return True
    roots = (first, second)
    return not all(
        isinstance(v.owner, _ALLOCATIONS)
        or (isinstance(v, BlockArgument) and isinstance(v.block.parent_op(), func.FuncOp))
        for v in roots
    )


def access_difference(first: Operation, second: Operation) -> tuple[AffineConstantExpr, ...] | None:
    """The constant differences of the two accesses' indices, or None when one of them is
    not constant."""
    assert isinstance(first, _READS + _WRITES) and isinstance(second, _READS + _WRITES)
    diff, _ = value_map_difference(
        first.affine_map, list(first.map_operands), second.affine_map, list(second.map_operands)
    )
    if all(isinstance(e, AffineConstantExpr) for e in diff.results):
        return tuple(e for e in diff.results if isinstance(e, AffineConstantExpr))
    return None


def _accessed_type(op: Operation) -> Attribute:
    """The type of the value that the load reads or the store writes."""
    return op.results[0].type if isinstance(op, _READS) else op.operands[0].type


def _lanes(op: Operation) -> int:
    accessed = _accessed_type(op)
    return accessed.get_shape()[-1] if isinstance(accessed, VectorType) else 1


def same_element(first: Operation, second: Operation) -> bool:
    """MLIR's `MemRefAccess` equality: same memref, zero access difference, and the same
    scalar or vector type accessed."""
    if _memref_of(first) is not _memref_of(second):
        return False
    if _accessed_type(first) != _accessed_type(second):
        return False
    difference = access_difference(first, second)
    return difference is not None and all(e.value == 0 for e in difference)


def _other_element(first: Operation, second: Operation) -> bool:
    """Whether the accesses provably touch disjoint elements: a constant difference in an
    outer dimension, or one of at least the wider access's lanes in the last."""
    difference = access_difference(first, second)
    if difference is None or not difference:
        return False
    *outer, last = (e.value for e in difference)
    return any(outer) or abs(last) >= max(_lanes(first), _lanes(second))


def dominates(first: Operation, second: Operation) -> bool:
    """Whether `first` runs before `second` on every path to it (single-block regions)."""
    block = first.parent_block()
    if block is None:
        return False
    ancestor = block.find_ancestor_op_in_block(second)
    if ancestor is None or ancestor is first:
        return False
    ops = list(block.ops)
    return ops.index(first) < ops.index(ancestor)


def _enclosing_loops(op: Operation) -> list[Operation]:
    loops: list[Operation] = []
    parent = op.parent_op()
    while parent is not None and not isinstance(parent, func.FuncOp):
        if isinstance(parent, affine.ForOp | affine.ParallelOp):
            loops.append(parent)
        parent = parent.parent_op()
    return loops


def _intervening_ops(start: Operation, end: Operation) -> list[Operation]:
    """The ops that may run after `start` and before `end`: those between them in program
    order, and every op of the loops around `end` but not `start` (their next iterations)."""
    function = start.parent_op()
    while function is not None and not isinstance(function, func.FuncOp):
        function = function.parent_op()
    assert function is not None
    order = list(function.walk())
    first, last = order.index(start), order.index(end)
    between = [op for op in order[first + 1 : last] if not end.is_ancestor(op)]
    start_loops = _enclosing_loops(start)
    for loop in _enclosing_loops(end):
        if loop not in start_loops:
            between.extend(op for op in loop.walk() if op is not loop)
    return between


def has_no_intervening_effect(
    start: Operation, end: Operation, kind: MemoryEffectKind, may_alias: AliasQuery
) -> bool:
    """MLIR's `hasNoInterveningEffect`: nothing that may run between `start` and `end`
    has an effect of `kind` on the element `start` accesses."""
    target = _memref_of(start)
    for op in _intervening_ops(start, end):
        if op is start or op is end or _has_nested_effects_only(op):
            continue
        effects = get_effects(op)
        if effects is None:
            return False
        for effect in effects:
            if effect.kind != kind:
                continue
            value = effect.value
            if not isinstance(value, SSAValue):
                return False
            if not may_alias(value, target):
                continue
            if value is target and isinstance(op, _READS + _WRITES) and _other_element(op, start):
                continue
            return False
    return True


def _must_reach(store: Operation, load: Operation) -> bool:
    """MLIR's `mustReachAtInnermost`."""
    return store.parent_block() is load.parent_block() or (
        _enclosing_loops(store) == _enclosing_loops(load)
    )


def forward_store_to_load(
    load: Operation, erased: list[Operation], forwarded: set[SSAValue]
) -> bool:
    """MLIR's `forwardStoreToLoad`."""
    target = _memref_of(load)
    candidate: Operation | None = None
    for use in target.uses:
        store = use.operation
        if (
            isinstance(store, _WRITES)
            and same_element(store, load)
            and dominates(store, load)
            and _must_reach(store, load)
            and has_no_intervening_effect(store, load, MemoryEffectKind.WRITE, mlir_may_alias)
        ):
            candidate = store
    if candidate is None:
        return False
    stored = candidate.operands[0]
    if stored.type != load.results[0].type:
        return False
    load.results[0].replace_all_uses_with(stored)
    forwarded.add(target)
    erased.append(load)
    return True


def eliminate_redundant_load(load: Operation, erased: list[Operation]) -> bool:
    """MLIR's `loadCSE`: reuse the value of a dominating load of the same element."""
    candidates = [
        use.operation
        for use in _memref_of(load).uses
        if isinstance(use.operation, _READS)
        and use.operation is not load
        and use.operation not in erased
        and same_element(use.operation, load)
        and dominates(use.operation, load)
        and has_no_intervening_effect(use.operation, load, MemoryEffectKind.WRITE, mlir_may_alias)
        and use.operation.results[0].type == load.results[0].type
    ]
    for option in candidates:
        if all(other is option or dominates(option, other) for other in candidates):
            load.results[0].replace_all_uses_with(option.results[0])
            erased.append(load)
            return True
    return False


def _is_unused_store(store: Operation) -> bool:
    """MLIR's `findUnusedStore`: a later store of the same element in the same block with
    no read in between."""
    for use in _memref_of(store).uses:
        other = use.operation
        if (
            isinstance(other, _WRITES)
            and other is not store
            and other.parent_block() is store.parent_block()
            and same_element(other, store)
            and dominates(store, other)
            and has_no_intervening_effect(store, other, MemoryEffectKind.READ, mlir_may_alias)
        ):
            return True
    return False


def _erase_dead_allocations(forwarded: set[SSAValue]) -> None:
    for value in forwarded:
        allocation = value.owner
        if not isinstance(allocation, _ALLOCATIONS):
            continue
        users = [use.operation for use in value.uses]
        if not all(isinstance(u, (*_WRITES, memref.DeallocOp)) for u in users):
            continue
        for user in set(users):
            user.detach()
            user.erase()
        allocation.detach()
        allocation.erase()


def affine_scalar_replace(function: func.FuncOp) -> None:
    """MLIR's `affineScalarReplace` on one function."""
    erased: list[Operation] = []
    forwarded: set[SSAValue] = set()
    for load in [op for op in function.walk() if isinstance(op, _READS)]:
        if not forward_store_to_load(load, erased, forwarded):
            eliminate_redundant_load(load, erased)
    for op in erased:
        op.detach()
        op.erase()
    unused = [op for op in function.walk() if isinstance(op, _WRITES) and _is_unused_store(op)]
    for op in unused:
        op.detach()
        op.erase()
    _erase_dead_allocations(forwarded)


# ---------------------------------------------------------------------------
# promote-loop-invariant-accesses
# ---------------------------------------------------------------------------


def _defined_outside(value: SSAValue, loop: affine.ForOp) -> bool:
    owner = value.owner
    op = owner.parent_op() if isinstance(owner, Block) else owner
    return op is None or not loop.is_ancestor(op)


def _promotable_accesses(loop: affine.ForOp) -> list[list[Operation]]:
    """Groups of the loop's loads and stores, one group per element, that can be carried
    in an iter_arg: a loop-invariant element, with at least one store, that the loop
    touches through nothing else (other accesses of its memref touch other elements)."""
    by_memref: dict[SSAValue, list[Operation]] = {}
    others: list[Operation] = []
    for op in loop.walk():
        if op is loop or _has_nested_effects_only(op):
            continue
        if isinstance(op, _READS + _WRITES) and op.parent_op() is loop:
            by_memref.setdefault(_memref_of(op), []).append(op)
        elif get_effects(op) is None or get_effects(op):
            others.append(op)
    promotable: list[list[Operation]] = []
    for target, accesses in by_memref.items():
        if any(_touches(op, target) for op in others) or any(
            _dps_may_alias(other, target) for other in by_memref if other is not target
        ):
            continue
        elements: list[list[Operation]] = []
        for op in accesses:
            group = next((g for g in elements if same_element(op, g[0])), None)
            if group is None:
                elements.append([op])
            else:
                group.append(op)
        for group in elements:
            first = group[0]
            if not any(isinstance(op, _WRITES) for op in group):
                continue
            if not all(_defined_outside(v, loop) for v in first.map_operands):
                continue
            if all(
                _other_element(op, first)
                for other in elements
                if other is not group
                for op in other
            ):
                promotable.append(group)
    return promotable


def _touches(op: Operation, target: SSAValue) -> bool:
    effects = get_effects(op)
    if effects is None:
        return True
    return any(
        not isinstance(e.value, SSAValue) or _dps_may_alias(e.value, target) for e in effects
    )


def promote_loop_invariant_accesses(loop: affine.ForOp) -> bool:
    """Carries each promotable element of `loop` in a new iter_arg; False when none."""
    groups = _promotable_accesses(loop)
    if not groups:
        return False
    initial_loads: list[affine.LoadOp | affine.VectorLoadOp] = []
    for accesses in groups:
        first = accesses[0]
        accessed = _accessed_type(first)
        load = (
            affine.VectorLoadOp(
                accessed, _memref_of(first), list(first.map_operands), first.affine_map
            )
            if isinstance(accessed, VectorType)
            else affine.LoadOp(_memref_of(first), list(first.map_operands), first.affine_map)
        )
        Rewriter.insert_op(load, InsertPoint.before(loop))
        initial_loads.append(load)
    old_inits = list(loop.inits)
    new_loop = replace_with_additional_iter_args(loop, [load.results[0] for load in initial_loads])
    new_block = body_block(new_loop)
    terminator = yield_op(new_loop)
    carried = list(new_block.args[1 + len(old_inits) :])
    current = list(carried)
    for index, accesses in enumerate(groups):
        for op in accesses:
            if isinstance(op, _READS):
                op.results[0].replace_all_uses_with(current[index])
            else:
                current[index] = op.operands[0]
            op.detach()
            op.erase()
    terminator.operands = [*terminator.operands, *current]
    for index, load in enumerate(initial_loads):
        store_type = (
            affine.VectorStoreOp if isinstance(load, affine.VectorLoadOp) else affine.StoreOp
        )
        store = store_type(
            new_loop.results[len(old_inits) + index],
            load.memref,
            list(load.map_operands),
            load.affine_map,
        )
        Rewriter.insert_op(store, InsertPoint.after(new_loop))
    return True


@dataclass(frozen=True)
class AffineScalrepPass(ModulePass):
    """Replace affine memref accesses by scalars by forwarding stores to loads and
    eliminating redundant loads"""

    name = "affine-scalrep"

    promote_loop_invariant_accesses: bool = False

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for function in [f for f in op.walk() if isinstance(f, func.FuncOp)]:
            affine_scalar_replace(function)
            if self.promote_loop_invariant_accesses:
                for loop in innermost_loops(function):
                    promote_loop_invariant_accesses(loop)
