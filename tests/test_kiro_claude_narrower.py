"""Kiro settings that were refused where a narrower form exists (helper kiro30). Each is written exactly or narrower,
said, and refused only where nothing narrower-or-equal can be written:

- `availableAgents` of a subagent tool granted inside `*` or `@builtin`: read as the agent tool's scopes (as OpenCode's
  `task: {"*": deny, a: allow}`), so OpenCode keeps them exactly, Claude Code writes `Agent(a)` (an allowlist) or
  denies the agent tool whole (`*`: a deny list, `disallowedTools` holds no scope);
- a shell's `denyByDefault`: nothing where `allowedTools` trusts the shell (aws/amazon-q-developer-cli 15cc8f3c
  execute/mod.rs `eval_perm`), else the whole shell denied where the target's deny takes the whole tool anyway;
- a `deniedPaths` entry no wildcard says (`~/...`): likewise the whole file tool denied there;
- the settings of a tool the list does not name (`thinking` beside them, an unknown key `crew`): nothing to take.

Synthetic fixtures only."""
from __future__ import annotations

import json

import pytest
import yaml

import agentconv
from agentconv.errors import BroadenError

PATH = ".kiro/agents/lead.json"


def agent(tools: list[str], settings: dict, allowed: list[str] | None = None) -> str:
    data = {"name": "lead", "description": "Leads the work.", "prompt": "Lead.", "tools": tools}
    if allowed is not None:
        data["allowedTools"] = allowed
    data["toolsSettings"] = settings
    return json.dumps(data, indent=2) + "\n"


def header(text: str) -> dict:
    return yaml.safe_load(text.split("---")[1])


def codes(out) -> list[str]:
    return [i.code.value for i in out.report]


AGENTS = {"subagent": {"availableAgents": ["planner", "coder"], "trustedAgents": ["planner"]}}


@pytest.mark.parametrize("allowed, decision", [(["*"], "allow"), (None, "ask")])
def test_available_agents_under_star_are_the_agent_tool_scopes(allowed, decision):
    src = agent(["*"], AGENTS, allowed)
    grants = agentconv.read_text(src, "kiro", path=PATH)[0].records[0].tools
    mine = [(g.pattern, g.decision) for g in grants.grants if g.canonical == "agent"]
    assert grants.mode == "denylist" and mine == [(None, "deny"), ("planner", decision), ("coder", decision)]
    opencode = agentconv.convert_text(src, "opencode", path=PATH)
    assert f'  task:\n    "*": deny\n    planner: {decision}\n    coder: {decision}\n' in opencode.text
    claude = agentconv.convert_text(src, "claude", path=PATH)
    assert "Agent" in header(claude.text)["disallowedTools"] and "tools" not in header(claude.text)
    assert "tool-narrowed" in codes(claude)  # the agent tool denied whole: fewer agents than Kiro, said
    said = [i.message for i in claude.report if i.code.value == "value-read-as" and "availableAgents" in i.message]
    assert said and "delegate" in said[0]  # `*` also holds delegate, which starts any agent: read narrower, said
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src


def test_available_agents_under_builtin_are_written_as_claude_agent_scopes():
    src = agent(["@builtin"], AGENTS, ["@builtin"])
    claude = agentconv.convert_text(src, "claude", path=PATH)
    tools = header(claude.text)["tools"].split(", ")
    assert "Agent(planner)" in tools and "Agent(coder)" in tools and "Agent" not in tools
    assert "tool-broadened" not in codes(claude)
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src


def test_available_agents_beside_another_agent_tool_are_still_refused():
    """`*` with the subagent tool asked about and `delegate` listed too: no longer one grant to scope (never wider)."""
    src = agent(["@builtin", "subagent"], AGENTS)
    with pytest.raises(BroadenError, match="availableAgents"):
        agentconv.convert_text(src, "claude", path=PATH)


SHELL = {"shell": {"allowedCommands": ["git status", "git diff.*"], "denyByDefault": True}}


def test_deny_by_default_of_a_trusted_shell_denies_nothing():
    src = agent(["read", "shell"], SHELL, ["read", "shell"])
    for target in ("claude", "opencode", "copilot"):
        out = agentconv.convert_text(src, target, path=PATH)
        assert "tool-broadened" not in codes(out)
        assert [i.code.value for i in out.report if i.path == "extensions.kiro.toolsSettings"] == ["extension-dropped"]
    assert header(agentconv.convert_text(src, "claude", path=PATH).text)["tools"] == "Read, Bash"


def test_deny_by_default_of_an_asking_shell_denies_the_shell_in_claude_only():
    src = agent(["read", "shell"], SHELL, ["read"])
    claude = agentconv.convert_text(src, "claude", path=PATH)
    assert header(claude.text)["tools"] == "Read" and header(claude.text)["disallowedTools"] == "Bash"
    assert "tool-narrowed" in codes(claude)
    assert any("denyByDefault" in i.message for i in claude.report if i.code.value == "value-read-as")
    with pytest.raises(BroadenError, match="shell denyByDefault"):  # OpenCode keeps a deny's scope: refused
        agentconv.convert_text(src, "opencode", path=PATH)
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src


def test_a_home_path_denied_takes_the_whole_file_tool_in_claude():
    src = agent(["read", "write"], {"write": {"deniedPaths": ["secrets/**", "~/.zshrc"]}})
    claude = agentconv.convert_text(src, "claude", path=PATH)
    assert header(claude.text)["tools"] == "Read" and header(claude.text)["disallowedTools"] == "Write, Edit"
    assert any("~/.zshrc" in i.message for i in claude.report if i.code.value == "value-read-as")
    with pytest.raises(BroadenError, match="deniedPaths secrets/\\*\\*, ~/.zshrc"):
        agentconv.convert_text(src, "opencode", path=PATH)
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src


@pytest.mark.parametrize("tools, settings", [
    (["fs_read", "thinking"], {"subagent": {"availableAgents": ["planner"]}}),  # thinking: one tool, not a wildcard
    (["fs_read", "subagent"], {"crew": {"availableAgents": ["planner"]}}),  # no tool of that name
])
@pytest.mark.parametrize("target", ["claude", "opencode"])
def test_settings_of_a_tool_the_list_lacks_take_nothing(tools, settings, target):
    out = agentconv.convert_text(agent(tools, settings), target, path=PATH)
    assert "tool-broadened" not in codes(out)


def test_settings_of_an_unknown_name_beside_a_tool_set_are_still_refused():
    """`@builtin` holds tools no table knows (Kiro's `aws`): the name may be one of them."""
    with pytest.raises(BroadenError, match="crew availableAgents"):
        agentconv.convert_text(agent(["fs_read", "@builtin"], {"crew": {"availableAgents": ["planner"]}}), "claude",
                               path=PATH)


# An allowlist written where the target has no deny at all (Copilot, Gemini CLI, Roo, the Markdown Kiro form ...): a
# scope denied inside a tool it grants was refused ("cannot deny tools; lifting shell(git push*)"), though the tool
# left out of the list grants none of it. The Markdown form documents no `toolsSettings` (its deny is `permissions`,
# glob rules whose matching kiro.dev does not state; KAS has no slot for toolsSettings: kirodotdev/KiroCrew 01fe5db6
# kas_agents.py UNSUPPORTED_SPEC_KEYS), so the shell goes, said.
DENIED = {"shell": {"deniedCommands": ["git push.*", "rm -rf .*"]}}


@pytest.mark.parametrize("target, name", [("kiro-md", "shell"), ("copilot", "execute/runInTerminal"),
                                          ("gemini", "run_shell_command"), ("roo", "command")])
def test_a_scope_denied_where_the_target_has_no_deny_leaves_the_tool_out(target, name):
    out = agentconv.convert_text(agent(["read", "shell"], DENIED), target, path=PATH)
    narrowed = [i.message for i in out.report if i.code.value == "tool-narrowed"]
    assert narrowed == [f"{name}(git push*), {name}(rm -rf *) denied as the whole {name} in {target} (it has no deny: "
                        f"the tool is left out of the list), which also forbids every other use of {name} the source "
                        "allowed"]
    body = out.text.split("---")[1] if target != "roo" else out.text
    assert name not in body and "tool-broadened" not in [i.code.value for i in out.report if "deny" in i.message]


def test_an_opencode_scoped_deny_leaves_the_shell_out_of_a_copilot_list():
    text = "---\ndescription: d\nmode: subagent\npermission:\n  \"*\": deny\n  read: allow\n  bash:\n" \
           "    \"*\": allow\n    \"git push *\": deny\n---\nbody\n"
    out = agentconv.convert_text(text, "copilot", from_="opencode", path=".opencode/agent/a.md")
    assert header(out.text)["tools"] == ["read/readFile"]
    assert "tool-narrowed" in codes(out)


def test_a_tool_of_a_server_granted_whole_is_still_refused():
    """`mcp__github__*` granted, one of its tools denied: leaving the server out is not what this narrows (never a
    silent loss of a whole server): refused as before."""
    text = "---\nname: probe\ndescription: d\ntools: Read, mcp__github__*\ndisallowedTools: mcp__github__delete_repo\n" \
           "---\nbody\n"
    with pytest.raises(BroadenError, match="cannot deny tools"):
        agentconv.convert_text(text, "gemini", from_="claude", path=".claude/agents/probe.md")


@pytest.mark.parametrize("target, name", [("copilot", "execute/runInTerminal"), ("gemini", "run_shell_command"),
                                          ("kiro-md", "shell")])
def test_a_scope_denied_in_a_deny_list_leaves_the_tool_out_where_no_deny_is_held(target, name):
    """`*` less some commands (a deny list), written as an allowlist of every other tool where the target has no deny
    list: the shell left out with the rest it does not name (it was refused: "the deny list cannot be written in ...
    without lifting the denial of ..."); a regex no glob holds is said as it came, as the setting it is."""
    src = agent(["*"], {"shell": {"deniedCommands": ["git push.*", "curl.*\\|\\s*sh.*"]}}, ["*"])
    out = agentconv.convert_text(src, target, path=PATH)
    narrowed = [i.message for i in out.report if i.code.value == "tool-narrowed" and "left out" in i.message]
    assert narrowed and narrowed[0].startswith(f"{name}(git push*), shell deniedCommands 'curl.*\\|\\s*sh.*' denied "
                                               "as the whole")
    assert name not in out.text.split("---")[1].split("allowedTools")[0]
    with pytest.raises(BroadenError, match="deniedCommands"):  # OpenCode keeps a deny's scope: refused as before
        agentconv.convert_text(src, "opencode", path=PATH)
