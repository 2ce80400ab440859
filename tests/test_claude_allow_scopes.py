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
    assert said and "bash(git diff *) as the whole tool" in said[0]


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


CLAUDE = "---\nname: gh\ndescription: Runs git.\ntools: Read, Bash(git diff *)\n---\n\nUse git.\n"
SHELL = {"copilot": "execute/runInTerminal", "gemini": "run_shell_command", "kiro": '"shell"', "marketplace": "- Bash",
         "roo": "- command", "codex": 'sandbox_mode = "workspace-write"'}


@pytest.mark.parametrize("target", sorted(SHELL))
def test_a_claude_scope_its_tool_ignores_is_the_whole_tool_where_none_can_be_held(target):
    """``tools: Read, Bash(git diff *)`` gives a Claude Code subagent the whole Bash: written whole where a target
    cannot scope it, that is no widening (it was refused as one), and the scope Claude Code ignored is said."""
    out = agentconv.convert_text(CLAUDE, target, from_="claude", path=".claude/agents/gh.md",  # (a Codex role holds
                                 policy=agentconv.Policy(allow_broaden=target == "codex"))  # every MCP server)
    assert SHELL[target] in out.text, out.text
    assert not any(i.code.value == "tool-broadened" and "scope" in i.message for i in out.report)
    said = [i.message for i in out.report if i.code.value == "value-invalid"]
    assert len(said) == 1 and said[0].startswith("Bash(git diff *) in 'tools': Claude Code gives the agent the whole "
                                                 "tool such an entry names, its scope ignored"), said
    if target not in ("codex", "kiro"):  # the side channel gives the first file back (a restore: narrower than the file written)
        back = agentconv.convert_text(out.text, "claude", from_=target, path=out.path)
        assert back.text == CLAUDE, back.text


def test_where_the_scope_can_be_held_the_authors_scope_is_kept_and_said():
    out = agentconv.convert_text(CLAUDE, "opencode", from_="claude", path=".claude/agents/gh.md")
    assert '  bash:\n    "*": deny\n    git diff *: allow\n' in out.text
    assert [i.message for i in out.report if i.code.value == "tool-narrowed"] == [
        "Bash(git diff *) written in opencode in its scope, which also forbids every other use of Bash (Claude Code "
        "gave the agent the whole tool: it ignores the scope of such an entry)"]
    roo = agentconv.convert_text(CLAUDE.replace("Bash(git diff *)", "Edit(*.md)"), "roo", from_="claude",
                                 path=".claude/agents/gh.md")
    assert "fileRegex: \\.md$" in roo.text
    assert any(i.code.value == "tool-narrowed" and i.message.startswith("Edit(*.md) written in roo in its scope")
               for i in roo.report)
    # a command's `allowed-tools` are permission rules (Claude Code 2.1.330 sets them as the session's
    # `alwaysAllowRules.command`): their scope is no tool list's, and nothing is said of it
    text = "---\ndescription: Diffs\nallowed-tools: Read, Bash(git diff *)\n---\nDiff.\n"
    _, report = agentconv.read_text(text, "claude-command", path=".claude/commands/diff.md")
    assert not any(i.code.value == "value-invalid" for i in report.items)
    out = agentconv.convert_text(text, "opencode-command", from_="claude-command", path=".claude/commands/diff.md")
    assert not any("ignores the scope" in i.message for i in out.report)
