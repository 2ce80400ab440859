"""A Gemini CLI extension's ``excludeTools`` written to another package format (packages/gemini.py ``per_record``):
where every agent and command can hold it as its own deny it is written so and nothing is refused; where one record
cannot (a skill, a name no table knows), the whole package is refused as before (exit 6)."""
from __future__ import annotations

import json
from pathlib import Path

from apschema import outputs_valid  # noqa: F401 - an autouse fixture: every Agent Plugins package written is valid
from test_packages import agentconv


def _ext(root: Path, exclude: list[str], skill: bool = False) -> Path:
    (root / "agents").mkdir(parents=True)
    (root / "commands").mkdir()
    (root / "gemini-extension.json").write_text(json.dumps(
        {"name": "guarded", "version": "1.0.0", "excludeTools": exclude}))
    (root / "agents" / "free.md").write_text("---\nname: free\ndescription: Does anything\n---\nWork.\n")
    (root / "agents" / "listed.md").write_text(
        "---\nname: listed\ndescription: Reads and runs\ntools:\n  - read_file\n  - run_shell_command\n---\nRead.\n")
    (root / "agents" / "reader.md").write_text(
        "---\nname: reader\ndescription: Reads\ntools:\n  - read_file\n---\nRead.\n")
    (root / "commands" / "deploy.toml").write_text('description = "Deploy"\nprompt = "Deploy it."\n')
    if skill:
        (root / "skills" / "s").mkdir(parents=True)
        (root / "skills" / "s" / "SKILL.md").write_text("---\nname: s\ndescription: A skill\n---\nDo.\n")
    return root


def _header(path: Path) -> str:
    return path.read_text().split("---\n")[1]


def test_excludetools_every_record_can_hold_is_written_as_each_records_deny(tmp_path):
    src = _ext(tmp_path / "ext", ["ShellTool", "web_fetch"])
    out = tmp_path / "cp"
    r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    free = _header(out / "agents" / "free.md")
    assert "disallowedTools: Bash, WebFetch" in free and "\ntools:" not in free, free
    listed = _header(out / "agents" / "listed.md")  # its list less the excluded shell
    assert "tools: Read\n" in listed and "WebFetch" not in listed, listed
    assert "Bash" not in _header(out / "agents" / "reader.md")  # nothing of its to take
    assert "disallowed-tools: Bash, WebFetch" in _header(out / "commands" / "deploy.md")
    files = json.loads(r.stdout)["files"]
    said = {(Path(f["target"]).name, i["code"], i["path"]) for f in files for i in f["losses"]}
    assert ("plugin.json", "component-dropped", "excludeTools") in said  # the session-wide part, said
    assert ("plugin.json", "tool-broadened", "excludeTools") not in said
    assert ("free.md", "value-read-as", "tools") in said and ("deploy.md", "value-read-as", "tools") in said
    # where some record cannot hold it, the whole package is still refused: a skill (the shared skill format has no
    # deny), a name no table knows (any MCP server's tool of that name)
    for name, other in (("skill", _ext(tmp_path / "a", ["run_shell_command"], skill=True)),
                        ("unknown", _ext(tmp_path / "b", ["delete_repo"]))):
        out = tmp_path / f"out-{name}"
        r = agentconv("convert", str(other), "--to", "claude-plugin", "-o", str(out))
        assert r.returncode == 6 and not out.exists() and "--allow-broaden" in r.stderr, (name, r.stderr)
    # its own format: unchanged, byte for byte
    same = tmp_path / "same"
    assert agentconv("convert", str(src), "--to", "gemini-extension", "-o", str(same)).returncode == 0
    assert {p.relative_to(src): p.read_bytes() for p in src.rglob("*") if p.is_file()} == {
        p.relative_to(same): p.read_bytes() for p in same.rglob("*") if p.is_file() and ".agentconv" not in p.parts}


def test_a_shell_prefix_is_denied_in_that_scope(tmp_path):
    src = _ext(tmp_path / "ext", ["run_shell_command(rm -rf)"])
    out = tmp_path / "cp"
    r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(out))
    assert r.returncode == 0, r.stderr
    # a subagent's disallowedTools entry takes the whole tool (the shell's kin with it), said; a command's deny
    # rules hold the scope
    assert "disallowedTools: Bash, PowerShell, Monitor, TaskStop\n" in _header(out / "agents" / "free.md")
    assert "Bash(rm -rf), Bash(rm -rf *) denied as the whole Bash in claude" in r.stderr
    assert "disallowed-tools: Bash(rm -rf), Bash(rm -rf *)" in _header(out / "commands" / "deploy.md")


def test_an_mcp_tool_of_the_same_plain_name_is_said(tmp_path):
    """Gemini CLI drops an MCP tool whose name without its ``mcp_<server>_`` prefix is in ``excludeTools``
    (tool-registry.ts ``isActiveTool``, 0.61.0 bundle): an MCP server's own ``run_shell_command`` goes with the shell.
    No Claude Code deny names a tool of every server (an MCP rule's server matches by its exact name), so the records'
    deny leaves such a tool usable: said on the manifest, with the names; not for a scoped entry (a whole name with
    parentheses, which no MCP tool of a server has)."""
    def said(exclude: list[str]) -> str:
        out = tmp_path / "-".join(exclude).replace(" ", "_").replace("(", "").replace(")", "")
        r = agentconv("convert", str(_ext(out.with_suffix(".src"), exclude)), "--to", "claude-plugin", "-o", str(out),
                      "--json")
        assert r.returncode == 0, r.stderr
        items = [i for f in json.loads(r.stdout)["files"] for i in f["losses"]
                 if Path(f["target"]).name == "plugin.json" and i["code"] == "component-dropped"]
        assert len(items) == 1, items
        return items[0]["message"]

    assert "Gemini CLI also takes any MCP server's tool named ShellTool, web_fetch, which no deny written here " \
           "names" in said(["ShellTool", "web_fetch"])
    assert "any MCP server's tool" not in said(["run_shell_command(rm -rf)"])
