"""OpenCode's code search tool asks its own `codesearch` permission, not `websearch` (packages/opencode/src/tool/
codesearch.ts `ctx.ask({permission: "codesearch", ...})`, anomalyco/opencode, read 2026-11-29), and agentconv reads it
as a web search, the one tool both are elsewhere. `websearch: allow` beside `codesearch: deny` (a generated agent's
permission map) is read as web search denied, narrower than the source: said as tool-narrowed where the file leaves
OpenCode (it was silent), never said where it goes back to OpenCode, which keeps both keys as written.
Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv

PATH = ".opencode/agents/researcher.md"
TEXT = ("---\ndescription: Looks things up.\nmode: subagent\npermission:\n  read: allow\n  edit: deny\n"
        "  websearch: allow\n  codesearch: deny\n---\nLook it up.\n")


def narrowed(out) -> list[str]:
    return [i.message for i in out.report if i.code.value == "tool-narrowed" and "codesearch: deny" in i.message]


@pytest.mark.parametrize("target", ["claude", "gemini", "copilot", "kiro"])
def test_web_search_denied_by_the_code_search_denial_is_said(target):
    out = agentconv.convert_text(TEXT, target, path=PATH)
    said = narrowed(out)
    assert len(said) == 1 and "'websearch' (allowed in the source)" in said[0]
    assert out.report.worst().value == "warning"


def test_said_leaving_opencode_only_and_only_where_the_two_disagree():
    out = agentconv.convert_text(TEXT, "claude", path=PATH)
    assert "WebSearch" in out.text.split("disallowedTools:")[1].split("\n")[0]
    assert narrowed(out)
    back = agentconv.convert_text(TEXT, "opencode", path=PATH)  # both keys stand as written: nothing narrowed
    assert back.text == TEXT and not narrowed(back)
    same = TEXT.replace("websearch: allow", "websearch: deny")
    assert not narrowed(agentconv.convert_text(same, "claude", path=PATH))
    both = TEXT.replace("codesearch: deny", "codesearch: allow")
    assert not narrowed(agentconv.convert_text(both, "claude", path=PATH))
