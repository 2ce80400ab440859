"""Plain markdown personas: no header. ``# Title``, a first paragraph (the description), the prompt. A persona whose
text holds an agent framework's definition (a fenced yaml ``agent:`` block, as BMAD-METHOD's agents have) has no
description paragraph: all below the title is its prompt (``helpers.agent_block``).

What a persona cannot hold rides at the end in the envelope's side channel (``envelopes/plain.py``: an HTML comment,
which renders as nothing).
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import carry, naming, registry
from ..envelopes.frontmatter import Parsed
from ..envelopes.records import Out
from ..ir import Agent, Origin
from ..loss import LossReport, LossCode, sentence
from .base import Dialect, WriteContext
from .helpers import agent_block

DATA_SUFFIXES = (".json", ".jsonc", ".toml", ".yaml", ".yml")


class Markdown(Dialect):
    id = "markdown"

    def read_record(self, parsed: Parsed, path: str | None, report: LossReport) -> Agent:
        self.report_notes(parsed.notes, report)
        agent = Agent()
        rest = parsed.body.lstrip("\n")
        if rest.startswith("# "):
            title, _, rest = rest.partition("\n")
            agent.display_name = title[2:].strip()
            rest = rest.lstrip("\n")
            para, sep, after = rest.partition("\n\n")
            if para.strip() and not para.lstrip().startswith(("#", "-", "*", "```", ">", "|", "1.")) \
                    and not agent_block(rest):  # an agent framework's definition (BMAD): its first paragraph is
                # an instruction of the prompt, its description the agent block's whenToUse (helpers.agent_block)
                agent.description, rest = para.strip(), after.lstrip("\n")
        agent.prompt = rest
        said = {"title": agent.display_name, "description": agent.description}  # what the digest covers
        restored = carry.apply(agent, parsed.carry, said, agent.prompt, report, None) if parsed.carry else []
        self.derive_name(agent, path, report)
        for d in registry.all_dialects() if path else ():  # at a place where a tool loads no file without a header
            d.say_unloaded(path, report, sentence("reading-persona"))
        if agent.display_name == agent.name:
            agent.display_name = None
        agent.origin = Origin(self.id, path, 1)
        agent.origin.keep["text"] = (parsed.body, agent.display_name, agent.description, agent.prompt)  # as written
        if parsed.carry and isinstance(parsed.carry.get("from"), str):
            agent.origin.keep["carried_from"] = parsed.carry["from"]
        if parsed.carry:
            agent.origin.keep["carried"] = tuple(restored)  # back from the side channel: it rides there again (a
            # write back into the first dialect tells what came back so: Codex's read-only sandbox, Codex.write_tools)
            agent.origin.keep.update(carry.layout(parsed.carry))  # the first file's key order, quotes, blank lines
            said = {"title": agent.display_name, "description": agent.description}  # as a write says it (no title
            # that only repeats the name): the file as that write left it
            agent.origin.keep["carry_fresh"] = parsed.carry.get("digest") == carry.digest(said, agent.prompt)
        return agent

    def writes_back(self, field: str) -> bool:
        return field in ("name", "display_name", "description")  # the title (display name, else name), the paragraph

    def first_lacks(self, origin: Origin, field: str) -> bool:
        """A persona has no keys: it had no title (``name``, ``display_name``: the `# Title` line) or no description
        (the paragraph below it) where its text says so."""
        text = origin.keep.get("text")
        if text is None or field not in ("name", "display_name", "description"):
            return False
        return text[2] is None if field == "description" else not text[0].lstrip("\n").startswith("# ")

    def write_record(self, ctx: WriteContext) -> Out:
        agent = ctx.agent
        self.build(ctx)  # reports (and carries) everything a persona cannot hold
        title = agent.display_name or agent.name or naming.slugify(agent.description or "") or "Agent"
        untitled = self.made_back(agent, "name") and (not agent.display_name or self.made_back(agent, "display_name"))
        kept = agent.origin.keep.get("text") if ctx.same else None
        if kept is not None and kept[1:] == (agent.display_name, agent.description, agent.prompt):
            text = kept[0]  # same dialect, the same title, description and prompt: their blank lines as they were
        elif untitled and (not agent.description or self.made_back(agent, "description")):
            text = agent.prompt  # the first persona had no title (nor description): what the way out made up is left out
        else:
            parts = [f"# {title}\n\n"]
            if agent.description and not self.made_back(agent, "description"):  # made up on the way out: left out
                parts.append(agent.description.strip() + "\n\n")
            parts.append(agent.prompt)
            text = "".join(parts)
        back = self._check_reread(text, agent, ctx.report)
        for k in ("display_name", "description"):
            ctx.carried.pop(k, None)
        # the digest covers the description and prompt a reader finds in the text (a prompt whose first paragraph
        # reads as a description is hashed as read): that file, converted to its own dialect, hashes the same
        mapping = {"title": title if agent.display_name else None, "description": back.description}
        return Out(mapping, text, None, self.carry_data(ctx, mapping, back.prompt, header={}))

    def _check_reread(self, text: str, agent: Agent, report: LossReport) -> Agent:
        """A persona has no fields, only conventions: read the text back and report what they cannot hold
        (a description with blank lines in it, a prompt whose first paragraph would pass for a description).
        Returns the record read back."""
        back = self.read(text, None, LossReport()).agent
        for attr in ("description", "prompt"):
            if getattr(back, attr) != getattr(agent, attr):
                report.add(LossCode.VALUE_READS_BACK, attr, variant="markdown", field=attr)
        if (back.display_name or None) != (agent.display_name or None) and agent.display_name:
            report.add(LossCode.TITLE_READS_BACK, "display_name")
        return back

    def detect(self, path: str | None, data: dict[str, Any] | None, has_header: bool) -> tuple[float, list[str]]:
        if path and path.lower().endswith(DATA_SUFFIXES):  # a JSON, TOML or YAML file is data, never a persona's prose
            return 0.0, []
        return (1.0, ["no frontmatter header"]) if not has_header else (0.0, [])
