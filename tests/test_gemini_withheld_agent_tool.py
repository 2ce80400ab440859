"""A Gemini CLI subagent never holds the agent tool: LocalAgentExecutor.create registers each tool an agent names into
its own registry but skips every tool of Kind.Agent, and invoke_agent (AgentTool) is one (google-gemini/gemini-cli
packages/core/src/agents/local-executor.ts, agent-tool.ts; @google/gemini-cli 0.61.0 bundle, read 2026-11-29). So an
allowlist's grant of the agent tool, whole or scoped to some agents (VS Code's `agents:`), is written as no grant and
said (tool-narrowed); it was refused ("without dropping the scope of agent") or written as `invoke_agent`, which Gemini
CLI ignores there, without a word. Synthetic fixtures only."""
from __future__ import annotations

import agentconv

PATH = ".github/agents/lead.agent.md"
SCOPED = "---\nname: lead\ndescription: Leads.\ntools: [read, agent]\nagents: [planner, tester]\n---\nLead.\n"
WHOLE = "---\nname: lead\ndescription: Leads.\ntools: [read, agent]\n---\nLead.\n"
GEMINI = "---\nname: lead\ndescription: Leads.\ntools:\n  - read_file\n  - invoke_agent\n---\nLead.\n"


def _header(text: str) -> str:
    return text.split("---")[1]


def _narrowed(result) -> list[str]:
    return [i.message for i in result.report.items if i.code.value == "tool-narrowed"]


def test_an_agent_tool_scoped_to_some_agents_is_written_as_none_not_refused():
    out = agentconv.convert_text(SCOPED, "gemini", path=PATH)
    assert "invoke_agent" not in _header(out.text) and "read_file" in _header(out.text)
    assert _narrowed(out) == ["the agent written as a Gemini CLI subagent (Gemini CLI registers no agent tool "
                              "(invoke_agent) for a subagent), which also forbids agent(planner), agent(tester)"]


def test_a_whole_agent_tool_is_said_and_not_written():
    out = agentconv.convert_text(WHOLE, "gemini", path=PATH)
    assert "invoke_agent" not in _header(out.text)
    assert len(_narrowed(out)) == 1


def test_a_gemini_file_naming_invoke_agent_comes_back_byte_for_byte():
    assert agentconv.convert_text(GEMINI, "gemini", path=".gemini/agents/lead.md").text == GEMINI


ORCHESTRATOR = ("customModes:\n  - slug: orchestrator\n    name: Orchestrator\n    roleDefinition: You delegate.\n"
                "    whenToUse: Big jobs.\n    groups: []\n")


def test_a_roo_orchestrator_cannot_delegate_there_and_the_way_back_says_roo_can():
    """Roo gives every mode new_task (RooCodeInc/Roo-Code src/shared/tools.ts ALWAYS_AVAILABLE_TOOLS): written for
    Gemini CLI the mode delegates no more (said), and Roo's delegation on the way back is said too (tool-broadened)."""
    there = agentconv.convert_text(ORCHESTRATOR, "gemini", from_="roo", path=".roomodes")
    assert "invoke_agent" not in there.text and len(_narrowed(there)) == 1
    back = agentconv.convert_text(there.text, "roo", from_="gemini", path=there.path)
    assert [i.code.value for i in back.report.items if i.code.value == "tool-broadened"] == ["tool-broadened"]


def test_a_gemini_subagent_naming_invoke_agent_may_not_delegate_once_converted():
    """The read side: Gemini CLI never gave the subagent the agent tool, so no target may grant it (never widen)."""
    for target, agent_tool in (("claude", "Agent"), ("copilot", "agent"), ("opencode", "task")):
        out = agentconv.convert_text(GEMINI, target, path=".gemini/agents/lead.md")
        lines = [ln for ln in _header(out.text).splitlines() if not ln.startswith("# agentconv-carry")]
        assert not any(agent_tool in ln.replace("readFile", "") for ln in lines), (target, out.text)
        said = [i.message for i in out.report.items if i.code.value == "value-invalid"]
        assert said == ["tool 'invoke_agent': Gemini CLI registers no agent tool (invoke_agent) for a subagent: "
                        "not granted"], (target, said)


def test_a_gemini_subagent_with_only_invoke_agent_has_no_tools_elsewhere():
    only = GEMINI.replace("  - read_file\n", "")
    out = agentconv.convert_text(only, "claude", path=".gemini/agents/lead.md")
    assert "Agent" not in _header(out.text) and "tools:" in _header(out.text), out.text
    assert agentconv.convert_text(only, "gemini", path=".gemini/agents/lead.md").text == only


DENYING = "---\nname: lister\ndescription: Lists.\ndisallowedTools: {denied}\n---\nList.\n"
AGENT_SAID = ("the agent written as a Gemini CLI subagent (Gemini CLI registers no agent tool (invoke_agent) for a "
              "subagent), which also forbids the agent tool (the source allows every tool it does not "
              "deny)")


def test_a_deny_list_written_as_an_allowlist_leaves_the_agent_tool_out_and_says_so():
    """A deny list is written as an allowlist of every other tool (Gemini CLI has none): never `invoke_agent`, which
    the subagent is not given there and which reads back as a grant the file never had."""
    out = agentconv.convert_text(DENYING.format(denied="Bash"), "gemini", path=".claude/agents/lister.md")
    assert "invoke_agent" not in _header(out.text) and "read_file" in _header(out.text)
    assert AGENT_SAID in _narrowed(out)


def test_a_deny_list_that_denies_the_agent_tool_says_nothing_of_it():
    out = agentconv.convert_text(DENYING.format(denied="Bash, Agent"), "gemini", path=".claude/agents/lister.md")
    assert "invoke_agent" not in _header(out.text) and "read_file" in _header(out.text)
    assert AGENT_SAID not in _narrowed(out)
