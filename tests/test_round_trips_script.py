"""scripts/round-trips (the round-trip check over a corpus) counts a way back that is refused as a class, as the corpus
sweep counts refusals, and goes on with the next file: it used to stop with the refusal's traceback. Left out of the
sdist (pyproject: it runs a script the sdist does not hold)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "round-trips"

# A read-only Codex role: into Cursor it is `readonly: true`, which Cursor reads as denying every MCP tool too; Codex
# cannot deny MCP tools, so the way back into Codex is refused (exit 6), while Copilot's way back keeps the sandbox.
ROLE = '''name = "{name}"
description = "Reviews diffs."
sandbox_mode = "read-only"
developer_instructions = """
Review the diff.
"""
'''


def _corpus(tmp_path: Path) -> Path:
    rows = ["path\trepo\tcommit\tlabel"]
    for name in ("alpha", "beta"):
        rel = f"o__r/.codex/agents/{name}.toml"
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(ROLE.format(name=name), encoding="utf-8")
        rows.append(f"{rel}\to/r\t0\tcodex-agent-toml")
    (tmp_path / "_index.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def test_a_refused_way_back_is_a_class_and_the_files_go_on(tmp_path):
    env = {**os.environ, "CORPUS": str(_corpus(tmp_path))}
    run = subprocess.run([sys.executable, str(SCRIPT), "codex-agent-toml", "codex", "cursor,copilot", "--show", "1"],
                         capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    counts = {line[:40].strip(): int(line[40:]) for line in run.stdout.splitlines() if line[:1].isalpha()}
    assert counts == {"cursor: refused back": 2, "copilot: ok": 2}
    # --show names the file and says why the way back was refused
    shown = run.stdout.split("\n-- ", 1)[1]
    assert shown.startswith("cursor: o__r/.codex/agents/alpha.toml\n   back: ")
    assert "codex cannot deny" in shown
