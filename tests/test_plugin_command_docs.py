"""A ``CHANGELOG.md`` (or ``README.md``, ``LICENSE.md``) in a Claude Code plugin's commands/ folder is a command:
Claude Code 2.1.330's plugin commands walk keeps every file whose name ends in ``.md`` (``/NAME`` as
``PLUGIN:changelog``), as it does in ``.claude/commands/``. ``convert DIR`` skipped it as "a project's own
documentation" (shadow corpus: a plugin's ``commands/changelog.md`` that runs its changelog skill). Elsewhere in the
plugin such a file is still the project's documentation."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def agentconv(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *args], capture_output=True, text=True)


@pytest.mark.parametrize("name", ["changelog.md", "README.md", "LICENSE.md"])
def test_a_docs_name_in_a_plugins_commands_folder_is_a_command(tmp_path, name):
    root = tmp_path / "plugin"
    (root / ".claude-plugin").mkdir(parents=True)
    (root / ".claude-plugin" / "plugin.json").write_text('{"name": "wiki"}\n')
    (root / "commands").mkdir()
    (root / "commands" / name).write_text("---\ndescription: Write the changelog\n---\nWrite the changelog.\n")
    (root / "commands" / "ask.md").write_text("---\ndescription: Ask\n---\nAnswer.\n")
    (root / "README.md").write_text("# wiki\n")
    r = agentconv("convert", str(root), "--to", "copilot-prompt", "-o", str(tmp_path / "out"), "--json")
    assert r.returncode == 0, r.stderr
    status = {Path(f["source"]).relative_to(root).as_posix(): f["status"] for f in json.loads(r.stdout)["files"]}
    assert status[f"commands/{name}"] == "converted"  # was: skipped, "a project's own documentation"
    assert status["README.md"] == "skipped"  # the plugin's own README is still its documentation
    made = (tmp_path / "out" / ".github" / "prompts" / f"{name[:-3]}.prompt.md").read_text()
    assert "Write the changelog." in made
    (root / ".claude-plugin" / "plugin.json").unlink()  # no plugin: a commands/ folder no tool loads, documentation
    r = agentconv("convert", str(root), "--to", "copilot-prompt", "-o", str(tmp_path / "out2"), "--json")
    status = {Path(f["source"]).relative_to(root).as_posix(): f["status"] for f in json.loads(r.stdout)["files"]}
    assert status[f"commands/{name}"] == "skipped" and status["commands/ask.md"] == "converted"
