"""Import rules between layers (in the spirit of sqlfluff's import-linter contract), checked from the source."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import agentconv

SRC = Path(__file__).resolve().parents[1] / "src" / "agentconv"
CLI_ONLY = {"typer", "rich", "click"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            found.add(("." * node.level) + mod)
    return found


def test_core_never_imports_the_cli_or_its_libraries():
    offenders = []
    for path in SRC.rglob("*.py"):
        if "cli" in path.relative_to(SRC).parts or path.name == "__main__.py":  # the entry points themselves
            continue
        for name in _imports(path):
            top = name.lstrip(".").split(".")[0]
            if top in CLI_ONLY or name.lstrip(".").startswith("cli") or "agentconv.cli" in name:
                offenders.append(f"{path.relative_to(SRC)}: {name}")
    assert offenders == []


def test_a_clean_conversion_imports_no_heavy_module():
    code = (
        "import sys, agentconv\n"
        "from pathlib import Path\n"
        "agentconv.convert_text(b'---\\nname: a\\ndescription: d\\ntools: Read\\n---\\nbody\\n', to='copilot')\n"
        "print(' '.join(sorted(m for m in ('typer', 'rich', 'deepdiff', 'ftfy', 'emoji', 'pathspec', 'click')"
        " if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_version_does_not_import_typer():
    code = "import sys; sys.argv=['agentconv','--version']\nfrom agentconv.cli import main\nmain()\nprint('typer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["agentconv", agentconv.__version__, "False"]
