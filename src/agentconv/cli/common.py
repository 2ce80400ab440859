"""What the commands share, without typer: a usage error, a failed command, -q/-v, the loss policy, standard input.

A usage error or a failure ends the command with ``SystemExit(code)``, which typer's runner passes on as it does
``typer.Exit``; so ``convert`` runs the same under typer and on its own (``cli/convert.py``).
"""
from __future__ import annotations

import sys
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Optional

from ..errors import AgentconvError, ExitCode, problem
from ..loss import Policy, Severity
from . import render


def usage(message: str) -> None:
    sys.stderr.write(f"agentconv: error: {message}\n")
    sys.stderr.flush()
    raise SystemExit(int(ExitCode.USAGE))


def not_for_packages(*given: tuple[str, bool]) -> None:
    """A usage error naming the options given (``(option, given)`` pairs) that place or pick dialect files: with a
    package target they would be ignored, and nothing is ignored in silence."""
    unused = [opt for opt, on in given if on]
    if unused:
        verb = "places" if len(unused) == 1 else "place"
        usage(f"{' and '.join(unused)} {verb} dialect files; a package is a folder: name it with -o DIR")


def fail(exc: AgentconvError, as_json: bool, command: str) -> None:
    """A whole command failed: one line on stderr, and with --json the command's document holding ``error``."""
    if as_json:
        render.emit(render.document(command, int(exc.exit_code), error=render.error_text(exc)))
    render.fail_line(exc)
    raise SystemExit(int(exc.exit_code))


def level(quiet: bool, verbose: bool) -> int:
    """-q / default / -v (see render.Diagnostics); both at once is a usage error."""
    if quiet and verbose:
        usage("-q and -v do not go together")
    return render.QUIET if quiet else render.VERBOSE if verbose else render.NORMAL


def policy(strict: bool, fail_on: Optional[str], allow_broaden: bool, no_carry: bool) -> Policy:
    floor = Severity.WARNING if strict else None
    if fail_on:
        try:
            floor = Severity(fail_on.lower())
        except ValueError:
            usage(f"--fail-on takes info, warning or error, not {fail_on!r}")
    return Policy(fail_on=floor, allow_broaden=allow_broaden, carry=not no_carry)


def stdin() -> bytes:
    """Standard input, which must hold something: an empty pipe is an error (exit 3), not an empty agent."""
    from ..errors import ParseError
    from ..limits import MAX_FILE_BYTES, LimitError

    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)  # bounded like a file: never read an endless pipe whole
    if len(data) > MAX_FILE_BYTES:
        raise problem("stdin-too-large", file="<stdin>", most=MAX_FILE_BYTES)
    if not data.strip():
        raise problem("stdin-empty", file="<stdin>")
    return data


def cwd_exists() -> None:
    """Every command first: a deleted current directory is one usage line, not a later, less clear failure."""
    import os

    try:
        os.getcwd()
    except FileNotFoundError:  # every relative path (the default repository ".") would fail later, less clearly
        usage("the current directory no longer exists (deleted?); cd to an existing one")


def is_dialect(name: str) -> bool:
    """``name`` names a dialect (a package format never does): asked without loading the package machinery."""
    from .. import registry

    try:
        registry.get(name)
    except AgentconvError:
        return False
    return True
