"""A Claude Code command's (and skill's) ``allowed-tools`` / ``disallowed-tools`` as Claude Code reads them: permission
rules (@anthropic-ai/claude-code 2.1.330: ``kP`` keeps ``["*"]`` alone for a list holding ``*``, nothing for an
empty value; a deny rule ``*`` is glob-matched against every tool, an allow rule ``*`` matches none; ``Bash(*)`` is
the whole Bash tool; claude-command.toml ``[parser] star_entry = "alone"``). ``disallowed-tools: "*"`` was read as the
denial of an unknown tool ``*`` and written into a Copilot prompt as every built-in tool: Claude Code runs that command
with no tool. Synthetic inputs only."""
from __future__ import annotations

import pytest
import yaml

import agentconv
from agentconv.errors import BroadenError
from agentconv.validate import validate_text

CMD = ".claude/commands/c.md"
SKILL = ".claude/skills/c/SKILL.md"


def command(*lines: str) -> str:
    return "---\ndescription: d\n" + "".join(f"{line}\n" for line in lines) + "---\nDo.\n"


def header(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1]) or {}


def said(report) -> list[str]:
    return [i.message for i in report.items if i.code.value == "value-invalid"]


@pytest.mark.parametrize("deny", ['"*"', '["*"]', "Bash, *", '["Bash(*)", "*"]', "Read *"])
@pytest.mark.parametrize("allow", [None, "Read", "Read, *"])
def test_a_star_in_disallowed_tools_leaves_the_command_no_tool(deny, allow):
    text = command(*([f"allowed-tools: {allow}"] if allow else []), f"disallowed-tools: {deny}")
    doc, report = agentconv.read_text(text, "claude-command", path=CMD)
    assert doc.agent.tools.mode == "none" and doc.agent.tools.grants == []
    others = [n for n in ("Bash(*)", "Bash", "Read") if n in deny][:1]
    assert said(report) == ["'disallowed-tools' holds '*', " + (
        f"for which Claude Code keeps '*' alone ({others[0]} dropped), a deny rule it matches" if others else
        "a deny rule Claude Code matches") + " every tool with: the command runs with no tool: read as no tools"]
    copilot = agentconv.convert_text(text, "copilot-prompt", from_="claude-command", path=CMD)
    assert header(copilot.text)["tools"] == []  # was every built-in tool (with `Read`: read/readFile)
    for target in ("opencode-command", "gemini-command"):  # no tool field there: refused, never every tool
        with pytest.raises(BroadenError, match="the empty tool list would become every tool"):
            agentconv.convert_text(text, target, from_="claude-command", path=CMD)
    assert agentconv.convert_text(text, "claude-command", from_="claude-command", path=CMD).text == text


@pytest.mark.parametrize("allow", ['"*"', "Read, *", '["Bash(git diff:*)", "*"]'])
def test_a_star_in_allowed_tools_preapproves_nothing(allow):
    """``kP`` keeps ``*`` alone and an allow rule ``*`` names no tool: nothing runs unasked, ``Read`` neither (it was
    read as pre-approved); beside deny rules the command keeps every other tool (was read as an allowlist)."""
    text = command(f"allowed-tools: {allow}")
    doc, report = agentconv.read_text(text, "claude-command", path=CMD)
    assert doc.agent.tools.mode == "inherit" and doc.agent.tools.grants == []
    assert len(said(report)) == 1 and "read as nothing pre-approved" in said(report)[0]
    assert ("not pre-approved either" in said(report)[0]) == (allow != '"*"')
    skill = agentconv.convert_text(text, "skill", from_="claude-command", path=CMD)
    assert "allowed-tools" not in header(skill.text)  # was `allowed-tools: Read`
    paired = command(f"allowed-tools: {allow}", "disallowed-tools: Bash")
    doc, _ = agentconv.read_text(paired, "claude-command", path=CMD)
    assert doc.agent.tools.mode == "denylist" and [(g.canonical, g.decision) for g in doc.agent.tools.grants] == [
        ("bash", "deny")]
    for t in (text, paired):
        assert agentconv.convert_text(t, "claude-command", from_="claude-command", path=CMD).text == t


@pytest.mark.parametrize("empty", ['""', "[]", '[""]'])
def test_a_key_holding_no_rule_is_read_as_not_written(empty):
    """``kP`` gives no rule for an empty value: ``disallowed-tools: ""`` denies nothing (it was read as a deny list of
    no tool, refused for an OpenCode command and written for Copilot as its built-in tools), and ``allowed-tools: ""``
    beside deny rules restricts nothing (it was read as no tools at all)."""
    lone = command(f"disallowed-tools: {empty}")
    doc, _ = agentconv.read_text(lone, "claude-command", path=CMD)
    assert doc.agent.tools.mode == "inherit" and doc.agent.tools.grants == []
    assert "tools" not in header(agentconv.convert_text(lone, "copilot-prompt", from_="claude-command", path=CMD).text)
    agentconv.convert_text(lone, "opencode-command", from_="claude-command", path=CMD)  # no refusal
    paired = command(f"allowed-tools: {empty}", "disallowed-tools: Bash(*)")
    doc, _ = agentconv.read_text(paired, "claude-command", path=CMD)
    assert doc.agent.tools.mode == "denylist" and [(g.canonical, g.decision, g.pattern) for g in
                                                   doc.agent.tools.grants] == [("bash", "deny", None)]
    tools = header(agentconv.convert_text(paired, "copilot-prompt", from_="claude-command", path=CMD).text)["tools"]
    assert "read/readFile" in tools and "execute/runInTerminal" not in tools
    for t in (lone, paired):
        assert agentconv.convert_text(t, "claude-command", from_="claude-command", path=CMD).text == t


def test_a_skill_star_preapproves_nothing():
    text = "---\nname: c\ndescription: d\nallowed-tools: Bash(git diff:*) *\n---\nDo.\n"
    doc, report = agentconv.read_text(text, "skill", path=SKILL)
    assert doc.agent.tools.mode == "inherit" and doc.agent.tools.grants == []
    assert said(report) == ["'allowed-tools' holds '*', for which Claude Code keeps '*' alone, an allow rule it "
                            "matches no tool with (it takes no wildcard tool name there): Bash(git diff:*) not "
                            "pre-approved either: read as nothing pre-approved"]
    out = agentconv.convert_text(text, "claude-command", from_="skill", path=SKILL)
    assert "allowed-tools" not in header(out.text)  # was `allowed-tools: Bash(git diff *)`
    assert agentconv.convert_text(text, "skill", from_="skill", path=SKILL).text == text


def test_validate_says_what_the_star_does_in_a_command():
    found = [(f.rule, f.line, f.message) for f in validate_text(
        command("allowed-tools: Read, *", 'disallowed-tools: "*"'), "claude-command", path=CMD)]
    assert found == [
        ("tool-unknown", 3, "'*' in 'allowed-tools' is an allow rule Claude Code matches no tool with: nothing is "
                            "pre-approved (Claude Code keeps '*' alone: the other entries are dropped)"),
        ("tool-unknown", 4, "'*' in 'disallowed-tools' is a deny rule Claude Code matches every tool with: the "
                            "command runs with no tool")], found
