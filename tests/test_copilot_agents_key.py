"""Copilot's `agents` header with no `tools` (every tool). VS Code: "Use `*` to allow all agents, or an empty array `[]`
to prevent any subagent use" (microsoft/vscode-docs docs/copilot/customization/custom-agents.md); its promptValidator
asks for the `agent` tool only "When 'agents' and 'tools' are specified" (microsoft/vscode promptValidator.ts,
validateAgentsAttribute, read 2026-11-28): without `tools` the agent has every tool, `agents: []` takes delegation away.
Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError
from agentconv.ir import DENYLIST, INHERIT

PATH = ".github/agents/lead.agent.md"
NO_SUBAGENTS = "---\nname: lead\ndescription: Leads.\nagents: []\n---\nLead.\n"


def test_no_tools_and_no_agents_is_every_tool_but_the_agent_tool():
    doc, report = agentconv.read_text(NO_SUBAGENTS, "copilot", path=PATH)
    tools = doc.agent.tools
    assert tools.mode == DENYLIST and [(g.canonical, g.decision) for g in tools.grants] == [("agent", "deny")]
    assert [i.message for i in report.items if i.code.value == "value-read-as"] == \
        ["'agents' read as every tool but the agent tool (no subagents)"]


def test_it_comes_back_byte_for_byte():
    assert agentconv.convert_text(NO_SUBAGENTS, "copilot", path=PATH).text == NO_SUBAGENTS


def test_claude_is_not_given_delegation():
    header = agentconv.convert_text(NO_SUBAGENTS, "claude", path=PATH).text.split("---")[1]
    assert "disallowedTools: Agent" in header


@pytest.mark.parametrize("target", ["cursor"])  # codex takes its subagent tools away (test_codex_delegation.py)
def test_a_target_that_cannot_deny_delegation_refuses(target):
    with pytest.raises(BroadenError):
        agentconv.convert_text(NO_SUBAGENTS, target, path=PATH)


def test_every_agent_leaves_every_tool():
    src = "---\nname: lead\ndescription: Leads.\nagents: ['*']\n---\nLead.\n"
    doc, _ = agentconv.read_text(src, "copilot", path=PATH)
    assert doc.agent.tools.mode == INHERIT and not doc.agent.tools.grants
    assert agentconv.convert_text(src, "copilot", path=PATH).text == src


NAMED = "---\nname: lead\ndescription: Leads.\nagents: [planner, tester]\n---\nLead.\n"


def test_named_subagents_scope_the_agent_tool_of_every_tool():
    """Every tool, the agent tool only for those agents: a deny list of the agent tool with its scopes allowed (was
    every tool: Claude and OpenCode could delegate to any agent)."""
    doc, report = agentconv.read_text(NAMED, "copilot", path=PATH)
    assert doc.agent.tools.mode == DENYLIST
    assert [(g.canonical, g.decision, g.pattern) for g in doc.agent.tools.grants] == [
        ("agent", "deny", None), ("agent", "allow", "planner"), ("agent", "allow", "tester")]
    assert [i.message for i in report.items if i.code.value == "value-read-as"] == \
        ["'agents' read as every tool, the agent tool only for planner, tester"]
    assert agentconv.convert_text(NAMED, "copilot", path=PATH).text == NAMED
    opencode = agentconv.convert_text(NAMED, "opencode", path=PATH).text
    assert 'task:\n    "*": deny\n    planner: allow\n    tester: allow\n' in opencode
    claude = agentconv.convert_text(NAMED, "claude", path=PATH)
    assert "disallowedTools: Agent" in claude.text
    assert any(i.code.value == "tool-narrowed" and "planner" in i.message for i in claude.report.items)
    with pytest.raises(BroadenError):
        agentconv.convert_text(NAMED, "cursor", path=PATH)


@pytest.mark.parametrize("tools", ["", "tools: [read, agent]\n"])
def test_a_single_value_vs_code_ignores_scopes_nothing(tools):
    src = f"---\nname: lead\ndescription: Leads.\n{tools}agents: planner\n---\nLead.\n"
    doc, _ = agentconv.read_text(src, "copilot", path=PATH)
    assert all(g.pattern is None for g in doc.agent.tools.grants)
    assert (doc.agent.tools.mode == INHERIT) == (not tools)
    assert agentconv.convert_text(src, "copilot", path=PATH).text == src
