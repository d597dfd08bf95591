"""xDSL's `llvm` dialect, extended with what MLIR 22 emits and xDSL 0.74 lacks.

`llvm.mlir.poison` is what MLIR's own lowerings (`--convert-to-llvm`) use for undefined
values, so every irkit tool must read it. irkit-translate translates it to `undef`:
llvmlite has no poison constant, and undef is a valid refinement of poison.

`llvm.uitofp` is what `arith.uitofp` lowers to; `nneg` says the operand is non-negative, as
in MLIR.
"""

from __future__ import annotations

from xdsl.dialects.builtin import UnitAttr
from xdsl.dialects.llvm import LLVM
from xdsl.ir import Attribute, Dialect, Operation, SSAValue
from xdsl.irdl import (
    IRDLOperation,
    irdl_op_definition,
    operand_def,
    opt_prop_def,
    result_def,
    traits_def,
)
from xdsl.traits import NoMemoryEffect


@irdl_op_definition
class PoisonOp(IRDLOperation):
    """https://mlir.llvm.org/docs/Dialects/LLVM/#llvmmlirpoison-mlirllvmpoisonop"""

    name = "llvm.mlir.poison"

    assembly_format = "attr-dict `:` type($res)"

    res = result_def(Attribute)

    traits = traits_def(NoMemoryEffect())

    def __init__(self, result_type: Attribute) -> None:
        super().__init__(result_types=[result_type])


@irdl_op_definition
class UIToFPOp(IRDLOperation):
    """https://mlir.llvm.org/docs/Dialects/LLVM/#llvmuitofp-llvmuitofpop"""

    name = "llvm.uitofp"

    assembly_format = "(`nneg` $nonNeg^)? $arg attr-dict `:` type($arg) `to` type($res)"

    arg = operand_def(Attribute)
    res = result_def(Attribute)
    non_neg = opt_prop_def(UnitAttr, prop_name="nonNeg")

    traits = traits_def(NoMemoryEffect())

    def __init__(self, arg: SSAValue | Operation, result_type: Attribute) -> None:
        super().__init__(operands=[arg], result_types=[result_type])


LLVMWithExtensions = Dialect("llvm", [*LLVM.operations, PoisonOp, UIToFPOp], list(LLVM.attributes))
