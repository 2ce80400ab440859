"""An MCP server's every tool written where a server's tools are named ``{server}_{tool}`` (OpenCode, Kilo agents:
anomalyco/opencode mcp/index.ts joins the sanitized server and tool names with ``_``; permission wildcards match any
text after the prefix) is a prefix another server's name may share: ``github_*`` also matches server
``github_enterprise``'s tools. Said with a warning (``tool-prefix``), never silent; where the separator cannot occur
in a server name (Claude Code ``mcp__github__*``, VS Code ``github/*``) nothing is said."""
import pytest

import agentconv

CLAUDE = "---\nname: gh\ndescription: GitHub helper\ntools: Read, {tools}\n---\nDo it.\n"
PATH = ".claude/agents/gh.md"


def prefix_items(text: str, to: str) -> list[str]:
    out = agentconv.convert_text(text, to, from_="claude", path=PATH)
    return [i.message for i in out.report.items if i.code.value == "tool-prefix"]


@pytest.mark.parametrize("to, written", [("opencode", "github_*"), ("kilo-agents", "github_*")])
def test_a_server_wildcard_written_as_a_prefix_is_said(to, written):
    said = prefix_items(CLAUDE.format(tools="mcp__github__*"), to)
    assert said == [f"tool 'mcp__github__*' written as '{written}', which also grants the tools of any MCP server whose "
                    "name begins with 'github_' (the target names a server's tools {server}_{tool})"]
    item = [i for i in agentconv.convert_text(CLAUDE.format(tools="mcp__github__*"), to, from_="claude",
                                              path=PATH).report.items if i.code.value == "tool-prefix"][0]
    assert item.severity.value == "warning"


@pytest.mark.parametrize("tools, to", [
    ("mcp__github__create_issue", "opencode"),  # one tool: an exact name
    ("mcp__github__*", "copilot"),               # github/*: a server name holds no '/'
    ("mcp__github__*", "gemini"),
    ("mcp__github__*", "claude"),
])
def test_nothing_is_said_where_the_name_is_exact(tools, to):
    assert prefix_items(CLAUDE.format(tools=tools), to) == []


def test_a_denied_prefix_and_an_opencode_file_written_back_say_nothing():
    """A deny that matches more denies more (narrower); a same-dialect write keeps what the file said."""
    deny = "---\nname: gh\ndescription: GitHub helper\ndisallowedTools: mcp__github__*\n---\nDo it.\n"
    assert prefix_items(deny, "opencode") == []
    own = "---\ndescription: GitHub helper\npermission:\n  \"*\": deny\n  github_*: allow\n---\nDo it.\n"
    out = agentconv.convert_text(own, "opencode", from_="opencode", path=".opencode/agent/gh.md")
    assert out.text == own and not [i for i in out.report.items if i.code.value == "tool-prefix"]
