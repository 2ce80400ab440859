"""Roo Code / Kilo Code custom modes: ``.roomodes`` / ``.kilocodemodes`` (project), ``custom_modes.yaml`` (global).

One YAML file (Roo falls back to JSON) holds every mode: ``customModes: [{slug, name, roleDefinition, whenToUse,
description, groups, customInstructions, source}]``. The envelope (``envelopes/roomodes.py``) cuts the file into
modes and joins them back, side channel included; the base reads and writes each mode by the table (``roo.toml``:
``[fields]``, a key it does not name is Roo's own, ``foreign_keys = false``; the prompt's two keys ``prompt_keys``; the
key ``order``), and this module adds Roo's quirks: the slug's rule, tool groups, a lone ``description``, the clean-up.

- kind: every mode is read as an ``agent`` (a role, a prompt and a tool grant; Kilo itself migrates modes to agents),
  so other dialects treat it like any agent (a description is made up where one is required, no "kind" loss).
- slug <-> ``name``; Roo's ``name`` (often with an emoji) <-> ``display_name``. A ``name`` that is only the slug in
  title case is read as no display name (it is what a writer makes up from the slug anyway).
- prompt: ``roleDefinition``, then, when the mode has ``customInstructions``, the separator ``prompt_sep`` (an HTML
  comment on its own line between blank lines) and the instructions. A writer splits the prompt at the first one, so
  both fields come back byte for byte through any dialect that keeps the prompt; a prompt without it is all
  ``roleDefinition``.
- description: ``whenToUse`` (what the orchestrator reads) <-> IR ``description``; Roo's short ``description``
  <-> ``extensions.roo.description``. A mode with only ``description`` reads it as the IR description and is written
  back the same way.
- groups: each group reads back to the canonical tools it grants (table ``[tools]``); ``browser`` (deprecated, Roo
  strips it) and unknown names are kept as unmapped grants. ``["edit", {fileRegex, description}]`` is a scoped grant:
  ``Grant(raw=<the entry as compact JSON>, pattern=fileRegex)`` for ``edit`` and ``write``, a regex that only names an
  extension read as its glob (``\\.md$`` -> ``*.md``, one grant per extension: ``_globs``). ``mcp`` is kept as an
  unmapped grant ``mcp`` (Roo grants every MCP tool; most dialects cannot say that). Writing goes through the base's
  never-widen check: a group that grants more than the allowlist (``Read, Grep`` -> ``read`` also lists and runs
  codebase_search) or a scope that is not a Roo ``fileRegex`` refuses with ``BroadenError`` unless
  ``allow_broaden``; an allowlist's tools of some MCP servers (``mcp`` would be every server's) are not written: the
  mode goes without the group, narrower, said (``_some_mcp``). No tools field (inherit) is written as every group. A mode without
  ``groups`` is read as no tool and written fresh as ``groups: []``: Roo validates a file as a whole
  (CustomModesManager.ts loadModesFromFile, customModesSettingsSchema; RooCodeInc/Roo-Code, checked 2026-11-27), so
  one mode without them would cost every mode of a merged ``.roomodes``. The source as it came stays as written.
- Roo always gives a mode ask_followup_question, attempt_completion, switch_mode, new_task, update_todo_list,
  run_slash_command and skill, outside its ``groups`` (table ``[always]``): a mode is read with them (an orchestrator,
  ``groups: []``, delegates through new_task, so another tool's file gets its delegation tool), and written without a
  group for them (another tool's Agent, question or todo tool: Roo grants them anyway).
- Text: Roo replaces NBSP, zero-width characters, smart quotes and Unicode dashes before parsing; the envelope does
  the same (reported), so the IR holds what Roo uses; a writer says which fields Roo will read back differently.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import rx
from ..envelopes.frontmatter import Parsed
from ..ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Agent, Grant, ToolPolicy
from ..loss import LossCode, LossReport, sentence
from .base import Dialect, WriteContext
from ..tools import capability
from .toolpolicy import excepted, whole_tools
from .helpers import dedupe, titled

ALL_GROUPS = ["read", "edit", "command", "mcp"]
ALL_MCP = "mcp:*/*"
DEPRECATED = {"browser"}


class Roo(Dialect):
    id = "roo"

    # ------------------------------------------------------------------ reading
    def read_extra(self, agent: Agent, parsed: Parsed, path: str | None, report: LossReport) -> None:
        """The table read the mode's keys (``[fields]``; any other key into ``extensions.roo``); here what it
        cannot say: the prompt from two keys, the slug's rule, a ``name`` made from the slug, a lone ``description``,
        a ``source`` Roo's schema refuses (the whole file: file-rejected; a write from elsewhere drops it)."""
        mode, line, ext = parsed.data, parsed.line, agent.extensions.get(self.id, {})
        if agent.name is None:
            report.add(LossCode.VALUE_INVALID, "name", line=line, variant="no-slug")
        elif not re.match(self.table["name"]["pattern"], agent.name):
            report.add(LossCode.VALUE_INVALID, "name", line=line, variant="slug-off-rule", slug=agent.name,
                       pattern=self.table["name"]["pattern"])
        if agent.display_name == agent.name:
            agent.display_name = None  # only the slug again (before a name is made up for an empty slug)
        elif agent.display_name is not None and agent.display_name == titled(agent.name or ""):
            agent.derived.append("display_name")  # what a writer makes up from the slug anyway: not carried
        role, ci = ext.pop("roleDefinition", None), ext.pop("customInstructions", None)
        role = "" if role is None else str(role)
        sep = self.table["prompt_sep"]
        agent.prompt = role if ci is None else role + sep + str(ci)
        if sep.strip() in role or (ci is not None and sep.strip() in str(ci)):
            report.add(LossCode.VALUE_INVALID, "prompt", variant="separator")
        if "description" in ext and ext["description"] is None:
            del ext["description"]  # `description: null`: none (Roo rejects the null), never the text "None"
        if "description" in ext:
            ext["description"] = str(ext["description"])
            if "whenToUse" not in mode:  # a mode with only Roo's short description: that is its description
                agent.description = ext.pop("description")
        allowed = self.table["values"]["source"]
        if "source" in mode and mode["source"] not in allowed:  # [values] source: the schema's enum rejects the file
            report.add(LossCode.FILE_REJECTED, "extensions.roo.source", line=line, variant="roo-source", tool="Roo",
                       value=json.dumps(mode["source"], ensure_ascii=False), allowed=" nor ".join(allowed))
        for key in mode:
            if key not in self.table["order"] and key not in self.table.get("own", {}):
                report.add(LossCode.VALUE_INVALID, f"extensions.roo.{key}", line=line, variant="roo-unknown-key", key=key)
        if not ext:
            agent.extensions.pop(self.id, None)
        agent.origin.keys.clear()  # a mode's keys are Roo's: none is written as it is into another tool's file

    def granted_tools(self, header: dict[str, Any]) -> ToolPolicy | None:
        return self.visible_tools(header)

    def visible_tools(self, header: dict[str, Any]) -> ToolPolicy:
        """Every group is every tool Roo has: what a side channel's "every tool" may be restored from."""
        groups = header.get("groups")
        if isinstance(groups, list) and all(g in groups for g in ALL_GROUPS):
            return ToolPolicy()
        return super().visible_tools(header)

    def read_tools(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        groups = data.get("groups")
        if groups is None:
            if "slug" in data:  # never more access than the file gives: it gives none, Roo loads no such mode
                report.add(LossCode.VALUE_INVALID, "tools", variant="no-groups")  # (validate: the table's required rule)
                agent.tools.mode = NONE
            return
        # Roo's schema (@roo-code/types 1.115.0 modeConfigSchema, run on synthetic modes 2026-11-27) rejects the mode's
        # file when groups is not a list ("Expected array"), names a group twice ("Duplicate groups are not allowed") or
        # holds an entry of more than a group and one options map ("Array must contain at most 2 element(s)")
        if not isinstance(groups, list):
            report.add(LossCode.FILE_REJECTED, "tools", variant="groups-not-list", tool="Roo", groups=groups)
            groups = [groups]
        grants: list[Grant] = []
        seen: set[str] = set()
        for entry in groups:
            name, opts = entry, None
            if isinstance(entry, list) and entry:
                name, opts = entry[0], entry[1] if len(entry) > 1 and isinstance(entry[1], dict) else {}
                if len(entry) > 2:
                    report.add(LossCode.FILE_REJECTED, "tools", variant="group-entry-long", tool="Roo",
                               entry=json.dumps(entry, ensure_ascii=False), n=len(entry))
            name = str(name)
            if name in seen:
                report.add(LossCode.FILE_REJECTED, "tools", variant="group-twice", tool="Roo", name=name)
            seen.add(name)
            raw = name if opts is None else json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
            pattern = opts.get("fileRegex") if opts else None
            pattern = None if pattern in _EVERY_PATH else pattern  # no restriction there: none here
            scopes = _globs(pattern) or [pattern]
            if name == "mcp":
                grants.append(Grant(raw, None, "allow", pattern))
            elif name in DEPRECATED:
                report.add(LossCode.VALUE_READ_AS, "tools", variant="group-deprecated", name=name, tool="Roo")
                grants.append(Grant(raw, None, "allow", pattern))
            else:
                canon = self.crosswalk.read(name) if name in self.crosswalk.valid else []
                if not canon:
                    report.add(LossCode.TOOL_UNMAPPED, "tools", variant="group-read", tool=name, dialect="Roo")
                grants += [Grant(raw, c, "allow", p) for p in scopes for c in (canon or [None])]
        grants += self.always_grants(grants)
        agent.tools.mode, agent.tools.grants = (ALLOWLIST if grants else NONE), grants

    def always_grants(self, grants: list[Grant]) -> list[Grant]:
        """What Roo gives every mode outside its groups (table ``[always]``: new_task, ask_followup_question ...), as
        grants of their Roo names, each canonical id once and not where a group already grants it (``modes``)."""
        held = {g.canonical for g in grants}
        return [Grant(raw, c) for raw, canons in self.table.get("always", {}).items() for c in canons if c not in held]

    @property
    def always(self) -> frozenset[str]:
        """The canonical ids Roo grants every mode (``[always]``): no group is written for them."""
        return frozenset(c for canons in self.table.get("always", {}).values() for c in canons)

    # ------------------------------------------------------------------ writing
    def write_extra(self, mapping: dict[str, Any], ctx: WriteContext) -> None:
        """The base wrote the mode by the table; here a mode read with only Roo's short ``description`` writes its
        description there again, and Roo's clean-up is said."""
        original, ext = self.own_layout(ctx.agent), ctx.agent.extensions.get(self.id, {})
        if original is not None and "whenToUse" not in original.data and "description" not in ext and \
                "whenToUse" in mapping:
            renamed = {("description" if k == "whenToUse" else k): v for k, v in mapping.items()}
            mapping.clear()
            mapping.update(renamed)
        sources = self.table["values"]["source"]
        for key in [k for k, v in mapping.items() if v is None or (k == "source" and v not in sources)]:
            # a file written fresh must load: Roo validates it as a whole, so one null (optional strings are not
            # nullable) or a source outside global/project costs every mode of it (CustomModesManager.ts
            # loadModesFromFile, customModesSettingsSchema, @roo-code/types 1.115.0; checked 2026-11-27)
            ctx.report.add(LossCode.FIELD_DROPPED, self.table["fields"].get(key, f"extensions.roo.{key}"),
                           variant="roo-rejects", key=key, value=json.dumps(mapping.pop(key), ensure_ascii=False),
                           tool="Roo")
        self._check_clean(mapping, ctx.report)

    def write_tools(self, ctx: WriteContext) -> dict[str, Any]:
        policy = ctx.agent.tools
        if policy.mode == INHERIT:
            if policy.grants:
                self.write_inherited(ctx)
            # Roo has no web tool (its browser group is gone): a source's web fetch and search are said, not lost
            if not self.say_lacked(ctx, sentence("every-roo-group"), set()):
                ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="every-group", tool="Roo")
            if ctx.policy.carry:
                ctx.carry_tools()
            return {"groups": list(ALL_GROUPS)}  # every tool: every group
        gone = self._some_mcp(ctx)
        if not gone:
            return super().write_tools(ctx)
        ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="without-mcp", tools=self.named(ctx, dedupe(g.raw for g in gone)),
                       why=self.table['mcp_narrowed']['said'])
        agent = ctx.agent
        ctx.agent = replace(agent, tools=ToolPolicy(policy.mode, [g for g in policy.grants if all(g is not x for x in gone)]))
        try:
            return super().write_tools(ctx)
        finally:
            ctx.agent = agent

    def _some_mcp(self, ctx: WriteContext) -> list[Grant]:
        """An allowlist's grants of some MCP servers' tools (or of MCP resources) that Roo's ``mcp`` group can only
        say as every tool of every server (``[mcp_narrowed]``): written without them, narrower, rather than refused.
        None where the allowlist grants every MCP tool, or the mode is Roo's own."""
        policy, origin = ctx.agent.tools, ctx.agent.origin
        if policy.mode not in (ALLOWLIST, NONE) or origin is not None and origin.dialect == self.id:
            return []
        allowed = policy.allowed()
        if any(g.canonical == ALL_MCP or g.canonical is None and _group(g.raw) == "mcp" for g in allowed):
            return []
        return [g for g in allowed if g.canonical and (g.canonical.startswith("mcp:") or
                                                       capability(g.canonical) == "mcp-resources")]

    def names_for(self, ctx: WriteContext, grants: list[Grant]) -> list[tuple[str, Grant]]:
        """No group for a tool Roo gives every mode (``[always]``: another tool's Agent, question, todo list ...), unless
        a Roo group names it as read (``modes``): it is granted anyway."""
        always = self.always | set(self.table.get("variant_grants", ()))  # Kilo gives every mode its web tools too
        return super().names_for(ctx, [g for g in grants if g.canonical not in always or g.raw in self.crosswalk.valid])

    def check_broaden(self, ctx: WriteContext, allowed: list[tuple[str, Grant]], policy: ToolPolicy) -> None:
        """Never widen: what the groups grant, read back, judged by capability (``judge``); a scope must be a
        Roo fileRegex (from a roo entry), anything else would be dropped. Written for Kilo, the tools Kilo gives every
        mode (``variant_grants``: its web tools) count as granted too, and what it gives a mode for the groups it has
        or lacks (``variant_group_grants``: ``browser`` runs commands; ``variant_grants_unless``: grep and glob without
        ``read``); a fileRegex it tests as a path wildcard (``variant_scope``) is said (it grants less)."""
        names = {n for n, _ in allowed}
        extra = set(self.table.get("variant_grants", ()))
        for group, canons in self.table.get("variant_grants_unless", {}).items():
            if group not in names:
                extra |= set(canons)
        for group, canons in self.table.get("variant_group_grants", {}).items():
            if group in names:
                extra |= set(canons)
        if self.table.get("variant_scope") == "wildcard":
            self._say_wildcard(ctx, allowed)
        if policy.mode == DENYLIST:  # a tool Roo gives every mode, denied: no group takes it away (said, carried)
            self._say_always(ctx, self.always - {g.canonical for g in policy.denied() if g.pattern is None})
            denied = extra & {g.canonical for g in policy.denied() if g.pattern is None}
            if denied:
                self.broaden(ctx, "kilo-web", tools=", ".join(sorted(denied)))
        if policy.mode not in (ALLOWLIST, NONE):
            return
        granted = {g.canonical for g in policy.allowed() if g.canonical}
        if any(g.canonical is None and _group(g.raw) == "mcp" for g in policy.allowed()):
            granted.add(ALL_MCP)
        scoped = _scoped_groups(allowed)
        whole = whole_tools(policy)  # a scope of a tool granted as a whole (command under `bash: {..., "*": ask}`)
        unscoped = sorted({g.raw for n, g in allowed if g.pattern and _entry(n, g) is None and n not in scoped
                           and g.canonical not in whole and not self.scope_ignored(ctx, g)})  # (the source: whole)
        self.say_scope_kept(ctx, [g for n, g in allowed if self.scope_ignored(ctx, g) and g.canonical not in whole
                                  and (_entry(n, g) is not None or n in scoped)])
        self.judge(ctx, (self.crosswalk.grants_of([n for n, _ in allowed]) | extra) - granted - {None}, granted,
                   [sentence("refusal-unscoped", tools=self.named(ctx, unscoped))] if unscoped else [])
        if not unscoped:
            self.check_case(ctx, allowed)  # a fileRegex tests case
        self._say_always(ctx, granted)

    def _say_wildcard(self, ctx: WriteContext, allowed: list[tuple[str, Grant]]) -> None:
        """Kilo CLI 7 migrates ``["edit", {fileRegex}]`` to ``edit: {<fileRegex>: allow, "*": deny}`` and tests that key
        as a path wildcard (backslashes as ``/``, ``*`` any text, every other character itself), not as a regular
        expression: ``\\.md$`` lets the mode edit no file (Kilo-Org/kilocode packages/opencode/src/kilocode/
        modes-migrator.ts convertPermissions, util/wildcard.ts match; @kilocode/cli 7.7.9 `kilo debug agent`, 2026-11-28).
        Narrower, never wider: said."""
        scoped = _scoped_groups(allowed)
        regexes = []
        for name, g in allowed:
            e = _entry(name, g) or scoped.get(name)
            if isinstance(e, list) and len(e) > 1 and isinstance(e[1], dict) and isinstance(e[1].get("fileRegex"), str):
                regexes.append(e[1]["fileRegex"])
        for regex in dedupe(regexes):
            ctx.report.add(LossCode.TOOL_NARROWED, "tools", variant="file-regex", regex=regex, dialect=self.said)

    def _say_always(self, ctx: WriteContext, granted: set[str]) -> None:
        """What Roo gives every mode that the agent did not have is said, never left silent: delegation (new_task,
        a subtask in another mode, with that mode's own groups; Roo asks the user before it starts one unless
        subtasks are auto-approved), a question, a todo list, a skill. A warning, not a refusal: no group takes them
        away, so refusing would leave Roo no restricted agent at all (a deliberate exception to the class rule,
        README "Roo modes")."""
        gained = [raw for raw, canons in self.table.get("always", {}).items() if not set(canons) <= granted]
        if not gained:
            return
        delegates = any(capability(c) == "delegation" for raw in gained for c in self.table["always"][raw])
        said = self.table.get("variant_always_said", {})  # Kilo: its own words for what its migration gives
        ctx.report.add(LossCode.TOOL_BROADENED, "tools", variant="always", dialect=self.said, tools=", ".join(gained),
                       consequence=said.get("delegates") or sentence("always-delegates") if delegates else
                       said.get("otherwise") or sentence("always-otherwise"), own=said.get("own", ""))
        ctx.carry_tools()  # the way back gives the source's own tools, not Roo's always-available ones

    def render_tools(self, mode: str, allowed: list[tuple[str, Grant]], denied: list[tuple[str, Grant]],
                     ctx: WriteContext) -> dict[str, Any]:
        entries: dict[str, Any] = {}  # one entry per group (Roo refuses duplicates); the first spelling wins
        scoped = _scoped_groups(allowed)
        for name, g in allowed:
            if name not in self.crosswalk.valid and name not in DEPRECATED:  # a group Roo has not: kept as read, the
                # file would fail Roo's schema and every mode of it with it (a mode merged with others', or rewritten)
                ctx.lose("tools", LossCode.TOOL_UNMAPPED, variant="group-written", tool=name, dialect="Roo")
                continue
            entries.setdefault(name, _entry(name, g) or scoped.get(name) or name)
        denied_names = dedupe(n for n, _ in denied)
        if denied_names and (any(g.pattern for _, g in denied) or excepted(allowed, denied)):
            self.broaden(ctx, "deny", dialect=self.said, tools=", ".join(self.scoped_names(denied)))
        if any(_group(g.raw) != n for n, g in allowed):
            ctx.report.add(LossCode.TOOL_COERCED, "tools", variant="groups", tool="Roo")
        lossy = {LossCode.TOOL_UNMAPPED, LossCode.TOOL_BROADENED, LossCode.FIELD_DROPPED, LossCode.FIELD_CARRIED}
        if any(i.path == "tools" and i.code in lossy for i in ctx.report.items[ctx.first:] if i.target == self.id):
            ctx.carry_tools()
        return {"groups": list(entries.values())}

    def spoken(self, raw: str) -> str:
        """A group entry read as ``Grant.raw`` (compact JSON) in words: ``edit (files matching \\.md$)``."""
        try:
            entry = json.loads(raw) if raw.startswith("[") else None
        except ValueError:  # a group named so ("[x"): its name
            return raw
        regex = entry[1].get("fileRegex") if isinstance(entry, list) and len(entry) > 1 and \
            isinstance(entry[1], dict) else None
        return f"{entry[0]} (files matching {regex})" if isinstance(regex, str) else raw

    def regex_scope(self, grant: Grant) -> str | None:
        """A ``fileRegex`` that is not "ends in .ext" (``_globs``) nor every path, kept as the grant's pattern: Roo
        tests it with ``new RegExp(fileRegex).test(path)`` (validateToolUse.ts doesFileMatchRegex), unanchored and
        with regex metacharacters, so another tool's path glob of the same text names other files (``src/*.ts``:
        Roo edits ``src.ts`` but not ``src/app.ts``; Claude Code's ``Edit(src/*.ts)`` and OpenCode's wildcard take
        ``src/app.ts``). Narrower: one anchored by ``^`` or ``$`` (``"anchored"``), a glob naming only files with that
        character in their names; one without a glob's wildcard (``*``, ``?``, ``[``) nor a regex repeat (``+``,
        ``{``) (``"literal"``), a glob whose every path holds the text the regex finds (``docs``), unless it starts at
        the root (``/docs``, ``./docs``: Claude Code reads such a rule from the project's root, where the regex wants a
        ``/`` before the text, which a relative path there lacks). Any other: ``"other"`` (``regex_branches`` may still
        narrow it)."""
        entry = _entry_json(grant.raw)
        regex = entry[1].get("fileRegex") if entry is not None else None
        if not (isinstance(regex, str) and grant.pattern == regex and regex not in _EVERY_PATH and _globs(regex) is None):
            return None
        if regex.startswith("^") or (regex.endswith("$") and not regex.endswith("\\$")):
            return "anchored"
        if _ROOTED.match(regex):
            return "other"
        # `.*` (an unescaped dot) is "anything" to the regex; a glob of it is a dot and then any text, which the
        # regex finds in every such path (`\.roo/memory/.*`): narrower, like the literal text around it
        return "other" if any(c in _ANY_TEXT.sub("", regex) for c in "*?[+{") else "literal"

    def regex_branches(self, grant: Grant) -> tuple[list[str], list[str]] | None:
        """A fileRegex no glob says (``regex_scope`` "other", or "literal" with a ``|`` or a group) that is a choice
        of texts (``|`` between them, groups, ``?``, a ``+`` after a character or group): (the texts a path
        glob may stand for, each a narrowing: a text the regex finds, the glob of it naming only paths that hold it;
        the branches that are no such text, in the regex's own spelling: ``\\w+``, a class, an anchor). None where no
        branch is such a text, or the regex holds more than that (a lookaround, a back reference, a ``{n}``). ``+`` takes
        its fewest repeats, one: the text found then is in every path the regex takes for more. A branch with a ``*`` is
        no one text (``src/*.ts``, read by its author as a glob, is for Roo ``src``, any slashes, any character, ``ts``:
        written ``src.ts`` it would say nothing the author meant)."""
        entry = _entry_json(grant.raw)
        regex = entry[1].get("fileRegex") if entry is not None else None
        scope = self.regex_scope(grant)
        if not isinstance(regex, str) or not (scope == "other" or scope == "literal" and _GROUPED.search(regex)):
            return None  # (a literal one with `|` or a group: its texts say more than the glob of its spelling)
        got = _branches(regex)
        if got is None:
            return None
        texts = dedupe(t for t, _ in got if t is not None and _safe_text(t))
        others = dedupe(spelled for t, spelled in got if t is None or not _safe_text(t))
        return (texts, others) if texts else None

    def regex_wildcards(self, grant: Grant) -> list[str] | None:
        """A fileRegex (``regex_scope``: not "ends in .ext") that is a choice (``|``, groups, ``?``) of literal text,
        ``.`` and ``.*``, anchored by ``^`` and ``$`` at most at its ends, as the wildcards a whole-path matcher with
        ``*`` (any text) and ``?`` (any one character) takes for the same paths, one a branch: Roo tests
        ``new RegExp(fileRegex).test(path)`` (validateToolUse.ts doesFileMatchRegex), unanchored, so a branch not
        starting with ``^`` gets a leading ``*`` and one not ending with ``$`` a trailing one (``docs/.*\\.md`` ->
        ``*docs/*.md*``; ``^src/.*\\.tsx?$`` -> ``src/*.ts``, ``src/*.tsx``). None for any other regex (a class, a
        ``+`` or another repeat, an escape other than of ``./-_@``, a character outside letters, digits and ``._@/-``:
        ``_TEXT``'s alphabet), or one of more than ``_BRANCH_LIMIT`` branches."""
        entry = _entry_json(grant.raw)
        regex = entry[1].get("fileRegex") if entry is not None else None
        if self.regex_scope(grant) is None or not isinstance(regex, str) or _MARKS.search(regex):
            return None
        marked, i = [], 0
        while i < len(regex):  # `.*`, `.`, `^`, `$` as marks `_branches` takes for characters of a text
            c = regex[i]
            if c == "\\":
                marked.append(regex[i:i + 2])
                i += 2
                continue
            if c == "+":
                return None  # `ab+c` also takes `abbc`, which holds no `abc`
            if regex.startswith(".*", i):
                marked.append(_ANY)
                i += 2
                continue
            marked.append({".": _ONE, "^": _START, "$": _END}.get(c, c))
            i += 1
        got = _branches("".join(marked))
        if not got:
            return None
        out = []
        for text, _ in got:
            if text is None or _START in text[1:] or _END in text[:-1] or \
                    _WILD_TEXT.fullmatch(text.strip(_START + _END)) is None or not text.strip(_START + _END):
                return None
            wild = ("" if text.startswith(_START) else "*") + text.strip(_START + _END) + ("" if text.endswith(_END) else "*")
            out.append(re.sub(r"\*+", "*", wild.replace(_ANY, "*").replace(_ONE, "?")))
        return dedupe(out)

    def _check_clean(self, mode: dict[str, Any], report: LossReport) -> None:
        """Roo rewrites some characters before parsing: say which fields will read back differently."""
        from ..envelopes.roomodes import PROBLEM  # here: the layout's module loads when a file needs it (detection)

        for key, ipath in (("name", "display_name"), ("roleDefinition", "prompt"), ("customInstructions", "prompt"),
                           ("whenToUse", "description")):
            if isinstance(mode.get(key), str) and PROBLEM.search(mode[key]):
                report.add(LossCode.TEXT_CLEANED, ipath, variant="written", slug=mode["slug"], key=key,
                           count=len(PROBLEM.findall(mode[key])))

    def output_path(self, agent: Agent) -> str:
        return self.table["layout"]["path"]


def _entry_json(raw: str) -> list[Any] | None:
    """The Roo group entry a grant's ``raw`` (compact JSON) spells, with its options map; None for a bare group."""
    try:
        entry = json.loads(raw) if raw.startswith("[") else None
    except ValueError:
        return None
    return entry if isinstance(entry, list) and len(entry) > 1 and isinstance(entry[1], dict) else None


def _group(raw: str) -> str:
    if raw.startswith("["):
        try:
            return str(json.loads(raw)[0])
        except (ValueError, IndexError, KeyError):
            return raw
    return raw


def _entry(name: str, g: Grant) -> list[Any] | None:
    """The Roo group entry ``[group, {fileRegex, description}]`` a grant read from roo stands for, if it still fits."""
    if not g.raw.startswith("["):
        return None
    try:
        entry = json.loads(g.raw)
    except ValueError:
        return None
    if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == name and isinstance(entry[1], dict)):
        return None
    regex = entry[1].get("fileRegex")
    fits = g.pattern == regex or g.pattern in (_globs(regex) or []) or (g.pattern is None and regex in _EVERY_PATH)
    return entry if fits else None


# Roo tests an edit's path with new RegExp(fileRegex) (src/core/tools/validateToolUse.ts doesFileMatchRegex,
# RooCodeInc/Roo-Code, read 2026-11-27); the tools that scope edits by path read globs: Claude Code's gitignore rules
# (`Edit(*.md)`: at any depth) and OpenCode's wildcards (`*` any text). A regex that only says "ends in .ext" is that
# glob; any other stays as written, and another tool cannot say it: read as its glob, `src/*.ts` names src/app.ts,
# which the regex does not (it takes src.ts): refused there as a widening (regex_scope, toolpolicy.check_broaden).
# An extension: letters, digits, - and _, escaped dots (md, env\.example, proguard-rules\.pro: `*.env.example`). A
# leading ^ only before .* (`^.*\.md$` is `\.md$`); `^\.md$` names the path ".md" alone: no glob says that.
_EXT = r"[A-Za-z0-9_-]+(?:\\\.[A-Za-z0-9_-]+)*"
_ENDS_WITH = rx.compile(rf"^(?:\^?\.\*)?\\\.(?:(?P<one>{_EXT})|\((?:\?:)?(?P<many>{_EXT}(?:\|{_EXT})*)\))\$$")


_ANY_TEXT = rx.compile(r"(?<!\\)\.\*")
"""An unescaped ``.*`` in a fileRegex (``Roo.regex_scope``)."""

_ROOTED = rx.compile(r"^(?:/|\.{1,2}/|~)")
"""A fileRegex whose literal text would start a glob at a root (``/docs``, ``./docs``, ``~``): Claude Code reads
``/path`` from the project's root and ``./path`` from the working folder (code.claude.com/docs/en/permissions), so
``Edit(/docs)`` takes ``docs/a.md``, where the regex wants a ``/`` (or a character and a ``/``) before ``docs``."""

_TEXT = rx.compile(r"^(?!/|\.{1,2}/)(?!.*//)(?!(?:.*/)?\.{1,2}(?:/|$))[A-Za-z0-9._@/-]*[A-Za-z0-9][A-Za-z0-9._@/-]*$")
"""A branch's text a path glob says as it is, in every tool's globs: letters, digits and ``._@/-`` (no glob wildcard,
no escape), not starting at a root, no ``//``, no ``.`` or ``..`` folder (a path tool resolves those; the text as
written is what Roo tests)."""

_ANY, _ONE, _START, _END = "\x00", "\x01", "\x02", "\x03"
"""A fileRegex's ``.*``, ``.``, ``^`` and ``$``, marked so for ``_branches`` (``Roo.regex_wildcards``)."""

_MARKS = rx.compile(r"[\x00-\x03]")

_WILD_TEXT = rx.compile(r"[A-Za-z0-9_@/.\x00\x01-]+")
"""A branch ``Roo.regex_wildcards`` says as a wildcard: letters, digits and ``_@/.-`` (a dot escaped in the regex) and
the marks of ``.*`` and ``.`` (``?`` and ``*`` are wildcards there, a blank before a final ``*`` is OpenCode's
"optional arguments", a backslash its path separator: none is taken)."""

_GROUPED = rx.compile(r"(?<!\\)[|()]")
"""An unescaped ``|``, ``(`` or ``)``: a literal fileRegex (``"literal"``) that is a choice of texts all the same."""

_BRANCH_LIMIT = 16
"""At most so many branches read (``(a|b)(c|d)`` is four): a regex of more is not narrowed, refused as before."""

_ESCAPED = {".": ".", "/": "/", "-": "-", "_": "_", "@": "@"}
"""An escaped character that is that character (``\\.``); any other escape (``\\w``, ``\\d``) is no one text."""


class _NotRead(Exception):
    """A fileRegex with more than a choice of texts (``_branches``)."""


def _safe_text(text: str) -> bool:
    return bool(_TEXT.match(text))


def _branches(regex: str) -> list[tuple[str | None, str]] | None:
    """A fileRegex's branches: (its text, or None where the branch is no one text; the branch as the regex spells
    it), or None where the regex holds more than ``|``, groups, characters, escapes, classes, anchors and the repeats
    ``?``, ``+``, ``*`` (a lookaround, a back reference, ``{n}``), or more than ``_BRANCH_LIMIT`` branches."""
    try:
        got, end = _alternatives(regex, 0)
    except _NotRead:
        return None
    return got if end == len(regex) else None


def _alternatives(s: str, i: int) -> tuple[list[tuple[str | None, str]], int]:
    """The branches of ``s`` from ``i`` to the ``)`` closing its group or the end (``_branches``)."""
    out: list[tuple[str | None, str]] = []
    cur: list[tuple[str | None, str]] = [("", "")]
    while i < len(s) and s[i] != ")":
        start, c = i, s[i]
        if c == "|":
            out += cur
            cur, i = [("", "")], i + 1
            continue
        if c == "(":
            if s.startswith("(?", i) and not s.startswith("(?:", i):
                raise _NotRead  # a lookaround or a named group
            inner, i = _alternatives(s, i + (3 if s.startswith("(?:", i) else 1))
            if i >= len(s):
                raise _NotRead
            i += 1
            atom = inner  # each of its branches, spelled without the group's brackets
        elif c == "\\":
            if i + 1 >= len(s) or s[i + 1].isdigit() or s[i + 1] in "bBk":
                raise _NotRead  # a back reference or a word boundary
            atom, i = [(_ESCAPED.get(s[i + 1]), s[i:i + 2])], i + 2
        elif c == "[":
            end = s.find("]", i + (2 if s.startswith("[]", i) else 3 if s.startswith("[^]", i) else 1))
            if end < 0:
                raise _NotRead
            atom, i = [(None, s[i:end + 1])], end + 1
        elif c in "^$":
            atom, i = [(None, c)], i + 1  # an anchor inside: no one text
        elif c in "*+?{}":
            raise _NotRead
        else:
            atom, i = [(c, c)], i + 1  # `.` is any character: the dot is one of them
        if i < len(s) and s[i] in "?*+{":
            repeat = s[i]
            if repeat == "{":
                raise _NotRead
            i += 2 if i + 1 < len(s) and s[i + 1] == "?" else 1  # a lazy repeat takes the same texts
            if repeat == "?":  # there or not
                atom = [("", ""), *atom]
            elif repeat == "*":  # any number, none too: no one text (`src/*.ts` is no `src.ts`), the branch is left out
                atom = [(None, s[start:i])]
            else:  # `+`, the fewest: one
                atom = [(t, s[start:i]) for t, _ in atom]
        cur = [(None if a is None or b is None else a + b, sa + sb) for a, sa in cur for b, sb in atom]
        if len(cur) > _BRANCH_LIMIT:
            raise _NotRead
    return out + cur, i


# No restriction (validateToolUse.ts applies a fileRegex only when it is not empty) or one every path matches.
_EVERY_PATH = frozenset({"", ".*", "^.*", ".*$", "^.*$"})


# Another tool's scoped grants written as that fileRegex: only where the regex says exactly what the globs say. Roo
# applies fileRegex to the edit group alone (validateToolUse.ts); each glob must be one "ends in .ext" (`*.md`: at any
# depth for Claude Code's gitignore rules, any text then .md for OpenCode's wildcards, as the regex; `**/*.md` is not
# taken: OpenCode's needs a folder there), and every scoped grant of the group must name the same globs (Edit(*.md)
# with Write(*.txt) would give each tool the other's files). `docs/**` has no such regex: Roo tests the path as the
# model writes it, and `^docs/` also takes docs/../x.
_EXT_GLOB = rx.compile(r"^\*\.(?P<ext>[A-Za-z0-9]+)$")
_SCOPABLE = "edit"


def _scoped_groups(allowed: list[tuple[str, Grant]]) -> dict[str, list[Any]]:
    """``{"edit": ["edit", {"fileRegex": "\\.(md|mdx)$"}]}`` when every grant for the edit group carries the same
    ``*.ext`` globs (and none is a Roo entry already); else ``{}``."""
    grants = [g for n, g in allowed if n == _SCOPABLE]
    if not grants or any(g.raw.startswith("[") or not g.pattern for g in grants):
        return {}
    by_tool: dict[str | None, set[str]] = {}
    for g in grants:
        m = _EXT_GLOB.match(g.pattern or "")
        if m is None:
            return {}
        by_tool.setdefault(g.canonical, set()).add(m.group("ext"))
    if len({frozenset(v) for v in by_tool.values()}) != 1:
        return {}
    exts = dedupe(m.group("ext") for g in grants if (m := _EXT_GLOB.match(g.pattern or "")))
    regex = f"\\.{exts[0]}$" if len(exts) == 1 else f"\\.({'|'.join(exts)})$"
    return {_SCOPABLE: [_SCOPABLE, {"fileRegex": regex}]}


def _globs(regex: Any) -> list[str] | None:
    """``\\.md$`` -> ``["*.md"]``, ``\\.(md|env\\.example)$`` -> ``["*.md", "*.env.example"]`` (an escaped dot is a
    dot: the path ends in that text, so its last segment does); None for any other fileRegex."""
    m = _ENDS_WITH.match(regex) if isinstance(regex, str) else None
    return [f"*.{ext.replace(chr(92) + '.', '.')}" for ext in (m.group("many") or m.group("one")).split("|")] if m else None
