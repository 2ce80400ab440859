"""A source that cannot delegate, written as a Codex role: Codex's subagent tools taken away in the role's own file.
@openai/codex 0.169.0 and 0.171.0 run the V2 subagent tools, where a spawned agent "will have the same tools as you and
the ability to spawn its own subagents" (`agents.max_depth` is "V1 only; ignored by V2"); `[agents] enabled = false`
with `[features] multi_agent_v2 = false` at a role's layer (session-flag precedence, agent/role.rs) lists no subagent
tool (codex.toml [sandbox] delegation). It was refused ("codex cannot deny agent") or, from an allowlist, silent.
Synthetic fixtures only."""
from __future__ import annotations

import tomllib

import pytest

import agentconv

OFF = {"agents": {"enabled": False}, "features": {"multi_agent_v2": False}}
OPENCODE = "---\ndescription: Reviews code\nmode: subagent\npermission:\n  task: deny\n---\nReview the code.\n"
CLAUDE = "---\nname: rev\ndescription: Reviews code\ntools: Read, Grep, Bash\n---\nReview the code.\n"
CLAUDE_AGENT = "---\nname: rev\ndescription: Reviews code\ntools: Read, Bash, Agent\n---\nReview the code.\n"
COPILOT_NONE = "---\nname: lead\ndescription: Leads.\nagents: []\n---\nLead.\n"
COPILOT_NAMED = "---\nname: lead\ndescription: Leads.\nagents: [planner, tester]\n---\nLead.\n"
BROADEN = agentconv.Policy(allow_broaden=True)  # an allowlist without MCP tools: a role holds its session's servers


def role(text: str, dialect: str, path: str, policy: agentconv.Policy = agentconv.Policy()):
    result = agentconv.convert_text(text, "codex", path=path, policy=policy)
    lines = [line for line in result.text.splitlines() if not line.startswith("# agentconv-carry:")]
    return tomllib.loads("\n".join(lines)), result.report


@pytest.mark.parametrize(("text", "dialect", "path"), [
    (OPENCODE, "opencode", ".opencode/agent/rev.md"),
    (COPILOT_NONE, "copilot", ".github/agents/lead.agent.md"),
])
def test_a_denied_agent_tool_is_written_not_refused(text, dialect, path):
    data, report = role(text, dialect, path)
    assert {k: data[k] for k in OFF} == OFF
    assert "sandbox_mode" not in data  # nothing else denied: edits and commands as the session's
    assert not [i for i in report.items if i.code.value == "tool-broadened"]


def test_opencode_is_not_told_of_a_message_tool_it_has_not():
    _, report = role(OPENCODE, "opencode", ".opencode/agent/rev.md")
    assert not [i for i in report.items if i.code.value == "tool-narrowed"]


def test_an_allowlist_without_the_agent_tool_takes_the_subagent_tools_away():
    data, report = role(CLAUDE, "claude", ".claude/agents/rev.md", BROADEN)  # (a role holds every MCP server)
    assert data["sandbox_mode"] == "workspace-write" and {k: data[k] for k in OFF} == OFF
    coerced = [i.message for i in report.items if i.code.value == "tool-coerced"]
    assert "agents.enabled = false, features.multi_agent_v2 = false" in coerced[0]


def test_an_allowlist_with_the_agent_tool_keeps_them():
    data, _ = role(CLAUDE_AGENT, "claude", ".claude/agents/rev.md", BROADEN)
    assert "agents" not in data and "features" not in data


def test_named_subagents_lose_their_scope_said():
    data, report = role(COPILOT_NAMED, "copilot", ".github/agents/lead.agent.md")
    assert {k: data[k] for k in OFF} == OFF
    narrowed = [i.message for i in report.items if i.code.value == "tool-narrowed"]
    assert narrowed and "planner" in narrowed[0] and "tester" in narrowed[0]


ROLE = ('name = "rev"\ndescription = "Reviews code"\ndeveloper_instructions = """\nReview.\n"""\n\n'
        '[agents]\nenabled = false\nmax_depth = 2\n\n[features]\nmulti_agent_v2 = false\n')


def test_a_codex_role_without_subagent_tools_reads_as_delegation_denied_and_comes_back():
    doc, _ = agentconv.read_text(ROLE, "codex", path=".codex/agents/rev.toml")
    assert {g.canonical for g in doc.agent.tools.denied()} == {"agent", "message"}
    assert agentconv.convert_text(ROLE, "codex", path=".codex/agents/rev.toml").text == ROLE
    header = agentconv.convert_text(ROLE, "claude", path=".codex/agents/rev.toml").text.split("---")[1]
    assert "disallowedTools: Agent, SendMessage" in header


def test_only_agents_enabled_false_comes_back_as_it_came():
    text = 'name = "rev"\ndescription = "d"\ndeveloper_instructions = "x"\n\n[agents]\nenabled = false\n'
    assert agentconv.convert_text(text, "codex", path=".codex/agents/rev.toml").text == text


def test_a_role_beneath_a_read_only_project_comes_back_as_it_came(tmp_path):
    """A role without its own sandbox, in a project whose .codex/config.toml sets read-only (read beneath it), with its
    subagent tools taken away: back into Codex it was written with the project's sandbox_mode added."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".codex/agents").mkdir(parents=True)
    (tmp_path / ".codex/config.toml").write_text('sandbox_mode = "read-only"\n')
    path = tmp_path / ".codex/agents/rev.toml"
    path.write_text(ROLE)
    doc, _ = agentconv.read(str(path))
    assert {"agent", "message", "bash"} <= {g.canonical for g in doc.agent.tools.denied()}
    assert agentconv.write(doc, "codex") == ROLE
