"""A Claude Code subagent's ``permissionMode: plan`` ("Claude can analyze but not modify files or execute commands":
docs.anthropic.com/en/docs/claude-code/iam, read 2026-11-30; 2.1.330 holds a call whose tool is not read-only for its
input, so a read-only command still runs) written for a target without the key: the agent's edit and shell tools are
not granted there (an allowlist leaves them out, every tool becomes every tool but those: toolpolicy ``mode_denies``),
or the target's read-only setting is written where it keeps just the read-only commands (Codex's read-only sandbox,
Cursor's ``readonly: true``); said, and the key rides in the side channel with the source's own tools, so the way back
gives the file byte for byte. It was refused as a widening (rule-deny). A target that cannot hold what is left still
refuses it. Synthetic inputs only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv import carry
from agentconv.errors import BroadenError
from agentconv.ir import ALLOWLIST, Agent, Grant, ToolPolicy

PATH = ".claude/agents/a.md"
SHELL_KEPT = ("the read-only commands plan mode still runs (git log, grep: Claude Code holds only a command it does not "
              "judge read-only)")


def agent(*lines: str) -> str:
    return "---\nname: a\ndescription: d\n" + "".join(f"{line}\n" for line in lines) + "---\nDo.\n"


PLANNER = agent("tools: Read, Edit, Bash", "permissionMode: plan")
EVERY = agent("permissionMode: plan")
CARRIED = ('{"tools":{"mode":"allowlist","grants":[{"raw":"Read","canonical":"read","decision":"allow","pattern":null},'
           '{"raw":"Edit","canonical":"edit","decision":"allow","pattern":null},{"raw":"Bash","canonical":"bash",'
           '"decision":"allow","pattern":null}]}')

WRITTEN = [
    (PLANNER, "opencode", '---\ndescription: d\nmode: subagent\npermission:\n  "*": deny\n  read: allow\n'
     '# agentconv-carry: {"v":1,"from":"claude","digest":"296cf655036234b7","fields":' + CARRIED +
     ',"name":"a","extensions.claude.permissionMode":"plan"}}\n---\nDo.\n'),
    (PLANNER, "copilot", '---\nname: a\ndescription: d\ntools:\n  - read/readFile\npermissionMode: plan\n'
     '# agentconv-carry: {"v":1,"from":"claude","digest":"8d00728acf017207","fields":' + CARRIED + '}}\n---\nDo.\n'),
    (PLANNER, "codex+", '# agentconv-carry: {"v":1,"from":"claude","digest":"e86f06b6e22ff058","fields":' + CARRIED +
     ',"extensions.claude.permissionMode":"plan"},"gap":""}\nname = "a"\ndescription = "d"\nsandbox_mode = "read-only"\n'
     'web_search = "disabled"\ndeveloper_instructions = """\nDo.\n"""\n\n[agents]\nenabled = false\n\n[features]\n'
     'multi_agent_v2 = false\n'),
    (PLANNER, "roo", 'customModes:\n  # agentconv-carry: {"v":1,"from":"claude","digest":"49ed4c42d913c1e2","fields":' +
     CARRIED + ',"extensions.claude.permissionMode":"plan"},"gap":"","slug":"a"}\n  - slug: a\n    name: A\n'
     '    roleDefinition: |\n      Do.\n    whenToUse: d\n    groups:\n      - read\n'),
    # every MCP server's tools denied too ("*_*", after which OpenCode's own two keys it also matches keep their
    # defaults: opencode.toml [mcp] all), as plan mode holds an MCP call its server does not mark read-only
    (EVERY, "opencode", '---\ndescription: d\nmode: subagent\npermission:\n  write: deny\n  edit: deny\n  bash: deny\n'
     '  "*_*": deny\n  external_directory: ask\n  doom_loop: ask\n'
     '# agentconv-carry: {"v":1,"from":"claude","digest":"afdfc158b167c3c5","fields":{"tools":{"mode":"inherit",'
     '"grants":[]},"name":"a","extensions.claude.permissionMode":"plan"}}\n---\nDo.\n'),
    (EVERY, "cursor", '---\nname: a\ndescription: d\nreadonly: true\n# agentconv-carry: {"v":1,"from":"claude",'
     '"digest":"62068585b5914859","fields":{"extensions.claude.permissionMode":"plan"}}\n---\nDo.\n'),
]


@pytest.mark.parametrize(("source", "to", "expected"), WRITTEN, ids=[f"{i}-{t}" for i, (_, t, _) in enumerate(WRITTEN)])
def test_a_plan_mode_agent_is_written_without_its_edit_and_shell_tools(source, to, expected):
    # codex+: with --allow-broaden (a Codex role holds its session's MCP servers, which plan mode's MCP calls are not)
    broaden = agentconv.Policy(allow_broaden=to.endswith("+"))
    assert agentconv.convert_text(source, to.rstrip("+"), from_="claude", path=PATH, policy=broaden).text == expected


SAID = [
    (PLANNER, "opencode", "tool-narrowed", "claude's permissionMode: plan written as Edit, Bash not granted in opencode, "
     f"which also forbids {SHELL_KEPT}"),
    (EVERY, "gemini", "tool-narrowed", "claude's permissionMode: plan written as every tool that edits files or runs "
     "commands and every MCP tool (plan mode: it analyzes and plans only; Claude Code runs an MCP call only where its "
     "server marks it read-only) not granted in gemini, which also forbids " + SHELL_KEPT),
    (PLANNER, "cursor", "tool-coerced", f"claude's permissionMode: plan written as cursor's read-only setting, which runs "
     f"{SHELL_KEPT}"),
    (agent("tools: Read, Edit", "permissionMode: plan"), "opencode", "tool-coerced",
     "claude's permissionMode: plan written as Edit not granted in opencode"),
]


@pytest.mark.parametrize(("source", "to", "code", "message"), SAID, ids=[t for _, t, _, _ in SAID])
def test_what_plan_mode_takes_is_said(source, to, code, message):
    items = agentconv.convert_text(source, to, from_="claude", path=PATH).report.items
    assert [(i.code.value, i.message) for i in items if "permissionMode: plan" in i.message] == [(code, message)]


@pytest.mark.parametrize("to", ["opencode", "copilot", "gemini", "codex", "cursor", "kiro-md", "roo", "marketplace",
                                "markdown"])
def test_a_plan_mode_agent_comes_back_byte_for_byte(to):
    out = agentconv.convert_text(PLANNER, to, from_="claude", path=PATH,
                                 policy=agentconv.Policy(allow_broaden=to == "codex"))
    assert agentconv.convert_text(out.text, "claude", from_=to, path=out.path).text == PLANNER


@pytest.mark.parametrize("to", ["opencode", "markdown"])
def test_a_plan_mode_agent_with_every_tool_comes_back_byte_for_byte(to):
    out = agentconv.convert_text(EVERY, to, from_="claude", path=PATH)
    assert agentconv.convert_text(out.text, "claude", from_=to, path=out.path).text == EVERY


def test_a_plan_mode_agent_s_mcp_tools_are_not_granted():
    # 2.1.330 holds an MCP call in plan mode unless its server marks it read-only (q0i, X1t): an MCP tool an allowlist
    # names is left out, and every tool into Codex (which cannot deny MCP tools) is refused, as a widening
    out = agentconv.convert_text(agent("tools: Read, mcp__github__create_issue", "permissionMode: plan"), "gemini",
                                 from_="claude", path=PATH)
    assert out.text.startswith("---\nname: a\ndescription: d\ntools:\n  - read_file\n# agentconv-carry:")
    with pytest.raises(BroadenError, match="codex cannot deny the MCP servers of its session: a role holds"):
        agentconv.convert_text(EVERY, "codex", from_="claude", path=PATH)
    with pytest.raises(BroadenError, match="codex gives a role the MCP servers of its session"):  # (an allowlist)
        agentconv.convert_text(PLANNER, "codex", from_="claude", path=PATH)


def test_a_target_that_cannot_hold_what_is_left_still_refuses():
    # plan mode takes the agent's only tool, Edit: no shell was granted, and Cursor's readonly runs commands
    with pytest.raises(BroadenError, match="grants no shell"):
        agentconv.convert_text(agent("tools: Edit", "permissionMode: plan"), "cursor", from_="claude", path=PATH)


def test_the_side_channel_restores_a_shell_only_beside_the_plan_mode_that_holds_it():
    visible = Agent(tools=ToolPolicy(ALLOWLIST, [Grant("read/readFile", "read")]))
    tools = {"mode": ALLOWLIST, "grants": [{"raw": "Read", "canonical": "read"}, {"raw": "Bash", "canonical": "bash"}]}
    assert carry.refusal("tools", tools, visible) == "wider than the file's own tools"
    assert carry.refusal("tools", tools, visible, beside={"extensions.claude.permissionMode": "default"}) is not None
    assert carry.refusal("tools", tools, visible, beside={"extensions.claude.permissionMode": "plan"}) is None


@pytest.mark.parametrize("line", ["tools: Read, Grep", "permissionMode: default"])
def test_nothing_is_said_where_plan_mode_takes_nothing_away(line):
    lines = [line, "permissionMode: plan"] if line.startswith("tools") else [line]
    out = agentconv.convert_text(agent(*lines), "opencode", from_="claude", path=PATH)
    assert not [i for i in out.report.items if i.code.value in ("tool-broadened", "tool-narrowed", "tool-coerced")
                and "permissionMode" in i.message]


def test_the_agent_itself_comes_back_byte_for_byte():
    assert agentconv.convert_text(PLANNER, "claude", from_="claude", path=PATH).text == PLANNER
