"""Tool names as data: one crosswalk per dialect, built from its table's [tools], [tool_aliases], [tool_foreign], [mcp].

- ``[tools]``: canonical id -> the spellings written (all of them: one id may need several names).
- ``[tool_aliases]``: other valid spellings -> the canonical ids they grant (a set name grants several).
- ``[tool_also_read]``: other valid spellings of the tool's own that are never chosen for another dialect's name
  (a name that happens to match is written in the [tools] spelling; the file's own comes back as written).
- ``[tool_foreign]``: spellings accepted on read only (VS Code's model-facing ids, another tool's names).
- ``[mcp]``: how MCP tools are spelled: ``write``/``wildcard`` templates and ``read`` regexes.

Names are read in the context of the source dialect (``edit`` is a set in Copilot, one tool in OpenCode).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from . import rx, tables
from .dialects.helpers import KEPT, MISSING, memo

MCP = "mcp:"


def mcp_id(server: str, tool: str = "*") -> str:
    return f"{MCP}{server}/{tool}"


def split_mcp(canonical: str) -> tuple[str, str] | None:
    if not canonical.startswith(MCP):
        return None
    server, _, tool = canonical[len(MCP):].partition("/")
    return server, tool or "*"


@cache
def vocabulary() -> dict[str, str]:
    """Canonical tool ids with a one-line meaning each (data/tools.toml)."""
    return {k: v["meaning"] for k, v in tables.builtin("tools.toml")["tools"].items()}


def capability(canonical: str) -> str:
    """The capability class of a canonical id (data/tools.toml ``[classes]``); an MCP tool's class is its server
    (``mcp:SERVER``), so another tool of a server already granted is the same class and another server is not."""
    parts = split_mcp(canonical)
    if parts:
        return f"{MCP}{parts[0]}"
    return _classes().get(canonical) or f"unknown:{canonical}"


MCP_CLASS = "mcp"
"""The class a mode's ``capabilities`` names for every MCP server's tools (``capability`` gives each server its own)."""


def in_classes(canonical: str, classes: "tuple[str, ...] | list[str]") -> bool:
    """``canonical`` is a tool of one of ``classes`` (data/tools.toml; ``mcp``: any MCP server's tool)."""
    return capability(canonical) in classes or MCP_CLASS in classes and split_mcp(canonical) is not None


def of_classes(classes: "tuple[str, ...] | list[str]") -> list[str]:
    """The canonical ids of every tool of ``classes`` (data/tools.toml), in the table's order, and every MCP server's
    tools last where ``classes`` names ``mcp``: what a mode that forbids those kinds takes from an agent that holds every
    tool (Claude Code's ``permissionMode: plan``)."""
    return [*(c for c, k in _classes().items() if k in classes), *([mcp_id("*")] if MCP_CLASS in classes else [])]


@cache
def _classes() -> dict[str, str]:
    """Each canonical id's capability class (``capability`` asks it for every grant of every policy it compares)."""
    return {k: v["class"] for k, v in tables.builtin("tools.toml")["tools"].items()}


@dataclass
class Crosswalk:
    """Tool names of one dialect."""

    dialect: str
    written: dict[str, list[str]]
    valid: dict[str, list[str]]
    """Every spelling that may be written -> canonical ids (from [tools] and [tool_aliases])."""
    accepted: dict[str, list[str]]
    """Every spelling read -> canonical ids ([tools], [tool_aliases], [tool_foreign])."""
    mcp_write: str | None
    mcp_wildcard: str | None
    mcp_read: list[re.Pattern[str]]
    mcp_ambiguous: str | None
    not_servers: frozenset[str] = frozenset()
    """Prefixes that name the dialect's own tool sets (Copilot ``read/...``, ``execute/...``): never an MCP server."""
    case_insensitive: bool = False
    """GitHub reads tool names case-insensitively; Claude Code and OpenCode do not."""
    own_only: frozenset[str] = frozenset()
    """``[tool_also_read]`` spellings: valid, but never written for another dialect's name (``is_valid`` exact)."""
    not_mcp: frozenset[str] = frozenset()
    """``[mcp] not_mcp``: names of tools with no canonical id that look like an MCP name (Kilo's ``cron_create``):
    read as unknown tools, never as a server's tool."""
    mcp_all: str | None = None
    """``[mcp] all``: the one name for every tool of every server, where the wildcard template gives none for it."""
    mcp_prefix: bool = False
    """``[mcp] wildcard_is_prefix``: a server's wildcard also matches the tools of servers whose names begin with
    that server's name and the separator (OpenCode's ``github_*``, server ``github_enterprise``)."""
    mcp_valid: re.Pattern[str] | None = None
    """``[mcp] valid``: the MCP names the tool accepts; a name it refuses (Gemini CLI rejects the whole agent) is never
    written: the grant has no name here (``write`` gives none)."""

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> "Crosswalk":
        written = {k: list(v) for k, v in table.get("tools", {}).items()}
        unknown = set(written) - set(vocabulary())
        if unknown:
            raise ValueError(f"{table['id']}: [tools] names unknown canonical ids {sorted(unknown)}")
        valid: dict[str, list[str]] = {}
        for canon, names in written.items():
            for n in names:
                valid.setdefault(n, [])
                if canon not in valid[n]:
                    valid[n].append(canon)
        for n, canons in table.get("tool_aliases", {}).items():
            valid[n] = list(canons)
        also = table.get("tool_also_read", {})
        for n, canons in also.items():
            valid[n] = list(canons)
        accepted = dict(valid)
        for n, canons in table.get("tool_foreign", {}).items():
            accepted.setdefault(n, list(canons))
        mcp = table.get("mcp", {})
        fold = table.get("tools_case") == "insensitive"
        if fold:  # read in any case (a table spelling wins over a foreign one); write only the table's own
            folded = {k.lower(): v for k, v in table.get("tool_foreign", {}).items()}
            folded.update({k.lower(): v for k, v in valid.items()})
            accepted = folded
        return cls(table["id"], written, valid, accepted, mcp.get("write"), mcp.get("wildcard"),
                   [rx.compile(p) for p in mcp.get("read", [])], mcp.get("ambiguous_separator"),
                   frozenset(n.lower() if fold else n for n in mcp.get("not_servers", [])), fold, frozenset(also),
                   frozenset([*mcp.get("own", ()), *mcp.get("not_mcp", ())]), mcp.get("all"), bool(mcp.get("wildcard_is_prefix")),
                   rx.compile(mcp["valid"]) if mcp.get("valid") else None)

    def _key(self, name: str) -> str:
        return name.lower() if self.case_insensitive else name

    def read(self, name: str) -> list[str]:
        """Canonical ids a spelling grants ([] when unknown). MCP names give one ``mcp:`` id."""
        hit = self.accepted.get(self._key(name))
        if hit is not None:
            return hit
        got = self.__dict__.get("_mcp_memo", KEPT).get(name, MISSING)  # (a batch's names repeat: no closures then)
        return got if got is not MISSING else memo(self, "_mcp_memo", name, lambda: self._read_mcp(name),
                                                   lambda: len(name))

    def _read_mcp(self, name: str) -> list[str]:
        if name in self.not_mcp:
            return []  # a built-in tool of a tool reading these files (Kilo's cron_create), not server cron's `create`
        for rx in self.mcp_read:
            m = rx.match(name)
            if m:
                d = m.groupdict()
                if self._key(d["server"]) in self.not_servers:
                    return []  # a member of one of this dialect's own tool sets the table does not list
                return [mcp_id(d["server"], d.get("tool") or "*")]
        return []

    def is_valid(self, name: str, canonical: str | None, *, exact: bool = True) -> bool:
        """True when ``name`` may be written as it is here for ``canonical``. With ``exact`` (a name from another
        dialect) it must mean exactly that tool here, not a set that holds it: ``edit`` is one tool in OpenCode
        and a tool set in Copilot (reference G5)."""
        if canonical and canonical.startswith(MCP):
            return self.read(name) == [canonical] and self._key(name) not in self.accepted
        if exact and name in self.own_only:  # Kiro's `todo`: Copilot's `todo` is written todo_list there
            return False
        meaning = self.valid.get(name, [])
        return meaning == [canonical] if exact else canonical in meaning

    def write(self, canonical: str) -> list[str]:
        """The spellings for a canonical id ([] when this dialect cannot name it)."""
        parts = split_mcp(canonical)
        if parts:
            server, tool = parts
            if self._key(server) in self.not_servers:
                return []  # `read/x` here names a member of the dialect's own tool set `read`, not server read's x
            template = self.mcp_wildcard if tool == "*" else self.mcp_write
            if server == tool == "*" and self.mcp_all:
                template = self.mcp_all
            if not template:
                return []
            name = template.format(server=server, tool=tool)
            return [] if self.mcp_valid is not None and not self.mcp_valid.match(name) else [name]
        return self.written.get(canonical, [])

    def grants_of(self, names: list[str]) -> set[str]:
        """What a list of written names grants, read back (to find broadening)."""
        out: set[str] = set()
        for n in names:
            out.update(self.read(n))
        return out

    def ambiguous_mcp(self, server: str, tool: str) -> bool:
        """True when a single-separator MCP spelling cannot be split back unambiguously."""
        sep = self.mcp_ambiguous
        return bool(sep) and (sep in server or (tool != "*" and sep in tool))
