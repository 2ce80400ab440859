"""The parsed-table cache (tables.py): used only while each file's mtime and size are unchanged, written under
the bytecode's rule, never an error when it cannot be read or written; every load is a fresh object."""
from __future__ import annotations

import importlib
import marshal
import os
import sys
import tomllib

import pytest

from agentconv import tables


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A throwaway data package ``agentconv_test_tables.data`` holding one table, a.toml."""
    folder = tmp_path / "agentconv_test_tables" / "data"
    folder.mkdir(parents=True)
    (folder / "a.toml").write_text('id = "a"\n[tools]\nread = ["Read"]\n', "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    importlib.invalidate_caches()
    tables.reset()
    yield folder
    tables.reset()
    for mod in ("agentconv_test_tables.data", "agentconv_test_tables"):
        sys.modules.pop(mod, None)


def _cache_file(folder):
    return folder / "__pycache__" / tables.CACHE_NAME


def test_a_table_is_cached_and_read_back_from_the_cache(data):
    assert tables.load("agentconv_test_tables.data", "a.toml") == {"id": "a", "tools": {"read": ["Read"]}}
    entries = marshal.loads(_cache_file(data).read_bytes())
    st = os.stat(data / "a.toml")
    assert entries["a.toml"][:2] == (st.st_mtime_ns, st.st_size)
    # a new process (reset) reads the cache, not the file: prove it by planting a different table in the cache
    entries["a.toml"] = (st.st_mtime_ns, st.st_size, marshal.dumps({"id": "from-cache"}))
    _cache_file(data).write_bytes(marshal.dumps(entries))
    tables.reset()
    assert tables.load("agentconv_test_tables.data", "a.toml") == {"id": "from-cache"}


def test_an_edited_table_is_parsed_again(data):
    tables.load("agentconv_test_tables.data", "a.toml")
    (data / "a.toml").write_text('id = "a"\ntitle = "edited"\n', "utf-8")
    st = os.stat(data / "a.toml")
    os.utime(data / "a.toml", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a later mtime, whatever the clock
    tables.reset()
    assert tables.load("agentconv_test_tables.data", "a.toml") == {"id": "a", "title": "edited"}


def test_each_load_is_a_fresh_object(data):
    first = tables.load("agentconv_test_tables.data", "a.toml")
    first["tools"]["read"].append("Mutated")
    assert tables.load("agentconv_test_tables.data", "a.toml")["tools"]["read"] == ["Read"]


@pytest.mark.parametrize("junk", [b"", b"not marshal at all", marshal.dumps(["a list"]),
                                  marshal.dumps({"a.toml": (0, 0)})])
def test_a_broken_cache_is_ignored_and_rewritten(data, junk):
    _cache_file(data).parent.mkdir()
    _cache_file(data).write_bytes(junk)
    assert tables.load("agentconv_test_tables.data", "a.toml")["id"] == "a"
    assert "a.toml" in marshal.loads(_cache_file(data).read_bytes())


def test_no_cache_written_without_bytecode(data, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert tables.load("agentconv_test_tables.data", "a.toml")["id"] == "a"
    assert not _cache_file(data).exists()


def test_a_cache_that_cannot_be_written_is_no_error(data):
    (data / "__pycache__").write_text("a file where the cache folder would be", "utf-8")  # as a read-only install
    assert tables.load("agentconv_test_tables.data", "a.toml")["id"] == "a"
    assert sorted(p.name for p in data.iterdir()) == ["__pycache__", "a.toml"]  # no temp file left behind


def test_the_builtin_tables_read_through_the_cache_equal_the_files():
    folder = tables._folder("agentconv.dialects.data")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".toml"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                assert tables.load("agentconv.dialects.data", name) == tomllib.loads(f.read()), name



def test_warm_writes_every_cache_where_python_writes_no_bytecode(tmp_path):
    """`make install` runs `python -m agentconv.warm`: in a shell with PYTHONDONTWRITEBYTECODE=1 an install would
    otherwise start every run without bytecode or caches (issue 11: `convert FILE` 21x `python -c pass`, not 6x)."""
    import shutil
    import subprocess
    from pathlib import Path

    src = Path(tables.__file__).resolve().parent.parent  # a copy of the package, its caches left out
    shutil.copytree(src / "agentconv", tmp_path / "agentconv", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "agentconv.warm"], env=env, capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "bytecode written" in done.stdout and " 0 conversions" not in done.stdout
    package, tag = tmp_path / "agentconv", sys.implementation.cache_tag
    assert (package / "__pycache__" / f"api.{tag}.pyc").is_file()
    assert (package / "dialects" / "__pycache__" / f"claude.{tag}.pyc").is_file()
    assert any(p.name.startswith(f"regex.{tag}.") for p in (package / "__pycache__").iterdir())
    cached = marshal.loads((package / "dialects" / "data" / "__pycache__" / tables.CACHE_NAME).read_bytes())
    assert {"claude.toml", "copilot.toml", "opencode.toml"} <= set(cached)
