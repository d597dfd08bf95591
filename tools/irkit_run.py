"""irkit-run: compile a program for the host and run it on arrays from .npy files.

    irkit-run PROGRAM [-e ENTRY] [--input X.npy]... [-o OUT.npz] [-O0..3] [--repeat N]
              [--time]

PROGRAM is a .tc file or a .mlir file at any level that lowers to the llvm dialect. The
inputs bind to the entry's parameters in order; the outputs (for TC, the def's output
list) are saved with numpy.savez's positional names ``arr_0``, ``arr_1``, ... in result
order, or printed when there is no ``-o``. ``--repeat N`` runs the kernel N times and
``--time`` prints the median time of a run. Exit status: 0 on success, 1 for a program
that cannot be compiled, arrays that do not fit the entry, or a bad command line, 2 for
an internal error.
"""

from __future__ import annotations

import statistics
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from irkit.tools.irkit_opt import BUG_REPORT

TOOL = "irkit-run"

USAGE = f"""OVERVIEW: compile a program for this machine and run it on numpy arrays

USAGE: {TOOL} [options] <program.tc|program.mlir>

OPTIONS:
  -e, --entry <name>   The function to run (default: the only or last public one)
  --input <file.npy>   An input array, bound to the entry's parameters in order; repeatable
  -o <file.npz>        Save the outputs as arr_0, arr_1, ... (default: print them)
  -O0, -O1, -O2, -O3   LLVM optimization level (default: -O3)
  --repeat <N>         Run the kernel N times (default: 1)
  --time               Print the median time of a run
  --help               Print this help and exit
"""


class UsageError(Exception):
    pass


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
    help: bool = False


_VALUED = ("e", "entry", "input", "o", "repeat")


def parse_command_line(argv: list[str]) -> Options:
    options = Options()
    programs: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "-" or not arg.startswith("-"):
            programs.append(arg)
            continue
        if arg in ("-O0", "-O1", "-O2", "-O3"):
            options.opt_level = int(arg[2])
            continue
        name, eq, value = arg.lstrip("-").partition("=")
        if name in _VALUED:
            if not eq:
                if not args:
                    raise UsageError(f"option '{arg}' requires a value")
                value = args.pop(0)
            _apply_valued(options, name, value)
        elif name in ("time", "help", "h") and not eq:
            options.time |= name == "time"
            options.help |= name in ("help", "h")
        else:
            raise UsageError(f"Unknown command line argument '{arg}'.  Try: '{TOOL} --help'")
    if len(programs) > 1:
        raise UsageError(f"Too many positional arguments specified: {' '.join(programs)}")
    if programs:
        options.program = programs[0]
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
    else:
        try:
            options.repeat = int(value)
        except ValueError:
            raise UsageError(f"--repeat expects a positive integer, got '{value}'") from None
        if options.repeat < 1:
            raise UsageError(f"--repeat expects a positive integer, got '{value}'")


def load_input(path: str) -> np.ndarray:
    try:
        return np.load(path, allow_pickle=False)
    except OSError as error:
        reason = error.strerror or str(error)
        raise RunError(f"could not read input array '{path}': {reason}") from None
    except ValueError as error:
        raise RunError(f"'{path}' is not a .npy array file: {error}") from None


def save_outputs(path: str, outputs: list[np.ndarray]) -> None:
    """Write the .npz whole (a sibling temporary file, then a rename) or not at all."""
    target = Path(path)
    temporary = target.with_name(f".{target.name}.irkit-tmp")
    try:
        with temporary.open("wb") as stream:
            np.savez(stream, *outputs)
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise RunError(f"cannot write output file '{path}': {error.strerror}") from None


def run(options: Options) -> int:
    from irkit.runtime import ArgumentError, CompileError, compile, outputs_as_list

    program = Path(options.program)
    if program.suffix not in (".tc", ".mlir"):
        raise RunError(f"'{program}' is neither a .tc nor a .mlir file")
    if not program.is_file():
        raise RunError(f"could not open input file '{program}': No such file")
    arrays = [load_input(path) for path in options.inputs]
    try:
        kernel = compile(program, entry=options.entry, opt_level=options.opt_level)
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
    argv = sys.argv[1:] if argv is None else argv
    try:
        options = parse_command_line(argv)
    except UsageError as error:
        sys.stderr.write(f"{TOOL}: {error}\n")
        return 1
    if options.help:
        sys.stdout.write(USAGE)
        return 0
    status = _run_reporting_errors(options)
    if status != 0 and options.output is not None:
        # As mlir-opt does, a failed run leaves no output file, not even an old one.
        Path(options.output).unlink(missing_ok=True)
    return status


def _run_reporting_errors(options: Options) -> int:
    try:
        return run(options)
    except RunError as error:
        sys.stderr.write(f"{TOOL}: error: {error}\n")
        return 1
    except RecursionError:
        sys.stderr.write(f"{TOOL}: error: the input is nested too deeply\n")
        return 1
    except Exception as error:
        sys.stderr.write(f"{TOOL}: internal error: {type(error).__name__}: {error}\n{BUG_REPORT}\n")
        traceback.print_exc(file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
