"""`convert` of a skill `--to codex` routes it as `migrate` does (routing.py, one route for both): a skill, where Codex
reads skills (`.agents/skills/NAME/SKILL.md`, codex-rs core-skills loader.rs repo_agents_skill_roots), its folder's
other files along; it was written as a Codex custom agent (`.codex/agents/NAME.toml`), which Codex spawns as a
subagent rather than loading on demand. Said as migrate says it (a placeholder Codex does not expand, a skill only
the user runs). One file converted to standard output has no place for its folder's files: each is said. Synthetic
fixtures only."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import agentconv
from agentconv.migration import migrate

SKILL = "---\nname: tidy\ndescription: Tidy the imports when asked\n---\nSort imports. See references/rules.md.\n"
USER_ONLY = "---\nname: ship\ndescription: Ship it\ndisable-model-invocation: true\n---\nShip $ARGUMENTS now.\n"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *args], capture_output=True, text=True)


def skill(root: Path, name: str = "tidy", text: str = SKILL) -> Path:
    folder = root / ".claude" / "skills" / name
    (folder / "references").mkdir(parents=True)
    (folder / "SKILL.md").write_text(text)
    (folder / "references" / "rules.md").write_text("# Rules\n")
    (folder / "run.sh").write_bytes(b"#!/bin/sh\necho \xff\n")  # not UTF-8: copied as bytes
    return folder


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".agentconv" not in p.relative_to(root).parts}


def test_one_skill_file_to_codex_is_a_skill_where_codex_reads_it(tmp_path: Path) -> None:
    folder = skill(tmp_path)
    r = agentconv.convert(folder / "SKILL.md", "codex", route=True)
    assert (r.text, r.target, r.routed, r.path) == (SKILL, "skill", "codex", ".agents/skills/tidy/SKILL.md")
    dropped = sorted(i.message for i in r.report if i.code.value == "component-dropped")
    assert len(dropped) == 2 and dropped[0].startswith("references/rules.md not written") and \
        dropped[1].startswith("run.sh not written")
    out = cli("convert", str(folder / "SKILL.md"), "--to", "codex")
    assert out.returncode == 0, out.stderr
    assert out.stdout == SKILL and "skill -> skill (for codex)" in out.stderr


def test_a_skill_folder_to_codex_is_written_as_migrate_writes_it(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    skill(repo)
    skill(repo, "ship", USER_ONLY)
    converted, migrated = tmp_path / "converted", tmp_path / "migrated"
    r = cli("convert", str(repo / ".claude" / "skills"), "--to", "codex", "-o", str(converted), "--json")
    assert r.returncode == 0, r.stderr
    migrate(repo, ["codex"], out=migrated, jobs=1)
    assert tree(converted) == tree(migrated)
    assert sorted(tree(converted)) == [".agents/skills/ship/SKILL.md", ".agents/skills/ship/agents/openai.yaml",
                                       ".agents/skills/ship/references/rules.md",
                                       ".agents/skills/ship/run.sh", ".agents/skills/tidy/SKILL.md",
                                       ".agents/skills/tidy/references/rules.md", ".agents/skills/tidy/run.sh"]
    files = json.loads(r.stdout)["files"]
    assert {f["status"] for f in files} == {"converted"}  # the references are copied, no longer "skipped"
    said = {(Path(f["source"]).parent.name, i["code"]) for f in files for i in f["losses"]}
    # the skill only the user runs: its agents/openai.yaml says so to Codex (value-respelled), nothing lost
    assert {("ship", "value-respelled"), ("ship", "placeholder-unsupported"), ("tidy", "file-copied")} <= said
    assert ("ship", "kind-changed") not in said


def test_a_skill_converted_for_another_tool_is_not_routed(tmp_path: Path) -> None:
    """Routed for codex only; and the library's convert without ``route`` writes the dialect asked for."""
    folder = skill(tmp_path)
    assert agentconv.convert(folder / "SKILL.md", "codex").text.startswith('name = "tidy"')
    r = agentconv.convert(folder / "SKILL.md", "copilot", route=True)
    assert (r.target, r.routed) == ("copilot", None) and r.path.startswith(".github/agents/")


def test_a_skill_and_an_agent_of_one_name_do_not_collide_for_codex(tmp_path: Path) -> None:
    """The skill goes to .agents/skills/, the agent to .codex/agents/: two places, so --prefix-collisions renames
    neither (it took both for Codex roles named alike)."""
    repo = tmp_path / "repo"
    skill(repo)
    (repo / ".claude" / "agents").mkdir(parents=True)
    (repo / ".claude" / "agents" / "tidy.md").write_text("---\nname: tidy\ndescription: Tidies.\n---\nTidy.\n")
    out = tmp_path / "out"
    r = cli("convert", str(repo / ".claude"), "--to", "codex", "-o", str(out), "--prefix-collisions")
    assert r.returncode == 0, r.stderr
    assert sorted(tree(out)) == [".agents/skills/tidy/SKILL.md", ".agents/skills/tidy/references/rules.md",
                                 ".agents/skills/tidy/run.sh", ".codex/agents/tidy.toml"]
    assert tree(out)[".agents/skills/tidy/SKILL.md"] == SKILL.encode()
