"""Claude Code splits a tool list at commas AND spaces outside parentheses (its ``$f``), the string and each item of a
YAML list: ``disallowedTools: Bash Write`` denies two tools. Read as one unknown name, such a deny list denied nothing
here, and the agent got Bash and Write in every other tool. Synthetic inputs only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.dialects.helpers import split_blanks

AGENT = ".claude/agents/a.md"
COMMAND = ".claude/commands/c.md"


def claude(line: str) -> str:
    return f"---\nname: a\ndescription: d\n{line}\n---\nbody\n"


@pytest.mark.parametrize("text,names", [
    ("Bash Write", ["Bash", "Write"]),
    ("Read, Grep Bash(git diff *)", ["Read", "Grep", "Bash(git diff *)"]),
    ("  Bash(git log:*)  Read", ["Bash(git log:*)", "Read"]),
    ("Bash(a, b) Edit,Write", ["Bash(a, b)", "Edit", "Write"]),
    ("mcp__github__create_issue", ["mcp__github__create_issue"]),
])
def test_split_blanks(text, names):
    assert split_blanks(text) == names


@pytest.mark.parametrize("line", ["disallowedTools: Bash Write", "disallowedTools: [Bash Write]",
                                  "disallowedTools: Bash  Write,"])
def test_a_deny_list_of_blank_separated_tools_denies_each(line):
    ir = agentconv.read_text(claude(line), "claude", path=AGENT)[0].agent
    assert sorted((g.canonical, g.decision) for g in ir.tools.grants) == [("bash", "deny"), ("write", "deny")]
    out = agentconv.convert_text(claude(line), "opencode", from_="claude", path=AGENT)
    assert "  bash: deny\n" in out.text and "  write: deny\n" in out.text  # never `permission: {}`


def test_an_allowlist_item_of_blank_separated_tools_grants_each():
    ir = agentconv.read_text(claude("tools: [Read Grep]"), "claude", path=AGENT)[0].agent
    assert [(g.canonical, g.decision) for g in ir.tools.grants] == [("read", "allow"), ("grep", "allow")]


def test_same_dialect_comes_back_as_written():
    text = claude("disallowedTools: Bash Write")
    assert agentconv.convert_text(text, "claude", from_="claude", path=AGENT).text == text


def test_a_command_list_item_is_split_too():
    text = "---\ndescription: d\nallowed-tools: [Read Grep, Bash(git log *)]\n---\nbody\n"
    ir = agentconv.read_text(text, "claude-command", path=COMMAND)[0].agent
    assert [g.raw for g in ir.tools.grants] == ["Read", "Grep", "Bash(git log *)"]
