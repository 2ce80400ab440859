"""Whole packages (agentconv/packages/): a Claude Code plugin to an Agent Plugins 1.0 package for copilot, codex and kiro and
back, a Claude Code marketplace of two plugins through ``migrate``, each compared whole with golden trees
(``fixtures/packages/<case>/``; ``pytest tests/test_packages.py --regen`` or ``make regen`` rewrites them), every
``plugin.json``/``mcp.json`` validated against the Agent Plugins 1.0 JSON Schemas (``tests/data/agent-plugins-1.0``):
in the goldens, and after every test in every output folder agentconv wrote (``apschema.validate_outputs``)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agentconv import packages
from agentconv.errors import ParseError
from apschema import outputs_valid, validate_tree  # noqa: F401 - outputs_valid: an autouse fixture

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "packages"
SCHEMAS = Path(__file__).resolve().parent / "data" / "agent-plugins-1.0"
CLIENTS = "copilot,codex,kiro"


def test_golden_packages_are_valid():
    assert validate_tree(CASES) == 3  # review-kit, and the marketplace's two plugins


def agentconv(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *args], capture_output=True, text=True, cwd=cwd)


def tree(root: Path) -> dict[str, str]:
    """Every file below ``root`` but agentconv's own manifest: relative path -> text."""
    return {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in sorted(root.rglob("*"))
            if p.is_file() and ".agentconv" not in p.relative_to(root).parts}


def rows(doc: dict, base: Path, out: Path) -> str:
    """The JSON report with the temp folders taken out: what the golden ``report.*.json`` holds."""
    def rel(p, root):
        return None if p is None else Path(p).resolve().relative_to(root.resolve()).as_posix()

    clean = []
    for r in doc["files"]:
        clean.append({"source": rel(r["source"], base), "target": rel(r["target"], out), "status": r["status"],
                      "losses": [{k: v for k, v in i.items() if k not in ("file", "line")} for i in r["losses"]],
                      **({"error": r["error"].replace(str(base.resolve()) + "/", "").replace(str(base) + "/", "")}
                         if r.get("error") else {})})
    clean.sort(key=lambda r: (r["source"] or "", r["target"] or ""))
    return json.dumps(clean, indent=2, ensure_ascii=False) + "\n"


def compare(expected: Path, got: dict[str, str], regen: bool) -> None:
    if regen:
        shutil.rmtree(expected, ignore_errors=True)
        for rel, text in got.items():
            (expected / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected / rel).write_text(text, "utf-8")
        return
    assert tree(expected) == got, f"{expected} differs from the output (run with --regen and read the diff)"


def golden_file(path: Path, text: str, regen: bool) -> None:
    if regen:
        path.write_text(text, "utf-8")
    assert path.read_text("utf-8") == text, f"{path} differs (run with --regen)"


def validate_schemas(root: Path) -> int:
    from jsonschema import Draft202012Validator

    plugin = json.loads((SCHEMAS / "plugin.schema.json").read_text())
    mcp = json.loads((SCHEMAS / "mcp.schema.json").read_text())
    checked = 0
    for p in root.rglob("plugin.json"):
        if p.parent.name != ".claude-plugin":
            Draft202012Validator(plugin).validate(json.loads(p.read_text()))
            checked += 1
    for p in root.rglob("mcp.json"):
        Draft202012Validator(mcp).validate(json.loads(p.read_text()))
        checked += 1
    return checked


def test_plugin_to_agent_plugins_and_back(tmp_path, regen):
    case = CASES / "review-kit"
    src = tmp_path / "review-kit"
    shutil.copytree(case / "in", src)
    ap = tmp_path / "ap"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", CLIENTS, "-o", str(ap), "--json")
    assert r.returncode == 0, r.stderr
    compare(case / "agent-plugins", tree(ap), regen)
    golden_file(case / "report.agent-plugins.json", rows(json.loads(r.stdout), tmp_path, ap), regen)
    assert validate_schemas(ap) == 2  # plugin.json and mcp.json
    back = tmp_path / "back"
    r = agentconv("convert", str(ap), "--to", "claude-plugin", "-o", str(back), "--json")
    assert r.returncode == 0, r.stderr
    compare(case / "back", tree(back), regen)
    golden_file(case / "report.back.json", rows(json.loads(r.stdout), tmp_path, back), regen)
    # the same records, manifest, MCP servers, hooks and files as the source, but the command's pre-approvals: a
    # Claude command's allowed-tools grants permissions, which a Copilot prompt cannot say and no comment restores
    a, b = packages.read_package(src), packages.read_package(back)
    approved = [m.doc.agent.tools for m in a.members if m.kind == "commands"]
    assert [(t.mode, [g.raw for g in t.grants]) for t in approved] == [("inherit", ["Read", "Grep"])]
    for m in a.members:
        if m.kind == "commands":
            m.doc.agent.tools = type(m.doc.agent.tools)()
    assert [(m.kind, m.doc.agent.semantic()) for m in a.members] == [(m.kind, m.doc.agent.semantic()) for m in b.members]
    assert (a.name, a.meta, a.claude, a.mcp, a.hooks, a.files) == (b.name, b.meta, b.claude, b.mcp, b.hooks, b.files)
    assert sorted(m.kind for m in a.members) == ["agents", "agents", "commands", "skills"]


def test_marketplace_migrate(tmp_path, regen):
    case = CASES / "marketplace"
    repo = tmp_path / "repo"
    shutil.copytree(case / "in", repo)
    r = agentconv("migrate", str(repo), "--to", "agent-plugins", "--clients", CLIENTS, "--json")
    # a command's allowed-tools pre-approves (Claude Code's permission grants): a Copilot prompt, which has no such
    # thing, is written without them (every tool stays available there too), said; nothing refused
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    compare(case / "migrated", tree(repo), regen)
    for f in doc["files"]:
        f["losses"] = [{k: v for k, v in i.items() if k not in ("file", "line")} for i in f["losses"]]
    text = json.dumps(doc["files"], indent=2, ensure_ascii=False).replace(str(repo) + "/", "") + "\n"
    golden_file(case / "report.migrate.json", text, regen)
    assert validate_schemas(repo) == 2
    again = agentconv("migrate", str(repo), "--to", "agent-plugins", "--clients", CLIENTS, "--json")
    statuses = {f["status"] for f in json.loads(again.stdout)["files"]}
    assert statuses == {"unchanged", "skipped"}  # a second run writes nothing
    assert json.loads(r.stdout)["summary"]["statuses"]["skipped"] == 1  # the catalogue: Agent Plugins has none


def test_a_widening_is_refused_for_that_client_only(tmp_path):
    src = tmp_path / "p"
    (src / "agents").mkdir(parents=True)
    (src / "agents" / "reader.md").write_text("---\nname: reader\ndescription: Reads.\ntools: Read, Grep\n---\nRead.\n")
    out = tmp_path / "out"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "copilot,cursor", "-o", str(out), "--json")
    assert r.returncode == 8
    files = json.loads(r.stdout)["files"]
    failed = [f for f in files if f["status"] == "failed"]
    assert len(failed) == 1 and "cursor" in failed[0]["error"] and failed[0]["exit_code"] == 6
    assert (out / "com.github.copilot" / "agents" / "reader.agent.md").is_file()
    assert not (out / "com.cursor").exists()
    assert json.loads((out / "plugin.json").read_text())["name"] == "p"  # no manifest: the folder names it


def _plugin(root: Path, *, skill: bool = False, mcp: bool = False) -> Path:
    """A Claude Code plugin of one agent and one command, with a skill and an MCP server when asked."""
    (root / "agents").mkdir(parents=True)
    (root / "commands").mkdir()
    (root / "agents" / "fixer.md").write_text("---\nname: fixer\ndescription: Fixes.\ntools: Read, Edit, Bash\n---\nFix.\n")
    (root / "commands" / "ship.md").write_text("---\ndescription: Ship it\n---\nShip.\n")
    if skill:
        (root / "skills" / "tidy").mkdir(parents=True)
        (root / "skills" / "tidy" / "SKILL.md").write_text("---\nname: tidy\ndescription: Tidies.\n---\nTidy.\n")
    if mcp:
        (root / ".mcp.json").write_text(json.dumps({"mcpServers": {"echo": {"command": "echo"}}}))
    return root


def test_codex_gets_only_what_it_loads_of_a_plugin_and_the_rest_is_said(tmp_path):
    """Codex loads a package's skills/ and mcp.json only (0.169.0/0.171.0, its own installer): no agent or command is
    written in com.openai.codex/, each is said (component-not-loaded) in its own row for codex alone, or in the
    rows of the other clients' copies."""
    src = _plugin(tmp_path / "p", skill=True, mcp=True)
    out = tmp_path / "out"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "codex", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    assert sorted(tree(out)) == ["mcp.json", "plugin.json", "skills/tidy/SKILL.md"]
    rows_ = {Path(f["source"]).name: f for f in json.loads(r.stdout)["files"]}
    for name, kind in (("fixer.md", "agents"), ("ship.md", "commands")):
        assert rows_[name]["status"] == "skipped"
        said = [i for i in rows_[name]["losses"] if i["code"] == "component-not-loaded"]
        assert len(said) == 1 and said[0]["severity"] == "warning" and \
            f"codex loads no {kind} from a plugin, only its skills/ and mcp.json" in said[0]["message"]
    both = tmp_path / "both"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "codex,copilot", "-o", str(both), "--json")
    assert r.returncode == 0, r.stderr
    assert not (both / "com.openai.codex").exists() and (both / "com.github.copilot" / "agents" / "fixer.agent.md").is_file()
    said = {Path(f["target"]).name for f in json.loads(r.stdout)["files"]
            if any(i["code"] == "component-not-loaded" for i in f["losses"])}
    assert said == {"fixer.agent.md", "ship.prompt.md"}


def test_a_plugin_codex_would_load_nothing_of_is_refused(tmp_path):
    """Agents and commands only, for codex alone: nothing of it would load, so nothing is written (exit 2); with a
    skill or an MCP server, or another client that loads them, it is written."""
    src = _plugin(tmp_path / "p")
    out = tmp_path / "out"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "codex", "-o", str(out))
    assert r.returncode == 2 and "nothing of the package would load in codex" in r.stderr, r.stderr
    assert not out.exists()
    assert agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "codex,copilot", "-o",
                     str(tmp_path / "o2")).returncode == 0
    assert agentconv("convert", str(_plugin(tmp_path / "q", mcp=True)), "--to", "agent-plugins", "--clients", "codex",
                     "-o", str(tmp_path / "o3")).returncode == 0
    assert sorted(tree(tmp_path / "o3")) == ["mcp.json", "plugin.json"]


def test_a_codex_folder_of_a_package_is_read_and_kept_as_it_came(tmp_path):
    """A package another tool wrote with com.openai.codex/agents/ and prompts/: read as codex records (a Claude Code
    plugin gets them as its agent and command), and kept byte for byte (said) when written as a package again."""
    src = tmp_path / "ap"
    (src / "com.openai.codex" / "agents").mkdir(parents=True)
    (src / "com.openai.codex" / "prompts").mkdir()
    (src / "skills" / "tidy").mkdir(parents=True)
    (src / "plugin.json").write_text(json.dumps({"$schema": packages.table()["agent-plugins"]["plugin_schema"],
                                                 "name": "kit"}, indent=2) + "\n")
    role = 'name = "fixer"\ndescription = "Fixes."\ndeveloper_instructions = "Fix."\n'
    (src / "com.openai.codex" / "agents" / "fixer.toml").write_text(role)
    (src / "com.openai.codex" / "prompts" / "ship.md").write_text("---\ndescription: Ship it\n---\nShip.\n")
    (src / "skills" / "tidy" / "SKILL.md").write_text("---\nname: tidy\ndescription: Tidies.\n---\nTidy.\n")
    again = tmp_path / "again"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "codex", "-o", str(again), "--json")
    assert r.returncode == 0, r.stderr
    assert tree(again) == tree(src)
    kept = [i["message"] for f in json.loads(r.stdout)["files"] for i in f["losses"] if i["code"] == "component-kept"]
    assert len(kept) == 2 and all("codex loads no" in m for m in kept)
    back = tmp_path / "back"
    assert agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(back)).returncode == 0
    assert (back / "agents" / "fixer.md").is_file() and (back / "commands" / "ship.md").is_file()


def test_the_catalogue_names_no_codex_agents_or_commands_in_a_package():
    row = next(r for r in packages.describe() if r["id"] == "agent-plugins")
    codex = next(c for c in row["clients"] if c["id"] == "codex")
    assert (codex["agents"], codex["commands"]) == (None, None)
    assert next(c for c in row["clients"] if c["id"] == "copilot")["agents"] == "copilot"


def test_manifest_rules_and_a_rejected_package(tmp_path):
    assert packages.check_manifest({"$schema": packages.table()["agent-plugins"]["plugin_schema"], "name": "ok.name"}) == []
    bad = packages.check_manifest({"$schema": "x", "name": "Bad--Name", "author": {"name": "a", "x": "y"}})
    assert len(bad) == 3
    (tmp_path / "plugin.json").write_text(json.dumps({"$schema": packages.table()["agent-plugins"]["plugin_schema"],
                                                      "name": "-bad"}))
    with pytest.raises(ParseError, match="naming rule"):
        packages.read_package(tmp_path, "agent-plugins")


def test_mcp_servers_agent_plugins_cannot_hold_stay_for_claude(tmp_path):
    src = tmp_path / "p"
    (src / "skills" / "s").mkdir(parents=True)
    (src / "skills" / "s" / "SKILL.md").write_text("---\nname: s\ndescription: A skill.\n---\nDo it.\n")
    (src / ".mcp.json").write_text(json.dumps({"mcpServers": {
        "shell": {"command": "npx -y server"},                        # not one token
        "web": {"type": "http", "url": "https://x.example/mcp", "oauth": {"clientId": "c"}},
        "env": {"command": "srv", "env": {"TOKEN": "${API_TOKEN}"}},
    }}))
    out = tmp_path / "out"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "copilot", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    mcp = json.loads((out / "mcp.json").read_text())["mcpServers"]
    assert mcp == {"web": {"type": "streamable-http", "url": "https://x.example/mcp"},
                   "env": {"type": "stdio", "command": "srv", "env": {"TOKEN": "${API_TOKEN}"}}}
    kept = json.loads((out / "plugin.json").read_text())["extensions"]["com.anthropic.claude-code"]["mcpServers"]
    assert kept == {"shell": {"command": "npx -y server"}, "web": {"oauth": {"clientId": "c"}}}
    codes = {i["code"] for f in json.loads(r.stdout)["files"] for i in f["losses"]}
    assert {"component-kept", "component-changed"} <= codes
    back = tmp_path / "back"
    assert agentconv("convert", str(out), "--to", "claude-plugin", "-o", str(back)).returncode == 0
    assert json.loads((back / ".mcp.json").read_text())["mcpServers"] == json.loads((src / ".mcp.json").read_text())["mcpServers"]
    assert validate_schemas(out) == 2


def test_with_claude_among_the_clients_records_come_back_byte_for_byte(tmp_path):
    src = CASES / "review-kit" / "in"
    ap, back = tmp_path / "ap", tmp_path / "back"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "claude,copilot", "-o", str(ap), "--json")
    assert r.returncode == 0, r.stderr
    assert (ap / "com.anthropic.claude-code" / "agents" / "reviewer.md").read_bytes() == \
        (src / "agents" / "reviewer.md").read_bytes()
    assert agentconv("convert", str(ap), "--to", "claude-plugin", "-o", str(back)).returncode == 0
    for rel in ("agents/reviewer.md", "agents/fixer.md", "commands/review.md", "skills/lint/SKILL.md", "hooks/hooks.json"):
        assert (back / rel).read_bytes() == (src / rel).read_bytes(), rel
    notes = [i["message"] for f in json.loads(r.stdout)["files"] for i in f["losses"] if i["code"] == "component-kept"]
    assert any("only Claude Code runs them" in m for m in notes)


def test_usage_errors(tmp_path):
    src = CASES / "review-kit" / "in"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "-o", str(tmp_path / "o"))
    assert r.returncode == 2 and "--clients" in r.stderr
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "nosuch", "-o", str(tmp_path / "o"))
    assert r.returncode == 2 and "nosuch" in r.stderr
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "copilot")
    assert r.returncode == 2 and "-o DIR" in r.stderr
    for extra in (["--scope", "user"], ["--shared"], ["--file", str(src / "x.md")], ["--prefix-collisions"]):
        r = agentconv("migrate", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "o"), *extra)
        assert (r.returncode, r.stderr.splitlines()[-1]) == (
            2, f"agentconv: error: {extra[0]} places dialect files; a package is a folder: name it with -o DIR"), r.stderr
    r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "o"), "--scope", "user", "--shared")
    assert (r.returncode, r.stderr.splitlines()[-1]) == (
        2, "agentconv: error: --scope and --shared place dialect files; a package is a folder: name it with -o DIR")
    assert not (tmp_path / "o").exists()


def test_manifest_places_are_read_there_and_kept_in_the_same_format_else_written_at_the_default_places(tmp_path):
    """A manifest that names its agents file and hooks file elsewhere: both are read from there. A Claude Code plugin
    written from it keeps them there, the manifest as it came; one written from another format (an Agent Plugins
    package made from it) has them where Claude Code looks by default (the manifest keys that named them are not
    written)."""
    src = tmp_path / "p"
    (src / ".claude-plugin").mkdir(parents=True)
    (src / "custom").mkdir()
    (src / "config").mkdir()
    manifest = json.dumps({"name": "p", "agents": ["./custom/helper.md"], "hooks": "./config/hooks.json"})
    (src / ".claude-plugin" / "plugin.json").write_text(manifest)
    (src / "custom" / "helper.md").write_text("---\nname: helper\ndescription: Helps.\n---\nHelp.\n")
    (src / "config" / "hooks.json").write_text('{"hooks": {}}\n')
    same = tmp_path / "same"
    r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(same), "--json")
    assert r.returncode == 0, r.stderr
    assert tree(same) == tree(src)
    ap, back = tmp_path / "ap", tmp_path / "back"
    r = agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "claude", "-o", str(ap))
    assert r.returncode == 0, r.stderr
    r = agentconv("convert", str(ap), "--to", "claude-plugin", "-o", str(back), "--json")
    assert r.returncode == 0, r.stderr
    assert (back / "agents" / "helper.md").read_text() == (src / "custom" / "helper.md").read_text()
    assert (back / "hooks" / "hooks.json").read_text() == '{"hooks": {}}\n'
    assert json.loads((back / ".claude-plugin" / "plugin.json").read_text()) == {"name": "p"}
    assert not (back / "custom").exists() and not (back / "config").exists()


def test_a_record_named_differently_per_client_is_read_back_once(tmp_path):
    """Claude Code's `commands/git/commit.md` is `git:commit`; Copilot and Codex files are `git-commit`: one record."""
    src = tmp_path / "p"
    (src / "commands" / "git").mkdir(parents=True)
    (src / "commands" / "git" / "commit.md").write_text("---\ndescription: Commit\n---\nCommit $ARGUMENTS\n")
    ap, back = tmp_path / "ap", tmp_path / "back"
    assert agentconv("convert", str(src), "--to", "agent-plugins", "--clients", "claude,copilot,codex", "-o",
                     str(ap)).returncode == 0
    assert (ap / "com.github.copilot" / "prompts" / "git-commit.prompt.md").is_file()
    assert agentconv("convert", str(ap), "--to", "claude-plugin", "-o", str(back)).returncode == 0
    assert sorted(p.relative_to(back).as_posix() for p in back.rglob("*.md")) == ["commands/git/commit.md"]
    assert (back / "commands" / "git" / "commit.md").read_bytes() == (src / "commands" / "git" / "commit.md").read_bytes()


def test_described_formats_are_what_convert_reads_and_writes():
    """``agentconv dialects`` lists each package format as the library handles it: ``writes`` exactly for the
    formats ``--to`` accepts, ``reads`` for the ones detection or ``--from`` names, and only registered dialects."""
    from agentconv import registry

    rows = packages.describe()
    assert {r["id"] for r in rows} == {*packages.FORMATS, packages.MARKETPLACE}
    assert all(r["writes"] == (r["id"] in packages.FORMATS) and r["reads"] == packages.is_format(r["id"]) for r in rows)
    ids = {d.id for d in registry.all_dialects()}
    named = {d for r in rows for d in r["records"] if d not in packages.FORMATS}
    named |= {d for r in rows for c in r["clients"] for d in (c["agents"], c["commands"]) if d}
    assert named <= ids and "copilot-prompt" in named


@pytest.mark.parametrize("name, reserved", [
    ("claude-tools", True), ("anthropic-x", True), ("cc-plugin-x", True), ("claude", True), ("Claude_Code", True),
    ("official-claude-kit", True), ("claudé-tools", True),  # as claude plugin validate reads them (2.1.332)
    ("my-claude", False), ("claudeai-x", False), ("cc-plugin", False), ("tools", False)])
def test_the_plugin_names_claude_code_keeps_for_anthropic(name, reserved):
    from agentconv.packages.names import reserved_plugin_name

    assert bool(reserved_plugin_name(name)) is reserved


@pytest.mark.parametrize("name, severity", [
    ("claude-tools", None), ("claude-plugins-hub", "error"), ("Anthropic Marketplace", "error"),
    ("--claude-plugins", "error"), ("the-official-claude", "error"), ("claudeplugins", "error"),
    ("ma\u00efrket", "error"), ("inline", "error"), ("claude-code-plugins", "warning"), ("claude-x-plugins", None)])
def test_the_marketplace_names_claude_code_refuses(name, severity):
    from agentconv.packages.names import marketplace_name_problem

    got = marketplace_name_problem(name)
    assert (got[0].value if got else None) == severity


def test_a_claude_plugin_named_as_anthropics_own_is_one_warning_when_written_and_validated(tmp_path):
    """claude-* is a name `claude plugin validate` rejects but Claude Code loads: written, with one warning; validate
    says it once, a warning (exit 0); a marketplace whose own name Claude Code refuses is an error and not written."""
    src = tmp_path / "m"
    plugin = src / "claude-tools"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / "agents").mkdir()
    (plugin / ".claude-plugin" / "plugin.json").write_text('{\n  "name": "claude-tools"\n}\n')
    (plugin / "agents" / "rev.md").write_text("---\nname: rev\ndescription: Reviews.\n---\nReview.\n")
    for to, extra in (("claude-plugin", ()), ("agent-plugins", ("--clients", "copilot"))):
        r = agentconv("convert", str(plugin), "--to", to, *extra, "-o", str(tmp_path / to), "--json")
        assert r.returncode == 0, r.stderr
        items = [i for f in json.loads(r.stdout)["files"] for i in f["losses"] if "reserved" in i["message"]]
        assert len(items) == (1 if to == "claude-plugin" else 0)
    r = agentconv("validate", str(plugin), "--json")
    found = json.loads(r.stdout)["findings"]
    assert r.returncode == 0 and [(f["severity"], f["rule"]) for f in found] == [("warning", "name-reserved")]
    assert "plugin name 'claude-tools' is reserved for Anthropic's own" in found[0]["message"]
    (src / ".claude-plugin").mkdir()
    (src / ".claude-plugin" / "marketplace.json").write_text(json.dumps(
        {"name": "claude-plugins-hub", "owner": {"name": "o"},
         "plugins": [{"name": "claude-tools", "source": "./claude-tools"}]}, indent=2))
    r = agentconv("validate", str(src / ".claude-plugin" / "marketplace.json"), "--json")
    found = json.loads(r.stdout)["findings"]
    assert r.returncode == 10 and [(f["severity"], f["line"]) for f in found] == [("error", 2), ("warning", 8)]
    out = tmp_path / "back"
    r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(out), "--json")
    assert r.returncode == 8
    failed = [f for f in json.loads(r.stdout)["files"] if f["status"] == "failed"]
    assert len(failed) == 1 and "impersonates an official Anthropic/Claude marketplace" in failed[0]["error"]
    assert not (out / ".claude-plugin" / "marketplace.json").exists()
    assert (out / "claude-tools" / "agents" / "rev.md").is_file()


def test_a_claude_plugin_converted_to_its_own_format_keeps_its_manifest_byte_for_byte(tmp_path):
    """A Claude Code plugin converted to claude-plugin: its plugin.json was written fresh (an inline keywords list
    spread over lines, the key order of the table), so the manifest of every plugin of the unseen14 shadow corpus
    (9 of 9 below a marketplace) came back changed though its data had not. Same data: the manifest as it came; a
    manifest the write changes (no name: the folder names the plugin) is still written fresh, with that name."""
    src = tmp_path / "tidy"
    (src / ".claude-plugin").mkdir(parents=True)
    (src / "agents").mkdir()
    manifest = ('{\n  "version": "1.0.0",\n  "name": "tidy",\n  "description": "Tidies",\n'
                '  "keywords": ["lint", "format"],\n  "author": { "name": "A. Writer" }\n}\n')
    (src / ".claude-plugin" / "plugin.json").write_text(manifest, "utf-8")
    (src / "agents" / "rev.md").write_text("---\nname: rev\ndescription: Reviews\n---\n\nReview.\n", "utf-8")
    out = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out" / ".claude-plugin" / "plugin.json").read_text("utf-8") == manifest
    assert (tmp_path / "out" / "agents" / "rev.md").read_bytes() == (src / "agents" / "rev.md").read_bytes()
    (src / ".claude-plugin" / "plugin.json").write_text('{"description": "Tidies"}\n', "utf-8")
    out = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "o2"))
    assert out.returncode == 0, out.stderr
    assert json.loads((tmp_path / "o2" / ".claude-plugin" / "plugin.json").read_text("utf-8")) == {
        "name": "tidy", "description": "Tidies"}


def test_a_claude_plugin_whose_manifest_names_its_places_comes_back_byte_for_byte(tmp_path):
    """A manifest naming its own component places (``"commands": ["./.claude/commands/fix.md"]``, ``"skills":
    "./skills/"``, a ``hooks`` path): converted to claude-plugin, the records were moved to the default folders and
    those keys dropped, so the manifest came back rewritten (11 plugin files of the unseen21 shadow corpus, 3 of its
    manifests). Same format: each record at the path it was read from, the keys kept, every file as it came."""
    src = tmp_path / "kit"
    files = {
        ".claude-plugin/plugin.json": ('{\n  "name": "kit",\n  "description": "A kit",\n  "author": { "name": "A" },\n'
                                       '  "commands": ["./.claude/commands/fix.md", "./.claude/commands/ship.md"],\n'
                                       '  "skills": "./skills/",\n  "hooks": "./config/hooks.json"\n}\n'),
        ".claude/commands/fix.md": "---\ndescription: Fix a bug\n---\n\nFix $ARGUMENTS.\n",
        ".claude/commands/ship.md": "---\ndescription: Ship it\nallowed-tools: Bash(git push:*)\n---\n\nShip.\n",
        "skills/triage/SKILL.md": "---\nname: triage\ndescription: Sort the issues\n---\n\nSort them.\n",
        "config/hooks.json": '{"hooks": {}}\n',
    }
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, "utf-8")
    out = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    assert tree(tmp_path / "out") == files
