"""Shared libraries: a host object linked by the system C compiler, and a C header that
declares the C-interface entry points (`_mlir_ciface_<name>`).

In the header a memref is MLIR's descriptor, one struct per rank, with `void *` data
pointers: the llvm dialect's opaque pointers no longer say the element type.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from xdsl.dialects import llvm
from xdsl.dialects.builtin import IntegerType, ModuleOp
from xdsl.ir import Attribute, SSAValue

__all__ = ["LinkError", "c_header", "link_shared"]

C_INTERFACE_PREFIX = "_mlir_ciface_"
_C_SCALARS = {
    "f16": "_Float16",
    "f32": "float",
    "f64": "double",
    "i1": "bool",
    "i8": "int8_t",
    "i16": "int16_t",
    "i32": "int32_t",
    "i64": "int64_t",
}


class LinkError(Exception):
    """No C compiler, or it failed; the message says which and why."""


def _descriptor_rank(struct: Attribute) -> int | None:
    """The rank of a memref descriptor struct `(ptr, ptr, i64[, array<r x i64> x 2])`."""
    if not isinstance(struct, llvm.LLVMStructType):
        return None
    fields = list(struct.types.data)
    if len(fields) == 3:
        return 0
    if len(fields) == 5 and isinstance(fields[3], llvm.LLVMArrayType):
        return fields[3].size.data
    return None


def _pointee_rank(argument: SSAValue) -> int | None:
    """The rank of the descriptor that the wrapper loads from or stores to `argument`."""
    for use in argument.uses:
        op = use.operation
        if isinstance(op, llvm.LoadOp):
            return _descriptor_rank(op.dereferenced_value.type)
        if isinstance(op, llvm.StoreOp) and op.ptr is argument:
            return _descriptor_rank(op.value.type)
    return None


def _c_type(argument: SSAValue, ranks: set[int]) -> str:
    if isinstance(argument.type, llvm.LLVMPointerType):
        rank = _pointee_rank(argument)
        if rank is None:
            return "void *"
        ranks.add(rank)
        return f"irkit_memref_{rank}d *"
    spelled = (
        f"i{argument.type.width.data}"
        if isinstance(argument.type, IntegerType)
        else str(argument.type)
    )
    return _C_SCALARS.get(spelled, "void *")


def _descriptor_struct(rank: int) -> str:
    shape = f" int64_t sizes[{rank}]; int64_t strides[{rank}];" if rank else ""
    return (
        f"typedef struct {{ void *allocated; void *aligned; int64_t offset;{shape} }}"
        f" irkit_memref_{rank}d;\n"
    )


def c_header(module: ModuleOp, guard: str) -> str:
    """A C header declaring the module's defined `_mlir_ciface_` functions."""
    ranks: set[int] = set()
    declarations: list[str] = []
    for op in module.ops:
        if not isinstance(op, llvm.FuncOp) or not op.body.blocks:
            continue
        name = op.sym_name.data
        if not name.startswith(C_INTERFACE_PREFIX):
            continue
        parameters = ", ".join(_c_type(a, ranks) for a in op.body.first_block.args) or "void"
        output = op.function_type.output
        result = (
            "void"
            if isinstance(output, llvm.LLVMVoidType)
            else _C_SCALARS.get(str(output), "void *")
        )
        declarations.append(f"{result} {name}({parameters});\n")
    structs = "".join(_descriptor_struct(rank) for rank in sorted(ranks))
    return (
        f"#ifndef {guard}\n#define {guard}\n\n#include <stdbool.h>\n#include <stdint.h>\n\n"
        f'#ifdef __cplusplus\nextern "C" {{\n#endif\n\n{structs}\n{"".join(declarations)}\n'
        f"#ifdef __cplusplus\n}}\n#endif\n\n#endif\n"
    )


def link_shared(obj: bytes, output: Path) -> None:
    """Link `obj` into the shared library `output` (written whole or not at all), with the
    C compiler `$CC` names, else `cc`, and libm; and libgomp when parallel loops call it."""
    compiler = os.environ.get("CC") or shutil.which("cc")
    if compiler is None:
        raise LinkError("no C compiler to link with: set CC or install cc")
    libgomp = ["-lgomp"] if b"GOMP_parallel" in obj else []
    with tempfile.TemporaryDirectory(prefix="irkit-link-") as scratch:
        object_path = Path(scratch) / "module.o"
        object_path.write_bytes(obj)
        library = Path(scratch) / output.name
        linked = subprocess.run(
            [compiler, "-shared", str(object_path), "-o", str(library), "-lm", *libgomp],
            capture_output=True,
            text=True,
            check=False,
        )
        if linked.returncode != 0:
            raise LinkError(f"{compiler} failed to link:\n{linked.stderr.strip()}")
        shutil.move(str(library), output)
