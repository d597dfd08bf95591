"""IR verification that names the op at fault, as MLIR's verifier does.

xDSL's ``Operation.verify`` raises a bare exception from deep inside a recursive walk,
losing which op failed. Here each op is verified on its own, in pre-order, so the first
failure is reported at that op with MLIR's ``'op.name' op`` prefix.
"""

from __future__ import annotations

from xdsl.dialects.builtin import ModuleOp, StringAttr
from xdsl.ir import Block, Operation, OpResult
from xdsl.traits import NoTerminator, SymbolTable
from xdsl.utils.exceptions import VerifyException

from irkit.diagnostics import NotedVerifyException, OpError, UnprefixedVerifyException


def _verify_blocks(op: Operation) -> None:
    for region in op.regions:
        for block in region.blocks:
            if (
                block.first_op is None
                and len(region.blocks) == 1
                and not op.has_trait(NoTerminator)
            ):
                raise VerifyException("empty block: expect at least a terminator")


def _verify_unique_symbols(op: Operation) -> None:
    """MLIR's SymbolTable rule, reported at the second definition (xDSL reports it at the
    table op, without saying which op is at fault)."""
    if not op.has_trait(SymbolTable):
        return
    seen: dict[str, Operation] = {}
    for region in op.regions:
        for block in region.blocks:
            for nested in block.ops:
                name = nested.properties.get("sym_name") or nested.attributes.get("sym_name")
                if not isinstance(name, StringAttr):
                    continue
                if name.data in seen:
                    raise OpError(
                        nested,
                        f"redefinition of symbol named '{name.data}'",
                        prefixed=False,
                        notes=[("see existing symbol definition here", seen[name.data])],
                    )
                seen[name.data] = nested


class _Dominance:
    """Checks that every operand is defined before its use, as MLIR's verifier does for
    regions with SSA control flow. Graph regions (a module's body) and uses across the
    blocks of a multi-block region are not checked."""

    def __init__(self) -> None:
        self._positions: dict[Block, dict[Operation, int]] = {}

    def _position(self, op: Operation) -> int:
        block = op.parent_block()
        assert block is not None
        if block not in self._positions:
            self._positions[block] = {o: i for i, o in enumerate(block.ops)}
        return self._positions[block][op]

    def check(self, op: Operation) -> None:
        for index, operand in enumerate(op.operands):
            if not isinstance(operand, OpResult):
                continue
            definer = operand.op
            block = definer.parent_block()
            if block is None or isinstance(block.parent_op(), ModuleOp):
                continue
            user = block.find_ancestor_op_in_block(op)
            # A value is visible after its definition in its block, and in the regions
            # of the ops that follow it there.
            if user is None or user is definer or self._position(user) < self._position(definer):
                raise OpError(
                    op,
                    f"operand #{index} does not dominate this use",
                    notes=[("operand defined here (op in the same block)", definer)],
                )


def verify(root: Operation) -> None:
    """Raise :class:`OpError` at the first op, in pre-order, that does not verify."""
    dominance = _Dominance()
    for op in root.walk():
        _verify_unique_symbols(op)
        dominance.check(op)
        try:
            op.verify(verify_nested_ops=False)
            _verify_blocks(op)
        except VerifyException as error:
            prefixed = not isinstance(error, UnprefixedVerifyException)
            notes = error.notes if isinstance(error, NotedVerifyException) else ()
            raise OpError(op, _strip_xdsl_prefix(op, str(error)), prefixed, notes) from None


def _strip_xdsl_prefix(op: Operation, message: str) -> str:
    # xDSL wraps some verifier messages, and its traits (HasParent, ...) start theirs
    # with the op name; MLIR's wording is the inner one, prefixed once by the caller.
    message = message.removeprefix("Operation does not verify: ").strip()
    return message.removeprefix(f"'{op.name}' ")
