"""OpenAI Codex custom agents (``.codex/agents/NAME.toml``): a whole TOML file, the prompt in
``developer_instructions``; carried fields ride in a leading ``# agentconv-carry:`` comment.

Codex has no per-agent tool list; the closest control is ``sandbox_mode``. Codex runs shell commands in
every sandbox mode, ``read-only`` included: the sandbox limits what a command may write and reach, not whether
the shell tool exists (developers.openai.com/codex/concepts/sandboxing, checked 2026-11-26: "The sandbox applies
to spawned commands"; openai/codex codex-rs/core/src/tools/spec.rs ``ToolsConfig::new``: the shell tool type
comes from features and the model family, never from the sandbox policy). The rule:

- read: ``sandbox_mode = "read-only"`` is a deny list of the tools that change files or run commands
  (the table's ``[sandbox]``; conservative: the shell it keeps cannot write, which no other dialect can say);
  ``workspace-write`` and ``danger-full-access`` are kept as written (``extensions.codex.sandbox_mode``) and
  the tool policy is inherit.
- write, allowlist (or empty list):
  - a command tool (Bash, PowerShell, a task runner) -> ``workspace-write``: a shell can already change
    files, and the sandbox confines both to the workspace, so this is not wider (reported, carried);
  - no command tool: every sandbox mode grants a shell, so the allowlist cannot be written at all:
    ``BroadenError`` unless ``--allow-broaden`` (then ``read-only``, or ``workspace-write`` when it edits,
    reported as tool-broadened);
  - a tool scoped by a pattern (``Bash(git *)``) cannot be scoped: wider.
  Read-only tools beyond the list (Codex's own read and search) are not counted as widening.
- write, deny list: denying only tools that edit -> ``read-only`` (which may forbid more: a narrowing,
  reported); denying a command tool cannot be said (read-only still runs commands) unless the policy is the
  one a Codex ``read-only`` file reads as (same dialect, or carried back through another), or was read from a
  read-only setting that keeps the commands that change nothing (Cursor's ``readonly: true``: the table's
  ``[sandbox] read_only_of``; the sandbox lets no command change anything outside it, said: ``_read_only_of``);
  denying anything else cannot be said (wider).
- web: a role file is a config layer, and Codex's hosted web search is on unless ``web_search = "disabled"``
  (the table's ``[sandbox] web``): an allowlist without a web tool, or a deny list denying one, writes it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import limits, registry
from ..envelopes import records
from ..errors import ParseError
from ..ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Agent, Grant, Origin, ToolPolicy
from ..loss import LossCode, LossReport, sentence
from ..tools import capability, mcp_id, split_mcp
from .base import Dialect
from .helpers import dedupe, per_run, shown_path, up_to_worktree
from .toolpolicy import settle

if TYPE_CHECKING:
    from .base import WriteContext

READ_ONLY, WORKSPACE = "read-only", "workspace-write"


@dataclass(frozen=True)
class Base:
    """What a project's ``.codex/config.toml`` files give a role that does not set its own sandbox (``project_base``)."""

    sandbox: str | None
    """The ``sandbox_mode`` the project's configs set (the active profile's, if it sets one), merged as Codex layers
    them (the folder nearest the role's wins)."""
    files: tuple[str, ...]
    """The config that set it (the nearest saying it)."""
    unread: tuple[tuple[str, str], ...] = ()
    """(file, problem): a config Codex would read that agentconv cannot (Codex refuses to start on it)."""
    declared: tuple[str, str | None, str] | None = None
    """(name, description, config): the ``[agents.NAME]`` table whose ``config_file`` is this role's file, if any: Codex
    loads the file as that role, its own name and description first, the table's where it has none."""
    shell_off: str | None = None
    """The config whose ``[features] shell_tool = false`` takes the shell away from every role of the session (the
    nearest config saying ``shell_tool`` wins), or None."""
    servers: Any = None
    """server -> key -> (value, config): the ``enabled``, ``enabled_tools`` and ``disabled_tools`` of each
    ``[mcp_servers.NAME]`` of the configs, merged key by key as Codex layers them (the nearest config's key wins); the
    role's own ``[mcp_servers]``, a layer above them, goes over them as it is read (``_mcp_limits``)."""


def project_base(file: str) -> Base | None:
    """The sandbox a role file of a project's ``.codex/agents/`` runs in when it sets none: a role is a config layer
    put over the session's (openai/codex codex-rs/core/src/agent/role.rs ``apply_role_to_config``: "inserts the role
    as a high-precedence layer", the existing layers kept; role_tests.rs ``apply_role_preserves_unspecified_keys`` and
    a role without ``sandbox_mode`` keeping the session's workspace-write; agent/child_config.rs
    ``build_agent_spawn_config``: a child starts from the parent's effective config, its sandbox and approval policy),
    and the session's layers include each ``.codex/config.toml`` from the project root (the nearest folder above
    holding ``.git``, Codex's default ``project_root_markers``) down to the working folder, the nearest winning
    (config_loader/mod.rs ``load_project_layers``, ``find_project_root``); a ``profile`` a config names sets its
    ``[profiles.NAME]`` ``sandbox_mode`` over the top-level one. Read 2026-11-28. Also read: each ``[mcp_servers.NAME]``
    table's ``enabled``, ``enabled_tools`` and ``disabled_tools`` (``_mcp_limits``). None where the file is in no
    ``.codex/agents/`` folder or no config sets a sandbox or limits a server."""
    where = os.path.abspath(file).replace("\\", "/")
    cut = where.rfind("/.codex/agents/")
    project = where[:cut] or "/" if cut >= 0 else declared_in(where)
    if project is None:
        return None
    up, rooted = up_to_worktree(project)
    if not rooted:
        up = up[-1:]  # no project root marker: Codex takes the working folder as the root
    merged: dict[str, Any] = {}
    unread = []
    declared: tuple[str, str | None, str] | None = None
    servers: dict[str, dict[str, tuple[Any, str]]] = {}  # server -> key -> (value, config), the nearest winning
    for folder in up:  # the root first, the role's project last
        name = os.path.join(folder, ".codex", "config.toml")
        if not os.path.isfile(name):
            continue
        data = _config(name)
        if isinstance(data, str):
            unread.append((name, data))
            continue
        declared = _declaring(data, name, where) or declared
        if isinstance(data.get("sandbox_mode"), str):
            merged["sandbox_mode"] = (data["sandbox_mode"], name)
        if isinstance(data.get("profile"), str):
            merged["profile"] = data["profile"]
        for pname, prof in (data.get("profiles") or {}).items() if isinstance(data.get("profiles"), dict) else ():
            if isinstance(prof, dict) and isinstance(prof.get("sandbox_mode"), str):
                merged.setdefault("profiles", {})[pname] = (prof["sandbox_mode"], name)
        _layer(servers, data.get("mcp_servers"), name)
        features = data.get("features")
        if isinstance(features, dict) and isinstance(features.get("shell_tool"), bool):
            merged["shell_tool"] = (features["shell_tool"], name)
    sandbox, said = merged.get("profiles", {}).get(merged.get("profile"), merged.get("sandbox_mode", (None, None)))
    shell_tool, shell_said = merged.get("shell_tool", (True, None))
    shell_off = shell_said if shell_tool is False else None
    if sandbox is None and not unread and declared is None and not _mcp_limits(servers)[0] and shell_off is None:
        return None
    files = [said] if said else []
    return Base(sandbox, tuple(files), tuple(unread), declared, shell_off, servers or None)


def _config(name: str) -> dict[str, Any] | str:
    """The project config at ``name`` (a ``.codex/config.toml`` that is there) as data, or why it cannot be read, in
    one line (the TOML error without its place)."""
    import tomllib

    try:
        with open(name, encoding="utf-8") as f:
            text = f.read()
        limits.check_size(text, "the TOML file", name)
        return tomllib.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, ParseError, limits.LimitError) as exc:
        return getattr(exc, "message", None) or str(exc).split(" (at line")[0]


def _layer(servers: dict[str, dict[str, tuple[Any, str]]], tables: Any, name: str) -> None:
    """One config layer's ``[mcp_servers.NAME]`` limit keys over ``servers`` (``Base.servers``), from file ``name``."""
    for sname, cfg in tables.items() if isinstance(tables, dict) else ():
        for key in ("enabled", "enabled_tools", "disabled_tools"):
            if isinstance(cfg, dict) and key in cfg:
                servers.setdefault(sname, {})[key] = (cfg[key], name)


def _mcp_limits(servers: dict[str, dict[str, tuple[Any, str]]]) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    """(server, enabled, enabled_tools or None, disabled_tools) of each server ``servers`` limits (one disabled, or a
    tool list given), and the configs that limit them. Codex starts
    no server whose ``enabled`` is false and lists a started server's tool only where its ``enabled_tools``, if given,
    names it and its ``disabled_tools`` does not, by exact name (openai/codex 00302de7, read 2026-11-29:
    codex-rs/core/src/mcp_connection_manager.rs ``McpConnectionManager::new`` starts the servers ``cfg.enabled``
    keeps; ``ToolFilter::from_config`` and ``allows``: "enabled then disabled", tests ``tool_filter_applies_*`` and
    ``filter_tools_applies_per_server_filters``). A value of another type is not read (Codex refuses the config)."""
    out, files = [], []
    for server, keys in servers.items():
        enabled, only, off = keys.get("enabled"), keys.get("enabled_tools"), keys.get("disabled_tools")
        off_tools = tuple(t for t in off[0] if isinstance(t, str)) if off and isinstance(off[0], list) else ()
        only_tools = tuple(t for t in only[0] if isinstance(t, str)) if only and isinstance(only[0], list) else None
        limited = enabled is not None and enabled[0] is False or only_tools is not None or off_tools
        if limited:
            out.append((server, not (enabled is not None and enabled[0] is False), only_tools, off_tools))
            files += [v[1] for v, said in ((enabled, enabled is not None and enabled[0] is False),
                                           (only, only_tools is not None), (off, bool(off_tools))) if said and v]
    return tuple(out), tuple(dict.fromkeys(files))


def declared_role(path: str | os.PathLike[str]) -> bool:
    """Does a project's ``.codex/config.toml`` declare the file at ``path`` as a role (``declared_in``)? Codex loads such
    a file wherever it is: an agent file outside ``.codex/agents/`` too (``convert DIR``, ``migrate`` discover it)."""
    return declared_in(os.path.abspath(path).replace("\\", "/")) is not None


_ROLE_TABLE = frozenset({"description", "config_file", "nickname_candidates"})
"""The keys of a config's ``[agents.NAME]`` table (codex-rs ``AgentRoleToml``: description, config_file,
nickname_candidates; @openai/codex 0.171.0, read in its binary 2026-11-29)."""


def settings_file(path: str | None, text: str | None = None) -> bool:
    """Is this Codex's own settings file (a config layer: codex-rs core config_loader ``load_project_layers``), not a
    role: at ``.codex/config.toml`` (``[layout] configs``), or TOML whose ``[agents.NAME]`` tables hold only a role
    table's keys (each at least one) with no role of its own at its top (``name``, ``developer_instructions``: a role
    file is a config layer too)? Codex loads roles from ``.codex/agents/`` and from the files those tables name
    (``config_file``), never from the config itself."""
    from ..instructions import tool_config

    if path and tool_config(path.replace("\\", "/")) == "codex":
        return True
    if text is None or "agents" not in text:
        return False
    import tomllib

    try:
        data = tomllib.loads(text)
    except ValueError:
        return False
    agents = data.get("agents")
    tables = [t for t in agents.values() if isinstance(t, dict)] if isinstance(agents, dict) else []
    return bool(tables) and all(t and set(t) <= _ROLE_TABLE for t in tables) and \
        "name" not in data and "developer_instructions" not in data


def roles_declared(config: str, text: str) -> list[str]:
    """The role files the config ``config`` (its ``text``) names in its ``[agents.NAME]`` tables (``config_file``,
    not resolved: ``_role_tables``), as written."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except ValueError:
        return []
    return [file for _, _, file in _role_tables(data)]


def declared_in(role: str) -> str | None:
    """The project folder (the one holding ``.codex/``) whose ``.codex/config.toml`` declares the role file ``role``
    outside any ``.codex/agents/`` folder (``[agents.NAME] config_file = "../roles/reviewer.toml"``): Codex loads a
    declared file wherever it is (codex-rs core/src/config/agent_roles.rs ``load_agent_roles``: each layer's
    ``[agents]`` table, ``read_declared_role`` reading ``config_file``, then ``discover_agent_roles_in_dir`` of the
    layer's own ``agents/`` folder only; openai/codex 13730471, read 2026-11-28). The nearest such folder at or above the
    file, up to its worktree; None where no config there declares it (no role Codex loads from there)."""
    up, _ = up_to_worktree(os.path.dirname(role) or "/")
    for folder in reversed(up):  # the nearest first
        if role in per_run(("codex-declared", folder), lambda: _declared_by(folder)):
            return folder.replace("\\", "/")
    return None


def _declared_by(folder: str) -> frozenset[str]:
    """The role files ``folder``'s ``.codex/config.toml`` declares (``config_file``, resolved: ``_role_path``);
    none where there is no such config or it cannot be read (said where it is read beneath a role: ``project_base``)."""
    name = os.path.join(folder, ".codex", "config.toml")
    data = _config(name) if os.path.isfile(name) else None
    if not isinstance(data, dict):
        return frozenset()
    return frozenset(_role_path(name, file) for _, _, file in _role_tables(data))


def _declaring(data: dict[str, Any], config: str, role: str) -> tuple[str, str | None, str] | None:
    """The ``[agents.NAME]`` table of a config whose ``config_file`` is the role file ``role``: (NAME, its description,
    the config). Codex loads such a file as the role NAME (codex-rs core/src/config/agent_roles.rs ``load_agent_roles``
    and ``read_declared_role``: the file's ``name`` or else NAME, its ``description`` or else the table's, and
    ``developer_instructions`` not required; ``discover_agent_roles_in_dir`` skips a declared file; openai/codex
    25d313cd, read 2026-11-28), a relative path taken from the config's ``.codex/`` folder (config_loader/mod.rs
    ``load_project_layers``: ``resolve_relative_paths_in_config_toml`` against ``dot_codex``)."""
    found = None
    for key, table, file in _role_tables(data):
        if _role_path(config, file) == role:
            text = table.get("description")
            found = (key, text.strip() if isinstance(text, str) and text.strip() else None, config)
    return found


def _role_tables(data: dict[str, Any]) -> list[tuple[str, dict[str, Any], str]]:
    """Each ``[agents.NAME]`` table of a config (its ``data``) that names a role file: (NAME, the table, its
    ``config_file`` as written), in order."""
    agents = data.get("agents")
    return [(str(key), t, t["config_file"]) for key, t in (agents.items() if isinstance(agents, dict) else ())
            if isinstance(t, dict) and isinstance(t.get("config_file"), str) and t["config_file"].strip()]


def _role_path(config: str, file: str) -> str:
    """A ``config_file`` of the config at ``config`` as the path Codex reads, with '/': taken from the config's folder
    (``~`` expanded)."""
    return os.path.normpath(os.path.join(os.path.dirname(config), os.path.expanduser(file))).replace("\\", "/")


class Codex(Dialect):
    id = "codex"
    key = "sandbox_mode"

    def _sets(self) -> tuple[set[str], set[str]]:
        spec = self.table.get("sandbox", {})
        return set(spec.get("edits", [])), set(spec.get("commands", []))

    def read_extra(self, agent: Agent, parsed: Any, path: str | None, report: LossReport) -> None:
        """A role file Codex ignores whole is said (file-rejected) and, converted to this dialect, given back as it came
        (``kept_rejected``); another dialect gets the record read leniently (named by its file, a description made up).
        Codex ignores a role file without a non-empty ``name``, a description or ``developer_instructions`` (codex-rs
        core/src/config/agent_roles.rs parse_agent_role_file_contents and normalize_agent_role_description, the table's
        [name] and ``required``; @openai/codex 0.169.0 via validate-codex, 2026-11-28, on real .codex/agents files:
        "Ignoring malformed agent role definition: agent role file at ... must define a non-empty `name`", "... must
        define `developer_instructions`", "agent role `x` must define a description")."""
        data = {**(parsed.data or {}), self.table["prompt_key"]: parsed.body if getattr(parsed.layout, "had_prompt", True)
                else None}  # the envelope takes the prompt out of the data
        text = getattr(parsed.layout, "text", "")
        base = agent.origin.keep.get("base") if agent.origin is not None else None
        declared = base.declared if isinstance(base, Base) else None
        if declared is not None:  # given back to Codex as it came (write_extra), where it was (output_path)
            agent.origin.keep["declared"] = declared[2]  # type: ignore[union-attr]  # (the config declaring it)
        for key, ipath in (("name", "name"), ("description", "description"), (self.table["prompt_key"], "prompt")):
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                continue
            said = declared and {"name": declared[0], "description": declared[1]}.get(key)
            if value is None and declared and (said or ipath == "prompt"):  # the declaration gives it, or needs none
                if said:
                    setattr(agent, ipath, said)
                    report.add(LossCode.VALUE_READ_AS, ipath, variant="declared-key", role=declared[0],
                               config=shown_path(declared[2]), key=key)
                continue
            # a missing key has no line (a text search found `name = ` inside a multi-line string: line 2, where
            # validate, which says the whole file, has nothing)
            line = 1 if value is None else records.key_line(text, key) or 1
            how = sentence("rejected-key-missing" if value is None else "rejected-key-not-text" if not isinstance(value, str)
                           else "rejected-key-blank", key=key)
            self.reject_file(agent, report, "Codex", how, path=ipath, line=line)

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        """A role file a config declares, written back into Codex: without the name and description the declaration
        gave it (``read_extra``), as it came."""
        origin = ctx.agent.origin
        if ctx.same and origin is not None and origin.keep.get("declared"):
            own = getattr(origin.layout, "data", None) or {}
            for key in ("name", "description"):
                if key not in own and not ctx.carried_back(key):
                    mapping.pop(key, None)

    def declaring_project(self, path: str) -> str | None:
        """The project whose ``.codex/config.toml`` declares the role file at ``path`` (``declared_in``)."""
        return declared_in(os.path.abspath(path).replace("\\", "/"))

    def output_path(self, agent: Agent) -> str:
        """A role file a config declares keeps its place in Codex (the declaration names the file, not the role)."""
        origin = agent.origin
        if origin is not None and origin.dialect == self.id and origin.keep.get("declared") and origin.path:
            where = os.path.abspath(origin.path).replace("\\", "/")
            if "/.codex/agents/" not in where:  # declared outside the agents folder: its place from its project's root
                root = os.path.dirname(os.path.dirname(os.path.abspath(str(origin.keep["declared"]))))
                rel = os.path.relpath(where, root).replace("\\", "/")
                if not rel.startswith("../"):  # (never a place outside the project: there, as any role is placed)
                    return rel
                return super().output_path(agent)
            return ".codex/agents/" + where[where.rfind("/.codex/agents/") + len("/.codex/agents/"):]
        return super().output_path(agent)

    def project_base(self, file: str) -> Any:
        """A role's project ``.codex/config.toml`` files (module ``project_base``)."""
        return project_base(file)

    def read_tools(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        value = data.get(self.key)
        base = agent.origin.keep.get("base") if agent.origin is not None else None
        spec = self.table["sandbox"]
        own = {k: data[k] for k in (self.key, spec.get("web_key")) if k in data}  # the role's own tool keys
        if value is None and isinstance(base, Base):
            value = self._based(agent, base, report)
            if value is not None:  # the role's own tool keys, for a write back into Codex (``write_tools``)
                agent.origin.keep["own_tools"] = own  # type: ignore[union-attr]
        if spec.get("web") and data.get(spec["web_key"]) == spec["web_off"]:  # no web search: the web tools denied
            data.pop(spec["web_key"])  # said by the tool policy, as sandbox_mode is (written back by write_tools)
            agent.tools.mode = DENYLIST
            agent.tools.grants = [Grant(c, c, "deny") for c in spec["web"]]
        off = _delegation_read(data, spec)
        if off:  # no subagent tools: the delegation tools denied (written back by write_tools, as they came)
            own.update(off)  # (the role's own tool keys, beneath its project's sandbox: ``_based``)
            if agent.origin is not None:
                agent.origin.keep["delegation_off"] = off
            agent.tools.mode = DENYLIST
            agent.tools.grants = agent.tools.grants + [Grant(c, c, "deny") for c in spec["delegation"]]
        if value == READ_ONLY:
            order = spec["edits"] + spec["commands"] + spec.get("also_denies", [])
            agent.tools.mode = DENYLIST
            agent.tools.grants = [Grant(c, c, "deny") for c in dedupe(order)] + agent.tools.grants  # raw: the id
        elif value is not None:
            if value not in self.table.get("values", {}).get("sandbox", []):
                report.add(LossCode.VALUE_INVALID, f"extensions.{self.id}.{self.key}", variant="sandbox", key=self.key,
                           value=value)
            agent.extensions.setdefault(self.id, {})[self.key] = value
        self._shell_read(agent, data, base, report)
        servers = {s: dict(k) for s, k in (base.servers or {}).items()} if isinstance(base, Base) else {}
        _layer(servers, data.get("mcp_servers"), (agent.origin.path if agent.origin else None) or "the role")
        limits, files = _mcp_limits(servers)
        if limits and self._mcp_beneath(agent, limits, files, report) and agent.origin is not None:
            agent.origin.keep["own_tools"] = own  # given back as it came (``write_tools``), read again with
            agent.origin.keep["own_mcp"] = data.get("mcp_servers")  # its own servers

    def _mcp_beneath(self, agent: Agent, limits: tuple[Any, ...], files: tuple[str, ...], report: LossReport) -> bool:
        """The limits the project configs and the role's own ``[mcp_servers]`` put on the MCP servers (``_mcp_limits``)
        beneath the role's tools, said; True when they
        changed them. A role's tools are its session's (it has no tool list), so a disabled server's tools are denied,
        and so is each tool a server's ``disabled_tools`` names; a server with ``enabled_tools`` is denied whole (a deny
        list cannot grant some tools of a server and not the rest), its listed tools with it: narrower, said."""
        policy = agent.tools
        if policy.mode not in (INHERIT, DENYLIST):
            return False
        before = (policy.mode, list(policy.grants))
        held = {(g.canonical, g.pattern) for g in policy.grants if g.decision == "deny"}
        rules: list[Grant] = []
        narrowed: list[str] = []
        for server, enabled, only, off in limits:
            left = [t for t in only if t not in off] if only is not None else None
            if not enabled or left is not None:
                rules.append(Grant(f"mcp__{server}__*", mcp_id(server), "deny"))
                narrowed += [f"mcp__{server}__{t}" for t in dedupe(left or []) if enabled]
            else:
                rules += [Grant(f"mcp__{server}__{t}", mcp_id(server, t), "deny") for t in dedupe(off)]
        rules = [g for g in rules if (g.canonical, None) not in held]
        if not rules:
            return False
        policy.mode, policy.grants = DENYLIST, [*policy.grants, *rules]
        settle(policy)
        if (policy.mode, policy.grants) == before:
            return False
        keys = dedupe(k for _, enabled, only, off in limits
                      for k, v in (("enabled", not enabled), ("enabled_tools", only is not None),
                                   ("disabled_tools", bool(off))) if v)
        lost = sentence("mcp-narrowed-too", tools=", ".join(narrowed)) if narrowed else ""
        report.add(LossCode.VALUE_READ_AS, "tools", variant="codex-mcp-limits", keys=" and ".join(keys),
                   files=", ".join(map(shown_path, files)), lost=lost)
        return True

    def _shell_read(self, agent: Agent, data: dict[str, Any], base: Any, report: LossReport) -> None:
        """A role without Codex's shell: ``[features] shell_tool = false`` in its file, or in its project's config where
        the file does not say ``shell_tool`` (a role is a config layer over its session's: ``project_base``). Codex
        then offers no ``exec_command``/``write_stdin`` (``apply_patch`` stays; openai/codex codex-rs/features/src/
        lib.rs ``Feature::ShellTool``, stable, on by default, 009bd870; @openai/codex 0.169.0 ``debug prompt-input``
        with ``-c features.shell_tool=false``, 2026-11-30): the shell tools denied, as read (``keep["shell_off"]``: a
        write back into Codex leaves them to the key, an extension, or to the project's config). It was read as a
        role with a shell (a widening: its Claude Code subagent ran Bash)."""
        features = data.get("features")
        own = features.get("shell_tool") if isinstance(features, dict) else None
        config = base.shell_off if isinstance(base, Base) and own is None else None
        if own is not False and config is None:
            return
        spec = self.table["sandbox"]
        shells = dedupe(spec["commands"] + [c for c in spec.get("also_denies", []) if capability(c) == "shell"])
        have = {g.canonical for g in agent.tools.grants if g.decision == "deny" and g.pattern is None}
        if agent.origin is not None:
            agent.origin.keep["shell_off"] = shells
        agent.tools.mode = DENYLIST
        agent.tools.grants = agent.tools.grants + [Grant(c, c, "deny") for c in shells if c not in have]
        if config is not None:
            report.add(LossCode.VALUE_READ_AS, "tools", variant="codex-shell-off", files=shown_path(config))

    def _based(self, agent: Agent, base: Base, report: LossReport) -> str | None:
        """The sandbox a role without its own runs in: its project's (``project_base``), read where it narrows (a
        read-only one), said; the role's file is given back without it when written into Codex (``write_tools``)."""
        for name, problem in base.unread:
            report.add(LossCode.VALUE_INVALID, "tools", variant="config-unreadable", config=shown_path(name),
                       problem=problem, tool="Codex", setting=self.key, record="role")
        if base.sandbox != READ_ONLY:
            return None  # workspace-write or wider limits no tool: the role's tools stay its session's
        report.add(LossCode.VALUE_READ_AS, "tools", variant="codex-sandbox", key=self.key, value=READ_ONLY,
                   files=", ".join(map(shown_path, base.files)))
        return READ_ONLY

    def body(self, agent: Agent, ctx: "WriteContext") -> str:
        if not agent.prompt.strip():
            ctx.report.add(LossCode.VALUE_REQUIRED, "prompt", variant="developer-instructions", dialect=self.said)
        return super().body(agent, ctx)

    def write_tools(self, ctx: "WriteContext") -> dict[str, Any]:
        policy = ctx.agent.tools
        if policy.mode not in (ALLOWLIST, NONE, DENYLIST):
            return super().write_tools(ctx)  # inherit: nothing to say (per-tool decisions are reported there)
        same = ctx.same
        own = ctx.agent.origin.keep.get("own_tools") if same else None  # type: ignore[union-attr]
        if isinstance(own, dict) and not ctx.carried_back("tools"):
            # read with its project's sandbox (``_based``): written back into Codex, where the project's config applies
            # again, with its own keys only while the policy is the one read
            keep = ctx.agent.origin.keep  # type: ignore[union-attr]
            scratch = Agent(origin=Origin(self.id, ctx.agent.origin.path, keep={"base": keep.get("base")}))  # type: ignore
            mcp = {"mcp_servers": keep["own_mcp"]} if keep.get("own_mcp") is not None else {}
            self.read_tools(scratch, {k: dict(v) if isinstance(v, dict) else v for k, v in {**own, **mcp}.items()},
                            LossReport())
            if scratch.tools == policy:
                ext = ctx.agent.extensions.get(self.id, {})  # a table's other keys ([agents] max_depth): beside them
                return {k: {**ext[k], **v} if isinstance(v, dict) and isinstance(ext.get(k), dict) else v
                        for k, v in own.items()}
        if not same:  # an ask a sandbox cannot say (Claude Code settings' `Bash(git push:*)`): said, as elsewhere
            self.asked_whole(ctx, policy, [(g.raw, g) for g in policy.allowed()])
        edits, commands = self._sets()
        spec = self.table.get("sandbox", {})
        web, off = set(spec.get("web", [])), {spec["web_key"]: spec["web_off"]} if spec.get("web") else {}
        deleg = set(spec.get("delegation", []))
        if policy.mode == DENYLIST:
            denied = self.denied_ids(ctx, policy)
            shell_back = same and ctx.agent.origin.keep.get("shell_off") and not ctx.carried_back("tools")  # type: ignore
            if shell_back:  # a role without the shell: its [features] key (an extension) or its project's says it
                denied = denied - set(ctx.agent.origin.keep["shell_off"])  # type: ignore[union-attr]
            also = set(spec.get("also_denies", []))
            extra = sorted(str(c) for c in denied - edits - commands - also - web - deleg)
            lifted = self.lift_session_denials(ctx, extra) if not same else []
            if len(lifted) < len(extra):
                return self._deny_refused(ctx, policy, extra)
            denied = denied - set(lifted)
            d_off = self._delegation_off(ctx) if denied & deleg else {}
            also_off = sorted(deleg - denied - self._unnamed(ctx))  # (a tool its source's tool has no name for: none)
            if d_off and also_off and not same:  # one delegation tool denied: all of Codex's subagent tools go
                ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="deny-list-as", written=_said(d_off),
                               tools=", ".join(also_off))
            shells = sorted(denied & (commands | {c for c in also if capability(c) == "shell"}))
            first = self._read_only_of(ctx) if shells and not same else None
            if shells and not same and first is None:
                self._broaden(ctx, "codex-shell-deny", None, dialect=self.said, tools=", ".join(shells), key=self.key,
                              value=READ_ONLY)
            web_off = off if denied & web else {}  # one web tool denied: Codex's web search goes, all of it
            if (web_off or d_off or lifted or shell_back) and not denied & (edits | commands | also):
                if web_off and web - denied and not same:
                    ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="deny-list-as", written=_said(web_off),
                                   tools=", ".join(sorted(web - denied)))
                if not same:  # the agents a scope of the denied agent tool allowed: no subagent tool is left
                    self.narrow_exceptions(ctx, policy, skip=frozenset(commands))
                if not same or ctx.carried_back("tools"):
                    ctx.carry_tools()
                return {**web_off, **d_off}  # no sandbox key: edits and commands as the parent's
            web_off = {**web_off, **d_off}
            narrower = sorted((edits | commands | (web if denied & web else set()) | (deleg if d_off else set()))
                              - denied - commands)
            if narrower and not same:
                ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="deny-list-as",
                               written=_said({self.key: READ_ONLY, **web_off}), tools=", ".join(narrower))
            ctx.shell_kept = first is not None  # the read-only setting's shell is the sandbox's: not said lost
            self._read_only_said(ctx, first, web_off)
            if not same:  # a read-only sandbox forbids what a scope of a denied edit tool allowed (shells run anyway)
                self.narrow_exceptions(ctx, policy, skip=frozenset(commands))
            mode = READ_ONLY
        else:
            if deleg:  # the agent tool allowed to start only some agents: every subagent tool switched off, said
                policy = self.scopes_left_out(ctx, policy, written=_said(self._delegation_off(ctx)))
            granted = {g.canonical for g in policy.allowed()}
            web_off = {} if granted & web else off  # no web tool granted: no web search either
            if deleg and not granted & deleg:  # no delegation tool granted: no subagent tools either
                web_off = {**web_off, **self._delegation_off(ctx)}
            # a denied scope of a tool it grants (`Read` beside its settings' `Read(./.env)`, `Bash` beside
            # `Bash(rm:*)`): a sandbox cannot deny one file or command, so the tool would run there too
            fenced = sorted(set(self.scopes_said(ctx, [g for g in policy.denied()
                                                       if g.pattern and g.canonical in granted])))
            if fenced:
                self.broaden(ctx, "codex-fenced", dialect=self.said, tools=self.named(ctx, fenced))
            whole = {g.canonical for g in policy.allowed() if g.pattern is None}  # a scope beside its whole tool
            scoped = sorted({g.raw for g in policy.allowed() if g.pattern and g.canonical not in whole  # limits
                             and not self.scope_ignored(ctx, g)})  # (not one its source ignored: the whole tool)
            if scoped:  # nothing (an ask of `Bash(git push:*)` beside `Bash`: said by asked_whole, not refused)
                keys = self._broaden(ctx, "codex-scope", WORKSPACE if granted & (edits | commands) else READ_ONLY,
                                     web_off, dialect=self.said, tools=self.named(ctx, scoped))
                self._session_mcp(ctx)
                return keys
            denied = {g.canonical for g in policy.denied() if g.pattern is None}
            first = self._read_only_of(ctx) if not same and not granted & (edits | commands) and (
                denied & commands or self.mode_shell(ctx)) else None  # a shell left out as the source's read-only
            # setting said (plan mode, which ran the read-only commands): its sandbox's
            if first is not None:  # no edit, no shell: the read-only sandbox, whose commands write nothing
                self._session_mcp(ctx)
                mode, ctx.shell_kept = READ_ONLY, True
                self._read_only_said(ctx, first, web_off)
            elif granted & commands:
                self._session_mcp(ctx)
                mode = WORKSPACE
                ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="allowlist-as",
                               written=_said({self.key: mode, **web_off}), dialect=self.said)
            elif not granted & (edits | set(spec.get("also_denies", []))) and self._read_only_back(ctx):
                # the record was a read-only role: its sandbox, which the way out wrote as no shell, given back
                ctx.report.add(LossCode.CARRY_REGAINED, "tools", variant="codex-read-only", key=self.key,
                               value=READ_ONLY, dialect=self.said)
                ctx.carried.pop("tools", None)  # (nor the asks of the file in between: Kiro asks of its subagent tool)
                return {self.key: READ_ONLY, **web_off}  # read back, the first role's own policy: nothing rides
            else:
                mode = WORKSPACE if granted & edits else READ_ONLY
                keys = self._broaden(ctx, "codex-no-shell-write" if mode == WORKSPACE else "codex-no-shell-read",
                                     mode, web_off, dialect=self.said, read_only=READ_ONLY, key=self.key, value=mode)
                self._session_mcp(ctx)
                return keys
        if (not same or ctx.carried_back("tools")) and not self._reads_back(ctx, {self.key: mode, **web_off}):
            ctx.carry_tools()
        return {self.key: mode, **web_off}

    def _deny_refused(self, ctx: "WriteContext", policy: ToolPolicy, extra: list[str]) -> dict[str, Any]:
        """The denied tools (canonical ids ``extra``) no role key says: refused (``broaden``), an MCP server's tools
        apart, by the server and why: a role holds its session's servers and switches one off (``enabled = false``) or
        leaves its tools out (``disabled_tools``) only in a ``[mcp_servers.NAME]`` table that restates its command or
        url, or Codex ignores the role ("invalid transport"; codex.toml ``[sandbox.session_mcp]``). agentconv does not
        know the user's transport, and one written for it is no off switch: a ``command`` where the user's server has
        a ``url`` makes the merged config fail ("url is not supported for stdio") and the role unavailable. With
        ``--allow-broaden``: no key, each said."""
        session = self.table.get("sandbox", {}).get("session_mcp", {})
        servers = [c for c in extra if split_mcp(c) or c in session]  # (their resource tools too)
        rest = [c for c in extra if c not in servers]
        if rest and not servers:
            self.broaden(ctx, "codex-deny", dialect=self.said, tools=", ".join(rest))
        if servers:
            names = dedupe(split_mcp(c)[0] for c in servers if split_mcp(c))  # type: ignore[index]
            # as the source wrote them; a deny it read from a setting (Cursor's readonly: every MCP tool), in words
            raws = dedupe(g.raw if g.raw != g.canonical else session.get(g.raw, g.raw) for g in policy.denied()
                          if g.canonical in servers)
            worded = any(g.raw == g.canonical and g.raw in session for g in policy.denied())
            among = sentence("codex-mcp-among", servers=", ".join(repr(n) for n in names if n != "*")) \
                if "*" not in names else ""
            tools = (" and " if worded else ", ").join(raws)
            if rest:  # one refusal naming every one
                self.broaden(ctx, "codex-deny-both", dialect=self.said, tools=", ".join(rest), mcp=tools,
                             why=sentence("codex-mcp-off", among=among))
            else:
                self.broaden(ctx, "codex-deny-mcp", dialect=self.said, tools=tools,
                             why=sentence("codex-mcp-off", among=among))
        return {}

    def wildcard_refused(self, ctx: "WriteContext", tools: str) -> None:
        """A denied wildcard no table knows (OpenCode ``"github_*": deny``), which matches MCP servers' tools: refused,
        saying why a role cannot deny them (``_deny_refused``)."""
        self.broaden(ctx, "codex-deny-wildcard", dialect=self.said, tools=tools,
                     why=sentence("codex-mcp-off", among=""))

    def _session_mcp(self, ctx: "WriteContext") -> None:
        """Never widen by the MCP servers a role is given: a role holds its session's, whatever its file says (the
        table's ``[sandbox.session_mcp]``), and a role file can switch off no server it does not define whole, so an
        allowlist that does not grant them all cannot be written (``broaden``: refused unless ``--allow-broaden``). Not
        for a Codex role's own policy carried back through another dialect: that role held them."""
        origin = ctx.agent.origin
        if origin is not None and origin.keep.get("carried_from") == self.id and ctx.carried_back("tools"):
            return
        lacks, _ = self.parent_gap(ctx, self.table.get("sandbox", {}).get("session_mcp", {}))
        if lacks:
            mcp = dedupe(g.raw for g in ctx.agent.tools.allowed() if g.canonical and split_mcp(g.canonical))
            self.broaden(ctx, "codex-mcp", dialect=self.said, tools=" and ".join(lacks),
                         granted=sentence("codex-mcp-granted", tools=self.named(ctx, mcp)) if mcp else "")

    def _reads_back(self, ctx: "WriteContext", keys: dict[str, Any]) -> bool:
        """Do the tool keys written read back as the record's tool policy exactly (a Codex role's own, carried back
        through another dialect)? Then nothing rides: the file says it, as it came."""
        scratch = Agent(origin=Origin(self.id, None))
        self.read_tools(scratch, {k: dict(v) if isinstance(v, dict) else v for k, v in keys.items()}, LossReport())
        return scratch.tools == ctx.agent.tools or _meaning(scratch.tools) == _meaning(ctx.agent.tools)

    def policy_record(self, agent: Agent) -> dict[str, Any]:
        """A record whose tool policy is the one ``sandbox_mode = "read-only"`` reads as (``read_tools``: its edit and
        command tools denied, its web and subagent tools maybe too, nothing else) keeps that setting in the side channel
        of a target that cannot carry the policy (an allowlist of the target's built-in tools is narrower: it forbids
        the sandbox's shell and the MCP servers), so that the way back writes the role's sandbox again
        (``_read_only_back``)."""
        policy, spec = agent.tools, self.table.get("sandbox", {})
        if policy.mode != DENYLIST or any(g.decision != "deny" or g.pattern is not None for g in policy.grants):
            return {}
        denied = {g.canonical for g in policy.grants}
        need = {*spec.get("edits", []), *spec.get("commands", []), *spec.get("also_denies", [])}
        if not need <= denied <= need | {*spec.get("web", []), *spec.get("delegation", [])}:
            return {}
        return {f"extensions.{self.id}.{self.key}": READ_ONLY}

    def _read_only_back(self, ctx: "WriteContext") -> bool:
        """The record was a read-only Codex role, by its side channel (``policy_record``, carry.toml ``[narrowing]``):
        written back into Codex with that sandbox, which the file read (granting no edit nor command tool) is the way
        out's narrower writing of."""
        path = f"extensions.{self.id}.{self.key}"
        return ctx.agent.extensions.get(self.id, {}).get(self.key) == READ_ONLY and ctx.carried_back(path)

    def _read_only_said(self, ctx: "WriteContext", first: str | None, web_off: dict[str, Any]) -> None:
        """Another tool's read-only setting (``_read_only_of``) written as the read-only sandbox: its shell kept, and
        what the sandbox forbids beyond it said (``[sandbox] read_only_of``)."""
        if first is None or first == self.id:
            return
        spec = self.table["sandbox"]
        of = spec["read_only_of"][first]
        ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="codex-read-only", setting=of["setting"],
                       source=registry.get(first).said, written=_said({self.key: READ_ONLY, **web_off}),
                       why=spec["read_only_why"], tools=of["forbids"])

    def _read_only_of(self, ctx: "WriteContext") -> str | None:
        """The dialect whose read-only setting the record's deny list of a shell was read from, where a read-only
        sandbox is no wider than it: this one (a Codex role's own, carried back through another dialect), or one the
        table's ``[sandbox] read_only_of`` names (Cursor's ``readonly: true``, read here or carried back; a mode the
        tool policy says, ``mode``: Claude Code's ``permissionMode: plan``, ``WriteContext.said_modes``); None
        otherwise (the shell was denied: a read-only sandbox would grant one)."""
        origin = ctx.agent.origin
        if origin is None:
            return None
        carried = ctx.carried_back("tools")
        first = origin.keep.get("carried_from") if carried else origin.dialect
        if first == self.id and carried:
            return first
        of = self.table.get("sandbox", {}).get("read_only_of", {})
        if first not in of or first not in registry.ids():
            return None
        return first if carried or origin.keep.get(of[first].get("keep", "")) or \
            (first, of[first].get("mode")) in ctx.said_modes else None

    def _broaden(self, ctx, variant: str, mode: str | None, web_off: dict[str, Any] | None = None,
                 **params: Any) -> dict[str, Any]:
        self.broaden(ctx, variant, **params)
        return {self.key: mode, **(web_off or {})} if mode else {**(web_off or {})}

    def _unnamed(self, ctx: "WriteContext") -> set[str]:
        """The delegation tools the source's dialect has no name for (OpenCode has no tool that messages an agent)."""
        origin = ctx.agent.origin
        if origin is None or origin.dialect not in registry.ids():
            return set()
        source = registry.get(origin.dialect)
        return {c for c in self.table.get("sandbox", {}).get("delegation", []) if not source.crosswalk.write(c)}

    def _delegation_off(self, ctx: "WriteContext") -> dict[str, Any]:
        """The tables that take a role's subagent tools away (the table's ``[sandbox] delegation_off``), over the
        role's own tables of those names (extensions); written back into Codex as they were read (``read_tools``)."""
        agent = ctx.agent
        spec = self.table.get("sandbox", {})
        kept = agent.origin.keep.get("delegation_off") if agent.origin is not None and ctx.same else None
        own = agent.extensions.get(self.id, {})
        return {table: {**(own.get(table) if isinstance(own.get(table), dict) else {}), **keys}
                for table, keys in (kept or spec.get("delegation_off", {})).items()}


def _delegation_read(data: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """A role's keys that take its subagent tools away (``[agents] enabled = false``, with ``[features]
    multi_agent_v2 = false`` beside it or not), taken out of ``data`` (the tool policy says them), as read; {} when
    the role keeps its subagent tools."""
    want = spec.get("delegation_off") or {}
    first = next(iter(want), None)
    table = data.get(first) if first else None
    if not isinstance(table, dict) or not spec.get("delegation") or any(table.get(k) != v for k, v in want[first].items()):
        return {}
    out: dict[str, Any] = {}
    for name, keys in want.items():
        have = data.get(name)
        if not isinstance(have, dict) or any(have.get(k) != v for k, v in keys.items()):
            continue
        out[name] = dict(keys)
        rest = {k: v for k, v in have.items() if k not in keys}
        if rest:
            data[name] = rest
        else:
            data.pop(name)
    return out


def _meaning(policy: ToolPolicy) -> tuple[str, frozenset[tuple[Any, ...]]]:
    """What a tool policy says, whatever the spelling and order of its grants: a deny list read from a side channel and
    the same tools denied again in the visible file's own names (a skill's ``disallowed-tools``) say one thing."""
    return policy.mode, frozenset((g.canonical or g.raw, g.canonical is None, g.decision, g.pattern) for g in policy.grants)


def _said(keys: dict[str, Any]) -> str:
    """Keys as written, for a message: ``sandbox_mode = 'read-only', web_search = 'disabled'``, ``agents.enabled =
    false``."""
    def spelled(value: Any) -> str:
        return str(value).lower() if isinstance(value, bool) else repr(value)

    return ", ".join(f"{k}.{kk} = {spelled(vv)}" if isinstance(v, dict) else f"{k} = {spelled(v)}"
                     for k, v in keys.items() for kk, vv in (v.items() if isinstance(v, dict) else [(None, v)]))
