"""MCP server variables between a Claude Code plugin and a Gemini CLI extension (packages/gemini.py): Claude Code
expands `${NAME}` and `${NAME:-default}` only; Gemini CLI also `$NAME` and any `${...}` name, with no escape. What
maps is written as it is, what the other client expands differently is said (`variable-changed`)."""
from __future__ import annotations

import json

from agentconv import packages


def _said(report) -> list[str]:
    return sorted(i.message for i in report if i.code.value == "variable-changed")


def test_a_claude_plugins_bare_variable_is_said_where_gemini_would_expand_it(tmp_path):
    src = tmp_path / "plug"
    (src / ".claude-plugin").mkdir(parents=True)
    (src / ".claude-plugin" / "plugin.json").write_text('{"name": "p", "version": "1.0.0"}')
    servers = {"s": {"command": "${CLAUDE_PLUGIN_ROOT}/srv", "args": ["--token", "$TOKEN", "${API_KEY}"],
                     "env": {"BASE": "${BASE_URL:-https://x.example}", "K": "${user_config.api_key}"}}}
    (src / ".mcp.json").write_text(json.dumps({"mcpServers": servers}))
    pkg = packages.read_package(src)
    files, _failed = packages.write_package(pkg, "gemini-extension")
    # what both expand alike is written as it is; the plugin root is the extension's path
    assert json.loads(files["gemini-extension.json"].data)["mcpServers"]["s"] == {
        "command": "${extensionPath}/srv", "args": ["--token", "$TOKEN", "${API_KEY}"],
        "env": {"BASE": "${BASE_URL:-https://x.example}", "K": "${user_config.api_key}"}}
    said = _said(pkg.report)
    assert len(said) == 2 and said[0].startswith("MCP server 's': $TOKEN is text Claude Code passes as written; "
                                                 "Gemini CLI replaces it"), said
    assert said[1].startswith("MCP server 's': ${user_config.api_key} is the plugin's user setting"), said


def test_a_gemini_variable_claude_code_leaves_as_text_is_said(tmp_path):
    src = tmp_path / "ext"
    src.mkdir()
    servers = {"s": {"command": "srv", "args": ["${MY-KEY}", "${OK}", "${D:-x}", "${extensionPath}${/}bin"]}}
    (src / "gemini-extension.json").write_text(json.dumps({"name": "e", "version": "1", "mcpServers": servers}))
    pkg = packages.read_package(src)
    assert pkg.mcp["s"]["args"] == ["${MY-KEY}", "${OK}", "${D:-x}", "${CLAUDE_PLUGIN_ROOT}/bin"]
    said = {p["variables"] for code, _path, p in pkg.elsewhere if code.value == "variable-changed"}
    assert said == {"${MY-KEY}"}


def test_a_setting_gemini_gives_a_server_the_plugin_did_not_is_said(tmp_path):
    """Gemini CLI puts every setting of an extension in each command server's environment (mcp-client.ts
    getExtensionEnvironment); in Claude Code a server gets a userConfig value only where it names it. A secret the
    plugin gave one server reaches the other one in Gemini CLI: said per server, never for a server that names it
    or a remote one."""
    src = tmp_path / "plug"
    (src / ".claude-plugin").mkdir(parents=True)
    (src / ".claude-plugin" / "plugin.json").write_text(json.dumps({
        "name": "p", "version": "1.0.0",
        "userConfig": {"API_KEY": {"type": "string", "title": "API key", "description": "the key", "sensitive": True}}}))
    servers = {"keyed": {"command": "srv", "env": {"API_KEY": "${user_config.API_KEY}"}},
               "other": {"command": "tool", "args": ["--x"]},
               "remote": {"type": "http", "url": "https://x.example/mcp"}}
    (src / ".mcp.json").write_text(json.dumps({"mcpServers": servers}))
    pkg = packages.read_package(src)
    files, _failed = packages.write_package(pkg, "gemini-extension")
    manifest = json.loads(files["gemini-extension.json"].data)
    assert manifest["mcpServers"]["keyed"]["env"] == {"API_KEY": "${API_KEY}"}
    assert [s["envVar"] for s in manifest["settings"]] == ["API_KEY"]
    assert _said(pkg.report) == [
        "MCP server 'other': API_KEY reaches it in Gemini CLI as an environment variable, which gives each of an "
        "extension's command servers every setting; in Claude Code only the servers that name ${user_config.KEY} get "
        "the value"]
