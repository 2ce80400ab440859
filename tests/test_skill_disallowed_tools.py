"""A Claude Code skill's ``disallowed-tools``: deny rules while the skill runs (@anthropic-ai/claude-code 2.1.330:
"--disallowedTools, skill disallowed-tools, and other deny and ask rules ... still apply"). It was kept as an
extension and dropped with a warning by every other dialect: converted, the skill's tools were no longer denied (a
widening said as a warning only). Now a target that cannot hold the key refuses it (skill.toml ``[own]
disallowed-tools`` ``denies = "entries"``) unless --allow-broaden; the same dialect keeps it byte for byte.
Synthetic inputs only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError
from agentconv.loss import Policy

SKILL = ".claude/skills/x/SKILL.md"


def skill(deny: str) -> str:
    return f"---\nname: x\ndescription: does x\ndisallowed-tools: {deny}\n---\nDo x.\n"


@pytest.mark.parametrize("to", ["claude", "opencode", "copilot", "gemini", "copilot-prompt", "opencode-command",
                                "claude-command", "kiro", "roo"])
@pytest.mark.parametrize("deny", ["Bash, Write", '["Bash"]', "Bash(git push *)"])
def test_a_denying_skill_is_refused_where_the_deny_would_be_dropped(to, deny):
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(skill(deny), to, from_="skill", path=SKILL)
    assert "skill's disallowed-tools deny " in str(err.value) and "it would no longer be denied" in str(err.value)


def test_allow_broaden_writes_it_and_says_the_deny_lost():
    out = agentconv.convert_text(skill("Bash, Write"), "opencode", from_="skill", path=SKILL,
                                 policy=Policy(allow_broaden=True))
    assert "Bash" not in out.text
    lost = [i for i in out.report.items if i.code.value == "tool-broadened"]
    assert lost and "deny Bash, Write" in lost[0].message


@pytest.mark.parametrize("deny", ['""', "[]"])
def test_an_empty_deny_denies_nothing_and_converts(deny):
    out = agentconv.convert_text(skill(deny), "opencode", from_="skill", path=SKILL)
    assert not [i for i in out.report.items if i.code.value == "tool-broadened"]


def test_the_skill_itself_comes_back_byte_for_byte():
    text = skill("Bash, Write")
    assert agentconv.convert_text(text, "skill", from_="skill", path=SKILL).text == text
