"""A Gemini CLI custom command as Gemini CLI reads it (helper shadow31, 2026-11-30). Synthetic fixtures only.

FileCommandLoader's TomlCommandDefSchema is a non-strict zod object {prompt, description}: any other key of a
``.gemini/commands/*.toml`` file is dropped by the parse, and the command's prompt runs with every tool of the session.
Another tool's tool field written there by a generator (``tools = ["read_file", "run_shell_command"]``, 57 real files
of the shadow corpus unseen31) restricts nothing. It was read as a Copilot prompt's tool list: the command came out
narrower than Gemini CLI runs it (a Copilot prompt limited to the read tools, the shell and the writes "not granted"),
and converted to its own dialect the file was rewritten without the key (not byte for byte). Now it is the file's key as
written: given back into Gemini CLI as it came, never applied elsewhere (said).
"""
from __future__ import annotations

import pytest

import agentconv

GEMINI = ".gemini/commands/review.toml"


def command(extra: str = "") -> str:
    return ("name = \"review\"\ndescription = \"Review the change\"\nprompt = '''\nReview the diff.\n'''\n" + extra)


def visible(text: str) -> str:
    """The file as its tool reads it (the side channel's comment, which records the source's keys, left out)."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("# agentconv-carry"))


TOOLS = ['tools = ["read_file", "glob", "run_shell_command", "write_file"]\n',
         'allowed-tools = ["Read", "Grep"]\n']


@pytest.mark.parametrize("tools", TOOLS)
def test_a_tool_field_gemini_ignores_comes_back_as_written(tools):
    text = command(tools)
    out = agentconv.convert_text(text, "gemini-command", path=GEMINI)
    assert out.text == text
    assert "value-invalid" not in [i.code.value for i in out.report]


@pytest.mark.parametrize("tools", TOOLS)
@pytest.mark.parametrize("target", ["copilot-prompt", "claude-command", "opencode-command", "codex-prompt"])
def test_a_tool_field_gemini_ignores_grants_and_denies_nothing(tools, target):
    out = agentconv.convert_text(command(tools), target, path=GEMINI)
    without = agentconv.convert_text(command(), target, path=GEMINI)
    assert visible(out.text) == visible(without.text)  # the tools Gemini CLI runs it with: the session's
    codes = [i.code.value for i in out.report]
    assert "value-invalid" not in codes and "tool-unmapped" not in codes
    dropped = [i.message for i in out.report if i.code.value in ("field-dropped", "extension-dropped")]
    assert any(tools.split(" =")[0] in m for m in dropped)  # not applied there: said
