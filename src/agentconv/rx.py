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
_programs: dict[tuple[str, int], bytes] | None = None
"""The stored programs: (pattern, flags) -> marshalled (flags, code as bytes, groups, groupindex, indexgroup)."""
_new: dict[tuple[str, int], bytes] = {}
_made: dict[tuple[str, int], re.Pattern[str]] = {}


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's name, on purpose
    """``re.compile(pattern, flags)`` (a ``str`` pattern), from the stored program when there is one."""
    key = (pattern, int(flags))
    made = _made.get(key)
    if made is None:
        made = _made[key] = _from_cache(key) or _compile(key)
    return made


def _from_cache(key: tuple[str, int]) -> re.Pattern[str] | None:
    stored = _load().get(key)
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
    if sys.dont_write_bytecode or len(_load()) + len(_new) >= _MAX or not isinstance(key[0], str):
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
            if not _new:  # the same flags and code as re.compile's, or nothing is stored
                import atexit

                atexit.register(_save)
            _new[key] = marshal.dumps(program)
    except Exception:  # noqa: BLE001 - another interpreter's internals: no cache, as before
        pass
    return pattern


def _load() -> dict[tuple[str, int], bytes]:
    global _programs
    if _programs is None:
        _programs = load_cache(_FILE)
    return _programs


def _save() -> None:
    """At exit: the stored programs and this run's new ones, in one atomic write."""
    save_cache(_FILE, {**_load(), **_new})


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
    global _programs
    _programs = None
    _new.clear()
    _made.clear()
