"""A Claude Code plugin kept outside a marketplace's plugins/NAME/ (most often at a repository's root): the markdown
files of the commands/ and agents/ folders beside its .claude-plugin/plugin.json are Claude Code's own (plugins-reference
"Plugin directory structure"), whatever their header holds. A command there without a `name` was detected as an
OpenCode agent: its $ARGUMENTS not respelled, its allowed-tools read as an agent's tool list."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import agentconv

COMMAND = "---\ndescription: Say hi.\nallowed-tools: Bash(git status:*)\n---\n\nSay hi to $ARGUMENTS.\n"
AGENT = "---\ndescription: Reviews.\nmode: subagent\n---\n\nReview the diff.\n"


def plugin(root: Path, manifest: bool = True) -> Path:
    if manifest:
        (root / ".claude-plugin").mkdir(parents=True)
        (root / ".claude-plugin" / "plugin.json").write_text('{"name": "greet"}\n')
    (root / "commands" / "git").mkdir(parents=True)
    (root / "commands" / "hi.md").write_text(COMMAND)
    (root / "commands" / "git" / "status.md").write_text(COMMAND)
    (root / "agents").mkdir()
    (root / "agents" / "reviewer.md").write_text(AGENT)
    return root


def test_a_plugin_command_is_read_as_a_claude_command(tmp_path):
    root = plugin(tmp_path / "repo")
    for rel in ("commands/hi.md", "commands/git/status.md"):
        assert agentconv.detect(root / rel).dialect == "claude-command"
        doc, report = agentconv.read(root / rel)
        assert report.source == "claude-command"
        out = agentconv.convert(root / rel, to="gemini-command")
        assert "Say hi to {{args}}." in out.text and "$ARGUMENTS" not in out.text
        assert not [i for i in out.report if i.code.value in ("kind-changed", "value-invalid")]


def test_a_plugin_agent_is_read_as_a_claude_agent(tmp_path):
    root = plugin(tmp_path / "repo")
    assert agentconv.detect(root / "agents/reviewer.md").dialect == "claude"
    assert agentconv.read(root / "agents/reviewer.md")[1].source == "claude"


def test_without_the_manifest_the_folders_are_nobody_s(tmp_path):
    root = plugin(tmp_path / "repo", manifest=False)
    assert agentconv.detect(root / "commands/hi.md").dialect != "claude-command"
    assert agentconv.read(root / "agents/reviewer.md")[1].source == "opencode"


def test_a_plugin_folder_converted_whole(tmp_path):
    root = plugin(tmp_path / "repo")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "agentconv", "convert", str(root), "--to", "gemini-command", "-o",
                        str(out), "--quiet"], capture_output=True, text=True)
    hi = out / ".gemini/commands/hi.toml"
    assert hi.is_file(), r.stderr
    assert "Say hi to {{args}}." in hi.read_text() and "$ARGUMENTS" not in hi.read_text()
    assert "Say hi to {{args}}." in (out / ".gemini/commands/git/status.toml").read_text()


def test_another_tool_s_place_stays_that_tool_s(tmp_path):
    # a plugin manifest copied into .cursor/ (as some generators do) makes .cursor/agents/ no Claude Code folder:
    # Cursor loads its subagents there, and Cursor's commands are run by name (not agents)
    root = tmp_path / "repo"
    (root / ".cursor" / ".claude-plugin").mkdir(parents=True)
    (root / ".cursor" / ".claude-plugin" / "plugin.json").write_text('{"name": "copied"}\n')
    (root / ".cursor" / "agents").mkdir()
    (root / ".cursor" / "agents" / "planner.md").write_text("---\nname: planner\ndescription: Plans.\n---\n\nPlan.\n")
    (root / ".cursor" / "commands").mkdir()
    (root / ".cursor" / "commands" / "hi.md").write_text(COMMAND)
    assert agentconv.detect(root / ".cursor/agents/planner.md").dialect == "cursor"
    assert agentconv.read(root / ".cursor/agents/planner.md")[1].source == "cursor"
    assert agentconv.api.plugin_component(str(root / ".cursor/commands/hi.md")) is None


def test_migrate_finds_the_plugin_s_commands_and_agents(tmp_path):
    """``migrate`` walks a repository by the tools' documented places: a root plugin's commands/ and agents/ are
    none of them (only plugins/NAME/...), so its agent went unseen (not even listed as skipped) and its commands were
    "in gemini-command's folder, but not a file its tool loads there". Now both are sources, read as Claude Code's."""
    root = plugin(tmp_path / "repo")
    outcome = agentconv.migrate(root, ["opencode"], mode="plan")
    got = {(r.source, r.target, r.source_dialect) for r in outcome.records if r.status == "planned"}
    assert got == {("agents/reviewer.md", ".opencode/agent/reviewer.md", "claude"),
                   ("commands/hi.md", ".opencode/command/hi.md", "claude-command"),
                   ("commands/git/status.md", ".opencode/command/git/status.md", "claude-command")}
    only = agentconv.migrate(root, ["opencode"], mode="plan", from_="claude")
    assert {r.source for r in only.records if r.status == "planned"} == {"agents/reviewer.md"}
    none = agentconv.migrate(plugin(tmp_path / "bare", manifest=False), ["opencode"], mode="plan")
    assert not [r for r in none.records if r.source.startswith(("agents/", "commands/")) and r.status == "planned"]


def migrate(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", "migrate", str(root), *args, "--json", "-j", "1"],
                          capture_output=True, text=True)


def test_migrate_finds_a_root_plugin_s_commands_and_agents(tmp_path):
    """Discovery took only .claude/... and plugins/*/... places: a plugin at the repository's root (its
    .claude-plugin/plugin.json beside commands/ and agents/) had nothing found ("nothing to do"), its commands said
    to be "in gemini-command's folder", though `convert` of the same files reads them as Claude Code's."""
    import json

    root = plugin(tmp_path / "repo")
    r = migrate(root, "--to", "gemini", "--dry-run")
    assert r.returncode == 0, r.stderr
    got = {(i["source"], i["target"]) for i in json.loads(r.stdout)["files"] if i.get("target")}
    assert got == {("agents/reviewer.md", ".gemini/agents/reviewer.md"),
                   ("commands/hi.md", ".gemini/commands/hi.toml"),
                   ("commands/git/status.md", ".gemini/commands/git/status.toml")}
    # --from takes only that dialect's files there
    r = migrate(root, "--to", "gemini", "--from", "claude-command", "--dry-run")
    assert {i["source"] for i in json.loads(r.stdout)["files"]} == {"commands/hi.md", "commands/git/status.md"}
    # without the manifest the folders are nobody's: nothing found
    bare = plugin(tmp_path / "bare", manifest=False)
    assert not [i for i in json.loads(migrate(bare, "--to", "gemini", "--dry-run").stdout)["files"] if i.get("target")]


def test_a_plugin_agent_without_a_description_gets_the_one_claude_code_shows(tmp_path):
    """@anthropic-ai/claude-code 2.1.330's plugin agent loader (read in the binary 2026-11-29): `description ??
    when_to_use ?? when-to-use ?? "Agent from ${pluginName} plugin"`. An agent with neither was given a description
    made up from its prompt."""
    root = plugin(tmp_path / "repo")
    (root / "agents" / "bare.md").write_text("---\nname: bare\ntools: Read\n---\n\nReview the diff.\n")
    out = agentconv.convert(root / "agents/bare.md", to="gemini")
    assert "description: Agent from greet plugin\n" in out.text
    assert [i.code.value for i in out.report if i.path == "description"] == ["value-made-up"]
    # its when_to_use still comes first
    (root / "agents" / "when.md").write_text("---\nname: when\nwhen_to_use: After a change.\n---\n\nReview.\n")
    assert "description: After a change.\n" in agentconv.convert(root / "agents/when.md", to="gemini").text
    # read as text, off any plugin: made up as before (no plugin to name)
    text = (root / "agents" / "bare.md").read_text()
    assert "Agent from" not in agentconv.convert_text(text, "gemini", path="agents/bare.md", from_="claude").text


@pytest.mark.parametrize("key", ["when_to_use", "when-to-use"])
def test_a_plugin_agents_when_to_use_written_as_its_description_is_not_said_dropped(tmp_path, key):
    """The when_to_use Claude Code's plugin loader shows for an agent without a description is written as the
    target's description: said once (value-made-up, its source named), not also "skill field 'when_to_use' has no
    place" (extension-dropped). Beside a description it is unused there, and rides in the side channel."""
    root = plugin(tmp_path / "repo")
    (root / "agents" / "when.md").write_text(f"---\nname: when\n{key}: After a change.\n---\n\nReview.\n")
    for target in ("gemini", "opencode", "copilot"):
        out = agentconv.convert(root / "agents/when.md", to=target)
        assert "description: After a change.\n" in out.text, target
        assert [i.code.value for i in out.report if i.code.value in ("value-made-up", "extension-dropped")] == \
            ["value-made-up"], target
    # Claude Code read it: no "whose tool ignores it" (field-dropped); a command has no description to write it in,
    # so there only the skill field when_to_use is kept (when-to-use is said dropped, as it is)
    for target in ("skill", "claude-command") if key == "when_to_use" else ("skill",):
        out = agentconv.convert(root / "agents/when.md", to=target)
        assert (f"{key}: After a change.\n" in out.text) == (key == "when_to_use") and not [  # (a skill field)
            i for i in out.report if i.code.value in ("field-dropped", "extension-dropped")], target
    (root / "agents" / "both.md").write_text(f"---\nname: both\ndescription: Reviews.\n{key}: After a change.\n---\n\nR.\n")
    out = agentconv.convert(root / "agents/both.md", to="gemini")
    assert "description: Reviews.\n" in out.text
    # (unused there, it rides in the side channel, as text shown to choose the agent: carry.toml)
    assert [i.path.rsplit(".", 1)[1] for i in out.report if i.code.value == "field-carried"] == [key]
