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
    (USER_ONLY_SKILL, "skill", SKILL, "codex"),  # written as asked, a Codex agent (not routed)
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


def test_a_user_only_skill_for_codex_is_a_skill_as_migrate_routes_it():
    """`convert --to codex` (``route=True``) keeps a skill a skill (routing.py, as migrate and sync): no Codex agent the
    model spawns, so no refusal; Codex reads no `disable-model-invocation`, which the route says (kind-changed, a
    warning)."""
    out = agentconv.convert_text(USER_ONLY_SKILL, "codex", from_="skill", path=SKILL, route=True)
    assert (out.target, out.routed, out.text) == ("skill", "codex", USER_ONLY_SKILL)
    said = [i for i in out.report.items if i.code.value == "kind-changed"]
    assert len(said) == 1 and said[0].severity.value == "warning" and "a skill only the user runs" in said[0].message


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


# (source dialect, its path, its text): slash commands only the user runs (their tables' [invocation] "always")
USER_RUN = [
    ("opencode-command", ".opencode/command/ship.md", "---\ndescription: Ship\n---\nShip $ARGUMENTS\n"),
    ("gemini-command", ".gemini/commands/ship.toml", 'description = "Ship"\nprompt = "Ship {{args}}"\n'),
    ("codex-prompt", ".codex/prompts/ship.md", "---\ndescription: Ship\n---\nShip $ARGUMENTS\n"),
    ("copilot-prompt", ".github/prompts/ship.prompt.md", "---\ndescription: Ship\n---\nShip it.\n"),
]


@pytest.mark.parametrize("to", ["claude-command", "skill"])
@pytest.mark.parametrize("source,path,text", USER_RUN)
def test_a_command_only_the_user_runs_stays_so_in_claude_code(source, path, text, to):
    """Claude Code lists a command (loadedFrom commands_DEPRECATED) and a skill for its model unless
    `disable-model-invocation` (2.1.330's bundle): a slash command only the user ran is written with it, said."""
    out = _run(text, source, path, to)
    assert "disable-model-invocation: true" in out.text.splitlines()
    assert [i.code.value for i in out.report.items if i.path.endswith("disable-model-invocation")] == ["value-made-up"]


USER_RUN_PATHS = {d: p for d, p, _ in USER_RUN}
MODEL_RUN_CMD = "---\ndescription: Ship\nargument-hint: <env>\n---\nShip to $ARGUMENTS.\n"
MODEL_RUN_SKILL = "---\nname: ship\ndescription: Ship\n---\nShip it now.\n"
USER_ONLY_SHIP = "---\ndescription: Ship\ndisable-model-invocation: true\n---\nShip to $ARGUMENTS.\n"
MADE = '"made":["disable-model-invocation"]'

# (first dialect, its path, its text, the user-only dialect it goes through, what the way out's side channel says)
THROUGH = [
    *[("claude-command", CMD, MODEL_RUN_CMD, via, MADE) for via in USER_RUN_PATHS],  # the model ran it: said
    *[("skill", SKILL, MODEL_RUN_SKILL, via, MADE) for via in USER_RUN_PATHS],
    *[("claude-command", CMD, USER_ONLY_SHIP, via, None) for via in USER_RUN_PATHS],  # only the user: by being one
]


@pytest.mark.parametrize("source,path,text,via,said", THROUGH)
def test_a_claude_command_through_a_user_only_command_comes_back_as_it_was(source, path, text, via, said):
    """Claude Code -> a slash command only the user runs -> Claude Code, byte for byte: one the model ran too comes
    back without `disable-model-invocation` (the side channel's made says the first file had none), one only the user
    ran comes back with it (the key written where the source runs only by the user)."""
    out = _run(text, source, path, via)
    assert (said in out.text) if said else "disable-model-invocation" not in out.text
    back = _run(out.text, via, USER_RUN_PATHS[via], source)
    # (through Gemini CLI's TOML the blank line before the prompt is its own matter: the header is compared there)
    assert back.text == text if via != "gemini-command" else back.text.split("---\n")[1] == text.split("---\n")[1]
    codes = {i.code.value for i in back.report.items if i.path.endswith("disable-model-invocation")}
    assert codes == ({"carry-invocable"} if said else {"value-made-up"})


# (first text, the user-only dialect, what the way back writes): where nothing can ride (a command without a header,
# written without one; the file edited since), the narrower choice: the key, said
NOTHING_RIDES = [
    ("Ship to $ARGUMENTS.\n", "opencode-command", None,
     "---\ndisable-model-invocation: true\n---\n\nShip to $ARGUMENTS.\n"),
    ("Ship to $ARGUMENTS.\n", "copilot-prompt", None,
     "---\ndisable-model-invocation: true\n---\n\nShip to $ARGUMENTS.\n"),
    (MODEL_RUN_CMD, "opencode-command", ("Ship to", "Ship it to"),  # (its argument-hint rides back: the file has none)
     "---\ndescription: Ship\nargument-hint: <env>\ndisable-model-invocation: true\n---\nShip it to $ARGUMENTS.\n"),
]


@pytest.mark.parametrize("text,via,edit,back", NOTHING_RIDES)
def test_where_nothing_says_the_model_ran_it_the_way_back_says_only_the_user_does(text, via, edit, back):
    out = _run(text, "claude-command", CMD, via)
    written = out.text.replace(*edit) if edit else out.text
    again = _run(written, via, USER_RUN_PATHS[via], "claude-command")
    assert again.text == back
    assert [i.code.value for i in again.report.items if i.path.endswith("disable-model-invocation")] == ["value-made-up"]


def test_a_skill_through_codex_comes_back_with_its_dollar_unescaped():
    """A skill's literal `$ARGUMENTS` is written `$$ARGUMENTS` in a Codex prompt (Codex would expand it); the way back
    into the skill, while the file is as that write left it, gives the skill's own text back (was `$$ARGUMENTS`)."""
    text = "---\nname: ship\ndescription: Ship\nlicense: MIT\n---\nShip $ARGUMENTS now.\n"
    out = _run(text, "skill", SKILL, "codex-prompt")
    assert "Ship $$ARGUMENTS now." in out.text
    assert _run(out.text, "codex-prompt", USER_RUN_PATHS["codex-prompt"], "skill").text == text


def test_the_side_channel_that_lets_the_model_run_a_command_is_a_warning_and_off_with_no_carry():
    """The one place a side channel gives back who may run a record: said as a warning (anyone can write the comment),
    and `--no-carry` writes the key."""
    out = _run(MODEL_RUN_CMD, "claude-command", CMD, "opencode-command")
    back = _run(out.text, "opencode-command", USER_RUN_PATHS["opencode-command"], "claude-command")
    said = [i for i in back.report.items if i.code.value == "carry-invocable"]
    assert back.text == MODEL_RUN_CMD and [i.severity.value for i in said] == ["warning"]
    off = agentconv.convert_text(out.text, "claude-command", from_="opencode-command",
                                 path=USER_RUN_PATHS["opencode-command"], policy=agentconv.Policy(placed=True, carry=False))
    assert "disable-model-invocation: true\n" in off.text
