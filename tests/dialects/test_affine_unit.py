"""Unit tests for irkit's affine dialect: the parts that are easy to get subtly wrong."""

from __future__ import annotations

import pytest
from irkit.dialects.affine import (
    ApplyOp,
    ForOp,
    IfOp,
    LoadOp,
    ParallelOp,
    StoreOp,
    YieldOp,
    get_affine_scope,
    is_valid_dim,
    is_valid_symbol,
)
from xdsl.dialects.builtin import IndexType, MemRefType, ModuleOp, UnregisteredOp, f32
from xdsl.dialects.func import FuncOp
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.ir.affine import AffineExpr, AffineMap, AffineSet
from xdsl.utils.exceptions import ParseError, VerifyException

from irkit.affine_syntax import (
    affine_expr_to_str,
    expr_add,
    expr_floordiv,
    expr_mod,
    expr_mul,
    expr_sub,
)
from irkit.diagnostics import OpError, SourceBuffer, UnprefixedVerifyException
from irkit.parsing import LocatedParser, ParseFailure, parse_module
from irkit.printing import print_ir
from irkit.registry import make_context
from irkit.verifier import verify

d0, d1 = AffineExpr.dimension(0), AffineExpr.dimension(1)
s0 = AffineExpr.symbol(0)


def parse(text: str) -> ModuleOp:
    ctx = make_context(allow_unregistered=True)
    return LocatedParser(ctx, SourceBuffer("test.mlir", text)).parse_module()


def print_op(op: Operation, generic: bool = False) -> str:
    return print_ir(op, generic=generic)


def ops_named(root: Operation, name: str) -> list[Operation]:
    def op_name(op: Operation) -> str:
        return op.op_name.data if isinstance(op, UnregisteredOp) else op.name

    return [op for op in root.walk() if op_name(op) == name]


def affine_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "affine." in line]


def first_error(module: ModuleOp) -> tuple[Operation, VerifyException] | None:
    """Verifies in pre-order, like irkit's driver."""
    for op in module.walk():
        try:
            op.verify(verify_nested_ops=False)
        except VerifyException as error:
            return op, error
    return None


def error_message(text: str) -> str:
    found = first_error(parse(text))
    assert found is not None, "expected a verifier error"
    op, error = found
    message = str(error).removeprefix("Operation does not verify: ").strip()
    if isinstance(error, UnprefixedVerifyException):
        return message
    return f"'{op.name}' op {message}"


# ---------------------------------------------------------------------------
# Dimension and symbol classification
# ---------------------------------------------------------------------------

CLASSIFY = """
func.func @f(%A: memref<?xf32>, %n: index, %f: i32) {
  %c0 = arith.constant 0 : index
  %top = arith.addi %n, %n : index
  %cast = arith.index_cast %f : i32 to index
  affine.for %i = 0 to 10 {
    %sum = arith.addi %n, %c0 : index
    %iv2 = arith.addi %i, %i : index
    %ap_dim = affine.apply affine_map<(d0) -> (d0 + 1)>(%i)
    %ap_sym = affine.apply affine_map<()[s0] -> (s0 + 1)>()[%n]
    %mn = affine.min affine_map<(d0) -> (d0, 4)>(%i)
    %dim = memref.dim %A, %c0 : memref<?xf32>
    %lin = affine.linearize_index [%i, %i] by (2, 3) : index
    %inner_cast = arith.index_cast %f : i32 to index
    "test.use"(%sum, %iv2, %ap_dim, %ap_sym, %mn, %dim, %lin, %inner_cast)
      : (index, index, index, index, index, index, index, index) -> ()
  }
  affine.parallel (%p) = (0) to (%n) {
    "test.use"(%p) : (index) -> ()
  }
  return
}
"""


def _classify_values() -> tuple[dict[str, SSAValue], Region | None]:
    module = parse(CLASSIFY)
    values: dict[str, SSAValue] = {}
    func = next(op for op in module.walk() if isinstance(op, FuncOp))
    names = ["A", "n", "f"]
    for name, arg in zip(names, func.body.block.args, strict=True):
        values[name] = arg
    for op in module.walk():
        for result in op.results:
            if result.name_hint:
                values[result.name_hint] = result
    loop = next(op for op in module.walk() if isinstance(op, ForOp))
    values["i"] = loop.induction_var
    par = next(op for op in module.walk() if isinstance(op, ParallelOp))
    values["p"] = par.induction_vars[0]
    use = ops_named(loop, "test.use")[0]
    return values, get_affine_scope(use)


def test_affine_scope_is_the_function_body() -> None:
    values, scope = _classify_values()
    func_block = values["n"].owner
    assert isinstance(func_block, Block)
    assert scope is func_block.parent


@pytest.mark.parametrize(
    ("name", "dim", "symbol"),
    [
        ("n", True, True),  # function argument: top level of the scope
        ("c0", True, True),  # constant
        ("top", True, True),  # defined at the top level
        ("cast", True, True),  # top level, even from a non-index operand
        ("sum", True, True),  # pure op on symbols
        ("i", True, False),  # induction variable
        ("p", True, False),  # affine.parallel induction variable
        ("iv2", False, False),  # arith on an induction variable
        ("ap_dim", True, False),  # affine.apply of a dimension
        ("ap_sym", True, True),  # affine.apply of symbols (pure)
        ("mn", False, False),  # affine.min of a dimension is neither
        ("dim", True, True),  # memref.dim of a top-level memref
        ("lin", True, False),  # linearize_index of dimensions
        ("inner_cast", False, False),  # non-index operand, not top level
        ("f", False, False),  # not an index
        ("A", False, False),  # not an index
    ],
)
def test_dim_and_symbol_rules(name: str, dim: bool, symbol: bool) -> None:
    values, scope = _classify_values()
    assert is_valid_dim(values[name], scope) is dim
    assert is_valid_symbol(values[name], scope) is symbol


def test_one_argument_forms() -> None:
    values, _ = _classify_values()
    assert is_valid_symbol(values["n"])
    assert not is_valid_symbol(values["i"])
    assert is_valid_dim(values["i"])
    assert is_valid_dim(values["n"])
    assert not is_valid_dim(values["iv2"])


def test_symbol_dominating_a_non_scope_region() -> None:
    # %s is defined inside scf.execute_region, which is not an affine scope:
    # it is not a top-level value of the function body, so not a symbol there.
    module = parse(
        """
        func.func @f(%A: memref<?xf32>, %n: index) {
          scf.execute_region {
            %s = arith.muli %n, %n : index
            affine.for %i = 0 to %s {
            }
            scf.yield
          }
          return
        }
        """
    )
    assert first_error(module) is None  # pure op on a symbol is a symbol


def test_block_argument_of_non_affine_loop_is_not_a_symbol() -> None:
    message = error_message(
        """
        func.func @f(%A: memref<?xf32>, %lb: index, %ub: index) {
          scf.for %s = %lb to %ub step %ub {
            affine.for %k = 0 to %s {
            }
          }
          return
        }
        """
    )
    assert message == "'affine.for' op operand cannot be used as a symbol"


# ---------------------------------------------------------------------------
# Index lists: bare %x is a dimension, symbol(%x) a symbol
# ---------------------------------------------------------------------------


def test_bare_ssa_id_is_a_dimension_and_symbol_keyword_a_symbol() -> None:
    module = parse(
        """
        func.func @f(%A: memref<?x?xf32>, %n: index) {
          affine.for %i = 0 to 10 {
            %v = affine.load %A[%i + symbol(%n), %i * 2 - 1] : memref<?x?xf32>
          }
          return
        }
        """
    )
    load = next(op for op in module.walk() if isinstance(op, LoadOp))
    amap = load.affine_map
    assert (amap.num_dims, amap.num_symbols) == (1, 1)
    assert amap.results == (
        expr_add(d0, s0),
        expr_sub(expr_mul(d0, AffineExpr.constant(2)), AffineExpr.constant(1)),
    )
    assert [v.name_hint for v in load.indices] == ["i", "n"]
    assert "affine.load %A[%i + symbol(%n), %i * 2 - 1] : memref<?x?xf32>" in print_op(module)


def test_symbol_of_a_value_already_seen_as_dimension_reuses_the_dimension() -> None:
    module = parse(
        """
        func.func @f(%A: memref<?xf32>, %i: index) {
          %v = affine.load %A[%i * 4 + symbol(%i)] : memref<?xf32>
          return
        }
        """
    )
    load = next(op for op in module.walk() if isinstance(op, LoadOp))
    assert load.affine_map == AffineMap(1, 0, (expr_mul(d0, AffineExpr.constant(5)),))
    assert len(load.indices) == 1


def test_symbols_print_as_symbol_calls_and_dims_first() -> None:
    module = parse(
        """
        func.func @f(%A: memref<?xf32>, %n: index, %m: index) {
          affine.for %i = 0 to 10 {
            affine.store %n, %A[symbol(%m) + %i floordiv 2 - symbol(%n) mod 3] : memref<?xf32>
          }
          return
        }
        """.replace("%n, %A", "%f, %A").replace("%m: index)", "%m: index, %f: f32)")
    )
    store = next(op for op in module.walk() if isinstance(op, StoreOp))
    assert [v.name_hint for v in store.indices] == ["i", "m", "n"]
    assert affine_lines(print_op(module)) == [
        "affine.for %i = 0 to 10 {",
        "affine.store %f, %A[%i floordiv 2 + symbol(%m) - symbol(%n) mod 3] : memref<?xf32>",
    ]


def test_generic_load_prints_symbols_of_its_map() -> None:
    module = parse(
        """
        func.func @f(%A: memref<?xf32>, %i: index, %n: index) {
          %v = "affine.load"(%A, %i, %n) <{map = affine_map<(d0)[s0] -> (d0 - s0)>}>
            : (memref<?xf32>, index, index) -> f32
          return
        }
        """
    )
    assert "affine.load %A[%i - symbol(%n)] : memref<?xf32>" in print_op(module)


def test_non_affine_product_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="non-affine expression"):
        parse(
            """
            func.func @f(%A: memref<?xf32>, %i: index, %j: index) {
              %v = affine.load %A[%i * %j] : memref<?xf32>
              return
            }
            """
        )


# ---------------------------------------------------------------------------
# affine.for bounds
# ---------------------------------------------------------------------------

BOUNDS = """
func.func @f(%a: index, %b: index, %n: index) {
  affine.for %i = 0 to 10 step 2 {
    affine.for %j = %a to %n {
      affine.for %k = max affine_map<(d0)[s0] -> (d0, s0 + 1)>(%i)[%n]
          to min affine_map<(d0, d1) -> (d0 + 8, d1, 100)>(%j, %i) {
        affine.for %l = affine_map<(d0) -> (d0 * 2)>(%k) to -5 {
        }
      }
    }
  }
  return
}
"""


def test_bound_printing() -> None:
    assert affine_lines(print_op(parse(BOUNDS))) == [
        "affine.for %i = 0 to 10 step 2 {",
        "affine.for %j = %a to %n {",
        "affine.for %k = max affine_map<(d0)[s0] -> (d0, s0 + 1)>(%i)[%n] to min "
        "affine_map<(d0, d1) -> (d0 + 8, d1, 100)>(%j, %i) {",
        "affine.for %l = affine_map<(d0) -> (d0 * 2)>(%k) to -5 {",
    ]


def test_bound_maps_in_generic_form() -> None:
    loops = [op for op in parse(BOUNDS).walk() if isinstance(op, ForOp)]
    ssa_bound = loops[1]
    assert ssa_bound.lower_bound_map == AffineMap(0, 1, (s0,))
    assert [v.name_hint for v in ssa_bound.lowerBoundOperands] == ["a"]
    generic = print_op(loops[2], generic=True)
    assert generic.startswith('"affine.for"(%i, %n, %j, %i) <{lowerBoundMap = ')
    assert "operandSegmentSizes = array<i32: 2, 2, 0>, step = 1 : index, upperBoundMap" in generic


def test_multi_result_bound_needs_min_max_prefix() -> None:
    with pytest.raises(ParseError, match="requires 'min' prefix"):
        parse(
            """
            func.func @f(%a: index) {
              affine.for %i = 0 to affine_map<(d0) -> (d0, 4)>(%a) {
              }
              return
            }
            """
        )


def test_negative_step_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="positive signed integer"):
        parse("func.func @f() {\n affine.for %i = 0 to 10 step -1 {\n }\n return\n}\n")


# ---------------------------------------------------------------------------
# Implicit terminators
# ---------------------------------------------------------------------------


def test_implicit_yields_are_inserted_and_elided() -> None:
    text = """
    func.func @f(%n: index) {
      affine.for %i = 0 to 10 {
        affine.if affine_set<(d0) : (d0 - 5 >= 0)>(%i) {
        } else {
          "test.op"() : () -> ()
        }
      }
      affine.parallel (%x, %y) = (0, 0) to (%n, 4) {
      }
      return
    }
    """
    module = parse(text)
    assert first_error(module) is None
    for op in module.walk():
        if isinstance(op, ForOp | IfOp | ParallelOp):
            for region in op.regions:
                if region.blocks:
                    assert isinstance(region.block.last_op, YieldOp)
    custom = print_op(module)
    assert "affine.yield" not in custom
    generic = print_op(module, generic=True)
    assert generic.count('"affine.yield"() : () -> ()') == 4


def test_yields_with_values_are_printed() -> None:
    module = parse(
        """
        func.func @f(%A: memref<10xf32>, %c: f32) -> f32 {
          %r = affine.for %i = 0 to 10 iter_args(%acc = %c) -> (f32) {
            %v = affine.load %A[%i] : memref<10xf32>
            %s = arith.addf %acc, %v : f32
            affine.yield %s : f32
          }
          return %r : f32
        }
        """
    )
    assert affine_lines(print_op(module)) == [
        "%r = affine.for %i = 0 to 10 iter_args(%acc = %c) -> (f32) {",
        "%v = affine.load %A[%i] : memref<10xf32>",
        "affine.yield %s : f32",
    ]


def test_builders_add_terminators_like_mlir() -> None:
    empty = ForOp.from_constant_bounds(0, 8, 2)
    assert isinstance(empty.body.block.last_op, YieldOp)
    init = IfOp(AffineSet(0, 0, ()), ()).then_region.block.last_op
    assert isinstance(init, YieldOp)
    memref = Block(arg_types=[MemRefType(f32, [4])]).args[0]
    with_iter_args = ForOp.from_constant_bounds(0, 8, inits=[Block(arg_types=[f32]).args[0]])
    assert with_iter_args.body.block.last_op is None
    load = LoadOp(memref, [with_iter_args.induction_var])
    assert load.affine_map == AffineMap.identity(1)
    assert load.result.type == f32


# ---------------------------------------------------------------------------
# Verifier messages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "affine.for %k = 0 to 10 {\n %x = arith.addi %k, %k : index\n"
            " %v = affine.load %A[%x] : memref<?xf32>\n}",
            "'affine.load' op operand cannot be used as a dimension id",
        ),
        (
            "affine.for %k = 0 to 10 {\n %v = affine.load %A[symbol(%k)] : memref<?xf32>\n}",
            "'affine.load' op operand cannot be used as a symbol",
        ),
        (
            "affine.for %k = 0 to 10 {\n %v = affine.apply affine_map<()[s0] -> (s0)>()[%k]\n}",
            "dimensional operand cannot be used as a symbol",
        ),
        (
            '%v = "affine.load"(%A, %n, %n) <{map = affine_map<(d0) -> (d0)>}>'
            " : (memref<?xf32>, index, index) -> f32",
            "'affine.load' op expects as many subscripts as affine map inputs",
        ),
        (
            '%v = "affine.load"(%A) <{map = affine_map<() -> ()>}> : (memref<?xf32>) -> f32',
            "'affine.load' op affine map num results must equal memref rank",
        ),
        (
            '%v = "affine.min"(%n) <{map = affine_map<(d0) -> ()>}> : (index) -> index',
            "'affine.min' op affine map expect at least one result",
        ),
        (
            "%r = affine.parallel (%k) = (0) to (10) -> (f32) {\n affine.yield %f : f32\n}",
            "'affine.parallel' op a reduction must be specified for each output",
        ),
        (
            '%r = affine.parallel (%k) = (0) to (10) reduce ("addi") -> (f32) {\n'
            " affine.yield %f : f32\n}",
            "'affine.parallel' op result type cannot match reduction attribute",
        ),
        (
            "%r = affine.if affine_set<() : ()>() -> f32 {\n affine.yield %f : f32\n}",
            "'affine.if' op along control flow edge from parent to parent: region branch "
            "point has 0 operands, but region successor needs 1 inputs",
        ),
        (
            "%r = affine.for %k = 0 to 10 iter_args(%a = %f) -> (f32) {\n"
            " affine.yield %n : index\n}",
            "'affine.yield' op types mismatch between yield op and its parent",
        ),
        (
            "%l = affine.linearize_index [%n] by (2, 3) : index",
            "'affine.linearize_index' op should be passed a basis element for each index "
            "except possibly the first",
        ),
        (
            "%d:2 = affine.delinearize_index %n into (0, 3) : index, index",
            "'affine.delinearize_index' op no basis element may be statically non-positive",
        ),
        (
            '"affine.yield"() : () -> ()',
            "'affine.yield' op only terminates affine.if/for/parallel regions",
        ),
    ],
)
def test_verifier_messages(body: str, message: str) -> None:
    text = "func.func @f(%A: memref<?xf32>, %n: index, %f: f32) {\n" + body + "\n return\n}\n"
    if body.startswith('"affine.yield"'):
        text = "func.func @f(%A: memref<?xf32>, %n: index, %f: f32) {\n" + body + "\n}\n"
    assert error_message(text) == message


def test_region_errors_wait_for_nested_ops() -> None:
    # MLIR verifies affine.for's regions after the ops they contain: the yield's
    # own error comes first.
    message = error_message(
        """
        func.func @f(%i: index) {
          %r = "affine.for"(%i) <{lowerBoundMap = affine_map<() -> (0)>,
              operandSegmentSizes = array<i32: 0, 0, 1>, step = 1 : index,
              upperBoundMap = affine_map<() -> (10)>}> ({
          ^bb0(%iv: index, %x: index):
            "affine.yield"(%iv) : (index) -> ()
          }) : (index) -> f32
          return
        }
        """
    )
    assert message == "'affine.yield' op types mismatch between yield op and its parent"


# ---------------------------------------------------------------------------
# Expressions and generic form
# ---------------------------------------------------------------------------


def test_expressions_simplify_and_print_like_mlir() -> None:
    two, four = AffineExpr.constant(2), AffineExpr.constant(4)
    assert affine_expr_to_str(expr_sub(s0, d0)) == "-d0 + s0"
    assert affine_expr_to_str(expr_sub(d0, expr_mul(expr_floordiv(d0, four), four))) == "d0 mod 4"
    assert affine_expr_to_str(expr_mod(expr_mod(d0, four), two)) == "d0 mod 2"
    assert affine_expr_to_str(expr_mul(expr_add(d0, d1), AffineExpr.constant(-1))) == "-(d0 + d1)"
    assert affine_expr_to_str(expr_add(d0, expr_mul(d1, AffineExpr.constant(-3)))) == "d0 - d1 * 3"
    assert affine_expr_to_str(expr_mul(expr_floordiv(d0, two), AffineExpr.constant(3))) == (
        "(d0 floordiv 2) * 3"
    )


def test_generic_round_trip_keeps_mlir_property_names() -> None:
    text = """
    func.func @f(%A: memref<?xf32>, %n: index) {
      %l = affine.linearize_index disjoint [%n, %n] by (%n, 8) : index
      affine.prefetch %A[%n], write, locality<2>, data : memref<?xf32>
      %p = affine.parallel (%i) = (0) to (10) step (2) reduce ("maximumf") -> (f32) {
        %v = affine.load %A[%i] : memref<?xf32>
        affine.yield %v : f32
      }
      return
    }
    """
    generic = print_op(parse(text), generic=True)
    assert (
        '"affine.linearize_index"(%n, %n, %n) <{disjoint, operandSegmentSizes = '
        "array<i32: 2, 1>, static_basis = array<i64: -9223372036854775808, 8>}>" in generic
    )
    assert (
        "<{isDataCache = true, isWrite = true, localityHint = 2 : i32, map = affine_map<" in generic
    )
    assert "lowerBoundsGroups = dense<1> : tensor<1xi32>, lowerBoundsMap = " in generic
    # As mlir-opt prints them: i64 is left implicit inside arrays.
    assert "reductions = [4], steps = [2], upperBoundsGroups" in generic
    assert print_op(parse(generic), generic=True) == generic
    assert print_op(parse(generic)) == print_op(parse(text))


def test_apply_builder_and_printing() -> None:
    n = Block(arg_types=[IndexType()]).args[0]
    apply = ApplyOp([n], AffineMap(0, 1, (expr_mul(s0, AffineExpr.constant(2)),)))
    assert apply.result.type == IndexType()
    assert "affine.apply affine_map<()[s0] -> (s0 * 2)>()[%" in print_op(apply)


# ---------------------------------------------------------------------------
# Inline maps and the opt-in MLIR affine syntax for attributes
# ---------------------------------------------------------------------------


def test_inline_maps_follow_mlir_expression_rules() -> None:
    module = parse(
        """
        func.func @f(%i: index, %j: index, %n: index) {
          %0 = affine.apply affine_map<(i, j)[s] -> ((i + 1) * 2 + j * s)>(%i, %j)[%n]
          %1 = affine.min affine_map<(d0, d1) -> (d1 + d0, 4)>(%i, %j)
          affine.if affine_set<(d0)[s0] : (d0 <= s0, d0 == 3)>(%i)[%n] {
          }
          return
        }
        """
    )
    assert affine_lines(print_op(module)) == [
        "%0 = affine.apply affine_map<(d0, d1)[s0] -> ((d0 + 1) * 2 + d1 * s0)>(%i, %j)[%n]",
        "%1 = affine.min affine_map<(d0, d1) -> (d0 + d1, 4)>(%i, %j)",
        "affine.if affine_set<(d0)[s0] : (-d0 + s0 >= 0, d0 - 3 == 0)>(%i)[%n] {",
    ]


def test_generic_maps_use_mlir_syntax() -> None:
    # Semi-affine maps parse, and products over sums print as MLIR prints them.
    text = """
    #map = affine_map<(d0)[s0] -> ((d0 + 1) * 2, d0 * s0, d0 - 1)>
    func.func @f(%i: index, %n: index) {
      %0 = "affine.max"(%i, %n) <{map = #map}> : (index, index) -> index
      return
    }
    """
    generic = print_op(parse(text), generic=True)
    assert "map = affine_map<(d0)[s0] -> ((d0 + 1) * 2, d0 * s0, d0 - 1)>" in generic


# ---------------------------------------------------------------------------
# Parse errors: MLIR's wording, location and "custom op" prefix (checked against
# mlir-opt 22). Core-parser errors (tokens, operands, attributes, affine
# expressions) carry no prefix; a wrong-token error is reported just past the
# previous token, on the previous line when the token is missing at a line end.
# ---------------------------------------------------------------------------


def parse_error(body: str, args: str = "") -> str:
    text = f"func.func @f({args}) {{\n{body}\n  return\n}}"
    with pytest.raises(ParseFailure) as info:
        parse_module(make_context(), SourceBuffer("t.mlir", text))
    diagnostic = info.value.diagnostic
    assert diagnostic.location is not None
    return f"{diagnostic.location.line}:{diagnostic.location.column}: {diagnostic.message}"


@pytest.mark.parametrize(
    ("args", "body", "error"),
    [
        (
            "%a: index",
            "  %0 = affine.apply affine_map<(d0) (d0)>(%a)",
            "2:36: expected '->' or ':'",
        ),
        (
            "%a: index",
            "  %0 = affine.apply affine_map<(d0) -> (d0 ** 2)>(%a)",
            "2:45: missing right operand of binary operator",
        ),
        (
            "%a: index",
            "  %0 = affine.apply affine_map<(d0) -> (d0 + mod)>(%a)",
            "2:45: use of undeclared identifier",
        ),
        (
            "%a: index",
            "  %0 = affine.apply affine_map<(d0) : (d0 >= 0)>(%a)",
            "2:32: expected AffineMap, but got IntegerSet",
        ),
        (
            "%a: index",
            "  %0 = affine.apply affine_map<(d0) -> (d0)>(%a, %a)",
            "2:8: custom op 'affine.apply' dimension or symbol index mismatch",
        ),
        (
            "%a: index",
            "  %0 = affine.apply affine_map<(d0) -> (d0)>(%a",
            "2:48: expected ')' in operand list",
        ),
        (
            "%s: index",
            "  affine.for %i = 0 to 10 step %s {\n  }",
            "2:31: expected attribute value",
        ),
        (
            "",
            "  affine.for %i#0 = 0 to 10 {\n  }",
            "2:16: result number not allowed in argument list",
        ),
        ("", "  affine.for i = 0 to 10 {\n  }", "2:13: expected SSA operand"),
        ("", "  affine.for %i = 0 to 10 step 2", "2:33: expected '{' to begin a region"),
        (
            "%t: tensor<4xf32>, %i: index",
            "  %v = affine.load %t[%i] : tensor<4xf32>",
            "2:27: custom op 'affine.load' invalid kind of type specified: "
            "expected builtin.memref, but found 'tensor<4xf32>'",
        ),
        (
            "%m: memref<4xf32>, %i: index",
            "  %v = affine.load %m[%i * %i] : memref<4xf32>",
            "2:26: non-affine expression: at least one of the multiply operands has to be "
            "either a constant or symbolic",
        ),
        (
            "%m: memref<4xf32>, %x: f32",
            "  affine.store %x, %m : memref<4xf32>",
            "2:22: expected '[' in affine map",
        ),
        (
            "",
            "  affine.parallel (%i) = (min(0, 1)) to (10) {\n  }",
            "2:27: use of undeclared identifier",
        ),
    ],
)
def test_parse_errors_match_mlir(args: str, body: str, error: str) -> None:
    assert parse_error(body, args) == error


def test_region_branch_error_carries_its_note() -> None:
    module = parse(
        """
        func.func @f(%a: index, %x: f32) {
          %r = affine.if affine_set<(d0) : (d0 >= 0)>(%a) -> f32 {
            affine.yield %x : f32
          }
          return
        }
        """
    )
    with pytest.raises(OpError) as info:
        verify(module)
    (if_op,) = ops_named(module, "affine.if")
    assert info.value.op is if_op
    assert info.value.text.startswith("'affine.if' op along control flow edge from parent")
    assert info.value.notes == [("region branch point", if_op)]
