"""Classes of problems found by sweeping the 28th shadow corpus: OpenCode, Gemini CLI, Codex, Kiro, Cursor and Copilot
files from public repositories neither the shared corpus nor an earlier shadow corpus holds (helper shadow28,
2026-11-29; the corpus stays outside the project). Synthetic inputs only."""
from __future__ import annotations

import json

from agentconv.batch import convert_many


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

