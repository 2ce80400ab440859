"""Where a record goes when it is written for a tool that keeps its kind in another dialect: a command or a skill
for Codex becomes a skill (``[route]`` of the agent dialect's table: codex's ``commands``/``skills`` = ``skill``), at
the folder several tools read (``shared``: ``.agents/skills/``), its other files along. ``migrate``, ``sync`` and
``convert`` route through these functions, so each kind lands in one place whichever command writes it."""
from __future__ import annotations

import os
import posixpath
import re
from functools import lru_cache
from typing import Any, Sequence

from . import limits, registry
from .loss import LossCode
from .placeholders import TEXT, spelling_of


def routed(to: Sequence[str], kind: str) -> list[tuple[str, str | None]]:
    """The dialects a record of ``kind`` is written in, each with the dialect asked for when it is another: a command
    goes to its tool's command dialect where ``to`` names that tool's agent dialect only (``--to copilot``: a Claude
    plugin's commands become Copilot prompt files, not agents); where ``to`` names both, each record goes to the one
    of its kind. Otherwise every dialect of ``to`` (a kind a target does not hold is ``kind-changed``)."""
    commands, skills = command_dialects(), _skill_dialects()
    agents = {c: a for a, c in commands.items()}
    out: list[tuple[str, str | None]] = []
    for t in to:
        if kind == "command" and t in commands:
            if commands[t] not in to:
                out.append((commands[t], t))
        elif kind == "skill" and t in skills:  # a skill stays one where the tool reads skills (codex: .agents/skills)
            if skills[t] not in to:
                out.append((skills[t], t))
        elif not (kind == "agent" and agents.get(t) in to):
            out.append((t, None))
    return out


def with_commands(to: tuple[str, ...]) -> tuple[str, ...]:
    """``to`` and the command and skill dialects ``routed`` may write for it (whose targets ``sync`` keeps or removes
    too)."""
    commands, skills = command_dialects(), _skill_dialects()
    more = (*(commands[t] for t in to if t in commands), *(skills[t] for t in to if t in skills))
    return (*to, *dict.fromkeys(m for m in more if m not in to))


def _skill_dialects() -> dict[str, str]:
    """Agent dialect -> the dialect its tool reads skills in, where a skill goes rather than becoming an agent
    (``[route] skills``: codex -> skill)."""
    return _skills_of(tuple(registry.ids()))


@lru_cache(maxsize=4)
def _skills_of(ids: tuple[str, ...]) -> dict[str, str]:
    return {d: to for d in ids if (to := registry.get(d).table.get("route", {}).get("skills"))}


def command_dialects() -> dict[str, str]:
    """Agent dialect -> the same tool's command dialect (``registry.tool``)."""
    return _commands_of(tuple(registry.ids()))


@lru_cache(maxsize=4)
def _commands_of(ids: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for d in map(registry.get, ids):
        if (to := d.table.get("route", {}).get("commands")) is not None:  # named by the agent dialect (codex: skill)
            out[d.id] = to
        elif d.table.get("kinds") == ["command"] and registry.tool(d.id) != d.id and "retired" not in d.table:
            out.setdefault(registry.tool(d.id), d.id)  # a command dialect its tool no longer loads is none
    return out


def route_said(asked: str | None, target: str, text: str, report: Any, agent: Any = None) -> None:
    """A command or skill routed for ``asked`` whose written header makes it one only the user runs, where ``asked``'s
    tool reads no such key (``[route] user_only_key``/``user_only_lost``: Codex's skills): said (kind-changed). Its
    text's placeholders, which Claude Code expands in a skill as in a command and ``asked``'s tool does not
    (``[route] placeholders_lost``): said each (placeholder-unsupported), the text as written."""
    route = registry.get(asked).table.get("route", {}) if asked is not None else {}
    key = route.get("user_only_key")
    kind = getattr(agent, "kind", None) or "command"
    if key and text.startswith("---") and re.search(rf"^{re.escape(key)}:\s*true\s*$", text.split("\n---", 1)[0], re.M):
        report.add(LossCode.KIND_CHANGED, "kind", kind=f"a {kind} only the user runs",
                   written=f"{target} for {asked}", consequence=route["user_only_lost"])
    lost, origin = route.get("placeholders_lost"), getattr(agent, "origin", None)
    if lost and origin is not None and origin.dialect in route.get("placeholders_of", ()):
        spelling = spelling_of(route["placeholders_spelling"])
        body = text.split("\n---\n", 1)[1] if text.startswith("---") and "\n---\n" in text else text
        for found in dict.fromkeys(t.raw for t in (spelling.tokenize(body) if spelling else ()) if t.kind != TEXT):
            report.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", text=found, dialect=asked, consequence=lost,
                       what="a placeholder Claude Code expands in a skill as in a command")


def skill_files(src: str, rel: str) -> list[tuple[str, bytes | None]]:
    """A skill's other files (its references, scripts, assets), each with its bytes: (repo-relative path, bytes), in
    path order. They go with a skill routed to another tool's skills folder (``[route] skills``), as Codex's own
    migration copies a skill's whole folder. Not a link, nor a file of a skill in a folder below (its own SKILL.md); None
    for a file that cannot be read."""
    folder = os.path.dirname(src) or "."
    out: list[tuple[str, bytes | None]] = []
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(base, d)) and
                         not os.path.exists(os.path.join(base, d, "SKILL.md")) and d not in (".git", ".agentconv"))
        for name in sorted(names):
            path = os.path.join(base, name)
            if path == src or os.path.islink(path) or not os.path.isfile(path) or \
                    (base == folder and name.lower() == "skill.md"):
                continue
            try:
                data: bytes | None = limits.read_file(path)
            except (OSError, limits.LimitError):
                data = None
            inner = os.path.relpath(path, folder).replace(os.sep, "/")
            out.append((posixpath.join(posixpath.dirname(rel), inner), data))
    return out


def shared_route(asked: str | None) -> bool:
    """Whether a command routed for ``asked`` (an agent dialect) goes to its command dialect's shared place
    (``[route] shared``: codex's skills at .agents/skills/, where Codex reads them)."""
    return asked is not None and bool(registry.get(asked).table.get("route", {}).get("shared"))


def said_files(src: str, rel: str, report: Any) -> list[tuple[str, bytes]]:
    """``skill_files`` of a skill routed elsewhere, each said in ``report``: copied with it (``file-copied``), or
    not, when it cannot be read (``component-dropped``); the readable ones returned."""
    files = skill_files(src, rel)
    for file_rel, data in files:
        if data is None:
            report.add(LossCode.COMPONENT_DROPPED, "files", variant="skill-file-unreadable", component=file_rel)
        else:
            report.add(LossCode.FILE_COPIED, "files", rel=file_rel)
    return [(f, b) for f, b in files if b is not None]


def place(target: str, path: str, asked: str | None, *, scope: str = "project", shared: bool = False) -> str:
    """Where a record written in ``target`` at its own ``path`` goes for ``asked`` at ``scope``: the folder several
    tools read when ``asked``'s route says so (``shared_route``: codex's skills at ``.agents/skills/``), as with
    ``shared`` (``scopes.target``)."""
    from . import scopes

    return scopes.target(registry.get(target), path, scope=scope, shared=shared or shared_route(asked))
