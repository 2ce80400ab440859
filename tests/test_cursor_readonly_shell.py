"""Cursor's `readonly: true` forbids file edits and the shell commands that change state, not the shell as a whole:
"If `true`, the subagent runs with restricted write permissions (no file edits, no state-changing shell commands)"
(cursor.com/docs/context/subagents, Configuration fields; read 2026-11-29). No other dialect denies a shell by what a
command does, so a readonly agent is written elsewhere with no shell at all: never wider (no write, edit or shell
tool), and the read-only commands it could run are said lost (tool-narrowed). It was silent. Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv

PATH = ".cursor/agents/reader.md"
READONLY = "---\nname: reader\ndescription: Reads the code.\nreadonly: true\n---\n\nRead the code.\n"
WIDE = {"claude": ("Write", "Edit", "Bash"), "opencode": ("write: allow", "edit: allow", "bash: allow"),
        "copilot": ("edit/editFiles", "execute/runInTerminal"), "gemini": ("write_file", "replace", "run_shell_command"),
        "kiro": ('"write"', '"shell"'), "roo": ("- edit", "- command")}


@pytest.mark.parametrize("target", sorted(WIDE))
def test_a_readonly_agent_written_elsewhere_has_no_write_or_shell_and_says_its_shell_is_gone(target):
    out = agentconv.convert_text(READONLY, target, path=PATH)
    header = out.text.split("disallowedTools")[0] if target == "claude" else out.text
    assert not [w for w in WIDE[target] if w in header], out.text
    if target == "claude":
        assert "Write, Edit, NotebookEdit, Bash" in out.text  # denied there
    said = [i for i in out.report if i.code.value == "tool-narrowed" and "state-changing" in i.message]
    assert len(said) == 1 and said[0].severity.value == "warning" and "readonly: true" in said[0].message

    # in its own dialect nothing is said; readonly: false denies nothing, so nothing is narrowed
    assert agentconv.convert_text(READONLY, "cursor", path=PATH).text == READONLY
    assert not [i for i in agentconv.convert_text(READONLY, "cursor", path=PATH).report if i.code.value == "tool-narrowed"]
    writable = READONLY.replace("readonly: true", "readonly: false")
    assert not [i for i in agentconv.convert_text(writable, target, path=PATH).report
                if i.code.value == "tool-narrowed" and "state-changing" in i.message]
