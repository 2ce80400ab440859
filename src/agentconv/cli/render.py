"""Turning library results into text for people (stderr) or JSON (stdout).

Output levels, the same on every command: ``-q`` errors only; by default errors, warnings and a summary;
``-v`` adds the infos and lists every occurrence. Below ``-v`` each distinct problem is one line, with a
count of the other files it also concerns."""
from __future__ import annotations

import json
import sys
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import rx
from ..errors import AgentconvError, ExitCode, InternalError
from ..loss import LossReport

if TYPE_CHECKING:
    from pathlib import Path

QUIET, NORMAL, VERBOSE = -1, 0, 1

_RANK = {"info": 0, "warning": 1, "error": 2}
_DIGITS = rx.compile(r"\d+")
"""Errors about a source that differ only in a number (``byte 142`` / ``byte 201``) are one problem."""


class Diagnostics:
    """What a command says on stderr besides its output: errors and loss items, filtered by the level and
    grouped (one line per distinct problem, ``(and N other files)`` when it repeats), printed by ``flush``
    warnings first, errors last, so the errors stay on screen. ``-v`` prints every occurrence as it comes."""

    def __init__(self, level: int = NORMAL, stream=None):
        self.level, self.stream = level, stream or sys.stderr
        self.groups: dict[tuple[Any, ...], list[Any]] = {}   # key -> [first line, files it concerns]
        self.hidden = 0                       # info items not shown (below -v)
        self.seen = 0                         # loss items passed in
        self.printed: set[str] = set()        # error lines already printed (-v)

    def error(self, text: str, *where: str | None, label: str = "error") -> None:
        """An error line; ``where`` are the paths the text may start with (the source, the target): the rest of
        the text is the problem, so the same problem in many files is one line."""
        problem, at = text, None
        for w in where:
            if w and text.startswith(w + ":"):
                at, problem = w, text[len(w) + 1:].lstrip("0123456789").removeprefix(": ")
                break
        if at is not None and at == where[0]:  # about the source: a number (a byte offset) does not make it another
            problem = _DIGITS.sub("#", problem)
        self._add(("error", label, problem), f"agentconv: {label}: {text}", at or text)

    def note(self, text: str, file: str) -> None:
        """An info line that is no loss (a file skipped, and why): shown with ``-v``; the summary counts it."""
        if self.level >= VERBOSE:
            self._add(("info", text), text, file)

    def loss(self, item, source: str | None = None) -> None:
        """One loss item (a LossItem or its JSON); ``source``: the file of an item whose ``file`` is ``""`` (a
        record's item, as ``Record.items`` gives it)."""
        i = item if isinstance(item, dict) else item.to_json()
        self.seen += 1
        sev = i["severity"]
        if _RANK[sev] < _RANK["warning"] and self.level < VERBOSE or _RANK[sev] < _RANK["error"] and self.level < NORMAL:
            self.hidden += sev == "info"
            return
        file = i.get("file")
        if file == "" and source is not None:
            file = source
        key, file = (sev, i["code"], i.get("path"), i["message"]), file or "<stdin>"
        if self.level < VERBOSE and key in self.groups:  # grouped with an earlier one: its line is that one's
            self.groups[key][1].add(file)
            return
        where = file + (f":{i['line']}" if i.get("line") else "")
        path = f" {i['path']}:" if i.get("path") else ""
        self._add(key, f"{where}: {sev} [{i['code']}]{path} {i['message']}", file)

    def losses(self, report: LossReport) -> None:
        for item in report:
            self.loss(item)

    def _add(self, key: tuple[Any, ...], line: str, file: str) -> None:
        if self.level >= VERBOSE:
            if key[0] == "error":  # a collision, seen from each of its sources, is still one line
                if line in self.printed:
                    return
                self.printed.add(line)
            self.stream.write(line + "\n")
            return
        self.groups.setdefault(key, [line, set()])[1].add(file)

    def flush(self) -> None:
        order = sorted(self.groups.items(), key=lambda kv: kv[0][0] == "error")  # stable: warnings, then errors
        for _, (line, files) in order:  # the same line twice (a collision, seen from each source) is one line
            more = len(files) - 1
            self.stream.write(line + (f" (and {more} other file{'s' if more > 1 else ''})" if more else "") + "\n")
        self.groups.clear()

    def summary(self, text: str) -> None:
        """The closing line (not under -q), with a hint when infos were hidden."""
        if self.level < NORMAL:
            return
        hint = f" ({self.hidden} info item{'s' if self.hidden > 1 else ''} not shown; -v shows them)" if self.hidden else ""
        self.stream.write(text + hint + "\n")


# What the library calls an error's ``remedy``, said as this CLI's option (library messages name no option).
HINTS = {
    "allow_broaden": " (use --allow-broaden to accept)",
    "force": "; use --force to replace it",
    "from_": "; name it with --from",
    "convert_all": "; convert it with an output directory (-o DIR)",
    "prefix_collisions": ", or use --prefix-collisions",
    "force_remove": "; use --force to remove it",
    "sync_force": " (`agentconv sync --force` replaces it)",
}


def hinted(message: str, remedy: str | None) -> str:
    """A library error message with the option that gets past it, when there is one."""
    return message + HINTS.get(remedy or "", "")


def error_text(exc: AgentconvError) -> str:
    """An exception as the CLI prints it: the library's one line, plus the option that gets past it."""
    return hinted(str(exc), exc.remedy)


def fail_line(exc: AgentconvError) -> None:
    sys.stderr.write(f"agentconv: error: {error_text(exc)}\n")


# ------------------------------------------------------------------ JSON: one document per command, schema'd
SCHEMA = "agentconv.{}/1"
"""The ``schema`` key of every --json document; ``src/agentconv/schemas/<command>.json`` describes it."""


def document(command: str, exit_code: int, **body) -> dict[str, Any]:
    """``{"schema": "agentconv.<command>/1", ...body, "exit_code": N}``: the shape every command's --json has
    (a command that failed as a whole has ``error`` instead of its body)."""
    return {"schema": SCHEMA.format(command), **body, "exit_code": exit_code}


def emit(doc: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")


def convert_row(src: str, to: str, *, result=None, error=None, target: str | None = None) -> dict[str, Any]:
    """One file of ``convert --json`` / ``--report-json``, for a file converted to stdout (or ``-o FILE``)."""
    if error is not None:
        rep = getattr(error, "report", None)
        return {"source": src, "target": None, "status": "failed", "from": rep.source if rep is not None else None,
                "to": to, "losses": rep.to_json() if rep is not None else [], "error": error_text(error),
                "exit_code": int(error.exit_code)}
    return {"source": src, "target": target, "status": "converted", "from": result.source, "to": result.target,
            "losses": result.report.to_json(), "path": result.path}


def convert_doc(rows: list[dict[str, Any]], exit_code: int, tally: "BatchTally | None" = None) -> dict[str, Any]:
    if tally is None:
        tally = BatchTally(False)
        for row in rows:
            tally.add(row["status"], [item["code"] for item in row["losses"]])
    return document("convert", exit_code, files=rows, summary=tally.to_json())


def write_report(path: Path, doc: dict[str, Any]) -> None:
    """``--report-json PATH`` (``-``: standard output): the document ``--json`` prints, without the texts."""
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if str(path) == "-":
        sys.stdout.write(text)
    else:
        from .. import fsio

        fsio.write_atomic(path, text.encode("utf-8"))


class BatchTally:
    """What a batch needs to remember: counts, the first failure's exit code, and (only when asked for)
    the JSON rows. Results themselves are not kept, so memory does not grow with the number of files."""

    def __init__(self, keep_rows: bool):
        self.counts: dict[str, int] = {}
        self.losses: dict[str, int] = {}
        self.total = 0
        self.first_failure: int | None = None
        self.rows: list[dict[str, Any]] | None = [] if keep_rows else None
        self.error: InternalError | None = None
        """A bug that stopped the batch itself (exit 70)."""

    def add(self, status: str, codes) -> None:
        self.total += 1
        self.counts[status] = self.counts.get(status, 0) + 1
        for code in codes:
            self.losses[code] = self.losses.get(code, 0) + 1

    def to_json(self) -> dict[str, Any]:
        return {"statuses": self.counts, "losses": self.losses}

    def exit_code(self) -> int:
        if self.error is not None:
            return int(ExitCode.INTERNAL)
        failed = self.counts.get("failed", 0)
        if not failed:
            return int(ExitCode.OK)
        taken = self.total - self.counts.get("skipped", 0)
        return int(ExitCode.PARTIAL) if failed < taken else (self.first_failure or int(ExitCode.PARTIAL))


def summary_line(statuses: dict[str, Any], losses: dict[str, Any], order=None) -> str:
    """``2 converted, 1 failed; losses: 3 model-coerced, ...``: the same closing line for every batch."""
    keys = [k for k in order if statuses.get(k)] if order else sorted(statuses)
    counts = ", ".join(f"{statuses[k]} {k}" for k in keys)
    lost = ", ".join(f"{n} {code}" for code, n in sorted(losses.items(), key=lambda kv: (-kv[1], kv[0])))
    return (counts or "nothing to do") + (f"; losses: {lost}" if lost else "")


def single(src: str, result, level: int) -> None:
    """One file converted to standard output: its loss items, then ``SRC: claude -> copilot; losses: ...``."""
    out = Diagnostics(level)
    out.losses(result.report)
    out.flush()
    codes: dict[str, int] = {}
    for item in result.report:
        codes[item.code.value] = codes.get(item.code.value, 0) + 1
    lost = summary_line({}, codes).removeprefix("nothing to do; ") if codes else "nothing lost"
    routed = f" (for {result.routed})" if getattr(result, "routed", None) else ""
    out.summary(f"{'<stdin>' if src == '-' else src}: {result.source} -> {result.target}{routed}; {lost}")


def batch(results, as_json: bool, level: int, keep_rows: bool = False, to: str | None = None) -> BatchTally:
    """Consume results as they stream: a progress line on a terminal (nothing extra when piped); losses and
    errors grouped on stderr at the end; with --json, one JSON document whose ``files`` array is written
    record by record."""
    tally, tty = BatchTally(keep_rows), sys.stderr.isatty() and not as_json
    out = Diagnostics(level)
    if as_json:
        sys.stdout.write(f'{{"schema": "{SCHEMA.format("convert")}", "files": [')
    try:
        _stream(results, tally, as_json, out, tty, to)
    except OSError:
        raise  # a closed standard output, a full disk: cli.main says so in one line
    except Exception as exc:  # noqa: BLE001 - a bug below the batch: one line, the JSON closed (exit_code 70)
        tally.error = InternalError.wrap(exc)
        sys.stderr.write(f"agentconv: error: {tally.error}\n")
    if tty:
        sys.stderr.write("\r\x1b[K")
    if as_json:
        sys.stdout.write(f'], "summary": {json.dumps(tally.to_json())}, "exit_code": {tally.exit_code()}}}\n')
    else:
        out.flush()
        out.summary(f"{tally.total} file{'s' if tally.total != 1 else ''}: {summary_line(tally.counts, tally.losses)}")
    return tally


def _stream(results, tally: BatchTally, as_json: bool, out: Diagnostics, tty: bool, to: str | None) -> None:
    for r in results:
        tally.add(r.status, (item.code.value for item in r.report))
        if r.status == "failed" and tally.first_failure is None:
            tally.first_failure = r.exit_code
        row = {**r.to_json(), "to": to} if as_json or tally.rows is not None else None
        if row is not None and r.error:
            row["error"] = hinted(r.error, r.remedy)
        if tally.rows is not None:
            tally.rows.append(row)
        if as_json:
            sys.stdout.write(("" if tally.total == 1 else ", ") + json.dumps(row, ensure_ascii=False))
            continue
        if r.error:
            out.error(hinted(r.error, r.remedy), r.source)
        elif r.reason:
            out.note(f"{r.source}: skipped: {r.reason}", r.source)
        else:
            out.losses(r.report)
        if tty:
            sys.stderr.write(f"\r{tally.total} files\x1b[K")


def table(rows: list[dict[str, Any]], packages: list[dict[str, Any]] = ()) -> None:
    _columns(("id", "title", "tools", "deny", "patterns", "path"),
             [(r["id"], r["title"], r["tools"], _yes(r["deny"]), _yes(r["patterns"]), r["path"] or "") for r in rows])
    sys.stdout.write("\nfields each can hold:\n")
    for r in rows:
        sys.stdout.write(f"  {r['id']}: {', '.join(r['fields'])}\n")
    if not packages:
        return
    sys.stdout.write("\npackages (whole folders, with convert or migrate):\n")
    _columns(("id", "title", "reads", "writes", "path"),
             [(p["id"], p["title"], _yes(p["reads"]), _yes(p["writes"]), p["path"]) for p in packages])
    sys.stdout.write("\nrecords each holds:\n")
    for p in packages:
        sys.stdout.write(f"  {p['id']}: {', '.join(p['records'])}" + (", and per client (--clients):" if p["clients"] else "")
                         + "\n")
        for c in p["clients"]:
            held = ", ".join(d for d in (c["agents"], c["commands"]) if d)
            sys.stdout.write(f"    {c['id']}: " + (f"{held} in {c['namespace']}/" if held else "skills and MCP servers only "
                             "(it loads no agents or commands from a plugin)") + "\n")


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _columns(head: tuple[str, ...], data: list[tuple[Any, ...]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *data)]
    for row in [head, *data]:
        sys.stdout.write("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip() + "\n")


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


def _said(r):
    """A record with its error as the CLI says it (its remedy as a hint), in JSON too."""
    if r.error and r.remedy:
        r.error, r.remedy = hinted(r.error, r.remedy), None
    return r


def outcome(result, as_json: bool, mode: str, level: int = NORMAL, command: str = "migrate") -> None:
    """A migrate/plan/sync outcome: one JSON document on stdout, or its errors, losses and summary on stderr."""
    if as_json:
        emit(document(command, result.summary.exit_code(), files=[_said(r).to_json() for r in result.records],
                      summary=result.summary.to_json()))
        return
    out = Diagnostics(level)
    read = False  # a source found and read (not only files discovery accounts for as skipped: AGENTS.md ...)
    for r in map(_said, result.records):
        read = read or r.status != "skipped" or r.target_dialect is not None
        if r.error and r.status == "skipped":  # a file with nothing to convert: why (no error)
            out.note(f"{r.source}: skipped: {r.error}", r.source)
        elif r.error:
            out.error(r.error, r.source, r.target)
        for item in r.losses:  # as r.items() gives them, without a copy of each
            out.loss(item, r.source)
        if mode == "plan" and r.status == "planned":
            sys.stdout.write(f"{r.source} -> {r.target}  ({r.source_dialect} -> {r.target_dialect})\n")
        if mode == "diff" and r.diff:
            sys.stdout.write(r.diff)
    out.flush()
    s = result.summary
    if level < VERBOSE:  # the items below the level never left the workers: only their counts did
        out.hidden = sum(s.losses.values()) - out.seen
    order = ("converted", "planned", "unchanged", "removed", "skipped", "kept", "collision", "failed")
    skipped = s.statuses.get("skipped", 0)
    out.summary(summary_line(s.statuses, s.losses, order) if read else
                NOTHING_FOUND + (f" ({skipped} skipped: -v says why)" if skipped else ""))


NOTHING_FOUND = ("nothing to do: no agent file where the tools keep them (.claude/agents/, .github/agents/ ...: "
                 "`agentconv dialects`); `--file PATH` adds one from elsewhere, `agentconv convert DIR --to T -o OUT` "
                 "converts a folder wherever it is")
"""What ``migrate``/``sync`` say when they found no source at all (an agent collection kept in ``agents/``, say)."""
