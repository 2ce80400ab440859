"""Written files get the mode a plain write would give (0666 less the umask); a replaced file keeps its mode.

Every write goes through ``agentconv.fsio`` (``convert -o``, ``migrate``, the manifest); the CLI runs in a
subprocess with its own umask, the helper in-process with the umask saved and restored."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from agentconv import fsio

AGENT = "---\nname: {name}\ndescription: Reviews {name}.\ntools: Read, Grep\n---\n\nYou review.\n"


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def cli(*args, cwd: Path, umask: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, umask=umask)


def files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def repo(tmp_path: Path) -> Path:
    agents = tmp_path / "repo" / ".claude" / "agents"
    agents.mkdir(parents=True)
    for name in ("alpha", "beta"):
        (agents / f"{name}.md").write_text(AGENT.format(name=name), "utf-8")
    return tmp_path / "repo"


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_convert_out_writes_with_the_umask(tmp_path, umask):
    src = repo(tmp_path)
    out = cli("convert", src / ".claude" / "agents", "--to", "copilot", "-o", tmp_path / "out", cwd=tmp_path,
              umask=umask)
    assert out.returncode == 0, out.stderr
    written = files(tmp_path / "out")
    assert [p.name for p in written] == [".gitignore", "lock", "manifest.json", "alpha.agent.md",
                                         "beta.agent.md"]  # .agentconv/ first
    assert {mode(p) for p in written} == {0o666 & ~umask}


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_migrate_writes_targets_and_manifest_with_the_umask(tmp_path, umask):
    src = repo(tmp_path)
    out = cli("migrate", ".", "--to", "copilot,opencode", cwd=src, umask=umask)
    assert out.returncode == 0, out.stderr
    written = [p for p in files(src) if ".claude" not in p.parts]
    assert sorted(p.relative_to(src).as_posix() for p in written) == [
        ".agentconv/.gitignore", ".agentconv/lock", ".agentconv/manifest.json", ".github/agents/alpha.agent.md", ".github/agents/beta.agent.md",
        ".opencode/agent/alpha.md", ".opencode/agent/beta.md"]
    assert {p.relative_to(src).as_posix(): mode(p) for p in written} == {
        p.relative_to(src).as_posix(): 0o666 & ~umask for p in written}


def test_a_replaced_file_keeps_its_mode(tmp_path):
    src = repo(tmp_path)
    first = cli("migrate", ".", "--to", "copilot", cwd=src, umask=0o022)
    assert first.returncode == 0, first.stderr
    target = src / ".github" / "agents" / "alpha.agent.md"
    target.chmod(0o640)
    (src / ".claude" / "agents" / "alpha.md").write_text(AGENT.format(name="alpha").replace("Grep", "Glob"), "utf-8")
    again = cli("migrate", ".", "--to", "copilot", cwd=src, umask=0o077)
    assert again.returncode == 0, again.stderr
    assert "search/fileSearch" in target.read_text("utf-8")  # it was replaced ...
    assert mode(target) == 0o640                              # ... and kept its mode under another umask

    out = cli("convert", src / ".claude" / "agents" / "beta.md", "--to", "copilot", "-o", tmp_path, "--force",
              cwd=tmp_path, umask=0o077)
    assert out.returncode == 0, out.stderr
    beta = tmp_path / ".github" / "agents" / "beta.agent.md"
    assert mode(beta) == 0o600  # new under umask 077
    beta.chmod(0o644)
    (src / ".claude" / "agents" / "beta.md").write_text(AGENT.format(name="beta") + "More.\n", "utf-8")
    out = cli("convert", src / ".claude" / "agents" / "beta.md", "--to", "copilot", "-o", tmp_path, "--force",
              cwd=tmp_path, umask=0o077)
    assert out.returncode == 0, out.stderr
    assert beta.read_text("utf-8").endswith("More.\n") and mode(beta) == 0o644


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o027])
def test_helper_new_and_replaced(tmp_path, umask):
    old = os.umask(umask)
    try:
        new = tmp_path / "new.md"
        fsio.write_atomic(new, b"one\n")
        assert new.read_bytes() == b"one\n" and mode(new) == 0o666 & ~umask
        new.chmod(0o751)
        fsio.write_atomic(new, b"two\n")
        assert new.read_bytes() == b"two\n" and mode(new) == 0o751
    finally:
        os.umask(old)
    assert [p.name for p in tmp_path.iterdir()] == ["new.md"]  # no temp file left behind


def test_staged_file_is_discarded_and_a_failed_commit_leaves_nothing(tmp_path):
    dest = tmp_path / "x.md"
    tmp = fsio.stage(dest, b"data")
    assert Path(tmp).parent == tmp_path and Path(tmp).name.startswith(fsio.PREFIX) and Path(tmp).read_bytes() == b"data"
    fsio.discard(tmp)
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "x.md").mkdir()  # os.replace cannot put a file over a directory
    with pytest.raises(OSError):
        fsio.write_atomic(dest, b"data")
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"] and dest.is_dir()


def test_no_other_write_path_in_the_library():
    """Every atomic write goes through fsio: no mkstemp or os.replace anywhere else in the package."""
    src = Path(fsio.__file__).parent
    offenders = [f"{p.relative_to(src)}: {needle}" for p in sorted(src.rglob("*.py")) if p.name != "fsio.py"
                 for needle in ("mkstemp", "os.replace", "NamedTemporaryFile")
                 if needle in p.read_text("utf-8")]
    assert offenders == []


def test_temp_names_differ_in_a_forked_child_and_a_taken_name_is_never_reused(tmp_path):
    """One random draw per process and a counter after it; a forked worker (which names its temp files after the
    same owner) draws its own, and a name already taken (here: planted) is skipped, never overwritten."""
    first = fsio.stage(tmp_path / "a.md", b"1", new=True)
    assert fsio.TEMP.match(Path(first).name)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child stages one file and reports its name
        os.close(r)
        os.write(w, fsio.stage(tmp_path / "b.md", b"2", new=True).encode())
        os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    child = os.read(r, 4096).decode()
    os.close(r)
    assert Path(child).name[:-len(".tmp")][:-1] != Path(first).name[:-len(".tmp")][:-1]  # not the parent's next
    seq = list(fsio._SEQ)
    planted = tmp_path / f"{fsio.PREFIX}{fsio.OWNER}-{seq[0]}{seq[1] + 1:x}.tmp"
    planted.write_bytes(b"not ours")
    nxt = fsio.stage(tmp_path / "c.md", b"3", new=True)
    assert Path(nxt) != planted and planted.read_bytes() == b"not ours" and Path(nxt).read_bytes() == b"3"
    assert fsio.TEMP.match(Path(nxt).name)
