"""migrate under interruption, concurrency and faults: temp files swept, workers die with the parent, the manifest
journalled, outputs never taken for sources (with or without a manifest), one run at a time, --jobs checked."""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agentconv import manifest as mf
from agentconv import migration
from agentconv.errors import OutputError, UsageError

CLAUDE = """---
name: {name}
description: Reviews code for {name}.
tools: Read, Grep, Glob
model: claude-sonnet-4-6
color: blue
---

You review code carefully.
"""


def exe() -> list[str]:
    e = Path(sys.executable).with_name("agentconv")
    return [str(e)] if e.exists() else [sys.executable, "-m", "agentconv"]


def cli(*args: str, cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(exe() + list(args), cwd=cwd, capture_output=True, text=True, timeout=300, **kw)


def claude_repo(root: Path, n: int) -> Path:
    (root / ".claude/agents").mkdir(parents=True)
    for i in range(n):
        (root / f".claude/agents/agent-{i}.md").write_text(CLAUDE.format(name=f"agent-{i}"))
    return root


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "lock"}


def temps(root: Path) -> list[str]:
    return [p.name for p in root.rglob(".agentconv-*")]


def test_stale_temp_files_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    repo = claude_repo(tmp_path / "r", 2)
    folder = repo / ".github/agents"
    folder.mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (folder / f".agentconv-{dead.pid}-abcdef.tmp").write_text("half")  # its run was killed
    (folder / f".agentconv-{os.getppid()}-abcdef.tmp").write_text("busy")  # a live process's: not touched
    r = cli("migrate", ".", "--to", "copilot", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert temps(repo) == [f".agentconv-{os.getppid()}-abcdef.tmp"]


def test_ctrl_c_exits_130_with_one_line_and_leaves_no_temp_file(tmp_path: Path) -> None:
    repo = claude_repo(tmp_path / "r", 400)
    proc = subprocess.Popen(exe() + ["migrate", ".", "--to", "copilot,opencode,gemini", "--jobs", "2"], cwd=repo,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not any((repo / d).exists() for d in (".github", ".opencode", ".gemini")) and time.time() < deadline:
        time.sleep(0.02)  # the workers have started writing temp files
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    if proc.returncode == 0:  # finished before the signal landed: nothing to check (rare on a fast machine)
        pytest.fail("the run finished before Ctrl-C; raise the file count")
    assert proc.returncode == 130
    assert err == "agentconv: interrupted\n"
    assert temps(repo) == []
    assert not _children_of(proc.pid)


def _children_of(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d.name))
            except (OSError, ValueError, IndexError):
                pass
    return out


def test_kill_9_then_rerun_gives_the_clean_result(tmp_path: Path) -> None:
    """The parent killed while working: its workers die with it; the rerun sweeps the temp files, takes no output
    for a source, and leaves what a clean run leaves."""
    clean = claude_repo(tmp_path / "clean", 300)
    assert cli("migrate", ".", "--to", "copilot,opencode", cwd=clean).returncode == 0
    want = files(clean)
    repo = claude_repo(tmp_path / "r", 300)
    proc = subprocess.Popen(exe() + ["migrate", ".", "--to", "copilot,opencode", "--jobs", "2"], cwd=repo,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not temps(repo) and time.time() < deadline:
        time.sleep(0.01)
    workers = _children_of(proc.pid)
    proc.kill()
    proc.wait()
    time.sleep(0.5)
    assert workers and not [w for w in workers if Path(f"/proc/{w}").exists() and _state(w) != "Z"]
    r = cli("migrate", ".", "--to", "copilot,opencode", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert temps(repo) == [] and files(repo) == want


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_a_run_killed_during_the_renames_is_understood_from_the_journal(tmp_path: Path, monkeypatch) -> None:
    """Killed after the journal and a few renames: the manifest lists the renamed targets as agentconv's, the others
    as not written; the rerun takes none of them for a source and finishes the job."""
    repo = claude_repo(tmp_path / "r", 6)
    done = []
    real = os.replace

    def dying_replace(src, dst):
        if str(src).endswith(".tmp") and ".agentconv/" not in str(dst):
            if len(done) == 3:
                raise KeyboardInterrupt  # as if killed here (the process dies; nothing after runs)
            done.append(dst)
        return real(src, dst)

    monkeypatch.setattr(migration.os, "replace", dying_replace)
    monkeypatch.setattr(mf, "save", _save_but_not_final(mf.save))
    with pytest.raises(KeyboardInterrupt):
        migration.migrate(repo, ["copilot", "opencode"], jobs=1)
    monkeypatch.undo()
    data = json.loads((repo / mf.MANIFEST).read_text())
    assert len(data["pending"]) == 12
    m = mf.load(repo)
    assert sorted(m.files) == sorted(Path(d).relative_to(repo).as_posix() for d in done)  # renamed: ours
    outcome = migration.migrate(repo, ["copilot", "opencode"], jobs=1)
    assert outcome.summary.statuses == {"unchanged": 3, "converted": 9}, outcome.summary.statuses
    assert "pending" not in json.loads((repo / mf.MANIFEST).read_text())


def test_killed_after_the_last_rename_the_rerun_writes_the_manifest_clean(tmp_path: Path, monkeypatch) -> None:
    """Every rename done, the final save not: the rerun finds all unchanged and still drops the journal."""
    repo = claude_repo(tmp_path / "r", 3)
    clean = claude_repo(tmp_path / "clean", 3)
    migration.migrate(clean, ["copilot"], jobs=1)
    monkeypatch.setattr(mf, "save", _save_but_not_final(mf.save))
    migration.migrate(repo, ["copilot"], jobs=1)
    monkeypatch.undo()
    assert len(json.loads((repo / mf.MANIFEST).read_text())["pending"]) == 3
    outcome = migration.migrate(repo, ["copilot"], jobs=1)
    assert outcome.summary.statuses == {"unchanged": 3}
    assert (repo / mf.MANIFEST).read_text() == (clean / mf.MANIFEST).read_text()


def _save_but_not_final(save):
    def journal_only(root, manifest, pending=None):
        if pending:
            save(root, manifest, pending)
    return journal_only


def test_fresh_clone_without_manifest_recognises_outputs(tmp_path: Path) -> None:
    repo = claude_repo(tmp_path / "r", 3)
    (repo / ".opencode/agent").mkdir(parents=True)
    (repo / ".opencode/agent/docs.md").write_text("---\ndescription: Writes docs.\nmode: subagent\n---\n\nDocs.\n")
    assert cli("migrate", ".", "--to", "copilot,opencode", cwd=repo).returncode == 0
    before = files(repo)
    (repo / mf.MANIFEST).unlink()
    r = cli("migrate", ".", "--to", "copilot,opencode", "--json", cwd=repo)
    assert r.returncode == 0, r.stderr
    recs = json.loads(r.stdout)["files"]
    read = [f for f in recs if not (f["status"] == "skipped" and f["from"] is None)]  # the outputs: accounted for
    assert {f["source"] for f in read} == {".claude/agents/agent-0.md", ".claude/agents/agent-1.md",
                                          ".claude/agents/agent-2.md", ".opencode/agent/docs.md"}
    assert {f["status"] for f in recs} == {"unchanged", "skipped"}
    assert len([f for f in recs if (f.get("error") or "").startswith("the output of ")]) == 7  # 3 x 2, and docs.md in copilot
    assert files(repo) == before  # and the manifest is back, listing them
    # a stale output holding the carry comment is still an output (kept: no manifest says it is unedited)
    src = repo / ".claude/agents/agent-0.md"
    src.write_text(src.read_text().replace("color: blue", "color: blue\neffort: ultra"))  # Copilot cannot hold it: carried
    assert cli("migrate", ".", "--to", "copilot,opencode", cwd=repo).returncode == 0
    src.write_text(src.read_text().replace("Reviews code", "Audits code"))
    (repo / mf.MANIFEST).unlink()
    r = cli("migrate", ".", "--to", "copilot,opencode", cwd=repo)
    assert "sources want this file" not in r.stderr and "refusing to overwrite a source" not in r.stderr
    assert r.stderr.count("was not written by agentconv") == 2 and r.returncode == 8


def test_outputs_of_convert_o_are_not_sources(tmp_path: Path) -> None:
    """The README's `convert .claude/agents --to opencode -o out/` leaves out/.opencode/agent/*; migrate skips them."""
    repo = claude_repo(tmp_path / "r", 2)
    assert cli("convert", ".claude/agents", "--to", "opencode", "-o", "out/", cwd=repo).returncode == 0
    assert sorted(mf.load(repo / "out").files) == [".opencode/agent/agent-0.md", ".opencode/agent/agent-1.md"]
    r = cli("migrate", ".", "--to", "copilot,opencode", "--json", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert {f["source"] for f in json.loads(r.stdout)["files"]} == {".claude/agents/agent-0.md",
                                                                   ".claude/agents/agent-1.md"}


def test_git_info_exclude_and_a_bad_gitignore_line(tmp_path: Path) -> None:
    repo = claude_repo(tmp_path / "r", 2)
    (repo / ".git/info").mkdir(parents=True)
    (repo / ".git/info/exclude").write_text(".claude/agents/agent-1.md\n")
    (repo / ".gitignore").write_text("**/[z-a]\n*.log\n")  # [z-a] matches nothing in git: no error
    r = cli("migrate", ".", "--to", "copilot", "--dry-run", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert "agent-0.md" in r.stdout and "agent-1.md" not in r.stdout


def test_two_runs_at_once_the_second_refuses(tmp_path: Path) -> None:
    repo = claude_repo(tmp_path / "r", 2)
    with mf.locked(repo):
        r = cli("migrate", ".", "--to", "copilot", cwd=repo)
    assert r.returncode == 7
    assert r.stderr == ("agentconv: error: .agentconv/lock: another agentconv run is writing to this output root "
                        "(it holds this lock); wait for it to finish and run again\n")
    assert not (repo / ".github").exists()
    assert cli("migrate", ".", "--to", "copilot", cwd=repo).returncode == 0  # released with the holder


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_below_one_is_a_usage_error(tmp_path: Path, jobs: str) -> None:
    r = cli("migrate", ".", "--to", "copilot", "--jobs", jobs, cwd=claude_repo(tmp_path / "r", 1))
    assert r.returncode == 2 and r.stderr == f"agentconv: error: --jobs must be at least 1, not {jobs}\n"


def test_jobs_is_capped_and_one_runs_without_a_pool(tmp_path: Path, monkeypatch) -> None:
    cores = len(os.sched_getaffinity(0))
    assert migration.jobs_for(1000, 10_000) == cores
    assert migration.jobs_for(None, 3) == min(cores, 3)
    with pytest.raises(UsageError):
        migration.jobs_for(0, 10)
    monkeypatch.setattr(migration, "_Pool", None)  # any pool would fail
    outcome = migration.migrate(claude_repo(tmp_path / "r", 80), ["copilot"], jobs=1)
    assert outcome.summary.statuses == {"converted": 80}


def test_a_system_that_cannot_fork_runs_without_a_pool(tmp_path: Path, monkeypatch) -> None:
    """The pool forks its workers: where ``os.fork`` is missing (Windows) a run converts in one process, never fails."""
    monkeypatch.delattr(migration.os, "fork")
    assert migration.jobs_for(1000, 10_000) == 1 and migration.jobs_for(None, 3) == 1
    with pytest.raises(UsageError):
        migration.jobs_for(0, 10)
    monkeypatch.setattr(migration, "_Pool", None)  # any pool would fail
    outcome = migration.migrate(claude_repo(tmp_path / "r", 80), ["copilot"], jobs=2)
    assert outcome.summary.statuses == {"converted": 80}


def test_the_pool_forks_one_worker_fewer_and_keeps_the_order(tmp_path: Path, monkeypatch) -> None:
    """With --jobs N the main process converts too (N - 1 workers, warmed before the fork): the records and the
    files written are exactly those of --jobs 1, in the same order."""
    made = []
    real = migration._Pool

    def pool(workers, parent):
        made.append(workers)
        return real(workers, parent)

    monkeypatch.setattr(migration, "_Pool", pool)
    one, two = claude_repo(tmp_path / "one", 150), claude_repo(tmp_path / "two", 150)
    (one / ".claude/agents/agent-7.md").write_text("---\nname: [unclosed\n---\nbody\n")  # a failure keeps its place
    (two / ".claude/agents/agent-7.md").write_text("---\nname: [unclosed\n---\nbody\n")
    a = migration.migrate(one, ["copilot", "opencode"], jobs=1)
    b = migration.migrate(two, ["copilot", "opencode"], jobs=2)
    assert made == [1]
    assert [r.to_json() for r in b.records] == [r.to_json() for r in a.records]
    assert [r.source for r in b.records][:6] == [r.source for r in a.records][:6] and len(b.records) == 300
    assert files(two) == files(one) and temps(two) == []


def test_a_worker_that_dies_fails_the_run_and_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    """A worker killed in the middle of a chunk (out of memory, a signal) fails the run with one error, as
    ``concurrent.futures``' broken pool did; what the workers and the main process staged is swept, nothing is
    renamed, and no worker is left behind."""
    main = os.getpid()
    real = migration._work_chunk

    def dying(job, pairs):
        if os.getpid() != main:
            os._exit(9)
        return real(job, pairs)

    monkeypatch.setattr(migration, "_work_chunk", dying)
    monkeypatch.setattr(migration, "jobs_for", lambda jobs, files: 2)
    repo = claude_repo(tmp_path / "r", 150)
    with pytest.raises(migration.BrokenProcessPool, match="terminated abruptly"):
        migration.migrate(repo, ["copilot", "opencode"], jobs=2)
    written = [f for f in files(repo) if not f.startswith(".claude/agents/") and f != ".agentconv/.gitignore"]
    assert temps(repo) == [] and written == []  # no output, no manifest
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every worker waited for


def test_each_worker_holds_only_its_own_pipes(tmp_path: Path, monkeypatch) -> None:
    """With three workers, each closes the pipes of those forked before it: a worker ends when the main process closes
    its pipe, not when the last of the others does (the run ends, every worker waited for, the same outputs)."""
    monkeypatch.setattr(migration, "jobs_for", lambda jobs, files: 4)
    one, four = claude_repo(tmp_path / "one", 200), claude_repo(tmp_path / "four", 200)
    a = migration.migrate(one, ["copilot"], jobs=1)
    b = migration.migrate(four, ["copilot"], jobs=4)
    assert [r.to_json() for r in b.records] == [r.to_json() for r in a.records]
    assert files(four) == files(one) and temps(four) == []
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.parametrize(("content", "why"), [
    ('{"version": 1, "files": ["a"]}', 'is not {"version": 1, "files": {PATH: SHA256, ...}}'),
    ("[1, 2]", 'is not {"version": 1, "files": {PATH: SHA256, ...}}'),
    ('{"files": {"a": 3}}', 'is not {"version": 1, "files": {PATH: SHA256, ...}}'),
    ("<<<<<<< HEAD\n{}", "is not valid JSON (a merge conflict?)"),
])
def test_a_manifest_of_the_wrong_shape_is_one_line(tmp_path: Path, content: str, why: str) -> None:
    repo = claude_repo(tmp_path / "r", 1)
    (repo / ".agentconv").mkdir()
    (repo / mf.MANIFEST).write_text(content)
    r = cli("migrate", ".", "--to", "copilot", cwd=repo)
    assert r.returncode == 3
    assert r.stderr.startswith(f"agentconv: error: .agentconv/manifest.json")
    assert why in r.stderr and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_realpath_resolves_each_folder_once_and_agrees_with_os(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real/file.md").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "real/alias.md").symlink_to(tmp_path / "real/file.md")
    (tmp_path / "real/loop.md").symlink_to(tmp_path / "real/loop.md")
    real = migration._Realpath()
    paths = [tmp_path / p for p in ("link/file.md", "link/alias.md", "link/missing.md", "real/file.md", "link/..",
                                    "link/.", "link/loop.md", "gone/x.md", "link/sub/../file.md")]
    assert [real(p) for p in paths] == [os.path.realpath(p) for p in paths]
    assert real(str(paths[0])) == str(tmp_path / "real/file.md")


@pytest.mark.parametrize("seed", range(40))
def test_the_manifest_is_written_in_chunks_exactly_as_json_dumps_would(seed: int) -> None:
    """The manifest streams out in pieces (no 20 MB string at 20,000 targets); its bytes are still
    json.dumps(indent=1, ensure_ascii=False) of the whole, whatever the names hold and however it is cut."""
    import random

    rnd = random.Random(seed)

    def name() -> str:
        return "".join(rnd.choice('ab/"\\\u00e9\u2028 x.\n\t') for _ in range(rnd.randint(1, 12)))

    def digest() -> str:
        return "%064x" % rnd.getrandbits(256)

    files = {name(): digest() for _ in range(rnd.randint(0, 30))}
    origins = {t: {"to": "copilot", "sources": sorted(name() for _ in range(rnd.randint(0, 3)))}
               for t in list(files)[:rnd.randint(0, len(files))]}
    origins.update({name(): {"to": "opencode", "sources": [name()]} for _ in range(rnd.randint(0, 2))})
    pending = {name(): digest() for _ in range(rnd.randint(0, 5))} if seed % 2 else None
    data = {"version": 1, "files": dict(sorted(files.items()))}
    if origins:
        data["origins"] = {t: o for t, o in sorted(origins.items()) if t in files or t in (pending or {})}
    if pending:
        data["pending"] = dict(sorted(pending.items()))
    want = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    m = mf.Manifest(files, origins)
    assert m.to_json(pending) == want
    assert ["".join(m.chunks(pending, n)) for n in (1, 3)] == [want, want]
    assert len(list(m.chunks(pending, 1))) >= len(files) + 2
    kept = {t: (o["to"], o["sources"][0] if len(o["sources"]) == 1 else tuple(o["sources"]))  # as load keeps them
            for t, o in origins.items()}
    assert ["".join(mf.Manifest(files, kept).chunks(pending, n)) for n in (1, 3, 256)] == [want] * 3


def test_a_full_disk_fails_each_target_in_one_line(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes every write past 64 bytes fail (EFBIG), as a full disk would: no traceback, no temp file."""
    repo = claude_repo(tmp_path / "r", 3)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))

    r = cli("migrate", ".", "--to", "copilot", "--jobs", "1", "--json", cwd=repo, preexec_fn=small_files)
    assert "Traceback" not in r.stderr
    assert [(f["status"], f["error"]) for f in json.loads(r.stdout)["files"]] == [
        ("failed", f".github/agents/agent-{i}.agent.md: cannot write: File too large") for i in range(3)]
    assert r.returncode == 8 and temps(repo) == []
    r = cli("migrate", ".", "--to", "copilot", "--jobs", "1", cwd=repo, preexec_fn=small_files)
    assert r.stderr.startswith("agentconv: error: .github/agents/agent-0.agent.md: cannot write: File too large")
    # a target folder that cannot be made (a file is in the way) fails the same way
    (repo / ".github").rename(repo / "gh")
    (repo / ".github").write_text("not a folder")
    r = cli("migrate", ".", "--to", "copilot", cwd=repo)
    assert r.returncode == 8 and "Traceback" not in r.stderr
    assert "agentconv: error: .github/agents/agent-0.agent.md: cannot replace it: Not a directory" in r.stderr


def test_an_output_root_that_cannot_hold_the_lock_is_one_line(tmp_path: Path) -> None:
    """As on a read-only disk, .agentconv cannot be made (here a file is in its place): one line, exit 7."""
    repo = claude_repo(tmp_path / "r", 1)
    (repo / ".agentconv").write_text("in the way\n")
    r = cli("migrate", ".", "--to", "copilot", cwd=repo)
    assert r.returncode == 7 and r.stderr.startswith("agentconv: error: .agentconv: cannot write here: ")
    assert r.stderr.count("\n") == 1 and not (repo / ".github").exists()


def test_records_share_equal_loss_items_and_each_still_names_its_source() -> None:
    """What a run keeps to its end is compact (issue 11): equal loss items of different sources are one object,
    kept with ``file`` ``""``; ``Record.items`` and the JSON give each record's item its own source back."""
    def rec(source: str) -> migration.Record:
        item = {"code": "extension-dropped", "severity": "warning", "path": "extensions.claude.skills",
                "message": "no place", "source": "claude", "target": "opencode", "file": source, "line": 3}
        other = {"code": "model-default", "severity": "warning", "message": "m", "file": "elsewhere.md"}
        return migration.Record(source, "opencode", "t/" + source, "converted", "claude", [item, other],
                                counts={"tool-coerced": 2})

    share = migration._Shared()
    a, b = share(rec("a.md")), share(rec("b.md"))
    assert a.losses[0] is b.losses[0] and a.losses[0]["file"] == ""
    assert a.counts is b.counts and a.counts == {"tool-coerced": 2}
    assert [i["file"] for i in a.items()] == ["a.md", "elsewhere.md"]
    assert [i["file"] for i in b.to_json()["losses"]] == ["b.md", "elsewhere.md"]
    assert list(b.items()[0]) == ["code", "severity", "path", "message", "source", "target", "file", "line"]


def test_a_target_found_missing_is_staged_without_another_stat(tmp_path: Path, monkeypatch) -> None:
    """``fsio.stage(new=True)``: the caller just found the target missing; no stat of it to copy a mode from."""
    from agentconv import fsio

    calls: list[str] = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: calls.append(os.fspath(p)) or real_stat(p, *a, **k))
    tmp = fsio.stage(tmp_path / "new.md", b"x", new=True)
    fsio.commit(tmp, tmp_path / "new.md")
    assert calls == [] and (tmp_path / "new.md").read_bytes() == b"x"
    fsio.stage(tmp_path / "new.md", b"y")
    assert calls == [str(tmp_path / "new.md")]


def test_a_target_linked_to_a_source_is_refused_after_a_fresh_one_is_written(tmp_path: Path) -> None:
    """The source check runs for targets that exist (the only ones a link can lead from), not for new ones."""
    agents = tmp_path / ".claude/agents"
    agents.mkdir(parents=True)
    for name in ("alpha", "beta"):
        (agents / f"{name}.md").write_text(f"---\nname: {name}\ndescription: d\ntools: Read\n---\nbody\n")  # its
    (tmp_path / ".github/agents").mkdir(parents=True)  # Copilot output differs (tools respelled): a write is due
    (tmp_path / ".github/agents/alpha.agent.md").symlink_to(agents / "alpha.md")
    out = migration.migrate(tmp_path, ["copilot"], force=True, jobs=1)
    by = {r.source: r for r in out.records}
    assert by[".claude/agents/alpha.md"].status == "failed"
    assert "refusing to overwrite a source file" in by[".claude/agents/alpha.md"].error
    assert by[".claude/agents/beta.md"].status == "converted"
    assert (agents / "alpha.md").read_text().startswith("---\nname: alpha")


@pytest.mark.parametrize("spelling", [".", "abs", "..", "sub"])
def test_fresh_clone_outputs_recognised_however_the_repository_is_spelled(tmp_path: Path, monkeypatch, spelling) -> None:
    """Sources are kept as their rel alone where their path is REPO/rel (_Found): the outputs of a fresh clone are
    still found by their place, with the repository given as ".", absolute, through "..", or from its parent."""
    repo = claude_repo(tmp_path / "r", 3)
    (tmp_path / "r" / "sub").mkdir()
    cwd = {"sub": tmp_path, "..": repo / "sub"}.get(spelling, repo)
    name = {"abs": str(repo), "sub": "r"}.get(spelling, spelling)
    monkeypatch.chdir(cwd)
    assert migration.migrate(name, ["copilot", "opencode"], jobs=1).summary.exit_code() == 0
    (repo / mf.MANIFEST).unlink()
    out = migration.migrate(name, ["copilot", "opencode"], jobs=1)
    read = [r for r in out.records if r.status != "skipped"]
    assert sorted({r.source for r in read}) == [f".claude/agents/agent-{i}.md" for i in range(3)]
    assert {r.status for r in read} == {"unchanged"}
    outputs = {r.source: r.error for r in out.records if r.status == "skipped"}  # accounted for, each with its source
    assert len(outputs) == 6 and all(e.startswith("the output of .claude/agents/agent-") for e in outputs.values())
    assert len(mf.load(repo).files) == 6


def test_found_sources_keep_their_paths_and_order() -> None:
    """_Found gives back every (path, rel) pair as given, by index, slice and iteration; only the pairs whose path is
    not base/rel (or whose rel is not a plain path below it) keep their path."""
    pairs = [("/r/a/x.md", "a/x.md"), ("/elsewhere/y.md", "y.md"), ("/r/../z.md", "../z.md"), ("/r/b.md", "b.md"),
             ("/abs/w.md", "/abs/w.md"), ("/r/./c.md", "./c.md")]
    found = migration._Found("/r", pairs)
    assert list(found) == pairs and found[:] == pairs and found[2:4] == pairs[2:4] and found[-1] == pairs[-1]
    assert [found[i] for i in range(len(found))] == pairs and len(found) == 6
    assert sorted(found.odd) == [1, 2, 4, 5]
    assert list(migration._Found(".", [("./a.md", "a.md")]).odd) == []  # as discovery below "." spells its paths
    assert list(migration._Found(".", [("a.md", "a.md")])) == [("a.md", "a.md")]


def test_sources_found_below_dot_keep_no_path_of_their_own(tmp_path: Path, monkeypatch) -> None:
    """A repository given as "." (the usual `agentconv migrate .`): discovery's paths are "./REL", which is the base
    joined to the rel, so no source keeps its path beside its rel (each did: a path a source, and _OwnOutputs made
    an absolute path of each)."""
    repo = claude_repo(tmp_path / "r", 3)
    monkeypatch.chdir(repo)
    seen = []
    real = migration._migrate

    def spy(job, found, *args, **kw):
        seen.append((found.base, dict(found.odd), list(found)))
        return real(job, found, *args, **kw)

    monkeypatch.setattr(migration, "_migrate", spy)
    assert migration.migrate(".", ["copilot"], jobs=1).summary.exit_code() == 0
    (base, odd, pairs), = seen
    assert odd == {} and len(pairs) == 3
    assert pairs == [(f"./.claude/agents/agent-{i}.md", f".claude/agents/agent-{i}.md") for i in range(3)]


def test_a_manifest_read_and_written_again_is_byte_identical(tmp_path: Path) -> None:
    """Origins are kept as tuples (one source as its string, several or none as a tuple): the file written back is
    the file read, byte for byte, and its sources are what the file lists."""
    files = {f"t{i}.md": "%064x" % i for i in range(5)}
    origins = {"t0.md": {"to": "copilot", "sources": ["a.md"]}, "t1.md": {"to": "opencode", "sources": ["a.md"]},
               "t2.md": {"to": "copilot", "sources": ["b.md", "c.md"]}, "t3.md": {"to": "copilot", "sources": []}}
    text = json.dumps({"version": 1, "files": files, "origins": origins}, indent=1, ensure_ascii=False) + "\n"
    (tmp_path / ".agentconv").mkdir()
    (tmp_path / mf.MANIFEST).write_text(text, encoding="utf-8")
    m = mf.load(tmp_path)
    assert m.to_json() == text and not m.dirty
    assert {t: (o[0], m.sources(o)) for t, o in m.origins.items()} == {
        t: (o["to"], tuple(o["sources"])) for t, o in origins.items()}
    assert m.origins["t0.md"][1] is m.origins["t1.md"][1]  # one string for a source's targets
    m.origin("t2.md", "copilot", ("b.md", "c.md"))
    assert not m.dirty
    m.origin("t3.md", "copilot", "d.md")
    assert m.dirty and json.loads(m.to_json())["origins"]["t3.md"] == {"to": "copilot", "sources": ["d.md"]}


def test_convert_records_its_outputs_after_a_running_migrate_saves_its_manifest(tmp_path: Path) -> None:
    """convert -o ROOT lists what it wrote in ROOT's manifest under the output root's lock: while a migrate holds it,
    convert waits, then adds its entries to the manifest that migrate saved (not the one it read before)."""
    import threading

    from agentconv import batch

    src = tmp_path / "a.md"
    src.write_text("---\nname: a\ndescription: A.\n---\n\nBody.\n")
    root = tmp_path / "out"
    root.mkdir()
    held, done = threading.Event(), threading.Event()

    def migrate_like() -> None:  # holds the lock, and saves a manifest of its own while convert waits
        with mf.locked(root):
            m = mf.load(root)  # read at its start, saved at its end, as migrate does
            held.set()
            time.sleep(0.4)
            m.files["other.md"] = "0" * 64
            mf.save(root, m)
        done.set()

    t = threading.Thread(target=migrate_like)
    t.start()
    held.wait()
    list(batch.convert_many([src], "copilot", root))
    t.join()
    assert done.is_set()
    files = json.loads((root / mf.MANIFEST).read_text())["files"]
    assert set(files) == {"other.md", ".github/agents/a.agent.md"}


def test_a_lock_is_waited_for_as_long_as_asked_then_refused(tmp_path: Path) -> None:
    with mf.locked(tmp_path):
        start = time.monotonic()
        with pytest.raises(OutputError, match="another agentconv run"):
            with mf.locked(tmp_path, wait=0.3):
                pass
        assert 0.25 <= time.monotonic() - start < 5


def test_every_loss_a_caller_gets_names_its_file(tmp_path) -> None:
    """``Record.losses`` as ``migrate`` hands it over names each item's file: an item the run kept compact with
    ``file`` ``""`` (shared between records) was given as ``""`` to a library caller, and the items of a file that
    holds many records (a ``.roomodes``) had no file at all (null in ``--json``); they name that file."""
    share = migration._Shared()
    item = {"code": "extension-dropped", "severity": "warning", "message": "m", "file": "a.md"}
    recs = [share(migration.Record(s, "opencode", "t/" + s, "converted", "claude", [dict(item, file=s)]))
            for s in ("a.md", "b.md")]
    assert recs[0].losses[0]["file"] == ""  # compact while the run holds it
    out = migration.Outcome(recs, migration.Summary())
    assert [r.losses[0]["file"] for r in out.records] == ["a.md", "b.md"] and out.records[1].losses[0]["file"] == "b.md"
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    for n in ("a", "b"):
        (agents / f"{n}.md").write_text(f"---\nname: {n}\ndescription: d\ntools: Read, WebSearch\n---\nBody\n", "utf-8")
    got = migration.migrate(tmp_path, ["roo", "copilot"], mode="plan")
    files = {(r.source, r.target_dialect): {i.get("file") for i in r.losses} for r in got.records}
    assert files[(".claude/agents/a.md", "roo")] == {".roomodes"}
    assert files[(".claude/agents/a.md", "copilot")] == {".claude/agents/a.md"}
    assert all(i.get("file") for r in got.records for i in r.to_json()["losses"])


def test_a_source_refused_by_a_merged_file_names_its_file_in_every_loss(tmp_path) -> None:
    """``convert DIR --to roo``: a source the merged file refuses (a scoped Bash Roo cannot say) fails alone, and the
    items of its own write had no file (null in --json)."""
    from agentconv.batch import convert_many

    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "a.md").write_text("---\nname: a\ndescription: d\ntools: Read\n---\nBody\n", "utf-8")
    opencode = tmp_path / ".opencode" / "agent"  # an OpenCode bash pattern: Roo has no command scope (a Claude
    opencode.mkdir(parents=True)                 # subagent's Bash(git diff) is the whole Bash: no refusal)
    (opencode / "b.md").write_text("---\ndescription: d\nmode: subagent\npermission:\n  \"*\": deny\n  bash:\n    \"*\": deny\n    git diff *: allow\n---\nBody\n", "utf-8")
    res = {Path(r.source).name: r for r in convert_many([agents, opencode], "roo", tmp_path / "out")}
    assert (res["a.md"].status, res["b.md"].status) == ("converted", "failed")
    assert res["b.md"].report.items and {i.file for i in res["b.md"].report} == {str(opencode / "b.md")}
