"""A project's Claude Code hooks that decide a tool call are said when its agents are written for another tool.

Vendor facts: a ``PreToolUse`` hook of ``.claude/settings.json`` runs before a tool call and may deny it, a
``PermissionRequest`` hook answers the permission prompt; both run inside a subagent too (their input carries
``agent_id`` / ``agent_type`` "inside subagents": code.claude.com/docs/en/hooks, "Common input fields", read
2026-11-29). Written for OpenCode, Copilot, Gemini CLI ..., no such hook guards the agent's calls: a guard the project
relied on is gone, so the report says it (it was silent: 19 of the 43 real projects of /var/tmp/unseen24b have
settings hooks). Written back for Claude Code (an agent, a command, a skill), the hooks still run: nothing is said.
"""
from __future__ import annotations

import json

import pytest

from agentconv import api

AGENT = "---\nname: w\ndescription: Writes code\ntools: Read, Bash\n---\nWrite.\n"
COMMAND = "---\ndescription: Ship it\n---\nShip.\n"
HOOK = [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./guard.sh"}]}]


def _project(root, hooks):
    (root / ".git").mkdir()
    claude = root / ".claude"
    (claude / "agents").mkdir(parents=True)
    (claude / "commands").mkdir()
    (claude / "settings.json").write_text(json.dumps({"hooks": hooks}))
    (claude / "agents" / "w.md").write_text(AGENT)
    (claude / "commands" / "ship.md").write_text(COMMAND)
    return claude / "agents" / "w.md", claude / "commands" / "ship.md"


def _said(result):
    return [i.message for i in result.report.items if i.code.value == "field-dropped" and "hooks of" in i.message]


@pytest.mark.parametrize("target", ["opencode", "copilot", "gemini", "codex"])
def test_a_pretooluse_hook_is_said_where_the_agent_is_written_for_another_tool(tmp_path, target):
    agent, _ = _project(tmp_path, {"PreToolUse": HOOK, "PostToolUse": HOOK, "PermissionRequest": HOOK})
    said = _said(api.convert(agent, target, policy=api.Policy(allow_broaden=target == "codex")))  # (a Codex role
    assert len(said) == 1, said  # holds every MCP server its session has: refused without)
    assert said[0].startswith("the PreToolUse and PermissionRequest hooks of ") and "settings.json not carried" in said[0]
    assert said[0].endswith(f"runs none of them"), said[0]


def test_a_command_written_for_another_tool_says_them_too(tmp_path):
    _, command = _project(tmp_path, {"PreToolUse": HOOK})
    assert len(_said(api.convert(command, "opencode-command"))) == 1


@pytest.mark.parametrize("which,target", [(0, "claude"), (1, "claude-command"), (1, "skill")])
def test_nothing_is_said_where_claude_code_still_runs_them(tmp_path, which, target):
    source = _project(tmp_path, {"PreToolUse": HOOK})[which]
    result = api.convert(source, target)
    assert _said(result) == []
    if target != "skill":
        assert result.text == source.read_text()  # and the file comes back as it was


def test_hooks_that_decide_no_tool_call_are_not_said(tmp_path):
    agent, _ = _project(tmp_path, {"PostToolUse": HOOK, "SessionStart": HOOK, "PreToolUse": []})
    assert _said(api.convert(agent, "opencode")) == []
