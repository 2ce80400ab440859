"""Claude Code's MCP names in an agent's tool lists, as @anthropic-ai/claude-code 2.1.330 resolves them (the bundle's
agent tool resolver and disallowed-tool set, read 2026-11-29): `mcp__<server>` and `mcp__<server>__*` give all of one
server's tools; `mcp__*` (server `*`) gives no tool in `tools` (the resolver skips server `*` and lists the entry as
unrecognized) and denies every MCP tool in `disallowedTools`. Synthetic agents only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.validate import validate_text

PATH = ".claude/agents/a.md"


def agent(tools: str, deny: str | None = None) -> str:
    return "---\nname: a\ndescription: d\ntools: " + tools + (f"\ndisallowedTools: {deny}" if deny else "") + \
        "\n---\nBody\n"


@pytest.mark.parametrize("name, canonical", [
    ("mcp__github", "mcp:github/*"),
    ("mcp__github__*", "mcp:github/*"),
    ("mcp__github__get_issue", "mcp:github/get_issue"),
    ("mcp__*", None),
    ("mcp__*__*", None),
])
def test_an_allowed_mcp_name_grants_what_claude_code_gives(name, canonical):
    doc, _ = agentconv.read_text(agent(f"Read, {name}"), "claude", path=PATH)
    assert [(g.raw, g.canonical, g.decision) for g in doc.records[0].tools.grants] == \
        [("Read", "read", "allow"), (name, canonical, "allow")]


def test_every_server_allowed_in_claude_is_never_every_mcp_tool_elsewhere():
    """Read as every MCP tool, `mcp__*` became OpenCode's `"*_*": allow` (any tool with an underscore in its name,
    every MCP tool among them) for an agent that has none of them in Claude Code."""
    src = agent("Read, mcp__*")
    out = agentconv.convert_text(src, "opencode", from_="claude", path=PATH)
    assert "*_*" not in out.text and "read: allow" in out.text
    said = [i.message for i in out.report if i.code.value == "tool-unmapped"]
    assert len(said) == 1 and "'mcp__*'" in said[0] and "not granted" in said[0]
    assert agentconv.convert_text(src, "claude", from_="claude", path=PATH).text == src  # back as it came


def test_every_server_denied_in_claude_still_denies_every_mcp_tool():
    doc, _ = agentconv.read_text(agent("Read", deny="mcp__*"), "claude", path=PATH)
    assert ("mcp:*/*", "deny") in [(g.canonical, g.decision) for g in doc.records[0].tools.grants]


def test_every_mcp_tool_allowed_elsewhere_is_not_written_as_mcp_star_in_claude():
    """A Gemini agent's `mcp_*` (every server's tools) was written `tools: Read, mcp__*__*`: an entry Claude Code
    resolves to no tool, so the agent silently lost its MCP tools. Now it is left out and said (not granted)."""
    src = "---\nname: a\ndescription: d\ntools:\n  - read_file\n  - mcp_*\n---\nBody\n"
    out = agentconv.convert_text(src, "claude", from_="gemini", path=".gemini/agents/a.md")
    assert "tools: Read\n" in out.text and "mcp__" not in out.text
    said = [i.message for i in out.report if i.code.value == "tool-unmapped"]
    assert len(said) == 1 and "'mcp_*'" in said[0] and "not granted" in said[0]


def test_validate_says_every_server_in_a_claude_tool_list_grants_nothing():
    found = [(f.severity.value, f.rule, f.line) for f in validate_text(agent("Read, mcp__*"), "claude", path=PATH)]
    assert found == [("warning", "tool-unknown", 4)]
    assert validate_text(agent("Read, mcp__github", deny="mcp__*"), "claude", path=PATH) == []
