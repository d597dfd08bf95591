"""The report of a benchmark run: a markdown page (docs/performance.md) and the same data as
JSON beside it, with the ratios to the references and whether the targets are met, all
computed from the measurements."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.flops import FLOP_RULE
from benchmarks.harness import Result, TimingSettings

O3, O0 = "irkit -O3", "irkit -O0"
RATIO_TO_REFERENCE = "-O3 / reference"
RATIO_TO_O0 = "-O3 / -O0"
GROUP_TITLES = {
    "sgemm": "sgemm (f32, square, C = A B)",
    "conv": "ResNet-18 3x3 convolutions (batch 1, NCHW, f32, stride 1, input padded beforehand)",
    "examples": "examples/tc programs (sizes: benchmarks/sizes.json)",
}


def ratios(result: Result) -> dict[str, float | None]:
    """How many times faster irkit -O3 runs than the reference and than irkit -O0: ratios
    of times, which are the ratios of GFLOP/s where there are flops."""
    times = {name: m.median_seconds for name, m in result.measurements.items()}

    def speedup(baseline: str) -> float | None:
        if O3 in times and baseline in times and times[O3] > 0:
            return times[baseline] / times[O3]
        return None

    return {RATIO_TO_REFERENCE: speedup(result.reference), RATIO_TO_O0: speedup(O0)}


@dataclass(frozen=True)
class Target:
    """A goal for one ratio of some benchmarks, at one thread count (None: at each)."""

    description: str
    benchmarks: tuple[str, ...]
    threads: int | None
    ratio: str
    goal: float


TARGETS = (
    Target(
        "sgemm 1024 at -O3 >= 60% of numpy/OpenBLAS, single-threaded",
        ("sgemm-1024",),
        1,
        RATIO_TO_REFERENCE,
        0.6,
    ),
    Target(
        "ResNet-18 3x3 convs at -O3 >= 50% of onnxruntime",
        ("resnet18-conv3x3-56x56x64", "resnet18-conv3x3-14x14x256"),
        None,
        RATIO_TO_REFERENCE,
        0.5,
    ),
    Target(
        "sgemm 1024 at -O3 >= 50x irkit's unoptimized lowering (-O0)",
        ("sgemm-1024",),
        None,
        RATIO_TO_O0,
        50.0,
    ),
)


@dataclass
class TargetCheck:
    target: str
    benchmark: str
    threads: int | None
    ratio: str
    goal: float
    measured: float | None
    # The benchmark ran but failed (a wrong result, a compile error): no ratio.
    failed: bool = False

    @property
    def status(self) -> str:
        if self.measured is None:
            return "not measured (failed)" if self.failed else "not measured"
        return "met" if self.measured >= self.goal else "not met"


def check_targets(results: Sequence[Result]) -> list[TargetCheck]:
    """Every target against every measurement it applies to; a target none applies to is
    'not measured'."""
    checks = []
    for target in TARGETS:
        for name in target.benchmarks:
            matching = [
                r for r in results if r.name == name and target.threads in (None, r.threads)
            ]
            for result in matching:
                checks.append(
                    TargetCheck(
                        target.description,
                        name,
                        result.threads,
                        target.ratio,
                        target.goal,
                        ratios(result)[target.ratio],
                        failed=not result.ok,
                    )
                )
            if not matching:
                checks.append(
                    TargetCheck(
                        target.description, name, target.threads, target.ratio, target.goal, None
                    )
                )
    return checks


def report_data(
    results: Sequence[Result],
    machine: Mapping[str, str],
    settings: TimingSettings,
    note: str | None,
) -> dict[str, Any]:
    """Everything the report says, as JSON-ready data."""
    return {
        "machine": dict(machine),
        "note": note,
        "settings": asdict(settings),
        "flop_rule": FLOP_RULE,
        "timing_rule": timing_rule(settings),
        "results": [{**asdict(r), "ok": r.ok, "ratios": ratios(r)} for r in results],
        "targets": [{**asdict(c), "status": c.status} for c in check_targets(results)],
    }


def timing_rule(settings: TimingSettings) -> str:
    return (
        "Each variant's first call is checked against the reference's output (f32 within "
        "1e-3, f64 within 1e-9 of the largest reference magnitude; integers exactly) and "
        "serves as the warm-up; a wrong result is a failure and is not timed. Then it runs "
        f"until {settings.target_seconds:g} s have passed and at least {settings.min_runs} "
        "times (once when the first call alone took that long), and the median time is "
        f"reported. A variant whose first call took more than {settings.cap_seconds:g} s "
        "runs only that once: that call is its measurement (marked ¹). An irkit variant "
        "whose first call would take more than "
        f"{settings.limit_seconds:g} s at the rate it reached on the next smaller size of "
        "the same program (sgemm) is skipped, and the table says so."
    )


def render_markdown(data: Mapping[str, Any]) -> str:
    lines = [
        "# Performance",
        "",
        "Measured by `python -m benchmarks` (see `benchmarks/README.md`); this page and "
        "`performance.json` beside it are written by that command, not by hand. Ratios "
        "compare measurements of the same run.",
        "",
    ]
    if data["note"]:
        lines += [f"**Note.** {data['note']}", ""]
    lines += ["## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {key} | {_cell(value)} |" for key, value in data["machine"].items()]
    lines += ["", "## Targets", ""]
    lines += [
        "| target | benchmark | threads | ratio | goal | measured | status |",
        "|---|---|---|---|---|---|---|",
    ]
    for check in data["targets"]:
        threads = check["threads"] if check["threads"] is not None else "—"
        lines.append(
            f"| {check['target']} | {check['benchmark']} | {threads} | {check['ratio']} "
            f"| ≥ {_ratio(check['goal'])} | {_ratio(check['measured'])} | {check['status']} |"
        )
    lines += ["", "## Results", ""]
    lines += [
        "GFLOP/s of irkit at -O3, of irkit's unoptimized lowering (-O0) and of the reference; "
        "the ratio columns say how many times faster irkit -O3 runs than each. A program "
        "that does no arithmetic (a copy) shows its median time instead of GFLOP/s.",
        "",
    ]
    for group, title in GROUP_TITLES.items():
        rows = [r for r in data["results"] if r["group"] == group]
        if not rows:
            continue
        lines += [f"### {title}", ""]
        lines += [
            "| benchmark | threads | GFLOP | irkit -O3 | irkit -O0 | reference | reference "
            f"GFLOP/s | {RATIO_TO_REFERENCE} | {RATIO_TO_O0} | status |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in rows:
            measurements = row["measurements"]
            gflop = f"{row['flops'] / 1e9:.3g}" if row["flops"] is not None else "—"
            status = "ok" if row["ok"] else "FAIL: " + "; ".join(map(_brief, row["failures"]))
            status += "".join(f"; {v} skipped: {why}" for v, why in row["skipped"].items())
            skipped = dict.fromkeys(row["skipped"], "skipped")
            lines.append(
                f"| {row['name']} | {row['threads']} | {gflop} "
                f"| {skipped.get(O3) or _rate(measurements.get(O3))} "
                f"| {skipped.get(O0) or _rate(measurements.get(O0))} "
                f"| {row['reference']} | {_rate(measurements.get(row['reference']))} "
                f"| {_ratio(row['ratios'][RATIO_TO_REFERENCE])} "
                f"| {_ratio(row['ratios'][RATIO_TO_O0])} | {_cell(status)} |"
            )
        lines.append("")
    lines += [
        "## How the numbers are made",
        "",
        f"- **Flops.** {data['flop_rule']}",
        f"- **Timing.** {data['timing_rule']}",
        "- **Threads.** 1: irkit with `num_threads=1` (or IRKIT_NUM_THREADS=1 and "
        "OMP_NUM_THREADS=1 where irkit.compile has no `num_threads`), numpy under "
        "threadpoolctl's `threadpool_limits(1)`, onnxruntime with intra_op_num_threads=1, "
        "inter_op_num_threads=1 and sequential execution. The other thread count is every "
        "core this process may use, given the same way.",
        "- **References.** numpy (OpenBLAS for the matrix products) on the same inputs; "
        "onnxruntime's CPU provider running one ONNX Conv with pads 0 on the padded input, "
        "the weights as an initializer. irkit compiles the TC source with "
        "`irkit.compile(source, entry=..., opt_level=3 or 0)`, sizes dynamic.",
        "",
    ]
    return "\n".join(lines)


def _rate(measurement: Mapping[str, Any] | None) -> str:
    if measurement is None:
        return "—"
    mark = " ¹" if measurement["single_run"] else ""
    rate = measurement["gflops_per_second"]
    if rate is None:
        return f"{measurement['median_seconds'] * 1e3:.3g} ms{mark}"
    return f"{rate:.3g}{mark}"


def _brief(failure: str) -> str:
    """A failure's first line, shortened for a table cell (the JSON has it whole)."""
    line = failure.strip().splitlines()[0] if failure.strip() else failure
    return line if len(line) <= 160 else line[:157] + "..."


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.3g}"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def write_report(data: Mapping[str, Any], markdown_path: Path) -> Path:
    """Write the markdown page and the JSON beside it (same name, .json), each whole or
    not at all; the JSON's path."""
    json_path = markdown_path.with_suffix(".json")
    markdown_path.parent.mkdir(parents=True, exist_ok=True)
    for path, text in (
        (json_path, json.dumps(data, indent=2) + "\n"),
        (markdown_path, render_markdown(data)),
    ):
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text)
        os.replace(partial, path)
    return json_path
