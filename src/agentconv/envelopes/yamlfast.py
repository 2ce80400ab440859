"""The plain agent header without a YAML parser: ``key: scalar`` lines and lists of scalars, or ``None`` (not this
shape: ``yamlio.load`` hands it to ruamel).

Most headers are a handful of top-level keys, each holding a one-line scalar (plain, single- or double-quoted, a
small whole or decimal number, ``true``, ``false``, ``null``; plain text may go on over indented lines), a literal
or folded block scalar (``|``, ``>-`` ...), a list of one-line scalars (block ``- item`` lines, or one flow
``[a, b]`` line), or a map of such values one level down (``metadata:``, then ``author: x`` lines indented alike).
For those this gives exactly what ruamel's safe loader gives (same values, types and key order: only JSON's types);
it declines everything else, and anything it is not sure of: a tab, a character YAML refuses or reads as a line
break, a plain scalar that YAML could resolve to something other than text (``null``, ``true``, ``0o7``, a date ...)
or that a YAML reader could split (``: ``), a key written twice, a quoted value or a list item that continues on the
next line, anchors, tags, maps or lists deeper down, block scalars with indicators or odd indentation. What it reads
is three levels deep at most, with at most two values per three characters of text (``yamlio.read`` relies on
both). ``tests/test_yamlfast.py`` checks it against ruamel over every header in the repository and thousands of
generated ones.
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import rx

_KEY = rx.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,99}):(?: +|$)")
_ITEM = rx.compile(r"( *)- +")
_SUBKEY = rx.compile(r"( +)([A-Za-z_][A-Za-z0-9_-]{0,99}):(?: +|$)")
# Everything ruamel's reader refuses (non-printable), reads as a line break (CR, NEL, LS, PS) or treats specially
# (a tab, a byte-order mark), and every character the plain scalars below could not safely hold.
_UNSURE = rx.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_PLAIN = rx.compile(r"[A-Za-z\u00c0-\U0010ffff][^:]*(?::[^ :][^:]*)*")
"""A plain scalar that starts with a letter or any character past U+00BF (an emoji ...: no indicator, no number, sign
or date; ``_UNSURE`` has already turned away the ones YAML refuses or reads as a line break) and holds no ``: `` and no
trailing ``:`` (each ``:`` is followed by another character, not a space nor a ``:``; `` #`` was cut off as a
comment before)."""
_CONTINUED = rx.compile(r"[A-Za-z0-9\u00c0-\U0010ffff(][^:]*(?::[^ :][^:]*)*")
"""A continuation line of a plain scalar: as ``_PLAIN``, and it may start with a digit or ``(``."""
_FLOW_PLAIN = rx.compile(r"[A-Za-z\u00c0-\U0010ffff][^#:,\[\]{}\"'?&*!|>%@`]*")
"""A plain scalar in a flow list: as ``_PLAIN``, and none of the characters a flow context may read otherwise."""
_INT = rx.compile(r"0|[1-9][0-9]{0,17}")
_FLOAT = rx.compile(r"(?:0|[1-9][0-9]{0,8})\.[0-9]{1,9}")
_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})
"""Words some YAML resolver reads as null or a boolean (in some case): never taken as text here."""
_CONSTANTS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
              "null": None, "Null": None, "NULL": None, "~": None}
"""The spellings YAML 1.2 reads as a boolean or null (ruamel's safe loader does)."""
_BLOCKS = frozenset({"|", "|-", ">", ">-"})
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
            " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}
_HEXDIGITS = frozenset("0123456789abcdefABCDEF")


class _No(Exception):
    """Not a shape this module reads: ruamel decides."""


def load(text: str) -> dict[str, Any] | None:
    """The header ``text`` as ruamel's safe loader reads it, or None when it is not a plain header (see above)."""
    if _UNSURE.search(text):
        return None
    try:
        return _mapping(text.split("\n"))
    except _No:
        return None


def _mapping(lines: list[str]) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        i += 1
        if _skip(line):
            continue
        m = _KEY.match(line)
        if m is None:
            raise _No
        key = m.group(1)
        if key in out or key.lower() in _WORDS:
            raise _No
        rest = line[m.end():]
        if rest in _BLOCKS:
            out[key], i = _block(lines, i, rest)
            continue
        if rest and not rest.startswith("#"):
            out[key] = _value(rest)
            if i < n and lines[i][:1] == " " and rest[0] not in "\"'[" and type(out[key]) is str and " #" not in rest:
                out[key], i = _folded(lines, i, out[key])  # a plain scalar's indented continuation lines
            continue
        items: list[Any] = []
        indent = submap = None
        while i < n:  # a block list, a map one level down, or nothing (null)
            line = lines[i]
            if _skip(line):
                i += 1
                continue
            item = _ITEM.match(line)
            if item is None:
                if line[0] == " " and indent is None:
                    submap, i = _submap(lines, i)
                elif line[0] == " ":  # a scalar on the next line ...
                    raise _No
                break
            if indent is None:
                indent = item.group(1)
            elif item.group(1) != indent:
                raise _No
            items.append(_scalar(line[item.end():]))
            i += 1
        out[key] = submap if submap is not None else items if indent is not None else None
    return out or None


def _submap(lines: list[str], i: int) -> tuple[dict[str, Any], int]:
    """The map of ``sub: scalar`` lines (one-line scalars or flow lists, all at one indentation) from ``lines[i]``,
    and the line after it."""
    out: dict[str, Any] = {}
    pad = None
    n = len(lines)
    while i < n:
        line = lines[i]
        if _skip(line):
            i += 1
            continue
        if line[0] != " ":
            break
        m = _SUBKEY.match(line)
        if m is None or (pad is not None and m.group(1) != pad):
            raise _No
        pad, key = m.group(1), m.group(2)
        if key in out or key.lower() in _WORDS:
            raise _No
        rest = line[m.end():]
        if not rest or rest[0] == "#":
            out[key] = None  # a deeper line after it is not this shape
        else:
            out[key] = _value(rest)
        i += 1
    return out, i


def _block(lines: list[str], i: int, style: str) -> tuple[str, int]:
    """The block scalar (``|``, ``|-``, ``>``, ``>-``) whose lines start at ``lines[i]``, and the line after it. Its
    indentation is its first line's, which has text; a line with less but some indentation, or a blank one with more,
    is declined, and so is a folded (``>``) line indented more than the first."""
    first = lines[i] if i < len(lines) else ""
    indent = len(first) - len(first.lstrip(" "))
    if not indent or indent == len(first):
        raise _No
    parts: list[str] = []
    n = len(lines)
    while i < n:
        line = lines[i]
        lead = len(line) - len(line.lstrip(" "))
        if lead == len(line):  # blank
            if lead > indent:
                raise _No
            parts.append("")
        elif lead >= indent:
            if lead > indent and style[0] == ">":
                raise _No
            parts.append(line[indent:])
        elif lead:
            raise _No
        else:
            break
        i += 1
    broken = i < n or parts[-1] == ""  # the last line ends in a line break (not the end of the text)
    while parts[-1] == "":  # trailing blank lines: chomped
        parts.pop()
    if style[0] == "|":
        text = "\n".join(parts)
    else:  # folded: a line break between two lines of text is a space, each blank line between them a line break
        text, blanks = parts[0], 0
        for part in parts[1:]:
            if part:
                text += ("\n" * blanks if blanks else " ") + part
                blanks = 0
            else:
                blanks += 1
    return (text if style.endswith("-") or not broken else text + "\n"), i


def _folded(lines: list[str], i: int, text: str) -> tuple[str, int]:
    """``text`` (a plain scalar's first line) and its continuation lines from ``lines[i]``, folded as YAML folds them
    (a line break between two lines is a space, each blank line between them a line break), and the line after the
    last; a continuation line that is not plain text (a comment, an indicator, ``: ``) is declined."""
    breaks, j, n = 0, i, len(lines)
    while j < n:
        line = lines[j]
        s = line.strip(" ")
        j += 1
        if not s:
            breaks += 1
            continue
        if line[0] != " ":
            break
        if _CONTINUED.fullmatch(s) is None or " #" in s:
            raise _No
        text += "\n" * breaks if breaks else " "
        text += s
        breaks, i = 0, j
    return text, i


def _skip(line: str) -> bool:
    """A blank line or a comment line."""
    s = line.lstrip(" ")
    return not s or s[0] == "#"


def _value(rest: str) -> Any:
    if rest[0] == "[":
        return _flow(rest)
    return _scalar(rest)


def _scalar(s: str) -> Any:
    """One scalar that is all of the line after its key or dash (a trailing comment allowed)."""
    if not s:
        raise _No
    if s[0] in "\"'":
        value, end = _quoted(s, 0)
        _tail(s, end)
        return value
    cut = s.find(" #")
    body = (s if cut < 0 else s[:cut]).rstrip(" ")
    if body in _CONSTANTS:
        return _CONSTANTS[body]
    if _PLAIN.fullmatch(body) is not None:
        if body.lower() in _WORDS:
            raise _No
        return body
    if _INT.fullmatch(body):
        return int(body)
    if _FLOAT.fullmatch(body):
        return float(body)
    raise _No


def _tail(s: str, end: int) -> None:
    """After a value: nothing, or blanks and a comment."""
    rest = s[end:]
    stripped = rest.lstrip(" ")
    if stripped and not (stripped[0] == "#" and len(stripped) < len(rest)):
        raise _No


def _quoted(s: str, at: int) -> tuple[str, int]:
    """The quoted scalar starting at ``s[at]`` on this line, and where it ends."""
    q = s[at]
    if q == "'":
        parts, j = [], at + 1
        while True:
            k = s.find("'", j)
            if k < 0:
                raise _No  # continues on the next line
            parts.append(s[j:k])
            if s.startswith("''", k):
                parts.append("'")
                j = k + 2
                continue
            return "".join(parts), k + 1
    parts, j = [], at + 1
    while True:
        k = s.find('"', j)
        b = s.find("\\", j)
        if k < 0:
            raise _No
        if b < 0 or b > k:
            parts.append(s[j:k])
            return "".join(parts), k + 1
        parts.append(s[j:b])
        c = s[b + 1:b + 2]
        if c in _ESCAPES:
            parts.append(_ESCAPES[c])
            j = b + 2
        elif c in _HEX:
            digits = s[b + 2:b + 2 + _HEX[c]]
            if len(digits) != _HEX[c] or not _HEXDIGITS.issuperset(digits):
                raise _No
            code = int(digits, 16)
            if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                raise _No
            parts.append(chr(code))
            j = b + 2 + _HEX[c]
        else:  # a line continuation, or an escape YAML does not have
            raise _No


def _flow(s: str) -> list[Any]:
    """``[a, "b", c]`` on one line (a trailing comment allowed)."""
    items: list[Any] = []
    j = 1
    while True:
        while s.startswith(" ", j):
            j += 1
        if s.startswith("]", j) and not items:
            _tail(s, j + 1)
            return items
        if s[j:j + 1] in ("'", '"'):
            value, j = _quoted(s, j)
        else:
            m = _FLOW_PLAIN.match(s, j)
            if m is None:
                raise _No
            value = m.group().rstrip(" ")
            j = m.end()
            if value.lower() in _WORDS:
                if value not in _CONSTANTS:
                    raise _No
                value = _CONSTANTS[value]
        items.append(value)
        while s.startswith(" ", j):
            j += 1
        if s.startswith("]", j):
            _tail(s, j + 1)
            return items
        if not s.startswith(",", j):
            raise _No
        j += 1
