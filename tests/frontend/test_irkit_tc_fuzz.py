"""Fuzzing irkit-tc with broken TC programs: it must fail cleanly, never crash.

Every case is a valid TC program (``examples/tc``, the ``.tc`` lit tests, and the snippets
below) broken in one way: truncated, bytes flipped, inserted or deleted, tokens swapped,
identifiers renamed (to other names of the program, keywords, builtins or types), lines
deleted or duplicated, pieces spliced, or plain random bytes. Some cases bind sizes with
``--size``. irkit-tc must

* exit with status 0 or 1, never 2 (internal error), never raise, never hang;
* on status 1, print a located diagnostic, ``file:line:col: error: ...`` (undecodable
  input and a ``--size`` naming a size the broken program lost may give an unlocated one);
* never print a Python traceback, nor let a Python exception's text pass for a diagnostic;
* on status 0, print IR that irkit parses and verifies back.

Cases come from fixed seeds. To get a failing case's input as a file::

    python tests/frontend/test_irkit_tc_fuzz.py CASE-ID > case.tc
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import pytest
from irkit.tools.irkit_tc import main as irkit_tc_main

from irkit.diagnostics import SourceBuffer
from irkit.parsing import parse_module
from irkit.registry import make_context
from irkit.testing import fuzzing
from irkit.testing.fuzzing import PYTHON_ERROR_TEXT, TRACEBACK, FuzzCase, Mutation
from irkit.verifier import verify

ROOT = Path(__file__).resolve().parents[2]
IN_PROCESS_CASES = 240
SUBPROCESS_CASES = 2
CASE_TIMEOUT_S = 10.0

SNIPPETS: dict[str, str] = {
    "everything": """\
# comment
def f(float(N, K) A, int32(K) J, double s) -> (B, float(N) C, D) {
    T(n, k) = A(n, k) * 2.0f + J(k) % 3 where n in 0:N
    B(n) +=! T(n, k) / A.1 + exp(-A(n, k)) where exists J(k)
    C(n) max=! fmax(A(n, 2 * r / 2), 1e-5) > 0 && !(n == 0) ? A(n, r) : -1
    D +=! x * s where x = A(n, k), k in 0:K
}
def g(float(M, M) X) -> (Y, Z) {
    Y, Z = h(X, X)
}
def h(float(P, Q) U, float(Q, R) V) -> (W, Wt) {
    W(p, r) +=! U(p, q) * V(q, r)
    Wt(r, p) = W(p, r)
}
""",
    "convs": """\
def conv(float(N, C, H, W) I, float(M, C, KH, KW) W1) -> (O, P) {
    O(n, m, h, w) +=! I(n, c, 2 * h + kh, w + kw) * W1(m, c, kh, kw)
    P(n, m, h, w) min=! O(n, m, h + dh, w) where dh in 0:2
}
""",
}

# SIZE stands for the first size variable of the program before it was broken.
FLAG_SETS: list[list[str]] = [
    [],
    ["--mlir-print-op-generic"],
    ["--size=SIZE=3"],
    ["--size", "SIZE=1"],
]
FIRST_SIZE = re.compile(rb"\b(?:float|double|half|u?int\d+)\((\w+)")

LOCATED_ERROR = re.compile(r"^.+:\d+:\d+: error: ", re.MULTILINE)
UNLOCATED_ALLOWED = re.compile(r"^irkit-tc: error: no def has a size variable", re.MULTILINE)
DIAGNOSTIC_HEADER = re.compile(r"^(?:.+:\d+:\d+: |irkit-tc: )?(?:error|warning): (.*)$", re.M)
INTERNAL_ERROR = re.compile(r"^irkit-tc: internal error", re.MULTILINE)

NAMES = [
    b"def", b"where", b"in", b"exists", b"float", b"int8", b"bool", b"half", b"exp", b"max",
    b"min", b"pow", b"lgamma", b"N", b"i", b"A", b"f", b"h", b"x", b"_", b"T0",
]  # fmt: skip
PUNCTUATION = b"(){},:.=+-*/%!<>?&|#0123456789 \n\t"
TOKEN = re.compile(rb"\s+|[A-Za-z_]\w*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?[fF]?|.", re.DOTALL)
IDENTIFIER = re.compile(rb"\b[A-Za-z_]\w*\b")


def _corpus() -> list[tuple[str, bytes]]:
    sources = [
        (f"examples/{p.name}", p.read_bytes()) for p in sorted(ROOT.glob("examples/tc/*.tc"))
    ]
    lit = ROOT / "tests" / "lit" / "frontend" / "tc"
    sources += [
        (f"lit/{p.relative_to(lit)}", p.read_bytes())
        for p in sorted(lit.rglob("*.tc"))
        if "Output" not in p.parts
    ]
    sources += [(f"snippet:{name}", text.encode()) for name, text in SNIPPETS.items()]
    return [(name, data) for name, data in sources if data.strip()]


def _rename(data: bytes, rng: random.Random) -> bytes:
    """One identifier replaced by another name of the program or a reserved one."""
    found = list(IDENTIFIER.finditer(data))
    if not found:
        return fuzzing.insert_bytes(data, rng, PUNCTUATION)
    for _ in range(rng.randint(1, 2)):
        found = list(IDENTIFIER.finditer(data))
        match = rng.choice(found)
        name = rng.choice(NAMES) if rng.random() < 0.5 else rng.choice(found).group()
        data = data[: match.start()] + name + data[match.end() :]
    return data


def _random_bytes(data: bytes, rng: random.Random) -> bytes:
    size = rng.randint(1, 120)
    if rng.random() < 0.3:
        return bytes(rng.randrange(256) for _ in range(size))
    alphabet = PUNCTUATION + b"abcdefijkmnNK"
    return b"def f(float(N) A) -> (B) { " + bytes(rng.choice(alphabet) for _ in range(size))


MUTATIONS: dict[str, Mutation] = {
    "truncate": fuzzing.truncate,
    "flip": partial(fuzzing.flip_bytes, alphabet=PUNCTUATION),
    "insert": partial(fuzzing.insert_bytes, alphabet=PUNCTUATION),
    "delete": partial(fuzzing.delete_bytes, longest=8),
    "swap-tokens": partial(fuzzing.swap_tokens, token=TOKEN),
    "rename": _rename,
    "delete-lines": partial(fuzzing.delete_lines, most=2),
    "duplicate-lines": partial(fuzzing.duplicate_lines, most=2),
    "splice": partial(fuzzing.splice, longest=40),
    "random-bytes": _random_bytes,
}


def _name_first_size(flag_set: Sequence[str], text: bytes) -> tuple[str, ...]:
    size = FIRST_SIZE.search(text)
    name = size.group(1).decode() if size else "N"
    return tuple(flag.replace("SIZE", name) for flag in flag_set)


def _cases() -> list[FuzzCase]:
    count = IN_PROCESS_CASES + SUBPROCESS_CASES
    return fuzzing.generate_cases(
        _corpus(), MUTATIONS, FLAG_SETS, count, "irkit-tc-fuzz", _name_first_size
    )


CASES = _cases()
IN_PROCESS = CASES[:IN_PROCESS_CASES]
SUBPROCESS = CASES[IN_PROCESS_CASES:]


def _check(case: FuzzCase, status: object, stdout: str, stderr: str) -> None:
    shown = repr(case.data)[:1500]
    about = (
        f"\ncase {case.id}: {case.mutation} of {case.source}, flags {case.flags}"
        f"\nreproduce: python {__file__} {case.id} > case.tc"
        f"\nexit status: {status}\ninput: {shown}"
        f"\n--- stderr ---\n{stderr[-3000:]}\n--- stdout ---\n{stdout[:500]}"
    )
    assert status in (0, 1), f"exit status must be 0 or 1{about}"
    assert not TRACEBACK.search(stderr), f"a Python traceback was printed{about}"
    assert not INTERNAL_ERROR.search(stderr), f"an internal error was reported{about}"
    leaked = [m for m in DIAGNOSTIC_HEADER.findall(stderr) if PYTHON_ERROR_TEXT.search(m)]
    assert not leaked, f"a Python exception's text passed for a diagnostic: {leaked}{about}"
    if status == 1:
        located = LOCATED_ERROR.search(stderr) or UNLOCATED_ALLOWED.search(stderr)
        undecodable = "not valid UTF-8" in stderr
        assert located or undecodable, f"failed without a located diagnostic{about}"
    else:
        module = parse_module(make_context(), SourceBuffer("output.mlir", stdout))
        verify(module)


@pytest.mark.parametrize("case", IN_PROCESS, ids=[case.id for case in IN_PROCESS])
def test_fuzz_in_process(case: FuzzCase, tmp_path: Path) -> None:
    path = tmp_path / "input.tc"
    path.write_bytes(case.data)
    argv = [str(path), *case.flags]
    _check(case, *fuzzing.run_main_in_process(irkit_tc_main, argv, CASE_TIMEOUT_S))


@pytest.mark.parametrize("case", SUBPROCESS, ids=[case.id for case in SUBPROCESS])
def test_fuzz_subprocess(case: FuzzCase, tmp_path: Path) -> None:
    path = tmp_path / "input.tc"
    path.write_bytes(case.data)
    command = [sys.executable, "-m", "irkit.tools.irkit_tc", str(path), *case.flags]
    result = subprocess.run(command, capture_output=True, timeout=60, check=False)
    _check(
        case,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def test_corpus_and_cases() -> None:
    assert len(_corpus()) >= 20
    assert {case.mutation for case in CASES} == set(MUTATIONS)
    assert {tuple(f for f in case.flags if "=" not in f) for case in CASES} == {
        tuple(f for f in flags if "=" not in f) for flags in FLAG_SETS
    }
    assert [(case.id, case.data) for case in _cases()] == [(case.id, case.data) for case in CASES]


if __name__ == "__main__":
    fuzzing.write_case(CASES, sys.argv[1] if len(sys.argv) > 1 else "", "irkit-tc case.tc")
