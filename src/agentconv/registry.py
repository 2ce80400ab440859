"""Dialect lookup. Built-ins and plugins come through one door: the ``agentconv.dialects`` entry-point group.

When the package runs from a source tree without installed metadata, the built-ins are found by scanning
``dialects/`` for a module beside each table, so ``PYTHONPATH=src`` works too. A plugin that fails to load is skipped and
remembered in ``broken()``; it never breaks the tool.
"""
from __future__ import annotations

import sys
from functools import cache
from importlib import import_module
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .errors import problem

if TYPE_CHECKING:
    from .dialects.base import Dialect

GROUP = "agentconv.dialects"
_BUILTIN_PREFIX = "agentconv.dialects."
_broken: dict[str, str] = {}


def _load(spec: str):
    module, _, attr = spec.partition(":")
    return getattr(import_module(module), attr)


def _scan_builtins() -> dict[str, str]:
    """Built-ins from the package itself (a source tree without installed metadata): every table in
    ``dialects/data`` that has a module of the same name. Ordered by the table's ``priority``."""
    import tomllib
    from importlib import resources

    found = []
    data = resources.files("agentconv.dialects.data")
    for entry in data.iterdir():
        did = entry.name.removesuffix(".toml")
        module = did.replace("-", "_")  # claude-command.toml beside claude_command.py
        if not entry.name.endswith(".toml") or not resources.files("agentconv.dialects").joinpath(f"{module}.py").is_file():
            continue
        table = tomllib.loads(entry.read_text("utf-8"))
        found.append((table.get("priority", 100), did, f"{_BUILTIN_PREFIX}{module}:{table.get('class', did.title())}"))
    return {did: spec for _, did, spec in sorted(found)}


class _EntryPoint:
    """What the registry needs of an ``importlib.metadata.EntryPoint``: ``name``, ``value``, ``load()``."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: str) -> None:
        self.name, self.value = name, value

    def load(self):
        return _load(self.value)


def _entry_points() -> list[Any]:
    """The ``agentconv.dialects`` group, as ``importlib.metadata.entry_points(group=GROUP)`` finds it, read directly:
    importing ``importlib.metadata`` (email, zipfile, csv, ...) cost a one-file conversion more than the rest of
    its start-up. Every ``*.dist-info``/``*.egg-info`` directory on ``sys.path``, the first of each distribution
    name, its ``entry_points.txt`` parsed as importlib.metadata does. A path entry that is a zip file, an egg, or
    a finder of distributions other than the path finder: importlib.metadata itself."""
    import os
    import re
    from importlib.machinery import PathFinder

    if any(getattr(f, "find_distributions", None) is not None and f is not PathFinder for f in sys.meta_path):
        return _metadata_entry_points()
    seen: set[str] = set()
    found: list[Any] = []
    for root in sys.path:
        try:
            children = os.listdir(root or ".")
        except OSError:
            if os.path.exists(root or "."):  # a zip on the path
                return _metadata_entry_points()
            continue
        if os.path.basename(root).lower().endswith(".egg"):
            return _metadata_entry_points()
        for child in children:
            low = child.lower()
            if not low.endswith((".dist-info", ".egg-info")):
                continue
            name = re.sub(r"[-_.]+", "-", low.rpartition(".")[0].partition("-")[0]).replace("-", "_")
            if name in seen:
                continue
            seen.add(name)
            try:
                with open(os.path.join(root, child, "entry_points.txt"), encoding="utf-8") as f:
                    text = f.read()
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
                continue
            found += _group(text, GROUP)
    return found


def _group(text: str, group: str) -> list[_EntryPoint]:
    """The entries of one section of an ``entry_points.txt`` (importlib.metadata's ``Sectioned`` reading)."""
    section, out = None, []
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section == group:
            name, value = line.split("=", 1)
            out.append(_EntryPoint(name.strip(), value.strip()))
    return out


def _metadata_entry_points() -> list[Any]:
    from importlib.metadata import entry_points

    return list(entry_points(group=GROUP))


@cache
def _entries() -> dict[str, object]:
    """id -> entry point (or spec string): the ``agentconv.dialects`` group, built-ins first (pyproject order),
    then plugins by name. Without installed metadata the built-ins are found by ``_scan_builtins``."""
    builtins: dict[str, object] = {}
    plugins: list[Any] = []
    try:
        for ep in _entry_points():
            (builtins.__setitem__(ep.name, ep.value) if ep.value.startswith(_BUILTIN_PREFIX) else plugins.append(ep))
    except Exception as exc:  # broken metadata must not break the tool
        _broken["<entry points>"] = str(exc)
    found = builtins or _scan_builtins()  # built-ins are put in priority order by ids()
    for ep in sorted(plugins, key=lambda e: e.name):
        if ep.name in found:
            _broken[ep.name] = f"{ep.value}: id already taken by {found[ep.name]}"
            continue
        found[ep.name] = ep
    return found


@cache
def _instance(did: str) -> Dialect | None:
    entry = _entries()[did]
    try:
        cls = _load(entry) if isinstance(entry, str) else entry.load()
        inst = cls()
        if inst.id != did:
            raise ValueError(f"registered as {did!r} but its table says {inst.id!r}")
        inst.table, inst.crosswalk  # a broken table fails here, at load, not mid-conversion
        return inst
    except Exception as exc:
        if isinstance(entry, str) and entry.startswith(_BUILTIN_PREFIX):
            raise
        _broken[did] = f"{type(exc).__name__}: {exc}"
        return None


@cache
def ids() -> list[str]:
    """Every loadable dialect id: built-ins in their tables' ``priority`` order, then plugins by name."""
    entries = _entries()
    loaded = [d for d in entries if _instance(d) is not None]
    builtin = [d for d in loaded if isinstance(entries[d], str)]
    builtin.sort(key=lambda d: (_instance(d).table.get("priority", 100), d))
    return builtin + [d for d in loaded if d not in builtin]


def all_dialects() -> list[Dialect]:
    return [_instance(d) for d in ids()]


def broken() -> dict[str, str]:
    """Plugins that failed to load: id -> reason."""
    ids()
    return dict(_broken)


@cache
def _aliases() -> dict[str, str]:
    out = {}
    for d in all_dialects():
        for a in d.table.get("aliases", []):
            out.setdefault(a.lower(), d.id)
    return out


_GOT: dict[str, Dialect] = {}
"""Names ``get`` has resolved (ids and aliases as asked), for the entry points they were found among (``_entries()``'s
dict: a new one after ``reset``, or after its cache is cleared, starts this afresh): a conversion asks for the same few
dialects by name again and again."""
_GOT_FOR: list[Any] = [None]


def get(name: str) -> Dialect:
    """The dialect for an id or alias; an unknown name fails with a did-you-mean."""
    entries = _entries()
    if _GOT_FOR[0] is not entries:
        _GOT.clear()
        _GOT_FOR[0] = entries
    try:
        return _GOT[name]
    except (KeyError, TypeError):
        pass
    got = _get(name)
    if len(_GOT) < 256:  # the names asked of one process: a few dozen (a hostile list of aliases is not kept)
        _GOT[name] = got
    return got


def _get(name: str) -> Dialect:
    key = name.strip().lower()
    if key in _entries() and _instance(key) is not None:
        return _instance(key)
    if key in _aliases():  # an alias may ask for a variant of its dialect (Dialect.variant: Kilo Code's modes file)
        inst = _instance(_aliases()[key])
        return inst.variant(key) if inst is not None else inst
    known = ids() + sorted(_aliases())
    import difflib

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    if close:
        raise problem("dialect-unknown-close", name=name, close=close[0], names=", ".join(ids()))
    raise problem("dialect-unknown", name=name, names=", ".join(ids()))


def name_of(name: str) -> str:
    """The name a target is kept by: its dialect's id, or the variant an alias asks for (``kilo``: Roo's modes written
    where Kilo Code reads them), which ``get`` gives back."""
    d = get(name)
    return d.variant_name or d.id


@cache
def tool(name: str) -> str:
    """The agent dialect of ``name``'s tool: a command dialect names it (``tool_agents``, else ``[inherit] from``:
    copilot-prompt -> copilot); any other dialect is its own."""
    table = get(name).table
    return table.get("tool_agents") or table.get("inherit", {}).get("from") or get(name).id


@cache
def runs_in_of(tool_id: str) -> str | None:
    """The first dialect (``ids`` order) with a ``[runs_in]`` table whose tool is ``tool_id``: the command dialect
    whose ``known_by`` says how that tool's agents are named (``dialects.base.refers_as``); None: none. Asked once per
    source by ``migrate`` (issue 11: the walk over every dialect was 14 ``get`` calls a source)."""
    return next((d for d in ids() if "runs_in" in get(d).table and tool(d) == tool_id), None)


@cache
def owner(key: str, kinds: tuple[str, ...] = ()) -> str | None:
    """The dialect that documents a header key (its [fields] or [own]), first registered wins; with ``kinds`` (the
    reader's), a dialect of one of those kinds first: `argument-hint` in an OpenCode command is a command's key (Claude
    Code's, VS Code's, Codex's: metadata.argument_hint), not a Copilot agent's."""
    first = None
    for d in all_dialects():
        t = d.table
        if key in t.get("fields", {}) or key in t.get("own", {}) or key in t.get("renamed", {}):
            if not kinds or set(kinds) & set(t.get("kinds", ())):
                return d.id
            first = first or d.id
    return first


@cache
def field_of(key: str) -> str | None:
    """The IR path a header key lands on in a file of a dialect that does not define it (its owner's field), if any."""
    who = owner(key)
    return get(who).table.get("fields", {}).get(key) if who is not None else None


@cache
def readers(tool_name: str) -> int:
    """How many dialects read a tool spelling (for detection: a name only one dialect knows says a lot)."""
    return sum(1 for d in all_dialects() if d.table.get("detect", {}).get("tools", True) and d.crosswalk.read(tool_name)
               and not d.crosswalk.read(tool_name)[0].startswith("mcp:"))


def reset() -> None:
    """Forget every loaded dialect and plugin (after installing or removing one in a running process)."""
    for fn in (_entries, _instance, ids, _aliases, tool, runs_in_of, owner, field_of, readers, _takers):
        fn.cache_clear()
    _broken.clear()


def config_reader(dialect: str, path: str | None) -> Dialect | None:
    """The dialect that reads the file at ``path`` when it is named as ``dialect`` but is a file of many of its
    records at a place of another's (``takes`` in that one's table: an ``opencode.json`` read ``--from opencode`` holds
    OpenCode agents and commands, never one markdown agent); None: ``dialect`` reads it."""
    if not path:
        return None
    key = get(dialect).id
    for other in _takers().get(key, ()):
        if other.detect(path, None, False)[0] > 0:
            return other
    return None


@cache
def _takers() -> dict[str, tuple[Dialect, ...]]:
    out: dict[str, list[Dialect]] = {}
    for d in all_dialects():
        for taken in d.table.get("takes", ()):
            out.setdefault(taken, []).append(d)
    return {k: tuple(v) for k, v in out.items()}
