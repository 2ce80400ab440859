"""A Roo fileRegex of literal text, `.`, `.*`, a choice (`|`, groups, `?`) and end anchors, written for OpenCode, is
the wildcards that say it exactly: Roo tests `new RegExp(fileRegex).test(path)` (src/core/tools/validateToolUse.ts
doesFileMatchRegex, RooCodeInc/Roo-Code), unanchored; OpenCode 1.18.33's Wildcard.match tests the whole relative
path with `*` any text ('/' too) and `?` any one character (opencode.toml [paths]). Such a regex was written as its
own text taken as a glob (`docs/.*\\.md`, which names next to no file), said as narrowed. Back to Roo, the side
channel gives the regex as it was. Claude Code's gitignore globs cannot say "any path holding" (unchanged, narrowed)."""
import json

import pytest

import agentconv


def _mode(regex: str) -> str:
    return ("customModes:\n  - slug: tr\n    name: Tr\n    roleDefinition: Translate.\n    groups:\n      - read\n"
            f"      - - edit\n        - fileRegex: {json.dumps(regex)}\n")


def _codes(out) -> list[str]:
    return [i.code.value for i in out.report]


@pytest.mark.parametrize("regex, patterns", [
    ("docs/.*\\.md", ["*docs/*.md*"]),
    ("\\.roo/memory/.*", ["*.roo/memory/*"]),
    ("^src/.*\\.tsx?$", ["src/*.ts", "src/*.tsx"]),
    ("(docs|notes)/", ["*docs/*", "*notes/*"]),
    ("^docs/.\\.md$", ["docs/?.md"]),
])
def test_a_regex_opencodes_wildcards_say_is_written_as_them(regex, patterns):
    out = agentconv.convert_text(_mode(regex), "opencode", from_="roo", path=".roomodes")
    rules = "".join(f"    {json.dumps(p) if p.startswith('*') else p}: allow\n" for p in patterns)
    assert f"  edit:\n    \"*\": deny\n{rules}  task:" in out.text, out.text
    assert "tool-narrowed" not in _codes(out) and "tool-broadened" not in _codes(out)
    back = agentconv.convert_text(out.text, "roo", path=".opencode/agent/tr.md")
    assert f"fileRegex: {regex}\n" in back.text or f"fileRegex: {json.dumps(regex)}\n" in back.text, back.text


def test_a_forged_side_channel_is_not_taken_beside_claudes_globs():
    """The equivalence holds for OpenCode's wildcards only: beside Claude Code's Edit(*docs/*.md*) (a .gitignore
    line: `*` stays inside one folder) the same regex would be wider than the file, and is refused."""
    from agentconv import api

    carried = {"v": 1, "from": "roo", "fields": {"tools": {"mode": "allowlist", "grants": [
        {"raw": '["edit",{"fileRegex":"docs/.*\\\\.md"}]', "canonical": "edit", "decision": "allow",
         "pattern": "docs/.*\\.md"}]}}}
    claude = (f"---\nname: tr\ndescription: Tr\ntools: Edit(*docs/*.md*)\n# agentconv-carry: {json.dumps(carried)}\n"
              "---\n\nTranslate.\n")
    _, report = api.read_text(claude, "claude", path=".claude/agents/tr.md")
    assert "carry-refused" in [i.code.value for i in report]
    opencode = (f"---\ndescription: Tr\npermission:\n  \"*\": deny\n  edit:\n    \"*\": deny\n    \"*docs/*.md*\": allow\n"
                f"# agentconv-carry: {json.dumps(carried)}\n---\n\nTranslate.\n")
    _, report = api.read_text(opencode, "opencode", path=".opencode/agent/tr.md")
    assert "carry-refused" not in [i.code.value for i in report]  # (not restored: the file is not as written)
