"""OpenCode's `permission` keys are matched against the permission a tool call asks, and its edit, write and apply_patch
tools all ask `edit` (anomalyco/opencode packages/opencode/src/permission/index.ts 0197fee9: `fromConfig`, `disabled`;
opencode-ai 1.18.33 `debug agent`, run offline 2026-11-28). A `write`, `patch` or `apply_patch` key governs no call:
read as no rule, as OpenCode applies it, and said where it decides otherwise than `edit`. It was read as a grant or a
deny of file changes: `"*": deny` beside `write: allow` gave Write elsewhere (wider than OpenCode, where the agent
cannot write), `patch: deny` beside `edit: allow` took Edit away without a word. Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv

PATH = ".opencode/agents/worker.md"


def agent(permission: str) -> str:
    return f"---\ndescription: Works on the code.\nmode: subagent\npermission:\n{permission}---\nWork.\n"


def header(text: str) -> str:
    return text.split("# agentconv-carry")[0]


@pytest.mark.parametrize("key", ["write", "patch", "apply_patch"])
def test_an_allow_under_a_key_no_call_asks_grants_nothing(key):
    out = agentconv.convert_text(agent(f'  "*": deny\n  read: allow\n  {key}: allow\n'), "claude", path=PATH)
    assert "tools: Read\n" in header(out.text)
    assert "Write" not in header(out.text) and "Edit" not in header(out.text)
    said = [i.message for i in out.report if i.code.value == "value-invalid"]
    assert said and f"'{key}: allow' matches no call" in said[0]


@pytest.mark.parametrize("key", ["write", "patch"])
def test_a_deny_under_a_key_no_call_asks_takes_nothing_away_and_is_said(key):
    out = agentconv.convert_text(agent(f"  edit: allow\n  {key}: deny\n  bash: allow\n"), "claude", path=PATH)
    assert "disallowedTools" not in header(out.text)
    assert any(i.code.value == "value-invalid" and f"'{key}: deny'" in i.message for i in out.report)


def test_a_key_that_says_what_edit_says_is_not_reported():
    """agentconv writes `write` beside `edit` itself ([tools] write = write, edit): read back, nothing to say."""
    out = agentconv.convert_text(agent("  edit: deny\n  write: deny\n"), "claude", path=PATH)
    assert "disallowedTools: Edit, Write" in header(out.text)
    assert not any(i.code.value == "value-invalid" for i in out.report)
    assert agentconv.convert_text(agent("  edit: deny\n  write: deny\n"), "opencode", path=PATH).text == \
        agent("  edit: deny\n  write: deny\n")  # its own dialect: byte for byte
