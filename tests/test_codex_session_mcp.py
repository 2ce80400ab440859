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


# A deny list naming a server: `[mcp_servers.NAME] enabled = false` alone makes Codex ignore the role ("invalid
# transport"), and a transport written for it merges into the user's table (a command beside their url: the role is
# unavailable), so the refusal names the server and says why (codex.toml, below [sandbox.session_mcp]).
WHY = "a role holds its session's MCP servers{} and switches one off (enabled = false) or takes its tools away " \
    "(disabled_tools) only in a [mcp_servers.NAME] table that restates the server's command or url, without which " \
    "Codex ignores the role ('invalid transport')"


@pytest.mark.parametrize(("denied", "said", "servers"), [
    ("mcp__github__*", "mcp__github__*", "'github'"),
    ("mcp__github__create_issue, Write", "mcp__github__create_issue", "'github'"),
    ("mcp__github__create_issue, mcp__linear", "mcp__github__create_issue, mcp__linear", "'github', 'linear'"),
])
def test_a_deny_of_one_server_is_refused_naming_the_server_and_why(denied, said, servers):
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(claude("", f"disallowedTools: {denied}\n").replace("tools: \n", ""), "codex",
                               from_="claude", path=".claude/agents/rev.md")
    assert str(err.value).startswith(f".claude/agents/rev.md: codex cannot deny {said}: "
                                     + WHY.format(f" ({servers} among them)"))
    assert "only a read-only sandbox" not in str(err.value)


def test_a_deny_of_a_server_beside_another_tool_is_one_refusal_naming_both():
    source = claude("", "disallowedTools: mcp__github__*, TodoWrite\n").replace("tools: \n", "")
    both = "codex cannot deny todo (only a read-only sandbox), nor mcp__github__*: " + \
        WHY.format(" ('github' among them)")
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(source, "codex", from_="claude", path=".claude/agents/rev.md")
    assert both in str(err.value)
    out = agentconv.convert_text(source, "codex", from_="claude", path=".claude/agents/rev.md", policy=BROADEN)
    said = [i.message for i in out.report if i.code.value == "tool-broadened"]
    assert len(said) == 1 and said[0].startswith(both)
    assert "mcp_servers" not in out.text  # nothing written that Codex would ignore the role for


def test_an_opencode_wildcard_deny_says_why_a_role_cannot_deny_it():
    source = "---\ndescription: Reviews code.\nmode: subagent\npermission:\n  github_*: deny\n---\nReview.\n"
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(source, "codex", path=".opencode/agent/rev.md")
    assert "codex cannot deny 'github_*' (a wildcard over tool names no table knows: it matches MCP servers' " \
        "tools): " + WHY.format("") in str(err.value)
    with pytest.raises(BroadenError) as err:  # another target's words are its own
        agentconv.convert_text(source, "cursor", path=".opencode/agent/rev.md")
    assert "and its agent keeps every tool it does not deny" in str(err.value)
