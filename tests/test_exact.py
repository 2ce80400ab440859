"""Exact on real files: same dialect keeps every key and value as written; other dialects keep what they tolerate."""
from __future__ import annotations

import pytest

from agentconv.errors import BroadenError

import agentconv
from agentconv.validate import validate_text

CLAUDE = ("---\nname: {name}\ndescription: d\ncategory: tools\nhandoffs:\n  - label: next\n---\nBody.\n")


def test_claude_names_are_rewritten_only_where_claude_code_refuses_them():
    for name in ("Explore", "dotnet-framework-4.8-expert", "Anthropologist", "a_b"):
        out = agentconv.convert_text(CLAUDE.format(name=name), "claude", from_="claude")
        assert out.text == CLAUDE.format(name=name) and not out.report.items, name
    for name, fixed in (("-dash", "dash"), ("plugin:tool", "plugin-tool")):
        text = CLAUDE.format(name=f'"{name}"')
        assert {f.rule for f in validate_text(text, "claude")} >= {"name-pattern"}
        out = agentconv.convert_text(text, "claude", from_="claude")
        assert f"name: {fixed}\n" in out.text and "name-changed" in {i.code.value for i in out.report}


def test_unknown_keys_kept_where_the_target_ignores_them_and_carried_where_it_does_not():
    text = CLAUDE.format(name="helper")
    command = agentconv.convert_text(text, "claude-command", from_="claude")
    assert "category: tools\n" in command.text and '"metadata' not in command.text
    assert "handoffs" not in command.text  # which agent runs next is an access setting: never written elsewhere
    assert any(i.code.value == "field-kept" and i.path == "metadata.category" for i in command.report)
    copilot = agentconv.convert_text(text, "copilot", from_="claude")  # GitHub's own `metadata` map holds it there
    assert "metadata:\n  category: tools\n" in copilot.text
    # Copilot's `handoffs` in a Claude file: Claude Code ignores it, so written for Copilot the agent would get
    # handoffs it never had (an access setting: which agent runs next); said, not written (test_foreign_access_keys)
    assert "handoffs" not in copilot.text
    assert any(i.code.value == "field-dropped" and i.path == "extensions.copilot.handoffs" for i in copilot.report)
    for target in ("opencode", "gemini"):  # OpenCode sends unknown keys to the provider; Gemini's schema is strict
        out = agentconv.convert_text(text, target, from_="claude")
        assert "\ncategory:" not in out.text and '"metadata.category":"tools"' in out.text, target
    back = agentconv.convert_text(agentconv.convert_text(text, "opencode", from_="claude").text, "claude", from_="opencode")
    assert "category: tools\n" in back.text


def test_a_key_another_dialect_reads_differently_is_carried():
    # a catalogue's `agents` (its members) would be read as Copilot's sub-agent list in a Claude file
    text = "---\nid: squad\nname: Squad\ndescription: d\nagents: [a, b]\nlead: a\n---\nBody.\n"
    out = agentconv.convert_text(text, "claude", from_="marketplace")
    assert "\nagents:" not in out.text and '"metadata.members":["a","b"]' in out.text
    assert "lead: a\n" in out.text


def test_same_dialect_keeps_values_outside_the_tables():
    text = "---\ndescription: d\nmodel: claude-4-sonnet\ncolor: plum\n---\nBody.\n"
    out = agentconv.convert_text(text, "opencode", from_="opencode", path=".opencode/agent/x.md")
    assert out.text == text
    assert "value" in {f.rule for f in validate_text(text, "opencode")}  # validate is where it is reported


def test_made_up_claude_name_follows_the_convention():
    out = agentconv.convert_text("---\ndescription: d\n---\nBody.\n", "claude", from_="opencode",
                            path=".opencode/agent/My_Helper.md")
    assert "name: my-helper\n" in out.text


def test_lenient_reader_invents_no_field_and_cuts_no_value():
    text = ("---\nname: helper\ndescription: Use it for releases. Examples:\n<example>\nuser: \"Cut 2.3\"\n"
            "assistant: \"I'll use helper.\"\n# not a comment here\n</example>\ncolor: green\n---\nBody.\n")
    doc, report = agentconv.read_text(text, "claude")
    agent = doc.agent
    assert agent.description == ("Use it for releases. Examples: <example> user: \"Cut 2.3\" assistant: "
                                 "\"I'll use helper.\" # not a comment here </example>")
    assert agent.metadata == {"color": "green"} and agent.extensions == {}
    folded = sorted((i.line, i.message) for i in report if i.code.value == "yaml-lenient")
    assert folded[1:] == [(5, "'user:' is no claude key; read by the lenient fallback as text of 'description'"),
                          (6, "'assistant:' is no claude key; read by the lenient fallback as text of 'description'")]
    out = agentconv.convert_text(text, "claude", from_="claude").text
    head = out.split("---\n")[1]
    assert validate_text(out, "claude") == [] and head.count("\ndescription:") + head.startswith("description:") == 1
    assert "\nuser:" not in head and "\nassistant:" not in head


@pytest.mark.parametrize("dialect, path", [("claude", ".claude/agents/writer.md"),
                                           ("copilot", ".github/agents/writer.agent.md")])
def test_lenient_reader_folds_no_key_into_a_value_that_ended_on_its_line(dialect, path):
    """A header strict YAML rejects for one value (an unquoted ': ' in the description) whose other lines are plain
    keys the dialect does not know (`version:`, `category:`): those are keys of their own, as Claude Code's fallback
    (it quotes each such line and parses again) and VS Code's yaml.ts read them, not text of the key above. Folded,
    the last tool of `tools: Read, WebFetch` became 'WebFetch category: docs' (a tool no one has: WebFetch lost), the
    name took the file's metadata, the description the lines below it."""
    text = ("---\nname: writer\nversion: 1.0.0\nauthor: someone\ndescription: Writes essays. Examples: a blog post\n"
            "color: cyan\ntools: Read, WebFetch\ncategory: docs\ntags: [a, b]\n---\nWrite.\n")
    doc, report = agentconv.read_text(text, dialect, path=path)
    agent = doc.agent
    assert agent.description == "Writes essays. Examples: a blog post"
    assert sorted(g.canonical for g in agent.tools.grants if g.canonical in ("read", "webfetch")) == ["read", "webfetch"]
    assert all(g.canonical is not None for g in agent.tools.grants)
    lenient = [i.message for i in report if i.code.value == "yaml-lenient"]
    assert lenient and not any(" key; read by" in m for m in lenient)  # the description alone read leniently
    assert "version: 1.0.0" not in str(agent.name) + str(agent.display_name or "")


def test_with_from_every_file_of_that_dialect_is_read_wherever_it_is(tmp_path):
    """A folder of Roo mode files (one mode per file, or a customModes list, under any name) and Gemini commands
    outside .gemini/commands: with --from each is read; without it they are not taken for agents."""
    from agentconv.batch import convert_many, discover

    src = tmp_path / "in"
    (src / "team").mkdir(parents=True)
    (src / "team" / "alpha.yaml").write_text("slug: alpha\nname: Alpha\nroleDefinition: You are alpha.\n"
                                             "groups:\n  - read\n")
    (src / "beta.yml").write_text("customModes:\n  - slug: beta\n    name: Beta\n    roleDefinition: You are beta.\n"
                                  "    groups: [read]\n")
    (src / "notes.json").write_text('{"customModes": [{"slug": "gamma", "name": "Gamma", "roleDefinition": "G."}]}')
    assert [e.path.name for e in discover([src])] == []
    assert sorted(e.path.name for e in discover([src], "roo")) == ["alpha.yaml", "beta.yml", "notes.json"]
    results = list(convert_many([src], "claude", tmp_path / "out", from_="roo"))
    assert sorted((r.status, r.target.rsplit("/", 1)[-1]) for r in results) == [
        ("converted", "alpha.md"), ("converted", "beta.md"), ("converted", "gamma.md")]
    cmds = tmp_path / "cmds" / "fs"
    cmds.mkdir(parents=True)
    (cmds / "grep.toml").write_text('description = "Grep"\nprompt = "Search for {{args}}."\n')
    assert [e.path.name for e in discover([tmp_path / "cmds"])] == []
    assert [e.path.name for e in discover([tmp_path / "cmds"], "gemini-command")] == ["grep.toml"]


def test_three_sources_that_want_one_target_are_each_told_who_else(tmp_path):
    """Three files, one target: each fails naming one other ("both become", as for two) and then the rest."""
    from agentconv.batch import convert_many

    for team in ("alpha", "beta", "gamma"):  # one project's agents (Claude Code reads .claude/agents/**), one name
        folder = tmp_path / "in" / ".claude" / "agents" / team
        folder.mkdir(parents=True)
        (folder / "reviewer.md").write_text(f"---\nname: reviewer\ndescription: Reviews {team}.\n---\nReview.\n")
    failed = [r for r in convert_many([tmp_path / "in"], "copilot", tmp_path / "out") if r.status == "failed"]
    assert len(failed) == 3 and not list(tmp_path.glob("out/**/*.md"))  # none written before another
    first = next(r.error for r in failed if "/alpha/" in r.error.split(" and ")[0])
    assert first.endswith("alpha/reviewer.md and " + str(tmp_path / "in/.claude/agents/beta/reviewer.md")
                          + " both become " + str(tmp_path / "out/.github/agents/reviewer.agent.md") + " (so does "
                          + str(tmp_path / "in/.claude/agents/gamma/reviewer.md") + "); rename one agent")


def test_convert_prefix_collisions_names_same_named_agents_by_their_folder(tmp_path):
    """Two agents of one project named reviewer (.claude/agents/alpha/ and beta/): both want
    .github/agents/reviewer.agent.md. Without the flag the collision is an error that names the way out; with it each
    becomes <folder>-reviewer, reported, as migrate does."""
    from agentconv.batch import convert_many

    for plugin in ("alpha", "beta"):
        folder = tmp_path / "in" / ".claude" / "agents" / plugin
        folder.mkdir(parents=True)
        (folder / "reviewer.md").write_text(f"---\nname: reviewer\ndescription: Reviews {plugin}.\n---\nReview.\n")
    (tmp_path / "in" / "solo.md").write_text("---\nname: solo\ndescription: Alone.\n---\nWork.\n")
    plain = list(convert_many([tmp_path / "in"], "copilot", tmp_path / "out1"))
    failed = [r for r in plain if r.status == "failed"]  # both, as migrate: neither is written before the other
    assert len(failed) == 2 and all("both become" in r.error and r.remedy == "prefix_collisions" for r in failed)
    assert sorted(p.name for p in (tmp_path / "out1").rglob("*.md")) == ["solo.agent.md"]
    results = list(convert_many([tmp_path / "in"], "copilot", tmp_path / "out2", prefix_collisions=True))
    assert sorted((r.status, r.target.rsplit("/", 1)[-1]) for r in results) == [
        ("converted", "alpha-reviewer.agent.md"), ("converted", "beta-reviewer.agent.md"),
        ("converted", "solo.agent.md")]
    alpha = (tmp_path / "out2" / ".github" / "agents" / "alpha-reviewer.agent.md").read_text()
    assert alpha.startswith("---\nname: alpha-reviewer\ndescription: Reviews alpha.\n")
    renamed = [i for r in results for i in r.report if i.code.value == "name-changed"]
    assert sorted(i.message for i in renamed) == ["name 'reviewer' written as 'alpha-reviewer': to resolve a collision",
                                                  "name 'reviewer' written as 'beta-reviewer': to resolve a collision"]


def test_claude_code_plugin_layouts_are_claude_code(tmp_path):
    """plugins/NAME/commands/*.md are Claude commands and plugins/NAME/skills/NAME/SKILL.md skills, not agents of
    whichever dialect their keys suggest (argument-hint is also a Copilot key)."""
    plugin = tmp_path / "plugins" / "tools"
    (plugin / "commands").mkdir(parents=True)
    (plugin / "skills" / "pdf").mkdir(parents=True)
    (plugin / "commands" / "review.md").write_text("---\ndescription: Review\nargument-hint: [file]\n---\n"
                                                   "Review $ARGUMENTS.\n")
    (plugin / "skills" / "pdf" / "SKILL.md").write_text("---\nname: pdf\ndescription: PDFs.\n---\nUse pdftotext.\n")
    assert agentconv.detect(plugin / "commands" / "review.md").dialect == "claude-command"
    assert agentconv.detect(plugin / "skills" / "pdf" / "SKILL.md").dialect == "skill"
    plan = agentconv.plan(tmp_path, ["copilot-prompt"])
    assert sorted((r.source, r.target) for r in plan.records) == [
        ("plugins/tools/commands/review.md", ".github/prompts/review.prompt.md"),
        ("plugins/tools/skills/pdf/SKILL.md", ".github/prompts/pdf.prompt.md")]


@pytest.mark.parametrize("path", [".claude/skills/_archive/triage/SKILL.md", ".opencode/skills/review/triage/SKILL.md",
                                  ".opencode/skill/triage/SKILL.md", ".agents/skills/ops/triage/SKILL.md"])
def test_a_skill_nested_deeper_below_skills_is_a_skill(path, tmp_path):
    """OpenCode loads skills/**/SKILL.md (below .claude/ and .agents/) and {skill,skills}/**/SKILL.md (below
    .opencode/): a SKILL.md in a folder of such a folder of skills is a skill, named by its folder, never an agent of
    whichever dialect its keys suggest (tools and model are Claude keys too)."""
    text = "---\nname: triage\ndescription: Triage issues.\ntools: Read, Grep\nmodel: sonnet\n---\nTriage.\n"
    assert agentconv.detect_text(text, path=path).dialect == "skill"
    (tmp_path / path).parent.mkdir(parents=True)
    (tmp_path / path).write_text(text)
    assert agentconv.detect(tmp_path / path).dialect == "skill"
    assert agentconv.convert(tmp_path / path, to="skill").text == text  # read as the skill it is


@pytest.mark.parametrize("path", [".github/prompts/build.prompt.md", "prompts/review/build.prompt.md",
                                  ".github/agents/build.prompt.md"])
def test_a_prompt_file_listing_many_copilot_tools_is_a_prompt(path, tmp_path):
    """VS Code types a file by its name first: a .prompt.md is a prompt file wherever it is, whatever tools its header
    lists (tool names Copilot agents share are no evidence against the name); detected and read as one."""
    text = ("---\nagent: agent\ndescription: Build a module\ntools: ['edit', 'search', 'runCommands', 'runTasks', "
            "'usages', 'changes', 'fetch', 'todos']\n---\nBuild it.\n")
    assert agentconv.detect_text(text, path=path).dialect == "copilot-prompt"
    (tmp_path / path).parent.mkdir(parents=True)
    (tmp_path / path).write_text(text)
    det = agentconv.detect(tmp_path / path)
    assert (det.dialect, det.ambiguous) == ("copilot-prompt", False)
    assert agentconv.convert(tmp_path / path, to="copilot-prompt").text == text


@pytest.mark.parametrize("path,text,key,value", [
    (".cursor/rules/ts.mdc", "---\ndescription: TypeScript style\nglobs: **/*.ts, src/**\nalwaysApply: false\n---\nUse tabs.\n",
     "globs", "**/*.ts, src/**"),
    (".github/instructions/cs.instructions.md", "---\ndescription: C# rules\napplyTo: **/*.cs\n---\nUse records.\n",
     "applyTo", "**/*.cs")])
def test_an_instructions_file_s_own_keys_stay_keys_when_its_header_is_read_leniently(path, text, key, value):
    """A Cursor rule's `globs: **/*.ts` (written unquoted, as Cursor writes it) or Copilot instructions' `applyTo:`
    is no strict YAML (`*` starts an alias): named on its own and read as an agent, the header is read leniently
    with the file's own keys as keys (instructions.toml `keys`), so the value is that key's, never folded into the
    description above it (was: description 'TypeScript style globs: **/*.ts, src/**')."""
    doc, report = agentconv.read_text(text, path=path)
    agent = doc.agent
    assert agent.description == text.split("description: ")[1].split("\n")[0]
    assert value in [v for ext in agent.extensions.values() for k, v in ext.items() if k == key]
    assert ("yaml-lenient", key) in {(i.code.value, i.path) for i in report}


def test_a_roo_mode_without_groups_comes_back_as_written():
    """Roo rejects a mode without groups; a same-dialect conversion still keeps it as written (validate is where it
    is reported), and other dialects read it as the reader says: no tool (the file gives none; never more), with a
    warning."""
    text = "slug: helper\nname: Helper\ncategory: misc\nroleDefinition: You help.\n"
    out = agentconv.convert_text(text, "roo", from_="roo", path="modes/helper.yaml")
    assert out.text == text
    assert any(i.path == "tools" and i.severity.value == "warning" for i in out.report)
    assert "\ntools: []\n" in agentconv.convert_text(text, "copilot", from_="roo", path="modes/helper.yaml").text
    assert '"*": deny' in agentconv.convert_text(text, "opencode", from_="roo", path="modes/helper.yaml").text


def test_a_roo_mode_without_groups_never_spoils_a_modes_file_written_fresh():
    """Roo validates a modes file as a whole (CustomModesManager.loadModesFromFile: customModesSettingsSchema, any
    issue -> no mode at all), so a mode without groups merged with others into a new file would cost every mode:
    it is written with the tools it was read as, none (`groups: []`), never more."""
    from ruamel.yaml import YAML

    from agentconv.api import write_merged

    parts = [agentconv.read_text(text, "roo", path=f"modes/{slug}.yaml")[0] for slug, text in (
        ("helper", "slug: helper\nname: Helper\nroleDefinition: You help.\n"),
        ("coder", "slug: coder\nname: Coder\nroleDefinition: You code.\ngroups:\n- read\n- edit\n"))]
    merged = write_merged(parts, "roo")
    modes = YAML(typ="safe").load(merged.text)["customModes"]
    assert [(m["slug"], m["groups"]) for m in modes] == [("helper", []), ("coder", ["read", "edit"])]


def test_a_roo_mode_with_empty_values_comes_back_as_written():
    """Empty slug, name and roleDefinition: other dialects get a made-up name and a prompt, the same dialect gets the
    file as written (Roo's rules are validate's business)."""
    text = "slug: ''\nname: ''\nroleDefinition: ''\ncustomInstructions: '## Rules\n\n  Be brief.\n\n  '\ngroups:\n- read\n"
    assert agentconv.convert_text(text, "roo", from_="roo", path="modes/.yaml").text == text
    assert "name: rules" in agentconv.convert_text(text, "claude", from_="roo", path="modes/.yaml").text


def test_a_roo_file_its_own_clean_up_breaks_is_read_as_written_and_reported():
    """Roo swaps smart quotes for ASCII ones before parsing: inside a double-quoted scalar that ends the string early,
    so Roo loads nothing. The file is read as written (nothing lost), kept byte for byte, and the warning says why."""
    text = 'customModes:\n  - slug: planner\n    name: Planner\n    roleDefinition: "Say \u201cwhite space\u201d\n      twice."\n    groups:\n      - read\n'
    same = agentconv.convert_text(text, "roo", from_="roo", path=".roomodes")
    assert same.text == text
    assert [i.message for i in same.report if "clean-up" in i.message] == [
        "Roo's clean-up (smart quotes, dashes: CustomModesManager) breaks this file's YAML at line 4, so Roo loads "
        "nothing from it; read as written"]
    assert [i.code.value for i in same.report if "clean-up" in i.message] == ["file-unloadable"]
    claude = agentconv.convert_text(text, "claude", from_="roo", path=".roomodes").text
    assert "Say \u201cwhite space\u201d twice." in claude


OPENCODE = "---\nname: \"{name}\"\ndescription: d\n---\nBody.\n"  # OpenCode takes any name: a neutral source

NAMES_THE_TOOL_LOADS = (  # target, name, where it is written, what the file says: as it is, nothing reported
    ("codex", "My Agent", ".codex/agents/My Agent.toml", 'name = "My Agent"\n'),
    ("codex", "dotnet-4.8-expert", ".codex/agents/dotnet-4.8-expert.toml", 'name = "dotnet-4.8-expert"\n'),
    ("kiro", "a_b.c", ".kiro/agents/a_b.c.json", '"name": "a_b.c",'),
    ("cursor", "Explore", ".cursor/agents/Explore.md", 'name: "Explore"\n'),  # quoted, as the source has it
    ("marketplace", "dotnet-4.8", "agents/specialists/dotnet-4.8.md", 'id: "dotnet-4.8"\n'),
    ("copilot", "Explore.v2", ".github/agents/Explore.v2.agent.md", "name: Explore.v2\n"),
    ("copilot-prompt", "My Prompt", ".github/prompts/My Prompt.prompt.md", "description: d\n"),
    ("opencode", "team/lead", ".opencode/agent/team/lead.md", 'name: "team/lead"\n'),
    ("opencode-command", "Up_Case", ".opencode/command/Up_Case.md", "description: d\n"),
    ("claude-command", "My Cmd", ".claude/commands/My Cmd.md", "description: d\n"),
    ("gemini-command", "a.b", ".gemini/commands/a.b.toml", 'description = "d"\n'),
    ("codex-prompt", "Explore", ".codex/prompts/Explore.md", "description: d\n"),
    ("markdown", "Explore", "agents/Explore.md", "Body.\n"),
    ("roo", "Explore-2", ".roomodes", "slug: Explore-2\n"),
)

NAMES_THE_TOOL_REFUSES = (  # target, name, where it is written, what the file says, why (the table's rule or a file name)
    ("roo", "dotnet-4.8", ".roomodes", "slug: dotnet-4-8\n", "does not fit roo's rule"),
    ("skill", "Explore", ".claude/skills/explore/SKILL.md", "name: explore\n", "does not fit skill's rule"),
    ("gemini", "dotnet-4.8", ".gemini/agents/dotnet-4-8.md", "name: dotnet-4-8\n", "does not fit gemini's rule"),
    ("copilot", "My Agent", ".github/agents/my-agent.agent.md", "name: My Agent\n", "does not fit copilot's rule"),
    ("codex", "plug:tool", ".codex/agents/plug-tool.toml", 'name = "plug:tool"\n', "holds a character a file name"),
    ("opencode", "a?b", ".opencode/agent/a-b.md", 'name: "a?b"\n', "holds a character a file name"),
    ("claude-command", "a/b", ".claude/commands/a-b.md", "description: d\n", "holds '/'"),
)


def test_a_name_the_target_loads_is_written_as_it_is():
    for target, name, path, line in NAMES_THE_TOOL_LOADS:
        out = agentconv.convert_all_text(OPENCODE.format(name=name), target, from_="opencode")[0]
        assert (out.path, line in out.text) == (path, True), (target, name, out.path, out.text)
        assert not [i for i in out.report if i.code.value == "name-changed"], (target, name)


def test_a_name_the_target_refuses_is_rewritten_and_reported():
    for target, name, path, line, why in NAMES_THE_TOOL_REFUSES:
        out = agentconv.convert_all_text(OPENCODE.format(name=name), target, from_="opencode")[0]
        assert (out.path, line in out.text) == (path, True), (target, name, out.path, out.text)
        changed = [i.message for i in out.report if i.code.value == "name-changed"]
        assert len(changed) == 1 and why in changed[0] and f"{name!r}" in changed[0], (target, name, changed)
        assert name in line or f'"name":"{name}"' in out.text, (target, name)  # in the header, or carried back


def test_validate_reports_no_name_rule_the_tool_does_not_have():
    assert [f.rule for f in validate_text("---\nname: Explore\ndescription: d\n---\nBody.\n", "cursor")] == []
    assert [f.rule for f in validate_text('{"name": "My Agent", "description": "d", "prompt": "p"}', "kiro")] == []
    assert [f.rule for f in validate_text('name = "My Agent"\ndescription = "d"\ndeveloper_instructions = "p"\n',
                                          "codex")] == []
    copilot = "---\ndescription: d\n---\nBody.\n"  # GitHub: a file name of . - _ a-z A-Z 0-9 only
    assert [f.rule for f in validate_text(copilot, "copilot", path=".github/agents/My Agent.agent.md")] == [
        "name-pattern"]
    assert [f.rule for f in validate_text(copilot, "copilot", path=".github/agents/My_Agent.v2.agent.md")] == []


def test_what_a_file_name_cannot_hold():
    from agentconv.naming import unsafe_file_name

    for name in ("Explore", "My Agent", "dotnet-4.8", ".hidden", "Ünïcode", "a_b"):
        assert unsafe_file_name(name) is None, name
    assert unsafe_file_name("team/lead", nested=True) is None
    for name in ("a/b", "a:b", "a?b", 'a"b', "a*b", "a|b", "a<b", "a\x01b", "end.", "end ", ".", "..", "x" * 201):
        assert unsafe_file_name(name) is not None, name
    for name in ("team//lead", "team/../lead", "/abs", "a/b:c"):
        assert unsafe_file_name(name, nested=True) is not None, name


NESTED = (  # dialect, where the file is, the name its tool gives it, where the same dialect writes it back
    ("claude-command", ".claude/commands/git/commit.md", "git:commit", ".claude/commands/git/commit.md"),
    ("claude-command", "plugins/tools/commands/git/commit.md", "git:commit", ".claude/commands/git/commit.md"),
    ("gemini-command", ".gemini/commands/git/commit.toml", "git:commit", ".gemini/commands/git/commit.toml"),
    ("opencode-command", ".opencode/commands/git/commit.md", "git/commit", ".opencode/command/git/commit.md"),
    ("opencode", ".opencode/agents/team/lead.md", "team/lead", ".opencode/agent/team/lead.md"),
    ("opencode", "/home/u/agent/x/.opencode/agent/lead.md", "lead", ".opencode/agent/lead.md"),
)


def test_a_name_from_sub_folders_is_the_tools_own():
    """Claude Code and Gemini CLI name commands/git/commit.md git:commit, OpenCode agent/team/lead.md team/lead:
    read so, written back to the same place, and into another command dialect under its own spelling."""
    texts = {"gemini-command": 'description = "d"\nprompt = "Do {{args}}."\n'}
    for dialect, path, name, back in NESTED:
        text = texts.get(dialect, "---\ndescription: d\n---\nDo $ARGUMENTS.\n")
        doc, _ = agentconv.read_text(text, dialect, path=path)
        assert doc.agent.name == name, (dialect, path, doc.agent.name)
        out = agentconv.convert_all_text(text, dialect, from_=dialect, path=path)[0]
        assert (out.path, out.text) == (back, text), (dialect, path)
    out = agentconv.convert_all_text("---\ndescription: d\n---\nDo $ARGUMENTS.\n", "gemini-command",
                                     from_="claude-command", path=".claude/commands/git/commit.md")[0]
    assert out.path == ".gemini/commands/git/commit.toml" and not [
        i for i in out.report if i.code.value == "name-changed"]


def _claude_header(text: str) -> str | None:
    """The header as Claude Code 2.1.330 cuts it: the first `---` anywhere after the opening line ends it."""
    import re

    m = re.match(r"^---\s*\n([\s\S]*?)---\s*\n?", text)
    return m.group(1) if m else None


def test_three_dashes_in_a_value_never_end_claude_codes_header():
    """Claude Code ends the frontmatter at the first `---`, inside a value too (the description is cut, the agent is not
    loaded): a value or a side channel holding three dashes is written as JSON with every second dash escaped, which
    every YAML reader reads as the same text; the same file converted to its own dialect stays as written."""
    from ruamel.yaml import YAML

    text = ("---\nname: swarm---lead\ndescription: 'Plans --- then acts.\n\n  ----\n\n  Done.'\n"
            "---\nLead the swarm.\n")
    for target in ("claude", "claude-command", "skill"):
        out = agentconv.convert_text(text, target, from_="copilot", path="swarm.agent.md").text
        header = _claude_header(out)
        assert header is not None and out.split("\n---\n", 1)[0] == "---\n" + header.rstrip("\n"), target
        data = YAML(typ="safe").load(header)
        assert data["description"] == "Plans --- then acts.\n----\nDone.", target
        back = agentconv.convert_text(out, "copilot", from_=target).text
        assert "Plans --- then acts." in back and back.endswith("---\nLead the swarm.\n"), target  # no blank line: as the source
    out = agentconv.convert_text(text, "claude", from_="copilot", path="swarm.agent.md").text
    assert '"swarm-\\u002d-lead"' in out  # the side channel's JSON too
    written = "---\nname: a\ndescription: Plans --- then acts.\n---\nBody.\n"  # the source's own text, kept
    assert agentconv.convert_text(written, "claude", from_="claude").text == written


def test_a_rule_line_of_dashes_ends_claude_codes_header():
    """Claude Code's split (`/^---\\s*\\n([\\s\\S]*?)---/`, 2.1.330) ends the header at a line of more dashes
    (`----------`): what follows is the prompt, not text of the last key. Read so, its prompt reaches the target as a
    prompt; in its own dialect the closing line is written `---` (strictly; reported yaml-lenient)."""
    text = ("---\nname: coder\ndescription: Writes code.\neffort: medium\n----------\n\nYou are Coder.\n\n"
            "# Rules\n\n---\n\nKeep diffs small.\n")
    strict = text.replace("\n----------\n", "\n---\n", 1)  # read leniently, written strictly
    for dialect in ("claude", "claude-command", "skill"):
        out = agentconv.convert_text(text, dialect, from_=dialect, path="coder.md")
        assert out.text == strict, dialect
        assert [x.path for x in out.report.items if x.code.value == "yaml-lenient"] and strict.count("\n---\n") == 2
    out = agentconv.convert_text(text, "opencode", from_="claude", path="coder.md")
    assert out.text.split("\n---\n", 1)[1].lstrip("\n").startswith("You are Coder.\n")
    assert "effort" not in out.text.split("\n---\n", 1)[1]


def test_two_plugins_commands_of_one_name_each_keep_their_plugin_s_folder(tmp_path):
    """`plugins/a/commands/x.md` and `plugins/b/commands/x.md` are each written below their plugin's folder of the
    output (`plugins/a/.gemini/commands/x.toml`), named as they were: two plugins never want one file (was: both
    refused as a collision, or renamed `a-x` and `b-x` with --prefix-collisions, which has nothing to do here)."""
    from agentconv.batch import convert_many

    for plugin in ("a", "b"):
        (tmp_path / "in" / "plugins" / plugin / "commands").mkdir(parents=True)
        (tmp_path / "in" / "plugins" / plugin / "commands" / "x.md").write_text(f"---\ndescription: {plugin}\n---\n{plugin}\n")
    for flag in (False, True):
        out = tmp_path / f"out-{flag}"
        results = list(convert_many([tmp_path / "in"], "gemini-command", out, from_="claude-command",
                                    prefix_collisions=flag))
        assert sorted(r.status for r in results) == ["converted", "converted"]
        made = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.toml"))
        assert made == ["plugins/a/.gemini/commands/x.toml", "plugins/b/.gemini/commands/x.toml"]
        assert '\ndescription = "b"\n' in (out / "plugins/b/.gemini/commands/x.toml").read_text()


def test_a_model_restored_from_the_side_channel_is_not_kept_as_written():
    """A Claude file made from a Copilot agent carries `gpt-4.1` (Claude Code cannot run it). Converted to Claude again,
    the restored model is not the file's own value: it is omitted (and carried on), never written for Claude Code to
    send to its API."""
    made = agentconv.convert_text("---\nname: lead\ndescription: Plans.\nmodel: gpt-4.1\n---\nLead.\n", "claude",
                                  from_="copilot", path="lead.agent.md").text
    assert "\nmodel:" not in made and '"model":{"raw":"gpt-4.1"}' in made
    again = agentconv.convert_text(made, "claude", from_="claude")
    assert "\nmodel:" not in again.text and '"model":{"raw":"gpt-4.1"}' in again.text
    assert "model-unmapped" in {i.code.value for i in again.report}
    own = "---\nname: a\ndescription: d\nmodel: claude-fable-9\n---\nBody.\n"  # a value of its own: as written
    assert agentconv.convert_text(own, "claude", from_="claude").text == own


def test_a_blank_description_is_no_description():
    """Codex ignores a role whose description is blank ("cannot be blank", 0.169.0): a description of spaces is made
    up where the target requires one, as a missing one is; the same dialect keeps it as written."""
    import tomllib

    text = "---\nname: blank\ndescription: '   '\n---\nCheck the build.\n"
    out = agentconv.convert_text(text, "codex", from_="claude")
    assert tomllib.loads(out.text)["description"] == "Check the build."
    assert "value-made-up" in {i.code.value for i in out.report}
    assert agentconv.convert_text(text, "claude", from_="claude").text == text


def test_a_roo_file_written_fresh_holds_no_value_roo_rejects():
    """A null where Roo wants a string, or a `source` other than global/project, fails Roo's schema and with it every
    mode of the file: written fresh (two sources merged), such a value is dropped and reported; `description: null` is
    no description (never the text "None"); the source as it came stays as written."""
    from ruamel.yaml import YAML

    from agentconv.api import write_merged

    odd = "customModes:\n  - slug: a\n    name: A\n    roleDefinition: Do a.\n    description: ~\n    groups: [read]\n" \
          "    source: null\n"
    plain = "slug: b\nname: B\nroleDefinition: Do b.\nsource: team\ngroups: [edit]\n"
    assert agentconv.convert_text(odd, "roo", from_="roo", path=".roomodes").text == odd
    parts = [agentconv.read_text(odd, "roo", path=".roomodes")[0], agentconv.read_text(plain, "roo", path="b.yaml")[0]]
    merged = write_merged(parts, "roo")
    modes = YAML(typ="safe").load(merged.text)["customModes"]
    assert modes == [{"slug": "a", "name": "A", "roleDefinition": "Do a.", "groups": ["read"]},
                     {"slug": "b", "name": "B", "roleDefinition": "Do b.", "groups": ["edit"]}]
    assert agentconv.read_text(odd, "roo", path=".roomodes")[0].agent.extensions.get("roo", {}).get("description") is None


def test_a_converted_file_converted_to_its_own_dialect_keeps_its_side_channel_as_written() -> None:
    """A Copilot file agentconv wrote from a Claude agent (its carry comment says from: claude) comes back byte for
    byte when converted to copilot again: ``from`` stays the first dialect, not the one just read."""
    src = b"---\nname: rev\ndescription: Reviews code\ntools: Read, Grep\nmodel: sonnet\ncolor: blue\n---\nReview.\n"
    copilot = agentconv.convert_text(src, to="copilot", from_="claude").text
    assert '"from":"claude"' in copilot
    assert agentconv.convert_text(copilot.encode(), to="copilot", from_="copilot").text == copilot
    assert "model: sonnet" in agentconv.convert_text(copilot.encode(), to="claude").text


# Small edits authors make, each loaded by the tool: converted to its own dialect, the file comes back byte for byte.
AUTHOR_EDITS = [
    ("claude", "a.md", "---  \nname: a\ndescription: d\n---\t\n\nBody.\n"),  # blanks after the delimiters
    ("claude", "a.md", "---\nname: a\ndescription: d\nmodel:\ndisallowedTools:\ncolor: null\n---\n\nBody.\n"),
    ("claude", "a.md", "---\nname: a\ndescription: d\nfoo:\nargument-hint: ~\n---\n\nBody.\n"),  # unknown, foreign
    ("opencode", ".opencode/agent/a.md", "---\ndescription:\nmode: subagent\ntemperature: ~\n---\n\nBody.\n"),
    ("copilot", ".github/agents/a.agent.md", "---\ndescription: d\nmodel: null\nhandoffs:\n---\n\nBody.\n"),
    ("claude-command", ".claude/commands/a.md", "---\ndescription: d\nargument-hint:\nmodel: ~\n---\n\nBody.\n"),
    ("claude", "a.md", '---\nname: a\ndescription: "go \\ud83d\\ude80 now"\n---\n\nBody.\n'),  # an emoji as JSON spells it
    ("roo", ".roomodes", 'customModes:\n  - slug: a\n    name: "\\ud83e\\udded A"\n    roleDefinition: r\n'
                         '    groups: [read]\n'),
    ("claude", "a.md", "---\nname: a\ndescription: d\n---"),  # the file ends at the closing ---
    ("claude", "a.md", "---\r\nname: a\r\ndescription: d\r\n---\r\n\nBody.\nMore.\r\n"),  # CRLF and LF lines
    ("gemini-command", ".gemini/commands/a.toml", 'description = "d"\r\nprompt = """\nx\r\n"""\n'),
    ("roo", ".roomodes", "customModes:\n  - slug: a\r\n    name: A\n    roleDefinition: r\r\n    groups: [read]\n"),
]


@pytest.mark.parametrize("dialect,path,text", AUTHOR_EDITS)
def test_author_edits_come_back_byte_for_byte(dialect, path, text):
    out = agentconv.convert_text(text, dialect, from_=dialect, path=path)
    assert out.text == text
    assert not [i for i in out.report if i.code.value not in ("name-derived", "value-read-as")]


# What a tool ignores, as authors write it: another tool's key (a Claude `allowed-tools` copied into an OpenCode
# command, read leniently as a tool list and said), a persona with no `# Title`. Converted to its own dialect: as written.
IGNORED_AS_WRITTEN = [
    ("opencode-command", ".opencode/command/a.md", "---\ndescription: d\nallowed-tools: [Read, Write]\n---\nBody.\n",
     {"value-invalid"}),
    ("opencode-command", ".opencode/command/g/a.md",
     "---\nallowed-tools: Bash(git add:*), Read\ndescription: d\nagent: build\n---\n\nRun $ARGUMENTS\n", {"value-invalid"}),
    # A Claude agent's `tools` in a command, a skill's `allowed-tools` in an agent: read as those tools (narrowing),
    # written back as the keys the tool ignores, never as this dialect's own (a pre-approval Claude Code would read)
    ("claude-command", ".claude/commands/a.md", "---\ntools:\n  - read\n  - bash\narguments: $Q\n---\n\nDo $Q.\n",
     {"value-invalid"}),
    ("claude-command", ".claude/commands/a.md", "---\nallowed-tools: Read, Grep, Bash\ntools: [Read]\ndescription: d\n---\n"
     "Body.\n", {"value-invalid"}),
    ("claude", ".claude/agents/a.md", "---\nname: a\ndescription: d\nallowed-tools: Read, Grep\n---\nBody.\n", {"value-invalid"}),
    ("copilot", ".github/agents/a.agent.md", "---\ndescription: d\nallowed-tools: Read\n---\nBody.\n", {"value-invalid"}),
    ("markdown", "agents/a.md", "You are a reviewer.\n\nReview the diff.\n", set()),
    ("markdown", "agents/a.md", "\nYou are a reviewer.\n\n## Rules\n\n- be brief\n", set()),
]


@pytest.mark.parametrize("dialect,path,text,said", IGNORED_AS_WRITTEN)
def test_what_the_tool_ignores_comes_back_byte_for_byte(dialect, path, text, said):
    out = agentconv.convert_text(text, dialect, from_=dialect, path=path)
    assert out.text == text
    assert {i.code.value for i in out.report if i.severity.value != "info"} == said


def test_a_json_escaped_emoji_is_the_character_the_tools_read():
    """A UTF-16 pair written as two escapes (Python's json.dumps) is one character to the tools' JavaScript YAML
    parsers; libyaml refuses it. Read as that character, never as text of a lenient fallback."""
    text = '---\nname: a\ndescription: "go \\ud83d\\ude80 now"\n---\n\nBody.\n'
    out = agentconv.convert_text(text, "copilot", from_="claude")
    assert 'description: "go \U0001F680 now"\n' in out.text and "yaml-lenient" not in {i.code.value for i in out.report}
    half = agentconv.read_text('---\nname: a\ndescription: "go \\ud83d now"\n---\n\nBody.\n', "claude")[1]
    assert "yaml-lenient" in {i.code.value for i in half}  # half a pair is no character: not read as one


def test_a_tab_only_the_c_loader_takes_is_written_as_every_reader_takes_it():
    """``key:<tab>value`` and a tab after a value are YAML 1.2, and libyaml reads them, but ruamel's and PyYAML's
    pure readers refuse them: written fresh (same values); a tab inside a quoted value is kept as written."""
    from ruamel.yaml import YAML

    text = '---\nname: a\ndescription:\t"x y"\nmodel: sonnet\t\ncolor: "a\tb"\n---\n\nBody.\n'
    out = agentconv.convert_text(text, "claude", from_="claude")
    assert out.text == '---\nname: a\ndescription: x y\nmodel: sonnet\ncolor: "a\tb"\n---\n\nBody.\n'
    assert YAML(typ="safe", pure=True).load(out.text.split("---\n")[1])["color"] == "a\tb"


def test_a_file_with_mixed_line_ends_that_changes_is_written_with_crlf():
    text = '---\r\nname: "-dash"\r\ndescription: d\r\n---\r\n\nBody.\n'
    out = agentconv.convert_text(text, "claude", from_="claude", policy=agentconv.Policy(carry=False)).text
    assert out == "---\r\nname: dash\r\ndescription: d\r\n---\r\n\r\nBody.\r\n"


NOT_A_MAP = [  # OpenCode `tools` that is no map: (line, shape said, mode read, the Claude `tools` line written from it)
    ("tools: []", "a list", "none", 'tools: ""\n'),
    ("tools: [read, edit]", "a list", "allowlist", "tools: Read, Edit, Write\n"),  # OpenCode edit: both
    ("tools: read, bash", "a str", "allowlist", "tools: Read, Bash\n"),
    ('tools: "*"', "a str", "inherit", ""),
    ("tools:", "empty", "inherit", ""),
]


@pytest.mark.parametrize("line,shape,mode,claude", NOT_A_MAP)
def test_an_opencode_tools_value_that_is_no_map_is_said_and_read_narrowly(line, shape, mode, claude):
    """OpenCode 1.18.33 refuses the file ('Expected object | undefined', validate-opencode): never read silently, and
    never as every tool where it names tools (a list or a comma string is an allowlist of them, an empty list none).
    The file its tool loads nothing from is said so (file-rejected) and comes back as it came in its own dialect (it
    was repaired there, `tools: [read]` written as a map: a shadow corpus's one OpenCode agent not identical)."""
    text = f"---\ndescription: d\n{line}\n---\n\nBody.\n"
    doc, report = agentconv.read_text(text, "opencode", path=".opencode/agent/a.md")
    said = [i.message for i in report if i.code.value == "file-rejected" and i.path == "tools"]
    assert said and said[0].startswith(f"'tools' is {shape}, not a map") and doc.agent.tools.mode == mode
    out = agentconv.convert_text(text, "opencode", from_="opencode", path=".opencode/agent/a.md")
    assert out.text == text and "file-rejected" in {i.code.value for i in out.report}
    other = agentconv.convert_text(text, "claude", from_="opencode", path=".opencode/agent/a.md")
    assert other.text.startswith(f"---\nname: a\ndescription: d\n{claude}---\n")


@pytest.mark.parametrize("value,shape", [("\n  - one\n  - two", "list"), (" {a: b}", "map")])
def test_a_claude_command_description_that_is_no_text_is_read_as_claude_code_reads_it(value, shape):
    """Claude Code omits a description that is a list or a map ("Description invalid ... - omitting") and loads the
    command as one without a description, shown by its first line (was: the file refused, exit 3)."""
    text = f"---\ndescription:{value}\nallowed-tools: Read\n---\n# Review the diff\n\nLook at $ARGUMENTS.\n"
    path = ".claude/commands/review.md"
    out = agentconv.convert_text(text, to="claude", from_="claude-command", path=path)
    assert agentconv.read_text(out.text, "claude", path=".claude/agents/review.md")[0].agent.description == \
        "Review the diff"
    said = [i.message for i in out.report if i.path == "description"]
    assert said == [f"'description' is a {shape}, which Claude Code ignores: read as no description, as it does",
                    "no description key: the one Claude Code shows, the prompt's first line"]
    assert agentconv.convert_text(text, to="claude-command", from_="claude-command", path=path).text == text
    other = agentconv.convert_text(text, to="opencode-command", from_="claude-command", path=path)
    assert agentconv.read_text(other.text, "opencode-command", path=other.path)[0].agent.description is None


@pytest.mark.parametrize("header,shown", [
    ("name: triage\n", "Triage the issue"),
    ("name: triage\ndescription:\n  - one\n", "Triage the issue"),  # not text: Claude Code omits it
    ("name: triage\ndescription: '  '\n", "Triage the issue"),
])
def test_a_skill_without_description_is_described_as_claude_code_describes_it(header, shown):
    """Claude Code loads a SKILL.md without a description and shows its body's first line (a heading's text): a target
    that requires a description gets that one, and says so (was: a skill made one up from the first paragraph, even
    converted to itself, and an agent target got none); the skill converted to itself comes back as written."""
    text = f"---\n{header}---\n\n## Triage the issue\n\nLabel it and find an owner.\n"
    path = ".claude/skills/triage/SKILL.md"
    assert agentconv.convert_text(text, to="skill", from_="skill", path=path).text == text
    for target in ("claude", "codex", "copilot", "gemini"):
        out = agentconv.convert_text(text, to=target, from_="skill", path=path)
        assert agentconv.read_text(out.text, target, path=out.path)[0].agent.description == shown, target
        assert "no description key: the one Claude Code shows, the body's first line" in \
            [i.message for i in out.report if i.path == "description"], target


@pytest.mark.parametrize("header,said", [
    ("tools: ['codebase']\n", True),
    ("description: Plan the work\n", False),
    ("target: vscode\n", False),  # GitHub.com does not read it
])
def test_a_chatmode_without_description_written_as_an_agent_file_is_told(header, said):
    """A .chatmode.md (VS Code's alone, which needs no description) goes to copilot as a .agent.md, which GitHub.com
    reads too and requires a description in (github/docs custom-agents-configuration.md): the same file, and a
    value-required warning saying so (was: nothing said)."""
    text = f"---\n{header}---\nPlan the work.\n"
    out = agentconv.convert_text(text, to="copilot", from_="copilot", path=".github/chatmodes/plan.chatmode.md")
    assert out.text == text and out.path.endswith("plan.agent.md")
    told = [i.message for i in out.report if i.path == "description"]
    assert told == (["the description is empty: GitHub.com requires one in the .agent.md it is written as (a "
                     ".chatmode.md only VS Code reads, which needs none); written without one"] if said else [])
    again = agentconv.convert_text(text, to="copilot", from_="copilot", path=".github/agents/plan.agent.md")
    assert again.text == text and not [i for i in again.report if i.path == "description"]  # as it was


def test_a_source_only_its_own_file_could_give_back_fails_alone_in_a_merged_file(tmp_path) -> None:
    """A Roo mode that only its own file's text gives back (an edit entry of three items, which Roo rejects: written
    afresh, its scope has no Roo spelling) fails alone when several modes files become one: the others are merged
    and written (was: every source of the file failed, the error named the first), and the merged file's own items
    name it."""
    from agentconv.batch import convert_many

    bad = tmp_path / "a" / ".roomodes"
    bad.parent.mkdir()
    bad.write_text("customModes:\n  - slug: a\n    name: A\n    roleDefinition: Do a.\n    groups:\n      - read\n"
                   "      - - edit\n        - fileRegex: \\.(md|py)$\n        - description: docs\n")
    good = tmp_path / "b" / ".roomodes"
    good.parent.mkdir()
    good.write_text("customModes:\n  - slug: b\n    name: B\n    roleDefinition: Do b.\n    groups: [read]\n")
    other = tmp_path / "c.yaml"  # a single mode of the same slug: the merged file renames it
    other.write_text("slug: b\nname: B again\nroleDefinition: Do b.\ngroups: [read]\n")
    assert agentconv.convert_text(bad.read_text(), "roo", from_="roo", path=".roomodes").text == bad.read_text()
    out = {str(r.source): r for r in convert_many([good, bad, other], "roo", tmp_path / "out", from_="roo")}
    assert [out[str(f)].status for f in (good, bad, other)] == ["converted", "failed", "converted"]
    assert str(bad) in out[str(bad)].error and "dropping the scope" in out[str(bad)].error
    assert [(i.code.value, i.file) for i in out[str(good)].report if i.code.value == "name-conflict"] == [
        ("name-conflict", str(tmp_path / "out" / ".roomodes"))]
    assert "slug: b-2" in (tmp_path / "out" / ".roomodes").read_text()


@pytest.mark.parametrize("path,text,dialect", [
    ("agents/specialists/analyst.md", "# Data Analyst\n\nYou analyse data.\n", "markdown"),
    ("team/agents/squads/growth.md", "You grow things.\n", "markdown"),
    ("agents/specialists/analyst.md", "---\nid: analyst\nname: Data Analyst\ndescription: d\n---\nBody.\n", "marketplace"),
    ("agents/specialists/analyst.md", "---\nname: analyst\ndescription: d\ntools: Read, Grep\n---\nBody.\n", "claude"),
])
def test_a_catalogue_folder_alone_says_no_dialect(path, text, dialect):
    """No tool loads agents/specialists/ and every catalogue record has a header with `id`: a file there without one is
    a plain markdown persona, one with another dialect's header that dialect's (was: marketplace, on the path alone)."""
    found = agentconv.detect_text(text, path=path)
    assert found.dialect == dialect and not found.ambiguous
    hdr = "---\nname: analyst\ndescription: d\n---\nBody.\n"
    assert not agentconv.detect_text(hdr, path=".claude/agents/specialists/analyst.md").ambiguous  # was: claude or
    # marketplace, on the path alone


def test_a_group_roo_has_not_is_left_out_of_a_modes_file_written_fresh() -> None:
    """A mode naming a group Roo does not have (Kilo's 'ask') is given back as written alone (its own file, which Roo
    rejects too), but merged with other modes it would cost every mode of the new file (Roo validates the file as
    a whole): left out and reported; the next mode's tools, written exactly, carry nothing (one mode's loss was
    read as another's: a file of many records shares one report)."""
    from ruamel.yaml import YAML

    from agentconv.api import write_merged

    ask = "slug: a\nname: A\nroleDefinition: Do a.\ngroups: [read, ask, browser, edit]\n"
    plain = "slug: b\nname: B\nroleDefinition: Do b.\ngroups: [read]\n"
    assert agentconv.convert_text(ask, "roo", from_="roo", path="a.yaml").text == ask
    merged = write_merged([agentconv.read_text(ask, "roo", path="a.yaml")[0],
                           agentconv.read_text(plain, "roo", path="b.yaml")[0]], "roo")
    assert YAML(typ="safe").load(merged.text)["customModes"] == [
        {"slug": "a", "name": "A", "roleDefinition": "Do a.", "groups": ["read", "browser", "edit"]},
        {"slug": "b", "name": "B", "roleDefinition": "Do b.", "groups": ["read"]}]
    assert "agentconv-carry" not in merged.text
    assert [i.message for i in merged.report if i.code.value == "tool-unmapped"] == [
        "group 'ask' has no Roo name; not written (Roo rejects the whole file for it)"]


def test_validate_a_description_that_is_no_text_as_the_readers_take_it():
    """A Claude command's list description is loaded without it by Claude Code, its only reader: a warning (was: an
    error, exit 10); a skill's stays an error (the Agent Skills spec its other readers follow requires text)."""
    text = "---\ndescription:\n  - one\n---\nReview the diff.\n"
    command = validate_text(text, "claude-command", path=".claude/commands/review.md")
    assert [(f.severity.value, f.rule, f.message) for f in command] == [
        ("warning", "type", "'description' must be a string, not a list (Claude Code ignores it)")]
    skill = validate_text("---\nname: review\n" + text[4:], "skill", path=".claude/skills/review/SKILL.md")
    assert [(f.severity.value, f.rule) for f in skill if f.rule == "type"] == [("error", "type")]


@pytest.mark.parametrize("path, text", [
    (".claude/skills/tidy/SKILL.md", "# Tidy\n\nTidy the code.\n"),
    (".claude/skills/tidy/SKILL.md", "---\ndescription: Tidy the code\n---\nTidy.\n"),
    (".github/agents/planner.agent.md", "---\ndescription: Plans\ntools: ['search']\n---\nPlan.\n"),
])
def test_a_record_named_by_its_file_or_folder_alone_comes_back_without_a_name_key(path, text):
    """A SKILL.md without a header (or without `name`) is named by its folder, as Claude Code names it; converted to
    its own dialect it comes back byte for byte (was: a header with only `name` added, so no identity)."""
    out = agentconv.convert_text(text, to=agentconv.detect_text(text, path=path).dialect, path=path)
    assert out.text == text


def test_a_skill_folder_anywhere_is_a_skill():
    """skills/NAME/SKILL.md outside a tool's own folder (a plugin at a repository's root keeps its skills there): a
    skill, not a Claude agent (was: detected as claude by its header, converted as an agent, a name with ':' renamed)."""
    text = "---\nname: tidy\ndescription: Tidy the code\n---\nTidy.\n"
    assert agentconv.detect_text(text, path="skills/tidy/SKILL.md").dialect == "skill"
    assert agentconv.detect_text(text, path="tools/kit/skills/tidy/SKILL.md").dialect == "skill"
    assert agentconv.read_text(text, path="skills/tidy/SKILL.md")[0].agent.kind == "skill"
    assert agentconv.detect_text(text, path="docs/tidy.md").dialect == "claude"


def test_a_roo_mode_with_an_empty_slug_merged_with_others_keeps_a_slug(tmp_path):
    """A single-mode file with `slug: ''` is named from its text; merged with other modes into one .roomodes it is
    written with that slug (its name is no file's or folder's, so the rule that writes no name key for a record named
    by its place does not apply; was: no slug, and an internal error for every source of the file)."""
    from agentconv.batch import convert_many

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / ".yaml").write_text("slug: ''\nname: ''\nroleDefinition: ''\ncustomInstructions: '# Be Safe\n\n"
                                           "  Check.'\ngroups: [read]\n")
    (tmp_path / "in" / "b.yaml").write_text("slug: b\nname: B\nroleDefinition: Do b.\ngroups: [read]\n")
    results = list(convert_many([tmp_path / "in"], "roo", tmp_path / "out", from_="roo"))
    assert sorted(r.status for r in results) == ["converted", "converted"], [r.error for r in results]
    assert "  - slug: be-safe\n" in (tmp_path / "out" / ".roomodes").read_text()


@pytest.mark.parametrize("target", ["copilot", "opencode", "gemini", "marketplace"])
@pytest.mark.parametrize("gap", ["", "\n", "\n\n"])
def test_a_round_trip_gives_back_what_the_target_says_otherwise(target, gap):
    """A -> B -> A: `model: inherit` (B's default, left out of B: it rides in the side channel), a colour only the
    source's own tool spells (Claude Code's `magenta`, carried through B and written back as Claude spelled it), the
    display name a catalogue makes up from the name (not carried back) and the blank lines between header and prompt
    (B's tools skip them) come back as they were."""
    color = "red" if target == "copilot" else "magenta"  # Copilot keeps any colour in its metadata map: Claude's own
    src = f"---\nname: rt\ndescription: Reviews code.\nmodel: inherit\ncolor: {color}\n---\n{gap}You review.\n"
    out = agentconv.convert_text(src, target, from_="claude", path=".claude/agents/rt.md").text
    assert out.split("---\n")[-1] == gap + "You review.\n"
    assert agentconv.convert_text(out, "claude", from_=target, path=".claude/agents/rt.md").text == src


def test_a_carried_colour_is_written_back_only_as_text_spelled_by_the_dialect_itself():
    """The side channel's `from` is anyone's to write: a colour it gives back is written as spelled only when it is
    text and the payload says this very dialect spelled it; otherwise the target's own rule (carried, not written)."""
    def copilot(payload):
        return f"---\nname: c\ndescription: d\n# agentconv-carry: {payload}\n---\nBody.\n"
    listed = copilot('{"v":1,"from":"claude","digest":"0","fields":{"metadata.color":["red","blue"]}}')
    out = agentconv.convert_text(listed, "claude", from_="copilot", path="c.agent.md").text
    assert "\ncolor:" not in out
    other = copilot('{"v":1,"from":"gemini","digest":"0","fields":{"metadata.color":"magenta"}}')
    out = agentconv.convert_text(other, "claude", from_="copilot", path="c.agent.md").text
    assert "\ncolor:" not in out and '"metadata.color":"magenta"' in out
    own = copilot('{"v":1,"from":"claude","digest":"0","fields":{"metadata.color":"magenta"}}')
    assert "\ncolor: magenta\n" in agentconv.convert_text(own, "claude", from_="copilot", path="c.agent.md").text


def test_a_catalogue_key_kept_in_copilots_metadata_map_comes_back_as_a_key_of_its_own():
    """Claude Code reads a catalogue's `category:` (a key it ignores) as metadata, which Copilot keeps in its `metadata`
    map: back in Claude it is `category:` again. A map holding any entry no key of its name means (`author`) stays
    whole in the side channel, never split between header and comment."""
    src = "---\nname: rt\ndescription: Reviews code.\ncategory: quality\n---\nYou review.\n"
    out = agentconv.convert_text(src, "copilot", from_="claude", path=".claude/agents/rt.md").text
    assert "metadata:\n  category: quality\n" in out
    assert agentconv.convert_text(out, "claude", from_="copilot", path="rt.agent.md").text == src
    mixed = "---\nname: rt\ndescription: d\nmetadata:\n  category: quality\n  author: me\n---\nBody.\n"
    back = agentconv.convert_text(mixed, "claude", from_="copilot", path="rt.agent.md").text
    assert "\ncategory:" not in back and '"metadata.category":"quality"' in back and '"metadata.author":"me"' in back


@pytest.mark.parametrize("target", ["opencode-command", "copilot-prompt"])
def test_a_command_without_a_header_is_written_without_one_where_the_header_is_optional(target):
    """A Claude command that is only its prompt has nothing for a header: OpenCode (loadCommand spreads an empty data
    object) and VS Code (optional frontmatter) load such a file, so none is written (was `---\\n---` above it)."""
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text("\nAudit the code.\n", target, from_="claude-command", path=".claude/commands/audit.md",
                                 policy=policy)
    assert out.text == "\nAudit the code.\n"


def test_keys_written_for_another_dialects_fields_follow_the_sources_order():
    """The keys standing for fields the source wrote come in the source's order (each in one of the slots they
    take; a key the source has no field for stays where the table puts it), so A -> B -> A gives A's order back."""
    src = "---\nname: rt\ndescription: Reviews code.\nmodel: sonnet\ntools: Read, Grep\n---\nYou review.\n"
    out = agentconv.convert_text(src, "marketplace", from_="claude", path=".claude/agents/rt.md").text
    keys = [ln.split(":")[0] for ln in out.split("---\n")[1].splitlines() if ln[:1].isalpha()]
    assert keys.index("model") < keys.index("tools")
    back = agentconv.convert_text(out, "claude", from_="marketplace", path="agents/specialists/rt.md").text
    assert back == src


def test_a_file_scope_that_tests_case_written_where_file_rules_ignore_it_is_reported():
    """Claude Code matches file rules ignoring case (its gitignore matcher's default), Roo's fileRegex and OpenCode's
    wildcards do not: `\\.md$` written as Edit(*.md) also lets the agent edit NOTES.MD. More of a kind of access it
    holds: a tool-broadened warning and the exact policy carried; nothing said where the source ignores case too."""
    roo = ("customModes:\n  - slug: docs\n    name: Docs\n    roleDefinition: You write docs.\n    groups:\n"
           "      - read\n      - - edit\n        - fileRegex: \\.md$\n")
    with pytest.raises(BroadenError, match="whole tool"):  # a Claude Code subagent's Edit(*.md) is all of Edit
        agentconv.convert_text(roo, "claude", from_="roo", path=".roomodes")  # (test_claude_allow_scopes.py)
    claude = "---\nname: d\ndescription: d\ntools: Read, Edit(*.md), Bash(git log)\n---\nx\n"
    same = agentconv.convert_text(claude, "claude", from_="claude", path=".claude/agents/d.md")
    assert same.text == claude and not any(i.code.value == "tool-broadened" for i in same.report.items)


@pytest.mark.parametrize("quoted", ['"Debug issues: many hypotheses"', "'Debug the 'hard' issues'".replace("'hard'", "''hard''")])
def test_a_value_the_source_quoted_is_written_in_those_quotes(quoted):
    """A one-line value the source wrote in quotes is written fresh in the same quotes where the target writes the
    same value (`"..."` or `'...'`: YAML reads them alike), so that A -> B -> A gives A's spelling back."""
    src = f"---\ndescription: {quoted}\n---\nDebug $ARGUMENTS.\n"
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(src, "opencode-command", from_="claude-command", path=".claude/commands/dbg.md",
                                 policy=policy)
    assert out.text.startswith(f"---\ndescription: {quoted}\n")
    back = agentconv.convert_text(out.text, "claude-command", from_="opencode-command", path=".opencode/command/dbg.md",
                                  policy=policy)
    assert back.text == src


def test_keys_that_ride_in_the_side_channel_come_back_in_the_first_files_order():
    """Where some of a header's keys ride in the side channel (B has no field for them), the payload names the first
    file's key order (``keys``), so the write back into that dialect puts them where they were; a payload's ``keys``
    that is not a short list of short strings is ignored (it is anyone's text), and a key order the first dialect
    writes anyway is not named."""
    src = ("---\ndescription: Adds a changelog entry\ncategory: docs\nargument-hint: <version>\n"
           "model: sonnet\n---\nAdd $ARGUMENTS.\n")
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(src, "codex-prompt", from_="claude-command", path=".claude/commands/log.md",
                                 policy=policy).text
    assert '"keys":["description","category","argument-hint","model"]' in out
    back = agentconv.convert_text(out, "claude-command", from_="codex-prompt", path=".codex/prompts/log.md",
                                  policy=policy).text
    assert back == src
    keys = ',"keys":["description","category","argument-hint","model"]'

    def back_from(text: str) -> str:
        return agentconv.convert_text(text, "claude-command", from_="codex-prompt", path=".codex/prompts/log.md",
                                      policy=policy).text

    without = back_from(out.replace(keys, ""))  # no order named: Claude Code's own (the table's) order
    assert without != src and without.replace("category: docs\n", "") == src.replace("category: docs\n", "")
    for bad in ('["x","y"]', "[" + ",".join(['"k"'] * 65) + "]", '["a",2]', '"description"', '[]'):
        assert back_from(out.replace(keys, f',"keys":{bad}')) == without, bad  # anyone's text: checked, else unused
    plain = "---\ndescription: d\nargument-hint: <v>\n---\nBody.\n"  # Claude's own order: nothing to name
    assert '"keys"' not in agentconv.convert_text(plain, "codex-prompt", from_="claude-command",
                                                  path=".claude/commands/p.md", policy=policy).text


def test_a_catalogue_key_carried_through_plain_markdown_comes_back_as_a_key_of_its_own():
    """A Claude `category:` rides in a markdown persona's comment (it has no header); back in Claude it is a key of
    its own again where the first file had it (was: the comment, in Claude's header)."""
    src = "---\nname: rt\ndescription: Reviews code.\ncategory: quality\n---\n\nYou review.\n"
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(src, "markdown", from_="claude", path=".claude/agents/rt.md", policy=policy)
    assert '"metadata.category":"quality"' in out.text
    back = agentconv.convert_text(out.text, "claude", from_="markdown", path=out.path or "agents/rt.md", policy=policy)
    assert back.text == src


def test_copilots_metadata_map_takes_the_slot_of_the_key_it_holds():
    """A Claude `category:` before `description:` is written in Copilot's `metadata` map at that place, and back in
    Claude `category:` is where it was (was: after the description, Claude's order for a key it has no field for)."""
    src = "---\nname: rt\ncategory: quality\ndescription: Reviews code.\n---\nYou review.\n"
    out = agentconv.convert_text(src, "copilot", from_="claude", path=".claude/agents/rt.md").text
    assert out.startswith("---\nname: rt\nmetadata:\n  category: quality\ndescription: Reviews code.\n")
    assert agentconv.convert_text(out, "claude", from_="copilot", path="rt.agent.md").text == src


@pytest.mark.parametrize("target", ["copilot", "opencode", "gemini", "marketplace"])
@pytest.mark.parametrize("desc", ["description: >\n  Reviews code for\n  style issues.\n",
                                  "description: |-\n  Reviews code.\n  Says why.\n"])
def test_a_block_scalar_the_target_writes_with_the_same_value_is_written_as_the_source_wrote_it(target, desc):
    """A folded (`>`) or literal (`|`) description is written fresh as the source wrote it (its own line breaks) where
    the target writes the same key and value, so A -> B -> A gives it back (was: one line, or `|` for `>`)."""
    src = f"---\nname: rt\n{desc}---\n\nYou review.\n"
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(src, target, from_="claude", path=".claude/agents/rt.md", policy=policy)
    assert desc in out.text
    assert agentconv.convert_text(out.text, "claude", from_=target, path=out.path, policy=policy).text == src


def test_a_flow_list_is_written_as_the_source_wrote_it_and_a_plain_scalar_over_lines_is_not():
    """`tags: [a, b]` stays a flow list where the target writes it as a key; a plain scalar running over several
    lines is written fresh (VS Code's parser ends a plain scalar at the line break: never reused for any target)."""
    src = "---\nname: rt\ndescription: Reviews\n  code.\ntags: [review, style]\n---\n\nYou review.\n"
    out = agentconv.convert_text(src, "copilot", from_="claude", path=".claude/agents/rt.md").text
    assert "description: Reviews code.\n" in out
    back = agentconv.convert_text(out, "claude", from_="copilot", path="rt.agent.md").text
    assert "tags: [review, style]\n" in back and back.startswith("---\nname: rt\ndescription: Reviews code.\n")


def test_a_carried_value_comes_back_in_the_quotes_the_first_file_had():
    """A value that rides in the side channel (a Claude command's `argument-hint` through OpenCode) comes back in the
    quotes the first file wrote it in: the payload's `styles` names them, only where that spelling gives the source's
    line back exactly; a `styles` or `gap` member that is ill-formed is ignored (it is anyone's text)."""
    src = '---\ndescription: Debug issues\nargument-hint: "<file> [--scope files|module]"\n---\n\nDebug $ARGUMENTS.\n'
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(src, "opencode-command", from_="claude-command", path=".claude/commands/dbg.md",
                                 policy=policy).text
    assert '"styles":{"argument-hint":"\\""}' in out

    def back(text: str) -> str:
        return agentconv.convert_text(text, "claude-command", from_="opencode-command", path=".opencode/command/dbg.md",
                                      policy=policy).text

    assert back(out) == src
    plain = src.replace('argument-hint: "<file> [--scope files|module]"', "argument-hint: <file> [--scope files|module]")
    for bad in ('{"argument-hint":"x"}', '["argument-hint"]', '{"argument-hint":1}', '"\\""'):
        assert back(out.replace('{"argument-hint":"\\""}', bad)) == plain, bad
    for gap in ('"x\\n"', '"\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n"', "2"):
        assert back(out.replace('"styles"', f'"gap":{gap},"styles"')) == src, gap


@pytest.mark.parametrize("target", ["codex", "roo", "markdown"])
def test_blank_lines_before_the_prompt_ride_where_the_target_has_nowhere_for_them(target):
    """Two blank lines between a Claude header and its prompt: a TOML agent, a Roo mode or a markdown persona has no
    place for them, so the payload's `gap` says them where something rides anyway, and they come back."""
    src = "---\nname: rt\ndescription: Reviews code.\ncategory: quality\n---\n\n\nYou review.\n"
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(src, target, from_="claude", path=".claude/agents/rt.md", policy=policy)[0]
    assert '"gap":"\\n\\n"' in out.text
    assert agentconv.convert_text(out.text, "claude", from_=target, path=out.path, policy=policy).text == src


# Another dialect's key for a field this header already names (a marketplace `id` beside a Claude or Cursor `name`, a
# markdown `title` beside a `display_name`): the file's own key says the field; the other is kept as the file's own
# unknown key, written back as it came and reported where it goes nowhere. Before: the later key overwrote the
# earlier, the identity changed (`name: rev-7`) and nothing was said.
@pytest.mark.parametrize("dialect,path,text,field,value,kept", [
    ("claude", ".claude/agents/a.md", "---\nname: a\nid: rev-7\ndescription: d\n---\nBody.\n", "name", "a", "id"),
    ("cursor", ".cursor/agents/a.md", "---\nid: x\nname: a\ndescription: d\n---\nBody.\n", "name", "a", "id"),
    ("claude", ".claude/agents/a.md", "---\nname: a\ntitle: T\ndisplay_name: D\ndescription: d\n---\nBody.\n",
     "display_name", "T", "display_name"),
])
def test_another_dialects_key_for_a_field_already_named_is_kept_not_overwriting(dialect, path, text, field, value, kept):
    doc, _ = agentconv.read_text(text, dialect, path=path)
    assert getattr(doc.agent, field) == value
    assert doc.agent.extensions[dialect][kept] in ("rev-7", "x", "D")
    assert agentconv.convert_text(text, dialect, from_=dialect, path=path).text == text
    out = agentconv.convert_text(text, "copilot", from_=dialect, path=path)
    assert any(i.path == f"extensions.{dialect}.{kept}" for i in out.report)


# A `:` inside a plain scalar of a flow collection (`after: [ring:dev-devops]`, `{x: a:b}`) is text in YAML 1.2 and to
# the tools' parsers (eemeli yaml 2.9.1, PyYAML 6.0.4); the C loader agentconv reads with refused it, the header fell
# to the lenient reader and a skill's `metadata` was lost on the way to another dialect. Read strictly now.
@pytest.mark.parametrize("dialect,path,text,key,value", [
    ("skill", "skills/s/SKILL.md", "---\nname: s\ndescription: d\nmetadata:\n  seq:\n    after: [ring:dev-devops]\n---\n"
     "Body.\n", "metadata", {"seq": {"after": ["ring:dev-devops"]}}),
    ("claude", ".claude/agents/a.md", "---\nname: a\ndescription: d\nhours: {x: a:b}\n---\nBody.\n", "hours",
     {"x": "a:b"}),
])
def test_a_colon_inside_a_flow_scalar_is_read_strictly(dialect, path, text, key, value):
    out = agentconv.convert_text(text, dialect, from_=dialect, path=path)
    assert out.text == text
    assert not [i for i in out.report if i.code.value == "yaml-lenient"]
    from agentconv.envelopes import yamlio
    assert yamlio.load(text.split("---\n")[1])[key] == value


def test_yaml_the_pure_loader_refuses_too_keeps_the_c_loaders_error():
    from agentconv.envelopes import yamlio
    with pytest.raises(Exception, match="mapping values are not allowed"):
        yamlio.load("a: b: c\n")


# A `name` key the tool ignores (Gemini CLI's command schema has prompt and description, Codex's prompt frontmatter
# description and argument-hint; both name the command by its file): kept as the file's own key, never read as the
# name. Before: a Gemini command with one lost its comment, key order and quoting, and its `name` was overwritten by
# the path's; a Codex prompt's `name: A Title` was rewritten as the file stem.
@pytest.mark.parametrize("dialect,path,text", [
    ("gemini-command", ".gemini/commands/a.toml", '# generated\nname = "other"\ndescription = "d"\nprompt = """\nSay "hi".\n"""\n'),
    ("gemini-command", ".gemini/commands/a.toml", 'name = "a"\n\ndescription = "d"\nprompt = "x"\n'),
    ("codex-prompt", ".codex/prompts/a.md", "---\nname: A Title\ndescription: d\n---\nDo $ARGUMENTS\n"),
])
def test_a_name_key_the_command_tool_ignores_is_kept_as_written(dialect, path, text):
    doc, _ = agentconv.read_text(text, dialect, path=path)
    assert doc.agent.name == "a"
    assert agentconv.convert_text(text, dialect, from_=dialect, path=path).text == text
    out = agentconv.convert_text(text, "claude-command", from_=dialect, path=path)
    assert any(i.path == f"extensions.{dialect}.name" for i in out.report)


# A name Gemini CLI refuses in a subagent's `tools` (isValidToolName: "Read" copied from a Claude agent, an MCP tool
# without its mcp_<server>_ prefix) refuses the whole agent ("Invalid tool name"). Written back to gemini it is left
# out and said (narrower); before, it was kept as written and the output failed to load, with "nothing lost".
def test_a_tool_name_gemini_refuses_is_never_written_to_gemini():
    """Gemini CLI refuses an agent naming a tool isValidToolName rejects: a Gemini file that does is given back as it
    came (its tool loads nothing from it: file-rejected); written from another dialect, such a name is left out."""
    text = "---\nname: a\ndescription: d\ntools:\n  - read_file\n  - playwright_click\n  - Read\n  - mcp_pw_click\n---\nB.\n"
    out = agentconv.convert_text(text, "gemini", from_="gemini", path=".gemini/agents/a.md")
    assert out.text == text and [(i.code.value, i.line) for i in out.report] == [("file-rejected", 4)]
    assert "tools 'playwright_click', 'Read' are no names it knows" in out.report.items[0].message
    claude = agentconv.convert_text(text, "claude", from_="gemini", path=".gemini/agents/a.md").text
    back = agentconv.convert_text(claude, "gemini", from_="claude", path=".claude/agents/a.md")
    assert back.text == "---\nname: a\ndescription: d\ntools:\n  - read_file\n  - mcp_pw_click\n---\nB.\n"
    clean = "---\nname: a\ndescription: d\ntools:\n  - read_file\n  - mcp_pw_click\n---\nB.\n"
    assert agentconv.convert_text(clean, "gemini", from_="gemini", path=".gemini/agents/a.md").text == clean


@pytest.mark.parametrize("tail", ["", "\n\n$ARGUMENTS"])
def test_the_arguments_placeholder_added_for_codex_is_taken_off_on_the_way_back_only_where_it_was_added(tail):
    """Claude Code adds a command's arguments to a prompt without a placeholder, Codex drops them: `$ARGUMENTS` is
    written at the end of the Codex prompt, and the payload says so (`appended`, even where nothing else rides), so the
    way back takes it off; a source's own `$ARGUMENTS` at its end stays (was: kept, and taken off, respectively)."""
    src = f"---\ndescription: Audit the code\ncategory: quality\n---\n\nAudit the code.{tail}\n"
    policy = agentconv.Policy(placed=True)
    for text in (src, src.replace("category: quality\n", "")):
        out = agentconv.convert_text(text, "codex-prompt", from_="claude-command", path=".claude/commands/audit.md",
                                     policy=policy).text
        assert out.endswith("Audit the code.\n\n$ARGUMENTS\n") and ('"appended":"$ARGUMENTS"' in out) == (not tail)
        back = agentconv.convert_text(out, "claude-command", from_="codex-prompt", path=".codex/prompts/audit.md",
                                      policy=policy).text
        assert back == text
    if not tail:  # a payload naming anything else, or nothing: the text stays as it is
        for bad in (',"appended":"$1"', ""):
            forged = out.replace(',"appended":"$ARGUMENTS"', bad)
            back = agentconv.convert_text(forged, "claude-command", from_="codex-prompt",
                                          path=".codex/prompts/audit.md", policy=policy).text
            assert back.endswith("Audit the code.\n\n$ARGUMENTS\n"), bad


# A map field spread over the IR (a skill's or Copilot's `metadata`) holding no map to spread (`{}`, text): the file's
# own key, written back as it came and reported where it goes nowhere. Before: it vanished, "nothing lost".
@pytest.mark.parametrize("dialect,path,value", [
    ("skill", "skills/x/SKILL.md", "{}"), ("skill", "skills/x/SKILL.md", "hello"),
    ("claude", ".claude/agents/x.md", "{}"), ("copilot", ".github/agents/x.agent.md", "v2"),
])
def test_a_spread_map_field_holding_no_map_is_kept(dialect, path, value):
    text = f"---\nname: x\ndescription: d\nmetadata: {value}\n---\nBody.\n"
    assert agentconv.convert_text(text, dialect, from_=dialect, path=path).text == text
    out = agentconv.convert_text(text, "gemini", from_=dialect, path=path)
    assert any(i.path.endswith(".metadata") for i in out.report)


@pytest.mark.parametrize("target", ["roo", "opencode"])
def test_a_claude_file_scope_written_where_file_rules_test_case_is_said_to_narrow(target):
    """Claude Code ignores case in file rules (Edit(*.md) allows NOTES.MD); Roo's fileRegex and OpenCode's wildcards
    test it: written there, the other cases are no longer allowed, a tool-narrowed warning (was: nothing said). A
    scope with no letters, and Claude's own dialects (commands and skills use the same matchers), say nothing."""
    src = "---\nname: d\ndescription: d\ntools: Read, Edit(*.md)\n---\nx\n"
    out = agentconv.convert_text(src, target, from_="claude", path=".claude/agents/d.md")
    said = [(i.severity.value, i.message) for i in out.report.items if i.code.value == "tool-narrowed"]
    assert said == [("warning", f"Edit(*.md) written in {target} in its scope, which also forbids every other use of "
                     "Edit (Claude Code gave the agent the whole tool: it ignores the scope of such an entry)"),
                    ("warning", f"Edit(*.md) written for {target} (it matches file rules in the case written; Claude "
                     "Code ignores case), which also forbids the same paths in other cases")]
    digits = agentconv.convert_text(src.replace("*.md", "*.2024"), target, from_="claude", path=".claude/agents/d.md")
    assert not any(i.code.value == "tool-narrowed" and "other cases" in i.message for i in digits.report.items)
    command = "---\ndescription: d\nallowed-tools: Read, Edit(*.md)\n---\nx\n"
    same = agentconv.convert_text(command, "claude-command", from_="claude", path=".claude/agents/d.md")
    assert not any(i.code.value.startswith("tool-") and "case" in i.message for i in same.report.items)


def test_a_key_no_table_knows_is_said_unknown_not_an_access_setting():
    """A header key no dialect table names (`id`, `foo`) does not ride in the side channel because nothing says it
    grants nothing; the warning said "an access setting or text the side channel never sets" (helper unseen4
    noticed it). A key the table knows and never restores (Claude's permissionMode) keeps its reason."""
    text = "---\nname: a\nid: a-1\ndescription: d\npermissionMode: acceptEdits\n---\nBody\n"
    result = agentconv.convert_text(text, "gemini", from_="claude", path=".claude/agents/a.md")
    said = {i.path: i.message for i in result.report if i.code.value == "extension-dropped"}
    assert said == {
        "extensions.claude.id": "claude field 'id' has no place in gemini (not carried: a key agentconv does not know, "
                                "so never restored: it might grant access)",
        "extensions.claude.permissionMode": "claude field 'permissionMode' has no place in gemini (not carried: an "
                                            "access setting)"}


# Not Task into Gemini CLI, which gives a subagent no agent tool (test_gemini_withheld_agent_tool.py): nothing of it rides.
@pytest.mark.parametrize("target, tools", [
    (t, s) for t in ["gemini", "opencode", "copilot", "marketplace"]
    for s in ["Read, LS, Task, TodoWrite", "Read, Grep, TaskList, TaskGet", "MultiEdit, Read"]
    if (t, s) != ("gemini", "Read, LS, Task, TodoWrite")])
def test_tool_names_the_source_wrote_in_an_older_spelling_come_back_as_written(target, tools):
    """Claude Code keeps reading Task (now Agent), TodoWrite (now the four Task tools) and the removed LS, but writes
    none of them, and a part of the Task set comes back whole. Written elsewhere, the exact policy
    rides in the side channel (taken back only where it grants nothing the visible file does not), so A -> B -> A
    gives those names back, and TodoWrite stays the one tool it was (was: Agent, TaskCreate, TaskGet, ...)."""
    src = f"---\nname: rt\ndescription: Reviews code.\ntools: {tools}\n---\n\nYou review.\n"
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(src, target, from_="claude", path=".claude/agents/rt.md", policy=policy)
    assert '"fields":{"tools":' in out.text or target == "marketplace"  # the marketplace writes most Claude names
    back = agentconv.convert_text(out.text, "claude", from_=target, path=out.path, policy=policy)
    assert back.text == src
    plain = "---\nname: rt\ndescription: Reviews code.\ntools: Read, Grep, Agent\n---\n\nYou review.\n"
    assert "agentconv-carry" not in agentconv.convert_text(plain, target, from_="claude", path=".claude/agents/rt.md",
                                                           policy=policy).text  # spelled back anyway: nothing rides


@pytest.mark.parametrize("target", ["gemini", "opencode", "copilot", "marketplace"])
def test_a_part_of_a_set_comes_back_as_written_beside_a_tool_the_target_lost(target):
    """A tool the target cannot grant (SendMessage) made the whole carried policy wider than the file, so none of it
    rode, and TaskList, TaskGet came back as every task tool: TaskCreate and TaskUpdate gained on the way back
    (wshobson/agents' agent-teams agents, round trips through Copilot, OpenCode, Gemini). The policy rides less the
    lost tool: the rest comes back as written, the lost one stays lost (said on the way there)."""
    src = "---\nname: td\ndescription: Debugs.\ntools: Read, Bash, TaskList, TaskGet, SendMessage\n---\n\nDebug.\n"
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(src, target, from_="claude", path=".claude/agents/td.md", policy=policy)
    assert "tool 'SendMessage' has no" in "\n".join(i.message for i in out.report if i.code.value == "tool-unmapped")
    back = agentconv.convert_text(out.text, "claude", from_=target, path=out.path, policy=policy)
    assert back.text == src.replace(", SendMessage", "")


def test_claude_agent_scope_names_each_agent_type():
    """`Agent(worker, researcher)` lets a Claude Code agent spawn worker and researcher (2.1.330 splits the scope on
    commas): OpenCode gets a `task` rule for each, not one pattern `worker, researcher` that no agent name matches
    (which spawned none of them); the file in its own dialect stays as written."""
    text = "---\nname: lead\ndescription: Leads.\ntools: Agent(worker, researcher), Read\n---\nLead.\n"
    out = agentconv.convert_text(text, "opencode", from_="claude", path="lead.md").text
    assert "    worker: allow\n    researcher: allow\n" in out and "worker, researcher" not in out
    assert agentconv.convert_text(text, "claude", from_="claude", path="lead.md").text == text
    back = agentconv.convert_text(out, "claude", from_="opencode", path="lead.md").text
    assert "tools: Agent(worker), Agent(researcher), Read\n" in back


def test_one_agent_copied_into_several_folders_is_written_once_not_a_collision(tmp_path):
    """The same file in two plugins (a marketplace repository copies a command into each plugin that uses it) becomes
    the same bytes at the same path: written once, both converted to it, the copy says so (``source-repeated``). A
    third that becomes other bytes there still collides with both: nothing of it is written."""
    from agentconv.batch import convert_many

    text = "---\nname: reviewer\ndescription: Reviews code.\ntools: Read, Grep\n---\nReview.\n"
    for plugin in ("alpha", "beta"):  # one project's two folders (Claude Code reads .claude/agents/**)
        folder = tmp_path / "in" / ".claude" / "agents" / plugin
        folder.mkdir(parents=True)
        (folder / "reviewer.md").write_text(text)
    results = list(convert_many([tmp_path / "in"], "copilot", tmp_path / "out"))
    dest = str(tmp_path / "out/.github/agents/reviewer.agent.md")
    assert [(r.status, r.target) for r in results] == [("converted", dest)] * 2
    copy = str(tmp_path / "in/.claude/agents/beta/reviewer.md")
    said = [(i.severity.value, i.message) for r in results for i in r.report if i.code.value == "source-repeated"]
    assert said == [("info", f"{copy} becomes the very file {str(tmp_path / 'in/.claude/agents/alpha/reviewer.md')}"
                     f" becomes ({dest}): written once, for both")]
    assert [p.name for p in (tmp_path / "out").rglob("*.md")] == ["reviewer.agent.md"]
    folder = tmp_path / "in" / ".claude" / "agents" / "gamma"
    folder.mkdir(parents=True)
    (folder / "reviewer.md").write_text(text.replace("Review.", "Review twice."))
    results = list(convert_many([tmp_path / "in"], "copilot", tmp_path / "out3"))
    assert [r.status for r in results] == ["failed"] * 3 and not (tmp_path / "out3/.github").exists()


def test_an_old_key_beside_its_current_spelling_is_ignored_as_the_tool_ignores_it():
    """VS Code reads a prompt's agent as `agent ?? mode` (promptFileParser.ts) and OpenCode an agent's step limit as
    `steps ?? maxSteps` (config/agent.ts): with both keys written, the old one says nothing. It is not read as the
    current one (whose value stays), is reported, and comes back as written in its own dialect."""
    from agentconv.errors import BroadenError

    prompt = "---\nmode: agent\nagent: reviewer\ndescription: Review it\n---\n\nReview.\n"
    out = agentconv.convert_text(prompt, "copilot-prompt", from_="copilot-prompt", path="r.prompt.md")
    assert out.text == prompt
    assert [i.path for i in out.report if i.code.value == "value-invalid"] == ["extensions.copilot-prompt.mode"]
    with pytest.raises(BroadenError, match="agent 'reviewer'"):  # it runs in the agent `agent` names
        agentconv.convert_text(prompt, "opencode-command", from_="copilot-prompt", path="r.prompt.md")
    agent = "---\ndescription: Plans.\nmaxSteps: 5\nsteps: 12\n---\nPlan.\n"
    out = agentconv.convert_text(agent, "opencode", from_="opencode", path="plan.md")
    assert out.text == agent
    assert "extensions.opencode.maxSteps" in {i.path for i in out.report if i.code.value == "value-invalid"}


def test_another_tools_name_key_in_a_file_named_record_is_kept_as_written():
    """Claude Code and Codex name a command, VS Code a custom agent, by its file: an `id:` in its header (the
    marketplace's name key) means nothing to them. It is not the name: converted to its own dialect the file comes back
    as written (not `id: <file name>`), and the record elsewhere is named by its file."""
    for dialect, path in (("claude-command", ".claude/commands/debug.md"), ("codex-prompt", ".codex/prompts/debug.md"),
                          ("copilot", ".github/agents/debug.agent.md")):
        text = "---\nid: other\ndescription: d\n---\n\nBody.\n"
        assert agentconv.convert_text(text, dialect, from_=dialect, path=path).text == text, dialect
    made = agentconv.convert_text("---\nid: other\ndescription: d\n---\n\nBody.\n", "claude", from_="copilot",
                                  path=".github/agents/debug.agent.md").text
    assert made.startswith("---\nname: debug\n")


def test_a_prompt_file_in_vs_codes_prompt_folder_is_a_prompt_whatever_tools_it_lists():
    """VS Code types `.github/prompts/x.prompt.md` as a prompt file by its name (promptFileLocations.ts
    getPromptFileType): a real one listing VS Code's model-facing ids and `mcp_*` tool names was detected as a Gemini CLI
    agent (those are Gemini CLI's spellings too) and converted as one. In that folder no other dialect scores."""
    from agentconv.api import detect_text

    text = ("---\nname: Write tests\ndescription: Writes tests\nagent: agent\ntools: [read_file, list_dir, "
            "mcp_serena_read_memory, mcp_serena_write_memory, mcp_serena_list_memories, mcp_serena_edit_memory]\n---\n\n"
            "Write the tests.\n")
    assert detect_text(text, path=".gemini/agents/t.md").dialect == "gemini"  # in Gemini CLI's folder: its agent
    assert detect_text(text, path=".github/prompts/t.prompt.md").dialect == "copilot-prompt"
    assert detect_text(text.replace("agent: agent\n", ""), path=".github/agents/t.agent.md").dialect == "copilot"


def test_copilot_agents_scope_the_agent_tool_never_every_agent():
    """VS Code's `agents` lists the agents a custom agent may run as subagents (`[]`: none; custom-agents.md). Read as
    the agent tool's scope: Claude Code gets `Agent(...)` of them, OpenCode a task map allowing only them, Kiro its
    subagent tool with `toolsSettings.subagent.availableAgents` of them (kiro.toml [subagents]), a dialect that cannot
    scope delegation leaves the agent tool out (it would delegate to every agent; the marketplace catalogue), and the
    file comes back as written."""
    import json

    lead = "---\nname: lead\ndescription: Leads.\ntools: [read/readFile, agent]\nagents: [planner, coder]\n---\nLead.\n"
    assert agentconv.convert_text(lead, "copilot", from_="copilot", path="lead.agent.md").text == lead
    claude = agentconv.convert_text(lead, "claude", from_="copilot", path="lead.agent.md").text
    assert "Agent(planner)" in claude and "Agent(coder)" in claude and "Agent," not in claude + ","
    opencode = agentconv.convert_text(lead, "opencode", from_="copilot", path="lead.agent.md").text
    assert '  task:\n    "*": deny\n    planner: allow\n    coder: allow\n' in opencode
    kiro = json.loads(agentconv.convert_text(lead, "kiro", from_="copilot", path="lead.agent.md").text)
    assert kiro["tools"] == ["read", "subagent"] and kiro["toolsSettings"] == {"subagent": {"availableAgents": ["planner", "coder"]}}
    # the catalogue cannot scope the agent tool: left out, narrower, said (tools.toml [left_out]); it was refused
    catalogue = agentconv.convert_text(lead, "marketplace", from_="copilot", path="lead.agent.md")
    assert "tools:\n  - Read\n---" in catalogue.text
    assert any("left out" in i.message for i in catalogue.report if i.code.value == "tool-narrowed")
    # Gemini CLI gives a subagent no agent tool at all: none written, said (test_gemini_withheld_agent_tool.py)
    assert "invoke_agent" not in agentconv.convert_text(lead, "gemini", from_="copilot", path="lead.agent.md").text
    none = lead.replace("[planner, coder]", "[]")
    assert agentconv.convert_text(none, "copilot", from_="copilot", path="lead.agent.md").text == none
    assert "tools: Read\n" in agentconv.convert_text(none, "claude", from_="copilot", path="lead.agent.md").text
    every = lead.replace("[planner, coder]", "['*']")
    assert "tools: Read, Agent\n" in agentconv.convert_text(every, "claude", from_="copilot", path="lead.agent.md").text


def test_copilot_infer_false_is_disable_model_invocation_where_that_is_not_written():
    """GitHub: "`disable-model-invocation: true` is equivalent to `infer: false`. If both are set,
    `disable-model-invocation` takes precedence" (custom-agents-configuration.md). The retired key says the agent is
    chosen by the user only: OpenCode `mode: primary`; its own dialect gives it back as written."""
    gate = "---\nname: gate\ndescription: Gates.\ntools: [read/readFile]\ninfer: false\n---\nGate.\n"
    assert agentconv.convert_text(gate, "copilot", from_="copilot", path="gate.agent.md").text == gate
    assert "\nmode: primary\n" in agentconv.convert_text(gate, "opencode", from_="copilot", path="gate.agent.md").text
    both = gate.replace("infer: false\n", "infer: false\ndisable-model-invocation: false\n")
    assert "\nmode:" not in agentconv.convert_text(both, "opencode", from_="copilot", path="gate.agent.md").text


def test_a_map_fields_entry_is_not_overwritten_by_another_dialects_top_level_key():
    """A skill with `version:` at the top and `metadata: {version:}` (agentskills.io's map; a real template writes
    both): the top-level key is marketplace's metadata.version, which the map's entry already says. Read as the file's
    own unknown key, neither value is lost and the file comes back byte for byte (it lost the top-level value,
    unreported, and the map's quoting). Copilot's `metadata` map beside Claude's `color` likewise."""
    skill = ('---\nname: foo\nversion: "2"\ndescription: d\nmetadata:\n  version: "1"\n  spec: "x"\n---\nBody.\n')
    out = agentconv.convert_text(skill, "skill", from_="skill", path="foo/SKILL.md")
    assert out.text == skill
    claude = agentconv.convert_text(skill, "claude", from_="skill", path="foo/SKILL.md")
    assert '"metadata.version":"1"' in claude.text
    assert any(i.path == "extensions.skill.version" for i in claude.report.items)  # the other value: reported
    copilot = ("---\nname: foo\ndescription: d\ncolor: red\nmetadata:\n  color: blue\n---\nBody.\n")
    assert agentconv.convert_text(copilot, "copilot", from_="copilot", path="foo.agent.md").text == copilot


def test_a_kiro_agents_null_model_comes_back_as_written():
    """`"model": null` (Kiro's default model; a real Kiro agent set writes it): the IR holds no model, and the same
    file came back without the key and re-indented whole (its one-line arrays spread over lines). JSON keeps no
    header chunks, so the source's top-level nulls are read from its data; other dialects write nothing for it."""
    text = ('{\n  "name": "a",\n  "description": "d",\n  "prompt": "p",\n  "model": null,\n  "tools": ["read"],\n'
            '  "resources": ["file://x"]\n}\n')
    out = agentconv.convert_text(text, "kiro", from_="kiro", path=".kiro/agents/a.json")
    assert out.text == text and not out.report.items
    assert "model" not in agentconv.convert_text(text, "claude", from_="kiro", path=".kiro/agents/a.json").text


def test_an_opencode_permission_entry_replaces_the_tools_switch_of_the_same_key():
    """OpenCode turns `tools` into permissions and merges `permission` over them: `tools: {bash: true}` beside
    `permission: {bash: {"*": deny, "git *": allow}}` leaves only the two bash rules (opencode-ai 1.18.33 `debug agent`,
    run 2026-11-27). The switch was read as a grant of its own beside the rules: Claude got `Bash` unscoped (every
    command). And `tools: {bash: false}` beside `permission: {bash: {"git *": allow}}` is bash on, as OpenCode runs it."""
    text = ('---\ndescription: d\nmode: subagent\ntools:\n  "*": false\n  read: true\n  bash: true\npermission:\n'
            '  bash:\n    "*": deny\n    "git *": allow\n---\np\n')
    with pytest.raises(BroadenError, match=r"bash\(git \*\) as the whole tool"):  # only `git *`: no Bash(git *) holds it there
        agentconv.convert_text(text, "claude", from_="opencode", path=".opencode/agent/a.md")
    assert agentconv.convert_text(text, "opencode", from_="opencode", path=".opencode/agent/a.md").text == text
    off = '---\ndescription: d\ntools:\n  bash: false\npermission:\n  bash:\n    "git *": allow\n---\np\n'
    assert "tools:" not in agentconv.convert_text(off, "claude", from_="opencode", path=".opencode/agent/a.md").text


def test_a_tools_map_in_a_dialect_that_reads_one_its_own_way_comes_back_as_written():
    """OpenCode's `tools: {write: false, ...}` in a Claude agent (a real OpenCode agent set kept in a folder Claude
    also reads): Claude Code reads the map as no tools ([parser] map_tools = "none"), and the same file came back as
    `tools: ""`, which says the same but is not what was written. Kept as written while it reads so, as a list or a
    comma string is; VS Code's ignored map likewise. Another dialect still gets what Claude Code reads: no tools."""
    text = "---\nname: a\ndescription: d\ntools:\n  write: false\n  bash: false\n---\nBody.\n"
    for dialect, path in (("claude", ".claude/agents/a.md"), ("copilot", ".github/agents/a.agent.md")):
        out = agentconv.convert_text(text, dialect, from_=dialect, path=path)
        assert out.text == text and any(i.code.value == "value-invalid" for i in out.report.items), dialect
    assert 'permission:\n  "*": deny\n' in agentconv.convert_text(text, "opencode", from_="claude",
                                                                   path=".claude/agents/a.md").text


def test_opencodes_guards_are_not_read_as_tools_and_a_non_default_one_is_said():
    """`external_directory` (a path outside the project) and `doom_loop` (one call repeated) are OpenCode permissions
    that guard a situation, both "ask" by default (opencode-ai 1.18.33 `debug agent`). They were read as an MCP tool
    (server `external`): Claude got `mcp__external__directory` in its lists and a `deny` was lost unreported."""
    text = ("---\ndescription: d\nmode: subagent\npermission:\n  external_directory: deny\n  doom_loop: ask\n"
            "  edit: deny\n---\nBody.\n")
    out = agentconv.convert_text(text, "claude", from_="opencode", path=".opencode/agent/a.md",  # Claude Code asks:
                                 policy=agentconv.Policy(allow_broaden=True))  # refused else (test_opencode_outside_project)
    assert "mcp__" not in out.text
    assert "\ndisallowedTools: Edit, Write, NotebookEdit, EnterWorktree, ExitWorktree\n" in out.text
    said = [i.message for i in out.report.items if i.code.value == "field-dropped"]
    assert len(said) == 1 and "external_directory: deny" in said[0]  # doom_loop: ask is OpenCode's default
    assert agentconv.convert_text(text, "opencode", from_="opencode", path=".opencode/agent/a.md").text == text


def test_a_gemini_agent_gemini_cli_refuses_comes_back_as_it_came_and_is_said():
    """Gemini CLI refuses a subagent file whole for a key its strict schema lacks, a tool name isValidToolName rejects,
    an empty name or description, or a name off its rule (agentLoader.ts; validate-gemini 0.61.0 on 164 real files:
    the files said here are the ones it refuses). Such a file is said (file-rejected, at the line) and, into its own
    dialect, given back as it came (it was repaired: keys dropped, the tool left out, a name made up); into another
    dialect it is read leniently, as before."""
    text = "---\nname: \ndescription: Reviews.\nauthor: me\ntools:\n  - read_file\n  - make_directory\n---\nBody.\n"
    same = agentconv.convert_text(text, "gemini", from_="gemini", path=".gemini/agents/rev.md")
    assert same.text == text
    said = [(i.line, i.message.split(",")[0]) for i in same.report if i.code.value == "file-rejected"]
    assert said == [(4, "'author' is no key of its schema"), (2, "'name' is empty"),
                    (5, "tool 'make_directory' is no name it knows")]
    out = agentconv.convert_text(text, "claude", from_="gemini", path=".gemini/agents/rev.md")
    assert "make_directory" not in out.text and "name: rev\n" in out.text
    assert sum(i.code.value == "file-rejected" for i in out.report) == 3
    named = "---\nname: Code Reviewer\ndescription: d\n---\nBody.\n"  # off ^[a-z0-9-_]+$: refused, kept as it came
    same = agentconv.convert_text(named, "gemini", from_="gemini", path=".gemini/agents/code-reviewer.md")
    assert same.text == named and [i.code.value for i in same.report if i.severity.value == "warning"] == [
        "file-rejected"]
    loads = "---\nname: rev\ndescription: d\ntools:\n  - read_file\n  - mcp_github_get_issue\n---\nBody.\n"
    same = agentconv.convert_text(loads, "gemini", from_="gemini", path=".gemini/agents/rev.md")
    assert same.text == loads and not [i for i in same.report if i.code.value == "file-rejected"]
    empty = "---\nname:\ndescription: d\n---\nBody.\n"  # a Claude agent whose name is left empty: the same rule
    same = agentconv.convert_text(empty, "claude", from_="claude", path=".claude/agents/rev.md")
    assert same.text == empty and [i.code.value for i in same.report if i.severity.value == "warning"] == [
        "file-rejected"]


@pytest.mark.parametrize("dialect, path", [("claude", ".claude/agents/a.md"), ("copilot", ".github/agents/a.agent.md"),
                                           ("opencode", ".opencode/agent/a.md")])
def test_a_key_holding_a_colon_comes_back_in_its_place(dialect, path):
    """A plain YAML key may hold a colon not followed by a blank (`ticket:id: 42`, `x-vendor:flag: true`); the
    header's splitter took only keys without one, so such a line was no key to it and the key was written back at the
    header's end: same dialect, not byte for byte. Lenient reading cuts a line at its first ': ' still."""
    text = "---\nname: a\nticket:id: 42\ndescription: d\nx:y:z: true\n---\nBody.\n"
    out = agentconv.convert_text(text, dialect, from_=dialect, path=path)
    assert out.text == text
    lenient = "---\nname: a\ndescription: Use it: for x\nticket:id: 42\n---\nBody.\n"
    doc, _ = agentconv.read_text(lenient, "claude", path=".claude/agents/a.md")
    assert doc.agent.description == "Use it: for x"
