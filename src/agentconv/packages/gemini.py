"""A Gemini CLI extension (``gemini-extension.json``, ``commands/**/*.toml``, ``agents/*.md``, ``skills/*/SKILL.md``,
context files, MCP servers, ``excludeTools``), as Gemini CLI's own loader reads it (``packages.toml
[gemini-extension]``: google-gemini/gemini-cli packages/cli/src/config/extension-manager.ts). Records are read and
written by their dialects (``gemini``, ``gemini-command``, ``skill``); MCP servers move between Gemini CLI's spelling
and Claude Code's (``Package.mcp``); what only Gemini CLI holds (its manifest keys, its hooks, context files, policy
rules) is kept for a Gemini CLI extension and reported for any other format (``Package.elsewhere``)."""
from __future__ import annotations

import copy
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import jsontext, limits, rx
from ..errors import problem
from ..loss import LossCode, LossReport, Policy, sentence
from .mcp import subst
from .model import KINDS, Member, Package, add_member, keep_files, loss, package_files, read_json, table
from .writing import Output, copy_files, manifest_out, strip_home, write_record

FMT = "gemini-extension"


def read_gemini(root: Path, carry: bool) -> Package:
    ge = table()[FMT]
    file = root / ge["manifest"]
    manifest = read_json(file, ge["manifest"])
    if not isinstance(manifest, dict):
        raise problem("gemini-manifest-not-an-object", file=str(file))
    if not isinstance(manifest.get("name"), str) or not manifest["name"]:
        raise problem("gemini-manifest-no-name", file=str(file))
    raw = limits.read_file(file)
    manifest_read = (copy.deepcopy(manifest), raw) if not jsontext.loads(raw.decode("utf-8-sig"))[1] else None
    pkg = Package(root, FMT, manifest["name"], manifest_read=manifest_read)
    pkg.report.source, pkg.report.file = FMT, str(file)
    portable = table()["claude-plugin"]["portable"]  # version, description, and what a Claude Code plugin also holds
    pkg.meta = {k: manifest[k] for k in portable if k in manifest and k != "name"}
    pkg.gemini = {k: v for k, v in manifest.items() if k not in portable and k != "mcpServers"}
    pkg.user_config = user_config(manifest.get(ge["settings"]["key"]))
    servers = manifest.get("mcpServers")
    if isinstance(servers, dict):
        for sname, server in servers.items():
            kept = to_claude(sname, server, pkg.elsewhere)
            if kept is not None:
                pkg.mcp[sname] = kept
        pkg.gemini_mcp = (copy.deepcopy(pkg.mcp), copy.deepcopy(servers))
    elif servers is not None:
        pkg.gemini["mcpServers"] = servers
    for key, value in pkg.gemini.items():
        if key == ge["limit"]:  # dropping it widens: refused unless --allow-broaden (formats.write_package)
            pkg.elsewhere.append((LossCode.TOOL_BROADENED, key, {"variant": "gemini-exclude", "key": key, "tools": (
                ", ".join(map(str, value)) if isinstance(value, list) else repr(value))}))
            continue
        pkg.elsewhere.append((LossCode.COMPONENT_DROPPED, key, {"variant": "gemini-key", "key": key,
                                                                "why": _why_dropped(key, value)}))
    taken = {ge["manifest"]}
    all_files = package_files(pkg)
    if ge["hooks"] in all_files:  # Gemini CLI's hook events: no other format's hooks file means them
        pkg.gemini_hooks = (ge["hooks"], limits.read_file(all_files[ge["hooks"]]))
        pkg.sources[ge["hooks"]] = str(all_files[ge["hooks"]])
        taken.add(ge["hooks"])
    for name in context_files(manifest):
        if name in all_files:
            pkg.elsewhere.append((LossCode.COMPONENT_KEPT, name, {"variant": "context-file", "name": name}))
    policies = sorted(rel for rel in all_files if rel.startswith(ge["policies"] + "/"))
    if policies:
        pkg.elsewhere.append((LossCode.COMPONENT_KEPT, ge["policies"], {"variant": "policies",
                                                                         "files": ", ".join(policies)}))
    for kind in KINDS:
        spec = ge[kind]
        for rel in sorted(all_files):
            if rel in taken or not _at_place(rel, kind, spec["folder"]):
                continue
            taken.add(rel)
            as_path = f"{spec['home']}/{rel}" if spec["home"] else rel
            add_member(pkg, kind, spec["dialect"], all_files[rel], rel, as_path, carry)
    keep_files(pkg, all_files, taken)
    return pkg


def user_config(settings: Any) -> dict[str, Any] | None:
    """A Gemini CLI extension's ``settings`` as a Claude Code plugin's ``userConfig`` (packages.toml
    ``[gemini-extension] settings``): each setting a string field named by its envVar, its name the title; None where
    one does not map exactly (a key of no such meaning, an envVar that is no userConfig key, one named twice)."""
    spec = table()[FMT]["settings"]
    if not isinstance(settings, list) or not settings:
        return None
    out: dict[str, Any] = {}
    for item in settings:
        if not isinstance(item, dict) or set(item) - {"name", "description", "envVar", "sensitive"}:
            return None
        key = item.get("envVar")
        if not all(isinstance(item.get(k), str) and item[k] for k in ("name", "description", "envVar")) \
                or not re.fullmatch(table()[FMT]["user_config_key"], key) or key in out \
                or not isinstance(item.get("sensitive", False), bool):
            return None
        out[key] = {"type": "string", spec["name"]: item["name"], spec["description"]: item["description"]}
        if item.get("sensitive"):
            out[key][spec["sensitive"]] = True
    return out


def as_claude(pkg: Package) -> Package:
    """The package with its settings as a Claude Code plugin's ``userConfig`` (``user_config``), said, and its servers
    with them (``with_user_config``); as it is where they do not map or the manifest has one already."""
    if pkg.user_config is None or "userConfig" in pkg.claude:
        return pkg
    key = table()[FMT]["settings"]["key"]
    loss(pkg.report, LossCode.COMPONENT_RESHAPED, key, variant="settings-as-user-config", key=key)
    return replace(pkg, claude={**pkg.claude, "userConfig": pkg.user_config},
                   elsewhere=[e for e in pkg.elsewhere if e[1] != key], mcp=with_user_config(pkg.mcp, pkg.user_config))


def with_user_config(servers: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """An extension's servers (in Claude Code's spelling) with its settings as the plugin's ``userConfig``: each
    ``${VAR}`` of a setting is ``${user_config.VAR}``, and a command server gets every setting in its environment as
    Gemini CLI gives it (mcp-client.ts ``getExtensionEnvironment``: each resolved setting, by its envVar, in every
    stdio server's environment, its own ``env`` over it), where Claude Code gives a server none of them."""
    out = {}
    for name, server in servers.items():
        server = subst(server, [("${%s}" % k, "${user_config.%s}" % k) for k in fields])
        if isinstance(server.get("command"), str):
            env = server.get("env") if isinstance(server.get("env"), dict) else {}
            server = {**server, "env": {**{k: "${user_config.%s}" % k for k in fields}, **env}}
        out[name] = server
    return out


def settings_of(fields: Any, report: LossReport) -> list[dict[str, Any]] | None:
    """A Claude Code plugin's ``userConfig`` as a Gemini CLI extension's ``settings``: each field a setting whose
    envVar is its key; what a setting cannot hold (a type other than text, a default, required, multiple, min, max,
    options) said. None (said) where it is not a map of fields."""
    if not isinstance(fields, dict) or not all(isinstance(v, dict) for v in fields.values()):
        loss(report, LossCode.COMPONENT_DROPPED, "userConfig", variant="user-config-not-map")
        return None
    out = []
    for key, field in fields.items():
        title = field.get("title") if isinstance(field.get("title"), str) and field.get("title") else key
        setting = {"name": title, "description": str(field.get("description") or title), "envVar": key}
        if field.get("sensitive") is True:
            setting["sensitive"] = True
        out.append(setting)
        lost = [k for k in field if k not in ("title", "description", "sensitive", "type")]
        if field.get("type", "string") != "string":
            lost.insert(0, f"type {field.get('type')!r}")
        if lost:
            loss(report, LossCode.COMPONENT_DROPPED, f"userConfig.{key}", variant="user-config-field", key=key,
                 lost=", ".join(lost))
    return out


def context_files(manifest: dict[str, Any]) -> list[str]:
    """``getContextFileNames``: the manifest's contextFileName (a name or a list), GEMINI.md when it has none."""
    value = manifest.get("contextFileName")
    if not value:
        return [table()[FMT]["context"]]
    names = value if isinstance(value, list) else [value]
    return [str(Path(n).as_posix()).removeprefix("./") for n in names if isinstance(n, str)]


def _why_dropped(key: str, value: Any) -> str:
    if key == "contextFileName":
        return sentence("gemini-context-files")
    return sentence("gemini-key-no-place")


def per_record(pkg: Package) -> Package | None:
    """The package with its Gemini CLI extension's ``excludeTools`` written as each agent's and command's own deny,
    where every record can hold it so; None where one cannot (the whole package is then refused unless
    ``--allow-broaden``: ``formats.write_package``).

    What the list matches: google-gemini/gemini-cli 5411f113 (2026-08-21; the same code in the 0.61.0 bundle, read
    2026-11-29) packages/core/src/config/config.ts ``getExcludeTools`` adds every active extension's ``excludeTools`` to
    the session's set, and tools/tool-registry.ts ``isActiveTool`` drops a tool whose name, class name (``ShellTool``),
    legacy alias (``search_file_content``) or, for an MCP tool, unqualified or ``mcp_<server>_`` qualified name is in
    it: gone for the session and for every subagent (``LocalAgentExecutor`` draws from the same registry). A
    ``run_shell_command(rm -rf)`` entry, which docs/extensions/reference.md says blocks that command, is looked up as a
    whole name there and matches no tool (``doesToolInvocationMatch``, whose rule is the command itself or it followed
    by a blank and more, is called nowhere in 0.61.0); it is written as the shell denied in that scope (``rm -rf`` and
    ``rm -rf *``), narrower than Gemini CLI, never wider. Held per record when every entry names a tool
    the Gemini CLI table knows (a name it does not know may be any MCP server's tool, which no deny names exactly) and
    the package has no skill (the shared skill format has no deny; a Claude Code skill's ``disallowed-tools`` holds
    only while it runs). The session outside those records gets the tools again: said on the manifest."""
    from .. import registry
    from ..dialects.toolpolicy import settle
    from ..ir import ALLOWLIST, DENYLIST, INHERIT

    ge = table()[FMT]
    entries = pkg.gemini.get(ge["limit"])
    if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
        return None
    if any(m.kind == "skills" for m in pkg.members):
        return None
    dialect = registry.get("gemini")
    classes = dialect.table.get("tool_classes", {})
    rules: list = []
    for entry in dict.fromkeys(e.strip() for e in entries):
        head, paren, rest = entry.partition("(")
        for g in dialect.grants(classes.get(head, head) + paren + rest, "deny"):
            rules.append(g)  # the command itself, and (documented: command === arg or startsWith(arg + ' ')) with more
            if g.pattern is not None and not g.pattern.endswith("*"):
                rules.append(replace(g, pattern=g.pattern + " *"))
    if not rules or any(g.canonical is None for g in rules):
        return None
    shown = ", ".join(entries)
    # An MCP tool is also dropped by its unqualified name (``isActiveTool``: ``possibleNames`` holds the MCP tool's name
    # without its ``mcp_<server>_`` prefix; 0.61.0 bundle, read 2026-11-29): an MCP server's own `run_shell_command`
    # goes with the shell. No deny of the formats written here names a tool of every server (Claude Code matches an
    # MCP rule's server by its exact name, ``HZn``; ``mcp__*`` is every MCP tool): said on the manifest.
    twins = [e for e in dict.fromkeys(e.strip() for e in entries) if "(" not in e]
    members = []
    for member in pkg.members:
        doc = copy.deepcopy(member.doc)
        report = LossReport(list(member.report.items), member.report.source, member.report.target, member.report.file)
        for agent in doc.records:
            policy = agent.tools
            settle(policy)
            if policy.mode not in (INHERIT, DENYLIST, ALLOWLIST):
                continue  # no tools: nothing to take
            before = (policy.mode, list(policy.grants))
            added = [copy.copy(g) for g in rules]
            if policy.mode == ALLOWLIST:  # a tool it does not list is not its to lose
                listed = {g.canonical for g in policy.allowed()}
                added = [g for g in added if g.canonical in listed]
            policy.grants = [*policy.grants, *added]
            if policy.mode == INHERIT and policy.grants:
                policy.mode = DENYLIST
            settle(policy)
            if (policy.mode, policy.grants) != before:
                if agent.origin is not None:  # Gemini CLI applies it to a command too, which has no tool field
                    agent.origin.keep["tools_enforced"] = True
                report.add(LossCode.VALUE_READ_AS, "tools", variant="gemini-session-limit", key=ge["limit"], tools=shown,
                           noun="command" if member.kind == "commands" else "agent")
        members.append(Member(member.kind, doc, member.source, report))
    elsewhere = [(LossCode.COMPONENT_DROPPED, key, {"variant": "session-limit-twins", "key": key, "tools": shown,
                                                    "twins": ", ".join(twins)}) if twins else
                 (LossCode.COMPONENT_DROPPED, key, {"variant": "session-limit", "key": key, "tools": shown})
        if code is LossCode.TOOL_BROADENED and key == ge["limit"] else (code, key, params)
        for code, key, params in pkg.elsewhere]
    return replace(pkg, members=members, elsewhere=elsewhere)


def _at_place(rel: str, kind: str, folder: str) -> bool:
    if not rel.startswith(folder + "/"):
        return False
    inner = rel[len(folder) + 1:]
    if kind == "agents":  # loadAgentsFromDirectory: top-level *.md, not starting with '_'
        return "/" not in inner and inner.endswith(".md") and not inner.startswith("_")
    if kind == "commands":  # FileCommandLoader: **/*.toml
        return inner.endswith(".toml")
    return inner.count("/") == 1 and inner.endswith("/SKILL.md")  # loadSkillsFromDir: */SKILL.md


# --- MCP servers: Gemini CLI's MCPServerConfig <-> Claude Code's .mcp.json ---------------------------------------

def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


_BARE = rx.compile(r"\$([A-Za-z_]\w*)")
# Gemini CLI (packages/cli/src/utils/envVarResolver.ts, gemini-cli 5411f113; the same regex in the 0.61.0 bundle):
# `$NAME`, `${NAME}` and `${NAME:-default}` from the extension's settings, then the environment, over the whole
# manifest once `${extensionPath}`, `${workspacePath}`, `${/}` and `${pathSeparator}` are put in
# (extensions/variables.ts hydrateString); an unset one stays as written, and there is no escape for a `$`.
_GEMINI_BARE = rx.compile(r"\$(\w+)")
# Claude Code 2.1.332 (the MCP config expansion in the bundle, read 2026-11-29) expands `${NAME}` and
# `${NAME:-default}` of these names only; `$NAME` and any other `${...}` (but `${user_config.KEY}`) stay as text.
_CLAUDE_VAR = rx.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}")
_ANY_VAR = rx.compile(r"\$\{([^}]*)\}")
_USER_CONFIG = rx.compile(r"\$\{user_config\.([^}]*)\}")


def _respell(value: Any) -> Any:
    if isinstance(value, str):
        return _BARE.sub(r"${\1}", value)
    if isinstance(value, list):
        return [_respell(v) for v in value]
    if isinstance(value, dict):
        return {k: _respell(v) for k, v in value.items()}
    return value


def to_claude(name: str, server: Any, losses: list) -> dict[str, Any] | None:
    """A Gemini CLI extension's server in Claude Code's spelling, what it loses added to ``losses``; None (and a
    loss) when Claude Code cannot hold it without widening or changing it: a per-server tool limit
    (``includeTools``/``excludeTools``), a transport Claude Code has no form for, a variable it has no value for."""
    ge, cp = table()[FMT], table()["claude-plugin"]
    spec = ge["mcp"]
    path = f"mcpServers.{name}"

    def drop(variant: str, **facts: Any) -> None:  # component-dropped's VARIANT (MCP server {name!r} ...) and its facts
        losses.append((LossCode.COMPONENT_DROPPED, path, {"variant": variant, "name": name, **facts}))

    if not isinstance(server, dict):
        drop("claude-not-object")
        return None
    if limited := [k for k in spec["limits"] if k in server]:
        drop("claude-limit", limits=" and ".join(limited))
        return None
    if "${workspacePath}" in " ".join(_strings(server)):
        drop("claude-workspace")
        return None
    out: dict[str, Any] = {}
    remote = server.get("httpUrl") or server.get("url")  # createTransport: a URL wins over a command
    if isinstance(remote, str):
        typ = "http" if server.get("httpUrl") else spec["transport"].get(server.get("type", "http"))
        if typ is None:
            drop("claude-type", type=server.get("type"))
            return None
        out = {"type": typ, "url": remote}
        handled = {"httpUrl", "url", "type", "command", "args", "env", "cwd"}
    elif isinstance(server.get("command"), str):
        handled = {"type"}
    else:
        drop("claude-no-command")
        return None
    pairs = [(ge["root_var"], cp["root_var"])] + [(v, "/") for v in ge["separator_vars"]]
    for key, value in server.items():
        if key in handled:
            continue
        if key in spec["same"]:
            out[key] = subst(value, pairs)
        elif key in spec["ignored"]:
            losses.append((LossCode.COMPONENT_DROPPED, f"{path}.{key}", {"variant": "gemini-ignored-field",
                                                                          "name": name, "key": key}))
        else:
            losses.append((LossCode.COMPONENT_DROPPED, f"{path}.{key}", {"variant": "claude-server-field",
                                                                          "name": name, "key": key}))
    bare = sorted({m for v in _strings(out) for m in _BARE.findall(v)})
    if bare:  # envVarResolver.ts expands $VAR too; Claude Code only ${VAR}
        out = _respell(out)
        losses.append((LossCode.COMPONENT_RESHAPED, path, {
            "variant": "bare-variables", "name": name, "variables": ", ".join("$" + b for b in bare),
            "written": ", ".join("${%s}" % b for b in bare)}))
    odd = sorted({"${%s}" % m.group(1) for v in _strings(out) for m in _ANY_VAR.finditer(v)
                  if not _CLAUDE_VAR.fullmatch(m.group(0)) and not m.group(1).startswith("user_config.")})
    if odd:  # Gemini CLI looks them up (envVarResolver.ts takes any name); Claude Code leaves them as text
        losses.append((LossCode.VARIABLE_CHANGED, path, {"variant": "looked-up", "server": name,
                                                          "variables": ", ".join(odd)}))
    if remote is not None and "type" not in server and not server.get("httpUrl"):
        losses.append((LossCode.COMPONENT_RESHAPED, path, {"variant": "url-without-type", "name": name}))
    return out


def to_gemini(name: str, server: dict[str, Any], report: LossReport, fields: Any = None) -> dict[str, Any] | None:
    """A Claude Code server in a Gemini CLI extension's spelling; None (reported) when it has no form there."""
    ge, cp = table()[FMT], table()["claude-plugin"]
    spec = ge["mcp"]
    path = f"mcpServers.{name}"
    typ = server.get("type", "stdio")
    back = {v: k for k, v in spec["transport"].items()}
    if typ == "streamable-http":
        typ = "http"
    if typ != "stdio" and typ not in back:
        loss(report, LossCode.COMPONENT_DROPPED, path, variant="gemini-transport", name=name, transport=typ)
        return None
    if cp["data_var"] in " ".join(_strings(server)):
        loss(report, LossCode.COMPONENT_DROPPED, path, variant="gemini-data-var", name=name, var=cp["data_var"])
        return None
    pairs = [(cp["root_var"], ge["root_var"])]
    if isinstance(fields, dict):  # a field of userConfig is the setting whose envVar is its key (settings_of)
        pairs += [("${user_config.%s}" % k, "${%s}" % k) for k in fields]
    out: dict[str, Any] = {}
    for key, value in server.items():
        if key == "type":
            continue
        if key in spec["same"] or (key == "url" and typ != "stdio"):
            out[key] = subst(value, pairs)
        else:
            loss(report, LossCode.COMPONENT_DROPPED, f"{path}.{key}", variant="gemini-server-field", name=name, key=key)
    if typ != "stdio":
        out["type"] = back[typ]
    texts = _strings(out)
    bare = sorted({"$" + m for v in texts for m in _GEMINI_BARE.findall(v)})
    if bare:
        loss(report, LossCode.VARIABLE_CHANGED, path, variant="bare-dollar", server=name, variables=", ".join(bare))
    given = sorted(k for k in fields if "${%s}" % k not in " ".join(texts)) if isinstance(fields, dict) and \
        typ == "stdio" else []
    if given:  # mcp-client.ts getExtensionEnvironment: every resolved setting of the extension, to each stdio server
        loss(report, LossCode.VARIABLE_CHANGED, path, variant="settings-env", server=name, variables=", ".join(given))
    unset = sorted({m.group(0) for v in texts for m in _USER_CONFIG.finditer(v)})
    if unset:
        loss(report, LossCode.VARIABLE_CHANGED, path, variant="user-config", server=name, variables=", ".join(unset))
    return out


# --- writing ----------------------------------------------------------------------------------------------------

def write_gemini(pkg: Package, policy: Policy):
    from ..naming import slugify

    ge = table()[FMT]
    out: dict[str, Output] = {}
    failed: list = []
    same = pkg.fmt == FMT
    name = pkg.name
    if not same and not re.fullmatch(ge["name_pattern"], name):  # validateName refuses the extension
        name = re.sub(r"[^a-zA-Z0-9-]", "-", slugify(name)).strip("-") or "extension"
        loss(pkg.report, LossCode.NAME_CONFLICT, "name", variant="gemini-extension-name", name=pkg.name, written=name)
    manifest: dict[str, Any] = {"name": name}
    for key, value in pkg.meta.items():
        manifest[key] = value
        if not same and key not in ge["portable"]:
            loss(pkg.report, LossCode.COMPONENT_FIELD_KEPT, key, variant="gemini-manifest-field", key=key)
    if not same and not (isinstance(manifest.get("version"), str) and manifest["version"]):
        if "version" in manifest:
            loss(pkg.report, LossCode.VALUE_MADE_UP, "version", variant="gemini-version-not-text", value=manifest["version"],
                 written=ge["version_default"])
        else:
            loss(pkg.report, LossCode.VALUE_MADE_UP, "version", variant="gemini-version", written=ge["version_default"])
        manifest["version"] = ge["version_default"]
    fields = pkg.claude.get("userConfig") if not same and "settings" not in pkg.gemini else None
    settings = settings_of(fields, pkg.report) if fields is not None else None
    if not settings:
        fields = None
    if same and pkg.gemini_mcp is not None and pkg.gemini_mcp[0] == pkg.mcp:
        manifest["mcpServers"] = copy.deepcopy(pkg.gemini_mcp[1])
    elif pkg.mcp:
        servers = {}
        for sname, server in pkg.mcp.items():
            kept = to_gemini(sname, server, pkg.report, fields)
            if kept is not None:
                servers[sname] = kept
        if servers:
            manifest["mcpServers"] = servers
    for entry in pkg.unread_mcp:
        loss(pkg.report, LossCode.COMPONENT_DROPPED, "mcpServers", variant="mcp-entry-unread", entry=entry)
    manifest.update(pkg.gemini)
    if settings:
        manifest[table()[FMT]["settings"]["key"]] = settings
        loss(pkg.report, LossCode.COMPONENT_RESHAPED, "userConfig", variant="user-config-as-settings")
    for key in [k for k in pkg.claude if not (settings and k == "userConfig")]:
        loss(pkg.report, LossCode.COMPONENT_DROPPED, key, variant="gemini-manifest-key", key=key)
    for ns in pkg.extensions:
        loss(pkg.report, LossCode.COMPONENT_DROPPED, f"extensions.{ns}", variant="extensions-ns-gemini", ns=ns)
    for rel, _data in pkg.hooks:  # Claude Code's events and matchers are not Gemini CLI's
        report = LossReport(source=pkg.fmt, target=FMT, file=pkg.sources.get(rel))
        loss(report, LossCode.COMPONENT_DROPPED, "hooks", variant="claude-hooks")
        failed.append((rel, None, report))
    if pkg.gemini_hooks is not None:
        out[pkg.gemini_hooks[0]] = Output(pkg.gemini_hooks[1], pkg.gemini_hooks[0],
                                          LossReport(source=pkg.fmt, target=FMT), FMT)
    out[ge["manifest"]] = manifest_out(pkg, manifest, FMT)
    if same and pkg.manifest_read is not None and pkg.manifest_read[0] == manifest:
        out[ge["manifest"]].data = pkg.manifest_read[1]  # the same data: the manifest as it came
    for member in pkg.members:
        write_record(pkg, member, ge[member.kind]["dialect"], policy, strip_home, out, failed)
    if same:
        _back_in_place(pkg, out)
    reserved = {} if same else {ge["hooks"]: sentence("reserved-gemini-hooks")}
    copy_files(pkg, out, failed, reserved=reserved)
    return out, failed


def _back_in_place(pkg: Package, out: dict[str, Output]) -> None:
    """Each record written to its own format at the path it was read from: Gemini CLI names an agent and a skill
    by its header, never by its file or folder (agentLoader.ts, skillLoader.ts), so ``agents/principal.md`` named
    ``principal-engineer`` stays where it is (the dialect alone would write it at ``agents/principal-engineer.md``).
    Only a record written as one file, to a path no other output takes."""
    sources = {m.source for m in pkg.members}
    written: dict[str, list[str]] = {}
    for rel, o in out.items():
        if o.source in sources:
            written.setdefault(o.source, []).append(rel)
    for src, rels in written.items():
        if len(rels) == 1 and rels[0] != src and src not in out:
            out[src] = out.pop(rels[0])
