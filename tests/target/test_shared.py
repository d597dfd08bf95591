"""irkit-translate --emit=shared: a host shared library and its C header.

The library is loaded with ctypes and called with memref descriptors over numpy arrays;
the results are compared with numpy. The header is compiled by the C compiler against a
caller. Skipped when there is no C compiler.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from irkit.tools.irkit_translate import main

from irkit.frontend import tc
from irkit.pass_pipeline import apply_pipeline
from irkit.printing import print_ir

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "tc"

_CALLER = """
#include "{header}"
int main(void) {{
  float a[6], b[6], c[4];
  irkit_memref_2d A = {{a, a, 0, {{2, 3}}, {{3, 1}}}};
  irkit_memref_2d B = {{b, b, 0, {{3, 2}}, {{2, 1}}}};
  irkit_memref_2d C = {{c, c, 0, {{2, 2}}, {{2, 1}}}};
  _mlir_ciface_matmul(&A, &B, &C);
  return 0;
}}
"""


def _library(tmp_path: Path, name: str, pipeline: str = "lower-to-llvm") -> Path:
    if shutil.which("cc") is None:
        pytest.skip("no C compiler (cc) to link with")
    module = tc.parse((EXAMPLES / name).read_text(), filename=name)
    apply_pipeline(module, pipeline)
    source = tmp_path / f"{name}.mlir"
    source.write_text(print_ir(module))
    library = tmp_path / f"lib{Path(name).stem}.so"
    assert main([str(source), "--emit=shared", "-O3", "-o", str(library)]) == 0
    return library


def _descriptor(array: np.ndarray) -> ctypes.Structure:
    rank = array.ndim
    fields = [("allocated", ctypes.c_void_p), ("aligned", ctypes.c_void_p)]
    fields += [("offset", ctypes.c_int64)]
    fields += [("sizes", ctypes.c_int64 * rank), ("strides", ctypes.c_int64 * rank)]
    descriptor = type(f"MemRef{rank}D", (ctypes.Structure,), {"_fields_": fields})()
    descriptor.allocated = descriptor.aligned = array.ctypes.data
    descriptor.sizes[:] = array.shape
    descriptor.strides[:] = [stride // array.itemsize for stride in array.strides]
    return descriptor


def test_shared_library_matches_numpy(tmp_path: Path) -> None:
    library = ctypes.CDLL(str(_library(tmp_path, "matmul.tc")))
    rng = np.random.default_rng(3)
    a = rng.standard_normal((4, 6), dtype=np.float32)
    b = rng.standard_normal((6, 5), dtype=np.float32)
    c = np.full((4, 5), np.nan, dtype=np.float32)
    descriptors = [_descriptor(x) for x in (a, b, c)]
    library._mlir_ciface_matmul(*(ctypes.byref(d) for d in descriptors))
    np.testing.assert_allclose(c, a.astype(np.float64) @ b, rtol=1e-5, atol=1e-5)


def test_parallel_loops_link_libgomp(tmp_path: Path) -> None:
    """A library whose loops run on libgomp threads is linked against libgomp."""
    pipeline = "lower-to-affine,affine-parallelize,lower-to-llvm"
    library = _library(tmp_path, "matmul.tc", pipeline)
    needed = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=False)
    assert "libgomp" in needed.stdout
    loaded = ctypes.CDLL(str(library))
    rng = np.random.default_rng(4)
    a = rng.standard_normal((33, 7), dtype=np.float32)
    b = rng.standard_normal((7, 9), dtype=np.float32)
    c = np.full((33, 9), np.nan, dtype=np.float32)
    descriptors = [_descriptor(x) for x in (a, b, c)]
    loaded._mlir_ciface_matmul(*(ctypes.byref(d) for d in descriptors))
    np.testing.assert_allclose(c, a.astype(np.float64) @ b, rtol=1e-5, atol=1e-5)


def test_header_declares_the_entry_points(tmp_path: Path) -> None:
    library = _library(tmp_path, "matmul.tc")
    header = library.with_suffix(".h")
    assert "void _mlir_ciface_matmul(irkit_memref_2d *" in header.read_text()
    caller = tmp_path / "caller.c"
    caller.write_text(_CALLER.format(header=header))
    linked = subprocess.run(
        ["cc", str(caller), str(library), "-o", str(tmp_path / "caller")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert linked.returncode == 0, linked.stderr


def test_shared_is_for_the_host_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "empty.mlir"
    source.write_text("")
    output = tmp_path / "lib.so"
    assert (
        main([str(source), "--emit=shared", "--target=aarch64-linux-gnu", "-o", str(output)]) == 1
    )
    assert "--emit=shared links for the host only" in capsys.readouterr().err
    assert not output.exists()
