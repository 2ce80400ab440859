"""OpenCode takes ``webfetch``, ``websearch``, ``todowrite``, ``question`` and ``doom_loop`` only as one action: its
permission schema gives them the PermissionActionConfig literal, never a map of patterns (opencode-ai 1.18.33, read in
its binary; a map fails the whole file: "Expected PermissionActionConfig | undefined, got {...}
permission.webfetch"). A Claude Code ``WebFetch(domain:x)`` or ``WebSearch(q)`` scope was written as such a map, a file
OpenCode rejects. Now the map's strictest action (deny over ask over allow), said (tool-narrowed) where its actions
differ. Synthetic fixtures only."""
from __future__ import annotations

import pytest
import yaml

import agentconv
from casesupport import claude_beneath


def convert(header: str) -> agentconv.Result:
    """The header's ``disallowedTools`` entries as its project's settings' deny rules, which hold a scope (an agent's
    own entry takes the whole tool: ``casesupport.claude_beneath``)."""
    text = f"---\nname: a\ndescription: x\n{header}---\nbody\n"
    return claude_beneath(text, "opencode", policy=agentconv.Policy(carry=False))


def perm(done: agentconv.Result) -> dict:
    return yaml.safe_load(done.text.split("---\n")[1])["permission"]


@pytest.mark.parametrize("header, written", [
    ("tools: Read, WebFetch, WebSearch\ndisallowedTools: WebFetch(domain:evil.com), WebSearch(secret)\n",
     {"webfetch": "deny", "websearch": "deny"}),
    ("tools: Read, WebFetch(domain:docs.example.com)\n", {"webfetch": "deny"}),  # only one host allowed: none there
    ("tools: Read, WebFetch\ndisallowedTools: WebFetch(domain:*)\n", {"webfetch": "deny"}),
])
def test_a_scoped_web_rule_is_one_action_the_strictest(header, written):
    done = convert(header)
    got = perm(done)
    for key, action in written.items():
        assert got[key] == action, got
    assert not any(isinstance(v, dict) for k, v in got.items() if k in ("webfetch", "websearch")), got
    said = [i.message for i in done.report.items if i.code.value == "tool-narrowed"]
    assert any("written as one action, the strictest, for opencode" in m for m in said), said


def test_a_whole_tool_stays_as_it_was():
    got = perm(convert("tools: Read, WebFetch, WebSearch\n"))
    assert got["webfetch"] == "allow" and got["websearch"] == "allow"
