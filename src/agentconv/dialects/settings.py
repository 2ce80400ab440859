"""A project's settings beneath its agents' tools: the rules a tool applies to every agent of a project from its
settings files, which no agent file holds (``Dialect.project_base``), read beneath an agent's own tool list (never
widen): Claude Code's ``permissions.deny`` (``claude``), Gemini CLI's ``tools.exclude`` (``gemini``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import limits, rx
from ..errors import ParseError
from ..ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Grant
from ..loss import LossCode, LossReport, sentence
from .helpers import per_run, shown_path, unscoped, up_to_worktree
from .toolpolicy import server_of, settle

if TYPE_CHECKING:
    from ..ir import Agent
    from .base import Dialect

CLAUDE = ("settings.json", "settings.local.json")
_MCP_UNSAFE = rx.compile(r"[^a-zA-Z0-9_-]")  # Claude Code's tool names spell a server so (mcp__<server>__<tool>)


@dataclass(frozen=True)
class Servers:
    """Gemini CLI's limits on the MCP servers it connects and the tools it registers of each (workspace settings):
    ``mcp.allowed`` (a non-empty list: only those servers connect, mcp-client-manager.ts ``isBlockedBySettings``) and
    each ``mcpServers.NAME``'s ``includeTools`` and ``excludeTools`` (mcp-client.ts ``isEnabled``: a tool excludeTools
    names is never registered; where includeTools is given, only the tools it names, ``name`` or ``name(...)``)."""

    only: tuple[str, ...] | None
    """The servers ``mcp.allowed`` lets connect; None: no such list (every configured server connects)."""
    tools: tuple[tuple[str, tuple[str, ...]], ...]
    """(server, the tools its ``includeTools`` names): its only tools."""
    deny: tuple[tuple[str, str], ...]
    """(server, tool) for each tool a server's ``excludeTools`` names."""
    file: str
    """The settings file that gave them."""
    keys: tuple[str, ...]
    """The keys that gave them, as the report names them."""
    why: str = "as Gemini CLI connects no other server and registers no other tool of one"
    """Why they hold, as the report says it."""


@dataclass(frozen=True)
class Base:
    """What a project's settings files put beneath its agents' tools."""

    deny: tuple[str, ...]
    """Their deny rules (``Bash``, ``WebFetch``, ``Read(./.env)``; ``run_shell_command``), in the order read, each once."""
    files: tuple[str, ...]
    """The settings files that gave them."""
    unread: tuple[tuple[str, str], ...] = ()
    """(file, problem): a settings file agentconv cannot read (the tool skips it with an error)."""
    other: tuple[str, ...] = ()
    """Other keys of theirs that the tool applies to subagents too and no agent file holds, named in the report, not
    read (Claude Code's ``permissions.defaultMode``: the mode the session starts in, which the user changes as it runs
    and an agent's own ``permissionMode`` may replace, not a fact of any one agent; ``claude``)."""
    key: str = "permissions.deny"
    """Where the rules are, as the report names it."""
    tool: str = "Claude Code"
    allow: tuple[str, ...] | None = None
    """An allowlist over every tool, where the settings have one (Gemini CLI's ``tools.core``): a tool it does not
    name is not available to any agent (``run_shell_command(git)``: the shell for those commands only); None: none."""
    allow_files: tuple[str, ...] = ()
    """The settings files that gave ``allow``."""
    ask: tuple[str, ...] = ()
    """Their ask rules (Claude Code's ``permissions.ask``: ``WebFetch``, ``Bash(git push:*)``), in the order read, each
    once: a call they match asks first, whatever else allows it (``claude``)."""
    ask_files: tuple[str, ...] = ()
    """The settings files that gave ``ask``."""
    servers: Servers | None = None
    """Limits on the MCP servers and their tools (Gemini CLI's ``mcp.allowed``, ``mcpServers.*.includeTools`` and
    ``excludeTools``; Claude Code's ``allowedMcpServers``); None: none."""
    unmapped: tuple[str, ...] = ()
    """Claude Code ``deniedMcpServers`` entries by command or URL that match no server of the project's .mcp.json:
    they may block a server configured elsewhere, which agentconv cannot name (said, ``read_beneath``)."""
    no_shell: str | None = None
    """The settings file whose ``disableSkillShellExecution: true`` holds (the last file that sets the key: Claude
    Code merges the files, a later source's value over an earlier one's); None: a skill's or command's shell commands
    run. @anthropic-ai/claude-code 2.1.330 (the bundle in the native binary, read 2026-11-29): the setting is "Disable
    inline shell execution in skills and custom slash commands from user, project, or plugin sources. Commands are
    replaced with a placeholder instead of being run."; its check (``SMe``) reads policySettings, then the merged
    settings of every source (a project's ``.claude/settings.json`` and ``settings.local.json`` among them), and the
    substitution (``d0``) replaces each ```` ```! ```` block and each ``!`cmd``` with "[shell command execution
    disabled by policy]" (``inert_shell``)."""
    hooks: tuple[str, ...] = ()
    """Their hook events that decide a tool call (``claude.toml [layout] hook_events``: a ``PreToolUse`` hook may deny
    it), which Claude Code runs for a subagent's calls too; said where the record is written for another tool
    (``hooks_said``)."""
    hook_files: tuple[str, ...] = ()
    """The settings files that gave ``hooks``."""


def claude(file: str) -> Base | None:
    """The deny rules of the settings Claude Code reads beside an agent of a ``.claude/agents/`` folder.

    They hold for the subagent: @anthropic-ai/claude-code 2.1.330 (the bundled cli in the native binary, npm
    2026-11-20, read 2026-11-28) runs a subagent (``runAgent``) with a ``getAppState`` that takes the session's own
    app state and changes its ``toolPermissionContext`` only by its permission mode, the prompts it may show, its
    ``allowedTools`` (the session's allow rules, none else) and its own ``disallowedTools``, which it adds to the
    ``alwaysDenyRules`` as ``session`` rules: the session's ``alwaysDenyRules``, loaded from ``userSettings``,
    ``projectSettings`` (``.claude/settings.json``), ``localSettings`` (``.claude/settings.local.json``) and the
    rest, stay, and every tool call of the subagent is checked against them. The docs do not say it either way
    (code.claude.com/docs/en/sub-agents and /permissions, checked 2026-11-28), and issue threads conflict (most of
    the reports of subagents "not inheriting permissions" are about allow rules and a parent's bypass mode).

    Which files: the project folder's (the one holding ``.claude/agents/``) ``.claude/settings.json`` and
    ``.claude/settings.local.json``, and the local one at the root of its git worktree, where Claude Code has saved
    approvals since v2.1.211 (``localSettings`` resolved to the repository's root, the session folder's own still
    read: code.claude.com/docs/en/permissions). An agent of ``~/.claude/agents/`` gets ``~/.claude/settings.json``,
    the user's settings, which hold in every session. The same for a skill of ``.claude/skills/`` and a command of
    ``.claude/commands/``, which run in the session's own permission context (``preapproved_beneath``). None where the
    file is in no such folder or no settings file denies or asks anything.

    Also read as deny rules: ``disabledMcpjsonServers``, the project ``.mcp.json`` servers the user rejected. The same
    cli marks a server a settings list names "rejected" (its approval check, before ``enabledMcpjsonServers`` and
    ``enableAllProjectMcpServers``) and never connects it, and a subagent has only its session's servers: each is read
    as ``mcp__<server>`` denied (the name spelt as its tool names spell it). It holds for .mcp.json servers only, so a
    user-scope server of that name is denied too: narrower, never wider. And ``deniedMcpServers``'s server names
    (``_denied_servers``), which Claude Code never connects whatever their scope.

    ``deniedMcpServers``' ``serverCommand`` and ``serverUrl`` entries are read as the project ``.mcp.json`` servers
    they match (``_denied_by_what``); one that matches none is said (it may block a server configured elsewhere).
    ``allowedMcpServers`` (every file's entries together: Claude Code merges the lists) is read as the servers it
    admits (``_admitted``: by name, or by command line or URL where the list matches stdio or remote servers so),
    a limit on the agent's MCP tools (``Base.servers``): 2.1.330 ``fA``/``F_o`` connects no other server, a managed
    one aside (those are not read here: narrower). A list that only a project file holds still keeps out the servers
    users add (it cannot keep out the organization's, "They still apply to other servers").

    Not read, as they switch nothing off: ``enabledMcpjsonServers`` and ``enableAllProjectMcpServers`` (approvals:
    a .mcp.json server neither names nor rejects is "pending", asked about in a terminal session and approved in a
    non-interactive one, 2.1.330 ``vnt``/``qIt``)."""
    folder, name = os.path.split(file)
    if "\\" in name:  # read as a folder's '/' below: the name's part of the path would count
        return _claude_of(file)
    return per_run(("claude settings of", folder), lambda: _claude_of(file))  # the same for every file of a folder


def _claude_of(file: str) -> Base | None:
    where = _absolute(file).replace("\\", "/")
    cut = max(where.rfind(f"/.claude/{kind}/") for kind in ("agents", "skills", "commands"))
    if cut < 0:
        return None
    project = where[:cut] or "/"
    return per_run(("claude settings", project), lambda: _claude(project))  # one look per project in a batch


def _absolute(file: str) -> str:
    """``os.path.abspath(file)``, its folder's part looked up once per folder in a run (``per_run``): a relative path
    costs a ``getcwd`` system call each time, one per source of a migration (issue 11)."""
    folder, name = os.path.split(file)
    if not folder or name in ("", ".", "..") or os.path.isabs(folder):
        return os.path.abspath(file)
    return os.path.join(per_run(("abspath", folder), lambda: os.path.abspath(folder)), name)


def _claude(project: str) -> Base | None:
    names = [os.path.join(project, ".claude", n) for n in CLAUDE]
    up, rooted = up_to_worktree(project)
    if rooted and up[0] != project:
        names.append(os.path.join(up[0], ".claude", CLAUDE[1]))

    configs = _project_servers(project)
    allowed: list[Any] = []  # allowedMcpServers' entries, every file's (Claude Code merges the lists)
    allowed_files: list[str] = []
    unmapped: list[str] = []  # deniedMcpServers' command or URL entries that name no server of .mcp.json
    no_shell: list[str | None] = []  # per file that sets disableSkillShellExecution: it, if true
    from .. import registry

    gates = registry.get("claude").table["layout"]["hook_events"]
    hooked: dict[str, None] = {}  # hook events that decide a tool call (``Base.hooks``), and their files
    hook_files: list[str] = []

    def rules(data: dict[str, Any], file: str) -> tuple[Any, list[str], None, Any]:
        perms = data.get("permissions")
        perms = perms if isinstance(perms, dict) else {}
        deny = _rules(perms.get("deny"))
        servers = _rules(data.get("disabledMcpjsonServers"))
        named = _denied_servers(data.get("deniedMcpServers"))
        by_what, missed = _denied_by_what(data.get("deniedMcpServers"), configs)
        unmapped.extend(missed)
        gave.update(k for k, v in (("permissions.deny", deny), ("disabledMcpjsonServers", servers),
                                   ("deniedMcpServers", named or by_what)) if v)
        if "disableSkillShellExecution" in data:  # (``Base.no_shell``)
            no_shell.append(file if data["disableSkillShellExecution"] is True else None)
        hooks = data.get("hooks")
        if isinstance(hooks, dict) and (events := [e for e in gates if hooks.get(e)]):
            hooked.update(dict.fromkeys(events))
            hook_files.append(file)
        if "allowedMcpServers" in data:
            allowed.extend(data["allowedMcpServers"] if isinstance(data["allowedMcpServers"], list) else [None])
            allowed_files.append(file)
        return ([*deny, *(f"mcp__{_MCP_UNSAFE.sub('_', s)}" for s in dict.fromkeys([*servers, *named, *by_what]))],
                ["permissions.defaultMode"] if perms.get("defaultMode") else [], None, perms.get("ask"))

    gave: set[str] = set()  # the keys that gave deny rules, as the report names them
    base = _read(names, rules, lambda *a: Base(*a, key=" and ".join(sorted(gave, reverse=True)) or "permissions.deny"))
    if no_shell:  # the last file that sets it says it (Claude Code merges them, a later source's value winning)
        if no_shell[-1] is not None:
            base = replace(base or Base((), (), key="permissions.deny"), no_shell=no_shell[-1])
    if unmapped:
        base = replace(base or Base((), (), key="permissions.deny"), unmapped=tuple(dict.fromkeys(unmapped)))
    if hooked:
        base = replace(base or Base((), (), key="permissions.deny"), hooks=tuple(hooked), hook_files=tuple(hook_files))
    if not allowed_files:
        return base
    lim = Servers(_admitted(allowed, configs), (), (), file=allowed_files[0], keys=("allowedMcpServers",),
                  why="as Claude Code connects no server its allowedMcpServers does not admit (a server it names that "
                      "no .mcp.json configures is left out where the list also matches by command or URL)")
    base = base or Base((), (), key="permissions.deny")
    return replace(base, servers=lim)


def inert_shell(agent: "Agent", raw: str, spelling: Any, report: LossReport) -> tuple[int, ...]:
    """The shell commands of a Claude Code command's prompt (``raw``, in ``spelling``) that its project's
    ``disableSkillShellExecution`` keeps from running (``Base.no_shell``), as the placeholders (numbered in order, as
    ``placeholders._read`` numbers them) that are literal text: written as text, never as a command another tool
    runs (Gemini CLI's ``!{...}``, OpenCode's ``!`...```), said. None where the setting is off or there are none."""
    from ..placeholders import SHELL, TEXT

    base = agent.origin.keep.get("base") if agent.origin is not None else None
    if not isinstance(base, Base) or base.no_shell is None:
        return ()
    out, n = [], -1
    for tok in spelling.tokenize(raw):
        if tok.kind != TEXT:
            n += 1
            if tok.kind == SHELL:
                out.append(n)
    if out:
        report.add(LossCode.VALUE_READ_AS, "prompt", variant="no-skill-shell" if len(out) > 1 else "no-skill-shell-one",
                   config=shown_path(base.no_shell), count=len(out))
    return tuple(out)


def _project_servers(project: str) -> dict[str, dict[str, Any]]:
    """The servers of the project's ``.mcp.json`` (name -> config), read leniently; none where it cannot be read."""
    name = os.path.join(project, ".mcp.json")
    if not os.path.isfile(name):
        return {}
    try:
        data = _settings(name)
    except (OSError, UnicodeDecodeError, ParseError, limits.LimitError):
        return {}
    servers = data.get("mcpServers") if isinstance(data, dict) else None
    return {k: v for k, v in servers.items() if isinstance(k, str) and isinstance(v, dict)} \
        if isinstance(servers, dict) else {}


def _command(cfg: dict[str, Any]) -> list[Any] | None:
    """A server config's command line as Claude Code matches a ``serverCommand`` entry against it (2.1.330 ``mVt``:
    ``[command, ...args]`` for a config of no type or type ``stdio``); None: a remote server."""
    if cfg.get("type") not in (None, "stdio"):
        return None
    args = cfg.get("args")
    return [cfg.get("command"), *(args if isinstance(args, list) else [])]


def _literal(parts: list[Any]) -> bool:
    """Text throughout, with no ``$`` (Claude Code expands ``${VAR}`` in both before it compares them)."""
    return all(isinstance(p, str) and "$" not in p for p in parts)


def _url_matches(pattern: str, url: str) -> bool:
    """Whether a ``serverUrl`` pattern may match a server's URL, read widely (a deny, never an admission): case
    folded, port, query and fragment and a trailing slash dropped, ``*`` any run of characters, a pattern without a
    path any path of its host (2.1.330 ``hon``/``Bco``: host by pattern, any port under a host wildcard, a pattern
    without a path or query matches every path; one without a query every query, a trailing slash added)."""
    import fnmatch
    from urllib.parse import urlsplit

    def norm(u: str) -> tuple[str, str]:
        try:
            parts = urlsplit(u.strip().lower())
            host = (parts.hostname or "").rstrip(".")
        except ValueError:
            return u.lower(), ""
        return f"{parts.scheme}://{host}", parts.path.rstrip("/")

    if pattern.strip() == "*":
        return True
    (ph, pp), (uh, up) = norm(pattern), norm(url)
    glob = lambda p, t: fnmatch.fnmatchcase(t, p.replace("[", "[[]").replace("?", "[?]"))  # noqa: E731
    return glob(ph, uh) and (not pp or glob(pp, up) or glob(pp + "/*", up))


def _denied_by_what(found: Any, configs: dict[str, dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The ``.mcp.json`` servers a ``deniedMcpServers`` list's ``serverCommand`` and ``serverUrl`` entries block, and
    those entries that block none of them (said: they may block a server configured elsewhere). 2.1.330 ``D_o``: an
    entry whose command line equals the server's (``[command, ...args]``, ``${VAR}`` expanded in both) blocks it, and
    a URL pattern that matches its URL (``Bco``). Read widely, as a deny: a command holding ``$`` on either side
    (its value unknown here) is taken as matching; a URL pattern as ``_url_matches``."""
    names: list[str] = []
    missed: list[str] = []
    for e in found if isinstance(found, list) else ():
        if not isinstance(e, dict) or "serverName" in e:
            continue
        cmd, url = e.get("serverCommand"), e.get("serverUrl")
        hit = []
        for name, cfg in configs.items():
            line = _command(cfg)
            if isinstance(cmd, list) and cmd and line is not None and (
                    line == cmd or len(line) == len(cmd) and not (_literal(line) and _literal(cmd))):
                hit.append(name)
            elif isinstance(url, str) and line is None and isinstance(cfg.get("url"), str) and (
                    _url_matches(url, cfg["url"]) or "$" in cfg["url"] or "$" in url):
                hit.append(name)
        if hit:
            names += hit
        elif isinstance(cmd, list) or isinstance(url, str):
            missed.append(" ".join(map(str, cmd)) if isinstance(cmd, list) else str(url))
    return names, missed


def _admitted(entries: list[Any], configs: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """The servers (as their tool names spell them) an ``allowedMcpServers`` list admits, read narrowly. 2.1.330
    ``F_o``: a stdio server is matched by command line alone where the list has any ``serverCommand`` entry (its
    ``[command, ...args]`` equal to one), a remote one by URL alone where it has any ``serverUrl`` entry, any other by
    ``serverName``; an empty list admits none; a list that is not valid (an entry with not exactly one of those keys,
    a name outside ``[a-zA-Z0-9_-]``) admits none ("enforcing an empty allowlist"). Narrow: a command or URL holding
    ``$`` is not taken as matching, a URL pattern matches only its own text or ``*``, and a server no ``.mcp.json``
    configures is admitted by name only where the list has no command or URL entry."""
    keys = ("serverName", "serverCommand", "serverUrl")
    valid = all(isinstance(e, dict) and sum(k in e for k in keys) == 1 and (
        isinstance(e.get("serverName"), str) and bool(rx.compile(r"^[a-zA-Z0-9_-]+$").match(e["serverName"]))
        or isinstance(e.get("serverCommand"), list) and bool(e["serverCommand"])
        and all(isinstance(p, str) for p in e["serverCommand"])
        or isinstance(e.get("serverUrl"), str)) for e in entries)
    if not valid:
        return ()
    named = {e["serverName"] for e in entries if "serverName" in e}
    cmds = [e["serverCommand"] for e in entries if "serverCommand" in e]
    urls = [e["serverUrl"] for e in entries if "serverUrl" in e]
    out: list[str] = []
    for name, cfg in configs.items():
        line = _command(cfg)
        if line is not None and cmds:
            ok = _literal(line) and line in cmds
        elif line is None and urls and isinstance(cfg.get("url"), str):
            ok = "$" not in cfg["url"] and any(u.strip() == "*" or u == cfg["url"] for u in urls)
        else:
            ok = name in named
        if ok:
            out.append(_MCP_UNSAFE.sub("_", name))
    if not cmds and not urls:
        out += [n for n in named if n not in configs]
    return tuple(dict.fromkeys(out))


def _denied_servers(found: Any) -> list[str]:
    """The server names of a Claude Code ``deniedMcpServers`` list: its ``{"serverName": NAME}`` entries (a
    ``serverCommand`` or ``serverUrl`` entry names no server: not read). @anthropic-ai/claude-code 2.1.330 (the
    bundled cli, read 2026-11-29): the list is merged from every settings source, ``projectSettings`` and
    ``localSettings`` too (the merge's union keys: ``disabledMcpjsonServers``, ``deniedMcpServers``, ...; its own
    message, "set in your own, the project's or your organization's Claude Code settings"), and a server whose name an
    entry gives verbatim ("names are compared verbatim") is never connected (``fA``: ``pfe`` ... ``D_o``), whatever
    its scope, but a managed one (those skip the repository's entries, ``withoutRepository``)."""
    return [e["serverName"] for e in found if isinstance(e, dict) and isinstance(e.get("serverName"), str)
            and e["serverName"].strip() and e["serverName"] == e["serverName"].strip()] \
        if isinstance(found, list) else []


def gemini(file: str) -> Base | None:
    """The ``tools.exclude`` of the settings Gemini CLI reads beside an agent of a ``.gemini/agents/`` folder: the
    workspace's ``.gemini/settings.json`` (the folder holding ``.gemini/agents/``: Storage's getWorkspaceSettingsPath and
    getProjectAgentsDir, both under the session's folder; ``~/.gemini/settings.json``, the user's, for
    ``~/.gemini/agents/``). They hold for the subagent: google-gemini/gemini-cli 5411f113 (2026-08-21, read
    2026-11-28), packages/core/src/agents/local-executor.ts ``LocalAgentExecutor.create`` gives a subagent only the
    tools its parent registry hands out (``getTool``, ``getAllTools``, ``getToolsByServer``, ``getAllToolNames``), and
    tools/tool-registry.ts hands out active tools only (``getActiveTools``, ``isActiveTool``: not in
    ``config.getExcludeTools()``, which is settings' ``tools.exclude`` with the extensions' and the policy engine's
    exclusions, packages/cli/src/config/config.ts ``mergeExcludeTools``). Settings are JSON with comments
    (strip-json-comments). A tool is named by its name or its class's (``ShellTool``: isActiveTool matches both;
    the table's ``[tool_classes]``). Also read: ``mcp.excluded``, servers whose tools are denied (policy/config.ts,
    ``mcp_<server>_*`` DENY rules), and ``tools.core``, an allowlist over every tool (``allow``): config.ts
    ``createToolRegistry`` registers only the built-in tools it names (by name or class, ``name(args)`` too), and
    policy/config.ts adds an ALLOW rule for each entry (a shell entry's args a command prefix) over a DENY rule for
    ``*`` (MCP tools too) at ``CORE_TOOLS_FLAG_PRIORITY - 0.01``, above the trusted and allowed MCP servers' rules;
    ``tools.allowed`` (higher) could let an MCP tool through again: not read, so that reading is narrower, never wider."""
    where = _absolute(file).replace("\\", "/")
    cut = where.rfind("/.gemini/agents/")
    if cut < 0:
        return None

    from .. import registry

    classes = registry.get("gemini").table.get("tool_classes", {})

    def named(rule: Any) -> Any:  # a class's name as its tool's: ShellTool(ls) is run_shell_command(ls)
        if not isinstance(rule, str):
            return rule
        head, paren, rest = rule.strip().partition("(")
        return classes.get(head, head) + paren + rest if head in classes else rule

    def rules(data: dict[str, Any], _name: str) -> tuple[Any, list[str], Any]:
        tools, mcp = data.get("tools"), data.get("mcp")
        tools = tools if isinstance(tools, dict) else {}
        mcp = mcp if isinstance(mcp, dict) else {}
        exclude = tools.get("exclude") if isinstance(tools.get("exclude"), list) else []
        servers = mcp.get("excluded") if isinstance(mcp.get("excluded"), list) else []
        deny = [named(r) for r in exclude] + [
            "mcp_*" if s == "*" else f"mcp_{s}_*" for s in servers if isinstance(s, str) and s.strip()]
        gave.update(k for k, v in (("tools.exclude", exclude), ("mcp.excluded", servers)) if v)
        core = tools.get("core")
        return (deny, [], [named(r) for r in core if isinstance(r, str)] if isinstance(core, list) else None, [],
                _servers(data, mcp))

    gave: set[str] = set()  # the keys that gave deny rules, as the report names them
    name = os.path.join(where[:cut] or "/", ".gemini", "settings.json")
    return per_run(("gemini settings", name), lambda: _read(
        [name], rules, lambda *a: Base(*a, key=" and ".join(sorted(gave, reverse=True)), tool="Gemini CLI")))


@dataclass(frozen=True)
class McpJson:
    """A Kiro CLI / Amazon Q Developer CLI workspace MCP file's servers that are switched off, or some of whose tools
    are (``kiro``)."""

    file: str
    """The file: ``.kiro/settings/mcp.json`` or ``.amazonq/mcp.json``."""
    disabled: tuple[str, ...]
    """The servers it configures with ``"disabled": true``."""
    tools: tuple[tuple[str, str], ...]
    """(server, tool) for each tool a server's ``disabledTools`` names (Kiro's file only)."""


def kiro(file: str) -> McpJson | None:
    """The servers a Kiro agent's (or an Amazon Q Developer CLI agent's) workspace MCP file switches off, or some of
    whose tools it omits; None where there is no such file, it cannot be read or it switches nothing off.

    Which file: an agent of ``.kiro/agents/`` gets ``.kiro/settings/mcp.json`` of the folder holding ``.kiro`` (the
    workspace scope: "<cwd>/.kiro/settings/mcp.json", kiro.dev/docs/cli/custom-agents/configuration-reference,
    includeMcpJson; kiro.dev/docs/cli/mcp/configuration, page of 2026-04-13, read 2026-11-29 in the copy
    Glepooek/kiro-cli-docs 712ad7eb), each server's ``disabled`` and ``disabledTools`` ("tool names to omit when
    calling the agent"). An agent of ``.amazonq/cli-agents/`` gets ``.amazonq/mcp.json`` (aws/amazon-q-developer-cli
    15cc8f3c, util/paths.rs ``workspace::MCP_CONFIG``; agent/mod.rs ``load_legacy_mcp_config``), whose servers have
    ``disabled`` and no ``disabledTools`` (chat/tools/custom_tool.rs ``CustomToolConfig``: not a field, ignored).

    Why it holds for the agent: both tools give an agent such a file's servers only where it asks for them
    (``includeMcpJson``; Amazon Q's ``useLegacyMcpJson``, agent/mod.rs ``thaw``), and never one its own
    ``mcpServers`` names (the agent's wins whole: "Agent > Workspace > Global", the docs' "complete override";
    ``thaw`` skips the duplicate), and the workspace's entry replaces the user's (global) one of that name
    (``load_legacy_mcp_config``: "We prioritize what is in the workspace"). So a server it switches off, that the
    agent's own ``mcpServers`` does not name, is never started for the agent (tool_manager.rs starts no disabled
    server), whether the agent includes the file or not (then it has no such server at all): its tools are never the
    agent's. Read leniently (a file Kiro cannot parse it skips whole, so its servers are none of the agent's either)."""
    where = _absolute(file).replace("\\", "/")
    for marker, rel, tools in (("/.kiro/agents/", (".kiro", "settings", "mcp.json"), True),
                               ("/.amazonq/cli-agents/", (".amazonq", "mcp.json"), False)):
        cut = where.rfind(marker)
        if cut >= 0:
            name = os.path.join(where[:cut] or "/", *rel)
            return per_run(("kiro mcp.json", name), lambda: _mcp_json(name, tools))
    return None


def _mcp_json(name: str, with_tools: bool) -> McpJson | None:
    if not os.path.isfile(name):
        return None
    try:
        data = _settings(name)
    except (OSError, UnicodeDecodeError, ParseError, limits.LimitError):
        return None
    off, tools = switched_off(data.get("mcpServers") if isinstance(data, dict) else None, with_tools)
    return McpJson(name, tuple(off), tuple(tools)) if off or tools else None


def switched_off(servers: Any, with_tools: bool) -> tuple[list[str], list[tuple[str, str]]]:
    """Of a Kiro / Amazon Q ``mcpServers`` map (an agent's own or a workspace file's): the servers it configures with
    ``"disabled": true``, and (``with_tools``: Kiro's, not Amazon Q's) (server, tool) for each tool an enabled
    server's ``disabledTools`` names, once each."""
    off: list[str] = []
    tools: list[tuple[str, str]] = []
    for server, cfg in (servers.items() if isinstance(servers, dict) else ()):
        if not isinstance(cfg, dict):
            continue
        if cfg.get("disabled") is True:
            off.append(server)
        elif with_tools and isinstance(cfg.get("disabledTools"), list):
            tools += [(server, t) for t in dict.fromkeys(cfg["disabledTools"]) if isinstance(t, str) and t.strip()]
    return off, tools


def _servers(data: dict[str, Any], mcp: dict[str, Any]) -> Any:
    """Gemini CLI's ``Servers`` limits of one settings object, as (only, tools, deny, keys); None where it has none.
    google-gemini/gemini-cli 5411f113 (read 2026-11-29): packages/cli/src/config/config.ts passes ``mcp.allowed`` as
    ``allowedMcpServers`` (settings.ts ``getConsolidatedAllowedMcpServers``), and mcp-client-manager.ts
    ``isBlockedBySettings`` connects no server a non-empty list does not name (by its exact name); mcp-client.ts
    ``isEnabled`` registers a server's tool only when its ``excludeTools`` does not name it and its ``includeTools``,
    where given, does (``tool`` or ``tool(...)``). A list naming no server (``["*"]``: isBlockedBySettings compares
    names, ``allowedNames.includes(name)``, so ``*`` is no wildcard there) connects none."""
    allowed = mcp.get("allowed")
    only = tuple(dict.fromkeys(x for x in allowed if isinstance(x, str))) if isinstance(allowed, list) and allowed \
        else None
    servers = data.get("mcpServers")
    tools: list[tuple[str, tuple[str, ...]]] = []
    deny: list[tuple[str, str]] = []
    for name, cfg in (servers.items() if isinstance(servers, dict) else ()):
        if not isinstance(cfg, dict):
            continue
        inc, exc = cfg.get("includeTools"), cfg.get("excludeTools")
        if isinstance(inc, list):
            tools.append((name, tuple(dict.fromkeys(t.partition("(")[0] for t in inc if isinstance(t, str) and t))))
        if isinstance(exc, list):
            deny += [(name, t) for t in exc if isinstance(t, str) and t]
    keys = [k for k, v in (("mcp.allowed", only is not None), ("mcpServers.*.includeTools", tools),
                           ("mcpServers.*.excludeTools", deny)) if v]
    return (only, tuple(tools), tuple(deny), tuple(keys)) if keys else None


def _read(names: list[str], rules: Any, make: Any) -> Base | None:
    """The rules ``rules(data, file)`` finds in the files of ``names`` that exist (and the other keys it names), as ``make``
    builds a ``Base``; None where none denies anything and all were read."""
    deny: dict[str, None] = {}
    other: dict[str, None] = {}
    files: list[str] = []
    unread: list[tuple[str, str]] = []
    allow: tuple[str, ...] | None = None
    allow_files: list[str] = []
    ask: dict[str, None] = {}
    ask_files: list[str] = []
    servers: Servers | None = None
    for name in names:
        if not os.path.isfile(name):
            continue
        try:
            data = _settings(name)
        except (OSError, UnicodeDecodeError, ParseError, limits.LimitError) as exc:
            unread.append((name, getattr(exc, "message", None) or str(exc)))
            continue
        found, also, *more = rules(data, name)
        said = _rules(found)
        if said:
            deny.update(dict.fromkeys(said))
            files.append(name)
        other.update(dict.fromkeys(also))
        if more and more[0] is not None:  # a later file's list replaces an earlier one's
            allow, allow_files = tuple(dict.fromkeys(r.strip() for r in more[0] if r.strip())), [name]
        asked = _rules(more[1]) if len(more) > 1 else []
        if len(more) > 2 and more[2] is not None:  # a later file's limits replace an earlier one's
            servers = Servers(*more[2][:3], file=name, keys=more[2][3])
        if asked:  # ask rules add up across the files, as deny rules do (one alwaysAskRules per source)
            ask.update(dict.fromkeys(asked))
            ask_files.append(name)
    if not deny and not unread and allow is None and not ask and servers is None:
        return None
    base = make(tuple(deny), tuple(files), tuple(unread), tuple(other))
    if ask:
        base = replace(base, ask=tuple(ask), ask_files=tuple(ask_files))
    if servers is not None:
        base = replace(base, servers=servers)
    return base if allow is None else replace(base, allow=allow, allow_files=tuple(allow_files))


def _within(inner: str | None, outer: str | None) -> bool | None:
    """Whether command scope ``inner`` lies within ``outer`` (``git push *`` within ``git *``): True, False (apart, or
    only overlapping), None where that cannot be told (a wildcard before a scope's end)."""
    if inner is None or outer is None:
        return outer is None if inner is not None else None if outer is not None else True
    a, b = inner.removesuffix("*"), outer.removesuffix("*")
    if any(ch in a + b for ch in "*?["):
        return None
    return a.startswith(b) if outer.endswith("*") else inner == outer


def _rules(found: Any) -> list[str]:
    """A settings list's rules: its text items, trimmed (anything else is not a rule)."""
    return [r.strip() for r in found if isinstance(r, str) and r.strip()] if isinstance(found, list) else []


def _settings(name: str) -> dict[str, Any]:
    """A settings file's object, read leniently (comments and trailing commas allowed: never fewer rules than the
    tool reads); an empty file is no settings, as Claude Code takes it."""
    from ..envelopes import jsonenv
    from ..jsontext import plain_json

    with open(name, encoding="utf-8-sig") as f:
        text = f.read()
    if not text.strip():
        return {}
    return jsonenv.load(text, name, plain=plain_json(text))[0]


def read_beneath(dialect: "Dialect", agent: "Agent", report: LossReport) -> None:
    """The settings' deny rules beneath the agent's own tools (``origin.keep["base"]``), said: added to its deny list,
    or taken out of its allowlist. A file written back into its own tool keeps its own keys (``_tools_as_written``
    reads them beneath the same settings): they apply there again."""
    base = agent.origin.keep.get("base") if agent.origin is not None else None
    policy = agent.tools
    settle(policy)  # its own list and deny key first (an allowlist denying a tool it lists)
    if not isinstance(base, Base):
        return
    for name, problem in base.unread:
        report.add(LossCode.VALUE_INVALID, "tools", variant="settings-unreadable", config=shown_path(name),
                   problem=problem, tool=base.tool)
    if policy.mode not in (INHERIT, DENYLIST, ALLOWLIST):
        return  # no tools: nothing for a deny rule to take
    if base.unmapped and (policy.mode != ALLOWLIST or any((g.canonical or "").startswith("mcp:")
                                                           for g in policy.allowed())):
        report.add(LossCode.FIELD_DROPPED, "tools", variant="denied-mcp-unmatched",
                   entries=", ".join(map(repr, base.unmapped)))
    if base.allow is not None:
        _under_allowlist(dialect, agent, base, report)
        if policy.mode not in (INHERIT, DENYLIST, ALLOWLIST):
            return
    if base.servers is not None:
        within_servers(dialect, agent, base.servers, report)
        if policy.mode not in (INHERIT, DENYLIST, ALLOWLIST):
            return
    known = {(g.raw, g.decision) for g in policy.grants}
    before = (policy.mode, list(policy.grants))
    rules = [g for r in base.deny for g in dialect.grants(r, "deny") if (r, "deny") not in known]
    if policy.mode == ALLOWLIST:  # a rule for a tool the agent does not list takes nothing from it: not added
        listed = {g.canonical for g in policy.allowed()}
        rules = [g for g in rules if g.canonical in listed or g.canonical and any(
            server_of(c, {g.canonical}) for c in listed)]
    policy.grants = [*policy.grants, *rules]
    if policy.mode != ALLOWLIST and policy.grants:
        policy.mode = DENYLIST
    settle(policy)
    # what of the settings is not read, said once, with the first rule read
    also = sentence("settings-not-read", other=" and ".join(base.other)) if base.other else ""
    if (policy.mode, policy.grants) != before and base.files:
        report.add(LossCode.VALUE_READ_AS, "tools", variant="settings-deny", key=base.key,
                   files=", ".join(map(shown_path, base.files)), also=also, tool=base.tool)
        also = ""
    if base.ask and _asks(dialect, policy, base.ask):
        report.add(LossCode.VALUE_READ_AS, "tools", variant="settings-ask",
                   files=", ".join(map(shown_path, base.ask_files)), also=also, tool=base.tool)


def _asks(dialect: "Dialect", policy: Any, rules: tuple[str, ...]) -> bool:
    """Claude Code's ``permissions.ask`` beneath a policy already read beneath the deny rules, as Claude Code applies
    them: a subagent runs with its session's permission context, ``alwaysAskRules`` kept (2.1.330: the subagent's
    context is its parent's, only its mode, prompts, allow rules and its own disallowedTools changed), and a call
    checks deny rules, then ask rules (a whole tool's before its own check, a scoped one's after it), then the mode and
    the allow rules, so an ask rule holds even in bypassPermissions (there a call is denied unasked where the session
    cannot ask: ``dontAsk``, a background agent that cannot show a prompt; narrower still). Read: an allowed tool an
    ask rule names whole asks (its grant's decision ``ask``); a scope of an allowed tool (``Bash(git push:*)``) adds a
    scoped ``ask`` grant, set before the deny grants (a target where the last matching rule wins, OpenCode, keeps a
    deny of an overlapping scope over it). A tool not granted, or denied whole, takes nothing; an ask rule of a tool no
    table knows is not read (a deny list grants it anyway). True when the policy changed."""
    if policy.mode not in (INHERIT, DENYLIST, ALLOWLIST):
        return False
    before = (policy.mode, list(policy.grants))
    grants = list(policy.grants)
    denied = {g.canonical for g in grants if g.decision == "deny" and g.pattern is None and g.canonical}

    def covers(c: str, g: Grant) -> bool:  # a rule of tool c (or MCP server c) over grant g's tool
        return g.canonical == c or bool(g.canonical and server_of(g.canonical, {c}))

    added: list[Grant] = []
    for rule in (g for r in rules for g in dialect.grants(r, "ask")):
        c = rule.canonical
        if c is None or c in denied or any(server_of(c, {d}) for d in denied):
            continue
        granted = [g for g in grants if g.decision != "deny" and covers(c, g)]
        if policy.mode == ALLOWLIST and not granted:
            continue  # a tool the agent does not have: nothing to ask about
        if any(g.decision == "ask" and g.pattern is None and covers(g.canonical or "", Grant("", c)) for g in grants + added):
            continue  # the whole tool asks already
        if rule.pattern is None:  # every call of the tool asks, in whatever scope the agent has it: Claude Code
            # checks a whole tool's ask rule before any allow (`Bash, Bash(git status *)` beneath an ask of `Bash` asks
            # of git status too; its scope kept as an allow was written `"*": ask, git status *: allow` and ran unasked
            # in OpenCode, where the last matching rule wins). A scope the whole tool's ask covers says nothing more.
            whole = [g for g in granted if g.pattern is None]
            grants = [replace(g, decision="ask") if g.decision == "allow" and any(g is w for w in whole) else g
                      for g in grants if not (whole and g.decision == "allow" and g.pattern is not None
                                              and any(g is s for s in granted))]
            if policy.mode != ALLOWLIST and not any(g.canonical == c for g in whole):
                added.append(rule)  # every tool but the denied: this one asks
            if policy.mode == ALLOWLIST and not whole:  # listed in scopes only: those scopes ask
                grants = [replace(g, decision="ask") if g.decision == "allow" and any(g is s for s in granted) else g
                          for g in grants]
        elif any(g.decision in ("ask", "deny") and g.canonical == c and g.pattern == rule.pattern
                 for g in grants + added):
            continue
        elif any(g.pattern is None for g in granted) or policy.mode != ALLOWLIST and not granted:
            if policy.mode != ALLOWLIST and not granted and not any(g.canonical == c and g.pattern is None
                                                                    for g in added):
                added.append(Grant(unscoped(rule.raw), c, "allow"))  # the tool stays allowed outside the scope (a
            added.append(rule)                                        # scope alone reads as the tool's only one)
        else:  # the tool granted in scopes only (`Bash(git *)`): an ask inside one asks there; one holding a scope,
            inside = [g for g in granted if g.decision == "allow" and g.pattern != rule.pattern
                      and _within(rule.pattern, g.pattern)]
            if inside:  # or meeting it where that cannot be told, makes that scope ask; a scope apart takes nothing
                added.append(rule)
            held = [g for g in granted if g.decision == "allow" and not any(g is i for i in inside)
                    and _within(g.pattern, rule.pattern) is not False]
            grants = [replace(g, decision="ask") if any(g is h for h in held) else g for g in grants]
    if added:
        cut = next((i for i, g in enumerate(grants) if g.decision == "deny"), len(grants))
        grants[cut:cut] = added
    policy.grants = grants
    if policy.mode == INHERIT and grants:
        policy.mode = DENYLIST
    return (policy.mode, policy.grants) != before


def _under_allowlist(dialect: "Dialect", agent: "Agent", base: Base, report: LossReport) -> None:
    """The agent's tools within the settings' allowlist (``Base.allow``), said: an agent of every tool (or a deny
    list) gets the list's tools (its deny rules kept); an allowlist keeps the tools both name, a tool it lists whole
    that the settings allow in some scopes only (``run_shell_command(git)``) in those scopes; a tool the settings do
    not name (an MCP tool, one no table knows) goes. A scope of the agent's own that the settings do not allow whole
    goes too, unless the settings allow that same scope (where two scopes meet cannot be told)."""
    policy = agent.tools
    allowed = [g for r in base.allow or () for g in dialect.grants(r, "allow")]
    whole = {g.canonical for g in allowed if g.pattern is None and g.canonical}
    scoped = [g for g in allowed if g.pattern is not None and g.canonical not in whole]
    before = (policy.mode, list(policy.grants))
    if policy.mode in (INHERIT, DENYLIST):  # its deny rules stay; an ask rule only for a tool the list allows
        grants = [g for g in allowed if g.canonical and (g.pattern is None or g.canonical not in whole)]
        grants += [g for g in policy.grants if g.decision == "deny" or g.canonical in whole]
    else:
        grants = []
        for g in policy.grants:  # allow and ask rules alike: a tool the settings do not allow runs neither way
            if g.decision == "deny" or g.canonical in whole:
                grants.append(g)
            elif g.pattern is None:
                grants += [Grant(s.raw, s.canonical, g.decision, s.pattern) for s in scoped
                           if s.canonical == g.canonical and g.canonical]
            elif any(s.canonical == g.canonical and s.pattern == g.pattern for s in scoped):
                grants.append(g)
    grants = list({(g.raw, g.canonical, g.decision, g.pattern): g for g in grants}.values())
    policy.mode = ALLOWLIST if any(g.decision != "deny" for g in grants) else NONE
    policy.grants = grants if policy.mode == ALLOWLIST else []
    if (policy.mode, policy.grants) != before:
        report.add(LossCode.VALUE_READ_AS, "tools", variant="tools-core",
                   files=", ".join(map(shown_path, base.allow_files)), tool=base.tool)



def within_servers(dialect: "Dialect", agent: "Agent", lim: Servers, report: LossReport) -> None:
    """The agent's MCP tools within a tool's server limits (``Servers``: Gemini CLI's settings, a Kiro agent's
    ``includeMcpJson: false``, Claude Code's ``allowedMcpServers``), said. A grant of a server the limits
    do not connect goes; a server's every tool becomes the tools its ``includeTools`` names, and its ``excludeTools``
    are denied. An agent of every tool (or a deny list) under a server allowlist or an ``includeTools`` cannot keep
    "every other tool": it becomes an allowlist of every built-in tool the table knows (its deny rules kept) and the
    tools the limits let through; a grant of every server's tools likewise becomes one per server the limits name
    (a server configured elsewhere, in the user's settings or an extension, is left out: narrower, said)."""
    from ..tools import mcp_id, split_mcp

    policy = agent.tools
    include = dict(lim.tools)
    known = lim.only if lim.only is not None else tuple(include)  # the servers "every server" can be said as: a
    known = tuple(s for s in known if s and not any(c in s for c in "*?"))  # name of mcp.allowed is no pattern

    def named(server: str, tool: str, decision: str) -> Grant:  # spelt as the dialect spells it
        canonical = mcp_id(server, tool)
        return Grant((dialect.crosswalk.write(canonical) or [f"mcp_{server}_{tool}"])[0], canonical, decision)

    def through(server: str, decision: str) -> list[Grant]:  # a server's every tool, as the limits let it through
        if lim.only is not None and server not in lim.only:
            return []
        if server in include:
            return [named(server, t, decision) for t in include[server] if (server, t) not in lim.deny]
        return [named(server, "*", decision), *(named(server, t, "deny") for s, t in lim.deny if s == server)]

    def limited(g: Grant) -> list[Grant]:  # one allow or ask grant within the limits
        server, tool = split_mcp(g.canonical or "") or (None, None)
        if server is None or g.decision == "deny":
            return [g]
        if server == "*":
            if lim.only is None and not include:  # excludeTools alone: every server still, less those tools
                return [g, *(named(s, t, "deny") for s, t in lim.deny)]
            return [x for s in known for x in through(s, g.decision)]
        if tool == "*":
            return through(server, g.decision)
        if lim.only is not None and server not in lim.only or (server, tool) in lim.deny:
            return []
        return [g] if server not in include or tool in include[server] else []

    before = (policy.mode, list(policy.grants))
    if policy.mode in (INHERIT, DENYLIST):
        if lim.only is None and not include:
            policy.grants = [*policy.grants, *(named(s, t, "deny") for s, t in lim.deny)]
            policy.mode = DENYLIST if policy.grants else policy.mode
        else:
            every = [Grant(names[0], c, "allow") for c, names in dialect.table.get("tools", {}).items() if names]
            policy.grants = [*every, *limited(named("*", "*", "allow")), *policy.grants]
            policy.mode = ALLOWLIST
    else:
        policy.grants = [x for g in policy.grants for x in limited(g)]
    settle(policy)
    if not any(g.decision != "deny" for g in policy.grants) and policy.mode == ALLOWLIST:
        policy.mode, policy.grants = NONE, []
    if (policy.mode, policy.grants) != before:
        report.add(LossCode.VALUE_READ_AS, "tools", variant="mcp-limits", keys=" and ".join(lim.keys),
                   config=shown_path(lim.file), why=lim.why,
                   every="" if lim.only is not None or not include else sentence("mcp-limits-every"))


def as_agent(agent: "Agent", target: "Dialect", report: LossReport) -> "Agent | None":
    """A skill or command of a Claude Code project (``.claude/skills/``, ``.claude/commands/``) written as an agent of
    another tool (a Copilot or Gemini CLI agent, an OpenCode agent, a Roo mode): its tools read beneath the project
    settings' deny and ask rules as an agent's are (``read_beneath``), said; None where that changes nothing.

    Claude Code runs a skill or a command in the session's permission context (``preapproved_beneath``: 2.1.330 adds
    its allowed-tools as ``command`` allow rules beside the settings' own, and checks every call against the
    settings' ``alwaysDenyRules`` and ``alwaysAskRules`` first), so the project's deny rules hold for whatever it
    runs. Read as a skill or command (its own kind), the tool it is written for runs it in that tool's own session,
    and nothing is added. Written as an agent, it runs with the tools the agent file gives it and no Claude Code
    settings beneath: left as every tool, it could do what the project denies (``Read(./.env)``, ``Bash(rm -rf:*)``)
    and run unasked what it asks first. An agent of Claude Code itself (a ``.claude/agents/`` file) is under the
    same settings again: nothing is added there."""
    kinds = target.table.get("kinds", ["agent"])
    if agent.kind not in ("skill", "command") or agent.kind in kinds or "agent" not in kinds:
        return None  # written as its own kind: run in the target's own session, under that tool's settings
    base = agent.origin.keep.get("base") if agent.origin is not None else None
    if not isinstance(base, Base) or agent.tools.mode != INHERIT or not (base.deny or base.ask or base.servers):
        return None
    if target.id == "claude" and base.tool == "Claude Code":
        return None
    from ..registry import get

    source = get(agent.origin.dialect) if agent.origin is not None else None
    if source is None:
        return None
    scratch = replace(agent, tools=replace(agent.tools, grants=list(agent.tools.grants)))
    said = LossReport([], report.source, report.target, report.file)
    read_beneath(source, scratch, said)
    if (scratch.tools.mode, scratch.tools.grants) == (agent.tools.mode, agent.tools.grants):
        return None
    keys = [k for k, v in ((base.key, base.files), ("permissions.ask", base.ask_files)) if v]
    files = list(dict.fromkeys((*base.files, *base.ask_files)))
    report.items.extend(i for i in said.items if i.code is not LossCode.VALUE_READ_AS)
    report.add(LossCode.VALUE_READ_AS, "tools", variant="settings-session", keys=" and ".join(keys),
               files=", ".join(map(shown_path, files)), kind=agent.kind, tool=base.tool)
    return scratch


def preapproved_beneath(dialect: "Dialect", agent: "Agent", report: LossReport) -> None:
    """The settings' deny and ask rules over a skill's or a command's pre-approvals (``allowed-tools``, read as
    ``allow`` grants on an inherited policy), said. Claude Code runs a skill or command in the session's permission
    context and adds its allowed-tools as allow rules of source ``command`` (2.1.330: ``alwaysAllowRules.command``,
    beside the settings' own), and a call checks the deny rules and the ask rules before any allow rule (the
    ``permissions`` settings' restrictions, deny and ask, over its grants), so a pre-approval a settings rule meets
    pre-approves nothing there (denied, or asked first): it goes (the tool stays as available as the session makes it;
    the deny rules themselves hold for the session, not this file). A scoped rule takes the pre-approval it meets
    (``Bash`` beside a deny of ``Bash(rm:*)``: written elsewhere, ``Bash`` would let ``rm`` run unasked), one apart
    (``Bash(git status:*)`` beside ``Bash(git push:*)``) nothing. Any other policy (a command's pair of keys, read as
    an allowlist and a deny list) is read as an agent's (``read_beneath``)."""
    base = agent.origin.keep.get("base") if agent.origin is not None else None
    policy = agent.tools
    if policy.mode != INHERIT:
        read_beneath(dialect, agent, report)
        return
    if not isinstance(base, Base) or not policy.grants:
        return
    rules = [g for r in base.deny for g in dialect.grants(r, "deny")] + [
        g for r in base.ask for g in dialect.grants(r, "ask")]

    def met(g: Grant) -> bool:
        return any((r.canonical == g.canonical or bool(g.canonical and server_of(g.canonical, {r.canonical or ""})))
                   and not (_within(g.pattern, r.pattern) is False and _within(r.pattern, g.pattern) is False)
                   for r in rules if r.canonical)

    kept = [g for g in policy.grants if g.decision != "allow" or not met(g)]
    if len(kept) == len(policy.grants):
        return
    gone = [g.raw for g in policy.grants if not any(g is k for k in kept)]
    policy.grants = kept
    keys = [k for k, v in (("permissions.deny", base.files), ("permissions.ask", base.ask_files)) if v]
    files = list(dict.fromkeys((*base.files, *base.ask_files)))
    report.add(LossCode.VALUE_READ_AS, "tools", variant="settings-over-approvals", keys=" and ".join(keys),
               files=", ".join(map(shown_path, files)), tool=base.tool, gone=", ".join(dict.fromkeys(gone)))


def hooks_said(agent: "Agent", target: "Dialect", report: LossReport) -> None:
    """The settings' hooks that decide a tool call (``Base.hooks``), said where the record is written for a tool
    other than Claude Code (``claude.toml [layout] hooks_hold_in``): no hook of theirs runs there, so a call one of
    them would deny is not denied by it. Not written anywhere (a hook is a program of the project's, not a rule)."""
    base = agent.origin.keep.get("base") if agent.origin is not None else None
    if not isinstance(base, Base) or not base.hooks:
        return
    from .. import registry

    if target.id in registry.get("claude").table["layout"]["hooks_hold_in"]:
        return
    report.add(LossCode.FIELD_DROPPED, "tools", variant="claude-hooks", events=" and ".join(base.hooks),
               files=", ".join(map(shown_path, base.hook_files)), there=target.said)
