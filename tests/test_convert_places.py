"""``convert DIR -o OUT`` keeps each source's place: the outputs of a nested project, a plugin or any other folder of
the input go below that folder of OUT, so two of them never want one file; a single project's outputs are where they
always were. (Was: every output at the target's layout at the top of OUT, so two plugins' commands/setup.md, or an
agent and its copy under docs/examples/, were both refused as a collision: 144 of a corpus sweep's failures, 2,804 of
a shadow corpus's.)"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from agentconv.batch import convert_many

ROOT = Path(__file__).resolve().parent.parent


def _agent(path: Path, name: str, said: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nname: {name}\ndescription: {said}\n---\n{said}\n")


def _made(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and ".agentconv" not in p.parts)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = ROOT / ".venv" / "bin" / "agentconv"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "agentconv"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=120)


def test_the_home_of_a_source() -> None:
    from agentconv.discover import home_of

    assert home_of("plugins/a/agents/r.md", "claude") == "plugins/a/"
    assert home_of("plugins/a/commands/git/c.md", "claude-command") == "plugins/a/"  # git:c: named below commands/
    assert home_of("plugins/a/skills/s/SKILL.md", "skill") == "plugins/a/"  # a skill is named by its folder
    assert home_of("docs/x/.claude/agents/team/r.md", "claude") == "docs/x/"  # a nested project (project_of)
    assert home_of("tests/golden/kiro/agents/r.md", "claude") == "tests/golden/kiro/"
    assert home_of("modes/python/dev.yaml", "roo") == "modes/python/"  # a folder of loose files
    assert home_of("lesson/.roomodes", "roo") == "lesson/"
    for top in (".claude/agents/eng/r.md", "agents/r.md", "r.md", "agents/specialists/r.md", "skills/s/SKILL.md",
                "s/SKILL.md", ".roomodes", ".github/prompts/p.prompt.md"):
        assert home_of(top, None) == "", top
    assert home_of("commands/git/c.toml", "gemini-command") == ""  # git:c, a command of the top's


def test_two_plugins_agents_of_one_name_each_go_below_their_plugin_and_the_project_s_stay_at_the_top(tmp_path):
    """Two plugins' agents/reviewer.md: each below its plugin's folder of OUT. The project's own (its tool folders,
    sub-folders of .claude/agents/ too, a collection in agents/) at the top of OUT, as before; so too a folder given
    inside a tool's place. At user scope (the home folder's layout: one place) the two plugins still collide."""
    src = tmp_path / "in"
    for plugin in ("alpha", "beta"):
        _agent(src / "plugins" / plugin / "agents/reviewer.md", "reviewer", f"Reviews {plugin}.")
    _agent(src / ".claude/agents/a.md", "a", "A.")
    _agent(src / ".claude/agents/eng/b.md", "b", "B.")
    _agent(src / "agents/c.md", "c", "C.")
    (src / ".github/agents").mkdir(parents=True)
    (src / ".github/agents/d.agent.md").write_text("---\ndescription: D.\n---\nD.\n")
    results = list(convert_many([src], "copilot", tmp_path / "out"))
    assert sorted(r.status for r in results) == ["converted"] * 6
    assert _made(tmp_path / "out") == [".github/agents/a.agent.md", ".github/agents/b.agent.md",
                                       ".github/agents/c.agent.md", ".github/agents/d.agent.md",
                                       "plugins/alpha/.github/agents/reviewer.agent.md",
                                       "plugins/beta/.github/agents/reviewer.agent.md"]
    assert "Reviews beta." in (tmp_path / "out/plugins/beta/.github/agents/reviewer.agent.md").read_text()
    manifest = json.loads((tmp_path / "out/.agentconv/manifest.json").read_text())
    assert sorted(manifest["files"]) == _made(tmp_path / "out")  # each listed where it was written
    list(convert_many([src / ".claude/agents"], "gemini", tmp_path / "out2"))
    assert _made(tmp_path / "out2") == [".gemini/agents/a.md", ".gemini/agents/b.md"]
    list(convert_many([src / ".claude/agents/eng"], "gemini", tmp_path / "out3"))
    assert _made(tmp_path / "out3") == [".gemini/agents/b.md"]
    results = list(convert_many([src / "plugins"], "copilot", tmp_path / "home", scope="user"))
    assert [r.status for r in results] == ["failed", "failed"] and all("both become" in r.error for r in results)


def test_a_nested_project_and_a_folder_of_copies_keep_their_place_but_one_project_still_collides(tmp_path) -> None:
    """An agent at the root, its copy in docs/examples/.claude/agents/ (a nested project) and in tests/golden/kiro/
    agents/ (a folder of files): three outputs, each below its own folder. Two sources of one place that become one
    file are still both refused, with one line naming both, and nothing of them is written."""
    src = tmp_path / "in"
    _agent(src / ".claude/agents/reviewer.md", "reviewer", "Root.")
    _agent(src / "docs/examples/.claude/agents/reviewer.md", "reviewer", "Example.")
    _agent(src / "tests/golden/kiro/agents/reviewer.md", "reviewer", "Golden.")
    r = _cli("convert", str(src), "--from", "claude", "--to", "opencode", "-o", str(tmp_path / "out"), "--json")
    assert r.returncode == 0, r.stderr
    assert {f["target"] for f in json.loads(r.stdout)["files"]} == {
        str(tmp_path / "out" / rel) for rel in (".opencode/agent/reviewer.md",
                                                "docs/examples/.opencode/agent/reviewer.md",
                                                "tests/golden/kiro/.opencode/agent/reviewer.md")}
    assert "Example." in (tmp_path / "out/docs/examples/.opencode/agent/reviewer.md").read_text()
    (src / ".github/agents").mkdir(parents=True)  # the same project's Copilot agent of that name: one opencode file
    (src / ".github/agents/reviewer.agent.md").write_text("---\ndescription: Copilot's.\n---\nCopilot.\n")
    r = _cli("convert", str(src), "--to", "opencode", "-o", str(tmp_path / "out2"))
    assert r.returncode == 8
    errors = [line for line in r.stderr.splitlines() if line.startswith("agentconv: error: ")]
    assert len(errors) == 1 and " both become " + str(tmp_path / "out2/.opencode/agent/reviewer.md") in errors[0]
    assert str(src / ".claude/agents/reviewer.md") in errors[0] and str(src / ".github/agents/reviewer.agent.md") in \
        errors[0]
    assert _made(tmp_path / "out2") == ["docs/examples/.opencode/agent/reviewer.md",
                                        "tests/golden/kiro/.opencode/agent/reviewer.md"]


def test_folders_of_loose_files_each_keep_their_folder_and_a_merged_target_is_one_file_per_folder(tmp_path) -> None:
    """A collection sorted into folders (modes/python/dev.md, modes/general/dev.md): each keeps its folder; into Roo,
    whose records share one .roomodes, each folder gets its own, holding its own records."""
    src = tmp_path / "in"
    for folder in ("python", "general"):
        (src / "modes" / folder).mkdir(parents=True)
        (src / "modes" / folder / "dev.md").write_text(f"You develop in {folder}.\n")
    (src / "modes/general/ops.md").write_text("You run things.\n")
    results = list(convert_many([src], "claude", tmp_path / "out", from_="markdown"))
    assert sorted(r.status for r in results) == ["converted"] * 3
    assert _made(tmp_path / "out") == ["modes/general/.claude/agents/dev.md", "modes/general/.claude/agents/ops.md",
                                       "modes/python/.claude/agents/dev.md"]
    results = list(convert_many([src], "roo", tmp_path / "roo", from_="markdown"))
    assert sorted(r.status for r in results) == ["converted"] * 3
    assert _made(tmp_path / "roo") == ["modes/general/.roomodes", "modes/python/.roomodes"]
    general = (tmp_path / "roo/modes/general/.roomodes").read_text()
    assert "slug: dev" in general and "slug: ops" in general and "in python" not in general
