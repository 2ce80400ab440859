"""A skill's own files in ``convert DIR``: Claude Code loads a skill from its folder's ``SKILL.md`` alone and reads no
other markdown below it as a skill or agent (@anthropic-ai/claude-code 2.1.330: its skills walk stops at a folder
holding a file matching ``/^skill\\.md$/i``); the skill's ``references/*.md`` were each converted as an agent of their
own (``references/langs.md`` became a skill or Codex agent ``languages``), and its other files (scripts, assets)
were left out without a word. Each is now a skipped result that says so (shadow corpus: skills with ``scripts/`` and ``references/``)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def agentconv(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *args], capture_output=True, text=True)


def skill(root: Path) -> Path:
    folder = root / ".claude" / "skills" / "gitignore"
    (folder / "references").mkdir(parents=True)
    (folder / "assets").mkdir()
    (folder / "SKILL.md").write_text("---\nname: gitignore\ndescription: Make a .gitignore\n---\n"
                                     "Fill in assets/template.txt; read references/langs.md.\n")
    (folder / "references" / "langs.md").write_text("# Languages\n\nPython: __pycache__\n")
    (folder / "assets" / "template.txt").write_text("*.log\n")
    (root / ".claude" / "agents").mkdir(parents=True)
    (root / ".claude" / "agents" / "helper.md").write_text("---\nname: helper\ndescription: Helps\n---\nHelp.\n")
    return folder


@pytest.mark.parametrize("target", ["skill", "codex"])
def test_a_skills_own_files_are_accounted_for_and_not_made_agents(tmp_path, target):
    src = tmp_path / "repo"
    folder = skill(src)
    r = agentconv("convert", str(src), "--to", target, "-o", str(tmp_path / "out"), "--json")
    assert r.returncode == 0, r.stderr
    got = {Path(f["source"]).relative_to(src).as_posix(): f for f in json.loads(r.stdout)["files"]}
    for rel in ("references/langs.md", "assets/template.txt"):
        f = got[f".claude/skills/gitignore/{rel}"]  # was: langs.md converted as an agent, template.txt not named
        if target == "codex":  # the skill stays a skill for Codex (routing.py), its files copied beside it
            assert f["status"] == "converted" and f["target"].endswith(f".agents/skills/gitignore/{rel}")
        else:
            assert f["status"] == "skipped" and f"a file of the skill in {folder}" in f["reason"]
    assert got[".claude/skills/gitignore/SKILL.md"]["status"] == "converted"
    assert got[".claude/agents/helper.md"]["status"] == "converted"
    made = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
                  if p.is_file() and ".agentconv" not in p.parts)
    assert made == ([".agents/skills/gitignore/SKILL.md", ".agents/skills/gitignore/assets/template.txt",
                     ".agents/skills/gitignore/references/langs.md", ".codex/agents/helper.toml"] if target == "codex"
                    else [".claude/skills/gitignore/SKILL.md", ".claude/skills/helper/SKILL.md"])  # no "languages"
