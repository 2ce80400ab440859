"""Kiro CLI agents (``.kiro/agents/NAME.json``) and Amazon Q Developer CLI agents
(``.amazonq/cli-agents/NAME.json``): one JSON object, the prompt in ``prompt``.

- ``tools`` is a JSON array: built-in names, ``*`` (everything), ``@builtin``, ``@server`` (every tool of an
  MCP server), ``@server/tool``. With no ``tools`` key the agent has no tools (agent-v1.json: default ``[]``),
  so a record that inherits every tool is written ``["*"]``; the empty list read from a missing key is marked
  derived so the same file is written back without one.
- ``prompt`` may be ``file://PATH``: Kiro reads that file, a relative path from the agent file's folder
  (aws/amazon-q-developer-cli crates/chat-cli/src/cli/agent/mod.rs ``resolve_prompt``, util/file_uri.rs: relative to
  "the agent config file directory", ``~`` expanded, absolute as is; a missing file fails the agent; kiro.dev
  configuration reference, "File URI path resolution"; read 2026-11-28). agentconv reads it as the prompt when it is
  a regular UTF-8 file inside the workspace the agent belongs to (the folder holding its ``.kiro`` or ``.amazonq``
  folder, real paths compared, so no link leads out), within the source bound (``limits.read_file``); the same file
  written back into this dialect keeps the reference. Otherwise (absolute, ``~``, outside, missing, not text) the
  prompt is empty, said in one line, and the reference is written back only into this dialect.
- JSON has no comments, so there is no side channel: what Kiro cannot hold is reported only.

``KiroMarkdown`` (``kiro-md``) is the same agent in Markdown (``.kiro/agents/NAME.md``: the Kiro IDE's custom agents,
Kiro CLI 3's agent profiles): YAML frontmatter with the JSON form's fields, the body as the prompt, ``tools`` as
category tags (``kiro-md.toml``). Its tools are read as the JSON form's (no key: no tools, as the engine that reads
it, KAS, resolves ``agent.tools ?? []``: kirodotdev/KiroCrew 01fe5db6 src/kiro_crew/acp/kas_agents.py).
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import replace
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, Iterator

from .. import limits, registry, rx

from ..ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Agent, Grant, ToolPolicy
from ..loss import LossCode, LossReport, sentence
from ..tools import split_mcp
from .base import Dialect
from .helpers import dedupe, unscoped
from .toolpolicy import runs_unasked, server_of, settle

if TYPE_CHECKING:
    from ..envelopes import frontmatter
    from .base import WriteContext

FILE_PREFIX = "file://"
_FORMS = ("kiro", "kiro-md")
"""The two forms of a Kiro agent (JSON, Markdown): "JSON format is equivalent" (kiro.dev/docs/cli/v3/agent-config/)."""


def _keys(off: list[str], tools: list[tuple[str, str]]) -> list[str]:
    """The settings keys that switched those servers and tools off, as a report names them."""
    return [f"mcpServers.{n}.disabled" for n in off] + [f"mcpServers.{n}.disabledTools"
                                                       for n in dict.fromkeys(n for n, _ in tools)]


def _what(off: list[str], tools: list[tuple[str, str]]) -> str:
    """What a list of switched-off servers and tools denies, as a report names it."""
    return sentence("switched-off-both" if off and tools else "switched-off-servers" if off else "switched-off-tools")



class Kiro(Dialect):
    id = "kiro"
    detect_within_base = True  # the base score, or 0 for another tool's `$schema` (detection's ``score_bound``)

    def detect(self, path: str | None, data: dict[str, Any] | None, has_header: bool) -> tuple[float, list[str]]:
        score, why = super().detect(path, data, has_header)
        schema = data.get("$schema") if isinstance(data, dict) else None
        if isinstance(schema, str) and not re.search(self.table["detect"]["schema"], schema, re.I) and \
                not (why and why[0].startswith("path matches")):
            return 0.0, []  # another tool's schema (opencode.json), at no place of Kiro's
        return score, why

    def read_tools(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        if "tools" in data:
            super().read_tools(agent, data, report)
            self._disabled_servers(agent, data, report)
            self._own_servers_only(agent, data, report)
            self._denied_commands(agent, data, report)
            self._denied_paths(agent, data, report)
            self._asked(agent, data, report)
            self._deny_by_default(agent, data, report)
            self._available_agents(agent, data, report)
            return
        agent.tools.mode = NONE  # schema default [] (no tools)
        agent.derived.append("tools")

    def project_base(self, file: str) -> Any:
        """The agent's workspace MCP file, as far as it switches servers or tools off (``settings.kiro``)."""
        from . import settings

        return settings.kiro(file)

    def _disabled_servers(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        """The agent's own ``mcpServers`` that say ``"disabled": true`` are never started, so their tools are not the
        agent's: each read as a deny of the server's every tool (a ``*`` agent's deny list; a listed ``@server``
        taken out of its list), said. aws/amazon-q-developer-cli 15cc8f3c (read 2026-11-29):
        crates/chat-cli/src/cli/chat/tool_manager.rs ``ToolManagerBuilder::build`` partitions the agent's
        ``mcp_servers`` by ``disabled`` and starts only the enabled ones; chat/tools/custom_tool.rs
        ``CustomToolConfig.disabled`` ("whether or not to load this mcp server"). The ``tools`` as written and the
        policy read from them are kept on the record, so a write back into Kiro gives the list back as it came while
        the policy is unchanged (``write_tools``).

        Likewise a server's ``disabledTools`` (Kiro CLI: "tool names to omit when calling the agent", "to prevent the
        agent from using specific tools of an MCP server", kiro.dev/docs/cli/mcp/configuration, page of 2026-04-13,
        read 2026-11-29 in the copy Glepooek/kiro-cli-docs 712ad7eb; the agent's ``mcpServers`` entries are the same
        configuration as the file's, "disable by override" there): each tool denied. Not for an Amazon Q agent
        (``.amazonq/``): its ``CustomToolConfig`` has no such field. Then the servers and tools its workspace MCP
        file switches off (``project_base``, ``settings.kiro``) that its own ``mcpServers`` do not name (the agent's
        entry replaces the file's whole)."""
        servers = data.get("mcpServers")
        own = servers if isinstance(servers, dict) else {}
        policy = agent.tools
        if policy.mode not in (INHERIT, DENYLIST, ALLOWLIST):
            return
        origin = agent.origin
        amazonq = origin is not None and "/.amazonq/" in "/" + (origin.path or "").replace("\\", "/")
        from .settings import switched_off

        off, tools = switched_off(own, not amazonq)
        changed = False
        if self._deny_mcp(agent, off, tools):
            changed = True
            said = _keys(off, tools)
            report.add(LossCode.VALUE_READ_AS, "tools", variant="mcp-off-both" if off and tools else "mcp-off-servers"
                       if off else "mcp-off-tools", keys=", ".join(said))
        base = origin.keep.get("base") if origin is not None else None
        if base is not None and hasattr(base, "disabled"):  # settings.McpJson
            off = [n for n in base.disabled if n not in own]
            tools = [(n, t) for n, t in base.tools if n not in own]
            if self._deny_mcp(agent, off, tools):
                from .helpers import shown_path

                changed = True
                said = _keys(off, tools)
                amazonq = base.file.replace("\\", "/").endswith("/.amazonq/mcp.json")
                report.add(LossCode.VALUE_READ_AS, "tools", variant="mcp-file-off-amazonq" if amazonq else
                           "mcp-file-off", keys=", ".join(said), config=shown_path(base.file), what=_what(off, tools))
        if changed and origin is not None:
            origin.keep["own_tools"] = (data["tools"], replace(policy, grants=list(policy.grants)))

    def _own_servers_only(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        """An agent that says ``"includeMcpJson": false`` (Amazon Q's ``"useLegacyMcpJson": false``) has the servers
        its own ``mcpServers`` configures and no other: the workspace's and the user's MCP files are not loaded for
        it, so a grant of another server's tools grants nothing, and its ``*`` (every tool) holds the built-in tools
        and its own servers' only. Read so (``settings.within_servers``: an allowlist keeps its own servers' grants;
        ``*`` becomes every built-in tool the table knows and each own server's tools), said. Kiro CLI:
        "includeMcpJson: whether to include the MCP servers defined in the MCP config files (global
        ``~/.kiro/settings/mcp.json``, workspace ``<cwd>/.kiro/settings/mcp.json``); when true the agent can use all
        the servers defined there besides those of its mcpServers field" (kiro.dev/docs/cli/custom-agents/
        configuration-reference, read 2026-11-29 in the copy Glepooek/kiro-cli-docs 7645aec0). Amazon Q Developer
        CLI: aws/amazon-q-developer-cli 15cc8f3c, crates/chat-cli/src/cli/agent/mod.rs ``Agent::thaw`` adds the
        legacy MCP file's servers only ``if self.use_legacy_mcp_json``. A key left out is not read here (Kiro CLI's
        default is not documented)."""
        key = next((k for k in ("includeMcpJson", "useLegacyMcpJson") if data.get(k) is False), None)
        policy = agent.tools
        if key is None or policy.mode not in (INHERIT, DENYLIST, ALLOWLIST):
            return
        from .settings import Servers, within_servers

        servers = data.get("mcpServers")
        own = tuple(n for n in (servers if isinstance(servers, dict) else {}) if isinstance(n, str))
        origin = agent.origin
        lim = Servers(own, (), (), file=origin.path if origin is not None and origin.path else "", keys=(key,),
                      why=sentence("mcp-file-off-legacy" if key == "useLegacyMcpJson" else "mcp-file-off", key=key))
        before = (policy.mode, list(policy.grants))
        within_servers(self, agent, lim, report)  # said there: "includeMcpJson of <this file>"
        if (policy.mode, policy.grants) != before and origin is not None:
            origin.keep["own_tools"] = (data["tools"], replace(policy, grants=list(policy.grants)))

    def _deny_mcp(self, agent: Agent, off: list[str], tools: list[tuple[str, str]]) -> bool:
        """Deny each server of ``off`` whole and each (server, tool) of ``tools`` beneath the agent's tools (a
        ``*`` agent's deny list; taken out of a list, or a tool of a listed ``@server`` denied there): whether the
        policy changed."""
        policy = agent.tools
        before = (policy.mode, list(policy.grants))
        rules = [g for n in off for g in self.grants(f"@{n}", "deny")]
        rules += [g for n, t in tools for g in self.grants(f"@{n}/{t}", "deny")]
        if policy.mode == ALLOWLIST:  # a server or tool the agent does not list: nothing to take
            listed = {g.canonical for g in policy.allowed()}
            rules = [g for g in rules if any(c == g.canonical or server_of(c, {g.canonical})
                                             or server_of(g.canonical, {c or ""}) for c in listed)]
        elif rules:
            policy.mode = DENYLIST
        policy.grants = [*policy.grants, *rules]
        settle(policy)
        return (policy.mode, policy.grants) != before

    def _denied_commands(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        """A shell's ``deniedCommands`` (``toolsSettings.shell``, ``execute_bash``) that are each a literal command, or
        a literal prefix followed by ``.*``, read as scoped denies of the shell it has (``git push.*`` -> ``git push*``;
        ``command_glob``), which a target with command scopes writes (OpenCode ``bash: {"git push*": deny}``, Claude Code
        ``Bash(git push*)``): no longer refused there. Another regex is read as the deny of a wider glob where one
        matches all it does (``command_superset``: ``git push *`` -> ``git push*``), its grant marked ``wider``: said
        where a writer writes it (``WriteContext.wrote``). A list with a regex no glob holds even so
        is read as the deny of every command (``*``), marked ``unsaid``: a target whose deny takes the whole tool an entry
        names anyway (Claude Code's ``disallowedTools``: ``[parser] deny_scopes``) denies the whole shell, as it does for
        the others (said there, tool-narrowed); any other leaves it out and refuses the list (``_denies``) as before. The
        ``tools`` as written and the policy read are kept (``own_tools``)."""
        rules: list[Grant] = []
        for tool, denied in _denied_lists(agent, data, "deniedCommands"):
            if self.crosswalk.read(tool) != ["bash"] or not all(isinstance(d, str) for d in denied):
                continue
            for d in denied:
                glob = command_glob(d) or command_superset(d)
                rules.append(Grant(d, "bash", "deny", glob, wider=command_glob(d) is None) if glob is not None
                             else Grant(d, "bash", "deny", "*", unsaid=True))
        if not rules or not _holds(agent.tools, "bash"):
            return
        _add_denies(agent, data, rules)
        said = [g for g in rules if not g.unsaid]
        if said:
            report.add(LossCode.VALUE_READ_AS, "tools", variant="denied-commands", rules=", ".join(
                f"deniedCommands {g.raw}" for g in said), patterns=", ".join(str(g.pattern) for g in said),
                dialect=self.said)
        unsaid = [g for g in rules if g.unsaid]
        if unsaid:
            report.add(LossCode.VALUE_READ_AS, "tools", value=", ".join(f"deniedCommands {g.raw}" for g in unsaid),
                       reading=sentence("unsaid-deny"))

    def _deny_by_default(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        """A shell's ``denyByDefault: true``: every command its ``allowedCommands`` (and, with ``autoAllowReadonly``,
        the read-only ones) do not let run unasked is denied instead of asked, unless ``allowedTools`` trusts the shell
        (aws/amazon-q-developer-cli 15cc8f3c, read 2026-11-29: crates/chat-cli/src/cli/chat/tools/execute/mod.rs
        ``eval_perm``: ``if is_in_allowlist { Allow } else if self.requires_acceptance(..) { if deny_by_default {
        Deny } else { Ask } }``). A trusted shell: nothing denied, nothing read (``base._scoped_said`` lets it
        go). Otherwise no command pattern of another tool holds what it leaves (``requires_acceptance`` matches each
        allowed regex against the whole command line and asks of any holding ``&&``, ``;``, ``$`` ...; Claude Code and
        OpenCode match each command of a compound one on its own), so it is read as the deny of every command,
        marked ``unsaid`` as a ``deniedCommands`` regex no glob holds (``_denied_commands``): a target whose deny takes
        the whole tool anyway (Claude Code's ``disallowedTools``) denies the shell, said; any other refuses it as
        before."""
        rules: list[Grant] = []
        settings = data.get("toolsSettings")
        if not isinstance(settings, dict) or not _holds(agent.tools, "bash") or runs_unasked(agent.tools, "bash"):
            return
        for tool, value in settings.items():
            if isinstance(tool, str) and isinstance(value, dict) and value.get("denyByDefault") is True and \
                    self.crosswalk.read(tool) == ["bash"]:
                rules.append(Grant("denyByDefault", "bash", "deny", "*", unsaid=True))
        if not rules:
            return
        _add_denies(agent, data, rules[:1])
        report.add(LossCode.VALUE_READ_AS, "tools", value="denyByDefault", reading=sentence("unsaid-deny-default"))

    def _denied_paths(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        """A file tool's ``deniedPaths`` (``toolsSettings.fs_read``/``read``, ``fs_write``/``write``) read as scoped
        denies of the tools it is (read; write and edit) in OpenCode's wildcards (``[paths]`` of kiro.toml), when each
        entry is one ``path_wildcards`` says: a target with file scopes writes them (OpenCode ``read: {"*.env":
        deny}``, Claude Code ``Read(*.env)`` through ``gitignore_denials``), where they were refused as a deny it
        cannot say. An entry no wildcard says (``~/.zshrc``: Kiro expands it to the home folder; an absolute path, a class
        ...) is read as the deny of every path, marked ``unsaid``: a target whose deny takes the whole tool anyway
        (Claude Code's ``disallowedTools``, where the other entries deny the whole tool too) denies those tools, said;
        any other refuses the list (``_denies``) as before. The ``tools`` as written and the policy read are kept
        (``own_tools``)."""
        rules: list[Grant] = []
        for tool, denied in _denied_lists(agent, data, "deniedPaths"):
            tools = self.crosswalk.read(tool)
            if not tools or not set(tools) <= {"read", "write", "edit"}:
                continue
            if not all(isinstance(d, str) for d in denied):
                continue
            said = [path_wildcards(d) for d in denied]
            for c in tools:
                if _holds(agent.tools, c):  # an entry no wildcard says: every path, unsaid (as `_denied_commands`)
                    rules += [Grant(d, c, "deny", w) if ws is not None else Grant(d, c, "deny", "*", unsaid=True)
                              for d, ws in zip(denied, said) for w in (ws if ws is not None else ["*"])]
        if not rules:
            return
        _add_denies(agent, data, rules)
        shown = [g for g in rules if not g.unsaid]
        if shown:
            report.add(LossCode.VALUE_READ_AS, "tools", variant="denied-paths", rules=", ".join(dedupe(
                f"deniedPaths {g.raw}" for g in shown)), patterns=", ".join(dedupe(str(g.pattern) for g in shown)),
                dialect=self.said)
        unsaid = [g for g in rules if g.unsaid]
        if unsaid:
            report.add(LossCode.VALUE_READ_AS, "tools", variant="denied-paths-unsaid", rules=", ".join(dedupe(
                f"deniedPaths {g.raw}" for g in unsaid)), tools=", ".join(dedupe(str(g.canonical) for g in unsaid)))

    def _available_agents(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        """The subagent tool's ``availableAgents`` (``toolsSettings.subagent``; "only the reviewer, tester, and agents
        matching docs-* can be used as subagents", kiro.dev/docs/cli/chat/subagents, "Restricting available agents",
        read 2026-11-29) when each entry is an agent's name without a glob: read as the scopes of the subagent tool, one
        grant per name, as Claude Code's ``Agent(a, b)`` and OpenCode's ``task`` patterns are read, so a target that
        scopes subagents by name writes them (they were refused as a deny it cannot say) and one that cannot is refused
        by its tool writer (or, where its deny takes the whole tool, denies it: Claude Code's ``disallowedTools``).

        - The tool listed on its own (``"tools": [..., "subagent"]`` or its alias ``use_subagent``; kiro.toml
          [subagents]: not ``delegate``, which starts any agent): its grant split into the scopes.
        - The tool granted inside ``@builtin`` (an allowlist) or ``*`` (every tool; ``[subagents] within``): the same
          scopes, of the wildcard's grant of the agent tool (an allowlist), or, for ``*``, as OpenCode's ``task: {"*":
          deny, a: allow}`` is read: the agent tool denied whole but for those agents (a deny list). Both wildcards
          also hold ``delegate``, which starts any agent whatever this list says (kiro.toml [tool_aliases]): read as
          limited to them too, narrower than Kiro, said.

        A glob, a ``*``, two tools granting the agent tool, one of them scoped or denied: read as nothing (``_denies``
        refuses it as before). The ``tools`` as written and the policy read are kept (``own_tools``)."""
        settings = data.get("toolsSettings")
        policy, rule = agent.tools, self.table.get("subagents")
        if not isinstance(settings, dict) or policy.mode not in (ALLOWLIST, DENYLIST, INHERIT) or not rule:
            return
        value = settings.get(rule["settings"])  # Kiro reads the tool's settings under its name (kiro.toml [subagents])
        listed = value.get(rule["key"]) if isinstance(value, dict) else None
        if not isinstance(listed, list) or not listed or \
                not all(isinstance(n, str) and n.strip() and not any(ch in n for ch in _GLOB + ",()") for n in listed):
            return  # none, an empty list (no agent), a glob: not read
        names = list(dict.fromkeys(listed))
        mine = [g for g in policy.grants if g.canonical == "agent"]
        if any(g.pattern is not None or g.decision == "deny" for g in mine) or len(mine) > 1:
            return
        within = rule.get("within", ())
        if policy.mode == ALLOWLIST:
            # the subagent tool itself, or a wildcard holding it: `delegate` starts any agent whatever this list says
            if len(mine) != 1 or mine[0].raw not in (*rule["tools"], *within):
                return
            at = policy.grants.index(mine[0])
            raw, scoped = mine[0].raw, [Grant(mine[0].raw, "agent", mine[0].decision, n) for n in names]
            policy.grants = [*policy.grants[:at], *scoped, *policy.grants[at + 1:]]
        else:  # `*`: every tool; the agent tool as it asks (an `ask` grant) or runs unasked (none)
            if "*" not in within or "*" not in (data.get("tools") or ()):
                return
            raw, decision = rule["tools"][0], mine[0].decision if mine else "allow"
            rest = [g for g in policy.grants if g.canonical != "agent"]
            policy.mode = DENYLIST
            policy.grants = [*rest, Grant(raw, "agent", "deny"), *(Grant(raw, "agent", decision, n) for n in names)]
        settle(policy)
        if agent.origin is not None:
            kept = agent.origin.keep.get("own_tools")
            agent.origin.keep["own_tools"] = (kept[0] if kept else data["tools"],
                                              replace(policy, grants=list(policy.grants)))
        wide = "*" if policy.mode == DENYLIST else raw if raw in within else None
        report.add(LossCode.VALUE_READ_AS, "tools", variant="available-agents", names=", ".join(names),
                   tool=rule["tools"][0] if wide else raw, within=sentence("agents-within", tools=wide) if wide else "")

    def _asked(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        """The tools the agent has that ``allowedTools`` does not trust ask before each call (``[trust]``: the entries
        matched as Kiro matches them, the tools trusted with no entry): those grants read ``ask``. On ``*`` (every
        tool), each built-in tool Kiro names that is not trusted asks, and every MCP server's tools unless trusted.
        An ``@server`` the agent has with some of its tools trusted by exact name: the server asks, those tools are
        allowed (a glob of some of a server's tools is not read: those tools ask, said). The ``tools`` as written and
        the policy read are kept on the record, so a write back into Kiro gives the list back as it came."""
        trust = self.table.get("trust")
        policy = agent.tools
        if not trust or policy.mode not in (INHERIT, DENYLIST, ALLOWLIST):
            return
        entries = data.get(trust["key"])
        entries = [e for e in entries if isinstance(e, str)] if isinstance(entries, list) else []
        entries += _allowed_by_rules(data.get(trust.get("rules", "")), trust.get("rule_tools", {}))
        native, servers, tools, partial, unread = _trusted(entries, self.crosswalk.valid)
        unread = list(unread)
        default = set(trust.get("trusted", ()))
        names = self.crosswalk.valid
        # the built-in tools trusted, each as what it grants (`fs_write` and `write` are one tool, `code` another that
        # changes files too): a grant of a tool named in `tools` is trusted when that tool is, not when another tool
        # granting the same kind is (code.rs `eval_perm` asks the code tool's own aliases)
        held = {frozenset(cs) for n, cs in names.items() if cs and n != "@builtin" and any(
            e in ("@builtin", "@builtin/", "@builtin/*") or (not e.startswith("@") or e.startswith("@builtin/"))
            and not any(ch in e for ch in "[{\\") and _glob(e.removeprefix("@builtin/"), n) for e in entries)}
        native |= default

        def trusted(g: Grant) -> bool:
            own = names.get(unscoped(g.raw)) if g.raw != "@builtin" else None
            if own:  # a tool named as it is: its own trust, or the canonical trusted with no entry
                return g.canonical in default or frozenset(own) in held
            return g.canonical in native

        def mcp_trusted(canonical: str) -> bool:
            server, tool = split_mcp(canonical) or ("", "")
            return any(_glob(p, f"@{server}") for p in servers) or (
                tool != "*" and any(_glob(p, f"@{server}/{tool}") for p in servers))

        before = (policy.mode, list(policy.grants))
        shared: list[str] = []  # a trusted tool's grant asking as another tool's of that kind does
        if policy.mode in (INHERIT, DENYLIST):  # `*` (DENYLIST: less its disabled servers): every tool, each asking
            denied = {g.canonical for g in policy.denied() if g.pattern is None}
            asks = [Grant(self.crosswalk.write(c)[0], c, "ask") for c in self.table.get("tools", {})
                    if c not in native and c not in denied]
            if not any(set(p[1:]) <= {"*"} for p in servers):  # `@*` trusts every server's tools
                asks.append(Grant("*", "mcp:*/*", "ask"))
                asks += [Grant(p, f"mcp:{p[1:]}" if "/" in p else f"mcp:{p[1:]}/*") for p in servers
                         if not any(ch in p for ch in _GLOB)]
                unread += [p for p in servers if any(ch in p for ch in _GLOB)]
            if asks:  # every other tool asks, as OpenCode's `bash: ask` (a deny list of asks)
                policy.mode, policy.grants = DENYLIST, [*policy.grants, *asks]
        else:
            out: list[Grant] = []
            # a kind another listed tool grants and asks for asks here too (`write` trusted, `code` not: each changes
            # files, which a target gives one permission): never more trusted than Kiro trusts either tool
            asking = {g.canonical for g in policy.grants if g.decision == "allow" and g.canonical is not None
                      and not split_mcp(g.canonical) and not trusted(g)}
            for g in policy.grants:
                if g.decision != "allow" or g.canonical is None:
                    out.append(g)
                    continue
                parts = split_mcp(g.canonical)
                ok = mcp_trusted(g.canonical) if parts else trusted(g) and g.canonical not in asking
                if not parts and trusted(g) and not ok:
                    shared.append(f"{g.raw}'s {g.canonical}")
                out.append(g if ok else replace(g, decision="ask"))
                if parts and not ok and parts[1] == "*":  # `@server` asks; its tools trusted by name do not
                    out += [Grant(f"@{parts[0]}/{t}", f"mcp:{parts[0]}/{t}") for t in tools.get(parts[0], ())]
                    unread += partial.get(parts[0], [])
            policy.grants = out
        settle(policy)
        if (policy.mode, policy.grants) == before:
            return
        if agent.origin is not None:
            kept = agent.origin.keep.get("own_tools")
            agent.origin.keep["own_tools"] = (kept[0] if kept else data["tools"],
                                              replace(policy, grants=list(policy.grants)))
        asked = dedupe(g.raw if g.raw != "*" else sentence("every-mcp-tools") for g in policy.grants if g.decision == "ask"
                       and f"{g.raw}'s {g.canonical}" not in shared)
        if shared:
            report.add(LossCode.VALUE_READ_AS, "tools", value=", ".join(dedupe(shared)),
                       reading=sentence("shared-ask", dialect=self.said))
        if trust.get("rules"):
            report.add(LossCode.VALUE_READ_AS, "tools", variant="untrusted-rule", tools=", ".join(asked), key=trust["key"],
                       rule=trust["rules"], dialect=self.said)
        else:
            report.add(LossCode.VALUE_READ_AS, "tools", variant="untrusted", tools=", ".join(asked), key=trust["key"],
                       dialect=self.said)
        if unread:
            report.add(LossCode.TOOL_NARROWED, "tools", variant="untrusted-glob", tools=", ".join(dedupe(unread)),
                       dialect=self.said)

    def read_extra(self, agent: Agent, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> None:
        if agent.prompt.startswith(FILE_PREFIX) and "\n" not in agent.prompt.strip():
            ref = agent.prompt
            text, why = prompt_file(ref, path)
            if text is not None:
                agent.prompt = text
                if agent.origin is not None:
                    agent.origin.keep["prompt_file"] = (ref, text)  # written back as the reference, in this dialect
                report.add(LossCode.VALUE_READ_AS, "prompt", variant="prompt-file", ref=ref)
                return
            agent.prompt = ""
            if agent.origin is not None:
                agent.origin.keep["prompt_file"] = (ref, "")  # the reference, written back into this dialect only
            report.add(LossCode.FIELD_DROPPED, "prompt", variant="prompt-file", ref=ref, why=why, dialect=self.said)

    def write_tools(self, ctx: "WriteContext") -> dict[str, Any]:
        agent = ctx.agent
        same = agent.origin is not None and agent.origin.dialect == self.id
        if agent.tools.mode == NONE and "tools" in agent.derived and same:
            return {}  # no tools key in the source: none written back
        own = agent.origin.keep.get("own_tools") if same else None  # type: ignore[union-attr]
        if own is not None and own[1] == agent.tools:
            return {"tools": own[0]}  # read beneath its disabled servers (``_disabled_servers``): as it came
        if agent.tools.mode == INHERIT:
            if agent.tools.grants:
                self.write_inherited(ctx)
            return {"tools": ["*"]}  # no key would mean no tools here
        scoped = self._agents_scoped(ctx)
        if scoped is None:
            return super().write_tools(ctx)
        policy, names = scoped
        ctx.agent = replace(agent, tools=policy)  # the subagent tool whole, its scopes said in its settings below
        try:
            out = super().write_tools(ctx)
        finally:
            ctx.agent = agent
        rule = self.table["subagents"]
        if rule["tools"][0] in (out.get("tools") or ()):
            out["toolsSettings"] = {rule["settings"]: {rule["key"]: names}}
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="subagent-settings", scopes=", ".join(self.scopes_said(
                ctx, [g for g in agent.tools.grants if g.canonical == "agent"])),
                tool=rule["tools"][0], settings=rule["settings"], key=rule["key"], names=", ".join(names))
        return out

    def _agents_scoped(self, ctx: "WriteContext") -> tuple[ToolPolicy, list[str]] | None:
        """An allowlist whose agent tool is granted only for some agents (Claude Code's ``Agent(a, b)``, OpenCode's
        ``task`` patterns, Copilot's ``agents: [a, b]``): the same list with the subagent tool granted whole, and the
        agents' names for its ``availableAgents``, which "Restricts which agents can be spawned as subagents. Supports
        glob patterns" (kiro.toml [subagents]). Only where the table says ``write`` (the JSON form, the Kiro CLI's; the
        Markdown form's settings are not documented so), only from another tool's file (a Kiro form's own settings are written as they came),
        only names and globs of ``*`` (a name matched as the source matches it), none denied: else None (refused as
        before: the scope cannot be said)."""
        agent, rule = ctx.agent, self.table.get("subagents")
        origin = agent.origin.dialect if agent.origin is not None else None
        policy = agent.tools
        if not rule or not rule.get("write") or origin in _FORMS or policy.mode != ALLOWLIST:
            return None
        mine = [g for g in policy.grants if g.canonical == "agent"]
        if not mine or any(g.pattern is None or g.decision == "deny" for g in mine):
            return None
        names = dedupe(str(g.pattern) for g in mine)
        if not all(n.strip() == n and n and not any(ch in n for ch in "?[]{}\\,()") for n in names):
            return None
        before = sum(1 for g in policy.grants[:policy.grants.index(mine[0])] if g.canonical != "agent")
        rest = [g for g in policy.grants if g.canonical != "agent"]
        whole = Grant(rule["tools"][0], "agent", "ask" if any(g.decision == "ask" for g in mine) else "allow")
        return replace(policy, grants=[*rest[:before], whole, *rest[before:]]), names

    def spoken_scope(self, grant: Grant) -> str:
        """A deny read from a tool's ``toolsSettings`` (``_denied_commands``, ``_denied_paths``, ``_deny_by_default``:
        the entry as its raw, no tool's name) named as the setting it is, ``write deniedPaths '**/dist/**'``, ``shell
        deniedCommands 'rm -rf .*'``, ``shell denyByDefault`` (the tool by its name here), where a tool's name and
        the scope read from the entry, ``**/dist/**(*/dist/*)``, named neither; any other grant as elsewhere."""
        raw = grant.raw
        if grant.decision != "deny" or raw == "*" or raw.startswith("@") or self.crosswalk.read(raw):
            return super().spoken_scope(grant)
        scoped = self.table.get("own", {}).get("toolsSettings", {}).get("denies", {}).get("scoped", {})
        tool = (self.crosswalk.write(grant.canonical or "") or [grant.canonical or "?"])[0]
        if scoped.get(raw) == grant.canonical:  # a switch, named by its key
            return f"{tool} {raw}"
        of = "paths" if grant.canonical in self.table.get("paths", {}).get("scoped", ()) else grant.canonical
        key = next((k for k, v in scoped.items() if v == of), None)
        return f"{tool} {key} '{raw}'" if key else super().spoken_scope(grant)  # (quoted as written)

    def asked_whole(self, ctx: "WriteContext", policy: ToolPolicy, allowed: list[tuple[str, Grant]]) -> None:
        """A tool the source asks about before each call, written in ``tools`` and not in ``allowedTools`` (which no
        write from another dialect fills), asks here too: kept, nothing to say. Only a tool Kiro runs without asking
        when no entry trusts it (``[trust] trusted``: ``read``, the task list) loses its ask: said as elsewhere."""
        trusted = set(self.table.get("trust", {}).get("trusted", ()))
        kept = [g for g in policy.grants if g.decision != "ask" or g.canonical in trusted]
        super().asked_whole(ctx, replace(policy, grants=kept), allowed)

    def body(self, agent: Agent, ctx: "WriteContext") -> str:
        ref = agent.extensions.get(self.id, {}).get("prompt")
        if ref and not agent.prompt:
            return ref
        kept = agent.origin.keep.get("prompt_file") if ctx.same else None  # type: ignore[union-attr]
        if kept and agent.prompt == kept[1]:
            return kept[0]  # the prompt read from its file, unchanged: the reference again
        return super().body(agent, ctx)

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        mapping.pop("prompt", None)  # a file:// reference goes back into `prompt` through body()
        self.only_agents(ctx)
        self.write_trust(mapping, ctx)

    def write_trust(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        """An agent of the other Kiro form (JSON <-> Markdown) whose tools run unasked (its ``allowedTools``, or a
        kiro-md ``permissions`` allow rule, read into the tool policy as ``allow``): those tools written in this form's
        ``allowedTools`` too, each as it is written in ``tools`` (the Markdown form reads the JSON form's keys and names,
        kiro-md.toml [trust], and the JSON form takes `shell`, `write` ...); they asked before each call here. A trusted
        tool no entry of ``tools`` stands for alone (``*``, a tag also holding an asking tool) still asks: said. Only
        between the Kiro forms: elsewhere an allowed tool is one the agent has, not one that runs unasked."""
        agent, trust = ctx.agent, self.table.get("trust", {})
        origin = agent.origin.dialect if agent.origin is not None else None
        if origin not in _FORMS or origin == self.id or not trust or trust["key"] in mapping:
            return
        grants = [g for g in agent.tools.grants if g.pattern is None and g.canonical is not None]
        held = {g.canonical for g in grants if g.decision != "allow"} | {g.canonical for g in agent.tools.denied()}
        allowed = {g.canonical for g in grants if g.decision == "allow"} - held
        unlisted = agent.tools.mode in (DENYLIST, INHERIT)  # `*`: a tool no entry asks about runs as allowed
        covers = self.table.get("tool_covers", {})  # a tool this form has none of, done by another (list: read)
        default = set(trust.get("trusted", ()))
        default |= {t for t, by in covers.items() if set(by) <= default}
        # the source's own entries first, as written (the two forms share Kiro's tool names; a glob stays a glob)
        # a tool the other form runs unasked only by its own default (kiro-md's `read` tag holds glob and grep, which
        # the JSON form has as tools of their own, read as asking): no entry of ours, said below (never wider here)
        by_default = set(registry.get(origin).table.get("trust", {}).get("trusted", ())) - default
        entries = [e for e in agent.extensions.get(origin, {}).get(trust["key"]) or () if isinstance(e, str)]
        native, servers, tools, _, _ = _trusted(entries, self.crosswalk.valid)
        covered = set(native) | {f"mcp:{server}/{tool}" for server, names in tools.items() for tool in names} | {
            f"mcp:{e[1:]}/*" for e in servers if "/" not in e}
        for name in mapping.get("tools") or ():
            ids = self.crosswalk.valid.get(name) if isinstance(name, str) else None
            if ids is None and isinstance(name, str) and name.startswith("@") and name[1:2] not in ("", "/"):
                server, _, tool = name[1:].partition("/")
                ids = [f"mcp:{server}/{tool or '*'}"]
            if ids and unlisted and not set(ids) & held:
                allowed |= set(ids)
            if ids and set(ids) <= allowed - by_default and not set(ids) <= default | covered and name not in entries:
                entries.append(name)
                covered |= set(ids)
        if entries:
            mapping[trust["key"]] = entries
        ctx.mapped.add(f"extensions.{origin}.{trust['key']}")  # said here, not as a key with no place
        covered |= {t for t, by in covers.items() if set(by) <= covered}
        lost = sorted(allowed - covered - default)
        if lost:
            ctx.report.add(LossCode.FIELD_DROPPED, "tools", variant="trust-many" if len(lost) > 1 else "trust-one",
                           tools=", ".join(lost), source=origin, dialect=self.said, key=trust["key"])

    def only_agents(self, ctx: "WriteContext") -> None:
        """A command or another kind written as the one kind Kiro has: said."""
        if ctx.agent.kind != "agent":
            ctx.report.add(LossCode.FIELD_DROPPED, "kind", variant="agents-only", kind=ctx.agent.kind, dialect=self.said)


_LITERAL_ESCAPE = rx.compile(r"\\([^0-9A-Za-z\s<>])")
_REGEX_META = set(".*+?()[]{}|^$\\")
_NOT_LITERAL = "*?\\\t\n\r|&;<>()`$'\"=#"
"""What a command glob would not match as Kiro's regex does: glob wildcards, a backslash (OpenCode makes it ``/``), and
the shell's operators, quotes, expansions, assignments and comments: OpenCode and Claude Code match each command of a
compound one on its own (``a | b`` is two), so a deny of the whole text ``echo x | sh`` would deny nothing there."""


def command_glob(regex: str) -> str | None:
    """The command glob (``*`` any run of characters: OpenCode's bash patterns, util/wildcard.ts in opencode-ai
    1.18.33, ``*`` -> ``.*`` with the ``s`` flag; Claude Code's ``Bash(...)`` scopes) that matches what Kiro's
    ``deniedCommands`` regex matches, or None where there is none exactly. Kiro anchors each regex as ``\\A{regex}\\z``
    (aws/amazon-q-developer-cli 15cc8f3c, crates/chat-cli/src/cli/chat/tools/execute/mod.rs ``eval_perm``,
    ``Regex::new(&format!(r"\\A{dc}\\z"))``; docs/built-in-tools.md "anchored with \\A and \\z"), so a regex that
    is a literal (its punctuation escaped or not special) optionally followed by ``.*`` means the command exactly, or
    the commands that begin with it: ``git push.*`` -> ``git push*`` (``git pushx`` too, as in Kiro), ``git push .*``
    -> ``git push *``; a leading ``.*`` too, the commands that hold it: ``.*git commit.*`` -> ``*git commit*``
    (OpenCode's and Claude Code's ``*`` match anywhere in the command). A leading ``^`` and a trailing ``$`` change
    nothing there. Not read: any other regex (classes,
    ``\\s``, ``\\b``, groups, alternation, which the bare ``\\A...\\z`` wrapping would also split), a literal
    holding any of ``_NOT_LITERAL`` (a glob, a Claude scope or the shell would read them otherwise), one ending in
    ``:`` before ``.*`` (Claude Code reads ``:*`` as its prefix rule), blank, edged or doubled whitespace, or tabs.
    A glob matches a newline where Kiro's ``.`` does not: a wider deny, never a narrower one."""
    body = regex
    if body.startswith("^"):
        body = body[1:]
    if body.endswith("$") and not body.endswith("\\$"):
        body = body[:-1]
    rest = body.endswith(".*") and not body.endswith("\\.*")
    if rest:
        body = body[:-2]
    lead = body.startswith(".*")
    if lead:
        body = body[2:]
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            m = _LITERAL_ESCAPE.match(body, i)
            if not m:
                return None
            out.append(m.group(1))
            i = m.end()
            continue
        if ch in _REGEX_META:
            return None
        out.append(ch)
        i += 1
    literal = "".join(out)
    if not literal.strip() or (not lead and literal != literal.lstrip()) or (not rest and literal != literal.rstrip()):
        return None
    if any(ch in literal for ch in _NOT_LITERAL) or "  " in literal or (rest and literal.endswith(":")):
        return None
    return ("*" if lead else "") + literal + ("*" if rest else "")


_WILD = object()
"""A run of any characters in ``command_superset``'s pieces (a glob's ``*``)."""
_ZERO_WIDTH = "bBAz"   # \\b \\B \\A \\z: assertions, no character
_CLASSES = "sSdDwW"    # \\s \\d \\w and their negations: one character of a class
_REPEAT = rx.compile(r"\{(\d*)(?:,(\d*))?\}")


def _group_end(regex: str, i: int) -> int | None:
    """The index after the ``)`` that closes the group opening at ``i`` (escapes and classes skipped), or None."""
    depth, j = 0, i
    while j < len(regex):
        ch = regex[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            end = _class_end(regex, j)
            if end is None:
                return None
            j = end
            continue
        depth += ch == "("
        depth -= ch == ")"
        j += 1
        if depth == 0:
            return j
    return None


def _class_end(regex: str, i: int) -> int | None:
    """The index after the ``]`` that closes the class opening at ``i``, or None (a nested class or set operation:
    not read)."""
    j = i + 1
    if regex.startswith("^", j):
        j += 1
    if regex.startswith("]", j):
        j += 1  # a leading ']' is the character
    while j < len(regex):
        ch = regex[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[" or regex.startswith(("&&", "--", "~~"), j):
            return None
        if ch == "]":
            return j + 1
        j += 1
    return None


def command_superset(regex: str) -> str | None:
    """A command glob that matches every command Kiro's ``deniedCommands`` regex matches, and more, where there is
    none exactly (``command_glob``): a deny written so forbids at least what Kiro forbids (the agent gets less access
    there, never more; said as ``tool-narrowed``). Kiro anchors the regex as ``\\A{regex}\\z`` and denies a command it
    matches whole (aws/amazon-q-developer-cli 15cc8f3c crates/chat-cli/src/cli/chat/tools/execute/mod.rs
    ``eval_perm``: ``denied_commands ... Regex::new(&format!(r"\\A{dc}\\z"))``, "deny wins"), so the regex is read as
    a sequence of pieces: a character that must be there (a literal, its punctuation escaped or not special), or a run
    of anything (``*``) for a piece that may vary: ``.``, a class (``[...]``, ``\\s``, ``\\d``, ``\\w``), a group
    (``(push|pull)``), and a piece repeated, optional or not (``x*``, ``x?``, ``x+`` is ``x`` then ``*``, ``{n,m}``).
    Assertions (``^``, ``$``, ``\\b``, ``\\A``, ``\\z``) take no character: dropped. Real files write a glob as the
    regex (``git push *``: Kiro denies ``git push`` and spaces after it) and regexes (``aws .* delete-.*``,
    ``rm\\s+-rf.*``): read as ``git push*``, ``aws * delete-*``, ``rm*-rf*``. None (refused as before) for what no
    glob holds: an alternation outside a group (``\\A`` binds to its first branch, ``\\z`` to its last), a flag
    (``(?i)``: the literals would match other cases), an escape this does not know (``\\x41``, ``\\n``), no literal
    at all, and a literal that a target reads otherwise (``_NOT_LITERAL`` but ``*``/``?``, which a glob matches
    anyway: the shell's operators, quotes and assignments, as ``command_glob``), doubled or edged blanks, or ``:``
    before a ``*`` (Claude Code's prefix rule)."""
    pieces: list[object] = []
    i, n = 0, len(regex)
    while i < n:
        ch = regex[i]
        atom: object
        if ch in "|)*+?{":
            return None  # an alternation outside a group, or a repeat of nothing
        if ch in "^$":
            i += 1
            continue
        if ch == "(":
            if regex.startswith("(?", i) and not regex.startswith(("(?:", "(?P<", "(?<"), i):
                return None  # a flag group changes how the literals match
            end = _group_end(regex, i)
            if end is None:
                return None
            atom, i = _WILD, end
        elif ch == "[":
            end = _class_end(regex, i)
            if end is None:
                return None
            atom, i = _WILD, end
        elif ch == ".":
            atom, i = _WILD, i + 1
        elif ch == "\\":
            nxt = regex[i + 1:i + 2]
            if nxt and nxt in _ZERO_WIDTH:
                i += 2
                continue
            if nxt and nxt in _CLASSES:
                atom, i = _WILD, i + 2
            elif nxt in ("p", "P"):
                if regex.startswith("{", i + 2):
                    close = regex.find("}", i + 3)
                    if close < 0:
                        return None
                    atom, i = _WILD, close + 1
                else:
                    atom, i = _WILD, i + 3
            elif not nxt or nxt.isalnum() or nxt.isspace():
                return None
            else:
                atom, i = nxt, i + 2
        else:
            atom, i = ch, i + 1
        least = 1
        if i < n and regex[i] in "*+?":
            least = 0 if regex[i] in "*?" else -1
            i += 1
        elif i < n and regex[i] == "{":
            m = _REPEAT.match(regex, i)
            if not m or not (m.group(1) or m.group(2)):
                return None
            least = -1 if int(m.group(1) or 0) else 0
            i = m.end()
        if least != 1 and i < n and regex[i] == "?":
            i += 1  # lazy: the same commands
        if least == 0:
            pieces.append(_WILD)
        elif least == -1:
            pieces += [atom, _WILD]
        else:
            pieces.append(atom)
    out: list[str] = []
    for piece in pieces:
        if piece is _WILD:
            if out and out[-1] == "*":
                continue
            if out and out[-1].endswith(":"):
                return None
            out.append("*")
        elif out and out[-1] != "*":
            out[-1] += str(piece)
        else:
            out.append(str(piece))
    literals = [p for p in out if p != "*"]
    if not literals:
        return None
    for text in literals:
        if any(ch in text for ch in _NOT_LITERAL if ch not in "*?") or "  " in text:
            return None
    glob = "".join(out)
    return glob if glob == glob.strip() else None


_GLOB = "*?[{"
"""The characters that make an ``allowedTools`` entry a glob (util/pattern_matching.rs: ``*`` or ``?``; globset also
reads ``[...]`` and ``{a,b}`` in one)."""


def _glob(pattern: str, text: str) -> bool:
    """``matches_any_pattern`` for one entry: equal, or (holding ``*`` or ``?``) a globset match, where ``*`` matches
    any run of characters, ``/`` too (globset's default, no ``literal_separator``). An entry with ``[``, ``{`` or
    ``\\`` (classes, alternatives, escapes) is not read here: no match (never wider)."""
    if pattern == text:
        return True
    if not any(ch in pattern for ch in "*?") or any(ch in pattern for ch in "[{\\"):
        return False
    return fnmatch.fnmatchcase(text, pattern)  # `*` any run (`/` too), `?` one character: no `[` here


def _allowed_by_rules(rules: Any, tools: dict[str, str]) -> list[str]:
    """The ``allowedTools`` entries that a Kiro agent's ``permissions`` allow rules stand for (``[trust] rules``): a
    rule ``{capability, effect: allow}`` with no ``match`` nor ``exclude`` lets every call of that capability run
    unasked, as an entry naming its tool (``rule_tools``: ``shell``) does; not where any rule of the capability asks
    (effects resolve deny > ask > allow, kiro.dev/docs/cli/v3/permissions/). A scoped allow (``match: ["npm *"]``) lets
    some calls run unasked: not read, those calls ask (its key is said dropped elsewhere)."""
    if not isinstance(rules, list):
        return []
    rules = [r for r in rules if isinstance(r, dict)]
    asks = {r.get("capability") for r in rules if r.get("effect") == "ask"}
    return [tools[c] for r in rules if (c := r.get("capability")) in tools and c not in asks
            and r.get("effect") == "allow" and r.get("match") is None and r.get("exclude") is None]


def _trusted(entries: list[str], names: dict[str, list[str]]) -> tuple[set[str], list[str], dict[str, list[str]],
                                                                         dict[str, list[str]], list[str]]:
    """What ``allowedTools`` trusts (tool_permission_checker.rs ``is_tool_in_allowlist``): the canonical ids of the
    built-in tools it names (``names``: Kiro's spellings), its ``@`` entries, the tools it names exactly inside each
    server (``@server/tool``), its globs of some of a server's tools by server, and the entries not read."""
    native: set[str] = set()
    servers: list[str] = []
    tools: dict[str, list[str]] = {}
    partial: dict[str, list[str]] = {}
    unread: list[str] = []
    for e in entries:
        if e in ("@builtin", "@builtin/", "@builtin/*"):
            native.update(c for cs in names.values() for c in cs)
            continue
        if e.startswith("@") and not e.startswith("@builtin/"):
            servers.append(e)
            server, sep, tool = e[1:].partition("/")
            if sep and not any(ch in server for ch in _GLOB):
                (partial if any(ch in tool for ch in _GLOB) else tools).setdefault(server, []).append(
                    e if any(ch in tool for ch in _GLOB) else tool)
            continue
        name = e.removeprefix("@builtin/")
        if any(ch in name for ch in "[{\\"):
            unread.append(e)
            continue
        native.update(c for n, cs in names.items() if _glob(name, n) for c in cs)
    return native, servers, tools, partial, unread


_WORKSPACE = (".kiro", ".amazonq")
_PROMPT_SUFFIXES = (".md", ".markdown", ".mdx", ".txt")
"""The prompt documents agentconv reads for ``file://`` (Kiro reads any file: a ``.env`` named there is read too, and
its text would land in every converted file; those are said, never copied)."""


def prompt_file(ref: str, path: str | None) -> tuple[str | None, str]:
    """The text of the prompt file ``ref`` (``file://PATH``) names for the agent at ``path``, or None and why not
    (one of the ``prompt-file-*`` sentences of ``losses.toml``, filled).
    Read only inside the workspace the agent belongs to (the folder holding its ``.kiro`` or ``.amazonq`` folder),
    a regular file within the source bound, UTF-8 (Kiro reads it with ``read_to_string``, which fails otherwise)."""
    target = ref[len(FILE_PREFIX):]
    path = limits.SOURCE_FILE.get() or path  # where the file is on disk (a batch names it by its repository path)
    if not path or not os.path.isfile(path):
        return None, sentence("prompt-file-no-file")
    if not target or target.startswith(("/", "~")) or re.match(r"^[A-Za-z]:[\\/]", target):
        return None, sentence("prompt-file-outside")
    here = os.path.dirname(os.path.abspath(path))  # where the agent is named: a linked agent file leads nowhere else
    parts = here.split(os.sep)
    top = next((os.sep.join(parts[:i]) or os.sep for i in range(len(parts) - 1, 0, -1) if parts[i] in _WORKSPACE), None)
    if top is None:
        return None, sentence("prompt-file-no-workspace")
    top = os.path.realpath(top)
    real = os.path.realpath(os.path.join(here, target))
    if not (real == top or real.startswith(top.rstrip(os.sep) + os.sep)):
        return None, sentence("prompt-file-outside")
    if os.path.splitext(real)[1].lower() not in _PROMPT_SUFFIXES:
        return None, sentence("prompt-file-not-prompt", suffixes=", ".join(_PROMPT_SUFFIXES))
    try:
        data = limits.read_file(real)
    except FileNotFoundError:
        return None, sentence("prompt-file-missing")
    except (OSError, limits.LimitError) as e:
        return None, sentence("prompt-file-unreadable", error=getattr(e, "strerror", None) or e)
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        return None, sentence("prompt-file-not-utf8")


_AGENT_FOLDERS = ((".kiro", "agents"), (".amazonq", "cli-agents"))
"""Where Kiro and Amazon Q Developer CLI load their JSON agents from, below the workspace (``kiro.toml`` layout)."""


def prompt_owner(path: str | os.PathLike[str], seen: dict[str, dict[str, str]]) -> str | None:
    """The JSON agent (its path below the workspace, ``.kiro/agents/NAME.json``) whose ``file://`` prompt is the file
    at ``path``, when Kiro loads no agent from that file: a prompt document (``_PROMPT_SUFFIXES``) without a ``---``
    header in a ``.kiro`` or ``.amazonq`` folder (the IDE's parser fails a file without frontmatter, ``kiro-md.toml``
    ``[detect]``). Its text is that agent's prompt (``prompt_file``), so a run that finds it beside the agent takes it
    as no agent of its own (read as a markdown persona, it would become a second agent with every tool). None
    otherwise. The reference is resolved as ``prompt_file`` resolves it (relative to the agent file's folder, inside
    its workspace, real paths compared). ``seen``: the workspaces whose agents were read in this run (one read each)."""
    full = os.path.abspath(os.fspath(path))
    if os.path.splitext(full)[1].lower() not in _PROMPT_SUFFIXES:
        return None
    parts = full.split(os.sep)
    at = next((i for i in range(len(parts) - 2, 0, -1) if parts[i] in _WORKSPACE), None)
    if at is None or _has_header(full):
        return None
    top = os.sep.join(parts[:at]) or os.sep
    named = seen.get(top)
    if named is None:
        named = seen[top] = _named_prompts(top)
    return named.get(os.path.realpath(full))


def _has_header(path: str) -> bool:
    """Does the file open with a ``---`` line (after an optional BOM), the frontmatter a Markdown agent has? A file
    that cannot be read counts as one: it is left to its own conversion, which says why it fails."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError:
        return True
    line = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    return line.rstrip(b" \t") == b"---"


def _named_prompts(top: str) -> dict[str, str]:
    """Real path of each prompt file a JSON agent of the workspace at ``top`` names by ``file://`` -> that agent's
    path below ``top``. An agent that cannot be read, or names no file inside the workspace, names nothing here."""
    import json

    out: dict[str, str] = {}
    real_top = os.path.realpath(top)
    for folder in _AGENT_FOLDERS:
        here = os.path.join(top, *folder)
        try:
            names = sorted(n for n in os.listdir(here) if n.lower().endswith(".json"))
        except OSError:
            continue
        for name in names:
            try:
                data = json.loads(limits.read_file(os.path.join(here, name)).decode("utf-8-sig"))
            except (OSError, ValueError, limits.LimitError):
                continue
            ref = data.get("prompt") if isinstance(data, dict) else None
            if not isinstance(ref, str) or not ref.startswith(FILE_PREFIX):
                continue
            target = ref[len(FILE_PREFIX):]
            if not target or target.startswith(("/", "~")) or re.match(r"^[A-Za-z]:[\\/]", target):
                continue
            real = os.path.realpath(os.path.join(here, target))
            if real.startswith(real_top.rstrip(os.sep) + os.sep):
                out.setdefault(real, "/".join((*folder, name)))
    return out


class KiroMarkdown(Kiro):
    id = "kiro-md"
    detect_within_base = True  # the base score itself

    def detect(self, path: str | None, data: dict[str, Any] | None, has_header: bool) -> tuple[float, list[str]]:
        return Dialect.detect(self, path, data, has_header)  # no `$schema` rule: that is the JSON form's

    def read_extra(self, agent: Agent, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> None:
        """No ``file://`` prompt of the JSON form: the body is the prompt (a file without frontmatter, which Kiro loads
        no agent from, is said by the base reader: ``[detect] needs_header``)."""

    def body(self, agent: Agent, ctx: "WriteContext") -> str:
        return Dialect.body(self, agent, ctx)

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        self.only_agents(ctx)  # no `prompt` key to take off: the body is the prompt
        self.write_trust(mapping, ctx)


def _denied_lists(agent: Agent, data: dict[str, Any], key: str) -> Iterator[tuple[str, list[Any]]]:
    """Each (tool as written, its non-empty ``key`` list) of the agent's ``toolsSettings`` (``deniedCommands``,
    ``deniedPaths``), where deny grants read from them can be added to its tools; none elsewhere."""
    settings = data.get("toolsSettings")
    if not isinstance(settings, dict) or agent.tools.mode not in (INHERIT, DENYLIST, ALLOWLIST):
        return
    for tool, value in settings.items():
        denied = value.get(key) if isinstance(value, dict) else None
        if isinstance(tool, str) and isinstance(denied, list) and denied:
            yield tool, denied


def _holds(policy: ToolPolicy, canonical: str) -> bool:
    """Whether ``policy`` grants tool ``canonical`` whole (an allowlist naming it, any other not denying it)."""
    if policy.mode == ALLOWLIST:
        return any(g.canonical == canonical and g.pattern is None for g in policy.allowed())
    return not any(g.canonical == canonical and g.pattern is None for g in policy.denied())


def _add_denies(agent: Agent, data: dict[str, Any], rules: list[Grant]) -> None:
    """Add the deny grants ``rules`` read from ``toolsSettings`` to the agent's tools (a policy of every tool becomes a
    deny list) and keep the ``tools`` as written and the policy read (``own_tools``)."""
    policy = agent.tools
    if policy.mode == INHERIT:
        policy.mode = DENYLIST
    policy.grants = [*policy.grants, *rules]
    settle(policy)
    if agent.origin is not None:
        kept = agent.origin.keep.get("own_tools")
        agent.origin.keep["own_tools"] = (kept[0] if kept else data["tools"], replace(policy, grants=list(policy.grants)))


def path_wildcards(entry: str) -> list[str] | None:
    """A ``deniedPaths`` entry as the wildcards (``*`` any text, '/' too; ``?`` any one character; matched against the
    whole path relative to the working folder: opencode.toml [paths]) that match just what it denies, or None where
    that is not sure. aws/amazon-q-developer-cli 15cc8f3c (read 2026-11-29): fs_read.rs / fs_write.rs ``eval_perm``
    turn each entry into ``paths::canonicalizes_path`` (shell-expanded, a relative one joined onto the working folder,
    ``.`` and ``..`` parts resolved) and ``paths::add_gitignore_globs`` (globset ``Glob::new`` of it and of it plus
    ``/**``), matched against the tool's path made absolute the same way. globset without ``literal_separator``: ``*``
    and ``?`` cross '/', a part ``**`` is any folders or none (``/**/``), everything below at the end (``/**``). So
    ``**/*.env`` is ``*.env`` and ``*.env/*``; ``secrets/`` is ``secrets`` and ``secrets/*``; ``.`` (the working
    folder, made absolute and resolved, and ``/**`` below it) is ``*``, every path there. Not said: an absolute
    or home path, ``$``, ``..``, a class, an alternation or an escape (``[``, ``{``, backslash), an empty one."""
    if not entry.strip() or entry != entry.strip() or entry.startswith(("/", "~")) or any(c in entry for c in "$[]{}\\"):
        return None
    parts = [x for x in entry.split("/") if x not in ("", ".")]
    if not parts:  # `.`, `./`: the working folder itself, and with its `/**` twin everything in it
        return ["*"]
    if ".." in parts or any("**" in x and x != "**" for x in parts):  # globset refuses `a**`: no deny
        return None
    out = [""]
    for i, x in enumerate(parts):
        last = i == len(parts) - 1
        if x == "**" and last:
            out = [o + "*" for o in out]  # `a/**`: anything below a/ (or, alone, anything)
        elif x == "**":
            nxt = parts[i + 1]
            # any folders or none: `*/` or nothing; before a part led by `*` the nothing alone says both
            out = [o + s for o in out for s in ((("",) if nxt.startswith("*") else ("", "*/")))]
        else:
            out = [o + x + ("" if last else "/") for o in out]
    out += [f"{o}/*" for o in out if not o.endswith("*")]  # the `/**` twin: what is in a folder it names
    return list(dict.fromkeys(out))
