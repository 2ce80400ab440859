"""A Claude Code pre-approval of a file tool with the scope ``*`` or none (``allowed-tools: Edit(*)``, ``Edit()``):
Claude Code 2.1.330 reads such an allow rule (``Um`` -> ``YBi``) as the tool in the scope ``*``, which its allow
matcher takes only inside the working directories ("lets Edit run without asking only in the working directories.
"Edit" alone allows every path"). agentconv read it as the whole tool, so a command converted into a skill (or a
skill into a command) was written ``allowed-tools: Edit``: every path pre-approved. Now read in the scope ``*``
(claude-command.toml / skill.toml ``[parser] working_scope``), written back as ``Edit(*)``; a target that cannot
pre-approve drops it, said. A deny rule ``Edit(*)`` and ``Bash(*)`` stay the whole tool. Synthetic inputs only."""
from __future__ import annotations

import pytest
import yaml

import agentconv

CMD = ".claude/commands/c.md"
SKILL = ".claude/skills/c/SKILL.md"


def command(*lines: str) -> str:
    return "---\ndescription: d\n" + "".join(f"{line}\n" for line in lines) + "---\nDo.\n"


def skill(*lines: str) -> str:
    return "---\nname: c\ndescription: d\n" + "".join(f"{line}\n" for line in lines) + "---\nDo.\n"


def header(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1]) or {}


@pytest.mark.parametrize("source, dialect, path", [(command, "claude-command", CMD), (skill, "skill", SKILL)])
@pytest.mark.parametrize("rule, tool", [("Edit(*)", "edit"), ("Edit()", "edit"), ("Write(*)", "write"),
                                        ("NotebookEdit(*)", "notebook-edit"), ("Read(*)", "read"), ("Grep()", "grep")])
def test_a_file_tool_preapproved_in_star_is_read_in_the_working_folder(source, dialect, path, rule, tool):
    doc, _ = agentconv.read_text(source(f"allowed-tools: {rule}"), dialect, path=path)
    assert doc.agent.tools.mode == "inherit"
    assert [(g.canonical, g.decision, g.pattern) for g in doc.agent.tools.grants] == [(tool, "allow", "*")]


@pytest.mark.parametrize("rule", ["Edit", "Bash(*)", "Bash()"])
def test_the_whole_tool_stays_whole(rule):
    doc, _ = agentconv.read_text(command(f"allowed-tools: {rule}"), "claude-command", path=CMD)
    assert [g.pattern for g in doc.agent.tools.grants] == [None]


def test_a_prefix_rule_is_read_as_before():
    doc, _ = agentconv.read_text(command("allowed-tools: Bash(git diff:*)"), "claude-command", path=CMD)
    assert [(g.canonical, g.pattern) for g in doc.agent.tools.grants] == [("bash", "git diff *")]


def test_a_deny_of_edit_star_is_the_whole_tool():
    doc, _ = agentconv.read_text(command("disallowed-tools: Edit(*)"), "claude-command", path=CMD)
    assert [(g.canonical, g.decision, g.pattern) for g in doc.agent.tools.denied()] == [("edit", "deny", None)]


def test_a_command_into_a_skill_keeps_the_working_folder():
    out = agentconv.convert_text(command("allowed-tools: Edit(*), Read(*), Write(src/**), Bash(git:*)"), "skill",
                                 from_="claude-command", path=CMD)
    # was `Edit Read ...`; Write(src/**) matches nothing in Claude Code (below)
    assert header(out.text)["allowed-tools"] == "Edit(*) Read(*) Bash(git *)"


def test_a_skill_into_a_command_keeps_the_working_folder():
    out = agentconv.convert_text(skill("allowed-tools: Edit() Write(*)"), "claude-command", from_="skill", path=SKILL)
    assert header(out.text)["allowed-tools"] == "Edit(*), Write(*)"  # was `Edit, Write`: every path


@pytest.mark.parametrize("to", ["opencode", "claude", "copilot", "kiro"])
def test_a_target_that_cannot_preapprove_drops_it_said(to):
    out = agentconv.convert_text(skill("allowed-tools: Edit(*)"), to, from_="skill", path=SKILL)
    assert "edit: allow" not in out.text and "Edit" not in out.text
    assert any(i.code.value == "field-dropped" and i.path == "tools" for i in out.report.items)


@pytest.mark.parametrize("source, dialect, path", [(command, "claude-command", CMD), (skill, "skill", SKILL)])
@pytest.mark.parametrize("rules", ["Edit(*)", "Edit()", "Read(*), Edit(*)", '["Write(*)", "Edit"]'])
def test_the_file_comes_back_byte_for_byte(source, dialect, path, rules):
    text = source(f"allowed-tools: {rules}")
    assert agentconv.convert_text(text, dialect, from_=dialect, path=path).text == text


# A Claude Code path rule of Write, NotebookEdit, MultiEdit or Glob (``allowed-tools: Write(src/**)``) matches
# nothing: Claude Code 2.1.330's file permission checks take a path only from ``Edit(path)`` rules (every file-writing
# tool) and ``Read(path)`` rules; its own rule check says "Write(src/**) is not matched by file permission checks - only
# Edit(path) rules are". agentconv read it as a pre-approval of writes in src/ (kept into a skill). Now read as nothing pre-approved, said (claude-command.toml / skill.toml ``[parser]
# file_rules``); ``Write(*)``, ``Write`` and ``Edit(src/**)`` as before. Synthetic inputs only.


@pytest.mark.parametrize("source, dialect, path", [(command, "claude-command", CMD), (skill, "skill", SKILL)])
@pytest.mark.parametrize("rule, instead", [("Write(src/**)", "Edit(src/**)"), ("NotebookEdit(*.ipynb)", "Edit(*.ipynb)"),
                                           ("MultiEdit(docs/*)", "Edit(docs/*)"), ("Glob(src/**)", "Read(src/**)")])
def test_a_path_rule_claude_code_never_matches_preapproves_nothing(source, dialect, path, rule, instead):
    doc, report = agentconv.read_text(source(f"allowed-tools: {rule}, Read"), dialect, path=path)
    assert [(g.canonical, g.pattern) for g in doc.agent.tools.grants] == [("read", None)]  # was also the scoped rule
    said = [i for i in report.items if i.code.value == "value-invalid" and rule in i.message]
    assert said and instead in said[0].message


@pytest.mark.parametrize("rule, grant", [("Write(*)", ("write", "*")), ("Write", ("write", None)),
                                         ("Edit(src/**)", ("edit", "src/**")), ("Read(docs/**)", ("read", "docs/**"))])
def test_the_rules_it_matches_are_read_as_before(rule, grant):
    doc, report = agentconv.read_text(command(f"allowed-tools: {rule}"), "claude-command", path=CMD)
    assert [(g.canonical, g.pattern) for g in doc.agent.tools.grants] == [grant]
    assert not [i for i in report.items if i.code.value == "value-invalid"]


def test_a_skill_with_it_pre_approves_no_write_in_the_skill_it_becomes():
    out = agentconv.convert_text(command("allowed-tools: Write(src/**), Edit(docs/**)"), "skill",
                                 from_="claude-command", path=CMD)
    assert header(out.text)["allowed-tools"] == "Edit(docs/**)"  # was `Write(src/**) Edit(docs/**)`


def test_a_command_with_it_comes_back_byte_for_byte():
    text = command("allowed-tools: Write(src/**), Read")
    assert agentconv.convert_text(text, "claude-command", from_="claude-command", path=CMD).text == text
