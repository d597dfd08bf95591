"""A third-party package plugs a dialect and a pass into irkit-opt through entry points."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

PLUGIN = textwrap.dedent(
    '''
    from dataclasses import dataclass

    from xdsl.dialects.builtin import ModuleOp, StringAttr
    from xdsl.ir import Dialect
    from xdsl.irdl import IRDLOperation, irdl_op_definition
    from xdsl.passes import ModulePass


    @irdl_op_definition
    class HelloOp(IRDLOperation):
        name = "hello.world"


    Hello = Dialect("hello", [HelloOp], [])


    @dataclass(frozen=True)
    class TagFunctionsPass(ModulePass):
        """Tag every op with the plug-in's name."""

        name = "tag-ops"

        def apply(self, ctx, op: ModuleOp) -> None:
            for nested in op.walk():
                if nested is not op:
                    nested.attributes["tagged"] = StringAttr("by-plugin")


    def register(registry):
        registry.register_dialect("hello", lambda: Hello)
        registry.register_pass("tag-ops", lambda: TagFunctionsPass)
    '''
)


def _install_plugin(root: Path) -> None:
    (root / "hello_plugin.py").write_text(PLUGIN)
    dist_info = root / "hello_plugin-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: hello-plugin\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text("[irkit.plugins]\nhello = hello_plugin:register\n")


def test_plugin_dialect_and_pass_reach_irkit_opt(tmp_path: Path) -> None:
    _install_plugin(tmp_path)
    source = tmp_path / "input.mlir"
    source.write_text('"hello.world"() : () -> ()\n')
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    irkit_opt = Path(sys.executable).parent / "irkit-opt"

    result = subprocess.run(
        [str(irkit_opt), str(source), "--tag-ops"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "hello.world" in result.stdout
    assert 'tagged = "by-plugin"' in result.stdout

    listed = subprocess.run([str(irkit_opt), "--help"], capture_output=True, text=True, env=env)
    assert "--tag-ops" in listed.stdout
    assert "Tag every op with the plug-in's name." in listed.stdout


def test_without_the_plugin_its_dialect_is_unknown(tmp_path: Path) -> None:
    source = tmp_path / "input.mlir"
    source.write_text('"hello.world"() : () -> ()\n')
    irkit_opt = Path(sys.executable).parent / "irkit-opt"
    result = subprocess.run([str(irkit_opt), str(source)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "unregistered dialect 'hello'" in result.stderr
