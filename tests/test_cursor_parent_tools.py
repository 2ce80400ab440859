"""A Cursor subagent with file edits has every tool of its parent agent: `readonly: false` (the default, the only
setting that edits files) gives it the parent's tools, web search, the browser, the Task tool and every MCP server's
tools included (cursor.toml ``[parent]``, with its sources). An allowlist with a file tool is written there as Cursor's
default when it grants every kind of access those tools hold (what Cursor adds is then no new kind of access: said), and
refused otherwise, naming what Cursor would add. It was refused whatever it granted, naming web search and every MCP
server's tools even for a Roo mode whose `mcp` group grants every server. A Roo mode never reaches the network: Roo
stripped its `browser` group (@roo-code/types deprecatedToolGroups, RooCodeInc/Roo-Code 04ffb64b, 2026-02-14), so
`groups: [read, edit, browser, command, mcp]` is still refused, for web search and the browser alone.
Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv import Agent, Document, Grant, ToolPolicy
from agentconv.errors import BroadenError

EVERY = ["read", "glob", "grep", "edit", "write", "bash", "webfetch", "websearch", "agent", "todo", "mcp:*/*",
         "mcp-resources"]


def mode(*groups: str) -> str:
    listed = "".join(f"      - {g}\n" for g in groups)
    return f"customModes:\n  - slug: dev\n    name: Dev\n    roleDefinition: Develops.\n    groups:\n{listed}"


def agent(ids: list[str], extra: list[Grant] = ()) -> Document:
    grants = [Grant(c, c) for c in ids] + list(extra)
    return Document([Agent(name="full", description="Does all.", prompt="Do.", tools=ToolPolicy("allowlist", grants))])


@pytest.mark.parametrize("groups", [("read", "edit", "browser", "command", "mcp"), ("read", "edit", "command", "mcp")])
def test_a_roo_mode_with_every_group_is_refused_for_the_web_alone(groups):
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(mode(*groups), "cursor", from_="roo", path=".roomodes")
    msg = str(err.value)
    assert "which would add web search, the browser (any URL): access of a kind the allowlist does not grant" in msg
    assert "MCP" not in msg and "Task" not in msg  # its mcp group grants every server; Roo's new_task delegates


def test_a_roo_mode_without_the_mcp_group_is_refused_for_every_mcp_server_too():
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(mode("read", "edit", "command"), "cursor", from_="roo", path=".roomodes")
    assert "would add web search, the browser (any URL), every MCP server's tools, every MCP server's resources:" in \
        str(err.value)


def test_an_allowlist_of_every_kind_of_access_is_written_as_cursors_default_and_said():
    report = agentconv.LossReport()
    text = agentconv.write(agent(EVERY), "cursor", report=report)
    header = text.split("# agentconv-carry")[0]
    assert header == "---\nname: full\ndescription: Does all.\n"  # no readonly: the default, every parent tool
    said = {(i.code.value, i.severity.value): i.message for i in report if i.path == "tools"}
    assert said[("tool-broadened", "warning")] == \
        "in cursor the agent also gets list folders, semantic search, ask questions: no new kind of access"
    assert said[("tool-coerced", "info")] == ("the allowlist written as cursor's default (no readonly): every tool of "
                                              "the parent agent, each of a kind of access the allowlist grants")
    # the exact list rides along: read back from Cursor, the allowlist comes back as it was
    back = agentconv.read_text(text, path=".cursor/agents/full.md")[0].agent
    assert back.tools.mode == "allowlist" and sorted(g.canonical for g in back.tools.grants) == sorted(EVERY)


@pytest.mark.parametrize("ids,extra,lacks", [
    ([c for c in EVERY if c != "mcp:*/*"], [Grant("mcp__gh", "mcp:gh/*")], "every MCP server's tools"),
    ([c for c in EVERY if c not in ("webfetch", "websearch")], [], "web search, the browser (any URL)"),
    ([c for c in EVERY if c != "agent"], [], "the Task tool (subagents)"),
])
def test_an_allowlist_lacking_one_kind_of_access_is_still_refused_naming_it(ids, extra, lacks):
    with pytest.raises(BroadenError) as err:
        agentconv.write(agent(ids, extra), "cursor")
    assert f"which would add {lacks}: access of a kind the allowlist does not grant" in str(err.value)


def test_a_scoped_grant_beside_every_kind_of_access_is_still_refused_as_a_scope():
    scoped = Grant('["edit",{"fileRegex":"\\\\.md$"}]', "edit", "allow", "*.md")
    with pytest.raises(BroadenError, match="cursor has no tool list and it scopes"):
        agentconv.write(agent([c for c in EVERY if c != "edit"], [scoped]), "cursor")


def test_a_tool_that_opens_any_url_holds_the_kind_of_access_of_cursors_web_search():
    """A fetch or browser opens any URL (network): web search beside it is no new kind of access (said); a shell,
    which may reach the network by a command, is not that kind (tools.toml: two kinds of access)."""
    report = agentconv.LossReport()
    text = agentconv.write(agent([c for c in EVERY if c != "websearch"]), "cursor", report=report)
    assert "readonly" not in text.split("# agentconv-carry")[0]
    assert any(i.code.value == "tool-broadened" and "web search" in i.message and i.severity.value == "warning"
               for i in report)
