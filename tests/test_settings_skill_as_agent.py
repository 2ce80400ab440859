"""A Claude Code skill or command written as another tool's AGENT keeps its project settings' deny and ask rules.

Vendor facts (@anthropic-ai/claude-code 2.1.330, the bundle in the native binary, npm 2026-11-20, read 2026-11-28; the
permission matcher re-read 2026-11-29 in /tmp/clients/claude/.../claude-code-linux-x64/claude): a skill or a command
runs in the session's own permission context, its ``allowed-tools`` added as allow rules of source ``command``, and
every call is checked against the settings' ``alwaysDenyRules`` and ``alwaysAskRules`` first (deny > ask > allow). So
in the source project ``Read(./.env)`` is never read and ``git push`` always asks, whatever skill or command runs.

Written as its own kind (a skill, a command), the target runs it in its own session, under that tool's settings:
nothing is added. Written as an agent of another tool (a Copilot or Gemini CLI agent, an OpenCode agent, a Roo mode),
it ran with every tool and no rule beneath: ``.env`` readable, ``rm -rf`` allowed, ``git push`` unasked, nothing said
(found by /var/tmp/unseen24b-tools/projects.py on real projects: every skill of a project with a deny list).
"""
from __future__ import annotations

import json

import pytest

from agentconv import api, migration
from agentconv.errors import BroadenError
from agentconv.loss import Policy

SETTINGS = {"permissions": {"deny": ["Read(./.env)", "Bash(rm:*)", "WebFetch"], "ask": ["Bash(git push:*)"]}}
SKILL = "---\nname: ship\ndescription: Ships it\n---\nShip.\n"
COMMAND = "---\ndescription: Commit it\n---\nCommit.\n"


def _project(root, settings=SETTINGS):
    (root / ".git").mkdir()
    claude = root / ".claude"
    (claude / "skills" / "ship").mkdir(parents=True)
    (claude / "commands").mkdir()
    (claude / "settings.json").write_text(json.dumps(settings))
    (claude / "skills" / "ship" / "SKILL.md").write_text(SKILL)
    (claude / "commands" / "commit.md").write_text(COMMAND)
    return claude / "skills" / "ship" / "SKILL.md", claude / "commands" / "commit.md"


def test_a_skill_written_as_an_opencode_agent_keeps_the_settings_deny_and_ask_rules(tmp_path):
    skill, _ = _project(tmp_path)
    result = api.convert(skill, "opencode")
    header = result.text.split("---")[1]
    assert "\n  webfetch: deny\n" in header
    assert "\n    rm *: deny\n" in header and "\n    git push *: ask\n" in header
    assert "\n    .env: deny\n" in header
    said = [i.message for i in result.report.items if i.code.value == "value-read-as"]
    assert any("permissions.deny and permissions.ask of" in m and "rules beneath this skill's tools, written as an "
               "agent" in m for m in said), said


@pytest.mark.parametrize("target", ["copilot", "gemini", "kiro"])
def test_a_skill_or_command_as_an_agent_where_the_deny_cannot_be_written_leaves_the_tools_out(tmp_path, target):
    """These agents cannot deny ``Bash(rm:*)`` or ``Read(./.env)``: written with every tool, they could do both (it was
    refused). They hold no deny at all, so the shell and the read tool are left out of the list, said (kiro30)."""
    skill, command = _project(tmp_path)
    for source in (skill, command):
        result = api.convert(source, target)
        narrowed = [i.message for i in result.report.items if i.code.value == "tool-narrowed" and "left out" in i.message]
        assert narrowed and "(rm *)" in narrowed[0] and "(./.env)" in narrowed[0], narrowed
        assert not any(i.code.value == "tool-broadened" for i in result.report.items)


def test_own_kind_and_claude_agents_are_left_as_they_were(tmp_path):
    """A skill stays a skill, a command a command (the target session's own settings govern them); a Claude Code
    agent sits under the same settings again, so nothing is added to it either."""
    skill, command = _project(tmp_path)
    assert api.convert(skill, "skill").text == SKILL
    assert api.convert(command, "claude-command").text == COMMAND
    assert "permission" not in api.convert(command, "opencode-command").text
    as_claude = api.convert(skill, "claude").text
    assert "disallowedTools" not in as_claude and "tools" not in as_claude


def test_no_settings_no_change(tmp_path):
    skill, _ = _project(tmp_path, settings={"permissions": {"allow": ["Bash(npm:*)"]}})
    assert "permission" not in api.convert(skill, "opencode").text


def test_migrate_to_a_file_of_many_records_reads_them_too(tmp_path):
    """Roo keeps every mode in one .roomodes file, merged from the records' JSON (which keeps no settings): the skill
    and the command were written as modes of every group, command included; the groups the settings deny a scope of are
    left out now, narrower (they were refused)."""
    _project(tmp_path)
    out = migration.migrate(tmp_path, ["roo"], out=tmp_path / "out", jobs=1)
    by_source = {r.source: r for r in out.records}
    for source in (".claude/skills/ship/SKILL.md", ".claude/commands/commit.md"):  # Roo holds no deny: its command
        assert by_source[source].status == "converted", by_source[source]  # and read groups left out (kiro30)
    allowed = migration.migrate(tmp_path, ["roo"], out=tmp_path / "out2", jobs=1, policy=Policy(allow_broaden=True))
    assert {r.status for r in allowed.records} == {"converted"}


OPENCODE = ('---\ndescription: Ships\nmode: subagent\npermission:\n  bash:\n    "*": allow\n    "rm *": deny\n'
            '    "git push *": ask\n---\nShip.\n')


@pytest.mark.parametrize("target", ["claude", "copilot", "gemini"])
def test_an_ask_beside_a_denied_scope_of_the_same_tool_is_said(tmp_path, target):
    """A deny list with a denied scope of a tool (``rm *``) and an ask of another scope of it (``git push *``), where
    the target has no per-tool ask: the ask was taken for moot (as if the whole tool were denied) and went unsaid, so
    ``git push`` ran as the target runs any command (a Claude Code agent: unasked where the session allows Bash)."""
    source = tmp_path / ".opencode" / "agent" / "ship.md"
    source.parent.mkdir(parents=True)
    source.write_text(OPENCODE)
    result = api.convert(source, target, policy=Policy(allow_broaden=True))
    said = [i.message for i in result.report.items if i.code.value == "field-dropped"]
    if target == "claude":  # a subagent's disallowedTools entry takes the whole tool: no Bash left to ask about
        assert "disallowedTools: Bash\n" in result.text and not any("git push" in m for m in said), said
        assert any(i.code.value == "tool-narrowed" and i.message.startswith("Bash(rm *) denied as the whole Bash")
                   for i in result.report.items)
        return
    if target in ("copilot", "gemini"):  # no deny at all: the shell left out (kiro30), no shell left to ask about
        assert not any("git push" in m for m in said), said
        assert any(i.code.value == "tool-narrowed" and "(rm *) denied as the whole" in i.message and "left out" in
                   i.message for i in result.report.items)
        return
    assert any(m.startswith("the ask before each call of bash(git push *) not kept") for m in said), said


SHELL_COMMAND = "---\ndescription: Status\n---\nThe status: !`git status --short`\nThen $ARGUMENTS.\n"


@pytest.mark.parametrize("value,runs", [(True, False), (False, True), ("true", True)])
def test_a_command_whose_project_disables_skill_shell_execution_runs_no_shell_elsewhere(tmp_path, value, runs):
    """Claude Code 2.1.330: ``disableSkillShellExecution: true`` (a project's settings too: the check reads the merged
    settings) puts "[shell command execution disabled by policy]" where a skill's or command's ``!`cmd``` stood, so
    the command never runs there. It was read as a shell placeholder all the same and written as Gemini CLI's
    ``!{git status --short}``, which Gemini CLI runs. Only the boolean true switches it on."""
    (tmp_path / ".git").mkdir()
    claude = tmp_path / ".claude"
    (claude / "commands").mkdir(parents=True)
    (claude / "settings.json").write_text(json.dumps({"disableSkillShellExecution": value}))
    (claude / "commands" / "status.md").write_text(SHELL_COMMAND)
    result = api.convert(claude / "commands" / "status.md", "gemini-command")
    assert ("!{git status --short}" in result.text) is runs
    assert ("!`git status --short`" in result.text) is not runs
    assert "{{args}}" in result.text  # the other placeholders stay placeholders
    said = [i.message for i in result.report.items if i.code.value == "value-read-as" and i.path == "prompt"]
    assert bool(said) is not runs
    assert api.convert(claude / "commands" / "status.md", "claude-command").text == SHELL_COMMAND


def test_a_local_settings_file_turns_it_off_again(tmp_path):
    """Claude Code merges the files, a later source's value over an earlier one's: settings.local.json's false wins."""
    (tmp_path / ".git").mkdir()
    claude = tmp_path / ".claude"
    (claude / "commands").mkdir(parents=True)
    (claude / "settings.json").write_text('{"disableSkillShellExecution": true}')
    (claude / "settings.local.json").write_text('{"disableSkillShellExecution": false}')
    (claude / "commands" / "status.md").write_text(SHELL_COMMAND)
    assert "!{git status --short}" in api.convert(claude / "commands" / "status.md", "gemini-command").text


def test_an_ask_of_a_line_at_any_depth_asks_at_any_depth_in_opencode(tmp_path):
    """Claude Code reads ``Edit(**/package-lock.json)`` (and ``Edit(yarn.lock)``, a line without '/') as a .gitignore
    line: every such file at any depth asks. Written for OpenCode as ``package-lock.json: ask`` alone (OpenCode matches
    the whole path relative to the worktree), a nested one fell to ``"*": allow`` and was edited unasked, and the
    report called it narrower. An ask is now written where a deny is: ``*/x`` and ``x/*`` too."""
    (tmp_path / ".git").mkdir()
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".claude" / "settings.json").write_text(
        '{"permissions": {"ask": ["Edit(**/package-lock.json)", "Edit(yarn.lock)"]}}')
    (agents / "a.md").write_text("---\nname: a\ndescription: d\n---\nBody.\n")
    result = api.convert(agents / "a.md", "opencode")
    edit = result.text.split("  edit:\n")[1].split("\n#")[0].split("\n---")[0]
    for line in ('"*/package-lock.json": ask', "package-lock.json: ask", '"*/yarn.lock": ask', "yarn.lock/*: ask"):
        assert f"    {line}\n" in edit + "\n", edit
    assert not [i for i in result.report.items if i.code.value == "tool-narrowed"]


def _agent_under(root, settings, tools="Read, Grep, Bash"):
    (root / ".git").mkdir()
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    (root / ".claude" / "settings.json").write_text(json.dumps(settings))
    (agents / "audit.md").write_text(f"---\nname: audit\ndescription: Audits\ntools: {tools}\n---\nAudit.\n")
    return agents / "audit.md"


def test_codex_refuses_an_allowlist_whose_settings_deny_a_scope_of_a_tool_it_grants(tmp_path):
    """``tools: Read, Grep, Bash`` under settings denying ``Read(.env)`` and ``Bash(rm -rf:*)``: Codex has no tool list,
    only a sandbox mode, which cannot deny one file or one command. It was written ``sandbox_mode = "workspace-write"``
    with nothing said (every other target refused it), so the role could read .env and run rm -rf."""
    agent = _agent_under(tmp_path, {"permissions": {"deny": ["Read(.env)", "Bash(rm -rf:*)"]}})
    with pytest.raises(BroadenError, match=r"codex cannot deny Bash\(rm -rf:\*\), Read\(\.env\) within the tools"):
        api.convert(agent, "codex")


def test_codex_says_an_ask_beside_its_whole_tool_and_does_not_refuse_it(tmp_path):
    """``tools: Read, Bash`` under settings asking ``Bash(git push:*)``: the role has the whole shell either way, only
    the ask is lost (said, as for every target without a per-tool ask). It was refused as a scope Codex cannot write
    ("codex cannot scope Bash(git push:*)"): a false refusal, as the ask narrows nothing the sandbox could keep."""
    agent = _agent_under(tmp_path, {"permissions": {"ask": ["Bash(git push:*)"]}}, tools="Read, Bash")
    result = api.convert(agent, "codex", policy=api.Policy(allow_broaden=True))  # (a role holds every MCP server)
    assert 'sandbox_mode = "workspace-write"' in result.text
    said = [i.message for i in result.report.items if i.code.value == "field-dropped"]
    assert any(m.startswith("the ask before each call of Bash(git push:*) not kept: codex") for m in said), said
