"""IR verification that names the op at fault, as MLIR's verifier does.

xDSL's ``Operation.verify`` raises a bare exception from deep inside a recursive walk,
losing which op failed. Here each op is verified on its own, in pre-order, so the first
failure is reported at that op with MLIR's ``'op.name' op`` prefix.
"""

from __future__ import annotations

from xdsl.ir import Operation
from xdsl.traits import NoTerminator
from xdsl.utils.exceptions import VerifyException

from irkit.diagnostics import OpError


def _verify_blocks(op: Operation) -> None:
    for region in op.regions:
        for block in region.blocks:
            if (
                block.first_op is None
                and len(region.blocks) == 1
                and not op.has_trait(NoTerminator)
            ):
                raise VerifyException("empty block: expect at least a terminator")


def verify(root: Operation) -> None:
    """Raise :class:`OpError` at the first op, in pre-order, that does not verify."""
    for op in root.walk():
        try:
            op.verify(verify_nested_ops=False)
            _verify_blocks(op)
        except VerifyException as error:
            raise OpError(op, _strip_xdsl_prefix(str(error))) from None


def _strip_xdsl_prefix(message: str) -> str:
    # xDSL wraps some verifier messages; MLIR's wording is the inner one.
    return message.removeprefix("Operation does not verify: ").strip()
