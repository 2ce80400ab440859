"""Claude Code slash commands (``.claude/commands/**/*.md``): optional frontmatter, ``allowed-tools``, placeholders
``$ARGUMENTS``, ``$0``/``$ARGUMENTS[0]`` (0-based), ``!`cmd```, ``@path`` (see ``agentconv.placeholders``)."""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from ..ir import ALLOWLIST, DENYLIST, NONE
from ..loss import LossCode
from .command import CommandDialect
from .helpers import dedupe, rule_entries, split_blanks
from .toolpolicy import decisions_only, denying

if TYPE_CHECKING:
    from ..ir import Agent
    from ..loss import LossReport
    from .base import WriteContext


class ClaudeCommand(CommandDialect):
    id = "claude-command"

    def read_tools(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        """``allowed-tools`` alone is read as per-tool ``allow`` decisions on an inherited policy (pre-approvals, as a
        skill's: every other tool stays available). With ``disallowed-tools`` (deny rules, "Tools removed from the
        model while this file is active": 2.1.330's frontmatter schema; the one command and skill reader, ``k0e``)
        the pair is read as Claude Code reads it: a deny list, its pre-approvals beside it (was an allowlist of the
        allowed names: narrower, and a skill written from it was refused).

        Each key as Claude Code's rule list reads it (claude-command.toml ``[parser] star_entry``): one holding no rule
        (``""``, ``[]``) as not written; a ``*`` in ``disallowed-tools`` as every tool denied (no tools), and in
        ``allowed-tools`` as nothing pre-approved (the key as not written), said (value-invalid)."""
        allow, deny = data.get("allowed-tools"), data.get("disallowed-tools")
        if self.table["parser"].get("star_entry") == "alone":
            reader = self.table["parser"].get("reader", self.id)
            deny = deny if rule_entries(deny) else None  # `disallowed-tools: ""`: no deny rule
            if deny is not None and "*" in (named := rule_entries(deny)):
                layout = agent.origin.layout if agent.origin is not None else None  # the key's line, as validate's
                line = next((c.line for c in getattr(layout, "chunks", ()) if c.key in ("disallowed-tools",
                                                                                         "disallowedTools")), None)
                if others := dedupe(n for n in named if n != "*"):
                    report.add(LossCode.VALUE_INVALID, "tools.deny", line=line, variant="star-denies-all",
                               key="disallowed-tools", reader=reader, entries=", ".join(others))
                else:
                    report.add(LossCode.VALUE_INVALID, "tools.deny", line=line, variant="star-denies-all-alone",
                               key="disallowed-tools", reader=reader)
                agent.tools.mode, agent.tools.grants = NONE, []
                self.read_base(agent, report)
                return
            allow = self.star_alone(allow, report)
            if deny is not None and not rule_entries(allow):  # `allowed-tools: ""` restricts nothing beside deny rules
                allow = None
            data = {**data, "allowed-tools": allow, "disallowed-tools": deny}
        if allow is None:
            return super().read_tools(agent, data, report)
        self.read_preapproved(agent, allow, report)
        if deny is not None:  # the pair: pre-approvals beside deny rules (k0e), a deny list that allows some unasked
            policy = denying(agent.tools, [*agent.tools.grants, *self.read_denies(deny, report)])
            agent.tools.mode, agent.tools.grants = policy.mode, policy.grants

    def project_base(self, file: str) -> Any:
        """A command's project settings (``settings.claude``: a command of ``.claude/commands/``)."""
        from . import settings

        return settings.claude(file)

    def read_base(self, agent: Agent, report: LossReport) -> None:
        """The settings' deny and ask rules over the command's pre-approvals (``settings.preapproved_beneath``)."""
        from . import settings

        settings.preapproved_beneath(self, agent, report)

    def inert_shell(self, agent: Agent, raw: str, report: LossReport) -> tuple[int, ...]:
        """The shell commands its project's ``disableSkillShellExecution`` keeps from running (``settings.inert_shell``)."""
        from . import settings

        return settings.inert_shell(agent, raw, self.spelling, report)

    def write_tools(self, ctx: "WriteContext") -> dict[str, Any]:
        """``allowed-tools`` PRE-APPROVES tools while the command runs, it restricts nothing (claude-command.toml cites
        Claude Code): pre-approvals (a skill's) are written there, a deny list as ``disallowed-tools``, no tools as
        ``disallowed-tools: "*"`` (a deny rule ``*`` matches every tool: ``[parser] star_entry``, read back as no
        tools); another dialect's allowlist cannot be said (every tool would stay available, those pre-approved):
        refused (``preapproved``). A side channel's allowlist never becomes pre-approvals (a comment grants nothing)."""
        if ctx.agent.tools.mode == NONE and not ctx.same and (written := self.deny_fields(ctx, ", ")) is not None:
            return written  # no tools: a deny rule `*`, which Claude Code matches every tool with (star_entry)
        if ctx.agent.tools.mode in (ALLOWLIST, NONE) and not ctx.same:
            self.preapproved(ctx, "a Claude Code command")  # refused (or, allowed to broaden, nothing written)
            return {}
        if decisions_only(ctx.agent.tools) and not ctx.same:  # nothing denied, only asks and allows (OpenCode
            return self.write_inherited(ctx)  # `bash: {"*": ask, "git status *": allow}`): pre-approvals, exactly
        if ctx.agent.tools.mode == DENYLIST:  # pre-approvals beside disallowed-tools (one reader: [kin])
            written = self.deny_fields(ctx, ", ", approvals_first=True)
            return super().write_tools(ctx) if written is None else written
        return super().write_tools(ctx)

    def write_inherited(self, ctx: "WriteContext") -> dict[str, Any]:
        names = self.preapproved(ctx, "a Claude Code command")
        return {"allowed-tools": ", ".join(names)} if names else {}

    def split_names(self, value: Any, ipath: str, report: LossReport | None) -> list[str]:
        """``allowed-tools`` is a comma- or space-separated string, or a list (both documented); Claude Code splits the
        string and each item at commas and spaces outside parentheses (``helpers.split_blanks``)."""
        if isinstance(value, str):
            return split_blanks(value)
        if isinstance(value, list):
            return [p for v in value for p in split_blanks(str(v))]
        return super().split_names(value, ipath, report)
