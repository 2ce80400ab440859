"""The compiled-regex cache (rx.py): every pattern it gives equals re.compile's (same flags, same code); programs
are stored at exit under the bytecode's rule; a missing, damaged or foreign cache is never an error."""
from __future__ import annotations

import marshal
import re
import subprocess
import sys

import pytest

from agentconv import rx

PATTERNS = [(r"(?P<route>(?:[A-Za-z0-9][\w.-]*/)+)(?P<bare>.+)", 0), (r"^slug:", re.M), (r"x(?i:Y)z", 0),
            ("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]", 0), (r"(?x) a \d+ # comment", re.IGNORECASE),
            (r"(a)|(b)(?P<c>c)?", 0), (r"", 0)]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(rx._STORE, "path", str(tmp_path / "__pycache__" / "regex.marshal"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    rx.reset()
    yield tmp_path / "__pycache__" / "regex.marshal"
    rx.reset()


def _fresh() -> None:
    """What a new process sees: nothing compiled yet, the cache file not read."""
    rx._STORE.save()
    rx.reset()


def test_a_pattern_from_the_cache_is_re_s_own(cache):
    made = [rx.compile(p, f) for p, f in PATTERNS]
    assert made == [re.compile(p, f) for p, f in PATTERNS]
    _fresh()
    assert set(marshal.loads(cache.read_bytes())) >= {(p, int(f)) for p, f in PATTERNS}
    again = [rx._from_cache((p, int(f))) for p, f in PATTERNS]
    assert again == made and all(isinstance(p, re.Pattern) for p in again)
    assert again[0].match("openai/gpt-5").group("bare") == "gpt-5" and again[0].groupindex == made[0].groupindex
    assert again[5].match("bc").groups() == (None, "b", "c")


def test_every_pattern_the_tool_compiles_is_stored_equal(cache):
    """A conversion in a fresh interpreter writes its programs at exit; each loads back equal to re.compile's."""
    code = ("import sys; from agentconv import rx; rx._STORE.path = sys.argv[1]; import agentconv\n"
            "agentconv.convert_text(b'---\\nname: a\\ndescription: d\\ntools: Read, mcp__x__y\\nmodel: sonnet\\n---\\nb\\n',"
            " to='opencode', path='.claude/agents/a.md')\n")
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", code, str(cache)], check=True, env=env, timeout=60)
    stored = marshal.loads(cache.read_bytes())
    assert len(stored) > 40
    for key in stored:
        assert rx._from_cache(key) == re.compile(*key), key


def test_nothing_is_stored_without_bytecode(cache, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert rx.compile(r"\d+x") == re.compile(r"\d+x")
    assert rx._STORE.new == {}
    rx._STORE.save()
    assert not cache.exists() or marshal.loads(cache.read_bytes()) == {}


@pytest.mark.parametrize("damage", [
    lambda stored: b"not marshal",                                                  # the whole file
    lambda stored: marshal.dumps({k: b"\x00garbage" for k in stored}),              # each entry
    lambda stored: marshal.dumps({k: marshal.dumps((32, b"\xff\x00\x00\x00" * 3, 0, {}, (None,)))
                                  for k in stored}),                                 # a program _sre refuses
    lambda stored: marshal.dumps([1, 2, 3]),                                         # not a mapping
])
def test_a_damaged_cache_compiles_as_without_one(cache, damage):
    for p, f in PATTERNS:
        rx.compile(p, f)
    _fresh()
    cache.write_bytes(damage(marshal.loads(cache.read_bytes())))
    assert [rx.compile(p, f) for p, f in PATTERNS] == [re.compile(p, f) for p, f in PATTERNS]


def test_an_unwritable_cache_is_no_error(cache):
    cache.parent.mkdir()
    cache.mkdir()  # a directory where the file would go: the rename fails
    rx.compile(r"[ab]+c")
    rx._STORE.save()
    assert cache.is_dir()


def test_no_module_compiles_its_patterns_past_the_cache():
    """A pattern a module compiles at import goes through ``rx.compile``: one ``re.compile`` at module level costs
    every start-up its compilation (yamlfast's Unicode classes took 19 ms of a 90 ms ``convert FILE``)."""
    import ast
    from pathlib import Path

    import agentconv

    found = []
    for path in sorted(Path(agentconv.__file__).parent.rglob("*.py")):
        if path.name == "rx.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = getattr(node, "value", None)
            if (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "compile"
                    and isinstance(value.func.value, ast.Name) and value.func.value.id == "re"):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []


def test_warm_stores_what_a_migration_compiles(tmp_path):
    """`python -m agentconv.warm` keeps the patterns a migration of a repository needs beyond one conversion's (the
    places of nested projects, ``discover.project_of``; each dialect's path globs; every model reader): where Python
    writes no bytecode, the caches are all a run has, and a migration compiled 16 expressions at every start (~1,500
    bytecodes a pattern, in each process of its pool; issue 11)."""
    import os

    store = str(tmp_path / "regex.marshal")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    warm = "import sys; from agentconv import rx; rx._STORE.path = sys.argv[1]; from agentconv import warm; warm.main()"
    subprocess.run([sys.executable, "-c", warm, store], check=True, env=env, timeout=300, capture_output=True)
    repo = tmp_path / "repo"
    for rel, name, model in ((".claude/agents/a.md", "a", "sonnet"), ("packages/p/.claude/agents/b.md", "b", "gpt-5"),
                             (".github/agents/c.agent.md", "c", "Claude Sonnet 4.5")):
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(f"---\nname: {name}\ndescription: Reviews code.\nmodel: {model}\n---\nReview.\n")
    run = ("import sys; from agentconv import rx; rx._STORE.path = sys.argv[1]\n"
           "missed = []; compiled = rx._compile\n"
           "rx._compile = lambda key: missed.append(key[0]) or compiled(key)\n"
           "from agentconv.cli import main\n"
           "sys.argv = ['agentconv', 'migrate', '.', '--to', 'copilot,opencode,gemini', '--jobs', '1', '-q']\n"
           "try:\n    main()\nexcept SystemExit:\n    pass\n"
           "print(repr(missed))\n")
    done = subprocess.run([sys.executable, "-c", run, store], cwd=repo, env={**env, "PYTHONDONTWRITEBYTECODE": "1"},
                          capture_output=True, text=True, timeout=120, check=True)
    assert (repo / "packages/p/.github/agents/b.agent.md").is_file()  # the nested project's own place
    assert done.stdout.strip().splitlines()[-1] == "[]"
