"""``CommandDialect``: the base of the command dialects (slash commands, prompt files), beside ``base.Dialect``.

``CommandDialect`` is the base of the five command dialects: it sets ``kind = "command"``, applies the
placeholder rewrites (``agentconv.placeholders``) through the ``read_extra`` and ``body`` hooks, takes tool and
model tables from the agent dialect of the same tool (``[inherit]``), writes a file without a header where the
dialect allows it and there is nothing to put in one, and reports an agent written as a command.
"""
from __future__ import annotations

import re
from functools import cached_property
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import carry, naming, registry
from ..loss import LossCode, LossReport
from .base import Dialect

if TYPE_CHECKING:
    from ..envelopes import frontmatter
    from ..placeholders import Rewrite, Spelling
    from ..ir import Agent
    from .base import WriteContext

__all__ = ["CommandDialect"]


class CommandDialect(Dialect):
    """A command dialect: markdown (or TOML) prompt with optional header, placeholders rewritten (see above)."""

    @cached_property
    def table(self) -> dict[str, Any]:
        table = dict(Dialect.table.func(self))  # type: ignore[attr-defined]
        inherit = table.get("inherit")
        if inherit:  # tool names, models, MCP spellings: the agent dialect of the same tool
            from .. import tables

            base = tables.load("agentconv.dialects.data", f"{inherit['from']}.toml")
            for key in inherit.get("keys", []):
                if key in base and key not in table:
                    table[key] = base[key]
        return table

    @cached_property
    def spelling(self) -> Spelling:
        from ..placeholders import Spelling  # here, as in every use below: a run with no command never loads them

        return Spelling.from_table(self.id, self.table.get("placeholders", {}))

    # ------------------------------------------------------------------ reading
    def read_extra(self, agent: Agent, parsed: frontmatter.Parsed, path: str | None, report: LossReport) -> None:
        agent.kind = "command"
        raw = agent.prompt
        self.derive_description(agent)
        literal, escaped = self._literal_back(parsed), self._literal_back(parsed, "escaped")
        inert = self.inert_shell(agent, raw, report)
        literal = tuple(sorted({*literal, *inert})) if inert else literal
        # agentconv's neutral spelling of a shell command or a file this dialect cannot spell is read as one only in a
        # file agentconv wrote (its side channel there): elsewhere it is the tool's literal text (placeholders._read)
        neutral = parsed.carry is not None or parsed.carry_line is not None
        from ..placeholders import to_canonical

        agent.prompt = to_canonical(raw, self.spelling, literal, escaped, neutral)
        agent.origin.keep["raw_prompt"] = (raw, agent.prompt)  # same dialect: written back as read
        if escaped:
            agent.origin.keep["raw_escaped"] = escaped  # the '$' a write put in, which a skill's text had not
        if literal:
            agent.origin.keep["raw_literal"] = literal
        if not neutral:
            agent.origin.keep["raw_neutral"] = False

    def inert_shell(self, agent: Agent, raw: str, report: LossReport) -> tuple[int, ...]:
        """Hook: the placeholders of ``raw`` (numbered in order) that are shell commands its tool does not run, by a
        setting beside the file (Claude Code's ``disableSkillShellExecution``): read as literal text. None here."""
        return ()

    @staticmethod
    def _literal_back(parsed: frontmatter.Parsed, key: str = "literal") -> tuple[int, ...]:
        """The placeholders of this prompt that were literal text where it came from (an amount of money this tool
        expands: ``literal_ordinals``), as its side channel names them, while the file is as that write left it;
        ``key="escaped"``: where that write put a '$' before literal text this tool would read (``placeholders.
        _escaped``: Codex's ``$$HOME`` for a ``$HOME``), left out on reading."""
        payload = parsed.carry
        if not payload or key not in payload:
            return ()
        literal = carry.layout(payload).get(f"carried_{key}", ())
        return literal if literal and payload.get("digest") == carry.digest(parsed.data, parsed.body) else ()

    detect_places_only = True  # 0 off its places (detection's ``OffPlace``)

    def detect(self, path: str | None, data: dict[str, Any] | None, has_header: bool) -> tuple[float, list[str]]:
        """Found by path only: a header alone (description, model) looks like an agent's."""
        if not path or not self.place_match(path.replace("\\", "/")):  # its globs, as one
            return 0.0, []
        return super().detect(path, data, has_header)

    def _detect_tools(self, data: dict[str, Any]) -> tuple[float, list[str]]:
        return 0.0, []

    # ------------------------------------------------------------------ writing
    def body(self, agent: Agent, ctx: "WriteContext") -> str:
        origin = agent.origin
        if origin is not None and origin.dialect == self.kin[0] and agent.kind == "skill":
            # a skill of the same tool (Claude Code's): one loader, one substitution for both (claude-command.toml
            # [kin]); a skill's text has no placeholders to respell, it is the command's as written
            ctx.report.add(LossCode.KIND_MAPPED, "kind", variant="skill-as-command", title=self.title)
            return agent.prompt
        if agent.kind != "command":
            ctx.report.add(LossCode.KIND_CHANGED, "kind", variant="to-command", kind=naming.a(agent.kind),
                           title=self.title)
        same = origin is not None and origin.dialect == self.id
        kept = origin.keep.get("raw_prompt") if same else None
        if kept is not None and kept[1] == agent.prompt:
            return kept[0]
        from ..placeholders import (all_spellings, from_canonical, literal_ordinals, report, source_literals,
                                    source_names, spelling_of, unexpanded)

        source = spelling_of(origin.dialect) if origin is not None and not same else None
        raw = origin.keep.get("raw_prompt") if origin is not None else None
        names = source_names(source, raw) if source is not None else {}
        literals = source_literals(source, raw, agent.prompt, origin.keep.get("raw_literal", ()),
                                   origin.keep.get("raw_neutral", True)) if source is not None else _carried_literals(agent)
        text, rw = from_canonical(agent.prompt, self.spelling, source, all_spellings(), names, literals)
        ctx.literal = literal_ordinals(text, self.spelling, rw)
        ctx.escaped = tuple(rw.inserted) if len(rw.inserted) <= carry.LITERAL_MAX else ()
        ctx.neutral = bool(rw.missing)  # a file agentconv did not write holds none: its tool's literal text (_read)
        if source is not None and raw is not None:
            named = _named_from(agent, source.id)
            text = self._unplaced_args(text, source, raw[0], ctx, rw, any(re.search(n, raw[0]) for n in named))
            lookalike = {**named, **registry.get(source.id).table.get("placeholders", {}).get("lookalike", {})}
            for found, what in unexpanded(source, raw[0], lookalike).items():
                rw.foreign.setdefault((found, what), None)  # said as another tool's own: no equivalent, kept as text
        report(rw, self.id, ctx.report)
        self.entering_references(text, ctx)
        self.own_agents_named(text, ctx)
        empty = self.table.get("empty_prompt")
        if empty and not text.strip():
            ctx.report.add(LossCode.VALUE_REQUIRED, "prompt", variant="prompt", consequence=empty)
        limit = self.table.get("body_limit")
        if limit and len(text) > limit:
            ctx.report.add(LossCode.VALUE_TOO_LONG, "prompt", field="prompt", length=len(text), limit_by=self.id,
                           limit=limit)
        return text

    def _unplaced_args(self, text: str, source: Spelling, raw: str, ctx: "WriteContext", rw: Rewrite,
                       named: bool) -> str:
        """Arguments typed after a command whose text has no placeholder for them: the source's tool adds them to the
        prompt or drops them (``[placeholders] unplaced_args``, each table citing its tool's code). Where the target
        drops what the source added, its arguments placeholder is written at the end (the same meaning); where it adds
        what the source dropped, that is said (``arguments-added``)."""
        from ..placeholders import CANONICAL, uses_args

        mine = self.table.get("placeholders", {}).get("unplaced_args")
        theirs = registry.get(source.id).table.get("placeholders", {}).get("unplaced_args")
        if not mine or not theirs or mine == theirs:
            return text
        if named or uses_args(source, raw):
            own = self.spelling.args[0] if self.spelling.args else None
            keep = ctx.agent.origin.keep
            if mine == "added" and keep.get("carried_from") == self.id and \
                    keep.get("carried_appended") in source.args:  # the payload says the way out added it
                # a dialect without an arguments placeholder (Cursor's) has the canonical one there, said missing
                mark = own or CANONICAL.args[0]
                for tail in (f"\n\n{mark}\n", f"\n\n{mark}"):  # written there by the way out: the way back takes it off
                    if text.endswith(tail) and (not uses_args(self.spelling, text[:-len(tail)]) if own else
                                                mark not in text[:-len(tail)]):
                        rw.rewrites = {k: v for k, v in rw.rewrites.items() if k[1] != own}  # nothing respelled
                        if not own:
                            rw.missing = {k: v for k, v in rw.missing.items() if k[0] not in source.args}
                        return text[:-len(tail)] + tail[len(mark) + 2:]
            return text
        if mine == "added":
            ctx.report.add(LossCode.ARGUMENTS_ADDED, "prompt", variant="added", dropper=source.id, dialect=self.said)
            return text
        spelled = self.spelling.args[0]
        ctx.report.add(LossCode.PLACEHOLDER_RESPELLED, "prompt", variant="arguments-appended", source=source.id,
                       spelled=spelled, dialect=self.said)
        ctx.appended = spelled  # said in the side channel: a write back takes it off
        if not text.strip():
            return spelled
        return text + ("\n" if text.endswith("\n") else "\n\n") + spelled + ("\n" if text.endswith("\n") else "")

    def write_extra(self, mapping: dict[str, Any], ctx: "WriteContext") -> None:
        if "name" not in self.table.get("fields", {}).values():
            self.carry_file_name(ctx, None)  # identity is the file name alone: carried, like other such dialects

    def render(self, mapping: dict[str, Any], body: str, layout: Any, carry_data: dict[str, Any] | None) -> str:
        optional = self.table.get("header") == "optional"
        if optional and not mapping and not carry_data and (layout is None or not layout.has_header):
            return (layout.gap if layout is not None else "") + body
        return super().render(mapping, body, layout, carry_data)


def _carried_literals(agent: Agent) -> frozenset[int]:
    """Where in the prompt of a record read from a file with no placeholders (a skill) stand canonical spellings that
    were literal text of the command it was written from (a Claude command's ``git diff @{1.day.ago}``): the side
    channel's ``literal`` names them (ordinals of the canonical placeholders), while the file is as that write left
    it."""
    origin = agent.origin
    ordinals = origin.keep.get("carried_literal") if origin is not None and origin.keep.get("carry_fresh") is True \
        else None
    if not ordinals:
        return frozenset()
    from ..placeholders import CANONICAL, TEXT

    out, at, n = set(), 0, 0
    for tok in CANONICAL.tokenize(agent.prompt):
        at, here = at + len(tok.raw), at
        if tok.kind != TEXT:
            if n in ordinals:
                out.add(here)
            n += 1
    return frozenset(out)


def _named_from(agent: Agent, dialect: str) -> dict[str, str]:
    """The named arguments a command's own header declares (``[placeholders] named_from``: Claude Code's
    ``arguments``, a list or a blank-separated string of names, digits-only names left out; ``$name`` not followed by
    ``[`` or a word character, nor after a backslash, is the argument at that name's place), as regex -> what it is."""
    spec = registry.get(dialect).table.get("placeholders", {})
    value = agent.extensions.get(dialect, {}).get(spec.get("named_from", ""))
    names = value.split() if isinstance(value, str) else value if isinstance(value, list) else []
    what = f"a named argument, which {dialect} fills with the argument at its place in '{spec.get('named_from')}'"
    return {rf"(?<!\\)\${re.escape(n)}(?![\[\w])": what for n in names
            if isinstance(n, str) and n.strip() and not n.isdigit() and len(n) <= spec.get("named_max", 64)}
