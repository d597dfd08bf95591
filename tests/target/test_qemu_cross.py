"""Cross-compilation for aarch64 and riscv64, run under qemu-user.

matmul and conv2d from examples/tc are lowered to LLVM IR and compiled to objects for each
target at -O0 and -O3. A C driver generated for each embeds seeded random inputs, builds
MLIR memref descriptors over them, calls `_mlir_ciface_<entry>` and writes the outputs' raw
bytes to stdout. It is linked statically with the target's cross gcc and run under qemu;
the outputs are compared with numpy. Skipped, naming what is missing, without the cross gcc,
its static C library or qemu (.ci/run installs them on Debian).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from irkit.frontend import tc
from irkit.pass_pipeline import apply_pipeline
from irkit.target.codegen import CodegenOptions, Emit, codegen
from irkit.target.llvmir import translate_module
from irkit.target.shared import c_header

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "tc"


@dataclass(frozen=True)
class CrossTarget:
    triple: str
    features: str
    qemu: str
    gcc_package: str
    libc_package: str

    @property
    def gcc(self) -> str:
        return f"{self.triple}-gcc"


TARGETS = [
    CrossTarget(
        "aarch64-linux-gnu", "", "qemu-aarch64", "gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross"
    ),
    # Debian's riscv64 C library uses the lp64d ABI, which needs the D extension.
    CrossTarget(
        "riscv64-linux-gnu",
        "+m,+a,+f,+d,+c",
        "qemu-riscv64",
        "gcc-riscv64-linux-gnu",
        "libc6-dev-riscv64-cross",
    ),
]


@dataclass(frozen=True)
class Toolchain:
    gcc: str
    qemu: str


def _toolchain(target: CrossTarget) -> Toolchain:
    """The cross gcc and qemu for `target`, or a skip that names each one missing."""
    gcc = shutil.which(target.gcc)
    qemu = shutil.which(target.qemu) or shutil.which(f"{target.qemu}-static")
    missing = []
    if gcc is None:
        missing.append(f"{target.gcc} (Debian: {target.gcc_package})")
    if qemu is None:
        missing.append(f"{target.qemu} or {target.qemu}-static (Debian: qemu-user)")
    if gcc is not None:
        # Without the static C library gcc echoes the bare name back.
        libc = subprocess.run(
            [gcc, "-print-file-name=libc.a"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if not Path(libc).is_absolute():
            missing.append(f"the static C library (Debian: {target.libc_package})")
    if missing:
        pytest.skip(f"cannot run {target.triple} code here; missing: " + ", ".join(missing))
    assert gcc is not None and qemu is not None
    return Toolchain(gcc, qemu)


def _c_array(name: str, array: np.ndarray) -> str:
    # Hexadecimal literals carry each float32 exactly.
    values = ", ".join(float(x).hex() for x in array.ravel())
    return f"static float {name}[{array.size}] = {{{values}}};\n"


def _c_descriptor(name: str, data: str, shape: tuple[int, ...]) -> str:
    strides = [int(np.prod(shape[dim + 1 :])) for dim in range(len(shape))]
    sizes_text = ", ".join(map(str, shape))
    strides_text = ", ".join(map(str, strides))
    return (
        f"  irkit_memref_{len(shape)}d {name} = "
        f"{{{data}, {data}, 0, {{{sizes_text}}}, {{{strides_text}}}}};\n"
    )


def _driver(entry: str, inputs: list[np.ndarray], output_shapes: list[tuple[int, ...]]) -> str:
    """C source calling the entry point on `inputs`, writing each output's bytes to stdout.

    Outputs start as NaN, so that an element the kernel never writes cannot pass.
    """
    arrays = "".join(_c_array(f"input_{i}", array) for i, array in enumerate(inputs))
    arrays += "".join(
        f"static float output_{i}[{int(np.prod(shape))}];\n"
        for i, shape in enumerate(output_shapes)
    )
    descriptors = "".join(
        _c_descriptor(f"arg_input_{i}", f"input_{i}", array.shape) for i, array in enumerate(inputs)
    )
    descriptors += "".join(
        _c_descriptor(f"arg_output_{i}", f"output_{i}", shape)
        for i, shape in enumerate(output_shapes)
    )
    names = [f"arg_input_{i}" for i in range(len(inputs))]
    names += [f"arg_output_{i}" for i in range(len(output_shapes))]
    fill = "".join(
        f"  for (size_t i = 0; i < {int(np.prod(shape))}; ++i) output_{k}[i] = NAN;\n"
        for k, shape in enumerate(output_shapes)
    )
    write = "".join(
        f"  if (fwrite(output_{k}, sizeof output_{k}, 1, stdout) != 1) return 1;\n"
        for k in range(len(output_shapes))
    )
    call = ", ".join(f"&{name}" for name in names)
    return (
        '#include <math.h>\n#include <stddef.h>\n#include <stdio.h>\n#include "kernel.h"\n\n'
        f"{arrays}\nint main(void) {{\n{descriptors}{fill}"
        f"  _mlir_ciface_{entry}({call});\n{write}  return 0;\n}}\n"
    )


def _run_under_qemu(
    target: CrossTarget,
    tmp_path: Path,
    example: str,
    opt_level: int,
    inputs: list[np.ndarray],
    output_shapes: list[tuple[int, ...]],
) -> list[np.ndarray]:
    """Compile `example` for `target` at `opt_level`, run it under qemu on `inputs`."""
    toolchain = _toolchain(target)
    module = tc.parse((EXAMPLES / f"{example}.tc").read_text(), filename=f"{example}.tc")
    apply_pipeline(module, "lower-to-llvm")
    (tmp_path / "kernel.h").write_text(c_header(module, "KERNEL_H"))
    options = CodegenOptions(
        triple=target.triple, features=target.features, opt_level=opt_level, emit=Emit.OBJ
    )
    (tmp_path / "kernel.o").write_bytes(codegen(translate_module(module), options))
    (tmp_path / "driver.c").write_text(_driver(example, inputs, output_shapes))
    program = tmp_path / "driver"
    linked = subprocess.run(
        [toolchain.gcc, "-static", "-O1", "driver.c", "kernel.o", "-o", str(program), "-lm"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert linked.returncode == 0, linked.stderr
    ran = subprocess.run([toolchain.qemu, str(program)], capture_output=True, check=False)
    assert ran.returncode == 0, ran.stderr.decode(errors="replace")
    sizes = [int(np.prod(shape)) for shape in output_shapes]
    assert len(ran.stdout) == 4 * sum(sizes)
    # Both targets are little-endian.
    flat = np.frombuffer(ran.stdout, dtype="<f4")
    bounds = np.cumsum([0, *sizes])
    return [
        flat[start:stop].reshape(shape)
        for start, stop, shape in zip(bounds[:-1], bounds[1:], output_shapes, strict=True)
    ]


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.triple)
@pytest.mark.parametrize("opt_level", [0, 3])
def test_matmul(target: CrossTarget, tmp_path: Path, opt_level: int) -> None:
    rng = np.random.default_rng(11)
    a = rng.standard_normal((5, 7), dtype=np.float32)
    b = rng.standard_normal((7, 6), dtype=np.float32)
    (c,) = _run_under_qemu(target, tmp_path, "matmul", opt_level, [a, b], [(5, 6)])
    expected = a.astype(np.float64) @ b.astype(np.float64)
    np.testing.assert_allclose(c, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.triple)
@pytest.mark.parametrize("opt_level", [0, 3])
def test_conv2d(target: CrossTarget, tmp_path: Path, opt_level: int) -> None:
    rng = np.random.default_rng(12)
    image = rng.standard_normal((2, 3, 7, 6), dtype=np.float32)
    weights = rng.standard_normal((4, 3, 3, 2), dtype=np.float32)
    bias = rng.standard_normal(4, dtype=np.float32)
    (out,) = _run_under_qemu(
        target, tmp_path, "conv2d", opt_level, [image, weights, bias], [(2, 4, 5, 5)]
    )
    # Every (kh, kw) window of the image, shape (N, C, OH, OW, KH, KW).
    windows = sliding_window_view(image.astype(np.float64), (3, 2), axis=(2, 3))
    expected = np.einsum("nchwij,mcij->nmhw", windows, weights.astype(np.float64))
    expected += bias[None, :, None, None]
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)
