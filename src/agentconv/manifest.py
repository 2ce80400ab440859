"""What agentconv keeps in an output root: ``.agentconv/manifest.json`` (the files it wrote, their hashes and where
each came from), the lock that keeps two runs apart, and the sweep of an interrupted run's temp files.

A run can be killed at any moment, so the manifest is written twice: before the first rename it lists the
targets about to be written under ``pending`` (target -> sha256 of the new bytes); after the last, it is saved
again without them. A later run reads a pending target as written by agentconv exactly when its bytes hash to
the pending digest (the rename happened); otherwise the entry from before stands. So outputs are never taken for
sources, and a target edited by hand is never replaced without ``force``, however a run ended.

Temp files are named after the process that runs the batch (``fsio``); a run that holds the lock removes those
whose process is gone.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import os
from contextlib import contextmanager
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator

from . import fsio, rx
from .errors import problem
from .spill import Sorted

MANIFEST = ".agentconv/manifest.json"
LOCK = ".agentconv/lock"
_DIGEST = rx.compile(r"^[0-9a-f]{64}$")
Pending = dict[str, str] | Sorted[tuple[str, str]] | None
"""The targets about to be renamed, target -> digest: a table, or (target, digest) pairs in order (``spill.Sorted``)."""
_BLOCK = json.JSONEncoder(ensure_ascii=False, indent=1)
_str = json.encoder.encode_basestring  # type: ignore[attr-defined]
"""A string as ``json.dumps(s, ensure_ascii=False)`` writes it (what ``JSONEncoder.encode`` calls for a str)."""
"""Made once: ``json.dumps`` with any option builds an encoder per call, and the manifest has an entry per target."""


@dataclass
class Manifest:
    """The files agentconv wrote under one output root (output-relative posix path -> sha256), and for each the
    sources it was made from and the target dialect, where known (``origins``)."""

    files: dict[str, str] = field(default_factory=dict)
    origins: dict[str, tuple[str, str | tuple[str, ...]]] = field(default_factory=dict)
    """target -> (dialect, source), or (dialect, (source, ...)) for a target of several sources (or none): a tuple,
    not the file's ``{"to": ..., "sources": [...]}`` (a sixth of the bytes at 20,000 targets, the source string the
    one the records hold; ``sources`` gives the tuple). ``chunks`` writes either."""
    journal: bool = False
    """Read with a ``pending`` list: the run that wrote it was killed; the next write run saves it clean."""
    dirty: bool = False
    """Changed since it was read (``put``, ``origin``, ``add``, ``drop``): whether a write run saves it. A flag, not a
    copy of both tables taken to compare with (issue 11)."""
    added: Sorted[tuple[str, str | None, Any]] | None = None
    """What ``add`` got this run, (target, digest or None, origin or None): past a thousand in a temp file, not in
    ``files``/``origins`` (lookups in the same run do not see it); merged with them, the later winning, when saved."""
    added_origins: bool = False
    """Whether ``added`` holds an origin."""

    def add(self, target: str, digest: str | None, origin: tuple[str, str | tuple[str, ...]] | None = None) -> None:
        """``put`` and ``origin`` for a target a run wrote or found unchanged, kept out of memory: a run over 10,000
        agents would hold a table of 20,000 targets (issue 11). ``None``: that part stays as it is. An origin without
        a digest is for a target the manifest lists (in ``files``, or added with a digest before): it is written as
        given, unchecked (a check would need a table of the added targets)."""
        if digest is not None and self.files.get(target) == digest:
            digest = None
        if origin is not None and self.origins.get(target) == origin:
            origin = None
        if digest is None and origin is None:
            return
        if self.added is None:
            self.added = Sorted()
        self.added.append((target, digest, origin))
        self.added_origins = self.added_origins or origin is not None
        self.dirty = True

    def put(self, target: str, digest: str) -> None:
        if self.files.get(target) != digest:
            self.files[target] = digest
            self.dirty = True

    def origin(self, target: str, dialect: str, sources: str | tuple[str, ...]) -> None:
        if self.origins.get(target) != (dialect, sources):
            self.origins[target] = (dialect, sources)
            self.dirty = True

    @staticmethod
    def sources(origin: tuple[str, str | tuple[str, ...]]) -> tuple[str, ...]:
        """An origin's sources, as a tuple."""
        return (origin[1],) if isinstance(origin[1], str) else origin[1]

    def drop(self, target: str) -> None:
        self.files.pop(target, None)
        self.origins.pop(target, None)
        self.dirty = True

    def to_json(self, pending: Pending = None) -> str:
        return "".join(self.chunks(pending))

    def chunks(self, pending: Pending = None, lines: int = 256) -> Iterator[str]:
        """``json.dumps(data, indent=1, ensure_ascii=False) + "\\n"`` of the manifest, ``lines`` entries at a time:
        at 20,000 targets the whole text and the encoder's pieces would cost ~20 MB at once, and 2,048 entries at a time
        still ~2 MB (issue 11). Each section is a merge of sorted streams (the tables' sorted names, ``added``,
        ``pending``), never a sorted copy of the entries. An origin is written for a target that is in ``files``
        (the table, or ``added`` with a digest) or ``pending``."""
        added = self.added if self.added is not None else ()
        pend = (lambda: ((t, pending[t]) for t in sorted(pending))) if isinstance(pending, dict) else \
            (lambda: iter(pending or ()))
        parts: list[tuple[str, Iterator[tuple[str, Any]]]] = [
            ("files", _latest(self.files, ((t, d) for t, d, _ in added if d is not None)))]
        if self.origins or self.added_origins:
            kept = self.origins
            rare = sorted(t for t in self.origins if t not in self.files)  # no file: kept if added or pending
            if rare:
                names = heapq.merge((t for t, d, _ in added if d is not None), (t for t, _ in pend()))
                wanted = {t for t, _ in _within(((t, None) for t in rare), names)}
                kept = {t: o for t, o in self.origins.items() if t in self.files or t in wanted}
            parts.append(("origins", _latest(kept, ((t, o) for t, _, o in added if o is not None))))
        if pending:
            parts.append(("pending", pend()))
        yield '{\n "version": 1'
        for key, entries in parts:
            head, entries = f',\n "{key}": {{\n', iter(entries)  # the opening, then ",\n" before each later chunk
            while batch := list(islice(entries, lines)):
                if key != "origins":  # files and pending: digests (text) only
                    yield head + ",\n".join([f"  {_str(name)}: {_str(value)}" for name, value in batch])
                else:
                    yield head + ",\n".join([f"  {_str(name)}: {_entry(value)}" for name, value in batch])
                head = ",\n"
            yield "\n }" if head == ",\n" else f',\n "{key}": {{}}'
        yield "\n}\n"


def _latest(table: dict[str, Any], stream: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """``table``'s entries in name order merged with ``stream``'s (sorted by name): one entry per name, the stream's
    winning over the table's, and of equal names in the stream the last."""
    if not table:  # a first run's manifest: the stream alone
        yield from _last_each(stream)
        return
    names = iter(sorted(table))
    name = next(names, None)
    for entry in _last_each(stream):
        while name is not None and name < entry[0]:
            yield name, table[name]
            name = next(names, None)
        if name == entry[0]:
            name = next(names, None)
        yield entry
    while name is not None:
        yield name, table[name]
        name = next(names, None)


def _last_each(stream: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """Of each run of equal names in ``stream``, the last entry."""
    prev = None
    for entry in stream:
        if prev is not None and prev[0] != entry[0]:
            yield prev
        prev = entry
    if prev is not None:
        yield prev


def _within(entries: Iterable[tuple[str, Any]], names: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """The entries (sorted by name) whose name is one of ``names`` (sorted too, repeats allowed): a merge-join."""
    names = iter(names)
    current = next(names, None)
    for name, value in entries:
        while current is not None and current < name:
            current = next(names, None)
        if current == name:
            yield name, value


def _entry(value: Any) -> str:
    """One value of the manifest as json.dumps(indent=1) writes it two levels in."""
    if type(value) is tuple and type(value[1]) is str and type(value[0]) is str:  # an origin of one source: most are
        return f'{{\n   "to": {_str(value[0])},\n   "sources": [\n    {_str(value[1])}\n   ]\n  }}'
    if isinstance(value, str):
        return _str(value)
    if type(value) is dict and list(value) == ["to", "sources"] and type(value["sources"]) is list:
        value = (value["to"], value["sources"])
    if type(value) is tuple:  # an origin (as Manifest keeps it)
        if isinstance(value[1], str):
            value = (value[0], (value[1],))
        if isinstance(value[0], str) and value[1] and all(type(x) is str for x in value[1]):
            sources = ",\n    ".join(map(_str, value[1]))  # written out without the encoder
            return f'{{\n   "to": {_str(value[0])},\n   "sources": [\n    {sources}\n   ]\n  }}'
        value = {"to": value[0], "sources": list(value[1])}
    return _BLOCK.encode(value).replace("\n", "\n  ")


def _own(root: str | Path, name: str) -> Path:
    """``root/name``, refusing a ``.agentconv`` that is a symbolic link out of ``root`` (never followed: the
    manifest, the lock and their temp files stay inside the output root)."""
    from .batch import inside

    return inside(Path(root), name)


def load(root: str | Path) -> Manifest:
    """The manifest of ``root`` (empty when there is none). A pending target counts as written when its bytes match."""
    path = _own(root, MANIFEST)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Manifest()
    except OSError as exc:
        raise problem("manifest-unreadable", file=str(path), reason=exc.strerror or exc) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise problem("manifest-not-utf8", file=str(path)) from None
    except ValueError as exc:
        raise problem("manifest-not-json", file=str(path), line=getattr(exc, "lineno", None)) from None
    if not isinstance(data, dict) or not _digests(data.get("files")) or not _digests(data.get("pending", {})):
        raise problem("manifest-not-a-list-of-files", file=str(path))
    origins = data.get("origins", {})
    if not isinstance(origins, dict) or not all(_origin(o) for o in origins.values()):
        raise problem("manifest-origins-wrong", file=str(path))
    shared: dict[Any, Any] = {}  # one object for the equal sources of a source's targets
    m = Manifest(dict(data["files"]), {t: (o["to"], shared.setdefault(s := o["sources"][0] if len(o["sources"]) == 1
                                                                      else tuple(o["sources"]), s))
                                       for t, o in origins.items()}, bool(data.get("pending")))
    for target, digest in data.get("pending", {}).items():
        if digest != m.files.get(target) and sha_file(Path(root) / target) == digest:
            m.files[target] = digest  # renamed before the run ended
    return m


def _digests(value) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) and _DIGEST.match(v)
                                           for k, v in value.items())


def _origin(value) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("to"), str) and isinstance(value.get("sources"), list)
            and all(isinstance(s, str) for s in value["sources"]))


def sha_file(path: Path) -> str | None:
    """The SHA-256 of a file's bytes (None: it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def save(root: str | Path, manifest: Manifest, pending: Pending = None) -> None:
    """Write the manifest atomically (a failure is an OutputError, one line)."""
    path = _own(root, MANIFEST)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fsio.write_atomic(path, (c.encode("utf-8") for c in manifest.chunks(pending)))
    except OSError as exc:
        raise problem("manifest-unwritable", file=str(path), reason=exc.strerror or exc) from None


@contextmanager
def locked(root: str | Path, wait: float = 0.0) -> Iterator[None]:
    """Hold ``.agentconv/lock`` of ``root`` (fcntl.flock, released by the kernel however the process ends). A
    second run on the same output root is refused (after ``wait`` seconds of trying) with an OutputError naming
    the lock."""
    path = _own(root, LOCK)
    try:
        import fcntl
    except ImportError:  # no flock on this platform: runs are not kept apart
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():  # the lock is machine-local; the manifest is worth committing
            ignore.write_text("lock\n", encoding="utf-8")
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        raise problem("output-root-unwritable", file=str(path.parent), reason=exc.strerror or exc) from None
    try:
        import time

        until = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= until:
                    raise problem("output-root-locked", file=str(path)) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


def sweep(root: str | Path, skip: frozenset[str] | set[str] = frozenset(), within: list[str] | None = None) -> int:
    """Remove the temp files under ``root`` (only in its folders ``within``, where given: the home folder's tool
    folders) left by runs whose process is gone (or by this process: the caller holds the lock, so none of its own
    is in use). Returns how many."""
    removed = 0
    tops = [str(root)] if within is None else [os.path.join(root, w) for w in within]
    for dirpath, dirs, names in (step for top in tops for step in os.walk(top)):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in names:
            m = fsio.TEMP.match(name)
            if m and not _alive(int(m.group(1))):
                try:
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
                except FileNotFoundError:
                    pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:  # somebody else's process
        return True
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    return pid > 0
