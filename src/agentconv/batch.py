"""Many files at once: discover, convert each on its own, write atomically under one output directory.

One bad file never stops the others: each yields a ``FileResult`` with its status and error. Nothing is
written outside ``out``; an existing file is never replaced without ``force``; two sources that want
the same target path are both refused, unless both become the very same bytes (written once).
"""
from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Iterator

from . import fsio, limits, registry
from .dialects.helpers import run_scope
from .errors import AgentconvError, BroadenError, ExitCode, InternalError, NoRecords, problem
from .loss import LossCode, LossReport, Policy
from .instructions import bare_names, in_a_dialect_place, instructions, runs, skip_reason, tool_config
from .tree import Entry, walk

SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", ".hg", ".svn", ".tox", ".mypy_cache"}
SUFFIXES = (".md", ".markdown", ".txt", ".mdc", ".toml", ".json", ".jsonc", ".yaml", ".yml", ".roomodes",
            ".kilocodemodes")
PROSE = (".md", ".markdown", ".txt", ".mdc")
"""Prose files are always candidates below a directory; data files (TOML, JSON, YAML) only at a place some
dialect's table names (``.codex/agents/*.toml``), so a ``package.json`` beside the agents is left alone."""


@dataclass
class FileResult:
    """The outcome for one source file."""

    source: str
    status: str
    """``converted``, ``unchanged`` (the target already holds exactly this), ``failed``, or ``skipped`` (found
    below a directory and not taken: ``reason`` says why)."""
    target: str | None = None
    source_dialect: str | None = None
    report: LossReport = field(default_factory=LossReport)
    error: str | None = None
    exit_code: int = 0
    remedy: str | None = None
    """The failure's ``AgentconvError.remedy``, when something would get past it."""
    reason: str | None = None
    """Why a ``skipped`` file was not taken."""

    def to_json(self) -> dict[str, Any]:
        out = {"source": self.source, "target": self.target, "status": self.status, "from": self.source_dialect,
               "losses": self.report.to_json()}
        if self.error:
            out["error"], out["exit_code"] = self.error, self.exit_code
        if self.reason:
            out["reason"] = self.reason
        return out


def _skill_folder(path: Path, top: Path, seen: dict[Path, bool]) -> Path | None:
    """The skill folder ``path`` lies in, at or below ``top``: a folder holding a ``SKILL.md`` in a ``skills/`` (or
    ``skill/``) folder. Claude Code loads a skill from that file alone and reads no other markdown below it as a
    skill or agent (@anthropic-ai/claude-code 2.1.330: its skills walk stops at a folder holding a file matching
    ``/^skill\\.md$/i`` and keeps that file); its scripts and references are the skill's, read when it runs."""
    folder = path.parent
    while True:
        if folder not in seen:
            seen[folder] = folder.parent.name.lower() in ("skills", "skill") and any(
                (folder / n).is_file() for n in ("SKILL.md", "skill.md"))
        if seen[folder]:
            return folder
        if folder == top or folder.parent == folder:
            return None
        folder = folder.parent


def plugin_command(path: Path) -> bool:
    """Whether ``path`` lies in a Claude Code plugin's commands/ folder (beside its ``.claude-plugin/plugin.json``):
    Claude Code takes every ``*.md`` there as a command, a ``CHANGELOG.md`` or ``README.md`` too (@anthropic-ai/
    claude-code 2.1.330: the plugin commands walk keeps each file whose name ends in ``.md``, no other test; 2.1.332
    loads a project's ``.claude/commands`` so too: ripgrep ``--files --glob *.md``, checked 2026-11-29)."""
    from .api import plugin_component

    placed = plugin_component(str(path))
    return placed is not None and placed[0] == "claude-command"


def discover(paths: Iterable[str | Path], from_: str | None = None,
             on_skip: Callable[[Path, str], None] | None = None) -> Iterator[Entry]:
    """Files named directly, and agent-like files (by suffix) below directories, in sorted order. A link that
    leads out of the directory it was found in comes with its ``problem`` and is never read (``tree.walk``).
    With ``from_``, every file with one of that dialect's suffixes is taken wherever it is (``suffixes``: a
    folder of Roo mode files, Gemini commands outside ``.gemini/commands``). ``on_skip(path, reason)`` hears of
    every file with an agent-like suffix that is not taken, so a batch can account for it."""
    own = suffixes(from_) if from_ else ()
    runs_as = _kind(from_) if from_ else None  # --from a command dialect: a Cursor command is taken as one
    prompts: dict[str, dict[str, str]] = {}  # the Kiro workspaces whose agents' file:// prompts were looked up
    skills: dict[Path, bool] = {}  # folder -> whether it is a skill's own (its SKILL.md in it)
    for p in map(Path, paths):
        if p.is_dir():
            for e in walk(p, lambda d: d in SKIP_DIRS or d == ".agentconv"):  # agentconv's own state: no agent
                low = e.path.name.lower()
                if e.problem is not None and not low.endswith(SUFFIXES):
                    yield e  # a folder link out of the tree: whatever is below it is not read
                    continue
                if low != "skill.md" and (skill := _skill_folder(e.path, p, skills)) is not None:
                    if on_skip:  # its references/*.md are no agents, its scripts no loss of ours to hide
                        on_skip(e.path, f"a file of the skill in {skill} (beside its SKILL.md): no agent, and not "
                                "written with it; copy it with the skill where the target needs it")
                    continue
                if not low.endswith(SUFFIXES):
                    if on_skip and e.path.name in bare_names() and (what := instructions(e.path.as_posix())):
                        on_skip(e.path, skip_reason(what))  # a rules file by name (.clinerules): no suffix of ours
                    continue
                docs = low in ("readme.md", "changelog.md", "license.md")
                if docs and not in_a_dialect_place(e.path.as_posix(), "command") and not plugin_command(e.path):
                    # in a command folder (a Claude Code plugin's commands/ too): a command, as the tool loads it
                    if on_skip:
                        on_skip(e.path, "a project's own documentation, not an agent")
                elif (what := instructions(e.path.as_posix())) is not None and (
                        runs_as is None or runs(what) != runs_as):
                    if on_skip:
                        on_skip(e.path, skip_reason(what))
                elif (own or low.endswith(".toml")) and (tool := tool_config(e.path.as_posix())) and \
                        not in_a_dialect_place(e.path.as_posix()):
                    if on_skip:  # the tool's own settings (.codex/config.toml), whatever --from says
                        on_skip(e.path, f"{tool}'s own settings, not an agent"
                                + (" (name the file to read it anyway)" if own else ""))
                elif low.endswith(PROSE) and (owner := kiro_prompt(e.path, prompts)) is not None:
                    if on_skip:
                        on_skip(e.path, kiro_prompt_reason(owner))
                elif low.endswith(PROSE) or (own and low.endswith(own)) or in_a_dialect_place(e.path.as_posix()):
                    yield e
                elif low.endswith(".toml") and _declared_role(e.path):
                    yield e  # a Codex role file its project's config declares, outside .codex/agents/
                elif on_skip and low.endswith(".toml") and _codex_settings(e.path):
                    on_skip(e.path, "codex's own settings ([agents.NAME] tables), not an agent")
                elif on_skip:
                    on_skip(e.path, "a data file at no place a dialect keeps its files"
                            + (f"; not a {from_} file" if from_ else "; name its dialect to read it"))
        else:
            yield Entry(p, p.name)


def _codex_settings(path: Path) -> bool:
    """``dialects.codex.settings_file`` of a ``.toml`` at no dialect's place (read only then)."""
    from . import limits
    from .dialects.codex import settings_file

    try:
        text = limits.read_file(path).decode("utf-8")
    except (OSError, UnicodeDecodeError, limits.LimitError):
        return False
    return settings_file(None, text)


def _declared_role(path: str | os.PathLike[str]) -> bool:
    """``dialects.codex.declared_role``, imported when a ``.toml`` outside every dialect's place is met."""
    from .dialects.codex import declared_role

    return declared_role(path)


def kiro_prompt(path: str | os.PathLike[str], seen: dict[str, dict[str, str]]) -> str | None:
    """``dialects.kiro.prompt_owner``: the Kiro JSON agent whose ``file://`` prompt the file is, when Kiro loads no
    agent from it. Imported only for a file in a ``.kiro`` or ``.amazonq`` folder."""
    text = os.fspath(path)
    if ".kiro" not in text and ".amazonq" not in text:
        return None
    from .dialects.kiro import prompt_owner

    return prompt_owner(text, seen)


def kiro_prompt_reason(owner: str) -> str:
    """Why a prompt file a Kiro agent names is not taken as an agent (``kiro_prompt``)."""
    return (f"the prompt {owner} names (file://), read into that agent; Kiro loads no agent from it "
            "(name the file to read it anyway)")


def _kind(dialect: str) -> str | None:
    """The one kind of files a dialect holds (``command``), if it holds one."""
    from . import registry

    kinds = registry.get(dialect).table.get("kinds", [])
    return kinds[0] if len(kinds) == 1 else None


_ENVELOPE_SUFFIXES = {"toml": (".toml",), "json": (".json",), "yaml": (".yaml", ".yml", ".json")}


def suffixes(dialect: str) -> tuple[str, ...]:
    """The file suffixes a dialect's files have: ``[layout] suffixes`` in its table, else its envelope's."""
    from . import registry

    table = registry.get(dialect).table
    own = table.get("layout", {}).get("suffixes")
    return tuple(own) if own else _ENVELOPE_SUFFIXES.get(table.get("envelope", ""), PROSE)


def _collision_names(found: list[Entry], to: str, from_: str | None, carry: bool,
                     where: Callable[[Entry, str | None, str], str]) -> dict[str, str]:
    """Source -> new name for every source whose record wants the same target path (``where``) as another's."""
    from collections import defaultdict

    from . import registry
    from .api import read, route_of
    from .naming import prefixed_apart

    wanted: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entry in found:
        if entry.problem is not None:
            continue
        try:
            doc, report = read(entry.path, from_, carry=carry)
            if len(doc.records) == 1 and doc.agent.name:  # in the dialect it is written in (a skill for codex: skill)
                target = route_of(doc, to)[0]
                wanted[f"{target}:" + where(entry, report.source, registry.get(target).output_path(doc.agent))].append(
                    (str(entry.path), doc.agent.name))
        except Exception:  # noqa: BLE001 - the file fails in the conversion itself, with its own line
            continue
    return {src: new for claims in wanted.values() if len(claims) > 1
            for src, new in prefixed_apart([(src, name, "agent") for src, name in claims]).items()}


def agent_routes(read: list[tuple[Entry, list[Any]]]) -> tuple[Any, ...]:
    """The custom agents among a batch's sources (``read``: ``sources_read``) that a command may run in
    (``Policy.routes``, ``routes_of``): each file's dialect detected, whatever ``--from`` says of the commands. No
    converted names: a batch writes every source in one dialect, so no agent is converted beside the commands as an
    agent (a command is routed to one by ``migrate``)."""
    from .dialects.base import routes_of

    return routes_of([rec for _, records in read for rec in records])


def sources_read(found: list[Entry], carry: bool = True) -> list[tuple[Entry, list[Any]]]:
    """Every readable source of ``found`` with its records, each file's dialect detected: what a batch's questions
    about the other sources (``agent_routes``, ``agent_refs_of``) are asked of, read once when the first is asked."""
    from .api import read

    out = []
    for entry in found:
        if entry.problem is not None:
            continue
        try:
            out.append((entry, read(entry.path, None, carry=carry)[0].records))
        except Exception:  # noqa: BLE001 - not an agent we can read: it fails, or not, in its own conversion
            continue
    return out


def agent_refs_of(read: list[tuple[Entry, list[Any]]], to: str, rename: dict[str, str]) -> tuple[Any, ...]:
    """The custom agents among a batch's sources (``read``: ``sources_read``), as the others name them and as ``to`` writes them
    (``dialects.base.agent_refs``): a delegation scope naming one by a name the target does not give it (VS Code's
    ``name:`` header) is rewritten to the target's name for it (``resolve_agent_refs``)."""
    from . import registry
    from .dialects.base import agent_refs

    target = registry.get(to)
    agents = []
    for entry, records in read:
        if len(records) == 1 and records[0].kind == "agent":
            rec = records[0]
            if str(entry.path) in rename:
                rec = replace(rec, name=rename[str(entry.path)])
            agents.append((records[0], target.file_stem(rec)[0] or rec.name))
    return agent_refs(agents, to)


def delegates_by_name(agent: Any, to: str) -> bool:
    """Does ``agent`` (not in ``to``'s dialect) scope its agent tool to named agents (VS Code ``agents: [a]``)?"""
    from . import registry

    return agent.kind == "agent" and agent.origin is not None and agent.origin.dialect != registry.get(to).id and \
        any(g.canonical == "agent" and g.pattern and "*" not in g.pattern for g in agent.tools.grants)


def rename_record(agent: Any, name: str, report: LossReport) -> None:
    """Rename a record to resolve a collision, and say so."""
    from .loss import LossCode

    report.add(LossCode.NAME_CHANGED, "name", variant="collision", name=agent.name, written=name)
    agent.name = name


def write_atomic(path: Path, text: str | bytes, *, force: bool) -> bool:
    """Write through a temp file and rename (``fsio``: the mode a plain write would give). Returns False when
    the file already holds ``text`` (bytes: a skill's file copied as it is)."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if path.exists():
        if limits.read_file(path) == data:  # a FIFO there is refused (OSError), never opened
            return False
        if not force:
            raise problem("exists", file=str(path), remedy="force")
    path.parent.mkdir(parents=True, exist_ok=True)
    fsio.write_atomic(path, data)
    return True


def inside(root: Path, rel: str) -> Path:
    """``root / rel``, refusing anything that would land outside ``root``: absolute, ``..``, or a folder that is a
    symbolic link out of it."""
    return Path(inside_str(os.fspath(root), rel))


def inside_str(root: str, rel: str) -> str:
    """``inside`` for a run of thousands of targets: strings, no ``Path`` per target (each interns its name for
    good: a table that grows with the count, issue 11)."""
    norm = os.path.normpath(rel)
    if os.path.isabs(norm) or norm == ".." or norm.startswith(".." + os.sep):
        raise problem("written-outside", rel=rel, root=root)
    if norm == ".":  # the root itself: as pathlib spells it (rare enough for a Path)
        dest, parent = str(Path(root)), str(Path(root).parent)
    else:
        dest = os.path.join(root, norm) if root not in ("", ".") else norm
        parent = os.path.dirname(dest) or "."
    if not _parent_ok(root or ".", parent):
        raise problem("written-outside-by-link", rel=rel, root=root)
    return dest


def not_a_source(dest: Path, sources: set[str], file: str | None = None) -> Path:
    """``dest``, unless it is (through any link, by any spelling) one of the ``sources`` (real paths)."""
    if os.path.realpath(dest) in sources:
        raise problem("over-a-source", file=file, dest=dest)
    return dest


def forget_places() -> None:
    """Forget what ``inside`` found of the folders on disk (it asks once per folder): each run starts with this, so
    a folder replaced by a link out of the root since an earlier run in the same process is seen."""
    _parent_ok.cache_clear()


@lru_cache(maxsize=4096)
def _parent_ok(root: str, parent: str) -> bool:
    p, top = Path(parent), Path(root)
    while p != top and not p.exists() and p != p.parent:
        p = p.parent
    real, base = p.resolve(), top.resolve()
    return real == base or base in real.parents


def _written_once(claims: list[tuple["FileResult", Path, str]], dest: str, commit: Callable[..., None],
                  failed: Callable[..., None]) -> None:
    """Several sources that each become the same bytes at ``dest`` (one agent copied into several folders of a
    repository): written once, by the first; each other is converted too, to that file, and says so
    (``source-repeated``). Nothing differs, so nothing is lost and nothing collides."""
    first_res, first_src, text = claims[0]
    try:
        commit(first_res, Path(dest), text)
    except AgentconvError as exc:
        for res, src, _ in claims:
            failed(res, exc, src)
        return
    except OSError as exc:
        for res, src, _ in claims:
            res.error, res.exit_code = f"{src}: {exc.strerror or exc}", int(ExitCode.OUTPUT)
        return
    for res, src, _ in claims[1:]:
        res.status = first_res.status
        res.report.add(LossCode.SOURCE_REPEATED, "", copy=str(src), first=str(first_src), written=dest)


def convert_many(sources: Iterable[str | Path], to: str, out: str | Path, *, from_: str | None = None,
                 policy: Policy = Policy(), force: bool = False, dry_run: bool = False,
                 prefix_collisions: bool = False, scope: str = "project", shared: bool = False) -> Iterator[FileResult]:
    """Convert every file to ``to`` under ``out`` (the target's own layout). Yields results as they come:
    one per output file; a target that keeps many records in one file (Roo's ``.roomodes``) gets them merged.
    Two sources that want one target both fail, unless ``prefix_collisions``: then each is renamed
    ``<folder>-<name>`` (``naming.prefixed``, as ``migrate`` does), found by reading every source first.
    ``scope``/``shared`` put each output where ``migrate`` would (``scopes.target``): ``user``, at the target's
    user-level path below ``out`` (the home folder's layout); ``shared``, in the folder several tools read. A
    target with no place at ``scope`` fails here, before anything is read (``scopes.check``)."""
    if scope != "project" or shared:
        from . import registry, scopes

        scopes.check([registry.get(to).id], scope)
    return _convert_many(sources, to, Path(out), from_, policy, force, dry_run, prefix_collisions, scope, shared)


def _convert_many(sources: Iterable[str | Path], to: str, root: Path, from_: str | None, policy: Policy,
                  force: bool, dry_run: bool, prefix_collisions: bool, scope: str, shared: bool) -> Iterator[FileResult]:
    from . import registry
    from .api import keeps_many, read, write_for, write_merged
    from .dialects.base import names_every_tool

    policy = replace(policy, placed=True)  # every output lands at the target's own path
    forget_places()
    at = _placer(registry.get(to), scope, shared)
    if scope == "project":  # each source's outputs below its own folder of the input's (``home``)
        def where(entry: Entry, dialect: str | None, rel: str, placed: bool = False) -> str:
            return home(entry, dialect) + (rel if placed else at(rel))
    else:  # the user's home folder is one place
        def where(entry: Entry, dialect: str | None, rel: str, placed: bool = False) -> str:
            return rel if placed else at(rel)
    skipped: list[tuple[Path, str]] = []
    found = list(discover(sources, from_, lambda path, why: skipped.append((path, why))))  # paths only: every source is known before anything is written
    inputs = {os.path.realpath(e.path) for e in found if e.problem is None}
    multi = keeps_many(to)
    merged: dict[str, list[Any]] = {}
    rename = _collision_names(found, to, from_, policy.carry, where) if prefix_collisions and not multi else {}

    planned: dict[str, list[tuple[FileResult, Path, str]]] = {}  # target -> every (result, source, text) it

    def place(res: FileResult, entry: Entry, rel: str, text: str | bytes, placed: bool = False,
              src: Path | None = None) -> None:
        """Plan one output; nothing is written until every source is planned, so two sources that want one target
        both fail (as in ``migrate``), the first is never written before the second is seen. ``placed``: ``rel``
        is already at the scope's place (a routed record's, ``api.write_for``); ``src``: the file it comes from, when
        not ``entry``'s own (a skill's other files, placed where its SKILL.md is)."""
        src = entry.path if src is None else src
        dest = inside(root, where(entry, res.source_dialect, rel, placed))
        res.target = str(dest)
        not_a_source(dest, inputs, str(src))
        planned.setdefault(str(dest), []).append((res, src, text))

    written: dict[str, str] = {}

    def commit(res: FileResult, dest: Path, text: str | bytes) -> None:
        res.status = "planned" if dry_run else "converted" if write_atomic(dest, text, force=force) else "unchanged"
        if not dry_run:
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            written[dest.relative_to(root).as_posix()] = hashlib.sha256(data).hexdigest()

    def along(entry: Entry, result: Any, agent: Any) -> None:
        """What goes beside a routed record (``routing.beside_files``: said in its report): a skill's other files,
        each planned beside its SKILL.md as it was beside the source, as ``migrate`` copies them, and the file the
        tool reads who runs it from (Codex's agents/openai.yaml)."""
        from .routing import beside_files

        src = entry.path
        folder = posixpath.dirname(result.path)
        for file_rel, inner, data in beside_files(result.routed, result.text, agent, str(src), str(src), result.report):
            copy = FileResult(file_rel, "failed", source_dialect=result.source)
            place(copy, entry, f"{folder}/{inner}", data, placed=True, src=Path(file_rel))
            taken.add(os.path.realpath(file_rel))
            ordered.append(copy)

    taken: set[str] = set()  # a skill's files copied with it: no "skipped" row for them
    ordered: list[FileResult] = []
    routes: tuple[Any, ...] | None = None
    refs: tuple[Any, ...] | None = None  # the batch's agents as the others name them: read once, when one does
    others: list[tuple[Entry, list[Any]]] | None = None  # every source read, once, for the two questions above
    with run_scope():  # a project's settings beside its agents read once (no yield inside: the scope is this loop's)
        for entry in found:
            src = entry.path
            res = FileResult(str(src), "failed")
            if entry.problem is not None:
                res.error, res.exit_code = f"{src}: {entry.problem}", int(ExitCode.PARSE)
                ordered.append(res)
                continue
            try:
                if multi:
                    doc, report = read(src, from_, carry=policy.carry)
                    res.report, res.source_dialect = report, report.source
                    rel = where(entry, report.source, registry.get(to).output_path(doc.agent))
                    merged.setdefault(rel, []).append((src, doc, res))
                    continue
                doc, report = read(src, from_, carry=policy.carry)
                res.report, res.source_dialect = report, report.source
                if str(src) in rename:
                    rename_record(doc.agent, rename[str(src)], report)
                seen = len(report.items)
                mine = policy
                if len(doc.records) == 1 and delegates_by_name(doc.agent, to):
                    if refs is None:
                        others = others if others is not None else sources_read(found, policy.carry)
                        refs = agent_refs_of(others, to, rename)
                    mine = replace(policy, routes=refs) if refs else policy
                elif len(doc.records) == 1 and names_every_tool(doc.agent):  # `agent: build`: the run's build agent?
                    if routes is None:
                        others = others if others is not None else sources_read(found, policy.carry)
                        routes = agent_routes(others)
                    mine = replace(policy, routes=routes) if routes else policy
                try:
                    results = write_for(doc, to, report=report, policy=mine, scope=scope, shared=shared, beside=True)
                except BroadenError:
                    if routes is None:  # a command refused for the agent it runs in: is that agent one of the sources?
                        others = others if others is not None else sources_read(found, policy.carry)
                        routes = agent_routes(others)
                    if not routes:
                        raise
                    del report.items[seen:]
                    results = write_for(doc, to, report=report, policy=replace(policy, routes=routes), scope=scope,
                                        shared=shared, beside=True)
                for result in results:
                    res = FileResult(str(src), "failed", report=result.report, source_dialect=result.source)
                    place(res, entry, result.path or f"{result.name}.md", result.text, placed=result.routed is not None)
                    ordered.append(res)
                    if result.routed is not None:
                        along(entry, result, doc.agent)  # its report, yielded after the planning, says them
                continue
            except NoRecords as exc:  # nothing to convert, and not an error: accounted for as skipped
                res.status, res.reason = "skipped", exc.message
            except AgentconvError as exc:
                record_failure(res, exc, src)
            except OSError as exc:
                res.error, res.exit_code = f"{src}: {exc.strerror or exc}", int(ExitCode.OUTPUT)
            except Exception as exc:  # a bug: this file fails with exit 70, the batch goes on
                record_failure(res, InternalError.wrap(exc, str(src)), src)
            ordered.append(res)
    for dest, claims in planned.items():
        if len(claims) > 1 and all(text == claims[0][2] for _, _, text in claims):
            _written_once(claims, dest, commit, record_failure)  # the same file from each: no collision
            continue
        for res, src, text in claims:
            try:
                if len(claims) > 1 and all(other == src for _, other, _ in claims):
                    # one file's records (an OpenCode config's agent and command of one name): no other file to name
                    if len(claims) == 2:
                        raise problem("two-records-become-one", file=str(src), dest=dest)
                    raise problem("records-become-one", file=str(src), count=len(claims), dest=dest)
                if len(claims) > 1:  # the same words from each: "x and y both become z (so does w)", one line
                    first, second, *rest = dict.fromkeys(str(other) for _, other, _ in claims)
                    remedy = None if prefix_collisions else "prefix_collisions"
                    if not rest:
                        raise problem("two-agents-become-one", file=str(src), remedy=remedy, first=first, second=second,
                                      dest=dest)
                    raise problem("three-agents-become-one" if len(rest) == 1 else "agents-become-one", file=str(src),
                                  remedy=remedy, first=first, second=second, dest=dest, rest=", ".join(rest))
                commit(res, Path(dest), text)
            except AgentconvError as exc:
                record_failure(res, exc, src)
            except OSError as exc:
                res.error, res.exit_code = f"{src}: {exc.strerror or exc}", int(ExitCode.OUTPUT)
    for path, why in skipped:  # every file found is accounted for, taken or not
        if os.path.realpath(path) not in taken:
            yield FileResult(str(path), "skipped", reason=why)
    yield from ordered  # in the order of the sources
    for rel, parts in merged.items():  # many sources, one file: write the records together
        m = write_merged([doc for _, doc, _ in parts], to, policy=policy)
        for i, exc in m.failed.items():  # a source the target refuses fails alone; the others are still merged
            src, _, res = parts[i]
            exc.file = str(src)
            record_failure(res, exc, src)
            yield res
        good = [part for i, part in enumerate(parts) if i not in m.failed]
        owns = [m.own.get(i) for i in range(len(parts)) if i not in m.failed]
        if not good:
            continue
        try:
            if m.error is not None:
                raise m.error
            dest = not_a_source(inside(root, rel), inputs, str(good[0][0]))
            commit(good[0][2], dest, m.text or "")
        except Exception as exc:  # noqa: BLE001 - AgentconvError, a failed write, or a bug (exit 70)
            failure = exc
            if isinstance(exc, OSError):
                failure = problem("output-unwritable", rel=rel, reason=exc.strerror or exc)
            elif not isinstance(exc, AgentconvError):
                failure = InternalError.wrap(exc)
            for src, _, res in good:
                record_failure(res, failure, src)
                yield res
            continue
        leftover = m.leftover()
        for i, (src, _, res) in enumerate(good):
            res.status, res.target = good[0][2].status, str(dest)
            own = owns[i].items if owns[i] is not None else []
            for item in own:  # each source's own items (WebFetch not granted ...) with it, named by it
                item.file = item.file or str(src)
            res.report.items.extend(item for item in own if item not in res.report.items)
            if i == 0:  # the merged file's own items (duplicate names, ...) once, with its first source, named by it
                for item in leftover:
                    item.file = item.file or str(dest)
                res.report.items.extend(item for item in leftover if item not in res.report.items)
            yield res
    if written:
        remember(root, written)


def home(entry: Entry, dialect: str | None) -> str:
    """The folder below the output root that a source's outputs go to: its ``discover.home_of`` below the folder it
    was found in (``plugins/a/`` of ``IN/plugins/a/agents/r.md``), so that two plugins, projects or folders of one
    input never want one output; ``""`` for a source at the input's own place, or above it (``convert .claude/agents``:
    the project holding that folder), and for a file named on its own. Read from the source's whole path, so a folder
    given inside a tool's place is seen as in it."""
    from .discover import home_of

    parts = Path(os.path.abspath(entry.full)).parts[1:]
    given = len(parts) - entry.rel.count("/") - 1  # the folders of the input's own path
    found = home_of("/".join(parts), dialect).rstrip("/").split("/")
    if dialect and (project := registry.get(dialect).declaring_project(str(entry.full))) is not None:
        found = Path(project).parts[1:]  # a role its project's config declares, wherever it is: that project's
    return "/".join(found[given:]) + "/" if len(found) > given and found != [""] else ""


def _placer(d: Any, scope: str, shared: bool) -> Callable[[str], str]:
    """The output path at ``scope`` (and the shared folder) of a path in the target's own layout."""
    if scope == "project" and not shared:
        return lambda rel: rel
    from . import scopes

    return lambda rel: scopes.target(d, rel, scope=scope, shared=shared)


REMEMBER_WAIT = 30.0
"""Seconds ``remember`` waits for a ``migrate`` that holds the output root's lock to finish."""


def remember(root: Path, written: dict[str, str]) -> None:
    """List what a batch wrote in ``root``'s manifest, so ``migrate`` never takes those files for sources: read,
    changed and saved under the output root's lock (a ``migrate`` writing there meanwhile would save its own copy
    over it). A manifest that cannot be read, or a lock still held after ``REMEMBER_WAIT`` seconds, is left as it is
    (``migrate`` names the problem)."""
    from . import manifest as mf

    try:
        m = mf.load(root)
        if all(m.files.get(t) == d for t, d in written.items()):
            return
        with mf.locked(root, wait=REMEMBER_WAIT):
            m = mf.load(root)
            m.files.update(written)
            mf.save(root, m)
    except AgentconvError:
        return


def record_failure(res: FileResult, exc: AgentconvError, src: Path) -> None:
    if exc.file is None:
        exc.file = str(src)
    res.error, res.exit_code, res.remedy = str(exc), int(exc.exit_code), exc.remedy
    if getattr(exc, "report", None) is not None:
        for item in exc.report.items:  # a write's own report (one of a merged file's sources): each names the source
            item.file = item.file or str(src)
        res.report = exc.report
