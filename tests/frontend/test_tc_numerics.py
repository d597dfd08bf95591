"""What the emitted scalar code computes, run by the reference executor and compared with
numpy: TC's integer division and remainder (rounding towards negative infinity), its float
remainder, C's conversions, comparisons with NaN, min/max, unsigned arithmetic, and the
builtins that expand to several ops."""

from __future__ import annotations

import numpy as np
import pytest

import irkit.reference
from irkit.frontend import tc

N = 24


def run(source: str, entry: str, *inputs: np.ndarray) -> tuple[np.ndarray, ...]:
    results = irkit.reference.run(tc.parse(source), entry, *inputs)
    return tuple(results) if isinstance(results, tuple | list) else (results,)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(7)


def test_integer_division_and_remainder_round_down(rng: np.random.Generator) -> None:
    source = """\
def divmod(int32(N) A, int32(N) B) -> (Q, R, Q3, R3) {
    Q(i) = A(i) / B(i)
    R(i) = A(i) % B(i)
    Q3(i) = A(i) / 3
    R3(i) = A(i) % -3
}
"""
    a = rng.integers(-100, 100, N).astype(np.int32)
    b = rng.choice([-7, -2, -1, 1, 3, 5], N).astype(np.int32)
    q, r, q3, r3 = run(source, "divmod", a, b)
    np.testing.assert_array_equal(q, np.floor_divide(a, b))
    np.testing.assert_array_equal(r, np.mod(a, b))
    np.testing.assert_array_equal(q3, np.floor_divide(a, 3))
    np.testing.assert_array_equal(r3, np.mod(a, -3))


def test_float_remainder_takes_the_divisor_sign(rng: np.random.Generator) -> None:
    source = "def fmod(float(N) X, float(N) Y) -> (R) {\n  R(i) = X(i) % Y(i)\n}\n"
    x = (10 * rng.standard_normal(N)).astype(np.float32)
    y = rng.choice([-2.5, -1.0, 0.75, 3.0], N).astype(np.float32)
    (r,) = run(source, "fmod", x, y)
    wide = x.astype(np.float64), y.astype(np.float64)
    np.testing.assert_allclose(r, np.mod(*wide).astype(np.float32), rtol=1e-5, atol=1e-5)


def test_unsigned_arithmetic(rng: np.random.Generator) -> None:
    source = "def u(uint8(N) U) -> (C) {\n  C(i) = U(i) / 3 + U(i) % 5 + max(U(i), 200)\n}\n"
    u = rng.integers(0, 256, N).astype(np.uint8)
    # MLIR's integers are signless: the executor takes and gives the bits as int8.
    (c,) = run(source, "u", u.view(np.int8))
    wide = u.astype(np.int64)
    expected = (wide // 3 + wide % 5 + np.maximum(wide, 200)) % 256
    np.testing.assert_array_equal(c.view(np.uint8), expected.astype(np.uint8))


def test_conversions(rng: np.random.Generator) -> None:
    source = """\
def conv(float(N) X, int32(N) A) -> (T, F, B, W) {
    T(i) = int32(X(i))
    F(i) = A(i) * 0.5
    B(i) = bool(A(i)) ? 1 : 0
    W(i) = int64(A(i)) * 3000000000
}
"""
    x = (50 * rng.standard_normal(N)).astype(np.float32)
    a = rng.integers(-3, 4, N).astype(np.int32)
    t, f, b, w = run(source, "conv", x, a)
    np.testing.assert_array_equal(t, np.trunc(x).astype(np.int32))
    np.testing.assert_array_equal(f, (a * 0.5).astype(np.float32))
    np.testing.assert_array_equal(b, (a != 0).astype(np.int32))
    np.testing.assert_array_equal(w, a.astype(np.int64) * 3_000_000_000)


def test_comparisons_min_max_and_logic(rng: np.random.Generator) -> None:
    source = """\
def cmp(float(N) X, float(N) Y, int32(N) A) -> (Ne, Lt, M, L) {
    Ne(i) = X(i) != Y(i) ? 1 : 0
    Lt(i) = X(i) < Y(i) ? 1 : 0
    M(i) = max(A(i), 2) - min(A(i), -A(i))
    L(i) = A(i) > 0 && !(X(i) > Y(i)) || i == 0 ? fmax(X(i), Y(i)) : fmin(X(i), Y(i))
}
"""
    x = rng.standard_normal(N).astype(np.float32)
    y = rng.standard_normal(N).astype(np.float32)
    x[3] = y[5] = np.nan
    a = rng.integers(-5, 5, N).astype(np.int32)
    ne, lt, m, low = run(source, "cmp", x, y, a)
    np.testing.assert_array_equal(ne, (x != y).astype(np.int32))
    np.testing.assert_array_equal(lt, (x < y).astype(np.int32))
    np.testing.assert_array_equal(m, np.maximum(a, 2) - np.minimum(a, -a))
    first = ((a > 0) & ~(x > y)) | (np.arange(N) == 0)
    np.testing.assert_array_equal(low, np.where(first, np.fmax(x, y), np.fmin(x, y)))


def test_expanded_builtins(rng: np.random.Generator) -> None:
    source = """\
def b(double(N) X, double(N) Y, double(N) Z) -> (D, H, R, E, Q, N3, F) {
    D(i) = fdim(X(i), Y(i))
    H(i) = hypot(X(i), Y(i))
    R(i) = rcbrt(Z(i))
    E(i) = exp10(X(i))
    Q(i) = rnorm3d(X(i), Y(i), Z(i))
    N3(i) = norm4d(X(i), Y(i), Z(i), 1)
    F(i) = fma(X(i), Y(i), Z(i)) + copysign(1, X(i)) + atan2(Y(i), Z(i))
}
"""
    x, y = rng.standard_normal(N), rng.standard_normal(N)
    z = rng.uniform(0.5, 4.0, N)
    d, h, r, e, q, n3, f = run(source, "b", x, y, z)
    np.testing.assert_allclose(d, np.where(x > y, x - y, 0.0), rtol=1e-12)
    np.testing.assert_allclose(h, np.hypot(x, y), rtol=1e-12)
    np.testing.assert_allclose(r, 1 / np.cbrt(z), rtol=1e-12)
    np.testing.assert_allclose(e, 10.0**x, rtol=1e-12)
    np.testing.assert_allclose(q, 1 / np.sqrt(x * x + y * y + z * z), rtol=1e-12)
    np.testing.assert_allclose(n3, np.sqrt(x * x + y * y + z * z + 1), rtol=1e-12)
    expected = x * y + z + np.copysign(1.0, x) + np.arctan2(y, z)
    np.testing.assert_allclose(f, expected, rtol=1e-12)


def test_indices_sizes_and_casts_as_values(rng: np.random.Generator) -> None:
    source = """\
def ramp(float(M, N) A) -> (R) {
    R(m, n) = A(m, n) * float(m) + m * N + n - A.0 / 2
}
"""
    a = rng.standard_normal((5, 6)).astype(np.float32)
    (r,) = run(source, "ramp", a)
    m, n = np.meshgrid(np.arange(5), np.arange(6), indexing="ij")
    expected = a.astype(np.float64) * m + (m * 6 + n) + (5 // 2) * -1.0
    np.testing.assert_allclose(r, expected.astype(np.float32), rtol=1e-6)
