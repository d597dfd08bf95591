"""``irkit.compile`` and ``Kernel``: the sources it takes, the checks of a call, the
zero-copy calling convention, the compile cache and the errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import llvmlite.binding as llvm
import numpy as np
import pytest

import irkit
from irkit.diagnostics import SourceBuffer
from irkit.frontend import tc
from irkit.parsing import parse_module
from irkit.printing import print_ir
from irkit.registry import make_context
from irkit.runtime import ArgumentError, CompileError, Kernel, compile_llvm_ir

ROOT = Path(__file__).resolve().parents[2]
MATMUL_TC = ROOT / "examples" / "tc" / "matmul.tc"
SIZES_TC = ROOT / "examples" / "tc" / "sizes.tc"
MATMUL_AFFINE = ROOT / "examples" / "affine" / "matmul.mlir"


@pytest.fixture(scope="module")
def matmul() -> Kernel:
    return irkit.compile(MATMUL_TC)


def _operands(m: int, k: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(m + 10 * k + 100 * n)
    return (
        rng.standard_normal((m, k)).astype(np.float32),
        rng.standard_normal((k, n)).astype(np.float32),
    )


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a.astype(np.float64) @ b.astype(np.float64)).astype(np.float32)


# --- sources ------------------------------------------------------------------------------


def test_tc_path_as_string_and_as_path() -> None:
    a, b = _operands(3, 4, 5)
    for source in (str(MATMUL_TC), MATMUL_TC):
        np.testing.assert_allclose(irkit.compile(source)(a, b), _product(a, b), rtol=1e-5)


def test_affine_level_mlir_file() -> None:
    # C += A * B on static shapes: the runtime's zero-filled C makes it a product.
    kernel = irkit.compile(MATMUL_AFFINE)
    assert kernel.name == "matmul"
    shapes = [tuple(p.static_shape) for p in kernel.parameters]
    a = np.random.default_rng(1).standard_normal(shapes[0]).astype(np.float32)
    b = np.random.default_rng(2).standard_normal(shapes[1]).astype(np.float32)
    # Without ta.shape, the static output is allocated from its type.
    np.testing.assert_allclose(kernel(a, b), _product(a, b), rtol=1e-5, atol=1e-5)


def test_module_op_is_compiled_and_left_unchanged() -> None:
    module = tc.parse(MATMUL_TC.read_text(), filename="matmul.tc")
    before = print_ir(module)
    kernel = irkit.compile(module, opt_level=0)
    assert print_ir(module) == before
    a, b = _operands(2, 3, 4)
    np.testing.assert_allclose(kernel(a, b), _product(a, b), rtol=1e-5, atol=1e-6)


def test_entry_defaults_to_the_last_public_function() -> None:
    assert irkit.compile(SIZES_TC).name == "ramp_flip"
    assert irkit.compile(SIZES_TC, entry="center_columns").name == "center_columns"


def test_several_outputs_come_back_as_a_tuple_in_result_order() -> None:
    a = np.random.default_rng(4).standard_normal((5, 4)).astype(np.float32)
    mean, centered = irkit.compile(SIZES_TC, entry="center_columns")(a)
    np.testing.assert_allclose(mean, a.astype(np.float64).mean(axis=0), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(centered, a - mean, rtol=1e-5, atol=1e-6)


_IN_PLACE = """
func.func @add_one(%x: memref<?xf32>, %n: index, %y: memref<?xf32>) {
  affine.for %i = 0 to %n {
    %v = affine.load %x[%i] : memref<?xf32>
    %c = arith.constant 1.0 : f32
    %s = arith.addf %v, %c : f32
    affine.store %s, %y[%i] : memref<?xf32>
  }
  return
}
"""


def _affine_module(text: str) -> object:
    return parse_module(make_context(), SourceBuffer("kernel.mlir", text))


def test_given_outputs_are_written_in_place_without_copies() -> None:
    kernel = irkit.compile(_affine_module(_IN_PLACE))
    x = np.arange(6, dtype=np.float32)
    y = np.full(6, -7.0, dtype=np.float32)
    # Scalars pass by value; only the first n elements are written.
    assert kernel(x, 4, y) is None
    np.testing.assert_array_equal(y, [1, 2, 3, 4, -7, -7])


def test_fresh_outputs_are_zero_filled() -> None:
    # Writes nothing: whatever comes back is what the runtime allocated.
    module = _affine_module("func.func @nothing(%out: memref<3x2xi32>) {\n  return\n}\n")
    out = irkit.compile(module)()
    np.testing.assert_array_equal(out, np.zeros((3, 2), np.int32))


def test_compile_cache_is_keyed_by_ir_and_options() -> None:
    llvm_ir = "define i32 @answer() {\n  ret i32 42\n}\n"
    first = compile_llvm_ir(llvm_ir, 2)
    assert compile_llvm_ir(llvm_ir, 2) is first
    assert compile_llvm_ir(llvm_ir, 1) is not first
    assert compile_llvm_ir(llvm_ir.replace("42", "43"), 2) is not first


def test_import_irkit_does_not_load_the_runtime() -> None:
    code = "import sys, irkit; assert 'irkit.runtime' not in sys.modules; irkit.compile"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- argument errors ----------------------------------------------------------------------


def test_wrong_array_count(matmul: Kernel) -> None:
    a, _ = _operands(2, 3, 4)
    with pytest.raises(ArgumentError, match=r"'matmul' takes 2 arrays, but 1 were given"):
        matmul(a)
    with pytest.raises(ArgumentError, match=r"takes 2 arrays, but 3 were given"):
        matmul(a, a, a)


def test_wrong_dtype(matmul: Kernel) -> None:
    a, b = _operands(2, 3, 4)
    with pytest.raises(ArgumentError, match=r"parameter 1 \(%B\) has dtype float64.*float32"):
        matmul(a, b.astype(np.float64))


def test_wrong_rank(matmul: Kernel) -> None:
    a, b = _operands(2, 3, 4)
    with pytest.raises(ArgumentError, match=r"parameter 0 \(%A\) has rank 1"):
        matmul(a.ravel(), b)


def test_disagreeing_size_variables(matmul: Kernel) -> None:
    a, _ = _operands(2, 3, 4)
    _, b = _operands(2, 5, 4)
    with pytest.raises(ArgumentError, match=r"size variable 'K' is 3 from .* but 5 from"):
        matmul(a, b)


def test_wrong_static_shape() -> None:
    kernel = irkit.compile(MATMUL_AFFINE)
    wrong = [np.zeros([d + 1 for d in p.static_shape], np.float32) for p in kernel.parameters]
    with pytest.raises(ArgumentError, match=r"parameter 0 .* does not match its type"):
        kernel(*wrong[:2])


def test_non_contiguous_arrays_are_refused_not_copied(matmul: Kernel) -> None:
    a, b = _operands(4, 4, 4)
    with pytest.raises(ArgumentError, match=r"parameter 0 \(%A\) is not C-contiguous"):
        matmul(np.asfortranarray(a), b)
    with pytest.raises(ValueError, match=r"parameter 1 \(%B\) is not C-contiguous"):
        matmul(a, b[:, ::2].repeat(2, axis=0)[::2])


def test_not_an_array(matmul: Kernel) -> None:
    _, b = _operands(2, 3, 4)
    with pytest.raises(ArgumentError, match=r"expects a numpy array"):
        matmul([[1.0]], b)


# --- compile errors -----------------------------------------------------------------------


def test_unknown_entry() -> None:
    with pytest.raises(CompileError, match=r"no public function named 'conv'.*'matmul'"):
        irkit.compile(MATMUL_TC, entry="conv")


def test_tc_error_is_located() -> None:
    with pytest.raises(CompileError) as error:
        irkit.compile("def f(float(N) A) -> (B) {\n  B(i) = A(i) +* 2\n}\n")
    assert str(error.value).startswith("<source>:2:16: error:")
    assert "  B(i) = A(i) +* 2\n" in str(error.value)


def test_op_that_cannot_be_lowered_is_located(tmp_path: Path) -> None:
    program = tmp_path / "collapse.mlir"
    program.write_text(
        "func.func @f(%a: memref<2x2xf32>) {\n"
        "  %b = memref.collapse_shape %a [[0, 1]] : memref<2x2xf32> into memref<4xf32>\n"
        "  return\n"
        "}\n"
    )
    with pytest.raises(CompileError) as error:
        irkit.compile(program)
    message = str(error.value)
    assert message.startswith(f"{program}:2:8: error: no lowering from 'memref.collapse_shape'")
    assert message.endswith("       ^")


def test_mlir_parse_error_is_located(tmp_path: Path) -> None:
    program = tmp_path / "bad.mlir"
    program.write_text("func.func @f() {\n  %x = arith.constant : f32\n  return\n}\n")
    with pytest.raises(CompileError, match=rf"^{program}:2:\d+: error:"):
        irkit.compile(program)


def test_missing_file() -> None:
    with pytest.raises(CompileError, match=r"could not open input file 'nowhere\.tc'"):
        irkit.compile("nowhere.tc")


def test_llvm_dialect_programs_are_refused() -> None:
    module = _affine_module("llvm.func @f() {\n  llvm.return\n}\n")
    with pytest.raises(CompileError, match=r"no public func\.func with a body to run"):
        irkit.compile(module)


def test_functions_that_return_values_are_refused() -> None:
    module = _affine_module("func.func @f(%x: i32) -> i32 {\n  return %x : i32\n}\n")
    with pytest.raises(CompileError, match=r"function 'f' returns values"):
        irkit.compile(module)


def test_other_targets_are_refused_and_the_host_accepted() -> None:
    with pytest.raises(CompileError, match=r"irkit-translate --target=riscv64-unknown-linux"):
        irkit.compile(MATMUL_TC, target="riscv64-unknown-linux")
    assert irkit.compile(MATMUL_TC, target=llvm.get_process_triple()).name == "matmul"


def test_bad_opt_level() -> None:
    with pytest.raises(ValueError, match=r"opt_level must be 0, 1, 2 or 3, got 4"):
        irkit.compile(MATMUL_TC, opt_level=4)
