"""A repository that holds several projects (``packages/a/.claude/agents/x.md`` beside ``packages/b/.claude/agents/x.md``):
``migrate`` keeps the repository's shape, each nested project's targets below that project's folder, where the tools
read them when they run there; they wrote into one ``.github/agents/`` and collided (17 such collisions in a shadow
corpus of real repositories). ``sync`` reads back what ``migrate`` wrote."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from agentconv import migration


def agent(root: Path, rel: str, name: str = "x") -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(f"---\nname: {name}\ndescription: Reviews {name} in {rel}.\ntools: Read\n---\nBody of {rel}.\n", "utf-8")


def repo(root: Path) -> None:
    for project in ("", "packages/a/", "packages/b/"):
        agent(root, f"{project}.claude/agents/x.md")


def test_each_nested_project_keeps_its_own_targets(tmp_path) -> None:
    repo(tmp_path)
    got = migration.migrate(tmp_path, ["copilot", "roo"], jobs=1)
    where = sorted((r.source, r.target, r.status) for r in got.records)
    assert where == [
        (".claude/agents/x.md", ".github/agents/x.agent.md", "converted"),  # the root's: where it always went
        (".claude/agents/x.md", ".roomodes", "converted"),
        ("packages/a/.claude/agents/x.md", "packages/a/.github/agents/x.agent.md", "converted"),
        ("packages/a/.claude/agents/x.md", "packages/a/.roomodes", "converted"),
        ("packages/b/.claude/agents/x.md", "packages/b/.github/agents/x.agent.md", "converted"),
        ("packages/b/.claude/agents/x.md", "packages/b/.roomodes", "converted"),
    ], where
    assert got.summary.exit_code() == 0
    assert "Body of packages/b/.claude/agents/x.md" in (tmp_path / "packages/b/.github/agents/x.agent.md").read_text()
    roomodes = (tmp_path / "packages/a/.roomodes").read_text()  # one project's modes, not every project's merged
    assert "packages/a/" in roomodes and "packages/b/" not in roomodes and "Body of .claude" not in roomodes
    again = migration.migrate(tmp_path, ["copilot", "roo"], jobs=1)
    assert {r.status for r in again.records} == {"unchanged"}


def test_the_output_folder_keeps_the_shape_and_nothing_is_written_outside_it(tmp_path) -> None:
    src, out = tmp_path / "repo", tmp_path / "out"
    repo(src)
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    got = migration.migrate(src, ["opencode"], out=out, jobs=1)
    assert got.summary.exit_code() == 0
    after = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert sorted(set(after) - set(before)) == [
        "out/.agentconv/.gitignore", "out/.agentconv/lock", "out/.agentconv/manifest.json",
        "out/.opencode/agent/x.md", "out/packages/a/.opencode/agent/x.md", "out/packages/b/.opencode/agent/x.md"]


def test_sync_reads_back_what_migrate_wrote_below_a_nested_project(tmp_path) -> None:
    """``sync --check`` is clean after ``migrate``; an edited nested source makes its own target stale (and only it);
    a removed one has its target removed."""
    repo(tmp_path)
    migration.migrate(tmp_path, ["copilot"], jobs=1)
    clean = migration.sync_check(tmp_path, ["copilot"], from_="claude", jobs=1)
    assert {r.status for r in clean.records} == {"unchanged"} and clean.summary.exit_code() == 0
    p = tmp_path / "packages/a/.claude/agents/x.md"
    p.write_text(p.read_text() + "One more line.\n")
    stale = migration.sync_check(tmp_path, ["copilot"], from_="claude", jobs=1)
    assert [(r.source, r.target) for r in stale.records if r.status == "stale"] == [
        ("packages/a/.claude/agents/x.md", "packages/a/.github/agents/x.agent.md")]
    p.unlink()
    gone = migration.migrate(tmp_path, ["copilot"], from_="claude", remove_orphans=True, jobs=1)
    assert [(r.target, r.status) for r in gone.records if r.status == "removed"] == [
        ("packages/a/.github/agents/x.agent.md", "removed")]
    assert not (tmp_path / "packages/a/.github").exists() and (tmp_path / "packages/b/.github/agents/x.agent.md").is_file()


def test_a_fresh_clone_takes_the_nested_outputs_for_outputs(tmp_path) -> None:
    """Without the manifest (a fresh clone), a nested project's converted agent is known as the output of the source
    beside it, not read as a second source that would collide."""
    repo(tmp_path)
    migration.migrate(tmp_path, ["copilot"], jobs=1)
    shutil.rmtree(tmp_path / ".agentconv")
    got = {r.source: r for r in migration.migrate(tmp_path, ["copilot"], jobs=1).records}
    assert got["packages/a/.github/agents/x.agent.md"].status == "skipped"
    assert "the output of packages/a/.claude/agents/x.md" in got["packages/a/.github/agents/x.agent.md"].error
    assert got["packages/a/.claude/agents/x.md"].status == "unchanged"


def test_a_file_given_from_outside_goes_to_the_root_places(tmp_path, monkeypatch) -> None:
    """``--file`` from outside the repository names no project of it: its target is at the root's place, never a path
    made of ``../``; a found source's nested place is kept beside it."""
    agent(tmp_path / "repo", "packages/a/.claude/agents/x.md")
    agent(tmp_path / "elsewhere", ".claude/agents/y.md", "y")
    monkeypatch.chdir(tmp_path / "repo")
    got = migration.migrate(".", ["copilot"], files=["../elsewhere/.claude/agents/y.md"], jobs=1)
    assert sorted((r.source, r.target) for r in got.records) == [
        ("../elsewhere/.claude/agents/y.md", ".github/agents/y.agent.md"),
        ("packages/a/.claude/agents/x.md", "packages/a/.github/agents/x.agent.md")]


def test_the_project_of_a_found_file() -> None:
    from agentconv.discover import project_of

    assert project_of(".claude/agents/x.md") == ""
    assert project_of("packages/a/.claude/agents/sub/x.md") == "packages/a/"
    assert project_of("apps/web/.github/agents/x.agent.md") == "apps/web/"
    assert project_of("apps/web/.github/prompts/p.prompt.md") == "apps/web/"
    assert project_of("a/.opencode/opencode.json") == "a/" and project_of("a/b/opencode.jsonc") == "a/b/"
    assert project_of(".opencode/opencode.json") == "" and project_of("opencode.json") == ""
    assert project_of("lesson_3/.roomodes") == "lesson_3/"
    assert project_of(".claude/worktrees/w/.claude/agents/x.md") == ".claude/worktrees/w/"  # the deepest place
    assert project_of(".claude/agents/team/.github/notes.md") == ""  # .github/notes.md is no place of .github
    assert project_of("plugins/p/agents/x.md") == ""  # a plugin's folder is no project
    assert project_of("pkg/skills/s/SKILL.md") == "" and project_of("docs/x.agent.md") == ""
    assert project_of("roo/custom_modes.yaml") == ""  # Roo's global settings file: no project's
    assert project_of("../x/.claude/agents/y.md") == "" and project_of("/abs/.claude/agents/y.md") == ""


def test_the_cli_plan_names_the_nested_targets(tmp_path) -> None:
    import subprocess
    import sys

    repo(tmp_path)
    exe = Path(sys.executable).with_name("agentconv")
    r = subprocess.run([str(exe), "migrate", str(tmp_path), "--to", "gemini", "--dry-run", "--json", "-j", "1"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert sorted(f["target"] for f in json.loads(r.stdout)["files"]) == [
        ".gemini/agents/x.md", "packages/a/.gemini/agents/x.md", "packages/b/.gemini/agents/x.md"]
    assert not any(tmp_path.rglob(".gemini"))


def copilot(root: Path, rel: str, name: str, agents: str = "") -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    tools = "['read', 'agent']" if agents else "['read']"
    extra = f"agents: [{agents}]\n" if agents else ""
    p.write_text(f"---\nname: {name}\ndescription: {name} of {rel}.\ntools: {tools}\n{extra}---\nBody of {rel}.\n", "utf-8")


def test_an_agent_names_the_agents_of_its_own_project_and_of_the_projects_around_it(tmp_path) -> None:
    """A VS Code agent delegating to ``Reviewer`` in a repository where two projects each have one: each names its own
    project's agent as written (``Agent(reviewer)``), not left unresolved (``name-conflict``, ``Agent(Reviewer)``) for
    the other project's namesake; an agent of the root (``Helper``) is seen from a nested project too (Claude Code
    reads ``.claude/agents`` up to the git root); a nested project's own ``Helper`` hides the root's."""
    for project in ("packages/a/", "packages/b/"):
        copilot(tmp_path, f"{project}.github/agents/reviewer.agent.md", "Reviewer")
        copilot(tmp_path, f"{project}.github/agents/lead.agent.md", "Lead", "'Reviewer', 'Helper'")
    copilot(tmp_path, ".github/agents/aide.agent.md", "Helper")
    copilot(tmp_path, "packages/b/.github/agents/helper-b.agent.md", "Helper")
    got = migration.migrate(tmp_path, ["claude"], jobs=1)
    assert got.summary.exit_code() == 0
    assert not [i for r in got.records for i in r.losses if i["code"] == "name-conflict"]
    lead = {p: (tmp_path / f"packages/{p}/.claude/agents/lead.md").read_text().split("\n")[3] for p in "ab"}
    assert lead == {"a": "tools: Read, Agent(reviewer), Agent(aide)", "b": "tools: Read, Agent(reviewer), Agent(helper-b)"}, lead


def test_a_command_runs_in_the_agent_of_its_own_project(tmp_path) -> None:
    """OpenCode commands ``agent: review`` in two projects, each beside its own ``review`` agent: each is routed to its
    project's agent (Claude Code ``context: fork``, ``agent: review``), where neither was (two agents of one name); a
    command at the root finds no nested project's agent (OpenCode run at the root reads no ``packages/a/.opencode/``):
    refused, as for an agent nowhere."""
    review = "---\ndescription: Reviews code\nmode: subagent\npermission:\n  edit: deny\n  bash: deny\n---\nYou review.\n"
    rev = "---\ndescription: Review it\nagent: review\n---\nReview the change.\n"
    for rel, text in {"packages/a/.opencode/agent/review.md": review, "packages/a/.opencode/command/rev.md": rev,
                      "packages/b/.opencode/agent/review.md": review, "packages/b/.opencode/command/rev.md": rev,
                      ".opencode/command/rev.md": rev}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    got = {r.source: r for r in migration.migrate(tmp_path, ["claude"], jobs=1).records}
    assert {s: (r.status, r.target) for s, r in got.items() if "command" in s} == {
        "packages/a/.opencode/command/rev.md": ("converted", "packages/a/.claude/commands/rev.md"),
        "packages/b/.opencode/command/rev.md": ("converted", "packages/b/.claude/commands/rev.md"),
        ".opencode/command/rev.md": ("failed", None)}
    assert "cannot run it in opencode-command's agent 'review'" in got[".opencode/command/rev.md"].error
    for p in "ab":
        text = (tmp_path / f"packages/{p}/.claude/commands/rev.md").read_text()
        assert "context: fork\nagent: review\n" in text, text
