"""sync finishes its job: regenerates (--force for hand-edited targets), removes what it wrote from a source that is
gone (--check reports it, exit 9, naming the fixing command); and the two pre-commit hooks, run by pre-commit."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from agentconv import manifest as mf
from agentconv import registry

ROOT = Path(__file__).resolve().parents[1]
CLAUDE = "---\nname: {name}\ndescription: Reviews code for {name}.\ntools: Read, Grep\n---\n\nYou review.\n"
EXE = Path(sys.executable).with_name("agentconv")


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXE), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def repo_with(tmp_path: Path, *names: str) -> Path:
    repo = tmp_path / "repo"
    (repo / ".claude/agents").mkdir(parents=True)
    for n in names:
        (repo / f".claude/agents/{n}.md").write_text(CLAUDE.format(name=n))
    (repo / ".agentconv.toml").write_text('from = "claude"\nto = ["copilot", "opencode"]\n')
    return repo


def test_sync_regenerates_and_force_replaces_a_hand_edited_target(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "a", "b")
    r = cli("sync", ".", cwd=repo)
    assert r.returncode == 0 and "4 converted" in r.stderr, r.stderr
    target = repo / ".github/agents/a.agent.md"
    target.write_text("edited by hand\n")
    r = cli("sync", ".", "--check", cwd=repo)
    assert r.returncode == 9
    assert ("agentconv: stale: .github/agents/a.agent.md is stale (from .claude/agents/a.md); edited by hand "
            "(`agentconv sync --force` replaces it)") in r.stderr.splitlines()
    r = cli("sync", ".", cwd=repo)
    assert r.returncode == 8 and "use --force to replace it" in r.stderr
    assert target.read_text() == "edited by hand\n"
    r = cli("sync", ".", "--force", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert target.read_text().startswith("---\nname: a\n")
    assert cli("sync", ".", "--check", cwd=repo).returncode == 0


def test_sync_takes_jobs_as_migrate_does(tmp_path: Path) -> None:
    """``sync --jobs N`` converts in N processes (a pool past 64 sources) and writes what ``--jobs 1`` writes."""
    names = [f"a{i}" for i in range(70)]
    one, two = repo_with(tmp_path / "one", *names), repo_with(tmp_path / "two", *names)
    assert cli("sync", ".", "--jobs", "1", cwd=one).returncode == 0
    r = cli("sync", ".", "-j", "2", cwd=two)
    assert r.returncode == 0 and "140 converted" in r.stderr, r.stderr
    written = {p.relative_to(one).as_posix(): p.read_bytes() for p in one.rglob("*") if p.is_file()}
    assert {p.relative_to(two).as_posix(): p.read_bytes() for p in two.rglob("*") if p.is_file()} == written
    r = cli("sync", ".", "--check", "--jobs", "0", cwd=one)
    assert r.returncode == 2 and r.stderr == "agentconv: error: --jobs must be at least 1, not 0\n"


def test_sync_removes_what_it_wrote_from_a_deleted_source(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "a", "b")
    assert cli("sync", ".", cwd=repo).returncode == 0
    origins = json.loads((repo / mf.MANIFEST).read_text())["origins"]
    assert origins[".opencode/agent/b.md"] == {"to": "opencode", "sources": [".claude/agents/b.md"]}
    (repo / ".claude/agents/b.md").unlink()
    r = cli("sync", ".", "--check", cwd=repo)
    assert r.returncode == 9
    lines = r.stderr.splitlines()
    assert ("agentconv: stale: .github/agents/b.agent.md is stale: its source .claude/agents/b.md is gone "
            "(`agentconv sync` removes it)") in lines
    assert lines[-1] == "4 targets checked: 2 out of sync; run `agentconv sync` to update them"
    assert (repo / ".github/agents/b.agent.md").exists()  # --check writes nothing
    r = cli("sync", ".", "--json", cwd=repo)
    assert r.returncode == 0, r.stderr
    removed = {f["target"] for f in json.loads(r.stdout)["files"] if f["status"] == "removed"}
    assert removed == {".github/agents/b.agent.md", ".opencode/agent/b.md"}
    assert not (repo / ".github/agents/b.agent.md").exists() and (repo / ".github/agents/a.agent.md").exists()
    assert sorted(mf.load(repo).files) == [".github/agents/a.agent.md", ".opencode/agent/a.md"]
    assert cli("sync", ".", "--check", cwd=repo).returncode == 0


def test_check_counts_apart_what_sync_cannot_write(tmp_path: Path) -> None:
    """A target sync refuses (a widening) is no stale file: `sync` cannot fix it, so --check names it as an error,
    counts it apart and exits 8 as sync itself does; 9 only when something is stale."""
    repo = repo_with(tmp_path, "a")  # Read, Grep: Codex has no sandbox without a shell, so the Codex target is refused
    (repo / ".agentconv.toml").write_text('from = "claude"\nto = ["copilot", "codex"]\n')
    assert cli("sync", ".", cwd=repo).returncode == 8
    r = cli("sync", ".", "--check", cwd=repo)
    lines = r.stderr.splitlines()
    assert r.returncode == 8, r.stderr
    assert lines[0].startswith("agentconv: error: .claude/agents/a.md: codex has no tool list") and len(lines) == 2
    assert lines[-1] == "2 targets checked: 0 out of sync; 1 that sync cannot write (above)"
    (repo / ".claude/agents/a.md").write_text(CLAUDE.format(name="a") + "More.\n")  # now one is stale too
    r = cli("sync", ".", "--check", cwd=repo)
    assert r.returncode == 9, r.stderr
    assert r.stderr.splitlines()[-1] == ("2 targets checked: 1 out of sync; run `agentconv sync` to update them; 1 that "
                                         "sync cannot write (above)")
    assert json.loads(cli("sync", ".", "--check", "--json", cwd=repo).stdout)["exit_code"] == 9


def test_a_file_of_another_in_a_targets_place_is_kept_in_check_and_plan(tmp_path: Path) -> None:
    """A target's place held by a file agentconv never wrote (a repository's own prompts): sync keeps it (exit 8), so
    --check counts it with what sync cannot write (8, not 9 forever in a hook) and a dry run plans it as kept."""
    repo = repo_with(tmp_path, "a")
    own = repo / ".github/agents/a.agent.md"
    own.parent.mkdir(parents=True)
    own.write_text("---\nname: a\ndescription: our own\n---\nOurs.\n")
    kept = ("agentconv: error: .github/agents/a.agent.md was not written by agentconv (or was edited since) "
            "(`agentconv sync --force` replaces it)")
    r = cli("sync", ".", "--check", cwd=repo)
    assert r.returncode == 9, r.stderr  # the OpenCode target is missing: that one sync writes
    assert r.stderr.splitlines() == [
        kept, "agentconv: stale: .opencode/agent/a.md is missing (from .claude/agents/a.md)",
        "2 targets checked: 1 out of sync; run `agentconv sync` to update them; 1 that sync cannot write (above)"]
    plan = json.loads(cli("migrate", ".", "--to", "copilot", "--from", "claude", "--dry-run", "--json",
                          cwd=repo).stdout)["files"]  # as sync reads the repository (from = claude)
    assert [(f["target"], f["status"]) for f in plan if f["target"]] == [(".github/agents/a.agent.md", "kept")]
    plan = json.loads(cli("migrate", ".", "--to", "copilot", "--dry-run", "--json", cwd=repo).stdout)["files"]
    assert [(f["target"], f["status"]) for f in plan if f["target"]] == [(".github/agents/a.agent.md", "failed")]
    assert all("refusing to overwrite a source file" in f["error"] for f in plan if f["target"])  # a source too
    assert cli("sync", ".", cwd=repo).returncode == 8 and own.read_text().endswith("Ours.\n")
    r = cli("sync", ".", "--check", cwd=repo)
    assert r.returncode == 8, r.stderr
    assert r.stderr.splitlines() == [kept, "2 targets checked: 0 out of sync; 1 that sync cannot write (above)"]


def test_an_orphan_edited_by_hand_is_kept_unless_forced(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "a")
    assert cli("sync", ".", cwd=repo).returncode == 0
    (repo / ".claude/agents/a.md").unlink()
    (repo / ".github/agents/a.agent.md").write_text("mine now\n")
    r = cli("sync", ".", cwd=repo)
    assert r.returncode == 8
    assert ("agentconv: error: .github/agents/a.agent.md: its source .claude/agents/a.md is gone, but it was edited "
            "since; use --force to remove it") in r.stderr.splitlines()
    assert (repo / ".github/agents/a.agent.md").read_text() == "mine now\n"
    assert not (repo / ".opencode/agent/a.md").exists()  # the unedited one is removed
    assert cli("sync", ".", "--force", cwd=repo).returncode == 0
    assert not (repo / ".github").exists()  # its folders go with it when empty


# ------------------------------------------------------------------------------------------------ pre-commit
HOOKS = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())


def _sample(glob: str) -> str:
    return glob.replace("**/", "sub/").replace("**", "sub/x.md").replace("*", "name")


def test_the_hooks_run_only_for_agent_files() -> None:
    assert [h["id"] for h in HOOKS] == ["agentconv-sync", "agentconv-regenerate"]
    assert [h["entry"] for h in HOOKS] == ["agentconv sync --check", "agentconv sync"]
    assert all("always_run" not in h and h["pass_filenames"] is False for h in HOOKS)
    rx = re.compile(HOOKS[0]["files"])
    assert HOOKS[1]["files"] == HOOKS[0]["files"]
    builtin = [d for d in registry.all_dialects() if type(d).__module__.startswith("agentconv.")]
    for d in builtin:  # every place a built-in dialect's table names, at the top and in a sub-project
        for glob in d.table.get("layout", {}).get("detect", []):
            for path in (_sample(glob), "pkg/" + _sample(glob)):
                assert rx.search(path), (d.id, glob, path)
    for path in ("README.md", "src/app.py", "docs/agents.txt", ".agentconv/lock", "package.json"):
        assert not rx.search(path), path


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _precommit(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "NO_COLOR": "1"}
    return subprocess.run([str(EXE.with_name("pre-commit")), "run", *args, "--color", "never"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_hooks_under_pre_commit(tmp_path: Path) -> None:
    """The hooks as .pre-commit-hooks.yaml declares them (entry, files, pass_filenames), run by pre-commit itself;
    only the language is `unsupported` (the agentconv of this checkout) instead of a fresh environment."""
    repo = repo_with(tmp_path, "a")
    (repo / "README.md").write_text("hello\n")
    local = []
    for h in HOOKS:
        hook = dict(h, language="unsupported", entry=str(EXE) + h["entry"].removeprefix("agentconv"))
        local.append(hook)
    yaml = YAML()
    with open(repo / ".pre-commit-config.yaml", "w") as fh:
        yaml.dump({"repos": [{"repo": "local", "hooks": local}]}, fh)
    assert cli("sync", ".", cwd=repo).returncode == 0
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init")
    # a change that is no agent file: both hooks are skipped
    (repo / "README.md").write_text("hello again\n")
    _git(repo, "add", "README.md")
    r = _precommit(repo)
    assert r.returncode == 0, r.stdout
    assert r.stdout.count("(no files to check)Skipped") == 2
    # the source changes: the check fails and names the fix; the regenerate hook fixes it
    src = repo / ".claude/agents/a.md"
    src.write_text(src.read_text().replace("Reviews code", "Audits code"))
    _git(repo, "add", "-A")
    r = _precommit(repo, "agentconv-sync")
    assert r.returncode == 1
    assert ".github/agents/a.agent.md is stale (from .claude/agents/a.md)" in r.stdout
    assert "run `agentconv sync` to update them" in r.stdout
    r = _precommit(repo, "agentconv-regenerate")
    assert r.returncode == 1 and "files were modified by this hook" in r.stdout
    assert "Audits code" in (repo / ".github/agents/a.agent.md").read_text()
    _git(repo, "add", "-A")
    r = _precommit(repo)
    assert r.returncode == 0, r.stdout
    assert r.stdout.count("Passed") == 2
    # a deleted source: its outputs are stale, and regenerating removes them
    src.unlink()
    _git(repo, "add", "-A")
    r = _precommit(repo, "--all-files", "agentconv-sync")
    assert r.returncode == 1 and "its source .claude/agents/a.md is gone" in r.stdout
    r = _precommit(repo, "--all-files", "agentconv-regenerate")
    assert r.returncode == 1 and not (repo / ".github/agents/a.agent.md").exists()
