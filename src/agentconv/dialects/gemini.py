"""Gemini CLI subagents (``.gemini/agents/NAME.md``): YAML frontmatter under a strict schema.

Gemini's loader (``agentLoader.ts``) validates the header with a zod ``.strict()`` object, so a key it does
not know rejects the whole agent. The writer therefore emits only Gemini's own keys (the table's
``[fields]`` and ``[own]``); everything else is reported and rides in the ``# agentconv-carry:`` line,
which js-yaml reads as a comment. The whole frontmatter must start at byte 0 (no BOM) and strict YAML
is required; both hold for what the frontmatter envelope writes.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..loss import LossCode
from .base import Dialect

if TYPE_CHECKING:
    from ..ir import Agent
    from .base import WriteContext


class Gemini(Dialect):
    id = "gemini"

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        """Strict schema: a key Gemini would reject (an unknown key read from a Gemini file) is not written."""
        known = set(self.table.get("fields", {})) | set(self.table.get("own", {}))
        if ctx.agent.extensions.get(self.id, {}).get("kind") == "remote":
            known |= {"agent_card_url", "agent_card_json", "auth"}  # remote (A2A) agents
        for key in [k for k in mapping if k not in known]:
            mapping.pop(key)
            ctx.lose(f"extensions.{self.id}.{key}", field=f"'{key}'", done="written",
                     why="no Gemini subagent key (the schema is strict)")
        kinds = self.table["own"]["kind"]["values"]
        if "kind" in mapping and mapping["kind"] not in kinds:
            # agentLoader.ts: kind is z.literal('local') or z.literal('remote'), default local (google-gemini/gemini-cli
            # 5411f113; validate-gemini 0.61.0 on real files, 2026-11-27: "kind: Invalid literal value, expected
            # \"local\"" refuses the agent): another value (kind: TASK) is not written, not even back to this dialect
            ctx.lose(f"extensions.{self.id}.kind", field=f"kind {mapping.pop('kind')!r}", done="written",
                     why=f"not {' or '.join(kinds)}: Gemini CLI refuses the agent (without it, a local agent)")

    def body(self, agent: "Agent", ctx: "WriteContext") -> str:
        """Another tool's ``${word}`` is text there and an input of Gemini CLI's prompt template, which fails the run
        when not given: written without its '$' (the table's ``prompt_template``), reported."""
        text = super().body(agent, ctx)
        if agent.origin is not None and agent.origin.dialect == self.id or "${" not in text:
            return text
        pattern = re.compile(self.table["prompt_template"])
        for found in dict.fromkeys(m.group() for m in pattern.finditer(text)):
            ctx.report.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", text=found, what="literal text", dialect=self.id,
                           consequence="reads it as an input of its prompt template (one it is not given fails the "
                           "run: 'Missing required input parameters'): written without its '$'")
        return pattern.sub(lambda m: m.group()[1:], text)
