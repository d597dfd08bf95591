"""Checking and timing one benchmark: irkit at -O3 and at -O0 (its unoptimized lowering)
and the reference, at a given thread count.

Every variant's first call is checked against the reference's output before anything is
timed (a wrong result is reported, not timed), and serves as the warm-up. Then the variant
is called until ``target_seconds`` have passed and at least ``min_runs`` times (once when
the first call alone took ``target_seconds``); the median is reported. A variant whose first
call took more than ``cap_seconds`` is not run again: that one call is its measurement.
An irkit variant whose first call would take more than ``limit_seconds`` at the rate it
reached on a smaller size of the same program (``Benchmark.predicted_from``) is skipped.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import statistics
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from xdsl.dialects.func import FuncOp

import irkit
from benchmarks.cases import Benchmark, Outputs
from benchmarks.flops import count_flops
from irkit.frontend import tc

IRKIT_VARIANTS = {"irkit -O3": 3, "irkit -O0": 0}
THREAD_VARIABLES = ("IRKIT_NUM_THREADS", "OMP_NUM_THREADS")


@dataclass(frozen=True)
class TimingSettings:
    target_seconds: float = 0.5
    min_runs: int = 3
    max_runs: int = 1000
    cap_seconds: float = 5.0
    limit_seconds: float = 60.0


@dataclass
class Measurement:
    """The median time of a variant's timed calls, and its rate."""

    median_seconds: float
    runs: int
    # True when the first (checked) call exceeded the cap and is the only one.
    single_run: bool
    gflops_per_second: float | None


@dataclass
class Result:
    """One benchmark at one thread count: a measurement per variant that ran correctly,
    and what went wrong with the others."""

    name: str
    group: str
    threads: int
    flops: int | None
    reference: str
    measurements: dict[str, Measurement] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    # Variants not run because they were predicted to take too long, and why.
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


def all_threads() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextlib.contextmanager
def irkit_threads(threads: int) -> Iterator[None]:
    """irkit's thread count through the environment, for a compile without the
    ``num_threads`` option, restored afterwards."""
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update({name: str(threads) for name in THREAD_VARIABLES})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def blas_threads(threads: int) -> Iterator[None]:
    """numpy's BLAS (and OpenMP) limited to ``threads``, with threadpoolctl. Without
    threadpoolctl, all threads are numpy's default and a single thread cannot be had."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        if threads != all_threads():
            raise RuntimeError(
                "single-threaded numpy needs threadpoolctl: pip install -e '.[bench]'"
            ) from None
        yield
        return
    with threadpool_limits(limits=threads):
        yield


def compile_kernel(benchmark: Benchmark, opt_level: int, threads: int) -> irkit.Kernel:
    """``irkit.compile`` of the benchmark's TC source, with ``num_threads`` where irkit.compile
    has it, else with IRKIT_NUM_THREADS/OMP_NUM_THREADS set."""
    options: dict[str, Any] = {}
    if "num_threads" in inspect.signature(irkit.compile).parameters:
        options["num_threads"] = threads
    with irkit_threads(threads):
        return irkit.compile(
            benchmark.source, entry=benchmark.entry, opt_level=opt_level, **options
        )


def make_inputs(benchmark: Benchmark) -> tuple[int, list[np.ndarray]]:
    """The flop count and the inputs, both from the program parsed with the sizes bound."""
    module = tc.parse(benchmark.source, sizes=benchmark.sizes)
    flops = count_flops(module, benchmark.entry)
    function = next(
        op for op in module.ops if isinstance(op, FuncOp) and op.sym_name.data == benchmark.entry
    )
    types = function.function_type.inputs.data
    if len(types) != len(benchmark.inputs):
        raise ValueError(
            f"{benchmark.name}: {len(benchmark.inputs)} input makers for {len(types)} parameters"
        )
    rng = np.random.default_rng(sum(map(ord, benchmark.name)))
    inputs = [
        maker(rng, tuple(t.get_shape()), _numpy_dtype(str(t.element_type)))
        for maker, t in zip(benchmark.inputs, types, strict=True)
    ]
    return flops, inputs


def _numpy_dtype(element_type: str) -> np.dtype:
    dtypes = {"f32": np.float32, "f64": np.float64, "i32": np.int32, "i64": np.int64}
    return np.dtype(dtypes[element_type])


def mismatch(actual: object, expected: Outputs) -> str | None:
    """Why ``actual`` (a kernel's return value) differs from ``expected``, or None.
    Floats agree within 1e-3 (f32) or 1e-9 (f64) of the largest reference magnitude,
    integers exactly."""
    outputs = actual if isinstance(actual, tuple) else (actual,)
    if len(outputs) != len(expected):
        return f"{len(outputs)} output(s), expected {len(expected)}"
    for position, (got, want) in enumerate(zip(outputs, expected, strict=True)):
        got, want = np.asarray(got), np.asarray(want)
        where = f"output {position}"
        if got.shape != want.shape or got.dtype != want.dtype:
            return (
                f"{where} is {got.dtype}{list(got.shape)}, expected {want.dtype}{list(want.shape)}"
            )
        if np.issubdtype(want.dtype, np.integer):
            if not np.array_equal(got, want):
                return f"{where}: {np.count_nonzero(got != want)} elements differ"
            continue
        tolerance = 1e-3 if want.dtype == np.float32 else 1e-9
        scale = float(np.max(np.abs(want))) if want.size else 0.0
        error = np.abs(got.astype(np.float64) - want.astype(np.float64))
        if not np.all(error <= tolerance * max(scale, 1e-30)):
            worst = float(np.nanmax(error)) if not np.all(np.isnan(error)) else float("nan")
            return f"{where}: max error {worst:.3g} beyond {tolerance:g} x {scale:.3g}"
    return None


def timed(call: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = call()
    return time.perf_counter() - start, value


def measure(
    call: Callable[[], object], first_seconds: float, flops: int, settings: TimingSettings
) -> Measurement:
    """Time ``call``, whose first (checked) call took ``first_seconds``."""
    if first_seconds > settings.cap_seconds:
        return Measurement(first_seconds, 1, True, _rate(flops, first_seconds))
    min_runs = settings.min_runs if first_seconds < settings.target_seconds else 1
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < settings.max_runs and (
        len(times) < min_runs or time.perf_counter() - start < settings.target_seconds
    ):
        times.append(timed(call)[0])
    median = statistics.median(times)
    return Measurement(median, len(times), False, _rate(flops, median))


def _rate(flops: int, seconds: float) -> float | None:
    return flops / seconds / 1e9 if flops and seconds > 0 else None


def run_benchmark(
    benchmark: Benchmark,
    threads: int,
    settings: TimingSettings,
    predicting_rates: Mapping[str, float] | None = None,
) -> Result:
    """Check and time the reference and both irkit variants of ``benchmark``;
    ``predicting_rates`` are the GFLOP/s per variant of ``benchmark.predicted_from``."""
    result = Result(benchmark.name, benchmark.group, threads, None, benchmark.reference)
    if benchmark.missing or benchmark.make_reference is None:
        result.failures.append(benchmark.missing or "no reference")
        return result
    try:
        result.flops, inputs = make_inputs(benchmark)
    except Exception as error:  # a program that does not parse at its sizes is reported
        result.failures.append(f"setup failed: {error}")
        return result
    try:
        with blas_threads(threads):
            reference = benchmark.make_reference(inputs, threads)
            first_seconds, expected = timed(reference)
            result.measurements[benchmark.reference] = measure(
                reference, first_seconds, result.flops, settings
            )
    except Exception as error:  # any failure of the reference is reported
        result.failures.append(f"{benchmark.reference} failed: {error}")
        return result
    for variant, opt_level in IRKIT_VARIANTS.items():
        rate = (predicting_rates or {}).get(variant)
        predicted_seconds = result.flops / (rate * 1e9) if rate else 0.0
        if predicted_seconds > settings.limit_seconds:
            result.skipped[variant] = (
                f"predicted {predicted_seconds:.3g} s a call at the {rate:.3g} GFLOP/s of "
                f"{benchmark.predicted_from}, over the {settings.limit_seconds:g} s limit"
            )
            continue
        problem = _run_irkit(
            benchmark, variant, opt_level, threads, inputs, expected, result, settings
        )
        if problem:
            result.failures.append(f"{variant}: {problem}")
    return result


def _run_irkit(
    benchmark: Benchmark,
    variant: str,
    opt_level: int,
    threads: int,
    inputs: Sequence[np.ndarray],
    expected: Outputs,
    result: Result,
    settings: TimingSettings,
) -> str | None:
    """Compile, check and time one irkit variant into ``result``; what went wrong, if
    anything."""
    try:
        kernel = compile_kernel(benchmark, opt_level, threads)
    except Exception as error:  # a compile failure is a failure row
        return (
            f"compile failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}"
        )
    with irkit_threads(threads):
        first_seconds, actual = timed(lambda: kernel(*inputs))
        problem = mismatch(actual, expected)
        if problem:
            return f"wrong result: {problem}"
        assert result.flops is not None
        result.measurements[variant] = measure(
            lambda: kernel(*inputs), first_seconds, result.flops, settings
        )
    return None


def run_benchmarks(
    benchmarks: Sequence[Benchmark],
    thread_counts: Sequence[int],
    settings: TimingSettings,
    progress: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Every benchmark at every thread count, in that order."""
    results = []
    rates: dict[tuple[str, int], dict[str, float]] = {}
    for benchmark in benchmarks:
        for threads in thread_counts:
            predicting = rates.get((benchmark.predicted_from or "", threads))
            result = run_benchmark(benchmark, threads, settings, predicting)
            # A skipped variant passes on the rate that predicted it, so that the next
            # larger size is skipped too.
            rates[benchmark.name, threads] = {
                **{variant: (predicting or {})[variant] for variant in result.skipped},
                **{
                    variant: m.gflops_per_second
                    for variant, m in result.measurements.items()
                    if m.gflops_per_second
                },
            }
            if progress:
                progress(result)
            results.append(result)
    return results
