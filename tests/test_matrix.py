"""Literal tables over every dialect pair (in the style of sqlglot's validate_all).

Each row says how one thing is spelled in each dialect; the tests read every spelling and write every
other, and check the written field values by loading the header strictly (ruamel safe loader).
"""
from __future__ import annotations

import itertools

import pytest

import agentconv
from agentconv.errors import BroadenError
from agentconv.ir import Agent, Document, Grant, ToolPolicy

from yamlcheck import header

HEADERED = ["claude", "copilot", "opencode", "marketplace"]
ALL = HEADERED + ["markdown"]
BROADEN = object()  # the conversion must refuse with BroadenError (exit 6)


def source_text(dialect: str, extra: str = "", body: str = "Do the work.\n") -> str:
    """A minimal file of ``dialect`` named ``probe`` with extra header lines."""
    head = {
        "claude": "name: probe\ndescription: A probe agent\n",
        "copilot": "name: Probe\ndescription: A probe agent\n",
        "opencode": "description: A probe agent\n",
        "marketplace": "id: probe\nname: Probe\ndescription: A probe agent\n",
    }[dialect]
    return f"---\n{head}{extra}---\n\n{body}"


PATHS = {
    "claude": ".claude/agents/probe.md",
    "copilot": ".github/agents/probe.agent.md",
    "opencode": ".opencode/agent/probe.md",
    "marketplace": "agents/specialists/probe.md",
    "markdown": "agents/probe.md",
}


def convert(dialect: str, extra: str, to: str, **kw):
    return agentconv.convert(source_text(dialect, extra), to, from_=dialect, path=PATHS[dialect], **kw)


def tools_field(to: str, text: str):
    """The written tool field of a target: None when absent."""
    data = header(text)
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
    return "tools:\n" + "".join(f'  - "{i}"\n' for i in items)


# --------------------------------------------------------------------------- tool names
# canonical id -> the written value of an allowlist holding only that tool, per target dialect.
TOOLS = {
    "read": {"claude": "Read", "copilot": ["read/readFile"], "opencode": {"*": "deny", "read": "allow"},
             "marketplace": ["Read"]},
    "write": {"claude": "Write", "copilot": ["edit/createFile", "edit/createDirectory"], "opencode": BROADEN,
              "marketplace": ["Write"]},
    "edit": {"claude": "Edit", "copilot": ["edit/editFiles"], "opencode": BROADEN, "marketplace": ["Edit"]},
    "bash": {"claude": "Bash", "copilot": ["execute/runInTerminal"], "opencode": {"*": "deny", "bash": "allow"},
             "marketplace": ["Bash"]},
    "grep": {"claude": "Grep", "copilot": ["search/textSearch"], "opencode": {"*": "deny", "grep": "allow"},
             "marketplace": ["Grep"]},
    "glob": {"claude": "Glob", "copilot": ["search/fileSearch"], "opencode": {"*": "deny", "glob": "allow"},
             "marketplace": ["Glob"]},
    "webfetch": {"claude": "WebFetch", "copilot": ["web/fetch"], "opencode": {"*": "deny", "webfetch": "allow"},
                 "marketplace": ["WebFetch"]},
    "todo": {"claude": "TodoWrite", "copilot": ["todo"], "opencode": {"*": "deny", "todowrite": "allow"},
             "marketplace": ["TodoWrite"]},
    "agent": {"claude": "Agent", "copilot": ["agent"], "opencode": {"*": "deny", "task": "allow"},
              "marketplace": ["Task"]},
}
# Write and Edit together: OpenCode's edit permission covers both, so nothing is widened.
WRITE_EDIT = {"claude": "Write, Edit",
              "copilot": ["edit/createFile", "edit/createDirectory", "edit/editFiles"],
              "opencode": {"*": "deny", "write": "allow", "edit": "allow"},
              "marketplace": ["Write", "Edit"]}


def _agent(*canonicals: str) -> Document:
    # a raw spelling no dialect knows, so that every target writes its own name for the canonical id
    grants = [Grant(f"x-{c}", c) for c in canonicals]
    return Document([Agent(name="probe", description="A probe agent", prompt="Do the work.\n",
                           tools=ToolPolicy("allowlist", grants))])


@pytest.mark.parametrize("canonical", sorted(TOOLS))
@pytest.mark.parametrize("target", HEADERED)
def test_tool_written(canonical, target):
    want = TOOLS[canonical][target]
    if want is BROADEN:
        with pytest.raises(BroadenError):
            agentconv.write(_agent(canonical), target)
        return
    assert tools_field(target, agentconv.write(_agent(canonical), target)) == want


@pytest.mark.parametrize("canonical", sorted(TOOLS))
@pytest.mark.parametrize("source", HEADERED)
def test_tool_read(canonical, source):
    spelling = TOOLS[canonical][source]
    if spelling is BROADEN:
        return_spelling = {"*": "deny", "write": "allow", "edit": "allow"}  # the only way OpenCode can say it
        spelling = return_spelling
    doc, _ = agentconv.read(source_text(source, tools_line(source, spelling)), source, path=PATHS[source])
    policy = doc.agent.tools
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
    assert tools_field(target, result.text) == spelled(target)


# --------------------------------------------------------------------------- models
MODELS = [
    {"claude": "sonnet", "copilot": "Claude Sonnet 4.5 (copilot)", "opencode": "anthropic/claude-sonnet-4-5",
     "marketplace": "sonnet"},
    {"claude": "opus", "copilot": "Claude Opus 4.6 (copilot)", "opencode": "anthropic/claude-opus-4-1",
     "marketplace": "opus"},
    {"claude": "haiku", "copilot": "Claude Haiku 4.5 (copilot)", "opencode": "anthropic/claude-haiku-4-5",
     "marketplace": "haiku"},
    # no Claude or marketplace spelling: omitted there (and reported as model-unmapped)
    {"claude": None, "copilot": "GPT-5 (copilot)", "opencode": "openai/gpt-5", "marketplace": None},
]


@pytest.mark.parametrize("row", MODELS, ids=lambda r: r["opencode"])
@pytest.mark.parametrize("source,target", list(itertools.product(HEADERED, HEADERED)))
def test_model(row, source, target):
    if row[source] is None:
        return  # nothing to read from
    result = convert(source, f"model: {row[source]}\n", target)
    written = header(result.text).get("model")
    assert written == row[target]
    if row[target] is None:
        assert "model-unmapped" in {i.code.value for i in result.report if i.path == "model"}
    elif source != target and row[source] != row[target]:
        assert any(i.path == "model" and i.code.value == "model-coerced" for i in result.report)


def test_copilot_model_list_is_a_fallback_order():
    extra = "model: ['Claude Sonnet 4.5 (copilot)', 'GPT-5 (copilot)']\n"
    doc, _ = agentconv.read(source_text("copilot", extra), "copilot", path=PATHS["copilot"])
    assert doc.agent.model.raw == "Claude Sonnet 4.5 (copilot)" and doc.agent.model.canonical == "sonnet"
    assert header(convert("copilot", extra, "claude").text)["model"] == "sonnet"
    assert header(convert("copilot", extra, "opencode").text)["model"] == "anthropic/claude-sonnet-4-5"
    assert header(convert("copilot", extra, "copilot").text)["model"] == ["Claude Sonnet 4.5 (copilot)",
                                                                           "GPT-5 (copilot)"]


# --------------------------------------------------------------------------- MCP spellings
MCP = {"claude": "mcp__srv__tool", "copilot": "srv/tool", "opencode": "srv_tool", "marketplace": "mcp__srv__tool"}
MCP_ALL = {"claude": "mcp__srv__*", "copilot": "srv/*", "opencode": "srv_*", "marketplace": "mcp__srv__*"}


def _mcp_spelled(d, name):
    if d == "opencode":
        return {"*": "deny", "read": "allow", name: "allow"}
    return "Read, " + name if d == "claude" else [TOOLS["read"][d][0], name]


@pytest.mark.parametrize("table", [MCP, MCP_ALL], ids=["tool", "wildcard"])
@pytest.mark.parametrize("source,target", list(itertools.product(HEADERED, HEADERED)))
def test_mcp(table, source, target):
    text = source_text(source, tools_line(source, _mcp_spelled(source, table[source])))
    doc, _ = agentconv.read(text, source, path=PATHS[source])
    want = "mcp:srv/tool" if table is MCP else "mcp:srv/*"
    assert want in {g.canonical for g in doc.agent.tools.grants}
    result = agentconv.convert(text, target, from_=source, path=PATHS[source])
    assert tools_field(target, result.text) == _mcp_spelled(target, table[target])


# --------------------------------------------------------------------------- the three tool states
STATES = {
    "inherit": {"claude": "", "copilot": "", "opencode": "", "marketplace": ""},
    "none": {"claude": "tools: []\n", "copilot": "tools: []\n", "opencode": "permission:\n  \"*\": deny\n",
             "marketplace": "tools: []\n"},
    "allowlist": {"claude": "tools: Read, Grep\n", "copilot": "tools: ['read/readFile', 'search/textSearch']\n",
                  "opencode": "permission:\n  \"*\": deny\n  read: allow\n  grep: allow\n",
                  "marketplace": "tools:\n  - Read\n  - Grep\n"},
}
WRITTEN = {
    "inherit": {"claude": None, "copilot": None, "opencode": None, "marketplace": None},
    "none": {"copilot": [], "opencode": {"*": "deny"}, "marketplace": []},  # Claude's spelling is checked by reading back
    "allowlist": {"claude": "Read, Grep", "copilot": ["read/readFile", "search/textSearch"],
                  "opencode": {"*": "deny", "read": "allow", "grep": "allow"}, "marketplace": ["Read", "Grep"]},
}


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("source,target", list(itertools.product(HEADERED, ALL)))
def test_tool_state(state, source, target):
    text = source_text(source, STATES[state][source])
    doc, _ = agentconv.read(text, source, path=PATHS[source])
    assert doc.agent.tools.mode == state
    result = agentconv.convert(text, target, from_=source, path=PATHS[source])
    if target == "markdown":
        # a persona holds no tool policy: anything but inherit must be reported
        assert result.text.startswith("# ")
        tool_items = [i for i in result.report if i.path == "tools"]
        assert bool(tool_items) == (state != "inherit")
        return
    if target in WRITTEN[state]:
        assert tools_field(target, result.text) == WRITTEN[state][target]
    back, _ = agentconv.read(result.text, target, path=PATHS[target])
    assert back.agent.tools.mode == state
    assert {g.canonical for g in back.agent.tools.allowed()} == {g.canonical for g in doc.agent.tools.allowed()}


def test_copilot_star_is_inherit():
    doc, _ = agentconv.read(source_text("copilot", "tools: ['*']\n"), "copilot", path=PATHS["copilot"])
    assert doc.agent.tools.mode == "inherit" and doc.agent.tools.grants == []


def test_opencode_denylist_never_widens_in_copilot():
    """OpenCode denying webfetch: Copilot has no deny list, so it must list every other tool, never omit tools."""
    text = source_text("opencode", "permission:\n  webfetch: deny\n")
    doc, _ = agentconv.read(text, "opencode", path=PATHS["opencode"])
    assert doc.agent.tools.mode == "denylist"
    result = agentconv.convert(text, "copilot", from_="opencode", path=PATHS["opencode"])
    written = tools_field("copilot", result.text)
    assert isinstance(written, list) and written, "no tools field: the agent would get webfetch back"
    assert "web/fetch" not in written and "read/readFile" in written


def test_opencode_bash_pattern_map_keeps_its_default():
    """A bash pattern map whose '*' rule is ask must keep '*': ask (not become deny) when written back."""
    extra = 'permission:\n  bash:\n    "*": ask\n    "git status": allow\n'
    result = agentconv.convert(source_text("opencode", extra), "opencode", from_="opencode", path=PATHS["opencode"])
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
    result = agentconv.convert(text, "copilot", from_="opencode", path=PATHS["opencode"])
    assert sorted(tools_field("copilot", result.text)) == sorted(
        ["edit/editFiles", "edit/createFile", "edit/createDirectory", "read/readFile"])
