"""The base every dialect extends: a reader and a writer driven by the dialect's table.

A dialect module is mostly its table (``data/<id>.toml``): which header key holds which IR field,
its own fields, value sets, model spellings, tool names, name rule, paths. The class adds only what a
table cannot say, through small hooks: ``read_tools``/``render_tools`` for the tool field's shape,
``read_extra``/``write_extra`` for anything else.
"""
from __future__ import annotations

import copy
import re
from dataclasses import replace
from functools import cached_property
from types import ModuleType
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable

from .. import carry, models, naming, paths, registry, tables
from ..envelopes import frontmatter, records, yamlio
from ..errors import problem
from ..instructions import header_keys
from ..ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Agent, Document, Grant, Model, Origin, ToolPolicy
from ..loss import LossCode, LossItem, LossReport, Policy, not_carried, sentence
from ..rx import compile as rx_compile
from ..tools import Crosswalk, capability
from . import builtin_agents
from .detection import Detection
from .helpers import (KEPT, MEMO_SIZE, MISSING, dedupe, first_heading, first_line, glob_match, made_up_description,
                      memo, rule_entries, split_commas, titled, value_taken)
from .toolpolicy import ToolFields, mode_denies, own_denies, plainly_within, policy_key, runs_unasked, settle


class Dialect(ToolFields, Detection):
    """Base dialect: markdown with a YAML header, fields mapped by the table."""

    id: str = ""
    table_package = "agentconv.dialects.data"

    @cached_property
    def table(self) -> dict[str, Any]:
        return tables.load(self.table_package, f"{self.id}.toml")

    @cached_property
    def crosswalk(self) -> Crosswalk:
        return Crosswalk.from_table(self.table)

    @cached_property
    def envelope(self) -> ModuleType:
        """The byte layout module (``envelopes/``) named by the table; YAML frontmatter by default."""
        from .. import envelopes

        return envelopes.get(self.table.get("envelope", "frontmatter"))

    @cached_property
    def many_records(self) -> bool:
        """This dialect's envelope keeps many records in one file (``records.many``: Roo's ``.roomodes``): asked of
        every record read and written, told once (issue 11)."""
        return records.many(self.envelope)

    @cached_property
    def split_as_frontmatter(self) -> bool:
        """Detection sees this dialect's text through frontmatter's split (``api.detect_decoded``): its layout is
        frontmatter, or plain markdown with no header. Told from the table's ``envelope`` name where the dialect
        keeps the base ``envelope``, so detection imports no other layout until a file without a header needs it."""
        if type(self).envelope is Dialect.envelope:
            from .. import envelopes

            return self.table.get("envelope", "frontmatter") in envelopes.SPLIT_AS_FRONTMATTER
        return self.envelope is frontmatter or bool(getattr(self.envelope, "HEADERLESS", False))

    def parse(self, text: str, path: str | None) -> frontmatter.Parsed:
        """Split text with this dialect's envelope (the prompt key, for whole-file envelopes, from the table)."""
        key = self.table.get("prompt_key")
        if key:
            return self.envelope.parse(text, path, prompt_key=key)
        if self.envelope is frontmatter:  # an instructions file named on its own: its own keys are keys too
            keys = self.known_keys | header_keys(path)
            return frontmatter.parse(text, path, keys=keys, twice=self.table.get("duplicate_keys"),
                                     ends=self.table.get("header_ends"), unclosed=self.table.get("unclosed_header"),
                                     colons=self.table.get("parser", {}).get("colon"),
                                     indents=self.table.get("parser", {}).get("indents"))
        return self.envelope.parse(text, path)

    @cached_property
    def known_keys(self) -> frozenset[str]:
        """The header keys this dialect defines (its fields, own keys and old spellings)."""
        t = self.table
        return frozenset(t.get("fields", {})) | frozenset(t.get("own", {})) | frozenset(t.get("renamed", {}))

    @cached_property
    def kin(self) -> tuple[str | None, frozenset[str]]:
        """The dialect whose header keys of the ``[kin]`` list mean here what they mean there (one tool's one reader:
        Claude Code's commands and skills), and those keys, listed in one of the two tables: written as the same key,
        both ways (``build``); (None, empty) for most."""
        kin = self.table.get("kin", {})
        other = kin.get("dialect")
        if not other or other not in registry.ids():
            return None, frozenset()
        keys = kin.get("keys") or registry.get(other).table.get("kin", {}).get("keys", ())
        return other, frozenset(keys)

    @cached_property
    def file_named(self) -> bool:
        """The tool names a record by its file alone: no header key of this dialect holds the name (Claude Code's and
        Codex's commands, Copilot's agents, whose `name` is the display name)."""
        return bool(self.table.get("layout", {}).get("name_from_file")) and "name" not in self.held_paths

    @cached_property
    def held_paths(self) -> frozenset[str]:
        """The IR paths this dialect's fields hold (``metadata.*``: a map of them)."""
        return frozenset(self.table.get("fields", {}).values())

    @cached_property
    def spread_paths(self) -> frozenset[str]:
        """The IR maps a field holds whole (``metadata`` for GitHub's ``metadata.*``)."""
        return frozenset(p[:-2] for p in self.held_paths if p.endswith(".*"))

    def own_layout(self, agent: Agent) -> Any:
        """The source's layout when the record was read in this very dialect (else None: write fresh)."""
        origin = agent.origin
        return origin.layout if origin is not None and origin.dialect == self.id else None

    variant_name: str | None = None
    """The variant of this dialect an alias asked for (``variant``); None: the dialect itself."""

    @property
    def said(self) -> str:
        """The name reports give the target: the variant's (``[variants.KEY] said``, else its key: ``kilo`` for Roo's
        modes written for Kilo Code), else the dialect's id. Logic compares ``id``; messages name ``said``."""
        return self.table.get("said", self.id)

    def variant(self, name: str) -> "Dialect":
        """This dialect as asked for by the alias ``name``: a table's ``[variants.KEY]`` whose ``aliases`` hold it gives
        the same records written where that tool reads them (``path``), the names it skips said (``builtin``,
        ``outcome``) and the tools it gives every record (``grants``): Roo's modes for Kilo Code (``--to kilo``:
        ``.kilocodemodes``). Any other name: itself."""
        for key, v in self.table.get("variants", {}).items():
            if name in v["aliases"]:
                other = copy.copy(self)
                other.variant_name = key
                table = copy.deepcopy(self.table)
                table["layout"]["path"] = v["path"]
                table.setdefault("name", {})["builtin"] = {"names": list(v["builtin"]), "outcome": v["outcome"]}
                table["builtin_agents"] = dict(v.get("builtin_agents", {}))  # another tool's own agents: not read
                table["variant_grants"] = list(v.get("grants", ()))  # what the tool gives every record (Kilo: web)
                # what it gives a record lacking a group (Kilo: grep, glob without `read`), and what a group grants
                # there besides its own tools (Kilo: `browser` runs commands); how it tests a scope (Kilo: a wildcard)
                table["variant_grants_unless"] = dict(v.get("grants_unless", {}))
                table["variant_group_grants"] = dict(v.get("group_grants", {}))
                table["variant_scope"] = v.get("scope")
                table["variant_allows"] = v.get("allows")  # why a tool asked about runs without asking there (Kilo)
                if "always" in v:  # what it gives every record outside its groups, in its own names (Kilo: task ...)
                    table["always"] = dict(v["always"])
                    table["variant_always_said"] = v.get("always_said", {})
                table["said"] = v.get("said", key)  # the name its reports give it (``said``)
                other.__dict__["table"] = table
                return other
        return self

    @property
    def title(self) -> str:
        return self.table.get("title", self.id)

    # ------------------------------------------------------------------ reading
    def project_base(self, file: str) -> Any:
        """What this tool's own configs beside ``file`` put beneath every agent's tool settings where it runs (read
        under them: ``read``'s ``base``, ``api.read_text``); None: the tool has no such configs, or none say it."""
        return None

    def read(self, text: str, path: str | None, report: LossReport, *, parsed: frontmatter.Parsed | None = None,
             base: Any = None) -> Document:
        """Text (LF, no BOM) -> IR: the envelope cuts it into raw records, ``read_record`` reads each. ``parsed`` is
        the header already split by detection, if any; ``base`` what the tool's configs put beneath a one-record
        file's own tool settings (``api.read_text``): kept on the record (``origin.keep["base"]``) for
        ``read_tools``."""
        if self.many_records:
            split = self.envelope.split(text, path)
            self.report_notes(split.notes, report)
            agents = []
            for raw in split.records:
                first = len(report.items)
                agent = self.read_record(raw, path, report)
                agent.origin.keep["read_items"] = (first, len(report.items))  # what reading this record found
                # as read: a record still equal to it at write time is written as it came (``Dialect.write``)
                agent.origin.keep["as_read"] = copy.deepcopy(replace(agent, origin=None))
                agents.append(agent)
            return Document(agents)
        reuse = parsed is not None and self.envelope is frontmatter and not parsed.lenient  # else: with our keys
        raw = parsed if reuse else self.parse(text, path)
        if base is not None:
            raw.base = base
        return Document([self.read_record(raw, path, report)])

    def _report_map_end(self, parsed: frontmatter.Parsed, report: LossReport) -> None:
        """The keys the tool's header parser never reaches, read here as written (``[parser] map_end``): it stops at
        the first line it cannot take as ``key: value`` (``frontmatter.map_end``), silently."""
        end = frontmatter.map_end(parsed.head)
        stops = [(stop - 2, False, sentence("stops-at-less-indented")) for _, _, stop in parsed.loose if stop]
        if end is None and not stops:
            return
        at, read, what = min([e for e in (end,) if e is not None] + stops)
        line = at + 2  # the header's first line is the file's second
        fields, reader = self.table.get("fields", {}), self.table["parser"]["reader"]
        chunks = parsed.layout.chunks
        lost = [c.key for c in chunks if c.line > line or (c.line == line and not read)]
        cut = next((c.key for c in reversed(chunks) if c.line <= line and c.key not in lost), None)
        if read and cut is not None:  # `description: [WIP] Agent`: the key is read, as its quoted or flow value
            what = sentence("value-alone", what=what, key=cut)
        where = fields.get((lost or [cut])[0], (lost or [cut])[0])
        if lost:
            report.add(LossCode.VALUE_INVALID, where, line=line, reader=reader, at=line, why=what,
                       variant="header-stops-tools" if "tools" in lost else "header-stops-keys",
                       keys=", ".join(repr(k) for k in lost))
        elif stops and at == stops[0][0]:  # said with the key read so (parsed.loose)
            return
        elif cut is not None:
            report.add(LossCode.VALUE_INVALID, where, line=line, variant="header-stops-text", reader=reader, at=line,
                       why=what, key=cut)

    def read_record(self, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> Agent:
        """One raw record (its header data, body, layout and side channel, as the envelope found them) -> IR record.
        ``path`` is the file it is in (a name is taken from it only where the file is the record)."""
        self.report_notes(parsed.notes, report)
        fields = self.table.get("fields", {})
        for line, key in parsed.lenient:
            report.add(LossCode.YAML_LENIENT, fields.get(key, key), line=line, variant="not-yaml", key=key)
        for line, key in parsed.colons:
            report.add(LossCode.YAML_LENIENT, fields.get(key, key), line=line, variant="colon", key=key,
                       reader=self.table["parser"]["reader"])
        for line, key, stop in parsed.loose:
            if stop is None:
                report.add(LossCode.YAML_LENIENT, fields.get(key, key), line=line, variant="out-of-line", key=key,
                           reader=self.table["parser"]["reader"])
            else:
                report.add(LossCode.YAML_LENIENT, fields.get(key, key), line=line, variant="out-of-line-stop", key=key,
                           reader=self.table["parser"]["reader"], stop=stop)
        if self.table.get("parser", {}).get("map_end") == "first-stray-line":
            self._report_map_end(parsed, report)
        for line, word, key in parsed.folded:
            report.add(LossCode.YAML_LENIENT, fields.get(key, key), line=line, variant="folded", word=word,
                       dialect=self.said, key=key)
        if parsed.lenient and (special := self.table.get("parser", {}).get("requote")) and self.needs_header(path) \
                and not frontmatter.requoted_loads(parsed.layout, special):
            report.add(LossCode.FILE_REJECTED, "", line=parsed.lenient[0][0], variant="not-yaml-requoted",
                       tool=self.table["parser"]["reader"])
        for note in parsed.coerced:
            line = next((c.line for c in parsed.layout.chunks if c.key == note.where.split(".")[0]), None)
            report.add(note.code, fields.get(note.where, note.where), line=line, **note.params)
        agent = Agent(prompt=parsed.body, origin=Origin(self.id, path, parsed.line, layout=parsed.layout))
        if parsed.base is not None:
            agent.origin.keep["base"] = parsed.base
        if not parsed.layout.has_header or (self.table.get("detect", {}).get("needs_name", True) and
                                            not parsed.data.get(self.table.get("name", {}).get("key", "name"))):
            if self.say_unloaded(path, report, sentence("reading-named-by-file", dialect=naming.a(self.id))):
                agent.origin.keep["rejected"] = True  # its own dialect gives it back as it came (`name:` left empty)
        data = dict(parsed.data)
        written_as, shadowed = {}, {}
        for old, new in self.table.get("renamed", {}).items():
            if old in data and new in data:  # both spellings: the tool reads the current one and ignores the old
                # (VS Code PromptHeader.agent: `agent ?? mode`, promptFileParser.ts, microsoft/vscode; OpenCode's agent
                # config: `steps: agent.steps ?? agent.maxSteps`, config/agent.ts, anomalyco/opencode; read 2026-11-27);
                # the old one is kept as this file's own key, written back only to this dialect, never read as the other
                shadowed[old] = data.pop(old)
                report.add(LossCode.VALUE_INVALID, f"extensions.{self.id}.{old}",
                           line=next((c.line for c in parsed.layout.chunks if c.key == old), None),
                           variant="old-spelling", old=old, new=new, tool=self.said)
            elif old in data:
                data.setdefault(new, data.pop(old))
                written_as[new] = old
                report.add(LossCode.VALUE_READ_AS, fields.get(new, new), value=f"'{old}'", reading=f"'{new}'")
        first = len(report.items)
        self.read_tools(agent, data, report)
        many = self.many_records
        if many:  # about this record of many: where it starts
            for item in report.items[first:]:
                item.line = item.line or parsed.line
        lines = {c.key: c.line for c in parsed.layout.chunks}
        held = {fields[k] for k in data if k in fields}  # what this dialect's own keys say: another's key never overwrites
        for k, v in data.items():  # a map field's entries too: a skill's `metadata: {version}` beside a top-level
            if isinstance(v, dict) and fields.get(k, "").endswith(".*"):  # `version` (marketplace's metadata.version)
                held.update(f"{fields[k][:-2]}.{e}" for e in v)
        for key, value in data.items():
            at = written_as.get(key, key)
            line = lines.get(at) if lines or not isinstance(at, str) else parsed.line if many else records.key_line(
                getattr(parsed.layout, "text", ""), at)  # a TOML or JSON file: no chunks, the first line naming it
            ipath = self._read_field(agent, key, value, report, line, held)
            if ipath is not None:
                agent.origin.keys[ipath] = written_as.get(key, key)
                held.add(ipath)
        for old, value in shadowed.items():
            paths.put(agent, f"extensions.{self.id}.{old}", value)
            agent.origin.keys[f"extensions.{self.id}.{old}"] = old
        self.read_extra(agent, parsed, path, report)
        if agent.role is None and self.table.get("default_role"):
            agent.role = self.table["default_role"]  # what every record of this dialect is
            agent.derived.append("role")
        if parsed.carry:
            restored = carry.apply(agent, parsed.carry, parsed.data, parsed.body, report, parsed.carry_line,
                                   tools=self.granted_tools(parsed.data))
            agent.origin.keep["carried"] = tuple(restored)  # back from the side channel: it rides there again
            if restored and agent.derived:  # given back, not inferred (a role every agent of this dialect has)
                agent.derived = [p for p in agent.derived if p not in restored]
            unwritten = []
            for ipath in (parsed.carry.get("fields") or {}):  # restored: the key it is written under where kept
                key = _key_for(ipath)
                if key is not None and ipath not in agent.origin.keys:
                    agent.origin.keys[ipath] = key
                    unwritten.append(ipath)
            agent.origin.keep["carried_keys"] = tuple(unwritten)  # keys this file does not have (``as_read``)
            if agent.model is not None and ("model" in restored or "model" not in (fields.get(k) for k in data)):
                agent.origin.keep["model"] = "carried"  # given back, or not written in this file: never kept "as
                # written" (out_model), but spelled as the first write spelled it
            if isinstance(parsed.carry.get("from"), str):
                agent.origin.keep["carried_from"] = parsed.carry["from"]  # where the carried values were spelled
        self.derive_name(agent, None if self.many_records else path, report)  # one of many: not the file's
        if agent.display_name == agent.name:
            agent.display_name = None  # a display name that only repeats the identifier says nothing more
        elif agent.display_name and agent.name and self.table.get("name", {}).get("display_fallback") == "title" \
                and agent.display_name == titled(agent.name) and "display_name" not in agent.derived:
            agent.derived.append("display_name")  # what a writer of this dialect makes up from the name: not carried
        return agent

    @staticmethod
    def report_notes(notes: list[records.Note], report: LossReport) -> None:
        """Report what the envelope found (about the file, or one record), as it found it."""
        for note in notes:
            report.add(note.code, "", line=note.line, **note.params)

    def _read_field(self, agent: Agent, key: str, value: Any, report: LossReport, line: int | None,
                    held: set[str] = frozenset()) -> str | None:  # type: ignore[assignment]
        """Read one header key into the IR; the IR path it now holds (None: tools, or spread over several).
        ``held``: the IR paths another key of this header says; another dialect's key for one of them (an `id` beside
        a `name`) is kept as this file's own unknown key, its value never lost."""
        fields = self.table.get("fields", {})
        ipath = fields.get(key)
        owner_id = self.id
        own = self.table.get("own", {}).get(key)
        if own is not None and own.get("foreign_unless") == "map" and not isinstance(value, dict):
            own = None  # this tool's key only as a table: another value is another dialect's, if one has it
        if ipath is None and own is None and self.table.get("foreign_keys", True):
            owner_id = registry.owner(key, tuple(self.table.get("kinds", ()))) or self.id
            if owner_id != self.id:
                ipath = registry.get(owner_id).table.get("fields", {}).get(key)
                if ipath is None and self.table.get("foreign_keys") == "fields":
                    owner_id = self.id  # (its tool gives every key it does not know one meaning of its own)
                if ipath in held and ipath not in ("tools", "tools.deny") or ipath == "name" and self.file_named:
                    ipath, owner_id = None, self.id  # (a record named by its file: another tool's name key means
                    # nothing to this one, which ignores it: kept as written, never the name nor renamed by the file)
                elif ipath == "role" and value not in registry.get(owner_id).table.get("values", {}).get("role", (value,)):
                    # another tool's mode key with a value that tool has no mode of (a VS Code chat mode's
                    # `mode: agent`, read as OpenCode's `mode`, whose modes are primary, subagent, all: its
                    # opencode.toml [values]): no role, the file's own key as written (unseen25 shadow corpus)
                    ipath, owner_id = None, self.id
                elif ipath in ("tools", "tools.deny") and self.table.get("foreign_tool_fields") == "ignored":
                    ipath = None  # a tool that reads no tool list ignores another's (Cursor: readonly is its one
                    # control): the key as written, another tool's key it never acted on (_foreign_access), no grant
        if ipath in ("tools", "tools.deny"):
            if owner_id != self.id:  # another dialect's tool field in this file: read it in that dialect's terms
                report.add(LossCode.VALUE_INVALID, "tools", line=line, variant="other-tool-field", key=key,
                           a_dialect=naming.a(self.id), owner=owner_id)
                before = replace(agent.tools, grants=list(agent.tools.grants))
                registry.get(owner_id).read_tools(agent, {key: value}, report)
                if before.mode != INHERIT:  # a policy read already (the file's own tool field): this only narrows it
                    agent.tools = _narrowed(before, agent.tools)
                read_as = agent.origin.keep.get("tools_read_as", ())  # whose terms the policy is in (implied_of)
                agent.origin.keep["tools_read_as"] = (*read_as, owner_id) if owner_id not in read_as else read_as
                keys = (*agent.origin.keep.get("foreign_tools", ((), None))[0], key)  # same dialect: written back
                agent.origin.keep["foreign_tools"] = (keys, policy_key(agent.tools))  # as read, while it means that
            return None  # this dialect's own tool fields were read by read_tools
        if ipath is not None and ipath.endswith(".*") and not (isinstance(value, dict) and value):
            ipath, owner_id = None, self.id  # no map to spread (`metadata: {}`, text): the file's own key, as written
        if ipath is None:
            rule = registry.get(owner_id).table.get("own", {}).get(key, {})
            raw, value = value, _coerce(value, rule.get("type"), f"extensions.{owner_id}.{key}", report, line,
                                        registry.get(owner_id).table.get("parser", {}))
            if value is not raw:  # kept for a write in this dialect, which gives the value back as written
                agent.origin.keep.setdefault("coerced", {})[f"extensions.{owner_id}.{key}"] = (value, raw)
            if owner_id != self.id and agent.origin is not None:  # another tool's key this one ignores (_foreign_access)
                agent.origin.keep["foreign"] = (*agent.origin.keep.get("foreign", ()), f"extensions.{owner_id}.{key}")
            paths.put(agent, f"extensions.{owner_id}.{key}", value)
            return f"extensions.{owner_id}.{key}"
        if ipath == "model":
            if isinstance(value, list) and value:
                # the list kept whole, one entry too (`model: ['GPT-5 (copilot)']`): written back as a list in its
                # own dialect (identity), its first entry the model elsewhere
                agent.extensions.setdefault(self.id, {})["model"] = value
                value = value[0]
            if value is not None:
                agent.model = models.parse(str(value), self.table)
        elif ipath.endswith(".*"):
            if isinstance(value, dict):
                for k, v in value.items():
                    paths.put(agent, f"{ipath[:-2]}.{k}", v)
                if owner_id != self.id and agent.origin is not None:  # another tool's map (a Claude agent's
                    # `metadata:`, GitHub's key): its entries, so that this dialect writes the map back as it was
                    agent.origin.keep.setdefault("foreign_maps", {})[key] = (ipath[:-2], tuple(value))
            return None
        else:
            if ipath in ONE_VALUE and isinstance(value, (list, dict)):
                _text(key, ipath, value, path_of(agent), report, line)  # refused: one clear line
            if ipath in TEXT and value is not None and not isinstance(value, str):
                parser = self.table.get("parser", {})
                kind = "list" if isinstance(value, list) else "map"
                if isinstance(value, (list, dict)) and ipath in parser.get("rejects_not_text", ()) and \
                        self.needs_header(path_of(agent)):
                    report.add(LossCode.FILE_REJECTED, ipath, line=line, variant="not-text", key=key, kind=kind,
                               tool=parser.get("reader", "the tool"))
                    agent.origin.keep.setdefault("coerced", {})[ipath] = (None, value)  # same dialect: as written
                    return ipath
                if isinstance(value, (list, dict)) and ipath in parser.get("ignores_not_text", ()):
                    report.add(LossCode.VALUE_INVALID, ipath, line=line, variant="not-text-ignored", key=key, kind=kind,
                               reader=parser.get("reader", "the tool"))
                    agent.origin.keep.setdefault("coerced", {})[ipath] = (None, value)  # same dialect: as written
                    return ipath
                value = _text(key, ipath, value, path_of(agent), report, line)
            if ipath.startswith("params.") and carry.ir_type(ipath) == "bool":  # `background: "true"`: as own keys are
                raw, value = value, _coerce(value, "bool", ipath, report, line, self.table.get("parser", {}))
                if value is not raw:  # kept for a write in this dialect, which gives the value back as written
                    agent.origin.keep.setdefault("coerced", {})[ipath] = (value, raw)
            paths.put(agent, ipath, value)
        return ipath

    def read_extra(self, agent: Agent, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> None:
        """Hook for what the table cannot say."""

    def derive_description(self, agent: Agent) -> None:
        """Where the tool describes a record that has no description itself (``[derive] description`` of the table:
        Claude Code, a command's or skill's first line), keep what it shows, for a target that requires one. The
        record's own description stays none: the same dialect writes none."""
        rule = self.table.get("derive", {}).get("description")
        if rule and not (agent.description or "").strip():
            shown = first_line(agent.prompt, rule["limit"])
            if shown:
                agent.origin.keep["description_shown"] = (shown, rule["said"])

    def derive_name(self, agent: Agent, path: str | None, report: LossReport) -> None:
        """The record's name where the header gives none, or where its tool names it by its file (``[layout]
        name_from_file``, unless ``[name] over_file``: the file's stem at one of the dialect's places): the stem, else
        the header's name, the display name slugified, the stem, or the title; a name made here is said
        (name-derived). ``path``: the file read (None: none, or one of many records). A hook: a dialect that names
        a record otherwise (a skill by its folder, a Gemini CLI command by its path below ``commands/``) overrides it."""
        layout = self.table.get("layout", {})
        if agent.name and (not layout.get("name_from_file") or self.table.get("name", {}).get("over_file")):
            return
        stem = self.name_from_path(path) if path else None
        in_place = path and any(glob_match(path, g) for g in layout.get("detect", []))
        if agent.name and (not in_place or self.carried_spelling(agent, stem)):
            return
        candidate = stem if in_place or (stem and not agent.name and not agent.display_name) else None
        candidate = candidate or agent.name or naming.slugify(agent.display_name or "") or stem
        if not candidate:
            candidate = naming.slugify(first_heading(agent.prompt) or "") or "agent"
        if candidate != agent.name:
            agent.name = candidate
            agent.derived.append("name")
            report.add(LossCode.NAME_DERIVED, "name", variant="file-name" if candidate == stem else "title",
                       value=candidate)

    @staticmethod
    def carried_spelling(agent: Agent, stem: str | None) -> bool:
        """The name the side channel gave back is the one ``stem`` (the file's or folder's name) stands for, as the first
        write rewrote it (``4.1-Beast`` for ``4-1-beast.md``): the carried spelling stays the name, and rides again.
        A file renamed since names something else: its own name wins."""
        return bool(agent.name and stem and agent.origin is not None and "name" in agent.origin.keep.get("carried", ())
                    and naming.slugify(agent.name) == stem)

    # ------------------------------------------------------------------ writing
    def write(self, doc: Document, report: LossReport, policy: Policy = Policy(), *, afresh: bool = False) -> str:
        """IR -> text: ``write_record`` writes each record, the envelope lays them out as one file (an envelope of
        one record per file writes the first). Records all read from one file, unchanged, give that file back as it
        was, unless ``afresh`` (each record written anew, as in a file merged from several: ``api.write_merged``)."""
        if not getattr(self.envelope, "SIDE_CHANNEL", True):
            policy = replace(policy, carry=False)  # nowhere to carry: what is lost is reported as dropped
        if not self.many_records:
            out = self.write_record(WriteContext(self, doc.agent, report, policy))
            layout = out.layout or self._fresh_layout(doc.agent, out.mapping)
            if not out.mapping and out.carry is None and self._headerless_back(doc.agent):
                layout = frontmatter.Layout(has_header=False, gap="")  # what made its header was all made up
            if out.body.startswith("---") and self.envelope is frontmatter and \
                    (layout is None or not (layout.has_header or layout.gap)):
                # A file written without a header must not open with dashes: gray-matter (OpenCode's
                # ConfigMarkdown.parse) takes any first line starting `---` as a header's opening, the rest of the
                # line as its language (`--- a/x`: engine "a/x" is not registered, the command fails to load) and
                # reads on to the next `---` line as the header (gray-matter 4.0.3 index.js parseMatter, lib/engine.js;
                # anomalyco/opencode packages/opencode/src/config/markdown.ts; read 2026-11-27), and a strict reader
                # sees a header never opened right. An empty header says where the prompt starts, also in a file
                # written back into its own dialect: a tool that read no header there (VS Code opens one only on a line
                # of `---` alone, promptFileParser.ts) reads the same prompt below it.
                layout = replace(layout, has_header=True) if layout is not None else frontmatter.Layout()
            return self.render(out.mapping, out.body, layout, out.carry)
        layouts = [self.own_layout(a) for a in doc.records]
        if not afresh and all(lo is not None and a == a.origin.keep.get("as_read") for a, lo in zip(doc.records, layouts)):
            text = self.envelope.as_written(layouts)  # every record as read, all of one file in order: as it came
            if text is not None:
                if self.variant_name is not None:  # another tool reads the same file its own way (Kilo's modes
                    # migration): what it makes of each record is said, the text stays as it came
                    scratch = LossReport([], report.source, None, report.file)
                    taken: set[str] = set()
                    for a in doc.records:
                        self.write_record(WriteContext(self, a, scratch, policy, taken))
                    report.items.extend(i for i in scratch.items if i.code in (LossCode.TOOL_BROADENED,
                                                                               LossCode.TOOL_NARROWED))
                return text
        taken: set[str] = set()  # the identifiers already in the file
        return self.envelope.join([self.write_record(WriteContext(self, a, report, policy, taken))
                                   for a in doc.records])

    def write_record(self, ctx: "WriteContext") -> records.Out:
        """One IR record (``ctx.agent``) -> its header mapping, body and side channel, for the envelope to lay out."""
        mapping = self.build(ctx)
        self.builtin_name(ctx, mapping)
        self._wider_scopes(ctx)
        body = self.body(ctx.agent, ctx)
        for key in getattr(self.envelope, "unwritable", lambda m: [])(mapping):
            ctx.report.add(LossCode.FIELD_DROPPED, key, variant="toml-null", key=key, dialect=self.said)
        read_back = getattr(self.envelope, "as_read", None)  # what a reader sees (Roo cleans the file first)
        body_read = getattr(self.envelope, "body_as_read", None)  # (a header's reader skips the blank lines below it)
        return records.Out(mapping, body, self.own_layout(ctx.agent),
                           self.carry_data(ctx, read_back(mapping) if read_back else mapping,
                                           body_read(body) if body_read else body))

    @staticmethod
    def _wider_scopes(ctx: "WriteContext") -> None:
        """The deny grants marked ``wider`` that this write wrote (``WriteContext.wrote``; Kiro's ``deniedCommands``
        regex ``git push *`` as ``git push*``, ``kiro.command_superset``), said (``tool-narrowed``): the agent is denied
        more here than in the source. Said once the header is built, after what its fields said."""
        if ctx.wider:
            ctx.report.add(LossCode.TOOL_NARROWED, "tools",
                           written=", ".join(sentence("wider-deny", raw=g.raw, scope=g.pattern) for g in ctx.wider),
                           tools=sentence("wider-deny-forbids"))

    def _fresh_layout(self, agent: Agent, mapping: dict[str, Any]) -> frontmatter.Layout | None:
        """For a record written fresh from another dialect's markdown, what of its layout the tools do not read and
        A -> B -> A gives back: the blank lines before its prompt (below its header, or at the top of a file without
        one), whether it had a header at all (a command with nothing to say in one is written without, where the
        header is optional), and the quotes of a one-line value written as the source wrote it; None: as usual."""
        origin = agent.origin
        if self.envelope is not frontmatter:
            keep = origin.keep if origin is not None and origin.dialect != self.id else {}
            if keep.get("carried_toml") and keep.get("carried_from") == self.id and keep.get("carry_fresh") is True:
                back = frontmatter.Layout()
                back.skeleton = keep["carried_toml"]  # type: ignore[attr-defined]  # the first TOML file's layout
                return back
            return None
        layout = origin.layout if origin is not None else None
        keep = origin.keep if origin is not None and origin.dialect != self.id and \
            origin.keep.get("carried_from") == self.id else {}  # written back into the first dialect: its spelling
        back = {k: s if s in carry.STYLES else carry.unblock(k, mapping[k], s)
                for k, s in keep.get("carried_styles", {}).items() if k in mapping}
        back = {k: s for k, s in back.items() if s}  # a block style that no longer fits the value: written as usual
        if type(layout) is not frontmatter.Layout or layout.gap.strip("\n"):  # the gap only the side channel kept
            return frontmatter.Layout(gap=keep.get("carried_gap", "\n"), styles=back) if back or \
                "carried_gap" in keep else None
        styles = {**back, **self._quotes_of(agent, mapping)} if layout.chunks else back
        gap = keep.get("carried_gap", layout.gap)  # a TOML or YAML file's Layout says "\n": the comment knows better
        if not styles and layout.has_header and gap == "\n":
            return None
        return frontmatter.Layout(gap=gap, has_header=layout.has_header, styles=styles)

    def _quotes_of(self, agent: Agent, mapping: dict[str, Any]) -> dict[str, str]:
        """Key -> the quote a one-line value had in the source header (or the source's own text of a block scalar or
        flow list under that same key), for the keys written with that same value."""
        quoted = _per_source(agent.origin, "quoted", _quoted)
        own = _per_source(agent.origin, "own", _own_texts)
        if not quoted and not own:
            return {}
        mine, quoted, own = self.table.get("fields", {}), quoted or {}, own or {}
        styles = {k: q for k, v in mapping.items() if (got := own.get(k) or quoted.get(mine.get(k) or k) or (
                      k not in mine and quoted.get(registry.field_of(k))))  # another tool's key for the field (`title`)
                  and (q := got[0]) and type(got[1]) is type(v) and got[1] == v}
        for k, v in mapping.items():  # a map written whole (a skill's `metadata`): its entries in the source's quotes
            if k not in styles and type(v) is dict and (mine.get(k) or "").endswith(".*") and \
                    (text := _nested_quoted(k, v, mine[k][:-1], quoted)) is not None:
                styles[k] = text
        return styles

    def builtin_name(self, ctx: "WriteContext", mapping: dict[str, Any]) -> None:
        """A record named as one of the tool's own agents (``[name.builtin]``) is said: the tool does not load it as
        a new agent (what it does instead is the table's ``outcome``)."""
        rule = self.table.get("name", {}).get("builtin")
        if not rule or ctx.same:
            return
        by_file = self.table.get("layout", {}).get("name_from_file")
        name = self.file_stem(ctx.agent)[0] if by_file else mapping.get(self.table["name"].get("key", "name"))
        if name in rule["names"]:
            ctx.report.add(LossCode.NAME_CONFLICT, "name", name=name, conflict=sentence("builtin-agent", dialect=self.said),
                           outcome=rule["outcome"])

    def unique(self, ctx: "WriteContext", mapping: dict[str, Any]) -> None:
        """In a file of many records, an identifier already taken is written as ``ID-2`` (``-3`` ...), and said."""
        key = self.table.get("name", {}).get("key", "name")
        if ctx.taken is None or not isinstance(mapping.get(key), str):
            return
        name = mapping[key]
        if name in ctx.taken:
            n = 2
            while f"{name}-{n}" in ctx.taken:
                n += 1
            noun = self.table.get("record", "record")
            ctx.report.add(LossCode.NAME_CONFLICT, "name", variant="second", name=name, noun=noun, written=f"{name}-{n}")
            ctx.carried.setdefault("name", ctx.agent.name)
            mapping[key] = name = f"{name}-{n}"
        ctx.taken.add(name)

    def carry_data(self, ctx: "WriteContext", mapping: dict[str, Any], body: str, header: dict[str, Any] | None = None
                   ) -> dict[str, Any] | None:
        """The side-channel payload (None: nothing to carry, or carrying is off). A tool policy rides only when a
        reader would take it back: no wider than what the written ``header`` (default ``mapping``) grants."""
        if not ctx.policy.carry:
            return None
        if "tools" in ctx.carried and (kept := self._tools_refused(ctx, mapping if header is None else header)) and \
                (lowered := self._asks_lowered(ctx, mapping if header is None else header)) is not None:
            ctx.carried["tools"] = lowered  # the file asks where the source allowed (Kiro): it rides as asks
            kept = self._tools_refused(ctx, mapping if header is None else header)
        if "tools" in ctx.carried and kept:
            if kept is True:
                ctx.uncarry("tools", "wider than what the file itself grants")
            else:
                carried = ctx.carried["tools"]
                ctx.carried["tools"] = {**carried, "grants": [carried["grants"][i] for i in kept]}
        if "tools" not in ctx.carried and not ctx.same:
            self._policy_record(ctx)
        origin = ctx.agent.origin  # ``from``: the first dialect of a record that came through a side channel
        made = self._made(ctx, mapping)
        unkept = self._spelling_unkept(ctx)  # (TOML, JSON: no place here for a header's quotes and blank lines)
        spelled = self._first_spelling(ctx) if ctx.carried or made or unkept else (None, None)
        if not ctx.carried and not made and not unkept and \
                not any(not st in carry.STYLES for st in (spelled[0] or {}).values()):
            spelled = (None, None)  # in a markdown header, quotes ride only beside something else (the header keeps
            # them where it writes the value as the source did, ``_quotes_of``); a block scalar's layout on its own too
        keys = self._first_keys(ctx, mapping) if ctx.carried or _per_shape(origin, "flat", _flat) else None
        return carry.make(origin.keep.get("carried_from", origin.dialect) if origin else None, ctx.carried, mapping,
                          body, keys, *spelled, alone=unkept,
                          appended=ctx.appended or (origin.keep.get("carried_appended") if ctx.same else None),
                          literal=ctx.literal, made=made, toml=self._first_toml(ctx), escaped=ctx.escaped,
                          neutral=ctx.neutral)

    def _policy_record(self, ctx: "WriteContext") -> None:
        """Where the record's tool policy does not ride (a reader would refuse it beside this file: wider than what the
        file grants), the setting of the record's first dialect that says it (``policy_record``: a Codex role's
        ``sandbox_mode = "read-only"``) rides instead, where the side channel may restore it (carry.toml
        ``[narrowing]``): the way back into that dialect writes the setting again, as it came."""
        origin = ctx.agent.origin
        first = origin.keep.get("carried_from", origin.dialect) if origin is not None else None
        if first is None or first == self.id or first not in registry.ids():
            return
        for path, value in registry.get(first).policy_record(ctx.agent).items():
            if path not in ctx.carried and paths.is_empty(paths.get(ctx.agent, path)) and \
                    carry.refusal(path, value) is None:
                ctx.carried[path] = value

    def policy_record(self, agent: Agent) -> dict[str, Any]:
        """IR path -> value: the setting of this dialect that a record's tool policy, first read from a file of it, is
        the reading of, for the side channel of a target that cannot carry the policy itself (``_policy_record``);
        {} for none (every dialect but Codex: its sandbox)."""
        return {}

    def _first_toml(self, ctx: "WriteContext") -> list[str] | None:
        """The record's first file's TOML layout (``carry.toml_skeleton``: comment lines, quotes, key order), where
        that file was TOML (a Gemini CLI command, a Codex agent) laid out otherwise than a fresh write lays it out: a
        write back into its dialect, while the file is fresh, lays it out so again; through one more dialect it rides
        on."""
        origin = ctx.agent.origin
        if origin is None:
            return None
        keep = origin.keep
        first = keep.get("carried_from", origin.dialect)
        if ctx.same or first != origin.dialect:
            return keep.get("carried_toml") if keep.get("carry_fresh") is True and first != self.id else None
        if "toml_layout" not in keep:  # once per record (each target asks)
            keep["toml_layout"] = _toml_source(origin)
        return keep["toml_layout"]

    def _made(self, ctx: "WriteContext", mapping: dict[str, Any]) -> tuple[str, ...]:
        """What the side channel's ``made`` says: the fields this write made up where the record's first file had none
        (``ctx.made``: a description a target requires; the name of a file named by its file, written under a key; a
        display name made from it) and the header keys the first file's dialect writes where a record has none (its
        table's ``made``) that the file did not have, so that a write back into that dialect, while the file is
        fresh, leaves them out (``made_back``); through one more dialect, what the first write said rides on."""
        origin = ctx.agent.origin
        if origin is None:
            return ctx.made
        keep = origin.keep
        first = keep.get("carried_from", origin.dialect)
        if ctx.same or first != origin.dialect:  # a file agentconv wrote: its own made, while it is fresh
            passed = keep.get("carried_made", ()) if keep.get("carry_fresh") is True and first != self.id else ()
            return tuple(dict.fromkeys((*passed, *ctx.made)))[:carry.MADE_MAX]
        if first not in registry.ids() or not mapping and self.envelope is frontmatter:
            # (a header written only to say what the way back leaves out: none, as today; nor only to say that the
            # model ran the record, ``_invoked_by``: nothing rides, so the way back writes the narrower, said)
            return ctx.made if any(m in carry.MADE for m in ctx.made) else ()
        source, made = registry.get(first), list(ctx.made)
        if "name" in ctx.agent.derived:
            made.append("name")  # named by its file: written under a key here, or read from this file's name back
        if not ctx.agent.display_name and (source.table.get("name", {}).get("display_fallback") or any(
                mapping[k] for k in self.display_keys if k in mapping)):
            made.append("display_name")  # made from the name (``[name] display_fallback``), here or on the way back
        made = [m for m in made if m not in carry.MADE or source.writes_back(m) and source.first_lacks(origin, m)]
        layout = origin.layout
        lacked = _per_shape(origin, "made", _made_lacked) if type(layout) is frontmatter.Layout else None
        if lacked is None:  # (the keys of a header of no plan's shape, or of none)
            keys = {c.key for c in layout.chunks} if type(layout) is frontmatter.Layout else set()
            lacked = [k for k in source.table.get("made", ()) if k not in keys]
        made += lacked
        return tuple(dict.fromkeys(made))[:carry.MADE_MAX] if made else ()  # (most writes make nothing up)

    @cached_property
    def display_keys(self) -> tuple[str, ...]:
        """The header keys of this table's display name (``[fields]``)."""
        return tuple(k for k, p in self.table.get("fields", {}).items() if p == "display_name")

    def _headerless_back(self, agent: Agent) -> bool:
        """Written back into this dialect, a record whose first file had no header: every key the way out wrote was
        made up (``made_back``) and nothing else is written: no header, as it came."""
        keep = agent.origin.keep if agent.origin is not None else {}
        return self.envelope is frontmatter and bool(keep.get("carried_made")) and \
            any(self.made_back(agent, m) for m in keep["carried_made"])

    def writes_back(self, field: str) -> bool:
        """A record's ``field`` (an IR path) is written in a file of this dialect where the record has it (its name
        under a key, not only as the file's name)."""
        return field == "description" or field in self.held_paths and not (
            field == "name" and self.table.get("layout", {}).get("name_from_file"))  # (then only a key it had)

    def first_lacks(self, origin: Origin, field: str) -> bool:
        """A file of this dialect, read into ``origin``, had no ``field`` (an IR path) of its own: no key of its
        header was read as it."""
        return field not in origin.keys

    def made_back(self, agent: Agent, field: str) -> bool:
        """``field`` (``carry.MADE``, or a header key of this table's ``made``) was made up on the way out of a file of
        this dialect, which had none (the side channel's ``made``), and the file read is as that write left it: a
        write back into this dialect leaves it out, as the first file had none."""
        origin = agent.origin
        keep = origin.keep if origin is not None else {}
        return origin is not None and origin.dialect != self.id and keep.get("carried_from") == self.id and \
            keep.get("carry_fresh") is True and field in keep.get("carried_made", ())

    def _spelling_unkept(self, ctx: "WriteContext") -> bool:
        """The record's first file, of another dialect's markdown, spelled its header in a way this dialect has no
        place for (TOML, JSON: a quoted value, ``name: "Business Analyst"``, a block scalar, ``description: >-``, the
        blank lines before its prompt): ``_first_spelling`` asks how, and what it finds rides on its own, so that a
        write back into that dialect spells it so again (a markdown header keeps quotes itself, ``_quotes_of``)."""
        origin = ctx.agent.origin
        if origin is None or self.envelope is frontmatter:
            return False
        if origin.keep.get("carried_from") not in (None, origin.dialect):  # through one more dialect, or this one's
            return bool(origin.keep.get("carried_styles"))  # file converted to itself: they ride on
        if ctx.same:
            return False
        layout = origin.layout
        return type(layout) is frontmatter.Layout and layout.has_header

    def _first_spelling(self, ctx: "WriteContext") -> tuple[dict[str, str] | None, str | None]:
        """How the file the record was first read from spelled the values that ride here, or that are written here
        where no quote has a place (key -> one of ``carry.STYLES``, only where that style gives its text back exactly;
        said only where something rides anyway) and the blank lines before its prompt,
        where this dialect has nowhere for them (not a markdown header); through one more dialect they ride on."""
        origin = ctx.agent.origin
        if origin is None:
            return None, None
        keep = origin.keep
        if ctx.same or keep.get("carried_from") not in (None, origin.dialect):
            return keep.get("carried_styles"), keep.get("carried_gap")
        layout = origin.layout
        if type(layout) is not frontmatter.Layout or not layout.has_header:
            return None, None
        gap = layout.gap if self.envelope is not frontmatter and layout.gap != "\n" and not layout.gap.strip("\n") \
            and len(layout.gap) <= carry.GAP_MAX else None
        styles = {}
        src = _source(origin)
        plan, pairs = src[4], src[2] or ()
        if plan is not None:  # only the keys that can have a style here (the others are passed over below, always)
            chunks = layout.chunks
            at = _step(plan, ("spelled", self, tuple(ctx.carried)), lambda: tuple(
                i for i, (_, p) in enumerate(pairs) if p in ctx.carried or p == "tools" or
                p is not None and self.envelope is not frontmatter))
            pairs = [(chunks[i], pairs[i]) for i in at]
        else:
            pairs = zip(layout.chunks, pairs)
        for c, (_, p) in pairs:
            if p == "tools" and c.value == [] and ctx.agent.tools.mode == NONE and not c.lenient and \
                    c.text.rstrip().endswith("[]") and registry.get(origin.dialect).table.get("tools_shape") == "comma":
                styles[c.key] = "[]"  # an empty allowlist written `[]` where its writer writes "" (a comma string)
                continue
            value = ctx.carried.get(p) if p is not None else None
            if value is None and p is not None and p != "tools" and self.envelope is not frontmatter:
                value = paths.get(ctx.agent, p)  # written here, in a file with no place for quotes (TOML, JSON)
            if p == "tools" and value is not None and type(c.value) is list:
                value = c.value  # a policy rides, read from this list: a write back spells it so (toolpolicy names_for)
            if c.lenient or type(value) not in (str, list) or type(value) is not type(c.value) or value != c.value \
                    or not isinstance(c.key, str) or len(styles) >= carry.KEYS_MAX:
                continue
            text = next((ln for ln in c.text.split("\n") if ln.strip() and ln[:1] != "#"), "") + "\n"
            if c.text.endswith(text):  # one line: the style that gives exactly that line back
                styles.update((c.key, st) for st in carry.STYLES if yamlio.dump_styled(c.key, value, st) == text)
            elif p == "tools" and type(value) is list and \
                    c.text.endswith(yamlio.dump_styled(c.key, value, "-") or "\0") and \
                    registry.get(origin.dialect).table.get("tools_shape") == "comma":
                styles[c.key] = "-"  # a block list, where its writer writes a comma string (render_tools)
            elif type(value) is str and (own := frontmatter.own_text(c)) is not None and \
                    (block := carry.block_style(c.key, own, value)) is not None:
                styles[c.key] = block  # a block scalar (`description: >-`): its indicator, indentation and breaks
        return styles or None, gap

    def _first_keys(self, ctx: "WriteContext", mapping: dict[str, Any]) -> list[str] | None:
        """The header keys of the file the record was first read from, in its order, where a key of it rides in the
        side channel (so a write back into that dialect puts it where it was); None: the order comes back anyway."""
        origin = ctx.agent.origin
        if origin is None:
            return None
        order = origin.keep.get("carried_order")
        if order is not None and (ctx.same or origin.keep.get("carried_from") not in (None, origin.dialect)):
            return list(order)  # as the file had it, or through one more dialect: the first file's order rides on
        pairs = None if ctx.same else _source_paths(origin)
        if pairs is None and ctx.carried and not ctx.same and (keys := _toml_keys(origin)) is not None:
            # (the keys that stand for a field, or whose value rides here: not one dropped, nor written nowhere else)
            fields, own = registry.get(origin.dialect).table.get("fields", {}), f"extensions.{origin.dialect}."
            keys = [k for k in keys if k in fields or own + k in ctx.carried]
            return keys if len(keys) > 1 else None
        if pairs is None or not 1 < len(pairs) <= carry.KEYS_MAX:
            return None
        plan = _plan(origin)  # the rest depends on the shape, this dialect and the keys carried and written alone
        if plan is None:
            return self._keys_riding(ctx, origin, mapping)
        got = _step(plan, ("keys", self, tuple(ctx.carried), tuple(mapping)),
                    lambda: self._keys_riding(ctx, origin, mapping))
        return None if got is None else list(got)

    def _keys_riding(self, ctx: "WriteContext", origin: Origin, mapping: dict[str, Any]) -> list[str] | None:
        """``_first_keys`` of a record from another dialect's header (``_source_paths``: two keys or more)."""
        paths_of, spelled, plain, ranked, unnamed = _per_shape(origin, "key_order", _key_order)
        if not spelled and not any(p in ctx.carried for p in paths_of.values()):
            return None  # nothing of the header rides here: what the file shows keeps the order (_in_source_order)
        mine = self.table.get("fields", {})
        shown = {mine.get(k) or k for k in mapping}  # what comes back from the file itself (a map's entries too)
        keys = [k for k, p in paths_of.items() if p in ctx.carried or p in shown or k in mapping
                or k in spelled and isinstance(p, str) and f"{p.split('.', 1)[0]}.*" in shown
                or isinstance(p, str) and p[-2:] == ".*" and spelled and any(  # the map beside entries written on their
                    isinstance(q, str) and q.startswith(p[:-1]) for q in (*ctx.carried, *shown))]  # own: its place too
        if len(keys) < 2 or not plain and not all(isinstance(k, str) and 0 < len(k) <= 128 for k in keys):
            return None
        rank = registry.get(origin.dialect).write_rank
        if (ranked or sorted(keys, key=lambda k: rank.get(k, len(rank))) == keys) and \
                not (spelled and spelled & set(keys)) and not unnamed:
            return None  # the first dialect's own order: a write back into it gives it anyway
        return keys  # keys whose values go nowhere (an access setting dropped) are not named

    def _asks_lowered(self, ctx: "WriteContext", header: dict[str, Any]) -> dict[str, Any] | None:
        """The carried tool policy with each tool it allows whole that the file itself only asks for (a tool Kiro's
        ``tools`` lists and no ``allowedTools`` entry trusts) carried as asking: what the way back says is then the
        file's own decision, never laxer, and the tools keep the source's spelling. None: no such tool."""
        carried = ctx.carried["tools"]
        if carried.get("mode") not in (ALLOWLIST, DENYLIST) or not self.table.get("trust"):
            return None
        visible = self.visible_tools(header)
        asked = {g.canonical for g in visible.grants if g.decision == "ask" and g.pattern is None}
        allowed = {g.canonical for g in visible.grants if g.decision == "allow" and g.pattern is None}
        grants = [{**g, "decision": "ask"} if isinstance(g, dict) and g.get("decision", "allow") == "allow"
                  and g.get("pattern") is None and g.get("canonical") in asked - allowed else g
                  for g in carried.get("grants", ())]
        return {**carried, "grants": grants} if grants != list(carried.get("grants", ())) else None

    def _tools_refused(self, ctx: "WriteContext", header: dict[str, Any]) -> bool | tuple[int, ...]:
        """Would a reader refuse the carried tool policy beside ``header`` (``carry.refusal`` against what the header
        grants, ``visible_tools``)? False: it rides as it is; True: refused, nothing of it rides; else refused, and the
        indices of its grants that ride instead (``_carried_within``). A pure function of the header's tool fields, the
        carried value and what ``_spelled_back`` reads of the record (its first dialect): memoized on them where the
        tool fields are all that ``read_tools`` reads (``tool_keys``). The header is read once for both questions."""
        carried = ctx.carried["tools"]
        if type(self).visible_tools is Dialect.visible_tools and (names := self.allowed_names(header)) is not None \
                and plainly_within(self, carried, names):
            return False  # the usual case, told without reading the header into a policy (the same answer)
        keys = self.tool_keys if type(self).visible_tools is Dialect.visible_tools else None
        origin = ctx.agent.origin  # what ``_spelled_back`` asks of the record (where its policy was first spelled)
        first = origin and (origin.dialect, origin.keep.get("carried_from"), ctx.carried_back("tools"))
        beside = {**{f"extensions.{ns}.{k}": v for (ns, k) in ctx.said_modes if f"extensions.{ns}.{k}" in ctx.mapped
                     and (v := ctx.agent.extensions[ns][k]) is not None},  # a mode the file keeps (Copilot's header),
                  **carry.modes(ctx.carried)} if ctx.said_modes else None  # or riding beside it (plan mode)
        try:
            key = None if keys is None else (tuple(_frozen(header.get(k, _ABSENT)) for k in keys),
                                             tuple(carried), carried["mode"],
                                             *(tuple(g.items()) for g in carried["grants"]), first,
                                             tuple((p, str(v)) for p, v in (beside or {}).items()))
            hash(key)
        except (TypeError, KeyError, AttributeError):  # a value of no plain shape: worked out as it is
            key = None

        def refused() -> bool | tuple[int, ...]:
            visible = self.visible_tools(header)
            if carry.refusal("tools", carried, ctx.agent, visible, self._between(ctx), beside) is None:
                return False
            kept = self._carried_within(ctx, visible)
            return True if kept is None else kept

        if key is None:
            return refused()
        return memo(self, "_refused_memo", key, refused, lambda: sum(_size(header.get(k)) for k in keys)  + sum(
            len(str(g.get("raw"))) + len(str(g.get("pattern") or "")) for g in carried["grants"]) + len(str(first)))

    def _carried_within(self, ctx: "WriteContext", visible: ToolPolicy) -> tuple[int, ...] | None:
        """The carried allowlist less its grants of tools the file itself does not grant (``visible``: lost here, and
        said so: ``tool-unmapped``), when what is left is no wider than the file: the way back then spells the rest as
        the source did (TaskList and TaskGet, not every task tool the file's ``todo`` means); the indices of the grants
        left. None: nothing to keep, or nothing that the file would not give back as it is anyway (``_spelled_back``)."""
        carried = ctx.carried["tools"]
        if carried.get("mode") != ALLOWLIST or visible.mode != ALLOWLIST:
            return None
        named = {g.canonical for g in visible.allowed() if g.canonical}
        every = carried.get("grants", ())
        within = tuple(i for i, g in enumerate(every) if g.get("canonical") in named)
        grants = [every[i] for i in within]
        if not grants or len(grants) == len(every) or self._spelled_back(
                ctx, ToolPolicy(ALLOWLIST, [Grant(**g) for g in grants]), set()):
            return None  # nothing left, or nothing the file would not give back as it is
        return None if carry.refusal("tools", {**carried, "grants": grants}, ctx.agent, visible,
                                     self._between(ctx)) is not None else within

    def _between(self, ctx: "WriteContext") -> tuple[str | None, str | None]:
        """The dialect the carried tool policy is spelled in (the record's first) and this one, which writes the file
        it rides in (``carry.refusal``)."""
        origin = ctx.agent.origin
        return (origin.keep.get("carried_from", origin.dialect) if origin is not None else None), self.id

    def granted_tools(self, header: dict[str, Any]) -> ToolPolicy | None:
        """What a record's tool field grants where the dialect knows more than its IR reading (Roo: every group is
        every tool), which a side channel's tool policy may not exceed; None: the record's tools as read."""
        return None

    def visible_tools(self, header: dict[str, Any]) -> ToolPolicy:
        """The tool policy a header grants, as a reader takes it (what a carried policy may not exceed)."""
        scratch = Agent()
        self.read_tools(scratch, dict(header), LossReport())
        return scratch.tools

    @cached_property
    def tool_keys(self) -> tuple[str, ...] | None:
        """The header keys ``read_tools`` reads, when they are all that its tool policy depends on (the key of the
        ``_tools_refused`` memo); None: not known (a dialect with its own ``read_tools`` names them, or is not
        memoized)."""
        if type(self).read_tools is not ToolFields.read_tools:
            return None
        return tuple(k for k, p in self.table.get("fields", {}).items() if p in ("tools", "tools.deny"))

    def render(self, mapping: dict[str, Any], body: str, layout: Any, carry_data: dict[str, Any] | None) -> str:
        key = self.table.get("prompt_key")
        if key:
            return self.envelope.render(mapping, body, layout, carry_data, prompt_key=key)
        if self.table.get("header_ends") == "first-dashes":  # the tool's header ends at any '---' (frontmatter.py)
            return self.envelope.render(mapping, body, layout, carry_data, dashes=False)
        return self.envelope.render(mapping, body, layout, carry_data)

    def body(self, agent: Agent, ctx: "WriteContext") -> str:
        self._foreign_references(agent, ctx)
        if "prompt_keys" in self.table:
            return ""  # the prompt is written under header keys (``split_prompt``)
        limit = self.table.get("body_limit")
        if limit and len(agent.prompt) > limit:
            ctx.report.add(LossCode.VALUE_TOO_LONG, "prompt", field="prompt", length=len(agent.prompt),
                           limit_by=self.id, limit=limit)
        self.entering_references(agent.prompt, ctx)
        self.own_agents_named(agent.prompt, ctx)
        return agent.prompt

    def entering_references(self, text: str, ctx: "WriteContext") -> None:
        """Literal text of another tool's file that this dialect's tool reads as its own reference or variable in a
        body (its ``[body_references]`` and ``[placeholders.own]``: VS Code's ``#file:x``, which attaches that file,
        ``#tool:x``, ``${input:x}``), where the source's tables read none such: kept as written, said (it has no
        escape for them). The way out of VS Code is ``_foreign_references``."""
        origin = ctx.agent.origin
        if origin is None or (pair := self._body_pair(origin.dialect)) is None:
            return
        mine, either = pair[0]
        if not mine or either is not None and either.search(text) is None:
            return  # none of them anywhere in the text: one scan of it, not one per expression
        for rx, label in mine.items():
            for found in dict.fromkeys(m.group() for m in re.finditer(rx, text)):
                ctx.report.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="literal-read-as", text=found,
                               dialect=self.said, label=label)

    def own_agents_named(self, text: str, ctx: "WriteContext") -> None:
        """The source tool's own agents that ``text`` names as agents (``subagent_type: "general-purpose"``,
        ``Agent(Explore)``; ``the Explore agent`` where the name is no plain lowercase word, which prose uses as one),
        written where the target's agent of that role is named otherwise or is none (``builtin_agents.counterpart``; a
        target whose table names no own agents, or that has an agent of that very name, says nothing): kept as written,
        said (agent-unmapped). Prose is not rewritten: "Explore" and "Plan" are words too, and the text around the name
        (the Task tool, its parameters) is the source tool's."""
        origin = ctx.agent.origin
        if origin is None or not text or (pair := self._body_pair(origin.dialect)) is None or pair[2] is None:
            return
        mine, theirs = pair[2]
        calls, named = _names_in(text, mine)
        for name in named:
            if name in theirs:
                continue
            if not calls and (re.fullmatch(r"[a-z]+", name) or not _as_agent(name).search(text)):
                continue  # no form can match: the whole search, with its alternation at every position, skipped
            found = _named_agent(name).search(text)
            own = builtin_agents.counterpart(origin.dialect, name, self.id) if found else None
            if own is None:
                continue
            tool, there = registry.get(registry.tool(origin.dialect)).said, self.said
            if own.written is not None:
                ctx.report.add(LossCode.AGENT_UNMAPPED, "prompt", variant="prose-renamed", text=found.group(),
                               name=name, tool=tool, role=own.role, there=there, written=own.written)
            else:
                ctx.report.add(LossCode.AGENT_UNMAPPED, "prompt", variant="prose-none", text=found.group(), name=name,
                               tool=tool, role=own.role, there=there, why=_unmapped_why(own, tool))

    def _body_pair(self, first: str) -> tuple[tuple[dict[str, str], Any], tuple[tuple[str, str], ...],
                                              tuple[dict[str, Any], dict[str, Any]] | None] | None:
        """What the tables of this dialect and of a record's dialect ``first`` decide of the prompt's passes whatever the
        prompt, once per pair (issue 11): None where ``first`` is this dialect or none registered (none of them runs);
        else the references this tool reads that ``first``'s does not and their alternation (``entering_references``),
        ``first``'s references this tool reads none of (``_foreign_references``), and the two tools' own agents where a
        prompt may name one of ``first``'s that this tool names otherwise (``own_agents_named``; None: it cannot)."""
        key = (self, first)
        try:
            return _BODY_PAIRS[key]
        except KeyError:
            pass
        if first == self.id or first not in registry.ids():
            got = None
        else:
            theirs = _references(registry.get(first).table)
            mine = {rx: label for rx, label in _references(self.table).items() if rx not in theirs}
            ours = _references(self.table)
            foreign = tuple((rx, label) for rx, label in (registry.get(first).table.get("body_references") or {}).items()
                            if rx not in ours)
            agents, here = builtin_agents.own_agents(first), builtin_agents.own_agents(self.id)
            got = ((mine, _any_of(tuple(mine)) if mine else None), foreign,
                   None if not agents or here is None or agents is here else (agents, here))
        if len(_BODY_PAIRS) >= MEMO_SIZE:
            _BODY_PAIRS.clear()
        _BODY_PAIRS[key] = got
        return got

    def _foreign_references(self, agent: Agent, ctx: "WriteContext") -> None:
        """References the source's tool reads in a body (its table's ``[body_references]``: VS Code's ``#tool:x``)
        written where this dialect's tables read none such: kept as text, said (as a command's are: placeholders.py)."""
        origin = agent.origin
        if origin is None or (pair := self._body_pair(origin.dialect)) is None:
            return
        for rx, label in pair[1]:
            for found in dict.fromkeys(m.group() for m in re.finditer(rx, agent.prompt)):
                ctx.report.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="foreign", text=found, label=label,
                               dialect=self.said)

    def _readonly_shell(self, ctx: "WriteContext") -> None:
        """A Cursor ``readonly: true`` agent written in another dialect with its shell denied: what readonly still let
        it run (its read-only shell commands) is forbidden there, said (``cursor.toml [readonly] shell_allowed``)."""
        agent = ctx.agent
        allowed = agent.origin.keep.get("readonly_shell") if agent.origin is not None else None
        if allowed and not ctx.same and not ctx.shell_kept and self.table.get("tool_semantics", True) and \
                "bash" in {str(g.canonical) for g in agent.tools.denied()}:
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="readonly-no-shell", tools=allowed)

    def _guards(self, ctx: "WriteContext") -> None:
        """A guard of the source denying what this tool only asks about (OpenCode's ``external_directory: deny``, read
        into ``origin.keep["guards"]``): written where the tool asks for it (``[guards]`` here: Claude Code asks before a
        path outside its working directories) and no key of the file can deny it, the agent would be asked where it
        was refused: a widening (``broaden``: refused unless --allow-broaden), where it holds a tool the guard guards
        (the source table's ``[guards_of]``)."""
        agent = ctx.agent
        kept = agent.origin.keep.get("guards") if agent.origin is not None else None
        mine = self.table.get("guards")
        if not kept or not mine or ctx.same or not self.table.get("tool_semantics", True):
            return
        for name, of in kept.items():  # a deny the source's guard `name` held, asked of the tools `of`
            spec = mine.get(name)
            if spec is None or spec["rule"] == "deny":
                continue
            policy = agent.tools
            whole = {g.canonical for g in policy.denied() if g.pattern is None}
            held = [c for c in of if c not in whole and (
                policy.mode in (INHERIT, DENYLIST) or policy.mode == ALLOWLIST and any(
                    g.canonical == c for g in policy.allowed()))]
            if held:
                self.broaden(ctx, "guard-asks", name=name, noun=naming.a(self.table.get("title", self.id)),
                             said=spec["said"], tools=", ".join(held))

    def build(self, ctx: "WriteContext") -> dict[str, Any]:
        """The header mapping, in table order, then this dialect's own extensions."""
        self._runs_in(ctx)  # first: a command routed to an agent of its run may be written from a copy (routed, its tools)
        self._invoked_by(ctx)
        self._guards(ctx)
        agent, mapping, held = ctx.agent, {}, self.held_paths
        ctx.as_read = self.as_read(ctx)
        for key, ipath, empty in self.field_steps:
            if empty is not None and empty(ctx.agent):
                continue  # a field written as the IR holds it, which holds none: nothing to write, nothing said
            if ipath == "prompt":  # held in header keys
                if key == self.table["prompt_keys"][0]:
                    mapping.update(self.split_prompt(ctx, mapping))
                continue
            if ipath in ("tools", "tools.deny"):
                if ipath == "tools" and "tools" not in ctx.done:
                    ctx.done.add("tools")
                    mapping.update(self.write_tools(ctx))
                continue
            if ipath in ctx.as_read and not self.had_key(ctx, key):
                if ipath == "display_name" and self.table.get("layout", {}).get("name_from_file"):
                    self.carry_file_name(ctx, None)  # the name this file does not show rides, as where it is written
                continue  # the source wrote it under another key (`title`, a legacy spelling): kept as it was
            value = self.field_value(key, ipath, ctx)
            if value is not None and key not in mapping:
                mapping[key] = value
        if "tools" not in ctx.done:
            mapping.update(self.write_tools(ctx))
        self._readonly_shell(ctx)
        self.unique(ctx, mapping)
        for key, value in agent.extensions.get(self.id, {}).items():
            if (key == "model" and "model" in held) or ctx.as_read.get(f"extensions.{self.id}.{key}", key) != key:
                continue
            if self._foreign_access(ctx, self.id, key, value):
                continue
            mapping.setdefault(key, self._uncoerced(ctx, f"extensions.{self.id}.{key}", value))
            if key == "model" and isinstance(value, list) and agent.model is not None and value[:1] == [agent.model.raw]:
                ctx.mapped.add("model")  # a model list of a dialect with no model field: the model is in it, as read
        kin, keys = self.kin
        for key, value in agent.extensions.get(kin, {}).items() if kin and not ctx.same else ():
            if key in keys and key not in mapping and not self._foreign_access(ctx, kin, key, value):
                # the same key of the same tool (a Claude Code command's, a skill's)
                mapping[key] = self._uncoerced(ctx, f"extensions.{kin}.{key}", value)
                ctx.mapped.add(f"extensions.{kin}.{key}")
        nulls = self._nulls(ctx)
        for ipath, key in ctx.as_read.items():
            value = paths.get(agent, ipath) if ipath != "model" or agent.model is None else agent.model.raw
            # (`model` in a dialect with no model field, a Codex prompt's or a Gemini command's key read as the model:
            # written back as the text it was, not as the parsed record `{raw: ...}`)
            value = self._uncoerced(ctx, ipath, value)
            if key not in mapping and (value is not None or key in nulls):
                mapping[key] = value
                ctx.mapped.add(ipath)
                if not ctx.same:
                    ctx.report.add(LossCode.FIELD_KEPT, ipath, key=key, dialect=self.said)
        for key, (prefix, entries) in agent.origin.keep.get("foreign_maps", {}).items() if ctx.same else ():
            kept = {k: paths.get(agent, f"{prefix}.{k}") for k in entries}  # another tool's map, as the file had it
            if key not in mapping and not any(f"{prefix}.{k}" in ctx.mapped or ctx.carried_back(f"{prefix}.{k}")
                                              for k in entries):
                mapping[key] = kept
                ctx.mapped.update(f"{prefix}.{k}" for k in entries)
        for key in nulls:  # a field the source left empty, and nothing fills: as written (the tool reads no value)
            ipath = self.table.get("fields", {}).get(key)
            if key in mapping or ipath is None:
                continue
            if (agent.tools.mode == "inherit" and not agent.tools.grants) if ipath in ("tools", "tools.deny") \
                    else not paths.get(agent, ipath) or ipath in agent.derived:  # (a name made up: the file had none)
                mapping[key] = None
        self.write_extra(mapping, ctx)
        if "order" in self.table:  # the order the tool writes a record's keys in; keys it does not list follow
            mapping = {k: mapping[k] for k in [*self.table["order"], *mapping] if k in mapping}
        elif (order := self._carried_order(ctx)) is not None:
            mapping = _in_order(mapping, order)
        else:
            mapping = self._in_source_order(ctx, mapping)
        if agent.kind == "command" and "command" not in self.table.get("kinds", ["agent"]) and not any(
                i.path == "kind" and i.target == self.id for i in ctx.report.items[ctx.first:]):
            ctx.report.add(LossCode.KIND_CHANGED, "kind", variant="command-neutral", agent=naming.a(self.id))
        self._report_unheld(ctx, held)
        return mapping

    def _foreign_access(self, ctx: "WriteContext", ns: str, key: str, value: Any) -> bool:
        """``key`` of dialect ``ns`` (this one, or its kin) was read from a file of another, whose tool does not know it (Claude Code's
        ``permissionMode`` in a ``.cursor/agents`` file, copied there by a generator), and is an access setting (what
        the side channel never restores, ``carry.refusal``): that tool never applied it, so written here it would give
        the agent a mode, a hook or a server it never ran with. Not written, said (True); an inert key (``background``)
        or a value that grants nothing (``permissionMode: default``) is written as before (False)."""
        path = f"extensions.{ns}.{key}"
        origin = ctx.agent.origin
        if origin is None or ctx.same or path not in origin.keep.get("foreign", ()):
            return False
        why = carry.refusal(path, value)
        if why is None:
            return False
        source = registry.get(origin.dialect).said if origin.dialect in registry.ids() else origin.dialect
        ctx.report.add(LossCode.FIELD_DROPPED, path, variant="foreign-access", key=key, owner=registry.get(ns).said,
                       source=naming.a(source), why=why)
        return True

    def _first_unnamed(self, ctx: "WriteContext", key: str) -> bool:
        """The record's first file, of this dialect, had no ``key`` for its display name (the side channel's ``keys``
        name the others: ``_unnamed``): written back without one, as it came, not with the made-up fallback."""
        order = self._keys_back(ctx)
        return order is not None and key not in order

    def _keys_back(self, ctx: "WriteContext") -> tuple[str, ...] | None:
        """The header keys of the record's first file (the side channel's ``keys``), where that file was of this
        dialect (A -> B -> A); None otherwise."""
        keep = ctx.agent.origin.keep if ctx.agent.origin is not None else {}
        return keep.get("carried_order") if keep.get("carried_from") == self.id else None

    def _runs_in(self, ctx: "WriteContext") -> None:
        """A record its source runs in one of that tool's agents (``[runs_in]`` of the source's table: a VS Code prompt's
        ``agent: ask``, an OpenCode command's ``agent: review``, a Claude Code command's ``context: fork`` with
        ``agent: Explore``), which has fewer tools than the tool's every-tool agent (``every_tool``): written into
        another dialect, where nothing names that agent, it would run with every tool. Refused as a widening (exit 6;
        ``--allow-broaden`` writes it without, said), unless its tool list says the restriction (checked there). Not
        into a dialect no tool runs with tools (plain markdown: ``tool_semantics`` false and not ``unrestricted``),
        where a tool list is carried too: dropped and said there.

        Where the run knows the agent (``Policy.routes``: a custom agent among the sources of a ``migrate`` or a batch,
        not one of the tool's own), the command is not refused: it is routed to that agent where the target routes a
        command to an agent of its own (``[runs_in]`` of this table) and the agent is converted beside it
        (``_route``); else, the agent having every tool, it runs with every tool as it did (the agent is dropped,
        said); else it takes the agent's tools, which the target writes or refuses as any tool list."""
        origin = ctx.agent.origin
        if origin is None or self._pair(origin.dialect, ctx.agent.kind)[0]:
            return  # (nothing of the source's table applies between these two dialects: ``_pair``)
        source = reader_of(origin.dialect, ctx.agent.kind)  # an OpenCode config's command: opencode-command's rule
        rule = registry.get(source).table.get("runs_in")
        if rule and self.kin[0] == source and {p.rsplit(".", 1)[1] for p in (rule["path"], *rule.get("when", {}))} <= \
                self.kin[1]:
            return  # the same tool's same keys (a Claude Code skill's `context: fork`, `agent`): written as they were
        value = paths.get(ctx.agent, rule["path"]) if rule else None
        if value is None or ctx.agent.tools.mode != INHERIT or any(
                paths.get(ctx.agent, p) != v for p, v in rule.get("when", {}).items()):
            return
        route = next((r for r in ctx.policy.routes if r.dialect == source and r.agent == value), None)
        every = value in rule.get("every_tool", ())
        if every and route is None:
            return  # the tool's agent of every tool, unless an agent of the run by that name changes it (below)
        if route is not None and (every or not own_agent(source, rule, value)):
            if self._route(ctx, rule, route):
                return
            if route.tools.mode == INHERIT and not route.tools.grants:
                return  # an agent with every tool: the command runs with every tool as it did (the agent: dropped, said)
            if not self.table.get("tool_semantics", True):  # no tool field here to hold the agent's restriction
                self.broaden(ctx, "run-in", noun=naming.a(self.table.get("title", self.id)), source=source,
                             agent=repr(value), why=rule["why"])
                return
            ctx.agent = replace(ctx.agent, tools=copy.deepcopy(route.tools))
            ctx.tools_of_agent = True  # the agent's tools, which its tool applies: a restriction (``_enforced``)
            ctx.report.add(LossCode.VALUE_READ_AS, "tools", variant="runs-in-agent", source=source, agent=value)
            return
        if route is None and self._own_route(ctx, rule, source, value):
            return
        own = next((n for n in (*rule.get("every_tool", ()), *(rule.get("builtin") or _named_builtin(
            registry.tool(source)))) if isinstance(value, str) and n.lower() == value.lower() and n != value), None)
        why = rule["case_why"].format(own=own) if own is not None and rule.get("case_why") else rule["why"]
        self.broaden(ctx, "run-in", noun=naming.a(self.table.get("title", self.id)), source=source,
                     agent=repr(value), why=why)  # (`agent: Build`, where its tool looks names up in their case)

    def _own_route(self, ctx: "WriteContext", rule: dict[str, Any], source: str, value: Any) -> bool:
        """A record its source runs in one of that tool's own agents (a Claude Code command's ``context: fork`` with
        ``agent: Explore``), written to run in this tool's own agent of the same role with no more access
        (``builtin_agents.counterpart``: OpenCode's ``explore``), where this tool routes a command to an agent (``[runs_in]``
        here), said (value-respelled; tool-narrowed where that agent holds less). False where there is none."""
        mine = self.table.get("runs_in")
        if not mine or not isinstance(value, str) or not own_agent(source, rule, value):
            return False
        tool = rule.get("agents") or registry.tool(source)  # a SKILL.md's are Claude Code's (skill.toml [runs_in])
        own = builtin_agents.counterpart(tool, value, self.id, command=True)  # a primary agent runs a command too
        if own is None or own.written is None or \
                not (builtin_agents.own_agents(self.id) or {})[own.written].get("commands", True):
            return False
        there = registry.get(registry.tool(self.id)).said
        self._put_route(ctx, rule, mine, value, own.written,
                        sentence("own-agent-note", tool=tool, there=there, role=own.role))
        if own.lacks:
            ctx.report.add(LossCode.TOOL_NARROWED, rule["path"], written=sentence(
                "own-agent-runs-in", name=value, written=own.written, there=there, role=own.role),
                tools=sentence("own-agent-lacks", name=value, tool=tool, classes=", ".join(own.lacks)))
        return True

    def _put_route(self, ctx: "WriteContext", rule: dict[str, Any], mine: dict[str, Any], value: str, name: str,
                   note: str) -> None:
        """Write the record to run in this tool's agent ``name`` (``[runs_in]`` here: ``mine``), for the agent ``value``
        its source's key (``rule``) names, said (value-respelled)."""
        agent = replace(ctx.agent, extensions={ns: dict(v) for ns, v in ctx.agent.extensions.items()})
        for path, v in mine.get("with", {}).items():
            paths.put(agent, path, v)
        paths.put(agent, mine["path"], name)
        ctx.agent = agent
        ctx.mapped.update([rule["path"], *rule.get("when", {})])  # the routing, written here in this tool's keys
        keys = [*(f"{p.rsplit('.', 1)[1]}: {v}" for p, v in mine.get("with", {}).items()),
                f"{mine['path'].rsplit('.', 1)[1]}: {name}"]
        ctx.report.add(LossCode.VALUE_RESPELLED, rule["path"], variant="runs-in", agent=value, keys=", ".join(keys),
                       said=f" ({mine['said']})" if mine.get("said") else "", note=note)

    def _invoked_by(self, ctx: "WriteContext") -> None:
        """Never widen who runs a record: one its source lets only the user run (``[invocation] user_only`` of the
        source's table: a Claude Code command's or skill's ``disable-model-invocation: true``), or only the model
        (``model_only``: ``user-invocable: false``), is written with what says so here: the same key (``[kin]``), a
        tool whose records of this kind only the user runs (``[invocation] user_only = "always"``: a slash command
        of OpenCode, Gemini CLI, Codex, a VS Code prompt file), or the agent mode that says it (``primary``: only the
        user picks it, ``subagent``: only delegated to; the table's ``[roles]``, its role field's values, its
        ``default_role``), which the record is then written with. Else refused as a widening (exit 6;
        ``--allow-broaden`` writes it without, said), unless the rule says it ``widens = false`` (only the model: it
        hides the record from the user's menu, and the user may run whatever the model may: dropped, said). Not into
        a dialect no tool runs (plain markdown)."""
        origin = ctx.agent.origin
        if origin is None or self._pair(origin.dialect, ctx.agent.kind)[1]:
            return  # (no rule of either table applies between these two dialects: ``_pair``)
        source = reader_of(origin.dialect, ctx.agent.kind)
        rules = registry.get(source).table.get("invocation", {})
        mine = self.table.get("invocation", {})
        said, theirs = mine.get("user_only"), rules.get("user_only")
        if theirs == "always" and isinstance(said, dict):
            self._user_ran(ctx, source, said["key"], said["value"])
            return
        home = source if isinstance(theirs, dict) else origin.keep.get("carried_from", origin.dialect)
        first = rules if home == source else registry.get(home).table.get("invocation", {}) \
            if home in registry.ids() else {}
        rule = first.get("user_only")
        if said == "always" and isinstance(rule, dict) and _said(ctx.agent.extensions.get(home, {}).get(rule["key"]),
                                                                 first.get("words", {}), rule.get("otherwise")) \
                is not rule["value"]:
            # one the model may run too (a Claude Code command or skill, or one that was first), written where only
            # the user runs one (narrower): the side channel's made says so (a write back into that dialect leaves the
            # key out, ``_user_ran``), not where nothing rides (``_made``)
            ctx.made = (*ctx.made, rule["key"])
        for only, role in (("user_only", "primary"), ("model_only", "subagent")):
            rule = rules.get(only)
            fields = ctx.agent.extensions.get(source, {})
            if not isinstance(rule, dict) or rule["key"] not in fields or \
                    _said(fields[rule["key"]], rules.get("words", {}), rule.get("otherwise")) is not rule["value"]:
                continue
            ipath = f"extensions.{source}.{rule['key']}"
            if self.kin == (source, self.kin[1]) and rule["key"] in self.kin[1]:
                continue  # the same key, written as it was (build)
            if mine.get(only) == "always" or self._says_role(role, ctx.agent.role):
                ctx.mapped.add(ipath)
                if mine.get(only) != "always" and ctx.agent.role is None:
                    ctx.agent = replace(ctx.agent, role=role)
                    ctx.report.add(LossCode.VALUE_RESPELLED, ipath, variant="primary-mode" if role == "primary" else
                                   "subagent-mode", key=rule["key"], value=str(rule["value"]).lower(), role=role)
                continue
            if rule.get("widens") is False:
                continue  # the user may do what the model does: dropped and said with the other keys (build)
            self.broaden(ctx, "user-only" if only == "user_only" else "model-only", noun=naming.a(self.table.get(
                "title", self.id)), source=source, key=rule["key"], value=str(rule["value"]).lower())

    def _pair(self, first: str, kind: str) -> tuple[bool, bool]:
        """What the tables of this dialect and of a record's dialect ``first`` (its ``kind``) decide of ``_runs_in`` and
        ``_invoked_by`` whatever the record: (``_runs_in`` has nothing to do, ``_invoked_by`` has nothing to do). Worked
        out once per (dialect, first, kind) from the same conditions the two passes test first (issue 11: a write asked
        them again for every record); a record of a pair where either may act goes through the pass as before."""
        key = (self, first, kind)
        got = _PAIRS.get(key)
        if got is None:
            if len(_PAIRS) >= MEMO_SIZE:
                _PAIRS.clear()
            got = _PAIRS[key] = self._pair_idle(first, kind)
        return got

    def _pair_idle(self, first: str, kind: str) -> tuple[bool, bool]:
        if first == self.id or first not in registry.ids() or (
                not self.table.get("tool_semantics", True) and not self.table.get("unrestricted")):
            return True, True
        source = reader_of(first, kind)
        theirs = registry.get(source).table
        rule = theirs.get("runs_in")
        runs = source == self.id or not rule or self.kin[0] == source and \
            {p.rsplit(".", 1)[1] for p in (rule["path"], *rule.get("when", {}))} <= self.kin[1]
        rules, mine = theirs.get("invocation", {}), self.table.get("invocation", {})
        said = mine.get("user_only")
        invoked = not (rules.get("user_only") == "always" and isinstance(said, dict)) and said != "always" and \
            not any(isinstance(rules.get(only), dict) for only in ("user_only", "model_only"))
        return runs, invoked

    def _user_ran(self, ctx: "WriteContext", source: str, key: str, value: Any) -> None:
        """A slash command only the user runs (its source's ``[invocation] user_only = "always"``: OpenCode, Gemini CLI,
        Codex, a VS Code prompt file), written where the model may run one unless a key says not (``key: value``: a
        Claude Code command's or skill's ``disable-model-invocation: true``): written with it, said (value-made-up),
        unless the record has the key here already, or the side channel says the record's first file, of this dialect
        or its kin, had none and the model ran it (its ``made``, while the file is fresh: ``_invoked_by`` wrote it
        there on the way out): then left out, as that file had it, said (carry-invocable, a warning: a comment only
        gives back who ran the record where agentconv wrote that it was so, and anyone can write one)."""
        if key in ctx.agent.extensions.get(self.id, {}):
            return
        origin = ctx.agent.origin
        keep = origin.keep if origin is not None else {}
        if keep.get("carry_fresh") is True and keep.get("carried_from") in (self.id, self.kin[0]) and \
                key in keep.get("carried_made", ()):
            ctx.report.add(LossCode.CARRY_INVOCABLE, f"extensions.{self.id}.{key}", key=key,
                           first=naming.a(self.table.get("title", self.id)))
            return
        ctx.agent = replace(ctx.agent, extensions={**ctx.agent.extensions,
                                                   self.id: {**ctx.agent.extensions.get(self.id, {}), key: value}})
        ctx.report.add(LossCode.VALUE_MADE_UP, f"extensions.{self.id}.{key}", variant="user-only-key", key=key,
                       value=str(value).lower(), source=naming.a(registry.get(source).table.get("title", source)),
                       noun=naming.a(self.table.get("title", self.id)))

    def _says_role(self, role: str, current: str | None) -> bool:
        """This dialect writes agent mode ``role`` (its ``[roles]``, its role field's values, or every record's)."""
        if current not in (None, role):
            return False
        t = self.table
        field = "role" in t.get("fields", {}).values() and role in t.get("values", {}).get("role", ())
        return field or role in t.get("roles", {}) or t.get("default_role") == role

    def _route(self, ctx: "WriteContext", rule: dict[str, Any], route: Any) -> bool:
        """Route the command to its agent in this dialect, where this tool routes a command to one of its agents
        (``[runs_in]`` here: its key, and what goes with it, ``context: fork`` in Claude Code) and the agent is
        converted beside it under a name that is no agent of this tool's own: written with that name (as the agent's
        file is named here), said (value-respelled). False where it cannot."""
        mine = self.table.get("runs_in")
        name = dict(route.names).get(registry.tool(self.id))
        if not mine or name is None or own_agent(self.id, mine, name):
            return False
        self._put_route(ctx, rule, mine, route.agent, name, "")
        return True

    def _carried_order(self, ctx: "WriteContext") -> dict[str, int] | None:
        """Written back into the dialect whose file the side channel's ``keys`` came from: key -> where it was."""
        order = self._keys_back(ctx)
        if order is None or ctx.same:
            return None
        return {k: i for i, k in reversed(list(enumerate(order)))}

    def _in_source_order(self, ctx: "WriteContext", mapping: dict[str, Any]) -> dict[str, Any]:
        """A record from another dialect's header: the keys that stand for fields the source wrote, in the order the
        source wrote them, each in one of the slots they take (the others stay where the table puts them), so that
        A -> B -> A gives A's order back (`model` before `tools`, as many Claude files have it)."""
        origin = ctx.agent.origin
        if origin is None or origin.dialect == self.id or len(mapping) < 2:
            return mapping
        src = _source(origin)
        at = _fact(src, "at", _first_at)
        if not at:
            return mapping
        plan = src[4]
        if plan is not None:
            # the order depends on the shape, this dialect, the keys written, those written as read and the entries
            # of a map the source wrote whole (their slots) alone
            maps = _fact(src, "maps", _maps_at)
            entries = tuple(tuple(e) if type(e := paths.get(ctx.agent, p)) is dict and all(type(k) is str for k in e)
                            else _ABSENT for p in maps) if maps else ()
            if _ABSENT in entries:
                return self._in_source_slots(ctx, mapping, at)  # (a map of other keys: worked out as it is)
            order = _step(plan, ("order", self, tuple(mapping), tuple(ctx.as_read.items()) if ctx.as_read else (),
                                 entries), lambda: _moved(mapping, self._in_source_slots(ctx, mapping, at)))
            return mapping if order is None else {k: mapping[k] for k in order}
        return self._in_source_slots(ctx, mapping, at)

    def _in_source_slots(self, ctx: "WriteContext", mapping: dict[str, Any], at: dict[str, int]) -> dict[str, Any]:
        """``_in_source_order`` of a record whose source header gave its paths their places (``at``)."""
        if any(p.endswith(".*") for p in at):  # a map the source wrote whole: each entry takes its slot
            at = dict(at)
            for p, i in list(at.items()):
                if p.endswith(".*") and isinstance(entries := paths.get(ctx.agent, p[:-2]), dict):
                    for j, k in enumerate(entries):  # in the map's own order within its slot
                        at.setdefault(f"{p[:-2]}.{k}", i + (j + 1) / (len(entries) + 1))
        mine, kept = self.table.get("fields", {}), {k: p for p, k in ctx.as_read.items()} if ctx.as_read else {}
        kin, keys = self.kin  # the same key of the same tool, at its place
        kept.update({k: f"extensions.{kin}.{k}" for k in mapping if k in keys and k not in kept})
        return _in_order(mapping, {k: at[p] for k in mapping if (p := mine.get(k) or kept.get(k)) in at})

    @cached_property
    def write_order(self) -> list[tuple[str, str]]:
        """(header key, IR path) in the order a record is written: the table's ``order`` (the tool's own), then its
        ``fields``; the keys that hold the prompt (``prompt_keys``) as ``prompt``."""
        fields, prompt = self.table.get("fields", {}), dict.fromkeys(self.table.get("prompt_keys", []), "prompt")
        return [(k, fields.get(k) or prompt[k]) for k in dict.fromkeys([*self.table.get("order", []), *fields, *prompt])
                if k in fields or k in prompt]

    @cached_property
    def field_steps(self) -> tuple[tuple[str, str, Callable[[Agent], bool] | None], ...]:
        """``write_order`` as ``build`` runs it: each (header key, IR path) with, for a field ``field_value`` writes as
        the IR holds it (``_plain_value``, not overridden), the test that the record holds none (then the field writes
        nothing and says nothing: ``build`` passes over it); None for the others."""
        plain = type(self).field_value is Dialect.field_value and type(self)._plain_value is Dialect._plain_value
        return tuple((key, ipath, _empty_at(ipath) if plain and ipath not in _WRITTEN_BY_RULE and ipath[-2:] != ".*"
                      and ipath not in ("prompt", "tools", "tools.deny") else None) for key, ipath in self.write_order)

    @cached_property
    def write_rank(self) -> dict[str, int]:
        """Header key -> its place in ``write_order``."""
        return {k: i for i, (k, _) in enumerate(self.write_order)}

    def split_prompt(self, ctx: "WriteContext", mapping: dict[str, Any]) -> dict[str, str]:
        """A prompt held in two header keys (``prompt_keys``): the first up to the separator ``prompt_sep``, the second
        what follows it (written only when the prompt has the separator). Where the prompt is ``required``, the first
        is never empty: the description, else the display name written in ``mapping``, goes there."""
        agent, (first, second) = ctx.agent, self.table["prompt_keys"]
        head, sep, tail = agent.prompt.partition(self.table["prompt_sep"])
        if not head.strip() and "prompt" in self.table.get("required", []):
            shown = next((mapping[k] for k, p in self.table.get("fields", {}).items() if p == "display_name"
                          and mapping.get(k)), None)
            head = agent.description or shown or agent.name or ""
            ctx.report.add(LossCode.VALUE_REQUIRED, "prompt", variant="prompt-description" if agent.description else
                           "prompt-name", tool=self.table.get("tool", self.id), key=first)
            ctx.carried.setdefault("prompt", agent.prompt)
        return {first: head, **({second: tail} if sep else {})}

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        """Hook for what the table cannot say."""

    def approvals_held(self, ctx: "WriteContext") -> bool:
        """Whether this dialect writes the pre-approvals (allow decisions) of a deny list beside it: a permission map
        (OpenCode's ``read: allow``), the kin of the record's dialect, whose allow key pre-approves as this one's
        (``[kin]``: Claude Code's commands and skills, one reader: ``allowed-tools`` beside ``disallowed-tools``), or,
        this dialect's allow key pre-approving (the only writers that ask), a source whose allows are pre-approvals
        too: a permission map's (OpenCode's ``bash: deny, edit: allow`` edits unasked, as ``allowed-tools: Edit(*)``
        does: its table's ``tools_shape = "permission"``, opencode.toml)."""
        origin = ctx.agent.origin
        return self.supports_exceptions() or origin is not None and (
            self.kin[0] == origin.dialect or origin.dialect in registry.ids()
            and registry.get(origin.dialect).table.get("tools_shape") == "permission")

    def approvals_beside_deny(self, ctx: "WriteContext") -> list[str]:
        """The pre-approvals a deny list's allow decisions are written as beside it (a Claude Code command's or
        skill's ``allowed-tools`` beside ``disallowed-tools``), in this dialect's spelling with their scopes (a file
        tool's in the working folder: ``in_project``). Where this dialect writes none for the record's
        (``approvals_held``), they are said, never silently dropped (narrower: the tools ask as the target's session
        does), and none is written. Another tool's (OpenCode's ``bash: deny, edit: allow``) as ``preapproved`` writes
        them: a whole tool some of whose calls the source asks about left out (``unasked``), a scope this tool reads
        more widely said (``any_depth``, ``check_case``)."""
        grants = ctx.agent.tools.grants
        allows = [g for g in grants if g.decision == "allow"]
        if not (ctx.same or self.approvals_held(ctx)):
            if raw := {g.raw for g in allows}:
                ctx.lose("tools", variant="approvals-beside-deny", count=len(raw), dialect=self.said)
            return []
        origin = ctx.agent.origin
        foreign = not ctx.same and origin is not None and self.kin[0] != origin.dialect
        if foreign:  # a scope of a tool denied whole here is no exception (narrow_exceptions says so): not written
            whole = {g.canonical for g in grants if g.decision == "deny" and g.pattern is None}
            allows = self.unasked(ctx, [g for g in allows if g.canonical not in whole],
                                  [g for g in grants if g.decision != "allow"])
        pairs = self.names_for(ctx, self.in_project(ctx, allows))
        if foreign and self.supports_patterns():  # a scope pre-approved here as this tool reads it (said where wider)
            self.any_depth(ctx, pairs)
            self.check_case(ctx, pairs)
        return dedupe(f"{n}({g.pattern})" if g.pattern else n for n, g in pairs)

    def deny_fields(self, ctx: "WriteContext", sep: str, *, approvals_first: bool = False) -> dict[str, Any] | None:
        """The tool fields of a record with no tools or a deny list where this dialect has a deny key (``tools.deny``:
        a Claude Code command's or skill's ``disallowed-tools``, one reader: claude-command.toml [kin]); None for any
        other record or dialect. No tools: the deny rule ``*``, which Claude Code matches every tool with (``[parser]
        star_entry``; read back as no tools). A deny list: its rules (``ToolFields.write_tools``), and its allows'
        pre-approvals beside them (``approvals_beside_deny``) in ``allowed-tools``, joined by ``sep``; with
        ``approvals_first`` what those say is reported before what the rules say (a command's report order)."""
        mode, deny = ctx.agent.tools.mode, self.tool_fields.get("tools.deny")
        if not deny or mode not in (NONE, DENYLIST):
            return None
        if mode == NONE:
            return {deny: "*"}
        names = self.approvals_beside_deny(ctx) if approvals_first else None
        written = super().write_tools(ctx)
        if names is None:
            names = self.approvals_beside_deny(ctx)
        return {"allowed-tools": sep.join(names), **written} if names else written

    @staticmethod
    def same_dialect(ctx: "WriteContext") -> bool:
        """Whether the record being written (``ctx.agent``) was read in this very dialect: what it wrote can be
        written back as it came (``WriteContext.same``, worked out once a write)."""
        return ctx.same

    @staticmethod
    def reject_file(agent: Agent, report: LossReport, tool: str, problem: str, *, path: str = "", line: int | None = None,
                    reading: str | None = None) -> None:
        """A file its own tool loads nothing from (its schema refuses it whole) is said (file-rejected) and marked, so
        that converted to its own dialect it is given back as it came (``kept_rejected``). ``problem`` and ``reading``
        (how agentconv read it; by default leniently) are shared sentences of ``losses.toml`` (``sentence``), filled."""
        report.add(LossCode.FILE_REJECTED, path, line=line, variant="given-back", problem=problem, tool=tool,
                   reading=sentence("reading-lenient") if reading is None else reading)
        if agent.origin is not None:
            agent.origin.keep["rejected"] = True

    def kept_rejected(self, ctx: "WriteContext") -> bool:
        """Same dialect, and the file is one its tool loads nothing from (the reader marked it ``rejected`` and said
        file-rejected): written back as it came, none of the repairs a fresh write makes."""
        return ctx.same and bool(ctx.agent.origin.keep.get("rejected"))  # type: ignore[union-attr]

    def _kept_as_is(self, ctx: "WriteContext", ipath: str) -> bool:
        """Same dialect, and ``ipath`` is the file's own value: written as it was. One the side channel gave back
        (a Claude ``red`` under this file's hex, a list GitHub's string map cannot hold) is written as the first write
        wrote it, and rides there again."""
        return ctx.same and not ctx.carried_back(ipath)

    def _spelled_here(self, ctx: "WriteContext", ipath: str) -> bool:
        """``ipath`` came back from the side channel, which a file of this dialect wrote (A -> B -> A): its value is
        this dialect's own spelling."""
        origin = ctx.agent.origin
        return origin is not None and origin.keep.get("carried_from") == self.id and ctx.carried_back(ipath)

    def _uncoerced(self, ctx: "WriteContext", ipath: str, value: Any) -> Any:
        """Same dialect: a value coerced on reading (a comma string read as a list) is written as the source had it."""
        got = ctx.agent.origin.keep.get("coerced", {}).get(ipath) if ctx.same else None
        return got[1] if got is not None and got[0] == value else value

    def as_read(self, ctx: "WriteContext") -> dict[str, str]:
        """IR path -> header key, for the keys the source wrote that are written back under the key they were read from.

        Same dialect: every key that is not one of this table's fields (a same-dialect conversion keeps the file).
        Another dialect: only where the table says ``unknown_keys = "keep"`` (the tool ignores a key it does not
        know), for keys this dialect gives no meaning and paths no field of it holds; elsewhere such a value is
        reported and goes to the side channel (``_report_unheld``).
        """
        origin = ctx.agent.origin
        if origin is None:
            return {}
        t = self.table
        fields = t.get("fields", {})
        if not origin.keys:  # a file without keys (plain markdown): only what its side channel gave back as a map
            if t.get("unknown_keys", "carry") != "keep" or ctx.same:
                return {}
            first = self._first_spelled(ctx, self.known_keys, self.held_paths)  # (a Roo mode: its keys named there)
            return {**first, **self._map_as_keys(ctx, first)} if "metadata" not in self.spread_paths else first
        if ctx.same:  # not a key only the side channel named: it goes back there, not into the header
            unwritten = origin.keep.get("carried_keys", ())
            return {p: k for p, k in origin.keys.items() if k not in fields and p not in unwritten}
        keep = t.get("unknown_keys", "carry") == "keep"
        first = set(self._keys_back(ctx) or ())  # the keys of the record's first file, of this dialect: as it had them
        if origin.keep.get("carried_from") == self.id:  # (and another tool's key whose value rode: one of that file's
            first.update(origin.keys[p] for p in origin.keep.get("carried_keys", ())  # own, not a map's entry)
                         if p in origin.keys and p.startswith("extensions."))
        if not keep and not first:
            return {}
        known = self.known_keys
        held, spread = self.held_paths, self.spread_paths  # a map field (GitHub's `metadata`) holds the spread ones
        implied = {"name"} | ({"role"} if ctx.agent.role == t.get("default_role") or ctx.agent.role in t.get("roles", {})
                              else set())  # said by the file (by its own keys: Copilot's `[roles]`)
        # and only what the side channel could restore too: an access setting is never written into another tool
        out = {p: k for p, k in origin.keys.items() if k not in known and p not in held | implied
               and (keep and p.split(".", 1)[0] not in spread or k in first) and _reads_back(k, p)
               and carry.refusal(p, paths.get(ctx.agent, p)) is None
               and not made_here(ctx.agent, p)}  # a key the write of the file read made up (Copilot's `target`)
        for k in first if spread else ():  # an entry of a map the first file had as a key of its own (``_flat``;
            for p in (f"{s}.{k}" for s in spread if k not in known and k not in spread):  # another tool held it in
                if p not in out and paths.get(ctx.agent, p) is not None and carry.refusal(p, paths.get(ctx.agent, p)) \
                        is None:  # its map, GitHub's `metadata`): written there again
                    out[p] = k
        if not keep:
            return out  # (only the first file's own keys, as it had them)
        out.update(self._first_spelled(ctx, known, held))
        return {**out, **self._map_as_keys(ctx, out)} if "metadata" not in spread else out

    def _first_spelled(self, ctx: "WriteContext", known: frozenset[str], held: frozenset[str]) -> dict[str, str]:
        """A field this dialect holds under its own key that the record's first file, of this dialect, spelled with
        another tool's key this dialect reads as that field (a legacy chatmode's ``title:`` for Copilot's ``name:``,
        which VS Code ignores as it ignores any key it does not know): written back under that key. Known from the
        side channel's ``keys`` when it came back from this dialect, else from the file read, where that key is
        another tool's too (Claude Code keeps it as written); a key of the file's own dialect (a markdown persona's
        ``title``) is its field, and a fresh write spells it as this dialect does."""
        origin = ctx.agent.origin
        first = self._keys_back(ctx)
        spelled = [(p, k) for p, k in origin.keys.items() if p in held and k not in known]  # mostly none: done
        if spelled:
            own = _per_shape(origin, "known", lambda o, _: registry.get(o.dialect).known_keys)
            spelled = [(p, k) for p, k in spelled if own is not None and k not in own]
        if first:
            spelled += [(p, k) for k in first if k not in known and (p := registry.field_of(k)) in held]
        if not spelled:
            return {}
        mine = {p: k for k, p in self.table.get("fields", {}).items()}
        return {p: k for p, k in spelled if _reads_back(k, p) and paths.get(ctx.agent, p) is not None
                and (first is None or mine.get(p) not in first)}

    def _map_as_keys(self, ctx: "WriteContext", taken: dict[str, str]) -> dict[str, str]:
        """The entries of another tool's map field (GitHub's ``metadata``) as keys of their own, where every entry is
        one that a key of its name means (a catalogue's ``category``: what a Claude file had as ``category:``, which
        Copilot keeps in its map) and this dialect keeps keys it does not know; a map with any other entry stays whole
        (in the side channel), never split between header and comment."""
        held, known = self.held_paths, self.known_keys
        out = {}
        for k, v in ctx.agent.metadata.items():
            p = f"metadata.{k}"
            if p in taken or p in held or v is None:
                continue
            if k in known or k in taken.values() or not _reads_back(k, p) or carry.refusal(p, v) is not None:
                return {}
            out[p] = k
        return out

    def field_value(self, key: str, ipath: str, ctx: "WriteContext") -> Any:
        agent = ctx.agent
        if ipath not in _WRITTEN_BY_RULE and ipath[-2:] != ".*":
            return self._plain_value(ipath, ctx)
        if ipath == "name":
            if self.made_back(agent, "name"):
                return None  # the first file, of this dialect, was named by its file: written so again
            if self.table.get("layout", {}).get("name_from_file") and not self.had_key(ctx, key):
                self.carry_file_name(ctx, None)
                return None
            if ctx.same and ctx.carried_back("name") and self.had_key(ctx, key) and \
                    key == self.table.get("name", {}).get("key", "name"):
                # the side channel gave back a name this file spells its own way: the file's, the other rides again
                ctx.carried.setdefault("name", agent.name)
                ctx.name = next(c.value for c in self.own_layout(agent).chunks if c.key == key)
                return ctx.name
            if ctx.same and "name" in agent.derived and (got := agent.origin.keep.get("coerced", {}).get(
                    "name")) is not None and got[0] is None:
                return got[1]  # a name the tool takes for none (a template's `[agent-name]`): as written
            if self.kept_rejected(ctx) and (got := agent.origin.keep.get("coerced", {}).get("name")) is not None and \
                    got[0] == agent.name:
                return got[1]  # a name its tool refuses for not being text (Claude Code's `name: 7`): as written
            if self.kept_rejected(ctx) and "name" in agent.derived and key in (own := _structured_data(agent)):
                return own[key]  # a TOML or JSON file its tool refuses for its name (Codex's `name = ""`): as written
            if ctx.same and "name" in agent.derived and not self.had_key(ctx, key) and _named_by_place(agent):
                return None  # named by its file or folder, no name key: as it came (the same dialect names it so)
            if ctx.same and "name" in agent.derived and self.had_key(ctx, key) and \
                    (self.table.get("layout", {}).get("name_from_file") or self.kept_rejected(ctx)):
                # the identifier came from the file name; the header's own value (a slash name, or none in a file its
                # tool refuses: Gemini's `name:` left empty) is written as it was
                return next(c.value for c in self.own_layout(agent).chunks if c.key == key)
            return self.out_name(ctx) if key == self.table.get("name", {}).get("key", "name") else agent.name
        if ipath == "model":
            return self.out_model(ctx)
        if ipath == "description":
            return self.out_description(ctx)
        if ipath == "display_name":
            fallback = self.table.get("name", {}).get("display_fallback")
            required = "display_name" in self.table.get("required", [])  # never left out: made from the name written
            name = ctx.name if required else agent.name
            if self.made_back(agent, "display_name"):
                value = None  # made from the name on the way out of a file of this dialect that had none
            elif agent.display_name or not fallback or not name or (not required and agent.origin is not None
                                                                  and (agent.origin.dialect == self.id
                                                                       and not self.had_key(ctx, key)
                                                                       or self._first_unnamed(ctx, key))):
                value = agent.display_name
            else:
                value = name if fallback == "name" else titled(name)
                if fallback != "name":
                    ctx.report.add(LossCode.NAME_DERIVED, "display_name", variant="display-name", value=value)
            if self.table.get("layout", {}).get("name_from_file"):
                self.carry_file_name(ctx, value)
            return value
        if ipath.endswith(".*"):
            return self.out_map(ipath[:-2], ctx)
        return self.out_color(ctx)

    def _plain_value(self, ipath: str, ctx: "WriteContext") -> Any:
        """A field written as the IR holds it, if it is one of the table's values for it."""
        value = paths.get(ctx.agent, ipath)
        if value is None:
            return None
        key = ipath.rsplit(".", 1)[-1]
        allowed = self.table.get("values", {}).get(key)
        if (isinstance(allowed, list) and not value_taken(value, allowed, self.table.get("value_forms", {}).get(key))
                and not ctx.same):
            ctx.lose(ipath, variant="not-a-value", ipath=ipath, value=value, values=", ".join(allowed), dialect=self.said)
            return None
        return self._uncoerced(ctx, ipath, value)

    def carry_file_name(self, ctx: "WriteContext", written: str | None) -> None:
        """Identity lives in the file name here: carry the name unless ``written`` (the text the file itself
        shows for it, if any) gives it back. For ``write_extra`` of a dialect whose name is its file name."""
        agent = ctx.agent
        if ctx.policy.placed:
            return
        same = agent.origin is not None and agent.origin.dialect == self.id and "name" in agent.derived
        if agent.name and not same and naming.slugify(written or "") != agent.name:
            ctx.carried.setdefault("name", agent.name)

    def _nulls(self, ctx: "WriteContext") -> list[str]:
        """Same dialect: the keys the source wrote with no value (``key:``, ``~``, ``null``), which the IR holds as
        nothing; written back as they came."""
        layout = self.own_layout(ctx.agent)
        chunks = getattr(layout, "chunks", None) or []
        if not chunks and isinstance(getattr(layout, "data", None), dict):  # a JSON record (Kiro: `"model": null`,
            return [k for k, v in layout.data.items() if v is None]  # the default model): no chunks, its data
        return [c.key for c in chunks if c.value is None and not c.lenient]

    def had_key(self, ctx: "WriteContext", key: str) -> bool:
        """Whether the record, read in this dialect, had header key ``key`` (its layout as read; False for a record
        of another dialect)."""
        layout = self.own_layout(ctx.agent)
        return layout is not None and any(c.key == key for c in layout.chunks)

    def out_name(self, ctx: "WriteContext") -> str | None:
        agent, rule = ctx.agent, self.table.get("name", {})
        name = agent.name
        if not name:
            name = naming.slugify(agent.display_name or first_heading(agent.prompt) or "") or "agent"
            ctx.report.add(LossCode.NAME_DERIVED, "name", variant="from-display-name" if agent.display_name else
                           "from-prompt", value=name, dialect=self.said)
        convention = rule.get("convention")
        if convention and "name" in agent.derived and not re.match(convention, name):
            made, name = name, naming.slugify(name) or "agent"  # a name made up here follows the documented convention
            ctx.report.add(LossCode.NAME_CHANGED, "name", variant="convention", name=made, written=name, dialect=self.said)
            if agent.name:
                ctx.carried.setdefault("name", agent.name)  # taken from the source's file name: it comes back
        pattern = rule.get("pattern")
        if pattern and not re.match(pattern, name) and not self.kept_rejected(ctx):
            fixed = naming.slugify(name) or "agent"
            ctx.report.add(LossCode.NAME_CHANGED, "name", variant="pattern", name=name, written=fixed, dialect=self.said,
                           pattern=pattern)
            ctx.carried.setdefault("name", agent.name)
            name = fixed
        ctx.name = name
        return name

    def out_description(self, ctx: "WriteContext") -> str | None:
        agent = ctx.agent
        if self.made_back(agent, "description"):
            return None  # made up on the way out of a file of this dialect that had none: as it came
        blank = agent.description is not None and agent.description.isspace() and \
            ("description" in self.table.get("not_blank", [])  # a tool that refuses a blank one: none was given
             or (agent.origin is not None and "description_shown" in agent.origin.keep))  # nor read as one
        if (agent.description and not blank) or ctx.same:
            return self._uncoerced(ctx, "description", agent.description)  # same dialect: none made up, as written
        if "description" in self.table.get("required", ["description"]) and agent.kind in ("agent", "command", "skill"):
            return self.made_up_description(ctx)
        return None

    def made_up_description(self, ctx: "WriteContext") -> str | None:
        """A description for a record that has none, where the target requires one (reported): the one the source's
        tool shows for it where that tool derives one (``[derive] description`` of its table: a Claude Code command's
        first line), else made up from the title, the prompt or the name."""
        agent = ctx.agent
        if agent.description is None:  # none at all (not a blank one): the side channel says it was made up here
            ctx.made = (*ctx.made, "description")
        shown = agent.origin.keep.get("description_shown") if agent.origin is not None else None
        if shown is not None:
            ctx.report.add(LossCode.VALUE_MADE_UP, "description", variant="description-key", how=shown[1])
            used = agent.origin.keep.get("description_shown_from")  # the key it came from (a plugin agent's when_to_use)
            if used:
                ctx.mapped.add(used)  # written, as the description: not dropped
                value = paths.get(agent, used)  # and rides, so that a write back into the first dialect gives the key
                if ctx.policy.carry and not ctx.same and used not in ctx.as_read and \
                        carry.refusal(used, value) is None:  # back (unless written as read: a key the target ignores)
                    ctx.carried.setdefault(used, value)
            return shown[0]
        made = made_up_description(agent.display_name, agent.prompt, agent.name)
        if made:
            ctx.report.add(LossCode.VALUE_MADE_UP, "description", variant="description", source=made[1])
            return made[0]
        return None

    def out_model(self, ctx: "WriteContext") -> Any:
        """The model, never as another version (models.spell): kept as written in its own dialect, respelled where
        the target names the same version or alias, else omitted with a warning."""
        model = ctx.agent.model
        if model is None:
            return None
        extra = ctx.agent.extensions.get(self.id, {}).get("model")
        origin = ctx.agent.origin
        if origin is not None and origin.dialect == self.id and origin.keep.get("model") != "carried":
            if isinstance(extra, list) and extra and extra[0] == model.raw:
                return extra  # a fallback list of this dialect, unchanged
            return model.raw  # its own dialect: as written
        home = (origin.keep.get("carried_from", origin.dialect) if origin.keep.get("model") == "carried"
                else origin.dialect) if origin else None  # a model given back: from the dialect that spelled it
        if home == self.id:  # given back to the dialect that spelled it (A -> B -> A): as the first file had it
            return extra if isinstance(extra, list) and model.raw in extra else model.raw  # (its list's entry used)
        key = (home, model.raw, model.vendor, model.family, model.version, model.alias, model.variant, model.snapshot,
               model.route)
        got = self.__dict__.get("_model_memo", KEPT).get(key, MISSING)
        value, how, back = got if got is not MISSING else memo(self, "_model_memo", key, lambda: self._spell(model, home),
                                                               lambda: len(model.raw))
        if how == "kept" and isinstance(extra, list) and extra and extra[0] == model.raw:
            return extra
        if how in ("mapped", "passed") and isinstance(extra, list) and extra and extra[0] == value:
            return extra  # a fallback list of this dialect given back (its side channel) with its first entry the
            # model the file names now: the list as the first file had it (a changed model: that model alone)
        if how in ("unmapped", "no-alias"):
            later = self._from_fallback_list(ctx, model, home)
            if later is not None:
                return later
        if how in ("mapped", "passed"):
            kept = model.snapshot is None or model.snapshot.lower() in value.lower()  # Copilot: "... (Preview) ..."
            if kept:
                ctx.report.add(LossCode.MODEL_COERCED, "model", model=model.raw, written=value,
                               same=_named(model))
            else:
                ctx.report.add(LossCode.MODEL_COERCED, "model", variant="snapshot-dropped", model=model.raw, written=value,
                               same=_named(model), snapshot=model.snapshot)
            if back != model.raw:
                ctx.carried.setdefault("model", paths.get(ctx.agent, "model"))  # the way back would not give it
        elif how == "inherit":
            ctx.report.add(LossCode.MODEL_DEFAULT, "model", model=model.raw, dialect=self.said)
            ctx.carried.setdefault("model", paths.get(ctx.agent, "model"))  # the way back would name none
        elif how == "no-alias":
            ctx.lose("model", LossCode.MODEL_UNMAPPED, variant="no-alias", model=model.raw, dialect=self.said)
        elif how == "unmapped":
            gone = models.retired(model) if self.table.get("model", {}).get("live") else None
            checked = self.table.get("model", {}).get("checked", "?")
            if gone:
                ctx.lose("model", LossCode.MODEL_UNMAPPED, variant="retired", model=model.raw, named=_named(model),
                         date=gone, checked=checked)
            elif model.version:
                ctx.lose("model", LossCode.MODEL_UNMAPPED, variant="not-listed", model=model.raw, named=_named(model),
                         dialect=self.said, checked=checked)
            else:
                ctx.lose("model", LossCode.MODEL_UNMAPPED, variant="no-spelling", model=model.raw, checked=checked)
        return value

    def _from_fallback_list(self, ctx: "WriteContext", model: Model, home: str | None) -> Any:
        """A model list read as a fallback order (``[model] list = true``: a VS Code custom agent's ``model:`` is
        "string or prioritized array", tried in order, code.visualstudio.com/docs/copilot/customization/custom-agents
        as quoted in microsoft/hve-core#424, read 2026-11-28) whose first entry this dialect has no model for: its
        first later entry this dialect names, the same version (reported, carried), else None (the first entry is
        then reported unmapped, as before)."""
        listed = ctx.agent.extensions.get(home or "", {}).get("model")
        if not home or not isinstance(listed, list) or not registry.get(home).table.get("model", {}).get("list") \
                or len(listed) < 2 or listed[0] != model.raw:  # (no list read, the usual: no table asked)
            return None
        for i, entry in enumerate(listed[1:], 2):
            if not isinstance(entry, str):
                continue
            other = models.parse(entry, registry.get(home).table)
            value, how, _back = self._spell(other, home)
            if how in ("kept", "mapped", "passed"):
                ctx.report.add(LossCode.MODEL_COERCED, "model", variant="fallback-entry", model=entry, written=value,
                               same=_named(other), entry=i, first=model.raw, dialect=self.said)
                ctx.carried.setdefault("model", {"raw": entry})  # the entry written (the side channel never
                # gives back another model than the file's), with the list: the way back writes the list again
                return value
        return None

    def _spell(self, model: Model, home: str | None) -> tuple[Any, str, str | None]:
        """``out_model``'s table lookup (memoized): how this dialect writes ``model`` (``models.spell``), and, where
        it respells it, what the dialect ``home`` it came from reads that spelling back as (None: no way back)."""
        same_tool = home is not None and registry.tool(home) == registry.tool(self.id)
        own_ids = home is not None and not same_tool and registry.get(home).table.get("model", {}).get("own_ids", False)
        value, how = models.spell(model, self.table, same_tool=same_tool, own_ids=own_ids)
        back = None
        if how in ("mapped", "passed") and home is not None:
            back = models.spell(models.parse(value, self.table), registry.get(home).table)[0]
        return value, how, back

    def out_color(self, ctx: "WriteContext") -> str | None:
        color = ctx.agent.metadata.get("color")
        if color is None:
            return None
        allowed = self.table.get("values", {}).get("color")
        if self._kept_as_is(ctx, "metadata.color") or (isinstance(color, str)
                                                       and self._spelled_here(ctx, "metadata.color")):
            return color  # same dialect, or given back as its file spelled it: as written (validate judges it)
        colors = tables.builtin("colors.toml")["colors"]
        if allowed == "hex":
            themes = self.table["values"].get("color_themes", [])
            if color in themes or re.fullmatch(r"#[0-9a-fA-F]{6}", str(color)):
                return color
            if str(color).lower() in colors:
                ctx.report.add(LossCode.VALUE_RESPELLED, "metadata.color", value=f"color {color!r}",
                               written=colors[str(color).lower()])
                ctx.carried.setdefault("metadata.color", color)
                return colors[str(color).lower()]
        elif isinstance(allowed, list):
            if color in allowed:
                return color
            byhex = {v.lower(): k for k, v in colors.items()}
            if str(color).lower() in byhex and byhex[str(color).lower()] in allowed:
                return byhex[str(color).lower()]
        ctx.lose("metadata.color", variant="color", color=color, dialect=self.said)
        return None

    def out_map(self, prefix: str, ctx: "WriteContext") -> dict[str, Any] | None:
        """A string->string map (GitHub's ``metadata``) holding the scalar fields under ``prefix``."""
        out = {}
        held = memo(self, "_held_under", prefix, lambda: frozenset(  # the table's own fields under it: per dialect
            p for p in self.table.get("fields", {}).values() if p.startswith(prefix + ".") and not p.endswith("*")))
        for k, v in getattr(ctx.agent, prefix).items():
            if f"{prefix}.{k}" in held or f"{prefix}.{k}" in ctx.as_read or (v is None and not ctx.same):
                continue
            if isinstance(v, str) or v is None or self._kept_as_is(ctx, f"{prefix}.{k}"):
                out[k] = v  # same dialect: any value as written (validate judges it)
            elif isinstance(v, (int, float, bool)):
                out[k] = str(v).lower() if isinstance(v, bool) else str(v)
                ctx.report.add(LossCode.VALUE_RESPELLED, f"{prefix}.{k}", value=k, written="a string")
                ctx.carried.setdefault(f"{prefix}.{k}", v)
        ctx.mapped.update(f"{prefix}.{k}" for k in out)
        return out or None

    def _report_unheld(self, ctx: "WriteContext", held: frozenset[str] | set[str]) -> None:
        agent = ctx.agent
        spread = self.spread_paths if held is self.held_paths else {p[:-2] for p in held if p.endswith(".*")}
        for attr in ("params", "metadata"):
            for k, v in getattr(agent, attr).items():
                p = f"{attr}.{k}"
                if p in held or p in ctx.mapped or v is None or (attr in spread and p in ctx.mapped):
                    continue
                ctx.lose(p, variant="no-field", field=p, dialect=self.said)
        if agent.display_name and "display_name" not in held and "display_name" not in ctx.mapped and agent.display_name != agent.name:
            ctx.lose("display_name", LossCode.FIELD_OMITTED, variant="display-name", dialect=self.said,
                     value=agent.display_name)
        if agent.description and "description" not in held and "description" not in ctx.mapped:
            # a dialect without a description field (Cursor's commands, whose files hold no key): said, and carried
            ctx.lose("description", variant="no-description", dialect=self.said)
        if agent.model is not None and "model" not in held and "model" not in ctx.mapped:
            ctx.lose("model", variant="no-model", model=agent.model.raw, dialect=self.said)
        default_role = self.table.get("default_role")
        if agent.role is None and default_role and "role" not in held:
            ctx.report.add(LossCode.VALUE_MADE_UP, "role", variant="role", dialect=self.said, role=default_role)
        if agent.role and "role" not in held and "role" not in ctx.mapped and agent.role != default_role and "role" not in agent.derived:
            ctx.lose("role", LossCode.FIELD_OMITTED, variant="agent-mode", dialect=self.said, value=agent.role)
        note, kinds = _MAPPED_KINDS.get(agent.kind), self.table.get("kinds", ["agent"])
        if note and agent.kind not in kinds and ("agent" in kinds or agent.kind == "squad") and not any(
                i.path == "kind" and i.target == self.id for i in ctx.report.items[ctx.first:]):
            ctx.report.add(LossCode.KIND_MAPPED, "kind", kind=naming.a(agent.kind), written=f"{naming.a(self.id)} agent",
                           note=note)
        own = self.table.get("own", {})
        for ns, fields in agent.extensions.items():
            if ns == self.id:
                continue
            said = _role_keys(ns, agent.role) if "role" in held else {}
            trust = _trust_key(ns) if ctx.agent.origin is not None and ns == ctx.agent.origin.dialect and \
                not self.table.get("trust") else None
            for k, v in fields.items():
                if (ns, k) in ctx.said_modes:  # a mode written as the tools of the kinds it forbids not granted
                    self._mode_said(ctx, ns, k, v)
                if f"extensions.{ns}.{k}" in ctx.mapped:
                    continue  # written as the source wrote it (write_as_read)
                if k == trust:  # Kiro's allowedTools: read into the tool policy (a trusted tool allowed, any other
                    continue  # asking), which the tool writer says where lost; said here, it was said twice
                if made_here(agent, f"extensions.{ns}.{k}") or \
                        ns == agent.origin.dialect and k in agent.origin.keep.get("tool_keys", ()):  # type: ignore[union-attr]
                    continue  # made up by the write of the file read (Copilot's `target`): nothing of the first file;
                    # or read into the tool policy (Copilot's `agents`, the agent tool's scopes): the tool writer says it
                if said.get(k, ...) is v:
                    continue  # the key says the agent mode this target holds (Copilot's user-invocable: false)
                if k in own and k not in ctx.agent.extensions.get(self.id, {}):
                    ctx.translated[k] = v  # a same-named key here; nothing writes it, so it is reported below
                told = set(ctx.said_denies.get(k, ())) if ctx.agent.origin and ns == ctx.agent.origin.dialect else set()
                rest = _unexpressed_rules(ns, k, v, told) if ctx.agent.origin and ns == ctx.agent.origin.dialect \
                    else None
                if rest is None:
                    ctx.lose(f"extensions.{ns}.{k}", LossCode.EXTENSION_DROPPED, ns=ns, key=k, dialect=self.said)
                elif rest:  # only the rules the tool policy written does not say
                    ctx.lose(f"extensions.{ns}.{k}", variant="rules-unplaced" if len(rest) > 1 else "rule-unplaced",
                             ns=ns, key=k, rules=_rules(v, rest, _marked(ns, k) == "entries"), dialect=self.said)
                if told:  # deny rules the tool policy says: their tools are not granted here
                    entries = _marked(ns, k) == "entries"
                    if entries:
                        ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="deny-written", ns=ns, key=k,
                                       rules=_rules(v, told, entries=True), dialect=self.said)
                    else:
                        ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="deny-ungranted", ns=ns, key=k,
                                       rules=_rules(v, told))
                    approvals = [g for g in ctx.agent.tools.grants if g.decision == "allow"]
                    if entries and approvals and not self.approvals_held(ctx):  # the skill's pre-approvals beside
                        ctx.lose("tools", variant="inherited", count=len(approvals), dialect=self.said)  # them
                if (ns, k) not in ctx.said_modes and (denied := _denies(ns, k, v, told, ctx.agent.tools)):
                    # access rules whose loss widens (kiro-md `permissions`); a mode the tool policy says is not one
                    self.broaden(ctx, "rule-deny", ns=ns, key=k, tools=denied, dialect=self.said)

    def _mode_said(self, ctx: "WriteContext", ns: str, key: str, value: Any) -> None:
        """A source's mode that holds it to less (``[own] KEY = {denies = {modes ...}}``), written as the tools of the
        kinds it forbids not granted (``toolpolicy.mode_denies``): said, and where the mode still let one of those kinds
        run in part (the rule's ``keeps``: plan mode's read-only commands) and the target kept none of it
        (``WriteContext.shell_kept``: Codex's read-only sandbox, Cursor's readonly), said narrower."""
        if not self.table.get("tool_semantics", True):
            return  # no tool policy here: the tools and the key are said dropped (or carried) as they are
        rule = registry.get(ns).table["own"][key]["denies"]
        names, kinds = ctx.said_modes[(ns, key)]
        tools = ", ".join(names) if names else str(rule["said"])
        kept = [str(v) for k, v in rule.get("keeps", {}).items() if k in kinds]
        if kept and ctx.shell_kept:  # the target's read-only setting runs them (Codex's sandbox, Cursor's readonly)
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="mode-kept", ns=ns, key=key, value=value,
                           dialect=self.said, kept=" and ".join(kept))
        elif kept:
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="mode-narrowed", ns=ns, key=key, value=value,
                           tools=tools, dialect=self.said, kept=" and ".join(kept))
        else:
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="mode-ungranted", ns=ns, key=key, value=value,
                           tools=tools, dialect=self.said)


def made_here(agent: Agent, ipath: str) -> bool:
    """``ipath``, an extension of the dialect the record was read in (``extensions.copilot.target``), holds a header
    key that agentconv's write of that very file made up (its side channel's ``made``, the file as that write left it):
    nothing of the record's first file, so no other dialect writes, says or carries it (``Copilot.write_tools``'s
    ``target: vscode``; written again where it is needed)."""
    origin = agent.origin
    if origin is None or origin.keep.get("carry_fresh") is not True:
        return False
    ns, _, key = ipath.partition(".")[2].partition(".")
    return ipath.startswith("extensions.") and ns == origin.dialect and key in origin.keep.get("carried_made", ())


def _trust_key(ns: str) -> str | None:
    """The key of dialect ``ns`` whose entries its reader reads into the tool policy as trust (``[trust] key``:
    Kiro's ``allowedTools``), or None."""
    return registry.get(ns).table.get("trust", {}).get("key") if ns in registry.ids() else None


def _unexpressed_rules(ns: str, key: str, value: Any, told: set[int]) -> set[int] | None:
    """For the rule list of dialect ``ns`` that its reader reads into the tool policy as trust (``[trust] rules``:
    kiro-md's ``permissions``): the indices of the rules the tool policy does not say, None for any other key. Said
    there: a deny rule the policy says (``told``, toolpolicy.own_denies) and an allow or ask rule of a capability the
    reader maps to a tool (``[trust] rule_tools``) with no ``match`` nor ``exclude`` (read as that tool trusted, or
    asking: kiro._allowed_by_rules). Any other rule (one with a scope, of another capability) is the key's loss."""
    if _marked(ns, key) == "entries":  # every entry a deny rule (a skill's disallowed-tools): those not said
        return set(range(len(rule_entries(value)))) - told
    trust = registry.get(ns).table.get("trust", {}) if ns in registry.ids() else {}
    if trust.get("rules") != key or not isinstance(value, list):
        return None
    tools = trust.get("rule_tools", {})
    return {i for i, r in enumerate(value) if i not in told and not (
        isinstance(r, dict) and r.get("capability") in tools and r.get("effect") in ("allow", "ask")
        and r.get("match") is None and r.get("exclude") is None)}


def _denies(ns: str, key: str, value: Any, said: set[int] = frozenset(),  # type: ignore[assignment]
            policy: ToolPolicy | None = None) -> str | None:
    """What the rules of an own key marked ``denies`` (``[own] KEY = {denies = {FIELD = [values]}}``, or ``denies =
    "entries"``: each entry of the list as Claude Code reads permission rules, ``helpers.rule_entries``; or ``denies =
    {modes = [...], capabilities = [...], said = "..."}``: a mode that forbids tools of those kinds) deny, as text
    (None: none): a rule list dropped by a target that cannot hold it would leave that access allowed. ``said``: the
    indices of those the tool policy written says (``toolpolicy.own_denies``), left out. ``policy``: the agent's tools;
    per-tool settings of a tool it does not grant restrict nothing."""
    try:
        rule = registry.get(ns).table.get("own", {}).get(key, {}).get("denies")
    except Exception:  # noqa: BLE001 - a namespace no dialect has (a plugin's gone): nothing marked
        return None
    if rule == "entries":  # every entry of a rule list denies (a Claude Code skill's `disallowed-tools`): those unsaid
        return _rules(value, set(range(len(rule_entries(value)))) - said, entries=True) or None
    if rule and "modes" in rule:  # a mode that holds the agent to less (Claude Code's `permissionMode: plan`): it
        # denies something only where the policy grants a tool of a kind the mode forbids
        held = policy is None or policy.mode not in (NONE, ALLOWLIST) or any(
            capability(g.canonical) in rule["capabilities"] for g in policy.allowed() if g.canonical)
        return str(rule["said"]) if value in rule["modes"] and held else None
    if rule and "keys" in rule:  # a map of per-tool settings whose named keys deny (kiro `toolsSettings`)
        return _denying_settings(value, rule["keys"], rule.get("allowlists", ()),
                                 (lambda tool: _ungranted(ns, tool, policy)) if policy is not None else None,
                                 _scoped_said(rule.get("scoped", {}), policy, rule.get("allowlists", ()), ns))
    if not rule or not isinstance(value, list):
        return None
    field, values = next(iter(rule.items()))
    return _rules(value, {i for i, r in enumerate(value) if isinstance(r, dict) and r.get(field) in values} - said) or None


def _marked(ns: str, key: str) -> Any:
    """The ``denies`` mark of dialect ``ns``'s own key ``key`` (``[own] KEY = {denies = ...}``), or None."""
    try:
        return registry.get(ns).table.get("own", {}).get(key, {}).get("denies")
    except Exception:  # noqa: BLE001 - a namespace no dialect has (a plugin's gone): nothing marked
        return None


def _rules(value: Any, which: set[int], entries: bool = False) -> str:
    """The capability rules of ``value`` at ``which``, as text: ``shell ['rm *']; filesystem``; with ``entries``,
    the entries of a rule list (``helpers.rule_entries``) at ``which``: ``Bash, Write``."""
    if entries:
        return ", ".join(e for i, e in enumerate(rule_entries(value)) if i in which)
    return "; ".join(f"{r.get('capability', '?')}" + (f" {r['match']}" if r.get("match") else "")
                     for i, r in enumerate(value) if i in which)


def _scoped_said(scoped: dict[str, str], policy: ToolPolicy | None,
                 allowlists: Iterable[str] = (), ns: str | None = None) -> Callable[[str, Any, Any], bool] | None:
    """For ``_denying_settings``: whether a setting's deny list (``[own] ... denies.scoped``: its key -> the canonical
    tool whose scopes it denies, Kiro's ``deniedCommands`` -> ``bash``) is said whole by the tool policy written, each
    entry a scoped deny grant read from it (``Kiro._denied_commands``, the entry as its ``raw``). A key of
    ``allowlists`` (Kiro's ``availableAgents`` -> ``agent``) is said by grants that allow, one scoped to each entry
    (the entry as its ``pattern``), and none of that tool without a scope (``Kiro._available_agents``). A key scoped
    to ``paths`` (Kiro's ``deniedPaths``) is said by scoped denies of each tool ``ns`` reads the setting's tool as
    (``fs_write``: write and edit), each entry as their ``raw`` (``Kiro._denied_paths``). A switch (``true``) scoped to a
    tool (Kiro's ``denyByDefault`` -> ``bash``) is said by a deny of it whose ``raw`` is the key
    (``Kiro._deny_by_default``), and restricts nothing where the policy runs the tool unasked (``runs_unasked``: Kiro's
    shell trusted by ``allowedTools``, which ``denyByDefault`` does not touch)."""
    if not scoped or policy is None:
        return None
    said = {(g.canonical, g.raw) for g in policy.denied() if g.pattern is not None}
    allowed = {(g.canonical, g.pattern) for g in policy.allowed() if g.pattern is not None}
    whole = {g.canonical for g in policy.allowed() if g.pattern is None}

    def check(key: str, entries: Any, setting: Any = None) -> bool:
        tool = scoped.get(key)
        if entries is True and tool and tool != "paths":  # a switch (Kiro's denyByDefault): read as an unsaid deny
            return (tool, key) in said or runs_unasked(policy, tool)  # ... or void where the tool runs unasked
        pool = allowed if key in allowlists else said
        if tool == "paths":
            try:
                tools = registry.get(str(ns)).crosswalk.read(setting) if isinstance(setting, str) else []
            except Exception:  # noqa: BLE001 - a namespace no dialect has: not said
                return False
            return bool(tools) and isinstance(entries, list) and bool(entries) and all(
                isinstance(e, str) and (c, e) in said for e in entries for c in tools)
        return bool(tool) and isinstance(entries, list) and bool(entries) and all(
            isinstance(e, str) and (tool, e) in pool for e in entries) and (key not in allowlists or tool not in whole)
    return check


def _denying_settings(value: Any, keys: list[str], allowlists: Iterable[str] = (),
                      ungranted: Callable[[str], bool] | None = None,
                      said: Callable[[str, Any, Any], bool] | None = None) -> str | None:
    """The settings of ``value`` (``{TOOL: {KEY: ...}}``) under one of ``keys`` that hold something (a non-empty list,
    true), as text: ``shell deniedCommands git push .*; write deniedPaths secrets/**``. A key of ``allowlists`` names
    what is allowed in glob patterns: one holding a pattern of stars alone (``*``: every name) denies nothing.
    ``ungranted(TOOL)``: true when the agent surely lacks that tool; its settings then take nothing away (a shell's
    deniedCommands beside ``"tools": ["read"]``: no shell to deny commands of)."""
    if not isinstance(value, dict):
        return None
    hits = []
    for tool, settings in value.items():
        if ungranted is not None and isinstance(tool, str) and ungranted(tool):
            continue
        for k in keys:
            v = settings.get(k) if isinstance(settings, dict) else None
            if k in allowlists and isinstance(v, list) and any(isinstance(p, str) and p and not p.strip("*") for p in v):
                continue  # every name matches: nothing is restricted
            if said is not None and said(k, v, tool):
                continue  # written as the tool policy's scoped denies (`git push.*` -> Bash(git push*))
            if v is True or (isinstance(v, list) and v):
                hits.append(f"{tool} {k}" + (f" {', '.join(map(str, v))}" if isinstance(v, list) else ""))
    return "; ".join(hits) or None


def _ungranted(ns: str, tool: str, policy: ToolPolicy) -> bool:
    """Whether ``policy`` surely grants none of the tools ``ns`` names ``tool`` (Kiro's ``shell``, ``execute_bash``):
    no tools at all, or an allow list without wildcards that names none of them. A name the table does not know, or
    a list holding a wildcard or a name it does not know, is not sure: False. A name the table knows as a tool of its
    own no other tool has (Kiro's ``thinking``: no canonical id) is no wildcard: it grants that tool alone. A ``tool``
    the table does not know at all (a settings key ``crew``) is surely not granted by such a list when no entry of it
    is that very name, a set of tools (``@builtin``) or an MCP tool, where the table says its entries name one tool each
    (kiro.toml ``[validate] named_tools``): Kiro reads a tool's settings under the tool's name (kiro.toml [own]
    toolsSettings), and its tool manager keeps only the tools ``tools`` names."""
    try:
        dialect = registry.get(ns)
        ids = {g.canonical for g in dialect.grants(tool, "allow")}
    except Exception:  # noqa: BLE001 - a namespace no dialect has: not sure
        return False
    unknown = tool not in dialect.crosswalk.valid
    if not ids or None in ids and not unknown:
        return False
    if policy.mode == NONE:
        return True
    if policy.mode != ALLOWLIST:
        return False
    granted = policy.allowed()
    if any(g.canonical is None and g.raw not in dialect.crosswalk.valid for g in granted) or \
            any("*" in g.canonical for g in granted if g.canonical):
        return False  # a name it does not know, a wildcard
    if unknown:  # only where each entry of the list is one tool's name (kiro.toml [validate] named_tools): not a set
        # (`@builtin` holds tools no table knows, Kiro's `aws`), nor an MCP server's tool, which an alias may name so
        return bool(dialect.table.get("validate", {}).get("named_tools")) and not any(
            g.raw == tool or g.raw.startswith("@") or "*" in g.raw or (g.canonical or "").startswith("mcp:")
            for g in granted)
    return not ids & {g.canonical for g in granted}


def _said(value: Any, words: dict[str, list[str]], otherwise: Any) -> Any:
    """A boolean key's value as its tool reads it (``[invocation] words``: the text of a string or number that is true,
    false); ``otherwise`` for anything else."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, (str, int, float)) else None
    return True if text in words.get("true", ()) else False if text in words.get("false", ()) else otherwise


def _role_keys(dialect: str, role: str | None) -> dict[str, Any]:
    """The keys of ``dialect`` that say agent mode ``role`` (its table's ``[roles]``), with their value."""
    if not role or dialect not in registry.ids():
        return {}
    rule = registry.get(dialect).table.get("roles", {}).get(role)
    return {k: rule["value"] for k in (rule["key"], *rule.get("also", ()))} if rule else {}


def reader_of(dialect: str, kind: str) -> str:
    """The dialect whose table reads a record of ``kind`` of ``dialect``'s files (``readers`` of an OpenCode config:
    its commands are opencode-command's), else ``dialect``."""
    return registry.get(dialect).table.get("readers", {}).get(kind, dialect)


def known_as(agent: Agent, command: str) -> str | None:
    """The name a command of dialect ``command`` names ``agent`` by (``[runs_in] known_by``: VS Code a custom agent's
    ``name``, which agentconv reads as its display name beside the slug, else its file's; the others its name)."""
    for attr in registry.get(command).table.get("runs_in", {}).get("known_by", ["name"]):
        value = getattr(agent, attr, None)
        if isinstance(value, str) and value:
            return value
    return None


def routes_of(agents: list[Agent]) -> tuple[Any, ...]:
    """``Policy.routes`` for the custom agents among a run's records: each under the name a command of its tool names it
    by, with its tools (no converted names: ``migrate`` adds those). A name two agents answer to is left out."""
    from ..loss import Route

    commands = [d for d in registry.ids() if "runs_in" in registry.get(d).table]
    seen: dict[tuple[str, str], list[ToolPolicy]] = {}
    for rec in agents:
        if rec.kind != "agent" or rec.origin is None:
            continue
        tool = registry.tool(reader_of(rec.origin.dialect, "agent"))
        for d in commands:
            name = known_as(rec, d) if registry.tool(d) == tool else None
            if name is not None and routed_to(d, name):
                seen.setdefault((d, name), []).append(rec.tools)
    return tuple(Route(d, name, tools[0]) for (d, name), tools in sorted(seen.items()) if len(tools) == 1)


def refers_as(agent: Agent) -> str | None:
    """The name another agent of ``agent``'s own tool names it by in its delegation scope (a VS Code custom agent's
    ``agents:`` entry, a handoff's ``agent:``): the name a command of that tool names it by (``known_as``: VS Code the
    ``name`` header, else the file's; microsoft/vscode chatModes.ts ``findModeByName`` compares ``mode.name``, which
    promptsServiceImpl.ts ``computeCustomAgents`` sets to ``header.name ?? file name``, 01a59900/c875be85; a handoff's
    ``agent:`` goes through the same ``findModeByName`` in chatWidget.ts ``handleNextPromptSelection``, and
    runSubagentTool.ts's ``agentName``, 9cbc10db; read 2026-11-28), else its name."""
    if agent.origin is None:
        return agent.name or None
    d = registry.runs_in_of(registry.tool(reader_of(agent.origin.dialect, "agent")))
    return known_as(agent, d) if d is not None else agent.name or None


def agent_refs(agents: list[tuple[Agent, str]], to: str) -> tuple[Any, ...]:
    """``Policy.routes`` for the references between the custom agents of one run (``convert DIR``): each agent
    (with the name ``to`` writes it under) as another agent of its dialect names it (``refers_as``), and
    ``names``: (``to``, the name written there). A route's ``dialect`` is the agent dialect, which no command's
    ``[runs_in]`` is, so commands never take one. A spelling two agents answer to is left out (ambiguous)."""
    target = registry.get(to).id
    return name_routes((rec.origin.dialect, refers_as(rec), rec.tools, ((target, written),)) for rec, written in agents
                       if rec.kind == "agent" and rec.origin is not None)


def name_routes(agents: Iterable[tuple[str, str | None, ToolPolicy, tuple[tuple[str, str], ...]]]) -> tuple[Any, ...]:
    """``Policy.routes`` for the references between the custom agents of one run, from each agent's (source dialect,
    name another agent of its dialect names it by: ``refers_as``, tools, (target dialect, name written there) pairs):
    ``agent_refs`` for one target (``convert DIR``), ``migrate`` for all of its targets at once, from what its
    workers read. A spelling two agents answer to is left out (ambiguous)."""
    from ..loss import Route

    seen: dict[tuple[str, str], list[tuple[ToolPolicy, tuple[tuple[str, str], ...]]]] = {}
    for dialect, spelled, tools, names in agents:
        if spelled:
            seen.setdefault((dialect, spelled), []).append((tools, names))
    return tuple(Route(d, name, got[0][0], got[0][1]) for (d, name), got in sorted(seen.items()) if len(got) == 1)


def resolve_agent_refs(agent: Agent, to: str, report: LossReport, routes: tuple[Any, ...]) -> ToolPolicy | None:
    """The agents ``agent`` may delegate to (its agent tool's scopes: VS Code ``agents: [...]``, Claude Code
    ``Agent(x)``), named as its own tool names them, written as the target names those agents: where the run
    converts that agent too (``agent_refs`` in ``routes``) under another name (VS Code's ``name: 💻 Developer`` for
    ``developer.agent.md``, written ``developer``), the scope is rewritten to it, said (tool-coerced); where the
    run's sources hold no such agent, or (one file alone) the name is not one an agent file keeps, it is kept as
    written, said (name-conflict): the target may find no agent of that name. Same dialect: untouched. Returns the
    policy with the scopes rewritten (None: nothing rewritten); ``agent`` itself is not changed (a caller's document
    is written to several targets)."""
    target = registry.get(to).id
    if agent.origin is None or agent.origin.dialect == target or agent.kind != "agent":
        return None
    refs = _refs_of(routes, agent.origin.dialect)
    grants, changed = [], False
    for g in agent.tools.grants:
        p = g.pattern
        if g.canonical != "agent" or not isinstance(p, str) or not p or "*" in p:
            grants.append(g)
            continue
        if p not in refs and (own := builtin_agents.counterpart(reader_of(agent.origin.dialect, "agent"), p, to)) is not None:
            kept = _own_ref(g, own, agent.origin.dialect, to, report)
            grants += kept
            changed = changed or kept != [g]
            continue
        new, unresolved = _ref_outcome(agent.origin.dialect, p, target, refs)
        if new is not None:
            grants.append(replace(g, pattern=new))
            changed = True
            report.add(LossCode.TOOL_COERCED, "tools", variant="agent-scope", scope=p, written=new, there=target,
                       tool=agent.origin.dialect)
            continue
        grants.append(g)
        if unresolved is not None:
            report.add(LossCode.NAME_CONFLICT, "tools", variant="unresolved-run" if unresolved == "run" else "unresolved",
                       name=p)
    return replace(agent.tools, grants=grants) if changed else None


def _unmapped_why(own: builtin_agents.Counterpart, source: str) -> str:
    """Why a target has no agent for ``own``'s role (agent-unmapped's ``{why}``: losses.toml's own-agent-* sentences)."""
    return (sentence("own-agent-dead", tool=source) if own.dead else sentence("own-agent-none") if own.other is None else
            sentence("own-agent-more", other=own.other, classes=", ".join(own.more)) if own.more else
            sentence("own-agent-primary", other=own.other))


_NAMED_AGENT: dict[str, "re.Pattern[str]"] = {}

_LAST_NAMED: tuple[Any, Any, tuple[bool, tuple[str, ...]]] = (None, None, (False, ()))
"""The last prompt ``_names_in`` scanned, the names it was asked about, and its answer: each target of a source asks
of the same prompt object (issue 11: the scans of a 5 KB prompt were the write's largest string work). Replaced whole,
read once: a thread never pairs one prompt with another's answer."""


def _names_in(text: str, names: Any) -> tuple[bool, tuple[str, ...]]:
    """Whether ``text`` holds a delegation call's form (``subagent_type``, ``Agent(``, ``Task(``: the first two forms
    of ``_named_agent`` need one of these; False where it holds none of ``names``, when it is not asked), and which of
    ``names`` it holds, in their order: worked out once per prompt (and names), not per target."""
    global _LAST_NAMED
    last = _LAST_NAMED
    if last[0] is text and last[1] is names:
        return last[2]
    named = tuple(n for n in names if n in text)
    got = (bool(named) and ("subagent_type" in text or "Agent(" in text or "Task(" in text), named)
    _LAST_NAMED = (text, names, got)
    return got


def _as_agent(name: str) -> "re.Pattern[str]":
    """``_named_agent``'s third form without its look-behind: a literal first, so a search of a long prompt is fast; where
    it finds nothing, neither does that form."""
    found = _NAMED_AGENT.get("\0" + name)
    if found is None:
        found = _NAMED_AGENT["\0" + name] = re.compile(rf"{re.escape(name)}[ -](?:sub-?)?agent\b")
    return found


def _named_agent(name: str) -> "re.Pattern[str]":
    """Where a text names the agent ``name`` as one: a delegation call's parameter (``subagent_type: "Explore"``,
    ``subagent_type="general-purpose"``), a rule (``Agent(Plan)``, ``Task(Explore)``), and, for a name that is no plain
    lowercase word (``Explore``, ``general-purpose``; not ``general``, ``worker``), ``the Explore agent`` /
    ``subagent``, case as written."""
    found = _NAMED_AGENT.get(name)
    if found is None:
        n = re.escape(name)
        forms = [rf"\bsubagent_type\s*[:=]\s*[\"']?{n}(?![\w-])[\"']?", rf"\b(?:Agent|Task)\(\s*{n}\s*\)"]
        if not re.fullmatch(r"[a-z]+", name):
            forms.append(rf"(?<![\w-]){n}[ -](?:sub-?)?agent\b")
        found = _NAMED_AGENT[name] = re.compile("|".join(forms))
    return found


def _own_ref(g: Grant, own: builtin_agents.Counterpart, source: str, to: str, report: LossReport) -> list[Grant]:
    """The grant of the agent tool's scope ``g``, which names one of the source tool's own agents (``builtin_agents``), as
    written in ``to``: its counterpart (said: tool-coerced, or tool-narrowed where it holds less), else none (said:
    agent-unmapped; never a name the target may give an agent with more access). A denial is kept, as the target's agent
    of that role whatever its access (as written where there is none): leaving one out would allow more."""
    p, there = g.pattern, registry.get(to).said
    if g.decision == "deny":
        name = own.written or own.other  # the target's agent of that role, whatever its access: denied too
        if name is None or name == p:
            return [g]
        report.add(LossCode.TOOL_COERCED, "tools", variant="own-agent-denied", scope=p, written=name, there=there,
                   role=own.role, tool=source)
        return [replace(g, pattern=name)]
    if own.written is None:
        report.add(LossCode.AGENT_UNMAPPED, "tools", name=p, tool=source, role=own.role, there=there,
                   why=_unmapped_why(own, source))
        return []
    if own.lacks:
        report.add(LossCode.TOOL_NARROWED, "tools", written=sentence(
            "own-agent-written", name=p, written=own.written, there=there, role=own.role),
            tools=sentence("own-agent-lacks", name=p, tool=source, classes=", ".join(own.lacks)))
    elif own.written != p:
        report.add(LossCode.TOOL_COERCED, "tools", variant="own-agent", scope=p, written=own.written, there=there,
                   role=own.role, tool=source)
    return [replace(g, pattern=own.written)] if own.written != p else [g]


def _refs_of(routes: tuple[Any, ...], dialect: str) -> dict[str, Any]:
    """The routes of ``routes`` that name agents of ``dialect`` (``name_routes``), by the name they are named by."""
    return {r.agent: r for r in routes if r.dialect == dialect and r.names}


def _ref_outcome(dialect: str, p: str, target: str, refs: dict[str, Any]) -> tuple[str | None, str | None]:
    """What ``resolve_agent_refs`` does with the scope ``p`` of an agent of ``dialect`` written in ``target``: (the name
    written instead, or None: kept; why it is said as unresolved: ``"run"``, no agent of the run has that name,
    ``"alone"``, one file alone and the name is no file's, or None: not said)."""
    route = refs.get(p)
    new = dict(route.names).get(target) if route is not None else None
    if new is not None and new != p:
        return new, None
    if route is None and (refs or naming.slugify(p) != p) and not _own_agent_of(dialect, p):
        return None, "run" if refs else "alone"
    return None, None


def refs_change(dialect: str, wants: Iterable[str], targets: Iterable[str], before: tuple[Any, ...],
                after: tuple[Any, ...]) -> bool:
    """Would an agent of ``dialect`` whose delegation scope names ``wants``, written in ``targets``, be written or said
    otherwise (``resolve_agent_refs``) with the routes ``after`` than with ``before``? ``migrate`` converts such an
    agent again, knowing every agent's written names, only then (a Claude Code ``Agent(reviewer)`` is written
    ``reviewer`` anyway: not converted twice for nothing)."""
    old, new = _refs_of(before, dialect), _refs_of(after, dialect)
    return any(_ref_outcome(dialect, p, t, old) != _ref_outcome(dialect, p, t, new)
               for t in targets if t != dialect for p in wants)


def _own_agent_of(dialect: str, name: str) -> bool:
    """Is ``name`` one of the own agents of ``dialect``'s tool (its commands' ``[runs_in] builtin``: VS Code's
    ``Plan``; and, as ``own_agent`` reads them, its agent dialect's ``[name.builtin]``: OpenCode's ``explore`` and
    ``general``), in any case? Not a reference to a converted agent."""
    tool = registry.tool(reader_of(dialect, "agent"))
    return name.lower() in (n.lower() for n in _named_builtin(tool)) or any(
        name.lower() in (n.lower() for n in (*rule.get("builtin", ()), *rule.get("every_tool", ())))
        for d in registry.ids() if registry.tool(d) == tool
        for rule in [registry.get(d).table.get("runs_in")] if rule)


def routed_to(dialect: str, name: Any) -> bool:
    """Does a command of ``dialect`` naming agent ``name`` run in a custom agent of that name where the run holds one
    (``Policy.routes``)? Yes but for the tool's own agents (``own_agent``), which no other tool has; its agent of every
    tool (``[runs_in] every_tool``) too, which an agent of the same name changes: OpenCode merges a config agent into
    its built-in of the same key (agent.ts, opencode-command.toml [runs_in]), so `.opencode/agent/build.md` denying
    `rm*` is what `agent: build` runs in."""
    rule = registry.get(dialect).table.get("runs_in") or {}
    return name in rule.get("every_tool", ()) or not own_agent(dialect, rule, name)


def names_every_tool(agent: Agent) -> bool:
    """Is ``agent`` a command that names its tool's agent of every tool (an OpenCode command's ``agent: build``), which
    a run's agent of that name changes (``routed_to``): a batch or ``migrate`` looks for one."""
    if agent.kind != "command" or agent.origin is None or agent.origin.dialect not in registry.ids():
        return False
    rule = registry.get(reader_of(agent.origin.dialect, "command")).table.get("runs_in")
    return bool(rule) and paths.get(agent, rule["path"]) in rule.get("every_tool", ())


def own_agent(dialect: str, rule: dict[str, Any], name: Any) -> bool:
    """Is ``name`` one of the tool's own agents, as a command of ``dialect`` names them (``[runs_in] builtin``, else the
    tool's agent dialect's ``[name.builtin]``)? Those keep the refusal: no other tool has the same agent."""
    own = rule.get("builtin")
    if own is None:
        own = _named_builtin(registry.tool(dialect))
    return name in own or name in rule.get("every_tool", ())


def _named_builtin(tool: str) -> tuple[str, ...]:
    """The own agents of ``tool`` its agent dialect's ``[name.builtin]`` names (OpenCode's build, plan, general ...)."""
    return tuple(registry.get(tool).table.get("name", {}).get("builtin", {}).get("names", ()))


_MAPPED_KINDS = {
    "squad": "read back as a squad only where its tools and model are as they were",
    # a skill is loaded into the session on demand by its description (Claude Code, Codex, Gemini CLI, OpenCode, VS Code);
    # an agent runs when chosen (a primary agent, a mode) or delegated to; a command dialect says it its own way
    "skill": "run when chosen or delegated to, not loaded into the session on demand",
}
"""Kinds an agent dialect writes as an agent, used the nearest way (kind-mapped), with what changes."""

_CARRIABLE = (LossCode.FIELD_DROPPED, LossCode.FIELD_OMITTED, LossCode.EXTENSION_DROPPED)
"""What ``lose`` reports as carried when the value rides in the side channel."""


class WriteContext:
    """Per-write state, handed to every writing hook (``write_extra(mapping, ctx)``, ``render_tools``, ``body``...).

    A plugin reads ``agent``, ``policy`` and ``dialect``, reports into ``report`` (or through ``lose``), and puts a
    value it cannot write into ``carried`` (or ``carry_file_name``); the other attributes are the base writer's
    bookkeeping, read-only to a hook.
    """

    # What a write has not set yet: read from the class until a write sets its own (immutable values only: every
    # container a write fills is its own, made in ``__init__``; issue 11, a context is made per record and target)
    tools_renamed: bool = False
    """A tool name was written in a spelling other than the source's (set by ``names_for``; reported once)."""
    name: str | None = None
    """The identifier as written (``out_name``), once it is."""
    appended: str | None = None
    """What this write added at the end of the prompt (the arguments placeholder of a tool that drops them
    otherwise): the side channel names it, and a write back into the first dialect takes it off."""
    shell_kept: bool = False
    """The target kept the shell the source's read-only setting allowed (Codex's read-only sandbox for Cursor's
    ``readonly: true``, ``Codex.write_tools``; Codex's sandbox or Cursor's readonly for the read-only commands of
    Claude Code's plan mode): it is not said lost (``Dialect._readonly_shell``, ``_mode_said``)."""
    tools_of_agent: bool = False
    """The record's tools are those of the agent a command runs in (``_runs_in``): applied by the source's tool,
    whatever its commands' own tool keys are."""
    made: tuple[str, ...] = ()
    """The fields this write made up where the record has none (``carry.MADE``): the side channel names them, and a
    write back into the first dialect leaves them out."""
    literal: tuple[int, ...] = ()
    """The placeholders of the prompt written that are literal text of the source (``literal_ordinals``): the
    side channel names them, and the way back reads them as text."""
    escaped: tuple[int, ...] = ()
    """Where in the prompt written a '$' was put before literal text the target reads (``placeholders._escaped``):
    the side channel names them, and the way back leaves them out."""
    neutral: bool = False
    """The prompt written holds agentconv's neutral spelling of a shell command or a file the target cannot spell:
    a side channel is written, so that the way back reads it as that placeholder (command.py)."""
    wider: tuple[Grant, ...] = ()
    """The deny grants marked ``wider`` (``Grant.wider``) the header holds (``wrote``): said once it is built."""

    def __init__(self, dialect: Dialect, agent: Agent, report: LossReport, policy: Policy,
                 taken: set[str] | None = None) -> None:
        self.dialect: Dialect = dialect
        """The dialect being written."""
        if agent.tools.mode in (ALLOWLIST, DENYLIST) and any(g.decision == "deny" for g in agent.tools.grants):
            tools = ToolPolicy(agent.tools.mode, list(agent.tools.grants))
            if settle(tools):  # an IR not read here (an API caller's) that lists a tool it denies whole: not granted
                agent = replace(agent, tools=tools)
        if agent.kind in ("skill", "command") and agent.origin is not None and agent.origin.keep.get("base"):
            from . import settings  # a Claude Code skill or command written as an agent: the project's rules beneath

            agent = settings.as_agent(agent, dialect, report) or agent
        if agent.origin is not None and agent.origin.keep.get("base") is not None:
            from . import settings

            settings.hooks_said(agent, dialect, report)
        if any(g.unsaid for g in agent.tools.grants) and agent.origin is not None and \
                agent.origin.dialect != dialect.id and dialect.table.get("parser", {}).get("deny_scopes") is None and \
                not (agent.tools.mode in (ALLOWLIST, DENYLIST) and not dialect.supports_deny()):
            # a source's deny no pattern here says (``Grant.unsaid``): not written, so the rule it came from is refused
            # as one this dialect cannot say (``_denies``); where a deny takes the whole tool, it is that tool's deny,
            # and where no deny is held at all, the tool is left out with it (``ToolFields.deny_scopes_whole``)
            agent = replace(agent, tools=ToolPolicy(agent.tools.mode, [g for g in agent.tools.grants if not g.unsaid]))
        self.said_denies: dict[str, list[int]] = {}
        """The source's own deny rules (kiro-md ``permissions``, by index) the tool policy written says (``own_denies``)."""
        if agent.origin is not None and agent.origin.dialect != dialect.id and agent.extensions.get(agent.origin.dialect):
            tools, self.said_denies = own_denies(agent)
            if tools is not None:  # a whole deny of a tool it grants: that tool not granted here
                agent = replace(agent, tools=tools)
        self.said_modes: dict[tuple[str, str], tuple[list[str] | None, set[str]]] = {}
        """The source's own modes that hold it to less (Claude Code's ``permissionMode: plan``) the tool policy written
        says (``mode_denies``), each with the names of the tools it left out (None: every tool of those kinds) and their
        kinds."""
        self.unnarrowed: Any = None
        """The record's tool policy before those modes narrowed it: what the side channel carries (``carry_tools``)."""
        if agent.extensions and agent.tools.mode != NONE:
            tools, self.said_modes = mode_denies(agent, dialect.id)
            if tools is not None:  # the tools of the kinds the mode forbids: not granted here (never refused for it)
                self.unnarrowed = paths.get(agent, "tools")
                agent = replace(agent, tools=tools)
        self.agent: Agent = agent
        """The record being written (read it; never change it)."""
        self.same: bool = agent.origin is not None and agent.origin.dialect == dialect.id
        """Whether the record was read in this very dialect (``Dialect.same_dialect``): what it wrote can be written
        back as it came. Asked ~20 times a write, so worked out once (issue 11); a hook's ``replace`` of ``agent``
        keeps its origin."""
        self.report: LossReport = report
        """Where every loss of this write goes (``report.add(code, path, **params)``: the code says severity and wording)."""
        self.first: int = len(report.items)
        """Where this record's items start in ``report`` (a file of many records shares one report)."""
        self.policy: Policy = policy
        """The caller's policy: ``carry`` (side channel on), ``placed`` (the file is written at its own path) ..."""
        self.carried: dict[str, Any] = {}
        """IR path -> value: what rides in the ``# agentconv-carry:`` side channel of this file."""
        self.mapped: set[str] = set()
        """IR paths already written under some key (not reported as unheld)."""
        self.translated: dict[str, Any] = {}
        """Another dialect's key -> value, for a same-named key of this one that nothing writes (reported)."""
        self.done: set[str] = set()
        """Fields already written (``tools``: the tool fields are written once, at the first of them)."""
        self.as_read: dict[str, str] = {}
        """IR path -> header key: what the source wrote that is written back as it was (``Dialect.as_read``)."""
        self.taken: set[str] | None = taken
        """The identifiers already written into the same file (a file of many records), else None."""
        self.carried_as: list[tuple[LossItem, str]] = []
        """Each field-carried item of this write and the message of the loss it carries (``uncarry``)."""
        if self.unnarrowed is not None and policy.carry:
            self.carry_tools()  # the source's own tools ride beside its mode: the way back gives both as they were

    def lose(self, path: str, code: LossCode = LossCode.FIELD_DROPPED, **params: Any) -> None:
        """Report a loss (``code``, its template's ``params``); with carry on, the value rides in the side channel
        and a dropped field is reported as carried."""
        if path in self.agent.derived:  # inferred, not read: the way back infers it again
            self.report.add(LossCode.FIELD_INFERRED, path, loss=code.message(**params))
            return
        value = paths.get(self.agent, path) if path and code != LossCode.TOOL_UNMAPPED else None
        if self.policy.carry and path and not paths.is_empty(value) and code != LossCode.TOOL_UNMAPPED:
            why = carry.refusal(path, value)
            if why is not None:  # a reader would refuse it: reported, not carried
                item = self.report.add(code, path, **params)
                item.message = not_carried(item.message, why)
                return
            self.carried.setdefault(path, value)
            if code in _CARRIABLE:
                loss = code.message(**params)
                self.carried_as.append((self.report.add(LossCode.FIELD_CARRIED, path, loss=loss), loss))
                return
        elif self.policy.carry and path == "tools":
            self.carry_tools()
        self.report.add(code, path, **params)

    def wrote(self, grants: Iterable[Grant]) -> None:
        """A tool writer wrote these deny grants into the header: those marked ``wider`` (a pattern that matches more
        than the source's rule) are noted, once each, and said after the header (``Dialect._wider_scopes``)."""
        marked = tuple(g for g in grants if g.wider and not any(g is w for w in self.wider))
        if marked:
            self.wider += marked

    def carried_back(self, path: str) -> bool:
        """Whether the record's ``path`` came back from its file's side channel (a same-dialect write carries it
        again, where it would not carry what the file itself says)."""
        origin = self.agent.origin
        return origin is not None and path in origin.keep.get("carried", ())

    def carry_tools(self) -> None:
        """Put the record's exact tool policy in the side channel (where a tool is lost, respelled wider ...)."""
        if "tools" not in self.carried:  # made once: several tool losses of one write ask for it
            self.carried["tools"] = paths.get(self.agent, "tools") if self.unnarrowed is None else self.unnarrowed

    def uncarry(self, path: str, why: str) -> None:
        """Take ``path`` out of the side channel after all: what said it was carried says it is lost."""
        self.carried.pop(path, None)
        for item, loss in self.carried_as:
            if item.path == path and item.code == LossCode.FIELD_CARRIED:
                item.code, item.severity = LossCode.FIELD_DROPPED, LossCode.FIELD_DROPPED.severity
                item.message = not_carried(loss, why)


_WRITTEN_BY_RULE = frozenset({"name", "model", "description", "display_name", "metadata.color"})
"""IR fields ``field_value`` writes by their own rule (``out_name`` ...); every other one as the IR holds it."""

_ABSENT = object()
"""A header key that is not there (apart from one whose value is null)."""


_ANY_OF: dict[tuple[str, ...], Any] = {}


def _any_of(expressions: tuple[str, ...]) -> "re.Pattern[str] | None":
    """One expression that finds a match wherever any of ``expressions`` would (their alternation), so that a text
    holding none of them is scanned once; None where they do not combine as they are (a capture group, which a
    back-reference may count; a global flag, which must stand first): each is searched on its own."""
    if expressions not in _ANY_OF:
        try:
            alone = [rx_compile(e) for e in expressions]
            either = rx_compile("|".join(f"(?:{e})" for e in expressions))
        except re.error:
            either = None
        _ANY_OF[expressions] = either if either is not None and not any(a.groups for a in alone) else None
    return _ANY_OF[expressions]


def _references(table: dict[str, Any]) -> dict[str, str]:
    """What a dialect's tool reads as its own in a body: its table's ``[body_references]`` and ``[placeholders.own]``
    (a regular expression -> what it is: VS Code's ``#file:x``, "a VS Code file reference")."""
    return {**table.get("body_references", {}), **table.get("placeholders", {}).get("own", {})}


def _frozen(value: Any) -> Any:
    """A header value as a hashable key (types kept apart: ``True`` is not ``1``, a list not a map). A string in a
    list or map stands for itself (no other value is frozen to a string): the usual tool list costs no call per name."""
    if isinstance(value, dict):
        return dict, tuple((k, v if type(v) is str else _frozen(v)) for k, v in value.items())
    if isinstance(value, list):
        return list, tuple(v if type(v) is str else _frozen(v) for v in value)
    return type(value), value


def _size(value: Any) -> int:
    """About the characters a header value holds (what a memo keyed on it would keep)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(len(str(k)) + _size(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(map(_size, value))
    return 1


def _structured_data(agent: Agent) -> dict[str, Any]:
    """The keys and values of a record's own TOML or JSON file as read (its layout's ``data``; a markdown header's
    layout has chunks instead): empty for any other record."""
    layout = agent.origin.layout if agent.origin is not None else None
    data = getattr(layout, "data", None) if layout is not None and not getattr(layout, "chunks", None) else None
    return data if isinstance(data, dict) else {}


def _named_by_place(agent: Agent) -> bool:
    """Is the record's (derived) name its file's stem or its folder's name, which a same-dialect write at its own
    place gives it again? (Not a name made from its text, as for a Roo mode with an empty slug.)"""
    parts = (agent.origin.path or "").replace("\\", "/").split("/") if agent.origin is not None else []
    return bool(agent.name) and bool(parts) and (agent.name in parts[-2:-1] or parts[-1].startswith(agent.name + "."))


def _narrowed(own: ToolPolicy, foreign: ToolPolicy) -> ToolPolicy:
    """A file's own tool policy with another dialect's tool field in it too (a Claude ``disallowedTools`` in a
    Gemini agent): the tool reads only its own field, so the other can only take tools away, never give any (a
    deny list alone means "every tool but these" in its dialect, which would widen an allowlist)."""
    denied = [g for g in foreign.grants if g.decision == "deny"]
    if own.mode == DENYLIST and foreign.mode == ALLOWLIST:  # every tool but some, and only these: only these, but some
        out = ToolPolicy(ALLOWLIST, foreign.allowed() + own.grants + denied)
    else:
        out = ToolPolicy(own.mode, own.grants + denied)
    settle(out)  # a tool the file lists and the other key denies whole: not granted (was kept: OpenCode webfetch: allow)
    return out


def _key_for(ipath: str) -> str | None:
    """The header key that reads back as ``ipath`` (``metadata.category`` -> ``category``), if one does."""
    head, _, rest = ipath.partition(".")
    if head == "extensions":
        key = rest.partition(".")[2]
        return key if key and _reads_back(key, ipath) else None
    if head not in ("metadata", "params"):
        return None
    for d in registry.all_dialects():
        for key, p in d.table.get("fields", {}).items():
            if p == ipath and _reads_back(key, ipath):
                return key
    return None


def _in_order(mapping: dict[str, Any], where: dict[Any, float]) -> dict[str, Any]:
    """``mapping`` with the keys ``where`` places (key -> position) in that order, each in one of the slots they take;
    the other keys stay where they are. The mapping itself where nothing moves."""
    moved = [k for k in mapping if k in where]
    ordered = sorted(moved, key=where.__getitem__)
    if ordered == moved:
        return mapping  # already so (most records): no new mapping
    order = iter(ordered)
    return {k: mapping[k] for k in [next(order) if k in where else k for k in mapping]}


_LAST_PATHS: tuple[Any, Any, Any, dict[str, Any], dict[Any, Any] | None] = (None, None, None, {}, None)
"""The record origin ``_source_paths`` answered last, its layout then, the answer (a write asks several times, and
once per target), what ``_per_source`` worked out from it, and the plan of its shape (``_per_shape``)."""
_PAIRS: dict[Any, tuple[bool, bool]] = {}
"""(dialect, record's dialect, kind) -> ``Dialect._pair``."""
_BODY_PAIRS: dict[Any, Any] = {}
"""(dialect, record's dialect) -> ``Dialect._body_pair``."""


def _source_paths(origin: Origin | None) -> list[tuple[Any, str | None]] | None:
    """(key, IR path) for each key of the header a record was read from, in its order: by its dialect's table (a
    repository's headers repeat a few key orders: remembered per dialect), else where the record says the key went
    (``origin.keys``: a catalogue's ``category``); None: no header of a dialect still registered."""
    return _source(origin)[2]


def _source(origin: Origin | None) -> tuple[Any, Any, Any, dict[str, Any], dict[Any, Any] | None]:
    global _LAST_PATHS
    last = _LAST_PATHS
    if origin is not None and last[0] is origin and last[1] is origin.layout:
        return last
    pairs, plan = _paths_of(origin)
    _LAST_PATHS = last = (origin, origin.layout if origin is not None else None, pairs, {}, plan)
    return last


def _per_source(origin: Origin | None, name: str, compute: Callable[[Origin, list[tuple[Any, str | None]]], Any]
                ) -> Any:
    """``compute(origin, _source_paths(origin))`` (None where that is None), once per record origin: what the source
    header says whatever the target (each target of a record asks again)."""
    _, _, pairs, done, _ = _source(origin)
    try:
        return done[name]
    except KeyError:
        out = done[name] = None if pairs is None else compute(origin, pairs)
        return out


def _per_shape(origin: Origin | None, name: str, compute: Callable[[Origin, list[tuple[Any, str | None]]], Any]
               ) -> Any:
    """``_per_source`` for a ``compute`` that depends on nothing of the record but its dialect and ``_source_paths``
    (its header's keys, each with the IR path its dialect's table gives it): once per such shape, which the records of a
    repository share (issue 11), kept in the shape's plan (``_plan``); once per record where the shape has none."""
    return _fact(_source(origin), name, compute)


def _fact(src: tuple[Any, Any, Any, dict[str, Any], dict[Any, Any] | None], name: str,
          compute: Callable[[Origin, list[tuple[Any, str | None]]], Any]) -> Any:
    """``_per_shape`` of the record ``_source`` answered ``src`` for."""
    origin, _, pairs, done, plan = src
    table = done if plan is None else plan
    try:
        return table[name]
    except KeyError:
        out = table[name] = None if pairs is None else compute(origin, pairs)
        return out


def _plan(origin: Origin | None) -> dict[Any, Any] | None:
    """The plan of a record's header shape: what the general write worked out for the first record of that dialect and
    those keys (each key's path by its dialect's table alone) that depends on nothing else, to look up for every other
    (``_per_shape``, ``_first_keys``, ``_in_source_order``); None: a header of no such shape (a key the table does not
    name, read by the record into a path of its own), worked out per record."""
    return _source(origin)[4]


def _quoted(origin: Origin, pairs: list[tuple[Any, str | None]]) -> dict[Any, tuple[str, str]]:
    """IR path (and header key) -> the quote a one-line value had in the source header, and that value."""
    quoted: dict[Any, tuple[str, str]] = {}
    for c, (_, path) in zip(origin.layout.chunks, pairs):
        if c.lenient or type(c.value) is not str or ('"' not in c.text and "'" not in c.text):
            continue
        line = next((ln for ln in c.text.split("\n") if ln.strip() and not ln.lstrip().startswith("#")), "")
        quote = line.partition(":")[2].lstrip()[:1]
        if quote not in ('"', "'"):
            continue
        if path is not None:
            quoted.setdefault(path, (quote, c.value))
        quoted.setdefault(c.key, (quote, c.value))  # a key written as the source wrote it (field-kept): its own
    for c, (_, path) in zip(origin.layout.chunks, pairs):  # a map's one-line entries in quotes (a skill's `metadata`)
        if c.lenient or type(c.value) is not dict or path is None or not path.endswith(".*") or \
                ('"' not in c.text and "'" not in c.text):
            continue
        for ln in c.text.split("\n")[1:]:
            name, _, rest = ln[2:].partition(":")
            quote, value = rest.lstrip()[:1], c.value.get(name)
            if ln[:2] == "  " and quote in ('"', "'") and type(value) is str and \
                    yamlio.dump_quoted(name, value, quote) == ln[2:] + "\n":  # that quote gives exactly that line
                quoted.setdefault(path[:-1] + name, (quote, value))
    return quoted


def _nested_quoted(key: str, value: dict[str, Any], prefix: str, quoted: dict[Any, tuple[str, str]]) -> str | None:
    """``key:`` and its map of one-line strings, each entry in the quotes the source gave the field it holds (IR path
    ``prefix`` + entry: a command's quoted `argument-hint` as a skill's `metadata: argument_hint`), read back here to
    the same map; None where no entry had quotes or the map is not of that shape."""
    if type(key) is not str or not value or not any(type(q := quoted.get(prefix + k)) is tuple and q[1] == v
                                                    for k, v in value.items()):
        return None
    lines = []
    for k, v in value.items():
        if type(k) is not str or type(v) is not str or "\n" in v:
            return None
        q = quoted.get(prefix + k)
        line = (yamlio.dump_quoted(k, v, q[0]) if q is not None and q[1] == v else None) or yamlio.dump_field(k, v)
        if line.count("\n") != 1:
            return None
        lines.append("  " + line)
    text = yamlio.scalar(key) + ":\n" + "".join(lines)
    try:
        return text if yamlio.load(text) == {key: value} else None
    except Exception:  # noqa: BLE001 - a spelling the reader refuses: written as usual
        return None


def _own_texts(origin: Origin, pairs: list[tuple[Any, str | None]]) -> dict[Any, tuple[str, Any]]:
    """Header key -> the source's own text of that key and its value (a block scalar, a one-line flow list:
    ``frontmatter.own_text``), and that value; written only under that very key (the text names it)."""
    own: dict[Any, tuple[str, Any]] = {}
    for c in origin.layout.chunks:
        if not c.lenient and type(c.value) in (str, list) and (text := frontmatter.own_text(c)) is not None:
            own.setdefault(c.key, (text, c.value))
    return own


def _toml_source(origin: Origin | None) -> list[str] | None:
    """A TOML file's own layout (``carry.toml_skeleton``) where a fresh write would not give its text back."""
    layout = origin.layout if origin is not None else None
    text, data = getattr(layout, "text", None), getattr(layout, "data", None)
    if not isinstance(text, str) or not isinstance(data, dict) or not getattr(layout, "verbatim", False) or \
            origin.dialect not in registry.ids():
        return None
    source = registry.get(origin.dialect)
    key = source.table.get("prompt_key")
    if not key or not getattr(source.envelope, "SKELETON", False):
        return None
    if not all(k in source.known_keys for k in data):
        return None  # a key the dialect does not know (dropped on the way out): the way back cannot give it again
    full = {**data, key: layout.body} if getattr(layout, "had_prompt", True) else dict(data)
    if source.render(data, layout.body, None, None) == text:
        return None  # as a fresh write lays it out: nothing to say
    return carry.toml_skeleton(text, full)


def _toml_keys(origin: Origin) -> list[str] | None:
    """The keys of a record's first file where that file was TOML (a Codex role), in its order, for the side channel's
    ``keys`` of a write that carries something of it: the way back into that dialect puts them in that order again,
    not in the order of the file in between (Copilot's ``tools`` before its ``reasoning-effort`` put a carried
    ``sandbox_mode`` before ``model_reasoning_effort``). None where its layout rides whole (``_toml_source``: the
    order too), or there is nothing to order."""
    keep = origin.keep
    if "toml_keys" not in keep:  # once per record (each target asks)
        layout, keys = origin.layout, None
        data = getattr(layout, "data", None)
        if isinstance(data, dict) and getattr(layout, "verbatim", False) and origin.dialect in registry.ids() and \
                getattr(registry.get(origin.dialect).envelope, "SKELETON", False) and \
                1 < len(data) <= carry.KEYS_MAX and all(type(k) is str and 0 < len(k) <= 128 for k in data):
            if "toml_layout" not in keep:
                keep["toml_layout"] = _toml_source(origin)
            keys = None if keep["toml_layout"] else list(data)
        keep["toml_keys"] = keys
    return keep["toml_keys"]


def _first_at(origin: Origin, pairs: list[tuple[Any, str | None]]) -> dict[str, int]:
    """IR path -> where the source header wrote it first (empty: fewer than two keys, nothing to order)."""
    at: dict[str, int] = {}
    if len(pairs) < 2:
        return at
    for i, (_, p) in enumerate(pairs):
        if p is not None and p not in at:
            at[p] = i
            if p.count(".") == 1:  # an entry of a map a dialect writes whole (GitHub's `metadata`): its slot
                at.setdefault(p.split(".", 1)[0] + ".*", i)
    return at


def _empty_at(ipath: str) -> Callable[[Agent], bool] | None:
    """A test that ``paths.get(agent, ipath)`` is None, for a path of a map field (``params.max_turns``,
    ``metadata.category``, ``extensions.copilot.argument-hint``) or a plain attribute (``role``); None for the others
    (``tools``, ``model``, a whole map)."""
    head, _, rest = ipath.partition(".")
    if head in ("params", "metadata") and rest:
        def empty(agent: Agent) -> bool:
            d = getattr(agent, head, None)
            return not isinstance(d, dict) or d.get(rest) is None
        return empty
    if head == "extensions" and "." in rest:  # extensions.NS.KEY (KEY may hold dots)
        ns, _, key = rest.partition(".")

        def empty_ext(agent: Agent) -> bool:
            d = getattr(agent, head, None)
            d = d.get(ns) if isinstance(d, dict) else None
            return not isinstance(d, dict) or d.get(key) is None
        return empty_ext
    if not rest and head not in ("params", "metadata", "extensions", "tools", "model"):
        return lambda agent: getattr(agent, head, None) is None
    return None


def _step(plan: dict[Any, Any], step: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``, once per ``step`` of a shape's ``plan`` (a decision of the general write that depends on nothing
    but what ``step`` names); a plan holds at most ``MEMO_SIZE`` of them (a hostile repository's are worked out)."""
    try:
        return plan[step]
    except KeyError:
        got = compute()
        if type(got) is list:
            got = tuple(got)
        if len(plan) < MEMO_SIZE:
            plan[step] = got
        return got


def _moved(mapping: dict[str, Any], ordered: dict[str, Any]) -> tuple[str, ...] | None:
    """The keys of ``ordered`` (``mapping`` put in another order), None where it is ``mapping`` itself."""
    return None if ordered is mapping else tuple(ordered)


def _made_lacked(origin: Origin, pairs: list[tuple[Any, str | None]]) -> tuple[str, ...]:
    """The header keys the record's dialect writes where a record has none (its table's ``made``) that its header
    lacks (``Dialect._made``)."""
    keys = {k for k, _ in pairs}
    return tuple(k for k in registry.get(origin.dialect).table.get("made", ()) if k not in keys)


def _maps_at(origin: Origin, pairs: list[tuple[Any, str | None]]) -> tuple[str, ...]:
    """The maps that have a place of their own in the source's order (``_first_at``: ``metadata`` of ``metadata.*``),
    whose entries each take a slot there (the record's own)."""
    return tuple(p[:-2] for p in _per_shape(origin, "at", _first_at) if p.endswith(".*"))


def _paths_of(origin: Origin | None) -> tuple[list[tuple[Any, str | None]] | None, dict[Any, Any] | None]:
    """``_source_paths``, and the plan of that shape (``_plan``: None where the paths are not the table's alone, or
    the keys too long to keep)."""
    layout = origin.layout if origin is not None else None
    if type(layout) is not frontmatter.Layout or not layout.chunks or origin.dialect not in registry.ids():
        return None, None
    keys = tuple(c.key for c in layout.chunks)
    source = registry.get(origin.dialect)
    fields = source.table.get("fields", {})
    paths, plan = memo(source, "_paths_memo", keys, lambda: (tuple(fields.get(k) for k in keys), {}),
                       lambda: sum(len(str(k)) for k in keys))
    if None in paths:
        named = {k: p for p, k in origin.keys.items()}
        paths, plan = tuple(named.get(k) if p is None else p for k, p in zip(keys, paths)), None
    return list(zip(keys, paths)), plan


def _unnamed(first: "Dialect", keys: dict[Any, Any]) -> bool:
    """The first file's dialect writes a made-up display name where a record has none (``[name] display_fallback``,
    named by its file) and that file had no such key: its ``keys`` ride, so that a write back leaves it out."""
    rule = first.table.get("name", {})
    return bool(rule.get("display_fallback")) and bool(first.table.get("layout", {}).get("name_from_file")) and \
        rule.get("key", "name") not in keys


def _key_order(origin: Origin, pairs: list[tuple[Any, str | None]]
               ) -> tuple[dict[Any, str | None], frozenset[str], bool, bool, bool]:
    """What ``_first_keys`` asks of a record's first file whatever the target: its keys -> IR paths, the keys it
    spells otherwise (``_spelled_otherwise``), whether its keys are all short strings (then so is any selection of
    them), whether they are in its dialect's write order (``write_rank``: then so is any selection of them in their
    order, which a stable sort gives back as it is), whether that dialect would make up a display name (``_unnamed``)."""
    paths_of = dict(pairs)
    plain = all(isinstance(k, str) and 0 < len(k) <= 128 for k in paths_of)
    first = registry.get(origin.dialect)
    rank = first.write_rank
    ranked = plain and sorted(paths_of, key=lambda k: rank.get(k, len(rank))) == list(paths_of)
    return paths_of, _spelled_otherwise(origin, pairs), plain, ranked, _unnamed(first, paths_of)


def _spelled_otherwise(origin: Origin, pairs: list[tuple[Any, str | None]]) -> frozenset[str]:
    """The keys of a record's first file that spell a field its dialect writes under a key of its own (a legacy
    chatmode's ``title`` for Copilot's ``name``): ``keys`` names them in the side channel, so that a write back
    into that dialect spells them so (``_first_spelled``)."""
    first = registry.get(origin.dialect)
    mine = memo(first, "_key_of_path", None, lambda: {p: k for k, p in first.table.get("fields", {}).items()})
    spread = first.spread_paths  # an entry of a map field written as a key of its own (``_flat``)
    return frozenset(k for k, p in pairs if isinstance(k, str) and k not in first.known_keys and (
        p in mine and mine[p] != k or isinstance(p, str) and p.split(".", 1)[0] in spread and k not in spread))


def _flat(origin: Origin, pairs: list[tuple[Any, str | None]]) -> bool:
    """The record's first file wrote an entry of a map its dialect holds whole as a key of its own (a skill's top-level
    ``version:``, which the Agent Skills spec puts in ``metadata``; Claude Code reads it as it is): ``keys`` rides in
    the side channel even where nothing else does, so that a write back into that dialect writes it where it was, not
    in the map a fresh write uses (``_spelled_otherwise`` names it)."""
    spread = registry.get(origin.dialect).spread_paths
    return bool(spread) and any(isinstance(k, str) and isinstance(p, str) and p.split(".", 1)[0] in spread
                                and k not in spread for k, p in pairs)


def _reads_back(key: str, ipath: str) -> bool:
    """Read from a file of any dialect that does not define it, ``key`` lands on ``ipath`` again (``agents`` is a
    catalogue's member list but Copilot's sub-agent list: written as it is, it would come back as the latter)."""
    owner = registry.owner(key)
    if owner is None:
        return ipath.startswith("extensions.") and ipath.rsplit(".", 1)[-1] == key
    return registry.get(owner).table.get("fields", {}).get(key, f"extensions.{owner}.{key}") == ipath


def _coerce(value: Any, kind: str | None, ipath: str, report: LossReport, line: int | None,
            parser: dict[str, Any]) -> Any:
    """A string read as the list or boolean its key takes; ``parser``: the table's ``[parser]``, how the tool's own
    parser takes values (what it ignores is a warning, not another form it accepts)."""
    key, reader = ipath.rsplit(".", 1)[-1], parser.get("reader", "the tool")
    if kind == "list" and isinstance(value, str):
        if key in parser.get("list_only", ()):
            report.add(LossCode.VALUE_INVALID, ipath, line=line, variant="list-only", key=key, reader=reader)
        else:
            report.add(LossCode.VALUE_READ_AS, ipath, line=line, variant="comma-string")
        return split_commas(value)
    if kind == "bool" and isinstance(value, str) and value.lower() in ("true", "false", "yes", "no", "on", "off"):
        if parser.get("booleans") and value not in parser["booleans"]:
            report.add(LossCode.VALUE_INVALID, ipath, line=line, variant="not-boolean", value=value,
                       reader=reader, booleans=" or ".join(parser["booleans"]))
        else:
            report.add(LossCode.VALUE_READ_AS, ipath, line=line, value=repr(value), reading="a boolean")
        return value.lower() in ("true", "yes", "on")
    return value


TEXT = {"name", "display_name", "description"}
"""IR fields that hold text: a number, boolean or date there is read as its text, a list or map refused (or, where
the table's ``[parser] ignores_not_text`` names the field, read as none, as that tool does)."""
ONE_VALUE = {"role"}
"""IR fields that hold one value of a tool's own set, read as written (a number too): a list or map there is refused as
in ``TEXT`` (OpenCode's ``mode: {a: b}`` or ``[subagent]``, which OpenCode 1.18.33 rejects too: "Configuration is
invalid ... Expected "subagent" | "primary" | "all""; it made a writer crash on the unhashable value)."""


def path_of(agent: Agent) -> str | None:
    return agent.origin.path if agent.origin is not None else None


def _text(key: str, ipath: str, value: Any, file: str | None, report: LossReport, line: int | None) -> str:
    if isinstance(value, (list, dict)):
        raise problem("value-not-text", file=file, line=line, key=key,
                      shape="list" if isinstance(value, list) else "map")
    text = str(value).lower() if isinstance(value, bool) else str(value)
    kind = "a boolean" if isinstance(value, bool) else "a number" if isinstance(value, (int, float)) else \
        f"a {type(value).__name__}"
    report.add(LossCode.VALUE_RETYPED, ipath, line=line, variant="text", key=key, kind=kind, text=text[:40])
    return text


def _named(model: Model) -> str:
    """``anthropic sonnet 4.5``: a parsed model in words, for messages."""
    return " ".join(p for p in (model.vendor, model.family, model.version, model.variant) if p) or "model"
