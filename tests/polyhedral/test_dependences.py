"""Unit tests of irkit.polyhedral: domains, access relations, dependences and the legality
checks, on small hand-written loop nests whose dependences are worked out by hand."""

from __future__ import annotations

import islpy as isl
import pytest
from irkit.dialects import affine
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.func import FuncOp

from irkit.diagnostics import SourceBuffer
from irkit.parsing import parse_module
from irkit.polyhedral.dependences import (
    Dependence,
    DependenceKind,
    carried_at,
    compute_dependences,
    find_permutation_violation,
    find_tiling_violation,
    is_loop_parallel,
)
from irkit.polyhedral.model import NotAffineError, collect_accesses
from irkit.registry import make_context
from irkit.verifier import verify


def _function(body: str, args: str = "") -> FuncOp:
    module = parse_module(
        make_context(), SourceBuffer("test.mlir", f"func.func @f({args}) {{\n{body}\n  return\n}}")
    )
    verify(module)
    assert isinstance(module, ModuleOp)
    func = module.body.block.first_op
    assert isinstance(func, FuncOp)
    return func


def _loops(func: FuncOp) -> list[affine.ForOp]:
    return [op for op in func.walk() if isinstance(op, affine.ForOp)]


def _summary(dependences: list[Dependence]) -> set[tuple[str, str, str, tuple]]:
    return {(d.kind.value, d.source.op.name, d.sink.op.name, d.components) for d in dependences}


MATMUL = """
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 6 {
      affine.for %k = 0 to 5 {
        %a = affine.load %A[%i, %k] : memref<4x5xf32>
        %b = affine.load %B[%k, %j] : memref<5x6xf32>
        %c = affine.load %C[%i, %j] : memref<4x6xf32>
        %p = arith.mulf %a, %b : f32
        %s = arith.addf %c, %p : f32
        affine.store %s, %C[%i, %j] : memref<4x6xf32>
      }
    }
  }"""
MATMUL_ARGS = "%A: memref<4x5xf32>, %B: memref<5x6xf32>, %C: memref<4x6xf32>"


def test_matmul_reduction_is_carried_by_k_only() -> None:
    func = _function(MATMUL, MATMUL_ARGS)
    dependences = compute_dependences(func)
    # Only C is written. Load then store in one iteration is not a dependence from the
    # store (it comes later); all cross-iteration ones are along k, at distance 1..4.
    assert _summary(dependences) == {
        ("anti", "affine.load", "affine.store", ((0, 0), (0, 0), (0, 4))),
        ("flow", "affine.store", "affine.load", ((0, 0), (0, 0), (1, 4))),
        ("output", "affine.store", "affine.store", ((0, 0), (0, 0), (1, 4))),
    }
    for dependence in dependences:
        assert dependence.source.memref is dependence.sink.memref
        assert dependence.source.memref.name_hint == "C"
        assert [carried_at(dependence, depth) for depth in (1, 2, 3)] == [False, False, True]
    i, j, k = _loops(func)
    assert is_loop_parallel(i) and is_loop_parallel(j) and not is_loop_parallel(k)
    # Any order of i, j, k is legal, and the band is fully permutable.
    for permutation in ([0, 1, 2], [2, 0, 1], [1, 2, 0], [2, 1, 0]):
        assert find_permutation_violation([i, j, k], permutation) is None
    assert find_tiling_violation([i, j, k]) is None


def test_stencil_distances_and_legality() -> None:
    # A[i][j] = A[i-1][j+1]: flow dependence at distance (1, -1).
    func = _function(
        """
  affine.for %i = 1 to 10 {
    affine.for %j = 0 to 9 {
      %a = affine.load %A[%i - 1, %j + 1] : memref<10x10xf32>
      affine.store %a, %A[%i, %j] : memref<10x10xf32>
    }
  }""",
        "%A: memref<10x10xf32>",
    )
    (dependence,) = compute_dependences(func)
    assert dependence.kind is DependenceKind.FLOW
    assert isinstance(dependence.source.op, affine.StoreOp)
    assert dependence.components == ((1, 1), (-1, -1))
    assert carried_at(dependence, 1) and not carried_at(dependence, 2)
    i, j = _loops(func)
    assert not is_loop_parallel(i) and is_loop_parallel(j)
    interchange_violation = find_permutation_violation([i, j], [1, 0])
    assert interchange_violation is not None
    assert interchange_violation.components == ((1, 1), (-1, -1))
    assert find_permutation_violation([i, j], [0, 1]) is None
    tiling_violation = find_tiling_violation([i, j])
    assert tiling_violation is not None and tiling_violation.kind is DependenceKind.FLOW
    # The relation pairs exactly the iterations (i, j) -> (i + 1, j - 1), 1 <= i, j <= 8.
    expected = isl.Map("{ [i, j] -> [i + 1, j - 1] : 1 <= i <= 8 and 1 <= j <= 8 }")
    assert dependence.relation.is_equal(expected)


def test_war_raw_waw_kinds_with_stencil_offset() -> None:
    # m[j + 1] is read, then m[j] written: WAR at distance +1 along j, for every i.
    func = _function(
        """
  affine.for %i = 0 to 10 {
    affine.for %j = 0 to 10 {
      %v = affine.load %m[%j + 1] : memref<100xf32>
      affine.store %v, %m[%j] : memref<100xf32>
    }
  }""",
        "%m: memref<100xf32>",
    )
    assert _summary(compute_dependences(func)) == {
        # Read m[j+1] at (i, j), written at (i', j + 1) for i' >= i.
        ("anti", "affine.load", "affine.store", ((0, 9), (1, 1))),
        # Written m[j] at (i, j), read at (i', j - 1) for i' > i.
        ("flow", "affine.store", "affine.load", ((1, 9), (-1, -1))),
        ("output", "affine.store", "affine.store", ((1, 9), (0, 0))),
    }


def test_symbolic_bounds_give_unbounded_components() -> None:
    func = _function(
        """
  affine.for %i = 0 to %n {
    %v = affine.load %A[%i] : memref<?xf32>
    affine.store %v, %A[%i + 3] : memref<?xf32>
    affine.store %v, %A[symbol(%m)] : memref<?xf32>
  }""",
        "%A: memref<?xf32>, %n: index, %m: index",
    )
    summary = _summary(compute_dependences(func))
    # A[i + 3] is read 3 iterations later, whatever %n.
    assert ("flow", "affine.store", "affine.load", ((3, 3),)) in summary
    # A[%m] is written by every iteration: distances up to the unknown trip count; the
    # read of A[%m] comes before it (anti) in iteration %m and later ones.
    assert ("output", "affine.store", "affine.store", ((1, None),)) in summary
    assert ("flow", "affine.store", "affine.load", ((1, None),)) in summary
    assert ("anti", "affine.load", "affine.store", ((0, None),)) in summary


def test_affine_if_restricts_the_domain() -> None:
    # The then branch runs for i >= 5, the else branch for i < 5. The else branch reads
    # A[i + 5] (elements 5..9) before the then branch of iteration i + 5 overwrites it;
    # the then branch reads A[i - 1], written one iteration earlier only from i = 6 on.
    func = _function(
        """
  affine.for %i = 0 to 10 {
    affine.if affine_set<(d0) : (d0 - 5 >= 0)>(%i) {
      %v = affine.load %A[%i - 1] : memref<10xf32>
      affine.store %v, %A[%i] : memref<10xf32>
    } else {
      %w = affine.load %A[%i + 5] : memref<10xf32>
      affine.store %w, %B[%i] : memref<10xf32>
    }
  }""",
        "%A: memref<10xf32>, %B: memref<10xf32>",
    )
    accesses = collect_accesses(func)
    assert [a.domain.count_val().to_python() for a in accesses] == [5, 5, 5, 5]
    dependences = compute_dependences(func)
    assert {(d.kind.value, d.components) for d in dependences} == {
        ("flow", ((1, 1),)),
        ("anti", ((5, 5),)),
    }
    flow = next(d for d in dependences if d.kind is DependenceKind.FLOW)
    assert flow.relation.is_equal(isl.Map("{ [i] -> [i + 1] : 5 <= i <= 8 }"))


def test_vector_accesses_cover_every_lane() -> None:
    func = _function(
        """
  affine.for %i = 0 to 16 step 4 {
    %v = affine.vector_load %A[%i + 1] : memref<20xf32>, vector<4xf32>
    affine.vector_store %v, %A[%i] : memref<20xf32>, vector<4xf32>
  }""",
        "%A: memref<20xf32>",
    )
    load = collect_accesses(func)[0]
    assert load.access.range().count_val().to_python() == 16  # elements 1..16
    summary = _summary(compute_dependences(func))
    # Iteration i writes A[i..i+3]; iteration i - 4 read A[i-3..i]: element i overlaps.
    assert summary == {("anti", "affine.vector_load", "affine.vector_store", ((0, 4),))}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            """
  affine.for %i = 0 to 8 {
    %c0 = arith.constant 0 : index
    %x = memref.load %A[%c0] : memref<8xf32>
    affine.store %x, %A[%i] : memref<8xf32>
  }""",
            "'memref.load' accesses memory outside the affine model",
        ),
        (
            """
  affine.for %i = 0 to 8 {
    %k = arith.muli %i, %i : index
    %x = affine.load %A[%i] : memref<8xf32>
    memref.store %x, %A[%k] : memref<8xf32>
  }""",
            "'memref.store' accesses memory outside the affine model",
        ),
        (
            """
  scf.for %s = %lb to %lb step %lb {
    affine.for %i = 0 to 8 {
      %x = affine.load %A[%i] : memref<8xf32>
    }
  }""",
            "'scf.for' around an affine access is not modelled",
        ),
    ],
)
def test_unmodelled_code_raises(body: str, message: str) -> None:
    func = _function(body, "%A: memref<8xf32>, %lb: index")
    with pytest.raises(NotAffineError, match=message) as error:
        compute_dependences(func)
    assert error.value.op is not None


def test_distinct_arguments_do_not_alias_but_views_may() -> None:
    func = _function(
        """
  affine.for %i = 0 to 8 {
    %x = affine.load %A[%i] : memref<8xf32>
    affine.store %x, %B[%i] : memref<8xf32>
  }""",
        "%A: memref<8xf32>, %B: memref<8xf32>",
    )
    assert compute_dependences(func) == []
    func = _function(
        """
  %V = memref.subview %A[1] [7] [1] : memref<8xf32> to memref<7xf32, strided<[1], offset: 1>>
  affine.for %i = 0 to 7 {
    %x = affine.load %A[%i] : memref<8xf32>
    affine.store %x, %V[%i] : memref<7xf32, strided<[1], offset: 1>>
  }""",
        "%A: memref<8xf32>",
    )
    with pytest.raises(NotAffineError, match="may alias"):
        compute_dependences(func)


def test_domains_model_steps_max_bounds_and_parallel_loops() -> None:
    func = _function(
        """
  affine.parallel (%p, %q) = (0, 0) to (2, 3) {
    affine.for %i = max affine_map<(d0) -> (d0, 1)>(%q) to 10 step 3 {
      %v = affine.load %A[%i] : memref<10xf32>
    }
  }""",
        "%A: memref<10xf32>",
    )
    (access,) = collect_accesses(func)
    assert len(access.loops) == 2 and len(access.ivs) == 3
    # i runs over 1, 4, 7 for q in {0, 1}, over 2, 5, 8 for q = 2; p doubles everything.
    expected = isl.Set(
        "{ [p, q, i] : 0 <= p < 2 and 0 <= q < 3 and i < 10 and "
        "((q <= 1 and (i - 1) mod 3 = 0 and i >= 1) or (q = 2 and (i - 2) mod 3 = 0 and i >= 2)) }"
    )
    assert access.domain.is_equal(expected)
    assert access.domain.count_val().to_python() == 18


def test_band_and_permutation_arguments_are_checked() -> None:
    func = _function(
        """
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 4 {
      %x = affine.load %A[%i, %j] : memref<4x4xf32>
    }
    %y = affine.load %A[%i, %i] : memref<4x4xf32>
  }""",
        "%A: memref<4x4xf32>",
    )
    i, j = _loops(func)
    with pytest.raises(ValueError, match="perfectly nested"):
        find_tiling_violation([i, j])
    with pytest.raises(ValueError, match="not a permutation"):
        find_permutation_violation([j], [1])
