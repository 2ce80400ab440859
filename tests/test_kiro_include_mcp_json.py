"""A Kiro agent's `"includeMcpJson": false` (Amazon Q's `"useLegacyMcpJson": false`): the MCP files' servers are not
loaded for it (kiro.dev/docs/cli/custom-agents/configuration-reference, includeMcpJson; aws/amazon-q-developer-cli
agent/mod.rs `Agent::thaw`), so only its own `mcpServers` give it MCP tools. Synthetic agents only."""
from __future__ import annotations

import json

import agentconv

PATH = ".kiro/agents/a.json"


def agent(tools: list[str], include: bool | None, key: str = "includeMcpJson") -> str:
    data = {"name": "a", "description": "d", "prompt": "P", "mcpServers": {"git": {"command": "git-mcp"}},
            "tools": tools, "allowedTools": tools}
    if include is not None:
        data[key] = include
    return json.dumps(data, indent=2) + "\n"


def granted(src: str, path: str = PATH) -> list[tuple[str | None, str]]:
    doc, _ = agentconv.read_text(src, None, path=path)
    return [(g.canonical, g.decision) for g in doc.records[0].tools.grants]


def test_a_workspace_server_grants_nothing_to_an_agent_that_excludes_the_mcp_files():
    src = agent(["read", "@github", "@github/get_issue", "@git", "@git/status"], False)
    assert granted(src) == [("read", "allow"), ("mcp:git/*", "allow"), ("mcp:git/status", "allow")]
    out = agentconv.convert_text(src, "opencode", from_="kiro", path=PATH)
    assert "github" not in out.text and "git_*: allow" in out.text
    said = [i.message for i in out.report if i.code.value == "value-read-as" and "includeMcpJson" in i.message]
    assert len(said) == 1 and "only those its own mcpServers configures" in said[0]
    assert agentconv.convert_text(src, "kiro", from_="kiro", path=PATH).text == src  # back as it came
    # included, or not said: as before
    assert ("mcp:github/*", "allow") in granted(agent(["read", "@github"], True))
    assert ("mcp:github/*", "allow") in granted(agent(["read", "@github"], None))


def test_every_tool_of_an_agent_that_excludes_the_mcp_files_is_its_own_servers_and_the_built_in_tools():
    """`*` was read as every tool, written OpenCode with no permission map (every server's tools) and Claude with no
    tools key (every MCP tool of the session)."""
    src = agent(["*"], False)
    found = [c for c, _ in granted(src)]
    assert "mcp:git/*" in found and "read" in found
    assert not any(c and c.startswith("mcp:") and c != "mcp:git/*" for c in found)
    out = agentconv.convert_text(src, "claude", from_="kiro", path=PATH)
    assert "mcp__git__*" in out.text and "\ntools: " in out.text
    assert agentconv.convert_text(src, "kiro", from_="kiro", path=PATH).text == src


def test_an_amazon_q_agent_that_excludes_the_legacy_mcp_file_has_its_own_servers_only():
    src = agent(["fs_read", "@github", "@git"], False, key="useLegacyMcpJson")
    found = granted(src, ".amazonq/cli-agents/a.json")
    assert ("mcp:git/*", "allow") in found and not any(c == "mcp:github/*" for c, _ in found)
