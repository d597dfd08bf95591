"""Compiling affine-level functions (memrefs, loops, scalars) to Python source.

A tree-walking interpreter pays a dictionary lookup and a call for every op it runs,
about 14 µs an op with xDSL's; a loop nest of a million scalar ops takes most of a
minute. So each ``func.func`` becomes one Python function, compiled once: SSA values are
Python locals, ``affine.for`` and ``scf.for`` are ``for ... in range(...)`` loops, memref
accesses index numpy arrays, and arithmetic is inline Python. That runs about 80 times
faster.

Every op is compiled by an *emit rule* registered under the op's name: a function
``rule(op, compiler)`` that writes Python lines through the :class:`FunctionCompiler`.
Ops whose meaning is a plain function of their operands need no source at all:
:func:`register_scalar_function` turns a Python callable into a rule. A dialect outside
irkit adds its rules the same way, without touching this module.

When the compiled code fails (an out-of-bounds index, a division by zero, a failed
``cf.assert``), the line it failed on names the op, and the error is reported at that op's
source location.
"""

from __future__ import annotations

import itertools
import keyword
import linecache
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

import numpy as np
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.func import FuncOp
from xdsl.ir import Block, Operation, SSAValue
from xdsl.traits import IsTerminator

from irkit.reference import runtime
from irkit.reference.errors import ExecutionError, UnsupportedError, op_name

EmitRule = Callable[[Operation, "FunctionCompiler"], None]
"""Writes the Python source that evaluates one op."""

ScalarFunctionFactory = Callable[[Operation], Callable[..., Any]]
"""Given the op (to read its attributes once), the function that computes its results
from its operand values: one result returned bare, several as a tuple."""

_EMIT_RULES: dict[str, EmitRule] = {}


def register_emit_rule(name: str, rule: EmitRule) -> None:
    """Compile ops named ``name`` with ``rule``, replacing any earlier rule."""
    _EMIT_RULES[name] = rule


def emit_rule(*op_names: str) -> Callable[[EmitRule], EmitRule]:
    """Decorator form of :func:`register_emit_rule`, for one or more op names."""

    def register(rule: EmitRule) -> EmitRule:
        for name in op_names:
            register_emit_rule(name, rule)
        return rule

    return register


def register_scalar_function(name: str, factory: ScalarFunctionFactory) -> None:
    """Evaluate ops named ``name`` by calling ``factory(op)`` on their operand values.

    Values are in the executor's representation (:mod:`irkit.reference.types`): Python
    ints and bools for integers, numpy scalars for floats, numpy arrays for memrefs.
    """

    def rule(op: Operation, compiler: FunctionCompiler) -> None:
        function = compiler.global_name(factory(op), "fn")
        compiler.assign_results(op, f"{function}({', '.join(compiler.values(op.operands))})")

    register_emit_rule(name, rule)


class FunctionCompiler:
    """Writes the Python function for one ``func.func``; rules call its methods."""

    def __init__(self, program: ProgramCompiler, func: FuncOp, python_name: str) -> None:
        self.program = program
        self.func = func
        self.python_name = python_name
        self._names: dict[SSAValue, str] = {}
        self._counter = itertools.count()
        self._lines: list[tuple[str, Operation | None]] = []
        self._prelude: list[str] = []
        self._indent = 0
        self._current_op: Operation | None = None
        self._block_numbers: dict[Block, int] = {}

    # --- values -----------------------------------------------------------------

    def value(self, value: SSAValue) -> str:
        """The Python expression (a local name or a literal) that holds ``value``."""
        return self._names[value]

    def values(self, values: Sequence[SSAValue]) -> list[str]:
        return [self._names[v] for v in values]

    def new_name(self, hint: str | None = None) -> str:
        number = next(self._counter)
        if hint and hint.isidentifier() and hint.isascii() and not keyword.iskeyword(hint):
            return f"{hint}_{number}"
        return f"v{number}"

    def bind(self, value: SSAValue, expression: str) -> None:
        """Let ``value`` stand for ``expression`` without writing a line: for names and
        literals, which cost nothing to repeat."""
        self._names[value] = expression

    def bind_new(self, value: SSAValue) -> str:
        """Give ``value`` a fresh local name, to be assigned by the caller."""
        name = self.new_name(value.name_hint)
        self._names[value] = name
        return name

    def define(self, value: SSAValue, expression: str) -> str:
        """Write ``name = expression`` and let ``value`` be that name."""
        name = self.bind_new(value)
        self.line(f"{name} = {expression}")
        return name

    def assign_results(self, op: Operation, expression: str) -> None:
        """Write ``expression`` as the op's results: a statement for none, one name for
        one, tuple unpacking for several."""
        if not op.results:
            self.line(expression)
        elif len(op.results) == 1:
            self.define(op.results[0], expression)
        else:
            names = [self.bind_new(result) for result in op.results]
            self.line(f"{', '.join(names)} = {expression}")

    def assign(self, targets: Sequence[str], sources: Sequence[str]) -> None:
        """Assign all ``sources`` to ``targets`` at once (a swap stays a swap)."""
        if targets:
            self.line(f"{', '.join(targets)} = {', '.join(sources)}")

    def global_name(self, obj: Any, hint: str = "g") -> str:
        """A name for ``obj`` in the compiled program's global namespace."""
        return self.program.add_global(obj, hint)

    def constant(self, obj: Any, hint: str = "k") -> str:
        """A local name for a constant (a numpy scalar, say), set once on entry to the
        function: cheaper to read in a loop than a global."""
        name = self.new_name(hint)
        self._prelude.append(f"{name} = {self.global_name(obj, hint)}")
        return name

    # --- lines ------------------------------------------------------------------

    def line(self, text: str) -> None:
        """Write one line at the current indentation, attributed to the current op."""
        self._lines.append(("    " * self._indent + text, self._current_op))

    @contextmanager
    def indented(self) -> Iterator[None]:
        """A nested Python block; it gets a ``pass`` if nothing is written into it."""
        start = len(self._lines)
        self._indent += 1
        try:
            yield
            if len(self._lines) == start:
                self.line("pass")
        finally:
            self._indent -= 1

    # --- ops --------------------------------------------------------------------

    def emit_op(self, op: Operation) -> None:
        name = op_name(op)
        rule = _EMIT_RULES.get(name)
        if rule is None:
            raise UnsupportedError(
                op, f"the reference executor cannot evaluate '{name}'", prefixed=False
            )
        outer, self._current_op = self._current_op, op
        try:
            rule(op, self)
        finally:
            self._current_op = outer

    def emit_block(self, block: Block) -> Operation | None:
        """Write every op of ``block`` but its terminator, which is returned for the
        parent's rule to handle (a yield means something different to each parent)."""
        terminator = block.last_op
        if terminator is not None and not terminator.has_trait(IsTerminator):
            terminator = None
        for op in block.ops:
            if op is not terminator:
                self.emit_op(op)
        return terminator

    def fail_if(self, condition: str, message_source: str) -> None:
        """Raise an execution error at the current op when ``condition`` holds;
        ``message_source`` is a Python expression for the message."""
        self.line(f"if {condition}:")
        with self.indented():
            self.line(f"raise _Fault({message_source})")

    def branch(self, target: Block, operands: Sequence[SSAValue]) -> None:
        """Jump to ``target`` of a function with several blocks, passing ``operands`` to
        its arguments (a ``cf.br`` or one side of a ``cf.cond_br``)."""
        self.assign([self.value(arg) for arg in target.args], self.values(operands))
        self.line(f"_block = {self._block_numbers[target]}")
        self.line("continue")

    def source(self) -> list[tuple[str, Operation | None]]:
        """The function's lines, each with the op it was written for."""
        blocks = list(self.func.body.blocks)
        args = ", ".join(self.bind_new(arg) for arg in blocks[0].args)
        with self.indented():
            if len(blocks) == 1:
                self._emit_whole_block(blocks[0])
            else:
                # Unstructured control flow: a loop that runs the current block, whose
                # terminator picks the next one.
                self._block_numbers = {block: number for number, block in enumerate(blocks)}
                for block in blocks[1:]:
                    for arg in block.args:
                        self.bind_new(arg)
                self.line("_block = 0")
                self.line("while True:")
                with self.indented():
                    for number, block in enumerate(blocks):
                        self.line(f"{'if' if number == 0 else 'elif'} _block == {number}:")
                        with self.indented():
                            self._emit_whole_block(block)
        header = (f"def {self.python_name}({args}):", self.func)
        prelude = [("    " + text, self.func) for text in self._prelude]
        return [header, *prelude, *self._lines]

    def _emit_whole_block(self, block: Block) -> None:
        terminator = self.emit_block(block)
        if terminator is not None:
            self.emit_op(terminator)


class ProgramCompiler:
    """Compiles the functions of a module that an entry function reaches, into one
    Python program."""

    _programs = itertools.count()

    def __init__(self, module: ModuleOp) -> None:
        self.module = module
        self.functions = {
            op.sym_name.data: op for op in module.ops if isinstance(op, FuncOp) and op.body.blocks
        }
        self._namespace: dict[str, Any] = {"np": np, "_rt": runtime, "_Fault": runtime.Fault}
        self._globals = itertools.count()
        self._python_names: dict[str, str] = {}
        self._pending: list[str] = []

    def add_global(self, obj: Any, hint: str) -> str:
        name = f"_{hint}{next(self._globals)}"
        self._namespace[name] = obj
        return name

    def function_name(self, symbol: str) -> str:
        """The Python name of function ``@symbol``, compiled along with the caller."""
        if symbol not in self._python_names:
            self._python_names[symbol] = f"f{len(self._python_names)}"
            self._pending.append(symbol)
        return self._python_names[symbol]

    def compile(self, entry: str) -> CompiledProgram:
        entry_name = self.function_name(entry)
        lines: list[tuple[str, Operation | None]] = []
        while self._pending:
            symbol = self._pending.pop()
            func = self.functions[symbol]
            lines += FunctionCompiler(self, func, self._python_names[symbol]).source()
            lines.append(("", None))
        filename = f"<irkit.reference program {next(self._programs)}>"
        text = "\n".join(line for line, _ in lines) + "\n"
        # Tracebacks through the compiled program then show its source.
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        try:
            code = compile(text, filename, "exec")
        except (SyntaxError, RecursionError) as error:
            # Python refuses more than 20 nested loops, for instance.
            op = self.functions[entry]
            raise UnsupportedError(
                op, f"the reference executor cannot compile this function ({error})"
            ) from None
        exec(code, self._namespace)
        return CompiledProgram(self._namespace[entry_name], filename, [op for _, op in lines], text)


class CompiledProgram:
    """An entry function compiled to Python, with what maps a failing line to its op."""

    def __init__(
        self,
        function: Callable[..., Any],
        filename: str,
        line_ops: list[Operation | None],
        source: str,
    ) -> None:
        self.function = function
        self.filename = filename
        self.line_ops = line_ops
        self.source = source

    def __call__(self, *args: Any) -> Any:
        try:
            with np.errstate(all="ignore"):
                return self.function(*args)
        except Exception as error:
            op = self._failing_op(error.__traceback__)
            if op is None:
                raise
            raise ExecutionError(op, runtime.describe_fault(error)) from None

    def _failing_op(self, traceback: TracebackType | None) -> Operation | None:
        """The op whose line of the compiled program raised, innermost call first."""
        op = None
        while traceback is not None:
            if traceback.tb_frame.f_code.co_filename == self.filename:
                op = self.line_ops[traceback.tb_lineno - 1]
            traceback = traceback.tb_next
        return op
