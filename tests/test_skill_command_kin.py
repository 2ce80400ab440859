"""Claude Code's commands and skills: one loader, one key set (claude-command.toml [kin], skill.toml [kin]), and who
runs a record never widened ([invocation]; base.Dialect._invoked_by). Literal tables over synthetic files."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError

CMD = ".claude/commands/deploy.md"
SKILL = ".claude/skills/deploy/SKILL.md"

USER_ONLY_CMD = ('---\ndescription: Deploy\ndisable-model-invocation: true\nwhen_to_use: on deploy\n'
                 'argument-hint: "[env]"\nshell: bash\n---\nDeploy to $ARGUMENTS, $0 first.\n')
USER_ONLY_SKILL = ('---\nname: deploy\ndescription: Deploy\ndisable-model-invocation: true\nwhen_to_use: on deploy\n'
                   'argument-hint: "[env]"\neffort: high\n---\nDeploy to $ARGUMENTS, $0 first.\n')
MODEL_ONLY_SKILL = "---\nname: deploy\ndescription: Deploy\nuser-invocable: false\n---\nKnow the deploy rules.\n"
FORKED_CMD = "---\ndescription: Look\ncontext: fork\nagent: Explore\n---\nLook around.\n"


def _run(text: str, source: str, path: str, to: str):
    return agentconv.convert_text(text, to, from_=source, path=path, policy=agentconv.Policy(placed=True))


# (source text, source dialect, its path, target, lines the output holds)
CARRIED = [
    (USER_ONLY_CMD, "claude-command", CMD, "skill",
     ["disable-model-invocation: true", "when_to_use: on deploy", 'argument-hint: "[env]"', "shell: bash",
      "Deploy to $ARGUMENTS, $0 first."]),
    (USER_ONLY_SKILL, "skill", SKILL, "claude-command",
     ["disable-model-invocation: true", "when_to_use: on deploy", 'argument-hint: "[env]"', "effort: high",
      "Deploy to $ARGUMENTS, $0 first."]),
    (FORKED_CMD, "claude-command", CMD, "skill", ["context: fork", "agent: Explore"]),
    (USER_ONLY_SKILL, "skill", SKILL, "copilot", ["disable-model-invocation: true"]),
    (USER_ONLY_SKILL, "skill", SKILL, "opencode", ["mode: primary"]),
    (USER_ONLY_CMD, "claude-command", CMD, "copilot", ["disable-model-invocation: true"]),
    (MODEL_ONLY_SKILL, "skill", SKILL, "copilot", ["user-invocable: false"]),
    (MODEL_ONLY_SKILL, "skill", SKILL, "opencode", ["mode: subagent"]),
    (USER_ONLY_SKILL, "skill", SKILL, "claude-command", ["argument-hint", "effort: high"]),
]


@pytest.mark.parametrize("text,source,path,to,lines", CARRIED)
def test_a_claude_code_key_is_written_as_the_same_key_or_what_says_it(text, source, path, to, lines):
    out = _run(text, source, path, to)
    for line in lines:
        assert line in out.text.splitlines() or line in out.text, (line, out.text)
    dropped = [i.path for i in out.report.items if i.code.value == "extension-dropped"
               and i.path.rsplit(".", 1)[-1] in ("disable-model-invocation", "user-invocable")
               or to in ("skill", "claude-command") and i.code.value == "extension-dropped"]
    assert dropped == []


# (source text, source dialect, its path, target): only the user (or only the model) runs it there, nothing says so
REFUSED = [
    (USER_ONLY_SKILL, "skill", SKILL, "claude"),
    (USER_ONLY_SKILL, "skill", SKILL, "codex"),
    (USER_ONLY_SKILL, "skill", SKILL, "cursor"),
    (USER_ONLY_CMD, "claude-command", CMD, "claude"),
    (USER_ONLY_CMD, "claude-command", CMD, "gemini"),
    # each value as Claude Code's boolean reader takes it: "1", "yes", "on" are true
    (USER_ONLY_SKILL.replace("invocation: true", "invocation: 1"), "skill", SKILL, "claude"),
    (USER_ONLY_SKILL.replace("invocation: true", 'invocation: " On"'), "skill", SKILL, "gemini"),
]

# only the model runs it (`user-invocable: false`, or a word Claude Code does not read as true): that hides it from
# the / menu, no access setting (the user may run what the model may): written where nothing says so, it is dropped
# and said, never refused
MODEL_ONLY = [
    (MODEL_ONLY_SKILL, "opencode-command", "field-carried"),
    (MODEL_ONLY_SKILL, "copilot-prompt", "field-carried"),
    (MODEL_ONLY_SKILL.replace("invocable: false", "invocable: maybe"), "gemini-command", "extension-dropped"),
    (MODEL_ONLY_SKILL.replace("invocable: false", "invocable: 0"), "codex-prompt", "extension-dropped"),  # no bool
    (MODEL_ONLY_SKILL, "claude", "value-respelled"),  # every Claude Code subagent is one the model delegates to
]


@pytest.mark.parametrize("text,to,said", MODEL_ONLY)
def test_a_model_only_record_is_said_where_nothing_says_so_never_refused(text, to, said):
    out = _run(text, "skill", SKILL, to)
    assert [i.code.value for i in out.report.items if i.path.endswith("user-invocable")] == [said]
    assert not [i for i in out.report.items if i.code.value == "tool-broadened"]


@pytest.mark.parametrize("text,line", [
    (USER_ONLY_SKILL.replace("invocation: true", "invocation: maybe"), "disable-model-invocation: maybe"),
    (MODEL_ONLY_SKILL.replace("invocable: false", "invocable: 'Yes'"), "user-invocable: true")])
def test_a_value_claude_code_reads_otherwise_is_no_restriction(text, line):
    """No restriction where Claude Code reads none (`disable-model-invocation: maybe` is false there): written into an
    agent; into a Claude Code command, the same key as written."""
    assert _run(text, "skill", SKILL, "claude").text.startswith("---\nname: deploy\n")
    assert line in _run(text, "skill", SKILL, "claude-command").text.splitlines()


@pytest.mark.parametrize("text,source,path,to", REFUSED)
def test_who_runs_it_is_never_widened(text, source, path, to):
    with pytest.raises(BroadenError, match="runs it"):
        _run(text, source, path, to)
    out = agentconv.convert_text(text, to, from_=source, path=path, policy=agentconv.Policy(allow_broaden=True))
    assert [i.severity.value for i in out.report.items if "runs it" in i.message] == ["warning"]


# A slash command of these tools is run by the user alone: `disable-model-invocation: true` is what it is there
@pytest.mark.parametrize("to", ["opencode-command", "gemini-command", "codex-prompt", "copilot-prompt"])
def test_a_user_only_record_is_any_slash_command_of_a_tool_whose_model_runs_none(to):
    out = _run(USER_ONLY_SKILL, "skill", SKILL, to)
    assert not [i for i in out.report.items if i.path.endswith("disable-model-invocation")]


@pytest.mark.parametrize("text,source,path", [(USER_ONLY_CMD, "claude-command", CMD), (USER_ONLY_SKILL, "skill", SKILL),
                                              (FORKED_CMD, "claude-command", CMD)])
def test_same_dialect_and_there_and_back(text, source, path):
    assert _run(text, source, path, source).text == text
    other = "skill" if source == "claude-command" else "claude-command"
    out = _run(text, source, path, other)
    assert _run(out.text, other, out.path, source).text == text
