"""Claude Code matches a Bash deny or ask rule against more than the command's text (@anthropic-ai/claude-code 2.1.332,
read in the binary: the deny and ask matchers run ``rne(..., {stripAllEnvVars: true})``): the command without its
redirections, leading assignments (``FOO=1``), wrappers (``timeout 5``, ``nice -n 5``, ``nohup``, ``command``,
``env``, ``sudo``, ...), with its words unquoted, its name without a folder (``/bin/rm``), and each rule also as ``xargs
RULE``. OpenCode matches each command's text as written (opencode-ai 1.18.33: ``FOO=1 echo hi x`` ran past ``"echo hi
*": deny``), so ``rm -rf *: deny`` let ``FOO=1 rm -rf x``, ``sudo rm -rf x`` and ``xargs rm -rf`` run. Written for
OpenCode, a deny (or an ask) is also written after ``* ``, ``*/`` and ``*\\`` (``echo rm -rf`` too: narrower, said).
A tab before the command's name or after a one-word rule is held too (``*\\trm*``, ``echo\\t*``). Not held, and said
(``tool-spelling``) where another rule of the map may let it through: a word with quotes or a backslash inside it, which
Claude Code unquotes and OpenCode matches as written (opencode-ai 1.18.33 ran ``'echo' hi`` and ``e\\cho hi`` past
``echo *: deny`` and its variants)."""
import yaml

import agentconv
from casesupport import claude_beneath

from test_opencode_path_scopes import decides

RULES = "Bash(rm -rf *), Bash(git push:*), Bash(rm -rf /)"
# each denied by one of RULES in Claude Code 2.1.332 (its normalisations named above)
DENIED = ("FOO=1\trm -rf x", "sudo\tgit push", "git push\torigin", "rm -rf /\t2>/dev/null", "FOO=1 rm -rf x", "A=1 B=2 rm -rf x", "/bin/rm -rf x", "sudo rm -rf x", "sudo -u root /usr/bin/rm -rf x",
          "xargs rm -rf", "timeout 5 rm -rf x", "nice -n 5 rm -rf x", "nohup git push", "command rm -rf x",
          "env A=1 git push origin", "\\rm -rf x", 'rm "-rf" x', "rm -rf x 2>/dev/null",
          "rm -rf / 2>/dev/null", "rm -rf />/dev/null", "rm -rf /", "git push", "git  push origin")
ALLOWED = ("rm -r ./build", "git status", "ls -la", "git pull origin", "rm -r /tmp/x")


def convert(header: str) -> agentconv.Result:
    """The header's ``disallowedTools`` entries as its project's settings' deny rules, which hold a scope (an agent's
    own entry takes the whole tool: ``casesupport.claude_beneath``)."""
    text = f"---\nname: a\ndescription: x\n{header}---\nbody\n"
    return claude_beneath(text, "opencode", policy=agentconv.Policy(carry=False))


def test_a_denied_command_is_denied_in_opencode_whatever_comes_before_it():
    done = convert(f"tools: Bash, Read\ndisallowedTools: {RULES}\n")
    perm = yaml.safe_load(done.text.split("---\n")[1])["permission"]
    for command in DENIED:
        assert decides(perm, "bash", command) == "deny", command
    for command in ALLOWED:
        assert decides(perm, "bash", command) == "allow", command
    said = [i.message for i in done.report.items if i.code.value == "tool-narrowed"]
    assert any("also written with '?*' between the words and after any text and a blank, a tab, a '/' or a "
               "backslash" in m
               and "other text before or between them" in m for m in said), said


def test_an_exact_rule_is_followed_by_a_blank_or_a_redirection_only():
    """``Bash(rm -rf /)`` is that command (with any redirections): ``rm -rf ./build`` is not denied by it."""
    perm = yaml.safe_load(convert("tools: Bash\ndisallowedTools: Bash(rm -rf /)\n").text.split("---\n")[1])["permission"]
    assert decides(perm, "bash", "FOO=1 rm -rf / >log") == "deny"
    assert decides(perm, "bash", "rm -rf ./build") == "allow"
    assert decides(perm, "bash", "rm -rf /tmp") == "allow"


def test_an_ask_is_asked_whatever_comes_before_it_only_where_the_map_allows_that(tmp_path):
    """An ask's variant with ``*`` before the command is written under ``"*": allow`` (which holds it); beside
    ``git *: allow`` under ``"*": deny`` it would also ask about ``echo git push`` and ``FOO=1 git push``, which the map
    denies: there only ``git *push *`` (what ``git *`` holds) is written, the rest denied where Claude Code asks."""
    import json

    (tmp_path / ".git").mkdir()
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".claude" / "settings.json").write_text(json.dumps({"permissions": {"ask": ["Bash(git push:*)"]}}))
    for name, tools in (("every", "Read, Bash"), ("scoped", "Read, Bash(git:*)")):
        (agents / f"{name}.md").write_text(f"---\nname: {name}\ndescription: x\ntools: {tools}\n---\nbody\n")
    done = agentconv.convert(agents / "every.md", "opencode", policy=agentconv.Policy(carry=False))
    perm = {"*": "deny", "bash": yaml.safe_load(done.text.split("---\n")[1])["permission"]["bash"]}
    for command in ("FOO=1 git push", "sudo git push origin", "git  push"):
        assert decides(perm, "bash", command) == "ask", command
    assert decides(perm, "bash", "git status") == "allow"
    done = agentconv.convert(agents / "scoped.md", "opencode", policy=agentconv.Policy(carry=False))
    perm = {"*": "deny", "bash": yaml.safe_load(done.text.split("---\n")[1])["permission"]["bash"]}
    assert decides(perm, "bash", "git  push") == "ask"
    for command in ("FOO=1 git push", "echo git push", "gitk push"):
        assert decides(perm, "bash", command) == "deny", command


def test_a_deny_or_ask_of_a_command_opencode_never_asks_about_is_refused():
    """OpenCode runs ``cd``, ``pushd``, ``popd``, ``chdir`` (and PowerShell's ``set-location``, ``push-location``)
    without a permission check (opencode-ai 1.18.33 ``ShellTool.collect``): ``cd *: deny`` holds nothing there. A
    Claude Code ``Bash(cd:*)`` deny, or a Kiro ``deniedCommands`` of ``cd .*``, is refused (exit 6), or with
    ``--allow-broaden`` said (tool-broadened); a rule of another command that begins so (``cdk``) is written."""
    import json

    import pytest

    from agentconv.errors import BroadenError

    with pytest.raises(BroadenError, match=r"Bash\(cd:\*\) would hold nothing in opencode"):
        convert("tools: Bash, Read\ndisallowedTools: Bash(cd:*), Bash(cdk destroy:*)\n")
    text = f"---\nname: a\ndescription: x\ntools: Bash\ndisallowedTools: Bash(pushd *)\n---\nbody\n"
    done = claude_beneath(text, "opencode", policy=agentconv.Policy(carry=False, allow_broaden=True))
    assert any(i.code.value == "tool-broadened" and "Bash(pushd *)" in i.message for i in done.report.items)
    perm = yaml.safe_load(convert("tools: Bash\ndisallowedTools: Bash(cdk destroy:*)\n").text.split("---\n")[1])
    assert decides(perm["permission"], "bash", "cdk destroy x") == "deny"
    kiro = json.dumps({"name": "w", "description": "d", "prompt": "p", "tools": ["shell"],
                       "toolsSettings": {"shell": {"deniedCommands": ["cd .*"]}}})
    with pytest.raises(BroadenError, match="would hold nothing"):
        agentconv.convert_text(kiro, "opencode", path=".kiro/agents/w.json")


def test_a_tab_after_a_one_word_rule_or_before_the_name_is_denied():
    """Claude Code folds a tab to a space (``echo<TAB>hi`` is ``echo hi``) and looks past ``FOO=1<TAB>``; OpenCode
    1.18.33 ran both past ``echo *: deny`` and ``* echo*`` (``debug agent --tool bash``, 2026-11-29)."""
    perm = yaml.safe_load(convert("tools: Bash\ndisallowedTools: Bash(echo:*), Bash(ls)\n").text.split("---\n")[1])
    for command in ("echo\thi", "FOO=1\techo hi", "nohup\techo", "ls\t>/dev/null", "FOO=1\tls"):
        assert decides(perm["permission"], "bash", command) == "deny", command
    for command in ("echoes hi", "lsof"):
        assert decides(perm["permission"], "bash", command) == "allow", command


def _quoting(header: str) -> list[str]:
    return [i.message for i in convert(header).report.items if i.code.value == "tool-spelling"]


def test_a_quoted_spelling_the_map_lets_through_is_said():
    """``'rm' -rf x``, ``r\\m -rf x`` and ``rm "-rf" x`` are ``rm -rf x`` to Claude Code (it unquotes the words) but
    match none of OpenCode's patterns: under ``"*": allow`` (or an allow that may match them) they run there. Said
    (``tool-spelling``, a warning), naming the rule and the rule they fall to; not where every other rule denies, or
    allows only exact plain commands."""
    perm = yaml.safe_load(convert(f"tools: Bash\ndisallowedTools: {RULES}\n").text.split("---\n")[1])["permission"]
    for command in ("'rm' -rf x", "r\\m -rf x", '"git" push', "$'rm' -rf x"):
        assert decides(perm, "bash", command) == "allow", command  # what OpenCode does: hence the warning
    said = _quoting(f"tools: Bash\ndisallowedTools: {RULES}\n")
    assert len(said) == 1 and said[0].startswith(f"{RULES}: in opencode the deny holds only for the command with its "
                                                 "words written without quotes or backslashes") \
        and "'rm' ... or r\\m ..." in said[0] and "(*: allow)" in said[0], said
    assert [i.severity.value for i in convert(f"tools: Bash\ndisallowedTools: {RULES}\n").report.items
            if i.code.value == "tool-spelling"] == ["warning"]
    # an allow of a scope that a quoted spelling may match (`git 'push'` matches `git *`)
    said = _quoting("tools: Bash(git:*)\ndisallowedTools: Bash(git push:*)\n")
    assert len(said) == 1 and "Bash(git push:*)" in said[0] and "(git *: allow)" in said[0], said
    # only exact plain commands allowed, or nothing but denies: a quoted spelling is denied by "*": deny
    assert _quoting("tools: Bash(npm test), Bash(git status)\ndisallowedTools: Bash(rm -rf *)\n") == []
    assert _quoting("tools: Read\ndisallowedTools: Bash(rm -rf *)\n") == []


def test_a_quoted_spelling_of_an_ask_that_runs_unasked_is_said(tmp_path):
    import json

    (tmp_path / ".git").mkdir()
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".claude" / "settings.json").write_text(json.dumps({"permissions": {"ask": ["Bash(git push:*)"]}}))
    (agents / "a.md").write_text("---\nname: a\ndescription: x\ntools: Read, Bash\n---\nbody\n")
    done = agentconv.convert(agents / "a.md", "opencode", policy=agentconv.Policy(carry=False))
    said = [i.message for i in done.report.items if i.code.value == "tool-spelling"]
    assert len(said) == 1 and said[0].startswith("Bash(git push:*): in opencode the ask holds only") \
        and said[0].endswith("though the source asks about it"), said
