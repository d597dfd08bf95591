"""IR verification that names the op at fault, as MLIR's verifier does.

xDSL's ``Operation.verify`` raises a bare exception from deep inside a recursive walk,
losing which op failed. Here each op is verified on its own, in pre-order, so the first
failure is reported at that op with MLIR's ``'op.name' op`` prefix.
"""

from __future__ import annotations

from typing import cast

from xdsl.dialects.builtin import ModuleOp, StringAttr
from xdsl.ir import Block, BlockArgument, Operation, OpResult, Region
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
    regions with SSA control flow: within a block by position, across the blocks of a
    region by the dominator tree of its CFG. Graph regions (a module's body) are not
    checked."""

    def __init__(self) -> None:
        self._positions: dict[Block, dict[Operation, int]] = {}
        self._dominators: dict[Region, dict[Block, set[Block]]] = {}

    def _position(self, op: Operation) -> int:
        block = op.parent_block()
        assert block is not None
        if block not in self._positions:
            self._positions[block] = {o: i for i, o in enumerate(block.ops)}
        return self._positions[block][op]

    def _dominates(self, dominator: Block, block: Block, region: Region) -> bool:
        if region not in self._dominators:
            self._dominators[region] = _block_dominators(region)
        # MLIR considers every block to dominate an unreachable one.
        found = self._dominators[region].get(block)
        return found is None or dominator in found

    def check(self, op: Operation) -> None:
        for index, operand in enumerate(op.operands):
            if isinstance(operand, OpResult):
                definer: Operation | None = operand.op
                block = operand.op.parent_block()
            else:
                assert isinstance(operand, BlockArgument)
                definer, block = None, operand.block
            if block is None or isinstance(block.parent_op(), ModuleOp):
                continue
            region = block.parent
            user = op
            while user is not None and user.parent_block() not in region.blocks:
                user = user.parent_op()
            if user is None:
                dominated = False
            elif user.parent_block() is block:
                # Visible after its definition in its block, and in the regions of the
                # ops that follow it there.
                dominated = definer is None or (
                    user is not definer and self._position(definer) < self._position(user)
                )
            else:
                assert region is not None and user.parent_block() is not None
                dominated = self._dominates(block, cast(Block, user.parent_block()), region)
            if dominated:
                continue
            notes = []
            if definer is not None:
                if user is None:
                    where = "in a child region"
                elif user.parent_block() is block:
                    where = "in the same block"
                else:
                    where = "in the same region"
                notes.append((f"operand defined here (op {where})", definer))
            raise OpError(
                op, f"operand #{index} does not dominate this use", prefixed=False, notes=notes
            )


def _block_dominators(region: Region) -> dict[Block, set[Block]]:
    """The dominators of each block reachable from the region's entry block."""
    entry = region.blocks.first
    assert entry is not None
    reachable: list[Block] = [entry]
    predecessors: dict[Block, list[Block]] = {entry: []}
    for block in reachable:
        terminator = block.last_op
        for successor in terminator.successors if terminator is not None else ():
            if successor not in predecessors:
                predecessors[successor] = []
                reachable.append(successor)
            predecessors[successor].append(block)
    everything = set(reachable)
    dominators = {block: set(everything) for block in reachable}
    dominators[entry] = {entry}
    changed = True
    while changed:
        changed = False
        for block in reachable[1:]:
            found = set.intersection(*(dominators[p] for p in predecessors[block])) | {block}
            if found != dominators[block]:
                dominators[block], changed = found, True
    return dominators


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
