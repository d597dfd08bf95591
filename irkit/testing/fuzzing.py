"""Mutation fuzzing of irkit's command-line tools (and of plug-ins' parsers).

A fuzz case is a valid input broken in one way: truncated, bytes flipped, inserted or
deleted, tokens swapped, lines deleted or duplicated, a piece spliced in elsewhere. The
mutations here are the ones every textual format shares; a test adds its format's own
(unknown op names, wrong types, renamed identifiers) and runs the tool's ``main`` in-process
on each case, with a time limit, judging what it printed.

Cases come from fixed seeds, so a run is reproducible for a given corpus.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

Mutation = Callable[[bytes, random.Random], bytes]

# A Python traceback, or one of Python's own exception texts passed off as a diagnostic:
# both mean an internal error escaped the tool's reporting.
TRACEBACK = re.compile(r"^Traceback \(most recent call last\):", re.MULTILINE)
PYTHON_ERROR_TEXT = re.compile(
    r"pop from empty list|index out of range|object has no attribute|'NoneType'"
    r"|unhashable type|not subscriptable|unsupported operand type|object is not iterable"
    r"|referenced before assignment|positional argument|maximum recursion depth|KeyError"
)


def _byte(alphabet: bytes, rng: random.Random) -> int:
    """Mostly a byte of ``alphabet`` (the format's punctuation), now and then any byte."""
    return rng.choice(alphabet) if rng.random() < 0.8 else rng.randrange(256)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def flip_bytes(data: bytes, rng: random.Random, alphabet: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        out[rng.randrange(len(out))] = _byte(alphabet, rng)
    return bytes(out)


def insert_bytes(data: bytes, rng: random.Random, alphabet: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        position = rng.randrange(len(out) + 1)
        out[position:position] = bytes([_byte(alphabet, rng)])
    return bytes(out)


def delete_bytes(data: bytes, rng: random.Random, longest: int) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if out:
            position = rng.randrange(len(out))
            del out[position : position + rng.randint(1, longest)]
    return bytes(out)


def swap_tokens(data: bytes, rng: random.Random, token: re.Pattern[bytes]) -> bytes:
    """Up to three pairs of non-blank tokens (as ``token`` splits the input) swapped."""
    tokens = token.findall(data)
    words = [i for i, text in enumerate(tokens) if not text.isspace()]
    for _ in range(rng.randint(1, 3)):
        if len(words) >= 2:
            a, b = rng.sample(words, 2)
            tokens[a], tokens[b] = tokens[b], tokens[a]
    return b"".join(tokens)


def delete_lines(data: bytes, rng: random.Random, most: int) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, most)):
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_lines(data: bytes, rng: random.Random, most: int) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, most)):
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
    return b"\n".join(lines)


def splice(data: bytes, rng: random.Random, longest: int) -> bytes:
    """A piece of the input pasted somewhere else in it."""
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, longest)]
    position = rng.randrange(len(data) + 1)
    return data[:position] + piece + data[position:]


@dataclass(frozen=True)
class FuzzCase:
    id: str
    source: str
    mutation: str
    flags: tuple[str, ...]
    data: bytes


def generate_cases(
    corpus: Sequence[tuple[str, bytes]],
    mutations: dict[str, Mutation],
    flag_sets: Sequence[Sequence[str]],
    count: int,
    seed: str,
    specialize_flags: Callable[[Sequence[str], bytes], tuple[str, ...]] | None = None,
) -> list[FuzzCase]:
    """``count`` cases: every corpus entry once, then random picks; the mutations and the
    flag sets taken in turn; now and then a second mutation on top of the first.
    ``specialize_flags`` adapts a flag set to the unbroken input (say, to name one of its
    sizes)."""
    kinds = list(mutations)
    cases = []
    for index in range(count):
        rng = random.Random(f"{seed}-{index}")
        source, text = corpus[index] if index < len(corpus) else rng.choice(corpus)
        kind = kinds[index % len(kinds)]
        data = mutations[kind](text, rng)
        if data and rng.random() < 0.15:
            data = mutations[rng.choice(kinds)](data, rng)
        flag_set = flag_sets[(index // len(kinds) + index) % len(flag_sets)]
        flags = specialize_flags(flag_set, text) if specialize_flags else tuple(flag_set)
        short = re.sub(r"[^\w.-]+", "_", source.rsplit("/", 1)[-1])[:32]
        cases.append(FuzzCase(f"{index:03d}-{kind}-{short}", source, kind, flags, data))
    return cases


class CaseTimeout(BaseException):
    """Raised by the alarm; a BaseException so that the tool's own handlers don't catch it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise CaseTimeout in the block after ``seconds`` (where the platform has alarms)."""
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


def run_main_in_process(
    main: Callable[[list[str]], int], argv: list[str], seconds: float
) -> tuple[object, str, str]:
    """Run a tool's ``main(argv)`` with its output captured: (exit status, stdout, stderr).
    A hang, a SystemExit or an escaping exception comes back as a status that explains it,
    so that the judging code reports it with the case."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            with time_limit(seconds):
                status: object = main(argv)
        except CaseTimeout:
            status = f"none: still running after {seconds} s (a hang?)"
        except SystemExit as exit_:
            status = f"SystemExit({exit_.code!r}) raised instead of returning"
        except BaseException as error:
            status = f"{type(error).__name__} raised: {error}"
    return status, stdout.getvalue(), stderr.getvalue()


def write_case(cases: Sequence[FuzzCase], wanted: str, command: str) -> None:
    """The input of case ``wanted`` (its id or number) to stdout, and the command that
    reproduces it to stderr; for a test module's ``__main__``."""
    for case in cases:
        if wanted in (case.id, case.id.split("-", 1)[0]):
            sys.stderr.write(f"{command} {' '.join(case.flags)}\n")
            sys.stdout.buffer.write(case.data)
            return
    sys.exit(f"no case {wanted!r}; case ids look like {cases[0].id!r}")
