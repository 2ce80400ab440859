"""Agent Skills / Claude Code skills: ``.claude/skills/NAME/SKILL.md`` (VS Code also reads ``.github/skills`` and
``.agents/skills``, Gemini CLI ``.gemini/skills``). YAML frontmatter and a markdown body; kind ``skill``.

- Identity: the file is always ``SKILL.md``, so the DIRECTORY names the skill (the spec: ``name`` must equal it).
  A header ``name`` that differs is reported; the directory wins and the header's value is kept as the display name.
  Claude Code loads such a skill (invoked by the directory, shown by the header's name), as do Gemini CLI, Codex
  and OpenCode (named by the header); VS Code and Roo skip it (table ``[name] mismatch``). So a skill converted to
  itself keeps the header's name as written, and a record written into a skill from elsewhere gets a header name
  equal to its directory (the display name rides in the side channel).
- ``allowed-tools`` (a space- or comma-delimited string, or a list) PRE-APPROVES tools while the skill runs; it does
  not restrict them. It is read as per-tool ``allow`` decisions on an inherited policy (every tool stays available),
  and written space-delimited (as Claude Code's own example: ``Bash(git add *) Bash(git commit *)``). An allowlist
  cannot be said by a skill: writing one refuses (``BroadenError``) unless ``allow_broaden``, and then nothing is
  pre-approved (the exact policy rides in the side channel). A deny list is written as ``disallowed-tools`` (deny
  rules while the skill runs, as a Claude Code command's), no tools as ``disallowed-tools: "*"``.
- ``description`` is required by the spec; Claude Code loads a skill without one (or with a list or map there) and
  describes it by the body's first line (table ``[derive]``), which a target that requires one gets (else one is
  made up from the title or the prompt); a skill converted to itself gets none. The spec's limits (name 64,
  description 1024, compatibility 500 characters; table ``[limits]``) are reported when exceeded.
- Tool names are Claude Code's (the table's ``[tools]``).
"""
from __future__ import annotations

import os
from functools import cached_property

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import limits, naming, rx
from ..ir import DENYLIST, INHERIT, Agent, Origin
from ..loss import LossCode, LossReport
from .base import Dialect
from .helpers import split_commas

if TYPE_CHECKING:
    from ..envelopes import frontmatter
    from .base import WriteContext

FILE = "SKILL.md"
_SPACE = rx.compile(r"\s+(?![^()]*\))")  # whitespace outside parentheses


class Skill(Dialect):
    id = "skill"

    # ------------------------------------------------------------------ reading
    def project_base(self, file: str) -> Any:
        """A Claude Code skill's project settings (``settings.claude``: a skill of ``.claude/skills/``)."""
        from . import settings

        return settings.claude(file)

    def read_base(self, agent: Agent, report: LossReport) -> None:
        """The settings' deny and ask rules over the skill's pre-approvals (``settings.preapproved_beneath``)."""
        from . import settings

        settings.preapproved_beneath(self, agent, report)

    def read_extra(self, agent: Agent, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> None:
        agent.kind = "skill"
        self.derive_description(agent)
        self._read_beside(agent, path, report)

    def _read_beside(self, agent: Agent, path: str | None, report: LossReport) -> None:
        """Who runs it, as the file beside it says for a tool that reads that there (``[invocation] beside``: Codex's
        ``agents/openai.yaml`` ``policy.allow_implicit_invocation: false``, ``skillmeta``): only the user, read as
        ``disable-model-invocation: true`` where the header says nothing of it (its header's own value is the file's
        word for the tools that read it), the file named in the record (``keep["user_only_beside"]``) so a skill
        routed back to that tool is written as it came. A file that says so but that the tool ignores as a whole is
        said (file-rejected), and read as saying nothing."""
        beside = self.table.get("invocation", {}).get("beside")
        on_disk = limits.SOURCE_FILE.get() or path
        if not beside or not on_disk or os.path.basename(on_disk) != FILE or agent.origin is None:
            return
        from .. import skillmeta

        found = skillmeta.read(on_disk)
        if found is None:
            return
        meta, key = found[0], self.table["invocation"]["user_only"]["key"]
        if meta.user_only and key not in agent.extensions.get(self.id, {}):
            agent.extensions.setdefault(self.id, {})[key] = True
            agent.origin.keep["user_only_beside"] = skillmeta.rules()["file"]
        elif meta.says and meta.problem is not None:
            report.add(LossCode.FILE_REJECTED, f"extensions.{self.id}.{key}", problem=f"{skillmeta.rules()['file']}: "
                       f"{meta.problem}", tool=beside["tool"], reading=beside["ignored"])

    def derive_name(self, agent: Agent, path: str | None, report: LossReport) -> None:
        folder = _folder(path)
        if folder is None:
            super().derive_name(agent, path, report)  # not at a skill's place: the header (or the file) names it
            return
        if agent.name == folder or self.carried_spelling(agent, folder):
            return
        if agent.name:
            report.add(LossCode.NAME_CONFLICT, "name", variant="skill-directory", name=agent.name, folder=folder,
                       outcome=self.table["name"]["mismatch"])
            agent.display_name = agent.display_name or agent.name
        else:
            report.add(LossCode.NAME_DERIVED, "name", variant="directory", value=folder)
        agent.name = folder
        agent.derived.append("name")

    def field_value(self, key: str, ipath: str, ctx: "WriteContext") -> Any:
        """Same dialect: a header ``name`` that differs from the directory is written as it was (the directory still
        names the output's folder)."""
        value = super().field_value(key, ipath, ctx)
        agent = ctx.agent
        if ipath != "name" or not ctx.same or "name" not in agent.derived or agent.display_name is None:
            return value
        layout = self.own_layout(agent)
        if any(c.key == key and c.value == agent.display_name for c in getattr(layout, "chunks", [])):
            ctx.mapped.add("display_name")
            return agent.display_name
        return value

    def split_names(self, value: Any, ipath: str, report: LossReport | None) -> list[str]:
        if isinstance(value, str) and "," not in value:
            return [n for n in _SPACE.split(value.strip()) if n]  # the spec's space-delimited form
        if isinstance(value, str):
            return split_commas(value)
        return super().split_names(value, ipath, None)

    def read_tools(self, agent: Agent, data: dict[str, Any], report: LossReport) -> None:
        if data.get("allowed-tools") is not None:
            self.read_preapproved(agent, data["allowed-tools"], report)

    def _detect_tools(self, data: dict[str, Any]) -> tuple[float, list[str]]:
        """Only ``allowed-tools`` is evidence (a ``tools`` key belongs to an agent)."""
        return (2.0, ["field 'allowed-tools'"]) if "allowed-tools" in data else (0.0, [])

    def tools_bound(self, data: dict[str, Any]) -> float:
        return 2.0 if "allowed-tools" in data else 0.0  # what ``_detect_tools`` scores (detection's ``score_bound``)

    # ------------------------------------------------------------------ writing
    def write_tools(self, ctx: "WriteContext") -> dict[str, Any]:
        kept = self.foreign_as_read(ctx, also=("allowed-tools",))
        if kept is not None:  # same dialect: an agent's `tools` Claude Code ignores in a skill, as written
            return kept
        if ctx.agent.tools.mode == INHERIT and (kept := self._as_written(ctx)) is not None:
            return kept
        tools = ctx.agent.tools
        if (tools.mode != DENYLIST or tools.denied()) and (written := self.deny_fields(ctx, " ")) is not None:
            return written  # no tools (a deny rule `*`), a deny list's rules and pre-approvals: as a command's
        names = self.preapproved(ctx, "a skill")
        return {"allowed-tools": " ".join(names)} if names else {}  # the spec's form; scopes keep their blanks

    @cached_property
    def tool_fields(self) -> dict[str, str]:
        """``tools`` and, for writing, ``tools.deny``: the [own] key whose every entry is a deny rule while the skill
        runs (``disallowed-tools``: Claude Code 2.1.330 reads it as a command's, ``k0e`` -> ``kP``; skill.toml [own]).
        Read into the record's extensions, not its policy (``read_tools``); a deny list or no tools from another
        dialect is written there, as a Claude Code command writes it (claude-command.toml [kin])."""
        keys = dict(super().tool_fields)
        own = self.table.get("own", {})
        deny = next((k for k, spec in own.items() if isinstance(spec, dict) and spec.get("denies") == "entries"), None)
        return {**keys, "tools.deny": deny} if deny else keys

    def supports_deny(self) -> bool:
        return "tools.deny" in self.tool_fields

    def _as_written(self, ctx) -> dict[str, Any] | None:
        """Same dialect: allowed-tools exactly as the source wrote it (string or list), when it still means the IR's."""
        layout = self.own_layout(ctx.agent)
        old = {c.key: c.value for c in getattr(layout, "chunks", []) if c.key == "allowed-tools" and not c.lenient}
        if not old:
            return None
        base = ctx.agent.origin.keep.get("base") if ctx.agent.origin is not None else None
        scratch = Agent() if base is None else Agent(origin=Origin(self.id, keep={"base": base}))  # beneath it again
        self.read_tools(scratch, old, LossReport())
        return old if scratch.tools == ctx.agent.tools else None

    def out_name(self, ctx: "WriteContext") -> str | None:
        agent, pattern = ctx.agent, self.table["name"]["pattern"]
        if self._own_folder(agent) and not rx.compile(pattern).match(agent.name or ""):
            # its own directory, which Claude Code invokes as written (it refuses only hidden or blank-like characters
            # there; Roo skips a skill whose name breaks the spec's rule): kept, and said; so is a header name that
            # equals it (rewritten, it would no longer name the directory the skill stays in: VS Code skips that)
            ctx.report.add(LossCode.VALUE_INVALID, "name", variant="skill-dir-off-rule", name=agent.name,
                           pattern=pattern)
            ctx.name = agent.name
            return agent.name
        carried = "name" in ctx.carried
        name = super().out_name(ctx)
        if not carried and ctx.same and "name" in agent.derived and agent.display_name is not None:
            # a skill named by a directory outside the skills folders (a repository's root SKILL.md, cloned anywhere)
            # whose header names it otherwise, written back as a skill: the header is written as it was, the new
            # directory is said (name-changed) and names it from then on; the old directory's name does not ride
            ctx.carried.pop("name", None)
        limit = self.table.get("limits", {}).get("name")
        if name and limit and len(name) > limit:
            ctx.report.add(LossCode.VALUE_TOO_LONG, "name", field="name", length=len(name), limit_by="skills", limit=limit)
        return name

    def file_stem(self, agent: Agent) -> tuple[str, str | None]:
        return (agent.name or "", None) if self._own_folder(agent) else super().file_stem(agent)

    def _own_folder(self, agent: Agent) -> bool:
        """A skill read in this dialect, still named by its own directory (a safe file name): that name is kept."""
        if agent.origin is None or agent.origin.dialect != self.id or not agent.name or naming.unsafe_file_name(agent.name):
            return False
        path = (agent.origin.path or "").replace("\\", "/")
        if _folder(path) != agent.name or not path.endswith(f"{agent.name}/{FILE}"):
            return False
        parent = "/" + path[:-len(f"/{agent.name}/{FILE}")]  # "/": a repository's root SKILL.md, its folder a clone's
        return parent != "/" and not any(rx.compile(r).search(parent) for r in self.table["name"]["folder_ruled_at"])

    def out_description(self, ctx: "WriteContext") -> str | None:
        """Required for every skill, whatever its kind: made up where none is given, but not in a skill converted to
        itself (Claude Code describes it by its first line; the file comes back as written)."""
        described = super().out_description(ctx)
        if ctx.same:
            return described
        if described is None:
            described = self.made_up_description(ctx)  # (the side channel's made says so: the way back leaves it out)
        return described

    def body(self, agent: Agent, ctx: "WriteContext") -> str:
        """A command's prompt, which a skill has no placeholders for (no ``[placeholders]``). A command that a skill
        became (its side channel's ``from``; the file as that write left it: ``carry_fresh``), its prompt as read: the
        text as the command's file holds it, which is the skill's own text (its literal ``$0`` went out as it was; read back as a placeholder, it was written
        ``{{arg:1}}``); a Claude Code command (``[kin]``), its text as written: Claude Code substitutes a skill's as a
        command's; else agentconv's neutral spelling, as for any agent. Each placeholder is said."""
        text = super().body(agent, ctx)
        if agent.kind != "command":
            return text
        from ..carry import LITERAL_MAX
        from ..placeholders import CANONICAL, TEXT, source_literals, source_names, spelling_of, without_escapes

        origin = agent.origin
        raw = origin.keep.get("raw_prompt") if origin is not None else None
        source = spelling_of(origin.dialect) if origin is not None else None
        back = source is not None and raw is not None and raw[1] == agent.prompt and \
            origin.keep.get("carried_from") == self.id and origin.keep.get("carry_fresh") is True
        kin = not back and source is not None and raw is not None and raw[1] == agent.prompt and \
            origin.dialect == self.kin[0]  # a Claude Code command: Claude Code expands the same text in a skill
        if back or kin:
            text = raw[0] if not back else without_escapes(raw[0], origin.keep.get("raw_escaped", ()))
        literals = source_literals(source, raw, agent.prompt, origin.keep.get("raw_literal", ()),
                                   origin.keep.get("raw_neutral", True)) \
            if source is not None and not back and not kin and text == agent.prompt else frozenset()
        seen, at, n, literal = {}, 0, 0, []
        for t in (source if back or kin else CANONICAL).tokenize(raw[0] if back else text):  # back: as its file had it
            at, here = at + len(t.raw), at
            if t.kind != TEXT:
                seen.setdefault(t.raw, here in literals)
                if here in literals:
                    literal.append(n)  # named in the side channel: a write back into a command reads it as text
                n += 1
        ctx.literal = tuple(literal[:LITERAL_MAX]) if len(literal) <= LITERAL_MAX else ()
        names = source_names(source, raw) if source is not None and not back else {}
        for found, literal in seen.items():
            if literal:  # literal text of the command (a Claude `git diff @{1.day.ago}`), in the neutral spelling
                ctx.report.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", text=found, source=origin.dialect,
                               variant="skill-literal-named" if ctx.literal else "skill-literal", dialect=self.said)
                continue
            if kin:  # one substitution for both (the bundle's, 2.1.330: $ARGUMENTS, $N, $ARGUMENTS[N], named, !`cmd`)
                ctx.report.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", variant="skill-kept", found=found,
                               source=origin.dialect)
                continue
            if back:  # the skill's own text, again: a placeholder only in the command it went through
                ctx.report.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", variant="skill-text", found=found,
                               source=origin.dialect)
                continue
            if found in names and names[found] != found:
                ctx.report.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="skill-neutral-was", text=found,
                               was=names[found], source=origin.dialect, dialect=self.said)
            else:
                ctx.report.add(LossCode.PLACEHOLDER_UNSUPPORTED, "prompt", variant="skill-neutral", text=found,
                               dialect=self.said)
        if back and source.dollar:  # the escapes the write into the command added (Codex's `$$`): the skill's text
            text = "".join(str(t.value) if t.kind == TEXT else t.raw for t in source.tokenize(text))
        return text

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        limits = self.table.get("limits", {})
        for key, ipath in (("description", "description"), ("compatibility", "extensions.skill.compatibility")):
            value = mapping.get(key)
            if isinstance(value, str) and limits.get(key) and len(value) > limits[key]:
                ctx.report.add(LossCode.VALUE_TOO_LONG, ipath, variant="skill-spec", field=key, length=len(value),
                               limit=limits[key])
        # a skill whose header said nothing of who runs it, read as one only the user runs from the file beside it
        # (_read_beside): written into its own dialect as it came, without the key (a file converted to its own dialect
        # comes back byte for byte; it stays beside that file, which still says so to the tool that reads it, and no
        # other tool read the source as restricted either). Placed at this dialect's own folder (a folder conversion,
        # `migrate`: .claude/skills), where that tool reads no skill and the file beside it is not written, the header
        # says it, in the key the tools reading there take (left out, their model could run the skill)
        origin, key = ctx.agent.origin, self.table["invocation"]["user_only"]["key"]
        beside = origin.keep.get("user_only_beside") if origin is not None else None
        if beside and ctx.same and mapping.get(key) is True:
            if ctx.policy.placed:
                from .. import skillmeta

                ctx.report.add(LossCode.VALUE_RESPELLED, f"extensions.{self.id}.{key}", variant="user-only-header",
                               key=key, beside=beside, says=skillmeta.rules()["says"], tool=self.table["invocation"][
                                   "beside"]["tool"])
            else:
                mapping.pop(key)
        if ctx.agent.kind not in ("skill",):
            article = "an" if ctx.agent.kind[:1] in "aeiou" else "a"
            ctx.report.add(LossCode.KIND_MAPPED, "kind", variant="as-skill", kind=f"{article} {ctx.agent.kind}")


def _folder(path: str | None) -> str | None:
    """The directory that names the skill at ``path`` (``.../NAME/SKILL.md``), if it is at such a place."""
    parts = (path or "").replace("\\", "/").split("/")
    return parts[-2] if len(parts) >= 2 and parts[-1] == FILE and parts[-2] else None
