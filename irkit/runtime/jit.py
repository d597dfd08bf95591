"""Compiling LLVM IR for the host with llvmlite's MCJIT.

Code is generated for the host CPU's name and features, optimized with LLVM's standard
pipeline at ``-O0`` to ``-O3`` with loop and SLP vectorization. Engines are cached by
the IR text and the options, so compiling the same program twice costs nothing.

A module that calls the OpenMP runtime (``GOMP_*`` and ``omp_*`` functions, which
convert-scf-parallel-to-gomp emits for parallel loops) gets libgomp loaded into the
process first; where libgomp cannot be loaded, compiling it raises :class:`JitError`
rather than running anything sequentially.
"""

from __future__ import annotations

import ctypes.util
import threading
from dataclasses import dataclass

import llvmlite.binding as llvm

from irkit.target.codegen import optimize_module

_CACHE_SIZE = 64
_lock = threading.Lock()
_engines: dict[tuple[str, int], JitModule] = {}
_initialized = False
_openmp_loaded = False

OPENMP_LIBRARY = "libgomp.so.1"
"""The OpenMP runtime that parallel loops call, as the dynamic loader names it."""
_OPENMP_PREFIXES = ("GOMP_", "omp_")


class JitError(Exception):
    """LLVM rejected the IR, or the host cannot generate code for it."""


@dataclass(frozen=True)
class JitModule:
    """An MCJIT engine with one compiled module; its code lives as long as it does."""

    engine: llvm.ExecutionEngine

    def function_address(self, symbol: str) -> int:
        """The address of ``symbol``, 0 when the module does not define it."""
        return self.engine.get_function_address(symbol)

    def global_address(self, symbol: str) -> int:
        """The address of the global variable ``symbol``, 0 when the module does not
        define it."""
        return self.engine.get_global_value_address(symbol)


def _initialize() -> None:
    global _initialized
    if not _initialized:
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        _initialized = True


def _calls_openmp(module: llvm.ModuleRef) -> bool:
    return any(
        function.is_declaration and function.name.startswith(_OPENMP_PREFIXES)
        for function in module.functions
    )


def _load_library(path: str) -> str | None:
    """Load the shared library ``path`` into the process; the loader's error, if any."""
    try:
        llvm.load_library_permanently(path)
    except RuntimeError as error:
        return str(error).strip()
    return None


def load_openmp_runtime() -> None:
    """Load libgomp into the process, once, so that the JIT resolves the OpenMP calls;
    :class:`JitError` where it cannot be found."""
    global _openmp_loaded
    if _openmp_loaded:
        return
    error = _load_library(OPENMP_LIBRARY)
    if error is not None:
        # Not under its soname: wherever ldconfig or the compiler knows it.
        found = ctypes.util.find_library("gomp")
        if found is None or _load_library(found) is not None:
            raise JitError(
                "the program runs parallel loops on the OpenMP runtime libgomp, which could "
                f"not be loaded ({error}); install it (Debian and Ubuntu: libgomp1)"
            )
    _openmp_loaded = True


def host_target_machine(opt_level: int) -> llvm.TargetMachine:
    """A target machine for the host's triple, CPU name and CPU features."""
    _initialize()
    target = llvm.Target.from_default_triple()
    return target.create_target_machine(
        cpu=llvm.get_host_cpu_name(),
        features=llvm.get_host_cpu_features().flatten(),
        opt=opt_level,
        jit=True,
    )


def compile_llvm_ir(llvm_ir: str, opt_level: int = 3) -> JitModule:
    """The module ``llvm_ir`` compiled for the host at ``opt_level`` (0 to 3), cached."""
    if opt_level not in range(4):
        raise ValueError(f"opt_level must be 0, 1, 2 or 3, got {opt_level}")
    key = (llvm_ir, opt_level)
    with _lock:
        cached = _engines.get(key)
        if cached is not None:
            return cached
        machine = host_target_machine(opt_level)
        try:
            module = llvm.parse_assembly(llvm_ir)
            module.verify()
        except RuntimeError as error:
            raise JitError(f"LLVM rejects the translated module: {error}") from None
        if _calls_openmp(module):
            load_openmp_runtime()
        module.triple = machine.triple
        module.data_layout = str(machine.target_data)
        optimize_module(module, machine, opt_level)
        engine = llvm.create_mcjit_compiler(module, machine)
        engine.finalize_object()
        compiled = JitModule(engine)
        if len(_engines) >= _CACHE_SIZE:
            del _engines[next(iter(_engines))]
        _engines[key] = compiled
        return compiled
