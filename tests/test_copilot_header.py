"""Copilot headers as VS Code's own parser takes them (the ``[header]`` table of copilot.toml): not a YAML library
but microsoft/vscode src/vs/base/common/yaml.ts under promptFileParser.ts, which keeps every scalar a string.
Each test is one class of difference found by running that parser over our outputs and synthetic headers."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.envelopes import yamlio
from agentconv.ir import NONE
from agentconv.loss import LossCode


def read(header: str, dialect: str = "copilot"):
    path = ".github/agents/probe.agent.md" if dialect == "copilot" else ".github/prompts/probe.prompt.md"
    return agentconv.read_text(f"---\n{header}---\n\nBody.\n", dialect, path=path)


def codes(report) -> list[tuple[str, str, str]]:
    return [(i.code.value, i.severity.value, i.path) for i in report.items if i.code != LossCode.NAME_DERIVED]


@pytest.mark.parametrize("dialect", ["copilot", "copilot-prompt"])
@pytest.mark.parametrize("blank", ["tools:\n", "tools: ~\n", "tools: null\n"])
def test_a_blank_tools_key_is_no_tools_not_every_tool(dialect, blank):
    # VS Code: `tools:` is the empty string, split into no names (and `~` one unknown name): the agent gets no tool.
    doc, report = read(f"description: d\n{blank}", dialect)
    assert doc.agent.tools.mode == NONE and doc.agent.tools.grants == []
    assert codes(report) == [("value-invalid", "warning", "tools")]
    assert "no tools, as VS Code reads it" in report.items[0].message
    out = agentconv.write(doc, "claude")  # never widened into a file with no tools line
    assert "\ntools: \"\"\n" in out or "\ntools: []\n" in out


def test_a_missing_tools_key_still_inherits():
    doc, report = read("description: d\n")
    assert doc.agent.tools.mode == "inherit" and codes(report) == []


@pytest.mark.parametrize("dialect", ["copilot", "copilot-prompt"])
def test_a_tools_string_loses_the_quotes_around_an_item(dialect):
    # parseCommaSeparatedList: `read, "edit", 'search/codebase'` names read, edit and search/codebase.
    doc, _ = read("description: d\ntools: read, \"edit\", 'search/codebase', \"a, b\"\n", dialect)
    raws = list(dict.fromkeys(g.raw for g in doc.agent.tools.grants))
    assert raws == ["read", "edit", "search/codebase", "a, b"]


def test_a_claude_tools_string_is_split_as_before():
    text = "---\nname: p\ndescription: d\ntools: Read, \"Edit\", Bash(git add, git commit)\n---\n"
    doc, _ = agentconv.read_text(text, "claude", path=".claude/agents/p.md")
    assert [g.raw for g in doc.agent.tools.grants] == ["Read", '"Edit"', "Bash(git add, git commit)"]


@pytest.mark.parametrize("line, spelled", [
    ("user-invocable: False\n", "False"), ("infer: TRUE\n", "TRUE"), ("disable-model-invocation: yes\n", "yes"),
    ("infer: 'on'\n", "on"),
])
def test_a_boolean_vs_code_does_not_read_is_reported(line, spelled):
    doc, report = read(f"description: d\n{line}")
    key = line.split(":")[0]
    assert isinstance(doc.agent.extensions["copilot"][key], bool)  # read leniently, as the author meant it
    assert codes(report) == [("value-invalid", "warning", f"extensions.copilot.{key}")]
    assert f"'{spelled}' is no boolean to VS Code, which reads only true or false and ignores it" in \
        report.items[0].message


@pytest.mark.parametrize("line", ["infer: true\n", "user-invocable: false # hidden\n", "infer: \"true\"\n"])
def test_true_and_false_are_booleans_to_vs_code_quoted_or_not(line):
    doc, report = read(f"description: d\n{line}")
    assert all(i.severity.value == "info" for i in report.items), codes(report)


def test_agents_as_one_value_is_reported_and_kept_as_written():
    text = "---\ndescription: d\nagents: planner\n---\n\nBody.\n"
    doc, report = agentconv.read_text(text, "copilot", path=".github/agents/probe.agent.md")
    assert doc.agent.extensions["copilot"]["agents"] == ["planner"]
    assert codes(report) == [("value-invalid", "warning", "extensions.copilot.agents")]
    assert "'agents' is a single value, which VS Code ignores (it reads only a list)" in report.items[0].message
    assert agentconv.convert_text(text, "copilot", from_="copilot", path=".github/agents/probe.agent.md").text == text


def test_a_list_of_agents_is_no_finding():
    _, report = read("description: d\nagents: [planner, '*']\n")
    assert codes(report) == []


@pytest.mark.parametrize("key", ["---", "--- x", "...", "... y", "...\tz"])
def test_a_key_spelled_as_a_document_marker_is_quoted(key):
    head = yamlio.dump({"description": "d", key: "v", "m": {key: 1}})
    assert all(not line.startswith(("---", "...")) for line in head.splitlines())
    assert yamlio.load(head) == {"description": "d", key: "v", "m": {key: 1}}


@pytest.mark.parametrize("key", ["...y", "---x", ".. .", "a --- b"])
def test_a_key_that_only_looks_like_a_marker_stays_plain_where_it_was(key):
    assert yamlio.dump({key: "v"}).startswith(yamlio.scalar(key) + ":")


def test_a_tools_map_is_reported_and_never_widened():
    # VS Code ignores a map (the agent gets every tool there); its names set to true are the narrower reading.
    doc, report = read("description: d\ntools:\n  read: true\n  edit: false\n")
    assert sorted({g.raw for g in doc.agent.tools.grants}) == ["read"]
    assert codes(report) == [("value-invalid", "warning", "tools")]
    assert "tools given as a map, which VS Code ignores (there the agent gets every tool)" in report.items[0].message
    doc, _ = read("description: d\ntools: {edit: false}\n")
    assert doc.agent.tools.mode == NONE
