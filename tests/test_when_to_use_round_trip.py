"""A Claude Code plugin's agent described only by its `when_to_use` (the plugin loader shows it for an agent without a
description) converted to a tool that needs a description and back: the key comes back (it rides in the side channel),
and written at .claude/agents/, where Claude Code loads no agent without a description, the description comes too."""
import pytest

import agentconv

PLUGIN = "plug/agents/helper.md"


# (`when-to-use` through Copilot: Copilot keeps a key it does not know as written, so it is not carried; read back
# from the Copilot file it is that file's own unknown key, said dropped as before.)
@pytest.mark.parametrize("via, key", [("opencode", "when_to_use"), ("copilot", "when_to_use"), ("gemini", "when_to_use"),
                                      ("opencode", "when-to-use"), ("gemini", "when-to-use")])
def test_when_to_use_comes_back(via, key):
    src = f"---\nname: helper\n{key}: Use when you need help with tests\ntools: Read, Grep\n---\nHelp.\n"
    mid = agentconv.convert_text(src, via, from_="claude", path=PLUGIN)
    assert "Use when you need help with tests" in mid.text  # the description there
    back = agentconv.convert_text(mid.text, "claude", from_=via)
    assert back.text == src, back.text
    assert not [i for i in back.report if i.severity.value != "info"]


def test_placed_at_claude_agents_it_keeps_the_description():
    src = "---\nname: helper\nwhen_to_use: Use when you need help\ntools: Read, Grep\n---\nHelp.\n"
    mid = agentconv.convert_text(src, "opencode", from_="claude", path=PLUGIN)
    back = agentconv.convert_text(mid.text, "claude", from_="opencode", path=".opencode/agent/helper.md",
                                  policy=agentconv.Policy(placed=True))
    assert back.text == ("---\nname: helper\ndescription: Use when you need help\nwhen_to_use: Use when you need help\n"
                         "tools: Read, Grep\n---\nHelp.\n"), back.text
    (made,) = [i for i in back.report if i.code.value == "value-made-up"]
    assert made.path == "description" and "Claude Code loads no agent without one" in made.message
    again = agentconv.convert_text(back.text, "opencode", from_="claude", path=".claude/agents/helper.md")
    assert not [i for i in again.report if i.code.value == "file-rejected"]  # a file Claude Code loads
