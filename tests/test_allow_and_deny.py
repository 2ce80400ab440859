"""An agent that both allows and denies a tool, or denies a scope of a tool it does not allow, in every dialect that can
say so, written into every dialect with a tool list: what the written file grants, read back by its own dialect, is
never more than the source's tool gives, and a scoped deny of a tool that is not granted refuses nothing.

Each row: the source dialect, its file, the tools its tool gives (as canonical ids) and the tools it does not (ids of
OpenCode's built-ins and the like; all checked in every target). Vendor facts:

- Claude Code: a subagent's tools are its list less its ``disallowedTools`` (2.1.330 ``runAgent``); a Claude key in a
  Gemini, Copilot or Kiro file is not that tool's own (Gemini CLI refuses the file, VS Code ignores the key), read as
  narrowing the file's list.
- Kiro: ``permissions`` capability rules resolve "deny > ask > allow" whatever their order, a rule without ``match``
  holding for every call (kiro.dev/docs/cli/v3/agent-config/ and /permissions/, read 2026-11-28); a scoped deny of a
  shell it lists has no place elsewhere than Kiro and stays refused (``test_a_kiro_scoped_deny_of_a_listed_shell_is_still_refused_beside_one_said``).
- OpenCode: ``tools`` switches, then ``permission`` entries, flattened in order; the LAST rule that matches a call
  wins (permission/evaluate.ts ``findLast``; a tool whose last rule is ``"*": deny`` is hidden, ``disabled``;
  opencode.ai/docs/permissions "the last matching rule wins"). opencode 1.18.33 ``debug agent`` on each OpenCode row,
  run offline 2026-11-28: ``webfetch: allow`` then ``"web*": deny`` hides webfetch; ``"web*": deny`` then ``webfetch:
  allow`` shows it; ``read: allow, webfetch: allow, "*": deny`` hides every tool; ``bash: {"git tag *": allow, "*":
  deny}`` hides bash; ``bash: {"rm *": deny}`` under ``"*": deny`` lets no command run.
"""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import BroadenError
from agentconv.ir import ALLOWLIST, INHERIT, NONE
from agentconv.tools import vocabulary

TARGETS = ["claude", "copilot", "opencode", "gemini", "kiro", "kiro-md", "roo"]
PATHS = {"claude": ".claude/agents/probe.md", "copilot": ".github/agents/probe.agent.md",
         "gemini": ".gemini/agents/probe.md", "opencode": ".opencode/agent/probe.md", "kiro-md": ".kiro/agents/probe.md"}


def _md(header: str) -> str:
    return "---\n" + header + "---\n\nDo it.\n"


def oc(permission: str) -> str:
    return _md("description: d\npermission:\n" + permission)


# (source, file text, granted somewhere: at least one target must still grant these, not granted anywhere)
ROWS = {
    # a tool listed and denied whole (class a)
    "copilot list, claude deny of a listed tool": (
        "copilot", _md("description: d\ntools: ['fetch', 'read']\ndisallowedTools: WebFetch\n"), {"read"}, {"webfetch"}),
    "gemini list, claude deny of a listed tool": (
        "gemini", _md("name: probe\ndescription: d\ntools: [read_file, web_fetch]\ndisallowedTools: WebFetch\n"),
        {"read"}, {"webfetch"}),
    "opencode allow, then a wildcard deny": (
        "opencode", oc('  "*": deny\n  read: allow\n  webfetch: allow\n  "web*": deny\n'), {"read"},
        {"webfetch", "websearch"}),
    "opencode legacy switch, then a wildcard deny": (
        "opencode", _md('description: d\ntools:\n  "*": false\n  read: true\n  webfetch: true\npermission:\n'
                        '  "web*": deny\n'), {"read"}, {"webfetch", "websearch"}),
    "opencode allows, then a catch-all deny": (
        "opencode", oc('  read: allow\n  webfetch: allow\n  "*": deny\n'), set(), {"read", "webfetch", "bash"}),
    "opencode scope allowed, then the whole tool denied": (
        "opencode", oc('  "*": deny\n  read: allow\n  bash:\n    "git tag *": allow\n    "*": deny\n'), {"read"},
        {"bash"}),
    # its mirror: a later allow stands (never narrowed silently)
    "opencode wildcard deny, then an allow": (
        "opencode", oc('  "*": deny\n  "web*": deny\n  read: allow\n  webfetch: allow\n'), {"read", "webfetch"},
        {"websearch"}),
    # a scoped deny of a tool not granted (class b): nothing to refuse, nothing granted
    "claude list, scoped deny of an unlisted tool": (
        "claude", _md("name: probe\ndescription: d\ntools: Read\ndisallowedTools: Bash(rm *)\n"), {"read"}, {"bash"}),
    "gemini list, scoped claude deny of an unlisted tool": (
        "gemini", _md("name: probe\ndescription: d\ntools: [read_file]\ndisallowedTools: Bash(rm *)\n"), {"read"},
        {"bash"}),
    "copilot list, scoped claude deny of an unlisted tool": (
        "copilot", _md("description: d\ntools: ['read/readFile']\ndisallowedTools: Bash(rm *)\n"), {"read"}, {"bash"}),
    "opencode scoped deny of a tool the catch-all denies": (
        "opencode", oc('  "*": deny\n  read: allow\n  bash:\n    "rm *": deny\n'), {"read"}, {"bash"}),
    # Kiro's capability rules ("deny > ask > allow"): a deny of the shell capability without `match` is no shell; one
    # beside no shell tool takes nothing (both were refused everywhere: "kiro-md's permissions deny shell")
    "kiro-md shell listed and denied whole": (
        "kiro-md", _md("description: d\ntools: [read, shell]\npermissions:\n  - capability: shell\n    effect: deny\n"),
        {"read"}, {"bash"}),
    "kiro-md scoped shell deny, no shell listed": (
        "kiro-md", _md("description: d\ntools: [read]\npermissions:\n  - capability: shell\n    effect: deny\n"
                       "    match: ['rm *']\n"), {"read"}, {"bash"}),
    # in a deny list, a scope denied of a tool denied whole
    "claude deny list, a scope of a tool denied whole": (
        "claude", _md("name: probe\ndescription: d\ndisallowedTools: Bash, Bash(rm *)\n"), {"read", "edit"}, {"bash"}),
    "opencode deny list, a scope of a tool denied whole": (
        "opencode", oc('  bash:\n    "*": deny\n    "rm *": deny\n'), {"read", "edit"}, {"bash"}),
}


def granted(text: str, dialect: str, path: str) -> set[str]:
    """The canonical ids the written file grants, as its own dialect reads it back."""
    doc, _ = agentconv.read_text(text, dialect, path=path)
    policy = doc.agent.tools
    if policy.mode == NONE:
        return set()
    if policy.mode == ALLOWLIST:
        return {g.canonical for g in policy.allowed() if g.canonical}
    if policy.mode == INHERIT:
        return set(vocabulary())
    return set(vocabulary()) - {g.canonical for g in policy.denied() if g.pattern is None}



@pytest.mark.parametrize("row, target", [(r, t) for r in ROWS for t in TARGETS])
def test_an_allowed_and_denied_tool_is_written_as_its_tool_runs_it(row, target):
    source, text, _, never = ROWS[row]
    out = agentconv.convert_text(text, target, from_=source, path=PATHS[source])  # never refused: nothing to widen
    if target == source == "kiro-md":  # Kiro applies its own capability rules, which its tool list does not show
        assert out.text == text
        return
    got = granted(out.text, target, out.path)
    assert not got & never, f"{target} grants {sorted(got & never)}"


@pytest.mark.parametrize("row", [r for r in ROWS if ROWS[r][2]])
def test_what_the_source_grants_is_still_granted(row):
    """The mirror: a tool the source's tool gives (a later allow, the rest of the list) is not read as denied."""
    source, text, kept, _ = ROWS[row]
    out = agentconv.convert_text(text, "claude", from_=source, path=PATHS[source])
    assert kept <= granted(out.text, "claude", out.path)


def test_a_replaced_opencode_rule_is_said():
    out = agentconv.convert_text(oc('  "*": deny\n  read: allow\n  webfetch: allow\n  "web*": deny\n'), "claude",
                                 from_="opencode", path=PATHS["opencode"])
    said = [i.message for i in out.report if i.code.value == "value-read-as"]
    assert said == ["permission 'webfetch: allow' read as nothing: a later rule for the whole tool replaces it "
                    "(OpenCode applies the last rule that matches a call)"]


def test_a_kiro_scoped_deny_of_a_listed_shell_is_still_refused_beside_one_said():
    """A scope of a shell it grants is no place for the tool policy elsewhere: refused, naming only that rule (the
    whole deny of the capability beside it is said by leaving the tool out)."""
    text = _md("description: d\ntools: [read, shell]\npermissions:\n  - capability: shell\n    effect: deny\n"
               "    match: ['rm *']\n  - capability: shell\n    effect: deny\n")
    out = agentconv.convert_text(text, "claude", from_="kiro-md", path=PATHS["kiro-md"])  # the whole deny: no shell
    assert "bash" not in granted(out.text, "claude", out.path)
    text = _md("description: d\ntools: [read, shell]\npermissions:\n  - capability: shell\n    effect: deny\n"
               "    match: ['rm *']\n  - capability: fs_write\n    effect: deny\n")
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(text, "claude", from_="kiro-md", path=PATHS["kiro-md"])
    assert "kiro-md's permissions deny shell ['rm *']; fs_write, which claude cannot say" in str(err.value)


def test_an_opencode_permission_key_that_is_no_tool_is_said_as_such():
    """A command pattern written where a tool name belongs (`"rm -rf *": deny`) matches no tool: OpenCode matches a
    permission key against tool names (permission/evaluate.ts), none of which holds a space. It denies nothing there,
    so it is said once as what it is (was "tool 'rm -rf *' has no roo name; not granted", and a refusal for Claude
    Code: "cannot deny 'rm -rf *' (... it matches MCP servers' tools)"), and nothing else is denied."""
    text = oc('  edit: deny\n  "rm -rf *": deny\n')
    for target in ("claude", "roo"):
        out = agentconv.convert_text(text, target, from_="opencode", path=PATHS["opencode"])
        said = [i.message for i in out.report if "rm -rf" in i.message]
        assert said == ["permission 'rm -rf *: deny' matches no tool (OpenCode matches a key against tool names, and "
                        "none holds a space or '/'): read as no rule, as OpenCode applies it to nothing (a command "
                        "pattern belongs under 'bash', a path under 'read' or 'edit')"]
        assert "bash" in granted(out.text, target, out.path)
    out = agentconv.convert_text(text, "opencode", from_="opencode", path=PATHS["opencode"])
    assert out.text == text


def test_a_roo_scope_a_target_cannot_hold_is_named_in_words():
    """A refusal names a Roo group entry as the group and its file regex (was its compact JSON,
    `["edit",{"fileRegex":"\\\\.md$","description":"Markdown only"}]`)."""
    text = ("customModes:\n  - slug: docs\n    name: Docs\n    roleDefinition: You write docs.\n    groups:\n"
            "      - read\n      - - edit\n        - fileRegex: \\.md$\n          description: Markdown only\n")
    said = {}
    for target in ("gemini", "codex"):
        with pytest.raises(BroadenError) as err:
            agentconv.convert_text(text, target, from_="roo", path=".roomodes")
        said[target] = str(err.value).splitlines()[0]
    assert said == {"gemini": ".roomodes: the allowlist cannot be written in gemini without dropping the scope of "
                              "edit (files matching \\.md$)",
                    "codex": ".roomodes: codex cannot scope edit (files matching \\.md$)"}


@pytest.mark.parametrize("target", TARGETS)
def test_a_tool_denied_within_an_allowed_server_stays_denied_or_is_refused(target):
    """An allowlist granting a server's every tool and denying one of them (``mcp__github__*`` beside
    ``mcp__github__delete_repo`` denied): a deny of a tool the list does not name takes nothing, so writers left
    allowlist denies out, and Copilot, OpenCode, Gemini and Kiro granted delete_repo silently. Now the deny is written
    where the target has one (OpenCode's last matching rule: after the wildcard), else the file is refused."""
    text = _md("name: probe\ndescription: d\ntools: Read, mcp__github__*\ndisallowedTools: mcp__github__delete_repo\n")
    if target in ("claude", "opencode"):
        out = agentconv.convert_text(text, target, from_="claude", path=PATHS["claude"])
        policy = agentconv.read_text(out.text, target, path=out.path)[0].agent.tools
        assert [(g.canonical, g.decision) for g in policy.grants if g.canonical.startswith("mcp:")] == [
            ("mcp:github/*", "allow"), ("mcp:github/delete_repo", "deny")]
        return
    if target == "roo":  # no per-mode MCP scope: the mode goes without the mcp group, delete_repo with it (narrower)
        out = agentconv.convert_text(text, target, from_="claude", path=PATHS["claude"])
        assert "mcp" not in out.text.split("groups:")[1]
        assert any(i.code.value == "tool-narrowed" and "mcp__github__*" in i.message for i in out.report)
        return
    with pytest.raises(BroadenError):
        agentconv.convert_text(text, target, from_="claude", path=PATHS["claude"])
    out = agentconv.convert_text(text, target, from_="claude", path=PATHS["claude"],
                                 policy=agentconv.Policy(allow_broaden=True))
    assert any(i.code.value == "tool-broadened" and "cannot deny tools" in i.message for i in out.report), target
