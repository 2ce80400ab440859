"""What each dialect grants for the tool-name cases of issue 8, as a literal table (sqlglot ``validate_all`` style).

Each row: a source dialect, its tools value, and per target the tool field written (strict loaders: YAML header,
TOML, JSON), or ``REFUSED`` with the start of what the refusal says would be granted. Expected values are literal,
taken from the vendors' sources (tables cite them), never computed from the tables under test.
"""
from __future__ import annotations

import json
import tomllib

import pytest
from ruamel.yaml import YAML

import agentconv
from agentconv.errors import BroadenError

from yamlcheck import header

TARGETS = ["claude", "copilot", "opencode", "gemini", "kiro", "roo", "codex", "cursor"]
PATHS = {"claude": ".claude/agents/probe.md", "copilot": ".github/agents/probe.agent.md",
         "opencode": ".opencode/agent/probe.md"}
NO_SHELL = ("codex has no tool list and runs shell commands in every sandbox mode ('read-only' included): the "
            "allowlist grants no shell; ")
RO_SHELL = NO_SHELL + "sandbox_mode = 'read-only' would grant bash, a shell that cannot write files"
WS_SHELL = NO_SHELL + "sandbox_mode = 'workspace-write' would grant bash, a shell that can write in the workspace"
# a Codex role holds its session's MCP servers whatever its file says (codex.toml [sandbox.session_mcp])
CODEX_MCP = "codex gives a role the MCP servers of its session and their resources (read_mcp_resource)"
# Cursor's readonly: true forbids only the state-changing shell commands (cursor.toml [readonly] shell_said)
CURSOR_NO_SHELL = ("cursor has no tool list and readonly: true still runs shell commands (it forbids only the "
                   "state-changing ones): the allowlist grants no shell")


class REFUSED(str):
    """The conversion exits 6 (BroadenError); the message starts with this text."""


def source(dialect: str, tools) -> str:
    if dialect == "claude":
        return f"---\nname: probe\ndescription: d\ntools: {tools}\n---\n\nDo it.\n"
    if dialect == "copilot":
        return "---\ndescription: d\ntools: " + json.dumps(tools) + "\n---\n\nDo it.\n"
    return "---\ndescription: d\npermission:\n" + "".join(f'  "{k}": {v}\n' for k, v in tools.items()) + "---\n\nDo it.\n"


def written(target: str, text: str):
    if target == "codex":
        return tomllib.loads(text).get("sandbox_mode")
    if target == "kiro":
        return json.loads(text).get("tools")
    if target == "roo":
        return YAML(typ="safe").load(text)["customModes"][0]["groups"]
    fields = header(text)
    return {"opencode": fields.get("permission"), "cursor": fields.get("readonly")}.get(target, fields.get("tools"))


CASES = {
    # Copilot's editFiles enables apply_patch / insert_edit / replace_string, which create files too: edit + write
    "copilot edit/editFiles": ("copilot", ["edit/editFiles"], {
        "claude": "Edit, Write", "copilot": ["edit/editFiles"],
        "opencode": {"*": "deny", "edit": "allow", "write": "allow"}, "gemini": ["replace", "write_file"],
        "kiro": ["write"], "roo": ["edit"], "codex": REFUSED(WS_SHELL),
        "cursor": REFUSED("cursor has no tool list and it grants edit, write")}),
    "copilot editFiles (legacy)": ("copilot", ["editFiles"], {
        "claude": "Edit, Write", "copilot": ["editFiles"],
        "opencode": {"*": "deny", "edit": "allow", "write": "allow"}, "gemini": ["replace", "write_file"],
        "kiro": ["write"], "roo": ["edit"], "codex": REFUSED(WS_SHELL),
        "cursor": REFUSED("cursor has no tool list and it grants edit, write")}),
    # Claude Write without Edit: OpenCode's edit permission and Kiro's write are the same file-changes class
    "claude Write alone": ("claude", "Write", {
        "claude": "Write", "copilot": ["edit/createFile", "edit/createDirectory"],
        "opencode": {"*": "deny", "write": "allow", "edit": "allow"}, "gemini": ["write_file"], "kiro": ["write"],
        "roo": ["edit"], "codex": REFUSED(WS_SHELL), "cursor": REFUSED("cursor has no tool list and it grants write")}),
    # Roo's read group adds list and codebase search: read-only reach, a warning; Codex still refuses (a shell)
    "claude Read, Grep, Glob": ("claude", "Read, Grep, Glob", {
        "claude": "Read, Grep, Glob", "copilot": ["read/readFile", "search/textSearch", "search/fileSearch"],
        "opencode": {"*": "deny", "read": "allow", "grep": "allow", "glob": "allow"},
        "gemini": ["read_file", "grep_search", "glob"], "kiro": ["read", "grep", "glob"], "roo": ["read"],
        "codex": REFUSED(RO_SHELL), "cursor": REFUSED(CURSOR_NO_SHELL)}),
    # one MCP tool is not Roo's whole mcp group (every tool of every server): the mode is written without it (narrowed)
    "claude Read + one MCP tool": ("claude", "Read, mcp__github__create_issue", {
        "claude": "Read, mcp__github__create_issue", "copilot": ["read/readFile", "github/create_issue"],
        "opencode": {"*": "deny", "read": "allow", "github_create_issue": "allow"},
        "gemini": ["read_file", "mcp_github_create_issue"], "kiro": ["read", "@github/create_issue"],
        "roo": ["read"],
        "codex": REFUSED(RO_SHELL), "cursor": REFUSED(CURSOR_NO_SHELL)}),
    # tool-set members the table has no other spelling for are VS Code tools, never MCP servers' tools
    "copilot tool-set members": ("copilot", ["read/terminalLastCommand", "execute/runTests", "search/searchResults",
                                             "vscode/installExtension", "web/fetch"], {
        "claude": "WebFetch",
        "copilot": ["read/terminalLastCommand", "execute/runTests", "search/searchResults",
                    "vscode/installExtension", "web/fetch"],
        "opencode": {"*": "deny", "webfetch": "allow"}, "gemini": ["web_fetch"], "kiro": ["web_fetch"], "roo": [],
        "codex": REFUSED(RO_SHELL), "cursor": True}),
    "claude Bash": ("claude", "Bash", {
        "claude": "Bash", "copilot": ["execute/runInTerminal"], "opencode": {"*": "deny", "bash": "allow"},
        "gemini": ["run_shell_command"], "kiro": ["shell"], "roo": ["command"], "codex": REFUSED(CODEX_MCP),
        "cursor": True}),
    # OpenCode's current registry: codesearch (Exa code search, a web search) and plan_exit
    "opencode codesearch, plan_exit": ("opencode", {"*": "deny", "codesearch": "allow", "plan_exit": "allow"}, {
        "claude": "WebSearch, ExitPlanMode", "copilot": [],
        "opencode": {"*": "deny", "codesearch": "allow", "plan_exit": "allow"},
        "gemini": ["google_web_search", "exit_plan_mode"], "kiro": ["web_search"], "roo": [],
        "codex": REFUSED(RO_SHELL), "cursor": REFUSED(CURSOR_NO_SHELL)}),
    # Claude Code 2.1.330: TodoWrite deprecated but registered; the task tools are what is written
    "claude TodoWrite": ("claude", "TodoWrite", {
        "claude": "TodoWrite", "copilot": ["todo"], "opencode": {"*": "deny", "todowrite": "allow"},
        "gemini": ["write_todos"], "kiro": ["todo"], "roo": [], "codex": REFUSED(RO_SHELL), "cursor": REFUSED(CURSOR_NO_SHELL)}),
    "copilot todo": ("copilot", ["todo"], {
        "claude": "TaskCreate, TaskGet, TaskList, TaskUpdate", "copilot": ["todo"],
        "opencode": {"*": "deny", "todowrite": "allow"}, "gemini": ["write_todos"], "kiro": ["todo"], "roo": [],
        "codex": REFUSED(RO_SHELL), "cursor": REFUSED(CURSOR_NO_SHELL)}),
    "claude Edit, Monitor, SendMessage": ("claude", "Edit, Monitor, SendMessage", {
        "claude": "Edit, Monitor, SendMessage", "copilot": ["edit/editFiles"], "opencode": {"*": "deny", "edit": "allow"},
        "gemini": ["replace"], "kiro": ["write"], "roo": ["edit"], "codex": REFUSED(WS_SHELL),
        "cursor": REFUSED("cursor has no tool list and it grants edit")}),
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("case", list(CASES))
def test_grants(case, target):
    dialect, tools, want = CASES[case]
    text = source(dialect, tools)
    if isinstance(want[target], REFUSED):
        with pytest.raises(BroadenError) as err:
            agentconv.convert_text(text, target, from_=dialect, path=PATHS[dialect])
        assert str(err.value).split(": ", 1)[1].startswith(want[target])
        return
    result = agentconv.convert_text(text, target, from_=dialect, path=PATHS[dialect])
    assert written(target, result.text) == want[target]
    assert "mcp__read__" not in result.text and "mcp__execute__" not in result.text


# what is reported beside the written value: (severity, code) of each tools item that is not plain info
REPORTED = [
    # + list, semantic-search: read-only reach; and what Roo gives every mode outside its groups (new_task ...)
    ("claude", "Read, Grep, Glob", "roo", [("warning", "tool-broadened"), ("warning", "tool-broadened")]),
    ("claude", "Bash", "roo", [("warning", "tool-broadened"), ("warning", "tool-broadened")]),  # + read_command_output
    ("claude", "Write", "opencode", []),                                     # + edit: one file-changes permission (info)
    ("copilot", ["edit/editFiles"], "opencode", []),
    ("copilot", ["read/terminalLastCommand", "web/fetch"], "claude", [("warning", "tool-unmapped")]),
    # a denied tool no table knows (an OpenCode custom tool): left out as in any deny list, never refused as "None"
    ("opencode", {"edit": "deny", "memory-update": "deny"}, "claude", [("warning", "tool-unmapped")]),
    ("opencode", {"edit": "deny", "memory-update": "deny"}, "cursor",
     [("warning", "tool-unmapped"), ("warning", "tool-narrowed")]),
    ("opencode", {"edit": "deny", "memory-update": "deny"}, "codex",
     [("warning", "tool-unmapped"), ("warning", "tool-narrowed")]),
]


@pytest.mark.parametrize("dialect,tools,target,want", REPORTED)
def test_reported(dialect, tools, target, want):
    result = agentconv.convert_text(source(dialect, tools), target, from_=dialect, path=PATHS[dialect])
    assert [(i.severity.value, i.code.value) for i in result.report
            if i.path == "tools" and i.severity.value != "info"] == want


def test_same_class_message_names_the_tools():
    result = agentconv.convert_text(source("claude", "Write"), "opencode", from_="claude", path=PATHS["claude"])
    assert [i.message for i in result.report if i.code.value == "tool-coerced" and "file-changes" in i.message] == [
        "tools written as opencode's spelling, which also grants edit, the same file-changes permission"]


def test_a_tool_set_prefix_is_never_an_mcp_server():
    doc, _ = agentconv.read_text(source("copilot", ["read/terminalLastCommand", "execute/runNotebookCell",
                                               "vscode/newWorkspace", "agent/runSubagent", "srv/tool"]),
                            "copilot", path=PATHS["copilot"])
    assert [(g.raw, g.canonical) for g in doc.agent.tools.grants] == [
        ("read/terminalLastCommand", "terminal-read"), ("execute/runNotebookCell", None),
        ("vscode/newWorkspace", "ide"), ("agent/runSubagent", "agent"), ("srv/tool", "mcp:srv/tool")]


def test_a_new_class_is_refused_with_what_would_be_granted():
    """Reading a background command's output is read-only reach; Roo's command group also runs commands: a shell."""
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(source("claude", "Read, TaskOutput"), "roo", from_="claude", path=PATHS["claude"])
    assert str(err.value).split(": ", 1)[1] == ("the allowlist cannot be written in roo without granting bash (shell) "
                                                "too")  # the CLI adds its option


def test_a_tool_set_written_in_part_names_only_the_part_left_out():
    """Copilot's `search` set is Claude's Glob and Grep and more: the warning names the rest, once, not the set as lost,
    and says what of the set was written (it said "tool set 'search' has no claude name" above Glob, Grep)."""
    result = agentconv.convert_text(source("copilot", ["search", "terminal"]), "claude", from_="copilot",
                                    path=PATHS["copilot"])
    assert "tools: Glob, Grep\n" in result.text
    assert [i.message for i in result.report if i.code.value == "tool-unmapped"] == [
        "part of tool set 'search' has no claude name; its list, semantic-search, usages, changes, search-results not "
        "granted (the rest written as Glob, Grep)",
        "tool 'terminal' has no claude name; not granted"]


def test_a_kiro_tool_set_written_in_part_says_what_was_written():
    """A Kiro agent's `read` category is Claude's Read, Glob and Grep and a directory listing Claude Code has no tool
    for: the file is written `tools: Read, Glob, Grep`, and the warning said "tool set 'read' has no claude name"."""
    text = "---\nname: a\ndescription: d\ntools: [read, \"@mcp\"]\n---\nBody\n"
    result = agentconv.convert_text(text, "claude", from_="kiro-md", path=".kiro/agents/a.md")
    assert "tools: Read, Glob, Grep\n" in result.text
    said = [i.message for i in result.report if i.code.value == "tool-unmapped"]
    assert said[0] == "part of tool set 'read' has no claude name; its list not granted (the rest written as Read, " \
                      "Glob, Grep)"
    assert not any("tool set 'read' has no" in m and not m.startswith("part of") for m in said)


def test_a_name_the_source_tool_lacks_but_the_target_has_is_said_so():
    """A Claude `Bash` in a Gemini agent is no Gemini tool (read as none); written to Claude it is left out, and the
    warning says why a name Claude has was not granted (it said only "has no claude name")."""
    text = "---\nname: a\ndescription: d\ntools:\n  - read_file\n  - Bash\n---\nBody\n"
    result = agentconv.convert_text(text, "claude", from_="gemini", path=".gemini/agents/a.md")
    assert "tools: Read\n" in result.text
    assert [i.message for i in result.report if i.code.value == "tool-unmapped"] == [
        "tool 'Bash' has no claude name; not granted (gemini has no tool of that name, so none was read)"]


@pytest.mark.parametrize("dialect, path, tools", [
    ("gemini", ".gemini/agents/probe.md", "tools:\n  - read_file\n  - grep_search\n"),
    ("cursor", ".cursor/agents/probe.md", "readonly: true\n"),
    ("copilot", ".github/agents/probe.agent.md", "tools: ['read', 'search']\n"),
])
@pytest.mark.parametrize("target", ["gemini", "claude", "opencode", "kiro"])
def test_a_foreign_deny_list_never_widens_the_files_own_tools(dialect, path, tools, target):
    """A Claude ``disallowedTools`` in another dialect's agent (real files carry both) is read as Claude reads it,
    "every tool but these", which must not replace the file's own narrower list: it may only take tools away.
    (It was: a Gemini agent with read_file, grep_search and disallowedTools: [Write] came out with
    run_shell_command, web_fetch and every other built-in.)"""
    text = f"---\nname: probe\ndescription: d\n{tools}disallowedTools:\n  - Write\n---\n\nDo it.\n"
    own = agentconv.convert_text(text.replace("disallowedTools:\n  - Write\n", ""), to=target, from_=dialect,
                                 path=path).text
    both = agentconv.convert_text(text, to=target, from_=dialect, path=path).text
    for tool in ("run_shell_command", "web_fetch", "Bash", "bash", "execute_bash", "WebFetch", "webfetch"):
        assert (tool in both) <= (tool in own), (tool, both)


@pytest.mark.parametrize("header", ["tools:\n  - Read\n  - Bash(git diff)\n", "tools: Read, Bash\n",
                                    "readonly: true\ntools: Read, Bash\n"])
def test_a_cursor_agent_with_a_claude_tool_list_converts_to_itself_as_written(header):
    """Cursor reads no tool list (readonly is its one control), so a Claude ``tools`` in a Cursor agent changes
    nothing Cursor grants: the file converted to itself is given back as written. It was refused as a widening
    ("cursor has no tool list and it grants bash", exit 6), a false refusal of the file's own dialect."""
    text = f"---\nname: rev\ndescription: d\n{header}model: inherit\n---\n\nReview.\n"
    assert agentconv.convert_text(text, to="cursor", from_="cursor", path=".cursor/agents/rev.md").text == text


def test_an_opencode_skill_permission_scoped_to_named_skills_never_widens_in_gemini():
    """Gemini CLI's agent `tools` takes tool names only (agentLoader.ts localAgentSchema, isValidToolName; read
    2026-11-27): activate_skill cannot be limited to named skills. As an allowlist entry the scope would be dropped
    (refused); as the exception of a denied `skill`, the skill tool stays denied, and that is said."""
    allow = ("---\ndescription: d\npermission:\n  \"*\": deny\n  read: allow\n  skill:\n    \"*\": deny\n"
             "    pdf-tools: allow\n---\n\nYou help.\n")
    with pytest.raises(BroadenError, match="dropping the scope of skill"):
        agentconv.convert_text(allow, "gemini", from_="opencode", path=PATHS["opencode"])
    deny = "---\ndescription: d\npermission:\n  skill:\n    \"*\": deny\n    pdf-tools: allow\n---\n\nYou help.\n"
    out = agentconv.convert_text(deny, "gemini", from_="opencode", path=PATHS["opencode"])
    assert "activate_skill" not in header(out.text)["tools"] and "read_file" in header(out.text)["tools"]
    assert [(i.severity.value, i.message) for i in out.report if i.code.value == "tool-narrowed"] == [
        ("warning", MCP_OF.format(t="gemini")),
        ("warning", "skill denied as a whole in gemini (it cannot allow a scope of a denied tool), which also forbids "
                    "skill(pdf-tools)"), ("warning", AGENT_OF)]


def test_a_claude_command_allowed_tools_pre_approves_and_never_takes_another_tools_allowlist():
    """Claude Code takes a command's allowed-tools as permission grants (its skill reader: "the tools its
    allowed-tools grants"), never as a restriction. A Copilot prompt's tools (a restriction) written there became a
    pre-approval of Bash with every other tool still available: now refused (exit 6), and with --allow-broaden
    nothing is pre-approved. A command's own list is read as pre-approvals, written as such into a skill."""
    from agentconv.errors import BroadenError

    prompt = "---\ndescription: Run tests\ntools: ['runInTerminal', 'codebase']\n---\nRun the tests.\n"
    with pytest.raises(BroadenError, match="a Claude Code command cannot restrict tools"):
        agentconv.convert_text(prompt, "claude-command", from_="copilot-prompt", path=".github/prompts/t.prompt.md")
    wide = agentconv.convert_text(prompt, "claude-command", from_="copilot-prompt", path=".github/prompts/t.prompt.md",
                                  policy=agentconv.Policy(allow_broaden=True))
    assert "allowed-tools" not in wide.text and any(i.code.value == "tool-broadened" for i in wide.report)
    # a comment anyone can write (from: claude-command and all) restores no pre-approval
    crafted = ('---\ndescription: d\n# agentconv-carry: {"v":1,"from":"claude-command","digest":"0","fields":{"tools":'
               '{"mode":"allowlist","grants":[{"raw":"Bash","canonical":"bash","decision":"allow","pattern":null}]}}}'
               '\n---\nDo it.\n')
    out = agentconv.convert_text(crafted, "claude-command", from_="opencode-command", path=".opencode/command/d.md",
                                 policy=agentconv.Policy(allow_broaden=True))
    assert "allowed-tools" not in out.text
    command = "---\ndescription: Commit\nallowed-tools: Bash(git add:*), Read\n---\nCommit.\n"
    doc, _ = agentconv.read_text(command, "claude-command", path=".claude/commands/c.md")
    assert doc.agent.tools.mode == "inherit" and [g.decision for g in doc.agent.tools.grants] == ["allow", "allow"]
    assert "allowed-tools: Bash(git add *) Read\n" in agentconv.convert_text(
        command, "skill", from_="claude-command", path=".claude/commands/c.md").text
    assert agentconv.convert_text(command, "claude-command", from_="claude-command",
                                  path=".claude/commands/c.md").text == command


# A command dialect with no tool field (OpenCode: config/command.ts Info {template, description, agent, model,
# subtask}; Gemini CLI: FileCommandLoader.ts {prompt, run, description}; Codex: custom_prompts.rs description and
# argument-hint; each read 2026-11-27) runs with every tool of its session or agent: another dialect's restriction
# written there would widen, so it is refused as into a Claude command's allowed-tools (which only pre-approves).
# Each row: source dialect, the header's tool lines, per target REFUSED (the refusal's start) or the (severity, code)
# of the tools items above info on a converted file (which then holds no tool key).
COMMAND_PATHS = {"copilot-prompt": ".github/prompts/probe.prompt.md", "claude-command": ".claude/commands/probe.md",
                 "opencode-command": ".opencode/command/probe.md", "claude": ".claude/agents/probe.md"}
OC = "an OpenCode command cannot restrict tools (it has no tool field: it runs with the tools of the agent that runs it): "
GC = "a Gemini CLI custom command cannot restrict tools (it has no tool field: its prompt runs with every tool of the session): "
CP = "an OpenAI Codex custom prompt cannot restrict tools (it has no tool field: its prompt runs with every tool of the session): "
ALLOW, EMPTY, DENY = "the allowlist would become every tool", "the empty tool list would become every tool", \
    "the deny list would become every tool"
NO_TOOL_FIELD = {
    # VS Code applies a prompt's tools as the only tools enabled for its run (chatWidget.ts _applyPromptMetadata:
    # `tools !== undefined` -> toToolAndToolSetEnablementMap, every tool not named disabled)
    "copilot prompt tools": ("copilot-prompt", "tools: ['runInTerminal', 'codebase']\n", {
        "opencode-command": REFUSED(OC + ALLOW), "gemini-command": REFUSED(GC + ALLOW),
        "codex-prompt": REFUSED(CP + ALLOW)}),
    "copilot prompt tools: []": ("copilot-prompt", "tools: []\n", {
        "opencode-command": REFUSED(OC + EMPTY), "gemini-command": REFUSED(GC + EMPTY),
        "codex-prompt": REFUSED(CP + EMPTY)}),
    "copilot prompt without tools": ("copilot-prompt", "", {
        "opencode-command": [], "gemini-command": [], "codex-prompt": []}),
    "claude command disallowed-tools": ("claude-command", "disallowed-tools: Bash\n", {
        "opencode-command": REFUSED(OC + DENY), "gemini-command": REFUSED(GC + DENY),
        "codex-prompt": REFUSED(CP + DENY)}),
    # pre-approvals restrict nothing: dropped and said (fewer tools run without asking), never refused
    "claude command allowed-tools": ("claude-command", "allowed-tools: Bash(git add:*)\n", {
        "opencode-command": [("warning", "field-dropped")], "gemini-command": [("warning", "field-dropped")],
        "codex-prompt": [("warning", "field-dropped")]}),
    "claude agent allowlist": ("claude", "name: probe\ntools: Read, Grep\n", {
        "opencode-command": REFUSED(OC + ALLOW), "gemini-command": REFUSED(GC + ALLOW),
        "codex-prompt": REFUSED(CP + ALLOW)}),
    # a Claude `tools` in an OpenCode command restricts nothing there (OpenCode ignores the key): nothing to widen
    "opencode command with a claude tools key": ("opencode-command", "tools: Read, Grep\n", {
        "opencode-command": [("warning", "value-invalid")], "gemini-command": [("warning", "value-invalid")],
        "codex-prompt": [("warning", "value-invalid")]}),
}


@pytest.mark.parametrize("target", ["opencode-command", "gemini-command", "codex-prompt"])
@pytest.mark.parametrize("case", list(NO_TOOL_FIELD))
def test_a_restriction_into_a_command_without_a_tool_field_is_refused(case, target):
    dialect, tools, want = NO_TOOL_FIELD[case]
    text = f"---\ndescription: d\n{tools}---\nDo it.\n"
    if isinstance(want[target], REFUSED):
        with pytest.raises(BroadenError) as err:
            agentconv.convert_text(text, target, from_=dialect, path=COMMAND_PATHS[dialect])
        assert str(err.value).split(": ", 1)[1] == want[target]
        return
    result = agentconv.convert_text(text, target, from_=dialect, path=COMMAND_PATHS[dialect])
    assert [(i.severity.value, i.code.value) for i in result.report
            if i.path == "tools" and i.severity.value != "info"] == want[target]
    if target == dialect:
        assert result.text == text  # its own file, as written
        return
    fields = tomllib.loads(result.text) if target == "gemini-command" else header(result.text) or {}
    assert not {"tools", "allowed-tools", "disallowed-tools", "permission"} & set(fields)


@pytest.mark.parametrize("target, path", [("opencode-command", ".opencode/command/probe.md"),
                                          ("gemini-command", ".gemini/commands/probe.toml"),
                                          ("codex-prompt", ".codex/prompts/probe.md")])
def test_a_restriction_broadened_into_a_command_is_said_and_comes_back(target, path):
    """With --allow-broaden the command is written without the restriction, a tool-broadened warning says what was
    widened, and the policy rides in the side channel: the way back to the Copilot prompt has its tools again."""
    text = "---\ndescription: d\ntools: ['runInTerminal', 'codebase']\n---\nDo it.\n"
    out = agentconv.convert_text(text, target, from_="copilot-prompt", path=COMMAND_PATHS["copilot-prompt"],
                                 policy=agentconv.Policy(allow_broaden=True))
    assert [(i.severity.value, i.message) for i in out.report if i.code.value == "tool-broadened"] == [
        ("warning", {"opencode-command": OC, "gemini-command": GC, "codex-prompt": CP}[target] + ALLOW)]
    back = agentconv.convert_text(out.text, "copilot-prompt", from_=target, path=path)
    assert header(back.text)["tools"] == ["runInTerminal", "codebase"]


# A VS Code prompt's `agent` (legacy `mode`) runs it in that agent, with that agent's tools: `ask`, `edit`, `plan` or a
# custom agent have fewer than `agent` (microsoft/vscode PR #247079). Written where nothing names that agent, the prompt
# would run with every tool: refused (exit 6) as any widening, unless its tool list says the restriction (VS Code: with
# `tools`, agent mode with those tools). Each row: the header lines, then per target None (converted) or the agent named.
RUNS_IN = {
    "agent: ask": ("agent: 'ask'\n", "'ask'"),
    "legacy mode: edit": ("mode: edit\n", "'edit'"),
    "a custom agent": ("agent: reviewer\n", "'reviewer'"),
    "agent: agent (every tool)": ("agent: agent\n", None),
    "no agent": ("", None),
    "ask with a tool list (the list restricts)": ("agent: ask\ntools: ['codebase']\n", None),
}
RUNS_IN_TARGETS = {"claude-command": "a Claude Code slash command", "opencode-command": "an OpenCode command",
                   "codex-prompt": "an OpenAI Codex custom prompt", "copilot": "a GitHub Copilot / VS Code custom agent",
                   "claude": "a Claude Code subagent"}


@pytest.mark.parametrize("target", list(RUNS_IN_TARGETS))
@pytest.mark.parametrize("case", list(RUNS_IN))
def test_a_prompt_run_in_an_agent_with_fewer_tools_is_refused_where_nothing_names_it(case, target):
    lines, agent = RUNS_IN[case]
    text = f"---\ndescription: d\n{lines}---\nDo it.\n"
    if agent is None:
        if "tools" in lines and target not in ("copilot", "claude"):  # a command has no tool list: refused for it
            with pytest.raises(BroadenError, match="cannot restrict tools"):
                agentconv.convert_text(text, target, from_="copilot-prompt", path=COMMAND_PATHS["copilot-prompt"])
            return
        out = agentconv.convert_text(text, target, from_="copilot-prompt", path=COMMAND_PATHS["copilot-prompt"])
        assert not [i for i in out.report if i.code.value == "tool-broadened"]
        return
    want = (f"{RUNS_IN_TARGETS[target]} cannot run it in copilot-prompt's agent {agent} (nothing there names the agent "
            "it runs in): it would run with every tool instead of that agent's")
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(text, target, from_="copilot-prompt", path=COMMAND_PATHS["copilot-prompt"])
    assert str(err.value).split(": ", 1)[1] == want
    out = agentconv.convert_text(text, target, from_="copilot-prompt", path=COMMAND_PATHS["copilot-prompt"],
                                 policy=agentconv.Policy(allow_broaden=True))
    assert [(i.severity.value, i.message) for i in out.report if i.code.value == "tool-broadened"] == [("warning", want)]


# An OpenCode command's `agent` runs it in that agent: only `build` has every tool (agent.ts: plan denies edits,
# explore all but reading, general todowrite, a custom agent what its file says). Its own `plan` runs a command in
# Claude Code's and VS Code's own Plan, which hold no more (test_builtin_agents.py): no refusal there.
@pytest.mark.parametrize("agent, refused", [("plan", True), ("explore", True), ("reviewer", True), ("build", False)])
@pytest.mark.parametrize("target", ["claude-command", "copilot-prompt", "gemini-command", "claude"])
def test_an_opencode_command_run_in_an_agent_with_fewer_tools_is_refused_elsewhere(agent, refused, target):
    text = f"---\ndescription: d\nagent: {agent}\n---\nDo it.\n"
    convert = lambda **kw: agentconv.convert_text(text, target, from_="opencode-command",  # noqa: E731
                                                  path=COMMAND_PATHS["opencode-command"], **kw)
    if agent == "plan" and target in ("claude-command", "copilot-prompt"):
        assert [i.code.value for i in convert().report if "'plan', written as 'Plan'" in i.message] == ["tool-narrowed"]
        return
    if not refused:
        assert not [i for i in convert().report if i.code.value == "tool-broadened"]
        return
    with pytest.raises(BroadenError, match=f"cannot run it in opencode-command's agent '{agent}' .nothing there names"):
        convert()
    assert agentconv.convert_text(text, "opencode-command", from_="opencode-command",
                                  path=COMMAND_PATHS["opencode-command"]).text == text


def test_a_prompt_run_in_an_agent_is_dropped_and_said_in_a_markdown_persona():
    """A plain markdown persona is run by no tool (a tool list is carried there): the agent is dropped and said."""
    text = "---\ndescription: d\nagent: 'ask'\n---\nDo it.\n"
    out = agentconv.convert_text(text, "markdown", from_="copilot-prompt", path=COMMAND_PATHS["copilot-prompt"])
    assert [(i.severity.value, i.code.value) for i in out.report if i.path.endswith(".agent")] == [
        ("warning", "extension-dropped")]


def test_a_prompt_run_in_an_agent_stays_as_written_in_its_own_dialect():
    text = "---\ndescription: d\nagent: 'ask'\n---\nDo it.\n"
    out = agentconv.convert_text(text, "copilot-prompt", from_="copilot-prompt", path=COMMAND_PATHS["copilot-prompt"])
    assert out.text == text


# A denied tool's scoped exception (OpenCode `bash: {"git tag *": allow, "*": deny}`): no target but OpenCode can allow a
# scope of a denied tool, so the tool stays denied as a whole there and the agent loses what the exception allowed.
# Said (tool-narrowed, a warning) wherever it is written; it was silent for Claude (`disallowedTools: Bash`) and
# Cursor, and an info note elsewhere. Each row: the permission map, per target the tool field written and the
# tool-narrowed messages (REFUSED: refused as a widening for another reason).
EXCEPTION_OF = "denied as a whole in {t} (it cannot allow a scope of a denied tool), which also forbids {x}"
# a deny list leaves every MCP server's tools allowed: an allowlist of the built-in tools forbids them (said)
MCP_OF = ("the deny list written as an allowlist of {t}'s built-in tools, which also forbids the tools of every MCP "
          "server it does not name (a deny list allows them)")
# Roo Code has no tool that reaches the network (@roo-code/types tool.ts: its browser group is gone): an allowlist of its
# groups written for a deny list also forbids OpenCode's web tools, said beside the MCP servers' tools.
# Gemini CLI never gives a subagent the agent tool: an allowlist written for a deny list leaves it out (said)
AGENT_OF = ("the agent written as a Gemini CLI subagent (Gemini CLI registers no agent tool (invoke_agent) for a "
            "subagent), which also forbids the agent tool (the source allows every tool it does not deny)")
WEB_OF = ("the deny list written as an allowlist of {t}'s built-in tools, which also forbids webfetch, websearch ({t} "
          "has no tool that reaches the network (fetch, web search))")
EXCEPTIONS = {
    "bash git tag": ({"bash": '\n    "*": deny\n    "git tag *": allow'}, {
        "claude": ("disallowedTools", "Bash, PowerShell, Monitor, TaskStop",
                   ["bash " + EXCEPTION_OF.format(t="claude", x="bash(git tag *)")]),
        "claude-command": ("disallowed-tools", "Bash, PowerShell, Monitor, TaskStop",
                           ["bash " + EXCEPTION_OF.format(t="claude-command", x="bash(git tag *)")]),
        "gemini": ("tools", "no run_shell_command", [MCP_OF.format(t="gemini"),
            "bash " + EXCEPTION_OF.format(t="gemini", x="bash(git tag *)"), AGENT_OF]),
        "copilot": ("tools", "no execute/runInTerminal",
                    [MCP_OF.format(t="copilot"), "bash " + EXCEPTION_OF.format(t="copilot", x="bash(git tag *)")]),
        "roo": ("groups", ["read", "edit", "modes"], [WEB_OF.format(t="roo"), MCP_OF.format(t="roo"),
            "bash " + EXCEPTION_OF.format(t="roo", x="bash(git tag *)")]),
        "cursor": REFUSED("cursor cannot deny bash: readonly: true still runs shell commands"),
        "codex": REFUSED("codex runs shell commands in every sandbox mode: denying bash cannot be written"),
        "opencode": ("permission", {"bash": {"*": "deny", "git tag *": "allow"}}, [])}),
    "edit markdown only": ({"edit": '\n    "*": deny\n    "*.md": allow'}, {
        "claude": ("disallowedTools", "Edit, Write, NotebookEdit, EnterWorktree, ExitWorktree",
                   ["edit " + EXCEPTION_OF.format(t="claude", x="edit(*.md)")]),
        "codex": ("sandbox_mode", "read-only", [
            "deny list written as sandbox_mode = 'read-only', which also forbids notebook-edit",
            "edit " + EXCEPTION_OF.format(t="codex", x="edit(*.md)")]),
        "opencode": ("permission", {"edit": {"*": "deny", "*.md": "allow"}}, [])}),
}


@pytest.mark.parametrize("case, target", [(c, t) for c, (_, want) in EXCEPTIONS.items() for t in want])
def test_a_denied_tools_exception_dropped_is_said(case, target):
    perm, want = EXCEPTIONS[case]
    text = "---\ndescription: d\npermission:\n" + "".join(f"  {k}:{v}\n" for k, v in perm.items()) + "---\nDo it.\n"
    if isinstance(want[target], REFUSED):
        with pytest.raises(BroadenError) as err:
            agentconv.convert_text(text, target, from_="opencode", path=PATHS["opencode"])
        assert str(err.value).split(": ", 1)[1].startswith(want[target])
        return
    key, value, said = want[target]
    out = agentconv.convert_text(text, target, from_="opencode", path=PATHS["opencode"])
    if target == "codex":
        fields = tomllib.loads(out.text)
    elif target == "roo":
        fields = YAML(typ="safe").load(out.text)["customModes"][0]
    else:
        fields = header(out.text)
    if isinstance(value, str) and value.startswith("no "):
        assert value[3:] not in fields[key]
    else:
        assert fields[key] == value
    assert [i.message for i in out.report if i.code.value == "tool-narrowed"] == said


# A scope allowed without asking under a tool that asks (OpenCode `bash: {"git status *": allow, "*": ask}`): no target
# but OpenCode has a per-scope decision. Claude Code's subagent `tools` only makes a tool available (`Bash(git status *)`
# gives the whole Bash tool and pre-approves nothing: 2.1.330's subagent tool resolution, read in the binary
# 2026-11-27), Gemini, Copilot, Kiro and Roo list the tool: every command then asks as the tool's own approval settings
# say, `git status` too. Said (tool-narrowed), never silent (it was, in every one of them), and carried; a scope of a
# tool granted as a whole is no scope a target drops (the allowlist form was refused as "dropping the scope of bash"
# in Gemini, Copilot, Kiro and Roo, which the whole tool grants anyway). Each row: the permission map, per target the
# tool field written and the tool-narrowed messages.
ASKED_OF = ("bash written as a whole in {t}, each call asked for or not by its own approval settings (it cannot allow "
            "a scope of a tool that asks), which also forbids bash(git status *) without asking")
ASKED = {
    "allowlist": ('  "*": deny\n  read: allow\n  bash:\n    "*": ask\n    "git status *": allow\n', {
        "claude": ("tools", "Read, Bash"), "gemini": ("tools", ["read_file", "run_shell_command"]),
        "copilot": ("tools", ["read/readFile", "execute/runInTerminal"]), "kiro": ("tools", ["read", "shell"]),
        "roo": ("groups", ["read", "command"]),
        "opencode": ("permission", {"*": "deny", "read": "allow", "bash": {"*": "ask", "git status *": "allow"}})}),
    "deny list": ('  edit: deny\n  bash:\n    "*": ask\n    "git status *": allow\n', {
        "claude": ("disallowedTools", "Edit, Write, NotebookEdit, EnterWorktree, ExitWorktree"),
        "gemini": ("tools", "run_shell_command"),
        "copilot": ("tools", "execute/runInTerminal"), "roo": ("groups", "command"),
        "opencode": ("permission", {"edit": "deny", "bash": {"*": "ask", "git status *": "allow"}})}),
}


@pytest.mark.parametrize("case, target", [(c, t) for c, (_, want) in ASKED.items() for t in want])
def test_a_scope_allowed_under_a_tool_that_asks_is_said(case, target):
    perm, want = ASKED[case]
    text = "---\ndescription: d\npermission:\n" + perm + "---\nDo it.\n"
    out = agentconv.convert_text(text, target, from_="opencode", path=PATHS["opencode"])
    key, value = want[target]
    fields = (json.loads(out.text) if target == "kiro" else YAML(typ="safe").load(out.text)["customModes"][0]
              if target == "roo" else header(out.text))
    if case == "deny list" and target != "claude" and target != "opencode":
        assert value in fields[key]  # an allowlist of every other tool, the shell among them
    else:
        assert fields[key] == value
    said = [i.message for i in out.report if i.code.value == "tool-narrowed"]
    mcp = [MCP_OF.format(t=target)] if case == "deny list" and target not in ("claude", "opencode") else []
    mcp = [WEB_OF.format(t=target)] + mcp if case == "deny list" and target == "roo" else mcp
    agent = [AGENT_OF] if case == "deny list" and target == "gemini" else []
    assert said == ([] if target == "opencode" else mcp + agent + [ASKED_OF.format(t=target)])
    if case == "allowlist" and target != "kiro":  # the exact allowlist rides along (Kiro's JSON has no side channel;
        # beside a deny list, `git status *` allowed is a pre-approval the file does not show: never restored from it)
        back = agentconv.convert_text(out.text, "opencode", from_=target, path=out.path)
        assert header(back.text)["permission"]["bash"] == {"git status *": "allow", "*": "ask"}


# The same scope where nothing is denied (OpenCode `bash: {"*": ask, "git status *": allow}`, read as a deny list of
# nothing for its ask), written for a Claude Code command or a skill: their `allowed-tools` PRE-APPROVES while the
# command or skill runs (claude-command.toml, skill.toml: 2.1.330's bundle), so `Bash(git status *)` there says exactly
# what the source said (Claude Code matches ` *` natively: claude.toml [parser] prefix_rule); the ask is left to Claude
# Code's own approval settings, said (tool-coerced). Was: nothing written and a tool-narrowed warning in the command,
# refused in the skill ("a skill cannot restrict tools: the deny list would become every tool", a deny list of nothing).
@pytest.mark.parametrize("target", ["claude-command", "skill"])
def test_a_scope_allowed_under_a_tool_that_asks_is_a_pre_approval(target):
    text = '---\ndescription: d\npermission:\n  bash:\n    "*": ask\n    "git status *": allow\n---\nDo it.\n'
    out = agentconv.convert_text(text, target, from_="opencode", path=PATHS["opencode"])
    assert header(out.text)["allowed-tools"] == "Bash(git status *)"
    assert not [i for i in out.report if i.code.value in ("tool-narrowed", "tool-broadened")]
    assert [i.message for i in out.report if "other than pre-approval" in i.message] == [
        f"1 per-tool decisions other than pre-approval written as nothing ({target} cannot say them)"]
    back = agentconv.convert_text(out.text, "opencode", from_=target, path=out.path)  # the exact policy rides along
    assert header(back.text)["permission"] == {"bash": {"*": "ask", "git status *": "allow"}}


# An empty allowlist (no tools) in a Claude agent: Claude Code reads `tools: []` and `tools: ""` alike (zero tools);
# its writer says `""` (a comma string, as documented). Where the side channel rides (OpenCode carries the name), its
# `styles` names the source's `[]`, so the way back gives the file byte for byte; where nothing rides (Gemini writes
# the name itself) there is no comment to hold a spelling, and `""` comes back: the same policy. Each row: the source's
# tools line, the target and its path, the tools value back in Claude.
EMPTY_BACK = [
    ("tools: []", "opencode", ".opencode/agent/probe.md", []),
    ('tools: ""', "opencode", ".opencode/agent/probe.md", ""),
    ("tools: []", "gemini", ".gemini/agents/probe.md", ""),
]


@pytest.mark.parametrize("line, via, path, back", EMPTY_BACK)
def test_an_empty_claude_tool_list_comes_back_as_its_spelling_rides(line, via, path, back):
    text = f"---\nname: probe\ndescription: d\n{line}\n---\n\nDo it.\n"
    out = agentconv.convert_text(text, via, from_="claude", path=PATHS["claude"])
    home = agentconv.convert_text(out.text, "claude", from_=via, path=path)
    assert header(home.text)["tools"] == back
    doc, _ = agentconv.read_text(home.text, "claude", path=PATHS["claude"])
    assert doc.agent.tools.mode == "none"
    if back == []:
        assert home.text == text


# A Copilot prompt's one-line flow list of tools (`tools: ['edit/editFiles', 'search']`, as most prompts spell it)
# written as a command with no tool field (--allow-broaden) rides in the side channel; back in copilot-prompt it comes
# byte for byte: its names as written (a tool set such as `edit/editFiles` or `search`, not its members: was
# edit/editFiles, edit/createFile, edit/createDirectory ...) and its flow list (the payload's `styles` names the quotes
# of its items; was a block list). Each row: the tools line, the command dialect and its path.
FLOW_BACK = [
    ("tools: ['edit/editFiles', 'search']", "claude-command", ".claude/commands/probe.md"),
    ('tools: ["edit/editFiles", "web/fetch"]', "opencode-command", ".opencode/command/probe.md"),
    ("tools: [edit/editFiles, search/codebase]", "codex-prompt", ".codex/prompts/probe.md"),
]


@pytest.mark.parametrize("line, via, path", FLOW_BACK)
def test_a_copilot_prompt_s_flow_list_comes_back_through_a_command_s_side_channel(line, via, path):
    text = f"---\ndescription: 'Do it.'\n{line}\n---\nDo it.\n"
    placed = agentconv.Policy(placed=True)
    out = agentconv.convert_text(text, via, from_="copilot-prompt", path=".github/prompts/probe.prompt.md",
                                 policy=agentconv.Policy(placed=True, allow_broaden=True))
    home = agentconv.convert_text(out.text, "copilot-prompt", from_=via, path=path, policy=placed)
    assert home.text == text


def test_a_tool_set_name_is_given_back_only_whole():
    """A comment anyone can write, naming Copilot's `search` set for grep alone: written back as grep's own name
    (`search/textSearch`), not as the set, which would grant the rest of it (list, glob, usages ...)."""
    forged = ('---\ndescription: d\n# agentconv-carry: {"v":1,"from":"copilot-prompt","digest":"0","fields":{"tools":'
              '{"mode":"allowlist","grants":[{"raw":"search","canonical":"grep","decision":"allow","pattern":null}]}}}'
              '\n---\nDo it.\n')
    out = agentconv.convert_text(forged, "copilot-prompt", from_="claude-command", path=".claude/commands/probe.md")
    assert header(out.text)["tools"] == ["search/textSearch"]
    assert not [i for i in out.report if i.code.value == "tool-broadened"]


def test_a_carried_flow_style_only_spells_the_list_the_file_grants():
    """A comment anyone can write naming a quoted flow list changes no name: the OpenCode agent's own tools come back
    in copilot's spelling, only laid out as one line."""
    forged = ('---\ndescription: d\npermission:\n  "*": deny\n  read: allow\n# agentconv-carry: {"v":1,"from":'
              '"copilot","digest":"0","fields":{},"styles":{"tools":"[\'\']"}}\n---\n\nDo it.\n')
    out = agentconv.convert_text(forged, "copilot", from_="opencode", path=PATHS["opencode"])
    assert "tools: ['read/readFile']\n" in out.text


@pytest.mark.parametrize("style,spelled", [("[]", "tools: [Read]\n"), ("-", "tools:\n  - Read\n")])
def test_a_carried_list_style_never_changes_a_tool_list_that_names_tools(style, spelled):
    """The style only spells the list as the first file did (a YAML list, which Claude Code reads as its comma
    string): a comment anyone can write, naming a list style for tools, changes nothing of what the OpenCode file
    grants."""
    forged = ('---\ndescription: d\npermission:\n  "*": deny\n  read: allow\n# agentconv-carry: {"v":1,"from":"claude",'
              '"digest":"0","fields":{},"styles":{"tools":"%s"}}\n---\n\nDo it.\n' % style)
    out = agentconv.convert_text(forged, "claude", from_="opencode", path=PATHS["opencode"])
    assert header(out.text)["tools"] == ["Read"] and spelled in out.text
    as_list = agentconv.read_text(out.text, "claude", path=".claude/agents/x.md")[0].agent.tools
    as_text = agentconv.read_text(out.text.replace(spelled, "tools: Read\n"), "claude", path=".claude/agents/x.md")
    assert as_list == as_text[0].agent.tools and [g.raw for g in as_list.grants] == ["Read"]


# (OpenCode permission map, target, the tools said asked): a whole tool the source asks about before each call, written
# where the target has no per-tool ask (as an allowlist's entry, or a tool no deny list names), is said: a warning
ASKED_WHOLE = [
    ({"websearch": "ask"}, "claude", "websearch"),
    ({"websearch": "ask"}, "gemini", "websearch"),
    ({"*": "deny", "read": "allow", "websearch": "ask"}, "claude", "websearch"),
    ({"*": "deny", "read": "ask", "grep": "allow"}, "gemini", "read"),
    ({"*": "deny", "read": "ask", "grep": "allow"}, "kiro", "read"),
    ({"*": "deny", "read": "allow"}, "claude", None),  # nothing asked: nothing said
    ({"websearch": "ask"}, "opencode", None),  # its own dialect keeps the ask
    ({"*": "ask"}, "claude", "every tool not named"),  # every tool asks
    ({"*": "ask", "read": "allow"}, "gemini", "every tool not named"),
]


@pytest.mark.parametrize("perm,to,asked", ASKED_WHOLE)
def test_an_ask_on_a_whole_tool_is_said_where_the_target_has_none(perm, to, asked):
    text = "---\ndescription: d\npermission:\n" + "".join(f'  "{k}": {v}\n' for k, v in perm.items()) + "---\n\nDo it.\n"
    out = agentconv.convert_text(text, to, from_="opencode", path=PATHS["opencode"])
    said = [i for i in out.report.items if i.code.value == "field-dropped" and "ask before each call" in i.message]
    assert [i.message.split("call of ")[1].split(" not kept")[0] for i in said] == ([asked] if asked else [])
    assert all(i.severity.value == "warning" for i in said)


def _said(out, code):
    return [i.message for i in out.report.items if i.code.value == code]


def _no_command_nor_edit_for_copilot(out):
    """The Copilot allowlist of an agent whose OpenCode terms deny every command and every file change."""
    tools = header(out.text)["tools"]
    assert "read/readFile" in tools and not {"edit/editNotebook", "execute/runTests", "execute/createAndRunTask"} & set(
        tools)
    assert any("left out too (opencode denies every tool it has of class files and shell" in m
               for m in _said(out, "tool-coerced"))


def test_a_deny_list_that_denies_a_whole_kind_of_tool_gives_no_other_tool_of_that_kind():
    """OpenCode has one command tool and one edit permission: `bash: deny` and `edit: deny` leave an agent no way to run
    a command or change a file. Written as VS Code's allowlist of every other tool, runTests and createAndRunTask (run
    the tests, a task) and editNotebook were still there; written for Claude Code, Monitor (runs a command in the
    background) and NotebookEdit were not denied. Codex's read-only sandbox and Cursor's readonly deny by kind too
    (VS Code kept runTests). A kind the source still allows part of (Claude Code's PowerShell) is left as it is."""
    text = "---\ndescription: d\npermission:\n  edit: deny\n  bash: deny\n---\n\nDo it.\n"
    out = agentconv.convert_text(text, "copilot", from_="opencode", path=PATHS["opencode"])
    _no_command_nor_edit_for_copilot(out)
    out = agentconv.convert_text(text, "claude", from_="opencode", path=PATHS["opencode"])
    denied = header(out.text)["disallowedTools"].split(", ")
    assert {"Edit", "Write", "Bash", "NotebookEdit", "PowerShell", "Monitor"} <= set(denied)
    assert any("naming NotebookEdit" in m for m in _said(out, "tool-coerced"))
    codex = 'name = "ro"\ndescription = "d"\nsandbox_mode = "read-only"\ndeveloper_instructions = "Look."\n'
    out = agentconv.convert_text(codex, "copilot", from_="codex", path=".codex/agents/ro.toml")
    assert "read/readFile" in header(out.text)["tools"] and "execute/runTests" not in header(out.text)["tools"]
    cursor = "---\nname: ro\ndescription: d\nreadonly: true\n---\n\nLook.\n"
    out = agentconv.convert_text(cursor, "claude", from_="cursor", path=".cursor/agents/ro.md")
    assert "Monitor" in header(out.text)["disallowedTools"].split(", ")
    scoped = '---\ndescription: d\npermission:\n  bash:\n    "*": deny\n    "git diff*": allow\n---\n\nDo it.\n'
    out = agentconv.convert_text(scoped, "copilot", from_="opencode", path=PATHS["opencode"])  # git diff only: no tests
    assert not {"execute/runInTerminal", "execute/runTests"} & set(header(out.text)["tools"])
    claude = "---\nname: probe\ndescription: d\ndisallowedTools: Bash\n---\n\nDo it.\n"  # PowerShell still runs commands
    out = agentconv.convert_text(claude, "copilot", from_="claude", path=PATHS["claude"])
    assert "execute/runTests" in header(out.text)["tools"] and "execute/runInTerminal" not in header(out.text)["tools"]


def test_another_dialects_tool_field_denies_a_whole_kind_in_its_own_terms():
    """An OpenCode `permission` map in a Claude agent (an OpenCode agent kept in a Claude plugin's agents/ folder) is
    read as OpenCode's tool list. Its `bash: deny` and `edit: deny` are every command and every change to a file, as
    they are read from an OpenCode file; read through the Claude file, VS Code's runTests, createAndRunTask and
    editNotebook stayed in the allowlist written for Copilot (Claude Code's terms: denying Bash leaves PowerShell)."""
    text = "---\nname: probe\ndescription: d\npermission:\n  edit: deny\n  bash: deny\n---\n\nDo it.\n"
    out = agentconv.convert_text(text, "copilot", from_="claude", path=PATHS["claude"])
    _no_command_nor_edit_for_copilot(out)
    out = agentconv.convert_text(text, "claude", from_="claude", path=PATHS["claude"])
    assert out.text == text  # the same dialect gives the file back as written


def test_the_denial_of_a_tool_the_target_does_not_have_is_no_warning_and_comes_back():
    """Denying a tool the target has no such tool for takes nothing away: it was said `tool 'powershell' has no
    opencode name; not granted` (a warning, about a denied tool). Not said now; the exact policy still rides, so the
    way back denies it again."""
    codex = 'name = "ro"\ndescription = "d"\nsandbox_mode = "read-only"\ndeveloper_instructions = "Look."\n'
    out = agentconv.convert_text(codex, "opencode", from_="codex", path=".codex/agents/ro.toml")
    assert not _said(out, "tool-unmapped") and header(out.text)["permission"] == {"write": "deny", "edit": "deny",
                                                                                 "bash": "deny"}
    claude = "---\nname: probe\ndescription: d\ndisallowedTools: NotebookEdit\n---\n\nDo it.\n"
    out = agentconv.convert_text(claude, "opencode", from_="claude", path=PATHS["claude"])
    assert not _said(out, "tool-unmapped")
    back = agentconv.convert_text(out.text, "claude", from_="opencode", path=PATHS["opencode"])
    assert header(back.text)["disallowedTools"] == "NotebookEdit"


def test_the_allow_of_a_tool_the_target_does_not_have_says_only_what_is_lost():
    """An allowed tool the target has no name for was always said `not granted` (a warning). In a deny list it restates
    what the list allows anyway (every tool not denied): nothing is lost, nothing said. In an allowlist, where a tool
    granted beside it does its job in the target ([tool_covers]: OpenCode's read lists a directory, read.ts; Kiro's
    fs_read reads directories), it is said as that tool (tool-coerced, info) and rides; else it stays a loss, and the
    covering tool is never granted for it (never widen)."""
    deny = "---\ndescription: d\npermission:\n  bash: deny\n  list: allow\n---\n\nDo it.\n"
    for target in ("claude", "kiro"):
        out = agentconv.convert_text(deny, target, from_="opencode", path=PATHS["opencode"])
        assert not _said(out, "tool-unmapped"), target
    both = "---\nname: a\ndescription: d\ntools: LS, Read\n---\n\nDo it.\n"
    for target in ("opencode", "kiro"):
        out = agentconv.convert_text(both, target, from_="claude", path=PATHS["claude"])
        assert not _said(out, "tool-unmapped"), target
        assert f"tool 'LS' (list a directory) written as read, which does that in {target} (it has no list tool)" in \
            _said(out, "tool-coerced")
    back = agentconv.convert_text(agentconv.convert_text(both, "opencode", from_="claude", path=PATHS["claude"]).text,
                                  "claude", from_="opencode", path=PATHS["opencode"])
    assert header(back.text)["tools"] == "LS, Read"  # the exact policy rode
    alone = "---\ndescription: d\npermission:\n  \"*\": deny\n  list: allow\n---\n\nDo it.\n"
    for target in ("claude", "kiro"):
        out = agentconv.convert_text(alone, target, from_="opencode", path=PATHS["opencode"])
        assert _said(out, "tool-unmapped") == [f"tool 'list' has no {target} name; not granted"], target
    assert json.loads(out.text)["tools"] == []  # never granted read for it
    scoped = "---\nname: a\ndescription: d\ntools: LS, Read(docs/**)\n---\n\nDo it.\n"  # read of some files only
    out = agentconv.convert_text(scoped, "opencode", from_="claude", path=PATHS["claude"])
    assert _said(out, "tool-unmapped") == ["tool 'LS' has no opencode name; not granted"]


def test_the_read_only_sandboxs_shell_written_as_no_shell_is_said():
    """Codex runs commands in every sandbox mode: a read-only role keeps a shell whose commands cannot write. Read as
    denying the shell (no other dialect can say a shell that cannot write), it was written for OpenCode as `bash: deny`
    and for Claude Code as `Bash` denied with no word: said now (tool-narrowed); back into Codex, nothing is said."""
    codex = 'name = "ro"\ndescription = "d"\nsandbox_mode = "read-only"\ndeveloper_instructions = "Look."\n'
    for target in ("opencode", "claude", "copilot"):
        out = agentconv.convert_text(codex, target, from_="codex", path=".codex/agents/ro.toml")
        said = [m for m in _said(out, "tool-narrowed") if "MCP server" not in m]  # copilot: an allowlist (said)
        assert len(said) == 1 and "the read-only sandbox's shell" in said[0] and target in said[0], target
    out = agentconv.convert_text(codex, "codex", from_="codex", path=".codex/agents/ro.toml")
    assert out.text == codex and not _said(out, "tool-narrowed")


def test_a_deny_list_written_as_an_allowlist_says_the_mcp_tools_it_forbids():
    """A deny list leaves every MCP server's tools allowed (OpenCode `edit: deny`: the agent still has its servers'
    tools); written as an allowlist of the target's built-in tools (VS Code, Gemini CLI, Roo), they are gone. That was
    said only as an info ("an allowlist of every other built-in tool", tool-coerced: same access): a warning now."""
    text = "---\ndescription: d\npermission:\n  edit: deny\n---\n\nDo it.\n"
    for target in ("copilot", "gemini", "roo"):
        out = agentconv.convert_text(text, target, from_="opencode", path=PATHS["opencode"])
        web = [WEB_OF.format(t=target)] if target == "roo" else []
        agent = [AGENT_OF] if target == "gemini" else []
        assert _said(out, "tool-narrowed") == web + [MCP_OF.format(t=target)] + agent, target
    out = agentconv.convert_text(text, "claude", from_="opencode", path=PATHS["opencode"])  # a deny list there
    assert not _said(out, "tool-narrowed") and "mcp__" not in out.text
    named = "---\ndescription: d\npermission:\n  edit: deny\n  context7_resolve: allow\n---\n\nDo it.\n"
    out = agentconv.convert_text(named, "copilot", from_="opencode", path=PATHS["opencode"])  # a tool named stays
    assert "context7/resolve" in header(out.text)["tools"]
    assert _said(out, "tool-narrowed") == [MCP_OF.format(t="copilot")]


def test_a_codex_role_searches_the_web_only_where_its_source_could():
    """A Codex role file is a config layer and Codex's hosted web search is on unless `web_search = "disabled"`
    (openai/codex agent_roles.rs, agent/role.rs; @openai/codex 0.169.0 loads a role with it): an allowlist without a
    web tool gave a role that searched the web (the loaders4 harness: 47 of 60 roles), and a deny list denying one was
    refused. Written now; a web tool granted keeps the key away; the exact policy still comes back."""
    text = source("claude", "Read, Bash")
    broaden = agentconv.Policy(allow_broaden=True)  # (an allowlist: a role holds its session's MCP servers)
    out = agentconv.convert_text(text, "codex", from_="claude", path=PATHS["claude"], policy=broaden)
    role = tomllib.loads(out.text)
    assert (role["sandbox_mode"], role["web_search"]) == ("workspace-write", "disabled")
    back = agentconv.convert_text(out.text, "claude", from_="codex", path=".codex/agents/probe.toml")
    assert header(back.text)["tools"] == "Read, Bash"
    out = agentconv.convert_text(source("claude", "Read, Bash, WebSearch"), "codex", from_="claude", path=PATHS["claude"],
                                 policy=broaden)
    assert "web_search" not in tomllib.loads(out.text)
    out = agentconv.convert_text(source("opencode", {"websearch": "deny"}), "codex", from_="opencode",
                                 path=PATHS["opencode"])
    role = tomllib.loads(out.text)
    assert role.get("web_search") == "disabled" and "sandbox_mode" not in role  # edits and commands as the parent's
    assert _said(out, "tool-narrowed") == ["deny list written as web_search = 'disabled', which also forbids github-repo, "
                                           "webfetch"]
    out = agentconv.convert_text(source("copilot", ["edit/editFiles", "execute/runInTerminal", "web/githubRepo"]),
                                 "codex", from_="copilot", path=".github/agents/probe.agent.md", policy=broaden)
    assert "web_search" not in tomllib.loads(out.text)  # a GitHub search is a web search in Codex: kept
    out = agentconv.convert_text(source("opencode", {"edit": "deny", "webfetch": "deny"}), "codex", from_="opencode",
                                 path=PATHS["opencode"])
    role = tomllib.loads(out.text)
    assert (role["sandbox_mode"], role["web_search"]) == ("read-only", "disabled")
    assert any("websearch" in m for m in _said(out, "tool-narrowed"))  # fetch denied, search goes too: said
    # read: a role whose web search is off denies the web tools (it was an unknown-to-tools key: wider elsewhere)
    codex = 'name = "r"\ndescription = "d"\nweb_search = "disabled"\ndeveloper_instructions = "Look."\n'
    out = agentconv.convert_text(codex, "claude", from_="codex", path=".codex/agents/r.toml")
    assert header(out.text)["disallowedTools"] == "WebFetch, WebSearch"
    assert agentconv.convert_text(codex, "codex", from_="codex", path=".codex/agents/r.toml").text == codex
