"""The long mutation fuzz run: `python bench/fuzz.py --inputs 1000000 [--jobs 2] [--seed 1] [--corpus DIR]`.

In-process (no subprocess per input): each worker mutates fixture seeds (tests/fuzzcheck.py), reads each input as the
CLI does and writes it in `--targets` random dialects, with a per-input timeout (SIGALRM) and a memory cap
(RLIMIT_AS). Prints inputs, crashes (by signature), invalid outputs, hangs; `--save DIR` keeps each new signature's
first input. Exit 1 when anything was found. `--corpus DIR` mutates a corpus's real files instead (an `_index.tsv`
of `owner__repo/PATH` rows, as ../shared/corpus; each read where it lies, at its path in its repository), so the
mutations start from what people write rather than from our fixtures; keep `--save` outside the project.
"""
from __future__ import annotations

import argparse
import collections
import os
import random
import resource
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import fuzzcheck as fc  # noqa: E402


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so no ``except Exception`` in the code under test swallows it."""


def _alarm(signum, frame):
    raise Hang()


def corpus_seeds(root: str) -> list[tuple[str, bytes]]:
    """(path in its repository, bytes) of each file an ``_index.tsv`` under ``root`` lists (read, never copied)."""
    base = Path(root)
    rows = (base / "_index.tsv").read_text("utf-8").splitlines()[1:]
    out = []
    for row in rows:
        path = row.split("\t", 1)[0]
        repo, _, rel = path.partition("/")
        if rel and (base / path).is_file():
            out.append((rel, (base / path).read_bytes()))
    return out


def worker(args) -> dict:
    start, count, seed, targets, timeout, memory, save, corpus = args
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    signal.signal(signal.SIGALRM, _alarm)
    seeds = corpus_seeds(corpus) if corpus else fc.seeds()
    rnd = random.Random(seed * 1_000_003 + start)
    crashes, invalid, hangs, examples = collections.Counter(), collections.Counter(), 0, {}
    for i in range(count):
        rel, data = rnd.choice(seeds)
        data = fc.mutate(rnd, data)
        chosen = rnd.sample(fc.DIALECTS, targets)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            found = fc.run_one(data, rel, chosen)
            signal.setitimer(signal.ITIMER_REAL, 0)
        except fc.Crash as exc:
            signal.setitimer(signal.ITIMER_REAL, 0)
            key = fc.signature(exc)
            crashes[key] += 1
            examples.setdefault(key, (rel, data, str(exc)))
            continue
        except Hang:
            hangs += 1
            examples.setdefault("hang", (rel, data, f"over {timeout} s"))
            continue
        for target, problem in found:
            key = f"{target}: {problem[:80]}"
            invalid[key] += 1
            examples.setdefault(key, (rel, data, problem))
    if save:
        out = Path(save)
        out.mkdir(parents=True, exist_ok=True)
        for n, (key, (rel, data, why)) in enumerate(examples.items()):
            (out / f"{seed}-{start}-{n}.bin").write_bytes(data)
            (out / f"{seed}-{start}-{n}.txt").write_text(f"{rel}\n{key}\n{why}\n", "utf-8")
    return {"inputs": count, "crashes": crashes, "invalid": invalid, "hangs": hangs}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--targets", type=int, default=2, help="dialects each input is written in (default 2)")
    ap.add_argument("--timeout", type=float, default=5.0, help="seconds per input before it counts as a hang")
    ap.add_argument("--memory", type=int, default=2048, help="MB of address space per worker (0: no cap)")
    ap.add_argument("--chunk", type=int, default=20_000, help="inputs per task")
    ap.add_argument("--save", help="folder for the first input of each finding")
    ap.add_argument("--corpus", help="mutate the real files of this corpus (its _index.tsv) instead of the fixtures")
    a = ap.parse_args()
    tasks, start = [], 0
    while start < a.inputs:
        n = min(a.chunk, a.inputs - start)
        tasks.append((start, n, a.seed, a.targets, a.timeout, a.memory * 2**20, a.save, a.corpus))
        start += n
    total = {"inputs": 0, "crashes": collections.Counter(), "invalid": collections.Counter(), "hangs": 0}
    t0 = time.time()
    with ProcessPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        for res in pool.map(worker, tasks):
            for k in ("inputs", "hangs"):
                total[k] += res[k]
            total["crashes"].update(res["crashes"])
            total["invalid"].update(res["invalid"])
            done = time.time() - t0
            print(f"  {total['inputs']:,} inputs, {sum(total['crashes'].values())} crashes, "
                  f"{sum(total['invalid'].values())} invalid, {total['hangs']} hangs ({total['inputs'] / done:.0f}/s)",
                  file=sys.stderr, flush=True)
    crashes, invalid = sum(total["crashes"].values()), sum(total["invalid"].values())
    print(f"fuzz: {total['inputs']:,} inputs, {crashes} crashes ({len(total['crashes'])} signatures), "
          f"{invalid} invalid outputs, {total['hangs']} hangs; seed {a.seed}, {a.targets} targets each, "
          f"{time.time() - t0:.0f} s")
    for key, n in total["crashes"].most_common():
        print(f"  crash {n}: {key}")
    for key, n in total["invalid"].most_common():
        print(f"  invalid {n}: {key}")
    return 1 if crashes or invalid or total["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())
