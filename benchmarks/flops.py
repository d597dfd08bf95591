"""Flop counts read from the ``ta`` level of a TC program with every size bound.

The rule, applied to each ``ta.comprehension`` the entry runs (following ``func.call`` into
the TC defs it calls): (number of points of its iteration box) x (arithmetic ops in its
body + 1 when it reduces). A body op counts when it is an ``arith`` or ``math`` op other
than a constant or a type conversion, so ``C(m, n) +=! A(m, r_k) * B(r_k, n)`` counts
M*N*K x (1 mul + 1 add) = 2*M*N*K, and a copy such as a transpose counts 0.
"""

from __future__ import annotations

from math import prod

from irkit.dialects.ta import ComprehensionOp, ReductionKind
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.func import CallOp, FuncOp

FLOP_RULE = (
    "For each `ta.comprehension` the entry runs (following calls into other TC defs): "
    "(number of points of its iteration box) x (arith/math ops in its body, constants and "
    "type conversions excepted, + 1 when it reduces). sgemm counts 2*M*N*K, a 3x3 conv "
    "2*N*K*C*H*W*3*3, a copy 0."
)

# Ops that move or reinterpret a value without computing with it.
UNCOUNTED_OPS = frozenset(
    {
        "arith.constant",
        "arith.index_cast",
        "arith.index_castui",
        "arith.sitofp",
        "arith.uitofp",
        "arith.fptosi",
        "arith.fptoui",
        "arith.extf",
        "arith.truncf",
        "arith.extsi",
        "arith.extui",
        "arith.trunci",
        "arith.bitcast",
    }
)


def body_op_count(comprehension: ComprehensionOp) -> int:
    """The arithmetic ops of one evaluation of the comprehension's scalar body."""
    return sum(
        1
        for op in comprehension.body.walk()
        if op.name.split(".", 1)[0] in ("arith", "math") and op.name not in UNCOUNTED_OPS
    )


def point_count(comprehension: ComprehensionOp) -> int:
    """The number of points of the iteration box; the bounds must be constants."""
    lower_map = comprehension.lower_bounds.data
    upper_map = comprehension.upper_bounds.data
    if lower_map.num_symbols or upper_map.num_symbols:
        raise ValueError(
            "flops are counted on a module with every size bound: parse it with "
            "irkit.frontend.tc.parse(source, sizes=...)"
        )
    lower = lower_map.eval([], [])
    upper = upper_map.eval([], [])
    return prod(max(0, high - low) for low, high in zip(lower, upper, strict=True))


def comprehension_flops(comprehension: ComprehensionOp) -> int:
    reduces = comprehension.reduction_kind != ReductionKind.NONE
    return point_count(comprehension) * (body_op_count(comprehension) + int(reduces))


def count_flops(module: ModuleOp, entry: str) -> int:
    """The flops of one call of ``entry`` in a ta-level ``module`` with static sizes."""
    functions = {op.sym_name.data: op for op in module.ops if isinstance(op, FuncOp)}
    if entry not in functions:
        raise ValueError(f"the module has no function named '{entry}'")
    return _function_flops(functions[entry], functions)


def _function_flops(function: FuncOp, functions: dict[str, FuncOp]) -> int:
    total = 0
    for op in function.body.walk():
        if isinstance(op, ComprehensionOp):
            total += comprehension_flops(op)
        elif isinstance(op, CallOp):
            total += _function_flops(functions[op.callee.root_reference.data], functions)
    return total
