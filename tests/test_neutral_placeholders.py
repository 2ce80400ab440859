"""agentconv's neutral spelling of a shell command (`!{cmd}`) or a file (`@{path}`) in a command whose tool has no such
placeholder (a Codex prompt, a VS Code prompt file) is read as that placeholder only where agentconv wrote it: a file
with agentconv's side channel, which such a write always adds. Elsewhere it is the tool's literal text: Codex sends a
prompt as written (openai/codex codex-rs/core/src/custom_prompts.rs: only $ARGUMENTS, $1..$9 and $NAME are expanded),
so a GitHub mention template `@{username}` or a `!{...}` in prose became a file read in Gemini CLI and a command run
in Claude Code (`` !`cmd` ``) and OpenCode. Synthetic fixtures only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.loss import Policy

CODEX = ("---\ndescription: Answer review comments\n---\n"
         "Thank the reviewer with @{username}, never run !{git push --force}.\n")
CODEX_PATH = ".codex/prompts/reply.md"
COPILOT_PATH = ".github/prompts/reply.prompt.md"


@pytest.mark.parametrize("source, path", [("codex-prompt", CODEX_PATH), ("copilot-prompt", COPILOT_PATH)])
@pytest.mark.parametrize("target", ["claude-command", "opencode-command"])
def test_a_neutral_spelling_a_tool_wrote_itself_stays_its_text(source, path, target):
    out = agentconv.convert_text(CODEX, target, from_=source, path=path)
    assert "!`" not in out.text and "never run !{git push --force}." in out.text
    assert "@{username}" in out.text
    assert not any("placeholder" in i.code.value and "username" in i.message for i in out.report)


def test_such_text_into_gemini_is_said_as_literal_text_gemini_expands():
    out = agentconv.convert_text(CODEX, "gemini-command", from_="codex-prompt", path=CODEX_PATH)
    said = [i.message for i in out.report if i.code.value == "placeholder-unsupported"]
    assert any("'!{git push --force}' is literal text" in m for m in said)
    assert any("'@{username}' is literal text" in m for m in said)


@pytest.mark.parametrize("via, path", [("codex-prompt", CODEX_PATH), ("copilot-prompt", COPILOT_PATH)])
@pytest.mark.parametrize("policy", [Policy(), Policy(placed=True)])
def test_a_placeholder_agentconv_wrote_in_the_neutral_spelling_still_comes_back(via, path, policy):
    gemini = 'description = "Status"\nprompt = "Show !{git status} and @{README.md}."\n'
    out = agentconv.convert_text(gemini, via, from_="gemini-command", path=".gemini/commands/status.toml",
                                 policy=policy)
    assert "agentconv-carry" in out.text  # a side channel, even where nothing else rides
    back = agentconv.convert_text(out.text, "claude-command", from_=via, path=path)
    assert "Show !`git status` and @README.md." in back.text
