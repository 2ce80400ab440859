"""GitHub Copilot / VS Code custom agents (``.github/agents/NAME.agent.md``, legacy ``.chatmode.md``).

``name:`` is the name VS Code finds the agent by, else its file name (promptsServiceImpl.ts ``computeCustomAgents``,
chatModes.ts ``findModeByName``; written elsewhere under its file name, the references to it rewritten in a batch:
``resolve_agent_refs``); ``tools: ['*']`` means every tool (GitHub docs).
VS Code reads the header with its own parser, which keeps every scalar a string (the table's ``[parser]``): a
boolean spelled other than ``true``/``false`` is ignored there, which reading reports.
"""
from __future__ import annotations

from dataclasses import replace
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import paths, rx
from ..envelopes import frontmatter
from ..ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Agent, Grant, ToolPolicy
from ..loss import LossCode, LossReport, sentence
from ..tools import mcp_id, split_mcp
from .base import Dialect
from .helpers import dedupe, glob_match

if TYPE_CHECKING:
    from .base import WriteContext

_SCALAR = rx.compile(r"[^:]*:[ \t]*(?P<v>[^\s#][^#]*?)[ \t]*(?:#.*)?\n")
"""The scalar after ``key:`` on a header line (a comment after it left out)."""


class Copilot(Dialect):
    id = "copilot"

    def read_extra(self, agent: Agent, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> None:
        """A YAML boolean spelled as VS Code does not take it (``True``, ``FALSE``): read as the boolean, reported."""
        parser = self.table.get("parser", {})
        own = self.table.get("own", {})
        for chunk in parsed.layout.chunks:
            if own.get(chunk.key, {}).get("type") != "bool" or not isinstance(chunk.value, bool):
                continue
            m = _SCALAR.match(chunk.text)
            spelled = m.group("v").strip("\"'") if m else None
            if spelled is not None and spelled not in parser.get("booleans", (spelled,)):
                report.add(LossCode.VALUE_INVALID, f"extensions.{self.id}.{chunk.key}", line=chunk.line,
                           variant="not-boolean", value=spelled, reader=parser.get("reader", "the tool"),
                           booleans=" or ".join(parser["booleans"]))
        before = list(agent.tools.grants)
        if self.scope_tools(agent.tools, agent):
            if agent.origin is not None:  # said by the tool policy wherever it is written (its scopes), not dropped
                agent.origin.keep["tool_keys"] = (self.table["subagents"]["key"],)
            only = [g.pattern for g in agent.tools.allowed() if g.canonical == "agent" and g.pattern]
            if agent.tools.mode != DENYLIST:
                report.add(LossCode.VALUE_READ_AS, "tools", variant="agents-scope")
            elif only:
                report.add(LossCode.VALUE_READ_AS, "tools", variant="agents-denylist-only", agents=", ".join(only))
            else:
                report.add(LossCode.VALUE_READ_AS, "tools", variant="agents-denylist-none")
        for server, names in self._server_limits(agent).items():
            if any(g.canonical == mcp_id(server) for g in before if g.decision != "deny"):
                if names:
                    report.add(LossCode.VALUE_READ_AS, "tools", variant="mcp-enabled", server=server,
                               names=", ".join(names))
                else:
                    report.add(LossCode.VALUE_READ_AS, "tools", variant="mcp-enabled-none", server=server)
        if agent.role is None:  # who invokes it, said by VS Code's keys (`[roles]`): a subagent only, a primary only
            said = [role for role, rule in self.table.get("roles", {}).items() if self._says(agent, rule)]
            if len(said) == 1:
                agent.role = said[0]  # the keys stay as they are; the role is what they mean

    def scope_tools(self, policy: ToolPolicy, agent: Agent) -> bool:
        """`agents` scopes the agent tool (_scope_agents, True when it did); an `mcp-servers` entry's `tools` limits
        what `SERVER/*` grants (_limit_servers)."""
        scoped = self._scope_agents(policy, agent)
        self._limit_servers(policy, agent)
        return scoped

    def _server_limits(self, agent: Agent) -> dict[str, list[str]]:
        """`mcp-servers: {S: {tools: [a, b]}}`: the tools the agent's own server S enables ("a YAML representation of
        the JSON configuration format used to configure MCP servers for Copilot cloud agent", github/docs
        content/copilot/reference/custom-agents-configuration.md, 03e038c5, read 2026-11-29; its `tools` is the list
        of the server's tools to enable, `["*"]` for all, content/copilot/how-tos/use-copilot-agents/cloud-agent/
        extend-cloud-agent-with-mcp.md). None for `target: vscode`: "Not used in VS Code" (the same page)."""
        own = agent.extensions.get(self.id, {})
        servers = own.get("mcp-servers")
        if not isinstance(servers, dict) or own.get("target") == "vscode":
            return {}
        out = {}
        for name, conf in servers.items():
            tools = conf.get("tools") if isinstance(conf, dict) else None
            if isinstance(name, str) and isinstance(tools, list) and all(isinstance(t, str) for t in tools) \
                    and "*" not in tools:
                out[name] = list(dict.fromkeys(t.strip() for t in tools if t.strip()))
        return out

    def _limit_servers(self, policy: ToolPolicy, agent: Agent) -> None:
        """An allowlist's `S/*` of a server the agent's own `mcp-servers` limits is read as those tools alone
        (`S/a`, `S/b`; none for `tools: []`): a target names the user's own server S, all of whose tools `*` would
        grant there. A named tool `S/x` stays as written (repository settings may configure S after the agent, the
        same page's "processing order"); no `tools` (every tool) is left as it is."""
        limits = self._server_limits(agent)
        if policy.mode != ALLOWLIST or not limits:
            return
        grants = []
        for g in policy.grants:
            parts = split_mcp(g.canonical or "")
            if parts and parts[1] == "*" and parts[0] in limits and g.decision != "deny":
                grants += [replace(g, canonical=mcp_id(parts[0], t)) for t in limits[parts[0]]]
            else:
                grants.append(g)
        policy.grants = grants
        if not policy.allowed():
            policy.mode = NONE

    def _scope_agents(self, policy: ToolPolicy, agent: Agent) -> bool:
        """`agents` names the agents this one may run as subagents: "Use `*` to allow all agents, or an empty array
        `[]` to prevent any subagent use" (microsoft/vscode-docs docs/copilot/customization/custom-agents.md, 036c6639,
        read 2026-11-27). An allowlist's `agent` tool is scoped to them (one grant per name, as Claude Code's
        `Agent(a, b)`; none for `[]`), so no target grants delegation to every agent: one that cannot write the scope
        refuses, as for Claude's. Not with every tool (no `tools`): nothing to scope there. True when it scoped."""
        names = agent.extensions.get(self.id, {}).get("agents")
        layout = agent.origin.layout if agent.origin is not None and agent.origin.dialect == self.id else None
        if layout is not None and any(c.key == "agents" and not isinstance(c.value, list) for c in layout.chunks):
            return False  # a single value, which VS Code ignores (read as a list, said: `[parser] list_only`)
        if policy.mode == INHERIT and not policy.grants and isinstance(names, list) and "*" not in names \
                and all(isinstance(n, str) for n in names):
            # No `tools` (every tool) and `agents: []`: every tool but the agent tool ("an empty array `[]` to prevent
            # any subagent use", the same page; VS Code's promptValidator.ts validateAgentsAttribute asks for the
            # `agent` tool only "When 'agents' and 'tools' are specified", read 2026-11-28); `agents: [a, b]`: the
            # agent tool for those alone. A target given every tool would let it delegate to any agent: a deny list
            # of the agent tool, its scopes allowed (OpenCode `task: {"*": deny, a: allow}`; a target that cannot
            # allow a scope of a denied tool denies it whole, said; no deny list: refused).
            policy.mode = DENYLIST
            policy.grants = [Grant("agent", "agent", "deny"),
                             *(Grant("agent", "agent", "allow", n) for n in dict.fromkeys(n.strip() for n in names) if n)]
            return True
        if policy.mode != ALLOWLIST or not isinstance(names, list) or not all(isinstance(n, str) for n in names) \
                or "*" in names or not any(g.canonical == "agent" and g.pattern is None for g in policy.allowed()):
            return False
        grants = []
        for g in policy.grants:
            if g.canonical == "agent" and g.pattern is None and g.decision != "deny":
                grants += [replace(g, pattern=n) for n in dict.fromkeys(n.strip() for n in names) if n]
            else:
                grants.append(g)
        policy.grants = grants
        if not policy.allowed():
            policy.mode = NONE
        return True

    def write_tools(self, ctx: "WriteContext") -> dict[str, Any]:
        """An allowlist whose agent tool is granted only for some agents (``_agents_scoped``): the agent tool whole in
        ``tools``, the agents' names in ``agents``, and ``target: vscode`` where the record states no target, since VS Code
        alone honours ``agents`` (copilot.toml ``[subagents]``): GitHub.com's cloud agent and the Copilot CLI, which
        would take ``agent`` for any agent, do not load the file (said: tool-narrowed). Not on the way back into the
        Copilot file the scopes came from (``own_scopes``): as that file had it. Anything else as before."""
        scoped = self._agents_scoped(ctx)
        if scoped is None:
            return super().write_tools(ctx)
        agent, rule = ctx.agent, self.table["subagents"]
        policy, names = scoped
        ctx.agent = replace(agent, tools=policy)  # the agent tool whole, its scopes said by `agents` below
        try:
            out = super().write_tools(ctx)
        finally:
            ctx.agent = agent
        if "tools" in ctx.carried:  # the side channel holds the record's own policy, scopes and all
            ctx.carried["tools"] = paths.get(agent, "tools")
        if rule["tool"] not in (out.get(self.tool_fields["tools"]) or ()):
            return out
        scopes = ", ".join(self.scopes_said(ctx, [g for g in agent.tools.grants if g.canonical == "agent"]))
        out[rule["key"]] = names
        target = rule["target"]
        if agent.extensions.get(self.id, {}).get(target["key"]) != target["honoured"] and not self.own_scopes(ctx):
            # (given back into the Copilot file it came from, while fresh: its scopes mean what they meant there)
            out[target["key"]] = target["honoured"]
            ctx.made = (*ctx.made, target["key"])  # made up here: a write back into the first dialect leaves it out
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", written=sentence(
                "agents-target-written", scopes=scopes, tool=rule["tool"], key=rule["key"], names=", ".join(names),
                target_key=target["key"], target=target["honoured"]),
                tools=sentence("agents-target-rest", target_key=target["key"], target=target["honoured"]))
            ctx.carry_tools()
        else:
            ctx.report.add(LossCode.TOOL_COERCED, "tools", tools=scopes, note="", written=sentence(
                "agents-limited", tool=rule["tool"], key=rule["key"], names=", ".join(names)))
        return out

    def _agents_scoped(self, ctx: "WriteContext") -> tuple[ToolPolicy, list[str]] | None:
        """The record's allowlist with its agent tool granted whole, and the names of the agents its scopes allow, when
        ``agents`` says them (``[subagents]``): an allowlist from another tool's file (a Copilot file's own `agents` is
        written as it came), every grant of the agent tool an allow or ask scoped to one agent's name (no glob, no
        deny), and no target that ignores `agents`. Else None: written as before (a scope that cannot be said refuses)."""
        agent, rule = ctx.agent, self.table.get("subagents")
        policy = agent.tools
        if not rule or self.own_layout(agent) is not None or policy.mode != ALLOWLIST:
            return None
        if agent.extensions.get(self.id, {}).get(rule["target"]["key"]) == rule["target"]["ignored"]:
            return None
        mine = [g for g in policy.grants if g.canonical == rule["tool"]]
        if not mine or any(g.pattern is None or g.decision == "deny" for g in mine):
            return None
        names = dedupe(str(g.pattern) for g in mine)
        if not all(n and n.strip() == n and not any(ch in n for ch in "*?[]{}\\") for n in names):
            return None
        at = policy.grants.index(mine[0])  # the whole tool where its first scope was
        rest = [g for g in policy.grants if g.canonical != rule["tool"]]
        whole = Grant(rule["tool"], rule["tool"], "ask" if any(g.decision == "ask" for g in mine) else "allow")
        return replace(policy, grants=[*rest[:at], whole, *rest[at:]]), names

    def _says(self, agent: Agent, rule: dict[str, Any]) -> bool:
        own = agent.extensions.get(self.id, {})
        if any(own.get(k) is rule["value"] for k in (rule["key"], *rule.get("also", ()))):
            return True
        return rule["key"] not in own and any(own.get(k) is v for k, v in rule.get("legacy", {}).items())

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        """A legacy ``.chatmode.md`` (VS Code's alone) without a description is written as a ``.agent.md``, which
        GitHub.com also reads and requires a description in (``[validate] reader_rules``): said, not made up (the same
        dialect keeps the file as written; VS Code needs none)."""
        super().write_extra(mapping, ctx)
        agent = ctx.agent
        rule = self.table.get("roles", {}).get(agent.role or "")
        if rule and "role" not in agent.derived:  # a stated agent mode (not Claude's default): the key that says it
            if not any(k in mapping for k in (rule["key"], *rule.get("also", ()))) and not ctx.same:
                mapping[rule["key"]] = rule["value"]
            ctx.mapped.add("role")
        only = self.table.get("validate", {}).get("reader_rules", {})
        origin = ctx.agent.origin
        if "required" not in only.get("rules", ()) or not ctx.same or origin is None or not origin.path:
            return
        described = mapping.get("description")
        if (isinstance(described, str) and described.strip()) or mapping.get("target") in only.get("not_target", ()):
            return
        if any(glob_match(origin.path.replace("\\", "/"), g) for g in only.get("not_paths", ())):
            ctx.report.add(LossCode.VALUE_REQUIRED, "description", variant="agent-md-description", reader=only["reader"])
