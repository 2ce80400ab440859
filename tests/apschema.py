"""Validating Agent Plugins 1.0 output against the published JSON Schemas (``tests/data/agent-plugins-1.0``) and the
rules of spec-1.0.0.md the schemas cannot state (a name matched whole, a ./ command or cwd kept inside its root, an
http(s) URL without user information or fragment, each header name once). Used by the package tests on every
package agentconv writes."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

SCHEMAS = Path(__file__).resolve().parent / "data" / "agent-plugins-1.0"


@cache
def validators():
    from jsonschema import Draft202012Validator

    return tuple(Draft202012Validator(json.loads((SCHEMAS / f"{n}.schema.json").read_text())) for n in ("plugin", "mcp"))


def package_roots(where: Path) -> list[Path]:
    """Every Agent Plugins package below ``where``: each folder with a ``plugin.json`` (a Claude Code plugin's is in
    ``.claude-plugin/``), whatever its ``$schema`` says."""
    return [p.parent for p in sorted(where.rglob("plugin.json")) if p.parent.name != ".claude-plugin"]


def problems(root: Path) -> list[str]:
    """What in the package at ``root`` breaks the schemas or the spec's rules for plugin.json and mcp.json."""
    from agentconv.packages.agentplugins import check_manifest
    from agentconv.packages.mcp import server_problem

    plugin_v, mcp_v = validators()
    raw = (root / "plugin.json").read_bytes()
    out = [f"{root}/plugin.json: not UTF-8 JSON without a BOM"] if raw.startswith(b"\xef\xbb\xbf") else []
    manifest = json.loads(raw.decode("utf-8"))
    out += [f"{root}/plugin.json: {e.message}" for e in plugin_v.iter_errors(manifest)]
    out += [f"{root}/plugin.json: {p}" for p in check_manifest(manifest)]
    if (root / "mcp.json").exists():
        mcp = json.loads((root / "mcp.json").read_text("utf-8"))
        out += [f"{root}/mcp.json: {e.message}" for e in mcp_v.iter_errors(mcp)]
        out += [f"{root}/mcp.json: {name}: {p}" for name, s in mcp.get("mcpServers", {}).items() if (p := server_problem(s))]
    return out


def validate_tree(where: Path) -> int:
    """Assert every Agent Plugins package below ``where`` is valid; the number of packages checked."""
    roots = package_roots(where)
    found = [p for r in roots for p in problems(r)]
    assert not found, "\n".join(found)
    return len(roots)


def validate_outputs(where: Path) -> int:
    """Validate every package agentconv wrote below ``where`` (each output root holds ``.agentconv/``)."""
    return sum(validate_tree(d.parent) for d in sorted(where.rglob(".agentconv")) if d.is_dir())


@pytest.fixture(autouse=True)
def outputs_valid(request):
    """Imported by a test module: every Agent Plugins package a test of it writes below ``tmp_path`` is valid."""
    where = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if where is not None:
        validate_outputs(where)
