"""A Codex role's read-only sandbox through a dialect that writes it as an allowlist, and back (codexrecord).

`sandbox_mode = "read-only"` reads as the deny of the edit and command tools (codex.toml ``[sandbox]``). Copilot,
Gemini CLI, Kiro's Markdown form, Roo and the marketplace catalogue have no deny list, so they write it as an allowlist
of their other built-in tools (narrower, said: no shell, no MCP server); that allowlist could not ride in their side
channel (wider than the file), so the way back into Codex read an allowlist without a shell and refused it ("the
allowlist grants no shell"): every sandbox mode runs commands. Those writers now carry the role's sandbox itself
(carry.toml ``[narrowing]``: read-only, Codex's narrowest SandboxMode, openai/codex codex-rs/protocol/src/
config_types.rs 085c1431), and the way back writes it again where the file grants no edit nor command tool, said
(carry-regained, a warning: anyone can write the comment); `--no-carry` refuses as before, and a file without the
record is refused as before. Plain markdown restored the policy but did not say so to the writer: refused too.

An agent tool allowed to start only some agents (Kiro's availableAgents, Claude Code's Agent(a)) was refused by a
target that cannot scope it ("dropping the scope"); one whose tool list can leave the tool out (the marketplace
catalogue, Kiro's Markdown form) or that can switch its subagent tools off (Codex) now writes the agent without it,
narrower, said (tools.toml ``[left_out]``). Synthetic fixtures only."""
from __future__ import annotations

import json

import pytest

import agentconv
from agentconv.errors import BroadenError

from yamlcheck import header

CODEX = ".codex/agents/reviewer.toml"
ROLE = 'name = "reviewer"\ndescription = "Reviews code for defects."\nsandbox_mode = "read-only"\n' \
       'developer_instructions = """\nReview the diff. Report defects.\n"""\n'
NO_SHELL = "the allowlist grants no shell"


def there_and_back(via: str, policy: agentconv.Policy | None = None):
    out = agentconv.convert_all_text(ROLE, via, path=CODEX, policy=agentconv.Policy(placed=True))[0]
    back = agentconv.convert_text(out.text, "codex", from_=via, path=out.path, policy=policy or agentconv.Policy())
    return back, out.text


def codes(report) -> list[str]:
    return [i.code.value for i in report]


@pytest.mark.parametrize("via", ["copilot", "marketplace", "markdown", "opencode", "claude"])
def test_a_read_only_role_comes_back_byte_for_byte(via):
    back, _ = there_and_back(via)
    assert back.text == ROLE  # no side channel left either: the keys say the role's policy exactly
    assert "tool-broadened" not in codes(back.report)


@pytest.mark.parametrize("via, extra", [("gemini", "[agents]"), ("roo", 'web_search = "disabled"'), ("kiro-md", "")])
def test_a_read_only_role_comes_back_read_only_where_the_way_out_narrowed_more(via, extra):
    """Gemini CLI registers no agent tool for a subagent, Roo's read group has no web tool, Kiro's Markdown form asks
    before its web and subagent tags: the role comes back read-only, no wider than the file it was read from."""
    back, _ = there_and_back(via)
    assert 'sandbox_mode = "read-only"' in back.text
    assert extra in back.text
    assert 'developer_instructions = """\nReview the diff. Report defects.\n"""' in back.text


@pytest.mark.parametrize("via", ["copilot", "gemini", "roo", "marketplace"])
def test_the_sandbox_given_back_is_said_and_only_from_the_side_channel(via):
    back, written = there_and_back(via)
    regained = [i for i in back.report if i.code.value == "carry-regained"]
    assert regained and "sandbox_mode = 'read-only' written from the side channel" in regained[0].message
    assert regained[0].severity.value == "warning"
    assert '"extensions.codex.sandbox_mode":"read-only"' in written
    # the side channel switched off, or a file that never had it: no shell granted, refused as before
    with pytest.raises(BroadenError, match=NO_SHELL):
        there_and_back(via, agentconv.Policy(carry=False))
    plain = "\n".join(line for line in written.splitlines() if "agentconv-carry" not in line) + "\n"
    with pytest.raises(BroadenError, match=NO_SHELL):
        agentconv.convert_text(plain, "codex", from_=via, path=agentconv.convert_all_text(
            ROLE, via, path=CODEX, policy=agentconv.Policy(placed=True))[0].path)


def test_the_record_never_lifts_an_edit_or_a_shell_the_file_grants():
    """As written, the file comes back read-only; edited to grant a shell, it is written with the sandbox that shell
    needs (as any Copilot agent with one); to grant edits without a shell, refused as before: the record gives back the
    read-only sandbox only."""
    out = agentconv.convert_all_text(ROLE, "copilot", path=CODEX, policy=agentconv.Policy(placed=True))[0]
    assert agentconv.convert_text(out.text, "codex", from_="copilot", path=out.path).text == ROLE
    shell = out.text.replace("  - todo\n", "  - execute\n  - todo\n")
    back = agentconv.convert_text(shell, "codex", from_="copilot", path=out.path,
                                  policy=agentconv.Policy(allow_broaden=True))  # (it lists no MCP server: widened)
    assert 'sandbox_mode = "workspace-write"' in back.text
    edits = out.text.replace("  - todo\n", "  - edit\n  - todo\n")
    with pytest.raises(BroadenError, match=NO_SHELL):
        agentconv.convert_text(edits, "codex", from_="copilot", path=out.path)


def test_a_read_only_role_through_two_dialects_comes_back_byte_for_byte():
    out = agentconv.convert_all_text(ROLE, "copilot", path=CODEX, policy=agentconv.Policy(placed=True))[0]
    claude = agentconv.convert_all_text(out.text, "claude", from_="copilot", path=out.path,
                                        policy=agentconv.Policy(placed=True))[0]
    back = agentconv.convert_text(claude.text, "codex", from_="claude", path=claude.path)
    assert back.text == ROLE
    # only the policy read-only reads as is recorded: a workspace-write role (an extension already) and a role whose
    # MCP servers are limited (its policy denies more than the sandbox) carry none
    for role in (ROLE.replace("read-only", "workspace-write"),
                 ROLE + '\n[mcp_servers.docs]\ncommand = "docs"\nenabled = false\n'):
        out = agentconv.convert_text(role, "copilot", path=CODEX)
        assert '"extensions.codex.sandbox_mode":"read-only"' not in out.text


KIRO = ".kiro/agents/lead.json"


def kiro(tools: list[str]) -> str:
    return json.dumps({"name": "lead", "description": "Leads.", "prompt": "Lead.", "tools": tools,
                       "toolsSettings": {"subagent": {"availableAgents": ["reviewer"]}}}) + "\n"


@pytest.mark.parametrize("target, key, agent_tool", [("marketplace", "tools", "Task"), ("kiro-md", "tools", "subagent")])
def test_an_agent_tool_scoped_to_some_agents_is_left_out_where_it_cannot_be_scoped(target, key, agent_tool):
    out = agentconv.convert_text(kiro(["read", "subagent"]), target, path=KIRO)
    tools = header(out.text)[key]
    assert agent_tool not in tools and tools  # the rest of the list stays
    said = [i.message for i in out.report if i.code.value == "tool-narrowed"]
    assert any(m.startswith(f"subagent(reviewer) written without {agent_tool} in {target}") for m in said)
    # a target that cannot leave the tool out, and another tool's scope, are refused as before
    with pytest.raises(BroadenError, match=r"scopes subagent\(reviewer\)"):  # Cursor has no tool list to leave it out of
        agentconv.convert_text(kiro(["read", "subagent"]), "cursor", path=KIRO)
    opencode = "---\ndescription: Leads.\nmode: subagent\npermission:\n  \"*\": deny\n  read: allow\n" \
               "  bash:\n    \"*\": deny\n    \"git diff *\": allow\n---\nLead.\n"
    with pytest.raises(BroadenError, match="scope of"):
        agentconv.convert_text(opencode, "marketplace", path=".opencode/agent/lead.md")


def test_codex_switches_the_subagent_tools_off_for_an_agent_tool_scoped_to_some_agents():
    out = agentconv.convert_text(kiro(["read", "shell", "subagent"]), "codex", path=KIRO,
                                 policy=agentconv.Policy(allow_broaden=True))  # (no MCP server listed: widened)
    assert "[agents]\nenabled = false" in out.text and "[features]\nmulti_agent_v2 = false" in out.text
    assert any("every subagent tool switched off" in i.message for i in out.report if i.code.value == "tool-narrowed")
