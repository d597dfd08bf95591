"""Exact memory dependences between affine accesses, and the legality checks built on them.

A dependence relates an iteration of a *source* access to a later iteration of a *sink*
access of the same memref element, at least one of the two writing it. Relations are isl
maps over the accesses' domains (see :mod:`irkit.polyhedral.model`): source iteration ->
sink iteration, with the sink executing after the source.

Depths follow MLIR's `checkMemrefAccessDependence`: a dependence is *carried* at depth `d`
(1-based, counting induction variables from the function) when the two iterations agree on
the first `d - 1` common induction variables and the source's `d`-th is smaller; depth
`common + 1` is the loop-independent dependence (same common iteration, source op first in
program order).

Aliasing assumption: two different memref SSA values are distinct memories only when each
is a function argument or the result of an allocation (`memref.alloc`, `memref.alloca`):
irkit's destination-passing-style functions take distinct buffers as distinct arguments.
Accesses through different values of any other kind (views, casts, globals, loaded
memrefs) may alias, and analysing them raises :class:`NotAffineError`.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from itertools import pairwise

import attrs
import islpy as isl
from xdsl.dialects import memref
from xdsl.ir import BlockArgument, Operation, SSAValue

from irkit.dialects import affine
from irkit.polyhedral.model import (
    MemoryAccess,
    NotAffineError,
    collect_accesses,
    induction_vars,
)

__all__ = [
    "Component",
    "Dependence",
    "DependenceKind",
    "carried_at",
    "common_depth",
    "compute_dependences",
    "dependence_components",
    "dependence_relation",
    "dependences_among",
    "find_permutation_violation",
    "find_tiling_violation",
    "is_loop_memory_parallel",
    "is_loop_parallel",
    "loop_depth",
    "may_alias",
]

Component = tuple[int | None, int | None]


class DependenceKind(enum.Enum):
    FLOW = "flow"
    """Read after write (RAW)."""
    ANTI = "anti"
    """Write after read (WAR)."""
    OUTPUT = "output"
    """Write after write (WAW)."""


@attrs.frozen
class Dependence:
    """Some iteration of `sink` touches an element that an earlier iteration of `source`
    touched, and one of them writes it."""

    source: MemoryAccess
    sink: MemoryAccess
    kind: DependenceKind
    relation: isl.Map
    """Source iteration -> sink iteration (non-empty); the sink executes after."""
    components: tuple[Component, ...]
    """Per common induction variable, outermost first: the min and max of sink iv -
    source iv over the relation, None where unbounded (MLIR's DependenceComponent)."""

    def describe(self) -> str:
        """A one-line description, for remarks: kind, ops and distance ranges."""
        ranges = "".join(
            f"[{_bound_text(lb, '-inf')}, {_bound_text(ub, '+inf')}]" for lb, ub in self.components
        )
        return (
            f"{self.kind.value} dependence from '{self.source.op.name}' to "
            f"'{self.sink.op.name}' on {_value_text(self.source.memref)}"
            + (f" with distances {ranges}" if ranges else "")
        )


def _bound_text(bound: int | None, unbounded: str) -> str:
    return unbounded if bound is None else str(bound)


def _value_text(value: SSAValue) -> str:
    return f"%{value.name_hint}" if value.name_hint else "a memref"


def _is_distinct_root(value: SSAValue) -> bool:
    if isinstance(value, BlockArgument):
        parent = value.owner.parent_op()
        return parent is not None and affine.is_affine_scope(parent)
    return isinstance(value.owner, memref.AllocOp | memref.AllocaOp)


def may_alias(first: SSAValue, second: SSAValue) -> bool:
    """Whether two memref values may refer to overlapping memory (see the module doc)."""
    return first is second or not (_is_distinct_root(first) and _is_distinct_root(second))


def common_depth(first: MemoryAccess, second: MemoryAccess) -> int:
    """How many induction variables of loops around both accesses there are."""
    common: list[Operation] = []
    for a, b in zip(first.loops, second.loops, strict=False):
        if a is not b:
            break
        common.append(a)
    return len(induction_vars(common))


def loop_depth(loop: Operation) -> int:
    """The 1-based depth of `loop`'s (first) induction variable in its function."""
    current = loop
    depth = 1
    while (parent := current.parent_op()) is not None and not affine.is_affine_scope(parent):
        depth += len(induction_vars([parent]))
        current = parent
    return depth


def _order_map(source: MemoryAccess, sink: MemoryAccess, depth: int, source_first: bool) -> isl.Map:
    """Source iteration -> sink iteration pairs ordered at `depth` (1-based): equal on the
    common ivs before it, source smaller at it; past the common ivs, all equal and the
    source op first in program order."""
    n_common = common_depth(source, sink)
    ins = [f"s{d}" for d in range(len(source.ivs))]
    outs = [f"t{d}" for d in range(len(sink.ivs))]
    constraints = [f"s{d} = t{d}" for d in range(min(depth - 1, n_common))]
    if depth <= n_common:
        constraints.append(f"s{depth - 1} < t{depth - 1}")
    elif not source_first:
        constraints.append("false")
    text = (
        f"{{ [{', '.join(ins)}] -> [{', '.join(outs)}] : {' and '.join(constraints) or 'true'} }}"
    )
    return isl.Map(text)


def _same_element(source: MemoryAccess, sink: MemoryAccess) -> isl.Map:
    return source.access.apply_range(sink.access.reverse())


def _relation(
    source: MemoryAccess, sink: MemoryAccess, depths: Sequence[int], source_first: bool
) -> isl.Map:
    same = _same_element(source, sink)
    ordered = _order_map(source, sink, depths[0], source_first)
    for depth in depths[1:]:
        ordered = ordered.union(_order_map(source, sink, depth, source_first))
    return same.intersect(ordered.align_params(same.get_space())).coalesce()


def dependence_relation(
    source: MemoryAccess, sink: MemoryAccess, source_first: bool, depth: int | None = None
) -> isl.Map:
    """The iteration pairs where `sink` touches what `source` touched earlier, at `depth`
    (1-based; None: at any depth). `source_first` says whether the source op comes before
    the sink op in program order. Does not check that the memrefs match or that one
    access writes."""
    n_common = common_depth(source, sink)
    depths = [depth] if depth is not None else list(range(1, n_common + 2))
    return _relation(source, sink, depths, source_first)


def _existential_params(values: isl.Set) -> isl.Set:
    n_params = values.dim(isl.dim_type.param)
    n_dims = values.dim(isl.dim_type.set)
    moved = values.move_dims(isl.dim_type.set, n_dims, isl.dim_type.param, 0, n_params)
    return moved.project_out(isl.dim_type.set, n_dims, n_params)


def _common_deltas(relation: isl.Map, n_common: int) -> isl.Set:
    """sink iv - source iv on the first `n_common` ivs, over the relation's pairs."""
    n_in = relation.dim(isl.dim_type.in_)
    n_out = relation.dim(isl.dim_type.out)
    common = relation.project_out(isl.dim_type.in_, n_common, n_in - n_common)
    common = common.project_out(isl.dim_type.out, n_common, n_out - n_common)
    return common.deltas()


def _val_bound(value: isl.Val) -> int | None:
    if value.is_infty() or value.is_neginfty() or value.is_nan():
        return None
    return value.to_python()


def dependence_components(relation: isl.Map, n_common: int) -> tuple[Component, ...]:
    """Per common iv, the min and max of sink iv - source iv over `relation` for any
    value of the parameters (None where unbounded), as MLIR's DependenceComponent."""
    deltas = _existential_params(_common_deltas(relation, n_common))
    space = isl.LocalSpace.from_space(deltas.get_space())
    components: list[Component] = []
    for position in range(n_common):
        distance = isl.Aff.var_on_domain(space, isl.dim_type.set, position)
        components.append(
            (_val_bound(deltas.min_val(distance)), _val_bound(deltas.max_val(distance)))
        )
    return tuple(components)


def _kind(source: MemoryAccess, sink: MemoryAccess) -> DependenceKind:
    if source.is_write and sink.is_write:
        return DependenceKind.OUTPUT
    return DependenceKind.FLOW if source.is_write else DependenceKind.ANTI


def check_aliasing(accesses: Sequence[MemoryAccess]) -> None:
    """Raise NotAffineError when two different memref values may alias, one being
    written: the model cannot relate their elements."""
    written = [a for a in accesses if a.is_write]
    for write in written:
        for other in accesses:
            if other.memref is not write.memref and may_alias(write.memref, other.memref):
                raise NotAffineError(
                    f"{_value_text(write.memref)} and {_value_text(other.memref)} may alias",
                    other.op,
                )


def compute_dependences(root: Operation) -> list[Dependence]:
    """Every dependence between the affine accesses under `root`: all ordered pairs
    (an access with itself included) of accesses to the same memref, one writing.

    Raises NotAffineError when something under `root` is not modelled."""
    return dependences_among(collect_accesses(root))


def dependences_among(accesses: Sequence[MemoryAccess]) -> list[Dependence]:
    """The dependences between `accesses`, given in program order: all ordered pairs (an
    access with itself included) of accesses to the same memref, one writing.

    Raises NotAffineError when two different memrefs among them may alias."""
    check_aliasing(accesses)
    dependences: list[Dependence] = []
    for source_index, source in enumerate(accesses):
        for sink_index, sink in enumerate(accesses):
            if source.memref is not sink.memref or not (source.is_write or sink.is_write):
                continue
            relation = dependence_relation(source, sink, source_index < sink_index)
            if relation.is_empty():
                continue
            dependences.append(
                Dependence(
                    source=source,
                    sink=sink,
                    kind=_kind(source, sink),
                    relation=relation,
                    components=dependence_components(relation, common_depth(source, sink)),
                )
            )
    return dependences


def carried_at(dependence: Dependence, depth: int) -> bool:
    """Whether some pair of `dependence` is carried by the loop iv at `depth` (1-based):
    equal on the outer ivs, the sink's iv at `depth` larger."""
    n_common = common_depth(dependence.source, dependence.sink)
    if depth > n_common:
        return False
    order = _order_map(dependence.source, dependence.sink, depth, source_first=False)
    relation = dependence.relation
    return not relation.intersect(order.align_params(relation.get_space())).is_empty()


def is_loop_memory_parallel(loop: Operation) -> bool:
    """Whether no memory dependence is carried by `loop` (an `affine.for`, or any
    dimension of an `affine.parallel`); iter_args are not looked at. Raises
    NotAffineError when the loop is not modelled."""
    first = loop_depth(loop)
    depths = range(first, first + len(induction_vars([loop])))
    return not any(
        carried_at(dependence, depth)
        for dependence in compute_dependences(loop)
        for depth in depths
    )


def is_loop_parallel(loop: Operation) -> bool:
    """Whether the iterations of `loop` are independent: no memory dependence carried by
    it and, for an `affine.for`, no iter_args (a value carried from one iteration to the
    next), as MLIR's `isLoopParallel` without reductions. Raises NotAffineError when the
    loop is not modelled."""
    if isinstance(loop, affine.ForOp) and loop.inits:
        return False
    return is_loop_memory_parallel(loop)


def _check_band(band: Sequence[affine.ForOp]) -> None:
    if not band:
        raise ValueError("the band has no loops")
    for outer, inner in pairwise(band):
        body = [op for op in outer.body.block.ops if not isinstance(op, affine.YieldOp)]
        if body != [inner]:
            raise ValueError("the band's loops must be perfectly nested, outermost first")


def _band_deltas(band: Sequence[affine.ForOp]) -> list[tuple[Dependence, isl.Set, int]]:
    """For each dependence between accesses inside the band: its distance vectors over
    the common ivs, and the depth (0-based) of the band's outermost iv."""
    _check_band(band)
    first = loop_depth(band[0]) - 1
    result: list[tuple[Dependence, isl.Set, int]] = []
    for dependence in compute_dependences(band[0]):
        n_common = common_depth(dependence.source, dependence.sink)
        if n_common >= first + len(band):
            result.append((dependence, _common_deltas(dependence.relation, n_common), first))
    return result


def _lex_negative(n_dims: int) -> str:
    terms = [" and ".join([f"x{k} = 0" for k in range(d)] + [f"x{d} < 0"]) for d in range(n_dims)]
    return " or ".join(f"({t})" for t in terms) or "false"


def find_permutation_violation(
    band: Sequence[affine.ForOp], permutation: Sequence[int]
) -> Dependence | None:
    """A dependence that permuting the perfectly nested `band` (outermost first) would
    reverse, or None when the permutation is legal. As in MLIR's `permuteLoops`,
    `permutation[i]` is the new position of loop `i`. Raises NotAffineError when the
    band is not modelled."""
    if sorted(permutation) != list(range(len(band))):
        raise ValueError(f"{list(permutation)} is not a permutation of 0..{len(band) - 1}")
    for dependence, deltas, first in _band_deltas(band):
        n_dims = deltas.dim(isl.dim_type.set)
        names = [f"x{d}" for d in range(n_dims)]
        permuted = list(names)
        for old, new in enumerate(permutation):
            permuted[first + new] = names[first + old]
        reorder = isl.Map(f"{{ [{', '.join(names)}] -> [{', '.join(permuted)}] }}")
        negative = isl.Set(f"{{ [{', '.join(names)}] : {_lex_negative(n_dims)} }}")
        reordered = deltas.apply(reorder.align_params(deltas.get_space()))
        if not reordered.intersect(negative.align_params(reordered.get_space())).is_empty():
            return dependence
    return None


def find_tiling_violation(band: Sequence[affine.ForOp]) -> Dependence | None:
    """A dependence that keeps the perfectly nested `band` from being fully permutable
    (hence tileable): carried inside the band with a negative distance on one of its
    loops. None when the band is fully permutable. Raises NotAffineError when the band is
    not modelled."""
    for dependence, deltas, first in _band_deltas(band):
        n_dims = deltas.dim(isl.dim_type.set)
        names = [f"x{d}" for d in range(n_dims)]
        outer_equal = [f"x{d} = 0" for d in range(first)]
        negative = " or ".join(f"x{first + k} < 0" for k in range(len(band)))
        constraints = " and ".join([*outer_equal, f"({negative})"])
        violating = isl.Set(f"{{ [{', '.join(names)}] : {constraints} }}")
        if not deltas.intersect(violating.align_params(deltas.get_space())).is_empty():
            return dependence
    return None
