"""A Claude Code subagent's ``disallowedTools`` entry takes away the whole tool it names, whatever its scope
(@anthropic-ai/claude-code 2.1.330, ``Fht``: every entry's tool name joins the deny set that ``zH`` filters the
subagent's tools by; claude.toml ``[parser] deny_scopes``). It was read as a scoped deny (Bash allowed but ``rm *``),
so a conversion gave the agent a shell its Claude file never had. Only the file's own entries: the settings'
``permissions.deny`` rules beneath it are permission rules and keep their scope. Synthetic inputs only."""
from __future__ import annotations

import json

import pytest
import yaml

import agentconv

AGENT = "---\nname: a\ndescription: d\ntools: Read, Bash\ndisallowedTools: Bash(rm *)\n---\nbody\n"


def header(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_a_scoped_entry_denies_the_whole_tool_and_is_said():
    doc, report = agentconv.read_text(AGENT, "claude", path=".claude/agents/a.md")
    tools = doc.agent.tools
    assert [(g.canonical, g.decision, g.pattern) for g in tools.grants] == [("read", "allow", None),
                                                                           ("bash", "deny", None)]
    said = [i for i in report.items if i.code.value == "value-invalid"]
    assert len(said) == 1 and said[0].severity.value == "warning"
    assert said[0].message.startswith("Bash(rm *) in 'disallowedTools': Claude Code takes from the agent the whole tool")
    opencode = agentconv.convert_text(AGENT, "opencode", from_="claude", path=".claude/agents/a.md")
    assert header(opencode.text)["permission"] == {"*": "deny", "read": "allow"}  # no shell it never had
    copilot = agentconv.convert_text(AGENT, "copilot", from_="claude", path=".claude/agents/a.md")  # was refused
    assert header(copilot.text)["tools"] == ["read/readFile"]
    same = agentconv.convert_text(AGENT, "claude", from_="claude", path=".claude/agents/a.md")
    assert same.text == AGENT  # its own dialect: byte for byte


def test_every_scoped_entry_and_an_agent_type_too():
    text = "---\nname: a\ndescription: d\ndisallowedTools: Bash(rm *), Agent(scout), WebFetch(domain:x.com)\n---\nb\n"
    done = agentconv.convert_text(text, "opencode", from_="claude", path=".claude/agents/a.md")
    perm = header(done.text)["permission"]
    assert (perm["bash"], perm["task"], perm["webfetch"]) == ("deny", "deny", "deny"), perm
    assert agentconv.convert_text(text, "claude", from_="claude", path=".claude/agents/a.md").text == text


def test_the_settings_deny_rules_keep_their_scope(tmp_path):
    """The agent's own entry is whole, the project's settings' rule beneath it scoped: both as Claude Code holds them."""
    (tmp_path / ".git").mkdir()
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".claude" / "settings.json").write_text(json.dumps({"permissions": {"deny": ["Read(.env)"]}}))
    (agents / "a.md").write_text(AGENT.replace("Bash(rm *)", "Bash(git push *)"))
    done = agentconv.convert(agents / "a.md", "opencode", policy=agentconv.Policy(carry=False))
    perm = header(done.text)["permission"]
    assert "bash" not in perm and perm["read"]["*"] == "allow" and perm["read"][".env"] == "deny", perm
    back = agentconv.convert(agents / "a.md", "claude")
    assert back.text == AGENT.replace("Bash(rm *)", "Bash(git push *)")  # the file as it came, beneath its settings


@pytest.mark.parametrize("permission,tools", [
    ('  bash:\n    "*": allow\n    "rm *": deny\n', None),
    ('  "*": deny\n  read: allow\n  bash:\n    "*": allow\n    "rm *": deny\n', "Read"),
])
def test_a_scoped_deny_written_for_claude_denies_the_whole_tool_and_says_so(permission, tools):
    """Written as ``disallowedTools: Bash(rm *)`` it read as no Bash at all in Claude Code, unsaid; written without it,
    the agent would run ``rm``: the whole Bash denied, said (tool-narrowed)."""
    text = f"---\ndescription: d\nmode: subagent\npermission:\n{permission}---\nbody\n"
    done = agentconv.convert_text(text, "claude", from_="opencode", path=".opencode/agent/a.md")
    head = header(done.text)
    assert head["disallowedTools"] == "Bash" and head.get("tools") == tools, head
    said = [i.message for i in done.report.items if i.code.value == "tool-narrowed"]
    assert said == ["Bash(rm *) denied as the whole Bash in claude (an entry of its disallowedTools takes away the "
                    "whole tool it names, whatever its scope), which also forbids every other use of Bash the source "
                    "allowed"], said
    again = agentconv.read_text(done.text, "claude", path=".claude/agents/a.md")[0].agent.tools
    assert "bash" not in {g.canonical for g in again.allowed()}
