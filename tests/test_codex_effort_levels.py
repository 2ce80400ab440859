"""Codex's reasoning efforts `max` and `ultra`.

openai/codex codex-rs/protocol/src/openai_models.rs ReasoningEffort holds None, Minimal, Low, Medium, High, XHigh, Max,
Ultra; @openai/codex 0.171.0 loads a role whose model_reasoning_effort is `max` or `ultra` (validate-codex, 2026-11-29).
Our table stopped at `xhigh`: a Claude or Copilot `effort: max` was carried in a comment instead of written, and a
Codex `ultra` was reported as no level of Codex's. `max` is spelled the same in Claude Code, the Copilot CLI
(`reasoning-effort`, copilot.toml) and Codex; `ultra` has no place in Claude Code or the Copilot CLI and stays a typed
loss there (`none` and `minimal` are levels of the Copilot CLI, not of Claude Code).
"""
from __future__ import annotations

import agentconv
from agentconv.validate import validate_text

CLAUDE = "---\nname: deep\ndescription: Thinks hard\neffort: {e}\n---\nThink.\n"
COPILOT = "---\nname: deep\ndescription: Thinks hard\nreasoning-effort: {e}\n---\nThink.\n"
CODEX = 'name = "deep"\ndescription = "Thinks hard"\nmodel_reasoning_effort = "{e}"\ndeveloper_instructions = "Think."\n'


def _effort_items(result):
    return [(i.code.value, i.severity.value) for i in result.report if i.path == "params.effort"]


def test_max_is_written_for_codex_from_claude_and_copilot():
    for text, src, path in ((CLAUDE, "claude", ".claude/agents/deep.md"),
                            (COPILOT, "copilot", ".github/agents/deep.agent.md")):
        result = agentconv.convert_text(text.format(e="max"), "codex", from_=src, path=path)
        assert 'model_reasoning_effort = "max"\n' in result.text, src
        assert "agentconv-carry" not in result.text, src
        assert _effort_items(result) == [], src


def test_codex_max_and_ultra_read_and_written():
    for e in ("max", "ultra"):
        text = CODEX.format(e=e)
        back = agentconv.convert_text(text, "codex", from_="codex", path=".codex/agents/deep.toml")
        assert back.text == text
        findings = validate_text(text, "codex", path=".codex/agents/deep.toml")
        assert [f for f in findings if "effort" in str(f)] == [], findings
    to_claude = agentconv.convert_text(CODEX.format(e="max"), "claude", from_="codex", path=".codex/agents/deep.toml")
    assert "\neffort: max\n" in to_claude.text and _effort_items(to_claude) == []
    # ultra has no place in Claude Code or the Copilot CLI: a typed loss there, never another level
    for target in ("claude", "copilot"):
        result = agentconv.convert_text(CODEX.format(e="ultra"), target, from_="codex",
                                        path=".codex/agents/deep.toml")
        assert "ultra" not in result.text.split("agentconv-carry", 1)[0]
        assert _effort_items(result) == [("field-carried", "info")], target
        why = [i.message for i in result.report if i.path == "params.effort"][0]
        assert "not one of " + ("none, minimal, " if target == "copilot" else "") + "low, medium, high, xhigh, max" in why, why
