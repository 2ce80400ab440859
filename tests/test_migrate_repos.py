"""Whole-repository ``migrate``/``sync`` hazards found on real repositories (the /var/tmp/repomig harness), each
with a small synthetic repository: the default repository ``.``, merged targets, accounting, idempotence."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from agentconv import migration


def exe() -> list[str]:
    e = Path(sys.executable).with_name("agentconv")
    return [str(e)] if e.exists() else [sys.executable, "-m", "agentconv"]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(exe() + list(args), cwd=cwd, capture_output=True, text=True, timeout=300)


def agent(root: Path, name: str, extra: str = "") -> None:
    p = root / ".claude" / "agents" / f"{name}.md"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(f"---\nname: {name}\ndescription: Reviews {name}.\n{extra}---\nBody of {name}.\n", "utf-8")


def test_a_target_at_the_root_of_the_current_directory_is_written(tmp_path, monkeypatch) -> None:
    """``migrate --to roo`` run in the repository (the default ``.``): the ``.roomodes`` at its root failed, "cannot
    write: No such file or directory" (the folder of ``.roomodes`` is ``''``), in every repository; a second run
    reports it unchanged."""
    agent(tmp_path, "a")
    r = cli("migrate", "--to", "roo", "--json", "-j", "1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert [f["status"] for f in json.loads(r.stdout)["files"]] == ["converted"]
    assert "slug: a" in (tmp_path / ".roomodes").read_text("utf-8")
    monkeypatch.chdir(tmp_path)
    again = migration.migrate(".", ["roo"], jobs=1)
    assert [x.status for x in again.records] == ["unchanged"] and again.summary.exit_code() == 0


def test_a_merged_target_that_cannot_be_written_fails_every_source_with_why(tmp_path) -> None:
    """Two agents merged into one ``.roomodes`` that cannot be written (a folder holds its name): every source's record
    says why (the second had status ``failed`` and no error, in --json and on stderr)."""
    agent(tmp_path, "a")
    agent(tmp_path, "b")
    (tmp_path / ".roomodes").mkdir()
    got = migration.migrate(tmp_path, ["roo"], jobs=1)
    assert [(x.status, x.exit_code) for x in got.records] == [("failed", 7), ("failed", 7)]
    assert all(x.error and ".roomodes" in x.error for x in got.records), [x.error for x in got.records]


def test_a_merged_target_that_is_a_source_fails_every_source_it_would_hold(tmp_path) -> None:
    """A repository with its own ``.roomodes`` and two Claude agents, ``--to roo``: the file is a source, never
    replaced; the first agent's record said so and the second's said ``converted``, though nothing was written."""
    agent(tmp_path, "a")
    agent(tmp_path, "b")
    modes = "customModes:\n  - slug: r\n    name: R\n    roleDefinition: x\n    groups: [read]\n"
    (tmp_path / ".roomodes").write_text(modes, "utf-8")
    got = {x.source: x for x in migration.migrate(tmp_path, ["roo"], jobs=1).records}
    assert {s: got[s].status for s in got} == {".roomodes": "skipped", ".claude/agents/a.md": "failed",
                                                ".claude/agents/b.md": "failed"}
    assert all("refusing to overwrite a source" in got[s].error for s in (".claude/agents/a.md", ".claude/agents/b.md"))
    assert (tmp_path / ".roomodes").read_text("utf-8") == modes
