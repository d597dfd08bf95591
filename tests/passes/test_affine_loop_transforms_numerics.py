"""The affine loop transformations preserve the results of every ``examples/tc`` program.

Each program is lowered to affine loops (static shapes from ``examples/tc/sizes.json``), run
by the reference executor before and after the pass, and both results are compared with
the independent numpy reference of ``tests/examples/test_tc_examples.py``.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
import test_tc_examples as tc_examples
from irkit.dialects import affine
from irkit.passes.affine_loop_unroll_jam import loop_unroll_jam_by_factor
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp

import irkit.reference
from irkit.pass_pipeline import apply_pipeline

EXAMPLES = tc_examples.EXAMPLES

PIPELINES = [
    "affine-loop-normalize{promote-single-iter=true}",
    "affine-loop-unroll",
    "affine-loop-unroll{unroll-factor=3 unroll-num-reps=2}",
    "affine-loop-unroll{unroll-full=true unroll-full-threshold=3}",
    "affine-loop-unroll{unroll-factor=2 cleanup-unroll=true}",
    "affine-loop-invariant-code-motion",
    "affine-loop-tile{tile-size=2}",
    "affine-loop-tile{tile-sizes=3,2},affine-loop-normalize{promote-single-iter=true}",
    "affine-loop-tile{cache-size=1}",
    "affine-loop-tile{tile-size=3 separate=true}",
    "affine-loop-unroll-jam",
    "unroll-jam-every-loop=2",
    "affine-scalrep{promote-loop-invariant-accesses=true}|unroll-jam-every-loop=2",
    "affine-scalrep",
    "affine-scalrep{promote-loop-invariant-accesses=true}",
    "affine-loop-tile{tile-size=2},affine-scalrep{promote-loop-invariant-accesses=true},"
    "affine-loop-invariant-code-motion,affine-loop-unroll{unroll-factor=2}",
]


def _unroll_jam_every_outermost_loop(module: ModuleOp, factor: int) -> int:
    """The pass only looks at the first op of each function; this jams every outermost
    loop, so that the examples exercise it. Returns how many loops were jammed."""
    jammed = 0
    for function in [op for op in module.walk() if isinstance(op, func.FuncOp)]:
        for loop in [op for op in function.body.ops if isinstance(op, affine.ForOp)]:
            jammed += loop_unroll_jam_by_factor(loop, factor)
    return jammed


def _affine_module(example: tc_examples.Example, pipeline: str | None) -> ModuleOp:
    module = tc_examples.affine_module(example)
    # Steps separated by "|": a pipeline, or "unroll-jam-every-loop=<factor>".
    for step in pipeline.split("|") if pipeline is not None else []:
        if step.startswith("unroll-jam-every-loop="):
            _unroll_jam_every_outermost_loop(module, int(step.split("=")[1]))
        else:
            apply_pipeline(module, step)
    return module


@cache
def _baseline(
    index: int,
) -> tuple[list[np.ndarray], tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Inputs, numpy results and untransformed affine results of ``EXAMPLES[index]``."""
    example = EXAMPLES[index]
    rng = np.random.default_rng(20240607)
    inputs = [make(rng, tc_examples.SIZES[example.file]) for make in example.inputs]
    expected = example.reference(*inputs)
    before = tc_examples._as_tuple(
        irkit.reference.run(_affine_module(example, None), example.entry, *inputs)
    )
    return inputs, expected, before


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=lambda i: EXAMPLES[i].name)
def test_pass_preserves_results(index: int, pipeline: str) -> None:
    example = EXAMPLES[index]
    inputs, expected, before = _baseline(index)
    transformed = _affine_module(example, pipeline)
    after = tc_examples._as_tuple(irkit.reference.run(transformed, example.entry, *inputs))
    assert len(after) == len(expected)
    for position, (got, untransformed, want) in enumerate(
        zip(after, before, expected, strict=True)
    ):
        message = f"output {position} of {example.entry} after {pipeline}"
        tolerances = tc_examples._tolerances(want.dtype)
        assert got.dtype == want.dtype and got.shape == want.shape, message
        np.testing.assert_allclose(got, want, err_msg=message, **tolerances)
        np.testing.assert_allclose(got, untransformed, err_msg=message, **tolerances)


def test_transformations_apply_to_the_examples() -> None:
    """The numerical tests above are not vacuous: on matmul, each transformation changes
    the loops."""
    matmul = next(example for example in EXAMPLES if example.name == "matmul")

    def loop_headers(module: ModuleOp) -> list[str]:
        return [str(op.properties) for op in module.walk() if isinstance(op, affine.ForOp)]

    original = loop_headers(_affine_module(matmul, None))
    for pipeline in [
        "affine-loop-unroll",
        "affine-loop-tile{tile-size=2}",
        "unroll-jam-every-loop=2",
        "affine-scalrep{promote-loop-invariant-accesses=true}",
    ]:
        assert loop_headers(_affine_module(matmul, pipeline)) != original, pipeline
