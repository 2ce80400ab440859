"""What a write does around its field writers (issue 11): the side channel's check of a carried tool policy, the
loss report's items, the write's context; counted, never timed, with the same output."""
from __future__ import annotations

import sys

from agentconv import api, loss, registry
from agentconv.dialects import base, toolpolicy

HEAD = "---\nname: {n}\ndescription: Agent {n}.\ntools: Read, Grep, Glob, Bash, SendMessage, TodoWrite\n---\nBody {n}.\n"


def _write_both(n: str) -> list[str]:
    doc, report = api.read_text(HEAD.format(n=n), "claude", path=f".claude/agents/{n}.md")
    return [r.text for to in ("copilot", "opencode") for r in api.write_all(doc, to, report=report)]


def test_a_carried_policy_reads_each_header_name_once_per_dialect(monkeypatch):
    """The carried tool policy (TodoWrite is said another way there: the source's list rides) is checked beside the
    header's tool names (``plainly_within``): each name is read into its tools once per dialect, not again for every
    header that lists it; a name read as a scoped grant is still no plain allowlist."""
    registry.reset()
    inside = {"on": False, "grants": 0, "checks": 0}
    within, grants = toolpolicy.plainly_within, toolpolicy.ToolFields.grants

    def counted_within(*args):
        inside["on"] = True
        inside["checks"] += 1
        try:
            return within(*args)
        finally:
            inside["on"] = False

    def counted_grants(self, *args, **kwargs):
        if inside["on"]:
            inside["grants"] += 1
        return grants(self, *args, **kwargs)

    monkeypatch.setattr(base, "plainly_within", counted_within)
    monkeypatch.setattr(toolpolicy.ToolFields, "grants", counted_grants)
    first = _write_both("around-a")
    assert inside["checks"] == 2 and inside["grants"] > 0  # both targets check it, reading each name once
    inside["grants"] = 0
    second = _write_both("around-b")
    assert inside["checks"] == 4 and inside["grants"] == 0  # the same names again: read already
    for text in (*first, *second):  # the policy rode beside each header: it was found within it
        assert '"tools":{"mode":"allowlist"' in text.split("agentconv-carry: ", 1)[1]
    claude = registry.get("claude")  # a name read as a scoped grant is no plain allowlist, read or remembered
    carried = {"mode": "allowlist", "grants": [{"raw": "Bash", "canonical": "bash", "decision": "allow",
                                                "pattern": None}]}
    for _ in range(2):
        assert within(claude, carried, ["Bash(git *)"]) is False
        assert within(claude, carried, ["Bash"]) is True


def test_an_item_does_not_ask_for_the_table_once_it_is_loaded(monkeypatch):
    """``LossReport.add`` looks its code up in the loaded table: no call of ``spec`` per item (the first loads it)."""
    params = _params()
    calls = []
    real = loss.spec
    monkeypatch.setattr(loss, "spec", lambda: calls.append(1) or real())
    report = loss.LossReport([], "claude", "copilot", "a.md")
    item = report.add(loss.LossCode.MODEL_DEFAULT, "model", model="inherit", dialect="GitHub Copilot")
    assert calls == []
    assert item.severity is loss.Severity.INFO
    assert item.message == loss.LossCode.MODEL_DEFAULT.message(model="inherit", dialect="GitHub Copilot")
    calls.clear()
    monkeypatch.setattr(loss, "_SPEC", {})  # a table not loaded yet: the first item loads it
    item = loss.LossReport().add(loss.LossCode.EXTENSION_DROPPED, "x", **params)
    assert calls == [1] and loss._SPEC and item.severity is loss.LossCode.EXTENSION_DROPPED.severity


def _params() -> dict[str, str]:
    import string

    template = loss.spec()[loss.LossCode.EXTENSION_DROPPED][1]
    return {name: "v" for _, name, _, _ in string.Formatter().parse(template) if name}


def test_a_context_holds_only_what_its_write_set():
    """A write's context starts from the class's defaults (immutable) and makes its own containers: nothing one write
    fills is seen by the next."""
    doc, report = api.read_text(HEAD.format(n="ctx"), "claude", path=".claude/agents/ctx.md")
    d = registry.get("copilot")
    one = base.WriteContext(d, doc.agent, report, loss.Policy())
    two = base.WriteContext(d, doc.agent, report, loss.Policy())
    for name in ("carried", "mapped", "translated", "done", "as_read", "carried_as", "said_denies", "said_modes"):
        assert getattr(one, name) is not getattr(two, name)
    assert "made" not in vars(one) and one.made == () and one.wider == () and one.name is None
    one.wider += ("x",)
    one.made = ("name",)
    assert two.wider == () and two.made == () and base.WriteContext.wider == ()
