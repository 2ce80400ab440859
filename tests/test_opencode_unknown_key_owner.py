"""A key OpenCode does not know in an OpenCode agent is OpenCode's own: opencode-ai 1.18.33's AgentConfig decode keeps
its known keys (name, model, variant, prompt, description, temperature, top_p, mode, hidden, color, steps, maxSteps,
options, permission, disable, tools) and moves every other key into the agent's `options` (read in its binary,
2026-11-29). `permissions:` (a slip for `permission`) denies nothing there. It was read as another tool's key (Kiro's
Markdown agents' `permissions` rules) and said as a "kiro-md field"; it is said as the OpenCode key it is. Another
tool's key for an IR field (a tool list) is still read in that tool's terms. Synthetic fixtures."""
from __future__ import annotations

import pytest

import agentconv

SRC = "---\ndescription: Reviews code\nmode: subagent\npermissions:\n  edit: deny\n  bash: deny\n---\nYou review.\n"
PATH = ".opencode/agent/rev.md"


@pytest.mark.parametrize("target", ["claude", "kiro-md", "gemini"])
def test_a_misspelt_permission_map_is_said_as_opencodes_unknown_key(target):
    out = agentconv.convert_text(SRC, target, from_="opencode", path=PATH)
    said = [i for i in out.report if "permissions" in i.message]
    assert [(i.code.value, i.path) for i in said] == [("extension-dropped", "extensions.opencode.permissions")]
    assert said[0].message.startswith("opencode field 'permissions' has no place in ")
    assert not any("kiro-md" in i.message and "permissions" in i.message for i in out.report if target != "kiro-md")
    assert "permissions:" not in out.text.split("\n---\n", 1)[0]


def test_it_comes_back_as_written_into_opencode():
    doc, _ = agentconv.api.read_text(SRC, "opencode", path=PATH)
    assert doc.agent.extensions["opencode"]["permissions"] == {"edit": "deny", "bash": "deny"}
    assert "kiro-md" not in doc.agent.extensions
    assert agentconv.convert_text(SRC, "opencode", from_="opencode", path=PATH).text == SRC
