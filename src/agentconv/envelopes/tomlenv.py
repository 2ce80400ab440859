"""A whole TOML file is the record (Codex agents, Gemini commands): read with tomllib, written with tomli-w.

The prompt is one of the keys (``prompt_key`` in the dialect table). A file whose data is unchanged is
written back as it came; carried fields ride in a leading ``# agentconv-carry:`` comment.
"""
from __future__ import annotations

import re
from typing import Any

from .. import carry as side
from .. import jsontext, limits, rx
from ..errors import problem
from .frontmatter import CARRY_PREFIX, Layout, Parsed


SKELETON = True
"""A file's layout that a fresh write does not keep rides in the side channel (``carry.toml_skeleton``)."""
NEWLINES = ("\n", "\r\n")
"""TOML's line endings: a CR-only source (read as LF) is written with LF."""
_TOML_LINE = rx.compile(r"""^(?:[A-Za-z0-9_.-]+|"[^"\n]*")[ \t]*=[ \t]*\S|^\[[A-Za-z0-9_."-]+\][ \t]*$""", re.M)
# tomli-w writes every string as a basic string, where an escape means the same character: C1 controls and the
# Unicode line separators are escaped too (tomli-w escapes C0 and DEL itself).
_RAW = rx.compile("[\x80-\x9f\u2028\u2029]")


def sniff(text: str, path: str | None) -> bool:
    """Worth a TOML parse? (detection asks before parsing every markdown file as TOML)."""
    if path and path.lower().endswith(".toml"):
        return True
    return _TOML_LINE.search(text[:2000]) is not None


def parse(text: str, file: str | None = None, *, prompt_key: str = "prompt") -> Parsed:
    limits.check_size(text, "the TOML file", file)
    carry, carry_line, lines = None, None, text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(CARRY_PREFIX):
            carry, carry_line = side.decode(line[len(CARRY_PREFIX):]), i + 1
            lines[i] = ""
            break
    import tomllib  # here, not at the top: detection imports this module for every markdown file it reads

    try:
        data = tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise problem("toml-invalid", file=file, line=line, reason=str(exc).split(" (at line")[0]) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise problem("toml-unreadable", file=file, reason=str(exc).split(";")[0]) from None
    except RecursionError:
        raise problem("toml-too-deep", file=file, most=limits.MAX_DEPTH) from None
    data, coerced = limits.plain(data, file)
    had_prompt = prompt_key in data
    body = prompt_of(data, prompt_key, file, coerced)
    layout = Layout(has_header=True)
    layout.text, layout.data, layout.body = text, dict(data), body  # type: ignore[attr-defined]
    layout.had_prompt = had_prompt  # type: ignore[attr-defined]
    layout.verbatim = carry_line is None  # type: ignore[attr-defined]  # else the blanked line may not be TOML
    parsed = Parsed(data, body, layout, 1, carry=carry, carry_line=carry_line)
    parsed.coerced = coerced
    return parsed


def prompt_of(data: dict[str, Any], key: str, file: str | None, coerced: list[Any]) -> str:
    """Pop the prompt: text, a number or a boolean read as its text (noted), anything else refused."""
    value = data.pop(key, "")
    if value is None:  # JSON null: no prompt
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, dict)):
        raise problem("toml-value-not-text", file=file, key=key, type=type(value).__name__)
    text = str(value).lower() if isinstance(value, bool) else str(value)
    kind = "a boolean" if isinstance(value, bool) else "a number" if isinstance(value, (int, float)) else "a date"
    coerced.append(limits.Retyped(key, f"'{key}', {kind},", f"the text {text[:40]!r}"))  # as base._text says it
    return text


def render(mapping: dict[str, Any], body: str, layout: Layout | None = None, carry: dict[str, Any] | None = None, *,
           prompt_key: str = "prompt", required: bool = False) -> str:
    """``required``: the prompt key is written even when empty (Gemini commands), except into the file it came from,
    unchanged: a Gemini command without one (Gemini CLI skips it) comes back as it came, not as one that loads."""
    import tomli_w

    if layout is not None and getattr(layout, "data", None) == mapping and not carry:
        if getattr(layout, "body", None) == body and getattr(layout, "verbatim", False):
            return layout.text  # type: ignore[attr-defined]
    data = writable(mapping)
    data.pop(prompt_key, None)  # the prompt is the body, written once
    if body or required:
        data[prompt_key] = body
    skeleton = getattr(layout, "skeleton", None)  # written back into the first file's dialect: as it was laid out
    text = (skeleton and side.from_skeleton(skeleton, data)) or tomli_w.dumps(data, multiline_strings=True)
    if _RAW.search(text):
        text = _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if carry:
        text = CARRY_PREFIX + jsontext.dumps(carry, compact=True) + "\n" + text
    return text


def writable(value: Any) -> Any:
    """TOML has no null: a None value is left out (``unwritable`` names what that drops)."""
    if isinstance(value, dict):
        return {k: writable(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [writable(v) for v in value if v is not None]
    return value


def unwritable(mapping: dict[str, Any], prefix: str = "") -> list[str]:
    """The keys (dotted; ``key[]`` for list items) whose null values TOML cannot write."""
    out = []
    for k, v in mapping.items():
        where = f"{prefix}{k}"
        if v is None:
            out.append(where)
        elif isinstance(v, dict):
            out += unwritable(v, where + ".")
        elif isinstance(v, list):
            if any(x is None for x in v):
                out.append(where + "[]")
            for x in v:
                if isinstance(x, dict):
                    out += unwritable(x, where + "[].")
    return out
