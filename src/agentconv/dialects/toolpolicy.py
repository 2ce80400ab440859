"""Tool policies in a dialect: reading a tools field into grants, and writing grants back without widening.

``ToolFields`` is mixed into ``Dialect``; a dialect whose tools have another shape overrides ``read_tools``
and ``render_tools`` (OpenCode's permission map) and keeps the rest: spelling through the crosswalk,
the never-widen check, the same-dialect "as written" rule.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, cached_property
from types import SimpleNamespace
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

from .. import carry, naming, registry, rx
from ..errors import BroadenError
from ..ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Agent, Grant, Origin, ToolPolicy
from ..loss import LossCode, LossReport, sentence
from ..tools import capability, in_classes, of_classes, split_mcp, vocabulary
from .helpers import (KEPT, MISSING, SCOPED_TOOL, dedupe, memo, rule_entries, shown_path, split_blanks, split_commas,
                      split_quoted, unscoped)

if TYPE_CHECKING:
    from .base import WriteContext


def policy_key(policy: ToolPolicy) -> tuple[Any, ...]:
    """A tool policy as a value: equal when it says the same."""
    return policy.mode, tuple((g.raw, g.canonical, g.decision, g.pattern) for g in policy.grants)


class ToolFields:
    """The tools half of a dialect (needs ``table``, ``crosswalk``, ``id``)."""

    # ------------------------------------------------------------------ tools, reading
    @cached_property
    def tool_fields(self) -> dict[str, str]:
        """``tools`` and ``tools.deny`` -> the header key that holds it (the last, where the table names several)."""
        return {v: k for k, v in self.table.get("fields", {}).items() if v in ("tools", "tools.deny")}

    @cached_property
    def tool_keys_all(self) -> tuple[str, ...]:
        """Every header key the table reads a tool policy from, in table order (old spellings included, a
        ``[renamed]`` one's after them: Claude Code's ``disallowedTools`` in a command)."""
        keys = tuple(k for k, p in self.table.get("fields", {}).items() if p in ("tools", "tools.deny"))
        return keys + tuple(o for o, n in self.table.get("renamed", {}).items() if n in keys)

    def read_tools(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        """Default: ``tools`` (list or comma string) is an allowlist; ``tools.deny`` a deny list."""
        keys = self.tool_fields
        allow_key, deny_key = keys.get("tools"), keys.get("tools.deny")
        allow = data.get(allow_key) if allow_key else None
        deny = data.get(deny_key) if deny_key else None
        parser = self.table.get("parser", {})
        if allow is None and allow_key in data and parser.get("blank_tools") == "none":  # `tools:` alone: no tools
            report.add(LossCode.VALUE_INVALID, "tools", variant="blank-tools", key=allow_key,
                       reader=parser.get("reader", self.id))
            allow = ""  # nothing listed
        star = parser.get("star_entry") == "no-list"  # a `*` entry: the list as not written (claude.toml [parser])
        if star and deny is not None and "*" in (named := self.split_names(deny, "tools.deny", None)):
            others, reader = dedupe(n for n in named if n != "*"), parser.get("reader", self.id)
            if others:
                report.add(LossCode.VALUE_INVALID, "tools.deny", variant="star-deny-others", key=deny_key,
                           reader=reader, entries=", ".join(others))
            else:
                report.add(LossCode.VALUE_INVALID, "tools.deny", variant="star-deny", key=deny_key, reader=reader)
            deny = None
        if allow is None and deny is None:
            self.read_base(agent, report)
            return
        grants = [g for n in self.split_names(allow, "tools", report) for g in self.grants(n, "allow")]
        grants += [g for n in self.split_names(deny, "tools.deny", report) for g in self.grants(n, "deny")]
        grants = self.whole_denies(grants, deny_key, report)  # the file's own entries only: not the settings' rules
        self.loose_allows(grants, allow_key, report)
        self._report_foreign(grants, report)
        if allow is not None:
            if not any(g.decision != "deny" for g in grants) and not self.split_names(allow, "tools", None):
                mode = NONE
            elif (allowed := [g.raw for g in grants if g.decision != "deny"]) == ["*"] or star and "*" in allowed:
                if allowed != ["*"]:  # `tools: Read, *`: every tool there, as `tools: "*"`
                    report.add(LossCode.VALUE_INVALID, "tools", variant="star-tools", key=allow_key,
                               reader=parser.get("reader", self.id), entries=", ".join(dedupe(
                                   n for n in allowed if n != "*")))
                mode, grants = INHERIT, [g for g in grants if g.decision == "deny"]
                mode = DENYLIST if grants else INHERIT
            else:
                mode = ALLOWLIST
        else:
            mode = DENYLIST
        agent.tools.mode, agent.tools.grants = mode, grants
        self.read_base(agent, report)
        settle(agent.tools)  # a tool both listed and denied whole: not granted (as every such tool runs it)

    def whole_denies(self, grants: list[Grant], key: str | None, report: LossReport | None) -> list[Grant]:
        """The deny entries of this dialect's own deny key whose scope its tool ignores (``[parser] deny_scopes``: the
        tools whose deny entry keeps one; Claude Code's ``disallowedTools``: none, an entry removes the tool it names),
        read as the whole tool denied, said (value-invalid). The rules of a config beneath the record (``read_base``:
        Claude Code's settings' deny rules, which are scoped) are not read here."""
        held = self.table.get("parser", {}).get("deny_scopes")
        if held is None or not any(g.decision == "deny" and g.pattern and g.canonical not in held for g in grants):
            return grants
        out, scoped = [], []
        for g in grants:
            if g.decision == "deny" and g.pattern and g.canonical not in held:
                scoped.append(g.raw)
                g = Grant(unscoped(g.raw), g.canonical, "deny")
            if g not in out:
                out.append(g)
        if report is not None:
            report.add(LossCode.VALUE_INVALID, "tools.deny", variant="deny-scope", key=key,
                       entries=", ".join(dedupe(scoped)), reader=self.table["parser"].get("reader", self.said),
                       tools=", ".join(dedupe(unscoped(r) for r in scoped)))
        return out

    def read_base(self, agent: Agent, report: LossReport) -> None:
        """Hook: the rules the tool's own configs put beneath the record's tools (``origin.keep["base"]``, the
        dialect's ``project_base``), added to the policy read (Claude Code's settings' deny rules)."""

    def read_denies(self, value: Any, report: LossReport) -> list[Grant]:
        """The deny grants of this dialect's deny key ``value`` (a Claude Code command's ``disallowed-tools`` beside its
        pre-approvals), each entry as the tool reads a rule, another tool's spelling said."""
        denies = [g for n in self.split_names(value, "tools.deny", report) for g in self.grants(n, "deny")]
        self._report_foreign(denies, report)
        return denies

    def _report_foreign(self, grants: list[Grant], report: LossReport) -> None:
        """Spellings this dialect reads only as a courtesy (another tool's names) are rewritten on output."""
        foreign = dedupe(g.raw for g in grants if g.canonical and not g.canonical.startswith("mcp:")
                         and unscoped(g.raw) not in self.crosswalk.valid)
        if foreign:
            report.add(LossCode.VALUE_READ_AS, "tools", variant="foreign-names", names=", ".join(foreign),
                       dialect=self.said)

    def split_names(self, value: Any, ipath: str, report: LossReport | None) -> list[str]:
        names = self._split_names(value, ipath, report)
        if self.table.get("parser", {}).get("blank_split"):  # `Bash Write` is two tools there (claude.toml [parser])
            names = [p for n in names for p in split_blanks(n)]
        return names

    def _split_names(self, value: Any, ipath: str, report: LossReport | None) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            names = split_quoted(value) if self.table.get("parser", {}).get("comma_quotes") else split_commas(value)
            if report is not None and self.table.get("tools_shape") != "comma" and names:
                report.add(LossCode.VALUE_READ_AS, ipath, variant="tools-comma")
            return names
        parser = self.table.get("parser", {})
        if isinstance(value, list):
            if report is not None and self.table.get("tools_shape") == "comma":
                report.add(LossCode.VALUE_READ_AS, ipath, variant="tools-yaml-list", dialect=self.said)
            if parser.get("list_items") == "text" and any(not isinstance(v, str) for v in value):
                if report is not None:  # the tool keeps a list's text items only
                    report.add(LossCode.VALUE_INVALID, ipath, variant="items-not-text", key=ipath,
                               items=", ".join(str(v) for v in value if not isinstance(v, str)),
                               reader=parser.get("reader", self.id))
                value = [v for v in value if isinstance(v, str)]
            return [str(v).strip() for v in value if str(v).strip()]
        if isinstance(value, dict) and parser.get("map_tools") == "none":  # the tool reads a map as no tools at all
            if report is not None:
                report.add(LossCode.VALUE_INVALID, ipath, variant="map-as-none", reader=parser.get("reader", self.id))
            return []
        if isinstance(value, dict) and parser.get("map_tools") == "ignored":  # never widened to what the tool reads
            names = [str(k) for k, v in value.items() if v is True]
            if report is not None:
                report.add(LossCode.VALUE_INVALID, ipath, variant="map-ignored", names=", ".join(names) or "none",
                           reader=parser.get("reader", self.id))
            return names
        return [str(value)]

    def grants(self, name: str, decision: str, pattern: str | None = None) -> list[Grant]:
        """The grants one spelling stands for: one per canonical id (a tool set gives several)."""
        if pattern is None:  # the name's scope and meaning remembered: a batch's lists differ, their names repeat
            got = self.__dict__.get("_grant_memo", KEPT).get(name, MISSING)
            pattern, canon, allows = got if got is not MISSING else memo(
                self, "_grant_memo", name, lambda: self._grant_read(name), lambda: len(name))
            if decision != "deny":  # what it grants allowed, remembered with it
                canon = allows
        else:
            canon = self._grant_of(name, pattern)[1]
            if decision != "deny" and (self.every_server_denies_only(canon) or self.tool_glob_grants_none(canon)):
                canon = (None,)  # Claude Code's `mcp__*` or `mcp__s__get_*` in a tool list: no tool (claude.toml [mcp])
        if pattern and (sep := self.table.get("parser", {}).get("agent_types")) and sep in pattern and "agent" in canon:
            # `Agent(a, b)`: two agent types (claude.toml)
            return [Grant(name, c, decision, p) for p in (t.strip() for t in pattern.split(sep)) if p for c in canon]
        return [Grant(name, c, decision, pattern) for c in canon]

    def every_server_denies_only(self, canon: tuple[str | None, ...] | list[str | None]) -> bool:
        """``canon`` is the tools of every server (``mcp:*/...``) in a dialect where that spelling only denies
        (``[mcp] all_allows = false``): allowed, it grants no tool there."""
        return self.table.get("mcp", {}).get("all_allows", True) is False and \
            any((split_mcp(c or "") or ("",))[0] == "*" for c in canon)

    def tool_glob_grants_none(self, canon: tuple[str | None, ...] | list[str | None]) -> bool:
        """``canon`` is an MCP tool named with a wildcard inside its tool part (``mcp:github/get_*``) in a dialect
        where such a name, allowed, matches no tool (``[mcp] tool_globs_allow = false``): it grants nothing there
        (a deny of it still denies by that pattern)."""
        if not any(c and "*" in c for c in canon) or self.table.get("mcp", {}).get("tool_globs_allow", True) is not False:
            return False  # the usual name holds no '*': no split, no table look-up
        return any(tool != "*" and "*" in tool for server, tool in (split_mcp(c or "") or ("", "") for c in canon))

    def _grant_read(self, name: str) -> tuple[str | None, tuple[str | None, ...], tuple[str | None, ...]]:
        """``_grant_of`` a spelling without a given scope, and the ids it grants allowed: none where it names every
        server's tools in a dialect where that only denies, or a tool pattern that matches none (Claude Code's
        ``mcp__*``, ``mcp__s__get_*`` in a tool list; claude.toml [mcp]). Pure in the table: remembered per name."""
        pattern, canon = self._grant_of(name)
        none = self.every_server_denies_only(canon) or self.tool_glob_grants_none(canon)
        return pattern, canon, (None,) if none else canon

    def _grant_of(self, name: str, pattern: str | None = None) -> tuple[str | None, tuple[str | None, ...]]:
        """``grants``' reading of one spelling: its scope (``pattern`` when given, else the one in parentheses) and
        the canonical ids it grants (None: not known here)."""
        m = SCOPED_TOOL.match(name)
        base = name
        if m and pattern is None:
            base, pattern = m.group("name").strip(), m.group("pattern").strip() or None
        canon = tuple(self.crosswalk.read(base) or [None])
        if pattern is not None and pattern in self.table.get("parser", {}).get("whole_scope", ()):
            pattern = None  # `Bash(*)`: the whole tool there ([parser] whole_scope)
        prefix = self.table.get("parser", {}).get("prefix_rule") if pattern else None
        if prefix and pattern.endswith(prefix) and "bash" in canon:  # `git diff:*`: the command, then anything
            pattern = pattern[:-len(prefix)].rstrip() + " *"
        return pattern, canon

    def allowed_names(self, header: dict[str, Any]) -> list[str] | None:
        """The names ``header``'s tool field lists, where ``read_tools`` reads it as those names allowed and nothing
        else (a list or comma string, no deny key, not ``*``); None: another shape, or a dialect with its own
        ``read_tools`` (``plainly_within``, the side channel's cheap test)."""
        if type(self).read_tools is not ToolFields.read_tools:
            return None
        keys = self.tool_fields
        allow_key, deny_key = keys.get("tools"), keys.get("tools.deny")
        allow = header.get(allow_key) if allow_key else None
        if type(allow) not in (str, list) or (deny_key and header.get(deny_key) is not None):
            return None
        names = self.split_names(allow, "tools", None)
        return None if "*" in names else names

    # ------------------------------------------------------------------ tools, writing
    def write_tools(self, ctx: "WriteContext") -> dict[str, Any]:
        """Header fields for the tool policy (the shape comes from ``render_tools``)."""
        # another tool's key read as this one's tools: both as written
        kept = self.foreign_as_read(ctx, also=self.tool_keys_all)
        if kept is None:
            kept = self._tools_as_written(ctx)
        if kept is not None:
            return kept
        policy = ctx.agent.tools
        if not self.supports_exceptions() and policy.mode not in (ALLOWLIST, NONE) and any(
                ctx.agent.extensions.get(d, {}).get(key) == "ask" for d, key in _asks_all()):  # OpenCode's `"*": ask`
            ctx.report.add(LossCode.FIELD_DROPPED, "tools", variant="ask-every", dialect=self.said)
        if policy.mode == INHERIT and not policy.grants:
            return {}
        if not self.table.get("tool_semantics", True):
            kept = self.foreign_as_read(ctx)
            if kept is not None:  # another tool's key this one ignores (`allowed-tools` in an OpenCode command)
                return kept
            why = self.table.get("unrestricted")
            if why and policy.mode != INHERIT and self._enforced(ctx):  # a command runs with every tool it is given
                self.cannot_restrict(ctx, naming.a(self.title), why)
                return {}
            ctx.lose("tools", variant="no-tool-field", policy=sentence("policy-tools", mode=policy.mode,
                     count=len(policy.grants)) if policy.mode != INHERIT else
                     sentence("policy-approvals", count=len(policy.grants)), dialect=self.said)
            return {}
        if policy.mode == INHERIT:
            return self.write_inherited(ctx)
        if "tools" not in self.table.get("fields", {}).values():
            self.broaden(ctx, "no-tool-list", dialect=self.said)
            return {}
        policy = self.deny_scopes_whole(ctx, policy)
        policy = self.scopes_left_out(ctx, policy)
        self.approvals_unheld(ctx, policy)
        allowed, denied = self.names_for(ctx, policy.allowed()), self.names_for(ctx, policy.denied())
        if policy.mode == DENYLIST and self.supports_deny():
            denied += self.implied_names(ctx, policy)
            self.check_unknown_denied(ctx, policy, {n for n, _ in denied})
        self.narrow_read_only_shell(ctx, policy)
        mode = policy.mode
        if mode == NONE and self.table.get("empty_tools"):
            ctx.report.add(LossCode.VALUE_REQUIRED, "tools", variant="empty-tools", consequence=self.table["empty_tools"])
        if mode == DENYLIST and not self.supports_deny():
            allowed, denied, mode = self.expand_denylist(ctx, policy), [], ALLOWLIST
        elif mode == DENYLIST and not self.supports_exceptions():
            self.narrow_exceptions(ctx, policy)  # `disallowedTools: Bash` without the `git tag *` it allowed
        if not self.supports_exceptions():
            self.narrow_asked(ctx, policy)  # `Bash` without the `git status *` it allowed without asking
            self.asked_whole(ctx, policy, allowed)  # `websearch: ask` written as an available tool
        allowed = self.narrow_regexes(ctx, allowed)
        self.check_broaden(ctx, allowed, policy)
        if ctx.policy.carry and not self._spelled_back(ctx, policy, {id(g) for n, g in allowed if n == g.raw}):
            ctx.carry_tools()  # rides only where no wider than this file's own (carry_data): the source's names back
        return self.render_tools(mode, allowed, denied, ctx)

    def approvals_unheld(self, ctx: "WriteContext", policy: ToolPolicy) -> None:
        """A source's allows that run tools unasked (a permission map's: OpenCode's ``edit: allow``, "Run without
        approval") written into a tool list that only makes tools available (``[asks]`` here: a Claude Code subagent's
        ``tools`` and ``disallowedTools``), whose session asks before those tools by default: not pre-approved there,
        said (narrower; was dropped without a word)."""
        origin = ctx.agent.origin
        asks = self.table.get("asks")
        if not asks or policy.mode not in (ALLOWLIST, DENYLIST) or origin is None or origin.dialect == self.id or \
                origin.dialect not in registry.ids() or \
                registry.get(origin.dialect).table.get("tools_shape") != "permission":
            return
        whole = {g.canonical for g in policy.grants if g.decision == "deny" and g.pattern is None}  # said there
        held = dedupe(g.raw for g in policy.grants  # a scope's allow: said where the scope goes (narrow_asked ...)
                      if g.decision == "allow" and g.pattern is None and g.canonical and g.canonical not in whole and (
                          g.canonical in asks["tools"] or asks.get("mcp") and g.canonical.startswith("mcp:")))
        if held:
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="approvals-available", dialect=self.said,
                           tools=", ".join(held), reader=asks["reader"])

    def deny_scopes_whole(self, ctx: "WriteContext", policy: ToolPolicy) -> ToolPolicy:
        """A scoped deny (OpenCode ``bash: {"*": allow, "rm *": deny}``) where this dialect's deny key takes the whole
        tool an entry names (``[parser] deny_scopes``, Claude Code's ``disallowedTools``): the tool is denied whole, so
        an allowlist leaves it out (``settle``), and what the rest of it allowed is said (tool-narrowed). Writing the
        tool without the deny would widen; writing the scope would read as the whole tool anyway.

        Likewise where the dialect holds no deny at all (an allowlist only: Copilot, Gemini CLI, Roo, the marketplace
        catalogue, Kiro's forms): the tool left out of its list (a deny list written as an allowlist of every other
        tool leaves it out too) grants none of the denied scope, where lifting the deny would grant it (it was refused,
        "cannot deny tools; lifting ..."). A scope of a tool no table knows stays: refused as before."""
        held = self.table.get("parser", {}).get("deny_scopes")
        none = not self.supports_deny() and not self.supports_patterns()
        if none:
            held = [c for c in {g.canonical for g in policy.denied() if g.pattern} if c is None]
            if held:  # a tool no table knows: it cannot be left out by name
                return policy
        elif held is None or not self.supports_deny():
            return policy
        scoped = [g for g in policy.denied() if g.pattern and g.canonical not in held]
        if not scoped:
            return policy
        grants: list[Grant] = []
        for g in policy.grants:
            if g in scoped:
                g = Grant(unscoped(g.raw), g.canonical, "deny")
            if g not in grants:
                grants.append(g)
        out = denying(policy, grants)
        names = [(g, (self.crosswalk.write(g.canonical) if g.canonical else [])[:1] or [unscoped(g.raw)]) for g in scoped]
        tools = ", ".join(dedupe(n for _, ns in names for n in ns))  # in this dialect's spelling: Bash(rm *)
        # (a deny read as every use of the tool, ``unsaid``: its source's rule, as that dialect names it)
        scopes = ", ".join(dedupe(self.scopes_said(ctx, [g])[0] if g.unsaid else f"{ns[0]}({g.pattern})"
                                  for g, ns in names))
        ctx.report.add(LossCode.TOOL_NARROWED, "tools", tools=sentence("deny-scope-rest", tools=tools),
                       written=sentence("deny-scope-left-out", tools=tools, dialect=self.said, scopes=scopes) if none else
                       sentence("deny-scope-whole", tools=tools, dialect=self.said, key=self.tool_fields["tools.deny"],
                                scopes=scopes))
        ctx.carry_tools()
        return out

    def scopes_left_out(self, ctx: "WriteContext", policy: ToolPolicy, written: str | None = None) -> ToolPolicy:
        """An allowlist's scope of a tool tools.toml ``[left_out] scoped`` names (the agent tool allowed to start only
        some agents) that this dialect cannot hold (no patterns, or not this one: what ``check_broaden`` refused as
        "dropping the scope"): the tool is left out of the list, narrower, said (tool-narrowed ``scope-left-out``),
        as ``deny_scopes_whole`` leaves out a tool with a denied scope. Not where the tool is also granted whole (the
        scope adds nothing), nor a scope the source's tool ignored (it gave the whole tool: written whole). ``written``:
        how a dialect with no tool list leaves the tool out (Codex's keys that switch its subagent tools off)."""
        if policy.mode != ALLOWLIST:
            return policy
        gone = left_out_tools()
        whole = whole_tools(policy)
        drop = [g for g in policy.allowed() if g.pattern and g.canonical in gone and g.canonical not in whole
                and not self.scope_ignored(ctx, g) and not (self.supports_patterns() and (
                    self.holds_scope(g) or self.own_scopes(ctx)))]
        if not drop:
            return policy
        out = ToolPolicy(policy.mode, [g for g in policy.grants if g not in drop])
        names = [(g, (self.crosswalk.write(g.canonical) if g.canonical else [])[:1] or [unscoped(g.raw)]) for g in drop]
        tools = ", ".join(dedupe(f"{unscoped(g.raw)}({g.pattern})" for g in drop))
        if written:
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="scope-left-out-codex", dialect=self.said,
                           tools=tools, written=written)
        else:
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="scope-left-out", dialect=self.said, tools=tools,
                           left=", ".join(dedupe(n for _, ns in names for n in ns)))
        ctx.carry_tools()
        return out

    @staticmethod
    def _enforced(ctx: "WriteContext") -> bool:
        """Whether the record's tool policy is one its source's tool enforces (not another tool's key read narrowly
        from a file whose tool has no tool policy, such as a Claude ``tools`` in an OpenCode command: that tool runs it
        with every tool, as a target without a tool field does). A record of no known dialect: yes."""
        if ctx.tools_of_agent:  # a command's tools taken from the agent it runs in: that agent's tool applies them
            return True
        origin = ctx.agent.origin
        if origin is not None and origin.keep.get("tools_enforced"):  # a package-wide limit its tool applies to it
            return True  # (a Gemini CLI extension's excludeTools on its commands: packages/gemini.py per_record)
        source = origin.dialect if origin is not None else None
        return source not in registry.ids() or registry.get(source).table.get("tool_semantics", True)

    def _spelled_back(self, ctx: "WriteContext", policy: ToolPolicy, as_is: set[int]) -> bool:
        """Would a write back into the source's dialect spell its tool names as the source did? Not where the source
        wrote a name its dialect keeps reading but writes no more (``[tool_aliases]`` of one meaning: Claude's Task for
        Agent, TodoWrite, LS, MultiEdit), or part of a set written whole (TaskList without TaskCreate); a scope or an
        MCP tool is spelled back, and so is a name written here as it is (``as_is``: the ids of those grants)."""
        origin = ctx.agent.origin
        first = origin and (origin.keep.get("carried_from") if ctx.carried_back("tools") else origin.dialect)
        if first is None or first == self.id or first not in registry.ids():  # given back: spelled by the first file
            return True
        source = registry.get(first)
        plain = [g for g in policy.grants if not g.pattern and g.canonical and not split_mcp(g.canonical)
                 and id(g) not in as_is]
        if not plain or not isinstance(source, ToolFields) or source.table.get("tools_shape") == "none":  # no list there
            return True
        aliases = source.table.get("tool_aliases", {})
        if any(aliases.get(g.raw) == [g.canonical] for g in plain):  # an older name the tool still reads
            return False
        raws, read = {g.raw for g in plain}, source.crosswalk.read
        return all(set(source.crosswalk.write(g.canonical)) <= raws for g in plain if read(g.raw) == [g.canonical])

    def foreign_as_read(self, ctx: "WriteContext", also: tuple[str, ...] = ()) -> dict[str, Any] | None:
        """Same dialect: another tool's tool keys that this one ignores, as the source wrote them (with its own keys
        in ``also``), while the policy is still the one read from them; else None."""
        layout = self.own_layout(ctx.agent)  # None: not read in this dialect
        keys, read = ctx.agent.origin.keep.get("foreign_tools", ((), None)) if layout is not None else ((), None)
        if keys and read == policy_key(ctx.agent.tools) and not ctx.carried_back("tools"):
            return {c.key: c.value for c in layout.chunks if c.key in keys or c.key in also}
        return None

    def _tools_as_written(self, ctx: "WriteContext") -> dict[str, Any] | None:
        """Same dialect: the tool fields exactly as the source wrote them, when they still mean the IR's policy
        (keeps shape, order, legacy names, ``['*']``, OpenCode's ``tools`` map)."""
        layout = self.own_layout(ctx.agent)
        if layout is None:
            return None
        keys, renamed = self.tool_keys_all, self.table.get("renamed", {})
        old = {c.key: c.value for c in layout.chunks if c.key in keys and not c.lenient}
        # a renamed spelling beside the current one is ignored there (kept as the file's own key, base.read): not here
        old = {k: v for k, v in old.items() if renamed.get(k) not in old}
        if not old and not ctx.carried_back("tools"):  # no tool field, which another header key may narrow (Copilot's
            scratch = ToolPolicy()                      # `agents: []`): still none written while that is the policy
            if self.scope_tools(scratch, ctx.agent) and scratch == ctx.agent.tools:
                return {}
        base = ctx.agent.origin.keep.get("base")  # type: ignore[union-attr]  # read beneath its configs: again so
        if self.kept_rejected(ctx):  # a file its tool refuses comes back as it came: no tool key where it had none,
            return old               # not the deny rules of the settings beneath it written in as its own
        if not old and base is None:
            return None
        # Claude Code reads a YAML list as well as its comma string, VS Code and GitHub.com a comma string as well as
        # a list (``tools_text``): kept. A comma string where only a list is read is written strictly, its names in
        # this dialect's own spelling.
        shape = {"comma": (str, list), "list": list, "permission": dict}.get(self.table.get("tools_shape", "list"))
        if shape is list and self.table.get("tools_text") == "comma":
            shape = (str, list)
            foreign = self.table.get("tool_foreign", {})
            if any(n in foreign for v in old.values() if isinstance(v, str) for n in self.split_names(v, "tools", None)):
                return None  # a comma string of names the tool ignores there (model-facing ids): written strictly
        blank = self.table.get("parser", {}).get("blank_tools") == "none"  # `tools:` alone is a list here (no tools)
        # a map where the tool reads one its own way ([parser] map_tools: Claude Code none, VS Code the names set to
        # true), say OpenCode's `tools: {write: false}` in a Claude agent: read so, and kept while it still means that
        maps = self.table.get("parser", {}).get("map_tools") in ("none", "ignored")
        if shape is None or not all(isinstance(v, shape) or (v is None and blank) or (maps and isinstance(v, dict))
                                    for v in old.values()):
            return None
        scratch = Agent() if base is None else Agent(origin=Origin(self.id, keep={"base": base}))
        self.read_tools(scratch, {renamed.get(k, k): v for k, v in old.items()}, LossReport())
        self.scope_tools(scratch.tools, ctx.agent)  # what another key of the header does to them (Copilot's `agents`)
        if self.table.get("unknown_tools_refused") and any(g.canonical is None for g in scratch.tools.grants) and \
                not self.kept_rejected(ctx):
            return None  # a name the tool refuses the agent for: written fresh, without it (_grant_names)
        if scratch.tools != ctx.agent.tools:
            if not ctx.carried_back("tools"):
                return None
            ctx.carry_tools()  # the side channel gave back the policy the first write spelled so: both as they were
        return old  # even a spelling read only as a courtesy: the file says what it said (validate reports it)

    def scope_tools(self, policy: ToolPolicy, agent: Agent) -> bool:
        """Hook: another header key of ``agent`` that scopes the tools read (Copilot's `agents`); True when it did."""
        return False

    def supports_deny(self) -> bool:
        return "tools.deny" in self.table.get("fields", {}).values() or self.table.get("tools_shape") == "permission"

    def expand_denylist(self, ctx: "WriteContext", policy: ToolPolicy) -> list[tuple[str, Grant]]:
        scoped = sorted(set(self.scopes_said(ctx, [g for g in policy.denied() if g.pattern])))
        if scoped and not self.supports_patterns():  # the tool itself stays granted: its denied scope would not
            self.broaden(ctx, "deny-scoped", dialect=self.said, tools=", ".join(scoped))
        deny = {g.canonical for g in policy.denied() if g.pattern is None} | self.wildcard_denied(ctx, policy)
        implied, why = implied_of(policy, ctx.agent.origin)
        out, regrant, kind = [], [], []  # a name that also grants a denied tool (a Roo group, a tool set) is left out
        for c, names in self.crosswalk.written.items():
            for n in names if c not in deny else []:
                if c in implied and not self.crosswalk.grants_of([n]) - implied - deny:
                    kind.append(n)  # only tools of a kind the source denies whole
                    continue
                (regrant if self.crosswalk.grants_of([n]) & (deny | implied) else out).append((n, Grant(n, c)))
        # an MCP tool or server the deny list names as allowed stays: named exactly (never Roo's `mcp`, every server)
        mcp = [g for g in policy.allowed() if g.pattern is None and (g.canonical or "").startswith("mcp:")]
        out += [(n, g) for n, g in self.names_for(ctx, mcp) if self.crosswalk.grants_of([n]) <= {g.canonical}]
        left = sentence("left-out-regrant", names=", ".join(dedupe(n for n, _ in regrant))) if regrant else ""
        if kind:
            left += sentence("left-out-kind", names=", ".join(dedupe(kind)), why=why)
        ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="denylist-allowlist", dialect=self.said, left=left)
        self.say_lacked(ctx, sentence("denylist-as-allowlist", dialect=self.said), deny | implied)
        if "mcp:*/*" not in deny and not any("mcp:*/*" in self.crosswalk.grants_of([n]) for n, _ in out):
            # a deny list leaves every MCP server's tools allowed (unless it denies them all: Cursor's readonly, Claude's
            # `mcp__*`); an allowlist names no server it does not know (Roo's `mcp` group grants them all)
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="denylist-mcp", dialect=self.said)
        self.narrow_exceptions(ctx, policy)
        ctx.carry_tools()
        return out

    @staticmethod
    def wildcard_denied(ctx: "WriteContext", policy: ToolPolicy) -> set[str]:
        """The tools of the source's dialect a denied wildcard over tool names matches (Claude Code matches a deny
        rule's tool name as a glob against every tool's, ``disallowed-tools: Web*`` denying WebFetch and WebSearch:
        @anthropic-ai/claude-code 2.1.330, ``Wc``, read 2026-11-29), in any case (more denied is narrower), as
        canonical ids: a deny list written as an allowlist of built-in tools leaves them out too. The wildcard itself
        names no tool a table knows, so without this its built-in matches were written as granted (a widening)."""
        origin = ctx.agent.origin
        wild = [g.raw.lower() for g in policy.denied() if g.canonical is None and g.pattern is None
                and any(c in g.raw for c in "*?")]
        if not wild or origin is None or origin.dialect not in registry.ids():
            return set()
        source = registry.get(origin.dialect).crosswalk
        rules = [re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in w) + r"\Z", re.S)
                 for w in wild]  # text of the input file: never through rx's cache
        return source.grants_of([n for n in source.valid if any(r.match(n.lower()) for r in rules)])

    def say_lacked(self, ctx: "WriteContext", written: str, denied: set[str]) -> bool:
        """The tools ``written`` (every tool of this dialect, or all but some) forbids because this dialect has no tool
        of their kind at all: the record's source allows them (each tool its dialect has, but ``denied``) and this
        dialect can grant nothing that does that (Roo Code: no tool reaches the network, its browser group is gone;
        @roo-code/types tool.ts toolGroups read, edit, command, mcp, modes and deprecatedToolGroups ["browser"],
        RooCodeInc/Roo-Code cb836567, read 2026-11-28). Said (tool-narrowed), never silent; True when said."""
        origin = ctx.agent.origin
        source = origin.dialect if origin is not None else None
        if source == self.id:
            return False
        ids = registry.get(source).crosswalk.written if source in registry.ids() else vocabulary()
        held = {capability(c) for c in (*self.crosswalk.written, *getattr(self, "always", ()),
                                        *self.table.get("tool_covers", {}), *self.table.get("variant_grants", ()))}
        lacked = [c for c in ids if c not in denied and not split_mcp(c) and capability(c) not in held]
        if not lacked:
            return False
        kinds = dedupe(_class_meaning(capability(c)) for c in lacked)
        ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="lacked", written=written, lacked=", ".join(lacked),
                       dialect=self.said, kinds=" or ".join(kinds))
        ctx.carry_tools()
        return True

    def implied_names(self, ctx: "WriteContext", policy: ToolPolicy) -> list[tuple[str, Grant]]:
        """A deny list's tools of a kind its source denies whole (``implied_denials``) that this dialect names: denied
        here too (OpenCode ``bash: deny`` is every command; Claude Code's Monitor and PowerShell run commands as well).
        Said (tool-coerced); a tool this dialect has no name for is not here, so nothing is lost."""
        implied, why = implied_of(policy, ctx.agent.origin)
        out = [(n, Grant(n, c, "deny")) for c, names in self.crosswalk.written.items() if c in implied for n in names]
        if out:
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="implied-deny", why=why,
                           names=", ".join(dedupe(n for n, _ in out)))
        return out

    def read_only_shell(self, ctx: "WriteContext", policy: ToolPolicy) -> str | None:
        """What the source's read-only setting kept of the shell the deny list denies (Codex's read-only sandbox runs
        commands that cannot write: its table's ``[sandbox] read_only_shell``, said in these words); None where the
        source has no such setting, the deny list denies no shell, or the source took the shell away itself (Codex's
        ``[features] shell_tool = false``: ``keep["shell_off"]``, no shell left to keep)."""
        source = ctx.agent.origin.dialect if ctx.agent.origin is not None else None
        if source in (None, self.id) or source not in registry.ids() or policy.mode != DENYLIST or \
                ctx.agent.origin.keep.get("shell_off"):  # type: ignore[union-attr]
            return None
        kept = registry.get(source).table.get("sandbox", {}).get("read_only_shell")
        return kept if kept and "bash" in {g.canonical for g in policy.denied() if g.pattern is None} else None

    @staticmethod
    def mode_shell(ctx: "WriteContext") -> str | None:
        """What a mode the tool policy says (``WriteContext.said_modes``: Claude Code's plan mode) still ran of the shell
        it took away (the rule's ``keeps``: the read-only commands), where it took a shell tool; else None. A target
        whose read-only setting runs such commands (Cursor's readonly, Codex's sandbox) is no wider than the mode."""
        return next((str(keeps["shell"]) for (ns, key), (_, kinds) in ctx.said_modes.items()
                     if "shell" in kinds and (keeps := registry.get(ns).table["own"][key]["denies"].get(
                         "keeps", {})).get("shell")), None)

    def narrow_read_only_shell(self, ctx: "WriteContext", policy: ToolPolicy) -> None:
        """A source whose read-only setting keeps a shell that cannot write (``read_only_shell``) reads as denying the
        shell: written here, the agent has no shell at all. Said."""
        kept = self.read_only_shell(ctx, policy)
        if kept:
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="read-only-shell", kept=kept, dialect=self.said)

    def supports_exceptions(self) -> bool:
        """Whether a scope of a denied tool can be allowed here (OpenCode's ``bash: {"git tag *": allow, "*": deny}``)."""
        return self.table.get("tools_shape") == "permission"

    def narrow_exceptions(self, ctx: "WriteContext", policy: ToolPolicy, skip: frozenset[str] = frozenset()) -> None:
        """A denied tool's scoped exceptions (OpenCode ``bash: {"git tag *": allow, "*": deny}``) where this dialect
        cannot allow a scope of a denied tool: the tool stays denied as a whole, so what they allowed is forbidden
        too; said (tool-narrowed), never silent. ``skip``: tools the target grants anyway (reported there)."""
        deny = {g.canonical: g.raw for g in policy.denied() if g.pattern is None and g.canonical not in skip}
        kept = self.scopes_said(ctx, [g for g in policy.grants
                                      if g.decision != "deny" and g.pattern and g.canonical in deny])
        if kept:
            tools = dedupe(deny[g.canonical] for g in policy.grants
                           if g.decision != "deny" and g.pattern and g.canonical in deny)
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="scope-denied-whole", scopes=", ".join(kept),
                           tools=", ".join(tools), dialect=self.said)

    def narrow_asked(self, ctx: "WriteContext", policy: ToolPolicy) -> None:
        """Scopes allowed without asking under a tool that asks (OpenCode ``bash: {"git status *": allow, "*": ask}``)
        where this dialect has no per-scope decision: the tool is written as a whole, and whether a call asks is left to
        the target tool's own approval settings (Claude Code's subagent ``tools`` only makes tools available: an entry
        ``Bash(git status *)`` gives the whole Bash tool and pre-approves nothing; 2.1.330's subagent tool resolution,
        read in the binary 2026-11-27), so those commands ask as every other does: said (tool-narrowed), never silent."""
        asked = {g.canonical: g.raw for g in policy.grants if g.pattern is None and g.decision == "ask" and g.canonical}
        kept = self.scopes_said(ctx, [g for g in policy.grants
                                      if g.decision == "allow" and g.pattern and g.canonical in asked])
        if kept:
            tools = dedupe(asked[g.canonical] for g in policy.grants
                           if g.decision == "allow" and g.pattern and g.canonical in asked)
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="scope-asked-whole", scopes=", ".join(kept),
                           tools=", ".join(tools), dialect=self.said)
            ctx.carry_tools()

    def asked_whole(self, ctx: "WriteContext", policy: ToolPolicy, allowed: list[tuple[str, Grant]]) -> None:
        """Tools the source asks about before each call (OpenCode ``websearch: ask``, ``read: ask``) written as
        available where this dialect has no per-tool ask (an allowlist's entry, or a tool no deny list names): whether
        a call asks is then left to the target tool's own approval settings, which for some tools is never (Gemini CLI
        runs ``google_web_search`` and its read tools without asking: its policies/read-only.toml, 0.61.0; Claude Code
        runs Read, Glob and Grep so). Said (field-dropped, a warning: a decision about access), never silent; the exact
        policy rides. A tool whose allowed scopes ``narrow_asked`` named is said there."""
        scoped = {g.canonical for g in policy.grants if g.decision == "allow" and g.pattern}
        if policy.mode == DENYLIST:  # an ask of a tool denied whole asks nothing; one beside a denied scope still asks
            denied = {g.canonical for g in policy.denied() if g.pattern is None}  # (`Bash(rm:*)` denies one scope)
            asked = [g for g in policy.grants if g.decision == "ask" and g.canonical not in denied]
        else:
            given = {id(g) for _, g in allowed}
            asked = [g for g in policy.grants if g.decision == "ask" and id(g) in given]
        names = dedupe(g.raw for g in asked if g.pattern is None and g.canonical not in scoped)
        # a scope that asks of a tool written as available whole (OpenCode `bash: {"*": allow, "git push *": ask}`,
        # Claude Code's settings' `Bash(git push:*)` ask rule): the tool is written, those calls run as it runs any
        whole = {g.canonical for g in asked if g.pattern is None} | {
            g.canonical for g in policy.grants if g.decision == "allow" and g.pattern is None} if policy.mode != DENYLIST \
            else {g.canonical for g in policy.grants if g.decision != "deny" and g.pattern is None}
        names += self.scopes_said(ctx, [g for g in asked
                                        if g.pattern is not None and (policy.mode == DENYLIST or g.canonical in whole)])
        if names and self.table.get("variant_allows"):  # the tool writes what it grants `allow` (Kilo's migration)
            self.broaden(ctx, "ask", tools=", ".join(names), dialect=self.said, why=self.table["variant_allows"])
            return
        if names:
            ctx.report.add(LossCode.FIELD_DROPPED, "tools", variant="asked", tools=", ".join(names), dialect=self.said)
            ctx.carry_tools()

    def denied_ids(self, ctx: "WriteContext", policy: ToolPolicy) -> set[str]:
        """The ids a deny list denies, for a dialect that says them with one flag (Cursor, Codex). A denied tool no
        table knows is reported and left out, as ``names_for`` leaves it out of any other deny list."""
        for raw in dedupe(g.raw for g in policy.denied() if g.canonical is None):
            ctx.lose("tools", LossCode.TOOL_UNMAPPED, variant="not-granted", tool=raw, dialect=self.said)
        self.check_unknown_denied(ctx, policy, set())
        return {g.canonical for g in policy.denied() if g.canonical is not None}

    def check_unknown_denied(self, ctx: "WriteContext", policy: ToolPolicy, written: set[str]) -> None:
        """Never widen: a deny list leaves every tool it does not name allowed, MCP servers' tools among them, so the
        denial of a wildcard over tool names no table knows (OpenCode ``"context7*": false``, which denies the tools
        of MCP server context7, named ``context7_<tool>``: mcp/index.ts, anomalyco/opencode, read 2026-11-28) that
        this dialect cannot write as it is would grant what it matches: refused (exit 6; ``--allow-broaden``
        records it). A plain name no table knows (a plugin's tool) is a tool no other dialect has: reported only."""
        lost = dedupe(g.raw for g in policy.denied() if g.canonical is None and g.pattern is None
                      and any(c in g.raw for c in "*?") and unscoped(g.raw) not in written)
        if lost:
            self.wildcard_refused(ctx, ", ".join(repr(r) for r in lost))

    def wildcard_refused(self, ctx: "WriteContext", tools: str) -> None:
        """The denied wildcards ``tools`` (``check_unknown_denied``) refused; a dialect with its own reason why it
        cannot deny MCP servers' tools says it (Codex)."""
        self.broaden(ctx, "deny-wildcard", dialect=self.said, tools=tools)

    def names_for(self, ctx: "WriteContext", grants: list[Grant]) -> list[tuple[str, Grant]]:
        """(spelling, grant) pairs; a grant the dialect cannot name is reported (access narrows)."""
        if not grants:  # (most deny lists): no pairs, nothing renamed, unmapped or split, so nothing to report
            return []
        origin = ctx.agent.origin
        same = origin is not None and origin.dialect == self.id
        # a policy the side channel gave back to the dialect that first wrote it: its names as that file had them
        # (`edit/editFiles`, `search`: a Copilot tool set, not its members), as a same-dialect write spells them
        back = not same and origin is not None and origin.keep.get("carried_from") == self.id and \
            ctx.carried_back("tools")
        picks, renamed, unmapped, split = self._names(grants, same, back)
        # the denial of a tool this dialect does not have (Claude Code has no task runner, OpenCode no notebook tool)
        # takes nothing away: no "not granted" warning (a tool no table knows may be a custom one, still said); the
        # exact policy rides, so the way back denies it again
        absent = [i for i in unmapped if grants[i].decision == "deny" and grants[i].canonical is not None]
        # nor does the allow of one in a deny list, which allows every tool it does not deny anyway (OpenCode
        # `bash: deny, list: allow` where no list tool exists); in an allowlist, a tool another grant beside it does
        # the job of here ([tool_covers]: OpenCode's and Kiro's read list a directory) is said as that grant
        absent += [i for i in unmapped if grants[i].decision != "deny" and grants[i].canonical is not None
                   and (ctx.agent.tools.mode == DENYLIST or self._covered(ctx, grants[i], grants, picks))]
        if absent:
            unmapped = tuple(i for i in unmapped if i not in absent)
            if ctx.policy.carry:
                ctx.carry_tools()
        if renamed:
            ctx.tools_renamed = True
        if unmapped:
            named, parts = {grants[i].raw for _, i in picks}, {}
            for i in unmapped:
                parts.setdefault(grants[i].raw, []).append(grants[i].canonical)
            source = ctx.agent.origin.dialect if ctx.agent.origin is not None else None
            for raw, canons in parts.items():  # of a tool set written here in part (Copilot's search), the rest
                whole = raw not in named or None in canons
                unknown = None in canons and source not in (None, self.id) and \
                    self.crosswalk.read(unscoped(raw))  # `Bash` in a Gemini file
                written = dedupe(n for n, j in picks if grants[j].raw == raw)  # the rest of a set, written here
                if not whole:
                    ctx.lose("tools", LossCode.TOOL_UNMAPPED, variant="set-part", tool=raw, dialect=self.said,
                             ids=", ".join(canons), written=", ".join(written))
                elif unknown:
                    ctx.lose("tools", LossCode.TOOL_UNMAPPED, variant="not-granted-unread", tool=raw, dialect=self.said,
                             source=source)
                else:
                    ctx.lose("tools", LossCode.TOOL_UNMAPPED, variant="not-granted", tool=raw, dialect=self.said)
        prefixed = () if same or not self.crosswalk.mcp_prefix else dedupe(  # (no prefix there: none is one)
            (grants[i].raw, n) for n, i in picks if grants[i].decision != "deny" and self.prefix_wildcard(grants[i]))
        for raw, n in prefixed:  # OpenCode's `github_*` also matches server github_enterprise's tools
            ctx.report.add(LossCode.TOOL_PREFIX, "tools", tools=f"tool {raw!r}", written=repr(n), prefix=n[:-1],
                           spelling=self.crosswalk.mcp_write)
        if split:
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="mcp-joined", count=len(split), example=split[0],
                           joiner=self.crosswalk.mcp_ambiguous)
        return [(n, grants[i]) for n, i in picks]

    def prefix_wildcard(self, grant: Grant) -> bool:
        """Is ``grant`` one server's every tool, written here as a prefix another server's name may begin with too
        (``[mcp] wildcard_is_prefix``: OpenCode's ``{server}_*``)?"""
        parts = split_mcp(grant.canonical or "")
        return bool(parts and self.crosswalk.mcp_prefix and parts[1] == "*" and parts[0] != "*")

    def _covered(self, ctx: "WriteContext", grant: Grant, grants: list[Grant], picks: tuple[tuple[str, int], ...]
                 ) -> bool:
        """An allowed tool this dialect has no name for whose job a tool of it granted beside it (whole, written here)
        does too (the table's ``[tool_covers]``: canonical id -> the ids that do it): said (tool-coerced), nothing lost.
        Never granted for it: a tool not granted beside it stays ungranted, and the loss is said (not granted)."""
        by = self.table.get("tool_covers", {}).get(grant.canonical, ())
        names = dedupe(n for n, j in picks if grants[j].canonical in by and grants[j].pattern is None
                       and grants[j].decision != "deny")
        if grant.pattern is None and names:
            alone = sum(g.raw == grant.raw for g in grants) == 1  # else Roo's read group, Kiro's read category
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="covered" if alone else "covered-in-set",
                           tool=grant.raw, meaning=vocabulary()[grant.canonical], names=", ".join(names),
                           dialect=self.said, id=grant.canonical)
            return True
        return False

    def _names(self, grants: list[Grant], same: bool, back: bool = False
               ) -> tuple[tuple[tuple[str, int], ...], bool, tuple[int, ...], tuple[str, ...]]:
        """``names_for`` without its reports (each grant's spelling a memoized table lookup; the list as a whole is
        not remembered: a batch's lists mostly differ, and keying one cost more than working it out): (spelling, index
        of its grant) pairs, whether a name was respelled, the indices of the grants with no name here, the ambiguous
        MCP names."""
        out: list[tuple[str, int]] = []
        seen: set[str] = set()
        split, unmapped, renamed = [], [], False
        held: dict[tuple[str, str, str | None], set[str | None]] = {}
        if back:  # a name given back only where the policy holds all it means (a whole set, never a part widened)
            for g in grants:
                held.setdefault((unscoped(g.raw), g.decision, g.pattern), set()).add(g.canonical)
        for i, g in enumerate(grants):  # each grant's spelling remembered: a batch's lists differ, their names repeat
            whole = back and set(self.crosswalk.valid.get(unscoped(g.raw), ())) <= held[unscoped(g.raw), g.decision,
                                                                                       g.pattern]
            key = (g.raw, g.canonical, same, whole)
            got = self.__dict__.get("_grant_names_memo", KEPT).get(key, MISSING)
            names, respelled, ambiguous, none = got if got is not MISSING else memo(
                self, "_grant_names_memo", key,
                lambda: (*self._grant_names(g.raw, g.canonical, same, whole),
                         self.every_server_denies_only((g.canonical,)) or self.tool_glob_grants_none((g.canonical,))),
                lambda: len(g.raw) + len(g.canonical or ""))
            renamed = renamed or respelled
            if names and g.decision != "deny" and none:
                names = ()  # written in a tool list there, every server's tools (or a tool pattern) would grant none
            if not names:
                unmapped.append(i)
                continue
            if ambiguous:
                split.append(names[0])
            for n in names:
                key = f"{n}\0{g.pattern}\0{g.decision}"
                if key not in seen:
                    seen.add(key)
                    out.append((n, i))
        return tuple(out), renamed, tuple(unmapped), tuple(split)

    def _grant_names(self, raw: str, canonical: str | None, same: bool, back: bool = False
                     ) -> tuple[tuple[str, ...], bool, bool]:
        """One grant's spellings here (none: it cannot be named), whether they respell it, and whether its MCP name
        would be ambiguous on read. ``back``: given back by a side channel to this dialect, its first: a name of this
        dialect that holds the tool is written as it is (never a name no table knows: the comment is anyone's)."""
        if canonical is None:  # not known here: back to its own dialect as written, unless the tool refuses it
            names = [unscoped(raw)] if same and not self.table.get("unknown_tools_refused") else []
        elif self.crosswalk.is_valid(unscoped(raw), canonical, exact=not (same or back)):
            names = [unscoped(raw)]
        else:
            names = self.crosswalk.write(canonical)
        respelled = canonical is not None and any(unscoped(raw) != n for n in names)
        parts = split_mcp(canonical or "")
        return tuple(names), respelled, bool(names and parts and self.crosswalk.ambiguous_mcp(*parts))

    def spoken(self, raw: str) -> str:
        """A grant this dialect read (its ``raw``) as a report names it; Roo says its group entries in words."""
        return raw

    def regex_scope(self, grant: Grant) -> str | None:
        """How a grant this dialect read scopes its tool by a regular expression no path glob states (Roo's
        ``fileRegex``), read by another tool as its own path pattern: ``"other"`` when that glob can take files the
        regex does not (``src/*.ts``); narrower, ``"anchored"`` when it names only files with a ``^`` or ``$`` in their
        names, ``"literal"`` when it is the text the regex finds in any path holding it (``docs``: the glob names
        fewer paths); None for any other grant."""
        return None

    def regex_branches(self, grant: Grant) -> tuple[list[str], list[str]] | None:
        """A grant whose regex is ``"other"`` (``regex_scope``) but a choice of texts: (the texts written as path
        patterns, each narrower; the branches no glob says, left out), or None."""
        return None

    def regex_wildcards(self, grant: Grant) -> list[str] | None:
        """A grant whose regex (``regex_scope``) an OpenCode-style wildcard (``*`` any text, ``?`` any one character,
        matched against the whole path) says exactly: those wildcards (their union is the regex), or None."""
        return None

    def narrow_regexes(self, ctx: "WriteContext", allowed: list[tuple[str, Grant]]) -> list[tuple[str, Grant]]:
        """A source's regex scope a glob cannot say (``regex_scope`` "other", or a literal one with ``|``) that is a choice of texts
        (``regex_branches``): each text written as a path pattern of its own, every one narrower than the regex (the
        glob of a text names only paths holding it, which the unanchored regex takes); the branches that are no one
        text are left out. Said (tool-narrowed) and the exact policy carried; any other such scope is refused as
        before (``check_broaden``)."""
        origin = ctx.agent.origin
        if not self.supports_patterns() or origin is None or origin.dialect == self.id or \
                origin.dialect not in registry.ids() or not any(g.pattern for _, g in allowed):
            return allowed
        source, whole = registry.get(origin.dialect), whole_tools(ctx.agent.tools)
        out: list[tuple[str, Grant]] = []
        narrowed: dict[str, tuple[list[str], list[str]]] = {}
        for n, g in allowed:
            got = source.regex_branches(g) if g.pattern and g.canonical not in whole else None
            if got is None:
                out.append((n, g))
                continue
            out += [(n, replace(g, pattern=text)) for text in got[0]]
            narrowed.setdefault(g.raw, got)
        for raw, (texts, others) in narrowed.items():
            left = sentence("branches-left-out", others=", ".join(others)) if others else ""
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="regex-texts", tools=self.named(ctx, [raw]),
                           dialect=self.said, texts=", ".join(texts), left=left)
        if narrowed:
            ctx.carry_tools()
        return out

    def spoken_scope(self, grant: Grant) -> str:
        """A scoped grant this dialect read, as a report names it: its rule where the raw holds the scope (Claude Code's
        ``Bash(rm:*)``), else the tool with its scope (OpenCode's ``bash(rm *)``). A dialect whose raw is no tool name
        says it its own way (Kiro's ``deniedPaths`` entry: ``Kiro.spoken_scope``)."""
        return grant.raw if "(" in grant.raw else f"{self.spoken(grant.raw)}({grant.pattern})"

    def scopes_said(self, ctx: "WriteContext", grants: Iterable[Grant]) -> list[str]:
        """The scoped ``grants`` of the agent written, as the dialect that read them names them (``spoken_scope``)."""
        origin = ctx.agent.origin
        source = registry.get(origin.dialect) if origin is not None and origin.dialect in registry.ids() else self
        return dedupe(source.spoken_scope(g) for g in grants)

    def named(self, ctx: "WriteContext", raws: list[str]) -> str:
        """The grants ``raws`` of the agent written, as the dialect that read them names them (``spoken``): Roo's
        ``["edit",{"fileRegex":"\\.md$"}]`` is ``edit (files matching \\.md$)``. A name that does not spell the scope
        its grants hold (OpenCode's ``bash`` of ``bash: {"git diff*": allow}``) is said once per pattern the agent may
        use it in (``bash(git diff*)``): every call site names grants that let a tool run."""
        origin = ctx.agent.origin
        source = registry.get(origin.dialect) if origin is not None and origin.dialect in registry.ids() else self
        out: list[str] = []
        for raw in raws:
            said = source.spoken(raw)
            patterns = dedupe(g.pattern for g in ctx.agent.tools.allowed() if g.raw == raw and g.pattern) \
                if said == raw and not SCOPED_TOOL.match(raw) else ()
            out += [f"{said}({p})" for p in patterns] or [said]  # spelled as a Claude Code rule, as elsewhere
        return ", ".join(dedupe(out))

    @staticmethod
    def scoped_names(pairs: list[tuple[str, Grant]]) -> list[str]:
        """(spelling, grant) pairs as a report names them: a scoped grant whose spelling drops its scope (a denied
        command where the target has no patterns) with its pattern, ``execute/runInTerminal(rm *)``."""
        return dedupe(n if not g.pattern or SCOPED_TOOL.match(n) else f"{n}({g.pattern})" for n, g in pairs)

    def read_back(self, allowed: list[tuple[str, Grant]]) -> set[str | None]:
        """What the written names grant, read back. A name that is exactly this dialect's spelling of one MCP server's
        one tool (``crosswalk.write``) grants that tool, however it splits: where server and tool are joined by a
        character names hold (``[mcp] ambiguous_separator``), OpenCode matches a key without ``*`` as the exact tool
        name and Gemini CLI looks a subagent's named tool up by its full name, so `plugin_shop_ledger_post_entry` is the
        tool of server plugin_shop_ledger (a Claude Code plugin's), never more, though read alone it splits as server
        ``plugin``'s (the joining is said: mcp-joined). A wildcard is read as it is (a prefix of other names there)."""
        out: set[str | None] = set()
        for n, g in allowed:
            parts = split_mcp(g.canonical or "")
            if parts and parts[1] != "*" and "*" not in n and self.crosswalk.ambiguous_mcp(*parts) \
                    and self.crosswalk.write(g.canonical or "") == [n]:
                out.add(g.canonical)
            else:
                out |= self.crosswalk.grants_of([n])
        return out

    def check_broaden(self, ctx: "WriteContext", allowed: list[tuple[str, Grant]], policy: ToolPolicy) -> None:
        """Never widen: what the written names grant, read back, must be within what was granted."""
        if policy.mode not in (ALLOWLIST, NONE):
            return
        granted = {g.canonical for g in policy.allowed() if g.canonical}
        if not any(g.pattern for _, g in allowed):  # nothing written scoped (most lists): no scope dropped, ignored,
            # held, taken as a regex or in another case; only what the names grant is judged (the same calls, less)
            self.judge(ctx, self.read_back(allowed) - granted - {None}, granted, [])
            return
        whole = whole_tools(policy)  # a scope of a tool granted as a whole grants nothing more: dropping it widens nothing
        ignored = {id(g) for _, g in allowed if self.scope_ignored(ctx, g)}  # the source gave the whole tool: no wider
        unpatterned = sorted({g.raw for _, g in allowed if g.pattern and not self.supports_patterns()
                              and g.canonical not in whole and id(g) not in ignored})
        origin = ctx.agent.origin
        unheld = sorted({g.raw for _, g in allowed if g.pattern and self.supports_patterns() and not self.holds_scope(g)
                         and g.canonical not in whole and not self.own_scopes(ctx) and id(g) not in ignored})
        if any(id(g) in ignored and not (self.supports_patterns() and self.holds_scope(g)) for _, g in allowed):
            ctx.carry_tools()  # written whole: the way back gives the first file's scope (narrower: a restore)
        if self.supports_patterns() and not self.own_scopes(ctx):
            self.say_scope_kept(ctx, [g for _, g in allowed if id(g) in ignored and self.holds_scope(g)
                                      and g.canonical not in whole])
        source = registry.get(origin.dialect) if origin is not None and origin.dialect in registry.ids() \
            and origin.dialect != self.id else None
        regexes = sorted({g.raw for _, g in allowed if g.pattern and self.holds_scope(g) and g.canonical not in whole
                          and source is not None and source.regex_scope(g) == "other"})
        scopes = {g.raw: source.regex_scope(g) for _, g in allowed if g.pattern and self.holds_scope(g)
                  and g.canonical not in whole and source is not None}
        anchored = sorted(raw for raw, scope in scopes.items() if scope == "anchored")
        literal = sorted(raw for raw, scope in scopes.items() if scope == "literal")
        self.judge(ctx, self.read_back(allowed) - granted - {None}, granted,
                   [sentence("refusal-unscoped", tools=self.named(ctx, unpatterned))] * bool(unpatterned)
                   + [sentence("refusal-regex", tools=self.named(ctx, regexes), dialect=self.said)] * bool(regexes)
                   + [sentence("refusal-scope-whole", tools=self.named(ctx, unheld), dialect=self.said)] * bool(unheld))
        unpatterned += unheld
        if anchored and not unpatterned and not regexes:  # written as it is: a glob of it names (next to) no file
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="regex-anchored", tools=self.named(ctx, anchored),
                           dialect=self.said)
            ctx.carry_tools()
        if literal and not unpatterned and not regexes:  # the text as a glob: fewer paths than "any path holding it"
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="regex-literal", tools=self.named(ctx, literal),
                           dialect=self.said)
            ctx.carry_tools()
        if not unpatterned and not regexes:
            self.check_case(ctx, [(n, g) for n, g in allowed if g.raw not in anchored])

    def check_case(self, ctx: "WriteContext", allowed: list[tuple[str, Grant]]) -> None:
        """A file scope written where file rules take case otherwise than in the source's tool (``[parser]
        path_case``). Where this tool ignores case and the source's tests it: the same files in every case, more of a
        kind of access the agent holds; reported, the exact policy carried. The other way round: the paths in other
        cases are no longer allowed (Claude's Edit(*.md) written for Roo or OpenCode leaves NOTES.MD out): said."""
        origin = ctx.agent.origin
        theirs = registry.get(origin.dialect).table if origin is not None and origin.dialect in registry.ids() else {}
        mine_ignores = self.table.get("parser", {}).get("path_case") == "insensitive"
        if (theirs.get("parser", {}).get("path_case") == "insensitive") == mine_ignores:
            return
        files = [(n, g) for n, g in allowed if g.pattern and g.canonical and capability(g.canonical) in ("files", "read")
                 and g.pattern.lower() != g.pattern.upper()]
        if not files:
            return
        if mine_ignores:
            ctx.report.add(LossCode.TOOL_BROADENED, "tools", variant="case", dialect=self.said,
                           tools=", ".join(dedupe(f"{n}({g.pattern})" for n, g in files)),
                           reader=self.table.get("parser", {}).get("reader", self.id))
            ctx.carry_tools()
            return
        scoped = dedupe(g.raw for _, g in files)
        ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="case-sensitive", tools=self.named(ctx, scoped),
                       dialect=self.said, reader=theirs["parser"].get("reader", origin.dialect))

    def judge(self, ctx: "WriteContext", wider: set[str], granted: set[str], refusals: list[str]) -> None:
        """Never widen, judged by capability (data/tools.toml ``[classes]``), not by spelling. A tool of a class
        the agent already holds is reported (info for file changes, one permission everywhere; a warning
        otherwise), as is read-only reach next to read access or a shell, and session tools; any other class
        is a widening: ``broaden`` (refused unless --allow-broaden), naming exactly what would be granted."""
        key = frozenset(wider), frozenset(granted)
        widen, warn, same = ((), (), ()) if not wider else memo(  # nothing more granted: nothing to class
            _MEMO, "classed", key, lambda: _classed(*key),
            lambda: sum(map(len, wider)) + sum(len(c or "") for c in granted))
        if widen:
            refusals = [sentence("refusal-grants", tools=", ".join(widen)), *refusals]
        if refusals:
            self.broaden(ctx, None, dialect=self.said, refusals=" and ".join(refusals))
        if warn:
            ctx.report.add(LossCode.TOOL_BROADENED, "tools", variant="also-gets", dialect=self.said, tools=", ".join(warn))
        if same:
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="same-permission", dialect=self.said,
                           tools=", ".join(same))
        if warn or same:
            ctx.carry_tools()

    def write_inherited(self, ctx: "WriteContext") -> dict[str, Any]:
        """Header fields for per-tool decisions on an inherited policy (pre-approvals, asks): none by default, where
        the tool field can only restrict (said); a dialect whose field pre-approves writes them (``preapproved``)."""
        ctx.lose("tools", variant="inherited", count=len(ctx.agent.tools.grants),
                 dialect=self.said)  # a warning, as where a target has no tool field:
        return {}  # carried only where a reader would take it back (an allow never: it grants)

    def read_preapproved(self, agent: Agent, value: Any, report: LossReport) -> None:
        """A field that only PRE-APPROVES tools (a skill's or a Claude Code command's ``allowed-tools``): per-tool
        ``allow`` decisions on an inherited policy; every other tool stays available."""
        value = self.star_alone(value, report)
        grants = [self.working_scope(g) for n in self.split_names(value, "tools", report) for g in self.grants(n, "allow")]
        grants = self.unmatched_file_rules(grants, report, "allowed-tools")
        self._report_foreign(grants, report)
        agent.tools.mode, agent.tools.grants = INHERIT, grants
        self.read_base(agent, report)  # the tool's settings over them (a Claude Code skill's, command's)

    def working_scope(self, grant: Grant) -> Grant:
        """A pre-approval of a file tool spelled with the scope ``*`` or none (``Edit(*)``, ``Edit()``) where the tool
        pre-approves it only in the working directories (``[parser] working_scope``: Claude Code 2.1.330's allow rules,
        claude-command.toml): read in that scope (``as``, every file beneath the working folder as a .gitignore line),
        not as the whole tool (``Edit`` alone: every path). Any other grant as it is."""
        spec = self.table.get("parser", {}).get("working_scope")
        if not spec or grant.pattern is not None or grant.canonical not in spec["tools"] or grant.decision != "allow":
            return grant
        m = SCOPED_TOOL.match(grant.raw)
        return replace(grant, pattern=spec["as"]) if m and m.group("pattern").strip() in spec["scopes"] else grant

    def unmatched_file_rules(self, grants: list[Grant], report: LossReport, key: str) -> list[Grant]:
        """Permission rules of a file tool with a path (``Write(src/**)``) that this tool's file permission checks never
        match (``[parser] file_rules``: Claude Code 2.1.330 matches a path only in ``Edit(path)`` and ``Read(path)``
        rules): read as nothing, as it reads them, said (value-invalid); was a pre-approval of writes in that path.
        A scope the tool takes as the working directories (``Edit(*)``: ``working_scope``) is kept."""
        rules = self.table.get("parser", {}).get("file_rules")
        if not rules:
            return grants
        kept, dropped = [], {}
        for g in grants:
            m = SCOPED_TOOL.match(g.raw) if g.pattern is not None else None
            name = m.group("name").strip() if m else None
            if name in rules and ":*" not in g.pattern and g.pattern != self.table["parser"].get(
                    "working_scope", {}).get("as"):
                dropped.setdefault(g.raw, rules[name])
            else:
                kept.append(g)
        for raw, by in dropped.items():
            m = SCOPED_TOOL.match(raw)
            report.add(LossCode.VALUE_INVALID, "tools", variant="file-rule-unmatched", key=key, rule=raw,
                       reader=self.table["parser"].get("reader", self.id), by=f"{by}({m.group('pattern')})", tool=by)
        return kept

    def unasked(self, ctx: "WriteContext", allow: list[Grant], other: list[Grant]) -> list[Grant]:
        """Pre-approvals of a whole tool some of whose calls the source asks about (OpenCode ``bash: {"*": allow,
        "git push *": ask}``) where a pre-approval takes every call and nothing here asks for a scope (a Claude Code
        command's or skill's ``allowed-tools``: ``Bash`` runs ``git push`` unasked): left out, so every call asks as
        the target's session does (tool-narrowed), never written as every call unasked (was ``allowed-tools: Bash``,
        said only as "written as nothing")."""
        asked = {g.canonical: g for g in other if g.decision == "ask" and g.pattern and g.canonical}
        held = [g for g in allow if g.pattern is None and g.canonical in asked]
        if not held:
            return allow
        ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="preapproval-asked", dialect=self.said,
                       tools=", ".join(dedupe(g.raw for g in held)),
                       scopes=", ".join(dedupe(f"{asked[g.canonical].raw}({asked[g.canonical].pattern})" for g in held)))
        ctx.carry_tools()
        return [g for g in allow if not any(g is h for h in held)]

    def in_project(self, ctx: "WriteContext", grants: list[Grant]) -> list[Grant]:
        """Pre-approvals (``grants``) of a source whose tool takes a whole file tool's allow only inside its project
        (the source table's ``[in_project] tools``: OpenCode's ``edit: allow``, a path outside the project asks
        ``external_directory`` first), written where an allow of the whole tool pre-approves every path and the scope
        ``*`` only the working directories (``[parser] working_scope``: Claude Code's ``Edit`` and ``Edit(*)``): in
        that scope (``Edit(*)``), never as every path (was ``Edit``: a file outside the project edited unasked)."""
        spec = self.table.get("parser", {}).get("working_scope")
        origin = ctx.agent.origin
        if not spec or origin is None or origin.dialect == self.id or origin.dialect not in registry.ids():
            return grants
        held = set(registry.get(origin.dialect).table.get("in_project", {}).get("tools", ())) & set(spec["tools"])
        return [replace(g, pattern=spec["as"]) if g.decision == "allow" and g.pattern is None and g.canonical in held
                else g for g in grants]

    def star_alone(self, value: Any, report: LossReport) -> Any:
        """A pre-approving ``allowed-tools`` holding ``*`` where the tool keeps ``*`` alone (``[parser] star_entry =
        "alone"``: Claude Code's rule-list reader ``kP`` returns ``["*"]``, and an allow rule with a wildcard tool name
        matches no tool, claude-command.toml): nothing is pre-approved, its other entries neither, said (value-invalid).
        None then; else the value as it is."""
        parser = self.table.get("parser", {})
        if parser.get("star_entry") != "alone" or "*" not in (named := rule_entries(value)):
            return value
        reader = parser.get("reader", self.id)
        if others := dedupe(n for n in named if n != "*"):
            report.add(LossCode.VALUE_INVALID, "tools", variant="star-preapproves-nothing", key="allowed-tools",
                       reader=reader, entries=", ".join(others))
        else:
            report.add(LossCode.VALUE_INVALID, "tools", variant="star-preapproves-nothing-alone", key="allowed-tools",
                       reader=reader)
        return None

    def preapproved(self, ctx: "WriteContext", noun: str) -> list[str] | None:
        """The names a field that only PRE-APPROVES tools (a skill's or a Claude Code command's ``allowed-tools``:
        every other tool stays available) says for the record's policy: its allow decisions on an inherited policy,
        in this dialect's spelling (other decisions reported, not said). An allowlist, an empty list or a deny list
        cannot be said so: ``broaden`` (refused unless allowed; then nothing is pre-approved). None: nothing to say."""
        policy = ctx.agent.tools
        if decisions_only(policy) and self._enforced(ctx):  # nothing denied: per-tool decisions on every tool (OpenCode `bash: {"*": ask,
            policy = ToolPolicy(INHERIT, policy.grants)  # "git status *": allow}`), its allows said as pre-approvals
        if (policy.mode != INHERIT or policy.grants and not ctx.carried_back("tools")) and not self._enforced(ctx):
            # another tool's key its own tool ignores (a `tools` list or an `allowed-tools` left in a Codex prompt:
            # Codex reads only description and argument-hint, codex-rs/core/src/custom_prompts.rs parse_frontmatter,
            # openai/codex, read 2026-11-28): no access of it, a pre-approval neither (it would let tools run unasked)
            what = sentence("policy-tools", mode=policy.mode, count=len(policy.grants)) if policy.mode != INHERIT \
                else sentence("policy-approvals", count=len(policy.grants))
            ctx.lose("tools", variant="not-applied", policy=what, source=ctx.agent.origin.dialect)
            return None
        if policy.mode != INHERIT:
            self.cannot_restrict(ctx, noun, sentence("pre-approves-only"))
            return None
        allow = [g for g in policy.grants if g.decision == "allow"]
        other = [g for g in policy.grants if g.decision != "allow"]
        if other:
            ctx.lose("tools", LossCode.TOOL_COERCED, variant="other-decisions", count=len(other), dialect=self.said)
        allow = self.unasked(ctx, allow, other)
        if not allow:
            return None
        pairs = self.names_for(ctx, self.in_project(ctx, allow))
        spelled = [(f"{n}({g.pattern})" if g.pattern else n, g) for n, g in pairs]
        names = dedupe(n for n, _ in spelled)
        if self.supports_patterns():  # a scope pre-approved here as this tool reads it (more files run unasked: said)
            self.any_depth(ctx, pairs)
            self.check_case(ctx, pairs)
        if ctx.tools_renamed or any(n != g.raw for n, g in spelled):  # a name, or a scope (`git diff:*` as `git diff *`)
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="spelling", dialect=self.said)
        return names or None

    def cannot_restrict(self, ctx: "WriteContext", noun: str, why: str) -> None:
        """A restriction (allowlist, empty list, deny list) written where ``noun`` cannot restrict tools, for ``why``
        (a field that only pre-approves them; no tool field: the command runs with every tool of its session or
        agent): every tool would be available, so ``broaden`` (refused unless allowed; then none is written)."""
        mode = ctx.agent.tools.mode
        self.broaden(ctx, "restrict-allowlist" if mode == ALLOWLIST else "restrict-none" if mode == NONE else
                     "restrict-denylist", noun=noun, why=why)

    def broaden(self, ctx: "WriteContext", variant: str | None, **params: Any) -> None:
        """Never widen: fail, or with ``allow_broaden`` report it (and carry the exact policy): tool-broadened's
        ``variant`` (None: its template) filled with ``params``, which is also the refusal's error line. A record read
        beneath its project's configs (``origin.keep["base"]``: settings' deny rules, a config's permissions or sandbox)
        says which: rules the agent's own file does not hold may be what cannot be written."""
        msg = LossCode.TOOL_BROADENED.message(variant, **params)
        files = getattr(ctx.agent.origin.keep.get("base") if ctx.agent.origin is not None else None, "files", ())
        if files:
            msg = sentence("read-beneath", loss=msg, files=", ".join(shown_path(f) for f in files))
        if not ctx.policy.allow_broaden:
            raise BroadenError(msg, ctx.report)
        ctx.report.add(LossCode.TOOL_BROADENED, "tools", variant=variant, **params).message = msg
        ctx.carry_tools()

    def parent_gap(self, ctx: "WriteContext", parent: dict[str, str]) -> tuple[list[str], list[str]]:
        """What a target gives an allowlisted agent beyond its list, whatever its file says (``parent``: canonical id ->
        the target's name for it; Cursor's ``readonly: false``, every tool of its parent agent; a Codex role's session
        MCP servers) and the allowlist does not grant, split by the rule of every never-widen check (``no_new_access``):
        those of a kind of access it lacks (a refusal) and the others (said). A grant of the source's own that no
        canonical id names (Roo's ``mcp`` group) counts as what its dialect reads it as (``grants_of``, and
        ``[tool_covers]``: the group reads MCP resources too)."""
        origin = ctx.agent.origin
        source = registry.get(origin.dialect) if origin is not None and origin.dialect in registry.ids() else None
        granted: set[str] = set()
        for g in ctx.agent.tools.allowed():  # a scoped grant holds its kind of access (its scope is refused apart)
            if g.canonical:
                granted.add(g.canonical)
            elif source is not None and g.raw in source.crosswalk.valid:
                granted |= source.crosswalk.grants_of([g.raw])
        for covered, needs in (source.table.get("tool_covers", {}) if source is not None else {}).items():
            if set(needs) <= granted:
                granted.add(covered)
        held = {capability(c) for c in granted}
        lacks, also = [], []
        for canonical, name in parent.items():
            if canonical not in granted:
                (also if no_new_access(capability(canonical), held) else lacks).append(name)
        return lacks, also

    def lift_session_denials(self, ctx: "WriteContext", cannot: list[str]) -> list[str]:
        """Of the denied tools this dialect cannot deny (``cannot``, canonical ids), the session tools when they are
        all there is (a todo list, a question to the user, a skill: tools.toml ``[classes] session``, no reach beyond
        the session): the agent keeps them, said as a warning, not refused, since gaining one is no new kind of access
        (``no_new_access``, the rule the never-widen check applies; as Roo's tools given to every mode). Returns them
        (none when another tool is among ``cannot``: that refusal names them all)."""
        session = [c for c in cannot if capability(c) == "session"]
        if not session or len(session) < len(cannot):
            return []
        ctx.report.add(LossCode.TOOL_BROADENED, "tools", variant="session-deny", dialect=self.said,
                       tools=", ".join(session))
        ctx.carry_tools()  # the way back denies them again
        return session

    def supports_patterns(self) -> bool:
        return self.table.get("tools_shape") in ("comma", "permission")

    def holds_scope(self, grant: Grant) -> bool:
        """Whether an allow entry of this dialect's tool list keeps ``grant``'s scope (``Bash(git diff *)`` only that
        command): where the table's ``[parser] allow_scopes`` names the tools that do (Claude Code's subagent
        ``tools``: only Agent's), any other tool's scope gives the whole tool; an MCP tool or server is its own name."""
        if not self.supports_patterns():
            return False
        held = self.table.get("parser", {}).get("allow_scopes")
        return held is None or grant.canonical in held or split_mcp(grant.canonical or "") is not None

    def scope_ignored(self, ctx: "WriteContext", grant: Grant) -> bool:
        """Whether ``grant``, an allowed scope, is one the record's source tool ignored: an entry of a list that keeps
        no scope of that tool (Claude Code's subagent ``tools``, ``[parser] allow_scopes``) gives the whole tool, so
        the whole tool written elsewhere is no wider than the first file (and the scope, where it is held, narrower)."""
        origin = ctx.agent.origin
        if origin is None or grant.decision != "allow" or not grant.pattern or origin.dialect not in registry.ids():
            return False
        source = registry.get(origin.dialect)
        return isinstance(source, ToolFields) and source.table.get("parser", {}).get("allow_scopes") is not None \
            and not source.holds_scope(grant)

    def say_scope_kept(self, ctx: "WriteContext", kept: list[Grant]) -> None:
        """Allowed scopes the source's tool ignored (``scope_ignored``) written here in their scope: the author's
        narrower intent, narrower than what the first file gave; said (tool-narrowed), the exact policy carried."""
        kept = dedupe(kept)
        if not kept:
            return
        origin = ctx.agent.origin
        reader = registry.get(origin.dialect).table["parser"].get("reader", origin.dialect)  # type: ignore[union-attr]
        ctx.report.add(LossCode.TOOL_NARROWED, "tools",
                       written=sentence("scope-ignored-kept", scopes=", ".join(dedupe(g.raw for g in kept)),
                                        dialect=self.said),
                       tools=sentence("scope-ignored-rest", tools=", ".join(dedupe(unscoped(g.raw) for g in kept)),
                                      reader=reader))
        ctx.carry_tools()

    def loose_allows(self, grants: list[Grant], key: str | None, report: LossReport) -> None:
        """The allow entries of this dialect's own tool list whose scope its tool ignores (``[parser] allow_scopes``:
        Claude Code's subagent ``tools`` gives ``Bash(git diff *)``'s Bash whole), said (value-invalid): the scope is
        kept in the record, so a target that holds it keeps the author's narrower scope (said there, tool-narrowed),
        and one that cannot writes the whole tool, which is what the first file gave (``scope_ignored``)."""
        if self.table.get("parser", {}).get("allow_scopes") is None:
            return
        loose = dedupe(g.raw for g in grants if g.decision == "allow" and g.pattern and not self.holds_scope(g))
        if loose:
            report.add(LossCode.VALUE_INVALID, "tools", variant="allow-scope", key=key, entries=", ".join(loose),
                       reader=self.table["parser"].get("reader", self.said),
                       tools=", ".join(dedupe(unscoped(r) for r in loose)))

    def own_scopes(self, ctx: "WriteContext") -> bool:
        """Whether the record's scopes were read from this dialect's own file, or from a file written from one and not
        edited since (its side channel's digest holds): they mean here what they meant there (in Claude Code's subagent
        ``tools``, the whole tool), so written back they are no wider than the first file."""
        origin = ctx.agent.origin
        keep = origin.keep if origin is not None else {}
        return origin is not None and (origin.dialect == self.id or keep.get("carried_from") == self.id and (
            ctx.carried_back("tools") or keep.get("carry_fresh") is True))

    def render_tools(self, mode: str, allowed: list[tuple[str, Grant]], denied: list[tuple[str, Grant]],
                     ctx: "WriteContext") -> dict[str, Any]:
        """Default shapes: ``comma`` (Claude) or ``list``; deny list in the ``tools.deny`` key."""
        keys = self.tool_fields
        shape = self.table.get("tools_shape", "list")
        own = self.own_scopes(ctx)
        fmt = (lambda n, g, held=True: n if not (g.pattern and self.supports_patterns() and held)
               else g.raw  # a spelling meaning the same
               if unscoped(g.raw) == n and self._grant_of(g.raw)[0] == g.pattern else f"{n}({g.pattern})")
        scoped = [(n, g) for n, g in allowed if g.pattern and (own or self.holds_scope(g))] \
            if mode in (ALLOWLIST, NONE) and self.supports_patterns() else []  # the allows written in their scope
        denied = self.gitignore_denials(ctx, scoped, denied)  # an allowed scope the list cannot hold: the whole tool
        allow_names = dedupe(fmt(n, g, own or self.holds_scope(g)) for n, g in allowed)  # (refused unless allowed)
        deny_names = dedupe(fmt(n, g) for n, g in denied)
        out: dict[str, Any] = {}
        if mode in (ALLOWLIST, NONE):
            out[keys["tools"]] = ", ".join(allow_names) if shape == "comma" else allow_names
            if shape == "comma" and ctx.agent.origin is not None and \
                    ctx.agent.origin.keep.get("carried_from") == self.id and \
                    ctx.agent.origin.keep.get("carried_styles", {}).get(keys["tools"]) in carry.LISTS:
                out[keys["tools"]] = allow_names  # written back as the first file spelled it, a YAML list (the side
                # channel's styles: a flow or block list, or `[]`), which this dialect reads as its comma string
        if deny_names:
            if "tools.deny" in keys:
                out[keys["tools.deny"]] = ", ".join(deny_names) if shape == "comma" else deny_names
                ctx.wrote(g for _, g in denied)
            elif mode != ALLOWLIST or any(g.pattern for _, g in denied) or excepted(allowed, denied):
                self.broaden(ctx, "deny", dialect=self.said, tools=", ".join(self.scoped_names(denied)))
        if ctx.tools_renamed:
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="spelling", dialect=self.said)
        if any(i.path == "tools" and i.code in _LOSSY for i in ctx.report.items[ctx.first:] if i.target == self.id):
            ctx.carry_tools()  # respelling alone needs no carry
        return out


    def gitignore_denials(self, ctx: "WriteContext", allowed: list[tuple[str, Grant]],
                          denied: list[tuple[str, Grant]]) -> list[tuple[str, Grant]]:
        """A file scope of OpenCode's (``[paths]`` of the source's table: matched against the path relative to the
        worktree, ``*`` crossing '/') written where the tool reads it as a .gitignore line (``[parser] path_rules``:
        Claude Code, whose ``*`` stays inside one folder): a deny is written so that it denies at least what it denied
        there (``src/*.key`` is ``src/**/*.key``; ``src/a*.key`` the wider ``src/a*``, said), since ``src/*.key``
        left src/x/b.key readable. An allow of a name without '/' (the worktree's top there) is taken at any depth:
        said (tool-broadened, as a case taken otherwise is, ``check_case``), where it is written in its scope (``allowed``:
        those allows only; not one written as the whole tool, as an OpenCode ``edit: {"notes.md": allow}`` is in a Claude
        Code subagent's ``tools``, nor one of a deny list, which writes no allow)."""
        origin = ctx.agent.origin
        theirs = registry.get(origin.dialect).table if origin is not None and origin.dialect in registry.ids() else {}
        names = set(theirs.get("paths", {}).get("names", ()))
        scoped = set(theirs.get("paths", {}).get("scoped", ()))  # Kiro's deniedPaths: the entry as raw (kiro.py)
        if not (names or scoped) or self.table.get("parser", {}).get("path_rules") != "gitignore":
            return denied
        out, wider, narrower, deeper = [], [], [], []
        held = {(g.canonical, g.raw, g.pattern) for _, g in denied if g.canonical in scoped}
        for n, g in denied:
            p = g.pattern
            if p and g.canonical in scoped and g.raw not in names:
                if p.endswith("/*") and (g.canonical, g.raw, p[:-2]) in held:
                    continue  # what is in a folder the line names: a .gitignore line denies that too
                if p.startswith("*/") and "/" not in p[2:] and not any(c in p[2:] for c in "*?") and \
                        (g.canonical, g.raw, p[2:]) in held:
                    continue  # `**/x` read as `x` and `*/x`: the line `x` matches at any depth
                if not any(c in p for c in "*?") and "/" not in p:
                    if (g.canonical, g.raw, f"*/{p}") not in held:
                        deeper.append(f"{n}({p})")  # a line without '/' matches at any depth there
                    out.append((n, g))
                    continue
            elif not p or g.raw not in names or not any(c in p for c in "*?"):
                out.append((n, g))
                continue
            if not any(c in p for c in "*?"):
                out.append((n, g))
                continue
            new, exact = _gitignore_superset(p)
            if not exact:
                narrower.append(sentence("star-one-folder-rule", tool=n, written=new, raw=g.raw, pattern=p))
            out.append((n, replace(g, pattern=new)))
        self.any_depth(ctx, allowed)
        if narrower:
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="star-one-folder", rules=", ".join(dedupe(narrower)),
                           dialect=self.said)
        if deeper:
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="any-depth", rules=", ".join(dedupe(deeper)),
                           dialect=self.said)
        return out

    def any_depth(self, ctx: "WriteContext", allowed: list[tuple[str, Grant]]) -> None:
        """Allows written in their scope (``allowed``: spelling, grant) where the tool reads a file scope as a
        .gitignore line (``[parser] path_rules``): one of OpenCode's naming a file without '/' (the worktree's top
        there) is taken at any depth here: said (tool-broadened), the exact policy carried."""
        origin = ctx.agent.origin
        theirs = registry.get(origin.dialect).table if origin is not None and origin.dialect in registry.ids() else {}
        names = set(theirs.get("paths", {}).get("names", ()))
        if not names or self.table.get("parser", {}).get("path_rules") != "gitignore":
            return
        wider = dedupe(f"{n}({g.pattern})" for n, g in allowed if g.pattern and g.raw in names and "/" not in g.pattern
                       and not g.pattern.startswith("*"))
        if wider:
            ctx.report.add(LossCode.TOOL_BROADENED, "tools", variant="any-depth", dialect=self.said,
                           tools=", ".join(wider))
            ctx.carry_tools()


def _gitignore_superset(pattern: str) -> tuple[str, bool]:
    """A .gitignore line matching every path OpenCode's ``pattern`` matches (its ``*`` any text, '/' too, ``**`` the
    same; ``?`` any one character), and whether it matches those alone: a last part led by ``*`` (``*.key``) is a name
    ending so at any depth, below the literal folders before it (``src/*.key``: ``src/**/*.key``), else anywhere
    (``**/*.key``: ``*.key``); a whole part ``*`` between folders (or first, before a literal name) one folder or more
    (``docs/*/*.md``: ``docs/*/**/*.md``, ``*/secrets``: ``*/**/secrets``); otherwise the line is cut after its first
    wildcard (``src/a*.pem``: ``src/a*``)."""
    p = pattern
    while "**" in p:
        p = p.replace("**", "*")
    parts = p.split("/")
    whole = "*" in parts[1:-1] or (len(parts) > 1 and parts[0] == "*" and parts[-1] in ("*", parts[-1].lstrip("*")))
    if whole and "?" not in p and all(x == "*" or not any(c in x for c in "*?")
                                      or i == len(parts) - 1 and _LEADING_STAR.fullmatch(x) for i, x in enumerate(parts)):
        # a whole part `*` takes one folder or more there (`docs/*/*.md`, which agentconv writes after an allow of
        # `docs/*.md`: `docs/*/**/*.md`; `*/secrets`: `*/**/secrets`), a last part led by `*` a name ending so at any
        # depth below: exact
        out: list[str] = []
        for i, x in enumerate(parts):
            last = i == len(parts) - 1
            out += ["**"] if x == "*" and last else ["*", "**"] if x == "*" else \
                [*([] if out[-1:] == ["**"] else ["**"]), x] if last and x.startswith("*") else [x]
        return "/".join(x for i, x in enumerate(out) if not (x == "**" and out[i - 1:i] == ["**"])), True
    head, _, seg = p.rpartition("/")
    if seg.startswith("*") and "?" not in seg:
        if not any(c in head for c in "*?"):
            return (f"{head}/**/{seg}" if head else seg), True
        return seg, False
    i = min(p.index(c) for c in "*?" if c in p)
    return p[:i] + "*", False


_LEADING_STAR = rx.compile(r"\*[^*?]*")
_LOSSY = frozenset({LossCode.TOOL_UNMAPPED, LossCode.TOOL_BROADENED, LossCode.FIELD_DROPPED, LossCode.FIELD_CARRIED})
"""What said about the tools makes the exact policy ride in the side channel (a respelling alone does not)."""
_RANK = {"deny": 0, "ask": 1, "allow": 2}


@cache
def _asks_all() -> tuple[tuple[str, str], ...]:
    """(dialect, extension key) whose value ``ask`` says every tool not named asks before each call (a table's
    ``asks_all``: OpenCode's ``permission``)."""
    return tuple((d.id, d.table["asks_all"]) for d in registry.all_dialects() if d.table.get("asks_all"))
_MEMO = SimpleNamespace()
"""The memos of the never-widen lookups below (``helpers.memo``)."""


def _classed(wider: frozenset[str], granted: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``judge``'s table lookup: the tools of ``wider`` that widen, that only warn, that are the same permission."""
    held = {capability(c) for c in granted}
    widen, warn, same = [], [], []
    for c in sorted(wider):
        cls = capability(c)
        if cls == "files" and cls in held:
            same.append(c)
        elif no_new_access(cls, held):
            warn.append(f"{c} ({cls})")
        else:
            widen.append(f"{c} ({cls})")
    return tuple(widen), tuple(warn), tuple(same)


@cache
def _class_members() -> dict[str, frozenset[str]]:
    """Capability class -> its canonical ids (data/tools.toml)."""
    out: dict[str, set[str]] = {}
    for c in vocabulary():
        out.setdefault(capability(c), set()).add(c)
    return {k: frozenset(v) for k, v in out.items()}


def implied_denials(policy: ToolPolicy, source: str | None) -> frozenset[str]:
    """Tools a deny list denies by kind, not by name: where the source denies, unscoped, every tool of a capability
    class its own dialect has a name for and allows none of that class, the class's other tools (which its tool lacks)
    are denied too. OpenCode has one command tool and one edit permission: ``bash: deny`` leaves an agent no way to run
    a command, ``edit: deny`` none to change a file ("edit: ... all file modifications (edit, write, patch,
    multiedit)", opencode.ai/docs/permissions, read 2026-11-28), so VS Code's runTests and createAndRunTask (run tasks
    and tests) or editNotebook, Claude Code's Monitor (runs a command in the background), PowerShell and NotebookEdit
    would be access the source never had. A dialect with no tool names (Codex's sandbox, Cursor's readonly) denies
    by kind whatever it denies. Empty for any other policy."""
    if policy.mode != DENYLIST or source is None or source not in registry.ids():
        return frozenset()
    named = set(registry.get(source).crosswalk.written)
    denied = {g.canonical for g in policy.denied() if g.pattern is None and g.canonical}
    # a class stays closed under a scope allowed of a denied tool (`bash: {"*": deny, "git diff*": allow}`): the source
    # runs those commands only, never a task or the tests
    opened = {capability(g.canonical) for g in policy.grants
              if g.decision != "deny" and g.canonical and g.pattern is None}
    out: set[str] = set()
    for cls, ids in _class_members().items():
        if cls not in opened and ids & denied and ids & named <= denied:
            out |= ids - denied
    return frozenset(out)


def implied_of(policy: ToolPolicy, origin: Origin | None) -> tuple[frozenset[str], str]:
    """``implied_denials`` in the terms of every dialect the policy was read in, and why, as the report says it: the
    file's own, and another dialect's whose tool field the file holds (``tools_read_as``: an OpenCode ``permission``
    map in a Claude agent is read as OpenCode's tool list, so its ``bash: deny`` means what it means to OpenCode, no
    command at all, VS Code's runTests and createAndRunTask included). Only ever more tools denied, never fewer."""
    if origin is None:
        return frozenset(), ""
    out: set[str] = set()
    why = []
    # a policy given back from the side channel is spelled in the dialect it was carried from (a Claude deny list of
    # TodoWrite through a Codex role that cannot deny it): its names mean what they mean there, not by Codex's kinds
    first = origin.keep.get("carried_from") if "tools" in origin.keep.get("carried", ()) else None
    for source in dedupe((first if isinstance(first, str) else origin.dialect, *origin.keep.get("tools_read_as", ()))):
        implied = implied_denials(policy, source)
        if implied:
            out |= implied
            why.append(_implied_why(source, implied))
    return frozenset(out), "; ".join(why)


def _class_meaning(cls: str) -> str:
    """What a capability class lets an agent do (data/tools.toml ``[classes]``), as a verb phrase."""
    from .. import tables

    return tables.builtin("tools.toml")["classes"].get(cls, cls)


def _implied_why(source: str, implied: frozenset[str]) -> str:
    kinds = sorted({capability(c) for c in implied})
    return sentence("implied-why", source=source, kinds=" and ".join(kinds))


def runs_unasked(policy: ToolPolicy, canonical: str) -> bool:
    """Whether ``policy`` grants tool ``canonical`` whole to run unasked: Kiro's ``allowedTools`` trusting it, read as
    an ``allow`` where a tool the list does not trust reads ``ask`` (``Kiro._asked``)."""
    if policy.mode == ALLOWLIST:
        mine = [g for g in policy.grants if g.canonical == canonical and g.pattern is None]
        return bool(mine) and all(g.decision == "allow" for g in mine)
    if policy.mode in (INHERIT, DENYLIST):
        return not any(g.canonical == canonical and g.pattern is None and g.decision != "allow" for g in policy.grants)
    return False


def settle(policy: ToolPolicy) -> bool:
    """A tool policy whose deny grants meet its allows, as every tool that holds both runs it; True when it changed.

    - In an allowlist, a tool denied whole is not granted, though listed: Claude Code gives a subagent its list less
      its ``disallowedTools`` and a deny rule wins at the call (2.1.330, ``runAgent``); Gemini CLI takes an excluded
      tool out of the registry a subagent draws from (``ToolRegistry.getActiveTools``, google-gemini/gemini-cli
      5411f113); Kiro resolves "deny > ask > allow" whatever the order (kiro.dev/docs/cli/v3/permissions, read
      2026-11-28); another tool's deny key in a file (a Claude ``disallowedTools`` in a Gemini agent) only narrows its
      list. OpenCode's last matching rule wins instead: its reader settles the order first (``OpenCode._standing``), so
      no such pair is left standing there. Its allow (or ask) grants go, the deny stays; an MCP server denied whole
      takes its tools. Nothing left granted: no tools.
    - A scoped deny of a tool the policy allows in no scope takes nothing from it: dropped, so no target that cannot
      deny a scope reads it as a tool to take back. In an allowlist, a tool it does not grant (``Bash(rm *)`` beside
      ``tools: Read``: Gemini, Copilot, Kiro and Roo refused "lifting run_shell_command would grant it", OpenCode wrote
      ``bash: {"*": allow, "rm *": deny}``); in a deny list, a tool it denies whole (``disallowedTools: Bash, Bash(rm
      *)``: refused there as "lifting the denial of Bash(rm *)"). Beside a scope allowed of the tool (OpenCode ``bash:
      {"*": deny, "git *": allow, "git push *": deny}``) it stays: it narrows that exception. A whole deny of a tool an
      allowlist does not list stays (every writer leaves it out of an allowlist; a Claude agent's ``disallowedTools``
      comes back as written), and so does a deny no table knows (``context7*``: what it matches is not known)."""
    if policy.mode not in (ALLOWLIST, DENYLIST) or not any(g.decision == "deny" for g in policy.grants):
        return False
    whole = {g.canonical for g in policy.grants if g.decision == "deny" and g.pattern is None and g.canonical}
    grants = policy.grants
    if policy.mode == ALLOWLIST:
        grants = [g for g in grants if g.decision == "deny" or g.canonical not in whole
                  and not server_of(g.canonical, whole)]
    opened = {g.canonical for g in grants if g.decision != "deny" and g.canonical}
    grants = [g for g in grants if g.decision != "deny" or g.pattern is None or g.canonical is None
              or g.canonical in opened or any(server_of(g.canonical, {c}) for c in opened)
              or policy.mode == DENYLIST and g.canonical not in whole]
    mode = policy.mode
    if mode == ALLOWLIST and not any(g.decision != "deny" for g in grants):
        mode, grants = NONE, []
    if mode == policy.mode and grants == policy.grants:
        return False
    policy.mode, policy.grants = mode, grants
    return True


def denying(current: ToolPolicy, grants: list[Grant]) -> ToolPolicy:
    """A policy of ``grants`` (``current``'s and the deny grants added to them), settled, in ``current``'s mode, where
    every tool inherited becomes a deny list: what a deny read beside a policy (a rule, a mode, a skill's entries)
    makes of it."""
    policy = ToolPolicy(DENYLIST if current.mode == INHERIT else current.mode, grants)
    settle(policy)
    return policy


def own_denies(agent: Agent) -> tuple[ToolPolicy | None, dict[str, list[int]]]:
    """The deny rules of the source's own keys that its tool policy can say, for a write into another dialect (one
    that cannot hold the key): ``[own] KEY = {denies = {FIELD = [values]}, tools = {CAPABILITY = [ids]}}`` (kiro-md's
    ``permissions``). A rule of a capability the table maps, without ``exclude``, that denies tools the policy does not
    grant takes nothing away (``capability: shell`` beside ``tools: [read]``); one without ``match`` (every call) is
    the same as those tools not granted: added as whole denies (an allowlist then leaves them out, ``settle``). Kiro
    resolves "deny > ask > allow" whatever the order (kiro.dev/docs/cli/v3/permissions, read 2026-11-28). Returns the
    policy with them (None: unchanged) and, per key, the indices of the rules said so (``_denies`` refuses only the
    others: a scoped deny of a granted tool, an ``exclude``, a capability no table maps). A key whose every entry is a
    deny rule (``denies = "entries"``: a Claude Code skill's ``disallowed-tools``) is said whole, its entries the
    policy's deny grants (``_entries_denied``): the target's tool writer writes them as it writes any deny list (Claude
    Code's ``disallowedTools`` and a command's ``disallowed-tools``, OpenCode's ``permission``, the complement of an
    allowlist), narrower where it must (said), or refuses them as it refuses any deny it cannot say."""
    origin = agent.origin
    ns = origin.dialect if origin is not None else None
    if ns is None or ns not in registry.ids():
        return None, {}
    policy, said = None, {}
    for key, spec in registry.get(ns).table.get("own", {}).items():
        rules, tools, denies = agent.extensions.get(ns, {}).get(key), spec.get("tools"), spec.get("denies")
        if denies == "entries" and (entries := rule_entries(rules)):  # every entry a deny rule (a skill's
            policy = _entries_denied(registry.get(ns), entries, policy or agent.tools)  # disallowed-tools)
            said[key] = list(range(len(entries)))
            continue
        if not isinstance(rules, list) or not tools or not denies:
            continue
        field, values = next(iter(denies.items()))
        # rules for every call first: Kiro's rules hold whatever their order, and a scope of a tool denied whole is
        # then a tool not granted
        for i, rule in sorted(enumerate(rules), key=lambda r: bool(isinstance(r[1], dict) and r[1].get("match"))):
            if not isinstance(rule, dict) or rule.get(field) not in values or rule.get("exclude"):
                continue
            ids = tools.get(rule.get("capability"), ())
            current = policy or agent.tools
            if not ids or current.mode not in (INHERIT, DENYLIST, ALLOWLIST, NONE):
                continue
            if current.mode == NONE:
                held: set[str] = set()
            elif current.mode == ALLOWLIST:
                held = {g.canonical for g in current.allowed() if g.canonical in ids}
            else:
                held = set(ids) - {g.canonical for g in current.denied() if g.pattern is None}
            if held and rule.get("match"):
                continue  # a scope of a tool it grants: not said here
            if held:
                raw = str(rule.get("capability"))
                policy = denying(current, [*current.grants, *(Grant(raw, c, "deny") for c in held)])
            said.setdefault(key, []).append(i)
    return policy, said


def mode_denies(agent: Agent, target: str
                ) -> tuple[ToolPolicy | None, dict[tuple[str, str], tuple[list[str] | None, set[str]]]]:
    """The modes among the record's own keys that hold it to less (``[own] KEY = {denies = {modes = [...],
    capabilities = [...]}}``: Claude Code's ``permissionMode: plan``) written, for ``target`` (a dialect that cannot
    hold the key), as the tools of those kinds not granted: an allowlist leaves out the ones it names, a deny list (or
    every tool) denies every tool of those kinds (``tools.of_classes``), and no allow or ask of one is left. The target
    writes that policy or refuses it as it would any such deny (Codex's sandbox, Cursor's readonly: ``read_only_shell``).
    Returns the policy (None: unchanged) and, per (namespace, key) said so, the names of the tools left out (None:
    every tool of those kinds) and the kinds of those tools; a mode whose kinds the policy grants no tool of takes
    nothing and is not named."""
    policy: ToolPolicy | None = None
    said: dict[tuple[str, str], tuple[list[str] | None, set[str]]] = {}
    for ns, fields in agent.extensions.items():
        if ns == target or ns not in registry.ids():
            continue
        own = registry.get(ns).table.get("own", {})
        for key, value in fields.items():
            rule = own.get(key, {}).get("denies") if isinstance(own.get(key), dict) else None
            if not isinstance(rule, dict) or "modes" not in rule or isinstance(value, (dict, list)) or \
                    value not in rule["modes"]:
                continue
            current, kinds = policy or agent.tools, rule["capabilities"]
            forbidden = [g for g in current.allowed() if g.canonical and in_classes(g.canonical, kinds)]
            if current.mode == NONE or current.mode == ALLOWLIST and not forbidden:
                continue
            whole = {g.canonical for g in current.denied() if g.pattern is None}
            ids = dedupe(g.canonical for g in forbidden) if current.mode == ALLOWLIST else \
                [c for c in of_classes(kinds) if c not in whole]
            grants = [g for g in current.grants if g.decision == "deny" or g not in forbidden]
            policy = denying(current, [*grants, *(Grant(str(c), c, "deny") for c in ids if c not in whole)])
            said[(ns, key)] = (dedupe(g.raw for g in forbidden) if current.mode == ALLOWLIST else None,
                               {capability(c) for c in ids})
    return policy, said


def mode_narrowed(policy: ToolPolicy, fields: dict[str, Any]) -> ToolPolicy:
    """``policy`` as the modes among ``fields`` (IR path -> value, a side channel's: ``extensions.claude.permissionMode``
    -> ``plan``) hold it (``mode_denies``): what a carried tool policy grants beside a carried mode, as the tool that
    restores both runs it (Claude Code's plan mode: no edit, no command but the read-only ones)."""
    extensions: dict[str, dict[str, Any]] = {}
    for path, value in fields.items():
        head, _, rest = path.partition(".") if isinstance(path, str) else ("", "", "")
        ns, _, key = rest.partition(".")
        if head == "extensions" and key:
            extensions.setdefault(ns, {})[key] = value
    narrowed = mode_denies(Agent(tools=policy, extensions=extensions), "")[0] if extensions else None
    return narrowed or policy


def _entries_denied(dialect: Any, entries: list[str], current: ToolPolicy) -> ToolPolicy:
    """``current`` with the deny rules ``entries`` (``[own] KEY = {denies = "entries"}``: a Claude Code skill's
    ``disallowed-tools``, deny rules while the skill runs, scopes kept) as deny grants, each as ``dialect`` reads a
    rule: a deny list where it was inherited (the skill's pre-approvals stay its allow decisions), the same mode
    otherwise. A ``*`` entry denies every tool (Claude Code keeps ``*`` alone and glob-matches a deny rule against every
    tool: claude-command.toml ``[parser] star_entry``): no tools."""
    if "*" in entries or current.mode == NONE:
        return ToolPolicy(NONE, [])
    return denying(current, [*current.grants, *(g for n in entries for g in dialect.grants(n, "deny"))])


def excepted(allowed: list[tuple[str, Grant]], denied: list[tuple[str, Grant]]) -> list[tuple[str, Grant]]:
    """The whole-tool denies of an allowlist that one of its grants covers: an MCP tool of a server it allows whole
    (``mcp__github__*`` beside ``mcp__github__delete_repo`` denied), or of every server. Unlike a deny of a tool the
    list does not name, such a deny takes something away: a target that cannot write it would grant that tool."""
    wide = [split_mcp(g.canonical) for _, g in allowed if g.decision != "deny" and g.pattern is None and g.canonical]
    out = []
    for n, g in denied:
        tool = split_mcp(g.canonical) if g.pattern is None and g.canonical else None
        if tool and any(w and w[1] == "*" and w != tool and w[0] in ("*", tool[0]) for w in wide):
            out.append((n, g))
    return out


def server_of(canonical: str | None, denied: set[str]) -> str | None:
    """The rule for a whole MCP server (``mcp__srv``, read as ``mcp:srv/*``) among ``denied`` that covers ``canonical``
    (``mcp:srv/tool``), if any."""
    if not canonical or not canonical.startswith("mcp:"):
        return None
    return next((d for d in denied if d.startswith("mcp:") and d.endswith("/*") and d != canonical
                 and canonical.startswith(d[:-1])), None)


def decisions_only(policy: ToolPolicy) -> bool:
    """A deny list that denies nothing: every tool available, some asked for, some allowed without asking (OpenCode
    ``bash: {"*": ask, "git status *": allow}``, read as a deny list for its asks). Where a field PRE-APPROVES tools (a
    Claude Code command's or a skill's ``allowed-tools``) its allows are said exactly, scopes too (``preapproved``);
    the asks are left to the target's own approval settings, reported there. It restricts nothing: no deny list."""
    return policy.mode == DENYLIST and not policy.denied()


@cache
def left_out_tools() -> frozenset[str]:
    """The tools whose allowed scope a target cannot hold leaves them out there (tools.toml ``[left_out] scoped``)."""
    from .. import tables

    return frozenset(tables.builtin("tools.toml").get("left_out", {}).get("scoped", ()))


def whole_tools(policy: ToolPolicy) -> set[str]:
    """The tools a policy lets run unscoped (allow or ask): a scope of one of them that a target cannot say is only
    a decision (``narrow_asked``), never access the whole tool does not give."""
    return {g.canonical for g in policy.allowed() if g.pattern is None and g.canonical}


def no_new_access(cls: str, held: set[str]) -> bool:
    """True when a tool of capability class ``cls`` gives an agent that holds ``held`` no new kind of access: a
    class it already holds, session tools, or read-only reach next to read access or a shell. The one rule both
    never-widen (``judge``) and the side channel (``within_classes``) apply."""
    return cls in held or cls == "session" or (cls == "read" and bool(held & {"read", "shell"}))


def within_classes(carried: ToolPolicy, visible: ToolPolicy,
                   between: tuple[str | None, str | None] = (None, None)) -> list[str] | None:
    """The side channel's test for a carried tool policy: None when it grants more than ``visible`` by capability
    (a new class, another MCP server, a laxer decision, a lifted scope or deny), else the tools it restores beyond
    the visible ones (each of a class the visible policy already grants unscoped: what a target that could not
    spell them dropped, e.g. WebSearch beside WebFetch through Copilot). ``between``: the dialect the carried policy
    is spelled in and the visible file's; where the file's path patterns are wildcards (``[paths] wildcards``,
    OpenCode) a carried scope the file holds as the wildcards that say it exactly (``regex_wildcards``: Roo's
    ``docs/.*\\.md`` as ``*docs/*.md*``) is compared as those wildcards."""
    carried = _as_wildcards(carried, visible, *between)
    if no_wider(carried, visible):
        return []
    if carried.mode != visible.mode or visible.mode not in (ALLOWLIST, NONE):
        return None
    held = {capability(g.canonical) for g in visible.allowed() if g.canonical and g.pattern is None}
    extra = [g for g in carried.allowed() if g.canonical and g.pattern is None and g.decision == "allow"
             and no_new_access(capability(g.canonical), held)]
    widened = ToolPolicy(visible.mode, visible.grants + extra)
    named = {g.canonical for g in visible.allowed()}
    return [g.raw for g in extra if g.canonical not in named] if no_wider(carried, widened) else None


def _as_wildcards(carried: ToolPolicy, visible: ToolPolicy, source: str | None, reads: str | None) -> ToolPolicy:
    """``carried`` with each scope its dialect (``source``) spells as a regular expression that the file of ``reads``
    holds, for the same tool and decision, as exactly the wildcards that say it (``within_classes``): as those."""
    ids = registry.ids()
    if not source or not reads or source == reads or source not in ids or reads not in ids or \
            not registry.get(reads).table.get("paths", {}).get("wildcards"):
        return carried
    held = {(g.canonical, g.decision, g.pattern) for g in visible.grants if g.pattern is not None}
    if not held:
        return carried
    dialect, grants, changed = registry.get(source), [], False
    for g in carried.grants:
        said = dialect.regex_wildcards(g) if g.pattern is not None else None
        if said and all((g.canonical, g.decision, w) in held for w in said):
            grants += [replace(g, pattern=w) for w in said]
            changed = True
        else:
            grants.append(g)
    return ToolPolicy(carried.mode, grants) if changed else carried


def plainly_within(dialect: ToolFields, carried: dict[str, Any], names: list[str]) -> bool:
    """``carry.refusal`` of the carried tool policy ``carried`` beside a header whose tool field allows exactly
    ``names`` (``allowed_names``), told without reading the header into a policy, for the usual case (nothing scoped
    on either side): True where each tool the carried allowlist allows or asks for is one of those the names allow
    (the same id, an MCP wildcard too), or is allowed and of a kind of access they already give (``no_new_access``,
    as ``within_classes``); denied ones narrow only. Then ``within_classes`` finds it within and nothing is refused.
    False: not told so (the full test decides)."""
    if type(carried) is not dict or carried.get("mode") != ALLOWLIST or carry.refusal("tools", carried) is not None:
        return False  # (the rules' own checks first: a well-formed policy)
    granted = set()
    for n in names:  # each name read once per dialect (``_allowed_ids``): a header's names are the writer's own words
        ids = dialect.__dict__.get("_allowed_ids_memo", KEPT).get(n, MISSING)
        if ids is MISSING:
            ids = memo(dialect, "_allowed_ids_memo", n, lambda: _allowed_ids(dialect, n), lambda: len(n))
        if ids is None:
            return False  # a scope: ``no_wider`` compares point by point
        granted.update(ids)
    if not granted:  # no grant read: not an allowlist there
        return False
    granted.discard(None)
    held = None
    for g in carried.get("grants", ()):
        decision, c = g.get("decision", "allow"), g.get("canonical")
        if g.get("pattern") is not None:
            return False
        if decision == "deny" or c in granted:
            continue
        if decision != "allow" or not c or c[-2:] == "/*" and c[:4] == "mcp:":
            return False
        if held is None:
            held = {capability(x) for x in granted if x}
        if not no_new_access(capability(c), held):
            return False
    return True


def _allowed_ids(dialect: ToolFields, name: str) -> tuple[str | None, ...] | None:
    """The canonical ids a tool field's ``name`` allows in ``dialect`` (``grants(name, "allow")``), None where one of its
    grants is scoped: ``plainly_within``'s reading of one name, a pure function of the name and the dialect's tables,
    remembered per dialect (issue 11: a carried policy is checked beside every header with a tool list)."""
    ids = []
    for g in dialect.grants(name, "allow"):
        if g.pattern is not None:
            return None
        ids.append(g.canonical)
    return tuple(ids)


def no_wider(narrow: ToolPolicy, wide: ToolPolicy) -> bool:
    """True when ``narrow`` lets no tool call through that ``wide`` would not, nor at a laxer decision (the side
    channel's test: a carried policy may only narrow the visible one). Conservative: at every tool (and scope)
    either names, ``narrow``'s most permissive entry is compared with ``wide``'s strictest; an allow entry on an
    inherited policy is a pre-approval, one step above the tool's own default."""
    if narrow == wide:
        return True
    n, w = _flat(narrow, max), _flat(wide, min)
    if n is not None and w is not None:  # no scope, no MCP wildcard: each point is decided by its own grants alone
        (n_default, n_ranks), (w_default, w_ranks) = n, w
        return all(r <= w_ranks.get(p, w_default) for p, r in n_ranks.items()) and (
            n_default == 0 or (n_default <= w_default and all(n_default <= r for p, r in w_ranks.items()
                                                              if p not in n_ranks)))
    points = {(_point(g), g.pattern) for g in narrow.grants + wide.grants} | {("", None)}
    n, w = _ranked(narrow), _ranked(wide)
    return all(_decision(n, *p, max) <= _decision(w, *p, min) for p in points)


def _point(g: Grant) -> str:
    return g.canonical or "raw:" + g.raw


def _flat(policy: ToolPolicy, pick) -> tuple[int, dict[str, int]] | None:
    """``no_wider``'s reading of a policy without scopes or MCP wildcards (None: it has one): the rank of a point no
    grant names, and each named point's rank (``pick`` of its grants' ranks, as ``_decision`` gives it)."""
    listed = policy.mode in (ALLOWLIST, NONE)
    ranks: dict[str, int] = {}
    for g in policy.grants:
        point = _point(g)
        if g.pattern is not None or (point[-2:] == "/*" and point.startswith("mcp:")):
            return None
        rank = _RANK.get(g.decision, 0) + (0 if listed or g.decision != "allow" else 1)
        ranks[point] = pick(ranks[point], rank) if point in ranks else rank
    return (0 if listed else 2), ranks


def _ranked(policy: ToolPolicy) -> tuple[bool, dict[str, list[tuple[str | None, int]]], list[tuple[str, str | None, int]]]:
    """A policy's grants as (listed, point -> [(pattern, rank)], [(prefix, pattern, rank)] of the MCP wildcards), so
    each point ``no_wider`` asks about looks only at the grants that can cover it."""
    listed = policy.mode in (ALLOWLIST, NONE)
    exact: dict[str, list[tuple[str | None, int]]] = {}
    wild: list[tuple[str, str | None, int]] = []
    for g in policy.grants:
        point, rank = _point(g), _RANK.get(g.decision, 0) + (0 if listed or g.decision != "allow" else 1)
        if point.startswith("mcp:") and point.endswith("/*"):  # mcp:srv/* covers itself and every mcp:srv/<tool>
            wild.append((point[:-1], g.pattern, rank))
        else:
            exact.setdefault(point, []).append((g.pattern, rank))
    return listed, exact, wild


def _decision(ranked: tuple[bool, dict, list], key: str, pattern: str | None, pick) -> int:
    listed, exact, wild = ranked
    ranks = [r for p, r in exact.get(key, ()) if p is None or p == pattern]
    ranks += [r for prefix, p, r in wild if (p is None or p == pattern) and key.startswith(prefix)]
    return pick(ranks) if ranks else (0 if listed else 2)
