"""OpenCode's config file (``opencode.json`` / ``opencode.jsonc``): its ``agent`` and ``command`` entries as records.

The envelope (``envelopes/opencodejson.py``) cuts the JSONC file into entries; each is read by the markdown dialect
of its kind (``readers`` in the table: ``opencode`` for an agent, ``opencode-command`` for a command), so a field,
a ``tools`` map or a ``permission`` map means exactly what it means in a markdown agent. Here only what the config
adds: the entry's key is its name, a prompt OpenCode substitutes (``{file:...}``, ``{env:...}``) is said, an agent
without a prompt is said to be merged by OpenCode into the agent of that name from elsewhere (config.ts mergeDeep).
Nothing is written into a user's config: the envelope gives the file back as it came, or refuses.
"""
from __future__ import annotations

import re
from functools import cached_property
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import registry
from ..loss import LossCode
from .base import Dialect
from .helpers import glob_match

if TYPE_CHECKING:
    from ..envelopes.frontmatter import Parsed
    from ..envelopes.records import Out
    from ..ir import Agent
    from ..loss import LossReport
    from .base import WriteContext


class OpenCodeJson(Dialect):
    id = "opencode-json"

    @cached_property
    def _substitution(self) -> re.Pattern[str]:
        return re.compile(self.table["substitutions"])

    def read_record(self, parsed: Parsed, path: str | None, report: LossReport) -> Agent:
        layout = parsed.layout
        kind, key = layout.kind, layout.key  # type: ignore[attr-defined]
        first = len(report.items)
        agent = registry.get(self.table["readers"][kind]).read_record(parsed, path, report)
        for item in report.items[first:]:
            item.line = item.line or parsed.line
        agent.origin.dialect = self.id  # the same file given back as it came; never another dialect's layout
        agent.origin.line = parsed.line
        agent.origin.keys.pop("name", None)  # named by its key, as a markdown agent by its file: no `name:` written
        entry, prompt_key = layout.data, layout.prompt_key  # type: ignore[attr-defined]
        own = entry.get("name")
        if own is not None and str(own) != key:
            report.add(LossCode.VALUE_INVALID, "name", line=parsed.line, variant="entry-name", kind=kind, key=key,
                       name=own)
        for field, value in entry.items():
            for m in self._substitution.finditer(value if isinstance(value, str) else ""):
                report.add(LossCode.VALUE_INVALID, "prompt" if field == prompt_key else field, line=parsed.line,
                           variant="substitution-file" if m.group(1) == "file" else "substitution-env", kind=kind,
                           key=key, field=field, text=m.group(0))
        if kind == "agent" and prompt_key not in entry:
            report.add(LossCode.VALUE_READ_AS, "prompt", line=parsed.line, variant="opencode-no-prompt", key=key)
        if kind == "command" and prompt_key not in entry:
            report.add(LossCode.VALUE_INVALID, "prompt", line=parsed.line, variant="no-template", key=key)
        return agent

    def write_record(self, ctx: WriteContext) -> Out:
        """Never: a user's config holds other settings (the same file unchanged is given back by ``Dialect.write``
        before any record is written)."""
        raise self.envelope.refusal()

    def output_path(self, agent: Agent) -> str:
        return self.table["layout"]["path"]

    detect_places_only = True  # its [layout] detect globs are its NAMES: 0 off them (detection's ``OffPlace``)

    def detect(self, path: str | None, data: dict[str, Any] | None, has_header: bool) -> tuple[float, list[str]]:
        """By the file's name only (any JSON object could be a config)."""
        name = path.replace("\\", "/").rpartition("/")[2] if path else ""
        # a JSON file's name first: the layout's module (NAMES) loads when one is detected, not at every agent's
        if not name.endswith((".json", ".jsonc")) or name not in self.envelope.NAMES or any(
                glob_match(path, g) for d in registry.all_dialects() if d is not self
                for g in d.table.get("layout", {}).get("detect", ())):
            return 0.0, []  # not a config's name, or at another tool's place (.kiro/agents/opencode.json: Kiro's)
        why = [f"file name {name}"]
        for top, (kind, _) in self.envelope.MAPS.items():  # what it holds, record by record
            entries = (data or {}).get(top)
            if isinstance(entries, dict) and entries:
                why.append(f"{len(entries)} {kind}{'s' if len(entries) != 1 else ''}: {', '.join(map(str, entries))}")
        if len(why) == 1 and data is not None:
            why.append("no agent or command: nothing to convert")
        return 20.0, why
