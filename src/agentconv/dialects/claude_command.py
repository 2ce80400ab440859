"""Claude Code slash commands (``.claude/commands/**/*.md``): optional frontmatter, ``allowed-tools``, placeholders
``$ARGUMENTS``, ``$0``/``$ARGUMENTS[0]`` (0-based), ``!`cmd```, ``@path`` (see ``agentconv.placeholders``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .command import CommandDialect
from .helpers import split_commas

if TYPE_CHECKING:
    from ..loss import LossReport
    from .base import WriteContext


class ClaudeCommand(CommandDialect):
    id = "claude-command"

    def split_names(self, value: Any, ipath: str, report: LossReport | None) -> list[str]:
        """``allowed-tools`` is a comma- or space-separated string, or a list (both documented)."""
        if isinstance(value, str) and "," not in value:
            return _split_spaces(value)
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
        return super().split_names(value, ipath, report)

    def _tools_as_written(self, ctx: "WriteContext") -> dict[str, Any] | None:
        kept = super()._tools_as_written(ctx)
        if kept is not None:
            return kept
        layout = self.own_layout(ctx.agent)
        if layout is None:
            return None
        old = {c.key: c.value for c in layout.chunks if c.key in ("allowed-tools", "disallowed-tools") and not c.lenient}
        if not old or not all(isinstance(v, (list, str)) for v in old.values()):
            return None
        from ..ir import Agent
        from ..loss import LossReport

        scratch = Agent()
        self.read_tools(scratch, dict(old), LossReport())
        return old if scratch.tools == ctx.agent.tools else None


def _split_spaces(text: str) -> list[str]:
    """``Bash(git add:*) Read``: split at blanks outside parentheses."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch.isspace() and depth == 0:
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out or split_commas(text)
