"""agentconv benchmark by counts, not time: what one `agentconv migrate` over the repository bench/migrate.py builds
does, beside `cp -r` of it, in figures that do not move with the machine's load (issue 11).

    .venv/bin/python bench/counts.py                  # 2,000 agents, ~1-2 min (strace and cProfile slow the runs)
    .venv/bin/python bench/counts.py --n 500 --dir /dev/shm
    .venv/bin/python bench/counts.py --agents corpus  # the shared corpus's Claude agents, renamed (bench/migrate.py)

For each of `migrate WORK --to copilot,opencode --jobs 1`, the same with the default jobs, and `cp -r REPO WORK`
(each on a fresh copy): the system calls by kind (`strace -f -c`, every process of the tree), per input file, and
the files each created. Then the Python function calls of `migrate --jobs 1` in-process (cProfile's total: the
same inputs and tree give the same count within a few calls, PYTHONHASHSEED=0). Timings are left out on purpose:
on a shared machine they swing 2-3x from run to run; read them from bench/migrate.py on a quiet machine.

What the figures cannot show: the kernel's cost per created file. On ext4 without a journal (this machine's
/var/tmp) a new inode is looked for from the start of its group, skipping each free inode deleted in the last 60 s
(`recently_deleted` in fs/ext4/ialloc.c `find_inode_bit`): creating a file right after thousands were deleted
(bench/migrate.py removes the last run's copy before each run) costs several times what it costs otherwise, for
every tool alike (bench/README.md, "Counted, 2026-11-29 11:05-12:30 UTC").
"""
from __future__ import annotations

import argparse
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import migrate  # noqa: E402  (make_repo, work_root, mount_of)
from common import PY, ROOT  # noqa: E402

TARGETS = "copilot,opencode"
_LINE = re.compile(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:(\d+)\s+)?(\w+)\s*$")

PROFILED = """import cProfile, os, sys
sys.argv = ["agentconv", "migrate", ".", "--to", %r, "--jobs", "1"]
from agentconv.cli import main
p = cProfile.Profile()
p.enable()
try:
    main()
except SystemExit:
    pass
p.disable()
p.dump_stats(os.environ["COUNTS_PROF"])
"""


def strace_counts(cmd: list[str], cwd: str, out: Path, env: dict[str, str]) -> dict[str, int]:
    """Calls by kind of ``cmd`` and its children (``strace -f -c``)."""
    subprocess.run(["strace", "-f", "-c", "-o", str(out), *cmd], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    calls: dict[str, int] = {}
    for ln in out.read_text().splitlines():
        m = _LINE.match(ln)
        if m and m.group(3) != "total":
            calls[m.group(3)] = int(m.group(1))
    return calls


def files(root: Path) -> int:
    return sum(len(fs) for _, _, fs in os.walk(root))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--agents", choices=("synthetic", "corpus"), default="synthetic",
                    help="generated agents, or the shared corpus's strictly valid Claude agents (as bench/migrate.py)")
    ap.add_argument("--dir", help="work under this folder (default: a disk-backed temp folder, as bench/migrate.py)")
    args = ap.parse_args(argv)
    if shutil.which("strace") is None:
        print("strace is not installed: only the Python call count is given", file=sys.stderr)
    tmp = Path(tempfile.mkdtemp(prefix="agentconv-counts-", dir=args.dir or migrate.work_root(False, None)))
    try:
        repo = tmp / "repo"
        info = migrate.make_repo(repo, args.n, args.agents, args.seed)
        n = info["files"]
        env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT / "src")}
        point, fstype, _ = migrate.mount_of(str(tmp))
        kind = "generated" if args.agents == "synthetic" else "corpus"
        print(f"counts of one run over {n} {kind} Claude agents ({info['bytes'] / 1e6:.1f} MB) into {TARGETS}; "
              f"{fstype} {point}")
        runs = {
            "agentconv --jobs 1": [PY, "-m", "agentconv", "migrate", ".", "--to", TARGETS, "--jobs", "1"],
            "agentconv (default jobs)": [PY, "-m", "agentconv", "migrate", ".", "--to", TARGETS],
            "cp -r": ["cp", "-r", str(repo), "copy"],
        }
        rows = {}
        for name, cmd in runs.items():
            work = tmp / "work"
            shutil.rmtree(work, ignore_errors=True)
            if name == "cp -r":
                work.mkdir()
            else:
                shutil.copytree(repo, work, symlinks=True)
            before = files(work)
            calls = strace_counts(cmd, str(work), tmp / "strace.txt", env) if shutil.which("strace") else {}
            rows[name] = (calls, files(work) - before)
        kinds = ["openat", "newfstatat", "read", "write", "close", "rename", "mkdir", "getdents64", "fsync", "unlink"]
        head = f"{'system calls':26}{'all':>9}{'/file':>7}  " + "".join(f"{k:>11}" for k in kinds) + f"{'created':>9}"
        print(head)
        for name, (calls, made) in rows.items():
            total = sum(calls.values())
            print(f"{name:26}{total:9}{total / n:7.1f}  " + "".join(f"{calls.get(k, 0):11}" for k in kinds)
                  + f"{made:9}")
        work = tmp / "work"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(repo, work, symlinks=True)
        script, prof = tmp / "profiled.py", tmp / "migrate.prof"
        script.write_text(PROFILED % TARGETS)
        subprocess.run([PY, str(script)], cwd=work, env={**env, "COUNTS_PROF": str(prof)},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        stats = pstats.Stats(str(prof))
        calls = stats.total_calls
        print(f"python calls, migrate --jobs 1 in-process: {calls:,} ({calls / n:,.0f} a source)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
