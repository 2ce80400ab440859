"""Classes of problems found by sweeping the 24th shadow corpus (OpenCode, Kiro, Amazon Q, Roo/Kilo and Codex files
from public repositories the main corpus does not hold; helper unseen24, 2026-11-29; the corpus stays outside the
project). Synthetic inputs only."""
from __future__ import annotations

import json

import pytest

import agentconv
from agentconv.errors import BroadenError

SAME = [
    # a Codex prompt's `model` (custom_prompts.rs parse_frontmatter reads description and argument-hint only: the key
    # is ignored by Codex, kept by us): it came back as `model:\n  raw: ...`, the parsed record
    ("codex-prompt", ".codex/prompts/review.md",
     "---\ndescription: Review the diff\nmodel: claude-sonnet-4-6\n---\n\nReview $ARGUMENTS\n"),
    ("codex-prompt", ".codex/prompts/review.md", "---\ndescription: Review\nmodel: gpt-5\n---\n\nReview.\n"),
    # a list of models: the list came back, with a side channel naming its first entry again
    ("codex-prompt", ".codex/prompts/review.md", "---\ndescription: Review\nmodel: [gpt-5, o3]\n---\n\nReview.\n"),
    # a Gemini command's `model` (no field of it): it came back as a `[model]` table with `raw`
    ("gemini-command", ".gemini/commands/review.toml",
     'description = "Review"\nmodel = "gemini-2.5-pro"\nprompt = "Review the diff."\n'),
]


@pytest.mark.parametrize("dialect,path,text", SAME)
def test_a_model_key_of_a_dialect_without_a_model_field_comes_back_as_written(dialect, path, text):
    """A `model` key in a dialect that has no model field is read as the model (another tool's key, which it names):
    converted to its own dialect, the file came back with the model's parsed record in place of the text it had."""
    out = agentconv.convert_text(text, to=dialect, from_=dialect, path=path)
    assert out.text == text


KIRO = ".kiro/agents/lead.json"


def kiro_agent(tools: list[str], trusted: list[str], settings: dict) -> str:
    return json.dumps({"name": "lead", "description": "Leads the team.", "prompt": "Lead the work.", "tools": tools,
                       "allowedTools": trusted, "toolsSettings": settings}, indent=2) + "\n"


def kiro_lead(available: list[str]) -> str:
    return kiro_agent(["fs_read", "subagent"], ["fs_read"], {"subagent": {"availableAgents": available}})


def converted(src: str, *targets: str) -> list:
    """The conversions of a Kiro agent to each target, after checking that none widened access and that its own
    dialect gives it back byte for byte."""
    outs = [agentconv.convert_text(src, t, path=KIRO) for t in targets]
    assert not any(i.code.value == "tool-broadened" for o in outs for i in o.report)
    assert agentconv.convert_text(src, "kiro", path=KIRO).text == src
    return outs


def test_kiro_available_agents_are_read_as_the_subagent_tools_scopes():
    """`toolsSettings.subagent.availableAgents` names the only agents the subagent tool may run (kiro.dev/docs/cli/chat/
    subagents, "Restricting available agents", read 2026-11-29). It was kept as a deny no target could say: every
    conversion refused (exit 6), though OpenCode scopes `task` by agent name and Claude Code writes `Agent(a, b)`.
    Read as one scope of the subagent tool per name: those targets hold it exactly, its own dialect is unchanged."""
    src = kiro_lead(["worker", "reviewer"])
    grants = agentconv.read_text(src, "kiro", path=KIRO)[0].records[0].tools.grants
    assert [(g.canonical, g.pattern, g.decision) for g in grants] == \
        [("read", None, "allow"), ("agent", "worker", "ask"), ("agent", "reviewer", "ask")]
    opencode, claude = converted(src, "opencode", "claude")
    assert '  task:\n    "*": deny\n    worker: ask\n    reviewer: ask\n' in opencode.text
    assert "tools: Read, Agent(worker), Agent(reviewer)\n" in claude.text
    for available in (["docs-*"], ["worker", "re?iewer"]):  # a glob Kiro matches against every name: refused as before
        globbed = kiro_lead(available)
        with pytest.raises(BroadenError, match="availableAgents"):
            agentconv.convert_text(globbed, "opencode", path=KIRO)
        assert agentconv.convert_text(globbed, "kiro", path=KIRO).text == globbed


@pytest.mark.parametrize("target", ["kiro-md"])
def test_a_target_that_cannot_scope_the_subagent_tool_leaves_it_out(target):
    """Where subagents cannot be limited by name, dropping the list would let the agent run any of them: the agent
    tool is left out instead, narrower, said (tools.toml [left_out]; it was refused). (Not Gemini CLI, which gives a
    subagent no agent tool at all: test_gemini_withheld_agent_tool.py; not Copilot, whose `agents` with `target:
    vscode` says them: test_copilot_agents_write.py.)"""
    out = agentconv.convert_text(kiro_lead(["worker"]), target, path=KIRO)
    assert "subagent" not in out.text.split("---")[1]
    assert any("subagent(worker) written without subagent" in i.message for i in out.report
               if i.code.value == "tool-narrowed")


@pytest.mark.parametrize("regex, glob", [
    (".*git commit.*", "*git commit*"), (".*git tag .*", "*git tag *"), ("^.*npm publish.*$", "*npm publish*"),
    (".*--force", "*--force"),
])
def test_a_denied_command_regex_that_opens_with_any_text_is_a_glob_too(regex, glob):
    """Kiro anchors each deniedCommands regex (\\A...\\z): `.*git commit.*` denies every command holding `git commit`,
    which OpenCode's `*git commit*` and Claude Code's `Bash(*git commit*)` deny too. It was not read as a glob, so a Kiro
    agent holding one was refused for every target (a shadow corpus: `.*git push.*` and three more in one agent)."""
    from agentconv.dialects.kiro import command_glob

    assert command_glob(regex) == glob
    for other in (".*", ".*\\s+push.*", ".*(push|pull).*", ".* .*"):  # no text, or a regex beyond a literal: not read
        assert command_glob(other) is None


def test_a_kiro_agent_denying_commands_that_hold_a_text_converts_with_that_deny():
    src = kiro_agent(["fs_read", "execute_bash"], ["fs_read", "execute_bash"],
                     {"execute_bash": {"deniedCommands": [".*git push.*"]}})
    opencode, claude = converted(src, "opencode", "claude")
    assert '  bash:\n    "*": allow\n    "*git push*": deny\n' in opencode.text
    # a subagent's disallowedTools entry takes the whole tool: the shell denied whole there, said; a command's deny
    # rules hold the scope
    assert "tools: Read\ndisallowedTools: Bash\n" in claude.text
    assert any(i.code.value == "tool-narrowed" and "Bash(*git push*) denied as the whole Bash" in i.message
               for i in claude.report)
    command, = converted(kiro_agent(["*"], ["fs_read", "execute_bash"],
                                    {"execute_bash": {"deniedCommands": [".*git push.*"]}}), "claude-command")
    assert "disallowed-tools: Bash(*git push*)\n" in command.text
