"""A Copilot agent whose `handoffs:` list is indented out of line is read as VS Code reads it, not as text.

VS Code's header parser (microsoft/vscode src/vs/base/common/yaml.ts parseBlockSequence / parseBlockMapping; VS Code
1.138.0, commit 7debcd0e2acd, via @codingame/monaco-vscode-api 37.6.1, run 2026-11-29 on these synthetic headers) takes
a line deeper than the items or keys before it as one more of them ("unexpected-indentation", nothing dropped), and a
list item shallower than its list ends the whole header there. agentconv read such a list as its lines' text (one
string VS Code ignores): the handoffs were lost when written for Copilot again.
"""
from __future__ import annotations

import agentconv

PATH = ".github/agents/planner.agent.md"


def read(head: str):
    doc, report = agentconv.read_text(f"---\nname: planner\ndescription: Plans\n{head}---\nPlan.\n", "copilot",
                                      path=PATH)
    agent = doc.agent
    items = [(i.code.value, i.path, i.line) for i in report if i.code.value in ("yaml-lenient", "value-invalid")]
    return agent.extensions.get("copilot", {}).get("handoffs"), agent, items


def test_second_item_deeper_than_the_first_is_an_item():
    handoffs, _, items = read("handoffs:\n- label: Go\n  agent: impl\n  - label: Two\n    agent: rev\n    send: true\n"
                              "tools: ['read']\n")
    assert handoffs == [{"label": "Go", "agent": "impl"}, {"label": "Two", "agent": "rev", "send": True}]
    assert items == [("yaml-lenient", "handoffs", 4)]


def test_key_deeper_than_its_item_is_a_key_of_it():
    handoffs, _, _ = read("handoffs:\n  - label: Go\n    agent: impl\n      prompt: deeper\n")
    assert handoffs == [{"label": "Go", "agent": "impl", "prompt": "deeper"}]


def test_shallower_item_ends_the_header_there():
    handoffs, agent, items = read("handoffs:\n  - label: Go\n    agent: impl\n- label: Two\n  agent: rev\n"
                                  "tools: ['read']\n")
    assert handoffs == [{"label": "Go", "agent": "impl"}]
    # VS Code reads no `tools` there (every tool); read as written here (narrower) and said
    assert [g.raw for g in agent.tools.grants][:1] == ["read"]
    assert items == [("yaml-lenient", "handoffs", 4), ("value-invalid", "tools", 7)]


def test_written_back_strictly_for_copilot():
    text = ("---\nname: planner\ndescription: Plans\nhandoffs:\n- label: Go\n  agent: impl\n  - label: Two\n"
            "    agent: rev\n---\nPlan.\n")
    out = agentconv.convert_text(text, "copilot", from_="copilot", path=PATH).text
    assert "handoffs:\n  - label: Go\n    agent: impl\n  - label: Two\n    agent: rev\n" in out
