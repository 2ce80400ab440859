"""A ``*`` entry makes Claude Code read a subagent's whole ``tools`` or ``disallowedTools`` list as not written
(@anthropic-ai/claude-code 2.1.330: both go through ``Ygt``, which returns undefined for a list holding ``*``;
claude.toml ``[parser] star_entry``). ``disallowedTools: "*"`` was read as the denial of an unknown tool ``*`` (and
refused as a wildcard deny where the agent kept the rest), ``tools: Read, *`` as Read alone: Claude Code denies nothing
by the first and gives every tool for the second. A command's ``disallowed-tools`` keeps its ``*`` (``kP``): not this
rule. Synthetic inputs only."""
from __future__ import annotations

import pytest
import yaml

import agentconv
from agentconv.validate import validate_text

PATH = ".claude/agents/a.md"


def agent(tools: str | None, deny: str | None) -> str:
    return "---\nname: a\ndescription: d\n" + (f"tools: {tools}\n" if tools else "") + \
        (f"disallowedTools: {deny}\n" if deny else "") + "---\nbody\n"


def header(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1]) or {}


def said(report, code: str = "value-invalid") -> list[str]:
    return [i.message for i in report.items if i.code.value == code]


@pytest.mark.parametrize("deny", ['"*"', '["*"]', "Bash, *", '["Bash", "*"]'])
def test_a_star_in_disallowed_tools_denies_nothing(deny):
    text = agent("Read, Bash", deny)
    doc, report = agentconv.read_text(text, "claude", path=PATH)
    tools = doc.agent.tools
    assert tools.mode == "allowlist" and [(g.canonical, g.decision) for g in tools.grants] == [("read", "allow"),
                                                                                                ("bash", "allow")]
    others = ", Bash too:" if "Bash" in deny else ":"
    assert said(report) == ["'disallowedTools' holds '*', for which Claude Code ignores the whole list" + others
                            + " the agent loses no tool by it (to give it no tool, write 'tools: []'): read as nothing "
                            "denied"], said(report)
    opencode = agentconv.convert_text(text, "opencode", from_="claude", path=PATH)
    assert header(opencode.text)["permission"] == {"*": "deny", "read": "allow", "bash": "allow"}
    assert agentconv.convert_text(text, "claude", from_="claude", path=PATH).text == text  # byte for byte


def test_a_star_alone_in_disallowed_tools_leaves_every_tool():
    """No ``tools`` and ``disallowedTools: ["*"]``: every tool, as no key at all (was refused for OpenCode as a
    wildcard deny, written for Copilot as its built-in tools without MCP)."""
    text = agent(None, '["*"]')
    doc, _ = agentconv.read_text(text, "claude", path=PATH)
    assert doc.agent.tools.mode == "inherit" and not doc.agent.tools.grants
    opencode = agentconv.convert_text(text, "opencode", from_="claude", path=PATH)
    assert "permission" not in header(opencode.text)
    copilot = agentconv.convert_text(text, "copilot", from_="claude", path=PATH)
    assert "tools" not in header(copilot.text)


def test_a_star_beside_other_tools_gives_every_tool_and_the_deny_list_still_holds():
    text = agent("Read, *", "Bash")
    doc, report = agentconv.read_text(text, "claude", path=PATH)
    tools = doc.agent.tools
    assert tools.mode == "denylist" and [(g.canonical, g.decision) for g in tools.grants] == [("bash", "deny")]
    assert said(report) == ["'tools' holds '*', for which Claude Code ignores the whole list: the agent gets every "
                            "tool, not only Read: read as every tool"]
    opencode = agentconv.convert_text(text, "opencode", from_="claude", path=PATH)
    assert header(opencode.text)["permission"] == {"bash": "deny"}
    assert agentconv.convert_text(text, "claude", from_="claude", path=PATH).text == text


def test_tools_star_alone_says_nothing_new():
    doc, report = agentconv.read_text(agent('"*"', None), "claude", path=PATH)
    assert doc.agent.tools.mode == "inherit" and said(report) == []


def test_a_command_keeps_its_star_entry():
    """A command's ``disallowed-tools`` is a list of deny rules (``kP``): its ``*`` is no signal to drop the list, but
    a deny rule matching every tool (test_claude_command_star_entry)."""
    text = '---\ndescription: d\ndisallowed-tools: "*"\n---\nDo.\n'
    doc, report = agentconv.read_text(text, "claude-command", path=".claude/commands/c.md")
    assert doc.agent.tools.mode == "none" and said(report) == [
        "'disallowed-tools' holds '*', a deny rule Claude Code matches every tool with: the command runs with no tool: "
        "read as no tools"]


def test_validate_says_what_the_star_does():
    found = [(f.rule, f.line, f.message) for f in validate_text(agent("Read, *", '"*"'), "claude", path=PATH)]
    assert found == [
        ("tool-unknown", 4, "'*' makes Claude Code ignore the whole 'tools' list: the agent gets every tool"),
        ("tool-unknown", 5, "'*' makes Claude Code ignore the whole 'disallowedTools' list: nothing is denied")], found
