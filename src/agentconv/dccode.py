"""The methods ``dataclasses`` writes for each class, compiled once per install, like bytecode, not once per process.

``@dataclass`` writes a class's ``__init__``, ``__repr__``, ``__eq__`` (and ``__hash__``, ``__setattr__``... as
asked) as Python source and ``exec``s it: a compile of each, at every start. The thirty-odd dataclasses a one-file
conversion imports cost about a sixth of its instructions so (issue 11: ~50 M of ~295 M under callgrind). ``install``
gives the ``dataclasses`` module an ``exec`` of its own (a global of that module, which its ``exec(txt, globals, ns)``
finds before the builtin) that runs the same source's code object, compiled as ``exec`` compiles it (``<string>``, no
``__future__`` flag inherited, the interpreter's optimisation level) and kept in
``agentconv/__pycache__/dataclasses.<cache tag>.marshal``, keyed by the source text and that level: the same code
object, so the same class. The file is written at exit under the bytecode rule (never with
``PYTHONDONTWRITEBYTECODE`` / ``-B``), atomically, and trusted as a ``.pyc`` is; one that cannot be read or written
is never an error (the source is compiled as without it). Only the command line's process installs it (as it defers
``inspect``: ``cli._Deferred``) and ``python -m agentconv.warm``, which writes it; the library sets nothing.
"""
from __future__ import annotations

import builtins
import marshal
import os
import sys

_FILE = os.path.join(os.path.dirname(__file__), "__pycache__", f"dataclasses.{sys.implementation.cache_tag}.marshal")
_MAX = 2048
"""At most this many code objects are stored (the sources come from class definitions: a bounded set)."""
_STORE = None
"""The stored code (an ``rx.Store`` of ``_FILE``, made when first asked): (source, optimisation level) -> the
marshalled code object ``compile`` made of it."""


def install() -> None:
    """From now on, the classes ``dataclasses`` makes in this process take their methods' code from the cache."""
    import dataclasses

    dataclasses.exec = _exec  # type: ignore[attr-defined]  # a global of that module: its own calls only


def _exec(source, globals=None, locals=None):  # noqa: A002 - exec's own parameter names
    """``exec(source, globals, locals)`` as ``dataclasses`` calls it, with ``source``'s code from the cache."""
    code = _code(source) if type(source) is str else source
    return builtins.exec(code, globals, locals)


def _code(source: str):
    key = (source, sys.flags.optimize)
    store = _store()
    stored = store.get(key)
    if stored is not None:
        try:
            code = marshal.loads(stored)
            if type(code) is type(_code.__code__):
                return code
        except (EOFError, ValueError, TypeError):
            pass
    code = compile(source, "<string>", "exec", dont_inherit=True)  # as exec compiles a string: no flag of ours
    if store.wants():
        store.add(key, marshal.dumps(code))
    return code


def _store():
    global _STORE
    if _STORE is None:
        from .rx import Store

        _STORE = Store(_FILE, _MAX)
    return _STORE


def reset() -> None:
    """Forget what this process compiled and read (tests)."""
    global _STORE
    if _STORE is not None:
        _STORE.reset()  # its save at exit, if registered, finds nothing new
    _STORE = None
