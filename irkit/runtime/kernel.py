"""``irkit.compile``: a program, lowered to native code for the host, as a callable.

    kernel = irkit.compile(open("matmul.tc").read())
    C = kernel(A, B)

The entry function's signature is read before lowering to the llvm dialect, at the
affine level (the ABI after bufferization, design.md): inputs, then the outputs as
trailing out-parameters in result order, each memref with its ``ta.shape``. A call checks
the arrays against it (:mod:`irkit.reference.signature`), allocates the outputs
zero-filled, as ``ta``'s fresh results are, and calls the entry's ``_mlir_ciface_``
wrapper with memref descriptors that point into the arrays.

Parallel loops (convert-scf-parallel-to-gomp) run on a team of libgomp threads whose size
is fixed when the kernel is compiled: the ``num_threads`` argument, else the environment
variable ``IRKIT_NUM_THREADS``, else ``OMP_NUM_THREADS`` (its first level), else every
core the process may run on (:func:`resolve_num_threads`). Before each call the kernel
writes it to the module's ``irkit_num_threads`` global, which the parallel loops read.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from xdsl.dialects.builtin import MemRefType, ModuleOp, NoneAttr, TensorType
from xdsl.dialects.func import FuncOp
from xdsl.utils.exceptions import DiagnosticException

from irkit.diagnostics import (
    DiagnosedError,
    Diagnostic,
    OpError,
    Severity,
    SourceBuffer,
    SourceManager,
    diagnostic_handler,
    emit,
    format_diagnostic,
)
from irkit.parsing import ParseFailure, parse_module
from irkit.pass_pipeline import apply_pipeline
from irkit.reference.errors import ArgumentError, UnsupportedError
from irkit.reference.signature import (
    Parameter,
    bind_inputs,
    output_shape,
    parameters,
)
from irkit.registry import make_context
from irkit.runtime.descriptors import memref_descriptor, scalar_ctype
from irkit.runtime.jit import JitError, JitModule, compile_llvm_ir
from irkit.target.llvmir import translate_module
from irkit.verifier import verify

C_INTERFACE_PREFIX = "_mlir_ciface_"
NUM_THREADS_GLOBAL = "irkit_num_threads"
"""The i32 global that convert-scf-parallel-to-gomp's loops read their team size from."""
NUM_THREADS_VARIABLES = ("IRKIT_NUM_THREADS", "OMP_NUM_THREADS")
"""The environment variables that give the default thread count, in order of precedence."""


class CompileError(Exception):
    """The program cannot be compiled: it does not parse, has no such entry, or holds an
    op that cannot be lowered yet. ``str()`` gives the diagnostics as the tools print
    them (``file:line:col: error: ...``, the source line, a caret)."""


class Kernel:
    """A compiled entry function. ``kernel(*arrays)`` checks the arrays, allocates the
    outputs, runs the native code and returns the outputs: one bare, several as a tuple."""

    def __init__(
        self,
        signature: FuncOp,
        input_count: int | None,
        jit: JitModule,
        opt_level: int,
        num_threads: int,
    ) -> None:
        self.name = signature.sym_name.data
        self.opt_level = opt_level
        self.num_threads = num_threads
        """The team size of the kernel's parallel loops."""
        self._signature = signature
        self._params = parameters(signature)
        self._input_count = input_count
        self._jit = jit
        address = jit.function_address(C_INTERFACE_PREFIX + self.name)
        if not address:
            raise CompileError(f"the compiled module has no {C_INTERFACE_PREFIX}{self.name}")
        argument_types = [_argument_ctype(p) for p in self._params]
        self._function = ctypes.CFUNCTYPE(None, *argument_types)(address)
        # Kernels compiled from the same IR share one engine, hence one global: each call
        # sets it to its own count.
        team_size_address = jit.global_address(NUM_THREADS_GLOBAL)
        self._team_size = (
            ctypes.c_int32.from_address(team_size_address) if team_size_address else None
        )

    @property
    def parameters(self) -> list[Parameter]:
        """Every parameter of the native entry: the inputs, then the outputs."""
        return list(self._params)

    def __repr__(self) -> str:
        return f"<irkit Kernel @{self.name} -O{self.opt_level} num_threads={self.num_threads}>"

    def __call__(self, *arrays: Any) -> Any:
        self._check_count(len(arrays))
        given = self._params[: len(arrays)]
        values, sizes = bind_inputs(self._signature, given, arrays)
        outputs = [
            np.zeros(output_shape(p, sizes), p.dtype(self._signature))
            for p in self._params[len(arrays) :]
        ]
        arguments: list[Any] = []
        for parameter, value in zip(self._params, [*values, *outputs], strict=True):
            if parameter.is_shaped:
                arguments.append(ctypes.byref(memref_descriptor(value, parameter.label)))
            else:
                arguments.append(_argument_ctype(parameter)(value))
        if self._team_size is not None:
            self._team_size.value = self.num_threads
        self._function(*arguments)
        if not outputs:
            return None
        return outputs[0] if len(outputs) == 1 else tuple(outputs)

    def _check_count(self, count: int) -> None:
        total = len(self._params)
        if self._input_count is not None:
            low = high = self._input_count
        else:
            # Affine-level entry: trailing memref parameters left out are outputs.
            low = total
            while low > 0 and self._params[low - 1].is_shaped:
                low -= 1
            high = total
        if not low <= count <= high:
            expected = str(high) if low == high else f"{low} to {high}"
            raise ArgumentError(
                f"function '{self.name}' takes {expected} arrays, but {count} were given"
            )


def _argument_ctype(parameter: Parameter) -> type:
    if parameter.is_shaped:
        return ctypes.c_void_p
    scalar = scalar_ctype(parameter.type)
    assert scalar is not None, "checked when the kernel was compiled"
    return scalar


def _positive_count(value: int | str, name: str) -> int:
    count = (int(value) if value.isdigit() else 0) if isinstance(value, str) else value
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return count


def resolve_num_threads(num_threads: int | None = None) -> int:
    """The team size for parallel loops: ``num_threads`` where given, else
    ``IRKIT_NUM_THREADS``, else the first level of ``OMP_NUM_THREADS`` (``"4,2"`` gives
    4), else the number of cores this process may run on. An unset or empty variable is
    skipped; any other value that is not a positive integer raises ValueError."""
    if num_threads is not None:
        return _positive_count(num_threads, "num_threads")
    for variable in NUM_THREADS_VARIABLES:
        value = os.environ.get(variable, "").strip()
        if value:
            first_level = value.split(",")[0] if variable == "OMP_NUM_THREADS" else value
            return _positive_count(first_level.strip(), variable)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def compile(
    source: str | os.PathLike[str] | ModuleOp,
    entry: str | None = None,
    opt_level: int = 3,
    target: str | None = None,
    *,
    num_threads: int | None = None,
) -> Kernel:
    """Compile ``source`` for the host and return its entry function as a :class:`Kernel`.

    ``source`` is TC text, the path of a ``.tc`` or ``.mlir`` file, or a ModuleOp at any
    level that lowers to the llvm dialect (it is not modified). ``entry`` names the
    function; by default the only, or the last, public function. ``target`` must be
    None or the host's triple: the JIT runs code on this machine only. ``num_threads``
    is the team size of the parallel loops (see :func:`resolve_num_threads`); the results
    do not depend on it. ``opt_level`` is LLVM's optimization level; at 3 the program is
    first optimized at the affine level by ``affine-optimize`` (tiling, vectorization,
    parallel loops).
    """
    if opt_level not in range(4):
        raise ValueError(f"opt_level must be 0, 1, 2 or 3, got {opt_level}")
    team_size = resolve_num_threads(num_threads)
    _check_target(target)
    signature, input_count, llvm_ir = _lower_to_llvm_ir(source, entry, optimize=opt_level == 3)
    try:
        jit = compile_llvm_ir(llvm_ir, opt_level)
    except JitError as error:
        raise CompileError(str(error)) from None
    return Kernel(signature, input_count, jit, opt_level, team_size)


def _lower_to_llvm_ir(
    source: str | os.PathLike[str] | ModuleOp, entry: str | None, optimize: bool
) -> tuple[FuncOp, int | None, str]:
    """The entry's affine-level signature, its number of inputs (for a ta-level entry)
    and the LLVM IR of the whole program, optimized at the affine level by
    ``affine-optimize`` where ``optimize``; diagnostics become a :class:`CompileError`."""
    sources = SourceManager()
    diagnostics: list[Diagnostic] = []
    with diagnostic_handler(diagnostics.append):
        try:
            module = _load(source, sources)
            signature, input_count = _lower_to_affine(module, entry)
            if optimize:
                apply_pipeline(module, "affine-optimize")
            apply_pipeline(module, "lower-to-llvm")
            return signature, input_count, translate_module(module)
        except ParseFailure as failure:
            diagnostics.append(failure.diagnostic)
        except OpError as error:
            emit(Severity.ERROR, error.op, error.text, error.notes)
        except DiagnosticException as error:
            # xDSL passes signal failure with exceptions that carry no location.
            emit(Severity.ERROR, None, str(error).strip())
        except DiagnosedError as error:
            if not diagnostics:
                raise CompileError(str(error)) from None
    text = "".join(format_diagnostic(d, sources) for d in diagnostics)
    raise CompileError(text.rstrip("\n"))


def _check_target(target: str | None) -> None:
    if target is None:
        return
    import llvmlite.binding as llvm

    host = llvm.get_process_triple()
    if target != host:
        raise CompileError(
            f"irkit.compile runs code on this machine, whose target is '{host}'; for "
            f"'{target}', use irkit-translate --target={target}"
        )


def _load(source: str | os.PathLike[str] | ModuleOp, sources: SourceManager) -> ModuleOp:
    """A fresh module from ``source``, verified."""
    if isinstance(source, ModuleOp):
        module = source.clone()
        verify(module)
        return module
    path = Path(source)
    is_path = isinstance(source, os.PathLike) or (
        "\n" not in source and path.suffix in (".tc", ".mlir")
    )
    if is_path:
        try:
            text = path.read_text()
        except OSError as error:
            raise CompileError(f"could not open input file '{path}': {error.strerror}") from None
        name = str(path)
    else:
        text, name = str(source), "<source>"
    buffer = SourceBuffer(name, text)
    sources.add(buffer)
    if is_path and path.suffix == ".mlir":
        module = parse_module(make_context(), buffer)
        verify(module)
        return module
    from irkit.frontend import tc

    try:
        return tc.parse(text, filename=name)
    except tc.TCError as error:
        raise CompileError(str(error)) from None


def _public_functions(module: ModuleOp) -> list[FuncOp]:
    return [
        op
        for op in module.ops
        if isinstance(op, FuncOp)
        and op.body.blocks
        and (op.sym_visibility is None or op.sym_visibility.data == "public")
    ]


def _lower_to_affine(module: ModuleOp, entry: str | None) -> tuple[FuncOp, int | None]:
    """Pick the entry, lower the module to the affine level, and return a copy of the
    entry's affine-level signature and, for a ta-level entry, its number of inputs."""
    functions = _public_functions(module)
    if not functions:
        # The signature (memref types, ta.shape) is read from func.func: at the llvm
        # level, memref parameters are already split into descriptor fields.
        raise CompileError(
            "the program has no public func.func with a body to run (the runtime takes "
            "programs above the llvm dialect level)"
        )
    if entry is None:
        entry = functions[-1].sym_name.data
    found = [f for f in functions if f.sym_name.data == entry]
    if not found:
        names = ", ".join(f"'{f.sym_name.data}'" for f in functions) or "none"
        raise CompileError(f"no public function named '{entry}' (the program has: {names})")
    func = found[0]
    signature_types = (*func.function_type.inputs.data, *func.function_type.outputs.data)
    input_count = (
        len(func.function_type.inputs.data)
        if any(isinstance(t, TensorType) for t in signature_types)
        else None
    )
    apply_pipeline(module, "lower-to-affine")
    lowered = next(f for f in _public_functions(module) if f.sym_name.data == entry)
    _check_signature(lowered)
    return lowered.clone(), input_count


def _check_signature(func: FuncOp) -> None:
    """The runtime passes memrefs with the identity layout and scalars it has a C type
    for, and takes no results: outputs are out-parameters."""
    name = func.sym_name.data
    if func.function_type.outputs.data:
        raise CompileError(
            f"function '{name}' returns values; the runtime calls functions whose outputs "
            "are trailing memref out-parameters"
        )
    for parameter in parameters(func):
        try:
            parameter.dtype(func)
        except UnsupportedError as error:
            raise CompileError(f"function '{name}': {error.diagnostic.message}") from None
        if isinstance(parameter.type, MemRefType):
            if not isinstance(parameter.type.layout, NoneAttr):
                raise CompileError(
                    f"function '{name}': {parameter.label} of type '{parameter.type}' has a "
                    "layout; the runtime passes row-major (identity layout) memrefs only"
                )
        elif not parameter.is_shaped and scalar_ctype(parameter.type) is None:
            raise CompileError(
                f"function '{name}': {parameter.label} has type '{parameter.type}', which "
                "the runtime cannot pass"
            )


def outputs_as_list(outputs: Any) -> Sequence[np.ndarray]:
    """A kernel's return value as a list of arrays, in result order."""
    if outputs is None:
        return []
    return list(outputs) if isinstance(outputs, tuple) else [outputs]
