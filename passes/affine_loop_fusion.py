"""affine-loop-fusion: fuse top-level affine loop nests, checked with exact dependences.

MLIR's pass (lib/Dialect/Affine/Transforms/LoopFusion.cpp) on irkit's affine dialect.
Producer-consumer fusion moves a top-level loop nest that writes a memref (the producer)
into a later top-level nest that reads it (the consumer), at the start of the body of the
consumer's loop at depth ``d``: for each iteration of the consumer's ``d`` outer loops, the
producer's *slice* runs, the producer iterations that this consumer iteration reads. The
slice is computed with isl, as bounds on the producer's induction variables in terms of the
consumer's outer ones. Sibling fusion does the same for two nests that read a common memref
that neither writes.

A candidate is fused only when

* the producer is a perfect band of `affine.for` loops without iter_args or results, and
  the slice is *exact*: each producer iteration belongs to exactly one consumer iteration's
  slice, all of them are covered, and the slice is a box of single affine bounds (so no
  computation is repeated; MLIR's `fusion-compute-tolerance` is therefore not needed);
* the new order of the iterations keeps every dependence: between the two nests, inside
  the producer (whose iterations are reordered), and with the ops between the two nests
  (the fused nest takes the consumer's place, or the producer's when the ops in between
  depend on the producer but not on the consumer).

The deepest depth that satisfies these is used. After fusion, a memref that is a local
`memref.alloc` used only by the fused nest (and its `memref.dealloc`), whose elements each
live within one iteration of the fused loops, is replaced by a private memref holding one
such iteration's footprint, as MLIR's `createPrivateMemRef` does: a producer store and a
consumer load of the same element become accesses to a ``memref<1xf32>``.

Options:

* ``mode`` (``greedy`` by default, ``producer``, ``sibling``): which fusions to try;
  ``greedy`` does producer-consumer fusion, then sibling fusion.
* ``fusion-maximal`` (bool, accepted for MLIR compatibility): fusion here is always at the
  deepest legal exact depth, which is what this option asks of MLIR's cost model.
* ``test-remarks`` (bool, irkit-only, false by default): emit a remark on the consumer loop
  when a candidate pair is refused because fusing would violate a dependence, naming it
  (MLIR emits no remarks; this lets lit tests check refusals with --verify-diagnostics).

MLIR's ``fusion-fast-mem-space``, ``fusion-local-buffer-threshold`` and
``fusion-compute-tolerance`` are not implemented, and are rejected as unknown options.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import attrs
import islpy as isl
from irkit.dialects import affine
from xdsl.context import Context
from xdsl.dialects import func, memref
from xdsl.dialects.builtin import MemRefType, ModuleOp, NoneAttr
from xdsl.ir import Block, Operation, SSAValue
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineExpr, AffineMap, AffineSymExpr
from xdsl.passes import ModulePass

from irkit.affine_utils import (
    canonicalize_map_and_operands,
    compose_map_and_operands,
    perfectly_nested_band,
    promote_if_single_iteration,
)
from irkit.diagnostics import emit_remark
from irkit.polyhedral.dependences import Dependence, dependences_among
from irkit.polyhedral.model import (
    MemoryAccess,
    NotAffineError,
    collect_accesses,
    loop_domain,
    param_name,
)

MODES = ("greedy", "producer", "sibling")


class _Refusal(Exception):
    """A candidate pair cannot be fused; `dependence` is set when one would be violated."""

    def __init__(self, reason: str, dependence: Dependence | None = None) -> None:
        super().__init__(reason)
        self.dependence = dependence


@attrs.frozen
class _Plan:
    """How to fuse a producer into a consumer at one depth."""

    depth: int
    chain: tuple[affine.ForOp, ...]
    """The consumer's loops at depths 1..depth, outermost first."""
    schedule: isl.Map
    """Producer iteration -> the consumer's outer iteration whose slice holds it."""
    bounds: tuple[tuple[isl.Aff, isl.Aff], ...]
    """Per producer loop: the slice's lower and upper (inclusive) bounds, over the
    consumer's outer induction variables."""
    at_consumer: bool
    """Whether the fused nest takes the consumer's place (else the producer's)."""


def _align(*objects: isl.Map | isl.Set) -> list[isl.Map | isl.Set]:
    space = objects[0].get_space()
    for obj in objects[1:]:
        space = space.align_params(obj.get_space())
    return [obj.align_params(space) for obj in objects]


def _names(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{k}" for k in range(count)]


def _map_text(ins: Sequence[str], outs: Sequence[str], constraint: str) -> isl.Map:
    return isl.Map(f"{{ [{', '.join(ins)}] -> [{', '.join(outs)}] : {constraint} }}")


def _lex_less(lhs: Sequence[str], rhs: Sequence[str]) -> str:
    """isl text: `lhs` precedes `rhs` lexicographically (false when both are empty)."""
    terms = [
        " and ".join([f"{lhs[j]} = {rhs[j]}" for j in range(k)] + [f"{lhs[k]} < {rhs[k]}"])
        for k in range(len(lhs))
    ]
    return " or ".join(f"({t})" for t in terms) or "false"


def _prefix_projection(n_ivs: int, depth: int) -> isl.Map:
    ivs = _names("q", n_ivs)
    return _map_text(ivs, ivs[:depth], "true")


def _single_aff(pw_aff: isl.PwAff) -> isl.Aff | None:
    pieces = pw_aff.get_pieces()
    if len(pieces) != 1:
        return None
    aff = pieces[0][1]
    if aff.dim(isl.dim_type.div) != 0 or aff.get_denominator_val().to_python() != 1:
        return None
    return aff


def _aff_terms(aff: isl.Aff) -> tuple[list[int], dict[str, int], int]:
    """The coefficients of the input dims, of the named parameters, and the constant."""
    dims = [
        aff.get_coefficient_val(isl.dim_type.in_, k).to_python()
        for k in range(aff.dim(isl.dim_type.in_))
    ]
    params = {
        aff.get_dim_name(isl.dim_type.param, k): aff.get_coefficient_val(
            isl.dim_type.param, k
        ).to_python()
        for k in range(aff.dim(isl.dim_type.param))
    }
    return (
        dims,
        {name: c for name, c in params.items() if c != 0},
        aff.get_constant_val().to_python(),
    )


def _aff_text(aff: isl.Aff, dim_names: Sequence[str]) -> str:
    dims, params, constant = _aff_terms(aff)
    terms = [f"{c} * {name}" for c, name in zip(dims, dim_names, strict=True) if c]
    terms += [f"{c} * {name}" for name, c in params.items()]
    return " + ".join([*terms, str(constant)])


def _aff_expr(
    aff: isl.Aff,
    symbols: list[SSAValue],
    values: dict[str, SSAValue],
    shift: int = 0,
    first_dim: int = 0,
) -> AffineExpr:
    """`aff` + `shift` as an affine expression whose input dim k is dim `first_dim` + k,
    over `symbols` (extended with the SSA values of the parameters it uses)."""
    dims, params, constant = _aff_terms(aff)
    expr: AffineExpr = AffineConstantExpr(constant + shift)
    for position, coefficient in enumerate(dims):
        if coefficient:
            expr = expr + AffineDimExpr(first_dim + position) * coefficient
    for name, coefficient in params.items():
        value = values[name]
        if value not in symbols:
            symbols.append(value)
        expr = expr + AffineSymExpr(symbols.index(value)) * coefficient
    return expr


def _is_top_level_nest(op: Operation) -> bool:
    return isinstance(op, affine.ForOp) and not op.results


class _Fuser:
    """Fusion in one block of top-level loop nests."""

    def __init__(self, block: Block, test_remarks: bool) -> None:
        self.block = block
        self.test_remarks = test_remarks
        self.reported: set[str] = set()
        func_op = block.parent_op()
        assert func_op is not None
        self.values = {
            param_name(operand): operand for op in func_op.walk() for operand in op.operands
        }

    def run(self, mode: str) -> None:
        kinds = ["producer", "sibling"] if mode == "greedy" else [mode]
        for kind in kinds:
            while self._fuse_one(kind):
                pass

    def _fuse_one(self, kind: str) -> bool:
        """Fuse the first fusable pair of nests; whether one was fused."""
        try:
            accesses, dependences = self._analyse()
        except NotAffineError:
            return False
        nests = [op for op in self.block.ops if _is_top_level_nest(op)]
        for consumer_index, consumer in enumerate(nests):
            # The closest candidates first, as MLIR visits producers of a consumer.
            for producer in reversed(nests[:consumer_index]):
                memrefs = self._slice_memrefs(kind, producer, consumer, accesses)
                if not memrefs:
                    continue
                try:
                    plan = self._plan(producer, consumer, memrefs, accesses, dependences)
                except _Refusal as refusal:
                    self._report(producer, consumer, refusal)
                    continue
                self._fuse(producer, consumer, plan, kind, memrefs)
                return True
        return False

    def _analyse(self) -> tuple[list[MemoryAccess], list[Dependence]]:
        """The affine accesses of the block's ops and the dependences between them.
        Allocations and deallocations are left out of the model (the placement checks
        deallocations); any other op with memory effects raises NotAffineError."""
        accesses: list[MemoryAccess] = []
        for op in self.block.ops:
            if isinstance(op, memref.AllocOp | memref.AllocaOp | memref.DeallocOp):
                continue
            accesses += collect_accesses(op)
        return accesses, dependences_among(accesses)

    def _report(self, producer: Operation, consumer: Operation, refusal: _Refusal) -> None:
        if not self.test_remarks or refusal.dependence is None:
            return
        message = f"fusion of '{producer.name}' into this loop nest refused: {refusal}"
        if message not in self.reported:
            self.reported.add(message)
            emit_remark(consumer, message)

    @staticmethod
    def _slice_memrefs(
        kind: str, producer: Operation, consumer: Operation, accesses: list[MemoryAccess]
    ) -> set[SSAValue]:
        """The memrefs whose accesses define the slice: written by the producer and read
        by the consumer (producer-consumer), or read by both and written by neither
        (sibling, when the pair is not a producer-consumer pair)."""
        inside_p = [a for a in accesses if producer.is_ancestor(a.op)]
        inside_c = [a for a in accesses if consumer.is_ancestor(a.op)]
        p_written = {a.memref for a in inside_p if a.is_write}
        c_read = {a.memref for a in inside_c if not a.is_write}
        flowing = p_written & c_read
        if kind == "producer":
            return flowing
        if flowing:
            return set()
        written = p_written | {a.memref for a in inside_c if a.is_write}
        p_read = {a.memref for a in inside_p if not a.is_write}
        return (p_read & c_read) - written

    def _plan(
        self,
        producer: Operation,
        consumer: Operation,
        memrefs: set[SSAValue],
        accesses: list[MemoryAccess],
        dependences: list[Dependence],
    ) -> _Plan:
        assert isinstance(producer, affine.ForOp) and isinstance(consumer, affine.ForOp)
        band = perfectly_nested_band(producer)
        if any(loop.inits for loop in band):
            raise _Refusal("the producer has iter_args")
        inside = [a for a in accesses if producer.is_ancestor(a.op)]
        if any(a.loops != tuple(band) for a in inside):
            raise _Refusal("the producer is not a perfect loop nest")
        sources = [a for a in inside if a.memref in memrefs]
        sinks = [
            a
            for a in accesses
            if consumer.is_ancestor(a.op) and a.memref in memrefs and not a.is_write
        ]
        sources = [a for a in sources if a.is_write] or sources
        chain = self._chain(consumer, [a.op for a in sinks])
        at_consumer, conflicts = self._placement(producer, consumer, dependences)
        last: _Refusal = _Refusal("no exact slice")
        for depth in range(len(chain), 0, -1):
            try:
                plan = self._plan_at(band, chain[:depth], sources, sinks, at_consumer)
                self._check_dependences(producer, consumer, plan, dependences, conflicts)
                return plan
            except _Refusal as refusal:
                if depth == 1 or refusal.dependence is not None:
                    last = refusal
        raise last

    @staticmethod
    def _chain(consumer: affine.ForOp, ops: Sequence[Operation]) -> tuple[affine.ForOp, ...]:
        """The consumer's loops, outermost first, while one loop holds all of `ops`."""
        chain = [consumer]
        while True:
            inner = [
                op
                for op in chain[-1].body.block.ops
                if isinstance(op, affine.ForOp) and all(op.is_ancestor(o) for o in ops)
            ]
            if not inner:
                return tuple(chain)
            chain.append(inner[0])

    def _placement(
        self, producer: Operation, consumer: Operation, dependences: list[Dependence]
    ) -> tuple[bool, Dependence | None]:
        """Where the fused nest goes: at the consumer when no op between the two nests
        depends on the producer, else at the producer when none depends on the consumer.
        Also a dependence that forbids both, if any."""
        between: list[Operation] = []
        current = producer.next_op
        while current is not None and current is not consumer:
            between.append(current)
            current = current.next_op

        def conflict(nest: Operation) -> tuple[bool, Dependence | None]:
            """Whether an op in between must stay on its side of `nest`, and the
            dependence that says so (None for a deallocation of a memref it uses)."""
            used = {operand for op in nest.walk() for operand in op.operands}
            if any(isinstance(o, memref.DeallocOp) and o.memref in used for o in between):
                return True, None
            for dependence in dependences:
                ends = (dependence.source.op, dependence.sink.op)
                if any(nest.is_ancestor(end) for end in ends) and any(
                    other.is_ancestor(end) for other in between for end in ends
                ):
                    return True, dependence
            return False, None

        producer_blocked, producer_dependence = conflict(producer)
        if not producer_blocked:
            return True, None
        consumer_blocked, _ = conflict(consumer)
        uses_between = any(
            operand.owner in between
            for op in consumer.walk()
            for operand in op.operands
            if isinstance(operand.owner, Operation)
        )
        if not consumer_blocked and not uses_between:
            return False, None
        if producer_dependence is None:
            raise _Refusal("the producer uses a memref deallocated before the consumer")
        return True, producer_dependence

    def _plan_at(
        self,
        band: list[affine.ForOp],
        chain: tuple[affine.ForOp, ...],
        sources: list[MemoryAccess],
        sinks: list[MemoryAccess],
        at_consumer: bool,
    ) -> _Plan:
        depth = len(chain)
        n_band = len(band)
        needed: isl.Map | None = None
        for source in sources:
            for sink in sinks:
                if sink.memref is not source.memref:
                    continue
                pairs = sink.access.apply_range(source.access.reverse())
                projection = _prefix_projection(len(sink.ivs), depth)
                pairs = pairs.apply_domain(projection.align_params(pairs.get_space()))
                needed = pairs if needed is None else needed.union(_align(needed, pairs)[1])
        producer_domain = loop_domain(band)
        prefix_domain = loop_domain(chain)
        if needed is None:
            raise _Refusal("no accesses to slice on")
        needed, producer_domain, prefix_domain = _align(needed, producer_domain, prefix_domain)
        needed = needed.coalesce()
        schedule = needed.reverse()
        if not schedule.is_single_valued():
            raise _Refusal("the slice would repeat producer iterations")
        if not needed.range().is_equal(producer_domain):
            raise _Refusal("the slice does not cover the producer")
        bounds: list[tuple[isl.Aff, isl.Aff]] = []
        prefix_names = _names("x", depth)
        box = []
        for k in range(n_band):
            lower = _single_aff(needed.dim_min(k))
            upper = _single_aff(needed.dim_max(k))
            if lower is None or upper is None:
                raise _Refusal("the slice bounds are not single affine expressions")
            bounds.append((lower, upper))
            name = f"p{k}"
            box.append(
                f"{_aff_text(lower, prefix_names)} <= {name} <= {_aff_text(upper, prefix_names)}"
            )
        params = needed.get_space().get_var_names(isl.dim_type.param)
        box_map = isl.Map(
            f"[{', '.join(params)}] -> {{ [{', '.join(prefix_names)}] -> "
            f"[{', '.join(_names('p', n_band))}] : {' and '.join(box) or 'true'} }}"
        )
        box_map = box_map.align_params(needed.get_space()).intersect_domain(prefix_domain)
        if not box_map.is_equal(needed):
            raise _Refusal("the slice is not a box of the consumer's induction variables")
        return _Plan(depth, chain, schedule, tuple(bounds), at_consumer)

    def _check_dependences(
        self,
        producer: Operation,
        consumer: Operation,
        plan: _Plan,
        dependences: list[Dependence],
        conflict: Dependence | None,
    ) -> None:
        if conflict is not None:
            raise _Refusal(
                f"the ops between the nests depend on both: {conflict.describe()}", conflict
            )
        depth = plan.depth
        prefix = _names("x", depth)
        later = _names("y", depth)
        for dependence in dependences:
            source_in_p = producer.is_ancestor(dependence.source.op)
            sink_in_p = producer.is_ancestor(dependence.sink.op)
            if source_in_p and sink_in_p:
                # The producer's iterations are reordered by their consumer iteration.
                moved = dependence.relation.apply_domain(
                    _align(plan.schedule, dependence.relation)[0]
                )
                moved = moved.apply_range(_align(plan.schedule, moved)[0])
                reversed_order = _map_text(prefix, later, _lex_less(later, prefix))
                if not moved.intersect(_align(reversed_order, moved)[0]).is_empty():
                    raise _Refusal(f"it would violate the {dependence.describe()}", dependence)
            elif source_in_p and consumer.is_ancestor(dependence.sink.op):
                sink = dependence.sink
                relation = dependence.relation
                moved = relation.apply_domain(_align(plan.schedule, relation)[0])
                before = self._before_slice(plan, sink)
                if not moved.intersect(_align(before, moved)[0]).is_empty():
                    raise _Refusal(f"it would violate the {dependence.describe()}", dependence)

    @staticmethod
    def _before_slice(plan: _Plan, access: MemoryAccess) -> isl.Map:
        """Consumer outer iteration x -> iterations of `access` that run before the
        slice fused at x."""
        ivs = _names("q", len(access.ivs))
        prefix = _names("x", plan.depth)
        enclosing = sum(1 for loop in plan.chain if loop.is_ancestor(access.op))
        common = min(enclosing, plan.depth)
        condition = _lex_less(ivs[:common], prefix[:common])
        if enclosing < plan.depth:
            body = plan.chain[enclosing - 1].body.block
            ancestor = body.find_ancestor_op_in_block(access.op)
            assert ancestor is not None
            inner = plan.chain[enclosing]
            if body.get_operation_index(ancestor) < body.get_operation_index(inner):
                equal = " and ".join(
                    f"{q} = {x}" for q, x in zip(ivs, prefix[:common], strict=False)
                )
                condition = f"({condition}) or ({equal or 'true'})"
        return _map_text(prefix, ivs, condition)

    def _fuse(
        self,
        producer: affine.ForOp,
        consumer: affine.ForOp,
        plan: _Plan,
        kind: str,
        memrefs: set[SSAValue],
    ) -> None:
        band = perfectly_nested_band(producer)
        if not plan.at_consumer:
            consumer.detach()
            self.block.insert_op_before(consumer, producer)
        chain_ivs = [loop.induction_var for loop in plan.chain]
        target = plan.chain[-1].body.block
        anchor = target.first_op
        assert anchor is not None
        new_loops: list[affine.ForOp] = []
        for loop, (lower, upper) in zip(band, plan.bounds, strict=True):
            lb_symbols: list[SSAValue] = []
            ub_symbols: list[SSAValue] = []
            depth = plan.depth
            lb_expr = _aff_expr(lower, lb_symbols, self.values)
            ub_expr = _aff_expr(upper, ub_symbols, self.values, shift=1)
            lb_map, lb_operands = canonicalize_map_and_operands(
                AffineMap(depth, len(lb_symbols), (lb_expr,)), [*chain_ivs, *lb_symbols]
            )
            ub_map, ub_operands = canonicalize_map_and_operands(
                AffineMap(depth, len(ub_symbols), (ub_expr,)), [*chain_ivs, *ub_symbols]
            )
            new_loop = affine.ForOp(lb_operands, ub_operands, (), lb_map, ub_map, 1)
            if new_loops:
                inner_block = new_loops[-1].body.block
                assert inner_block.last_op is not None
                inner_block.insert_op_before(new_loop, inner_block.last_op)
            else:
                target.insert_op_before(new_loop, anchor)
            new_loops.append(new_loop)
            loop.induction_var.replace_all_uses_with(new_loop.induction_var)
        innermost = new_loops[-1].body.block
        terminator = innermost.last_op
        assert terminator is not None
        for op in list(band[-1].body.block.ops)[:-1]:
            op.detach()
            innermost.insert_op_before(op, terminator)
        producer.detach()
        producer.erase()
        for new_loop in new_loops:
            promote_if_single_iteration(new_loop)
        self._fold_index_applies(consumer)
        if kind == "producer":
            for value in memrefs:
                self._privatize(value, consumer, plan)

    @staticmethod
    def _fold_index_applies(nest: Operation) -> None:
        """Compose the `affine.apply` ops that promotion left into the accesses."""
        for op in list(nest.walk()):
            if isinstance(op, affine.LoadOp | affine.StoreOp):
                amap, operands = canonicalize_map_and_operands(
                    *compose_map_and_operands(op.affine_map, op.map_operands)
                )
                _replace_access(op, op.accessed_memref, amap, operands)
        for op in reversed(list(nest.walk())):
            if isinstance(op, affine.ApplyOp) and not op.result.uses:
                op.detach()
                op.erase()

    def _privatize(self, value: SSAValue, nest: affine.ForOp, plan: _Plan) -> None:
        """Replace a local buffer used only by `nest` by one iteration's footprint."""
        alloc = value.owner
        if not isinstance(alloc, memref.AllocOp) or alloc.parent_block() is not self.block:
            return
        memref_type = value.type
        if not isinstance(memref_type, MemRefType) or alloc.operands:
            return
        if not isinstance(memref_type.layout, NoneAttr):
            return
        users = [use.operation for use in value.uses]
        if not all(
            isinstance(user, memref.DeallocOp)
            or (
                isinstance(user, affine.LoadOp | affine.StoreOp)
                and plan.chain[-1].is_ancestor(user)
            )
            for user in users
        ):
            return
        try:
            accesses = [a for a in collect_accesses(nest) if a.memref is value]
        except NotAffineError:
            return
        prefix_domain = loop_domain(plan.chain)
        footprint: isl.Map | None = None
        for access in accesses:
            touched = access.access.apply_domain(
                _prefix_projection(len(access.ivs), plan.depth).align_params(
                    access.access.get_space()
                )
            )
            footprint = (
                touched if footprint is None else footprint.union(_align(footprint, touched)[1])
            )
        if footprint is None:
            return
        footprint = _align(footprint, prefix_domain)[0].intersect_domain(
            _align(prefix_domain, footprint)[0]
        )
        if not footprint.reverse().is_single_valued():
            return  # an element lives across iterations of the fused loops
        rank = footprint.dim(isl.dim_type.out)
        offsets: list[isl.Aff] = []
        sizes: list[int] = []
        prefix_names = _names("x", plan.depth)
        for k in range(rank):
            lower = _single_aff(footprint.dim_min(k))
            if lower is None:
                return
            size = _max_width(footprint, k, lower, prefix_names)
            if size is None:
                return
            offsets.append(lower)
            sizes.append(size)
        private = memref.AllocOp([], [], MemRefType(memref_type.element_type, sizes))
        self.block.insert_op_before(private, nest)
        chain_ivs = [loop.induction_var for loop in plan.chain]
        for access in accesses:
            op = access.op
            assert isinstance(op, affine.LoadOp | affine.StoreOp)
            old_map = op.affine_map
            operands = list(op.map_operands)
            dims = operands[: old_map.num_dims] + chain_ivs
            symbols = operands[old_map.num_dims :]
            first_new_dim = old_map.num_dims
            results = []
            for result, offset in zip(old_map.results, offsets, strict=True):
                offset_expr = _aff_expr(offset, symbols, self.values, first_dim=first_new_dim)
                results.append(result - offset_expr)
            new_map = AffineMap(len(dims), len(symbols), tuple(results))
            amap, new_operands = canonicalize_map_and_operands(new_map, [*dims, *symbols])
            _replace_access(op, private.memref, amap, new_operands)
        for user in list(value.uses):
            user.operation.detach()
            user.operation.erase()
        alloc.detach()
        alloc.erase()


def _max_width(footprint: isl.Map, k: int, lower: isl.Aff, prefix_names: list[str]) -> int | None:
    """One plus the largest index `k` minus `lower` over `footprint` (x -> elements),
    when it is a constant."""
    rank = footprint.dim(isl.dim_type.out)
    params = footprint.get_space().get_var_names(isl.dim_type.param)
    elements = _names("e", rank)
    widths = isl.Map(
        f"[{', '.join(params)}] -> {{ [[{', '.join(prefix_names)}] -> [{', '.join(elements)}]] "
        f"-> [w] : w = e{k} - ({_aff_text(lower, prefix_names)}) }}"
    )
    relative = footprint.wrap().apply(_align(widths, footprint.wrap())[0])
    aff = _single_aff(relative.dim_max(0))
    if aff is None or not aff.is_cst():
        return None
    return aff.get_constant_val().to_python() + 1


def _replace_access(
    op: affine.LoadOp | affine.StoreOp,
    memref_value: SSAValue,
    amap: AffineMap,
    operands: Sequence[SSAValue],
) -> None:
    if isinstance(op, affine.LoadOp):
        new: Operation = affine.LoadOp(memref_value, operands, amap, op.result.type)
        op.result.replace_all_uses_with(new.results[0])
    else:
        new = affine.StoreOp(op.value, memref_value, operands, amap)
    block = op.parent_block()
    assert block is not None
    block.insert_op_before(new, op)
    op.detach()
    op.erase()


@dataclass(frozen=True)
class AffineLoopFusionPass(ModulePass):
    """Fuse affine loop nests (producer-consumer and sibling) when the dependences allow it."""

    name = "affine-loop-fusion"

    mode: str = "greedy"
    fusion_maximal: bool = False
    test_remarks: bool = False

    def __post_init__(self) -> None:
        # The pipeline reports a ValueError here as an invalid option.
        if self.mode not in MODES:
            raise ValueError(f"mode={self.mode} is not one of {', '.join(MODES)}")

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for func_op in [f for f in op.walk() if isinstance(f, func.FuncOp)]:
            for block in func_op.body.blocks:
                _Fuser(block, self.test_remarks).run(self.mode)
