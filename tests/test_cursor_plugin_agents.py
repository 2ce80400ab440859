"""A Cursor plugin's subagents (helper shadow31, 2026-11-30). Synthetic fixtures only.

A Cursor plugin keeps its subagents in agents/ beside its .cursor-plugin/plugin.json (cursor.com/docs/reference/plugins,
"Plugin structure"). Under a marketplace's plugins/NAME/ such a file matched the path of a Claude Code plugin's agents
and was read as a Claude Code subagent: its ``readonly: true`` a key Claude Code does not have (value-invalid, read as
Cursor's list). At a repository's root it was found by nobody. Now it is read as Cursor's own, as .cursor/agents is.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import agentconv

AGENT = "---\nname: rev\ndescription: Reviews the change.\nmodel: inherit\nreadonly: true\n---\n\nReview the diff.\n"


def plugin(root: Path, *manifests: str) -> Path:
    for m in manifests:
        (root / m).mkdir(parents=True)
        (root / m / "plugin.json").write_text('{"name": "kit"}\n')
    (root / "agents").mkdir(parents=True)
    (root / "agents" / "rev.md").write_text(AGENT)
    return root


def test_a_cursor_plugin_s_subagent_is_read_as_cursor_s(tmp_path):
    for root in (plugin(tmp_path / "repo" / "plugins" / "kit", ".cursor-plugin"),  # a marketplace's plugins/NAME/
                 plugin(tmp_path / "root", ".cursor-plugin")):                      # a plugin at a repository's root
        assert agentconv.detect(root / "agents/rev.md").dialect == "cursor"
        out = agentconv.convert(root / "agents/rev.md", to="claude")
        assert "value-invalid" not in [i.code.value for i in out.report]
        assert "disallowedTools: Write, Edit" in out.text  # readonly: true, as Cursor runs it
        assert agentconv.convert(root / "agents/rev.md", to="cursor").text == AGENT  # as it came
    # a folder holding both manifests stays Claude Code's
    both = plugin(tmp_path / "both" / "plugins" / "kit", ".cursor-plugin", ".claude-plugin")
    assert agentconv.detect(both / "agents/rev.md").dialect == "claude"


def test_migrate_finds_a_root_cursor_plugin_s_subagents(tmp_path):
    root = plugin(tmp_path / "repo", ".cursor-plugin")
    r = subprocess.run([sys.executable, "-m", "agentconv", "migrate", str(root), "--to", "gemini", "--json", "-j", "1",
                        "--dry-run"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    got = {(i["source"], i["target"]) for i in json.loads(r.stdout)["files"] if i.get("target")}
    assert got == {("agents/rev.md", ".gemini/agents/rev.md")}
