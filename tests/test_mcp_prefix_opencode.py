"""OpenCode names an MCP tool `<server>_<tool>` (packages/opencode/src/mcp/index.ts `tools()`: both names with every
character but letters, digits, '_' and '-' made '_'; anomalyco/opencode 001133bc) and matches a permission key as a
wildcard over those names (util/wildcard.ts: `*` any characters but '/'). So `github_*`, the only way to name server
github's tools there, matches server github_enterprise's tools too (helper widen8, 2026-11-28)."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError

from yamlcheck import header

CLAUDE = ".claude/agents/a.md"
OC = ".opencode/agent/a.md"


def _claude(tools: str) -> str:
    return f"---\nname: a\ndescription: d\ntools: {tools}\n---\nDo it.\n"


def _said(out, code: str) -> list[str]:
    return [i.message for i in out.report if i.code.value == code]


def test_a_server_wildcard_written_for_opencode_says_it_matches_servers_named_after_it():
    for target in ("opencode", "kilo-agents"):
        out = agentconv.convert_text(_claude("Read, mcp__github"), target, from_="claude", path=CLAUDE)
        assert header(out.text)["permission"] == {"*": "deny", "read": "allow", "github_*": "allow"}
        said = _said(out, "tool-prefix")
        assert len(said) == 1 and "'github_*'" in said[0] and "'github_'" in said[0], said
        assert not _said(out, "tool-broadened")


def test_a_server_wildcard_that_would_grant_another_named_server_is_refused():
    text = _claude("Read, mcp__github, mcp__github_enterprise__search")  # one tool of github_enterprise only
    for target in ("opencode", "kilo-agents"):
        with pytest.raises(BroadenError) as err:
            agentconv.convert_text(text, target, from_="claude", path=CLAUDE)
        assert "github_enterprise" in str(err.value)
    both = _claude("Read, mcp__github, mcp__github_enterprise")  # both whole: nothing more granted
    perm = header(agentconv.convert_text(both, "opencode", from_="claude", path=CLAUDE).text)["permission"]
    assert perm == {"*": "deny", "read": "allow", "github_*": "allow", "github_enterprise_*": "allow"}
    other = _claude("Read, mcp__github, mcp__gitlab__search")  # a server github_* does not match
    assert agentconv.convert_text(other, "opencode", from_="claude", path=CLAUDE).text


def test_an_opencode_server_deny_is_read_as_every_server_it_matches():
    text = "---\ndescription: d\nmode: subagent\npermission:\n  github_*: deny\n---\nDo it.\n"
    doc, _ = agentconv.read_text(text, "opencode", path=OC)
    denied = [(g.raw, g.canonical) for g in doc.records[0].tools.denied()]
    assert ("github_*", "mcp:github/*") in denied and ("github_*", None) in denied, denied
    with pytest.raises(BroadenError) as err:  # Claude's mcp__github__* leaves server github_enterprise's tools allowed
        agentconv.convert_text(text, "claude", from_="opencode", path=OC)
    assert "github_*" in str(err.value)
    assert agentconv.convert_text(text, "opencode", from_="opencode", path=OC).text == text
    allowed = "---\ndescription: d\nmode: subagent\npermission:\n  \"*\": deny\n  github_*: allow\n---\nDo it.\n"
    assert header(agentconv.convert_text(allowed, "claude", from_="opencode", path=OC).text)["tools"] == "mcp__github__*"
