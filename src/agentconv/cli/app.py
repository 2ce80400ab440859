"""typer commands. Each parses, calls one library function, renders (text, or JSON with --json)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from .. import __version__
from ..errors import AgentconvError, ExitCode, UsageError
from ..loss import Severity
from . import render
from .common import cwd_exists, fail as _fail, level as _level, stdin as _stdin, usage as _usage

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Convert AI-agent definition files between dialects (Claude Code, Copilot, OpenCode, ...).\n\n"
         "Examples:\n\n"
         "  agentconv convert .claude/agents/reviewer.md --to copilot\n\n"
         "  agentconv convert .claude/agents --to opencode -o out/\n\n"
         "  cat agent.md | agentconv convert - --from claude --to copilot\n\n"
         "  agentconv detect agents/*.md",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"agentconv {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """agentconv: one IR, many dialects, nothing lost silently."""
    cwd_exists()


def named_shell(option: str, shell: str) -> None:
    """``--show-completion SHELL`` / ``--install-completion SHELL`` (README): typer's flags take no value and ask
    shellingham for the shell among the parent processes, so ``--show-completion fish`` printed the bash script under
    bash, and with no shell among them (a backgrounded or double-forked run) "Shell  not supported" (exit 1), the shell
    named ignored. The shell named is used; the bare flags stay typer's (the current shell)."""
    from typer._completion_shared import Shells, get_completion_script, install  # typer 0.26-0.28 (pyproject)

    shells = [s.value for s in Shells]
    if shell not in shells:
        _usage(f"{option}: no completion for shell {shell!r} (one of {', '.join(shells)})")
    if option == "--show-completion":
        typer.echo(get_completion_script(prog_name="agentconv", complete_var="_AGENTCONV_COMPLETE", shell=shell))
        return
    done, path = install(shell=shell, prog_name="agentconv", complete_var="_AGENTCONV_COMPLETE")
    typer.secho(f"{done} completion installed in {path}", fg="green")
    typer.echo("Completion will take effect once you restart the terminal")


def _dialect_ids(incomplete: str) -> list[str]:
    """Shell completion of --to/--from/--dialect: the registered ids (plugins too)."""
    from .. import registry

    return [d.id for d in registry.all_dialects() if d.id.startswith(incomplete)]


def _quiet() -> bool:
    return typer.Option(False, "--quiet", "-q", help="Only errors on stderr (no warnings, no summary).")


def _verbose() -> bool:
    return typer.Option(False, "--verbose", "-v", help="Also info-level items, every occurrence on its own line.")


@app.command()
def convert(
    sources: List[str] = typer.Argument(..., metavar="SRC...", help="Files, directories, or - for standard input."),
    to: str = typer.Option(..., "--to", "-t", help="Target dialect id (see `agentconv dialects`).",
                    autocompletion=_dialect_ids),
    from_: Optional[str] = typer.Option(None, "--from", "-f", help="Source dialect; detected when omitted.",
                                        autocompletion=_dialect_ids),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output directory (needed for several files): each "
                                       "source's outputs below its own folder of the input's (a plugin's, a nested "
                                       "project's), a single project's at the top."),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 5) on any warning-level loss."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Fail on losses at this severity: info|warning|error."),
    report_json: Optional[Path] = typer.Option(None, "--report-json", help="Write the loss report as JSON here."),
    allow_broaden: bool = typer.Option(False, "--allow-broaden", help="Accept a wider tool grant where the target cannot say it exactly."),
    no_carry: bool = typer.Option(False, "--no-carry", help="Do not keep unsupported fields in a side-channel comment."),
    force: bool = typer.Option(False, "--force", help="Replace existing output files."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON on stdout."),
    quiet: bool = _quiet(),
    verbose: bool = _verbose(),
    prefix_collisions: bool = typer.Option(False, "--prefix-collisions",
                                           help="Resolve two sources wanting one target by prefixing the folder name."),
    clients: Optional[str] = typer.Option(None, "--clients",
                                          help="With --to agent-plugins: the clients whose agents the package holds "
                                               "(comma list: copilot,claude,codex,kiro,cursor)."),
    scope: str = typer.Option("project", "--scope",
                              help="project: each file at its repository path below -o DIR; user: at its user-level "
                                   "path (~/.copilot/agents ...) below -o DIR, by default the home folder."),
    shared: bool = typer.Option(False, "--shared",
                                help="Write to the folder several tools read (.agents/skills/) where a dialect has one."),
) -> None:
    """Convert agent files to another dialect, or a whole plugin to another package format."""
    from .convert import run

    run(sources, to, from_, out, strict, fail_on, report_json, allow_broaden, no_carry, force, as_json, quiet, verbose,
        prefix_collisions, clients, scope, shared)


@app.command()
def detect(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="Files or directories to identify, or - for standard input."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
    quiet: bool = _quiet(),
    verbose: bool = _verbose(),
) -> None:
    """Say which dialect each file is in: id, confidence, evidence."""
    from .. import api

    from ..batch import discover

    out = render.Diagnostics(_level(quiet, verbose))
    rows, code = [], 0
    skips: list[tuple[str, str]] = []  # files below a directory that are no agents (instructions ...), as convert says
    found = [("-", None) if f == "-" else (str(e.path), e.problem) for f in files
             for e in ([None] if f == "-" else discover([f], on_skip=lambda p, why: skips.append((str(p), why))))]
    files = [f for f, _ in found]
    for f, problem in found:
        if problem is not None:  # a link out of the directory it was found in: not read
            rows.append({"file": f, "error": f"{f}: {problem}"})
            out.error(f"{f}: {problem}", f)
            code = code or int(ExitCode.PARSE)
            continue
        try:
            det = api.detect_text(_stdin()) if f == "-" else api.detect(f)
        except AgentconvError as exc:
            rows.append({"file": f, "error": render.error_text(exc)})
            out.error(render.error_text(exc), f)
            code = code or int(exc.exit_code)
            continue
        if det.dialect is None:
            out.error(det.problem or f + ": no dialect fits", f)
            code = code or int(ExitCode.UNKNOWN_DIALECT)
        rows.append({"file": f, **det.to_json()})
        if not as_json and det.dialect:
            note = "  AMBIGUOUS" if det.ambiguous else ""
            sys.stdout.write(f"{det.dialect}  {det.confidence:.2f}  {f}{note}  ({'; '.join(det.evidence)})\n")
    for f, why in skips:
        rows.append({"file": f, "skipped": why})
        out.note(f"{f}: skipped: {why}", f)
    if as_json:
        render.emit(render.document("detect", code, files=rows))
    out.flush()
    if len(files) + len(skips) > 1 or skips:
        found, total = sum(1 for r in rows if r.get("dialect")), len(files) + len(skips)
        out.summary(f"{total} file{'s' if total != 1 else ''}: {found} detected" + (f", {len(files) - found} not" if found <
                    len(files) else "") + (f", {len(skips)} skipped (no agents; -v says what each is)" if skips else ""))
    raise typer.Exit(code)


@app.command()
def dialects(as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
             quiet: bool = _quiet(), verbose: bool = _verbose()) -> None:
    """List the dialects and what each can express, and the package formats."""
    from .. import catalogue

    found = catalogue.describe()
    if as_json:
        render.emit(render.document("dialects", 0, **found))
    else:
        render.table(found["dialects"], found["packages"])
    if _level(quiet, verbose) >= render.NORMAL:
        for name, why in found["broken"].items():
            typer.echo(f"agentconv: warning: plugin {name} not loaded: {why}", err=True)


def _scope() -> Any:
    return typer.Option("project", "--scope", help="project: the repository; user: the user-level folders below the "
                        "home folder (~/.claude/agents, ~/.copilot/agents ...), manifest in ~/.agentconv/.")


def _jobs() -> Any:
    return typer.Option(None, "--jobs", "-j",
                        help="Processes that convert, at least 1 (default and most: the usable cores; 1: no pool).")


@app.command()
def migrate(
    repo: Optional[Path] = typer.Argument(None, help="Repository root (default: the current directory)."),
    to: List[str] = typer.Option(..., "--to", "-t", help="Target dialect(s): repeat, or a comma list.",
                                 autocompletion=_dialect_ids),
    from_: Optional[str] = typer.Option(None, "--from", "-f", help="Only sources in this dialect.",
                                        autocompletion=_dialect_ids),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output root (default: the repository itself)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan; write nothing."),
    diff: bool = typer.Option(False, "--diff", help="Print unified diffs of what would change; write nothing."),
    jobs: Optional[int] = _jobs(),
    force: bool = typer.Option(False, "--force", help="Replace targets agentconv did not write (or that were edited)."),
    prefix_collisions: bool = typer.Option(False, "--prefix-collisions",
                                           help="Resolve two sources wanting one target by prefixing the folder name."),
    strict: bool = typer.Option(False, "--strict", help="Fail a file on any warning-level loss."),
    allow_broaden: bool = typer.Option(False, "--allow-broaden", help="Accept a wider tool grant where needed."),
    no_carry: bool = typer.Option(False, "--no-carry", help="Do not keep unsupported fields in a side channel."),
    as_json: bool = typer.Option(False, "--json", help="One JSON document on stdout (see the README)."),
    files: List[Path] = typer.Option([], "--file", help="Also convert this file (outside the known places)."),
    scope: str = _scope(),
    shared: bool = typer.Option(False, "--shared",
                                help="Write to the folder several tools read (.agents/skills/) where a dialect has one."),
    quiet: bool = _quiet(),
    verbose: bool = _verbose(),
    clients: Optional[str] = typer.Option(None, "--clients",
                                          help="With --to agent-plugins: the clients whose agents each package holds."),
) -> None:
    """Convert every agent in a repository to other dialects: planned, atomic, idempotent."""
    from .migrate import migrate as run

    run(repo, to, from_, out, dry_run, diff, jobs, force, prefix_collisions, strict, allow_broaden, no_carry, as_json,
        files, scope, shared, quiet, verbose, clients)


@app.command()
def sync(
    repo: Optional[Path] = typer.Argument(None, help="Repository root (default: the current directory)."),
    check: bool = typer.Option(False, "--check", help="Only check: exit 9 when a generated file is missing or stale."),
    to: List[str] = typer.Option([], "--to", "-t", help="Target dialect(s); default from .agentconv.toml."),
    from_: Optional[str] = typer.Option(None, "--from", "-f", help="Source dialect; default from .agentconv.toml."),
    force: bool = typer.Option(False, "--force", help="Also replace (or remove) generated files edited by hand."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    scope: str = _scope(),
    jobs: Optional[int] = _jobs(),
    quiet: bool = _quiet(),
    verbose: bool = _verbose(),
) -> None:
    """Keep generated dialects in step with the source one (configured in .agentconv.toml): regenerate what is
    stale, remove what agentconv wrote from a source that is gone."""
    from .migrate import sync as run

    run(repo, check, to, from_, force, as_json, scope, jobs, quiet, verbose)


@app.command()
def validate(
    paths: List[str] = typer.Argument(..., metavar="FILE|DIR...", help="Files, directories, or - for standard input."),
    dialect: Optional[str] = typer.Option(None, "--dialect", "-d", help="Check against this dialect; detected when omitted.",
                                          autocompletion=_dialect_ids),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
    quiet: bool = _quiet(),
    verbose: bool = _verbose(),
) -> None:
    """Check files against their dialect's rules: FILE:LINE: severity [rule] message. Exit 10 on any error."""
    from .. import validate as val

    level = _level(quiet, verbose)
    findings: list[Any] = []
    try:
        for p in paths:
            findings += (val.validate_text(_stdin(), dialect) if p == "-" else val.validate(p, dialect))
    except AgentconvError as exc:
        _fail(exc, as_json, "validate")
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
    if as_json:
        render.emit(render.document("validate", int(ExitCode.VALIDATION) if errors else 0,
                                    findings=[f.to_json() for f in findings],
                                    summary={"errors": errors, "warnings": warnings}))
    else:  # one finding a line on stdout, as linters do; -q: errors only; -v: infos too
        floor = {render.QUIET: 2, render.NORMAL: 1}.get(level, 0)
        for f in findings:
            if f.severity.rank >= floor:
                sys.stdout.write(f"{f}\n")
        if level >= render.NORMAL:
            typer.echo(f"{len(paths)} checked: {errors} error{'s' if errors != 1 else ''}, "
                       f"{warnings} warning{'s' if warnings != 1 else ''}", err=True)
    raise typer.Exit(int(ExitCode.VALIDATION) if errors else 0)


@app.command()
def explain(
    codes: List[str] = typer.Argument(None, metavar="[CODE...]", help="Loss codes (tool-unmapped, ...); none: all of them."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
    quiet: bool = _quiet(),
    verbose: bool = _verbose(),
) -> None:
    """What a loss code means and what to do about it (docs/reference/losses.md has them all)."""
    import difflib

    from .. import docs

    _level(quiet, verbose)
    table = docs.loss_codes()
    for code in codes or []:
        if code not in table:
            near = difflib.get_close_matches(code, table, n=1)
            _usage(f"unknown loss code {code!r}" + (f"; did you mean {near[0]!r}?" if near else f" (known: {', '.join(table)})"))
    chosen = codes or list(table)
    if as_json:
        render.emit(render.document("explain", 0, codes=[{"code": c, **table[c]} for c in chosen]))
        return
    sys.stdout.write("\n".join(docs.explain(c) for c in chosen))
