"""A ``: `` inside a plain value of a Copilot / VS Code header, read as VS Code reads it.

VS Code parses these headers with its own parser, microsoft/vscode src/vs/base/common/yaml.ts, under PromptHeader in
src/vs/workbench/contrib/chat/common/promptSyntax/promptFileParser.ts. Run 2026-11-28 on VS Code 1.138.0 (commit
7debcd0e2acdea1c52de81bf9ee1620444407dda, as built in the npm package @codingame/monaco-vscode-api 37.6.1): a key ends
at its line's first ``: `` and every later ``: `` on that line is text of the plain value (isBlockColon with
``seenBlockColon``, PR #296205 "Fix PromptFileParser when description contains `:`", merged 2026-02-19), at any depth;
a plain value ends at `` #``. ``VSCODE`` below is what that parser returned for each header (every scalar a string),
and agentconv must read the same (its YAML typing aside), saying that strict YAML refuses the line.
(Before PR #296205, e.g. at commit 025b30c, ``description: Use this: when X`` was read as ``Use this`` and every key
after it was dropped without a diagnostic; that VS Code is no longer current and is not encoded.)
"""
from __future__ import annotations

import pytest

import agentconv
from agentconv.loss import LossCode

AGENT = ".github/agents/probe.agent.md"
PROMPT = ".github/prompts/probe.prompt.md"
READS = "read by the lenient fallback as VS Code reads it: a line's first ': ' ends its key"

# header -> VS Code 1.138.0's parse (yaml.ts `parse`, the first of a key written twice): verified by running it.
VSCODE = [
    ("description: Use this: when X\nmodel: m\n", {"description": "Use this: when X", "model": "m"}),
    ("description: Ends with colon:\nmodel: m\n", {"description": "Ends with colon:", "model": "m"}),
    ("description: Use this:\twhen X\nmodel: m\n", {"description": "Use this:\twhen X", "model": "m"}),
    ("description: Use this: when X # a note\nmodel: m\n", {"description": "Use this: when X", "model": "m"}),
    ("description: d\nargument-hint: <file>: path\n", {"description": "d", "argument-hint": "<file>: path"}),
    ("description: d\nhandoffs:\n  - label: Go\n    agent: impl\n    prompt: Now do it: step by step\n    send: true\n",
     {"description": "d", "handoffs": [{"label": "Go", "agent": "impl", "prompt": "Now do it: step by step",
                                        "send": "true"}]}),
    ("description: d\nhandoffs:\n  - prompt: Now do it: step by step\n    label: Go\n    agent: impl\n",
     {"description": "d", "handoffs": [{"prompt": "Now do it: step by step", "label": "Go", "agent": "impl"}]}),
]

# Already strict YAML, and so already VS Code's reading: no finding, and the file converts to itself byte for byte.
STRICT = [
    ("description: a:b\n", {"description": "a:b"}),
    ("description: see http://x.y/z and https://a:8080/b\n", {"description": "see http://x.y/z and https://a:8080/b"}),
    ("description: \"Quoted: value\"\nmodel: m\n", {"description": "Quoted: value", "model": "m"}),
    ("description: 'it''s: ok'\nmodel: m\n", {"description": "it's: ok", "model": "m"}),
    ("description: |\n  Literal: a\n  b\nmodel: m\n", {"description": "Literal: a\nb\n", "model": "m"}),
    ("description: >\n  Folded: text\n  more\nmodel: m\n", {"description": "Folded: text more\n", "model": "m"}),
    ("description: Use C# here\n", {"description": "Use C# here"}),
    ("description: d\ntools: [a, 'b: c', d]\n", {"description": "d", "tools": ["a", "b: c", "d"]}),
]


def read(header: str, path: str = AGENT):
    dialect = "copilot" if path == AGENT else "copilot-prompt"
    return agentconv.read_text(f"---\n{header}---\n\nBody.\n", dialect, path=path)


def header_data(doc) -> dict:
    return {c.key: c.value for c in doc.agent.origin.layout.chunks}


def as_vscode(value):
    """agentconv's value as VS Code's parser keeps it (every scalar a string)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return {k: as_vscode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_vscode(v) for v in value]
    return value


def findings(report):
    return [(i.code.value, i.path) for i in report.items if i.code != LossCode.NAME_DERIVED]


@pytest.mark.parametrize("header, vscode", VSCODE, ids=["mid", "end", "tab", "comment", "argument-hint",
                                                         "handoff-prompt", "handoff-first-key"])
def test_a_colon_inside_a_plain_value_is_read_as_vs_code_reads_it(header, vscode):
    doc, report = read(header)
    assert as_vscode(header_data(doc)) == vscode
    key = next(k for k, v in vscode.items() if ": " in str(v) or ":\t" in str(v) or str(v).endswith(":"))
    lenient = [i for i in report.items if i.code == LossCode.YAML_LENIENT]
    assert [i.severity.value for i in lenient] == ["warning"]
    assert f"'{key}' is not valid YAML (a ': ' inside a plain value); {READS}" in lenient[0].message
    assert lenient[0].line == 2 + next(n for n, ln in enumerate(header.split("\n")) if ln.startswith(key))


@pytest.mark.parametrize("header, vscode", STRICT, ids=[h.split("\n")[0][:30] for h, _ in STRICT])
def test_a_colon_strict_yaml_takes_is_no_finding_and_converts_to_itself(header, vscode):
    doc, report = read(header)
    assert as_vscode(header_data(doc)) == vscode
    assert not [i for i in report.items if i.code == LossCode.YAML_LENIENT]
    text = f"---\n{header}---\n\nBody.\n"
    assert agentconv.convert_text(text, "copilot", from_="copilot", path=AGENT).text == text


def test_a_handoff_prompt_with_a_colon_stays_a_handoff():
    # Before: the whole `handoffs:` list was read as one line of text and reported as no list (value-invalid).
    doc, report = read("description: d\nhandoffs:\n  - label: Go\n    agent: impl\n"
                       "    prompt: Review it: then fix it\n    send: false\n")
    assert doc.agent.extensions["copilot"]["handoffs"] == [
        {"label": "Go", "agent": "impl", "prompt": "Review it: then fix it", "send": False}]
    assert findings(report) == [("yaml-lenient", "handoffs")]


def test_written_back_the_value_is_quoted_and_reads_the_same_everywhere():
    text = ("---\ndescription: Use this: when X\nhandoffs:\n  - label: Go\n    agent: impl\n"
            "    prompt: Now do it: step by step\n---\n\nBody.\n")
    out = agentconv.convert_text(text, "copilot", from_="copilot", path=AGENT).text
    assert "description: 'Use this: when X'\n" in out or 'description: "Use this: when X"\n' in out
    again, report = agentconv.read_text(out, "copilot", path=AGENT)
    assert again.agent.description == "Use this: when X"
    assert again.agent.extensions["copilot"]["handoffs"][0]["prompt"] == "Now do it: step by step"
    assert not [i for i in report.items if i.code == LossCode.YAML_LENIENT]  # strict YAML now
    claude = agentconv.convert_text(text, "claude", from_="copilot", path=AGENT).text
    assert "Use this: when X" in claude


@pytest.mark.parametrize("header, key, value", [
    ("description: Use this: when X\n", "description", "Use this: when X"),
    ("description: d\nargument-hint: <file>: the file to read\n", "argument-hint", "<file>: the file to read"),
])
def test_a_prompt_file_reads_a_colon_as_vs_code_does(header, key, value):
    doc, report = read(header, PROMPT)
    assert header_data(doc)[key] == value
    assert any(READS in i.message for i in report.items if i.code == LossCode.YAML_LENIENT)


HANDOFF = "handoffs:\n  - prompt: Now: go\n    label: Go\n    agent: impl\n"


@pytest.mark.parametrize("header, value", [
    # The rule reads no block scalar's lines, no quoted or flow value, no list after a key.
    ("description: |\n  Literal: a: b\n  c\n", "Literal: a: b\nc\n"),
    # A value running on below its line, a `:` ending the first: VS Code's `Note: continued line` too, read as the
    # lines' text (the rule alone would end the value at its line), said.
    ("description: Note:\n  continued line\n", "Note: continued line"),
    # A line below a plain value, `key: ...` at a deeper indent: VS Code reads it as a key of its own (with an
    # "Unexpected indentation" error); strict YAML refuses it; the lines' text, as before, said.
    ("description: first line\n  second: a: b\n", "first line second: a: b"),
], ids=["block", "colon-then-more-lines", "indented-key"])
def test_what_the_rule_leaves_alone(header, value):
    doc, report = read(header + HANDOFF)  # the handoff below it: read by the rule
    assert header_data(doc)["description"] == value
    assert doc.agent.extensions["copilot"]["handoffs"] == [{"prompt": "Now: go", "label": "Go", "agent": "impl"}]
    by_rule = [i.path for i in report.items if i.code == LossCode.YAML_LENIENT and READS in i.message]
    assert by_rule == ["handoffs"]


def test_claude_keeps_its_own_reading():
    # Claude Code's own fallback quotes a top-level `key: value` line holding `: ` (claude.toml [parser] requote); its
    # comment rule is not VS Code's: a Claude agent's reading does not change.
    text = "---\nname: p\ndescription: Use this: when X # a note\n---\n\nBody.\n"
    doc, report = agentconv.read_text(text, "claude", path=".claude/agents/p.md")
    assert doc.agent.description == "Use this: when X # a note"
    assert not any(READS in i.message for i in report.items)


# header -> the keys VS Code 1.138.0's parser returned (yaml.ts `parse` under PromptHeader, run 2026-11-28): it ends
# the header's map at the first line it cannot take as `key: value`, with no error; agentconv reads on, and says so.
STOPS = [
    ("description: first\nnot a key line\nmodel: m\ntools: [read]\n", ["description"], 3,
     "no 'key: value' line", ["model", "tools"]),
    ("description: d\nmodel:gpt-4\ntools: [read]\n", ["description"], 3, "no 'key: value' line", ["tools"]),
    ("description: d\n- x\nmodel: m\n", ["description"], 3, "a list item below a key with a value", ["model"]),
    ("description: [WIP] Reviews code\ntools: [read]\n", ["description"], 2,
     "text after a quoted or flow value: 'description' is that value alone there", ["tools"]),
    ("description: \"Quoted: value\" trailing\nmodel: m\n", ["description"], 2,
     "text after a quoted or flow value: 'description' is that value alone there", ["model"]),
    ("description: \"never closed\nmodel: m\n", ["description"], 2,
     "a quote never closed: 'description' is that value alone there", ["model"]),
]


@pytest.mark.parametrize("header, vscode_keys, line, what, lost", STOPS,
                         ids=["text-line", "key-no-space", "dash", "flow-then-text", "quoted-then-text",
                              "open-quote"])
def test_keys_vs_code_never_reaches_are_read_and_said(header, vscode_keys, line, what, lost):
    doc, report = read(header)
    assert [k for k in header_data(doc) if k not in vscode_keys] == lost  # read leniently, as written
    said = [i for i in report.items if i.code == LossCode.VALUE_INVALID]
    assert len(said) == 1 and said[0].line == line and said[0].severity.value == "warning"
    assert said[0].message.startswith(f"VS Code stops reading the header at line {line} ({what}): "
                                      f"{', '.join(repr(k) for k in lost)} below it read as written, which VS Code "
                                      "ignores")
    assert ("(there as if no 'tools' were written)" in said[0].message) == ("tools" in lost)


def test_text_vs_code_cuts_from_the_last_value_is_said():
    # A Claude-style description running on at column 0: VS Code's description is the first line alone.
    doc, report = read("description: Use it.\n<example>\nuser: hi\n</example>\n")
    assert doc.agent.description.startswith("Use it. <example>")
    said = [i.message for i in report.items if i.code == LossCode.VALUE_INVALID]
    assert said == ["VS Code stops reading the header at line 3 (no 'key: value' line): the text from it on is no "
                    "part of 'description' there, read as it is written here"]


@pytest.mark.parametrize("header", [
    "description: \"a\nb\"\nmodel: m\n",                # a quoted value running over lines
    "description: d\ntools: [a,\nb]\nmodel: m\n",        # a flow list running over lines
    "description: 'a' # c\nmodel: m\n",                  # a comment after a quoted value
    "tools:\n- a\n- b\nmodel: m\n",                      # a list at the key's own indentation
    "description: |\n  text\n\n  more\nmodel: m\n",      # a block scalar
    "description: d\n# comment\n\nmodel: m\n",
], ids=["quoted-lines", "flow-lines", "comment", "list", "block", "comment-line"])
def test_vs_code_reads_these_lines_and_stops_only_at_the_stray_one(header):
    stray = header.count("\n") + 2  # the line added below them, in the file
    _, report = read(header + "not a key\nargument-hint: x\n")
    said = [(i.line, i.message) for i in report.items if "stops reading the header" in i.message]
    assert said == [(stray, f"VS Code stops reading the header at line {stray} (no 'key: value' line): "
                            "'argument-hint' below it read as written, which VS Code ignores")]


def test_a_prompt_file_is_said_too_and_claude_is_not():
    header = "description: d\nmodel:gpt-4\nargument-hint: x\n"
    _, report = read(header, PROMPT)
    assert any("VS Code stops reading the header at line 3" in i.message for i in report.items)
    _, report = agentconv.read_text(f"---\nname: p\n{header}---\n\nBody.\n", "claude", path=".claude/agents/p.md")
    assert not any("stops reading the header" in i.message for i in report.items)
