"""MCP servers between Claude Code's spelling (``.mcp.json``) and Agent Plugins 1.0's (``mcp.json``, §7.2): what
a server keeps, what only Claude Code can hold of it, and the plugin-root variables of each."""
from __future__ import annotations

import re
from typing import Any

from .. import rx
from ..loss import LossCode, LossReport
from .model import loss, table


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


_OTHER_VAR = rx.compile(r"\$\{(?!PLUGIN_ROOT\}|PLUGIN_DATA\})[^}]*\}")


def to_agent_plugins(name: str, server: dict[str, Any], report: LossReport) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """A Claude Code server as an Agent Plugins one, and what only Claude Code can hold of it (None: all of it)."""
    cp, ap = table()["claude-plugin"], table()["agent-plugins"]
    typ = server.get("type", "stdio")
    kind = cp["transport"].get(typ) if isinstance(typ, str) else None
    path = f"mcpServers.{name}"
    if kind is None:
        loss(report, LossCode.COMPONENT_KEPT, path,
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
        loss(report, LossCode.COMPONENT_KEPT, path,
             component=f"MCP server {name!r}", place="for Claude Code only", why=f"{bad}, which Agent Plugins does not allow")
        return None, server
    if args_vars := sorted({m for v in [*out.get("args", []), *out.get("env", {}).values(), *out.get("headers", {}).values()]
                            if isinstance(v, str) for m in _OTHER_VAR.findall(v)}):
        loss(report, LossCode.COMPONENT_CHANGED, path,
             server=name, variables=", ".join(args_vars))
    for key in rest:
        if key != "type":
            loss(report, LossCode.COMPONENT_FIELD_KEPT, f"{path}.{key}",
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


def to_claude(name: str, server: Any, rest: dict[str, Any], report: LossReport) -> dict[str, Any]:
    """An Agent Plugins server in Claude Code's spelling, with what only Claude Code held of it put back."""
    if not isinstance(server, dict) or server.get("type") not in table()["agent-plugins"]["servers"]:
        loss(report, LossCode.COMPONENT_DROPPED, f"mcpServers.{name}",
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
            loss(report, LossCode.COMPONENT_DROPPED, f"mcpServers.{name}.cwd",
                 component=f"MCP server {name!r}'s cwd {value!r}",
                 why="Claude Code has no working directory for a server")
            continue
        if key == "command" and isinstance(value, str) and value.startswith("./"):
            value = f"{root_var}/{value[2:]}"
        out[key] = _vars(value, pairs)
    if "type" in rest and "type" not in out:
        out = {"type": rest["type"], **out}
    return {**out, **rest}
