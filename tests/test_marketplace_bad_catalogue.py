"""A marketplace catalogue that is not JSON (a trailing comma), or lists no plugins, is bad input: one failed row,
exit 3 (ParseError), never an internal error (exit 70). Claude Code 2.1.330 refuses such a catalogue too
(`claude plugin validate`: "Invalid JSON syntax", ../shared/tools/clients/validate-claude, run 2026-11-29).
Found in the unseen25 shadow corpus (a test fixture of a plugin repository); the fixtures here are synthetic."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def _catalogue(root: Path, text: str) -> Path:
    (root / ".claude-plugin").mkdir(parents=True)
    (root / ".claude-plugin" / "marketplace.json").write_text(text)
    return root


@pytest.mark.parametrize("text, said", [
    ('{\n  "name": "shop",\n  "plugins": [],\n}\n', "not JSON"),
    ('{"name": "shop", "plugins": {"a": "./a"}}\n', "needs a plugins list"),
])
@pytest.mark.parametrize("to", [["claude-plugin"], ["agent-plugins", "--clients", "claude,copilot"]])
def test_a_bad_catalogue_is_one_failed_row_not_a_crash(tmp_path, text, said, to):
    src = _catalogue(tmp_path / "shop", text)
    r = subprocess.run([sys.executable, "-m", "agentconv", "convert", str(src), "--to", *to, "-o",
                        str(tmp_path / "out"), "--json"], capture_output=True, text=True)
    assert r.returncode == 3, r.stderr
    doc = json.loads(r.stdout)
    assert [f["status"] for f in doc["files"]] == ["failed"]
    assert said in doc["files"][0]["error"] and "internal error" not in r.stdout + r.stderr
    assert doc["files"][0]["source"].endswith("marketplace.json")


def test_a_plugin_agent_whose_file_name_is_not_its_name_keeps_its_file_in_the_same_format(tmp_path):
    """A Claude Code plugin agent at ``agents/tab.md`` holding ``name: Tab``, converted to claude-plugin, was written
    as ``agents/Tab.md`` (a renamed file), and the manifest's ``agents`` list naming ``./agents/tab.md`` was dropped
    (unseen25 shadow corpus). Claude Code names a plugin agent by its header's name: the file stays where it was."""
    src = tmp_path / "pl"
    manifest = '{"name": "pl", "agents": ["./agents/tab.md", "./agents/code-critic.md"]}\n'
    files = {".claude-plugin/plugin.json": manifest,
             "agents/tab.md": "---\nname: Tab\ndescription: A partner\n---\n\nHelp.\n",
             "agents/code-critic.md": "---\nname: critic\ndescription: A critic\n---\n\nCritique.\n"}
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, "utf-8")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "agentconv", "convert", str(src), "--to", "claude-plugin", "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    made = {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*")
            if p.is_file() and ".agentconv" not in p.parts}
    assert made == files
