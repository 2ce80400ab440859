"""Byte layouts. Each module has ``parse(text, file) -> Parsed`` and ``render(mapping, body, layout, carry)``; one
that keeps many records in a file also ``split`` and ``join`` (``records``). A dialect names its envelope in its table
(``envelope = "toml"``), frontmatter by default."""
from importlib import import_module
from types import ModuleType

NAMES = {"frontmatter": "frontmatter", "toml": "tomlenv", "json": "jsonenv", "plain": "plain", "roomodes": "roomodes",
         "opencodejson": "opencodejson"}
SPLIT_AS_FRONTMATTER = frozenset({"frontmatter", "plain"})
"""The layouts whose text detection sees through frontmatter's split (plain markdown: no header, ``plain.HEADERLESS``),
told by name so detection imports no other layout's module until a file without a header needs it."""


def get(name: str) -> ModuleType:
    """The envelope module for a table's ``envelope`` name."""
    return import_module(f"{__name__}.{NAMES.get(name, name)}")
