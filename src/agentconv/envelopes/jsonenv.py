"""A whole JSON file is the record (Kiro / Amazon Q agents). No comments in JSON, so no side channel:
what the target cannot hold is reported only. Unchanged data is written back as it came."""
from __future__ import annotations

import json
from typing import Any

from .. import jsontext, limits
from ..errors import problem
from . import tomlenv
from .frontmatter import Layout, Parsed

SIDE_CHANNEL = False
"""JSON has no comments: a dialect of this envelope reports what it cannot hold as dropped, never carried."""


def sniff(text: str, path: str | None) -> bool:
    """Worth a JSON parse?"""
    return text.lstrip().startswith("{")


def load(text: str, file: str | None = None, *, syntax: str = "JSON", plain: str | None = None
         ) -> tuple[dict[str, Any], bool]:
    """The JSON object ``text`` holds (``plain``: the same text as plain JSON, for a superset such as JSONC), and
    whether a key was written twice; one clear error for anything else."""
    limits.check_size(text, "the JSON file", file)
    if not text.strip():  # no JSON value at all: the tool's JSON.parse fails, it loads nothing from the file
        raise problem("json-empty", file=file, line=1)
    try:
        data, twice = jsontext.loads(text if plain is None else plain)
    except json.JSONDecodeError as exc:
        raise problem("json-invalid", file=file, line=exc.lineno, syntax=syntax, reason=exc.msg) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise problem("json-unreadable", file=file, reason=str(exc).split(";")[0]) from None
    except RecursionError:
        raise problem("json-too-deep", file=file, most=limits.MAX_DEPTH) from None
    if not isinstance(data, dict):
        raise problem("json-not-an-object", file=file, line=1, type=type(data).__name__)
    return data, twice


def parse(text: str, file: str | None = None, *, prompt_key: str = "prompt") -> Parsed:
    data, twice = load(text, file)
    data, coerced = limits.plain(data, file)
    body = tomlenv.prompt_of(data, prompt_key, file, coerced)
    layout = Layout(has_header=True)
    layout.text, layout.data, layout.body = text, dict(data), body  # type: ignore[attr-defined]
    # a key written twice is written once; a value read as something else (NaN as 'nan') is written strictly
    layout.verbatim = not twice and not coerced  # type: ignore[attr-defined]
    parsed = Parsed(data, body, layout, 1)
    parsed.coerced = coerced
    return parsed


def render(mapping: dict[str, Any], body: str, layout: Layout | None = None, carry: dict[str, Any] | None = None, *,
           prompt_key: str = "prompt") -> str:
    if layout is not None and getattr(layout, "data", None) == mapping and getattr(layout, "body", None) == body:
        if getattr(layout, "verbatim", False) and jsontext.escape(layout.text) == layout.text:  # type: ignore[attr-defined]
            return layout.text  # type: ignore[attr-defined]
    data: dict[str, Any] = {}
    for key, value in mapping.items():  # the prompt goes after the description, where people look for it
        data[key] = value
        if key == "description" and body:
            data[prompt_key] = body
    if body and prompt_key not in data:
        data[prompt_key] = body
    return jsontext.dumps(data, indent=2) + "\n"
