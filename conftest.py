"""The example plugins under ``adapters/`` take part in every test run, installed or not.

``make install`` installs them editable. From an unpacked sdist (``pip install '.[test]'`` then ``pytest``) they
are not installed, so this makes each one findable exactly as an installed one is: its folder and a
``*.dist-info`` holding its entry points (read from its ``pyproject.toml``) go on ``sys.path`` and on
``PYTHONPATH``, which the CLI tests' subprocesses inherit. An installed plugin is left alone.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import tomllib
from importlib.metadata import distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent
_MADE: list[str] = []


def pytest_configure(config) -> None:
    installed = {d.metadata["Name"] for d in distributions()}
    paths = []
    for project in sorted(ROOT.glob("adapters/*/pyproject.toml")):
        meta = tomllib.loads(project.read_text("utf-8"))["project"]
        if meta["name"] in installed:
            continue
        where = tempfile.mkdtemp(prefix="agentconv-plugin-")
        _MADE.append(where)
        info = Path(where) / f"{meta['name'].replace('-', '_')}-{meta['version']}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {meta['name']}\nVersion: {meta['version']}\n",
                                       "utf-8")
        lines = [f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items())
                 for group, eps in meta.get("entry-points", {}).items()]
        (info / "entry_points.txt").write_text("\n".join(lines), "utf-8")
        paths += [str(project.parent), where]
    if paths:
        sys.path[:0] = paths
        os.environ["PYTHONPATH"] = os.pathsep.join(paths + [p for p in [os.environ.get("PYTHONPATH")] if p])


def pytest_unconfigure(config) -> None:
    for where in _MADE:
        shutil.rmtree(where, ignore_errors=True)
