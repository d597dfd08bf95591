"""affine-loop-fusion preserves the results of the multi-statement ``examples/tc`` programs.

Each program is lowered to affine loops (static shapes from ``examples/tc/sizes.json``),
fused in each mode, run by the reference executor and compared both with the unfused run and
with the independent numpy reference of ``tests/examples/test_tc_examples.py``.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
import test_tc_examples as tc_examples
from irkit.dialects import affine
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp

import irkit.reference
from irkit.pass_pipeline import apply_pipeline

# Programs with several statements, temporaries or several outputs: fusion candidates.
MULTI_STATEMENT = ("softmax", "layernorm", "mlp", "rnn_cell", "sizes.center_columns")
EXAMPLES = {example.name: example for example in tc_examples.EXAMPLES}
MODES = ("greedy", "producer", "sibling")
# Fusing these in the default mode must reduce the number of top-level loop nests.
MUST_FUSE = ("softmax", "layernorm", "mlp")


def _affine_module(name: str, pipeline: str | None) -> ModuleOp:
    module = tc_examples.affine_module(EXAMPLES[name])
    if pipeline is not None:
        apply_pipeline(module, pipeline)
    return module


def _top_level_nests(module: ModuleOp, entry: str) -> int:
    function = next(
        op for op in module.walk() if isinstance(op, func.FuncOp) and op.sym_name.data == entry
    )
    return sum(isinstance(op, affine.ForOp) for op in function.body.block.ops)


@cache
def _baseline(name: str) -> tuple[list[np.ndarray], tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Inputs, numpy results and unfused affine results of the example `name`."""
    example = EXAMPLES[name]
    rng = np.random.default_rng(20240607)
    inputs = [make(rng, tc_examples.SIZES[example.file]) for make in example.inputs]
    expected = example.reference(*inputs)
    before = tc_examples._as_tuple(
        irkit.reference.run(_affine_module(name, None), example.entry, *inputs)
    )
    return inputs, expected, before


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", MULTI_STATEMENT)
def test_fusion_preserves_results(name: str, mode: str) -> None:
    example = EXAMPLES[name]
    inputs, expected, before = _baseline(name)
    fused = _affine_module(name, f"affine-loop-fusion{{mode={mode}}}")
    after = tc_examples._as_tuple(irkit.reference.run(fused, example.entry, *inputs))
    assert len(after) == len(expected)
    for position, (got, unfused, want) in enumerate(zip(after, before, expected, strict=True)):
        message = f"output {position} of {example.entry} after affine-loop-fusion{{mode={mode}}}"
        tolerances = tc_examples._tolerances(want.dtype)
        assert got.dtype == want.dtype and got.shape == want.shape, message
        np.testing.assert_allclose(got, want, err_msg=message, **tolerances)
        np.testing.assert_allclose(got, unfused, err_msg=message, **tolerances)


@pytest.mark.parametrize("name", MUST_FUSE)
def test_fusion_fuses_nests(name: str) -> None:
    entry = EXAMPLES[name].entry
    unfused = _top_level_nests(_affine_module(name, None), entry)
    fused = _top_level_nests(_affine_module(name, "affine-loop-fusion"), entry)
    assert fused < unfused
