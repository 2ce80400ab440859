"""Codex 0.171.0's own model list: gpt-6.2-sol and gpt-6.2-astra.

@openai/codex 0.171.0 (npm, 2026-11-20) bundles a models.json whose visible slugs add gpt-6.2-sol (GPT-6.2-Sol) and
gpt-6.2-astra (GPT-6.2-Astra) to those of 0.169.0 (read in the native binary, 2026-11-29; models.toml [api]). A
Copilot agent naming one by its display name was written for Codex without its model (model-unmapped), so the role
ran the parent's model. OpenCode's bundled models.dev list (opencode.toml [model.known]) still lacks them: there the
model stays omitted and reported, never written as an id OpenCode cannot resolve.
"""
from __future__ import annotations

import agentconv

from test_matrix import PATHS, fields, source_text


def convert(raw: str, target: str):
    text = source_text("copilot", f"model: {raw}\n")
    result = agentconv.convert_text(text, target, from_="copilot", path=PATHS["copilot"],
                                    policy=agentconv.Policy(allow_broaden=True))
    items = [(i.code.value, i.severity.value) for i in result.report if i.path == "model"]
    return fields(target, result.text).get("model"), items


def test_codex_0171_models_are_written_for_codex_and_not_for_opencode():
    for display, slug in (("GPT-6.2-Sol", "gpt-6.2-sol"), ("GPT-6.2-Astra", "gpt-6.2-astra")):
        assert convert(display, "codex") == (slug, [("model-coerced", "info")]), display
        assert convert(display, "opencode") == (None, [("model-unmapped", "warning")]), display
    # the model before them in the list is unchanged
    assert convert("GPT-6.1-Sol", "codex") == ("gpt-6.1-sol", [("model-coerced", "info")])
