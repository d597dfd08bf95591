"""Unit tests of the ta dialect's Python API: the builder, accessors and identities."""

from __future__ import annotations

import math

import pytest
from irkit.dialects.ta import (
    ComprehensionOp,
    ReductionKind,
    YieldOp,
    comprehension_body,
    reduction_identity,
)
from xdsl.dialects import arith
from xdsl.dialects.builtin import (
    DYNAMIC_INDEX,
    IndexType,
    TensorType,
    f32,
    i8,
    i32,
)
from xdsl.ir import Block
from xdsl.ir.affine import AffineExpr, AffineMap

from irkit.printing import print_ir

d0, d1 = AffineExpr.dimension(0), AffineExpr.dimension(1)
s0, s1, s2 = AffineExpr.symbol(0), AffineExpr.symbol(1), AffineExpr.symbol(2)


@pytest.mark.parametrize(
    ("kind", "element_type", "expected"),
    [
        (ReductionKind.ADD, f32, 0),
        (ReductionKind.MUL, i32, 1),
        (ReductionKind.MAX, f32, -math.inf),
        (ReductionKind.MIN, f32, math.inf),
        (ReductionKind.MAX, i8, -128),
        (ReductionKind.MIN, i32, 2**31 - 1),
        (ReductionKind.MAX, IndexType(), -(2**63)),
    ],
)
def test_reduction_identity(kind: ReductionKind, element_type: object, expected: float) -> None:
    assert reduction_identity(kind, element_type) == expected  # type: ignore[arg-type]


def test_no_identity_without_reduction() -> None:
    with pytest.raises(ValueError, match="'none' has no identity"):
        reduction_identity(ReductionKind.NONE, f32)


def _transpose_with_sizes(sizes: list, upper: AffineMap) -> ComprehensionOp:
    tensor = TensorType(f32, [DYNAMIC_INDEX, DYNAMIC_INDEX])
    source = Block(arg_types=[tensor])
    body, block = comprehension_body([tensor])
    block.add_op(YieldOp(block.args[0]))
    return ComprehensionOp(
        indices=["i", "j"],
        lower_bounds=AffineMap(0, len(sizes), (AffineExpr.constant(0),) * 2),
        upper_bounds=upper,
        sizes=sizes,
        inputs=[source.args[0]],
        input_maps=[AffineMap(2, len(sizes), (d1, d0))],
        output_map=AffineMap(2, len(sizes), (d0, d1)),
        result_type=tensor,
        body=body,
    )


def test_builder_numbers_sizes_in_printed_order_and_drops_unused_ones() -> None:
    """Sizes are renumbered in order of first mention, so printing and re-parsing the op
    gives back the same operands; an unused size disappears, a repeated one is merged."""
    a, b, c = (arith.ConstantOp.from_int_and_width(v, IndexType()) for v in (4, 5, 6))
    upper = AffineMap(0, 3, (s2, s0 + s2))
    op = _transpose_with_sizes([a.result, b.result, c.result], upper)
    assert list(op.sizes) == [c.result, a.result]
    assert op.upper_bounds.data == AffineMap(0, 2, (s0, s1 + s0))
    assert op.input_maps.data[0].data.num_symbols == 2

    merged = _transpose_with_sizes([a.result, a.result], AffineMap(0, 2, (s0, s1)))
    assert list(merged.sizes) == [a.result]
    assert merged.upper_bounds.data == AffineMap(0, 1, (s0, s0))


def test_accessors() -> None:
    a = arith.ConstantOp.from_int_and_width(4, IndexType())
    op = _transpose_with_sizes([a.result], AffineMap(0, 1, (s0, s0)))
    assert op.index_names == ("i", "j")
    assert op.reduction_kind == ReductionKind.NONE
    assert not op.has_identity_init
    assert op.output_dims == (0, 1)
    assert op.reduction_dims == ()
    assert op.result_size(1) == s0
    assert op.yielded is op.body.block.args[0]
    assert "ta.comprehension (i: 0 to %1, j: 0 to %1) ins(%2[j, i] " in print_ir(op)
