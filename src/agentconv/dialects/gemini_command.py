"""Gemini CLI custom commands (``.gemini/commands/**/*.toml``): a TOML file with ``prompt`` (required) and
``description``; the name is the path below ``commands/`` with ``:`` (``git/commit.toml`` is ``/git:commit``).
Placeholders ``{{args}}``, ``!{cmd}``, ``@{path}``; no positional arguments (see ``agentconv.placeholders``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..loss import LossCode
from .command import CommandDialect

if TYPE_CHECKING:
    from ..ir import Agent
    from ..loss import LossReport


class GeminiCommand(CommandDialect):
    id = "gemini-command"

    def _derive_name(self, agent: Agent, path: str | None, report: LossReport) -> None:
        root = "/" + self.table["layout"]["nest_root"]
        if path and root in "/" + path.replace("\\", "/"):  # below commands/ the path is the name, wherever it is
            name = self.name_from_path(path)
            if name != agent.name:
                agent.name = name
                agent.derived.append("name")
                report.add(LossCode.NAME_DERIVED, "name", field="name", value=name, source="the file path")
            return
        super()._derive_name(agent, path, report)

    def render(self, mapping: dict[str, Any], body: str, layout: Any, carry_data: dict[str, Any] | None) -> str:
        # `prompt` is required even when empty (the loss is reported by body())
        return self.envelope.render(mapping, body, layout, carry_data, prompt_key=self.table["prompt_key"],
                                    required=True)
