"""Claude Code commands' and skills' permission rules, both ways.

An OpenCode ``edit: allow`` edits the project's files unasked and asks ``external_directory`` outside it (opencode-ai
1.18.33: read, edit, write, glob, grep and lsp call ``Tool.assertExternalDirectory`` first; opencode.toml
``[in_project]``). Written into a Claude Code command or skill it was ``allowed-tools: Edit, Write``, which
pre-approves every path; Claude Code 2.1.330 takes ``Edit(*)`` only in the working directories (``Um`` -> ``YBi``:
"lets Edit run without asking only in the working directories. "Edit" alone allows every path"), so it is written so.

A deny list or no tools can be said by a command's and a skill's ``disallowed-tools`` (2.1.330's frontmatter schema:
"Tools removed from the model while this file is active"; one reader, ``k0e``; a deny rule ``*`` matches every tool):
a skill with ``disallowed-tools: "*"`` was refused into a command, and a command with both keys was read as an
allowlist, refused back into a skill. The outputs load in ``claude plugin validate`` (validate-claude, 2026-11-30).
Synthetic inputs only."""
from __future__ import annotations

import pytest
from test_claude_working_scope import CMD, SKILL, command, header, skill

import agentconv

OC = ".opencode/agent/c.md"


def opencode(*lines: str) -> str:
    return "---\ndescription: d\nmode: subagent\npermission:\n" + "".join(f"  {line}\n" for line in lines) + "---\nDo.\n"


@pytest.mark.parametrize("to, sep", [("claude-command", ", "), ("skill", " ")])
@pytest.mark.parametrize("rules, written", [
    (["edit: allow"], ["Edit(*)", "Write(*)"]),
    (["edit: allow", "bash: allow"], ["Edit(*)", "Write(*)", "Bash"]),  # Bash(*) would be the whole tool anyway
    (["read: allow", "grep: allow", "glob: allow", "webfetch: allow"], ["Read(*)", "Grep(*)", "Glob(*)", "WebFetch"]),
    (["edit:", '    "*": allow'], ["Edit(*)", "Write(*)"]),
])
def test_an_opencode_allow_of_a_file_tool_is_preapproved_in_the_working_folder(to, sep, rules, written):
    out = agentconv.convert_text(opencode(*rules), to, from_="opencode", path=OC)
    assert header(out.text)["allowed-tools"] == sep.join(written)  # was `Edit, Write`: every path


def test_the_command_read_back_holds_the_working_folder_not_the_whole_tool():
    cmd = agentconv.convert_text(opencode("edit: allow"), "claude-command", from_="opencode", path=OC).text
    doc, _ = agentconv.read_text(cmd, "claude-command", path=CMD)
    assert {(g.canonical, g.decision, g.pattern) for g in doc.agent.tools.grants} == {("edit", "allow", "*"),
                                                                                        ("write", "allow", "*")}


@pytest.mark.parametrize("source", [
    skill('disallowed-tools: "*"'),
    skill("allowed-tools: Read", "disallowed-tools: Bash, Edit"),
    skill("disallowed-tools: Bash(rm -rf *), WebFetch"),
    skill("allowed-tools: Read Grep", "disallowed-tools: Bash(git push *)"),
])
def test_a_skill_through_a_command_comes_back_as_it_was(source):
    cmd = agentconv.convert_text(source, "claude-command", from_="skill", path=SKILL)
    assert "disallowed-tools" in header(cmd.text)
    back = agentconv.convert_text(cmd.text, "skill", from_="claude-command", path=CMD)
    assert back.text == source  # was refused: the way there (no tools) or the way back (an allowlist)


def test_no_tools_is_a_deny_rule_star_in_a_command():
    out = agentconv.convert_text(skill('disallowed-tools: "*"'), "claude-command", from_="skill", path=SKILL)
    assert header(out.text) == {"description": "d", "disallowed-tools": "*"}
    doc, _ = agentconv.read_text(out.text, "claude-command", path=CMD)
    assert doc.agent.tools.mode == "none"


def test_an_empty_tool_list_elsewhere_is_no_tools_in_a_command_and_a_skill():
    prompt = "---\ndescription: d\ntools: []\n---\nDo.\n"
    cmd = agentconv.convert_text(prompt, "claude-command", from_="copilot-prompt", path=".github/prompts/c.prompt.md")
    assert header(cmd.text)["disallowed-tools"] == "*"
    agent = "---\nname: c\ndescription: d\ntools: []\n---\nDo.\n"
    sk = agentconv.convert_text(agent, "skill", from_="claude", path=".claude/agents/c.md")
    assert header(sk.text)["disallowed-tools"] == "*"


def test_a_command_with_both_keys_is_read_as_claude_code_reads_it():
    doc, _ = agentconv.read_text(command("allowed-tools: Read", "disallowed-tools: Bash"), "claude-command", path=CMD)
    assert doc.agent.tools.mode == "denylist"  # was an allowlist of Read
    assert [(g.canonical, g.decision) for g in doc.agent.tools.grants] == [("read", "allow"), ("bash", "deny")]


@pytest.mark.parametrize("text", [command("allowed-tools: Read", "disallowed-tools: Bash"),
                                  command('allowed-tools: ["Edit(*)"]', "disallowed-tools: [WebFetch]")])
def test_a_command_with_both_keys_comes_back_byte_for_byte(text):
    assert agentconv.convert_text(text, "claude-command", from_="claude-command", path=CMD).text == text
    out = agentconv.convert_text(text, "skill", from_="claude-command", path=CMD)
    assert "disallowed-tools" in header(out.text)  # was refused: "a skill cannot restrict tools"


def test_a_subagent_deny_list_is_the_skill_deny_rules():
    agent = "---\nname: c\ndescription: d\ndisallowedTools: Bash, WebFetch\n---\nDo.\n"
    out = agentconv.convert_text(agent, "skill", from_="claude", path=".claude/agents/c.md")
    assert header(out.text)["disallowed-tools"] == "Bash, WebFetch"
    assert "allowed-tools" not in header(out.text)


@pytest.mark.parametrize("source, dialect, path", [(command, "claude-command", CMD), (skill, "skill", SKILL)])
@pytest.mark.parametrize("value", ["Bash", "[Bash, WebFetch]"])
def test_disallowedTools_is_the_same_key(source, dialect, path, value):
    """2.1.330's one command and skill reader: ``e["disallowed-tools"] ?? e.disallowedTools`` (``k0e``), "Canonical
    (normalized) alias of `disallowed-tools`": no other tool's key, said as read so, kept as written."""
    text = source(f"disallowedTools: {value}")
    out = agentconv.convert_text(text, dialect, from_=dialect, path=path)
    assert out.text == text
    codes = {i.code.value for i in out.report.items}
    assert "value-read-as" in codes and "value-invalid" not in codes  # was "'disallowedTools' is not a ... field"
    other = "skill" if dialect == "claude-command" else "claude-command"  # the kin: the key in its own spelling
    assert header(agentconv.convert_text(text, other, from_=dialect, path=path).text)["disallowed-tools"] in \
        ("Bash", "Bash, WebFetch")


def test_disallowed_tools_beside_disallowedTools_wins():
    text = command("disallowed-tools: Edit", "disallowedTools: Bash")
    doc, report = agentconv.read_text(text, "claude-command", path=CMD)
    assert [(g.canonical, g.decision) for g in doc.agent.tools.grants] == [("edit", "deny")]
    assert any(i.code.value == "value-invalid" and "disallowedTools" in i.message for i in report.items)
    assert agentconv.convert_text(text, "claude-command", from_="claude-command", path=CMD).text == text


@pytest.mark.parametrize("to", ["claude-command", "skill"])
def test_a_whole_tool_some_calls_of_which_ask_is_not_preapproved(to):
    """OpenCode ``bash: {"*": allow, "git push *": ask}``: a Claude Code pre-approval ``Bash`` takes every call, git
    push too, which OpenCode asks about: left out (every call asks as the session does), said (tool-narrowed)."""
    text = opencode("bash:", '    "*": allow', '    "git push *": ask', "edit: allow")
    out = agentconv.convert_text(text, to, from_="opencode", path=OC)
    assert header(out.text)["allowed-tools"].replace(",", "").split() == ["Edit(*)", "Write(*)"]  # was `Bash, Edit, ...`
    assert any(i.code.value == "tool-narrowed" and "git push" in i.message for i in out.report.items)


@pytest.mark.parametrize("to", ["claude-command", "skill"])
def test_an_opencode_deny_lists_allows_are_preapproved_beside_it(to):
    """``bash: deny`` beside ``edit: allow``: the deny list is written as ``disallowed-tools`` and the allows (OpenCode
    runs them unasked) as ``allowed-tools`` beside it, in the working folder as OpenCode asks outside the project (were
    left out, said as field-dropped)."""
    out = agentconv.convert_text(opencode("bash: deny", "edit: allow", "webfetch: allow"), to, from_="opencode", path=OC)
    assert header(out.text)["allowed-tools"].replace(",", "").split() == ["Edit(*)", "Write(*)", "WebFetch"]
    assert "Bash" in header(out.text)["disallowed-tools"]
    assert not [i for i in out.report.items if i.code.value == "field-dropped" and i.path == "tools"]


@pytest.mark.parametrize("to", ["claude-command", "skill"])
def test_a_deny_lists_whole_tool_some_calls_of_which_ask_is_not_preapproved(to):
    """Beside a deny list too, a Claude Code pre-approval ``Bash`` would take git push, which OpenCode asks about:
    left out, said (tool-narrowed), as without the deny list."""
    text = opencode("bash:", '    "*": allow', '    "git push *": ask', "webfetch: deny", "edit: allow")
    out = agentconv.convert_text(text, to, from_="opencode", path=OC)
    assert header(out.text)["allowed-tools"].replace(",", "").split() == ["Edit(*)", "Write(*)"]
    assert header(out.text)["disallowed-tools"] == "WebFetch"
    assert any(i.code.value == "tool-narrowed" and "git push" in i.message for i in out.report.items)
