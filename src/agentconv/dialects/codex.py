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
  one a Codex ``read-only`` file reads as (same dialect); denying anything else cannot be said (wider).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..envelopes import records
from ..ir import ALLOWLIST, DENYLIST, NONE, Agent, Grant
from ..loss import LossCode
from ..tools import capability
from .base import Dialect
from .helpers import dedupe

if TYPE_CHECKING:
    from ..loss import LossReport
    from .base import WriteContext

READ_ONLY, WORKSPACE = "read-only", "workspace-write"


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
        for key, ipath in (("name", "name"), ("description", "description"), (self.table["prompt_key"], "prompt")):
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                continue
            how = "missing" if value is None else "not text" if not isinstance(value, str) else "blank"
            self.reject_file(agent, report, "Codex", f"'{key}' is {how}", path=ipath, line=records.key_line(text, key) or 1)

    def read_tools(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        value = data.get(self.key)
        if value == READ_ONLY:
            spec = self.table["sandbox"]
            order = spec["edits"] + spec["commands"] + spec.get("also_denies", [])
            agent.tools.mode = DENYLIST
            agent.tools.grants = [Grant(c, c, "deny") for c in dedupe(order)]  # raw: the canonical id
        elif value is not None:
            if value not in self.table.get("values", {}).get("sandbox", []):
                report.add(LossCode.VALUE_INVALID, f"extensions.{self.id}.{self.key}",
                           problem=f"{self.key} {value!r} is not one of Codex's sandbox modes", reading="kept as written")
            agent.extensions.setdefault(self.id, {})[self.key] = value

    def body(self, agent: Agent, ctx: "WriteContext") -> str:
        if not agent.prompt.strip():
            ctx.report.add(LossCode.VALUE_REQUIRED, "prompt", field="the prompt",
                           consequence=f"{self.id} requires developer_instructions: Codex ignores this role")
        return super().body(agent, ctx)

    def write_tools(self, ctx: "WriteContext") -> dict[str, Any]:
        policy = ctx.agent.tools
        if policy.mode not in (ALLOWLIST, NONE, DENYLIST):
            return super().write_tools(ctx)  # inherit: nothing to say (per-tool decisions are reported there)
        same = ctx.agent.origin is not None and ctx.agent.origin.dialect == self.id
        edits, commands = self._sets()
        if policy.mode == DENYLIST:
            denied = self.denied_ids(ctx, policy)
            also = set(self.table.get("sandbox", {}).get("also_denies", []))
            extra = sorted(str(c) for c in denied - edits - commands - also)
            if extra:
                return self._broaden(ctx, f"{self.id} cannot deny {', '.join(extra)} (only a read-only sandbox)",
                                     None)
            shells = sorted(denied & (commands | {c for c in also if capability(c) == "shell"}))
            if shells and not same:
                self._broaden(ctx, f"{self.id} runs shell commands in every sandbox mode: denying "
                              f"{', '.join(shells)} cannot be written ({self.key} = {READ_ONLY!r} would grant "
                              "bash, a shell that cannot write files)", None)
            narrower = sorted((edits | commands) - denied - commands)
            if narrower and not same:
                ctx.report.add(LossCode.TOOL_NARROWED, "tools", written=f"deny list written as {self.key} = {READ_ONLY!r}",
                               tools=", ".join(narrower))
            if not same:  # a read-only sandbox forbids what a scope of a denied edit tool allowed (shells run anyway)
                self.narrow_exceptions(ctx, policy, skip=frozenset(commands))
            mode = READ_ONLY
        else:
            granted = {g.canonical for g in policy.allowed()}
            scoped = sorted({g.raw for g in policy.allowed() if g.pattern})
            if scoped:
                return self._broaden(ctx, f"{self.id} cannot scope {', '.join(scoped)}", WORKSPACE
                                     if granted & (edits | commands) else READ_ONLY)
            if granted & commands:
                mode = WORKSPACE
            else:
                mode = WORKSPACE if granted & edits else READ_ONLY
                what = "bash, a shell that can write in the workspace" if mode == WORKSPACE else \
                    "bash, a shell that cannot write files"
                return self._broaden(ctx, f"{self.id} has no tool list and runs shell commands in every sandbox "
                                     f"mode ({READ_ONLY!r} included): the allowlist grants no shell; "
                                     f"{self.key} = {mode!r} would grant {what}", mode)
            ctx.report.add(LossCode.TOOL_COERCED, "tools",
                           tools="allowlist", written=f"{self.key} = {mode!r}", note=f" ({self.id} has no tool list)")
        if not same or ctx.carried_back("tools"):
            ctx.carry_tools()
        return {self.key: mode}

    def _broaden(self, ctx, msg: str, mode: str | None) -> dict[str, Any]:
        self.broaden(ctx, msg)
        return {self.key: mode} if mode else {}
