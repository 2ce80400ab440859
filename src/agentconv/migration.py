"""Whole repositories: plan, migrate, and check that generated files are in sync.

Flow: discover -> convert in a process pool (each worker reads one source, writes each target to a temp
file beside its destination, returns a small record) -> plan (collisions, hand-written files) -> rename
or discard the temp files -> update the manifest. Memory holds records, never file contents, so it
does not grow with the file count. A second run finds every target identical and writes nothing.

The manifest (``.agentconv/manifest.json`` in the output root) lists the files agentconv wrote with
their hashes: a target that is missing from it, or whose bytes no longer match, was written or edited
by hand and is never replaced without ``force``.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import fsio, limits
from .batch import inside
from .errors import AgentconvError, ExitCode, InternalError, UsageError
from .loss import Policy

MANIFEST = ".agentconv/manifest.json"


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
    (same dialect), ``failed``."""
    source_dialect: str | None = None
    losses: list[dict] = field(default_factory=list)
    error: str | None = None
    exit_code: int = 0
    diff: str | None = None
    digest: str | None = None
    tmp: str | None = None
    ir: dict | None = None
    """The record's IR, for a target that merges many sources into one file."""
    merged: bool = False
    """One of several sources written together into ``target`` (not a collision)."""
    prior: str | None = None
    """sha256 of the target's bytes before this run (None: it did not exist), taken where it was read."""
    counts: dict | None = None
    """Loss counts by code, instead of ``losses``, when the caller only wants the summary."""

    def to_json(self) -> dict:
        out = {"source": self.source, "from": self.source_dialect, "to": self.target_dialect, "target": self.target,
               "status": self.status, "losses": self.losses}
        if self.error:
            out["error"], out["exit_code"] = self.error, self.exit_code
        return out


@dataclass
class Summary:
    """Counts by status and losses by code, for the human summary and the exit code."""

    statuses: Counter = field(default_factory=Counter)
    losses: Counter = field(default_factory=Counter)
    failed_files: int = 0

    def exit_code(self) -> int:
        bad = self.statuses["failed"] + self.statuses["collision"] + self.statuses["kept"]
        if not bad:
            return int(ExitCode.OK)
        return int(ExitCode.PARTIAL)

    def to_json(self) -> dict:
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
    from . import api, registry

    out: list[Record] = []
    try:  # with --from, discovery found the file at that dialect's own place: no detection needed
        doc, report0 = api.read(Path(src), job.from_, path=rel, carry=job.policy.carry)
    except AgentconvError as exc:
        return [Record(rel, None, None, "failed", job.from_, [], str(exc), int(exc.exit_code))]
    root = Path(job.out)
    new_name = dict(job.rename).get(rel)
    if new_name:
        from .loss import LossCode, Severity

        report0.add(LossCode.NAME_CHANGED, Severity.INFO, "name",
                    f"renamed {doc.agent.name!r} to {new_name!r} to resolve a collision")
        doc.agent.name = new_name
    from .loss import LossReport

    for target in job.to:
        if report0.source == target:
            out.append(Record(rel, target, status="skipped", source_dialect=report0.source))
            continue
        d = registry.get(target)
        if d.table.get("multi"):  # many sources, one file: merged in the main process (see _merge)
            rec = Record(rel, target, d.output_path(doc.agent), "merge", report0.source, report0.to_json())
            rec.ir = doc.to_json()
            out.append(rec)
            continue
        try:
            results = api.write_all(doc, target, report=LossReport(list(report0.items), report0.source, None, rel),
                                    policy=job.policy)
        except AgentconvError as exc:
            rep = getattr(exc, "report", None)
            out.append(Record(rel, target, None, "failed", report0.source, rep.to_json() if rep is not None else [],
                              str(exc), int(exc.exit_code)))
            continue
        for result in results:
            rec = Record(rel, target, result.path, source_dialect=report0.source, losses=result.report.to_json())
            _place(rec, result.text, root, job.mode)
            out.append(rec)
    if job.keep_losses is not True:
        for rec in out:
            if rec.status != "merge":  # a merged record's items are needed once more, by _merge
                _thin(rec, job.keep_losses)
    return out


_RANK = {"info": 0, "warning": 1, "error": 2}


def _thin(rec: Record, keep: bool | str) -> None:
    """Keep the items at or above ``keep`` (a severity; False: none); count the others by code."""
    floor = _RANK[keep] if keep else 3
    rec.counts = dict(Counter(item["code"] for item in rec.losses if _RANK[item["severity"]] < floor))
    rec.losses = [item for item in rec.losses if _RANK[item["severity"]] >= floor]


_MADE: set[str] = set()


def _place(rec: Record, text: str, root: Path, mode: str) -> None:
    """Compare with what is there; stage a temp file (write), a diff, or the check's verdict."""
    try:
        dest = inside(root, rec.target)
    except AgentconvError as exc:
        rec.status, rec.error, rec.exit_code = "failed", str(exc), int(exc.exit_code)
        return
    data = text.encode("utf-8")
    rec.digest = hashlib.sha256(data).hexdigest()
    try:
        old = limits.read_file(dest)  # a FIFO in a target's place is refused, never opened for reading
    except FileNotFoundError:
        old = None
    except (OSError, limits.LimitError) as exc:
        rec.status, rec.exit_code = "failed", int(ExitCode.OUTPUT)
        rec.error = f"{rec.target}: cannot replace it: {getattr(exc, 'strerror', None) or exc}"
        return
    rec.prior = hashlib.sha256(old).hexdigest() if old is not None else None
    if old == data:
        rec.status = "unchanged"
    elif mode == "write":
        folder = os.path.dirname(dest)
        try:
            if folder not in _MADE:  # one mkdir per folder and process, not per file
                os.makedirs(folder, exist_ok=True)
                _MADE.add(folder)
            tmp = fsio.stage(dest, data)
        except OSError as exc:  # a full or read-only disk: this target fails; stage() leaves no temp file
            rec.status, rec.exit_code = "failed", int(ExitCode.OUTPUT)
            rec.error = f"{rec.target}: cannot write: {exc.strerror or exc}"
            return
        rec.tmp, rec.status = tmp, "converted"
    else:
        rec.status = "stale" if mode == "check" else "planned"
        if mode == "diff":
            before = old.decode("utf-8", "replace").splitlines(True) if old is not None else []
            rec.diff = "".join(difflib.unified_diff(before, text.splitlines(True), f"a/{rec.target}", f"b/{rec.target}"))
        if mode == "check":
            rec.error = f"{rec.target} is {'missing' if old is None else 'stale'} (from {rec.source})"


def _merge(records: list[Record], job: Job, root: Path) -> None:
    """Targets that keep many records in one file (``multi`` in the table): write each file once."""
    from . import api
    from .ir import Document
    from .loss import LossReport

    groups: dict[str, list[Record]] = {}
    for r in records:
        if r.status == "merge":
            groups.setdefault(r.target, []).append(r)
    for target, recs in groups.items():
        docs = []
        for r in list(recs):  # a source the target refuses fails alone; the others are still merged
            doc = Document.from_json(r.ir)
            try:
                api.write(doc, r.target_dialect, policy=job.policy, report=LossReport())
                docs.append(doc)
            except AgentconvError as exc:
                exc.file = r.source
                r.status, r.error, r.exit_code, r.ir = "failed", str(exc), int(exc.exit_code), None
                recs.remove(r)
        if not recs:
            continue
        report = LossReport(target=recs[0].target_dialect)
        try:
            text = api.write(Document([a for d in docs for a in d.records]), recs[0].target_dialect,
                             policy=job.policy, report=report)
        except AgentconvError as exc:
            for r in recs:
                r.status, r.error, r.exit_code = "failed", str(exc), int(exc.exit_code)
            continue
        _place(recs[0], text, root, job.mode)
        written = [i.to_json() for i in report]  # the merged file's own items: counted once, on its first source
        for r in recs:
            r.ir = None
            r.losses = r.losses + written if r is recs[0] else r.losses
            r.merged = True
            if r is not recs[0]:
                r.status, r.digest, r.diff, r.error = recs[0].status, recs[0].digest, None, None


def _run(job: Job, files: list[tuple[Path, str]], jobs: int) -> Iterator[Record]:
    if jobs <= 1 or len(files) < 64:
        for src, rel in files:
            yield from _work(job, str(src), rel)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    chunk = max(16, len(files) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for recs in pool.map(partial(_work, job), [str(s) for s, _ in files], [r for _, r in files], chunksize=chunk):
            yield from recs


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


def _manifest(root: Path) -> dict:
    try:
        return json.loads((root / MANIFEST).read_text("utf-8")).get("files", {})
    except (OSError, ValueError):
        return {}


def _save_manifest(root: Path, files: dict) -> None:
    from .batch import write_atomic

    write_atomic(root / MANIFEST, json.dumps({"version": 1, "files": dict(sorted(files.items()))}, indent=1) + "\n",
                 force=True)


@dataclass
class Outcome:
    """The result of ``migrate``/``plan``/``sync_check``: every record and the summary."""

    records: list[Record]
    summary: Summary

    def to_json(self) -> dict:
        return {"files": [r.to_json() for r in self.records], "summary": self.summary.to_json()}


def migrate(repo: str | Path = ".", to: Iterable[str] = (), *, from_: str | None = None, out: str | Path | None = None,
            mode: str = "write", force: bool = False, jobs: int | None = None, policy: Policy = Policy(),
            files: Iterable[str | Path] = (), prefix_collisions: bool = False,
            progress: Callable[[int, int], None] | None = None, keep_losses: bool | str = True) -> Outcome:
    """Convert every agent file of ``repo`` to each dialect in ``to`` (``mode``: write, plan, diff, check)."""
    from . import registry
    from .discover import agent_files

    root = Path(repo)
    if not root.is_dir():
        raise UsageError(f"the repository must be a directory ({'no such directory' if not root.exists() else 'a file'})",
                         file=str(root))
    out_root = Path(out) if out is not None else root
    if out_root.exists() and not out_root.is_dir():
        raise UsageError("the output root is a file, not a directory", file=str(out_root))
    targets = tuple(registry.get(t).id for t in to)
    if from_:
        from_ = registry.get(from_).id
    manifest = _manifest(out_root)
    _MADE.clear()  # folders may have gone since an earlier run in this process
    generated = {os.path.abspath(out_root / p) for p in manifest}
    found = [(p, rel) for p, rel in agent_files(root, dialect=from_) if os.path.abspath(p) not in generated]
    for f in files:
        p = Path(f)
        found.append((p, p.as_posix()))
    job = Job(targets, from_, str(out_root), replace(policy, placed=True), mode, keep_losses=keep_losses)
    jobs = jobs or os.cpu_count() or 1
    records: list[Record] = []
    counted: Counter = Counter()
    for rec in _run(job, found, jobs):
        if rec.counts:  # the summary's counts are all a caller without --json needs
            counted.update(rec.counts)
            rec.counts = None
        records.append(rec)
        if progress:
            progress(len(records), len(found) * max(1, len(targets)))
    if prefix_collisions:
        records = _prefix(records, job, found)
    _merge(records, job, out_root)
    if keep_losses is not True:
        for r in records:
            if r.losses:
                _thin(r, keep_losses)
                counted.update(r.counts)
                r.counts = None
    _resolve(records, root, out_root, manifest, force, mode, prefix_collisions)
    summary = Summary(losses=counted)
    for r in records:
        summary.statuses[r.status] += 1
        for item in r.losses:
            summary.losses[item["code"]] += 1
    return Outcome(records, summary)


_GENERIC = {"agents", "agent", ".claude", ".github", ".opencode", "specialists", "squads", "chatmodes", "plugins", "."}


def _prefix(records: list[Record], job: Job, found: list[tuple[Path, str]]) -> list[Record]:
    """Re-convert colliding sources under ``<folder>-<name>``, the folder being the nearest one that differs."""
    from dataclasses import replace

    from .naming import slugify

    by_target: dict[str, list[Record]] = {}
    for r in records:
        if r.target and r.status in ("converted", "unchanged", "planned", "stale"):
            by_target.setdefault(r.target, []).append(r)
    rename: dict[str, str] = {}
    for recs in by_target.values():
        if len({r.source for r in recs}) > 1:
            for r in recs:
                parts = Path(r.source).parts[:-1]
                folder = next((p for p in reversed(parts) if p not in _GENERIC), r.source_dialect or "agent")
                rename[r.source] = f"{slugify(folder)}-{Path(r.target).name.split('.')[0]}"
    if not rename:
        return records
    for r in records:
        if r.source in rename and r.tmp:
            os.unlink(r.tmp)
            r.tmp = None
    paths = {rel: src for src, rel in found}
    redo = replace(job, rename=tuple(rename.items()))
    kept = [r for r in records if r.source not in rename]
    for rel in rename:
        kept += _work(redo, str(paths[rel]), rel)
    return kept


def _resolve(records: list[Record], repo: Path, root: Path, manifest: dict, force: bool, mode: str,
             prefixed: bool = False) -> None:
    """Collisions and hand-written targets; then commit (rename) or discard the temp files."""
    before = dict(manifest)
    by_target: dict[str, list[Record]] = {}
    for r in records:
        if r.target and r.status in ("converted", "unchanged", "planned", "stale") and not r.merged:
            by_target.setdefault(r.target, []).append(r)
    for target, recs in by_target.items():
        if len(recs) > 1:
            names = ", ".join(r.source for r in recs)
            for r in recs:
                r.status, r.exit_code = "collision", int(ExitCode.OUTPUT)
                r.error = f"{target}: {len(recs)} sources want this file ({names}); rename one" + \
                    ("" if prefixed else ", or use --prefix-collisions")
    repo_s, root_s = os.path.abspath(repo), os.path.abspath(root)
    sources = {os.path.join(repo_s, r.source) for r in records}
    for r in records:
        if r.target and r.status == "converted" and os.path.join(root_s, r.target) in sources:
            r.status, r.exit_code = "failed", int(ExitCode.OUTPUT)
            r.error = f"{r.target}: refusing to overwrite a source file"
        if r.status == "converted" and r.prior is not None and not force and manifest.get(r.target) != r.prior:
            r.status, r.exit_code = "kept", int(ExitCode.OUTPUT)
            r.error = f"{r.target} was not written by agentconv (or was edited since); use --force to replace it"
        if r.tmp:
            if r.status == "converted":
                fsio.commit(r.tmp, os.path.join(root_s, r.target))
                manifest[r.target] = r.digest
            else:
                fsio.discard(r.tmp)
                _prune(Path(r.tmp).parent, root)
            r.tmp = None
        if r.status == "unchanged" and r.target and mode == "write" and r.target not in manifest:
            manifest[r.target] = r.digest
    if mode == "write" and manifest != before:
        _save_manifest(root, manifest)


def plan(repo: str | Path = ".", to: Iterable[str] = (), **kw) -> Outcome:
    """What ``migrate`` would do, writing nothing: one ``planned``/``unchanged``/... record per target."""
    return migrate(repo, to, mode="plan", **kw)


def sync_check(repo: str | Path = ".", to: Iterable[str] = (), *, from_: str, **kw) -> Outcome:
    """Generated targets that are missing or stale have status ``stale``."""
    return migrate(repo, to, from_=from_, mode="check", **kw)
