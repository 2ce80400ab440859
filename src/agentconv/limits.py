"""Bounds on everything that reaches a parser, and on what a parser hands back.

Agent files come from strangers, so a hostile file must fail alone, fast, with one line (``LimitError``, exit 3)
instead of exhausting memory or the stack. Every limit is far above real files: measured on the real corpus
(/work/shared/corpus, 2,086 files from 14 repositories, 2026-11-26) the largest file is 64 KB, the largest
header 5,527 bytes (a Gemini command's whole TOML file; 27 lines in a YAML frontmatter header), the deepest
header 4 levels, the most values in one header 31, the longest string 5,403 characters, and no file uses a YAML
anchor or alias.
"""
from __future__ import annotations

import errno
import math
import os
import stat
import sys
from collections import namedtuple
from contextvars import ContextVar
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from . import rx
from .errors import ParseError, problem
from .loss import LossCode

MAX_FILE_BYTES = 16 * 2**20     # a source file (largest real: 64 KB)
MAX_HEADER_BYTES = 8 * 2**20    # text handed to a YAML/TOML/JSON parser (largest real: 5,527 bytes)
MAX_DEPTH = 64                  # nesting of lists and maps (deepest real: 4)
MAX_NODES = 1_000_000           # values in one header, keys included (most real: 31)
MAX_ALIASED = 10_000            # values reached again through YAML aliases (real: none)
MAX_CHARS = 32 * 2**20          # characters in all strings of one header, aliases expanded (most real: 5.5 K)
MAX_OUTPUT_BYTES = 64 * 2**20   # one written file
MAX_FLOW_OPENS = 5_000         # '[' and '{' open at once in one YAML text (most real: 2; counted: 6)
MAX_BLOCK_DEPTH = 1_000        # estimated block nesting of one YAML text (deepest real: 4)
"""YAML nesting is bounded before any parser sees the text: ruamel's C loader recurses on the C stack and dies
(SIGSEGV) near 28,000 levels, and both YAML scanners take time growing with the square of the flow nesting."""


class LimitError(ParseError):
    """A source beyond one of the bounds above (exit 3, like any source that cannot be read)."""


_DEEPER = rx.compile(r"[ \t]*(?:[-?:](?:[ \t]+|$))*")


def check_yaml_nesting(text: str, file: str | None) -> None:
    """Refuse YAML that could nest deeper than the bounds, without parsing it. Flow style: every ``[`` or ``{`` not
    closed yet may be a level (wherever it stands: a quoted one cannot be told apart safely without a parser), so
    the most open at once bounds the flow nesting; brackets that close, as a prompt's examples do, cost nothing
    (a Roo file of 257 modes holds 7,388 of them, nested 3 deep). Block style: each deeper indentation may open
    two levels (a map and a list at one indentation), plus one per ``- ``, ``? `` or ``: `` indicator starting a
    line."""
    if len(text) > MAX_FLOW_OPENS and text.count("[") + text.count("{") > MAX_FLOW_OPENS:  # (never, in a shorter text)
        opens = _flow_depth(text)
        if opens > MAX_FLOW_OPENS:
            raise problem("yaml-flow-too-deep", file=file, opens=opens, most=MAX_FLOW_OPENS)
    if 2 * text.count("\n") + 2 + text.count("-") + text.count("?") + text.count(":") <= MAX_BLOCK_DEPTH:
        return  # the usual header: counting characters already bounds it
    depth = _block_depth(text)
    if depth > MAX_BLOCK_DEPTH:
        raise problem("yaml-indented-too-deep", file=file, depth=depth, most=MAX_BLOCK_DEPTH)


_BRACKET = rx.compile(r"[\[\]{}]")


def _flow_depth(text: str) -> int:
    """The most ``[``/``{`` open at once (a closer with none open closes nothing)."""
    depth = most = 0
    for m in _BRACKET.finditer(text):
        if m.group() in "[{":
            depth += 1
            most = max(most, depth)
        elif depth:
            depth -= 1
    return most


def _block_depth(text: str) -> int:
    stack: list[int] = []
    block = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        lead = _DEEPER.match(line).group()
        indent = len(lead) - len(lead.lstrip(" \t"))
        while stack and stack[-1] >= indent:
            stack.pop()
        stack.append(indent)
        markers = lead.count("-") + lead.count("?") + lead.count(":")
        block = max(block, 2 * len(stack) + markers)
    return block


def check_size(text: str | bytes, what: str, file: str | None, limit: int = MAX_HEADER_BYTES) -> None:
    if len(text) > limit:
        raise problem("text-too-long", file=file, what=what, count=len(text),
                      unit="bytes" if isinstance(text, bytes) else "characters", limit=limit)


def read_file(path: str | os.PathLike[str]) -> bytes:
    """A source's bytes: a regular file only (a FIFO, device or socket is refused without being opened for reading,
    so it cannot hang us), at most MAX_FILE_BYTES. Raises OSError (a message in ``strerror``) or LimitError."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, f"not a regular file ({_kind(st.st_mode)}): refused")
    if st.st_size > MAX_FILE_BYTES:
        raise problem("file-too-large", file=str(path), size=st.st_size, most=MAX_FILE_BYTES)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # swapped for a FIFO since the stat: no wait
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file: refused")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:  # grew since the stat
                raise problem("file-grew-too-large", file=str(path), most=MAX_FILE_BYTES)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    return ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a directory"
            if stat.S_ISDIR(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")


_SURROGATE = rx.compile("[\ud800-\udfff]")


_PARAMS = property(lambda note: dict(zip(note._fields[1:], note[1:])))
"""A note's fields after ``where``: its code's template parameters."""


# The notes are named tuples made by function (``collections.namedtuple``, as ``typing.NamedTuple`` makes them): a class
# body's annotations are text under ``from __future__ import annotations``, which ``typing`` compiles one by one (~1.6 M
# instructions a field, issue 11). Each field is a str.
Retyped = namedtuple("Retyped", ["where", "value", "reading"])
Retyped.__doc__ = """A value read as something else (``LossCode.VALUE_RETYPED``'s parameters, and the key path it is at)."""
Retyped.code = LossCode.VALUE_RETYPED  # type: ignore[attr-defined]
Retyped.params = _PARAMS  # type: ignore[attr-defined]

KeyTwice = namedtuple("KeyTwice", ["where", "keys", "key"])
KeyTwice.__doc__ = """Two keys of one mapping that are one key once read as text (``1`` and ``'1'``): the first is kept
(``LossCode.KEY_TWICE``'s parameters, and the key path of the mapping)."""
KeyTwice.code = LossCode.KEY_TWICE  # type: ignore[attr-defined]
KeyTwice.params = _PARAMS  # type: ignore[attr-defined]


class _Walk:
    def __init__(self, file: str | None, line: int | None):
        self.file, self.line = file, line
        self.nodes = self.aliased = self.chars = 0
        self.seen: set[int] = set()
        self.notes: list[Retyped | KeyTwice] = []

    def note(self, where: str, value: str, reading: str) -> None:
        self.add(Retyped(where, value, reading))

    def add(self, note: Retyped | KeyTwice) -> None:
        if len(self.notes) < 100:
            self.notes.append(note)

    def copy(self, value: Any, where: str, depth: int, aliased: bool, active: frozenset | None = None) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise problem("header-too-many-values", file=self.file, line=self.line, most=MAX_NODES)
        if aliased:
            self.aliased += 1
            if self.aliased > MAX_ALIASED:
                raise problem("aliases-too-many", file=self.file, line=self.line, most=MAX_ALIASED)
        if isinstance(value, str):
            self.chars += len(value)
            if self.chars > MAX_CHARS:
                raise problem("header-text-too-long", file=self.file, line=self.line, most=MAX_CHARS)
            if _SURROGATE.search(value):
                self.note(where, "a lone surrogate (an invalid \\u escape)", "U+FFFD")
                return _SURROGATE.sub("\ufffd", value)
            return value
        if value is None or isinstance(value, (bool, int)):
            return value
        if isinstance(value, float):
            if math.isfinite(value):
                return value
            text = "nan" if value != value else "inf" if value > 0 else "-inf"
            self.note(where, f"{text} (not a finite number)", f"the text {text!r}")
            return text
        if isinstance(value, (dict, list, tuple, set, frozenset)):
            if depth >= MAX_DEPTH:
                raise problem("header-too-deep", file=self.file, line=self.line, most=MAX_DEPTH)
            key = id(value)
            if active is not None and key in active:
                raise problem("alias-recursive", file=self.file, line=self.line)
            again = aliased or key in self.seen
            self.seen.add(key)
            active = (active or frozenset()) | {key}
            if isinstance(value, dict):
                out: dict[str, Any] = {}
                for k, v in value.items():
                    raw, k = k, self.key(k, where)
                    if k in out:
                        first = next(r for r in value if _as_key(r) == k)
                        self.add(KeyTwice(where, f"keys {_spelled(first)} and {_spelled(raw)}", k))
                        continue
                    out[k] = self.copy(v, f"{where}.{k}" if where else k, depth + 1, again, active)
                return out
            if isinstance(value, (set, frozenset)):
                self.note(where, "a YAML set", "a list")
                value = sorted(value, key=str)
            return [self.copy(v, where, depth + 1, again, active) for v in value]
        return self.copy(self.text(value, where), where, depth, aliased, active)

    def key(self, k: Any, where: str) -> str:
        if isinstance(k, str):
            return self.copy(k, where, 0, False)
        return self.text(k, where, "key ")

    def text(self, value: Any, where: str, what: str = "") -> str:
        text, kind = _text(value)
        self.note(where, f"a {what}{kind}", f"its text {text[:40]!r}")
        return text


def _text(value: Any) -> tuple[str, str]:
    """A value that is not text: its text, and what kind of value it was."""
    _dt = sys.modules.get("datetime")  # a date is only ever made by a module that imported it (a YAML or TOML loader):
    if _dt is not None and isinstance(value, (_dt.date, _dt.time)):  # not imported here (~4 M instructions, issue 11)
        kind = "time" if isinstance(value, _dt.time) else "date" if type(value) is _dt.date else "date-time"
        return value.isoformat(), kind
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace"), "binary value"
    if isinstance(value, bool) or value is None:
        return str(value).lower() if value is not None else "null", type(value).__name__
    if isinstance(value, (list, tuple, dict)):
        import json

        return json.dumps(value, default=str, ensure_ascii=False), type(value).__name__
    return str(value), type(value).__name__


def _as_key(key: Any) -> str:
    """A key as ``_Walk.key`` reads it, without a note."""
    return _SURROGATE.sub("\ufffd", key) if isinstance(key, str) else _text(key)[0]


def _spelled(key: Any) -> str:
    """A key as the source spelled it: text quoted, anything else (``1``, ``2024-01-01``) bare."""
    return repr(key[:40]) if isinstance(key, str) else _text(key)[0][:40]


def plain(value: Any, file: str | None = None, line: int | None = None) -> tuple[Any, list[Retyped | KeyTwice]]:
    """A copy of parsed data holding only JSON's types (str, int, finite float, bool, None, list, dict with str
    keys), within the bounds above. Dates, times, binary and non-finite numbers become their text and lone
    surrogates U+FFFD; each such reading is returned as a note (``Retyped``; ``KeyTwice`` for two keys that are one
    as text, the first kept). Raises LimitError past a bound
    (depth, values, alias expansion, characters) or on a structure that refers to itself."""
    walk = _Walk(file, line)
    return walk.copy(value, "", 0, False), walk.notes


SOURCE_FILE: ContextVar[str | None] = ContextVar("agentconv_source_file", default=None)
"""Where the file being read is on disk (``api.read``: a batch names it by its repository path, ``path``), for a
reader that resolves what the file names relative to it (Kiro's ``file://`` prompt); None: read from text."""
