"""IR paths (``metadata.avatar``, ``extensions.claude.color``, ``tools``): get and set on an Agent."""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .ir import Agent, Grant, Model, ToolPolicy

_DICTS = ("params", "metadata", "extensions")


def get(agent: Agent, path: str) -> Any:
    """The plain-data value at ``path`` (dataclasses as dicts), or None."""
    head, _, rest = path.partition(".")
    value = getattr(agent, head, None)
    if head in _DICTS:
        for part in rest.split(".", 1 if head == "extensions" else 0) if rest else []:
            value = value.get(part) if isinstance(value, dict) else None
        return value
    if head == "tools":  # by hand: dataclasses.asdict deep-copies and is the slowest thing on this path
        return {"mode": value.mode, "grants": [{"raw": g.raw, "canonical": g.canonical, "decision": g.decision,
                                                "pattern": g.pattern} for g in value.grants]}
    if head == "model":
        return {"raw": value.raw} if value else None  # the rest is read again from it
    return value


def put(agent: Agent, path: str, value: Any) -> None:
    """Set ``path`` from plain data (the inverse of ``get``)."""
    head, _, rest = path.partition(".")
    if head == "tools":
        value = value or {}
        agent.tools = ToolPolicy(value.get("mode", "inherit"), [Grant(**g) for g in value.get("grants", [])])
    elif head == "model":
        agent.model = Model.from_dict(value) if isinstance(value, dict) else None
    elif head in _DICTS:
        target = getattr(agent, head)
        one = bool(rest)  # metadata.KEY, or extensions.NS.KEY (KEY may be "": a header key written as "")
        if head == "extensions":
            ns, dot, key = rest.partition(".")
            target = target.setdefault(ns, {})
            rest, one = key, bool(dot)
        if one:
            target[rest] = value
        else:
            target.clear()
            target.update(value or {})
    else:
        setattr(agent, head, value)


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or value == {"mode": "inherit", "grants": []}
