"""agentconv benchmark: per-file conversion cost, CLI start-up, batch throughput, each beside a baseline
measured in the same run. Prints a table and writes bench/results/latest.json.

    .venv/bin/python bench/run.py            # or: make bench   (about 1-2 minutes)
    .venv/bin/python bench/run.py --profile  # cProfile of the typical in-process conversion, then exit

Figures are medians or best-of-repeats as labelled; targets are printed, never asserted.
"""
from __future__ import annotations


import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
from common import HERE, PY, ROOT, VENV_BIN  # noqa: E402
CLI = str(VENV_BIN / "agentconv")
SEEDS = Path(os.environ.get("AGENTCONV_SEEDS", "/work/shared/seeds"))
TARGETS = ("claude", "copilot", "opencode", "marketplace", "markdown")
TARGET_US_TYPICAL = 500.0     # µs per typical 5 KB agent, in-process


# ------------------------------------------------------------------------------------ timing helpers
def best_us(fn, repeat: int = 5, budget: float = 0.06) -> float:
    """Best-of-``repeat`` microseconds per call; each repeat runs ~``budget`` seconds, after warm-up."""
    for _ in range(3):
        fn()
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-7)
    number = max(1, int(budget / one))
    times = timeit.Timer(fn).repeat(repeat=repeat, number=number)
    return min(times) / number * 1e6


def header_of(text: str) -> str | None:
    """The YAML header text (between the --- lines), or None when there is none."""
    if not text.startswith("---"):
        return None
    lines = text.split("\n")
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return "\n".join(lines[1:end]) + "\n"
    return None


def alternating(cases: dict[str, list[str]], runs: int, warm: int = 2, **kw) -> dict[str, dict]:
    """Wall ms of each command, run in turn (one of each per round, ``runs`` rounds after ``warm``), so a change
    in the machine's load falls on every command alike; median, min, max and the last exit code of each, and the
    median CPU ms of the child alone (user + system, ``os.wait4``: what other load on the machine skews least)."""
    def once(cmd: list[str]) -> tuple[float, float, int]:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        return (time.perf_counter() - t0) * 1e3, (ru.ru_utime + ru.ru_stime) * 1e3, p.returncode

    for _ in range(warm):
        for cmd in cases.values():
            once(cmd)
    samples: dict[str, list[float]] = {label: [] for label in cases}
    cpu: dict[str, list[float]] = {label: [] for label in cases}
    rc: dict[str, int] = {}
    for _ in range(runs):
        for label, cmd in cases.items():
            ms, cpu_ms, rc[label] = once(cmd)
            samples[label].append(ms)
            cpu[label].append(cpu_ms)
    return {label: {"median_ms": statistics.median(v), "min_ms": min(v), "max_ms": max(v), "runs": runs,
                    "cpu_ms": statistics.median(cpu[label]), "exit": rc[label]} for label, v in samples.items()}


def run_measured(cmd: list[str], **kw) -> dict:
    """One child process: wall time, exit code, and its own peak RSS / CPU time (os.wait4, not cumulative)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stderr.close()
    return {"wall_s": wall, "exit": p.returncode, "rss_mb": ru.ru_maxrss / 1024, "cpu_s": ru.ru_utime + ru.ru_stime,
            "stderr": err.decode("utf-8", "replace")}


# ------------------------------------------------------------------------------------------ sections
def inprocess() -> dict:
    import agentconv
    from ruamel.yaml import YAML

    loader = YAML(typ="safe")  # the C-backed loader agentconv itself uses
    files = []
    rel, data = corpus.typical()
    files.append(("typical-5KB (claude)", rel, data))
    for p in sorted(SEEDS.glob("*.txt")):
        files.append((p.name, str(p), p.read_bytes()))
    rows = []
    for label, path, data in files:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
        head = header_of(text)
        split_us = best_us(lambda: data.decode("utf-8").split("\n"))
        yaml_us, yaml_note = None, ""
        if head is not None:
            def load():
                try:
                    loader.load(head)
                except Exception:
                    pass
            try:
                loader.load(head)
            except Exception:
                yaml_note = "strict YAML rejects it (timed to the error)"
            yaml_us = best_us(load)
        row = {"file": label, "path": path, "bytes": len(data), "baseline_split_us": split_us,
               "baseline_yaml_header_us": yaml_us, "yaml_note": yaml_note, "targets": {}}
        for t in TARGETS:
            def conv():
                return agentconv.convert_text(data, to=t, path=path)
            try:
                conv()
            except agentconv.AgentconvError as exc:
                row["targets"][t] = {"error": f"exit {int(exc.exit_code)}: {exc.message}"}
                continue
            us = best_us(conv)
            row["targets"][t] = {"us": us, "x_split": us / split_us,
                                 "x_yaml": us / yaml_us if yaml_us else None}
        rows.append(row)
    return {"files": rows}


BASELINE = "python -c pass (baseline)"
SHIM = "python3 -c pass (python3 on the PATH)"
VERSION = "agentconv --version"
CONVERT = "agentconv convert FILE --to copilot"
MIGRATE = "agentconv migrate EMPTY --to copilot,opencode"
TARGET_X = {CONVERT: 7.0, VERSION: 2.5}
"""Start-up targets (issue 11) as ratios to `python -c pass` measured in the same run."""


def startup(runs: int, tmp: Path) -> dict:
    """Each command's wall time beside `python -c pass` (same interpreter), alternating, median of ``runs``."""
    rel, data = corpus.typical()
    f = tmp / rel
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_bytes(data)
    (tmp / "empty").mkdir()  # a repository with no agent: migrate's fixed cost
    cases = {
        BASELINE: [PY, "-c", "pass"],
        **({SHIM: [shutil.which("python3"), "-c", "pass"]} if shutil.which("python3") else {}),
        "python -c 'import agentconv'": [PY, "-c", "import agentconv"],
        "python -c 'import agentconv.cli.app' (typer)": [PY, "-c", "import agentconv.cli.app"],
        VERSION: [CLI, "--version"],
        "agentconv --help": [CLI, "--help"],
        CONVERT: [CLI, "convert", str(f), "--to", "copilot"],
        MIGRATE: [CLI, "migrate", str(tmp / "empty"), "--to", "copilot,opencode"],
    }
    out = alternating(cases, max(runs, 5))
    base, base_cpu = out[BASELINE]["median_ms"], out[BASELINE]["cpu_ms"]
    shim = out.get(SHIM, {}).get("median_ms")
    for v in out.values():
        v["x_python"] = v["median_ms"] / base
        v["x_python_cpu"] = v["cpu_ms"] / base_cpu
        v["x_python3_on_path"] = v["median_ms"] / shim if shim else None
    return out


def startup_targets(res: dict) -> list[str]:
    """One line per start-up target: the ratio measured, the target, met or not."""
    def also(v: dict) -> str:
        on_path = f", {v['x_python3_on_path']:.2f}x `python3 -c pass` as the PATH has it" if v["x_python3_on_path"] else ""
        return f" (CPU time {v['x_python_cpu']:.2f}x{on_path})"

    return [f"{label}: {res[label]['x_python']:.2f}x `python -c pass` (target <= {x}x) -> "
            + ("met" if res[label]["x_python"] <= x else "NOT met") + also(res[label]) for label, x in TARGET_X.items()]


def batch(sizes: list[int], runs: dict[int, int], tmp: Path) -> dict:
    out = {}
    for n in sizes:
        src = HERE / "corpus" / f"n{n}"
        shutil.rmtree(src, ignore_errors=True)
        manifest = corpus.generate(src, n, seed=0)
        total = sum(m["bytes"] for m in manifest)
        conv, cp = [], []
        for i in range(runs[n]):
            dst = tmp / f"cp{n}-{i}"
            cp.append(run_measured(["cp", "-r", str(src), str(dst)]))
            shutil.rmtree(dst)
            dst = tmp / f"out{n}-{i}"
            conv.append(run_measured([CLI, "convert", str(src), "--to", "copilot", "-o", str(dst)]))
            shutil.rmtree(dst, ignore_errors=True)
        med = statistics.median(r["wall_s"] for r in conv)
        cp_med = statistics.median(r["wall_s"] for r in cp)
        last = conv[-1]["stderr"].strip().splitlines()
        out[str(n)] = {
            "files": n, "bytes": total, "runs": runs[n],
            "wall_s": med, "wall_s_all": [r["wall_s"] for r in conv], "files_per_s": n / med,
            "ms_per_file": med / n * 1e3, "cpu_s": statistics.median(r["cpu_s"] for r in conv),
            "peak_rss_mb": max(r["rss_mb"] for r in conv), "exit": conv[-1]["exit"],
            "summary": last[-1] if last else "",
            "error_lines": sum(1 for ln in last if ln.startswith("agentconv: error:")),
            "cp_wall_s": cp_med, "cp_peak_rss_mb": max(r["rss_mb"] for r in cp), "x_cp": med / cp_med,
        }
    return out


# ---------------------------------------------------------------------------------------------- report
def fmt(v, spec=".0f", none="-"):
    return none if v is None else format(v, spec)


def print_report(res: dict) -> None:
    w = sys.stdout.write
    env = res["env"]
    w(f"agentconv bench  {env['when']}  commit {env['commit']}  Python {env['python']}  {env['cpus']} CPUs\n"
      f"load average {env['loadavg_before'][0]:.2f} before, {env['loadavg_after'][0]:.2f} after "
      "(other work on the machine skews every figure)\n\n")
    w("a. in-process convert_text(bytes, to=T, path=...): µs per call, best of 5 (ratio to the baselines: "
      "×split = decode+split('\\n'), ×yaml = ruamel C safe-load of the header alone)\n")
    head = f"{'file':<28}{'bytes':>7}{'split':>8}{'yaml':>8}  " + "".join(f"{t:>22}" for t in TARGETS) + "\n"
    w(head)
    for r in res["inprocess"]["files"]:
        cells = []
        for t in TARGETS:
            c = r["targets"][t]
            if "error" in c:
                cells.append(f"{c['error'][:20]:>22}")
            else:
                cells.append(f"{c['us']:>8.0f} ×{c['x_split']:<5.0f}×{fmt(c['x_yaml'], '<5.1f'):<6}")
        w(f"{r['file'][:27]:<28}{r['bytes']:>7}{r['baseline_split_us']:>8.1f}{fmt(r['baseline_yaml_header_us'], '.0f'):>8}  "
          + "".join(cells) + "\n")
    typ = res["inprocess"]["files"][0]["targets"]
    worst = max(c["us"] for c in typ.values() if "us" in c)
    w(f"   target: < {TARGET_US_TYPICAL:.0f} µs per typical 5 KB agent; measured {min(c['us'] for c in typ.values() if 'us' in c):.0f}"
      f"-{worst:.0f} µs over the five targets\n")
    notes = [f"{r['file']}: {r['yaml_note']}" for r in res["inprocess"]["files"] if r["yaml_note"]]
    for n in notes:
        w(f"   note: {n}\n")
    print_startup(res["startup"], w)
    w("\nc. batch: `agentconv convert DIR --to copilot -o OUT` over the generated corpus (median wall; "
      "peak RSS of the child), beside `cp -r DIR` of the same corpus\n")
    for n, v in res["batch"].items():
        w(f"   {n:>5} files ({v['bytes'] / 1e6:.1f} MB): {v['wall_s']:.2f} s  {v['files_per_s']:.0f} files/s  "
          f"{v['ms_per_file']:.2f} ms/file  cpu {v['cpu_s']:.2f} s  peak RSS {v['peak_rss_mb']:.0f} MB  exit {v['exit']}"
          f"  | cp -r {v['cp_wall_s'] * 1e3:.0f} ms (×{v['x_cp']:.0f})  | {v['summary']}\n")
    w(f"\nwritten: {res['written']}  (total bench time {res['elapsed_s']:.0f} s)\n")


def print_startup(startup: dict, w=sys.stdout.write) -> None:
    w("\nb. CLI start-up: wall ms, median of %d alternating runs (×python = ratio to `python -c pass`, same "
      "interpreter, same rounds; cpu = the child's user+system ms, median)\n" % next(iter(startup.values()))["runs"])
    for label, v in startup.items():
        w(f"   {label:<46}{v['median_ms']:>8.1f} ms  ×{v['x_python']:<5.2f} (min {v['min_ms']:.1f}, exit {v['exit']})"
          f"  cpu {v['cpu_ms']:5.1f} ms ×{v['x_python_cpu']:.2f}\n")
    for line in startup_targets(startup):
        w(f"   target: {line}\n")


def profile(iterations: int = 2000, target: str = "copilot", top: int = 15) -> None:
    import agentconv

    rel, data = corpus.typical()
    for _ in range(50):
        agentconv.convert_text(data, to=target, path=rel)
    pr = cProfile.Profile()
    pr.enable()
    for _ in range(iterations):
        agentconv.convert_text(data, to=target, path=rel)
    pr.disable()
    buf = io.StringIO()
    st = pstats.Stats(pr, stream=buf).sort_stats("cumulative")
    st.print_stats(top)
    print(f"cProfile: {iterations} x convert_text(typical {len(data)} B claude agent, to={target!r}); "
          f"times are totals over all iterations\n")
    print(buf.getvalue())


def git_commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip() or "?"
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--profile", action="store_true", help="profile the typical in-process conversion and exit")
    ap.add_argument("--target", default="copilot", help="target for --profile")
    ap.add_argument("--runs", type=int, default=20, help="CLI start-up runs per command")
    ap.add_argument("--sizes", default="100,2000", help="batch corpus sizes")
    ap.add_argument("--startup-only", action="store_true", help="only b. (CLI start-up), with the load average")
    ap.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    args = ap.parse_args(argv)
    if args.profile:
        profile(target=args.target)
        return 0
    if not Path(CLI).exists():
        sys.exit(f"{CLI} not found: run `make install` first")
    if args.startup_only:
        load = os.getloadavg()
        with tempfile.TemporaryDirectory(prefix="agentconv-bench-") as tmp:
            res = startup(args.runs, Path(tmp))
        print(f"agentconv start-up  {datetime.now(timezone.utc):%Y-%m-%dT%H:%M:%SZ}  commit {git_commit()}  "
              f"load average {load[0]:.2f} before, {os.getloadavg()[0]:.2f} after")
        print_startup(res)
        return 0
    t0 = time.perf_counter()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    res: dict = {"env": {"when": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "commit": git_commit(),
                         "python": platform.python_version(), "platform": platform.platform(),
                         "cpus": os.cpu_count(), "interpreter": PY,
                         "loadavg_before": os.getloadavg()},
                 "targets": {"typical_us": TARGET_US_TYPICAL, "startup_x_python": TARGET_X}}
    with tempfile.TemporaryDirectory(prefix="agentconv-bench-") as tmp:
        print("a. in-process ...", file=sys.stderr, flush=True)
        res["inprocess"] = inprocess()
        print("b. start-up ...", file=sys.stderr, flush=True)
        res["startup"] = startup(args.runs, Path(tmp))
        print("c. batch ...", file=sys.stderr, flush=True)
        res["batch"] = batch(sizes, {n: (5 if n <= 500 else 3) for n in sizes}, Path(tmp))
    res["elapsed_s"] = time.perf_counter() - t0
    res["env"]["loadavg_after"] = os.getloadavg()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    res["written"] = str(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out)
    out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
