"""lit configuration for irkit's FileCheck tests.

Substitutions:
  irkit-opt   the irkit-opt under test (``--param opt=mlir-opt`` swaps in MLIR's, to check
              that a test's expectations are MLIR's own)
  mlir-opt    MLIR 22's mlir-opt; tests that use it say ``REQUIRES: mlir-opt``
  FileCheck   the Python FileCheck port (filecheck==1.0.6)
"""

import os
import re
import shutil
import sys

import lit.formats

from irkit.mlir_tools import find_mlir_tool, mlir_tool_env

config.name = "irkit"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".tc", ".test"]
config.excludes = ["Inputs", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)

# Keep the environment the tools need, and nothing that would colour or page their output.
config.environment = mlir_tool_env(
    {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LD_LIBRARY_PATH", "TMPDIR")}
)
config.environment["PYTHONDONTWRITEBYTECODE"] = "1"

bin_dir = os.path.dirname(sys.executable)


def tool(name: str) -> str:
    path = os.path.join(bin_dir, name)
    return path if os.path.exists(path) else (shutil.which(name) or name)


mlir_opt = find_mlir_tool("mlir-opt")
if mlir_opt is not None:
    config.available_features.add("mlir-opt")

opt_under_test = lit_config.params.get("opt", "irkit-opt")
if opt_under_test == "mlir-opt":
    if mlir_opt is None:
        lit_config.fatal("--param opt=mlir-opt needs MLIR's mlir-opt (pip install '.[mlir]')")
    irkit_opt = str(mlir_opt)
    config.available_features.add("reference-mlir-opt")
else:
    irkit_opt = tool("irkit-opt")



def command(name: str) -> str:
    """A pattern for ``name`` used as a command word, not inside a path or a longer name."""
    return r"(?<![\w/.%-])" + re.escape(name) + r"(?![\w.-])"


config.substitutions.append(("%python", sys.executable))
config.substitutions.append((command("mlir-opt"), str(mlir_opt or "mlir-opt-not-installed")))
config.substitutions.append((command("irkit-opt"), irkit_opt))
config.substitutions.append((command("FileCheck"), tool("filecheck")))
for irkit_tool in ("irkit-tc", "irkit-translate", "irkit-run"):
    config.substitutions.append((command(irkit_tool), tool(irkit_tool)))
config.substitutions.append(("%examples", os.path.join(os.path.dirname(__file__), "..", "..", "examples")))
