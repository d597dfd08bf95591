"""irkit-translate: the llvm dialect to LLVM IR, assembly or an object file.

    irkit-translate [FILE.mlir|-] [--mlir-to-llvmir] [--target=TRIPLE] [--cpu=CPU]
                    [--features=FEATURES] [--emit=llvmir|asm|obj|shared|ptx] [-O0..3] [-o OUT]

The input is a module in MLIR's llvm dialect (what `irkit-opt --lower-to-llvm` prints).
`--emit=llvmir` (the default) prints LLVM IR, as `mlir-translate --mlir-to-llvmir` does;
with `-O1` and up, the IR is optimised for the target first. `--emit=ptx` targets
nvptx64-nvidia-cuda unless told otherwise and makes the `_mlir_ciface_` entry points kernels.
`--emit=shared` links a host shared library OUT with the system C compiler (`$CC`, else
`cc`) and writes OUT's C header, declaring the entry points, beside it (OUT with suffix .h).
Exit status: 0 on success, 1 for bad input, a bad command line or a target LLVM rejects,
2 for an internal error.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from irkit.tools.common import (
    UsageError,
    discard_output,
    parse_arguments,
    read_input,
    tool_main,
    write_output,
)

from irkit.diagnostics import (
    DiagnosedError,
    Diagnostic,
    OpError,
    Severity,
    SourceBuffer,
    SourceManager,
    diagnostic_handler,
    emit,
    format_diagnostic,
)
from irkit.parsing import ParseFailure, parse_module
from irkit.registry import make_context
from irkit.target.codegen import CodegenError, CodegenOptions, Emit, codegen, is_host
from irkit.target.llvmir import translate_to_llvmlite
from irkit.target.shared import LinkError, c_header, link_shared
from irkit.verifier import verify

TOOL = "irkit-translate"
PTX_TRIPLE = "nvptx64-nvidia-cuda"
C_INTERFACE_PREFIX = "_mlir_ciface_"

USAGE = f"""OVERVIEW: translates the llvm dialect to LLVM IR, assembly or an object file

USAGE: {TOOL} [options] <input file>

OPTIONS:
  --mlir-to-llvmir          Translate MLIR (llvm dialect) to LLVM IR (the default)
  --target=<triple>         Target triple (default: the host)
  --cpu=<name>              Target CPU (default: the host's, for the host)
  --features=<list>         Target features, e.g. +v or +neon,-sve
  --emit=<kind>             llvmir (default), asm, obj, shared (a .so and its .h) or ptx
  -O0, -O1, -O2, -O3        Optimisation level (default: -O0 for llvmir, -O2 otherwise)
  -o <file>                 Output file name (default: stdout; needed for obj and shared)
  --help                    Print this help and exit
"""


@dataclass
class Options:
    input: str = "-"
    output: str | None = None
    triple: str = ""
    cpu: str = ""
    features: str = ""
    emit: Emit = Emit.LLVMIR
    opt_level: int | None = None
    help: bool = False

    def codegen_options(self) -> CodegenOptions:
        default_level = 0 if self.emit is Emit.LLVMIR else 2
        triple = self.triple or (PTX_TRIPLE if self.emit is Emit.PTX else "")
        return CodegenOptions(
            triple=triple,
            cpu=self.cpu,
            features=self.features,
            opt_level=default_level if self.opt_level is None else self.opt_level,
            emit=self.emit,
        )


_VALUED = ("o", "target", "cpu", "features", "emit")


def parse_command_line(argv: list[str]) -> Options:
    options = Options()
    flags = ("O0", "O1", "O2", "O3", "mlir-to-llvmir", "help", "h")
    source, parsed = parse_arguments(TOOL, argv, _VALUED, flags)
    options.input = source or options.input
    for name, value in parsed:
        if name in _VALUED:
            _set(options, name, value)
        elif name in ("help", "h"):
            options.help = True
        elif name != "mlir-to-llvmir":  # the only translation there is
            options.opt_level = int(name[1])
    return options


def _set(options: Options, name: str, value: str) -> None:
    match name:
        case "o":
            options.output = value
        case "target":
            options.triple = value
        case "cpu":
            options.cpu = value
        case "features":
            options.features = value
        case _:
            try:
                options.emit = Emit(value)
            except ValueError:
                kinds = ", ".join(kind.value for kind in Emit)
                raise UsageError(
                    f"for the --emit option: Cannot find option named '{value}' (one of {kinds})"
                ) from None


def _translate(options: Options, sources: SourceManager, name: str, text: str) -> bytes | None:
    """The output, or None after reporting why there is none."""
    buffer = SourceBuffer(name, text)
    sources.add(buffer)
    try:
        ctx = make_context()
        module = parse_module(ctx, buffer)
        verify(module)
        llvm_module = translate_to_llvmlite(module)
    except ParseFailure as failure:
        sys.stderr.write(format_diagnostic(failure.diagnostic, sources))
        return None
    except OpError as error:
        emit(Severity.ERROR, error.op, error.text, [(m, op) for m, op in error.notes])
        return None
    except DiagnosedError:
        return None
    header_name = Path(str(options.output)).with_suffix(".h").name
    guard = "".join(c if c.isalnum() else "_" for c in header_name.upper())
    header = c_header(module, guard) if options.emit is Emit.SHARED else ""
    if options.emit is Emit.PTX:
        for function in llvm_module.functions:
            if function.name.startswith(C_INTERFACE_PREFIX) and not function.is_declaration:
                function.calling_convention = "ptx_kernel"
    try:
        result = codegen(str(llvm_module), options.codegen_options())
        if options.emit is Emit.SHARED:
            link_shared(result, Path(str(options.output)))
            return header.encode()
        return result
    except (CodegenError, LinkError) as error:
        sys.stderr.write(f"{TOOL}: error: {error}\n")
        return None


def run(options: Options) -> int:
    if options.emit.is_binary and options.output in (None, "-"):
        sys.stderr.write(f"{TOOL}: error: --emit={options.emit} writes binary: use -o FILE\n")
        return 1
    if options.emit is Emit.SHARED and not is_host(options.triple):
        sys.stderr.write(f"{TOOL}: error: --emit=shared links for the host only\n")
        return 1
    source = read_input(options.input)
    if isinstance(source, Diagnostic):
        sys.stderr.write(format_diagnostic(source))
        discard_output(options.output)
        return 1
    name, text = source
    sources = SourceManager()
    with diagnostic_handler(lambda d: sys.stderr.write(format_diagnostic(d, sources))):
        result = _translate(options, sources, name, text)
    if result is None:
        discard_output(options.output)
        return 1
    output = options.output
    if options.emit is Emit.SHARED:
        # The library is in place; what comes back is its header.
        output = str(Path(str(output)).with_suffix(".h"))
    return 0 if write_output(TOOL, output, result) else 1


def main(argv: list[str] | None = None) -> int:
    return tool_main(TOOL, USAGE, argv, parse_command_line, run)


if __name__ == "__main__":
    sys.exit(main())
