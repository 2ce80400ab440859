"""Kiro's `deniedPaths` (`toolsSettings.fs_read` / `fs_write`) written as file scopes a target denies: OpenCode's
`read`/`edit` wildcard maps, Claude Code's `Read(...)`/`Edit(...)` lines. They were refused (exit 6) as a deny no target
holds. Kiro joins a relative entry onto the working folder and matches it with globset, whose `*` crosses '/', and
its `/**` twin (aws/amazon-q-developer-cli 15cc8f3c: fs_read.rs / fs_write.rs `eval_perm`, util/paths.rs
`canonicalizes_path`, `add_gitignore_globs`). Synthetic fixtures only."""
from __future__ import annotations

import json
import re

import pytest
import yaml

import agentconv
from agentconv.errors import BroadenError

PATH = ".kiro/agents/tester.json"


def agent(settings: dict, tools: list[str] | None = None) -> str:
    return json.dumps({"name": "tester", "description": "Runs the tests.", "prompt": "Run the tests.",
                       "tools": tools or ["fs_read", "fs_write"], "toolsSettings": settings}, indent=2) + "\n"


def kiro_denies(entry: str, path: str) -> bool:
    """An independent model of what Kiro denies: globset (no literal_separator) of /w/ENTRY and /w/ENTRY/**, `.` parts
    and a trailing '/' gone (Path components), against /w/PATH."""
    parts = [x for x in entry.split("/") if x not in ("", ".")]

    def rx(ps: list[str]) -> str:
        out, sep = "/w", "/"
        for i, x in enumerate(ps):
            if x == "**":
                out += "/.*" if i == len(ps) - 1 else "(?:/|/.*/)"
                sep = ""
                continue
            out += sep + "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in x)
            sep = "/"
        return out
    return any(re.fullmatch(rx(ps), "/w/" + path, re.S) for ps in (parts, [*parts, "**"]))


def wildcard(pattern: str, path: str) -> bool:
    """OpenCode's Wildcard.match (opencode.toml [paths]): `*` any text, '/' too, `?` one character, anchored."""
    return re.fullmatch("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern), path,
                        re.S) is not None


PATHS = ["x.env", "a/b/x.env", "x.env/y", "a.envx", "secrets", "secrets/k", "secrets/a/b", "a/secrets", "secretsx",
         ".git", ".git/config", ".git/a/b", "a/.git/c", "config/prod.json", "config/prod.json.bak", "src/a/b/c",
         "src/c", "src/a/c", "b/c", "docs/x.md", "docs/a/x.md", "x.md", "k"]


@pytest.mark.parametrize("entry, written", [
    ("**/*.env", ["*.env", "*.env/*"]),
    ("secrets/", ["secrets", "secrets/*"]),
    ("./secrets", ["secrets", "secrets/*"]),
    (".git/**", [".git/*"]),
    ("config/prod.json", ["config/prod.json", "config/prod.json/*"]),
    ("src/**/c", ["src/c", "src/*/c", "src/c/*", "src/*/c/*"]),
    ("docs/*.md", ["docs/*.md", "docs/*.md/*"]),
    ("?", ["?", "?/*"]),
    (".", ["*"]),  # the working folder (made absolute and resolved) and everything below it: every path there
    ("./", ["*"]),
])
def test_an_entry_is_the_wildcards_matching_just_what_kiro_denies(entry, written):
    from agentconv.dialects.kiro import path_wildcards

    assert path_wildcards(entry) == written
    for p in PATHS:
        assert kiro_denies(entry, p) == any(wildcard(w, p) for w in written), (entry, p)


@pytest.mark.parametrize("entry", ["/etc/passwd", "~/.ssh/**", "$HOME/x", "{a,b}.env", "[ab].env", "../x", "a/../b",
                                   "src**", "", "a\\*b", " secrets"])
def test_an_entry_not_surely_said_is_not_read(entry):
    from agentconv.dialects.kiro import path_wildcards

    assert path_wildcards(entry) is None


SETTINGS = {"fs_write": {"deniedPaths": ["**/*.env", "secrets/", ".git/**"]},
            "fs_read": {"deniedPaths": ["**/*.env", "config/prod.json"]}}


def test_opencode_denies_them_in_its_read_and_edit_maps():
    src = agent(SETTINGS)
    out = agentconv.convert_text(src, "opencode", path=PATH)
    perm = yaml.safe_load(out.text.split("---")[1])["permission"]
    assert perm["read"] == {"*": "allow", "*.env": "deny", "*.env/*": "deny", "config/prod.json": "deny",
                            "config/prod.json/*": "deny"}
    assert perm["edit"] == {"*": "ask", "*.env": "deny", "*.env/*": "deny", "secrets": "deny", "secrets/*": "deny",
                            ".git/*": "deny"}
    assert not any(i.code.value == "tool-broadened" for i in out.report)
    assert agentconv.convert_text(src, "kiro", path=PATH).text == src  # its own dialect: byte for byte


def test_claude_denies_them_as_lines_denying_at_least_that():
    """Claude Code's deny rules hold a file scope in a command's ``disallowed-tools`` (permission rules: the agent of
    every tool, ``"*"``, is a deny list there); a subagent's ``disallowedTools`` entry takes the whole tool, so there
    the tools are denied whole, said."""
    agent_out = agentconv.convert_text(agent(SETTINGS), "claude", path=PATH)  # its two tools denied whole: none left
    assert yaml.safe_load(agent_out.text.split("---")[1])["tools"] == ""
    assert any(i.code.value == "tool-narrowed" and "Edit(*.env)" in i.message and "denied as the whole Write, Edit, "
               "Read in claude" in i.message for i in agent_out.report)
    out = agentconv.convert_text(agent(SETTINGS, ["*"]), "claude-command", path=PATH)
    head = yaml.safe_load(out.text.split("---")[1])
    denied = [x.strip() for x in head["disallowed-tools"].split(",")]
    for line in ["Edit(*.env)", "Edit(secrets)", "Edit(.git/**/*)", "Read(*.env)", "Read(config/prod.json)"]:
        assert line in denied
    assert not any(x.endswith("/*)") and not x.endswith("**/*)") for x in denied)  # the twin: said by the line
    assert not any(i.code.value == "tool-broadened" for i in out.report)
    # `secrets` without '/' matches at any depth in Claude Code: more denied, said
    assert any(i.code.value == "tool-narrowed" and "Edit(secrets)" in i.message for i in out.report)


@pytest.mark.parametrize("target", ["opencode"])
def test_a_list_not_said_whole_is_still_refused_per_tool(target):
    """fs_read's `secrets/` is said; fs_write's list holds a home path too, so it is refused where a deny keeps its
    scope, though fs_read's scope of the same text is written (the read tool's deny does not say the write tool's). A
    Claude Code subagent, whose deny takes the whole tool anyway, denies Write and Edit (test_kiro_claude_narrower)."""
    src = agent({"fs_read": {"deniedPaths": ["secrets/"]}, "fs_write": {"deniedPaths": ["secrets/", "~/.ssh/**"]}})
    with pytest.raises(BroadenError, match=re.escape("toolsSettings deny fs_write deniedPaths secrets/, ~/.ssh/**")):
        agentconv.convert_text(src, target, path=PATH)


def test_claude_says_an_entry_at_any_depth_as_one_line_unnarrowed():
    """As a command's deny rules (a subagent's ``disallowedTools`` holds no scope)."""
    out = agentconv.convert_text(agent({"fs_write": {"deniedPaths": ["**/Cargo.lock", "**/target/**"]}}, ["*"]),
                                 "claude-command", path=PATH)
    denied = [x.strip() for x in yaml.safe_load(out.text.split("---")[1])["disallowed-tools"].split(",")]
    assert [x for x in denied if x.startswith("Edit(")] == ["Edit(Cargo.lock)", "Edit(target/**/*)",
                                                             "Edit(*/**/target/**)"]
    assert not any(i.code.value in ("tool-narrowed", "tool-broadened") for i in out.report)


@pytest.mark.parametrize("target", ["claude", "opencode"])
def test_the_working_folder_denied_is_every_write_there(target):
    """``deniedPaths: ["."]`` is the working folder and, with its ``/**`` twin, every path in it (Kiro joins it onto
    the working folder and resolves it: util/paths.rs ``canonicalizes_path``): every write denied, as ``**/*`` is.
    It was refused (exit 6) as a deny no target holds."""
    out = agentconv.convert_text(agent({"fs_write": {"deniedPaths": ["."]}}), target, path=PATH)
    same = agentconv.convert_text(agent({"fs_write": {"deniedPaths": ["**/*"]}}), target, path=PATH)
    assert out.text.split("# agentconv-carry")[0] == same.text.split("# agentconv-carry")[0]
    if target == "opencode":
        assert yaml.safe_load(out.text.split("---")[1])["permission"]["edit"] == {"*": "deny"}
