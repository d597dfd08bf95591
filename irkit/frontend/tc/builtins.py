"""TC's builtin functions (tc/lang/builtins.h, CUDA's float library) and their arities.

Like TC, every builtin computes in floating point: integer arguments are converted, and the
result has the widest float type among the arguments (``float`` when none is a float).
``min`` and ``max`` are TC operators rather than builtins: they keep integer types.
"""

from __future__ import annotations

# The builtins irkit compiles; the emitter maps each one to `math`/`arith` ops.
BUILTINS: dict[str, int] = {
    "acos": 1,
    "acosh": 1,
    "asin": 1,
    "asinh": 1,
    "atan": 1,
    "atan2": 2,
    "atanh": 1,
    "cbrt": 1,
    "ceil": 1,
    "copysign": 2,
    "cos": 1,
    "cosh": 1,
    "erf": 1,
    "exp": 1,
    "exp10": 1,
    "exp2": 1,
    "expm1": 1,
    "fabs": 1,
    "fdim": 2,
    "fdivide": 2,
    "floor": 1,
    "fma": 3,
    "fmax": 2,
    "fmin": 2,
    "hypot": 2,
    "log": 1,
    "log10": 1,
    "log1p": 1,
    "log2": 1,
    "norm3d": 3,
    "norm4d": 4,
    "pow": 2,
    "rcbrt": 1,
    "rhypot": 2,
    "rnorm3d": 3,
    "rnorm4d": 4,
    "round": 1,
    "rsqrt": 1,
    "sin": 1,
    "sinh": 1,
    "sqrt": 1,
    "tan": 1,
    "tanh": 1,
    "trunc": 1,
}

# TC builtins with neither an MLIR `math` op nor an exact expansion in terms of them.
UNSUPPORTED_BUILTINS: frozenset[str] = frozenset(
    {
        "cospi",
        "cyl_bessel_i0",
        "cyl_bessel_i1",
        "erfc",
        "erfcinv",
        "erfcx",
        "erfinv",
        "fmod",
        "j0",
        "j1",
        "lgamma",
        "logb",
        "nextafter",
        "normcdf",
        "normcdfinv",
        "remainder",
        "sinpi",
        "tgamma",
        "y0",
        "y1",
    }
)

# TC's two-operand operators spelt like calls.
MIN_MAX = frozenset({"min", "max"})
