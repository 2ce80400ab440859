"""Converting whole packages: each file written under one output folder (atomically, nothing outside it, never
over a source or a file agentconv did not write unless ``force``), a row for each; ``migrate`` for a repository
that is a package or a marketplace."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator

from .. import limits
from ..errors import AgentconvError, ExitCode, InternalError, OutputError, message, problem
from ..loss import LossCode, LossReport, Policy, Severity
from .claude import marketplace_plugins
from .formats import detect, read_package, write_package
from .model import FORMATS, MARKETPLACE, Package, loss, table
from .writing import Output


def convert_package(source: str | Path, to: str, out: str | Path, *, clients_: Iterable[str] = (),
                    from_: str | None = None, policy: Policy = Policy(), force: bool = False,
                    dry_run: bool = False) -> Iterator[Any]:
    """Convert the package (or every local plugin of the marketplace) at ``source`` to ``to`` under ``out``: one
    ``batch.FileResult`` per file written, per record that could not be written, and per source file taken as
    it is. A marketplace's plugins land at their own paths below ``out``."""
    from ..batch import FileResult, record_failure

    src = Path(source)
    fmt = from_ or detect(src)
    if fmt is None:
        raise problem("not-a-package-to-convert", file=str(src), formats=', '.join(FORMATS), marketplace=MARKETPLACE)
    if to not in FORMATS:
        raise problem("package-format-unknown", name=to, formats=', '.join(FORMATS))
    cat = None
    roots = [(src, "")]
    if fmt == MARKETPLACE:
        fmt = "claude-plugin"
        cat = table()["claude-plugin"]["marketplace"]
        try:  # a catalogue that is not JSON, or lists no plugins: Claude Code loads nothing of it (`claude plugin
            # validate`: "Invalid JSON syntax"); the catalogue fails as bad input (exit 4), one row, not a crash
            roots = marketplace_plugins(src)
        except AgentconvError as exc:
            res = FileResult(str(src / cat), "failed", source_dialect=MARKETPLACE)
            record_failure(res, exc, src / cat)
            yield res
            return
        yield from _marketplace_rows(src, cat, to, out, force, dry_run)
    for root, prefix in roots:
        try:
            pkg = read_package(root, fmt, carry=policy.carry)
            if cat is not None and root == src:
                pkg.files.pop(cat, None)  # the catalogue beside its own plugin: accounted for above, once
            files, failed = write_package(pkg, to, clients_, policy=replace_policy(policy))
        except AgentconvError as exc:
            res = FileResult(str(root), "failed")
            record_failure(res, exc, root)
            yield res
            continue
        except Exception as exc:  # noqa: BLE001 - a bug: this package fails with exit 70, the others go on
            res = FileResult(str(root), "failed")
            record_failure(res, InternalError.wrap(exc, str(root)), root)
            yield res
            continue
        yield from _emit(pkg, files, failed, Path(out), prefix, force, dry_run)


def replace_policy(policy: Policy) -> Policy:
    from dataclasses import replace

    return replace(policy, placed=True)


def _marketplace_rows(root: Path, cat: str, to: str, out: str | Path, force: bool, dry_run: bool) -> Iterator[Any]:
    """The catalogue itself: kept as it is for a Claude Code target, reported for an Agent Plugins one (1.0 has no
    catalogue) or a Gemini CLI extension (none either)."""
    from ..batch import FileResult

    report = LossReport(source=MARKETPLACE, file=str(root / cat), target=to)
    data = limits.read_file(root / cat)
    gm = table()["gemini-extension"]["manifest"]
    if (root / gm).is_file() and not (root / table()["claude-plugin"]["manifest"]).is_file():
        # dual-published: detection takes the marketplace (formats.detect); a plugin here says it itself (read_claude)
        loss(report, LossCode.VALUE_READ_AS, gm, variant="dual-marketplace", manifest=cat, other=gm)
    if to == "claude-plugin":
        pkg = Package(root, MARKETPLACE, "", sources={cat: str(root / cat)})
        refused = _catalogue_names(data, report)
        if refused:  # Claude Code refuses the catalogue: not written (its plugins are, each its own package)
            yield from _emit(pkg, {}, [(cat, OutputError(refused, file=str(root / cat)), report)], Path(out), "",
                             force, dry_run)
            return
        yield from _emit(pkg, {cat: Output(data, cat, report, None)}, [], Path(out), "", force, dry_run)
        return
    parsed = json.loads(data)
    none = table()[to].get("called") or f"a {table()[to]['title']}"
    own = _own_name(root)  # the catalogue's folder is a plugin too: converted, whatever source lists it
    remote = [e.get("name") for e in parsed.get("plugins", [])
              if isinstance(e, dict) and not isinstance(e.get("source"), str) and e.get("name") != own]
    if remote:
        loss(report, LossCode.COMPONENT_DROPPED, "marketplace", variant="catalogue-remote", catalogue=cat, format=none,
             remote=", ".join(map(str, remote)))
    else:
        loss(report, LossCode.COMPONENT_DROPPED, "marketplace", variant="catalogue", catalogue=cat, format=none)
    yield FileResult(str(root / cat), "skipped", report=report, source_dialect=MARKETPLACE,
                     reason=f"a Claude Code marketplace catalogue: {none} has none")


def _catalogue_names(data: bytes, report: LossReport) -> str | None:
    """The names of a catalogue written for Claude Code: a plugin name Claude Code keeps for Anthropic's own is a
    warning (it loads it), a marketplace name it refuses is returned (an error: nothing of it would load)."""
    from .names import marketplace_name_problem, reserved_plugin_name

    try:
        parsed = json.loads(data)
    except ValueError:
        return None  # read as it is elsewhere: not ours to judge here
    if not isinstance(parsed, dict):
        return None
    for i, entry in enumerate(parsed.get("plugins") or []):
        name = entry.get("name") if isinstance(entry, dict) else None
        why = reserved_plugin_name(name) if isinstance(name, str) else None
        if why:
            loss(report, LossCode.NAME_CONFLICT, f"plugins[{i}].name", variant="reserved-plugin", name=name, conflict=why)
    name = parsed.get("name")
    judged = marketplace_name_problem(name) if isinstance(name, str) else None
    if judged is None:
        return None
    if judged[0] is Severity.ERROR:
        return message("marketplace-name-refused", name=name, why=judged[1])
    loss(report, LossCode.NAME_CONFLICT, "name", variant="kept", name=name, conflict=judged[1])
    return None


def _own_name(root: Path) -> str | None:
    """The name in the marketplace folder's own plugin manifest, if it has one."""
    manifest = root / table()["claude-plugin"]["manifest"]
    try:
        data = json.loads(limits.read_file(manifest)) if manifest.is_file() else None
    except (OSError, ValueError, limits.LimitError):
        return None
    return data.get("name") if isinstance(data, dict) else None


def _emit(pkg: Package, files: dict[str, Output], failed: list, root: Path, prefix: str, force: bool,
         dry_run: bool) -> Iterator[Any]:
    """Write one package's files under ``root``/``prefix`` and yield a row for each, then one per record that was
    not written; the output root's manifest lists what was written (so ``migrate`` never takes it for a source)."""
    from ..batch import FileResult, inside, not_a_source, record_failure, remember

    sources = {os.path.realpath(p) for p in pkg.sources.values()}
    written: dict[str, str] = {}
    from .. import manifest as mf

    try:
        known = mf.load(root).files if root.exists() else {}
    except AgentconvError:
        known = {}
    for rel, o in files.items():
        rel = f"{prefix}/{rel}" if prefix else rel
        src = pkg.sources.get(o.source) or (str(pkg.root) if not o.source else str(pkg.root / o.source))
        res = FileResult(src, "failed", report=o.report, source_dialect=o.report.source or pkg.fmt)
        try:
            dest = inside(root, rel)
            res.target = str(dest)
            if os.path.realpath(dest) in sources and limits.read_file(dest) == o.data:
                res.status = "unchanged"  # a file both formats share (a skill, a README), converted in place
                yield res
                continue
            not_a_source(dest, sources, src)
            res.status = "planned" if dry_run else _put(dest, o.data, force, known.get(rel))
            if not dry_run:
                import hashlib

                written[rel] = hashlib.sha256(o.data).hexdigest()
        except AgentconvError as exc:
            record_failure(res, exc, Path(src))
        except OSError as exc:
            res.error, res.exit_code = f"{dest}: {exc.strerror or exc}", int(ExitCode.OUTPUT)
        yield res
    for source, exc, report in failed:
        res = FileResult(pkg.sources.get(source, str(pkg.root / source)), "failed" if exc else "skipped",
                         report=report, source_dialect=report.source)
        if exc is not None:
            record_failure(res, exc, Path(res.source))
            res.report = report
        else:
            res.reason = report.items[-1].message if report.items else "not written"
        yield res
    if written:
        remember(root, written)


def _put(dest: Path, data: bytes, force: bool, listed: str | None) -> str:
    """Write ``data`` at ``dest`` atomically: unchanged when it already holds it; another file there is replaced
    only when agentconv wrote it (the output root's manifest lists its current bytes) or with ``force``."""
    import hashlib

    from .. import fsio

    if dest.exists() or dest.is_symlink():
        old = limits.read_file(dest)
        if old == data:
            return "unchanged"
        if not force and listed != hashlib.sha256(old).hexdigest():
            raise problem("package-output-exists", file=str(dest), remedy="force")
    dest.parent.mkdir(parents=True, exist_ok=True)
    fsio.write_atomic(dest, data)
    return "converted"


def migrate(repo: str | Path, to: str, *, clients_: Iterable[str] = (), out: str | Path | None = None,
            mode: str = "write", force: bool = False, policy: Policy = Policy()) -> Any:
    """``migrate`` for a repository that is a package or a marketplace of them: every package converted to ``to``
    under ``out`` (default: the repository itself, so a plugin folder holds both formats side by side; files the
    two share, such as skills, are left as they are). Returns a ``migration.Outcome``."""
    from ..migration import Outcome, Record, Summary

    root = Path(repo)
    if not root.is_dir():
        raise problem("package-repository-not-a-directory", file=str(root))
    fmt = detect(root)
    if fmt is None:
        raise problem("not-a-package-or-marketplace", file=str(root), formats=", ".join(FORMATS),
                      marketplace=MARKETPLACE)
    out_root = Path(out) if out is not None else root
    records = []
    for r in convert_package(root, to, out_root, clients_=clients_, from_=fmt, policy=policy, force=force,
                             dry_run=mode != "write"):
        rel = os.path.relpath(r.source, root).replace(os.sep, "/")
        target = os.path.relpath(r.target, out_root).replace(os.sep, "/") if r.target else None
        records.append(Record(rel, to, target, r.status, r.source_dialect, r.report.to_json(), r.error, r.exit_code,
                              remedy=r.remedy))
    summary = Summary()
    for rec in records:
        summary.statuses[rec.status] += 1
        summary.losses.update(item["code"] for item in rec.losses)
    return Outcome(records, summary)
