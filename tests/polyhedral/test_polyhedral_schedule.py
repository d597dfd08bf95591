"""Tests of the polyhedral-schedule pass and of what it is built on: statement extraction,
the memory dependences and the scheduler's fusion strategies.

The numerical tests run every def of examples/tc, lowered to affine loops and rescheduled
under each fusion strategy, with and without tiling and parallel loops, in the reference
executor. The results must equal those of the unscheduled module and those of the
independent numpy references of tests/examples/test_tc_examples.py."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest
import test_tc_examples as tc_examples
from irkit.dialects import affine
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.func import FuncOp

from irkit import reference
from irkit.diagnostics import Diagnostic, diagnostic_handler
from irkit.pass_pipeline import PipelineError, apply_pipeline
from irkit.polyhedral.codegen import rewrite_function
from irkit.polyhedral.scheduler import Fusion, compute_schedule, memory_dependences
from irkit.polyhedral.statements import ScopError, extract_scop
from irkit.testing.ir import first_function, parse_verified
from irkit.verifier import verify


def _top_level_loops(func: FuncOp) -> list[affine.ForOp | affine.ParallelOp]:
    return [op for op in func.body.block.ops if isinstance(op, affine.ForOp | affine.ParallelOp)]


# --- statements ------------------------------------------------------------------------

SOFTMAX_LIKE = """
func.func @f(%A: memref<?x?xf32>, %O: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %A, %c0 : memref<?x?xf32>
  %c1 = arith.constant 1 : index
  %d = memref.dim %A, %c1 : memref<?x?xf32>
  %t = memref.alloc(%n) : memref<?xf32>
  %zero = arith.constant 0.000000e+00 : f32
  affine.for %i = 0 to %n {
    affine.store %zero, %t[%i] : memref<?xf32>
    affine.for %j = 0 to %d {
      %a = affine.load %A[%i, %j] : memref<?x?xf32>
      %s = affine.load %t[%i] : memref<?xf32>
      %r = arith.addf %s, %a : f32
      affine.store %r, %t[%i] : memref<?xf32>
    }
  }
  affine.for %i = 0 to %n {
    %s = affine.load %t[%i] : memref<?xf32>
    affine.store %s, %O[%i] : memref<?xf32>
  }
  memref.dealloc %t : memref<?xf32>
  return
}
"""


def test_statements_domains_accesses_and_original_schedule() -> None:
    scop = extract_scop(first_function(parse_verified(SOFTMAX_LIKE)))
    names = {value.name_hint: name for name, value in scop.parameters.items()}
    n, d = names["n"], names["d"]
    init, update, copy = scop.statements
    assert [op.name for op in copy.ops] == ["affine.load", "affine.store"]
    assert [s.name for s in scop.statements] == ["S0", "S1", "S2"]
    assert [s.nest for s in scop.statements] == [0, 0, 1]
    assert [len(s.ops) for s in scop.statements] == [1, 4, 2]
    assert init.domain.is_equal(
        init.domain.read_from_str(init.domain.get_ctx(), f"[{n}] -> {{ S0[i0] : 0 <= i0 < {n} }}")
    )
    expected_update = f"[{n}, {d}] -> {{ S1[i0, i1] : 0 <= i0 < {n} and 0 <= i1 < {d} }}"
    assert update.domain.is_equal(
        update.domain.read_from_str(update.domain.get_ctx(), expected_update)
    )
    # 2d+1 textual order, padded to one width.
    expected_schedule = scop.original_schedule().read_from_str(
        scop.context.get_ctx(),
        f"[{n}, {d}] -> {{ S0[i] -> [0, i, 0, 0, 0] : 0 <= i < {n};"
        f" S1[i, j] -> [0, i, 1, j, 0] : 0 <= i < {n} and 0 <= j < {d};"
        f" S2[i] -> [1, i, 0, 0, 0] : 0 <= i < {n} }}",
    )
    assert scop.original_schedule().is_equal(expected_schedule)
    accessed = [(a.array, a.is_write) for a in update.accesses]
    # Arrays are named in order of first access: t (by S0), then A.
    assert accessed == [("A1", False), ("A0", False), ("A0", True)]
    assert [op.name for op in scop.hoisted] == [
        "arith.constant",
        "memref.dim",
        "arith.constant",
        "memref.dim",
        "memref.alloc",
        "arith.constant",
    ]
    assert [op.name for op in scop.sunk] == ["memref.dealloc"]
    assert scop.context.is_equal(
        scop.context.read_from_str(
            scop.context.get_ctx(), f"[{n}, {d}] -> {{ : {n} >= 0 and {d} >= 0 }}"
        )
    )


def test_dependences_of_a_reduction() -> None:
    scop = extract_scop(first_function(parse_verified(SOFTMAX_LIKE)))
    dependences = memory_dependences(scop)
    names = {value.name_hint: name for name, value in scop.parameters.items()}
    n, d = names["n"], names["d"]
    ctx = scop.context.get_ctx()
    flow = dependences.flow.read_from_str(
        ctx,
        f"[{n}, {d}] -> {{ S0[i] -> S1[i, j] : 0 <= i < {n} and 0 <= j < {d};"
        f" S1[i, j] -> S1[i, j2] : 0 <= i < {n} and 0 <= j < j2 < {d};"
        f" S1[i, j] -> S2[i] : 0 <= i < {n} and 0 <= j < {d};"
        f" S0[i] -> S2[i] : 0 <= i < {n} }}",
    )
    assert dependences.flow.is_equal(flow)
    # Every write of t[i] is before every later write and after every earlier read.
    assert not dependences.output.is_empty()
    assert not dependences.anti.is_empty()
    assert dependences.all().is_subset(
        scop.original_schedule().lex_lt_union_map(scop.original_schedule())
    )


ANTI_AND_OUTPUT = """
func.func @f(%A: memref<16xf32>, %B: memref<16xf32>, %C: memref<16xf32>, %x: f32) {
  affine.for %i = 1 to 16 {
    %a = affine.load %A[%i - 1] : memref<16xf32>
    affine.store %a, %B[%i] : memref<16xf32>
  }
  affine.for %i = 0 to 16 {
    %c = affine.load %C[%i] : memref<16xf32>
    affine.store %c, %A[%i] : memref<16xf32>
  }
  affine.for %i = 0 to 16 {
    affine.store %x, %A[15 - %i] : memref<16xf32>
  }
  return
}
"""


def test_anti_and_output_dependences() -> None:
    scop = extract_scop(first_function(parse_verified(ANTI_AND_OUTPUT)))
    dependences = memory_dependences(scop)
    ctx = scop.context.get_ctx()
    # S0 reads A[i - 1] before S1 and S2 overwrite it; S1's writes come before S2's.
    anti = dependences.anti.read_from_str(
        ctx, "{ S0[i] -> S1[i - 1] : 1 <= i < 16; S0[i] -> S2[16 - i] : 1 <= i < 16 }"
    )
    output = dependences.output.read_from_str(ctx, "{ S1[i] -> S2[15 - i] : 0 <= i < 16 }")
    assert dependences.anti.is_equal(anti)
    assert dependences.output.is_equal(output)
    assert dependences.flow.is_empty()


def test_fusion_respects_anti_and_output_dependences() -> None:
    module = _scheduled(ANTI_AND_OUTPUT, "fusion=max")
    # isl fuses the three loops, shifting S1 by one iteration behind S0.
    assert len(_top_level_loops(first_function(module))) == 1
    a = np.arange(16, dtype=np.float32)
    b = np.zeros(16, np.float32)
    c = np.arange(16, dtype=np.float32) + 100
    reference.run(module, "f", a, b, c, np.float32(-1.0))
    np.testing.assert_array_equal(b[1:], np.arange(15, dtype=np.float32))
    np.testing.assert_array_equal(a, np.full(16, -1.0, np.float32))


@pytest.mark.parametrize(
    ("fusion", "nests"), [(Fusion.MAX, 1), (Fusion.PRESERVE, 2), (Fusion.MIN, 3)]
)
def test_fusion_strategies(fusion: Fusion, nests: int) -> None:
    module = parse_verified(SOFTMAX_LIKE)
    scop = extract_scop(first_function(module))
    schedule = compute_schedule(scop, fusion)
    # Every dependence goes forward in time under the new schedule.
    times = schedule.get_map()
    assert memory_dependences(scop).all().is_subset(times.lex_lt_union_map(times))
    rewrite_function(scop, schedule)
    verify(module)
    # max fuses the copy into the reduction's outer loop; preserve keeps the two nests;
    # min also takes the init, a component of its own, out of the reduction's nest.
    assert len(_top_level_loops(first_function(module))) == nests
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    out = np.zeros(3, np.float32)
    reference.run(module, "f", a, out)
    np.testing.assert_array_equal(out, a.sum(axis=1))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "%s = affine.for %i = 0 to 4 iter_args(%x = %v) -> (f32) {\n"
            "  affine.yield %x : f32\n}\naffine.store %s, %A[0] : memref<4xf32>",
            "'affine.for' with results",
        ),
        (
            "affine.for %i = 0 to 4 {\n  %a = affine.load %A[%i] : memref<4xf32>\n"
            "  affine.for %j = 0 to 4 {\n    affine.store %a, %A[%j] : memref<4xf32>\n  }\n}",
            "flows from one statement into another",
        ),
        (
            "affine.for %i = 0 to 4 {\n  %c = arith.constant 0 : index\n"
            "  %a = memref.load %A[%c] : memref<4xf32>\n"
            "  affine.store %a, %A[%i] : memref<4xf32>\n}",
            "'memref.load' accesses memory outside the affine model",
        ),
    ],
)
def test_unmodellable_functions_are_refused(body: str, message: str) -> None:
    module = parse_verified(f"func.func @f(%A: memref<4xf32>, %v: f32) {{\n{body}\nreturn\n}}")
    with pytest.raises(ScopError, match=message):
        extract_scop(first_function(module))


# --- the pass --------------------------------------------------------------------------

PRODUCER_CONSUMER = """
func.func @f(%A: memref<16xf32>, %B: memref<16xf32>, %C: memref<16xf32>) {
  affine.for %i = 0 to 16 {
    %a = affine.load %A[%i] : memref<16xf32>
    %d = arith.addf %a, %a : f32
    affine.store %d, %B[%i] : memref<16xf32>
  }
  affine.for %i = 0 to 16 {
    %b = affine.load %B[%i] : memref<16xf32>
    %m = arith.mulf %b, %b : f32
    affine.store %m, %C[%i] : memref<16xf32>
  }
  return
}
"""


def _scheduled(text: str, options: str) -> ModuleOp:
    module = parse_verified(text)
    apply_pipeline(module, f"polyhedral-schedule{{{options}}}")
    return module


@pytest.mark.parametrize(
    ("options", "nests", "parallel"),
    [
        ("fusion=max", 1, False),
        ("fusion=preserve", 2, False),
        ("fusion=min", 2, False),
        ("fusion=max parallelize=true", 1, True),
        ("fusion=min tile-sizes=4 parallelize=true", 2, True),
    ],
)
def test_producer_consumer(options: str, nests: int, parallel: bool) -> None:
    module = _scheduled(PRODUCER_CONSUMER, options)
    loops = _top_level_loops(first_function(module))
    assert len(loops) == nests
    assert all(isinstance(loop, affine.ParallelOp) == parallel for loop in loops)
    a = np.linspace(-2, 2, 16, dtype=np.float32)
    b = np.full(16, 7.0, np.float32)
    c = np.zeros(16, np.float32)
    reference.run(module, "f", a, b, c)
    np.testing.assert_array_equal(b, a + a)
    np.testing.assert_array_equal(c, (a + a) * (a + a))


def test_refusal_is_a_remark_and_leaves_the_function() -> None:
    text = """
func.func private @g(memref<4xf32>)
func.func @f(%A: memref<4xf32>) {
  func.call @g(%A) : (memref<4xf32>) -> ()
  return
}
"""
    module = parse_verified(text)
    before = str(module)
    diagnostics: list[Diagnostic] = []
    with diagnostic_handler(diagnostics.append):
        apply_pipeline(module, "polyhedral-schedule")
    assert [(d.severity, d.message) for d in diagnostics] == [
        ("remark", "polyhedral-schedule: 'func.call' may have unknown memory effects")
    ]
    assert str(module) == before


@pytest.mark.parametrize(
    "options", ["fusion=most", "tile-sizes=0", "tile-sizes=4,-1"], ids=lambda o: o
)
def test_invalid_options(options: str) -> None:
    with pytest.raises(PipelineError, match="invalid options for pass 'polyhedral-schedule'"):
        _scheduled(PRODUCER_CONSUMER, options)


# --- every examples/tc program ---------------------------------------------------------

MODES = [
    ("static", "fusion=max"),
    ("static", "fusion=preserve"),
    ("static", "fusion=min"),
    ("static", "fusion=max tile-sizes=2,3 parallelize=true"),
    ("static", "fusion=preserve tile-sizes=2,3"),
    ("static", "fusion=min tile-sizes=2,3 parallelize=true"),
    ("dynamic", "fusion=max tile-sizes=2,3 parallelize=true"),
    ("dynamic", "fusion=min"),
]


def _inputs(example: Any) -> list[np.ndarray]:
    rng = np.random.default_rng(20240607)
    sizes = tc_examples.SIZES[example.file]
    return [make(rng, sizes) for make in example.inputs]


@functools.cache
def _unscheduled_results(name: str, shapes: str) -> tuple[np.ndarray, ...]:
    example = next(e for e in tc_examples.EXAMPLES if e.name == name)
    module = tc_examples.affine_module(example, shapes)
    return tc_examples._as_tuple(reference.run(module, example.entry, *_inputs(example)))


def _calls(func: FuncOp) -> bool:
    return any(op.name == "func.call" for op in func.walk())


@pytest.mark.parametrize(("shapes", "options"), MODES, ids=[f"{s}-{o}" for s, o in MODES])
@pytest.mark.parametrize("example", tc_examples.EXAMPLES, ids=lambda example: example.name)
def test_example_keeps_its_results(example: Any, shapes: str, options: str) -> None:
    module = tc_examples.affine_module(example, shapes)
    remarks: list[Diagnostic] = []
    with diagnostic_handler(remarks.append):
        apply_pipeline(module, f"polyhedral-schedule{{{options}}}")
    # Only the functions that call others are out of the model.
    functions = [op for op in module.walk() if isinstance(op, FuncOp) and op.body.blocks]
    assert len(remarks) == sum(_calls(func) for func in functions), remarks
    if "parallelize=true" in options and not any(_calls(func) for func in functions):
        assert any(isinstance(op, affine.ParallelOp) for op in module.walk())

    inputs = _inputs(example)
    actual = tc_examples._as_tuple(reference.run(module, example.entry, *inputs))
    unscheduled = _unscheduled_results(example.name, shapes)
    expected = example.reference(*inputs)
    assert len(actual) == len(expected) == len(unscheduled)
    for position, (got, before, want) in enumerate(zip(actual, unscheduled, expected, strict=True)):
        message = f"output {position} of {example.entry}"
        assert got.dtype == want.dtype and got.shape == want.shape, message
        # Reassociation aside, the new order computes the same values as the old one.
        np.testing.assert_allclose(
            got, before, err_msg=message, **tc_examples._tolerances(want.dtype)
        )
        np.testing.assert_allclose(
            got, want, err_msg=message, **tc_examples._tolerances(want.dtype)
        )
