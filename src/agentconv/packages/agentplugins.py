"""An Agent Plugins 1.0 package (``plugin.json``, portable skills and MCP servers; the per-client folders are
``extensions.py``'s): the manifest checked as the schema states it (§5), Claude Code's own keys kept under its
extension namespace."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .. import limits
from ..errors import ParseError, UsageError
from ..loss import LossCode, LossReport, Policy
from . import extensions
from .mcp import to_agent_plugins, to_claude
from .model import Package, add_member, clients, keep_files, loss, package_files, read_json, table
from .writing import Output, copy_files, dump, manifest_out, strip_home, write_record


def read_ap(root: Path, carry: bool) -> Package:
    ap = table()["agent-plugins"]
    manifest = read_json(root / ap["manifest"], ap["manifest"])
    file = str(root / ap["manifest"])
    problems = check_manifest(manifest)
    if problems:
        raise ParseError(f"plugin.json: {problems[0]} (Agent Plugins 1.0 §5: the plugin is rejected)", file=file)
    pkg = Package(root, "agent-plugins", manifest["name"])
    pkg.report.source, pkg.report.file = "agent-plugins", file
    for key in manifest:
        if key not in ap["portable"] and key not in ("$schema", "extensions"):
            loss(pkg.report, LossCode.COMPONENT_DROPPED, key,
                 component=f"plugin.json field {key!r}", why="Agent Plugins 1.0 reports and ignores unknown fields (§5.2)")
    pkg.meta = {k: manifest[k] for k in ap["portable"] if k in manifest and k != "name"}
    claude_ns = ap["clients"]["claude"]["namespace"]
    ext = manifest.get("extensions") if isinstance(manifest.get("extensions"), dict) else {}
    pkg.claude = dict(ext.get(claude_ns, {}))
    taken = {ap["manifest"]}
    if (root / ap["mcp"]).is_file():
        taken.add(ap["mcp"])
        pkg.sources[ap["mcp"]] = str(root / ap["mcp"])
        data = read_json(root / ap["mcp"], ap["mcp"])
        extra = pkg.claude.pop("mcpServers", {}) if isinstance(pkg.claude.get("mcpServers"), dict) else {}
        if not isinstance(data, dict) or data.get("$schema") != ap["mcp_schema"] or not isinstance(data.get("mcpServers"), dict):
            loss(pkg.report, LossCode.COMPONENT_DROPPED, "mcpServers",
                 component="mcp.json",
                 why="not an Agent Plugins 1.0 MCP configuration, so MCP is disabled for this plugin (§7.2.2)")
        else:
            for sname, server in data["mcpServers"].items():
                pkg.mcp[sname] = to_claude(sname, server, extra.pop(sname, {}), pkg.report)
        pkg.mcp.update(extra)  # servers only Claude Code could hold
    all_files = package_files(pkg)
    skills = table()["claude-plugin"]["skills"]
    for rel in sorted(all_files):
        if rel.startswith("skills/") and rel.endswith("/SKILL.md") and rel.count("/") == 2:
            taken.add(rel)
            add_member(pkg, "skills", skills["dialect"], all_files[rel], rel, rel, carry)
    hooks = f"{claude_ns}/{table()['claude-plugin']['hooks']}"
    if hooks in all_files:
        taken.add(hooks)
        pkg.hooks = (table()["claude-plugin"]["hooks"], limits.read_file(all_files[hooks]))
        pkg.sources[table()["claude-plugin"]["hooks"]] = str(all_files[hooks])
    extensions.read_members(pkg, all_files, taken, carry)
    keep_files(pkg, all_files, taken)
    return pkg


def check_manifest(data: Any) -> list[str]:
    """The fatal problems of an Agent Plugins ``plugin.json`` (§5.2-5.5), as the schema states them; unknown
    top-level fields and a non-object ``extensions`` are not fatal (reported by the reader)."""
    ap = table()["agent-plugins"]
    if not isinstance(data, dict):
        return ["not a JSON object"]
    out = []
    if data.get("$schema") != ap["plugin_schema"]:
        out.append(f"$schema must be {ap['plugin_schema']}")
    name = data.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 64 or not re.match(ap["name_pattern"], name):
        out.append(f"name {name!r} breaks the naming rule (§5.5)")
    for key in ("version", "description", "homepage", "repository", "license"):
        if key in data and not isinstance(data[key], str):
            out.append(f"{key} must be a string")
    if "keywords" in data and not (isinstance(data["keywords"], list) and all(isinstance(k, str) for k in data["keywords"])):
        out.append("keywords must be a list of strings")
    author = data.get("author")
    if author is not None and not (isinstance(author, dict) and set(author) <= set(ap["author_keys"])
                                   and all(isinstance(v, str) for v in author.values())):
        out.append("author must be an object of name, email and url strings")
    return out


def write_ap(pkg: Package, targets: list[str], policy: Policy):
    from ..naming import slugify

    ap = table()["agent-plugins"]
    unknown = [t for t in targets if t not in ap["clients"]]
    if unknown or not targets:
        raise UsageError(f"an Agent Plugins package is written for named clients ({', '.join(clients())}); "
                         + (f"unknown: {', '.join(unknown)}" if unknown else "none given"))
    out: dict[str, Output] = {}
    failed: list = []
    claude_ns = ap["clients"]["claude"]["namespace"]
    name = pkg.name
    if not re.match(ap["name_pattern"], name) or len(name) > 64:
        name = slugify(name)[:64].strip("-.") or "plugin"
        loss(pkg.report, LossCode.NAME_CONFLICT, "name", name=pkg.name,
             conflict="does not fit Agent Plugins 1.0's plugin name rule (§5.5)", outcome=f"written as {name!r}")
    manifest: dict[str, Any] = {"$schema": ap["plugin_schema"], "name": name}
    for key, value in pkg.meta.items():
        if key == "author" and isinstance(value, dict) and not set(value) <= set(ap["author_keys"]):
            manifest[key] = {k: v for k, v in value.items() if k in ap["author_keys"]}
            pkg.claude.setdefault("author", value)
            loss(pkg.report, LossCode.COMPONENT_FIELD_KEPT, "author",
                 component="author keys other than name, email and url", place="for Claude Code only",
                 why="Agent Plugins has no such fields")
        elif key == "author" and isinstance(value, str):
            manifest[key] = {"name": value}
            loss(pkg.report, LossCode.COMPONENT_RESHAPED, "author",
                 field="author", shape="an object with its name")
        else:
            manifest[key] = value
    claude = dict(pkg.claude)
    servers: dict[str, Any] = {}
    mcp_report = LossReport(source=pkg.fmt, target="agent-plugins", file=pkg.sources.get(table()["claude-plugin"]["mcp"]))
    for sname, server in pkg.mcp.items():
        portable, rest = to_agent_plugins(sname, server, mcp_report)
        if portable is not None:
            servers[sname] = portable
        if rest:
            claude.setdefault("mcpServers", {})[sname] = rest
    for key in claude:
        if key != "mcpServers":
            loss(pkg.report, LossCode.COMPONENT_KEPT if key == "hooks" else LossCode.COMPONENT_FIELD_KEPT, key,
                 component=f"Claude Code manifest key {key!r}", place=f"under extensions.{claude_ns}",
                 why="no listed client runs it" if "claude" not in targets else "only Claude Code reads it")
    if claude:
        manifest["extensions"] = {claude_ns: claude}
    out[ap["manifest"]] = manifest_out(pkg, manifest, "agent-plugins")
    if servers:
        out[ap["mcp"]] = Output(dump({"$schema": ap["mcp_schema"], "mcpServers": servers}), table()["claude-plugin"]["mcp"],
                               mcp_report, "agent-plugins")
    else:
        pkg.report.items.extend(mcp_report.items)
    if pkg.hooks is not None:
        rel = f"{claude_ns}/{table()['claude-plugin']['hooks']}"
        hooks_report = LossReport(source=pkg.fmt, target="agent-plugins", file=pkg.sources.get(pkg.hooks[0]))
        out[rel] = Output(pkg.hooks[1], pkg.hooks[0], hooks_report, "agent-plugins")
        loss(hooks_report, LossCode.COMPONENT_KEPT, "hooks",
             component="Claude Code hooks", place=f"in {rel}",
             why="no listed client runs them" if "claude" not in targets else "only Claude Code runs them")
    for member in pkg.members:
        if member.kind == "skills":
            write_record(pkg, member, table()["claude-plugin"]["skills"]["dialect"], policy, strip_home, out, failed)
            continue
        extensions.write_member(pkg, member, targets, policy, out, failed)
    copy_files(pkg, out, skip={table()["claude-plugin"]["manifest"]})
    return out, failed
