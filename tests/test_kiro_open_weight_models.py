"""Kiro's open-weight models (deepseek-3.2, minimax-m2.1, minimax-m2.5, qwen3-coder-next: the 12 ids models.dev
lists for Kiro, mastra.ai/models/providers/kiro, checked 2026-11-28) are Kiro's own names: kept as written between
Kiro's JSON and markdown forms, never sent to another tool as they are (said unmapped, carried); Claude ids keep
their version crossing."""
import json

import pytest

import agentconv
from agentconv import models
from agentconv.validate import validate_text

OPEN = ["deepseek-3.2", "minimax-m2.1", "minimax-m2.5", "qwen3-coder-next"]
KIRO = ".kiro/agents/a.json"


def kiro(model: str) -> str:
    return json.dumps({"name": "a", "description": "d", "prompt": "x", "model": model}) + "\n"


@pytest.mark.parametrize("model", OPEN)
def test_kept_between_kiro_forms(model):
    md = agentconv.convert_text(kiro(model), "kiro-md", path=KIRO)
    assert f"\nmodel: {model}\n" in md.text and not list(md.report)
    back = agentconv.convert_text(md.text, "kiro", from_="kiro-md", path=".kiro/agents/a.md")
    assert json.loads(back.text)["model"] == model


@pytest.mark.parametrize("model", OPEN)
def test_valid_for_kiro(model):
    assert not [f for f in validate_text(kiro(model), "kiro", path=KIRO) if f.rule == "model"]


@pytest.mark.parametrize("model", OPEN)
@pytest.mark.parametrize("to", ["claude", "opencode", "copilot", "gemini", "cursor"])
def test_never_written_as_another_tools_model(model, to):
    # (no tools key: no shell, which Cursor's readonly: true would grant: written only when allowed)
    out = agentconv.convert_text(kiro(model), to, path=KIRO, policy=agentconv.Policy(allow_broaden=to == "cursor"))
    said = [i for i in out.report if i.path == "model"]
    assert [i.code.value for i in said] == ["model-unmapped"] and said[0].severity.value == "warning"
    assert model not in out.text.split("agentconv-carry")[0]


def test_an_id_kiro_does_not_list_is_still_said():
    findings = validate_text(kiro("qwen3-coder"), "kiro", path=KIRO)
    assert [f.rule for f in findings if f.rule == "model"] == ["model"]


@pytest.mark.parametrize("model", ["claude-opus-4.7", "claude-opus-4.6", "claude-opus-4.5", "claude-sonnet-4.6",
                                   "claude-sonnet-4.5", "claude-sonnet-4", "claude-haiku-4.5"])
@pytest.mark.parametrize("to", ["claude", "opencode", "copilot"])
def test_claude_ids_keep_their_version(model, to):
    out = agentconv.convert_text(kiro(model), to, path=KIRO)
    written = agentconv.read_text(out.text, to)[0].agent.model
    assert written is not None and models.same(written, models.parse(model)), (to, out.text)
