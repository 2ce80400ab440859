"""Markdown with a ``---`` YAML header: split, load (strictly, then leniently), and render.

The header is cut into one chunk per top-level key (comments and blank lines go with the key below
them). A chunk whose value is written back unchanged is emitted as its original text, so a file that
is not changed comes back byte for byte, quoting, comments and all, and a file where one field changed
keeps the rest of its layout.

Lenient fallback (reference G1; the shape Claude Code tolerates and strict parsers reject): when the
header is not valid YAML, each chunk is parsed alone; a chunk that still fails is read as
``key: text`` where the text is the rest of the line plus every continuation line, folded with spaces
as YAML folds plain scalars (a blank line a line break). With the dialect's keys given, a ``word:`` line
that starts no key of the dialect continues the value before it when that value runs over several lines and does
not load alone (``_whole``: else the line is a key of its own, as the tools read it). Each fallback is reported with
its line.

What Claude Code itself does (@anthropic-ai/claude-code 2.1.330, the frontmatter parser in its bundled
cli, read 2026-11-26): it parses the block with its YAML parser; when that throws, it rewrites every line
matching ``^([a-zA-Z_-]+):\\s+(\\S.*)$`` whose value is not already quoted (nor a flow list) and holds one of
``{}[]*&#!|>%@`` or ``": "`` into ``key: "value"`` (escaping backslashes and ``"``), turns leading tabs into two
spaces each, and parses again; if that fails too, the file has no frontmatter (an agent without a name is
skipped). So a one-line ``description:`` holding ``: `` and ``<example>`` loads; the wizard's ``user: "..."``
lines at column 0 would be keys of their own, and a bare ``<example>`` line at column 0 fails the parse.
We read such lines as text of the value before them: no field is invented and nothing is cut.
"""
from __future__ import annotations

from dataclasses import dataclass, field
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import carry as side
from .. import jsontext, limits, rx
from ..errors import problem
from ..limits import LimitError
from ..loss import sentence
from . import yamlio

MARK = "agentconv-carry"
"""The word every side channel's syntax begins with (a comment line, an HTML comment): what tells a file agentconv
wrote with one."""
CARRY_PREFIX = f"# {MARK}: "
# The key's trailing blanks are stripped in code: a lazy ``[^:]*?`` before ``[ \t]*:`` is quadratic on long blank runs.
# A plain key may hold a colon not followed by a blank (``weird:key: v``, YAML's rule): read as that key, not as a line
# of no key (which moved it to the header's end when written back).
_KEY = rx.compile(r"""^(?P<key>"[^"\n]*"|'[^'\n]*'|[^\s#\-?:,\[\]{}&*!|>'"%@`][^\n:]*(?::(?![ \t]|$)[^\n:]*)*):(?:[ \t]|$)""")
# Only `---` closes a header: Claude Code, OpenCode, Gemini CLI and VS Code all split on dashes, none on YAML's `...`
# (a header "closed" by `...` is no header to Claude Code and OpenCode, is refused by Gemini CLI, and runs to the end of
# the file in VS Code; their loaders, run 2026-11-27).
_CLOSE = rx.compile(r"^---[ \t]*$")
_CLOSE_LINE = rx.compile(r"(?m)^---[ \t]*$")
# Claude Code's split (``/^---\s*\n([\s\S]*?)---\s*\n?/``, @anthropic-ai/claude-code 2.1.330 bundled cli, read
# 2026-11-27; claude.toml ``header_ends = "first-dashes"``) ends the header at the first `---` anywhere: a rule line of
# more dashes (`--------------`) closes it, and what follows is the prompt. Such a line is read as the closing line (the
# dashes after the first three are a Markdown thematic break, no text); a `---` inside a value is not cut here.
_CLOSE_DASHES = rx.compile(r"(?m)^---[-\t ]*$")
_TABS = rx.compile(r"(?m)^\t+")
_BLANK_LINES = rx.compile(r"\n*")


@dataclass
class Chunk:
    """One top-level key of a header, as written."""

    key: str
    text: str
    """The raw lines (LF-terminated), with the comment and blank lines that precede the key."""
    line: int
    """1-based line of the key in the file."""
    value: Any = None
    lenient: bool = False
    """The value came from the fallback (its text is not valid YAML), or the chunker did not split the header as
    YAML does (a `? key`, a key written twice): the text is never reused."""


@dataclass
class Layout:
    """How a header was laid out, so an unchanged header is written back as it came."""

    chunks: list[Chunk] = field(default_factory=list)
    trailer: str = ""
    """Comment and blank lines after the last key."""
    open: str = "---"
    """The opening delimiter line as written (``---`` and any blanks after it)."""
    close: str = "---"
    ended: bool = True
    """The closing delimiter line ends in a newline (not where the file ends at ``---``)."""
    gap: str = "\n"
    """Blank lines between the closing delimiter and the prompt."""
    has_header: bool = True
    styles: dict[str, str] = field(default_factory=dict)
    """For a header written fresh: key -> the quote (``"`` or ``'``) its value had in the source, which wrote it so,
    or the source's own text of that key and value (a block scalar, a flow list: ``own_text``), written as it is."""


@dataclass
class Parsed:
    """A file split into its header, read as data, and its body, with what it takes to write it back as it was."""

    data: dict[str, Any]
    """The header's keys and values (empty when the file has none)."""
    body: str
    """The text after the header."""
    layout: Layout
    """The file's own layout (BOM, line ends, header delimiters), to write it back the same way."""
    body_line: int
    """The 1-based line on which the body starts, for messages that point into it."""
    lenient: list[tuple[int, str]] = field(default_factory=list)
    """(line, key) for every key read by the fallback."""
    folded: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, word, key): a ``word:`` line that is no key of the dialect, read as text of ``key`` by the fallback."""
    colons: list[tuple[int, str]] = field(default_factory=list)
    """(line, key) for every key the fallback read by the tool's own colon rule (``colons="first"``): a ``: `` after
    a line's first is text of its value."""
    loose: list[tuple[int, str, int | None]] = field(default_factory=list)
    """(line, key, stop) for every key the fallback read by the tool's own indentation rule (``indents="loose"``,
    ``_loose_block``): a list or map indented out of line; ``stop``: the line at which the tool stops reading the
    header inside that key's lines (a list item less indented than its list), None when it reads them all."""
    carry: dict[str, Any] | None = None
    carry_line: int | None = None
    coerced: list[limits.Retyped | limits.KeyTwice] = field(default_factory=list)
    """Every value read as something else (a date as its text ...): limits.plain."""
    notes: list[Any] = field(default_factory=list)
    """Anything else the envelope found about the record, reported as it is (``records.Note``)."""
    unloadable: int | None = None
    """The line at which the tool's own pre-parse step (Roo's clean-up) breaks this text, so the tool loads nothing
    from it, though agentconv reads it as written (``LossCode.FILE_UNLOADABLE``; validate: an error)."""
    line: int = 1
    """The 1-based line the record starts on (a mode in a list of many: its own)."""
    base: Any = None
    """What the tool's configs put beneath the record's own tool settings (``api.read_text``'s ``base``)."""
    head: list[str] = field(default_factory=list)
    """The header's lines as written (file line 2 on), for rules about the text itself (``map_end``)."""


def parse(text: str, file: str | None = None, *, require: bool = False, keys: frozenset[str] | None = None,
          twice: str | None = None, ends: str | None = None, unclosed: str | None = None,
          colons: str | None = None, indents: str | None = None) -> Parsed:
    """Split ``text`` (LF newlines, no BOM) into header data, layout and body. ``keys``: the keys the dialect knows;
    when the header is not valid YAML, a line that starts no such key continues the value before it. ``twice``: which
    of a key written twice the dialect's tool reads, ``"first"`` or ``"last"`` (None: the header is not valid YAML).
    ``ends="first-dashes"``: the tool ends the header at a line of three dashes or more (``_CLOSE_DASHES``).
    ``unclosed="to-end"``: a header never closed runs to the end of the file, no prompt after it (else refused).
    ``colons="first"``: the tool ends a key at the first ``: `` of its line, the rest of the line is the value
    (``_first_colon``); the fallback reads a chunk strict YAML refuses so before reading it as its lines' text.
    ``indents="loose"``: the tool reads a list or map indented out of line by its own rule (``_loose_block``, VS Code's
    yaml.ts); the fallback reads a chunk strict YAML refuses so before reading it as its lines' text."""
    first = text.find("\n")
    if not text.startswith("---") or _CLOSE.match(text[:first] if first >= 0 else text) is None:
        if require:
            raise problem("no-frontmatter", file=file, line=1)
        gap = text[: len(text) - len(text.lstrip("\n"))]
        return Parsed({}, text[len(gap):], Layout(has_header=False, gap=gap), 1 + len(gap))
    closing = _CLOSE_DASHES if ends == "first-dashes" else _CLOSE_LINE
    close = closing.search(text, first + 1) if first >= 0 else None  # the first line that closes it
    if close is None and unclosed == "to-end" and first >= 0:  # the rest is the header (written closed)
        out = parse(text.rstrip("\n") + "\n---\n", file, require=require, keys=keys, twice=twice, ends=ends,
                    colons=colons, indents=indents)
        from ..loss import LossCode
        from .records import Note

        out.notes.append(Note(LossCode.YAML_LENIENT, {"variant": "unclosed"}, 1))
        return out
    if close is None:
        raise problem("frontmatter-not-closed", file=file, line=1)
    head = text[first + 1:close.start() - 1].split("\n") if close.start() > first + 1 else []
    body = _BLANK_LINES.match(text, close.end() + 1).end()  # after the blank lines below the header
    gap = text[close.end() + 1:body]
    layout = Layout(open=text[:first], close=close.group(), ended=close.end() < len(text), gap=gap)
    out = Parsed({}, text[body:], layout, len(head) + 3 + len(gap), head=head)
    if _CLOSE.match(close.group()) is None:  # a rule line of dashes (_CLOSE_DASHES): written `---`, strictly
        from ..loss import LossCode
        from .records import Note

        layout.close = "---"
        out.notes.append(Note(LossCode.YAML_LENIENT, {"variant": "closing-line", "close": close.group()}, len(head) + 2))
    _chunk(head, layout, out)
    if twice:  # the other value is not written back: the output is strict YAML, as for any lenient read
        _once(layout, twice, out)
    header = "".join(c.text for c in layout.chunks) + layout.trailer
    try:
        data, plain = yamlio.read(header, file) if header.strip() else ({}, True)
    except LimitError:
        raise
    except Exception as exc:  # ruamel raises several unrelated classes
        data, plain = _untabbed(header, layout, out, file), False
        if data is None:
            data = _lenient(layout, out, file, exc, keys, colons, indents)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise problem("frontmatter-not-a-map", file=file, line=2, type=type(data).__name__)
    if not plain:
        data, notes = limits.plain(data, file, 2)
        out.coerced += notes
    exact = len(layout.chunks) == len(data) and {c.key for c in layout.chunks} == set(data)
    for c in layout.chunks:
        c.value = data.get(c.key)
        c.lenient = c.lenient or not exact  # keys the chunker did not see as YAML does (`? key`): never reused
    out.data = data
    return out


def _chunk(head: list[str], layout: Layout, out: Parsed) -> None:
    pending: list[str] = []
    for i, line in enumerate(head):
        if line.startswith(CARRY_PREFIX):
            payload = side.decode(line[len(CARRY_PREFIX):])
            if payload is None:  # not ours, or damaged: never written back (it would pass for one)
                from ..loss import LossCode
                from .records import Note

                out.notes.append(Note(LossCode.CARRY_STALE, {"variant": "header-damaged"}, i + 2))
            else:
                out.carry, out.carry_line = payload, i + 2
            continue
        m = _KEY.match(line)
        if m:
            key = m.group("key").rstrip(" \t")
            if key[0] in "\"'":
                key = key[1:-1]
            layout.chunks.append(Chunk(key, "".join(pending) + line + "\n", i + 2))
            pending = []
        elif layout.chunks and (line.startswith((" ", "\t", "-")) or (line and not line.startswith("#"))):
            layout.chunks[-1].text += "".join(pending) + line + "\n"
            pending = []
        else:
            pending.append(line + "\n")
    layout.trailer = "".join(pending)


def _once(layout: Layout, twice: str, out: Parsed) -> None:
    """Keep in ``layout`` the chunks the tool reads when a key is written twice, the first or the last of each
    (``twice``); each other one is a note. Claude Code keeps the last (its agent and command lists,
    @anthropic-ai/claude-code 2.1.330 run 2026-11-27), VS Code the first, with a "Duplicate key" diagnostic (yaml.ts
    under PromptHeader, via the offline harness, 2026-11-27)."""
    at: dict[str, Chunk] = {}
    for c in layout.chunks:
        if twice == "last" or c.key not in at:
            at[c.key] = c
    if len(at) == len(layout.chunks):
        return
    from ..loss import LossCode
    from .records import Note

    dropped = [c for c in layout.chunks if at[c.key] is not c]
    for c in dropped:
        kept = at[c.key].line
        out.notes.append(Note(LossCode.VALUE_INVALID, {"variant": "written-twice", "key": c.key,
                                                       "first": min(c.line, kept), "second": max(c.line, kept),
                                                       "kept": twice, "dropped": c.line}, c.line))
    layout.chunks = [c for c in layout.chunks if at[c.key] is c]


def _untabbed(header: str, layout: Layout, out: Parsed, file: str | None) -> dict[str, Any] | None:
    """The header read with each leading tab as two spaces, as Claude Code reads it when its YAML parser fails
    (@anthropic-ai/claude-code 2.1.330, the retry in its frontmatter parser, read 2026-11-27; VS Code's yaml.ts takes a
    tab as indentation too); None when there is no such tab or the header is still not valid YAML."""
    if not _TABS.search(header):
        return None
    try:
        data = yamlio.parsed(_TABS.sub(lambda m: "  " * len(m.group()), header), file)
    except LimitError:
        raise
    except Exception:
        return None
    if not isinstance(data, dict):
        return None
    from ..loss import LossCode
    from .records import Note

    for c in layout.chunks:
        if _TABS.search(c.text):
            c.lenient = True  # written afresh: the output is strict YAML
            out.notes.append(Note(LossCode.YAML_LENIENT, {"variant": "tabs", "key": c.key}, c.line))
    return data


def _lenient(layout: Layout, out: Parsed, file: str | None, exc: Exception,
             keys: frozenset[str] | None = None, colons: str | None = None,
             indents: str | None = None) -> dict[str, Any]:
    ruled = _first_colon_chunks(layout, file) if colons == "first" else {}
    if indents == "loose":  # a list or map indented out of line, read as the tool reads it
        for c in layout.chunks:
            if id(c) not in ruled and not _loads(c.text, dict) and (got := _loose_block(c.text, file)) is not None:
                value, stop = got
                ruled[id(c)] = (c.text, {c.key: value})
                out.loose.append((c.line, c.key, None if stop is None else c.line + stop))
    if keys:  # `user: "..."` inside a description's <example> block is text of that description, not a field
        chunks: list[Chunk] = []
        broken = False  # the value before does not load alone: a line below it may be its text
        for c in layout.chunks:
            if chunks and c.key not in keys and broken:
                chunks[-1].text += c.text
                out.folded.append((c.line, c.key, chunks[-1].key))
            else:
                chunks.append(c)
                broken = id(c) not in ruled and not _whole(c, file)
        layout.chunks = chunks
    data: dict[str, Any] = {}
    for c in layout.chunks:
        if id(c) in ruled and c.text is ruled[id(c)][0]:  # read by the tool's colon rule (its text not folded into)
            data.update(ruled[id(c)][1])
            c.lenient = True  # written afresh: the output is strict YAML
            if not any(k == c.key and line == c.line for line, k, _ in out.loose):
                out.colons.append((c.line, c.key))
            continue
        try:
            part = yamlio.load(c.text, file)
            if isinstance(part, dict) and len(part) == 1:
                data.update(part)
                continue
        except LimitError:
            raise
        except Exception:
            pass
        first, *cont = c.text.split("\n")
        while first.lstrip().startswith("#") and cont:  # leading comment lines of the chunk
            first, *cont = cont
        # every line of the chunk is its text: lines folded with spaces, a blank line a line break (as YAML folds a
        # plain scalar); nothing dropped, a line starting with '#' included
        value = _KEY.sub("", first, count=1).strip()
        text = value
        for ln in cont:
            piece = ln.strip()
            text = text + "\n" if not piece else (text + (" " if text and not text.endswith("\n") else "") + piece)
        data[c.key] = text.strip()
        c.lenient = True
        out.lenient.append((c.line, c.key))
    if not out.lenient and not out.colons and not out.loose:  # every chunk parsed alone, yet the whole did not: structure we cannot split
        line = yamlio.error_line(exc)
        raise problem("frontmatter-not-yaml", file=file, line=None if line is None else line + 2,
                      reason=yamlio.error_text(exc))
    return data


# A line's first key as VS Code's yaml.ts scans it (scanLineContent, isBlockColon): optional indentation and list dashes,
# a key (quoted, or plain up to the first ':' followed by a blank or the line's end), its colon, and the rest.
_FIRST_COLON = rx.compile(r"""^(?P<head>[ \t]*(?:-[ \t]+)*(?:"[^"\n]*"|'[^'\n]*'|[^\s#'"\[\]{},|>-][^\n]*?)"""
                          r"""[ \t]*:[ \t]+)(?P<value>[^\s#'"\[\]{}][^\n]*)$""")
_BLOCK_HEAD_RX = rx.compile(r"[|>][1-9+-]*[ \t]*(?:#.*)?$")
_PLAIN_END = rx.compile(r"[ \t]#|[ \t]*$")
_COLON_IN = rx.compile(r":(?:[ \t]|$)")


def _first_colon(text: str) -> str | None:
    """``text`` with every plain value that holds ``: `` (or ends in ``:``) after its line's first key double-quoted,
    as VS Code reads it: microsoft/vscode src/vs/base/common/yaml.ts (VS Code 1.138.0, commit 7debcd0e2acd, as built
    in @codingame/monaco-vscode-api 37.6.1, run 2026-11-28) ends a key at a line's first block colon and takes every
    later ``: `` on that line as text of the plain value (``seenBlockColon``, PR #296205 "Fix PromptFileParser when
    description contains `:`", merged 2026-02-19); a plain value ends at `` #`` (a comment). None when no line
    changes. A quoted, flow (``[``/``{``), block (``|``/``>``) or list (``- ``) value is left as it is, and so is
    every line of a block scalar."""
    lines = text.split("\n")
    changed = False
    block = None  # the indentation of the key whose block scalar the lines below belong to
    for i, line in enumerate(lines):
        if block is not None:
            if not line.strip() or len(line) - len(line.lstrip(" ")) > block:
                continue
            block = None
        m = _FIRST_COLON.match(line)
        if m is None:
            continue
        value = m.group("value")
        if _BLOCK_HEAD_RX.match(value):
            block = len(line) - len(line.lstrip(" \t-"))  # the key's column: its block's lines are deeper
            continue
        if value[:2] in ("- ", "-\t") or value == "-":
            continue
        plain = value[:_PLAIN_END.search(value).start()]
        if not _COLON_IN.search(plain):
            continue
        lines[i] = m.group("head") + jsontext.dumps(plain) + value[len(plain):]
        changed = True
    return "\n".join(lines) if changed else None


# One line of a block as VS Code's yaml.ts tokenizes it: its list dashes, then a `key:` (its value after `: `) or, after
# a dash, a scalar. `_LOOSE_KEY`: a key as isBlockColon ends it (quoted, or plain up to the first `:` before a blank).
_LOOSE_KEY = rx.compile(r"""^(?P<key>"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|(?!-[ \t]|-$)[^\s\[\]{}#'"][^\n]*?)[ \t]*:"""
                        r"""(?:[ \t]+(?P<value>.*))?$""")


class _Loose(Exception):
    """A line ``_loose_block`` does not model (a bare scalar, a block scalar, a flow value over lines, a tab): the
    chunk is left to the text fallback."""


def _loose_value(text: str, file: str | None) -> Any:
    if text[:1] in ("|", ">", "&", "*", "!"):
        raise _Loose(text)
    try:
        return yamlio.load("k: " + text, file)["k"]
    except LimitError:
        raise
    except Exception:  # noqa: BLE001 - a plain value strict YAML refuses (`@x`, `a: b`): VS Code's text
        if text[:1] in ("'", '"', "[", "{"):
            raise _Loose(text) from None
        return text[:_PLAIN_END.search(text).start()]


def _loose_line(line: str, file: str | None) -> tuple[int, list[tuple]]:
    body = line.lstrip(" ")
    if body[:1] == "\t":
        raise _Loose(line)
    col = len(line) - len(body)
    tokens: list[tuple] = []
    while body[:1] == "-" and body[1:2] in ("", " "):
        tokens.append(("dash", col))
        rest = body[1:].lstrip(" ")
        col += len(body) - len(rest)
        body = rest
    if not body or body.startswith("#"):
        return (tokens[0][1] if tokens else col), tokens
    m = _LOOSE_KEY.match(body)
    if m is not None:
        key = m.group("key")
        if key[0] in "\"'":
            key = _loose_value(key, file)
        value = m.group("value")
        value = None if value is None or not value.strip() or value.startswith("#") else value.rstrip()
        tokens.append(("key", col, str(key), value))
    elif tokens:  # `- text`: a scalar item
        tokens.append(("scalar", col, body.rstrip()))
    else:
        raise _Loose(line)
    return tokens[0][1], tokens


def _loose_block(text: str, file: str | None) -> tuple[Any, int | None] | None:
    """A chunk's value as VS Code reads a list or map indented out of line (microsoft/vscode src/vs/base/common/yaml.ts
    parseBlockMapping, parseBlockSequence, parseSequenceItemValue, parseMappingValue; VS Code 1.138.0, commit
    7debcd0e2acd, as built in @codingame/monaco-vscode-api 37.6.1, run 2026-11-29 on synthetic handoffs): a line more
    indented than the entries or items before it is one of them (an "unexpected-indentation" diagnostic, nothing
    dropped); a less indented one ends the list or map, and a list item that is then no item of any enclosing list
    ends the whole header there. (value, stop): stop is the 0-based index of the chunk's line where VS Code stops
    reading the header, None when it reads every line. None when the chunk holds no such line (strict YAML refused it
    for another reason) or a line this does not model."""
    try:
        lines = [_loose_line(ln, file) for ln in text.rstrip("\n").split("\n")]
    except _Loose:
        return None
    rows = [(i, ind, toks) for i, (ind, toks) in enumerate(lines) if toks]
    if not rows or rows[0][1] != 0 or [t[0] for t in rows[0][2]] != ["key"]:
        return None
    pos = [0, 0]  # row, token
    odd = [False]

    def tok() -> tuple | None:
        return rows[pos[0]][2][pos[1]] if pos[0] < len(rows) and pos[1] < len(rows[pos[0]][2]) else None

    def next_row() -> None:
        pos[0], pos[1] = pos[0] + 1, 0

    def indent() -> int:
        return rows[pos[0]][1]

    def after_plain(base: int) -> None:  # a deeper `- x` line below a plain value is text of it in VS Code
        if pos[0] < len(rows) and indent() > base and rows[pos[0]][2][0][0] != "key":
            raise _Loose("continued plain value")

    def entry(base: int, into: dict) -> None:
        _, _, key, value = tok()
        next_row()
        if value is not None:
            got = _loose_value(value, file)
            if value[:1] not in ("'", '"', "[", "{"):
                after_plain(base)
        elif pos[0] >= len(rows):
            got = None
        elif indent() == base and rows[pos[0]][2][0][0] == "dash":
            got = sequence(base, False)
        elif indent() <= base:
            got = None
        else:
            got = block()
        into.setdefault(key, got)  # a key twice: VS Code reads the first

    def block() -> Any:
        first = rows[pos[0]][2][0]
        if first[0] == "dash":
            return sequence(indent(), False)
        if first[0] == "key":
            return mapping(indent(), False)
        raise _Loose("scalar")

    def mapping(base: int, inline: bool) -> dict:
        props: dict = {}
        if inline:
            entry(base, props)
        while pos[0] < len(rows):
            if indent() < base:
                break
            odd[0] = odd[0] or indent() > base
            if rows[pos[0]][2][0][0] != "key":
                break
            entry(base, props)
        return props

    def item(base: int) -> Any:
        t = tok()
        if t is not None:
            if t[0] == "dash":
                return sequence(t[1], True)
            if t[0] == "key":
                return mapping(t[1], True)
            next_row()
            got = _loose_value(t[2], file)
            after_plain(base)
            return got
        next_row()
        if pos[0] >= len(rows) or indent() <= base:
            return None
        return block()

    def sequence(base: int, inline: bool) -> list:
        items: list = []
        while pos[0] < len(rows):
            at = tok()[1] if inline else indent()
            inline = False
            if at < base:
                break
            odd[0] = odd[0] or at > base
            if tok()[0] != "dash":
                break
            pos[1] += 1
            items.append(item(base))
        return items

    out: dict = {}
    try:
        entry(0, out)
    except _Loose:
        return None
    stop = None
    if pos[0] < len(rows):
        if rows[pos[0]][2][0][0] == "key":  # read by VS Code as a key of the header: not modelled here
            return None
        stop = rows[pos[0]][0]
    if not odd[0] and stop is None:
        return None
    return next(iter(out.values())), stop


def _first_colon_chunks(layout: Layout, file: str | None) -> dict[int, tuple[str, dict[str, Any]]]:
    """id(chunk) -> (its text, its one key and value) for each chunk strict YAML refuses and that loads as its one key
    once read by ``_first_colon`` (a handoff's ``prompt: Now: do it``, nested, as much as a top-level value)."""
    ruled: dict[int, tuple[str, dict[str, Any]]] = {}
    for c in layout.chunks:
        if not _COLON_IN.search(c.text.split(":", 1)[-1]) or _loads(c.text, dict):
            continue
        text = _first_colon(c.text)
        if text is None:
            continue
        try:
            part = yamlio.load(text, file)
        except LimitError:
            raise
        except Exception:  # noqa: BLE001 - any refusal: the text fallback reads it
            continue
        if isinstance(part, dict) and len(part) == 1 and c.key in part:
            ruled[id(c)] = (c.text, part)
    return ruled


# A top-level line VS Code's yaml.ts reads as a key: a scalar (quoted, or plain and no `- `, flow bracket or comment)
# followed by a colon that ends the scalar (a blank or the line's end after it), and the value after it.
_MAP_KEY = rx.compile(r"""^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|(?!-[ \t]|-$)[^\s\[\]{}#'"][^\n]*?)[ \t]*:"""
                      r"""(?:[ \t]+(?P<value>.*))?$""")
_DOC_END = rx.compile(r"^\.\.\.(?:[ \t]|$)")


def _closing(text: str, at: int) -> int | None:
    """The index just past the quoted scalar opening at ``text[at]`` (``''`` and a backslash escape inside), None when
    it is not closed in ``text``."""
    quote, i = text[at], at + 1
    while i < len(text):
        ch = text[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and text[i + 1:i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return None


def _flow_end(text: str, at: int) -> int | None:
    """The index just past the flow collection opening at ``text[at]`` (quoted scalars inside skipped), None when it
    is not closed in ``text``."""
    depth, i = 0, at
    while i < len(text):
        ch = text[i]
        if ch in "'\"":
            end = _closing(text, i)
            if end is None:
                return None
            i = end
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def map_end(head: list[str]) -> tuple[int, bool, str] | None:
    """Where a reader that ends the top-level map at the first line it cannot take as ``key: value`` stops reading
    the header ``head`` (its lines): (the line's index, whether the key on that line is still read, what the line
    is); None when it reads every line. That is VS Code's yaml.ts (parseBlockMapping leaves the map at a token that is
    no ``scalar :`` pair, and PromptHeader reads only that map; VS Code 1.138.0, commit 7debcd0, run 2026-11-28): a
    line at column 0 that is no key (text, ``key:value``, ``...``, ``- x`` below a key with a value) ends the header
    there, and so does text after a quoted or flow value (``description: [WIP] Agent``), the key read as that value;
    a quote or flow value never closed runs to the header's end. A quoted or flow value running over lines, a block scalar's lines
    and indented lines are read on; no error is given for any of it."""
    text = "\n".join(head)
    starts = [0]
    for line in head[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    skip_to = 0  # the offset up to which a quoted or flow value runs
    inline = False  # the last key had a value on its line (a `- ` line at column 0 is then no list of it)
    for i, line in enumerate(head):
        if starts[i] < skip_to or not line.strip() or line[0] in " \t#":
            continue
        if _DOC_END.match(line):
            return i, False, "'...'"
        if line[0] == "-" and (line[1:2] in ("", " ", "\t")):
            if inline:
                return i, False, sentence("stops-at-list-item")
            continue
        m = _MAP_KEY.match(line)
        if m is None:
            return i, False, sentence("stops-at-no-key")
        value = m.group("value") or ""
        inline = bool(value) and not value.startswith("#")
        if value[:1] in ("'", '"', "[", "{"):
            at = starts[i] + m.start("value")
            end = _closing(text, at) if value[0] in "'\"" else _flow_end(text, at)
            if end is None:  # the value runs to the header's end
                return i, True, sentence("stops-at-quote" if value[0] in "'\"" else "stops-at-flow")
            skip_to = end
            rest = text[end:text.find("\n", end) if "\n" in text[end:] else len(text)]
            if rest.strip()[:1] not in ("", "#"):  # a comment may follow, with or without a blank before it
                return i, True, sentence("stops-at-text-after")
    return None


_TOP_VALUE = rx.compile(r"^([a-zA-Z_-]+):\s+(\S.*)$")


def requoted_loads(layout: Layout, special: str) -> bool:
    """Does a header strict YAML rejects load once every top-level ``key: value`` line whose plain value holds one of
    ``special`` (a regular expression) is double-quoted? That is Claude Code's own second try (its frontmatter reader
    quotes such values and parses again; an indented line, a list item or a continuation line is left as it is), so
    False means its tool loads nothing from the header (the table's ``[parser] requote``)."""
    risky = rx.compile(special)
    lines = []
    for line in ("".join(c.text for c in layout.chunks) + layout.trailer).split("\n"):
        m = _TOP_VALUE.match(line)
        value = m.group(2) if m else ""
        if m and not (value[:1] == value[-1:] and value[:1] in ("'", '"')) and \
                not (value[:1] == "[" and value[-1:] == "]" and _loads(value, list)) and risky.search(value):
            line = f'{m.group(1)}: "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines.append(line)
    return _loads("\n".join(lines), dict)


def _loads(text: str, kind: type) -> bool:
    try:
        return isinstance(yamlio.load(text), kind)
    except LimitError:
        raise
    except Exception:
        return False


def _whole(c: Chunk, file: str | None) -> bool:
    """Is a chunk's value complete, so that a ``word:`` line below it starts a key of its own? So when the chunk loads
    by itself as its one key, or is one line (a key and its value, comment lines above it aside): every tool ends such
    a value at the line's end (Claude Code's fallback quotes each ``key: value`` line holding ``: `` and parses again,
    @anthropic-ai/claude-code 2.1.330, read 2026-11-26; VS Code's yaml.ts reads a plain scalar to the line's end and
    each line at column 0 as a key). ``name: x`` above ``version: 1.0.0`` is not ``x version: 1.0.0``, ``tools: Read,
    Write`` above ``category: ...`` no tool list ending in ``category``, and a one-line ``description: ... Examples:
    ...`` above ``category: debugging`` no description ending in it. A value running over the lines below its key
    (the wizard's ``<example>`` block, which no YAML reader takes) is not whole."""
    lines = [ln for ln in c.text.split("\n") if ln.strip() and not ln.startswith("#")]
    if len(lines) <= 1:
        return True
    try:
        part = yamlio.load(c.text, file)
    except LimitError:
        raise
    except Exception:  # noqa: BLE001 - any refusal: not whole
        return False
    return isinstance(part, dict) and len(part) == 1


def body_as_read(body: str) -> str:
    """The body a reader finds below a header written with ``body`` (``parse`` skips the blank lines after the
    header): what the side channel's digest covers."""
    return body[_BLANK_LINES.match(body).end():]


def render(mapping: dict[str, Any], body: str, layout: Layout | None = None, carry: dict[str, Any] | None = None,
           gap: str = "\n", *, dashes: bool = True) -> str:
    """Header + body. Unchanged keys of ``layout`` are written as they were; the rest fresh. ``dashes=False``: the
    tool ends the header at the first ``---`` anywhere, inside a value too (Claude Code), so nothing written fresh
    holds three dashes in a row (``_dashless``)."""
    if layout is not None and not layout.has_header and not mapping and not carry:
        return layout.gap + body  # a file without a header, with nothing to add, stays without one
    old = {c.key: c for c in layout.chunks} if layout and layout.has_header else {}
    parts = [(layout.open if old else "---") + "\n"]
    styles = layout.styles if layout is not None and layout.styles else None
    for key in _order(mapping, [c.key for c in layout.chunks] if old else []):
        c = old.get(key) if old else None
        value = mapping[key]
        if c is not None and not c.lenient and _same(c.value, value) and not jsontext.UNSAFE.search(c.text) \
                and ("\t" not in c.text or _strict(c.text)):
            parts.append(c.text)
        else:
            style = styles.get(key) if styles else None
            text = (style if style and style[-1:] == "\n" else style and yamlio.dump_styled(key, value, style)) \
                or yamlio.dump_field(key, value)
            if not dashes and "---" in text:
                head = yamlio.scalar(key) if isinstance(key, str) and "---" not in key else _dashless(key)
                text = f"{head}: {_dashless(value)}\n"
            parts.append(text)
    if old and not jsontext.UNSAFE.search(layout.trailer):  # comment lines; with a raw CR or control, not only that
        parts.append(layout.trailer)
    if carry:
        payload = jsontext.dumps(carry, compact=True)
        parts.append(CARRY_PREFIX + (payload if dashes else _DASHES.sub(_ESCAPED, payload)) + "\n")
    parts.append((layout.close if old else "---") + ("\n" if not old or layout.ended or body else ""))
    parts.append(layout.gap if layout and layout.has_header else gap)
    parts.append(body)
    return "".join(parts)


_DASHES = rx.compile("--")
_ESCAPED = "-\\\\u002d"
"""Every second dash of a run, as a JSON (and YAML double-quoted) escape: ``a --- b`` -> ``a -\\u002d- b``."""


_BLOCK_HEAD = frozenset(("|", "|-", "|+", ">", ">-", ">+"))


def own_text(c: Chunk) -> str | None:
    """A chunk's key and value as the source wrote them (its comment lines left out) where that spelling is one a
    header written fresh may reuse for the same key and value: a block scalar (``description: >`` and its indented
    lines) or a one-line flow list of one-line scalars (``tags: [a, b]``). Every YAML reader the tools use takes them
    alike (VS Code's own parser too: src/vs/base/common/yaml.ts scans ``|``/``>`` block scalars and flow sequences,
    read 2026-11-27), and the text is read again to the same value here; else None (plain scalars running over
    several lines, which VS Code ends at the line break, anything lenient, with a tab or a control character)."""
    if c.lenient or ("\n " not in c.text if type(c.value) is str else "[" not in c.text if type(c.value) is list
                     else True):  # no indented line below the key, no bracket: neither (most keys), at once
        return None
    if "\t" in c.text or jsontext.UNSAFE.search(c.text):
        return None
    lines = c.text.split("\n")
    at = next((i for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")), None)
    if at is None or not lines[at].startswith(c.key if isinstance(c.key, str) else "\0"):
        return None
    head = lines[at].partition(":")[2].strip()
    rest = [ln for ln in lines[at + 1:-1]]
    if head in _BLOCK_HEAD and type(c.value) is str and rest and rest[0][:1] == " " and \
            all(ln[:1] in ("", " ") for ln in rest):
        pass
    elif head[:1] == "[" and head[-1:] == "]" and not rest and type(c.value) is list and c.value and \
            all(type(v) is str and "\n" not in v for v in c.value):
        pass
    else:
        return None
    text = "\n".join(lines[at:])
    try:
        same = yamlio.load(text) == {c.key: c.value}
    except Exception:  # noqa: BLE001 - any reader's refusal: not reused
        return None
    return text if same else None


def _dashless(value: Any) -> str:
    """``value`` as one line of JSON, which YAML reads as the same value (a double-quoted scalar, a flow collection),
    with no ``---`` in it. Claude Code (@anthropic-ai/claude-code 2.1.330, its frontmatter split
    ``/^---\\s*\\n([\\s\\S]*?)---\\s*\\n?/``, read 2026-11-27) ends the header at the first three dashes, inside a
    value too: ``description: a --- b`` loads as ``a``, the rest as prompt, and a key after it is lost. Dashes
    stand only inside JSON strings, where ``\\u002d`` means the same."""
    return _DASHES.sub(_ESCAPED, jsontext.dumps(value))


def _strict(text: str) -> bool:
    """Does a strict YAML reader take this chunk? A tab after a key's colon or after a value is YAML 1.2 (the C loader
    and the tools' JavaScript parsers take it), but the pure-Python readers (ruamel's, PyYAML) refuse it: such a
    chunk is written fresh, same value, so that every YAML reader takes the output."""
    from ruamel.yaml import YAML

    try:
        YAML(typ="safe", pure=True).load(text)
    except Exception:  # ruamel raises several unrelated classes
        return False
    return True


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _order(mapping: dict[str, Any], layout_keys: list[str]) -> list[str]:
    """Keys of ``mapping``: those the layout had, in its order; new ones after their predecessor."""
    if not layout_keys:
        return list(mapping)
    kept = dict.fromkeys(k for k in layout_keys if k in mapping)  # a key the source wrote twice is written once
    follower: dict[str, Any] = {}  # a new key goes right after the key before it in ``mapping`` (linear: 200,000 keys)
    prev = None
    for k in mapping:
        if k not in kept:
            follower[prev] = k
        prev = k
    order = []
    for anchor in [None, *kept]:
        if anchor is not None:
            order.append(anchor)
        while anchor in follower:
            anchor = follower[anchor]
            order.append(anchor)
    return order
