"""Kiro CLI's subagent tool is `subagent` (alias `use_subagent`), and its settings sit under the same name:
`toolsSettings.subagent.availableAgents` "Restricts which agents can be spawned as subagents" (kiro.dev/docs/cli/
reference/built-in-tools, "Subagent tool"; kiro.dev/docs/cli/chat/subagents, "Restricting available agents"; read
2026-11-29 in the copy Glepooek/kiro-cli-docs 712ad7eb). So an agent that may run only some agents (Claude Code's
`Agent(a, b)`, OpenCode's `task` patterns, Copilot's `agents: [a, b]`) is written for Kiro with that list, where it was
refused (exit 6) as a scope Kiro could not say. `delegate` ("Delegate tasks to background agents", no configuration
options; aws/amazon-q-developer-cli 15cc8f3c crates/chat-cli/src/cli/chat/tools/delegate.rs: any agent) is not scoped
by that list. Synthetic fixtures only."""
from __future__ import annotations

import json

import pytest

import agentconv
from agentconv.errors import BroadenError

KIRO = ".kiro/agents/lead.json"
CLAUDE = "---\nname: lead\ndescription: Leads.\ntools: Read, Agent(tester, linter)\n---\nLead.\n"
COPILOT = "---\nname: lead\ndescription: Leads.\ntools: ['read', 'agent']\nagents: ['tester', 'linter']\n---\nLead.\n"
OPENCODE = ("---\ndescription: Leads.\nmode: primary\npermission:\n  \"*\": deny\n  read: allow\n  task:\n"
            "    \"*\": deny\n    tester: allow\n    linter: ask\n---\nLead.\n")


@pytest.mark.parametrize("src, path", [
    (CLAUDE, ".claude/agents/lead.md"),
    (COPILOT, ".github/agents/lead.agent.md"),
    (OPENCODE, ".opencode/agent/lead.md"),
], ids=["claude", "copilot", "opencode"])
def test_an_agent_that_may_run_some_agents_is_written_with_available_agents(src, path):
    out = agentconv.convert_text(src, "kiro", path=path)
    written = json.loads(out.text)
    assert written["tools"] == ["read", "subagent"]
    assert written["toolsSettings"] == {"subagent": {"availableAgents": ["tester", "linter"]}}
    assert not any(i.code.value == "tool-broadened" for i in out.report)
    assert any(i.code.value == "tool-coerced" and "availableAgents (tester, linter)" in i.message for i in out.report)
    # read back: the same two scopes of the agent tool, and Kiro's own file comes back byte for byte
    grants = agentconv.read_text(out.text, "kiro", path=KIRO)[0].records[0].tools.grants
    assert [(g.canonical, g.pattern) for g in grants if g.canonical == "agent"] == [("agent", "tester"), ("agent", "linter")]
    assert agentconv.convert_text(out.text, "kiro", path=KIRO).text == out.text
    assert "Agent(tester), Agent(linter)" in agentconv.convert_text(out.text, "claude", path=KIRO).text
    # availableAgents has no deny, and a `?`, a class or an alternation is a glob Kiro may read otherwise: the agent
    # tool left out, said (tools.toml [left_out]; it was refused)
    for scope in ("Agent(tester), Agent(lint?r)", "Agent(te[s]ter)"):
        left = agentconv.convert_text(CLAUDE.replace("Agent(tester, linter)", scope), "kiro", path=".claude/agents/lead.md")
        assert json.loads(left.text)["tools"] == ["read"] and "toolsSettings" not in json.loads(left.text)
        assert any("written without subagent in kiro" in i.message for i in left.report)
    # the Markdown form (the Kiro IDE's agents) is not documented to read toolsSettings so: the agent tool left out
    md = agentconv.convert_text(CLAUDE, "kiro-md", path=".claude/agents/lead.md")
    assert "tools:\n  - read\n---" in md.text
    assert any("written without subagent in kiro-md" in i.message for i in md.report)


def test_delegate_is_not_scoped_by_the_subagent_tools_available_agents():
    """`delegate` starts any agent, whatever `toolsSettings.subagent.availableAgents` says: the list does not make
    it a scoped agent tool. It was read as `Agent(tester)` (Claude Code: that agent only): a widening of the limit
    Kiro does not enforce there, now refused as a deny setting no target says."""
    src = json.dumps({"name": "lead", "description": "Leads.", "prompt": "Lead.", "tools": ["read", "delegate"],
                      "toolsSettings": {"subagent": {"availableAgents": ["tester"]}}}) + "\n"
    grants = agentconv.read_text(src, "kiro", path=KIRO)[0].records[0].tools.grants
    assert [(g.raw, g.pattern) for g in grants if g.canonical == "agent"] == [("delegate", None)]
    with pytest.raises(BroadenError, match="availableAgents"):
        agentconv.convert_text(src, "claude", path=KIRO)
    assert agentconv.convert_text(src, "kiro", path=KIRO).text == src
    # the subagent tool itself, under its alias, is scoped as before
    alias = src.replace('"delegate"', '"use_subagent"')
    assert "Agent(tester)" in agentconv.convert_text(alias, "claude", path=KIRO).text
    # and the Markdown form's `subagent` tag, under the same settings
    md = ("---\nname: lead\ndescription: Leads.\ntools: [read, subagent]\ntoolsSettings:\n  subagent:\n"
          "    availableAgents: [tester]\n---\nLead.\n")
    assert "Agent(tester)" in agentconv.convert_text(md, "claude", path=".kiro/agents/lead.md").text
    with pytest.raises(BroadenError, match="availableAgents"):
        agentconv.convert_text(md.replace("subagent]", "delegate]"), "claude", path=".kiro/agents/lead.md")


@pytest.mark.parametrize("target", ["claude", "opencode", "kiro-md"])
def test_a_web_fetch_blocked_list_is_a_deny_no_target_holds(target):
    """`toolsSettings.web_fetch.blocked`: "URL patterns to deny (takes precedence over trusted)" (kiro.dev/docs/cli/
    reference/built-in-tools, web_fetch "Configuration", read 2026-11-29 in the copy Glepooek/kiro-cli-docs 712ad7eb).
    It was dropped with a warning: the agent could fetch those URLs in the target. Refused now, as the other deny
    settings are; `trusted` (run without asking) still goes with a warning only."""
    def kiro(settings: dict) -> str:
        return json.dumps({"name": "lead", "description": "Leads.", "prompt": "Lead.", "tools": ["read", "web_fetch"],
                           "toolsSettings": {"web_fetch": settings}}) + "\n"
    blocked = kiro({"trusted": [".*docs\\.aws\\.amazon\\.com.*"], "blocked": [".*pastebin\\.com.*"]})
    with pytest.raises(BroadenError, match="web_fetch blocked"):
        agentconv.convert_text(blocked, target, path=KIRO)
    assert agentconv.convert_text(blocked, "kiro", path=KIRO).text == blocked
    trusted = agentconv.convert_text(kiro({"trusted": [".*docs\\.aws\\.amazon\\.com.*"]}), target, path=KIRO)
    assert not any(i.code.value == "tool-broadened" and "toolsSettings" in i.message for i in trusted.report)
    assert [i.code.value for i in trusted.report if i.path == "extensions.kiro.toolsSettings"] == ["extension-dropped"]
    # a scope of another tool's shell is never written as allowedCommands (which spares the prompt, restricts nothing):
    # OpenCode's (enforced) is written as no shell, said; Claude Code's own (it gives the whole Bash) as the whole shell
    scoped = agentconv.convert_text('---\ndescription: Leads.\nmode: subagent\npermission:\n  bash:\n    "*": deny\n'
                                    '    "git status*": allow\n---\nLead.\n', "kiro", path=".opencode/agent/lead.md")
    assert "allowedCommands" not in scoped.text and '"shell"' not in scoped.text
    assert any(i.code.value == "tool-narrowed" for i in scoped.report)
    whole = agentconv.convert_text("---\nname: lead\ndescription: Leads.\ntools: Read, Bash(git status*)\n---\nLead.\n",
                                   "kiro", path=".claude/agents/lead.md")
    assert "allowedCommands" not in whole.text and '"shell"' in whole.text
    assert [i.code.value for i in whole.report if i.code.value == "value-invalid"] == ["value-invalid"]
