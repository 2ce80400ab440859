"""Claude Code subagents (``.claude/agents/NAME.md``): the table says it all; tools are a comma string.

An agent runs beneath its project's settings: their ``permissions.deny`` rules hold for every subagent
(``settings.claude``), so they are read beneath the agent's own ``tools`` / ``disallowedTools`` (never widen).

Two loaders, two rules for a description (@anthropic-ai/claude-code 2.1.330, the bundle in the native binary, read
2026-11-28): an agent of ``.claude/agents/`` (``aPn``) is not loaded without one (``SQr``: 'Missing required
"description" field in frontmatter', an error, the agent dropped); a plugin's ``agents/`` file (the plugin loader)
takes its ``when_to_use`` (or ``when-to-use``) instead, else ``Agent from NAME plugin``, and loads. So a plugin's agent
without a description, written at ``.claude/agents/`` or for a tool that requires one, is given the one Claude Code
showed for it (its when_to_use, else ``Agent from NAME plugin`` where the plugin's manifest is found beside the file:
``plugin_name``), or one made up as for any record without one (reported, value-made-up), never written as a file
Claude Code drops.
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from ..loss import LossCode, sentence
from . import settings
from .base import Dialect, path_of

if TYPE_CHECKING:
    from ..envelopes import frontmatter
    from ..ir import Agent
    from ..loss import LossReport
    from .base import WriteContext


class Claude(Dialect):
    id = "claude"

    def project_base(self, file: str) -> Any:
        """An agent's project settings (``settings.claude``)."""
        return settings.claude(file)

    def read_base(self, agent: "Agent", report: "LossReport") -> None:
        """The settings' deny rules beneath the agent's own tools (``settings.read_beneath``)."""
        settings.read_beneath(self, agent, report)

    def read_extra(self, agent: "Agent", parsed: "frontmatter.Parsed", path: str | None, report: "LossReport") -> None:
        """A plugin's agent (at no ``.claude/agents/`` place) without a description: the when_to_use the plugin loader
        shows in its place, kept for a write that needs one (the record's own description stays none). At a
        ``.claude/agents/`` place, a header Claude Code loads no agent from is said (``_unloaded``)."""
        if self.needs_header(path) and agent.origin is not None:
            self._unloaded(agent, parsed, report)
            return
        if (agent.description or "").strip() or agent.origin is None:
            return
        for key in self.table["parser"].get("description_from", ()):  # the loader's order (claude.toml [parser])
            shown = parsed.data.get(key)
            if isinstance(shown, (str, int, float)) and not isinstance(shown, bool) and str(shown).strip():
                agent.origin.keep["description_shown"] = (str(shown).strip(), f"its {key}, which Claude Code's plugin "
                                                          "loader shows for a plugin's agent without a description")
                held = next((f"extensions.{ns}.{key}" for ns, kept in agent.extensions.items() if key in kept), None)
                if held is not None:  # written as the description, the key is not lost with it; nor is it another
                    agent.origin.keep["description_shown_from"] = held  # tool's key Claude Code ignores: it reads it
                    agent.origin.keep["foreign"] = tuple(p for p in agent.origin.keep.get("foreign", ()) if p != held)
                return
        plugin = plugin_name(path)
        if plugin is not None:  # the loader's last resort: `Agent from ${pluginName} plugin` (module doc)
            agent.origin.keep["description_shown"] = (
                f"Agent from {plugin} plugin", "the one Claude Code's plugin loader shows for a plugin's agent without a "
                "description or when_to_use")

    def _unloaded(self, agent: "Agent", parsed: "frontmatter.Parsed", report: "LossReport") -> None:
        """The rest of the check Claude Code 2.1.330 makes before it loads a ``.claude/agents/`` file (its ``SQr``,
        read in the bundle 2026-11-29: a name that is text, not starting with "-", at most 256 characters, with no ":"
        after NFKC; a description that is non-empty text; else an error, no agent): a file that fails it is said
        (file-rejected) and read on as written, so the user learns the source tool never loaded it. A header with no
        name, and a name or description that is a list or map, are said where they are read (``say_unloaded``,
        ``_read_field``)."""
        if any(i.code == LossCode.FILE_REJECTED for i in report):  # said already: one reason is enough
            return
        name, description = parsed.data.get("name"), parsed.data.get("description")
        problem, key = None, None
        if isinstance(name, (bool, int, float)):  # no list or map: _read_field said those
            problem, key = sentence("rejected-bool" if isinstance(name, bool) else "rejected-number", key="name"), "name"
        elif isinstance(name, str) and name:
            key = "name"
            if name.startswith("-"):
                problem = sentence("rejected-name-dash", name=name[:40])
            elif len(name) > 256:
                problem = sentence("rejected-name-long", length=len(name))
            elif ":" in (name if name.isascii() else _nfkc(name)):  # ASCII text is its own NFKC form
                problem = sentence("rejected-name-colon", name=name[:40])
            else:
                key = None
        if problem is None and not isinstance(description, (list, dict)):  # a list or map: _read_field said it
            key = "description"
            if description is None or description == "":
                problem = sentence("rejected-no-description" if "description" not in parsed.data else
                                   "rejected-description-empty")
            elif not isinstance(description, str):
                problem = sentence("rejected-bool" if isinstance(description, bool) else "rejected-number",
                                   key="description")
        if problem is not None:
            raw = parsed.data.get(key)
            if isinstance(raw, (bool, int, float)):  # read as its text; a write in this dialect gives it back as written
                ipath = self.table["fields"][key]
                agent.origin.keep.setdefault("coerced", {})[ipath] = (getattr(agent, ipath), raw)  # type: ignore
            line = next((c.line for c in reversed(parsed.layout.chunks) if c.key == key), None)  # its last chunk
            self.reject_file(agent, report, self.table["parser"]["reader"], problem, path=self.table["fields"][key],
                             line=line, reading=sentence("reading-as-read"))

    def out_description(self, ctx: "WriteContext") -> str | None:
        """Written at ``.claude/agents/`` (``placed``), a plugin's agent without a description is given one: there
        Claude Code loads no agent without it (module doc). Elsewhere as any dialect writes it."""
        agent = ctx.agent
        if ctx.same and ctx.policy.placed and agent.kind == "agent" and not (agent.description or "").strip() \
                and not self.needs_header(path_of(agent)):
            return self.made_up_description(ctx)
        if ctx.policy.placed and agent.kind == "agent" and self.made_back(agent, "description") and \
                (agent.description or "").strip():  # back from a tool that needed one: kept, at .claude/agents/
            ctx.report.add(LossCode.VALUE_MADE_UP, "description", variant="description-kept")
            return agent.description  # Claude Code loads no agent without one
        return super().out_description(ctx)


def _nfkc(text: str) -> str:
    """``text`` in NFKC (``unicodedata`` imported at the first name that is not ASCII: most never need it)."""
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def plugin_name(path: str | None) -> str | None:
    """The ``name`` of the Claude Code plugin whose ``agents/`` folder holds the agent file being read as Claude
    Code's (the file on disk: ``limits.SOURCE_FILE``, else ``path``), from its ``.claude-plugin/plugin.json``, as
    ``api.plugin_component`` finds it (which the dialects do not import); None: no such plugin (a text read), or a
    manifest without a usable name."""
    import json
    import os

    from .. import limits

    file = limits.SOURCE_FILE.get() or path
    if not file or not os.path.isfile(file):
        return None
    folder = os.path.dirname(os.path.abspath(file))
    while os.path.basename(folder) != "agents" or \
            not os.path.isfile(os.path.join(os.path.dirname(folder), ".claude-plugin", "plugin.json")):
        if os.path.dirname(folder) == folder:
            return None
        folder = os.path.dirname(folder)
    try:
        name = json.loads(limits.read_file(os.path.join(os.path.dirname(folder), ".claude-plugin", "plugin.json")))
    except (OSError, ValueError, limits.LimitError):
        return None
    name = name.get("name") if isinstance(name, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None
