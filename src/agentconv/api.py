"""The library's verbs: detect, read, write, convert. The CLI is a thin layer over these.

Paths and text never blur: ``detect``/``read``/``convert``/``convert_all`` take a file path (``str`` or
``os.PathLike``) and read it; ``detect_text``/``read_text``/``convert_text``/``convert_all_text`` take the
content (``str``, or ``bytes`` decoded as UTF-8 with BOM, CRLF and mojibake handled), with an optional ``path``
that only names it (for detection by place and in messages).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from . import limits, naming, registry
from .carry import reading
from .dialects.base import resolve_agent_refs
from .dialects.detection import OffPlace
from .dialects.helpers import per_run
from .envelopes import frontmatter
from .errors import AgentconvError, LossError, ParseError, UnknownDialectError, message, problem
from .instructions import instructions, runs
from .ir import Document
from .loss import LossCode, LossReport, Policy
from .text import Decoded, decode

PathLike = str | os.PathLike[str]  # a union of the types themselves: no typing, nothing compiled at import
"""A file's path: ``str`` or ``pathlib.Path`` (never its content)."""
Text = str | bytes
"""A file's content."""


@dataclass
class Detection:
    """What ``detect`` found."""

    dialect: str | None
    """The best dialect id, or None when nothing fits."""
    confidence: float
    """The best score's share of all scores, 0..1."""
    evidence: list[str] = field(default_factory=list)
    """Why: the path pattern, fields, tool names, model shape."""
    scores: dict[str, float] = field(default_factory=dict)
    """Every dialect's score."""
    ambiguous: bool = False
    """True when the runner-up scored close to the winner."""
    problem: str | None = None
    """Why nothing fits, when the header itself is broken (the parse error, with its line)."""

    def to_json(self) -> dict[str, Any]:
        out = {"dialect": self.dialect, "confidence": round(self.confidence, 2), "ambiguous": self.ambiguous,
               "evidence": self.evidence, "scores": {k: round(v, 2) for k, v in self.scores.items() if v}}
        if self.problem:
            out["problem"] = self.problem
        return out


@dataclass
class Result:
    """One converted file: the output text, the report, and where the target keeps it."""

    text: str
    report: LossReport
    source: str
    target: str
    path: str | None = None
    """The target's own relative path for the record (``.github/agents/NAME.agent.md``)."""
    name: str | None = None
    routed: str | None = None
    """The dialect asked for, when the record is written in another because its tool keeps that kind there (a skill
    converted to ``codex`` is a ``skill``, at ``.agents/skills/``: ``write_for``); None otherwise."""


def path_of(file: PathLike, verb: str) -> str:
    """``file`` as a path string. Content passed where a path belongs is a TypeError that names the ``*_text``
    function: it is never read as a path, nor a path as content."""
    name = file if isinstance(file, str) else os.fspath(file) if isinstance(file, os.PathLike) else None
    if not isinstance(name, str) or "\n" in name:
        raise TypeError(f"{verb}() takes a file path (str or os.PathLike); for file content use {verb}_text()")
    return name


def _file(file: PathLike, verb: str) -> tuple[bytes, str]:
    """The bytes of the file at ``file``, and its path as text."""
    name = path_of(file, verb)
    try:
        return limits.read_file(_fs_name(name)), name
    except OSError as exc:
        raise ParseError(exc.strerror or str(exc), file=name) from None


def _fs_name(name: str) -> PathLike:
    """What to open for ``name``: ``pathlib.Path`` drops a trailing ``/`` or ``/.`` (``x.md/`` reads ``x.md``) and
    takes ``""`` for ``.``, as the library always has; any other name is the same file as a string, which spares a
    one-file conversion importing pathlib."""
    if name and not name.endswith(("/", "/.", "\\", "\\.")):
        return name
    from pathlib import Path

    return Path(name)


def _decode(text: Text, path: str | None) -> Decoded:
    try:
        return decode(text)
    except UnicodeDecodeError as exc:
        raise problem("not-utf8", file=path, byte=exc.start, reason=exc.reason) from None


PLUGIN_FOLDERS = {"commands": "claude-command", "agents": "claude"}
"""A Claude Code plugin's default component folders, beside its ``.claude-plugin/plugin.json`` (the plugin's root), and
the dialect Claude Code loads their markdown files in: commands/ holds slash commands, agents/ subagents
(code.claude.com/docs/en/plugins-reference "Plugin directory structure", checked 2026-11-26; anthropics/
claude-plugins-official plugin-structure skill: "All component directories (commands, agents, skills, hooks) MUST be at
plugin root level", read 2026-11-28; `claude plugin validate`, claude-code 2.1.330 via ../shared/tools/clients/
validate-claude, checks a root plugin's commands/NAME.md and agents/NAME.md as its own, run 2026-11-28). A marketplace's plugins/NAME/ is matched by path ([layout] detect); this is a
plugin kept at any other folder, most often the repository's root."""

CURSOR_PLUGIN_FOLDERS = {"agents": "cursor"}
"""A Cursor plugin's agents/ folder, beside its ``.cursor-plugin/plugin.json``, and the dialect Cursor loads its markdown
files in: subagents, as .cursor/agents holds (cursor.com/docs/reference/plugins, "Plugin structure": ``agents/``
"Custom agent configurations"; cursor.com/docs/plugins/building, "Supported plugin formats": the Cursor Plugin format,
``.cursor-plugin/plugin.json``, loads skills, MCP servers, rules, agents, commands, hooks; read 2026-11-30). Such a
plugin under a marketplace's plugins/NAME/ was read as a Claude Code plugin (its path matches Claude's [layout] detect):
a subagent's ``readonly: true`` read as another tool's key, with a value-invalid warning (27 subagents of a Cursor
plugin, shadow corpus unseen31, 2026-11-30). Its commands/ are left as they were read: the reference gives no format
for them beside .cursor/commands' (which reads no header). A folder holding both manifests stays Claude Code's."""


def plugin_component(file: str) -> tuple[str, str] | None:
    """(dialect, why) when ``file`` (a real path) is a markdown file below a Claude Code plugin's commands/ or agents/
    folder (``PLUGIN_FOLDERS``), the nearest such folder first; None: it is not (one stat per folder so named), or it
    lies at a place another tool documents as its own (a dialect's ``[layout] detect`` glob, or ``instructions.toml``:
    a `.cursor/agents/` or `.cursor/commands/` beside a copied `.cursor/.claude-plugin/plugin.json` is Cursor's)."""
    if not file.lower().endswith(".md"):
        return None
    folder = os.path.dirname(file)  # the walk up from the file's folder, once per folder in a run (``per_run``)
    placed = per_run(("plugin_component", folder), lambda: _plugin_folder(folder))
    if placed is None:
        return None
    where = file.replace("\\", "/")
    claude = set(PLUGIN_FOLDERS.values()) if placed[0] in CURSOR_PLUGIN_FOLDERS.values() else set()
    if instructions(where) is not None or any(d.place_match(where) for d, _ in _detectors() if d.id not in claude):
        return None  # (a Cursor plugin's folder under plugins/NAME/ matches the places of a Claude Code plugin's)
    return placed


def _plugin_folder(folder: str) -> tuple[str, str] | None:
    """``plugin_component``'s walk: (dialect, why) for the nearest commands/ or agents/ folder at or above ``folder``
    (a path as given, made absolute) that has a Claude Code plugin's ``.claude-plugin/plugin.json`` beside it."""
    folder = os.path.abspath(folder)
    while True:
        up = os.path.dirname(folder)
        dialect = PLUGIN_FOLDERS.get(os.path.basename(folder))
        if dialect and os.path.isfile(os.path.join(up, ".claude-plugin", "plugin.json")):
            return dialect, f"in {os.path.basename(folder)}/ beside a Claude Code plugin's .claude-plugin/plugin.json"
        cursor = CURSOR_PLUGIN_FOLDERS.get(os.path.basename(folder))
        if cursor and os.path.isfile(os.path.join(up, ".cursor-plugin", "plugin.json")):
            return cursor, f"in {os.path.basename(folder)}/ beside a Cursor plugin's .cursor-plugin/plugin.json"
        if up == folder:
            return None
        folder = up


def detect(file: PathLike, *, path: str | None = None) -> Detection:
    """Which dialect the file at ``file`` is in, from its path first and then its content. ``path`` names it
    for detection when that differs from where it is read (a relative repository path, say)."""
    data, name = _file(file, "detect")
    if (placed := plugin_component(name)) is not None:  # where Claude Code loads it as its own, whatever it holds
        return Detection(placed[0], 1.0, [placed[1]], {placed[0]: 1.0})
    return detect_text(data, path=path or name)


def detect_text(text: Text, *, path: str | None = None) -> Detection:
    """Which dialect ``text`` is in, from ``path`` (where it would live, if known) and its content."""
    return detect_decoded(_decode(text, path).text, path)


def detect_decoded(text: str, path: str | None, parsed: "frontmatter.Parsed | None" = None, *,
                   best_only: bool = False) -> Detection:
    """``detect_text`` for text already decoded (LF, no BOM); ``parsed``: its header, if already split.
    ``best_only``: only the ``dialect`` is wanted (``read_text``), so a dialect whose score cannot pass the best so far
    (``Dialect.score_bound``) is not scored: the same dialect, the other figures only of the dialects scored."""
    problem = None
    if (what := _manifest(path)) is not None:  # no agent: a package's list of its records
        return Detection(None, 0.0, [], {}, problem=f"{path}: {what}, not an agent file")
    try:
        parsed = parsed or frontmatter.parse(text, path)
        data, has_header = parsed.data, parsed.layout.has_header
    except ParseError as exc:
        data, has_header, problem = None, text.startswith("---"), str(exc)
    scores, other = {}, {}
    best, top, runner, why = None, 0.0, 0.0, []  # the first dialect of the highest score; the highest of the others
    tools: dict[Any, float] = {}  # score_bound's bounds of this file's tool lists (its headers live as long: data, other)
    off = OffPlace(path, data, has_header) if best_only else None  # dialects at none of their places, told at once
    most = None  # off.most(tools), once asked (it is worked out at the first question and kept)
    for d, header, off_place in off.asked(_detectors()) if off is not None else ((*x, False) for x in _detectors()):
        if off_place and best is not None:
            if most is None:
                most = off.most(tools)  # type: ignore[union-attr]
            if most < top - 1e-9:
                continue  # at none of its places, it cannot pass the best so far (as score_bound below, all at once)
        if header:  # its header is the one split above, or it has none
            seen, seen_header = data, has_header
        elif has_header:  # a file with frontmatter: no other envelope's text (nothing to parse)
            seen, seen_header = None, False
        else:
            envelope = d.envelope
            if envelope not in other:  # each other envelope parses the text at most once, if it could be one
                other[envelope] = None
                if getattr(envelope, "sniff", lambda t, p: True)(text, path):
                    try:
                        found = d.parse(text, path)
                        other[envelope] = found.data
                        if found.body and (key := d.table.get("prompt_key")) and key not in found.data:
                            other[envelope] = {**found.data, key: True}  # evidence too ([detect] own_keys)
                    except (ParseError, ValueError):
                        pass
            seen, seen_header = other[envelope], other[envelope] is not None
        if best_only and best is not None and (bound := d.score_bound(path, seen, seen_header, tools)) is not None \
                and bound < top - 1e-9:  # (a margin for the rounding of sums of fractions)
            continue  # it cannot score more than the best so far, which it would have to pass
        score, found = d.detect(path, seen, seen_header)
        scores[d.id] = score
        if best is None or score > top:
            best, top, runner, why = d.id, score, (top if best is not None else runner), found
        elif score > runner:
            runner = score
    if best is None or top <= 0:
        return Detection(None, 0.0, [], scores, problem=problem)
    total = sum(v for v in scores.values() if v > 0)
    return Detection(best, top / total, why, scores, ambiguous=runner >= 0.8 * top)


def _manifest(path: str | None) -> str | None:
    """What the package manifest at ``path`` is, in words (``discover.package_manifest``); None: none."""
    if not path or path[-5:].lower() != ".json":
        return None
    from .discover import package_manifest

    return package_manifest(path)


def _codex_settings(path: str, text: str) -> str | None:
    """Why a Codex settings file (``dialects.codex.settings_file``: ``.codex/config.toml``, or TOML of ``[agents.NAME]``
    tables) is no agent file, in words; None for any other file."""
    from .dialects.codex import roles_declared, settings_file

    if not settings_file(path, text):
        return None
    roles = roles_declared(path, text)
    return ("Codex's own settings (a config layer), not an agent file: Codex loads its roles from .codex/agents/ and "
            "from the files its [agents.NAME] tables name (config_file)"
            + (f": {', '.join(roles)}; convert those" if roles else "; convert those") + ", or the project's folder")


_DETECTORS: list[Any] = [None, ()]
"""The dialects as detection asks them, for the registry's list of ids they were taken from."""


def _detectors() -> tuple[tuple[Any, bool], ...]:
    """Every dialect in order, and whether its header is frontmatter's (or it has none: plain markdown): worked out
    once per set of dialects (``registry.reset`` makes a new list of ids), not per file."""
    ids = registry.ids()
    if _DETECTORS[0] is not ids:
        _DETECTORS[:] = [ids, tuple((d, d.split_as_frontmatter) for d in registry.all_dialects())]
    return _DETECTORS[1]

def read(file: PathLike, dialect: str | None = None, *, path: str | None = None,
         report: LossReport | None = None, carry: bool = True) -> tuple[Document, LossReport]:
    """Read the file at ``file`` into the IR. Without ``dialect`` it is detected; ``path`` names it when that
    differs from where it is read. ``carry=False`` restores nothing from a side channel (a comment found is
    reported). What the tool's own configs beside the file put beneath its settings is read under them (an OpenCode
    agent's project ``opencode.json``: ``base`` of ``read_text``). Returns the document and the report of what
    reading found."""
    data, name = _file(file, "read")
    token = limits.SOURCE_FILE.set(name)
    try:
        return read_text(data, dialect, path=path or name, report=report, carry=carry, base=Beside(name))
    finally:
        limits.SOURCE_FILE.reset(token)


@dataclass(frozen=True)
class Beside:
    """``read_text``'s ``base`` still to be found: the tool's own configs beside ``file``, looked up by the dialect the
    file is read in (``Dialect.project_base``: an OpenCode agent's project ``opencode.json``, a Codex role's project
    ``.codex/config.toml``) once detection has named it."""

    file: str


def read_text(text: Text, dialect: str | None = None, *, path: str | None = None,
              report: LossReport | None = None, carry: bool = True, base: Any = None) -> tuple[Document, LossReport]:
    """Read ``text`` (a file's content) into the IR. Without ``dialect`` it is detected, from ``path`` (where it
    would live, if known) and the content. ``carry`` as for ``read``. ``base``: what the tool's configs put beneath
    the file's own tool settings (the dialect's ``project_base``: ``envelopes.opencodejson.Base`` for an OpenCode
    agent, ``dialects.codex.Base`` for a Codex role; ``Beside(file)``: found beside that file by the dialect read),
    read under them by a dialect that takes one; None: the file alone."""
    decoded = _decode(text, path)
    parsed = None
    if dialect is None:
        if (what := _manifest(path)) is not None:
            raise problem("a-package", file=path, what=what)
        if (path or "").lower().endswith(".toml") and (said := _codex_settings(path, decoded.text)) is not None:
            raise UnknownDialectError(said, file=path)
        if isinstance(base, Beside) and (placed := plugin_component(base.file)) is not None:
            dialect = placed[0]  # a plugin's commands/ or agents/ file: Claude Code loads it so, whatever it holds
        else:
            failure = None
            try:  # parsed once: detection and the reader share it
                parsed = frontmatter.parse(decoded.text, path)
            except ParseError as exc:
                failure = exc
            det = detect_decoded(decoded.text, path, parsed, best_only=True)
            if det.dialect is None:
                if failure is not None:  # a broken header says more than "no dialect fits"
                    raise failure
                raise problem("dialect-undetected", file=path, remedy="from_")
            dialect = det.dialect
    d = registry.config_reader(dialect, path) or registry.get(dialect)
    report = report if report is not None else LossReport()
    report.source, report.file = d.id, path
    _report_decoding(decoded, report)
    if path and (what := instructions(path.replace("\\", "/"))) is not None and runs(what) == "agent":
        report.add(LossCode.KIND_CHANGED, "kind", variant="instructions-as-agent", kind=what, a_dialect=naming.a(d.id),
                   dialect=d.id)
    elif path and what is not None and not (
            runs(what) and d.table.get("kinds") == [runs(what)]):  # a Cursor command read as a command: no change
        report.add(LossCode.KIND_CHANGED, "kind", variant="command-as-agent" if runs(what) else "loaded-as-agent",
                   kind=what)
    if isinstance(base, Beside):
        base = d.project_base(base.file)
    with reading(carry):
        doc = d.read(decoded.text, path, report, parsed=parsed, base=base)
    for rec in doc.records:
        if rec.origin is not None:
            rec.origin.bom, rec.origin.newline = decoded.bom, decoded.newline
            rec.origin.repaired = bool(decoded.repairs or decoded.fixed_by_ftfy)
            if decoded.mixed is not None:  # lines ending in more than one way: an unchanged file is given back as it came
                rec.origin.keep["mixed"] = (decoded.text, decoded.mixed)
    return doc, report


def _lf(text: str) -> str:
    """``text`` with every line ending (CRLF, CR alone) an LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _report_decoding(decoded: Decoded, report: LossReport) -> None:
    for r in decoded.repairs:
        if r.ambiguous:
            report.add(LossCode.TEXT_AMBIGUOUS, "", line=r.line, before=r.before, after=r.after,
                       candidates=" ".join(r.candidates))
        else:
            report.add(LossCode.TEXT_REPAIRED, "", line=r.line, text=r.what,
                       how=f"as {r.after!r}" + (" (Windows-1252)" if r.bytes_ else ""))
    if decoded.fixed_by_ftfy:
        report.add(LossCode.TEXT_REPAIRED, "", variant="ftfy")


def write(doc: Document, dialect: str, *, policy: Policy = Policy(), report: LossReport | None = None,
          afresh: bool = False) -> str:
    """Write the IR in a dialect. Raises ``LossError`` when the policy says a loss is fatal. ``afresh``: write
    every record anew, never a file's records given back as the file was (how a merged file writes them)."""
    d = registry.get(dialect)
    report = report if report is not None else LossReport()
    report.target = d.id
    try:
        text = d.write(doc, report, policy, afresh=afresh)
    except AgentconvError as exc:
        exc.file = exc.file or report.file
        raise
    limits.check_size(text, "the output", report.file, limits.MAX_OUTPUT_BYTES)
    for rec in doc.records:  # what reading said only a write into another dialect loses (``keep["leaving"]``)
        if rec.origin is not None and rec.origin.dialect != d.id:
            for code, where, params in rec.origin.keep.get("leaving", ()):
                report.add(code, where, **params)
    origin = doc.agent.origin
    if origin is not None and origin.dialect == d.id and origin.newline in getattr(d.envelope, "NEWLINES", ("\n", "\r\n", "\r")):
        mixed = origin.keep.get("mixed")
        if mixed is not None and (text == mixed[0] or _lf(text) == _lf(mixed[0])):
            text = mixed[1]  # the same but for how lines end (a header's CR alone, which YAML reads as a line break)
        elif origin.newline != "\n":  # CRLF, or CR alone where the format allows it
            text = text.replace("\n", origin.newline)
        if origin.bom:
            text = "\ufeff" + text
    elif origin is not None and (origin.bom or origin.newline != "\n"):
        report.add(LossCode.LAYOUT_NORMALIZED, "")
    if policy.fail_on is not None:
        bad = report.at_least(policy.fail_on)
        if bad:
            raise LossError(message("losses-at-fail-on", count=len(bad), severity=policy.fail_on.value,
                                    first=bad[0].message), report, file=report.file)
    return text


def convert(file: PathLike, to: str, *, from_: str | None = None, path: str | None = None,
            policy: Policy = Policy(), route: bool = False) -> Result:
    """Read the file at ``file`` (detected unless ``from_``) and write it in ``to``: one output file. ``route``: as
    ``agentconv convert`` does, a record ``to``'s tool keeps in another dialect is written there (a skill for codex
    stays a skill: ``write_for``), its folder's other files, which one output cannot hold, each said.

    A source holding several records (a Roo ``.roomodes`` file) gives several files in a one-record dialect:
    use ``convert_all`` for those; ``convert`` refuses them rather than drop any."""
    return _one(_convert_file(file, "convert", to, from_, path, policy, route))


def convert_text(text: Text, to: str, *, from_: str | None = None, path: str | None = None,
                 policy: Policy = Policy(), base: Any = None, route: bool = False) -> Result:
    """``convert`` for content: ``text`` read (detected unless ``from_``; ``path`` only names it; ``base`` as for
    ``read_text``) and written in ``to`` (``route`` as for ``convert``)."""
    return _one(convert_all_text(text, to, from_=from_, path=path, policy=policy, base=base, route=route))


def _one(results: list[Result]) -> Result:
    if len(results) > 1:
        raise problem("several-records", file=results[0].report.file, remedy="convert_all", count=len(results),
                      target=results[0].target)
    return results[0]


def convert_all(file: PathLike, to: str, *, from_: str | None = None, path: str | None = None,
                policy: Policy = Policy(), route: bool = False) -> list[Result]:
    """Read the file at ``file`` and write it in ``to``: one Result per output file (one per record, unless the
    target keeps many records in one file); ``route`` as for ``convert``."""
    return _convert_file(file, "convert_all", to, from_, path, policy, route)


def _convert_file(file: PathLike, verb: str, to: str, from_: str | None, path: str | None,
                  policy: Policy, route: bool) -> list[Result]:
    data, name = _file(file, verb)
    results = convert_all_text(data, to, from_=from_, path=path or name, policy=policy, base=Beside(name), route=route)
    for r in results:
        if r.routed is not None:  # a skill's other files have no place in one output: said, each
            from .routing import skill_files

            for rel, _ in skill_files(name, os.path.basename(name)):
                r.report.add(LossCode.COMPONENT_DROPPED, "files", variant="skill-file-alone", component=rel)
    return results


def convert_all_text(text: Text, to: str, *, from_: str | None = None, path: str | None = None,
                     policy: Policy = Policy(), base: Any = None, route: bool = False) -> list[Result]:
    """``convert_all`` for content (``base`` as for ``read_text``; ``route`` as for ``convert``)."""
    doc, report = read_text(text, from_, path=path, carry=policy.carry, base=base)
    if route:
        return write_for(doc, to, report=report, policy=policy)
    return write_all(doc, to, report=report, policy=policy)


def route_of(doc: Document, to: str) -> tuple[str, str | None]:
    """The dialect ``doc`` is written in when it is converted to ``to``, and ``to`` when that is another: a skill for
    a tool that keeps skills as skills (``[route] skills``: codex reads ``.agents/skills/NAME/SKILL.md``) stays a
    skill, as ``migrate`` routes it (``routing.routed``); any other record goes to ``to`` (None)."""
    if len(doc.records) != 1 or doc.agent.kind != "skill" or "skills" not in registry.get(to).table.get("route", {}):
        return to, None
    from .routing import routed

    return routed((to,), "skill")[0]


def write_for(doc: Document, to: str, *, report: LossReport | None = None, policy: Policy = Policy(),
              scope: str = "project", shared: bool = False, beside: bool = False) -> list[Result]:
    """``write_all`` for a conversion to ``to``: a record ``route`` sends to another dialect is written there
    (``route_of``; ``Result.routed`` names ``to``; ``routing.for_route``), said as ``migrate`` says it
    (``routing.route_said``), its ``path`` where ``to``'s tool reads it at ``scope`` (``routing.place``: a skill for
    codex at ``.agents/skills/NAME/SKILL.md``). ``beside``: the caller writes what goes beside it
    (``routing.beside_files``: a batch into an output folder); else what that would say is lost is said."""
    target, asked = route_of(doc, to)
    if asked is not None:
        from .routing import for_route

        doc = for_route(doc, asked)
    results = write_all(doc, target, report=report, policy=policy)
    if asked is not None:
        from .routing import place, route_said

        for r in results:
            route_said(asked, target, r.text, r.report, doc.agent, alone=not beside)
            r.routed = asked
            r.path = place(target, r.path or "", asked, scope=scope, shared=shared)
    return results


def keeps_many(to: str) -> bool:
    """Does dialect ``to`` keep many records in one file (Roo's ``.roomodes``)? Then every record bound for one of
    its files is written together (``write_all``, ``write_merged``); else each record is a file of its own."""
    return registry.get(to).many_records


def _owners(report: LossReport, doc: Document) -> list[int | None]:
    """For each item of the read report, the index of the record of ``doc`` whose reading found it (None: the file)."""
    owner: list[int | None] = [None] * len(report.items)
    for n, r in enumerate(doc.records):
        a, b = r.origin.keep.get("read_items", (0, 0)) if r.origin is not None else (0, 0)
        owner[a:b] = [n] * len(owner[a:b])
    return owner


def _items_for(report: LossReport, n: int, owner: list[int | None]) -> list[Any]:
    """The read report's items for record ``n`` of many: what was found about the file, and about this record, not
    what reading the file's other records found (each of those is said in its own output). Linear in the items."""
    return [item for item, o in zip(report.items, owner) if o is None or o == n]


def write_all(doc: Document, to: str, *, report: LossReport | None = None, policy: Policy = Policy()) -> list[Result]:
    """Write every record of ``doc`` in ``to``: one Result per output file."""
    target = registry.get(to)
    report = report if report is not None else LossReport()
    if not policy.routes and len(doc.records) > 1 and {"agent", "command"} <= {r.kind for r in doc.records}:
        from .dialects.base import routes_of  # an OpenCode config's command and the agent it runs in, both in the file

        policy = replace(policy, routes=routes_of(doc.records))
    groups = [doc] if keeps_many(to) or len(doc.records) == 1 else \
        [Document([rec], doc.ir_version) for rec in doc.records]
    out = []
    owner = _owners(report, doc) if len(groups) > 1 else []
    for n, part in enumerate(groups):
        rep = report if len(groups) == 1 else LossReport(_items_for(report, n, owner), report.source, None, report.file)
        if len(part.records) == 1:  # the agents it may delegate to, as the target names them (`Policy.routes`)
            if (tools := resolve_agent_refs(part.agent, to, rep, policy.routes)) is not None:
                part = replace(part, records=[replace(part.agent, tools=tools)])  # the caller's document unchanged
        try:
            text = write(part, to, policy=policy, report=rep)  # `to` as asked: an alias's variant (kilo) too
        except AgentconvError as exc:
            exc.file = exc.file or rep.file
            raise
        agent = part.agent
        stem, why = target.file_stem(agent)
        said = f"written as {stem!r}"  # the header's name, rewritten by the writer, and the file name agree
        if why and not any(i.path == "name" and i.target == target.id and said in i.message for i in rep.items):
            rep.add(LossCode.NAME_CHANGED, "name", target=target.id, variant="file-name", name=agent.name,
                    written=stem, why=why)
        out.append(Result(text, rep, rep.source or "", target.said, target.output_path(agent), agent.name))
    return out


@dataclass
class Merged:
    """Several sources written as one file of a dialect that keeps many records in one (``write_merged``)."""

    text: str | None
    """The file (None: no source could be written, or writing them together failed: ``error``)."""
    report: LossReport
    """The file's own items (two records of one name ...), to count once."""
    failed: dict[int, AgentconvError] = field(default_factory=dict)
    """Index of a source in ``parts`` -> why the target refuses it: that source fails alone, the others are merged."""
    error: AgentconvError | None = None
    """Why writing the sources together failed (every source fails with it)."""
    own: dict[int, LossReport] = field(default_factory=dict)
    """Index of a source in ``parts`` -> its record's items (written alone), so each source's losses stay with it;
    ``report`` then holds only what the file adds (``leftover``)."""

    def leftover(self) -> list:
        """The file's items that no source's own write gave (a duplicate name renamed, ...), once each."""
        from collections import Counter

        mine = Counter((i.code, i.path, i.message) for rep in self.own.values() for i in rep.items)
        out = []
        for item in self.report.items:
            key = (item.code, item.path, item.message)
            if mine[key]:
                mine[key] -= 1
            else:
                out.append(item)
        return out


def write_merged(parts: list[Document], to: str, *, policy: Policy = Policy()) -> Merged:
    """Write the records of several sources (``parts``, one Document each) as one file in ``to``. Each source is
    written alone first: one the target refuses fails alone (``failed``) and the others are still merged. A bug is
    an ``InternalError`` (exit 70) of the source or the file, never an exception out of here."""
    from .errors import InternalError

    failed: dict[int, AgentconvError] = {}
    own: dict[int, LossReport] = {}
    tid = registry.get(to).id
    for i, doc in enumerate(parts):
        try:  # afresh, as the merged write will: a record that only its own file's text could give back fails here
            own[i] = LossReport(target=tid)  # its items are the source's own (which agent lost WebFetch ...)
            write(doc, to, policy=policy, report=own[i], afresh=True)
        except Exception as exc:  # noqa: BLE001 - AgentconvError, or a bug (exit 70)
            failed[i] = exc if isinstance(exc, AgentconvError) else InternalError.wrap(exc)
            own.pop(i, None)
    report = LossReport(target=tid)
    good = [doc for i, doc in enumerate(parts) if i not in failed]
    if not good:
        return Merged(None, report, failed, own=own)
    try:
        text = write(Document([r for doc in good for r in doc.records]), to, policy=policy, report=report)
    except Exception as exc:  # noqa: BLE001 - AgentconvError, or a bug (exit 70)
        return Merged(None, report, failed, exc if isinstance(exc, AgentconvError) else InternalError.wrap(exc),
                      own=own)
    if len(parts) == 1 and not failed:  # one source: the file is its write alone, whose items are its own (written
        # afresh, a Roo mode with a group Roo has not said "not written", though the file it came from is given back)
        own[0] = report
    return Merged(text, report, failed, own=own)
