"""Plain markdown personas: no header. ``# Title``, a first paragraph (the description), the prompt.

What a persona cannot hold rides at the end in an HTML comment, which renders as nothing.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import carry, jsontext, naming
from ..ir import Agent, Document, Origin
from ..loss import LossCode, LossReport, Policy, Severity
from .base import Dialect, WriteContext

if TYPE_CHECKING:
    from ..envelopes import frontmatter

_CARRY = re.compile(r"\n<!-- agentconv-carry: (\{.*\}) -->\n?\Z")


class Markdown(Dialect):
    id = "markdown"

    def read(self, text: str, path: str | None, report: LossReport, *, parsed: frontmatter.Parsed | None = None
             ) -> Document:
        m = _CARRY.search(text)
        payload = carry.decode(m.group(1)) if m else None
        body = text if payload is None else text[: m.start()]  # a damaged comment stays text of the prompt
        agent = Agent()
        rest = body.lstrip("\n")
        if rest.startswith("# "):
            title, _, rest = rest.partition("\n")
            agent.display_name = title[2:].strip()
            rest = rest.lstrip("\n")
            para, sep, after = rest.partition("\n\n")
            if para.strip() and not para.lstrip().startswith(("#", "-", "*", "```", ">", "|", "1.")):
                agent.description, rest = para.strip(), after.lstrip("\n")
        agent.prompt = rest
        if payload is None and m:
            report.add(LossCode.CARRY_STALE, Severity.WARNING, "", "the agentconv-carry comment at the end is not a "
                       "valid payload: kept as text of the prompt")
        if payload:
            carry.apply(agent, payload, {"title": agent.display_name, "description": agent.description},
                        agent.prompt, report, None)
        self._derive_name(agent, path, report)
        if agent.display_name == agent.name:
            agent.display_name = None
        agent.origin = Origin(self.id, path, 1)
        return Document([agent])

    def write(self, doc: Document, report: LossReport, policy: Policy = Policy()) -> str:
        agent = doc.agent
        ctx = WriteContext(self, agent, report, policy)
        self.build(ctx)  # reports (and carries) everything a persona cannot hold
        title = agent.display_name or agent.name or naming.slugify(agent.description or "") or "Agent"
        parts = [f"# {title}\n\n"]
        if agent.description:
            parts.append(agent.description.strip() + "\n\n")
        parts.append(agent.prompt)
        text = "".join(parts)
        self._check_reread(text, agent, report)
        for k in ("display_name", "description"):
            ctx.carried.pop(k, None)
        payload = self.carry_data(ctx, {"title": title if agent.display_name else None,
                                        "description": agent.description}, agent.prompt, header={})
        tail = _CARRY.search(text) if payload is None else None
        if tail and carry.decode(tail.group(1)) is not None:  # a prompt that ends in what a reader would take for a
            payload = {"v": carry.VERSION, "fields": {}}     # side channel: an empty one after it keeps it text
        if payload:
            text += "\n<!-- agentconv-carry: " + jsontext.dumps(payload, compact=True).replace("-->", "--\\u003e") + " -->\n"
        return text

    def _check_reread(self, text: str, agent: Agent, report: LossReport) -> None:
        """A persona has no fields, only conventions: read the text back and report what they cannot hold
        (a description with blank lines in it, a prompt whose first paragraph would pass for a description)."""
        back = self.read(text, None, LossReport()).agent
        for attr in ("description", "prompt"):
            if getattr(back, attr) != getattr(agent, attr):
                report.add(LossCode.VALUE_COERCED, Severity.WARNING, attr,
                           f"the {attr} does not survive as plain markdown (it reads back differently)")
        if (back.display_name or None) != (agent.display_name or None) and agent.display_name:
            report.add(LossCode.VALUE_COERCED, Severity.INFO, "display_name", "the title reads back differently")

    def detect(self, path: str | None, data: dict[str, Any] | None, has_header: bool) -> tuple[float, list[str]]:
        return (1.0, ["no frontmatter header"]) if not has_header else (0.0, [])
