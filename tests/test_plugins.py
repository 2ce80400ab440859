"""Plugins come in through the ``agentconv.dialects`` entry-point group; a broken one is skipped and reported.

Each test puts a throwaway distribution (a ``*.dist-info`` with ``entry_points.txt``, and its module) in a
temporary directory on ``sys.path``, so ``importlib.metadata`` finds it exactly as it finds an installed package.
The registry caches what it found (functools.cache): the fixture clears the caches before and after, and puts
``registry._broken`` back as it was.
"""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import agentconv
from agentconv import registry
from agentconv.errors import UnknownDialectError

ROOT = Path(__file__).resolve().parent.parent


def _clear() -> None:
    registry.reset()


def make_dist(where: Path, name: str, entries: dict[str, str], modules: dict[str, str]) -> Path:
    """A minimal installed distribution: ``NAME-0.0.dist-info/{METADATA,entry_points.txt}`` plus modules."""
    info = where / f"{name}-0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0\n", "utf-8")
    lines = ["[agentconv.dialects]"] + [f"{k} = {v}" for k, v in entries.items()]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", "utf-8")
    for mod, src in modules.items():
        (where / f"{mod}.py").write_text(src, "utf-8")
    return where


BROKEN = {
    "raises-on-import": "agentconv_test_boom:Boom",        # the module raises while importing
    "missing-attr": "agentconv_test_fine:NoSuchClass",     # the module imports, the class is not there
    "wrong-id": "agentconv_test_fine:WrongId",             # the class says it is another dialect
    "claude": "agentconv_test_fine:Impostor",              # an id a built-in already has
}
MODULES = {
    "agentconv_test_boom": "raise RuntimeError('boom: plugin failed to import')\n",
    "agentconv_test_fine": (
        "from agentconv.dialects.base import Dialect\n"
        "class WrongId(Dialect):\n    id = 'something-else'\n"
        "class Impostor(Dialect):\n    id = 'claude'\n"
    ),
}


@pytest.fixture
def broken_plugins(tmp_path, monkeypatch):
    site = make_dist(tmp_path / "site", "agentconv-test-broken", BROKEN, MODULES)
    saved = dict(registry._broken)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    registry._broken.clear()
    _clear()
    yield site
    monkeypatch.undo()  # sys.path first, so the caches refill without the throwaway distribution
    for mod in MODULES:
        sys.modules.pop(mod, None)
    importlib.invalidate_caches()
    _clear()
    registry._broken.clear()
    registry._broken.update(saved)


def test_broken_plugins_are_skipped_and_reported(broken_plugins):
    before_builtin = registry.get("claude")
    ids = registry.ids()
    for bad in ("raises-on-import", "missing-attr", "wrong-id"):
        assert bad not in ids
    broken = registry.broken()
    assert "RuntimeError: boom: plugin failed to import" in broken["raises-on-import"]
    assert "AttributeError" in broken["missing-attr"]
    assert "'something-else'" in broken["wrong-id"]
    assert "id already taken" in broken["claude"]
    # the tool still works: the built-in keeps its id, every loadable dialect is there, conversion runs
    assert type(registry.get("claude")).__name__ == type(before_builtin).__name__ == "Claude"
    assert {"claude", "copilot", "opencode", "marketplace", "markdown"} <= set(ids)
    assert [d.id for d in registry.all_dialects()] == ids
    result = agentconv.convert_text("---\nname: a\ndescription: b\n---\nhi\n", to="copilot", from_="claude")
    assert "description: b" in result.text
    with pytest.raises(UnknownDialectError):
        registry.get("raises-on-import")


def test_registry_is_clean_again_after_the_fixture():
    assert not any(k in registry.broken() for k in ("raises-on-import", "missing-attr", "wrong-id"))
    assert type(registry.get("claude")).__name__ == "Claude"


def _run(args: list[str], site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_cli_lists_dialects_and_warns_about_broken_plugins(tmp_path):
    site = make_dist(tmp_path / "site", "agentconv-test-broken", BROKEN, MODULES)
    out = _run(["-m", "agentconv", "dialects", "--json"], site)
    assert out.returncode == 0, out.stderr
    rows = [r["id"] for r in json.loads(out.stdout)["dialects"]]
    assert rows[:2] == ["claude", "copilot"] and "raises-on-import" not in rows
    assert ("agentconv: warning: plugin raises-on-import not loaded: RuntimeError: boom: plugin failed to import"
            in out.stderr.splitlines())
    # the library function, in a fresh process with the broken distribution on the path
    lib = _run(["-c", "import agentconv; print(','.join(d.id for d in agentconv.dialects()))"], site)
    assert lib.returncode == 0, lib.stderr
    assert lib.stdout.strip().split(",")[:2] == ["claude", "copilot"]


def test_agentconv_dialects_callable_after_a_dialect_loaded():
    """Importing the agentconv.dialects subpackage rebinds the attribute: the module itself must stay callable."""
    registry.get("claude")  # imports agentconv.dialects.claude
    assert callable(agentconv.dialects)
    assert [d.id for d in agentconv.dialects()] == registry.ids()


def test_entry_points_are_read_as_importlib_metadata_reads_them(broken_plugins, tmp_path):
    """registry reads entry_points.txt itself (importlib.metadata is slow to import): the same entries, in the
    same order; the first distribution of a name wins; comments, blank lines and other groups are skipped."""
    from importlib.metadata import entry_points

    later = tmp_path / "later"
    make_dist(later, "agentconv-test-broken", {"shadowed": "agentconv_test_fine:WrongId"}, {})  # same name: loses
    other = later / "agentconv_test_other-1.0.dist-info"
    other.mkdir()
    (other / "entry_points.txt").write_text(
        "# a comment\n\n[console_scripts]\nx = y:z\n[agentconv.dialects]\n  spaced  =  mod.sub:Cls  \n", "utf-8")
    sys.path.append(str(later))
    try:
        importlib.invalidate_caches()
        ours = [(e.name, e.value) for e in registry._entry_points()]
        theirs = [(e.name, e.value) for e in entry_points(group=registry.GROUP)]
    finally:
        sys.path.remove(str(later))
    assert ours == theirs
    assert ("spaced", "mod.sub:Cls") in ours and "shadowed" not in dict(ours) and "raises-on-import" in dict(ours)


def test_reset_forgets_everything_the_registry_remembered():
    """A plugin installed or removed in a running process is seen after ``reset``: no cached answer of the old set of
    dialects survives it (each ``functools.cache`` of the module, and ``get``'s names)."""
    registry.get("claude"), registry.owner("title"), registry.field_of("title"), registry.readers("Bash")
    cached = {n: f for n, f in vars(registry).items() if callable(getattr(f, "cache_info", None))}
    assert {"_entries", "_instance", "ids", "tool", "owner", "field_of", "readers"} <= set(cached)
    try:
        registry.reset()
        assert {n: f.cache_info().currsize for n, f in cached.items() if f.cache_info().currsize} == {}
    finally:
        registry.get("claude")  # the built-ins again, for the tests that follow
