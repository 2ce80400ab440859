"""Whole repositories: plan, migrate, and check that generated files are in sync.

Flow: discover (the pool forks at the 64th source; its workers are sent their share of those found as it goes on) ->
convert in a process pool (each worker reads one source, writes each target to a temp file beside its destination,
returns a small record) -> plan (collisions, hand-written files) -> rename or discard the temp files -> update the
manifest. Records pass through ``spill.Spill`` (a temp file past 4,096) from one pass to the next, and the manifest's
new entries through a sorted spill, never file contents nor a table of every target: memory does not grow with the
file count (issue 11).
A second run finds every target identical and writes nothing.

The manifest (``.agentconv/manifest.json`` in the output root) lists the files agentconv wrote with
their hashes: a target that is missing from it, or whose bytes no longer match, was written or edited
by hand and is never replaced without ``force``. It is saved before the renames too, listing the targets about
to be written, so a run killed at any moment leaves a manifest that tells outputs from sources (``manifest.py``).
One run at a time writes an output root (``.agentconv/lock``); temp files of a killed run are swept by the next.
Without a manifest (a fresh clone), a found file that is the current conversion of another found source (or holds
a carry comment) at that source's target path is recognised as an output, not taken as a source.
"""
from __future__ import annotations

import hashlib
import operator
import os
import posixpath
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path

from . import api, fsio, limits, registry
from . import manifest as mf
from .batch import forget_places, inside_str
from .dialects.base import refers_as
from .dialects.helpers import run_scope
from .discover import project_of
from .errors import AgentconvError, ExitCode, InternalError, NoRecords, problem
from .loss import LossCode, LossReport, Policy
from .manifest import MANIFEST  # noqa: F401  (re-exported: where the manifest lives)
from .routing import (beside_files, command_dialects, for_route, routed, route_said, shared_route,  # noqa: F401
                      user_only_file, with_commands)  # (routed: re-exported)
from .spill import Sorted, Spill

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, Callable, Container, Iterable, Iterator

    from .ir import Document


@dataclass(slots=True)
class Record:
    """One (source, target dialect) pair: what happened to it. The JSON of ``--json``."""

    source: str
    """Repo-relative source path."""
    target_dialect: str | None = None
    target: str | None = None
    """Output-relative target path."""
    status: str = "failed"
    """``converted``, ``unchanged``, ``planned``, ``collision``, ``kept`` (hand-written target), ``skipped``
    (same dialect), ``failed``; ``stale`` (check) and ``removed`` (its sources are gone)."""
    source_dialect: str | None = None
    losses: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    exit_code: int = 0
    diff: str | None = None
    digest: str | None = None
    tmp: str | None = None
    ir: dict[str, Any] | None = None
    """The record's IR, for a target that merges many sources into one file."""
    merged: bool = False
    """One of several sources written together into ``target`` (not a collision)."""
    prior: str | None = None
    """sha256 of the target's bytes before this run (None: it did not exist), taken where it was read."""
    counts: dict[str, Any] | None = None
    """Loss counts by code, instead of ``losses``, when the caller only wants the summary."""
    remedy: str | None = None
    """What would get past the error (``AgentconvError.remedy``; ``"force"``, ``"prefix_collisions"``)."""
    refers: tuple[Any, ...] | None = None
    """On the first record of a source that is one custom agent: (its dialect, the name another agent of that dialect
    names it by, (target dialect, name written there) pairs, the agents it names in its delegation scope):
    what ``_refer`` resolves the run's agent references from, without reading any source again."""

    def to_json(self) -> dict[str, Any]:
        out = {"source": self.source, "from": self.source_dialect, "to": self.target_dialect, "target": self.target,
               "status": self.status, "losses": self.items()}
        if self.error:
            out["error"], out["exit_code"] = self.error, self.exit_code
        return out

    def items(self) -> list[dict[str, Any]]:
        """``losses`` with each item's ``file``: one kept as ``""`` (shared between records, see ``_Shared``) is the
        record's source."""
        return [{**i, "file": self.source} if i.get("file") == "" else i for i in self.losses]


_FIELDS = operator.attrgetter(*(f.name for f in fields(Record)))


def _spill(items: Iterable[Record] = ()) -> Spill[Record]:
    """A run's records, held in a temp file past 4,096 (``spill.Spill``): each as a tuple of its fields."""
    return Spill(items, _FIELDS, _record)


def _record(values: tuple[Any, ...]) -> Record:
    return Record(*values)


@dataclass
class Summary:
    """Counts by status and losses by code, for the human summary and the exit code."""

    statuses: Counter[str] = field(default_factory=Counter)
    losses: Counter[str] = field(default_factory=Counter)
    failed_files: int = 0

    def exit_code(self) -> int:
        bad = self.statuses["failed"] + self.statuses["collision"] + self.statuses["kept"]
        if not bad:
            return int(ExitCode.OK)
        return int(ExitCode.PARTIAL)

    def to_json(self) -> dict[str, Any]:
        return {"statuses": dict(self.statuses), "losses": dict(self.losses)}


@dataclass(frozen=True)
class Job:
    """What a worker needs, picklable."""

    to: tuple[str, ...]
    from_: str | None
    out: str
    policy: Policy
    mode: str  # "write", "plan", "diff", "check"
    rename: tuple[tuple[str, str], ...] = ()
    """(source, new name) pairs: how --prefix-collisions resolves a collision."""
    keep_losses: bool | str = True
    """False: workers send loss counts instead of items (less to pickle, less to hold); a severity
    (``"warning"``): items at or above it, counts for the rest."""
    scope: str = "project"
    """``user``: targets go to each dialect's user-level folder, relative to ``home`` (``scopes.py``)."""
    shared: bool = False
    """Write to the folder several tools read (``[layout] shared``: ``.agents/skills/``) where the dialect has one."""
    home: str | None = None
    dialects: tuple[tuple[str, str, str], ...] = ()
    """(source, dialect, path to read it as): sources found in a user-level folder, whose dialect is the folder's."""
    given: frozenset[str] = frozenset()
    """Sources given with ``--file`` and not found: written at the root's places, never below a nested project's."""


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _work(job: Job, src: str, rel: str) -> list[Record]:
    """Convert one source to every target. Runs in a worker process. A bug fails this source alone (exit 70)."""
    try:
        return _work_one(job, src, rel)
    except Exception as exc:  # noqa: BLE001 - one line and exit 70, never a traceback or a broken pool
        err = InternalError.wrap(exc, rel)
        return [Record(rel, None, None, "failed", job.from_, [], str(err), int(err.exit_code))]


def _work_one(job: Job, src: str, rel: str) -> list[Record]:
    out: list[Record] = []
    dialect, as_path = next(((d, p) for r, d, p in job.dialects if r == rel), (job.from_, rel))
    try:  # with --from, discovery found the file at that dialect's own place: no detection needed
        doc, report0 = api.read(src, dialect, path=as_path, carry=job.policy.carry)
    except NoRecords as exc:  # nothing to convert, and not an error
        return [Record(rel, None, None, "skipped", job.from_, [], exc.message)]
    except AgentconvError as exc:
        return [Record(rel, None, None, "failed", job.from_, [], str(exc), int(exc.exit_code), remedy=exc.remedy)]
    root = job.out
    refers = _refers_of(doc)  # before a rename: the others name it as its source does
    names: list[tuple[str, str]] = []
    new_name = dict(job.rename).get(rel)
    if new_name:
        from .batch import rename_record

        rename_record(doc.agent, new_name, report0)
    for target, asked, doc in ((t, a, part) for part in _by_kind(doc) for t, a in routed(job.to, part.agent.kind)):
        if report0.source == target and (asked is None or not shared_route(asked) or _at(src, job, target, doc, rel)):
            out.append(Record(rel, target, status="skipped", source_dialect=report0.source,
                              error=f"already {target}: the source itself"))
            if asked is not None and doc.agent.kind == "skill":  # where the tool reads it: what it reads beside it
                _in_place(job, src, rel, asked, target, doc, report0, out)
            continue
        d = registry.get(target)
        if refers is not None:
            names.append((d.id, _stem(d, doc.agent)))
        if api.keeps_many(target):  # many sources, one file: merged in the main process (see _merge)
            merged = _beneath(doc, d, report0)  # the IR goes as JSON, which keeps no settings: read beneath them here
            rec = Record(rel, target, _where(job, d, d.output_path(doc.agent), rel), "merge", report0.source,
                         merged[1].to_json())
            rec.ir = merged[0].to_json()
            out.append(rec)
            continue
        report = LossReport(list(report0.items), report0.source, None, rel)
        if asked is not None and doc.agent.kind == "command":
            report.add(LossCode.KIND_MAPPED, "kind", variant="command-dialect", written=target, asked=asked)
        try:
            results = api.write_all(for_route(doc, asked), target, report=report, policy=job.policy)
        except AgentconvError as exc:
            rep = getattr(exc, "report", None)
            out.append(Record(rel, target, None, "failed", report0.source, rep.to_json() if rep is not None else [],
                              str(exc), int(exc.exit_code), remedy=exc.remedy))
            continue
        for result in results:
            rec = Record(rel, target, None, source_dialect=report0.source)
            if asked is not None:
                route_said(asked, target, result.text, result.report, doc.agent, alone=False)
            files = beside_files(asked, result.text, doc.agent, src, rel, result.report) if asked is not None else []
            _kept(rec, result.report.items, job.keep_losses)
            try:
                rec.target = _where(replace(job, shared=True) if shared_route(asked) else job, d, result.path, rel)
            except AgentconvError as exc:
                rec.error, rec.exit_code = str(exc), int(exc.exit_code)
                out.append(rec)
                continue
            _place(rec, result.text, root, job.mode)
            out.append(rec)
            for file_rel, inner, data in files:  # the skill's other files, beside its SKILL.md as they were
                copy = Record(file_rel, target, f"{posixpath.dirname(rec.target)}/{inner}",
                              source_dialect=report0.source)
                _place(copy, data, root, job.mode)
                out.append(copy)
    if refers is not None and names and out:
        out[0].refers = (refers[0], refers[1], tuple(names), refers[2])
    if job.keep_losses is not True:
        for rec in out:
            if rec.status in ("failed", "skipped"):  # a merged record's items are needed once more, by _merge
                _thin(rec, job.keep_losses)
    return out


def _in_place(job: Job, src: str, rel: str, asked: str, target: str, doc: Document, report0: LossReport,
              out: list[Record]) -> None:
    """A skill only the user runs already where ``asked``'s tool reads it (Codex: .agents/skills/), whose own file
    beside it does not say so to that tool: that file written there (``routing.user_only_file``: agents/openai.yaml,
    its other keys kept), as for a skill written there."""

    inner = registry.get(asked).table.get("route", {}).get("user_only_file")
    if not inner:
        return
    own = posixpath.join(posixpath.dirname(rel), inner)
    try:
        old: bytes | None = limits.read_file(os.path.join(os.path.dirname(src), *inner.split("/")))
    except (OSError, limits.LimitError):
        old = None
    try:
        text = limits.read_file(src).decode("utf-8", "replace")
    except (OSError, limits.LimitError):
        return
    report = LossReport([], report0.source, None, rel)
    data = user_only_file(asked, text, doc.agent, old, report)
    if data is None and not report.items or data == old:
        return
    rec = Record(own, target, own, source_dialect=report0.source)  # the skill's own folder, in place
    _kept(rec, report.items, job.keep_losses)
    if data is None:  # Codex ignores it, or agentconv cannot change it: said, left as it is
        rec.status = "skipped"
        rec.target = None
        out.append(rec)
        return
    _place(rec, data, job.out, job.mode)
    out.append(rec)


def _refers_of(doc: Document) -> tuple[Any, ...] | None:
    """A source of one custom agent (as ``convert DIR`` takes them, ``batch.agent_refs_of``): its dialect, the name
    another agent of that dialect names it by (``refers_as``), and the agents its delegation scope names
    (``agents: [...]``, ``Agent(x)``; no pattern). None for any other source."""
    if len(doc.records) != 1 or doc.agent.kind != "agent" or doc.agent.origin is None:
        return None
    agent = doc.agent
    wants = tuple(dict.fromkeys(g.pattern for g in agent.tools.grants if g.canonical == "agent"
                                and isinstance(g.pattern, str) and g.pattern and "*" not in g.pattern))
    return agent.origin.dialect, refers_as(agent), wants


def _stem(d: Any, agent: Any) -> str:
    """The name ``d`` writes ``agent`` under (``batch.agent_refs_of``): its file's stem, else its name."""
    try:
        return d.file_stem(agent)[0] or agent.name
    except AgentconvError:  # a name refused as a path: its write fails with its own line
        return agent.name


def _by_kind(doc: Document) -> list[Document]:
    """``doc``, or its records split by kind where it holds several (an OpenCode config's agents and commands): each
    kind goes where ``routed`` sends it."""
    kinds = list(dict.fromkeys(r.kind for r in doc.records))
    if len(kinds) < 2:
        return [doc]
    from .ir import Document

    return [Document([r for r in doc.records if r.kind == k], doc.ir_version) for k in kinds]


def _at(src: str, job: Job, target: str, doc: Document, rel: str) -> bool:
    """Whether ``src`` is already where a record routed to ``target``'s shared place goes (a skill in .agents/skills/):
    nothing to write."""
    d = registry.get(target)
    try:
        place = _where(replace(job, shared=True), d, d.output_path(doc.agent), rel)
    except AgentconvError:
        return False
    return os.path.normcase(os.path.realpath(os.path.join(job.out, place))) == os.path.normcase(os.path.realpath(src))


def _where(job: Job, d: Any, path: str, rel: str) -> str:
    """The target path at the job's scope and place (``scopes.target``); in a repository, below the nested project
    that source ``rel`` belongs to (``discover.project_of``: ``packages/a/.claude/agents/x.md`` ->
    ``packages/a/.github/agents/x.agent.md``), where the tools read it when they run in that project."""
    if job.scope == "project" and not job.shared:
        return path if rel in job.given else project_of(rel) + path
    from . import scopes

    where = scopes.target(d, path, scope=job.scope, shared=job.shared, root=Path(job.home) if job.home else None)
    return project_of(rel) + where if job.scope == "project" and rel not in job.given else where


_RANK = {"info": 0, "warning": 1, "error": 2}


class _Shared:
    """One object for the equal values thousands of records hold (loss items, lists of them, loss counts, dialect
    ids): a worker's chunk of records pickles each once, and a spill's chunk (``spill.Spill``) too, whatever their
    losses. An item's ``file``, when it is the record's source, is kept as ``""`` (``Record.items`` puts it back).
    Shared values are never changed in place: the records' lists are replaced, not edited."""

    def __init__(self) -> None:
        self.table: dict[Any, Any] = {}
        self.held: set[int] = set()  # ids of the items the table holds: a list of only those is shared by their ids

    def __call__(self, rec: Record) -> Record:
        t = self.table
        rec.source_dialect = t.setdefault(rec.source_dialect, rec.source_dialect)
        rec.target_dialect = t.setdefault(rec.target_dialect, rec.target_dialect)
        if rec.status != "merge":  # a merged record's items go to _merge as they are
            items = [self.item(i, rec.source) for i in rec.losses]
            key = ("losses", *map(id, items))  # ids of shared items (held by the table) or of this list's own
            rec.losses = t.setdefault(key, items) if all(id(x) in self.held for x in items) else items
        if rec.counts:
            key = ("counts", *rec.counts.items())
            rec.counts = t.setdefault(key, rec.counts)
        return rec

    def item(self, item: dict[str, Any], source: str) -> dict[str, Any]:
        if item.get("file") == source:
            item["file"] = ""
        try:
            key = tuple(item.items())
            got = self.table.setdefault(key, item)
        except TypeError:  # an unhashable value: kept as it is
            return item
        self.held.add(id(got))
        return got


def _kept(rec: Record, items: list[Any], keep: bool | str) -> None:
    """``rec.losses`` from a report's items as ``_thin`` leaves them: only the kept ones are turned into JSON."""
    if keep is True:
        rec.losses = [i.to_json() for i in items]
        return
    floor = _RANK[keep] if keep else 3
    kept: list[Any] = []
    counts: dict[str, int] = {}  # the codes below the floor, counted in first-seen order (as a Counter gives them)
    for i in items:  # one pass, not two
        if _RANK[i.severity] >= floor:
            kept.append(i)
        else:
            code = i.code.value
            counts[code] = counts.get(code, 0) + 1
    if counts:
        rec.counts = counts
    rec.losses = [i.to_json() for i in kept]


def _thin(rec: Record, keep: bool | str) -> None:
    """Keep the items at or above ``keep`` (a severity; False: none); count the others by code."""
    floor = _RANK[keep] if keep else 3
    low = [item["code"] for item in rec.losses if _RANK[item["severity"]] < floor]
    if low:  # otherwise nothing changes: no new list, no empty counts
        rec.counts = dict(Counter(low))
        rec.losses = [item for item in rec.losses if _RANK[item["severity"]] >= floor]


_MADE: dict[str, bool] = {}
"""The output folders this process made sure of in this run -> whether it made them or found them holding nothing but
temp files (``_only_staged``): then no target in them is there to read before the renames, which come after every
record is placed."""


def _only_staged(folder: str) -> bool:
    """Whether a folder that was there already holds nothing but temp files (``fsio.TEMP``: never a target's name):
    then, as in one this process made, no target is there to read, and the other targets written into it are not
    looked for one by one. In a pool, one process makes each output folder and the others find it holding only the
    first one's temp files: one listing instead of a ``stat`` per output (issue 11)."""
    try:
        with os.scandir(folder) as listing:
            return all(fsio.TEMP.match(entry.name) for entry in listing)
    except OSError:
        return False


def _place(rec: Record, text: str | bytes, root: str, mode: str) -> None:
    """Compare with what is there; stage a temp file (write), a diff, or the check's verdict."""
    try:
        dest = inside_str(root, rec.target)
    except AgentconvError as exc:
        rec.status, rec.error, rec.exit_code, rec.remedy = "failed", str(exc), int(exc.exit_code), exc.remedy
        return
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    rec.digest = hashlib.sha256(data).hexdigest()
    folder = os.path.dirname(dest) or "."  # a target at the root of a root given as "." (`.roomodes`): no ''
    try:  # a FIFO in a target's place is refused, never opened for reading
        old = None if _MADE.get(folder) else limits.read_file(dest)
    except FileNotFoundError:
        old = None
    except (OSError, limits.LimitError) as exc:
        rec.status, rec.exit_code = "failed", int(ExitCode.OUTPUT)
        rec.error = f"{rec.target}: cannot replace it: {getattr(exc, 'strerror', None) or exc}"
        return
    same = old == data  # as a second run finds every target: what is there hashes to the digest just taken
    rec.prior = rec.digest if same else hashlib.sha256(old).hexdigest() if old is not None else None
    if same:
        rec.status = "unchanged"
    elif mode == "write":
        try:
            if folder not in _MADE:  # one mkdir per folder and process, not per file
                try:
                    os.makedirs(folder)
                    _MADE[folder] = True
                except FileExistsError:  # there already, or another process of the pool's just now
                    _MADE[folder] = _only_staged(folder)
            tmp = fsio.stage(dest, data, new=old is None)
        except OSError as exc:  # a full or read-only disk: this target fails; stage() leaves no temp file
            rec.status, rec.exit_code = "failed", int(ExitCode.OUTPUT)
            rec.error = f"{rec.target}: cannot write: {exc.strerror or exc}"
            return
        rec.tmp, rec.status = tmp, "converted"
    else:
        rec.status = "stale" if mode == "check" else "planned"
        if mode == "diff":
            import difflib  # --diff alone: not a module every run imports before its fork (issue 11)

            before = old.decode("utf-8", "replace").splitlines(True) if old is not None else []
            after = data.decode("utf-8", "replace").splitlines(True)
            rec.diff = "".join(difflib.unified_diff(before, after, f"a/{rec.target}", f"b/{rec.target}"))
        if mode == "check":
            rec.error = f"{rec.target} is {'missing' if old is None else 'stale'} (from {rec.source})"


def _beneath(doc: "Document", target: Any, report: "LossReport") -> tuple["Document", "LossReport"]:
    """A document bound for a file of many records, its skills and commands read beneath their project settings as
    agents of ``target`` where it writes them so (``settings.as_agent``; said in a copy of ``report``): the record
    goes to ``_merge`` as JSON, which keeps no settings, so the write there could not read them."""
    from .dialects import settings
    from .ir import Document

    if not any(a.kind in ("skill", "command") and a.origin is not None and a.origin.keep.get("base")
               for a in doc.records):
        return doc, report
    said = LossReport(list(report.items), report.source, report.target, report.file)
    records = [settings.as_agent(a, target, said) or a for a in doc.records]
    return Document(records, doc.ir_version), said


def _merge(records: Spill[Record], job: Job, root: Path) -> Spill[Record]:
    """Targets that keep many records in one file (``api.keeps_many``): write each file once (``api.write_merged``).
    Their records (a few: one per source) are held in memory meanwhile."""
    from .ir import Document

    held = {i: r for i, r in enumerate(records) if r.status == "merge"}
    groups: dict[str, list[Record]] = {}
    for r in held.values():
        groups.setdefault(r.target, []).append(r)
    for recs in groups.values():
        m = api.write_merged([Document.from_json(r.ir) for r in recs], recs[0].target_dialect, policy=job.policy)
        for i, exc in m.failed.items():  # a source the target refuses fails alone; the others are still merged
            r = recs[i]
            exc.file = r.source
            r.status, r.error, r.exit_code, r.ir, r.remedy = "failed", str(exc), int(exc.exit_code), None, exc.remedy
        recs = [r for i, r in enumerate(recs) if i not in m.failed]
        if not recs:
            continue
        if m.error is not None:
            for r in recs:
                r.status, r.error, r.exit_code, r.remedy = "failed", str(m.error), int(m.error.exit_code), m.error.remedy
            continue
        _place(recs[0], m.text or "", os.fspath(root), job.mode)
        for item in m.report:  # the merged file's own items: counted once, on its first source, named by the file
            item.file = item.file or recs[0].target
        written = [i.to_json() for i in m.report]
        for r in recs:
            r.ir = None
            r.losses = r.losses + written if r is recs[0] else r.losses
            r.merged = True
            if r is not recs[0]:  # a failed write fails them all, each with why (the first's error and code)
                r.status, r.digest, r.diff, r.error = recs[0].status, recs[0].digest, None, None
                r.prior = recs[0].prior  # what is there now: a source or a hand-written file refuses them all
                if recs[0].status == "failed":
                    r.error, r.exit_code, r.remedy = recs[0].error, recs[0].exit_code, recs[0].remedy
    if job.keep_losses is not True:
        for r in held.values():
            if r.losses:  # the workers thinned the others
                _thin(r, job.keep_losses)
    return records.like(held.get(i, r) for i, r in enumerate(records))


POOLED = 64
"""Sources from which a run converts in a pool of processes (fewer: in the main process alone)."""

EARLY = 32
"""Sources in each chunk a worker is sent while discovery still runs (``_Workers.found``)."""


class _Workers:
    """The worker processes of one run. With ``jobs`` > 1 the main process is one of the ``jobs``: it forks
    ``jobs - 1`` workers (after a warm-up, so they inherit the imports and tables instead of loading them each) and
    converts chunks itself while they convert theirs. The fork comes as soon as discovery has found ``POOLED``
    sources (``found``): a worker then holds what 64 sources cost, not what 10,000 do (issue 11). While discovery goes
    on, the workers are sent chunks of what it has found (``early``), never more than their share of it (so a run of
    a few more than 64 sources is shared out, not left to one worker) and two at a time each (so none waits for the
    main process to finish finding)."""

    def __init__(self, jobs: int | None, before: Callable[[], None] | None = None) -> None:
        self.jobs = jobs
        self.before = before
        """Called before the fork: the output root's lock (``_Lock``), which a worker staging files needs held."""
        self.size = 1
        self.pool: Any = None
        self.early: list[tuple[int, list[tuple[str, str]], Any]] = []
        """The chunks sent while discovery runs, in order from the first source: (start, their sources, the future of
        their records)."""

    def found(self, job: Job, found: Sequence[tuple[str, str]]) -> None:
        """Discovery has found ``found`` so far: fork at the ``POOLED``-th, then send the workers their share."""
        n = len(found)
        if self.pool is None:
            if n == POOLED:
                self.start(job, found[:POOLED])
            return
        if n % 16 and n != POOLED:  # asked every 16th source: the futures' locks cost ~15 k instructions a look
            return
        sent = self.early[-1][0] + len(self.early[-1][1]) if self.early else 0
        workers = self.size - 1
        if (sent + EARLY) * self.size <= n * workers and sum(not f.done() for _, _, f in self.early[-2 * workers:]) \
                < 2 * workers:
            pairs = found[sent:sent + EARLY]
            self.early.append((sent, pairs, self.pool.submit(_sent, job, pairs)))

    def start(self, job: Job, first: Sequence[tuple[str, str]]) -> None:
        """Fork the workers now, if there are cores for them, and give them their share of the ``first`` sources to
        convert while the main process finds the others."""
        if self.pool is not None:
            return
        self.size = jobs_for(self.jobs, POOLED)
        if self.size <= 1:
            return
        if self.before is not None:
            self.before()
        _warm(job, first[0])
        self.pool = _Pool(self.size - 1, os.getpid())
        self.found(job, first)

    def close(self, interrupted: bool = False) -> None:
        """Stop the workers (they finish the chunks they hold, whose records are not read). ``interrupted`` (Ctrl-C,
        SIGTERM): at once, in the middle of a chunk too; their temp files are the run's, which it sweeps
        (``_once_found``)."""
        if interrupted and self.pool is not None:
            self.early = []
            self.pool.terminate()
        self._drop_early()
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    def _drop_early(self) -> None:
        """The chunks sent early whose records are not wanted (the run ended before, or some of their sources were
        outputs): their temp files go."""
        early, self.early = self.early, []
        for _, _, future in early:
            try:
                records = future.result()
            except Exception:  # noqa: BLE001 - a broken pool: it wrote nothing that is left to find (an
                continue  # interruption, Ctrl-C or SIGTERM, goes on up: swallowed here, the run went on with both ignored)
            for r in map(_record, records):
                if r.tmp:
                    fsio.discard(r.tmp)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, kind: Any, *exc: object) -> None:
        self.close(interrupted=kind is not None and not issubclass(kind, Exception))

    def run(self, job: Job, files: Sequence[tuple[str, str]]) -> Iterator[Record]:
        """Every source's records, in the order of ``files``."""
        if jobs_for(self.jobs, len(files)) <= 1 or len(files) < POOLED:
            for src, rel in files:
                yield from _work(job, str(src), rel)
            return
        self.start(job, files[:POOLED])
        pool, jobs = self.pool, self.size
        pending: dict[int, Any] = {}  # chunk index -> future (a worker's), in flight or done
        chunks, i = [], 0  # (start, stop): a chunk's pairs are made when it is sent, not 10,000 of them up front
        for start, pairs, future in self.early:  # those sent early, while still the first (no output among them)
            if start != i or files[start:start + len(pairs)] != pairs:
                break
            pending[len(chunks)] = future
            chunks.append((start, start + len(pairs)))
            i = start + len(pairs)
        self.early = self.early[len(chunks):]
        self._drop_early()
        while i < len(files):  # smaller and smaller: the last ones share out the tail evenly, none waits long for one
            size = max(4, min(64, (len(files) - i) // (jobs * 4)))
            chunks.append((i, min(i + size, len(files))))
            i += size
        mine: dict[int, list[Record]] = {}  # chunks the main process converted, until their turn
        sent = len(pending)

        def feed() -> None:  # two chunks queued per worker: enough to keep it busy, few to drop when interrupted
            nonlocal sent
            while sent < len(chunks) and sum(not f.done() for f in pending.values()) < 2 * (jobs - 1):
                pending[sent] = pool.submit(_sent, job, files[slice(*chunks[sent])])
                sent += 1

        try:
            for i in range(len(chunks)):
                feed()
                while i in pending and not pending[i].done() and sent < len(chunks):
                    mine[sent] = _work_chunk(job, files[slice(*chunks[sent])])  # converts while it waits
                    sent += 1
                    feed()
                yield from mine.pop(i) if i in mine else map(_record, pending.pop(i).result())
        except (Exception, GeneratorExit):
            self.close()
            raise
        except BaseException:  # interrupted: the workers stop now, not after the chunks they hold
            self.close(interrupted=True)
            raise
        self.close()


class BrokenProcessPool(RuntimeError):
    """A worker process ended while it held chunks (killed, or out of memory): the run fails with this, as it did with
    ``concurrent.futures``' exception of that name and message."""


_BROKEN = "A process in the process pool was terminated abruptly while the future was running or pending."


class _Chunk:
    """The records of one chunk a worker converts (``concurrent.futures.Future``'s ``done`` and ``result``)."""

    __slots__ = ("proc", "ready", "value", "error")

    def __init__(self, proc: _Proc) -> None:
        self.proc = proc
        self.ready = False
        self.value: Any = None
        self.error: BaseException | None = None

    def done(self) -> bool:
        if not self.ready:
            self.proc.poll()
        return self.ready

    def result(self) -> Any:
        while not self.ready:
            self.proc.receive()
        if self.error is not None:
            raise self.error
        return self.value


class _Proc:
    """One worker process: the pipe its chunks go down, the pipe their records come back up, in the same order."""

    __slots__ = ("pid", "out", "back", "job", "waiting")

    def __init__(self, pid: int, out: int, back: int) -> None:
        self.pid, self.out, self.back = pid, out, back
        self.job: Any = None  # the job this worker was last sent: sent again only when another
        self.waiting: list[_Chunk] = []  # its chunks not yet received, oldest first

    def poll(self) -> None:
        """Receive the records a worker has sent, without waiting for any."""
        import select

        while self.waiting and select.select([self.back], [], [], 0)[0]:
            self.receive()

    def receive(self) -> None:
        """Wait for the next chunk's records (a worker that ended fails them all)."""
        import pickle

        head = _read(self.back, 8)
        size = int.from_bytes(head, "little") if len(head) == 8 else -1
        body = _read(self.back, size) if size > 0 else b""
        if len(body) != size:  # the pipe closed: the worker ended
            for chunk in self.waiting:
                chunk.ready, chunk.error = True, BrokenProcessPool(_BROKEN)
            self.waiting = []
            return
        chunk = self.waiting.pop(0)
        ok, chunk.value = pickle.loads(body)
        if not ok:
            chunk.error, chunk.value = chunk.value, None
        chunk.ready = True


def _read(fd: int, size: int) -> bytes:
    """``size`` bytes from a pipe (fewer: it was closed)."""
    got = os.read(fd, size)
    if len(got) == size or not got:
        return got
    buf = bytearray(got)
    while len(buf) < size:
        more = os.read(fd, size - len(buf))
        if not more:
            break
        buf += more
    return bytes(buf)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class _Pool:
    """``workers`` processes forked from this one, each sent chunks down a pipe of its own (the one with the fewest in
    hand), its records coming back up another, pickled. No ``concurrent.futures`` or ``multiprocessing``: their imports
    (``logging``, ``tokenize``, ``socket``, ``tempfile``, ... ~82 M instructions) were paid before the fork by every
    pooled run, in its serial part, and their threads took the main process's turn at each chunk (issue 11). A worker
    is sent the job once (it changes only when a run narrows it), and inherits everything else from the fork."""

    def __init__(self, workers: int, parent: int) -> None:
        self.procs: list[_Proc] = []
        for _ in range(workers):
            out_r, out_w = os.pipe()
            back_r, back_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: it never returns, and never flushes what the parent had buffered
                code = 1
                try:
                    os.close(out_w)
                    os.close(back_r)
                    for p in self.procs:  # the earlier workers' pipes: theirs to close, not held open here
                        os.close(p.out)
                        os.close(p.back)
                    _worker_init(parent)
                    _serve(out_r, back_w)
                    code = 0
                finally:
                    os._exit(code)
            os.close(out_r)
            os.close(back_w)
            self.procs.append(_Proc(pid, out_w, back_r))

    def submit(self, fn: Callable[..., Any], job: Job, pairs: list[tuple[str, str]]) -> _Chunk:
        import pickle

        proc = min(self.procs, key=lambda p: len(p.waiting))
        chunk = _Chunk(proc)
        if proc.pid == 0:  # shut down
            chunk.ready, chunk.error = True, RuntimeError("cannot schedule new futures after shutdown")
            return chunk
        data = pickle.dumps((fn, job if job is not proc.job else None, pairs), pickle.HIGHEST_PROTOCOL)
        try:
            _write(proc.out, len(data).to_bytes(8, "little") + data)
        except BrokenPipeError:  # the worker ended: this chunk fails as its others do
            chunk.ready, chunk.error = True, BrokenProcessPool(_BROKEN)
            return chunk
        proc.job = job
        proc.waiting.append(chunk)
        return chunk

    def terminate(self) -> None:
        """Stop the workers at once (Ctrl-C, SIGTERM), in the middle of a chunk too."""
        import signal

        for p in self.procs:
            if p.pid:
                try:
                    os.kill(p.pid, signal.SIGTERM)
                except OSError:
                    pass

    def shutdown(self) -> None:
        """The workers end once the chunks they were sent are done (the records not received are not wanted: a worker
        sending them ends at the closed pipe); waits for them."""
        for p in self.procs:
            if p.pid:
                os.close(p.out)
                os.close(p.back)
                for chunk in p.waiting:
                    chunk.ready, chunk.error = True, BrokenProcessPool("the pool was shut down")
                p.waiting = []
        for p in self.procs:
            if p.pid:
                pid, p.pid = p.pid, 0
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    pass


def _serve(chunks: int, back: int) -> None:
    """A worker's loop: each chunk it is sent, converted (``fn(job, pairs)``), its records sent back; until the main
    process closes the pipe."""
    import pickle

    job = None
    while True:
        head = _read(chunks, 8)
        if len(head) < 8:
            return
        fn, sent, pairs = pickle.loads(_read(chunks, int.from_bytes(head, "little")))
        if sent is not None:
            job = sent
        try:
            out = (True, fn(job, pairs))
        except Exception as exc:  # noqa: BLE001 - raised in the main process, as a pool's future does
            out = (False, exc)
        try:
            data = pickle.dumps(out, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - an exception that does not pickle: its line
            data = pickle.dumps((False, RuntimeError(str(exc))), pickle.HIGHEST_PROTOCOL)
        try:
            _write(back, len(data).to_bytes(8, "little") + data)
        except BrokenPipeError:  # the main process shut the pool down: these records are not wanted
            return


def _sent(job: Job, files: list[tuple[str, str]]) -> list[tuple[Any, ...]]:
    """A worker's records of ``files`` as tuples of their fields: a third of what pickling the records costs."""
    return list(map(_FIELDS, _work_chunk(job, files)))


def _work_chunk(job: Job, files: list[tuple[str, str]]) -> list[Record]:
    """A worker's records of ``files``, equal items shared (``_Shared``): pickled once each, sent as references."""
    share = _Shared()
    return [share(rec) for src, rel in files for rec in _work(job, src, rel)]


def _warm(job: Job, first: tuple[str, str]) -> None:
    """Convert one source in memory (nothing written) so the modules and tables a conversion needs are loaded
    before the pool forks."""
    try:
        doc, report = api.read(Path(first[0]), job.from_, path=first[1], carry=job.policy.carry)
        for target, _ in routed(job.to, doc.agent.kind):
            api.write_all(doc, target, report=LossReport(list(report.items), report.source), policy=job.policy)
    except Exception:  # noqa: BLE001 - only a warm-up: the real run reports whatever this is
        pass


def _worker_init(parent: int) -> None:
    """A pool worker dies with its parent however the parent ends, leaves Ctrl-C to it, and names its temp files
    after it (so the next run knows whose they were)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    fsio.OWNER = parent
    try:
        import ctypes

        if ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0) != 0:  # PR_SET_PDEATHSIG
            raise OSError
    except (OSError, AttributeError):  # not Linux: watch the parent instead
        import threading
        import time

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent was gone before the signal was armed
        os._exit(1)


def jobs_for(jobs: int | None, files: int) -> int:
    """Worker processes: ``jobs`` (default: the usable cores), never more than the cores or the files; one where the
    system cannot fork (Windows: the pool forks its workers)."""
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise problem("jobs-invalid", jobs=jobs)
    if not hasattr(os, "fork"):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(jobs or cores, cores, files))


class _Realpath:
    """``os.path.realpath``, resolving each folder once: a batch names thousands of files in a few folders, and
    realpath costs a system call per component of every path."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: str | os.PathLike[str]) -> str:
        folder, name = os.path.split(os.fspath(path))
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = os.path.realpath(folder or ".")
        full = os.path.join(real, name)
        return os.path.realpath(full) if os.path.islink(full) else full


def _prune(folder: Path, root: Path) -> None:
    """Remove folders a discarded temp file left empty, up to the output root."""
    root = root.resolve()
    folder = folder.resolve()
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


class _Found(Sequence[tuple[str, str]]):
    """The sources to convert, as (path, rel) pairs: thousands of them, so each is kept as its ``rel`` alone where its
    path is ``base/rel`` (as discovery finds them), with the path beside it only where not (``--file``, the user
    scope). A path string and a tuple less per source, in the main process and in each worker forked from it."""

    def __init__(self, base: str, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self.base = base  # "." too: discovery below "." finds "./.claude/agents/x.md", which is os.path.join(".", rel)
        self.rels: list[str] = []
        self.odd: dict[int, str] = {}  # index -> path, where it is not base/rel
        for pair in pairs:
            self.append(pair)

    def append(self, pair: tuple[str, str]) -> None:
        path, rel = pair
        if (path != os.path.join(self.base, rel) or os.path.isabs(rel) or os.path.normpath(rel) != rel
                or rel.startswith(".." + os.sep) or rel == ".."):
            self.odd[len(self.rels)] = path  # also a rel that is not a plain path below base (``--file ../x.md``)
        self.rels.append(rel)

    def __len__(self) -> int:
        return len(self.rels)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self.rels)))]
        rel = self.rels[i]
        return self.odd.get(i % len(self.rels)) or os.path.join(self.base, rel), rel

    def __iter__(self) -> Iterator[tuple[str, str]]:
        odd, base = self.odd, self.base
        for i, rel in enumerate(self.rels):
            yield odd.get(i) or os.path.join(base, rel), rel


class _Named(Sequence[Record]):
    """The records as a caller gets them: each loss item with its file (``Record.items``), where the run shares equal
    items between records (``_Shared``); anything else (``on_disk``, ``close``) is the sequence's own."""

    def __init__(self, records: Sequence[Record]) -> None:
        self._records = records

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, i: Any) -> Any:
        got = self._records[i]
        return list(map(_named, got)) if isinstance(i, slice) else _named(got)

    def __iter__(self) -> Iterator[Record]:
        return map(_named, self._records)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._records, name)


def _named(r: Record) -> Record:
    r.losses = r.items()
    return r


@dataclass
class Outcome:
    """The result of ``migrate``/``plan``/``sync_check``: every record and the summary."""

    records: Sequence[Record]
    """In the order of the sources; a ``Spill`` (read from a temp file past 4,096 records) or a list. Each record's
    loss items name their file (the run keeps an item of the record's own source with ``file`` ``""``: ``_Named``)."""
    summary: Summary

    def __post_init__(self) -> None:
        if not isinstance(self.records, _Named):
            self.records = _Named(self.records)

    def to_json(self) -> dict[str, Any]:
        return {"files": [r.to_json() for r in self.records], "summary": self.summary.to_json()}


def migrate(repo: str | Path | None = None, to: Iterable[str] = (), *, from_: str | None = None,
            out: str | Path | None = None, mode: str = "write", force: bool = False, jobs: int | None = None,
            policy: Policy = Policy(), files: Iterable[str | Path] = (), prefix_collisions: bool = False,
            progress: Callable[[int, int], None] | None = None, keep_losses: bool | str = True,
            remove_orphans: bool = False, scope: str = "project", shared: bool = False) -> Outcome:
    """Convert every agent file of ``repo`` (default: the current directory) to each dialect in ``to`` (``mode``:
    write, plan, diff, check). ``remove_orphans``: also remove (check: report as stale) the targets agentconv wrote
    whose sources are gone. ``scope="user"``: the user-level folders below the home folder instead of a repository
    (``repo`` must be None); ``shared``: write to ``.agents/`` where the target dialect is read from there."""
    from . import scopes
    from .discover import agent_files

    if scope == "user" and repo is not None:
        raise problem("user-scope-with-repository", file=str(repo))
    root = Path(repo if repo is not None else ".") if scope != "user" else scopes.home()
    if not root.is_dir():
        raise problem("repository-missing" if not root.exists() else "repository-a-file", file=str(root))
    out_root = Path(out) if out is not None else root
    if out_root.exists() and not out_root.is_dir():
        raise problem("output-root-a-file", file=str(out_root))
    jobs_for(jobs, 1)  # a bad value fails before anything is read
    targets = tuple(registry.name_of(t) for t in to)
    scopes.check(list(targets), scope)
    if from_:
        from_ = registry.get(from_).id
    how: tuple[tuple[str, str, str], ...] = ()
    within = None
    found = _Found(os.fspath(root))
    entries = []  # the refused ones: a link out of the repository
    if scope == "user":
        picked = list(scopes.user_files(root, from_))
        how = tuple((e.rel, did, as_path) for e, did, as_path in picked if e.problem is None)
        within = scopes.folders(root)
    job = Job(targets, from_, str(out_root), replace(policy, placed=True), mode, keep_losses=keep_losses,
              scope=scope, shared=shared, home=str(root) if scope == "user" else None, dialects=how)
    _MADE.clear()  # folders may have gone since an earlier run in this process (cleared before the pool forks)
    forget_places()  # ... or become links
    with run_scope(), _Lock(out_root, within) as lock, _Workers(jobs, lock if mode == "write" else None) as workers:
        # one entry at a time: no list of thousands of entries and their Path objects
        for e in (e for e, _, _ in picked) if scope == "user" else agent_files(
                root, dialect=from_, skipped=lambda e, why: entries.append(e._replace(problem=_Skip(why)))):
            if e.problem is None:
                found.append((os.fspath(e.full), e.rel))
                if len(found) >= POOLED:
                    workers.found(job, found)
            else:
                entries.append(e)
        return _once_found(job, root, out_root, found, entries, files, workers, lock, force, prefix_collisions,
                           progress, remove_orphans)


class _Skip(str):
    """Why discovery did not take a file a user could take for an agent (``agent_files``' ``skipped``): accounted for
    as ``skipped``, with this reason, as ``convert DIR`` does."""


class _Lock:
    """The output root's lock (``manifest.locked``), taken once, when a run first needs it: before a worker stages a
    file, or once discovery is done; with it, the temp files of a killed run are swept (``manifest.sweep``).
    Released when the run ends."""

    def __init__(self, out_root: Path, within: list[str] | None) -> None:
        self.out_root, self.within = out_root, within
        self.held: Any = None

    def __call__(self) -> None:
        if self.held is None:
            held = mf.locked(self.out_root)
            held.__enter__()
            self.held = held
            self.sweep()

    def sweep(self) -> None:
        from .batch import SKIP_DIRS

        mf.sweep(self.out_root, SKIP_DIRS, self.within)

    def __enter__(self) -> _Lock:
        return self

    def __exit__(self, kind: Any, *exc: Any) -> None:
        if self.held is not None:
            held, self.held = self.held, None
            try:
                if kind is not None:  # interrupted or failed while sources were still found: the workers (stopped
                    self.sweep()  # by now, _Workers.__exit__) staged the first chunks' outputs, which nothing renames
            finally:
                held.__exit__(kind, *exc)


def _once_found(job: Job, root: Path, out_root: Path, found: _Found, entries: list[Any], files: Iterable[str | Path],
                workers: _Workers, lock: _Lock, force: bool, prefix_collisions: bool,
                progress: Callable[[int, int], None] | None, remove_orphans: bool) -> Outcome:
    """The run once its sources are found: under the output root's lock when it writes."""
    mode = job.mode
    extra = [(os.fspath(f), Path(f).as_posix()) for f in files]
    writing = mode == "write" and bool(found or extra or (out_root / MANIFEST).exists())
    if writing:
        lock()
    manifest = mf.load(out_root)
    if manifest.files:
        real = _Realpath()
        generated = {real(os.path.join(out_root, p)) for p in manifest.files}
        found = _Found(found.base, ((p, rel) for p, rel in found if real(p) not in generated))
        del generated
    given = {rel for _, rel in extra}  # given with --file and not found: no origin is kept for them
    given -= {rel for rel in found.rels if rel in given}
    for pair in extra:
        found.append(pair)
    if given:
        job = replace(job, given=frozenset(given))
    spills = [_spill(Record(e.rel, status="skipped", error=e.problem) if isinstance(e.problem, _Skip) else
                     Record(e.rel, error=f"{e.rel}: {e.problem}", exit_code=int(ExitCode.PARSE))
                     for e in entries)]  # a link out of the repository: never read; a file not taken, and why
    try:
        summary = _migrate(job, found, spills, root, out_root, manifest, force, workers,
                           prefix_collisions, progress, given, remove_orphans)
    except BaseException as exc:  # interrupted or failed: no temp file of this run stays behind
        workers.close(interrupted=not isinstance(exc, Exception))  # none is still writing one when they are swept
        for r in (r for s in spills for r in s):
            if r.tmp:
                fsio.discard(r.tmp)
        if writing:
            lock.sweep()
        raise
    finally:
        for s in spills[:-1]:
            s.close()
    return Outcome(spills[-1], summary)


def _migrate(job: Job, found: _Found, spills: list[Spill[Record]], root: Path, out_root: Path,
             manifest: mf.Manifest, force: bool, workers: _Workers, prefix_collisions: bool,
             progress: Callable[[int, int], None] | None, given: Container[str], remove_orphans: bool) -> Summary:
    """The run's passes over its records, each writing a new spill (appended to ``spills``, whose every temp file the
    caller discards when a pass fails): convert, drop outputs taken for sources, prefix, merge, resolve and commit."""
    records = spills[-1]
    merging = False
    wanted: set[tuple[str, str]] = set()  # (dialect, name): the agents some agent's delegation scope names, a few
    outputs = _OwnOutputs(found, out_root)
    with closing(workers.run(job, found)) as stream:
        for rec in stream:  # equal loss items already one object per chunk (_work_chunk): pickled once each
            records.append(rec)
            outputs.see(rec)
            merging = merging or rec.status == "merge"
            if rec.refers is not None and rec.refers[3]:
                wanted.update((rec.refers[0], name) for name in rec.refers[3])
            if progress:
                progress(len(records), len(found) * max(1, len(job.to)))
    own = outputs.own()
    if own:  # outputs of an earlier run that has no manifest (a fresh clone): not sources, and said so
        spills.append(records := records.like(_without(records, own)))
        records.extend(Record(rel, status="skipped", error=f"the output of {src} (at its target path, {why}), not a "
                              "source") for rel, (src, why) in own.items())
        found = _Found(found.base, ((p, rel) for p, rel in found if rel not in own))
    if (routed_ := _route(records, job, found, manifest)) is not None:  # before prefixing: its re-runs keep the routes
        spills.append(records := routed_[0])
        job = routed_[1]
    if prefix_collisions:
        if (prefixed := _prefix(records, job, found)) is not None:
            spills.append(records := prefixed[0])
            job = prefixed[1]
    if wanted and (referred := _refer(records, job, found, wanted)) is not None:  # after prefixing: the names written
        spills.append(records := referred[0])
        job = referred[1]
    if merging:
        spills.append(records := _merge(records, job, out_root))
    spills.append(_resolve(records, root, out_root, manifest, force, job.mode, prefix_collisions, given,
                           with_commands(job.to) if remove_orphans else (), (p for p, _ in found), job.keep_losses))
    summary = Summary()
    statuses, losses = summary.statuses, summary.losses
    for r in spills[-1]:
        statuses[r.status] += 1
        if r.counts:  # the summary's counts are all a caller without --json needs
            for code, n in r.counts.items():  # Counter.update's sums, without its checks per record
                losses[code] += n
        for item in r.losses:
            losses[item["code"]] += 1
    return summary


def _without(records: Iterable[Record], sources: Container[str]) -> Iterator[Record]:
    """The records whose source is not one of ``sources``; the others' temp files are discarded."""
    for r in records:
        if r.source not in sources:
            yield r
        elif r.tmp:
            fsio.discard(r.tmp)


class _OwnOutputs:
    """Found files that are outputs of another found source S, where no manifest says so (a fresh clone): at S's
    target path and, of the two, the one holding agentconv's carry comment; when both or neither do, one that is
    exactly S's current conversion (of a pair that are each other's conversion, the first stays the source); each
    with S and why (the run accounts for it as ``skipped``). No table of every source's path is made: a target is a
    found file when its path below ``found.base`` is a found ``rel`` (or it is one of the few found elsewhere,
    ``found.odd``).

    Each record is ``see``n as it comes from the pool, while the workers still convert (the main process's time there
    is shared with them; after the last record it is not: issue 11); ``own`` answers once they are all seen."""

    def __init__(self, found: _Found, out_root: Path) -> None:
        self.cwd = os.getcwd()  # once: os.path.abspath asks for it on every call
        self.found = found
        self.base, self.top = self.absolute(os.fspath(out_root)), self.absolute(found.base)
        self.odd = {found.rels[i]: self.absolute(p) for i, p in found.odd.items()}  # rel -> path: the few elsewhere
        self.elsewhere = {p: rel for rel, p in self.odd.items()}
        self.below = self.top if self.top.endswith(os.sep) else self.top + os.sep
        self.folders = {os.path.dirname(rel) for rel in found.rels}  # the few folders sources were found in
        self.odd_folders = {os.path.dirname(p) for p in self.elsewhere}
        self.holds: dict[str, bool] = {}  # a target's folder -> whether a found file could be there: once per folder
        self.at: dict[str, list[Record]] = {}  # only the targets that could be found files: a few, not one per record

    def absolute(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.cwd, path))

    def see(self, r: Record) -> None:
        if not (r.target and r.digest):
            return
        folder = os.path.dirname(r.target)
        holds = self.holds.get(folder)
        if holds is None:
            where = self.absolute(os.path.join(self.base, folder))
            inner = "" if where == self.top else where[len(self.below):] if where.startswith(self.below) else None
            holds = self.holds[folder] = inner in self.folders or where in self.odd_folders
        if holds:
            where = self.absolute(os.path.join(self.base, r.target))
            elsewhere, below = self.elsewhere, self.below
            mine = elsewhere[where] if where in elsewhere else where[len(below):] if where.startswith(below) else None
            if mine is not None and (where in elsewhere or mine not in self.odd):  # an odd one is not at top/rel
                self.at.setdefault(mine, []).append(r)

    def own(self) -> dict[str, tuple[str, str]]:
        """Each found file that is an output, with its source and why."""
        found, at = self.found, self.at
        wanted = set(at) | {r.source for recs in at.values() for r in recs}
        rels = {rel for rel in found.rels if rel in wanted}  # of those, the found ones: no table of every source
        at = {rel: recs for rel, recs in at.items() if rel in rels}
        if not at:
            return {}
        top, odd = self.top, self.odd

        def path_of(rel: str) -> str:
            return odd.get(rel) or os.path.join(top, rel)

        own: dict[str, tuple[str, str]] = {}
        seen: dict[str, bool] = {}
        for rel in found.rels:
            for r in at.get(rel, ()):
                if r.source == rel or r.source in own or r.source not in rels:
                    continue
                me, them = _carries(path_of(rel), seen), _carries(path_of(r.source), seen)
                if me != them:
                    if me:
                        own[rel] = (r.source, "holding agentconv's carry comment")
                        break
                    continue
                if r.prior == r.digest:
                    own[rel] = (r.source, "exactly its current conversion")
                    break
        return own


def _carries(path: str, seen: dict[str, bool]) -> bool:
    """Does the file hold agentconv's side-channel comment (so it was written by agentconv)?"""
    if path not in seen:
        from .envelopes import records

        try:
            with open(path, "rb") as fh:
                seen[path] = records.MARK.encode() in fh.read(1 << 20)
        except OSError:
            seen[path] = False
    return seen[path]


def _prefix(records: Spill[Record], job: Job, found: Sequence[tuple[str, str]]) -> tuple[Spill[Record], Job] | None:
    """Re-convert colliding sources under ``<folder>-<name>``, the folder being the nearest one that differs, with the
    job that renames them (a later pass converting one again keeps its name); None when no two sources collide (the
    records stand, no pass copies them)."""
    from .naming import prefixed_apart

    rename: dict[str, str] = {}
    for recs in _wanted_twice(records, lambda r: r.status in ("converted", "unchanged", "planned", "stale")).values():
        if len({r.source for r in recs}) > 1:
            rename.update(prefixed_apart([(r.source, Path(r.target).name.split(".")[0], r.source_dialect or "agent")
                                          for r in recs]))
    if not rename:
        return None  # no collision: the records stand
    redo = replace(job, rename=tuple(rename.items()))
    paths = {rel: src for src, rel in found if rel in rename}
    out = records.like(_without(records, rename))
    for rel in rename:
        out.extend(_work(redo, str(paths[rel]), rel))
    return out, redo


def _refer(records: Spill[Record], job: Job, found: Sequence[tuple[str, str]],
           wanted: set[tuple[str, str]]) -> tuple[Spill[Record], Job] | None:
    """Agents whose delegation scope names other agents (a VS Code agent's ``agents: ['💻 Python Developer']``):
    converted again, knowing the name each target writes those agents under (``Policy.routes``: ``name_routes``, as
    ``convert DIR`` does, ``resolve_agent_refs``), so the scope names them as written (tool-coerced), and a name no
    source agent has is said (name-conflict). The names come from what the workers read (``Record.refers``): no
    source is read again but those agents, and only those that the names change (``refs_change``: a scope naming an
    agent as the targets name it too is written as it was). ``wanted``: the (dialect, name) pairs the scopes name;
    only those agents (and the agents that delegate) are held. None when no agent is to be converted again.

    In a repository of several projects (``discover.project_of``), an agent's scope names the agents its tool reads
    where it runs: those of its own project, and of the projects around it (Claude Code reads ``.claude/agents`` from
    the working folder up to the git root; OpenCode ``.opencode/`` up to the worktree), the nearest first; not another
    project's ``reviewer`` beside its own, which left both unresolved (name-conflict)."""
    from .dialects.base import name_routes, refs_change
    from .ir import NONE, ToolPolicy

    agents: dict[str, list[Any]] = {}
    scopes: dict[str, tuple[str, Any, list[str]]] = {}
    for r in records:
        if r.refers is None:
            continue
        dialect, spelled, names, wants = r.refers
        if wants:
            scopes[r.source] = (dialect, wants, [t for t, _ in names])
        if wants or (dialect, spelled) in wanted:  # the tools are never read: an agent's routes run no command
            agents.setdefault(_project(job, r.source), []).append((dialect, spelled, ToolPolicy(NONE), names))
    routes = (*job.policy.routes, *name_routes(a for got in agents.values() for a in got))
    redo = replace(job, policy=replace(job.policy, routes=routes))
    jobs: dict[str, Job] = {}
    for rel, (dialect, wants, targets) in scopes.items():  # only those the names change
        mine, own = redo, routes
        if len(agents) > 1:  # several projects: the agents this one sees
            project, seen, visible = _project(job, rel), {}, []
            for p in sorted((p for p in agents if project.startswith(p)), key=len, reverse=True):
                for a in agents[p]:  # a name the nearer project has hides the outer one's; two in one: ambiguous
                    if seen.setdefault((a[0], a[1]), p) == p:
                        visible.append(a)
            own = (*job.policy.routes, *name_routes(visible))
            mine = replace(job, policy=replace(job.policy, routes=own))
        if refs_change(dialect, wants, targets, job.policy.routes, own):
            jobs[rel] = mine
    if not jobs:
        return None
    where = {rel: src for src, rel in found if rel in jobs}
    return records.like(_redone(records, where, jobs)), redo


def _project(job: Job, rel: str) -> str:
    """The project of source ``rel`` (``discover.project_of``; a file given with ``--file``: the root's)."""
    return "" if rel in job.given else project_of(rel)


def _redone(records: Iterable[Record], where: dict[str, str], job: Job | dict[str, Job]) -> Iterator[Record]:
    """``records``, those of the sources in ``where`` (rel -> path) converted again by ``job`` (or by each source's
    job) in their place (the records of a source are consecutive: one ``_work`` each); the old ones' temp files are
    discarded."""
    done: set[str] = set()
    for r in records:
        if r.source not in where:
            yield r
            continue
        if r.tmp:
            fsio.discard(r.tmp)
        if r.source not in done:
            done.add(r.source)
            yield from _work(job[r.source] if isinstance(job, dict) else job, str(where[r.source]), r.source)


def _route(records: Spill[Record], job: Job, found: Sequence[tuple[str, str]],
           manifest: mf.Manifest) -> tuple[Spill[Record], Job] | None:
    """Commands refused for the agent they run in (``[runs_in]``: an OpenCode command's ``agent: review``) where that
    agent is one of the run's sources (``.opencode/agent/review.md``): converted again, knowing it (``Policy.routes``:
    its tools, and the name each target dialect knows it by where it is converted beside them, so a target command
    routes to it, ``Dialect._runs_in``). None when no command was refused so, or none of their agents is here.

    A target's name is given only where the agent's file there will be this run's conversion and the only agent of that
    name: not where its target is wanted twice (a collision, or renamed apart), nor where a file agentconv did not write
    is in its place (kept, or a source: ``_resolve``), nor where another of the sources is an agent of that tool known by
    the same name (a Claude agent `review` of the repository, beside the OpenCode one converted).

    In a repository of several projects (``discover.project_of``), a command runs in the agents its tool reads where it
    runs: those of its own project and of the projects around it, the nearest first (``_refer``); another project's
    agent of that name is neither its agent nor a clash."""
    from . import paths
    from .dialects.base import known_as, reader_of, routed_to
    from .loss import Route

    ruled = {d for d in registry.ids() if "runs_in" in registry.get(d).table}
    ids = registry.ids()
    asked: dict[Any, tuple[bool, bool]] = {}  # source dialect -> (refused when broadening, counted when converted)

    def of(dialect: Any) -> tuple[bool, bool]:  # the same for every record of a dialect: asked once a dialect
        if dialect not in ids:
            return False, False
        command = reader_of(dialect, "command")
        # a file of many records (an OpenCode config) gave its commands the tools of its own agents (api.write_all):
        # where such an agent is converted beside them, they are routed to it instead
        return dialect in ruled or command in ruled, command in ruled and command != dialect

    broaden = int(ExitCode.BROADEN)
    refused = set()
    every = set()  # converted commands of a tool with an agent of every tool (OpenCode's): `agent: build`?
    every_tool = {d for d in ruled if registry.get(d).table["runs_in"].get("every_tool")}
    for r in records:
        got = asked.get(r.source_dialect)
        if got is None:
            got = asked[r.source_dialect] = of(r.source_dialect)
        if got[0] and r.status == "failed" and r.exit_code == broaden or got[1] and r.status in _COUNTED:
            refused.add(r.source)
        elif got[0] and r.status in _COUNTED and r.source_dialect in every_tool:
            every.add(r.source)
    if not refused and not every:
        return None
    where = {rel: src for src, rel in found}
    wanted: set[tuple[str, str, str]] = set()  # (project, dialect, agent)
    asks: dict[str, set[tuple[str, str, str]]] = {}  # a converted command of `every` -> the agent it runs in
    for rel in sorted(refused | every):
        for rec in (r for r in _read_records(job, where, rel) if r.kind == "command"):
            d = reader_of(rec.origin.dialect, rec.kind) if rec.origin is not None else None
            rule = registry.get(d).table.get("runs_in") if d in registry.ids() else None
            value = paths.get(rec, rule["path"]) if rule else None
            if rel in every and value not in (rule or {}).get("every_tool", ()):
                continue  # converted, and running in no agent of every tool: as it was
            if isinstance(value, str) and routed_to(d, value):
                wanted.add((_project(job, rel), d, value))
                if rel in every:
                    asks.setdefault(rel, set()).add((_project(job, rel), d, value))
    tools = {registry.tool(d) for _, d, _ in wanted} | {registry.tool(t) for t, _ in routed(job.to, "agent")}
    agents: dict[tuple[str, str], list[tuple[str, Any]]] = {}
    sources = {r.source for r in records if r.source_dialect in registry.ids()
               and registry.tool(reader_of(r.source_dialect, "agent")) in tools}
    for rel in sorted(sources):
        for rec in _read_records(job, where, rel):
            if rec.kind == "agent" and rec.origin is not None:
                agents.setdefault(registry.tool(reader_of(rec.origin.dialect, "agent")), []).append((rel, rec))
    twice = set(_wanted_twice(records, lambda r: r.status in _COUNTED))  # two sources want it: neither, or renamed
    written = {(r.source, r.target) for r in records if r.status in _COUNTED and r.target not in twice and (
        r.status == "unchanged" or r.prior is None or manifest.files.get(r.target or "") == r.prior)}
    routes: dict[str, list[Any]] = {}  # project -> the routes of its commands
    commands = command_dialects()

    def seen_from(project: str, tool: str) -> list[tuple[str, Any]]:  # the agents of that tool read in the project
        return [(rel, a) for rel, a in agents.get(tool, []) if project.startswith(_project(job, rel))]

    for project, d, name in sorted(wanted):
        found_ = [(rel, a) for rel, a in seen_from(project, registry.tool(d)) if known_as(a, d) == name]
        nearest = max((len(_project(job, rel)) for rel, _ in found_), default=0)
        found_ = [(rel, a) for rel, a in found_ if len(_project(job, rel)) == nearest]
        if len(found_) != 1:  # none here, or two of one name: nothing is known of the one it runs in
            continue
        rel, agent = found_[0]
        names = tuple((t, n) for t, _ in routed(job.to, "agent")
                      if t in commands and (rel, _where(job, registry.get(t), registry.get(t).output_path(agent), rel))
                      in written
                      and (n := _written_name(agent, t, commands[t], job)) is not None
                      and not any(other != rel and known_as(a, commands[t]) == n
                                  for other, a in seen_from(project, registry.tool(t))))
        routes.setdefault(project, []).append(Route(d, name, agent.tools, names))
    if not routes:
        return None
    # a converted command is converted again only where the run holds the agent of every tool it names (its build)
    known = {(p, r.dialect, r.agent) for p, got in routes.items() for r in got}
    refused |= {rel for rel, want in asks.items() if want & known}
    if not refused:
        return None
    projects = {_project(job, rel) for rel in refused}
    redo = replace(job, policy=replace(job.policy, routes=tuple(routes.get(  # later passes: one project's, or the root's
        next(iter(projects)) if len(projects) == 1 else "", ()))))
    out = records.like(_without(records, refused))
    for rel in sorted(refused):
        mine = redo if len(projects) == 1 else replace(job, policy=replace(
            job.policy, routes=tuple(routes.get(_project(job, rel), ()))))
        out.extend(_work(mine, str(where[rel]), rel))
    return out, redo


def _read_records(job: Job, where: dict[str, str], rel: str) -> list[Any]:
    """The records of source ``rel``, read as ``_work_one`` reads it (none when it cannot be read)."""
    dialect, as_path = next(((d, p) for r, d, p in job.dialects if r == rel), (job.from_, rel))
    try:
        return api.read(where[rel], dialect, path=as_path, carry=job.policy.carry)[0].records
    except Exception:  # noqa: BLE001 - it fails (or failed) in its own conversion, with its own line
        return []


def _written_name(agent: Any, target: str, command: str, job: Job) -> str | None:
    """The name a command of dialect ``command`` knows ``agent`` by, converted into ``target`` (its file read back), or
    None."""
    from .dialects.base import known_as
    from .ir import Document

    try:
        result = api.write_all(Document([agent]), target, policy=job.policy)[0]
        back = api.read_text(result.text, target, path=result.path, carry=False)[0].agent
    except Exception:  # noqa: BLE001 - not converted here: nothing routes to it
        return None
    return known_as(back, command)


_BITS_PER_TARGET = 64


def _wanted_twice(records: Sequence[Record], counts: Callable[[Record], bool]) -> dict[str, list[Record]]:
    """The targets that more than one record (of those ``counts`` accepts) wants, with those records. Two passes
    over ``records``: a bitmap of the targets' hashes (64 bits per record: about one in 64 targets is a false
    candidate) flags the targets seen twice, then only their records are grouped; no table of every target."""
    size = 1 << max(10, (len(records) * _BITS_PER_TARGET).bit_length())
    bits = bytearray(size >> 3)
    maybe: set[str] = set()
    for r in records:
        if r.target and counts(r):
            h = hash(r.target) & (size - 1)
            if bits[h >> 3] & (1 << (h & 7)):
                maybe.add(r.target)
            else:
                bits[h >> 3] |= 1 << (h & 7)
    del bits
    groups: dict[str, list[Record]] = {}
    if maybe:
        for r in records:
            if r.target in maybe and counts(r):
                groups.setdefault(r.target, []).append(r)
    return {t: recs for t, recs in groups.items() if len(recs) > 1}


_WOULD_WRITE = ("converted", "planned", "stale")
"""The statuses of a record whose target a write replaces (a plan or a check: would replace)."""
_COUNTED = ("converted", "unchanged", "planned", "stale")
"""The statuses of a record that wants its target (two such records of different sources collide)."""


def _resolve(records: Spill[Record], repo: Path, root: Path, manifest: mf.Manifest, force: bool, mode: str,
             prefixed: bool = False, given: Container[str] = frozenset(), orphans_of: tuple[str, ...] = (),
             sources: Iterable[str] = (), keep: bool | str = True) -> Spill[Record]:
    """Collisions and hand-written targets; then commit (rename) or discard the temp files, journalled in the manifest
    (see manifest.py); then the targets of the dialects ``orphans_of`` whose sources are gone. ``sources``: the paths
    of every source (read once, when first needed), which no target may be, whatever link or spelling leads to it.
    Returns the records as they end (a new spill: a pass over the records, never a table of them)."""
    clash, once = {}, {}
    for target, recs in _wanted_twice(records, lambda r: r.status in _COUNTED and not r.merged).items():
        if recs[0].digest is not None and all(r.digest == recs[0].digest and r.target_dialect == recs[0].target_dialect
                                              for r in recs):
            once[target] = recs[0].source  # the same bytes from each: written once (as many merged), no collision
        else:
            clash[target] = (len(recs), ", ".join(r.source for r in recs))
    repo_s, root_s = os.path.abspath(repo), os.path.abspath(root)
    real = _Realpath()
    reals: set[str] | None = None  # the sources' real paths, made when first needed

    def settle(r: Record) -> Record:
        nonlocal reals
        if r.target in once and r.status in _COUNTED and not r.merged:
            r.merged = True  # its sources, all of them, in the manifest: the target goes when the last one does
            if r.source != once[r.target]:
                _repeated(r, once[r.target], keep)
                if r.tmp:  # the first's temp file is the one renamed; the same bytes
                    fsio.discard(r.tmp)
                    r.tmp = None
        if r.target in clash and r.status in _COUNTED and not r.merged:
            n, names = clash[r.target]
            r.status, r.exit_code = "collision", int(ExitCode.OUTPUT)
            r.error = f"{r.target}: {n} sources want this file ({names}); rename one"
            r.remedy = None if prefixed else "prefix_collisions"
        if r.target and r.status in _WOULD_WRITE and r.prior is not None:  # missing when read (None): no source
            if reals is None:  # a plan or a check says it as the write would (an opencode.json entry over its .md)
                reals = {real(p) for p in sources}
            if real(os.path.join(root_s, r.target)) in reals:
                r.status, r.exit_code = "failed", int(ExitCode.OUTPUT)
                r.error = f"{r.target}: refusing to overwrite a source file (it is itself a source)" if r.merged else \
                          f"{r.target}: refusing to overwrite a source file (2 sources want this file: {r.source} " \
                          "and the file itself)"  # a merged file's: one line for all its sources
        if r.status in _WOULD_WRITE and r.prior is not None and manifest.files.get(r.target) != r.prior:
            ours = r.target in manifest.files
            if mode == "check" and (force or ours):  # a generated file edited by hand: stale, for `sync --force`
                r.error, r.remedy = f"{r.error}; {'edited by hand' if ours else 'not written by agentconv'}", "sync_force"
            elif not force:  # a plan or a check says what the write would do with a file of another's: keep it
                r.status, r.exit_code, r.diff = "kept", int(ExitCode.OUTPUT), None
                r.error = f"{r.target} was not written by agentconv (or was edited since)"
                r.remedy = "sync_force" if mode == "check" else "force"
        return r

    if mode != "write":
        settled = records.like(map(settle, records))
        settled.extend(_orphans(settled, manifest, repo_s, root_s, orphans_of, force, mode))
        return settled
    settled, commit, many = records.like(), Sorted[tuple[str, str]](), _Origins(given)
    hold, journal, merged = settled.append, commit.append, many.see  # per record: looked up once
    for r in map(settle, records):  # and, in the same pass, what the journal lists and the merged targets' origins
        hold(r)
        if r.tmp and r.status == "converted":
            journal((r.target, r.digest))
        if r.merged:
            merged(r)
    many.save(manifest)
    if commit:  # the journal: a run killed during the renames still leaves a manifest that knows its outputs
        mf.save(root, manifest, pending=commit)
    del commit
    out = records.like()
    keep, at = out.append, _under(root_s)
    try:
        for r in settled:
            wrote = False
            if r.tmp:
                if r.status == "converted":
                    try:
                        fsio.commit(r.tmp, at(r.target))
                        wrote = True
                    except OSError as exc:
                        fsio.discard(r.tmp)
                        r.status, r.exit_code = "failed", int(ExitCode.OUTPUT)
                        r.error = f"{r.target}: cannot write: {exc.strerror or exc}"
                else:
                    fsio.discard(r.tmp)
                    _prune(Path(r.tmp).parent, root)
                r.tmp = None
            if wrote or (r.status == "unchanged" and r.target):
                _written(r, manifest, given, wrote)
            keep(r)
        out.extend(_orphans(out, manifest, repo_s, root_s, orphans_of, force, mode))
    except BaseException:
        for r in settled:  # the ones not reached yet
            if r.tmp:
                fsio.discard(r.tmp)
        out.close()
        raise
    finally:
        settled.close()
        if manifest.dirty or manifest.journal:
            mf.save(root, manifest)
            manifest.journal = manifest.dirty = False
    return out


def _under(root: str) -> Callable[[str], str]:
    """``os.path.join(root, rel)`` for each of many ``rel`` (``root`` absolute): on POSIX the joined text made
    directly, as posixpath.join makes it (a ``rel`` that starts with ``/`` is itself), without its checks per call."""
    if os.path is not posixpath or not root:
        return partial(os.path.join, root)
    head = root if root.endswith("/") else root + "/"
    return lambda rel: rel if rel.startswith("/") else head + rel


def _repeated(r: Record, first: str, keep: bool | str) -> None:
    """Say (``source-repeated``) that ``r``'s target is written once, for it and ``first``: an item, or a count where
    the run keeps items only from a higher severity (``keep``, as ``_kept``)."""
    item = LossReport(source=r.source_dialect, target=r.target_dialect, file=r.source).add(
        LossCode.SOURCE_REPEATED, "", copy=r.source, first=first, written=r.target)
    if keep is True or _RANK[item.severity] >= (_RANK[keep] if keep else 3):
        r.losses = [*r.losses, item.to_json()]  # a new list: records may share theirs (_Shared)
    else:
        r.counts = {**(r.counts or {}), item.code.value: (r.counts or {}).get(item.code.value, 0) + 1}


def _written(r: Record, manifest: mf.Manifest, given: Container[str], wrote: bool) -> None:
    """Into the manifest: a target this run wrote (``wrote``) or found as it would write it, and, where its source was
    found, where it comes from. A merged target goes to the tables (its origin: ``_Origins``); the others to
    ``Manifest.add``, out of memory."""
    digest = r.digest if wrote or r.target not in manifest.files else None
    if r.merged:
        if digest is not None:
            manifest.put(r.target, digest)
        return
    found = r.target_dialect and r.source not in given
    manifest.add(r.target, digest, (r.target_dialect, r.source) if found else None)


class _Origins:
    """Which found sources (and target dialect) each merged target comes from (the other targets come from one source
    each, remembered as they are written: ``_written``); saved as a tuple of sources (``mf.Manifest.origins``)."""

    def __init__(self, given: Container[str]) -> None:
        self.given = given
        self.many: dict[str, tuple[str, set[str]]] = {}

    def see(self, r: Record) -> None:
        if r.merged and r.target and r.target_dialect and r.status in ("converted", "unchanged") \
                and r.source not in self.given:
            self.many.setdefault(r.target, (r.target_dialect, set()))[1].add(r.source)

    def save(self, manifest: mf.Manifest) -> None:
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        for target, (dialect, srcs) in self.many.items():
            if len(srcs) == 1:
                manifest.origin(target, dialect, next(iter(srcs)))
            else:
                key = tuple(sorted(srcs))
                manifest.origin(target, dialect, shared.setdefault(key, key))


def _orphans(records: Iterable[Record], manifest: mf.Manifest, repo: str, root: str, dialects: tuple[str, ...],
             force: bool, mode: str) -> list[Record]:
    """Targets agentconv wrote (in ``dialects``) whose every source is gone: removed (write) or reported (check).
    One edited since it was written is kept unless ``force``."""
    if not dialects:
        return []
    made = {r.target for r in records if r.target}
    out: list[Record] = []
    for target in sorted(manifest.origins):
        origin = manifest.origins[target]
        dialect, sources = origin[0], manifest.sources(origin)
        if target in made or dialect not in dialects or target not in manifest.files:
            continue
        if not sources or any(os.path.lexists(os.path.join(repo, s)) for s in sources):
            continue
        path = os.path.join(root, target)
        current = mf.sha_file(Path(path))
        gone = ", ".join(sources)
        rec = Record(sources[0], dialect, target, "stale")
        if current is None:  # already removed by hand
            if mode == "write":
                manifest.drop(target)
            continue
        if mode == "check":
            rec.error = f"{target} is stale: its source {gone} is gone (`agentconv sync` removes it)"
        elif mode != "write":
            continue
        elif current != manifest.files[target] and not force:
            rec.status, rec.exit_code = "kept", int(ExitCode.OUTPUT)
            rec.error, rec.remedy = f"{target}: its source {gone} is gone, but it was edited since", "force_remove"
        else:
            try:
                os.unlink(path)
            except OSError as exc:
                rec.status, rec.exit_code = "failed", int(ExitCode.OUTPUT)
                rec.error = f"{target}: cannot remove: {exc.strerror or exc}"
            else:
                rec.status = "removed"
                manifest.drop(target)
                _prune(Path(path).parent, Path(root))
        out.append(rec)
    return out


def plan(repo: str | Path = ".", to: Iterable[str] = (), **kw: Any) -> Outcome:
    """What ``migrate`` would do, writing nothing: one ``planned``/``unchanged``/... record per target."""
    return migrate(repo, to, mode="plan", **kw)


def sync_check(repo: str | Path = ".", to: Iterable[str] = (), *, from_: str, **kw: Any) -> Outcome:
    """Generated targets that are missing or stale have status ``stale``."""
    return migrate(repo, to, from_=from_, mode="check", **kw)
