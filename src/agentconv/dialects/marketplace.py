"""Marketplace catalogue agents and squads (reference §9.3): a squad is a record with members and a lead."""
from __future__ import annotations

from ..envelopes import frontmatter
from ..ir import Agent
from ..loss import LossReport
from .base import Dialect


class Marketplace(Dialect):
    id = "marketplace"

    def read_extra(self, agent: Agent, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> None:
        if "members" in agent.metadata and agent.tools.mode == "inherit" and agent.model is None:
            agent.kind = "squad"
