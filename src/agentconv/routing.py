"""Where a record goes when it is written for a tool that keeps its kind in another dialect: a command or a skill
for Codex becomes a skill (``[route]`` of the agent dialect's table: codex's ``commands``/``skills`` = ``skill``), at
the folder several tools read (``shared``: ``.agents/skills/``), its other files along. ``migrate``, ``sync`` and
``convert`` route through these functions, so each kind lands in one place whichever command writes it."""
from __future__ import annotations

import os
import posixpath
import re
from functools import lru_cache
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, Sequence

from . import limits, registry
from .loss import LossCode
from .placeholders import TEXT, spelling_of


_ROUTED: dict[Any, tuple[tuple[str, str | None], ...]] = {}
"""(``to``, kind) -> ``routed``'s answer, for the list of dialect ids it was worked out among (``_ROUTED_FOR``: a
``registry.reset`` makes a new list, and this starts again): every source of a run asks it with the same ``to``."""
_ROUTED_FOR: list[Any] = [None]


def routed(to: Sequence[str], kind: str) -> list[tuple[str, str | None]]:
    """The dialects a record of ``kind`` is written in, each with the dialect asked for when it is another: a command
    goes to its tool's command dialect where ``to`` names that tool's agent dialect only (``--to copilot``: a Claude
    plugin's commands become Copilot prompt files, not agents); where ``to`` names both, each record goes to the one
    of its kind. Otherwise every dialect of ``to`` (a kind a target does not hold is ``kind-changed``). Worked out
    once per ``to`` and kind (issue 11: ``migrate`` asks it for every source); a new list each call."""
    ids = registry.ids()
    if _ROUTED_FOR[0] is not ids:
        _ROUTED.clear()
        _ROUTED_FOR[0] = ids
    key = (tuple(to), kind)
    got = _ROUTED.get(key)
    if got is None:
        got = tuple(_routed(to, kind))
        if len(_ROUTED) < 64:  # the (to, kind) pairs of one process: a handful
            _ROUTED[key] = got
    return list(got)


def _routed(to: Sequence[str], kind: str) -> list[tuple[str, str | None]]:
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


def route_said(asked: str | None, target: str, text: str, report: Any, agent: Any = None, *, alone: bool = True) -> None:
    """A command or skill routed for ``asked`` whose written header makes it one only the user runs, where ``asked``'s
    tool reads no such key (``[route] user_only_key``) and ``alone`` (its one file written alone, standard output):
    said (kind-changed), as the file that tool reads it from (``[route] user_only_file``: Codex's agents/openai.yaml,
    ``user_only_file``) is not written. Its text's placeholders, which Claude Code expands in a skill as in a command
    and ``asked``'s tool does not (``[route] placeholders_lost``): said each (placeholder-unsupported), the text as
    written."""
    route = registry.get(asked).table.get("route", {}) if asked is not None else {}
    kind = getattr(agent, "kind", None) or "command"
    if alone and user_only(asked, text, agent):
        report.add(LossCode.KIND_CHANGED, "kind", variant="user-only-file-alone", kind=kind, written=target, asked=asked,
                   beside=route["user_only_file"], says=_says(), tool=route["tool"])
    lost, origin = route.get("placeholders_lost"), getattr(agent, "origin", None)
    if lost and origin is not None and origin.dialect in route.get("placeholders_of", ()):
        spelling = spelling_of(route["placeholders_spelling"])
        body = text.split("\n---\n", 1)[1] if text.startswith("---") and "\n---\n" in text else text
        for found in dict.fromkeys(t.raw for t in (spelling.tokenize(body) if spelling else ()) if t.kind != TEXT):
            report.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="skill-expanded", text=found, dialect=asked,
                       consequence=lost)


def _says() -> str:
    from . import skillmeta

    return skillmeta.rules()["says"]


def user_only(asked: str | None, text: str, agent: Any = None) -> bool:
    """Whether a record routed for ``asked`` is one only the user runs that ``asked``'s tool says so of in a file of its
    own (``[route] user_only_file``): its written header says ``user_only_key: true``, or it was read so from that very
    file (``keep["user_only_beside"]``, left out of the header on the way back: ``for_route``)."""
    route = registry.get(asked).table.get("route", {}) if asked is not None else {}
    key, file = route.get("user_only_key"), route.get("user_only_file")
    if not key or not file:
        return False
    origin = getattr(agent, "origin", None)
    if origin is not None and origin.keep.get("user_only_beside") == file:
        return True
    return text.startswith("---") and re.search(rf"^{re.escape(key)}:\s*true\s*$", text.split("\n---", 1)[0], re.M) \
        is not None


def for_route(doc: Any, asked: str | None) -> Any:
    """``doc`` as written for ``asked``: a skill read as one only the user runs from the file ``asked``'s tool reads
    that from (``keep["user_only_beside"]`` is its ``[route] user_only_file``) without the key its header never had,
    since that file, written beside it (``beside_files``), says so: a Codex skill converted to Codex comes back as it
    came. Any other ``doc`` as it is."""
    route = registry.get(asked).table.get("route", {}) if asked is not None else {}
    agent = doc.agent if len(doc.records) == 1 else None
    if agent is None or not route.get("user_only_file") or agent.origin is None or \
            agent.origin.keep.get("user_only_beside") != route["user_only_file"]:
        return doc
    from dataclasses import replace

    own = {k: v for k, v in agent.extensions.get(agent.origin.dialect, {}).items() if k != route["user_only_key"]}
    return replace(doc, records=[replace(agent, extensions={**agent.extensions, agent.origin.dialect: own})])


def beside_files(asked: str | None, text: str, agent: Any, src: str, rel: str, report: Any) -> list[tuple[str, str, bytes]]:
    """What is written beside a record routed for ``asked`` (its one file at its folder), each said in ``report``:
    a skill's other files (``said_files``), and the file ``asked``'s tool reads who runs it from, for a record only
    the user runs (``user_only_file``). Each as (its source, repository-relative; its path below the record's folder;
    its bytes)."""
    here, skill = posixpath.dirname(rel), getattr(agent, "kind", None) == "skill"
    files = [(f, posixpath.relpath(f, here), b) for f, b in (said_files(src, rel, report) if skill else [])]
    inner = registry.get(asked).table.get("route", {}).get("user_only_file") if asked is not None else None
    at = next((i for i, f in enumerate(files) if f[1] == inner), None)
    data = user_only_file(asked, text, agent, _own_file(src) if skill else None, report)
    if data is None or (at is not None and files[at][2] == data):
        return files  # none, or the source's own file copied as it is (file-copied)
    if at is not None:
        report.items[:] = [i for i in report.items if not (i.code is LossCode.FILE_COPIED and
                                                          i.message.startswith(f"{files[at][0]}:"))]
    # its source: the skill's own file, or the one it would hold (a command's: the command and the file), a path no
    # file is at: `sync` removes what it wrote there once the record no longer says only the user runs it
    made = (files[at][0] if at is not None else posixpath.join(here, inner) if skill else f"{rel}#{inner}", inner, data)
    return [*files[:at], made, *files[at + 1:]] if at is not None else [*files, made]


def _own_file(src: str) -> bytes | None:
    from . import skillmeta

    found = skillmeta.read(src)
    return found[1] if found is not None else None


def user_only_file(asked: str | None, text: str, agent: Any, old: bytes | None, report: Any) -> bytes | None:
    """The second output of a record only the user runs (``user_only``) routed for ``asked``: the file its tool reads
    that from (``[route] user_only_file``: Codex's agents/openai.yaml, beside its SKILL.md), ``old`` (the source
    skill's own such file) with the policy made so, or made (``skillmeta.written``), said in ``report``
    (value-respelled, unless ``old`` says so already). None for any other record, and where ``old`` cannot be so changed
    (Codex ignores it, or its ``policy`` is in a form agentconv does not change): then it is copied as it is, said
    (kind-changed)."""
    if not user_only(asked, text, agent):
        return None
    from . import skillmeta

    route = registry.get(asked).table["route"]
    meta = skillmeta.read_bytes(old) if old is not None else None
    data = skillmeta.written(old) if meta is None or meta.problem is None else None
    if data is None and meta is not None and meta.problem is not None:
        report.add(LossCode.KIND_CHANGED, "kind", variant="user-only-file-ignored", kind=agent.kind,
                   beside=route["user_only_file"], problem=meta.problem, tool=route["tool"], says=_says())
    elif data is None:
        report.add(LossCode.KIND_CHANGED, "kind", variant="user-only-file-unchanged", kind=agent.kind,
                   beside=route["user_only_file"], tool=route["tool"], says=_says())
    elif data != old:
        key = route["user_only_key"]
        report.add(LossCode.VALUE_RESPELLED, f"extensions.{agent.origin.dialect if agent.origin else 'skill'}.{key}",
                   variant="user-only-written", key=key, beside=route["user_only_file"], says=_says(), tool=route["tool"])
    return data


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
