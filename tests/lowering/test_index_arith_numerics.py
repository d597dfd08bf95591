"""convert-to-llvm of the index dialect (and of the arith and math ops MLIR lowers
specially), run natively through ``irkit.compile`` and compared with Python's own integer
and float arithmetic.

Each kernel applies a list of ops element-wise to int64 (or float) input arrays inside an
affine loop and stores each op's result in one row of the output. The expected rows are
computed in Python on unbounded ints, wrapped to 64 bits, so they are independent of the
lowering: floor division is Python's `//`, ceiling division `-(-a // b)`, and unsigned
ops act on the operands reduced modulo 2**64.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Sequence

import numpy as np
import pytest

import irkit
from irkit.diagnostics import SourceBuffer
from irkit.parsing import parse_module
from irkit.registry import make_context
from irkit.runtime import Kernel

WORD = 2**64
INT64_MIN = -(2**63)


def _signed(value: int) -> int:
    """``value`` wrapped to a signed 64-bit integer."""
    return (value + 2**63) % WORD - 2**63


def _unsigned(value: int) -> int:
    return value % WORD


def _truncating_div(a: int, b: int) -> int:
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


def _compile(text: str) -> Kernel:
    module = parse_module(make_context(), SourceBuffer("<test>", text))
    return irkit.compile(module, opt_level=0)


def _rows_kernel(
    count: int, body_ops: Sequence[str], results: Sequence[str], element: str = "i64"
) -> Kernel:
    """A kernel `(a, b, s) -> out[len(results)][count]`: the body reads `%x`, `%y` (the
    elements of a and b as index) and `%s` (shift amounts, as index) and stores each
    result's i64 value in its row."""
    stores = "\n".join(
        f"    %r{row} = index.casts {name} : index to i64\n"
        f"    affine.store %r{row}, %out[{row}, %i] : memref<{len(results)}x{count}xi64>"
        for row, name in enumerate(results)
    )
    body = "\n".join(f"    {op}" for op in body_ops)
    return _compile(f"""
func.func @kernel(%a: memref<{count}x{element}>, %b: memref<{count}x{element}>,
                  %sh: memref<{count}x{element}>, %out: memref<{len(results)}x{count}xi64>) {{
  affine.for %i = 0 to {count} {{
    %ea = affine.load %a[%i] : memref<{count}x{element}>
    %eb = affine.load %b[%i] : memref<{count}x{element}>
    %es = affine.load %sh[%i] : memref<{count}x{element}>
    %x = index.casts %ea : {element} to index
    %y = index.casts %eb : {element} to index
    %s = index.casts %es : {element} to index
{body}
{stores}
  }}
  return
}}
""")


def _operands() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dividends and divisors of every sign combination, with exact and inexact quotients,
    zero dividends, the extremes of int64, and shift amounts in [0, 64)."""
    rng = np.random.default_rng(7)
    # Not int64 min (MLIR's ceildivs expansion negates the dividend) nor int64 max over -1
    # (it divides max + 1 by -1, which traps, before selecting the other quotient).
    special_a = [0, 0, 7, -7, 7, -7, 6, -6, 6, -6, 1, -1, 2**62, INT64_MIN + 1, 2**63 - 1, -(2**40)]
    special_b = [3, -3, 2, 2, -2, -2, 3, 3, -3, -3, 7, 7, -5, 3, -2, 2**40]
    random_a = rng.integers(INT64_MIN + 1, 2**63 - 1, size=48, dtype=np.int64)
    random_b = rng.integers(-1000, 1000, size=48, dtype=np.int64)
    random_b[random_b == 0] = 1
    a = np.concatenate([np.array(special_a, np.int64), random_a])
    b = np.concatenate([np.array(special_b, np.int64), random_b])
    shifts = rng.integers(0, 64, size=a.size, dtype=np.int64)
    return a, b, shifts


BinaryReference = Callable[[int, int], int]

INDEX_BINARY: dict[str, BinaryReference] = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "divs": _truncating_div,
    "divu": lambda a, b: _unsigned(a) // _unsigned(b),
    "ceildivs": lambda a, b: -(-a // b),
    "ceildivu": lambda a, b: -(-_unsigned(a) // _unsigned(b)),
    "floordivs": lambda a, b: a // b,
    "rems": lambda a, b: a - b * _truncating_div(a, b),
    "remu": lambda a, b: _unsigned(a) % _unsigned(b),
    "maxs": max,
    "maxu": lambda a, b: max(_unsigned(a), _unsigned(b)),
    "mins": min,
    "minu": lambda a, b: min(_unsigned(a), _unsigned(b)),
    "and": lambda a, b: a & b,
    "or": lambda a, b: a | b,
    "xor": lambda a, b: a ^ b,
}

INDEX_SHIFTS: dict[str, BinaryReference] = {
    "shl": lambda a, s: a << s,
    "shrs": lambda a, s: a >> s,
    "shru": lambda a, s: _unsigned(a) >> s,
}

INDEX_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "slt": lambda a, b: a < b,
    "sle": lambda a, b: a <= b,
    "sgt": lambda a, b: a > b,
    "sge": lambda a, b: a >= b,
    "ult": lambda a, b: _unsigned(a) < _unsigned(b),
    "ule": lambda a, b: _unsigned(a) <= _unsigned(b),
    "ugt": lambda a, b: _unsigned(a) > _unsigned(b),
    "uge": lambda a, b: _unsigned(a) >= _unsigned(b),
}


def _check_rows(
    got: np.ndarray, expected_rows: Sequence[Sequence[int]], names: Sequence[str]
) -> None:
    for row, name in enumerate(names):
        expected = np.array([_signed(v) for v in expected_rows[row]], np.int64)
        np.testing.assert_array_equal(got[row], expected, err_msg=f"index.{name}")


def test_index_binary_ops_match_python_integers() -> None:
    a, b, shifts = _operands()
    names = [*INDEX_BINARY, *INDEX_SHIFTS]
    ops = [f"%{name} = index.{name} %x, %y" for name in INDEX_BINARY]
    ops += [f"%{name} = index.{name} %x, %s" for name in INDEX_SHIFTS]
    kernel = _rows_kernel(a.size, ops, [f"%{name}" for name in names])
    got = kernel(a, b, shifts)
    pairs = list(zip(a.tolist(), b.tolist(), strict=True))
    shifted = list(zip(a.tolist(), shifts.tolist(), strict=True))
    expected = [[INDEX_BINARY[name](x, y) for x, y in pairs] for name in INDEX_BINARY]
    expected += [[INDEX_SHIFTS[name](x, s) for x, s in shifted] for name in INDEX_SHIFTS]
    _check_rows(got, expected, names)


def test_index_compare_casts_and_constants() -> None:
    a, b, shifts = _operands()
    b[::3] = a[::3]  # equal operands, for the non-strict predicates
    ops = [f"%c_{name} = index.cmp {name}(%x, %y)" for name in INDEX_COMPARE]
    ops += [f"%{name} = index.castu %c_{name} : i1 to index" for name in INDEX_COMPARE]
    ops += [
        "%narrow_s = index.casts %x : index to i16",
        "%wide_s = index.casts %narrow_s : i16 to index",
        "%narrow_u = index.castu %x : index to i16",
        "%wide_u = index.castu %narrow_u : i16 to index",
        "%big = index.casts %x : index to i128",
        "%back = index.castu %big : i128 to index",
        "%size = index.sizeof",
        "%minus = index.constant -42",
        "%t = index.bool.constant true",
        "%true = index.castu %t : i1 to index",
    ]
    casts = ["wide_s", "wide_u", "back", "size", "minus", "true"]
    names = [*INDEX_COMPARE, *casts]
    kernel = _rows_kernel(a.size, ops, [f"%{name}" for name in names])
    got = kernel(a, b, shifts)
    pairs = list(zip(a.tolist(), b.tolist(), strict=True))
    expected: list[list[int]] = [
        [int(INDEX_COMPARE[name](x, y)) for x, y in pairs] for name in INDEX_COMPARE
    ]
    xs = a.tolist()
    expected += [
        [(x + 2**15) % 2**16 - 2**15 for x in xs],
        [x % 2**16 for x in xs],
        xs,
        [64] * len(xs),
        [-42] * len(xs),
        [1] * len(xs),
    ]
    _check_rows(got, expected, names)


@pytest.mark.parametrize("width", [8, 32])
def test_index_casts_from_narrow_integers(width: int) -> None:
    """casts sign-extends and castu zero-extends an integer narrower than index."""
    values = np.array([0, 1, -1, 5, -(2 ** (width - 1)), 2 ** (width - 1) - 1], f"int{width}")
    element = f"i{width}"
    ops = [f"%u = index.castu %ea : {element} to index"]
    kernel = _rows_kernel(values.size, ops, ["%x", "%u"], element=element)
    got = kernel(values, values, values)
    xs = values.tolist()
    _check_rows(got, [xs, [x % 2**width for x in xs]], ["casts", "castu"])


def _int32_operands() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(11)
    special = [0, 1, -1, 2**31 - 1, -(2**31), 2**31 - 1, -(2**31), 12345, -7]
    partner = [0, -1, -1, 2**31 - 1, -(2**31), 1, -1, -6789, 3]
    a = np.concatenate([special, rng.integers(-(2**31), 2**31, 40)]).astype(np.int32)
    b = np.concatenate([partner, rng.integers(-(2**31), 2**31, 40)]).astype(np.int32)
    return a, b


def test_extended_arith_and_uitofp_match_python_integers() -> None:
    a, b = _int32_operands()
    count = a.size
    rows = [
        "%sum",
        "%carry",
        "%slow",
        "%shigh",
        "%ulow",
        "%uhigh",
    ]
    stores = "\n".join(
        f"    %w{row} = arith.extsi {name} : {'i1' if name == '%carry' else 'i32'} to i64\n"
        f"    affine.store %w{row}, %out[{row}, %i] : memref<{len(rows)}x{count}xi64>"
        for row, name in enumerate(rows)
    )
    kernel = _compile(f"""
func.func @kernel(%a: memref<{count}xi32>, %b: memref<{count}xi32>,
                  %out: memref<{len(rows)}x{count}xi64>, %fout: memref<{count}xf64>) {{
  affine.for %i = 0 to {count} {{
    %x = affine.load %a[%i] : memref<{count}xi32>
    %y = affine.load %b[%i] : memref<{count}xi32>
    %sum, %carry = arith.addui_extended %x, %y : i32, i1
    %slow, %shigh = arith.mulsi_extended %x, %y : i32
    %ulow, %uhigh = arith.mului_extended %x, %y : i32
{stores}
    %f = arith.uitofp %x : i32 to f64
    affine.store %f, %fout[%i] : memref<{count}xf64>
  }}
  return
}}
""")
    got, got_float = kernel(a, b)
    pairs = list(zip(a.tolist(), b.tolist(), strict=True))

    def signed32(value: int) -> int:
        return (value + 2**31) % 2**32 - 2**31

    unsigned = [(x % 2**32, y % 2**32) for x, y in pairs]
    expected = [
        [signed32(x + y) for x, y in unsigned],
        [-int(x + y >= 2**32) for x, y in unsigned],  # i1 true sign-extends to -1
        [signed32(x * y) for x, y in pairs],
        [signed32((x * y) >> 32) for x, y in pairs],
        [signed32(x * y) for x, y in unsigned],
        [signed32((x * y) >> 32) for x, y in unsigned],
    ]
    names = ["addui_extended sum", "addui_extended overflow", "mulsi_extended low"]
    names += ["mulsi_extended high", "mului_extended low", "mului_extended high"]
    _check_rows(got, expected, names)
    np.testing.assert_array_equal(got_float, a.astype(np.uint32).astype(np.float64))


def test_ipowi_and_fpowi_match_python_powers() -> None:
    """ipowi as MLIR defines it for negative exponents: 1/base rounded towards zero."""
    bases = np.array([2, -3, 1, -1, -1, 5, 7, -2, 0, 3, 10, 2, 0], np.int32)
    exponents = np.array([10, 5, -4, -3, -4, 0, -2, 31, 3, 20, 9, 33, 0], np.int32)
    floats = np.array([1.5, -2.0, 0.5, 3.0, -1.25, 2.0, 0.75, 1.1, 9.0, 1.0, 0.5, 2.0, 0.0])
    count = bases.size
    kernel = _compile(f"""
func.func @kernel(%a: memref<{count}xi32>, %n: memref<{count}xi32>, %f: memref<{count}xf64>,
                  %iout: memref<{count}xi32>, %fout: memref<{count}xf64>) {{
  affine.for %i = 0 to {count} {{
    %x = affine.load %a[%i] : memref<{count}xi32>
    %e = affine.load %n[%i] : memref<{count}xi32>
    %y = affine.load %f[%i] : memref<{count}xf64>
    %p = math.ipowi %x, %e : i32
    affine.store %p, %iout[%i] : memref<{count}xi32>
    %q = math.fpowi %y, %e : f64, i32
    affine.store %q, %fout[%i] : memref<{count}xf64>
  }}
  return
}}
""")
    got_int, got_float = kernel(bases, exponents, floats)

    def integer_power(base: int, exponent: int) -> int:
        if exponent >= 0:
            return (base**exponent + 2**31) % 2**32 - 2**31  # wraps as i32
        if base in (1, -1):
            return base ** (-exponent)
        return 0

    expected_int = [
        integer_power(x, e) for x, e in zip(bases.tolist(), exponents.tolist(), strict=True)
    ]
    np.testing.assert_array_equal(got_int, np.array(expected_int, np.int32))
    np.testing.assert_allclose(got_float, floats ** exponents.astype(np.float64), rtol=1e-12)


ASSERT_KERNEL = """
func.func @kernel(%a: memref<4xi32>, %out: memref<4xi32>) {
  %zero = arith.constant 0 : i32
  affine.for %i = 0 to 4 {
    %x = affine.load %a[%i] : memref<4xi32>
    %positive = arith.cmpi sgt, %x, %zero : i32
    cf.assert %positive, "irkit: element is not positive"
    %twice = arith.addi %x, %x : i32
    affine.store %twice, %out[%i] : memref<4xi32>
  }
  return
}
"""


def test_passing_assert_continues() -> None:
    values = np.array([1, 2, 3, 40], np.int32)
    np.testing.assert_array_equal(_compile(ASSERT_KERNEL)(values), values * 2)


def test_failing_assert_prints_its_message_and_aborts() -> None:
    """Run in a child process: the failed assert aborts it, as MLIR's lowering does."""
    script = f"""
import numpy as np
import irkit
from irkit.diagnostics import SourceBuffer
from irkit.parsing import parse_module
from irkit.registry import make_context
module = parse_module(make_context(), SourceBuffer("<test>", {ASSERT_KERNEL!r}))
kernel = irkit.compile(module, opt_level=0)
kernel(np.array([1, -2, 3, 4], np.int32))
print("not aborted", flush=True)
"""
    child = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert child.returncode == -signal.SIGABRT
    assert "irkit: element is not positive" in child.stdout
    assert "not aborted" not in child.stdout
