"""Regular expressions compiled once per install, like bytecode, not once per process.

Python compiles a regular expression in Python code (``re._parser``, ``re._compiler``); the seventy-odd that a
one-file conversion needs (module constants, the tables' path globs, model readers and tool patterns) took about
a seventh of its start-up. ``compile`` gives the same ``re.Pattern`` as ``re.compile`` (equal: same flags, same
code) from the compiled program kept in ``agentconv/__pycache__/regex.<cache tag>.<_sre.MAGIC>.marshal``, keyed by
the pattern text and flags, which is all a program depends on besides the interpreter that the file name names.
A program is stored only when built the way ``re._compiler.compile`` builds it *and* equal to ``re.compile``'s
pattern; the file is written at exit under the bytecode rule (never with ``PYTHONDONTWRITEBYTECODE`` / ``-B``),
atomically, and trusted as a ``.pyc`` is. A cache that cannot be read, written or used (``_sre`` checks each
program) is never an error: the pattern is compiled by ``re`` as without one. Only patterns from the code and the
tables go through here, never text from an input file.
"""
from __future__ import annotations

import marshal
import os
import re
import sys

import _sre

_FILE = os.path.join(os.path.dirname(__file__), "__pycache__",
                     f"regex.{sys.implementation.cache_tag}.{_sre.MAGIC}.marshal")
_MAX = 4096
"""At most this many programs are stored (patterns come from the code and the tables, a bounded set)."""
_made: dict[tuple[str, int], re.Pattern[str]] = {}


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's name, on purpose
    """``re.compile(pattern, flags)`` (a ``str`` pattern), from the stored program when there is one."""
    key = (pattern, int(flags))
    made = _made.get(key)
    if made is None:
        made = _made[key] = _from_cache(key) or _compile(key)
    return made


def _from_cache(key: tuple[str, int]) -> re.Pattern[str] | None:
    stored = _STORE.get(key)
    if stored is None:
        return None
    try:
        flags, code, groups, groupindex, indexgroup = marshal.loads(stored)
        code = memoryview(code).cast("I").tolist()  # the code as bytes: a list of ints loads ten times slower
        return _sre.compile(key[0], flags, code, groups, groupindex, indexgroup)  # _sre checks it: damage raises
    except Exception:  # noqa: BLE001 - any trouble: compile as without a cache
        return None


def _compile(key: tuple[str, int]) -> re.Pattern[str]:
    pattern = re.compile(*key)
    if not isinstance(key[0], str) or not _STORE.wants():
        return pattern
    try:  # the program re.compile made, the way re._compiler.compile makes it (3.11-3.13)
        from array import array
        from re import _compiler, _parser

        parsed = _parser.parse(key[0], key[1])
        groups = [None] * parsed.state.groups
        for name, index in parsed.state.groupdict.items():
            groups[index] = name
        flags, code = int(key[1] | parsed.state.flags), array("I", _compiler._code(parsed, key[1]))
        program = (flags, code.tobytes(), parsed.state.groups - 1, dict(parsed.state.groupdict), tuple(groups))
        if code.itemsize == _sre.CODESIZE and _sre.compile(key[0], flags, code.tolist(), *program[2:]) == pattern:
            _STORE.add(key, marshal.dumps(program))  # the same flags and code as re.compile's, or nothing is stored
    except Exception:  # noqa: BLE001 - another interpreter's internals: no cache, as before
        pass
    return pattern


class Store:
    """One of agentconv's compiled caches (this module's programs, ``dccode``'s code): a marshalled dict in
    ``__pycache__``, read when first asked; this run's new entries are written with it at exit, in one atomic write,
    under the bytecode rule (never with ``PYTHONDONTWRITEBYTECODE`` / ``-B``) and never past ``limit`` entries."""

    __slots__ = ("path", "limit", "new", "_stored")

    def __init__(self, path: str, limit: int) -> None:
        self.path = path
        """The cache file."""
        self.limit = limit
        """At most this many entries are stored (their keys come from the code: a bounded set)."""
        self.new: dict = {}
        """This run's entries, not yet written."""
        self._stored: dict | None = None

    def stored(self) -> dict:
        """The entries the file held when first asked ({} when it cannot be read)."""
        if self._stored is None:
            self._stored = load_cache(self.path)
        return self._stored

    def get(self, key: object) -> object:
        """The stored entry for ``key``, or None."""
        return self.stored().get(key)

    def wants(self) -> bool:
        """Whether a new entry would be kept: bytecode is written, and the file is not full."""
        return not sys.dont_write_bytecode and len(self.stored()) + len(self.new) < self.limit

    def add(self, key: object, value: bytes) -> None:
        """Keep ``value`` for ``key``; the first entry of a run registers the save at exit."""
        if not self.new:
            import atexit

            atexit.register(self.save)
        self.new[key] = value

    def save(self) -> None:
        """The stored entries and this run's new ones, in one atomic write (nothing when there is nothing new)."""
        if self.new:
            save_cache(self.path, {**self.stored(), **self.new})
            self.new.clear()

    def reset(self) -> None:
        """Forget what this process added and read (tests)."""
        self._stored = None
        self.new.clear()


_STORE = Store(_FILE, _MAX)
"""The stored programs: (pattern, flags) -> marshalled (flags, code as bytes, groups, groupindex, indexgroup)."""


def load_cache(path: str) -> dict:
    """One of agentconv's compiled caches (this one, ``dccode``'s: a marshalled dict); {} when it cannot be read."""
    try:
        with open(path, "rb") as f:
            loaded = marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):
        loaded = None
    return loaded if isinstance(loaded, dict) else {}


def save_cache(path: str, entries: dict) -> None:
    """Write such a cache atomically; a read-only install or a full disk writes nothing (compiled again next time)."""
    from . import fsio

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fsio.write_atomic(path, marshal.dumps(entries))
    except (OSError, ValueError):
        pass


def reset() -> None:
    """Forget what this process compiled and read (tests)."""
    _STORE.reset()
    _made.clear()
