"""Many files at once: discover, convert each on its own, write atomically under one output directory.

One bad file never stops the others: each yields a ``FileResult`` with its status and error. Nothing is
written outside ``out``; an existing file is never replaced without ``force``; two sources that want
the same target path are both refused.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .errors import AgentconvError, ExitCode, OutputError
from .loss import LossReport, Policy

SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", ".hg", ".svn", ".tox", ".mypy_cache"}
SUFFIXES = (".md", ".markdown", ".txt", ".mdc")


@dataclass
class FileResult:
    """The outcome for one source file."""

    source: str
    status: str
    """``converted``, ``unchanged`` (the target already holds exactly this), or ``failed``."""
    target: str | None = None
    source_dialect: str | None = None
    report: LossReport = field(default_factory=LossReport)
    error: str | None = None
    exit_code: int = 0

    def to_json(self) -> dict:
        out = {"source": self.source, "target": self.target, "status": self.status, "from": self.source_dialect,
               "losses": self.report.to_json()}
        if self.error:
            out["error"], out["exit_code"] = self.error, self.exit_code
        return out


def discover(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and agent-like files (by suffix) below directories, in sorted order."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for f in sorted(files):
                    if f.lower().endswith(SUFFIXES) and f.lower() not in ("readme.md", "changelog.md", "license.md"):
                        yield Path(root) / f
        else:
            yield p


def write_atomic(path: Path, text: str, *, force: bool) -> bool:
    """Write through a temp file and rename. Returns False when the file already holds ``text``."""
    if path.exists():
        if path.read_bytes() == text.encode("utf-8"):
            return False
        if not force:
            raise OutputError(f"{path} exists; use --force to replace it", file=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".agentconv-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


def inside(root: Path, rel: str) -> Path:
    """``root / rel``, refusing anything that would land outside ``root``: absolute, ``..``, or a folder that is a
    symbolic link out of it."""
    norm = os.path.normpath(rel)
    if os.path.isabs(norm) or norm == ".." or norm.startswith(".." + os.sep):
        raise OutputError(f"{rel!r} would be written outside {root}")
    dest = root / norm
    if not _parent_ok(str(root), str(dest.parent)):
        raise OutputError(f"{rel!r} would be written outside {root} (through a symbolic link)")
    return dest


@lru_cache(maxsize=4096)
def _parent_ok(root: str, parent: str) -> bool:
    p, top = Path(parent), Path(root)
    while p != top and not p.exists() and p != p.parent:
        p = p.parent
    real, base = p.resolve(), top.resolve()
    return real == base or base in real.parents


def convert_many(sources: Iterable[str | Path], to: str, out: str | Path, *, from_: str | None = None,
                 policy: Policy = Policy(), force: bool = False, dry_run: bool = False) -> Iterator[FileResult]:
    """Convert every file to ``to`` under ``out`` (the target's own layout). Yields results as they come."""
    from .api import convert

    root = Path(out)
    claimed: dict[str, str] = {}
    inputs = {str(p.resolve()) for p in map(Path, sources) if p.is_file()}
    for src in discover(sources):
        res = FileResult(str(src), "failed")
        try:
            result = convert(src, to, from_=from_, policy=policy)
            res.report, res.source_dialect = result.report, result.source
            dest = inside(root, result.path or f"{result.name}.md")
            res.target = str(dest)
            if str(dest) in claimed:
                raise OutputError(f"{claimed[str(dest)]} and {src} both become {dest}; rename one agent",
                                  file=str(src))
            if str(dest) in inputs or dest == src.resolve():
                raise OutputError(f"refusing to overwrite the source file {dest}", file=str(src))
            claimed[str(dest)] = str(src)
            if dry_run:
                res.status = "planned"
            else:
                res.status = "converted" if write_atomic(dest, result.text, force=force) else "unchanged"
        except AgentconvError as exc:
            if exc.file is None:
                exc.file = str(src)
            res.error, res.exit_code = str(exc), int(exc.exit_code)
            if getattr(exc, "report", None) is not None:
                res.report = exc.report
        except OSError as exc:
            res.error, res.exit_code = f"{src}: {exc.strerror or exc}", int(ExitCode.OUTPUT)
        yield res
