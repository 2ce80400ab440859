"""MCP servers between Claude Code's spelling (``.mcp.json``) and Agent Plugins 1.0's (``mcp.json``, spec-1.0.0.md
"7.2 MCP servers"): what a server keeps, what only Claude Code can hold of it, and the plugin-root variables of
each. ``server_problem`` is the spec's rule for one entry, used by the writer (write strictly) and the reader (an
invalid entry is skipped and reported, "7.2.2 Loading rules")."""
from __future__ import annotations

import posixpath
from typing import Any

from .. import rx
from ..loss import LossCode, LossReport, sentence
from .model import loss, table


def subst(value: Any, pairs: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        for a, b in pairs:
            value = value.replace(a, b)
        return value
    if isinstance(value, list):
        return [subst(v, pairs) for v in value]
    if isinstance(value, dict):
        return {k: subst(v, pairs) for k, v in value.items()}
    return value


def _var_pairs(src: str, dst: str) -> list[tuple[str, str]]:
    a, b = table()[src], table()[dst]
    return [(a["root_var"], b["root_var"]), (a["data_var"], b["data_var"])]


def _mapped(key: str, value: Any, pairs: list[tuple[str, str]]) -> Any:
    """A field's value with the plugin-root variables renamed where Agent Plugins expands them (args, env values,
    cwd: "9.2 Placeholder expansion"); elsewhere (url, headers) both formats' text stays as written."""
    return subst(value, pairs) if key in table()["agent-plugins"]["expanded"] else value


_OTHER_VAR = rx.compile(r"\$\{(?!PLUGIN_ROOT\}|PLUGIN_DATA\})[^}]*\}")
_ANY_VAR = rx.compile(r"\$\{[^}]*\}")
_TOKEN = rx.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 5.1 field-name (token)
_FIELD_VALUE = rx.compile(r"(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?")  # RFC 9110 5.5
_SPACE = rx.compile(r"\s")


def to_agent_plugins(name: str, server: dict[str, Any], report: LossReport) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """A Claude Code server as an Agent Plugins one, and what only Claude Code can hold of it (None: all of it)."""
    cp, ap = table()["claude-plugin"], table()["agent-plugins"]
    typ = server.get("type", "stdio")
    kind = cp["transport"].get(typ) if isinstance(typ, str) else None
    path = f"mcpServers.{name}"
    if kind is None:
        loss(report, LossCode.COMPONENT_KEPT, path, variant="mcp-transport", name=name, transport=typ)
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
            out[key] = _mapped(key, value, pairs)
        else:
            rest[key] = value
    command = out.get("command")
    if isinstance(command, str) and command.startswith(cp["root_var"] + "/"):
        out["command"] = "./" + command[len(cp["root_var"]) + 1:]
    bad = server_problem(out)
    if bad:
        loss(report, LossCode.COMPONENT_KEPT, path, variant="mcp-invalid", name=name, problem=bad)
        return None, server
    if isinstance(out.get("command"), str) and "${" in out["command"]:
        loss(report, LossCode.COMPONENT_KEPT, path, variant="mcp-command-variable", name=name, command=out["command"])
        return None, server
    literal = _literal(out)  # never expanded in url or headers ("7.2.1", "9.2"); a command has none here
    if literal:
        loss(report, LossCode.COMPONENT_CHANGED, path,
             server=name, variables=", ".join(sorted(set(literal))))
    for key in rest:
        if key != "type":
            loss(report, LossCode.COMPONENT_FIELD_KEPT, f"{path}.{key}", variant="mcp-field", name=name, key=key)
    return out, rest


def server_problem(server: Any) -> str | None:
    """Why one ``mcp.json`` server entry is invalid under spec-1.0.0.md "7.2.1 Discovery and configuration" and
    "9.2 Placeholder expansion" (None: valid): a closed variant, its fields' types, a `command` that is one bare
    or ``./`` token, a `cwd` of the three forms, both kept inside their root ("4.1 General requirements"), env
    without the reserved names, an absolute http(s) URL without user information or fragment (HTTP only on a
    loopback host), header fields that are valid HTTP fields, each name once (case-insensitively)."""
    ap = table()["agent-plugins"]
    if not isinstance(server, dict):
        return sentence("mcp-entry-not-object")
    kind = server.get("type")
    if not isinstance(kind, str) or kind not in ap["servers"]:  # a list or a map is no variant (it hashed as one)
        return sentence("mcp-entry-type", kind=kind, kinds=", ".join(ap["servers"]))
    if extra := [k for k in server if k not in ap["servers"][kind]]:
        return sentence("mcp-entry-field", keys=", ".join(map(repr, extra)), kind=kind)
    if kind == "stdio":
        return _stdio_problem(server, ap)
    return _remote_problem(server, ap)


def _stdio_problem(server: dict[str, Any], ap: dict[str, Any]) -> str | None:
    cmd = server.get("command")
    if not isinstance(cmd, str) or not cmd or _SPACE.search(cmd) or ("/" in cmd and not cmd.startswith("./")) \
            or (cmd.startswith(".") and not cmd.startswith("./")) or (cmd.startswith("./") and _escapes(cmd[2:])):
        return sentence("mcp-entry-command", command=cmd)
    args, env = server.get("args", []), server.get("env", {})
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        return sentence("mcp-entry-args")
    if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
        return sentence("mcp-entry-env")
    if reserved := [k for k in env if k in ap["reserved_env"]]:
        return sentence("mcp-entry-env-reserved", names=", ".join(reserved))
    if "cwd" in server:
        cwd = server["cwd"]
        root = next((r for r in ap["cwd_roots"] if isinstance(cwd, str) and (
            cwd.startswith(r) if r.endswith("/") else cwd == r or cwd.startswith(r + "/"))), None)
        if root is None or _escapes(cwd[len(root):].lstrip("/")):
            return sentence("mcp-entry-cwd", cwd=cwd)
    return None


def _remote_problem(server: dict[str, Any], ap: dict[str, Any]) -> str | None:
    from urllib.parse import urlsplit

    url = server.get("url")
    try:
        parts = urlsplit(url) if isinstance(url, str) else None
        host = parts.hostname if parts else None
    except ValueError:
        parts = host = None
    if parts is None or parts.scheme not in ap["url_schemes"] or not host or "@" in parts.netloc or "#" in url \
            or (parts.scheme != "https" and not _loopback(host, ap)):
        return sentence("mcp-entry-url", url=url)
    headers = server.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        return sentence("mcp-entry-headers")
    if bad := [k for k, v in headers.items() if not _TOKEN.fullmatch(k) or not _FIELD_VALUE.fullmatch(v)]:
        return sentence("mcp-entry-header", header=bad[0])
    if len({k.lower() for k in headers}) != len(headers):
        return sentence("mcp-entry-header-twice")
    return None


def _escapes(rel: str) -> bool:
    """A ``/``-separated path below a root that leaves it once normalized."""
    norm = posixpath.normpath(rel or ".")
    return norm == ".." or norm.startswith("../") or norm.startswith("/")


def _loopback(host: str, ap: dict[str, Any]) -> bool:
    import ipaddress

    if host in ap["loopback_names"]:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def to_claude(name: str, server: Any, rest: dict[str, Any], report: LossReport) -> dict[str, Any]:
    """An Agent Plugins server in Claude Code's spelling, with what only Claude Code held of it put back; an entry
    the spec calls invalid is skipped and reported ("7.2.2 Loading rules" 3)."""
    if bad := server_problem(server):
        loss(report, LossCode.COMPONENT_DROPPED, f"mcpServers.{name}", variant="mcp-invalid", name=name, problem=bad)
        return rest
    kind = server["type"]
    out: dict[str, Any] = {} if kind == "stdio" else {"type": "http" if kind == "streamable-http" else kind}
    pairs = _var_pairs("agent-plugins", "claude-plugin")
    root_var = table()["claude-plugin"]["root_var"]
    for key, value in server.items():
        if key == "type":
            continue
        if key == "cwd":
            loss(report, LossCode.COMPONENT_DROPPED, f"mcpServers.{name}.cwd", variant="mcp-cwd", name=name,
                 value=value)
            continue
        if key == "command" and value.startswith("./"):
            value = f"{root_var}/{value[2:]}"
        out[key] = _mapped(key, value, pairs)
    literal = _literal(server)
    if literal:  # text in Agent Plugins, a variable for Claude Code (which expands in every field it keeps)
        loss(report, LossCode.COMPONENT_EXPANDED, f"mcpServers.{name}",
             server=name, variables=", ".join(sorted(set(literal))))
    if "type" in rest and "type" not in out:
        out = {"type": rest["type"], **out}
    return {**out, **rest}


def _literal(server: dict[str, Any]) -> list[str]:
    """The ``${...}`` an Agent Plugins server holds as text: in args and env other than the plugin-root variables
    (which it expands), and every one in command, url and header names and values."""
    found = [m for v in [*server.get("args", []), *server.get("env", {}).values()] for m in _OTHER_VAR.findall(v)]
    return found + [m for v in [server.get("command", ""), server.get("url", ""), *server.get("headers", {}),
                                *server.get("headers", {}).values()] for m in _ANY_VAR.findall(v)]
