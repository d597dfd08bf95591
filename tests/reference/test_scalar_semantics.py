"""MLIR's semantics of the scalar ``arith`` and ``math`` ops, at both levels.

Each case is one op applied elementwise to arrays, run once inside an affine loop (the
compiled scalar rules) and once inside a ``ta.comprehension`` (the vectorised rules), and
compared with an expectation computed independently: exact rationals for the integer
divisions, numpy's own fixed-width arithmetic for wrap-around, explicit NaN tests for the
float comparisons.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pytest

import irkit.reference

MLIR_DTYPES = {
    "i1": np.bool_,
    "i8": np.int8,
    "i16": np.int16,
    "i32": np.int32,
    "i64": np.int64,
    "index": np.int64,
    "f16": np.float16,
    "f32": np.float32,
    "f64": np.float64,
}


@dataclass
class Case:
    name: str
    op: str
    """The op's line, over operands ``%a``, ``%b``, ``%c`` and result ``%r``."""
    operand_types: Sequence[str]
    result_type: str
    inputs: Sequence[np.ndarray]
    expected: np.ndarray | Callable[..., np.ndarray]
    rtol: float = 0.0

    def expectation(self) -> np.ndarray:
        if callable(self.expected):
            with np.errstate(all="ignore"):  # inf - inf and the like are meant
                return self.expected(*self.inputs)
        return self.expected


def affine_program(case: Case, n: int) -> str:
    names = "abc"[: len(case.operand_types)]
    params = [f"%{x}in: memref<{n}x{t}>" for x, t in zip(names, case.operand_types, strict=True)]
    loads = [
        f"%{x} = affine.load %{x}in[%i] : memref<{n}x{t}>"
        for x, t in zip(names, case.operand_types, strict=True)
    ]
    return f"""
    func.func @f({", ".join(params)}, %out: memref<{n}x{case.result_type}>) {{
      affine.for %i = 0 to {n} {{
        {chr(10).join(loads)}
        {case.op}
        affine.store %r, %out[%i] : memref<{n}x{case.result_type}>
      }}
      return
    }}
    """


def ta_program(case: Case, n: int) -> str:
    names = "abc"[: len(case.operand_types)]
    tensors = [f"tensor<{n}x{t}>" for t in case.operand_types]
    params = [f"%{x}in: {t}" for x, t in zip(names, tensors, strict=True)]
    reads = ", ".join(f"%{x}in[i]" for x in names)
    args = ", ".join(f"%{x}: {t}" for x, t in zip(names, case.operand_types, strict=True))
    result = f"tensor<{n}x{case.result_type}>"
    return f"""
    func.func @f({", ".join(params)}) -> {result} {{
      %out = ta.comprehension (i: 0 to {n}) ins({reads} : {", ".join(tensors)})
          outs[i] -> {result} {{
      ^bb0({args}):
        {case.op}
        ta.yield %r : {case.result_type}
      }}
      return %out : {result}
    }}
    """


def array(values: Sequence[float | int | bool], mlir_type: str) -> np.ndarray:
    return np.array(values, dtype=MLIR_DTYPES[mlir_type])


# --- integer division, exactly -----------------------------------------------------------

I32_MIN, I32_MAX = -(2**31), 2**31 - 1
DIVIDENDS = [-7, 7, -8, 8, 0, -1, I32_MAX, I32_MIN, I32_MAX, 5]
DIVISORS = [3, 3, -3, -3, 5, 2, -2, 3, 1, -1]


def exact(round_quotient: Callable[[Fraction], int], remainder: bool = False) -> np.ndarray:
    results = []
    for a, b in zip(DIVIDENDS, DIVISORS, strict=True):
        quotient = round_quotient(Fraction(a, b))
        results.append(a - b * quotient if remainder else quotient)
    return array(results, "i32")


def unsigned_i32(compute: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    a, b = array(DIVIDENDS, "i32").view(np.uint32), array(DIVISORS, "i32").view(np.uint32)
    return compute(a, b).astype(np.uint32).view(np.int32)


def division_case(name: str, expected: np.ndarray) -> Case:
    return Case(
        name,
        f"%r = arith.{name} %a, %b : i32",
        ["i32", "i32"],
        "i32",
        [array(DIVIDENDS, "i32"), array(DIVISORS, "i32")],
        expected,
    )


DIVISION_CASES = [
    division_case("divsi", exact(math.trunc)),
    division_case("remsi", exact(math.trunc, remainder=True)),
    division_case("floordivsi", exact(math.floor)),
    division_case("ceildivsi", exact(math.ceil)),
    division_case("divui", unsigned_i32(lambda a, b: a // b)),
    division_case("remui", unsigned_i32(lambda a, b: a % b)),
    division_case("ceildivui", unsigned_i32(lambda a, b: a // b + (a % b != 0))),
]

# --- wrap-around and bit operations, with numpy's fixed-width integers ---------------------

I8_A = array([127, -128, 100, -100, 7, -1, 0, 64], "i8")
I8_B = array([1, -1, 100, 29, -9, -1, 5, 2], "i8")
I64_A = array([2**63 - 1, -(2**63), 2**40, -(2**62), 3], "i64")
I64_B = array([1, -1, 2**30, 4, -(2**62)], "i64")
I32_X = array([1, -1, I32_MAX, I32_MIN, 12345, -98765, 7, -8], "i32")
SHIFTS = array([0, 1, 31, 4, 17, 3, 30, 2], "i32")


def binary(name: str, mlir_type: str, a: np.ndarray, b: np.ndarray, expected) -> Case:
    op = f"%r = arith.{name} %a, %b : {mlir_type}"
    return Case(f"{name}-{mlir_type}", op, [mlir_type] * 2, mlir_type, [a, b], expected)


def as_unsigned(a: np.ndarray) -> np.ndarray:
    return a.view(np.dtype(f"uint{a.dtype.itemsize * 8}"))


WRAP_CASES = [
    binary("addi", "i8", I8_A, I8_B, lambda a, b: a + b),
    binary("subi", "i8", I8_A, I8_B, lambda a, b: a - b),
    binary("muli", "i8", I8_A, I8_B, lambda a, b: a * b),
    binary("addi", "i64", I64_A, I64_B, lambda a, b: a + b),
    binary("muli", "i64", I64_A, I64_B, lambda a, b: a * b),
    binary("muli", "index", I64_A, I64_B, lambda a, b: a * b),
    binary("andi", "i32", I32_X, SHIFTS, np.bitwise_and),
    binary("ori", "i32", I32_X, SHIFTS, np.bitwise_or),
    binary("xori", "i32", I32_X, SHIFTS, np.bitwise_xor),
    binary("shli", "i32", I32_X, SHIFTS, np.left_shift),
    binary("shrsi", "i32", I32_X, SHIFTS, np.right_shift),
    binary(
        "shrui",
        "i32",
        I32_X,
        SHIFTS,
        lambda a, b: (as_unsigned(a) >> as_unsigned(b)).view(np.int32),
    ),
    binary("maxsi", "i8", I8_A, I8_B, np.maximum),
    binary("minsi", "i8", I8_A, I8_B, np.minimum),
    binary(
        "maxui", "i8", I8_A, I8_B, lambda a, b: np.maximum(*map(as_unsigned, (a, b))).view(np.int8)
    ),
    binary(
        "minui", "i8", I8_A, I8_B, lambda a, b: np.minimum(*map(as_unsigned, (a, b))).view(np.int8)
    ),
    binary("addi", "i1", array([0, 0, 1, 1], "i1"), array([0, 1, 0, 1], "i1"), np.logical_xor),
    binary("muli", "i1", array([0, 0, 1, 1], "i1"), array([0, 1, 0, 1], "i1"), np.logical_and),
]

CMPI_CASES = [
    Case(
        f"cmpi-{predicate}",
        f"%r = arith.cmpi {predicate}, %a, %b : i8",
        ["i8", "i8"],
        "i1",
        [I8_A, I8_B],
        compare,
    )
    for predicate, compare in [
        ("eq", np.equal),
        ("ne", np.not_equal),
        ("slt", np.less),
        ("sle", np.less_equal),
        ("sgt", np.greater),
        ("sge", np.greater_equal),
        ("ult", lambda a, b: as_unsigned(a) < as_unsigned(b)),
        ("ule", lambda a, b: as_unsigned(a) <= as_unsigned(b)),
        ("ugt", lambda a, b: as_unsigned(a) > as_unsigned(b)),
        ("uge", lambda a, b: as_unsigned(a) >= as_unsigned(b)),
    ]
]

# --- casts -----------------------------------------------------------------------------

F32_VALUES = array([1.5, -1.5, 2.75, -0.25, 1e6, -3e9 / 4, 0.0, 123.456], "f32")


def cast(name: str, source: str, target: str, values: np.ndarray, expected) -> Case:
    op = f"%r = arith.{name} %a : {source} to {target}"
    return Case(f"{name}-{source}-{target}", op, [source], target, [values], expected)


CAST_CASES = [
    cast("extsi", "i8", "i32", I8_A, lambda a: a.astype(np.int32)),
    cast("extui", "i8", "i32", I8_A, lambda a: as_unsigned(a).astype(np.int32)),
    cast("extsi", "i1", "i32", array([0, 1], "i1"), array([0, -1], "i32")),
    cast("extui", "i1", "i32", array([0, 1], "i1"), array([0, 1], "i32")),
    cast("trunci", "i32", "i8", I32_X, lambda a: a.astype(np.int8)),
    cast("trunci", "i32", "i1", I32_X, lambda a: (a & 1).astype(np.bool_)),
    cast("index_cast", "i32", "index", I32_X, lambda a: a.astype(np.int64)),
    cast("index_cast", "index", "i16", I64_A, lambda a: a.astype(np.int16)),
    Case(
        "index_castui",
        '%r = "arith.index_castui"(%a) : (i32) -> index',
        ["i32"],
        "index",
        [I32_X],
        lambda a: as_unsigned(a).astype(np.int64),
    ),
    cast("sitofp", "i32", "f32", I32_X, lambda a: a.astype(np.float32)),
    cast("uitofp", "i32", "f64", I32_X, lambda a: as_unsigned(a).astype(np.float64)),
    cast(
        "sitofp", "i64", "f16", array([1, -2049, 65504, 3], "i64"), lambda a: a.astype(np.float16)
    ),
    cast("fptosi", "f32", "i32", F32_VALUES, lambda a: np.trunc(a).astype(np.int32)),
    cast("fptoui", "f32", "i64", np.abs(F32_VALUES), lambda a: np.trunc(a).astype(np.int64)),
    cast("extf", "f16", "f32", array([0.1, -65504, 1e-7], "f16"), lambda a: a.astype(np.float32)),
    cast("truncf", "f64", "f32", array([0.1, 1e40, 1 / 3], "f64"), lambda a: a.astype(np.float32)),
    cast("truncf", "f32", "f16", F32_VALUES, lambda a: a.astype(np.float16)),
    cast("bitcast", "f32", "i32", F32_VALUES, lambda a: a.view(np.int32)),
    cast("bitcast", "i32", "f32", I32_X, lambda a: a.view(np.float32)),
]

# --- floats ----------------------------------------------------------------------------

NAN, INF = float("nan"), float("inf")
FLOAT_A = [1.0, NAN, 2.0, NAN, -0.0, INF, 3.25, 1e-3]
FLOAT_B = [NAN, 5.0, 2.0, NAN, 0.0, -INF, -7.5, 3e-3]


def ieee_extremum(a: np.ndarray, b: np.ndarray, is_max: bool) -> np.ndarray:
    """IEEE maximum/minimum: NaN wins, and -0 < +0 (which numpy's ignore)."""
    result = np.maximum(a, b) if is_max else np.minimum(a, b)
    both_zero = (a == 0) & (b == 0)
    negative = np.signbit(a) & np.signbit(b) if is_max else np.signbit(a) | np.signbit(b)
    return np.where(both_zero, np.where(negative, -0.0, 0.0), result).astype(a.dtype)


def float_binary(name: str, mlir_type: str, expected, a=FLOAT_A, b=FLOAT_B) -> Case:
    return binary(name, mlir_type, array(a, mlir_type), array(b, mlir_type), expected)


FLOAT_CASES = [
    float_binary(name, mlir_type, compute)
    for mlir_type in ("f16", "f32", "f64")
    for name, compute in [
        ("addf", np.add),
        ("subf", np.subtract),
        ("mulf", np.multiply),
        ("divf", np.divide),
    ]
] + [
    float_binary("maxnumf", "f32", np.fmax),
    float_binary("minnumf", "f32", np.fmin),
    float_binary("maximumf", "f32", lambda a, b: ieee_extremum(a, b, is_max=True)),
    float_binary("minimumf", "f32", lambda a, b: ieee_extremum(a, b, is_max=False)),
    # MLIR ops that xDSL does not define, in the generic form.
    Case(
        "remf",
        '%r = "arith.remf"(%a, %b) : (f64, f64) -> f64',
        ["f64", "f64"],
        "f64",
        [array([7.5, -7.5, 1.0, 5.0], "f64"), array([2.0, 2.0, 0.3, -3.0], "f64")],
        np.fmod,
    ),
    Case(
        "negf",
        "%r = arith.negf %a : f32",
        ["f32"],
        "f32",
        [array(FLOAT_A, "f32")],
        np.negative,
    ),
    Case(
        "select",
        "%r = arith.select %a, %b, %c : f32",
        ["i1", "f32", "f32"],
        "f32",
        [array([1, 0, 1], "i1"), array([1, 2, 3], "f32"), array([4, 5, 6], "f32")],
        array([1, 5, 3], "f32"),
    ),
]


def ordered(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return ~np.isnan(a) & ~np.isnan(b)


CMPF_CASES = [
    Case(
        f"cmpf-{predicate}",
        f"%r = arith.cmpf {predicate}, %a, %b : f32",
        ["f32", "f32"],
        "i1",
        [array(FLOAT_A, "f32"), array(FLOAT_B, "f32")],
        compare,
    )
    for predicate, compare in [
        ("false", lambda a, b: np.zeros(a.shape, np.bool_)),
        ("oeq", lambda a, b: ordered(a, b) & (a == b)),
        ("ogt", lambda a, b: ordered(a, b) & (a > b)),
        ("oge", lambda a, b: ordered(a, b) & (a >= b)),
        ("olt", lambda a, b: ordered(a, b) & (a < b)),
        ("ole", lambda a, b: ordered(a, b) & (a <= b)),
        ("one", lambda a, b: ordered(a, b) & (a != b)),
        ("ord", ordered),
        ("ueq", lambda a, b: ~ordered(a, b) | (a == b)),
        ("ugt", lambda a, b: ~ordered(a, b) | (a > b)),
        ("uge", lambda a, b: ~ordered(a, b) | (a >= b)),
        ("ult", lambda a, b: ~ordered(a, b) | (a < b)),
        ("ule", lambda a, b: ~ordered(a, b) | (a <= b)),
        ("une", lambda a, b: ~ordered(a, b) | (a != b)),
        ("uno", lambda a, b: ~ordered(a, b)),
        ("true", lambda a, b: np.ones(a.shape, np.bool_)),
    ]
]

MATH_X = array([0.5, 1.0, 2.25, 0.1, 3.0, 7.5, 2.5, 0.75], "f32")
MATH_SIGNED = array([-2.5, -0.5, 0.5, 1.5, 2.5, -1.75, 3.49, -0.0], "f32")


def math_unary(name: str, values: np.ndarray, expected, rtol: float = 1e-6) -> Case:
    return Case(
        f"math.{name}", f"%r = math.{name} %a : f32", ["f32"], "f32", [values], expected, rtol
    )


MATH_CASES = [
    math_unary("exp", MATH_X, np.exp),
    math_unary("log", MATH_X, np.log),
    math_unary("sqrt", MATH_X, np.sqrt),
    math_unary("rsqrt", MATH_X, lambda x: 1 / np.sqrt(x.astype(np.float64))),
    math_unary("tanh", MATH_SIGNED, np.tanh),
    math_unary("sin", MATH_SIGNED, np.sin),
    math_unary("cos", MATH_SIGNED, np.cos),
    math_unary("log1p", MATH_X, np.log1p),
    math_unary("expm1", MATH_SIGNED, np.expm1),
    math_unary("absf", MATH_SIGNED, np.abs, rtol=0),
    math_unary("floor", MATH_SIGNED, np.floor, rtol=0),
    math_unary("ceil", MATH_SIGNED, np.ceil, rtol=0),
    math_unary("trunc", MATH_SIGNED, np.trunc, rtol=0),
    math_unary("roundeven", MATH_SIGNED, np.round, rtol=0),
    math_unary("round", MATH_SIGNED, lambda x: np.copysign(np.floor(np.abs(x) + 0.5), x), rtol=0),
    math_unary("erf", MATH_SIGNED, lambda x: np.array([math.erf(v) for v in x.astype(np.float64)])),
    Case(
        "math.powf",
        "%r = math.powf %a, %b : f32",
        ["f32", "f32"],
        "f32",
        [MATH_X, MATH_SIGNED],
        lambda a, b: np.float64(a) ** np.float64(b),
        rtol=1e-6,
    ),
    Case(
        "math.fma",
        "%r = math.fma %a, %b, %c : f32",
        ["f32", "f32", "f32"],
        "f32",
        [MATH_X, MATH_SIGNED, MATH_X],
        lambda a, b, c: a.astype(np.float64) * b + c,
        rtol=1e-6,
    ),
    Case(
        "math.absi",
        "%r = math.absi %a : i8",
        ["i8"],
        "i8",
        [I8_A],
        lambda a: np.abs(a),
    ),
]

CASES = (
    DIVISION_CASES + WRAP_CASES + CMPI_CASES + CAST_CASES + FLOAT_CASES + CMPF_CASES + MATH_CASES
)


def check(case: Case, actual: np.ndarray) -> None:
    expected = case.expectation()
    assert actual.dtype == MLIR_DTYPES[case.result_type]
    if case.rtol:
        np.testing.assert_allclose(actual, expected, rtol=case.rtol)
    else:
        # Bit-exact, NaNs and the sign of zero included.
        np.testing.assert_array_equal(actual, np.asarray(expected).astype(actual.dtype))
        if actual.dtype.kind == "f":
            np.testing.assert_array_equal(np.signbit(actual), np.signbit(expected))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_affine_level(parse, case: Case) -> None:
    n = len(case.inputs[0])
    module = parse(affine_program(case, n))
    check(case, irkit.reference.run(module, "f", *case.inputs))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_ta_level(parse, case: Case) -> None:
    n = len(case.inputs[0])
    module = parse(ta_program(case, n))
    check(case, irkit.reference.run(module, "f", *case.inputs))


def test_f32_arithmetic_rounds_as_f32(parse) -> None:
    """1 + 2^-30 is 1 in f32 but not in f64: each op rounds to its element type."""
    case = Case(
        "addf",
        "%r = arith.addf %a, %b : f32",
        ["f32", "f32"],
        "f32",
        [array([1.0], "f32"), array([2**-30], "f32")],
        array([1.0], "f32"),
    )
    module = parse(affine_program(case, 1))
    assert irkit.reference.run(module, "f", *case.inputs)[0] == np.float32(1.0)


@pytest.mark.parametrize(
    "op, expected",
    [
        ("arith.shli", 0),
        ("arith.shrui", 0),
        ("arith.shrsi", 0),
    ],
)
def test_shift_by_the_width_is_poison_read_as_zero(parse, op: str, expected: int) -> None:
    case = Case(
        op,
        f"%r = {op} %a, %b : i32",
        ["i32", "i32"],
        "i32",
        [array([5, -5], "i32"), array([32, 40], "i32")],
        array([expected, expected], "i32"),
    )
    for program in (affine_program(case, 2), ta_program(case, 2)):
        check(case, irkit.reference.run(parse(program), "f", *case.inputs))
