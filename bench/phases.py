"""Where the CPU of `agentconv migrate --jobs 1` into copilot,opencode goes, per pass, on agents not seen before.

    .venv/bin/python bench/phases.py                  # 3 rounds of 300 fresh Claude agents after a warm-up round
    .venv/bin/python bench/phases.py --n 500 --rounds 2

Each round is a repository generated afresh (bench/corpus.py, `only="claude"`, `broken=False`, `awkward=False`; one
seed per round, so no memo of an earlier round answers for it) and migrated in-process under /dev/shm (the disk out of
the figures). Each pass listed in `PASSES` is wrapped with `time.process_time_ns`; its share is of the whole
`migrate` call's CPU. A nested pass counts inside its caller too (indented under it); the wrappers add a little to
each share. What a fast path could skip at most is read off here before it is built (bench/README.md, speed5).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

import agentconv  # noqa: E402
from agentconv import api, carry  # noqa: E402
from agentconv.dialects import base, toolpolicy  # noqa: E402

PASSES = [  # (owner, attribute, label: its indentation says what it is counted in)
    (api, "read", "read"),
    (api, "detect_decoded", "  detect_decoded (score_bound)"),
    (api, "write_all", "write_all (every target)"),
    (base.Dialect, "build", "  build"),
    (toolpolicy.ToolFields, "write_tools", "    write_tools"),
    (base.Dialect, "out_model", "    out_model"),
    (base.Dialect, "out_description", "    out_description"),
    (base.Dialect, "as_read", "    as_read"),
    (base.Dialect, "_in_source_order", "    _in_source_order"),
    (base.Dialect, "_report_unheld", "    _report_unheld"),
    (base.Dialect, "_invoked_by", "    _invoked_by"),
    (base.Dialect, "_runs_in", "    _runs_in"),
    (base.Dialect, "carry_data", "  carry_data"),
    (base.Dialect, "_tools_refused", "    _tools_refused"),
    (base.Dialect, "_first_spelling", "    _first_spelling"),
    (base.Dialect, "_first_keys", "    _first_keys"),
    (base.Dialect, "_made", "    _made"),
    (carry, "make", "    carry.make (digest, payload)"),
    (base.Dialect, "render", "  render"),
]


def _wrap(owner: object, name: str, label: str, spent: dict[str, int]) -> None:
    inner = getattr(owner, name)

    def timed(*args, **kwargs):
        start = time.process_time_ns()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0) + time.process_time_ns() - start

    setattr(owner, name, timed)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=300, help="agents per round (default 300)")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds after the warm-up (default 3)")
    ap.add_argument("--seed", type=int, default=200, help="the warm-up round's seed; round i uses seed+i")
    args = ap.parse_args()
    spent: dict[str, int] = {}
    totals: dict[str, int] = {}
    for owner, name, label in PASSES:
        _wrap(owner, name, label, spent)
    root = tempfile.mkdtemp(prefix="agentconv-phases-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        total = 0
        for i in range(args.rounds + 1):
            work = os.path.join(root, f"r{i}")
            corpus.generate(work, n=args.n, seed=args.seed + i, only="claude", broken=False, awkward=False)
            spent.clear()
            start = time.process_time_ns()
            agentconv.migrate(work, ["copilot", "opencode"], jobs=1, keep_losses="warning")
            took = time.process_time_ns() - start
            shutil.rmtree(work)
            if i == 0:
                continue  # the warm-up: caches written, every pass imported
            total += took
            for label, ns in spent.items():
                totals[label] = totals.get(label, 0) + ns
    finally:
        shutil.rmtree(root, ignore_errors=True)
    agents = args.n * args.rounds
    print(f"migrate --jobs 1 into copilot,opencode: {total / 1e6:.0f} ms of CPU for {agents} fresh agents "
          f"({total / agents / 1e3:.0f} us an agent)")
    for _, _, label in PASSES:
        if label in totals:
            print(f"{label:34s} {totals[label] / 1e6:8.0f} ms {100 * totals[label] / total:6.1f}%")


if __name__ == "__main__":
    main()
