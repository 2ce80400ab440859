"""Model values: raw value -> family id (data/models.toml) -> the target dialect's spelling ([models])."""
from __future__ import annotations

import re
from fnmatch import fnmatchcase
from functools import cache

from .ir import Model
from .tools import _data


@cache
def _families() -> list[tuple[str, list[str]]]:
    return [(fam, [p.lower() for p in spec["match"]]) for fam, spec in _data("models.toml").items()]


@cache
def family(raw: str) -> str | None:
    """The family id of a raw model value, or None when no pattern matches."""
    low = raw.strip().lower()
    for fam, patterns in _families():
        if any(fnmatchcase(low, p) for p in patterns):
            return fam
    return None


def parse(raw: str) -> Model:
    return Model(raw, family(raw))


def spell(model: Model, table: dict) -> tuple[str | None, str]:
    """How ``table``'s dialect writes ``model``: (value or None, how) with how in
    ``kept`` (the raw value is valid there), ``mapped``, ``inherit`` (omitted: the default), ``unmapped``."""
    spec = table.get("model", {})
    pattern = spec.get("pattern")
    if pattern and re.match(pattern, model.raw) and (model.canonical != "inherit" or "inherit" in table.get("models", {})):
        return model.raw, "kept"
    if model.canonical == "inherit" and "inherit" not in table.get("models", {}):
        return None, "inherit"
    value = table.get("models", {}).get(model.canonical or "")
    return (value, "mapped") if value else (None, "unmapped")
