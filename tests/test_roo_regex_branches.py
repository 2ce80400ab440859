"""A Roo fileRegex no glob says, that is a choice of texts (`|`, groups, `?`, `+`), is written for Claude Code and
OpenCode as one path pattern per text the regex finds (each narrower: the glob of a text names only paths holding it,
which the unanchored regex takes), the branches that are no one text left out, all said; a regex no text stands for,
or whose text would start at a root (`/docs`: Claude Code reads it from the project's root), is refused as before.
Roo tests `new RegExp(fileRegex).test(path)` (src/core/tools/validateToolUse.ts doesFileMatchRegex, RooCodeInc/Roo-Code
cb836567)."""
import json

import pytest

import agentconv
from agentconv.errors import BroadenError


def _mode(regex: str) -> str:
    return ("customModes:\n  - slug: tr\n    name: Tr\n    roleDefinition: Translate.\n    groups:\n      - read\n"
            f"      - - edit\n        - fileRegex: {json.dumps(regex)}\n")


def _narrowed(out):
    return [i.message for i in out.report if i.code.value == "tool-narrowed"]


I18N = r"(src/i18n/locales/|src/package\.nls(\.\w+(-\w+)?)?\.json)"


def test_a_choice_of_texts_is_refused_for_claude_and_written_as_one_pattern_each_for_opencode():
    with pytest.raises(BroadenError, match="as the whole tool"):  # a Claude Code subagent's Edit(x) is all of Edit
        agentconv.convert_text(_mode(I18N), "claude", from_="roo", path=".roomodes")  # (test_claude_allow_scopes.py)
    out = agentconv.convert_text(_mode(I18N), "opencode", from_="roo", path=".roomodes")
    assert "    src/i18n/locales/: allow\n    src/package.nls.json: allow\n" in out.text and "\\w" not in out.text
    assert _narrowed(out) == [
        f"edit (files matching {I18N}) written as opencode path patterns src/i18n/locales/, src/package.nls.json (each a "
        "text the regular expression finds, as a glob: it names fewer paths than the regular expression, which takes "
        "any path holding it), which also forbids the files of its branches src/package\\.nls\\.\\w+\\.json, "
        "src/package\\.nls\\.\\w+-\\w+\\.json, left out, and the other paths holding those texts"]


def test_and_for_opencode_where_its_wildcards_cannot_say_it():
    out = agentconv.convert_text(_mode("src/(a|b\\w)\\.md"), "opencode", from_="roo", path=".roomodes")
    assert "  edit:\n    \"*\": deny\n    src/a.md: allow\n  task:" in out.text, out.text
    assert len(_narrowed(out)) == 1


@pytest.mark.parametrize("regex, texts", [
    ("docs|src", ["docs", "src"]),
    ("(/docs|src)", ["src"]),  # a text from the root is left out
    ("ab+c", ["abc"]),  # `+`: its fewest, one
    ("a(b)?c", ["ac", "abc"]),
    ("(a|)", ["a"]),  # the empty branch takes every path: left out, never written as no scope
    ("lib/?.js", ["lib.js", "lib/.js"]),  # for Roo: lib, a slash or none, any character, js
    ("(docs|src/.*)", ["docs"]),  # a `*`: no one text, left out
])
def test_each_text_the_regex_finds(regex, texts):
    from agentconv import api, registry

    doc, _ = api.read_text(_mode(regex), "roo", path=".roomodes")
    grant = next(g for g in doc.agent.tools.grants if g.canonical == "edit")
    got = registry.get("roo").regex_branches(grant)
    assert got is not None and got[0] == texts, got


def test_no_text_or_one_from_a_root_is_refused():
    """(`/docs`, `./docs` were written as Claude Code's Edit(/docs), Edit(./docs), which take docs/a.md from the
    project's root or the working folder: the regex wants a character before `/docs`, so Roo does not.)"""
    for regex in ("/docs", "./docs", "a(?=b)", "\\w+\\.md", "(a|b){2}", "src/*.ts"):
        for target in ("claude", "opencode"):
            if target == "opencode" and regex in ("/docs", "./docs"):
                continue  # OpenCode's wildcards say them exactly (test_roo_regex_wildcards.py)
            with pytest.raises(BroadenError):
                agentconv.convert_text(_mode(regex), target, from_="roo", path=".roomodes")


def test_a_literal_or_anchored_regex_is_refused_for_claude():
    """(It was written as a Claude path pattern, said narrower: a Claude Code subagent's Edit(docs) is all of Edit.)"""
    for regex in ("docs", "^docs/"):
        with pytest.raises(BroadenError, match="as the whole tool"):
            agentconv.convert_text(_mode(regex), "claude", from_="roo", path=".roomodes")
