"""YAML in and out for frontmatter: ruamel's C-backed safe loader to read, a small exact emitter to write.

The emitter covers the flat shapes agent headers use (scalars, lists of scalars, one-level maps of
scalars) and hands anything deeper to ruamel. Every plain scalar it writes is one that reads back as
the same string under both YAML 1.2 and 1.1 resolvers (so ``on``, ``yes``, ``0o7``, ``1_000`` and dates
are quoted), because the tools that read our output use both.
"""
from __future__ import annotations

import io
import json
import re
from typing import Any

_loader = None


def load(text: str) -> Any:
    """Strict YAML 1.2 (safe types only). Raises ``ruamel.yaml.YAMLError`` subclasses on bad input.

    ruamel's C-backed ``CSafeLoader`` is used directly when ruamel.yaml.clib is installed: ``YAML().load``
    builds a fresh resolver per call, which made it 2.4 times slower on agent headers (same results;
    tests/test_units.py checks the two agree).
    """
    global _loader
    if _loader is None:
        try:
            from ruamel.yaml.cyaml import CSafeLoader

            def _c(s: str) -> Any:
                loader = CSafeLoader(s)
                try:
                    return loader.get_single_data()
                finally:
                    loader.dispose()

            _loader = _c
        except ImportError:  # no C extension: the pure-Python safe loader
            from ruamel.yaml import YAML

            _loader = YAML(typ="safe", pure=True).load
    return _loader(text)


def error_line(exc: Exception) -> int | None:
    """The 0-based line a ruamel error points at, if any."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line if mark is not None else None


# Strings a YAML 1.1 or 1.2 resolver would turn into something else, or that start with an indicator.
_PLAIN_OK = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")
_NON_STR = re.compile(
    r"""(?xi)
    ~|null|y|n|yes|no|on|off|true|false|=|<<
    |[-+]?(?:\d[\d_]*)?(?:\.[\d_]*)?(?:e[-+]?\d+)?      # ints and floats, 1.1 underscores
    |[-+]?0[box]?[\d_a-f]+|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?   # bases, sexagesimal
    |[-+]?\.(?:inf)|\.nan
    |\d{4}-\d\d?-\d\d?(?:[Tt\s]+.*)?                    # timestamps
    """
)


def plain_ok(s: str) -> bool:
    """True when ``s`` can be written as a plain scalar and read back as the same string."""
    return (
        bool(s)
        and _PLAIN_OK.fullmatch(s) is not None
        and s == s.strip()
        and ": " not in s
        and " #" not in s
        and not s.endswith(":")
        and "\t" not in s
        and _NON_STR.fullmatch(s) is None
        and s.isprintable()
    )


def scalar(v: Any) -> str:
    """One scalar on one line (strings double-quoted with JSON escapes when plain is unsafe)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v) if v == v and v not in (float("inf"), float("-inf")) else json.dumps(v)
    s = str(v)
    if plain_ok(s):
        return s
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _is_scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _block(s: str, indent: str) -> str | None:
    """A literal block scalar for multi-line text, when it can hold ``s`` exactly."""
    if "\n" not in s or not s.strip() or s[0] in " \t" or "\r" in s or not s.replace("\n", "").isprintable():
        return None
    body = s.rstrip("\n")
    trailing = len(s) - len(body)
    if trailing > 1:
        return None  # keep-chomping blocks are fragile across parsers; a quoted string is exact
    lines = [(indent + line) if line else "" for line in body.split("\n")]
    return ("|-" if trailing == 0 else "|") + "\n" + "\n".join(lines)


def dump_field(key: str, value: Any) -> str:
    """``key: value`` as YAML text ending in a newline."""
    k = scalar(key) if not isinstance(key, str) or not plain_ok(key) else key
    if isinstance(value, str) and "\n" in value:
        block = _block(value, "  ")
        if block is not None:
            return f"{k}: {block}\n"
    if _is_scalar(value):
        return f"{k}: {scalar(value)}\n"
    if isinstance(value, list) and all(_is_scalar(v) and not (isinstance(v, str) and "\n" in v) for v in value):
        if not value:
            return f"{k}: []\n"
        return f"{k}:\n" + "".join(f"  - {scalar(v)}\n" for v in value)
    if isinstance(value, dict) and value and all(
        isinstance(kk, str) and _is_scalar(vv) and not (isinstance(vv, str) and "\n" in vv) for kk, vv in value.items()
    ):
        return f"{k}:\n" + "".join(f"  {scalar(kk) if not plain_ok(kk) else kk}: {scalar(vv)}\n" for kk, vv in value.items())
    if isinstance(value, dict) and not value:
        return f"{k}: {{}}\n"
    return _ruamel_dump({key: value})


def _ruamel_dump(data: dict) -> str:
    from ruamel.yaml import YAML

    y = YAML(typ="safe", pure=True)
    y.default_flow_style = False
    y.allow_unicode = True
    y.width = 4096
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def dump(mapping: dict) -> str:
    """A whole mapping, key order kept."""
    return "".join(dump_field(k, v) for k, v in mapping.items())
