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


@pytest.mark.parametrize("target", ["codex", "cursor"])
def test_a_target_that_cannot_deny_delegation_refuses(target):
    with pytest.raises(BroadenError):
        agentconv.convert_text(NO_SUBAGENTS, target, path=PATH)


@pytest.mark.parametrize("agents", ["['*']", "[planner]"])
def test_other_lists_leave_every_tool(agents):
    src = f"---\nname: lead\ndescription: Leads.\nagents: {agents}\n---\nLead.\n"
    doc, _ = agentconv.read_text(src, "copilot", path=PATH)
    assert doc.agent.tools.mode == INHERIT and not doc.agent.tools.grants
    assert agentconv.convert_text(src, "copilot", path=PATH).text == src
