"""Kiro CLI's built-in tool names real agents list that the table lacked (kiro.toml [tools], [tool_aliases]; Kiro CLI's
own source, aws/amazon-q-developer-cli branch sync-prod-from-main 5ddb3cf4, chat/tools/*.rs `INFO`, and
kiro.dev/docs/cli/reference/built-in-tools): `code` (code intelligence: language-server queries, and renames, formatting
and pattern rewrites, which change files), `introspect` (Kiro's own documentation), `tool_search`; `thinking` and
`knowledge` are Kiro's own tools with no counterpart; `bash` is no Kiro tool. They were read as unknown names: `code` and
`introspect` were not granted elsewhere, `thinking` was an unknown tool for `validate`. Synthetic fixtures only."""
from __future__ import annotations

import json
import re

import pytest

import agentconv
from agentconv.errors import BroadenError
from agentconv.validate import validate_text

PATH = ".kiro/agents/worker.json"


def agent(tools, allowed=None) -> str:
    data = {"name": "worker", "description": "Does the work.", "prompt": "Work.", "tools": tools}
    if allowed is not None:
        data["allowedTools"] = allowed
    return json.dumps(data, indent=2) + "\n"


def head(text: str) -> list[str]:
    return [line for line in text.split("\n---\n")[0].splitlines() if not line.startswith("# agentconv-carry")]


def test_the_code_tool_is_language_server_queries_and_file_changes():
    out = agentconv.convert_text(agent(["read", "code"]), "claude", path=PATH)
    assert "tools: Read, LSP, Edit" in head(out.text)
    assert not [i for i in out.report if i.code.value == "tool-unmapped"]
    src = agent(["read", "code/read"])  # an alias of the whole tool (code.rs `should_include`)
    assert "tools: Read, LSP, Edit" in head(agentconv.convert_text(src, "claude", path=PATH).text)


def test_the_code_tool_s_file_changes_ask_unless_the_code_tool_is_trusted():
    """code.rs `eval_perm`: a write operation is allowed only when an entry trusts the code tool; `write` trusted does
    not trust it, nor the other way round. A target with one file permission (OpenCode's `edit`) asks then."""
    out = agentconv.convert_text(agent(["read", "write", "code"], ["write"]), "opencode", path=PATH)
    assert head(out.text)[3:] == ['  "*": deny', "  read: allow", "  write: allow", "  edit: ask", "  lsp: allow"]
    out = agentconv.convert_text(agent(["read", "write", "code"], ["code"]), "opencode", path=PATH)
    assert head(out.text)[3:] == ['  "*": deny', "  read: allow", "  write: ask", "  edit: ask", "  lsp: allow"]
    said = [i.message for i in out.report if i.code.value == "value-read-as"]
    assert said[0].startswith("code's edit read as asking before each call, as another tool the agent lists grants")
    out = agentconv.convert_text(agent(["read", "code"], ["code"]), "opencode", path=PATH)
    assert head(out.text)[3:] == ['  "*": deny', "  read: allow", "  lsp: allow", "  edit: allow"]


def test_introspect_is_the_tool_s_own_documentation_both_ways():
    out = agentconv.convert_text(agent(["read", "introspect"]), "gemini", path=PATH)
    assert head(out.text)[3:6] == ["tools:", "  - read_file", "  - get_internal_docs"]
    back = agentconv.convert_text("---\nname: g\ndescription: d\ntools: [read_file, get_internal_docs]\n---\np\n",
                                  "kiro", from_="gemini", path=".gemini/agents/g.md")
    assert json.loads(back.text)["tools"] == ["read", "introspect"]


def test_tool_search_is_claude_code_s_tool_search():
    out = agentconv.convert_text(agent(["read", "tool_search"]), "claude", path=PATH)
    assert "tools: Read, ToolSearch" in head(out.text)


def test_kiro_s_own_tools_are_valid_and_bash_is_not_a_kiro_tool():
    src = agent(["read", "thinking", "knowledge", "bash"])
    found = validate_text(src, dialect="kiro", path=PATH)
    assert [(f.rule, f.message) for f in found if f.rule.startswith("tool")] == [
        ("tool-unknown", "unknown tool 'bash' for kiro")]
    out = agentconv.convert_text(src, "claude", path=PATH)
    assert "tools: Read" in head(out.text)  # none of them grants a tool Claude Code has: nothing more
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src  # its own dialect: byte for byte


def test_builtin_holds_the_code_tool_and_introspect():
    out = agentconv.convert_text(agent(["@builtin"]), "claude", path=PATH)
    line = next(line for line in head(out.text) if line.startswith("tools:"))
    assert "LSP" in line and "Edit" in line



def test_a_denied_command_no_glob_holds_denies_the_whole_shell_in_a_claude_subagent():
    """A `deniedCommands` regex no command glob holds (a flag, an operator of the shell): a Claude subagent's
    disallowedTools takes the whole tool whatever its scope, so the whole shell is denied there, said, as for a regex a
    glob holds (it was refused); where a deny keeps its scope (OpenCode) or none is held, refused as before."""
    regexes = ["(?i)git\\s+push .*", "curl.*\\|\\s*(ba)?sh.*"]
    data = {"name": "worker", "description": "Does the work.", "prompt": "Work.", "tools": ["read", "shell"],
            "toolsSettings": {"shell": {"deniedCommands": regexes}}}
    src = json.dumps(data, indent=2) + "\n"
    out = agentconv.convert_text(src, "claude", path=PATH)
    assert head(out.text)[3:5] == ["tools: Read", "disallowedTools: Bash"]
    assert [i.message for i in out.report if i.code.value == "tool-narrowed"] == [
        f"shell deniedCommands '{regexes[0]}', shell deniedCommands '{regexes[1]}' denied as the whole Bash in claude (an "
        "entry of its disallowedTools "
        "takes away the whole tool it names, whatever its scope), which also forbids every other use of Bash the source "
        "allowed"]
    for target in ("opencode", "claude-command"):
        with pytest.raises(BroadenError):
            agentconv.convert_text(src, target, path=PATH)
    for target in ("copilot", "kiro-md"):  # no deny at all: the shell left out of the list, said (kiro30)
        out = agentconv.convert_text(src, target, path=PATH)
        assert [i for i in out.report if i.code.value == "tool-narrowed" and "left out" in i.message]
        assert "runInTerminal" not in out.text and "shell" not in out.text.split("---")[1]
    with pytest.raises(BroadenError, match=re.escape(f"deny shell deniedCommands {', '.join(regexes)}, which opencode")):
        agentconv.convert_text(src, "opencode", path=PATH)
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src  # its own dialect: byte for byte
