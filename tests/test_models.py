"""Model values through every dialect, in the style of sqlglot's validate_all.

``WRITES``: real-world model strings (each one found in the corpus, ../shared/corpus) read in a dialect that
uses it, and what each dialect writes for it (None: omitted, with a warning unless it is ``inherit``).
``test_no_version_changes``: every model string of the corpus (or, without the corpus, every string of
``WRITES``) through every dialect; an output that parses back to another version, family, variant or alias
fails the test.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import agentconv
from agentconv import models, registry

from test_matrix import PATHS, fields, source_text

TARGETS = ['claude', 'copilot', 'opencode', 'gemini', 'codex', 'cursor', 'kiro', 'marketplace']
ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CORPUS") or ROOT.parent / "shared" / "corpus")  # ../shared/corpus, or $CORPUS
# the corpus labels of _index.tsv whose files name models, and the agent dialect that reads their spellings
LABELS = {"claude-agent": "claude", "claude-command": "claude", "skill": "claude", "copilot-chatmode": "copilot",
          "copilot-agent": "copilot", "copilot-prompt": "copilot", "opencode-agent": "opencode",
          "opencode-command": "opencode"}
FILE_DIALECT = {"claude-agent": "claude", "claude-command": "claude-command", "skill": "skill",
                "copilot-chatmode": "copilot", "copilot-agent": "copilot", "copilot-prompt": "copilot-prompt",
                "opencode-agent": "opencode", "opencode-command": "opencode-command"}

# (source dialect, model string as written) -> what claude, copilot, opencode, gemini, codex, cursor, kiro, marketplace write
WRITES = [
    # Cursor's own ids fold an effort or thinking setting in (cursor.toml [model] own_ids): one no pattern reads
    # names nothing another tool runs (Codex was written gpt-5.4-high, sent to OpenAI's API as a model id)
    ('cursor', 'gpt-5.4-high',
     [None, None, None, None, None, 'gpt-5.4-high', None, None]),
    ('cursor', 'claude-4.6-sonnet-medium-thinking',
     [None, None, None, None, None, 'claude-4.6-sonnet-medium-thinking', None, None]),
    ('cursor', 'gpt-5',  # an OpenAI id Cursor spells as OpenAI does: passed on where it is run as written
     [None, None, 'openai/gpt-5', None, 'gpt-5', 'gpt-5', None, None]),
    ('claude', 'sonnet',
     ['sonnet', None, None, None, None, None, None, 'sonnet']),
    ('claude', 'opus',
     ['opus', None, None, None, None, None, None, 'opus']),
    ('claude', 'haiku',
     ['haiku', None, None, None, None, None, None, 'haiku']),
    ('claude', 'inherit',
     ['inherit', None, None, 'inherit', None, 'inherit', None, 'inherit']),
    ('claude', 'fable',
     ['fable', None, None, None, None, None, None, 'fable']),
    ('claude', 'claude-sonnet-4-20250514',
     ['claude-sonnet-4-20250514', None, None, None, None, 'claude-sonnet-4-20250514', 'claude-sonnet-4', None]),
    ('claude', 'claude-sonnet-4-6',
     ['claude-sonnet-4-6', 'Claude Sonnet 4.6 (copilot)', 'anthropic/claude-sonnet-4-6', None, None, 'claude-sonnet-4-6', 'claude-sonnet-4.6', 'claude-sonnet-4-6']),
    ('claude', 'claude-sonnet-4-5',
     ['claude-sonnet-4-5', 'Claude Sonnet 4.5 (copilot)', 'anthropic/claude-sonnet-4-5', None, None, 'claude-sonnet-4-5', 'claude-sonnet-4.5', 'claude-sonnet-4-5']),
    ('claude', 'claude-opus-4-5',
     ['claude-opus-4-5', 'Claude Opus 4.5 (copilot)', 'anthropic/claude-opus-4-5', None, None, 'claude-opus-4-5', 'claude-opus-4.5', 'claude-opus-4-5']),
    ('claude', 'claude-haiku-4-5',
     ['claude-haiku-4-5', 'Claude Haiku 4.5 (copilot)', 'anthropic/claude-haiku-4-5', None, None, 'claude-haiku-4-5', 'claude-haiku-4.5', 'claude-haiku-4-5']),
    ('claude', 'claude-sonnet-5',
     ['claude-sonnet-5', 'Claude Sonnet 5 (copilot)', 'anthropic/claude-sonnet-5', None, None, 'claude-sonnet-5', None, 'claude-sonnet-5']),
    ('claude', 'claude-3-opus-20240229',
     ['claude-3-opus-20240229', None, None, None, None, 'claude-3-opus-20240229', None, None]),
    ('claude', 'claude-sonnet-4',
     ['claude-sonnet-4', None, None, None, None, 'claude-sonnet-4', 'claude-sonnet-4', None]),
    ('opencode', 'claude-4-sonnet',  # not Anthropic's id: Claude Code gets the API id of that version
     [None, None, 'claude-4-sonnet', None, None, 'claude-4-sonnet', 'claude-sonnet-4', None]),
    ('opencode', 'anthropic/claude-sonnet-4-20250514',
     [None, None, 'anthropic/claude-sonnet-4-20250514', None, None, 'claude-sonnet-4-20250514', 'claude-sonnet-4', None]),
    ('opencode', 'google/gemini-2.5-flash',
     [None, None, 'google/gemini-2.5-flash', 'gemini-2.5-flash', None, 'gemini-2.5-flash', None, None]),
    ('copilot', 'GPT-4.1',
     [None, 'GPT-4.1', 'openai/gpt-4.1', None, 'gpt-4.1', None, None, None]),
    ('copilot', 'gpt-4.1',
     [None, 'gpt-4.1', 'openai/gpt-4.1', None, 'gpt-4.1', 'gpt-4.1', None, None]),
    ('copilot', 'claude-sonnet-4',  # Foundry's name for Sonnet 4: Claude Code's catalogue id is claude-sonnet-4-0
     [None, 'claude-sonnet-4', None, None, None, 'claude-sonnet-4', 'claude-sonnet-4', None]),
    ('copilot', 'GPT-5 (copilot)',
     [None, 'GPT-5 (copilot)', 'openai/gpt-5', None, 'gpt-5', None, None, None]),
    ('copilot', 'gpt-4',  # not in OpenCode 1.18.33's openai list
     [None, 'gpt-4', None, None, 'gpt-4', 'gpt-4', None, None]),
    ('copilot', 'GPT-5-Codex (Preview) (copilot)',
     [None, 'GPT-5-Codex (Preview) (copilot)', None, None, None, None, None, None]),
    ('copilot', 'Claude Sonnet 4',  # OpenCode 1.18.33 lists no Sonnet 4 (Model not found): omitted, reported
     [None, 'Claude Sonnet 4', None, None, None, None, 'claude-sonnet-4', None]),
    ('copilot', "GPT-4.1 | 'gpt-5' | 'Claude Sonnet 4.5'",
     [None, "GPT-4.1 | 'gpt-5' | 'Claude Sonnet 4.5'", None, None, None, None, None, None]),
    ('copilot', 'Claude Sonnet 4.5',
     ['claude-sonnet-4-5', 'Claude Sonnet 4.5', 'anthropic/claude-sonnet-4-5', None, None, None, 'claude-sonnet-4.5', 'claude-sonnet-4-5']),
    ('copilot', 'Auto (copilot)',
     [None, 'Auto (copilot)', None, None, None, None, None, None]),
    ('copilot', 'GPT-5.1-Codex (Preview) (copilot)',
     [None, 'GPT-5.1-Codex (Preview) (copilot)', None, None, 'gpt-5.1-codex', None, None, None]),
    ('copilot', 'GPT-5 mini (copilot)',
     [None, 'GPT-5 mini (copilot)', 'openai/gpt-5-mini', None, 'gpt-5-mini', None, None, None]),
    ('copilot', 'Claude Sonnet 4.5 (copilot)',
     ['claude-sonnet-4-5', 'Claude Sonnet 4.5 (copilot)', 'anthropic/claude-sonnet-4-5', None, None, None, 'claude-sonnet-4.5', 'claude-sonnet-4-5']),
    ('copilot', 'Claude Opus 4.1',
     [None, 'Claude Opus 4.1', None, None, None, None, None, None]),
    ('copilot', 'Claude 4.6 Sonnet',
     ['claude-sonnet-4-6', 'Claude 4.6 Sonnet', 'anthropic/claude-sonnet-4-6', None, None, None, 'claude-sonnet-4.6', 'claude-sonnet-4-6']),
    ('copilot', 'Claude Sonnet 5',
     ['claude-sonnet-5', 'Claude Sonnet 5', 'anthropic/claude-sonnet-5', None, None, None, None, 'claude-sonnet-5']),
    ('copilot', 'Claude Opus 4.8',
     ['claude-opus-4-8', 'Claude Opus 4.8', 'anthropic/claude-opus-4-8', None, None, None, None, 'claude-opus-4-8']),
    ('copilot', 'Claude Haiku 4.5',
     ['claude-haiku-4-5', 'Claude Haiku 4.5', 'anthropic/claude-haiku-4-5', None, None, None, 'claude-haiku-4.5', 'claude-haiku-4-5']),
    ('copilot', 'Claude 4.5 Haiku',
     ['claude-haiku-4-5', 'Claude 4.5 Haiku', 'anthropic/claude-haiku-4-5', None, None, None, 'claude-haiku-4.5', 'claude-haiku-4-5']),
    ('copilot', 'GPT-5.4',
     [None, 'GPT-5.4', 'openai/gpt-5.4', None, 'gpt-5.4', None, None, None]),
    ('copilot', 'Gemini 2.5 Pro',
     [None, 'Gemini 2.5 Pro', 'google/gemini-2.5-pro', 'gemini-2.5-pro', None, None, None, None]),
    ('copilot', 'Gemini 2.0 Flash',
     [None, 'Gemini 2.0 Flash', None, None, None, None, None, None]),
    ('copilot', 'Claude Sonnet 3.7',
     [None, 'Claude Sonnet 3.7', None, None, None, None, None, None]),
    ('copilot', 'Claude Opus 4.1 (Anthropic)',
     [None, 'Claude Opus 4.1 (Anthropic)', None, None, None, None, None, None]),
    ('codex', 'gpt-5',
     [None, None, 'openai/gpt-5', None, 'gpt-5', 'gpt-5', None, None]),
    ('codex', 'gpt-4o',
     [None, None, 'openai/gpt-4o', None, 'gpt-4o', 'gpt-4o', None, None]),
    ('codex', 'o3',
     [None, None, 'openai/o3', None, 'o3', 'o3', None, None]),
    ('codex', 'o4-mini',
     [None, None, None, None, 'o4-mini', 'o4-mini', None, None]),
    ('codex', 'gpt-5.4',
     [None, 'GPT-5.4 (copilot)', 'openai/gpt-5.4', None, 'gpt-5.4', 'gpt-5.4', None, None]),
    ('codex', 'gpt-4o-mini',
     [None, None, 'openai/gpt-4o-mini', None, 'gpt-4o-mini', 'gpt-4o-mini', None, None]),
    ('codex', 'gpt-3.5-turbo',
     [None, None, None, None, 'gpt-3.5-turbo', 'gpt-3.5-turbo', None, None]),
    ('codex', 'gpt-image-2',
     [None, None, None, None, 'gpt-image-2', 'gpt-image-2', None, None]),
    ('kiro', 'claude-sonnet-4.5',
     ['claude-sonnet-4-5', 'Claude Sonnet 4.5 (copilot)', 'anthropic/claude-sonnet-4-5', None, None, 'claude-sonnet-4.5', 'claude-sonnet-4.5', 'claude-sonnet-4-5']),
    ('kiro', 'claude-sonnet-4.6',
     ['claude-sonnet-4-6', 'Claude Sonnet 4.6 (copilot)', 'anthropic/claude-sonnet-4-6', None, None, 'claude-sonnet-4.6', 'claude-sonnet-4.6', 'claude-sonnet-4-6']),
    ('gemini', 'gemini-2.5-pro',
     [None, 'Gemini 2.5 Pro (copilot)', 'google/gemini-2.5-pro', 'gemini-2.5-pro', None, 'gemini-2.5-pro', None, None]),
    ('gemini', 'gemini-3-pro',
     [None, None, None, 'gemini-3-pro', None, 'gemini-3-pro', None, None]),
    ('gemini', 'gemini-2.0-flash-exp',
     [None, None, None, 'gemini-2.0-flash-exp', None, 'gemini-2.0-flash-exp', None, None]),
    ('gemini', 'gemini-2.5-flash-image',
     [None, None, None, 'gemini-2.5-flash-image', None, 'gemini-2.5-flash-image', None, None]),
    ('cursor', 'claude-4-opus',
     [None, None, None, None, None, 'claude-4-opus', None, None]),
    # a Codex model's own variant after `codex` (models.toml): OpenCode's models.dev list has it, Copilot's has not
    ('codex', 'gpt-5.3-codex-spark',
     [None, None, 'openai/gpt-5.3-codex-spark', None, 'gpt-5.3-codex-spark', 'gpt-5.3-codex-spark', None, None]),
    ('opencode', 'openai/gpt-5.3-codex-spark',
     [None, None, 'openai/gpt-5.3-codex-spark', None, 'gpt-5.3-codex-spark', 'gpt-5.3-codex-spark', None, None]),
    ('cursor', 'claude-3.7-sonnet',
     [None, None, None, None, None, 'claude-3.7-sonnet', None, None]),
]


def model_line(dialect: str, value: str) -> str:
    if dialect == "codex":
        return f"model = {json.dumps(value)}\n"
    if dialect == "kiro":
        return f'"model": {json.dumps(value)}'
    return f"model: {json.dumps(value)}\n"


def write(source: str, raw: str, target: str) -> tuple[str | None, agentconv.LossReport]:
    result = agentconv.convert_text(source_text(source, model_line(source, raw)), target, from_=source,
                               path=PATHS[source], policy=agentconv.Policy(allow_broaden=True))
    return fields(target, result.text).get("model"), result.report


@pytest.mark.parametrize("source,raw,want", WRITES, ids=[f"{s}:{r}" for s, r, _ in WRITES])
def test_writes(source, raw, want):
    model = models.parse(raw, registry.get(source).table)
    for target, expected in zip(TARGETS, want):
        written, report = write(source, raw, target)
        items = [i for i in report if i.path == "model"]
        assert written == expected, (target, written)
        if target == source:
            assert written == raw and not items  # its own dialect: as written
        elif written is None and model.alias != "inherit":
            assert [(i.code.value, i.severity.value) for i in items] == [("model-unmapped", "warning")], target
        elif written is not None and written != raw:
            assert [i.code.value for i in items] == ["model-coerced"], target


def corpus_models() -> set[tuple[str, str]]:
    """(reading dialect, model string) for every model value of the corpus, read as the tools read them."""
    index = CORPUS / "_index.tsv"
    if not index.exists():
        return {(source, raw) for source, raw, _ in WRITES}
    found = set()
    for line in index.read_text("utf-8").splitlines()[1:]:
        path, _repo, _commit, label = line.split("\t")[:4]
        if label not in LABELS or not (CORPUS / path).is_file():
            continue
        try:
            doc, _ = agentconv.read(CORPUS / path, FILE_DIALECT[label])
        except agentconv.AgentconvError:
            continue
        for record in doc.records:
            values = record.extensions.get(FILE_DIALECT[label], {}).get("model")
            for raw in values if isinstance(values, list) else [record.model.raw] if record.model else []:
                found.add((LABELS[label], str(raw)))
    return found


def test_no_version_changes():
    seen = corpus_models()
    assert len(seen) >= 20
    changed = []
    for source, raw in sorted(seen):
        model = models.parse(raw, registry.get(source).table)
        for target in TARGETS:
            written, _ = write(source, raw, target)
            if written is None:
                continue
            back = models.parse(written, registry.get(target).table)
            if model.version or model.alias:
                ok = models.same(model, back)
            else:  # not understood: only ever kept as written (or without its route)
                ok = written in (raw, raw.rsplit("/", 1)[-1])
            if not ok:
                changed.append((source, raw, target, written))
    assert changed == []


# floating aliases: the target's alias, or nothing (never a version); synthetic, for the aliases the corpus lacks
ALIASES = [
    ("claude", "opusplan", ["opusplan", None, None, None, None, None, None, None]),
    ("claude", "sonnet[1m]", ["sonnet[1m]", None, None, None, None, None, None, None]),
    ("gemini", "auto", [None, None, None, "auto", None, None, None, None]),
    ("gemini", "flash", [None, None, None, "flash", None, None, None, None]),
    ("kiro", "auto", [None, None, None, None, None, None, "auto", None]),
    ("cursor", "fast", [None, None, None, None, None, "fast", None, None]),
    ("copilot", "haiku", ["haiku", "haiku", None, None, None, None, None, "haiku"]),
]


@pytest.mark.parametrize("source,raw,want", ALIASES, ids=[f"{s}:{r}" for s, r, _ in ALIASES])
def test_aliases(source, raw, want):
    assert [write(source, raw, target)[0] for target in TARGETS] == want


def test_parsed_fields():
    """What the IR keeps of a value: vendor, family, version or alias, variant, snapshot and route."""
    fields_of = lambda raw, d: {k: v for k, v in vars(models.parse(raw, registry.get(d).table)).items() if v}
    assert fields_of("anthropic/claude-sonnet-4-20250514", "opencode") == {
        "raw": "anthropic/claude-sonnet-4-20250514", "vendor": "anthropic", "family": "sonnet", "version": "4",
        "snapshot": "20250514", "route": "anthropic/"}
    assert fields_of("GPT-5.1-Codex (Preview) (copilot)", "copilot") == {
        "raw": "GPT-5.1-Codex (Preview) (copilot)", "vendor": "openai", "family": "gpt", "version": "5.1",
        "variant": "codex", "snapshot": "preview", "route": "(copilot)"}
    assert fields_of("sonnet[1m]", "claude") == {"raw": "sonnet[1m]", "vendor": "anthropic", "family": "sonnet",
                                                 "alias": "sonnet[1m]", "variant": "[1m]"}
    assert fields_of("pro", "gemini") == {"raw": "pro", "vendor": "google", "family": "gemini", "alias": "gemini-pro",
                                          "variant": "pro"}
    assert fields_of("pro", "claude") == {"raw": "pro"}  # Gemini CLI's alias means nothing elsewhere
    assert fields_of("claude-sonnet-4-0", "claude")["version"] == "4"



@pytest.mark.parametrize("raw, dialect", [("anthropic/claude-sonnet-4-20250514", "opencode"), ("sonnet", "claude"),
                                          ("gemini-3-flash", "gemini")])  # the last: models.toml [means]
def test_each_parse_is_the_callers_own_model(raw, dialect):
    """``parse`` answers from a memo (``_parse``) but gives each caller its own Model: an agent's model changed in place
    (``agent.model.family = ...``) changes no other agent's, nor the next reading of the same value."""
    table = registry.get(dialect).table
    first = models.parse(raw, table)
    want = vars(first).copy()
    for name in want:
        setattr(first, name, "changed")
    again = models.parse(raw, table)
    assert vars(again) == want and again is not first
    back = models.read_back(raw, again)
    back.family = "changed"
    assert vars(models.read_back(raw, models.parse(raw, table))) == vars(models.read_back(raw, again)) != vars(back)


def test_carry_gives_the_model_back():
    """A model the target cannot name comes back on the way home, exactly as written."""
    for source, raw, target in [("claude", "sonnet", "copilot"), ("copilot", "Claude Sonnet 4.5 (copilot)", "claude"),
                                ("opencode", "anthropic/claude-haiku-4-5-20251001", "copilot")]:
        there = agentconv.convert_text(source_text(source, model_line(source, raw)), target, from_=source,
                                  path=PATHS[source]).text
        back = agentconv.convert_text(there, source, from_=target, path=PATHS[target]).text
        assert fields(source, back)["model"] == raw, (source, raw, target)


def test_validate_knows_the_catalogue():
    from agentconv.validate import validate_text

    def model_findings(dialect, raw):
        text = source_text(dialect, model_line(dialect, raw))
        return [f.message for f in validate_text(text, dialect) if f.rule == "model"]
    assert model_findings("copilot", "GPT-5.4 (copilot)") == []
    assert model_findings("copilot", "Claude Sonnet 4.5") == []  # VS Code finds the name without its vendor
    assert model_findings("copilot", "GPT-4.1") == ["model 'GPT-4.1' is not in copilot's model list (checked 2026-11-29)"]
    assert model_findings("claude", "claude-sonnet-4-5-20250929") == []
    assert model_findings("claude", "claude-sonnet-4-20250514") == [
        "model 'claude-sonnet-4-20250514' is not in claude's model list (checked 2026-11-27)"]  # retired
    assert model_findings("kiro", "claude-sonnet-5") == ["model 'claude-sonnet-5' is not in kiro's model list "
                                                         "(checked 2026-11-28)"]
    assert model_findings("gemini", "flash-lite") == []
    assert model_findings("opencode", "anthropic/claude-opus-4-6") == []
    assert model_findings("opencode", "ollama/qwen3-coder") == []  # a provider the user configures
    assert model_findings("opencode", "anthropic/claude-sonnet-4-0") == [
        "model 'anthropic/claude-sonnet-4-0' is not in opencode's model list (checked 2026-11-27)"]


def test_ir_json_keeps_the_parsed_model_and_reads_version_1():
    doc = agentconv.read_text(source_text("copilot", model_line("copilot", "GPT-5.3-Codex (copilot)")), "copilot",
                              path=PATHS["copilot"])[0]
    data = doc.to_json()
    assert data["ir_version"] == 2 and data["records"][0]["model"]["variant"] == "codex"
    assert agentconv.Document.from_json(data).agent.model == doc.agent.model
    old = {"ir_version": 1, "records": [{"name": "a", "model": {"raw": "anthropic/claude-sonnet-4-5", "canonical": "sonnet"}}]}
    model = agentconv.Document.from_json(old).agent.model
    assert (model.vendor, model.family, model.version, model.route) == ("anthropic", "sonnet", "4.5", "anthropic/")


# what the target resolves (its own list, checked 2026-11-27): OpenCode 1.18.33 `opencode models` (offline) lacks
# retired ids, Claude Code's catalogue (2.1.330) names Sonnet 4 claude-sonnet-4-0; synthetic values
RESOLVES = [
    ("claude", "claude-opus-4-1", "opencode", None),  # Model not found in OpenCode: reported, not another version
    ("claude", "claude-opus-4-6", "opencode", "anthropic/claude-opus-4-6"),
    ("claude", "claude-sonnet-4-5-20250929", "opencode", "anthropic/claude-sonnet-4-5-20250929"),
    ("claude", "claude-3-5-haiku-20241022", "opencode", None),
    ("codex", "gpt-5.1-codex-max", "opencode", None),
    ("codex", "gpt-5.4-mini", "opencode", "openai/gpt-5.4-mini"),
    ("gemini", "gemini-3.1-pro-preview", "opencode", "google/gemini-3.1-pro-preview"),
    ("copilot", "Claude Opus 4.1 (copilot)", "opencode", None),
    ("copilot", "claude-opus-4-5", "claude", "claude-opus-4-5"),  # Anthropic's own id (models.toml [api]): as written
    ("copilot", "claude-opus-5", "claude", "claude-opus-5"),
    ("copilot", "claude-opus-4-5-20251101", "claude", "claude-opus-4-5-20251101"),  # a dated API id: as written
    ("copilot", "claude-haiku-4.5", "claude", "claude-haiku-4-5"),  # not an API id: the API id of its version
    ("copilot", "claude-haiku-4.5", "marketplace", "claude-haiku-4-5"),
    ("cursor", "claude-4.5-opus", "marketplace", "claude-opus-4-5"),  # the catalogue runs in Claude Code
    ("copilot", "Claude Sonnet 4.5", "claude", "claude-sonnet-4-5"),  # deprecated, retires 2026-11-30: still written
]


@pytest.mark.parametrize("source,raw,target,want", RESOLVES, ids=[f"{s}:{r}:{t}" for s, r, t, _ in RESOLVES])
def test_writes_what_the_target_resolves(source, raw, target, want):
    written, report = write(source, raw, target)
    items = [(i.code.value, i.severity.value) for i in report if i.path == "model"]
    assert written == want
    assert items == ([("model-unmapped", "warning")] if want is None else [] if want == raw else [("model-coerced", "info")])
    if want is None:
        assert "not in opencode's model list (checked 2026-11-27)" in str([i for i in report if i.path == "model"][0])


# Claude Code 2.1.330 RETIRING_MODELS (checked 2026-11-27): "retired on DATE, so Claude API requests to it fail";
# another tool's retired Claude is omitted and reported (models.toml [retired]), never pinned to a newer one
RETIRED = [
    ("copilot", "Claude Sonnet 4", "claude", "2026-06-15"),
    ("opencode", "anthropic/claude-opus-4-1-20250805", "claude", "2026-08-05"),
    ("cursor", "claude-3.7-sonnet", "marketplace", "2026-02-19"),
    ("copilot", "claude-opus-4", "skill", "2026-06-15"),
]


@pytest.mark.parametrize("source,raw,target,date", RETIRED, ids=[f"{s}:{r}:{t}" for s, r, t, _ in RETIRED])
def test_a_retired_model_is_reported(source, raw, target, date):
    result = agentconv.convert_text(source_text(source, model_line(source, raw)), target, from_=source,
                                    path=PATHS[source], policy=agentconv.Policy(allow_broaden=True))
    assert "model" not in fields("claude" if target == "skill" else target, result.text)
    [item] = [i for i in result.report if i.path == "model"]
    assert (item.code.value, item.severity.value) == ("model-unmapped", "warning")
    assert f"was retired from its vendor's API on {date} (checked 2026-11-27)" in str(item)


def test_a_retired_model_stays_in_its_own_tool():
    """A Claude agent's retired model into a Claude command (the same tool, the user's own choice) and a Claude
    file to itself are kept as written; validate says the API refuses it."""
    table = registry.get("claude-command").table
    assert models.spell(models.parse("claude-sonnet-4-0", table), table, same_tool=True) == ("claude-sonnet-4-0", "kept")
    assert write("claude", "claude-sonnet-4-0", "claude")[0] == "claude-sonnet-4-0"


def test_same_tool_keeps_what_its_list_lacks():
    """OpenCode's list limits what comes from another tool, not an OpenCode user's own value (or a provider it does
    not cover): an agent's model into an OpenCode command, and a custom provider, pass as written."""
    table = registry.get("opencode-command").table
    for raw in ("anthropic/claude-sonnet-4-0", "openai/gpt-4", "ollama/qwen3-coder"):
        assert models.spell(models.parse(raw, table), table, same_tool=True) == (raw, "kept")
    assert models.spell(models.parse("ollama/qwen3-coder", table), table) == ("ollama/qwen3-coder", "kept")
    assert models.spell(models.parse("anthropic/claude-sonnet-4-0", table), table) == (None, "unmapped")


def test_same_tool_keeps_a_model_its_table_lacks():
    """A Copilot prompt's model into a Copilot agent and back: VS Code reads both files' ``model`` with one header
    parser and one model list (promptSyntax: ModeHeader extends PromptHeader), so a model the table does not list
    (retired there, or newer than the table) means the same in both and is kept as written, not dropped."""
    for raw in ("GPT-4.1", "Claude Sonnet 4", "Some Future Model (copilot)"):
        for source, target, path in (("copilot-prompt", "copilot", ".github/prompts/a.prompt.md"),
                                     ("copilot", "copilot-prompt", ".github/agents/a.agent.md")):
            text = f"---\ndescription: x\nmodel: {raw}\n---\nbody\n"
            result = agentconv.convert_text(text, target, from_=source, path=path)
            assert f"\nmodel: {raw}\n" in result.text, (source, raw)
            assert not [i for i in result.report if i.path == "model"], (source, raw)
    table = registry.get("copilot").table
    assert models.spell(models.parse("GPT-4.1", table), table) == (None, "unmapped")  # from another tool: dropped


def test_a_snapshot_kept_in_another_spelling_is_not_said_lost():
    """OpenCode's ``google/gemini-3-flash-preview`` is Copilot's ``Gemini 3 Flash (Preview) (copilot)``: the preview
    is in the name written, so the report does not say it was dropped (it did); a dated snapshot still is."""
    def note(source, raw, target):
        return [i.message for i in write(source, raw, target)[1] if i.path == "model"]
    assert note("opencode", "google/gemini-3-flash-preview", "copilot") == [
        "model 'google/gemini-3-flash-preview' written as 'Gemini 3 Flash (Preview) (copilot)', the same google "
        "gemini 3 flash"]
    assert note("claude", "claude-sonnet-4-5-20250929", "kiro") == [
        "model 'claude-sonnet-4-5-20250929' written as 'claude-sonnet-4.5', the same anthropic sonnet 4.5 (snapshot "
        "20250929 not kept)"]


# a spelling one tool means its own way (models.toml [means]): Gemini CLI's gemini-3-flash is Gemini 3.5 Flash
# (packages/core/src/config/models.ts SECONDARY_GEMINI_3_5_FLASH_MODEL, checked 2026-11-27); elsewhere not understood
MEANS = [
    ("gemini", "gemini-3-flash",
     [None, 'Gemini 3.5 Flash (copilot)', 'google/gemini-3.5-flash', 'gemini-3-flash', None, None, None, None]),
    ("cursor", "gemini-3-flash",  # Cursor's meaning is not published: kept only in Cursor (its ids are its own names;
     [None, None, None, None, None, 'gemini-3-flash', None, None]),  # Gemini CLI would run 3.5 Flash)
    ("copilot", "Gemini 3 Flash (Preview) (copilot)",  # never gemini-3-flash, which Gemini CLI runs as 3.5
     [None, 'Gemini 3 Flash (Preview) (copilot)', 'google/gemini-3-flash-preview', 'gemini-3-flash-preview', None,
      None, None, None]),
]


@pytest.mark.parametrize("source,raw,want", MEANS, ids=[f"{s}:{r}" for s, r, _ in MEANS])
def test_a_spelling_means_what_its_tool_says(source, raw, want):
    assert [write(source, raw, target)[0] for target in TARGETS] == want


def test_a_tools_own_spelling_comes_back():
    """Gemini CLI's gemini-3-flash through another dialect comes back as written (the side channel reads it as the
    model the visible file names), and a comment naming it beside Gemini 3 Flash is refused (another version)."""
    for via in ("copilot", "opencode", "cursor"):
        there = agentconv.convert_text(source_text("gemini", model_line("gemini", "gemini-3-flash")), via,
                                       from_="gemini", path=PATHS["gemini"]).text
        back = agentconv.convert_text(there, "gemini", from_=via, path=PATHS[via]).text
        assert fields("gemini", back)["model"] == "gemini-3-flash", via
    there = agentconv.convert_text(source_text("gemini", model_line("gemini", "gemini-3-flash")), "copilot",
                                   from_="gemini", path=PATHS["gemini"]).text
    forged = there.replace("Gemini 3.5 Flash (copilot)", "Gemini 3 Flash (Preview) (copilot)")
    result = agentconv.convert_text(forged, "gemini", from_="copilot", path=PATHS["copilot"])
    assert fields("gemini", result.text)["model"] == "gemini-3-flash-preview"
    assert [(i.code.value, i.path) for i in result.report if i.code.value == "carry-refused"] == [("carry-refused", "model")]


def test_a_codex_variant_is_its_own_model():
    """``-spark`` after ``codex`` (like ``-max``, ``-mini``) names a model of its own: its version kept, never read as
    the base Codex model, and a Codex agent naming it comes back from its own dialect byte for byte."""
    spark = models.parse("gpt-5.3-codex-spark", registry.get("codex").table)
    assert (spark.vendor, spark.family, spark.version, spark.variant) == ("openai", "gpt", "5.3", "codex-spark")
    assert models.key(spark) == "gpt-5.3-codex-spark" == models.key(models.parse("GPT-5.3-Codex-Spark"))
    assert not models.same(spark, models.parse("gpt-5.3-codex"))
    text = source_text("codex", model_line("codex", "gpt-5.3-codex-spark"))
    assert agentconv.convert_text(text, "codex", from_="codex", path=PATHS["codex"]).text == text
    written, report = write("codex", "gpt-5.3-codex-spark", "copilot")
    assert written is None and "openai gpt 5.3 codex-spark is not in copilot's model list" in str(
        [i for i in report if i.path == "model"][0])
