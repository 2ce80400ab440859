"""OpenCode agents (``.opencode/agent/NAME.md``; the name comes from the file path).

Tools are a ``permission`` map (``ask``/``allow``/``deny`` per tool, or a pattern map where the last
matching rule wins) or the deprecated ``tools`` name->bool map. An allowlist is written as
``"*": deny`` first, then what is granted (docs: https://opencode.ai/docs/permissions/).
"""
from __future__ import annotations

import copy
from dataclasses import replace
import re
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import registry, rx
from ..ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Agent, Grant, Origin
from ..loss import LossCode, LossReport, sentence
from .base import Dialect
from ..tools import split_mcp
from .helpers import shown_path, split_commas
from .toolpolicy import excepted, settle, whole_tools

if TYPE_CHECKING:
    from .base import WriteContext


class OpenCode(Dialect):
    id = "opencode"
    tool_keys = ("permission", "tools")  # all read_tools reads

    def project_base(self, file: str) -> Any:
        """A markdown agent's project configs (``opencodejson.project_base``)."""
        if "opencode/agent" not in file.replace("\\", "/"):
            return None
        from ..envelopes import opencodejson

        return opencodejson.project_base(file)

    def read_extra(self, agent: Agent, parsed: Any, path: str | None, report: LossReport) -> None:
        """A value outside the closed set OpenCode's schema takes makes it refuse the whole configuration: ``mode`` is
        ``Schema.Literals(["subagent", "primary", "all"])``, ``color`` a ``#RRGGBB`` or one of its theme names
        (AgentSchema, packages/core/src/v1/config/agent.ts, anomalyco/opencode 24e02906, read 2026-11-28; opencode
        1.18.33 via validate-opencode, 2026-11-28: "Configuration is invalid ... Expected "subagent" | "primary" |
        "all", got "banana"", a number or a case other than its own too). Said (file-rejected), the value read as
        written (no other dialect writes a mode it does not know), and given back as it came in its own dialect."""
        data = parsed.data if isinstance(parsed.data, dict) else {}
        lines = {c.key: c.line for c in getattr(parsed.layout, "chunks", ())}
        values = self.table.get("values", {})
        for key, ipath in self.table.get("fields", {}).items():
            value, field = data.get(key), ipath.rpartition(".")[2]
            allowed = values.get(field)
            if value is None or allowed is None or isinstance(value, (list, dict)) and ipath == "role":
                continue  # no value: [validate] null_values; a list or map of one value: refused on reading (ONE_VALUE)
            if allowed == "hex":
                themes = values.get(f"{field}_themes", [])
                if isinstance(value, str) and (value in themes or re.fullmatch(r"#[0-9a-fA-F]{6}", value)):
                    continue
                problem = sentence("rejected-not-colour", key=key, value=value, themes=", ".join(themes))
            elif value in allowed:
                continue
            else:
                problem = sentence("rejected-not-one-of", key=key, value=value, allowed=", ".join(map(str, allowed)))
            self.reject_file(agent, report, "OpenCode", problem, path=ipath, line=lines.get(key),
                             reading=sentence("reading-as-written"))

    def read_tools(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        base = agent.origin.keep.get("base") if agent.origin is not None else None
        if base is not None:
            data = self._based(agent, data, base, report)
        perm, tools = data.get("permission"), data.get("tools")
        if "tools" in data and not isinstance(tools, dict):  # `tools: []`, `tools: [read]`, `tools: "*"`, `tools:`
            # OpenCode refuses the file: the narrowest reading of what it says (never every tool for a list of names)
            names = [str(v) for v in tools if v is not None] if isinstance(tools, list) else \
                split_commas(tools) if isinstance(tools, str) and tools.strip() not in ("", "*") else None
            self.reject_file(agent, report, "OpenCode", sentence("rejected-tools-none-not-map") if tools is None else
                             sentence("rejected-tools-not-map", type=type(tools).__name__), path="tools",
                             reading=sentence("reading-no-tools") if names is None else
                             sentence("reading-allowlist", names=", ".join(names)) if names else
                             sentence("reading-allowlist-empty"))
            tools = None if names is None else {"*": False, **dict.fromkeys(names, True)}
        if perm is None and tools is None:
            return
        default, rest = None, []
        rules: list[tuple[str, str | None, str, list[Grant]]] = []  # (permission, pattern, decision, its grants), in
        # the order OpenCode applies them
        if isinstance(tools, dict):
            switches = {n: perm for perm, names in self.table.get("tools_map", {}).items() for n in names}
            # a permission entry for the same key replaces the switch: OpenCode turns `tools` into permissions and
            # merges `permission` over them (opencode-ai 1.18.33 `debug agent`: `tools: {bash: true}` beside
            # `permission: {bash: {"*": deny, "git *": allow}}` leaves only the two bash rules; run 2026-11-27)
            over = set(map(str, perm)) if isinstance(perm, dict) else set()
            for name, on in tools.items():
                if name == "*":
                    default = "allow" if on else "deny"
                    rules.append(("*", None, default, []))
                elif switches.get(str(name), str(name)) not in over:  # `write: false` switches the edit permission
                    key = switches.get(str(name), str(name))
                    rules.append((key, None, "allow" if on else "deny", self.grants(key, "allow" if on else "deny")))
        if isinstance(perm, str):
            default = perm
            rules.append(("*", None, perm, []))
        elif isinstance(perm, dict):
            guards, asked_as = self.table.get("guards", {}), self.table.get("permission_asked_as", {})
            for name, rule in perm.items():
                meant = asked_as.get(str(name))  # a tool name no call asks under ([permission_asked_as])
                if meant and _said(rule) != _said(perm.get(meant, perm.get("*", "allow"))):
                    report.add(LossCode.VALUE_INVALID, "tools", variant="permission-asked-as", name=name,
                               rule=_said(rule), meant=meant)
                    continue  # one that says what `meant` says is read as before: the same grants, in their order
                if name in guards:  # a situation OpenCode asks about, not a tool ([guards])
                    if rule != guards[name]:
                        report.add(LossCode.FIELD_DROPPED, "tools", variant="opencode-guard", name=name,
                                   rule=_said(rule))
                        if agent.origin is not None and "deny" in (rule.values() if isinstance(rule, dict) else
                                                                   (rule,)):  # what a target may hold less of
                            agent.origin.keep["guards"] = {**agent.origin.keep.get("guards", {}), str(name): tuple(
                                self.table.get("guards_of", {}).get(str(name), ()))}
                    continue
                if _NO_TOOL.search(str(name)):  # `"rm -rf *": deny`: a pattern where a tool name belongs (_NO_TOOL)
                    report.add(LossCode.VALUE_INVALID, "tools", variant="permission-not-a-tool", name=name,
                               rule=_said(rule))
                    continue
                if name == "*":
                    default = str(rule)
                    rules.append(("*", None, default, []))
                elif isinstance(rule, dict):
                    for pattern, decision in rule.items():
                        scoped = self.grants(str(name), str(decision), None if pattern == "*" else str(pattern))
                        if pattern == "*" and str(decision) == "deny":
                            rest += scoped
                        rules.append((str(name), None if pattern == "*" else str(pattern), str(decision), scoped))
                else:
                    rules.append((str(name), None, str(rule), self.grants(str(name), str(rule))))
        grants = self._standing(rules, report)
        leaving = self._merged_denials(grants)
        if leaving and agent.origin is not None:
            agent.origin.keep["leaving"] = (*agent.origin.keep.get("leaving", ()), *leaving)
        if default == "deny":
            mode = ALLOWLIST if any(g.decision != "deny" for g in grants) else NONE
            # a tool's own "*": deny under "*": deny says what the allowlist says anyway: only the listed patterns
            grants = [g for g in grants if not any(g is r for r in rest)]
        else:  # nothing denied or asked under an allow default: every tool, as without the fields (a `tools` map of
            # only `true`s enables what is enabled anyway; was a deny list of nothing, written as Codex's read-only
            # sandbox or a list of the built-in tools, without the MCP tools: narrower than the source)
            mode = DENYLIST if any(g.decision != "allow" for g in grants) else INHERIT
            if default == "ask":
                agent.extensions.setdefault(self.id, {})["permission"] = "ask"
        agent.tools.mode, agent.tools.grants = mode, grants
        settle(agent.tools)  # a scoped deny of a tool "*": deny keeps out anyway (`bash: {"rm *": deny}`) denies nothing

    @staticmethod
    def _merged_denials(grants: list[Grant]) -> list[tuple[LossCode, str, dict[str, str]]]:
        """Say a tool denied because another OpenCode permission read as the same tool is denied. Two of OpenCode's
        tools are one tool elsewhere: ``codesearch`` (Exa code search) asks its own ``codesearch`` permission, not
        ``websearch`` (tool/codesearch.ts ``ctx.ask({permission: "codesearch", ...})``, anomalyco/opencode, read
        2026-11-29), and is read as a web search ([tool_aliases]). ``websearch: allow`` beside ``codesearch: deny``
        (get-shit-done's generated agents) is read as web search denied, as a deny wins where both stand: narrower
        than the source, never wider, and said (it was silent) where the file leaves OpenCode: written back as OpenCode
        the two keys stand as they came (``api.write``, ``origin.keep["leaving"]``)."""
        denied = {g.canonical: g.raw for g in grants if g.decision == "deny" and g.pattern is None and g.canonical}
        lost = {g.canonical: (g.raw, denied[g.canonical]) for g in grants
                if g.decision != "deny" and g.pattern is None and g.canonical in denied and g.raw != denied[g.canonical]}
        return [(LossCode.TOOL_NARROWED, "tools", {"variant": "opencode-one-tool", "kept": kept, "by": by})
                for _, (kept, by) in sorted(lost.items())]

    def _standing(self, rules: list[tuple[str, str | None, str, list[Grant]]], report: LossReport) -> list[Grant]:
        """The grants of the rules a later one does not replace. OpenCode flattens an agent's ``tools`` switches and
        ``permission`` entries into one ruleset in that order and applies the LAST rule that matches a call
        (permission/evaluate.ts ``rules.findLast``; a tool is hidden when its last rule is ``"*": deny``, ``disabled``;
        anomalyco/opencode, read 2026-11-28; "the last matching rule wins", opencode.ai/docs/permissions), so a rule for
        a whole tool (pattern ``*``) replaces every earlier rule its permission name matches (``Wildcard.match``:
        ``"web*"`` covers webfetch and websearch, ``"*"`` every tool): ``webfetch: allow`` then ``"web*": deny`` is no
        webfetch, ``"web*": deny`` then ``webfetch: allow`` is webfetch, ``read: allow`` then ``"*": deny`` no tool at
        all, ``bash: {"git tag *": allow, "*": deny}`` no shell, ``bash: {"rm *": deny, "*": allow}`` every command
        (opencode 1.18.33 ``debug agent`` on each, run offline 2026-11-28). Read as if every key's rules stood, a tool
        was both allowed and denied (Gemini and Kiro got web_fetch), or granted where nothing is (read and webfetch).
        A replaced rule that decided otherwise than what replaces it is said (value-read-as), never read."""
        out: list[Grant] = []
        gone: list[str] = []
        for i, (key, pattern, decision, grants) in enumerate(rules):
            later = [(k, d) for k, p, d, _ in rules[i + 1:] if p is None]
            kept, by = [], set()
            for g in grants:
                names = {key} if not _WILD.search(key) or g.canonical is None else \
                    set(self.crosswalk.write(g.canonical)) or {key}
                hits = [d for k, d in later for n in names
                        if k == "*" or k == n or _WILD.search(k) and _wildcard(k).fullmatch(n)]
                if hits:
                    by.add(hits[-1])  # the last of them decides the calls this one would have
                else:
                    kept.append(g)
            if by - {decision}:
                gone.append(f"'{key}" + (f" {pattern}" if pattern else "") + f": {decision}'")
            out += kept
        if gone:
            report.add(LossCode.VALUE_READ_AS, "tools", variant="opencode-replaced", rules=", ".join(dict.fromkeys(gone)))
        return out

    def grants(self, name: str, decision: str, pattern: str | None = None) -> list[Grant]:
        """A key is a wildcard over tool names (``Wildcard.match``: ``*`` any characters, ``?`` one;
        packages/opencode/src/util/wildcard.ts, matched against each tool's permission in permission/evaluate.ts,
        anomalyco/opencode, read 2026-11-28): ``"web*": false`` denies webfetch and websearch. A key no table knows
        that denies or asks (never one that allows: its match is not widened) is read as each OpenCode tool it
        matches too, beside itself, which stands for the tools no table knows it may match (MCP tools are named
        ``<server>_<tool>``, mcp/index.ts: ``context7*`` denies server context7's)."""
        out = super().grants(name, decision, pattern)
        if decision == "allow" or pattern is not None or name == "*" or not _WILD.search(name):
            return out
        server = [s for g in out for s, t in [split_mcp(g.canonical or "") or ("", "")] if t == "*"]
        if server == ["*"]:  # `*_*`: every MCP tool, and each OpenCode tool whose permission holds '_' (plan_exit;
            # never apply_patch, which asks `edit`: [permission_asked_as]) but one its defaults deny already, when it
            # denies ([mcp] all_denies_anyway)
            rx, asked = _wildcard(name), self.table.get("permission_asked_as", {})
            anyway = set(self.table["mcp"].get("all_denies_anyway", ())) if decision == "deny" else set()
            return out + [Grant(name, c, decision) for c in dict.fromkeys(
                c for n, cs in self.crosswalk.valid.items() if rx.fullmatch(asked.get(n, n)) and n not in anyway
                for c in cs if not split_mcp(c))]
        if len(out) == 1 and server and name.endswith("_*"):
            # `github_*` matches the tools of every server whose name begins `github_` too (`github_enterprise`'s):
            # one it denies or asks of that no table can name, kept beside server github's, never dropped
            return [*out, Grant(name, None, decision)]
        if any(g.canonical is not None for g in out):
            return out
        rx = _wildcard(name)
        ids = dict.fromkeys(c for n, cs in self.crosswalk.valid.items() if rx.fullmatch(n) for c in cs)
        return [Grant(name, c, decision) for c in ids] + out

    def _based(self, agent: Agent, data: dict[str, Any], base: Any, report: LossReport) -> dict[str, Any]:
        """The file's tool keys with its configs' rules beneath them (``opencodejson.project_base``: OpenCode merges
        a project's top-level ``permission`` and ``tools`` before every agent's own, agent.ts), so the policy read is
        what the agent may do where it is. The file's own keys are kept for a write back into OpenCode, where the
        configs apply again (``write_tools``)."""
        from ..envelopes.opencodejson import based

        for name, problem in base.unread:
            report.add(LossCode.VALUE_INVALID, "tools", variant="config-unreadable", config=shown_path(name),
                       problem=problem, tool="OpenCode", setting="rules", record="agent")
        under = based(base.data, data)
        if not under:
            return data  # nothing given, or the agent's own catch-all leaves nothing of the configs' standing
        agent.origin.keep["own_tools"] = {k: data[k] for k in self.tool_keys if k in data}  # type: ignore[union-attr]
        keys = " and ".join(f"'{k}'" for k in base.data)
        files = ", ".join(map(shown_path, base.files))
        report.add(LossCode.VALUE_READ_AS, "tools", variant="opencode-configs", keys=keys, files=files)
        return {**{k: v for k, v in data.items() if k != "tools"}, **under}

    def allowed_names(self, header: dict[str, Any]) -> list[str] | None:
        """``Dialect.allowed_names`` for this ``read_tools``: a ``permission`` map of ``"*": deny`` and tools set to
        ``allow`` (its guards aside), no ``tools`` map: an allowlist of those names (what ``render_tools`` writes)."""
        perm = header.get("permission")
        if type(self).read_tools is not OpenCode.read_tools or "tools" in header or not isinstance(perm, dict):
            return None
        guards, names, default = self.table.get("guards", {}), [], None
        for name, rule in perm.items():
            if name in guards:
                continue  # a situation OpenCode asks about, not a tool (read_tools)
            if name == "*":
                if names:
                    return None  # a catch-all after them replaces them (the last rule wins: ``_standing``)
                default = str(rule)
            elif isinstance(rule, dict) or str(rule) != "allow":
                return None
            else:
                names.append(str(name))
        return names if default == "deny" else None

    def write_tools(self, ctx: WriteContext) -> dict[str, Any]:
        """An entry of OpenCode's config (``opencode-json``) holds this dialect's very tool keys: written as it wrote
        them while they still mean the policy (as a file of this dialect: ``_tools_as_written``)."""
        origin = ctx.agent.origin
        if origin is not None and origin.dialect == self.id and "own_tools" in origin.keep:
            # read with its configs' rules beneath (``_based``): written back into OpenCode, where they apply again, as
            # its own keys while the policy is the one read
            own, scratch = origin.keep["own_tools"], Agent(origin=Origin(self.id, keep={"base": origin.keep["base"]}))
            self.read_tools(scratch, dict(own), LossReport())
            if scratch.tools == ctx.agent.tools and not ctx.carried_back("tools"):
                return copy.deepcopy(own)
        entry = getattr(origin.layout, "data", None) if origin is not None and origin.dialect != self.id else None
        if isinstance(entry, dict) and registry.get(origin.dialect).table.get("readers", {}).get("agent") == self.id:
            old = {k: entry[k] for k in self.tool_keys if k in entry}
            scratch = Agent()
            self.read_tools(scratch, dict(old), LossReport())
            if old and scratch.tools == ctx.agent.tools and not ctx.carried_back("tools"):
                return copy.deepcopy(old)
        return super().write_tools(ctx)

    def narrow_regexes(self, ctx: "WriteContext", allowed: list[tuple[str, Grant]]) -> list[tuple[str, Grant]]:
        """A source's path regex OpenCode's wildcards say exactly (``regex_wildcards``: Roo's ``docs/.*\\.md`` is
        ``*docs/*.md*``; util/wildcard.ts matches ``*`` as any text, '/' too, against the whole relative path) is
        written as those wildcards, the source's policy carried for the way back; any other as before (narrowed
        to its texts, or refused)."""
        if not any(g.pattern for _, g in allowed):  # no scope (most lists): nothing to say otherwise (issue 11)
            return allowed
        origin = ctx.agent.origin
        if origin is None or origin.dialect == self.id or origin.dialect not in registry.ids() or \
                not self.table.get("paths", {}).get("wildcards"):
            return super().narrow_regexes(ctx, allowed)
        source, whole = registry.get(origin.dialect), whole_tools(ctx.agent.tools)
        names = set(self.table.get("paths", {}).get("names", ()))
        out: list[tuple[str, Grant]] = []
        for n, g in allowed:
            got = source.regex_wildcards(g) if g.pattern and n in names and g.canonical not in whole else None
            out += [(n, g)] if got is None else [(n, replace(g, pattern=w)) for w in got]
        if len(out) != len(allowed) or any(a[1] is not b[1] for a, b in zip(out, allowed)):
            ctx.carry_tools()
        return super().narrow_regexes(ctx, out)

    def check_broaden(self, ctx: "WriteContext", allowed: list[tuple[str, Grant]], policy: Any) -> None:
        super().check_broaden(ctx, allowed, policy)
        self.check_server_prefix(ctx, allowed, policy)

    def check_server_prefix(self, ctx: "WriteContext", allowed: list[tuple[str, Grant]], policy: Any) -> None:
        """Never widen: OpenCode names an MCP tool ``<server>_<tool>`` (both with every character but letters, digits,
        '_' and '-' made '_': packages/opencode/src/mcp/index.ts ``tools()``, anomalyco/opencode 001133bc) and matches a
        permission key as a wildcard over those names (util/wildcard.ts), so ``github_*`` written for server github
        grants server github_enterprise's tools too. A server the policy names that the wildcard also matches, not
        granted whole, would be granted: refused (exit 6; ``--allow-broaden`` records it). Any other server whose name
        begins so is unknown here (it may be configured in the user's or the project's opencode.json): said as
        ``tool-prefix`` (``names_for``, ``[mcp] wildcard_is_prefix``)."""
        if policy.mode not in (ALLOWLIST, NONE):
            return
        wild = [(n, g) for n, g in allowed if g.decision != "deny" and g.pattern is None and self.prefix_wildcard(g)]
        if not wild:  # ([mcp] wildcard_is_prefix) no server's every tool written: nothing to match (most lists)
            return
        whole = {s for g in policy.allowed() if g.pattern is None and g.decision != "deny"
                 for s, t in [split_mcp(g.canonical or "") or ("", "")] if s and t == "*"}
        named = {_mcp_name(s): s for g in policy.grants for s, _ in [split_mcp(g.canonical or "") or ("", "")] if s}
        for n, g in wild:
            others = sorted(s for m, s in named.items() if m.startswith(n[:-1]) and s not in whole)
            if others:
                self.broaden(ctx, "mcp-prefix", name=n, dialect=self.said, servers=", ".join(others))

    def render_tools(self, mode: str, allowed: list[tuple[str, Grant]], denied: list[tuple[str, Grant]],
                     ctx: "WriteContext") -> dict[str, Any]:
        layout = ctx.agent.origin.layout if ctx.agent.origin else None
        legacy = (ctx.agent.origin is not None and ctx.agent.origin.dialect == self.id and layout is not None
                  and any(c.key == "tools" for c in layout.chunks) and not any(c.key == "permission" for c in layout.chunks))
        if legacy and not any(g.pattern or g.decision == "ask" for _, g in allowed + denied):
            out: dict[str, Any] = {"*": False} if mode in (ALLOWLIST, NONE) else {}
            out.update({n: True for n, _ in allowed})
            out.update({n: False for n, _ in denied})
            return {"tools": out}
        perm: dict[str, Any] = {"*": "deny"} if mode in (ALLOWLIST, NONE) else {}
        paths = _PathScopes(self, ctx)
        for n, g in allowed:
            if g.pattern:
                rule = perm.get(n)
                rule = rule if isinstance(rule, dict) else {"*": rule or "deny"}
                for p in paths.written(n, g):
                    rule[p] = g.decision
                perm[n] = rule
            elif isinstance(perm.get(n), dict):
                perm[n]["*"] = g.decision  # the tool-wide default of a pattern map read earlier
            else:
                perm[n] = g.decision
        inside = {id(g) for _, g in excepted(allowed, denied)}  # `github_delete_repo` under `github_*`: said after it
        for n, g in denied:
            if g.pattern:
                rule = perm.get(n)
                if rule is None and mode in (ALLOWLIST, NONE):
                    continue  # a tool the allowlist does not grant: its "*": deny denies it whole (was `"*": allow`)
                rule = rule if isinstance(rule, dict) else {"*": rule or "allow"}
                for p in paths.written(n, g):
                    # after every allow: OpenCode applies the last rule that matches (evaluate.ts findLast), and a key
                    # already written keeps its place (`src/**: deny` before `src/a/*: allow` let src/a/x be edited)
                    rule.pop(p, None)
                    rule[p] = "deny"
                perm[n] = rule
                ctx.wrote((g,))
            elif isinstance(perm.get(n), dict):
                perm[n]["*"] = "deny"  # a tool denied but for the scopes allowed above (`task: {"*": deny, a: allow}`)
            elif mode not in (ALLOWLIST, NONE) or id(g) in inside:
                perm[n] = "deny"
        if mode == INHERIT and not perm:
            return {}
        paths.asked_blanks(perm)
        paths.exact(perm)
        self._action_only(perm, ctx)
        paths.report(perm)
        self._own_names_kept(perm)
        if ctx.tools_renamed:
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="permission-map")
        lossy = {LossCode.TOOL_UNMAPPED, LossCode.TOOL_BROADENED}
        if ctx.policy.carry and any(i.path == "tools" and i.code in lossy for i in ctx.report.items[ctx.first:] if i.target == self.id):
            ctx.carry_tools()
        return {"permission": perm}


    def _action_only(self, perm: dict[str, Any], ctx: "WriteContext") -> None:
        """A permission OpenCode takes only as one action (``[permission_keys] action_only``: ``webfetch``,
        ``websearch`` ...) written as a map of patterns (a Claude Code ``WebFetch(domain:x)`` or ``WebSearch(q)``
        scope) made OpenCode reject the whole file ("Expected PermissionActionConfig", opencode-ai 1.18.33). Written
        as the strictest action of the map (deny over ask over allow), which every call there gets at least: where
        the map's actions differ, said (tool-narrowed)."""
        order = ("allow", "ask", "deny")
        narrowed = []
        for key in self.table.get("permission_keys", {}).get("action_only", ()):
            rule = perm.get(key)
            if not isinstance(rule, dict) or not rule:
                continue
            values = [v for v in rule.values() if v in order]
            strict = max(values, key=order.index) if values else "deny"
            if len(set(rule.values())) > 1:
                narrowed.append(f"{key}: {', '.join(f'{k}: {v}' for k, v in rule.items())}")
            perm[key] = strict
        if narrowed:
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="one-action", rules="; ".join(narrowed),
                           dialect=self.said)
            ctx.carry_tools()

    def _own_names_kept(self, perm: dict[str, Any]) -> None:
        """A wildcard key written for MCP tools (``"*_*"``: every server's tools, ``plan_*``: server plan's) also
        matches OpenCode's own permissions whose names hold its text: the guards ``external_directory`` and
        ``doom_loop``, its ``plan_exit`` and ``plan_enter`` tools, Kilo's ``cron_create`` (``[guards]``, ``[tools]``,
        ``[mcp] own`` and, for Kilo, ``not_mcp``).
        OpenCode applies the last rule that matches a call (permission/evaluate.ts ``rules.findLast``, anomalyco/opencode
        8d037a73; opencode-ai 1.18.33 ``debug agent`` on ``"*": deny, read: allow, "*_*": allow`` lists the
        ``*_*`` rule after its defaults, run offline 2026-11-29), so ``"*_*": allow`` allowed every path outside the
        project without asking and the plan tool no allowlist granted. Each such name is given back, after the
        wildcards, what the other keys decide (a guard: OpenCode's default where none does); a tool no other key
        decides is denied where a wildcard would grant it."""
        wild = [k for k in perm if k != "*" and _WILD.search(k)]
        if not wild:
            return
        guards = self.table.get("guards", {})
        mcp = self.table.get("mcp", {})
        own = [*guards, *(n for ns in self.table.get("tools", {}).values() for n in ns if "_" in n), *mcp.get("own", ()),
               *(mcp.get("not_mcp", ()) if self.variant_name else ())]  # Kilo's own: only in a kilo-agents file
        def decides(keys: list[str], name: str) -> Any:
            hits = [perm[k] for k in keys if k == name or _wildcard(k).fullmatch(name)]
            last = hits[-1] if hits else None
            return last.get("*") if isinstance(last, dict) else last
        plain = [k for k in perm if k not in wild]
        for name in dict.fromkeys(own):
            if name in perm or (now := decides(list(perm), name)) is None:
                continue
            meant = decides(plain, name) or guards.get(name) or ("deny" if now != "deny" else None)
            if meant is not None and meant != now:
                perm[name] = meant


_WILD = rx.compile(r"[*?]")
# What no tool's permission name holds, so a permission key holding it matches no tool: OpenCode matches each key as a
# wildcard against the tool's permission name (permission/evaluate.ts ``Wildcard.match(permission, rule.permission)``,
# anomalyco/opencode 8d037a73; util/wildcard.ts: a key's literal text must be in the name, ``*`` and ``?`` standing for
# any text, '/' too: opencode.toml [paths]), its tools are named in
# lower case with '_' (tool/registry.ts 02ce4a33) and an MCP tool's name is its server's and its own with every character
# but letters, digits, '_' and '-' made '_' (mcp/index.ts 001133bc ``replace(/[^a-zA-Z0-9_-]/g, "_")``).
_NO_TOOL = rx.compile(r"[\s/]")
_UNSAFE = rx.compile(r"[^a-zA-Z0-9_-]")


def _mcp_name(server: str) -> str:
    """An MCP server's name as OpenCode's tool names hold it (mcp/index.ts 001133bc)."""
    return _UNSAFE.sub("_", server)


def _wildcard(pattern: str) -> re.Pattern[str]:
    """OpenCode's ``Wildcard.match`` of a tool name: ``*`` any characters, ``?`` any one (opencode-ai 1.18.33; the
    ``[^/]*`` of anomalyco/opencode 23b15ed3 is PR #28689's, closed unmerged: opencode.toml [paths])."""
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern), re.S)


def _said(rule: Any) -> str:
    return ", ".join(f"{k}: {v}" for k, v in rule.items()) if isinstance(rule, dict) else str(rule)


class _PathScopes:
    """A file scope of a source whose tool reads it as a .gitignore line (``[parser] path_rules = "gitignore"``:
    Claude Code's Read(...) and Edit(...)), written as the patterns OpenCode's ``read`` and ``edit`` permissions
    match what it means (``[paths]``). OpenCode matches those against the file's path relative to the worktree
    (``path.relative(worktree, file)``: no ``./``, no leading ``/``, ``../`` outside it) with a ``*`` that also
    matches '/' (util/wildcard.ts; opencode-ai 1.18.33, read in the binary and run 2026-11-29: ``"./secrets/*": deny``
    let the agent read secrets/x). So ``./x`` and ``/x`` (the project root's) are written ``x``; ``x/`` (a folder's
    contents) ``x/*``; ``a/**/b`` both ``a/b`` and ``a/*/b``; a line without '/' (any depth) denied as ``x`` and
    ``*/x`` too; a denied line not ending in ``*`` also as ``line/*`` (a .gitignore line that names a folder denies
    what is in it; OpenCode's pattern must match the whole path). A deny of an absolute or home path (``//etc/**``, ``~/.ssh/**``) matches no call there: refused as
    a widening (``broaden``). An allow whose ``*`` or ``?`` a .gitignore line keeps inside one folder takes the
    folders below too there: said (tool-broadened, as a case OpenCode takes otherwise is, ``check_case``); one that
    matches less is said (tool-narrowed)."""

    def __init__(self, dialect: OpenCode, ctx: "WriteContext") -> None:
        origin = ctx.agent.origin
        theirs = registry.get(origin.dialect).table if origin is not None and origin.dialect in registry.ids() else {}
        self.dialect, self.ctx = dialect, ctx
        self.gitignore = theirs.get("parser", {}).get("path_rules") == "gitignore"
        self.folds_blanks = theirs.get("parser", {}).get("command_blanks") == "folded"
        self.strips = theirs.get("parser", {}).get("command_prefixes") == "stripped"
        self.spaced: list[str] = []
        self.asked: list[tuple[str, list[list[str]], str]] = []  # an ask's pattern, its variants, its rule
        self.unasked: list[str] = []  # asks written without their most tolerant variant (``asked_blanks``)
        self.quoted: list[tuple[str, str, str]] = []  # a command deny or ask the source matches unquoted (``quoting``)
        self.names = set(dialect.table.get("paths", {}).get("names", ()))
        self.wider: list[str] = []
        self.narrower: list[str] = []
        self.lost: list[str] = []
        self.dead: list[str] = []  # command denies or asks of commands OpenCode never asks about (``unchecked``)
        self.never = set(dialect.table.get("bash", {}).get("unchecked", ()))
        # (permission, written pattern) -> (decision, said, its '/' count, the patterns of what OpenCode takes beyond it)
        self.folded: dict[tuple[str, str], tuple[str, str, int, list[str]]] = {}

    def written(self, name: str, g: Grant) -> list[str]:
        """The patterns to write under permission ``name`` for ``g``'s scope."""
        p = str(g.pattern)
        if name == "bash" and g.decision != "allow" and self.unchecked(p):
            self.dead.append(g.raw if g.raw and "(" in g.raw else f"Bash({p})")
        if name == "bash" and (self.folds_blanks or self.strips) and g.decision != "allow":
            return self.blanks(p, g)
        if not self.gitignore or name not in self.names:
            return [p]
        said = f"{g.raw}" if g.raw and "(" in g.raw else f"{name}({p})"
        if p.startswith(_ABSOLUTE):
            (self.lost if g.decision == "deny" else self.narrower).append(said)
            return [p]
        while p.startswith("./"):
            p = p[2:]
        anchored = p.startswith("/") or "/" in p.rstrip("/")
        p = p.lstrip("/")
        if p.startswith("**/"):
            p, anchored = p[3:], False
        if p.endswith("/"):
            p += "*"
        out = [""]
        for i, part in enumerate(p.split("/**/")):  # zero or more folders: both
            out = [o + part for o in out] if i == 0 else [o + sep + part for o in out for sep in ("/", "/*/")]
        # a deny or an ask holds wherever the .gitignore line matches (written for the top only, an ask of
        # `Edit(**/package-lock.json)` let a nested one be edited unasked under `"*": allow`); matching more, it is
        # narrower still. An allow matching less is narrower: said.
        restrict = g.decision in ("deny", "ask")
        if not anchored and not p.startswith("*"):
            if restrict:
                out += [f"*/{o}" for o in out]
            else:
                self.narrower.append(said)  # a line at any depth written for the worktree's top only
        if restrict:  # a .gitignore line may name a folder: everything in it too (OpenCode's match is whole)
            out += [f"{o}/*" for o in out if not o.endswith("*")]
        inside = p if anchored or not p.startswith("*") else p[1:]  # `*.md` at any depth: any path ending .md there
        inside = _LAST_ANY.sub("**/", inside)  # `docs/**/*.md`: `docs/*.md` there takes what `**/` takes anyway
        if not restrict and _ONE_FOLDER.search(inside.replace("**", "")):
            if anchored and "**" not in p and not p.endswith("*") and len(out) == 1:
                # every '*' and '?' in one folder, none after the last '/': what OpenCode takes beyond the line is the
                # line with one of them crossing a '/' (`docs/*.md`: `docs/*/*.md`), written after it (``exact``)
                beyond = [p[:i] + ("*/*" if c == "*" else "/") + p[i + 1:] for i, c in enumerate(p[:-1]) if c in "*?"]
                self.folded[(name, out[0])] = (g.decision, said, p.count("/"), beyond)
            else:
                self.wider.append(said)
        return list(dict.fromkeys(out))

    def unchecked(self, p: str) -> bool:
        """Whether command pattern ``p`` names a command OpenCode never asks about (``[bash] unchecked``: ``cd``,
        ``pushd`` ...), whatever follows its first word: ``cd *``, ``cd``, ``cd*``."""
        word = _FIRST_WORD.match(p)
        return word is not None and word.group(0) in self.never and p[word.end():word.end() + 1] in ("", " ", "\t", "*", "?")

    def blanks(self, p: str, g: Grant) -> list[str]:
        """A command a source denies (or asks about) whatever the blanks between its words: Claude Code folds each run
        of spaces and tabs to one space in both the rule and the command before matching (2.1.332, read in the binary
        2026-11-29: ``uXt`` = ``replace(/[ \t]{2,}|\t/g, " ")``, applied by the deny and ask matchers' ``uSe`` =
        ``X7(rule, command, false, true)`` and to a ``:*`` prefix), so ``Bash(rm -rf *)`` denies ``rm  -rf x``.
        OpenCode matches the command's text as written (tree-sitter's ``command`` node, ``Wildcard.match``; 1.18.33
        ran ``echo  hi x`` past ``"echo hi *": deny``, 2026-11-29). Its wildcards cannot say "one or more blanks", so
        a deny is also written with ``?*`` (one character or more) for each run of blanks and ``*`` for a trailing
        `` *`` (``rm?*-rf*``): it denies every spacing of the command, and more (other words between, ``rm -rfv``):
        said (tool-narrowed). An ask's variants are settled once the map is whole (``asked_blanks``)."""
        said = g.raw if g.raw and "(" in g.raw else f"Bash({p})"
        if self.strips:
            self.quoted.append((p, g.decision, said))
        variants = self.variants(p)
        if not variants:
            return [p]
        if g.decision == "ask":
            self.asked.append((p, variants, said))
            return [p]
        self.spaced.append(said)
        return [p, *variants[0]]

    def variants(self, p: str) -> list[list[str]]:
        """The patterns that also match the other spellings of command rule ``p`` the source matches, in sets of
        patterns written together, the most tolerant first. Where the source looks past what comes before the command
        and its redirections (``[parser] command_prefixes``: Claude Code's assignments, wrappers, a folder before the
        name, ``xargs``; claude.toml), the rule after a blank, a '/' or a backslash: ``* rm?*-rf*``, ``*/rm?*-rf*``,
        ``*\\rm?*-rf*``, and after a tab, ``*\trm?*-rf*`` (not ``*rm*``, which would take ``terraform``); a rule
        without a ``*`` at its end (Claude Code's exact ``Bash(rm -rf /)``) after anything and followed by a blank or a
        redirection (``*rm?*-rf?*/ *``, ``*rm?*-rf?*/\t*``, ``*rm?*-rf?*/>*`` ...), never by other text (``rm -rf
        ./build`` is not that rule). Then ``?*`` for each run of blanks (any spacing), and a one-word rule followed by
        `` *`` also followed by a tab (``echo\t*``: the source folds ``echo<TAB>hi`` to ``echo hi``; opencode-ai 1.18.33
        ran it past ``echo *: deny``, ``debug agent --tool bash``, 2026-11-29); then `` *`` after each word (any
        spacing made of spaces, never a word glued to the one before it: ``git *push *`` holds only commands ``git *``
        holds). A word with quotes or a backslash inside it is not held by any of these (``quoting``)."""
        body, tail = (p[:-2], "*") if p.endswith(" *") else (p, "")
        body = body.strip()
        folded = _BLANKS.sub("?*", body) if self.folds_blanks else body
        tabbed = [body + "\t*"] if self.folds_blanks and tail and folded == body and not body.endswith("*") else []
        out = []
        if self.strips and (tail or body.endswith("*")):
            out.append([*(lead + folded + tail for lead in _LEADS if not body.startswith("*")),
                        *([folded + tail] if folded != body else []), *tabbed])
        elif self.strips:
            out.append(["*" + folded + end for end in _REDIRECTED])
        elif tabbed:
            out.append(tabbed)
        if folded != body:
            out += [[folded + tail], [_BLANKS.sub(" *", body) + (" *" if tail else "")]]
        out = [[_STARS.sub("*", v) for v in vs if _STARS.sub("*", v) != p] for vs in out]
        return [vs for i, vs in enumerate(out) if vs and vs not in out[:i]]

    def asked_blanks(self, perm: dict[str, Any]) -> None:
        """An ask's variants (``variants``) ask about more commands than the source. A command the map would deny
        (``"*": deny`` and no allow that matches it) turned into an ask is a widening: ``git?*push*`` beside ``git *:
        allow`` also asks about ``gitk push``, which the map denies. So the most tolerant variant whose every command
        an allow (or ask) written before the rule already holds is written right after it (``_holds``: ``"*": allow``
        holds ``git?*push*``, ``git *: allow`` only ``git *push *``): there it asks where the map allowed, narrower
        only. None such: the ask is written as it came, the command's other spellings decided by the rest of the map
        (denied where the source asks: narrower, said)."""
        rule = perm.get("bash")
        for p, variants, said in self.asked:
            if not isinstance(rule, dict) or rule.get(p) != "ask":
                continue
            keys = list(rule)
            before = [k for k in keys[:keys.index(p)] if rule[k] in ("allow", "ask")]
            chosen = next((vs for vs in variants if all(v not in rule and any(_holds(k, v) for k in before)
                                                        for v in vs)), None)
            if chosen is None:
                self.unasked.append(said)
                continue
            (self.spaced if chosen == variants[0] else self.unasked).append(said)
            at = keys.index(p) + 1
            items = list(rule.items())
            rule.clear()
            rule.update(items[:at])
            rule.update(dict.fromkeys(chosen, "ask"))
            rule.update(items[at:])

    def exact(self, perm: dict[str, Any]) -> None:
        """An allow whose ``*`` or ``?`` a .gitignore line keeps inside one folder (``Edit(docs/*.md)``) is written
        ``docs/*.md``, which OpenCode also matches in the folders below; right after it, ``docs/*/*.md`` (each of its
        wildcards crossing a '/' in turn) is given what the rules before it decide there: the tool's ``*`` rule, where
        no earlier rule that decides otherwise may match such a path. OpenCode applies the last rule that matches
        (opencode-ai 1.18.33 ``Permission.evaluate``: ``findLast``), so the pair takes exactly what the line takes
        (a path with as many '/' as the line), and rules written after both (other scopes, denies) decide as before.
        Where an earlier rule may match there, the allow is left as it is and said (tool-broadened)."""
        for name, rule in perm.items():
            if not isinstance(rule, dict):
                continue
            default, out, depth = rule.get("*"), {}, {}  # depth: an earlier allow made exact -> its '/' count
            for key, value in rule.items():
                out[key] = value
                spec = self.folded.get((name, key))
                if spec is None or value != spec[0]:
                    continue  # not such an allow, or one a deny of the same pattern took the place of
                decision, said, slashes, beyond = spec
                def decides_there(k: str, v: Any) -> bool:  # an earlier rule that may decide otherwise there
                    if k in ("*", key) or v == default or depth.get(k, slashes + 1) <= slashes:
                        return False  # (an allow made exact takes only paths with its own count of '/')
                    return any(_may_meet(k, b) for b in beyond)
                if any(b in rule for b in beyond) or any(decides_there(k, v) for k, v in out.items()):
                    self.wider.append(said)
                    continue
                depth[key] = slashes
                if decision != default:
                    out.update(dict.fromkeys(beyond, default))
            rule.clear()
            rule.update(out)

    def quoting(self, perm: dict[str, Any]) -> None:
        """A command deny or ask of a source that matches the command as the shell reads it: Claude Code unquotes each
        word (2.1.332, read in the binary 2026-11-29: ``rne`` with ``stripAllEnvVars`` matches the command's argv as
        parsed, ``'rm' -rf x`` and ``r\\m -rf x`` as ``rm -rf x``). OpenCode matches each command's text as written
        (opencode-ai 1.18.33 ``ShellTool.collect``: tree-sitter's ``command`` node text, trimmed, then
        ``Wildcard.match``, which only makes a backslash '/'; ``debug agent --tool bash`` ran ``'echo' hi``, ``"echo"
        hi``, ``$'echo' hi``, ``e\\cho hi`` and ``ec""ho hi`` past ``echo *: deny`` and its variants, 2026-11-29), and
        no set of wildcard patterns holds every quoting of every word. Such a spelling falls to the map's other rules:
        said (``tool-spelling``) where one that decides more loosely (an allow; for a deny, an ask too) may match it,
        a key with a wildcard or with a quote, backslash or tab of its own, never where only a deny, or exact plain
        commands, would."""
        rule = perm.get("bash")
        if not self.quoted or not isinstance(rule, dict):
            return
        for decision, verb in (("deny", sentence("spelling-denies")), ("ask", sentence("spelling-asks"))):
            looser = ("allow",) if decision == "ask" else ("allow", "ask")
            keys = [k for k, v in rule.items() if v in looser and (_WILD.search(k) or _QUOTING.search(k))]
            held = [(p, said) for p, dec, said in self.quoted if dec == decision and rule.get(p) == decision]
            if not held or not keys:
                continue
            rules = [said for _, said in held]
            word = _FIRST_WORD.match(held[0][0])
            name = word.group(0) if word is not None and len(word.group(0)) > 1 else None
            fallback = ", ".join(f"{k}: {rule[k]}" for k in keys[:3]) + (" ..." if len(keys) > 3 else "")
            example = sentence("spelling-example", name=name, first=name[0], rest=name[1:]) if name else \
                sentence("spelling-example-any")
            self.ctx.report.add(LossCode.TOOL_SPELLING, "tools", variant="unquoted", rules=", ".join(dict.fromkeys(rules)),
                                kind=decision, tool=self.dialect.said, example=example, fallback=fallback, verb=verb)
            self.ctx.carry_tools()

    def report(self, perm: dict[str, Any]) -> None:
        ctx, d = self.ctx, self.dialect
        if self.strips:
            self._narrowed(self.spaced, "the commands that hold its words with other text before or between them",
                           f"also written with '?*' between the words and after any text and a blank, a tab, a '/' "
                           f"or a backslash (an exact command: followed by a blank or a redirection) for {d.said} (it "
                           "matches the command as written, where the source folds runs of spaces and tabs and looks "
                           "past leading assignments and wrappers such as env, sudo, timeout or xargs, a folder before "
                           "the command's name and redirections)")
            self.quoting(perm)
        else:
            self._narrowed(self.spaced, "the commands that hold its words with other text between them",
                           f"also written with '?*' between the words for {d.said} (it matches the command as written, "
                           "where the source folds runs of spaces and tabs)")
        before = "other text before the command or " if self.strips else ""
        self._narrowed(self.unasked, f"the commands it asks about written with {before}other blanks between the words "
                       "that no allow before them holds (the source folds runs of spaces and tabs)", f"written for "
                       f"{d.said} as asks of the command as written and, where an allow before them holds it, with "
                       "other spaces between the words (it matches the command as written)")
        if self.dead:
            d.broaden(ctx, "never-asks", tools=", ".join(dict.fromkeys(self.dead)), dialect=d.said,
                      commands=", ".join(sorted(self.never)))
        if self.lost:
            d.broaden(ctx, "relative-paths", tools=", ".join(dict.fromkeys(self.lost)), dialect=d.said)
        if self.wider:
            ctx.report.add(LossCode.TOOL_BROADENED, "tools", variant="folders-below", dialect=d.said,
                           tools=", ".join(dict.fromkeys(self.wider)))
            ctx.carry_tools()
        self._narrowed(self.narrower, "the paths elsewhere it names (from the root or the home folder; at any depth "
                       "for a line without '/')", f"written for {d.said} (it matches file rules against the path "
                       "relative to the project)")

    def _narrowed(self, rules: list[str], tools: str, how: str) -> None:
        """One tool-narrowed item for ``rules`` (each once), the exact policy carried for the way back."""
        if rules:
            self.ctx.report.add(LossCode.TOOL_NARROWED, "tools", tools=tools,
                                written=f"{', '.join(dict.fromkeys(rules))} {how}")
            self.ctx.carry_tools()

_ABSOLUTE = ("//", "~", "$HOME")
_BLANKS = rx.compile(r"[ \t]+")
_STARS = rx.compile(r"\*{2,}")
_FIRST_WORD = rx.compile(r"[^\s*?]+")
_LEADS = ("* ", "*/", "*\\", "*\t")  # what may stand right before a command's name Claude Code looks past (claude.toml)
_REDIRECTED = (" *", "\t*", ">*", "<*", "&>*")  # what may follow a whole command Claude Code matches without its redirections
_QUOTING = rx.compile(r"[\'\"\\\t]")  # what a command's text holds where the shell reads it otherwise (``quoting``)
_LAST_ANY = rx.compile(r"\*\*/\*(?=[^/*?]*$)")  # `**/*.md`: a last part led by '*' after `**/`
_ONE_FOLDER = rx.compile(r"[*?].")  # a .gitignore '*' or '?' with more after it stays in one folder; OpenCode's does not


def _holds(a: str, b: str) -> bool:
    """Whether OpenCode's pattern ``a`` matches every text pattern ``b`` matches (util/wildcard.ts in opencode-ai
    1.18.33: ``*`` any text, ``?`` one character, a trailing `` *`` also the bare text before it): ``a`` is ``*``, or
    ``b`` itself, or a literal text and a last ``*`` where every text ``b`` matches begins with that text (``git *``
    holds ``git *push *``, not ``git?*push*``, which takes ``gitk push``). Any other pair: False (not told)."""
    if a in ("*", b):
        return True
    if not a.endswith("*") or _WILD.search(a[:-1]):
        return False
    head = _WILD.split(b, maxsplit=1)[0]
    if b == head + "*" and head.endswith(" "):
        head = head[:-1]  # `git *` also matches `git`
    return head.startswith(a[:-1]) or a.endswith(" *") and b == a[:-2]


def _may_meet(a: str, b: str) -> bool:
    """Whether two OpenCode patterns may match the same path: False only where the text before their first wildcard,
    or after their last, differs (neither ends the other)."""
    head = [_WILD.split(p, maxsplit=1)[0] for p in (a, b)]
    tail = [_WILD.split(p)[-1] for p in (a, b)]
    return (head[0].startswith(head[1]) or head[1].startswith(head[0])) and \
        (tail[0].endswith(tail[1]) or tail[1].endswith(tail[0]))
