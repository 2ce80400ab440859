"""An MCP server whose name holds '_' (every Claude Code plugin's server: `plugin:<plugin>:<server>`, its tools
`mcp__plugin_<plugin>_<server>__<tool>`; claude-code 2.1.330, the bundle: `plugin:${name}:${key}`, then
`mcp__${normalize(server)}__${tool}`) names one tool in OpenCode and Gemini CLI by the joined name, whatever way it
splits: OpenCode matches a permission key without `*` as that exact tool name (`<server>_<tool>`,
packages/opencode/src/mcp/ index.ts, util/wildcard.ts) and Gemini CLI registers a subagent's named tool with
`parentToolRegistry.getTool(name)`, the full name (@google/gemini-cli 0.61.0 bundle, registerToolByName;
parseMcpToolName splits only a `*` tool). Read back split at the first '_' (server `plugin`), the name was taken for
another server's tool and the agent refused as a widening: 12 agents of 3 plugin repositories (shadow corpora
unseen27, unseen33), into each. Said as joined (mcp-joined), as a tool name holding '_' was. A server wildcard stays
as it was (a prefix of other names there). Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError

PLUGIN = "plugins/shop/agents/clerk.md"
TOOL = "mcp__plugin_shop_ledger__post_entry"
SRC = f"---\nname: clerk\ndescription: Posts entries.\ntools: Read, {TOOL}\n---\n\nPost them.\n"
WRITTEN = {"opencode": "plugin_shop_ledger_post_entry", "gemini": "mcp_plugin_shop_ledger_post_entry"}


@pytest.mark.parametrize("target", sorted(WRITTEN))
def test_a_plugin_servers_tool_is_written_by_its_joined_name_not_refused(target):
    out = agentconv.convert_text(SRC, target, from_="claude", path=PLUGIN)
    header = out.text.split("\n---\n")[0]
    assert WRITTEN[target] in header, out.text
    assert [i for i in out.report if i.code.value == "tool-coerced" and "joined" in i.message], out.report
    assert not [i for i in out.report if i.code.value == "tool-broadened"], out.report


def test_two_tools_of_a_server_with_underscores_grant_only_those_two_in_opencode():
    src = SRC.replace(TOOL, f"{TOOL}, mcp__my_db__run_query")
    out = agentconv.convert_text(src, "opencode", from_="claude", path=PLUGIN)
    perm = [line.strip() for line in out.text.split("\n---\n")[0].splitlines() if line.startswith("  ")]
    assert "plugin_shop_ledger_post_entry: allow" in perm and "my_db_run_query: allow" in perm, out.text
    assert '"*": deny' in perm and not [p for p in perm if "*" in p.split(":")[0].strip('"') and p != '"*": deny']


def test_a_server_wildcard_with_an_underscore_is_still_refused_in_opencode():
    src = SRC.replace(TOOL, "mcp__MCP_DOCKER__*")
    with pytest.raises(BroadenError):
        agentconv.convert_text(src, "opencode", from_="claude", path=".claude/agents/clerk.md")
