"""A read-only setting that keeps a shell, written as Codex's read-only sandbox (codex.toml ``[sandbox] read_only_of``).

Codex runs every command of a ``sandbox_mode = "read-only"`` role in its platform sandbox, which lets none write a
file, reach the network or signal a process outside it (openai/codex codex-rs/linux-sandbox/src/bwrap.rs
``--ro-bind / /`` and ``--unshare-pid``, linux-sandbox/src/seccomp.rs, sandboxing/src/seatbelt_base_policy.sbpl; read
2026-11-30); a command runs outside it only when the user approves one (core/src/tools/sandboxing.rs). Cursor's
``readonly: true`` forbids the file edits and the state-changing shell commands (cursor.com/docs/context/subagents). So
the sandbox is no wider: a Cursor readonly agent is written read-only, the difference said (tool-narrowed), where it was
refused as a widening (19 real files of unseen28, 4 of unseen27). A shell denied by anything else is still refused, a
Codex role carried back through another dialect comes home read-only, and each file converted to its own dialect comes
back byte for byte. Since readonly is also read as the deny of every MCP tool (cursor.toml ``[readonly] also_denies``),
which a Codex role cannot say, the agent itself is refused for those (``--allow-broaden``: written read-only, the MCP
tools said broadened). Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError

from yamlcheck import header

CURSOR = ".cursor/agents/reader.md"
CODEX = ".codex/agents/reader.toml"
READONLY = "---\nname: reader\ndescription: Reads the code.\nreadonly: true\n---\n\nRead the code.\n"
ROLE = 'name = "reader"\ndescription = "Reads the code."\nsandbox_mode = "read-only"\n' \
       'developer_instructions = """\nRead the code.\n"""\n'
PATHS = {"claude": ".claude/agents/reader.md", "opencode": ".opencode/agent/reader.md", "cursor": CURSOR,
         "codex": CODEX}


def body(text: str) -> list[str]:
    """The lines of a file but its side-channel comment."""
    return [line for line in text.splitlines() if "agentconv-carry" not in line]


def narrowed(report) -> list[str]:
    return [i.message for i in report if i.code.value == "tool-narrowed"]


MCP = r"codex cannot deny the MCP servers of its session and their resources \(read_mcp_resource\): a role holds " \
    r"its session's MCP servers and switches one off"
BROADEN = agentconv.Policy(allow_broaden=True)


def test_a_cursor_readonly_agent_is_refused_for_its_mcp_tools_not_its_shell():
    with pytest.raises(BroadenError, match=MCP) as err:  # readonly takes every MCP tool away; a Codex role cannot
        agentconv.convert_text(READONLY, "codex", path=CURSOR)
    assert "bash" not in str(err.value)  # the read-only shell is no longer why: the sandbox says it
    out = agentconv.convert_text(READONLY, "codex", path=CURSOR, policy=BROADEN)
    assert [i for i in out.report if i.code.value == "tool-broadened" and "mcp" in i.message]
    # a shell denied by anything but a read-only setting that keeps one is still refused
    for source, path in (("---\nname: reader\ndescription: d\ndisallowedTools: Write, Edit, Bash\n---\nRead.\n",
                          PATHS["claude"]),
                         ("---\ndescription: d\nmode: subagent\npermission:\n  edit: deny\n  bash: deny\n---\nRead.\n",
                          PATHS["opencode"])):
        with pytest.raises(BroadenError, match="codex runs shell commands in every sandbox mode: denying bash"):
            agentconv.convert_text(source, "codex", path=path)


def test_a_cursor_readonly_agent_carried_through_another_dialect_is_refused_in_codex_for_its_mcp_tools():
    there = agentconv.convert_text(READONLY, "claude", path=CURSOR)
    assert "mcp__*__*" in there.text
    with pytest.raises(BroadenError, match=MCP):
        agentconv.convert_text(there.text, "codex", path=PATHS["claude"])


@pytest.mark.parametrize("via", ["cursor", "claude", "opencode"])
def test_a_read_only_role_carried_through_another_dialect_comes_home_read_only(via):
    there = agentconv.convert_text(ROLE, via, path=CODEX)
    if via == "cursor":  # readonly: true denies every MCP tool, narrower than the role: the carry cannot widen it back
        with pytest.raises(BroadenError, match=MCP):
            agentconv.convert_text(there.text, "codex", path=PATHS[via])
        return
    back = agentconv.convert_text(there.text, "codex", path=PATHS[via])
    assert body(back.text) == body(ROLE)
    assert not narrowed(back.report) and not [i for i in back.report if i.code.value == "tool-broadened"]
    # each file converted to its own dialect comes back byte for byte, nothing said
    for text, dialect in ((READONLY, "cursor"), (ROLE, "codex")):
        same = agentconv.convert_text(text, dialect, path=PATHS[dialect])
        assert same.text == text and not narrowed(same.report)


def test_a_cursor_file_written_from_a_shellless_agent_with_allow_broaden_is_judged_as_it_reads():
    """An agent with no shell written for Cursor with --allow-broaden is a readonly: true agent there, which runs the
    commands that change nothing (the widening was accepted there, and said): Codex's read-only sandbox is no wider for
    that shell, but readonly takes every MCP tool away too, which a Codex role cannot: refused for those."""
    claude = "---\nname: reader\ndescription: d\ndisallowedTools: Write, Edit, Bash\n---\nRead.\n"
    there = agentconv.convert_text(claude, "cursor", path=PATHS["claude"], policy=agentconv.Policy(allow_broaden=True))
    assert header(there.text)["readonly"] is True
    with pytest.raises(BroadenError, match=MCP):
        agentconv.convert_text(there.text, "codex", path=CURSOR)
