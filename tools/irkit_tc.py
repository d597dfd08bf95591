"""irkit-tc: compile Tensor Comprehensions to `ta` IR.

    irkit-tc [FILE.tc|-] [-o OUT.mlir] [--size NAME=VALUE]... [--mlir-print-debuginfo]
             [--mlir-print-op-generic]

Prints one `func.func` per def. ``--size`` binds a size variable to an integer, which makes
the dimensions that use it static. Exit status: 0 on success, 1 for a program the front end
rejects (the diagnostic says where and why) or a bad command line, 2 for an internal error.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from irkit.tools.common import (
    UsageError,
    discard_output,
    parse_arguments,
    read_input,
    tool_main,
    write_output,
)

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
    flags = ("mlir-print-debuginfo", "mlir-print-op-generic", "help", "h")
    source, parsed = parse_arguments(TOOL, argv, ("o", "size"), flags)
    options.input = source or options.input
    for name, value in parsed:
        if name == "o":
            options.output = value
        elif name == "size":
            size, number = _size(value)
            options.sizes[size] = number
        options.debuginfo |= name == "mlir-print-debuginfo"
        options.generic |= name == "mlir-print-op-generic"
        options.help |= name in ("help", "h")
    return options


def run(options: Options) -> int:
    source = read_input(options.input)
    if isinstance(source, Diagnostic):
        sys.stderr.write(format_diagnostic(source))
        discard_output(options.output)
        return 1
    name, text = source
    sources = SourceManager()
    sources.add(SourceBuffer(name, text))
    try:
        module, warnings = analyze(text, filename=name, sizes=options.sizes)
    except TCError as error:
        sys.stderr.write(str(error) + "\n")
        discard_output(options.output)
        return 1
    except ValueError as error:
        sys.stderr.write(f"{TOOL}: error: {error}\n")
        discard_output(options.output)
        return 1
    for warning in warnings:
        sys.stderr.write(format_diagnostic(warning, sources))
    printed = print_ir(module, generic=options.generic, debuginfo=options.debuginfo)
    return 0 if write_output(TOOL, options.output, printed) else 1


def main(argv: list[str] | None = None) -> int:
    return tool_main(TOOL, USAGE, argv, parse_command_line, run)


if __name__ == "__main__":
    sys.exit(main())
