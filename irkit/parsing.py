"""Parsing MLIR text into xDSL IR, with every op located at its source line and column.

xDSL's parser leaves ops without a location unless the text spells one out with
``loc(...)``. MLIR locates each op at its name, and its diagnostics depend on that, so
:class:`LocatedParser` records the position of each op name as a ``FileLineColLoc``. It
also reads ``affine_map``/``affine_set`` with MLIR's rules (:mod:`irkit.affine_syntax`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any, NoReturn

from xdsl.context import Context
from xdsl.dialects.builtin import (
    AffineMapAttr,
    AffineSetAttr,
    FileLineColLoc,
    IntAttr,
    LocationAttr,
    ModuleOp,
    StringAttr,
)
from xdsl.ir import Attribute, Operation, Region, SSAValue, TypeAttribute
from xdsl.ir.affine import AffineMap, AffineSet
from xdsl.parser import BaseParser, Parser, UnresolvedOperand
from xdsl.parser.generic_parser import ParserState
from xdsl.utils.exceptions import ParseError, VerifyException
from xdsl.utils.lexer import Input, Position, Span
from xdsl.utils.mlir_lexer import MLIRLexer, MLIRTokenKind, PunctuationSpelling

from irkit.diagnostics import Diagnostic, Severity, SourceBuffer, SourceLocation


class ParseFailure(Exception):
    """The input is not valid MLIR text; ``diagnostic`` says where and why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class NotedParseError(ParseError):
    """A parse error with a note pointing at a related place, as MLIR gives for
    redefinitions and type mismatches ("previously defined here")."""

    note_offset: int
    note: str


# xDSL's parser words some errors differently from MLIR's; MLIR's wording is the
# contract (tests written for mlir-opt --verify-diagnostics match on it).
_MLIR_WORDING: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Expected (.*)$", re.DOTALL), r"expected \1"),
    (re.compile(r"^'(.+)' expected(.*)$", re.DOTALL), r"expected '\1'\2"),
    (re.compile(r"^undefined symbol alias '#(.*)'$"), r"undefined symbol alias id '\1'"),
    (re.compile(r"^attribute expected$"), "expected attribute value"),
]


def mlir_wording(message: str) -> str:
    for pattern, replacement in _MLIR_WORDING:
        message = pattern.sub(replacement, message)
    return message


class _Lexer(MLIRLexer):
    """xDSL's MLIR lexer with a string-literal pattern that has no nested repetition:
    xDSL's backtracks exponentially on an unterminated literal, hanging the parser."""

    _unescaped_characters_regex = re.compile(r'"(?:[^"\\\n\v\f]|\\(?:["nt\\]|[0-9A-Fa-f]{2}))*"')


class LocatedParser(Parser):
    """xDSL's parser, giving each parsed op the location of its name."""

    def __init__(self, ctx: Context, buffer: SourceBuffer) -> None:
        # xDSL's parser makes its own lexer; irkit's lexes string literals in linear time.
        super().__init__(ctx, "", buffer.name)
        self._resume_from(ParserState(_Lexer(Input(buffer.text, buffer.name))))
        self._buffer = buffer
        self._op_name_offsets: list[int] = []
        self._filename = StringAttr(buffer.name)
        self.first_forward_use: dict[str, int] = {}
        self._definition_offsets: dict[str, int] = {}
        self._last_parsed_location: LocationAttr | None = None
        # MLIR prefixes the errors of a custom op's own parser with "custom op 'NAME' ",
        # but not those of its core parser (see `_core`).
        self._error_prefixes: list[str] = []

    def raise_error(
        self,
        msg: str,
        at_position: Position | Span | None = None,
        end_position: Position | None = None,
    ) -> NoReturn:
        prefix = self._error_prefixes[-1] if self._error_prefixes else ""
        super().raise_error(prefix + mlir_wording(msg), at_position, end_position)

    def _raise_noted(self, offset: int, message: str, note_offset: int, note: str) -> NoReturn:
        span = Span(offset, offset, self.lexer.input)
        raise NotedParseError(span, message, note_offset, note)

    def _register_ssa_definition(self, name: str, values: Sequence[SSAValue], span: Span) -> None:
        if name in self._definition_offsets and name in self.ssa_values:
            self._raise_noted(
                span.start,
                f"redefinition of SSA value '%{name}'",
                self._definition_offsets[name],
                "previously defined here",
            )
        self._definition_offsets[name] = span.start
        super()._register_ssa_definition(name, values, span)

    @contextmanager
    def _core(self) -> Iterator[None]:
        """Parse as MLIR's core parser, which a custom op's parser calls for tokens,
        operands, arguments, types, attributes, regions and affine expressions: its
        errors have no "custom op" prefix."""
        self._error_prefixes.append("")
        try:
            yield
        finally:
            self._error_prefixes.pop()

    def _raise_wrong_token(self, message: str) -> NoReturn:
        """MLIR's ``emitWrongTokenError``, a core-parser error about the current token,
        reported just past the previous one: a token missing at the end of a line is
        reported on that line, not at the start of the next."""
        text = self.lexer.input.content
        token = self._current_token
        offset = token.span.start
        if token.kind == MLIRTokenKind.EOF:
            offset = max(offset - 1, 0)
        end = offset
        while True:
            while end > 0 and text[end - 1] in " \t":
                end -= 1
            if end == 0:
                end = offset
                break
            if text[end - 1] not in "\n\r":
                break
            end -= 1
            # Back up over a `//` comment ending the previous line too.
            line_start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end), 0)
            comment = text.find("//", line_start, end)
            if comment >= 0:
                end = comment
        with self._core():
            self.raise_error(message, end)

    def parse_characters(self, text: str, context_msg: str = "") -> str:
        if self.parse_optional_characters(text) is None:
            self._raise_wrong_token(f"expected '{text}'{context_msg}")
        return text

    def parse_punctuation(
        self, punctuation: PunctuationSpelling, context_msg: str = ""
    ) -> PunctuationSpelling:
        if self.parse_optional_punctuation(punctuation) is None:
            self._raise_wrong_token(f"expected '{punctuation}'{context_msg}")
        return punctuation

    def parse_optional_unresolved_operand(self) -> UnresolvedOperand | None:
        with self._core():
            return super().parse_optional_unresolved_operand()

    def parse_unresolved_operand(self, msg: str = "expected SSA operand") -> UnresolvedOperand:
        if (operand := self.parse_optional_unresolved_operand()) is None:
            self._raise_wrong_token(mlir_wording(msg))
        return operand

    def parse_optional_argument(
        self, expect_type: bool = True
    ) -> Parser.UnresolvedArgument | Parser.Argument | None:
        if self._current_token.kind != MLIRTokenKind.PERCENT_IDENT:
            return None
        with self._core():
            argument = super().parse_optional_argument(expect_type=False)
            assert argument is not None
            if self._current_token.kind == MLIRTokenKind.HASH_IDENT:
                self.raise_error("result number not allowed in argument list")
            if not expect_type:
                return argument
            self.parse_punctuation(":")
            return Parser.Argument(argument.name, self.parse_type())

    def parse_argument(
        self, *, expect_type: bool = True
    ) -> Parser.UnresolvedArgument | Parser.Argument:
        if (argument := self.parse_optional_argument(expect_type)) is None:
            self._raise_wrong_token("expected SSA operand")
        return argument

    def parse_optional_type(self) -> TypeAttribute | None:
        with self._core():
            return super().parse_optional_type()

    def parse_type(self) -> TypeAttribute:
        with self._core():
            return super().parse_type()

    def parse_optional_attribute(self) -> Attribute | None:
        with self._core():
            return super().parse_optional_attribute()

    def parse_attribute(self) -> Attribute:
        if (attribute := self.parse_optional_attribute()) is None:
            self._raise_wrong_token("expected attribute value")
        return attribute

    # MLIR's wording for the brackets of `affine_map<...>` and `affine_set<...>`.
    def _parse_builtin_affine_map(self) -> AffineMapAttr:
        self.parse_characters("<", " in affine map")
        affine_map = self.parse_affine_map()
        self.parse_characters(">", " in affine map")
        return AffineMapAttr(affine_map)

    def _parse_builtin_affine_set(self) -> AffineSetAttr:
        self.parse_characters("<", " in integer set")
        affine_set = self.parse_affine_set()
        self.parse_characters(">", " in integer set")
        return AffineSetAttr(affine_set)

    def parse_affine_map(self) -> AffineMap:
        from irkit.affine_syntax import parse_affine_map_body  # it imports this module

        return parse_affine_map_body(self)

    def parse_affine_set(self) -> AffineSet:
        from irkit.affine_syntax import parse_affine_set_body  # it imports this module

        return parse_affine_set_body(self)

    def resolve_operand(self, operand: UnresolvedOperand, type: Attribute) -> SSAValue:
        name = operand.operand_name
        if name not in self.ssa_values and name not in self.forward_ssa_references:
            self.first_forward_use.setdefault(name, operand.span.start)
        # The note points at the definition, or at the first use of a value not yet
        # defined, as MLIR's does.
        prior: SSAValue | None = None
        known = self.ssa_values.get(name)
        if known is not None and operand.index < len(known):
            prior, prior_offset = known[operand.index], self._definition_offsets.get(name)
        elif name in self.forward_ssa_references:
            prior = self.forward_ssa_references[name].get(operand.index)
            prior_offset = self.first_forward_use.get(name)
        if prior is not None and prior.type != type:
            self._raise_noted(
                operand.span.start,
                f"use of value '%{name}' expects different type than prior uses: "
                f"'{type}' vs '{prior.type}'",
                operand.span.start if prior_offset is None else prior_offset,
                "prior use here",
            )
        return super().resolve_operand(operand, type)

    def parse_optional_region(
        self, arguments: Iterable[Parser.Argument] | None = None
    ) -> Region | None:
        arguments = None if arguments is None else list(arguments)
        for argument in arguments or ():
            name = argument.name.text[1:]
            if name in self.forward_ssa_references:
                self._raise_noted(
                    argument.name.start,
                    f"region entry argument '%{name}' is already in use",
                    self.first_forward_use.get(name, argument.name.start),
                    "previously referenced here",
                )
        with self._core():
            region = super().parse_optional_region(arguments)
        if region is not None and arguments:
            # Entry arguments without an explicit `loc(...)` are located at their name.
            for block_arg, argument in zip(region.blocks[0].args, arguments, strict=False):
                if argument.location is None:
                    block_arg.location = self._file_location(argument.name.start)
        return region

    def parse_region(self, arguments: Iterable[Parser.Argument] | None = None) -> Region:
        if (region := self.parse_optional_region(arguments)) is None:
            self._raise_wrong_token("expected '{' to begin a region")
        return region

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
        with self._core():
            self.raise_error(message, offset, offset + len(name))

    def _parse_op_result_list(self) -> list[tuple[Span, int]]:
        results = super()._parse_op_result_list()
        # The op name follows the results: that is where MLIR locates the op.
        token = self._current_token
        self._op_name_offsets.append(token.span.start)
        custom = token.kind == MLIRTokenKind.BARE_IDENT
        self._error_prefixes.append(f"custom op '{token.span.text}' " if custom else "")
        return results

    def parse_operation(self) -> Operation:
        names, prefixes = len(self._op_name_offsets), len(self._error_prefixes)
        try:
            op = super().parse_operation()
        finally:
            # Nothing was pushed if the result list, before the name, failed to parse.
            offsets = self._op_name_offsets[names:]
            del self._op_name_offsets[names:]
            del self._error_prefixes[prefixes:]
        # The op's own trailing `loc(...)` is the last location parsed for it; only an
        # op without one gets its source position (`loc(unknown)` stays unknown).
        if self._last_parsed_location is None:
            op.location = self._file_location(offsets[0])
        self._last_parsed_location = None
        return op

    def _file_location(self, offset: int) -> FileLineColLoc:
        loc = self._buffer.location(offset)
        return FileLineColLoc(self._filename, IntAttr(loc.line), IntAttr(loc.column))

    def parse_optional_location(self) -> LocationAttr | None:
        self._last_parsed_location = super().parse_optional_location()
        return self._last_parsed_location

    def current_location(self) -> SourceLocation:
        return self._buffer.location(self._current_token.span.start)


# MLIR's parser facilities that a dialect's parser may need, for any xDSL parser: irkit's
# LocatedParser behaves as MLIR's parser, a plain xDSL parser as before.


def core_parsing(parser: BaseParser) -> AbstractContextManager[None]:
    """Errors raised inside are MLIR's core parser's, which it does not prefix with
    "custom op 'NAME'" even while a custom op's parser runs."""
    return parser._core() if isinstance(parser, LocatedParser) else nullcontext()


def raise_wrong_token(parser: BaseParser, message: str) -> NoReturn:
    """MLIR's ``emitWrongTokenError``: a core-parser error about the current token,
    reported just past the previous token."""
    if isinstance(parser, LocatedParser):
        parser._raise_wrong_token(message)
    parser.raise_error(message)


def op_name_position(parser: BaseParser) -> Position:
    """Where MLIR's ``OpAsmParser::getNameLoc()`` points: the name of the op being
    parsed (the current position for a parser that does not track it)."""
    if isinstance(parser, LocatedParser) and parser._op_name_offsets:
        return parser._op_name_offsets[-1]
    return parser.pos


def _error(location: SourceLocation, message: str) -> ParseFailure:
    return ParseFailure(Diagnostic(Severity.ERROR, message, location))


def parse_module(
    ctx: Context, buffer: SourceBuffer, allow_implicit_module: bool = True
) -> ModuleOp:
    """Parse a whole buffer; raise :class:`ParseFailure` on malformed input."""
    try:
        parser = LocatedParser(ctx, buffer)
    except ParseError as error:
        # Making the parser lexes the first token.
        raise _error(buffer.location(error.span.start), error.msg) from None
    try:
        if parser._current_token.kind == MLIRTokenKind.EOF:
            # An empty file is an empty module, as in MLIR.
            return ModuleOp([])
        return parser.parse_module(allow_implicit_module)
    except NotedParseError as error:
        failure = _error(buffer.location(error.span.start), error.msg)
        failure.diagnostic.attach_note(error.note, buffer.location(error.note_offset))
        raise failure from None
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
