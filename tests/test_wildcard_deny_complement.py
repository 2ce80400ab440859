"""A denied wildcard over tool names, written where a deny list becomes an allowlist of built-in tools. Claude Code
matches a deny rule's tool name as a glob against every tool's (@anthropic-ai/claude-code 2.1.330, read
2026-11-29): ``disallowed-tools: Web*`` denies WebFetch and WebSearch. The wildcard names no tool a table knows, so it
was reported "not granted" and the allowlist written for Copilot or Gemini granted their web tools: a widening. The
tools of the source's dialect it matches are now left out. Synthetic inputs only."""
from __future__ import annotations

import pytest
import yaml

import agentconv

CMD = ".claude/commands/c.md"
AGENT = ".claude/agents/a.md"


def tools_of(text: str) -> list[str]:
    return yaml.safe_load(text.split("---\n")[1]).get("tools", [])


@pytest.mark.parametrize("deny", ["Web*", "web*", "WebFetc?, WebSearch", '["Bash", "Web*"]'])
@pytest.mark.parametrize("to, web", [("copilot-prompt", ["web/fetch"])])
def test_a_command_s_wildcard_deny_leaves_the_matching_tools_out(deny, to, web):
    text = f"---\ndescription: d\ndisallowed-tools: {deny}\n---\nDo.\n"
    out = agentconv.convert_text(text, to, from_="claude-command", path=CMD).text
    assert tools_of(out) and not set(web) & set(tools_of(out))
    assert "read/readFile" in tools_of(out)


@pytest.mark.parametrize("to, web", [("gemini", ["web_fetch", "google_web_search"]), ("copilot", ["web/fetch"])])
def test_an_agent_s_wildcard_deny_leaves_the_matching_tools_out(to, web):
    text = "---\nname: a\ndescription: d\ndisallowedTools: Web*, Bash\n---\nDo.\n"
    out = agentconv.convert_text(text, to, from_="claude", path=AGENT).text
    assert tools_of(out) and not set(web) & set(tools_of(out))


def test_a_wildcard_matching_no_tool_takes_nothing_away():
    text = "---\nname: a\ndescription: d\ndisallowedTools: Zzz*, Bash\n---\nDo.\n"
    out = agentconv.convert_text(text, "gemini", from_="claude", path=AGENT).text
    assert {"web_fetch", "google_web_search", "read_file"} <= set(tools_of(out))
