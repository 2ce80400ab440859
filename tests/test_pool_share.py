"""The pool of ``migrate`` (issue 11): while discovery runs, the workers are sent no more than their share of the
sources found so far, so that a run of a few more than ``POOLED`` sources is shared out between the processes (the
main process is one of them) instead of being left to one worker while the main process waits; and what was sent
early is converted once, not sent again."""
from __future__ import annotations

import pytest

import agentconv
from agentconv import discover, migration

CLAUDE = "---\nname: {name}\ndescription: Reviews {name}.\ntools: Read, Grep, Bash\nmodel: sonnet\n---\n\nBody {name}.\n"


def _repo(tmp_path, n):
    agents = tmp_path / ".claude/agents"
    agents.mkdir(parents=True)
    for i in range(n):
        (agents / f"a{i:03}.md").write_text(CLAUDE.format(name=f"a{i:03}"))


def _watched(monkeypatch):
    """(sources found when sent, sources sent, whether the run's conversion had begun) of each chunk a worker is sent."""
    seen, sent, running = [], [], []
    walk = discover.agent_files

    def counting(*a, **k):
        for e in walk(*a, **k):
            seen.append(e.rel)
            yield e

    submit = migration._Pool.submit

    def recording(self, fn, *args, **kw):
        if fn is migration._sent:
            sent.append((len(seen), len(args[1]), bool(running)))
        return submit(self, fn, *args, **kw)

    run = migration._Workers.run

    def marking(self, job, files):
        running.append(True)
        return run(self, job, files)

    monkeypatch.setattr(discover, "agent_files", counting)
    monkeypatch.setattr(migration._Pool, "submit", recording)
    monkeypatch.setattr(migration._Workers, "run", marking)
    monkeypatch.setattr(migration, "jobs_for", lambda jobs, files: 2)
    return sent


@pytest.mark.parametrize("n", [64, 100, 300])
def test_a_worker_is_sent_no_more_than_its_share_of_what_discovery_found(tmp_path, monkeypatch, n) -> None:
    """With two processes, a worker is given at most half of the sources found so far while discovery runs (it was
    given the first 64 at once: a run of 64 sources was converted by the worker alone while the main process waited,
    slower than ``--jobs 1``)."""
    _repo(tmp_path, n)
    sent = _watched(monkeypatch)
    outcome = agentconv.migrate(tmp_path, ["copilot"], jobs=2)
    assert outcome.summary.statuses == {"converted": n}
    early = [(found, size) for found, size, running in sent if not running]
    assert early
    total = 0
    for found, size in early:
        total += size
        assert 2 * total <= found
    assert sum(size for _, size, _ in sent) <= n  # nothing sent twice


def test_what_was_sent_early_is_kept(tmp_path, monkeypatch) -> None:
    """More than one chunk goes out during discovery, and each is used as it is (no source is converted twice)."""
    _repo(tmp_path, 300)
    sent = _watched(monkeypatch)
    outcome = agentconv.migrate(tmp_path, ["copilot"], jobs=2)
    assert outcome.summary.statuses == {"converted": 300}
    assert len([s for s in sent if not s[2]]) >= 2
    assert sum(size for _, size, _ in sent) <= 300
