"""What a Claude Code project's settings ask about, beneath its agents, skills and commands: never widened.

Vendor facts (@anthropic-ai/claude-code 2.1.330, the bundle in the native binary, npm 2026-11-20, read 2026-11-28):

- A subagent runs with its session's permission context: the function that builds it (beside ``runAgent``) starts
  from the parent's ``toolPermissionContext`` and changes only its mode, whether it may prompt, its allow rules (when
  the agent is given ``allowedTools``) and its deny rules (its own ``disallowedTools``, added as ``session`` rules), so
  ``alwaysAskRules``, loaded from ``.claude/settings.json`` and ``settings.local.json``, hold for its calls.
- A call checks deny rules, then ask rules (a whole tool's before the tool's own check, a scoped one's after it), then
  the mode and the allow rules: an ask rule asks whatever allows the call, in bypassPermissions too (in ``dontAsk``
  mode, or where no prompt can be shown, the ask is a deny: narrower still).
- ``permissions.defaultMode`` is the mode the session starts in; the user changes it as the session runs and an
  agent's own ``permissionMode`` replaces it only where the session is in ``default`` or ``dontAsk`` mode: no fact of
  one agent, still named in the report.
- A skill's or a command's ``allowed-tools`` are added as allow rules of source ``command`` to the session's own
  context (``alwaysAllowRules.command``): the settings' deny and ask rules are checked first.

Targets: OpenCode has a per-tool and per-pattern ``ask`` (its last matching rule wins); Claude Code, Copilot, Gemini
CLI and Kiro agents have none, so an ask is said (field-dropped), never silently made an allow.
A Bash ask or deny of several words also gets its every-spacing variant there (``git?*push*``: Claude Code folds
blanks, OpenCode does not; test_opencode_bash_blanks).
"""
from __future__ import annotations

import pytest

from agentconv import api

from test_project_settings import _claude_project

SCOPED = "---\nname: scoped\ndescription: Git only\ntools: Read, Bash(git *), mcp__gh__create_issue\n---\nGit.\n"
BOTH = "---\nname: both\ndescription: Shell\ntools: Read, Bash, Bash(git status *)\n---\nShell.\n"


def _project(root, settings, local=None):
    """The project of ``test_project_settings`` (agents all, listed, own) with one listing tools in scopes."""
    agents, files = _claude_project(root, settings, local)
    (agents / "scoped.md").write_text(SCOPED)
    (agents / "both.md").write_text(BOTH)
    return agents, {**files, "scoped": SCOPED, "both": BOTH}


def _permission(text: str) -> list[str]:
    """The lines of an OpenCode file's permission map."""
    head = text.split("\n---\n")[0].split("\n")
    start = head.index("permission:")
    return [line for line in head[start + 1:] if line.startswith("  ")]


# an ask of `git push:*` where `"*": allow` holds every spelling Claude Code asks about (test_opencode_bash_prefixes)
ASKED = ['    "* git?*push*": ask', '    "*/git?*push*": ask', '    "*\\\\git?*push*": ask', '    "*\\tgit?*push*": ask',
         "    git?*push*: ask"]
# (settings.json, settings.local.json, agent, the OpenCode permission map written)
ROWS = {
    "a whole tool asked, agent of every tool": (
        '{"permissions": {"ask": ["WebFetch"]}}', None, "all", ["  webfetch: ask"]),
    "a whole tool asked, agent listing it": (
        '{"permissions": {"ask": ["WebFetch"]}}', None, "listed",
        ['  "*": deny', "  read: allow", "  grep: allow", "  webfetch: ask", "  bash: allow"]),
    "a scope asked, agent of every tool: the rest of the tool stays allowed": (
        '{"permissions": {"ask": ["Bash(git push:*)"]}}', None, "all",
        ["  bash:", '    "*": allow', "    git push *: ask", *ASKED]),
    "a scope asked, agent listing the tool whole": (
        '{"permissions": {"ask": ["Bash(git push:*)"]}}', None, "listed",
        ['  "*": deny', "  read: allow", "  grep: allow", "  webfetch: allow", "  bash:", '    "*": allow',
         "    git push *: ask", *ASKED]),
    "a tool the agent does not list: nothing to ask": (
        '{"permissions": {"ask": ["Edit", "Write", "Grep"]}}', None, "listed",
        ['  "*": deny', "  read: allow", "  grep: ask", "  webfetch: allow", "  bash: allow"]),
    "a tool the agent denies itself: the deny stands": (
        '{"permissions": {"ask": ["Edit", "WebSearch"]}}', None, "own",
        ["  websearch: ask", "  edit: deny", "  write: deny"]),
    "a tool the settings deny and ask: the deny wins": (
        '{"permissions": {"ask": ["Bash", "Glob"], "deny": ["Bash"]}}', None, "all", ["  glob: ask", "  bash: deny"]),
    "a deny of a scope inside an asked one stays after it (the last matching rule wins there)": (
        '{"permissions": {"ask": ["Bash(rm:*)"]}}', '{"permissions": {"deny": ["Bash(rm -rf:*)"]}}', "all",
        ["  bash:", '    "*": allow', "    rm *: ask", '    "* rm*": ask', '    "*/rm*": ask', '    "*\\\\rm*": ask',
         '    "*\\trm*": ask', '    "rm\\t*": ask', "    rm -rf *: deny", '    "* rm?*-rf*": deny', '    "*/rm?*-rf*": deny',
         '    "*\\\\rm?*-rf*": deny', '    "*\\trm?*-rf*": deny', "    rm?*-rf*: deny"]),
    "the files' ask rules add up; an MCP server asked": (
        '{"permissions": {"ask": ["WebFetch"]}}', '{"permissions": {"ask": ["mcp__gh"]}}', "all",
        ["  webfetch: ask", "  gh_*: ask"]),
    "a tool listed in scopes: an ask inside one is added, one apart takes nothing, an MCP tool of a server asked": (
        '{"permissions": {"ask": ["Bash(git push:*)", "Bash(rm:*)", "mcp__gh"]}}', None, "scoped",
        ['  "*": deny', "  read: allow", "  bash:", '    "*": deny', "    git *: allow", "    git push *: ask",
         "    git *push *: ask", "  gh_create_issue: ask"]),  # `git?*push*` would ask about `gitk push` too
    # Claude Code checks a whole tool's ask rule before any allow: `git status *: allow` after `"*": ask` ran unasked
    "a whole tool asked, agent listing it whole and in a scope: the scope asks too": (
        '{"permissions": {"ask": ["Bash"]}}', None, "both", ['  "*": deny', "  read: allow", "  bash: ask"]),
    "an ask holding the agent's scope: that scope asks": (
        '{"permissions": {"ask": ["Bash(git:*)"]}}', None, "scoped",
        ['  "*": deny', "  read: allow", "  bash:", '    "*": deny', "    git *: ask",
         "  gh_create_issue: allow"]),
}


@pytest.mark.parametrize("row", list(ROWS))
def test_settings_ask_rules_are_read_beneath_each_agent(tmp_path, row):
    """Each row: the OpenCode file written for the agent beneath the settings (OpenCode keeps an ask per tool and per
    command pattern). The ask rules were named in the report, not read: every one of these was written as an allow,
    the call running unasked where Claude Code asks first. A Claude Code target gets the file back byte for byte."""
    settings, local, agent, expected = ROWS[row]
    agents, files = _project(tmp_path, settings, local)
    out = api.convert(agents / f"{agent}.md", "opencode")
    assert _permission(out.text) == expected
    assert api.convert(agents / f"{agent}.md", "claude").text == files[agent]


def test_the_report_names_the_ask_rules_read_and_the_default_mode_not_read(tmp_path):
    """The ask rules read are said with the files that gave them; defaultMode (the session's starting mode, no fact of
    one agent) is still named as not read, once."""
    agents, _ = _project(tmp_path, '{"permissions": {"ask": ["WebFetch"], "defaultMode": "acceptEdits"}}')
    out = api.convert(agents / "all.md", "opencode")
    said = [i.message for i in out.report.items if i.code.value == "value-read-as"]
    assert said == [f"permissions.ask of {agents.parent / 'settings.json'} (not read: its permissions.defaultMode) read "
                    "as asks beneath this agent's own tools, as Claude Code asks before every call its settings' ask "
                    "rules match, a subagent's too, whatever allows it"]
    doc, _ = api.read(agents / "all.md")
    assert [(g.raw, g.decision, g.pattern) for g in doc.records[0].tools.grants] == [("WebFetch", "ask", None)]


# (target, agent, settings, what the report must say of the ask; the target has no per-tool ask)
NO_ASK = {
    "claude from opencode: a scope that asks": (
        "claude", "opencode", "---\ndescription: d\npermission:\n  bash:\n    \"*\": allow\n    \"git push *\": ask\n"
        "---\nx\n", "bash(git push *)"),
    "gemini from claude settings: a whole tool asked": (
        "gemini", "claude", '{"permissions": {"ask": ["WebFetch"]}}', "WebFetch"),
    # Kiro asks of every shell call its allowedTools do not trust (a scope asked is kept there); it reads unasked
    "kiro from claude settings: read asked": (
        "kiro", "claude", '{"permissions": {"ask": ["Read"]}}', "Read"),
    "copilot from claude settings: a scope asked": (
        "copilot", "claude", '{"permissions": {"ask": ["Bash(git push:*)"]}}', "Bash(git push:*)"),
}


@pytest.mark.parametrize("row", list(NO_ASK))
def test_an_ask_a_target_cannot_keep_is_said(tmp_path, row):
    """A target without a per-tool ask writes the tool as available: the ask is said (field-dropped, a warning),
    never silently an allow. A scope that asks of a tool allowed whole (OpenCode ``bash: {"*": allow, "git push *":
    ask}``) was dropped without a word."""
    target, source, text, said = NO_ASK[row]
    if source == "opencode":
        path = tmp_path / ".opencode" / "agent" / "a.md"
        path.parent.mkdir(parents=True)
        path.write_text(text)
    else:
        path = _project(tmp_path, text)[0] / "listed.md"
    out = api.convert(path, target)
    dropped = [i.message for i in out.report.items if i.code.value == "field-dropped" and i.path == "tools"]
    assert len(dropped) == 1 and f"the ask before each call of {said} " in dropped[0]


SKILL = "---\nname: ship\ndescription: Ships it\nallowed-tools: Bash(git add:*) Bash(git push:*) Read WebFetch\n---\nShip.\n"
COMMAND = "---\ndescription: Commit\nallowed-tools: Bash(git status:*), Bash(git push:*), Edit, Grep\n---\nCommit.\n"


@pytest.mark.parametrize("settings,local,skill,command", [
    ('{"permissions": {"ask": ["Bash(git push:*)", "Bash(npm:*)", "mcp__gh"]}}',
     '{"permissions": {"deny": ["WebFetch", "Edit"]}}', "Bash(git add *), Read", "Bash(git status *) Grep"),
    ('{"permissions": {"deny": ["Read(./.env)", "Bash(git:*)"]}}', None, "WebFetch", "Edit Grep"),
])
def test_a_skill_or_command_pre_approves_nothing_its_settings_deny_or_ask(tmp_path, settings, local, skill, command):
    """A skill's or a command's allowed-tools are allow rules in the session's own permission context, checked after
    its settings' deny and ask rules: a pre-approval they meet pre-approves nothing in Claude Code. They were read as
    pre-approvals all the same: written as a skill or a Claude Code command elsewhere, `git push` (or a denied fetch)
    ran unasked. A rule apart (``Bash(npm:*)``) takes nothing; written back to Claude Code, both files come back as
    they were."""
    (tmp_path / ".git").mkdir()
    claude = tmp_path / ".claude"
    (claude / "skills" / "ship").mkdir(parents=True)
    (claude / "commands").mkdir()
    (claude / "settings.json").write_text(settings)
    if local is not None:
        (claude / "settings.local.json").write_text(local)
    (claude / "skills" / "ship" / "SKILL.md").write_text(SKILL)
    (claude / "commands" / "commit.md").write_text(COMMAND)
    as_command = api.convert(claude / "skills" / "ship" / "SKILL.md", "claude-command").text
    assert as_command.split("\n")[2] == f"allowed-tools: {skill}"
    as_skill = api.convert(claude / "commands" / "commit.md", "skill").text
    assert as_skill.split("\n")[3] == f"allowed-tools: {command}"
    assert api.convert(claude / "skills" / "ship" / "SKILL.md", "skill").text == SKILL
    assert api.convert(claude / "commands" / "commit.md", "claude-command").text == COMMAND
