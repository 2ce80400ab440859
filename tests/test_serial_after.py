"""migrate's serial part (issue 11): the work after the last record (renames, manifest, summary) and the command
line's start, each done with less per record or not at all, with the same outcome."""
from __future__ import annotations

import os
import posixpath
import random
import subprocess
import sys
from pathlib import Path

from agentconv import migration
from agentconv.cli import render
from agentconv.migration import Outcome, Record, Summary

ROOT = Path(__file__).resolve().parent.parent
AGENT = "---\nname: {n}\ndescription: d\ntools: Read\nmodel: haiku\n---\nHi.\n"


def _repo(root: Path, n: int) -> Path:
    (root / ".claude" / "agents").mkdir(parents=True)
    for i in range(n):
        (root / ".claude" / "agents" / f"a{i:02}.md").write_text(AGENT.format(n=f"a{i:02}"), encoding="utf-8")
    return root


def test_the_renames_join_no_path_per_record(tmp_path, monkeypatch) -> None:
    """Each committed target's path is made from the root's once (``_under``), not by ``os.path.join`` a record; the
    outputs and the manifest are the same."""
    repo = _repo(tmp_path / "r", 30)
    joins, inside = [0], [False]
    real_join, real_resolve = posixpath.join, migration._resolve

    def join(*a):
        joins[0] += inside[0]
        return real_join(*a)

    def resolve(*a, **k):
        inside[0] = True
        try:
            return real_resolve(*a, **k)
        finally:
            inside[0] = False

    monkeypatch.setattr(posixpath, "join", join)
    monkeypatch.setattr(migration, "_resolve", resolve)
    out = migration.migrate(repo, ["copilot", "opencode"], jobs=1)
    assert out.summary.statuses["converted"] == 60
    assert joins[0] < 10, joins  # lead: one a committed target (60)
    assert len(list((repo / ".github" / "agents").iterdir())) == 30


def test_under_is_os_path_join() -> None:
    rnd = random.Random(11)
    parts = ["a", "b.md", ".github", "agents", "", "/", "x y", "é", "..", "."]
    for root in ("/", "/tmp", "/tmp/", "/a/b", "/a/b/"):
        at = migration._under(root)
        for _ in range(300):
            rel = "/".join(rnd.choice(parts) for _ in range(rnd.randint(0, 4)))
            assert at(rel) == os.path.join(root, rel), (root, rel)


def test_rendering_reads_loss_items_without_copying_them(monkeypatch, capsys) -> None:
    """The summary names a record's source for its items kept with ``file: ""`` (shared between records), as
    ``Record.items`` does; the outcome's records made them once (``_Named``), the rendering does not again."""
    item = {"code": "model-unmapped", "severity": "warning", "path": "model", "message": "m", "file": ""}
    other = {**item, "file": "elsewhere.md", "message": "n"}
    records = [Record(f"s{i}.md", "copilot", f"t{i}.md", "converted", "claude", [item, other]) for i in range(3)]
    summary = Summary()
    summary.statuses["converted"] = 3
    summary.losses["model-unmapped"] = 6
    calls, real = [0], Record.items

    def items(self):
        calls[0] += 1
        return real(self)

    monkeypatch.setattr(Record, "items", items)
    render.outcome(Outcome(records, summary), False, "write")
    err = capsys.readouterr().err
    assert calls[0] == 3  # lead: 6, a second copy of each record's items
    assert "s0.md: warning [model-unmapped] model: m (and 2 other files)" in err
    assert "elsewhere.md: warning [model-unmapped] model: n" in err
    item["file"] = other["file"] = ""  # items kept unnamed (a record given straight): named by their record
    render.outcome(Outcome([Record("s9.md", "copilot", "t9.md", "converted", "claude", [item])], summary), False,
                   "write", render.VERBOSE)
    assert "s9.md: warning [model-unmapped] model: m" in capsys.readouterr().err


def test_a_migrate_never_loads_urllib_parse_and_paths_still_quote(tmp_path) -> None:
    """The command line stands in for ``urllib.parse`` (``pathlib`` imports it, with ``ipaddress``, for
    ``Path.as_uri`` alone): a migrate never loads it; ``as_uri`` and every other use load the real module."""
    repo = _repo(tmp_path / "r", 3)
    code = ("import sys; sys.argv = ['agentconv', *sys.argv[1:]]\nfrom agentconv.cli import main\n"
            "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
            "sys.stderr.write('\\nexit %s, loaded: %s' % (code, ' '.join(m for m in ('ipaddress',) if m in sys.modules)"
            " + ' ' + type(sys.modules['urllib.parse']).__name__))\n"
            "from pathlib import Path\nimport urllib.parse\nfrom urllib.parse import quote\n"
            "sys.stderr.write('\\n' + Path('/a b/é').as_uri() + ' ' + urllib.parse.urlsplit('http://h/p').netloc"
            " + ' ' + quote('a b') + ' ' + type(sys.modules['urllib.parse']).__name__"
            " + ' ' + str(sys.modules['urllib'].parse is sys.modules['urllib.parse']))\n")
    out = subprocess.run([sys.executable, "-c", code, "migrate", str(repo), "--to", "copilot,opencode"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stderr.splitlines()[-2:] == ["exit 0, loaded:  _Deferred",
                                            "file:///a%20b/%C3%A9 h a%20b module True"], out.stderr
    assert (repo / ".github" / "agents" / "a02.agent.md").is_file()
