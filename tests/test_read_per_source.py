"""What the read half of a migration does again for every source, and a second run's hashing (issue 11): counted,
never timed."""
from __future__ import annotations

import hashlib

from agentconv import api, migration
from agentconv.dialects import helpers, settings
from agentconv.dialects.detection import OffPlace
from agentconv.loss import Policy

AGENT = "---\nname: {n}\ndescription: Agent {n}.\ntools: Read, Grep\nmodel: sonnet\n---\nBody {n}.\n"


def test_reading_a_source_runs_no_import_statement(tmp_path, imports_of):
    """An import statement inside a function runs the import machinery at every call (about 11,000 instructions
    each): reading a Claude Code agent, detected, runs none once the first has been read (Claude Code's check of the
    header it loads imported two at every agent); in a run, as a migration reads them."""
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    for n in ("a", "b"):
        (agents / f"{n}.md").write_text(AGENT.format(n=n), encoding="utf-8")
    scope = helpers.run_scope()  # as a migration reads its sources: the project's settings looked up once
    scope.__enter__()
    api.read(str(agents / "a.md"), None, path=".claude/agents/a.md")
    try:
        imported, (doc, report) = imports_of(lambda: api.read(str(agents / "b.md"), None, path=".claude/agents/b.md"))
    finally:
        scope.__exit__(None, None, None)
    assert report.source == "claude" and doc.agent.name == "b"
    assert imported == []
    for name, said in (("a：b", True), ("a:b", True), ("ａｂ", False), ("a-b", False)):  # the check's NFKC still read:
        _, report = api.read_text(f"---\nname: '{name}'\ndescription: D.\n---\nBody.\n".encode(), "claude",
                                  path=".claude/agents/x.md")  # a fullwidth colon is one (ASCII is its own NFKC)
        rejected = [i for i in report if i.code.value == "file-rejected"]
        assert bool(rejected) is said, name
        assert not said or "holds ':'" in rejected[0].message and rejected[0].line == 2


def test_a_folder_s_claude_settings_are_looked_for_once(tmp_path, monkeypatch):
    """Within a run, the project settings of an agent are worked out once per folder, not per agent (the path made
    absolute and the project found again for each source of a migration); the answer is the same as alone."""
    project = tmp_path / "p"
    (project / ".claude" / "agents").mkdir(parents=True)
    (project / ".claude" / "settings.json").write_text('{"permissions": {"deny": ["WebFetch"]}}', encoding="utf-8")
    files = [str(project / ".claude" / "agents" / f"{n}.md") for n in "abc"]
    alone = [settings.claude(f) for f in files]
    assert alone[0] is not None and alone[0].deny == ("WebFetch",)
    made: list[str] = []
    real = settings._absolute
    monkeypatch.setattr(settings, "_absolute", lambda f: made.append(f) or real(f))
    with helpers.run_scope():
        within = [settings.claude(f) for f in files]
        within.append(settings.claude(str(project / "x.md")))  # another folder: its own answer
    assert within == alone + [None]
    assert made == [files[0], str(project / "x.md")]


def test_detection_asks_the_off_place_bound_once(monkeypatch):
    """Detection skips the dialects at none of their places together by one bound (``OffPlace.most``): asked once a
    file, not once for each such dialect."""
    asked = []
    real = OffPlace.most
    monkeypatch.setattr(OffPlace, "most", lambda self, seen: asked.append(1) or real(self, seen))
    det = api.detect_text(AGENT.format(n="a").encode(), path=".claude/agents/a.md")
    assert det.dialect == "claude"
    asked.clear()
    doc, report = api.read_text(AGENT.format(n="a").encode(), None, path=".claude/agents/a.md")
    assert report.source == "claude" and len(asked) == 1


def test_a_second_run_hashes_each_target_once(tmp_path, monkeypatch):
    """A second run finds every target as it would write it: what is there hashes to the digest just taken, not
    hashed again (the manifest's figures the same)."""
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "a.md").write_text(AGENT.format(n="a"), encoding="utf-8")
    first = migration.migrate(tmp_path, ["copilot", "opencode"], jobs=1)
    assert sorted(r.status for r in first.records) == ["converted", "converted"]
    hashed: list[int] = []

    class Counted:
        @staticmethod
        def sha256(data=b""):
            hashed.append(len(data))
            return hashlib.sha256(data)

    monkeypatch.setattr(migration, "hashlib", Counted)
    again = migration.migrate(tmp_path, ["copilot", "opencode"], jobs=1)
    assert sorted(r.status for r in again.records) == ["unchanged", "unchanged"]
    assert [(r.prior, r.digest) for r in again.records] == [(r.digest, r.digest) for r in first.records]
    assert len(hashed) == 2
