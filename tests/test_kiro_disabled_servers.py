"""A Kiro agent's own `mcpServers` entry with `"disabled": true` is never started (aws/amazon-q-developer-cli
15cc8f3c, chat/tool_manager.rs `ToolManagerBuilder::build` starts only the servers not disabled), so its tools are not
the agent's. They were read as granted: a `["*"]` agent was written for Claude Code and OpenCode with every server's
tools, and an agent listing `@db` got `mcp__db__*`. Now each disabled server is denied (taken out of a list), said, and
the file comes back into Kiro as it came. Synthetic fixtures only."""
from __future__ import annotations

import json

import agentconv

PATH = ".kiro/agents/tester.json"
SERVERS = {"db": {"command": "db-mcp", "disabled": True}, "gh": {"command": "gh-mcp", "disabled": False},
           "web": {"command": "web-mcp", "disabled": "yes"}}  # not a bool: Kiro refuses the config, nothing denied


def agent(tools: list[str], servers: dict = SERVERS) -> str:
    return json.dumps({"name": "tester", "description": "Runs the tests.", "prompt": "Run the tests.",
                       "tools": tools, "mcpServers": servers}, indent=2) + "\n"


def _header(text: str) -> str:
    return text.split("\n---\n")[0]


def test_an_agent_of_every_tool_does_not_gain_a_disabled_servers_tools():
    text = agent(["*"])
    claude = agentconv.convert_text(text, "claude", from_="kiro", path=PATH)
    assert "disallowedTools: mcp__db__*" in _header(claude.text) and "tools:" not in _header(claude.text)
    said = [i.message for i in claude.report.items if i.code.value == "value-read-as"]
    assert said[0] == "mcpServers.db.disabled read as those servers' tools denied, as Kiro CLI and Amazon Q Developer CLI " \
                      "start no disabled server"
    assert said[1].startswith("write, glob, grep, shell, web_fetch, web_search, subagent, every MCP server's tools (not in "
                              "allowedTools) read as asking before each call") and len(said) == 2
    opencode = agentconv.convert_text(text, "opencode", from_="kiro", path=PATH)
    assert "db_*: deny" in _header(opencode.text) and "gh_" not in _header(opencode.text)
    assert "web_" not in _header(opencode.text) and "mcp__web" not in _header(claude.text)
    assert agentconv.convert_text(text, "kiro", from_="kiro", path=PATH).text == text


def test_a_listed_disabled_server_is_taken_out_of_the_list():
    text = agent(["read", "@db", "@gh", "@db/query"])
    claude = _header(agentconv.convert_text(text, "claude", from_="kiro", path=PATH).text)
    assert "tools: Read, mcp__gh__*\n" in claude + "\n"
    opencode = _header(agentconv.convert_text(text, "opencode", from_="kiro", path=PATH).text)
    assert "db_" not in opencode.replace("db_*: deny", "") and "gh_*: ask" in opencode  # no allowedTools: it asks
    assert agentconv.convert_text(text, "kiro", from_="kiro", path=PATH).text == text

