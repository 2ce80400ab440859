"""Byte layouts. Each module has ``parse(text, file) -> Parsed`` and ``render(mapping, body, layout, carry)``;
a dialect names its envelope in its table (``envelope = "toml"``), frontmatter by default."""
from importlib import import_module

NAMES = {"frontmatter": "frontmatter", "toml": "tomlenv", "json": "jsonenv", "plain": "frontmatter"}


def get(name: str):
    return import_module(f"{__name__}.{NAMES.get(name, name)}")
