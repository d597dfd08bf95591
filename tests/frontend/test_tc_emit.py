"""The `ta` IR the TC front end emits: functions, shapes, comprehensions, types, calls and
locations (docs/ta.md)."""

from __future__ import annotations

import pytest
from irkit.dialects.ta import ComprehensionOp, IndexOp, ReductionKind, YieldOp
from xdsl.dialects import arith, func, tensor
from xdsl.dialects.builtin import (
    AffineMapAttr,
    ArrayAttr,
    DictionaryAttr,
    FileLineColLoc,
    ModuleOp,
    StringAttr,
    TensorType,
)
from xdsl.ir import Operation

from irkit.diagnostics import SourceBuffer
from irkit.frontend import tc
from irkit.parsing import parse_module
from irkit.printing import print_ir
from irkit.registry import make_context
from irkit.verifier import verify

MATMUL = """\
def matmul(float(M, K) A, float(K, N) B) -> (C) {
    C(m, n) +=! A(m, r_k) * B(r_k, n)
}
"""


def function(module: ModuleOp, name: str) -> func.FuncOp:
    return next(op for op in module.ops if isinstance(op, func.FuncOp) and op.sym_name.data == name)


def comprehensions(op: Operation) -> list[ComprehensionOp]:
    return [o for o in op.walk() if isinstance(o, ComprehensionOp)]


def shape_attr(attrs: ArrayAttr[DictionaryAttr], position: int) -> str:
    shape = attrs.data[position].data["ta.shape"]
    assert isinstance(shape, AffineMapAttr)
    return str(shape.data)


def element_type(value: TensorType) -> str:
    return str(value.get_element_type())


def test_matmul_function_signature_and_sizes() -> None:
    matmul = function(tc.parse(MATMUL), "matmul")
    assert [str(t) for t in matmul.function_type.inputs] == ["tensor<?x?xf32>"] * 2
    assert [str(t) for t in matmul.function_type.outputs] == ["tensor<?x?xf32>"]
    assert matmul.attributes["ta.size_vars"] == ArrayAttr([StringAttr(s) for s in "MKN"])
    assert matmul.arg_attrs is not None and matmul.res_attrs is not None
    assert shape_attr(matmul.arg_attrs, 0) == "()[s0, s1, s2] -> (s0, s1)"
    assert shape_attr(matmul.arg_attrs, 1) == "()[s0, s1, s2] -> (s1, s2)"
    assert shape_attr(matmul.res_attrs, 0) == "()[s0, s1, s2] -> (s0, s2)"
    dims = [op for op in matmul.walk() if isinstance(op, tensor.DimOp)]
    assert [d.results[0].name_hint for d in dims] == ["M", "K", "N"]
    assert [(d.source, d.index.owner.value.value.data) for d in dims] == [  # type: ignore[union-attr]
        (matmul.args[0], 0),
        (matmul.args[0], 1),
        (matmul.args[1], 1),
    ]


def test_matmul_comprehension() -> None:
    (op,) = comprehensions(tc.parse(MATMUL))
    assert op.index_names == ("m", "n", "r_k")
    assert op.reduction_kind == ReductionKind.ADD and op.has_identity_init
    assert op.init is None
    assert [str(m.data) for m in op.input_maps] == [
        "(d0, d1, d2)[s0, s1, s2] -> (d0, d2)",
        "(d0, d1, d2)[s0, s1, s2] -> (d2, d1)",
    ]
    assert str(op.output_map.data) == "(d0, d1, d2)[s0, s1, s2] -> (d0, d1)"
    assert [v.name_hint for v in op.sizes] == ["M", "N", "K"]
    body = list(op.body.block.ops)
    assert [o.name for o in body] == ["arith.mulf", "ta.yield"]


def test_static_sizes_need_no_tensor_dim() -> None:
    module = tc.parse(MATMUL, sizes={"M": 2, "K": 3, "N": 4})
    matmul = function(module, "matmul")
    assert [str(t) for t in matmul.function_type.inputs] == ["tensor<2x3xf32>", "tensor<3x4xf32>"]
    assert [str(t) for t in matmul.function_type.outputs] == ["tensor<2x4xf32>"]
    assert matmul.attributes["ta.size_vars"] == ArrayAttr([])
    assert matmul.res_attrs is not None
    assert shape_attr(matmul.res_attrs, 0) == "() -> (2, 4)"
    assert not [op for op in matmul.walk() if isinstance(op, tensor.DimOp)]


def test_partly_static_sizes() -> None:
    module = tc.parse(MATMUL, sizes={"K": 16})
    matmul = function(module, "matmul")
    assert [str(t) for t in matmul.function_type.inputs] == ["tensor<?x16xf32>", "tensor<16x?xf32>"]
    assert matmul.attributes["ta.size_vars"] == ArrayAttr([StringAttr("M"), StringAttr("N")])


def test_constant_dimensions_and_rank_zero_tensors() -> None:
    source = (
        "def f(float(4, N) A, double s) -> (C, t) {\n  C(i, j) = A(i, j) * s\n  t +=! C(i, j)\n}\n"
    )
    f = function(tc.parse(source), "f")
    assert [str(t) for t in f.function_type.inputs] == ["tensor<4x?xf32>", "tensor<f64>"]
    assert [str(t) for t in f.function_type.outputs] == ["tensor<4x?xf64>", "tensor<f64>"]
    assert f.arg_attrs is not None
    assert shape_attr(f.arg_attrs, 0) == "()[s0] -> (4, s0)"
    assert shape_attr(f.arg_attrs, 1) == "()[s0] -> ()"
    scale, total = comprehensions(f)
    assert str(scale.input_maps.data[1].data) == "(d0, d1)[s0] -> ()"
    assert str(total.output_map.data) == "(d0, d1)[s0] -> ()"
    assert total.index_names == ("i", "j")


def test_temporaries_updates_and_output_order() -> None:
    source = """\
def f(float(N, K) A, float(N) b) -> (Out, Max) {
    Max(n) max=! A(n, k)
    T(n) +=! A(n, k)
    T(n) += b(n)
    Out(n) = T(n) / Max(n)
    T(n) = 0 where n in 0:N
}
"""
    f = function(tc.parse(source), "f")
    maximum, total, update, out, reset = comprehensions(f)
    assert maximum.reduction_kind == ReductionKind.MAX and maximum.has_identity_init
    # `+=` without `!` accumulates into the previous value, passed as init.
    assert update.reduction_kind == ReductionKind.ADD and not update.has_identity_init
    assert update.init == total.result
    assert out.inputs[0] == update.result
    # A second `=` to a tensor updates it too.
    assert reset.init == update.result and reset.reduction_kind == ReductionKind.NONE
    (ret,) = [op for op in f.walk() if isinstance(op, func.ReturnOp)]
    assert list(ret.arguments) == [out.result, maximum.result]


def test_index_and_size_values() -> None:
    source = "def f(float(M, N) A) -> (R) {\n  R(m, n) = A(m, n) + m * N + A.0\n}\n"
    (op,) = comprehensions(tc.parse(source))
    body = list(op.body.block.ops)
    indices = [o for o in body if isinstance(o, IndexOp)]
    assert [i.dim_value for i in indices] == [0]
    casts = [o for o in body if isinstance(o, arith.IndexCastOp)]
    assert {str(c.result.type) for c in casts} == {"i32"}
    # m * N is an int32 product, turned into a float once.
    assert [o.name for o in body].count("arith.sitofp") == 2
    assert isinstance(body[-1], YieldOp)


@pytest.mark.parametrize(
    ("declaration", "rhs", "element"),
    [
        ("float(N) A", "A(i) * 2", "f32"),
        ("double(N) A", "A(i) * 2.5", "f64"),
        ("half(N) A", "A(i) + 1.0", "f16"),
        ("int32(N) A", "A(i) * 2", "i32"),
        ("int64(N) A", "A(i) + i", "i64"),
        ("int8(N) A", "A(i) + 1", "i8"),
        ("int32(N) A", "A(i) * 0.5", "f32"),
        ("int32(N) A", "exp(A(i))", "f32"),
        ("double(N) A", "sqrt(A(i)) + 1", "f64"),
        ("float(N) A", "A(i) > 0 ? 1 : 0", "i32"),
        ("float(N) A", "A(i) > 0", "i1"),
        ("float(N) A", "int64(A(i))", "i64"),
        ("float(N) A", "i", "i32"),
        ("uint8(N) A", "A(i) / 2", "i8"),
        ("int8(N) A", "A(i) + int16(1)", "i16"),
        ("float(N) A", "A(i) + double(1)", "f64"),
    ],
)
def test_result_types_follow_tc(declaration: str, rhs: str, element: str) -> None:
    source = f"def f({declaration}) -> (C) {{\n  C(i) = {rhs} where i in 0:N\n}}\n"
    f = function(tc.parse(source), "f")
    (result,) = f.function_type.outputs
    assert isinstance(result, TensorType) and element_type(result) == element


def test_declared_output_type_widens_the_value() -> None:
    source = "def f(float(N) A) -> (double(N) C) {\n  C(i) = A(i) * 2\n}\n"
    (op,) = comprehensions(tc.parse(source))
    assert str(op.result.type) == "tensor<?xf64>"
    assert [o.name for o in op.body.block.ops][-2:] == ["arith.extf", "ta.yield"]


def test_calls_of_other_defs() -> None:
    source = (
        MATMUL
        + "def chain(float(M, K) A, float(K, N) B, float(N, P) Z) -> (AB, ABZ) {\n"
        + "  AB = matmul(A, B)\n  ABZ = matmul(AB, Z)\n}\n"
    )
    chain = function(tc.parse(source), "chain")
    calls = [op for op in chain.walk() if isinstance(op, func.CallOp)]
    assert [c.callee.root_reference.data for c in calls] == ["matmul", "matmul"]
    assert calls[1].arguments[0] == calls[0].results[0]
    assert chain.res_attrs is not None
    assert shape_attr(chain.res_attrs, 1) == "()[s0, s1, s2, s3] -> (s0, s3)"


def test_calls_with_other_static_sizes_use_a_specialisation() -> None:
    source = (
        MATMUL
        + "def chain(float(M, K) A, float(K, N) B, float(N, P) Z) -> (AB, ABZ) {\n"
        + "  AB, = matmul(A, B)\n  ABZ = matmul(AB, Z)\n}\n"
    ).replace("AB, =", "AB =")
    module = tc.parse(source, sizes={"M": 2, "K": 3, "N": 4, "P": 5})
    names = [op.sym_name.data for op in module.ops if isinstance(op, func.FuncOp)]
    assert names == ["matmul", "matmul_M2_K4_N5", "chain"]
    special = function(module, "matmul_M2_K4_N5")
    assert [str(t) for t in special.function_type.inputs] == ["tensor<2x4xf32>", "tensor<4x5xf32>"]
    calls = [op for op in function(module, "chain").walk() if isinstance(op, func.CallOp)]
    assert [c.callee.root_reference.data for c in calls] == ["matmul", "matmul_M2_K4_N5"]


def test_multiple_results_of_a_call() -> None:
    source = """\
def stats(float(N) x) -> (lo, hi) {
    lo min=! x(i)
    hi max=! x(i)
}
def spread(float(N) x) -> (s) {
    lo, hi = stats(x)
    s = hi - lo
}
"""
    spread = function(tc.parse(source), "spread")
    (call,) = [op for op in spread.walk() if isinstance(op, func.CallOp)]
    assert [r.name_hint for r in call.results] == ["lo", "hi"]
    (op,) = comprehensions(spread)
    assert list(op.inputs) == [call.results[1], call.results[0]]


def _location(op: Operation) -> tuple[int, int]:
    assert isinstance(op.location, FileLineColLoc), op
    assert op.location.filename.data == "loc.tc"
    return op.location.line.data, op.location.column.data


def test_every_op_is_located_in_the_tc_source() -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = exp(A(i)) + 1\n}\n"
    module = tc.parse(source, filename="loc.tc")
    f = function(module, "f")
    for op in f.walk():
        _location(op)
    assert _location(f) == (1, 5)
    (dim,) = [op for op in f.walk() if isinstance(op, tensor.DimOp)]
    assert _location(dim) == (1, 13)
    (op,) = comprehensions(f)
    assert _location(op) == (2, 3)
    by_name = {o.name: o for o in op.body.block.ops}
    assert _location(by_name["math.exp"]) == (2, 10)
    assert _location(by_name["arith.addf"]) == (2, 20)
    assert _location(by_name["arith.constant"]) == (2, 22)


def test_printed_ir_parses_back_the_same() -> None:
    source = """\
def f(float(N, H) I, float(KH) W, int32(N) J) -> (O, P) {
    O(n, h) +=! I(n, 2 * h + kh) * W(kh) where kh in 0:KH
    P(n) = J(n) % 3 == 0 ? O(n, 0) : -O(n, O.1 - 1)
}
"""
    module = tc.parse(source)
    text = print_ir(module)
    again = parse_module(make_context(), SourceBuffer("again.mlir", text))
    verify(again)
    assert print_ir(again) == text
