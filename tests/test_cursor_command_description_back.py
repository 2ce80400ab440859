"""A command's description was dropped in a Cursor command (plain Markdown: Cursor reads no header) and never carried,
as if it were text the side channel may not set; a command that came back from there had lost it. It rides now
(carry.toml [paths]: text shown to choose the record), restored only from a file as agentconv wrote it ([fresh_only]:
a Cursor command never has a description of its own, so a stale comment would otherwise set model-visible text)."""
from __future__ import annotations

import agentconv

POLICY = agentconv.Policy(placed=True)
COMMAND = '---\ndescription: "Review the diff"\nargument-hint: "[file]"\n---\n\nReview $ARGUMENTS.\n'


def test_a_description_comes_back_from_a_cursor_command():
    [out] = agentconv.convert_all_text(COMMAND, "cursor-command", from_="claude-command",
                                       path=".claude/commands/review.md", policy=POLICY)
    assert not out.text.startswith("---") and '"description":"Review the diff"' in out.text
    assert not any(i.code.value == "field-dropped" and i.path == "description" for i in out.report)
    back = agentconv.convert_text(out.text, "claude-command", from_="cursor-command", path=out.path, policy=POLICY)
    assert back.text == COMMAND


def test_a_carried_description_comes_back_only_from_the_file_as_written():
    [out] = agentconv.convert_all_text(COMMAND, "cursor-command", from_="claude-command",
                                       path=".claude/commands/review.md", policy=POLICY)
    doc, report = agentconv.read_text(out.text.replace("Review {{args}}.", "Check {{args}}."), "cursor-command",
                                      path=out.path)
    assert doc.agent.description is None  # edited since: a stale comment sets no description, said
    assert [i.path for i in report if i.code.value == "carry-refused"] == ["description"]
    agent = "---\nname: reviewer\ndescription: Reviews code.\n# agentconv-carry: " \
            '{"v":1,"from":"copilot","digest":"0","fields":{"description":"Something else"}}\n---\nReview.\n'
    doc, report = agentconv.read_text(agent, "claude", path=".claude/agents/reviewer.md")
    assert doc.agent.description == "Reviews code."  # stale, and the file says its own: its own wins
    assert [i.path for i in report if i.code.value == "carry-refused"] == ["description"]
