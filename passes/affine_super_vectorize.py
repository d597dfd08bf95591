"""affine-super-vectorize: MLIR's 1-D super-vectorizer for innermost `affine.for` loops.

Each innermost `affine.for` of step 1 whose memory accesses are all contiguous along the
loop (stride 1 in the innermost memref dimension, the loop's induction variable nowhere
else) or invariant in it, that carries no memory dependence and whose body only holds ops
that can be widened, is vectorized by the virtual vector size `V`:

- the step becomes `V`;
- a contiguous `affine.load`/`affine.store` becomes `affine.vector_load`/`affine.vector_store`
  of `vector<Vx...>`; an invariant load stays a scalar load followed by `vector.broadcast`;
- `arith` and `math` elementwise ops get the same op on vector types; scalar constants
  become `arith.constant dense<...>` splats and other values defined above the loop are
  broadcast, both at the top of the vectorized loop's body;
- with `vectorize-reductions=true`, an iter_arg that only feeds one reduction op (`addf`,
  `mulf`, `addi`, `muli`, `maxnumf`, `minnumf`, `maximumf`, `minimumf`, `maxsi`, `minsi`,
  `maxui`, `minui`, `andi`, `ori`, `xori`) whose result is yielded becomes a vector
  accumulator starting at the splat identity; after the loop, `vector.reduction` folds it
  and the original init is combined in with the scalar op (MLIR's behaviour).

Loops that do not qualify are left as they are, silently, as MLIR does.

Departures from MLIR:
- MLIR emits `vector.transfer_read`/`transfer_write` (masked, with permutation maps); irkit
  emits `affine.vector_load`/`affine.vector_store`, which its lowering supports, so only
  accesses contiguous in the innermost memref dimension are vectorized.
- Where the trip count is not a multiple of `V`, MLIR masks the last iteration; irkit
  splits off a scalar remainder loop (the original loop, from the vectorized loop's upper
  bound `lb + ((ub - lb) floordiv V) * V`), which needs single-result bounds. A loop of
  fewer than `V` iterations is not vectorized.
- Only ops whose vector form irkit lowers to the llvm dialect are widened: not the math
  ops lowered to scalar libm calls (`math.tanh`, `math.erf`, ...) nor `math.rsqrt`,
  `math.expm1`, `math.log1p`, `arith.cmpi`/`cmpf`/`select`, `arith.index_cast`,
  `arith.trunci`/`extui`/`uitofp`/`fptoui` (gaps of arith_to_llvm and math_to_llvm), and
  no index-typed values.

Options (MLIR's):
- `virtual-vector-size`: the vector size; exactly one (1-D) positive size is supported.
- `test-fastest-varying`: the memref dimension, counted from the fastest varying one,
  along which the loop must vary; only `0` (the default behaviour here) is supported.
- `vectorize-reductions` (default false): vectorize loops with reduction iter_args.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from irkit.dialects import affine
from xdsl.context import Context
from xdsl.dialects import arith, func, vector
from xdsl.dialects.builtin import (
    AnyFloat,
    DenseIntOrFPElementsAttr,
    FloatAttr,
    IntegerAttr,
    IntegerType,
    MemRefType,
    ModuleOp,
    VectorType,
)
from xdsl.ir import Attribute, Block, Operation, SSAValue
from xdsl.ir.affine import (
    AffineConstantExpr,
    AffineDimExpr,
    AffineMap,
    AffineSymExpr,
)
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from irkit.affine_syntax import (
    expr_add,
    expr_floordiv,
    expr_mul,
    expr_sub,
    replace_dims_and_symbols,
)
from irkit.affine_utils import (
    body_ops,
    canonicalize_map_and_operands,
    compose_map_and_operands,
    constant_trip_count,
    innermost_loops,
    iv_stride,
    largest_divisor_of_trip_count,
    set_loop_bounds,
    simplify_map,
    yield_op,
)
from irkit.diagnostics import DiagnosedError, emit_error
from irkit.polyhedral.dependences import is_loop_memory_parallel
from irkit.polyhedral.model import NotAffineError

# Scalar ops widened to the same op on vectors (all lowered elementwise to the llvm dialect).
WIDENABLE_OPS = frozenset(
    {
        *(
            f"arith.{name}"
            for name in [
                "addf",
                "subf",
                "mulf",
                "divf",
                "negf",
                "addi",
                "subi",
                "muli",
                "divsi",
                "divui",
                "remsi",
                "remui",
                "andi",
                "ori",
                "xori",
                "shli",
                "shrsi",
                "shrui",
                "maxnumf",
                "minnumf",
                "maximumf",
                "minimumf",
                "maxsi",
                "minsi",
                "maxui",
                "minui",
                "extf",
                "truncf",
                "extsi",
                "sitofp",
                "fptosi",
            ]
        ),
        *(
            f"math.{name}"
            for name in [
                "absf",
                "ceil",
                "floor",
                "sqrt",
                "exp",
                "exp2",
                "log",
                "log2",
                "log10",
                "sin",
                "cos",
                "powf",
                "copysign",
                "round",
                "roundeven",
                "trunc",
                "fma",
                "absi",
            ]
        ),
    }
)

# Reduction ops and the vector.reduction kind that folds their accumulator.
REDUCTIONS: dict[str, vector.CombiningKindFlag] = {
    "arith.addf": vector.CombiningKindFlag.ADD,
    "arith.mulf": vector.CombiningKindFlag.MUL,
    "arith.addi": vector.CombiningKindFlag.ADD,
    "arith.muli": vector.CombiningKindFlag.MUL,
    "arith.maxnumf": vector.CombiningKindFlag.MAXNUMF,
    "arith.minnumf": vector.CombiningKindFlag.MINNUMF,
    "arith.maximumf": vector.CombiningKindFlag.MAXIMUMF,
    "arith.minimumf": vector.CombiningKindFlag.MINIMUMF,
    "arith.maxsi": vector.CombiningKindFlag.MAXSI,
    "arith.minsi": vector.CombiningKindFlag.MINSI,
    "arith.maxui": vector.CombiningKindFlag.MAXUI,
    "arith.minui": vector.CombiningKindFlag.MINUI,
    "arith.andi": vector.CombiningKindFlag.AND,
    "arith.ori": vector.CombiningKindFlag.OR,
    "arith.xori": vector.CombiningKindFlag.XOR,
}


def _is_scalar(type: Attribute) -> bool:
    """Whether values of `type` are widened (index vectors are not lowered)."""
    return isinstance(type, AnyFloat | IntegerType)


def _vector_of(type: Attribute, size: int) -> VectorType:
    return VectorType(type, [size])


def reduction_identity(kind: vector.CombiningKindFlag, type: Attribute) -> int | float:
    """The neutral element of `kind` on `type` (MLIR's `getIdentityValueAttr`)."""
    flag = vector.CombiningKindFlag
    if isinstance(type, AnyFloat):
        float_identities = {
            flag.ADD: 0.0,
            flag.MUL: 1.0,
            flag.MAXNUMF: -math.inf,
            flag.MAXIMUMF: -math.inf,
            flag.MINNUMF: math.inf,
            flag.MINIMUMF: math.inf,
        }
        return float_identities[kind]
    assert isinstance(type, IntegerType)
    width = type.width.data
    integer_identities = {
        flag.ADD: 0,
        flag.MUL: 1,
        flag.OR: 0,
        flag.XOR: 0,
        flag.MAXUI: 0,
        # All ones, printed as -1.
        flag.AND: -1,
        flag.MINUI: -1,
        flag.MAXSI: -(1 << (width - 1)),
        flag.MINSI: (1 << (width - 1)) - 1,
    }
    return integer_identities[kind]


@dataclass
class _Access:
    """The composed index map of an access and whether it is contiguous in the loop."""

    map: AffineMap
    operands: list[SSAValue]
    contiguous: bool


def _analyse_access(op: affine.LoadOp | affine.StoreOp, loop: affine.ForOp) -> _Access | None:
    """The access of `op` as contiguous or invariant along `loop`, or None when neither."""
    iv = loop.induction_var
    amap, operands = compose_map_and_operands(op.affine_map, list(op.map_operands))
    if any(v is not iv and _defined_in(v, loop) for v in operands):
        return None
    if iv not in operands:
        return _Access(amap, operands, contiguous=False)
    strides = [iv_stride(expr, amap, operands, iv) for expr in amap.results]
    if not strides or any(stride != 0 for stride in strides[:-1]):
        return None
    if strides[-1] == 0:
        return _Access(amap, operands, contiguous=False)
    if strides[-1] != 1:
        return None
    return _Access(amap, operands, contiguous=True)


def _defined_in(value: SSAValue, loop: affine.ForOp) -> bool:
    """Whether `value` is defined inside `loop` (its block arguments included)."""
    owner = value.owner
    defining = owner if isinstance(owner, Operation) else owner.parent_op()
    return defining is not None and loop.is_ancestor(defining)


@dataclass
class _Reduction:
    """An iter_arg reduced by `op`, folded after the loop by `kind`."""

    op: Operation
    kind: vector.CombiningKindFlag


def _match_reductions(loop: affine.ForOp) -> list[_Reduction] | None:
    """MLIR's `matchReduction` for every iter_arg, or None when one is not a reduction."""
    terminator = yield_op(loop)
    reductions: list[_Reduction] = []
    for position, arg in enumerate(loop.region_iter_args):
        uses = list(arg.uses)
        if len(uses) != 1:
            return None
        combiner = uses[0].operation
        if combiner.name not in REDUCTIONS or combiner.parent_block() is not loop.body.block:
            return None
        result = combiner.results[0]
        if [(u.operation, u.index) for u in result.uses] != [(terminator, position)]:
            return None
        reductions.append(_Reduction(combiner, REDUCTIONS[combiner.name]))
    return reductions


def _vectorizable_body(loop: affine.ForOp) -> dict[Operation, _Access] | None:
    """The accesses of the body, when every op of it can be vectorized."""
    iv = loop.induction_var
    accesses: dict[Operation, _Access] = {}
    for op in body_ops(loop):
        if isinstance(op, affine.LoadOp | affine.StoreOp):
            memref_type = op.memref.type
            assert isinstance(memref_type, MemRefType)
            if not _is_scalar(memref_type.get_element_type()):
                return None
            access = _analyse_access(op, loop)
            if access is None:
                return None
            if isinstance(op, affine.StoreOp) and not access.contiguous:
                return None
            accesses[op] = access
            continue
        if isinstance(op, affine.ApplyOp):
            # Composed into the access maps; other users would need a step vector.
            if any(
                not isinstance(u.operation, affine.LoadOp | affine.StoreOp | affine.ApplyOp)
                for r in op.results
                for u in r.uses
            ):
                return None
            continue
        if isinstance(op, arith.ConstantOp) and _is_scalar(op.result.type):
            continue
        if op.name not in WIDENABLE_OPS or op.regions:
            return None
        if any(v is iv for v in op.operands):
            return None
        if not all(_is_scalar(v.type) for v in (*op.operands, *op.results)):
            return None
    return accesses


@dataclass
class _Widener:
    """Builds the vector body of the vectorized loop, op by op."""

    size: int
    loop: affine.ForOp
    block: Block
    new_iv: SSAValue
    hoisted: dict[SSAValue, SSAValue] = field(default_factory=dict)
    vectors: dict[SSAValue, SSAValue] = field(default_factory=dict)
    prologue: list[Operation] = field(default_factory=list)

    def vector_value(self, value: SSAValue) -> SSAValue:
        if value in self.vectors:
            return self.vectors[value]
        if value not in self.hoisted:
            vector_type = _vector_of(value.type, self.size)
            owner = value.owner
            if isinstance(owner, arith.ConstantOp) and isinstance(
                owner.value, IntegerAttr | FloatAttr
            ):
                widened: Operation = arith.ConstantOp(
                    DenseIntOrFPElementsAttr.from_list(vector_type, [owner.value.value.data])
                )
            else:
                widened = vector.BroadcastOp(value, vector_type)
            self.prologue.append(widened)
            self.hoisted[value] = widened.results[0]
        return self.hoisted[value]

    def index_operands(self, operands: Sequence[SSAValue]) -> list[SSAValue]:
        iv = self.loop.induction_var
        return [self.new_iv if v is iv else v for v in operands]

    def widen(self, op: Operation, access: _Access | None) -> None:
        if isinstance(op, affine.LoadOp):
            assert access is not None
            operands = self.index_operands(access.operands)
            if access.contiguous:
                load: Operation = affine.VectorLoadOp(
                    _vector_of(op.result.type, self.size), op.memref, operands, access.map
                )
                self.block.add_op(load)
                self.vectors[op.result] = load.results[0]
            else:
                load = affine.LoadOp(op.memref, operands, access.map)
                broadcast = vector.BroadcastOp(load, _vector_of(op.result.type, self.size))
                self.block.add_ops([load, broadcast])
                self.vectors[op.result] = broadcast.results[0]
        elif isinstance(op, affine.StoreOp):
            assert access is not None
            value = self.vector_value(op.value)
            operands = self.index_operands(access.operands)
            self.block.add_op(affine.VectorStoreOp(value, op.memref, operands, access.map))
        elif isinstance(op, affine.ApplyOp):
            return
        elif isinstance(op, arith.ConstantOp):
            self.vector_value(op.result)
            self.vectors[op.result] = self.hoisted.pop(op.result)
        else:
            widened = type(op).create(
                operands=[self.vector_value(v) for v in op.operands],
                result_types=[_vector_of(r.type, self.size) for r in op.results],
                properties=dict(op.properties),
                attributes=dict(op.attributes),
            )
            self.block.add_op(widened)
            for old, new in zip(op.results, widened.results, strict=True):
                self.vectors[old] = new


def _concatenated_bounds(loop: affine.ForOp, size: int) -> tuple[AffineMap, list[SSAValue]] | None:
    """`lb + ((ub - lb) floordiv size) * size`, the end of the vectorized iterations, over
    the operands of both bounds; None unless both bounds have one result."""
    lb_map, ub_map = loop.lower_bound_map, loop.upper_bound_map
    if len(lb_map.results) != 1 or len(ub_map.results) != 1:
        return None
    lb_operands = list(loop.lowerBoundOperands)
    ub_operands = list(loop.upperBoundOperands)
    lb_dims, ub_dims = lb_map.num_dims, ub_map.num_dims
    lb = replace_dims_and_symbols(
        lb_map.results[0],
        [AffineDimExpr(i) for i in range(lb_dims)],
        [AffineSymExpr(i) for i in range(lb_map.num_symbols)],
    )
    ub = replace_dims_and_symbols(
        ub_map.results[0],
        [AffineDimExpr(lb_dims + i) for i in range(ub_dims)],
        [AffineSymExpr(lb_map.num_symbols + i) for i in range(ub_map.num_symbols)],
    )
    step = AffineConstantExpr(size)
    end = expr_add(lb, expr_mul(expr_floordiv(expr_sub(ub, lb), step), step))
    amap = AffineMap(lb_dims + ub_dims, lb_map.num_symbols + ub_map.num_symbols, (end,))
    operands = [
        *lb_operands[:lb_dims],
        *ub_operands[:ub_dims],
        *lb_operands[lb_dims:],
        *ub_operands[ub_dims:],
    ]
    amap, operands = canonicalize_map_and_operands(amap, operands)
    return simplify_map(amap), operands


def vectorize_loop(loop: affine.ForOp, size: int, vectorize_reductions: bool) -> bool:
    """Vectorizes `loop` by `size` when it qualifies (see the module docstring); returns
    whether it did."""
    if loop.step_value != 1:
        return False
    reductions: list[_Reduction] = []
    if loop.inits:
        if not vectorize_reductions:
            return False
        matched = _match_reductions(loop)
        if matched is None:
            return False
        reductions = matched
    if any(not _is_scalar(v.type) for v in loop.inits):
        return False
    accesses = _vectorizable_body(loop)
    if accesses is None:
        return False
    try:
        if not is_loop_memory_parallel(loop):
            return False
    except NotAffineError:
        return False
    trip_count = constant_trip_count(loop)
    if trip_count is not None and trip_count < size:
        return False
    needs_remainder = largest_divisor_of_trip_count(loop) % size != 0
    main_end: tuple[AffineMap, list[SSAValue]] | None = None
    if needs_remainder:
        main_end = _concatenated_bounds(loop, size)
        if main_end is None:
            return False
    _vectorize(loop, size, reductions, accesses, main_end)
    return True


def _vectorize(
    loop: affine.ForOp,
    size: int,
    reductions: Sequence[_Reduction],
    accesses: dict[Operation, _Access],
    main_end: tuple[AffineMap, list[SSAValue]] | None,
) -> None:
    vector_inits: list[Operation] = []
    for reduction, init in zip(reductions, loop.inits, strict=True):
        vector_type = _vector_of(init.type, size)
        identity = reduction_identity(reduction.kind, init.type)
        vector_inits.append(
            arith.ConstantOp(DenseIntOrFPElementsAttr.from_list(vector_type, [identity]))
        )
    Rewriter.insert_op(vector_inits, InsertPoint.before(loop))
    ub_map, ub_operands = (
        main_end if main_end is not None else (loop.upper_bound_map, list(loop.upperBoundOperands))
    )
    vectorized = affine.ForOp(
        list(loop.lowerBoundOperands),
        ub_operands,
        vector_inits,
        loop.lower_bound_map,
        ub_map,
        size,
    )
    vectorized.induction_var.name_hint = loop.induction_var.name_hint
    block = vectorized.body.block
    if block.last_op is not None:
        placeholder = block.last_op
        placeholder.detach()
        placeholder.erase()
    widener = _Widener(size, loop, block, vectorized.induction_var)
    for arg, new_arg in zip(loop.region_iter_args, vectorized.region_iter_args, strict=True):
        widener.vectors[arg] = new_arg
    for op in body_ops(loop):
        widener.widen(op, accesses.get(op))
    terminator = yield_op(loop)
    block.add_op(affine.YieldOp(*(widener.vector_value(v) for v in terminator.operands)))
    if widener.prologue:
        block.insert_ops_before(widener.prologue, block.first_op)
    Rewriter.insert_op(vectorized, InsertPoint.before(loop))
    # Fold each vector accumulator and combine the original init in.
    finals: list[SSAValue] = []
    after: list[Operation] = []
    for reduction, init, result in zip(reductions, loop.inits, vectorized.results, strict=True):
        # xDSL's builder gives the result the vector's type: build it generically.
        reduced = vector.ReductionOp.create(
            operands=[result],
            result_types=[init.type],
            properties={
                "kind": vector.CombiningKindAttr(reduction.kind),
                "fastmath": arith.FastMathFlagsAttr("none"),
            },
        )
        combined = type(reduction.op).create(
            operands=[reduced.results[0], init],
            result_types=[init.type],
            properties=dict(reduction.op.properties),
            attributes=dict(reduction.op.attributes),
        )
        after.extend([reduced, combined])
        finals.append(combined.results[0])
    Rewriter.insert_op(after, InsertPoint.before(loop))
    if main_end is None:
        for old, new in zip(loop.results, finals, strict=True):
            old.replace_all_uses_with(new)
        loop.detach()
        loop.erase()
        return
    # The original loop runs the remaining iterations, from the end of the vector ones.
    end_map, end_operands = main_end
    inits = list(loop.inits)
    set_loop_bounds(
        loop, end_operands, end_map, list(loop.upperBoundOperands), loop.upper_bound_map, 1
    )
    first_init = len(loop.operands) - len(inits)
    for index, final in enumerate(finals):
        loop.operands[first_init + index] = final


@dataclass(frozen=True)
class AffineSuperVectorizePass(ModulePass):
    """Vectorize to a target independent n-D vector abstraction"""

    name = "affine-super-vectorize"

    virtual_vector_size: tuple[int, ...] = field(default=())
    test_fastest_varying: tuple[int, ...] = field(default=())
    vectorize_reductions: bool = False

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if len(self.virtual_vector_size) != 1 or self.virtual_vector_size[0] < 1:
            emit_error(
                op,
                "affine-super-vectorize: 'virtual-vector-size' must be one positive size "
                "(only 1-D vectorization is supported)",
            )
            raise DiagnosedError("affine-super-vectorize")
        if self.test_fastest_varying not in ((), (0,)):
            emit_error(
                op,
                "affine-super-vectorize: only 'test-fastest-varying=0' is supported "
                "(vector loads and stores are contiguous in the innermost dimension)",
            )
            raise DiagnosedError("affine-super-vectorize")
        size = self.virtual_vector_size[0]
        for function in op.walk():
            if isinstance(function, func.FuncOp):
                for loop in innermost_loops(function):
                    vectorize_loop(loop, size, self.vectorize_reductions)
