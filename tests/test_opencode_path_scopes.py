"""Claude Code's Read(...) and Edit(...) scopes are .gitignore lines (``./x`` and ``x`` from the current folder, ``/x``
from the project root, a line without '/' at any depth, ``**/`` zero or more folders); OpenCode matches its read and
edit permissions against the path relative to the worktree (``secrets/x``: no ``./``, no leading '/') with a ``*``
that also matches '/' (opencode-ai 1.18.33). Written as they came, ``./secrets/*: deny`` denied nothing there (run in
the real binary, 2026-11-29): each scope is written as the patterns that match what it means, and a deny no OpenCode
pattern can say (a path from the root or the home folder) is refused as a widening."""
import json
import re

import pytest
import yaml

import agentconv
from casesupport import claude_beneath
from agentconv.errors import BroadenError


def wildcard(text: str, pattern: str) -> bool:
    """OpenCode 1.18.33's Wildcard.match: ``*`` any characters ('/' too), ``?`` any one, a trailing `` *`` optional."""
    rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    if rx.endswith(r"\ .*"):
        rx = rx[:-4] + r"(\ .*)?"
    return re.fullmatch(rx, text, re.S) is not None


def decides(perm: dict, permission: str, path: str) -> str:
    """OpenCode's evaluate(): the last rule whose permission and pattern both match (rules in the order written)."""
    rules = [(k, p, d) for k, v in perm.items() for p, d in (v.items() if isinstance(v, dict) else [("*", v)])]
    hits = [d for k, p, d in rules if wildcard(permission, k) and wildcard(path, p)]
    return hits[-1] if hits else "ask"


def convert(header: str, policy: agentconv.Policy = agentconv.Policy(carry=False)) -> agentconv.Result:
    """A Claude agent's ``disallowedTools`` entries as its project's settings' deny rules (the agent's own entry takes
    the whole tool: ``claude_beneath``)."""
    text = f"---\nname: a\ndescription: x\n{header}---\nbody\n"
    return claude_beneath(text, "opencode", policy=policy)


def permission(header: str) -> dict:
    return yaml.safe_load(convert(header).text.split("---\n")[1])["permission"]


DENIED = ("tools: Read, Edit\ndisallowedTools: Read(./secrets/*), Read(/config/*.key), Read(.env), "
          "Read(src/**/*.key), Read(private/)\n")


def test_a_denied_scope_denies_in_opencode_and_only_what_it_names():
    perm = permission(DENIED)
    for path in ("secrets/x", "config/a.key", ".env", "app/.env", "src/a.key", "src/x/b.key", "private/p/q"):
        assert decides(perm, "read", path) == "deny", path
    for path in ("docs/d.md", "app/env", "config/a.txt", "privates/x", "secrets"):
        assert decides(perm, "read", path) == "allow", path


def test_written_as_worktree_relative_patterns():
    assert permission(DENIED)["read"] == {"*": "allow", "secrets/*": "deny", "config/*.key": "deny", ".env": "deny",
                                          "*/.env": "deny", "src/*.key": "deny", "src/*/*.key": "deny",
                                          "private/*": "deny", "*/private/*": "deny", "config/*.key/*": "deny",
                                          ".env/*": "deny", "*/.env/*": "deny", "src/*.key/*": "deny",
                                          "src/*/*.key/*": "deny"}
    # an OpenCode file's own pattern is OpenCode's: kept as it is (`./x/*` matches nothing there, and still does)
    text = "---\ndescription: x\nmode: subagent\npermission:\n  read:\n    \"*\": allow\n    ./x/*: deny\n---\nbody\n"
    assert agentconv.convert_text(text, "opencode", from_="opencode", path=".opencode/agents/a.md").text == text


def test_an_allowed_scope_from_the_current_folder():
    perm = permission("tools: Read(./docs/**), Edit(/src/**)\n")
    assert perm["read"] == {"*": "deny", "docs/**": "allow"} and perm["edit"] == {"*": "deny", "src/**": "allow"}
    assert decides(perm, "read", "docs/a/b.md") == "allow" and decides(perm, "edit", "src/x.ts") == "allow"


def test_a_denied_path_from_the_root_or_home_is_refused():
    with pytest.raises(BroadenError, match=r"Read\(~/\.ssh/\*\*\).*would deny nothing in opencode"):
        convert("tools: Read\ndisallowedTools: Read(~/.ssh/**)\n")
    with pytest.raises(BroadenError, match=r"Read\(//etc/passwd\)"):
        convert("tools: Read\ndisallowedTools: Read(//etc/passwd)\n")
    done = convert("tools: Read\ndisallowedTools: Read(//etc/passwd)\n", agentconv.Policy(allow_broaden=True))
    assert any(i.code.value == "tool-broadened" and "//etc/passwd" in i.message for i in done.report.items)


def test_an_allow_opencode_takes_wider_or_narrower_is_said():
    # an earlier scope that allows below docs/a/ keeps `docs/*/*.md` from being denied after `docs/*.md`: said
    items = convert("tools: Edit(docs/a/*.md), Edit(docs/*.md), Read(~/notes/*)\n").report.items
    wider = [i.message for i in items if i.code.value == "tool-broadened"]
    narrower = [i.message for i in items if i.code.value == "tool-narrowed"]
    assert any("Edit(docs/*.md)" in m and "folders below" in m for m in wider)
    assert not any("Edit(docs/a/*.md)" in m for m in wider)
    assert any("Read(~/notes/*) written for opencode (it matches file rules against the path relative" in m
               for m in narrower)


def gitignore(path: str, line: str) -> bool:
    """A .gitignore line as Claude Code reads a file scope (the parts this test uses): ``*`` inside one folder, ``**/``
    zero or more folders, a line without '/' at any depth, a folder's match covering what is below it."""
    anchored = "/" in line.rstrip("/")
    rx = re.escape(line.lstrip("/")).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
    return re.fullmatch(("" if anchored else "(?:.*/)?") + rx + "(?:/.*)?", path) is not None


def test_an_opencode_deny_written_for_claude_denies_at_least_as_much():
    """Claude Code's deny rules hold a scope in a command's ``disallowed-tools`` (permission rules); a subagent's
    ``disallowedTools`` entry takes the whole tool (claude.toml ``[parser] deny_scopes``): there Read is denied whole,
    said."""
    text = ("---\ndescription: x\nmode: subagent\npermission:\n  read:\n    \"*\": allow\n    src/*.key: deny\n"
            "    src/a*.pem: deny\n    \"**/*.env*\": deny\n  edit:\n    \"*\": deny\n    .env.example: allow\n---\nbody\n")
    perm = yaml.safe_load(text.split("---\n")[1])["permission"]
    agent = agentconv.convert_text(text, "claude", from_="opencode", path=".opencode/agents/a.md")
    assert yaml.safe_load(agent.text.split("---\n")[1])["disallowedTools"].split(", ")[0] == "Read"
    assert any(i.code.value == "tool-narrowed" and "Read(src/*.key), Read(src/a*.pem), Read(**/*.env*) denied as the "
               "whole Read in claude" in i.message and "every other use of Read" in i.message for i in agent.report.items)
    done = agentconv.convert_text(text, "claude-command", from_="opencode", path=".opencode/agents/a.md")
    head = yaml.safe_load(done.text.split("---\n")[1])
    lines = [t[len("Read("):-1] for t in head["disallowed-tools"].split(", ") if t.startswith("Read(")]
    assert lines == ["src/**/*.key", "src/a*", "*.env*"]
    for path in ("src/a.key", "src/x/b.key", "src/ab/c.pem", "src/a.pem", "app/.env.local", "a/.env/b"):
        assert decides(perm, "read", path) == "deny" and any(gitignore(path, line) for line in lines), path
    assert not any(gitignore("src/b.txt", line) for line in lines)
    said = [i.message for i in done.report.items]
    assert any("Read(src/a*) for read src/a*.pem" in m for m in said)
    # the allowed .env.example is not written (Edit denied whole, said): no "Edit(.env.example) also takes the same
    # name in every folder" of a scope the file does not hold
    assert any("which also forbids edit(.env.example)" in m for m in said) and not any("every folder" in m for m in said)


def test_a_denied_line_that_names_a_folder_denies_what_is_in_it():
    """A .gitignore line names a file or a folder (Claude Code's Read(secrets) denies secrets/key); OpenCode's pattern
    must match the whole path (opencode-ai 1.18.33 Wildcard.match: ``^...$``), so ``secrets: deny`` alone let the
    agent read secrets/key."""
    perm = permission("tools: Read, Edit\ndisallowedTools: Read(secrets), Edit(/config/prod)\n")
    for path in ("secrets", "secrets/key", "app/secrets/key"):
        assert decides(perm, "read", path) == "deny", path
    for path in ("config/prod", "config/prod/db.yml"):
        assert decides(perm, "edit", path) == "deny", path
    assert decides(perm, "read", "secretsx/key") == "allow" and decides(perm, "edit", "config/production") == "allow"


def test_a_deny_of_a_scope_also_allowed_comes_after_every_allow():
    """OpenCode applies the last matching rule, and a map key keeps the place it was first written at: a deny of the
    same pattern as an allow written earlier stayed before the allows that followed it (``src/**: deny`` before
    ``src/a/*: allow``), so the agent could edit src/a/x, which the source denies."""
    perm = permission("tools: Edit(src/**), Edit(src/a/*), Read\ndisallowedTools: Edit(src/**)\n")
    assert list(perm["edit"]) == ["*", "src/a/*", "src/**"]
    for path in ("src/x.ts", "src/a/x.ts", "src/a/b/c.ts"):
        assert decides(perm, "edit", path) == "deny", path


@pytest.mark.parametrize("scopes, paths", [
    ("Edit(docs/*.md)", ("docs/x.md", "docs/a/b.md", "docs/a/b/c.md", "docs/x.txt", "x.md")),
    ("Edit(/src/*/main.?s)", ("src/a/main.ts", "src/a/b/main.ts", "src/a/main/x.ts", "src/main.ts", "src/a/main/s")),
    ("Edit(docs/*.md), Edit(docs/a/*.md)", ("docs/x.md", "docs/a/b.md", "docs/a/b/c.md", "docs/b/c.md")),
    ("Edit, Edit(docs/*.md)", ("docs/x.md", "docs/a/b.md", "src/x")),
    ("Edit(docs/**/*.md)", ("docs/x.md", "docs/a/b.md", "docs/a/b/c.md", "docs/a.txt")),
])
def test_an_allow_in_one_folder_is_written_exactly(scopes, paths):
    """A .gitignore ``*`` or ``?`` stays in one folder; OpenCode's crosses '/' (opencode-ai 1.18.33 Wildcard.match), so
    ``docs/*.md: allow`` also let the agent edit docs/a/b.md (said as tool-broadened). Right after it, the same line
    with a wildcard crossing a '/' gets what the rules before decide there (``docs/*/*.md: deny``): the last matching
    rule wins in OpenCode, so the pair takes what the line takes; nothing is said."""
    done = convert(f"tools: {scopes}\n")
    perm = yaml.safe_load(done.text.split("---\n")[1])["permission"]
    whole = "Edit" in scopes.split(", ")
    lines = [s[len("Edit("):-1] for s in scopes.split(", ") if s.startswith("Edit(")]
    for path in paths:
        meant = "allow" if whole or any(gitignore(path, line) for line in lines) else "deny"
        assert decides(perm, "edit", path) == meant, path
    assert not any(i.code.value == "tool-broadened" for i in done.report.items)


def test_written_back_for_claude_the_patterns_mean_what_they_meant():
    """OpenCode's ``*`` as a whole part between folders (``docs/*/*.md``, written after an allow of ``docs/*.md``;
    ``*/secrets``, written for a line without '/') is one folder or more: the .gitignore line ``docs/*/**/*.md``,
    ``*/**/secrets``, not ``*.md`` or ``*`` (which denied every file the agent was allowed)."""
    done = convert("tools: Read, Edit(docs/*.md)\ndisallowedTools: Read(secrets)\n")
    perm = yaml.safe_load(done.text.split("---\n")[1])["permission"]
    assert perm["edit"]["docs/*/*.md"] == "deny" and perm["read"]["*/secrets"] == "deny", perm
    # as a deny list (a command's allowed-tools cannot restrict: only its deny rules say something, and they hold a
    # scope; a subagent's disallowedTools entry takes the whole tool)
    text = "---\ndescription: x\npermission:\n" + "".join(
        f"  {k}:\n    \"*\": allow\n" + "".join(f"    {json.dumps(p)}: deny\n" for p, d in v.items() if d == "deny" and p != "*")
        for k, v in perm.items() if isinstance(v, dict)) + "---\nbody\n"
    back = agentconv.convert_text(text, "claude-command", from_="opencode", path=".opencode/agents/a.md",
                                  policy=agentconv.Policy(carry=False))
    head = yaml.safe_load(back.text.split("---\n")[1])
    denied = head["disallowed-tools"].split(", ")
    assert "Edit(docs/*/**/*.md)" in denied and "Read(*/**/secrets)" in denied and "Read(*)" not in denied
    lines = {t: [d[len(t) + 1:-1] for d in denied if d.startswith(t + "(")] for t in ("Read", "Edit")}
    for path, tool, meant in (("docs/x.md", "Edit", True), ("docs/a/b.md", "Edit", False), ("README", "Read", True),
                              ("secrets", "Read", False), ("app/secrets/k", "Read", False), ("src/x", "Read", True)):
        assert (not any(gitignore(path, line) for line in lines[tool])) == meant, path
