"""A Kiro agent's MCP servers and tools switched off outside its `disabled` flag: a server's `disabledTools` (Kiro CLI
omits those tools, kiro.dev/docs/cli/mcp/configuration, page of 2026-04-13) in the agent's own `mcpServers`, and the
servers and tools the workspace's `.kiro/settings/mcp.json` switches off (`disabled`, `disabledTools`), which no agent
of that workspace gets unless its own `mcpServers` names the server (the agent's entry wins whole; an Amazon Q agent's
`.amazonq/mcp.json`, aws/amazon-q-developer-cli 15cc8f3c agent/mod.rs `thaw`, `load_legacy_mcp_config`). They were not
read: an agent of every tool, or one listing `@server`, was written elsewhere with those tools. Synthetic fixtures."""
from __future__ import annotations

import json

import agentconv
from agentconv import api


def agent(name: str, tools: list[str], servers: dict | None = None) -> str:
    data = {"name": name, "description": "Runs the tests.", "prompt": "Run the tests.", "tools": tools}
    if servers is not None:
        data["mcpServers"] = servers
    return json.dumps(data, indent=2) + "\n"


def _header(text: str) -> str:
    return text.split("\n---\n")[0]


def _said(result) -> list[str]:
    """What was said of the MCP settings (Kiro's `tools: ["*"]` also says its asks: not these tests' subject)."""
    return [i.message for i in result.report.items if i.code.value == "value-read-as" and "mcpServers" in i.message]


def _workspace(root, folder: str, agents: dict[str, str]):
    base = root / folder
    base.mkdir(parents=True)
    for name, text in agents.items():
        (base / f"{name}.json").write_text(text)
    return base


MCP = {"mcpServers": {"db": {"command": "db-mcp", "disabled": True},
                      "gh": {"command": "gh-mcp", "disabledTools": ["delete_repo", "delete_repo"]},
                      "own": {"command": "own-mcp", "disabled": True},
                      "web": {"command": "web-mcp", "disabled": False, "autoApprove": ["fetch"]}}}


def test_a_workspace_mcp_json_switches_servers_and_tools_off_beneath_a_kiro_agents_tools(tmp_path):
    (tmp_path / ".kiro" / "settings").mkdir(parents=True)
    (tmp_path / ".kiro" / "settings" / "mcp.json").write_text(json.dumps(MCP))
    files = {"every": agent("every", ["*"], {"own": {"command": "mine"}}),  # its own `own` wins: not denied
             "listed": agent("listed", ["read", "@db", "@gh", "@web"])}
    agents = _workspace(tmp_path, ".kiro/agents", files)
    every = api.convert(agents / "every.json", "claude")
    deny, *carried = _header(every.text).split("\n")[3:]  # Kiro's tools: ["*"] asks: the asks ride in the carry
    assert deny == "disallowedTools: mcp__db__*, mcp__gh__delete_repo"
    assert len(carried) == 1 and carried[0].startswith("# agentconv-carry: ") and '"decision":"ask"' in carried[0]
    assert _said(every) == [
        "mcpServers.db.disabled, mcpServers.gh.disabledTools of " + str(tmp_path / ".kiro/settings/mcp.json") +
        " read as those servers' tools and those tools denied, as Kiro CLI starts no server that file disables and "
        "omits the tools it disables, and the agent's own mcpServers do not name them (an agent has that file's "
        "servers only as it configures them)"]
    listed = _header(api.convert(agents / "listed.json", "opencode").text)
    assert "  read: allow\n  gh_*: ask\n  web_*: ask\n  gh_delete_repo: deny\n" in listed and "db_" not in listed
    claude = _header(api.convert(agents / "listed.json", "claude").text)
    assert "tools: Read, mcp__gh__*, mcp__web__*\n" in claude and "mcp__gh__delete_repo" in claude
    for name, text in files.items():  # Kiro gets each file back as it came
        assert api.convert(agents / f"{name}.json", "kiro").text == text


def test_a_kiro_agents_own_disabled_tools_are_denied():
    text = agent("tester", ["*"], {"gh": {"command": "gh-mcp", "disabledTools": ["delete_repo", 3]},
                                   "db": {"command": "db-mcp", "disabled": True, "disabledTools": ["drop"]}})
    claude = agentconv.convert_text(text, "claude", from_="kiro", path=".kiro/agents/tester.json")
    assert "disallowedTools: mcp__db__*, mcp__gh__delete_repo\n" in _header(claude.text) + "\n"
    assert _said(claude) == ["mcpServers.db.disabled, mcpServers.gh.disabledTools read as those servers' tools and "
                             "those tools denied, as Kiro CLI and Amazon Q Developer CLI start no disabled server and "
                             "Kiro CLI omits the tools a server's disabledTools names"]
    assert agentconv.convert_text(text, "kiro", from_="kiro", path=".kiro/agents/tester.json").text == text
    # Amazon Q Developer CLI has no disabledTools (CustomToolConfig): nothing taken there
    q = agentconv.convert_text(text, "claude", from_="kiro", path=".amazonq/cli-agents/tester.json")
    assert "disallowedTools: mcp__db__*\n" in _header(q.text) + "\n"


def test_an_amazon_q_agents_workspace_mcp_json_disables_servers_not_tools(tmp_path):
    (tmp_path / ".amazonq").mkdir()
    (tmp_path / ".amazonq" / "mcp.json").write_text(json.dumps(MCP))
    agents = _workspace(tmp_path, ".amazonq/cli-agents", {"q": agent("q", ["*"])})
    q = api.convert(agents / "q.json", "claude")
    deny, *carried = _header(q.text).split("\n")[3:]  # Kiro's tools: ["*"] asks: the asks ride in the carry
    assert deny == "disallowedTools: mcp__db__*, mcp__own__*"
    assert len(carried) == 1 and carried[0].startswith("# agentconv-carry: ") and '"decision":"ask"' in carried[0]
    assert _said(q)[0].endswith("read as those servers' tools denied, as Amazon Q Developer CLI starts no server "
                                "that file disables and omits the tools it disables, and the agent's own mcpServers "
                                "do not name them (an agent has that file's servers only as it configures them)")
