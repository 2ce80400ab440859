"""A deny Kiro reads from a tool's ``toolsSettings`` (``deniedPaths``, ``deniedCommands``, ``denyByDefault``) holds the
entry as its grant's raw, which is no tool's name: a message naming it says the setting (``write deniedPaths
'**/dist/**'``), where it named the entry with the scope read from it as if it were a rule (``**/dist/**(*/dist/*)``,
``execute/runInTerminal(denyByDefault)``). Every dialect's scoped grants are named through its ``spoken_scope``; a
raw that is a rule or a tool keeps its spelling. Synthetic fixtures only."""
from __future__ import annotations

import json

import pytest

import agentconv
from agentconv.errors import BroadenError

KIRO = ".kiro/agents/b.json"


def kiro(tools: list[str], settings: dict) -> str:
    return json.dumps({"name": "b", "description": "Builds.", "prompt": "Build.", "tools": tools,
                       "toolsSettings": settings})


def test_a_codex_refusal_names_kiro_settings_as_settings():
    source = kiro(["read", "write", "shell"], {"write": {"deniedPaths": ["**/dist/**"]},
                                                "shell": {"deniedCommands": ["rm -rf .*"]}})
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(source, "codex", path=KIRO)
    assert str(err.value) == f"{KIRO}: codex cannot deny shell deniedCommands 'rm -rf .*', write deniedPaths " \
        "'**/dist/**' within the tools it grants (a sandbox mode cannot deny one file or one command)"
    # a raw that is a tool's name keeps the tool with its scope (OpenCode), one that is a rule its rule (Claude Code)
    opencode = "---\ndescription: d\nmode: subagent\npermission:\n  '*': deny\n  read: allow\n  bash:\n    '*': allow\n" \
        "    'rm *': deny\n---\nx\n"
    with pytest.raises(BroadenError, match=r"codex cannot deny bash\(rm \*\) within"):
        agentconv.convert_text(opencode, "codex", path=".opencode/agent/b.md")


@pytest.mark.parametrize("target", ["claude", "copilot"])
def test_a_deny_by_default_denied_whole_is_named_as_the_setting(target):
    source = kiro(["read", "shell"], {"shell": {"denyByDefault": True, "allowedCommands": ["git status"]}})
    out = agentconv.convert_text(source, target, path=KIRO)
    said = [i.message for i in out.report if i.code.value == "tool-narrowed" and "denied as the whole" in i.message]
    assert said and said[0].startswith("shell denyByDefault denied as the whole ")
    assert "(denyByDefault)" not in said[0]
