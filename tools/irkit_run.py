"""irkit-run: compile a program for the host and run it on arrays from .npy files.

    irkit-run PROGRAM [-e ENTRY] [--input X.npy]... [-o OUT.npz] [-O0..3] [--repeat N]
              [--time] [--num-threads N]

PROGRAM is a .tc file or a .mlir file at any level that lowers to the llvm dialect. The
inputs bind to the entry's parameters in order; the outputs (for TC, the def's output
list) are saved with numpy.savez's positional names ``arr_0``, ``arr_1``, ... in result
order, or printed when there is no ``-o``. ``--repeat N`` runs the kernel N times and
``--time`` prints the median time of a run. ``--num-threads N`` runs parallel loops on N
threads (default: ``IRKIT_NUM_THREADS``, else ``OMP_NUM_THREADS``, else all cores). Exit
status: 0 on success, 1 for a program
that cannot be compiled, arrays that do not fit the entry, or a bad command line, 2 for
an internal error.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from irkit.tools.common import (
    UsageError,
    discard_output,
    parse_arguments,
    tool_main,
    write_file_atomically,
)

TOOL = "irkit-run"

USAGE = f"""OVERVIEW: compile a program for this machine and run it on numpy arrays

USAGE: {TOOL} [options] <program.tc|program.mlir>

OPTIONS:
  -e, --entry <name>   The function to run (default: the only or last public one)
  --input <file.npy>   An input array, bound to the entry's parameters in order; repeatable
  -o <file.npz>        Save the outputs as arr_0, arr_1, ... (default: print them)
  -O0, -O1, -O2, -O3   LLVM optimization level; -O3 also runs affine-optimize (default: -O3)
  --repeat <N>         Run the kernel N times (default: 1)
  --time               Print the median time of a run
  --num-threads <N>    Threads for parallel loops (default: IRKIT_NUM_THREADS, else
                       OMP_NUM_THREADS, else all cores)
  --help               Print this help and exit
"""


class RunError(Exception):
    """A user error: the message is printed after ``irkit-run: error:``."""


@dataclass
class Options:
    program: str = ""
    entry: str | None = None
    inputs: list[str] = field(default_factory=list[str])
    output: str | None = None
    opt_level: int = 3
    repeat: int = 1
    time: bool = False
    num_threads: int | None = None
    help: bool = False


_VALUED = ("e", "entry", "input", "o", "repeat", "num-threads")


def parse_command_line(argv: list[str]) -> Options:
    options = Options()
    flags = ("O0", "O1", "O2", "O3", "time", "help", "h")
    program, parsed = parse_arguments(TOOL, argv, _VALUED, flags)
    for name, value in parsed:
        if name in _VALUED:
            _apply_valued(options, name, value)
        elif name in ("O0", "O1", "O2", "O3"):
            options.opt_level = int(name[1])
        options.time |= name == "time"
        options.help |= name in ("help", "h")
    if program is not None:
        options.program = program
    elif not options.help:
        raise UsageError("no program given: irkit-run PROGRAM.tc|PROGRAM.mlir ...")
    return options


def _apply_valued(options: Options, name: str, value: str) -> None:
    if name in ("e", "entry"):
        options.entry = value
    elif name == "input":
        options.inputs.append(value)
    elif name == "o":
        options.output = value
    elif name == "repeat":
        options.repeat = _positive_integer(name, value)
    else:
        options.num_threads = _positive_integer(name, value)


def _positive_integer(name: str, value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise UsageError(f"--{name} expects a positive integer, got '{value}'")
    return int(value)


def load_input(path: str) -> np.ndarray:
    try:
        return np.load(path, allow_pickle=False)
    except OSError as error:
        reason = error.strerror or str(error)
        raise RunError(f"could not read input array '{path}': {reason}") from None
    except ValueError as error:
        raise RunError(f"'{path}' is not a .npy array file: {error}") from None


def save_outputs(path: str, outputs: list[np.ndarray]) -> None:
    """Write the .npz whole or not at all."""
    try:
        write_file_atomically(Path(path), lambda stream: np.savez(stream, *outputs))
    except OSError as error:
        raise RunError(f"cannot write output file '{path}': {error.strerror}") from None


def run(options: Options) -> int:
    from irkit.runtime import ArgumentError, CompileError, compile, outputs_as_list
    from irkit.runtime.kernel import resolve_num_threads

    program = Path(options.program)
    if program.suffix not in (".tc", ".mlir"):
        raise RunError(f"'{program}' is neither a .tc nor a .mlir file")
    if not program.is_file():
        raise RunError(f"could not open input file '{program}': No such file")
    arrays = [load_input(path) for path in options.inputs]
    try:
        num_threads = resolve_num_threads(options.num_threads)
    except ValueError as error:  # a bad IRKIT_NUM_THREADS or OMP_NUM_THREADS
        raise RunError(str(error)) from None
    try:
        kernel = compile(
            program, entry=options.entry, opt_level=options.opt_level, num_threads=num_threads
        )
    except CompileError as error:
        message = str(error)
        # Located diagnostics come formatted; other messages get the tool's prefix.
        sys.stderr.write(
            message + "\n" if ": error: " in message else f"{TOOL}: error: {message}\n"
        )
        return 1
    seconds: list[float] = []
    outputs: Any = None
    try:
        for _ in range(options.repeat):
            start = time.perf_counter()
            outputs = kernel(*arrays)
            seconds.append(time.perf_counter() - start)
    except ArgumentError as error:
        raise RunError(str(error)) from None
    results = outputs_as_list(outputs)
    if options.output is not None:
        save_outputs(options.output, results)
    else:
        for position, array in enumerate(results):
            sys.stdout.write(f"arr_{position} = {array!r}\n")
    if options.time:
        median_ms = statistics.median(seconds) * 1e3
        sys.stdout.write(f"median time of {options.repeat} runs: {median_ms:.6f} ms\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    return tool_main(TOOL, USAGE, argv, parse_command_line, _run_reporting_user_errors)


def _run_reporting_user_errors(options: Options) -> int:
    status = 1
    try:
        status = run(options)
    except RunError as error:
        sys.stderr.write(f"{TOOL}: error: {error}\n")
    finally:
        # Whatever made the run fail, it leaves no output file, not even an old one.
        if status != 0:
            discard_output(options.output)
    return status


if __name__ == "__main__":
    sys.exit(main())
