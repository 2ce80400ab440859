"""A Roo mode's `source` other than global or project: Roo loads nothing from the file, said.

@roo-code/types modeConfigSchema has `source: z.enum(["global", "project"]).optional()`, and CustomModesManager loads no
mode from a file that fails customModesSettingsSchema (validate-roo, @roo-code/types 1.115.0, on a shadow-corpus
custom_modes.yaml with `source: custom`, 2026-11-29: "Invalid enum value. Expected 'global' | 'project', received
'custom'"). `validate` said so, but `convert` read such a file with no word that Roo never loaded it. Now it is said
(file-rejected; `validate` keeps its one error), the file converted to Roo comes back as it came, and a `source`
carried from such a file is not written into a fresh Roo file.
"""
from __future__ import annotations

import pytest

import agentconv
from agentconv.validate import validate_text

MODES = "customModes:\n  - slug: faq\n    name: FAQ\n    roleDefinition: You write FAQs.\n    groups: [read]\n{extra}"


def rejected(report):
    return [i.message for i in report if i.code.value == "file-rejected"]


@pytest.mark.parametrize("value", ["custom", "Project", "null"])
def test_a_source_roo_refuses_is_said_and_comes_back_as_it_came(value):
    src = MODES.format(extra=f"    source: {value}\n")
    doc, report = agentconv.read_text(src, "roo", path=".roomodes")
    said = rejected(report)
    assert len(said) == 1 and "'source' is" in said[0] and "neither global nor project" in said[0]
    assert "Roo loads nothing from the file" in said[0]
    assert [f.severity.value for f in validate_text(src, "roo", path=".roomodes")] == ["error"]  # said once there too
    assert agentconv.convert_text(src, "roo", from_="roo", path=".roomodes").text == src


@pytest.mark.parametrize("value", ["global", "project"])
def test_the_sources_roo_takes_are_not_said(value):
    src = MODES.format(extra=f"    source: {value}\n")
    assert not rejected(agentconv.read_text(src, "roo", path=".roomodes")[1])


def test_a_refused_source_is_not_written_back_into_a_fresh_roo_file():
    src = MODES.format(extra="    source: custom\n")
    claude = agentconv.convert_text(src, "claude", from_="roo", path=".roomodes")
    back = agentconv.convert_text(claude.text, "roo", from_="claude", path=".claude/agents/faq.md")
    assert "source: custom" not in back.text
