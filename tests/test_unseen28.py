"""Classes of problems found by sweeping the 28th shadow corpus: OpenCode, Gemini CLI, Codex, Kiro, Cursor and Copilot
files from public repositories neither the shared corpus nor an earlier shadow corpus holds (helper shadow28,
2026-11-29; the corpus stays outside the project). Synthetic inputs only."""
from __future__ import annotations

import json
import re

import pytest

import agentconv
from agentconv.batch import convert_many
from agentconv.errors import BroadenError


# An OpenCode config holding an agent and a command of one name (`"agent": {"ops": ...}`, `"command": {"ops": ...}`):
# to an agent dialect the command is written as an agent (kind-changed), so both records want one file. The collision
# message named "the other source" and found none (all claims from one file): an internal error (exit 70) for the run.
def test_one_config_whose_agent_and_command_want_one_file_is_a_collision_not_a_crash(tmp_path):
    src = tmp_path / "in" / "opencode.json"
    src.parent.mkdir()
    src.write_text(json.dumps({
        "agent": {"ops": {"description": "Infra.", "mode": "subagent", "prompt": "Do infra."}},
        "command": {"ops": {"description": "Infra task", "template": "Run $ARGUMENTS with @ops.", "agent": "ops"}},
    }, indent=2) + "\n")
    results = list(convert_many([tmp_path / "in"], "claude", tmp_path / "out"))
    assert [(r.status, r.exit_code) for r in results] == [("failed", 7), ("failed", 7)]
    dest = tmp_path / "out" / ".claude" / "agents" / "ops.md"
    assert {r.error for r in results} == {f"{src}: two of its records both become {dest}; rename one"}
    assert not dest.exists()



# A Claude subagent's `disallowedTools: TodoWrite, AskUserQuestion` (a todo list, a question to the user: tools.toml
# [classes] session, "no reach beyond the session"), converted for Codex or Cursor, which cannot deny them, was refused
# (exit 6) as a widening; gaining a session tool is no new kind of access by the rule the never-widen check applies
# (toolpolicy.no_new_access), and Roo already says its always-given session tools as a warning. Now a warning, the
# agent otherwise as its parent's (no sandbox_mode, no readonly), and the deny list carried back exactly.
CLAUDE = ".claude/agents/quiet.md"


def quiet(denied: str) -> str:
    return f"---\nname: quiet\ndescription: Works without asking.\ndisallowedTools: {denied}\n---\nWork.\n"


@pytest.mark.parametrize("target, key", [("codex", "sandbox_mode"), ("cursor", "readonly")])
def test_a_denied_session_tool_the_target_cannot_deny_is_said_not_refused(target, key):
    out = agentconv.convert_text(quiet("TodoWrite, AskUserQuestion"), target, path=CLAUDE)
    assert key not in out.text.split("Work.")[0]  # the parent's tools: nothing written narrows them
    assert [i.message for i in out.report if i.code.value == "tool-broadened"] == [
        f"{target} cannot deny ask, todo, so the agent keeps them: no new kind of access (no reach beyond the session)"]
    back = agentconv.convert_text(out.text, "claude", path=".codex/agents/quiet.toml" if target == "codex"
                                  else ".cursor/agents/quiet.md")
    assert back.text == quiet("TodoWrite, AskUserQuestion")  # the exact deny list, not every session tool
    # beside a denied tool of another class (network, an MCP server) still refused whole, naming every one
    denied, named = ("TodoWrite, WebFetch", "todo, webfetch") if target == "cursor" else \
        ("TodoWrite, Skill, mcp__github", "skill, todo (only a read-only sandbox), nor mcp__github: a role holds")
    with pytest.raises(BroadenError, match=re.escape(f"{target} cannot deny {named}")):
        agentconv.convert_text(quiet(denied), target, path=CLAUDE)


@pytest.mark.parametrize("target, written", [("codex", 'sandbox_mode = "read-only"'), ("cursor", "readonly: true")])
def test_a_session_tool_denied_beside_edits_is_said_and_the_edits_still_denied(target, written):
    out = agentconv.convert_text(quiet("Write, Edit, TodoWrite"), target, path=CLAUDE)
    assert written in out.text
    assert any(i.code.value == "tool-broadened" and "cannot deny todo, so the agent keeps them" in i.message
               for i in out.report)
