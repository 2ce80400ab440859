"""Gemini CLI custom commands (``.gemini/commands/**/*.toml``): a TOML file with ``prompt`` (required) and
``description``; the name is the path below ``commands/`` with ``:`` (``git/commit.toml`` is ``/git:commit``).
Placeholders ``{{args}}``, ``!{cmd}``, ``@{path}``; no positional arguments (see ``agentconv.placeholders``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import naming
from ..loss import LossCode, Severity
from .command import CommandDialect

if TYPE_CHECKING:
    from ..ir import Agent
    from ..loss import LossReport


class GeminiCommand(CommandDialect):
    id = "gemini-command"

    def _derive_name(self, agent: Agent, path: str | None, report: LossReport) -> None:
        layout = self.table["layout"]
        root, sep = layout["nest_root"], layout["nest_sep"]
        norm = "/" + (path or "").replace("\\", "/")
        at = norm.rfind("/" + root)
        if path and at >= 0:
            parts = norm[at + 1 + len(root):].split("/")
            parts[-1] = naming.stem(parts[-1], layout.get("strip_suffixes", [".toml"]))
            name = sep.join(parts)
            if name != agent.name:
                agent.name = name
                agent.derived.append("name")
                report.add(LossCode.NAME_DERIVED, Severity.INFO, "name", f"name {name!r} taken from the file path")
            return
        super()._derive_name(agent, path, report)

    def file_stem(self, agent: Agent) -> tuple[str, str | None]:
        sep = self.table["layout"]["nest_sep"]
        if agent.name and sep in agent.name:  # git:commit is git/commit.toml
            parts = [naming.check_safe(p, agent.origin.path if agent.origin else None) for p in agent.name.split(sep)]
            if not any(naming.unsafe_file_name(p) for p in parts):
                return "/".join(parts), None
        return super().file_stem(agent)

    def render(self, mapping: dict[str, Any], body: str, layout: Any, carry_data: dict[str, Any] | None) -> str:
        # `prompt` is required even when empty (the loss is reported by body())
        return self.envelope.render(mapping, body, layout, carry_data, prompt_key=self.table["prompt_key"],
                                    required=True)
