"""Model names re-read against the vendors' sources on 2026-11-29.

Every row of ``WRITES`` names a version another tool writes: before, it was omitted ("not in X's model list") where
the target runs that very version. Sources (cited in the tables): models.toml [api] (OpenCode 1.18.33's models.dev
ids, Gemini CLI 0.61.0 VALID_GEMINI_MODELS), copilot.toml [model.version] (github/docs supported models: Gemini 3.1
Pro, a public preview, which VS Code names `... (Preview)`). ``KEPT`` holds the rows that did not change and must not:
a version GitHub says no custom agent runs (GPT-5.4 nano) is still omitted, and the round trips keep the version.
"""
from __future__ import annotations

import pytest

import agentconv
from test_matrix import PATHS, fields, source_text
from test_models import TARGETS, model_line, write

# (source dialect, model as written) -> what claude, copilot, opencode, gemini, codex, cursor, kiro, marketplace write
WRITES = [
    ('copilot', 'GPT-5.4 mini (copilot)',
     [None, 'GPT-5.4 mini (copilot)', 'openai/gpt-5.4-mini', None, 'gpt-5.4-mini', None, None, None]),
    ('copilot', 'Gemini 3.6 Flash (copilot)',
     [None, 'Gemini 3.6 Flash (copilot)', 'google/gemini-3.6-flash', 'gemini-3.6-flash', None, None, None, None]),
    ('copilot', 'Gemini 3.8 Flash',
     [None, 'Gemini 3.8 Flash', 'google/gemini-3.8-flash', 'gemini-3.8-flash', None, None, None, None]),
    ('opencode', 'google/gemini-3.1-pro-preview',
     [None, 'Gemini 3.1 Pro (Preview) (copilot)', 'google/gemini-3.1-pro-preview', 'gemini-3.1-pro-preview', None,
      'gemini-3.1-pro-preview', None, None]),
    ('gemini', 'gemini-3.1-pro-preview',
     [None, 'Gemini 3.1 Pro (Preview) (copilot)', 'google/gemini-3.1-pro-preview', 'gemini-3.1-pro-preview', None,
      'gemini-3.1-pro-preview', None, None]),
]

KEPT = [
    ('copilot', 'Gemini 3.1 Pro',  # a Copilot file's own name of it: read as that version, as before
     [None, 'Gemini 3.1 Pro', 'google/gemini-3.1-pro-preview', 'gemini-3.1-pro-preview', None, None, None, None]),
    # "only available in the Codex Visual Studio Code extension ... not available in Copilot Chat": never written there
    ('codex', 'gpt-5.4-nano',
     [None, None, 'openai/gpt-5.4-nano', None, 'gpt-5.4-nano', 'gpt-5.4-nano', None, None]),
    # retired from Copilot and from OpenCode's list; Codex sends the id to OpenAI as written
    ('copilot', 'GPT-5.1-Codex (copilot)',
     [None, 'GPT-5.1-Codex (copilot)', None, None, 'gpt-5.1-codex', None, None, None]),
    ('codex', 'gpt-5.1-codex',
     [None, None, None, None, 'gpt-5.1-codex', 'gpt-5.1-codex', None, None]),
    # an id nobody lists, well formed: kept where the target takes any id of that vendor, never another version
    ('codex', 'gpt-7',
     [None, None, None, None, 'gpt-7', 'gpt-7', None, None]),
    ('claude', 'claude-opus-6',
     ['claude-opus-6', None, None, None, None, 'claude-opus-6', None, 'claude-opus-6']),
    ('gemini', 'gemini-4-pro',
     [None, None, None, 'gemini-4-pro', None, 'gemini-4-pro', None, None]),
]


def _check(source, raw, want):
    for target, expected in zip(TARGETS, want):
        written, report = write(source, raw, target)
        items = [(i.code.value, i.severity.value) for i in report if i.path == "model"]
        assert written == expected, (target, written)
        if written is None:
            assert items == [("model-unmapped", "warning")], (target, items)
        elif written != raw:
            assert items == [("model-coerced", "info")], (target, items)


@pytest.mark.parametrize("source,raw,want", WRITES, ids=[f"{s}:{r}" for s, r, _ in WRITES])
def test_the_version_is_written(source, raw, want):
    _check(source, raw, want)


@pytest.mark.parametrize("source,raw,want", KEPT, ids=[f"{s}:{r}" for s, r, _ in KEPT])
def test_what_did_not_change(source, raw, want):
    _check(source, raw, want)


# there and back: the version survives the trip (the route and spelling are the target's, the way home the source's)
ROUND_TRIPS = [
    ('kiro', 'claude-sonnet-4.5', 'opencode', 'anthropic/claude-sonnet-4-5'),
    ('copilot', 'Claude Sonnet 4.5 (copilot)', 'opencode', 'anthropic/claude-sonnet-4-5'),
    ('codex', 'gpt-5.3-codex', 'copilot', 'GPT-5.3-Codex (copilot)'),
    ('copilot', 'GPT-5.4 mini (copilot)', 'codex', 'gpt-5.4-mini'),
    ('gemini', 'gemini-3.1-pro-preview', 'copilot', 'Gemini 3.1 Pro (Preview) (copilot)'),
]


def test_there_and_back():
    policy = agentconv.Policy(allow_broaden=True)
    for source, raw, via, there in ROUND_TRIPS:
        out = agentconv.convert_text(source_text(source, model_line(source, raw)), via, from_=source,
                                     path=PATHS[source], policy=policy).text
        assert fields(via, out)["model"] == there, (source, raw, via)
        back = agentconv.convert_text(out, source, from_=via, path=PATHS[via], policy=policy).text
        assert fields(source, back)["model"] == raw, (source, raw, via)


FALLBACK = ("---\nname: deep\ndescription: Thinks hard\nmodel: [GPT-5.5 (copilot), Claude Sonnet 4.5 (copilot)]\n"
            "model-policy: required\n---\nThink.\n")


def test_copilot_model_policy_is_a_copilot_key():
    """`model-policy: required` keeps a Copilot CLI agent's model changes on its `model` list (@github/copilot 1.0.83):
    a key of Copilot's, not an unknown one; it restricts, grants nothing, so it rides through another tool and back."""
    from agentconv.validate import validate_text
    path = ".github/agents/deep.agent.md"
    assert validate_text(FALLBACK, "copilot", path=path) == []
    there = agentconv.convert_text(FALLBACK, "claude", from_="copilot", path=path)
    assert [i.code.value for i in there.report if "model-policy" in i.path] == ["field-kept"]
    back = agentconv.convert_text(there.text, "copilot", from_="claude", path=".claude/agents/deep.md").text
    assert "\nmodel-policy: required\n" in back and "  - GPT-5.5 (copilot)\n" in back
