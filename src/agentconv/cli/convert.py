"""``agentconv convert`` without typer: the command itself, and ``parse`` for the command lines it takes.

``agentconv convert FILE --to copilot`` runs in editors and pre-commit hooks on every save, and importing typer
(click and all) took about a third of its start-up. ``parse`` reads a command line made only of convert's own
options (``argv.py``), and the entry point runs it here; any other line (``--help``, ``-qv``, an option twice, no
``--to`` ...) gives None and goes through typer (``app.py``), which calls the same ``run``.
"""
from __future__ import annotations

import os
import sys
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, List, Optional

from ..errors import AgentconvError, NoRecords, problem
from . import render
from .argv import Options, parse as _parse
from .common import fail, is_dialect as _is_dialect, level as _level, not_for_packages, policy as _policy, stdin, usage

if TYPE_CHECKING:
    from pathlib import Path

VALUES = {"--to": "to", "-t": "to", "--from": "from_", "-f": "from_", "--out": "out", "-o": "out",
          "--fail-on": "fail_on", "--report-json": "report_json", "--clients": "clients", "--scope": "scope"}
"""Convert's options that take a value (typer declares the same in app.py; tests/test_startup.py compares)."""
FLAGS = {"--strict": "strict", "--allow-broaden": "allow_broaden", "--no-carry": "no_carry", "--force": "force",
         "--prefix-collisions": "prefix_collisions", "--shared": "shared",
         "--json": "as_json", "--quiet": "quiet", "-q": "quiet", "--verbose": "verbose", "-v": "verbose"}
OPTIONS = Options(VALUES, FLAGS, "sources", required=("to", "sources"), paths=("out", "report_json"))


def parse(argv: list[str]) -> dict[str, Any] | None:
    """``run``'s arguments for ``convert SRC... OPTIONS`` as typer would give them, or None: let typer parse it."""
    return _parse(argv, "convert", OPTIONS)


def run(sources: List[str], to: str, from_: Optional[str] = None, out: Optional[Path] = None, strict: bool = False,
        fail_on: Optional[str] = None, report_json: Optional[Path] = None, allow_broaden: bool = False,
        no_carry: bool = False, force: bool = False, as_json: bool = False, quiet: bool = False,
        verbose: bool = False, prefix_collisions: bool = False, clients: Optional[str] = None,
        scope: str = "project", shared: bool = False) -> None:
    """Convert agent files to another dialect (returns on success; any other end is ``SystemExit(code)``)."""
    from .. import api, registry

    level = _level(quiet, verbose)
    policy = _policy(strict, fail_on, allow_broaden, no_carry)
    placed = scope != "project" or shared
    if report_json is not None and str(report_json) != "-":
        _report_path_ok(report_json, sources, force, as_json)
    if clients is not None or not _is_dialect(to):  # a dialect's name never loads the package machinery (packages/)
        from .. import packages

        if packages.is_format(to) or clients is not None:
            not_for_packages(("--scope", scope != "project"), ("--shared", shared))
            _package(sources, to, from_, out, policy, force, as_json, level, report_json, clients)
            return
    try:
        to = registry.name_of(to)
        if from_:
            registry.get(from_)
        if placed:
            out = _placed_root(to, scope, out)
    except AgentconvError as exc:
        fail(exc, as_json, "convert")
    single = len(sources) == 1 and (sources[0] == "-" or not os.path.isdir(sources[0] or ".")) and not placed
    if out is not None and str(out) == "-":  # -o -: standard output, as without -o
        if not single:
            usage("-o - (standard output) takes one file; several files or a directory need an output directory")
        out = None
    to_file = out is not None and _file_like(out)
    if report_json is not None and str(report_json) == "-" and (as_json or single and out is None):
        usage("--report-json - and the output would share standard output: use -o, or --json alone")
    if to_file and not single:
        usage(f"{out}: -o names a file; several files or a directory need an output directory")
    if single and (out is None or to_file):
        src = sources[0]
        try:
            result = (api.convert_text(stdin(), to, from_=from_, policy=policy, route=True) if src == "-"
                      else api.convert(src, to, from_=from_, policy=policy, route=True))
            if to_file:
                _write_file(out, result.text, src, force)
        except NoRecords as exc:  # nothing to convert, and not an error
            sys.stderr.write(f"{src}: skipped: {exc.message}\n")
            return
        except AgentconvError as exc:
            row = render.convert_row(src, to, error=exc)
            if report_json is not None:
                render.write_report(report_json, render.convert_doc([row], int(exc.exit_code)))
            if as_json:
                render.emit(render.convert_doc([row], int(exc.exit_code)))
            render.fail_line(exc)
            raise SystemExit(int(exc.exit_code))
        row = render.convert_row(src, to, result=result, target=str(out) if to_file else None)
        if report_json is not None:
            render.write_report(report_json, render.convert_doc([row], 0))
        if as_json:
            render.emit(render.convert_doc([{**row, "text": result.text} if not to_file else row], 0))
            return
        if not to_file:
            sys.stdout.write(result.text)
            sys.stdout.flush()
        render.single(src, result, level)
        return
    if out is None:
        usage("several files or a directory need --out DIR")
    if out.exists() and not out.is_dir():
        usage(f"{out}: --out must be a directory")
    if "-" in sources:
        usage("'-' (standard input) cannot be mixed with --out batches")
    from ..batch import convert_many

    tally = render.batch(convert_many(sources, to, out, from_=from_, policy=policy, force=force,
                                      prefix_collisions=prefix_collisions, scope=scope, shared=shared), as_json, level,
                         keep_rows=report_json is not None, to=to)
    if report_json is not None:
        render.write_report(report_json, render.convert_doc(tally.rows, tally.exit_code(), tally))
    raise SystemExit(tally.exit_code())


def _placed_root(to: str, scope: str, out: Optional[Path]) -> Path:
    """The output root of ``--scope``/``--shared``, checked as ``migrate`` checks it (``scopes.check``): -o DIR, or
    at user scope the home folder; never standard output or one file, since the scope names each file's path."""
    from pathlib import Path

    from .. import scopes

    scopes.check([to], scope)
    if out is None and scope == "user":
        return scopes.home()
    if out is None or str(out) == "-" or _file_like(Path(out)):
        usage("--scope and --shared put each file at its path below an output folder: name it with -o DIR"
              + ("" if out is None else ", not a file or standard output"))
    return Path(out)


def _file_like(out: Path) -> bool:
    """``-o x.agent.md``: a path that is no directory and ends like an agent file names one output file."""
    from ..batch import SUFFIXES

    return not out.is_dir() and out.name.lower().endswith(SUFFIXES)


def _write_file(out: Path, text: str, src: str, force: bool) -> None:
    from pathlib import Path

    from ..batch import write_atomic
    from ..errors import OutputError

    if src != "-" and out.resolve() == Path(src).resolve():
        raise problem("output-is-a-source", file=str(out))
    try:
        write_atomic(out, text, force=force)
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc), file=str(out)) from None


def _report_path_ok(path: Path, sources: List[str], force: bool, as_json: bool) -> None:
    """--report-json never replaces a file without --force, and never a source."""
    from ..errors import OutputError

    if any(os.path.realpath(path) == os.path.realpath(s) for s in sources if s != "-"):
        fail(problem("report-over-a-source", file=str(path)), as_json, "convert")
    if (path.exists() or path.is_symlink()) and not force:
        fail(problem("report-exists", file=str(path)), as_json, "convert")


def _package(sources: List[str], to: str, from_: Optional[str], out: Optional[Path], policy: Any, force: bool,
             as_json: bool, level: int, report_json: Optional[Path], clients: Optional[str]) -> None:
    """``convert PLUGIN --to agent-plugins --clients ... -o OUT``: whole packages (packages/)."""
    from .. import packages

    if not packages.is_format(to):
        usage(f"--clients goes with a package target (--to {' or --to '.join(packages.FORMATS)})")
    if out is None or str(out) == "-":
        usage("a package is a folder: name it with -o DIR")
    if out.exists() and not out.is_dir():
        usage(f"{out}: -o must be a directory")
    if to == "agent-plugins" and not clients:
        usage(f"--to agent-plugins needs --clients (a comma list of {', '.join(packages.clients())})")
    wanted = [c.strip() for c in (clients or "").split(",") if c.strip()]

    def rows():
        for src in sources:
            fmt = from_ or packages.detect(src)
            if not packages.is_format(fmt):
                usage(f"{src}: not a package (a folder with plugin.json, .claude-plugin/ or agents/); --from "
                      f"{' or '.join(packages.FORMATS)} names it")
            yield from packages.convert_package(src, to, out, clients_=wanted, from_=fmt, policy=policy, force=force)

    try:
        tally = render.batch(rows(), as_json, level, keep_rows=report_json is not None, to=to)
    except AgentconvError as exc:
        fail(exc, as_json, "convert")
    if report_json is not None:
        render.write_report(report_json, render.convert_doc(tally.rows, tally.exit_code(), tally))
    raise SystemExit(tally.exit_code())
