"""OpenCode's ``edit: {"notes.md": allow}`` (its ``edit`` permission covers edit, write and apply_patch) names the file
at the worktree's top; Claude Code reads ``Edit(notes.md)`` as a .gitignore line, at any depth and in any case. Where
the scope is written so, that is said (tool-broadened ``any-depth`` and ``case``). A Claude Code subagent's ``tools``
holds no file scope (the whole Edit, Write: refused, or written whole with --allow-broaden) and a deny list writes no
allow: there the note "Edit(notes.md), Write(notes.md) also take the same name in every folder" described a scope
that was not written (stale), and is gone. A command's or a skill's ``allowed-tools`` pre-approves the scope as
written: there the notes hold, and were not said. Synthetic inputs only."""
from __future__ import annotations

import agentconv

PATH = ".opencode/agent/a.md"
BROADEN = agentconv.Policy(allow_broaden=True, carry=False)


def opencode(permission: str) -> str:
    return f"---\ndescription: d\nmode: subagent\npermission:\n{permission}---\nbody\n"


def said(done, variant_words: str) -> list[str]:
    return [i.message for i in done.report.items if i.code.value == "tool-broadened" and variant_words in i.message]


def test_a_scope_written_whole_in_a_claude_subagent_says_no_depth():
    text = opencode('  "*": deny\n  read: allow\n  edit:\n    "*": deny\n    "notes.md": allow\n')
    done = agentconv.convert_text(text, "claude", from_="opencode", path=PATH, policy=BROADEN)
    assert "tools: Read, Edit, Write\n" in done.text
    assert said(done, "every folder") == []
    assert said(done, "as the whole tool") == [
        "the allowlist cannot be written in claude without writing edit(notes.md) as the whole tool, which is what an "
        "entry of claude's tool list gives whatever scope it names"]


def test_an_allowed_scope_of_a_deny_list_writes_no_allow_and_says_no_depth():
    text = opencode('  read: allow\n  edit:\n    "*": deny\n    "notes.md": allow\n')
    done = agentconv.convert_text(text, "claude", from_="opencode", path=PATH, policy=BROADEN)
    assert "disallowedTools: Edit, Write" in done.text and "notes.md" not in done.text
    assert said(done, "every folder") == []


def test_a_pre_approved_scope_says_depth_and_case():
    text = opencode('  edit:\n    "*": ask\n    "notes.md": allow\n    "docs/*.md": allow\n')
    for target in ("claude-command", "skill"):
        done = agentconv.convert_text(text, target, from_="opencode", path=PATH, policy=agentconv.Policy(carry=False))
        assert "Edit(notes.md)" in done.text
        assert said(done, "every folder") == [
            f"in {target} Edit(notes.md), Write(notes.md) also take the same name in every folder (a line without '/' "
            "matches at any depth; OpenCode matched it at the project's top only): no new kind of access"]
        assert said(done, "other cases") == [
            f"in {target} Edit(notes.md), Write(notes.md), Edit(docs/*.md), Write(docs/*.md) also take the same paths "
            "in other cases (Claude Code matches file rules ignoring case): no new kind of access"]
