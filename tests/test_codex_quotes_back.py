"""A header's quotes (BMAD's `name: "analyst"`, `description: "Business Analyst"`) were lost through a Codex role: a
TOML string has no place for how YAML spelled it, and the side channel said quotes only beside something else riding,
so a role that needed nothing else came back unquoted. Where the target has no place for them (TOML, JSON) the quotes
ride on their own, and the blank lines before the prompt beside them; a markdown header keeps them itself."""
from __future__ import annotations

import pytest

import agentconv

POLICY = agentconv.Policy(placed=True)


@pytest.mark.parametrize("text", [
    '---\nname: "analyst"\ndescription: "Business Analyst"\n---\n\nYou analyse.\n',
    '---\nname: "Business Analyst"\ndescription: Analyses the business.\n---\nYou analyse.\n',
    "---\nname: reviewer\ndescription: 'Reviews: the diff'\n---\n\nYou review.\n",
])
def test_quotes_come_back_through_codex(text):
    [out] = agentconv.convert_all_text(text, "codex", from_="claude", path=".claude/agents/a.md", policy=POLICY)
    assert '"styles":{' in out.text.split("\n")[0]
    back = agentconv.convert_text(out.text, "claude", from_="codex", path=out.path, policy=POLICY)
    assert back.text == text
    again = agentconv.convert_text(out.text, "codex", from_="codex", path=out.path, policy=POLICY)
    assert again.text == out.text  # the role converted to itself: as it came


def test_a_header_without_quotes_adds_no_side_channel_to_a_role():
    text = "---\nname: analyst\ndescription: Business Analyst\n---\nYou analyse.\n"
    [out] = agentconv.convert_all_text(text, "codex", from_="claude", path=".claude/agents/a.md", policy=POLICY)
    assert "agentconv-carry" not in out.text and out.text.startswith('name = "analyst"\n')
    back = agentconv.convert_text(out.text, "claude", from_="codex", path=out.path, policy=POLICY)
    assert back.text == text.replace("---\nYou", "---\n\nYou")  # a blank line alone does not ride (as before)
