"""A sequence of records too long to hold: once it passes ``HOLD`` items, they go to an anonymous temp file in pickled
chunks, so a run over 10,000 agents holds what a run over 2,000 does (issue 11).

Items are written once and read back in order, any number of times; they are never changed in place (an item changed
after ``append`` may or may not be seen changed: a pass that changes items writes a new ``Spill``). ``pack`` turns an
item into something cheap to pickle (a tuple of fields: a third of a dataclass's cost) and ``unpack`` back.
The temp file has no name (``tempfile.TemporaryFile``: nothing to clean up however the process ends) and lives in the
system's temp folder, never in the repository or the output root.
"""
from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from types import GenericAlias

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import IO, Any, Callable, Iterable, Iterator, TypeVar

    T = TypeVar("T")

HOLD = 4096
"""Items a ``Spill`` (or a ``Sorted``) holds before it writes any: a run's records cost ~1 KB each held, so a
repository of up to ~2,000 agents into two dialects (~4 MB of records) is never pickled, where each pass over the
records (collisions, commit, summary, report) would unpickle them all again (~8% of such a run's CPU). Past it, items
go out in chunks of ``CHUNK`` (runs of ``RUN``), so a larger run holds about as much as this one (issue 11: flat)."""
CHUNK = 1024
"""Items per pickled chunk, once a spill is writing."""


def _pickle() -> Any:
    """``pickle``, imported when a spill first writes or reads its temp file: a run that never passes ``HOLD`` (a
    repository of up to ~2,000 agents) need not import it (~6 M instructions, issue 11)."""
    import pickle

    return pickle


def _temp_file() -> IO[bytes]:
    """An anonymous temp file in the system's temp folder (gone when closed, or when the process ends)."""
    import tempfile

    return tempfile.TemporaryFile(prefix=".agentconv-spill-")


class _OnDisk:
    """What ``Spill`` and ``Sorted`` share: their temp file, made when first needed (``_temp_file``)."""

    _file: IO[bytes] | None

    @property
    def on_disk(self) -> bool:
        """Whether some items are in the temp file."""
        return self._file is not None


class Spill(_OnDisk, Sequence):  # Spill[T] as Sequence[T] (its __class_getitem__): no typing.Generic
    """A write-once, read-many sequence: ``append`` items, then iterate (``len``, indexing and slicing work too, by
    reading it through: meant for tests and small runs)."""

    def __init__(self, items: Iterable[T] = (), pack: Callable[[T], Any] | None = None,
                 unpack: Callable[[Any], T] | None = None) -> None:
        self._pack, self._unpack = pack, unpack
        self._file: IO[bytes] | None = None
        self._held: list[T] = []
        self._out = 0  # items written to the temp file
        self._limit = HOLD  # held items that make a write: ``CHUNK`` once the file is written
        for item in items:
            self.append(item)

    def like(self, items: Iterable[T] = ()) -> Spill[T]:
        """A new spill packing as this one does."""
        return Spill(items, self._pack, self._unpack)

    def append(self, item: T) -> None:  # a few bytecodes: called per record in every pass (issue 11)
        held = self._held
        held.append(item)
        if len(held) >= self._limit:
            self._write()

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def _write(self) -> None:
        if self._file is None:
            self._file = _temp_file()
        self._file.seek(0, 2)
        held = self._held if self._pack is None else list(map(self._pack, self._held))
        pickle = _pickle()
        for i in range(0, len(held), CHUNK):  # the first write (``HOLD`` items) too: a reader holds one chunk at a time
            pickle.dump(held[i:i + CHUNK], self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._out += len(held)
        self._limit = CHUNK
        self._held = []

    def __iter__(self) -> Iterator[T]:
        if self._file is not None:
            if self._held:  # the tail too: a finished spill that is read holds one chunk, not its last one as well
                self._write()
            f, end, at = self._file, self._file.seek(0, 2), 0
            pickle = _pickle()
            while at < end:  # each chunk read as it is reached: one chunk in memory at a time
                f.seek(at)
                chunk = pickle.load(f)
                at = f.tell()
                yield from chunk if self._unpack is None else map(self._unpack, chunk)
        yield from list(self._held)

    def __len__(self) -> int:
        return self._out + len(self._held)

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return list(self)[i]
        n = len(self)
        j = i + n if i < 0 else i
        if not 0 <= j < n:
            raise IndexError("spill index out of range")
        for k, item in enumerate(self):
            if k == j:
                return item
        raise IndexError("spill index out of range")  # pragma: no cover - len counts every item

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (Spill, list)) and len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Spill({len(self)} items{', on disk' if self.on_disk else ''})"

    def close(self) -> None:
        """Drop the temp file and the held items (the spill is empty after)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._held, self._out, self._limit = [], 0, HOLD


RUN = 2048
"""Items sorted in memory per run of a ``Sorted`` (the first run holds up to ``HOLD``)."""
BLOCK = 16
"""Items per pickled block of a run: reading a ``Sorted`` holds one block per run (about N / RUN blocks)."""


_first = itemgetter(0)
"""A tuple's first element, the sort key (a C function: called per item at each sort and merge)."""


class Sorted(_OnDisk):
    """Tuples appended in any order, read back in the order of their first element (equal ones in the order appended):
    past ``RUN`` the held ones are sorted and written as a run, in blocks of ``BLOCK``; reading merges the runs
    (``heapq.merge``), one block of each in memory at a time. An external sort: what a manifest of 20,000 targets
    needs to be written in order without a table of them (issue 11)."""

    __class_getitem__ = classmethod(GenericAlias)  # Sorted[T], as typing.Generic gave it

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._file: IO[bytes] | None = None
        self._runs: list[list[int]] = []  # per run, the offsets of its blocks
        self._held: list[T] = []
        self._out = 0  # items written in runs
        self._limit = HOLD  # held items that make a run: ``RUN`` after the first
        for item in items:
            self.append(item)

    def append(self, item: T) -> None:
        held = self._held
        held.append(item)
        if len(held) >= self._limit:
            self._write()

    def _write(self) -> None:
        if self._file is None:
            self._file = _temp_file()
        f, held = self._file, sorted(self._held, key=_first)  # type: ignore[arg-type]  # stable: appended order kept
        f.seek(0, 2)
        offsets, pickle = [], _pickle()
        for i in range(0, len(held), BLOCK):
            offsets.append(f.tell())
            pickle.dump(held[i:i + BLOCK], f, protocol=pickle.HIGHEST_PROTOCOL)
        self._runs.append(offsets)
        self._out += len(held)
        self._limit = RUN
        self._held = []

    def _run(self, offsets: list[int]) -> Iterator[T]:
        assert self._file is not None
        pickle = _pickle()
        for at in offsets:
            self._file.seek(at)
            yield from pickle.load(self._file)

    def __iter__(self) -> Iterator[T]:
        self._held.sort(key=_first)  # type: ignore[arg-type]  # stable, and cheap once sorted
        if not self._runs:
            return iter(list(self._held))
        import heapq

        runs = [self._run(offsets) for offsets in self._runs]
        return heapq.merge(*runs, list(self._held), key=_first)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return self._out + len(self._held)
