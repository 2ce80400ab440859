"""A whole TOML file is the record (Codex agents, Gemini commands): read with tomllib, written with tomli-w.

The prompt is one of the keys (``prompt_key`` in the dialect table). A file whose data is unchanged is
written back as it came; carried fields ride in a leading ``# agentconv-carry:`` comment.
"""
from __future__ import annotations

import json
import re
import tomllib

from .. import carry as side
from ..errors import ParseError
from .frontmatter import CARRY_PREFIX, Layout, Parsed


_TOML_LINE = re.compile(r"""^(?:[A-Za-z0-9_.-]+|"[^"\n]*")[ \t]*=[ \t]*\S|^\[[A-Za-z0-9_."-]+\][ \t]*$""", re.M)


def sniff(text: str, path: str | None) -> bool:
    """Worth a TOML parse? (detection asks before parsing every markdown file as TOML)."""
    if path and path.lower().endswith(".toml"):
        return True
    return _TOML_LINE.search(text[:2000]) is not None


def parse(text: str, file: str | None = None, *, prompt_key: str = "prompt") -> Parsed:
    carry, carry_line, lines = None, None, text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(CARRY_PREFIX):
            carry, carry_line = side.decode(line[len(CARRY_PREFIX):]), i + 1
            lines[i] = ""
            break
    try:
        data = tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ParseError(f"not valid TOML: {str(exc).split(' (at line')[0]}", file=file, line=line) from None
    body = data.pop(prompt_key, "") if isinstance(data.get(prompt_key, ""), str) else ""
    layout = Layout(has_header=True)
    layout.text, layout.data = text, dict(data)  # type: ignore[attr-defined]
    return Parsed(data, body, layout, 1, carry=carry, carry_line=carry_line)


def render(mapping: dict, body: str, layout: Layout | None = None, carry: dict | None = None, *,
           prompt_key: str = "prompt") -> str:
    import tomli_w

    if layout is not None and getattr(layout, "data", None) == mapping and not carry:
        original = layout.text  # type: ignore[attr-defined]
        if tomllib.loads(original).get(prompt_key, "") == body:
            return original
    data = dict(mapping)
    if body:
        data[prompt_key] = body
    text = tomli_w.dumps(data, multiline_strings=True)
    if carry:
        text = CARRY_PREFIX + json.dumps(carry, ensure_ascii=False, separators=(",", ":")) + "\n" + text
    return text
