"""Kiro agents in Markdown (`kiro-md`: .kiro/agents/NAME.md, the Kiro IDE's custom agents and Kiro CLI 3's agent
profiles; kiro.dev/docs/custom-agents/, kiro.dev/docs/cli/v3/agent-config/, read 2026-11-28). Synthetic fixtures
only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.discover import agent_files

PATH = ".kiro/agents/planner.md"
MD = ('---\nname: planner\ndescription: Plans changes before code is written.\nmodel: claude-sonnet-4.5\n'
      'tools: ["read", "write", "@mcp"]\nincludeMcpJson: true\npermissions:\n  - capability: shell\n    effect: deny\n'
      '    match:\n      - "rm *"\n---\n\nYou plan. You never run commands.\n')


def codes(result) -> list[str]:
    return [i.code.value for i in result.report]


def test_a_markdown_agent_in_kiros_folder_is_read_as_kiro_md_and_comes_back_byte_for_byte():
    """Was skipped as "a format agentconv does not read" (11 real files in the breadth shadow corpus)."""
    out = agentconv.convert_text(MD, "kiro-md", path=PATH)
    assert out.source == "kiro-md"
    assert out.text == MD
    nameless = '---\ndescription: d\ntools: [read, shell]\n---\nBody\n'  # the file names it
    back = agentconv.convert_text(nameless, "kiro-md", path=".kiro/agents/x.md")
    assert back.text == nameless and "file-rejected" not in codes(back)


def test_kiro_tags_are_read_as_the_tools_they_hold_and_an_allowlist_stays_one():
    # a deny of a shell the agent does not list takes nothing away (Kiro: "deny > ask > allow"): no refusal, said
    out = agentconv.convert_text(MD, "claude", path=PATH)
    assert any("permissions deny shell ['rm *']" in i.message for i in out.report if i.code.value == "tool-coerced")
    head = out.text.split("---")[1]
    assert "tools: Read, Glob, Grep, Write, Edit\n" in head  # read: reading, listing, searching; write: writing, editing
    assert "Bash" not in head
    said = [i.message for i in out.report if i.code.value == "tool-unmapped"]
    assert any("@mcp" in m for m in said)  # all MCP tools of mcp.json: no one server, said, not granted
    # its one rule is said above: no "no place" for `permissions` (it was said as well, as if nothing were written)
    assert not any("permissions" in i.message for i in out.report if i.code.value in ("extension-dropped",
                                                                                      "field-dropped"))


@pytest.mark.parametrize("tools, claude", [('["*"]', None), ("[]", "value-required"), (None, "value-required")])
def test_every_tool_no_tool_and_no_key(tools, claude):
    """`*` is every tool; an empty list and no key (the JSON form's default, agent-v1.json `[]`) no tool: never wider."""
    src = "---\nname: a\ndescription: d\n" + (f"tools: {tools}\n" if tools is not None else "") + "---\nB\n"
    out = agentconv.convert_text(src, "opencode", path=".kiro/agents/a.md")
    assert ('"*": deny' in out.text) == (claude is not None)
    assert agentconv.convert_text(src, "kiro-md", path=".kiro/agents/a.md").text == src


def test_a_claude_allowlist_written_in_kiro_tags_comes_back_no_wider():
    src = "---\nname: r\ndescription: Reviews.\ntools: Read, Bash\n---\nReview.\n"
    md = agentconv.convert_text(src, "kiro-md", from_="claude").text
    assert "  - read\n  - shell\n" in md
    back = agentconv.convert_text(md, "claude", from_="kiro-md", path=".kiro/agents/r.md")
    # the same tools; the shell asks in Kiro (no allowedTools), so it rides as asking, said on the way back
    assert back.text.split("\n# agentconv-carry")[0] == src.split("\n---\nReview")[0]
    assert any(i.code.value == "field-dropped" and "ask before each call of Bash" in i.message for i in back.report)


def test_a_file_without_frontmatter_in_kiros_folder_is_said():
    """Kiro loads no agent from it (a prompt file a JSON agent names): read as a persona, said."""
    out = agentconv.convert_text("Just a prompt.\n", "claude", path=".kiro/agents/prompts/p.md")
    assert "file-rejected" in codes(out)


def test_markdown_agents_are_found_below_a_directory(tmp_path):
    agents = tmp_path / ".kiro" / "agents"
    (agents / "team").mkdir(parents=True)
    (agents / "planner.md").write_text(MD, encoding="utf-8")
    (agents / "team" / "lead.md").write_text("---\ndescription: d\ntools: [read]\n---\nLead.\n", encoding="utf-8")
    skipped: list[str] = []
    found = [e.rel for e in agent_files(tmp_path, skipped=lambda e, why: skipped.append(e.rel))]
    assert found == [".kiro/agents/planner.md", ".kiro/agents/team/lead.md"] and skipped == []
