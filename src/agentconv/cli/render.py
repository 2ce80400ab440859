"""Turning library results into text for people (stderr) or JSON (stdout)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import ExitCode
from ..loss import LossReport

_FIELDS = [("name", "name"), ("display_name", "title"), ("description", "description"), ("model", "model"),
           ("role", "mode"), ("params.temperature", "temperature"), ("params.max_turns", "max turns"),
           ("params.effort", "effort"), ("metadata.color", "color")]


def losses(report: LossReport, stream=None) -> None:
    stream = stream or sys.stderr
    for i in report:
        where = (i.file or "<stdin>") + (f":{i.line}" if i.line else "")
        path = f" {i.path}:" if i.path else ""
        stream.write(f"{where}: {i.severity.value} [{i.code.value}]{path} {i.message}\n")


def write_report(path: Path, rows: list[dict]) -> None:
    path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


class BatchTally:
    """What a batch needs to remember: counts, the first failure's exit code, and (only when asked for)
    the JSON rows. Results themselves are not kept, so memory does not grow with the number of files."""

    def __init__(self, keep_rows: bool):
        self.counts: dict[str, int] = {}
        self.total = 0
        self.first_failure: int | None = None
        self.rows: list[dict] | None = [] if keep_rows else None

    def exit_code(self) -> int:
        failed = self.counts.get("failed", 0)
        if not failed:
            return int(ExitCode.OK)
        return int(ExitCode.PARTIAL) if failed < self.total else (self.first_failure or int(ExitCode.PARTIAL))


def batch(results, as_json: bool, quiet: bool, keep_rows: bool = False) -> BatchTally:
    """Consume results as they stream: losses and errors on stderr (a progress line on a terminal, nothing
    extra when piped); with --json, one JSON document whose ``files`` array is written record by record."""
    tally, tty = BatchTally(keep_rows), sys.stderr.isatty() and not as_json
    if as_json:
        sys.stdout.write('{"files": [')
    for r in results:
        tally.total += 1
        tally.counts[r.status] = tally.counts.get(r.status, 0) + 1
        if r.status == "failed" and tally.first_failure is None:
            tally.first_failure = r.exit_code
        row = r.to_json() if as_json or tally.rows is not None else None
        if tally.rows is not None:
            tally.rows.append(row)
        if as_json:
            sys.stdout.write(("" if tally.total == 1 else ", ") + json.dumps(row, ensure_ascii=False))
            continue
        if r.error:
            sys.stderr.write(f"agentconv: error: {r.error}\n")
        elif not quiet:
            losses(r.report)
        if tty:
            sys.stderr.write(f"\r{tally.total} files\x1b[K")
    if tty:
        sys.stderr.write("\r\x1b[K")
    if as_json:
        sys.stdout.write('], "summary": ' + json.dumps(tally.counts) + "}\n")
    else:
        summary = ", ".join(f"{n} {k}" for k, n in sorted(tally.counts.items()))
        sys.stderr.write(f"{tally.total} files: {summary}\n")
    return tally


def dialect_row(d) -> dict:
    t = d.table
    held = set(t.get("fields", {}).values())
    shape = t.get("tools_shape", "none")
    return {
        "id": d.id,
        "title": t.get("title", d.id),
        "tools": shape,
        "deny": "tools.deny" in held or shape == "permission",
        "patterns": shape in ("comma", "permission"),
        "fields": [label for path, label in _FIELDS if path in held or (path == "name" and t.get("name"))],
        "path": t.get("layout", {}).get("path"),
        "doc": t.get("doc"),
        "aliases": t.get("aliases", []),
    }


def table(rows: list[dict]) -> None:
    head = ("id", "title", "tools", "deny", "patterns", "path")
    data = [(r["id"], r["title"], r["tools"], "yes" if r["deny"] else "no", "yes" if r["patterns"] else "no",
             r["path"] or "") for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *data)]
    for row in [head, *data]:
        sys.stdout.write("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip() + "\n")
    sys.stdout.write("\nfields each can hold:\n")
    for r in rows:
        sys.stdout.write(f"  {r['id']}: {', '.join(r['fields'])}\n")


class progress:
    """A rich progress bar on a terminal for long runs (rich imported only then); a no-op when piped."""

    def __init__(self, as_json: bool):
        self.on = sys.stderr.isatty() and not as_json
        self.bar = self.task = None

    def __enter__(self):
        return self.tick

    def tick(self, done: int, total: int) -> None:
        if not self.on or total < 200:
            return
        if self.bar is None:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("converting", total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def outcome(result, as_json: bool, mode: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        return
    for r in result.records:
        if r.error:
            sys.stderr.write(f"agentconv: error: {r.error}\n")
        if mode == "plan" and r.status == "planned":
            sys.stdout.write(f"{r.source} -> {r.target}  ({r.source_dialect} -> {r.target_dialect})\n")
        if mode == "diff" and r.diff:
            sys.stdout.write(r.diff)
    s = result.summary
    order = ("converted", "planned", "unchanged", "skipped", "kept", "collision", "failed")
    counts = ", ".join(f"{s.statuses[k]} {k}" for k in order if s.statuses[k])
    losses = ", ".join(f"{n} {code}" for code, n in s.losses.most_common())
    sys.stderr.write(f"{counts or 'nothing to do'}" + (f"; losses: {losses}" if losses else "") + "\n")
