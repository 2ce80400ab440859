"""Output levels and grouping (agentconv.cli.render.Diagnostics): one line per distinct problem."""
from __future__ import annotations

import io

from agentconv.cli import render
from agentconv.loss import LossCode, LossItem, Severity


def _item(sev: str, file: str, message: str = "tool 'X' has no y name; not granted") -> LossItem:
    return LossItem(LossCode.TOOL_UNMAPPED, Severity(sev), "tools", message, "claude", "y", file)


def _run(level: int, feed) -> str:
    buf = io.StringIO()
    out = render.Diagnostics(level, buf)
    feed(out)
    out.flush()
    out.summary("done")
    return buf.getvalue()


def _feed(out: render.Diagnostics) -> None:
    for f in ("a.md", "b.md", "c.md"):
        out.loss(_item("warning", f))
        out.loss(_item("info", f, "tool names written in y's spelling"))
    out.error("a.md: not UTF-8 text (byte 142: invalid continuation byte)", "a.md")
    out.error("b.md: not UTF-8 text (byte 201: invalid continuation byte)", "b.md")
    for src in ("p/one.md", "p/two.md"):  # a collision is seen from each of its sources
        out.error("t/x.md: 2 sources want this file (p/one.md, p/two.md); rename one", src, "t/x.md")
    out.error("t/y.md: 2 sources want this file (p/one.md, p/two.md); rename one", "p/one.md", "t/y.md")  # same pair
    out.error("t/z.md: 2 sources want this file (p/one.md, q/two.md); rename one", "p/one.md", "t/z.md")


def test_default_groups_and_puts_errors_last() -> None:
    assert _run(render.NORMAL, _feed).splitlines() == [
        "a.md: warning [tool-unmapped] tools: tool 'X' has no y name; not granted (and 2 other files)",
        "agentconv: error: a.md: not UTF-8 text (byte 142: invalid continuation byte) (and 1 other file)",
        "agentconv: error: t/x.md: 2 sources want this file (p/one.md, p/two.md); rename one (and 1 other file)",
        "agentconv: error: t/z.md: 2 sources want this file (p/one.md, q/two.md); rename one",
        "done (3 info items not shown; -v shows them)",
    ]


def test_quiet_is_errors_only() -> None:
    assert _run(render.QUIET, _feed).splitlines() == [
        "agentconv: error: a.md: not UTF-8 text (byte 142: invalid continuation byte) (and 1 other file)",
        "agentconv: error: t/x.md: 2 sources want this file (p/one.md, p/two.md); rename one (and 1 other file)",
        "agentconv: error: t/z.md: 2 sources want this file (p/one.md, q/two.md); rename one",
    ]


def test_verbose_prints_every_occurrence_with_infos() -> None:
    lines = _run(render.VERBOSE, _feed).splitlines()
    assert len(lines) == 6 + 2 + 1 + 2 + 1  # the collision seen from both its sources: one line
    assert "b.md: info [tool-unmapped] tools: tool names written in y's spelling" in lines
    assert lines[-1] == "done"
