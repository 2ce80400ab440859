"""Gemini CLI subagents (``.gemini/agents/NAME.md``): YAML frontmatter under a strict schema.

Gemini's loader (``agentLoader.ts``) validates the header with a zod ``.strict()`` object, so a key it does
not know rejects the whole agent. The writer therefore emits only Gemini's own keys (the table's
``[fields]`` and ``[own]``); everything else is reported and rides in the ``# agentconv-carry:`` line,
which js-yaml reads as a comment. The whole frontmatter must start at byte 0 (no BOM) and strict YAML
is required; both hold for what the frontmatter envelope writes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Dialect

if TYPE_CHECKING:
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
