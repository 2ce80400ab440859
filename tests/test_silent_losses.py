"""Losses that were silent, or files written where their tool does not read them (helper silent, 2026-11-28).

Each test is a small synthetic file reproducing one class; each fails on the code before its fix.
"""
from __future__ import annotations

from ruamel.yaml import YAML

import agentconv

from yamlcheck import header


def _said(out, code: str) -> list[str]:
    return [i.message for i in out.report if i.code.value == code]


# Roo Code has no tool that reaches the network: its tool groups are read, edit, command, mcp, modes, and `browser` is
# a deprecated group its schema strips (@roo-code/types packages/types/src/tool.ts toolGroups, deprecatedToolGroups;
# src/shared/tools.ts TOOL_GROUPS; RooCodeInc/Roo-Code cb836567, read 2026-11-28). An agent with every tool (no tool
# list) written as every Roo group lost its web fetch and search with only an info item ("every tool written as every
# Roo group"): said now, a warning naming them; the way back still gives every tool.
def test_every_tool_written_for_roo_says_the_web_tools_roo_has_not():
    for src, path, text in (
            ("claude", ".claude/agents/helper.md", "---\nname: helper\ndescription: Helps.\n---\nHelp.\n"),
            ("gemini", ".gemini/agents/helper.md", "---\nname: helper\ndescription: Helps.\n---\nHelp.\n")):
        out = agentconv.convert_text(text, "roo", from_=src, path=path)
        assert YAML(typ="safe").load(out.text)["customModes"][0]["groups"] == ["read", "edit", "command", "mcp"]
        said = _said(out, "tool-narrowed")
        assert len(said) == 1 and "webfetch, websearch" in said[0] and "network" in said[0], (src, said)
        assert not any(i.severity.value == "warning" and i is not None and "mcp-resources" in i.message
                       for i in out.report)  # Roo's mcp group reads MCP resources (access_mcp_resource)
        back = agentconv.convert_text(out.text, src, from_="roo", path=".roomodes")
        assert "tools" not in header(back.text)  # every tool again


def test_a_deny_list_written_for_roo_says_the_web_tools_it_forbids():
    text = "---\ndescription: d\npermission:\n  bash: deny\n---\nDo it.\n"
    out = agentconv.convert_text(text, "roo", from_="opencode", path=".opencode/agent/probe.md")
    assert any("webfetch, websearch" in m for m in _said(out, "tool-narrowed"))
    denied = "---\ndescription: d\npermission:\n  webfetch: deny\n  websearch: deny\n---\nDo it.\n"
    out = agentconv.convert_text(denied, "roo", from_="opencode", path=".opencode/agent/probe.md")
    assert not any("webfetch" in m for m in _said(out, "tool-narrowed"))  # denied already: nothing more forbidden


# OpenCode's permission keys are wildcards over tool names (util/wildcard.ts: `*` any characters but '/', matched
# against each tool's permission, permission/evaluate.ts) and its MCP tools are named `<server>_<tool>` (mcp/index.ts;
# anomalyco/opencode, read 2026-11-28). A denied key no table knew (`"web*": false`, `"context7*": false`) was dropped
# as "not granted": Claude Code, Cursor and Codex, which allow what a deny list does not name, then gave the agent
# WebFetch/WebSearch or server context7's tools. Now a wildcard is read as each OpenCode tool it matches, and the rest
# of it (MCP tools) is refused where the target would grant it; where the target writes an allowlist, it is granted
# nothing anyway.
OC = ".opencode/agent/probe.md"


def _oc(tools: str) -> str:
    return f"---\ndescription: d\nmode: subagent\ntools:\n{tools}---\nDo it.\n"


def test_an_opencode_wildcard_deny_is_read_as_the_tools_it_matches():
    import pytest

    from agentconv.errors import BroadenError

    text = _oc('  "web*": false\n')
    doc, _ = agentconv.read_text(text, "opencode", path=OC)
    assert {g.canonical for g in doc.records[0].tools.denied()} >= {"webfetch", "websearch"}
    gemini = header(agentconv.convert_text(text, "gemini", from_="opencode", path=OC).text)["tools"]
    assert "web_fetch" not in gemini and "google_web_search" not in gemini and "read_file" in gemini
    out = agentconv.convert_text(text, "claude", from_="opencode", path=OC, policy=agentconv.Policy(allow_broaden=True))
    assert {"WebFetch", "WebSearch"} <= set(header(out.text)["disallowedTools"].split(", "))
    for target in ("claude", "cursor", "codex"):  # they allow the MCP tools `web*` also denies
        with pytest.raises(BroadenError):
            agentconv.convert_text(text, target, from_="opencode", path=OC)
    assert agentconv.convert_text(text, "opencode", from_="opencode", path=OC).text == text
    allowed = _oc('  "*": false\n  read: true\n  "web*": true\n')  # an allow is never widened to what it may match
    assert "WebFetch" not in agentconv.convert_text(allowed, "claude", from_="opencode", path=OC).text


def test_an_opencode_deny_of_an_unknown_wildcard_is_refused_where_the_target_would_grant_it():
    import pytest

    from agentconv.errors import BroadenError

    text = _oc('  "context7*": false\n')
    for target in ("claude", "cursor", "codex"):
        with pytest.raises(BroadenError) as err:
            agentconv.convert_text(text, target, from_="opencode", path=OC)
        assert "context7*" in str(err.value), target
    out = agentconv.convert_text(text, "gemini", from_="opencode", path=OC)  # an allowlist of built-in tools
    assert not any(t.startswith("mcp_") or "*" in t for t in header(out.text)["tools"])
    perm = "---\ndescription: d\npermission:\n  somemcp_*: deny\n---\nDo it.\n"  # a server's tools, and those of
    out = agentconv.convert_text(perm, "claude", from_="opencode", path=OC,  # every server named somemcp_... (widen8)
                                 policy=agentconv.Policy(allow_broaden=True))
    assert header(out.text)["disallowedTools"] == "mcp__somemcp__*"
    plain = _oc("  myplugin: false\n")  # a plugin's tool: no other tool has it, nothing to refuse
    assert agentconv.convert_text(plain, "claude", from_="opencode", path=OC).text


# Codex reads only `description` and `argument-hint` from a custom prompt's header (codex-rs/core/src/custom_prompts.rs
# parse_frontmatter, openai/codex, read 2026-11-28): an `allowed-tools` left in one (a Claude Code command copied into
# .codex/prompts) does nothing there, the prompt runs with the session's tools and asks as the session does. It became
# a Claude Code command's (or a skill's) `allowed-tools`, which pre-approves those tools (run without asking): access
# Codex never gave. Now not written, said (field-dropped).
def test_a_codex_prompts_ignored_allowed_tools_is_no_pre_approval():
    text = "---\ndescription: Review it\nallowed-tools: Bash(git diff:*), Read\n---\nReview $ARGUMENTS.\n"
    for target in ("claude-command", "skill"):
        out = agentconv.convert_text(text, target, from_="codex-prompt", path=".codex/prompts/rev.md")
        assert "allowed-tools" not in header(out.text), target
        assert any("pre-approvals" in m and "codex-prompt does not apply it" in m for m in _said(out, "field-dropped"))
    same = agentconv.convert_text(text, "codex-prompt", from_="codex-prompt", path=".codex/prompts/rev.md")
    assert same.text == text  # its own dialect: as it came
    claude = "---\ndescription: Review it\nallowed-tools: Bash(git diff:*), Read\n---\nReview $ARGUMENTS.\n"
    out = agentconv.convert_text(claude, "skill", from_="claude-command", path=".claude/commands/rev.md")
    assert "allowed-tools" in header(out.text)  # a Claude Code command's own pre-approval stays one


# Kilo CLI 7 reads a project's modes from `.kilocodemodes` only and skips the slugs code, build, architect, ask, debug,
# orchestrator (Kilo-Org/kilocode packages/opencode/src/kilocode/modes-migrator.ts, read 2026-11-28). `--to kilo` (an
# alias of roo) wrote `.roomodes`, which Kilo never reads, and said nothing of a mode named `build`.
def test_to_kilo_writes_the_modes_file_kilo_reads(tmp_path):
    import subprocess
    import sys

    src = tmp_path / ".claude" / "agents"
    src.mkdir(parents=True)
    (src / "helper.md").write_text("---\nname: helper\ndescription: Helps.\n---\nHelp.\n")  # every tool: Kilo's web
    (src / "build.md").write_text("---\nname: build\ndescription: Builds.\n---\nBuild.\n")  # tools widen nothing
    for alias in ("kilo", "kilocode", "kilo-code"):
        out = tmp_path / alias
        run = subprocess.run([sys.executable, "-m", "agentconv", "convert", str(src), "--to", alias, "-o", str(out),
                              "-v"], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert (out / ".kilocodemodes").is_file() and not (out / ".roomodes").exists(), alias
        assert "'build'" in run.stderr and "Kilo CLI loads no mode of that slug" in run.stderr
        modes = YAML(typ="safe").load((out / ".kilocodemodes").read_text())["customModes"]
        assert sorted(m["slug"] for m in modes) == ["build", "helper"]
    roo = tmp_path / "roo"
    run = subprocess.run([sys.executable, "-m", "agentconv", "convert", str(src), "--to", "roo", "-o", str(roo), "-v"],
                         capture_output=True, text=True)
    assert (roo / ".roomodes").is_file() and "'build'" not in run.stderr  # Roo has no mode of that slug
    repo = tmp_path / "repo"
    (repo / ".claude" / "agents").mkdir(parents=True)
    (repo / ".claude" / "agents" / "helper.md").write_text((src / "helper.md").read_text())
    run = subprocess.run([sys.executable, "-m", "agentconv", "migrate", str(repo), "--to", "kilo"], capture_output=True,
                         text=True)
    assert run.returncode == 0 and (repo / ".kilocodemodes").is_file() and not (repo / ".roomodes").exists()


# Kilo gives every mode it migrates its web tools: convertPermissions sets only read, edit, bash and mcp, the rest keep
# Kilo's "*": allow (modes-migrator.ts; @kilocode/cli 7.7.9 `kilo debug agent` of a `groups: [read]` mode: webfetch,
# websearch on, run 2026-11-28). A mode written for Kilo from an agent without web access would have it there.
def test_a_mode_written_for_kilo_does_not_gain_the_web_silently():
    import pytest

    from agentconv.errors import BroadenError

    reader = "---\nname: reader\ndescription: Reads.\ntools: Read, Grep\n---\nRead.\n"
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(reader, "kilo", from_="claude", path=".claude/agents/reader.md")
    assert "webfetch" in str(err.value)
    assert agentconv.convert_text(reader, "roo", from_="claude", path=".claude/agents/reader.md").text  # Roo: no web
    out = agentconv.convert_text(reader, "kilo", from_="claude", path=".claude/agents/reader.md",
                                 policy=agentconv.Policy(allow_broaden=True))
    assert any("webfetch" in m for m in _said(out, "tool-broadened"))
    every = "---\nname: helper\ndescription: Helps.\n---\nHelp.\n"  # every tool: Kilo keeps its web tools, nothing lost
    out = agentconv.convert_text(every, "kilo", from_="claude", path=".claude/agents/helper.md")
    assert not _said(out, "tool-narrowed")
    web = "---\nname: web\ndescription: Reads the web.\ntools: Read, WebFetch, WebSearch\n---\nRead.\n"  # granted there
    out = agentconv.convert_text(web, "kilo", from_="claude", path=".claude/agents/web.md")
    assert not any("WebFetch" in m for m in _said(out, "tool-unmapped"))
    assert any("WebFetch" in m for m in _said(agentconv.convert_text(web, "roo", from_="claude",
                                                                     path=".claude/agents/web.md"), "tool-unmapped"))
    denied = "---\ndescription: d\npermission:\n  webfetch: deny\n---\nDo it.\n"
    with pytest.raises(BroadenError):
        agentconv.convert_text(denied, "kilo", from_="opencode", path=".opencode/agent/probe.md")
