"""The write path's remembered table lookups: a record written after another of the same shape gets every loss item
and side-channel field the first got, and a memo stays bounded (in entries, and a key of a hostile size is not kept)."""
from __future__ import annotations

import re

import agentconv
from agentconv.dialects import detection, helpers, toolpolicy
from agentconv.ir import ALLOWLIST, Grant, ToolPolicy

SOURCE = """---
name: {name}
description: Reviews code.
tools: Read, WebSearch, WebFetch, Bash(git *), mcp__srv__a_b, NoSuchTool
model: claude-sonnet-4-5
color: red
---

Review.
"""


def _convert(name: str, target: str) -> tuple[str, list[tuple[str, str, str]]]:
    res = agentconvert(SOURCE.format(name=name), target)
    return res.text, [(i.code.value, i.path, i.message) for i in res.report.items]


def _undigested(text: str) -> str:
    return re.sub(r'"digest":"[0-9a-f]+"', '"digest":"-"', text)  # it covers the name


def agentconvert(text: str, target: str) -> agentconv.Result:
    return agentconv.convert_text(text, target, from_="claude", path=".claude/agents/x.md",
                                  policy=agentconv.Policy(allow_broaden=True))


def test_the_second_record_of_a_shape_is_written_and_reported_as_the_first() -> None:
    carried = []
    for target in ("copilot", "opencode", "gemini", "kiro"):
        first_text, first = _convert("one", target)
        second_text, second = _convert("two", target)
        assert first, target  # something to report: tools unmapped or respelled, a model, a colour
        assert second == [(c, p, m.replace("one", "two")) for c, p, m in first], target
        assert _undigested(second_text) == _undigested(first_text.replace("one", "two")), target
        carried += [target] if "agentconv-carry" in first_text else []
    assert carried  # a side channel rides along too, the same for both


def test_a_memo_is_bounded_in_entries_and_keeps_no_huge_key(monkeypatch) -> None:
    owner = type("Owner", (), {})()
    monkeypatch.setattr(helpers, "MEMO_SIZE", 8)
    for i in range(20):
        assert helpers.memo(owner, "m", i, lambda: i * 2) == i * 2
        assert len(owner.m) <= 8
    assert helpers.memo(owner, "m", "big", lambda: 1, lambda: helpers.MEMO_WEIGHT + 1) == 1
    assert "big" not in owner.m
    assert helpers.memo(owner, "m", "small", lambda: 2, lambda: helpers.MEMO_WEIGHT) == 2
    assert owner.m["small"] == 2


def test_the_tools_carry_check_of_a_huge_policy_is_worked_out_not_kept() -> None:
    from agentconv import registry

    huge = "mcp__" + "s" * 5000 + "__t"
    carried = ToolPolicy(ALLOWLIST, [Grant("Read", "read"), Grant(huge, "mcp:" + "s" * 5000 + "/t")])
    visible = ToolPolicy(ALLOWLIST, [Grant("Read", "read")])
    assert toolpolicy.within_classes(carried, visible) is None  # another MCP server: wider
    assert toolpolicy.within_classes(visible, carried) == []
    small = ToolPolicy(ALLOWLIST, [Grant("Read", "read"), Grant("Grep", "grep")])
    assert toolpolicy.within_classes(small, visible) == ["Grep"]  # of a class the visible file grants: restored
    agentconvert(SOURCE.format(name="one"), "copilot")  # NoSuchTool has no Copilot name: is the policy carried?
    agentconvert(SOURCE.replace("NoSuchTool", huge).format(name="one"), "copilot")
    kept = registry.get("copilot").__dict__["_refused_memo"]
    assert any("'NoSuchTool'" in repr(k) for k in kept)  # the small policy's verdict is remembered ...
    assert not any(huge in repr(k) for k in kept)  # ... the huge one worked out, never kept (whatever else is there)


def test_detection_and_tool_names_remember_through_the_one_bounded_memo() -> None:
    from agentconv import registry

    claude = registry.get("claude")
    huge = ", ".join(f"mcp__srv__tool{i}" for i in range(400))  # a hostile tool list: scored, never kept
    assert claude._detect_tools({"tools": huge}) == claude._detect_tools({"tools": huge})
    assert claude._detect_tools({"tools": "Read, Grep"})[0] > 0
    kept = detection._MEMO.lists  # one memo for every dialect's scores of a list
    assert claude in kept[(str, "Read, Grep")] and (str, huge) not in kept
    copilot = registry.get("copilot")
    shared = copilot._detect_tools({"tools": "Read, Grep"})  # the entry claude made: copilot's own score added
    assert shared != claude._detect_tools({"tools": "Read, Grep"})  # (claude's comma string is worth 2 more)
    detection._MEMO.__dict__.clear()
    assert copilot._detect_tools({"tools": "Read, Grep"}) == shared  # as worked out alone
    crosswalk = claude.crosswalk
    long_mcp = "mcp__" + "s" * 2000 + "__t"
    assert crosswalk.read(long_mcp) == crosswalk.read(long_mcp)
    assert crosswalk.read("mcp__srv__t")
    assert "mcp__srv__t" in crosswalk.__dict__["_mcp_memo"] and long_mcp not in crosswalk.__dict__["_mcp_memo"]


def _forget_memos() -> None:
    """Every write-path and detection memo emptied, as in a fresh process."""
    from agentconv import registry

    for d in registry.all_dialects():
        for owner in (d, d.crosswalk):
            for key in [k for k in owner.__dict__ if k.endswith("_memo")]:
                del owner.__dict__[key]
    toolpolicy._MEMO.__dict__.clear()
    detection._MEMO.__dict__.clear()


LISTS = ["Read, Grep, WebFetch, Bash(git *)", "Bash(git *), Grep, mcp__srv__a_b, NoSuchTool",
         "Grep, Read", "WebSearch, Write, mcp__srv__a_b", "Read, WebSearch"]


def test_a_tool_list_that_shares_names_with_earlier_ones_converts_as_in_a_fresh_process() -> None:
    """The per-name memos (detection's weight of a name, a spelling's scope and ids, a grant's spelling in a target):
    a list made of names seen in other lists is detected, read, written and reported as it is alone."""
    def run(tools: str, target: str) -> tuple[str, list[tuple[str, str, str]], dict]:
        text = SOURCE.replace("tools: Read, WebSearch, WebFetch, Bash(git *), mcp__srv__a_b, NoSuchTool",
                              f"tools: {tools}").format(name="x")
        det = agentconv.detect_text(text, path=".claude/agents/x.md").to_json()
        res = agentconv.convert_text(text, target, path=".claude/agents/x.md",  # detected: no from_
                                     policy=agentconv.Policy(allow_broaden=True))
        return res.text, [(i.code.value, i.path, i.message) for i in res.report.items], det

    for target in ("copilot", "opencode", "gemini"):
        alone = []
        for tools in LISTS:
            _forget_memos()
            alone.append(run(tools, target))
        _forget_memos()
        after = [run(tools, target) for tools in LISTS]
        assert after == alone, target
        assert any(det["dialect"] == "claude" for _, _, det in after)


def test_the_last_long_scalar_is_reused_only_for_the_very_same_string() -> None:
    from agentconv.envelopes import yamlio

    plain, quoted = "Reviews code " * 10 + "now", "Reviews: code " * 10 + "now"
    fresh = {s: (s if yamlio.plain_ok(s) else yamlio._quoted(s)) for s in (plain, quoted)}
    assert fresh[plain] == plain and fresh[quoted] != quoted  # one of each kind
    equal = "".join(["Reviews: code "] * 10 + ["now"])  # equal to ``quoted``, another object
    for s in (plain, plain, quoted, equal, plain, quoted):
        assert yamlio.scalar(s) == fresh[s]
    source = SOURCE.replace("Reviews code.", f'"{quoted}"')
    twice = [agentconvert(source.format(name="one"), t).text for t in ("copilot", "opencode", "copilot")]
    assert twice[0] == twice[2] and f"description: {fresh[quoted]}" in twice[0]


def test_the_last_body_hashed_is_reused_only_for_the_very_same_string() -> None:
    import hashlib
    import json

    from agentconv import carry

    def fresh(mapping: dict, body: str) -> str:
        h = hashlib.sha256(json.dumps(mapping, sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(b"\0" + body.encode())
        return h.hexdigest()[:16]

    body = "Review ± code.\n" * 40
    equal = "".join(["Review ± code.\n"] * 40)  # equal to ``body``, another object
    other = "Other prompt."
    for mapping, text in [({"name": "a"}, body), ({"name": "b", "n": 1}, body), ({"name": "a"}, equal),
                          ({"name": "a"}, other), ({"name": "a"}, body), ({"x": object()}, other)]:
        assert carry.digest(mapping, text) == fresh(mapping, text)
