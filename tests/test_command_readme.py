"""A README.md in a command folder is a command for migrate as for `convert DIR`.

Claude Code 2.1.332 loads every `*.md` of `.claude/commands` as a command (its loadMarkdownFilesFromDir: ripgrep
`--files --hidden --follow --no-ignore --glob *.md`, or a walk keeping each name ending in `.md`; the commands loader
leaves out only a folder's other files beside its SKILL.md; read in the binary, 2026-11-29): a README.md there is
`/README`. `convert DIR` converted it; `migrate` skipped it as "a project's own documentation", so the two disagreed.
A README.md in an agents folder is still no agent.
"""
from __future__ import annotations

from agentconv import batch, migration


def test_migrate_converts_a_command_folders_readme_as_convert_dir_does(tmp_path) -> None:
    files = {".claude/commands/ship.md": "---\ndescription: Ship it\n---\nShip $ARGUMENTS.\n",
             ".claude/commands/README.md": "# Commands\n\nOur commands.\n",
             ".claude/agents/README.md": "# Agents\n"}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    got = {r.source: r.status for r in migration.migrate(tmp_path, ["opencode"], jobs=1).records}
    assert got == {".claude/commands/ship.md": "converted", ".claude/commands/README.md": "converted",
                   ".claude/agents/README.md": "skipped"}
    skipped: list[str] = []
    taken = {e.path.relative_to(tmp_path).as_posix() for e in batch.discover(
        [tmp_path / ".claude"], on_skip=lambda p, why: skipped.append(p.relative_to(tmp_path).as_posix()))}
    assert taken == {".claude/commands/ship.md", ".claude/commands/README.md"}
    assert skipped == [".claude/agents/README.md"]
