"""Losses that were silent, or files written where their tool does not read them (helper silent, 2026-11-28).

Each test is a small synthetic file reproducing one class; each fails on the code before its fix.
"""
from __future__ import annotations

from ruamel.yaml import YAML

import agentconv

from yamlcheck import header


def _said(out, code: str) -> list[str]:
    return [i.message for i in out.report if i.code.value == code]


# Roo Code has no tool that reaches the network: its tool groups are read, edit, command, mcp, modes, and `browser` is
# a deprecated group its schema strips (@roo-code/types packages/types/src/tool.ts toolGroups, deprecatedToolGroups;
# src/shared/tools.ts TOOL_GROUPS; RooCodeInc/Roo-Code cb836567, read 2026-11-28). An agent with every tool (no tool
# list) written as every Roo group lost its web fetch and search with only an info item ("every tool written as every
# Roo group"): said now, a warning naming them; the way back still gives every tool.
def test_every_tool_written_for_roo_says_the_web_tools_roo_has_not():
    for src, path, text in (
            ("claude", ".claude/agents/helper.md", "---\nname: helper\ndescription: Helps.\n---\nHelp.\n"),
            ("gemini", ".gemini/agents/helper.md", "---\nname: helper\ndescription: Helps.\n---\nHelp.\n")):
        out = agentconv.convert_text(text, "roo", from_=src, path=path)
        assert YAML(typ="safe").load(out.text)["customModes"][0]["groups"] == ["read", "edit", "command", "mcp"]
        said = _said(out, "tool-narrowed")
        assert len(said) == 1 and "webfetch, websearch" in said[0] and "network" in said[0], (src, said)
        assert not any(i.severity.value == "warning" and i is not None and "mcp-resources" in i.message
                       for i in out.report)  # Roo's mcp group reads MCP resources (access_mcp_resource)
        back = agentconv.convert_text(out.text, src, from_="roo", path=".roomodes")
        assert "tools" not in header(back.text)  # every tool again


def test_a_deny_list_written_for_roo_says_the_web_tools_it_forbids():
    text = "---\ndescription: d\npermission:\n  bash: deny\n---\nDo it.\n"
    out = agentconv.convert_text(text, "roo", from_="opencode", path=".opencode/agent/probe.md")
    assert any("webfetch, websearch" in m for m in _said(out, "tool-narrowed"))
    denied = "---\ndescription: d\npermission:\n  webfetch: deny\n  websearch: deny\n---\nDo it.\n"
    out = agentconv.convert_text(denied, "roo", from_="opencode", path=".opencode/agent/probe.md")
    assert not any("webfetch" in m for m in _said(out, "tool-narrowed"))  # denied already: nothing more forbidden
