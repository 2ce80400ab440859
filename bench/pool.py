"""agentconv benchmark by counts: how `agentconv migrate`'s pool shares its work between processes (issue 11).

    .venv/bin/python bench/pool.py                     # 2,000 corpus agents, callgrind, ~10-25 min under load
    .venv/bin/python bench/pool.py --n 500 --dir /dev/shm
    .venv/bin/python bench/pool.py --cpu               # CPU time per process and phase instead (fast, noisy)
    PYTHONPATH=OLD/src .venv/bin/python bench/pool.py  # another tree's code (run `python -m agentconv.warm` there)

For `migrate WORK --to copilot,opencode` with `--jobs 1` and with the default jobs (each on a fresh copy of the
repository bench/migrate.py builds, `--agents corpus` by default), each process's instructions (callgrind,
`--trace-children=yes`), cut into phases by markers the harness adds (`os.sched_yield()`, on which callgrind dumps;
nothing in agentconv calls it; the markers are this script's, not the project's):

- main `imports`: the interpreter, the command line and the library's imports, up to `migration.migrate` (the
  harness imports as `cli.main` does: `inspect` and `urllib.parse` deferred and the dataclasses' code cache installed
  first; the pool's module only when the pool is made);
- main `discover`: discovery up to the POOLED-th source, the lock (without a pool: all of discovery and the manifest);
- main `warm-up`: one source converted in memory before the fork (`_warm`), the pool made, up to the fork (the dump
  there zeroes the counters, so a worker starts from nothing);
- main `found`: from the fork to the pool's `run`: the rest of discovery, the manifest, `_once_found`;
- main `pooled`: its own chunks and the records it takes from the workers, up to its last record;
- main `after`: from the last record to `_migrate`'s return: `_OwnOutputs.own` (what it is told of each record is
  told as the record arrives, in `pooled`), routes, merge, `_resolve` (collisions,
  the journal, the renames, the manifest) and the summary;
- main `cli` and `exit`: the CLI's rendering, then the way out of `cli.entry` (the command's own entry point: flush,
  exit handlers, `os._exit`);
- each worker: all it does (its chunks, their records pickled; it ends with `os._exit`).

The serial part is all of main but `found` and `pooled` (no other process works meanwhile); the parallel part is
main's `found + pooled` beside each worker's total, and the imbalance is the difference (whoever finishes first waits
for the other at no instruction cost; a worker left without work while main is busy shows as main's larger share).
The critical path in instructions is serial + the largest parallel share; with `--jobs 1` it is the whole run. The
ratio `critical(default) / total(--jobs 1)` is what the bench's `default/--jobs 1` wall ratio follows on an idle
machine; the kernel's part (file creations, renames) is not in it: `--cpu` gives each process's system time (os.times,
10 ms ticks) beside its user time.

Also printed: the records and pickled bytes the workers send the main process (a separate run without valgrind that
pickles each chunk's result once more to measure it).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import migrate  # noqa: E402  (make_repo, work_root)
from common import PY  # noqa: E402

TARGETS = "copilot,opencode"

# The markers. In callgrind mode each is os.sched_yield() (dumped before: --dump-before=sched_yield); in --cpu mode
# each appends (pid, name, CPU ns of this process) to $POOL_MARKS. The fork marker runs in the parent, before the fork.
HARNESS = r"""import os, sys, time
MODE, OUT = os.environ["POOL_MODE"], os.environ["POOL_MARKS"]
def mark(name):
    t = os.times()
    with open(OUT, "a") as fh:
        fh.write(f"{os.getpid()} {name} {int(t.user * 1e9)} {int(t.system * 1e9)}\n")
    if MODE == "callgrind":
        os.sched_yield()
from agentconv import cli, dccode
cli._defer("inspect")  # as cli.main does before it imports a command: no `inspect`, no dataclass compiled again
getattr(cli, "_defer_url", lambda: None)()  # nor `urllib.parse` (since 2026-11-30; an older tree has no stand-in)
dccode.install()
import agentconv.migration as m
_fork = os.fork
def fork():
    mark("fork")
    return _fork()
os.fork = fork
def around(owner, name, before=None, after=None):
    real = getattr(owner, name)
    def wrapped(*a, **k):
        if before:
            mark(before)
        try:
            return real(*a, **k)
        finally:
            if after:
                mark(after)
    setattr(owner, name, wrapped)
around(m, "migrate", before="migrate")
_warm_ = m._warm
if hasattr(m, "_serve"):  # the worker's loop (its own pool, since 2026-11-30)
    around(m, "_serve", after="worker-end")
def warm(*a, **k):  # a tree of before then: concurrent.futures' pool, its module imported by then (only for a pool)
    if not hasattr(m, "_serve"):
        import concurrent.futures.process as cfp
        if not hasattr(cfp._process_worker, "marked"):
            around(cfp, "_process_worker", after="worker-end")
            cfp._process_worker.marked = True
    mark("warm")
    return _warm_(*a, **k)
m._warm = warm
around(m, "_migrate", after="migrated")
_run = m._Workers.run
def run(self, job, files):
    mark("run")
    yield from _run(self, job, files)
    mark("ran")
m._Workers.run = run
if MODE == "traffic":
    import pickle
    _sent = m._sent
    def sent(job, files):
        out = _sent(job, files)
        with open(os.environ["POOL_TRAFFIC"], "a") as fh:
            fh.write(f"{len(files)} {len(out)} {len(pickle.dumps(out))}\n")
        return out
    m._sent = sent
sys.argv = ["agentconv", "migrate", os.getcwd(), "--to", %r] + sys.argv[1:]
_main = cli.main
def main():
    try:
        _main()
    finally:
        mark("end")
cli.main = main
cli.entry()  # the command's own entry point (pyproject's script), with its way out
"""

LABEL = {"migrate": "imports", "warm": "discover", "fork": "warm-up", "run": "found", "ran": "pooled",
         "migrated": "after", "end": "cli", None: "exit"}
"""Main's phases, by the marker that ends each (None: the process's end). Without a pool, "run" ends discovery."""
PARALLEL = ("found", "pooled")


def _phases(names: list[str], values: list[int]) -> dict[str, int]:
    """Main's intervals (``values[i]`` ends at marker ``names[i]``, the last one at the process's end) by phase."""
    pooled = "fork" in names
    out: dict[str, int] = {}
    for i, v in enumerate(values):
        end = names[i] if i < len(names) else None
        label = "discover" if end == "run" and not pooled else LABEL.get(end, str(end))
        out[label] = out.get(label, 0) + v
    return out


def _marks(path: Path, part: str = "both") -> dict[int, list[tuple[str, int]]]:
    """Each process's markers in order, with its CPU ns at each: user+system, or ``part`` ("user", "system")."""
    got: dict[int, list[tuple[str, int]]] = {}
    for ln in path.read_text().splitlines():
        pid, name, user, system = ln.split()
        t = int(user) if part == "user" else int(system) if part == "system" else int(user) + int(system)
        got.setdefault(int(pid), []).append((name, t))
    return got


def _totals(path: str) -> int:
    for ln in Path(path).read_text(errors="replace").splitlines():
        if ln.startswith(("totals:", "summary:")):
            return int(ln.split()[1])
    return 0


def run_one(work: Path, out: Path, jobs: list[str], mode: str) -> tuple[dict[str, int], list[int], int]:
    """One migrate: main's phases and each worker's total, in instructions (callgrind) or CPU ns (cpu)."""
    out.mkdir(parents=True, exist_ok=True)
    marks = out / "marks"
    env = {**os.environ, "POOL_MODE": mode, "POOL_MARKS": str(marks), "PYTHONHASHSEED": "0"}
    if mode == "traffic":
        env["POOL_TRAFFIC"] = str(out / "traffic")
    cmd = [PY, "-c", HARNESS % TARGETS, *jobs]
    if mode == "callgrind":
        cmd = ["valgrind", "--tool=callgrind", "--trace-children=yes", "--dump-before=sched_yield",
               f"--callgrind-out-file={out}/cg.%p", *cmd]
    p = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
    if p.returncode not in (0, 8):
        print(p.stderr[-3000:], file=sys.stderr)
    by_pid = _marks(marks)
    main_pid = next(iter(by_pid))  # the first to mark: the main process (its first marker comes before any fork)
    names = [n for n, _ in by_pid[main_pid]]
    if mode == "callgrind":
        parts: dict[int, list[tuple[int, int]]] = {}
        for f in glob.glob(f"{out}/cg.*"):
            m = re.fullmatch(r"cg\.(\d+)(?:\.(\d+))?", os.path.basename(f))
            if m:  # the dumps are numbered from 1; the file without a number is the process's end
                parts.setdefault(int(m.group(1)), []).append((int(m.group(2) or 1 << 30), _totals(f)))
        values = [c for _, c in sorted(parts.pop(main_pid))]
        workers = [sum(c for _, c in ps) for _, ps in sorted(parts.items())]
    else:  # CPU ns between markers; a forked process's clock starts at 0; the interpreter's end is not seen
        ts = [t for _, t in by_pid[main_pid]]
        values = [b - a for a, b in zip([0, *ts], ts)] + [0]
        workers = [dict(ms).get("worker-end", 0) for pid, ms in by_pid.items() if pid != main_pid]
        system = _marks(marks, "system")
        shares = [dict(ms).get("worker-end", 0) / 1e6 for pid, ms in system.items() if pid != main_pid]
        print(f"   (system time: main {system[main_pid][-1][1] / 1e6:.1f} ms, workers "
              f"{', '.join(f'{w:.1f}' for w in shares) or '-'} ms)")
    return _phases(names, values), workers, p.returncode


def report(label: str, main: dict[str, int], workers: list[int], unit: str, base: int | None) -> dict:
    par_main = sum(v for k, v in main.items() if k in PARALLEL and workers)
    serial = sum(main.values()) - par_main
    total = serial + par_main + sum(workers)
    crit = serial + max([par_main, *workers])
    scale = 1e6  # instructions -> M, ns -> ms
    print(f"{label}:")
    for k, v in main.items():
        print(f"   main {k:<9} {v / scale:9.1f} {unit}{'' if k in PARALLEL and workers else '   serial'}")
    for i, w in enumerate(workers):
        print(f"   worker {i + 1:<7} {w / scale:9.1f} {unit}")
    line = f"   total {total / scale:.1f}, serial {serial / scale:.1f} ({100 * serial / total:.1f}%)"
    if workers:
        gap = abs(par_main - max(workers))
        line += (f", parallel: main {par_main / scale:.1f} against workers "
                 f"{', '.join(f'{w / scale:.1f}' for w in workers)} (imbalance {gap / scale:.1f}, "
                 f"{100 * gap / (par_main + sum(workers)):.1f}% of the parallel work)")
    print(line)
    line = f"   critical path {crit / scale:.1f} {unit}"
    if base:
        ideal = serial + (total - serial) / (1 + len(workers))
        line += f" = {crit / base:.3f} of --jobs 1's total (balanced, with this serial part: {ideal / base:.3f})"
    print(line)
    return {"phases": main, "total": total, "serial": serial, "parallel_main": par_main, "workers": workers,
            "critical": crit}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--agents", choices=("synthetic", "corpus"), default="corpus")
    ap.add_argument("--dir", help="work under this folder (default: a disk-backed temp folder, as bench/migrate.py)")
    ap.add_argument("--repo", help="use this repository (a copy of it per run) instead of building one")
    ap.add_argument("--jobs", default="1,default", help="comma list of --jobs values to run ('default': none given)")
    ap.add_argument("--cpu", action="store_true", help="CPU time per process and phase (no valgrind)")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="agentconv-pool-", dir=args.dir or migrate.work_root(False, None)))
    try:
        if args.repo:
            repo = Path(args.repo)
        else:
            repo = tmp / "repo"
            migrate.make_repo(repo, args.n, args.agents, args.seed)
        n = sum(1 for _ in (repo / ".claude" / "agents").iterdir()) if (repo / ".claude" / "agents").is_dir() else 0
        print(f"agentconv pool counts: migrate REPO --to {TARGETS}, {n} agents ({args.agents}), "
              f"{'CPU ns' if args.cpu else 'callgrind instructions'}, load {os.getloadavg()[0]:.1f}")
        figures: dict = {}
        base = None
        for j in args.jobs.split(","):
            jobs = [] if j == "default" else ["--jobs", j]
            work = tmp / f"work-{j}"
            shutil.copytree(repo, work, symlinks=True)
            phases, workers, code = run_one(work, tmp / f"out-{j}", jobs, "cpu" if args.cpu else "callgrind")
            label = f"--jobs {j}" if j != "default" else "default jobs"
            fig = report(f"{label} (exit {code})", phases, workers, "ms cpu" if args.cpu else "M instr", base)
            if base is None:
                base = fig["total"]
            figures[j] = {**fig, "exit": code}
            shutil.rmtree(work)
        if "default" in args.jobs.split(","):
            work = tmp / "work-traffic"
            shutil.copytree(repo, work, symlinks=True)
            run_one(work, tmp / "out-traffic", [], "traffic")
            traffic = tmp / "out-traffic" / "traffic"
            rows = [tuple(map(int, ln.split())) for ln in traffic.read_text().splitlines()] if traffic.exists() else []
            print(f"pool traffic (default jobs): {len(rows)} chunks from workers, {sum(r[0] for r in rows)} sources, "
                  f"{sum(r[1] for r in rows)} records, {sum(r[2] for r in rows)} bytes pickled "
                  f"({sum(r[2] for r in rows) / max(1, sum(r[1] for r in rows)):.0f} B a record); chunk sizes "
                  f"{[r[0] for r in rows]}")
            figures["traffic"] = rows
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
