"""migrate / plan / sync --check on a repository with agents in three dialects and some broken files."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CLAUDE = """---
name: {name}
description: Reviews code for {name}.
tools: Read, Grep, Glob
model: sonnet
---

You review code carefully.
"""
COPILOT = """---
name: Planner
description: Plans work before coding.
tools:
  - read/readFile
  - search/codebase
---

You plan.
"""
OPENCODE = """---
description: Writes docs.
mode: subagent
permission:
  "*": deny
  read: allow
  edit: allow
---

You write documentation.
"""


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("agentconv")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "agentconv"]
    return subprocess.run(cmd + list(args), cwd=cwd, capture_output=True, text=True, timeout=120)


def snapshot(root: Path) -> dict[str, str]:
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and ".git" not in p.parts:
            out[p.relative_to(root).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "repo"
    (r / ".claude/agents").mkdir(parents=True)
    (r / ".github/agents").mkdir(parents=True)
    (r / ".opencode/agent").mkdir(parents=True)
    for name in ("reviewer", "tester"):
        (r / f".claude/agents/{name}.md").write_text(CLAUDE.format(name=name))
    (r / ".claude/agents/broken.md").write_text("---\nname: broken\ndescription: never closed\n")
    (r / ".claude/agents/notutf8.md").write_bytes(b"---\nname: bad\ndescription: \xff\x00\n---\nx\n")  # UTF-16?
    (r / ".github/agents/planner.agent.md").write_text(COPILOT)
    (r / ".opencode/agent/docs.md").write_text(OPENCODE)
    (r / ".gitignore").write_text("ignored/\n")
    (r / "ignored/.claude/agents").mkdir(parents=True)
    (r / "ignored/.claude/agents/skip.md").write_text(CLAUDE.format(name="skip"))
    return r


def test_migrate_steps(repo: Path) -> None:
    sources = {k: v for k, v in snapshot(repo).items()}
    # 1. dry run: the plan, nothing written
    r = cli("migrate", ".", "--to", "copilot,opencode", "--dry-run", cwd=repo)
    assert r.returncode == 8, r.stderr
    assert ".claude/agents/reviewer.md -> .github/agents/reviewer.agent.md  (claude -> copilot)" in r.stdout
    assert ".github/agents/planner.agent.md -> .opencode/agent/planner.md  (copilot -> opencode)" in r.stdout
    assert "skip" not in r.stdout  # .gitignore honoured
    assert ".claude/agents/broken.md:1: the '---' frontmatter header is not closed" in r.stderr
    assert "notutf8.md: not UTF-8" in r.stderr
    assert snapshot(repo) == sources
    # 2. diff: unified diffs of new files, nothing written
    r = cli("migrate", ".", "--to", "copilot", "--diff", cwd=repo)
    assert "+++ b/.github/agents/reviewer.agent.md" in r.stdout and "+  - read/readFile" in r.stdout
    assert snapshot(repo) == sources
    # 3. the real run: every good file converted, the bad ones reported, exit 8 (partial)
    r = cli("migrate", ".", "--to", "copilot,opencode", "--json", cwd=repo)
    assert r.returncode == 8
    data = json.loads(r.stdout)
    by = {(f["source"], f["to"]): f for f in data["files"]}
    assert by[".claude/agents/reviewer.md", "copilot"]["status"] == "converted"
    assert by[".claude/agents/reviewer.md", "opencode"]["target"] == ".opencode/agent/reviewer.md"
    assert by[".github/agents/planner.agent.md", "copilot"]["status"] == "skipped"
    assert by[".claude/agents/broken.md", None]["status"] == "failed"
    after = snapshot(repo)
    for path, digest in sources.items():  # no source byte changed
        assert after[path] == digest, path
    new = set(after) - set(sources)
    assert new == {".github/agents/reviewer.agent.md", ".github/agents/tester.agent.md", ".github/agents/docs.agent.md",
                   ".opencode/agent/reviewer.md", ".opencode/agent/tester.md", ".opencode/agent/planner.md",
                   ".agentconv/manifest.json", ".agentconv/lock", ".agentconv/.gitignore"}, new  # nothing outside the target places
    opencode = (repo / ".opencode/agent/reviewer.md").read_text()
    assert '"*": deny' in opencode and "read: allow" in opencode and "mode: subagent" in opencode
    # 4. second run: idempotent, writes nothing
    mtimes = {p: os.stat(repo / p).st_mtime_ns for p in new}
    r = cli("migrate", ".", "--to", "copilot,opencode", "--json", cwd=repo)
    statuses = {f["status"] for f in json.loads(r.stdout)["files"] if f["status"] != "failed"}
    assert statuses == {"unchanged", "skipped"}, statuses
    assert {p: os.stat(repo / p).st_mtime_ns for p in new} == mtimes


def test_handwritten_target_is_kept(repo: Path) -> None:
    (repo / ".github/agents/reviewer.agent.md").write_text("hand written\n")
    r = cli("migrate", ".", "--to", "copilot", "--from", "claude", cwd=repo)
    assert r.returncode == 8
    assert ".github/agents/reviewer.agent.md was not written by agentconv" in r.stderr
    assert (repo / ".github/agents/reviewer.agent.md").read_text() == "hand written\n"
    r = cli("migrate", ".", "--to", "copilot", "--from", "claude", "--force", cwd=repo)
    assert (repo / ".github/agents/reviewer.agent.md").read_text().startswith("---\nname: reviewer\n")
    # edited after generation: kept again without --force
    (repo / ".github/agents/reviewer.agent.md").write_text("edited\n")
    r = cli("migrate", ".", "--to", "copilot", "--from", "claude", cwd=repo)
    assert "was not written by agentconv (or was edited since)" in r.stderr
    assert (repo / ".github/agents/reviewer.agent.md").read_text() == "edited\n"


def test_collisions_are_reported_and_resolved(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    for plugin in ("alpha", "beta"):
        d = repo / "plugins" / plugin / "agents"
        d.mkdir(parents=True)
        (d / "code-reviewer.md").write_text(CLAUDE.format(name="code-reviewer") + plugin)  # not the same bytes
    r = cli("migrate", ".", "--to", "copilot", cwd=repo)
    assert r.returncode == 8
    assert r.stderr.count("2 sources want this file") == 1  # one problem, one line (not one per source)
    assert not (repo / ".github").exists()  # neither clobbered
    r = cli("migrate", ".", "--to", "copilot", "--prefix-collisions", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert (repo / ".github/agents/alpha-code-reviewer.agent.md").exists()
    assert (repo / ".github/agents/beta-code-reviewer.agent.md").exists()



def test_prefix_collisions_go_as_far_up_as_it_takes_to_tell_sources_apart(tmp_path: Path) -> None:
    """Two plugin trees of the same shape (plugins/x/agents/valid/review.md, plugins/y/...): the nearest folder that
    says something is 'valid' for both, which would still collide: one more folder tells them apart (was: the
    collision stood even with --prefix-collisions); folders that already differ keep one (alpha-, beta-). (Two nested
    projects of that shape, fixtures/x/valid/.opencode/agent/review.md and fixtures/y/..., no longer collide: each is
    written below its own project, tests/test_migrate_nested.py.)"""
    from agentconv.naming import prefixed_apart

    assert prefixed_apart([("p/alpha/agents/r.md", "r", "agent"), ("p/beta/agents/r.md", "r", "agent")]) == {
        "p/alpha/agents/r.md": "alpha-r", "p/beta/agents/r.md": "beta-r"}
    repo = tmp_path / "r"
    for tree in ("x", "y"):
        d = repo / "plugins" / tree / "agents" / "valid"
        d.mkdir(parents=True)
        (d / "review.md").write_text(f"---\nname: review\ndescription: Reviews {tree}.\n---\nReview.\n")
    r = cli("migrate", ".", "--to", "copilot", "--prefix-collisions", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (repo / ".github/agents").iterdir()) == [
        "x-valid-review.agent.md", "y-valid-review.agent.md"]


def test_prefix_collisions_tell_apart_sources_only_generic_folders_tell_apart(tmp_path: Path) -> None:
    """A template repository keeps one skill twice, at skills/NAME/ and .github/skills/NAME/: only folders that say
    nothing differ, so those name them (was: both prefixed with the repository's folder, and the collision stood
    even with --prefix-collisions)."""
    from agentconv.naming import prefixed_apart

    assert prefixed_apart([("t/skills/a/SKILL.md", "a", "agent"), ("t/.github/skills/a/SKILL.md", "a", "agent")]) == {
        "t/skills/a/SKILL.md": "t-skills-a", "t/.github/skills/a/SKILL.md": "github-skills-a"}
    src = tmp_path / "t"
    for where in ("skills", ".github/skills"):
        (src / where / "tidy").mkdir(parents=True)
        (src / where / "tidy" / "SKILL.md").write_text("---\nname: tidy\ndescription: Tidy code.\n---\nTidy.\n")
    r = cli("convert", str(src), "--from", "skill", "--to", "gemini", "-o", str(tmp_path / "o"), "--prefix-collisions",
            cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "o/.gemini/agents").iterdir()) == ["github-skills-tidy.md", "t-skills-tidy.md"]


def test_prefix_collisions_looks_past_a_plugin_s_commands_and_skills_folders(tmp_path: Path) -> None:
    """Two plugins' commands (``plugins/P/commands/x.md``) and skills (``plugins/P/skills/x/SKILL.md``) that want one
    target are named after their plugins: before, both became ``commands-x`` (``x-x``) and collided again."""
    repo = tmp_path / "r"
    for plugin in ("alpha", "beta"):
        (repo / "plugins" / plugin / "commands").mkdir(parents=True)
        (repo / "plugins" / plugin / "commands" / "trace.md").write_text("---\ndescription: Trace\n---\nTrace it.\n")
        (repo / "plugins" / plugin / "skills" / "tidy").mkdir(parents=True)
        (repo / "plugins" / plugin / "skills" / "tidy" / "SKILL.md").write_text(
            "---\nname: tidy\ndescription: Tidy up\n---\nTidy.\n")
    r = cli("migrate", ".", "--to", "copilot", "--prefix-collisions", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (repo / ".github/agents").iterdir()) == ["alpha-tidy.agent.md", "beta-tidy.agent.md"]
    assert sorted(p.name for p in (repo / ".github/prompts").iterdir()) == [  # commands: Copilot's prompt files
        "alpha-trace.prompt.md", "beta-trace.prompt.md"]

def test_sync_check(repo: Path) -> None:
    for bad in ("broken.md", "notutf8.md"):
        (repo / ".claude/agents" / bad).unlink()
    (repo / ".agentconv.toml").write_text('from = "claude"\nto = ["copilot"]\n')
    r = cli("sync", ".", "--check", cwd=repo)
    assert r.returncode == 9
    assert ".github/agents/reviewer.agent.md is missing (from .claude/agents/reviewer.md)" in r.stderr
    assert cli("migrate", ".", "--to", "copilot", "--from", "claude", cwd=repo).returncode == 0
    r = cli("sync", ".", "--check", cwd=repo)
    assert r.returncode == 0, r.stderr
    src = repo / ".claude/agents/reviewer.md"
    src.write_text(src.read_text().replace("Reviews code", "Audits code"))
    r = cli("sync", ".", "--check", cwd=repo)
    assert r.returncode == 9 and ".github/agents/reviewer.agent.md is stale" in r.stderr


def test_library_plan_and_migrate(repo: Path) -> None:
    import agentconv

    outcome = agentconv.plan(repo, ["opencode"], from_="claude")
    planned = {r.source: r.status for r in outcome.records}
    assert planned[".claude/agents/reviewer.md"] == "planned"
    assert planned[".claude/agents/broken.md"] == "failed"
    assert not (repo / ".opencode/agent/reviewer.md").exists()
    outcome = agentconv.migrate(repo, ["opencode"], from_="claude", jobs=2)
    assert outcome.summary.statuses["converted"] == 2
    assert (repo / ".opencode/agent/tester.md").exists()


def test_pre_commit_hook_runs_sync_check() -> None:
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["id"] == "agentconv-sync" and hooks[0]["entry"] == "agentconv sync --check"


def test_repository_must_be_a_directory(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-repo"
    r = cli("migrate", str(missing), "--to", "copilot", cwd=tmp_path)
    assert r.returncode == 2 and "the repository must be a directory (no such directory)" in r.stderr
    assert not missing.exists()  # nothing created on the way
    afile = tmp_path / "agent.md"
    afile.write_text(CLAUDE.format(name="x"))
    r = cli("migrate", str(afile), "--to", "copilot", cwd=tmp_path)
    assert r.returncode == 2 and "the repository must be a directory (a file)" in r.stderr


def test_nothing_to_do_writes_no_manifest(tmp_path: Path) -> None:
    (tmp_path / "agents").mkdir()  # a collection kept where no tool looks: said, with the way to convert it
    (tmp_path / "agents" / "x.md").write_text(CLAUDE.format(name="x"))
    r = cli("migrate", ".", "--to", "copilot", cwd=tmp_path)
    assert r.returncode == 0 and r.stderr.startswith("nothing to do: no agent file where the tools keep them")
    assert "agentconv convert DIR" in r.stderr and r.stderr.count("\n") == 1
    assert not (tmp_path / ".agentconv").exists()
    (tmp_path / ".claude" / "agents").mkdir(parents=True)  # found but all skipped: the counts, not the hint
    (tmp_path / ".claude" / "agents" / "y.md").write_text(CLAUDE.format(name="y"))
    r = cli("migrate", ".", "--to", "claude", cwd=tmp_path)
    assert r.returncode == 0 and "skipped" in r.stderr and "no agent file" not in r.stderr


def test_agentconv_s_own_folder_is_not_walked_for_gitignore_files(tmp_path):
    """``.agentconv/`` (the manifest, the lock and its .gitignore) is never walked by discovery, so a second run
    neither reads its .gitignore nor loads pathspec for it; a repository's own .gitignore still is (test above)."""
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "a.md").write_text("---\nname: a\ndescription: d\n---\nHi.\n", encoding="utf-8")
    from agentconv import migration

    migration.migrate(tmp_path, ["copilot"])
    assert (tmp_path / ".agentconv" / ".gitignore").is_file()
    code = ("import sys; from agentconv.discover import agent_files\n"
            f"print([e.rel for e in agent_files({str(tmp_path)!r})], 'pathspec' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "['.claude/agents/a.md'] False"



def test_migrate_writes_commands_in_the_tool_s_dialect_for_commands(tmp_path: Path) -> None:
    """``--to copilot`` takes a Claude plugin's agents to .github/agents and its commands to .github/prompts (Copilot's
    prompt files), each said (``kind-mapped``), not as agents; naming both dialects writes each record once, in the
    one of its kind; a tool with no dialect for commands (Roo) still gets the command as an agent (``kind-changed``);
    sync removes a routed command's target when its source is gone."""
    repo = tmp_path / "r"
    (repo / "plugins/kit/agents").mkdir(parents=True)
    (repo / "plugins/kit/agents/reviewer.md").write_text(CLAUDE.format(name="reviewer"))
    (repo / "plugins/kit/commands").mkdir(parents=True)
    (repo / "plugins/kit/commands/ship.md").write_text("---\ndescription: Ship it\n---\nShip $ARGUMENTS.\n")

    def made(*to: str) -> list[tuple[str, str, str, list[str]]]:
        r = cli("migrate", ".", "--to", ",".join(to), "--dry-run", "--json", "-v", cwd=repo)
        assert r.returncode == 0, r.stderr
        return sorted((Path(f["source"]).name, f["to"], f["target"], [x["code"] for x in f["losses"] if x["path"] == "kind"])
                      for f in json.loads(r.stdout)["files"])

    assert made("copilot") == [("reviewer.md", "copilot", ".github/agents/reviewer.agent.md", []),
                               ("ship.md", "copilot-prompt", ".github/prompts/ship.prompt.md", ["kind-mapped"])]
    assert made("copilot", "copilot-prompt") == [("reviewer.md", "copilot", ".github/agents/reviewer.agent.md", []),
                                                 ("ship.md", "copilot-prompt", ".github/prompts/ship.prompt.md", [])]
    roo = made("roo")  # both merged into one .roomodes, whose report holds the command's kind-changed
    assert [r[:3] for r in roo] == [("reviewer.md", "roo", ".roomodes"), ("ship.md", "roo", ".roomodes")]
    assert {c for r in roo for c in r[3]} == {"kind-changed"}
    assert cli("migrate", ".", "--to", "copilot", cwd=repo).returncode == 0
    (repo / "plugins/kit/commands/ship.md").unlink()
    (repo / ".agentconv.toml").write_text('to = ["copilot"]\n')
    r = cli("sync", ".", "--from", "claude-command", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert not (repo / ".github/prompts/ship.prompt.md").exists()
    assert (repo / ".github/agents/reviewer.agent.md").exists()


def test_one_agent_copied_into_two_plugins_is_written_once_and_goes_with_its_last_source(tmp_path: Path) -> None:
    """Two byte-identical sources that become one target are no collision: written once, both its origins in the
    manifest (removing one copy keeps the target, the other still makes it); once they differ, they collide."""
    repo = tmp_path / "r"
    for plugin in ("alpha", "beta"):
        d = repo / "plugins" / plugin / "agents"
        d.mkdir(parents=True)
        (d / "code-reviewer.md").write_text(CLAUDE.format(name="code-reviewer"))
    r = cli("migrate", ".", "--to", "copilot", "-v", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert "plugins/beta/agents/code-reviewer.md: info [source-repeated] plugins/beta/agents/code-reviewer.md becomes " \
           "the very file plugins/alpha/agents/code-reviewer.md becomes (.github/agents/code-reviewer.agent.md): " \
           "written once, for both" in r.stderr
    assert [p.name for p in (repo / ".github/agents").iterdir()] == ["code-reviewer.agent.md"]
    manifest = json.loads((repo / ".agentconv/manifest.json").read_text())
    assert manifest["origins"][".github/agents/code-reviewer.agent.md"]["sources"] == [
        "plugins/alpha/agents/code-reviewer.md", "plugins/beta/agents/code-reviewer.md"]
    (repo / "plugins/alpha/agents/code-reviewer.md").unlink()
    r = cli("sync", ".", "--to", "copilot", "--from", "claude", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert (repo / ".github/agents/code-reviewer.agent.md").exists()
    (repo / "plugins/alpha/agents/code-reviewer.md").write_text(CLAUDE.format(name="code-reviewer") + "More.\n")
    r = cli("sync", ".", "--to", "copilot", "--from", "claude", cwd=repo)
    assert r.returncode == 8 and r.stderr.count("2 sources want this file") == 1
