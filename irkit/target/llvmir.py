"""Translation of the llvm dialect to LLVM IR text, in process (MLIR's `--mlir-to-llvmir`).

Built on xDSL's llvmlite translation (`xdsl.backend.llvm`): each op goes first to irkit's
handlers for what xDSL lacks or gets wrong, then to xDSL's `convert_op`. irkit adds
function and global linkage, nested-array global initialisers, intrinsic calls whose
declarations are keyed by type (one intrinsic used at two types gets two declarations),
`llvm.fcmp` with the constant predicates, stack save/restore, `llvm.mlir.poison`,
`llvm.uitofp` (without its `nneg` flag, which llvmlite cannot spell), and
MLIR 22's no-wrap flags on `llvm.getelementptr`. An op that neither translates is reported
at its location and raises `DiagnosedError`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import llvmlite.ir as ir
from xdsl.backend.llvm.convert_op import convert_op, create_constant
from xdsl.backend.llvm.convert_type import convert_type
from xdsl.dialects import llvm
from xdsl.dialects.builtin import (
    DenseIntOrFPElementsAttr,
    ModuleOp,
    StringAttr,
)
from xdsl.ir import Attribute, Block, Operation, SSAValue
from xdsl.utils.exceptions import LLVMTranslationException

from irkit.diagnostics import DiagnosedError, emit_error

__all__ = ["translate_module", "translate_to_llvmlite"]

# Intrinsics whose overloaded types are not just the result type: which operand types
# (by position; -1 is the result) make up the name's type suffix, in order.
_OVERLOADED_TYPES: dict[str, tuple[int, ...]] = {
    "llvm.fptosi.sat": (-1, 0),
    "llvm.fptoui.sat": (-1, 0),
    "llvm.memcpy": (0, 1, 2),
    "llvm.memmove": (0, 1, 2),
    "llvm.memset": (0, 2),
    "llvm.uadd.with.overflow": (0,),
}
_VECTOR_REDUCE_PREFIX = "llvm.vector.reduce."


def _type_suffix(value_type: ir.Type) -> str:
    """The mangled name of a type in an overloaded intrinsic's name (LLVM's getMangledTypeStr)."""
    if isinstance(value_type, ir.PointerType):
        return f"p{value_type.addrspace}"
    if isinstance(value_type, ir.VectorType):
        return f"v{value_type.count}{_type_suffix(value_type.element)}"
    if isinstance(value_type, ir.IntType):
        return f"i{value_type.width}"
    return value_type.intrinsic_name


def _intrinsic_name(name: str, result: ir.Type, operands: list[ir.Type]) -> str:
    """`name` with the type suffix LLVM expects, so that each type gets its own declaration."""
    if name in _OVERLOADED_TYPES:
        positions = _OVERLOADED_TYPES[name]
    elif name.startswith(_VECTOR_REDUCE_PREFIX):
        positions = (len(operands) - 1,)
    elif isinstance(result, ir.VoidType):
        return name
    else:
        positions = (-1,)
    types = [result if position == -1 else operands[position] for position in positions]
    return ".".join([name, *(_type_suffix(t) for t in types)])


def _nested_constant(llvm_type: ir.Type, values: list[object]) -> ir.Constant:
    """A constant of (nested) array type from row-major scalar values."""
    if not isinstance(llvm_type, ir.ArrayType):
        if isinstance(llvm_type, ir.VectorType):
            return ir.Constant(llvm_type, values)
        (value,) = values
        return ir.Constant(llvm_type, value)
    if not isinstance(llvm_type.element, ir.ArrayType | ir.VectorType):
        return ir.Constant(llvm_type, values)
    chunk = len(values) // llvm_type.count
    return ir.Constant(
        llvm_type,
        [
            _nested_constant(llvm_type.element, values[i * chunk : (i + 1) * chunk])
            for i in range(llvm_type.count)
        ],
    )


def _initializer(op: llvm.GlobalOp) -> ir.Constant | None:
    value = op.value
    if value is None:
        if op.body.blocks and op.body.block.ops:
            raise LLVMTranslationException(
                "globals with an initializer region are not supported; use a value attribute"
            )
        return None
    llvm_type = convert_type(op.global_type)
    if isinstance(value, StringAttr):
        raw = value.data.encode()
        return ir.Constant(ir.ArrayType(ir.IntType(8), len(raw)), bytearray(raw))
    if isinstance(value, DenseIntOrFPElementsAttr):
        values = list(value.get_values())
        element_count = 1
        element: ir.Type = llvm_type
        while isinstance(element, ir.ArrayType):
            element_count *= element.count
            element = element.element
        if len(values) == 1 and element_count > 1:
            values = values * element_count  # a splat
        return _nested_constant(llvm_type, values)
    return create_constant(op.global_type, value)


def _declare_function(op: llvm.FuncOp, module: ir.Module) -> None:
    function_type = op.function_type
    llvm_type = ir.FunctionType(
        convert_type(function_type.output),
        [convert_type(t) for t in function_type.inputs],
        var_arg=function_type.is_variadic,
    )
    function = ir.Function(module, llvm_type, name=op.sym_name.data)
    linkage = op.linkage.linkage.data
    # A declaration is external; LLVM rejects any other linkage on one.
    if op.body.blocks and linkage != "external":
        function.linkage = linkage
    if op.visibility_ and op.visibility_.value.data:
        function.visibility = {1: "hidden", 2: "protected"}.get(op.visibility_.value.data, "")


def _declare_global(op: llvm.GlobalOp, module: ir.Module) -> None:
    variable = ir.GlobalVariable(
        module,
        convert_type(op.global_type),
        name=op.sym_name.data,
        addrspace=op.addr_space.value.data,
    )
    variable.linkage = op.linkage.linkage.data
    variable.global_constant = op.constant is not None
    if op.alignment is not None:
        variable.align = op.alignment.value.data
    initializer = _initializer(op)
    if initializer is not None:
        variable.initializer = initializer
    elif variable.linkage not in ("external", "extern_weak"):
        # A global defined here without an initialiser is zero-initialised, as in MLIR.
        variable.initializer = ir.Constant(variable.value_type, None)


@dataclass
class _FunctionTranslator:
    """The state of one function's translation: values and blocks seen so far."""

    builder: ir.IRBuilder
    values: dict[SSAValue, ir.Value] = field(default_factory=dict[SSAValue, ir.Value])
    blocks: dict[Block, ir.Block] = field(default_factory=dict[Block, ir.Block])

    def _call(self, intrinsic: str, op: Operation, operands: Sequence[SSAValue]) -> None:
        """A call of the type-mangled ``intrinsic`` on ``operands``, declared on first use."""
        arguments = [self.values[operand] for operand in operands]
        result = convert_type(op.results[0].type) if op.results else ir.VoidType()
        argument_types = [argument.type for argument in arguments]
        name = _intrinsic_name(intrinsic, result, argument_types)
        module = self.builder.module
        declaration = module.globals.get(name)
        if declaration is None:
            declaration = ir.Function(module, ir.FunctionType(result, argument_types), name=name)
        flags = op.properties.get("fastmathFlags")
        fastmath = [f.value for f in flags.data] if isinstance(flags, llvm.FastMathAttr) else []
        call = self.builder.call(declaration, arguments, fastmath=fastmath)
        if op.results:
            self.values[op.results[0]] = call

    def call_intrinsic(self, op: Operation) -> None:
        assert isinstance(op, llvm.CallIntrinsicOp)
        if op.op_bundle_operands or op.op_bundle_sizes:
            raise LLVMTranslationException("operand bundles are not supported")
        self._call(op.intrin.data, op, op.args)

    def plain_intrinsic(self, op: Operation) -> None:
        """An `llvm.intr.*` op whose operands are exactly the intrinsic's arguments. xDSL's
        translation declares each intrinsic once, for the first type it meets."""
        self._call("llvm." + op.name.removeprefix("llvm.intr."), op, op.operands)

    def fcmp(self, op: Operation) -> None:
        assert isinstance(op, llvm.FCmpOp)
        predicate = llvm.FCmpPredicateFlag.from_int(op.predicate.value.data).value
        if predicate not in ("_false", "_true"):
            convert_op(op, self.builder, self.values, self.blocks)
            return
        # The constant predicates: llvmlite's builder has no spelling for them.
        result_type = convert_type(op.res.type)
        truth = int(predicate == "_true")
        if isinstance(result_type, ir.VectorType):
            self.values[op.res] = ir.Constant(result_type, [truth] * result_type.count)
        else:
            self.values[op.res] = ir.Constant(result_type, truth)

    def getelementptr(self, op: Operation) -> None:
        assert isinstance(op, llvm.GEPOp)
        # MLIR 22 spells inbounds as a no-wrap flag (bit 0 of noWrapFlags); xDSL reads only
        # its own `inbounds` property.
        inbounds = op.inbounds is not None or bool(op.noWrapFlags.value.data & 1)
        dynamic = iter(op.ssa_indices)
        indices = [
            self.values[next(dynamic)]
            if index == llvm.GEP_USE_SSA_VAL
            else ir.Constant(ir.IntType(32), index)
            for index in op.rawConstantIndices.iter_values()
        ]
        element = convert_type(op.elem_type)
        self.values[op.result] = self.builder.gep(
            self.values[op.ptr], indices, inbounds=inbounds, source_etype=element
        )

    def poison(self, op: Operation) -> None:
        # llvmlite cannot spell poison; undef is a valid refinement of it.
        self.values[op.results[0]] = ir.Constant(convert_type(op.results[0].type), ir.Undefined)

    def uitofp(self, op: Operation) -> None:
        # Dropping nneg is a valid refinement: it only makes negative operands defined.
        value = self.values[op.operands[0]]
        result_type = convert_type(op.results[0].type)
        self.values[op.results[0]] = self.builder.uitofp(value, result_type)

    def stack_save(self, op: Operation) -> None:
        result = convert_type(op.results[0].type)
        name = _intrinsic_name("llvm.stacksave", result, [])
        declaration = self.builder.module.globals.get(name) or ir.Function(
            self.builder.module, ir.FunctionType(result, []), name=name
        )
        self.values[op.results[0]] = self.builder.call(declaration, [])

    def stack_restore(self, op: Operation) -> None:
        pointer = self.values[op.operands[0]]
        name = f"llvm.stackrestore.{_type_suffix(pointer.type)}"
        declaration = self.builder.module.globals.get(name) or ir.Function(
            self.builder.module, ir.FunctionType(ir.VoidType(), [pointer.type]), name=name
        )
        self.builder.call(declaration, [pointer])

    def translate(self, op: Operation) -> None:
        handler = _HANDLERS.get(op.name)
        if handler is None and _is_plain_intrinsic(op):
            handler = _FunctionTranslator.plain_intrinsic
        if handler is not None:
            handler(self, op)
            return
        if isinstance(op, llvm.CallOp) and op.callee is None:
            raise LLVMTranslationException("indirect calls are not supported")
        try:
            convert_op(op, self.builder, self.values, self.blocks)
        except NotImplementedError as error:
            # xDSL's message for an op it has no rule for only repeats the op's name.
            detail = str(error)
            unknown = detail.startswith("Conversion not implemented for op")
            raise LLVMTranslationException("" if unknown else detail) from None


_HANDLERS: dict[str, Callable[[_FunctionTranslator, Operation], None]] = {
    "llvm.call_intrinsic": _FunctionTranslator.call_intrinsic,
    "llvm.fcmp": _FunctionTranslator.fcmp,
    "llvm.getelementptr": _FunctionTranslator.getelementptr,
    "llvm.mlir.poison": _FunctionTranslator.poison,
    "llvm.uitofp": _FunctionTranslator.uitofp,
    "llvm.intr.stacksave": _FunctionTranslator.stack_save,
    "llvm.intr.stackrestore": _FunctionTranslator.stack_restore,
}


def _is_plain_intrinsic(op: Operation) -> bool:
    """An `llvm.intr.*` op with no attribute that would become an immediate argument."""
    return (
        op.name.startswith("llvm.intr.")
        and len(op.results) <= 1
        and not op.attributes
        and set(op.properties) <= {"fastmathFlags"}
    )


def _define_function(op: llvm.FuncOp, module: ir.Module) -> None:
    function = module.get_global(op.sym_name.data)
    blocks = {block: function.append_basic_block() for block in op.body.blocks}
    translator = _FunctionTranslator(ir.IRBuilder(), blocks=blocks)
    translator.values.update(zip(op.body.first_block.args, function.args, strict=True))
    # Phis first, for every block argument, so that branches anywhere can feed them.
    for block in list(op.body.blocks)[1:]:
        translator.builder.position_at_end(blocks[block])
        for argument in block.args:
            translator.values[argument] = translator.builder.phi(convert_type(argument.type))
    for block in op.body.blocks:
        translator.builder.position_at_end(blocks[block])
        for block_op in block.ops:
            try:
                translator.translate(block_op)
            except (LLVMTranslationException, KeyError, TypeError, AssertionError) as error:
                _fail(block_op, error)


def _fail(op: Operation, error: Exception) -> None:
    message = "cannot be translated to LLVM IR"
    if not isinstance(error, LLVMTranslationException):
        message += f" ({type(error).__name__}: {error})"
    elif str(error):
        message += f": {error}"
    emit_error(op, f"'{op.name}' op {message}")
    raise DiagnosedError(message) from None


def _string_attribute(module: ModuleOp, name: str) -> str | None:
    attribute: Attribute | None = module.attributes.get(name)
    return attribute.data if isinstance(attribute, StringAttr) else None


def translate_module(module: ModuleOp) -> str:
    """The LLVM IR text of a module in the llvm dialect; see `translate_to_llvmlite`."""
    return str(translate_to_llvmlite(module))


def translate_to_llvmlite(module: ModuleOp) -> ir.Module:
    """The llvmlite IR module of a module in the llvm dialect.

    The module's `llvm.target_triple` and `llvm.data_layout` attributes, when present, become
    the IR's triple and data layout; otherwise the IR has none, as with mlir-translate.
    Raises `DiagnosedError` after reporting, at the op, anything that cannot be translated.
    """
    llvm_module = ir.Module(name=module.sym_name.data if module.sym_name else "LLVMDialectModule")
    llvm_module.triple = _string_attribute(module, "llvm.target_triple") or ""
    llvm_module.data_layout = _string_attribute(module, "llvm.data_layout") or ""
    globals_: list[llvm.GlobalOp] = []
    functions: list[llvm.FuncOp] = []
    for op in module.ops:
        if isinstance(op, llvm.GlobalOp):
            globals_.append(op)
        elif isinstance(op, llvm.FuncOp):
            functions.append(op)
        else:
            _fail(op, LLVMTranslationException("only llvm.func and llvm.mlir.global can be here"))
    for global_op in globals_:
        try:
            _declare_global(global_op, llvm_module)
        except (LLVMTranslationException, TypeError, ValueError) as error:
            _fail(global_op, error)
    for function_op in functions:
        try:
            _declare_function(function_op, llvm_module)
        except LLVMTranslationException as error:
            _fail(function_op, error)
    for function_op in functions:
        if function_op.body.blocks:
            _define_function(function_op, llvm_module)
    return llvm_module
