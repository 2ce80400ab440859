"""The helpers a dialect module (built-in or plugin) may import: small pure functions over names, globs and text.

This is the one public module of helpers, beside ``base`` (``Dialect``, ``WriteContext``) and ``command``
(``CommandDialect``). It imports nothing of agentconv but ``rx`` (compiled patterns, a leaf), so any layer can use it
without an import cycle; everything else a dialect module needs comes through its hooks' arguments (``agent``,
``report``, ``ctx``).
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from functools import lru_cache
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Iterator

from .. import rx

__all__ = ["SCOPED_TOOL", "agent_block", "dedupe", "first_heading", "first_line", "first_paragraph", "glob_match",
           "glob_source", "made_up_description", "memo", "per_run", "run_scope", "split_blanks", "split_commas", "split_quoted", "titled", "unscoped", "weight", "when_to_use"]

SCOPED_TOOL = rx.compile(r"^(?P<name>[^()]+?)\((?P<pattern>.*)\)$")
"""A tool name with a scope in parentheses, ``Bash(git add:*)``: groups ``name`` and ``pattern``."""

_COMMA = rx.compile(r",(?![^()]*\))")


_MISSING = object()
MEMO_SIZE = 256
"""Entries one memo holds before it starts again: a batch names the same few tool lists and models again and
again, so a few hundred catch them; more only grows memory with a repository's size (issue 11: flat from 2,000 to
10,000 agents)."""
MEMO_WEIGHT = 512
"""The most characters a remembered key may hold: a hostile file's megabyte tool list is worked out, never kept."""


KEPT: dict[Any, Any] = {}
"""An owner's memo before it has one, to read only: ``owner.__dict__.get(NAME, KEPT).get(key, MISSING)`` is what
``memo`` keeps for ``key``, looked up without its call and the closures a caller builds for it (issue 11: asked per
name of a tool list, per file name, per model; nearly always kept already). ``memo`` makes the owner's own."""
MISSING = _MISSING
"""What ``KEPT``'s look-up gives for a key not kept (a kept value may be None)."""


def memo(owner: Any, name: str, key: Any, compute: Callable[[], Any], size: Callable[[], int] | None = None) -> Any:
    """``compute()``, once per hashable ``key`` in ``owner``'s memo ``name`` (a per-dialect table lookup); ``size``:
    about the characters the key holds (asked on a miss: a key past ``MEMO_WEIGHT`` is not kept). Only for a pure
    result that no caller changes: what reports or carries stays outside ``compute``."""
    table = owner.__dict__.get(name)
    if table is None:
        table = owner.__dict__[name] = {}
    value = table.get(key, _MISSING)
    if value is not _MISSING:
        return value
    value = compute()
    if size is None or size() <= MEMO_WEIGHT:
        if len(table) >= MEMO_SIZE:
            table.clear()
        table[key] = value
    return value


_RUN: list[dict[Any, Any] | None] = [None]
"""What ``per_run`` has worked out in the run under way (``run_scope``); None: no run, nothing kept."""


@contextmanager
def run_scope() -> Iterator[None]:
    """A batch (``migrate``, ``convert DIR``) while it reads its sources: what ``per_run`` works out inside is kept to
    its end, so a project's settings and configs beside its agents are looked up and read once, not once per agent
    (about 90 us an agent for Claude Code's settings, ~5% of a migration). Outside one, every call looks again: a
    long-lived process sees a settings file change between two conversions. A pool's workers, forked inside, keep
    their own. Nested scopes share the outer one's."""
    outer = _RUN[0]
    _RUN[0] = {} if outer is None else outer
    try:
        yield
    finally:
        _RUN[0] = outer


def per_run(key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per hashable ``key`` in the run under way (``run_scope``); outside a run, every time. For a
    result read from files beside the sources (a project's settings), which a run reads before it writes anything:
    the value must not be changed by a caller (a frozen dataclass, a tuple)."""
    kept = _RUN[0]
    if kept is None:
        return compute()
    value = kept.get(key, _MISSING)
    if value is _MISSING:
        value = kept[key] = compute()
    return value


def weight(grants: Iterable[Any]) -> int:
    """The characters a list of tool grants (``ir.Grant``) spells: what a memo keyed on them would keep."""
    return sum(len(g.raw) + len(g.pattern or "") for g in grants)


def titled(name: str) -> str:
    """The display name a dialect that requires one makes up from an identifier (``[name] display_fallback =
    "title"``): ``code-reviewer`` is ``Code Reviewer``."""
    return name.replace("-", " ").replace("_", " ").title()


def split_commas(text: str) -> list[str]:
    """Split at commas outside parentheses: ``Bash(git add, git commit), Read``."""
    parts = _COMMA.split(text) if "(" in text else text.split(",")
    return [p.strip() for p in parts if p.strip()]


def split_blanks(text: str) -> list[str]:
    """Split at commas and spaces outside parentheses, as Claude Code splits each item of a tool list (its ``$f``: a
    ``(`` opens a scope and the next ``)`` closes it, no nesting; leading blanks skipped): ``Bash(git add:*) Read`` and
    ``Bash Write`` are two tools each."""
    if "(" not in text and ")" not in text:  # the usual item (`Read`): no scope, so every comma and space splits
        return [s for p in text.replace(",", " ").split(" ") if (s := p.strip())]
    out, cur, inside = [], "", False
    for ch in text:
        if ch == "(" or ch == ")":
            inside = ch == "("
            cur += ch
        elif ch in ", " and not inside:
            if cur.strip():
                out.append(cur.strip())
            cur = ""
        elif cur or ch.strip():
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def rule_entries(value: Any) -> list[str]:
    """The entries of a Claude Code command's or skill's ``allowed-tools`` / ``disallowed-tools`` as Claude Code
    2.1.330 reads them into permission rules (``kP`` -> ``Cdn``, read in the binary 2026-11-29): none for a missing,
    empty or non-text value, else the string or each text item of a list split at commas and spaces outside
    parentheses (``$f``: ``split_blanks``). Claude Code then keeps ``["*"]`` alone for a list holding ``*``
    (claude-command.toml ``[parser] star_entry``)."""
    if not value:
        return []
    items = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] \
        if isinstance(value, list) else []
    return [n for v in items for n in split_blanks(v)]


def split_quoted(text: str) -> list[str]:
    """Split at commas, an item in quotes taken whole and without them (``read, "edit"``): how VS Code splits a
    ``tools`` string (parseCommaSeparatedList in microsoft/vscode src/vs/workbench/contrib/chat/common/promptSyntax/
    promptFileParser.ts, checked 2026-11-27); empty items dropped, as its ``tools`` getter drops them."""
    out, pos, end = [], 0, len(text)
    while pos < end:
        while pos < end and text[pos] in " \t":
            pos += 1
        if pos >= end:
            break
        if text[pos] in "\"'":
            close = text.find(text[pos], pos + 1)
            close = end if close < 0 else close
            out.append(text[pos + 1:close])
            pos = close + 1
        else:
            comma = text.find(",", pos)
            comma = end if comma < 0 else comma
            out.append(text[pos:comma].rstrip())
            pos = comma
        while pos < end and text[pos] in " \t":
            pos += 1
        if pos < end and text[pos] == ",":
            pos += 1
    return [p for p in out if p]


def unscoped(name: str) -> str:
    """A tool name without its scope: ``Bash(git add:*)`` -> ``Bash``."""
    m = SCOPED_TOOL.match(name)
    return m.group("name").strip() if m else name


def dedupe(items: Iterable[Any]) -> list[Any]:
    """The items in order, each once (works for unhashable items too)."""
    out = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


def value_taken(value: Any, allowed: list[Any], form: dict[str, Any] | None = None) -> bool:
    """``value`` is one the tool takes for a key whose table lists ``allowed``: one of them, or one the key's
    ``[value_forms]`` rule reads as one (``case = "insensitive"``: a word in any case; ``aliases``: other words for a
    listed one; ``int``: a number, or a text that starts with one, as JavaScript's parseInt reads it; ``tables``: a
    table of one key it names, as Codex's ``approval_policy = { granular = {...} }``)."""
    if value in allowed:
        return True
    form = form or {}
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return bool(form.get("int")) and value == value and abs(value) != float("inf")
    if isinstance(value, dict):
        return len(value) == 1 and next(iter(value)) in form.get("tables", ()) and isinstance(
            next(iter(value.values())), dict)
    if not isinstance(value, str):
        return False
    word = value.lower() if form.get("case") == "insensitive" else value
    word = form.get("aliases", {}).get(word, word)
    return word in allowed or bool(form.get("int")) and re.match(r"\s*[+-]?\d", word) is not None


def glob_match(path: str, pattern: str) -> bool:
    """Does ``path`` (any prefix) end in something ``pattern`` matches? ``**`` spans folders, ``*`` does not."""
    return _glob_rx(pattern).match(path.replace("\\", "/")) is not None


@lru_cache(maxsize=None)
def _glob_rx(pattern: str) -> re.Pattern[str]:
    return rx.compile(glob_source(pattern))


def glob_source(pattern: str) -> str:
    """The regular expression for a glob, as text (detection joins a dialect's globs and compiles them once)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            j = i + 1
            while j < len(pattern) and pattern[j] not in "*?":
                j += 1
            out.append(re.escape(pattern[i:j]))  # a run of literal text at once (it is escaped character by character)
            i = j
    return "(?:^|.*/)" + "".join(out) + "$"


def glob_word(pattern: str) -> str:
    """The longest run of literal text in a glob: a path ``glob_source`` matches holds it (``.claude/agents/`` of
    ``.claude/agents/**``), so a path without it is no match, told without the regular expression."""
    return max(re.split(r"\*\*/|\*\*|\*|\?", pattern), key=len)  # read as glob_source reads it: ``**/`` whole


def first_heading(text: str) -> str | None:
    """The text of the first markdown heading (``# Title`` -> ``Title``), if any."""
    for line in text.split("\n"):
        if line.startswith("#"):
            return line.lstrip("#").strip() or None
    return None


_HTML_COMMENT = rx.compile(r"<!--.*?(?:-->|\Z)", re.S)
_NOT_PROSE = rx.compile(r"#{1,6}(?:\s|$)|(?:[-*_]\s*){3,}$|\||!\[|<[A-Za-z/!]")
"""A line that is no prose to describe an agent by: a heading, a rule, a table row, an image, an HTML tag."""


_HEADING_TEXT = rx.compile(r"#+\s+(\S.*)")


def first_line(text: str, limit: int) -> str | None:
    """The first line that is not blank, stripped; a heading's text without its ``#``; longer than ``limit``
    characters, cut to ``limit - 3`` and ``...`` (how Claude Code describes a command that has no description).
    None when every line is blank."""
    for line in text.split("\n"):
        s = line.strip()
        if s:
            m = _HEADING_TEXT.fullmatch(s)
            s = m.group(1) if m else s
            return s if len(s) <= limit else s[:limit - 3] + "..."
    return None


def first_paragraph(text: str) -> str | None:
    """The first paragraph of prose, on one line: headings, HTML comments, fenced code, rules, tables, images and
    HTML lines are passed over (a file that opens ``<!-- Powered by ... -->`` is not described by that)."""
    lines: list[str] = []
    fence = ""  # the open code fence's run of ` or ~: closed by a line of at least as many alone (CommonMark)
    for line in _HTML_COMMENT.sub("", text).split("\n"):
        s = line.strip()
        if fence:
            fence = "" if s.startswith(fence) and not s.strip(fence[0]) else fence
        elif s.startswith(("```", "~~~")):
            if lines:
                break
            fence = s[:len(s) - len(s.lstrip(s[0]))]
        elif not s or (_NOT_PROSE.match(s) and (not lines or s.startswith("#"))):
            if lines:
                break
        else:
            lines.append(s)
    return " ".join(" ".join(lines).split()) or None


def _agent_block_lines(prompt: str):
    """The lines of the top-level ``agent:`` mapping of each fenced ``yaml`` block in ``prompt`` (BMAD-METHOD's agents
    keep their definition there: ``agent: {name, id, title, whenToUse ...}``)."""
    in_yaml = in_agent = False
    for line in prompt.split("\n"):
        if line.startswith("```"):
            in_yaml, in_agent = line[3:].strip() in ("yaml", "yml"), False
        elif in_yaml and line[:1] not in (" ", "\t", ""):
            in_agent = line.rstrip() == "agent:"
            if in_agent:
                yield line
        elif in_agent:
            yield line


def agent_block(prompt: str) -> bool:
    """Whether the prompt holds an agent framework's definition: a fenced ``yaml`` block with a top-level ``agent:``
    mapping, as BMAD-METHOD's agents do (checked 2026-11-29 against bmad-code-org/BMAD-METHOD v4.0.0 to v5.1.3
    ``bmad-core/agents/*.md`` and ``expansion-packs/*/agents/*.md``). Such a file is one prompt from its first line to
    its last: BMAD's own installer (v4.44.3, commit 4c4f6dc, tools/installer/lib/ide-setup.js: OpenCode's
    ``prompt: {file:...}``, Windsurf's workflow body) hands the whole file on as the prompt and takes the
    description from ``whenToUse`` alone."""
    return "agent:" in prompt and next(_agent_block_lines(prompt), None) is not None


def when_to_use(prompt: str) -> str | None:
    """``agent.whenToUse`` of a YAML block embedded in the prompt, where an agent framework keeps its definition
    (BMAD-METHOD's agents: a fenced ``yaml`` block with ``agent: {name, id, title, whenToUse ...}``; checked
    2026-11-27 against bmad-code-org/BMAD-METHOD v4.44.3 bmad-core/agents/*.md): a one-line value, plain or quoted."""
    if "whenToUse:" not in prompt:
        return None
    for line in _agent_block_lines(prompt):
        if line.lstrip().startswith("whenToUse:"):
            value = line.partition(":")[2].strip()
            if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1].replace("''", "'") if value[0] == "'" else value[1:-1]
            return value if value and value[0] not in "|>&*!{[" else None
    return None


def made_up_description(title: str | None, prompt: str, name: str | None) -> tuple[str, str] | None:
    """A description for a record that has none where the target requires one, and where it comes from: the
    ``whenToUse`` of an agent block in the prompt (what the agent's framework itself gives as its description:
    BMAD-METHOD's installer, see ``agent_block``), else the title, else the prompt's first paragraph of prose, else
    the name; None when there is none of them."""
    for text, source in ((when_to_use(prompt), "prompt's agent block (whenToUse)"), (title, "title"),
                         (first_paragraph(prompt), "prompt"), (name, "name")):
        if text:
            return text, source
    return None


def shown_path(file: str) -> str:
    """A file found beside a source (a project's config) as a report names it: relative to the current folder where
    it is below it, else as found."""
    rel = os.path.relpath(file)
    return file if rel.startswith("..") else rel


def up_to_worktree(folder: str) -> tuple[list[str], bool]:
    """``folder`` and the folders above it up to its worktree (the nearest holding ``.git``, as OpenCode, Codex and
    Claude Code find a project's root), the outermost first; and whether a worktree was found (else every folder up
    to the file system's root is listed)."""
    up, found = per_run(("up_to_worktree", folder), lambda: _up_to_worktree(folder))
    return list(up), found


def _up_to_worktree(folder: str) -> tuple[tuple[str, ...], bool]:
    up = [folder]
    while not os.path.exists(os.path.join(up[-1], ".git")) and os.path.dirname(up[-1]) != up[-1]:
        up.append(os.path.dirname(up[-1]))
    found = os.path.exists(os.path.join(up[-1], ".git"))
    up.reverse()
    return tuple(up), found
