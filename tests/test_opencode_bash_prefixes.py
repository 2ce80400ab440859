"""Claude Code matches a Bash deny or ask rule against more than the command's text (@anthropic-ai/claude-code 2.1.332,
read in the binary: the deny and ask matchers run ``rne(..., {stripAllEnvVars: true})``): the command without its
redirections, leading assignments (``FOO=1``), wrappers (``timeout 5``, ``nice -n 5``, ``nohup``, ``command``,
``env``, ``sudo``, ...), with its words unquoted, its name without a folder (``/bin/rm``), and each rule also as ``xargs
RULE``. OpenCode matches each command's text as written (opencode-ai 1.18.33: ``FOO=1 echo hi x`` ran past ``"echo hi
*": deny``), so ``rm -rf *: deny`` let ``FOO=1 rm -rf x``, ``sudo rm -rf x`` and ``xargs rm -rf`` run. Written for
OpenCode, a deny (or an ask) is also written after ``* ``, ``*/`` and ``*\\`` (``echo rm -rf`` too: narrower, said).
Not held, and said: a word with quotes or a backslash inside it, a quote or a tab right before the command's name."""
import yaml

import agentconv

from test_opencode_path_scopes import decides

RULES = "Bash(rm -rf *), Bash(git push:*), Bash(rm -rf /)"
# each denied by one of RULES in Claude Code 2.1.332 (its normalisations named above)
DENIED = ("FOO=1 rm -rf x", "A=1 B=2 rm -rf x", "/bin/rm -rf x", "sudo rm -rf x", "sudo -u root /usr/bin/rm -rf x",
          "xargs rm -rf", "timeout 5 rm -rf x", "nice -n 5 rm -rf x", "nohup git push", "command rm -rf x",
          "env A=1 git push origin", "\\rm -rf x", 'rm "-rf" x', "rm -rf x 2>/dev/null",
          "rm -rf / 2>/dev/null", "rm -rf />/dev/null", "rm -rf /", "git push", "git  push origin")
ALLOWED = ("rm -r ./build", "git status", "ls -la", "git pull origin", "rm -r /tmp/x")


def convert(header: str) -> agentconv.Result:
    text = f"---\nname: a\ndescription: x\n{header}---\nbody\n"
    return agentconv.convert_text(text, "opencode", from_="claude", path=".claude/agents/a.md",
                                  policy=agentconv.Policy(carry=False))


def test_a_denied_command_is_denied_in_opencode_whatever_comes_before_it():
    done = convert(f"tools: Bash, Read\ndisallowedTools: {RULES}\n")
    perm = yaml.safe_load(done.text.split("---\n")[1])["permission"]
    for command in DENIED:
        assert decides(perm, "bash", command) == "deny", command
    for command in ALLOWED:
        assert decides(perm, "bash", command) == "allow", command
    said = [i.message for i in done.report.items if i.code.value == "tool-narrowed"]
    assert any("also written with '?*' between the words and after any text and a blank, a '/' or a backslash" in m
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
    done = agentconv.convert_text(text, "opencode", from_="claude", path=".claude/agents/a.md",
                                  policy=agentconv.Policy(carry=False, allow_broaden=True))
    assert any(i.code.value == "tool-broadened" and "Bash(pushd *)" in i.message for i in done.report.items)
    perm = yaml.safe_load(convert("tools: Bash\ndisallowedTools: Bash(cdk destroy:*)\n").text.split("---\n")[1])
    assert decides(perm["permission"], "bash", "cdk destroy x") == "deny"
    kiro = json.dumps({"name": "w", "description": "d", "prompt": "p", "tools": ["shell"],
                       "toolsSettings": {"shell": {"deniedCommands": ["cd .*"]}}})
    with pytest.raises(BroadenError, match="would hold nothing"):
        agentconv.convert_text(kiro, "opencode", path=".kiro/agents/w.json")
