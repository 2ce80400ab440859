"""A record's file name depends on its source's separator as well as its name: `git:commit` is the folder git/ from a
Claude Code command (its tool nests names with ':') and not from a Copilot prompt named so. The name was remembered
per (name, display name) only, so in one process the first conversion decided the second's file: the output depended
on the order of the inputs (a migrate of a repository with both, a library caller converting one after the other).
Synthetic fixtures only."""
from __future__ import annotations

import agentconv
from agentconv import registry

PROMPT = "---\nname: git:commit\ndescription: Commit.\n---\nCommit it.\n"
COMMAND = "---\ndescription: Commit.\n---\nCommit it.\n"


def _prompt() -> str:
    return agentconv.convert_text(PROMPT, "opencode-command", from_="copilot-prompt",
                                  path=".github/prompts/x.prompt.md").path


def _command() -> str:
    return agentconv.convert_text(COMMAND, "opencode-command", from_="claude-command",
                                  path=".claude/commands/git/commit.md").path


def test_the_same_name_from_two_sources_is_placed_by_each_sources_rule_in_either_order():
    registry.reset()
    first = (_prompt(), _command())
    registry.reset()
    second = (_command(), _prompt())
    assert first == (".opencode/command/git-commit.md", ".opencode/command/git/commit.md")
    assert second == (".opencode/command/git/commit.md", ".opencode/command/git-commit.md")
