"""Kiro's per-tool settings (`toolsSettings`) hold deny rules: `deniedCommands`, `deniedPaths`, `deniedServices`
("Deny rules are evaluated before allow rules"), `denyByDefault` (aws/amazon-q-developer-cli docs/built-in-tools.md,
HEAD 2026-04-23) and `availableAgents` (kiro.dev/docs/cli/chat/subagents, "Restricting available agents"). No other
dialect holds them: a target that drops them would run the denied command, so the conversion is refused (exit 6)
unless --allow-broaden; the trust lists (`allowedCommands`, `allowedPaths`, `autoAllowReadonly`: run without
asking) still go with a warning only. Synthetic fixtures only."""
from __future__ import annotations

import json
import re

import pytest

import agentconv
from agentconv.errors import BroadenError
from agentconv.loss import Policy
from agentconv.validate import validate_text

PATH = ".kiro/agents/tester.json"


def agent(settings: dict) -> str:
    # use_aws: the settings of a tool the list does not hold restrict nothing (test below)
    return json.dumps({"name": "tester", "description": "Runs the tests.", "prompt": "Run the tests.",
                       "tools": ["read", "shell", "write", "subagent", "use_aws"], "toolsSettings": settings},
                      indent=2) + "\n"


@pytest.mark.parametrize("settings, said", [
    # a regex no glob holds, not even a wider one (a flag changes how its letters match: kiro.command_superset)
    ({"shell": {"deniedCommands": ["(?i)git\\s+push .*"]}}, "shell deniedCommands (?i)git\\s+push .*"),
    ({"execute_bash": {"allowedCommands": ["make test"], "denyByDefault": True}}, "execute_bash denyByDefault"),
    # a home path (deniedPaths said as file scopes otherwise: test_kiro_denied_paths.py)
    ({"write": {"allowedPaths": ["src/**"], "deniedPaths": ["~/secrets/**"]}}, "write deniedPaths ~/secrets/**"),
    ({"use_aws": {"deniedServices": ["iam"]}}, "use_aws deniedServices iam"),
    # (availableAgents of agent names: read as the subagent tool's scopes, test_unseen24.py)
])
@pytest.mark.parametrize("target", ["claude", "opencode", "copilot", "kiro-md"])
def test_a_deny_setting_no_target_holds_is_refused_not_dropped(settings, said, target):
    src = agent(settings)
    whole = {"deniedCommands": "Bash", "denyByDefault": "Bash", "deniedPaths": "Write, Edit"}
    if target in ("copilot", "kiro-md") and any(k in said for k in whole):
        # no deny at all: the tool left out of the list, narrower, said (kiro30)
        out = agentconv.convert_text(src, target, path=PATH)
        assert [i for i in out.report if i.code.value == "tool-narrowed" and "left out" in i.message]
        assert not any(i.code.value == "tool-broadened" and "toolsSettings" in i.message for i in out.report)
        return
    if target == "claude" and (key := next((k for k in whole if k in said), None)):
        # a subagent's disallowedTools takes the whole tool anyway (denyByDefault and a home path: kiro30)
        out = agentconv.convert_text(src, target, path=PATH)
        assert f"\ndisallowedTools: {whole[key]}\n" in out.text
        assert not set(whole[key].split(", ")) & set(out.text.split("\ntools: ")[1].split("\n")[0].split(", "))
        assert any(i.code.value == "tool-narrowed" for i in out.report)
        return
    with pytest.raises(BroadenError, match=re.escape(f"toolsSettings deny {said}")):
        agentconv.convert_text(src, target, path=PATH)
    out = agentconv.convert_text(src, target, path=PATH, policy=Policy(allow_broaden=True))
    assert any(i.code.value == "tool-broadened" and said in i.message for i in out.report)
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src  # its own dialect: byte for byte


@pytest.mark.parametrize("settings", [
    {"shell": {"allowedCommands": ["git status"], "autoAllowReadonly": True, "deniedCommands": []}},
    {"write": {"allowedPaths": ["src/**"]}, "shell": {"denyByDefault": False}},
])
def test_trust_settings_alone_are_a_warning_not_a_refusal(settings):
    out = agentconv.convert_text(agent(settings), "claude", path=PATH)
    assert [i.code.value for i in out.report if i.path == "extensions.kiro.toolsSettings"] == ["extension-dropped"]
    assert not any(i.code.value == "tool-broadened" for i in out.report)


@pytest.mark.parametrize("available", [["*"], ["reviewer", "*"], ["**"]])
@pytest.mark.parametrize("target", ["claude", "opencode", "copilot", "kiro-md"])
def test_an_available_agents_list_every_name_matches_denies_nothing(available, target):
    """availableAgents names the agents that may be spawned, in glob patterns (kiro.dev/docs/cli/chat/subagents,
    "Restricting available agents": "Glob patterns are supported", read 2026-11-28): `*` matches every agent, so the
    list restricts nothing and dropping it widens nothing (a warning, as a trust list's). It was refused as a deny."""
    src = agent({"subagent": {"availableAgents": available, "trustedAgents": ["reviewer"]}})
    out = agentconv.convert_text(src, target, path=PATH)
    assert not any(i.code.value == "tool-broadened" and "availableAgents" in i.message for i in out.report)
    assert [i.code.value for i in out.report if i.path == "extensions.kiro.toolsSettings"] == ["extension-dropped"]
    # a list that does restrict stays refused, whatever sits beside it
    narrowed = agent({"subagent": {"availableAgents": ["docs-*"], "trustedAgents": ["*"]}})
    with pytest.raises(BroadenError, match=re.escape("toolsSettings deny subagent availableAgents docs-*")):
        agentconv.convert_text(narrowed, target, path=PATH)


@pytest.mark.parametrize("name, canonical, claude", [("subagent", "agent", "Agent")])
def test_kiros_subagent_tool_name_is_read_as_the_agent_tool(name, canonical, claude):
    """kiro.dev/docs/cli/chat/subagents (read 2026-11-28): `"tools": ["fs_read", "subagent"]` lets an agent spawn
    subagents. It was read as an unknown name: not granted anywhere."""
    src = json.dumps({"name": "lead", "description": "Leads.", "prompt": "Lead.", "tools": ["read", name]}) + "\n"
    out = agentconv.convert_text(src, "claude", path=".kiro/agents/lead.json")
    assert not any(i.code.value == "tool-unmapped" for i in out.report)
    assert claude in out.text.split("---")[1]
    assert [g.canonical for g in agentconv.read_text(src, "kiro", path=".kiro/agents/lead.json")[0].records[0].tools.grants] == \
        ["read", canonical]
    assert agentconv.convert_text(src, "kiro", path=".kiro/agents/lead.json").text == src


def test_kiros_todo_tool_name_is_read_valid_and_written():
    """Kiro CLI's task list is `todo` ("ToDo list tool (experimental) Tool name: todo", kiro.dev/docs/cli/reference/
    built-in-tools, pages of 2026-01-16 and 2026-05-12, read 2026-11-29; kiro.dev/docs/cli/chat/subagents). It was
    written `todo_list`, Amazon Q Developer CLI's name, which no Kiro page lists; that name is read still."""
    src = json.dumps({"name": "lead", "description": "Leads.", "prompt": "Lead.", "tools": ["read", "todo"]}) + "\n"
    path = ".kiro/agents/lead.json"
    assert [g.canonical for g in agentconv.read_text(src, "kiro", path=path)[0].records[0].tools.grants] == \
        ["read", "todo"]
    assert not [f for f in validate_text(src, "kiro", path=path) if "todo" in f.message]
    out = agentconv.convert_text(src, "opencode", path=path)
    assert not any(i.code.value == "tool-unmapped" for i in out.report)
    assert '"todowrite": "allow"' in out.text or "todowrite: allow" in out.text
    assert agentconv.convert_text(src, "kiro", path=path).text == src
    copilot = "---\nname: lead\ndescription: Leads.\ntools: ['read', 'todo']\n---\nLead.\n"
    written = json.loads(agentconv.convert_text(copilot, "kiro", path=".github/agents/lead.agent.md").text)
    assert "todo" in written["tools"] and "todo_list" not in written["tools"]
    amazonq = src.replace('"todo"', '"todo_list"')
    assert [g.canonical for g in agentconv.read_text(amazonq, "kiro", path=".amazonq/cli-agents/lead.json")[0]
            .records[0].tools.grants] == ["read", "todo"]
    assert agentconv.convert_text(amazonq, "kiro", path=".amazonq/cli-agents/lead.json").text == amazonq


@pytest.mark.parametrize("tools, settings", [
    (["read"], {"shell": {"deniedCommands": ["(?i)git\\s+push .*"]}, "execute_bash": {"denyByDefault": True}}),
    (["fs_read", "fs_write"], {"subagent": {"availableAgents": ["reviewer"]}, "use_subagent": {"availableAgents": ["x"]}}),
    ([], {"write": {"deniedPaths": ["~/secrets/**"]}}),
])
@pytest.mark.parametrize("target", ["claude", "opencode", "copilot", "kiro-md"])
def test_a_deny_setting_of_a_tool_the_agent_lacks_takes_nothing_away(tools, settings, target):
    """`tools` is what the agent may use ("Limit tool access - Restrict which tools are available",
    kiro.dev/docs/cli/custom-agents, read 2026-11-29):
    a shell's deniedCommands beside no shell tool denies nothing a target could grant, so dropping it widens nothing
    (a warning, as a trust list's). It was refused as a deny; with the tool granted it still is."""
    src = json.dumps({"name": "tester", "description": "Runs the tests.", "prompt": "Run the tests.",
                      "tools": tools, "toolsSettings": settings}, indent=2) + "\n"
    out = agentconv.convert_text(src, target, path=PATH)
    assert not any(i.code.value == "tool-broadened" and "toolsSettings" in i.message for i in out.report)
    assert [i.code.value for i in out.report if i.path == "extensions.kiro.toolsSettings"] == ["extension-dropped"]
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src
    granted = json.dumps({"name": "tester", "description": "Runs the tests.", "prompt": "Run the tests.",
                          "tools": [*tools, "@builtin"], "toolsSettings": settings}, indent=2) + "\n"
    if target in ("claude", "copilot", "kiro-md") and "availableAgents" not in json.dumps(settings):
        # a subagent's disallowedTools takes the whole tool anyway, and a target with no deny leaves it out: the tool
        # denied, said (kiro30)
        out = agentconv.convert_text(granted, target, path=PATH)
        assert any(i.code.value == "tool-narrowed" for i in out.report)
        assert target != "claude" or "\ndisallowedTools: " in out.text
        return
    with pytest.raises(BroadenError, match="toolsSettings deny|dropping the scope of @builtin"):
        agentconv.convert_text(granted, target, path=PATH)
