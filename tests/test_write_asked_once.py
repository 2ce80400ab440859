"""What every write asked again with one answer (issue 11): whether the record is of the dialect written, whether a
dialect keeps many records in one file, the path scopes of a tool list that has none; counted, never timed, with the
same output."""
from __future__ import annotations

import sys

from agentconv import api, registry
from agentconv.dialects import base, opencode, toolpolicy
from agentconv.envelopes import records

HEAD = "---\nname: {n}\ndescription: Agent {n}.\ntools: Read, Grep, Glob, Bash\nmodel: sonnet\n---\nBody {n}.\n"


def _write(n: str, targets: tuple[str, ...] = ("copilot", "opencode", "claude")) -> list[str]:
    doc, report = api.read_text(HEAD.format(n=n), "claude", path=f".claude/agents/{n}.md")
    return [r.text for to in targets for r in api.write_all(doc, to, report=report)]


def test_same_dialect_is_worked_out_once_a_write(monkeypatch):
    """The writers read ``ctx.same``, set when the context is made: ``same_dialect`` (kept for plugins, which ask it)
    is not called by a write, and answers as the flag does, before and after a hook replaces the record."""
    calls = []
    real = base.Dialect.same_dialect

    def counted(ctx):
        calls.append(1)
        return real(ctx)

    before = _write("once-a")
    monkeypatch.setattr(base.Dialect, "same_dialect", staticmethod(counted))
    after = _write("once-a")
    assert calls == []  # lead: ~20 calls a write
    assert after == before
    doc, report = api.read_text(HEAD.format(n="once-b"), "claude", path=".claude/agents/once-b.md")
    for to, same in (("claude", True), ("copilot", False)):
        ctx = base.WriteContext(registry.get(to), doc.agent, report, api.Policy())
        assert ctx.same is same and real(ctx) is same


def test_a_dialect_is_asked_once_whether_it_keeps_many_records(monkeypatch):
    """Whether a dialect's envelope keeps many records in one file (``records.many``) is told once per dialect
    (``Dialect.many_records``), not at every read and write of a record; the answer is the envelope's."""
    registry.reset()
    _write("many-a")  # each dialect asked once here
    calls = []
    real = records.many
    monkeypatch.setattr(records, "many", lambda envelope: calls.append(envelope) or real(envelope))
    first = _write("many-b")
    assert calls == []  # lead: 9 calls a source into two targets
    assert api.keeps_many("roo") is True and api.keeps_many("copilot") is False
    for d in registry.all_dialects():
        assert d.many_records is real(d.envelope)
    monkeypatch.undo()
    registry.reset()
    assert _write("many-b") == first


def test_a_tool_list_without_scopes_is_not_read_for_regexes(monkeypatch):
    """``narrow_regexes`` (a source's regex scope said as the target's wildcards or texts) returns a list in which no
    grant has a scope as it came, without reading the source's regexes or the tools it allows whole; one with a
    scope is still read."""
    calls = []
    real = toolpolicy.whole_tools

    def counted(policy):
        if sys._getframe(1).f_code.co_name == "narrow_regexes":
            calls.append(1)
        return real(policy)

    monkeypatch.setattr(toolpolicy, "whole_tools", counted)
    monkeypatch.setattr(opencode, "whole_tools", counted)
    texts = _write("regex-a", ("opencode", "copilot"))
    assert calls == []  # lead: OpenCode's and the general one's, each once
    monkeypatch.undo()
    assert _write("regex-a", ("opencode", "copilot")) == texts
    monkeypatch.setattr(toolpolicy, "whole_tools", counted)
    monkeypatch.setattr(opencode, "whole_tools", counted)
    scoped = "---\nname: regex-b\ndescription: B.\ntools: Read, Bash(git *)\n---\nBody.\n"
    doc, report = api.read_text(scoped, "claude", path=".claude/agents/regex-b.md")
    api.write_all(doc, "opencode", report=report)
    assert calls  # a scoped grant: asked as before


def test_a_file_name_already_worked_out_is_looked_up_without_the_memo_call(monkeypatch):
    """``file_stem`` (asked 3-4 times a write: for the path, the name's check, the others' references) looks a name it
    has worked out up in its memo directly: ``memo`` (and its two closures) only for a name not seen; the same answers,
    and a name the tool would skip (Gemini CLI's ``_x``) is still given without its prefix."""
    from agentconv.dialects import detection

    calls = []
    real = detection.memo
    monkeypatch.setattr(detection, "memo", lambda *a: calls.append(a[2]) or real(*a))
    doc, _ = api.read_text(HEAD.format(n="stem-a"), "claude", path=".claude/agents/stem-a.md")
    for to in ("copilot", "opencode", "gemini"):
        d = registry.get(to)
        first = d.file_stem(doc.agent)
        assert [d.file_stem(doc.agent) for _ in range(3)] == [first] * 3
    assert len(calls) <= 3  # one a dialect at most (lead: 12)
    skipped = api.read_text(HEAD.format(n="_stem-b"), "claude", path=".claude/agents/_stem-b.md")[0].agent
    gemini = registry.get("gemini")
    assert gemini.file_stem(skipped) == gemini.file_stem(skipped) == ("stem-b", None)


def test_where_a_kind_goes_is_worked_out_once_per_targets(monkeypatch):
    """``routed`` (the dialects a record of a kind is written in) is asked for every source of a run: worked out once
    per targets and kind, a new list each call, and again after the registry is reset."""
    from agentconv import routing

    registry.reset()
    calls = []
    real = routing._routed
    monkeypatch.setattr(routing, "_routed", lambda to, kind: calls.append((tuple(to), kind)) or real(to, kind))
    first = routing.routed(("copilot", "codex"), "command")
    second = routing.routed(["copilot", "codex"], "command")
    assert first == second == [("copilot-prompt", "copilot"), ("skill", "codex")] and first is not second
    second.append(("x", None))
    assert routing.routed(("copilot", "codex"), "command") == first
    assert calls == [(("copilot", "codex"), "command")]  # lead: each call
    registry.reset()
    assert routing.routed(("copilot", "codex"), "command") == first and len(calls) == 2


def test_what_a_memo_keeps_is_looked_up_without_its_call(monkeypatch):
    """A tool name's grants and spellings, a header name's tools, a model's spelling and an MCP name's reading, kept
    by ``memo`` at the first record, are looked up directly for the next one (``helpers.KEPT``): no ``memo`` call and
    no closures for them; the same texts."""
    from agentconv import tools
    from agentconv.dialects import helpers

    mcp = HEAD.replace("Bash\n", "Bash, mcp__github__get_issue\n")

    def write(n: str) -> list[str]:
        doc, report = api.read_text(mcp.format(n=n), "claude", path=f".claude/agents/{n}.md")
        return [r.text for to in ("copilot", "opencode") for r in api.write_all(doc, to, report=report)]

    write("kept-a")
    expected = write("kept-b")
    asked = []
    real = helpers.memo
    watched = {"_grant_memo", "_grant_names_memo", "_allowed_ids_memo", "_model_memo", "_mcp_memo"}

    def counted(owner, name, *rest):
        if name in watched:
            asked.append(name)
        return real(owner, name, *rest)

    for module in (base, toolpolicy, tools):
        monkeypatch.setattr(module, "memo", counted)
    assert write("kept-b") == expected
    assert asked == []  # lead: each of them again
