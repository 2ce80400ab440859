"""The base every dialect extends: a reader and a writer driven by the dialect's table.

A dialect module is mostly its table (``data/<id>.toml``): which header key holds which IR field,
its own fields, value sets, model spellings, tool names, name rule, paths. The class adds only what a
table cannot say, through small hooks: ``read_tools``/``render_tools`` for the tool field's shape,
``read_extra``/``write_extra`` for anything else.
"""
from __future__ import annotations

import re
import tomllib
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from .. import carry, models, naming, paths, registry
from ..envelopes import frontmatter
from ..errors import BroadenError
from ..ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Agent, Document, Grant, Origin
from ..loss import LossCode, LossReport, Policy, Severity
from ..tools import Crosswalk, _data, split_mcp

_PAREN = re.compile(r"^(?P<name>[^()]+?)\((?P<pattern>.*)\)$")


class Dialect:
    """Base dialect: markdown with a YAML header, fields mapped by the table."""

    id: str = ""
    table_package = "agentconv.dialects.data"

    @cached_property
    def table(self) -> dict:
        text = resources.files(self.table_package).joinpath(f"{self.id}.toml").read_text("utf-8")
        return tomllib.loads(text)

    @cached_property
    def crosswalk(self) -> Crosswalk:
        return Crosswalk.from_table(self.table)

    @cached_property
    def envelope(self):
        """The byte layout module (``envelopes/``) named by the table; YAML frontmatter by default."""
        from .. import envelopes

        return envelopes.get(self.table.get("envelope", "frontmatter"))

    def parse(self, text: str, path: str | None) -> frontmatter.Parsed:
        """Split text with this dialect's envelope (the prompt key, for whole-file envelopes, from the table)."""
        key = self.table.get("prompt_key")
        return self.envelope.parse(text, path, prompt_key=key) if key else self.envelope.parse(text, path)

    @property
    def title(self) -> str:
        return self.table.get("title", self.id)

    # ------------------------------------------------------------------ reading
    def read(self, text: str, path: str | None, report: LossReport, *, parsed: frontmatter.Parsed | None = None
             ) -> Document:
        """Text (LF, no BOM) -> IR. ``parsed`` is the header already split by detection, if any."""
        parsed = parsed if parsed is not None and self.envelope is frontmatter else self.parse(text, path)
        fields = self.table.get("fields", {})
        for line, key in parsed.lenient:
            report.add(LossCode.YAML_LENIENT, Severity.WARNING, fields.get(key, key),
                       f"'{key}' is not valid YAML; read by the lenient fallback (rest of the line as text)", line=line)
        agent = Agent(prompt=parsed.body)
        data = dict(parsed.data)
        for old, new in self.table.get("renamed", {}).items():
            if old in data:
                data.setdefault(new, data.pop(old))
                report.add(LossCode.VALUE_COERCED, Severity.INFO, fields.get(new, new), f"'{old}' read as '{new}'")
        self.read_tools(agent, data, report)
        lines = {c.key: c.line for c in parsed.layout.chunks}
        for key, value in data.items():
            self._read_field(agent, key, value, report, lines.get(key))
        self.read_extra(agent, parsed, path, report)
        if agent.role is None and self.table.get("default_role"):
            agent.role = self.table["default_role"]  # what every record of this dialect is
            agent.derived.append("role")
        if parsed.carry:
            carry.apply(agent, parsed.carry, parsed.data, parsed.body, report, parsed.carry_line)
        self._derive_name(agent, path, report)
        if agent.display_name == agent.name:
            agent.display_name = None  # a display name that only repeats the identifier says nothing more
        agent.origin = Origin(self.id, path, 1)
        agent.origin.layout = parsed.layout  # type: ignore[attr-defined]
        return Document([agent])

    def _read_field(self, agent: Agent, key: str, value: Any, report: LossReport, line: int | None) -> None:
        fields = self.table.get("fields", {})
        ipath = fields.get(key)
        owner_id = self.id
        if ipath is None and key not in self.table.get("own", {}):
            owner_id = registry.owner(key) or self.id
            if owner_id != self.id:
                ipath = registry.get(owner_id).table.get("fields", {}).get(key)
        if ipath in ("tools", "tools.deny"):
            return  # handled by read_tools
        if ipath is None:
            rule = registry.get(owner_id).table.get("own", {}).get(key, {})
            value = _coerce(value, rule.get("type"), f"extensions.{owner_id}.{key}", report, line)
            paths.put(agent, f"extensions.{owner_id}.{key}", value)
        elif ipath == "model":
            if isinstance(value, list) and value:
                if len(value) > 1:
                    agent.extensions.setdefault(self.id, {})["model"] = value
                value = value[0]
            if value is not None:
                agent.model = models.parse(str(value))
        elif ipath.endswith(".*"):
            if isinstance(value, dict):
                for k, v in value.items():
                    paths.put(agent, f"{ipath[:-2]}.{k}", v)
        else:
            paths.put(agent, ipath, value)

    def read_extra(self, agent: Agent, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> None:
        """Hook for what the table cannot say."""

    def _derive_name(self, agent: Agent, path: str | None, report: LossReport) -> None:
        layout = self.table.get("layout", {})
        if agent.name and not layout.get("name_from_file"):
            return
        stem = naming.stem(path, layout.get("strip_suffixes", [".md"])) if path else None
        in_place = path and any(_glob(path, g) for g in layout.get("detect", []))
        if agent.name and not in_place:
            return
        candidate = stem if in_place or (stem and not agent.name and not agent.display_name) else None
        candidate = candidate or agent.name or naming.slugify(agent.display_name or "") or stem
        if not candidate:
            candidate = naming.slugify(_first_heading(agent.prompt) or "") or "agent"
        if candidate != agent.name:
            agent.name = candidate
            agent.derived.append("name")
            report.add(LossCode.NAME_DERIVED, Severity.INFO, "name", f"name {candidate!r} taken from "
                       + ("the file name" if candidate == stem else "the title"))

    # ------------------------------------------------------------------ tools, reading
    def read_tools(self, agent: Agent, data: dict, report: LossReport) -> None:
        """Default: ``tools`` (list or comma string) is an allowlist; ``tools.deny`` a deny list."""
        keys = {v: k for k, v in self.table.get("fields", {}).items() if v in ("tools", "tools.deny")}
        allow_key, deny_key = keys.get("tools"), keys.get("tools.deny")
        allow = data.get(allow_key) if allow_key else None
        deny = data.get(deny_key) if deny_key else None
        if allow is None and deny is None:
            return
        grants = [g for n in self.split_names(allow, "tools", report) for g in self.grants(n, "allow")]
        grants += [g for n in self.split_names(deny, "tools.deny", report) for g in self.grants(n, "deny")]
        self._report_foreign(grants, report)
        if allow is not None:
            if not any(g.decision != "deny" for g in grants) and not self.split_names(allow, "tools", None):
                mode = NONE
            elif [g.raw for g in grants if g.decision != "deny"] == ["*"]:
                mode, grants = INHERIT, [g for g in grants if g.decision == "deny"]
                mode = DENYLIST if grants else INHERIT
            else:
                mode = ALLOWLIST
        else:
            mode = DENYLIST
        agent.tools.mode, agent.tools.grants = mode, grants

    def _report_foreign(self, grants: list[Grant], report: LossReport) -> None:
        """Spellings this dialect reads only as a courtesy (another tool's names) are rewritten on output."""
        foreign = _dedupe(g.raw for g in grants if g.canonical and not g.canonical.startswith("mcp:")
                          and _base(g.raw) not in self.crosswalk.valid)
        if foreign:
            report.add(LossCode.VALUE_COERCED, Severity.INFO, "tools",
                       f"{', '.join(foreign)}: not {self.id}'s own tool names; read by meaning, written in its spelling")

    def split_names(self, value: Any, ipath: str, report: LossReport | None) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            names = _split_commas(value)
            if report is not None and self.table.get("tools_shape") != "comma" and names:
                report.add(LossCode.VALUE_COERCED, Severity.INFO, ipath, "tools given as a comma string, read as a list")
            return names
        if isinstance(value, list):
            if report is not None and self.table.get("tools_shape") == "comma":
                report.add(LossCode.VALUE_COERCED, Severity.INFO, ipath, "tools given as a YAML list; "
                           f"{self.id} documents a comma string, which is what is written")
            return [str(v).strip() for v in value if str(v).strip()]
        return [str(value)]

    def grants(self, name: str, decision: str, pattern: str | None = None) -> list[Grant]:
        """The grants one spelling stands for: one per canonical id (a tool set gives several)."""
        m = _PAREN.match(name)
        base = name
        if m and pattern is None:
            base, pattern = m.group("name").strip(), m.group("pattern").strip() or None
        canon = self.crosswalk.read(base) or [None]
        return [Grant(name, c, decision, pattern) for c in canon]

    # ------------------------------------------------------------------ writing
    def write(self, doc: Document, report: LossReport, policy: Policy = Policy()) -> str:
        agent = doc.agent
        ctx = _Ctx(self, agent, report, policy)
        mapping = self.build(ctx)
        body = self.body(agent, ctx)
        same = agent.origin is not None and agent.origin.dialect == self.id
        layout = getattr(agent.origin, "layout", None) if same else None
        carry_data = carry.make(agent.origin.dialect if agent.origin else None, ctx.carried, mapping, body) \
            if policy.carry else None
        return self.render(mapping, body, layout, carry_data)

    def render(self, mapping: dict, body: str, layout, carry_data: dict | None) -> str:
        key = self.table.get("prompt_key")
        if key:
            return self.envelope.render(mapping, body, layout, carry_data, prompt_key=key)
        return self.envelope.render(mapping, body, layout, carry_data)

    def body(self, agent: Agent, ctx: "_Ctx") -> str:
        limit = self.table.get("body_limit")
        if limit and len(agent.prompt) > limit:
            ctx.report.add(LossCode.VALUE_COERCED, Severity.WARNING, "prompt",
                           f"prompt is {len(agent.prompt)} characters; {self.id} allows {limit}")
        return agent.prompt

    def build(self, ctx: "_Ctx") -> dict:
        """The header mapping, in table order, then this dialect's own extensions."""
        agent, mapping, held = ctx.agent, {}, set()
        for key, ipath in self.table.get("fields", {}).items():
            held.add(ipath)
            if ipath in ("tools", "tools.deny"):
                if ipath == "tools" and "tools" not in ctx.done:
                    ctx.done.add("tools")
                    mapping.update(self.write_tools(ctx))
                continue
            value = self.field_value(key, ipath, ctx)
            if value is not None and key not in mapping:
                mapping[key] = value
        if "tools" not in ctx.done:
            mapping.update(self.write_tools(ctx))
        for key, value in agent.extensions.get(self.id, {}).items():
            if key == "model":
                continue
            mapping.setdefault(key, value)
        self.write_extra(mapping, ctx)
        self._report_unheld(ctx, held)
        return mapping

    def write_extra(self, mapping: dict, ctx: "_Ctx") -> None:
        """Hook for what the table cannot say."""

    def field_value(self, key: str, ipath: str, ctx: "_Ctx") -> Any:
        agent = ctx.agent
        if ipath == "name":
            if self.table.get("layout", {}).get("name_from_file") and not self._had_key(ctx, key):
                self._carry_file_name(ctx, None)
                return None
            return self.out_name(ctx) if key == self.table.get("name", {}).get("key", "name") else agent.name
        if ipath == "model":
            return self.out_model(ctx)
        if ipath == "description":
            return self.out_description(ctx)
        if ipath == "display_name":
            fallback = self.table.get("name", {}).get("display_fallback")
            if agent.display_name or not fallback or not agent.name or (
                    agent.origin is not None and agent.origin.dialect == self.id and not self._had_key(ctx, key)):
                value = agent.display_name
            else:
                value = agent.name if fallback == "name" else agent.name.replace("-", " ").replace("_", " ").title()
                if fallback != "name":
                    ctx.report.add(LossCode.NAME_DERIVED, Severity.INFO, "display_name",
                                   f"no display name: {value!r} made from the name")
            if self.table.get("layout", {}).get("name_from_file"):
                self._carry_file_name(ctx, value)
            return value
        if ipath.endswith(".*"):
            return self.out_map(ipath[:-2], ctx)
        if ipath == "metadata.color":
            return self.out_color(ctx)
        value = paths.get(agent, ipath)
        allowed = self.table.get("values", {}).get(ipath.rsplit(".", 1)[-1])
        if value is not None and isinstance(allowed, list) and value not in allowed:
            ctx.lose(ipath, f"{ipath} {value!r} is not one of {', '.join(allowed)} in {self.id}")
            return None
        return value

    def _carry_file_name(self, ctx: "_Ctx", written: str | None) -> None:
        """Identity lives in the file name here: carry it unless the text itself gives it back."""
        agent = ctx.agent
        same = agent.origin is not None and agent.origin.dialect == self.id and "name" in agent.derived
        if agent.name and not same and naming.slugify(written or "") != agent.name:
            ctx.carried.setdefault("name", agent.name)

    def _had_key(self, ctx: "_Ctx", key: str) -> bool:
        origin = ctx.agent.origin
        layout = getattr(origin, "layout", None) if origin is not None and origin.dialect == self.id else None
        return layout is not None and any(c.key == key for c in layout.chunks)

    def out_name(self, ctx: "_Ctx") -> str | None:
        agent, rule = ctx.agent, self.table.get("name", {})
        name = agent.name
        if not name:
            name = naming.slugify(agent.display_name or _first_heading(agent.prompt) or "") or "agent"
            ctx.report.add(LossCode.NAME_DERIVED, Severity.INFO, "name", f"no name: {name!r} made up for {self.id}")
        pattern = rule.get("pattern")
        if pattern and not re.match(pattern, name):
            fixed = naming.slugify(name) or "agent"
            ctx.report.add(LossCode.NAME_CHANGED, Severity.INFO, "name",
                           f"name {name!r} does not fit {self.id}'s rule {pattern}; written as {fixed!r}")
            ctx.carried.setdefault("name", agent.name)
            name = fixed
        return name

    def out_description(self, ctx: "_Ctx") -> str | None:
        agent = ctx.agent
        if agent.description:
            return agent.description
        if "description" in self.table.get("required", ["description"]) and agent.kind == "agent":
            text = agent.display_name or _first_paragraph(agent.prompt) or agent.name
            if text:
                ctx.report.add(LossCode.VALUE_COERCED, Severity.INFO, "description",
                               f"no description: made one up from the {'title' if agent.display_name else 'prompt'}")
                return text
        return None

    def out_model(self, ctx: "_Ctx") -> Any:
        model = ctx.agent.model
        if model is None:
            return None
        value, how = models.spell(model, self.table)
        extra = ctx.agent.extensions.get(self.id, {}).get("model")
        if how == "kept" and isinstance(extra, list) and extra and extra[0] == model.raw:
            return extra  # a fallback list of this dialect, unchanged
        if how == "mapped":
            ctx.report.add(LossCode.MODEL_COERCED, Severity.INFO, "model", f"model {model.raw!r} written as {value!r}")
            origin = ctx.agent.origin
            home = registry.get(origin.dialect).table.get("models", {}) if origin else {}
            if home.get(model.canonical or "") != model.raw:  # the way back would not give this spelling
                ctx.carried.setdefault("model", paths.get(ctx.agent, "model"))
        elif how == "inherit":
            ctx.report.add(LossCode.MODEL_COERCED, Severity.INFO, "model", f"model {model.raw!r} is {self.id}'s default: omitted")
        elif how == "unmapped":
            ctx.lose("model", f"model {model.raw!r} has no known {self.id} spelling: omitted", LossCode.MODEL_UNMAPPED)
        return value

    def out_color(self, ctx: "_Ctx") -> str | None:
        color = ctx.agent.metadata.get("color")
        if color is None:
            return None
        allowed = self.table.get("values", {}).get("color")
        colors = _data("colors.toml")["colors"]
        if allowed == "hex":
            themes = self.table["values"].get("color_themes", [])
            if color in themes or re.fullmatch(r"#[0-9a-fA-F]{6}", str(color)):
                return color
            if str(color).lower() in colors:
                ctx.report.add(LossCode.VALUE_COERCED, Severity.INFO, "metadata.color",
                               f"color {color!r} written as {colors[str(color).lower()]}")
                ctx.carried.setdefault("metadata.color", color)
                return colors[str(color).lower()]
        elif isinstance(allowed, list):
            if color in allowed:
                return color
            byhex = {v.lower(): k for k, v in colors.items()}
            if str(color).lower() in byhex and byhex[str(color).lower()] in allowed:
                return byhex[str(color).lower()]
        ctx.lose("metadata.color", f"color {color!r} cannot be written in {self.id}")
        return None

    def out_map(self, prefix: str, ctx: "_Ctx") -> dict | None:
        """A string->string map (GitHub's ``metadata``) holding the scalar fields under ``prefix``."""
        out = {}
        held = {p for p in self.table.get("fields", {}).values() if p.startswith(prefix + ".") and not p.endswith("*")}
        for k, v in getattr(ctx.agent, prefix).items():
            if f"{prefix}.{k}" in held or v is None:
                continue
            if isinstance(v, str):
                out[k] = v
            elif isinstance(v, (int, float, bool)):
                out[k] = str(v).lower() if isinstance(v, bool) else str(v)
                ctx.report.add(LossCode.VALUE_COERCED, Severity.INFO, f"{prefix}.{k}", f"{k} written as a string")
                ctx.carried.setdefault(f"{prefix}.{k}", v)
        ctx.mapped.update(f"{prefix}.{k}" for k in out)
        return out or None

    def _report_unheld(self, ctx: "_Ctx", held: set[str]) -> None:
        agent = ctx.agent
        spread = {p[:-2] for p in held if p.endswith(".*")}
        for attr in ("params", "metadata"):
            for k, v in getattr(agent, attr).items():
                p = f"{attr}.{k}"
                if p in held or p in ctx.mapped or v is None or (attr in spread and p in ctx.mapped):
                    continue
                ctx.lose(p, f"{self.id} has no field for {p}")
        if agent.display_name and "display_name" not in held and agent.display_name != agent.name:
            ctx.lose("display_name", f"{self.id} has no display name; {agent.display_name!r} not written", severity=Severity.INFO)
        if agent.model is not None and "model" not in held:
            ctx.lose("model", f"{self.id} has no model field; {agent.model.raw!r} not written")
        default_role = self.table.get("default_role")
        if agent.role is None and default_role and "role" not in held:
            ctx.report.add(LossCode.VALUE_COERCED, Severity.INFO, "role", f"every {self.id} agent is a {default_role}")
        if agent.role and "role" not in held and agent.role != default_role:
            ctx.lose("role", f"{self.id} has no agent mode; role {agent.role!r} not written", severity=Severity.INFO)
        own = self.table.get("own", {})
        for ns, fields in agent.extensions.items():
            if ns == self.id:
                continue
            for k, v in fields.items():
                if k in own and k not in ctx.agent.extensions.get(self.id, {}):
                    ctx.translated[k] = v
                else:
                    ctx.lose(f"extensions.{ns}.{k}", f"{ns} field '{k}' has no place in {self.id}",
                             code=LossCode.EXTENSION_DROPPED)

    # ------------------------------------------------------------------ tools, writing
    def write_tools(self, ctx: "_Ctx") -> dict:
        """Header fields for the tool policy (the shape comes from ``render_tools``)."""
        kept = self._tools_as_written(ctx)
        if kept is not None:
            return kept
        policy = ctx.agent.tools
        if policy.mode == INHERIT and not policy.grants:
            return {}
        if not self.table.get("tool_semantics", True):
            ctx.lose("tools", f"{self.id} has no tool field; the {policy.mode} of {len(policy.grants)} tools is not written")
            return {}
        if policy.mode == INHERIT:
            ctx.lose("tools", f"per-tool decisions ({len(policy.grants)}) cannot be written in {self.id}",
                     LossCode.TOOL_COERCED, Severity.INFO)
            return {}
        if "tools" not in self.table.get("fields", {}).values():
            msg = f"{self.id} has no tool list: the agent would get every tool"
            if not ctx.policy.allow_broaden:
                raise BroadenError(msg + " (use --allow-broaden to accept)", ctx.report)
            ctx.lose("tools", msg, LossCode.TOOL_BROADENED)
            return {}
        allowed, denied = self.names_for(ctx, policy.allowed()), self.names_for(ctx, policy.denied())
        mode = policy.mode
        if mode == DENYLIST and not self.supports_deny():
            allowed, denied, mode = self.expand_denylist(ctx, policy), [], ALLOWLIST
        self.check_broaden(ctx, allowed, policy)
        return self.render_tools(mode, allowed, denied, ctx)

    def _tools_as_written(self, ctx: "_Ctx") -> dict | None:
        """Same dialect: the tool fields exactly as the source wrote them, when they still mean the IR's policy
        (keeps shape, order, legacy names, ``['*']``, OpenCode's ``tools`` map)."""
        origin = ctx.agent.origin
        layout = getattr(origin, "layout", None) if origin is not None and origin.dialect == self.id else None
        if layout is None:
            return None
        keys = [k for k, p in self.table.get("fields", {}).items() if p in ("tools", "tools.deny")]
        old = {c.key: c.value for c in layout.chunks if c.key in keys and not c.lenient}
        if not old:
            return None
        shape = {"comma": str, "list": list, "permission": dict}.get(self.table.get("tools_shape", "list"))
        if shape is None or not all(isinstance(v, shape) for v in old.values()):
            return None  # the lenient shape (a list in Claude, a comma string in Copilot) is written strictly
        scratch = Agent()
        self.read_tools(scratch, dict(old), LossReport())
        valid = self.crosswalk.valid
        if scratch.tools != ctx.agent.tools or any(
                g.canonical and not g.canonical.startswith("mcp:") and _base(g.raw) not in valid
                for g in scratch.tools.grants):
            return None  # a spelling read only as a courtesy (VS Code's model-facing ids) is never written
        return old

    def supports_deny(self) -> bool:
        return "tools.deny" in self.table.get("fields", {}).values() or self.table.get("tools_shape") == "permission"

    def expand_denylist(self, ctx: "_Ctx", policy) -> list[tuple[str, Grant]]:
        deny = {g.canonical for g in policy.denied() if g.pattern is None}
        out = [(n, Grant(n, c)) for c, names in self.crosswalk.written.items() if c not in deny for n in names]
        ctx.report.add(LossCode.TOOL_COERCED, Severity.INFO, "tools",
                       f"{self.id} has no deny list: written as an allowlist of every other built-in tool")
        ctx.carried.setdefault("tools", paths.get(ctx.agent, "tools"))
        return out

    def names_for(self, ctx: "_Ctx", grants: list[Grant]) -> list[tuple[str, Grant]]:
        """(spelling, grant) pairs; a grant the dialect cannot name is reported (access narrows)."""
        out: list[tuple[str, Grant]] = []
        seen: set[str] = set()
        split = []
        same = ctx.agent.origin is not None and ctx.agent.origin.dialect == self.id
        for g in grants:
            if g.canonical is None:
                names = [_base(g.raw)] if same else []
            elif self.crosswalk.is_valid(_base(g.raw), g.canonical, exact=not same):
                names = [_base(g.raw)]
            else:
                names = self.crosswalk.write(g.canonical)
                if names and any(_base(g.raw) != n for n in names):
                    ctx.tools_renamed = True
            if not names:
                ctx.lose("tools", f"tool {g.raw!r} has no {self.id} name; not granted", LossCode.TOOL_UNMAPPED,
                         Severity.WARNING)
                continue
            parts = split_mcp(g.canonical or "")
            if parts and self.crosswalk.ambiguous_mcp(*parts):
                split.append(names[0])
            for n in names:
                key = f"{n}\0{g.pattern}\0{g.decision}"
                if key not in seen:
                    seen.add(key)
                    out.append((n, g))
        if split:
            ctx.report.add(LossCode.TOOL_COERCED, Severity.INFO, "tools",
                           f"{len(split)} MCP tool names (e.g. {split[0]!r}) join server and tool with "
                           f"'{self.crosswalk.mcp_ambiguous}', which also appears inside them: ambiguous on read")
        return out

    def check_broaden(self, ctx: "_Ctx", allowed: list[tuple[str, Grant]], policy) -> None:
        """Never widen: what the written names grant, read back, must be within what was granted."""
        if policy.mode not in (ALLOWLIST, NONE):
            return
        granted = {g.canonical for g in policy.allowed() if g.canonical}
        wider = sorted(self.crosswalk.grants_of([n for n, _ in allowed]) - granted - {None})
        unpatterned = [g.raw for _, g in allowed if g.pattern and not self.supports_patterns()]
        if not wider and not unpatterned:
            return
        what = []
        if wider:
            what.append(f"granting {', '.join(wider)} too")
        if unpatterned:
            what.append(f"dropping the scope of {', '.join(sorted(set(unpatterned)))}")
        msg = f"the allowlist cannot be written in {self.id} without {' and '.join(what)}"
        if not ctx.policy.allow_broaden:
            raise BroadenError(msg + " (use --allow-broaden to accept)", ctx.report)
        ctx.report.add(LossCode.TOOL_BROADENED, Severity.WARNING, "tools", msg)
        ctx.carried.setdefault("tools", paths.get(ctx.agent, "tools"))

    def supports_patterns(self) -> bool:
        return self.table.get("tools_shape") in ("comma", "permission")

    def render_tools(self, mode: str, allowed, denied, ctx: "_Ctx") -> dict:
        """Default shapes: ``comma`` (Claude) or ``list``; deny list in the ``tools.deny`` key."""
        keys = {v: k for k, v in self.table.get("fields", {}).items() if v in ("tools", "tools.deny")}
        shape = self.table.get("tools_shape", "list")
        fmt = (lambda n, g: f"{n}({g.pattern})" if g.pattern and self.supports_patterns() else n)
        allow_names = _dedupe(fmt(n, g) for n, g in allowed)
        deny_names = _dedupe(fmt(n, g) for n, g in denied)
        out: dict = {}
        if mode in (ALLOWLIST, NONE):
            out[keys["tools"]] = ", ".join(allow_names) if shape == "comma" else allow_names
        if deny_names:
            if "tools.deny" in keys:
                out[keys["tools.deny"]] = ", ".join(deny_names) if shape == "comma" else deny_names
            elif mode != ALLOWLIST or any(g.pattern for _, g in denied):
                ctx.lose("tools", f"{self.id} cannot deny tools; denied: {', '.join(deny_names)}")
        if ctx.tools_renamed:
            ctx.report.add(LossCode.TOOL_COERCED, Severity.INFO, "tools", f"tool names written in {self.id}'s spelling")
        lossy = {LossCode.TOOL_UNMAPPED, LossCode.TOOL_BROADENED, LossCode.FIELD_DROPPED, LossCode.FIELD_CARRIED}
        if any(i.path == "tools" and i.code in lossy for i in ctx.report.items if i.target == self.id):
            ctx.carried.setdefault("tools", paths.get(ctx.agent, "tools"))  # respelling alone needs no carry
        return out

    # ------------------------------------------------------------------ detection and paths
    def detect(self, path: str | None, data: dict | None, has_header: bool) -> tuple[float, list[str]]:
        """A score (higher is likelier) and the evidence, from the path and the parsed header."""
        score, why = 0.0, []
        layout = self.table.get("layout", {})
        if path and any(_glob(path, g) for g in layout.get("detect", [])):
            score += 10
            why.append("path matches " + next(g for g in layout["detect"] if _glob(path, g)))
        if not has_header or data is None:
            return score, why
        det = self.table.get("detect", {})
        for req in det.get("requires", []):
            if req not in data:
                return (score, why) if score else (0.0, [])
        for key, w in det.get("keys", {}).items():
            if key in data:
                score += w
                why.append(f"field '{key}'")
        if det.get("no_name") and "name" not in data:
            score += det["no_name"]
            why.append("no name field")
        tools_score, tools_why = self._detect_tools(data)
        score += tools_score
        why += tools_why
        model = data.get("model")
        spec = self.table.get("model", {})
        pattern = spec.get("detect", spec.get("pattern"))
        if isinstance(model, str) and pattern and re.match(pattern, model) and model != "inherit":
            score += 2
            why.append(f"model {model!r}")
        return score, why

    def _detect_tools(self, data: dict) -> tuple[float, list[str]]:
        """Tool names as evidence, each worth 3 shared among the dialects that read it."""
        shape = self.table.get("tools_shape")
        value = data.get("tools")
        if value is None and "permission" not in data:
            return 0.0, []
        if isinstance(value, dict) or "permission" in data:
            return (3.0, ["tools as a name->bool/permission map"]) if shape == "permission" else (0.0, [])
        names = [_base(n) for n in self.split_names(value, "tools", None)]
        prefix = (self.crosswalk.mcp_write or "").split("{")[0]
        score, known = 0.0, 0
        for n in names:
            canon = self.crosswalk.read(n)
            if not canon or (canon[0].startswith("mcp:") and not (prefix and n.startswith(prefix))):
                continue
            known += 1
            score += 3.0 / max(1, registry.readers(n))
        if known and shape == "comma" and isinstance(value, str) and "," in value:
            score += 2
        return score, ([f"{known} of {len(names)} tool names are its own"] if known else [])

    def output_path(self, agent: Agent) -> str:
        """Where this dialect keeps the record in a repository (relative, checked safe)."""
        layout = self.table.get("layout", {})
        template = layout.get(f"{agent.kind}_path") or layout.get("path", "{name}.md")
        name = agent.name or naming.slugify(agent.display_name or "") or "agent"
        pattern = self.table.get("name", {}).get("pattern")
        if pattern and not re.match(pattern, name):
            naming.check_safe(name, agent.origin.path if agent.origin else None)
            name = naming.slugify(name) or "agent"
        return template.format(name=naming.check_safe(name, agent.origin.path if agent.origin else None))


class _Ctx:
    """Per-write state: the report, the policy, what rides in the side channel."""

    def __init__(self, dialect: Dialect, agent: Agent, report: LossReport, policy: Policy):
        self.dialect, self.agent, self.report, self.policy = dialect, agent, report, policy
        self.carried: dict[str, Any] = {}
        self.mapped: set[str] = set()
        self.translated: dict[str, Any] = {}
        self.done: set[str] = set()
        self.tools_renamed = False

    def lose(self, path: str, message: str, code: LossCode = LossCode.FIELD_DROPPED,
             severity: Severity = Severity.WARNING) -> None:
        """Report a loss; with carry on, the value rides in the side channel and the item is info-level."""
        value = paths.get(self.agent, path) if path else None
        if path in self.agent.derived:  # inferred, not read: the way back infers it again
            self.report.add(code, Severity.INFO, path, message)
            return
        if self.policy.carry and path and not paths.is_empty(value) and code != LossCode.TOOL_UNMAPPED:
            self.carried.setdefault(path, value)
            if code == LossCode.FIELD_DROPPED or code == LossCode.EXTENSION_DROPPED:
                code, severity, message = LossCode.FIELD_CARRIED, Severity.INFO, message + " (carried in a comment)"
        elif self.policy.carry and path == "tools":
            self.carried.setdefault("tools", paths.get(self.agent, "tools"))
        self.report.add(code, severity, path, message)


_COMMA = re.compile(r",(?![^()]*\))")


def _split_commas(text: str) -> list[str]:
    """Split at commas outside parentheses: ``Bash(git add, git commit), Read``."""
    parts = _COMMA.split(text) if "(" in text else text.split(",")
    return [p.strip() for p in parts if p.strip()]


def _base(name: str) -> str:
    m = _PAREN.match(name)
    return m.group("name").strip() if m else name


def _dedupe(items) -> list:
    out = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


def _coerce(value: Any, kind: str | None, ipath: str, report: LossReport, line: int | None) -> Any:
    if kind == "list" and isinstance(value, str):
        report.add(LossCode.VALUE_COERCED, Severity.INFO, ipath, "comma string read as a list", line=line)
        return _split_commas(value)
    if kind == "bool" and isinstance(value, str) and value.lower() in ("true", "false", "yes", "no", "on", "off"):
        report.add(LossCode.VALUE_COERCED, Severity.INFO, ipath, f"{value!r} read as a boolean", line=line)
        return value.lower() in ("true", "yes", "on")
    return value


def _glob(path: str, pattern: str) -> bool:
    """Does ``path`` (any prefix) end in something ``pattern`` matches? ``**`` spans folders, ``*`` does not."""
    return _glob_rx(pattern).match(path.replace("\\", "/")) is not None


@lru_cache(maxsize=None)
def _glob_rx(pattern: str) -> re.Pattern:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("(?:^|.*/)" + "".join(out) + "$")


def _first_heading(text: str) -> str | None:
    for line in text.split("\n"):
        if line.startswith("#"):
            return line.lstrip("#").strip() or None
    return None


def _first_paragraph(text: str) -> str | None:
    for block in text.split("\n\n"):
        block = block.strip()
        if block and not block.startswith("#"):
            return " ".join(block.split())
    return None
