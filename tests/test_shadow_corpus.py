"""Classes of problems found by sweeping a shadow corpus of real agent files from public repositories the main
corpus does not hold (helper unseen5, 2026-11-27; the corpus stays outside the project). Synthetic inputs only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv import Policy
from agentconv.validate import validate_text

PLACED = Policy(placed=True)  # written where its name is the file's: nothing else to say in a header
DIFF_FIRST = "--- a/app.ts\n+++ b/app.ts\nApply the patch above.\n\n---\n\nThen run the tests.\n"


@pytest.mark.parametrize("to", ["claude-command", "opencode-command", "codex-prompt"])
def test_a_prompt_whose_first_line_starts_with_dashes_gets_an_empty_header(to):
    """A headerless prompt that opens with `--- a/app.ts` (a pasted diff) was written as it is: gray-matter (OpenCode)
    takes that line as a header's opening with the language "a/app.ts" and fails to load the command, and strict
    frontmatter readers see a header never opened right. An empty header says where the prompt starts."""
    out = agentconv.convert_text(DIFF_FIRST, to=to, from_="copilot-prompt", path=".github/prompts/fix.prompt.md",
                                 policy=PLACED)
    said = "disable-model-invocation: true\n" if to == "claude-command" else ""  # only the user ran the prompt file
    assert out.text == "---\n" + said + "---\n" + DIFF_FIRST
    back = agentconv.convert_text(out.text, to=to, from_=to, path="x/fix.md", policy=PLACED)
    assert back.text == out.text


@pytest.mark.parametrize("dialect,path", [("copilot-prompt", ".github/prompts/fix.prompt.md"),
                                          ("claude-command", ".claude/commands/fix.md")])
def test_the_same_file_in_its_own_dialect_gets_the_empty_header_too(dialect, path):
    """Its own tool reads no header there (VS Code and Claude Code open one only on a line of dashes alone), a strict
    reader a header never opened right (fifth shadow corpus: two prompts opening with `--- /dev/null` were invalid
    outputs): the empty header says where the prompt starts for every reader; the prompt is the same."""
    out = agentconv.convert_text(DIFF_FIRST, to=dialect, from_=dialect, path=path, policy=PLACED)
    assert out.text == "---\n---\n" + DIFF_FIRST
    back = agentconv.convert_text(out.text, to=dialect, from_=dialect, path=path, policy=PLACED)
    assert back.text == out.text and agentconv.read_text(out.text, dialect, path=path)[0].agent.prompt == \
        agentconv.read_text(DIFF_FIRST, dialect, path=path)[0].agent.prompt


@pytest.mark.parametrize("under", [".opencode/skill", ".opencode/skills"])
def test_a_skill_in_opencodes_own_folder_keeps_a_directory_name_off_the_rule(under, tmp_path):
    """OpenCode names a skill by its header and asks nothing of its directory: a skill folder `code--web` (a double
    dash the Agent Skills rule refuses) whose header says `name: code` comes back byte for byte in its own dialect,
    where it was rewritten to `code-web` with a side channel to undo it."""
    text = "---\nname: code\ndescription: Code workflows.\n---\n\nUse the web workflow.\n"
    path = tmp_path / under / "code--web" / "SKILL.md"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    out = agentconv.convert(path, to="skill", from_="skill")
    assert out.text == text
    assert any("kept as written" in i.message for i in out.report)


@pytest.mark.parametrize("folder", [".claude/skills/SYNC_DOC", ".opencode/skill/code--web"])
def test_a_header_name_equal_to_a_kept_directory_off_the_rule_is_kept_too(folder):
    """A skill converted to itself stays in its own directory where that breaks the Agent Skills rule; a header `name`
    equal to that directory was rewritten to the rule (`sync-doc`, with a side channel), so the header no longer
    named the directory the skill stays in (VS Code skips such a skill). It is kept, and said once."""
    name = folder.rsplit("/", 1)[-1]
    text = f"---\nname: {name}\ndescription: d\n---\nBody.\n"
    out = agentconv.convert_text(text, "skill", from_="skill", path=f"{folder}/SKILL.md")
    assert out.text == text
    assert [i.code.value for i in out.report] == ["value-invalid"]


@pytest.mark.parametrize("dialect,path", [("copilot", ".github/agents/arch.agent.md"),
                                          ("copilot-prompt", ".github/prompts/arch.prompt.md")])
@pytest.mark.parametrize("tools", ["read, edit", "read/readFile, github.vscode-pull-request-github/issue_fetch, todo",
                                   "read, edit  # Do not change formatting of tools list, managed by VS Code."])
def test_a_comma_string_of_tools_is_vs_codes_own_form_and_comes_back_byte_for_byte(dialect, path, tools):
    """VS Code splits a scalar `tools` at commas and GitHub.com documents "a comma separated string and yaml string
    array" (sixth shadow corpus: 13 agents written so by VS Code itself): converted to its own dialect, the comma
    string was rewritten as a list. Kept; another dialect's file is still written as a list."""
    text = f"---\ndescription: Architect.\ntools: {tools}\n---\nPlan it.\n"
    out = agentconv.convert_text(text, dialect, from_=dialect, path=path)
    assert out.text == text
    fresh = agentconv.convert_text("---\nname: arch\ndescription: d\ntools: Read, Grep\n---\nB\n", dialect,
                                   from_="claude", path=".claude/agents/arch.md", policy=Policy(carry=False))
    assert fresh.text == ("---\nname: arch\n" if dialect == "copilot" else "---\n") + \
        "description: d\ntools:\n  - read/readFile\n  - search/textSearch\n---\nB\n"
    ignored = agentconv.convert_text(text.replace(tools, "read_file, grep_search"), dialect, from_=dialect, path=path)
    assert "tools:\n  - read/readFile\n  - search/textSearch\n" in ignored.text  # ids VS Code ignores: its own names


@pytest.mark.parametrize("folder", ["Agent-Skills-for-Context-Engineering", "owner__repo", "My Skill"])
def test_a_repository_root_skill_named_otherwise_comes_back_byte_for_byte(folder):
    """A repository that is one skill keeps SKILL.md at its root: the directory (wherever it is cloned, off the Agent
    Skills rule here) names it and its header says otherwise. Converted to its own dialect it was written with a side
    channel carrying the old directory's name (seventh shadow corpus); now as it was, the new directory said."""
    text = "---\nname: context-engineering\ndescription: Skills for context engineering.\n---\n\n# Skills\n"
    out = agentconv.convert_text(text, "skill", from_="skill", path=f"{folder}/SKILL.md")
    assert out.text == text
    assert out.path.startswith(".claude/skills/") and out.path.endswith("/SKILL.md")
    assert [i.code.value for i in out.report] == ["name-conflict", "name-changed"]
    back = agentconv.convert_text(out.text, "skill", from_="skill", path=out.path)
    assert back.text == text and back.path == out.path


@pytest.mark.parametrize("source,path,text", [
    ("opencode-command", ".opencode/command/fix.md", "---\ndescription: Fix it\nargument-hint: \"<issue>\"\n---\nFix $ARGUMENTS.\n"),
    ("gemini-command", ".gemini/commands/fix.toml",
     'description = "Fix it"\nargument-hint = "<issue>"\nprompt = "Fix {{args}}."\n'),
])
@pytest.mark.parametrize("to", ["claude-command", "copilot-prompt", "codex-prompt"])
def test_a_command_key_in_another_command_dialect_is_read_as_a_commands(source, path, text, to):
    """`argument-hint` (Claude Code's, VS Code's and Codex's command key) written in an OpenCode or Gemini CLI command,
    which ignore it, was read as a Copilot AGENT's key (the first dialect naming it), so a command target that has the
    key carried it in a comment instead of writing it: the hint was gone from the target's UI."""
    out = agentconv.convert_text(text, to=to, from_=source, path=path, policy=PLACED)
    assert 'argument-hint: "<issue>"\n' in out.text or "argument-hint: <issue>\n" in out.text
    # nothing carried; a Copilot prompt holding agentconv's neutral {{args}} has a side channel all the same, so that
    # the way back reads it as the placeholder (a file agentconv did not write holds the tool's literal text)
    carried = [line for line in out.text.splitlines() if "agentconv-carry" in line]
    if to == "copilot-prompt":
        assert len(carried) == 1 and '"fields":{}}' in carried[0]
    else:
        assert carried == []


# Sixth shadow corpus (helper unseen6, 2026-11-27), through the real loaders (/work/shared/tools/clients).

GEMINI_KIND = "---\nname: architect\ndescription: Designs systems.\nkind: {kind}\ntools: [\"read_file\"]\n---\n\nDesign it.\n"


def test_a_gemini_kind_gemini_cli_refuses_is_said_and_never_written_from_another_file():
    """`kind: TASK` in a Gemini subagent: Gemini CLI's schema takes only `local` or `remote` (agentLoader.ts, zod
    literals) and refuses the agent ("kind: Invalid literal value"). Its own file is given back as it came, said
    (file-rejected, as any file its tool loads nothing from); a write from another record leaves it out (local)."""
    text = GEMINI_KIND.format(kind="TASK")
    out = agentconv.convert_text(text, to="gemini", from_="gemini", path=".gemini/agents/architect.md")
    assert out.text == text and [(i.code.value, i.line) for i in out.report] == [("file-rejected", 4)]
    doc, _ = agentconv.read_text(text, "gemini", path=".gemini/agents/architect.md")
    doc.agent.origin = None  # the same record, written afresh (as from another file)
    fresh = agentconv.write(doc, "gemini")
    assert "kind:" not in fresh


@pytest.mark.parametrize("kind", ["local"])
def test_a_gemini_kind_gemini_cli_takes_comes_back_byte_for_byte(kind):
    text = GEMINI_KIND.format(kind=kind)
    out = agentconv.convert_text(text, to="gemini", from_="gemini", path=".gemini/agents/architect.md")
    assert out.text == text


@pytest.mark.parametrize("path", [".cursor/skills/forms/layout/SKILL.md", "skills/.curated/pdf/SKILL.md",
                                  "archive/v2/claude-skills/pdf/SKILL.md", "pdf/SKILL.md"])
def test_a_skill_md_off_the_known_skill_folders_is_a_skill(path):
    """The Agent Skills spec fixes the file name: a SKILL.md in a folder no table lists (Cursor's nested skill groups,
    a catalogue's archive) was read as a Claude agent by its `name` key, and converted as an agent (lead, 2026-11-28:
    212 of 2,882 real SKILL.md files). It is a skill, named by its directory."""
    text = "---\nname: pdf\ndescription: Fill PDF forms.\n---\nUse the form tool.\n"
    found = agentconv.detect_text(text, path=path)
    assert found.dialect == "skill"
    out = agentconv.convert_text(text, "opencode-command", path=path)
    assert out.source == "skill" and "Use the form tool." in out.text
    assert agentconv.convert_text(text, "skill", path=path).text == text


CLAUDE_RETRY = [  # (header, Claude Code loads it): its reader quotes top-level values and parses again
    ("name: a\ndescription: Use this: for review\n", True),
    ("name: a\ndescription: Use it when asked.\n  Examples: one\n", False),
    ("name: a\ndescription: d\nhooks:\n  Stop:\n    - command: echo \"BLOCK: x\"\n", False),
    ("name: a\ndescription: Use it. Examples:\n  <example>\n  Context: c\n  </example>\n", False),
]


@pytest.mark.parametrize("header,loads", CLAUDE_RETRY)
def test_a_claude_header_its_own_retry_cannot_read_is_said_rejected(header, loads):
    """Claude Code 2.1.330 reads a header strict YAML rejects a second time with each top-level plain value holding
    `: ` (or another YAML indicator) double-quoted; a `: ` on a continuation line or in a nested list still fails, and
    it loads no agent from the file (`claude plugin validate`: "does not load at all"; on 691 real .claude/agents files
    the three it fails so are the three said here). Such a file was converted as if it loaded, with yaml-lenient only."""
    text = f"---\n{header}---\nReview the change.\n"
    for path in (".claude/agents/a.md", "plugins/p/agents/a.md"):
        out = agentconv.convert_text(text, "copilot", from_="claude", path=path)
        rejected = [i for i in out.report if i.code.value == "file-rejected"]
        assert bool(rejected) == (not loads and path.startswith(".claude/")), (path, out.report)
    findings = validate_text(text, dialect="claude", path=".claude/agents/a.md")
    said = " ".join(f.message for f in findings)
    assert ("loads nothing from the file" in said) == (not loads)
    assert ("claude tolerates it" in said) == loads


@pytest.mark.parametrize("parent,kept", [(".ai/skills", True), ("docs/skills", True), (".gemini/skills", True),
                                         (".codex/skills", True), (".claude/skills", True), (".agents/skills", False),
                                         (".roo/skills-code", False), ("skills", False), ("plugins/p/skills", False)])
def test_a_skill_directory_off_the_rule_is_kept_where_no_reader_holds_names_to_it(parent, kept):
    """Only Roo and Agent Plugins clients skip a skill whose name breaks the Agent Skills rule; Gemini CLI and Codex
    check only lengths. A skill in a folder none of them reads (`.ai/skills/git--summary`: 14 real skills of one
    repository) was rewritten to `git-summary` with a side channel in its own dialect; now it comes back as it came."""
    text = "---\nname: git--summary\ndescription: Sums up a branch.\n---\nBody.\n"
    out = agentconv.convert_text(text, "skill", from_="skill", path=f"{parent}/git--summary/SKILL.md")
    assert (out.text == text) == kept
    assert out.path == (".claude/skills/git--summary/SKILL.md" if kept else ".claude/skills/git-summary/SKILL.md")


@pytest.mark.parametrize("source,path,key", [("claude", ".claude/agents/dbg.md", "tools"),
                                             ("claude-command", ".claude/commands/dbg.md", "allowed-tools"),
                                             ("skill", ".claude/skills/dbg/SKILL.md", "allowed-tools")])
@pytest.mark.parametrize("scope", ["*", ""])
def test_a_claude_tool_scope_of_a_star_is_the_whole_tool(source, path, key, scope):
    """Claude Code's rule parser takes `Bash(*)` and `Bash()` as the tool-wide rule (2.1.330): read so, never a scope
    a target cannot write (8 real agents were refused into Gemini CLI and Kiro for 'the scope of Bash(*)')."""
    text = f'---\nname: dbg\ndescription: d\n{key}: ["Read", "Bash({scope})"]\n---\nB\n'
    doc, _ = agentconv.read_text(text, source, path=path)
    assert [(g.canonical, g.pattern) for g in doc.agent.tools.grants] == [("read", None), ("bash", None)]
    if source == "claude":
        out = agentconv.convert_text(text, "gemini", from_=source, path=path)
        assert "  - run_shell_command\n" in out.text
    assert agentconv.convert_text(text, source, from_=source, path=path).text == text


@pytest.mark.parametrize("path,text", [
    ("package.json", '{"name": "web-app", "version": "1.0.0", "description": "an app"}'),
    ("tools/pkg/composer.json", '{"name": "acme/lib", "description": "a library"}'),
])
def test_a_json_manifest_off_kiros_places_is_no_kiro_agent(path, text):
    """``name`` and ``description`` are every JSON manifest's: off .kiro/agents/ a Kiro agent holds a key of its own
    schema (kiro.toml [detect] own_keys); a package.json was read as a Kiro agent named after the package."""
    assert agentconv.detect_text(text, path=path).dialect is None
    with pytest.raises(agentconv.UnknownDialectError):
        agentconv.convert_text(text, to="claude", path=path)
    assert agentconv.detect_text(text, path=".kiro/agents/web-app.json").dialect == "kiro"  # where Kiro keeps agents
    for own in (text[:-1] + ', "tools": ["fs_read"]}', text[:-1] + ', "prompt": "You review."}'):
        assert agentconv.detect_text(own, path=path).dialect == "kiro"  # a key of Kiro's own schema, its prompt too


def test_a_toml_file_with_a_name_off_codexs_places_is_no_codex_role():
    """A top-level ``name`` is no Codex role by itself (a wrangler.toml has one): off .codex/agents/ a role holds its
    developer_instructions or a key only a role has (codex.toml [detect] own_keys)."""
    text = 'name = "edge-worker"\nmain = "src/index.ts"\n'
    assert agentconv.detect_text(text, path="wrangler.toml").dialect is None
    assert agentconv.detect_text(text, path=".codex/agents/edge.toml").dialect == "codex"
    role = 'name = "edge"\ndescription = "Reviews."\ndeveloper_instructions = "Review the diff."\n'
    assert agentconv.detect_text(role, path="roles/edge.toml").dialect == "codex"


@pytest.mark.parametrize("name", ["marketplace.json", "plugin.json"])
def test_a_claude_package_manifest_is_no_agent_file(name):
    """A Claude Code marketplace or plugin manifest lists a package's records: converting it alone was reading it as a
    Kiro agent named after the catalogue (its `mcpServers` a Kiro key). Said for what it is, exit 4."""
    text = '{"name": "tools", "owner": {"name": "a"}, "mcpServers": {}, "plugins": []}'
    path = f"repo/.claude-plugin/{name}"
    found = agentconv.detect_text(text, path=path)
    assert found.dialect is None and found.problem == f"{path}: a Claude Code {name[:-5]} manifest, not an agent file"
    with pytest.raises(agentconv.UnknownDialectError, match=f"a Claude Code {name[:-5]} manifest, not an agent file"):
        agentconv.convert_text(text, to="copilot", path=path)
    assert agentconv.convert_text(text, to="copilot", path=path, from_="kiro").text  # named, it is read as asked


CODEX_TOOLS_TABLE = ('name = "scout"\ndescription = "Maps the code."\ndeveloper_instructions = "Map the code."\n\n'
                     '[tools]\nweb_search = true\nview_image = false\n')


def test_a_codex_roles_tools_table_is_its_own_config_key_not_a_tool_list():
    """``[tools]`` in a Codex role is Codex's own config table (codex-rs ConfigToml ``tools: ToolsToml``: web_search,
    view_image; a role is a config layer), which Codex 0.169.0 loads (validate-codex). It was read as another tool's
    tool list: an allowlist of web search alone, so the role could not even come back into Codex (refused as wider)
    and other tools got a one-tool agent the role never was (sixteenth shadow corpus: roles with ``[tools]``)."""
    path = ".codex/agents/scout.toml"
    assert agentconv.convert_text(CODEX_TOOLS_TABLE, to="codex", from_="codex", path=path).text == CODEX_TOOLS_TABLE
    out = agentconv.convert_text(CODEX_TOOLS_TABLE, to="claude", from_="codex", path=path)
    assert "tools:" not in out.text  # the session's tools, as the role has
    assert any(i.code == "extension-dropped" and "tools" in i.path for i in out.report.items)
    # a list there is no Codex table (Codex rejects it): still read as the tool list it copies, never as none (wider)
    listed = 'name = "r"\ndescription = "d"\ndeveloper_instructions = "Read."\ntools = ["Read", "Grep"]\n'
    assert agentconv.read_text(listed, "codex", path=path)[0].agent.tools.mode == "allowlist"


@pytest.mark.parametrize("dialect,path", [("skill", ".claude/skills/x/SKILL.md"), ("claude", ".claude/agents/x.md")])
def test_a_header_with_a_stray_cr_comes_back_byte_for_byte(dialect, path):
    """A CRLF file whose header has a line ending CR CR LF (an editor's doubled CR): YAML reads the CR as a line break
    and the header was written back with CRLF there, so the file did not come back byte for byte in its own dialect
    (sixteenth shadow corpus: a SKILL.md). Unchanged but for how its lines end, it is given back as it came."""
    raw = "---\r\nname: x\r\ndescription: Designs modules.\r\r\nmodel: opus\n---\r\n\r\nDesign it.\r\n"
    got = agentconv.convert_text(raw.encode(), to=dialect, from_=dialect, path=path).text
    assert got == raw


UNCLOSED = "---\nname: fast\ndescription: Writes code fast.\ntools: ['edit', 'search']\n"


@pytest.mark.parametrize("dialect,path", [("copilot", ".github/agents/fast.agent.md"),
                                          ("copilot-prompt", ".github/prompts/fast.prompt.md")])
def test_a_vs_code_header_never_closed_is_read_as_vs_code_reads_it(dialect, path):
    """VS Code's PromptFileParser takes every line after an opening `---` that is never closed as the header, with no
    body: such an agent loads there (sixteenth shadow corpus: four .agent.md files of one repository), and agentconv
    refused it (exit 3, "not closed"). Read so, said, and written closed."""
    result = agentconv.convert_text(UNCLOSED, to="claude", from_=dialect, path=path)
    assert "name: fast\n" in result.text and "description: Writes code fast.\n" in result.text
    assert "tools: Edit, Write, NotebookEdit, Glob, Grep\n" in result.text  # its tools, as VS Code reads them
    assert any(i.code == "yaml-lenient" and "never closed" in i.message for i in result.report.items)
    back = agentconv.convert_text(UNCLOSED, to=dialect, from_=dialect, path=path).text
    assert back == UNCLOSED + "---\n"
    with pytest.raises(agentconv.ParseError, match="not closed"):  # Claude Code's split needs the closing line
        agentconv.convert_text(UNCLOSED, to=dialect, from_="claude", path=".claude/agents/fast.md")



@pytest.mark.parametrize("tools,said", [("read_file, glob", "'tools' is text, not a list, so"),
                                        ("", "'tools' is empty, not a list, so"),
                                        ("{read_file: true}", "'tools' is not a list, so")])
def test_a_gemini_subagent_whose_tools_are_no_list_is_said_rejected(tools, said):
    """Gemini CLI's schema takes ``tools`` only as an array (agentLoader.ts localAgentSchema ``z.array(...).optional()``;
    validate-gemini 0.61.0: "tools: Expected array, received string"): such a subagent does not load. It was read as a
    list with an info item only (sixteenth shadow corpus: Gemini agents with a comma string, their outputs into Gemini
    refused by its loader). Now said as the file Gemini CLI rejects (file-rejected), read leniently, given back as it
    came in its own dialect. A map is said once as no list (it said "'tools' is not a list, not a list")."""
    text = f"---\nname: r\ndescription: Reads.\ntools: {tools}\n---\nRead.\n"
    path = ".gemini/agents/r.md"
    out = agentconv.convert_text(text, to="claude", from_="gemini", path=path)
    assert any(i.code == "file-rejected" and said in i.message for i in out.report.items)
    assert agentconv.convert_text(text, to="gemini", from_="gemini", path=path).text == text
    listed = agentconv.convert_text(text.replace(f"tools: {tools}\n", "tools: [read_file]\n"), to="claude",
                                    from_="gemini", path=path)
    assert not any(i.code == "file-rejected" for i in listed.report.items)


@pytest.mark.parametrize("source,config,text", [
    ("codex", ".codex/config.toml", 'model = "gpt-5"\n[agents.a]\ndescription = "x"\nconfig_file = "agents/a.toml"\n'),
    ("gemini-command", ".codex/config.toml", 'model = "gpt-5"\n'),
    ("kiro", ".gemini/settings.json", '{"tools": {"exclude": ["run_shell_command"]}}\n'),
    ("kiro", ".claude/settings.json", '{"permissions": {"deny": ["Bash"]}}\n')])
def test_a_tools_own_settings_file_is_no_agent_of_a_named_dialect(tmp_path, source, config, text):
    """``convert DIR --from D`` takes every file with D's suffix below DIR: a checkout's ``.codex/config.toml`` became a
    Codex role named `config` (its ``[agents]`` table read as Copilot's `agents`), a tool's settings.json a Kiro agent
    (sixteenth shadow corpus, the real loaders: Codex refused the `config` roles). A tool's own settings file
    (``[layout] configs``) is skipped with its reason; named alone it is still read as asked."""
    from agentconv.batch import discover

    (tmp_path / config).parent.mkdir(parents=True)
    (tmp_path / config).write_text(text)
    skipped = []
    assert [e.path for e in discover([tmp_path], from_=source, on_skip=lambda p, why: skipped.append(why))] == []
    assert skipped == [f"{config.split('/')[0][1:]}'s own settings, not an agent (name the file to read it anyway)"]
    assert [e.path for e in discover([tmp_path / config], from_=source)] == [tmp_path / config]


@pytest.mark.parametrize("header,description", [
    ("name: helper\n", "Help with the handoff format."),
    ("name: helper\nwhen_to_use: Use for ABAP reviews.\n", "Use for ABAP reviews."),
])
def test_a_plugin_agent_without_a_description_is_given_one_at_claudes_own_place(header, description):
    """Claude Code's plugin loader loads a plugin's agent without a description (it shows its when_to_use, else
    `Agent from NAME plugin`); its `.claude/agents/` loader drops one ('Missing required "description" field'). A
    plugin agent written to `.claude/agents/` came back as it was: a file Claude Code does not load, nothing said
    (seventeenth shadow corpus: a plugin's agents/handoff-spec.md). Given the description Claude Code showed, or one
    made up, and said; the file at its plugin place, or not placed, is given back as written."""
    text = "---\n" + header + "---\n\nHelp with the handoff format.\n"
    out = agentconv.convert_text(text, to="claude", from_="claude", path="plugins/abap/agents/helper.md", policy=PLACED)
    assert agentconv.read_text(out.text, "claude", path=".claude/agents/helper.md")[0].agent.description == description
    assert [i.code.value for i in out.report.items] == ["value-made-up"]
    assert [f.rule for f in validate_text(out.text, "claude", path=".claude/agents/helper.md")
            if f.severity.value == "error"] == []  # it was: required, 'description' is required in claude
    same = agentconv.convert_text(text, to="claude", from_="claude", path="plugins/abap/agents/helper.md")
    assert same.text == text
    own = agentconv.convert_text(text, to="claude", from_="claude", path=".claude/agents/helper.md", policy=PLACED)
    assert own.text == text  # a .claude/agents file Claude Code drops is its author's to fix: given back as written


def test_validate_warns_of_a_plugin_agent_without_a_description_and_errs_at_claudes_own_place():
    """The plugin loader loads it (and describes it), the .claude/agents loader drops it: `validate` said an error at
    both places; a warning at the plugin's, naming why."""
    text = "---\nname: helper\n---\n\nHelp.\n"
    plugin = [(f.severity.value, f.rule) for f in validate_text(text, "claude", path="plugins/abap/agents/helper.md")]
    assert plugin == [("warning", "required")]
    assert "plugin loader describes it" in validate_text(text, "claude", path="plugins/abap/agents/helper.md")[0].message
    own = [(f.severity.value, f.rule) for f in validate_text(text, "claude", path=".claude/agents/helper.md")]
    assert own == [("error", "required")]


@pytest.mark.parametrize("text", [
    '# reviewer\nname = ""\ndescription = """"""\ndeveloper_instructions = """Review it.\n"""\n',
    'name = ""\ndescription = "Reviews."\ndeveloper_instructions = """Review it.\n"""\n',
])
def test_a_codex_role_with_a_blank_name_comes_back_byte_for_byte(text):
    """(unseen32: a generator's roles with `name = ""`.) Codex loads nothing from a role whose name is blank (said,
    file-rejected); converted to Codex it came back without its name key, its comment and its layout: a blank name is
    one a TOML file holds (its layout's data, no header chunks), which the writer looked for in chunks only."""
    path = ".codex/agents/reviewer.toml"
    _doc, report = agentconv.read_text(text, "codex", path=path)
    assert [i.path for i in report if i.code.value == "file-rejected"][:1] == ["name"]
    assert agentconv.convert_text(text, "codex", from_="codex", path=path).text == text
