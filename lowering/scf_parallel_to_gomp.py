"""convert-scf-parallel-to-gomp: `scf.parallel` loops to multi-threaded code on libgomp.

Each outermost `scf.parallel` without reductions (not nested in another one that is
converted) has its body outlined into a private function `@<func>_parallel_<k>(!llvm.ptr)`
that every thread of a `GOMP_parallel(fn, data, num_threads, 0)` team runs. `data` points
to a struct, allocated on the caller's stack, that holds the values the loop uses from
outside: its bounds and steps, memref descriptors, scalars. Constants are not passed but
rematerialized in the outlined function, so that LLVM still sees static bounds. Each thread
takes one contiguous chunk of the outermost dimension (a static schedule: thread `t` of
`n` runs `ceil(trips / n)` iterations starting at iteration `t * ceil(trips / n)`,
numbered by `omp_get_thread_num` and `omp_get_num_threads`); the inner dimensions and
nested `scf.parallel` loops stay in the chunk's `scf.parallel`, which convert-scf-to-cf
then lowers sequentially.

A loop with reductions (`scf.parallel` with init values) is left for convert-scf-to-cf to
run sequentially, and the loops nested in it are candidates in their turn: combining
per-thread partial results would make a floating-point result depend on the thread
count, and irkit promises the same bits with any number of threads. Every iteration of a
converted loop computes exactly what it computes sequentially, so results do not depend
on the thread count either.

The outlined functions, the struct accesses (`llvm.alloca`, `llvm.insertvalue`,
`llvm.store`, `llvm.load`, `llvm.extractvalue`, with `builtin.unrealized_conversion_cast`
between a value and its llvm type) and the call to `GOMP_parallel` are emitted at the func
level, for convert-to-llvm to finish. MLIR's `convert-scf-to-openmp` produces the `omp` dialect
instead, whose translation to LLVM IR does the outlining (OpenMPIRBuilder); irkit has no
`omp` dialect, so this pass is its own, named after what it targets.

Options:
- `num-threads` (default 0): the team size passed to `GOMP_parallel`. With 0, the size is
  read at run time from the global `i32 @irkit_num_threads`, which `irkit.compile`'s
  kernels set (argument, `IRKIT_NUM_THREADS`, `OMP_NUM_THREADS`, all cores); left at 0,
  as in an object file that nothing sets it in, libgomp picks the size (`OMP_NUM_THREADS`,
  else all cores).
"""

from __future__ import annotations

from dataclasses import dataclass

from irkit.lowering.llvm_emitter import convert_type
from xdsl.context import Context
from xdsl.dialects import arith, func, llvm, scf
from xdsl.dialects.builtin import (
    DenseArrayBase,
    FunctionType,
    IndexType,
    IntegerAttr,
    ModuleOp,
    StringAttr,
    UnrealizedConversionCastOp,
    i32,
    i64,
)
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter
from xdsl.traits import SymbolTable

NUM_THREADS_GLOBAL = "irkit_num_threads"
"""The i32 global that gives the team size at run time when `num-threads` is 0."""

_GOMP_PARALLEL = "GOMP_parallel"
_THREAD_NUM = "omp_get_thread_num"
_NUM_THREADS = "omp_get_num_threads"


def _parallel_loops(region: Region) -> list[scf.ParallelOp]:
    """The loops to convert in ``region``: the outermost `scf.parallel` loops without
    reductions, looking inside those with reductions."""
    found: list[scf.ParallelOp] = []
    for block in region.blocks:
        for op in block.ops:
            if isinstance(op, scf.ParallelOp) and not op.initVals:
                found.append(op)
                continue
            for nested in op.regions:
                found += _parallel_loops(nested)
    return found


def _captured_values(loop: scf.ParallelOp) -> list[SSAValue]:
    """The values that ``loop`` and its body use from outside it, in first-use order."""
    captured: dict[SSAValue, None] = {}
    for op in loop.walk():
        for operand in op.operands:
            owner = operand.owner
            defining_op = owner if isinstance(owner, Operation) else owner.parent_op()
            if defining_op is None or not loop.is_ancestor(defining_op):
                captured[operand] = None
    return list(captured)


def _constant_op(value: SSAValue) -> arith.ConstantOp | None:
    owner = value.owner
    return owner if isinstance(owner, arith.ConstantOp) else None


def _cast(value: SSAValue, type: Attribute, at: InsertPoint) -> SSAValue:
    """``value`` as ``type``, through an unrealized cast where the types differ."""
    if value.type == type:
        return value
    cast, result = UnrealizedConversionCastOp.cast_one(value, type)
    Rewriter.insert_op(cast, at)
    return result


def _position(field: int) -> DenseArrayBase:
    return DenseArrayBase.from_list(i64, [field])


def _add(op: Operation, at: InsertPoint) -> SSAValue:
    Rewriter.insert_op(op, at)
    return op.results[0]


@dataclass
class _Outliner:
    """Outlines the parallel loops of one module, declaring what they call once."""

    module: ModuleOp
    num_threads: int

    def declare(self, declaration: llvm.FuncOp | func.FuncOp | llvm.GlobalOp) -> None:
        if SymbolTable.lookup_symbol(self.module, declaration.sym_name.data) is None:
            self.module.body.block.insert_op_before(declaration, self.module.body.block.first_op)

    def declare_runtime(self) -> None:
        ptr = llvm.LLVMPointerType()
        self.declare(
            llvm.FuncOp(
                _GOMP_PARALLEL,
                llvm.LLVMFunctionType([ptr, ptr, i32, i32]),
                linkage=llvm.LinkageAttr("external"),
            )
        )
        for name in (_THREAD_NUM, _NUM_THREADS):
            self.declare(func.FuncOp.external(name, [], [i32]))
        if self.num_threads == 0:
            # Weak, so that modules linked together share it and LLVM cannot fold its value.
            self.declare(llvm.GlobalOp(i32, NUM_THREADS_GLOBAL, "weak", value=IntegerAttr(0, i32)))

    def outlined_name(self, function: func.FuncOp) -> str:
        """`<function>_parallel_<k>` with the first `k` that names nothing yet."""
        position = 0
        while True:
            name = f"{function.sym_name.data}_parallel_{position}"
            if SymbolTable.lookup_symbol(self.module, name) is None:
                return name
            position += 1

    def convert(self, loop: scf.ParallelOp, function: func.FuncOp) -> func.FuncOp:
        """Replace ``loop`` with the dispatch to its outlined body, which is returned."""
        used = _captured_values(loop)
        constants = [op for op in map(_constant_op, used) if op is not None]
        captured = [value for value in used if _constant_op(value) is None]
        struct = llvm.LLVMStructType.from_type_list([convert_type(v.type) for v in captured])
        name = self.outlined_name(function)
        outlined = self.outline(loop, constants, captured, struct, name)

        # The struct lives in the caller's entry block, so that a loop around the dispatch
        # does not grow the stack.
        entry = InsertPoint.at_start(function.body.block)
        one = _add(llvm.ConstantOp(IntegerAttr(1, i64), i64), entry)
        data = _add(llvm.AllocaOp(one, struct, alignment=8), InsertPoint.after(one.owner))

        # The struct is stored whole: llvmlite types the alloca as a pointer to it.
        at = InsertPoint.before(loop)
        packed = _add(llvm.UndefOp(struct), at)
        for position, value in enumerate(captured):
            field = _cast(value, convert_type(value.type), at)
            packed = _add(llvm.InsertValueOp(_position(position), packed, field), at)
        Rewriter.insert_op(llvm.StoreOp(packed, data), at)
        body = _add(llvm.AddressOfOp(name, llvm.LLVMPointerType()), at)
        if self.num_threads:
            team_size = _add(llvm.ConstantOp(IntegerAttr(self.num_threads, i32), i32), at)
        else:
            global_address = _add(llvm.AddressOfOp(NUM_THREADS_GLOBAL, llvm.LLVMPointerType()), at)
            team_size = _add(llvm.LoadOp(global_address, i32), at)
        flags = _add(llvm.ConstantOp(IntegerAttr(0, i32), i32), at)
        Rewriter.insert_op(llvm.CallOp(_GOMP_PARALLEL, body, data, team_size, flags), at)
        Rewriter.erase_op(loop)
        return outlined

    def outline(
        self,
        loop: scf.ParallelOp,
        constants: list[arith.ConstantOp],
        captured: list[SSAValue],
        struct: llvm.LLVMStructType,
        name: str,
    ) -> func.FuncOp:
        """`func.func private @name(%data: !llvm.ptr)`: the ``constants`` recreated, the
        ``captured`` values loaded from ``data``, this thread's chunk of the outermost
        dimension, and ``loop`` on it."""
        block = Block(arg_types=[llvm.LLVMPointerType()])
        block.args[0].name_hint = "data"
        at = InsertPoint.at_end(block)
        mapping: dict[SSAValue, SSAValue] = {}
        for constant in constants:
            mapping[constant.result] = _add(constant.clone(), at)
        packed = _add(llvm.LoadOp(block.args[0], struct), at)
        for position, value in enumerate(captured):
            field = llvm.ExtractValueOp(_position(position), packed, convert_type(value.type))
            mapping[value] = _cast(_add(field, at), value.type, at)
            mapping[value].name_hint = value.name_hint

        chunk_loop = loop.clone(value_mapper=mapping)
        lower, upper, step = (
            chunk_loop.lowerBound[0],
            chunk_loop.upperBound[0],
            chunk_loop.step[0],
        )
        begin, end = self.chunk(lower, upper, step, at)
        operands = list(chunk_loop.operands)
        operands[0] = begin
        operands[len(chunk_loop.lowerBound)] = end
        chunk_loop.operands = operands
        Rewriter.insert_op(chunk_loop, at)
        Rewriter.insert_op(func.ReturnOp(), at)
        return func.FuncOp(
            name,
            FunctionType.from_lists([llvm.LLVMPointerType()], []),
            Region(block),
            visibility=StringAttr("private"),
        )

    @staticmethod
    def chunk(
        lower: SSAValue, upper: SSAValue, step: SSAValue, at: InsertPoint
    ) -> tuple[SSAValue, SSAValue]:
        """This thread's `[begin, end)` of `lower to upper step step`: `chunk =
        ceil(ceil((upper - lower) / step) / threads)` iterations from iteration
        `thread * chunk`; empty for the threads past the end."""
        index = IndexType()
        thread = _add(func.CallOp(_THREAD_NUM, [], [i32]), at)
        threads = _add(func.CallOp(_NUM_THREADS, [], [i32]), at)
        thread = _add(arith.IndexCastOp(thread, index), at)
        threads = _add(arith.IndexCastOp(threads, index), at)
        span = _add(arith.SubiOp(upper, lower), at)
        trips = _add(arith.CeilDivSIOp(span, step), at)
        chunk = _add(arith.CeilDivSIOp(trips, threads), at)
        first = _add(arith.MuliOp(thread, chunk), at)
        begin = _add(arith.AddiOp(lower, _add(arith.MuliOp(first, step), at)), at)
        chunk_end = _add(arith.AddiOp(begin, _add(arith.MuliOp(chunk, step), at)), at)
        end = _add(arith.MinSIOp(chunk_end, upper), at)
        return begin, end


@dataclass(frozen=True)
class ConvertScfParallelToGompPass(ModulePass):
    """Run the outermost scf.parallel loops without reductions on a team of threads
    through libgomp's GOMP_parallel, each thread on a static chunk of the outermost
    dimension.

    Options: `num-threads` (default 0: chosen at run time, see the module docstring)."""

    name = "convert-scf-parallel-to-gomp"

    num_threads: int = 0

    def __post_init__(self) -> None:
        if self.num_threads < 0:
            raise ValueError(f"num-threads must be 0 or positive, got {self.num_threads}")

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        outliner = _Outliner(op, self.num_threads)
        functions = [f for f in op.body.block.ops if isinstance(f, func.FuncOp)]
        for function in functions:
            loops = _parallel_loops(function.body)
            if loops:
                outliner.declare_runtime()
            # The outlined functions follow their caller, in loop order.
            previous: Operation = function
            for loop in loops:
                outlined = outliner.convert(loop, function)
                op.body.block.insert_op_after(outlined, previous)
                previous = outlined
