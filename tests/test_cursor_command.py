"""Cursor custom commands (``cursor-command``: ``.cursor/commands/*.md``): no header read (a ``---`` block is prompt text
to Cursor), the name is the file stem, no placeholders; what Cursor cannot hold is said with the typed losses, a tool
restriction is refused, never widened. Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError

P = ".cursor/commands/{}.md"

# ------------------------------------------------------------------------------------------ reading
# (file text, file stem) -> (name, prompt, description): the whole text is the prompt, a header included
READS = [
    ("Review the staged change.\n", "review", ("review", "Review the staged change.\n", None)),
    ("# Plan\n\nMake a plan for $ARGUMENTS and $1.\n", "plan", ("plan", "# Plan\n\nMake a plan for $ARGUMENTS and $1.\n", None)),
    ("---\ndescription: Ship it\nmodel: gpt-5\n---\nShip.\n", "ship", ("ship", "---\ndescription: Ship it\nmodel: gpt-5\n---\nShip.\n", None)),
    ("Run !`git diff` over @src/a.py\n", "speckit.plan", ("speckit.plan", "Run !`git diff` over @src/a.py\n", None)),
]


@pytest.mark.parametrize(("text", "stem", "want"), READS, ids=[r[1] for r in READS])
def test_reading(text, stem, want):
    doc, report = agentconv.read_text(text, path=P.format(stem))  # found by its path
    agent = doc.agent
    assert agent.origin.dialect == "cursor-command" and agent.kind == "command"
    assert (agent.name, agent.prompt, agent.description) == want
    assert agent.model is None and agent.tools.mode == "inherit" and not agent.extensions
    assert [i.code.value for i in report] == ["name-derived"]


def test_found_by_path_only():
    doc, _ = agentconv.read_text("Review.\n", path=".cursor/agents/review.md")
    assert doc.agent.origin.dialect == "cursor"  # Cursor's subagents, not its commands
    doc, _ = agentconv.read_text("Review.\n", path=".cursor/commands/git/review.md")
    assert doc.agent.origin.dialect != "cursor-command"  # top level only


# ------------------------------------------------------------------------------------------ same dialect
IDENTITY = [
    "Review.\n",
    "Review.",
    "\n\n# Title\r\n\r\nBody with $ARGUMENTS, $1, {{args}}, !`ls`, @a.md\r\n",
    "---\ndescription: Ship it\nallowed-tools: Bash\n---\n\nShip $ARGUMENTS.\n",
    "---\nnot: [closed\nText\n",
    "",
]


@pytest.mark.parametrize("text", IDENTITY)
def test_same_dialect_byte_for_byte(text):
    out = agentconv.convert_text(text, "cursor-command", from_="cursor-command", path=P.format("x"))
    assert out.path == P.format("x") and out.text == text
    assert not [i for i in out.report if i.severity.value in ("warning", "error")]


# ------------------------------------------------------------------------------------------ writing
CLAUDE = ("---\ndescription: Review it\nargument-hint: [area]\nmodel: sonnet\n---\n\n"
          "Review $ARGUMENTS with !`git diff`.\n")


def test_claude_command_written_for_cursor_says_each_loss():
    out = agentconv.convert_text(CLAUDE, "cursor-command", from_="claude-command", path=".claude/commands/review.md")
    assert out.path == ".cursor/commands/review.md"
    assert out.text.startswith("Review {{args}} with !{git diff}.\n\n<!-- agentconv-carry: ")
    assert [(i.code.value, i.path, i.severity.value) for i in out.report] == [
        ("name-derived", "name", "info"),
        ("field-carried", "metadata.argument_hint", "info"),
        ("field-carried", "description", "info"),
        ("field-carried", "model", "info"),
        ("placeholder-unsupported", "prompt", "warning"),
        ("placeholder-unsupported", "prompt", "warning"),
    ]
    said = {i.path: i.message for i in out.report}
    assert said["description"] == "description not written: cursor-command has no description field (carried in a " \
                                  "comment)"  # restored only from the file as written (carry.toml [fresh_only])
    back = agentconv.convert_text(out.text, "claude-command", from_="cursor-command", path=out.path)
    doc, _ = agentconv.read_text(back.text, "claude-command", path=".claude/commands/review.md")
    assert (doc.agent.description, doc.agent.model.raw, doc.agent.metadata["argument_hint"]) == (
        "Review it", "sonnet", ["area"])
    assert "Review $ARGUMENTS with !`git diff`." in back.text


def test_claude_pre_approvals_are_said_not_written():
    text = "---\nallowed-tools: Bash(git diff:*), Read\n---\nReview.\n"
    out = agentconv.convert_text(text, "cursor-command", from_="claude-command", path=".claude/commands/r.md")
    assert out.text.startswith("Review.\n")
    assert [i.message for i in out.report if i.path == "tools"] == [
        "2 per-tool decisions (pre-approvals) not written: cursor-command has no tool field (not carried: wider than "
        "what the file itself grants)"]


@pytest.mark.parametrize(("text", "source", "path"), [
    ("---\ndescription: d\ntools: ['read', 'search']\n---\nLook.\n", "copilot-prompt", ".github/prompts/look.prompt.md"),
    ("---\nallowed-tools: Read\ndisallowed-tools: Bash\n---\nLook.\n", "claude-command", ".claude/commands/look.md"),
    ("---\nname: rev\ndescription: Reviewer\ntools: Read, Grep\n---\nReview code.\n", "claude", ".claude/agents/rev.md"),
])
def test_a_tool_restriction_is_refused_not_widened(text, source, path):
    with pytest.raises(BroadenError, match="a Cursor custom command cannot restrict tools"):
        agentconv.convert_text(text, "cursor-command", from_=source, path=path)


def test_arguments_cursor_adds_and_codex_drops():
    """Cursor sends what is typed after a command with its text: Codex drops it where the prompt has no placeholder."""
    out = agentconv.convert_text("Summarize.\n", "cursor-command", from_="codex-prompt", path=".codex/prompts/sum.md")
    assert [i.message for i in out.report if i.path == "prompt"] == [
        "codex-prompt drops the arguments typed after a prompt that has no placeholder for them; cursor-command adds "
        "them to it"]
    there = agentconv.convert_text("Summarize.\n", "codex-prompt", from_="cursor-command", path=P.format("sum"))
    assert there.text.endswith("\nSummarize.\n\n$ARGUMENTS\n")


def test_literal_dollar_text_of_a_cursor_command_is_not_expanded_elsewhere_silently():
    out = agentconv.convert_text("Fix $ARGUMENTS\n", "opencode-command", from_="cursor-command", path=P.format("fix"))
    assert [i.message for i in out.report if i.path == "prompt"] == [
        "'$ARGUMENTS' is literal text; opencode-command expands it (it is a placeholder there)"]
    # Claude Code has an escape: a backslash before it, which it drops (2.1.332's substitution); the model reads the text
    out = agentconv.convert_text("Fix $ARGUMENTS\n", "claude-command", from_="cursor-command", path=P.format("fix"))
    assert out.text.endswith("\nFix \\$ARGUMENTS\n") and [i.message for i in out.report if i.path == "prompt"] == [
        "literal '$ARGUMENTS' written as '\\$ARGUMENTS' (claude-command shows it as '$ARGUMENTS': it drops the "
        "backslash and expands nothing there)"]
    back = agentconv.convert_text(out.text, "cursor-command", from_="claude-command", path=".claude/commands/fix.md")
    assert back.text.startswith("Fix $ARGUMENTS\n")


def test_the_arguments_placeholder_added_for_codex_comes_off_on_the_way_back():
    """Cursor -> Codex writes $ARGUMENTS at the end (Codex drops the arguments otherwise); Codex -> Cursor takes it off
    again (Cursor has no placeholder: it was left in agentconv's neutral spelling, said unsupported)."""
    there = agentconv.convert_text("Commit the staged change.\n", "codex-prompt", from_="cursor-command",
                                   path=P.format("commit"))
    back = agentconv.convert_text(there.text, "cursor-command", from_="codex-prompt", path=there.path)
    assert back.text.startswith("Commit the staged change.\n\n<!-- agentconv-carry: ") and "{{args}}" not in back.text
    assert [i.code.value for i in back.report] == ["carry-restored"]
