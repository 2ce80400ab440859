"""Files the tools load as instructions (Copilot instructions, AGENTS.md, CLAUDE.md, Cursor rules ...), not agents:
told by name or folder from ``dialects/data/instructions.toml``. ``convert`` skips them below a directory; one named
on its own is read, and reading says it is no agent (``kind-changed``)."""
from __future__ import annotations

import re
from functools import lru_cache
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, frozenset[str], tuple[str, ...], Any], ...]:
    from fnmatch import translate

    from . import rx
    from .tables import builtin

    return tuple((i["what"], frozenset(i.get("names", ())), tuple(i.get("suffixes", ())),
                  rx.compile("|".join(translate(f"*/{f}/*") for f in i["folders"])) if i.get("folders") else None)
                 for i in builtin("instructions.toml")["instructions"])


@lru_cache(maxsize=1)
def _any() -> tuple[frozenset[str], tuple[str, ...], Any]:
    """What ``path`` must hold for some entry of ``_table`` to match it: one of all the entries' names, or endings,
    or, for a folder glob, ``/`` and its text up to its first wildcard (its pattern, ``*/{f}/*``, matches only a path
    that holds that text; the texts are one expression of literals, a ``search`` a path instead of a generator over
    a dozen, issue 11). Most paths hold none of them: they are told apart by this alone."""
    from . import rx
    from .tables import builtin

    entries = builtin("instructions.toml")["instructions"]
    folders = dict.fromkeys("/" + re.split(r"[*?\[]", f)[0] for i in entries for f in i.get("folders", ()))
    return (frozenset(n for i in entries for n in i.get("names", ())),
            tuple(s for i in entries for s in i.get("suffixes", ())),
            rx.compile("|".join(map(re.escape, folders))) if folders else None)


def instructions(path: str) -> str | None:
    """What instructions file ``path`` (with ``/``) is, by its name or a folder above it; None: none of them, or it
    is at a place a dialect keeps its agents (``.claude/agents/CLAUDE.md`` is an agent)."""
    name = path.rpartition("/")[2]
    where = path if path.startswith("/") else "/" + path
    names, ends, folders = _any()
    if name not in names and not name.lower().endswith(ends) and (folders is None or not folders.search(where)):
        return None  # no entry's name, ending or folder: what the loop below would say, without its patterns
    for what, names, ends, folders in _table():
        if name in names or name.lower().endswith(ends) or (folders is not None and folders.match(where)):
            return None if in_a_dialect_place(path) else what
    return None


@lru_cache(maxsize=1)
def bare_names() -> frozenset[str]:
    """The file names of the table with none of the suffixes agentconv reads (``.clinerules``): below a directory
    such a file is no candidate, so it is accounted for by its name alone."""
    from .batch import SUFFIXES

    return frozenset(n for n in _any()[0] if not n.lower().endswith(SUFFIXES))


def header_keys(path: str | None) -> frozenset[str]:
    """The header keys of the instructions file ``path`` is (``keys`` in the table; none for any other file)."""
    what = instructions(path.replace("\\", "/")) if path else None
    return _keys().get(what, frozenset()) if what else frozenset()


@lru_cache(maxsize=1)
def _keys() -> dict[str, frozenset[str]]:
    from .tables import builtin

    return {i["what"]: frozenset(i["keys"]) for i in builtin("instructions.toml")["instructions"] if i.get("keys")}


def runs(what: str) -> str | None:
    """``"command"`` for a prompt the user runs by name (a Cursor command, a Windsurf workflow); ``"agent"`` for an
    agent of a format agentconv does not read (none is listed now); None: instructions."""
    return _runs().get(what)


@lru_cache(maxsize=1)
def _runs() -> dict[str, str]:
    from .tables import builtin

    return {i["what"]: i["runs"] for i in builtin("instructions.toml")["instructions"] if i.get("runs")}


def skip_reason(what: str) -> str:
    """Why ``convert DIR`` leaves such a file out."""
    if runs(what) == "agent":
        return f"{what}: not read below a directory (name the file, or the dialect to read it as)"
    if runs(what):
        return (f"{what}: a prompt the user runs by name, not an agent (name the file, or a command dialect to read "
                "it as)")
    return f"{what}: instructions a tool loads, not an agent (name the file to convert it anyway)"


def tool_config(path: str) -> str | None:
    """The dialect whose tool keeps its own settings in ``path`` (``[layout] configs``: ``.codex/config.toml``), if any:
    no agent, whatever its suffix."""
    from . import registry
    from .dialects.helpers import glob_match

    return next((d.id for d in registry.all_dialects() for g in d.table.get("layout", {}).get("configs", [])
                 if glob_match(path, g)), None)


def in_a_dialect_place(path: str, kind: str | None = None) -> bool:
    """Is ``path`` at a place some dialect's table names (``[layout] detect``: ``.claude/agents/*.md`` ...)? With
    ``kind`` (``"command"``), of a dialect of that kind only: where a tool takes every file as a command, a
    ``README.md`` is one too (``/README``), as the tool loads it."""
    from . import registry
    from .dialects.helpers import glob_match

    return any(glob_match(path, g) for d in registry.all_dialects() if kind is None or d.table.get("kinds") == [kind]
               for g in d.table.get("layout", {}).get("detect", []))
