"""Classes of problems found by sweeping the 25th shadow corpus (b): Gemini CLI, Codex, Kiro, Cursor and OpenCode files
from public repositories no earlier corpus holds (helper unseen25b, 2026-11-29; the corpus stays outside the project).
Synthetic inputs only."""
from __future__ import annotations

import json
import re

import pytest

import agentconv
from agentconv.errors import BroadenError

KIRO = ".kiro/agents/worker.json"


def kiro(denied: list[str], tools: list[str] | None = None) -> str:
    return json.dumps({"name": "worker", "description": "Does the work.", "prompt": "Work.",
                       "tools": tools or ["read", "write", "shell"],
                       "toolsSettings": {"shell": {"deniedCommands": denied}}}, indent=2) + "\n"


def header(text: str) -> str:
    return text.split("\n---", 1)[0]


# Kiro anchors each deniedCommands regex (\A{regex}\z) and denies the command it matches whole
# (aws/amazon-q-developer-cli 15cc8f3c crates/chat-cli/src/cli/chat/tools/execute/mod.rs eval_perm). Real agents write
# globs as regexes (`git push *`: `git push` then spaces) and regexes with classes or repeats (`aws .* delete-.*`,
# `rm\s+-rf.*`): no glob says them exactly, so the whole list was refused (exit 6) for Claude Code and OpenCode, which
# deny command scopes. A glob that matches every command the regex does, and more, denies at least as much.
@pytest.mark.parametrize("regex, glob", [
    ("git push *", "git push*"), ("docker compose down *", "docker compose down*"), ("rm *", "rm*"),
    ("aws .* delete-.*", "aws * delete-*"), ("rm\\s+-rf.*", "rm*-rf*"), ("rmdir\\b.*", "rmdir*"),
    ("git\\s+push\\s+.*--force.*", "git*push*--force*"), ("chmod\\s+(-R\\s+)?777.*", "chmod*777*"),
    ("DROP\\s+(DATABASE|TABLE|SCHEMA).*", "DROP*"), ("find\\b.*-delete", "find*-delete"), ("x{2}y", "x*y"),
    ("[a-z]+x", "*x"), ("git (push|pull).*", "git *"), ("npm run [a-z]+", "npm run *"),
    # none: an alternation outside a group (\A binds to its first branch), a flag (other cases match), no literal,
    # an escape it does not know, a shell operator or a quote (a target matches each command of a compound one on
    # its own), a ':' before a run (Claude Code's prefix rule), an edged blank
    ("a|b", None), ("(?i)drop table.*", None), (".*", None), ("\\x41b", None), ("curl.*\\|\\s*(ba)?sh.*", None),
    ('git commit -m ".*"', None), ("foo:.*", None), (" rm.*", None), ("a\\nb", None), ("a[[:alpha:]]", None),
])
def test_a_denied_command_regex_has_a_wider_glob_where_it_has_one(regex, glob):
    from agentconv.dialects.kiro import command_superset

    assert command_superset(regex) == glob
    if glob is not None:  # every command the regex matches, the glob matches (its `*` any run of characters)
        rx_glob = re.compile("".join(".*" if c == "*" else re.escape(c) for c in glob), re.S)
        for sample in {"git push", "git push  ", "aws s3 delete-bucket", "rm  -rf x", "rmdir a", "DROP TABLE t",
                       "git   push origin --force", "chmod -R 777 x", "chmod 777", "find . -delete", "xxy", "abx",
                       "git pull", "npm run build"}:
            if re.fullmatch(regex, sample):
                assert rx_glob.fullmatch(sample), (regex, glob, sample)


def test_denied_commands_no_glob_says_exactly_are_written_as_a_wider_deny_and_said():
    src = kiro(["git push *", "aws .* delete-.*", "git status"])
    out = agentconv.convert_text(kiro(["git push *", "aws .* delete-.*", "git status"], ["*"]), "claude-command",
                                 path=KIRO)  # a command's deny rules hold a scope (a subagent's disallowedTools: none)
    assert "disallowed-tools: Bash(git push*), Bash(aws * delete-*), Bash(git status)" in header(out.text)
    assert [i.message for i in out.report if i.code.value == "tool-narrowed"] == [
        "'git push *' (a regex) written as the deny of git push*, 'aws .* delete-.*' (a regex) written as the deny of "
        "aws * delete-*, which also forbids the commands each glob matches that the regex does not (a glob cannot say "
        "its classes, groups and repeats)"]
    opencode = header(agentconv.convert_text(src, "opencode", path=KIRO).text)
    assert '  bash:\n    "*": ask\n    git push*: deny\n    aws * delete-*: deny\n    git status: deny' in opencode
    same = agentconv.convert_text(src, "kiro", path=KIRO)
    assert same.text == src and not [i for i in same.report if i.code.value == "tool-narrowed"]  # as it came
    for target in ("codex", "cursor"):  # no command scope there: still refused, never dropped
        with pytest.raises(BroadenError):
            agentconv.convert_text(src, target, path=KIRO)
    # Gemini CLI's allowlist has no deny at all: the shell left out, narrower, said (kiro30)
    left = agentconv.convert_text(src, "gemini", path=KIRO)
    assert "run_shell_command" not in header(left.text)
    assert [i.message for i in left.report if i.code.value == "tool-narrowed" and "left out" in i.message]
    # a list holding a regex no glob holds, not even a wider one, is still refused whole where a deny keeps its scope
    # (a Claude subagent's disallowedTools takes the whole tool anyway: the whole shell, test_kiro_tool_names.py)
    with pytest.raises(BroadenError, match=re.escape("deniedCommands git push *, (?i)drop table.*")):
        agentconv.convert_text(kiro(["git push *", "(?i)drop table.*"]), "opencode", path=KIRO)


@pytest.mark.parametrize("tools", ["Read, Grep, Glob, Bash", "Edit,Write", "read, Grep", "code_search"])
def test_a_kiro_markdown_agents_comma_string_of_tools_comes_back_byte_for_byte(tools):
    """Kiro's v3 loader reads `tools` as a comma string as well as a YAML list (kirodotdev/KiroCrew 18b2bb80
    agent_spec_format.py parse_markdown_spec). A string holding a name Kiro does not know (another tool's `Read`) came
    back from kiro-md to kiro-md as a YAML list: 20 real agents of one repository were not byte for byte."""
    src = f"---\nname: digger\ndescription: Digs.\ntools: {tools}\nmodel: inherit\n---\n\nDig.\n"
    assert agentconv.convert_text(src, "kiro-md", path=".kiro/agents/digger.md").text == src


def test_a_gemini_extensions_string_author_is_written_as_the_object_claude_codes_plugin_schema_takes(tmp_path):
    """A Gemini CLI extension's manifest may hold npm's `"author": "name"`; written into a Claude Code plugin as it
    was, `claude plugin validate` (2.1.332) failed the plugin: "author: Invalid input: expected object, received
    string" (4 of the 6 extensions with an author in the shadow corpora). Written as the object with its name."""
    from agentconv import packages

    src = tmp_path / "ext"
    (src / "commands").mkdir(parents=True)
    (src / "gemini-extension.json").write_text(json.dumps({"name": "demo", "version": "1.0.0", "author": "someone",
                                                           "license": "MIT"}))
    (src / "commands" / "hello.toml").write_text('description = "Hi"\nprompt = "Say hi."\n')
    assert packages.detect(src) == "gemini-extension"
    out = tmp_path / "cp"
    from test_packages import agentconv as cli

    r = cli("convert", str(src), "--to", "claude-plugin", "-o", str(out), "--json", "-v")
    assert r.returncode == 0, r.stderr
    manifest = json.loads((out / ".claude-plugin" / "plugin.json").read_text())
    assert manifest["author"] == {"name": "someone"} and manifest["license"] == "MIT"
    assert "author written as an object with its name" in r.stdout + r.stderr
