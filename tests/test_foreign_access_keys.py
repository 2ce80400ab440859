"""Another tool's access setting found in a file of a tool that ignores it (Claude Code's `permissionMode`, `hooks`,
`mcpServers` in a `.cursor/agents` or `.gemini/agents` file, as some generators copy a Claude header) never acted
where the file is read: its tool gave the agent no such mode, hook or server. Written into the tool that owns the key
it would act there, so it is not written (field-dropped, said); an inert key of that tool (Claude Code's `background`)
still is, and the key is kept for a write back into the file's own dialect. It was written silently: a Cursor
subagent with `permissionMode: bypassPermissions` became a Claude Code subagent that asks for nothing. Synthetic
fixtures only."""
from __future__ import annotations

import pytest

import agentconv

CURSOR = ".cursor/agents/fixer.md"


def cursor(extra: str) -> str:
    return f"---\nname: fixer\ndescription: Fixes the failing tests.\n{extra}---\nFix them.\n"


def header(text: str) -> str:
    return text.split("\n---\n", 1)[0]


@pytest.mark.parametrize("extra, key", [
    ("permissionMode: bypassPermissions\n", "permissionMode"),
    ("permissionMode: acceptEdits\n", "permissionMode"),
    ("mcpServers:\n  - github\n", "mcpServers"),
    ("hooks:\n  Stop:\n    - hooks:\n        - type: command\n          command: ./notify.sh\n", "hooks"),
])
def test_an_access_key_the_source_tool_ignores_is_not_written_into_its_owner(extra, key):
    out = agentconv.convert_text(cursor(extra), "claude", path=CURSOR)
    assert f"{key}:" not in header(out.text)
    said = [i for i in out.report if i.code.value == "field-dropped" and key in i.message]
    assert said and "cursor" in said[0].message.lower()
    assert agentconv.convert_text(cursor(extra), "cursor", path=CURSOR).text == cursor(extra)  # as it came


def test_an_inert_key_of_the_owner_is_still_written_and_a_narrowing_value_too():
    out = agentconv.convert_text(cursor("background: true\npermissionMode: default\n"), "claude", path=CURSOR)
    assert "background: true" in header(out.text) and "permissionMode: default" in header(out.text)
    assert not any(i.code.value == "field-dropped" for i in out.report)


def test_the_same_key_in_its_own_tools_file_is_written_as_before():
    src = "---\nname: fixer\ndescription: Fixes the failing tests.\npermissionMode: acceptEdits\n---\nFix them.\n"
    assert agentconv.convert_text(src, "claude", path=".claude/agents/fixer.md").text == src
