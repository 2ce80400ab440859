"""A Codex role converted to another dialect and back comes back byte for byte where the side channel can say how it
was laid out: its keys' order (a TOML file has no header chunks, so no `keys` rode: the way back took the order of the
file in between, and Copilot's `tools` before its `reasoning-effort` put a carried `sandbox_mode` before
`model_reasoning_effort`) and a list written on one line (`nickname_candidates = ["A", "B"]`, which tomli-w writes one
item a line: the TOML layout, `carry.toml_skeleton`, did not ride)."""
from __future__ import annotations

import tomllib

import pytest

import agentconv
from agentconv import carry

POLICY = agentconv.Policy(placed=True)
PATH = ".codex/agents/mapper.toml"

ORDERED = '''name = "mapper"
description = "Maps code paths before changes."
model = "gpt-5.4"
model_reasoning_effort = "medium"
sandbox_mode = "read-only"
developer_instructions = """
Map the code paths.
"""
'''

ONE_LINE_LIST = '''name = "mapper"
description = "Maps code paths before changes."
sandbox_mode = "read-only"
nickname_candidates = ["Scout", "Trace", 'Lumen']
developer_instructions = """
Map the code paths.
"""
'''

LITERAL_LIST = ONE_LINE_LIST.replace('["Scout", "Trace", \'Lumen\']', "['Scout', 'Trace']")
PLAIN_LIST = ONE_LINE_LIST.replace('["Scout", "Trace", \'Lumen\']', '["Scout", "Trace"]')


def _there_and_back(source: str, target: str) -> str:
    [out] = agentconv.convert_all_text(source, target, from_="codex", path=PATH, policy=POLICY)
    return agentconv.convert_text(out.text, "codex", from_=target, path=out.path or PATH, policy=POLICY).text


@pytest.mark.parametrize("target", ["copilot", "claude", "opencode", "marketplace"])
def test_key_order_comes_back(target):
    assert _there_and_back(ORDERED, target) == ORDERED


@pytest.mark.parametrize("source", [PLAIN_LIST, LITERAL_LIST])
@pytest.mark.parametrize("target", ["claude", "opencode", "copilot"])
def test_a_list_on_one_line_comes_back(source, target):
    assert _there_and_back(source, target) == source


def test_a_mixed_quoted_list_is_no_skeleton_style():
    """A list whose items are quoted two ways is no one style: no skeleton (written as tomli-w writes it)."""
    data = tomllib.loads(ONE_LINE_LIST)
    assert carry.toml_skeleton(ONE_LINE_LIST, data) is None
    plain = carry.toml_skeleton(PLAIN_LIST, tomllib.loads(PLAIN_LIST))
    assert plain is not None and "=nickname_candidates []" in plain
    literal = carry.toml_skeleton(LITERAL_LIST, tomllib.loads(LITERAL_LIST))
    assert literal is not None and "=nickname_candidates ['']" in literal
    assert carry.from_skeleton(literal, tomllib.loads(LITERAL_LIST)) == LITERAL_LIST


def test_a_skeleton_list_style_cannot_hold_a_table():
    """A hostile skeleton naming the list style for a value that is no list of scalars lays nothing out."""
    assert carry.from_skeleton(["=a []"], {"a": [{"x": 1}]}) is None
    assert carry.from_skeleton(["=a []"], {"a": "text"}) is None
    assert carry.from_skeleton(["=a []"], {"a": [1, True, "x"]}) == 'a = [1, true, "x"]\n'
