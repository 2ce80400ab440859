"""Another tool's map key in a file (a Claude Code agent's `metadata:`, the key GitHub's agents and Agent Skills give a
map) is read as that map's entries (IR ``metadata``) and, converted to the file's own dialect, written back as the
map it was: it went to the side channel as loose entries, so the file came back rewritten (claude-flow's agent
templates carry such a map; found with the unseen21 shadow corpus)."""
import pytest

import agentconv

AGENTS = {
    "no-description": "---\nname: analyst\ntype: code-analyzer\ncolor: indigo\nmetadata:\n  description: Finds smells\n"
                      "  capabilities:\n    - Code quality assessment\n    - Smell detection\n---\n\n# Analyst\n\nBody.\n",
    "beside-a-description": "---\nname: planner\ndescription: Plans work\nmetadata:\n  team: core\n  level: 3\n"
                            "tools: Read, Grep\n---\nPlan.\n",
}


@pytest.mark.parametrize("name", sorted(AGENTS))
def test_another_tools_map_comes_back_as_the_map_it_was(name):
    text = AGENTS[name]
    out = agentconv.convert_text(text, "claude", from_="claude", path=f".claude/agents/{name}.md")
    assert out.text == text
    assert not [i for i in out.report.items if i.code.value == "field-carried"]


def test_the_map_still_reaches_a_tool_that_holds_it():
    out = agentconv.convert_text(AGENTS["beside-a-description"], "copilot", from_="claude",
                                 path=".claude/agents/planner.md")
    assert "metadata:\n  team: core\n" in out.text
