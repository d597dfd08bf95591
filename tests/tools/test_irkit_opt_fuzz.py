"""Fuzzing irkit-opt with broken inputs: it must fail cleanly, never crash.

Every case is a valid MLIR input (each ``*.mlir`` file under ``tests/lit``, plus the
snippets below) broken in one way: truncated, bytes flipped, inserted or deleted, tokens
swapped, lines deleted or duplicated, ops renamed to unknown ones, types replaced by wrong
ones, or plain random bytes (non-UTF-8 included). Each case runs with one set of flags
(``--split-input-file``, ``--verify-diagnostics``, passes, printing options). irkit-opt must

* exit with status 0 or 1, never 2 (internal error), never die from a signal or hang;
* on status 1, print a located diagnostic, ``file:line:col: error: ...`` (undecodable input
  may give an unlocated ``error:``);
* never print a Python traceback, nor let a Python exception's text pass for a diagnostic.

Cases are generated from fixed seeds, so a run is reproducible for a given tree. Most cases
run in-process through ``irkit.tools.irkit_opt.main`` (fast); a few run the real
``irkit-opt`` executable, to check the true exit status. To get a failing case's input as a
file::

    python tests/tools/test_irkit_opt_fuzz.py CASE-ID > case.mlir
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from irkit.tools.irkit_opt import main as irkit_opt_main

from irkit.testing import fuzzing
from irkit.testing.fuzzing import PYTHON_ERROR_TEXT, TRACEBACK, FuzzCase, Mutation

LIT_ROOT = Path(__file__).resolve().parents[1] / "lit"
IN_PROCESS_CASES = 330
SUBPROCESS_CASES = 10
CASE_TIMEOUT_S = 5.0

# Valid inputs that exercise the tokens mutations like to break: strings, attributes,
# regions, blocks, types, locations, expectations and split markers.
SNIPPETS: dict[str, str] = {
    "arith": """\
func.func @arith(%a: i32, %b: i32) -> (i32, i1) {
  %c0 = arith.constant 0 : i32
  %c7 = arith.constant 7 : i32
  %x = arith.addi %a, %c0 : i32
  %y = arith.muli %x, %c7 : i32
  %z = arith.subi %y, %b : i32
  %e = arith.cmpi slt, %z, %a : i32
  %s = arith.select %e, %z, %a : i32
  %f = arith.constant 1.5 : f32
  %g = arith.addf %f, %f : f32
  return %s, %e : i32, i1
}
""",
    "memref-scf": """\
func.func @loops(%m: memref<4x8xf32>, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %init = arith.constant 0.0 : f32
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init) -> (f32) {
    %v = memref.load %m[%i, %c0] : memref<4x8xf32>
    %s = arith.addf %acc, %v : f32
    scf.yield %s : f32
  }
  %t = arith.constant true
  %w = scf.if %t -> (f32) {
    scf.yield %r : f32
  } else {
    scf.yield %init : f32
  }
  %buf = memref.alloc() : memref<16xi8>
  memref.dealloc %buf : memref<16xi8>
  return %w : f32
}
""",
    "attributes": """\
#map = affine_map<(d0, d1)[s0] -> (d0 + s0, d1 * 2)>
func.func @attrs() attributes {note = "a string, with \\"escapes\\"", map = #map,
                               dense = dense<[1, 2, 3]> : tensor<3xi32>, flag} {
  %0 = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %1 = arith.constant {tag = "x", n = 3 : i64, list = [1, "two", 3.0]} 42 : index
  return
}
""",
    "generic": """\
"builtin.module"() ({
  "func.func"() <{sym_name = "g", function_type = (i32) -> i32}> ({
  ^bb0(%arg0: i32):
    %0 = "arith.addi"(%arg0, %arg0) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    "func.return"(%0) : (i32) -> ()
  }) : () -> ()
}) : () -> ()
""",
    "blocks-and-locations": """\
func.func @blocks(%c: i1, %a: i64) -> i64 {
  cf.cond_br %c, ^bb1(%a : i64), ^bb2
^bb1(%x: i64):
  %y = arith.addi %x, %x : i64 loc("other.mlir":3:4)
  cf.br ^bb2
^bb2:
  return %a : i64
} loc(unknown)
""",
    "diagnostics": """\
// RUN: irkit-opt %s --split-input-file --verify-diagnostics --test-emit-diagnostics
func.func @d() {
  // expected-warning@+2 {{careful}}
  // expected-note@+1 {{a note}}
  %0 = arith.constant {test.warning = "careful", test.note = "a note"} 0 : i32
  %1 = arith.constant {test.remark = "fyi 12"} 1 : i32 // expected-remark-re {{fyi {{[0-9]+}}}}
  return
}

// -----

func.func @e() -> i32 {
  // expected-error@below {{'func.return' op}}
  return
}

// -----

// expected-error@+1 {{use of undeclared SSA value name}}
%2 = arith.addi %u, %u : i32
""",
    "unregistered": """\
func.func @u(%a: i32) -> i32 {
  %0 = "foo.bar"(%a) {attr = 1 : i32} : (i32) -> i32
  "foo.region"() ({
  ^bb0(%x: i32):
    "foo.yield"(%x) : (i32) -> ()
  }) : () -> ()
  return %0 : i32
}
""",
}

FLAG_SETS: list[list[str]] = [
    [],
    ["--split-input-file"],
    ["--canonicalize", "--cse"],
    ["--split-input-file", "--verify-diagnostics"],
    ["--mlir-print-op-generic"],
    ["--split-input-file", "--verify-diagnostics=only-expected", "--test-emit-diagnostics"],
    ["--mlir-print-debuginfo", "--cse"],
    ["--allow-unregistered-dialect", "--canonicalize"],
    ["--verify-diagnostics", "--test-emit-diagnostics"],
    ["--split-input-file", "--pass-pipeline=builtin.module(func.func(cse,canonicalize))"],
]

# A source location, or MLIR's `<unknown>:0` for an op written with `loc(unknown)`.
LOCATED_ERROR = re.compile(r"^(.+:\d+:\d+|<unknown>:0): error: ", re.MULTILINE)
DIAGNOSTIC_HEADER = re.compile(
    r"^(?:.+:\d+:\d+: |irkit-opt: )?(?:error|warning|remark|note): (.*)$", re.MULTILINE
)
INTERNAL_ERROR = re.compile(r"^irkit-opt: internal error", re.MULTILINE)

TYPES = [
    b"i1",
    b"i8",
    b"i32",
    b"i64",
    b"f16",
    b"f32",
    b"index",
    b"none",
    b"memref<?xi8>",
    b"memref<4x4xf32>",
    b"tensor<2xi32>",
    b"vector<4xf32>",
    b"(i32) -> i32",
    b"!foo.bar",
    b"complex<f32>",
    b"i0",
    b"f80",
]
UNKNOWN_OPS = [
    b"arith.frobnicate",
    b"nosuch.op",
    b"func.funcx",
    b"scf.forr",
    b"memref.lod",
    b"builtin.nothing",
    b"x",
    b"arith.",
    b".addi",
]
PUNCTUATION = b'{}()[]<>%@^#!:,="=-+*./\\0123456789x \n\t'
TYPE_TOKEN = re.compile(
    rb"\b(?:i1|i8|i16|i32|i64|f16|f32|f64|index)\b|\b(?:memref|tensor|vector)<[^>\n]*>"
)
OP_NAME = re.compile(rb"\b[a-z_]+\.[a-z_]+\b")
TOKEN = re.compile(rb"\s+|[%@^#!]?[\w.$-]+|\"[^\"\n]*\"|.", re.DOTALL)


def _corpus() -> list[tuple[str, bytes]]:
    sources = [
        (str(path.relative_to(LIT_ROOT)), path.read_bytes())
        for path in sorted(LIT_ROOT.rglob("*.mlir"))
        if "Output" not in path.relative_to(LIT_ROOT).parts
    ]
    sources += [(f"snippet:{name}", text.encode()) for name, text in SNIPPETS.items()]
    return [(name, data) for name, data in sources if data.strip()]


# -- mutations: each takes the input and a seeded Random, and returns the broken input --------


def _unknown_op(data: bytes, rng: random.Random) -> bytes:
    names = list(OP_NAME.finditer(data))
    if names and rng.random() < 0.7:
        match = rng.choice(names)
        return data[: match.start()] + rng.choice(UNKNOWN_OPS) + data[match.end() :]
    lines = data.split(b"\n")
    op = rng.choice(
        [b'  "nosuch.op"() : () -> ()', b"  %u = nosuch.op : i32", b"  arith.frobnicate"]
    )
    lines.insert(rng.randrange(len(lines) + 1), op)
    return b"\n".join(lines)


def _wrong_type(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 2)):
        types = list(TYPE_TOKEN.finditer(data))
        if not types:
            return fuzzing.insert_bytes(data, rng, PUNCTUATION)
        match = rng.choice(types)
        data = data[: match.start()] + rng.choice(TYPES) + data[match.end() :]
    return data


def _unterminate(data: bytes, rng: random.Random) -> bytes:
    """Drop a closing quote, bracket or brace (the lexer's and parser's hardest case)."""
    closers = [i for i, byte in enumerate(data) if byte in b'">)]}']
    if not closers:
        return fuzzing.truncate(data, rng)
    position = rng.choice(closers)
    return data[:position] + data[position + 1 :]


def _random_bytes(data: bytes, rng: random.Random) -> bytes:
    size = rng.randint(1, 200)
    if rng.random() < 0.5:
        return bytes(rng.randrange(256) for _ in range(size))
    return bytes(rng.choice(PUNCTUATION + b"abcdefghijklmnopqrstuvwxyz") for _ in range(size))


MUTATIONS: dict[str, Mutation] = {
    "truncate": fuzzing.truncate,
    "flip": partial(fuzzing.flip_bytes, alphabet=PUNCTUATION),
    "insert": partial(fuzzing.insert_bytes, alphabet=PUNCTUATION),
    "delete": partial(fuzzing.delete_bytes, longest=12),
    "swap-tokens": partial(fuzzing.swap_tokens, token=TOKEN),
    "delete-lines": partial(fuzzing.delete_lines, most=3),
    "duplicate-lines": partial(fuzzing.duplicate_lines, most=3),
    "unknown-op": _unknown_op,
    "wrong-type": _wrong_type,
    "unterminate": _unterminate,
    "random-bytes": _random_bytes,
    "splice": partial(fuzzing.splice, longest=80),
}


def _cases() -> list[FuzzCase]:
    count = IN_PROCESS_CASES + SUBPROCESS_CASES
    return fuzzing.generate_cases(_corpus(), MUTATIONS, FLAG_SETS, count, "irkit-opt-fuzz")


CASES = _cases()
IN_PROCESS = CASES[:IN_PROCESS_CASES]
SUBPROCESS = CASES[IN_PROCESS_CASES:]


# -- running and judging ------------------------------------------------------------------------


def _describe(case: FuzzCase, argv: list[str], status: object, stdout: str, stderr: str) -> str:
    shown = repr(case.data)
    if len(shown) > 1500:
        shown = shown[:1500] + f"... ({len(case.data)} bytes in all)"
    return (
        f"\ncase {case.id}: {case.mutation} of {case.source}"
        f"\ncommand: irkit-opt {' '.join(argv)}"
        f"\nreproduce: python {__file__} {case.id} > case.mlir"
        f"\nexit status: {status}"
        f"\ninput: {shown}"
        f"\n--- stderr (last 3000 characters) ---\n{stderr[-3000:]}"
        f"\n--- stdout (first 500 characters) ---\n{stdout[:500]}"
    )


def _diagnostic_messages(stderr: str) -> list[str]:
    """The messages of the diagnostics in ``stderr``, without the source lines they quote
    (the input's own text, which may say anything) and without quoted expectations."""
    return [
        match.group(1)
        for match in DIAGNOSTIC_HEADER.finditer(stderr)
        if "was not produced" not in match.group(1)
    ]


def _check(case: FuzzCase, argv: list[str], status: object, stdout: str, stderr: str) -> None:
    about = _describe(case, argv, status, stdout, stderr)
    assert status in (0, 1), f"exit status must be 0 or 1{about}"
    assert not TRACEBACK.search(stderr), f"a Python traceback was printed{about}"
    assert not INTERNAL_ERROR.search(stderr), f"an internal error was reported{about}"
    leaked = [m for m in _diagnostic_messages(stderr) if PYTHON_ERROR_TEXT.search(m)]
    assert not leaked, f"a Python exception's text passed for a diagnostic: {leaked}{about}"
    if status == 1:
        if _is_undecodable(case.data):
            assert "error:" in stderr, f"failed without an error{about}"
        else:
            assert LOCATED_ERROR.search(stderr), (
                f"failed without a located 'file:line:col: error:' diagnostic{about}"
            )


def _is_undecodable(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@pytest.mark.parametrize("case", IN_PROCESS, ids=[case.id for case in IN_PROCESS])
def test_fuzz_in_process(case: FuzzCase, tmp_path: Path) -> None:
    path = tmp_path / "input.mlir"
    path.write_bytes(case.data)
    argv = [str(path), *case.flags]
    _check(case, argv, *fuzzing.run_main_in_process(irkit_opt_main, argv, CASE_TIMEOUT_S))


def _irkit_opt_command() -> list[str]:
    script = Path(sys.executable).parent / "irkit-opt"
    if script.exists():
        return [str(script)]
    found = shutil.which("irkit-opt")
    return [found] if found else [sys.executable, "-m", "irkit.tools.irkit_opt"]


@pytest.mark.parametrize("case", SUBPROCESS, ids=[case.id for case in SUBPROCESS])
def test_fuzz_subprocess(case: FuzzCase, tmp_path: Path) -> None:
    path = tmp_path / "input.mlir"
    path.write_bytes(case.data)
    argv = [str(path), *case.flags]
    try:
        result = subprocess.run(
            [*_irkit_opt_command(), *argv],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        out = (expired.stdout or b"").decode("utf-8", "replace")
        err = (expired.stderr or b"").decode("utf-8", "replace")
        _check(case, argv, "none: still running after 60 s (a hang?)", out, err)
        return
    _check(
        case,
        argv,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def test_corpus_is_not_trivial() -> None:
    """The fuzzer has inputs of its own even when tests/lit holds none."""
    assert len(_corpus()) >= len(SNIPPETS)
    assert len(IN_PROCESS) >= 300
    assert {case.mutation for case in CASES} == set(MUTATIONS)
    assert {case.flags for case in CASES} == {tuple(flags) for flags in FLAG_SETS}


def test_cases_are_deterministic() -> None:
    assert [(case.id, case.data) for case in _cases()] == [(case.id, case.data) for case in CASES]


if __name__ == "__main__":
    # Write one case's input to stdout: python test_irkit_opt_fuzz.py CASE-ID > case.mlir
    fuzzing.write_case(CASES, sys.argv[1] if len(sys.argv) > 1 else "", "irkit-opt case.mlir")
