"""``agentconv convert``, ``migrate`` and ``sync`` run without typer when their command line holds only their own
options (``cli/argv.py``): the same bytes on stdout and stderr, the same exit code and the same files as through
typer, which still parses every other line. Also: neither that nor ``--version`` imports typer."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from agentconv.cli import convert as fast, migrate as fast_migrate

ROOT = Path(__file__).resolve().parent.parent
GAMMA = "tests/transcripts/inputs/batch/gamma.md"
BATCH = "tests/transcripts/inputs/batch"
SCOPED = "tests/transcripts/inputs/levels/delta.md"  # an MCP tool denied beneath its server: no deny in Copilot
_MAIN = "import sys; sys.argv = ['agentconv', *sys.argv[1:]]\n{patch}from agentconv.cli import main\nmain()\n"
TYPER = "import agentconv.cli as c; c.FAST = {}\n"  # every line through typer

CASES = [["convert", *argv] for argv in [
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
]]
REPO = {  # migrate and sync run in a copy of this repository (the current folder); $HOME is $TMP/home
    ".claude/agents/a.md": "---\nname: a\ndescription: d\ntools: Read, Grep\n---\nHi.\n",
    ".claude/agents/b.md": "---\nname: b\ndescription: e\nmodel: sonnet\ncolor: red\n---\nHo.\n",
    ".claude/agents/broken.md": "---\nname: [unclosed\n---\nx\n",
    "extra.md": "---\nname: x\ndescription: outside the known places\n---\nHey.\n",
    ".agentconv.toml": 'from = "claude"\nto = "copilot"\nfrm = 1\n',             # an unknown key: a warning
}
CASES += [["migrate", *argv] for argv in [
    [".", "--to", "copilot,opencode"],
    ["--to", "copilot", "--to", "opencode", "-q"],
    ["-t", "copilot", "--dry-run"],
    ["--to=opencode", "--diff", "-v"],
    ["--to", "copilot", "--json"],
    ["--to", "gemini", "--jobs", "1"],
    ["--to", "gemini", "-j", "2", "--force", "--prefix-collisions"],
    ["--to", "copilot", "--jobs=+1"],                                # int('+1'), as click reads it
    ["--to", "copilot", "--jobs", "0"],                              # usage errors of the command itself
    ["--to", "copilot", "--jobs=-3"],
    ["--to", "copilot", "--dry-run", "--diff"],
    ["--to", "copilot", "-q", "-v"],
    ["--to", "copylot"],                                             # unknown dialect
    ["--to", "copilot", "--from", "nope", "--json"],
    ["--to", "copilot", "--from", "claude", "--strict", "--allow-broaden", "--no-carry"],
    ["--to", "copilot,claude-plugin"],                               # a package target is migrated alone
    ["--to", "agent-plugins"],
    ["--to", "copilot", "--clients", "x"],
    ["--to", "claude-plugin", "--shared", "--file", "extra.md"],
    ["--to", "copilot", "--file", "extra.md", "--file=extra.md", "-o", "$TMP/out"],
    ["--to", "copilot", "--shared", "--dry-run"],
    ["--to", "copilot", "--scope", "user", "--dry-run"],
    ["--to", "copilot", "--scope", "nowhere"],
    ["--to="],
    ["--to", "copilot", "no-such-folder"],
    ["--to", "copilot", "--", "."],
    # lines the fast path leaves to typer: both runs go through typer, and say the same
    ["--to", "copilot", "--jobs", "many"],
    ["--to", "copilot", "--jobs", "1.5"],
    ["--to", "copilot", "-j", "-1"],
    ["--to", "copilot", "-j2"],
    ["--to", "copilot", "--dry-run=1"],
    ["--to", "copilot", ".", "extra"],
    ["--to", "copilot", "--nope"],
    ["-qv", "--to", "copilot"],
    ["--from", "claude"],                                            # no --to
    ["--to"],
    ["--to", "copilot", "--help"],
]]
CASES += [["sync", *argv] for argv in [
    [],                                                              # from .agentconv.toml
    ["--check"],
    ["--check", "--json"],
    [".", "--from", "claude", "-t", "copilot,opencode", "-q"],
    ["--to", "copilot", "--to", "gemini", "--force", "-v"],
    ["--scope", "user"],                                             # no configuration at $HOME: usage error
    ["--jobs", "1", "-q"],
    ["--check", "-j", "0"],                                          # a usage error of the command itself
    ["-q", "-v"],
    ["-h"],
    ["--check", "extra", "."],
]]
STDIN = b"---\nname: s\ndescription: from stdin\ntools: Read, Grep\n---\nHello.\n"


def _repo(root: Path) -> Path:
    for name, text in REPO.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _run(argv: list[str], tmp: Path, patch: str, **kw) -> tuple:
    args = [a.replace("$TMP", str(tmp)) for a in argv]
    env = {k: v for k, v in os.environ.items() if k != "_AGENTCONV_COMPLETE"}
    cwd = ROOT
    if argv[0] != "convert":
        cwd, env["HOME"] = _repo(tmp / "repo"), str(tmp / "home")
        (tmp / "home").mkdir()
    proc = subprocess.run([sys.executable, "-c", _MAIN.format(patch=patch), *args], cwd=cwd, env=env,
                          input=STDIN if argv[1:2] == ["-"] and "--from" in argv else b"", capture_output=True,
                          timeout=60, **kw)
    strip = lambda b: b.replace(str(tmp).encode(), b"$TMP")  # noqa: E731
    files = {p.relative_to(tmp).as_posix(): strip(p.read_bytes()) for p in sorted(tmp.rglob("*")) if p.is_file()}
    return proc.returncode, strip(proc.stdout), strip(proc.stderr), files


@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_without_typer_says_what_typer_says(argv, tmp_path):
    (tmp_path / "fast").mkdir()
    (tmp_path / "typer").mkdir()
    got = _run(argv, tmp_path / "fast", "")
    want = _run(argv, tmp_path / "typer", TYPER)
    assert got == want
    assert want[0] != 1 or {"--help", "-h"} & set(argv) or "Usage:" in want[2].decode()  # a real run, not a crash


@pytest.mark.parametrize("argv", [["convert", GAMMA, "--to", "copilot"],
                                  ["migrate", "$TMP", "--to", "copilot", "--dry-run"]], ids=" ".join)
def test_a_broken_pipe_ends_as_typer_ends_it(argv, tmp_path):
    """stdout closed before anything is written: exit 1 and nothing more, as click's runner does."""
    _repo(tmp_path)
    results = []
    for patch in ("", TYPER):
        r, w = os.pipe()
        os.close(r)
        try:
            proc = subprocess.run([sys.executable, "-c", _MAIN.format(patch=patch),
                                   *(a.replace("$TMP", str(tmp_path)) for a in argv)],
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
    (["migrate", "--to", "copilot", "-t", "opencode", "--file", "a.md", "--file", "b.md", "-j", "3"], True),
    (["migrate", "-", "--to", "-", "--jobs= 2"], True),
    (["migrate", "--to", "copilot", "--jobs", "two"], False),
    (["migrate", "--to", "copilot", "--jobs="], False),
    (["migrate", "--to", "copilot", "-j=2"], False),
    (["migrate", "--to", "copilot", "--json", "--json"], False),
    (["migrate", "--to", "copilot", "--check"], False),                  # sync's option
    (["migrate", "--to", "copilot", "-h"], False),
    (["migrate", "--to", "copilot", "--", "a", "b"], False),
    (["migrate", "a"], False),
    (["sync"], True),
    (["sync", "repo", "--check", "-t", "copilot", "--to", "gemini", "--from", "claude", "--scope", "user"], True),
    (["sync", "--jobs", "2"], True),
    (["sync", "-j", "two"], False),
    (["sync", "--to", "copilot", "--out", "o"], False),                    # migrate's option
    (["sync", "--help"], False),
    (["sync", "a", "b"], False),
])
def test_which_lines_run_without_typer(argv, fast_path):
    parse = fast.parse if argv[0] == "convert" else fast_migrate.parse
    assert (parse(argv) is not None) is fast_path


def test_parsed_arguments_are_typer_s():
    args = fast.parse(["convert", GAMMA, "--to=copilot", "-q", "-o", "out", "--report-json", "r.json", "--", "-x"])
    assert args == {"sources": [GAMMA, "-x"], "to": "copilot", "quiet": True, "out": Path("out"),
                    "report_json": Path("r.json")}
    args = fast_migrate.parse(["migrate", "--to", "copilot,gemini", "repo", "-t", "opencode", "--file", "a.md",
                               "--file=b.md", "--jobs", " 2", "--dry-run", "-o", "out", "--scope", "user"])
    assert args == {"repo": Path("repo"), "to": ["copilot,gemini", "opencode"], "files": [Path("a.md"), Path("b.md")],
                    "jobs": 2, "dry_run": True, "out": Path("out"), "scope": "user"}
    assert fast_migrate.parse(["sync", "--", "-r"]) == {"repo": Path("-r")}


def test_shell_completion_is_left_to_typer(monkeypatch):
    monkeypatch.setenv("_AGENTCONV_COMPLETE", "bash_complete")
    assert fast.parse(["convert", GAMMA, "--to", "copilot"]) is None


@pytest.mark.parametrize("name, options, run", [("convert", fast.OPTIONS, fast.run),
                                               ("migrate", fast_migrate.MIGRATE, fast_migrate.migrate),
                                               ("sync", fast_migrate.SYNC, fast_migrate.sync)])
def test_the_fast_options_are_the_typer_command_s(name, options, run):
    """cli/convert.py and cli/migrate.py name each command's options once more (to parse without typer): the same
    as app.py declares, of the same kinds, with the same defaults, in the order the command function takes them."""
    import inspect

    import typer.main

    from agentconv.cli.app import app

    params = typer.main.get_command(app).commands[name].params
    argument = next(p for p in params if p.param_type_name == "argument")
    assert argument.name == options.argument and (argument.nargs == -1) is (argument.name not in options.paths)
    declared = {opt: (p.name, p.is_flag) for p in params if p is not argument for opt in p.opts + p.secondary_opts}
    ours = {**{o: (k, False) for o, k in options.values.items()}, **{o: (k, True) for o, k in options.flags.items()}}
    assert ours == declared
    kinds = {"required": lambda p: p.required, "many": lambda p: p.multiple, "ints": lambda p: p.type.name == "int",
             "paths": lambda p: p.type.name == "path"}
    for kind, has in kinds.items():
        assert {p.name for p in params if has(p)} == set(getattr(options, kind)), kind
    signature = inspect.signature(run).parameters
    assert [p.name for p in params] == list(signature)
    for p in params:  # an option not given: the function's default, which must be typer's
        if not p.required:
            default = signature[p.name].default
            assert (list(default) if isinstance(default, tuple) else default) == p.default, p.name


NEVER = ("typer", "click", "rich", "importlib.metadata", "difflib", "pathlib", "agentconv.batch", "agentconv.tree",
         "agentconv.migration", "agentconv.packages", "ast", "dis", "tokenize")
"""What a one-file conversion does not use, so does not import: the typer app, the metadata machinery (entry points
are read directly), did-you-mean, paths as objects, the batch and package machinery, ``inspect``'s own imports
(``dataclasses`` imports it, the command line defers it: ``cli._Deferred``). (Whether tables come from their cache,
without tomllib, depends on earlier runs here: tests/test_tables.py checks the cache.)"""
ONE_AGENT = NEVER + ("typing", "hashlib", "agentconv.placeholders", "agentconv.envelopes.roomodes",
                     "agentconv.envelopes.opencodejson", "agentconv.envelopes.jsonenv")
"""Nor, for an agent with a header: ``typing`` (our modules name its types under ``TYPE_CHECKING`` only), OpenSSL (a digest is CPython's own SHA-256: ``carry._sha256``), the commands'
placeholders, and the layouts of files with no header (detection tells them by name: ``Dialect.split_as_frontmatter``)."""
STARTS = [
    (["--version"], NEVER + ("typing", "re", "enum", "agentconv.api", "agentconv.errors")),
    (["convert", GAMMA, "--to", "copilot", "-q"], ONE_AGENT),                               # nothing carried
    (["convert", SCOPED, "--to", "copilot", "--allow-broaden"], ONE_AGENT),                 # losses reported, carried
    (["convert", "./" + GAMMA, "--to", "opencode", "--from", "claude", "--json"], ONE_AGENT),  # the JSON document
    (["migrate", BATCH, "--to", "copilot,opencode", "--dry-run", "--json"],              # no agent in a known place
     ("typer", "click", "rich", "importlib.metadata", "agentconv.packages", "ast", "dis")),
    (["sync", BATCH, "--from", "claude", "-t", "copilot", "--check", "--json"],
     ("typer", "click", "rich", "importlib.metadata", "agentconv.packages", "ast", "dis")),
]


@pytest.mark.parametrize("argv, absent", STARTS, ids=[" ".join(a) for a, _ in STARTS])
def test_a_start_imports_nothing_it_does_not_use(argv, absent):
    """In a fresh interpreter, the command run to its end (bench/run.py times it; no test does)."""
    code = (_MAIN.format(patch="").replace("main()\n", "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n")
            + f"sys.stderr.write('\\nimported: ' + ' '.join(m for m in {absent!r} if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stderr.splitlines()[-1] == "imported: ", out.stderr
    assert "agentconv: error" not in out.stderr and out.stdout


def test_every_dataclass_has_its_own_docstring():
    """``dataclasses`` calls ``inspect.signature`` for the ``__doc__`` of a class with none, which would load the
    ``inspect`` the command line defers; and a class says what it is for (a docstring per class, as per field)."""
    import dataclasses
    import importlib
    import pkgutil

    import agentconv

    bare = []
    for info in pkgutil.walk_packages(agentconv.__path__, "agentconv."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == info.name
                    and "__doc__" in value.__dict__ and (value.__doc__ or "").startswith(value.__name__ + "(")):
                bare.append(f"{info.name}.{name}")
    assert bare == []


def test_a_deferred_module_is_the_real_one_on_first_use():
    """``cli._Deferred``: ``import inspect`` costs nothing until an attribute is asked; then the name, the stand-in
    and ``from inspect import x`` all give the real module's objects."""
    code = ("import sys\nfrom agentconv.cli import _defer\n_defer('inspect')\nimport inspect\n"
            "early = inspect\nassert 'ast' not in sys.modules and inspect is sys.modules['inspect']\n"
            "def f(a, b=1): pass\nprint(inspect.signature(f))\nfrom inspect import getdoc\n"
            "print(sys.modules['inspect'] is not early, 'ast' in sys.modules, getdoc is sys.modules['inspect'].getdoc,"
            " early.signature is sys.modules['inspect'].signature)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout == "(a, b=1)\nTrue True True True\n", out.stderr


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


MIGRATE_NEVER = ("typing", "pickle", "difflib", "datetime")
"""What a ``migrate`` of a few agents never uses, so does not import before it forks (issue 11: the main process's
start is serial): ``typing`` (named under ``TYPE_CHECKING``), ``pickle`` (a spill writes nothing below ``HOLD``),
``difflib`` (``--diff`` alone), ``datetime`` (only a loader that makes dates does)."""


@pytest.mark.parametrize("extra", [[], ["--jobs", "1"], ["--json"], ["-v"]])
def test_migrate_imports_no_module_it_does_not_use(tmp_path, extra):
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    for i in range(3):
        (agents / f"a{i}.md").write_text(f"---\nname: a{i}\ndescription: d\ntools: Read\nmodel: sonnet\n---\nHi.\n",
                                         encoding="utf-8")
    code = (_MAIN.format(patch="").replace("main()\n", "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n")
            + f"sys.stderr.write('\\nexit %s, imported: %s' % (code, ' '.join(m for m in {MIGRATE_NEVER!r} "
            "if m in sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code, "migrate", str(tmp_path), "--to", "copilot,opencode", *extra],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stderr.splitlines()[-1] == "exit 0, imported: ", out.stderr
    assert (tmp_path / ".github" / "agents" / "a2.agent.md").is_file() and (tmp_path / mf_name()).is_file()


POOL_NEVER = ("concurrent.futures", "multiprocessing", "logging", "tokenize", "socket", "tempfile", "threading")
"""What a pooled ``migrate`` does not import: it forks its workers itself (``migration._Pool``, pipes and pickle).
``concurrent.futures`` and ``multiprocessing`` brought these in before the fork, ~82 M instructions of the serial
part of every run of more than ``POOLED`` sources (issue 11)."""


def test_a_pooled_migrate_imports_no_pool_machinery(tmp_path):
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    for i in range(80):
        (agents / f"a{i:02}.md").write_text(f"---\nname: a{i:02}\ndescription: d\ntools: Read\n---\nHi.\n",
                                            encoding="utf-8")
    served = tmp_path / "served"
    patch = ("from agentconv import cli, dccode\ncli._defer('inspect')\ndccode.install()\n"  # as cli.main imports
             "import os, agentconv.migration as m\nm.jobs_for = lambda jobs, files: 2\nserve = m._serve\n"
             f"def counted(*a):\n    open({str(served)!r}, 'a').write(str(os.getpid()))\n    return serve(*a)\n"
             "m._serve = counted\n")
    code = (_MAIN.format(patch=patch).replace("main()\n", "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n")
            + f"sys.stderr.write('\\nexit %s, imported: %s' % (code, ' '.join(m for m in {POOL_NEVER!r} "
            "if m in sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code, "migrate", str(tmp_path), "--to", "copilot,opencode"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stderr.splitlines()[-1] == "exit 0, imported: ", out.stderr
    assert served.read_text().isdigit()  # a worker converted (the pool ran)
    assert len(list((tmp_path / ".github" / "agents").iterdir())) == 80


def mf_name() -> str:
    from agentconv.manifest import MANIFEST

    return MANIFEST


def test_detection_tells_a_layout_by_its_name_as_its_module_would():
    """``split_as_frontmatter`` (from the table's envelope name, no import) says what the layout's module says."""
    from agentconv import registry
    from agentconv.envelopes import frontmatter

    said = {d.id: d.split_as_frontmatter for d in registry.all_dialects()}
    loaded = {d.id: d.envelope is frontmatter or bool(getattr(d.envelope, "HEADERLESS", False))
              for d in registry.all_dialects()}
    assert said == loaded
    assert not all(said.values()) and any(said.values())


def test_the_side_channel_digest_is_sha256_without_openssl():
    import hashlib

    from agentconv import carry

    mapping, body = {"name": "a", "tools": ["Read"], "é": 1}, "Prompt.\n" * 50
    h = hashlib.sha256(carry._HEADER_JSON.encode(mapping).encode() + b"\0" + body.encode())
    assert carry.digest(mapping, body) == h.hexdigest()[:16]


def test_the_digest_takes_openssls_sha256_once_hashlib_is_loaded(monkeypatch):
    """Without ``hashlib`` loaded the digest is CPython's own SHA-256; once something loads it (``migrate`` does), the
    same digest comes from OpenSSL's, the faster one (issue 11)."""
    import hashlib

    from agentconv import carry

    mapping, body = {"name": "b", "tools": ["Read", "Grep"]}, "Another prompt.\n" * 40
    want = hashlib.sha256(carry._HEADER_JSON.encode(mapping).encode() + b"\0" + body.encode()).hexdigest()[:16]
    monkeypatch.setattr(carry, "_SHA256", None)
    monkeypatch.delitem(sys.modules, "hashlib")
    assert carry.digest(mapping, body) == want
    assert carry._sha256() is not hashlib.sha256
    monkeypatch.setitem(sys.modules, "hashlib", hashlib)
    assert carry.digest(mapping, body) == want
    assert carry._sha256() is hashlib.sha256
