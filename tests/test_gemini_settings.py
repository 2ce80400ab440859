"""A Gemini CLI extension's `settings` and a Claude Code plugin's `userConfig` (packages/gemini.py): values the user
is asked for, put in for a variable of the MCP servers. Each setting is a text field named by its envVar; what a
setting cannot hold of a field (a type, a default) is said."""
from __future__ import annotations

import json

from agentconv import packages

SETTINGS = [{"name": "API key", "description": "Your key", "envVar": "API_KEY", "sensitive": True},
            {"name": "Region", "description": "Where", "envVar": "REGION"}]


def test_gemini_settings_become_userconfig_and_their_variables_user_config(tmp_path):
    src = tmp_path / "ext"
    src.mkdir()
    (src / "gemini-extension.json").write_text(json.dumps({
        "name": "e", "version": "1", "settings": SETTINGS,
        "mcpServers": {"s": {"command": "srv", "env": {"KEY": "$API_KEY", "R": "${REGION}", "H": "${HOME}"}}}}))
    pkg = packages.read_package(src)
    files, _failed = packages.write_package(pkg, "claude-plugin")
    manifest = json.loads(files[".claude-plugin/plugin.json"].data)
    assert manifest["userConfig"] == {
        "API_KEY": {"type": "string", "title": "API key", "description": "Your key", "sensitive": True},
        "REGION": {"type": "string", "title": "Region", "description": "Where"}}
    # each setting in a command server's environment too, as Gemini CLI gives it (getExtensionEnvironment)
    assert json.loads(files[".mcp.json"].data)["mcpServers"]["s"]["env"] == {
        "API_KEY": "${user_config.API_KEY}", "REGION": "${user_config.REGION}",
        "KEY": "${user_config.API_KEY}", "R": "${user_config.REGION}", "H": "${HOME}"}
    said = {(i.code.value, i.path) for i in pkg.report}
    assert ("component-reshaped", "settings") in said and ("component-dropped", "settings") not in said
    # a setting that does not map (a key of no such meaning): not written, said, its variable left as it is
    (src / "gemini-extension.json").write_text(json.dumps({
        "name": "e", "version": "1", "settings": [dict(SETTINGS[1], extra=1)],
        "mcpServers": {"s": {"command": "srv", "env": {"R": "${REGION}"}}}}))
    pkg = packages.read_package(src)
    files, _failed = packages.write_package(pkg, "claude-plugin")
    assert "userConfig" not in json.loads(files[".claude-plugin/plugin.json"].data)
    assert json.loads(files[".mcp.json"].data)["mcpServers"]["s"]["env"] == {"R": "${REGION}"}
    assert ("component-dropped", "settings") in {(i.code.value, i.path) for i in pkg.report}


def test_claude_userconfig_becomes_gemini_settings(tmp_path):
    src = tmp_path / "plug"
    (src / ".claude-plugin").mkdir(parents=True)
    (src / ".claude-plugin" / "plugin.json").write_text(json.dumps({"name": "p", "version": "1.0.0", "userConfig": {
        "API_KEY": {"type": "string", "title": "API key", "description": "Your key", "sensitive": True},
        "PORT": {"type": "number", "title": "Port", "description": "Which port", "default": 8080}}}))
    (src / ".mcp.json").write_text(json.dumps({"mcpServers": {"s": {
        "command": "srv", "env": {"KEY": "${user_config.API_KEY}", "P": "${user_config.PORT}"}}}}))
    pkg = packages.read_package(src)
    files, _failed = packages.write_package(pkg, "gemini-extension")
    manifest = json.loads(files["gemini-extension.json"].data)
    assert manifest["settings"] == [
        {"name": "API key", "description": "Your key", "envVar": "API_KEY", "sensitive": True},
        {"name": "Port", "description": "Which port", "envVar": "PORT"}]
    assert manifest["mcpServers"]["s"]["env"] == {"KEY": "${API_KEY}", "P": "${PORT}"}
    said = {(i.code.value, i.path): i.message for i in pkg.report}
    assert ("component-reshaped", "userConfig") in said
    assert said[("component-dropped", "userConfig.PORT")].startswith("userConfig 'PORT''s type 'number', default")
    assert ("component-dropped", "userConfig") not in said and ("variable-changed", "mcpServers.s") not in said
