"""irkit.target.codegen: objects and assembly for the host and for other targets.

Objects are checked by their headers (the ELF machine field, wasm's magic), assembly by
what only that target prints; the riscv64 code must use the V extension when asked to.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from functools import cache
from pathlib import Path

import pytest
from irkit.tools.irkit_translate import main

from irkit.frontend import tc
from irkit.pass_pipeline import apply_pipeline
from irkit.printing import print_ir
from irkit.target.codegen import CodegenError, CodegenOptions, Emit, codegen
from irkit.target.llvmir import translate_module

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "tc"

# e_machine values from the ELF specification.
EM_ARM, EM_X86_64, EM_PPC64, EM_AARCH64, EM_RISCV = 40, 62, 21, 183, 243


@cache
def _llvm_ir(name: str) -> str:
    module = tc.parse((EXAMPLES / name).read_text(), filename=name)
    apply_pipeline(module, "lower-to-llvm")
    return translate_module(module)


def _elf_machine(obj: bytes) -> tuple[int, int]:
    """The ELF class (1: 32-bit, 2: 64-bit) and machine of a little-endian object."""
    assert obj[:4] == b"\x7fELF", obj[:16]
    (machine,) = struct.unpack_from("<H", obj, 18)
    return obj[4], machine


@pytest.mark.parametrize(
    ("triple", "features", "elf_class", "machine"),
    [
        ("", "", 2, EM_X86_64),
        ("aarch64-linux-gnu", "", 2, EM_AARCH64),
        ("riscv64-unknown-linux-gnu", "+v", 2, EM_RISCV),
        ("powerpc64le-unknown-linux-gnu", "", 2, EM_PPC64),
        ("armv7-none-eabi", "", 1, EM_ARM),
        ("thumbv7em-none-eabi", "", 1, EM_ARM),
    ],
)
def test_elf_objects(triple: str, features: str, elf_class: int, machine: int) -> None:
    if not triple and _host_machine() != EM_X86_64:
        pytest.skip("the host is not x86_64")
    options = CodegenOptions(triple=triple, features=features, opt_level=2, emit=Emit.OBJ)
    for name in ("matmul.tc", "conv2d.tc"):
        assert _elf_machine(codegen(_llvm_ir(name), options)) == (elf_class, machine)


def _host_machine() -> int:
    return _elf_machine(codegen(_llvm_ir("matmul.tc"), CodegenOptions(emit=Emit.OBJ)))[1]


def test_wasm32_object() -> None:
    options = CodegenOptions(triple="wasm32-unknown-unknown", opt_level=2, emit=Emit.OBJ)
    assert codegen(_llvm_ir("matmul.tc"), options)[:4] == b"\0asm"


def test_riscv64_vector_extension() -> None:
    options = CodegenOptions(
        triple="riscv64-unknown-linux-gnu", features="+v", opt_level=3, emit=Emit.ASM
    )
    assembly = codegen(_llvm_ir("matmul.tc"), options).decode()
    assert "_v1p0" in assembly  # the ISA string in the .riscv.attributes section
    plain = CodegenOptions(triple="riscv64-unknown-linux-gnu", opt_level=3, emit=Emit.ASM)
    assert "_v1p0" not in codegen(_llvm_ir("matmul.tc"), plain).decode()


def test_aarch64_assembly() -> None:
    options = CodegenOptions(triple="aarch64-linux-gnu", opt_level=2, emit=Emit.ASM)
    assembly = codegen(_llvm_ir("softmax.tc"), options).decode()
    assert "_mlir_ciface_softmax:" in assembly
    assert "ret" in assembly.split()


def test_optimised_llvm_ir_carries_the_target() -> None:
    options = CodegenOptions(triple="aarch64-linux-gnu", opt_level=3, emit=Emit.LLVMIR)
    optimised = codegen(_llvm_ir("matmul.tc"), options).decode()
    assert 'target triple = "aarch64-linux-gnu"' in optimised
    assert "define void @_mlir_ciface_matmul(" in optimised


def test_unknown_triple() -> None:
    with pytest.raises(CodegenError, match="unknown target triple 'bogus-nowhere'"):
        codegen(_llvm_ir("matmul.tc"), CodegenOptions(triple="bogus-nowhere", emit=Emit.OBJ))


def test_invalid_llvm_ir_is_reported_from_the_child_process() -> None:
    options = CodegenOptions(triple="aarch64-linux-gnu", emit=Emit.OBJ)
    with pytest.raises(CodegenError, match="invalid LLVM IR"):
        codegen("define void @f() {\n  ret i32 0\n}\n", options)


def test_nvptx_object_is_refused_not_a_crash() -> None:
    # NVPTX has no object emitter: LLVM says so, and the caller gets an error.
    options = CodegenOptions(triple="nvptx64-nvidia-cuda", emit=Emit.OBJ)
    with pytest.raises(CodegenError):
        codegen(_llvm_ir("matmul.tc"), options)


def test_ptx_is_accepted_by_ptxas(tmp_path: Path) -> None:
    mlir = tmp_path / "matmul.mlir"
    module = tc.parse((EXAMPLES / "matmul.tc").read_text(), filename="matmul.tc")
    apply_pipeline(module, "lower-to-llvm")
    mlir.write_text(print_ir(module))
    ptx = tmp_path / "matmul.ptx"
    assert main([str(mlir), "--emit=ptx", "-o", str(ptx)]) == 0
    text = ptx.read_text()
    assert ".visible .entry _mlir_ciface_matmul(" in text
    assert ".visible .func matmul(" in text
    ptxas = shutil.which("ptxas")
    if ptxas is None:
        pytest.skip("ptxas is not on PATH: the PTX was made but not assembled")
    cubin = tmp_path / "matmul.cubin"
    assembled = subprocess.run(
        [ptxas, "--gpu-name=sm_80", str(ptx), "-o", str(cubin)], capture_output=True, text=True
    )
    assert assembled.returncode == 0, assembled.stderr
