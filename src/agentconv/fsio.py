"""Atomic writes, the one way every output reaches the disk: a temp file beside the target, renamed over it.

The file gets the mode a plain ``open(path, "w")`` would give it: a new file 0666 less the umask (the temp
file is created with 0666 and the kernel applies the umask, as it does for any write), a replaced file keeps
its own permission bits. ``tempfile.mkstemp`` would make every output 0600 whatever the umask.

A temp file is named ``.agentconv-<pid>-<random>.tmp`` after the process that runs the batch (``OWNER``; pool
workers take their parent's), so a later run can tell one left by a killed run from one in use (``manifest.sweep``).
"""
from __future__ import annotations

import os
import stat
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Iterable

from . import rx

PREFIX = ".agentconv-"
TEMP = rx.compile(r"^\.agentconv-(\d+)-[0-9a-f]+\.tmp$")
"""A temp file's name; group 1 is its owner's pid."""
OWNER = os.getpid()
"""Whose temp files these are: this process, or (in a pool worker) the parent that runs the batch."""
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_SEQ = [os.urandom(6).hex(), 0]
"""The random part of this process's temp names and a counter after it: one draw per process, not per file."""


def _reseed() -> None:
    """A new random part (a forked worker names its temp files after the same ``OWNER`` as its parent)."""
    _SEQ[:] = [os.urandom(6).hex(), 0]


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reseed)


def stage(dest: str | os.PathLike[str], data: bytes | Iterable[bytes], new: bool = False) -> str:
    """Write ``data`` (bytes, or chunks of them) to a new temp file in ``dest``'s folder (which must exist) and
    return its path; the temp file already has the mode ``dest`` will have. ``commit`` renames it over ``dest``,
    ``discard`` removes it. ``new``: the caller just found ``dest`` missing, so there is no mode to copy (no stat)."""
    dest = os.fspath(dest)
    folder = os.path.dirname(dest) or "."
    while True:
        _SEQ[1] += 1
        tmp = os.path.join(folder, f"{PREFIX}{OWNER}-{_SEQ[0]}{_SEQ[1]:x}.tmp")
        try:
            fd = os.open(tmp, _FLAGS, 0o666)
            break
        except FileExistsError:  # 48 random bits: a clash is as good as impossible, but never overwrite one
            _reseed()
        except BaseException:  # Ctrl-C or SIGTERM, run as the call returned: the file may be there, and is ours
            discard(tmp)
            raise
    try:
        try:
            if not new:
                os.chmod(fd if os.chmod in os.supports_fd else tmp, stat.S_IMODE(os.stat(dest).st_mode) & 0o777)
        except FileNotFoundError:
            pass  # a new file: the umask already decided
        for chunk in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        discard(tmp)
        raise
    try:
        os.close(fd)
    except BaseException:  # an interruption lands as a call returns: most often this one, the last
        discard(tmp)
        raise
    return tmp


def commit(tmp: str, dest: str | os.PathLike[str]) -> None:
    """Rename a staged temp file over ``dest`` (atomic on one file system)."""
    os.replace(tmp, dest)


def discard(tmp: str) -> None:
    """Remove a staged temp file that will not be committed."""
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def write_atomic(dest: str | os.PathLike[str], data: bytes | Iterable[bytes]) -> None:
    """``stage`` and ``commit`` in one step; on any failure the temp file is gone and ``dest`` is untouched."""
    tmp = stage(dest, data)
    try:
        commit(tmp, dest)
    except BaseException:
        discard(tmp)
        raise
