"""A Claude Code subagent's ``tools`` and ``disallowedTools`` only make tools available: the permission rules it runs
with are its session's, and by default Claude Code asks before Bash, Edit, Write, NotebookEdit, WebFetch, WebSearch,
Skill, ExitPlanMode and MCP tools (code.claude.com/docs/en/tools-reference, "Permission required"). OpenCode's
``permission.edit: allow`` runs edits without approval ("allow - Run without approval", opencode.ai/docs/permissions).
Written into a subagent, such an allow lost its pre-approval without a word; now said (tool-narrowed), for the tools
Claude Code asks about only (an allow of read is what Claude Code does anyway). Synthetic inputs only."""
from __future__ import annotations

import pytest

import agentconv

OC = ".opencode/agent/o.md"


@pytest.mark.parametrize("perm", [['"*": deny', "read: allow", "edit: allow"], ["bash: deny", "edit: allow"]])
def test_an_opencode_allow_into_a_subagent_is_said_not_preapproved(perm):
    src = "---\ndescription: d\npermission:\n" + "".join(f"  {p}\n" for p in perm) + "---\nDo.\n"
    out = agentconv.convert_text(src, "claude", from_="opencode", path=OC)
    said = [i for i in out.report.items if i.code.value == "tool-narrowed" and "not pre-approved" in i.message]
    assert len(said) == 1 and "edit" in said[0].message and "read" not in said[0].message

