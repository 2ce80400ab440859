"""Kiro CLI agents (``.kiro/agents/NAME.json``) and Amazon Q Developer CLI agents
(``.amazonq/cli-agents/NAME.json``): one JSON object, the prompt in ``prompt``.

- ``tools`` is a JSON array: built-in names, ``*`` (everything), ``@builtin``, ``@server`` (every tool of an
  MCP server), ``@server/tool``. With no ``tools`` key the agent has no tools (agent-v1.json: default ``[]``),
  so a record that inherits every tool is written ``["*"]``; the empty list read from a missing key is marked
  derived so the same file is written back without one.
- ``prompt`` may be ``file://PATH``: the file is not read; the reference is kept as ``extensions.kiro.prompt``
  (reported), written back as is, and reported as dropped by every other dialect.
- JSON has no comments, so there is no side channel: what Kiro cannot hold is reported only.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..ir import INHERIT, NONE, Agent
from ..loss import LossCode, LossReport
from .base import Dialect

if TYPE_CHECKING:
    from ..envelopes import frontmatter
    from .base import WriteContext

FILE_PREFIX = "file://"


class Kiro(Dialect):
    id = "kiro"

    def detect(self, path: str | None, data: dict[str, Any] | None, has_header: bool) -> tuple[float, list[str]]:
        score, why = super().detect(path, data, has_header)
        schema = data.get("$schema") if isinstance(data, dict) else None
        if isinstance(schema, str) and not re.search(self.table["detect"]["schema"], schema, re.I) and \
                not (why and why[0].startswith("path matches")):
            return 0.0, []  # another tool's schema (opencode.json), at no place of Kiro's
        return score, why

    def read_tools(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        if "tools" in data:
            super().read_tools(agent, data, report)
            return
        agent.tools.mode = NONE  # schema default [] (no tools)
        agent.derived.append("tools")

    def read_extra(self, agent: Agent, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> None:
        if agent.prompt.startswith(FILE_PREFIX) and "\n" not in agent.prompt.strip():
            ref = agent.prompt
            agent.extensions.setdefault(self.id, {})["prompt"] = ref
            agent.prompt = ""
            report.add(LossCode.FIELD_DROPPED, "prompt",
                       field="the prompt", done="read",
                       why=f"it is a file reference ({ref}), so it is empty (the reference is kept for {self.id})")

    def write_tools(self, ctx: "WriteContext") -> dict[str, Any]:
        agent = ctx.agent
        same = agent.origin is not None and agent.origin.dialect == self.id
        if agent.tools.mode == NONE and "tools" in agent.derived and same:
            return {}  # no tools key in the source: none written back
        if agent.tools.mode == INHERIT:
            if agent.tools.grants:
                ctx.lose("tools", LossCode.TOOL_COERCED,
                         tools=f"per-tool decisions ({len(agent.tools.grants)})", written="nothing",
                         note=f" ({self.id} cannot say them)")
            return {"tools": ["*"]}  # no key would mean no tools here
        return super().write_tools(ctx)

    def body(self, agent: Agent, ctx: "WriteContext") -> str:
        ref = agent.extensions.get(self.id, {}).get("prompt")
        if ref and not agent.prompt:
            return ref
        return super().body(agent, ctx)

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        mapping.pop("prompt", None)  # a file:// reference goes back into `prompt` through body()
        if ctx.agent.kind != "agent":
            ctx.report.add(LossCode.FIELD_DROPPED, "kind",
                           field=f"kind {ctx.agent.kind!r}", done="written",
                           why=f"{self.id} has only agents (it is written as a single agent)")
