"""Claude Code's settings lists of MCP servers beneath a subagent's tools, as @anthropic-ai/claude-code 2.1.330 applies
them (the bundle, read 2026-11-29): `allowedMcpServers` (every file's entries merged; `fA`/`F_o`: a stdio server is
matched by command line where the list holds any `serverCommand` entry, a remote one by URL where it holds any
`serverUrl` entry, any other by `serverName`) connects no other server; `deniedMcpServers`' command and URL entries
block the servers they match (`D_o`). Synthetic projects only."""
from __future__ import annotations

import json

from agentconv import api

MCP = {"mcpServers": {"local": {"command": "node", "args": ["srv.js"]},
                      "remote": {"type": "http", "url": "https://mcp.example.com/mcp"},
                      "other": {"command": "other-mcp"}}}
AGENTS = {"all": "---\nname: all\ndescription: Every tool\n---\nWork.\n",
          "listed": "---\nname: listed\ndescription: Some servers\ntools: Read, mcp__github__get_issue, mcp__local__run, "
                    "mcp__remote__q, mcp__other\n---\nUse.\n"}


def project(root, settings: dict) -> dict:
    (root / ".git").mkdir(parents=True)
    (root / ".mcp.json").write_text(json.dumps(MCP))
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    (root / ".claude" / "settings.json").write_text(json.dumps(settings))
    for name, text in AGENTS.items():
        (agents / f"{name}.md").write_text(text)
    return {n: api.convert(agents / f"{n}.md", "opencode") for n in AGENTS}


def head(out) -> str:
    return out.text.split("\n---\n")[0]


def test_a_claude_agent_gets_only_the_mcp_servers_its_settings_allow(tmp_path):
    """allowedMcpServers was named in the report and not read: an agent of every tool was written for OpenCode with
    every server's tools, and a listed server the list keeps out stayed granted."""
    out = project(tmp_path, {"allowedMcpServers": [{"serverName": "github"}, {"serverName": "remote"},
                                                   {"serverCommand": ["node", "srv.js"]}]})
    listed = head(out["listed"])
    assert "local_run: allow" in listed and "remote_q: allow" in listed
    assert "other" not in listed  # a stdio server the list's command entries do not match
    assert "github" not in listed  # named, but no .mcp.json says whether it is a stdio server (matched by command)
    every = head(out["all"])
    assert '"*": deny' in every and "read: allow" in every and "local_*: allow" in every and "remote_*: allow" in every
    assert "github" not in every
    said = [i.message for i in out["all"].report.items if i.code.value == "value-read-as"]
    assert len(said) == 1 and said[0].startswith("allowedMcpServers of ") and "connects no server" in said[0]
    for name, text in AGENTS.items():
        assert api.convert(tmp_path / ".claude" / "agents" / f"{name}.md", "claude").text == text


def test_an_allow_list_by_name_admits_a_server_no_mcp_json_configures_and_an_invalid_one_admits_none(tmp_path):
    out = project(tmp_path, {"allowedMcpServers": [{"serverName": "github"}, {"serverName": "other"}]})
    listed = head(out["listed"])
    assert "github_get_issue: allow" in listed and "other_*: allow" in listed
    assert "local" not in listed and "remote" not in listed
    out = project(tmp_path / "bad", {"allowedMcpServers": [{"serverName": "local", "serverUrl": "https://x/*"}]})
    assert "mcp" not in head(out["listed"]) and "local" not in head(out["listed"]) and "read: allow" in head(out["listed"])


def test_a_claude_agent_does_not_gain_the_mcp_servers_its_settings_deny_by_command_or_url(tmp_path):
    """A deniedMcpServers entry by command or URL was not read: the server it blocks stayed granted."""
    out = project(tmp_path, {"deniedMcpServers": [{"serverCommand": ["other-mcp"]},
                                                  {"serverUrl": "https://*.example.com/*"}]})
    listed = head(out["listed"])
    assert "github_get_issue: allow" in listed and "local_run: allow" in listed
    assert "remote" not in listed and "other" not in listed
    every = head(out["all"])
    assert "other_*: deny" in every and "remote_*: deny" in every and "local" not in every
    assert not [i for i in out["all"].report.items if i.code.value == "field-dropped"]
