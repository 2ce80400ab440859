"""``agentconv convert`` runs without typer when its command line holds only convert's own options
(``cli/convert.py``): the same bytes on stdout and stderr, the same exit code and the same files as through typer,
which still parses every other line. Also: neither that nor ``--version`` imports typer."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from agentconv.cli import convert as fast

ROOT = Path(__file__).resolve().parent.parent
GAMMA = "tests/transcripts/inputs/batch/gamma.md"
BATCH = "tests/transcripts/inputs/batch"
SCOPED = "fixtures/cases/claude/scoped-bash/.claude/agents/git-helper.md"
_MAIN = "import sys; sys.argv = ['agentconv', *sys.argv[1:]]\n{patch}from agentconv.cli import main\nmain()\n"
TYPER = "import agentconv.cli.convert as c; c.parse = lambda argv: None\n"  # every line through typer

CASES = [
    [GAMMA, "--to", "copilot"],
    [GAMMA, "--to=opencode", "-v"],
    [GAMMA, "-t", "gemini", "-q"],
    [GAMMA, "--to", "opencode", "--json"],
    [GAMMA, "--to", "copylot"],                                     # unknown dialect (exit 4, did you mean)
    [GAMMA, "--to", "copilot", "--from", "nope", "--json"],
    ["tests/transcripts/inputs/no-such-agent.md", "--to", "claude"],
    [SCOPED, "--to", "copilot"],                                    # refused: would widen access (exit 6)
    [SCOPED, "--to", "copilot", "--allow-broaden", "--no-carry", "--strict"],
    [SCOPED, "--to", "copilot", "--fail-on", "info"],
    [SCOPED, "--to", "copilot", "--fail-on", "loud"],               # usage error from the policy
    [GAMMA, "--to", "gemini", "-q", "-v"],                          # usage error: both levels
    [GAMMA, "--to", "claude", "-o", "-", "-q"],
    [GAMMA, "--to", "claude", "--report-json", "-"],
    [GAMMA, "--to", "copilot", "-o", "$TMP/one.agent.md", "--report-json", "$TMP/r.json"],
    [BATCH, "--from", "claude", "--to", "opencode", "-o", "$TMP/out"],
    [BATCH, "--to", "opencode", "-o", "$TMP/out", "--json", "-q"],
    [BATCH, "--to", "claude"],                                      # usage: a directory needs --out
    [BATCH, "--to", "claude", "-o", "-"],
    ["-", "--from", "claude", "--to", "copilot"],                   # standard input
    ["-", "--to", "copilot"],                                       # empty standard input (exit 3)
    ["--to", "copilot", "--", GAMMA],
    # lines the fast path leaves to typer: both runs go through typer, and say the same
    [GAMMA, "--to", "copilot", "--to", "opencode"],
    [GAMMA, "-tcopilot"],
    [GAMMA, "-qv", "--to", "copilot"],
    [GAMMA, "--strict=yes", "--to", "copilot"],
    [GAMMA, "--to"],
    [GAMMA],
    ["--help"],
]
STDIN = b"---\nname: s\ndescription: from stdin\ntools: Read, Grep\n---\nHello.\n"


def _run(argv: list[str], tmp: Path, patch: str, **kw) -> tuple:
    args = [a.replace("$TMP", str(tmp)) for a in argv]
    env = {k: v for k, v in os.environ.items() if k != "_AGENTCONV_COMPLETE"}
    proc = subprocess.run([sys.executable, "-c", _MAIN.format(patch=patch), "convert", *args], cwd=ROOT, env=env,
                          input=STDIN if argv[0] == "-" and "--from" in argv else b"", capture_output=True,
                          timeout=60, **kw)
    strip = lambda b: b.replace(str(tmp).encode(), b"$TMP")  # noqa: E731
    files = {p.relative_to(tmp).as_posix(): strip(p.read_bytes()) for p in sorted(tmp.rglob("*")) if p.is_file()}
    return proc.returncode, strip(proc.stdout), strip(proc.stderr), files


@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_convert_without_typer_says_what_typer_says(argv, tmp_path):
    (tmp_path / "fast").mkdir()
    (tmp_path / "typer").mkdir()
    got = _run(argv, tmp_path / "fast", "")
    want = _run(argv, tmp_path / "typer", TYPER)
    assert got == want
    assert want[0] != 1 or argv[0] == "--help" or "Usage:" in want[2].decode()  # a real run, not a crash


def test_a_broken_pipe_ends_as_typer_ends_it(tmp_path):
    """stdout closed before anything is written: exit 1 and nothing more, as click's runner does."""
    results = []
    for patch in ("", TYPER):
        r, w = os.pipe()
        os.close(r)
        try:
            proc = subprocess.run([sys.executable, "-c", _MAIN.format(patch=patch), "convert", GAMMA, "--to", "copilot"],
                                  cwd=ROOT, stdout=w, stderr=subprocess.PIPE, timeout=60)
        finally:
            os.close(w)
        results.append((proc.returncode, proc.stderr))
    assert results[0] == results[1] == (1, b"")


@pytest.mark.parametrize("argv, fast_path", [
    (["convert", GAMMA, "--to", "copilot"], True),
    (["convert", GAMMA, "--to=copilot", "-q", "--json", "-o", "out", "--", "-x"], True),
    (["convert", "-", "-o", "-", "--to", "copilot"], True),
    (["convert", GAMMA, "--to", "copilot", "--help"], False),
    (["convert", GAMMA, "--to", "copilot", "-o"], False),
    (["convert", GAMMA, "--to", "--strict"], False),
    (["convert", GAMMA, "--to", "copilot", "--jobs", "2"], False),
    (["convert", "--to", "copilot"], False),
    (["detect", GAMMA], False),
    (["--verbose", "convert", GAMMA, "--to", "copilot"], False),
])
def test_which_lines_run_without_typer(argv, fast_path):
    assert (fast.parse(argv) is not None) is fast_path


def test_parsed_arguments_are_typer_s():
    args = fast.parse(["convert", GAMMA, "--to=copilot", "-q", "-o", "out", "--report-json", "r.json", "--", "-x"])
    assert args == {"sources": [GAMMA, "-x"], "to": "copilot", "quiet": True, "out": Path("out"),
                    "report_json": Path("r.json")}


def test_shell_completion_is_left_to_typer(monkeypatch):
    monkeypatch.setenv("_AGENTCONV_COMPLETE", "bash_complete")
    assert fast.parse(["convert", GAMMA, "--to", "copilot"]) is None


def test_the_fast_options_are_the_typer_command_s():
    """cli/convert.py names convert's options once more (to parse without typer): the same as app.py declares."""
    import typer.main

    from agentconv.cli.app import app

    command = typer.main.get_command(app).commands["convert"]
    declared = {opt: (p.name, p.is_flag) for p in command.params if not p.name == "sources" for opt in p.opts}
    ours = {**{o: (k, False) for o, k in fast.VALUES.items()}, **{o: (k, True) for o, k in fast.FLAGS.items()}}
    assert ours == declared
    assert [p.name for p in command.params if p.name != "sources"] == list(
        fast.run.__code__.co_varnames[1:fast.run.__code__.co_argcount])


NEVER = ("typer", "click", "rich", "importlib.metadata", "difflib", "pathlib", "agentconv.batch", "agentconv.tree",
         "agentconv.migration", "agentconv.packages")
"""What a one-file conversion does not use, so does not import: the typer app, the metadata machinery (entry points
are read directly), did-you-mean, paths as objects, the batch and package machinery. (Whether tables come from their cache,
without tomllib, depends on earlier runs here: tests/test_tables.py checks the cache.)"""
STARTS = [
    (["--version"], NEVER + ("typing", "re", "enum", "agentconv.api", "agentconv.errors")),
    (["convert", GAMMA, "--to", "copilot", "-q"], NEVER + ("hashlib",)),                 # nothing carried: no digest
    (["convert", SCOPED, "--to", "copilot", "--allow-broaden"], NEVER),                    # losses reported
    (["convert", "./" + GAMMA, "--to", "opencode", "--from", "claude", "--json"], NEVER),  # the JSON document
]


@pytest.mark.parametrize("argv, absent", STARTS, ids=[" ".join(a) for a, _ in STARTS])
def test_a_start_imports_nothing_it_does_not_use(argv, absent):
    """In a fresh interpreter, the command run to its end (bench/run.py times it; no test does)."""
    code = (_MAIN.format(patch="").replace("main()\n", "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n")
            + f"sys.stderr.write('\\nimported: ' + ' '.join(m for m in {absent!r} if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stderr.splitlines()[-1] == "imported: ", out.stderr
    assert "agentconv: error" not in out.stderr and out.stdout


def test_a_path_is_read_as_pathlib_named_it(tmp_path, monkeypatch):
    """api reads a plain path as a string (no pathlib import); the names Path normalised still read as before:
    a trailing '/' or '/.' names the file, and '' is the current folder (refused: a directory)."""
    import agentconv
    from agentconv.errors import ParseError

    f = tmp_path / "a.md"
    f.write_bytes(STDIN)
    want = agentconv.convert(str(f), to="copilot", from_="claude").text
    for name in (str(f) + "/", str(f) + "/.", str(f) + "//", str(tmp_path) + "//a.md", str(tmp_path) + "/./a.md"):
        assert agentconv.convert(name, to="copilot", from_="claude").text == want
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParseError, match="a directory"):
        agentconv.read("", "claude")


def test_migrate_to_dialects_does_not_load_the_package_machinery(tmp_path):
    """``migrate --to`` dialects alone never imports ``agentconv.packages``; a package target, or --clients, still
    gets the package checks (tests/test_packages.py migrates packages)."""
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "a.md").write_text("---\nname: a\ndescription: d\ntools: Read\n---\nHi.\n", encoding="utf-8")
    code = (_MAIN.format(patch="").replace("main()\n", "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n")
            + "sys.stderr.write('\\nexit %s, packages %s' % (code, 'agentconv.packages' in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code, "migrate", str(tmp_path), "--to", "copilot,opencode", "-q"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stderr.splitlines()[-1] == "exit 0, packages False", out.stderr
    assert (tmp_path / ".github" / "agents" / "a.agent.md").is_file()
    for extra, said in ((["--to", "copilot,claude-plugin"], "is migrated alone"), (["--to", "copilot", "--clients", "x"],
                        "is migrated alone"), (["--to", "agent-plugins"], "--to agent-plugins needs --clients")):
        bad = subprocess.run([sys.executable, "-m", "agentconv", "migrate", str(tmp_path), *extra], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
        assert bad.returncode == 2 and said in bad.stderr and bad.stderr.count("\n") == 1, bad.stderr
