"""Tests of irkit.polyhedral.codegen: affine code from isl schedules.

Each function is rebuilt from a schedule given by hand (the original one, an interchange,
a modulo split, ...); the IR is checked for the loops, guards and index expressions the
schedule asks for, verified, printed and parsed back, and run by the reference executor
against numpy."""

from __future__ import annotations

import islpy as isl
import numpy as np
import pytest
from irkit.dialects import affine
from xdsl.dialects.builtin import ModuleOp

from irkit import reference
from irkit.affine_syntax import affine_map_to_str, affine_set_to_str
from irkit.polyhedral.codegen import CodegenError, rewrite_function
from irkit.polyhedral.scheduler import Fusion, compute_schedule
from irkit.polyhedral.statements import extract_scop
from irkit.printing import print_ir
from irkit.testing.ir import first_function, parse_verified
from irkit.verifier import verify


def _reschedule(text: str, schedule: str | None) -> ModuleOp:
    """`text`'s function rebuilt from `schedule` (a map over its statements, None for the
    original schedule); checked to verify and to read back as printed."""
    module = parse_verified(text)
    scop = extract_scop(first_function(module))
    schedule_map = scop.original_schedule() if schedule is None else isl.UnionMap(schedule)
    rewrite_function(scop, schedule_map)
    verify(module)
    printed = print_ir(module)
    assert print_ir(parse_verified(printed)) == printed
    return module


def _loops(module: ModuleOp) -> list[affine.ForOp]:
    return [op for op in module.walk() if isinstance(op, affine.ForOp)]


MATMUL = """
func.func @matmul(%A: memref<5x6xf32>, %B: memref<6x7xf32>, %C: memref<5x7xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  affine.for %m = 0 to 5 {
    affine.for %n = 0 to 7 {
      affine.store %zero, %C[%m, %n] : memref<5x7xf32>
    }
  }
  affine.for %m = 0 to 5 {
    affine.for %n = 0 to 7 {
      affine.for %k = 0 to 6 {
        %a = affine.load %A[%m, %k] : memref<5x6xf32>
        %b = affine.load %B[%k, %n] : memref<6x7xf32>
        %p = arith.mulf %a, %b : f32
        %c = affine.load %C[%m, %n] : memref<5x7xf32>
        %s = arith.addf %c, %p : f32
        affine.store %s, %C[%m, %n] : memref<5x7xf32>
      }
    }
  }
  return
}
"""


def _run_matmul(module: ModuleOp) -> np.ndarray:
    rng = np.random.default_rng(7)
    a = rng.standard_normal((5, 6)).astype(np.float32)
    b = rng.standard_normal((6, 7)).astype(np.float32)
    # Garbage in C: the init statement must run before the reduction.
    c = rng.standard_normal((5, 7)).astype(np.float32)
    reference.run(module, "matmul", a, b, c)
    np.testing.assert_allclose(c, a.astype(np.float64) @ b, rtol=1e-5, atol=1e-5)
    return c


def test_original_schedule_gives_back_the_nests() -> None:
    original = parse_verified(MATMUL)
    regenerated = _reschedule(MATMUL, None)
    shape = [op.name for op in original.walk()]
    assert [op.name for op in regenerated.walk()] == shape
    bounds = [(str(loop.lower_bound_map), str(loop.upper_bound_map)) for loop in _loops(original)]
    assert [
        (str(loop.lower_bound_map), str(loop.upper_bound_map)) for loop in _loops(regenerated)
    ] == bounds
    _run_matmul(regenerated)


def test_fused_interchanged_schedule() -> None:
    # Both statements under (n, m); the reduction's k loop inside, after the init.
    module = _reschedule(MATMUL, "{ S0[m, n] -> [n, m, 0, 0]; S1[m, n, k] -> [n, m, 1, k] }")
    outer, middle, inner = _loops(module)
    assert outer.upper_bound_map.results[0].value == 7  # n
    assert middle.upper_bound_map.results[0].value == 5  # m
    assert inner.upper_bound_map.results[0].value == 6  # k
    assert middle.parent_op() is outer and inner.parent_op() is middle
    _run_matmul(module)


def test_init_after_reduction_is_emitted_as_asked() -> None:
    # Codegen follows the schedule, legal or not: here the init runs last, so C is zero.
    module = _reschedule(MATMUL, "{ S0[m, n] -> [1, m, n, 0]; S1[m, n, k] -> [0, m, n, k] }")
    c = np.ones((5, 7), np.float32)
    reference.run(module, "matmul", np.ones((5, 6), np.float32), np.ones((6, 7), np.float32), c)
    np.testing.assert_array_equal(c, np.zeros((5, 7), np.float32))


ACCUMULATE = """
func.func @accumulate(%A: memref<12xf32>, %B: memref<12xf32>) {
  affine.for %i = 0 to 12 {
    %a = affine.load %A[%i] : memref<12xf32>
    %b = affine.load %B[%i] : memref<12xf32>
    %s = arith.addf %a, %b : f32
    affine.store %s, %B[%i] : memref<12xf32>
  }
  return
}
"""


def _run_accumulate(module: ModuleOp) -> None:
    # An iteration run twice or not at all shows in B.
    a = np.arange(12, dtype=np.float32) + 1
    b = np.full(12, 100.0, np.float32)
    reference.run(module, "accumulate", a, b)
    np.testing.assert_array_equal(b, a + 100)


def test_modulo_schedule_gives_strided_loops() -> None:
    # Even iterations first, then odd ones: isl scans each class with step 2.
    module = _reschedule(ACCUMULATE, "{ S0[i] -> [i mod 2, i] }")
    outer, inner = _loops(module)
    assert outer.step_value == 1
    assert inner.step_value == 2
    assert affine_map_to_str(inner.lower_bound_map) == "(d0) -> (d0)"
    _run_accumulate(module)


def test_reversed_schedule_indexes_with_affine_apply() -> None:
    module = _reschedule(ACCUMULATE, "{ S0[i] -> [-i] }")
    (loop,) = _loops(module)
    assert affine_map_to_str(loop.lower_bound_map) == "() -> (-11)"
    (apply,) = [op for op in module.walk() if isinstance(op, affine.ApplyOp)]
    assert affine_map_to_str(apply.affine_map) == "(d0) -> (-d0)"
    assert apply.mapOperands[0] is loop.induction_var
    _run_accumulate(module)


def test_tiles_have_min_upper_bounds() -> None:
    module = _reschedule(ACCUMULATE, "{ S0[i] -> [floor(i/5), i] }")
    tile, point = _loops(module)
    assert affine_map_to_str(tile.upper_bound_map) == "() -> (3)"
    assert affine_map_to_str(point.lower_bound_map) == "(d0) -> (d0 * 5)"
    assert affine_map_to_str(point.upper_bound_map) == "(d0) -> (12, d0 * 5 + 5)"
    _run_accumulate(module)


GUARDED = """
func.func @guarded(%A: memref<12xf32>, %B: memref<12xf32>, %x: f32) {
  affine.for %i = 0 to 12 {
    affine.if affine_set<(d0) : (d0 mod 3 == 0)>(%i) {
      affine.store %x, %A[%i] : memref<12xf32>
    }
    affine.store %x, %B[%i] : memref<12xf32>
  }
  return
}
"""


def test_guard_on_a_lattice_is_an_affine_if() -> None:
    module = _reschedule(GUARDED, None)
    (if_op,) = [op for op in module.walk() if isinstance(op, affine.IfOp)]
    assert affine_set_to_str(if_op.integer_set) == "(d0) : (d0 mod 3 == 0)"
    a, b = np.zeros(12, np.float32), np.zeros(12, np.float32)
    reference.run(module, "guarded", a, b, np.float32(2.0))
    np.testing.assert_array_equal(a, np.where(np.arange(12) % 3 == 0, 2.0, 0.0))
    np.testing.assert_array_equal(b, np.full(12, 2.0, np.float32))


SYMBOLIC = """
func.func @scale(%A: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %A, %c0 : memref<?xf32>
  affine.for %i = 0 to %n {
    %a = affine.load %A[%i] : memref<?xf32>
    %s = arith.addf %a, %a : f32
    affine.store %s, %A[%i] : memref<?xf32>
  }
  return
}
"""


def test_parameters_are_symbols_and_stay_above() -> None:
    module = _reschedule(SYMBOLIC, None)
    func = first_function(module)
    dim = next(op for op in func.walk() if op.name == "memref.dim")
    (loop,) = _loops(module)
    assert list(loop.upperBoundOperands) == [dim.results[0]]
    assert loop.parent_op() is func
    values = np.arange(9, dtype=np.float32)
    reference.run(module, "scale", values)
    np.testing.assert_array_equal(values, 2 * np.arange(9, dtype=np.float32))


def test_unknown_mark_is_refused_and_the_function_unchanged() -> None:
    module = parse_verified(SYMBOLIC)
    before = print_ir(module)
    func = first_function(module)
    values = [result for op in func.walk() for result in op.results]
    uses = [len(list(value.uses)) for value in values]
    scop = extract_scop(func)
    # A mark inside the loop, whose bound is the size %n: codegen fails after building
    # the loop.
    schedule = compute_schedule(scop, Fusion.MAX)
    band = schedule.get_root().child(0)
    assert band.get_type() == isl.schedule_node_type.band
    marked = band.child(0).insert_mark(isl.Id("unroll")).get_schedule()
    with pytest.raises(CodegenError, match="unknown mark 'unroll'"):
        rewrite_function(scop, marked)
    assert print_ir(module) == before
    # The partial code is gone, with its uses of the function's values.
    assert [len(list(value.uses)) for value in values] == uses
    verify(module)
