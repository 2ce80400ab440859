"""A delegation scope naming one of its tool's own agents (Claude Code's `Agent(Explore)`, an OpenCode `task` rule for
`explore`, VS Code's `agents: [Plan]`, a Claude Code command's `context: fork` + `agent: Explore`) is written as the
target tool's own agent of the same role when that agent can be started by another and holds no kind of access the
source's lacks (each agent table's `[builtin_agents]`: Claude Code 2.1.330's built-in list, anomalyco/opencode
agent.ts and tool/task.ts, vscode-copilot-chat exploreAgentProvider.ts and planAgentProvider.ts); where it holds less,
said as narrowed; where there is none, or only one with more access, the name is left out of the scope and said
(agent-unmapped). A denial is kept, as the target's agent of that role. Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv
from casesupport import claude_beneath

CLAUDE = "---\nname: scout\ndescription: Looks around\ntools: Read, {agent}\n---\nLook.\n"
OPENCODE = ("---\ndescription: Leads\nmode: primary\npermission:\n  \"*\": deny\n  read: allow\n  task:\n"
            "    \"*\": deny\n    {name}: allow\n---\nLead.\n")
COPILOT = "---\nname: Lead\ndescription: Leads\ntools: ['read', 'agent']\nagents: ['{name}']\n---\nLead.\n"

# (source text, its path, target, text the output holds, text it must not hold, loss code, words of its message)
CASES = {
    "claude Explore is opencode explore, without the session's MCP tools": (
        CLAUDE.format(agent="Agent(Explore)"), ".claude/agents/scout.md", "opencode",
        "    explore: allow\n", "Explore: allow", "tool-narrowed",
        "'Explore' written as 'explore', opencode's own explore agent, which also forbids the mcp access"),
    "claude general-purpose is opencode general": (
        CLAUDE.format(agent="Agent(general-purpose)"), ".claude/agents/scout.md", "opencode",
        "    general: allow\n", "general-purpose", "tool-narrowed", "written as 'general', opencode's own general agent"),
    "claude Plan: opencode's plan is a primary agent its task tool does not offer": (
        CLAUDE.format(agent="Agent(Plan)"), ".claude/agents/scout.md", "opencode",
        "  read: allow\n", "task:", "agent-unmapped", "has that role only as 'plan', a primary agent its task tool does not offer to the model"),
    "claude statusline-setup has no counterpart": (
        CLAUDE.format(agent="Agent(statusline-setup)"), ".claude/agents/scout.md", "opencode",
        "  read: allow\n", "task:", "agent-unmapped", "opencode has no agent of that role"),
    "kilo lists no own agents of OpenCode's": (
        CLAUDE.format(agent="Agent(Explore)"), ".claude/agents/scout.md", "kilo-agents",
        "  read: allow\n", "task:", "agent-unmapped", "kilo has no agent of that role"),
    "opencode explore is not claude Explore, which has the session's MCP tools": (
        OPENCODE.format(name="explore"), ".opencode/agent/lead.md", "claude",
        "tools: Read\n", "xplore)", "agent-unmapped", "has that role only as 'Explore', which holds mcp access besides"),
    "opencode general is not claude general-purpose, which delegates": (
        OPENCODE.format(name="general"), ".opencode/agent/lead.md", "claude",
        "tools: Read\n", "general", "agent-unmapped", "only as 'general-purpose', which holds delegation access besides"),
    "opencode plan: a primary agent its task tool does not offer": (
        OPENCODE.format(name="plan"), ".opencode/agent/lead.md", "claude",
        "tools: Read\n", "lan)", "agent-unmapped", "opencode's task tool does not offer that agent to the model (a primary agent"),
    "vs code Plan delegates, claude Plan runs commands: neither is the other": (
        COPILOT.format(name="Plan"), ".github/agents/lead.agent.md", "claude",
        "tools: Read\n", "Agent(Plan)", "agent-unmapped", "only as 'Plan', which holds shell access besides"),
    "a claude file's own denial of one agent takes the whole agent tool (its disallowedTools keeps no scope)": (
        "---\nname: worker\ndescription: Works\ndisallowedTools: Agent(Explore)\n---\nWork.\n", ".claude/agents/worker.md",
        "opencode", "  task: deny\n", "xplore", "value-invalid", "read as Agent denied whole"),
    "an opencode denial of its explore is the whole agent tool denied in claude (narrowed)": (
        "---\ndescription: Works\nmode: subagent\npermission:\n  task:\n    \"*\": allow\n    explore: deny\n---\nWork.\n",
        ".opencode/agent/worker.md", "claude", "disallowedTools: Agent\n", "Agent(", "tool-narrowed",
        "Agent(Explore) denied as the whole Agent in claude"),
    "a skill forked into Explore runs in opencode's explore": (
        "---\nname: find\ndescription: Find things\ncontext: fork\nagent: Explore\n---\nFind it.\n",
        ".claude/skills/find/SKILL.md", "opencode-command", "agent: explore\n", "Explore", "tool-narrowed",
        "the agent it runs in, 'Explore', written as 'explore', opencode's own explore agent"),
    "an opencode command run in its primary plan runs in claude's Plan, forked": (
        "---\ndescription: Plan it\nagent: plan\n---\nPlan it.\n", ".opencode/command/plan-it.md", "claude-command",
        "context: fork\nagent: Plan\n", "agent: plan", "tool-narrowed",
        "'plan', written as 'Plan', claude's own plan agent, which also forbids the files, delegation access"),
    "an opencode command run in its primary plan runs in vs code's Plan": (
        "---\ndescription: Plan it\nagent: plan\n---\nPlan it.\n", ".opencode/command/plan-it.md", "copilot-prompt",
        "agent: Plan\n", "agent: plan", "tool-narrowed",
        "'plan', written as 'Plan', copilot's own plan agent, which also forbids the files, shell access"),
    "a claude command forked into Explore runs in opencode's explore": (
        "---\ndescription: Find things\ncontext: fork\nagent: Explore\n---\nFind it.\n", ".claude/commands/find.md",
        "opencode-command", "agent: explore\n", "Explore", "value-respelled",
        "'Explore' written as agent: explore (opencode's own explore agent, for claude's)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_tools_own_agent_is_named_as_the_targets_or_left_out(case):
    text, path, target, holds, lacks, code, words = CASES[case]
    result = agentconv.convert_text(text, target, path=path)
    out = result.text.split("# agentconv-carry")[0]
    assert holds in out and lacks not in out
    said = [i for i in result.report.items if i.code.value == code and words in i.message]
    assert len(said) == 1, [i.message for i in result.report.items]


def test_a_denial_names_the_targets_agent_of_that_role():
    """A scoped denial of one of Claude Code's own agents (its project settings' ``permissions.deny``, which keeps the
    scope) names OpenCode's agent of that role."""
    result = claude_beneath("---\nname: worker\ndescription: Works\ndisallowedTools: Agent(Explore)\n---\nWork.\n",
                            "opencode")
    out = result.text.split("# agentconv-carry")[0]
    assert "    explore: deny\n" in out and "Explore" not in out
    assert [i.code.value for i in result.report if "denied scope 'Explore' written as 'explore'" in i.message] == \
        ["tool-coerced"]


@pytest.mark.parametrize("source, name, target, written", [
    ("claude", "Explore", "opencode", "explore"),
    ("claude", "Explore", "copilot", "Explore"),         # VS Code's reads, searches, fetches: no shell, no MCP
    ("claude", "Explore", "gemini", "codebase_investigator"),
    ("claude", "Explore", "codex", None),                # a Codex role holds what its session may: file changes too
    ("claude", "Plan", "copilot", None),                 # VS Code's Plan delegates
    ("opencode", "explore", "copilot", "Explore"),       # narrower: VS Code's runs no command
    ("copilot", "Explore", "gemini", "codebase_investigator"),  # narrower: it fetches nothing
    ("opencode", "plan", "claude", None),                # a primary agent: no task starts it
    ("opencode", "plan", "claude-command", "Plan"),      # a command runs in a primary agent: its fork in Plan
    ("opencode", "plan", "copilot-prompt", "Plan"),
    ("claude", "Plan", "opencode-command", None),        # OpenCode's plan edits files: more than Claude's Plan
])
def test_the_counterpart_never_holds_more(source, name, target, written):
    from agentconv.dialects import builtin_agents

    # the agent a command runs in (a primary one too), not one a task starts
    command = {"command": True} if target.endswith(("-command", "-prompt")) else {}
    got = builtin_agents.counterpart(source, name, target, **command)
    assert got is not None and got.written == written
    if written is not None:
        mine = set(builtin_agents.own_agents(source)[name]["classes"])
        assert set(builtin_agents.own_agents(target)[written]["classes"]) - {"session"} <= mine
