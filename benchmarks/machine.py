"""A description of the machine and the software a benchmark run measured."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

import numpy as np

from benchmarks.cases import REPO_ROOT


def describe_machine() -> dict[str, str]:
    """CPU, cores, memory, OS, Python, numpy and its BLAS, onnxruntime, irkit's commit and
    the date, as display strings."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "CPU": _cpu_model(),
        "cores": f"{os.cpu_count()} logical, {len(os.sched_getaffinity(0))} usable",
        "memory": _memory(),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "numpy": np.__version__,
        "BLAS": _blas(),
        "onnxruntime": _version("onnxruntime"),
        "irkit commit": _git_commit(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load average at start": (
            " / ".join(f"{value:.2f}" for value in load) + " (1 / 5 / 15 min)" if load else "?"
        ),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "?"


def _blas() -> str:
    """The BLAS libraries numpy loaded, as threadpoolctl reports them."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "? (threadpoolctl is not installed)"
    pools = [
        f"{pool.get('internal_api')} {pool.get('version')} ({pool.get('threading_layer')}, "
        f"{pool.get('architecture')}, {pool.get('num_threads')} threads)"
        for pool in threadpool_info()
        if pool.get("user_api") == "blas"
    ]
    return "; ".join(pools) or "none found"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_commit() -> str:
    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", *arguments], cwd=REPO_ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        commit = git("rev-parse", "--short=12", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{commit} (with uncommitted changes)" if dirty else commit
