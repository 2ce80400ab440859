"""A Kiro agent's `allowedTools` is read into the tool policy (a trusted tool allowed, any other asking): written for
a tool whose policy says allow and ask (OpenCode) nothing is lost, and where the asks are lost the tool writer says so
(field-dropped). It was also said as "kiro field 'allowedTools' has no place" (extension-dropped) every time: once is
enough. Kiro's Markdown form takes the same key: written there."""
import json

import agentconv

KIRO = json.dumps({"name": "rev", "description": "Reviews", "prompt": "Review code.",
                   "tools": ["read", "write", "shell"], "allowedTools": ["read", "write"]})


def _about_allowed(out):
    return [i for i in out.report if "allowedTools" in i.path or "allowedTools" in i.message]


def test_opencode_says_nothing_claude_says_the_asks_once():
    oc = agentconv.convert_text(KIRO, "opencode", from_="kiro", path=".kiro/agents/rev.json")
    assert "  write: allow\n  edit: allow\n  bash: ask\n" in oc.text, oc.text
    assert [i.code.value for i in _about_allowed(oc) if i.severity.value != "info"] == []
    cc = agentconv.convert_text(KIRO, "claude", from_="kiro", path=".kiro/agents/rev.json")
    warnings = [i for i in cc.report if i.severity.value == "warning"]
    assert [(i.code.value, i.path) for i in warnings] == [("field-dropped", "tools")]
    assert "the ask before each call of shell not kept" in warnings[0].message
    # Kiro's other form takes the same key: written there, nothing to say (it was "no place", the trust lost)
    md = agentconv.convert_text(KIRO, "kiro-md", from_="kiro", path=".kiro/agents/rev.json")
    assert "\nallowedTools:\n  - read\n  - write\n" in md.text
    assert [i.code.value for i in md.report if i.path == "extensions.kiro.allowedTools"] == []
