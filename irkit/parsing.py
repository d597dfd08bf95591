"""Parsing MLIR text into xDSL IR, with every op located at its source line and column.

xDSL's parser leaves ops without a location unless the text spells one out with
``loc(...)``. MLIR locates each op at its name, and its diagnostics depend on that, so
:class:`LocatedParser` records the position of each op name as a ``FileLineColLoc``.
"""

from __future__ import annotations

from typing import Any

from xdsl.context import Context
from xdsl.dialects.builtin import FileLineColLoc, IntAttr, ModuleOp, StringAttr, UnknownLoc
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.parser import Parser, UnresolvedOperand
from xdsl.utils.exceptions import ParseError, VerifyException
from xdsl.utils.lexer import Span
from xdsl.utils.mlir_lexer import MLIRTokenKind

from irkit.diagnostics import Diagnostic, Severity, SourceBuffer, SourceLocation


class ParseFailure(Exception):
    """The input is not valid MLIR text; ``diagnostic`` says where and why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class LocatedParser(Parser):
    """xDSL's parser, giving each parsed op the location of its name."""

    def __init__(self, ctx: Context, buffer: SourceBuffer) -> None:
        super().__init__(ctx, buffer.text, buffer.name)
        self._buffer = buffer
        self._op_name_offsets: list[int] = []
        self._filename = StringAttr(buffer.name)
        self.first_forward_use: dict[str, int] = {}

    def resolve_operand(self, operand: UnresolvedOperand, type: Attribute) -> SSAValue:
        name = operand.operand_name
        if name not in self.ssa_values and name not in self.forward_ssa_references:
            self.first_forward_use.setdefault(name, operand.span.start)
        return super().resolve_operand(operand, type)

    def _get_op_by_name(self, name: str) -> type[Operation]:
        op_type = self.ctx.get_optional_op(name, dialect_stack=self._parser_state.dialect_stack)
        if op_type is not None:
            return op_type
        dialect = name.partition(".")[0]
        if dialect in self.ctx.registered_dialect_names:
            message = f"custom op '{name}' is unknown"
        else:
            message = (
                f"operation '{name}' of unregistered dialect '{dialect}'; if this is intended, "
                "use --allow-unregistered-dialect"
            )
        offset = self._op_name_offsets[-1]
        self.raise_error(message, offset, offset + len(name))

    def _parse_op_result_list(self) -> list[tuple[Span, int]]:
        results = super()._parse_op_result_list()
        # The op name follows the results: that is where MLIR locates the op.
        self._op_name_offsets.append(self._current_token.span.start)
        return results

    def parse_operation(self) -> Operation:
        try:
            op = super().parse_operation()
        finally:
            offset = self._op_name_offsets.pop()
        if isinstance(op.location, UnknownLoc):
            loc = self._buffer.location(offset)
            op.location = FileLineColLoc(self._filename, IntAttr(loc.line), IntAttr(loc.column))
        return op

    def current_location(self) -> SourceLocation:
        return self._buffer.location(self._current_token.span.start)


def _error(location: SourceLocation, message: str) -> ParseFailure:
    return ParseFailure(Diagnostic(Severity.ERROR, message, location))


def parse_module(
    ctx: Context, buffer: SourceBuffer, allow_implicit_module: bool = True
) -> ModuleOp:
    """Parse a whole buffer; raise :class:`ParseFailure` on malformed input."""
    parser = LocatedParser(ctx, buffer)
    try:
        if parser._current_token.kind == MLIRTokenKind.EOF:
            # An empty file is an empty module, as in MLIR.
            return ModuleOp([])
        return parser.parse_module(allow_implicit_module)
    except ParseError as error:
        if parser.forward_ssa_references and error.msg.startswith("values used but not"):
            # Report the first use of an undefined value, where MLIR reports it.
            offset = min(
                parser.first_forward_use.get(name, error.span.start)
                for name in parser.forward_ssa_references
            )
            raise _error(buffer.location(offset), "use of undeclared SSA value name") from None
        raise _error(buffer.location(error.span.start), error.msg) from None
    except VerifyException as error:
        # Attribute and type parameters are verified as they are built, mid-parse.
        raise _error(parser.current_location(), str(error)) from None
    except (ValueError, TypeError, KeyError, IndexError, AssertionError, RecursionError) as error:
        # xDSL's parser lets a few malformed inputs escape as Python errors; they are
        # still the input's fault, so they are reported where the parser stopped.
        raise _error(parser.current_location(), _describe(error)) from None


def _describe(error: Any) -> str:
    text = str(error).strip()
    return text if text else type(error).__name__
