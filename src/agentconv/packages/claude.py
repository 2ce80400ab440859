"""A Claude Code plugin (``.claude-plugin/plugin.json``, ``agents/``, ``commands/``, ``skills/``, hooks and MCP
servers) and the local plugins a Claude Code marketplace (``.claude-plugin/marketplace.json``) lists."""
from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from .. import jsontext, limits
from ..errors import problem
from ..loss import LossCode, LossReport, Policy
from .names import reserved_plugin_name
from .model import KINDS, Package, add_member, keep_files, loss, named_hooks, package_files, read_json, table
from .writing import Output, copy_files, dump, elsewhere, hook_files, manifest_out, strip_home, write_record


def read_claude(root: Path, carry: bool) -> Package:
    cp = table()["claude-plugin"]
    manifest: dict[str, Any] = {}
    manifest_read = None
    if (root / cp["manifest"]).is_file():
        manifest = read_json(root / cp["manifest"], cp["manifest"])
        if not isinstance(manifest, dict):
            raise problem("claude-manifest-not-an-object", file=str(root / cp["manifest"]))
        raw = limits.read_file(root / cp["manifest"])
        if not jsontext.loads(raw.decode("utf-8-sig"))[1]:  # no key twice: the bytes say just this data
            manifest_read = (copy.deepcopy(manifest), raw)
    name = manifest.get("name") if isinstance(manifest.get("name"), str) else root.resolve().name
    pkg = Package(root, "claude-plugin", name, manifest_read=manifest_read)
    pkg.report.source, pkg.report.file = "claude-plugin", str(root / cp["manifest"])
    pkg.meta = {k: manifest[k] for k in cp["portable"] if k in manifest and k != "name"}
    places = {k: manifest.get(k) for k in KINDS}
    pkg.places = {k: copy.deepcopy(v) for k, v in places.items() if v is not None}
    pkg.claude = {k: v for k, v in manifest.items() if k not in cp["portable"] and k not in KINDS}
    taken: set[str] = {cp["manifest"]}
    gm = table()["gemini-extension"]["manifest"]
    if (root / gm).is_file():  # dual-published (26 of 44 extension folders of a crawl of real repositories hold both)
        loss(pkg.report, LossCode.VALUE_READ_AS, gm, variant="dual-plugin", manifest=cp["manifest"], other=gm)
    # hooks: hooks/hooks.json, and each file the manifest's `hooks` names IN ADDITION (a path or a list of paths and
    # inline objects; @anthropic-ai/claude-code 2.1.332's plugin loader reads the standard file, then merges every
    # manifest entry, a path to the standard file loaded once); inline objects and paths to no file stay manifest data
    hooks_rels = [cp["hooks"]] if (root / cp["hooks"]).is_file() else []
    named = pkg.claude.get("hooks")
    if named_hooks(pkg, hooks_rels, lambda rel: not os.path.isabs(rel) and (root / rel).is_file()):
        pkg.places["hooks"] = named  # the manifest names a hooks file: its key is a place, kept as written
    for rel in hooks_rels:
        pkg.hooks.append((rel, limits.read_file(root / rel)))
        pkg.sources[rel] = str(root / rel)
        taken.add(rel)
    # MCP servers: .mcp.json, and the manifest's own: inline, a path, or a list of both (Claude Code's plugin manifest
    # schema: "MCP servers to include in the plugin (in addition to those in the .mcp.json file, if it exists)")
    mcp_files = [cp["mcp"]]
    inline = pkg.claude.pop("mcpServers", None)
    if inline is not None:
        pkg.places["mcpServers"] = copy.deepcopy(inline)
    for entry in inline if isinstance(inline, list) else [inline] if inline is not None else []:
        if isinstance(entry, dict):
            pkg.mcp.update({k: v for k, v in entry.items() if isinstance(v, dict)})
        elif isinstance(entry, str) and (root / (rel := os.path.normpath(entry).replace(os.sep, "/"))).is_file() \
                and rel.lower().endswith(".json") and not rel.startswith(".."):
            mcp_files.append(rel)
        else:  # an MCPB bundle, a URL, a file the plugin does not hold: nothing here to read servers from
            pkg.unread_mcp.append(entry)
    raw_mcp: dict[str, bytes] = {}
    for rel in dict.fromkeys(mcp_files):
        if (root / rel).is_file():
            data = read_json(root / rel, rel)
            servers = data.get("mcpServers", data) if isinstance(data, dict) else None
            if not isinstance(servers, dict):
                raise problem("mcp-not-an-object", file=str(root / rel))
            pkg.mcp.update({k: v for k, v in servers.items() if isinstance(v, dict)})
            pkg.sources[rel] = str(root / rel)
            raw_mcp[rel] = limits.read_file(root / rel)
            taken.add(rel)
    pkg.mcp_read = (copy.deepcopy(pkg.mcp), raw_mcp)
    all_files = package_files(pkg)
    for kind in KINDS:
        spec = cp[kind]
        wanted = _claude_places(places[kind], spec["folder"], kind)
        for rel in sorted(all_files):
            if rel in taken or not _under(rel, wanted, kind):
                continue
            taken.add(rel)
            as_path = f".claude/{rel}" if kind != "skills" else rel
            add_member(pkg, kind, spec["dialect"], all_files[rel], rel, as_path, carry)
    keep_files(pkg, all_files, taken)
    return pkg


def _claude_places(value: Any, default: str, kind: str) -> list[str]:
    """The folders or files a kind is read from: the manifest's paths (which replace the default folder for agents
    and commands, and add to it for skills), else the default folder."""
    paths = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    paths = [os.path.normpath(p).replace(os.sep, "/") for p in paths]
    if not paths or kind == "skills":
        paths.append(default)
    return paths


def _under(rel: str, places: list[str], kind: str) -> bool:
    for place in places:
        inside = rel == place or rel.startswith(place.rstrip("/") + "/") if place != "." else True
        if not inside:
            continue
        if kind == "skills":
            return rel.endswith("/SKILL.md") and rel.count("/") - (0 if place == "." else place.count("/") + 1) == 1
        return rel.lower().endswith(".md") and Path(rel).name.lower() not in ("readme.md",)
    return False


def write_claude(pkg: Package, policy: Policy):
    cp = table()["claude-plugin"]
    out: dict[str, Output] = {}
    failed: list = []
    claude = dict(pkg.claude)
    # a manifest field Agent Plugins could not hold as it was (an author with more keys, a number for a version) was
    # kept in Claude Code's namespace: that value wins, at its place
    manifest = {"name": pkg.name, **{k: claude.pop(k) if k in claude else pkg.meta[k] for k in cp["portable"]
                                     if k != "name" and (k in pkg.meta or k in claude)}}
    manifest.update(claude)
    if pkg.fmt != "claude-plugin" and isinstance(manifest.get("author"), str):
        # Claude Code's manifest schema takes `author` as an object (name, email, url; packages.toml [claude-plugin]):
        # a string there fails the plugin ("author: Invalid input: expected object, received string", `claude plugin
        # validate` in @anthropic-ai/claude-code 2.1.332, 2026-11-29). Another format's string author (a Gemini CLI
        # extension's: npm's `"author": "name"`) is written as the object with its name, as for Agent Plugins.
        manifest["author"] = {"name": manifest["author"]}
        loss(pkg.report, LossCode.COMPONENT_RESHAPED, "author", variant="author-object")
    why = reserved_plugin_name(pkg.name)
    if why:  # Claude Code loads it; its validator (and so a marketplace's review) rejects it
        loss(pkg.report, LossCode.NAME_CONFLICT, "name", variant="reserved-plugin", name=pkg.name, conflict=why)
    for ns in pkg.extensions:
        loss(pkg.report, LossCode.COMPONENT_DROPPED, f"extensions.{ns}", variant="extensions-ns-claude", ns=ns)
    elsewhere(pkg, "claude-plugin", failed)
    out[cp["manifest"]] = manifest_out(pkg, manifest, "claude-plugin")
    own = pkg.places if pkg.fmt == "claude-plugin" else {}  # a Claude Code manifest's own places, kept below
    if pkg.fmt == "claude-plugin" and pkg.mcp_read is not None and pkg.mcp_read[0] == pkg.mcp:
        for rel, data in pkg.mcp_read[1].items():  # the servers as read: each file as it came, the manifest's as written
            out[rel] = Output(data, rel, LossReport(source=pkg.fmt, target="claude-plugin"), "claude-plugin")
        if "mcpServers" in own:
            manifest["mcpServers"] = own["mcpServers"]
    elif pkg.mcp:
        out[cp["mcp"]] = Output(dump({"mcpServers": pkg.mcp}), "mcp.json", LossReport(source=pkg.fmt, target="claude-plugin"),
                               "claude-plugin")
    for rel, src, data in hook_files(pkg, own):
        out[rel] = Output(data, src, LossReport(source=pkg.fmt, target="claude-plugin"), "claude-plugin")
    if "hooks" in own:
        manifest["hooks"] = own["hooks"]
    elif (extra := [f"./{rel}" for rel, _, _ in hook_files(pkg, own) if rel != cp["hooks"]]):
        inline = pkg.claude.get("hooks")
        listed = extra + (inline if isinstance(inline, list) else [inline] if inline is not None else [])
        manifest["hooks"] = listed[0] if len(listed) == 1 else listed
    for member in pkg.members:
        spec = cp[member.kind]
        write_record(pkg, member, spec["dialect"], policy, strip_home, out, failed)
    if pkg.fmt == "claude-plugin":
        _agents_under_their_own_file_names(pkg, out)
    for kind in KINDS:
        if kind in own and _back_in_place(pkg, kind, out, failed):
            manifest[kind] = own[kind]
    out[cp["manifest"]] = manifest_out(pkg, manifest, "claude-plugin")
    if pkg.fmt == "claude-plugin" and pkg.manifest_read is not None and pkg.manifest_read[0] == manifest:
        out[cp["manifest"]].data = pkg.manifest_read[1]  # the same data: the manifest as it came
    ap = table()["agent-plugins"]
    namespaces = {c["namespace"] for c in ap["clients"].values()}
    for rel in list(pkg.files):
        first = rel.partition("/")[0]
        if first in namespaces:  # another client's files: no Claude Code plugin place holds them
            report = LossReport(source=pkg.fmt, file=pkg.sources.get(rel))
            loss(report, LossCode.COMPONENT_DROPPED, "", variant="other-client-files", rel=rel, client=first)
            pkg.files.pop(rel)
            failed.append((rel, None, report))
    copy_files(pkg, out, failed, reserved={})
    return out, failed


def _agents_under_their_own_file_names(pkg: Package, out: dict[str, Output]) -> None:
    """Same format: a plugin agent whose file name is not its ``name`` (``agents/tab.md`` holding ``name: Tab``) was
    written under its name (``agents/Tab.md``), a renamed file (and a manifest ``agents`` list naming the old path
    then dropped): found in the unseen25 shadow corpus. Claude Code names a plugin agent by its header's ``name``, the
    file name only when there is none (the plugin agent loader, @anthropic-ai/claude-code 2.1.330, read in the bundle
    2026-11-27; claude.toml [detect]), so the file goes back to the path it was read from, in the same folder, unless
    another output holds that path."""
    sources = {m.source for m in pkg.members if m.kind == "agents"}
    for rel, o in list(out.items()):
        src = o.source
        if src in sources and src != rel and src not in out and rel.rpartition("/")[0] == src.rpartition("/")[0] \
                and sum(x.source == src for x in out.values()) == 1:
            out[src] = out.pop(rel)


def _back_in_place(pkg: Package, kind: str, out: dict[str, Output], failed: list) -> bool:
    """Move the records of ``kind`` written to their default folder back to the paths they were read from, when the
    manifest named their places (its ``commands`` list, which replaces the ``commands/`` folder Claude Code reads
    without it): the manifest then keeps that key and Claude Code finds the same records where it found them. Only
    when each record of the kind was written once, under its own file name (its folder's for a skill), and no other
    output holds its path; else nothing moves, the key is not written and the records stay in the default folder."""
    sources = {m.source for m in pkg.members if m.kind == kind}
    if any(src in {str(f[0]) for f in failed} for src in sources):
        return False
    moves = {rel: o.source for rel, o in out.items() if o.source in sources}
    tail = 2 if kind == "skills" else 1
    if sorted(moves.values()) != sorted(sources) or any(
            rel.split("/")[-tail:] != src.split("/")[-tail:] or (src != rel and src in out) for rel, src in moves.items()):
        return False
    for rel, src in moves.items():
        out[src] = out.pop(rel)
    return True


def marketplace_plugins(root: Path) -> list[tuple[Path, str]]:
    """(plugin folder, its path below the marketplace) of every plugin the marketplace lists with a local source, and
    the marketplace's own folder when it holds a plugin manifest no local source names (a repository that lists
    itself from GitHub: its plugin is right there, and was left out with nothing said of its files)."""
    cp = table()["claude-plugin"]
    data = read_json(root / cp["marketplace"], cp["marketplace"])
    if not isinstance(data, dict) or not isinstance(data.get("plugins"), list):
        raise problem("marketplace-no-plugins", file=str(root / cp["marketplace"]))
    base = (data.get("metadata") or {}).get("pluginRoot") if isinstance(data.get("metadata"), dict) else None
    out = []
    for entry in data["plugins"]:
        source = entry.get("source") if isinstance(entry, dict) else None
        if isinstance(source, str) and not source.startswith(("./", "../")) and base:
            source = f"{base.rstrip('/')}/{source}"
        if not isinstance(source, str):
            continue  # a git or URL source: nothing on disk to convert (reported with the catalogue)
        rel = os.path.normpath(source).replace(os.sep, "/")
        if rel.startswith("..") or os.path.isabs(rel):
            continue
        out.append((root / rel, "" if rel == "." else rel))
    if (root / cp["manifest"]).is_file() and all(prefix for _, prefix in out):
        out.append((root, ""))  # the catalogue's own folder is a plugin too (listed from git, or not at all)
    return out
