"""A Claude Code subagent's `tools` keeps no scope but Agent's: its tool resolution (2.1.330, read in the binary
2026-11-29) adds `Bash(git diff *)`'s Bash whole, so a source that allows only part of a tool (OpenCode's bash
pattern, Roo's edit fileRegex) is refused there as a widening, as the marketplace catalogue refuses it; with
--allow-broaden the whole tool is written and said. Agent(a, b) and a Claude file's own scopes are written as before."""
import pytest

import agentconv
from agentconv.errors import BroadenError

OPENCODE = ('---\ndescription: Reviews diffs\nmode: subagent\npermission:\n  "*": deny\n  read: allow\n  bash:\n'
            '    "*": deny\n    "git diff *": allow\n---\nReview the diff.\n')
ROO = ("customModes:\n  - slug: docs-writer\n    name: Docs Writer\n    roleDefinition: Writes docs.\n    groups:\n"
       "      - read\n      - - edit\n        - fileRegex: \\.md$\n")


@pytest.mark.parametrize("text, source, path", [(OPENCODE, "opencode", ".opencode/agent/rev.md"),
                                                (ROO, "roo", ".roomodes")])
@pytest.mark.parametrize("target", ["claude", "marketplace"])
def test_a_scope_of_a_tool_is_refused(text, source, path, target):
    with pytest.raises(BroadenError):
        agentconv.convert_text(text, target, from_=source, path=path)


def test_allowed_to_broaden_the_whole_tool_is_written_and_said():
    out = agentconv.convert_text(OPENCODE, "claude", from_="opencode", path=".opencode/agent/rev.md",
                                 policy=agentconv.Policy(allow_broaden=True))
    tools = next(line for line in out.text.splitlines() if line.startswith("tools:"))
    assert tools == "tools: Read, Bash"
    said = [i.message for i in out.report if i.code.value == "tool-broadened"]
    assert said and "bash as the whole tool" in said[0]


def test_agent_types_keep_their_scope():
    text = ('---\ndescription: Leads\nmode: subagent\npermission:\n  "*": deny\n  read: allow\n  task:\n'
            '    "*": deny\n    "reviewer": allow\n---\nLead.\n')
    out = agentconv.convert_text(text, "claude", from_="opencode", path=".opencode/agent/lead.md")
    assert next(line for line in out.text.splitlines() if line.startswith("tools:")) == "tools: Read, Agent(reviewer)"


def test_a_claude_file_comes_back_as_it_came():
    text = "---\nname: git-helper\ndescription: Runs git.\ntools: Read, Bash(git diff *)\n---\n\nUse git.\n"
    assert agentconv.convert_text(text, "claude", from_="claude", path=".claude/agents/git-helper.md").text == text


def test_a_claude_file_written_for_opencode_comes_back_unless_edited():
    """Claude -> OpenCode -> Claude: the OpenCode file, unedited (its side channel's digest holds), gives the Claude
    file's own scope back; edited, it is a file of OpenCode's, whose `git diff *` only is refused as any other."""
    text = "---\nname: gh\ndescription: Runs git.\ntools: Read, Bash(git diff *)\n---\n\nUse git.\n"
    opencode = agentconv.convert_text(text, "opencode", from_="claude", path=".claude/agents/gh.md").text
    back = agentconv.convert_text(opencode, "claude", from_="opencode", path=".opencode/agent/gh.md")
    assert back.text == text
    with pytest.raises(BroadenError):
        agentconv.convert_text(opencode.replace("Use git.", "Use git!"), "claude", from_="opencode",
                               path=".opencode/agent/gh.md")
