"""irkit-tc: compile Tensor Comprehensions to `ta` IR.

    irkit-tc [FILE.tc|-] [-o OUT.mlir] [--size NAME=VALUE]... [--mlir-print-debuginfo]
             [--mlir-print-op-generic]

Prints one `func.func` per def. ``--size`` binds a size variable to an integer, which makes
the dimensions that use it static. Exit status: 0 on success, 1 for a program the front end
rejects (the diagnostic says where and why) or a bad command line, 2 for an internal error.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from irkit.tools.irkit_opt import BUG_REPORT, read_input

from irkit.diagnostics import Diagnostic, SourceBuffer, SourceManager, format_diagnostic
from irkit.frontend.tc import TCError, analyze
from irkit.printing import print_ir

TOOL = "irkit-tc"

USAGE = f"""OVERVIEW: Tensor Comprehensions front end: prints the program as ta-level MLIR

USAGE: {TOOL} [options] <input file>

OPTIONS:
  -o <file>                 Output file name (default: stdout)
  --size <NAME>=<VALUE>     Bind size variable NAME to VALUE (static shapes); repeatable
  --mlir-print-debuginfo    Print the locations of the ops, in the .tc file
  --mlir-print-op-generic   Print the generic op form
  --help                    Print this help and exit
"""


class UsageError(Exception):
    pass


@dataclass
class Options:
    input: str = "-"
    output: str | None = None
    sizes: dict[str, int] = field(default_factory=dict[str, int])
    debuginfo: bool = False
    generic: bool = False
    help: bool = False


def _size(text: str) -> tuple[str, int]:
    name, eq, value = text.partition("=")
    if not eq or not name:
        raise UsageError(f"--size expects NAME=VALUE, got '{text}'")
    try:
        number = int(value)
    except ValueError:
        raise UsageError(f"the value of size '{name}' must be an integer, got '{value}'") from None
    return name, number


def parse_command_line(argv: list[str]) -> Options:
    options = Options()
    inputs: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "-" or not arg.startswith("-"):
            inputs.append(arg)
            continue
        name, eq, value = arg.lstrip("-").partition("=")
        if name in ("o", "size"):
            if not eq:
                if not args:
                    raise UsageError(f"option '{arg}' requires a value")
                value = args.pop(0)
            if name == "o":
                options.output = value
            else:
                size, number = _size(value)
                options.sizes[size] = number
        elif name in ("mlir-print-debuginfo", "mlir-print-op-generic", "help", "h") and not eq:
            options.debuginfo |= name == "mlir-print-debuginfo"
            options.generic |= name == "mlir-print-op-generic"
            options.help |= name in ("help", "h")
        else:
            raise UsageError(f"Unknown command line argument '{arg}'.  Try: '{TOOL} --help'")
    if len(inputs) > 1:
        raise UsageError(f"Too many positional arguments specified: {' '.join(inputs)}")
    if inputs:
        options.input = inputs[0]
    return options


def write_output(output: str | None, text: str) -> bool:
    """Print ``text``, or write it whole to ``output`` (a sibling temporary file, then a
    rename); False, with a message, when the file cannot be written."""
    if output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return True
    path = Path(output)
    temporary = path.with_name(f".{path.name}.irkit-tmp")
    try:
        temporary.write_text(text)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        sys.stderr.write(f"{TOOL}: error: cannot open output file '{path}': {error.strerror}\n")
        return False
    return True


def _discard_output(output: str | None) -> None:
    """As mlir-opt does, a failed run leaves no output file, not even an old one."""
    if output not in (None, "-"):
        Path(output).unlink(missing_ok=True)


def run(options: Options) -> int:
    source = read_input(options.input)
    if isinstance(source, Diagnostic):
        sys.stderr.write(format_diagnostic(source))
        _discard_output(options.output)
        return 1
    name, text = source
    sources = SourceManager()
    sources.add(SourceBuffer(name, text))
    try:
        module, warnings = analyze(text, filename=name, sizes=options.sizes)
    except TCError as error:
        sys.stderr.write(str(error) + "\n")
        _discard_output(options.output)
        return 1
    except ValueError as error:
        sys.stderr.write(f"{TOOL}: error: {error}\n")
        _discard_output(options.output)
        return 1
    for warning in warnings:
        sys.stderr.write(format_diagnostic(warning, sources))
    printed = print_ir(module, generic=options.generic, debuginfo=options.debuginfo)
    return 0 if write_output(options.output, printed) else 1


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
    try:
        return run(options)
    except RecursionError:
        sys.stderr.write(f"{TOOL}: error: the input is nested too deeply\n")
        return 1
    except Exception as error:
        sys.stderr.write(f"{TOOL}: internal error: {type(error).__name__}: {error}\n{BUG_REPORT}\n")
        traceback.print_exc(file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
