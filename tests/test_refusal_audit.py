"""The audit of 2026-11-29 of the refusals as a widening (refusals27), by class, against the tools' own rules.

- Cursor's ``readonly: true`` forbids file edits and the state-changing shell commands only ("no file edits, no
  state-changing shell commands", cursor.com/docs/context/subagents; cursor.toml ``[readonly]``): it is not "no shell".
  An allowlist without a shell tool, or a deny of one, was written ``readonly: true`` (said as info): the agent got a
  shell its source never had, as Codex's read-only sandbox would, which was already refused. Now refused the same way
  (a widening not refused, fixed). An allowlist with a shell and no file tool was refused ("the agent would get every
  tool"); ``readonly: true`` holds it, narrower (its state-changing commands, and any MCP tool: readonly blocks MCP):
  written and said (a false refusal, fixed).
- Roo's ``mcp`` group is every tool of every MCP server and a mode cannot name some: an allowlist of one server's tools
  was refused; the mode is written without the group instead, narrower, said (a false refusal, fixed).
Synthetic fixtures only."""
from __future__ import annotations

import pytest
from ruamel.yaml import YAML

import agentconv
from agentconv.errors import BroadenError

CLAUDE = ".claude/agents/probe.md"
OPENCODE = ".opencode/agent/probe.md"


def claude(tools: str) -> str:
    return f"---\nname: probe\ndescription: Probes.\ntools: {tools}\n---\n\nProbe.\n"


def said(out, code: str) -> list[str]:
    return [i.message for i in out.report if i.path == "tools" and i.code.value == code]


@pytest.mark.parametrize("tools", ["Read, Grep, Glob", "WebFetch", "TodoWrite", "Read, mcp__docs__lookup", "[]"])
def test_cursor_never_gives_a_shell_an_allowlist_did_not_grant(tools):
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(claude(tools), "cursor", from_="claude", path=CLAUDE)
    assert "readonly: true still runs shell commands (it forbids only the state-changing ones): the allowlist grants " \
           "no shell" in str(err.value)
    out = agentconv.convert_text(claude(tools), "cursor", from_="claude", path=CLAUDE,
                                 policy=agentconv.Policy(allow_broaden=True))
    assert "\nreadonly: true\n" in out.text  # the least it can grant, the widening said
    assert len(said(out, "tool-broadened")) == 1


def test_cursor_never_writes_a_denied_shell_as_readonly():
    text = '---\ndescription: d\npermission:\n  bash: deny\n  edit: deny\n---\n\nLook.\n'
    with pytest.raises(BroadenError, match="cursor cannot deny bash: readonly: true still runs shell commands"):
        agentconv.convert_text(text, "cursor", from_="opencode", path=OPENCODE)
    # a deny of the edit tools alone is readonly: true, as before (narrower: its shell's state-changing commands go)
    edits = agentconv.convert_text(text.replace("  bash: deny\n", ""), "cursor", from_="opencode", path=OPENCODE)
    assert "\nreadonly: true\n" in edits.text


@pytest.mark.parametrize("tools,gone", [
    ("Read, Grep, Bash", "the state-changing commands of bash"),
    ("Read, Bash, mcp__docs__lookup", "the state-changing commands of bash and mcp__docs__lookup (readonly: true "
                                      "blocks every MCP tool)"),
])
def test_cursor_writes_a_shell_without_edits_as_readonly_narrower(tools, gone):
    out = agentconv.convert_text(claude(tools), "cursor", from_="claude", path=CLAUDE)
    assert "\nreadonly: true\n" in out.text
    assert said(out, "tool-narrowed") == [f"the allowlist written as readonly: true, which also forbids {gone}"]
    assert not said(out, "tool-broadened")


def test_cursor_refuses_file_edits_naming_what_readonly_false_gives():
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(claude("Read, Edit, Bash"), "cursor", from_="claude", path=CLAUDE)
    assert "cursor has no tool list and it grants edit: only readonly: false allows file edits, and it gives the " \
           "agent every tool of its parent agent, which would add web search, the browser (any URL), the Task tool " \
           "(subagents), every MCP server's tools, every MCP server's resources: access of a kind the allowlist does " \
           "not grant" in str(err.value)


@pytest.mark.parametrize("tools,groups", [("Read, Bash, mcp__docs__lookup", ["read", "command"]),
                                          ("mcp__docs__lookup, mcp__docs__search", [])])
def test_roo_writes_some_mcp_tools_as_no_mcp_group_narrower(tools, groups):
    out = agentconv.convert_text(claude(tools), "roo", from_="claude", path=CLAUDE)
    assert YAML(typ="safe").load(out.text)["customModes"][0]["groups"] == groups
    narrowed = said(out, "tool-narrowed")
    assert len(narrowed) == 1 and "the mode written without the mcp group" in narrowed[0] and "mcp__docs__lookup" in \
        narrowed[0]
    # every MCP tool (Claude's whole-server grant is not: one server) is still Roo's whole group, as before
    roo = "customModes:\n  - slug: probe\n    name: Probe\n    roleDefinition: Probe.\n    groups:\n      - read\n      - mcp\n"
    assert agentconv.convert_text(roo, "roo", from_="roo", path=".roomodes").text == roo


def test_a_cursor_readonly_agent_comes_back_from_another_dialect_without_a_refusal():
    """Its deny of the shell, carried back from Cursor, is readonly's own: not refused on the way back."""
    cursor = "---\nname: ro\ndescription: Looks.\nreadonly: true\n---\n\nLook.\n"
    placed = agentconv.Policy(placed=True)
    out = agentconv.convert_text(cursor, "claude", from_="cursor", path=".cursor/agents/ro.md", policy=placed)
    assert "Bash" in out.text.split("disallowedTools:")[1].split("\n")[0]
    back = agentconv.convert_text(out.text, "cursor", from_="claude", path=out.path, policy=placed)
    assert "\nreadonly: true\n" in back.text
    with pytest.raises(BroadenError):  # the same deny list, not from Cursor: refused
        agentconv.convert_text(out.text.split("# agentconv-carry")[0] + "---\n\nLook.\n", "cursor", from_="claude",
                               path=out.path)


def test_a_codex_role_without_a_name_is_rejected_at_line_1_even_with_name_in_a_string():
    """(Found by the fuzz walk of test_validate once these goldens changed.) A missing key has no line: the reader
    said line 2, where `name = ` stood inside the multi-line developer_instructions, and validate said line 1."""
    text = 'developer_instructions = """\nname = "x"\nDo it.\n"""\ndescription = "d"\n'
    _doc, report = agentconv.read_text(text, "codex", path=".codex/agents/x.toml")
    assert [(i.code.value, i.line) for i in report if i.code.value == "file-rejected"] == [("file-rejected", 1)]
