"""Cursor as Cursor reads it (helper cursor29, 2026-11-29). Synthetic fixtures only.

- A Cursor subagent's header has no tool list (cursor.com/docs/subagents: name, description, model, readonly,
  is_background): another tool's tool field in it (a Claude ``tools``/``disallowedTools``, a Cursor-CLI-style
  ``tools: Read, Shell, ReadLints``) grants and denies nothing there. It was read as a Claude tool list: the agent came
  out narrower than Cursor runs it, with value-invalid and tool-unmapped warnings on Cursor's own names. Now it is the
  file's key as written: given back into Cursor, never applied elsewhere (said).
- Codex's read-only sandbox keeps a shell whose commands cannot write; ``readonly: true`` keeps only the commands that
  change nothing: no wider, so a read-only role is written ``readonly: true`` (it was refused as a widening), and what
  readonly takes besides (MCP tools, commands that change another state) is said.
"""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError

CURSOR = ".cursor/agents/rev.md"
CODEX = ".codex/agents/rev.toml"


def cursor(extra: str) -> str:
    return f"---\nname: rev\ndescription: Reviews the change.\n{extra}---\nReview it.\n"


def header(text: str) -> str:
    return text.split("\n---\n", 1)[0]


def visible(text: str) -> str:
    """The header as the tool reads it (the side channel's comment left out)."""
    return "\n".join(line for line in header(text).splitlines() if not line.startswith("# agentconv-carry"))


def codes(out) -> list[str]:
    return [i.code.value for i in out.report]


@pytest.mark.parametrize("tools", ["tools: Read, Glob, Grep, LS, Shell, ReadLints, WebFetch, WebSearch\n",
                                   'tools: ["Read", "Grep"]\n', "disallowedTools: Write, Bash\n"])
@pytest.mark.parametrize("readonly", ["", "readonly: true\n"])
@pytest.mark.parametrize("target", ["claude", "opencode", "gemini", "copilot"])
def test_a_tool_field_cursor_ignores_grants_and_denies_nothing(tools, readonly, target):
    text, bare = cursor(readonly + tools), cursor(readonly)
    out = agentconv.convert_text(text, target, path=CURSOR)
    without = agentconv.convert_text(bare, target, path=CURSOR)
    assert visible(out.text) == visible(without.text)  # the tools Cursor runs it with
    assert "value-invalid" not in codes(out) and "tool-unmapped" not in codes(out)
    dropped = [i.message for i in out.report if i.code.value in ("field-dropped", "extension-dropped")]
    assert any(tools.split(":")[0] in m for m in dropped)  # not applied there: said
    assert agentconv.convert_text(text, "cursor", path=CURSOR).text == text  # as it came


def test_cursor_readonly_with_a_cli_tool_list_keeps_its_read_only_denials():
    out = agentconv.convert_text(cursor("readonly: true\ntools: Read, Shell, ReadLints\n"), "claude", path=CURSOR)
    assert "disallowedTools: Write, Edit" in out.text and "\ntools:" not in header(out.text)


READ_ONLY = 'name = "rev"\ndescription = "Reviews the change."\nsandbox_mode = "read-only"\n' \
            'developer_instructions = "Review it."\n'


def test_a_codex_read_only_role_is_written_readonly_and_what_it_loses_is_said():
    out = agentconv.convert_text(READ_ONLY, "cursor", path=CODEX)
    assert "readonly: true" in header(out.text)
    said = [i.message for i in out.report if i.code.value == "tool-narrowed"]
    assert len(said) == 1 and "state-changing command" in said[0] and "MCP" in said[0]
    text = READ_ONLY.replace('sandbox_mode', 'web_search = "disabled"\nsandbox_mode')
    with pytest.raises(BroadenError, match="cannot deny"):  # readonly: true keeps Cursor's web search
        agentconv.convert_text(text, "cursor", path=CODEX)


def test_a_deny_list_written_readonly_says_the_mcp_tools_it_takes_but_not_on_the_way_home():
    claude = "---\nname: rev\ndescription: d\ndisallowedTools: Write, Edit\n---\nReview it.\n"
    out = agentconv.convert_text(claude, "cursor", path=".claude/agents/rev.md")
    said = [i.message for i in out.report if i.code.value == "tool-narrowed"]
    assert len(said) == 1 and "bash" in said[0] and "every MCP server (readonly: true blocks every MCP tool)" in said[0]
    mcp = claude.replace("Write, Edit", "Write, Edit, mcp__github__create_issue")  # readonly blocks every MCP tool
    assert "readonly: true" in agentconv.convert_text(mcp, "cursor", path=".claude/agents/rev.md").text
    there = agentconv.convert_text(cursor("readonly: true\n"), "claude", path=CURSOR)
    back = agentconv.convert_text(there.text, "cursor", path=".claude/agents/rev.md")
    assert "readonly: true" in back.text and "tool-narrowed" not in codes(back)


@pytest.mark.parametrize("target", ["claude", "codex", "opencode", "roo"])
def test_readonly_false_is_the_default_said_by_no_key_elsewhere(target):
    """``readonly: false`` is Cursor's default, every tool of the parent agent (the policy's inherit): written elsewhere
    nothing is lost. It was kept as an unknown Cursor key and warned about in every target (extension-dropped, "not
    carried: an access setting"), 13 real files of unseen27 in 10 targets."""
    text = cursor("readonly: false\nis_background: false\n")
    out = agentconv.convert_text(text, target, path=CURSOR)
    assert not [i for i in out.report if i.severity.value != "info"]
    assert visible(out.text) == visible(agentconv.convert_text(cursor("is_background: false\n"), target,
                                                               path=CURSOR).text)
    assert agentconv.convert_text(text, "cursor", path=CURSOR).text == text  # as it came
