"""Model values: raw value -> parsed ``Model`` (data/models.toml) -> the target dialect's spelling ([model]).

Writing follows four rules, in order (``spell``):

1. ``inherit`` is the target's ``inherit`` spelling, or omitted (it is the default everywhere).
2. A floating alias (``sonnet``, Gemini CLI's ``auto``) is the target's spelling of the same alias, or nothing:
   an alias is never pinned to a version.
3. A value the target takes as written (``[model] passthrough``: Claude Code any ``claude-*`` id, OpenCode any
   ``provider/id``, Gemini CLI ``gemini-*``, Codex OpenAI ids) is kept exactly: as written, without its route,
   or with the target's route (``[model] prefix``, OpenCode ``{provider}/``) when it is the vendor's own API id.
4. Otherwise the target's spelling of the same version key (``[model.version]``, or the vendor's API id from
   models.toml ``[api]`` for the vendors in ``[model] api``), or nothing.

Where the target lists the models a provider offers (``[model.known]``, OpenCode's offline list), a value for that
provider that the list lacks is not written (the tool would refuse it), unless it comes from the same tool.

A value is never written as another version; what cannot be written is omitted and reported by the caller.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from . import rx
from .ir import Model
from .tables import builtin

_PREFIX = rx.compile(r"(?P<route>(?:[A-Za-z0-9][\w.-]*/)+)(?P<bare>.+)")
_SUFFIX = rx.compile(r"(?P<bare>.+?) (?P<route>\((?!preview\))[A-Za-z][\w-]*\))", re.IGNORECASE)
_ID = rx.compile(r"[a-z0-9][a-z0-9._:@\[\]-]*")
_PART = rx.compile(r"\{(-?)(\w+)\}")


@dataclass(frozen=True)
class _Reader:
    """One ``[[read]]`` row of models.toml: which model names it recognises and what it makes of them."""

    vendor: str
    """The vendor the names belong to (``anthropic``, ``openai``, ...)."""
    family: str | None
    """The family of every name the row matches, where its pattern captures none (``gpt``)."""
    pattern: re.Pattern[str]
    """The row's ``re``, compiled: a name it matches whole is this row's."""
    api: bool
    """True when the names are the vendor's API ids rather than a tool's own spellings."""
    key: str
    """The version key's template (``claude-{family}-{version}{variant}``), filled from a match's parts."""


@cache
def _readers() -> list[_Reader]:
    return [_Reader(r["vendor"], r.get("family"), rx.compile(r["re"]), r.get("api", False), r["key"])
            for r in builtin("models.toml")["read"]]


def catalogue() -> dict[str, Any]:
    """models.toml as data (aliases, vendors, readers, API ids)."""
    return builtin("models.toml")


def _alias_of(raw: str, table: dict[str, Any] | None) -> str | None:
    if raw.strip().lower() in ("inherit", "default"):
        return "inherit"
    for alias, spelling in (table or {}).get("model", {}).get("alias", {}).items():
        if raw == spelling:
            return alias
    return next((alias for alias, spec in catalogue()["alias"].items() if spec.get("anywhere") == raw), None)


def _split_route(raw: str) -> tuple[str | None, str]:
    for rx in (_PREFIX, _SUFFIX):
        m = rx.fullmatch(raw)
        if m:
            return m["route"], m["bare"]
    return None, raw


def _version(text: str) -> str:
    version = text.replace("-", ".")
    return version[:-2] if version.endswith(".0") else version


@cache
def _parse(raw: str, aliases: tuple[tuple[str, str], ...]) -> Model:
    text = raw.strip()
    alias = _alias_of(text, {"model": {"alias": dict(aliases)}})
    if alias:
        spec = catalogue()["alias"].get(alias, {})
        return Model(raw, spec.get("vendor"), spec.get("family"), None, alias, spec.get("variant"))
    route, bare = _split_route(text)
    for reader in _readers():
        m = reader.pattern.fullmatch(bare)
        if m:
            g = {k: v for k, v in m.groupdict().items() if v}
            family = (g.get("family") or g.get("family2") or reader.family or "").lower() or None
            variant = g.get("variant", "").lower().replace(" ", "-") or None
            snapshot = g.get("snapshot", "").lower() or None
            return Model(raw, reader.vendor, family, _version(g.get("version") or g["version2"]), None, variant,
                         snapshot, route)
    return Model(raw, route=route)


def _own(model: Model, raw: str | None = None) -> Model:
    """The caller's own copy of ``_parse``'s shared ``model`` (a Model is mutable: ``agent.model``), with ``raw`` where
    given: what ``dataclasses.replace`` gives, the fields copied as they are, at a quarter of its cost."""
    new = object.__new__(Model)
    new.__dict__.update(model.__dict__)
    if raw is not None:
        new.raw = raw
    return new


def parse(raw: str, table: dict[str, Any] | None = None) -> Model:
    """``raw`` as read by the dialect of ``table`` (its [model.alias] spellings, models.toml [means]), or by any
    dialect (a spelling one tool means its own way is then not understood)."""
    aliases = tuple((table or {}).get("model", {}).get("alias", {}).items())
    means = catalogue()["means"].get(raw.strip())
    if means is not None:
        return _own(_parse(means["id"], aliases), raw) if (table or {}).get("id") == means["in"] else Model(raw)
    return _own(_parse(raw, aliases))


def read_back(raw: str, visible: Model | None) -> Model:
    """``raw`` as the side channel gives it back beside the file's ``visible`` model: the reading of some dialect
    that names that model (``gemini-3-flash`` is Gemini 3.5 Flash where it came from), else as read by any dialect."""
    means = catalogue()["means"].get(raw.strip())
    there = _own(_parse(means["id"], ()), raw) if means is not None else None
    return there if there is not None and visible is not None and same(there, visible) else parse(raw)


def _reader(model: Model) -> _Reader | None:
    _, bare = _split_route(model.raw.strip())
    return next((r for r in _readers() if r.pattern.fullmatch(bare)), None) if model.version else None


def key(model: Model) -> str | None:
    """The version key (``claude-sonnet-4.5``, ``gpt-5.3-codex``), or None for an alias or unknown value."""
    reader = _reader(model)
    if reader is None:
        return None
    parts = {"family": model.family or "", "version": model.version or "", "variant": model.variant or ""}

    def fill(m: re.Match) -> str:
        value = parts[m[2]]
        return f"-{value}" if m[1] and value and not value.startswith("[") else value
    return _PART.sub(fill, reader.key)


def same(a: Model, b: Model) -> bool:
    """``a`` and ``b`` name the same model: the same alias, or the same vendor, family, version and variant."""
    return (a.alias, a.vendor, a.family, a.version, a.variant) == (b.alias, b.vendor, b.family, b.version, b.variant)


def _bare(model: Model) -> str:
    return _split_route(model.raw.strip())[1]


def _api(model: Model, reader: _Reader | None) -> bool:
    """``model`` is spelled as its vendor's API id: a pattern of API ids reads it and, where models.toml [api] names
    the id of its version, it is that id or a dated snapshot of it (``claude-sonnet-4`` is Foundry's name for Sonnet 4,
    whose API id is ``claude-sonnet-4-0``)."""
    if reader is None or not reader.api:
        return False
    listed = catalogue()["api"].get(key(model) or "")
    return listed is None or model.snapshot is not None or _bare(model) == listed


def retired(model: Model) -> str | None:
    """The date the vendor's API retired ``model``'s version (models.toml [retired]), or None."""
    return catalogue()["retired"].get(key(model) or "")


def _resolves(value: str, spec: dict[str, Any], model: Model | None = None) -> bool:
    """The target runs ``value`` (naming ``model``): its offline model list (``[model.known]``: provider -> ids) has
    it, or does not cover its provider (a provider the user configures names its own models), and, where the tool
    calls the vendor's API (``live``), that API has not retired the version."""
    route, bare = _split_route(value)
    ids = spec.get("known", {}).get((route or "").rstrip("/"))
    return (ids is None or bare in ids) and not (spec.get("live") and retired(model or parse(value)))


def spell(model: Model, table: dict[str, Any], same_tool: bool = False, own_ids: bool = False
          ) -> tuple[str | None, str]:
    """How ``table``'s dialect writes ``model``: (value or None, how) with how in ``kept`` (as written),
    ``passed`` (the same id, route changed), ``mapped`` (the target's spelling of the same version or alias),
    ``inherit`` (omitted: the default), ``no-alias`` (an alias the target has not) or ``unmapped``. ``own_ids``: the
    value comes from a tool whose ids are its own names (``[model] own_ids``, Cursor's ``gpt-5.4-high``), so one that
    no pattern reads names nothing another tool runs: never passed on as written."""
    value, how = _spell(model, table, same_tool, own_ids)
    if value is None and same_tool and how in ("no-alias", "unmapped"):
        # what a user of the same tool wrote, read by the same code (a Copilot prompt's model into a Copilot agent:
        # VS Code resolves both through one model list), means there what it meant: kept as written, never dropped
        # because this table does not list it (a retired or new model fails or falls back alike in both files)
        return model.raw, "kept"
    return value, how


def _spell(model: Model, table: dict[str, Any], same_tool: bool, own_ids: bool) -> tuple[str | None, str]:
    spec = table.get("model", {})
    if model.alias:
        value = spec.get("alias", {}).get(model.alias)
        if value is not None:
            return value, "kept" if value == model.raw else "mapped"
        return None, "inherit" if model.alias == "inherit" else "no-alias"
    passthrough = spec.get("passthrough")
    if passthrough:
        bare = _bare(model)
        reader = _reader(model)
        # ``passthrough_api``: the tool sends the id to the vendor's API, so as written only the vendor's own id (or
        # one no pattern reads), or what a user of the same tool wrote (``same_tool``: a Claude agent's model into a
        # Claude command); another tool's look-alike (claude-4-sonnet) names a version, spelled the target's way
        api_id = (not own_ids) if reader is None else (_api(model, reader) if spec.get("passthrough_api") else
                                                       reader.api)
        own = same_tool or (not spec.get("passthrough_api") or api_id) and not (own_ids and reader is None)
        candidates = [model.raw] if own else []
        if _ID.fullmatch(bare) and api_id:
            candidates.append(bare)
            provider = catalogue()["vendor"].get(model.vendor or "", {}).get("provider")
            if spec.get("prefix") and provider and reader is not None:
                candidates.append(spec["prefix"].format(provider=provider) + bare)
        for value in candidates:
            if (rx.compile(passthrough).fullmatch(value) and (same_tool or _resolves(value, spec, model))
                    and (model.version is None or same(parse(value, table), model))):  # not read as another version
                return value, "kept" if value == model.raw else "passed"
    k = key(model)
    value = spec.get("version", {}).get(k or "")
    if value is None and k and model.vendor in spec.get("api", []):
        api = catalogue()["api"].get(k)
        if api:
            value = spec.get("prefix", "").format(provider=catalogue()["vendor"][model.vendor]["provider"]) + api
    if value and not (same_tool or _resolves(value, spec, model)):
        value = None  # the tool would answer "model not found": reported, never another version
    return (value, "kept" if value == model.raw else "mapped") if value else (None, "unmapped")


def known(value: str, table: dict[str, Any]) -> bool:
    """``value`` names a model the dialect of ``table`` lists: one of its aliases, an id it passes through (and its
    provider's list has, ``[model.known]``), or a version it spells (by any spelling of that version: VS Code also finds a name without its ``(copilot)``)."""
    spec = table.get("model", {})
    model = parse(value, table)
    if model.alias:
        return model.alias in spec.get("alias", {})
    if spec.get("passthrough") and rx.compile(spec["passthrough"]).fullmatch(value):
        return _resolves(value, spec, model)  # OpenCode: "Model not found"; Claude Code: a retired model fails
    k = key(model)
    return bool(k) and (k in spec.get("version", {}) or (model.vendor in spec.get("api", []) and k in catalogue()["api"]))
