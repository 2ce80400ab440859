"""Strict reading of what agentconv writes: split a header off and load it with ruamel's safe loader."""
from __future__ import annotations

from ruamel.yaml import YAML

_C = YAML(typ="safe")
_PURE = YAML(typ="safe", pure=True)


def split(text: str) -> tuple[str, str]:
    """(header YAML, body) of a file that starts with a '---' header; fails the test otherwise."""
    assert text.startswith("---\n"), f"no header: {text[:60]!r}"
    end = text.find("\n---\n", 3)
    assert end >= 0, "header not closed"
    return text[4:end + 1], text[end + 5:]


def header(text: str) -> dict:
    """The header mapping, loaded strictly by both the C and the pure-python safe loaders (which must agree)."""
    head, _ = split(text)
    data = _C.load(head) if head.strip() else {}
    pure = _PURE.load(head) if head.strip() else {}
    assert data == pure, "C and pure-python loaders disagree"
    data = {} if data is None else data
    assert isinstance(data, dict), f"header is a {type(data).__name__}"
    return data


def load(text: str):
    return _PURE.load(text)
