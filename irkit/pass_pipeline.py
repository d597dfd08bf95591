"""MLIR's textual pass pipelines, and running them with xDSL module passes.

Grammar, as in ``mlir-opt --pass-pipeline``::

    pipeline      ::= element (`,` element)*
    element       ::= op-name `(` pipeline? `)`          nested pipeline, anchored on an op
                    | pass-name (`{` options `}`)?
    options       ::= option (whitespace option)*
    option        ::= key (`=` value)?                    value: a list is `1,2,3`

A pass nested under an op anchor runs once on every op of that name directly inside the
enclosing anchor, as MLIR's nested pass managers do. ``any`` anchors on every op.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import UnionType
from typing import Union, get_args, get_origin, get_type_hints

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation
from xdsl.passes import ModulePass
from xdsl.utils.arg_spec import ArgSpec, ParameterType
from xdsl.utils.exceptions import DiagnosticException

from irkit.diagnostics import DiagnosedError, OpError
from irkit.registry import Registry, default_registry, make_context
from irkit.verifier import verify


class PipelineError(Exception):
    """A pass pipeline that names an unknown pass or gives it bad options."""


class PassCrashed(Exception):
    """A pass raised an exception that is not a diagnostic: a bug in that pass."""

    def __init__(self, pass_name: str, error: Exception) -> None:
        super().__init__(f"pass '{pass_name}' crashed: {type(error).__name__}: {error}")
        self.pass_name = pass_name
        self.error = error


@dataclass
class PassEntry:
    """One pass of a pipeline, with its options resolved."""

    name: str
    instance: ModulePass


@dataclass
class OpPipeline:
    """Passes that run on every op named ``anchor`` inside the enclosing op."""

    anchor: str
    elements: list[PassEntry | OpPipeline] = field(default_factory=list["PassEntry | OpPipeline"])

    def passes(self) -> Iterator[PassEntry]:
        for element in self.elements:
            if isinstance(element, PassEntry):
                yield element
            else:
                yield from element.passes()


def _convert_value(text: str) -> ParameterType:
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"[-+]?[0-9]+", text):
        return int(text)
    if re.fullmatch(r"[-+]?[0-9]*\.[0-9]+([eE][-+]?[0-9]+)?", text):
        return float(text)
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _split_top_level(text: str, separators: str) -> list[str]:
    """Split at separators that are outside quotes, braces, brackets and parentheses."""
    parts: list[str] = []
    depth = 0
    quote: str | None = None
    current = ""
    for ch in text:
        if quote is not None:
            current += ch
            if ch == quote:
                quote = None
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        if ch in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    if quote is not None or depth != 0:
        raise PipelineError(f"unbalanced brackets or quotes in '{text}'")
    parts.append(current)
    return parts


def parse_pass_options(text: str) -> dict[str, tuple[ParameterType, ...]]:
    """``"tile-sizes=32,32 separate"`` → ``{"tile-sizes": (32, 32), "separate": (True,)}``."""
    options: dict[str, tuple[ParameterType, ...]] = {}
    for item in _split_top_level(text.strip(), " \t\n"):
        if not item:
            continue
        key, eq, value = item.partition("=")
        if not key:
            raise PipelineError(f"missing option name in '{item}'")
        if not eq:
            options[key] = (True,)
            continue
        value = value.strip()
        if value.startswith("{") and value.endswith("}"):
            value = value[1:-1]
        options[key] = tuple(_convert_value(v.strip()) for v in _split_top_level(value, ","))
    return options


def _spelling(value: ParameterType) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _element_type(hint: object) -> object:
    """``int`` for ``int``, ``int | None`` and ``tuple[int, ...]``."""
    args = [arg for arg in get_args(hint) if arg is not type(None)]
    if get_origin(hint) in (tuple, UnionType, Union) and args:
        return _element_type(args[0])
    return hint


def _retyped(values: tuple[ParameterType, ...], hint: object) -> tuple[ParameterType, ...]:
    """Values typed by the option they are for: ``label=1`` is the string "1" when
    ``label`` is a string option, ``factor=2`` the float 2.0 for a float option."""
    element = _element_type(hint)
    if element is str:
        return tuple(_spelling(value) for value in values)
    if element is float:
        return tuple(
            float(value) if isinstance(value, int) and not isinstance(value, bool) else value
            for value in values
        )
    return values


def make_pass(registry: Registry, name: str, options_text: str = "") -> PassEntry:
    """Instantiate the registered pass ``name`` with MLIR-style options."""
    factory = registry.passes.get(name)
    if factory is None:
        raise PipelineError(f"'{name}' does not refer to a registered pass or pass pipeline")
    pass_class = factory()
    hints = get_type_hints(pass_class)
    options = {
        key: _retyped(values, hints.get(key.replace("-", "_")))
        for key, values in parse_pass_options(options_text).items()
    }
    spec = ArgSpec(name, options)
    try:
        instance = pass_class.from_pass_spec(dataclasses.replace(spec, name=pass_class.name))
    except (ValueError, TypeError) as error:
        raise PipelineError(f"invalid options for pass '{name}': {error}") from None
    return PassEntry(name, instance)


_ELEMENT = re.compile(r"\s*([A-Za-z_][\w.\-]*)\s*")


def parse_pipeline(registry: Registry, text: str, anchor: str = "builtin.module") -> OpPipeline:
    """Parse the body of a textual pipeline, e.g. ``func.func(canonicalize,cse)``."""
    pipeline = OpPipeline(anchor)
    if not text.strip():
        return pipeline
    for element in _split_top_level(text, ","):
        match = _ELEMENT.match(element)
        if match is None:
            raise PipelineError(f"expected a pass or an op name, got '{element.strip()}'")
        name, rest = match.group(1), element[match.end() :].strip()
        if rest.startswith("(") and rest.endswith(")"):
            pipeline.elements.append(parse_pipeline(registry, rest[1:-1], name))
        elif rest.startswith("{") and rest.endswith("}"):
            pipeline.elements.append(make_pass(registry, name, rest[1:-1]))
        elif not rest:
            pipeline.elements.append(make_pass(registry, name))
        else:
            raise PipelineError(f"unexpected '{rest}' after '{name}' in pass pipeline")
    return pipeline


def parse_top_level_pipeline(registry: Registry, text: str) -> OpPipeline:
    """Parse ``--pass-pipeline``: ``builtin.module(...)``, as MLIR requires an anchor."""
    text = text.strip()
    match = _ELEMENT.match(text)
    rest = text[match.end() :].strip() if match else ""
    if match is None or not (rest.startswith("(") and rest.endswith(")")):
        raise PipelineError(
            "pass pipeline must be anchored on an op, e.g. 'builtin.module(canonicalize)'"
        )
    if match.group(1) not in ("builtin.module", "any"):
        raise PipelineError(f"can't run '{match.group(1)}' pass manager on 'builtin.module' op")
    return parse_pipeline(registry, rest[1:-1], "builtin.module")


PassCallback = Callable[[PassEntry, Operation], None]


@dataclass
class PassInstrumentation:
    """Hooks around every pass run: IR printing, timing."""

    before: list[PassCallback] = field(default_factory=list[PassCallback])
    after: list[PassCallback] = field(default_factory=list[PassCallback])
    timings: dict[str, float] = field(default_factory=dict[str, float])


def _apply(ctx: Context, entry: PassEntry, op: Operation) -> None:
    if isinstance(op, ModuleOp):
        entry.instance.apply(ctx, op)
        return
    # xDSL passes run on modules: lend the anchored op a temporary one, then put it back.
    block, after = op.parent_block(), op.next_op
    op.detach()
    holder = ModuleOp([op])
    try:
        entry.instance.apply(ctx, holder)
    finally:
        moved = list(holder.body.block.ops)
        for moved_op in moved:
            moved_op.detach()
            if block is not None:
                if after is not None:
                    block.insert_op_before(moved_op, after)
                else:
                    block.add_op(moved_op)


def _anchored_ops(parent: Operation, anchor: str) -> list[Operation]:
    return [
        op
        for region in parent.regions
        for block in region.blocks
        for op in block.ops
        if anchor == "any" or op.name == anchor
    ]


def run_pipeline(
    ctx: Context,
    pipeline: OpPipeline,
    op: Operation,
    instrumentation: PassInstrumentation | None = None,
    verify: Callable[[Operation], None] | None = None,
) -> None:
    """Run ``pipeline`` on ``op``; ``verify`` checks the IR after every pass, as MLIR does."""
    instrumentation = instrumentation or PassInstrumentation()
    for element in pipeline.elements:
        if isinstance(element, OpPipeline):
            for nested in _anchored_ops(op, element.anchor):
                run_pipeline(ctx, element, nested, instrumentation, verify)
            continue
        for callback in instrumentation.before:
            callback(element, op)
        start = time.perf_counter()
        try:
            _apply(ctx, element, op)
        except (DiagnosedError, OpError, DiagnosticException):
            raise
        except Exception as error:
            raise PassCrashed(element.name, error) from error
        elapsed = time.perf_counter() - start
        instrumentation.timings[element.name] = (
            instrumentation.timings.get(element.name, 0.0) + elapsed
        )
        if verify is not None:
            verify(op)
        for callback in instrumentation.after:
            callback(element, op)


def apply_pipeline(module: ModuleOp, pipeline: str, ctx: Context | None = None) -> None:
    """Run the body of a textual pipeline (``"lower-to-affine"``, ``"canonicalize,cse"``) on
    ``module`` in place, verifying after every pass as ``irkit-opt`` does. Errors raise
    ``DiagnosedError``/``OpError``; the Python counterpart of ``irkit-opt --pass-pipeline``."""
    registry = default_registry()
    run_pipeline(
        ctx or make_context(),
        parse_pipeline(registry, pipeline),
        module,
        verify=verify,
    )
