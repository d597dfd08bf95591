"""irkit-opt: parse, verify, transform and print IR, with mlir-opt's command line.

    irkit-opt [FILE|-] [--PASS[=options]]... [--pass-pipeline=PIPELINE] [-p PASSES]
              [--split-input-file] [--verify-diagnostics] [--mlir-print-op-generic]
              [--mlir-print-debuginfo] [--mlir-print-ir-before-all]
              [--mlir-print-ir-after-all] [--mlir-timing] [--allow-unregistered-dialect]
              [-o OUT]

Exit status: 0 on success, 1 for bad input or a failed pass, 2 for an internal error.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from io import StringIO

from irkit.tools.common import (
    UsageError,
    discard_output,
    read_input,
    report_internal_error,
    write_output,
)
from xdsl.context import Context
from xdsl.ir import Operation
from xdsl.utils.exceptions import DiagnosticException

from irkit.diagnostics import (
    DiagnosedError,
    Diagnostic,
    OpError,
    Severity,
    SourceBuffer,
    SourceLocation,
    SourceManager,
    diagnostic_handler,
    emit,
    format_diagnostic,
    op_generic_text,
    report,
)
from irkit.parsing import ParseFailure, parse_module
from irkit.pass_pipeline import (
    OpPipeline,
    PassCrashed,
    PassEntry,
    PassInstrumentation,
    PipelineError,
    make_pass,
    parse_pipeline,
    parse_top_level_pipeline,
    run_pipeline,
)
from irkit.printing import print_ir
from irkit.registry import Registry, default_registry
from irkit.verifier import verify
from irkit.verify_diagnostics import DiagnosticVerifier, VerificationError, parse_expectations

TOOL = "irkit-opt"

_FLAGS: dict[str, str] = {
    "split-input-file": "Split the input file into pieces at '// -----' and process each "
    "piece independently",
    "verify-diagnostics": "Check that emitted diagnostics match expected-* lines on the "
    "corresponding line (=only-expected: ignore unexpected diagnostics)",
    "mlir-print-op-generic": "Print the generic op form",
    "mlir-print-debuginfo": "Print debug info (locations) in the output",
    "mlir-print-ir-before-all": "Print the IR before every pass, to stderr",
    "mlir-print-ir-after-all": "Print the IR after every pass, to stderr",
    "mlir-timing": "Display execution times of the parser, each pass and the printer",
    "allow-unregistered-dialect": "Allow operations of dialects that are not registered",
    "no-implicit-module": "Require the input to be a single builtin.module op",
    "mlir-disable-threading": "Accepted for compatibility: irkit-opt is single-threaded",
    "show-dialects": "Print the registered dialects and exit",
    "help": "Print this help and exit",
    "version": "Print the version and exit",
}
_VALUED: dict[str, str] = {
    "o": "Output file name (default: stdout)",
    "pass-pipeline": "A textual pass pipeline, e.g. 'builtin.module(func.func(cse))'",
    "p": "xDSL-style comma-separated passes, e.g. 'canonicalize,cse{...}'",
    "passes": "Same as -p",
}


@dataclass
class Options:
    input: str = "-"
    output: str | None = None
    flags: dict[str, str] = field(default_factory=dict[str, str])
    pipeline: OpPipeline = field(default_factory=lambda: OpPipeline("builtin.module"))

    def has(self, flag: str) -> bool:
        return flag in self.flags


def parse_command_line(argv: list[str], registry: Registry) -> Options:
    """MLIR's conventions: ``-flag`` and ``--flag`` alike, ``--opt=value`` or ``--opt value``,
    and every registered pass as a flag, applied in command-line order."""
    options = Options()
    inputs: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "-" or not arg.startswith("-"):
            inputs.append(arg)
            continue
        if arg == "--":
            inputs.extend(args)
            break
        name, eq, value = arg.lstrip("-").partition("=")
        if name in _FLAGS:
            _set_flag(options, name, value)
        elif name in _VALUED:
            if not eq:
                if not args:
                    raise UsageError(f"option '{arg}' requires a value")
                value = args.pop(0)
            _apply_valued(options, registry, name, value)
        elif name in registry.passes:
            options.pipeline.elements.append(make_pass(registry, name, value))
        else:
            raise UsageError(f"Unknown command line argument '{arg}'.  Try: '{TOOL} --help'")
    if len(inputs) > 1:
        raise UsageError(f"Too many positional arguments specified: {' '.join(inputs)}")
    if inputs:
        options.input = inputs[0]
    return options


# Values a boolean flag takes after `=`, as LLVM's cl::opt accepts them; some flags
# also take a mode.
_TRUE, _FALSE = ("", "true", "1"), ("false", "0")
_FLAG_MODES = {"verify-diagnostics": ("all", "only-expected")}


def _set_flag(options: Options, name: str, value: str) -> None:
    if value in _FALSE:
        options.flags.pop(name, None)
    elif value in _TRUE or value in _FLAG_MODES.get(name, ()):
        options.flags[name] = value
    else:
        raise UsageError(f"for the --{name} option: Cannot find option named '{value}'!")


def _apply_valued(options: Options, registry: Registry, name: str, value: str) -> None:
    if name == "o":
        options.output = value
    elif name == "pass-pipeline":
        options.pipeline.elements.extend(parse_top_level_pipeline(registry, value).elements)
    else:
        options.pipeline.elements.extend(parse_pipeline(registry, value).elements)


def help_text(registry: Registry) -> str:
    out = StringIO()
    out.write(
        f"OVERVIEW: irkit modular optimizer driver\n\nUSAGE: {TOOL} [options] <input file>\n\n"
    )
    out.write("OPTIONS:\n")
    for name, text in {**_VALUED, **_FLAGS}.items():
        dash = "-" if len(name) == 1 else "--"
        value = "=<value>" if name in _VALUED else ""
        out.write(f"  {dash}{name}{value:<{max(0, 34 - len(dash + name))}} - {text}\n")
    out.write("\nPASSES (each is also a flag: --NAME or --NAME='opt=value ...'):\n")
    for name, factory in sorted(registry.passes.items()):
        pass_class = factory()
        summary = registry.summaries.get(name) or _summary(pass_class)
        out.write(f"  --{name:<36} - {summary}\n")
        for option in _pass_options(pass_class):
            out.write(f"      {option}\n")
    return out.getvalue()


def _summary(pass_class: type) -> str:
    doc = (pass_class.__doc__ or "").strip()
    return doc.splitlines()[0].strip() if doc else "(no description)"


def _pass_options(pass_class: type) -> list[str]:
    import dataclasses

    lines = []
    for option in dataclasses.fields(pass_class):
        if option.name == "name" or not option.init:
            continue
        kind = getattr(option.type, "__name__", str(option.type))
        help_line = option.metadata.get("help", "")
        default = option.default if option.default is not dataclasses.MISSING else None
        text = f"--{option.name.replace('_', '-')}=<{kind}>"
        if default is not None:
            text += f" (default: {default})"
        if help_line:
            text += f" - {help_line}"
        lines.append(text)
    return lines


@dataclass
class Chunk:
    """A piece of the input, and the 1-based file lines it spans."""

    text: str
    first_line: int
    last_line: int


def split_input(text: str, split: bool) -> list[Chunk]:
    lines = text.split("\n")
    if not split:
        return [Chunk(text, 1, len(lines))]
    chunks: list[Chunk] = []
    start = 0
    for index, line in enumerate(lines):
        if line.strip().startswith("// -----"):
            chunks.append(_chunk(lines, start, index))
            start = index + 1
    chunks.append(_chunk(lines, start, len(lines)))
    return chunks


def _chunk(lines: list[str], start: int, end: int) -> Chunk:
    # Blank lines before the chunk keep every line and column where it is in the file.
    return Chunk("\n" * start + "\n".join(lines[start:end]), start + 1, end)


class Driver:
    def __init__(self, options: Options, registry: Registry) -> None:
        self.options = options
        self.registry = registry
        self.sources = SourceManager()
        self.timings: dict[str, float] = {}

    def report(self, diagnostic: Diagnostic) -> None:
        sys.stderr.write(format_diagnostic(diagnostic, self.sources))

    def context(self) -> Context:
        return self.registry.make_context(self.options.has("allow-unregistered-dialect"))

    def run_chunk(self, buffer: SourceBuffer) -> str | None:
        """Parse, verify, transform and print one chunk; None when it failed."""
        ctx = self.context()
        verify_mode = self.options.has("verify-diagnostics")
        try:
            start = time.perf_counter()
            try:
                module = parse_module(ctx, buffer, not self.options.has("no-implicit-module"))
            except ParseFailure as failure:
                report(failure.diagnostic)
                return None
            self._time("Parser", start)
            verify(module)
            instrumentation = PassInstrumentation()
            if self.options.has("mlir-print-ir-before-all"):
                instrumentation.before.append(self._dump("Before"))
            if self.options.has("mlir-print-ir-after-all"):
                instrumentation.after.append(self._dump("After"))
            run_pipeline(
                ctx,
                self.options.pipeline,
                module,
                instrumentation,
                verify,
            )
            for name, seconds in instrumentation.timings.items():
                self.timings[name] = self.timings.get(name, 0.0) + seconds
            start = time.perf_counter()
            text = self.print_module(module)
            self._time("Output", start)
            return text
        except OpError as error:
            self._op_error(error, verify_mode)
        except DiagnosedError:
            pass
        except DiagnosticException as error:
            # xDSL passes signal failure with exceptions that carry no location.
            emit(Severity.ERROR, None, str(error).strip())
        return None

    def _op_error(self, error: OpError, verify_mode: bool) -> None:
        # As in mlir-opt, the op is printed (outside -verify-diagnostics) before the
        # error's own notes.
        notes: list[tuple[str, Operation | SourceLocation | None]] = (
            []
            if verify_mode
            else [("see current operation: " + op_generic_text(error.op).strip(), error.op)]
        )
        notes.extend(error.notes)
        emit(Severity.ERROR, error.op, error.text, notes)

    def _dump(self, when: str):
        def dump(entry: PassEntry, op: Operation) -> None:
            pass_class = type(entry.instance).__name__
            sys.stderr.write(f"// -----// IR Dump {when} {pass_class} ({entry.name}) //----- //\n")
            sys.stderr.write(self.print_module(op) + "\n")

        return dump

    def _time(self, name: str, start: float) -> None:
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start

    def print_module(self, op: Operation) -> str:
        return print_ir(
            op,
            generic=self.options.has("mlir-print-op-generic"),
            debuginfo=self.options.has("mlir-print-debuginfo"),
        )

    def run(self, name: str, text: str) -> int:
        whole = SourceBuffer(name, text)
        self.sources.add(whole)
        outputs: list[str | None] = []
        failed = False
        verify_mode = self.options.has("verify-diagnostics")
        for chunk in split_input(text, self.options.has("split-input-file")):
            buffer = SourceBuffer(name, chunk.text)
            if verify_mode:
                ok, output = self._run_verified(whole, buffer, chunk)
                failed |= not ok
            else:
                with diagnostic_handler(self.report_and_count):
                    self.errors = 0
                    output = self.run_chunk(buffer)
                failed |= output is None or self.errors > 0
            outputs.append(output)
        written = self._write(outputs, failed)
        if self.options.has("mlir-timing"):
            self._print_timing()
        return 1 if failed or not written else 0

    def report_and_count(self, diagnostic: Diagnostic) -> None:
        if diagnostic.severity is Severity.ERROR:
            self.errors += 1
        self.report(diagnostic)

    def _run_verified(
        self, whole: SourceBuffer, buffer: SourceBuffer, chunk: Chunk
    ) -> tuple[bool, str | None]:
        try:
            expectations = parse_expectations(whole, chunk.first_line, chunk.last_line)
        except VerificationError as error:
            self.report(Diagnostic(Severity.ERROR, str(error), error.location))
            return False, None
        mode = self.options.flags.get("verify-diagnostics", "")
        verifier = DiagnosticVerifier(expectations, only_expected=mode == "only-expected")
        with diagnostic_handler(verifier):
            output = self.run_chunk(buffer)
        failures = verifier.finish()
        for diagnostic, underline in failures:
            sys.stderr.write(format_diagnostic(diagnostic, self.sources, underline))
        return not failures, output

    def _write(self, outputs: list[str | None], failed: bool) -> bool:
        """Write the output; False when the output file cannot be written."""
        text = "// -----\n".join(output or "" for output in outputs)
        if failed and self.options.output not in (None, "-"):
            # A failed run prints what it has, but leaves no output file.
            discard_output(self.options.output)
            return True
        return write_output(TOOL, self.options.output, text)

    def _print_timing(self) -> None:
        total = sum(self.timings.values()) or 1e-9
        rule = "===" + "-" * 73 + "==="
        lines = [rule, "... Execution time report ...".center(79), rule]
        lines.append(f"  Total Execution Time: {total:.4f} seconds\n")
        lines.append("  ----Wall Time----  ----Name----")
        for name, seconds in self.timings.items():
            lines.append(f"  {seconds:8.4f} ({100 * seconds / total:5.1f}%)  {name}")
        lines.append(f"  {total:8.4f} (100.0%)  Total")
        sys.stderr.write("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    registry = default_registry()
    try:
        options = parse_command_line(argv, registry)
    except (UsageError, PipelineError) as error:
        sys.stderr.write(f"{TOOL}: {error}\n")
        return 1
    if options.has("help"):
        sys.stdout.write(help_text(registry))
        return 0
    if options.has("version"):
        from irkit import __version__

        sys.stdout.write(f"irkit-opt (irkit {__version__})\n")
        return 0
    if options.has("show-dialects"):
        sys.stdout.write("Available Dialects: " + ", ".join(sorted(registry.dialects)) + "\n")
        return 0
    source = read_input(options.input)
    if isinstance(source, Diagnostic):
        sys.stderr.write(format_diagnostic(source))
        return 1
    driver = Driver(options, registry)
    try:
        return driver.run(*source)
    except PassCrashed as crash:
        return report_internal_error(TOOL, str(crash), crash.error)
    except RecursionError:
        sys.stderr.write(f"{source[0]}: error: input is nested too deeply\n")
        return 1
    except Exception as error:
        return report_internal_error(TOOL, f"{type(error).__name__}: {error}", error)


if __name__ == "__main__":
    sys.exit(main())
