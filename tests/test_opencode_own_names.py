"""A wildcard written for MCP tools in an OpenCode permission map (``"*_*"``: every server's tools) also matches
OpenCode's own permissions whose names hold an underscore (external_directory, doom_loop, plan_enter, plan_exit; Kilo's
cron_create): OpenCode applies the last rule that matches (permission/evaluate.ts ``findLast``), so each is given back
what the other keys decide, after the wildcard."""
import re

import yaml

import agentconv


def permission(source: str, target: str = "opencode", from_: str = "claude") -> dict:
    path = {"claude": ".claude/agents/a.md", "gemini": ".gemini/agents/a.md"}[from_]
    text = agentconv.convert_text(source, target, from_=from_, path=path, policy=agentconv.Policy(carry=False)).text
    return yaml.safe_load(text.split("---\n")[1])["permission"]


EVERY_MCP = "---\nname: a\ndescription: x\ntools:\n  - read_file\n  - mcp_*\n---\nbody\n"  # Gemini CLI: every MCP tool


def decides(perm: dict, name: str) -> str:
    """OpenCode's evaluate(): the last key whose wildcard matches ``name`` (``*`` any text)."""
    hits = [v for k, v in perm.items()
            if re.fullmatch("".join(".*" if c == "*" else re.escape(c) for c in k), name)]
    return hits[-1] if hits else "default"


def test_every_mcp_tool_allowed_grants_no_own_permission():
    perm = permission(EVERY_MCP, from_="gemini")  # (Claude Code's `tools: mcp__*` allows no tool)
    assert list(perm.items()) == [("*", "deny"), ("read", "allow"), ("*_*", "allow"), ("external_directory", "deny"),
                                  ("doom_loop", "deny"), ("plan_exit", "deny"), ("plan_enter", "deny")]
    assert decides(perm, "github_create_issue") == "allow"
    for own in ("external_directory", "doom_loop", "plan_exit", "plan_enter", "bash"):
        assert decides(perm, own) == "deny", own


def test_every_mcp_tool_denied_keeps_the_guards_asking():
    perm = permission("---\nname: a\ndescription: x\ndisallowedTools: mcp__*\n---\nbody\n")
    assert list(perm.items()) == [("*_*", "deny"), ("external_directory", "ask"), ("doom_loop", "ask")]


def test_kilo_gets_its_own_tools_back_too():
    perm = permission(EVERY_MCP, "kilo-agents", from_="gemini")
    assert perm["cron_create"] == "deny" and decides(perm, "cron_create") == "deny"
    assert "cron_create" not in permission(EVERY_MCP, from_="gemini")


def test_plan_enter_is_opencodes_own_tool_not_an_mcp_tool():
    text = "---\ndescription: x\nmode: subagent\npermission:\n  \"*\": deny\n  read: allow\n  plan_enter: allow\n---\nbody\n"
    out = agentconv.convert_text(text, "claude", from_="opencode", path=".opencode/agents/a.md").text
    assert "mcp__plan" not in out and "tools: Read\n" in out
