"""Gemini CLI custom commands (``.gemini/commands/**/*.toml``): a TOML file with ``prompt`` (required) and
``description``; the name is the path below ``commands/`` with ``:`` (``git/commit.toml`` is ``/git:commit``).
Placeholders ``{{args}}``, ``!{cmd}``, ``@{path}``; no positional arguments (see ``agentconv.placeholders``)."""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import rx
from ..loss import LossCode
from .command import CommandDialect

if TYPE_CHECKING:
    from ..envelopes import frontmatter
    from ..ir import Agent
    from ..loss import LossReport
    from .base import WriteContext


class GeminiCommand(CommandDialect):
    id = "gemini-command"

    def derive_name(self, agent: Agent, path: str | None, report: LossReport) -> None:
        roots = self.table["layout"]["nest_root"]
        roots = [roots] if isinstance(roots, str) else roots  # one folder or several, as name_from_path takes them
        norm = "/" + (path or "").replace("\\", "/")
        if path and any("/" + root in norm for root in roots):  # below commands/ the path is the name, wherever it is
            name = self.name_from_path(path)
            if name != agent.name:
                agent.name = name
                agent.derived.append("name")
                report.add(LossCode.NAME_DERIVED, "name", variant="path", field="name", value=name)
            return
        super().derive_name(agent, path, report)

    def read_extra(self, agent: Agent, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> None:
        super().read_extra(agent, parsed, path, report)
        key = self.table["prompt_key"]
        if not getattr(parsed.layout, "had_prompt", True):
            report.add(LossCode.VALUE_INVALID, "prompt", variant="no-prompt-key", key=key,
                       why=self.table["prompt_refused"])

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        super().write_extra(mapping, ctx)
        rule = self.table["name"].get("shown")
        if not rule or ctx.same:
            return
        said = self.table.get("shown", {}).get("description")
        text = mapping.get("description")
        if said and isinstance(text, str):  # shown with white space runs as one space, cut past `max` UTF-16 units
            length = len(rx.compile(r"\s+").sub(" ", text).encode("utf-16-le")) // 2
            if length > said["max"]:
                ctx.report.add(LossCode.VALUE_TOO_LONG, "description", field="description", length=length,
                               limit_by=said["by"], limit=said["max"])
        parts = self.file_stem(ctx.agent)[0].split("/")
        shown = [rx.compile(rule["replace"]).sub(rule["by"], p) for p in parts]
        shown = [p if len(p) <= rule["max"] else p[:rule["cut"]] + rule["mark"] for p in shown]
        if shown != parts:
            ctx.report.add(LossCode.NAME_CHANGED, "name", variant="gemini-shown", name=":".join(parts),
                           written=":".join(shown), max=rule["max"])

    def render(self, mapping: dict[str, Any], body: str, layout: Any, carry_data: dict[str, Any] | None) -> str:
        # `prompt` is required even when empty (the loss is reported by body())
        return self.envelope.render(mapping, body, layout, carry_data, prompt_key=self.table["prompt_key"],
                                    required=True)
