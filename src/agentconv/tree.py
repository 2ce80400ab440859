"""Walking a source tree: a symbolic link is followed only while it stays inside the tree it was found in.

A file reached through a link whose real path leaves the tree (``.claude/agents/passwd.md -> /etc/passwd``) is
never read: it is yielded with the reason, for the caller to report as a failed source. A folder link that stays
inside is followed (``.claude/agents -> ../agents``), each real folder walked once; one that leaves is reported
in the same way, when the caller says files could be wanted below it.
"""
from __future__ import annotations

import os
from pathlib import Path
from collections import namedtuple
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Callable, Iterator


class Entry(namedtuple("Entry", ["full", "rel", "problem"], defaults=(None,))):
    """One file of the walk (a ``NamedTuple`` by function: a class body's annotations are text under ``from __future__
    import annotations``, which ``typing`` would compile one by one, ~1.6 M instructions a field, issue 11).

    - ``full`` (str | Path): as found: below the tree's root, as given (a string: a ``Path`` per file would intern
      every file's name);
    - ``rel`` (str): relative to the root, POSIX style;
    - ``problem`` (str | None): why it is refused (a link out of the tree), or None."""

    __slots__ = ()

    @property
    def path(self) -> Path:
        """``full`` as a ``Path``."""
        return Path(self.full)


def walk(root: str | Path, skip: Callable[[str], bool], wanted_dir: Callable[[str], bool] = lambda rel: True,
         descend: Callable[[str], bool] = lambda rel: True) -> Iterator[Entry]:
    """Every file below ``root`` in sorted order (folders whose name ``skip`` says, or whose path ``descend``
    refuses, are left out), and a refused ``Entry`` for each link that leaves the tree: a file, or a folder where
    ``wanted_dir(rel)``."""
    root = Path(root)
    top = os.path.realpath(root)
    seen: set[str] = set()  # real paths of the files yielded: one reached twice (through a link) is one source
    for dirpath, dirs, names, links in _walk(os.fspath(root)):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        here = os.path.realpath(dirpath)
        keep = []
        for d in sorted(dirs):
            rel = d if rel_dir == "." else f"{rel_dir}/{d}"
            if skip(d) or not descend(rel):
                continue
            full = os.path.join(dirpath, d)
            if d not in links:
                keep.append(d)
                continue
            real = os.path.realpath(full)
            if not _within(real, top):
                if wanted_dir(rel):
                    yield Entry(full, rel, _escape(real, root))
            elif not _within(here, real):  # a link to a folder above it would loop
                keep.append(d)
        dirs[:] = keep
        for name in sorted(names):
            full = os.path.join(dirpath, name)
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            real = os.path.join(here, name) if name not in links else os.path.realpath(full)
            if not _within(real, top):
                yield Entry(full, rel, _escape(real, root))
            elif real not in seen:
                seen.add(real)
                yield Entry(full, rel)


def _walk(top: str) -> Iterator[tuple[str, list[str], list[str], set[str]]]:
    """``os.walk(top, followlinks=True)`` (top-down, the caller may prune ``dirs``; a folder that cannot be listed is
    left out, as ``os.walk`` does without ``onerror``), with the names that are symbolic links beside: told by the
    folder's own listing (``DirEntry.is_symlink``, the entry's type where the file system gives it), not by an
    ``lstat`` per file and folder (2,000 system calls for 2,000 agents, issue 11)."""
    try:
        listing = os.scandir(top)
    except OSError:
        return
    dirs: list[str] = []
    names: list[str] = []
    links: set[str] = set()
    with listing:
        while True:
            try:
                entry = next(listing)
            except StopIteration:
                break
            except OSError:
                return
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else names).append(entry.name)
            try:
                if entry.is_symlink():
                    links.add(entry.name)
            except OSError:  # as os.path.islink: not a link when it cannot be told
                pass
    yield top, dirs, names, links
    for d in dirs:
        yield from _walk(os.path.join(top, d))


def _within(real: str, top: str) -> bool:
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _escape(real: str, root: Path) -> str:
    return f"a symbolic link to {real}, outside {root}: refused (a source is read only inside the tree it is found in)"

