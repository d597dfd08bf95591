"""The registry of dialects and passes that irkit's tools know about.

Everything beyond xDSL's upstream dialects arrives through the ``irkit.plugins``
entry-point group: each entry point names a callable ``register(registry: Registry) ->
None`` that adds dialects and passes. irkit's own dialects, passes and lowerings register
that way too, so the core never imports the layers above it, and a third-party plug-in
has exactly the same power as irkit's own code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points

from xdsl.context import Context
from xdsl.ir import Dialect
from xdsl.passes import ModulePass

PLUGIN_GROUP = "irkit.plugins"

DialectFactory = Callable[[], Dialect]
PassFactory = Callable[[], type[ModulePass]]


def lazy_dialect(module: str, attribute: str) -> DialectFactory:
    """A factory that imports ``module.attribute`` only when the dialect is first used."""

    def load() -> Dialect:
        from importlib import import_module

        return getattr(import_module(module), attribute)

    return load


# The upstream dialects that irkit works with, taken from xDSL as they are.
_XDSL_DIALECTS: dict[str, DialectFactory] = {
    "builtin": lazy_dialect("xdsl.dialects.builtin", "Builtin"),
    "func": lazy_dialect("xdsl.dialects.func", "Func"),
    "arith": lazy_dialect("xdsl.dialects.arith", "Arith"),
    "math": lazy_dialect("xdsl.dialects.math", "Math"),
    "memref": lazy_dialect("xdsl.dialects.memref", "MemRef"),
    "scf": lazy_dialect("xdsl.dialects.scf", "Scf"),
    "cf": lazy_dialect("xdsl.dialects.cf", "Cf"),
    "vector": lazy_dialect("xdsl.dialects.vector", "Vector"),
    "llvm": lazy_dialect("xdsl.dialects.llvm", "LLVM"),
    "tensor": lazy_dialect("xdsl.dialects.tensor", "Tensor"),
    "bufferization": lazy_dialect("xdsl.dialects.bufferization", "Bufferization"),
    "linalg": lazy_dialect("xdsl.dialects.linalg", "Linalg"),
    "gpu": lazy_dialect("xdsl.dialects.gpu", "GPU"),
    "omp": lazy_dialect("xdsl.dialects.omp", "OMP"),
    "ub": lazy_dialect("xdsl.dialects.ub", "UB"),
    "complex": lazy_dialect("xdsl.dialects.complex", "Complex"),
    "dlti": lazy_dialect("xdsl.dialects.dlti", "DLTI"),
}


@dataclass
class Registry:
    """Dialects and passes by name, in registration order."""

    dialects: dict[str, DialectFactory] = field(default_factory=dict)
    passes: dict[str, PassFactory] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)

    def register_dialect(self, name: str, factory: DialectFactory) -> None:
        self.dialects[name] = factory

    def register_pass(self, name: str, factory: PassFactory, summary: str | None = None) -> None:
        """Add a pass; ``summary`` is its one-line description for ``--help``, for pass
        classes whose docstring does not give one."""
        self.passes[name] = factory
        if summary is not None:
            self.summaries[name] = summary

    def make_context(self, allow_unregistered: bool = False) -> Context:
        ctx = Context(allow_unregistered=allow_unregistered)
        for name, factory in self.dialects.items():
            ctx.register_dialect(name, factory)
        return ctx


def _constant(pass_class: type[ModulePass]) -> PassFactory:
    return lambda: pass_class


def _load_plugins(registry: Registry) -> None:
    for entry_point in entry_points(group=PLUGIN_GROUP):
        entry_point.load()(registry)


@cache
def default_registry() -> Registry:
    """xDSL's upstream dialects, the pipeline aliases, and every installed plug-in
    (irkit's own dialects, passes and lowerings among them)."""
    from irkit.pipelines import PIPELINE_ALIASES

    registry = Registry()
    for name, factory in _XDSL_DIALECTS.items():
        registry.register_dialect(name, factory)
    for alias in PIPELINE_ALIASES:
        registry.register_pass(alias.name, _constant(alias))
    _load_plugins(registry)
    return registry


def make_context(allow_unregistered: bool = False) -> Context:
    """A fresh context with every registered dialect available."""
    return default_registry().make_context(allow_unregistered)
