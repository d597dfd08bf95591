"""Quasi-affine expressions: their canonical form, rendering, MLIR form and isl proofs."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from xdsl.ir.affine import AffineSymExpr

from irkit.frontend.tc.linear import Lin, Prover

H, K, N = Lin.var("H"), Lin.var("K"), Lin.var("N")
NAMES = ["H", "K", "N"]


def evaluate(expr: Lin, values: dict[str, int]) -> int:
    """The value of ``expr``, through its MLIR affine form."""
    affine = expr.to_affine(lambda name: AffineSymExpr(NAMES.index(name)), NAMES.index)
    return affine.eval([], [values[name] for name in NAMES])


@pytest.mark.parametrize(
    ("expr", "reference"),
    [
        ((H - 1).floordiv(2) + 1, lambda i, k, n: (i - 1) // 2 + 1),
        ((H - K).floordiv(2) + 1, lambda i, k, n: (i - k) // 2 + 1),
        ((H.scale(6) + K.scale(2) - 7).floordiv(4), lambda i, k, n: (6 * i + 2 * k - 7) // 4),
        ((H + K).mod(3) - N, lambda i, k, n: (i + k) % 3 - n),
        ((-H).floordiv(-2), lambda i, k, n: (-i) // -2),
        ((H - 5).ceildiv(2), lambda i, k, n: -((5 - i) // 2)),
        (H - H.floordiv(2), lambda i, k, n: i - i // 2),
    ],
)
def test_floor_division_keeps_the_value(
    expr: Lin, reference: Callable[[int, int, int], int]
) -> None:
    for i, k, n in itertools.product(range(-7, 8), range(-3, 4), range(2)):
        assert evaluate(expr, {"H": i, "K": k, "N": n}) == reference(i, k, n)


def test_canonical_forms() -> None:
    # Constants inside a floor division lie in [0, divisor); multiples come out.
    assert (H - 1).floordiv(2) + 1 == (H + 1).floordiv(2)
    assert (H - 2).floordiv(2) + 1 == H.floordiv(2)
    assert (H.scale(4) + 2).floordiv(4) == H
    assert (H.scale(2) + 2).floordiv(4) == (H + 1).floordiv(2)
    assert H.floordiv(1) == H and Lin.const(0) == (H - H)
    with pytest.raises(ZeroDivisionError):
        H.floordiv(0)


def test_rendering_in_tc_notation() -> None:
    assert (H - K + 1).render() == "H - K + 1"
    assert ((H - K).floordiv(2) + 1).render() == "(H - K)/2 + 1"
    assert H.mod(3).render() == "H % 3"
    assert ((H + 1).mod(4).scale(2) - N).render() == "-N + 2*((H + 1) % 4)"
    assert Lin.const(-4).render() == "-4"


def test_mlir_form_uses_mod() -> None:
    affine = H.mod(3).to_affine(lambda name: AffineSymExpr(NAMES.index(name)), NAMES.index)
    assert str(affine) == "(s0 mod 3)"


def test_proofs_hold_for_every_size_of_at_least_one() -> None:
    prover = Prover(["H", "K"])
    assert prover.always_le(H.floordiv(2), (H + 1).floordiv(2))
    assert not prover.always_le((H + 1).floordiv(2), H.floordiv(2))
    assert prover.always_le(H - K + 1, H)
    assert not prover.always_le(K, H)
    assert prover.equal((H - 2).floordiv(2) + 1, H.floordiv(2))
    assert prover.never([], [f"{prover.text(K)} < 1"])


def test_bounds_as_one_expression() -> None:
    prover = Prover(["H"])
    text = prover.text(H)
    assert prover.bounds(["x"], ["0 <= floor(v0/2)", f"floor(v0/2) < {text}"], 0) == (
        Lin.const(0),
        H.scale(2) - 1,
    )
    # x < H and x < 5 needs min(H, 5): two pieces, no single expression.
    assert prover.bounds(["x"], ["0 <= v0", f"v0 < {text}", "v0 < 5"], 0) is None
    assert prover.bounds(["x"], ["0 <= v0"], 0) is None
