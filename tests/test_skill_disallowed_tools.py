"""A Claude Code skill's ``disallowed-tools``: deny rules while the skill runs (@anthropic-ai/claude-code 2.1.330:
"--disallowedTools, skill disallowed-tools, and other deny and ask rules ... still apply"; the command and skill
reader's ``disallowedTools: k0e(e)``, added as the session's deny rules while it runs, ``ccn`` -> ``w1i``). It was kept
as an extension and dropped with a warning by every other dialect (a widening), then refused by every one. Now its
entries are the deny grants of the tool policy written elsewhere (toolpolicy.own_denies, ``[own] disallowed-tools``
``denies = "entries"``): Claude Code's subagent ``disallowedTools`` and command ``disallowed-tools``, OpenCode's
``permission``, the allowlist of every other tool where a target has no deny (narrower, said); a target that can say
no deny (a command without a tool field, Cursor, Codex) refuses it as it refuses any deny list. The same dialect keeps
it byte for byte. Synthetic inputs only."""
from __future__ import annotations

import pytest
import yaml

import agentconv
from agentconv.errors import BroadenError

SKILL = ".claude/skills/x/SKILL.md"


def skill(deny: str, allow: str | None = None) -> str:
    allowed = f"allowed-tools: {allow}\n" if allow else ""
    return f"---\nname: x\ndescription: does x\n{allowed}disallowed-tools: {deny}\n---\nDo x.\n"


def header(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1]) or {}


@pytest.mark.parametrize("to", ["opencode-command", "gemini-command", "codex-prompt", "cursor-command", "cursor"])
@pytest.mark.parametrize("deny", ["Bash, Write", '["Bash"]', "Bash(git push *)"])
def test_a_target_that_can_say_no_such_deny_refuses_it(to, deny):
    with pytest.raises(BroadenError):
        agentconv.convert_text(skill(deny), to, from_="skill", path=SKILL)


@pytest.mark.parametrize("to", ["claude", "claude-command", "opencode", "copilot", "gemini", "copilot-prompt", "kiro",
                                "kiro-md", "roo", "marketplace"])
@pytest.mark.parametrize("deny", ["Bash, Write", '["Bash"]', "Bash(git push *)"])
def test_the_deny_is_written_where_the_target_can_say_it(to, deny):
    """Converted (it was refused), and the file written, read back in its own dialect, grants no denied tool whole."""
    out = agentconv.convert_text(skill(deny), to, from_="skill", path=SKILL)
    back, _ = agentconv.read_text(out.text, to)
    granted = {g.canonical for g in back.agent.tools.allowed() if g.pattern is None}
    denied = {g.canonical for g in back.agent.tools.denied() if g.pattern is None}
    scoped = {(g.canonical, g.pattern) for g in back.agent.tools.denied() if g.pattern}
    whole = "bash" in denied or back.agent.tools.mode in ("allowlist", "none") and "bash" not in granted
    assert whole or scoped and all(c == "bash" for c, _ in scoped)
    if "Write" in deny:
        assert "write" not in granted
    said = [i for i in out.report.items if i.code.value == "tool-coerced" and "skill's disallowed-tools deny" in i.message]
    assert said and "written into" in said[0].message
    assert not [i for i in out.report.items if i.code.value == "extension-dropped"]


def test_into_a_claude_agent_its_disallowed_tools():
    out = agentconv.convert_text(skill("Bash, WebFetch"), "claude", from_="skill", path=SKILL)
    assert header(out.text)["disallowedTools"] == "Bash, WebFetch" and "tools" not in header(out.text)


def test_a_scoped_deny_into_a_claude_agent_denies_the_whole_tool_said():
    out = agentconv.convert_text(skill("Bash(git push *)"), "claude", from_="skill", path=SKILL)
    assert header(out.text)["disallowedTools"] == "Bash"
    assert any(i.code.value == "tool-narrowed" and "Bash(git push *)" in i.message for i in out.report.items)


def test_into_a_claude_command_both_keys_as_the_skill_wrote_them():
    """One reader for commands and skills (claude-command.toml [kin]): the pre-approvals stay beside the deny rules."""
    out = agentconv.convert_text(skill("Bash(git push *), WebFetch", "Read Grep"), "claude-command", from_="skill",
                                 path=SKILL)
    assert header(out.text)["allowed-tools"] == "Read, Grep"
    assert header(out.text)["disallowed-tools"] == "Bash(git push *), WebFetch"
    assert not [i for i in out.report.items if i.code.value == "field-dropped" and i.path == "tools"]


def test_into_opencode_a_permission_map():
    out = agentconv.convert_text(skill("Bash, WebFetch", "Read"), "opencode", from_="skill", path=SKILL)
    assert header(out.text)["permission"] == {"read": "allow", "bash": "deny", "webfetch": "deny"}


@pytest.mark.parametrize("to", ["claude", "copilot", "kiro"])
def test_preapprovals_a_target_cannot_say_beside_the_deny_are_said(to):
    out = agentconv.convert_text(skill("Bash", "Read Grep"), to, from_="skill", path=SKILL)
    assert any(i.code.value == "field-dropped" and i.path == "tools" and "per-tool decisions (2" in i.message
               for i in out.report.items)


def test_a_star_denies_every_tool():
    out = agentconv.convert_text(skill('"*"'), "copilot", from_="skill", path=SKILL)
    assert header(out.text)["tools"] == []


@pytest.mark.parametrize("deny", ['""', "[]"])
def test_an_empty_deny_denies_nothing_and_converts(deny):
    out = agentconv.convert_text(skill(deny), "opencode", from_="skill", path=SKILL)
    assert not [i for i in out.report.items if i.code.value == "tool-broadened"]


@pytest.mark.parametrize("deny, allow", [("Bash, Write", None), ("Bash(git push *)", "Read Edit(*)"), ('["Bash"]', "Read")])
def test_the_skill_itself_comes_back_byte_for_byte(deny, allow):
    text = skill(deny, allow)
    assert agentconv.convert_text(text, "skill", from_="skill", path=SKILL).text == text

