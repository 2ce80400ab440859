"""typer commands. Each parses, calls one library function, renders (text, or JSON with --json)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .. import __version__
from ..errors import AgentconvError, ExitCode
from ..loss import Policy, Severity
from . import render

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


def _fail(exc: AgentconvError, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"error": str(exc), "exit_code": int(exc.exit_code)}))
    typer.echo(f"agentconv: error: {exc}", err=True)
    raise typer.Exit(int(exc.exit_code))


def _quiet() -> bool:
    return typer.Option(False, "--quiet", "-q", help="Only errors on stderr (no warnings, no summary).")


def _verbose() -> bool:
    return typer.Option(False, "--verbose", "-v", help="Also info-level items, every occurrence on its own line.")


def _level(quiet: bool, verbose: bool) -> int:
    """-q / default / -v (see render.Diagnostics); both at once is a usage error."""
    if quiet and verbose:
        typer.echo("agentconv: error: -q and -v do not go together", err=True)
        raise typer.Exit(int(ExitCode.USAGE))
    return render.QUIET if quiet else render.VERBOSE if verbose else render.NORMAL


def _policy(strict: bool, fail_on: Optional[str], allow_broaden: bool, no_carry: bool) -> Policy:
    level = Severity.WARNING if strict else None
    if fail_on:
        try:
            level = Severity(fail_on.lower())
        except ValueError:
            typer.echo(f"agentconv: error: --fail-on takes info, warning or error, not {fail_on!r}", err=True)
            raise typer.Exit(int(ExitCode.USAGE))
    return Policy(fail_on=level, allow_broaden=allow_broaden, carry=not no_carry)


@app.command()
def convert(
    sources: List[str] = typer.Argument(..., metavar="SRC...", help="Files, directories, or - for standard input."),
    to: str = typer.Option(..., "--to", "-t", help="Target dialect id (see `agentconv dialects`)."),
    from_: Optional[str] = typer.Option(None, "--from", "-f", help="Source dialect; detected when omitted."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output directory (needed for several files)."),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 5) on any warning-level loss."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Fail on losses at this severity: info|warning|error."),
    report_json: Optional[Path] = typer.Option(None, "--report-json", help="Write the loss report as JSON here."),
    allow_broaden: bool = typer.Option(False, "--allow-broaden", help="Accept a wider tool grant where the target cannot say it exactly."),
    no_carry: bool = typer.Option(False, "--no-carry", help="Do not keep unsupported fields in a side-channel comment."),
    force: bool = typer.Option(False, "--force", help="Replace existing output files."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON on stdout."),
    quiet: bool = _quiet(),
    verbose: bool = _verbose(),
) -> None:
    """Convert agent files to another dialect."""
    from .. import api, registry
    from ..batch import convert_many

    level = _level(quiet, verbose)
    policy = _policy(strict, fail_on, allow_broaden, no_carry)
    try:
        registry.get(to)
        if from_:
            registry.get(from_)
    except AgentconvError as exc:
        _fail(exc, as_json)
    single = len(sources) == 1 and (sources[0] == "-" or not Path(sources[0]).is_dir())
    if single and out is None:
        src = sources[0]
        try:
            data = sys.stdin.buffer.read() if src == "-" else Path(src)
            result = api.convert(data, to, from_=from_, path=None if src == "-" else src, policy=policy)
        except AgentconvError as exc:
            if report_json is not None and getattr(exc, "report", None) is not None:
                render.write_report(report_json, [{"source": src, "error": str(exc), "exit_code": int(exc.exit_code),
                                                   "losses": exc.report.to_json()}])
            _fail(exc, as_json)
        if report_json is not None:
            render.write_report(report_json, [{"source": src, "losses": result.report.to_json()}])
        if as_json:
            typer.echo(json.dumps({"source": src, "from": result.source, "to": result.target, "path": result.path,
                                   "text": result.text, "losses": result.report.to_json()}, ensure_ascii=False))
        else:
            sys.stdout.write(result.text)
            sys.stdout.flush()
            render.single(src, result, level)
        return
    if out is None:
        typer.echo("agentconv: error: several files or a directory need --out DIR", err=True)
        raise typer.Exit(int(ExitCode.USAGE))
    if out.exists() and not out.is_dir():
        typer.echo(f"agentconv: error: {out}: --out must be a directory", err=True)
        raise typer.Exit(int(ExitCode.USAGE))
    if "-" in sources:
        typer.echo("agentconv: error: '-' (standard input) cannot be mixed with --out batches", err=True)
        raise typer.Exit(int(ExitCode.USAGE))
    tally = render.batch(convert_many(sources, to, out, from_=from_, policy=policy, force=force), as_json, level,
                         keep_rows=report_json is not None)
    if report_json is not None:
        render.write_report(report_json, tally.rows)
    raise typer.Exit(tally.exit_code())


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
    files = [f if f == "-" else str(p) for f in files for p in ([f] if f == "-" else discover([f]))]
    for f in files:
        try:
            det = api.detect(sys.stdin.buffer.read() if f == "-" else Path(f), path=None if f == "-" else f)
        except AgentconvError as exc:
            rows.append({"file": f, "error": str(exc)})
            out.error(str(exc), f)
            code = code or int(exc.exit_code)
            continue
        if det.dialect is None:
            out.error(det.problem or f + ": no dialect fits", f)
            code = code or int(ExitCode.UNKNOWN_DIALECT)
        rows.append({"file": f, **det.to_json()})
        if not as_json and det.dialect:
            note = "  AMBIGUOUS" if det.ambiguous else ""
            typer.echo(f"{det.dialect}  {det.confidence:.2f}  {f}{note}  ({'; '.join(det.evidence)})")
    if as_json:
        typer.echo(json.dumps(rows if len(files) > 1 else rows[0], ensure_ascii=False))
    out.flush()
    if len(files) > 1:
        found = sum(1 for r in rows if r.get("dialect"))
        out.summary(f"{len(files)} files: {found} detected" + (f", {len(files) - found} not" if found < len(files) else ""))
    raise typer.Exit(code)


@app.command()
def dialects(as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
             quiet: bool = _quiet(), verbose: bool = _verbose()) -> None:
    """List the dialects and what each can express."""
    from .. import registry

    rows = [render.dialect_row(d) for d in registry.all_dialects()]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
    else:
        render.table(rows)
    if _level(quiet, verbose) >= render.NORMAL:
        for name, why in registry.broken().items():
            typer.echo(f"agentconv: warning: plugin {name} not loaded: {why}", err=True)


def _targets(to: List[str]) -> list[str]:
    return [t.strip() for item in to for t in item.split(",") if t.strip()]


@app.command()
def migrate(
    repo: Path = typer.Argument(Path("."), help="Repository root (default: the current directory)."),
    to: List[str] = typer.Option(..., "--to", "-t", help="Target dialect(s): repeat, or a comma list."),
    from_: Optional[str] = typer.Option(None, "--from", "-f", help="Only sources in this dialect."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output root (default: the repository itself)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan; write nothing."),
    diff: bool = typer.Option(False, "--diff", help="Print unified diffs of what would change; write nothing."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: the machine's cores)."),
    force: bool = typer.Option(False, "--force", help="Replace targets agentconv did not write (or that were edited)."),
    prefix_collisions: bool = typer.Option(False, "--prefix-collisions",
                                           help="Resolve two sources wanting one target by prefixing the folder name."),
    strict: bool = typer.Option(False, "--strict", help="Fail a file on any warning-level loss."),
    allow_broaden: bool = typer.Option(False, "--allow-broaden", help="Accept a wider tool grant where needed."),
    no_carry: bool = typer.Option(False, "--no-carry", help="Do not keep unsupported fields in a side channel."),
    as_json: bool = typer.Option(False, "--json", help="One JSON document on stdout (see the README)."),
    files: List[Path] = typer.Option([], "--file", help="Also convert this file (outside the known places)."),
    quiet: bool = _quiet(),
    verbose: bool = _verbose(),
) -> None:
    """Convert every agent in a repository to other dialects: planned, atomic, idempotent."""
    from .. import migration as mig

    if dry_run and diff:
        typer.echo("agentconv: error: --dry-run and --diff do not go together", err=True)
        raise typer.Exit(int(ExitCode.USAGE))
    level = _level(quiet, verbose)
    policy = _policy(strict, None, allow_broaden, no_carry)
    mode = "plan" if dry_run else "diff" if diff else "write"
    try:
        with render.progress(as_json) as tick:
            outcome = mig.migrate(repo, _targets(to), from_=from_, out=out, mode=mode, force=force, jobs=jobs,
                                  policy=policy, files=files, prefix_collisions=prefix_collisions, progress=tick,
                                  keep_losses=True if as_json or level >= render.VERBOSE else
                                  "warning" if level == render.NORMAL else "error")
    except AgentconvError as exc:
        _fail(exc, as_json)
    render.outcome(outcome, as_json, mode, level)
    raise typer.Exit(outcome.summary.exit_code())


@app.command()
def sync(
    repo: Path = typer.Argument(Path("."), help="Repository root."),
    check: bool = typer.Option(False, "--check", help="Only check: exit 9 when a generated file is missing or stale."),
    to: List[str] = typer.Option([], "--to", "-t", help="Target dialect(s); default from .agentconv.toml."),
    from_: Optional[str] = typer.Option(None, "--from", "-f", help="Source dialect; default from .agentconv.toml."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    quiet: bool = _quiet(),
    verbose: bool = _verbose(),
) -> None:
    """Keep generated dialects in step with the source one (configured in .agentconv.toml)."""
    import tomllib

    from .. import migration as mig

    level = _level(quiet, verbose)
    cfg_path = repo / ".agentconv.toml"
    cfg = tomllib.loads(cfg_path.read_text("utf-8")) if cfg_path.exists() else {}
    targets = _targets(to) or list(cfg.get("to", []))
    source = from_ or cfg.get("from")
    if not targets or not source:
        typer.echo("agentconv: error: sync needs --from and --to (or `from`/`to` in .agentconv.toml)", err=True)
        raise typer.Exit(int(ExitCode.USAGE))
    policy = Policy(allow_broaden=bool(cfg.get("allow_broaden", False)))
    try:
        outcome = mig.migrate(repo, targets, from_=source, mode="check" if check else "write", policy=policy)
    except AgentconvError as exc:
        _fail(exc, as_json)
    if check:
        stale = [r for r in outcome.records if r.status in ("stale", "failed", "collision")]
        if as_json:
            typer.echo(json.dumps(outcome.to_json(), ensure_ascii=False))
        out = render.Diagnostics(level)
        for r in stale:
            out.error(r.error, r.source, r.target, label="stale" if r.status == "stale" else "error")
        out.flush()
        if not as_json:
            out.summary(f"{len(outcome.records)} targets checked: {len(stale)} out of sync")
        raise typer.Exit(int(ExitCode.STALE) if stale else 0)
    render.outcome(outcome, as_json, "write", level)
    raise typer.Exit(outcome.summary.exit_code())


@app.command()
def validate(
    paths: List[str] = typer.Argument(..., metavar="FILE|DIR...", help="Files, directories, or - for standard input."),
    dialect: Optional[str] = typer.Option(None, "--dialect", "-d", help="Check against this dialect; detected when omitted."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
    quiet: bool = _quiet(),
    verbose: bool = _verbose(),
) -> None:
    """Check files against their dialect's rules: FILE:LINE: severity [rule] message. Exit 10 on any error."""
    from .. import validate as val

    level = _level(quiet, verbose)
    findings: list = []
    try:
        for p in paths:
            findings += (val.validate(sys.stdin.buffer.read(), dialect) if p == "-" else val.validate(Path(p), dialect))
    except AgentconvError as exc:
        _fail(exc, as_json)
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    if as_json:
        typer.echo(json.dumps({"findings": [f.to_json() for f in findings], "errors": errors,
                               "warnings": len(findings) - errors}, ensure_ascii=False))
    else:  # one finding a line on stdout, as linters do; -q: errors only; -v: infos too
        floor = {render.QUIET: 2, render.NORMAL: 1}.get(level, 0)
        for f in findings:
            if f.severity.rank >= floor:
                typer.echo(str(f))
        if level >= render.NORMAL:
            warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
            typer.echo(f"{len(paths)} checked: {errors} error{'s' if errors != 1 else ''}, "
                       f"{warnings} warning{'s' if warnings != 1 else ''}", err=True)
    raise typer.Exit(int(ExitCode.VALIDATION) if errors else 0)
