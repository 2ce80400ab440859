"""The side channel: what a target cannot hold rides along in a comment it tolerates.

Payload: ``{"v": 1, "from": DIALECT, "digest": HASH, "fields": {IR_PATH: VALUE}}``, and ``"keys": [KEY, ...]``
(the first file's header keys in its order, where some of them ride here and its dialect would not write them in
that order: layout only, used by a write back into that dialect, never a value), ``"styles": {KEY: STYLE}`` (how it
spelled the values that ride here: quotes, a one-line flow list) and ``"gap"`` (the blank lines before its prompt,
where the target has no place for them): layout too, bounded and checked (``layout``); ``"made"`` (the fields the
write made up where the first file had none: a write back into that dialect, while the file is fresh, leaves them
out again); ``"appended"`` (what the
write added at the end of the prompt, the arguments placeholder of a tool that drops them otherwise: a write back
into the first dialect takes it off); ``"literal"`` (which placeholders of the prompt written, numbered in order, were
literal text of the first file that the target expands, a price like ``$150`` in an OpenCode command: the way back
reads them as text while the file is fresh). ``from`` names the dialect the record first came from (a record read with a payload keeps its ``from``: a file converted to its own dialect comes
back byte for byte), for people; no reader acts on it. The digest covers the header and body as written; when a file was edited after conversion, only fields the file cannot hold
are restored (its own values win) and the staleness is reported.

Trust: the comment is text anyone can write and the digest a hash anyone can compute, so the side channel may
restore, never grant. What it may set is data (``dialects/data/carry.toml``): a value is taken only for a path
on that list, of the type it names, never for an access setting, and a tool policy only when it gives no kind of
access the visible file does not (``toolpolicy.within_classes``: a tool the target could not spell comes back only
beside one of its class, said as a warning). Every value refused is a ``carry-refused`` warning naming the field.
Writers carry only what a reader would take back (``refusal`` without a record: the static rules).
"""
from __future__ import annotations

import json
import math
import re
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from . import jsontext, limits, paths, rx
from .ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Agent, Grant, ToolPolicy
from .loss import LossCode, LossReport, sentence

VERSION = 1
_READ: ContextVar[bool] = ContextVar("agentconv_carry_read", default=True)
_PATH = rx.compile(r"^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$ -]+){0,2}$")


_HEADER_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)
"""``digest``'s spelling of a header (made once: ``json.dumps`` with a ``default`` makes an encoder per call)."""
_HEADER = jsontext.one_shot(_HEADER_JSON)
"""``_HEADER_JSON.encode`` through the C encoder directly (``jsontext.one_shot``): the same text."""
_BODY: tuple[str | None, bytes] = (None, b"")
"""The last body hashed and its bytes (one entry): a record's prompt is hashed once per target. Replaced whole, read
once: a thread never pairs one body with another's bytes."""


_SHA256: Any = None
"""The SHA-256 constructor found (a failed import is not cached by Python): OpenSSL's once ``hashlib`` is loaded."""


def _sha256() -> Any:
    """SHA-256: ``hashlib``'s (OpenSSL: ~5x faster on a 5 KB prompt) where something has loaded ``hashlib`` already
    (``migrate`` always has: its manifest's digests), else CPython's own module (3.11: ``_sha256``, 3.12+: ``_sha2``),
    the same digest without loading OpenSSL (``hashlib``: ~4 ms, about a twentieth of a one-file conversion)."""
    global _SHA256
    sha = _SHA256
    if sha is None or sha is _BUILTIN:
        fast = getattr(sys.modules.get("hashlib"), "sha256", None)  # None while nothing loaded it (or mid-import)
        if fast is not None:
            sha = _SHA256 = fast
        elif sha is None:
            sha = _SHA256 = _builtin_sha256()
    return sha


_BUILTIN: Any = None
"""CPython's own SHA-256 constructor, once found (``_sha256`` keeps asking ``hashlib`` for its faster one)."""


def _builtin_sha256() -> Any:
    global _BUILTIN
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef]
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment]
    _BUILTIN = sha256
    return sha256


def digest(mapping: dict[str, Any], body: str) -> str:
    global _BODY
    h = _sha256()(_HEADER(mapping).encode())
    h.update(b"\0")
    last = _BODY
    if body is not last[0]:  # another string object (the same text as another object is encoded again)
        last = _BODY = (body, body.encode())
    h.update(last[1])  # hashed as bytes: JSON-escaping a 5 KB prompt cost more than the rest of the write
    return h.hexdigest()[:16]


def make(source: str | None, fields: dict[str, Any], mapping: dict[str, Any], body: str,
         keys: list[str] | None = None, styles: dict[str, str] | None = None, gap: str | None = None, *,
         appended: str | None = None, literal: tuple[int, ...] = (), made: tuple[str, ...] = (),
         toml: list[str] | None = None, escaped: tuple[int, ...] = (), neutral: bool = False,
         alone: bool = False) -> dict[str, Any] | None:
    """The payload of a write that carries ``fields``; ``keys``: the header keys of the file ``source`` first wrote,
    in its order, where some of them ride here (a write back into ``source`` puts them in that order again);
    ``styles``: how that file spelled the values that ride here (key -> one of ``STYLES``: quoted, a one-line
    flow list); ``gap``: the blank lines before its prompt, where the target has nowhere to keep them; ``appended``:
    what the write added at the end of the prompt (said even where nothing else rides: a write back takes it off);
    ``literal``: which placeholders of the prompt written were literal text of the source (said even where nothing
    else rides: the way back reads them as text); ``made``: the fields this write made up where the first file had
    none (``MADE``; said even where nothing else rides: a write back into that dialect leaves them out); ``toml``: the
    first file's TOML layout (``toml_skeleton``: its comments, quotes, key order; said even where nothing else rides:
    a write back into that dialect lays it out so); ``escaped``: where in the prompt written a '$' was put before
    literal text the target reads (Codex's ``$$HOME`` for a ``$HOME``; said even where nothing else rides: the way
    back leaves them out); ``neutral``: the prompt holds agentconv's neutral spelling of a shell command or a file the
    target cannot spell (said even where nothing else rides: only a file with a side channel has its neutral
    spellings read as placeholders, command.py); ``alone``: ``styles`` ride on their own, the
    ``gap`` beside them (a target with no place for quotes: TOML, JSON; a gap alone does not ride)."""
    blocks = any(st not in STYLES for st in (styles or {}).values()) or \
        alone and bool(styles)  # a block scalar's layout rides on its own, and quotes where they have no place
    if not fields and not appended and not literal and not made and not toml and not blocks and not keys and \
            not escaped and not neutral:
        return None
    payload = {"v": VERSION, "from": source, "digest": digest(mapping, body), "fields": fields}
    if keys:
        payload["keys"] = keys
    if styles:
        payload["styles"] = styles
    if gap is not None:  # "": no blank line before the prompt, where its writer would put one
        payload["gap"] = gap
    if appended:
        payload["appended"] = appended
    if literal:
        payload["literal"] = list(literal)
    if escaped:
        payload["escaped"] = list(escaped)
    if made:
        payload["made"] = list(made)
    if toml:
        payload["toml"] = toml
    return payload


KEYS_MAX = 64
"""The most header keys a payload's ``keys`` may name (a hostile comment's are ignored past it)."""


def key_order(payload: dict[str, Any]) -> tuple[str, ...] | None:
    """A payload's ``keys`` (the first file's key order), if it is a short list of short strings; else None."""
    keys = payload.get("keys")
    if not isinstance(keys, list) or not 1 < len(keys) <= KEYS_MAX or not all(
            isinstance(k, str) and 0 < len(k) <= 128 for k in keys):
        return None
    return tuple(keys)


STYLES = ('"', "'", "[]", "['']", '[""]', "-")
"""The spellings a payload's ``styles`` may name: double or single quotes, a one-line flow list (of plain items, or of
items each in single or double quotes), a block list (``key:`` and a ``  - item`` line each, as a list is written)."""
LISTS = frozenset(STYLES[2:])
"""The styles that spell a list: a tool list its first dialect writes as a comma string (Claude Code's ``tools``) was a
YAML list there, and a write back gives it so again (``toolpolicy.render_tools``)."""
GAP_MAX = 16
"""The most blank lines a payload's ``gap`` may name."""
BREAKS_MAX = 256
"""The most line breaks a block style (``block_style``) may name in a folded value."""
_BLOCK = rx.compile(r"^([|>][-+]?)([1-9]):(\d{1,6}):(\d{1,6}(?:,\d{1,6}){0,%d})?$" % (BREAKS_MAX - 1))
"""A block style: the block scalar's indicator (``|``, ``>-`` ...), its indentation, the length of the value it holds,
and where a folded one (``>``) broke a line (offsets of the spaces of the value that were line breaks)."""


def is_style(style: Any) -> bool:
    """One of ``STYLES``, or a well-formed block style (``_BLOCK``)."""
    return style in STYLES or isinstance(style, str) and len(style) <= 2048 and _BLOCK.match(style) is not None


def block_style(key: str, text: str, value: str) -> str | None:
    """How the block scalar ``text`` (``key: >-`` and its indented lines, ``frontmatter.own_text``) lays out ``value``,
    as a block style (``_BLOCK``), only where ``unblock`` gives exactly ``text`` back from the value; else None (a
    layout YAML's folding would not give back: more-indented lines, trailing spaces ...)."""
    lines = text.split("\n")
    head = lines[0].partition(":")[2].strip()
    rest = lines[1:-1]
    first = next((ln for ln in rest if ln.strip()), None)
    if type(key) is not str or type(value) is not str or not head or head[0] not in "|>" or first is None:
        return None
    indent = len(first) - len(first.lstrip(" "))
    if not 1 <= indent <= 9:
        return None
    breaks: list[int] = []
    if head[0] == ">":  # where the folding joined two lines with a space: those spaces were line breaks
        out, pending = 0, 0
        for ln in rest:
            if not ln.strip():
                pending += 1
                continue
            if out and not pending:
                breaks.append(out)
                out += 1
            out += pending + len(ln) - indent
            pending = 0
    if len(breaks) > BREAKS_MAX:
        return None
    style = f"{head}{indent}:{len(value)}:{','.join(map(str, breaks))}"
    return style if is_style(style) and unblock(key, value, style) == text else None


def unblock(key: Any, value: Any, style: str) -> str | None:
    """``key: value`` as the block scalar a block style says (``block_style``), read back here to the same value;
    None where the style does not fit the value (another length, a break on no space: the value was edited)."""
    m = _BLOCK.match(style) if isinstance(style, str) else None
    if m is None or type(key) is not str or type(value) is not str or len(value) != int(m.group(3)):
        return None
    head, indent = m.group(1), int(m.group(2))
    chomp, trail, body = head[1:], 0, value
    if chomp == "":
        if not value.endswith("\n"):
            return None
        body = value[:-1]
    elif chomp == "+":
        body = value.rstrip("\n")
        trail = len(value) - len(body) - 1
        if trail < 0:
            return None
    breaks = [int(b) for b in m.group(4).split(",")] if m.group(4) else []
    if head[0] == ">":
        chars = list(body)
        for b in breaks:
            if b >= len(chars) or chars[b] != " ":
                return None
            chars[b] = "\0"
        if "\0" in body:
            return None
        lines: list[str] = []
        for part in re.split("(\n+)", "".join(chars)):
            lines.extend([""] * len(part) if part[:1] == "\n" else part.split("\0"))
    elif breaks:
        return None
    else:
        lines = body.split("\n")
    lines.extend([""] * trail)
    text = f"{key}: {head}\n" + "".join((" " * indent + ln if ln else "") + "\n" for ln in lines)
    from .envelopes import yamlio

    try:
        return text if yamlio.load(text) == {key: value} else None
    except Exception:  # noqa: BLE001 - a spelling the reader refuses: not this style
        return None
MADE = ("description", "name", "display_name")
"""The IR fields a payload's ``made`` may name: made up by a write where the first file had none (a skill requires a
description, a Claude Code command does not; a Cursor agent named by its file gets ``name:`` in Claude Code). Besides
them, a header key the first file's dialect writes where a record has none (its table's ``made``: Windsurf's
``trigger``), which that file did not have. Either only ever leaves something out of a write back into that dialect,
while the file is fresh: never a value, never access. One exception, said where it acts: a Claude Code command or
skill without ``disable-model-invocation`` written as a slash command only the user runs names that key (the write
back would add it: ``base.Dialect._user_ran`` leaves it out, a carry-invocable warning, so the model may run it as
before)."""
MADE_MAX = 8
"""The most entries a payload's ``made`` may name."""
_MADE_KEY = rx.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
LITERAL_MAX = 256
"""The most placeholders a payload's ``literal`` may name as literal text."""


TOML_MAX = 64
"""The most entries a payload's ``toml`` (``toml_skeleton``) may hold, and (times 64) the characters of all of them."""
_TOML_STYLES = ('"', "'", '"""', '"""\n', "'''", "'''\n")
"""How a TOML string was spelled: a basic or literal one-line string, a multi-line basic string (``\\"`` only where
it must be), a multi-line literal one, each of these two with or without a line break after its opening quotes."""
_TOML_CTRL = rx.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u2028\u2029]")
_TOML_KEY = rx.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _toml_string(value: str, style: str) -> str | None:
    """``value`` as a TOML string in ``style`` (``_TOML_STYLES``), or None where that style cannot hold it."""
    if _TOML_CTRL.search(value) or "\r" in value:
        return None
    if style == "'":
        return None if "'" in value or "\n" in value else "'" + value + "'"
    if style == '"':
        return None if "\n" in value else json.dumps(value, ensure_ascii=False)
    opening, newline = style[:3], "\n" if style.endswith("\n") else ""
    if not newline and value.startswith("\n"):
        return None  # (a line break right after the opening quotes is not part of the value)
    if opening == "'''":
        return None if "'''" in value or value.endswith("'") else opening + newline + value + opening
    text = value.replace("\\", "\\\\").replace('"""', '""\\"')
    if text.endswith('"'):
        text = text[:-1] + '\\"'
    return opening + newline + text + opening


_TOML_LISTS = ("[]", "['']")
"""How a list was spelled on one line (``key = ["a", "b"]``), where tomli-w writes one item a line: its items each as
tomli-w spells a scalar on one line, or each string in single quotes."""


def _toml_list(value: Any, style: str) -> str | None:
    """``value`` (a list of scalars) as a one-line TOML array in ``style`` (``_TOML_LISTS``), or None where that style
    cannot hold it."""
    if type(value) is not list or len(value) > TOML_MAX:
        return None
    import tomli_w

    items = []
    for item in value:
        if style == "['']" and type(item) is str:
            one = _toml_string(item, "'")
        elif type(item) in (str, int, bool, float):
            one = tomli_w.dumps({"k": item})[4:]
            one = one[:-1] if one.count("\n") == 1 else None
        else:
            one = None
        if one is None:
            return None
        items.append(one)
    return "[" + ", ".join(items) + "]"


def toml_skeleton(text: str, data: dict[str, Any]) -> list[str] | None:
    """A TOML file's layout that a writer does not keep (its comment and blank lines, how each string was quoted,
    its keys' order) as a short list: a comment or blank line as it is, ``=KEY STYLE`` for a string
    (``_TOML_STYLES``) or a list on one line (``_TOML_LISTS``), ``=KEY`` for a value of another kind, spelled as
    tomli-w spells it on one line. Only where
    ``from_skeleton`` gives exactly ``text`` back from ``data`` (every top-level key, the prompt too), within
    ``TOML_MAX``; else None."""
    if not all(type(k) is str and _TOML_KEY.match(k) for k in data):
        return None
    out: list[str] = []
    ended = text.endswith("\n")  # else ``=`` at the end says so
    lines, at = (text if ended else text + "\n").split("\n"), 0
    while at < len(lines):
        line = lines[at]
        if not line.strip() or line.lstrip().startswith("#"):
            out.append(line)
            at += 1
            continue
        key, eq, rest = line.partition(" = ")
        if not eq or key not in data:
            return None
        value = data[key]
        if type(value) is str:
            tail = "\n".join(lines[at:])
            style = next((st for st in _TOML_STYLES if (spelled := _toml_string(value, st)) is not None
                          and tail.startswith(f"{key} = {spelled}\n")), None)
            if style is None:
                return None
            lead = len(value) - len(value.lstrip("\n"))  # blank lines a markdown header's reader takes off the prompt
            out.append(f"={key} {style}".rstrip("\n") + ("+" if style.endswith("\n") else "") + (f"^{lead}" if
                                                                                               0 < lead < 10 else ""))
            at += (_toml_string(value, style) or "").count("\n") + 1
        else:
            style = next((st for st in _TOML_LISTS if (spelled := _toml_list(value, st)) is not None and
                          line == f"{key} = {spelled}"), None)  # a list on one line, where tomli-w breaks it
            out.append(f"={key}" if style is None else f"={key} {style}")
            at += 1
    if out and out[-1] == "":
        out.pop()  # the text's last line break
    if not ended:
        out.append("=")
    if len(out) > TOML_MAX or sum(map(len, out)) > TOML_MAX * 64 or from_skeleton(out, data) != text:
        return None
    return out


def from_skeleton(skeleton: Any, data: dict[str, Any]) -> str | None:
    """``data`` (a TOML file's top-level keys) laid out as ``toml_skeleton`` says, read back to the same data; None
    where it does not fit (a key not in it, one of it not in the data, a style that cannot hold the value)."""
    if not isinstance(skeleton, list) or not 0 < len(skeleton) <= TOML_MAX or \
            sum(len(x) if isinstance(x, str) else 1 << 20 for x in skeleton) > TOML_MAX * 64:
        return None
    import tomli_w
    import tomllib

    from .envelopes.frontmatter import CARRY_PREFIX

    parts, seen = [], set()
    ended = skeleton[-1] != "="
    for entry in skeleton if ended else skeleton[:-1]:
        if not isinstance(entry, str) or "\n" in entry or "\r" in entry or entry == "=":
            return None
        if not entry.startswith("="):
            if entry.strip() and not entry.lstrip().startswith("#") or _TOML_CTRL.search(entry.replace("\t", " ")) \
                    or entry.startswith(CARRY_PREFIX.rstrip()):
                return None  # only comment and blank lines ride as text (never another side channel)
            parts.append(entry + "\n")
            continue
        key, _, style = entry[1:].partition(" ")
        if key not in data or key in seen or not _TOML_KEY.match(key):
            return None
        seen.add(key)
        value = data[key]
        if style:
            style, _, lead = style.partition("^")
            if lead:  # the value began with line breaks, which a markdown file in between took off: given back
                if not lead.isdigit() or type(value) is not str:
                    return None
                value = value if value.startswith("\n" * int(lead)) else "\n" * int(lead) + value
                data = {**data, key: value}
            style = style[:-1] + "\n" if style.endswith("+") else style
            spelled = _toml_string(value, style) if type(value) is str and style in _TOML_STYLES else \
                _toml_list(value, style) if style in _TOML_LISTS and not lead else None
            if spelled is None:
                return None
            parts.append(f"{key} = {spelled}\n")
        else:
            try:
                one = tomli_w.dumps({key: value})
            except (TypeError, ValueError):
                return None
            if one.count("\n") != 1:
                return None
            parts.append(one)
    if seen != set(data):
        return None
    text = "".join(parts) if ended else "".join(parts)[:-1]
    try:
        return text if tomllib.loads(text) == data else None
    except Exception:  # noqa: BLE001 - a spelling the reader refuses: written as usual
        return None


def layout(payload: dict[str, Any]) -> dict[str, Any]:
    """What a payload says of the first file's layout (never a value), where it is well-formed, as ``Origin.keep``
    entries: ``carried_order`` (its ``keys``), ``carried_styles`` (short keys -> one of ``STYLES``), ``carried_gap``
    (only line breaks, at most ``GAP_MAX``). A hostile comment's ill-formed members are ignored."""
    out: dict[str, Any] = {}
    if (order := key_order(payload)) is not None:
        out["carried_order"] = order
    styles = payload.get("styles")
    if isinstance(styles, dict) and 0 < len(styles) <= KEYS_MAX and all(
            0 < len(k) <= 128 and is_style(v) for k, v in styles.items()):
        out["carried_styles"] = styles
    gap = payload.get("gap")
    if isinstance(gap, str) and len(gap) <= GAP_MAX and not gap.strip("\n"):
        out["carried_gap"] = gap
    appended = payload.get("appended")
    if isinstance(appended, str) and 0 < len(appended) <= 32:
        out["carried_appended"] = appended  # taken off only where it is the dialect's own placeholder (command.py)
    literal = payload.get("literal")
    if isinstance(literal, list) and 0 < len(literal) <= LITERAL_MAX and all(
            type(i) is int and 0 <= i < 1 << 20 for i in literal):
        out["carried_literal"] = tuple(literal)  # read as text, not placeholders, while the file is fresh (command.py)
    escaped = payload.get("escaped")
    if isinstance(escaped, list) and 0 < len(escaped) <= LITERAL_MAX and all(
            type(i) is int and 0 <= i < 1 << 20 for i in escaped):
        out["carried_escaped"] = tuple(escaped)  # left out on reading, while the file is fresh (command.py)
    made = payload.get("made")
    if isinstance(made, list) and 0 < len(made) <= MADE_MAX and all(
            m in MADE or isinstance(m, str) and _MADE_KEY.match(m) for m in made):
        out["carried_made"] = tuple(made)  # left out by a write back into the first dialect while fresh (command.py)
    toml = payload.get("toml")
    if isinstance(toml, list) and 0 < len(toml) <= TOML_MAX and all(isinstance(x, str) for x in toml) and \
            sum(map(len, toml)) <= TOML_MAX * 64:
        out["carried_toml"] = toml  # laid out so by a write back into the first (TOML) dialect while fresh
    return out


def decode(text: str) -> dict[str, Any] | None:
    """A comment's JSON payload, or None when it is not one (never an exception: the comment is anyone's text)."""
    try:
        payload = json.loads(text, object_pairs_hook=_unique)
        return limits.plain(payload)[0] if isinstance(payload, dict) else None  # bounded, JSON's types only
    except (ValueError, RecursionError, limits.LimitError):
        return None


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object with a key written twice is no payload of ours (we never write one): damaged, not read."""
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("a key written twice")
    return out


@contextmanager
def reading(on: bool):
    """Within this block readers restore from side channels (``on``) or only report that one was there."""
    token = _READ.set(on)
    try:
        yield
    finally:
        _READ.reset(token)


# ------------------------------------------------------------------ what may be restored
@cache
def _rules() -> dict[str, Any]:
    from .tables import builtin

    return builtin("carry.toml")


def refusal(path: str, value: Any, agent: Agent | None = None, tools: ToolPolicy | None = None,
            between: tuple[str | None, str | None] = (None, None), beside: dict[str, Any] | None = None) -> str | None:
    """Why the side channel may not set ``path`` to ``value`` (None: it may). With ``agent`` (the record as its
    visible file says it), also the checks against that file: tools no wider, the same model, same name.
    ``between``: the dialect the carried value was spelled in and the file's (``toolpolicy.within_classes``).
    ``beside``: the other fields restored with it (``modes``): a carried tool policy is judged as a mode among them
    holds it (``toolpolicy.mode_narrowed``: Claude Code's plan mode runs no edit tool, no command but a read-only one)."""
    if not isinstance(path, str):
        return "not an IR path"
    kind, why = (_kind if len(path) <= 128 else _kind.__wrapped__)(path)  # a hostile comment's long path: not kept
    if why is not None:
        return UNKNOWN_KEY if why is _NEVER and not _known(path) else why
    if isinstance(kind, tuple):  # a narrowing setting: only these values
        return None if value in kind and isinstance(value, str) else "an access setting"
    if not _typed(kind, value):
        return f"not a valid {kind if isinstance(kind, str) else 'value (one of ' + ', '.join(kind) + ')'}"
    if agent is not None:
        return _against(kind, value, agent, tools or agent.tools, between, beside)
    return None


@lru_cache(maxsize=1024)
def _kind(path: str) -> tuple[Any, str | None]:
    """What the rules say of ``path`` whatever its value (a pure lookup, remembered): (the type a value must have, or a
    tuple of the values a narrowing setting may take; None) or (None, why nothing may be set there)."""
    rules = _rules()
    if not _PATH.match(path):
        return None, "not an IR path"
    head, _, rest = path.partition(".")
    key = path.rsplit(".", 1)[-1].lower()
    narrowing = rules["narrowing"].get(path)
    if narrowing is not None:
        return tuple(narrowing), None
    if head == "extensions":
        ns, _, name = rest.partition(".")
        kind = rules["extensions"].get(ns, {}).get(name) if name else None
    else:
        kind = rules["paths"].get(path) or (rules["paths"].get(f"{head}.*") if rest else None)
    if head in ("extensions", "metadata", "params") and any(w in key for w in rules["deny"]["words"]):
        return None, _denied_why(key, rules["deny"]["words"])
    if kind is None:
        return None, _NEVER if head != "metadata" else "not restorable"
    return kind, None


def _denied_why(key: str, words: list[str]) -> str:
    """Why a key holding one of carry.toml's [deny] words never rides, in the words of losses.toml's
    ``[not-carried-why]``: by the first word the key holds ("prompt" and "instruction" first), "access" for a word it
    does not name (a handoff is not an access setting, ``handoffs`` said so)."""
    from .tables import builtin

    why = builtin("losses.toml")["not-carried-why"]
    word = next(w for w in ("prompt", "instruction", *words) if w in key)
    return why.get(word, why["access"])


def ir_type(path: str) -> Any:
    """The type the rules give an IR path's value (``params.background``: "bool"), or None."""
    return _kind(path)[0]


_NEVER = "an access setting or text the side channel never sets"
UNKNOWN_KEY = "a key agentconv does not know, so never restored: it might grant access"
"""Why a key no dialect table names (``id``, ``foo``) does not ride: not that it is an access setting, but that
nothing says it is not."""


def _known(path: str) -> bool:
    """Does the table of the dialect an ``extensions.<dialect>.<key>`` path names know that key (its ``[own]`` or
    ``[fields]``)? Any other path: yes (the rules' reason stands)."""
    head, _, rest = path.partition(".")
    ns, _, name = rest.partition(".")
    if head != "extensions" or not name or "." in name:
        return True
    from . import registry

    if ns not in registry.ids():
        return True
    table = registry.get(ns).table
    return name in table.get("own", {}) or name in table.get("fields", {})


def _typed(kind: str | list[Any], value: Any) -> bool:
    if isinstance(kind, list):
        return isinstance(value, str) and value in kind
    if kind in ("str", "name"):
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if kind == "data":
        return _plain(value, 3)
    if kind == "model":
        return isinstance(value, dict) and set(value) <= {"raw", "canonical"} and isinstance(value.get("raw"), str)
    if kind == "tools":
        return _tools_shape(value)
    return False


def _plain(value: Any, depth: int) -> bool:
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if depth <= 0:
        return False
    if isinstance(value, list):
        return all(_plain(v, depth - 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v, depth - 1) for k, v in value.items())
    return False


_POLICY_KEYS = frozenset({"mode", "grants"})
_GRANT_KEYS = frozenset({"raw", "canonical", "decision", "pattern"})


def _tools_shape(value: Any) -> bool:
    if not isinstance(value, dict) or not value.keys() <= _POLICY_KEYS:
        return False
    if value.get("mode", INHERIT) not in (INHERIT, ALLOWLIST, DENYLIST, NONE) or not isinstance(value.get("grants", []), list):
        return False
    for g in value.get("grants", []):
        if not isinstance(g, dict) or not g.keys() <= _GRANT_KEYS:
            return False
        if not isinstance(g.get("raw"), str) or g.get("decision", "allow") not in ("allow", "ask", "deny"):
            return False
        canonical, pattern = g.get("canonical"), g.get("pattern")
        if not (canonical is None or isinstance(canonical, str)) or not (pattern is None or isinstance(pattern, str)):
            return False
    return True


_WITHIN: Any = None
"""``toolpolicy.within_classes``, once imported (``_within``): carry is imported before the dialects."""


def _within() -> Any:
    global _WITHIN
    from .dialects.toolpolicy import within_classes

    _WITHIN = within_classes
    return within_classes


def _policy(value: dict[str, Any]) -> ToolPolicy:
    return ToolPolicy(value.get("mode", INHERIT), [Grant(**g) for g in value.get("grants", [])])


def modes(fields: dict[str, Any]) -> dict[str, Any]:
    """The extension fields of a side channel's ``fields`` that it may restore: where a mode that holds the agent to
    less rides (``refusal``'s ``beside``)."""
    return {p: v for p, v in fields.items() if isinstance(p, str) and p.startswith("extensions.") and
            refusal(p, v) is None}


def _held(policy: ToolPolicy, beside: dict[str, Any] | None) -> ToolPolicy:
    """``policy`` as the modes ``beside`` it hold it (``toolpolicy.mode_narrowed``); itself where there is none."""
    if not beside:
        return policy
    from .dialects.toolpolicy import mode_narrowed

    return mode_narrowed(policy, beside)


def _against(kind: str | list[Any], value: Any, agent: Agent, tools: ToolPolicy,
             between: tuple[str | None, str | None], beside: dict[str, Any] | None = None) -> str | None:
    if kind == "tools":
        within = _WITHIN or _within()  # every write that carries a tool policy asks: the import once, not per call
        return None if within(_held(_policy(value), beside), tools, between) is not None else \
            "wider than the file's own tools"
    if kind == "model" and agent.model is not None:
        from . import models

        same = agent.model.raw == value["raw"] or models.same(models.read_back(value["raw"], agent.model), agent.model)
        return None if same else "a different model from the file's"
    if kind == "name" and agent.name is not None:
        from .naming import slugify

        slug = slugify(value)
        same = slug == agent.name or re.fullmatch(re.escape(slug) + r"-\d+", agent.name)
        return None if same else "a different name from the file's"
    return None


def _put(agent: Agent, path: str, value: Any) -> None:
    if path == "model":
        from . import models

        agent.model = models.read_back(value["raw"], agent.model)  # the family from the spelling, never the comment
    elif path == "tools":
        agent.tools = _policy(value)
    else:
        paths.put(agent, path, value)


def _report_regained(visible: ToolPolicy, value: dict, report: LossReport, line: int | None,
                     between: tuple[str | None, str | None], beside: dict[str, Any] | None = None) -> None:
    """Tools the visible file does not name, of a kind of access it already grants, are restored with a warning."""
    from .dialects.toolpolicy import within_classes

    regained = within_classes(_held(_policy(value), beside), visible, between) or []
    if regained:
        report.add(LossCode.CARRY_REGAINED, "tools", line=line, tools=", ".join(regained))


def _label(path: Any) -> str:
    return path if isinstance(path, str) and _PATH.match(path) else ""


# ------------------------------------------------------------------ reading
def apply(agent: Agent, payload: dict[str, Any], mapping: dict[str, Any], body: str, report: LossReport,
          line: int | None, *, tools: ToolPolicy | None = None) -> list[str]:
    """Restore what ``payload`` may restore into ``agent`` (as its visible file says it); ``tools``: what the
    visible tool field means where the dialect knows more than its IR reading (every Roo group is every tool).
    Returns the IR paths restored."""
    fields = payload.get("fields") or {}
    if payload.get("v") != VERSION or not isinstance(fields, dict):
        report.add(LossCode.CARRY_STALE, "", line=line, variant="version")
        return []
    if not _READ.get():
        report.add(LossCode.CARRY_OFF, "", line=line, count=len(fields))
        return []
    fresh = payload.get("digest") == digest(mapping, body)
    restored, skipped = [], []
    between = (payload.get("from") if isinstance(payload.get("from"), str) else None,
               agent.origin.dialect if agent.origin is not None else None)
    beside = {**{f"extensions.{ns}.{k}": v for ns, keys in agent.extensions.items() for k, v in keys.items()},
              **modes(fields)} if "tools" in fields else None  # the modes the file says, and those riding with it
    for path, value in fields.items():
        why = refusal(path, value, agent, tools, between, beside if path == "tools" else None)
        if why is None and not fresh and path in _rules().get("fresh_only", {}).get("paths", ()):
            why = sentence("carry-fresh-only")
        if why is not None:
            shown = _label(path) or json.dumps(str(path)[:60])
            report.add(LossCode.CARRY_REFUSED, _label(path), line=line, field=shown, why=why)
        elif fresh or paths.is_empty(paths.get(agent, path)):
            if path == "tools":
                _report_regained(agent.tools if tools is None else tools, value, report, line, between, beside)
            _put(agent, path, value)
            restored.append(path)
        else:
            skipped.append(path)
    if agent.origin is not None:  # layout, not meaning: how a write back into the first dialect lays out its keys
        agent.origin.keep.update(layout(payload))
        agent.origin.keep["carry_fresh"] = fresh  # the file as that write left it (a skill's text in a command: skill.py)
    if restored:
        report.add(LossCode.CARRY_RESTORED, "", line=line, fields=", ".join(restored))
    if skipped:
        report.add(LossCode.CARRY_STALE, "", line=line, fields=", ".join(skipped))
    return restored
