"""Prompt placeholders of commands (slash commands, prompt files), rewritten between dialects.

Each command dialect spells the same few things differently (reference/dialects.md §14 G15):

======================  ===================  =====================  ==============  ============  ==============
what                    Claude command       OpenCode command       Codex prompt    Gemini        Copilot prompt
======================  ===================  =====================  ==============  ============  ==============
all arguments           ``$ARGUMENTS``       ``$ARGUMENTS``         ``$ARGUMENTS``  ``{{args}}``  --
n-th argument           ``$0``, ``$A..[0]``  ``$1`` (1-based)       ``$1``..``$9``  --            --
shell output            ``!`cmd```           ``!`cmd```             --              ``!{cmd}``    --
file contents           ``@path`` (**)       ``@path``              --              ``@{path}``   --
a literal ``$``         ``$``                ``$``                  ``$`` (*)       ``$``         ``$``
======================  ===================  =====================  ==============  ============  ==============

The table of each command dialect says how it spells them (its ``[placeholders]`` section)::

    args = ["$ARGUMENTS"]                    # all arguments; the first spelling is written
    positional = ["${n}", "$ARGUMENTS[{n}]"] # the n-th argument ({n}: its index); the first that fits is written
    base = 0                                 # the index of the first argument (Claude 0, OpenCode/Codex 1)
    max = 9                                  # the highest index (Codex: $1..$9); none: unbounded
    rest = true                              # the highest positional takes the remaining arguments (OpenCode)
    shell = ["!`", "`"]                      # shell output: opening and closing text ("}" closes balanced braces)
    file = ["@", ""]                         # file contents; an empty closer: a bare path, up to whitespace
    dollar = "$$"                            # a pair the tool skips and sends as written (Codex)
    [placeholders.own]                       # placeholders only this tool expands (regex -> what they are)
    '\\$\\{CLAUDE_[A-Z_]+\\}' = "a Claude Code variable"

**Canonical form.** The IR prompt of a record of kind ``command`` holds its placeholders in one neutral
spelling, whatever dialect it was read from: ``{{args}}`` (all arguments), ``{{arg:N}}`` (the N-th argument,
**1-based**), ``!{cmd}`` (a shell command's output; braces balanced, placeholders inside rewritten too) and
``@{path}`` (a file's contents). Everything else is literal text, including tool-specific variables
(``${CLAUDE_SESSION_ID}``, ``${input:x}``), which stay as written.

- Reading converts the dialect's spellings into the canonical form (nothing is reported: it loses nothing).
  Canonical spellings already present in the text are read as placeholders too where the dialect has no
  spelling of its own for that kind of placeholder and agentconv wrote the file (its side channel), so a
  placeholder a target could not spell (written there in the canonical form: a shell command in a Codex prompt,
  ``{{args}}`` in a Cursor command) comes back on the way home; in any other file it is the tool's text. Where it
  has one, such text
  was literal in that tool (a Claude command's ``git diff @{1.day.ago}``, a Python f-string's ``@{version}``)
  and stays literal text: written as it is, and reported where the target would expand it (``source_literals``).
- In the canonical form ``@`` or ``!`` right before ``{{args}}`` or ``{{arg:N}}`` is literal text before an
  argument (a Claude ``@$1``), not a file or a shell command named ``{args}``.
- Writing converts out of it. Each rewrite is a ``placeholder-respelled`` info item (path ``prompt``), named in the
  source dialect's spelling when the record came from another command dialect. A placeholder the target
  cannot spell (positional arguments in Gemini, a shell command in Codex, anything in a Copilot prompt file)
  is written in the canonical form and reported as a ``placeholder-unsupported`` warning; so is a tool-specific variable of another
  tool, and literal text that the target would expand (escaped instead where the target can: Codex ``$$``).

Claude Code runs ``!`cmd``` only at a line's start or after a blank and not inside an inline code span, and a fenced
```` ```! ```` block too (``shell_after``, ``code_spans``, ``fence``); it drops a backslash before ``$ARGUMENTS`` or
``$N`` and expands nothing there (``backslash``). Literal text a target would run as a shell command is never written
as one: it gets a blank after its ``!`` (``_defused``), as Claude Code's own importer writes a marker it must not run;
literal text a target would expand otherwise is escaped where it has an escape (Codex ``$$``, Claude Code ``\\$``)
and reported where it has none.

Inside a shell command, literal text that the target replaces there (Gemini CLI's ``{{args}}`` and ``@{path}``, which
it replaces anywhere in the prompt before the command runs) gets an empty quoted string inside it (``{''{args}}``), the
same to the shell (``_braced``). The arguments of a shell command move out of the source's quotes into Gemini CLI,
which shell-quotes them as one word itself, and into double quotes out of it (``_arg_quoted``): the same words to the
shell. Claude Code's ``@"a path with blanks"`` is a file too (``file_quoted``). A bare ``@path`` in a fenced code
block (an example, ``npx @scope/pkg``) stays text where the target would put a file's contents there or has no file
reference (said).

(**) and ``@"a path with blanks"``.

(*) Codex skips a ``$$`` and sends it as written (``dollar``: codex-rs/tui/src/bottom_pane/prompt_args.rs, openai/codex
09e67f2, read 2026-11-28): a ``$$`` is read as those two characters; a ``$`` that would start a placeholder there is
written with one more before it, which its model reads too, and which the side channel names (``escaped``) so that the
way back leaves it out.
- Writing a file in the dialect it was read from gives back its prompt exactly as written (``$ARGUMENTS[0]``
  stays ``$ARGUMENTS[0]``), as long as the IR prompt was not changed.

``CommandDialect`` (``agentconv.dialects.command``) applies them to the command dialects.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from . import rx
from .loss import LossCode, LossReport

ARGS, ARG, SHELL, FILE, TEXT, NAMED = "args", "arg", "shell", "file", "text", "named"
_WORD = rx.compile(r"[A-Za-z0-9_]")
_SEPARATED = rx.compile(r"[.,]\d")


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` ... ``11th``, ``12th``, ``13th`` ... ``21st``, ``101st``, ``111th``."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


@dataclass(frozen=True)
class Token:
    """One piece of a command's text: plain text or a placeholder, as `tokens` splits it."""

    kind: str
    """``text``, ``args``, ``arg`` (value: the 1-based index), ``shell`` (value: the command, canonical),
    ``file`` (value: the path)."""
    value: object = None
    raw: str = ""
    """The spelling as found in the text it was read from."""


@dataclass(frozen=True)
class Spelling:
    """How one dialect writes placeholders (its table's ``[placeholders]``)."""

    id: str
    args: tuple[str, ...] = ()
    positional: tuple[str, ...] = ()
    base: int = 1
    max: int | None = None
    rest: bool = False
    shell: tuple[str, str] | None = None
    file: tuple[str, str] | None = None
    dollar: str | None = None
    own: tuple[tuple[str, str], ...] = field(default=())
    closed: bool = False
    """The tool refuses a prompt holding an opener of ``shell``/``file`` with no closer (Gemini)."""
    file_after: str | None = None
    """What a bare file opener must follow to be one, as a regex character class's body (besides the start of the
    text): Claude Code takes ``@path`` only at the start of a word (``\\s`` and four CJK stops). None: any character
    but a word's, ``.``, ``@``, ``/``, ``\\``, a backtick or ``$``."""
    named: str | None = None
    """A regex of what the tool expands as a named argument (Codex: ``$TICKET``): literal text of that form is written
    escaped (``dollar``); read, it stays text (the canonical form has no named arguments)."""
    shell_args: str | None = None
    """How the tool puts the arguments into a shell command: ``quoted`` (each shell-escaped: Gemini), ``raw`` (as
    typed, before the shell runs: OpenCode); None: not checked."""
    word_end: bool = False
    """A bare ``$N`` followed by a letter, digit or ``_`` is text (Claude Code's regex ends in ``(?!\\w)``: ``$5k``)."""
    amount_from: int | None = None
    """Where the tool expands a bare ``$N`` only when the N-th argument is given and leaves it as written otherwise
    (Claude Code), a ``$N`` of an index from this up, or followed by a thousands or decimal separator (``$36,000``,
    ``$1.50``), is read as the amount of money it is, not as an argument no call gives; None: every ``$N`` is one."""
    shell_after: str | None = None
    """What a shell opener must follow to be one, as a regex character class's body (besides the start of a line):
    Claude Code runs ``!`cmd``` only at a line's start or after white space (``(?<=^|\\s)!`([^`]+)``` in its
    bundle). None: anywhere (OpenCode's ``/!`([^`]+)`/g``, Gemini CLI's ``!{``)."""
    code_spans: bool = False
    """A shell opener inside an inline code span (`` `...` `` on one line, not itself right after ``!`` or a backtick)
    is text (Claude Code blanks those spans before it looks for ``!`cmd```)."""
    fence: tuple[str, str] | None = None
    """A fenced shell block, opener and closer (Claude Code's ``/```!\\s*\\n?([\\s\\S]*?)\\n?```/``): its trimmed
    text runs as one command, like ``shell``."""
    shell_lines: bool = False
    """The closer of ``shell`` may stand on a later line (``[^`]+`` in Claude Code's and OpenCode's regexes)."""
    backslash: bool = False
    """A backslash (not after another) right before a ``$`` that starts an argument placeholder's spelling (``\\$1``,
    ``\\$ARGUMENTS``) makes it text, and the tool drops the backslash (Claude Code): read as the ``$`` it shows; literal
    text the tool would expand is written so."""

    file_quoted: bool = False
    """A file path between double quotes after the file opener (``@"my notes.md"``) is one too, at the same places as
    a bare one (Claude Code's ``(?:^|[\\s。、？！])@"([^"]+)"``, not one ending in `` (agent)``): written so for a path
    holding a blank."""

    file_after_shell: bool = False
    """The tool looks for file references after its shell commands ran, their text replaced by their output (Claude
    Code, OpenCode): an ``@path`` inside a shell command is the command's text, no reference."""

    @classmethod
    def from_table(cls, did: str, spec: dict[str, Any]) -> "Spelling":
        pair = lambda v: tuple(v) if v else None  # noqa: E731
        return cls(did, tuple(spec.get("args", [])), tuple(spec.get("positional", [])), spec.get("base", 1),
                   spec.get("max"), spec.get("rest", False), pair(spec.get("shell")), pair(spec.get("file")),
                   spec.get("dollar"), tuple(spec.get("own", {}).items()), spec.get("closed", False),
                   spec.get("file_after"), spec.get("named"), spec.get("shell_args"), spec.get("word_end", False),
                   spec.get("amount_from"), spec.get("shell_after"), spec.get("code_spans", False),
                   pair(spec.get("fence")), spec.get("shell_lines", False), spec.get("backslash", False),
                   spec.get("file_quoted", False), spec.get("file_after_shell", False))

    @cached_property
    def _starts(self) -> re.Pattern[str]:
        alts = []
        if self.dollar:
            alts.append(f"(?P<dollar>{re.escape(self.dollar)})")
        if self.backslash:
            alts.append(r"(?<!\\)(?P<esc>\\\$)(?=\d|ARGUMENTS)")
        for i, p in enumerate(self.positional):
            pre, _, post = p.partition("{n}")
            digits = r"\d" if self.max is not None and self.max < 10 else r"\d+"
            alts.append(f"(?P<pos{i}>{re.escape(pre)}(?P<n{i}>{digits}){re.escape(post)})")
        for i, a in enumerate(sorted(self.args, key=len, reverse=True)):
            alts.append(f"(?P<args{i}>{re.escape(a)})")
        if self.fence:
            alts.append(f"(?P<fence>{re.escape(self.fence[0])})")
        if self.shell:
            before = rf"(?<![^{self.shell_after}\n])" if self.shell_after else ""
            alts.append(f"{before}(?P<shell>{re.escape(self.shell[0])})")
        if self.file:
            if self.file[1]:
                alts.append(f"(?P<file>{re.escape(self.file[0])})")
            else:  # a bare path: not inside a word or an address, and it must look like a path
                before = rf"(?<![^{self.file_after}])" if self.file_after else r"(?<![\w.@/\\`$])"
                if self.file_quoted:
                    alts.append(rf'{before}{re.escape(self.file[0])}"(?P<quoted>[^"]+)"')
                alts.append(rf"{before}{re.escape(self.file[0])}(?P<bare>[\w~./][\w~./+-]*)")
        if self.named:
            alts.append(f"(?P<named>{self.named})")
        return rx.compile("|".join(alts)) if alts else rx.compile(r"(?!x)x")

    # ---------------------------------------------------------------- reading
    def tokenize(self, text: str) -> list[Token]:
        """The text as literal runs and placeholders (a shell command's own text stays in this spelling)."""
        out: list[Token] = []
        pos, buf = 0, []
        rx = self._starts
        blank = _blank_spans(text) if self.code_spans and "`" in text else None
        while True:
            m = rx.search(text, pos)
            if m is None:
                break
            tok, end = self._match(text, m) if blank is None or m.lastgroup != "shell" or blank[m.start()] != " " \
                else (None, m.end())  # an opener inside a code span: text to the tool
            if tok is None:
                buf.append(text[pos:m.start() + 1])
                pos = m.start() + 1
                continue
            buf.append(text[pos:m.start()])
            if tok.kind == TEXT:
                buf.append(str(tok.value))
            else:
                if "".join(buf):
                    out.append(Token(TEXT, "".join(buf), "".join(buf)))
                buf = []
                out.append(tok)
            pos = end
        buf.append(text[pos:])
        if "".join(buf):
            out.append(Token(TEXT, "".join(buf), "".join(buf)))
        return out

    def _match(self, text: str, m: re.Match) -> tuple[Token | None, int]:
        g = m.lastgroup or ""
        if g == "dollar":  # a pair the tool skips and sends as written (Codex: "$$ is preserved literally")
            return Token(TEXT, m.group(), m.group()), m.end()
        if g == "esc":  # Claude Code: "\$" before a digit or ARGUMENTS is a '$' of the text, the backslash dropped
            return Token(TEXT, "$", m.group()), m.end()
        if g.startswith("pos"):
            i = int(g[3:])
            n = int(m.group(f"n{i}")) - self.base + 1
            if n < 1 or (self.max is not None and n + self.base - 1 > self.max):
                return None, m.end()
            if self.positional[i] == "${n}" and self._bare_text(text, m.end(), n + self.base - 1):
                return None, m.end()
            return Token(ARG, n, m.group()), m.end()
        if g.startswith("args"):
            return Token(ARGS, None, m.group()), m.end()
        if g == "named":
            return Token(NAMED, m.group(), m.group()), m.end()
        if g == "fence":  # Claude Code's fenced block: its text, trimmed, runs as a command (none: nothing runs)
            block = re.compile(re.escape(self.fence[0]) + r"\s*\n?([\s\S]*?)\n?" + re.escape(self.fence[1]))
            f = block.match(text, m.start())
            if f is None or not f.group(1).strip():
                return None, m.end()
            return Token(SHELL, f.group(1).strip().replace("\r\n", "\n"), f.group()), f.end()
        if g in ("shell", "file"):
            arg = self._starts.match(text, m.end() - 1) if self.id == "canonical" else None
            if arg is not None and (arg.lastgroup or "").startswith(("args", "pos")):
                return None, m.end()  # '@' or '!' before an argument (see the module docstring)
            close = (self.shell if g == "shell" else self.file)[1]
            end = _closing(text, m.end(), close, g == "shell" and self.shell_lines)
            if end is None or end == m.end() or (g == "shell" and close == "`" and not text[m.end():end].strip()):
                return None, m.end()
            inner = text[m.end():end]
            return Token(SHELL if g == "shell" else FILE, inner, text[m.start():end + len(close)]), end + len(close)
        if g == "quoted":  # Claude Code: @"path with blanks" (not an agent's @"name (agent)")
            path = m.group("quoted")
            if path.endswith(" (agent)") or not any(c in path for c in "./") or path.strip() != path:
                return None, m.end()
            return Token(FILE, path, m.group()), m.end()
        if g == "bare":
            path = m.group("bare").rstrip(".,:;!?")
            if not any(c in path for c in "./") or path in (".", ".."):
                return None, m.end()
            return Token(FILE, path, self.file[0] + path), m.start() + len(self.file[0]) + len(path)
        return None, m.end()

    def _bare_text(self, text: str, end: int, index: int) -> bool:
        """Is the bare ``$N`` (of ``index``) ending at ``end`` text in this tool (``word_end``, ``amount_from``)?"""
        if self.word_end and _WORD.match(text, end):
            return True
        return self.amount_from is not None and (index >= self.amount_from or _SEPARATED.match(text, end) is not None)

    def has(self, kind: str) -> bool:
        """Whether this dialect has a spelling of that kind of placeholder."""
        return bool({ARGS: self.args, ARG: self.positional, SHELL: self.shell, FILE: self.file}.get(kind))

    # ---------------------------------------------------------------- writing
    def spell(self, tok: Token, after: str = "") -> str | None:
        """The token in this spelling, or None when it has none. ``after``: the text that follows (a spelling
        it would run into, ``$1`` before ``0``, is skipped for one that ends)."""
        cands: list[str] = []
        if tok.kind == ARGS:
            cands = list(self.args)
        elif tok.kind == ARG:
            index = int(tok.value) + self.base - 1  # type: ignore[arg-type]
            if self.max is None or index <= self.max:
                cands = [p.replace("{n}", str(index)) for p in self.positional]
        elif tok.kind in (SHELL, FILE):
            pair = self.shell if tok.kind == SHELL else self.file
            value = str(tok.value)
            if pair and _fits(value, pair[1], tok.kind == SHELL and self.shell_lines):
                cands = [pair[0] + value + pair[1]]
            elif tok.kind == FILE and pair and self.file_quoted and '"' not in value and value.strip() == value \
                    and "\n" not in value and value:
                cands = [pair[0] + '"' + value + '"']
        for c in cands:
            back = self.tokenize(c + after[:16])
            if back and back[0].kind == tok.kind and back[0].raw == c:
                return c
        return None

    def own_in(self, text: str) -> list[tuple[str, str]]:
        """(text, what it is) for each of this tool's own variables found in ``text``."""
        return [(m.group(), label) for rx, label in self.own for m in re.finditer(rx, text)]


def _blank_spans(text: str) -> str:
    """``text`` with each inline code span's inside blanked (same length), as Claude Code does before it looks for
    ``!`cmd``` (its ``/`[^`\\n]+`/g``, a span right after ``!`` or a backtick left as it is)."""
    return _SPAN.sub(lambda m: m.group() if m.start() and text[m.start() - 1] in "!`"
                     else "`" + " " * (len(m.group()) - 2) + "`", text)


_SPAN = rx.compile(r"`[^`\n]+`")


def _closing(text: str, start: int, close: str, lines: bool = False) -> int | None:
    """Where ``close`` ends a placeholder opened before ``start``: braces balanced for ``}``, the next ``close``
    on the same line otherwise (on any line: ``lines``), and for a bare path (``""``) never (handled by its regex)."""
    if close == "}":
        depth = 1
        for i in range(start, len(text)):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    return i
        return None
    if not close:
        return None
    end = text.find(close, start)
    if end < 0 or ("\n" in text[start:end] and not lines):
        return None
    return end


def _fits(value: str, close: str, lines: bool = False) -> bool:
    if close == "}":
        return _closing(value + "}", 0, "}") == len(value)
    if not close:
        return bool(value) and not any(c.isspace() for c in value)
    return close not in value and ("\n" not in value or lines) and bool(value.strip())


CANONICAL = Spelling("canonical", ("{{args}}",), ("{{arg:{n}}}",), 1, None, False, ("!{", "}"), ("@{", "}"))


def _describe(tok: Token) -> str:
    if tok.kind == ARGS:
        return "all arguments"
    if tok.kind == ARG:
        n = int(tok.value)  # type: ignore[arg-type]
        return f"the {ordinal(n)} argument"
    return "shell output" if tok.kind == SHELL else "a file's contents"


def to_canonical(text: str, spelling: Spelling, literal: tuple[int, ...] = (), escaped: tuple[int, ...] = (),
                 neutral: bool = True) -> str:
    """A prompt in a dialect's spelling -> the canonical form (``literal``, ``escaped``, ``neutral``: as ``_read``)."""
    return _read(text, spelling, literal, escaped, neutral)[0]


def literal_ordinals(text: str, target: Spelling, rw: Rewrite) -> tuple[int, ...]:
    """Which of the placeholders ``target`` reads in ``text`` (numbered in order, outside shell commands) are literal
    text of the source that the target cannot escape (an OpenCode command's ``$150`` from a Claude command's price):
    the side channel names them, so that the way back reads them as the text they were. Only for a spelling without
    an escape, whose tokens give the text back whole."""
    if not rw.collisions or target.dollar or not rw.spans:
        return ()
    out, at, n = [], 0, 0
    for tok in target.tokenize(text):
        if tok.kind != TEXT:
            if any(a <= at < b for a, b in rw.spans):
                out.append(n)
            n += 1
        at += len(tok.raw)
    return tuple(out)


def _read(text: str, spelling: Spelling, literal: tuple[int, ...] = (),
          escaped: tuple[int, ...] = (), neutral: bool = True, shell: bool = False) -> tuple[str, frozenset[int]]:
    """The canonical form, and where in it canonical spellings stand that were literal text in the source: of a kind
    its dialect spells its own way (see the module docstring). ``literal``: the placeholders (numbered in order) that
    are literal text after all (``literal_ordinals``, said by the side channel). ``escaped``: where in ``text`` a write
    put a '$' before one the tool would read (``_escaped``, said by the side channel): left out, each inside a pair
    the tool skips, or the list is not applied at all. ``neutral``: the text may hold agentconv's neutral spelling of
    a shell command or a file the dialect cannot spell (the file carries agentconv's side channel, which a write of
    one always adds); otherwise those spellings are the tool's literal text too (a Codex prompt's ``@{username}``, a
    GitHub mention: Codex sends it as written, where Gemini CLI would read a file by that name, and ``!{...}`` would
    run a command in Gemini CLI, Claude Code or OpenCode)."""
    toks = spelling.tokenize(text)
    drop = _drops(toks, escaped) if escaped else {}
    out: list[str] = []
    at: set[int] = set()
    size = 0
    n = -1
    where = 0
    for tok in toks:
        where, here = where + len(tok.raw), where
        if here in drop:
            tok = Token(TEXT, drop[here], drop[here])
        if shell and tok.kind == FILE and spelling.file_after_shell:  # `npm i @types/node`: the command's text
            tok = Token(TEXT, tok.raw, tok.raw)
        if tok.kind != TEXT:
            n += 1
            if n in literal:
                out.append(tok.raw)
                size += len(tok.raw)
                continue
        if tok.kind == TEXT and spelling is CANONICAL:
            pieces = [str(tok.value)]
        elif tok.kind == TEXT:
            pieces = []
            for t in CANONICAL.tokenize(str(tok.value)):
                if t.kind == TEXT or spelling.has(t.kind) or not neutral:
                    # text, or literal text of the source's tool
                    if t.kind != TEXT:
                        at.add(size + sum(map(len, pieces)))
                    pieces.append(t.raw)
                else:  # a placeholder only agentconv's neutral spelling could have put there
                    pieces.append(to_canonical(t.raw, CANONICAL))
        else:
            inner: frozenset[int] = frozenset()
            if tok.kind == SHELL:  # literal text inside the command is literal there too (a Claude `{{args}}`)
                value, inner = _read(str(tok.value), spelling, neutral=neutral, shell=True)
                tok = Token(SHELL, value, tok.raw)
            spelled = CANONICAL.spell(tok)
            if spelled is not None:
                at.update(size + len(CANONICAL.shell[0]) + a for a in inner)
            pieces = [spelled if spelled is not None else tok.raw]
        out += pieces
        size += sum(map(len, pieces))
    return "".join(out), frozenset(at)


def without_escapes(text: str, escaped: tuple[int, ...]) -> str:
    """``text`` without the '$' a write put in at ``escaped`` (``_escaped``; each one a '$', else ``text`` as it is)."""
    if not escaped or any(not 0 <= o < len(text) or text[o] != "$" for o in escaped):
        return text
    chars = list(text)
    for o in sorted(set(escaped), reverse=True):
        del chars[o]
    return "".join(chars)


def _drops(toks: list[Token], escaped: tuple[int, ...]) -> dict[int, str]:
    """Token start -> its text without the '$' a write put in (``escaped``), where every offset falls on a '$' of
    literal text (a TEXT token); else none (a file changed since: read as it stands)."""
    out: dict[int, str] = {}
    left, where = set(escaped), 0
    for tok in toks:
        mine = sorted(o - where for o in left if where <= o < where + len(tok.raw))
        if mine:
            if tok.kind != TEXT or any(tok.raw[o] != "$" for o in mine):
                return {}
            kept = list(tok.raw)
            for o in reversed(mine):
                del kept[o]
            out[where] = "".join(kept)
            left -= {where + o for o in mine}
        where += len(tok.raw)
    return out if not left else {}


@dataclass
class Rewrite:
    """What writing out of the canonical form did: rewrites, placeholders with no spelling, collisions."""

    rewrites: dict[tuple[str, str], None] = field(default_factory=dict)
    missing: dict[tuple[str, str], None] = field(default_factory=dict)
    foreign: dict[tuple[str, str], None] = field(default_factory=dict)
    collisions: dict[str, None] = field(default_factory=dict)
    escaped: dict[str, None] = field(default_factory=dict)
    rest: bool = False
    names: dict[str, str] = field(default_factory=dict)
    """Canonical spelling -> the spelling the user wrote (for messages)."""
    literals: frozenset[int] = frozenset()
    """Where in the canonical text a spelling stands that was literal text in the source (``source_literals``)."""
    spans: list[tuple[int, int]] = field(default_factory=list)
    """Where literal text stands in the text written (start, end; outside shell commands): ``literal_ordinals``."""
    made: set[str] = field(default_factory=set)
    """The shell and file placeholders written, as spelled."""
    unclosed: dict[str, None] = field(default_factory=dict)
    unquoted: dict[str, None] = field(default_factory=dict)
    """Shell commands given the arguments that the source quoted and the target puts in as typed."""
    inserted: list[int] = field(default_factory=list)
    """Where in the text written a '$' was put before literal text the target would read (``_escaped``): the side
    channel names them, and the way back leaves them out."""
    braced: dict[tuple[str, str], None] = field(default_factory=dict)
    """Literal ``$ARGUMENTS``/``$N`` of a shell command -> as written (``${N}``), which the target does not fill."""
    backslashed: dict[str, None] = field(default_factory=dict)
    """Literal text the target would expand, written with a backslash before it, which the tool drops."""
    defused: dict[tuple[str, str, str], None] = field(default_factory=dict)
    """(literal text of the source that the target would run as a shell command or replace, as written there with a
    blank in it, its kind) (``_defused``): never a command the source did not run, nor arguments or a file where the
    source had text."""
    inert: dict[str, None] = field(default_factory=dict)
    split: dict[str, None] = field(default_factory=dict)
    """Arguments placeholders of a shell command outside quotes, which the source split into words and the target
    gives as one (``_arg_quoted``)."""
    requoted: dict[tuple[str, str, str], None] = field(default_factory=dict)
    """(arguments placeholder of a shell command, as written, ``out`` or ``in``): written outside the quotes around it, or between
    double quotes (``_arg_quoted``)."""
    fences: list[tuple[int, int]] = field(default_factory=list)
    """Where fenced code blocks stand in the canonical text, where a bare ``@path`` stays text (``_fenced``)."""
    fenced: dict[str, bool] = field(default_factory=dict)
    """Bare ``@path`` references in a fenced code block, kept as text where the target has no bare spelling."""
    parted: dict[tuple[str, str], None] = field(default_factory=dict)
    """Literal text of a shell command that the target would replace there (Gemini CLI's ``{{args}}``, ``@{path}``)
    -> as written, an empty quoted string inside it (``_braced``)."""
    """Shell commands written that the target reads as text where they stand (inside a code span: Claude Code)."""


def from_canonical(text: str, target: Spelling, source: Spelling | None = None,
                   others: list[Spelling] = (), names: dict[str, str] | None = None,
                   literals: frozenset[int] = frozenset()) -> tuple[str, Rewrite]:
    """The canonical form -> ``target``'s spelling, and what was done (``source``: the spelling the record was
    read in, to name placeholders as the user wrote them, ``names``: canonical spelling -> as first written;
    ``others``: every command dialect's spelling; ``literals``: where canonical spellings were literal text)."""
    rw = Rewrite(names=names or {}, literals=literals)
    out = _write(text, target, source, others, rw, top=True)
    _check(out, target, rw)
    return out, rw


def _check(text: str, target: Spelling, rw: Rewrite) -> None:
    """What the target will read in the text written: a shell or file placeholder not written as one (literal text
    meeting a placeholder, ``!`` before Gemini's ``{{args}}``) is reported; an opener with no closer where the tool
    refuses the prompt for it (``closed``) too."""
    read = set()
    for tok in target.tokenize(text):
        read.add(tok.raw)
        if tok.kind in (SHELL, FILE) and tok.raw not in rw.made:
            rw.collisions.setdefault(tok.raw, None)
    for made in rw.made:
        if made not in read and target.shell and made.startswith(target.shell[0]):
            rw.inert.setdefault(made, None)
    if target.closed:
        for pair in (target.shell, target.file):
            start = text.find(pair[0]) if pair and pair[1] == "}" else -1
            while start >= 0:
                if _closing(text, start + len(pair[0]), "}") is None:
                    rw.unclosed[text[start:start + 24].split("\n")[0]] = None
                    break
                start = text.find(pair[0], start + 1)


def source_names(source: Spelling, raw_prompt: tuple[str, str] | None) -> dict[str, str]:
    """Canonical spelling -> the source's own spelling of it, as first found in the text it was read from."""
    out: dict[str, str] = {}
    if raw_prompt is None:
        return out

    def walk(text: str) -> None:
        for tok in source.tokenize(text):
            if tok.kind == TEXT:
                continue
            if tok.kind == SHELL:
                walk(str(tok.value))
                tok = Token(SHELL, to_canonical(str(tok.value), source), tok.raw)
            key = CANONICAL.spell(tok)
            if key is not None:
                out.setdefault(key, tok.raw)

    walk(raw_prompt[0])
    return out


def uses_args(spelling: Spelling, text: str) -> bool:
    """Does ``text`` (a prompt in ``spelling``) take the arguments: an arguments, positional or named placeholder,
    in a shell command too?"""
    for tok in spelling.tokenize(text):
        if tok.kind in (ARGS, ARG, NAMED) or (tok.kind == SHELL and uses_args(spelling, str(tok.value))):
            return True
    return False


def unexpanded(spelling: Spelling, text: str, lookalike: dict[str, str]) -> dict[str, str]:
    """What in ``text`` (a prompt in ``spelling``) no other tool has: a named argument (Codex ``$FILE``, filled from
    ``FILE=...``), and text that looks like a placeholder but is none to the tool (``lookalike``: regex -> what it is,
    a Gemini CLI command's ``${query}``), outside shell commands. Text -> what it is."""
    out: dict[str, str] = {}
    for tok in spelling.tokenize(text):
        if tok.kind == NAMED:
            out.setdefault(tok.raw, f"a named argument, which {spelling.id} fills from {tok.raw[1:]}=... typed after it")
        elif tok.kind == TEXT:
            for rx, what in lookalike.items():
                for m in re.finditer(rx, str(tok.value)):
                    out.setdefault(m.group(), what)
    return out


def source_literals(source: Spelling, raw_prompt: tuple[str, str] | None, prompt: str,
                    literal: tuple[int, ...] = (), neutral: bool = True) -> frozenset[int]:
    """Where canonical spellings stand in ``prompt`` that were literal text of the source (its dialect spells that
    kind of placeholder its own way, so the tool did not expand them); none once the prompt was changed after reading.
    ``literal``, ``neutral``: as it was read (``_read``)."""
    if raw_prompt is None or raw_prompt[1] != prompt:
        return frozenset()
    return _read(raw_prompt[0], source, literal, neutral=neutral)[1]


def _write(text: str, target: Spelling, source: Spelling | None, others, rw: Rewrite, top: bool = False,
           shell: bool = False, base: int | None = None) -> str:
    """``text`` (canonical) in the target's spelling. ``top``: the whole prompt; ``shell``: a shell command's text;
    ``base``: where ``text`` stands in the whole prompt (``rw.literals`` are offsets there)."""
    if top:
        base = 0
        rw.fences = _fenced(text) if source is not None and source.file and not source.file[1] \
            and target.file != source.file and ("```" in text or "~~~" in text) else []
    toks = CANONICAL.tokenize(text)
    out = []
    at = 0
    reopen = ""  # a quote to open again after an argument placeholder written outside it (``_arg_quoted``)
    for i, tok in enumerate(toks):
        after = str(toks[i + 1].raw) if i + 1 < len(toks) else ""
        at, here = at + len(tok.raw), at
        literal = base is not None and base + here in rw.literals
        if tok.kind == TEXT or literal or (shell and tok.kind == SHELL):  # no tool runs a command inside one
            glued = i + 1 < len(toks) and toks[i + 1].kind != TEXT and not (top and here + len(tok.raw) in rw.literals)
            first = len(rw.inserted)
            raw = str(tok.value) if tok.kind == TEXT else tok.raw
            if reopen:
                raw, reopen = (raw[1:], "") if raw.startswith(reopen) else (reopen + raw, "")
            out.append(_literal(raw, target, others, rw, glued, "".join(out) if shell else None))
            start = sum(map(len, out[:-1]))
            rw.inserted[first:] = [start + o for o in rw.inserted[first:]] if top else []
            if top:
                rw.spans.append((start, start + len(out[-1])))
            continue
        if top and tok.kind == FILE and any(a <= here < b for a, b in rw.fences):
            # a bare `@path` in a fenced code block (an example, `npx @scope/pkg`): kept as the text it is (said)
            named = rw.names.get(tok.raw) or (source.spell(tok) if source is not None else None) or tok.raw
            rw.fenced[named] = target.file is not None
            out.append(_literal(named, target, others, rw))
            rw.spans.append((sum(map(len, out[:-1])), sum(map(len, out))))
            continue
        if reopen:
            out.append(reopen)
            reopen = ""
        inner = tok
        if tok.kind == SHELL:
            inner = Token(SHELL, _write(str(tok.value), target, source, others, rw, shell=True,
                                        base=None if base is None else base + here + len(CANONICAL.shell[0])),
                          tok.raw)
        spelled = target.spell(inner, after)
        named = rw.names.get(tok.raw) or (source.spell(tok) if source is not None else None) or tok.raw
        if spelled is None:
            rw.missing[(named, _describe(tok))] = None
            out.append(tok.raw if tok.kind != SHELL else "!{" + str(tok.value) + "}")
            continue
        if tok.kind == SHELL and target.shell_after and out and not re.match(f"[{target.shell_after}\n]", out[-1][-1:]):
            spelled = " " + spelled  # the target runs one only at a line's start or after a blank (Claude Code)
        if tok.kind == ARG and target.rest:
            rw.rest = True
        if spelled != named:
            rw.rewrites[(named, spelled)] = None
        if tok.kind in (SHELL, FILE):
            rw.made.add(spelled.lstrip(" "))
        if tok.kind == SHELL and source is not None and (source.shell_args, target.shell_args) == ("quoted", "raw") \
                and any(t.kind in (ARGS, ARG) for t in CANONICAL.tokenize(str(tok.value))):
            rw.unquoted[spelled] = None
        if shell and tok.kind in (ARGS, ARG) and source is not None:
            spelled, reopen = _arg_quoted(out, spelled, named, source, target, rw)
        out.append(spelled)
    if reopen:
        out.append(reopen)
    return "".join(out)


def _fenced(text: str) -> list[tuple[int, int]]:
    """Where fenced code blocks stand in ``text`` (a line opening with ```` ``` ```` or ``~~~`` up to the next line
    opening with the same; an unclosed one runs to the end)."""
    out: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for m in _FENCE.finditer(text):
        if opened is None:
            opened = (m.start(), m.group(1)[:3])
        elif m.group(1).startswith(opened[1]):
            out.append((opened[0], m.end()))
            opened = None
    if opened is not None:
        out.append((opened[0], len(text)))
    return out


_FENCE = rx.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", re.M)


def _arg_quoted(out: list[str], spelled: str, named: str, source: Spelling, target: Spelling,
                rw: Rewrite) -> tuple[str, str]:
    """An arguments placeholder of a shell command (``out``: the command written before it) between a tool that puts
    the arguments in as typed (Claude Code, OpenCode: ``raw``) and one that puts them in shell-quoted, one word
    (Gemini CLI: ``quoted``, ``escapeShellArg`` of shellProcessor.ts), so that the shell gets the same words: into
    Gemini, a placeholder between quotes is written outside them (the quote closed before it and opened again after:
    ``"x $ARGUMENTS"`` -> ``"x "{{args}}``, ``"$ARGUMENTS"`` -> ``{{args}}``; between the quotes, Gemini's own quotes
    would reach the command as text), and one outside quotes, which the source split into words, is said; out of
    Gemini, one outside quotes is written between double quotes (``{{args}}`` -> ``"$ARGUMENTS"``: one word, as Gemini
    gave). The written spelling, and the quote to open again after it (dropped when the text after it opens that
    quote itself)."""
    pair = (source.shell_args, target.shell_args)
    if pair not in (("raw", "quoted"), ("quoted", "raw")):
        return spelled, ""
    single, double = _quotes("".join(out))
    if pair == ("raw", "quoted"):
        if not (single or double):
            rw.split[named] = None
            return spelled, ""
        q = "'" if single else '"'
        close = q
        if out and out[-1].endswith(q) and _quotes("".join(out)[:-1]) == (False, False):
            out[-1], close = out[-1][:-1], ""  # the quote opened right before it: neither opened nor closed
        rw.requoted[(named, spelled, "out")] = None
        return close + spelled, q
    if single or double:
        return spelled, ""
    opened = '"'
    if out and out[-1].endswith('"') and _quotes("".join(out)[:-1])[1]:
        out[-1], opened = out[-1][:-1], ""  # a double quote closed right before it: the placeholder joins it
    rw.requoted[(named, '"' + spelled + '"', "in")] = None
    return opened + spelled, '"'


def _literal(text: str, target: Spelling, others, rw: Rewrite, glued: bool = False, shell: str | None = None) -> str:
    """``text`` as the target reads it literally; ``shell``: the shell command's text written before it, when it is a
    piece of one."""
    for other in others:
        if other.id != target.id:
            for found, label in other.own_in(text):
                rw.foreign[(found, label)] = None
    if target.dollar:  # escape every '$' that would start a placeholder (or an escape) in the target
        return _escaped(text, target, rw, glued)
    if target.backslash:
        text = _backslashed(text, target, rw)
    elif shell is not None:
        text = _braced(text, target, rw, shell)
    toks = target.tokenize(text)
    if all(t.kind == TEXT for t in toks):
        return text
    for t in toks:
        if t.kind not in (TEXT, SHELL) and not _braces(t) \
                and not (t.kind == FILE and shell is not None and target.file_after_shell):
            rw.collisions[t.raw] = None
    # inside a shell command whose end is a balanced brace (Gemini CLI's `!{...}`) a nested `!{` runs nothing
    nested = shell is not None and bool(target.shell) and target.shell[1] == "}"
    return _defused(text, target, rw) if any(t.kind == SHELL or _braces(t) for t in toks) and not nested else text


def _braces(tok: Token) -> bool:
    """Gemini CLI's `{{args}}`, which it replaces wherever it stands, with no escape (shellProcessor.ts
    `replaceAll`): literal text of that form is defused (``_defused``). Not its `@{path}`, which it leaves as written
    where no such file is ("Leaving placeholder in prompt", atFileProcessor.ts; a git `@{1.day.ago}`, an f-string's
    `@{version}`): kept and said."""
    return tok.kind == ARGS and tok.raw.startswith("{{")


def _braced(text: str, target: Spelling, rw: Rewrite, before: str = "") -> str:
    """Literal ``text`` of a shell command with each ``$ARGUMENTS`` or ``$N`` the target would fill with the arguments
    as typed (OpenCode: ``/\\$(\\d+)/g`` and ``$ARGUMENTS``, then the command runs) written ``${ARGUMENTS}``, ``${N}``:
    the same to the shell (a shell's ``$10`` is ``${1}0``), no placeholder to the tool. A Gemini CLI command's
    ``!{awk '{print $1}'}`` ran awk's ``$1``; written ``$1`` for OpenCode it ran the first argument as shell code.
    Between single quotes (``before`` and the text so far: ``_quotes``), where the shell takes ``${1}`` as text and
    awk would get it, the quote is closed and opened again after the ``$`` instead: ``'{print $''1}'``."""
    out: list[str] = []
    toks = target.tokenize(text)
    state = _quotes(before)
    for i, t in enumerate(toks):
        nxt = toks[i + 1].raw[:1] if i + 1 < len(toks) else ""
        if t.kind in (ARGS, FILE) and t.raw[:2] in ("{{", "@{"):
            # Gemini CLI's `{{args}}` and `@{path}` (replaced anywhere in the prompt, shell commands too): an empty
            # quoted string after the first character, the same to the shell (`{''{args}}` is the word {{args}}),
            # or the quote closed and opened again where the text is between quotes
            q = '"' if state[1] else "'"
            out.append(t.raw[0] + q + q + t.raw[1:])
            rw.parted[(t.raw, out[-1])] = None
            state = _quotes(t.raw, state)
        elif t.kind == ARGS and not _WORD.match(nxt) or t.kind == ARG and t.raw[1:].isdigit():
            if state[0]:
                out.append("$''" + t.raw[1:])
            elif t.kind == ARGS:
                out.append("${" + t.raw[1:] + "}")
            else:
                out.append("${" + t.raw[1] + "}" + t.raw[2:])
            rw.braced[(t.raw, out[-1])] = None
        else:
            out.append(t.raw)
            state = _quotes(t.raw, state)
    return "".join(out)


def _quotes(text: str, state: tuple[bool, bool] = (False, False)) -> tuple[bool, bool]:
    """Whether a POSIX shell is between single quotes, and between double quotes, after ``text`` (from ``state``):
    a backslash outside single quotes takes the next character as it is."""
    single, double = state
    i = 0
    while i < len(text):
        c = text[i]
        if single:
            single = c != "'"
        elif c == "\\":
            i += 1
        elif c == '"':
            double = not double
        elif c == "'" and not double:
            single = True
        i += 1
    return single, double


def _backslashed(text: str, target: Spelling, rw: Rewrite) -> str:
    """Literal ``text`` with a backslash before each argument placeholder the target would expand (``$ARGUMENTS``,
    ``$1``): Claude Code drops it and shows the ``$`` (2.1.332's substitution: a backslash, not after another, before
    ``$`` and a digit, ``ARGUMENTS`` or a named argument; read 2026-11-29). What cannot be said so is a collision,
    reported: one already after a backslash (``\\\\$1`` expands), and a backslash of the text the tool would drop."""
    out: list[str] = []
    for t in target.tokenize(text):
        if t.kind == TEXT and t.raw != t.value:
            rw.collisions[t.raw] = None
        if t.kind in (ARGS, ARG) and not "".join(out).endswith("\\"):
            rw.backslashed[t.raw] = None
            out.append("\\")
        out.append(t.raw)
    return "".join(out)


def _defused(text: str, target: Spelling, rw: Rewrite) -> str:
    """Literal ``text`` with each shell command the target would run (text the source did not run: a Cursor command's
    ``!{rm -rf x}``, a Claude ``a!`ls``` into OpenCode) given a blank after its '!' (``! {``, ``! ```, ``` !``), as
    Claude Code's own importer writes a shell marker it must not run (2.1.332's bundle, read 2026-11-29: `` `! `` to
    `` ` ! ``, ``!` `` to ``! ` ``): the tool reads it as text. None of those tools has an escape for it."""
    for _ in range(text.count("!") + text.count("{") + 1):
        toks = target.tokenize(text)
        if not any(t.kind == SHELL or _braces(t) for t in toks):
            break
        out = []
        for t in toks:
            if t.kind == SHELL:
                bang = t.raw.index("!")
                at = bang + 1 if bang == 0 else bang
                out.append(t.raw[:at] + " " + t.raw[at:])
                rw.defused[(t.raw, out[-1], SHELL)] = None
            elif _braces(t):  # Gemini CLI: `{{ args}}` (a blank where it would match), read as text
                out.append(t.raw[:2] + " " + t.raw[2:])
                rw.defused[(t.raw, out[-1], t.kind)] = None
            else:
                out.append(t.raw)
        text = "".join(out)
    return text


def _escaped(text: str, target: Spelling, rw: Rewrite, glued: bool) -> str:
    """Literal ``text`` in a spelling whose tool skips a '$' pair and sends it as written (Codex: "$$ is preserved
    literally", prompt_args.rs): what it would read as a placeholder (``$1``, ``$ARGUMENTS``, a named ``$HOME``) gets
    a '$' before it, so that it is such a pair (the model reads one '$' more, said); a pair already there stays as
    it is (``$$`` is ``$$`` there too). ``glued``: a placeholder, which starts with '$', is written right after the
    text: an odd run of '$' at its end would pair with it, so it gets one more. Each '$' put in is noted
    (``rw.inserted``, offsets in this text until ``_write`` places them). What else the target reads is a collision."""
    out: list[str] = []
    size = 0
    for t in target.tokenize(text):
        if t.kind != TEXT and t.raw.startswith("$"):
            rw.escaped[t.raw] = None
            rw.inserted.append(size)
            out.append("$")
            size += 1
        elif t.kind != TEXT:
            rw.collisions[t.raw] = None
        out.append(t.raw)
        size += len(t.raw)
    written = "".join(out)
    if glued and (len(written) - len(written.rstrip("$"))) % 2:
        rw.escaped["$"] = None
        rw.inserted.append(size)
        written += "$"
    return written


def report(rw: Rewrite, target_id: str, rep: LossReport) -> None:
    """The loss items for one write (path ``prompt``)."""
    for (old, new) in rw.rewrites:
        rep.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", placeholder=f"placeholder {old!r}", written=repr(new))
    if rw.rest:
        rep.add(LossCode.PLACEHOLDER_REST, "prompt", dialect=target_id)
    for (old, what) in rw.missing:
        rep.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="missing", text=old, label=what, dialect=target_id)
    for (found, label) in rw.foreign:
        rep.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="foreign", text=found, label=label, dialect=target_id)
    sent = _dollar_sent(target_id) if rw.escaped else None
    for raw in rw.escaped:
        if sent:
            rep.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", variant="escaped-sent", raw=raw, dialect=target_id,
                    sent=sent)
        else:
            rep.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", variant="escaped", raw=raw, dialect=target_id)
    for raw in rw.collisions:
        rep.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="collision", text=raw, dialect=target_id)
    for (raw, written) in rw.braced:
        rep.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", variant="shell-braced", raw=raw, written=written,
                dialect=target_id)
    for raw in rw.backslashed:
        rep.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", variant="backslashed", raw=raw, dialect=target_id)
    for (raw, written, kind) in rw.defused:
        rep.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="defused-shell" if kind == SHELL else
                "defused-arguments", text=raw, written=written, dialect=target_id)
    for raw in rw.inert:
        rep.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="inert", text=raw, dialect=target_id)
    for raw in rw.unquoted:
        rep.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="unquoted", text=raw, dialect=target_id)
    for (raw, written, where) in rw.requoted:
        if where == "out":
            rep.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", variant="unquoted-out", raw=raw, written=written,
                    dialect=target_id)
        else:
            rep.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", variant="quoted-in", raw=raw, written=written,
                    dialect=target_id)
    for raw, replaced in rw.fenced.items():
        rep.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="fenced-replaced" if replaced else "fenced",
                text=raw, dialect=target_id)
    for (raw, written) in rw.parted:
        rep.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", variant="shell-parted", raw=raw, written=written,
                dialect=target_id)
    for raw in rw.split:
        rep.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="split", text=raw, dialect=target_id)
    for raw in rw.unclosed:
        rep.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="unclosed", text=raw, dialect=target_id)


def _dollar_sent(did: str) -> str | None:
    """What the tool does with its escape, where its table says (``[placeholders] dollar_sent``)."""
    from . import registry

    return registry.get(did).table.get("placeholders", {}).get("dollar_sent")


@lru_cache(maxsize=None)
def spelling_of(did: str) -> Spelling | None:
    """The spelling of a registered dialect, or None when it has no ``[placeholders]`` table."""
    from . import registry

    try:
        table = registry.get(did).table
    except Exception:
        return None
    spec = table.get("placeholders")
    return Spelling.from_table(did, spec) if spec is not None else None


def all_spellings() -> list[Spelling]:
    from . import registry

    return [s for s in (spelling_of(d) for d in registry.ids()) if s is not None]

