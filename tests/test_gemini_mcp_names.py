"""Gemini CLI refuses a whole agent whose `tools` holds a name isValidToolName rejects ("tools.N: Invalid tool name"):
an MCP name is `mcp_*`, or `mcp_` + a server up to the first '_' + '_' + a tool, both slugs, the tool `*` or not all
'_' (gemini-cli packages/core/src/tools/tool-names.ts, mcp-tool.ts parseMcpToolName; 0.61.0). A server whose name holds
'_' has no wildcard there: `mcp_MCP_DOCKER_*` splits as server 'MCP', tool 'DOCKER_*' and fails the agent."""
from __future__ import annotations

import re

import agentconv

SLUG = re.compile(r"^[a-z0-9_.:-]+$", re.I)


def gemini_accepts_mcp(name: str) -> bool:
    """isValidToolName(name, {allowWildcards: true}) for an `mcp_` name, as gemini-cli 0.61.0 has it."""
    if name == "mcp_*":
        return True
    if name.startswith("mcp__"):
        return False
    m = re.match(r"^([^_]+)_(.+)$", name[4:])
    if not m or not SLUG.match(m[1]):
        return False
    return m[2] == "*" or (not re.fullmatch(r"_*", m[2]) and bool(SLUG.match(m[2])))


def tools_of(text: str) -> list[str]:
    doc, _ = agentconv.read_text(text, "gemini", path=".gemini/agents/x.md", carry=False)
    return [g.raw for g in doc.agent.tools.grants]


COPILOT = "---\nname: helper\ndescription: Helps.\ntools: ['read/readFile', 'MCP_DOCKER/*', 'serena/*', 'gh/get_issue']\n---\n\nHelp.\n"


def test_a_server_with_an_underscore_has_no_wildcard_in_gemini():
    out = agentconv.convert_text(COPILOT, to="gemini", from_="copilot", path=".github/agents/helper.agent.md")
    names = [n for n in tools_of(out.text) if n.startswith("mcp_")]
    assert names == ["mcp_serena_*", "mcp_gh_get_issue"] and all(map(gemini_accepts_mcp, names))
    assert any(i.code.value == "tool-unmapped" and "MCP_DOCKER/*" in i.message for i in out.report)


def test_every_mcp_server_is_mcp_star():
    """Every server's tools, denied in Claude Code (`mcp__*` in disallowedTools), allowed elsewhere, is `mcp_*`
    (written from the IR here: Claude Code's `tools: mcp__*` allows no tool, so nothing to write)."""
    doc, _ = agentconv.read_text("---\nname: helper\ndescription: Helps.\ntools:\n  - read_file\n  - mcp_*\n---\n\nHelp.\n",
                                 "gemini", path=".gemini/agents/helper.md")
    doc.agent.origin = None  # written anew, from its meaning
    names = [n for n in tools_of(agentconv.write(doc, "gemini")) if n.startswith("mcp_")]
    assert names == ["mcp_*"] and all(map(gemini_accepts_mcp, names))
    claude = "---\nname: helper\ndescription: Helps.\ntools: Read, mcp__*\n---\n\nHelp.\n"
    out = agentconv.convert_text(claude, to="gemini", from_="claude", path=".claude/agents/helper.md")
    assert [n for n in tools_of(out.text) if n.startswith("mcp_")] == []


def test_gemini_s_mcp_star_is_read_as_every_mcp_tool():
    text = "---\nname: helper\ndescription: Helps.\ntools:\n  - read_file\n  - mcp_*\n---\n\nHelp.\n"
    doc, report = agentconv.read_text(text, "gemini", path=".gemini/agents/helper.md")
    assert "mcp:*/*" in [g.canonical for g in doc.agent.tools.grants]
    assert not [i for i in report if i.code.value in ("file-rejected", "tool-unmapped")]
    assert agentconv.convert_text(text, to="gemini", from_="gemini", path=".gemini/agents/helper.md").text == text
