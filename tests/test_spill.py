"""Records past ``spill.HOLD`` live in a temp file (issue 11: memory flat from 2,000 to 10,000 agents): the sequence
itself, and a migration whose every record went through the file giving the same outcome, files and manifest as one
held in memory."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

import agentconv
from agentconv import spill
from agentconv.spill import Spill

CLAUDE = "---\nname: {name}\ndescription: Reviews {name}.\ntools: Read, Grep, Bash\nmodel: sonnet\n---\n\nBody {name}.\n"


def test_a_spill_reads_back_what_was_appended_in_order(monkeypatch) -> None:
    monkeypatch.setattr(spill, "CHUNK", 3)
    monkeypatch.setattr(spill, "HOLD", 3)
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
        (d / "code-reviewer.md").write_text(CLAUDE.format(name="code-reviewer") + plugin)  # not the same bytes
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
    monkeypatch.setattr(spill, "CHUNK", 1)
    monkeypatch.setattr(spill, "HOLD", 1)  # every record through the file
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
        monkeypatch.setattr(spill, "HOLD", chunk)
        outcome = agentconv.migrate(clone, ["copilot"], jobs=1)
        assert outcome.records.on_disk == (chunk == 1)
        expected[chunk] = (outcome.to_json(), _state(clone))
    assert expected[1] == expected[1000]
    sources = {f["source"] for f in expected[1][0]["files"] if f["status"] != "skipped" or f["from"]}  # the outputs:
    assert {s for s in sources if s.startswith(".github/")} == {".github/agents/a1.agent.md"}  # skipped; hand-written


def test_a_sorted_store_reads_back_in_key_order_equal_keys_as_appended(monkeypatch) -> None:
    import random

    from agentconv.spill import Sorted

    monkeypatch.setattr(spill, "RUN", 7)
    monkeypatch.setattr(spill, "HOLD", 7)
    monkeypatch.setattr(spill, "BLOCK", 2)
    rnd = random.Random(5)
    items = [(rnd.choice("abcdefghij"), i) for i in range(100)]
    s = Sorted(items)
    assert s.on_disk and len(s) == 100
    assert list(s) == sorted(items, key=lambda t: t[0])  # sorted() is stable: equal keys keep their order
    assert list(s) == list(s)
    assert list(Sorted(items[:5])) == sorted(items[:5], key=lambda t: t[0]) and not Sorted(items[:5]).on_disk


@pytest.mark.parametrize("seed", range(20))
def test_a_manifest_with_entries_added_out_of_memory_writes_what_the_tables_would(seed, monkeypatch) -> None:
    """``Manifest.add`` (a run's targets, in a temp file) merged with the tables when saved: the bytes json.dumps
    writes of the tables updated in place, the later entry winning; an origin only for a target in files or pending."""
    import json
    import random

    from agentconv import manifest as mf
    from agentconv.spill import Sorted

    monkeypatch.setattr(spill, "RUN", 3)
    monkeypatch.setattr(spill, "HOLD", 3)
    monkeypatch.setattr(spill, "BLOCK", 2)
    rnd = random.Random(seed)
    names = [f"t{n}/{c}" for n in range(6) for c in "xyz\u00e9"]

    def digest() -> str:
        return "%064x" % rnd.getrandbits(256)

    files = {t: digest() for t in rnd.sample(names, rnd.randint(0, 10))}
    origins = {t: ("copilot", f"s/{t}") for t in files if rnd.random() < 0.7}
    m = mf.Manifest(dict(files), dict(origins))
    want_files, want_origins = dict(files), dict(origins)
    for _ in range(rnd.randint(0, 30)):
        t = rnd.choice(names)
        d = digest() if rnd.random() < 0.7 else None
        o = ("opencode", (f"a/{t}", f"b/{t}")) if rnd.random() < 0.5 else None
        if d is None and t not in want_files:
            d = digest()
        m.add(t, d, o)
        if d is not None:
            want_files[t] = d
        if o is not None:
            want_origins[t] = o
    pending = {t: digest() for t in rnd.sample(names, rnd.randint(0, 4))} if seed % 2 else None
    data = {"version": 1, "files": dict(sorted(want_files.items()))}
    if want_origins:
        data["origins"] = {t: {"to": o[0], "sources": [o[1]] if isinstance(o[1], str) else list(o[1])}
                           for t, o in sorted(want_origins.items()) if t in want_files or t in (pending or {})}
    if pending:
        data["pending"] = dict(sorted(pending.items()))
    want = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    assert m.to_json(pending) == want
    assert m.to_json(Sorted(sorted(pending.items())) if pending else None) == want  # pending as a sorted store
    assert "".join(m.chunks(pending, 1)) == want
    assert m.dirty == (m.added is not None)


def test_the_pool_forks_when_discovery_finds_its_64th_source(tmp_path, monkeypatch) -> None:
    """The workers are forked during discovery, at the 64th source: they hold what 64 sources cost, not what all of
    them do (issue 11), and the run still converts every source."""
    from agentconv import discover, migration

    agents = tmp_path / ".claude/agents"
    agents.mkdir(parents=True)
    for i in range(100):
        (agents / f"a{i:03}.md").write_text(CLAUDE.format(name=f"a{i:03}"))
    seen = []
    walk = discover.agent_files

    def counting(*a, **k):
        for e in walk(*a, **k):
            seen.append(e.rel)
            yield e

    started = []
    start = migration._Workers.start
    monkeypatch.setattr(discover, "agent_files", counting)
    monkeypatch.setattr(migration._Workers, "start", lambda self, job, first: (started.append((len(seen), first)),
                                                                             start(self, job, first))[1])
    monkeypatch.setattr(migration, "jobs_for", lambda jobs, files: 2)
    outcome = agentconv.migrate(tmp_path, ["copilot"], jobs=2)
    assert started[0][0] == 64 and [rel for _, rel in started[0][1]] == seen[:64]  # the first 64, sent at once
    assert outcome.summary.statuses == {"converted": 100}


def _inside_as_paths(root, rel):
    """batch.inside as it was written with pathlib (before issue 11's string version): the reference."""
    import os

    from agentconv.batch import _parent_ok
    from agentconv.errors import OutputError

    norm = os.path.normpath(rel)
    if os.path.isabs(norm) or norm == ".." or norm.startswith(".." + os.sep):
        raise OutputError(f"{rel!r} would be written outside {root}")
    dest = Path(root) / norm
    if not _parent_ok(str(Path(root)), str(dest.parent)):
        raise OutputError(f"{rel!r} would be written outside {root} (through a symbolic link)")
    return dest


@pytest.mark.parametrize("root", [".", "", "out", "out/", "out/./x", "ABS", "ABS/link"])
@pytest.mark.parametrize("rel", ["a.md", "d/a.md", "./d/a.md", "d/../a.md", ".", "..", "../a.md", "/etc/a.md",
                                 "link/a.md", "d/./e/../a.md"])
def test_the_string_inside_is_the_path_inside(tmp_path, monkeypatch, root, rel) -> None:
    """A target's place without a Path per target (each would intern the file's name for good): the same file, the
    same refusals, as the pathlib version."""
    from agentconv.batch import inside, inside_str
    from agentconv.errors import OutputError

    monkeypatch.chdir(tmp_path)
    (tmp_path / "out/x").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out/link").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    root = root.replace("ABS", str(tmp_path / "out"))

    def outcome(f):
        try:
            return Path(f(root, rel))
        except OutputError as exc:
            return str(exc)

    want = outcome(_inside_as_paths)
    assert outcome(inside_str) == want and outcome(inside) == want


COPILOT = "---\nname: {name}\ndescription: Plans {name}.\ntools:\n  - read/readFile\n---\n\nPlan {name}.\n"


def _temps(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob(".agentconv-*.tmp"))


@pytest.mark.parametrize("then", ["other sources", "nothing"])
def test_first_sources_sent_early_and_not_wanted_leave_nothing(tmp_path, monkeypatch, then) -> None:
    """The first sources go to a worker as soon as it is forked, before the run knows all it converts (a found file
    may yet turn out to be an output, or the run may end first): records not wanted are dropped and their temp
    files removed; the sources that are wanted are converted as if nothing had been sent."""
    from agentconv import migration
    from agentconv.loss import Policy

    monkeypatch.setattr(migration, "jobs_for", lambda jobs, files: 2)
    agents = tmp_path / ".claude/agents"
    agents.mkdir(parents=True)
    pairs = []
    for i in range(70):
        (agents / f"a{i:02}.md").write_text(CLAUDE.format(name=f"a{i:02}"))
        pairs.append((str(agents / f"a{i:02}.md"), f".claude/agents/a{i:02}.md"))
    job = migration.Job(("copilot",), None, str(tmp_path), Policy(placed=True), "write")
    with migration._Workers(2) as workers:
        workers.start(job, pairs[:64])
        assert workers.early
        if then == "other sources":
            records = list(workers.run(job, pairs[1:]))
            assert [r.source for r in records] == [rel for _, rel in pairs[1:]]
            assert len({r.tmp for r in records}) == 69 and all(Path(r.tmp).exists() for r in records)
            for r in records:
                os.unlink(r.tmp)
    assert _temps(tmp_path) == []


def test_a_run_refused_after_the_pool_started_leaves_no_temp_file(tmp_path, monkeypatch) -> None:
    """The pool starts (and converts the first sources) during discovery, before the output root's lock is taken:
    a run refused at the lock removes what its worker staged."""
    from agentconv import manifest as mf
    from agentconv import migration
    from agentconv.errors import OutputError

    monkeypatch.setattr(migration, "jobs_for", lambda jobs, files: 2)
    agents = tmp_path / ".claude/agents"
    agents.mkdir(parents=True)
    for i in range(70):
        (agents / f"a{i:02}.md").write_text(CLAUDE.format(name=f"a{i:02}"))
    with mf.locked(tmp_path):
        with pytest.raises(OutputError, match="another agentconv run"):
            agentconv.migrate(tmp_path, ["copilot"], jobs=2)
    assert _temps(tmp_path) == [] and not (tmp_path / ".github").exists()
