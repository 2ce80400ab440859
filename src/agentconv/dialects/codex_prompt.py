"""OpenAI Codex custom prompts (``.codex/prompts/*.md``): optional ``description``/``argument-hint`` header;
placeholders ``$ARGUMENTS``, ``$1..$9``, ``$$`` for a literal ``$``; no shell or file placeholders
(``agentconv.placeholders``). Retired for writing (codex-prompt.toml [retired]): codex-cli 0.117.0 and later load no
custom prompts, so every file written says so (``dialect-retired``)."""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)

from ..ir import Agent
from ..loss import LossCode
from .command import CommandDialect

if TYPE_CHECKING:
    from .base import WriteContext


class CodexPrompt(CommandDialect):
    id = "codex-prompt"

    def body(self, agent: Agent, ctx: "WriteContext") -> str:
        r = self.table.get("retired")
        if r:
            ctx.report.add(LossCode.DIALECT_RETIRED, "kind", tool=r["tool"], since=r["since"], what=r["what"],
                           source=r["source"], instead=r["instead"])
        return super().body(agent, ctx)
