"""Headers as each tool's own loader reads them (the loader-parity hazards, 2026-11-27): what the tool loads is read,
with the tool's meaning; what it refuses is said to be a problem. Each rule was checked by running the real loader on a
synthetic file: Claude Code 2.1.330 (its agent and command lists, offline), OpenCode 1.18.33 (`debug config`), Gemini
CLI 0.61.0 (loadAgentsFromDirectory, FileCommandLoader), VS Code's yaml.ts + PromptFileParser (the offline harness).
Synthetic inputs only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import ParseError
from agentconv.validate import validate_text

AGENT = {"claude": ".claude/agents/a.md", "claude-command": ".claude/commands/a.md", "copilot": ".github/agents/a.agent.md",
         "opencode": ".opencode/agents/a.md", "gemini": ".gemini/agents/a.md"}


def findings(text: str, dialect: str) -> list[tuple[str, str]]:
    return [(f.severity.value, f.rule) for f in validate_text(text, dialect, path=AGENT[dialect])]


@pytest.mark.parametrize("dialect, read", [("claude", "second"), ("claude-command", "second"), ("copilot", "first")])
def test_a_key_written_twice_is_read_as_the_tool_reads_it(dialect, read):
    """Claude Code lists the agent with the last `description:`, VS Code reads the first (and flags the second): the
    file loads, so it is read, the other value reported dropped (and not written back: output is strict YAML)."""
    src = "---\nname: a\ndescription: first\nmodel: sonnet\ndescription: second\n---\nBody\n"
    doc, report = agentconv.read_text(src, dialect, path=AGENT[dialect])
    assert doc.records[0].description == read
    dropped = 5 if read == "first" else 3
    assert [(i.code.value, i.line) for i in report if i.code.value == "value-invalid"] == [("value-invalid", dropped)]
    assert f"the value on line {dropped} is dropped" in next(i.message for i in report if i.code.value == "value-invalid")
    same = agentconv.convert_text(src, dialect, from_=dialect, path=AGENT[dialect]).text  # strict YAML, as any lenient read
    assert same == src.replace("description: first\n" if read == "second" else "description: second\n", "")
    assert ("warning", "value-invalid") in findings(src, dialect) and "error" not in dict(findings(src, dialect))


@pytest.mark.parametrize("dialect", ["opencode", "gemini"])
def test_a_key_written_twice_is_refused_where_the_tool_refuses_the_header(dialect):
    """OpenCode's and Gemini CLI's YAML parser refuses a repeated key (OpenCode then reads the whole file as the prompt,
    Gemini CLI loads nothing): no value is picked for them."""
    with pytest.raises(ParseError, match="not valid YAML"):
        agentconv.read_text("---\nname: a\ndescription: d\ndescription: e\n---\nBody\n", dialect, path=AGENT[dialect])


@pytest.mark.parametrize("dialect", ["claude", "copilot", "opencode", "gemini"])
def test_dots_do_not_close_a_header(dialect):
    """No tool ends a header at YAML's `...`: Claude Code and OpenCode see no header at all (the agent is unnamed, or
    its prompt is the whole file), Gemini CLI refuses the file, VS Code reads the header to the end of the file. It
    is not read as a header with a prompt below it (VS Code's reading: every line after the `---`, no prompt)."""
    if dialect == "copilot":
        doc, report = agentconv.read_text("---\nname: a\ndescription: d\n...\nBody\n", dialect, path=AGENT[dialect])
        assert doc.records[0].prompt == "" and "never closed" in report.items[0].message
    else:
        with pytest.raises(ParseError, match="not closed"):
            agentconv.read_text("---\nname: a\ndescription: d\n...\nBody\n", dialect, path=AGENT[dialect])
    doc, _ = agentconv.read_text("---\nname: a\ndescription: d\n...\n---\nBody\n", dialect, path=AGENT[dialect])
    assert (doc.records[0].description, doc.records[0].prompt) == ("d", "Body\n")


TABS = "---\nname: a\ndescription: d\nmodel: sonnet\nx-list:\n\t- one\n\t\t- two\n---\nBody\n"


def test_a_header_indented_with_tabs_is_read_with_two_spaces_a_tab():
    """Claude Code retries a header its YAML parser refuses with every leading tab as two spaces; VS Code takes a tab
    as indentation. The list stays the list (not text folded into the `model:` above it)."""
    doc, report = agentconv.read_text(TABS, "claude", path=AGENT["claude"])
    agent = doc.records[0]
    assert agent.model.raw == "sonnet" and agent.extensions["claude"]["x-list"] == ["one - two"]
    assert [(i.code.value, i.line) for i in report] == [("yaml-lenient", 5)]
    assert agentconv.convert_text(TABS, "claude", from_="claude", path=AGENT["claude"]).text == \
        "---\nname: a\ndescription: d\nmodel: sonnet\nx-list:\n  - one - two\n---\nBody\n"  # strict YAML out


@pytest.mark.parametrize("dialect, severity", [("claude", "warning"), ("copilot", "warning"), ("gemini", "error"),
                                               ("opencode", "error")])
def test_tabs_warn_where_the_tool_reads_them_and_fail_where_it_refuses(dialect, severity):
    """Gemini CLI refuses the file ("tab characters must not be used in indentation"), OpenCode reads no header."""
    found = [f for f in validate_text(TABS, dialect, path=AGENT[dialect]) if f.rule == "yaml-strict"]
    assert [(f.severity.value, f.line) for f in found] == [(severity, 5)]
    assert found[0].message.endswith("(indent with spaces)")


def test_a_claude_command_header_claude_reads_leniently_is_a_warning():
    """Claude Code lists `description: Use when: x` as "Use when: x" in a command as in an agent."""
    src = "---\ndescription: Use when: reviewing\n---\nBody\n"
    assert findings(src, "claude-command") == [("warning", "yaml-strict")]
    assert agentconv.read_text(src, "claude-command", path=AGENT["claude-command"])[0].records[0].description == \
        "Use when: reviewing"


@pytest.mark.parametrize("dialect, rel, back", [("opencode", ".opencode/agents/team/file-name.md", "claude"),
                                                ("opencode-command", ".opencode/commands/file-name.md", "claude-command")])
def test_an_opencode_header_name_names_the_agent_over_its_file(dialect, rel, back):
    """OpenCode builds `{ name: <path>, ...header }` and keys the agent (the command) by that name: `name: other` in
    agents/team/file-name.md is the agent `other` (opencode-ai 1.18.33 `debug config`). It is read so, not replaced by
    the file's name, and written back as it came."""
    src = "---\nname: other\ndescription: d\n---\nBody\n"
    doc, report = agentconv.read_text(src, dialect, path=rel)
    assert doc.records[0].name == "other" and "name-derived" not in [i.code.value for i in report]
    assert agentconv.convert_text(src, dialect, from_=dialect, path=rel).text == src
    assert agentconv.convert_text(src, back, from_=dialect, path=rel).path.endswith("/other.md")
    without = agentconv.read_text("---\ndescription: d\n---\nBody\n", dialect, path=rel)[0].records[0].name
    assert without == ("team/file-name" if dialect == "opencode" else "file-name")


@pytest.mark.parametrize("dialect, src, finding", [
    # Gemini CLI 0.61.0: localAgentSchema is a zod .strict() object
    ("gemini", "---\nname: a\ndescription: d\nfoo: x\n---\nB\n", ("error", "unknown-key", "Gemini CLI refuses the agent")),
    ("gemini", "---\nname: a\ndescription: d\ntools: read_file\n---\nB\n", ("error", "type", "Gemini CLI refuses")),
    ("gemini", "---\nname: a\ndescription: d\nmodel:\n---\nB\n", ("error", "type", "'model' has no value")),
    # opencode-ai 1.18.33: the whole configuration is invalid
    ("opencode", "---\ndescription: d\ntools: [read, grep]\n---\nB\n", ("error", "type", "OpenCode refuses any other")),
    ("opencode", "---\ndescription: d\ntools:\n  read:\n    x: true\n---\nB\n", ("error", "value", "is not true or false")),
    ("opencode", "---\ndescription: d\ntools:\n---\nB\n", ("error", "type", "OpenCode refuses the configuration")),
    ("opencode-command", "---\ndescription:\n---\nB\n", ("error", "type", "OpenCode refuses the configuration")),
    ("opencode", "---\ndescription: d\nfoo: x\n---\nB\n", ("warning", "unknown-key", "to the model provider")),
])
def test_what_the_loader_refuses_is_an_error_saying_what_the_tool_does(dialect, src, finding):
    rel = {"opencode-command": ".opencode/commands/a.md"}.get(dialect) or AGENT[dialect]
    found = [(f.severity.value, f.rule, f.message) for f in validate_text(src, dialect, path=rel)]
    assert any((s, r) == finding[:2] and finding[2] in m for s, r, m in found), found
    assert len([f for f in found if f[0] == "error"]) == (finding[0] == "error")  # said once


CODEX = 'name = "a"\ndescription = "d"\ndeveloper_instructions = "Do it."\n'


@pytest.mark.parametrize("src, finding", [
    (CODEX + 'foo = "x"\n', ("error", "unknown-key")),  # "failed to deserialize agent role file: unknown field"
    ('name = "a"\ndescription = "d"\n', ("error", "required")),  # "must define `developer_instructions`"
    ('name = "a"\ndescription = "d"\ndeveloper_instructions = ""\n', ("error", "required")),
])
def test_a_codex_role_codex_ignores_is_an_error(src, finding):
    """@openai/codex 0.169.0 ignores the whole role (the session starts without it)."""
    assert [(f.severity.value, f.rule) for f in validate_text(src, "codex", path=".codex/agents/a.toml")] == [finding]
    assert validate_text(CODEX, "codex", path=".codex/agents/a.toml") == []


@pytest.mark.parametrize("src, said", [
    ('description = "d"\ndeveloper_instructions = "Do it."\n', ["'name' is missing"]),
    ('name = "a"\ndescription = "  "\ndeveloper_instructions = "Do it."\n', ["'description' is blank"]),
    ('\ufeffmodel = "gpt-5"\nsandbox_mode = "read-only"\n',
     ["'name' is missing", "'description' is missing", "'developer_instructions' is missing"]),
])
def test_a_codex_role_codex_ignores_is_said_when_converted_and_comes_back_as_it_came(src, said):
    """@openai/codex 0.169.0 ignores a role file without a name, a description or developer_instructions ("Ignoring
    malformed agent role definition"; validate-codex on real .codex/agents files, 2026-11-28). Converted elsewhere the
    record became an agent that loads, named by its file, with only info items (name-derived, value-made-up): now the
    report says Codex loads nothing from the source (file-rejected), and into Codex it comes back as it came."""
    path = ".codex/agents/a.toml"
    out = agentconv.convert_text(src, "claude", from_="codex", path=path)
    rejected = [i.message for i in out.report if i.code.value == "file-rejected"]
    assert [m.split(",")[0] for m in rejected] == said
    assert all("Codex loads nothing from the file" in m for m in rejected)
    assert agentconv.convert_text(src, "codex", from_="codex", path=path).text == src  # a BOM included
    assert len([f for f in validate_text(src, "codex", path=path) if f.severity.value == "error"]) == len(said)


def test_an_opencode_name_of_any_type_names_the_agent():
    """`name: 123` is the agent `123` in OpenCode (its schema takes any value there): no type error."""
    found = validate_text("---\nname: 123\ndescription: d\n---\nB\n", "opencode", path=AGENT["opencode"])
    assert "error" not in [f.severity.value for f in found]


@pytest.mark.parametrize("tools", ["tools:\n", "tools: ''\n", "tools:\n  Read: true\n", "tools:\n  - [Read, Grep]\n"])
def test_a_claude_tools_value_claude_code_reads_as_no_tools_is_no_tools(tools):
    """Claude Code takes `tools` as text or a list's text items; anything else is an empty list, and an agent with an
    empty list is spawned with zero tools (2.1.330 on an offline stand-in API; its agent list says "All tools"). Read
    as no tools, never as every tool nor as a tool named after the map; converted, the agent keeps no tools."""
    src = f"---\nname: a\ndescription: d\n{tools}---\nBody\n"
    doc, report = agentconv.read_text(src, "claude", path=AGENT["claude"])
    assert (doc.records[0].tools.mode, doc.records[0].tools.grants) == ("none", [])
    assert ("value-invalid" in [i.code.value for i in report]) == (tools != "tools: ''\n")
    out = agentconv.convert_text(src, "opencode", from_="claude", path=AGENT["claude"]).text
    assert "'*': deny" in out or '"*": deny' in out
    assert "tool-unknown" not in [f.rule for f in validate_text(src, "claude", path=AGENT["claude"])]


def test_a_claude_tools_list_keeps_its_text_items():
    src = "---\nname: a\ndescription: d\ntools:\n  - Read\n  - 5\n  - [Grep]\n---\nBody\n"
    doc, report = agentconv.read_text(src, "claude", path=AGENT["claude"])
    assert [g.raw for g in doc.records[0].tools.grants] == ["Read"]
    assert any("not text" in i.message for i in report if i.code.value == "value-invalid")


def test_a_blank_claude_tools_comes_back_as_written_and_said():
    """`tools: ~` is no tools to Claude Code: converted to its own dialect it is kept as written, with the warning."""
    src = "---\nname: a\ndescription: d\nmodel:\ntools: ~\ndisallowedTools:\n---\n\nBody.\n"
    out = agentconv.convert_text(src, "claude", from_="claude", path=AGENT["claude"])
    assert out.text == src and [i.code.value for i in out.report] == ["value-invalid"]


ROO_ALWAYS = ("new_task", "ask_followup_question", "update_todo_list", "skill")  # Roo's ALWAYS_AVAILABLE_TOOLS (roo.toml)


@pytest.mark.parametrize("groups, problem", [
    ("read", "'groups' is not a list, so Roo loads nothing from the file"),
    ("[read, edit, read]", "group 'read' is listed twice, so Roo loads nothing from the file"),
    ('[read, [edit, {fileRegex: "\\\\.md$"}, {description: md}]]', 'group entry ["edit", {"fileRegex": "\\\\.md$"}, '
     '{"description": "md"}] holds 3 items, more than a group and one options map, so Roo loads nothing from the file')])
def test_roo_groups_roo_rejects_are_said(groups, problem):
    """@roo-code/types 1.115.0 rejects the file ("Expected array", "Duplicate groups are not allowed", "Array must
    contain at most 2 element(s)"): read leniently, never more than the groups named, reported, and a validate error."""
    src = f"customModes:\n  - slug: a\n    name: A\n    roleDefinition: r\n    groups: {groups}\n"
    doc, report = agentconv.read_text(src, "roo", path=".roomodes")
    assert {g.raw for g in doc.records[0].tools.grants} <= {"read", "edit", '["edit",{"fileRegex":"\\\\.md$"},{"description":"md"}]',
                                                         *ROO_ALWAYS}  # and what Roo gives every mode
    assert [i.message.rsplit(": ", 1)[0] for i in report if i.code.value == "file-rejected"] == [problem]
    assert [(f.severity.value, f.rule) for f in validate_text(src, "roo", path=".roomodes")] == [("error", "rejected")]


@pytest.mark.parametrize("line, problem", [
    ("mode: banana", "mode 'banana' is not one of primary, subagent, all"),
    ("mode: Subagent", "mode 'Subagent' is not one of primary, subagent, all"),
    ("mode: 3", "mode 3 is not one of primary, subagent, all"),
    ("color: banana", "color 'banana' is not a #RRGGBB colour or one of primary, secondary, accent, success, warning, "
     "error, info")])
def test_an_opencode_value_outside_its_schemas_set_is_said_and_comes_back_as_it_came(line, problem):
    """opencode 1.18.33 refuses the whole configuration for a `mode` other than subagent | primary | all or a `color`
    neither #RRGGBB nor a theme name (agent.ts AgentSchema; validate-opencode, 2026-11-28: "Configuration is invalid
    ... Expected "subagent" | "primary" | "all", got "banana""). It was read as a role no table knows, with only an
    info item elsewhere: now said (file-rejected, at its line), given back byte for byte into OpenCode, and validate's
    error says what OpenCode does."""
    src = f"---\ndescription: Reviews code\n{line}\n---\nReview.\n"
    path = AGENT["opencode"]
    for target in ("claude", "copilot", "opencode"):
        out = agentconv.convert_text(src, target, from_="opencode", path=path)
        rejected = [i for i in out.report if i.code.value == "file-rejected"]
        assert [(i.line, i.severity.value, i.message.split(", so ")[0]) for i in rejected] == [(3, "warning", problem)]
        assert "OpenCode loads nothing from the file" in rejected[0].message
    assert agentconv.convert_text(src, "opencode", from_="opencode", path=path).text == src
    found = validate_text(src, "opencode", path=path)
    assert [(f.line, f.severity.value, f.rule) for f in found] == [(3, "error", "value")]
    assert found[0].message.endswith("; OpenCode refuses the configuration and loads no agent")
    fine = "---\ndescription: Reviews code\nmode: subagent\ncolor: '#00ff00'\n---\nReview.\n"
    assert "file-rejected" not in [i.code.value for i in agentconv.convert_text(fine, "claude", from_="opencode",
                                                                                 path=path).report]


@pytest.mark.parametrize("dialect, rel, src", [
    ("gemini", AGENT["gemini"], "\ufeff---\nname: a\ndescription: d\n---\nB\n"),
    ("gemini", AGENT["gemini"], "---  \nname: a\ndescription: d\n---\nB\n"),
    ("gemini", AGENT["gemini"], "---\nname: a\ndescription: d\n--- \nB\n"),
    ("gemini-command", ".gemini/commands/a.toml", '\ufeffdescription = "d"\nprompt = "p"\n'),
])
def test_bytes_gemini_cli_reads_as_they_are_are_an_error(dialect, rel, src):
    """Gemini CLI finds no header after a byte-order mark or in a '---' line with blanks after it (0.61.0 refuses
    the agent), and its TOML parser refuses a byte-order mark. Claude Code and OpenCode take both."""
    assert [(f.severity.value, f.rule) for f in validate_text(src.encode(), dialect, path=rel)] == [("error", "parse")]
    if dialect == "gemini":
        assert validate_text(src.encode(), "claude", path=AGENT["claude"]) == []


TEMPLATE = [  # (prompt, as written for Gemini CLI, reported)
    ("Fetch `/users/${userId}` for ${query}, not $HOME.\n", "Fetch `/users/{userId}` for {query}, not $HOME.\n",
     ["${userId}", "${query}"]),
    ("Keep ${ x } and ${a.b} and $${y\n", "Keep ${ x } and ${a.b} and $${y\n", []),
]


@pytest.mark.parametrize("body, written, said", TEMPLATE)
def test_text_gemini_would_take_for_a_template_input_loses_its_dollar(body, written, said):
    """Gemini CLI 0.61.0 runs a subagent's prompt through templateString: each ${word} is an input, and one it is not
    given fails every run ('Template validation failed: Missing required input parameters'; utils.ts, read
    2026-11-27). Another tool's ${word} is text: written without its '$' (as Gemini's own skill-extraction agent
    does), reported; a Gemini file's own is kept."""
    src = "---\nname: a\ndescription: d\n---\n" + body
    result = agentconv.convert_text(src, "gemini", from_="claude", path=AGENT["claude"])
    assert result.text.split("---\n", 2)[2].lstrip("\n") == written
    assert [i.message.split("'")[1] for i in result.report if i.code.value == "placeholder-unsupported"] == said
    same = agentconv.convert_text(src, "gemini", from_="gemini", path=AGENT["gemini"])
    assert same.text.endswith(body) and not [i for i in same.report if i.code.value == "placeholder-unsupported"]



def test_a_gemini_prompt_naming_an_input_it_is_not_given_is_an_error():
    """validate: Gemini CLI gives a subagent's prompt template query, cliVersion, activeModel and today; another
    ${word} fails every run (local-executor.ts, utils.ts; the 0.61.0 bundle, read 2026-11-27)."""
    bad = "---\nname: a\ndescription: d\n---\n\nSay ${query} on ${today}.\nUse `${userId}` and ${x}.\n"
    found = validate_text(bad, "gemini", path=AGENT["gemini"])
    assert [(f.line, f.severity.value, f.rule) for f in found] == [(7, "error", "template-input")]
    assert "${userId}, ${x}, no input of its template" in found[0].message
    assert findings(bad.replace("${userId}", "{userId}").replace("${x}", "x"), "gemini") == []
