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

from dataclasses import dataclass, field
from typing import Any

from .. import limits
from ..errors import NoRecords, ParseError, UsageError
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


def plain_json(text: str) -> str:
    """JSONC as JSON: comments blanked (their line breaks kept, so line numbers hold) and a comma after a value before a
    closing bracket dropped, outside strings, as jsonc-parser reads them (``{,}`` stays an error)."""
    out, i, n, last = [], 0, len(text), ""  # last: the last character that is neither space nor comment
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i, last = j + 1, '"'
        elif text.startswith(("//", "/*"), i):
            j = _comment_end(text, i)
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif c == ",":
            k = i + 1
            while k < n and (text[k] in " \t\r\n" or text.startswith(("//", "/*"), k)):
                k = _comment_end(text, k) if text[k] == "/" else k + 1
            trailing = k < n and text[k] in "}]" and last not in "{[,"
            out.append(" " if trailing else ",")
            i, last = i + 1, last if trailing else ","
        else:
            out.append(c)
            i, last = i + 1, last if c in " \t\r\n" else c
    return "".join(out)


def _comment_end(text: str, i: int) -> int:
    """Where the comment that starts at ``i`` ends (a line comment before its line break)."""
    if text.startswith("//", i):
        j = text.find("\n", i)
        return len(text) if j < 0 else j
    j = text.find("*/", i + 2)
    return len(text) if j < 0 else j + 2


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
        notes.append(Note(LossCode.VALUE_READ_AS, {"value": "a key written twice", "reading": "its last value, as "
                                                   "OpenCode reads it"}))
    agents = data.get("agent")
    for key in data:
        if key in BASE and isinstance(agents, dict) and agents:
            notes.append(Note(LossCode.VALUE_READ_AS, {"value": f"top-level '{key}'", "reading": "the base of every "
                                                       "agent's own, as OpenCode applies it to each"}, line_of(text, key)))
        elif key not in MAPS:
            notes.append(Note(LossCode.FIELD_DROPPED, {"field": f"top-level '{key}'", "done": "read",
                                                       "why": "OpenCode configuration, not an agent or a command"},
                              line_of(text, key)))
    source = File(text)
    records: list[Parsed] = []
    for top, (kind, prompt_key) in MAPS.items():
        entries = data.get(top)
        if top in data and not isinstance(entries, dict):
            raise ParseError(f"'{top}' is {_shape(entries)}, not a map of names ({'OpenCode refuses the file'})",
                             file=file, line=line_of(text, top) or 1)
        for key, entry in (entries or {}).items():
            line = line_of(text, key) or 1
            if not isinstance(entry, dict):
                raise ParseError(f"{kind} {key!r} is {_shape(entry)}, not an object (OpenCode refuses the file)",
                                 file=file, line=line)
            header = {k: v for k, v in entry.items() if k != prompt_key}
            if kind == "agent":
                header.update(based(data, entry))
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
        raise NoRecords(f"an OpenCode config without agents or commands (its top-level keys: {keys}), "
                        "OpenCode settings only", file=file)
    return Split(records, notes)


BASE = ("tools", "permission")
"""Top-level keys OpenCode applies to every agent, the agent's own entries after them (last match wins): opencode-ai
1.18.33 `debug agent` on a config with top-level `tools: {"*": false, read: true}` and an agent without tool keys
lists that agent with bash off (run offline 2026-11-27); agent.ts merges the config's permission before each agent's."""


def based(data: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """The agent's tool keys with the config's top-level ones under them: an entry of the agent's replaces the same
    key or pattern of the config's (it comes later, so it wins), and an agent's catch-all `"*"` (or a permission given
    as one word) leaves nothing of the config's standing."""
    out: dict[str, Any] = {}
    perm, tools = entry.get("permission"), entry.get("tools")
    if isinstance(perm, str) or isinstance(perm, dict) and isinstance(perm.get("*"), str) or \
            isinstance(tools, dict) and isinstance(tools.get("*"), bool):
        return out  # the agent's catch-all comes after every rule of the config's (its tools and its permission)
    for key in BASE:
        top, own = data.get(key), entry.get(key)
        if top is None or not isinstance(top, (dict, str)) or (key == "tools" and not isinstance(top, dict)):
            continue
        if own is None:
            out[key] = top
            continue
        if not isinstance(own, dict):
            continue  # read as its own file reads it
        top = top if isinstance(top, dict) else {"*": top}
        merged = {k: v for k, v in top.items() if k not in own}
        for k, v in own.items():
            base = top.get(k)
            if isinstance(v, dict) and base is not None and key == "permission":
                base = base if isinstance(base, dict) else {"*": base}
                v = v if isinstance(v.get("*"), str) else {**{p: a for p, a in base.items() if p not in v}, **v}
            merged[k] = v
        out[key] = merged
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
    return UsageError("agentconv does not write into an OpenCode config file (opencode.json holds other settings); "
                         "write its agents and commands as OpenCode markdown files (the opencode and opencode-command dialects)")
