"""Agent Plugins 1.0 as spec-1.0.0.md states it (``/work``'s reference copy: github.com/agentplugins/agent-plugins-spec
@ bd38355): what a producer must write and what a consumer must reject, report and ignore, or tolerate, each on a
small synthetic package. Every package written is validated (``apschema``: the JSON Schemas and the rules they
cannot state)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agentconv import packages
from agentconv.errors import ParseError
from agentconv.packages.mcp import server_problem
from apschema import outputs_valid, problems  # noqa: F401 - outputs_valid: an autouse fixture

PLUGIN = "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json"
MCP = "https://agent-plugins.org/schemas/1.0.0/mcp.schema.json"
SKILL = "---\nname: s\ndescription: A skill.\n---\nDo it.\n"


def agentconv(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *args], capture_output=True, text=True)


def make(root: Path, files: dict[str, object]) -> Path:
    for rel, content in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return root


def ap(root: Path, manifest: dict | None = None, **files: object) -> Path:
    return make(root, {"plugin.json": {"$schema": PLUGIN, "name": "p", **(manifest or {})}, **files})


def messages(report) -> list[str]:
    return [i.message for i in report]


# --- consumer: plugin.json (5 Manifest, 8.1 Manifest extension data) ----------------------------------------------

@pytest.mark.parametrize("manifest, rule", [
    ({"name": "p\n"}, "naming rule"),                     # 5.5: the whole name, never up to a trailing newline
    ({"name": "a" * 65}, "naming rule"),                  # 5.5: 1-64 characters
    ({"name": "x..y"}, "naming rule"),
    ({"version": 1}, "version must be a string"),         # 5.4: typed; 5.2: a schema violation is fatal
    ({"author": {"name": "a", "x": "y"}}, "author"),
    ({"keywords": ["a", 1]}, "keywords"),
    ({"extensions": {"com.example.c": "x"}}, "extensions['com.example.c'] must be an object"),  # 8.1
    ({"extensions": {"com.anthropic.claude-code": ["x"]}}, "must be an object"),   # was a crash (dict(list))
    ({"$schema": "https://agent-plugins.org/schemas/2.0.0/plugin.schema.json"}, "2.0.0"),  # 5.2: version named
])
def test_a_manifest_the_spec_rejects_is_rejected(tmp_path, manifest, rule):
    ap(tmp_path, manifest)
    with pytest.raises(ParseError, match=rule.replace("[", r"\[").replace("(", r"\(")):
        packages.read_package(tmp_path, "agent-plugins")


def test_metadata_is_checked_by_type_only(tmp_path):
    """5.4: never rejected for a version that is not semver, a URL or email that is not one, a license not SPDX."""
    meta = {"name": "a.b-c", "version": "next", "homepage": "docs", "repository": "here", "license": "mine",
            "author": {"email": "nobody"}, "keywords": []}
    pkg = packages.read_package(ap(tmp_path, meta), "agent-plugins")
    assert pkg.name == "a.b-c" and pkg.meta == {k: v for k, v in meta.items() if k != "name"}


def test_unknown_fields_and_a_non_object_extensions_are_reported_and_ignored(tmp_path):
    """5.2 and 8.1: reported, ignored, the plugin still loads."""
    ap(tmp_path, {"agents": "./x", "extensions": ["com.anthropic.claude-code"]}, **{"skills/s/SKILL.md": SKILL})
    pkg = packages.read_package(tmp_path, "agent-plugins")
    assert [m.source for m in pkg.members] == ["skills/s/SKILL.md"] and pkg.claude == {} and pkg.extensions == {}
    said = messages(pkg.report)
    assert any("'agents'" in m and "§5.2" in m for m in said) and any("'extensions'" in m and "§8.1" in m for m in said)


def test_other_namespaces_are_kept_as_written_and_reported_for_claude(tmp_path):
    """8.1: a namespace agentconv does not implement is never validated; an Agent Plugins target keeps it, a Claude
    Code plugin has no place for it (reported)."""
    ext = {"com.example.client": {"setting": True, "deep": {"x": [1]}}, "org.other": {}}
    src = ap(tmp_path / "src", {"extensions": {"com.anthropic.claude-code": {"displayName": "P"}, **ext}})
    pkg = packages.read_package(src, "agent-plugins")
    assert pkg.extensions == ext and pkg.claude == {"displayName": "P"}
    out, _ = packages.write_package(pkg, "agent-plugins", ["copilot"])
    assert json.loads(out["plugin.json"].data)["extensions"] == {"com.anthropic.claude-code": {"displayName": "P"}, **ext}
    out, _ = packages.write_package(packages.read_package(src, "agent-plugins"), "claude-plugin")
    assert json.loads(out[".claude-plugin/plugin.json"].data) == {"name": "p", "displayName": "P"}
    said = messages(out[".claude-plugin/plugin.json"].report)
    assert sum("no place in a Claude Code plugin" in m for m in said) == 2


# --- consumer: mcp.json (7.2.1, 7.2.2 Loading rules) --------------------------------------------------------------

@pytest.mark.parametrize("mcp", [
    "{not json",
    json.dumps({"$schema": MCP, "mcpServers": {}, "servers": {}}),          # closed: no other top-level field
    json.dumps({"$schema": MCP.replace("1.0.0", "1.1.0"), "mcpServers": {}}),  # 10.1: another version than plugin.json
    json.dumps({"$schema": MCP, "mcpServers": []}),
])
def test_an_invalid_mcp_json_disables_mcp_only(tmp_path, mcp):
    """7.2.2 (2): MCP disabled and reported, the other components load; the file stays, copied as it is (it was
    taken and never written: a file no row accounted for)."""
    ap(tmp_path, **{"skills/s/SKILL.md": SKILL, "mcp.json": mcp})
    pkg = packages.read_package(tmp_path, "agent-plugins")
    assert pkg.mcp == {} and [m.kind for m in pkg.members] == ["skills"]
    assert pkg.files["mcp.json"] == mcp.encode()
    assert any("MCP is disabled for this plugin (§7.2.2)" in m for m in messages(pkg.report))
    out, failed = packages.write_package(pkg, "claude-plugin")
    assert out["mcp.json"].data == mcp.encode() and ".mcp.json" not in out and failed == []


def test_mcp_json_that_is_not_a_file_disables_mcp(tmp_path):
    """6.2: a fixed location of the wrong kind makes that component type invalid; the others load."""
    ap(tmp_path, **{"skills/s/SKILL.md": SKILL, "mcp.json/x.txt": "x"})
    pkg = packages.read_package(tmp_path, "agent-plugins")
    assert pkg.mcp == {} and len(pkg.members) == 1 and "mcp.json/x.txt" in pkg.files
    assert any("not a regular file (§6.2)" in m for m in messages(pkg.report))


def test_skills_that_is_not_a_folder_is_reported_and_the_rest_loads(tmp_path):
    """6.2: the wrong kind at a fixed location disables that component type; the others load; the file is kept."""
    ap(tmp_path, skills="not a folder\n", **{"mcp.json": {"$schema": MCP, "mcpServers": {"x": {"type": "stdio", "command": "x"}}}})
    pkg = packages.read_package(tmp_path, "agent-plugins")
    assert pkg.members == [] and pkg.mcp == {"x": {"command": "x"}} and pkg.files["skills"] == b"not a folder\n"
    assert any("skills) not written: it is not a folder" in m for m in messages(pkg.report))


def test_only_immediate_skill_folders_are_skills(tmp_path):
    """7.1: never searched deeper than skills/NAME/SKILL.md; a deeper one is a file of the package."""
    ap(tmp_path, **{"skills/s/SKILL.md": SKILL, "skills/group/s2/SKILL.md": SKILL.replace("name: s", "name: s2"),
                    "skills/s/references/x.md": "x\n"})
    pkg = packages.read_package(tmp_path, "agent-plugins")
    assert [m.source for m in pkg.members] == ["skills/s/SKILL.md"]
    assert sorted(pkg.files) == ["skills/group/s2/SKILL.md", "skills/s/references/x.md"]


BAD_SERVERS = {
    "mixed": {"type": "stdio", "command": "x", "url": "https://h.example/"},   # a field of another variant
    "unknown": {"type": "stdio", "command": "x", "timeout": 5},                 # an unknown field
    "up": {"type": "stdio", "command": "./bin/../../x"},                       # 4.1: ./ path out of the root
    "spaced": {"type": "stdio", "command": "npx -y srv"},                      # one token
    "cwd-up": {"type": "stdio", "command": "x", "cwd": "${PLUGIN_DATA}/../y"},
    "cwd-bare": {"type": "stdio", "command": "x", "cwd": "data"},
    "reserved": {"type": "stdio", "command": "x", "env": {"PLUGIN_ROOT": "/"}},  # 9.2
    "userinfo": {"type": "streamable-http", "url": "https://u:p@h.example/mcp"},
    "fragment": {"type": "sse", "url": "https://h.example/mcp#x"},
    "plain-http": {"type": "streamable-http", "url": "http://h.example/mcp"},
    "relative": {"type": "streamable-http", "url": "/mcp"},
    "twice": {"type": "streamable-http", "url": "https://h.example/", "headers": {"X-A": "1", "x-a": "2"}},
    "type-list": {"type": ["stdio"], "command": "x"},                          # no variant (it crashed: unhashable)
    "type-map": {"type": {"stdio": True}, "command": "x"},
    "bad-header": {"type": "streamable-http", "url": "https://h.example/", "headers": {"X A": "1"}},
    "bad-value": {"type": "streamable-http", "url": "https://h.example/", "headers": {"X-A": "a\nb"}},
    "no-type": {"command": "x"},
}
GOOD_SERVERS = {
    "local": {"type": "stdio", "command": "./bin/srv", "args": ["${PLUGIN_ROOT}/c"], "cwd": "${PLUGIN_DATA}"},
    "bare": {"type": "stdio", "command": "srv", "cwd": "./data/.."},
    "loop": {"type": "streamable-http", "url": "http://localhost?x=1"},        # HTTP on a loopback host
    "loop6": {"type": "sse", "url": "http://[::1]:8080/sse"},
    "loop4": {"type": "streamable-http", "url": "http://127.0.0.2/mcp", "headers": {"X-Tenant": "t"}},
}


def test_invalid_server_entries_are_skipped_and_reported(tmp_path):
    """7.2.2 (3): an invalid entry is skipped and reported, the valid ones load (``./`` is the plugin root)."""
    assert {n: server_problem(s) for n, s in GOOD_SERVERS.items()} == dict.fromkeys(GOOD_SERVERS)
    assert all(server_problem(s) for s in BAD_SERVERS.values())
    ap(tmp_path, **{"mcp.json": {"$schema": MCP, "mcpServers": {**BAD_SERVERS, **GOOD_SERVERS}}})
    pkg = packages.read_package(tmp_path, "agent-plugins")
    assert sorted(pkg.mcp) == sorted(GOOD_SERVERS)
    assert pkg.mcp["local"] == {"command": "${CLAUDE_PLUGIN_ROOT}/bin/srv", "args": ["${CLAUDE_PLUGIN_ROOT}/c"]}
    skipped = [m for m in messages(pkg.report) if "not a valid Agent Plugins server entry" in m]
    assert len(skipped) == len(BAD_SERVERS)


# --- consumer: paths (4.1 General requirements) -------------------------------------------------------------------

def test_a_plugin_json_outside_the_package_is_rejected(tmp_path):
    outside = make(tmp_path / "elsewhere", {"plugin.json": {"$schema": PLUGIN, "name": "p"}})
    (tmp_path / "p").mkdir()
    os.symlink(outside / "plugin.json", tmp_path / "p" / "plugin.json")
    with pytest.raises(ParseError, match="outside the package"):
        packages.read_package(tmp_path / "p", "agent-plugins")


def test_an_mcp_json_outside_the_package_disables_mcp(tmp_path):
    outside = make(tmp_path / "elsewhere", {"mcp.json": {"$schema": MCP, "mcpServers": {"x": {"type": "stdio", "command": "x"}}}})
    ap(tmp_path / "p", **{"skills/s/SKILL.md": SKILL})
    os.symlink(outside / "mcp.json", tmp_path / "p" / "mcp.json")
    pkg = packages.read_package(tmp_path / "p", "agent-plugins")
    assert pkg.mcp == {} and len(pkg.members) == 1 and "mcp.json" not in pkg.files
    assert any("outside the package (§4.1)" in m for m in messages(pkg.report))


# --- producer --------------------------------------------------------------------------------------------------

def claude(root: Path, manifest: dict, **files: object) -> Path:
    return make(root, {".claude-plugin/plugin.json": manifest, **files})


def test_metadata_agent_plugins_cannot_hold_is_kept_for_claude_and_restored(tmp_path):
    """5.4: a field of the wrong type would make every client reject the package: it stays under Claude Code's
    namespace (reported) and converting back puts it back at its place."""
    meta = {"name": "p", "version": 2, "description": "d", "author": {"name": 1},
            "repository": {"type": "git", "url": "https://h.example/r"}, "keywords": "a, b", "license": "MIT"}
    src = claude(tmp_path / "src", meta)
    out = tmp_path / "ap"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "copilot", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    written = json.loads((out / "plugin.json").read_text())
    assert {k: written[k] for k in ("name", "description", "license")} == {"name": "p", "description": "d", "license": "MIT"}
    assert set(written["extensions"]["com.anthropic.claude-code"]) == {"version", "author", "repository", "keywords"}
    kept = [i["message"] for f in json.loads(r.stdout)["files"] for i in f["losses"] if i["code"] == "component-field-kept"]
    assert len(kept) == 4 and all("(§5.4)" in m for m in kept)
    back = tmp_path / "back"
    assert agentconv("convert", str(out), "--to", "claude-plugin", "-o", str(back)).returncode == 0
    assert json.loads((back / ".claude-plugin" / "plugin.json").read_text()) == meta


@pytest.mark.parametrize("name, written", [("p\n", "p"), ("My Plugin", "my-plugin"), ("--", "plugin"),
                                           ("a" * 63 + "-b", "a" * 63)])
def test_a_name_outside_the_rule_is_written_as_one_inside_it(tmp_path, name, written):
    """5.5, matched whole (the schema's `$` is ECMAScript's: a trailing newline does not fit)."""
    pkg = packages.read_package(claude(tmp_path, {"name": name}))
    out, _ = packages.write_package(pkg, "agent-plugins", ["copilot"])
    assert json.loads(out["plugin.json"].data)["name"] == written
    assert any("name rule (§5.5)" in m for m in messages(out["plugin.json"].report))


def test_servers_agent_plugins_would_reject_stay_for_claude(tmp_path):
    """7.2.1: only an entry a client would load is written to mcp.json; the rest stays for Claude Code."""
    servers = {
        "up": {"command": "${CLAUDE_PLUGIN_ROOT}/../x"},
        "cwd-up": {"command": "x", "cwd": "${CLAUDE_PLUGIN_ROOT}/../y"},
        "userinfo": {"type": "http", "url": "https://u:p@h.example/mcp"},
        "twice": {"type": "http", "url": "https://h.example/", "headers": {"A": "1", "a": "2"}},
        "loop": {"type": "http", "url": "http://localhost?x=1"},
    }
    src = claude(tmp_path / "src", {"name": "p"}, **{".mcp.json": {"mcpServers": servers}})
    out = tmp_path / "ap"
    assert agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "copilot", "-o", str(out)).returncode == 0
    assert json.loads((out / "mcp.json").read_text())["mcpServers"] == {
        "loop": {"type": "streamable-http", "url": "http://localhost?x=1"}}
    kept = json.loads((out / "plugin.json").read_text())["extensions"]["com.anthropic.claude-code"]["mcpServers"]
    assert kept == {k: v for k, v in servers.items() if k != "loop"}
    back = tmp_path / "back"
    assert agentconv("convert", str(out), "--to", "claude-plugin", "-o", str(back)).returncode == 0
    assert json.loads((back / ".mcp.json").read_text())["mcpServers"] == servers


def test_variables_in_url_and_headers_stay_as_written_and_are_reported(tmp_path):
    """9.2: Agent Plugins expands ${PLUGIN_ROOT} only in args, env and cwd; Claude Code's variable in a URL or a
    header is neither renamed (it would not be expanded either) nor dropped: it stays, reported, and comes back."""
    server = {"type": "http", "url": "https://h.example/${CLAUDE_PLUGIN_ROOT}",
              "headers": {"X-Root": "${CLAUDE_PLUGIN_ROOT}/k"}}
    src = claude(tmp_path / "src", {"name": "p"}, **{".mcp.json": {"mcpServers": {"web": server}}})
    out = tmp_path / "ap"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "copilot", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "mcp.json").read_text())["mcpServers"]["web"] == {**server, "type": "streamable-http"}
    changed = [i["message"] for f in json.loads(r.stdout)["files"] for i in f["losses"] if i["code"] == "component-changed"]
    assert changed == ["MCP server 'web': ${CLAUDE_PLUGIN_ROOT} stays literal text (Agent Plugins expands only "
                       "${PLUGIN_ROOT} and ${PLUGIN_DATA}, only in args, env and cwd)"]
    back = tmp_path / "back"
    assert agentconv("convert", str(out), "--to", "claude-plugin", "-o", str(back)).returncode == 0
    assert json.loads((back / ".mcp.json").read_text())["mcpServers"]["web"] == server


def test_files_at_core_places_are_not_copied_there_and_are_reported(tmp_path):
    """6.1 and 7.2.1: a plugin's own file at mcp.json or plugin.json would be read as Agent Plugins' manifest or
    MCP configuration; it is not copied (every file still has its row)."""
    src = claude(tmp_path / "src", {"name": "p"}, **{"mcp.json": {"servers": {}}, "plugin.json": {"x": 1},
                                                     "README.md": "r\n"})
    out = tmp_path / "ap"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "copilot", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    rows = {Path(f["source"]).name: f for f in json.loads(r.stdout)["files"] if f["source"].startswith(str(src))}
    assert {rows["mcp.json"]["status"], rows["plugin.json"]["status"], rows["README.md"]["status"]} == {"skipped", "converted"}
    assert rows["mcp.json"]["status"] == rows["plugin.json"]["status"] == "skipped"
    assert "(§7.2.1)" in rows["mcp.json"]["losses"][0]["message"]
    assert not (out / "mcp.json").exists() and json.loads((out / "plugin.json").read_text())["name"] == "p"
    assert {p.name for p in src.rglob("*") if p.is_file()} <= set(rows) | {"plugin.json"}


def test_a_file_two_outputs_claim_is_reported_not_silently_dropped(tmp_path):
    """An Agent Plugins package with Claude Code's hooks in its namespace folder and a plain file at hooks/hooks.json
    too: written as a Claude Code plugin, the hooks go where Claude Code reads them without a key, and the plain
    file there is reported (it was dropped without a word)."""
    src = ap(tmp_path, **{"com.anthropic.claude-code/hooks/hooks.json": '{"hooks": {}}\n',
                          "hooks/hooks.json": '{"old": true}\n'})
    out, failed = packages.write_package(packages.read_package(src), "claude-plugin")
    assert out["hooks/hooks.json"].data == b'{"hooks": {}}\n'
    assert [(rel, exc) for rel, exc, _ in failed] == [("hooks/hooks.json", None)]
    assert failed[0][2].items[0].message == "hooks/hooks.json not written: hooks/hooks.json is written there"


def test_a_manifest_hooks_path_is_read_beside_the_standard_hooks_file(tmp_path):
    """Claude Code (2.1.332's plugin loader) reads hooks/hooks.json and, in addition, each file the manifest's
    ``hooks`` names: both are the plugin's hooks. Read as one replacing the other, hooks/hooks.json became a plain
    file: carried to an Agent Plugins package it lay outside Claude Code's folder, so those hooks no longer ran."""
    src = claude(tmp_path / "p", {"name": "p", "hooks": "./config/hooks.json"},
                 **{"config/hooks.json": '{"hooks": {}}\n', "hooks/hooks.json": '{"old": true}\n'})
    pkg = packages.read_package(src)
    assert pkg.hooks == [("hooks/hooks.json", b'{"old": true}\n'), ("config/hooks.json", b'{"hooks": {}}\n')]
    out, failed = packages.write_package(pkg, "claude-plugin")
    assert (out["config/hooks.json"].data, out["hooks/hooks.json"].data, failed) == (
        b'{"hooks": {}}\n', b'{"old": true}\n', [])
    assert json.loads(out[".claude-plugin/plugin.json"].data)["hooks"] == "./config/hooks.json"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "claude", "-o", str(tmp_path / "ap"))
    assert r.returncode == 0, r.stderr
    ns = tmp_path / "ap" / "com.anthropic.claude-code"
    assert (ns / "hooks" / "hooks.json").read_text() == '{"old": true}\n'
    assert (ns / "config" / "hooks.json").read_text() == '{"hooks": {}}\n'
    assert not (tmp_path / "ap" / "hooks").exists()
    manifest = json.loads((tmp_path / "ap" / "plugin.json").read_text())
    assert manifest["extensions"]["com.anthropic.claude-code"] == {"hooks": "./config/hooks.json"}
    r = agentconv("convert", str(tmp_path / "ap"), "--to", "claude-plugin", "-o", str(tmp_path / "back"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "back" / "hooks" / "hooks.json").read_text() == '{"old": true}\n'
    assert (tmp_path / "back" / "config" / "hooks.json").read_text() == '{"hooks": {}}\n'
    assert json.loads((tmp_path / "back" / ".claude-plugin" / "plugin.json").read_text()) == {
        "name": "p", "hooks": "./config/hooks.json"}


def test_a_list_of_hooks_files_and_inline_hooks_is_read_whole(tmp_path):
    """The manifest's ``hooks`` as a list of paths and inline objects: every file is read, the standard one named
    in it loaded once (as Claude Code does), the inline hooks stay manifest data; to a Gemini CLI extension each
    file is reported, none silently a plain file."""
    inline = {"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "./stop.sh"}]}]}}
    manifest = {"name": "p", "hooks": ["./hooks/hooks.json", "./more/a.json", inline]}
    src = claude(tmp_path / "p", manifest, **{"hooks/hooks.json": '{"hooks": {}}\n', "more/a.json": '{"a": 1}\n'})
    pkg = packages.read_package(src)
    assert [rel for rel, _ in pkg.hooks] == ["hooks/hooks.json", "more/a.json"] and pkg.claude == {"hooks": [inline]}
    out, failed = packages.write_package(pkg, "claude-plugin")
    assert out[".claude-plugin/plugin.json"].data == (src / ".claude-plugin" / "plugin.json").read_bytes()
    assert {out["hooks/hooks.json"].data, out["more/a.json"].data} == {b'{"hooks": {}}\n', b'{"a": 1}\n'}
    out, failed = packages.write_package(packages.read_package(src), "gemini-extension")
    dropped = sorted(rel for rel, exc, report in failed if report.items[0].code.value == "component-dropped"
                     and "Claude Code hooks" in report.items[0].message)
    assert dropped == ["hooks/hooks.json", "more/a.json"] and "more/a.json" not in out


def test_the_validator_finds_what_it_checks(tmp_path):
    """apschema: the checks the package tests run on every output fail on a package that breaks them."""
    ap(tmp_path, {"name": "p\n", "version": 1}, **{"mcp.json": {"$schema": MCP, "mcpServers": {"x": BAD_SERVERS["up"]}}})
    found = problems(tmp_path)
    assert any("naming rule" in p for p in found) and any("is not of type 'string'" in p for p in found)
    assert any(": x: the command" in p for p in found)


def test_a_skill_written_in_another_folder_takes_its_files_along(tmp_path):
    """7.1: a skill is its folder (SKILL.md with its scripts/ and references/); a skill whose name the Agent Skills
    rule renames is written in the folder of its new name, and its files follow it (they stayed in the old folder,
    apart from their SKILL.md)."""
    src = claude(tmp_path / "src", {"name": "p"}, **{"skills/My Skill/SKILL.md": SKILL.replace("name: s", "name: My Skill"),
                                                     "skills/My Skill/tools/run.sh": "echo hi\n"})
    out = tmp_path / "ap"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "copilot", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    assert sorted(p.relative_to(out).as_posix() for p in (out / "skills").rglob("*") if p.is_file()) == \
        ["skills/my-skill/SKILL.md", "skills/my-skill/tools/run.sh"]
    said = [i["message"] for f in json.loads(r.stdout)["files"] for i in f["losses"] if i["code"] == "file-copied"]
    assert said == ["skills/My Skill/tools/run.sh (to skills/my-skill/tools/run.sh, its skill's folder): not a "
                    "record; copied as it is"]


@pytest.mark.parametrize("edit, code, what", [
    (None, "component-repeated", None),
    (("Review carefully.", "Review very carefully."), "component-differs", "its prompt differs"),
    (("description: Reviews code.", "description: Audits code."), "component-differs", "its description differs"),
])
def test_another_client_s_copy_is_read_once_and_an_edited_one_is_a_warning(tmp_path, edit, code, what):
    """The same agent in several clients' folders is one record, read from the first client's copy; a copy whose
    prompt or description was edited loses those edits, and says so at warning level (not an info item hidden
    by default)."""
    src = claude(tmp_path / "src", {"name": "p", "description": "d"},
                 **{"agents/rev.md": "---\nname: rev\ndescription: Reviews code.\n---\n\nReview carefully.\n"})
    pkg = tmp_path / "ap"
    assert agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "claude,copilot", "-o",
                     str(pkg)).returncode == 0
    copy = pkg / "com.github.copilot/agents/rev.agent.md"
    if edit:
        copy.write_text(copy.read_text().replace(*edit))
    r = agentconv("convert", str(pkg), "--to", "claude-plugin", "-o", str(tmp_path / "back"), "--json")
    items = [i for f in json.loads(r.stdout)["files"] for i in f["losses"] if i["code"].startswith("component-")]
    assert [(i["code"], i["severity"]) for i in items] == [(code, "warning" if edit else "info")]
    assert (what or "so the record is read once") in items[0]["message"]
    assert "Review carefully." in (tmp_path / "back/agents/rev.md").read_text()  # the first client's copy


def test_literal_variable_text_claude_code_would_expand_is_a_warning(tmp_path):
    """9.2: Agent Plugins never expands ${X} in a command, url or headers, nor any but ${PLUGIN_ROOT}/${PLUGIN_DATA}
    in args and env; Claude Code expands ${VAR} in all of them (code.claude.com/docs/en/mcp, checked 2026-11-27):
    written as is for Claude Code, and reported."""
    servers = {"mcpServers": {
        "local": {"type": "stdio", "command": "node", "args": ["${PLUGIN_ROOT}/s.js", "--tag=${TAG}"],
                  "env": {"HOME_DIR": "${PLUGIN_DATA}", "KEY": "${API_KEY}"}},
        "remote": {"type": "streamable-http", "url": "https://h.example/${REGION}/mcp",
                   "headers": {"X-Key": "${API_KEY}"}},
        "plain": {"type": "stdio", "command": "node", "args": ["${PLUGIN_ROOT}/p.js"]}}}
    src = ap(tmp_path / "src", None, **{"mcp.json": {"$schema": MCP, **servers}})
    r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "out"), "--json")
    assert r.returncode == 0, r.stderr
    items = [i for f in json.loads(r.stdout)["files"] for i in f["losses"] if i["code"] == "component-expanded"]
    assert [(i["severity"], i["message"]) for i in items] == [
        ("warning", "MCP server 'local': ${API_KEY}, ${TAG} is literal text in Agent Plugins, and Claude Code expands "
                    "it (from the environment, where such a variable is set)"),
        ("warning", "MCP server 'remote': ${API_KEY}, ${REGION} is literal text in Agent Plugins, and Claude Code "
                    "expands it (from the environment, where such a variable is set)")]
    written = json.loads((tmp_path / "out/.mcp.json").read_text())["mcpServers"]
    assert written["local"]["args"] == ["${CLAUDE_PLUGIN_ROOT}/s.js", "--tag=${TAG}"]
    assert written["remote"]["headers"] == {"X-Key": "${API_KEY}"}


def test_a_marketplace_whose_own_folder_is_a_plugin_converts_that_plugin(tmp_path):
    """A repository that is a plugin and lists itself from GitHub in its own marketplace.json (real ones do): the
    plugin beside the catalogue was left out, its skills unconverted and unaccounted for, and called a plugin 'from
    other sources'. Its folder's plugin is converted; a plugin that is really elsewhere is still reported."""
    root = make(tmp_path / "repo", {
        ".claude-plugin/plugin.json": {"name": "kit", "description": "A kit."},
        ".claude-plugin/marketplace.json": {"name": "m", "owner": {"name": "o"}, "plugins": [
            {"name": "kit", "source": {"source": "github", "repo": "o/kit"}},
            {"name": "other", "source": {"source": "url", "url": "https://example.com/other.git"}}]},
        "skills/s/SKILL.md": SKILL})
    out = tmp_path / "out"
    proc = agentconv("convert", str(root), "--to", "agent-plugins", "--clients", "copilot", "-o", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    rows = {Path(f["source"]).relative_to(root).as_posix(): f["status"] for f in json.loads(proc.stdout)["files"]}
    assert rows[".claude-plugin/marketplace.json"] == "skipped" and rows["skills/s/SKILL.md"] == "converted"
    assert json.loads((out / "plugin.json").read_text())["name"] == "kit"
    drop = [x["message"] for f in json.loads(proc.stdout)["files"] for x in f["losses"]
            if x["code"] == "component-dropped"]
    assert len(drop) == 1 and drop[0].endswith("plugins from other sources not converted: other")
