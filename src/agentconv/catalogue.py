"""What ``agentconv dialects`` lists: every dialect with what it can express, and the package formats (whole
folders of records: which read, which write, and the records and clients each holds). The CLI renders it."""
from __future__ import annotations

from typing import Any

_FIELDS = [("name", "name"), ("display_name", "title"), ("description", "description"), ("model", "model"),
           ("role", "mode"), ("params.temperature", "temperature"), ("params.max_turns", "max turns"),
           ("params.effort", "effort"), ("metadata.color", "color")]


def dialect_row(d: Any) -> dict[str, Any]:
    """One dialect: its id, title, tool field's shape, whether it can deny or hold patterns, the fields it holds,
    where it lives, its documentation and aliases."""
    t = d.table
    held = set(t.get("fields", {}).values())
    shape = t.get("tools_shape", "none")
    return {
        "id": d.id,
        "title": t.get("title", d.id) + (f" (legacy: {r['tool']} {r['since']}+ loads none)"
                                         if (r := t.get("retired")) else ""),
        "tools": shape,
        "deny": "tools.deny" in held or shape == "permission",
        "patterns": shape in ("comma", "permission"),
        "fields": [label for path, label in _FIELDS if path in held or (path == "name" and t.get("name"))],
        "path": t.get("layout", {}).get("path"),
        "doc": t.get("doc"),
        "aliases": t.get("aliases", []),
    }


def describe() -> dict[str, Any]:
    """``dialects``: one row per registered dialect; ``packages``: one per package format; ``broken``: the
    plugins not loaded, and why."""
    from . import packages, registry

    rows = [dialect_row(d) for d in registry.all_dialects()]
    return {"dialects": rows, "packages": packages.describe(), "broken": registry.broken()}
