"""The benchmark harness (benchmarks/, run by `python -m benchmarks`) on tiny cases: its
flop counter against counts worked out by hand, its check of a kernel's result against the
reference, and the report it writes. Nothing here asserts on a timing."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

# benchmarks/ is a folder of the repository, not an installed package (and xdsl installs
# a top-level package of the same name): import the repository's.
REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))
from benchmarks import cases, harness, report  # noqa: E402
from benchmarks.flops import count_flops  # noqa: E402
from irkit.frontend import tc  # noqa: E402

assert Path(cases.__file__).parent == REPO_ROOT / "benchmarks"

# Shortest timing: these tests check structure, not speed.
FAST = harness.TimingSettings(target_seconds=0.0, min_runs=1, max_runs=1, cap_seconds=60.0)


def test_flops_of_sgemm_are_2mnk() -> None:
    module = tc.parse(cases.SGEMM_TC, sizes={"M": 3, "K": 5, "N": 7})
    assert count_flops(module, "sgemm") == 2 * 3 * 5 * 7


def test_flops_of_the_conv_are_2nkchwrs() -> None:
    sizes = {"N": 1, "C": 4, "H": 9, "W": 8, "K": 6, "R": 3, "S": 3}
    module = tc.parse(cases.CONV3X3_TC, sizes=sizes)
    out_h, out_w = 9 - 3 + 1, 8 - 3 + 1
    assert count_flops(module, "conv3x3") == 2 * 1 * 6 * 4 * out_h * out_w * 3 * 3


def test_flops_count_each_comprehension_and_follow_calls() -> None:
    source = """
    def matmul(float(M, K) A, float(K, N) B) -> (C) {
        C(m, n) +=! A(m, r_k) * B(r_k, n)
    }
    def scaled(float(M, K) A, float(K, N) B, float(M) s) -> (C, D, E) {
        C = matmul(A, B)
        D(m, n) = s(m) * C(m, n) + 1
        E(n, m) = D(m, n)
    }
    """
    module = tc.parse(source, sizes={"M": 2, "K": 3, "N": 4})
    # The call: 2*3*4 points x (mul + add); D: 2*4 points x (mul, add); E: a copy.
    assert count_flops(module, "scaled") == 2 * 3 * 4 * 2 + 2 * 4 * 2


def test_flops_need_static_sizes() -> None:
    with pytest.raises(ValueError, match="every size bound"):
        count_flops(tc.parse(cases.SGEMM_TC), "sgemm")


def test_every_example_def_has_a_benchmark() -> None:
    missing = [b.missing for b in cases.example_benchmarks() if b.missing]
    assert not missing


def test_a_wrong_kernel_is_a_failure_and_is_not_timed() -> None:
    # B transposed: the right shapes, the wrong values.
    wrong = replace(
        cases.sgemm(16),
        source="""
        def sgemm(float(M, K) A, float(N, K) B) -> (C) {
            C(m, n) +=! A(m, r_k) * B(n, r_k)
        }
        """,
    )
    result = harness.run_benchmark(wrong, harness.all_threads(), FAST)
    assert not result.ok
    assert [f.split(":")[0] for f in result.failures] == ["irkit -O3", "irkit -O0"]
    assert all("wrong result" in f for f in result.failures)
    assert set(result.measurements) == {"numpy"}


def test_a_variant_predicted_too_slow_is_skipped() -> None:
    benchmark = cases.sgemm(16)
    assert benchmark.predicted_from == "sgemm-8"
    # At 1 flop per second, sgemm-16's 8192 flops are far over the limit; -O0 has no rate.
    result = harness.run_benchmark(
        benchmark, harness.all_threads(), FAST, predicting_rates={"irkit -O3": 1e-9}
    )
    assert result.ok
    assert set(result.skipped) == {"irkit -O3"}
    assert "sgemm-8" in result.skipped["irkit -O3"]
    assert set(result.measurements) == {"numpy", "irkit -O0"}


def test_mismatch_names_the_output_and_the_error() -> None:
    expected = (np.ones(3, np.float32), np.arange(4, dtype=np.int32))
    assert harness.mismatch(expected, expected) is None
    assert "output 1" in str(harness.mismatch((expected[0], expected[1] + 1), expected))
    assert "output 0" in str(harness.mismatch((expected[0] * 1.01, expected[1]), expected))
    assert harness.mismatch(expected[0], expected) == "1 output(s), expected 2"


def test_report_structure(tmp_path: Path) -> None:
    benchmarks = [cases.sgemm(8), replace(cases.sgemm(8), name="sgemm-1024")]
    threads = harness.all_threads()
    results = harness.run_benchmarks(benchmarks, [threads], FAST)
    assert all(r.ok for r in results), [r.failures for r in results]
    machine = {"CPU": "test CPU", "date": "today"}
    data = report.report_data(results, machine, FAST, note="a test run")
    markdown_path = tmp_path / "docs" / "performance.md"
    json_path = report.write_report(data, markdown_path)
    assert json_path == tmp_path / "docs" / "performance.json"

    written = json.loads(json_path.read_text())
    assert written["machine"] == machine
    assert [r["name"] for r in written["results"]] == ["sgemm-8", "sgemm-1024"]
    row = written["results"][0]
    assert row["flops"] == 2 * 8**3
    assert set(row["measurements"]) == {"irkit -O3", "irkit -O0", "numpy"}
    times = {name: m["median_seconds"] for name, m in row["measurements"].items()}
    assert row["ratios"] == {
        report.RATIO_TO_REFERENCE: times["numpy"] / times["irkit -O3"],
        report.RATIO_TO_O0: times["irkit -O0"] / times["irkit -O3"],
    }
    # Targets follow from the measured ratios; sgemm-1024's single-thread target is not
    # measured unless the run had one thread.
    by_ratio = {(t["benchmark"], t["ratio"], t["threads"]): t for t in written["targets"]}
    o0_target = by_ratio[("sgemm-1024", report.RATIO_TO_O0, threads)]
    measured = written["results"][1]["ratios"][report.RATIO_TO_O0]
    assert o0_target["measured"] == measured
    assert o0_target["status"] == ("met" if measured >= 50 else "not met")
    assert (
        by_ratio[("resnet18-conv3x3-56x56x64", report.RATIO_TO_REFERENCE, None)]["status"]
        == "not measured"
    )

    markdown = markdown_path.read_text()
    assert "## Machine" in markdown and "| CPU | test CPU |" in markdown
    assert "## Targets" in markdown and "## Results" in markdown
    assert "a test run" in markdown
    header = next(line for line in markdown.splitlines() if line.startswith("| benchmark |"))
    assert report.RATIO_TO_REFERENCE in header and report.RATIO_TO_O0 in header
    assert f"| sgemm-8 | {threads} |" in markdown
    assert "Flops." in markdown
