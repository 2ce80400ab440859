"""The data tables (``dialects/data/*.toml``, a plugin's own) parsed once and kept beside them, like bytecode.

Parsing the twenty-odd TOML tables took longer than the rest of a one-file conversion's start-up, so each parsed
table is kept in ``<data dir>/__pycache__/tables.<cache tag>.marshal`` and used while its file's mtime and size
are those recorded (the rule Python uses for a ``.pyc``). The cache is written under the bytecode's rule (not with
``PYTHONDONTWRITEBYTECODE`` / ``-B``), atomically, and a cache that cannot be read or written is never an error:
the table is parsed from its file, as without one. Each ``load`` returns a fresh object, as ``tomllib.loads`` does.
"""
from __future__ import annotations

import marshal
import os
import sys
from functools import cache
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

CACHE_NAME = f"tables.{sys.implementation.cache_tag}.marshal"


def load(package: str, name: str) -> dict[str, Any]:
    """The parsed TOML file ``name`` of the data package ``package`` (a directory, or any importlib resource)."""
    folder = _folder(package)
    if folder is None:  # not one plain directory (a zip, a namespace spread over several): no cache
        import tomllib
        from importlib import resources

        return tomllib.loads(resources.files(package).joinpath(name).read_text("utf-8"))
    return _cache(folder).load(name)


@cache
def builtin(name: str) -> dict[str, Any]:
    """A table shipped with agentconv (``agentconv.dialects.data``), parsed once and shared: never change it."""
    return load("agentconv.dialects.data", name)


@cache
def _folder(package: str) -> str | None:
    from importlib import import_module

    paths = list(getattr(import_module(package), "__path__", None) or [])
    return paths[0] if len(paths) == 1 and os.path.isdir(paths[0]) else None


@cache
def _cache(folder: str) -> "_Cache":
    return _Cache(folder)


class _Cache:
    """One data directory's cache file: file name -> (mtime_ns, size, marshalled table)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.file = os.path.join(folder, "__pycache__", CACHE_NAME)
        try:
            with open(self.file, "rb") as f:
                entries = marshal.load(f)
        except (OSError, EOFError, ValueError, TypeError):
            entries = None
        self.entries: dict[str, tuple[int, int, bytes]] = entries if isinstance(entries, dict) else {}

    def load(self, name: str) -> dict[str, Any]:
        path = os.path.join(self.folder, name)
        st = os.stat(path)
        hit = self.entries.get(name)
        if isinstance(hit, tuple) and len(hit) == 3 and hit[:2] == (st.st_mtime_ns, st.st_size):
            try:
                return marshal.loads(hit[2])
            except (EOFError, ValueError, TypeError):
                pass
        import tomllib

        with open(path, encoding="utf-8") as f:
            table = tomllib.loads(f.read())
        self._store(name, st, table)
        return table

    def _store(self, name: str, st: os.stat_result, table: dict[str, Any]) -> None:
        if sys.dont_write_bytecode:
            return
        try:
            self.entries[name] = (st.st_mtime_ns, st.st_size, marshal.dumps(table))
        except ValueError:  # a value marshal cannot hold (a TOML date): parsed every time
            return
        from . import fsio

        try:
            os.makedirs(os.path.dirname(self.file), exist_ok=True)
            fsio.write_atomic(self.file, marshal.dumps(self.entries))
        except OSError:  # read-only install, full disk: parse next time
            pass


def reset() -> None:
    """Forget the caches read in this process (tests)."""
    _folder.cache_clear()
    _cache.cache_clear()
