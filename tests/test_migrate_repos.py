"""Whole-repository ``migrate``/``sync`` hazards found on real repositories (the /var/tmp/repomig harness), each
with a small synthetic repository: the default repository ``.``, merged targets, accounting, idempotence."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from agentconv import migration
from agentconv.loss import Policy


def exe() -> list[str]:
    e = Path(sys.executable).with_name("agentconv")
    return [str(e)] if e.exists() else [sys.executable, "-m", "agentconv"]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(exe() + list(args), cwd=cwd, capture_output=True, text=True, timeout=300)


def agent(root: Path, name: str, extra: str = "") -> None:
    p = root / ".claude" / "agents" / f"{name}.md"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(f"---\nname: {name}\ndescription: Reviews {name}.\n{extra}---\nBody of {name}.\n", "utf-8")


def test_a_target_at_the_root_of_the_current_directory_is_written(tmp_path, monkeypatch) -> None:
    """``migrate --to roo`` run in the repository (the default ``.``): the ``.roomodes`` at its root failed, "cannot
    write: No such file or directory" (the folder of ``.roomodes`` is ``''``), in every repository; a second run
    reports it unchanged."""
    agent(tmp_path, "a")
    r = cli("migrate", "--to", "roo", "--json", "-j", "1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert [f["status"] for f in json.loads(r.stdout)["files"]] == ["converted"]
    assert "slug: a" in (tmp_path / ".roomodes").read_text("utf-8")
    monkeypatch.chdir(tmp_path)
    again = migration.migrate(".", ["roo"], jobs=1)
    assert [x.status for x in again.records] == ["unchanged"] and again.summary.exit_code() == 0


def test_a_merged_target_that_cannot_be_written_fails_every_source_with_why(tmp_path) -> None:
    """Two agents merged into one ``.roomodes`` that cannot be written (a folder holds its name): every source's record
    says why (the second had status ``failed`` and no error, in --json and on stderr)."""
    agent(tmp_path, "a")
    agent(tmp_path, "b")
    (tmp_path / ".roomodes").mkdir()
    got = migration.migrate(tmp_path, ["roo"], jobs=1)
    assert [(x.status, x.exit_code) for x in got.records] == [("failed", 7), ("failed", 7)]
    assert all(x.error and ".roomodes" in x.error for x in got.records), [x.error for x in got.records]


def test_a_merged_target_that_is_a_source_fails_every_source_it_would_hold(tmp_path) -> None:
    """A repository with its own ``.roomodes`` and two Claude agents, ``--to roo``: the file is a source, never
    replaced; the first agent's record said so and the second's said ``converted``, though nothing was written."""
    agent(tmp_path, "a")
    agent(tmp_path, "b")
    modes = "customModes:\n  - slug: r\n    name: R\n    roleDefinition: x\n    groups: [read]\n"
    (tmp_path / ".roomodes").write_text(modes, "utf-8")
    got = {x.source: x for x in migration.migrate(tmp_path, ["roo"], jobs=1).records}
    assert {s: got[s].status for s in got} == {".roomodes": "skipped", ".claude/agents/a.md": "failed",
                                                ".claude/agents/b.md": "failed"}
    assert all("refusing to overwrite a source" in got[s].error for s in (".claude/agents/a.md", ".claude/agents/b.md"))
    assert got[".claude/agents/a.md"].error == got[".claude/agents/b.md"].error  # one line on stderr, not one per source
    assert (tmp_path / ".roomodes").read_text("utf-8") == modes


def test_every_file_a_user_could_take_for_an_agent_is_accounted_for(tmp_path) -> None:
    """Files at the tools' places that migrate does not read (a Cursor command below a sub-folder, instructions, nested
    AGENTS.md, a README in an agents folder) were left out of the report without a word; each is ``skipped`` with why,
    and a source already in the target dialect says so. Nothing is written for them. Kiro's Markdown agents, once
    skipped here, are the kiro-md dialect's and converted; so are Cursor's commands (cursor-command), once skipped, into
    the target's command dialect."""
    agent(tmp_path, "a")
    for rel, text in {".kiro/agents/k.md": "---\nname: k\n---\nKiro.\n", ".cursor/commands/ship.md": "Ship it.\n", ".cursor/commands/git/ship.md": "Ship it.\n",
                      "AGENTS.md": "# Rules\n", "pkg/sub/AGENTS.md": "# More\n", ".claude/agents/README.md": "# About\n",
                      ".github/copilot-instructions.md": "Be brief.\n", "docs/guide.md": "# Not an agent\n",
                      ".github/agents/c.agent.md": "---\ndescription: C\n---\nC.\n"}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    got = {x.source: x for x in migration.migrate(tmp_path, ["copilot"], jobs=1).records}
    why = {s: (r.status, r.error) for s, r in got.items() if r.status == "skipped"}
    assert set(why) == {".cursor/commands/git/ship.md", "AGENTS.md", "pkg/sub/AGENTS.md",
                        ".claude/agents/README.md", ".github/copilot-instructions.md", ".github/agents/c.agent.md"}
    assert all(e for _, e in why.values()), why
    assert "Cursor command" in why[".cursor/commands/git/ship.md"][1]
    assert got[".cursor/commands/ship.md"].status == "converted"
    assert (tmp_path / ".github" / "prompts" / "ship.prompt.md").read_text("utf-8").endswith("Ship it.\n")
    assert got[".claude/agents/a.md"].status == "converted" and "docs/guide.md" not in got
    assert got[".kiro/agents/k.md"].status == "converted"
    assert sorted(p.name for p in (tmp_path / ".github" / "agents").iterdir()) == ["a.agent.md", "c.agent.md", "k.agent.md"]
    r = cli("migrate", ".", "--to", "copilot", "-v", cwd=tmp_path)
    assert r.returncode == 0 and "AGENTS.md: skipped: an AGENTS.md file" in r.stderr, r.stderr


def test_a_file_git_tracks_is_read_though_gitignore_names_it(tmp_path) -> None:
    """``.gitignore`` holds ``.gemini/`` but the agents there are committed (``git add -f``): git ignores only what it
    does not track (gitignore(5)), so they are sources; they were dropped without a word. An ignored file git does not
    track is reported as skipped, with why. The index is read by agentconv (v2 and v4), no git program is run."""
    for name in ("t", "u"):
        p = tmp_path / ".gemini" / "agents" / f"{name}.md"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"---\nname: {name}\ndescription: Agent {name}.\n---\nBody.\n", "utf-8")
    (tmp_path / ".gitignore").write_text(".gemini/\n", "utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-f", ".gitignore", ".gemini/agents/t.md"], check=True)
    for version in ("2", "4"):
        subprocess.run(git + ["update-index", "--index-version", version], check=True)
        got = {x.source: x for x in migration.migrate(tmp_path, ["claude"], mode="plan").records}
        assert got[".gemini/agents/t.md"].status == "planned", version
        assert got[".gemini/agents/u.md"].status == "skipped" and "ignored by git" in got[".gemini/agents/u.md"].error


def test_a_file_taken_for_another_sources_output_is_accounted_for(tmp_path) -> None:
    """A fresh clone (no manifest) holding one agent in two dialects, the Claude file exactly the conversion of the
    Codex one: the Claude file is taken for an output, not a source, and was dropped from the report without a word;
    it is ``skipped``, naming the source it is the output of."""
    from agentconv import api

    codex = tmp_path / ".codex" / "agents" / "r.toml"
    codex.parent.mkdir(parents=True)
    codex.write_text('name = "r"\ndescription = "Reviews."\nsandbox_mode = "read-only"\n'
                     'developer_instructions = """\nReview.\n"""\n', "utf-8")
    claude = tmp_path / ".claude" / "agents" / "r.md"
    claude.parent.mkdir(parents=True)
    claude.write_text(api.convert(codex, "claude", from_="codex", path=".codex/agents/r.toml",
                                  policy=Policy(allow_broaden=True, placed=True)).text, "utf-8")
    got = {x.source: x for x in migration.migrate(tmp_path, ["claude"], mode="plan",
                                                  policy=Policy(allow_broaden=True)).records}
    assert got[".claude/agents/r.md"].status == "skipped", got
    assert "the output of .codex/agents/r.toml" in got[".claude/agents/r.md"].error


def test_a_data_file_in_an_opencode_agents_folder_is_no_agent(tmp_path) -> None:
    """OpenCode loads ``{agent,agents}/**/*.md`` and ``{command,commands}/**/*.md`` only (config/agent.ts, config.ts):
    a catalogue's ``category.json`` beside the agents was read as an agent, its JSON the prompt, and written as a
    Claude agent; it is skipped, with why, as is a Markdown file in Codex's TOML agents folder."""
    for rel, text in {".opencode/agent/team/category.json": '{"name": "Team", "agents": {}}\n',
                      ".opencode/command/notes.json": '{"x": 1}\n', ".codex/agents/notes.md": "# Notes\n",
                      ".opencode/agent/team/lead.md": "---\ndescription: Leads.\n---\nLead.\n"}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    got = {x.source: x for x in migration.migrate(tmp_path, ["claude"], mode="plan").records}
    assert got[".opencode/agent/team/lead.md"].status == "planned"
    for rel in (".opencode/agent/team/category.json", ".opencode/command/notes.json", ".codex/agents/notes.md"):
        assert got[rel].status == "skipped" and "not a file its tool loads there" in got[rel].error, (rel, got[rel])


def test_a_plugin_manifest_is_accounted_for(tmp_path) -> None:
    """A marketplace repository's ``.claude-plugin/marketplace.json`` and each plugin's ``plugin.json`` were left out of
    the report (their plugins' agents are read); each is skipped, saying how the package converts."""
    for rel, text in {".claude-plugin/marketplace.json": '{"name": "m", "plugins": []}\n',
                      "plugins/p/.claude-plugin/plugin.json": '{"name": "p"}\n',
                      "plugins/p/agents/a.md": "---\nname: a\ndescription: A.\n---\nA.\n"}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    got = {x.source: x for x in migration.migrate(tmp_path, ["copilot"], mode="plan").records}
    assert got["plugins/p/agents/a.md"].status == "planned"
    for rel in (".claude-plugin/marketplace.json", "plugins/p/.claude-plugin/plugin.json"):
        assert got[rel].status == "skipped" and "agent-plugins" in got[rel].error, got[rel]
