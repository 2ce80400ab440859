"""A Gemini CLI extension as a package (agentconv/packages/gemini.py): read as Gemini CLI's loader reads it
(google-gemini/gemini-cli extension-manager.ts), written back byte for byte, written as a Claude Code plugin (golden
tree and report: what Claude Code cannot hold is said, an access limit is never widened), and a Claude Code plugin
through a Gemini CLI extension and back (golden trees)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from agentconv import packages
from apschema import outputs_valid  # noqa: F401 - an autouse fixture: every Agent Plugins package written is valid
from test_packages import CASES, agentconv, compare, golden_file, rows, tree

GEMINI = CASES / "gemini-ext"


def _bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".agentconv" not in p.relative_to(root).parts}


def test_a_gemini_extension_is_detected_and_read_as_its_loader_reads_it(tmp_path):
    src = tmp_path / "ext"
    shutil.copytree(GEMINI / "in", src)
    (src / "agents" / "_draft.md").write_text("---\nname: draft\ndescription: d\n---\nx\n")  # skipped by Gemini
    assert packages.detect(src) == "gemini-extension"
    pkg = packages.read_package(src)
    assert (pkg.name, pkg.meta) == ("demo-ext", {"version": "1.2.0", "description": "A demo extension"})
    assert sorted((m.kind, m.source) for m in pkg.members) == [
        ("agents", "agents/reviewer.md"), ("commands", "commands/git/commit.toml"), ("skills", "skills/greet/SKILL.md")]
    assert [m.doc.agent.name for m in pkg.members if m.kind == "commands"] == ["git:commit"]
    # servers in Claude Code's spelling; the one with a tool limit is not among them
    assert pkg.mcp == {"local": {"command": "node", "args": ["${CLAUDE_PLUGIN_ROOT}/server.js"]},
                       "remote": {"type": "http", "url": "https://example.com/mcp", "headers": {"X-Key": "${API_KEY}"}}}
    assert sorted(pkg.gemini) == ["contextFileName", "excludeTools", "settings"]
    assert pkg.gemini_hooks is not None and pkg.gemini_hooks[0] == "hooks/hooks.json"
    assert sorted(pkg.files) == ["GEMINI.md", "agents/_draft.md", "policies/p.toml", "server.js"]


def test_a_gemini_extension_to_itself_is_byte_for_byte_and_to_a_claude_plugin_says_what_it_loses(tmp_path, regen):
    src = tmp_path / "ext"
    shutil.copytree(GEMINI / "in", src)
    same = tmp_path / "same"
    r = agentconv("convert", str(src), "--to", "gemini-extension", "-o", str(same), "--json")
    assert r.returncode == 0, r.stderr
    assert _bytes(same) == _bytes(src)
    cp = tmp_path / "cp"
    r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(cp), "--json", "--allow-broaden")
    assert r.returncode == 0, r.stderr
    compare(GEMINI / "claude-plugin", tree(cp), regen)
    report = rows(json.loads(r.stdout), tmp_path, cp)
    golden_file(GEMINI / "report.claude-plugin.json", report, regen)
    # the access limits are never widened silently: the server with includeTools is not written, the dropped
    # excludeTools (accepted with --allow-broaden) is said as a widening
    assert "narrow" not in json.loads((cp / ".mcp.json").read_text())["mcpServers"]
    manifest = next(r for r in json.loads(report) if r["target"] == ".claude-plugin/plugin.json")
    said = {(i["code"], i["path"]) for i in manifest["losses"]}
    assert {("tool-broadened", "excludeTools"), ("component-dropped", "mcpServers.narrow"),
            ("component-kept", "GEMINI.md"), ("component-kept", "policies")} <= said
    # Gemini CLI's hooks are not put where Claude Code reads its own
    assert not (cp / "hooks" / "hooks.json").exists()
    hooks = next(r for r in json.loads(report) if r["source"] == "ext/hooks/hooks.json")
    assert hooks["status"] == "skipped" and hooks["losses"][0]["code"] == "component-dropped"


def test_a_claude_plugin_through_a_gemini_extension_and_back(tmp_path, regen):
    case = CASES / "review-kit"
    src = tmp_path / "review-kit"
    shutil.copytree(case / "in", src)
    ge = tmp_path / "gemini"
    r = agentconv("convert", str(src), "--to", "gemini-extension", "-o", str(ge), "--json")
    assert r.returncode == 0, r.stderr
    compare(case / "gemini-extension", tree(ge), regen)
    golden_file(case / "report.gemini-extension.json", rows(json.loads(r.stdout), tmp_path, ge), regen)
    manifest = json.loads((ge / "gemini-extension.json").read_text())
    assert manifest["name"] == "review-kit" and manifest["version"] == "1.2.0"
    assert "mcpServers" not in manifest  # its one server names ${CLAUDE_PLUGIN_DATA}: no Gemini CLI value
    assert not (ge / "hooks" / "hooks.json").exists()  # Claude Code's hook events are not Gemini CLI's
    back = tmp_path / "back"
    r = agentconv("convert", str(ge), "--to", "claude-plugin", "-o", str(back), "--json")
    assert r.returncode == 0, r.stderr
    compare(case / "gemini-back", tree(back), regen)
    golden_file(case / "report.gemini-back.json", rows(json.loads(r.stdout), tmp_path, back), regen)
    a, b = packages.read_package(src), packages.read_package(back)
    assert (a.name, a.meta) == (b.name, b.meta)  # author, license, keywords kept in the extension's manifest
    assert sorted(m.source for m in a.members) == sorted(m.source for m in b.members)
    for x, y in zip(sorted(a.members, key=lambda m: m.source), sorted(b.members, key=lambda m: m.source)):
        if x.kind == "skills":
            assert x.doc.agent.semantic() == y.doc.agent.semantic()
        else:
            assert (x.doc.agent.name, x.doc.agent.description, x.doc.agent.prompt.strip()) == (
                y.doc.agent.name, y.doc.agent.description, y.doc.agent.prompt.strip())


def test_a_claude_plugin_name_gemini_cli_refuses_is_made_valid_and_a_missing_version_made_up(tmp_path):
    src = tmp_path / "p"
    (src / ".claude-plugin").mkdir(parents=True)
    (src / ".claude-plugin" / "plugin.json").write_text('{"name": "my_tools.v2"}')
    (src / "agents").mkdir()
    (src / "agents" / "a.md").write_text("---\nname: a\ndescription: An agent\n---\nDo it.\n")
    out = tmp_path / "o"
    r = agentconv("convert", str(src), "--to", "gemini-extension", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "gemini-extension.json").read_text()) == {"name": "my-tools-v2", "version": "0.0.0"}
    codes = {i["code"] for f in json.loads(r.stdout)["files"] for i in f["losses"]}
    assert {"name-conflict", "value-made-up"} <= codes


def test_mcp_servers_between_gemini_and_claude_spelling(tmp_path):
    src = tmp_path / "ext"
    src.mkdir()
    servers = {
        "a": {"url": "https://a.example/mcp"},                       # no type: Gemini CLI uses streamable HTTP
        "b": {"url": "https://b.example/sse", "type": "sse", "timeout": 5000},
        "c": {"httpUrl": "https://c.example/mcp", "url": "https://ignored.example"},  # httpUrl wins
        "d": {"tcp": "localhost:9000"},                              # no Claude Code form
        "e": {"command": "srv", "excludeTools": ["delete"]},         # a tool limit: not written elsewhere
        "f": {"command": "srv", "args": ["${workspacePath}"]},       # no Claude Code value
        "g": {"command": "srv", "env": {"K": "$HOME/x"}, "description": "d"},
    }
    (src / "gemini-extension.json").write_text(json.dumps({"name": "m", "version": "1", "mcpServers": servers}))
    pkg = packages.read_package(src)
    assert pkg.mcp == {"a": {"type": "http", "url": "https://a.example/mcp"},
                       "b": {"type": "sse", "url": "https://b.example/sse", "timeout": 5000},
                       "c": {"type": "http", "url": "https://c.example/mcp"},
                       "g": {"command": "srv", "env": {"K": "${HOME}/x"}}}
    said = {(code.value, path) for code, path, _ in pkg.elsewhere}
    assert {("component-dropped", f"mcpServers.{n}") for n in "def"} <= said
    assert {("component-reshaped", "mcpServers.a"), ("component-reshaped", "mcpServers.g"),
            ("component-dropped", "mcpServers.g.description")} <= said
    files, _failed = packages.write_package(pkg, "gemini-extension")
    assert json.loads(files["gemini-extension.json"].data)["mcpServers"] == servers  # as written, to its own format
    # a Claude Code plugin's servers in Gemini CLI's spelling
    pkg.fmt, pkg.gemini_mcp = "claude-plugin", None
    pkg.mcp = {"h": {"type": "http", "url": "https://h.example"}, "w": {"type": "ws", "url": "wss://w.example"},
               "s": {"command": "${CLAUDE_PLUGIN_ROOT}/bin/s", "oauth": {}}}
    files, _failed = packages.write_package(pkg, "gemini-extension")
    assert json.loads(files["gemini-extension.json"].data)["mcpServers"] == {
        "h": {"url": "https://h.example", "type": "http"}, "s": {"command": "${extensionPath}/bin/s"}}
    assert {(i.code.value, i.path) for i in pkg.report} >= {("component-dropped", "mcpServers.w"),
                                                             ("component-dropped", "mcpServers.s.oauth")}


def test_the_manifest_alone_is_no_agent_file_and_says_how_the_extension_converts(tmp_path):
    (tmp_path / "gemini-extension.json").write_text('{"name": "x", "version": "1"}')
    r = agentconv("convert", str(tmp_path / "gemini-extension.json"), "--to", "claude")
    assert r.returncode != 0
    assert "a Gemini CLI extension manifest, not an agent file" in r.stderr and "gemini-extension format" in r.stderr


def test_records_named_otherwise_than_their_files_stay_where_they_are_in_their_own_format(tmp_path):
    src = tmp_path / "ext"
    shutil.copytree(GEMINI / "in", src)
    (src / "agents" / "principal.md").write_text("---\nname: principal-engineer\ndescription: Decides\n---\nDecide.\n")
    (src / "skills" / "hello").mkdir()
    (src / "skills" / "hello" / "SKILL.md").write_text("---\nname: say-hello\ndescription: Says hello\n---\nHi.\n")
    (src / "skills" / "hello" / "notes.md").write_text("notes\n")
    same = tmp_path / "same"
    r = agentconv("convert", str(src), "--to", "gemini-extension", "-o", str(same), "--json")
    assert r.returncode == 0, r.stderr
    assert _bytes(same) == _bytes(src)
    cp = tmp_path / "cp"  # another format: the dialect's own places (its excludeTools dropped: --allow-broaden)
    r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(cp), "--json", "--allow-broaden")
    assert r.returncode == 0, r.stderr
    assert (cp / "agents" / "principal-engineer.md").is_file() and not (cp / "agents" / "principal.md").exists()


def test_a_gemini_extension_to_agent_plugins_says_its_limits_and_where_its_servers_came_from(tmp_path):
    out = tmp_path / "ap"
    r = agentconv("convert", str(GEMINI / "in"), "--to", "agent-plugins", "--clients", "claude,copilot", "-o", str(out),
                  "--json", "--allow-broaden")
    assert r.returncode == 0, r.stderr
    items = [(Path(i["file"]).name if i.get("file") else None, i["code"], i["path"])
             for f in json.loads(r.stdout)["files"] for i in f["losses"]]
    assert ("gemini-extension.json", "tool-broadened", "excludeTools") in items
    assert ("gemini-extension.json", "component-changed", "mcpServers.remote") in items  # not "<stdin>"
    assert sorted(json.loads((out / "mcp.json").read_text())["mcpServers"]) == ["local", "remote"]


def test_an_extension_whose_excludetools_another_format_cannot_hold_is_refused_whole(tmp_path):
    """excludeTools takes tools from the whole session (config.ts getExcludeTools): no other format holds such a
    limit, so without --allow-broaden nothing of the package is written (exit 6, one line naming the limit)."""
    for to, more in (("claude-plugin", []), ("agent-plugins", ["--clients", "claude,copilot"])):
        out = tmp_path / to
        r = agentconv("convert", str(GEMINI / "in"), "--to", to, *more, "-o", str(out))
        assert r.returncode == 6, (to, r.stderr)
        assert not out.exists()
        lines = [ln for ln in r.stderr.splitlines() if ln.startswith("agentconv: error:")]
        assert len(lines) == 1 and "excludeTools (run_shell_command(rm -rf))" in lines[0], r.stderr
        assert lines[0].endswith("(use --allow-broaden to accept)"), lines[0]
    same = tmp_path / "same"  # its own format holds the limit: nothing refused
    assert agentconv("convert", str(GEMINI / "in"), "--to", "gemini-extension", "-o", str(same)).returncode == 0
