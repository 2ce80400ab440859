"""A Codex role holds the MCP servers of its session whatever its file says: a role is a config layer over the session's
config, every layer kept, and a role file can switch off only a server it defines whole (`[mcp_servers.NAME]` with
`enabled = false` but no `command` or `url` is "invalid transport": Codex ignores the role), so there is no way to
write "no MCP tools" (codex.toml ``[sandbox.session_mcp]``, with its sources). An allowlist that does not grant every
MCP server's tools and resources is refused for Codex (exit 6) unless `--allow-broaden`, which says it; it was written as
a role that could call every configured server (`tools: Read, Grep, Bash` -> `sandbox_mode = "workspace-write"`,
silently). A Roo mode whose `mcp` group grants every server is written as before, and so is a Codex read-only role
carried back through another dialect (it held its session's servers). Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv import Agent, Document, Grant, ToolPolicy
from agentconv.errors import BroadenError
from agentconv.loss import Policy

BROADEN = Policy(allow_broaden=True)

SAYS = "codex gives a role the MCP servers of its session and their resources (read_mcp_resource), which a role " \
    "file cannot switch off"


def claude(tools: str, extra: str = "") -> str:
    return f"---\nname: rev\ndescription: Reviews code.\ntools: {tools}\n{extra}---\nReview the code.\n"


def mode(*groups: str) -> str:
    listed = "".join(f"      - {g}\n" for g in groups)
    return f"customModes:\n  - slug: dev\n    name: Dev\n    roleDefinition: Develops.\n    groups:\n{listed}"


@pytest.mark.parametrize("tools", ["Read, Grep, Bash", "Read, Edit, Bash", "Bash"])
def test_an_allowlist_without_mcp_tools_is_refused_for_codex(tools):
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(claude(tools), "codex", from_="claude", path=".claude/agents/rev.md")
    assert SAYS in str(err.value)
    assert str(err.value).endswith("the allowlist does not grant them")


def test_an_allowlist_of_some_mcp_tools_is_refused_naming_them():
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(claude("Read, Bash, mcp__github__create_issue"), "codex", from_="claude",
                               path=".claude/agents/rev.md")
    assert SAYS in str(err.value)
    assert str(err.value).endswith("the allowlist does not grant them (it grants mcp__github__create_issue only)")


def test_plan_mode_without_mcp_tools_is_refused_too():
    # plan mode is written as the read-only sandbox (its read-only commands): the servers come with the role anyway
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(claude("Read, Grep, Bash", "permissionMode: plan\n"), "codex", from_="claude",
                               path=".claude/agents/rev.md")
    assert SAYS in str(err.value)


def test_allow_broaden_writes_it_and_says_it():
    out = agentconv.convert_text(claude("Read, Grep, Bash"), "codex", from_="claude", path=".claude/agents/rev.md",
                                 policy=BROADEN)
    text, report = out.text, out.report
    assert 'sandbox_mode = "workspace-write"' in text and "mcp_servers" not in text
    said = [i.message for i in report if i.code.value == "tool-broadened"]
    assert len(said) == 1 and said[0].startswith(SAYS)


def test_allow_broaden_says_it_beside_a_missing_shell():
    report = agentconv.convert_text(claude("Read, Grep"), "codex", from_="claude", path=".claude/agents/rev.md",
                                    policy=BROADEN).report
    said = [i.message for i in report if i.code.value == "tool-broadened"]
    assert len(said) == 2 and "grants no shell" in said[0] and said[1].startswith(SAYS)


def test_a_roo_mode_with_the_mcp_group_is_written_as_before():
    text = agentconv.convert_text(mode("read", "command", "mcp"), "codex", from_="roo", path=".roomodes").text
    assert 'sandbox_mode = "workspace-write"' in text


def test_a_roo_mode_without_it_is_refused():
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(mode("read", "command"), "codex", from_="roo", path=".roomodes")
    assert SAYS in str(err.value)


def test_every_mcp_server_without_the_resources_is_refused():
    grants = [Grant(c, c) for c in ("read", "bash", "mcp:*/*")]
    doc = Document([Agent(name="a", description="Does.", prompt="Do.", tools=ToolPolicy("allowlist", grants))])
    with pytest.raises(BroadenError) as err:
        agentconv.write(doc, "codex")
    assert "codex gives a role their resources (read_mcp_resource), which" in str(err.value)
    grants.append(Grant("mcp-resources", "mcp-resources"))
    assert 'sandbox_mode = "workspace-write"' in agentconv.write(doc, "codex")


def test_a_codex_read_only_role_carried_back_is_written_read_only_again():
    role = ('name = "ro"\ndescription = "Reads."\nsandbox_mode = "read-only"\n'
            'developer_instructions = """\nRead.\n"""\n')
    out = agentconv.convert_text(role, "copilot", from_="codex", path=".codex/agents/ro.toml").text
    back = agentconv.convert_text(out, "codex", from_="copilot", path=".github/agents/ro.agent.md").text
    assert 'sandbox_mode = "read-only"' in back
