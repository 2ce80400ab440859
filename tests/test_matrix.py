"""Literal tables over every dialect pair (in the style of sqlglot's validate_all).

Each row says how one thing is spelled in each dialect; the tests read every spelling and write every
other, and check the written field values by loading the header strictly (ruamel safe loader).
"""
from __future__ import annotations

import itertools
import json
import tomllib

import pytest

import agentconv
from agentconv.errors import BroadenError
from agentconv.ir import Agent, Document, Grant, ToolPolicy

from yamlcheck import header

HEADERED = ["claude", "copilot", "opencode", "marketplace", "gemini", "kiro"]  # dialects with a tool list
FLAGGED = ["cursor", "codex"]  # no tool list: one flag (readonly / sandbox_mode)
ALL = HEADERED + FLAGGED + ["markdown"]
BROADEN = object()  # the conversion must refuse with BroadenError (exit 6)


def source_text(dialect: str, extra: str = "", body: str = "Do the work.\n") -> str:
    """A minimal file of ``dialect`` named ``probe`` with extra header lines."""
    head = {
        "claude": "name: probe\ndescription: A probe agent\n",
        "copilot": "name: Probe\ndescription: A probe agent\n",
        "opencode": "description: A probe agent\n",
        "marketplace": "id: probe\nname: Probe\ndescription: A probe agent\n",
        "gemini": "name: probe\ndescription: A probe agent\n",
        "cursor": "name: probe\ndescription: A probe agent\n",
        "codex": 'name = "probe"\ndescription = "A probe agent"\n',
        "kiro": '"name": "probe", "description": "A probe agent"',
    }[dialect]
    if dialect == "codex":
        return f"{head}{extra}developer_instructions = {json.dumps(body)}\n"
    if dialect == "kiro":  # every tool trusted (allowedTools), as the others' lists allow: a tool it omits asks
        trust = ', "allowedTools": ["*", "@*"]' if '"tools"' in extra else ""
        return "{" + head + (", " + extra if extra else "") + trust + f', "prompt": {json.dumps(body)}' + "}\n"
    return f"---\n{head}{extra}---\n\n{body}"


PATHS = {
    "claude": ".claude/agents/probe.md",
    "copilot": ".github/agents/probe.agent.md",
    "opencode": ".opencode/agent/probe.md",
    "marketplace": "agents/specialists/probe.md",
    "markdown": "agents/probe.md",
    "gemini": ".gemini/agents/probe.md",
    "cursor": ".cursor/agents/probe.md",
    "codex": ".codex/agents/probe.toml",
    "kiro": ".kiro/agents/probe.json",
}


def fields(dialect: str, text: str) -> dict:
    """The written record, loaded strictly: TOML (Codex), JSON (Kiro) or the YAML header."""
    if dialect == "codex":
        return tomllib.loads(text)
    if dialect == "kiro":
        return json.loads(text)
    return header(text)


def convert(dialect: str, extra: str, to: str, **kw):
    return agentconv.convert_text(source_text(dialect, extra), to, from_=dialect, path=PATHS[dialect], **kw)


def tools_field(to: str, text: str):
    """The written tool field of a target: None when absent."""
    data = fields(to, text)
    if to == "opencode":
        assert "tools" not in data
        return data.get("permission")
    return data.get("tools")


def tools_line(dialect: str, spelling) -> str:
    """How a source of ``dialect`` declares an allowlist holding ``spelling`` (a str, list or permission map)."""
    if dialect == "claude":
        return f"tools: {spelling if isinstance(spelling, str) else ', '.join(spelling)}\n"
    if dialect == "opencode":
        return "permission:\n" + "".join(f'  "{k}": {v}\n' for k, v in spelling.items())
    items = [spelling] if isinstance(spelling, str) else spelling
    if dialect == "kiro":
        return f'"tools": {json.dumps(items)}'
    return "tools:\n" + "".join(f'  - "{i}"\n' for i in items)


# --------------------------------------------------------------------------- tool names
# canonical id -> the written value of an allowlist holding only that tool, per target dialect.
TOOLS = {
    "read": {"claude": "Read", "copilot": ["read/readFile"], "opencode": {"*": "deny", "read": "allow"},
             "marketplace": ["Read"], "gemini": ["read_file"], "kiro": ["read"]},
    # OpenCode's edit permission and Kiro's write also cover the other: one file-changes class, not a widening
    "write": {"claude": "Write", "copilot": ["edit/createFile", "edit/createDirectory"],
              "opencode": {"*": "deny", "write": "allow", "edit": "allow"}, "marketplace": ["Write"], "gemini": ["write_file"],
              "kiro": ["write"]},
    "edit": {"claude": "Edit", "copilot": ["edit/editFiles"], "opencode": {"*": "deny", "edit": "allow"},
             "marketplace": ["Edit"], "gemini": ["replace"], "kiro": ["write"]},
    "bash": {"claude": "Bash", "copilot": ["execute/runInTerminal"], "opencode": {"*": "deny", "bash": "allow"},
             "marketplace": ["Bash"], "gemini": ["run_shell_command"], "kiro": ["shell"]},
    "grep": {"claude": "Grep", "copilot": ["search/textSearch"], "opencode": {"*": "deny", "grep": "allow"},
             "marketplace": ["Grep"], "gemini": ["grep_search"], "kiro": ["grep"]},
    "glob": {"claude": "Glob", "copilot": ["search/fileSearch"], "opencode": {"*": "deny", "glob": "allow"},
             "marketplace": ["Glob"], "gemini": ["glob"], "kiro": ["glob"]},
    "webfetch": {"claude": "WebFetch", "copilot": ["web/fetch"], "opencode": {"*": "deny", "webfetch": "allow"},
                 "marketplace": ["WebFetch"], "gemini": ["web_fetch"], "kiro": ["web_fetch"]},
    "todo": {"claude": "TaskCreate, TaskGet, TaskList, TaskUpdate", "copilot": ["todo"],
             "opencode": {"*": "deny", "todowrite": "allow"},
             "marketplace": ["TodoWrite"], "gemini": ["write_todos"], "kiro": ["todo"]},
    "agent": {"claude": "Agent", "copilot": ["agent"], "opencode": {"*": "deny", "task": "allow"},
              "marketplace": ["Task"], "gemini": ["invoke_agent"], "kiro": ["subagent"]},
}
# Read as its tool, written as no tool: Gemini CLI gives a subagent no agent tool (invoke_agent is Kind.Agent, which
# LocalAgentExecutor.create never registers for one; test_gemini_withheld_agent_tool.py).
WRITTEN_AS = {("agent", "gemini"): []}
# Write and Edit together: OpenCode's edit permission covers both, so nothing is widened.
WRITE_EDIT = {"claude": "Write, Edit",
              "copilot": ["edit/createFile", "edit/createDirectory", "edit/editFiles"],
              "opencode": {"*": "deny", "write": "allow", "edit": "allow"},
              "marketplace": ["Write", "Edit"], "gemini": ["write_file", "replace"], "kiro": ["write"]}


def _agent(*canonicals: str) -> Document:
    # a raw spelling no dialect knows, so that every target writes its own name for the canonical id
    grants = [Grant(f"x-{c}", c) for c in canonicals]
    return Document([Agent(name="probe", description="A probe agent", prompt="Do the work.\n",
                           tools=ToolPolicy("allowlist", grants))])


@pytest.mark.parametrize("canonical", sorted(TOOLS))
@pytest.mark.parametrize("target", HEADERED)
def test_tool_written(canonical, target):
    want = WRITTEN_AS.get((canonical, target), TOOLS[canonical][target])
    if want is BROADEN:
        with pytest.raises(BroadenError):
            agentconv.write(_agent(canonical), target)
        return
    assert tools_field(target, agentconv.write(_agent(canonical), target)) == want


WITHHELD = {("agent", "gemini")}  # Gemini CLI registers no agent tool for a subagent (gemini.toml [subagent] withheld)


@pytest.mark.parametrize("canonical", sorted(TOOLS))
@pytest.mark.parametrize("source", HEADERED)
def test_tool_read(canonical, source):
    spelling = TOOLS[canonical][source]
    doc, _ = agentconv.read_text(source_text(source, tools_line(source, spelling)), source, path=PATHS[source])
    policy = doc.agent.tools
    if (canonical, source) in WITHHELD:  # the tool never gives it there: read as no grant (test_gemini_withheld_agent_tool)
        assert policy.mode == "none" and canonical not in {g.canonical for g in policy.allowed()}
        return
    assert policy.mode == "allowlist"
    assert canonical in {g.canonical for g in policy.allowed()}


@pytest.mark.parametrize("source,target", list(itertools.product(HEADERED, HEADERED)))
def test_write_edit_pair(source, target):
    result = convert(source, tools_line(source, WRITE_EDIT[source]), target)
    assert tools_field(target, result.text) == WRITE_EDIT[target]


@pytest.mark.parametrize("source,target", list(itertools.product(HEADERED, HEADERED)))
def test_tool_pairs(source, target):
    """Read + Grep + Bash written in one dialect come out as the other's spelling of the same three."""
    def spelled(d):
        if d == "opencode":
            return {"*": "deny", "read": "allow", "grep": "allow", "bash": "allow"}
        vals = [TOOLS[c][d] for c in ("read", "grep", "bash")]
        return ", ".join(vals) if d == "claude" else [v for vs in vals for v in vs]
    result = convert(source, tools_line(source, spelled(source)), target)
    want = spelled(target)
    assert tools_field(target, result.text) == want


# --------------------------------------------------------------------------- the agent tool scoped to some agents
# Claude Code's Agent(a, b), Copilot's `agents: [a, b]`, OpenCode's `task` map, Kiro's toolsSettings.subagent.availableAgents
# ("Restricts which agents can be spawned as subagents", kiro.dev/docs/cli/reference/built-in-tools, read 2026-11-29;
# kiro.toml [subagents]). Copilot and the marketplace catalogue write no scope of the agent tool: refused; Gemini CLI
# gives a subagent no agent tool (WITHHELD).
SCOPED_AGENTS = {
    "claude": "tools: Read, Agent(tester, linter)\n",
    "copilot": "tools: ['read/readFile', 'agent']\nagents: ['tester', 'linter']\n",
    "opencode": 'permission:\n  "*": deny\n  read: allow\n  task:\n    "*": deny\n    tester: allow\n    linter: allow\n',
    "kiro": '"tools": ["read", "subagent"], "toolsSettings": {"subagent": {"availableAgents": ["tester", "linter"]}}',
}
SCOPED_AGENTS_WRITTEN = {
    "claude": "Read, Agent(tester), Agent(linter)", "copilot": ["read/readFile", "agent"], "marketplace": ["Read"],  # (the agent tool left out: tools.toml [left_out])
    "gemini": ["read_file"],
    "opencode": {"*": "deny", "read": "allow", "task": {"*": "deny", "tester": "allow", "linter": "allow"}},
    "kiro": ["read", "subagent"],
}


@pytest.mark.parametrize("source,target", list(itertools.product(SCOPED_AGENTS, HEADERED)))
def test_agent_tool_scoped_to_some_agents(source, target):
    text = source_text(source, SCOPED_AGENTS[source])
    want = {("claude", "claude"): "Read, Agent(tester, linter)", ("copilot", "copilot"): ["read/readFile", "agent"]}.get(
        (source, target), SCOPED_AGENTS_WRITTEN[target])  # its own dialect: as it came
    if want is BROADEN:
        with pytest.raises(BroadenError, match="scope of"):
            agentconv.convert_text(text, target, from_=source, path=PATHS[source])
        return
    result = agentconv.convert_text(text, target, from_=source, path=PATHS[source])
    assert tools_field(target, result.text) == want
    if target == "kiro":
        assert json.loads(result.text)["toolsSettings"] == {"subagent": {"availableAgents": ["tester", "linter"]}}
    if target == "copilot":  # VS Code alone honours `agents`: the agent is left to it (copilot.toml [subagents])
        assert header(result.text)["agents"] == ["tester", "linter"]
        assert header(result.text).get("target") == (None if source == "copilot" else "vscode")


# --------------------------------------------------------------------------- models
# Model spellings per dialect: tests/test_models.py (literal table over real-world model strings).


def test_copilot_model_list_is_a_fallback_order():
    extra = "model: ['Claude Sonnet 4.5 (copilot)', 'GPT-5 (copilot)']\n"
    doc, _ = agentconv.read_text(source_text("copilot", extra), "copilot", path=PATHS["copilot"])
    assert doc.agent.model.raw == "Claude Sonnet 4.5 (copilot)" and doc.agent.model.version == "4.5"
    assert header(convert("copilot", extra, "claude").text)["model"] == "claude-sonnet-4-5"
    assert header(convert("copilot", extra, "opencode").text)["model"] == "anthropic/claude-sonnet-4-5"
    assert header(convert("copilot", extra, "copilot").text)["model"] == ["Claude Sonnet 4.5 (copilot)",
                                                                           "GPT-5 (copilot)"]


def test_copilot_model_list_falls_back_to_a_later_entry_the_target_names():
    """VS Code tries a custom agent's model list in order (code.visualstudio.com custom-agents docs, "string or
    prioritized array"): where the target has no model for the first entry, its first later entry the target names
    is written (same version, reported), not nothing; with no entry the target names, the first is reported lost."""
    extra = "model: ['Claude Sonnet 4.5 (copilot)', 'Gemini 9 Ultra (copilot)', 'GPT-5 (copilot)']\n"
    res = convert("copilot", extra, "codex")
    assert tomllib.loads(res.text)["model"] == "gpt-5"
    said = [l for l in res.report if l.path == "model"]
    assert [l.code.value for l in said] == ["model-coerced"] and "entry 3" in said[0].message
    back = agentconv.convert_text(res.text, "copilot", from_="codex", path=PATHS["codex"])
    assert header(back.text)["model"] == ["Claude Sonnet 4.5 (copilot)", "Gemini 9 Ultra (copilot)", "GPT-5 (copilot)"]
    assert "claude-sonnet-4-5" == header(convert("copilot", extra, "claude").text)["model"]  # first entry as before
    none = "model: ['Claude Sonnet 4.5 (copilot)', 'Gemini 9 Ultra (copilot)']\n"
    res = convert("copilot", none, "codex")
    assert "model" not in tomllib.loads(res.text)
    assert [l.code.value for l in res.report if l.path == "model"] == ["model-unmapped"]


def test_copilot_model_list_of_one_entry_stays_a_list():
    """`model: ['GPT-5 (copilot)']`, a fallback list of one entry (VS Code takes "string or prioritized array"):
    written back into its own dialect as the list it was (byte for byte), its entry the model elsewhere."""
    extra = "model: ['Claude Sonnet 4.5 (copilot)']\n"
    src = source_text("copilot", extra)
    assert convert("copilot", extra, "copilot").text == src
    assert header(convert("copilot", extra, "claude").text)["model"] == "claude-sonnet-4-5"
    back = agentconv.convert_text(convert("copilot", extra, "claude").text, "copilot", from_="claude",
                                  path=PATHS["claude"])
    assert header(back.text)["model"] == ["Claude Sonnet 4.5 (copilot)"]
    two = "model: ['Claude Sonnet 4.5 (copilot)', 'GPT-5 (copilot)']\n"  # given back whole through Claude Code too
    back = agentconv.convert_text(convert("copilot", two, "claude").text, "copilot", from_="claude", path=PATHS["claude"])
    assert header(back.text)["model"] == ["Claude Sonnet 4.5 (copilot)", "GPT-5 (copilot)"]


# --------------------------------------------------------------------------- MCP spellings
MCP = {"claude": "mcp__srv__tool", "copilot": "srv/tool", "opencode": "srv_tool", "marketplace": "mcp__srv__tool",
       "gemini": "mcp_srv_tool", "kiro": "@srv/tool"}
MCP_ALL = {"claude": "mcp__srv__*", "copilot": "srv/*", "opencode": "srv_*", "marketplace": "mcp__srv__*",
           "gemini": "mcp_srv_*", "kiro": "@srv"}


def _mcp_spelled(d, name):
    if d == "opencode":
        return {"*": "deny", "read": "allow", name: "allow"}
    return "Read, " + name if d == "claude" else [TOOLS["read"][d][0], name]


@pytest.mark.parametrize("table", [MCP, MCP_ALL], ids=["tool", "wildcard"])
@pytest.mark.parametrize("source,target", list(itertools.product(HEADERED, HEADERED)))
def test_mcp(table, source, target):
    text = source_text(source, tools_line(source, _mcp_spelled(source, table[source])))
    doc, _ = agentconv.read_text(text, source, path=PATHS[source])
    want = "mcp:srv/tool" if table is MCP else "mcp:srv/*"
    assert want in {g.canonical for g in doc.agent.tools.grants}
    result = agentconv.convert_text(text, target, from_=source, path=PATHS[source])
    assert tools_field(target, result.text) == _mcp_spelled(target, table[target])


# --------------------------------------------------------------------------- the three tool states
STATES = {
    "inherit": {"claude": "", "copilot": "", "opencode": "", "marketplace": "", "gemini": "", "kiro": '"tools": ["*"]'},
    "none": {"claude": "tools: []\n", "copilot": "tools: []\n", "opencode": "permission:\n  \"*\": deny\n",
             "marketplace": "tools: []\n", "gemini": "tools: []\n", "kiro": '"tools": []'},
    "allowlist": {"claude": "tools: Read, Grep\n", "copilot": "tools: ['read/readFile', 'search/textSearch']\n",
                  "opencode": "permission:\n  \"*\": deny\n  read: allow\n  grep: allow\n",
                  "marketplace": "tools:\n  - Read\n  - Grep\n", "gemini": "tools:\n  - read_file\n  - grep_search\n",
                  "kiro": '"tools": ["read", "grep"]'},
}
WRITTEN = {
    "inherit": {"claude": None, "copilot": None, "opencode": None, "marketplace": None, "gemini": None, "kiro": ["*"]},
    "none": {"copilot": [], "opencode": {"*": "deny"}, "marketplace": [], "gemini": [], "kiro": []},
    # Claude's empty list is checked by reading back
    "allowlist": {"claude": "Read, Grep", "copilot": ["read/readFile", "search/textSearch"],
                  "opencode": {"*": "deny", "read": "allow", "grep": "allow"}, "marketplace": ["Read", "Grep"],
                  "gemini": ["read_file", "grep_search"], "kiro": ["read", "grep"]},
}


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("source,target", list(itertools.product(HEADERED, ALL)))
def test_tool_state(state, source, target):
    text = source_text(source, STATES[state][source])
    doc, _ = agentconv.read_text(text, source, path=PATHS[source])
    assert doc.agent.tools.mode == state
    if target in ("codex", "cursor") and state != "inherit":
        # Codex runs shell commands in every sandbox mode, Cursor's readonly: true those that change nothing: an
        # allowlist without Bash cannot be written (exit 6)
        match = {"codex": "runs shell commands in every sandbox mode",
                 "cursor": "readonly: true still runs shell commands"}[target]
        with pytest.raises(BroadenError, match=match):
            agentconv.convert_text(text, target, from_=source, path=PATHS[source])
        return
    result = agentconv.convert_text(text, target, from_=source, path=PATHS[source])
    if target == "markdown":
        # a persona holds no tool policy: anything but inherit must be reported
        assert result.text.startswith("# ")
        tool_items = [i for i in result.report if i.path == "tools"]
        assert bool(tool_items) == (state != "inherit")
        return
    if target in FLAGGED:
        # no tool list: an allowlist (or none) without edit/shell tools becomes the read-only flag
        key, flag = {"cursor": ("readonly", True), "codex": ("sandbox_mode", "read-only")}[target]
        assert fields(target, result.text).get(key) == (None if state == "inherit" else flag)
        return
    if target in WRITTEN[state]:
        assert tools_field(target, result.text) == WRITTEN[state][target]
    back, _ = agentconv.read_text(result.text, target, path=PATHS[target])
    if target == "kiro" and source != "kiro":  # written without allowedTools: each tool Kiro does not trust by default asks there
        assert all(g.decision == "ask" for g in back.agent.tools.grants if g.canonical not in ("read", "todo"))
        if state == "inherit":  # `["*"]`: every tool, the untrusted ones asking (a deny list of asks)
            assert back.agent.tools.mode == "denylist" and not back.agent.tools.denied()
            return
    assert back.agent.tools.mode == state
    assert {g.canonical for g in back.agent.tools.allowed()} == {g.canonical for g in doc.agent.tools.allowed()}


def test_copilot_star_is_inherit():
    doc, _ = agentconv.read_text(source_text("copilot", "tools: ['*']\n"), "copilot", path=PATHS["copilot"])
    assert doc.agent.tools.mode == "inherit" and doc.agent.tools.grants == []


def test_opencode_denylist_never_widens_in_copilot():
    """OpenCode denying webfetch: Copilot has no deny list, so it must list every other tool, never omit tools."""
    text = source_text("opencode", "permission:\n  webfetch: deny\n")
    doc, _ = agentconv.read_text(text, "opencode", path=PATHS["opencode"])
    assert doc.agent.tools.mode == "denylist"
    result = agentconv.convert_text(text, "copilot", from_="opencode", path=PATHS["opencode"])
    written = tools_field("copilot", result.text)
    assert isinstance(written, list) and written, "no tools field: the agent would get webfetch back"
    assert "web/fetch" not in written and "read/readFile" in written


ALLOWS_ONLY = [  # (header lines, mode read): OpenCode appends a tool's allow after its own '*': allow, so allows alone
    # change nothing (opencode-ai 1.18.33 `debug agent` on a synthetic agent, checked 2026-11-27)
    ("tools:\n  read: true\n  edit: true\n  bash: true\n", "inherit"),
    ('permission:\n  bash:\n    "git *": allow\n  webfetch: allow\n', "inherit"),
    ("tools:\n  read: true\n  edit: false\n", "denylist"),
    ("tools:\n  read: true\npermission:\n  bash: ask\n", "denylist"),
]


@pytest.mark.parametrize("extra, mode", ALLOWS_ONLY)
def test_opencode_allows_alone_are_every_tool(extra, mode):
    """Nothing denied or asked is every tool, as with no tools field: no Codex read-only sandbox, no Gemini list of
    the built-in tools only (both narrower than the source; was a deny list of nothing)."""
    text = source_text("opencode", extra)
    doc, _ = agentconv.read_text(text, "opencode", path=PATHS["opencode"])
    assert doc.agent.tools.mode == mode
    codex = fields("codex", agentconv.convert_text(text, "codex", from_="opencode", path=PATHS["opencode"]).text)
    gemini = fields("gemini", agentconv.convert_text(text, "gemini", from_="opencode", path=PATHS["opencode"]).text)
    if mode == "inherit":
        assert "sandbox_mode" not in codex and "tools" not in gemini
    else:
        assert codex["sandbox_mode"] == "read-only" and "read_file" in gemini["tools"]


def test_a_claude_bash_prefix_rule_is_opencodes_trailing_wildcard():
    """Claude Code matches `Bash(git diff:*)` as `git diff *` (2.1.330); OpenCode takes ':' literally, so the rule
    copied as written allowed no command at all. Written `git diff *` (which OpenCode also matches bare); a ':*'
    elsewhere, or in another tool's rule, is left alone."""
    text = source_text("claude", "tools: Read, Bash(git diff:*), Bash(npm run test:*), WebFetch(domain:*)\n")
    doc, _ = agentconv.read_text(text, "claude", path=PATHS["claude"])
    assert [(g.raw, g.pattern) for g in doc.agent.tools.grants if g.pattern] == [
        ("Bash(git diff:*)", "git diff *"), ("Bash(npm run test:*)", "npm run test *"), ("WebFetch(domain:*)", "domain:*")]
    perm = header(agentconv.convert_text(text, "opencode", from_="claude", path=PATHS["claude"]).text)["permission"]
    assert perm["bash"] == {"*": "deny", "git diff *": "allow", "npm run test *": "allow"}
    assert agentconv.convert_text(text, "claude", from_="claude", path=PATHS["claude"]).text == text


def test_opencode_bash_pattern_map_keeps_its_default():
    """A bash pattern map whose '*' rule is ask must keep '*': ask (not become deny) when written back."""
    extra = 'permission:\n  bash:\n    "*": ask\n    "git status": allow\n'
    result = agentconv.convert_text(source_text("opencode", extra), "opencode", from_="opencode", path=PATHS["opencode"])
    assert header(result.text)["permission"] == {"bash": {"*": "ask", "git status": "allow"}}


def test_opencode_pattern_order_is_kept():
    """OpenCode: the last matching rule wins, so pattern order is meaning and must be kept."""
    doc = Document([Agent(name="probe", description="d", prompt="p\n", tools=ToolPolicy("allowlist", [
        Grant("Bash(make *)", "bash", "allow", "make *"), Grant("Bash(git *)", "bash", "allow", "git *"),
        Grant("Bash(git push *)", "bash", "deny", "git push *")]))])
    perm = header(agentconv.write(doc, "opencode"))["permission"]
    assert list(perm) == ["*", "bash"]
    assert list(perm["bash"]) == ["*", "make *", "git *", "git push *"]


def test_opencode_edit_is_not_copilots_edit_tool_set():
    """OpenCode's ``edit`` permission (edit + write) must not be written as Copilot's ``edit`` tool set,
    which also grants notebook editing; nor ``read`` as the ``read`` set (which adds problems)."""
    text = source_text("opencode", 'permission:\n  "*": deny\n  edit: allow\n  read: allow\n')
    result = agentconv.convert_text(text, "copilot", from_="opencode", path=PATHS["opencode"])
    assert sorted(tools_field("copilot", result.text)) == sorted(
        ["edit/editFiles", "edit/createFile", "edit/createDirectory", "read/readFile"])


# --------------------------------------------------------------------------- dialects without a tool list
READ_ONLY = {"cursor": ("readonly", True), "codex": ("sandbox_mode", "read-only")}


@pytest.mark.parametrize("target,tools,expect", [
    ("cursor", "Read, Grep, Glob", BROADEN),      # readonly: true still runs the shell commands that change nothing
    ("cursor", "Read, Grep, Bash", "read-only"),  # a shell, no edits: readonly: true, narrower (reported)
    ("codex", "Read, Grep, Glob", BROADEN),       # Codex's read-only sandbox still runs shell commands
    ("cursor", "Read, Edit", BROADEN),            # edits: Cursor/Codex cannot say it without granting more
    ("codex", "Read, Edit", BROADEN),
    ("cursor", "Read, Bash(git *)", "read-only"),  # Claude Code gives the whole Bash (its scope ignored)
])
def test_flag_from_allowlist(target, tools, expect):
    text = source_text("claude", f"tools: {tools}\n")
    if expect is BROADEN:
        with pytest.raises(BroadenError):
            agentconv.convert_text(text, target, from_="claude", path=PATHS["claude"])
        result = agentconv.convert_text(text, target, from_="claude", path=PATHS["claude"],
                                   policy=agentconv.Policy(allow_broaden=True))
        assert any(i.code.value == "tool-broadened" for i in result.report)
        return
    result = agentconv.convert_text(text, target, from_="claude", path=PATHS["claude"])
    key, flag = READ_ONLY[target]
    assert fields(target, result.text)[key] == flag
    assert any(i.path == "tools" and i.code.value == "tool-narrowed" for i in result.report)


def test_codex_shell_allowlist_is_workspace_write():
    text = source_text("claude", "tools: Read, Edit, Bash\n")
    result = agentconv.convert_text(text, "codex", from_="claude", path=PATHS["claude"],
                                    policy=agentconv.Policy(allow_broaden=True))  # (a role holds every MCP server)
    assert fields("codex", result.text)["sandbox_mode"] == "workspace-write"


@pytest.mark.parametrize("tools,mode,granted", [
    ("Read, Grep", "read-only", "bash, a shell that cannot write files"),
    ("", "read-only", "bash, a shell that cannot write files"),
    ("Read, Edit, Write", "workspace-write", "bash, a shell that can write in the workspace"),
])
def test_codex_never_gives_a_shell_silently(tools, mode, granted):
    """Regression (issue 8): Codex runs shell commands in every sandbox mode, read-only included, so an
    allowlist without Bash (or an empty one) is refused, and with --allow-broaden the report names the shell."""
    text = source_text("claude", f"tools: {tools}\n" if tools else "tools: []\n")
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(text, "codex", from_="claude", path=PATHS["claude"])
    assert f"sandbox_mode = '{mode}' would grant {granted}" in str(err.value)
    result = agentconv.convert_text(text, "codex", from_="claude", path=PATHS["claude"],
                               policy=agentconv.Policy(allow_broaden=True))
    assert fields("codex", result.text)["sandbox_mode"] == mode
    said = [(i.code.value, i.message) for i in result.report if i.path == "tools" and i.severity.value == "warning"]
    assert [c for c, _ in said] == ["tool-broadened", "tool-broadened"]  # the shell, then the session's MCP servers
    assert granted in said[0][1] and "MCP servers of its session" in said[1][1]


def test_codex_denying_the_shell_is_refused():
    """Denying Bash cannot be written as read-only (which still runs commands); denying only edits can."""
    with pytest.raises(BroadenError, match="denying bash cannot be written"):
        convert("claude", "disallowedTools: Bash, Edit\n", "codex")
    assert fields("codex", convert("claude", "disallowedTools: Write, Edit, NotebookEdit\n", "codex").text)[
        "sandbox_mode"] == "read-only"


@pytest.mark.parametrize("source", FLAGGED)
def test_read_only_flag_reads_as_a_denylist(source):
    key, _ = READ_ONLY[source]
    extra = "readonly: true\n" if source == "cursor" else 'sandbox_mode = "read-only"\n'
    doc, _ = agentconv.read_text(source_text(source, extra), source, path=PATHS[source])
    assert doc.agent.tools.mode == "denylist"
    assert {"write", "edit", "bash"} <= {g.canonical for g in doc.agent.tools.denied()}
    # Claude can say it exactly; Gemini (no deny list) lists every other tool, never omits the field
    claude = agentconv.convert_text(source_text(source, extra), "claude", from_=source, path=PATHS[source])
    assert header(claude.text)["disallowedTools"].startswith("Write, Edit")
    gemini = agentconv.convert_text(source_text(source, extra), "gemini", from_=source, path=PATHS[source])
    written = header(gemini.text)["tools"]
    assert "read_file" in written and "run_shell_command" not in written and "replace" not in written


def test_cursor_denylist_of_other_tools_refuses():
    text = source_text("claude", "disallowedTools: WebFetch\n")
    with pytest.raises(BroadenError):
        agentconv.convert_text(text, "cursor", from_="claude", path=PATHS["claude"])


# --------------------------------------------------------------------------- Gemini, Kiro specifics
def test_gemini_writes_only_its_keys():
    extra = "color: blue\npermissionMode: acceptEdits\nskills: [a]\nmaxTurns: 4\n"
    result = convert("claude", extra, "gemini")
    assert set(header(result.text)) <= {"kind", "name", "display_name", "description", "tools", "model",
                                         "temperature", "max_turns", "timeout_mins", "mcp_servers"}
    assert header(result.text)["max_turns"] == 4
    paths_reported = {i.path for i in result.report}
    assert {"metadata.color", "extensions.claude.permissionMode", "extensions.claude.skills"} <= paths_reported
    assert "# agentconv-carry: " in result.text


def test_gemini_mcp_underscore_is_reported():
    result = convert("claude", "tools: Read, mcp__srv__do_it\n", "gemini")
    assert header(result.text)["tools"] == ["read_file", "mcp_srv_do_it"]
    assert any("ambiguous" in i.message for i in result.report)
    # a server name holding '_': Gemini CLI registers the tool as `mcp_my_srv_do__it` (DiscoveredMCPTool,
    # generateValidName) and gives a subagent a named tool by that full name (registerToolByName: getTool(name);
    # 0.61.0): written, said as joined, not refused as another server's (toolpolicy read_back)
    joined = convert("claude", "tools: Read, mcp__my_srv__do__it\n", "gemini")
    assert header(joined.text)["tools"] == ["read_file", "mcp_my_srv_do__it"]
    assert any("ambiguous" in i.message for i in joined.report)


def test_gemini_legacy_grep_name():
    doc, _ = agentconv.read_text(source_text("gemini", "tools: [search_file_content]\n"), "gemini", path=PATHS["gemini"])
    assert [g.canonical for g in doc.agent.tools.grants] == ["grep"]


def test_kiro_builtin_and_missing_tools():
    doc, _ = agentconv.read_text(source_text("kiro", '"tools": ["@builtin"]'), "kiro", path=PATHS["kiro"])
    assert {"read", "write", "edit", "bash"} <= {g.canonical for g in doc.agent.tools.allowed()}
    doc, _ = agentconv.read_text(source_text("kiro"), "kiro", path=PATHS["kiro"])
    assert doc.agent.tools.mode == "none"  # agent-v1.json: tools default to []
    same = agentconv.convert_text(source_text("kiro"), "kiro", from_="kiro", path=PATHS["kiro"])
    assert "tools" not in json.loads(same.text)


def test_kiro_file_prompt_is_kept_as_a_reference():
    """A prompt file not read (here: no agent file on disk to resolve it from) is said once, and the reference goes
    back only into Kiro (tests/test_kiro_prompt_file.py reads one)."""
    text = '{"name": "probe", "description": "d", "prompt": "file://./prompts/probe.md", "tools": ["read"]}\n'
    doc, report = agentconv.read_text(text, "kiro", path=PATHS["kiro"])
    assert doc.agent.prompt == "" and "prompt" not in doc.agent.extensions.get("kiro", {})
    assert [i.code.value for i in report if i.path == "prompt"] == ["field-dropped"]
    assert agentconv.convert_text(text, "kiro", from_="kiro", path=PATHS["kiro"]).text == text
    claude = agentconv.convert_text(text, "claude", from_="kiro", path=PATHS["kiro"])
    assert [i.path for i in claude.report if "prompt" in i.path] == ["prompt"]  # one line, no "access setting"


# --------------------------------------------------------------------------- detection
DETECT = {
    "gemini": ("---\nname: probe\ndescription: d\ntools:\n  - read_file\n  - run_shell_command\nmax_turns: 5\n---\n\nx\n",
               ".gemini/agents/probe.md"),
    "cursor": ("---\nname: probe\ndescription: d\nreadonly: true\nis_background: false\n---\n\nx\n",
               ".cursor/agents/probe.md"),
    "codex": ('name = "probe"\ndescription = "d"\nsandbox_mode = "read-only"\ndeveloper_instructions = "x"\n',
              ".codex/agents/probe.toml"),
    "kiro": ('{"name": "probe", "description": "d", "prompt": "x", "tools": ["read"], "allowedTools": ["read"]}\n',
             ".kiro/agents/probe.json"),
}


@pytest.mark.parametrize("dialect", sorted(DETECT))
def test_detect_by_content(dialect):
    text, _ = DETECT[dialect]
    assert agentconv.detect_text(text.encode(), path="agent.txt").dialect == dialect


@pytest.mark.parametrize("dialect", sorted(DETECT))
def test_detect_by_path(dialect):
    _, path = DETECT[dialect]
    bare = {"codex": 'name = "probe"\n', "kiro": '{"name": "probe"}\n'}.get(dialect, "---\nname: probe\n---\n\nx\n")
    assert agentconv.detect_text(bare.encode(), path=path).dialect == dialect
    assert agentconv.detect_text(bare.encode(), path="/home/u/.amazonq/cli-agents/probe.json" if dialect == "kiro"
                                 else path).dialect == dialect
