"""Codex CLI loads no custom prompts since codex-cli 0.117.0 (openai/codex PR #14987, #16115): `migrate --to codex`
(and `sync`) write a repository's commands as skills where Codex reads them (`.agents/skills/NAME/SKILL.md`, openai/codex
codex-rs/core-skills/src/loader.rs repo_agents_skill_roots; `~/.agents/skills/` for the user), and `--to codex-prompt`,
still written when asked by name, says that a current Codex ignores the file (`dialect-retired`).
Synthetic fixtures only."""
from __future__ import annotations

from pathlib import Path

import pytest

from agentconv import api
from agentconv.loss import LossCode
from agentconv.migration import migrate, routed

COMMAND = "---\ndescription: Review a PR\nargument-hint: [pr]\n---\nReview PR $ARGUMENTS now.\n"
USER_ONLY = "---\ndescription: Deploy it\ndisable-model-invocation: true\n---\nDeploy the app.\n"
PROMPT = "---\ndescription: Fix an issue\n---\nFix issue $1 with care.\n"


def put(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def written(outcome) -> dict[str, tuple[str, str]]:
    return {r.source: (r.target, r.target_dialect) for r in outcome.records if r.target}


def codes(outcome, source: str) -> list[str]:
    return [i["code"] for r in outcome.records if r.source == source for i in r.losses]


def test_codex_routes_commands_to_skills_not_prompts() -> None:
    assert routed(("codex",), "command") == [("skill", "codex")]
    assert routed(("codex",), "agent") == [("codex", None)]
    assert routed(("codex", "skill"), "command") == [("skill", None)]  # asked for both: written once, as asked


def test_migrate_to_codex_writes_commands_as_skills_codex_reads(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    put(root, ".claude/commands/review.md", COMMAND)
    put(root, ".codex/prompts/fix.md", PROMPT)
    out = migrate(root, ["codex"], jobs=1)
    assert sorted((r.source, r.target, r.target_dialect) for r in out.records if r.target) == [
        (".claude/commands/review.md", ".agents/skills/review/SKILL.md", "skill"),
        (".codex/prompts/fix.md", ".agents/skills/fix/SKILL.md", "skill"),
        (".codex/prompts/fix.md#agents/openai.yaml", ".agents/skills/fix/agents/openai.yaml", "skill")]  # only the user ran it
    assert not (root / ".codex/prompts/review.md").exists()
    skill = (root / ".agents/skills/review/SKILL.md").read_text()
    assert skill.startswith("---\nname: review\ndescription: Review a PR\n")  # Codex's loader: name and description
    assert "Review PR $ARGUMENTS now." in skill
    # the losses of a command written as a skill, and where it went
    assert codes(out, ".claude/commands/review.md").count("kind-mapped") == 2
    assert "placeholder-respelled" in codes(out, ".claude/commands/review.md")
    # a Codex prompt only the user ran: a skill only the user runs, which Codex reads from its agents/openai.yaml
    fix = codes(out, ".codex/prompts/fix.md")
    assert "kind-changed" not in fix and "dialect-retired" not in fix and "value-respelled" in fix
    assert (root / ".agents/skills/fix/agents/openai.yaml").read_text() == "policy:\n  allow_implicit_invocation: false\n"
    assert not (root / ".agents/skills/review/agents/openai.yaml").exists()


def test_a_command_the_model_may_run_gets_no_invocation_warning(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    put(root, ".claude/commands/review.md", COMMAND)
    put(root, ".claude/commands/deploy.md", USER_ONLY)
    out = migrate(root, ["codex"], jobs=1)
    assert "value-respelled" not in codes(out, ".claude/commands/review.md")
    assert "value-respelled" in codes(out, ".claude/commands/deploy.md")
    assert "disable-model-invocation: true" in (root / ".agents/skills/deploy/SKILL.md").read_text()
    assert (root / ".agents/skills/deploy/agents/openai.yaml").is_file()
    assert not (root / ".agents/skills/review/agents").exists()


def test_user_scope_puts_codex_skills_in_the_home_agents_folder(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for var in ("CLAUDE_CONFIG_DIR", "CODEX_HOME", "GEMINI_CLI_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(var, raising=False)
    put(home, ".claude/commands/review.md", COMMAND)
    out = migrate(None, ["codex"], scope="user", jobs=1)
    assert written(out) == {".claude/commands/review.md": (".agents/skills/review/SKILL.md", "skill")}
    assert (home / ".agents/skills/review/SKILL.md").is_file()


def test_sync_removes_the_skill_of_a_command_that_is_gone(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    src = put(root, ".claude/commands/review.md", COMMAND)
    migrate(root, ["codex"], from_="claude-command", jobs=1, remove_orphans=True)  # as `agentconv sync` runs it
    assert (root / ".agents/skills/review/SKILL.md").is_file()
    src.unlink()
    again = migrate(root, ["codex"], from_="claude-command", jobs=1, remove_orphans=True)
    assert {r.target: r.status for r in again.records if r.target} == {".agents/skills/review/SKILL.md": "removed"}
    assert not (root / ".agents/skills/review").exists()


def test_codex_prompt_is_still_written_when_asked_with_a_warning() -> None:
    doc, report = api.read_text(COMMAND, "claude-command", path=".claude/commands/review.md")
    result = api.write_all(doc, "codex-prompt", report=report)[0]
    assert result.path == ".codex/prompts/review.md"
    retired = [i for i in result.report.items if i.code is LossCode.DIALECT_RETIRED]
    assert len(retired) == 1 and retired[0].severity.value == "warning"
    assert "Codex 0.117.0 and later load no custom prompts" in retired[0].message
    assert ".agents/skills/NAME/SKILL.md" in retired[0].message


def test_a_codex_prompt_converted_to_itself_is_unchanged_and_warned() -> None:
    text = "---\ndescription: Fix it\nargument-hint: ISSUE=<n>\n---\nFix $ISSUE, cost $$5.\n"
    doc, report = api.read_text(text, "codex-prompt", path=".codex/prompts/fix.md")
    result = api.write_all(doc, "codex-prompt", report=report)[0]
    assert result.text == text
    assert [i.code for i in result.report.items].count(LossCode.DIALECT_RETIRED) == 1


def test_dialects_listing_says_codex_prompt_is_legacy() -> None:
    from agentconv import registry
    from agentconv.catalogue import dialect_row

    assert dialect_row(registry.get("codex-prompt"))["title"] == \
        "OpenAI Codex custom prompt (legacy: Codex 0.117.0+ loads none)"
    assert dialect_row(registry.get("codex"))["title"] == "OpenAI Codex custom agent"
