"""A read-only Codex role without web search (`sandbox_mode = "read-only"`, `web_search = "disabled"`) came back from
Kiro's Markdown form and from a skill with a side channel added: the way back wrote the role's own keys, but carried
the policy of the file in between (Kiro asks before its subagent tool; a skill's `disallowed-tools` deny the same
tools again in Claude's names, beside the carried deny list), which the keys already say."""
from __future__ import annotations

import pytest

import agentconv

ROLE = 'sandbox_mode = "read-only"\nweb_search = "disabled"\ndeveloper_instructions = """\nYou map the repo.\n"""\n'
POLICY = agentconv.Policy(placed=True)


@pytest.mark.parametrize("target", ["kiro-md", "skill", "claude", "opencode"])
def test_a_read_only_role_comes_back_as_it_came(target):
    [out] = agentconv.convert_all_text(ROLE, target, from_="codex", path=".codex/agents/mapper.toml", policy=POLICY)
    back = agentconv.convert_text(out.text, "codex", from_=target, path=out.path, policy=POLICY)
    assert back.text == ROLE

