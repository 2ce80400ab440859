"""Gemini CLI subagents (``.gemini/agents/NAME.md``): YAML frontmatter under a strict schema.

Gemini's loader (``agentLoader.ts``) validates the header with a zod ``.strict()`` object, so a key it does
not know rejects the whole agent. The writer therefore emits only Gemini's own keys (the table's
``[fields]`` and ``[own]``); everything else is reported and rides in the ``# agentconv-carry:`` line,
which js-yaml reads as a comment. The whole frontmatter must start at byte 0 (no BOM) and strict YAML
is required; both hold for what the frontmatter envelope writes.
"""
from __future__ import annotations

import re
from dataclasses import replace
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from ..ir import ALLOWLIST, NONE, Grant, ToolPolicy
from ..loss import LossCode, LossReport, sentence
from .. import naming
from . import settings
from .base import Dialect

if TYPE_CHECKING:
    from ..ir import Agent
    from .base import WriteContext


class Gemini(Dialect):
    id = "gemini"

    def project_base(self, file: str) -> Any:
        """An agent's workspace settings (``settings.gemini``: their ``tools.exclude`` holds for subagents)."""
        return settings.gemini(file)

    def read_base(self, agent: "Agent", report: LossReport) -> None:
        """The settings' excluded tools beneath the agent's own (``settings.read_beneath``)."""
        settings.read_beneath(self, agent, report)

    def read_tools(self, agent: "Agent", data: dict[str, Any], report: LossReport) -> None:
        """A grant the file's own ``tools`` list makes of a tool Gemini CLI never gives a subagent (the table's
        ``[subagent] withheld``: the agent tool, ``invoke_agent``) is read as no grant and said (value-invalid):
        converted out, the agent may not delegate where Gemini CLI never let it. The grants are kept aside with their
        places (``origin.keep["withheld"]``) so the file converted to this dialect comes back as it came."""
        super().read_tools(agent, data, report)
        own, withheld = data.get(self.tool_fields.get("tools") or "tools"), self._withheld()
        if not isinstance(own, list) or agent.tools.mode != ALLOWLIST or agent.origin is None:
            return
        grants = agent.tools.grants
        gone = [(i, g) for i, g in enumerate(grants)
                if g.decision != "deny" and g.canonical in withheld and g.raw in own]
        if not gone:
            return
        for raw in dict.fromkeys(g.raw for _, g in gone):
            report.add(LossCode.VALUE_INVALID, "tools", variant="withheld", tool=raw,
                       why=self.table["subagent"]["withheld_why"])
        agent.origin.keep["withheld"] = gone
        agent.tools.grants = [g for g in grants if all(g is not x for _, x in gone)]
        if not any(g.decision != "deny" for g in agent.tools.grants):
            agent.tools.mode = NONE

    def read_extra(self, agent: "Agent", parsed: Any, path: str | None, report: LossReport) -> None:
        """A file Gemini CLI refuses whole (agentLoader.ts: the zod schema is ``.strict()``, each tool name checked by
        isValidToolName, ``kind`` a literal, ``name`` and ``description`` strings, ``tools`` an array (google-gemini/gemini-cli
        5411f113 localAgentSchema); validate-gemini 0.61.0 on real files, 2026-11-27/28: "Unrecognized key(s) in object",
        "Invalid tool name", "name: Expected string, received null", "tools: Expected array, received string"; a file
        without a header, "Missing mandatory YAML frontmatter", in one line) is said (file-rejected) and, converted to this dialect, given back as it came: the writer repairs only what it
        writes for another source (``kept_rejected``)."""
        data = parsed.data if isinstance(parsed.data, dict) else {}
        known = self._schema_keys(data.get("kind")) | set(self.table.get("renamed", {}))
        lines = {c.key: c.line for c in getattr(parsed.layout, "chunks", ())}
        why = [(lines.get(k), sentence("rejected-key-unknown", key=k)) for k in data if isinstance(k, str) and k not in known]
        if not getattr(parsed.layout, "has_header", True):  # no header at all: the loader's one reason ([detect])
            if not self.needs_header(path):  # at .gemini/agents/ the reader said it already (say_unloaded)
                why.append((None, sentence("rejected-no-header")))
        else:
            why += [(lines.get(k), sentence("rejected-key-empty" if data.get(k) in (None, "") else "rejected-key-not-text",
                                            key=k))
                    for k in ("name", "description") if not isinstance(data.get(k), str) or not data.get(k)]
        pattern = self.table.get("name", {}).get("pattern")
        if isinstance(data.get("name"), str) and data["name"] and pattern and not re.match(pattern, data["name"]):
            why.append((lines.get("name"), sentence("rejected-name-rule", name=data["name"], pattern=pattern)))
        if "kind" in data and data["kind"] not in self.table["own"]["kind"]["values"]:
            why.append((lines.get("kind"), sentence("rejected-kind", kind=data["kind"])))
        if "tools" in data and not isinstance(data["tools"], list):  # z.array(...).optional(): no text, no null
            tools = data["tools"]
            why.append((lines.get("tools"), sentence("rejected-tools-empty" if tools is None else "rejected-tools-text"
                                                     if isinstance(tools, str) else "rejected-tools-other")))
        bad = [g.raw for g in agent.tools.grants if g.canonical is None]
        if bad:
            names = ", ".join(repr(b) for b in dict.fromkeys(bad))
            why.append((lines.get("tools"), sentence("rejected-tool-unknown" if len(set(bad)) == 1 else
                                                     "rejected-tools-unknown", names=names)))
        if self.skipped_file(path):  # loadAgentsFromDirectory skips it ([layout] skipped_prefix)
            prefix = self.table["layout"]["skipped_prefix"]
            why.append((None, sentence("rejected-skipped-prefix", prefix=prefix)))
        for line, problem in why:
            self.reject_file(agent, report, self.table["tool"], problem, line=line)

    def _schema_keys(self, kind: Any) -> set[str]:
        """The keys Gemini CLI's schema takes: the table's fields and own keys, and a remote (A2A) agent's three."""
        known = set(self.table.get("fields", {})) | set(self.table.get("own", {}))
        return known | {"agent_card_url", "agent_card_json", "auth"} if kind == "remote" else known

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        """Strict schema: a key Gemini would reject (an unknown key read from a Gemini file) is not written."""
        if self.kept_rejected(ctx):
            return
        known = self._schema_keys(ctx.agent.extensions.get(self.id, {}).get("kind"))
        for key in [k for k in mapping if k not in known]:
            mapping.pop(key)
            ctx.lose(f"extensions.{self.id}.{key}", variant="gemini-strict", key=key)
        kinds = self.table["own"]["kind"]["values"]
        if "kind" in mapping and mapping["kind"] not in kinds:
            # agentLoader.ts: kind is z.literal('local') or z.literal('remote'), default local (google-gemini/gemini-cli
            # 5411f113; validate-gemini 0.61.0 on real files, 2026-11-27: "kind: Invalid literal value, expected
            # \"local\"" refuses the agent): another value (kind: TASK) is not written (into its own dialect the
            # refused file comes back as it came: read_extra, kept_rejected)
            ctx.lose(f"extensions.{self.id}.kind", variant="gemini-kind", value=mapping.pop("kind"),
                     kinds=" or ".join(kinds))

    def write_tools(self, ctx: "WriteContext") -> dict[str, Any]:
        """A subagent never holds the agent tool here (the table's ``[subagent] withheld``: Gemini CLI registers no tool of
        Kind.Agent for a subagent): an allowlist's grant of it, whole or scoped to some agents, is written as none and
        said (tool-narrowed) and the rest written as any policy, rather than written as ``invoke_agent``, which Gemini CLI
        ignores there, or refused as a scope dropped."""
        policy, origin = ctx.agent.tools, ctx.agent.origin
        if origin is not None and origin.dialect == self.id and "withheld" in origin.keep:  # as it came (read_tools)
            grants = list(policy.grants)
            for i, g in origin.keep["withheld"]:
                grants.insert(i, g)
            return self._write_as(ctx, ToolPolicy(ALLOWLIST, grants))
        withheld = self._withheld()
        gone = [g for g in policy.grants if g.decision != "deny" and g.canonical in withheld]
        if not gone or policy.mode not in (ALLOWLIST, NONE) or origin is not None and origin.dialect == self.id:
            return super().write_tools(ctx)
        ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="withheld", agent=naming.a(self.title),
                       why=self.table["subagent"]["withheld_why"],
                       tools=self.named(ctx, list(dict.fromkeys(g.raw for g in gone))))
        # what the rest of the policy needs carried, it carries (the agent tool cannot ride: no grant of the file)
        return self._write_as(ctx, ToolPolicy(policy.mode, [g for g in policy.grants if all(g is not x for x in gone)]))

    def expand_denylist(self, ctx: "WriteContext", policy: ToolPolicy) -> list[tuple[str, Grant]]:
        """A deny list's allowlist of every other tool (Gemini CLI has no deny list) without the tools a subagent never
        holds here (``invoke_agent``: ignored in a subagent's ``tools``, then read back as a grant it never had); the
        source's agent tool, allowed by its deny list, is said as written (tool-narrowed) as an allowlist's is."""
        out, withheld = super().expand_denylist(ctx, policy), self._withheld()
        if any(g.canonical in withheld for _, g in out):
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="withheld-denylist", agent=naming.a(self.title),
                           why=self.table["subagent"]["withheld_why"])
        return [(n, g) for n, g in out if g.canonical not in withheld]

    def _withheld(self) -> set[str]:
        """The canonical tools Gemini CLI never gives a subagent (the table's ``[subagent] withheld``)."""
        return set(self.table.get("subagent", {}).get("withheld", ()))

    def _write_as(self, ctx: "WriteContext", policy: ToolPolicy) -> dict[str, Any]:
        """The tools written as the base writes ``policy`` in place of the record's own (which stays the record's)."""
        agent = ctx.agent
        ctx.agent = replace(agent, tools=policy)
        try:
            return super().write_tools(ctx)
        finally:
            ctx.agent = agent

    def body(self, agent: "Agent", ctx: "WriteContext") -> str:
        """Another tool's ``${word}`` is text there and an input of Gemini CLI's prompt template, which fails the run
        when not given: written without its '$' (the table's ``prompt_template``), reported."""
        text = super().body(agent, ctx)
        if agent.origin is not None and agent.origin.dialect == self.id or "${" not in text:
            return text
        pattern = re.compile(self.table["prompt_template"])
        for found in dict.fromkeys(m.group() for m in pattern.finditer(text)):
            ctx.report.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="template-input", text=found,
                           dialect=self.said)
        return pattern.sub(lambda m: m.group()[1:], text)
