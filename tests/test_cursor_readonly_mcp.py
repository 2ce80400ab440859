"""Cursor's `readonly: true` takes away every MCP tool, not only file edits and state-changing commands ("the readonly
flag, which blocks MCP entirely", forum.cursor.com/t/cursor-subagent-mcp-toolset-control-request/159786/4; cursor.toml
[readonly] mcp_said). It was read as a deny list of the edit and shell tools only, so a dialect that keeps deny lists
gave the agent every MCP server's tools (Claude Code subagents inherit them). Read now with ``mcp:*/*`` and
``mcp-resources`` denied too (cursor.toml [readonly] also_denies), written as each tool's own rule for every MCP tool
(Claude Code `mcp__*__*` in disallowedTools: isServerLevelDisallowed, 2.1.330; OpenCode `"*_*": deny`, Wildcard.match
over `<server>_<tool>`) or as an allowlist without them. Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv

PATH = ".cursor/agents/reader.md"
READONLY = "---\nname: reader\ndescription: Reads the code.\nreadonly: true\n---\n\nRead the code.\n"
# each deny-list target: what denies every MCP tool there
DENIES = {"claude": "mcp__*__*", "claude-command": "mcp__*__*", "opencode": '"*_*": deny'}


@pytest.mark.parametrize("target", sorted(DENIES))
def test_readonly_written_as_a_deny_list_denies_every_mcp_tool(target):
    out = agentconv.convert_text(READONLY, target, path=PATH)
    header = out.text.split("\n---\n")[0]
    assert DENIES[target] in header, out.text
    if target.startswith("claude"):
        assert "ListMcpResourcesTool" in header and "ReadMcpResourceTool" in header
    # the MCP tools are denied, not lost: nothing says a deny list allows them
    assert not [i for i in out.report if "MCP" in i.message and i.code.value == "tool-narrowed"], out.report


@pytest.mark.parametrize("target", ["gemini", "copilot", "kiro"])
def test_readonly_written_as_an_allowlist_grants_no_mcp_tool_and_claims_no_mcp_narrowing(target):
    out = agentconv.convert_text(READONLY, target, path=PATH)
    assert "mcp" not in out.text.split("\n---\n")[0].lower() or target == "kiro" and "mcp" not in out.text.lower()
    assert not [i for i in out.report if "every MCP server it does not name" in i.message], out.report


def test_readonly_stays_byte_for_byte_in_cursor_and_comes_back_from_claude():
    assert agentconv.convert_text(READONLY, "cursor", path=PATH).text == READONLY
    claude = agentconv.convert_text(READONLY, "claude", path=PATH).text
    back = agentconv.convert_text(claude, "cursor", path=".claude/agents/reader.md")
    header = [line for line in back.text.split("\n---\n")[0].splitlines() if not line.startswith("# agentconv-carry")]
    assert "readonly: true" in header and not [line for line in header if "mcp" in line.lower()], back.text


def test_opencode_every_server_wildcard_reads_back_as_every_mcp_tool():
    # written for a deny of every MCP tool, `"*_*": deny` was read as a key no table knows: refused back into Claude
    src = "---\nname: rev\ndescription: Reviews.\ndisallowedTools: Write, mcp__*\n---\nReview.\n"
    oc = agentconv.convert_text(src, "opencode", path=".claude/agents/rev.md").text
    assert '"*_*": deny' in oc
    back = agentconv.convert_text(oc, "claude", path=".opencode/agent/rev.md").text
    assert "mcp__*__*" in back and "Write" in back


def test_readonly_comes_back_from_opencode_and_its_mcp_deny_is_no_deny_of_opencode_defaults():
    oc = agentconv.convert_text(READONLY, "opencode", path=PATH).text
    back = agentconv.convert_text(oc, "cursor", path=".opencode/agent/reader.md")
    assert "readonly: true" in back.text, back.text
    # `"*_*": deny` denies every MCP tool; plan_exit and plan_enter OpenCode denies anyway; apply_patch asks `edit`
    src = "---\ndescription: Reviews.\nmode: subagent\npermission:\n  \"*_*\": deny\n---\nReview.\n"
    claude = agentconv.convert_text(src, "claude", path=".opencode/agent/rev.md").text
    assert "disallowedTools: mcp__*__*\n" in claude, claude
