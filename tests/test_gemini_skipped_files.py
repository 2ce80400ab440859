"""Gemini CLI skips an agent file whose name starts with '_'.

@google/gemini-cli 0.61.0 loadAgentsFromDirectory keeps only `entry.isFile() && !entry.name.startsWith("_") &&
entry.name.endsWith(".md")` (the bundle, read 2026-11-29; gemini.toml [layout] skipped_prefix). The loader harness found
an agent named `_index` written to .gemini/agents/_index.md, which Gemini never loads, silently. Now a record whose
name starts with '_' (a name Gemini's rule takes) is written to a file without it, the header keeping the name; and a
Gemini file so named, which Gemini leaves switched off, is said (file-rejected) and comes back under its own file
name in its own dialect, never moved to a name that switches it on.
"""
from __future__ import annotations

import agentconv

CLAUDE = "---\nname: _index\ndescription: Lists the other agents\n---\nYou list agents.\n"
GEMINI_OFF = "---\nname: helper\ndescription: A helper\n---\nYou help.\n"
GEMINI_ON = "---\nname: _lead\ndescription: The lead\n---\nYou lead.\n"


def test_a_name_starting_with_underscore_is_written_to_a_file_gemini_loads():
    out = agentconv.convert_text(CLAUDE, "gemini", from_="claude", path=".claude/agents/_index.md")
    assert out.path == ".gemini/agents/index.md"
    assert "\nname: _index\n" in out.text  # the name is kept: Gemini registers it from the header
    assert not [i for i in out.report if i.path == "name"]
    on = agentconv.convert_text(GEMINI_ON, "gemini", from_="gemini", path=".gemini/agents/lead.md")
    assert (on.path, on.text) == (".gemini/agents/lead.md", GEMINI_ON)


def test_a_gemini_file_gemini_skips_is_said_and_stays_switched_off():
    back = agentconv.convert_text(GEMINI_OFF, "gemini", from_="gemini", path=".gemini/agents/_helper.md")
    assert (back.path, back.text) == (".gemini/agents/_helper.md", GEMINI_OFF)
    out = agentconv.convert_text(GEMINI_OFF, "claude", from_="gemini", path=".gemini/agents/_helper.md")
    said = [(i.code.value, i.severity.value) for i in out.report if i.code.value == "file-rejected"]
    assert said == [("file-rejected", "warning")]
    assert "starts with '_'" in str([i for i in out.report if i.code.value == "file-rejected"][0])
    # elsewhere (not a Gemini agents folder) the file name means nothing to Gemini CLI
    loose = agentconv.convert_text(GEMINI_OFF, "claude", from_="gemini", path="notes/_helper.md")
    assert not [i for i in loose.report if i.code.value == "file-rejected"]
