"""A refusal or loss that names a scoped grant names its pattern. OpenCode spells a command or path scope as a key
of the tool's map (``bash: {"git diff*": allow}``): the grant's name is ``bash``, its scope beside it, and a report
that named the grant by its name alone said "dropping the scope of bash", which scope not said. Likewise a denied
command written where the target has no patterns ("lifting execute/runInTerminal would grant them", of ``rm *``).
Synthetic inputs only."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError

PATH = ".opencode/agent/a.md"


def opencode(permission: str) -> str:
    return f"---\ndescription: d\nmode: subagent\npermission:\n{permission}---\nbody\n"


ALLOWED = '  "*": deny\n  read: allow\n  bash:\n    "git diff*": allow\n    "git log*": allow\n'


@pytest.mark.parametrize("target,said", [
    ("copilot", "the allowlist cannot be written in copilot without dropping the scope of bash(git diff*), "
                "bash(git log*)"),
    ("claude", "the allowlist cannot be written in claude without writing bash(git diff*), bash(git log*) as the whole "
               "tool, which is what an entry of claude's tool list gives whatever scope it names"),
    ("roo", "the allowlist cannot be written in roo without dropping the scope of bash(git diff*), bash(git log*)"),
    ("codex", "codex cannot scope bash(git diff*), bash(git log*)"),
])
def test_a_refused_scope_names_its_patterns(target, said):
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(opencode(ALLOWED), target, from_="opencode", path=PATH)
    assert str(err.value).splitlines()[0] == f"{PATH}: {said}"
    done = agentconv.convert_text(opencode(ALLOWED), target, from_="opencode", path=PATH,
                                  policy=agentconv.Policy(allow_broaden=True))
    assert [i.message for i in done.report.items if i.code.value == "tool-broadened" and "scope" in i.message] == \
        [said]


def test_a_denied_scope_the_target_cannot_hold_is_named_with_its_pattern():
    """Gemini CLI has no deny: the shell is left out of its list (narrower than lifting the deny, kiro30), said with
    the scope that was denied."""
    text = opencode('  "*": deny\n  read: allow\n  bash:\n    "*": allow\n    "rm *": deny\n')
    out = agentconv.convert_text(text, "gemini", from_="opencode", path=PATH)
    assert [i.message for i in out.report if i.code.value == "tool-narrowed"] == [
        "run_shell_command(rm *) denied as the whole run_shell_command in gemini (it has no deny: the tool is left out "
        "of the list), which also forbids every other use of run_shell_command the source allowed"]
    assert "run_shell_command" not in out.text


def test_a_name_that_spells_its_scope_is_named_as_written():
    """A Claude Code rule already holds its scope: named once, as written (not ``Bash(git diff *)(git diff *)``)."""
    text = "---\nname: a\ndescription: d\ntools: Read, Bash(git diff *)\n---\nbody\n"
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(text, "gemini-command", from_="claude-command", path=".claude/commands/a.md")
    assert "Bash(git diff *)(" not in str(err.value)
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(text.replace("name: a\n", ""), "copilot", from_="claude-command",
                               path=".claude/commands/a.md")
    assert "dropping the scope of Bash(git diff *)" in str(err.value), str(err.value)
