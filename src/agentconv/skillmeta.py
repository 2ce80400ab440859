"""A skill's ``agents/openai.yaml``, as Codex reads it (``codex.toml [skill_metadata]``): beside a SKILL.md, optional,
read "fail open" (any error ignores the whole file). Its ``policy.allow_implicit_invocation: false`` is Codex's way of
saying only the user runs the skill (by ``$NAME``): read as the skill dialect's ``disable-model-invocation: true``
(``dialects.skill``), and written for a skill or command only the user runs that is routed to Codex (``routing``)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from . import limits, registry
from .loss import sentence

_SCALARS = (str, int, float, bool, date, datetime)


@dataclass(frozen=True)
class Metadata:
    """What Codex makes of one ``agents/openai.yaml``."""

    user_only: bool
    """``policy.allow_implicit_invocation`` is false, and Codex reads the file: its model is not shown the skill."""
    says: bool
    """The file says ``allow_implicit_invocation: false`` (in force or not)."""
    problem: str | None
    """Why Codex ignores the whole file (its loader fails open), None when it reads it."""


def rules() -> dict[str, Any]:
    return registry.get("codex").table["skill_metadata"]


def beside(skill: str) -> str:
    """The path of the ``agents/openai.yaml`` of the skill whose SKILL.md is at ``skill``."""
    return os.path.join(os.path.dirname(skill), *rules()["file"].split("/"))


def read(skill: str) -> tuple[Metadata, bytes] | None:
    """The ``agents/openai.yaml`` beside the SKILL.md at ``skill`` (a path on disk) and what Codex makes of it; None
    when there is none, or it cannot be read (Codex then reads none either)."""
    path = beside(skill)
    if not os.path.isfile(path):
        return None
    try:
        data = limits.read_file(path)
    except (OSError, limits.LimitError):
        return None
    return read_bytes(data), data


def read_bytes(data: bytes) -> Metadata:
    from .envelopes import yamlio

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return Metadata(False, b"allow_implicit_invocation" in data, sentence("skill-meta-not-utf8"))
    says = re.search(r"^\s*allow_implicit_invocation[ \t]*:[ \t]*(!!bool[ \t]+)?([\"']?)(false|False|FALSE)\2[ \t]*(#.*)?$",
                     text, re.M)
    try:
        parsed = yamlio.load(text.removeprefix("\ufeff"))
    except Exception as exc:  # noqa: BLE001 - ruamel's errors, a limit: Codex's serde_yaml refuses these too
        return Metadata(False, says is not None, sentence("skill-meta-not-yaml", error=str(exc).splitlines()[0]))
    problem = _shape(parsed)
    policy = parsed.get("policy") if isinstance(parsed, dict) else None
    off = isinstance(policy, dict) and policy.get("allow_implicit_invocation") is False
    return Metadata(off and problem is None, says is not None or off, problem)


def _shape(data: Any) -> str | None:
    """Why Codex's serde_yaml would refuse ``data`` as its SkillMetadataFile (unknown keys are ignored), or None."""
    if data is None:
        return None
    if not isinstance(data, dict):
        return sentence("skill-meta-not-mapping")
    r = rules()
    for key in ("interface", "dependencies", "policy"):
        if data.get(key) is not None and not isinstance(data[key], dict):
            return sentence("skill-meta-key-not-mapping", key=key)
    interface = data.get("interface") or {}
    for field in r["interface"]:
        if interface.get(field) is not None and not isinstance(interface[field], _SCALARS):
            return sentence("skill-meta-interface-not-text", field=field)
    tools = (data.get("dependencies") or {}).get("tools")
    if tools is not None and not isinstance(tools, list):
        return sentence("skill-meta-tools-not-list")
    for tool in tools or ():
        if not isinstance(tool, dict):
            return sentence("skill-meta-tool-not-mapping")
        if any(tool.get(f) is not None and not isinstance(tool[f], _SCALARS) for f in r["tool"]):
            return sentence("skill-meta-tool-field-not-text")
    policy = data.get("policy") or {}
    if policy.get("allow_implicit_invocation") is not None and not isinstance(policy["allow_implicit_invocation"], bool):
        return sentence("skill-meta-policy-not-bool")
    products = policy.get("products")
    if products is not None and not isinstance(products, list):
        return sentence("skill-meta-products-not-list")
    for product in products or ():
        if product not in r["products"]:
            return sentence("skill-meta-product-unknown", product=product, products=", ".join(r["products"]))
    return None


def written(old: bytes | None) -> bytes | None:
    """The ``agents/openai.yaml`` that says only the user runs the skill: ``old`` (the source skill's own file) as it
    is where Codex reads that from it already, else ``old`` with ``allow_implicit_invocation`` made false (its other
    keys and lines kept) or a ``policy`` block added; the table's file where there is none. None where ``old`` cannot
    be so changed (a file Codex ignores, a flow-style ``policy``): it is copied as it is, and that is said."""
    if old is None:
        return rules()["written"].encode("utf-8")
    meta = read_bytes(old)
    if meta.user_only:
        return old
    if meta.problem is not None:
        return None
    text = old.decode("utf-8")
    nl = "\r\n" if "\r\n" in text else "\n"
    line = re.compile(r"^([ ]+allow_implicit_invocation[ \t]*:[ \t]*)(!!bool[ \t]+)?(true|True|TRUE|~|null)?([ \t]*(#.*)?)$",
                      re.M)
    block = re.search(r"^policy[ \t]*:[ \t]*(#.*)?$", text, re.M)
    if block is not None and len(line.findall(text)) == 1:
        new = line.sub(lambda m: f"{m.group(1).rstrip()} false{m.group(4)}", text)
    elif block is not None and "allow_implicit_invocation" not in text:
        child = re.match(r"(?:\r?\n)+([ ]+)\S", text[block.end():])  # the indent of its keys, if it has any
        indent = child.group(1) if child is not None else "  "
        new = text[:block.end()] + f"{nl}{indent}allow_implicit_invocation: false" + text[block.end():]
    elif "policy" not in text:
        new = text + ("" if text.endswith("\n") or not text else nl) + rules()["written"].replace("\n", nl)
    else:
        return None
    data = new.encode("utf-8")
    return data if read_bytes(data).user_only else None
