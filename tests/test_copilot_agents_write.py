"""An agent tool scoped to some agents (Claude Code `Task(a, b)` / `Agent(...)`, Kiro `availableAgents`) written into
Copilot: `agent` in `tools` with `agents: [a, b]` and `target: vscode`, since VS Code alone honours `agents` ("a list of
agent names ... to allow only specific agents", microsoft/vscode-docs docs/copilot/agents/subagents.md 581d12da;
promptValidator.ts checks it only for target vscode or none) while GitHub.com's cloud agent and the Copilot CLI list no
such property and take `agent` for any agent (github/docs custom-agents-configuration.md 03e038c5). Was a refusal.
Never wider anywhere: a target that ignores `agents`, a glob scope, stay refused. Synthetic fixtures only."""
from __future__ import annotations

from dataclasses import replace

import pytest

import agentconv
from agentconv.ir import ALLOWLIST
from agentconv.loss import LossReport, Policy

LEAD = "---\nname: lead\ndescription: Leads the work.\ntools: Read, Grep, Task(reviewer, tester)\n---\nLead.\n"
CLAUDE = ".claude/agents/lead.md"
COPILOT = ".github/agents/lead.agent.md"


def _header(text: str) -> str:
    return text.split("---")[1]


def _agent_grants(text: str, dialect: str, path: str) -> list[tuple[str, str | None]]:
    doc, _ = agentconv.read_text(text, dialect, path=path)
    return [(g.decision, g.pattern) for g in doc.agent.tools.grants if g.canonical == "agent"]


def test_claude_scoped_agent_tool_is_written_with_agents_for_vs_code():
    result = agentconv.convert_text(LEAD, "copilot", path=CLAUDE)
    header = _header(result.text)
    assert "tools:\n  - read/readFile\n  - search/textSearch\n  - agent\nagents:\n  - reviewer\n  - tester\n" \
           "target: vscode\n" in header
    narrowed = [i.message for i in result.report.items if i.code.value == "tool-narrowed"]
    assert narrowed == ["Task(reviewer, tester) written as agent with agents: [reviewer, tester] and target: vscode "
                        "(only VS Code honours agents; GitHub.com's cloud agent and the Copilot CLI would let agent "
                        "start any agent), which also forbids the agent on GitHub.com's cloud agent and in the Copilot "
                        "CLI, which do not load an agent whose target is vscode"]
    assert not [i for i in result.report.items if i.code.value == "tool-broadened"]


def test_the_output_reads_back_as_the_same_scopes_and_is_kept_byte_for_byte():
    out = agentconv.convert_text(LEAD, "copilot", path=CLAUDE, policy=Policy(carry=False)).text
    assert _agent_grants(out, "copilot", COPILOT) == [("allow", "reviewer"), ("allow", "tester")]
    doc, _ = agentconv.read_text(out, "copilot", path=COPILOT)
    assert doc.agent.tools.mode == ALLOWLIST
    assert agentconv.convert_text(out, "copilot", path=COPILOT).text == out


@pytest.mark.parametrize("carry", [True, False])
def test_back_into_claude_and_opencode_the_scope_narrows_as_written(carry):
    out = agentconv.convert_text(LEAD, "copilot", path=CLAUDE, policy=Policy(carry=carry)).text
    claude = agentconv.convert_text(out, "claude", path=COPILOT, policy=Policy(carry=carry))
    assert _agent_grants(claude.text, "claude", CLAUDE) == [("allow", "reviewer"), ("allow", "tester")]
    # `agents` is said by the tool policy (its scopes), not dropped
    assert not [i for i in claude.report.items if i.path == "extensions.copilot.agents"]
    # the target the way out made up is nothing of the first file: left out where the side channel says so
    assert ("target:" in _header(claude.text)) is not carry
    opencode = agentconv.convert_text(out, "opencode", path=COPILOT, policy=Policy(carry=carry)).text
    assert 'task:\n    "*": deny\n    reviewer: allow\n    tester: allow\n' in opencode
    # a `target: vscode` a Copilot file had of its own is kept, as Claude Code keeps a key it ignores
    own = "---\nname: lead\ndescription: Leads.\ntools: [read, agent]\nagents: [reviewer]\ntarget: vscode\n---\nLead.\n"
    claude = agentconv.convert_text(own, "claude", path=COPILOT, policy=Policy(carry=carry)).text
    assert "target: vscode" in _header(claude) and _agent_grants(claude, "claude", CLAUDE) == [("allow", "reviewer")]


def test_the_target_decides_where_agents_is_honoured():
    """An agent already for VS Code alone: written so, nothing narrowed. `target: github-copilot`: GitHub.com's cloud
    agent and the CLI read it, neither takes `agents` (VS Code's validator marks it unsupported there): the agent tool
    would start any agent, so it is still refused."""
    doc, _ = agentconv.read_text(LEAD, "claude", path=CLAUDE)
    doc.agent.extensions["copilot"] = {"target": "vscode"}
    report = LossReport()
    text = agentconv.write(doc, "copilot", policy=Policy(carry=False), report=report)
    assert "agents:\n  - reviewer\n  - tester\ntarget: vscode\n" in _header(text)
    assert not [i for i in report.items if i.code.value == "tool-narrowed"]
    assert [i.message for i in report.items if i.code.value == "tool-coerced" and "agents" in i.message] == \
        ["Task(reviewer, tester) written as agent limited by agents: [reviewer, tester]"]
    doc.agent.extensions["copilot"] = {"target": "github-copilot"}
    report = LossReport()  # there the agent tool is left out, said (tools.toml [left_out]); it was refused
    text = agentconv.write(doc, "copilot", report=report)
    assert "agent" not in _header(text).split("target:")[0] and "agents:" not in _header(text)
    assert any("written without agent in copilot" in i.message for i in report.items)


def test_the_agent_tool_is_never_written_without_its_scopes():
    """Never widen: wherever `agent` is written for a scoped source, `agents` names exactly the scopes."""
    for src, path in [(LEAD, CLAUDE), (LEAD.replace("Task(reviewer, tester)", "Agent(reviewer)"), CLAUDE)]:
        out = agentconv.convert_text(src, "copilot", path=path).text
        doc, _ = agentconv.read_text(out, "copilot", path=COPILOT)
        source, _ = agentconv.read_text(src, "claude", path=path)
        assert doc.agent.tools.mode == ALLOWLIST
        assert {g.pattern for g in doc.agent.tools.grants if g.canonical == "agent"} == \
            {g.pattern for g in source.agent.tools.grants if g.canonical == "agent"}
        assert all(g.pattern is not None for g in doc.agent.tools.grants if g.canonical == "agent")
    # a scope that is no agent's name (an OpenCode glob) cannot be said by `agents`: the agent tool left out, said
    src = ("---\ndescription: Leads.\nmode: subagent\npermission:\n  \"*\": deny\n  read: allow\n  task:\n"
           "    \"*\": deny\n    \"review-*\": allow\n---\nLead.\n")
    out = agentconv.convert_text(src, "copilot", path=".opencode/agent/lead.md")
    assert "  - agent" not in out.text and "agents:" not in out.text
    assert any("task(review-*) written without agent" in i.message for i in out.report)


def test_kiro_available_agents_are_written_as_agents():
    src = ('{"name": "lead", "description": "Leads.", "prompt": "Lead.", "tools": ["read", "subagent"],\n'
           ' "toolsSettings": {"subagent": {"availableAgents": ["reviewer", "tester"]}}}\n')
    result = agentconv.convert_text(src, "copilot", path=".kiro/agents/lead.json")
    assert "  - agent\nagents:\n  - reviewer\n  - tester\ntarget: vscode\n" in _header(result.text)


def test_the_side_channel_holds_the_scopes_not_the_whole_tool():
    out = agentconv.convert_text(LEAD, "copilot", path=CLAUDE).text
    carried = [line for line in out.splitlines() if line.startswith("# agentconv-carry:")]
    assert len(carried) == 1 and '"pattern":"reviewer"' in carried[0] and '"made":["target"]' in carried[0]
    assert '"pattern":null},{"raw":"agent"' not in carried[0]


def test_the_scoped_policy_is_not_changed_by_the_write():
    doc, _ = agentconv.read_text(LEAD, "claude", path=CLAUDE)
    before = replace(doc.agent.tools, grants=list(doc.agent.tools.grants))
    agentconv.write(doc, "copilot")
    assert doc.agent.tools == before


def test_back_into_the_copilot_file_it_came_from_no_target_is_added():
    """A Copilot file's own `agents` without a target, through Claude Code and back while the side channel holds: its
    scopes mean what they meant in that file (as `own_scopes` rules for every dialect), so no `target` is made up."""
    src = "---\nname: lead\ndescription: Leads.\ntools: [read, agent]\nagents: [reviewer]\n---\nLead.\n"
    claude = agentconv.convert_text(src, "claude", path=COPILOT).text
    back = agentconv.convert_text(claude, "copilot", path=CLAUDE)
    assert _header(back.text) == "\nname: lead\ndescription: Leads.\ntools: [read, agent]\nagents:\n  - reviewer\n"
    assert not [i for i in back.report.items if i.code.value in ("tool-narrowed", "tool-broadened")]
