"""What irkit's command-line tools share: MLIR's command-line conventions, reading the
input, writing outputs whole or not at all, and reporting internal errors."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Collection
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from irkit.diagnostics import Diagnostic, Severity, SourceLocation

BUG_REPORT = "Please report this bug to the irkit developers, with the input and command line."


class UsageError(Exception):
    pass


class ToolOptions(Protocol):
    help: bool


OptionsT = TypeVar("OptionsT", bound=ToolOptions)


def parse_arguments(
    tool: str, argv: list[str], valued: Collection[str], flags: Collection[str]
) -> tuple[str | None, list[tuple[str, str]]]:
    """Split a command line as LLVM's tools do: ``-x`` and ``--x`` alike, ``--x=v`` or
    ``--x v`` for the ``valued`` options, ``-`` or a bare word for the input. Returns the
    input, if given, and the options in command-line order (a flag's value is "")."""
    inputs: list[str] = []
    options: list[tuple[str, str]] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "-" or not arg.startswith("-"):
            inputs.append(arg)
            continue
        name, eq, value = arg.lstrip("-").partition("=")
        if name in valued:
            if not eq:
                if not args:
                    raise UsageError(f"option '{arg}' requires a value")
                value = args.pop(0)
            options.append((name, value))
        elif name in flags and not eq:
            options.append((name, ""))
        else:
            raise UsageError(f"Unknown command line argument '{arg}'.  Try: '{tool} --help'")
    if len(inputs) > 1:
        raise UsageError(f"Too many positional arguments specified: {' '.join(inputs)}")
    return (inputs[0] if inputs else None), options


def read_input(path: str) -> tuple[str, str] | Diagnostic:
    """The input's display name and text, or a diagnostic when it cannot be read."""
    name = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        return Diagnostic(Severity.ERROR, f"could not open input file '{path}': {error.strerror}")
    try:
        return name, data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8")
        line = prefix.count("\n") + 1
        column = error.start - (prefix.rfind("\n") + 1) + 1
        return Diagnostic(
            Severity.ERROR,
            "input is not valid UTF-8",
            SourceLocation(name, line, column),
        )


def write_file_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` whole or leave it untouched: ``write`` fills a sibling temporary file,
    which then replaces ``path``. Raises ``OSError``."""
    temporary = path.with_name(f".{path.name}.irkit-tmp")
    try:
        with temporary.open("wb") as stream:
            write(stream)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def write_output(tool: str, output: str | None, data: str | bytes) -> bool:
    """Print ``data``, or write it whole to the file ``output``; False, with a message,
    when the file cannot be written."""
    if output in (None, "-"):
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return True
    payload = data.encode() if isinstance(data, str) else data
    path = Path(output)
    try:
        write_file_atomically(path, lambda stream: stream.write(payload))
    except OSError as error:
        sys.stderr.write(f"{tool}: error: cannot open output file '{path}': {error.strerror}\n")
        return False
    return True


def discard_output(output: str | None) -> None:
    """As MLIR's tools do, a failed run leaves no output file, not even an old one."""
    if output not in (None, "-"):
        Path(output).unlink(missing_ok=True)


def report_internal_error(tool: str, message: str, error: BaseException) -> int:
    """Say that ``tool`` failed on its own account, with the traceback for a bug report;
    the exit status of an internal error, 2."""
    sys.stderr.write(f"{tool}: internal error: {message}\n{BUG_REPORT}\n")
    traceback.print_exception(error, file=sys.stderr)
    return 2


def run_reporting_errors(tool: str, run: Callable[[], int]) -> int:
    """``run()``, with an input nested too deeply for Python's recursion reported as the
    user's error (1) and any other exception as an internal error (2)."""
    try:
        return run()
    except RecursionError:
        sys.stderr.write(f"{tool}: error: the input is nested too deeply\n")
        return 1
    except Exception as error:
        return report_internal_error(tool, f"{type(error).__name__}: {error}", error)


def tool_main(
    tool: str,
    usage: str,
    argv: list[str] | None,
    parse: Callable[[list[str]], OptionsT],
    run: Callable[[OptionsT], int],
) -> int:
    """A tool's ``main``: parse the command line (a usage error exits 1), print ``usage``
    for ``--help``, else ``run`` the options with errors reported as
    :func:`run_reporting_errors` does."""
    try:
        options = parse(sys.argv[1:] if argv is None else argv)
    except UsageError as error:
        sys.stderr.write(f"{tool}: {error}\n")
        return 1
    if options.help:
        sys.stdout.write(usage)
        return 0
    return run_reporting_errors(tool, lambda: run(options))
