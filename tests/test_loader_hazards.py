"""Files as the real tools load them (the real-file exactness sweep, 2026-11-27). Command prompts: text that a source
tool leaves alone must not become a placeholder in the target, and what the target would expand or refuse is reported.
Agent names: a record named as one of the target tool's own agents is not loaded as a new agent, and is reported.

Rules, checked 2026-11-27: Gemini CLI (google-gemini/gemini-cli 5411f113, packages/cli/src/services/
prompt-processors/injectionParser.ts, shellProcessor.ts, atFileProcessor.ts) injects every balanced ``@{...}`` and
asks to run every ``!{...}``, and refuses a prompt with an ``!{``/``@{`` never closed; OpenCode (anomalyco/opencode
02ce4a33, session prompt renderCommandTemplate / expandCommandShellBlocks) runs every ``!`cmd``` without asking.
Synthetic inputs only."""
from __future__ import annotations

import agentconv

CLAUDE = ".claude/commands/x.md"


def convert(body: str, to: str):
    return agentconv.convert_text(f"---\ndescription: d\n---\n{body}\n", to=to, from_="claude-command", path=CLAUDE)


def warnings(result) -> list[str]:
    return [i.message for i in result.report if i.path == "prompt" and i.severity.value == "warning"]


def test_canonical_spellings_in_a_claude_command_stay_literal_text():
    """A git reflog and a Python f-string are text in Claude Code: OpenCode gets them as written (not `@1.day.ago`,
    not a shell block it would run without asking); Gemini, which would inject or run them, is named in a warning."""
    body = "git diff --stat @{1.day.ago}\npip install f'{pkg}@{version}'\nif (!{a: 1}.a) {}\nsee {{args}}; all: $ARGUMENTS"
    oc = convert(body, "opencode-command")
    assert oc.text.endswith("\n" + body + "\n")
    assert "!`" not in oc.text and "@1.day.ago" not in oc.text
    assert warnings(oc) == []
    gem = convert(body, "gemini-command")
    # the shell block Gemini CLI would run gets a blank after its '!' (it has no escape): text there too
    assert "git diff --stat @{1.day.ago}" in gem.text and "if (! {a: 1}.a) {}" in gem.text
    # ... and the literal {{args}}, which Gemini CLI would replace with the arguments wherever it stands
    assert "see {{ args}}; all: {{args}}" in gem.text
    assert sorted(warnings(gem)) == sorted(
        [f"{raw!r} is literal text; gemini-command expands it (it is a placeholder there)"
         for raw in ("@{1.day.ago}", "@{version}")] +
        ["'!{a: 1}' is literal text; gemini-command would run it as a shell command: written as '! {a: 1}' (a blank "
         "after its '!', as Claude Code's own importer writes a shell marker it must not run), which it reads as text",
         "'{{args}}' is literal text; gemini-command would put the arguments there (it has no escape): written as "
         "'{{ args}}', which it reads as text"])


def test_a_real_placeholder_beside_its_literal_twin_is_still_rewritten():
    gem = convert("run !`git log` but keep !{git log} as an example", "gemini-command")
    assert "run !{git log} but keep ! {git log} as an example" in gem.text  # the literal one runs nothing there
    assert any(w.startswith("'!{git log}' is literal text; gemini-command would run it as a shell command: written "
                            "as '! {git log}'") for w in warnings(gem))
    back = agentconv.convert_text(gem.text, to="claude-command", from_="gemini-command", path=gem.path)
    assert "run !`git log` but keep ! {git log} as an example" in back.text  # Gemini runs the first only


def test_a_placeholder_a_dialect_cannot_spell_still_comes_home():
    """Codex prompts have no shell spelling: agentconv writes it neutrally there, and it comes back as a placeholder."""
    codex = convert("status: !`git status`", "codex-prompt")
    assert "status: !{git status}" in codex.text
    back = agentconv.convert_text(codex.text, to="claude-command", from_="codex-prompt", path=".codex/prompts/x.md")
    assert "status: !`git status`" in back.text


def test_at_or_bang_before_an_argument_is_text_before_the_argument():
    """Claude `@$1` is a literal '@' and the 2nd argument, never a file named '{arg:2}'."""
    oc = convert("mention @$1 and !$ARGUMENTS", "opencode-command")
    assert oc.text.endswith("mention @$2 and !$ARGUMENTS\n") and warnings(oc) == []
    gem = convert("mention @$1 and !$ARGUMENTS", "gemini-command")
    assert "mention @{{arg:2}} and !{{args}}" in gem.text
    assert "'@{{arg:2}}' is literal text; gemini-command expands it (it is a placeholder there)" in warnings(gem)
    assert "'!{{args}}' is literal text; gemini-command expands it (it is a placeholder there)" in warnings(gem)


def test_an_opening_brace_never_closed_is_reported_for_gemini_only():
    body = "in JS, `if (!{` starts an object test"
    gem = convert(body, "gemini-command")
    assert body in gem.text
    assert warnings(gem) == ["'!{` starts an object tes' is an opening brace never closed; gemini-command refuses to run "
                             "the command at all (it has no escape for it)"]
    assert warnings(convert(body, "opencode-command")) == []


def test_same_dialect_still_keeps_the_prompt_as_written():
    text = "---\ndescription: d\n---\ngit diff @{1.day.ago} and @$1\n"
    out = agentconv.convert_text(text, to="claude-command", from_="claude-command", path=CLAUDE)
    assert out.text == text



def test_a_built_in_agent_name_is_reported_where_the_tool_would_not_load_it_as_a_new_agent():
    """Gemini CLI ignores a file agent named as a built-in (registry.ts registerAgent); OpenCode merges it into its
    native agent (agent.ts Agent.state; opencode 1.18.33 `debug agent plan` shows native: true)."""
    def conflicts(name, to):
        out = agentconv.convert_text(f"---\nname: {name}\ndescription: d\ntools: Read\n---\nBody\n", to=to,
                                     from_="claude", path=f".claude/agents/{name}.md")
        return [i.message for i in out.report if i.code.value == "name-conflict" and i.severity.value == "warning"]

    assert conflicts("generalist", "gemini") == ["name 'generalist' is a built-in gemini agent's: Gemini CLI keeps its "
                                                 "own agent and ignores this file (a duplicate name)"]
    assert conflicts("plan", "opencode") == ["name 'plan' is a built-in opencode agent's: OpenCode merges it into its "
                                             "own agent (whose permission rules stay beneath this file's, and whose "
                                             "mode stays unless the file sets one)"]
    assert conflicts("plan", "gemini") == [] and conflicts("generalist", "opencode") == []
    assert conflicts("planner", "opencode") == []
    same = "---\nname: generalist\ndescription: d\n---\nBody\n"  # its own dialect: kept, not re-judged
    out = agentconv.convert_text(same, to="gemini", from_="gemini", path=".gemini/agents/generalist.md")
    assert out.text == same and not [i for i in out.report if i.code.value == "name-conflict"]


def test_validate_names_a_built_in_agent_name():
    from agentconv.validate import validate_text

    def rules(text, dialect, path):
        return [(f.line, f.severity.value, f.rule) for f in validate_text(text, dialect, path=path)]

    assert rules("---\nname: cli_help\ndescription: d\n---\nB\n", "gemini", ".gemini/agents/cli_help.md") == \
        [(2, "warning", "name-builtin")]
    assert rules("---\ndescription: d\n---\nB\n", "opencode", ".opencode/agent/explore.md") == [(1, "warning", "name-builtin")]
    assert rules("---\ndescription: d\n---\nB\n", "opencode", ".opencode/agent/team/explore.md") == []  # team/explore
    assert rules("---\nname: helper\ndescription: d\n---\nB\n", "gemini", ".gemini/agents/helper.md") == []


def test_a_command_namespace_is_a_folder_in_every_tool_that_nests_commands():
    """Claude Code and Gemini CLI name commands/git/commit.* `git:commit`; OpenCode names command/git/commit.md
    `git/commit` (configEntryNameFromPath; opencode 1.18.33 debug config loads it so): one namespace, one folder."""
    gem = 'description = "d"\nprompt = "Commit {{args}}"\n'
    out = agentconv.convert_text(gem, to="opencode-command", from_="gemini-command", path=".gemini/commands/git/commit.toml")
    assert out.path == ".opencode/command/git/commit.md"
    assert not [i for i in out.report if i.code.value == "name-changed"]
    out = agentconv.convert_text("---\ndescription: d\n---\nCommit $ARGUMENTS\n", to="opencode-command",
                                 from_="claude-command", path=".claude/commands/git/commit.md")
    assert out.path == ".opencode/command/git/commit.md"
    oc = "---\ndescription: d\n---\nCommit $ARGUMENTS\n"
    assert agentconv.detect_text(oc, path=".opencode/command/git/commit.md").dialect == "opencode-command"
    for to, path in (("claude-command", ".claude/commands/git/commit.md"), ("gemini-command", ".gemini/commands/git/commit.toml")):
        out = agentconv.convert_text(oc, to=to, path=".opencode/command/git/commit.md")
        assert out.path == path and not [i for i in out.report if i.code.value in ("name-changed", "kind-changed")]


def test_a_command_name_gemini_shows_otherwise_is_reported():
    """Gemini CLI replaces what is not a letter, digit, _ - . in each part of a command's name and cuts a part past 50
    characters to 47 and '...' (FileCommandLoader.ts): the validator shows /create-github-issues-...-implementatio..."""
    long = "create-github-issues-feature-from-implementation-plan"

    def changed(name):
        out = agentconv.convert_text("---\ndescription: d\n---\nx\n", to="gemini-command", from_="claude-command",
                                     path=f".claude/commands/{name}.md")
        return [i.message for i in out.report if i.code.value == "name-changed"]

    assert changed(long) == [f"name {long!r} written as 'create-github-issues-feature-from-implementatio...': Gemini "
                             "CLI shows it so (each part of a name: letters, digits, _ - . and at most 50 characters)"]
    assert changed("git/My Cmd") == ["name 'git:My Cmd' written as 'git:My_Cmd': Gemini CLI shows it so (each part "
                                     "of a name: letters, digits, _ - . and at most 50 characters)"]
    assert changed("git/commit.v2") == []


def test_a_command_description_gemini_cuts_is_reported():
    """Gemini CLI shows a command's description through sanitizeForDisplay(description, 100) (FileCommandLoader.ts,
    the 0.61.0 bundle, read 2026-11-27): white space runs as one space, past 100 characters the first 97 and '...'.
    The file keeps the whole text; the report says Gemini shows less (found by the real loader on real commands)."""
    def said(description, to="gemini-command"):
        out = agentconv.convert_text(f"---\ndescription: {description}\n---\nx\n", to=to, from_="claude-command",
                                     path=CLAUDE)
        assert description.split()[-1] in out.text
        return [i.message for i in out.report if i.code.value == "value-too-long"]

    assert said("word " * 24 + "last") == ["description is 124 characters; Gemini CLI's command list allows 100"]
    assert said("a" * 100) == []
    assert said("a  " * 34 + "b") == []           # 103 characters, 69 once its white space is one space each
    assert said("\U0001F600" * 51) == ["description is 102 characters; Gemini CLI's command list allows 100"]
    assert said("word " * 24 + "last", to="opencode-command") == []
    gemini = 'description = "' + "word " * 24 + 'last"\nprompt = "x"\n'
    same = agentconv.convert_text(gemini, to="gemini-command", from_="gemini-command", path=".gemini/commands/x.toml")
    assert same.text == gemini and not [i for i in same.report if i.code.value == "value-too-long"]


def test_a_skill_written_as_an_agent_says_so():
    """A skill is loaded into the session on demand by its description; written as an agent it loads as one (OpenCode
    1.18.33's `debug agent`: mode `all`, a primary agent; Roo: a mode; Gemini CLI: a subagent), as an agent written
    as a skill says so (kind-mapped); a skill written as a Claude Code command is the same to that tool (kind-mapped)."""
    skill = "---\nname: pdf\ndescription: Work with PDF files.\n---\nDo it.\n"

    def kinds(to):
        out = agentconv.convert_text(skill, to=to, from_="skill", path="skills/pdf/SKILL.md")
        return [(i.code.value, i.message) for i in out.report if i.path == "kind"]

    for to in ("opencode", "gemini", "claude", "copilot", "roo", "codex", "cursor", "markdown"):
        assert kinds(to) == [("kind-mapped", f"a skill written as {'an' if to == 'opencode' else 'a'} {to} agent (run "
                                             "when chosen or delegated to, not loaded into the session on demand)")]
    assert kinds("skill") == []
    assert [c for c, _ in kinds("claude-command")] == ["kind-mapped"]  # the same to Claude Code (one loader)
    assert [c for c, _ in kinds("kiro")] == ["field-dropped"]  # Kiro's own wording: it has only agents


def test_an_agent_mode_goes_to_copilot_as_the_keys_that_say_it_and_back():
    """VS Code (microsoft/vscode-docs custom-agents.md, read 2026-11-27): `user-invocable: false` makes a custom agent
    a subagent only, `disable-model-invocation: true` a primary agent only; without them it is both. An OpenCode
    subagent written without them (as before: its `mode` kept as a key VS Code ignores) loaded in VS Code's agents
    dropdown, a primary agent as a subagent too; read back, the keys give OpenCode's mode, and no key rides twice."""
    for mode, key in (("subagent", "user-invocable: false"), ("primary", "disable-model-invocation: true")):
        oc = f"---\ndescription: Review code\nmode: {mode}\n---\nReview.\n"
        out = agentconv.convert_text(oc, to="copilot", from_="opencode", path=".opencode/agent/r.md")
        assert out.text == f"---\nname: r\ndescription: Review code\n{key}\n---\nReview.\n"
        assert not [i for i in out.report if i.path == "role" or i.code.value == "field-kept"]
        gh = f"---\ndescription: Review code\n{key}\n---\nReview.\n"
        back = agentconv.convert_text(gh, to="opencode", from_="copilot", path=".github/agents/r.agent.md")
        assert f"\nmode: {mode}\n" in back.text and "invocation" not in back.text and "invocable" not in back.text
        assert agentconv.convert_text(gh, to="copilot", from_="copilot", path=".github/agents/r.agent.md").text == gh
    both = "---\ndescription: d\nuser-invocable: false\ndisable-model-invocation: true\n---\nx\n"
    assert "mode:" not in agentconv.convert_text(both, to="opencode", from_="copilot", path=".github/agents/r.agent.md").text
    claude = agentconv.convert_text("---\nname: r\ndescription: d\n---\nx\n", to="copilot", from_="claude",
                                    path=".claude/agents/r.md")
    assert "invocable" not in claude.text and "invocation" not in claude.text  # Claude's subagent: its default, unsaid
