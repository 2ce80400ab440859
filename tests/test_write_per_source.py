"""What the write half of a migration does again for every source (issue 11): counted, never timed."""
from __future__ import annotations

from pathlib import Path

from agentconv import api, migration
from agentconv.loss import Policy

AGENT = "---\nname: {n}\ndescription: Agent {n}.\ntools: Read, Grep\nmodel: sonnet\n---\nBody {n}.\n"


def test_writing_a_source_runs_no_import_statement(tmp_path, monkeypatch, imports_of):
    """An import statement inside a function runs the import machinery at every call, even for a module loaded long
    ago (about 11,000 instructions under callgrind: a third of a percent of a whole source's conversion each); the
    write half of ``migrate`` (``_work_one`` and what it calls for each target, the read left out) runs none."""
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    for n in ("a", "b"):
        (agents / f"{n}.md").write_text(AGENT.format(n=n), encoding="utf-8")
    job = migration.Job(("copilot", "opencode"), None, str(tmp_path), Policy(), "plan")
    assert [r.status for r in migration._work_one(job, str(agents / "a.md"), ".claude/agents/a.md")] == ["planned", "planned"]
    doc, report = api.read(str(agents / "b.md"), None, path=".claude/agents/b.md")
    monkeypatch.setattr(api, "read", lambda *a, **k: (doc, report))  # the read counted out: this test is the write's
    imported, records = imports_of(lambda: migration._work_one(job, str(agents / "b.md"), ".claude/agents/b.md"))
    assert [(r.target, r.status) for r in records] == [(".github/agents/b.agent.md", "planned"),
                                                       (".opencode/agent/b.md", "planned")]
    assert imported == []
