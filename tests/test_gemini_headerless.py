"""A Gemini CLI agent file without a header is said in Gemini CLI's own one reason.

Gemini CLI's agent loader throws "Invalid agent definition: Missing mandatory YAML frontmatter" for a .gemini/agents
file whose text does not start with a header (packages/core/src/agents/agentLoader.ts parseAgentMarkdown; the loader
harness validate-gemini 0.61.0 on such a file, 2026-11-29). A shadow corpus held a dozen such files (a framework's
agents written as plain markdown under .gemini/agents/): agentconv said two made-up reasons, "'name' is empty" and
"'description' is empty", of a file that has no header at all. Now one warning says there is no header; detected, the
file is the markdown persona it is (as Claude Code's and Kiro's header-needing places do), and read `--from gemini` it
comes back as it came.
"""
from __future__ import annotations

import agentconv

PLAIN = "# analyst\n\nYou analyse the requirements and write them down.\n"
AT = ".gemini/agents/analyst.md"


def rejected(report):
    return [str(i) for i in report if i.code.value == "file-rejected"]


def test_a_headerless_gemini_agent_is_said_once_with_its_real_reason():
    out = agentconv.convert_text(PLAIN, "claude", from_="gemini", path=AT)
    said = rejected(out.report)
    assert len(said) == 1, said
    assert "no header" in said[0] and "Gemini CLI loads nothing" in said[0]
    assert not any("is empty" in s for s in said)
    back = agentconv.convert_text(PLAIN, "gemini", from_="gemini", path=AT)
    assert back.text == PLAIN


def test_a_headerless_file_in_gemini_agents_is_detected_as_the_persona_it_is():
    out = agentconv.convert_text(PLAIN, "claude", path=AT)
    assert out.source == "markdown"
    said = rejected(out.report)
    assert len(said) == 1 and "no header" in said[0] and "Gemini CLI" in said[0]


def test_a_headerless_file_named_alone_is_said_too():
    out = agentconv.convert_text(PLAIN, "claude", from_="gemini", path="notes/analyst.md")
    said = rejected(out.report)
    assert len(said) == 1 and "no header" in said[0] and "Gemini CLI" in said[0]


def test_a_header_without_a_name_is_still_said_by_its_key():
    text = "---\ndescription: Analyses requirements\n---\nYou analyse.\n"
    said = rejected(agentconv.convert_text(text, "claude", from_="gemini", path=AT).report)
    assert said and all("no header" not in s for s in said)
    assert any("'name' is empty" in s for s in said)
