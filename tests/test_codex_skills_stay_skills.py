"""`migrate --to codex` keeps a Claude Code skill a skill, where Codex reads it: `.agents/skills/NAME/SKILL.md` (openai/codex
codex-rs/core-skills/src/loader.rs repo_agents_skill_roots; Codex's own migration of a Claude Code project copies
`.claude/skills/*` folders to `.agents/skills/`, codex-rs/core/src/external_agent_config.rs import_skills). It was
written as a Codex custom agent (`.codex/agents/NAME.toml`), which Codex's model spawns as a subagent instead of
loading it on demand. And a command's placeholder Codex does not expand is a warning there: a Codex skill has no
arguments (the user's words stay in their message), and Codex's own migration skips a command holding `$ARGUMENTS`,
`$N`, `!`cmd`` (has_unsupported_command_template_features). Synthetic fixtures only."""
from __future__ import annotations

from pathlib import Path

from test_codex_skills_route import put

from agentconv.migration import migrate, routed

SKILL = "---\nname: lint\ndescription: Lint the code when asked to check style\n---\nRun the linter.\n"
USER_ONLY = "---\nname: ship\ndescription: Ship it\ndisable-model-invocation: true\n---\nShip the app.\n"
COMMAND = "---\ndescription: Review a PR\n---\nReview PR $ARGUMENTS now.\n"


def test_codex_routes_skills_to_skills() -> None:
    assert routed(("codex",), "skill") == [("skill", "codex")]
    assert routed(("codex", "skill"), "skill") == [("skill", None)]  # asked for both: written once, as asked


def test_a_claude_skill_goes_where_codex_reads_skills_as_it_came(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    put(root, ".claude/skills/lint/SKILL.md", SKILL)
    out = migrate(root, ["codex"], jobs=1)
    assert {r.source: (r.target, r.target_dialect) for r in out.records if r.target} == \
        {".claude/skills/lint/SKILL.md": (".agents/skills/lint/SKILL.md", "skill")}
    assert (root / ".agents/skills/lint/SKILL.md").read_text() == SKILL
    assert not (root / ".codex/agents/lint.toml").exists()


def test_a_skill_already_where_codex_reads_it_is_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    put(root, ".agents/skills/lint/SKILL.md", SKILL)
    out = migrate(root, ["codex"], jobs=1)
    assert [(r.source, r.status) for r in out.records] == [(".agents/skills/lint/SKILL.md", "skipped")]
    assert (root / ".agents/skills/lint/SKILL.md").read_text() == SKILL


def test_a_skill_only_the_user_runs_gets_its_codex_policy_file(tmp_path: Path) -> None:
    """Codex reads who runs a skill from its agents/openai.yaml (codex.toml [skill_metadata]): written beside the
    SKILL.md, which stays as it came; nothing lost."""
    root = tmp_path / "repo"
    put(root, ".claude/skills/ship/SKILL.md", USER_ONLY)
    out = migrate(root, ["codex"], jobs=1)
    assert not [i for r in out.records for i in r.losses if i["code"] == "kind-changed"]
    assert (root / ".agents/skills/ship/SKILL.md").read_text() == USER_ONLY
    assert (root / ".agents/skills/ship/agents/openai.yaml").read_text() == \
        "policy:\n  allow_implicit_invocation: false\n"
    assert sorted((r.source, r.target) for r in out.records if r.target) == [
        (".claude/skills/ship/SKILL.md", ".agents/skills/ship/SKILL.md"),
        (".claude/skills/ship/agents/openai.yaml", ".agents/skills/ship/agents/openai.yaml")]  # the one it would hold


def test_a_command_placeholder_codex_does_not_expand_is_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    put(root, ".claude/commands/review.md", COMMAND)
    out = migrate(root, ["codex"], jobs=1)
    items = [i for r in out.records for i in r.losses if i["code"] == "placeholder-unsupported"]
    assert len(items) == 1 and items[0]["severity"] == "warning"
    assert "'$ARGUMENTS'" in items[0]["message"] and "codex" in items[0]["message"]
    assert "Review PR $ARGUMENTS now." in (root / ".agents/skills/review/SKILL.md").read_text()  # the text unchanged


def test_the_same_command_to_the_skill_dialect_stays_info(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    put(root, ".claude/commands/review.md", COMMAND)
    out = migrate(root, ["skill"], jobs=1)
    codes = [i["code"] for r in out.records for i in r.losses]
    assert "placeholder-respelled" in codes and "placeholder-unsupported" not in codes


def test_a_skills_other_files_go_with_it(tmp_path: Path) -> None:
    """Its references and scripts, byte for byte, beside the SKILL.md Codex reads (Codex's own migration copies the
    whole folder); a skill in a folder below is its own record, not a file of this one."""
    root = tmp_path / "repo"
    put(root, ".claude/skills/lint/SKILL.md", SKILL)
    put(root, ".claude/skills/lint/references/rules.md", "# Rules\n")
    (root / ".claude/skills/lint/tools").mkdir(parents=True)
    (root / ".claude/skills/lint/tools/run.sh").write_bytes(b"#!/bin/sh\nruff .\n\xff\n")
    out = migrate(root, ["codex"], jobs=1)
    assert {r.source: r.target for r in out.records if r.target} == {
        ".claude/skills/lint/SKILL.md": ".agents/skills/lint/SKILL.md",
        ".claude/skills/lint/references/rules.md": ".agents/skills/lint/references/rules.md",
        ".claude/skills/lint/tools/run.sh": ".agents/skills/lint/tools/run.sh"}
    assert (root / ".agents/skills/lint/tools/run.sh").read_bytes() == b"#!/bin/sh\nruff .\n\xff\n"
    assert (root / ".agents/skills/lint/references/rules.md").read_text() == "# Rules\n"
    copied = [i["message"] for r in out.records for i in r.losses if i["code"] == "file-copied"]
    assert copied == [".claude/skills/lint/references/rules.md: not a record; copied as it is",
                      ".claude/skills/lint/tools/run.sh: not a record; copied as it is"]
    again = migrate(root, ["codex"], jobs=1)
    assert {r.status for r in again.records if r.target} == {"unchanged"}


def test_sync_removes_a_copied_file_whose_source_is_gone(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    put(root, ".claude/skills/lint/SKILL.md", SKILL)
    ref = put(root, ".claude/skills/lint/references/rules.md", "# Rules\n")
    migrate(root, ["codex"], jobs=1, remove_orphans=True)
    assert (root / ".agents/skills/lint/references/rules.md").is_file()
    ref.unlink()
    again = migrate(root, ["codex"], jobs=1, remove_orphans=True)
    assert {r.target: r.status for r in again.records if r.status == "removed"} == \
        {".agents/skills/lint/references/rules.md": "removed"}
    assert (root / ".agents/skills/lint/SKILL.md").is_file()
