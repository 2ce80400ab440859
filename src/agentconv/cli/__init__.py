"""The command line: parse arguments, call one library function, render the result.

``agentconv --version`` answers before typer is imported, so it starts in the time Python does; so do
``agentconv convert``, ``migrate`` and ``sync`` with only their own options (``argv.py``), which run without typer.
Nor do they load ``inspect`` (``_Deferred``), nor compile the dataclasses' methods again (``dccode``).
"""
from __future__ import annotations

import sys


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM: raised in the main thread so that the library's cleanup (temp files, worker pool) runs;
    click turns a KeyboardInterrupt into "Aborted!" and exit 1, so this is not one."""


GRACE = 5.0
"""Seconds an interrupted run has to clean up (its temp files, its workers) before it ends anyway, as a kill -9 ends it
(which a run survives: the next one sweeps what it left). The cleanup takes a fraction of that; this is for an
interruption that something swallowed (a ``__del__`` or a callback it landed in prints it and carries on), which would
otherwise run on with both signals ignored, until a SIGKILL."""


def _interrupted(signum, frame) -> None:
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C does not cut the cleanup short
        signal.signal(sig, signal.SIG_IGN)
    _deadline(signum)
    raise Interrupted(signum)


class _Deferred(type(sys)):
    """A stand-in for a standard module that the run may never use, loaded on its first use.

    ``dataclasses`` imports ``inspect`` (with ``ast``, ``dis``, ``tokenize``: about 7% of a one-file conversion's
    instructions) for one thing: the ``__doc__`` of a class that has none, and every dataclass of agentconv has one
    (``tests/test_startup.py``). The stand-in answers ``import inspect`` with no work; the first attribute anything
    asks of it (typer and click do) imports the real module, puts it in ``sys.modules`` and takes its contents, so
    a reference taken before then works the same. A process of the command line only: the library sets nothing."""

    def __getattr__(self, name: str):
        if name == "__path__":  # the import system's question for ``from inspect import x``: not a package
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        from importlib import import_module

        real = import_module(self.__name__)
        self.__dict__.update(real.__dict__)
        return getattr(real, name)


def _defer(name: str) -> None:
    if name not in sys.modules:
        sys.modules[name] = _Deferred(name)


def _defer_url() -> None:
    """``urllib.parse`` deferred too: ``pathlib`` imports it (and it ``ipaddress``: ~11 M instructions, 4 % of a
    ``migrate`` of an empty repository, paid before a pool forks) for one function, ``quote_from_bytes``, which only
    ``Path.as_uri`` calls. The stand-in holds that function as one that loads the real module when called; any other
    attribute loads it at once (``_Deferred``), and ``import urllib.parse`` finds the stand-in as the package's
    ``parse`` until then (the import of the real module puts it there instead)."""
    if "urllib.parse" in sys.modules:
        return
    import urllib

    stand_in = _Deferred("urllib.parse")

    def quote_from_bytes(*args, **kwargs):  # the real one, looked up at the call (the class's lookup: once loaded,
        return _Deferred.__getattr__(stand_in, "quote_from_bytes")(*args, **kwargs)  # the stand-in holds the real
        # module's contents, its own ``__getattr__`` among them)

    stand_in.quote_from_bytes = quote_from_bytes
    sys.modules["urllib.parse"] = stand_in
    urllib.parse = stand_in


def _deadline(signum: int) -> None:
    """End the process with ``128 + signum`` once ``GRACE`` seconds have passed, whatever the main thread does."""
    import threading

    def end() -> None:
        import os

        try:
            sys.stderr.write("agentconv: interrupted\n")
            sys.stderr.flush()
        finally:
            os._exit(128 + signum)

    timer = threading.Timer(GRACE, end)
    timer.daemon = True
    timer.start()


FAST = {"convert": ("convert", "run"), "migrate": ("migrate", "migrate"), "sync": ("migrate", "sync")}
"""The commands that run without typer when their command line holds only their own options: command ->
(module in cli/, its function); the module's ``parse(argv)`` gives the function's arguments, or None for typer."""


def main() -> None:
    argv = sys.argv[1:]
    if argv in (["--version"], ["-V"]):
        from .. import __version__

        print(f"agentconv {__version__}")
        return
    named = argv[0].partition("=") if len(argv) == 1 else (argv[0], "=", argv[1]) if len(argv) == 2 else None
    if named and named[0] in ("--show-completion", "--install-completion") and named[1]:  # a shell named
        from .app import named_shell

        named_shell(named[0], named[2])
        return
    _defer("inspect")
    _defer_url()
    from .. import dccode

    dccode.install()  # the dataclasses' methods from their compiled cache, not compiled again
    import signal
    from functools import partial

    sys.stdout = _Stdout(sys.stdout)
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        try:  # from here on an interruption is one line and 128 + its number, the imports of the command's too
            fast = FAST.get(argv[0]) if argv else None
            if fast is not None:
                from importlib import import_module

                module = import_module(f".{fast[0]}", __name__)
                args = module.parse(argv)
            if fast is None or args is None:
                from .app import app

                run = partial(app, prog_name="agentconv")
            else:
                run = partial(_fast, getattr(module, fast[1]), args)
            run()
        except SystemExit:
            sys.stdout.flush()  # a full disk shows here, as one line, not as a traceback at interpreter exit
            raise
    except Interrupted as exc:
        sys.stderr.write("agentconv: interrupted\n")
        sys.exit(128 + exc.args[0])
    except Exception as exc:  # noqa: BLE001 - never a traceback: one line, and a JSON document with --json
        command = next((a for a in argv if not a.startswith("-")), "agentconv")
        _last_resort(exc, command if "--json" in argv else None)


def entry() -> None:
    """The ``agentconv`` command: ``main``, then out without the interpreter's teardown (mypy's ``hard_exit`` does
    the same): a run over thousands of agents holds tens of megabytes of objects that a normal exit frees one by one
    (30-50 ms of a 2,000-agent ``migrate``) for nothing. Standard output and error are flushed and the exit handlers
    run first; anything unusual (a message for a code, a flush that fails, a thread still running) exits normally."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
    except Interrupted as exc:  # landed after main's own handler
        sys.stderr.write("agentconv: interrupted\n")
        code = 128 + exc.args[0]
    import atexit
    import os
    import threading

    run_exit = getattr(atexit, "_run_exitfuncs", None)
    if not isinstance(code, int) or run_exit is None or threading.active_count() > 1:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        sys.exit(code)  # the normal way out says what it says about a broken stream
    run_exit()
    os._exit(code)


def _fast(run, args: dict) -> None:
    """A command without typer, ending as typer's runner ends it: exit 0 when ``run`` returns, and a broken pipe
    is exit 1 with nothing more said (click's ``main``)."""
    from ..errors import ExitCode
    from .common import cwd_exists

    cwd_exists()
    try:
        run(**args)
    except OSError as exc:
        import errno

        if exc.errno != errno.EPIPE:
            raise
        sys.stdout, sys.stderr = _Pacified(sys.stdout), _Pacified(sys.stderr)
        sys.exit(ExitCode.BROKEN_PIPE)
    sys.exit(0)


class _Pacified:
    """A stream whose ``flush`` ignores a broken pipe (click's ``PacifyFlushWrapper``), for the way out."""

    def __init__(self, raw):
        self._raw = raw

    def __getattr__(self, name: str):
        return getattr(self._raw, name)

    def flush(self) -> None:
        import errno

        try:
            self._raw.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise


class _Stdout:
    """``sys.stdout``, except that a write that fails (``>/dev/full``) names standard output in its error and
    points the descriptor at /dev/null, so nothing fails again on the way out."""

    def __init__(self, raw):
        self._raw = raw

    def __getattr__(self, name: str):
        return getattr(self._raw, name)

    def write(self, text: str) -> int:
        try:
            return self._raw.write(text)
        except OSError as exc:
            raise self._broken(exc) from None

    def flush(self) -> None:
        try:
            self._raw.flush()
        except OSError as exc:
            raise self._broken(exc) from None

    def _broken(self, exc: OSError) -> OSError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), self._raw.fileno())
        return OSError(exc.errno, exc.strerror, "standard output")


def _last_resort(exc: Exception, json_command: str | None) -> None:
    from ..errors import ExitCode, InternalError
    from . import render

    if isinstance(exc, OSError):  # the disk, not a bug: full, read-only, vanished
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        message, code = f"{where}{exc.strerror or exc}", int(ExitCode.OUTPUT)
    else:
        message, code = str(InternalError.wrap(exc)), int(ExitCode.INTERNAL)
    if json_command:
        render.emit(render.document(json_command, code, error=message))
    sys.stderr.write(f"agentconv: error: {message}\n")
    sys.exit(code)
