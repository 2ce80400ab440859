"""Windsurf (Cascade) workspace rules, ``.windsurf/rules/NAME.md``: an agentconv dialect plugin.

A rule is markdown with a small YAML header (``trigger``, ``description``, ``globs``); its name is the file
name and it has no tools and no model. The table (``data/windsurf.toml``) says nearly all of it; this class
adds the one thing a table cannot say: ``trigger: model_decision`` (Cascade applies the rule when its
description fits the task) is what an agent *is* here. A rule written from another dialect gets it, first
in the header; reading it back gives no extension, so claude -> windsurf -> claude comes back unchanged.
Any other trigger (``always_on``, ``manual``, ``glob``) is kept in ``extensions.windsurf.trigger``.
"""
from __future__ import annotations

from agentconv.dialects.base import Dialect

__all__ = ["Windsurf"]

DEFAULT_TRIGGER = "model_decision"


class Windsurf(Dialect):
    id = "windsurf"
    table_package = "agentconv_windsurf.data"

    def read_extra(self, agent, parsed, path, report) -> None:
        own = agent.extensions.get(self.id, {})
        if own.get("trigger") == DEFAULT_TRIGGER:
            del own["trigger"]  # the default: written again on the way out, nothing to carry elsewhere
            if not own:
                del agent.extensions[self.id]

    def write_extra(self, mapping: dict, ctx) -> None:
        unsaid = self.same_dialect(ctx) and not self.had_key(ctx, "trigger")  # a rule without one (no header): as it came
        if mapping.get("trigger") is None and not unsaid and not self.made_back(ctx.agent, "trigger"):
            ordered = {"trigger": DEFAULT_TRIGGER, **{k: v for k, v in mapping.items() if k != "trigger"}}
            mapping.clear()
            mapping.update(ordered)
        # identity lives in the file name only: carry it so a rule on stdout still converts back to its name
        self.carry_file_name(ctx, None)
