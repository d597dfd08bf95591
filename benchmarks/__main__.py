"""``python -m benchmarks``: measure irkit against numpy/OpenBLAS and onnxruntime and write
docs/performance.md and docs/performance.json (see benchmarks/README.md)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.cases import REPO_ROOT, select
from benchmarks.harness import Result, TimingSettings, all_threads, run_benchmarks
from benchmarks.machine import describe_machine
from benchmarks.report import O0, O3, ratios, report_data, write_report

BENCH_DEPENDENCIES = ("onnx", "onnxruntime", "threadpoolctl")


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure irkit -O3, irkit -O0 and numpy/OpenBLAS or onnxruntime in one "
        "run and write a markdown report and a JSON file beside it.",
    )
    parser.add_argument("--quick", action="store_true", help="a small subset, for a smoke run")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="benchmarks to run, by name or fnmatch pattern ('sgemm-*', 'tc/*'); "
        "sgemm-N runs sgemm at any size N",
    )
    parser.add_argument(
        "--threads",
        choices=("1", "all", "both"),
        default="both",
        help="single-threaded, all cores, or both (default)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=REPO_ROOT / "docs" / "performance.md",
        help="the markdown report; the JSON goes beside it with the suffix .json "
        "(default: docs/performance.md)",
    )
    parser.add_argument(
        "--time",
        type=float,
        default=TimingSettings.target_seconds,
        metavar="SECONDS",
        help="time each variant for about this long (default %(default)s)",
    )
    parser.add_argument(
        "--cap",
        type=float,
        default=TimingSettings.cap_seconds,
        metavar="SECONDS",
        help="a variant whose first call takes longer runs only once (default %(default)s)",
    )
    parser.add_argument(
        "--limit",
        type=float,
        default=TimingSettings.limit_seconds,
        metavar="SECONDS",
        help="skip an irkit variant predicted, from its rate on the next smaller sgemm, to "
        "take longer than this a call (default %(default)s)",
    )
    parser.add_argument("--note", help="a note for the report (for instance, on machine load)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    return parser.parse_args(argv)


def _missing_dependencies() -> list[str]:
    from importlib.util import find_spec

    return [name for name in BENCH_DEPENDENCIES if find_spec(name) is None]


def _print_result(result: Result) -> None:
    rates = []
    for variant in (O3, O0, result.reference):
        measurement = result.measurements.get(variant)
        if measurement is not None:
            rate = measurement.gflops_per_second
            shown = f"{rate:.3g} GFLOP/s" if rate else f"{measurement.median_seconds * 1e3:.3g} ms"
            rates.append(f"{variant} {shown}")
    speedups = ", ".join(f"{k} {v:.3g}" for k, v in ratios(result).items() if v is not None)
    status = "ok" if result.ok else "FAIL: " + "; ".join(result.failures)
    status += "".join(f"; {v} skipped: {why}" for v, why in result.skipped.items())
    print(
        f"{result.name} [{result.threads} thread(s)]: {'; '.join(rates)}"
        f"{' (' + speedups + ')' if speedups else ''} — {status}",
        flush=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    try:
        benchmarks = select(arguments.only, arguments.quick)
    except ValueError as error:
        print(f"python -m benchmarks: error: {error}", file=sys.stderr)
        return 1
    if arguments.list:
        print("\n".join(b.name for b in benchmarks))
        return 0
    missing = _missing_dependencies()
    if missing:
        print(
            f"python -m benchmarks: error: {', '.join(missing)} not installed; "
            "install the benchmark extra: pip install -e '.[bench]'",
            file=sys.stderr,
        )
        return 1
    cores = all_threads()
    thread_counts = {"1": [1], "all": [cores], "both": sorted({1, cores})}[arguments.threads]
    settings = TimingSettings(
        target_seconds=arguments.time, cap_seconds=arguments.cap, limit_seconds=arguments.limit
    )
    machine = describe_machine()
    results = run_benchmarks(benchmarks, thread_counts, settings, progress=_print_result)
    data = report_data(results, machine, settings, arguments.note)
    json_path = write_report(data, arguments.output)
    print(f"wrote {arguments.output} and {json_path}")
    for check in data["targets"]:
        print(f"target: {check['target']} [{check['benchmark']}]: {check['status']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
