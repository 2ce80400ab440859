"""Claude Code subagents (``.claude/agents/NAME.md``): the table says it all; tools are a comma string.

An agent runs beneath its project's settings: their ``permissions.deny`` rules hold for every subagent
(``settings.claude``), so they are read beneath the agent's own ``tools`` / ``disallowedTools`` (never widen).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import settings
from .base import Dialect

if TYPE_CHECKING:
    from ..ir import Agent
    from ..loss import LossReport


class Claude(Dialect):
    id = "claude"

    def project_base(self, file: str) -> Any:
        """An agent's project settings (``settings.claude``)."""
        return settings.claude(file)

    def read_base(self, agent: "Agent", report: "LossReport") -> None:
        """The settings' deny rules beneath the agent's own tools (``settings.read_beneath``)."""
        settings.read_beneath(self, agent, report)
