"""The tool writers' usual case (a tool list with no scope, no MCP server wildcard) does only the work its answer needs
(issue 11): counted, never timed, and the same output and report as the passes it no longer runs would give."""
from __future__ import annotations

import random

from agentconv import api, registry
from agentconv.dialects import toolpolicy
from agentconv.envelopes import yamlio

HEAD = "---\nname: {n}\ndescription: Agent {n}.\ntools: {tools}\n---\nBody {n}.\n"


def _write_both(n: str, tools: str) -> dict[str, tuple[str, list[tuple[str, str, str]]]]:
    doc, report = api.read_text(HEAD.format(n=n, tools=tools), "claude", path=f".claude/agents/{n}.md")
    out = {}
    for to in ("copilot", "opencode"):
        got = api.write_all(doc, to, report=report)
        out[to] = ("".join(r.text for r in got), [(i.code.value, i.path, i.message) for i in report.items])
    return out


def _counting(monkeypatch, cls, name: str, counted: dict[str, int]) -> None:
    real = getattr(cls, name)

    def counting(*args, **kwargs):
        counted[name] = counted.get(name, 0) + 1
        return real(*args, **kwargs)

    monkeypatch.setattr(cls, name, counting)


def test_a_name_is_asked_once_what_it_grants_allowed(monkeypatch):
    """``grants`` of one spelling, allowed, again and again: whether it names every server's tools where that only
    denies, or a tool pattern that matches none, is worked out with its meaning, once (lead: at every call)."""
    registry.reset()
    claude = registry.get("claude")
    counted: dict[str, int] = {}
    _counting(monkeypatch, toolpolicy.ToolFields, "every_server_denies_only", counted)
    _counting(monkeypatch, toolpolicy.ToolFields, "tool_glob_grants_none", counted)
    for _ in range(3):
        assert [g.canonical for g in claude.grants("Read", "allow")] == ["read"]
        assert [g.canonical for g in claude.grants("mcp__*", "allow")] == [None]  # grants no tool in a list there
        assert [g.canonical for g in claude.grants("mcp__*", "deny")] != [None]  # denied: every server's tools
    assert counted == {"every_server_denies_only": 2, "tool_glob_grants_none": 1}  # (`mcp__*` told by the first)


def test_a_list_without_scopes_skips_the_scope_passes(monkeypatch):
    """A tool list with no scope written into Copilot and OpenCode: no grant is asked whether its source ignored its
    scope, no file scope's case is compared (lead: each grant asked, and the case pass run, in both targets); a scoped
    list still is, and both write what they wrote, report and side channel alike."""
    registry.reset()
    plain = _write_both("plain", "Read, Grep, Bash, WebFetch, NoSuchTool")
    scoped = _write_both("scoped", "Read, Bash(git *), mcp__srv__a")
    counted: dict[str, int] = {}
    _counting(monkeypatch, toolpolicy.ToolFields, "scope_ignored", counted)
    _counting(monkeypatch, toolpolicy.ToolFields, "check_case", counted)
    assert _write_both("plain", "Read, Grep, Bash, WebFetch, NoSuchTool") == plain
    assert counted == {}
    assert _write_both("scoped", "Read, Bash(git *), mcp__srv__a") == scoped
    assert counted.get("scope_ignored", 0) > 0 and counted.get("check_case", 0) > 0


def test_dump_field_writes_short_text_as_the_general_rule():
    """``dump_field``'s one-line text, lists and maps of short strings (through the short strings' memo) give what
    ``_node`` writes by the general rule, over random strings of the characters YAML treats specially."""
    rng = random.Random(11)
    alphabet = "ab:#-?,[]{}&*!|>'\"%@` \t\u00e9\u2028\x85yesno0123.e+~"
    for _ in range(3000):
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(rng.randint(1, 4))]
        words = [w.replace("\n", "") for w in words]
        key = rng.choice(["name", "description", "a b", "---", "x:", words[0][:60] or "k"])
        for value in (words[0], words, {w[:60] or "k": w for w in words}):
            assert yamlio.dump_field(key, value) == yamlio._node(yamlio._prefix(key, 0), value, 0)


def test_dump_field_takes_short_text_from_the_memo(monkeypatch):
    """A short key and value (most fields: a model, a mode, a name, a tool name) come from the short strings' memo
    with no call of ``_key`` or ``scalar`` (lead: one of each a field, one ``scalar`` an item); a long one still goes
    through ``scalar`` (its last-string cache)."""
    counted: dict[str, int] = {}
    _counting(monkeypatch, yamlio, "_key", counted)
    _counting(monkeypatch, yamlio, "scalar", counted)
    assert yamlio.dump_field("model", "sonnet") == "model: sonnet\n"
    assert yamlio.dump_field("tools", ["read", "a: b"]) == 'tools:\n  - read\n  - "a: b"\n'
    assert yamlio.dump_field("permission", {"*": "deny", "read": "allow"}) == 'permission:\n  "*": deny\n  read: allow\n'
    assert counted == {}
    long = "x" * (yamlio.SHORT + 1)
    assert yamlio.dump_field("description", long) == f"description: {long}\n"
    assert counted == {"scalar": 1}
