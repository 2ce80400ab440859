"""Records past ``spill.CHUNK`` live in a temp file (issue 11: memory flat from 2,000 to 10,000 agents): the sequence
itself, and a migration whose every record went through the file giving the same outcome, files and manifest as one
held in memory."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import agentconv
from agentconv import spill
from agentconv.spill import Spill

CLAUDE = "---\nname: {name}\ndescription: Reviews {name}.\ntools: Read, Grep, Bash\nmodel: sonnet\n---\n\nBody {name}.\n"


def test_a_spill_reads_back_what_was_appended_in_order(monkeypatch) -> None:
    monkeypatch.setattr(spill, "CHUNK", 3)
    s = Spill(pack=lambda x: (x["n"],), unpack=lambda t: {"n": t[0]})
    items = [{"n": i} for i in range(10)]
    for item in items:
        s.append(item)
    assert s.on_disk and len(s) == 10
    assert list(s) == items and list(s) == items  # read any number of times
    assert [(a["n"], b["n"]) for a, b in zip(s, s)] == [(i, i) for i in range(10)]  # two readers at once
    assert s[0] == {"n": 0} and s[9] == {"n": 9} and s[-1] == {"n": 9} and s[2:5] == items[2:5]
    with pytest.raises(IndexError):
        s[10]
    copy = s.like(x for x in s if x["n"] % 2)
    assert list(copy) == items[1::2] and copy == items[1::2] and copy != items
    s.close()
    assert len(s) == 0 and list(s) == [] and not s.on_disk


def test_a_short_spill_never_touches_the_disk() -> None:
    s = Spill(range(5))
    assert not s.on_disk and list(s) == [0, 1, 2, 3, 4]


def _repo(root: Path) -> Path:
    agents = root / ".claude/agents"
    agents.mkdir(parents=True)
    for i in range(7):
        (agents / f"a{i}.md").write_text(CLAUDE.format(name=f"a{i}"))
    (agents / "broken.md").write_text("---\nname: broken\ndescription: never closed\n")
    for plugin in ("alpha", "beta"):  # two sources, one target
        d = root / "plugins" / plugin / "agents"
        d.mkdir(parents=True)
        (d / "code-reviewer.md").write_text(CLAUDE.format(name="code-reviewer"))
    (root / ".github/agents").mkdir(parents=True)
    (root / ".github/agents/a1.agent.md").write_text("hand written\n")  # kept
    return root


def _state(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != "lock"}


def _runs(root: Path) -> list:
    """Migrate, then the same with --prefix-collisions, then a source removed (sync removes its targets), then
    plan and check; every outcome as JSON."""
    out = [agentconv.migrate(root, ["copilot", "opencode", "roo"], from_="claude", jobs=1).to_json()]
    out.append(agentconv.migrate(root, ["copilot", "opencode", "roo"], from_="claude", prefix_collisions=True, jobs=1).to_json())
    (root / ".claude/agents/a3.md").unlink()
    out.append(agentconv.migrate(root, ["copilot", "opencode", "roo"], from_="claude", remove_orphans=True,
                                     jobs=1).to_json())
    (root / ".claude/agents/a4.md").write_text(CLAUDE.format(name="a4").replace("Body", "New body"))
    out.append(agentconv.plan(root, ["copilot"], from_="claude").to_json())
    out.append(agentconv.sync_check(root, ["copilot"], from_="claude").to_json())
    return out


def test_a_migration_through_the_temp_file_equals_one_in_memory(tmp_path, monkeypatch) -> None:
    held, spilled = _repo(tmp_path / "held"), _repo(tmp_path / "spilled")
    expected = _runs(held)
    monkeypatch.setattr(spill, "CHUNK", 1)  # every record through the file
    got = _runs(spilled)
    assert got == expected
    assert _state(spilled) == _state(held)
    statuses = [f["status"] for f in expected[0]["files"]]
    assert {"converted", "failed", "collision", "kept"} <= set(statuses)  # the scenario has each case
    assert any(f["status"] == "removed" for f in expected[2]["files"])


def test_a_fresh_clone_s_outputs_are_not_sources_through_the_temp_file(tmp_path, monkeypatch) -> None:
    first = _repo(tmp_path / "first")
    agentconv.migrate(first, ["copilot"], jobs=1)
    expected = {}
    for chunk in (1000, 1):
        clone = tmp_path / f"clone{chunk}"
        shutil.copytree(first, clone)
        shutil.rmtree(clone / ".agentconv")  # a fresh clone: no manifest
        monkeypatch.setattr(spill, "CHUNK", chunk)
        outcome = agentconv.migrate(clone, ["copilot"], jobs=1)
        assert outcome.records.on_disk == (chunk == 1)
        expected[chunk] = (outcome.to_json(), _state(clone))
    assert expected[1] == expected[1000]
    sources = {f["source"] for f in expected[1][0]["files"]}
    assert {s for s in sources if s.startswith(".github/")} == {".github/agents/a1.agent.md"}  # the hand-written one
