"""A Claude Code subagent's ``permissionMode: plan`` ("Claude can analyze but not modify files or execute commands":
docs.anthropic.com/en/docs/claude-code/iam, read 2026-11-30) was dropped by every other dialect with a warning: a
plan-mode agent granted Edit and Bash got them in OpenCode or Copilot (a widening said as a warning only). A target
without the key now refuses it (claude.toml ``[own] permissionMode`` ``denies``) unless --allow-broaden, where the
agent is granted an edit or a shell tool; one granted neither loses nothing by it. Synthetic inputs only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError
from agentconv.loss import Policy

PATH = ".claude/agents/a.md"


def agent(*lines: str) -> str:
    return "---\nname: a\ndescription: d\n" + "".join(f"{line}\n" for line in lines) + "---\nDo.\n"


@pytest.mark.parametrize("to", ["opencode", "copilot", "gemini", "kiro", "codex", "roo", "markdown"])
@pytest.mark.parametrize("tools", [["tools: Read, Edit, Bash"], ["tools: Bash"], [], ["disallowedTools: WebFetch"]])
def test_a_plan_mode_agent_with_edits_or_a_shell_is_refused_where_the_mode_is_dropped(to, tools):
    with pytest.raises(BroadenError, match="claude's permissionMode deny every tool that edits files or runs commands"):
        agentconv.convert_text(agent(*tools, "permissionMode: plan"), to, from_="claude", path=PATH)


def test_allow_broaden_writes_it_and_says_so():
    out = agentconv.convert_text(agent("tools: Read, Edit", "permissionMode: plan"), "opencode", from_="claude",
                                 path=PATH, policy=Policy(allow_broaden=True))
    assert [i for i in out.report.items if i.code.value == "tool-broadened" and "plan mode" in i.message]


@pytest.mark.parametrize("line", ["tools: Read, Grep", "permissionMode: default"])
def test_nothing_is_refused_where_plan_mode_takes_nothing_away(line):
    lines = [line, "permissionMode: plan"] if line.startswith("tools") else [line]
    out = agentconv.convert_text(agent(*lines), "opencode", from_="claude", path=PATH)
    assert not [i for i in out.report.items if i.code.value == "tool-broadened"]


def test_the_agent_itself_comes_back_byte_for_byte():
    text = agent("tools: Read, Edit, Bash", "permissionMode: plan")
    assert agentconv.convert_text(text, "claude", from_="claude", path=PATH).text == text
