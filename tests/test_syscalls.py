"""System calls per source of a migration (issue 11): what is asked of the file system once per folder or per run is
not asked again for every file. Counted, never timed."""
from __future__ import annotations

import os
import re
from pathlib import Path

from agentconv import migration, tree
from agentconv.dialects import settings
from agentconv.dialects.helpers import run_scope

AGENT = "---\nname: {n}\ndescription: Agent {n}.\ntools: Read, Grep\n---\nBody {n}.\n"


def _repo(root: Path, n: int) -> None:
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    for i in range(n):
        (agents / f"a{i}.md").write_text(AGENT.format(n=f"a{i}"))


def _counting(monkeypatch, name: str) -> list[str]:
    calls: list[str] = []
    inner = getattr(os, name)

    def counted(*args, **kwargs):
        calls.append(str(args[0]) if args else "")
        return inner(*args, **kwargs)

    monkeypatch.setattr(os, name, counted)
    return calls


def test_the_walk_tells_links_from_the_listing_not_an_lstat_per_file(tmp_path, monkeypatch):
    _repo(tmp_path, 30)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text("secret")
    (tmp_path / ".claude" / "agents" / "zz-link.md").symlink_to(outside)
    (tmp_path / ".claude" / "agents" / "zz-inside.md").symlink_to("a0.md")
    (tmp_path / ".claude" / "more").symlink_to("agents")  # inside the tree: followed, its files already seen
    (tmp_path / "skipme").mkdir()
    (tmp_path / "skipme" / "x.md").write_text("x")
    lstats = _counting(monkeypatch, "lstat")
    entries = list(tree.walk(tmp_path, skip=lambda name: name == "skipme"))
    plain = [p for p in lstats if re.search(r"/a\d+\.md$", p)]
    assert len(plain) <= 2  # a0.md, where the link to it is resolved (in both folders); not one per file (60 before)
    rels = {e.rel: e.problem for e in entries}
    assert len(rels) == 32  # 30 files and the link out, in both folders; the link to a0.md is a0.md again, yielded once
    assert rels[".claude/more/zz-link.md"] == rels[".claude/agents/zz-link.md"]
    assert rels[".claude/agents/zz-link.md"].startswith(f"a symbolic link to {outside}, outside")
    assert ".claude/agents/zz-inside.md" not in rels and rels[".claude/agents/a0.md"] is None
    assert [e.rel for e in entries][:3] == [".claude/agents/a0.md", ".claude/agents/a1.md", ".claude/agents/a10.md"]


def test_the_settings_beside_agents_ask_the_working_folder_once_per_folder(tmp_path, monkeypatch):
    _repo(tmp_path, 20)
    monkeypatch.chdir(tmp_path)
    cwd = _counting(monkeypatch, "getcwd")
    with run_scope():
        for i in range(20):
            assert settings.claude(f".claude/agents/a{i}.md") is None
    assert len(cwd) == 1
    assert settings._absolute(".claude/agents/a3.md") == os.path.abspath(".claude/agents/a3.md")
    assert settings._absolute(".claude/x/../agents/a3.md") == os.path.abspath(".claude/agents/a3.md")
    assert settings._absolute(str(tmp_path / "a.md")) == str(tmp_path / "a.md")


def test_a_migration_asks_for_the_working_folder_a_few_times_not_once_per_source(tmp_path, monkeypatch):
    _repo(tmp_path, 60)
    monkeypatch.chdir(tmp_path)
    cwd = _counting(monkeypatch, "getcwd")
    out = migration.migrate(".", to=["copilot"], jobs=1)
    assert out.summary.statuses["converted"] == 60
    assert len(cwd) < 30  # a fixed few (12 here), not one per source (71 before)


def _placed(root: Path, target: str) -> migration.Record:
    rec = migration.Record(".claude/agents/a.md", "copilot", target)
    migration._place(rec, "---\nname: a\n---\n", str(root), "write")
    return rec


def test_a_folder_found_holding_only_temp_files_is_not_looked_in_per_target(tmp_path, monkeypatch):
    folder = tmp_path / ".github" / "agents"
    folder.mkdir(parents=True)
    (folder / ".agentconv-1-ab1.tmp").write_text("another process of the pool staged this")
    monkeypatch.setattr(migration, "_MADE", {})
    stats = _counting(monkeypatch, "stat")
    first = _placed(tmp_path, ".github/agents/a.agent.md")
    second = _placed(tmp_path, ".github/agents/b.agent.md")
    assert migration._MADE == {str(folder): True}
    assert [p for p in stats if p.endswith(".agent.md")] == [str(folder / "a.agent.md")]  # the first only
    assert first.status == second.status == "converted" and first.prior is None and second.prior is None
    held = tmp_path / ".opencode" / "agent"  # a folder holding a target (and a file of the user's): read per target
    held.mkdir(parents=True)
    (held / "b.md").write_text("---\nname: a\n---\n")
    (held / "notes.txt").write_text("hand-written")
    _placed(tmp_path, ".opencode/agent/a.md")
    assert migration._MADE[str(held)] is False
    second = _placed(tmp_path, ".opencode/agent/b.md")
    assert second.status == "unchanged" and second.prior is not None
    third = _placed(tmp_path, ".opencode/agent/notes.txt")
    assert third.status == "converted" and third.prior is not None
