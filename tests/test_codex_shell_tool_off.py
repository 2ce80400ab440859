"""A Codex role without the shell: `[features] shell_tool = false` in its file, or in its project's .codex/config.toml
where the file does not say `shell_tool` (Codex offers no exec_command/write_stdin then; openai/codex
codex-rs/features/src/lib.rs Feature::ShellTool; @openai/codex 0.169.0 `debug prompt-input`). It was read as a role
with a shell: into Claude Code its subagent ran Bash, into OpenCode `bash` was allowed (a widening)."""
from __future__ import annotations

import pytest

import agentconv

OWN = 'name = "fixer"\ndescription = "Fixes."\nsandbox_mode = "workspace-write"\ndeveloper_instructions = "Fix it."\n' \
      '\n[features]\nshell_tool = false\n'
PLAIN = 'name = "fixer"\ndescription = "Fixes."\ndeveloper_instructions = "Fix it."\n'
SHELLS = {"bash", "powershell", "run-task"}


def _role(tmp_path, text: str, config: str | None = None) -> str:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".codex/agents").mkdir(parents=True)
    if config is not None:
        (tmp_path / ".codex/config.toml").write_text(config)
    path = tmp_path / ".codex/agents/fixer.toml"
    path.write_text(text)
    return str(path)


def _denied(path: str) -> set[str]:
    doc, _ = agentconv.read(path)
    return {g.canonical for g in doc.agent.tools.denied() if g.pattern is None}


@pytest.mark.parametrize("text, config", [(OWN, None), (PLAIN, "[features]\nshell_tool = false\n"),
                                          (OWN, "[features]\nshell_tool = true\n")])
def test_a_role_without_the_shell_is_read_with_the_shell_denied(tmp_path, text, config):
    path = _role(tmp_path, text, config)
    assert SHELLS <= _denied(path)
    claude = agentconv.convert(path, "claude", from_="codex")
    assert "disallowedTools: Bash, PowerShell" in claude.text
    assert not any("read-only sandbox" in i.message for i in claude.report)  # the shell is off, not a read-only one
    opencode = agentconv.convert(path, "opencode", from_="codex")
    assert "bash: deny" in opencode.text


def test_the_project_config_is_said(tmp_path):
    path = _role(tmp_path, PLAIN, "[features]\nshell_tool = false\n")
    out = agentconv.convert(path, "claude", from_="codex")
    said = [i for i in out.report if i.code.value == "value-read-as"]
    assert len(said) == 1 and "shell_tool = false of" in said[0].message and "config.toml" in said[0].message


def test_the_role_own_shell_tool_true_wins_over_its_project(tmp_path):
    path = _role(tmp_path, PLAIN.replace('"Fix it."\n', '"Fix it."\n\n[features]\nshell_tool = true\n'),
                 "[features]\nshell_tool = false\n")
    assert not SHELLS & _denied(path)


@pytest.mark.parametrize("text, config", [(OWN, None), (PLAIN, "[features]\nshell_tool = false\n"),
                                          (OWN.replace("workspace-write", "read-only"), None)])
def test_back_into_codex_byte_for_byte(tmp_path, text, config):
    path = _role(tmp_path, text, config)
    doc, _ = agentconv.read(path)
    assert agentconv.write(doc, "codex") == text
    assert agentconv.convert(path, "codex", from_="codex").text == text
