"""Claude Code matches a Bash deny or ask rule with each run of spaces and tabs folded to one space, in the rule and in
the command (@anthropic-ai/claude-code 2.1.332: ``uXt`` = ``replace(/[ \\t]{2,}|\\t/g, " ")`` in ``X7(rule, command,
false, true)``), so ``Bash(rm -rf *)`` denies ``rm  -rf x``. OpenCode matches the command's text as written
(opencode-ai 1.18.33 ran ``echo  hi x`` past ``"echo hi *": deny``): written for OpenCode, such a rule also gets a
variant with ``?*`` for each run of blanks, which denies every spacing (and more: said, tool-narrowed)."""
import re

import pytest
import yaml

import agentconv
from casesupport import claude_beneath

from test_opencode_path_scopes import decides


def claude_denies(command: str, rule: str) -> bool:
    """Claude Code's Bash rule match (the parts this test uses): blanks folded, ``:*`` a prefix, ``*`` any text, a
    trailing `` *`` optional."""
    fold = lambda t: re.sub(r"[ \t]{2,}|\t", " ", t.strip())  # noqa: E731
    command, rule = fold(command), fold(rule)
    if rule.endswith(":*"):
        return command == rule[:-2] or command.startswith(rule[:-2] + " ")
    rx = ".*".join(map(re.escape, rule.split("*")))
    if rx.endswith(r"\ .*"):
        rx = rx[:-4] + r"(?:\ .*)?"
    return re.fullmatch(rx, command, re.S) is not None


def convert(header: str) -> agentconv.Result:
    """The header's ``disallowedTools`` entries as its project's settings' deny rules, which hold a scope (an agent's
    own entry takes the whole tool: ``casesupport.claude_beneath``)."""
    text = f"---\nname: a\ndescription: x\n{header}---\nbody\n"
    return claude_beneath(text, "opencode", policy=agentconv.Policy(carry=False))


RULES = ("rm -rf:*", "git push *", "npm  publish")
COMMANDS = ("rm -rf x", "rm  -rf x", "rm\t-rf x", "rm -rf\tx", "rm  -rf", "git  push origin", "git\tpush",
            "npm publish", "npm \t publish", "rm -r x", "git status", "git pull", "npm test", "ls")


@pytest.mark.parametrize("header", [
    f"tools: Bash, Read\ndisallowedTools: {', '.join(f'Bash({r})' for r in RULES)}\n",
    f"disallowedTools: {', '.join(f'Bash({r})' for r in RULES)}\n",
])
def test_a_denied_command_is_denied_in_opencode_whatever_its_blanks(header):
    done = convert(header)
    perm = {"*": "allow", **yaml.safe_load(done.text.split("---\n")[1])["permission"]}
    for command in COMMANDS:
        if any(claude_denies(command, r) for r in RULES):
            assert decides(perm, "bash", command) == "deny", command
    for command in ("rm -r x", "git status", "git pull", "npm test", "ls"):
        assert decides(perm, "bash", command) == "allow", command
    said = [i.message for i in done.report.items if i.code.value == "tool-narrowed"]
    assert any("Bash(rm -rf:*), Bash(git push *), Bash(npm  publish) also written with '?*'" in m for m in said)
    assert not any(decides(perm, "bash", c) == "deny" for c in ("terraform plan", "npm run format"))  # `*rm*` would


def test_written_beside_the_rule_as_it_came():
    done = convert("tools: Bash\ndisallowedTools: Bash(git push:*), Bash(ls)\n")
    perm = yaml.safe_load(done.text.split("---\n")[1])["permission"]
    assert perm["bash"] == {"*": "allow", "git push *": "deny", "* git?*push*": "deny", "*/git?*push*": "deny",
                            "*\\git?*push*": "deny", "*\tgit?*push*": "deny", "git?*push*": "deny", "ls": "deny",
                            "*ls *": "deny", "*ls\t*": "deny", "*ls>*": "deny", "*ls<*": "deny", "*ls&>*": "deny"}
    # an allowed scope is not widened: `git  status` asks or is denied as the rest of the map says
    perm = yaml.safe_load(convert("tools: Bash(git status *)\n").text.split("---\n")[1])["permission"]
    assert perm["bash"] == {"*": "deny", "git status *": "allow"}


@pytest.mark.parametrize("tools,kept", [("Read, Bash(git push:*), Bash(ls:*)", None),
                                        ("Read, Bash", ["* git?*push*", "*/git?*push*", "*\\git?*push*", "*\tgit?*push*",
                                                       "git?*push*"]),
                                        ("Read, Bash(git:*)", ["git *push *"])])
def test_an_asks_variant_only_where_an_allow_before_it_holds_what_it_asks_about(tmp_path, tools, kept):
    """An ask (the settings' ``permissions.ask``) gets the ``?*`` variant where an allow written before it holds every
    command the variant matches (``"*": allow``): there it asks instead. ``git *: allow`` holds only the commands that
    begin ``git ``: ``git?*push*`` would also ask about ``gitk push``, which the map denies (a widening), so the
    variant written is ``git *push *``. Under ``"*": deny`` with no such allow: none."""
    import json

    (tmp_path / ".git").mkdir()
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".claude" / "settings.json").write_text(json.dumps({"permissions": {"ask": ["Bash(git push:*)"]}}))
    (agents / "a.md").write_text(f"---\nname: a\ndescription: x\ntools: {tools}\n---\nbody\n")
    done = agentconv.convert(agents / "a.md", "opencode", policy=agentconv.Policy(carry=False))
    bash = yaml.safe_load(done.text.split("---\n")[1])["permission"]["bash"]
    perm = {"*": "deny", "bash": bash}
    assert [k for k, v in bash.items() if v == "ask"] == ["git push *", *(kept or [])], bash
    assert decides(perm, "bash", "git push origin") == "ask"
    assert decides(perm, "bash", "git  push origin") == ("ask" if kept else "deny")
    assert decides(perm, "bash", "git\tpush origin") == ("ask" if kept and len(kept) > 1 else "deny")
    if not kept or len(kept) == 1:  # what the map denies stays denied
        assert decides(perm, "bash", "gitk push x") == "deny"
    if not kept:
        assert decides(perm, "bash", "git stash push") == "deny"
    said = [i.message for i in done.report.items if i.code.value == "tool-narrowed"]
    assert any("where an allow before them holds it, with other spaces between the words" in m for m in said) is (
        not kept or len(kept) == 1), said
