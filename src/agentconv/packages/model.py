"""What every module of a package knows: the formats and their table (``dialects/data/packages.toml``), a
package as records plus manifest data (``Package``, ``Member``), and reading one file or one record of it."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .. import limits
from ..errors import AgentconvError, ParseError, problem
from ..ir import Document
from ..loss import LossCode, LossReport

FORMATS = ("claude-plugin", "agent-plugins", "gemini-extension")
"""Package format ids (``--to``/``--from``). ``claude-marketplace`` is read as the plugins it lists."""


MARKETPLACE = "claude-marketplace"


SKIP = {".git", "node_modules", "__pycache__", ".agentconv"}


KINDS = ("agents", "commands", "skills")


@cache
def table() -> dict[str, Any]:
    from .. import tables

    return tables.load("agentconv.dialects.data", "packages.toml")


def is_format(name: str | None) -> bool:
    return name in FORMATS or name == MARKETPLACE


def clients() -> list[str]:
    """Client ids an Agent Plugins package can hold agents for, in reading order."""
    return list(table()["agent-plugins"]["clients"])


def loads(cid: str) -> list[str]:
    """What client ``cid`` loads of an Agent Plugins package (``[agent-plugins.clients.*] loads``; all of skills, MCP
    servers, agents and commands unless its table says less: Codex loads a package's skills and mcp.json only)."""
    return list(table()["agent-plugins"]["clients"][cid].get("loads", ("skills", "mcp", *KINDS[:2])))


def writes(cid: str, kind: str) -> str | None:
    """The dialect an Agent Plugins package's ``kind`` (agents, commands) is written in for client ``cid``: None where
    the client has none, or loads none from a package (then nothing is written for it)."""
    return (table()["agent-plugins"]["clients"][cid][kind] or None) if kind in loads(cid) else None


def describe() -> list[dict[str, Any]]:
    """Each package format (``agentconv dialects``): whether agentconv reads and writes it, its manifest, the
    dialects of the records it holds, and for an Agent Plugins package the clients it can hold agents for (each
    with its extension folder and its agents' and commands' dialects)."""
    cp, ap, ge = table()["claude-plugin"], table()["agent-plugins"], table()["gemini-extension"]
    return [
        {"id": "claude-plugin", "title": cp["title"], "reads": True, "writes": True, "path": cp["manifest"],
         "records": [cp[k]["dialect"] for k in KINDS], "clients": []},
        {"id": MARKETPLACE, "title": cp["marketplace_title"], "reads": True, "writes": False, "path": cp["marketplace"],
         "records": ["claude-plugin"], "clients": []},
        {"id": "agent-plugins", "title": ap["title"], "reads": True, "writes": True, "path": ap["manifest"],
         "records": [cp["skills"]["dialect"]],
         "clients": [{"id": cid, "namespace": c["namespace"], "agents": writes(cid, "agents"),
                      "commands": writes(cid, "commands")} for cid, c in ap["clients"].items()]},
        {"id": "gemini-extension", "title": ge["title"], "reads": True, "writes": True, "path": ge["manifest"],
         "records": [ge[k]["dialect"] for k in KINDS], "clients": []},
    ]


@dataclass
class Member:
    """One record of a package: an agent, a command or a skill, with the report of reading it."""

    kind: str
    """``agents``, ``commands`` or ``skills``."""
    doc: Document
    source: str
    """The package-relative path it was read from."""
    report: LossReport


@dataclass
class Package:
    """What a package holds, whatever its format."""

    root: Path
    fmt: str
    name: str
    meta: dict[str, Any] = field(default_factory=dict)
    """The manifest fields both formats hold (version, description, author, ...), as written."""
    members: list[Member] = field(default_factory=list)
    mcp: dict[str, dict[str, Any]] = field(default_factory=dict)
    """MCP servers in Claude Code's spelling (``command``/``args``/``env``, ``type: http`` ...)."""
    claude: dict[str, Any] = field(default_factory=dict)
    """Claude Code manifest keys no other format holds (``displayName``, ``dependencies``, inline ``hooks`` ...)."""
    extensions: dict[str, Any] = field(default_factory=dict)
    """An Agent Plugins manifest's ``extensions`` of namespaces other than Claude Code's, as written (never read:
    spec-1.0.0.md "8.1 Manifest extension data")."""
    hooks: list[tuple[str, bytes]] = field(default_factory=list)
    """Claude Code's hooks files, each its package-relative path and bytes: hooks/hooks.json (read without a key)
    first, then each file a Claude Code manifest's ``hooks`` names, which Claude Code reads in addition to it."""
    places: dict[str, Any] = field(default_factory=dict)
    """A Claude Code manifest's own component places (``agents``, ``commands``, ``skills``, a ``hooks`` path), as
    written: a Claude Code plugin written from it keeps them, each record at the path it was read from, when every
    record of that kind comes back there."""
    unread_mcp: list[Any] = field(default_factory=list)
    """Entries of a Claude Code manifest's ``mcpServers`` no servers were read from (an MCPB bundle, a URL, a path to
    no file in the plugin): a Claude Code plugin keeps them as written, another format reports them."""
    mcp_read: tuple[dict[str, Any], dict[str, bytes]] | None = None
    """A Claude Code plugin's MCP servers as read (a deep copy of ``mcp``) and the bytes of each JSON file they came
    from (package-relative path -> bytes): written back unchanged, a Claude Code plugin gets those files as they were
    and the manifest its ``mcpServers`` as written."""
    manifest_read: tuple[Any, bytes] | None = None
    """The manifest as read (its data, its bytes), when it names no key twice: written to its own format with the
    same data, it is given back as it came (a same-format conversion is byte for byte)."""
    gemini: dict[str, Any] = field(default_factory=dict)
    """Gemini CLI manifest keys no other format holds (``contextFileName``, ``excludeTools``, ``settings`` ...), as
    written."""
    gemini_mcp: tuple[dict[str, Any], dict[str, Any]] | None = None
    """A Gemini CLI extension's MCP servers as read (a deep copy of ``mcp``) and its manifest's ``mcpServers`` as
    written: a Gemini CLI extension written from the same servers gets them as they were."""
    user_config: dict[str, Any] | None = None
    """A Gemini CLI extension's ``settings`` as a Claude Code plugin's ``userConfig`` (envVar -> field), where each
    maps (``gemini.user_config``); None: none, or one that does not."""
    gemini_hooks: tuple[str, bytes] | None = None
    """A Gemini CLI extension's hooks file (Gemini CLI's own events): its package-relative path and bytes."""
    elsewhere: list[tuple[LossCode, str, dict[str, Any]]] = field(default_factory=list)
    """What reading found that a package in another format loses (a Gemini CLI context file, an MCP server field):
    added to the manifest's report by every writer of another format."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Every other file, package-relative path -> bytes, copied as it is."""
    sources: dict[str, str] = field(default_factory=dict)
    """Package-relative path -> the file it was read from (for rows and for never writing over a source)."""
    report: LossReport = field(default_factory=LossReport)
    """What reading the manifest and the package-level components found."""


def read_json(path: Path, rel: str) -> Any:
    from ..jsontext import loads

    try:
        data, _twice = loads(limits.read_file(path).decode("utf-8-sig"))
    except OSError as exc:
        raise ParseError(exc.strerror or str(exc), file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise problem("package-file-not-utf8", file=str(path), byte=exc.start) from None
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise problem("package-file-not-json", file=str(path), line=line, reason=getattr(exc, 'msg', exc)) from None
    return data


def loss(report: LossReport, code: LossCode, path: str, file: str | None = None, **params: Any) -> None:
    report.add(code, path, **params)
    if file:
        report.items[-1].file = file


def package_files(pkg: Package) -> dict[str, Path]:
    """Every file of the package (package-relative path -> path); a link out of it is reported and never read."""
    from ..tree import walk

    out = {}
    for e in walk(pkg.root, lambda d: d in SKIP):
        if e.problem is not None:
            loss(pkg.report, LossCode.COMPONENT_UNREADABLE, "", file=str(e.path),
                 rel=e.rel, problem=e.problem)
            continue
        out[e.rel] = e.path
    return out


def keep_files(pkg: Package, all_files: dict[str, Path], taken: set[str]) -> None:
    """Every file of the package no record or component took, kept as bytes to copy as it is."""
    for rel, path in all_files.items():
        if rel not in taken:
            pkg.files[rel] = limits.read_file(path)
            pkg.sources[rel] = str(path)


def add_member(pkg: Package, kind: str, dialect: str, path: Path, rel: str, as_path: str, carry: bool) -> None:
    from .. import api

    try:
        doc, report = api.read(path, dialect, path=as_path, carry=carry)
    except AgentconvError as exc:
        loss(pkg.report, LossCode.COMPONENT_UNREADABLE, kind, file=str(path),
             rel=rel, problem=exc)
        return
    report.file = str(path)
    for item in report:  # items made while the record was read under its dialect's own path
        if item.file == as_path:
            item.file = str(path)
    pkg.members.append(Member(kind, doc, rel, report))
    pkg.sources[rel] = str(path)


def named_hooks(pkg: Package, rels: list[str], held: Any) -> bool:
    """The hooks files a manifest's ``hooks`` (``pkg.claude``: a path, or a list of paths and inline hooks) names that
    the package holds (``held(rel)``), added to ``rels`` once each (Claude Code loads a file named twice, or the
    standard one, once); the entries naming none (inline hooks, a path to no file) stay in ``pkg.claude["hooks"]``, as
    a list. True when it named a file (the caller then holds the key as written, or not)."""
    import os

    named = pkg.claude.get("hooks")
    entries = named if isinstance(named, list) else [named] if isinstance(named, str) else []
    unread = []
    for entry in entries:
        rel = os.path.normpath(entry).replace(os.sep, "/") if isinstance(entry, str) else None
        if rel is not None and not rel.startswith("..") and held(rel):
            rels += [rel] if rel not in rels else []
        else:
            unread.append(entry)
    if len(unread) == len(entries):
        return False
    pkg.claude.pop("hooks")
    if unread:
        pkg.claude["hooks"] = unread
    return True
