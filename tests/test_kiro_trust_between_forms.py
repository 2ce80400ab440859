"""A Kiro agent's trusted tools between its two forms, JSON (`kiro`) and Markdown (`kiro-md`).

"JSON format is equivalent" (kiro.dev/docs/cli/v3/agent-config/); the Markdown form reads the JSON form's keys and
tool names, `allowedTools` among them (kiro-md.toml [trust]). A JSON agent's `allowedTools` was written nowhere in
Markdown ("no place", though the key is the Markdown form's too), so its trusted tools asked there; a kiro-md agent's
trust (an `allowedTools` entry, a `permissions` shell allow rule) was lost the same way in JSON. And kiro-md's
`permissions` was said to have "no place" even where the tool policy written said every rule of it.
"""
from __future__ import annotations

import json

import agentconv
from agentconv.envelopes import frontmatter

JSON_AGENT = {"name": "rev", "description": "Reviews", "prompt": "Review.",
              "tools": ["fs_read", "fs_write", "execute_bash", "@git"], "allowedTools": ["fs_read", "execute_bash",
                                                                                           "@git/status"]}


def _codes(result, code):
    return [i.message for i in result.report if i.code.value == code]


def test_json_trust_written_in_markdown_and_read_back_the_same():
    text = json.dumps(JSON_AGENT, indent=2) + "\n"
    md = agentconv.convert_text(text, "kiro-md", from_="kiro", path=".kiro/agents/rev.json")
    data = frontmatter.parse(md.text).data
    assert data["allowedTools"] == ["fs_read", "execute_bash", "@git/status"]  # as the JSON form wrote it
    assert not [m for m in _codes(md, "extension-dropped") if "allowedTools" in m]
    before = agentconv.read_text(text, "kiro", path=".kiro/agents/rev.json")[0].agent.tools
    after = agentconv.read_text(md.text, "kiro-md", path=".kiro/agents/rev.md")[0].agent.tools
    decided = lambda p: {(g.canonical, g.decision) for g in p.grants if g.canonical != "read"}
    assert decided(after) == decided(before) == {("bash", "allow"), ("write", "ask"), ("edit", "ask"),
                                                 ("mcp:git/*", "ask"), ("mcp:git/status", "allow")}


def test_markdown_permissions_trust_written_in_json():
    md = ("---\nname: r\ndescription: Perm agent\ntools: [read, write, shell]\npermissions:\n"
          "  - capability: shell\n    effect: allow\n---\nDo.\n")
    out = agentconv.convert_text(md, "kiro", from_="kiro-md", path=".kiro/agents/r.md")
    data = json.loads(out.text)
    assert "shell" in data["allowedTools"] and "write" not in data["allowedTools"]
    # every rule said by the tool policy: no "no place" for permissions
    assert not [m for m in _codes(out, "extension-dropped") + _codes(out, "field-dropped") if "permissions" in m]


def test_permissions_loss_names_only_the_rules_not_said():
    md = ("---\nname: p\ndescription: Perm agent\ntools: [read, shell]\npermissions:\n"
          "  - capability: shell\n    effect: deny\n    match: ['rm *']\n  - capability: shell\n    effect: allow\n"
          "---\nDo.\n")
    out = agentconv.convert_text(md, "claude", from_="kiro-md", path=".kiro/agents/p.md",
                                 policy=agentconv.Policy(allow_broaden=True))
    said = [m for m in _codes(out, "field-dropped") + _codes(out, "extension-dropped") if "permissions" in m]
    assert said == ["kiro-md's permissions rule shell ['rm *'] not written: claude has no place for it "
                    "(not carried: an access setting)"]
    deny_only = md.replace("  - capability: shell\n    effect: deny\n    match: ['rm *']\n",
                           "  - capability: shell\n    effect: deny\n")
    out = agentconv.convert_text(deny_only, "claude", from_="kiro-md", path=".kiro/agents/p.md")
    assert not [m for m in _codes(out, "field-dropped") + _codes(out, "extension-dropped") if "permissions" in m]
