"""Value sets re-audited against the vendors' newest code (2026-11-29): what the tool loads is not an error, what it
does not take is not called valid, and a value the target reads is written, not dropped.

Claude Code 2.1.332 (its agent loader, read in the binary): isolation `worktree` or `remote` (a plugin's agent only
`worktree`); permissionMode without `delegate`; effort in any case, `med`, or an integer (`_ne`), for agents, commands
and skills; an invalid value is logged and the agent loads without it. Codex 0.171.0: `approval_policy` may be the
table `{ granular = {...} }` (validate-codex loads such a role)."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.validate import validate_text


def _findings(text: str, dialect: str, path: str) -> set[tuple[str, str]]:
    return {(f.severity.value, f.message.split(":")[0]) for f in validate_text(text, dialect, path=path)}


def _agent(extra: str) -> str:
    return f"---\nname: rev\ndescription: Reviews code\n{extra}---\nReview.\n"


@pytest.mark.parametrize("line", ["isolation: remote\n", "effort: 7\n", "effort: MED\n", "effort: High\n",
                                  "effort: '12'\n"])
def test_claude_agent_values_claude_code_loads(line):
    assert validate_text(_agent(line), "claude", path=".claude/agents/rev.md") == []
    assert validate_text(_agent(line + "permissionMode: manual\n"), "claude", path=".claude/agents/rev.md") == []


def test_claude_plugin_agent_takes_only_worktree_isolation():
    found = _findings(_agent("isolation: remote\n"), "claude", "plugins/p/agents/rev.md")
    assert found == {("warning", "isolation")}


@pytest.mark.parametrize(("line", "key"), [("permissionMode: delegate\n", "permissionMode"),
                                           ("isolation: cloud\n", "isolation"), ("effort: extreme\n", "effort"),
                                           ("memory: team\n", "memory")])
def test_claude_agent_values_claude_code_ignores_are_warnings(line, key):
    # Claude Code logs the value as invalid and loads the agent without it: a warning, not an error
    assert _findings(_agent(line), "claude", ".claude/agents/rev.md") == {("warning", key)}


@pytest.mark.parametrize("target", ["claude-command", "skill"])
@pytest.mark.parametrize("effort", ["7", "MED"])
def test_claude_effort_written_where_claude_code_reads_it(target, effort):
    result = agentconv.convert_text(_agent(f"effort: {effort}\n"), to=target, path=".claude/agents/rev.md")
    assert f"\neffort: {effort}\n" in result.text
    assert not any("effort" in item.path for item in result.report.items)
    # where the target does not read it so (the Copilot CLI's reasoning-effort: low ... max), it is still not written
    copilot = agentconv.convert_text(_agent(f"effort: {effort}\n"), to="copilot", path=".claude/agents/rev.md")
    assert "effort:" not in copilot.text.lower()
    assert any(item.path == "params.effort" for item in copilot.report.items)


GRANULAR = """\
name = "rev"
description = "Reviews code"
developer_instructions = "Review."

[approval_policy.granular]
sandbox_approval = true
rules = true
mcp_elicitations = false
"""


@pytest.mark.parametrize("value", ['"granular"', '"bogus"', '{ other = { rules = true } }'])
def test_codex_granular_approval_policy_is_valid(value):
    assert validate_text(GRANULAR, "codex", path=".codex/agents/rev.toml") == []
    # what Codex refuses stays an error ("unknown variant", "expected newtype variant")
    text = f'name = "rev"\ndescription = "d"\ndeveloper_instructions = "x"\napproval_policy = {value}\n'
    assert _findings(text, "codex", ".codex/agents/rev.toml") == {("error", "approval_policy")}


GEMINI_TOOLS = """\
---
name: planner
description: Plans work
tools: [read_file, tracker_create_task, tracker_visualize, update_topic, complete_task, get_internal_docs]
---
Plan.
"""


def test_gemini_builtin_tools_gemini_cli_loads():
    # ALL_BUILTIN_TOOL_NAMES (gemini-cli 5411f113 tool-names.ts; 0.61.0 bundle): the agent loads (validate-gemini)
    assert validate_text(GEMINI_TOOLS, "gemini", path=".gemini/agents/planner.md") == []
    same = agentconv.convert_text(GEMINI_TOOLS, to="gemini", path=".gemini/agents/planner.md")
    assert same.text == GEMINI_TOOLS and not same.report.items
    # the tracker is a task list (Claude Code's task tools); the others have no name elsewhere: not granted, said
    claude = agentconv.convert_text(GEMINI_TOOLS, to="claude", path=".gemini/agents/planner.md")
    assert "tools: Read, TaskCreate, TaskGet, TaskList, TaskUpdate\n" in claude.text
    unmapped = {item.message.split("'")[1] for item in claude.report.items if item.code.value == "tool-unmapped"}
    assert unmapped == {"update_topic", "complete_task", "get_internal_docs"}


def test_claude_command_version_is_read_by_claude_code():
    # 2.1.332's command loader keeps `version` (String(e.version)): not "ignored"
    text = "---\ndescription: Ship it\nversion: 1.2\n---\nShip.\n"
    assert validate_text(text, "claude-command", path=".claude/commands/ship.md") == []
    assert agentconv.convert_text(text, to="claude-command", path=".claude/commands/ship.md").text == text
