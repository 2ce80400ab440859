"""Whole packages: a Claude Code plugin (and a marketplace of them) and an Agent Plugins 1.0 package.

A package is many records of several kinds in one folder. Each record is read and written by the dialect of its
kind (``claude`` agents, ``claude-command`` commands, ``skill`` skills; in an Agent Plugins package, each client's
own dialects inside its extension folder), so tools and models are mapped and never widened exactly as in a
one-file conversion; this module only knows where records live and what the manifests hold
(``dialects/data/packages.toml``). What a record's target cannot hold is in that record's report; what a package
cannot hold (a hook, an MCP server field, a command for a client without commands) is in the manifest's report.

Flow: ``read_package(root)`` -> ``Package`` (manifest fields, members, MCP servers in Claude Code's spelling, the
Claude-only manifest keys, other files as bytes) -> ``write_package(pkg, fmt, clients)`` -> relative path ->
bytes, each with the rows that say where it came from -> ``convert_package`` writes them under one output folder
(atomically, nothing outside it, never over a source or a file agentconv did not write unless ``force``).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import limits
from .errors import AgentconvError, ExitCode, InternalError, OutputError, ParseError, UsageError
from .ir import Document
from .loss import LossCode, LossReport, Policy

FORMATS = ("claude-plugin", "agent-plugins")
"""Package format ids (``--to``/``--from``). ``claude-marketplace`` is read as the plugins it lists."""
MARKETPLACE = "claude-marketplace"
_SKIP = {".git", "node_modules", "__pycache__", ".agentconv"}
_KINDS = ("agents", "commands", "skills")


@cache
def table() -> dict[str, Any]:
    from . import tables

    return tables.load("agentconv.dialects.data", "packages.toml")


def is_format(name: str | None) -> bool:
    return name in FORMATS or name == MARKETPLACE


def clients() -> list[str]:
    """Client ids an Agent Plugins package can hold agents for, in reading order."""
    return list(table()["agent-plugins"]["clients"])


@dataclass
class Member:
    """One record of a package: an agent, a command or a skill, with the report of reading it."""

    kind: str
    """``agents``, ``commands`` or ``skills``."""
    doc: Document
    source: str
    """The package-relative path it was read from."""
    report: LossReport


@dataclass
class Package:
    """What a package holds, whatever its format."""

    root: Path
    fmt: str
    name: str
    meta: dict[str, Any] = field(default_factory=dict)
    """The manifest fields both formats hold (version, description, author, ...), as written."""
    members: list[Member] = field(default_factory=list)
    mcp: dict[str, dict[str, Any]] = field(default_factory=dict)
    """MCP servers in Claude Code's spelling (``command``/``args``/``env``, ``type: http`` ...)."""
    claude: dict[str, Any] = field(default_factory=dict)
    """Claude Code manifest keys no other format holds (``displayName``, ``dependencies``, inline ``hooks`` ...)."""
    hooks: tuple[str, bytes] | None = None
    """Claude Code's hooks file: its package-relative path and bytes."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Every other file, package-relative path -> bytes, copied as it is."""
    sources: dict[str, str] = field(default_factory=dict)
    """Package-relative path -> the file it was read from (for rows and for never writing over a source)."""
    report: LossReport = field(default_factory=LossReport)
    """What reading the manifest and the package-level components found."""


# ---------------------------------------------------------------------------------------------------- detection
def detect(root: str | Path) -> str | None:
    """The package format of a folder: an Agent Plugins ``plugin.json``, a Claude Code marketplace or plugin
    manifest, or a folder with ``agents/``, ``commands/`` or ``skills/`` beside nothing else that names a format
    (a Claude Code plugin without a manifest: Claude Code then names it after its folder)."""
    root = Path(root)
    if not root.is_dir():
        return None
    ap = table()["agent-plugins"]
    if (root / ap["manifest"]).is_file():
        try:
            data = json.loads(limits.read_file(root / ap["manifest"]))
        except (OSError, ValueError, limits.LimitError):
            data = None
        if isinstance(data, dict) and str(data.get("$schema", "")).startswith("https://agent-plugins.org/"):
            return "agent-plugins"
    cp = table()["claude-plugin"]
    if (root / cp["marketplace"]).is_file():
        return MARKETPLACE
    if (root / cp["manifest"]).is_file() or any((root / cp[k]["folder"]).is_dir() for k in _KINDS):
        return "claude-plugin"
    return None


# ---------------------------------------------------------------------------------------------------- reading
def _json(path: Path, rel: str) -> Any:
    from .jsontext import loads

    try:
        data, _twice = loads(limits.read_file(path).decode("utf-8-sig"))
    except OSError as exc:
        raise ParseError(exc.strerror or str(exc), file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text (byte {exc.start})", file=str(path)) from None
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise ParseError(f"not JSON: {getattr(exc, 'msg', exc)}", file=str(path), line=line) from None
    return data


def _loss(report: LossReport, code: LossCode, path: str, file: str | None = None, **params: Any) -> None:
    report.add(code, path, **params)
    if file:
        report.items[-1].file = file


def _files(pkg: Package) -> dict[str, Path]:
    """Every file of the package (package-relative path -> path); a link out of it is reported and never read."""
    from .tree import walk

    out = {}
    for e in walk(pkg.root, lambda d: d in _SKIP):
        if e.problem is not None:
            _loss(pkg.report, LossCode.COMPONENT_UNREADABLE, "", file=str(e.path),
                  rel=e.rel, problem=e.problem)
            continue
        out[e.rel] = e.path
    return out


def read_package(root: str | Path, fmt: str | None = None, *, carry: bool = True) -> Package:
    """Read the package at ``root`` (format detected unless ``fmt``). A record that cannot be read fails alone:
    it is in ``pkg.report`` as an error item and not a member."""
    root = Path(root)
    fmt = fmt or detect(root)
    if fmt == "claude-plugin":
        return _read_claude(root, carry)
    if fmt == "agent-plugins":
        return _read_ap(root, carry)
    raise UsageError(f"not a package ({', '.join(FORMATS)}): no plugin.json, .claude-plugin/ or agents/ folder",
                     file=str(root))


def _member(pkg: Package, kind: str, dialect: str, path: Path, rel: str, as_path: str, carry: bool) -> None:
    from . import api

    try:
        doc, report = api.read(path, dialect, path=as_path, carry=carry)
    except AgentconvError as exc:
        _loss(pkg.report, LossCode.COMPONENT_UNREADABLE, kind, file=str(path),
              rel=rel, problem=exc)
        return
    report.file = str(path)
    for item in report:  # items made while the record was read under its dialect's own path
        if item.file == as_path:
            item.file = str(path)
    pkg.members.append(Member(kind, doc, rel, report))
    pkg.sources[rel] = str(path)


def _read_claude(root: Path, carry: bool) -> Package:
    cp = table()["claude-plugin"]
    manifest: dict[str, Any] = {}
    if (root / cp["manifest"]).is_file():
        manifest = _json(root / cp["manifest"], cp["manifest"])
        if not isinstance(manifest, dict):
            raise ParseError("the plugin manifest is not a JSON object", file=str(root / cp["manifest"]))
    name = manifest.get("name") if isinstance(manifest.get("name"), str) else root.resolve().name
    pkg = Package(root, "claude-plugin", name)
    pkg.report.source, pkg.report.file = "claude-plugin", str(root / cp["manifest"])
    pkg.meta = {k: manifest[k] for k in cp["portable"] if k in manifest and k != "name"}
    places = {k: manifest.get(k) for k in _KINDS}
    pkg.claude = {k: v for k, v in manifest.items() if k not in cp["portable"] and k not in _KINDS}
    taken: set[str] = {cp["manifest"]}
    # hooks: hooks/hooks.json, or a path the manifest names; inline hooks stay manifest data
    hooks_rel = cp["hooks"]
    if isinstance(pkg.claude.get("hooks"), str):
        hooks_rel = os.path.normpath(pkg.claude.pop("hooks")).replace(os.sep, "/")
    if (root / hooks_rel).is_file():
        pkg.hooks = (hooks_rel, limits.read_file(root / hooks_rel))
        pkg.sources[hooks_rel] = str(root / hooks_rel)
        taken.add(hooks_rel)
    # MCP servers: .mcp.json and the manifest's own (inline, or a path)
    mcp_files = [cp["mcp"]]
    inline = pkg.claude.pop("mcpServers", None)
    if isinstance(inline, str):
        mcp_files.append(os.path.normpath(inline).replace(os.sep, "/"))
    elif isinstance(inline, dict):
        pkg.mcp.update(inline)
    elif inline is not None:
        pkg.claude["mcpServers"] = inline
    for rel in mcp_files:
        if (root / rel).is_file():
            data = _json(root / rel, rel)
            servers = data.get("mcpServers", data) if isinstance(data, dict) else None
            if not isinstance(servers, dict):
                raise ParseError("an MCP configuration that is not a JSON object", file=str(root / rel))
            pkg.mcp.update({k: v for k, v in servers.items() if isinstance(v, dict)})
            pkg.sources[rel] = str(root / rel)
            taken.add(rel)
    all_files = _files(pkg)
    for kind in _KINDS:
        spec = cp[kind]
        wanted = _claude_places(places[kind], spec["folder"], kind)
        for rel in sorted(all_files):
            if rel in taken or not _under(rel, wanted, kind):
                continue
            taken.add(rel)
            as_path = f".claude/{rel}" if kind != "skills" else rel
            _member(pkg, kind, spec["dialect"], all_files[rel], rel, as_path, carry)
    for rel, path in all_files.items():
        if rel not in taken:
            pkg.files[rel] = limits.read_file(path)
            pkg.sources[rel] = str(path)
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


def _read_ap(root: Path, carry: bool) -> Package:
    ap = table()["agent-plugins"]
    manifest = _json(root / ap["manifest"], ap["manifest"])
    file = str(root / ap["manifest"])
    problems = check_manifest(manifest)
    if problems:
        raise ParseError(f"plugin.json: {problems[0]} (Agent Plugins 1.0 §5: the plugin is rejected)", file=file)
    pkg = Package(root, "agent-plugins", manifest["name"])
    pkg.report.source, pkg.report.file = "agent-plugins", file
    for key in manifest:
        if key not in ap["portable"] and key not in ("$schema", "extensions"):
            _loss(pkg.report, LossCode.COMPONENT_DROPPED, key,
                  component=f"plugin.json field {key!r}", why="Agent Plugins 1.0 reports and ignores unknown fields (§5.2)")
    pkg.meta = {k: manifest[k] for k in ap["portable"] if k in manifest and k != "name"}
    ns = {c["namespace"]: cid for cid, c in ap["clients"].items()}
    claude_ns = ap["clients"]["claude"]["namespace"]
    ext = manifest.get("extensions") if isinstance(manifest.get("extensions"), dict) else {}
    pkg.claude = dict(ext.get(claude_ns, {}))
    taken = {ap["manifest"]}
    if (root / ap["mcp"]).is_file():
        taken.add(ap["mcp"])
        pkg.sources[ap["mcp"]] = str(root / ap["mcp"])
        data = _json(root / ap["mcp"], ap["mcp"])
        extra = pkg.claude.pop("mcpServers", {}) if isinstance(pkg.claude.get("mcpServers"), dict) else {}
        if not isinstance(data, dict) or data.get("$schema") != ap["mcp_schema"] or not isinstance(data.get("mcpServers"), dict):
            _loss(pkg.report, LossCode.COMPONENT_DROPPED, "mcpServers",
                  component="mcp.json",
                  why="not an Agent Plugins 1.0 MCP configuration, so MCP is disabled for this plugin (§7.2.2)")
        else:
            for sname, server in data["mcpServers"].items():
                pkg.mcp[sname] = _mcp_to_claude(sname, server, extra.pop(sname, {}), pkg.report)
        pkg.mcp.update(extra)  # servers only Claude Code could hold
    all_files = _files(pkg)
    skills = table()["claude-plugin"]["skills"]
    for rel in sorted(all_files):
        if rel.startswith("skills/") and rel.endswith("/SKILL.md") and rel.count("/") == 2:
            taken.add(rel)
            _member(pkg, "skills", skills["dialect"], all_files[rel], rel, rel, carry)
    hooks = f"{claude_ns}/{table()['claude-plugin']['hooks']}"
    if hooks in all_files:
        taken.add(hooks)
        pkg.hooks = (table()["claude-plugin"]["hooks"], limits.read_file(all_files[hooks]))
        pkg.sources[table()["claude-plugin"]["hooks"]] = str(all_files[hooks])
    from .naming import slugify

    seen: dict[tuple[str, str], str] = {}
    for cid in clients():
        c = ap["clients"][cid]
        for rel in sorted(all_files):
            if rel in taken or not rel.startswith(c["namespace"] + "/"):
                continue
            inner = rel[len(c["namespace"]) + 1:]
            for kind in ("agents", "commands"):
                dialect = c[kind]
                if not dialect or not _at_place(inner, dialect, c["home"]):
                    continue
                taken.add(rel)
                before = len(pkg.members)
                _member(pkg, kind, dialect, all_files[rel], rel, f"{c['home']}/{inner}", carry)
                if len(pkg.members) > before:
                    m = pkg.members[-1]
                    key = (kind, slugify(m.doc.agent.name or ""))  # `git:commit` for one client is `git-commit` for another
                    if key in seen:  # the same record for another client: read once, from the first
                        pkg.members.pop()
                        _loss(pkg.report, LossCode.COMPONENT_FIELD_KEPT, kind,
                              component=f"{kind[:-1]} {key[1]!r} of {rel}", place=f"once, from {seen[key]}",
                              why="the same record for another client")
                    else:
                        seen[key] = rel
                break
    for rel, path in all_files.items():
        if rel not in taken:
            pkg.files[rel] = limits.read_file(path)
            pkg.sources[rel] = str(path)
    return pkg


def _at_place(inner: str, dialect: str, home: str) -> bool:
    from . import registry
    from .dialects.helpers import glob_match

    return any(glob_match(f"{home}/{inner}", g) for g in registry.get(dialect).table.get("layout", {}).get("detect", [])
               if g.startswith(home + "/"))


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


# ---------------------------------------------------------------------------------------------------- MCP servers
def _vars(value: Any, pairs: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        for a, b in pairs:
            value = value.replace(a, b)
        return value
    if isinstance(value, list):
        return [_vars(v, pairs) for v in value]
    if isinstance(value, dict):
        return {k: _vars(v, pairs) for k, v in value.items()}
    return value


def _var_pairs(src: str, dst: str) -> list[tuple[str, str]]:
    a, b = table()[src], table()[dst]
    return [(a["root_var"], b["root_var"]), (a["data_var"], b["data_var"])]


_OTHER_VAR = re.compile(r"\$\{(?!PLUGIN_ROOT\}|PLUGIN_DATA\})[^}]*\}")


def _mcp_to_ap(name: str, server: dict[str, Any], report: LossReport) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """A Claude Code server as an Agent Plugins one, and what only Claude Code can hold of it (None: all of it)."""
    cp, ap = table()["claude-plugin"], table()["agent-plugins"]
    typ = server.get("type", "stdio")
    kind = cp["transport"].get(typ) if isinstance(typ, str) else None
    path = f"mcpServers.{name}"
    if kind is None:
        _loss(report, LossCode.COMPONENT_KEPT, path,
              component=f"MCP server {name!r}", place="for Claude Code only",
              why=f"transport {typ!r} has no Agent Plugins form")
        return None, server
    fields = ap["servers"][kind]
    out: dict[str, Any] = {"type": kind}
    rest: dict[str, Any] = {}
    if typ != ("stdio" if kind == "stdio" else "http" if kind == "streamable-http" else kind) or \
            ("type" in server) != (kind != "stdio"):
        rest["type"] = typ
    pairs = _var_pairs("claude-plugin", "agent-plugins")
    for key, value in server.items():
        if key == "type":
            continue
        if key in fields:
            out[key] = _vars(value, pairs)
        else:
            rest[key] = value
    command = out.get("command")
    if isinstance(command, str) and command.startswith(ap["root_var"] + "/"):
        out["command"] = "./" + command[len(ap["root_var"]) + 1:]
    bad = _ap_server_problem(out)
    if bad:
        _loss(report, LossCode.COMPONENT_KEPT, path,
              component=f"MCP server {name!r}", place="for Claude Code only", why=f"{bad}, which Agent Plugins does not allow")
        return None, server
    if args_vars := sorted({m for v in [*out.get("args", []), *out.get("env", {}).values(), *out.get("headers", {}).values()]
                            if isinstance(v, str) for m in _OTHER_VAR.findall(v)}):
        _loss(report, LossCode.COMPONENT_CHANGED, path,
              server=name, variables=", ".join(args_vars))
    for key in rest:
        if key != "type":
            _loss(report, LossCode.COMPONENT_FIELD_KEPT, f"{path}.{key}",
                  component=f"MCP server {name!r}'s {key!r}", place="for Claude Code only",
                  why="Agent Plugins has no such field")
    return out, rest


def _ap_server_problem(server: dict[str, Any]) -> str | None:
    if server["type"] == "stdio":
        cmd = server.get("command")
        if not isinstance(cmd, str) or not cmd or re.search(r"\s|\$\{", cmd) or (cmd.startswith(".") and not cmd.startswith("./")) \
                or "/" in cmd and not cmd.startswith("./"):
            return f"the command {cmd!r} is not one bare or ./ executable token"
        if "cwd" in server and not re.match(r"^(?:\./|\$\{PLUGIN_ROOT\}(?:/|$)|\$\{PLUGIN_DATA\}(?:/|$))", str(server["cwd"])):
            return f"the working directory {server['cwd']!r} is not plugin-relative"
        if any(k in ("PLUGIN_ROOT", "PLUGIN_DATA") for k in server.get("env", {}) or {}):
            return "its env sets PLUGIN_ROOT or PLUGIN_DATA"
        shapes = {"args": list, "env": dict}
    else:
        url = server.get("url")
        if not isinstance(url, str) or not re.match(r"^https://|^http://(localhost|127\.[0-9.]+|\[::1\])(:\d+)?(/|$)", url):
            return f"the URL {url!r} is not HTTPS (or HTTP on a loopback host)"
        shapes = {"headers": dict}
    for key, shape in shapes.items():
        value = server.get(key, shape())
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if items is None or not all(isinstance(v, str) for v in items):
            return f"its {key} is not a {'list' if shape is list else 'map'} of strings"
    return None


def _mcp_to_claude(name: str, server: Any, rest: dict[str, Any], report: LossReport) -> dict[str, Any]:
    """An Agent Plugins server in Claude Code's spelling, with what only Claude Code held of it put back."""
    if not isinstance(server, dict) or server.get("type") not in table()["agent-plugins"]["servers"]:
        _loss(report, LossCode.COMPONENT_DROPPED, f"mcpServers.{name}",
              component=f"MCP server {name!r}", why="not a valid Agent Plugins server entry (§7.2.2)")
        return rest
    kind = server["type"]
    out: dict[str, Any] = {} if kind == "stdio" else {"type": "http" if kind == "streamable-http" else kind}
    pairs = _var_pairs("agent-plugins", "claude-plugin")
    root_var = table()["claude-plugin"]["root_var"]
    for key, value in server.items():
        if key == "type":
            continue
        if key == "cwd":
            _loss(report, LossCode.COMPONENT_DROPPED, f"mcpServers.{name}.cwd",
                  component=f"MCP server {name!r}'s cwd {value!r}",
                  why="Claude Code has no working directory for a server")
            continue
        if key == "command" and isinstance(value, str) and value.startswith("./"):
            value = f"{root_var}/{value[2:]}"
        out[key] = _vars(value, pairs)
    if "type" in rest and "type" not in out:
        out = {"type": rest["type"], **out}
    return {**out, **rest}


# ---------------------------------------------------------------------------------------------------- writing
@dataclass
class Output:
    """One file a package write produces: its bytes, the source it comes from, and the report for it."""

    data: bytes
    source: str
    """The package-relative path of the source (``""``: the package itself)."""
    report: LossReport
    dialect: str | None = None


def _dump(value: Any) -> bytes:
    from .jsontext import dumps

    return (dumps(value, indent=2) + "\n").encode("utf-8")


def write_package(pkg: Package, fmt: str, targets: Iterable[str] = (), *, policy: Policy = Policy()
                  ) -> tuple[dict[str, Output], list[tuple[str, AgentconvError, LossReport]]]:
    """The files of ``pkg`` in ``fmt`` (relative path -> Output) and the records that could not be written for a
    target (source, error, report). ``targets``: the clients of an Agent Plugins package."""
    if fmt == "agent-plugins":
        return _write_ap(pkg, list(targets), policy)
    if fmt == "claude-plugin":
        return _write_claude(pkg, policy)
    raise UsageError(f"unknown package format {fmt!r}; known: {', '.join(FORMATS)}")


def _record(pkg: Package, member: Member, dialect: str, policy: Policy, place, out: dict[str, Output],
            failed: list) -> None:
    from . import api

    report = LossReport(list(member.report.items), member.report.source, None, member.report.file)
    try:
        results = api.write_all(member.doc, dialect, report=report, policy=policy)
    except AgentconvError as exc:
        exc.file = exc.file or member.report.file
        failed.append((member.source, exc, getattr(exc, "report", None) or report))
        return
    for r in results:
        rel = place(r.path or f"{r.name}.md")
        if rel in out:
            failed.append((member.source, OutputError(f"{out[rel].source} and {member.source} both become {rel}; "
                                                      "rename one"), r.report))
            continue
        out[rel] = Output(r.text.encode("utf-8"), member.source, r.report, dialect)


def _strip_home(path: str) -> str:
    first, _, rest = path.partition("/")
    return rest if first.startswith(".") and rest else path


def _manifest_out(pkg: Package, mapping: dict[str, Any], fmt: str) -> Output:
    report = pkg.report
    report.target = fmt
    return Output(_dump(mapping), "", report, fmt)


def _write_ap(pkg: Package, targets: list[str], policy: Policy):
    from .naming import slugify

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
        _loss(pkg.report, LossCode.NAME_CONFLICT, "name", name=pkg.name,
              conflict="does not fit Agent Plugins 1.0's plugin name rule (§5.5)", outcome=f"written as {name!r}")
    manifest: dict[str, Any] = {"$schema": ap["plugin_schema"], "name": name}
    for key, value in pkg.meta.items():
        if key == "author" and isinstance(value, dict) and not set(value) <= set(ap["author_keys"]):
            manifest[key] = {k: v for k, v in value.items() if k in ap["author_keys"]}
            pkg.claude.setdefault("author", value)
            _loss(pkg.report, LossCode.COMPONENT_FIELD_KEPT, "author",
                  component="author keys other than name, email and url", place="for Claude Code only",
                  why="Agent Plugins has no such fields")
        elif key == "author" and isinstance(value, str):
            manifest[key] = {"name": value}
            _loss(pkg.report, LossCode.COMPONENT_RESHAPED, "author",
                  field="author", shape="an object with its name")
        else:
            manifest[key] = value
    claude = dict(pkg.claude)
    servers: dict[str, Any] = {}
    mcp_report = LossReport(source=pkg.fmt, target="agent-plugins", file=pkg.sources.get(table()["claude-plugin"]["mcp"]))
    for sname, server in pkg.mcp.items():
        portable, rest = _mcp_to_ap(sname, server, mcp_report)
        if portable is not None:
            servers[sname] = portable
        if rest:
            claude.setdefault("mcpServers", {})[sname] = rest
    for key in claude:
        if key != "mcpServers":
            _loss(pkg.report, LossCode.COMPONENT_KEPT if key == "hooks" else LossCode.COMPONENT_FIELD_KEPT, key,
                  component=f"Claude Code manifest key {key!r}", place=f"under extensions.{claude_ns}",
                  why="no listed client runs it" if "claude" not in targets else "only Claude Code reads it")
    if claude:
        manifest["extensions"] = {claude_ns: claude}
    out[ap["manifest"]] = _manifest_out(pkg, manifest, "agent-plugins")
    if servers:
        out[ap["mcp"]] = Output(_dump({"$schema": ap["mcp_schema"], "mcpServers": servers}), table()["claude-plugin"]["mcp"],
                                mcp_report, "agent-plugins")
    else:
        pkg.report.items.extend(mcp_report.items)
    if pkg.hooks is not None:
        rel = f"{claude_ns}/{table()['claude-plugin']['hooks']}"
        hooks_report = LossReport(source=pkg.fmt, target="agent-plugins", file=pkg.sources.get(pkg.hooks[0]))
        out[rel] = Output(pkg.hooks[1], pkg.hooks[0], hooks_report, "agent-plugins")
        _loss(hooks_report, LossCode.COMPONENT_KEPT, "hooks",
              component="Claude Code hooks", place=f"in {rel}",
              why="no listed client runs them" if "claude" not in targets else "only Claude Code runs them")
    for member in pkg.members:
        if member.kind == "skills":
            _record(pkg, member, table()["claude-plugin"]["skills"]["dialect"], policy, _strip_home, out, failed)
            continue
        for cid in targets:
            c = ap["clients"][cid]
            dialect = c[member.kind]
            if not dialect:
                _loss(member.report, LossCode.COMPONENT_DROPPED, "kind",
                      component=f"{member.kind[:-1]} {member.doc.agent.name!r}",
                      why=f"{cid} has no {member.kind} in a package")
                continue
            _record(pkg, member, dialect, policy, lambda p, ns=c["namespace"]: f"{ns}/{_strip_home(p)}", out, failed)
    _copy_files(pkg, out, {n: c["namespace"] for n, c in ap["clients"].items()}, skip={table()["claude-plugin"]["manifest"]})
    return out, failed


def _copy_files(pkg: Package, out: dict[str, Output], _ns: dict[str, str], skip: set[str]) -> None:
    for rel, data in sorted(pkg.files.items()):
        if rel in skip or rel in out:
            continue
        report = LossReport(source=pkg.fmt, file=pkg.sources.get(rel))
        _loss(report, LossCode.FILE_COPIED, "", rel=rel)
        out[rel] = Output(data, rel, report, None)


def _write_claude(pkg: Package, policy: Policy):
    cp = table()["claude-plugin"]
    out: dict[str, Output] = {}
    failed: list = []
    manifest = {"name": pkg.name, **{k: v for k, v in pkg.meta.items()}}
    claude = dict(pkg.claude)
    if isinstance(claude.get("author"), dict):
        manifest["author"] = claude.pop("author")
    manifest.update(claude)
    out[cp["manifest"]] = _manifest_out(pkg, manifest, "claude-plugin")
    if pkg.mcp:
        out[cp["mcp"]] = Output(_dump({"mcpServers": pkg.mcp}), "mcp.json", LossReport(source=pkg.fmt, target="claude-plugin"),
                                "claude-plugin")
    if pkg.hooks is not None:
        out[cp["hooks"]] = Output(pkg.hooks[1], pkg.hooks[0], LossReport(source=pkg.fmt, target="claude-plugin"),
                                  "claude-plugin")  # where Claude Code reads hooks without a manifest key
    for member in pkg.members:
        spec = cp[member.kind]
        _record(pkg, member, spec["dialect"], policy, _strip_home, out, failed)
    ap = table()["agent-plugins"]
    namespaces = {c["namespace"] for c in ap["clients"].values()}
    for rel in list(pkg.files):
        first = rel.partition("/")[0]
        if first in namespaces:  # another client's files: no Claude Code plugin place holds them
            report = LossReport(source=pkg.fmt, file=pkg.sources.get(rel))
            _loss(report, LossCode.COMPONENT_DROPPED, "",
                  component=rel, why=f"{first} files have no place in a Claude Code plugin")
            pkg.files.pop(rel)
            failed.append((rel, None, report))
    _copy_files(pkg, out, {}, skip=set())
    return out, failed


# ---------------------------------------------------------------------------------------------------- converting
def convert_package(source: str | Path, to: str, out: str | Path, *, clients_: Iterable[str] = (),
                    from_: str | None = None, policy: Policy = Policy(), force: bool = False,
                    dry_run: bool = False) -> Iterator[Any]:
    """Convert the package (or every local plugin of the marketplace) at ``source`` to ``to`` under ``out``: one
    ``batch.FileResult`` per file written, per record that could not be written, and per source file taken as
    it is. A marketplace's plugins land at their own paths below ``out``."""
    from .batch import FileResult, record_failure

    src = Path(source)
    fmt = from_ or detect(src)
    if fmt is None:
        raise UsageError(f"not a package ({', '.join(FORMATS)}, {MARKETPLACE})", file=str(src))
    if to not in FORMATS:
        raise UsageError(f"unknown package format {to!r}; known: {', '.join(FORMATS)}")
    roots = marketplace_plugins(src) if fmt == MARKETPLACE else [(src, "")]
    if fmt == MARKETPLACE:
        fmt = "claude-plugin"
        cat = table()["claude-plugin"]["marketplace"]
        yield from _marketplace_rows(src, cat, to, out, force, dry_run)
    for root, prefix in roots:
        try:
            pkg = read_package(root, fmt, carry=policy.carry)
            files, failed = write_package(pkg, to, clients_, policy=replace_policy(policy))
        except AgentconvError as exc:
            res = FileResult(str(root), "failed")
            record_failure(res, exc, root)
            yield res
            continue
        except Exception as exc:  # noqa: BLE001 - a bug: this package fails with exit 70, the others go on
            res = FileResult(str(root), "failed")
            record_failure(res, InternalError.wrap(exc, str(root)), root)
            yield res
            continue
        yield from _emit(pkg, files, failed, Path(out), prefix, force, dry_run)


def replace_policy(policy: Policy) -> Policy:
    from dataclasses import replace

    return replace(policy, placed=True)


def marketplace_plugins(root: Path) -> list[tuple[Path, str]]:
    """(plugin folder, its path below the marketplace) of every plugin the marketplace lists with a local source."""
    cp = table()["claude-plugin"]
    data = _json(root / cp["marketplace"], cp["marketplace"])
    if not isinstance(data, dict) or not isinstance(data.get("plugins"), list):
        raise ParseError("a marketplace needs a plugins list", file=str(root / cp["marketplace"]))
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
    return out


def _marketplace_rows(root: Path, cat: str, to: str, out: str | Path, force: bool, dry_run: bool) -> Iterator[Any]:
    """The catalogue itself: kept as it is for a Claude Code target, reported for an Agent Plugins one (1.0 has no
    catalogue)."""
    from .batch import FileResult

    report = LossReport(source=MARKETPLACE, file=str(root / cat), target=to)
    data = limits.read_file(root / cat)
    if to == "claude-plugin":
        files = {cat: Output(data, cat, report, None)}
        pkg = Package(root, MARKETPLACE, "", sources={cat: str(root / cat)})
        yield from _emit(pkg, files, [], Path(out), "", force, dry_run)
        return
    parsed = json.loads(data)
    remote = [e.get("name") for e in parsed.get("plugins", []) if isinstance(e, dict) and not isinstance(e.get("source"), str)]
    _loss(report, LossCode.COMPONENT_DROPPED, "marketplace",
          component=cat, why="Agent Plugins 1.0 has no catalogue; each local plugin becomes a package at its own path"
          + (f"; plugins from other sources not converted: {', '.join(map(str, remote))}" if remote else ""))
    yield FileResult(str(root / cat), "skipped", report=report, source_dialect=MARKETPLACE,
                     reason="a Claude Code marketplace catalogue: Agent Plugins 1.0 has none")


def _emit(pkg: Package, files: dict[str, Output], failed: list, root: Path, prefix: str, force: bool,
          dry_run: bool) -> Iterator[Any]:
    """Write one package's files under ``root``/``prefix`` and yield a row for each, then one per record that was
    not written; the output root's manifest lists what was written (so ``migrate`` never takes it for a source)."""
    from .batch import FileResult, inside, not_a_source, record_failure, remember

    sources = {os.path.realpath(p) for p in pkg.sources.values()}
    written: dict[str, str] = {}
    from . import manifest as mf

    try:
        known = mf.load(root).files if root.exists() else {}
    except AgentconvError:
        known = {}
    for rel, o in files.items():
        rel = f"{prefix}/{rel}" if prefix else rel
        src = pkg.sources.get(o.source) or (str(pkg.root) if not o.source else str(pkg.root / o.source))
        res = FileResult(src, "failed", report=o.report, source_dialect=o.report.source or pkg.fmt)
        try:
            dest = inside(root, rel)
            res.target = str(dest)
            if os.path.realpath(dest) in sources and limits.read_file(dest) == o.data:
                res.status = "unchanged"  # a file both formats share (a skill, a README), converted in place
                yield res
                continue
            not_a_source(dest, sources, src)
            res.status = "planned" if dry_run else _put(dest, o.data, force, known.get(rel))
            if not dry_run:
                import hashlib

                written[rel] = hashlib.sha256(o.data).hexdigest()
        except AgentconvError as exc:
            record_failure(res, exc, Path(src))
        except OSError as exc:
            res.error, res.exit_code = f"{dest}: {exc.strerror or exc}", int(ExitCode.OUTPUT)
        yield res
    for source, exc, report in failed:
        res = FileResult(pkg.sources.get(source, str(pkg.root / source)), "failed" if exc else "skipped",
                         report=report, source_dialect=report.source)
        if exc is not None:
            record_failure(res, exc, Path(res.source))
            res.report = report
        else:
            res.reason = report.items[-1].message if report.items else "not written"
        yield res
    if written:
        remember(root, written)


def _put(dest: Path, data: bytes, force: bool, listed: str | None) -> str:
    """Write ``data`` at ``dest`` atomically: unchanged when it already holds it; another file there is replaced
    only when agentconv wrote it (the output root's manifest lists its current bytes) or with ``force``."""
    import hashlib

    from . import fsio

    if dest.exists() or dest.is_symlink():
        old = limits.read_file(dest)
        if old == data:
            return "unchanged"
        if not force and listed != hashlib.sha256(old).hexdigest():
            raise OutputError("exists (not written by agentconv, or edited since)", file=str(dest), remedy="force")
    dest.parent.mkdir(parents=True, exist_ok=True)
    fsio.write_atomic(dest, data)
    return "converted"


def migrate(repo: str | Path, to: str, *, clients_: Iterable[str] = (), out: str | Path | None = None,
            mode: str = "write", force: bool = False, policy: Policy = Policy()) -> Any:
    """``migrate`` for a repository that is a package or a marketplace of them: every package converted to ``to``
    under ``out`` (default: the repository itself, so a plugin folder holds both formats side by side; files the
    two share, such as skills, are left as they are). Returns a ``migration.Outcome``."""
    from .migration import Outcome, Record, Summary

    root = Path(repo)
    if not root.is_dir():
        raise UsageError("the repository must be a directory", file=str(root))
    fmt = detect(root)
    if fmt is None:
        raise UsageError(f"not a package or marketplace ({', '.join(FORMATS)}, {MARKETPLACE})", file=str(root))
    out_root = Path(out) if out is not None else root
    records = []
    for r in convert_package(root, to, out_root, clients_=clients_, from_=fmt, policy=policy, force=force,
                             dry_run=mode != "write"):
        rel = os.path.relpath(r.source, root).replace(os.sep, "/")
        target = os.path.relpath(r.target, out_root).replace(os.sep, "/") if r.target else None
        records.append(Record(rel, to, target, r.status, r.source_dialect, r.report.to_json(), r.error, r.exit_code,
                              remedy=r.remedy))
    summary = Summary()
    for rec in records:
        summary.statuses[rec.status] += 1
        summary.losses.update(item["code"] for item in rec.losses)
    return Outcome(records, summary)
