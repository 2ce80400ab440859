"""SIGTERM (a CI timeout, ``kill``) stops the CLI as Ctrl-C does: exit 143, one line, no temp file, no half-written
output, no worker left. It could be lost: an interruption that landed while migrate waited for its first chunk's
records was swallowed there (``except BaseException``), and the run went on with both signals ignored until a
SIGKILL; one that landed while the command's modules were imported was a traceback and exit 1; one that landed as
an output's temp file was closed (most often where it lands: the last call of the write) left that file behind.
Waited for, the workers finished the chunks they held first: they are stopped at once."""
from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from test_migrate_faults import _children_of, claude_repo as _repo, exe as _exe


def _outputs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".claude" not in p.parts and ".agentconv" not in p.parts}


def test_sigterm_in_the_start_up_or_mid_run_is_exit_143_and_one_line(tmp_path: Path) -> None:
    """While the command's modules are imported (sent from within the import, so it lands there), while migrate's
    workers write, and while convert writes a folder's outputs: exit 143, ``agentconv: interrupted``, no temp file,
    every output there whole (as a clean run writes it), no worker left."""
    repo = _repo(tmp_path / "r", 2)
    code = textwrap.dedent("""\
        import importlib, os, signal, sys
        real = importlib.import_module
        def kill_then_import(name, package=None):
            os.kill(os.getpid(), signal.SIGTERM)
            return real(name, package)
        importlib.import_module = kill_then_import
        sys.argv = ['agentconv', 'migrate', '.', '--to', 'copilot']
        from agentconv.cli import entry
        entry()
        """)
    r = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=120)
    assert (r.returncode, r.stderr) == (143, "agentconv: interrupted\n")
    assert _outputs(repo) == {}

    clean = _repo(tmp_path / "clean", 400)
    assert subprocess.run(_exe() + ["migrate", ".", "--to", "copilot,opencode,gemini"], cwd=clean,
                          capture_output=True, timeout=600).returncode == 0
    whole = _outputs(clean)
    repo = _repo(tmp_path / "big", 400)
    code, err, pid = _terminated(["migrate", ".", "--to", "copilot,opencode,gemini", "--jobs", "2"], repo,
                                 lambda: any((repo / d).exists() for d in (".github", ".opencode", ".gemini")))
    assert (code, err) == (143, "agentconv: interrupted\n")
    assert list(repo.rglob(".agentconv-*")) == []
    made = _outputs(repo)
    assert all(whole[rel] == data for rel, data in made.items())  # written whole or not at all
    assert not _children_of(pid)

    out = tmp_path / "o"  # convert DIR: no workers; the main process writes every output
    code, err, _ = _terminated(["convert", str(clean / ".claude"), "--to", "opencode", "-o", str(out)], tmp_path,
                               lambda: (out / ".opencode").exists())
    assert (code, err) == (143, "agentconv: interrupted\n")
    assert list(out.rglob(".agentconv-*")) == []  # was left, most often: the interruption landed as it was closed
    assert subprocess.run(_exe() + ["convert", str(clean / ".claude"), "--to", "opencode", "-o", str(tmp_path / "w")],
                          capture_output=True, timeout=600).returncode == 0
    whole = _outputs(tmp_path / "w")
    assert all(whole[rel] == data for rel, data in _outputs(out).items())


def _terminated(args: list[str], cwd: Path, writing) -> tuple[int, str, int]:
    """Run agentconv with ``args``, send it SIGTERM once ``writing()`` (its outputs have begun), and wait for it."""
    proc = subprocess.Popen(_exe() + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not writing() and proc.poll() is None and time.time() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.fail("the run finished before SIGTERM; raise the file count")
    return proc.returncode, err, proc.pid


def test_an_interruption_that_lands_while_the_first_records_are_awaited_goes_on_up() -> None:
    """``_Workers._drop_early`` waits for the early chunks' records to discard their temp files: a broken pool is
    nothing to report there, but Ctrl-C or SIGTERM must reach the CLI (it was swallowed, and the run went on)."""
    from agentconv.cli import Interrupted
    from agentconv.migration import _Workers

    class Landing:
        def result(self):
            raise Interrupted(signal.SIGTERM)

    class Broken:
        def result(self):
            raise RuntimeError("a worker died")

    workers = _Workers(1)
    workers.early = [(0, [], Broken())]
    workers.close()  # nothing to find, nothing said
    workers.early = [(0, [], Broken()), (0, [], Landing())]
    with pytest.raises(Interrupted):
        workers.close()


def test_an_interruption_swallowed_somewhere_still_ends_the_process(tmp_path: Path) -> None:
    """An interruption something swallows (a ``__del__`` prints it and carries on) would leave the process running
    with both signals ignored: it ends after ``GRACE`` seconds anyway, with the same line and exit code."""
    code = textwrap.dedent("""\
        import os, signal, time
        import agentconv.cli as cli
        cli.GRACE = 0.2
        signal.signal(signal.SIGTERM, cli._interrupted)
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        except BaseException:
            pass
        os.kill(os.getpid(), signal.SIGTERM)  # ignored now, as during a cleanup
        time.sleep(300)
        """)
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert (r.returncode, r.stderr) == (143, "agentconv: interrupted\n")


def test_an_interruption_while_sources_are_still_found_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    """Ctrl-C or SIGTERM while discovery still walks the repository, after the pool's workers have staged the outputs
    of the first chunks (temp files named after this process, renamed only once every source is found): none is left.
    They were (the interruption left the run through the pool and the lock, which swept nothing): one run in ten of
    the test above, as a worker's first outputs appeared before discovery was done."""
    from agentconv import discover, migration

    repo = _repo(tmp_path / "r", 300)
    real = discover.agent_files

    def interrupted_late(*args, **kw):
        for i, entry in enumerate(real(*args, **kw)):
            if i == 200:  # chunks of 64 went to the workers: wait until one staged its outputs, then interrupt
                deadline = time.time() + 60
                while not list(repo.rglob(".agentconv-*.tmp")) and time.time() < deadline:
                    time.sleep(0.01)
                assert list(repo.rglob(".agentconv-*.tmp")), "no worker staged an output in 60 s"
                raise KeyboardInterrupt
            yield entry

    monkeypatch.setattr(discover, "agent_files", interrupted_late)
    with pytest.raises(KeyboardInterrupt):
        migration.migrate(repo, ["copilot", "opencode"], jobs=2)
    assert list(repo.rglob(".agentconv-*")) == []
