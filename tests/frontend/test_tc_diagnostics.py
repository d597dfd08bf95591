"""The TC front end's diagnostics: each one says what is wrong, at the right place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from irkit.diagnostics import DiagnosedError
from irkit.frontend import tc

# The fixtures of conftest.py: expect_error(source, needle, *fragments, ...) and
# diagnose(source, sizes=None).
Check = Callable[..., Any]


def test_error_is_a_diagnosed_error_that_prints_like_the_tools() -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = D(i)\n}\n"
    with pytest.raises(DiagnosedError) as info:
        tc.parse(source, filename="f.tc")
    assert str(info.value) == ("f.tc:2:10: error: undefined tensor 'D'\n  C(i) = D(i)\n         ^")


# --- syntax ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "needle", "fragments"),
    [
        ("def f(float(N) A) -> (C) {\n  C(i) = A(i) *\n}\n", "}", ["expected an expression"]),
        ("def f(float(N) A) -> (C) {\n  C(i) ? A(i)\n}\n", "?", ["expected an assignment"]),
        ("def f(float(N) A) {\n}\n", "{", ["expected '->'"]),
        ("def f(float(N) A) -> (C) {\n  C(i) = A(i) @ 2\n}\n", "@", ["unexpected character"]),
        ("def f(float(N) A) -> (C) {\n  C(i) = A(i) where\n}\n", "}", ["'exists'"]),
        ("def f(float(N) where) -> (C) {}\n", "where", ["'where' is a keyword"]),
        ("def f(float(N) in) -> (C) {}\n", "in", ["'in' is a keyword"]),
        (
            "def f(float(N) A) -> (C) {\n  C(i) = A(i + 99999999999999999999)\n}\n",
            "999",
            ["too large"],
        ),
    ],
)
def test_syntax_errors_say_what_was_expected(
    source: str, needle: str, fragments: list[str], expect_error: Check
) -> None:
    error = expect_error(source, needle, *fragments)
    # lark's own wording never leaks out.
    assert "Token(" not in error.message and "Expected one of" not in error.message


def test_error_at_end_of_input_points_after_the_last_token(diagnose: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i)\n\n\n"
    error = diagnose(source)
    assert (error.line, error.column) == (2, 14)
    assert (
        error.message == "expected an operator, an identifier, 'where' or '}', found end of input"
    )


def test_two_reduction_operators_are_reported_at_the_second(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) +=! A(i) +=! A(i)\n}\n"
    expect_error(source, "+=!", "unexpected '+=!'", "single", occurrence=2)
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i) = A(i)\n}\n"
    expect_error(source, "=", "unexpected '='", occurrence=2)


# --- names -----------------------------------------------------------------------------------


def test_undefined_tensor_at_its_use(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i) + Bb(i)\n}\n"
    expect_error(source, "Bb", "undefined tensor 'Bb'")


def test_tensor_read_before_it_is_written(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C, D) {\n  C(i) = D(i)\n  D(i) = A(i)\n}\n"
    expect_error(source, "D(i)\n", "'D' is read before it is written")


def test_redefinition_of_a_parameter_notes_the_first(diagnose: Check) -> None:
    source = "def f(float(N) A, float(N) A) -> (C) {\n  C(i) = A(i)\n}\n"
    error = diagnose(source)
    assert (error.line, error.column) == (1, 28)
    assert error.message == "redefinition of 'A'"
    with pytest.raises(tc.TCError) as info:
        tc.parse(source)
    note = info.value.diagnostic.notes[0]
    assert note.location is not None and (note.location.line, note.location.column) == (1, 16)


@pytest.mark.parametrize(
    ("source", "needle", "fragment"),
    [
        ("def f(float(A) A) -> (C) {\n  C(i) = A(i)\n}\n", "A) ->", "redefinition of 'A'"),
        ("def f(float(N) A) -> (A) {\n  A(i) = 1\n}\n", "A) {", "redefinition of 'A'"),
        ("def f(float(N) A) -> (C, C) {\n  C(i) = A(i)\n}\n", "C) {", "redefinition of 'C'"),
        ("def f(float(N) exp) -> (C) {\n  C(i) = 1\n}\n", "exp", "builtin function"),
    ],
)
def test_names_are_defined_once(
    source: str, needle: str, fragment: str, expect_error: Check
) -> None:
    expect_error(source, needle, fragment)


def test_writing_an_input(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  A(i) = 2 * A(i)\n  C(i) = A(i)\n}\n"
    expect_error(source, "A(i) =", "cannot write to 'A'", "immutable")


def test_output_never_written(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C, D) {\n  C(i) = A(i)\n}\n"
    expect_error(source, "D)", "output 'D' is never written")


def test_accumulating_into_a_tensor_without_a_value(expect_error: Check) -> None:
    source = "def f(float(N, K) A) -> (C) {\n  C(i) += A(i, k)\n}\n"
    expect_error(source, "+=", "'+=' accumulates into the current value of 'C'", "'+=!'")


@pytest.mark.parametrize(
    ("source", "needle", "occurrence", "fragment"),
    [
        ("def f(float(N) A) -> (C) {\n  C(i + 1) = A(i)\n}\n", "i + 1", 1, "plain index"),
        ("def f(float(N) A) -> (C) {\n  C(2) = A(0)\n}\n", "2)", 1, "plain index"),
        ("def f(float(N, N) A) -> (C) {\n  C(i, i) = A(i, i)\n}\n", "i)", 1, "appears twice"),
        ("def f(float(N) A) -> (C) {\n  C(N) = A(0)\n}\n", "N) =", 1, "'N' is a size variable"),
    ],
)
def test_left_hand_side_indices_are_distinct_index_variables(
    source: str, needle: str, occurrence: int, fragment: str, expect_error: Check
) -> None:
    expect_error(source, needle, fragment, occurrence=occurrence)


def test_unknown_builtin_with_a_suggestion(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = tanhh(A(i))\n}\n"
    expect_error(source, "tanhh", "unknown builtin function 'tanhh'", "did you mean 'tanh'")


def test_builtin_with_the_wrong_number_of_arguments(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = pow(A(i))\n}\n"
    expect_error(source, "pow", "'pow' takes 2 arguments, but 1 is given")
    source = "def f(float(N) A) -> (C) {\n  C(i) = max(A(i), 1, 2)\n}\n"
    expect_error(source, "max", "'max' takes 2 arguments, but 3 are given")


def test_tc_builtin_without_an_mlir_operation(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = lgamma(A(i))\n}\n"
    expect_error(source, "lgamma", "'lgamma' is not supported")


def test_index_variable_read_but_bound_nowhere(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i) * j\n}\n"
    expect_error(source, "=", "reduction variable 'j'", "does not specify a reduction")
    source = "def f(float(N) A) -> (C) {\n  C(i) +=! A(i) * j\n}\n"
    expect_error(source, "j", "cannot infer the range of 'j'", "where j in")


def test_unknown_scalar_type_with_a_suggestion(expect_error: Check) -> None:
    source = "def f(flaot(N) A) -> (C) {\n  C(i) = A(i)\n}\n"
    expect_error(source, "flaot", "unknown scalar type 'flaot'", "did you mean 'float'")


def test_duplicate_def_notes_the_first(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i)\n}\ndef f(float(N) A) -> (C) {\n}\n"
    expect_error(source, "f(", "redefinition of def 'f'", occurrence=2)


def test_tensor_rank_and_scalar_use(expect_error: Check) -> None:
    source = "def f(float(N, M) A) -> (C) {\n  C(i) +=! A(i)\n}\n"
    expect_error(source, "A(i)", "'A' has 2 dimensions, but 1 index is given")
    source = "def f(float(N, M) A) -> (C) {\n  C(i) = A\n}\n"
    expect_error(source, "A\n", "'A' is a tensor of 2 dimensions")
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i) + A.1\n}\n"
    expect_error(source, "A.1", "'A.1' does not exist")


# --- types -----------------------------------------------------------------------------------


def test_type_mismatch_narrowing_to_a_declared_output(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (int32(N) C) {\n  C(i) = A(i)\n}\n"
    expect_error(
        source, "=", "type mismatch: attempting to assign type float", "narrower type int32"
    )


def test_type_mismatch_updating_an_integer_tensor_with_floats(expect_error: Check) -> None:
    source = "def f(int32(N) A, float(N) B) -> (C) {\n  C(i) = A(i)\n  C(i) += B(i)\n}\n"
    expect_error(source, "+=", "type mismatch", "type float", "narrower type int32")


def test_declared_output_shape_must_match_the_inferred_one(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (float(N) C) {\n  C(i) = A(i) + A(i + 1)\n}\n"
    expect_error(source, "C(i)", "inferred shape of 'C', (N - 1)", "declared shape (N)")


def test_conditions_and_logic_need_booleans(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i) ? 1 : 0\n}\n"
    expect_error(source, "A(i) ?", "expected boolean but found float")
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i) > 0 && A(i)\n}\n"
    expect_error(source, "A(i)\n", "expected boolean but found float")


def test_tensor_indices_are_integers_and_affine(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i + 0.5)\n}\n"
    expect_error(source, "0.5", "expected an integer but found float")
    source = "def f(float(N) A, int32(N) J) -> (C) {\n  C(i) = A(J(i))\n}\n"
    expect_error(source, "J(i))", "tensor indices must be affine")
    source = "def f(float(N) A) -> (C) {\n  C(i) +=! A(i * j)\n}\n"
    expect_error(source, "* j", "tensor indices must be affine")


def test_constant_that_does_not_fit_its_type(expect_error: Check) -> None:
    source = "def f(uint8(N) A) -> (C) {\n  C(i) = A(i) + 300\n}\n"
    expect_error(source, "300", "the constant 300 does not fit in type uint8")


# --- ranges ----------------------------------------------------------------------------------


def test_ambiguous_range_asks_for_a_where_clause(expect_error: Check) -> None:
    source = "def f(float(M, K) A, float(L, N) B) -> (C) {\n  C(m, n) +=! A(m, k) * B(k, n)\n}\n"
    expect_error(source, "k)", "ambiguous range for 'k'", "'K' and 'L'", "where k in <lo>:<hi>")


def test_range_that_cannot_be_inferred_asks_for_a_where_clause(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) +=! A(i + k)\n}\n"
    expect_error(source, "i)", "cannot infer the ranges of 'i' and 'k'", "where")


def test_range_bounded_on_one_side_only(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i % 3)\n}\n"
    expect_error(source, "i)", "the reads that use 'i' do not bound it on both sides")


def test_empty_range(expect_error: Check) -> None:
    source = "def f(float(N) A, float(N) B) -> (C) {\n  C(i) = A(i) + B(i + N)\n}\n"
    expect_error(source, "i)", "inferred an empty range for 'i'")


def test_static_out_of_bounds_access_is_reported_at_the_access(expect_error: Check) -> None:
    source = "def f(float(8) A) -> (C) {\n  C(i) = A(i + 4) where i in 0:10\n}\n"
    expect_error(source, "A(i + 4)", "read of 'A' out of bounds", "[4, 13]", "the size is 8")


def test_out_of_bounds_with_bound_sizes(expect_error: Check) -> None:
    source = "def f(float(N) A, float(M) B) -> (C) {\n  C(i) = A(i) * B(i)  where i in 0:N\n}\n"
    # For N = 6, M = 4 the read of B leaves it; for other sizes it may not.
    expect_error(source, "B(i)", "read of 'B' out of bounds", sizes={"N": 6, "M": 4})
    module, warnings = tc.analyze(source, filename="test.tc")
    assert module is not None and len(warnings) == 1
    assert warnings[0].location is not None and warnings[0].location.column == 17
    assert "for some sizes" in warnings[0].message


def test_symbolic_out_of_bounds_for_every_size(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i + 1) where i in 0:N\n}\n"
    expect_error(source, "A(i + 1)", "'i + 1'", "[1, N]", "the size is N")


def test_negative_start_of_an_output_index(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(10 - i)\n}\n"
    expect_error(source, "i) =", "the range of 'i' starts at -N + 11", "can be negative")


def test_update_beyond_the_tensor(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i) + A(i + 1)\n  C(i) += A(i)\n}\n"
    expect_error(source, "i) +=", "'i' ranges up to N - 1", "whose size is N - 1")


def test_range_bounds_are_size_expressions(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) +=! A(i) where k in 0:i\n}\n"
    expect_error(source, "i\n", "'i' is not a size")


# --- calls -----------------------------------------------------------------------------------

_MATMUL = "def mm(float(M, K) A, float(K, N) B) -> (C) {\n  C(m, n) +=! A(m, k) * B(k, n)\n}\n"


def test_call_to_an_unknown_def(expect_error: Check) -> None:
    source = _MATMUL + "def g(float(M, K) A) -> (D) {\n  D = mml(A, A)\n}\n"
    expect_error(source, "mml", "call to unknown def 'mml'", "did you mean 'mm'")
    source = _MATMUL + "def g(float(M, K) A) -> (D, E) {\n  D, E = nn(A, A)\n}\n"
    expect_error(source, "nn", "call to unknown def 'nn'")


def test_call_with_the_wrong_number_of_arguments_or_results(expect_error: Check) -> None:
    source = _MATMUL + "def g(float(M, K) A) -> (D) {\n  D = mm(A)\n}\n"
    expect_error(source, "mm(A)", "'mm' takes 2 arguments, but 1 is given")
    source = _MATMUL + "def g(float(M, M) A) -> (D, E) {\n  D, E = mm(A, A)\n}\n"
    expect_error(source, "mm(A", "'mm' returns 1 tensor, but 2 are assigned")


def test_call_argument_types_and_sizes(expect_error: Check) -> None:
    source = _MATMUL + "def g(double(M, M) A) -> (D) {\n  D = mm(A, A)\n}\n"
    expect_error(source, "A, A)", "type mismatch: argument 1 of 'mm'", "double")
    source = _MATMUL + "def g(float(P, Q) X, float(R, S) Y) -> (D) {\n  D = mm(X, Y)\n}\n"
    expect_error(source, "Y)\n", "size mismatch: dimension 0 of argument 2", "must be Q")


def test_recursive_call(expect_error: Check) -> None:
    source = "def f(float(N) A) -> (C) {\n  C = f(A)\n}\n"
    expect_error(source, "f(A)", "recursive call to 'f'")


def test_call_inside_an_expression(expect_error: Check) -> None:
    source = _MATMUL + "def g(float(M, M) A) -> (D) {\n  D(i, j) = mm(A, A)\n}\n"
    expect_error(source, "mm(A, A)", "must be a statement of its own")


# --- the sizes argument ----------------------------------------------------------------------


def test_sizes_must_name_size_variables_and_be_positive() -> None:
    source = "def f(float(N) A) -> (C) {\n  C(i) = A(i)\n}\n"
    with pytest.raises(ValueError, match="no def has a size variable named 'Q'"):
        tc.parse(source, sizes={"Q": 3})
    for bad in (0, -3, 2**63, 2.5, True):
        with pytest.raises(ValueError, match="must be an integer from 1"):
            tc.parse(source, sizes={"N": bad})  # type: ignore[dict-item]
