"""``agentconv migrate`` and ``agentconv sync`` without typer: the commands themselves, and ``parse`` for the
command lines they take.

Both run over whole repositories and in CI on every push, and importing typer (click and all) took about 60 ms of
their start-up. ``parse`` reads a command line made only of the command's own options (``argv.py``), and the entry
point runs it here; any other line (``--help``, ``-qv``, ``--jobs x``, no ``--to`` ...) gives None and goes through
typer (``app.py``), which calls the same function. Each returns nothing: its end is ``SystemExit(code)``.
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)

from ..errors import AgentconvError, ExitCode
from . import render
from .argv import Options, parse as _parse
from .common import fail, is_dialect, level as _level, not_for_packages, policy as _policy, usage

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, List, Optional

_LEVELS = {"--quiet": "quiet", "-q": "quiet", "--verbose": "verbose", "-v": "verbose"}
MIGRATE = Options(
    {"--to": "to", "-t": "to", "--from": "from_", "-f": "from_", "--out": "out", "-o": "out", "--jobs": "jobs",
     "-j": "jobs", "--file": "files", "--scope": "scope", "--clients": "clients"},
    {"--dry-run": "dry_run", "--diff": "diff", "--force": "force", "--prefix-collisions": "prefix_collisions",
     "--strict": "strict", "--allow-broaden": "allow_broaden", "--no-carry": "no_carry", "--json": "as_json",
     "--shared": "shared", **_LEVELS},
    "repo", required=("to",), many=("to", "files"), paths=("repo", "out", "files"), ints=("jobs",))
SYNC = Options(
    {"--to": "to", "-t": "to", "--from": "from_", "-f": "from_", "--scope": "scope", "--jobs": "jobs", "-j": "jobs"},
    {"--check": "check", "--force": "force", "--json": "as_json", **_LEVELS},
    "repo", many=("to",), paths=("repo",), ints=("jobs",))
"""The options of each (typer declares the same in app.py; tests/test_startup.py compares)."""


def parse(argv: list[str]) -> dict[str, Any] | None:
    """``migrate``'s or ``sync``'s arguments as typer would give them, or None: let typer parse the line."""
    return _parse(argv, argv[0], MIGRATE if argv[0] == "migrate" else SYNC) if argv[:1] in (["migrate"], ["sync"]) \
        else None


def migrate(repo: Optional[Path] = None, to: List[str] = (), from_: Optional[str] = None, out: Optional[Path] = None,
            dry_run: bool = False, diff: bool = False, jobs: Optional[int] = None, force: bool = False,
            prefix_collisions: bool = False, strict: bool = False, allow_broaden: bool = False,
            no_carry: bool = False, as_json: bool = False, files: List[Path] = (), scope: str = "project",
            shared: bool = False, quiet: bool = False, verbose: bool = False, clients: Optional[str] = None) -> None:
    """Convert every agent in a repository to other dialects: planned, atomic, idempotent."""
    from .. import migration as mig

    if dry_run and diff:
        usage("--dry-run and --diff do not go together")
    _check_jobs(jobs)
    level = _level(quiet, verbose)
    policy = _policy(strict, None, allow_broaden, no_carry)
    mode = "plan" if dry_run else "diff" if diff else "write"
    wanted = _targets(to)
    if _packaged(wanted, clients):
        from .. import packages

        if len(wanted) != 1 or not packages.is_format(wanted[0]):
            usage(f"a package target ({', '.join(packages.FORMATS)}) is migrated alone, and --clients goes with it")
        if wanted[0] == "agent-plugins" and not clients:
            usage(f"--to agent-plugins needs --clients (a comma list of {', '.join(packages.clients())})")
        not_for_packages(("--scope", scope != "project"), ("--shared", shared), ("--file", bool(files)),
                         ("--prefix-collisions", prefix_collisions))
        try:
            outcome = packages.migrate(repo, wanted[0], clients_=[c.strip() for c in (clients or "").split(",") if c.strip()],
                                       out=out, mode=mode, force=force, policy=policy)
        except AgentconvError as exc:
            fail(exc, as_json, "migrate")
        render.outcome(outcome, as_json, mode, level)
        raise SystemExit(outcome.summary.exit_code())
    try:
        with render.progress(as_json) as tick:
            outcome = mig.migrate(repo, _targets(to), from_=from_, out=out, mode=mode, force=force, jobs=jobs,
                                  policy=policy, files=list(files), prefix_collisions=prefix_collisions, progress=tick,
                                  scope=scope, shared=shared,
                                  keep_losses=True if as_json or level >= render.VERBOSE else
                                  "warning" if level == render.NORMAL else "error")
    except AgentconvError as exc:
        fail(exc, as_json, "migrate")
    render.outcome(outcome, as_json, mode, level)
    raise SystemExit(outcome.summary.exit_code())


def _check_jobs(jobs: Optional[int]) -> None:
    if jobs is not None and jobs < 1:
        usage(f"--jobs must be at least 1, not {jobs}")


def sync(repo: Optional[Path] = None, check: bool = False, to: List[str] = (), from_: Optional[str] = None,
         force: bool = False, as_json: bool = False, scope: str = "project", jobs: Optional[int] = None,
         quiet: bool = False, verbose: bool = False) -> None:
    """Keep generated dialects in step with the source one (configured in .agentconv.toml): regenerate what is
    stale, remove what agentconv wrote from a source that is gone."""
    from .. import migration as mig
    from ..loss import Policy
    from .config import load

    _check_jobs(jobs)
    level = _level(quiet, verbose)
    try:
        cfg = load(_config_root(repo, scope), warn=level >= render.NORMAL)
    except AgentconvError as exc:
        fail(exc, as_json, "sync")
    targets = _targets(to) or cfg.get("to", [])
    source = from_ or cfg.get("from")
    if not targets or not source:
        usage("sync needs --from and --to (or `from`/`to` in .agentconv.toml)")
    policy = Policy(allow_broaden=bool(cfg.get("allow_broaden", False)))
    try:
        outcome = mig.migrate(repo, targets, from_=source, mode="check" if check else "write", policy=policy,
                              force=force, remove_orphans=True, scope=scope, jobs=jobs)
    except AgentconvError as exc:
        fail(exc, as_json, "sync")
    if check:  # stale: sync updates it (exit 9); failed, colliding or kept: sync would too (exit 8, as sync's own)
        said = [r for r in outcome.records if r.status in ("stale", "failed", "collision", "kept")]
        stale = sum(r.status == "stale" for r in said)
        code = int(ExitCode.STALE) if stale else int(ExitCode.PARTIAL) if said else 0
        if as_json:
            render.emit(render.document("sync", code, **outcome.to_json()))
        out = render.Diagnostics(level)
        for r in said:
            out.error(render.hinted(r.error or "", r.remedy), r.source, r.target,
                      label="stale" if r.status == "stale" else "error")
        out.flush()
        if not as_json:
            fix = "; run `agentconv sync` to update them" if stale else ""
            cannot = f"; {len(said) - stale} that sync cannot write (above)" if len(said) > stale else ""
            out.summary(f"{len(outcome.records)} targets checked: {stale} out of sync{fix}{cannot}")
        raise SystemExit(code)
    render.outcome(outcome, as_json, "write", level, command="sync")
    raise SystemExit(outcome.summary.exit_code())


def _config_root(repo: Optional[Path], scope: str) -> Path:
    """Where .agentconv.toml is read: the repository, or the home folder at user scope."""
    from pathlib import Path

    if repo is not None or scope != "user":
        return repo or Path(".")
    from ..scopes import home

    return home()


def _targets(to: List[str]) -> list[str]:
    return [t.strip() for item in to for t in item.split(",") if t.strip()]


def _packaged(wanted: list[str], clients: Optional[str]) -> bool:
    """A package target (or --clients) is asked for; a dialect's name never loads the package machinery (packages/)."""
    odd = [t for t in wanted if not is_dialect(t)]
    if clients is None and not odd:
        return False
    from .. import packages

    return clients is not None or any(map(packages.is_format, odd))
