"""OpenCode's config file: many records in one JSONC file, the entries of its ``agent`` and ``command`` maps.

``opencode.json`` / ``opencode.jsonc`` (project root, ``.opencode/``, ``~/.config/opencode/``). OpenCode parses it with
jsonc-parser, comments and trailing commas allowed (anomalyco/opencode packages/opencode/src/config/parse.ts
``jsonc``: ``allowTrailingComma: true``; read 2026-11-27); so does ``parse``. Each ``agent`` entry is an agent record
(its key the name, ``prompt`` the prompt), each ``command`` entry a command record (``template`` the prompt); what
else the file holds (provider, mcp, theme, a top-level model ...) is OpenCode's configuration, no agent: said once
per key, never read; but a top-level ``tools`` or ``permission``, which OpenCode applies to every agent, is read under
each agent entry's own (``based``).

Writing into the file is not done: a user's config holds other settings. A file whose records all come back
unchanged, in order, is given back as it came (``as_written``); any other write into it is refused (``join``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from .. import limits
from ..jsontext import plain_json
from ..errors import ParseError, UsageError, problem
from ..loss import LossCode
from . import jsonenv
from .frontmatter import Layout, Parsed
from .records import Note, Out, Split
from .roomodes import line_of

NAMES = ("opencode.json", "opencode.jsonc")
MAPS = {"agent": ("agent", "prompt"), "command": ("command", "template")}
"""Top-level map -> (the kind of its records, the key that holds the prompt)."""
SIDE_CHANNEL = False
"""No side channel is ever written into a user's config (nothing is written into it)."""


@dataclass
class File:
    """The config file a record came from."""

    text: str
    count: int = 0
    """How many records the file holds."""


@dataclass
class Item(Layout):
    """Where one record was: its file, its place among the file's records, its map and key, the entry as read."""

    file: File | None = None
    index: int = 0
    kind: str = "agent"
    key: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def sniff(text: str, path: str | None) -> bool:
    """Worth a parse: a file named as OpenCode names its config."""
    return path is not None and path.replace("\\", "/").rpartition("/")[2] in NAMES


def parse(text: str, file: str | None = None, **_: Any) -> Parsed:
    """The whole file: ``data`` is its top-level object (for detection; ``split`` gives the records)."""
    limits.check_size(text, "the JSON file", file)  # before the text is scanned
    data, twice = jsonenv.load(text, file, syntax="JSONC", plain=plain_json(text))
    data, coerced = limits.plain(data, file)
    parsed = Parsed(data, "", Layout(has_header=True), 1)
    parsed.coerced = coerced
    parsed.layout.verbatim = not twice  # type: ignore[attr-defined]
    return parsed


def split(text: str, file: str | None = None, **_: Any) -> Split:
    """Every agent, then every command, of the file, in file order; a note for every other top-level key."""
    whole = parse(text, file)
    data, notes = whole.data, []
    for note in whole.coerced:
        first, params = next(iter(note.params)), note.params
        notes.append(Note(note.code, {**params, first: f"{note.where}: {params[first]}"} if note.where else params))
    if not whole.layout.verbatim:  # type: ignore[attr-defined]
        notes.append(Note(LossCode.VALUE_READ_AS, {"variant": "opencode-key-twice"}))
    agents = data.get("agent")
    for key in data:
        if key in BASE and isinstance(agents, dict) and agents:
            notes.append(Note(LossCode.VALUE_READ_AS, {"variant": "opencode-base", "key": key}, line_of(text, key)))
        elif key not in MAPS:
            notes.append(Note(LossCode.FIELD_DROPPED, {"variant": "opencode-top-level", "key": key}, line_of(text, key)))
    source = File(text)
    records: list[Parsed] = []
    for top, (kind, prompt_key) in MAPS.items():
        entries = data.get(top)
        if top in data and not isinstance(entries, dict):
            raise problem("opencode-json-not-a-map", file=file, line=line_of(text, top) or 1, top=top,
                          shape=_shape(entries))
        for key, entry in (entries or {}).items():
            line = line_of(text, key) or 1
            if not isinstance(entry, dict):
                raise problem("opencode-json-not-an-object", file=file, line=line, kind=kind, key=key,
                              shape=_shape(entry))
            header = {k: v for k, v in entry.items() if k != prompt_key}
            if kind == "agent" and (under := based(data, entry)):
                header.pop("tools", None)  # in the one permission map ``based`` makes
                header.update(under)
            header["name"] = key  # the map's key names it (an entry's own `name` is kept as written, said)
            body = entry.get(prompt_key)
            layout = Item(has_header=True, file=source, index=len(records), kind=kind, key=key, data=entry)
            body = "" if body is None else str(body)
            body += "\n" if body and not body.endswith("\n") else ""  # as a markdown file ends (OpenCode trims it)
            parsed = Parsed(header, body, layout, line, line=line)
            parsed.layout.prompt_key = prompt_key  # type: ignore[attr-defined]
            records.append(parsed)
    source.count = len(records)
    if not records:
        keys = ", ".join(data) or "none"
        raise problem("opencode-json-no-records", file=file, keys=keys)
    return Split(records, notes)


BASE = ("tools", "permission")
"""Top-level keys OpenCode applies to every agent, the agent's own entries after them (last match wins): opencode-ai
1.18.33 `debug agent` on a config with top-level `tools: {"*": false, read: true}` and an agent without tool keys
lists that agent with bash off (run offline 2026-11-27); agent.ts merges the config's permission before each agent's."""

EDITS = {"config": ("write", "edit", "patch", "multiedit"), "agent": ("write", "edit", "patch")}
"""The ``tools`` switches OpenCode turns into its one ``edit`` permission: a config's (config.ts, legacy top-level
``tools``) and an agent's (packages/core/src/v1/config/agent.ts ``permissionFromTools``); anomalyco/opencode, read
2026-11-28."""


def based(data: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """The agent's tool rules with the config's top-level ones beneath them, as the one ``permission`` map OpenCode
    makes of them, in its order: the config's ``tools`` (each switch an allow or deny), its ``permission``, the agent's
    ``tools``, the agent's ``permission``, a later rule winning over an earlier one for the same tool or pattern (a
    tool's own pattern map adds to the earlier one's patterns unless it has its own ``"*"``; a catch-all ``"*"``
    leaves nothing earlier standing). So an agent's ``tools: {edit: false}`` denies edits a config's ``permission:
    {edit: allow}`` allowed (opencode-ai 1.18.33 `debug agent`: the agent's edit deny comes after the config's allow;
    run offline 2026-11-28). Empty where nothing of the config's stands (it says neither key, or the agent's own
    catch-all comes after all of it) or where the agent's keys have a shape OpenCode refuses (read as written)."""
    perm, tools = entry.get("permission"), entry.get("tools")
    if isinstance(perm, str) or isinstance(perm, dict) and isinstance(perm.get("*"), str) or \
            isinstance(tools, dict) and isinstance(tools.get("*"), bool):
        return {}  # the agent's catch-all comes after every rule of the config's (its tools and its permission)
    if tools is not None and not isinstance(tools, dict) or perm is not None and not isinstance(perm, dict):
        return {}
    top_tools, top_perm = data.get("tools"), data.get("permission")
    layers = [_switches(top_tools, EDITS["config"])] if isinstance(top_tools, dict) else []
    if isinstance(top_perm, (dict, str)):
        layers.append(top_perm if isinstance(top_perm, dict) else {"*": top_perm})
    if not layers:
        return {}
    layers += [_switches(tools or {}, EDITS["agent"]), perm or {}]
    out: dict[str, Any] = {}
    for layer in layers:
        for key, rule in layer.items():
            if key == "*":
                out = {"*": rule}  # matches every tool: nothing before it stands
                continue
            old = out.pop(key, None)
            if isinstance(rule, dict) and not isinstance(rule.get("*"), str) and old is not None:
                old = old if isinstance(old, dict) else {"*": old}
                rule = {**{p: a for p, a in old.items() if p not in rule}, **rule}
            out[key] = dict(rule) if isinstance(rule, dict) else rule  # not the configs' own map: kept for a batch
    return {"permission": out}


def _switches(tools: dict[str, Any], edits: tuple[str, ...]) -> dict[str, str]:
    """A ``tools`` map as OpenCode turns it into permissions: each switch an allow or a deny, the file-editing ones
    all the one ``edit`` permission (the last of them wins)."""
    out: dict[str, str] = {}
    for name, on in tools.items():
        key = "edit" if name in edits else str(name)
        out.pop(key, None)
        out[key] = "allow" if on else "deny"
    return out


@dataclass(frozen=True)
class Base:
    """What OpenCode's configs apply beneath one markdown agent's own tool keys (``project_base``)."""

    data: dict[str, Any]
    """The configs' top-level ``tools`` and ``permission``, merged as OpenCode merges the files (later files win)."""
    files: tuple[str, ...]
    """The configs that gave them, as found on disk, in the order OpenCode reads them."""
    unread: tuple[tuple[str, str], ...] = ()
    """(file, problem): a config OpenCode would read that agentconv cannot (OpenCode refuses to start on it)."""


def project_base(file: str) -> Base | None:
    """The config files OpenCode reads beside a markdown agent at ``file``, and what their top-level ``tools`` and
    ``permission`` say: OpenCode puts them beneath every agent's own rules (packages/opencode/src/agent/agent.ts,
    ``Permission.merge(defaults, user, agent's own)``; anomalyco/opencode, read 2026-11-28). None where the file is in
    no config folder, or no config says either key.

    Which files (packages/opencode/src/config/config.ts and paths.ts, read 2026-11-28): for an agent of a project's
    ``.opencode/agent(s)/``, the ``opencode.jsonc`` then ``opencode.json`` files from the worktree (the nearest folder
    above holding ``.git``, else the file system's root) down to the project, then each ``.opencode/`` folder's own
    ``opencode.jsonc`` / ``opencode.json``, outer first; for the global folder's (``~/.config/opencode/agent(s)/``)
    its ``config.json``, ``opencode.json``, ``opencode.jsonc``. The files are merged as config.ts merges them
    (remeda ``mergeDeep``: maps key by key, any other value replaced)."""
    where = os.path.abspath(file).replace("\\", "/")
    cut = max(where.rfind("/.opencode/agent/"), where.rfind("/.opencode/agents/"))
    glob = max(where.rfind("/.config/opencode/agent/"), where.rfind("/.config/opencode/agents/"))
    if glob > cut:
        folder = where[:glob] + "/.config/opencode"
        names = [f"{folder}/{n}" for n in ("config.json", "opencode.json", "opencode.jsonc")]
    elif cut >= 0:
        from ..dialects.helpers import up_to_worktree

        up, _ = up_to_worktree(where[:cut] or "/")  # the worktree (or the root) first, the project last
        names = [os.path.join(d, n) for n in ("opencode.jsonc", "opencode.json") for d in up]
        names += [os.path.join(d, ".opencode", n) for d in up for n in ("opencode.jsonc", "opencode.json")]
    else:
        return None
    from ..dialects.helpers import per_run

    return per_run(("opencode configs", tuple(names)), lambda: _configs(names))  # one read per project in a batch


def _configs(names: list[str]) -> Base | None:
    data: dict[str, Any] = {}
    files, unread = [], []
    for name in names:
        if not os.path.isfile(name):
            continue
        try:
            with open(name, encoding="utf-8-sig") as f:
                text = f.read()
            top, _ = jsonenv.load(text, name, syntax="JSONC", plain=plain_json(text))
        except (OSError, UnicodeDecodeError, ParseError, limits.LimitError) as exc:
            unread.append((name, getattr(exc, "message", None) or str(exc)))
            continue
        said = {k: top[k] for k in BASE if isinstance(top.get(k), (dict, str))}
        if said:
            data = _merged(data, said)
            files.append(name)
    return Base(data, tuple(files), tuple(unread)) if files or unread else None


def _merged(old: Any, new: Any) -> Any:
    """remeda's ``mergeDeep``: two maps merged key by key (``new``'s keys after ``old``'s), any other value replaced."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return new
    out = dict(old)
    for k, v in new.items():
        out[k] = _merged(out[k], v) if k in out else v
    return out


def _shape(value: Any) -> str:
    return "null" if value is None else f"a {'list' if isinstance(value, list) else type(value).__name__}"


def as_written(layouts: list[Any]) -> str | None:
    """The source text, when ``layouts`` are every record of one config file, in order."""
    if not layouts or not all(isinstance(lo, Item) for lo in layouts):
        return None
    first = layouts[0].file
    if any(lo.file is not first for lo in layouts) or [lo.index for lo in layouts] != list(range(first.count)):
        return None
    return first.text


def join(records: list[Out], **_: Any) -> str:
    """Never: agentconv does not write into an OpenCode config (it holds the user's other settings)."""
    raise refusal()


def refusal() -> UsageError:
    """Why no record is written into an OpenCode config."""
    return problem("opencode-json-not-written")
