"""Kiro CLI / Amazon Q Developer CLI agents: `tools` is what the agent may use, `allowedTools` what runs without asking;
a tool in `tools` that no `allowedTools` entry trusts asks before each call (kiro.dev/docs/cli/custom-agents/
configuration-reference; aws/amazon-q-developer-cli 15cc8f3c util/tool_permission_checker.rs `is_tool_in_allowlist`,
chat/tools/custom_tool.rs `eval_perm`). Those tools were read as allowed: OpenCode got `bash: allow` for a shell Kiro
asks about. And a shell's `deniedCommands` regex that is a literal command or a literal prefix followed by `.*` (Kiro
anchors it `\\A...\\z`, chat/tools/execute/mod.rs) is written as a command scope where the target has one, instead of
refusing the agent. Synthetic fixtures only."""
from __future__ import annotations

import json
import re

import pytest

import agentconv
from agentconv.errors import BroadenError

PATH = ".kiro/agents/worker.json"


def agent(tools, allowed=None, settings=None, path_key=None) -> str:
    data = {"name": "worker", "description": "Does the work.", "prompt": "Work.", "tools": tools}
    if allowed is not None:
        data["allowedTools"] = allowed
    if settings is not None:
        data["toolsSettings"] = settings
    return json.dumps(data, indent=2) + "\n"


def head(text: str) -> str:
    return text.split("\n---\n")[0]


def test_a_tool_allowed_tools_does_not_trust_asks_in_opencode():
    src = agent(["read", "write", "shell", "@git"], ["read", "@git/git_status"])
    out = agentconv.convert_text(src, "opencode", path=PATH)
    lines = [line for line in head(out.text).splitlines() if not line.startswith("# agentconv-carry")]
    assert lines[3:] == ['  "*": deny', "  read: allow", "  write: ask", "  edit: ask", "  bash: ask", "  git_*: ask",
                         "  git_git_status: allow"]
    said = [i.message for i in out.report if i.code.value == "value-read-as"]
    assert said == ["write, shell, @git (not in allowedTools) read as asking before each call, as kiro asks of a tool "
                    "allowedTools does not trust"]
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src  # its own dialect: byte for byte


@pytest.mark.parametrize("allowed, bash, write", [
    (["shell"], "allow", "ask"),
    (["fs_*", "execute_bash"], "allow", "allow"),  # globs over Kiro's names (`fs_*`: fs_read, fs_write)
    (["@builtin"], "allow", "allow"),
    (["*"], "allow", "allow"),
    (["@shell"], "ask", "ask"),  # an `@` entry trusts MCP tools only
    (None, "ask", "ask"),
])
def test_what_allowed_tools_trusts_is_matched_as_kiro_matches_it(allowed, bash, write):
    out = agentconv.convert_text(agent(["read", "write", "shell"], allowed), "opencode", path=PATH)
    assert f"  bash: {bash}\n" in out.text and f"  write: {write}\n" in out.text and "  read: allow\n" in out.text


def test_every_tool_asks_but_the_ones_trusted():
    """`*` with no allowedTools: the built-in tools Kiro does not trust by default ask, and every server's tools."""
    out = agentconv.convert_text(agent(["*"]), "opencode", path=PATH)
    perm = head(out.text)
    for line in ("  write: ask", "  bash: ask", "  webfetch: ask", '  "*_*": ask'):
        assert line + "\n" in perm + "\n"
    assert "read:" not in perm  # read is trusted by default: left to OpenCode's own allow
    trusted = agentconv.convert_text(agent(["*"], ["*", "@*"]), "opencode", path=PATH)
    assert "permission" not in head(trusted.text)  # every tool trusted: nothing to say


@pytest.mark.parametrize("target", ["claude", "gemini", "copilot"])
def test_a_target_without_a_per_tool_ask_says_so(target):
    out = agentconv.convert_text(agent(["read", "shell"], ["read"]), target, path=PATH)
    assert any(i.code.value == "field-dropped" and "ask before each call of shell" in i.message for i in out.report)


def test_an_ask_written_into_kiro_is_kept_not_said_and_never_trusted():
    src = "---\ndescription: x\npermission:\n  \"*\": deny\n  read: ask\n  bash: ask\n  edit: allow\n---\nHi\n"
    out = agentconv.convert_text(src, "kiro", path=".opencode/agent/a.md")
    data = json.loads(out.text)
    assert data["tools"] == ["read", "shell", "write"] and "allowedTools" not in data
    dropped = [i.message for i in out.report if i.code.value == "field-dropped"]
    assert dropped == ["the ask before each call of read not kept: kiro has no per-tool ask (the tool is written as "
                       "available; whether a call asks is left to kiro's own approval settings)"]  # read: trusted


@pytest.mark.parametrize("regex, glob", [
    ("git push.*", "git push*"), ("git push .*", "git push *"), ("rm -rf .*", "rm -rf *"),
    ("^git reset --hard$", "git reset --hard"), ("npm publish", "npm publish"), ("a\\.b.*", "a.b*"),
    ("rmdir\\b.*", None), ("git\\s+push.*", None), ("git (push|pull).*", None), ("a|b", None), (".*", None),
    ("echo \\*.*", None), ("foo:.*", None), (" git push.*", None), ("git  push", None), ("git push ", None),
    ("curl.*\\|\\s*sh.*", None), ("[a-z]+", None),
    # the shell's operators, quotes, assignments: a target matches each command of a compound one on its own
    ("echo hi \\| sh", None), ('git commit -m "x".*', None), ("FOO=1 git push.*", None), ("a \\$HOME.*", None),
])
def test_a_denied_command_regex_is_a_glob_only_where_it_means_the_same(regex, glob):
    from agentconv.dialects.kiro import command_glob

    assert command_glob(regex) == glob


DENIED = {"shell": {"autoAllowReadonly": True, "deniedCommands": ["git push.*", "rm -rf .*", "^git reset --hard$"]}}


def test_literal_denied_commands_are_written_as_command_scopes():
    src = agent(["read", "write", "shell"], ["read", "shell"], DENIED)
    opencode = head(agentconv.convert_text(src, "opencode", path=PATH).text)
    assert '  bash:\n    "*": allow\n    git push*: deny\n    rm -rf *: deny\n    git reset --hard: deny' in opencode
    claude = head(agentconv.convert_text(src, "claude", path=PATH).text)  # a subagent's entry takes the whole tool
    assert "tools: Read, Write, Edit\ndisallowedTools: Bash" in claude
    command = head(agentconv.convert_text(agent(["*"], ["read", "shell"], DENIED), "claude-command", path=PATH).text)
    assert "disallowed-tools: Bash(git push*), Bash(rm -rf *), Bash(git reset --hard)" in command  # deny rules: scoped
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src
    asked = head(agentconv.convert_text(agent(["*"], None, DENIED), "opencode", path=PATH).text)
    assert '  bash:\n    "*": ask\n    git push*: deny' in asked  # the shell asks, the scopes are denied
    for target in ("gemini", "copilot", "roo"):  # no deny there at all: the shell left out, narrower, said (kiro30)
        out = agentconv.convert_text(src, target, path=PATH)
        narrowed = [i.message for i in out.report if i.code.value == "tool-narrowed"]
        assert len(narrowed) == 1 and "(git push*)" in narrowed[0] and "left out of the list" in narrowed[0]
        assert not any(i.code.value == "tool-broadened" and "deny" in i.message for i in out.report)
    # a regex that is no glob is written as the wider deny of a glob that matches all it does, said (the Amazon Q
    # spelling too; kiro.command_superset, test_unseen25b.py) ...
    wider = agent(["*"], ["execute_bash"], {"execute_bash": {"deniedCommands": ["git push.*", "rm\\s+-rf.*"]}})
    out = agentconv.convert_text(wider, "claude-command", path=".amazonq/cli-agents/worker.json")  # deny rules
    assert "disallowed-tools: Bash(git push*), Bash(rm*-rf*)" in head(out.text)
    assert [i.message for i in out.report if i.code.value == "tool-narrowed"] == [
        "'rm\\\\s+-rf.*' (a regex) written as the deny of rm*-rf*, which also forbids the commands each glob matches "
        "that the regex does not (a glob cannot say its classes, groups and repeats)"]
    # ... and a list holding any regex no glob holds, not even a wider one, is still refused whole, never dropped,
    # where a deny keeps its scope; a Claude subagent, whose disallowedTools takes the whole tool whatever the scope,
    # denies the whole shell as it does for the others (test_kiro_tool_names.py)
    other = agent(["fs_read", "execute_bash"], ["execute_bash"],
                  {"execute_bash": {"deniedCommands": ["git push.*", "curl.*\\|\\s*sh.*"]}})
    assert "tools: Read\ndisallowedTools: Bash" in head(
        agentconv.convert_text(other, "claude", path=".amazonq/cli-agents/worker.json").text)
    every = agent(["*"], ["execute_bash"], {"execute_bash": {"deniedCommands": ["git push.*", "curl.*\\|\\s*sh.*"]}})
    for src, target in ((other, "opencode"), (every, "opencode"), (every, "claude-command")):
        with pytest.raises(BroadenError, match=re.escape("toolsSettings deny execute_bash deniedCommands git push.*, "
                                                         "curl.*\\|\\s*sh.*")):
            agentconv.convert_text(src, target, path=".amazonq/cli-agents/worker.json")
