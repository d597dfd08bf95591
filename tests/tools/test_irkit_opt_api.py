"""Unit tests of irkit-opt's building blocks: pass options, textual pass pipelines, and the
``expected-*`` comments of ``--verify-diagnostics``."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

from irkit.diagnostics import Diagnostic, Severity, SourceBuffer, SourceLocation
from irkit.pass_pipeline import (
    OpPipeline,
    PassEntry,
    PipelineError,
    parse_pass_options,
    parse_pipeline,
    parse_top_level_pipeline,
)
from irkit.registry import Registry, default_registry
from irkit.verify_diagnostics import (
    DiagnosticVerifier,
    Expectation,
    VerificationError,
    parse_expectations,
)

# ---------------------------------------------------------------------------------------------
# parse_pass_options


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        ("   ", {}),
        ("tile-sizes=32,32", {"tile-sizes": (32, 32)}),
        ("tile-sizes={32,32}", {"tile-sizes": (32, 32)}),
        ("separate", {"separate": (True,)}),
        ("flag=true other=false", {"flag": (True,), "other": (False,)}),
        (
            "n=-3 m=+4 x=1.5 y=.5 z=2.5e3",
            {"n": (-3,), "m": (4,), "x": (1.5,), "y": (0.5,), "z": (2500.0,)},
        ),
        ("name=foo", {"name": ("foo",)}),
        ('name="a b"', {"name": ("a b",)}),
        ("name='x,y'", {"name": ("x,y",)}),
        ('name="a=b c" k=1', {"name": ("a=b c",), "k": (1,)}),
        ('name="1"', {"name": ("1",)}),
        ("name=", {"name": ("",)}),
        ("  a=1 \t b=2\n c  ", {"a": (1,), "b": (2,), "c": (True,)}),
        ("a=1 a=2", {"a": (2,)}),
    ],
)
def test_parse_pass_options(text: str, expected: dict[str, tuple[object, ...]]) -> None:
    assert parse_pass_options(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("=1", "missing option name"),
        ('name="unterminated', "unbalanced"),
        ("name='unterminated", "unbalanced"),
        ("sizes={1,2", "unbalanced"),
        ("sizes=1,2}", "unbalanced"),
        ("a=(", "unbalanced"),
    ],
)
def test_parse_pass_options_errors(text: str, message: str) -> None:
    with pytest.raises(PipelineError, match=message):
        parse_pass_options(text)


# ---------------------------------------------------------------------------------------------
# parse_pipeline / parse_top_level_pipeline


@dataclass(frozen=True)
class TilePass(ModulePass):
    """Test only: a pass with options of every kind."""

    name = "test-tile"

    tile_sizes: tuple[int, ...] = ()
    label: str = "none"
    separate: bool = False
    factor: float = 1.0
    depth: int = 0

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        pass


@pytest.fixture
def registry() -> Registry:
    """The default passes, plus a pass with options (none of the shipped passes has any)."""
    registry = Registry()
    for name, factory in default_registry().passes.items():
        registry.register_pass(name, factory)
    registry.register_pass("test-tile", lambda: TilePass)
    return registry


def _shape(pipeline: OpPipeline) -> object:
    """A pipeline as nested tuples of names, for compact comparisons."""
    return (
        pipeline.anchor,
        [e.name if isinstance(e, PassEntry) else _shape(e) for e in pipeline.elements],
    )


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("", ("builtin.module", [])),
        ("cse", ("builtin.module", ["cse"])),
        ("cse,canonicalize", ("builtin.module", ["cse", "canonicalize"])),
        (" cse , canonicalize ", ("builtin.module", ["cse", "canonicalize"])),
        ("cse{},canonicalize{ }", ("builtin.module", ["cse", "canonicalize"])),
        ("func.func(cse)", ("builtin.module", [("func.func", ["cse"])])),
        ("func.func()", ("builtin.module", [("func.func", [])])),
        (
            "func.func(cse,canonicalize),cse",
            ("builtin.module", [("func.func", ["cse", "canonicalize"]), "cse"]),
        ),
        (
            "builtin.module(func.func(scf.for(cse)),any(canonicalize))",
            (
                "builtin.module",
                [
                    (
                        "builtin.module",
                        [("func.func", [("scf.for", ["cse"])]), ("any", ["canonicalize"])],
                    )
                ],
            ),
        ),
        (
            'func.func(test-tile{tile-sizes=32,32 label="a,b"},cse)',
            ("builtin.module", [("func.func", ["test-tile", "cse"])]),
        ),
    ],
)
def test_parse_pipeline_shape(registry: Registry, text: str, shape: object) -> None:
    assert _shape(parse_pipeline(registry, text)) == shape


def test_parse_pipeline_anchor_argument(registry: Registry) -> None:
    pipeline = parse_pipeline(registry, "cse", anchor="func.func")
    assert _shape(pipeline) == ("func.func", ["cse"])


def test_passes_iterates_nested_pipelines_in_order(registry: Registry) -> None:
    pipeline = parse_pipeline(registry, "cse,func.func(canonicalize,any(dce)),test-tile")
    assert [entry.name for entry in pipeline.passes()] == [
        "cse",
        "canonicalize",
        "dce",
        "test-tile",
    ]


def test_pass_instances_are_of_the_registered_class(registry: Registry) -> None:
    entry = parse_pipeline(registry, "test-tile").elements[0]
    assert isinstance(entry, PassEntry)
    assert entry.instance == TilePass()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("tile-sizes=32,32", TilePass(tile_sizes=(32, 32))),
        ("tile-sizes={1,2,3}", TilePass(tile_sizes=(1, 2, 3))),
        ("tile-sizes=7", TilePass(tile_sizes=(7,))),
        ("separate", TilePass(separate=True)),
        ("separate=false", TilePass(separate=False)),
        ("separate=true depth=-3", TilePass(separate=True, depth=-3)),
        ("factor=2.5", TilePass(factor=2.5)),
        ('label="a b"', TilePass(label="a b")),
        ("label='x,y'", TilePass(label="x,y")),
        ('label="a}b"', TilePass(label="a}b")),
        ('label="a=b c" tile-sizes=4,8', TilePass(label="a=b c", tile_sizes=(4, 8))),
        ("label=plain", TilePass(label="plain")),
    ],
)
def test_pass_options_reach_the_pass(registry: Registry, options: str, expected: TilePass) -> None:
    entry = parse_pipeline(registry, f"test-tile{{{options}}}").elements[0]
    assert isinstance(entry, PassEntry)
    assert entry.instance == expected


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # MLIR types an option's value by the option: a string option takes "1" or "true"
        # as text, and a floating-point option takes an integer literal.
        ("label=1", TilePass(label="1")),
        ("label=true", TilePass(label="true")),
        ("label=2.5", TilePass(label="2.5")),
        ("factor=2", TilePass(factor=2.0)),
    ],
)
def test_pass_option_values_are_typed_by_the_option(
    registry: Registry, options: str, expected: TilePass
) -> None:
    entry = parse_pipeline(registry, f"test-tile{{{options}}}").elements[0]
    assert isinstance(entry, PassEntry)
    assert entry.instance == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no-such-pass", "'no-such-pass' does not refer to a registered pass"),
        ("func.func(cse,no-such-pass)", "'no-such-pass' does not refer to a registered pass"),
        ("cse{bogus=1}", "invalid options for pass 'cse'"),
        ("test-tile{depth=abc}", "invalid options for pass 'test-tile'"),
        ("test-tile{tile-sizes=a,b}", "invalid options for pass 'test-tile'"),
        ("test-tile{no-such-option=1}", "invalid options for pass 'test-tile'"),
        ("cse,", "expected a pass or an op name"),
        (",cse", "expected a pass or an op name"),
        ("cse,,cse", "expected a pass or an op name"),
        ("(cse)", "expected a pass or an op name"),
        ("1cse", "expected a pass or an op name"),
        ("cse junk", "unexpected 'junk' after 'cse'"),
        ("func.func(cse)x", "unexpected"),
        ("func.func(cse", "unbalanced"),
        ("cse)", "unbalanced"),
        ("cse{a=1}}", "unbalanced"),
        ('test-tile{label="x}', "unbalanced"),
    ],
)
def test_parse_pipeline_errors(registry: Registry, text: str, message: str) -> None:
    with pytest.raises(PipelineError, match=message):
        parse_pipeline(registry, text)


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("builtin.module(cse)", ("builtin.module", ["cse"])),
        (" builtin.module( cse ) ", ("builtin.module", ["cse"])),
        ("builtin.module()", ("builtin.module", [])),
        ("any(cse)", ("builtin.module", ["cse"])),
        (
            "builtin.module(func.func(cse),canonicalize)",
            ("builtin.module", [("func.func", ["cse"]), "canonicalize"]),
        ),
    ],
)
def test_parse_top_level_pipeline(registry: Registry, text: str, shape: object) -> None:
    assert _shape(parse_top_level_pipeline(registry, text)) == shape


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "must be anchored on an op"),
        ("cse", "must be anchored on an op"),
        ("cse,canonicalize", "must be anchored on an op"),
        ("builtin.module(cse", "must be anchored on an op|unbalanced"),
        ("func.func(cse)", "can't run 'func.func' pass manager on 'builtin.module' op"),
        ("builtin.module(no-such-pass)", "does not refer to a registered pass"),
    ],
)
def test_parse_top_level_pipeline_errors(registry: Registry, text: str, message: str) -> None:
    with pytest.raises(PipelineError, match=message):
        parse_top_level_pipeline(registry, text)


# ---------------------------------------------------------------------------------------------
# parse_expectations


def _expectations(text: str, first: int = 1, last: int | None = None) -> list[Expectation]:
    buffer = SourceBuffer("t.mlir", text)
    last = text.count("\n") + 1 if last is None else last
    return parse_expectations(buffer, first, last)


def _summary(expectations: list[Expectation]) -> list[tuple[str, str, int | None, str]]:
    return [(str(e.severity), e.text, e.line, str(e.location)) for e in expectations]


def test_every_severity_on_its_own_line() -> None:
    text = (
        "a // expected-error {{e}}\n"
        "b // expected-warning {{w}}\n"
        "c // expected-remark {{r}}\n"
        "d // expected-note {{n}}\n"
    )
    assert _summary(_expectations(text)) == [
        ("error", "e", 1, "t.mlir:1:6"),
        ("warning", "w", 2, "t.mlir:2:6"),
        ("remark", "r", 3, "t.mlir:3:6"),
        ("note", "n", 4, "t.mlir:4:6"),
    ]


def test_offsets() -> None:
    text = (
        "// expected-error@+2 {{two below}}\n"  # line 1 -> 3
        "op2\n"
        "op3\n"
        "// expected-error@-1 {{one above}}\n"  # line 4 -> 3
        "// expected-error@+0 {{here}}\n"  # line 5 -> 5
        "// expected-error@-10 {{far}}\n"  # line 6 -> -4: never matches, never rejected
    )
    assert [(e.text, e.line) for e in _expectations(text)] == [
        ("two below", 3),
        ("one above", 3),
        ("here", 5),
        ("far", -4),
    ]


def test_above_is_the_closest_line_without_a_designator() -> None:
    text = (
        "op1\n"
        "op2 // expected-remark {{on op2}}\n"  # a designator line: skipped by @above
        "// expected-error@above {{a}}\n"
        "// expected-note@above {{b}}\n"
        "// a plain comment\n"
        "// expected-warning@above {{c}}\n"
    )
    assert [(e.text, e.line) for e in _expectations(text)] == [
        ("on op2", 2),
        ("a", 1),
        ("b", 1),
        ("c", 5),
    ]


def test_below_is_the_closest_line_without_a_designator() -> None:
    text = (
        "// expected-error@below {{a}}\n"
        "// expected-note@below {{b}}\n"
        "op3 // expected-remark {{on op3}}\n"  # a designator line: skipped by @below
        "op4\n"
        "// expected-warning@below {{c}}\n"
        "\n"  # an empty line counts
    )
    assert [(e.text, e.line) for e in _expectations(text)] == [
        ("a", 4),
        ("b", 4),
        ("on op3", 3),
        ("c", 6),
    ]


def test_unknown_has_no_line() -> None:
    (expectation,) = _expectations("// expected-error@unknown {{nowhere}}\nop\n")
    assert expectation.line is None
    assert expectation.text == "nowhere"
    assert str(expectation.location) == "t.mlir:1:4"


def test_spaces_around_the_designator() -> None:
    text = "op1\n// expected-error  @above   {{spaced}}  \nop3 // expected-error{{tight}}\n"
    assert [(e.text, e.line) for e in _expectations(text)] == [("spaced", 1), ("tight", 3)]


def test_text_is_everything_between_the_outer_braces() -> None:
    (expectation,) = _expectations("op // expected-error {{'op' says {{x}} and }}\n")
    assert expectation.text == "'op' says {{x}} and "
    assert expectation.pattern is None
    assert expectation.matches("the 'op' says {{x}} and more")
    assert not expectation.matches("the 'op' says x and more")


def test_regex_form() -> None:
    (expectation,) = _expectations("op // expected-error-re {{value {{[0-9]+}} (too) big.}}\n")
    assert expectation.text == "value {{[0-9]+}} (too) big."
    assert expectation.pattern is not None
    assert expectation.matches("value 42 (too) big.")
    assert expectation.matches("the value 7 (too) big. indeed")
    # Outside {{...}} the text is literal: parentheses and dots are plain characters.
    assert not expectation.matches("value 42 too big.")
    assert not expectation.matches("value 42 (too) bigX")
    assert not expectation.matches("value x (too) big.")


def test_regex_form_with_anchors_and_designator() -> None:
    (expectation,) = _expectations("// expected-warning-re@+1 {{{{^}}exact{{$}}}}\nop\n")
    assert expectation.severity is Severity.WARNING
    assert expectation.line == 2
    assert expectation.matches("exact")
    assert not expectation.matches("not exact")
    assert not expectation.matches("exactly")


def test_only_the_given_lines_are_read() -> None:
    text = (
        "op1 // expected-error {{first piece}}\n"
        "// -----\n"
        "op3\n"
        "// expected-error@above {{second piece}}\n"
    )
    assert [(e.text, e.line) for e in _expectations(text, 3, 4)] == [("second piece", 3)]
    assert [(e.text, e.line) for e in _expectations(text, 1, 1)] == [("first piece", 1)]


def test_lines_that_are_not_expectations_are_ignored() -> None:
    text = (
        "// expected-error without braces\n"
        "// expected-failure {{not a severity}}\n"
        "// expected-error@+x {{bad offset}}\n"
        "// expected-error {{unterminated\n"
        "// expect-error {{typo}}\n"
    )
    assert _expectations(text) == []


@pytest.mark.parametrize(
    ("text", "message", "location"),
    [
        ("// expected-error@above {{nothing above}}\nop\n", "no line above", "t.mlir:1:4"),
        ("op\n// expected-error@below {{nothing below}}", "no line below", "t.mlir:2:4"),
        ("op // expected-error-re {{a{{(}}b}}\n", "invalid regex", "t.mlir:1:7"),
    ],
)
def test_expectation_errors(text: str, message: str, location: str) -> None:
    with pytest.raises(VerificationError, match=message) as raised:
        _expectations(text)
    assert str(raised.value.location) == location


# ---------------------------------------------------------------------------------------------
# DiagnosticVerifier


def _diagnostic(severity: Severity, message: str, line: int | None) -> Diagnostic:
    location = None if line is None else SourceLocation("t.mlir", line, 1)
    return Diagnostic(severity, message, location)


def _failures(verifier: DiagnosticVerifier) -> list[str]:
    return [f"{diagnostic.location}: {diagnostic.message}" for diagnostic, _ in verifier.finish()]


def test_verifier_matches_severity_line_and_text() -> None:
    text = (
        "op1\n"
        "// expected-error@above {{boom}}\n"
        "// expected-note@above {{because}}\n"
        "// expected-warning@unknown {{somewhere}}\n"
    )
    verifier = DiagnosticVerifier(_expectations(text))
    error = _diagnostic(Severity.ERROR, "a boom here", 1)
    error.attach_note("because of that")
    verifier(error)
    verifier(_diagnostic(Severity.WARNING, "from somewhere", None))
    assert _failures(verifier) == []


def test_verifier_reports_missing_unexpected_and_near_misses() -> None:
    text = "op1 // expected-error {{never}}\nop2 // expected-warning {{mild}}\nop3\n"
    verifier = DiagnosticVerifier(_expectations(text))
    verifier(_diagnostic(Severity.REMARK, "mild", 2))
    verifier(_diagnostic(Severity.ERROR, "surprise", 3))
    verifier(_diagnostic(Severity.ERROR, "never", 2))  # right text, wrong line
    failures = _failures(verifier)
    assert "t.mlir:3:1: unexpected error: surprise" in failures
    assert "t.mlir:2:1: unexpected error: never" in failures
    assert any(
        "'remark' diagnostic emitted when expecting a 'warning'" in failure for failure in failures
    )
    assert 't.mlir:1:8: expected error "never" was not produced' in failures
    assert 't.mlir:2:8: expected warning "mild" was not produced' in failures
    assert len(failures) == 5


def test_verifier_reports_a_near_miss_at_the_expectation() -> None:
    # MLIR reports a near miss at the expected-* comment, not at the diagnostic, and does
    # not report near misses at all with =only-expected.
    text = "op1\n// expected-warning@above {{mild}}\n"
    verifier = DiagnosticVerifier(_expectations(text))
    verifier(_diagnostic(Severity.REMARK, "mild", 1))
    assert _failures(verifier) == [
        "t.mlir:2:4: 'remark' diagnostic emitted when expecting a 'warning'",
        't.mlir:2:4: expected warning "mild" was not produced',
    ]
    verifier = DiagnosticVerifier(_expectations(text), only_expected=True)
    verifier(_diagnostic(Severity.REMARK, "mild", 1))
    assert _failures(verifier) == ['t.mlir:2:4: expected warning "mild" was not produced']


def test_verifier_only_expected_ignores_unexpected() -> None:
    verifier = DiagnosticVerifier(
        _expectations("op1 // expected-error {{wanted}}\nop2\n"), only_expected=True
    )
    verifier(_diagnostic(Severity.ERROR, "wanted", 1))
    verifier(_diagnostic(Severity.ERROR, "unwanted", 2))
    verifier(_diagnostic(Severity.WARNING, "unwanted", None))
    assert _failures(verifier) == []


def test_verifier_underlines_the_expected_text() -> None:
    verifier = DiagnosticVerifier(_expectations("op // expected-error {{twelve chars}}\n"))
    ((diagnostic, underline),) = verifier.finish()
    assert diagnostic.severity is Severity.ERROR
    assert underline == len("twelve chars")
