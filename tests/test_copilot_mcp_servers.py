"""A Copilot custom agent's own `mcp-servers` entry may enable only some of its server's tools (`tools: [a, b]`, the
JSON MCP configuration of Copilot cloud agent in YAML: github/docs custom-agents-configuration.md). `SRV/*` in
`tools` then grants those tools alone; written elsewhere as the server's every tool (`mcp__SRV__*`) it would grant
whatever else the user's own server of that name has. Read as the enabled tools (said: value-read-as); `["*"]`,
`target: vscode` ("Not used in VS Code") and a file converted to its own dialect keep what they said."""
import pytest

import agentconv

PATH = ".github/agents/docs.agent.md"


def agent(tools: str, servers: str, extra: str = "") -> str:
    return (f"---\nname: docs\ndescription: Library docs\n{tools}{extra}mcp-servers:\n  srv:\n    type: http\n"
            f"    url: https://example.invalid/mcp\n{servers}---\nLook it up.\n")


def claude_tools(text: str) -> str:
    out = agentconv.convert_text(text, "claude", from_="copilot", path=PATH)
    return next((l for l in out.text.splitlines() if l.startswith("tools:")), "tools: (every tool)")


def test_a_server_wildcard_is_read_as_the_tools_its_entry_enables():
    text = agent("tools: ['read', 'srv/*']\n", "    tools: ['get-docs', 'resolve-id']\n")
    assert claude_tools(text) == "tools: Read, mcp__srv__get-docs, mcp__srv__resolve-id"
    out = agentconv.convert_text(text, "opencode", from_="copilot", path=PATH)
    assert "srv_get-docs: allow" in out.text and "srv_*" not in out.text
    said = [i.message for i in out.report.items if i.code.value == "value-read-as"]
    assert "'srv/*' read as the tools its mcp-servers entry enables: get-docs, resolve-id" in said


def test_an_entry_that_enables_no_tool_grants_none_of_the_server():
    assert claude_tools(agent("tools: ['read', 'srv/*']\n", "    tools: []\n")) == "tools: Read"


@pytest.mark.parametrize("servers, extra", [
    ("    tools: ['*']\n", ""),                                   # every tool of the server
    ("", ""),                                                   # no limit said
    ("    tools: ['get-docs']\n", "target: vscode\n"),            # VS Code does not use mcp-servers
])
def test_the_wildcard_stays_where_nothing_limits_it(servers, extra):
    assert claude_tools(agent("tools: ['read', 'srv/*']\n", servers, extra)) == "tools: Read, mcp__srv__*"


def test_a_named_tool_and_its_own_dialect_stay_as_written():
    text = agent("tools: ['read', 'srv/other']\n", "    tools: ['get-docs']\n")
    assert claude_tools(text) == "tools: Read, mcp__srv__other"
    text = agent("tools: ['read', 'srv/*']\n", "    tools: ['get-docs']\n")
    assert agentconv.convert_text(text, "copilot", from_="copilot", path=PATH).text == text
