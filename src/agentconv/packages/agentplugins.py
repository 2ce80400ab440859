"""An Agent Plugins 1.0 package (``plugin.json``, portable skills and MCP servers; the per-client folders are
``extensions.py``'s), as spec-1.0.0.md (github.com/agentplugins/agent-plugins-spec @ bd38355) states it: the
manifest checked as "5 Manifest" and the schema state it (what a consumer must reject is refused, what it must
report and ignore is reported), Claude Code's own keys kept under its extension namespace, other namespaces' data
kept as it is ("8.1 Manifest extension data"), paths kept inside the package ("4.1 General requirements")."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .. import limits
from ..errors import ParseError, problem
from ..loss import LossCode, LossReport, Policy, sentence
from . import extensions
from .mcp import to_agent_plugins, to_claude
from .model import Package, add_member, clients, keep_files, loss, named_hooks, package_files, read_json, table
from .writing import Output, copy_files, dump, elsewhere, hook_files, manifest_out, strip_home, user_only_beside, write_record


def read_ap(root: Path, carry: bool) -> Package:
    ap = table()["agent-plugins"]
    file = str(root / ap["manifest"])
    if not _inside(root, ap["manifest"]):  # "4.1 General requirements": a failure boundary of its own (1)
        raise problem("agent-plugins-manifest-outside", file=file)
    manifest = read_json(root / ap["manifest"], ap["manifest"])
    problems = check_manifest(manifest)
    if problems:
        raise problem("agent-plugins-manifest-invalid", file=file, reason=problems[0])
    pkg = Package(root, "agent-plugins", manifest["name"])
    pkg.report.source, pkg.report.file = "agent-plugins", file
    for key in manifest:  # "5.2 Manifest object": each unknown field reported and ignored, never given a meaning
        if key not in ap["portable"] and key not in ("$schema", "extensions"):
            loss(pkg.report, LossCode.COMPONENT_DROPPED, key, variant="unknown-field", key=key)
    pkg.meta = {k: manifest[k] for k in ap["portable"] if k in manifest and k != "name"}
    claude_ns = ap["clients"]["claude"]["namespace"]
    ext = manifest.get("extensions", {})
    if not isinstance(ext, dict):  # "8.1 Manifest extension data": reported and ignored
        loss(pkg.report, LossCode.COMPONENT_DROPPED, "extensions", variant="extensions-not-object")
        ext = {}
    pkg.claude = dict(ext.get(claude_ns, {}))
    pkg.extensions = {ns: value for ns, value in ext.items() if ns != claude_ns}  # never validated (§8.1)
    taken = {ap["manifest"]}
    extra = pkg.claude.pop("mcpServers", {}) if isinstance(pkg.claude.get("mcpServers"), dict) else {}
    data = _mcp_config(pkg, root, ap)
    if data is not None:
        taken.add(ap["mcp"])
        pkg.sources[ap["mcp"]] = str(root / ap["mcp"])
        for sname, server in data["mcpServers"].items():
            if kept := to_claude(sname, server, extra.pop(sname, {}), pkg.report):  # an invalid entry: skipped
                pkg.mcp[sname] = kept
    pkg.mcp.update(extra)  # servers only Claude Code could hold
    all_files = package_files(pkg)
    skills = table()["claude-plugin"]["skills"]
    if (root / ap["skills"]).exists() and not (root / ap["skills"]).is_dir():
        loss(pkg.report, LossCode.COMPONENT_DROPPED, ap["skills"], variant="skills-not-folder", folder=ap["skills"])
    for rel in sorted(all_files):  # "7.1 Skills": each immediate child folder of skills/ with a SKILL.md, no deeper
        if rel.startswith(ap["skills"] + "/") and rel.endswith("/SKILL.md") and rel.count("/") == 2:
            taken.add(rel)
            add_member(pkg, "skills", skills["dialect"], all_files[rel], rel, rel, carry)
    _read_hooks(pkg, claude_ns, all_files, taken)
    extensions.read_members(pkg, all_files, taken, carry)
    keep_files(pkg, all_files, taken)
    return pkg


def _read_hooks(pkg: Package, claude_ns: str, all_files: dict[str, Path], taken: set[str]) -> None:
    """Claude Code's hooks files in its namespace folder: hooks/hooks.json, and each file its extension data's
    ``hooks`` names there (written so by ``write_ap``, as a Claude Code manifest names the files read in addition to
    hooks/hooks.json); an entry naming no file there stays extension data."""
    default = table()["claude-plugin"]["hooks"]
    rels = [default] if f"{claude_ns}/{default}" in all_files else []
    named_hooks(pkg, rels, lambda rel: f"{claude_ns}/{rel}" in all_files)
    for rel in rels:
        taken.add(f"{claude_ns}/{rel}")
        pkg.hooks.append((rel, limits.read_file(all_files[f"{claude_ns}/{rel}"])))
        pkg.sources[rel] = str(all_files[f"{claude_ns}/{rel}"])


def _inside(root: Path, rel: str) -> bool:
    import os

    top = os.path.realpath(root)
    return os.path.realpath(root / rel).startswith(top.rstrip(os.sep) + os.sep)


def _mcp_config(pkg: Package, root: Path, ap: dict[str, Any]) -> dict[str, Any] | None:
    """``mcp.json`` when it is an Agent Plugins 1.0 MCP configuration; else MCP is disabled for the package and
    reported ("7.2.2 Loading rules" 2, "6.2 Missing locations"), and the file stays a file of the package. None
    also when there is none ("6.2": not an error)."""
    path = root / ap["mcp"]
    if not (path.exists() or path.is_symlink()):
        return None
    facts: dict[str, Any] = {}
    if not _inside(root, ap["mcp"]):
        facts["variant"] = "mcp-json-outside"
    elif not path.is_file():
        facts["variant"] = "mcp-json-not-file"
    else:
        try:
            data = read_json(path, ap["mcp"])
        except ParseError as exc:
            data, facts = None, {"variant": "mcp-json-invalid", "problem": exc.message}
        if not facts and not (isinstance(data, dict) and data.get("$schema") == ap["mcp_schema"]
                              and isinstance(data.get("mcpServers"), dict) and set(data) <= set(ap["mcp_keys"])):
            facts["variant"] = "mcp-json-not-ap"
    if not facts:
        return data
    loss(pkg.report, LossCode.COMPONENT_DROPPED, "mcpServers", file=str(path), **facts)
    return None


def check_manifest(data: Any) -> list[str]:
    """The fatal problems of an Agent Plugins ``plugin.json`` (spec-1.0.0.md "5.2 Manifest object" to "5.5 Plugin
    name constraints", "8.1 Manifest extension data"), as the spec and schema state them; unknown top-level fields
    and a non-object ``extensions`` are not fatal (reported by the reader)."""
    ap = table()["agent-plugins"]
    if not isinstance(data, dict):
        return ["not a JSON object"]
    out = []
    if data.get("$schema") != ap["plugin_schema"]:  # "5.2": an unsupported version is rejected, and named
        out.append(f"$schema {data.get('$schema')!r} is not a supported Agent Plugins version (supported: "
                   f"{ap['plugin_schema']})")
    if not name_ok(data.get("name")):
        out.append(f"name {data.get('name')!r} breaks the naming rule (§5.5)")
    out += [f"{key} {meta_problem(key, data[key])} (§5.4)" for key in ap["meta_types"]
            if key in data and meta_problem(key, data[key])]
    ext = data.get("extensions")
    if isinstance(ext, dict) and (bad := [ns for ns, v in ext.items() if not isinstance(v, dict)]):
        out.append(f"extensions[{bad[0]!r}] must be an object (§8.1)")
    return out


def name_ok(name: Any) -> bool:
    """"5.5 Plugin name constraints": 1-64 of a-z, 0-9, '-', '.', alphanumeric at both ends, no '--' or '..'."""
    ap = table()["agent-plugins"]
    return isinstance(name, str) and 1 <= len(name) <= ap["name_max"] and re.fullmatch(ap["name_pattern"], name) is not None


def meta_problem(key: str, value: Any) -> str | None:
    """Why a metadata field's value breaks its JSON type ("5.4 Metadata fields"), None when it does not."""
    ap = table()["agent-plugins"]
    kind = ap["meta_types"][key]
    if kind == "string":
        return None if isinstance(value, str) else sentence("meta-type-string")
    if kind == "strings":
        return None if isinstance(value, list) and all(isinstance(v, str) for v in value) else \
            sentence("meta-type-strings")
    ok = isinstance(value, dict) and set(value) <= set(ap["author_keys"]) and all(isinstance(v, str) for v in value.values())
    return None if ok else sentence("meta-type-author")


def write_ap(pkg: Package, targets: list[str], policy: Policy):
    from ..naming import slugify

    ap = table()["agent-plugins"]
    unknown = [t for t in targets if t not in ap["clients"]]
    if unknown or not targets:
        if unknown:
            raise problem("agent-plugins-clients-unknown", clients=", ".join(clients()), unknown=", ".join(unknown))
        raise problem("agent-plugins-no-clients", clients=", ".join(clients()))
    out: dict[str, Output] = {}
    failed: list = []
    claude_ns = ap["clients"]["claude"]["namespace"]
    name = pkg.name
    if not name_ok(name):  # "5.5 Plugin name constraints"
        name = slugify(name)[:ap["name_max"]].strip("-.")
        name = name if name_ok(name) else "plugin"
        loss(pkg.report, LossCode.NAME_CONFLICT, "name", variant="ap-name-rule", name=pkg.name, written=name)
    manifest: dict[str, Any] = {"$schema": ap["plugin_schema"], "name": name}
    claude = dict(pkg.claude)
    for key, value in pkg.meta.items():
        portable = {k: v for k, v in value.items() if k in ap["author_keys"]} if isinstance(value, dict) else None
        if key == "author" and portable is not None and not meta_problem(key, portable):
            manifest[key] = portable
            if portable != value:
                claude.setdefault("author", value)
                loss(pkg.report, LossCode.COMPONENT_FIELD_KEPT, "author", variant="author-keys")
        elif key == "author" and isinstance(value, str):
            manifest[key] = {"name": value}
            loss(pkg.report, LossCode.COMPONENT_RESHAPED, "author", variant="author-object")
        elif wrong := meta_problem(key, value):  # "5.4 Metadata fields": a wrong type would reject the plugin
            claude.setdefault(key, value)
            loss(pkg.report, LossCode.COMPONENT_FIELD_KEPT, key, variant="manifest-type", key=key, problem=wrong)
        else:
            manifest[key] = value
    servers: dict[str, Any] = {}
    mcp_report = LossReport(source=pkg.fmt, target="agent-plugins",
                            file=pkg.sources.get(table()["claude-plugin"]["mcp"]) or pkg.report.file)
    for sname, server in pkg.mcp.items():
        portable, rest = to_agent_plugins(sname, server, mcp_report)
        if portable is not None:
            servers[sname] = portable
        if rest:
            claude.setdefault("mcpServers", {})[sname] = rest
    for entry in pkg.unread_mcp:  # Claude Code's manifest named them; no servers were read from them here
        missing = isinstance(entry, str) and not entry.startswith(("http://", "https://")) and not entry.lower().endswith(".mcpb")
        loss(pkg.report, LossCode.COMPONENT_DROPPED, "mcpServers", entry=entry,
             variant="mcp-entry-missing" if missing else "mcp-entry-remote")
    placed = hook_files(pkg, {})
    if extra := [f"./{rel}" for rel, _, _ in placed if rel != table()["claude-plugin"]["hooks"]]:
        inline = claude.get("hooks")  # the files Claude Code reads beside hooks/hooks.json, named as its manifest does
        listed = extra + (inline if isinstance(inline, list) else [inline] if inline is not None else [])
        claude["hooks"] = listed[0] if len(listed) == 1 else listed
    for key in pkg.claude:
        if key != "mcpServers":
            loss(pkg.report, LossCode.COMPONENT_KEPT if key == "hooks" else LossCode.COMPONENT_FIELD_KEPT, key,
                 variant="manifest-key-unrun" if "claude" not in targets else "manifest-key-claude-only", key=key,
                 ns=claude_ns)
    if claude or pkg.extensions:  # "8.1 Manifest extension data": one object per namespace
        manifest["extensions"] = {**({claude_ns: claude} if claude else {}), **pkg.extensions}
    elsewhere(pkg, "agent-plugins", failed)
    out[ap["manifest"]] = manifest_out(pkg, manifest, "agent-plugins")
    if servers:
        out[ap["mcp"]] = Output(dump({"$schema": ap["mcp_schema"], "mcpServers": servers}), table()["claude-plugin"]["mcp"],
                               mcp_report, "agent-plugins")
    else:
        pkg.report.items.extend(mcp_report.items)
    for place, src, data in placed:
        rel = f"{claude_ns}/{place}"
        hooks_report = LossReport(source=pkg.fmt, target="agent-plugins", file=pkg.sources.get(src))
        out[rel] = Output(data, src, hooks_report, "agent-plugins")
        loss(hooks_report, LossCode.COMPONENT_KEPT, "hooks", rel=rel,
             variant="hooks-unrun" if "claude" not in targets else "hooks-claude-only")
    for member in pkg.members:
        if member.kind == "skills":
            write_record(pkg, member, table()["claude-plugin"]["skills"]["dialect"], policy, strip_home, out, failed)
            user_only_beside(pkg, member, targets, out)
            continue
        extensions.write_member(pkg, member, targets, policy, out, failed)
    extensions.refuse_empty(pkg, targets, out, failed)
    copy_files(pkg, out, failed, reserved={  # a file at a core place would mean something there (6.1 Fixed locations)
        ap["manifest"]: sentence("reserved-ap-manifest"), ap["mcp"]: sentence("reserved-ap-mcp"),
        table()["claude-plugin"]["manifest"]: sentence("reserved-ap-claude-manifest")})
    return out, failed
