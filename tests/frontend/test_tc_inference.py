"""TC's range inference: the ranges of the emitted comprehensions, evaluated at concrete
sizes and compared with the largest ranges that keep every read in bounds, found by brute
force."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest
from irkit.dialects.ta import ComprehensionOp
from xdsl.dialects.func import FuncOp

from irkit.frontend import tc


def statements(source: str, name: str) -> list[ComprehensionOp]:
    module = tc.parse(source)
    function = next(op for op in module.ops if isinstance(op, FuncOp) and op.sym_name.data == name)
    return [op for op in function.walk() if isinstance(op, ComprehensionOp)]


def ranges_at(op: ComprehensionOp, sizes: Mapping[str, int]) -> dict[str, tuple[int, int]]:
    """Each index variable's half-open range when the sizes have the given values (the
    size operands are named after their size variables)."""
    symbols = [sizes[value.name_hint or ""] for value in op.sizes]
    lower = op.lower_bounds.data.eval([], symbols)
    upper = op.upper_bounds.data.eval([], symbols)
    return {name: (low, high) for name, low, high in zip(op.index_names, lower, upper, strict=True)}


def largest_range(in_bounds: Callable[[int], bool], search: range) -> tuple[int, int]:
    """The half-open hull of the values in ``search`` that keep every read in bounds."""
    good = [value for value in search if in_bounds(value)]
    return (good[0], good[-1] + 1) if good else (0, 0)


def test_matmul_ranges_are_the_sizes() -> None:
    source = "def mm(float(M, K) A, float(K, N) B) -> (C) {\n  C(m, n) +=! A(m, r) * B(r, n)\n}\n"
    (op,) = statements(source, "mm")
    assert op.index_names == ("m", "n", "r")
    assert ranges_at(op, {"M": 3, "K": 5, "N": 7}) == {"m": (0, 3), "n": (0, 7), "r": (0, 5)}


@pytest.mark.parametrize(("height", "kernel"), [(7, 3), (9, 2), (4, 4), (10, 1)])
def test_convolution_in_two_rounds(height: int, kernel: int) -> None:
    """`kh` is resolved from W in round one; then `h + kh` gives h < H - KH + 1."""
    source = "def conv(float(H) I, float(KH) W) -> (O) {\n  O(h) +=! I(h + kh) * W(kh)\n}\n"
    (op,) = statements(source, "conv")
    got = ranges_at(op, {"H": height, "KH": kernel})
    expected_h = largest_range(
        lambda h: all(0 <= h + kh < height for kh in range(kernel)), range(-20, 20)
    )
    assert got == {"h": expected_h, "kh": (0, kernel)}


@pytest.mark.parametrize(("height", "kernel"), [(9, 3), (8, 3), (5, 1), (6, 2), (3, 3)])
def test_strided_convolution(height: int, kernel: int) -> None:
    source = "def conv(float(H) I, float(KH) W) -> (O) {\n  O(h) +=! I(2 * h + kh) * W(kh)\n}\n"
    (op,) = statements(source, "conv")
    expected_h = largest_range(
        lambda h: all(0 <= 2 * h + kh < height for kh in range(kernel)), range(-20, 20)
    )
    assert ranges_at(op, {"H": height, "KH": kernel})["h"] == expected_h


@pytest.mark.parametrize("size", [1, 2, 5, 6, 11])
def test_intersection_of_two_strided_reads(size: int) -> None:
    """inference.rst's average_pool_2: 2*i < I and 2*i + 1 < I give i < I/2."""
    source = "def pool(float(I) B) -> (A) {\n  A(i) = B(2*i) + B(2*i + 1)\n}\n"
    (op,) = statements(source, "pool")
    expected = largest_range(lambda i: 2 * i >= 0 and 2 * i + 1 < size, range(-20, 20))
    assert ranges_at(op, {"I": size})["i"] == expected


@pytest.mark.parametrize("size", [1, 4, 7])
def test_where_clause_is_eliminated_over_its_range(size: int) -> None:
    """The same pooling with `where k in 0:2`: k's worst cases bound i."""
    source = "def pool(float(I) B) -> (A) {\n  A(i) +=! B(2*i + k) where k in 0:2\n}\n"
    (op,) = statements(source, "pool")
    expected = largest_range(lambda i: all(0 <= 2 * i + k < size for k in (0, 1)), range(-9, 9))
    assert ranges_at(op, {"I": size}) == {"i": expected, "k": (0, 2)}


@pytest.mark.parametrize("size", [1, 3, 8])
def test_index_inside_a_floor_division(size: int) -> None:
    source = "def up(float(I) B) -> (A) {\n  A(i) = B(i / 2)\n}\n"
    (op,) = statements(source, "up")
    expected = largest_range(lambda i: 0 <= i // 2 < size, range(-20, 40))
    assert ranges_at(op, {"I": size})["i"] == expected


@pytest.mark.parametrize("size", [1, 6])
def test_reversed_index(size: int) -> None:
    source = "def rev(float(I) B) -> (A) {\n  A(i) = B(I - 1 - i)\n}\n"
    (op,) = statements(source, "rev")
    assert ranges_at(op, {"I": size})["i"] == (0, size)


def test_exists_clause_gives_the_range() -> None:
    source = "def fill(float(N) A, float c) -> (B) {\n  B(i) = c where exists A(i)\n}\n"
    (op,) = statements(source, "fill")
    assert ranges_at(op, {"N": 6}) == {"i": (0, 6)}
    # The exists read only constrains: the body reads the scalar alone.
    assert len(op.inputs) == 1 and op.input_maps.data[0].data.results == ()


def test_let_binding_is_inlined() -> None:
    source = "def sq(float(N, M) A) -> (B) {\n  B(i) +=! x * x where x = A(i, j)\n}\n"
    (op,) = statements(source, "sq")
    assert ranges_at(op, {"N": 3, "M": 4}) == {"i": (0, 3), "j": (0, 4)}
    assert len(op.inputs) == 1


def test_temporary_shape_bounds_later_reads() -> None:
    source = (
        "def two(float(H) I, float(KH) W) -> (O) {\n"
        "  T(h) +=! I(h + kh) * W(kh)\n"
        "  O(h) = T(h) + T(h + 1)\n"
        "}\n"
    )
    first, second = statements(source, "two")
    sizes = {"H": 10, "KH": 3}
    assert ranges_at(first, sizes)["h"] == (0, 8)
    assert ranges_at(second, sizes)["h"] == (0, 7)


def test_size_expressions_in_where_clauses() -> None:
    source = (
        "def crop(float(N, M) A) -> (B) {\n"
        "  B(i, j) = A(i + 1, j) where i in 0:N - 2, j in 0:A.1 / 2\n"
        "}\n"
    )
    (op,) = statements(source, "crop")
    assert ranges_at(op, {"N": 7, "M": 9}) == {"i": (0, 5), "j": (0, 4)}


def test_static_sizes_make_constant_bounds() -> None:
    source = "def conv(float(H) I, float(KH) W) -> (O) {\n  O(h) +=! I(h + kh) * W(kh)\n}\n"
    module = tc.parse(source, sizes={"H": 9, "KH": 4})
    (op,) = [op for op in module.walk() if isinstance(op, ComprehensionOp)]
    assert not op.sizes
    assert ranges_at(op, {}) == {"h": (0, 6), "kh": (0, 4)}


def test_remainder_in_an_index() -> None:
    """`i % 3` bounds nothing by itself; with a where clause the read stays within 0..2."""
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i % 3) where i in 0:10\n}\n"
    module = tc.parse(source, sizes={"N": 3})
    (op,) = [op for op in module.walk() if isinstance(op, ComprehensionOp)]
    assert str(op.input_maps.data[0].data) == "(d0) -> ((d0 mod 3))"
    assert [op.input_maps.data[0].data.eval([i], [])[0] for i in range(5)] == [0, 1, 2, 0, 1]
