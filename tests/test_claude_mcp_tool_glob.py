"""A `*` inside a Claude Code MCP tool name (`mcp__github__get_*`), as @anthropic-ai/claude-code 2.1.330 reads it
(the bundle, read 2026-11-29): in an agent's `tools` the resolver gives a server's tools for `mcp__<server>` and
`mcp__<server>__*` only and looks any other MCP entry up by its exact name, so the pattern grants no tool; in
`disallowedTools` it denies the server's tools its glob matches. Synthetic agents only."""
from __future__ import annotations

import agentconv
from agentconv.validate import validate_text

PATH = ".claude/agents/a.md"


def agent(tools: str | None, deny: str | None = None) -> str:
    return "---\nname: a\ndescription: d\n" + (f"tools: {tools}\n" if tools else "") + \
        (f"disallowedTools: {deny}\n" if deny else "") + "---\nBody\n"


def test_a_tool_pattern_allowed_in_claude_grants_nothing():
    doc, _ = agentconv.read_text(agent("Read, mcp__github__get_*, mcp__github__list_issues"), "claude", path=PATH)
    assert [(g.raw, g.canonical) for g in doc.records[0].tools.grants] == [
        ("Read", "read"), ("mcp__github__get_*", None), ("mcp__github__list_issues", "mcp:github/list_issues")]
    src = agent(None, deny="mcp__github__delete_*")  # denied, it still denies by the pattern
    doc, _ = agentconv.read_text(src, "claude", path=PATH)
    assert [(g.canonical, g.decision) for g in doc.records[0].tools.grants] == [("mcp:github/delete_*", "deny")]
    assert "github_delete_*: deny" in agentconv.convert_text(src, "opencode", from_="claude", path=PATH).text


def test_a_tool_pattern_allowed_in_claude_is_no_wildcard_grant_elsewhere():
    """It was written OpenCode `github_get_*: allow` and Kiro `@github/get_*`: every `get_` tool of the server, for
    an agent that has none of them in Claude Code."""
    src = agent("Read, mcp__github__get_*, mcp__github__list_issues")
    for target, gone in (("opencode", "github_get_"), ("kiro", "@github/get_")):
        out = agentconv.convert_text(src, target, from_="claude", path=PATH)
        assert gone not in out.text and "list_issues" in out.text
        said = [i.message for i in out.report if i.code.value == "tool-unmapped"]
        assert len(said) == 1 and "'mcp__github__get_*'" in said[0] and "not granted" in said[0]
    assert agentconv.convert_text(src, "claude", from_="claude", path=PATH).text == src  # back as it came


def test_a_tool_pattern_allowed_elsewhere_is_not_written_into_a_claude_tool_list():
    """An OpenCode `github_get_*: allow` was written `tools: Read, mcp__github__get_*`, which Claude Code resolves
    to no tool: the agent silently lost those tools. Now it is left out and said."""
    src = "---\ndescription: d\nmode: subagent\npermission:\n  \"*\": deny\n  read: allow\n  github_get_*: allow\n---\nB\n"
    out = agentconv.convert_text(src, "claude", from_="opencode", path=".opencode/agent/a.md")
    assert "tools: Read\n" in out.text and "mcp__" not in out.text
    said = [i.message for i in out.report if i.code.value == "tool-unmapped"]
    assert len(said) == 1 and "'github_get_*'" in said[0] and "not granted" in said[0]


def test_validate_says_a_tool_pattern_in_a_claude_tool_list_grants_nothing():
    found = [(f.severity.value, f.rule, f.line) for f in validate_text(agent("Read, mcp__github__get_*"), "claude",
                                                                       path=PATH)]
    assert found == [("warning", "tool-unknown", 4)]
    assert validate_text(agent("Read, mcp__github__get_issue", deny="mcp__github__delete_*"), "claude", path=PATH) == []
