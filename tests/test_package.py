"""The package as people install it: one version, complete metadata, and an sdist that holds what it needs.

The version is ``agentconv.__version__`` and nothing else: hatchling reads it for the build, the CLI prints it,
the transcripts say ``$VERSION``. The sdist is built offline (``--no-isolation``) and its file list checked; that
its tests pass as shipped is checked by unpacking it (see CONTRIBUTING.md, release)."""
from __future__ import annotations

import email
import re
import subprocess
import sys
import tarfile
import tomllib
from importlib.metadata import metadata, version
from pathlib import Path

import agentconv

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
DIST = PYPROJECT["project"]["name"]


def test_the_version_is_written_once():
    project = PYPROJECT["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "src/agentconv/__init__.py"
    init = (ROOT / "src" / "agentconv" / "__init__.py").read_text("utf-8")
    assert re.findall(r'^__version__ = "([^"]+)"$', init, re.M) == [agentconv.__version__]
    assert version(DIST) == agentconv.__version__  # the installed metadata came from it (reinstall after a bump)
    literal = re.compile(rf"(?<![\w.]){re.escape(agentconv.__version__)}(?![\w.])")
    places = [ROOT / "README.md", ROOT / ".pre-commit-hooks.yaml", *ROOT.glob("tests/transcripts/*.md"),
              *(p for p in (ROOT / "src").rglob("*") if p.suffix in (".py", ".toml", ".json"))]
    written = [p.relative_to(ROOT).as_posix() for p in places
               if p.is_file() and p.name != "__init__.py" and literal.search(p.read_text("utf-8"))]
    assert written == []


def test_cli_version_is_the_package_version():
    out = subprocess.run([sys.executable, "-m", "agentconv", "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout == f"agentconv {agentconv.__version__}\n"


def test_metadata_is_complete():
    meta = metadata(DIST)
    assert DIST == "agentconvert" and meta["Name"] == DIST
    assert meta["License-Expression"] == PYPROJECT["project"]["license"] == "MIT"
    assert meta["Requires-Python"] == ">=3.11"
    assert meta["Author-email"] and meta.get_all("Classifier") and len(meta.get_all("Project-URL")) >= 3
    assert "Typing :: Typed" in meta.get_all("Classifier")
    license_text = (ROOT / "LICENSE").read_text("utf-8")
    assert license_text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in license_text
    for doc in ("CHANGELOG.md", "CONTRIBUTING.md"):
        assert (ROOT / doc).read_text("utf-8").startswith("# ")


def test_plugins_depend_on_this_distribution():
    """``agentconv`` on PyPI is somebody else's: a plugin that names it would install that."""
    for project in ROOT.glob("adapters/*/pyproject.toml"):
        deps = tomllib.loads(project.read_text("utf-8"))["project"]["dependencies"]
        names = [re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0] for d in deps]
        assert DIST in names and "agentconv" not in names, project


def test_sdist_holds_what_its_tests_need(tmp_path):
    out = subprocess.run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path),
                          str(ROOT)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    [sdist] = tmp_path.glob("*.tar.gz")
    assert sdist.name == f"{DIST}-{agentconv.__version__}.tar.gz"
    with tarfile.open(sdist) as tar:
        top = f"{DIST}-{agentconv.__version__}/"
        names = {m.name.removeprefix(top) for m in tar.getmembers() if m.isfile()}
        info = email.message_from_bytes(tar.extractfile(top + "PKG-INFO").read())
        shipped_tests = {n: tar.extractfile(top + n).read().decode("utf-8") for n in names
                         if n.endswith(".py") and (n.startswith("tests/") or "/tests/" in n or n == "conftest.py")}
    assert not {n for n in names if n.split("/")[0] in (".ci", "bench", "scripts")}
    assert {"LICENSE", "CHANGELOG.md", "CONTRIBUTING.md", "README.md", "pyproject.toml", "conftest.py",
            "src/agentconv/__init__.py", "src/agentconv/py.typed", "tests/test_package.py"} <= names
    assert info["Name"] == DIST and info["Version"] == agentconv.__version__
    # no shipped test reaches for what the sdist leaves out (this one names them on purpose)
    reaching = [n for n, src in shipped_tests.items() if n != "tests/test_package.py" and re.search(r"""["'/](bench|scripts|\.ci)["'/]""", src)]
    assert reaching == []
