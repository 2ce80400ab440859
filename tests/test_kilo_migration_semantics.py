"""`--to kilo` (.kilocodemodes, which Kilo CLI 7 migrates to agents) says what Kilo gives, in Kilo's terms.

Kilo-Org/kilocode packages/opencode/src/kilocode/modes-migrator.ts convertPermissions writes every group it keeps as
`allow` (`command` -> `bash: allow`) after Kilo's own rules, whose default for bash is ask; @kilocode/cli 7.7.9
`kilo debug agent` on a migrated mode with groups [read, command] (offline, 2026-11-28): last bash rule `* allow`, and
task, todowrite, skill, board_*, cron_* ... on whatever the groups. Before, a tool the source asked about was said
"left to kilo's own approval settings" and what every mode gets was named in Roo's words (new_task, "Roo asks")."""
import pytest

import agentconv
from agentconv.errors import BroadenError

ASKS = ("---\ndescription: Runs the tests.\nmode: subagent\npermission:\n  \"*\": deny\n  read: allow\n  bash: ask\n"
        "  webfetch: allow\n  websearch: allow\n---\n\nRun them.\n")
OPENCODE = ".opencode/agents/runner.md"
CLAUDE = "---\nname: runner\ndescription: Runs the tests.\ntools: Read, Bash\n---\n\nRun them.\n"
BROADEN = agentconv.Policy(allow_broaden=True)


def test_an_asked_tool_written_for_kilo_is_a_widening_refused():
    with pytest.raises(BroadenError) as e:
        agentconv.convert_text(ASKS, "kilo", path=OPENCODE)
    assert "the ask before each call of bash cannot be kept in kilo" in str(e.value)
    assert "runs without asking" in str(e.value)


def test_with_allow_broaden_it_is_said_as_a_widening():
    out = agentconv.convert_text(ASKS, "kilo", path=OPENCODE, policy=BROADEN)
    said = [i for i in out.report if "the ask before each call of bash" in i.message]
    assert [i.code.value for i in said] == ["tool-broadened"]
    assert "approval settings" not in said[0].message
    assert "- command" in out.text


def test_roo_still_leaves_the_ask_to_its_approval_settings():
    out = agentconv.convert_text(ASKS, "roo", path=OPENCODE)
    said = [i for i in out.report if "the ask before each call of bash" in i.message]
    assert [i.code.value for i in said] == ["field-dropped"]
    assert "left to roo's own approval settings" in said[0].message


def test_what_every_mode_gets_is_named_in_kilos_terms():
    out = agentconv.convert_text(CLAUDE, "kilo", path=".claude/agents/runner.md", policy=BROADEN)
    every = [i.message for i in out.report if "every mode also has" in i.message]
    assert len(every) == 1
    assert "task, todowrite, skill" in every[0] and "cron_create" in every[0] and "board_post" in every[0]
    assert "new_task" not in every[0] and "Roo" not in every[0] and "Kilo does not ask first" in every[0]


def test_roo_wording_is_roos():
    out = agentconv.convert_text(CLAUDE, "roo", path=".claude/agents/runner.md")
    every = [i.message for i in out.report if "every mode also has" in i.message]
    assert len(every) == 1 and "new_task" in every[0] and "Roo asks the user first" in every[0]
    assert "cron_create" not in every[0]


def test_the_modes_written_are_the_same_for_both():
    kilo = agentconv.convert_text(CLAUDE, "kilo", path=".claude/agents/runner.md", policy=BROADEN).text
    roo = agentconv.convert_text(CLAUDE, "roo", path=".claude/agents/runner.md").text
    groups = lambda t: t.split("groups:", 1)[1]
    assert groups(kilo) == groups(roo)


# Kilo's own tools (cron_create, board_post, background_process ...) in a .kilo/agents file are built-ins, not the
# tools of MCP servers `cron` and `board`: read so, an allowlist granting one gave Claude `mcp__cron__create`.
KILO_AGENT = ".kilo/agents/sched.md"


def kilo_agent(permission: str) -> str:
    return f"---\ndescription: Plans.\nmode: subagent\npermission:\n{permission}---\n\nPlan.\n"


@pytest.mark.parametrize("to", ["claude", "copilot", "gemini", "kiro"])
def test_a_kilo_tool_is_never_read_as_an_mcp_tool(to):
    out = agentconv.convert_text(kilo_agent('  "*": deny\n  read: allow\n  cron_create: allow\n'), to, path=KILO_AGENT)
    assert "cron" not in out.text.split("agentconv-carry")[0]
    agent = agentconv.read_text(out.text, to)[0].agent
    assert not any((g.canonical or "").startswith("mcp:") for g in agent.tools.grants)
    said = [i for i in out.report if i.code.value == "tool-unmapped"]
    assert len(said) == 1 and "'cron_create'" in said[0].message


def test_kilo_tools_read_as_unknown_and_kept_in_kilo():
    text = kilo_agent("  cron_create: deny\n  board_post: deny\n  background_process: deny\n")
    doc, _ = agentconv.read_text(text, "opencode", path=KILO_AGENT)
    assert [(g.raw, g.canonical, g.decision) for g in doc.agent.tools.grants] == [
        ("cron_create", None, "deny"), ("board_post", None, "deny"), ("background_process", None, "deny")]
    assert agentconv.convert_text(text, "kilo-agents", path=KILO_AGENT).text == text
