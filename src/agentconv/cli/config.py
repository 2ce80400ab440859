"""``.agentconv.toml``: read, checked against its keys, with messages naming the file and the line."""
from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path
from typing import Any

from .. import limits
from ..errors import problem

NAME = ".agentconv.toml"
KEYS = {"from": str, "to": list, "allow_broaden": bool}
"""Every key and its type. ``to`` may also be one string (``to = "copilot"``) or a comma list."""


def load(repo: Path, warn: bool = True) -> dict[str, Any]:
    """The checked configuration of ``repo`` ({} without a file). A file TOML cannot read, or a value of the
    wrong type, is a UsageError (exit 2) naming FILE:LINE; an unknown key is a warning with a did-you-mean."""
    import tomllib

    path = repo / NAME
    try:
        text = limits.read_file(path).decode("utf-8")  # a FIFO is refused, never opened for reading
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, limits.LimitError) as exc:
        raise problem("config-unreadable", file=str(path), reason=getattr(exc, 'strerror', None) or exc) from None
    try:
        cfg = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)$", str(exc))
        raise problem("config-not-toml", file=str(path), line=int(m.group(1)) if m else None,
                      reason=re.sub(r" [(]at line .*$", "", str(exc))) from None
    for key, value in list(cfg.items()):
        line = _line(text, key)
        if key not in KEYS:
            near = difflib.get_close_matches(key, KEYS, n=1)
            if warn:  # one line: the file, the line, the key, the known keys (and the nearest of them)
                at = f"{path}:{line}" if line is not None else str(path)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                sys.stderr.write(f"agentconv: warning: {at}: unknown key {key!r} (known: {', '.join(KEYS)}){hint}\n")
            del cfg[key]
            continue
        if key == "to" and isinstance(value, str):
            value = cfg["to"] = [t.strip() for t in value.split(",") if t.strip()]
        if not isinstance(value, KEYS[key]) or key == "to" and not all(isinstance(t, str) for t in value):
            kind = KEYS[key]
            raise problem("config-not-text" if kind is str else "config-not-dialects" if kind is list else
                          "config-not-a-truth", file=str(path), line=line, key=key, value=value)
    return cfg


# A line's first key: bare, "basic" or 'literal', of a key/value line (`to = `, `'to' = `, `a.b = `) or of a table's
# header (`[a]`, `[a.b]`, `[[a]]`); a top-level key comes before any table, so its first line is the first match.
_FIRST_KEY = r"""[ \t]*(?:\[\[?[ \t]*)?("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[A-Za-z0-9_-]+)[ \t]*[.=\]]"""


def _line(text: str, key: str) -> int | None:
    """The line where the top-level ``key`` is first written (None: not found), skipping multi-line strings."""
    import tomllib

    inside = None  # the quotes of a multi-line string that a line before opened
    for n, row in enumerate(text.split("\n"), 1):
        if inside is None and (m := re.match(_FIRST_KEY, row)):  # re's own cache: compiled at the first use
            found = m.group(1)
            try:
                name = next(iter(tomllib.loads(f"{found} = 0"))) if found[0] in "\"'" else found
            except tomllib.TOMLDecodeError:
                name = None
            if name == key:
                return n
        for quotes in ('"""', "'''"):
            if row.count(quotes) % 2 and inside in (None, quotes):
                inside = None if inside else quotes
    return None
