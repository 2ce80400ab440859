"""Copilot's reasoning effort key: ``reasoning-effort``, the Copilot CLI's ("A custom agent's `reasoning-effort` now
applies when the agent is selected", @github/copilot 1.0.88, changelog.json of 1.0.102), with its levels (``copilot
help``: none, minimal, low, medium, high, xhigh, max). agentconv wrote ``reasoningEffort``, which no tool reads (VS Code's
PromptHeaderAttributes has no effort key): an effort written for Copilot did nothing, and a Copilot CLI agent's effort
was not read.
"""
from __future__ import annotations

import json

import pytest

import agentconv

CLAUDE = "---\nname: deep\ndescription: Thinks hard\neffort: {e}\n---\nThink.\n"
CODEX = 'name = "deep"\ndescription = "Thinks hard"\nmodel_reasoning_effort = "{e}"\ndeveloper_instructions = "Think."\n'
COPILOT = "---\nname: deep\ndescription: Thinks hard\n{key}: {e}\n---\nThink.\n"

# (source, text, target) -> the effort line written (None: none), the effort items of the report
EFFORT = [
    ("claude", CLAUDE.format(e="high"), "copilot", "reasoning-effort: high", []),
    ("codex", CODEX.format(e="minimal"), "copilot", "reasoning-effort: minimal", []),  # a level of the Copilot CLI
    ("copilot", COPILOT.format(key="reasoning-effort", e="xhigh"), "codex", 'model_reasoning_effort = "xhigh"', []),
    ("copilot", COPILOT.format(key="reasoning-effort", e="low"), "claude", "effort: low", []),
    # no tool reads `reasoningEffort`: not an effort; another tool's dialect is told it is dropped
    ("copilot", COPILOT.format(key="reasoningEffort", e="high"), "claude", None,
     [("extension-dropped", "warning")]),
]
PATH = {"claude": ".claude/agents/deep.md", "codex": ".codex/agents/deep.toml", "copilot": ".github/agents/deep.agent.md"}


@pytest.mark.parametrize("source,text,target,line,items", EFFORT, ids=[f"{s}-{t}-{i}" for i, (s, _, t, _, _) in
                                                                       enumerate(EFFORT)])
def test_copilot_reasoning_effort_key(source, text, target, line, items):
    result = agentconv.convert_text(text, target, from_=source, path=PATH[source])
    header = result.text.split("agentconv-carry", 1)[0]
    if line is None:
        assert "effort" not in header.lower().replace("reasoningeffort", ""), header
    else:
        assert f"\n{line}\n" in result.text, result.text
    got = [(i.code.value, i.severity.value) for i in result.report if "ffort" in i.path]
    assert got == items
    if source == "copilot":  # its own dialect: byte for byte, the old key included
        assert agentconv.convert_text(text, "copilot", from_="copilot", path=PATH[source]).text == text


def test_copilot_effort_values_are_the_clis():
    from agentconv.validate import validate_text
    ok = COPILOT.format(key="reasoning-effort", e="none")
    assert [f for f in validate_text(ok, "copilot", path=PATH["copilot"]) if "effort" in json.dumps(str(f))] == []
    bad = COPILOT.format(key="reasoning-effort", e="ultra")
    assert [f.rule for f in validate_text(bad, "copilot", path=PATH["copilot"])] == ["value"]
