"""Find the agent files of a repository: each dialect's documented places, ``.gitignore`` honoured.

A file is a candidate when its path matches a ``[layout] detect`` glob of some dialect's table, so a
new dialect's places are found without touching this module. Files agentconv generated itself (listed
in the manifest) are never taken as sources.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from . import limits, registry
from .batch import SKIP_DIRS, SUFFIXES
from .dialects.base import _glob


def _ignore_spec(root: Path):
    """``.gitignore`` files at any depth and ``.git/info/exclude``, as one spec (None: nothing to honour). A line
    that is not a valid pattern (``[z-a]``) matches nothing, as in git."""
    files = [root / ".git" / "info" / "exclude"] if (root / ".git" / "info" / "exclude").is_file() else []
    for dirpath, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        if ".gitignore" in names:
            files.append(Path(dirpath) / ".gitignore")
    if not files:
        return None
    import pathspec  # only when there is something to honour

    lines = []
    for f in files:
        base = "." if f.name == "exclude" else f.parent.relative_to(root).as_posix()
        try:
            text = limits.read_file(f).decode("utf-8", errors="replace")
        except (OSError, limits.LimitError):  # a FIFO or a huge file named .gitignore: not ours to read
            continue
        for line in text.splitlines():
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if base != ".":  # patterns in nested .gitignore files are relative to their folder
                neg = s.startswith("!")
                s = s[1:] if neg else s
                s = ("!" if neg else "") + base + "/" + s.lstrip("/") if "/" in s.rstrip("/") else \
                    ("!" if neg else "") + base + "/**/" + s
            lines.append(s)
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # noqa: BLE001 - a pattern git cannot use either (`[z-a]`): it matches nothing, as in git
        return pathspec.GitIgnoreSpec.from_lines([s for s in lines if _usable(pathspec, s)])


def _usable(pathspec, line: str) -> bool:
    try:
        pathspec.GitIgnoreSpec.from_lines([line])
        return True
    except Exception:  # noqa: BLE001 - re.error and whatever else a pattern compiler raises
        return False


def agent_files(root: str | Path, *, dialect: str | None = None, exclude: set[str] = frozenset()) -> Iterator[
        tuple[Path, str]]:
    """(absolute path, repo-relative posix path) of every agent file under ``root``, sorted. Files that a manifest
    below ``root`` lists (written by agentconv: ``migrate``, ``convert -o``) are outputs, not sources."""
    from . import manifest as mf

    root = Path(root)
    globs = []
    for d in registry.all_dialects():
        if dialect and d.id != dialect:
            continue
        globs += d.table.get("layout", {}).get("detect", [])
    spec = _ignore_spec(root)
    outputs: set[str] = set()
    for dirpath, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and d != ".agentconv")
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        if os.path.isfile(os.path.join(dirpath, mf.MANIFEST)):
            prefix = "" if rel_dir == "." else rel_dir + "/"
            outputs.update(prefix + t for t in mf.load(dirpath).files)
        for name in sorted(names):
            if not name.lower().endswith(SUFFIXES) or name.lower() == "readme.md":
                continue
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            if rel in exclude or rel in outputs or (spec is not None and spec.match_file(rel)):
                continue
            if any(_glob(rel, g) for g in globs):
                yield Path(dirpath) / name, rel
