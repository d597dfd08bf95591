"""LLVM IR to optimised IR, assembly or an object file, for the host or another target.

Uses llvmlite's binding: the IR is parsed and verified, a target machine is made from the
triple, CPU and features, LLVM's new pass manager runs the `-O` pipeline, and the machine
emits assembly or an object. Code generation for a target other than the host runs in a
child process (`python -m irkit.target.codegen`), so that an LLVM abort on a target that is
less exercised cannot take the caller down with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict, dataclass
from enum import StrEnum

import llvmlite.binding as llvm

__all__ = [
    "CodegenError",
    "CodegenOptions",
    "Emit",
    "codegen",
    "codegen_in_process",
    "host_triple",
    "is_host",
    "optimize_module",
]


class Emit(StrEnum):
    """What code generation produces."""

    LLVMIR = "llvmir"
    ASM = "asm"
    OBJ = "obj"
    SHARED = "shared"  # codegen makes its object; irkit.target.shared links it
    PTX = "ptx"

    @property
    def is_binary(self) -> bool:
        return self in (Emit.OBJ, Emit.SHARED)


class CodegenError(Exception):
    """LLVM rejected the IR or the target, or the code generator died; the message says why."""


@dataclass(frozen=True)
class CodegenOptions:
    """The target and what to make for it; an empty triple means the host."""

    triple: str = ""
    cpu: str = ""
    features: str = ""
    opt_level: int = 2
    emit: Emit = Emit.LLVMIR


def host_triple() -> str:
    return llvm.get_process_triple()


def is_host(triple: str) -> bool:
    """Whether code for `triple` runs here: the same architecture and operating system."""
    if not triple:
        return True
    target, host = llvm.get_triple_parts(triple), llvm.get_triple_parts(host_triple())
    return (target.Arch, target.OS) == (host.Arch, host.OS)


# LLVM's default NVPTX CPU (sm_30) is older than any CUDA toolkit still supports.
_DEFAULT_CPUS = {"nvptx64": "sm_80", "nvptx": "sm_80"}


def _initialize() -> None:
    llvm.initialize_all_targets()
    llvm.initialize_all_asmprinters()


def _target_machine(options: CodegenOptions) -> llvm.TargetMachine:
    triple = options.triple or host_triple()
    try:
        target = llvm.Target.from_triple(triple)
    except RuntimeError as error:
        raise CodegenError(f"unknown target triple '{triple}': {error}") from None
    host = is_host(triple)
    default_cpu = llvm.get_host_cpu_name() if host else ""
    cpu = options.cpu or _DEFAULT_CPUS.get(llvm.get_triple_parts(triple).Arch, default_cpu)
    features = options.features or (llvm.get_host_cpu_features().flatten() if host else "")
    # Bare-metal and GPU targets have no dynamic loader: code there is not position-independent.
    reloc = "pic" if ("linux" in triple or host) else "default"
    return target.create_target_machine(
        cpu=cpu, features=features, opt=options.opt_level, reloc=reloc, codemodel="default"
    )


def optimize_module(module: llvm.ModuleRef, machine: llvm.TargetMachine, opt_level: int) -> None:
    """LLVM's standard pipeline at ``opt_level``, with loop and SLP vectorization from -O2."""
    tuning = llvm.create_pipeline_tuning_options(speed_level=opt_level)
    tuning.loop_vectorization = opt_level >= 2
    tuning.slp_vectorization = opt_level >= 2
    pass_builder = llvm.create_pass_builder(machine, tuning)
    pass_builder.getModulePassManager().run(module, pass_builder)


def codegen_in_process(llvm_ir: str, options: CodegenOptions) -> bytes:
    """Compile in this process; the result is text (UTF-8) or, for an object, its bytes."""
    _initialize()
    try:
        module = llvm.parse_assembly(llvm_ir)
        module.verify()
    except RuntimeError as error:
        raise CodegenError(f"invalid LLVM IR: {str(error).strip()}") from None
    machine = _target_machine(options)
    module.triple = machine.triple
    module.data_layout = str(machine.target_data)
    if options.opt_level > 0:
        optimize_module(module, machine, options.opt_level)
    try:
        match options.emit:
            case Emit.LLVMIR:
                return str(module).encode()
            case Emit.OBJ | Emit.SHARED:
                return machine.emit_object(module)
            case Emit.ASM | Emit.PTX:
                return machine.emit_assembly(module).encode()
    except RuntimeError as error:
        raise CodegenError(f"code generation failed: {str(error).strip()}") from None


def codegen(llvm_ir: str, options: CodegenOptions) -> bytes:
    """Compile, in a child process unless the target is the host's."""
    if is_host(options.triple):
        return codegen_in_process(llvm_ir, options)
    request = json.dumps({"ir": llvm_ir, "options": asdict(options)})
    child = subprocess.run(
        [sys.executable, "-m", "irkit.target.codegen"],
        input=request.encode(),
        capture_output=True,
        check=False,
    )
    if child.returncode == 0:
        return child.stdout
    message = child.stderr.decode(errors="replace").strip()
    if child.returncode == 1 and message:
        raise CodegenError(message)
    raise CodegenError(
        f"code generation for '{options.triple}' crashed (exit status {child.returncode})"
        + (f": {message.splitlines()[-1]}" if message else "")
    )


def _serve() -> int:
    """The child's side of `codegen`: a JSON request on stdin, the result on stdout."""
    request = json.loads(sys.stdin.buffer.read())
    fields = request["options"]
    options = CodegenOptions(**{**fields, "emit": Emit(fields["emit"])})
    try:
        result = codegen_in_process(request["ir"], options)
    except CodegenError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    sys.stdout.buffer.write(result)
    return 0


if __name__ == "__main__":
    sys.exit(_serve())
