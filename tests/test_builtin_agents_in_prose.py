"""A prompt that names its tool's own agent as one (Claude Code's ``subagent_type: "general-purpose"`` in a Task call,
``the Explore agent``) written where the target's agent of that role is named otherwise, or is none: the prompt is
kept as written (prose is not rewritten: "Explore" and "Plan" are words too, and the Task call around the name is
Claude Code's), and said (agent-unmapped), where it was not. A target with an agent of that very name, or whose table
names no own agents, a file of the same tool, and the name used as a word say nothing. Synthetic inputs only."""
from __future__ import annotations

import agentconv

COMMAND = ('---\ndescription: Review\n---\nUse the Explore agent to map the code, then:\n\n```\nTask:\n'
           '  subagent_type: "general-purpose"\n  prompt: review\n```\n')
AGENT = "---\nname: r\ndescription: Review\n---\nPlan the work, explore the tree, then ask the Plan subagent.\n"


def said(done) -> list[str]:
    return [i.message for i in done.report.items if i.code.value == "agent-unmapped"]


def test_a_command_naming_claude_codes_agents_is_kept_and_said():
    done = agentconv.convert_text(COMMAND, "opencode-command", from_="claude-command", path=".claude/commands/r.md")
    assert 'subagent_type: "general-purpose"' in done.text and "the Explore agent" in done.text  # kept as written
    assert said(done) == [
        "the prompt names claude's own general agent ('subagent_type: \"general-purpose\"'); opencode-command calls "
        "its agent of that role 'general': the prompt kept as written (agentconv rewrites no prose), so there the "
        "model may ask for an agent named 'general-purpose', which it does not have",
        "the prompt names claude's own explore agent ('Explore agent'); opencode-command calls its agent of that role "
        "'explore': the prompt kept as written (agentconv rewrites no prose), so there the model may ask for an agent "
        "named 'Explore', which it does not have"]
    assert all(i.severity.value == "warning" for i in done.report.items if i.code.value == "agent-unmapped")


def test_an_agent_naming_one_the_target_lacks_says_why():
    done = agentconv.convert_text(AGENT, "opencode", from_="claude", path=".claude/agents/r.md")
    assert said(done) == [
        "the prompt names claude's own plan agent ('Plan subagent'), and opencode has that role only as 'plan', a "
        "primary agent its task tool does not offer to the model: the prompt kept as written (agentconv rewrites no "
        "prose), so there the model may ask for an agent named 'Plan', which it does not have"]


def test_nothing_said_where_the_name_holds_or_is_a_word():
    for target in ("copilot", "kiro", "claude"):  # VS Code has a Plan; Kiro's table names none; the same tool
        assert said(agentconv.convert_text(AGENT, target, from_="claude", path=".claude/agents/r.md")) == [], target
    words = "---\nname: r\ndescription: Review\n---\nPlan the work. Explore the tree with a general-purpose script.\n"
    assert said(agentconv.convert_text(words, "opencode", from_="claude", path=".claude/agents/r.md")) == []
    plain = "---\ndescription: d\nmode: subagent\n---\nAsk the general agent, or the explore agent.\n"
    assert said(agentconv.convert_text(plain, "claude", from_="opencode", path=".opencode/agent/r.md")) == []
