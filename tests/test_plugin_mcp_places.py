"""A Claude Code plugin's MCP servers and hooks where its manifest names them (Claude Code 2.1.330's plugin manifest
schema: ``mcpServers`` is a path, an object of servers, or a list of both, "in addition to those in the .mcp.json
file"; its hooks loader: the standard hooks/hooks.json "loads on its own", the manifest's ``hooks`` names more).
Written back as a Claude Code plugin, each file comes back as it was and the manifest keeps the key as written; a
name of no file in the plugin is never dropped without a word (shadow corpus: manifests naming ``./.mcp.json``,
``.mcp.json`` files in another JSON layout, a list of paths beside servers Agent Plugins cannot hold)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def agentconv(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *args], capture_output=True, text=True)


def plugin(root: Path, manifest: str, **files: str) -> Path:
    (root / ".claude-plugin").mkdir(parents=True)
    (root / ".claude-plugin" / "plugin.json").write_text(manifest)
    (root / "commands").mkdir()
    (root / "commands" / "hello.md").write_text("---\ndescription: Say hello\n---\nSay hello.\n")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".agentconv" not in p.relative_to(root).parts}


def losses(proc: subprocess.CompletedProcess) -> list[dict]:
    return [x for f in json.loads(proc.stdout)["files"] for x in f.get("losses", [])]


COMPACT = '{\n  "mcpServers": {\n    "docs": { "command": "npx", "args": ["-y", "docs-mcp"] }\n  }\n}\n'


@pytest.mark.parametrize("mcp", [COMPACT, '{\n  "mcpServers": {}\n}\n'], ids=["own-layout", "no-servers"])
def test_an_mcp_json_comes_back_byte_for_byte(tmp_path, mcp):
    src = plugin(tmp_path / "p", '{\n  "name": "p",\n  "version": "1.0.0"\n}\n', **{".mcp.json": mcp})
    r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "out"), "--json")
    assert r.returncode == 0, r.stderr
    assert files(tmp_path / "out") == files(src)  # was: written again in agentconv's own JSON layout, or not at all


def test_the_manifests_mcp_path_is_kept_with_its_file(tmp_path):
    manifest = '{\n  "name": "p",\n  "description": "d",\n  "mcpServers": "./config/servers.json",\n  "version": "1.0.0"\n}\n'
    src = plugin(tmp_path / "p", manifest, **{"config/servers.json": COMPACT})
    r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "out"), "--json")
    assert r.returncode == 0, r.stderr
    got = files(tmp_path / "out")
    assert got == files(src)  # was: the key dropped, the servers moved to a new .mcp.json
    assert ".mcp.json" not in got


def test_a_list_of_places_beside_a_server_field_agent_plugins_lacks_is_no_internal_error(tmp_path):
    manifest = json.dumps({"name": "p", "mcpServers": ["./extra.json", {"inline": {"command": "srv"}}]})
    servers = json.dumps({"mcpServers": {"docs": {"command": "npx", "alwaysLoad": True}}})
    src = plugin(tmp_path / "p", manifest, **{".mcp.json": servers, "extra.json": json.dumps({"more": {"command": "m"}})})
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "claude", "-o", str(tmp_path / "out"), "--json")
    assert r.returncode == 0, r.stderr  # was: exit 70, TypeError (a list where the Claude Code only fields go)
    mcp = json.loads((tmp_path / "out" / "mcp.json").read_text())["mcpServers"]
    assert sorted(mcp) == ["docs", "inline", "more"]  # every entry's servers, the list's own included
    kept = json.loads((tmp_path / "out" / "plugin.json").read_text())["extensions"]["com.anthropic.claude-code"]
    assert kept["mcpServers"] == {"docs": {"alwaysLoad": True}}
    back = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "back"), "--json")
    assert back.returncode == 0, back.stderr
    assert files(tmp_path / "back") == files(src)


def test_an_mcp_path_to_no_file_is_kept_as_written_or_reported(tmp_path):
    manifest = '{\n  "name": "p",\n  "mcpServers": "./.mcp.json",\n  "description": "d"\n}\n'
    src = plugin(tmp_path / "p", manifest)  # the manifest names a file the plugin does not hold
    same = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "same"), "--json")
    assert same.returncode == 0, same.stderr
    assert files(tmp_path / "same") == files(src)  # was: the key dropped without a word
    ap = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "claude", "-o", str(tmp_path / "ap"), "--json")
    assert ap.returncode == 0, ap.stderr
    dropped = [x for x in losses(ap) if x["code"] == "component-dropped" and x["path"] == "mcpServers"]
    assert len(dropped) == 1 and "'./.mcp.json'" in dropped[0]["message"] and dropped[0]["severity"] == "warning"


def test_a_hooks_path_to_no_file_is_kept_as_written(tmp_path):
    manifest = '{\n  "name": "p",\n  "hooks": "./hooks/extra.json",\n  "description": "d"\n}\n'
    src = plugin(tmp_path / "p", manifest, **{"hooks/hooks.json": '{"hooks": {}}\n'})
    same = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "same"), "--json")
    assert same.returncode == 0, same.stderr
    assert files(tmp_path / "same") == files(src)  # was: the key dropped without a word, the manifest rewritten
    ap = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "claude", "-o", str(tmp_path / "ap"), "--json")
    assert ap.returncode == 0, ap.stderr
    assert json.loads((tmp_path / "ap" / "plugin.json").read_text())["extensions"]["com.anthropic.claude-code"] == {
        "hooks": "./hooks/extra.json"}
    assert (tmp_path / "ap" / "com.anthropic.claude-code" / "hooks" / "hooks.json").read_text() == '{"hooks": {}}\n'
    assert {x["path"] for x in losses(ap) if x["code"] == "component-kept"} == {"hooks"}
