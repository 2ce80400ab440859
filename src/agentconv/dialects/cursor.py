"""Cursor subagents (``.cursor/agents/NAME.md``): name, description, model, readonly, is_background.

Cursor has no tool list. Its one tool control, ``readonly: true``, takes away file edits and mutating
commands (the table's ``[readonly] denies``). So:

- read: ``readonly: true`` is a deny list of those tools, and of every MCP server's tools and resources (readonly
  blocks MCP: ``[readonly] mcp_said``); ``readonly: false``, the default, is every tool (inherit),
  written back as written into Cursor only (elsewhere no key says more than none). readonly forbids
  only the shell commands that change state (``[readonly] shell_allowed``): no other tool can deny a shell by what a
  command does, so the deny list forbids every shell command, and a file written in another dialect says so
  (tool-narrowed, ``Dialect.build``).
- write: readonly: true still runs the shell commands that change nothing, so it never says "no shell" (the table's
  ``shell_said``): an allowlist (or empty list) that grants no shell tool, or a deny list that denies one, is refused
  as a widening, as Codex's read-only sandbox is (``BroadenError`` unless ``--allow-broaden``; then readonly: true is
  written and the broadening reported). readonly: false, the only setting with file edits, gives every tool of the
  parent agent (the table's ``[parent]``: web search, the browser, the Task tool, every MCP server's tools ...): an
  allowlist that grants a file tool is written as Cursor's default (no readonly) when it grants every kind of access
  those tools hold (``no_new_access``, the never-widen rule; what Cursor adds is said, the list carried), and refused
  naming the others when it does not (with ``--allow-broaden`` nothing is written); one that scopes a tool is refused.
  An allowlist that grants a shell and no file tool is written
  ``readonly: true``, narrower (its state-changing commands, and MCP tools: readonly blocks MCP; tool-narrowed).
- write, deny list: when everything it denies is among the edit tools, ``readonly: true`` (which may forbid
  more: a narrowing, reported, MCP tools too: readonly blocks MCP); a deny of anything else cannot be said:
  ``BroadenError`` as above. A denied shell whose source kept a shell that cannot write (Codex's read-only sandbox,
  ``read_only_shell``) is no widening there: readonly's commands change nothing, files included (said, narrower).
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from ..ir import ALLOWLIST, DENYLIST, NONE, Agent, Grant
from ..loss import LossCode, sentence
from ..tools import capability, split_mcp
from .base import Dialect
from .helpers import dedupe

if TYPE_CHECKING:
    from ..loss import LossReport
    from .base import WriteContext


class Cursor(Dialect):
    id = "cursor"
    flag = "readonly"

    def mutating(self) -> list[str]:
        return list(self.table.get("readonly", {}).get("denies", []))

    def read_only_denies(self) -> list[str]:
        """What ``readonly: true`` reads as: the mutating tools and the table's ``also_denies``."""
        return self.mutating() + list(self.table.get("readonly", {}).get("also_denies", []))

    def read_tools(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        value = data.get(self.flag)
        if isinstance(value, str) and value.lower() in ("true", "false"):
            report.add(LossCode.VALUE_READ_AS, "tools", value=f"{self.flag} {value!r}", reading="a boolean")
            value = value.lower() == "true"
        if value is True:
            agent.tools.mode = DENYLIST
            agent.tools.grants = [Grant(c, c, "deny") for c in self.read_only_denies()]  # raw: the canonical id
            if agent.origin is not None:  # written elsewhere, the deny of every shell tool is said (Dialect.build)
                agent.origin.keep["readonly_shell"] = self.table["readonly"]["shell_allowed"]
        elif value is False and agent.origin is not None:  # the default: every tool of the parent agent, which the
            agent.origin.keep["readonly_false"] = data[self.flag]  # policy says (inherit); as written back here only
        elif value is not None:
            agent.extensions.setdefault(self.id, {})[self.flag] = value

    def write_tools(self, ctx: "WriteContext") -> dict[str, Any]:
        policy = ctx.agent.tools
        same = ctx.same
        if policy.mode not in (ALLOWLIST, NONE, DENYLIST):
            written = super().write_tools(ctx)  # inherit: nothing to say (per-tool decisions are reported there)
            if same and "readonly_false" in ctx.agent.origin.keep:  # type: ignore[union-attr]
                written.setdefault(self.flag, ctx.agent.origin.keep["readonly_false"])  # type: ignore[union-attr]
            return written
        kept = self.foreign_as_read(ctx, also=(self.flag,)) if same else None
        if kept is not None:  # a Claude `tools` Cursor ignores: what Cursor reads is unchanged, as written
            return kept
        mutating = set(self.mutating())
        if policy.mode == DENYLIST:
            denied = self.denied_ids(ctx, policy)
            extra = sorted(str(c) for c in denied - set(self.read_only_denies()) if not self._mcp(str(c)))  # readonly
            # blocks every MCP tool: a deny of some is said by it (the rest go too: said below)
            lifted = self.lift_session_denials(ctx, extra) if not same else []
            if len(lifted) < len(extra):
                return self._broaden(ctx, "cursor-deny", dialect=self.said, tools=", ".join(extra))
            denied = denied - set(lifted)
            if lifted and not denied:  # only session tools were denied: no readonly, the parent agent's tools
                return {}
            shells = sorted(str(c) for c in denied if capability(c) == "shell")
            ours = same or ctx.carried_back("tools") and ctx.agent.origin.keep.get("carried_from") == self.id  # type: ignore[union-attr]
            kept = None if ours else self.read_only_shell(ctx, policy)  # the source kept a shell that cannot write
            ctx.shell_kept = kept is not None or not ours and self.mode_shell(ctx) is not None  # or ran only
            # the read-only commands (plan mode), which readonly runs too
            if shells and not ours and not ctx.shell_kept:  # readonly still runs the commands that change nothing
                self.broaden(ctx, "cursor-shell-deny", dialect=self.said, tools=", ".join(shells),
                             why=self.table["readonly"]["shell_said"])
            narrower = sorted(mutating - denied)
            gone = [", ".join(narrower)] if narrower else []
            if kept:  # Codex's read-only sandbox: its commands write nothing; readonly's change nothing (no wider)
                gone.append(sentence("readonly-commands", kept=kept, why=self.table["readonly"]["shell_narrower"]))
            if not ours and "mcp:*/*" not in denied:  # a deny list allows every MCP server's tools, which readonly takes away
                gone.append(sentence("readonly-mcp", why=self.table["readonly"]["mcp_said"]))
            if gone and not same:
                ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="readonly-denylist", flag=self.flag,
                               tools=" and ".join(gone))
            if not same:
                self.narrow_exceptions(ctx, policy)  # readonly forbids what a scope of a denied tool allowed
        else:
            granted = {g.canonical for g in policy.allowed()}
            edits = sorted(str(c) for c in granted if capability(str(c)) == "files")
            shells = sorted(str(c) for c in granted if capability(str(c)) == "shell")
            scoped = sorted({g.raw for g in policy.allowed() if g.pattern and not self.scope_ignored(ctx, g)})
            lacks, also = self.parent_gap(ctx, self.table.get("parent", {})) if edits else ([], [])
            if lacks:  # readonly: false gives every tool of the parent agent ([parent]): some of a kind not granted
                return self._broaden(ctx, "cursor-grants", dialect=self.said, tools=", ".join(edits),
                                     why=self.table["readonly"]["every_said"], lacks=", ".join(lacks))
            if scoped:
                return self._broaden(ctx, "cursor-scopes", dialect=self.said, tools=self.named(ctx, scoped),
                                     why=self.table["readonly"]["scope_said"])
            if edits:  # every kind of access the parent agent's tools hold is granted: Cursor's default, said
                if also:
                    ctx.report.add(LossCode.TOOL_BROADENED, "tools", variant="also-gets", dialect=self.said,
                                   tools=", ".join(also))
                ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="cursor-every", dialect=self.said)
                self.asked_whole(ctx, policy, [(g.raw, g) for g in policy.allowed()])  # an ask: Cursor's own settings
                ctx.carry_tools()
                return {}
            kept = None if shells or same else self.mode_shell(ctx)  # a mode left its shell out
            ctx.shell_kept = kept is not None  # (plan mode, whose read-only commands readonly runs too)
            if not shells and kept is None:  # as Codex's read-only sandbox (codex.py): a shell the source did not grant
                self.broaden(ctx, "cursor-no-shell", dialect=self.said, why=self.table["readonly"]["shell_said"])
                return {self.flag: True}
            gone = [sentence("readonly-state-changing", tools=", ".join(shells))] if shells else []
            mcp = dedupe(g.raw for g in policy.allowed() if g.canonical and self._mcp(g.canonical))
            if mcp:
                gone.append(f"{self.named(ctx, mcp)} ({self.table['readonly']['mcp_said']})")
            if gone:
                ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="readonly-allowlist", flag=self.flag,
                               tools=" and ".join(gone))
        if not same or ctx.carried_back("tools"):
            ctx.carry_tools()
        return {self.flag: True}

    @staticmethod
    def _mcp(canonical: str) -> bool:
        """An MCP server's tool or resource tool, which ``readonly: true`` takes away ([readonly] mcp_said)."""
        return bool(split_mcp(canonical)) or capability(canonical) == "mcp-resources"

    def _broaden(self, ctx, variant: str, **params: Any) -> dict[str, Any]:
        self.broaden(ctx, variant, **params)
        return {}
