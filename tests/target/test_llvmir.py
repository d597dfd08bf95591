"""irkit.target.llvmir.translate_module, checked by running what it produces.

Every def of every examples/tc program goes through `lower-to-llvm` and irkit's own
translation, is JIT-compiled by llvmlite (as is, and after the -O3 pipeline of
irkit.target.codegen), and is called through its `_mlir_ciface_` entry point with memref
descriptors over numpy arrays. The results are compared with the reference executor on the
ta module, which interprets the program with numpy and shares no code with the native path.
"""

from __future__ import annotations

import ctypes
import json
from collections.abc import Callable
from pathlib import Path

import llvmlite.binding as llvm
import numpy as np
import pytest
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.dialects.func import FuncOp

import irkit.reference
from irkit.diagnostics import DiagnosedError, Diagnostic, SourceBuffer, diagnostic_handler
from irkit.frontend import tc
from irkit.parsing import parse_module
from irkit.pass_pipeline import apply_pipeline
from irkit.registry import make_context
from irkit.target.codegen import CodegenOptions, Emit, codegen_in_process
from irkit.target.llvmir import translate_module

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "tc"

# examples/tc/sizes.json binds the size variables of each file, shared by all of its
# defs: distinct values, so that a size used in the wrong place shows up as a shape
# mismatch, and odd spatial sizes, which check the rounding of strided ranges.
SIZES: dict[str, dict[str, int]] = json.loads((EXAMPLES / "sizes.json").read_text())
_DTYPES = {"f32": np.float32, "f64": np.float64, "i32": np.int32, "i64": np.int64}


def test_every_example_is_covered() -> None:
    assert {path.name for path in EXAMPLES.glob("*.tc")} == set(SIZES)


def _input(rng: np.random.Generator, tensor: TensorType) -> np.ndarray:
    """Values every program is defined on: positive floats (for log, sqrt and divisions)
    and small nonzero integers of both signs."""
    dtype = _DTYPES[str(tensor.get_element_type())]
    shape = tuple(tensor.get_shape())
    if np.issubdtype(dtype, np.integer):
        magnitudes = rng.integers(1, 10, shape)
        return (magnitudes * rng.choice([-1, 1], shape)).astype(dtype)
    return rng.uniform(0.5, 1.5, shape).astype(dtype)


def _entries(module: ModuleOp) -> list[FuncOp]:
    return [op for op in module.ops if isinstance(op, FuncOp) and not op.is_declaration]


def _compiled(name: str, opt_level: int) -> str:
    program = (EXAMPLES / name).read_text()
    module = tc.parse(program, filename=name)
    apply_pipeline(module, "lower-to-llvm")
    llvm_ir = translate_module(module)
    if opt_level == 0:
        return llvm_ir
    options = CodegenOptions(opt_level=opt_level, emit=Emit.LLVMIR)
    return codegen_in_process(llvm_ir, options).decode()


@pytest.mark.parametrize("opt_level", [0, 3])
@pytest.mark.parametrize("name", sorted(SIZES))
def test_example_runs_natively(name: str, opt_level: int, make_jit: Callable) -> None:
    program = (EXAMPLES / name).read_text()
    ta_module = tc.parse(program, filename=name)
    static_module = tc.parse(program, filename=name, sizes=SIZES[name])
    jit = make_jit(_compiled(name, opt_level))
    rng = np.random.default_rng(len(name) * 31 + opt_level)
    static_functions = {f.sym_name.data: f for f in _entries(static_module)}
    for entry in (f.sym_name.data for f in _entries(ta_module)):
        function = static_functions[entry]
        inputs = [_input(rng, t) for t in function.function_type.inputs]
        expected = irkit.reference.run(ta_module, entry, *inputs)
        expected = expected if isinstance(expected, tuple) else (expected,)
        outputs = [np.full_like(np.asarray(e), 77) for e in expected]
        jit.call_memrefs(entry, *inputs, *outputs)
        for output, reference in zip(outputs, expected, strict=True):
            if np.issubdtype(output.dtype, np.integer):
                np.testing.assert_array_equal(output, reference, err_msg=f"@{entry}")
            else:
                np.testing.assert_allclose(output, reference, rtol=1e-5, atol=1e-6)


def _translate_text(text: str) -> tuple[str | None, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    module = parse_module(make_context(), SourceBuffer("input.mlir", text))
    with diagnostic_handler(diagnostics.append):
        try:
            return translate_module(module), diagnostics
        except DiagnosedError:
            return None, diagnostics


def test_unlowered_op_is_a_located_error() -> None:
    text = """llvm.func @f(%a: i32) -> i32 {
  %b = arith.addi %a, %a : i32
  llvm.return %b : i32
}
"""
    llvm_ir, diagnostics = _translate_text(text)
    assert llvm_ir is None
    [error] = diagnostics
    assert (error.location.line, error.location.column) == (2, 8)
    assert "'arith.addi' op cannot be translated to LLVM IR" in error.message


def test_non_llvm_top_level_op_is_a_located_error() -> None:
    llvm_ir, diagnostics = _translate_text("func.func @f() {\n  return\n}\n")
    assert llvm_ir is None
    [error] = diagnostics
    assert error.location.line == 1
    assert "'func.func' op" in error.message


# Intrinsics through llvm.call_intrinsic at two types each, nested-array globals, linkage
# and the constant fcmp predicates: what irkit adds to xDSL's translation.
_ADDITIONS = """
llvm.mlir.global private constant @table(dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>)
    {addr_space = 0 : i32} : !llvm.array<2 x array<3 x i32>>
llvm.func @lookup(%row: i64, %column: i64) -> i32 {
  %table = llvm.mlir.addressof @table : !llvm.ptr
  %p = llvm.getelementptr inbounds %table[0, %row, %column]
      : (!llvm.ptr, i64, i64) -> !llvm.ptr, !llvm.array<2 x array<3 x i32>>
  %v = llvm.load %p : !llvm.ptr -> i32
  llvm.return %v : i32
}
llvm.func @saturate(%x: f32, %y: f64) -> i64 {
  %a = llvm.call_intrinsic "llvm.fptosi.sat"(%x) : (f32) -> i32
  %b = llvm.call_intrinsic "llvm.fptosi.sat"(%y) : (f64) -> i64
  %c = llvm.call_intrinsic "llvm.smax"(%a, %a) : (i32, i32) -> i32
  %d = llvm.call_intrinsic "llvm.smax"(%b, %b) : (i64, i64) -> i64
  %e = llvm.sext %c : i32 to i64
  %s = llvm.add %d, %e : i64
  %never = llvm.fcmp "_false" %x, %x : f32
  %r = llvm.select %never, %e, %s : i1, i64
  llvm.return %r : i64
}
llvm.func internal @helper() {
  llvm.return
}
"""


def test_additions_to_xdsl_translation(make_jit: Callable) -> None:
    llvm_ir, diagnostics = _translate_text(_ADDITIONS)
    assert llvm_ir is not None, diagnostics
    # LLVM's own printing, which quotes no plain names.
    llvm_ir = str(llvm.parse_assembly(llvm_ir))
    assert "@llvm.fptosi.sat.i32.f32" in llvm_ir
    assert "@llvm.fptosi.sat.i64.f64" in llvm_ir
    assert "@llvm.smax.i32" in llvm_ir and "@llvm.smax.i64" in llvm_ir
    assert "define internal void @helper" in llvm_ir
    assert "@table = private constant [2 x [3 x i32]]" in llvm_ir
    jit = make_jit(llvm_ir)
    lookup = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_int64, ctypes.c_int64)(
        jit.function_address("lookup")
    )
    table = np.arange(1, 7).reshape(2, 3)
    for row in range(2):
        for column in range(3):
            assert lookup(row, column) == table[row, column]
    saturate = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_float, ctypes.c_double)(
        jit.function_address("saturate")
    )
    # fptosi.sat clamps to the integer range: 3e9 saturates at i32's maximum.
    assert saturate(3e9, 2.5) == np.iinfo(np.int32).max + 2
    assert saturate(-7.9, 1e30) == -7 + np.iinfo(np.int64).max
