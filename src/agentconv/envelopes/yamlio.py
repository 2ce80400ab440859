"""YAML in and out for frontmatter: ruamel's C-backed safe loader to read, a small exact emitter to write.

The emitter covers the flat shapes agent headers use (scalars, lists of scalars, one-level maps of
scalars) and hands anything deeper to ruamel. Every plain scalar it writes is one that reads back as
the same string under both YAML 1.2 and 1.1 resolvers (so ``on``, ``yes``, ``0o7``, ``1_000`` and dates
are quoted), because the tools that read our output use both.
"""
from __future__ import annotations

import io
import json
import warnings
from functools import lru_cache
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import jsontext, limits, rx
from . import yamlfast
from ..errors import problem

_loader = None


def load(text: str, file: str | None = None) -> Any:
    """Strict YAML 1.2 (safe types only). Raises ``ruamel.yaml.YAMLError`` subclasses on bad input, and
    ``limits.LimitError`` for text past the bounds (size, nesting) before any parser sees it.

    ruamel's C-backed ``CSafeLoader`` is used directly when ruamel.yaml.clib is installed: ``YAML().load``
    builds a fresh resolver per call, which made it 2.4 times slower on agent headers (same results;
    tests/test_units.py checks the two agree).
    """
    return read(text, file)[0]


def read(text: str, file: str | None = None) -> tuple[Any, bool]:
    """``load``, and whether the data is already what ``limits.plain`` would make of it: the fast path's (only JSON's
    types, nothing to note, three levels deep, at most two values per three characters of text and no more characters in
    its strings than in the text) when the text is short enough for that to be within the bounds."""
    limits.check_size(text, "the YAML header", file)
    limits.check_yaml_nesting(text, file)  # before any parser: the C one would overflow the C stack
    fast = yamlfast.load(text)  # the plain header (most of them), read without a parser: the same result
    if fast is None:
        return parsed(text, file), False
    return fast, (len(text) * 2 // 3 + 2 <= limits.MAX_NODES and len(text) <= limits.MAX_CHARS
                  and limits.MAX_DEPTH > 2)


def parsed(text: str, file: str | None = None) -> Any:
    """``load`` by ruamel, always (the bounds already checked)."""
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
    try:
        with warnings.catch_warnings():  # ruamel's own (a reused anchor, which YAML 1.2 allows): never printed to the
            warnings.simplefilter("ignore")  # user beside agentconv's one line; what is wrong is said by the error
            return _loader(text)
    except RecursionError:
        raise problem("yaml-too-deep", file=file, most=limits.MAX_DEPTH) from None
    except Exception as exc:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if "escape" in str(exc) and "\\u" in text.lower():
                return _paired(text, exc)
            return _pure(text, exc)


def _pure(text: str, error: Exception) -> Any:
    """What the C loader refused, read by ruamel's pure-Python loader, which follows YAML 1.2 where the libyaml ruamel
    builds on does not: a ``:`` inside a plain scalar in a flow collection (``after: [ring:dev-devops]``; YAML 1.2.2
    §7.3.3, a ``:`` followed by a non-space is part of the scalar), which the tools' parsers read as text (eemeli
    ``yaml`` 2.9.1, PyYAML 6.0.4 with libyaml 0.2.5 alike; checked 2026-11-27). Refused there too: the C loader's
    error, as before."""
    from ruamel.yaml import YAML

    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception:  # RecursionError too: the nesting was bounded before any parser ran
        raise error from None


def _paired(text: str, error: Exception) -> Any:
    """A double-quoted scalar holding a UTF-16 pair as two escapes (``"\\ud83d\\ude80"``, as JSON writers spell
    an emoji), which the C loader refuses: read as the character the pair stands for, as the tools' JavaScript YAML
    parsers do (eemeli/yaml ``resolve-flow-scalar.js`` ``parseCharCode``: ``String.fromCodePoint`` of each escape,
    two halves making one character; checked 2026-11-27). A half without its other half stays an error."""
    from ruamel.yaml import YAML

    def joined(v: Any) -> Any:
        if isinstance(v, str):
            return v.encode("utf-16-le", "surrogatepass").decode("utf-16-le") if _HALF.search(v) else v
        if isinstance(v, list):
            return [joined(x) for x in v]
        if isinstance(v, dict):
            return {joined(k): joined(x) for k, x in v.items()}
        return v

    try:
        return joined(YAML(typ="safe", pure=True).load(text))
    except (UnicodeError, RecursionError):
        raise error from None


_HALF = rx.compile("[\ud800-\udfff]")


def error_text(exc: Exception) -> str:
    """What a ruamel error says went wrong, in one line: its ``problem`` ("found duplicate key \"*\" ...", "did not
    find expected ',' or ']'"), not the first line of its text, which is often only the ``context`` it was found in
    ("while constructing a mapping", "while parsing a flow sequence") and names no fault."""
    problem = getattr(exc, "problem", None)
    return problem.strip() if isinstance(problem, str) and problem.strip() else (str(exc).splitlines() or [""])[0]


def error_line(exc: Exception) -> int | None:
    """The 0-based line a ruamel error points at, if any."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line if mark is not None else None


# Strings a YAML 1.1 or 1.2 resolver would turn into something else, or that start with an indicator.
_PLAIN_OK = rx.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")
_NON_STR = rx.compile(
    r"""(?xi)
    ~|null|y|n|yes|no|on|off|true|false|=|<<
    |[-+]?(?:\d[\d_]*)?(?:\.[\d_]*)?(?:e[-+]?\d+)?      # ints and floats, 1.1 underscores
    |[-+]?[\d_]+                                       # ruamel's int: _ and +_ too (then int('') fails)
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


SHORT = 64
"""Strings up to this length are written once and remembered (``_short``); a longer one (a description) each time."""


def _plain(s: str) -> bool:
    return _short(s) == s if len(s) <= SHORT else plain_ok(s)  # a quoted scalar is never the string itself


def _quoted(s: str) -> str:
    return jsontext.escape(json.dumps(s, ensure_ascii=False))  # a JSON string is a valid YAML double-quoted scalar


@lru_cache(maxsize=2048)
def _short(s: str) -> str:
    """A short string as a scalar, remembered: the keys, tool names, models and values that come back in every file."""
    return s if plain_ok(s) else _quoted(s)


_LONG: tuple[str | None, str] = (None, "")
"""The last long string written and its scalar (one entry): a record's description is written once per target.
Replaced whole, read once: a thread never pairs one string with another's scalar."""


def scalar(v: Any) -> str:
    """One scalar on one line (strings double-quoted with JSON escapes when plain is unsafe)."""
    global _LONG
    if type(v) is str:
        if len(v) <= SHORT:
            return _short(v)
        last = _LONG
        if v is last[0]:  # the very same string object: its scalar is the one written last
            return last[1]
        out = v if plain_ok(v) else _quoted(v)
        _LONG = (v, out)
        return out
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
    return s if plain_ok(s) else _quoted(s)


def _is_scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _block(s: str, indent: str) -> str | None:
    """A literal block scalar for multi-line text, when it can hold ``s`` exactly."""
    if "\n" not in s or not s.strip() or "\r" in s or not s.replace("\n", "").isprintable():
        return None
    first = next(line for line in s.split("\n") if line)
    if first[0] in " \t":
        return None  # would need an indentation indicator; a quoted string is exact and simpler
    body = s.rstrip("\n")
    trailing = len(s) - len(body)
    if trailing > 1:
        return None  # keep-chomping blocks are fragile across parsers
    lines = [(indent + line) if line else "" for line in body.split("\n")]
    return ("|-" if trailing == 0 else "|") + "\n" + "\n".join(lines)


_MARKER = rx.compile(r"(?:---|\.\.\.)(?:[ \t]|$)")
"""A document marker: a top-level key spelled so would start a line with it and end the header (YAML 1.2 §9.1.2;
VS Code's yaml.ts scanner alike), so such a key is quoted wherever it stands."""


def _key(k: Any) -> str:
    if type(k) is str and len(k) <= SHORT:
        return _short_key(k)
    if isinstance(k, str):
        return _quoted(k) if _MARKER.match(k) else k if _plain(k) else scalar(k)
    if _is_scalar(k):
        return scalar(k)
    raise TypeError(f"unsupported mapping key {k!r}")


@lru_cache(maxsize=2048)
def _short_key(k: str) -> str:
    """``_key`` of a short string, remembered (the same few keys in every file): exactly its general rule."""
    return _quoted(k) if _MARKER.match(k) else k if _plain(k) else scalar(k)


SIMPLE_KEY_MAX = 1024
"""YAML limits an implicit key to 1024 characters (YAML 1.2 §7.4.2, enforced by every scanner); a longer key is
written in the explicit form, ``? KEY`` then ``: VALUE``."""


def _prefix(k: Any, ind: int) -> str:
    """``KEY:`` for ``_node``, or the explicit ``? KEY`` / ``:`` form for a key too long to be implicit."""
    text = _key(k)
    return f"{text}:" if len(text) < SIMPLE_KEY_MAX else f"? {text}\n{' ' * ind}:"


def _node(prefix: str, value: Any, ind: int) -> str:
    """``prefix`` (``key:`` or ``-``) and its value, block style, at indent ``ind``; key order kept."""
    pad = " " * ind
    if isinstance(value, str) and "\n" in value:
        block = _block(value, pad + "  ")
        if block is not None:
            return f"{pad}{prefix} {block}\n"
    if _is_scalar(value):
        return f"{pad}{prefix} {scalar(value)}\n"
    if isinstance(value, dict):
        if not value:
            return f"{pad}{prefix} {{}}\n"
        return f"{pad}{prefix}\n" + "".join(_node(_prefix(k, ind + 2), v, ind + 2) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        if not value:
            return f"{pad}{prefix} []\n"
        return f"{pad}{prefix}\n" + "".join(_item(v, ind + 2) for v in value)
    raise TypeError(f"unsupported value {value!r}")


def _item(value: Any, ind: int) -> str:
    """One sequence entry: ``- scalar``, or a mapping whose first key shares the dash's line."""
    pad = " " * ind
    if isinstance(value, dict) and value:
        inner = "".join(_node(_prefix(k, ind + 2), v, ind + 2) for k, v in value.items())
        return pad + "- " + inner[ind + 2:]
    if isinstance(value, (list, tuple)) and value:
        inner = "".join(_item(v, ind + 2) for v in value)
        return pad + "- " + inner[ind + 2:]
    return _node("-", value, ind)


def dump_quoted(key: str, value: str, style: str) -> str | None:
    """``key: value`` with a one-line string in quotes of ``style`` (``"`` or ``'``), as a source wrote that field;
    None where that style cannot hold it as it is (a line break, a control character in single quotes)."""
    if type(key) is not str or type(value) is not str or "\n" in value or "\r" in value:
        return None
    if style == '"':
        return f"{_key(key)}: {_quoted(value)}\n"
    if style == "'" and value.isprintable():
        return f"{_key(key)}: '{value.replace(chr(39), chr(39) * 2)}'\n"
    return None


def dump_styled(key: str, value: Any, style: str) -> str | None:
    """``key: value`` spelled as ``style`` says (``"`` or ``'``: ``dump_quoted``; ``[]``: a list of one-line strings as
    one flow list, ``key: [a, "b, c"]``; ``['']`` or ``[""]``: one flow list of items each in those quotes, ``key: ['a',
    'b']``, as Copilot prompts spell their tools; ``-``: a block list, a ``  - item`` line each; read back here to the
    same value); None where that style cannot hold it."""
    if style[:1] not in "[-":
        return dump_quoted(key, value, style)
    if type(key) is not str or type(value) is not list or not value or not all(
            type(v) is str and v.isprintable() for v in value):
        return None
    if style == "-":  # a block list, as dump_field writes one
        text = dump_field(key, value)
        return text if load(text) == {key: value} else None
    if style == "['']":
        items = ["'" + v.replace("'", "''") + "'" for v in value]
    elif style == '[""]':
        items = [_quoted(v) for v in value]
    else:
        items = [v if plain_ok(v) and not any(c in v for c in ",[]{}") else _quoted(v) for v in value]
    text = f"{_key(key)}: [{', '.join(items)}]\n"
    try:
        return text if load(text) == {key: value} else None
    except Exception:  # noqa: BLE001 - a spelling the reader refuses: not this style
        return None


def dump_field(key: str, value: Any) -> str:
    """``key: value`` as YAML text ending in a newline (types beyond JSON's go through ruamel)."""
    if type(key) is str and len(key) <= SHORT:  # the common shapes, as _node writes them (tests/test_emitter.py);
        kind = type(value)  # a short key or string as ``_key`` and ``scalar`` write it: ``_short_key``, ``_short``
        if kind is str and "\n" not in value:
            return f"{_short_key(key)}: {_short(value) if len(value) <= SHORT else scalar(value)}\n"
        if kind is list and value and all(type(v) is str and "\n" not in v for v in value):
            return f"{_short_key(key)}:\n" + "".join([f"  - {_short(v) if len(v) <= SHORT else scalar(v)}\n"
                                                      for v in value])
        if kind is dict and value and all(type(k) is str and len(k) <= SHORT and type(v) is str and "\n" not in v
                                          for k, v in value.items()):
            return f"{_short_key(key)}:\n" + "".join([f"  {_short_key(k)}: {_short(v) if len(v) <= SHORT else scalar(v)}\n"
                                                      for k, v in value.items()])
    try:
        return _node(_prefix(key, 0), value, 0)
    except TypeError:
        return _ruamel_dump({key: value})


def _ruamel_dump(data: dict[str, Any]) -> str:
    from ruamel.yaml import YAML

    y = YAML(typ="safe", pure=True)
    y.default_flow_style = False
    y.allow_unicode = True
    y.width = 4096
    y.representer.sort_base_mapping_type_on_output = False  # key order is meaning (OpenCode: last match wins)
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def dump(mapping: dict[str, Any]) -> str:
    """A whole mapping, key order kept."""
    return "".join(dump_field(k, v) for k, v in mapping.items())
