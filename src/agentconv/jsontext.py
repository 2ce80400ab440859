"""JSON text that every reader takes: no NaN or Infinity, and nothing raw that a line-oriented or YAML reader
trips on (DEL, C1 controls, U+2028/U+2029 line separators, lone surrogates, the noncharacters U+FFFE/U+FFFF
that YAML refuses) — those are written as \\u escapes. Also JSONC (OpenCode's configs, a tool's settings files) read as
JSON: ``plain_json``."""
from __future__ import annotations

import json
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from . import rx

_RAW = rx.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
UNSAFE = rx.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""What must never stand raw in a header we write: C0 controls but tab and newline (CR too: YAML breaks the line
there, our chunker does not), DEL, C1, the Unicode line separators, lone surrogates."""


def escape(text: str) -> str:
    """``text`` (JSON, or a YAML double-quoted scalar made by json.dumps) with the characters above escaped. JSON's
    structure is ASCII, so any such character is inside a string, where ``\\uXXXX`` means the same."""
    if text.isascii() and "\x7f" not in text:  # of those characters ASCII holds only DEL (``isascii``: a flag, no scan)
        return text
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _RAW.search(text) else text


def loads(text: str) -> tuple[Any, bool]:
    """``json.loads``, and whether some object held a key twice (the last one wins, as in JavaScript): such a text
    is never written back as it came, since every output must be free of duplicate keys."""
    twice = False

    def pairs(items: list[Any]) -> dict[str, Any]:
        nonlocal twice
        out = dict(items)
        twice = twice or len(out) != len(items)
        return out

    return json.loads(text, object_pairs_hook=pairs), twice


def dumps(value: Any, *, indent: int | None = None, compact: bool = False) -> str:
    """``json.dumps`` with non-ASCII kept readable, non-finite numbers refused (ValueError), unsafe characters
    escaped; ``compact`` for one-line comments."""
    if compact and indent is None:  # a side-channel comment: once per output written, its encoder made once
        return escape(_COMPACT(value))
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent,
                      separators=(",", ":") if compact else None)
    return escape(text)


def one_shot(encoder: json.JSONEncoder) -> Any:
    """``encoder.encode`` for a dict, without its two Python calls a value (``encode``, ``iterencode``, which sets up a
    float closure each time): the same C encoder ``iterencode`` makes (``c_make_encoder``, with the same arguments and a
    fresh ``markers`` dict, so a circular value fails as it would), called directly; any other value, or a Python
    without the C encoder, goes through ``encode`` itself. The same text, byte for byte (issue 11: the side channel
    encodes a header and a payload per output)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None or encoder.indent is not None:
        return encoder.encode
    args = (encoder.default, json.encoder.encode_basestring_ascii if encoder.ensure_ascii else
            json.encoder.encode_basestring, None, encoder.key_separator, encoder.item_separator, encoder.sort_keys,
            encoder.skipkeys, encoder.allow_nan)
    circular, slow = encoder.check_circular, encoder.encode

    def encode(value: Any) -> str:
        if type(value) is not dict:
            return slow(value)
        return "".join(make({} if circular else None, *args)(value, 0))

    return encode


_COMPACT = one_shot(json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")))


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
