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

import contextlib
import io
import random
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from irkit.tools.irkit_tc import main as irkit_tc_main

from irkit.diagnostics import SourceBuffer
from irkit.parsing import parse_module
from irkit.registry import make_context
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
TRACEBACK = re.compile(r"^Traceback \(most recent call last\):", re.MULTILINE)
INTERNAL_ERROR = re.compile(r"^irkit-tc: internal error", re.MULTILINE)
PYTHON_ERROR_TEXT = re.compile(
    r"pop from empty list|index out of range|object has no attribute|'NoneType'"
    r"|unhashable type|not subscriptable|unsupported operand type|object is not iterable"
    r"|referenced before assignment|positional argument|maximum recursion depth|KeyError"
)

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


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        byte = rng.choice(PUNCTUATION) if rng.random() < 0.8 else rng.randrange(256)
        out[rng.randrange(len(out))] = byte
    return bytes(out)


def _insert_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        position = rng.randrange(len(out) + 1)
        byte = rng.choice(PUNCTUATION) if rng.random() < 0.8 else rng.randrange(256)
        out[position:position] = bytes([byte])
    return bytes(out)


def _delete_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if out:
            position = rng.randrange(len(out))
            del out[position : position + rng.randint(1, 8)]
    return bytes(out)


def _swap_tokens(data: bytes, rng: random.Random) -> bytes:
    tokens = TOKEN.findall(data)
    words = [i for i, token in enumerate(tokens) if not token.isspace()]
    for _ in range(rng.randint(1, 3)):
        if len(words) >= 2:
            a, b = rng.sample(words, 2)
            tokens[a], tokens[b] = tokens[b], tokens[a]
    return b"".join(tokens)


def _rename(data: bytes, rng: random.Random) -> bytes:
    """One identifier replaced by another name of the program or a reserved one."""
    found = list(IDENTIFIER.finditer(data))
    if not found:
        return _insert_bytes(data, rng)
    for _ in range(rng.randint(1, 2)):
        found = list(IDENTIFIER.finditer(data))
        match = rng.choice(found)
        name = rng.choice(NAMES) if rng.random() < 0.5 else rng.choice(found).group()
        data = data[: match.start()] + name + data[match.end() :]
    return data


def _delete_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 2)):
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def _duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 2)):
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
    return b"\n".join(lines)


def _splice(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 40)]
    position = rng.randrange(len(data) + 1)
    return data[:position] + piece + data[position:]


def _random_bytes(data: bytes, rng: random.Random) -> bytes:
    size = rng.randint(1, 120)
    if rng.random() < 0.3:
        return bytes(rng.randrange(256) for _ in range(size))
    alphabet = PUNCTUATION + b"abcdefijkmnNK"
    return b"def f(float(N) A) -> (B) { " + bytes(rng.choice(alphabet) for _ in range(size))


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": _truncate,
    "flip": _flip_bytes,
    "insert": _insert_bytes,
    "delete": _delete_bytes,
    "swap-tokens": _swap_tokens,
    "rename": _rename,
    "delete-lines": _delete_lines,
    "duplicate-lines": _duplicate_lines,
    "splice": _splice,
    "random-bytes": _random_bytes,
}


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    mutation: str
    flags: tuple[str, ...]
    data: bytes


def _cases() -> Iterator[Case]:
    corpus = _corpus()
    kinds = list(MUTATIONS)
    for index in range(IN_PROCESS_CASES + SUBPROCESS_CASES):
        rng = random.Random(f"irkit-tc-fuzz-{index}")
        source, text = corpus[index] if index < len(corpus) else rng.choice(corpus)
        kind = kinds[index % len(kinds)]
        data = MUTATIONS[kind](text, rng)
        if data and rng.random() < 0.15:
            data = MUTATIONS[rng.choice(kinds)](data, rng)
        size = FIRST_SIZE.search(text)
        name = size.group(1).decode() if size else "N"
        flag_set = FLAG_SETS[(index // len(kinds) + index) % len(FLAG_SETS)]
        flags = tuple(flag.replace("SIZE", name) for flag in flag_set)
        short = re.sub(r"[^\w.-]+", "_", source.rsplit("/", 1)[-1])[:32]
        yield Case(f"{index:03d}-{kind}-{short}", source, kind, flags, data)


CASES = list(_cases())
IN_PROCESS = CASES[:IN_PROCESS_CASES]
SUBPROCESS = CASES[IN_PROCESS_CASES:]


class CaseTimeout(BaseException):
    """Raised by the alarm; a BaseException so that irkit-tc's handlers don't catch it."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise CaseTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check(case: Case, status: object, stdout: str, stderr: str) -> None:
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
def test_fuzz_in_process(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "input.tc"
    path.write_bytes(case.data)
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            with _time_limit(CASE_TIMEOUT_S):
                status: object = irkit_tc_main([str(path), *case.flags])
        except CaseTimeout:
            status = f"none: still running after {CASE_TIMEOUT_S} s (a hang?)"
        except BaseException as error:  # report it with the case, rather than crash pytest
            status = f"{type(error).__name__} raised: {error}"
    _check(case, status, stdout.getvalue(), stderr.getvalue())


@pytest.mark.parametrize("case", SUBPROCESS, ids=[case.id for case in SUBPROCESS])
def test_fuzz_subprocess(case: Case, tmp_path: Path) -> None:
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
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    for found in CASES:
        if found.id == wanted or found.id.split("-", 1)[0] == wanted:
            sys.stderr.write(f"irkit-tc case.tc {' '.join(found.flags)}\n")
            sys.stdout.buffer.write(found.data)
            break
    else:
        sys.exit(f"no case {wanted!r}; case ids look like {CASES[0].id!r}")
