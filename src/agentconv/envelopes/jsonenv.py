"""A whole JSON file is the record (Kiro / Amazon Q agents). No comments in JSON, so no side channel:
what the target cannot hold is reported only. Unchanged data is written back as it came."""
from __future__ import annotations

import json

from ..errors import ParseError
from .frontmatter import Layout, Parsed


def sniff(text: str, path: str | None) -> bool:
    """Worth a JSON parse?"""
    return text.lstrip().startswith("{")


def parse(text: str, file: str | None = None, *, prompt_key: str = "prompt") -> Parsed:
    try:
        data = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc.msg}", file=file, line=exc.lineno) from None
    if not isinstance(data, dict):
        raise ParseError(f"the file holds a JSON {type(data).__name__}, not an object", file=file, line=1)
    body = data.pop(prompt_key, "") if isinstance(data.get(prompt_key, ""), str) else ""
    layout = Layout(has_header=True)
    layout.text, layout.data = text, dict(data)  # type: ignore[attr-defined]
    return Parsed(data, body, layout, 1)


def render(mapping: dict, body: str, layout: Layout | None = None, carry: dict | None = None, *,
           prompt_key: str = "prompt") -> str:
    if layout is not None and getattr(layout, "data", None) == mapping:
        if json.loads(layout.text).get(prompt_key, "") == body:  # type: ignore[attr-defined]
            return layout.text  # type: ignore[attr-defined]
    data: dict = {}
    for key, value in mapping.items():  # the prompt goes after the description, where people look for it
        data[key] = value
        if key == "description" and body:
            data[prompt_key] = body
    if body and prompt_key not in data:
        data[prompt_key] = body
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
