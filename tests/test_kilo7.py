"""Kilo Code 7 (Kilo-Org/kilocode, the VS Code extension and @kilocode/cli, OpenCode underneath): its own agents are
OpenCode-format markdown in .kilo/ or .kilocode/ {agent,agents}/ (never .opencode/), and .kilocodemodes is a legacy
fallback its ModesMigrator turns into agents. Sources: packages/opencode/src/config/paths.ts directories(),
config/agent.ts load(), kilocode/modes-migrator.ts convertPermissions, util/wildcard.ts; @kilocode/cli 7.7.9
`kilo debug config` / `kilo debug agent` run offline on synthetic files (2026-11-28)."""
from __future__ import annotations

import pytest

import agentconv
from agentconv import registry
from agentconv.errors import BroadenError

from yamlcheck import header

CLAUDE_LIKE = "---\nname: helper\ndescription: Helps.\n---\nHelp.\n"  # Kilo reads it as OpenCode's agent: every tool


def _said(out, code: str) -> list[str]:
    return [i.message for i in out.report if i.code.value == code]


# Kilo loads these (debug config); with a Claude-like header they were read as Claude Code agents.
@pytest.mark.parametrize("path", [".kilo/agents/helper.md", ".kilo/agent/helper.md", ".kilocode/agents/helper.md",
                                  ".kilocode/agent/team/helper.md", ".config/kilo/agents/helper.md"])
def test_kilo_agent_folders_are_read_as_opencode(path):
    assert agentconv.detect_text(CLAUDE_LIKE, path=path).dialect == "opencode"


# `--to kilo-agents`: OpenCode's agent written where Kilo reads it; @kilocode/cli 7.7.9 `kilo debug agent` on this very
# output: tools bash only (with "*": deny Kilo's own extra tools are off too).
@pytest.mark.parametrize("alias", ["kilo-agents", "kilo-agent"])
def test_to_kilo_agents_writes_kilo_folder(tmp_path, alias):
    assert registry.name_of(alias) == "kilo-agents"
    src = tmp_path / ".claude" / "agents"
    src.mkdir(parents=True)
    (src / "runner.md").write_text("---\nname: runner\ndescription: Runs.\ntools: Bash\n---\nRun.\n")
    out = tmp_path / "out"
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "agentconv", "convert", str(src), "--to", alias, "-o", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    written = out / ".kilo" / "agents" / "runner.md"
    assert written.is_file() and not (out / ".opencode").exists()
    assert header(written.read_text())["permission"] == {"*": "deny", "bash": "allow"}


def test_a_kilo_agent_of_a_native_name_is_said():
    code = "---\nname: code\ndescription: Codes.\ntools: Read\n---\nCode.\n"
    out = agentconv.convert_text(code, "kilo-agents", from_="claude", path=".claude/agents/code.md")
    assert any("Kilo merges it into its own agent" in m for m in _said(out, "name-conflict"))
    assert not _said(agentconv.convert_text(code, "opencode", from_="claude", path=".claude/agents/code.md"),
                     "name-conflict")  # OpenCode has no agent `code`


# What Kilo's modes migration grants beyond Roo's meaning of the groups (convertPermissions): grep and glob stay on
# without `read`; `browser` is bash. Each is a widening for `--to kilo`, said (refused without --allow-broaden).
@pytest.mark.parametrize("src,from_,path,gained", [
    ("---\nname: w\ndescription: Writes.\ntools: Write, WebFetch, WebSearch\n---\nW.\n", "claude",
     ".claude/agents/w.md", ["glob", "grep"]),
    ("---\nname: e\ndescription: Edits.\ntools: Edit, WebFetch, WebSearch\n---\nE.\n", "claude",
     ".claude/agents/e.md", ["glob", "grep"]),
])
def test_kilo_mode_migration_widening_is_said(src, from_, path, gained):
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(src, "kilo", from_=from_, path=path)
    assert all(g in str(err.value) for g in gained), str(err.value)
    out = agentconv.convert_text(src, "kilo", from_=from_, path=path, policy=agentconv.Policy(allow_broaden=True))
    assert any(all(g in m for g in gained) for m in _said(out, "tool-broadened"))


# ["edit", {fileRegex}] is tested by Kilo as a path wildcard: `\.md$` lets the mode edit no file there (kilo debug agent:
# edit off). Said for kilo only.
def test_kilo_file_regex_is_a_wildcard_there():
    src = ('---\ndescription: Docs.\npermission:\n  "*": deny\n  read: allow\n  grep: allow\n  glob: allow\n'
           '  list: allow\n  webfetch: allow\n  websearch: allow\n  edit:\n    "*": deny\n    "*.md": allow\n---\nDo.\n')
    kw = dict(from_="opencode", path=".opencode/agent/docs.md", policy=agentconv.Policy(allow_broaden=True))
    out = agentconv.convert_text(src, "kilo", **kw)
    assert "fileRegex: \\.md$" in out.text
    assert any("\\\\.md$" in m and "path wildcard" in m for m in _said(out, "tool-narrowed")), _said(out, "tool-narrowed")
    assert not _said(agentconv.convert_text(src, "roo", **kw), "tool-narrowed")


# A Roo file given `--to kilo` came back as it was, unchecked: Kilo runs a `browser` group as bash and gives the mode
# its web tools. The text stays as it came; what Kilo makes of it is said (refused without --allow-broaden).
def test_a_roo_file_copied_for_kilo_is_still_judged():
    src = "customModes:\n  - slug: b\n    name: B\n    roleDefinition: r\n    groups: [read, browser]\n"
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(src, "kilo", from_="roo", path=".roomodes")
    assert "bash" in str(err.value) and "webfetch" in str(err.value)
    out = agentconv.convert_text(src, "kilo", from_="roo", path=".roomodes", policy=agentconv.Policy(allow_broaden=True))
    assert out.text == src and any("bash" in m for m in _said(out, "tool-broadened"))
    same = agentconv.convert_text(src, "roo", from_="roo", path=".roomodes")
    assert same.text == src and not _said(same, "tool-broadened")
