"""OpenCode's ``external_directory: deny`` refuses every path outside the project (its file tools and its shell ask
that permission first: opencode-ai 1.18.33). Claude Code asks before such a path, and no key of a subagent's,
command's or skill's file can deny one: written there, the deny became a question, said only as a dropped field.
Now refused as a widening (tool-broadened guard-asks, exit 6; --allow-broaden writes it, said), where the agent holds
a tool the guard asks of; OpenCode's own default (ask), an allow, and an agent with none of those tools as before.
Synthetic inputs only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError

PATH = ".opencode/agent/o.md"


def agent(*lines: str) -> str:
    return "---\ndescription: d\npermission:\n" + "".join(f"  {line}\n" for line in lines) + "---\nDo.\n"


@pytest.mark.parametrize("to", ["claude", "claude-command", "skill"])
@pytest.mark.parametrize("guard", ["external_directory: deny", 'external_directory: {"*": ask, "~/.ssh/**": deny}'])
def test_a_deny_outside_the_project_is_refused_where_claude_code_asks(to, guard):
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(agent("bash: deny", guard), to, from_="opencode", path=PATH)
    assert "external_directory: deny" in str(err.value)


def test_allowed_to_broaden_it_is_written_and_said():
    out = agentconv.convert_text(agent("external_directory: deny"), "claude", from_="opencode", path=PATH,
                                 policy=agentconv.Policy(allow_broaden=True))
    assert any(i.code.value == "tool-broadened" and "external_directory" in i.message for i in out.report.items)


@pytest.mark.parametrize("lines", [("external_directory: ask",), ("external_directory: allow",),
                                   ('"*": deny', "todowrite: allow", "external_directory: deny")])
def test_what_claude_code_holds_as_well_converts(lines):
    out = agentconv.convert_text(agent(*lines), "claude", from_="opencode", path=PATH)
    assert not [i for i in out.report.items if i.code.value == "tool-broadened"]


def test_an_opencode_file_keeps_it():
    text = agent("external_directory: deny")
    assert agentconv.convert_text(text, "opencode", from_="opencode", path=PATH).text == text
